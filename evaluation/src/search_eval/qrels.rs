//! The judged query set file: JSON Lines, a corpus line then one query per line (the
//! format is described in the [module documentation](super)).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::metrics::Grades;
use super::SearchEvalError;

/// The generated corpus a query set was judged on ([`synthetic::search`] settings plus the
/// number of documents: documents `0..documents` of the seed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorpusSpec {
    pub seed: u64,
    pub documents: u64,
    pub patients: usize,
    pub ocr_error_rate: f64,
    pub first_year: i32,
    pub last_year: i32,
}

/// Most documents a query set may ask to generate (an evaluation should take seconds).
pub const MAX_CORPUS_DOCUMENTS: u64 = 1_000_000;

impl CorpusSpec {
    fn validate(&self) -> Result<(), String> {
        if self.documents == 0 || self.documents > MAX_CORPUS_DOCUMENTS {
            return Err(format!(
                "documents must be between 1 and {MAX_CORPUS_DOCUMENTS}, not {}",
                self.documents
            ));
        }
        if self.patients == 0 || self.patients > 900_000 {
            return Err(format!(
                "patients must be between 1 and 900000, not {}",
                self.patients
            ));
        }
        if !(0.0..=1.0).contains(&self.ocr_error_rate) {
            return Err(format!(
                "ocr_error_rate must be between 0 and 1, not {}",
                self.ocr_error_rate
            ));
        }
        if self.first_year > self.last_year || self.first_year < 1900 || self.last_year > 2100 {
            return Err(format!(
                "the years {}..{} are not a range within 1900..2100",
                self.first_year, self.last_year
            ));
        }
        Ok(())
    }
}

/// The filters of a query, as in [`index::SearchRequest`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct QueryFilters {
    /// Only this patient's documents (spaces and hyphens ignored).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nhs_number: Option<String>,
    /// Only documents of this type (`referral_letter`, `clinic_letter`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_type: Option<String>,
    /// Only documents dated on or after this day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// Only documents dated on or before this day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
}

impl QueryFilters {
    /// True when no filter is set.
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

/// How the relevant documents of a query were derived from what the generator wrote: a
/// document gets the `grade` of the highest rule it satisfies (and passes the query's
/// filters). A rule holds when all its criteria do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct JudgeRule {
    /// Grade given by this rule (1 or more).
    pub grade: u32,
    /// The document's main condition (the first of [`GeneratedDocument::conditions`]),
    /// by full name.
    ///
    /// [`GeneratedDocument::conditions`]: synthetic::search::GeneratedDocument::conditions
    #[serde(skip_serializing_if = "Option::is_none")]
    pub main_condition: Option<String>,
    /// Any condition the document names, by full name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    /// Any of these words or phrases in the text as written, before the OCR noise
    /// (case and punctuation ignored, whole words).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub text: Vec<String>,
}

impl JudgeRule {
    fn validate(&self) -> Result<(), String> {
        if self.grade == 0 {
            return Err("a judge rule must give a grade of 1 or more".into());
        }
        if self.main_condition.is_none() && self.condition.is_none() && self.text.is_empty() {
            return Err(
                "a judge rule needs at least one of main_condition, condition, text".into(),
            );
        }
        if self.text.iter().any(|t| t.trim().is_empty()) {
            return Err("a judge rule has an empty text".into());
        }
        Ok(())
    }
}

/// A judged document of a query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Judgement {
    pub document: String,
    /// 1 = mentions it, 2 = names it as a diagnosis, 3 = is mainly about it (by convention;
    /// any positive integer works, 0 means judged not relevant).
    pub grade: u32,
}

/// A query with its filters and judged relevant documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JudgedQuery {
    /// Unique within the file.
    pub id: String,
    /// What the query exercises, for per-kind figures: `term`, `phrase`, `abbreviation`,
    /// `ocr`, `patient`, `date` (any label works).
    pub kind: String,
    /// The query as a user types it.
    pub query: String,
    #[serde(default, skip_serializing_if = "QueryFilters::is_empty")]
    pub filters: QueryFilters,
    /// Why the query is in the set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The rules the `relevant` list was derived from (absent for hand-judged queries).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub judge: Vec<JudgeRule>,
    /// Relevant documents whose judging words survive only in the text before OCR noise
    /// (computed with the judgements; absent for hand-judged queries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr_damaged: Option<usize>,
    /// The judged documents, with grades.
    pub relevant: Vec<Judgement>,
}

