//! Ranking metrics over one ranked list of document ids and the judged grades of a query.
//!
//! - **nDCG@k**: DCG of the first `k` results over the DCG of the ideal ranking of the
//!   judged documents, with linear gain (the grade) and the standard log2 discount:
//!   `DCG@k = Σ_{i=1..k} grade_i / log2(i + 1)` (Järvelin and Kekäläinen; trec_eval's
//!   `ndcg_cut`). The ideal ranking sorts every judged relevant document by grade, so a
//!   relevant document the engine never returned still counts against it.
//! - **recall@k**: the share of the relevant documents (grade > 0) found in the first `k`.
//! - **reciprocal rank**: `1 / rank` of the first relevant result, 0 when none was returned;
//!   its mean over queries is the MRR.
//!
//! Every metric is 0 for a query with no relevant document. A document listed twice in the
//! ranking counts once, at its first position (the later copy gains nothing).

use std::collections::{HashMap, HashSet};

/// Grades of the judged documents of one query, by document id; grade 0 means judged not
/// relevant (the same as not judged).
pub type Grades = HashMap<String, u32>;

/// The ranking with later duplicates replaced by `None`.
fn first_occurrences<S: AsRef<str>>(ranked: &[S]) -> impl Iterator<Item = Option<&str>> {
    let mut seen = HashSet::new();
    ranked.iter().map(move |id| {
        let id = id.as_ref();
        seen.insert(id).then_some(id)
    })
}

fn discount(rank: usize) -> f64 {
    // rank is 1-based: 1 / log2(rank + 1).
    1.0 / ((rank + 1) as f64).log2()
}

/// Discounted cumulative gain of grades listed in rank order, cut at `k`.
pub fn dcg_at_k(grades_in_rank_order: &[u32], k: usize) -> f64 {
    grades_in_rank_order
        .iter()
        .take(k)
        .enumerate()
        // fold from +0.0: an empty f64 sum is -0.0, which would print as "-0.00".
        .fold(0.0, |dcg, (i, &grade)| {
            dcg + f64::from(grade) * discount(i + 1)
        })
}

/// Normalised DCG of `ranked` at `k` (0 to 1).
pub fn ndcg_at_k<S: AsRef<str>>(ranked: &[S], grades: &Grades, k: usize) -> f64 {
    let mut ideal: Vec<u32> = grades.values().copied().filter(|&g| g > 0).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let ideal_dcg = dcg_at_k(&ideal, k);
    if ideal_dcg <= 0.0 {
        return 0.0;
    }
    let gained: Vec<u32> = first_occurrences(ranked)
        .map(|id| id.and_then(|id| grades.get(id)).copied().unwrap_or(0))
        .collect();
    dcg_at_k(&gained, k) / ideal_dcg
}

/// Number of relevant (grade > 0) documents.
pub fn relevant_count(grades: &Grades) -> usize {
    grades.values().filter(|&&g| g > 0).count()
}

/// Share of the relevant documents found in the first `k` results (0 to 1).
pub fn recall_at_k<S: AsRef<str>>(ranked: &[S], grades: &Grades, k: usize) -> f64 {
    let relevant = relevant_count(grades);
    if relevant == 0 {
        return 0.0;
    }
    let found = first_occurrences(ranked)
        .take(k)
        .flatten()
        .filter(|id| grades.get(*id).is_some_and(|&g| g > 0))
        .count();
    found as f64 / relevant as f64
}

