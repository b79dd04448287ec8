//! Words an OCR engine misread, read back as the words they were ("Wcight loss" for "Weight
//! loss", "Jaunclice" for "Jaundice", "tlie" for "the").
//!
//! Tesseract's common confusions on printed text are single shapes read as their look-alikes:
//! `e` as `c`, `i` as `l`, `m` as `rn`, `d` as `cl`, `h` as `li` (and `cl` as `d`). The
//! lexicon's own patterns already tolerate `l`/`1`, `o`/`0` and `m`/`rn` inside a finding's
//! words, but the scope words (negations, "should", "since", relatives), answers and the rest
//! of the checker's patterns are plain text. So a letter is repaired once, before it is read:
//! a word that is not in the checker's vocabulary and becomes exactly one vocabulary word by
//! undoing at most two of these confusions is replaced by that word. A word the vocabulary
//! knows is never changed, and a word two different repairs could give is left alone.
//!
//! The vocabulary is the words of `triage/data/lexicon.txt` (its terms and the words of its
//! patterns, at least two letters) and its `[ocr words]` section: no word list fitted to one
//! set of letters. Repairs can change a word's length ("rn" to "m"), so the repaired text
//! carries a map back to the original's byte offsets.

use std::collections::HashSet;

use once_cell::sync::Lazy;

use super::lexicon::LEXICON;

/// The checker's vocabulary, lower case.
static VOCABULARY: Lazy<HashSet<String>> = Lazy::new(|| {
    let mut words = HashSet::new();
    for term in LEXICON.all_lines() {
        match term.strip_prefix('~') {
            // A plain phrase: every word of two letters or more.
            None => words.extend(
                term.split(|c: char| !c.is_ascii_alphabetic())
                    .filter(|w| w.len() >= 2)
                    .map(str::to_ascii_lowercase),
            ),
            Some(pattern) => words.extend(pattern_words(pattern)),
        }
    }
    words
});

/// The whole words of a pattern: runs of four letters or more, not an escape (`\\s`, `\\b`)
/// and not a fragment joined to a group or a quantifier (`approx(?:imately)?`, `colou?r`).
fn pattern_words(pattern: &str) -> Vec<String> {
    let b = pattern.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            i += 2;
            continue;
        }
        if !b[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_alphabetic() {
            i += 1;
        }
        let joined_before = start > 0 && matches!(b[start - 1], b')' | b']');
        let joined_after = i < b.len() && matches!(b[i], b'(' | b'[' | b'?' | b'*' | b'{');
        if i - start >= 4 && !joined_before && !joined_after {
            out.push(pattern[start..i].to_ascii_lowercase());
        }
    }
    out
}

/// One confusion undone: `from` as the engine read it, `to` as it was printed.
struct Confusion {
    from: &'static str,
    to: &'static str,
}

const CONFUSIONS: &[Confusion] = &[
    Confusion { from: "c", to: "e" },
    Confusion { from: "l", to: "i" },
    Confusion {
        from: "rn",
        to: "m",
    },
    Confusion {
        from: "cl",
        to: "d",
    },
    Confusion {
        from: "li",
        to: "h",
    },
    Confusion {
        from: "d",
        to: "cl",
    },
    Confusion { from: "1", to: "l" },
    Confusion { from: "1", to: "i" },
    Confusion { from: "0", to: "o" },
];

/// At most this many confusions are undone in one word.
const MAX_EDITS: usize = 2;

/// Words longer than this are left as they are (bounded work on pathological input).
const MAX_WORD: usize = 40;

/// A letter's text with its misread words repaired, and the way back to the original offsets.
pub struct Repaired {
    text: String,
    /// For each byte offset of `text` (and one past its end), the original's byte offset;
    /// `None` when nothing was repaired (the offsets are the same).
    map: Option<Vec<usize>>,
}

impl Repaired {
    pub fn text(&self) -> &str {
        &self.text
    }

    /// A rewritten text with the original's byte offset of each of its bytes (and of its end).
    pub fn from_parts(text: String, map: Vec<usize>) -> Repaired {
        Repaired {
            text,
            map: Some(map),
        }
    }

    /// `next`, made from this text, with its offsets leading back to this text's original.
    pub fn then(self, next: Repaired) -> Repaired {
        let map = match (&self.map, next.map) {
            (None, map) => map,
            (Some(_), None) => self.map.clone(),
            (Some(_), Some(inner)) => Some(inner.iter().map(|&p| self.original(p)).collect()),
        };
        Repaired {
            text: next.text,
            map,
        }
    }

    /// The original's byte range of this text's `start..end`: from the first byte's origin to
    /// just past the last byte's.
    pub fn original_span(&self, original: &str, start: usize, end: usize) -> (usize, usize) {
        let from = self.original(start);
        if end <= start {
            return (from, from);
        }
        let last = self.original(end - 1);
        let to = last
            + original
                .get(last..)
                .and_then(|r| r.chars().next())
                .map_or(1, char::len_utf8);
        (from, to.max(from).min(original.len()))
    }

    /// Whether any word was repaired.
    pub fn changed(&self) -> bool {
        self.map.is_some()
    }

