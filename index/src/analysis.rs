//! Text analysis shared by indexing, querying, synonyms and highlighting.
//!
//! Two analysers see the page text:
//! - *stemmed* (`text` field): split on non-alphanumerics, drop tokens of 40+ bytes, lowercase,
//!   ASCII-fold, English (Snowball) stemming, then the plural `s` of vowelless abbreviations
//!   removed (`LFTs` -> `lft`, which the stemmer leaves alone). Recall: `bleed` finds
//!   `bleeding`, `LFT` finds `LFTs`.
//! - *exact* (`text_exact` field): the same without stemming. Quoted phrases, exact-form
//!   ranking and fuzzy (OCR-error) matching run here.
//!
//! Both share the tokenizer and the filters that drop tokens, so the n-th token of one is
//! the n-th token of the other, at the same position and offsets; [`Analyzers::analyze`]
//! relies on it.

use std::collections::HashSet;
use std::sync::OnceLock;

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, TextAnalyzer, TextAnalyzerBuilder, Token, TokenFilter, TokenStream, Tokenizer,
    TokenizerManager,
};

/// Tokenizer of the stemmed `text` field.
pub(crate) const STEMMED: &str = "paperlite_en_stem";
/// Tokenizer of the unstemmed `text_exact` field.
pub(crate) const EXACT: &str = "paperlite_en_exact";
/// Tokenizer of the `text_pairs` field: pairs of consecutive stems.
pub(crate) const STEMMED_PAIRS: &str = "paperlite_en_stem_pairs";
/// Tokenizer of the `text_exact_pairs` field: pairs of consecutive exact words.
pub(crate) const EXACT_PAIRS: &str = "paperlite_en_exact_pairs";
/// Tokenizer of keyword fields compared case-insensitively (document type).
pub(crate) const RAW_LOWER: &str = "paperlite_raw_lower";
/// Tokens of this many bytes or more are dropped (OCR garbage, base64, long URLs).
pub(crate) const MAX_TOKEN_BYTES: usize = 40;

/// One token of a text, in both analysed forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WordToken {
    /// Lowercased, ASCII-folded form (as in `text_exact`).
    pub exact: String,
    /// Stemmed form (as in `text`).
    pub stem: String,
    /// Byte offsets in the analysed text.
    pub offset_from: usize,
    pub offset_to: usize,
    /// Token position (phrase adjacency).
    pub position: usize,
}

/// The analysers, cheap to clone (one clone per search).
#[derive(Clone)]
pub(crate) struct Analyzers {
    stemmed: TextAnalyzer,
    exact: TextAnalyzer,
}

impl Analyzers {
    pub(crate) fn new() -> Self {
        Self {
            stemmed: stemmed_analyzer(),
            exact: exact_analyzer(),
        }
    }

    /// Tokenises `text` with both analysers.
    pub(crate) fn analyze(&mut self, text: &str) -> Vec<WordToken> {
        let mut tokens = Vec::new();
        let mut exact_stream = self.exact.token_stream(text);
        while let Some(token) = exact_stream.next() {
            tokens.push(WordToken {
                exact: token.text.clone(),
                stem: String::new(),
                offset_from: token.offset_from,
                offset_to: token.offset_to,
                position: token.position,
            });
        }
        let mut stemmed_stream = self.stemmed.token_stream(text);
        let mut index = 0;
        while let Some(token) = stemmed_stream.next() {
            if let Some(word) = tokens.get_mut(index) {
                debug_assert_eq!(word.offset_from, token.offset_from);
                word.stem.clone_from(&token.text);
            }
            index += 1;
        }
        debug_assert_eq!(index, tokens.len());
        tokens
    }

    /// The stems of `text`, in order.
    pub(crate) fn stems(&mut self, text: &str) -> Vec<String> {
        let mut stems = Vec::new();
        let mut stream = self.stemmed.token_stream(text);
        while let Some(token) = stream.next() {
            stems.push(token.text.clone());
        }
        stems
    }
}

/// The exact-form chain: split, drop long tokens, lowercase, ASCII-fold.
fn exact_chain() -> TextAnalyzerBuilder<impl Tokenizer> {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
}

/// The exact-form chain, then English stemming and the abbreviation plural.
fn stemmed_chain() -> TextAnalyzerBuilder<impl Tokenizer> {
    exact_chain()
        .filter(Stemmer::new(Language::English))
        .filter(AbbreviationPlural)
}

fn stemmed_analyzer() -> TextAnalyzer {
    stemmed_chain().build()
}

/// Removes the plural `s` of an abbreviation without vowels (`lfts`, `tfts`, `cbgs`, `gps`),
/// which the English stemmer keeps because its rule needs a vowel before the `s`.
#[derive(Clone)]
pub(crate) struct AbbreviationPlural;

impl TokenFilter for AbbreviationPlural {
    type Tokenizer<T: Tokenizer> = AbbreviationPluralFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> AbbreviationPluralFilter<T> {
        AbbreviationPluralFilter(tokenizer)
    }
}

#[derive(Clone)]
pub(crate) struct AbbreviationPluralFilter<T>(T);

