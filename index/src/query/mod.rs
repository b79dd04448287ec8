//! From the user's query string to a tantivy query.
//!
//! The string is parsed with tantivy's query grammar (terms, `AND`/`OR`/`NOT`, `+`/`-`,
//! quoted phrases, parentheses, `field:value`, ranges, `^boost`), then each part becomes a
//! tantivy query here rather than through tantivy's `QueryParser`, so that each typed word
//! can carry its alternatives:
//!
//! - a word is a *concept*: the disjunction-max of a direct match (stemmed `text` or exact
//!   `text_exact`), its synonyms (phrases on `text`) and, for long words, a fuzzy match on
//!   `text_exact` (one edit, a transposition counting as one). Each alternative sits in its
//!   own score band ([`crate::tier`]), so a direct hit outranks a synonym-only hit, which
//!   outranks a fuzzy-only hit, whatever the term statistics.
//! - consecutive plain words that together form a synonym entry (`PR bleed`) are one concept
//!   whose direct part is the words combined as usual.
//! - quoted phrases are exact: a phrase on `text_exact`, no stemming, fuzziness or synonyms.
//! - field filters: `patient:`/`nhs:`, `type:`, `date:` (a day, month or year, or a range
//!   `date:[2023-01-01 TO 2023-12-31]`, also `dd/mm/yyyy`), `doc:`, `file:`, `page:`,
//!   `confidence:[0 TO 0.6]`, `text:`.
//! - a trailing `*` makes a word a prefix (`haemat*`).

mod filters;
mod limits;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, FuzzyTermQuery,
    Occur, PhrasePrefixQuery, PhraseQuery, Query, TermQuery,
};
use tantivy::query_grammar::{
    self as grammar, Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

pub(crate) use self::filters::{date_range, document_type_filter, nhs_number_filter};
use self::filters::{field_kind, is_numeric_field, FieldKind, FIELD_HELP};
pub(crate) use self::limits::QueryLimits;
use crate::analysis::{self, Analyzers, WordToken};
use crate::config::DefaultOperator;
use crate::error::{Error, Result};
use crate::highlight::Highlights;
use crate::schema::Fields;
use crate::search::QueryExpansion;
use crate::synonyms::{Alternative, Synonyms};
use crate::tier::{self, TierQuery};

/// Shortest prefix accepted before a `*`.
const MIN_PREFIX_CHARS: usize = 2;

/// How to interpret one query.
pub(crate) struct QueryOptions<'a> {
    pub default_operator: DefaultOperator,
    /// Fuzzy matching for words of at least this many characters; `None`: off.
    pub fuzzy_min_chars: Option<usize>,
    /// Synonym expansion; `None`: off.
    pub synonyms: Option<&'a Synonyms>,
    /// Bounds on the query's length, nesting, words and expansions.
    pub limits: QueryLimits,
}

/// A parsed query with what is needed to highlight and explain it.
pub(crate) struct ParsedQuery {
    pub query: Box<dyn Query>,
    pub highlights: Highlights,
    pub expansions: Vec<QueryExpansion>,
}

/// Parses `text` into a query; a syntax error, a query over the limits or a query without a
/// searchable word is an [`Error::InvalidQuery`].
pub(crate) fn parse(
    text: &str,
    fields: &Fields,
    analyzers: Analyzers,
    options: &QueryOptions<'_>,
) -> Result<ParsedQuery> {
    if text.trim().is_empty() {
        return Err(Error::invalid_query(
            text,
            "the query is empty: type the words to search for",
        ));
    }
    // Before anything that recurses (the grammar, its lenient error reporting, the builder).
    limits::check(text, &options.limits)?;
    let normalised = apostrophes_outside_phrases(text);
    let ast = grammar::parse_query(&normalised).map_err(|_| syntax_error(text))?;
    let mut builder = Builder {
        text,
        fields,
        analyzers,
        options,
        highlights: Highlights::default(),
        expansions: Vec::new(),
        expansions_left: options.limits.max_expansions,
    };
    let query = builder.build(ast, false)?.ok_or_else(|| {
        Error::invalid_query(text, "the query has no searchable words, only punctuation")
    })?;
    Ok(ParsedQuery {
        query,
        highlights: builder.highlights,
        expansions: builder.expansions,
    })
}

