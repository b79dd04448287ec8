//! Groups matching pages by document, read from the `document_id` fast field: the best
//! documents of a whole search ([`TopDocumentsCollector`]), and every matching page of a few
//! chosen documents ([`GroupCollector`]).

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Mutex;

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
    /// OCR confidence of the page (0-1).
    pub confidence: f32,
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
    confidences: Column<f64>,
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
        let PageColumns {
            ids,
            page_numbers,
            dates,
            confidences,
        } = page_columns(segment)?;
        Ok(GroupSegmentCollector {
            segment_ord,
            keep: self.pages_per_group.max(1),
            ids,
            page_numbers,
            dates,
            confidences,
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
            confidence: self.confidences.first(doc).unwrap_or(0.0) as f32,
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

/// The best documents of a search without grouping every match: per segment, one slot per
/// document-id ordinal (dense arrays, reused between searches) holds the document's best page
/// and its number of matching pages; only the `k` best documents get their ids looked up.
///
/// `total_documents` adds up the documents of each segment: a document whose pages are spread
/// over two segments would count twice. [`SearchIndex::add_pages`](crate::SearchIndex) writes
/// all pages of a document in one operation batch, so they always share a segment.
pub(crate) struct TopDocumentsCollector {
    /// How many documents to keep (offset + limit of the request).
    pub k: usize,
}

/// What a [`TopDocumentsCollector`] found.
#[derive(Debug, Default)]
pub(crate) struct TopDocuments {
    pub total_documents: usize,
    pub total_pages: usize,
    /// The best `k` documents, best first, each with its best page only.
    pub top: Vec<(String, Group)>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    count: u32,
    best_doc: DocId,
    best_score: Score,
}

/// Slot arrays of finished searches, reused so that a search does not zero megabytes of
/// memory (one slot per document of a segment).
static SLOT_POOL: Mutex<Vec<Vec<Slot>>> = Mutex::new(Vec::new());
const POOLED_ARRAYS: usize = 8;

fn take_slots(len: usize) -> Vec<Slot> {
    let pooled = SLOT_POOL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .pop();
    let mut slots = pooled.unwrap_or_default();
    // Pooled arrays are all-default up to their length (see `give_back`).
    if slots.len() < len {
        slots.resize(len, Slot::default());
    }
    slots
}

fn give_back(mut slots: Vec<Slot>, touched: &[u32]) {
    for &ord in touched {
        slots[ord as usize] = Slot::default();
    }
    let mut pool = SLOT_POOL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if pool.len() < POOLED_ARRAYS {
        pool.push(slots);
    }
}

pub(crate) struct TopDocumentsSegmentCollector {
    segment_ord: SegmentOrdinal,
    k: usize,
    ids: StrColumn,
    page_numbers: Column<u64>,
    dates: Column<DateTime>,
    confidences: Column<f64>,
    slots: Vec<Slot>,
    touched: Vec<u32>,
    pages: usize,
}

impl Collector for TopDocumentsCollector {
    type Fruit = TopDocuments;
    type Child = TopDocumentsSegmentCollector;

    fn for_segment(
        &self,
        segment_ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<TopDocumentsSegmentCollector> {
        let PageColumns {
            ids,
            page_numbers,
            dates,
            confidences,
        } = page_columns(segment)?;
        let slots = take_slots(ids.dictionary().num_terms());
        Ok(TopDocumentsSegmentCollector {
            segment_ord,
            k: self.k,
            ids,
            page_numbers,
            dates,
            confidences,
            slots,
            touched: Vec::new(),
            pages: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(
        &self,
        fruits: Vec<tantivy::Result<TopDocuments>>,
    ) -> tantivy::Result<TopDocuments> {
        let mut merged = TopDocuments::default();
        let mut groups: HashMap<String, Group> = HashMap::new();
        for fruit in fruits {
            let fruit = fruit?;
            merged.total_documents += fruit.total_documents;
            merged.total_pages += fruit.total_pages;
            for (id, group) in fruit.top {
                groups.entry(id).or_default().merge(group, 1);
            }
        }
        let mut top: Vec<(String, Group)> = groups.into_iter().collect();
        top.sort_by(|(id_a, a), (id_b, b)| rank_order(a, b).then_with(|| id_a.cmp(id_b)));
        top.truncate(self.k);
        merged.top = top;
        Ok(merged)
    }
}

impl SegmentCollector for TopDocumentsSegmentCollector {
    type Fruit = tantivy::Result<TopDocuments>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let Some(ord) = self.ids.term_ords(doc).next() else {
            return;
        };
        self.pages += 1;
        let slot = &mut self.slots[ord as usize];
        if slot.count == 0 {
            self.touched.push(ord as u32);
            *slot = Slot {
                count: 1,
                best_doc: doc,
                best_score: score,
            };
            return;
        }
        slot.count += 1;
        let better = score > slot.best_score
            || (score == slot.best_score
                && self.page_numbers.first(doc) < self.page_numbers.first(slot.best_doc));
        if better {
            slot.best_doc = doc;
            slot.best_score = score;
        }
    }

    fn harvest(self) -> Self::Fruit {
        let page = |slot: &Slot| PageMatch {
            score: slot.best_score,
            page_number: self.page_numbers.first(slot.best_doc).unwrap_or(0),
            date: self
                .dates
                .first(slot.best_doc)
                .map(DateTime::into_timestamp_secs),
            confidence: self.confidences.first(slot.best_doc).unwrap_or(0.0) as f32,
            address: DocAddress::new(self.segment_ord, slot.best_doc),
        };
        // Score first, then date, then ordinal (ordinals follow the ids' sort order).
        let mut keyed: Vec<(Score, Option<i64>, u32)> = self
            .touched
            .iter()
            .map(|&ord| {
                let slot = &self.slots[ord as usize];
                let date = self
                    .dates
                    .first(slot.best_doc)
                    .map(DateTime::into_timestamp_secs);
                (slot.best_score, date, ord)
            })
            .collect();
        let order = |a: &(Score, Option<i64>, u32), b: &(Score, Option<i64>, u32)| {
            b.0.partial_cmp(&a.0)
                .unwrap_or(Ordering::Equal)
                .then_with(|| b.1.cmp(&a.1))
                .then_with(|| a.2.cmp(&b.2))
        };
        if self.k < keyed.len() {
            if self.k > 0 {
                keyed.select_nth_unstable_by(self.k - 1, order);
            }
            keyed.truncate(self.k);
        }
        let mut ords: Vec<u64> = keyed.iter().map(|(_, _, ord)| u64::from(*ord)).collect();
        ords.sort_unstable();
        let mut ids = Vec::with_capacity(ords.len());
        self.ids
            .dictionary()
            .sorted_ords_to_term_cb(&ords, |bytes| {
                ids.push(String::from_utf8_lossy(bytes).into_owned());
            })?;
        if ids.len() != ords.len() {
            return Err(tantivy::TantivyError::InternalError(
                "document_id dictionary is missing ordinals".into(),
            ));
        }
        let top = ords
            .iter()
            .zip(ids)
            .map(|(&ord, id)| {
                let slot = &self.slots[ord as usize];
                let group = Group {
                    matching_pages: slot.count as usize,
                    best_pages: vec![page(slot)],
                };
                (id, group)
            })
            .collect();
        let fruit = TopDocuments {
            total_documents: self.touched.len(),
            total_pages: self.pages,
            top,
        };
        give_back(self.slots, &self.touched);
        Ok(fruit)
    }
}

/// The fast fields the collectors read.
struct PageColumns {
    ids: StrColumn,
    page_numbers: Column<u64>,
    dates: Column<DateTime>,
    confidences: Column<f64>,
}

fn page_columns(segment: &SegmentReader) -> tantivy::Result<PageColumns> {
    let fast_fields = segment.fast_fields();
    let ids = fast_fields.str(names::DOCUMENT_ID)?.ok_or_else(|| {
        tantivy::TantivyError::SchemaError("document_id is not a fast field".into())
    })?;
    Ok(PageColumns {
        ids,
        page_numbers: fast_fields.u64(names::PAGE_NUMBER)?,
        dates: fast_fields.date(names::DOCUMENT_DATE)?,
        confidences: fast_fields.f64(names::CONFIDENCE)?,
    })
}

/// Documents by best page score, then newest first (dates break ties, e.g. for `*`).
pub(crate) fn rank_order(a: &Group, b: &Group) -> Ordering {
    b.score()
        .partial_cmp(&a.score())
        .unwrap_or(Ordering::Equal)
        .then_with(|| b.date().cmp(&a.date()))
}
