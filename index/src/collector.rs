//! Groups matching pages by document: per document the number of matching pages and its best
//! pages, read from the `document_id` fast field.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DateTime, DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::schema::names;

/// A matching page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PageMatch {
    pub score: Score,
    pub page_number: u64,
    /// Document date as seconds since the epoch, if any.
    pub date: Option<i64>,
    pub address: DocAddress,
}

impl PageMatch {
    /// Best first: higher score, then lower page number.
    fn better_than(&self, other: &PageMatch) -> bool {
        self.score > other.score
            || (self.score == other.score && self.page_number < other.page_number)
    }
}

/// The matching pages of one document.
#[derive(Debug, Clone, Default)]
pub(crate) struct Group {
    pub matching_pages: usize,
    /// Best pages first, at most the collector's `pages_per_group`.
    pub best_pages: Vec<PageMatch>,
}

impl Group {
    fn offer(&mut self, page: PageMatch, keep: usize) {
        let at = self
            .best_pages
            .iter()
            .position(|p| page.better_than(p))
            .unwrap_or(self.best_pages.len());
        if at < keep {
            self.best_pages.insert(at, page);
            self.best_pages.truncate(keep);
        }
    }

    fn merge(&mut self, other: Group, keep: usize) {
        self.matching_pages += other.matching_pages;
        for page in other.best_pages {
            self.offer(page, keep);
        }
    }

    /// Score of the document: that of its best page.
    pub fn score(&self) -> Score {
        self.best_pages.first().map_or(0.0, |p| p.score)
    }

    /// Date of the document (that of its best page).
    pub fn date(&self) -> Option<i64> {
        self.best_pages.first().and_then(|p| p.date)
    }
}

/// Collects [`Group`]s keyed by document id.
pub(crate) struct GroupCollector {
    pub pages_per_group: usize,
}

pub(crate) struct GroupSegmentCollector {
    segment_ord: SegmentOrdinal,
    keep: usize,
    ids: StrColumn,
    page_numbers: Column<u64>,
    dates: Column<DateTime>,
    groups: HashMap<u64, Group>,
}

impl Collector for GroupCollector {
    type Fruit = HashMap<String, Group>;
    type Child = GroupSegmentCollector;

    fn for_segment(
        &self,
        segment_ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<GroupSegmentCollector> {
        let fast_fields = segment.fast_fields();
        let ids = fast_fields.str(names::DOCUMENT_ID)?.ok_or_else(|| {
            tantivy::TantivyError::SchemaError("document_id is not a fast field".into())
        })?;
        let page_numbers = fast_fields.u64(names::PAGE_NUMBER)?;
        let dates = fast_fields.date(names::DOCUMENT_DATE)?;
        Ok(GroupSegmentCollector {
            segment_ord,
            keep: self.pages_per_group.max(1),
            ids,
            page_numbers,
            dates,
            groups: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(
        &self,
        segment_fruits: Vec<tantivy::Result<HashMap<String, Group>>>,
    ) -> tantivy::Result<HashMap<String, Group>> {
        let keep = self.pages_per_group.max(1);
        let mut merged: HashMap<String, Group> = HashMap::new();
        for fruit in segment_fruits {
            for (id, group) in fruit? {
                merged.entry(id).or_default().merge(group, keep);
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for GroupSegmentCollector {
    type Fruit = tantivy::Result<HashMap<String, Group>>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let Some(ord) = self.ids.term_ords(doc).next() else {
            return;
        };
        let page = PageMatch {
            score,
            page_number: self.page_numbers.first(doc).unwrap_or(0),
            date: self.dates.first(doc).map(DateTime::into_timestamp_secs),
            address: DocAddress::new(self.segment_ord, doc),
        };
        let group = self.groups.entry(ord).or_default();
        group.matching_pages += 1;
        group.offer(page, self.keep);
    }

    fn harvest(self) -> Self::Fruit {
        // Ordinals to ids in one sorted pass over the dictionary (one lookup per id would
        // re-read a dictionary block each time).
        let mut entries: Vec<(u64, Group)> = self.groups.into_iter().collect();
        entries.sort_unstable_by_key(|(ord, _)| *ord);
        let ords: Vec<u64> = entries.iter().map(|(ord, _)| *ord).collect();
        let mut ids = Vec::with_capacity(ords.len());
        self.ids
            .dictionary()
            .sorted_ords_to_term_cb(&ords, |bytes| {
                ids.push(String::from_utf8_lossy(bytes).into_owned());
            })?;
        if ids.len() != entries.len() {
            return Err(tantivy::TantivyError::InternalError(
                "document_id dictionary is missing ordinals".into(),
            ));
        }
        Ok(ids
            .into_iter()
            .zip(entries.into_iter().map(|(_, group)| group))
            .collect())
    }
}