    /// The original's byte offset of the repaired text's byte offset `pos`.
    pub fn original(&self, pos: usize) -> usize {
        match &self.map {
            None => pos,
            Some(map) => map.get(pos).copied().unwrap_or_else(|| {
                // Past the end: the original's end.
                map.last().copied().unwrap_or(0)
            }),
        }
    }
}

/// Repairs the misread words of `text`.
pub fn repair(text: &str) -> Repaired {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut map: Vec<usize> = Vec::with_capacity(text.len() + 1);
    let mut changed = false;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        // A word glued to a non-ASCII letter ("Ödön") is not an ASCII word: leave it.
        let glued = |b: Option<&u8>| b.is_some_and(|b| !b.is_ascii());
        if glued(start.checked_sub(1).and_then(|s| bytes.get(s))) || glued(bytes.get(i)) {
            continue;
        }
        let token = &text[start..i];
        let Some(word) = repaired_word(token).or_else(|| {
            // What precedes the token as repaired so far ("FlT" read as "FIT"), built only for
            // a token that could be a misread number.
            misread_number(token)?;
            let before = format!("{}{}", tail(&out, 40), &text[copied..start]);
            misread_value(tail(&before, 40), token)
        }) else {
            continue;
        };
        changed = true;
        out.push_str(&text[copied..start]);
        map.extend(copied..start);
        // The repair's first byte to the word's first, its last to the last, last to last, the bytes between spread evenly.
        let (from_len, to_len) = (i - start, word.len());
        map.extend((0..to_len).map(|k| start + k * (from_len - 1) / (to_len - 1).max(1)));
        out.push_str(&word);
        copied = i;
    }
    if !changed {
        return Repaired {
            text: text.to_string(),
            map: None,
        };
    }
    out.push_str(&text[copied..]);
    map.extend(copied..=text.len());
    Repaired {
        text: out,
        map: Some(map),
    }
}

/// The last `n` bytes of `s` or a few more (to a character boundary).
fn tail(s: &str, n: usize) -> &str {
    let from = (0..=s.len().saturating_sub(n))
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0);
    &s[from..]
}

/// The tests whose value a misread number may follow.
static TEST_BEFORE: Lazy<regex::Regex> = Lazy::new(|| {
    super::lexicon::build(
        r"\b(?:q?fit|hb|haemoglobin|ferritin|calprotectin|fcp|alt|ttg)(?:\s+(?:of|was|is|now|level|result))?\s*[:=<>]?\s*$",
    )
});

/// The number a test's value was misread from: "FIT l ug/g", "ferritin l2", "ALT 3O0" (the
/// engine reads 1 as `l` or `I` and 0 as `O`), when it stands right after the test's name.
fn misread_value(before: &str, token: &str) -> Option<String> {
    let number = misread_number(token)?;
    TEST_BEFORE.is_match(before).then_some(number)
}

/// The number `token` reads as when it is digits with at least one look-alike letter (`l`
/// or `I` for 1, `O` for 0), at most four characters.
fn misread_number(token: &str) -> Option<String> {
    let misread = token.bytes().any(|b| matches!(b, b'l' | b'I' | b'O'));
    let numeric = token
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'l' | b'I' | b'O'));
    (misread && numeric && token.len() <= 4).then(|| {
        token
            .chars()
            .map(|c| match c {
                'l' | 'I' => '1',
                'O' => '0',
                c => c,
            })
            .collect()
    })
}

