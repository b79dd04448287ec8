//! Clinical abbreviations and synonyms, expanded at query time.
//!
//! The list lives in `index/data/clinical_synonyms.txt` (compiled in as the default; an
//! [`IndexConfig::synonyms_path`](crate::IndexConfig::synonyms_path) replaces it). Its header
//! describes the format: one group of equivalent terms per line, `|` between members, and a
//! `[spelling]` section of UK/US spelling variants that also apply inside multi-word terms.
//!
//! Terms are compared after the `text` field's analysis (lowercase, ASCII folding, English
//! stemming), so `LFTs` matches the entry `LFT` and `PR bleeding` the entry `PR bleed`.

use std::collections::HashMap;
use std::path::Path;

use crate::analysis::Analyzers;
use crate::error::{Error, Result};

/// The synonyms file compiled into the crate.
pub const BUILTIN_SYNONYMS: &str = include_str!("../data/clinical_synonyms.txt");

/// Spelling variants generated per alternative at most (cartesian product of words).
const MAX_SPELLING_VARIANTS: usize = 8;

/// An alternative wording of a query term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Alternative {
    /// As written in the synonyms file.
    pub text: String,
    /// Stem sequences to search: the alternative and its spelling variants.
    pub variants: Vec<Vec<String>>,
}

/// A parsed synonyms file.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    /// Canonical stems of a term -> its alternatives.
    alternatives: HashMap<Vec<String>, Vec<Alternative>>,
    /// Stem -> canonical stem of its spelling group.
    spelling: HashMap<String, String>,
    /// Canonical stem -> every stem of its spelling group.
    spelling_variants: HashMap<String, Vec<String>>,
    max_key_words: usize,
    groups: usize,
}

#[derive(Debug)]
struct Member {
    text: String,
    stems: Vec<String>,
}

impl Synonyms {
    /// The built-in list (`data/clinical_synonyms.txt`).
    pub fn builtin() -> Result<Self> {
        Self::parse(BUILTIN_SYNONYMS, "built-in clinical_synonyms.txt")
    }

    /// Reads a synonyms file.
    pub fn from_file(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            action: "could not read synonyms file",
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(&text, &path.display().to_string())
    }

    /// Parses the text of a synonyms file; `source_name` names it in error messages.
    pub fn parse(text: &str, source_name: &str) -> Result<Self> {
        let mut analyzers = Analyzers::new();
        let mut synonym_groups: Vec<Vec<Member>> = Vec::new();
        let mut spelling_groups: Vec<Vec<Member>> = Vec::new();
        let mut in_spelling = false;
        for (index, raw_line) in text.lines().enumerate() {
            let line = raw_line.trim();
            let error = |reason: String| Error::Synonyms {
                source_name: source_name.to_string(),
                line: index + 1,
                reason,
            };
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('[') {
                in_spelling = match line {
                    "[synonyms]" => false,
                    "[spelling]" => true,
                    other => {
                        return Err(error(format!(
                            "unknown section {other}; expected [synonyms] or [spelling]"
                        )))
                    }
                };
                continue;
            }
            let mut members: Vec<Member> = Vec::new();
            for member in line.split('|').map(str::trim) {
                if member.is_empty() {
                    return Err(error("empty term between '|' separators".into()));
                }
                let stems = analyzers.stems(member);
                if stems.is_empty() {
                    return Err(error(format!("term {member:?} has no searchable word")));
                }
                if in_spelling && stems.len() != 1 {
                    return Err(error(format!(
                        "spelling variant {member:?} must be a single word"
                    )));
                }
                if members.iter().any(|m| m.text.eq_ignore_ascii_case(member)) {
                    return Err(error(format!("term {member:?} is listed twice")));
                }
                members.push(Member {
                    text: member.to_string(),
                    stems,
                });
            }
            if members.len() < 2 {
                return Err(error(
                    "a group needs at least two terms separated by '|'".into(),
                ));
            }
            if in_spelling {
                spelling_groups.push(members);
            } else {
                synonym_groups.push(members);
            }
        }

        let mut synonyms = Synonyms {
            groups: synonym_groups.len() + spelling_groups.len(),
            ..Synonyms::default()
        };
        for group in &spelling_groups {
            let canonical = group[0].stems[0].clone();
            for member in group {
                synonyms
                    .spelling
                    .insert(member.stems[0].clone(), canonical.clone());
                let variants = synonyms
                    .spelling_variants
                    .entry(canonical.clone())
                    .or_default();
                if !variants.contains(&member.stems[0]) {
                    variants.push(member.stems[0].clone());
                }
            }
        }
        for group in spelling_groups.iter().chain(&synonym_groups) {
            for member in group {
                let key = synonyms.canonical(&member.stems);
                synonyms.max_key_words = synonyms.max_key_words.max(key.len());
                // The member itself is listed too: a spelling variant of it typed in a query
                // (`iron deficiency anemia`) then finds the written form.
                for other in group {
                    let variants = synonyms.spelling_variants_of(&other.stems);
                    let entry = synonyms.alternatives.entry(key.clone()).or_default();
                    if !entry.iter().any(|alt| alt.variants[0] == other.stems) {
                        entry.push(Alternative {
                            text: other.text.clone(),
                            variants,
                        });
                    }
                }
            }
        }
        Ok(synonyms)
    }

