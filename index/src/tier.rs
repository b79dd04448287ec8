//! A query wrapper that maps its inner score into a fixed band.
//!
//! Ranking promises such as "an exact hit always ranks above a fuzzy-only hit" cannot rest on
//! boosts alone: a BM25 score has no upper bound that a boost could stay under (a rare word
//! repeated on a page scores high; a word on every page scores near zero). A [`TierQuery`]
//! squashes its inner score `s >= 0` into `[base, base + width)` with
//! `base + width * s / (s + SATURATION)`, which keeps the order of the inner scores inside
//! the band. Alternatives combined with a disjunction-max then rank by band first.

use std::fmt;

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, COLLECT_BLOCK_BUFFER_LEN};

/// Inner score at which a hit reaches the middle of its band (a typical BM25 score).
const SATURATION: Score = 3.0;

/// Score band of a direct match (the words as typed, stemmed or exact).
pub(crate) const DIRECT: (Score, Score) = (3.0, 1.0);
/// Score band of a match through a synonym or abbreviation.
pub(crate) const SYNONYM: (Score, Score) = (2.0, 1.0);
/// Score band of an OCR-tolerant (fuzzy) match.
pub(crate) const FUZZY: (Score, Score) = (1.0, 1.0);

/// See the module documentation.
pub(crate) struct TierQuery {
    inner: Box<dyn Query>,
    base: Score,
    width: Score,
}

impl TierQuery {
    pub(crate) fn new(inner: Box<dyn Query>, (base, width): (Score, Score)) -> Self {
        Self { inner, base, width }
    }

    /// A band scaled by `factor` (a synonym standing for several typed words).
    pub(crate) fn scaled(
        inner: Box<dyn Query>,
        (base, width): (Score, Score),
        factor: Score,
    ) -> Self {
        Self::new(inner, (base * factor, width * factor))
    }
}

impl Clone for TierQuery {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.box_clone(),
            base: self.base,
            width: self.width,
        }
    }
}

impl fmt::Debug for TierQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Tier(base={}, width={}, {:?})",
            self.base, self.width, self.inner
        )
    }
}

impl Query for TierQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let inner = self.inner.weight(enable_scoring)?;
        if !enable_scoring.is_scoring_enabled() {
            return Ok(inner);
        }
        Ok(Box::new(TierWeight {
            inner,
            base: self.base,
            width: self.width,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct TierWeight {
    inner: Box<dyn Weight>,
    base: Score,
    width: Score,
}

fn squash(score: Score, base: Score, width: Score) -> Score {
    let score = score.max(0.0);
    base + width * score / (score + SATURATION)
}

impl Weight for TierWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let inner = self.inner.scorer(reader, 1.0)?;
        Ok(Box::new(TierScorer {
            inner,
            base: self.base * boost,
            width: self.width * boost,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let inner = self.inner.explain(reader, doc)?;
        let mut explanation = Explanation::new_with_string(
            format!("tier [{}, {})", self.base, self.base + self.width),
            squash(inner.value(), self.base, self.width),
        );
        explanation.add_detail(inner);
        Ok(explanation)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.inner.count(reader)
    }
}

struct TierScorer {
    inner: Box<dyn Scorer>,
    base: Score,
    width: Score,
}

impl DocSet for TierScorer {
    fn advance(&mut self) -> DocId {
        self.inner.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.inner.seek(target)
    }

    fn seek_danger(&mut self, target: DocId) -> tantivy::SeekDangerResult {
        self.inner.seek_danger(target)
    }

    fn fill_buffer(&mut self, buffer: &mut [DocId; COLLECT_BLOCK_BUFFER_LEN]) -> usize {
        self.inner.fill_buffer(buffer)
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }

    fn cost(&self) -> u64 {
        self.inner.cost()
    }
}

impl Scorer for TierScorer {
    fn score(&mut self) -> Score {
        squash(self.inner.score(), self.base, self.width)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_do_not_overlap_and_keep_order() {
        let direct_low = squash(0.0001, DIRECT.0, DIRECT.1);
        let synonym_high = squash(1.0e6, SYNONYM.0, SYNONYM.1);
        let fuzzy_high = squash(1.0e6, FUZZY.0, FUZZY.1);
        assert!(direct_low > synonym_high);
        assert!(synonym_high > fuzzy_high);
        assert!(squash(2.0, 3.0, 1.0) < squash(2.5, 3.0, 1.0));
    }
}