/// The word `word` was misread from, when it is exactly one vocabulary word.
fn repaired_word(word: &str) -> Option<String> {
    if word.len() < 2 || word.len() > MAX_WORD {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    if VOCABULARY.contains(&lower) || !lower.bytes().any(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    // A number with its unit or suffix ("12mg", "1st", "10l") is no misread word.
    if word.as_bytes()[0].is_ascii_digit() && word.bytes().filter(u8::is_ascii_digit).count() > 1 {
        return None;
    }
    // Every place a confusion could be undone: (byte offset, confusion).
    let mut sites: Vec<(usize, &'static Confusion)> = Vec::new();
    let bytes = word.as_bytes();
    // A capitalised word ("Clark") may be a name: its first letters are not reshaped.
    let titled = bytes[0].is_ascii_uppercase() && bytes[1..].iter().any(u8::is_ascii_lowercase);
    for at in 0..lower.len() {
        for c in CONFUSIONS {
            if !lower[at..].starts_with(c.from) {
                continue;
            }
            let reshaped = c.from.len() > 1 || c.to.len() > 1;
            // Short words are abbreviations as often as misreadings ("Lt", "Plt", "Cr"):
            // only a digit read for a letter, a small `c` for `e` ("Shc", not "FC") and a
            // small `l` among capitals ("FlT") are undone in them.
            let short_ok = match (c.from, c.to) {
                ("c", _) => bytes[at] == b'c',
                ("1", _) | ("0", _) | ("l", "i") => true,
                _ => false,
            };
            // The engine reads a small `i` as `l`, or a capital `I` as a small `l` ("FlT"),
            // never a capital `L` for either.
            let capital_l = c.from == "l" && bytes[at] == b'L';
            if (word.len() <= 3 && !short_ok) || (titled && at == 0 && reshaped) || capital_l {
                continue;
            }
            sites.push((at, c));
        }
    }
    if sites.is_empty() || sites.len() > 24 {
        return None;
    }
    let apply = |chosen: &[&(usize, &'static Confusion)]| -> Option<String> {
        let mut s = String::with_capacity(lower.len() + 2);
        let mut at = 0;
        for (pos, c) in chosen {
            if *pos < at {
                return None;
            }
            s.push_str(&lower[at..*pos]);
            s.push_str(c.to);
            at = pos + c.from.len();
        }
        s.push_str(&lower[at..]);
        Some(s)
    };
    for edits in 1..=MAX_EDITS {
        let mut found: Vec<(String, Vec<(usize, &'static Confusion)>)> = Vec::new();
        let mut choose = |chosen: Vec<&(usize, &'static Confusion)>| {
            if let Some(candidate) = apply(&chosen) {
                if VOCABULARY.contains(&candidate) && !found.iter().any(|(c, _)| *c == candidate) {
                    found.push((
                        candidate,
                        chosen.into_iter().map(|(p, c)| (*p, *c)).collect(),
                    ));
                }
            }
        };
        if edits == 1 {
            for s in &sites {
                choose(vec![s]);
            }
        } else {
            for (a, s) in sites.iter().enumerate() {
                for t in &sites[a + 1..] {
                    choose(vec![s, t]);
                }
            }
        }
        match found.as_slice() {
            [] => continue,
            [(_, chosen)] => return Some(in_case_of(word, chosen)),
            _ => return None,
        }
    }
    None
}

/// The repair of `word` at `chosen`, in the word's own case: a word in capitals
/// ("HAEMATEMCSIS") gets capitals, and so does a letter between two capitals ("FlT",
/// "qFlT"); any other the case of the character it replaces.
fn in_case_of(word: &str, chosen: &[(usize, &Confusion)]) -> String {
    let letters_outside = |w: &str| -> Vec<char> {
        let mut out = Vec::new();
        let mut at = 0;
        for (pos, c) in chosen {
            out.extend(w[at..*pos].chars());
            at = pos + c.from.len();
        }
        out.extend(w[at..].chars());
        out.into_iter().filter(char::is_ascii_alphabetic).collect()
    };
    let outside = letters_outside(word);
    let capitals = outside.len() >= 2 && outside.iter().all(char::is_ascii_uppercase);
    let mut s = String::with_capacity(word.len() + 2);
    let mut at = 0;
    for (pos, c) in chosen {
        s.push_str(&word[at..*pos]);
        let b = word.as_bytes();
        let between_capitals = *pos > 0
            && b[pos - 1].is_ascii_uppercase()
            && b.get(pos + c.from.len())
                .is_some_and(u8::is_ascii_uppercase);
        let upper = capitals
            || between_capitals
            || word[*pos..].starts_with(|ch: char| ch.is_ascii_uppercase());
        if upper {
            s.push_str(&c.to.to_ascii_uppercase());
        } else {
            s.push_str(c.to);
        }
        at = pos + c.from.len();
    }
    s.push_str(&word[at..]);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str) -> String {
        repair(text).text().to_string()
    }

    #[test]
    fn misread_shapes_are_read_back() {
        assert_eq!(fixed("Wcight loss"), "Weight loss");
        assert_eq!(fixed("Jaunclice - YES"), "Jaundice - YES");
        assert_eq!(
            fixed("tlie patient denies rnelaena"),
            "the patient denies melaena"
        );
        assert_eq!(fixed("HAEMATEMCSIS"), "HAEMATEMESIS");
        assert_eq!(fixed("FlT 4"), "FIT 4");
        assert_eq!(
            fixed("FlT l ug/g, ferritin l2, ALT 3O0"),
            "FIT 1 ug/g, ferritin 12, ALT 300"
        );
        assert_eq!(
            fixed("qFlT <4, pain ln the upper turnmy"),
            "qFIT <4, pain in the upper tummy"
        );
        assert_eq!(fixed("Dyspliagia: no"), "Dysphagia: no");
    }

    #[test]
    fn known_words_numbers_and_unknown_words_are_left_alone() {
        let text =
            "Clinic letter: 12mg, 1st visit, Ödön, xylophone, rn, cl 98, Lt Clark, Plt 250, FC 300";
        assert_eq!(fixed(text), text);
        assert!(!repair(text).changed());
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let text = "No rnelaena, Jaunclice present";
        let r = repair(text);
        assert_eq!(r.text(), "No melaena, Jaundice present");
        let at = r.text().find("Jaundice").unwrap();
        assert_eq!(r.original(at), text.find("Jaunclice").unwrap());
        let end = at + "Jaundice".len();
        assert_eq!(&text[r.original(at)..r.original(end)], "Jaunclice");
        let present = r.text().find("present").unwrap();
        assert_eq!(&text[r.original(present)..], "present");
        assert_eq!(r.original(r.text().len()), text.len());
    }
}
