//! Page snippets with the matched words in `<mark>…</mark>`.
//!
//! tantivy's `SnippetGenerator` marks the terms a query names on one field, which misses the
//! words a fuzzy query matched (`haemoglobn` for `haemoglobin`) and marks each word of a
//! phrase wherever it occurs. Instead the stored page text is re-tokenised here with the
//! index's own analysers and each token is tested against what the query can match: stems,
//! exact forms, one-edit neighbours of fuzzy terms, prefixes, and phrases at consecutive
//! positions. The best window is then cut out and HTML-escaped, marks aside.

use std::collections::HashSet;

use crate::analysis::{within_one_edit, Analyzers, WordToken};

/// What a query can match on a page, for highlighting. Negated parts of a query are left out.
#[derive(Debug, Default, Clone)]
pub(crate) struct Highlights {
    stems: HashSet<String>,
    exact: HashSet<String>,
    fuzzy: Vec<String>,
    prefixes: Vec<String>,
    stem_phrases: Vec<Vec<String>>,
    /// Exact-form phrases; `true` when the last word is a prefix.
    exact_phrases: Vec<(Vec<String>, bool)>,
}

impl Highlights {
    pub(crate) fn add_stem(&mut self, stem: &str) {
        self.stems.insert(stem.to_string());
    }

    pub(crate) fn add_exact(&mut self, word: &str) {
        self.exact.insert(word.to_string());
    }

    pub(crate) fn add_fuzzy(&mut self, word: &str) {
        self.fuzzy.push(word.to_string());
    }

    pub(crate) fn add_prefix(&mut self, prefix: &str) {
        self.prefixes.push(prefix.to_string());
    }

    pub(crate) fn add_stem_phrase(&mut self, stems: &[String]) {
        match stems {
            [stem] => self.add_stem(stem),
            _ => self.stem_phrases.push(stems.to_vec()),
        }
    }

    pub(crate) fn add_exact_phrase(&mut self, words: &[String], last_is_prefix: bool) {
        match (words, last_is_prefix) {
            ([word], false) => self.add_exact(word),
            ([word], true) => self.add_prefix(word),
            _ => self.exact_phrases.push((words.to_vec(), last_is_prefix)),
        }
    }

    fn matches_alone(&self, token: &WordToken) -> bool {
        self.stems.contains(&token.stem)
            || self.exact.contains(&token.exact)
            || self
                .prefixes
                .iter()
                .any(|p| token.exact.starts_with(p.as_str()))
            || self.fuzzy.iter().any(|f| within_one_edit(f, &token.exact))
    }

    /// Marks every token the query matches.
    fn mark(&self, tokens: &[WordToken]) -> Vec<bool> {
        let mut marked: Vec<bool> = tokens.iter().map(|t| self.matches_alone(t)).collect();
        let phrase_at =
            |start: usize, len: usize, word_matches: &dyn Fn(usize, &WordToken) -> bool| {
                (0..len).all(|k| {
                    tokens.get(start + k).is_some_and(|t| {
                        t.position == tokens[start].position + k && word_matches(k, t)
                    })
                })
            };
        for start in 0..tokens.len() {
            for phrase in &self.stem_phrases {
                if phrase_at(start, phrase.len(), &|k, t| t.stem == phrase[k]) {
                    marked[start..start + phrase.len()].fill(true);
                }
            }
            for (phrase, last_is_prefix) in &self.exact_phrases {
                let last = phrase.len() - 1;
                let word_matches = |k: usize, t: &WordToken| {
                    if k == last && *last_is_prefix {
                        t.exact.starts_with(phrase[k].as_str())
                    } else {
                        t.exact == phrase[k]
                    }
                };
                if phrase_at(start, phrase.len(), &word_matches) {
                    marked[start..start + phrase.len()].fill(true);
                }
            }
        }
        marked
    }
}

