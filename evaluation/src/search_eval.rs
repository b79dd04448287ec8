//! `paperlite eval search`: how well search ranks the documents a clinician wants, with
//! and without its OCR-tolerant fuzzy matching and its clinical synonyms.
//!
//! Every query of a judged set runs in four configurations (fuzzy and synonyms both on,
//! as users get them; fuzzy only; synonyms only; both off), and each configuration gets
//! the mean nDCG@10, recall@20 and MRR over the queries, per query kind and per query
//! ([`metrics`] defines them). Results are grouped by document, so judgements name
//! documents, not pages.
//!
//! # Query set files
//!
//! JSON Lines (one JSON object per line, blank lines skipped), e.g.
//! `evaluation/data/search_queries.jsonl`:
//!
//! ```text
//! {"corpus":{"seed":2024,"documents":3000,"patients":500,"ocr_error_rate":0.02,"first_year":2010,"last_year":2025}}
//! {"id":"abbr-ida","kind":"abbreviation","query":"IDA","filters":{"from":"2018-01-01","to":"2019-12-31"},"judge":[{"grade":3,"main_condition":"iron deficiency anaemia"},{"grade":2,"condition":"iron deficiency anaemia"}],"ocr_damaged":0,"relevant":[{"document":"synthetic-2024-00000123","grade":3}]}
//! ```
//!
//! - The optional first line, `{"corpus": {...}}`, names the generated corpus the
//!   document ids refer to: documents `0..documents` of [`synthetic::search`] with that seed,
//!   number of patients, OCR error rate and years. The evaluation generates and indexes it
//!   (a few thousand documents take seconds).
//! - Each other line is a [`JudgedQuery`]: `id` (unique), `kind` (a label for per-kind
//!   figures: `term`, `phrase`, `abbreviation`, `ocr`, `patient`, `date`), `query` (as
//!   typed, in the search query language), optional `filters` (`nhs_number`,
//!   `document_type`, `from`, `to` as `YYYY-MM-DD`, inclusive), optional `note`, and
//!   `relevant`: the judged documents with grades. Grades: 3 = the document is mainly
//!   about it, 2 = names it as a diagnosis, 1 = mentions it; unlisted documents are not
//!   relevant.
//! - `judge` (optional) records how `relevant` was derived from the generator's record
//!   ([`JudgeRule`]): a document gets the grade of the best rule it satisfies (`main_condition`,
//!   `condition`: what the generator says the document is about; `text`: words in the
//!   text it wrote before adding OCR noise, so a document whose key word the noise
//!   garbled is still relevant) and passes the filters. `ocr_damaged` counts the relevant
//!   documents whose judging words survive only in that clean text. `paperlite eval search
//!   --rejudge` recomputes both from the rules; nothing is ever judged from search output.

mod judge;
pub mod metrics;
mod qrels;

use std::collections::BTreeMap;
use std::path::PathBuf;

use index::{IndexConfig, SearchIndex, SearchRequest};
use serde::{Deserialize, Serialize};

pub use self::judge::GeneratedCorpus;
pub use self::qrels::{
    CorpusSpec, JudgeRule, JudgedQuery, Judgement, QueryFilters, QuerySet, MAX_CORPUS_DOCUMENTS,
};

/// What can go wrong in a search evaluation.
#[derive(Debug, thiserror::Error)]
pub enum SearchEvalError {
    /// The query set file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A line of the query set file is not a valid corpus line or query (`line` 0: the
    /// file as a whole).
    #[error("query set, line {line}: {reason}")]
    InvalidQuerySet { line: usize, reason: String },
    /// The query set names neither a generated corpus nor a folder of scans.
    #[error(
        "the query set names no corpus: its first line must be {{\"corpus\": {{...}}}} (a \
         generated corpus) or {{\"samples\": \"FOLDER\"}} (scans judged by file name)"
    )]
    NoCorpus,
    /// A query's judge rules cannot be applied.
    #[error("cannot judge: {reason}")]
    Judging { reason: String },
    /// The search index failed (not a query of the set: those are reported per query).
    #[error(transparent)]
    Index(#[from] index::Error),
    #[error("cannot serialise the query set: {0}")]
    Json(#[from] serde_json::Error),
}

/// Cut-offs of the metrics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchEvalSettings {
    /// nDCG is computed over the first `ndcg_k` documents.
    pub ndcg_k: usize,
    /// Recall is computed over the first `recall_k` documents; this is also how many
    /// documents each search asks for, so it bounds the reciprocal rank (MRR@`recall_k`).
    pub recall_k: usize,
}

