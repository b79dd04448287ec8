//! Relevance from the generator's own record: which conditions each generated document
//! is about, and the text it wrote before adding OCR noise. Never from the search engine.

use index::{IndexConfig, PageDoc, SearchIndex};
use synthetic::search::{Corpus, CorpusConfig, GeneratedDocument};

use super::qrels::{CorpusSpec, JudgeRule, JudgedQuery, Judgement, QueryFilters, QuerySet};
use super::SearchEvalError;

/// The documents of a [`CorpusSpec`], with what is needed to judge queries against them.
#[derive(Debug)]
pub struct GeneratedCorpus {
    spec: CorpusSpec,
    documents: Vec<GeneratedDocument>,
    /// Per document, per page: the text before and after OCR noise, normalised by
    /// [`normalise`].
    clean: Vec<Vec<String>>,
    noisy: Vec<Vec<String>>,
}

/// Lower case, every run of characters other than letters and digits made one space, with
/// a space at both ends: a phrase is then found as ` word word ` on word boundaries.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

fn contains_phrase(pages: &[String], phrase: &str) -> bool {
    let wanted = normalise(phrase);
    !wanted.trim().is_empty() && pages.iter().any(|page| page.contains(&wanted))
}

fn normalised_nhs(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

impl GeneratedCorpus {
    /// Generates documents `0..spec.documents` (deterministic: same spec, same corpus).
    pub fn generate(spec: &CorpusSpec) -> Self {
        let corpus = Corpus::new(CorpusConfig {
            seed: spec.seed,
            patients: spec.patients,
            ocr_error_rate: spec.ocr_error_rate,
            years: (spec.first_year, spec.last_year),
        });
        let documents: Vec<GeneratedDocument> =
            (0..spec.documents).map(|i| corpus.document(i)).collect();
        let clean = documents
            .iter()
            .map(|d| d.clean_text.iter().map(|t| normalise(t)).collect())
            .collect();
        let noisy = documents
            .iter()
            .map(|d| d.pages.iter().map(|p| normalise(&p.text)).collect())
            .collect();
        Self {
            spec: spec.clone(),
            documents,
            clean,
            noisy,
        }
    }

    /// The settings the corpus was generated with.
    pub fn spec(&self) -> &CorpusSpec {
        &self.spec
    }

    /// The generated documents, in order.
    pub fn documents(&self) -> &[GeneratedDocument] {
        &self.documents
    }

    /// Every page of every document.
    pub fn pages(&self) -> impl Iterator<Item = &PageDoc> {
        self.documents.iter().flat_map(|d| d.pages.iter())
    }

    /// An in-memory search index of all pages, committed.
    pub fn index(&self, config: IndexConfig) -> Result<SearchIndex, SearchEvalError> {
        let index = SearchIndex::create_in_ram(config)?;
        // Whole documents per call: add_pages replaces a document's pages with those given.
        for documents in self.documents.chunks(2_000) {
            let batch: Vec<PageDoc> = documents.iter().flat_map(|d| d.pages.clone()).collect();
            index.add_pages(&batch)?;
        }
        index.commit()?;
        Ok(index)
    }

    /// The grade of document `at` under `rules`, judged on its clean or its noisy text.
    fn grade(&self, at: usize, filters: &QueryFilters, rules: &[JudgeRule], noisy: bool) -> u32 {
        let document = &self.documents[at];
        let Some(first) = document.pages.first() else {
            return 0;
        };
        if let Some(nhs) = &filters.nhs_number {
            let theirs = first.nhs_number.as_deref().map(normalised_nhs);
            if theirs.as_deref() != Some(normalised_nhs(nhs).as_str()) {
                return 0;
            }
        }
        if let Some(kind) = &filters.document_type {
            if !first.document_type.eq_ignore_ascii_case(kind) {
                return 0;
            }
        }
        if filters.from.is_some() || filters.to.is_some() {
            let Some(date) = first.document_date else {
                return 0;
            };
            if filters.from.is_some_and(|from| date < from)
                || filters.to.is_some_and(|to| date > to)
            {
                return 0;
            }
        }
        let pages = if noisy {
            &self.noisy[at]
        } else {
            &self.clean[at]
        };
        rules
            .iter()
            .filter(|rule| {
                rule.main_condition
                    .as_deref()
                    .is_none_or(|c| document.conditions.first() == Some(&c))
                    && rule
                        .condition
                        .as_deref()
                        .is_none_or(|c| document.conditions.contains(&c))
                    && (rule.text.is_empty() || rule.text.iter().any(|t| contains_phrase(pages, t)))
            })
            .map(|rule| rule.grade)
            .max()
            .unwrap_or(0)
    }

    /// The documents `rules` make relevant under `filters`, best grade first, and how many
    /// of them are relevant only through text that the OCR noise damaged.
    pub fn judge(&self, filters: &QueryFilters, rules: &[JudgeRule]) -> (Vec<Judgement>, usize) {
        let mut relevant = Vec::new();
        let mut damaged = 0;
        for (at, document) in self.documents.iter().enumerate() {
            let grade = self.grade(at, filters, rules, false);
            if grade == 0 {
                continue;
            }
            if self.grade(at, filters, rules, true) < grade {
                damaged += 1;
            }
            if let Some(page) = document.pages.first() {
                relevant.push(Judgement {
                    document: page.document_id.clone(),
                    grade,
                });
            }
        }
        relevant.sort_by(|a, b| {
            b.grade
                .cmp(&a.grade)
                .then_with(|| a.document.cmp(&b.document))
        });
        (relevant, damaged)
    }

    /// Judges `query` by its rules; an error when it has none or they match nothing (most
    /// likely a misspelt condition name).
    pub fn judge_query(&self, query: &JudgedQuery) -> Result<(Vec<Judgement>, usize), String> {
        if query.judge.is_empty() {
            return Err(format!("query {} has no judge rules", query.id));
        }
        let (relevant, damaged) = self.judge(&query.filters, &query.judge);
        if relevant.is_empty() {
            return Err(format!(
                "query {}: its judge rules match no document of the corpus",
                query.id
            ));
        }
        Ok((relevant, damaged))
    }
}

impl QuerySet {
    /// Recomputes `relevant` and `ocr_damaged` of every query that has judge rules from
    /// `corpus` (after adding or editing queries); hand-judged queries are left alone.
    pub fn rejudge(&mut self, corpus: &GeneratedCorpus) -> Result<(), SearchEvalError> {
        for query in &mut self.queries {
            if query.judge.is_empty() {
                continue;
            }
            let (relevant, damaged) = corpus
                .judge_query(query)
                .map_err(|reason| SearchEvalError::Judging { reason })?;
            query.relevant = relevant;
            query.ocr_damaged = Some(damaged);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> GeneratedCorpus {
        GeneratedCorpus::generate(&CorpusSpec {
            seed: 11,
            documents: 300,
            patients: 50,
            ocr_error_rate: 0.05,
            first_year: 2010,
            last_year: 2025,
        })
    }

    #[test]
    fn phrases_match_whole_words_ignoring_case_and_punctuation() {
        let pages = vec![normalise(
            "Past history: Iron-deficiency anaemia; LFTs normal.",
        )];
        assert!(contains_phrase(&pages, "iron deficiency anaemia"));
        assert!(contains_phrase(&pages, "LFTs"));
        assert!(!contains_phrase(&pages, "LFT"));
        assert!(!contains_phrase(&pages, "anaemia LFTs normal past"));
        assert!(!contains_phrase(&pages, " ; "));
    }

    #[test]
    fn condition_rules_follow_the_generator_record() {
        let corpus = small();
        let rules = [
            JudgeRule {
                grade: 2,
                main_condition: Some("atrial fibrillation".into()),
                ..JudgeRule::default()
            },
            JudgeRule {
                grade: 1,
                condition: Some("atrial fibrillation".into()),
                ..JudgeRule::default()
            },
        ];
        let (relevant, damaged) = corpus.judge(&QueryFilters::default(), &rules);
        assert!(!relevant.is_empty());
        assert_eq!(damaged, 0, "conditions do not depend on the OCR text");
        for judgement in &relevant {
            let document = corpus
                .documents()
                .iter()
                .find(|d| d.pages[0].document_id == judgement.document)
                .expect("judged documents exist");
            let main = document.conditions[0] == "atrial fibrillation";
            assert_eq!(judgement.grade, if main { 2 } else { 1 });
        }
    }

    #[test]
    fn text_rules_see_words_the_ocr_noise_damaged() {
        let corpus = small();
        let rules = [JudgeRule {
            grade: 1,
            text: vec!["colonoscopy".into()],
            ..JudgeRule::default()
        }];
        let (relevant, damaged) = corpus.judge(&QueryFilters::default(), &rules);
        let readable = corpus
            .documents()
            .iter()
            .filter(|d| {
                d.pages
                    .iter()
                    .any(|p| normalise(&p.text).contains(" colonoscopy "))
            })
            .count();
        assert!(damaged > 0, "5% OCR noise damages some mentions");
        assert_eq!(relevant.len(), readable + damaged);
    }

    #[test]
    fn filters_limit_the_relevant_documents() {
        let corpus = small();
        let first = &corpus.documents()[0].pages[0];
        let nhs = first
            .nhs_number
            .clone()
            .expect("generated pages have a patient");
        let rules = [JudgeRule {
            grade: 1,
            text: vec!["NHS".into()],
            ..JudgeRule::default()
        }];
        let filters = QueryFilters {
            nhs_number: Some(nhs.clone()),
            ..QueryFilters::default()
        };
        let (relevant, _) = corpus.judge(&filters, &rules);
        let theirs = corpus
            .documents()
            .iter()
            .filter(|d| d.pages[0].nhs_number.as_deref() == Some(nhs.as_str()))
            .count();
        assert_eq!(relevant.len(), theirs);
        let date = first.document_date.expect("generated pages are dated");
        let filters = QueryFilters {
            from: Some(date),
            to: Some(date),
            document_type: Some(first.document_type.to_uppercase()),
            ..QueryFilters::default()
        };
        let (relevant, _) = corpus.judge(&filters, &rules);
        assert!(relevant.iter().any(|j| j.document == first.document_id));
        assert!(relevant.len() < 5, "{relevant:?}");
    }

    #[test]
    fn rules_that_match_nothing_are_reported() {
        let corpus = small();
        let query = JudgedQuery {
            id: "typo".into(),
            kind: "term".into(),
            query: "x".into(),
            filters: QueryFilters::default(),
            note: None,
            judge: vec![JudgeRule {
                grade: 1,
                main_condition: Some("atrial fibrilation".into()),
                ..JudgeRule::default()
            }],
            ocr_damaged: None,
            relevant: Vec::new(),
        };
        let err = corpus.judge_query(&query).unwrap_err();
        assert!(err.contains("match no document"), "{err}");
    }
}
