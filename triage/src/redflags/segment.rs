//! Splitting a letter into sentences: the unit within which negation and the other scopes act.
//!
//! A sentence ends at `.`, `!` or `;` followed by white space, at a blank line, and at a line
//! break that ends a short line, a heading or a list item (templates put one field a line). A
//! line break inside running prose (a scanned letter wraps every line) does not end a sentence.

use std::ops::Range;

/// Byte ranges of the sentences of `text`, in order, covering every non-blank part.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut line_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(len) = dictated_break(text, i) {
            push(&mut out, text, start, i + len);
            start = i + len;
            i += len;
            continue;
        }
        let b = bytes[i];
        let next = bytes.get(i + 1).copied();
        let boundary_after = match b {
            b';' if list_continues(text, start, i) => false,
            b'.' | b'!' | b';' => {
                let prev_digit = i > 0 && bytes[i - 1].is_ascii_digit();
                let next_digit = next.is_some_and(|n| n.is_ascii_digit());
                !(prev_digit && next_digit) && next.is_none_or(|n| n.is_ascii_whitespace())
            }
            b'\n' => {
                let line = &text[line_start..i];
                let next_line_end = text[i + 1..].find('\n').map_or(text.len(), |e| e + i + 1);
                let next_line = &text[i + 1..next_line_end];
                let hard = hard_line_break(line, next_line);
                line_start = i + 1;
                hard
            }
            _ => false,
        };
        if boundary_after {
            push(&mut out, text, start, i + 1);
            start = i + 1;
        }
        i += 1;
    }
    push(&mut out, text, start, text.len());
    out
}

/// Punctuation spoken into speech recognition and left in the typed letter ("... loose
/// motions full stop new paragraph He has ..."): the length of "full stop" or "new paragraph"
/// starting at byte `at` as a word of its own, if one does.
fn dictated_break(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if !matches!(bytes[at], b'f' | b'F' | b'n' | b'N')
        || (at > 0 && !bytes[at - 1].is_ascii_whitespace())
    {
        return None;
    }
    ["full stop", "new paragraph"].iter().find_map(|w| {
        let end = at + w.len();
        let word = text.get(at..end)?;
        (word.eq_ignore_ascii_case(w) && bytes.get(end).is_none_or(|b| !b.is_ascii_alphanumeric()))
            .then_some(w.len())
    })
}

/// Whether the `;` at byte `at` joins items of one list ("No dysphagia; weight loss; PR
/// bleeding"): the part before it (from the sentence start or the previous `;`) and the part
/// after it are short bare phrases, with no number, duration or new subject after it.
fn list_continues(text: &str, start: usize, at: usize) -> bool {
    let before = &text[start..at];
    let before = before.rsplit(';').next().unwrap_or(before);
    let rest = &text[at + 1..];
    let item_end = rest.find([';', '.', '\n', '!', '?']).unwrap_or(rest.len());
    let after = &rest[..item_end];
    let words = |s: &str| s.split_whitespace().count();
    let lower = after.to_ascii_lowercase();
    let current = lower.split(|c: char| !c.is_ascii_alphabetic()).any(|w| {
        matches!(
            w,
            "for"
                | "since"
                | "ago"
                | "weeks"
                | "months"
                | "days"
                | "years"
                | "now"
                | "new"
                | "recent"
                | "recently"
                | "ongoing"
                | "but"
                | "however"
                | "has"
                | "have"
                | "had"
                | "is"
                | "was"
                | "she"
                | "he"
                | "they"
                | "reports"
                | "complains"
                | "noticed"
                | "yes"
                | "present"
        )
    });
    words(before) <= 6
        && (1..=4).contains(&words(after))
        && !after.chars().any(|c| c.is_ascii_digit())
        && !current
}

fn push(out: &mut Vec<Range<usize>>, text: &str, start: usize, end: usize) {
    if text[start..end].trim().is_empty() {
        return;
    }
    out.push(start..end);
}