impl Default for SearchEvalSettings {
    fn default() -> Self {
        Self {
            ndcg_k: 10,
            recall_k: 20,
        }
    }
}

/// A combination of the two search options evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchOptions {
    pub fuzzy: bool,
    pub synonyms: bool,
}

impl SearchOptions {
    /// The four configurations, the default (both on) first.
    pub const ALL: [SearchOptions; 4] = [
        SearchOptions {
            fuzzy: true,
            synonyms: true,
        },
        SearchOptions {
            fuzzy: true,
            synonyms: false,
        },
        SearchOptions {
            fuzzy: false,
            synonyms: true,
        },
        SearchOptions {
            fuzzy: false,
            synonyms: false,
        },
    ];

    /// A short label: `fuzzy+synonyms`, `fuzzy only`, `synonyms only`, `neither`.
    pub fn label(self) -> &'static str {
        match (self.fuzzy, self.synonyms) {
            (true, true) => "fuzzy+synonyms",
            (true, false) => "fuzzy only",
            (false, true) => "synonyms only",
            (false, false) => "neither",
        }
    }
}

/// Mean figures over a group of queries.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MeanMetrics {
    pub queries: usize,
    /// Mean nDCG@`ndcg_k`.
    pub ndcg: f64,
    /// Mean recall@`recall_k`.
    pub recall: f64,
    /// Mean reciprocal rank.
    pub mrr: f64,
}

impl MeanMetrics {
    fn of<'a>(outcomes: impl IntoIterator<Item = &'a QueryOutcome>) -> Self {
        let mut mean = MeanMetrics::default();
        for outcome in outcomes {
            mean.queries += 1;
            mean.ndcg += outcome.ndcg;
            mean.recall += outcome.recall;
            mean.mrr += outcome.reciprocal_rank;
        }
        if mean.queries > 0 {
            let n = mean.queries as f64;
            mean.ndcg /= n;
            mean.recall /= n;
            mean.mrr /= n;
        }
        mean
    }
}

/// One query in one configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueryOutcome {
    pub id: String,
    pub kind: String,
    pub ndcg: f64,
    pub recall: f64,
    pub reciprocal_rank: f64,
    /// Judged relevant documents (grade > 0).
    pub relevant: usize,
    /// Documents the search found in all (it returned at most `recall_k`).
    pub found: usize,
    /// Relevant documents among those returned.
    pub relevant_returned: usize,
    /// Why the search failed (the metrics are then 0), e.g. a query that does not parse.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The figures of one configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConfigurationReport {
    pub label: String,
    pub options: SearchOptions,
    pub mean: MeanMetrics,
    /// Means per query kind.
    pub by_kind: BTreeMap<String, MeanMetrics>,
    pub queries: Vec<QueryOutcome>,
}

/// What [`evaluate_search`] measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchEvalReport {
    /// The generated corpus, when the query set names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corpus: Option<CorpusSpec>,
    /// Pages and documents in the index searched.
    pub pages: u64,
    pub documents: usize,
    pub settings: SearchEvalSettings,
    /// The four configurations, fuzzy+synonyms first.
    pub configurations: Vec<ConfigurationReport>,
}

impl SearchEvalReport {
    /// The figures of one configuration.
    pub fn configuration(&self, options: SearchOptions) -> Option<&ConfigurationReport> {
        self.configurations.iter().find(|c| c.options == options)
    }
}

fn request(query: &JudgedQuery, options: SearchOptions, limit: usize) -> SearchRequest {
    SearchRequest {
        query: query.query.clone(),
        nhs_number: query.filters.nhs_number.clone(),
        document_type: query.filters.document_type.clone(),
        from: query.filters.from,
        to: query.filters.to,
        limit,
        offset: 0,
        fuzzy: options.fuzzy,
        synonyms: options.synonyms,
    }
}