impl JudgedQuery {
    /// The judgements as a map for the metrics.
    pub fn grades(&self) -> Grades {
        self.relevant
            .iter()
            .map(|j| (j.document.clone(), j.grade))
            .collect()
    }

    fn validate(&self) -> Result<(), String> {
        if self.id.trim().is_empty() {
            return Err("the query id is empty".into());
        }
        if self.query.trim().is_empty() {
            return Err(format!("query {}: the query text is empty", self.id));
        }
        if let (Some(from), Some(to)) = (self.filters.from, self.filters.to) {
            if from > to {
                return Err(format!(
                    "query {}: the date range starts ({from}) after it ends ({to})",
                    self.id
                ));
            }
        }
        for rule in &self.judge {
            rule.validate()
                .map_err(|reason| format!("query {}: {reason}", self.id))?;
        }
        let mut seen = HashSet::new();
        for judgement in &self.relevant {
            if judgement.document.trim().is_empty() {
                return Err(format!("query {}: a judged document id is empty", self.id));
            }
            if !seen.insert(judgement.document.as_str()) {
                return Err(format!(
                    "query {}: document {} is judged twice",
                    self.id, judgement.document
                ));
            }
        }
        Ok(())
    }
}

/// A judged query set: the corpus it refers to (if generated) and its queries. Read and
/// written as JSON Lines by [`load`](Self::load), [`parse`](Self::parse) and
/// [`to_jsonl`](Self::to_jsonl).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QuerySet {
    /// The generated corpus the document ids refer to; `None` for judgements of the
    /// store's own documents.
    pub corpus: Option<CorpusSpec>,
    /// A folder of scans (relative to the working directory) that the queries judge by file
    /// name: they are scanned (OCR included) into a temporary store and index first.
    pub samples: Option<PathBuf>,
    pub queries: Vec<JudgedQuery>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CorpusLine {
    corpus: CorpusSpec,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SamplesLine {
    samples: PathBuf,
}

impl QuerySet {
    /// Reads a query set file.
    pub fn load(path: &Path) -> Result<Self, SearchEvalError> {
        let text = std::fs::read_to_string(path).map_err(|source| SearchEvalError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(&text)
    }

    /// Parses the JSON Lines text of a query set (blank lines are skipped).
    pub fn parse(text: &str) -> Result<Self, SearchEvalError> {
        let mut set = QuerySet::default();
        let mut ids = HashSet::new();
        for (at, line) in text.lines().enumerate() {
            let line_number = at + 1;
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let invalid = |reason: String| SearchEvalError::InvalidQuerySet {
                line: line_number,
                reason,
            };
            let value: serde_json::Value = serde_json::from_str(line)
                .map_err(|e| invalid(format!("not a JSON object: {e}")))?;
            let header = value.get("corpus").is_some() || value.get("samples").is_some();
            if header && (set.corpus.is_some() || set.samples.is_some() || !set.queries.is_empty())
            {
                return Err(invalid(
                    "one corpus or samples line may come, before the queries".into(),
                ));
            }
            if value.get("samples").is_some() {
                let samples: SamplesLine =
                    serde_json::from_value(value).map_err(|e| invalid(e.to_string()))?;
                set.samples = Some(samples.samples);
                continue;
            }
            if value.get("corpus").is_some() {
                let corpus: CorpusLine =
                    serde_json::from_value(value).map_err(|e| invalid(e.to_string()))?;
                corpus.corpus.validate().map_err(invalid)?;
                set.corpus = Some(corpus.corpus);
                continue;
            }
            let query: JudgedQuery =
                serde_json::from_value(value).map_err(|e| invalid(e.to_string()))?;
            query.validate().map_err(invalid)?;
            if !ids.insert(query.id.clone()) {
                return Err(invalid(format!("query id {} is used twice", query.id)));
            }
            set.queries.push(query);
        }
        if set.queries.is_empty() {
            return Err(SearchEvalError::InvalidQuerySet {
                line: 0,
                reason: "the file holds no queries".into(),
            });
        }
        Ok(set)
    }

    /// The set as JSON Lines (what [`parse`](Self::parse) reads), judged documents sorted
    /// by grade then id so that regenerated files diff cleanly.
    pub fn to_jsonl(&self) -> Result<String, SearchEvalError> {
        let mut out = String::new();
        if let Some(corpus) = &self.corpus {
            out.push_str(&serde_json::to_string(&CorpusLine {
                corpus: corpus.clone(),
            })?);
            out.push('\n');
        }
        if let Some(samples) = &self.samples {
            out.push_str(&serde_json::to_string(&SamplesLine {
                samples: samples.clone(),
            })?);
            out.push('\n');
        }
        for query in &self.queries {
            let mut query = query.clone();
            query.relevant.sort_by(|a, b| {
                b.grade
                    .cmp(&a.grade)
                    .then_with(|| a.document.cmp(&b.document))
            });
            out.push_str(&serde_json::to_string(&query)?);
            out.push('\n');
        }
        Ok(out)
    }

    /// Writes the set to `path` as JSON Lines.
    pub fn save(&self, path: &Path) -> Result<(), SearchEvalError> {
        std::fs::write(path, self.to_jsonl()?).map_err(|source| SearchEvalError::Io {
            path: path.to_path_buf(),
            source,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"{"corpus":{"seed":1,"documents":10,"patients":5,"ocr_error_rate":0.02,"first_year":2010,"last_year":2025}}

{"id":"q1","kind":"abbreviation","query":"IDA","judge":[{"grade":2,"main_condition":"iron deficiency anaemia"}],"relevant":[{"document":"d1","grade":2}]}
{"id":"q2","kind":"date","query":"colonoscopy","filters":{"from":"2019-01-01","to":"2019-12-31"},"relevant":[{"document":"d2","grade":1},{"document":"d3","grade":2}]}
"#;

    #[test]
    fn a_query_set_round_trips() -> anyhow::Result<()> {
        let set = QuerySet::parse(SAMPLE)?;
        assert_eq!(set.corpus.as_ref().map(|c| c.documents), Some(10));
        assert_eq!(set.queries.len(), 2);
        assert_eq!(
            set.queries[1].filters.from,
            NaiveDate::from_ymd_opt(2019, 1, 1)
        );
        assert_eq!(set.queries[1].grades().get("d3"), Some(&2));
        let text = set.to_jsonl()?;
        let again = QuerySet::parse(&text)?;
        // Judgements are written best grade first.
        assert_eq!(again.queries[1].relevant[0].document, "d3");
        assert_eq!(again.corpus, set.corpus);
        assert_eq!(again.queries[0], set.queries[0]);
        Ok(())
    }

    fn error_of(text: &str) -> String {
        match QuerySet::parse(text) {
            Ok(_) => panic!("{text} was accepted"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn mistakes_are_reported_with_their_line() {
        let q = r#"{"id":"q1","kind":"term","query":"x","relevant":[]}"#;
        assert!(error_of(&format!("{q}\n{q}")).contains("line 2"));
        assert!(error_of(&format!("{q}\nnot json")).contains("line 2"));
        assert!(error_of(r#"{"id":"q","kind":"t","query":" ","relevant":[]}"#).contains("empty"));
        assert!(error_of(
            r#"{"id":"q","kind":"t","query":"x","filters":{"from":"2020-01-02","to":"2020-01-01"},"relevant":[]}"#
        )
        .contains("after it ends"));
        assert!(error_of(
            r#"{"id":"q","kind":"t","query":"x","relevant":[{"document":"a","grade":1},{"document":"a","grade":2}]}"#
        )
        .contains("twice"));
        assert!(error_of(
            r#"{"id":"q","kind":"t","query":"x","judge":[{"grade":1}],"relevant":[]}"#
        )
        .contains("at least one"));
        assert!(
            error_of(r#"{"id":"q","kind":"t","query":"x","relevant":[],"typo":1}"#)
                .contains("typo")
        );
        assert!(error_of(&format!(
            "{q}\n{}",
            r#"{"corpus":{"seed":1,"documents":10,"patients":5,"ocr_error_rate":0.02,"first_year":2010,"last_year":2025}}"#
        ))
        .contains("before the queries"));
        assert!(error_of(
            r#"{"corpus":{"seed":1,"documents":0,"patients":5,"ocr_error_rate":0.02,"first_year":2010,"last_year":2025}}"#
        )
        .contains("documents"));
        assert!(error_of("\n\n").contains("no queries"));
    }
}