/// Apostrophes inside words, outside `"phrases"`: the possessive `'s` is dropped
/// (`Crohn's` -> `Crohn`, as the page text `Crohn's` holds the word `crohn`) and any other
/// one separates words (`O'Brien` -> `O Brien`). The query grammar would otherwise read the
/// apostrophe as the start of a quoted phrase and refuse the query.
fn apostrophes_outside_phrases(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut in_phrase = false;
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        if c == '"' {
            in_phrase = !in_phrase;
        }
        let inside_word = at > 0
            && chars[at - 1].is_alphanumeric()
            && chars.get(at + 1).is_some_and(|n| n.is_alphanumeric());
        if !in_phrase && matches!(c, '\'' | '\u{2019}') && inside_word {
            let possessive = matches!(chars.get(at + 1), Some('s' | 'S'))
                && !chars.get(at + 2).is_some_and(|n| n.is_alphanumeric());
            if possessive {
                at += 2;
            } else {
                out.push(' ');
                at += 1;
            }
            continue;
        }
        out.push(c);
        at += 1;
    }
    out
}

fn syntax_error(text: &str) -> Error {
    let (_, errors) = grammar::parse_query_lenient(text);
    let reason = match errors.first() {
        Some(error) => {
            let near: String = text.chars().skip(error.pos).take(20).collect();
            if near.is_empty() {
                format!("{} at the end of the query", error.message)
            } else {
                format!("{} near {near:?}", error.message)
            }
        }
        None => "syntax error".to_string(),
    };
    Error::invalid_query(
        text,
        format!(
            "{reason}; check quotes, parentheses and AND/OR/NOT (put words in quotes to search \
             for them literally)"
        ),
    )
}

struct Builder<'a> {
    text: &'a str,
    fields: &'a Fields,
    analyzers: Analyzers,
    options: &'a QueryOptions<'a>,
    highlights: Highlights,
    expansions: Vec<QueryExpansion>,
    /// Fuzzy or prefix expansions this query may still make.
    expansions_left: usize,
}