impl<T: Tokenizer> Tokenizer for AbbreviationPluralFilter<T> {
    type TokenStream<'a> = AbbreviationPluralStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        AbbreviationPluralStream(self.0.token_stream(text))
    }
}

pub(crate) struct AbbreviationPluralStream<S>(S);

impl<S: TokenStream> TokenStream for AbbreviationPluralStream<S> {
    fn advance(&mut self) -> bool {
        if !self.0.advance() {
            return false;
        }
        let text = &mut self.0.token_mut().text;
        if text.len() >= 3
            && text.ends_with('s')
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() && !b"aeiouy".contains(&b))
        {
            text.pop();
        }
        true
    }

    fn token(&self) -> &Token {
        self.0.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.0.token_mut()
    }
}

fn exact_analyzer() -> TextAnalyzer {
    exact_chain().build()
}

/// Joins two consecutive words of a pair field, as the pair field holds them.
pub(crate) fn word_pair(first: &str, second: &str) -> String {
    format!("{first} {second}")
}

/// The words that form word pairs: every word (exact form and stem) of the built-in clinical
/// synonyms file. Pairs of them are the clinical phrases clinicians search and abbreviations
/// expand to (`rectal bleeding`, `iron deficiency anaemia`); pairing every two words of every
/// page instead would multiply the index's terms (OCR noise makes most pairs unique) and
/// slow indexing down several times. A phrase with a word outside the list is matched on
/// word positions as before. The list is compiled in, so the index and the queries always
/// agree on it whatever synonyms file a deployment configures.
pub(crate) struct PairVocabulary {
    pub exact: HashSet<String>,
    pub stems: HashSet<String>,
}

pub(crate) fn pair_vocabulary() -> &'static PairVocabulary {
    static VOCABULARY: OnceLock<PairVocabulary> = OnceLock::new();
    VOCABULARY.get_or_init(|| {
        let mut analyzers = Analyzers::new();
        let mut vocabulary = PairVocabulary {
            exact: HashSet::new(),
            stems: HashSet::new(),
        };
        let entries = crate::synonyms::BUILTIN_SYNONYMS
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#') && !line.starts_with('['));
        for entry in entries {
            for token in analyzers.analyze(entry) {
                vocabulary.exact.insert(token.exact);
                vocabulary.stems.insert(token.stem);
            }
        }
        vocabulary
    })
}

/// Word pairs ("shingles"): for two tokens of `vocabulary` at consecutive positions, one
/// token `"first second"` at the first one's position. A phrase of two such words is then
/// one term of a pair field, and a longer one a phrase of pairs: common phrases (`rectal
/// bleeding` on a third of the pages) are answered from a posting list, without reading
/// word positions.
#[derive(Clone)]
pub(crate) struct WordPairs {
    pub vocabulary: &'static HashSet<String>,
}

impl TokenFilter for WordPairs {
    type Tokenizer<T: Tokenizer> = WordPairsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> WordPairsFilter<T> {
        WordPairsFilter {
            inner: tokenizer,
            vocabulary: self.vocabulary,
        }
    }
}

#[derive(Clone)]
pub(crate) struct WordPairsFilter<T> {
    inner: T,
    vocabulary: &'static HashSet<String>,
}

impl<T: Tokenizer> Tokenizer for WordPairsFilter<T> {
    type TokenStream<'a> = WordPairsStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        WordPairsStream {
            inner: self.inner.token_stream(text),
            vocabulary: self.vocabulary,
            previous: None,
            token: Token::default(),
        }
    }
}

pub(crate) struct WordPairsStream<S> {
    inner: S,
    vocabulary: &'static HashSet<String>,
    /// The last token, if it is a vocabulary word.
    previous: Option<Token>,
    token: Token,
}