    /// Number of groups (lines) in the file, spelling groups included.
    pub fn len(&self) -> usize {
        self.groups
    }

    /// True when the file had no groups.
    pub fn is_empty(&self) -> bool {
        self.groups == 0
    }

    /// The alternatives of a term, as written in the file: `expand("IDA")` gives
    /// `["iron deficiency anaemia"]`.
    pub fn expand(&self, term: &str) -> Vec<String> {
        let stems = Analyzers::new().stems(term);
        self.alternatives_for(&stems)
            .into_iter()
            .map(|alt| alt.text.clone())
            .collect()
    }

    /// Longest term of the file, in words.
    pub(crate) fn max_key_words(&self) -> usize {
        self.max_key_words
    }

    /// The alternatives of a term given as stems, leaving out the term itself.
    pub(crate) fn alternatives_for(&self, stems: &[String]) -> Vec<&Alternative> {
        match self.alternatives.get(&self.canonical(stems)) {
            Some(alternatives) => alternatives
                .iter()
                .filter(|alt| alt.variants[0] != stems)
                .collect(),
            None => Vec::new(),
        }
    }

    fn canonical(&self, stems: &[String]) -> Vec<String> {
        stems
            .iter()
            .map(|stem| self.spelling.get(stem).unwrap_or(stem).clone())
            .collect()
    }

    /// `stems` first, then its spelling variants, word by word.
    fn spelling_variants_of(&self, stems: &[String]) -> Vec<Vec<String>> {
        let mut variants: Vec<Vec<String>> = vec![Vec::new()];
        for stem in stems {
            let options: Vec<&String> = match self
                .spelling
                .get(stem)
                .and_then(|canonical| self.spelling_variants.get(canonical))
            {
                Some(options) => std::iter::once(stem)
                    .chain(options.iter().filter(|o| *o != stem))
                    .collect(),
                None => vec![stem],
            };
            let mut next = Vec::new();
            for prefix in &variants {
                for option in &options {
                    if next.len() < MAX_SPELLING_VARIANTS {
                        let mut variant = prefix.clone();
                        variant.push((*option).clone());
                        next.push(variant);
                    }
                }
            }
            variants = next;
        }
        variants
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# comment\nIDA | iron deficiency anaemia\nLFT | liver function test\n\
        PE | pulmonary embolism\nPE | pleural effusion\n[spelling]\nanaemia | anemia\n";

    #[test]
    fn groups_expand_both_ways() {
        let synonyms = Synonyms::parse(SAMPLE, "sample").unwrap();
        assert_eq!(synonyms.len(), 5);
        assert_eq!(synonyms.expand("IDA"), vec!["iron deficiency anaemia"]);
        assert_eq!(
            synonyms.expand("Iron deficiency anemia"),
            vec!["IDA", "iron deficiency anaemia"]
        );
        assert_eq!(synonyms.expand("LFTs"), vec!["liver function test"]);
        assert_eq!(synonyms.expand("liver function tests"), vec!["LFT"]);
        assert_eq!(synonyms.expand("anaemia"), vec!["anemia"]);
        assert!(synonyms.expand("ferritin").is_empty());
    }

    #[test]
    fn ambiguous_abbreviations_expand_to_every_meaning() {
        let synonyms = Synonyms::parse(SAMPLE, "sample").unwrap();
        assert_eq!(
            synonyms.expand("PE"),
            vec!["pulmonary embolism", "pleural effusion"]
        );
        assert_eq!(synonyms.expand("pleural effusion"), vec!["PE"]);
    }

    #[test]
    fn spelling_variants_apply_inside_phrases() {
        let synonyms = Synonyms::parse(SAMPLE, "sample").unwrap();
        let stems = Analyzers::new().stems("IDA");
        let alternatives = synonyms.alternatives_for(&stems);
        assert_eq!(alternatives.len(), 1);
        let last_words: Vec<&str> = alternatives[0]
            .variants
            .iter()
            .map(|v| v[2].as_str())
            .collect();
        assert_eq!(last_words, vec!["anaemia", "anemia"]);
    }

    #[test]
    fn malformed_lines_are_reported_with_their_number() {
        let err = Synonyms::parse("IDA | iron deficiency anaemia\nIDA\n", "x").unwrap_err();
        assert!(matches!(err, Error::Synonyms { line: 2, .. }), "{err}");
        let err = Synonyms::parse("a | | b\n", "x").unwrap_err();
        assert!(matches!(err, Error::Synonyms { line: 1, .. }), "{err}");
        let err = Synonyms::parse("[spelling]\nfaecal occult | fecal occult\n", "x").unwrap_err();
        assert!(matches!(err, Error::Synonyms { line: 2, .. }), "{err}");
        let err = Synonyms::parse("[acronyms]\n", "x").unwrap_err();
        assert!(err.is_user_error());
    }

    #[test]
    fn the_builtin_file_parses_and_is_large() {
        let synonyms = Synonyms::builtin().unwrap();
        assert!(synonyms.len() >= 200, "only {} groups", synonyms.len());
        assert!(synonyms
            .expand("IDA")
            .contains(&"iron deficiency anaemia".to_string()));
    }
}
