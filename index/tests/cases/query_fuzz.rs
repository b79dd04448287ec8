//! No query string can panic the parser or overflow its stack: random inputs (query
//! syntax fragments, arbitrary text, deep nesting, long `NOT` chains) either search or are
//! refused with `InvalidQuery`/`InvalidRequest`. Searches run on a thread with a small
//! stack (256 KiB, an eighth of a tokio worker's), so unbounded recursion would abort the
//! test binary rather than pass by luck.

use std::sync::Arc;

use paperlite_index::{Error, SearchIndex, SearchRequest};
use proptest::prelude::*;

use crate::support::{index_with, page};

const SMALL_STACK: usize = 256 * 1024;

fn sample_index() -> Arc<SearchIndex> {
    let pages = [
        page(
            "a",
            1,
            "Iron deficiency anaemia, ferritin 8. Colonoscopy booked.",
        ),
        page("b", 1, "Rectal bleeding for three months; weight loss."),
        page("c", 2, "Haemoglobn 92 g/L. Crohn's disease in remission."),
    ];
    Arc::new(index_with(&pages).expect("test index"))
}

/// Runs the search on a small-stack thread; `Err` names a panic.
fn search_on_small_stack(index: &Arc<SearchIndex>, query: String) -> Result<(), String> {
    let index = Arc::clone(index);
    let handle = std::thread::Builder::new()
        .stack_size(SMALL_STACK)
        .spawn(move || {
            let outcome = index.search(&SearchRequest::new(&query));
            match outcome {
                Ok(_) | Err(Error::InvalidQuery { .. } | Error::InvalidRequest { .. }) => Ok(()),
                Err(other) => Err(format!("{query:?}: not a user error: {other}")),
            }
        })
        .map_err(|e| e.to_string())?;
    handle
        .join()
        .map_err(|_| "the search panicked".to_string())?
}

/// Pieces of the query language, glued at random.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("(".to_string()),
        Just(")".to_string()),
        Just("NOT ".to_string()),
        Just(" AND ".to_string()),
        Just(" OR ".to_string()),
        Just("-".to_string()),
        Just("+".to_string()),
        Just("\"".to_string()),
        Just("*".to_string()),
        Just("^2".to_string()),
        Just("~2".to_string()),
        Just(":".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just(" TO ".to_string()),
        Just("'".to_string()),
        Just("\\".to_string()),
        Just(" ".to_string()),
        Just("date:".to_string()),
        Just("type:".to_string()),
        Just("patient:".to_string()),
        Just("page:".to_string()),
        Just("confidence:".to_string()),
        Just("IN [".to_string()),
        Just("anaemia".to_string()),
        Just("ferritin".to_string()),
        Just("haemat*".to_string()),
        Just("IDA".to_string()),
        Just("2023-05-01".to_string()),
        "[a-z]{1,8}",
        "[0-9]{1,12}",
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn query_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(fragment(), 0..40).prop_map(|parts| parts.concat()),
        2 => any::<String>(),
        1 => (0usize..3_000).prop_map(|n| format!("{}anaemia{}", "(".repeat(n), ")".repeat(n))),
        1 => (0usize..3_000).prop_map(|n| format!("{}anaemia", "NOT ".repeat(n))),
        1 => (0usize..3_000).prop_map(|n| "(NOT ".repeat(n)),
        1 => (0usize..2_000).prop_map(|n| vec!["haemoglobin"; n + 1].join(" OR ")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn no_query_panics_or_overflows_the_stack(query in query_text()) {
        thread_local! {
            static INDEX: Arc<SearchIndex> = sample_index();
        }
        let index = INDEX.with(Arc::clone);
        let outcome = search_on_small_stack(&index, query);
        prop_assert!(outcome.is_ok(), "{}", outcome.err().unwrap_or_default());
    }
}

#[test]
fn deep_nesting_and_not_chains_are_refused_with_a_reason() -> anyhow::Result<()> {
    let index = sample_index();
    let cases = [
        // The report's queries: ~2,100 nested parentheses, thousands of chained NOTs.
        format!("{}anaemia{}", "(".repeat(2_100), ")".repeat(2_100)),
        format!("{}anaemia", "NOT ".repeat(3_000)),
        // Within the length limit but too deep.
        format!("{}anaemia{}", "(".repeat(100), ")".repeat(100)),
        format!("{}anaemia", "NOT ".repeat(100)),
        // A 6,000-word OR (fuzzy expansion of each) and a 100-word one.
        vec!["fever"; 6_000].join(" OR "),
        vec!["fever"; 100].join(" OR "),
    ];
    for query in cases {
        let shown: String = query.chars().take(30).collect();
        let index = Arc::clone(&index);
        let outcome = std::thread::Builder::new()
            .stack_size(SMALL_STACK)
            .spawn(move || index.search(&SearchRequest::new(&query)).err())?
            .join()
            .map_err(|_| anyhow::anyhow!("{shown}: panicked"))?;
        match outcome {
            Some(Error::InvalidQuery { reason, .. }) => assert!(
                reason.contains("characters long")
                    || reason.contains("levels deep")
                    || reason.contains("words"),
                "{shown}: {reason}"
            ),
            other => panic!("{shown}: expected a refusal, got {other:?}"),
        }
    }
    // Modest nesting still searches.
    let results = index.search(&SearchRequest::new(
        "((anaemia OR bleeding) AND NOT (smoker))",
    ))?;
    assert_eq!(results.total_documents, 2);
    Ok(())
}