/// `1 / rank` of the first relevant result (ranks from 1), 0 when there is none.
pub fn reciprocal_rank<S: AsRef<str>>(ranked: &[S], grades: &Grades) -> f64 {
    ranked
        .iter()
        .position(|id| grades.get(id.as_ref()).is_some_and(|&g| g > 0))
        .map_or(0.0, |at| 1.0 / (at + 1) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grades(pairs: &[(&str, u32)]) -> Grades {
        pairs.iter().map(|(id, g)| (id.to_string(), *g)).collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn dcg_uses_linear_gain_and_log2_discount() {
        // 3/log2(2) + 2/log2(3) + 0 + 1/log2(5)
        let expected = 3.0 + 2.0 / 3f64.log2() + 1.0 / 5f64.log2();
        assert!(close(dcg_at_k(&[3, 2, 0, 1], 10), expected));
        assert!(close(dcg_at_k(&[3, 2, 0, 1], 1), 3.0));
        assert!(close(dcg_at_k(&[], 10), 0.0));
    }

    #[test]
    fn ndcg_of_a_hand_computed_ranking() {
        // Judged: a=2, b=1, c=1. Ranking: x (not judged), b, a.
        let judged = grades(&[("a", 2), ("b", 1), ("c", 1)]);
        let ranked = ["x", "b", "a"];
        let dcg = 1.0 / 3f64.log2() + 2.0 / 4f64.log2();
        let ideal = 2.0 + 1.0 / 3f64.log2() + 1.0 / 4f64.log2();
        assert!(close(ndcg_at_k(&ranked, &judged, 10), dcg / ideal));
        // At k = 1 the ideal is a (2) and the ranking has x (0).
        assert!(close(ndcg_at_k(&ranked, &judged, 1), 0.0));
    }

    #[test]
    fn perfect_rankings_score_one_and_equal_grades_tie() {
        let judged = grades(&[("a", 2), ("b", 1), ("c", 1)]);
        assert!(close(ndcg_at_k(&["a", "b", "c"], &judged, 10), 1.0));
        // b and c have the same grade: either order is ideal.
        assert!(close(ndcg_at_k(&["a", "c", "b"], &judged, 10), 1.0));
        assert!(close(ndcg_at_k(&["a", "c", "b", "z"], &judged, 3), 1.0));
    }

    #[test]
    fn unreturned_relevant_documents_lower_ndcg() {
        // All returned documents are relevant but a better one was missed.
        let judged = grades(&[("a", 2), ("b", 1)]);
        let ndcg = ndcg_at_k(&["b"], &judged, 10);
        let expected = 1.0 / (2.0 + 1.0 / 3f64.log2());
        assert!(close(ndcg, expected), "{ndcg}");
    }

    #[test]
    fn queries_without_relevant_documents_score_zero() {
        let none = Grades::new();
        let zero_graded = grades(&[("a", 0)]);
        for judged in [&none, &zero_graded] {
            assert_eq!(ndcg_at_k(&["a", "b"], judged, 10), 0.0);
            assert_eq!(recall_at_k(&["a", "b"], judged, 20), 0.0);
            assert_eq!(reciprocal_rank(&["a", "b"], judged), 0.0);
        }
        let empty: [&str; 0] = [];
        assert_eq!(ndcg_at_k(&empty, &none, 10), 0.0);
    }

    #[test]
    fn all_results_relevant() {
        let judged = grades(&[("a", 1), ("b", 1), ("c", 1)]);
        let ranked = ["c", "a", "b"];
        assert!(close(ndcg_at_k(&ranked, &judged, 10), 1.0));
        assert!(close(recall_at_k(&ranked, &judged, 20), 1.0));
        assert!(close(reciprocal_rank(&ranked, &judged), 1.0));
    }

    #[test]
    fn k_larger_than_the_list() {
        let judged = grades(&[("a", 1), ("b", 1), ("c", 1), ("d", 1)]);
        let ranked = ["a", "x", "b"];
        assert!(close(recall_at_k(&ranked, &judged, 20), 0.5));
        assert!(close(recall_at_k(&ranked, &judged, 1), 0.25));
        let ideal: f64 = (1..=4).map(discount).sum();
        let dcg = 1.0 + 1.0 / 4f64.log2();
        assert!(close(ndcg_at_k(&ranked, &judged, 100), dcg / ideal));
    }

    #[test]
    fn reciprocal_rank_of_the_first_relevant_result() {
        let judged = grades(&[("c", 1), ("d", 2)]);
        assert!(close(
            reciprocal_rank(&["a", "b", "c", "d"], &judged),
            1.0 / 3.0
        ));
        assert_eq!(reciprocal_rank(&["a", "b"], &judged), 0.0);
    }

    #[test]
    fn duplicates_count_once() {
        let judged = grades(&[("a", 1), ("b", 1)]);
        assert!(close(recall_at_k(&["a", "a"], &judged, 20), 0.5));
        let dcg = 1.0;
        let ideal = 1.0 + 1.0 / 3f64.log2();
        assert!(close(ndcg_at_k(&["a", "a"], &judged, 10), dcg / ideal));
    }
}