/// Runs every query in the four [`SearchOptions`] configurations and scores the rankings
/// against the judgements. A query the index refuses (it does not parse) scores 0 with its
/// error recorded; an internal index failure ends the evaluation.
pub fn evaluate_search(
    index: &SearchIndex,
    queries: &[JudgedQuery],
    settings: &SearchEvalSettings,
) -> Result<SearchEvalReport, SearchEvalError> {
    let limit = settings.recall_k.max(settings.ndcg_k).max(1);
    let judged: Vec<metrics::Grades> = queries.iter().map(JudgedQuery::grades).collect();
    let mut configurations = Vec::with_capacity(SearchOptions::ALL.len());
    for options in SearchOptions::ALL {
        let mut outcomes = Vec::with_capacity(queries.len());
        for (query, grades) in queries.iter().zip(&judged) {
            let relevant = metrics::relevant_count(grades);
            let mut outcome = QueryOutcome {
                id: query.id.clone(),
                kind: query.kind.clone(),
                ndcg: 0.0,
                recall: 0.0,
                reciprocal_rank: 0.0,
                relevant,
                found: 0,
                relevant_returned: 0,
                error: None,
            };
            match index.search(&request(query, options, limit)) {
                Ok(results) => {
                    let ranked: Vec<&str> = results
                        .hits
                        .iter()
                        .map(|h| h.document_id.as_str())
                        .collect();
                    outcome.ndcg = metrics::ndcg_at_k(&ranked, grades, settings.ndcg_k);
                    outcome.recall = metrics::recall_at_k(&ranked, grades, settings.recall_k);
                    outcome.reciprocal_rank = metrics::reciprocal_rank(&ranked, grades);
                    outcome.found = results.total_documents;
                    outcome.relevant_returned = ranked
                        .iter()
                        .filter(|id| grades.get(**id).is_some_and(|&g| g > 0))
                        .count();
                }
                Err(err) if err.is_user_error() => outcome.error = Some(err.to_string()),
                Err(err) => return Err(err.into()),
            }
            outcomes.push(outcome);
        }
        let mut kinds: BTreeMap<String, Vec<&QueryOutcome>> = BTreeMap::new();
        for outcome in &outcomes {
            kinds.entry(outcome.kind.clone()).or_default().push(outcome);
        }
        let by_kind = kinds
            .into_iter()
            .map(|(kind, members)| (kind, MeanMetrics::of(members)))
            .collect();
        configurations.push(ConfigurationReport {
            label: options.label().to_string(),
            options,
            mean: MeanMetrics::of(&outcomes),
            by_kind,
            queries: outcomes,
        });
    }
    tracing::info!(queries = queries.len(), "search evaluation done");
    Ok(SearchEvalReport {
        corpus: None,
        pages: index.num_pages(),
        documents: index.num_documents()?,
        settings: settings.clone(),
        configurations,
    })
}

/// Generates the query set's corpus, indexes it in memory and runs [`evaluate_search`].
pub fn evaluate_query_set(
    set: &QuerySet,
    settings: &SearchEvalSettings,
) -> Result<SearchEvalReport, SearchEvalError> {
    let spec = set.corpus.as_ref().ok_or(SearchEvalError::NoCorpus)?;
    evaluate_on_corpus(set, &GeneratedCorpus::generate(spec), settings)
}