impl Builder<'_> {
    fn error(&self, reason: impl Into<String>) -> Error {
        Error::invalid_query(self.text, reason)
    }

    /// Takes one expansion from the budget; false when it is spent.
    fn take_expansion(&mut self) -> bool {
        let left = self.expansions_left;
        self.expansions_left = left.saturating_sub(1);
        left > 0
    }

    /// A prefix search, refused once the budget is spent.
    fn take_prefix_expansion(&mut self) -> Result<()> {
        if self.take_expansion() {
            return Ok(());
        }
        Err(self.error(format!(
            "the query has more than {} prefix searches (word*); search for fewer",
            self.options.limits.max_expansions
        )))
    }

    fn default_occur(&self) -> Occur {
        match self.options.default_operator {
            DefaultOperator::And => Occur::Must,
            DefaultOperator::Or => Occur::Should,
        }
    }

    /// `negated`: inside a `NOT`; such parts are not highlighted nor expanded.
    fn build(&mut self, ast: UserInputAst, negated: bool) -> Result<Option<Box<dyn Query>>> {
        match ast {
            UserInputAst::Clause(children) => self.build_clause(children, negated),
            UserInputAst::Leaf(leaf) => {
                self.build_clause(vec![(None, UserInputAst::Leaf(leaf))], negated)
            }
            UserInputAst::Boost(inner, boost) => {
                let boost = boost.into_inner() as f32;
                Ok(self
                    .build(*inner, negated)?
                    .map(|q| Box::new(BoostQuery::new(q, boost)) as Box<dyn Query>))
            }
        }
    }

    fn build_clause(
        &mut self,
        children: Vec<(Option<Occur>, UserInputAst)>,
        negated: bool,
    ) -> Result<Option<Box<dyn Query>>> {
        let default_occur = self.default_occur();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut run: Vec<String> = Vec::new();
        for (occur, child) in children {
            if occur.is_none() {
                if let Some(word) = plain_word(&child) {
                    run.push(word);
                    continue;
                }
            }
            for concept in self.build_run(std::mem::take(&mut run), negated)? {
                clauses.push((default_occur, concept));
            }
            let occur = occur.unwrap_or(default_occur);
            let child_negated = negated || occur == Occur::MustNot;
            if let Some(query) = self.build_child(child, child_negated)? {
                clauses.push((occur, query));
            }
        }
        for concept in self.build_run(run, negated)? {
            clauses.push((default_occur, concept));
        }
        if clauses.is_empty() {
            return Ok(None);
        }
        if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
            // `-smoker` alone means every page without the word.
            clauses.push((
                Occur::Should,
                Box::new(ConstScoreQuery::new(Box::new(AllQuery), 0.0)),
            ));
        }
        if clauses.len() == 1 && clauses[0].0 != Occur::MustNot {
            return Ok(clauses.pop().map(|(_, query)| query));
        }
        Ok(Some(Box::new(BooleanQuery::new(clauses))))
    }

    fn build_child(&mut self, ast: UserInputAst, negated: bool) -> Result<Option<Box<dyn Query>>> {
        match ast {
            UserInputAst::Leaf(leaf) => self.build_leaf(*leaf, negated),
            other => self.build(other, negated),
        }
    }

    fn build_leaf(&mut self, leaf: UserInputLeaf, negated: bool) -> Result<Option<Box<dyn Query>>> {
        match leaf {
            UserInputLeaf::Literal(literal) => self.build_literal(literal, negated),
            UserInputLeaf::All => Ok(Some(Box::new(AllQuery))),
            UserInputLeaf::Range {
                field,
                lower,
                upper,
            } => self.build_range(field, lower, upper).map(Some),
            UserInputLeaf::Set { field, elements } => self.build_set(field, elements).map(Some),
            UserInputLeaf::Exists { field } => Err(self.error(format!(
                "'{field}:*' (has any value) is not supported; {FIELD_HELP}"
            ))),
            UserInputLeaf::Regex { .. } => Err(self.error(
                "regular expressions are not supported; use a trailing * for a prefix, e.g. haemat*",
            )),
        }
    }

    fn build_literal(
        &mut self,
        literal: UserInputLiteral,
        negated: bool,
    ) -> Result<Option<Box<dyn Query>>> {
        let kind = match &literal.field_name {
            None => FieldKind::Text,
            Some(name) if is_numeric_field(name) => {
                let word = format!("{name}:{}", literal.phrase);
                return Ok(self.build_run(vec![word], negated)?.pop());
            }
            Some(name) => field_kind(name)
                .ok_or_else(|| self.error(format!("unknown field '{name}:'; {FIELD_HELP}")))?,
        };
        if kind != FieldKind::Text {
            return self.build_field_literal(kind, &literal.phrase).map(Some);
        }
        if literal.delimiter != Delimiter::None {
            return self.build_phrase(&literal, negated);
        }
        if literal.phrase.ends_with('*') {
            return self.build_prefix(&literal.phrase, negated);
        }
        Ok(self.build_run(vec![literal.phrase], negated)?.pop())
    }

    /// Plain words typed one after the other, as concepts.
    fn build_run(&mut self, words: Vec<String>, negated: bool) -> Result<Vec<Box<dyn Query>>> {
        let literals: Vec<(String, Vec<WordToken>)> = words
            .into_iter()
            .map(|word| {
                let tokens = self.analyzers.analyze(&word);
                (word, tokens)
            })
            .filter(|(_, tokens)| !tokens.is_empty())
            .collect();
        let synonyms = self.options.synonyms.filter(|_| !negated);
        let mut concepts = Vec::new();
        let mut start = 0;
        while start < literals.len() {
            // Longest run of whole words from `start` that is a synonyms entry.
            let mut span: Option<(usize, Vec<Alternative>)> = None;
            if let Some(synonyms) = synonyms {
                let mut stems: Vec<String> = Vec::new();
                for (end, (_, tokens)) in literals.iter().enumerate().skip(start) {
                    stems.extend(tokens.iter().map(|t| t.stem.clone()));
                    if stems.len() > synonyms.max_key_words() {
                        break;
                    }
                    let alternatives = synonyms.alternatives_for(&stems);
                    if !alternatives.is_empty() {
                        span = Some((end + 1, alternatives.into_iter().cloned().collect()));
                    }
                }
            }
            match span {
                Some((end, alternatives)) if end - start > 1 => {
                    let typed: Vec<&str> = literals[start..end]
                        .iter()
                        .map(|(w, _)| w.as_str())
                        .collect();
                    let stems: Vec<String> = literals[start..end]
                        .iter()
                        .flat_map(|(_, tokens)| tokens.iter().map(|t| t.stem.clone()))
                        .collect();
                    let occur = self.default_occur();
                    let direct: Vec<(Occur, Box<dyn Query>)> = literals[start..end]
                        .iter()
                        .map(|(_, tokens)| (occur, self.word_concept(tokens, negated, None)))
                        .collect();
                    let direct: Box<dyn Query> = Box::new(BooleanQuery::new(direct));
                    let synonym = self.synonym_query(
                        &typed.join(" "),
                        &stems,
                        &alternatives,
                        (end - start) as f32,
                    );
                    concepts.push(disjunction(vec![Some(direct), synonym]));
                    start = end;
                }
                Some((end, alternatives)) => {
                    let (word, tokens) = &literals[start];
                    let synonym = self.synonym_query(word, &stem_list(tokens), &alternatives, 1.0);
                    concepts.push(self.word_concept(tokens, negated, synonym));
                    start = end;
                }
                None => {
                    concepts.push(self.word_concept(&literals[start].1, negated, None));
                    start += 1;
                }
            }
        }
        Ok(concepts)
    }

    /// One typed word (possibly several tokens, as `covid-19`): direct, fuzzy and synonym
    /// alternatives in their score bands.
    fn word_concept(
        &mut self,
        tokens: &[WordToken],
        negated: bool,
        synonym: Option<Box<dyn Query>>,
    ) -> Box<dyn Query> {
        let fields = self.fields;
        let mut alternatives: Vec<Option<Box<dyn Query>>> = Vec::new();
        if let [token] = tokens {
            let direct = BooleanQuery::new(vec![
                (Occur::Should, term_query(fields.text, &token.stem)),
                (Occur::Should, term_query(fields.text_exact, &token.exact)),
            ]);
            alternatives.push(Some(Box::new(TierQuery::new(
                Box::new(direct),
                tier::DIRECT,
            ))));
            let fuzzy_ok = self.options.fuzzy_min_chars.is_some_and(|min| {
                token.exact.chars().count() >= min
                    && !token.exact.chars().any(|c| c.is_ascii_digit())
            });
            // Fuzzy matching walks the term dictionary: only the first few words get it.
            if fuzzy_ok && self.take_expansion() {
                let fuzzy = FuzzyTermQuery::new(
                    Term::from_field_text(fields.text_exact, &token.exact),
                    1,
                    true,
                );
                alternatives.push(Some(Box::new(TierQuery::new(Box::new(fuzzy), tier::FUZZY))));
                if !negated {
                    self.highlights.add_fuzzy(&token.exact);
                }
            }
            if !negated {
                self.highlights.add_stem(&token.stem);
                self.highlights.add_exact(&token.exact);
            }
        } else {
            let stems = stem_list(tokens);
            let exact: Vec<String> = tokens.iter().map(|t| t.exact.clone()).collect();
            let direct = BooleanQuery::new(vec![
                (Occur::Should, phrase_query(fields, fields.text, &stems)),
                (
                    Occur::Should,
                    phrase_query(fields, fields.text_exact, &exact),
                ),
            ]);
            alternatives.push(Some(Box::new(TierQuery::new(
                Box::new(direct),
                tier::DIRECT,
            ))));
            if !negated {
                self.highlights.add_stem_phrase(&stems);
            }
        }
        alternatives.push(synonym);
        disjunction(alternatives)
    }

    /// The synonym alternative of a concept, in the synonym band scaled by `words`.
    fn synonym_query(
        &mut self,
        typed: &str,
        typed_stems: &[String],
        alternatives: &[Alternative],
        words: f32,
    ) -> Option<Box<dyn Query>> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for alternative in alternatives {
            for variant in &alternative.variants {
                if variant.as_slice() == typed_stems {
                    continue;
                }
                clauses.push((
                    Occur::Should,
                    phrase_query(self.fields, self.fields.text, variant),
                ));
                self.highlights.add_stem_phrase(variant);
            }
        }
        if clauses.is_empty() {
            return None;
        }
        self.expansions.push(QueryExpansion {
            term: typed.to_string(),
            alternatives: alternatives.iter().map(|a| a.text.clone()).collect(),
        });
        let inner = Box::new(BooleanQuery::new(clauses));
        Some(Box::new(TierQuery::scaled(inner, tier::SYNONYM, words)))
    }

    /// A quoted phrase: exact words, in order (`~n` allows n words of slack).
    fn build_phrase(
        &mut self,
        literal: &UserInputLiteral,
        negated: bool,
    ) -> Result<Option<Box<dyn Query>>> {
        let tokens = self.analyzers.analyze(&literal.phrase);
        if tokens.is_empty() {
            return Ok(None);
        }
        let field = self.fields.text_exact;
        let words: Vec<String> = tokens.iter().map(|t| t.exact.clone()).collect();
        let first_position = tokens[0].position;
        let terms: Vec<(usize, Term)> = tokens
            .iter()
            .map(|t| {
                (
                    t.position - first_position,
                    Term::from_field_text(field, &t.exact),
                )
            })
            .collect();
        let consecutive = terms
            .iter()
            .enumerate()
            .all(|(i, (offset, _))| *offset == i);
        let query: Box<dyn Query> = match (terms.len(), literal.prefix) {
            (1, false) => term_query(field, &words[0]),
            (_, false) if literal.slop == 0 && consecutive => {
                phrase_query(self.fields, field, &words)
            }
            (1, true) => self.prefix_query(&words[0])?,
            (_, true) => {
                self.take_prefix_expansion()?;
                Box::new(PhrasePrefixQuery::new_with_offset(terms))
            }
            (_, false) => Box::new(PhraseQuery::new_with_offset_and_slop(terms, literal.slop)),
        };
        if !negated {
            if literal.slop > 0 {
                words.iter().for_each(|w| self.highlights.add_exact(w));
            } else {
                self.highlights.add_exact_phrase(&words, literal.prefix);
            }
        }
        Ok(Some(Box::new(TierQuery::new(query, tier::DIRECT))))
    }

    /// `haemat*`: words starting with the prefix (exact forms).
    fn build_prefix(&mut self, word: &str, negated: bool) -> Result<Option<Box<dyn Query>>> {
        let tokens = self.analyzers.analyze(word.trim_end_matches('*'));
        let words: Vec<String> = tokens.iter().map(|t| t.exact.clone()).collect();
        let query: Box<dyn Query> = match words.as_slice() {
            [] => {
                return Err(self.error(format!(
                    "a prefix search needs at least {MIN_PREFIX_CHARS} letters before '*'"
                )))
            }
            [prefix] => self.prefix_query(prefix)?,
            _ => {
                self.take_prefix_expansion()?;
                let terms = words
                    .iter()
                    .map(|w| Term::from_field_text(self.fields.text_exact, w))
                    .collect();
                Box::new(PhrasePrefixQuery::new(terms))
            }
        };
        if !negated {
            self.highlights.add_exact_phrase(&words, true);
        }
        Ok(Some(Box::new(TierQuery::new(query, tier::DIRECT))))
    }

    fn prefix_query(&mut self, prefix: &str) -> Result<Box<dyn Query>> {
        if prefix.chars().count() < MIN_PREFIX_CHARS {
            return Err(self.error(format!(
                "a prefix search needs at least {MIN_PREFIX_CHARS} letters before '*'"
            )));
        }
        self.take_prefix_expansion()?;
        let term = Term::from_field_text(self.fields.text_exact, prefix);
        Ok(Box::new(FuzzyTermQuery::new_prefix(term, 0, true)))
    }
}