/// Whether the line break between `line` and `next_line` ends a sentence.
fn hard_line_break(raw_line: &str, next_line: &str) -> bool {
    let line = raw_line.trim();
    let next = next_line.trim_start();
    if line.is_empty() || next.is_empty() {
        return true;
    }
    if line.ends_with(':') || line.ends_with('|') {
        return true;
    }
    // A short line ends its sentence (templates put one field a line), unless it stops
    // where no sentence can: a narrow handwritten or faxed note wraps "no haematemesis no\n
    // CIBH" and "return if she notices\nany rectal bleeding".
    if line.chars().count() < 45 && !dangling(line) {
        return true;
    }
    if next.starts_with(['-', '*', '•', '[', '|', '☐', '☒']) || opens_a_note(next) {
        return true;
    }
    // Indented lines of one depth are the items of a block ("  dtr says ... no loss\n  o/e
    // palpable mass RIF"), not a paragraph wrapped by a scanner.
    let indent = |s: &str| s.len() - s.trim_start_matches([' ', '\t']).len();
    if indent(raw_line) >= 2 && indent(raw_line) == indent(next_line) && !dangling(line) {
        return true;
    }
    looks_like_heading(next) || (capitals_heading(next) && !dangling(line))
}

/// A short line in capitals standing alone: a system export's heading ("CURRENT MEDICATION",
/// "PAST PROBLEMS").
fn capitals_heading(line: &str) -> bool {
    let line = line.trim();
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    (4..=40).contains(&line.len())
        && letters >= 4
        && line
            .chars()
            .all(|c| c.is_ascii_uppercase() || matches!(c, ' ' | '&' | '/' | '-' | '(' | ')'))
}

/// Whether a line opens a clinical note's own entry: "o/e ...", "c/o ...", "h/o ...".
fn opens_a_note(line: &str) -> bool {
    let head: String = line
        .chars()
        .take(4)
        .collect::<String>()
        .to_ascii_lowercase();
    ["o/e", "c/o", "h/o"].iter().any(|o| {
        head.starts_with(o)
            && head[o.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Whether `line` stops mid-sentence: after a comma, a slash, an "and", a negation cue or
/// another word that needs what follows.
fn dangling(line: &str) -> bool {
    if line.ends_with([',', '/', '&', '+']) {
        return true;
    }
    let last = line
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        last.as_str(),
        "no" | "not"
            | "nil"
            | "denies"
            | "without"
            | "and"
            | "or"
            | "nor"
            | "but"
            | "of"
            | "to"
            | "if"
            | "with"
            | "any"
            | "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "re"
            | "for"
            | "notices"
            | "develops"
            | "becomes"
            | "starts"
            | "has"
            | "had"
            | "is"
    )
}

/// "Examination:" or "Past medical history:" at the start of a line.
fn looks_like_heading(line: &str) -> bool {
    let Some(colon) = line.find(':') else {
        return false;
    };
    let head = &line[..colon];
    colon <= 32
        && head.chars().next().is_some_and(|c| c.is_uppercase())
        && head
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '/')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn sentences_end_at_stops_but_not_decimals() {
        let s = split("Hb 9.8 g/dL. No dysphagia; weight loss 3 kg. Thanks");
        assert_eq!(
            s,
            vec![
                "Hb 9.8 g/dL.",
                " No dysphagia;",
                " weight loss 3 kg.",
                " Thanks"
            ]
        );
    }

    #[test]
    fn template_lines_are_sentences_and_wrapped_prose_is_not_split() {
        let text = "Dysphagia: No\nWeight loss: Yes\n";
        assert_eq!(split(text), vec!["Dysphagia: No\n", "Weight loss: Yes\n"]);
        let prose = "She has had no weight loss, vomiting, dysphagia or change in\nbowel habit and is otherwise well.";
        assert_eq!(split(prose).len(), 1);
    }

    #[test]
    fn narrow_notes_wrap_where_no_sentence_ends() {
        let note = "no haematemesis no difficulty swallowing no\nCIBH no bloating\npls see";
        assert_eq!(
            split(note),
            vec![
                "no haematemesis no difficulty swallowing no\nCIBH no bloating\n",
                "pls see"
            ]
        );
        let net = "advised to return if she notices\nany rectal bleeding";
        assert_eq!(split(net).len(), 1);
        // A field a line still ends its sentence.
        assert_eq!(split("Dysphagia: no\nWeight loss: 3kg").len(), 2);
        assert_eq!(split("no vomiting\nweight loss 3 kg").len(), 2);
    }

    #[test]
    fn semicolon_lists_stay_together() {
        assert_eq!(
            split("Denies dysphagia; weight loss; PR bleeding. Well."),
            vec!["Denies dysphagia; weight loss; PR bleeding.", " Well."]
        );
        assert_eq!(
            split("No dysphagia; rectal bleeding for 3 weeks."),
            vec!["No dysphagia;", " rectal bleeding for 3 weeks."]
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in ["", "\n\n", ".", "é.\né", "a\u{2028}b. ;;", "–\n–"] {
            let _ = sentences(text);
        }
    }
}