impl<S: TokenStream> TokenStream for WordPairsStream<S> {
    fn advance(&mut self) -> bool {
        while self.inner.advance() {
            let current = self.inner.token();
            let paired = match &self.previous {
                Some(previous)
                    if current.position == previous.position + 1
                        && self.vocabulary.contains(&current.text) =>
                {
                    self.token.text.clear();
                    self.token.text.push_str(&previous.text);
                    self.token.text.push(' ');
                    self.token.text.push_str(&current.text);
                    self.token.position = previous.position;
                    self.token.offset_from = previous.offset_from;
                    self.token.offset_to = current.offset_to;
                    self.token.position_length = 1;
                    true
                }
                _ => false,
            };
            if !self.vocabulary.contains(&current.text) {
                self.previous = None;
                continue;
            }
            match &mut self.previous {
                Some(previous) => previous.clone_from(current),
                None => self.previous = Some(current.clone()),
            }
            if paired {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

fn stemmed_pairs_analyzer() -> TextAnalyzer {
    stemmed_chain()
        .filter(WordPairs {
            vocabulary: &pair_vocabulary().stems,
        })
        .build()
}

fn exact_pairs_analyzer() -> TextAnalyzer {
    exact_chain()
        .filter(WordPairs {
            vocabulary: &pair_vocabulary().exact,
        })
        .build()
}

fn raw_lower_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .build()
}

/// Registers this crate's analysers with an index (needed on every open: tantivy stores
/// only their names).
pub(crate) fn register(manager: &TokenizerManager) {
    manager.register(STEMMED, stemmed_analyzer());
    manager.register(EXACT, exact_analyzer());
    manager.register(STEMMED_PAIRS, stemmed_pairs_analyzer());
    manager.register(EXACT_PAIRS, exact_pairs_analyzer());
    manager.register(RAW_LOWER, raw_lower_analyzer());
}

/// True when `a` and `b` are at most one edit apart, counting an insertion, a deletion, a
/// substitution or a swap of two adjacent characters as one edit: the distance tantivy's
/// `FuzzyTermQuery` uses with distance 1 and `transposition_cost_one`.
pub(crate) fn within_one_edit(a: &str, b: &str) -> bool {
    if a.len().abs_diff(b.len()) > 4 {
        // More than one character apart whatever the encoding: skip the allocation.
        return false;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    match long.len() - short.len() {
        0 => {
            let diffs: Vec<usize> = (0..short.len()).filter(|&i| short[i] != long[i]).collect();
            match diffs.as_slice() {
                [] | [_] => true,
                [i, j] => *j == i + 1 && short[*i] == long[*j] && short[*j] == long[*i],
                _ => false,
            }
        }
        1 => {
            let prefix = short
                .iter()
                .zip(long.iter())
                .take_while(|(x, y)| x == y)
                .count();
            short[prefix..] == long[prefix + 1..]
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_line_up() {
        let tokens = Analyzers::new().analyze("Rectal BLEEDING, Crème brûlée; anaemia");
        let pairs: Vec<(&str, &str)> = tokens
            .iter()
            .map(|t| (t.exact.as_str(), t.stem.as_str()))
            .collect();
        assert_eq!(
            pairs,
            vec![
                ("rectal", "rectal"),
                ("bleeding", "bleed"),
                ("creme", "creme"),
                ("brulee", "brule"),
                ("anaemia", "anaemia")
            ]
        );
        assert_eq!(tokens[1].offset_from, 7);
        assert_eq!(tokens[4].position, 4);
    }

    #[test]
    fn vowelless_abbreviations_lose_their_plural() {
        let stems = Analyzers::new().stems("LFTs TFTs GPs U&Es NSAIDs ss ms bass");
        assert_eq!(
            stems,
            vec!["lft", "tft", "gp", "u", "es", "nsaid", "ss", "ms", "bass"]
        );
    }

    #[test]
    fn long_tokens_are_dropped_in_both_forms() {
        let long = "x".repeat(60);
        let tokens = Analyzers::new().analyze(&format!("iron {long} deficiency"));
        assert_eq!(tokens.len(), 2);
        assert_eq!(tokens[1].exact, "deficiency");
        assert_eq!(tokens[1].stem, "defici");
    }

    fn tokens_of(analyzer: &str, text: &str) -> Vec<(String, usize)> {
        let manager = TokenizerManager::default();
        register(&manager);
        let mut analyzer = manager.get(analyzer).expect("registered");
        let mut stream = analyzer.token_stream(text);
        let mut tokens = Vec::new();
        while let Some(token) = stream.next() {
            tokens.push((token.text.clone(), token.position));
        }
        tokens
    }

    #[test]
    fn pair_fields_hold_consecutive_words_at_the_first_ones_position() {
        let long = "x".repeat(60);
        let text = format!("Rectal bleeding, iron {long} deficiency anaemia");
        let exact: Vec<(String, usize)> = vec![
            ("rectal bleeding".into(), 0),
            ("bleeding iron".into(), 1),
            ("deficiency anaemia".into(), 4),
        ];
        // The dropped long token leaves a gap: `iron` and `deficiency` are not a pair.
        assert_eq!(tokens_of(EXACT_PAIRS, &text), exact);
        let stemmed = tokens_of(STEMMED_PAIRS, &text);
        assert_eq!(stemmed[0], ("rectal bleed".to_string(), 0));
        assert_eq!(stemmed[2], ("defici anaemia".to_string(), 4));
        assert!(tokens_of(EXACT_PAIRS, "alone").is_empty());
        // Words outside the clinical vocabulary make no pairs, nor do their neighbours.
        assert_eq!(
            tokens_of(EXACT_PAIRS, "rectal zebraquokka bleeding rectal bleeding"),
            vec![
                ("bleeding rectal".to_string(), 2),
                ("rectal bleeding".to_string(), 3)
            ]
        );
    }

    #[test]
    fn one_edit_distance() {
        assert!(within_one_edit("haemoglobin", "haemoglobn"));
        assert!(within_one_edit("colonoscopy", "colonoscopv"));
        assert!(within_one_edit("colonoscopy", "colonsocopy"));
        assert!(within_one_edit("anaemia", "anaemia"));
        assert!(within_one_edit("anaemia", "anaemias"));
        assert!(!within_one_edit("anaemia", "anemiaa"));
        assert!(!within_one_edit("ferritin", "ferriten1"));
    }
}