/// A plain word: no field (or `text:`), no quotes, no prefix star. `10:30` counts as one.
fn plain_word(ast: &UserInputAst) -> Option<String> {
    let UserInputAst::Leaf(leaf) = ast else {
        return None;
    };
    let UserInputLeaf::Literal(literal) = leaf.as_ref() else {
        return None;
    };
    if literal.delimiter != Delimiter::None || literal.prefix || literal.phrase.ends_with('*') {
        return None;
    }
    match &literal.field_name {
        None => Some(literal.phrase.clone()),
        Some(name) if is_numeric_field(name) => Some(format!("{name}:{}", literal.phrase)),
        Some(name) if field_kind(name) == Some(FieldKind::Text) => Some(literal.phrase.clone()),
        Some(_) => None,
    }
}

fn stem_list(tokens: &[WordToken]) -> Vec<String> {
    tokens.iter().map(|t| t.stem.clone()).collect()
}

/// The disjunction-max of the present alternatives (no tie-breaker: the best band counts).
fn disjunction(alternatives: Vec<Option<Box<dyn Query>>>) -> Box<dyn Query> {
    let mut present: Vec<Box<dyn Query>> = alternatives.into_iter().flatten().collect();
    if present.len() == 1 {
        if let Some(only) = present.pop() {
            return only;
        }
    }
    Box::new(DisjunctionMaxQuery::new(present))
}

fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

/// Consecutive words on `field`: when every word is in the pair vocabulary, one term of the
/// word-pair field for two words and a phrase of pairs for more (no word positions to read
/// for common clinical phrases); otherwise a phrase on `field`; a term for one word.
fn phrase_query(fields: &Fields, field: Field, words: &[String]) -> Box<dyn Query> {
    let vocabulary = analysis::pair_vocabulary();
    let vocabulary = if field == fields.text {
        &vocabulary.stems
    } else {
        &vocabulary.exact
    };
    let pairs = fields
        .pairs_of(field)
        .filter(|_| words.iter().all(|w| vocabulary.contains(w)));
    match (words, pairs) {
        ([word], _) => term_query(field, word),
        ([first, second], Some(pairs)) => term_query(pairs, &analysis::word_pair(first, second)),
        (_, Some(pairs)) => Box::new(PhraseQuery::new(
            words
                .windows(2)
                .map(|w| Term::from_field_text(pairs, &analysis::word_pair(&w[0], &w[1])))
                .collect(),
        )),
        (_, None) => Box::new(PhraseQuery::new(
            words
                .iter()
                .map(|w| Term::from_field_text(field, w))
                .collect(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<ParsedQuery> {
        let (_, fields) = crate::schema::build();
        let synonyms = Synonyms::builtin()?;
        let options = QueryOptions {
            default_operator: DefaultOperator::And,
            fuzzy_min_chars: Some(5),
            synonyms: Some(&synonyms),
            limits: QueryLimits::default(),
        };
        parse(text, &fields, Analyzers::new(), &options)
    }

    #[test]
    fn apostrophes_in_words_are_not_phrase_quotes() {
        assert_eq!(
            apostrophes_outside_phrases("Crohn's disease"),
            "Crohn disease"
        );
        assert_eq!(apostrophes_outside_phrases("crohn\u{2019}s"), "crohn");
        assert_eq!(
            apostrophes_outside_phrases("O'Brien letters"),
            "O Brien letters"
        );
        assert_eq!(
            apostrophes_outside_phrases("\"Barrett's oesophagus\" Barrett's"),
            "\"Barrett's oesophagus\" Barrett"
        );
        assert!(parse_str("Crohn's").is_ok());
        assert!(parse_str("Barrett's AND oesophagus").is_ok());
    }

    #[test]
    fn syntax_errors_are_user_errors_with_a_reason() {
        for bad in [
            "(anaemia",
            "\"iron deficiency",
            "anaemia AND",
            "ferritin:",
            "NOT",
            "a^",
        ] {
            match parse_str(bad) {
                Err(Error::InvalidQuery { query, reason }) => {
                    assert_eq!(query, bad);
                    assert!(!reason.is_empty());
                }
                Err(other) => panic!("{bad}: unexpected error {other}"),
                Ok(parsed) => panic!("{bad}: parsed as {:?}", parsed.query),
            }
        }
    }

    #[test]
    fn empty_and_punctuation_only_queries_are_refused() {
        for bad in ["", "   ", "&", "!!!"] {
            assert!(
                matches!(parse_str(bad), Err(Error::InvalidQuery { .. })),
                "{bad:?} accepted"
            );
        }
    }

    #[test]
    fn unknown_fields_are_named_but_times_are_text() {
        let err = parse_str("diagnosis:anaemia")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("unknown field 'diagnosis:'"), "{err}");
        assert!(parse_str("seen at 10:30").is_ok());
    }

    #[test]
    fn fuzzy_expansion_is_capped_and_prefixes_beyond_the_cap_refused() {
        let words = [
            "anaemia",
            "ferritin",
            "colonoscopy",
            "gastroscopy",
            "bleeding",
            "haemoglobin",
            "diverticular",
            "caecum",
            "abdominal",
            "weight",
            "appetite",
            "nausea",
        ];
        let parsed = parse_str(&words.join(" OR ")).unwrap();
        let fuzzy = format!("{:?}", parsed.query)
            .matches("FuzzyTermQuery")
            .count();
        let max = QueryLimits::default().max_expansions;
        assert_eq!(fuzzy, max, "only the first {max} words are fuzzy");
        let prefixes: Vec<String> = (0..=max).map(|i| format!("ab{i}x*")).collect();
        let err = parse_str(&prefixes.join(" OR "))
            .err()
            .map(|e| e.to_string());
        assert!(
            err.as_deref()
                .is_some_and(|e| e.contains("prefix searches")),
            "{err:?}"
        );
    }

    #[test]
    fn expansions_are_reported() {
        let parsed = parse_str("IDA ferritin").unwrap();
        assert_eq!(parsed.expansions.len(), 1);
        assert_eq!(parsed.expansions[0].term, "IDA");
        assert!(parsed.expansions[0]
            .alternatives
            .contains(&"iron deficiency anaemia".to_string()));
        let parsed = parse_str("PR bleed").unwrap();
        assert_eq!(parsed.expansions.len(), 1);
        assert_eq!(parsed.expansions[0].term, "PR bleed");
        let negated = parse_str("ferritin -IDA").unwrap();
        assert!(negated.expansions.is_empty());
    }
}