/// Indexes an already generated corpus in memory (default index settings) and runs
/// [`evaluate_search`] with the queries of `set`.
pub fn evaluate_on_corpus(
    set: &QuerySet,
    corpus: &GeneratedCorpus,
    settings: &SearchEvalSettings,
) -> Result<SearchEvalReport, SearchEvalError> {
    let index = corpus.index(IndexConfig::default())?;
    let mut report = evaluate_search(&index, &set.queries, settings)?;
    report.corpus = Some(corpus.spec().clone());
    Ok(report)
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::OnceLock;

    use super::*;

    /// The committed query set, its corpus and its index, built once for all tests.
    fn committed() -> &'static (QuerySet, GeneratedCorpus, SearchIndex) {
        static COMMITTED: OnceLock<(QuerySet, GeneratedCorpus, SearchIndex)> = OnceLock::new();
        COMMITTED.get_or_init(|| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/search_queries.jsonl");
            let set = QuerySet::load(&path).expect("the committed query set loads");
            let spec = set.corpus.clone().expect("it names its corpus");
            let corpus = GeneratedCorpus::generate(&spec);
            let index = corpus
                .index(IndexConfig::default())
                .expect("the corpus indexes");
            (set, corpus, index)
        })
    }

    #[test]
    fn the_committed_query_set_is_judged_from_the_generator() -> anyhow::Result<()> {
        let (set, corpus, _) = committed();
        assert!(set.queries.len() >= 30, "{} queries", set.queries.len());
        for kind in ["term", "phrase", "abbreviation", "ocr", "patient", "date"] {
            assert!(
                set.queries.iter().any(|q| q.kind == kind),
                "no {kind} query"
            );
        }
        let mut rejudged = set.clone();
        rejudged.rejudge(corpus)?;
        for (stored, fresh) in set.queries.iter().zip(&rejudged.queries) {
            assert!(!stored.judge.is_empty(), "{} has no judge rules", stored.id);
            assert_eq!(
                stored, fresh,
                "{}: the committed judgements differ from the generator's; run \
                 `paperlite eval search --qrels evaluation/data/search_queries.jsonl --rejudge`",
                stored.id
            );
        }
        Ok(())
    }

    #[test]
    fn fuzzy_and_synonyms_help_where_they_should() -> anyhow::Result<()> {
        let (set, _, index) = committed();
        let report = evaluate_search(index, &set.queries, &SearchEvalSettings::default())?;
        assert_eq!(report.configurations.len(), 4);
        for configuration in &report.configurations {
            for outcome in &configuration.queries {
                assert_eq!(outcome.error, None, "{}", outcome.id);
            }
        }
        let both = report
            .configuration(SearchOptions::ALL[0])
            .expect("evaluated");
        let neither = report
            .configuration(SearchOptions::ALL[3])
            .expect("evaluated");
        for kind in ["abbreviation", "ocr"] {
            let on = &both.by_kind[kind];
            let off = &neither.by_kind[kind];
            assert!(
                on.ndcg >= off.ndcg && on.recall >= off.recall && on.mrr >= off.mrr,
                "{kind}: with {on:?}, without {off:?}"
            );
        }
        // Abbreviations: most relevant documents use the other form.
        assert!(both.by_kind["abbreviation"].recall > neither.by_kind["abbreviation"].recall);
        // OCR queries target documents where the noise garbled the word.
        assert!(both.by_kind["ocr"].recall > neither.by_kind["ocr"].recall);
        Ok(())
    }

    #[test]
    fn reports_serialise() -> anyhow::Result<()> {
        let (set, _, index) = committed();
        let queries = &set.queries[..2];
        let report = evaluate_search(index, queries, &SearchEvalSettings::default())?;
        let json = serde_json::to_string(&report)?;
        let back: SearchEvalReport = serde_json::from_str(&json)?;
        assert_eq!(back, report);
        assert_eq!(back.configurations[0].queries.len(), 2);
        Ok(())
    }

    #[test]
    fn queries_that_do_not_parse_score_zero_with_their_error() -> anyhow::Result<()> {
        let (_, _, index) = committed();
        let query = JudgedQuery {
            id: "broken".into(),
            kind: "term".into(),
            query: "(anaemia".into(),
            filters: QueryFilters::default(),
            note: None,
            judge: Vec::new(),
            ocr_damaged: None,
            relevant: vec![Judgement {
                document: "synthetic-2024-00000001".into(),
                grade: 1,
            }],
        };
        let report = evaluate_search(index, &[query], &SearchEvalSettings::default())?;
        let outcome = &report.configurations[0].queries[0];
        assert!(outcome.error.is_some());
        assert_eq!(outcome.ndcg, 0.0);
        Ok(())
    }
}