/// A snippet of about `max_chars` bytes of `text` around its densest cluster of matches,
/// HTML-escaped, with whitespace runs collapsed, matches in `<mark>`, and `…` where text was
/// cut. With no match it is the start of the page.
pub(crate) fn snippet(
    text: &str,
    highlights: &Highlights,
    analyzers: &mut Analyzers,
    max_chars: usize,
) -> String {
    let tokens = analyzers.analyze(text);
    if tokens.is_empty() {
        return render(
            text,
            &[],
            &[],
            0,
            text.len().min(floor_boundary(text, max_chars)),
        );
    }
    let marked = highlights.mark(&tokens);
    let hits: Vec<usize> = (0..tokens.len()).filter(|&i| marked[i]).collect();

    // Densest window of hits that fits.
    let (first, last) = if hits.is_empty() {
        (0, 0)
    } else {
        let mut best = (hits[0], hits[0], 1);
        let mut right = 0;
        for left in 0..hits.len() {
            right = right.max(left);
            while right + 1 < hits.len()
                && tokens[hits[right + 1]].offset_to - tokens[hits[left]].offset_from <= max_chars
            {
                right += 1;
            }
            if right - left + 1 > best.2 {
                best = (hits[left], hits[right], right - left + 1);
            }
        }
        (best.0, best.1)
    };

    // Widen with context: half the room before, the rest after.
    let mut start_token = first;
    let mut end_token = last;
    let used = tokens[last].offset_to - tokens[first].offset_from;
    let room_before = max_chars.saturating_sub(used) / 2;
    while start_token > 0
        && tokens[last].offset_to - tokens[start_token - 1].offset_from <= used + room_before
    {
        start_token -= 1;
    }
    while end_token + 1 < tokens.len()
        && tokens[end_token + 1].offset_to - tokens[start_token].offset_from <= max_chars
    {
        end_token += 1;
    }
    let start = if start_token == 0 {
        0
    } else {
        tokens[start_token].offset_from
    };
    let mut end = tokens[end_token].offset_to;
    if end_token + 1 == tokens.len() && text[end..].trim().len() <= 3 {
        end = text.len();
    }
    render(text, &tokens, &marked, start, end)
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn render(text: &str, tokens: &[WordToken], marked: &[bool], start: usize, end: usize) -> String {
    let mut html = String::new();
    if start > 0 {
        html.push('…');
    }
    let mut cursor = start;
    for (token, _) in tokens
        .iter()
        .zip(marked)
        .filter(|(t, m)| **m && t.offset_from >= start && t.offset_to <= end)
    {
        push_escaped(&mut html, &text[cursor..token.offset_from]);
        html.push_str("<mark>");
        push_escaped(&mut html, &text[token.offset_from..token.offset_to]);
        html.push_str("</mark>");
        cursor = token.offset_to;
    }
    push_escaped(&mut html, &text[cursor..end]);
    let mut html = html.trim().to_string();
    if end < text.len() {
        html.push('…');
    }
    html
}

/// HTML-escapes `text` onto `html`, collapsing whitespace runs into one space.
fn push_escaped(html: &mut String, text: &str) {
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                html.push(' ');
            }
            in_space = true;
            continue;
        }
        in_space = false;
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            '\'' => html.push_str("&#39;"),
            _ => html.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snip(text: &str, highlights: &Highlights, max: usize) -> String {
        snippet(text, highlights, &mut Analyzers::new(), max)
    }

    #[test]
    fn stems_and_exact_words_are_marked_and_the_rest_escaped() {
        let mut h = Highlights::default();
        h.add_stem("bleed");
        let s = snip("Hb <90 & rectal Bleeding noted", &h, 200);
        assert_eq!(s, "Hb &lt;90 &amp; rectal <mark>Bleeding</mark> noted");
    }

    #[test]
    fn fuzzy_neighbours_are_marked() {
        let mut h = Highlights::default();
        h.add_fuzzy("haemoglobin");
        let s = snip("Low haemoglobn on FBC", &h, 200);
        assert_eq!(s, "Low <mark>haemoglobn</mark> on FBC");
    }

    #[test]
    fn phrases_are_marked_only_where_the_words_are_adjacent() {
        let mut h = Highlights::default();
        h.add_stem_phrase(&["iron".into(), "defici".into(), "anaemia".into()]);
        let s = snip("Iron given. Iron deficiency anaemia confirmed.", &h, 200);
        assert_eq!(
            s,
            "Iron given. <mark>Iron</mark> <mark>deficiency</mark> <mark>anaemia</mark> confirmed."
        );
    }

    #[test]
    fn long_pages_are_cut_around_the_hits() {
        let mut h = Highlights::default();
        h.add_exact("colonoscopy");
        let filler = "word ".repeat(100);
        let text = format!("{filler}booked for colonoscopy next week {filler}");
        let s = snip(&text, &h, 60);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("<mark>colonoscopy</mark>"), "{s}");
        assert!(s.len() < 90, "{s}");
    }

    #[test]
    fn without_hits_the_page_start_is_shown() {
        let s = snip("First line\n\nsecond   line", &Highlights::default(), 200);
        assert_eq!(s, "First line second line");
    }
}
