//! Form fields: a finding's label answered by a tick box or a yes/no word.
//!
//! Proformas write the answer after the label in many ways: `[X] Yes [ ] No`,
//! `[ ] Yes [X] No`, `Yes [ ] No [x]`, `☒ Yes ☐ No`, `(x) Y ( ) N`, `Yes/No: No`, `Y/N: N`,
//! `Rectal bleeding: No`, `Dysphagia - N`, `Weight loss [ ]`; or put a single box before the
//! label (`[x] Weight loss`, `☐ Dysphagia`). [`answer_after`] and [`box_before`] read them:
//! `Some(true)` is a yes, `Some(false)` a no (or a form left blank), `None` no field.

use once_cell::sync::Lazy;
use regex::Regex;

use super::lexicon::build;

/// A tick box at the start of `s` (spaces allowed inside the brackets): its length in bytes
/// and whether it is ticked.
fn tick_box(s: &str) -> Option<(usize, bool)> {
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    match first {
        // A ballot cross standing alone is the "absent" of a list marked with ticks and
        // crosses ("✓ Dyspepsia", "✗ Dysphagia").
        '☐' | '□' | '◻' | '○' | '◯' | '✗' | '✘' => {
            return Some((first.len_utf8(), false))
        }
        '☒' | '☑' | '✓' | '✔' | '■' | '☓' | '⊠' | '●' | '◉' | '⦿' => {
            return Some((first.len_utf8(), true))
        }
        '[' | '(' => {}
        _ => return None,
    }
    let close = if first == '[' { ']' } else { ')' };
    let inner_end = s[1..].find(close)? + 1;
    if inner_end > 6 {
        return None;
    }
    let inner = s[1..inner_end].trim();
    let ticked = match inner {
        "" | "_" | "○" => false,
        "x" | "X" | "✓" | "✔" | "/" | "*" | "v" | "V" | "×" | "•" | "●" => true,
        // A ballot cross in a box is the "no" of a tick-if-present column.
        "✗" | "✘" => false,
        _ => return None,
    };
    Some((inner_end + 1, ticked))
}

/// A yes/no word at the start of `s`: its length and whether it is a yes.
fn yes_no_word(s: &str) -> Option<(usize, bool)> {
    let word: String = s
        .chars()
        .take_while(|c| c.is_ascii_alphabetic() || *c == '0')
        .collect();
    let lower = word.to_ascii_lowercase().replace('0', "o");
    let yes = match lower.as_str() {
        "yes" | "y" | "present" | "positive" => true,
        "no" | "n" | "nil" | "none" | "absent" | "negative" | "denied" | "denies" => false,
        _ => return None,
    };
    Some((word.len(), yes))
}

fn skip_spaces(s: &str) -> &str {
    s.trim_start_matches([' ', '\t', '.', '|', '_'])
}

/// "[No]", "[Yes]", "(N)": a bracketed answer word.
fn bracketed_word(s: &str) -> Option<(usize, bool)> {
    let close = match s.chars().next()? {
        '[' => ']',
        '(' => ')',
        _ => return None,
    };
    let end = s.find(close)?;
    let inner = s[1..end].trim();
    let (len, yes) = yes_no_word(inner)?;
    (len > 0 && len == inner.len()).then_some((end + 1, yes))
}

/// The field after a label, past a gloss in brackets: "Dysphagia (difficulty swallowing)
/// ..... YES / (NO)"; or past the closing bracket when the mention is itself the gloss
/// ("Difficulty swallowing (dysphagia)? ..... No"). A bracket holding an answer ("(x)",
/// "(No)", "(2)") is no gloss. `None`: a bracket opened and not closed within 60 bytes.
fn skip_gloss(line: &str) -> Option<&str> {
    let mut s = skip_spaces(line);
    // Past the question's own mark to a gloss: "Abdominal pain? (site)      N".
    let marked = s.trim_start_matches(['?', ':']);
    if marked.len() < s.len() && skip_spaces(marked).starts_with('(') {
        s = skip_spaces(marked);
    }
    if let Some(rest) = s.strip_prefix(')') {
        s = skip_spaces(rest);
    }
    if s.starts_with('(') && answer_code(s).is_none() && tick_box(s).is_none() {
        let close = s.find(')').filter(|c| *c < 60)?;
        if yes_no_word(s[1..close].trim()).is_none() {
            s = skip_spaces(&s[close + 1..]);
        }
    }
    Some(s)
}

/// The rest of the line after byte `end`, at most 80 bytes besides a run of leader dots
/// ("Dysphagia (any age) ........................................ Yes / (No)").
fn line_after(text: &str, end: usize) -> &str {
    let rest = text.get(end..).unwrap_or("");
    let line = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
    let leader = line.find("...").filter(|at| *at < 80).map_or(0, |at| {
        line[at..].len() - line[at..].trim_start_matches(['.', '…']).len()
    });
    let mut cut = line.len().min(80 + leader);
    while !line.is_char_boundary(cut) {
        cut -= 1;
    }
    &line[..cut]
}

/// Whether the mention at `start..end` is a form question left unanswered:
/// - a question mark after it (and after a gloss in brackets), then nothing but a colon,
///   leader dots, a dash or an empty box to the end of the line ("Rectal bleeding?: -",
///   "Vomiting blood? .....", "Change in bowel habit?:");
/// - an answer code the form's key calls "not known", or a code with no key ("[3]" under
///   "KEY: 1 = present 2 = absent 3 = not known");
/// - a numbered checklist row with nothing after its label while a row beside it is
///   answered in a right-hand column ("3   Upper abdominal pain" between "2 ... N" rows).
///
/// Called when no answer was read after the label.
pub fn unanswered_question(text: &str, start: usize, end: usize) -> bool {
    if no_answer_before(text, start) {
        return true;
    }
    let end = label_end(text, end);
    if let Some(answer) = answer_line_below(text, end) {
        return no_answer(answer) || answer.trim().is_empty();
    }
    // The whole rest of the line: an answer after a long run of leader dots still counts.
    let rest = text.get(end..).unwrap_or("");
    let line = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
    // A field rule or leader dots with nothing written on them: "Dysphagia ________".
    let leaders = line
        .chars()
        .filter(|c| matches!(c, '.' | '_' | '…'))
        .count();
    if leaders >= 3
        && line
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '.' | '_' | '…' | ':'))
    {
        return true;
    }
    let Some(s) = skip_gloss(line) else {
        return false;
    };
    let blank = |r: &str| {
        r.trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, ':' | '.' | '-' | '–' | '—' | '_' | '…' | '[' | ']')
        })
        .is_empty()
    };
    let question = s.strip_prefix('?');
    if question.is_some_and(blank) {
        return true;
    }
    let answer = question
        .unwrap_or(s)
        .trim_start_matches([':', '.', '…', '_', ' ', '\t', '|']);
    if let Some(code) = answer_code(answer) {
        return code_meaning(text, code).is_none();
    }
    if no_answer(answer) {
        return true;
    }
    // A two-column form's field left blank: a wide gap, then the next column's label and
    // colon ("Dysphagia:            Weight loss:").
    let next_label = answer
        .split_once(':')
        .is_some_and(|(l, _)| !l.is_empty() && l.len() <= 60 && l.chars().all(label_char));
    if next_label && s.starts_with(":   ") {
        return true;
    }
    s.trim_start_matches([':', '?']).trim().is_empty() && checklist_row(text, start)
}

/// An answer that answers nothing: "N/A", "unknown", "not asked", "see letter", or the printed
/// choice a "delete as appropriate" form left undeleted ("Yes / No", "Y/N", "present /
/// absent").
fn no_answer(answer: &str) -> bool {
    // A gloss after the printed choice: "Y / N   (please delete as appropriate)".
    let answer = match answer
        .trim_end()
        .strip_suffix(')')
        .and_then(|a| a.rfind('('))
    {
        Some(open) if open > 0 => &answer[..open],
        _ => answer,
    };
    let words: String = answer
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ';' | ','))
        .to_ascii_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let choice = words.replace(' ', "");
    matches!(
        words.as_str(),
        "n/a"
            | "na"
            | "n.a"
            | "unknown"
            | "not known"
            | "unsure"
            | "not sure"
            | "don't know"
            | "don’t know"
            | "dont know"
            | "do not know"
            | "not asked"
            | "not checked"
            | "not assessed"
            | "not recorded"
            | "?"
            | "see letter"
            | "see below"
            | "see above"
            | "see attached"
            | "see covering letter"
    ) || matches!(
        choice.as_str(),
        "yes/no"
            | "y/n"
            | "(yes/no)"
            | "(y/n)"
            | "no/yes"
            | "n/y"
            | "yesno"
            | "noyes"
            | "present/absent"
            | "absent/present"
            | "positive/negative"
            | "negative/positive"
    )
}

/// A bracket before the label holding an answer that answers nothing: "[not asked] Weight
/// loss", "[N/A] Jaundice", "[?] Dysphagia".
fn no_answer_before(text: &str, start: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let mut prefix = text[line_start..start].trim_end();
    // The box may open a row whose label runs on to the mention: "[ ? ] Unexplained weight
    // loss".
    if let Some(close) = prefix.rfind(']') {
        let gap = &prefix[close + 1..];
        if !gap.is_empty()
            && gap.len() <= 40
            && gap.chars().all(label_char)
            && !has_denial_word(gap)
        {
            prefix = prefix[..close + 1].trim_end();
        }
    }
    let Some(inner) = prefix.strip_suffix(']') else {
        return false;
    };
    let Some(open) = inner.rfind('[') else {
        return false;
    };
    let answer = inner[open + 1..].trim();
    inner[..open].trim().is_empty() && (no_answer(answer) || matches!(answer, "-" | "–" | "?"))
}

/// A character a form row's label is written in: letters, spaces, slashes, hyphens, commas,
/// brackets, apostrophes and ampersands ("Rectal / anal mass or anal ulcer"), no digits.
pub(super) fn label_char(c: char) -> bool {
    c.is_alphabetic() || matches!(c, ' ' | '/' | '-' | '(' | ')' | ',' | '\'' | '&')
}

/// Where the label holding a mention ends on a form row: the mention is often only part of
/// the label ("Rectal / anal mass or anal ulcer        Y / [N]", "Abdominal or rectal mass on
/// examination?"). The label runs on in words, slashes and brackets to a column gap (a tab,
/// two spaces, leader dots or a rule), a colon or a question mark; `end` itself when the
/// mention is followed by anything else (a sentence goes on with digits or punctuation).
pub fn label_end(text: &str, end: usize) -> usize {
    let rest = text.get(end..).unwrap_or("");
    let line = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
    let mut prev_space = false;
    for (i, c) in line.char_indices() {
        let stop = c == '\t'
            || matches!(c, ':' | '?' | '_' | '|' | '…')
            || (c == ' ' && prev_space)
            || (c == '.' && line[i + 1..].starts_with('.'));
        if stop {
            let at = if c == ' ' { i - 1 } else { i };
            return if i > 60 { end } else { end + at };
        }
        // A bracketed answer right after the label: "Rectal or anal mass on examination [N]".
        if c == '[' && bracketed_word(&line[i..]).is_some() {
            let at = line[..i].trim_end().len();
            return if at > 60 { end } else { end + at };
        }
        // A criterion's threshold is part of its label: "Change in bowel habit for > 4
        // weeks?".
        if !label_char(c) && !c.is_ascii_digit() && !matches!(c, '>' | '<' | '=' | '≥' | '≤') {
            return end;
        }
        prev_space = c == ' ';
    }
    // The label runs to the end of its line: a row left blank.
    if line.len() <= 60 {
        end + line.trim_end().len()
    } else {
        end
    }
}

/// The answer line under a question ("Q: Any difficulty swallowing?" / "A: no"): the text
/// after the answer's marker, when the question's line ends at `end` (its label end).
fn answer_line_below(text: &str, end: usize) -> Option<&str> {
    let rest = text.get(end..)?;
    let (line, below) = rest.split_once('\n')?;
    if !line
        .trim_start_matches([' ', '\t', ':'])
        .trim_end()
        .trim_end_matches('?')
        .trim()
        .is_empty()
    {
        return None;
    }
    let next = below.split('\n').next().unwrap_or("").trim_start();
    let lower = next.to_ascii_lowercase();
    ["answer:", "ans:", "a:", "a -", "a.", "a)"]
        .iter()
        .find(|m| lower.starts_with(**m))
        .map(|m| &next[m.len()..])
}

/// A numbered answer code ending the line: "[2]", "( 1 )", "3".
fn answer_code(s: &str) -> Option<char> {
    let t = s.trim_end();
    let inner = match t.chars().next()? {
        '[' => t.strip_prefix('[')?.strip_suffix(']')?,
        '(' => t.strip_prefix('(')?.strip_suffix(')')?,
        _ => t,
    };
    let mut chars = inner.trim().chars();
    let c = chars.next().filter(|c| c.is_ascii_digit())?;
    chars.next().is_none().then_some(c)
}

/// What answer code `code` means by the form's key ("KEY: 1 = present 2 = absent 3 = not
/// known"): `Some(true)` present, `Some(false)` absent, `None` not known or no key.
fn code_meaning(text: &str, code: char) -> Option<bool> {
    static KEY: Lazy<Regex> = Lazy::new(|| {
        build(r"\b([0-9])\s*(?:=|:|-)\s*(present|yes|absent|no|not\s+known|unknown|not\s+asked)\b")
    });
    KEY.captures_iter(text).find_map(|c| {
        if !c[1].starts_with(code) {
            return None;
        }
        Some(match c[2].to_ascii_lowercase().as_str() {
            "present" | "yes" => Some(true),
            "absent" | "no" => Some(false),
            _ => None,
        })
    })?
}

/// Whether the line holding byte `start` is a numbered checklist row ("3   Upper abdominal
/// pain", "Q03 Dysphagia") with a neighbouring row answered in a right-hand column.
fn checklist_row(text: &str, start: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let prefix = text[line_start..start].trim();
    let marker = prefix.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let is_marker = !prefix.is_empty()
        && prefix.len() <= 4
        && !marker.is_empty()
        && marker
            .trim_end_matches(['.', ')'])
            .chars()
            .all(|c| c.is_ascii_digit());
    // Or an unnumbered row whose whole line is a short label ("Rectal / anal mass").
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let row = text[line_start..line_end].trim();
    // A label ending in a colon or question mark with nothing after it counts too.
    let label = row.trim_end_matches([':', '?']).trim_end();
    let label_row = label.len() <= 60 && label.chars().all(label_char);
    if !is_marker && !label_row {
        return false;
    }
    // A row answered in its right-hand column ("Rectal bleeding     N"); and, beside a label
    // left blank after its colon ("Dysphagia:"), a row answered after its colon ("Rectal
    // bleeding: ABSENT").
    let blank_after_colon = row.ends_with([':', '?']);
    let answered = |line: &str| {
        let t = line.trim_end();
        let after_colon = || t.rfind(':').filter(|_| blank_after_colon).map(|i| i + 1);
        let Some(cut) = t.rfind("  ").max(t.rfind('\t')).or_else(after_colon) else {
            return false;
        };
        let last = t[cut..].trim();
        let last = last.to_ascii_lowercase();
        matches!(
            last.as_str(),
            "y" | "n"
                | "yes"
                | "no"
                | "[x]"
                | "[ ]"
                | "✓"
                | "✔"
                | "x"
                | "✗"
                | "✘"
                | "absent"
                | "present"
                | "nil"
                | "-"
                | "+"
                | "–"
        ) || no_answer(&last)
    };
    let before = text[..line_start].trim_end_matches(['\n', '\r']);
    let previous = before.rsplit('\n').next().unwrap_or("");
    let after = text[start..].split_once('\n').map_or("", |(_, r)| r);
    let next = after.split('\n').next().unwrap_or("");
    answered(previous) || answered(next)
}

/// The answer in the right-hand column of the form row whose label holds the mention, or on
/// the answer line under its question: [`answer_after`] from the label's end.
pub fn row_answer(text: &str, end: usize) -> Option<bool> {
    let label = label_end(text, end);
    if let Some(answer) = answer_line_below(text, label) {
        let answer = answer.trim_start();
        let (len, yes) = yes_no_word(answer).filter(|(len, _)| *len > 0)?;
        let after = answer[len..].trim_start();
        return (after.is_empty() || after.starts_with(['.', ',', ';', '-', '(', '–']))
            .then_some(yes);
    }
    (label > end).then(|| answer_after(text, label)).flatten()
}

/// A sign in a form's answer column, after a gap: `Jaundice       -`, `Abdominal pain    +
/// intermittent, 12 wks`. Alone at the end of its row a dash is a no and a plus a yes; with
/// words after it (past a second gap), only where the letter prints the key (`+ present`,
/// `- absent`), since a dash also introduces a row's answer (`- 3 weeks`).
fn column_sign(text: &str, line: &str) -> Option<bool> {
    static KEY: Lazy<Regex> = Lazy::new(|| {
        build(
            r"(?:^|[\s(\[])(?:\+\s*(?:=\s*)?(?:present|yes)|[-–]\s*(?:=\s*)?(?:absent|no)|(?:present|yes)\s*(?:=\s*)?\+|(?:absent|no)\s*(?:=\s*)?[-–])(?:\s|[,;)\]]|$)",
        )
    });
    let rest = line.trim_start_matches([' ', '\t', '.', '…']);
    let gap = &line[..line.len() - rest.len()];
    if !(gap.contains("  ") || gap.contains(['\t', '…']) || gap.contains("..")) {
        return None;
    }
    let mut chars = rest.chars();
    let yes = match chars.next()? {
        '+' => true,
        '-' | '–' => false,
        _ => return None,
    };
    let after = chars.as_str();
    if after.trim().is_empty() {
        return Some(yes);
    }
    let wide = after.starts_with("  ") || after.starts_with('\t');
    (wide && KEY.is_match(text)).then_some(yes)
}

/// The answer written after a label that ends at byte `end`.
pub fn answer_after(text: &str, end: usize) -> Option<bool> {
    let line = line_after(text, end);
    // Shorthand right after the finding: "dysphagia -ve", "haematemesis neg", "PR bleed +ve".
    // A dash straight after the finding ends its list item: "dysphagia -; melaena -",
    // "- dysphagia -" (a form's "?: -" or ": -" is a question left blank, read elsewhere).
    // A cross does the same in a list: "haematemesis x; no melaena" (not "x2", "x3/12").
    let marked = [" -", "-", " x", " ✗", " ✘"]
        .iter()
        .find_map(|m| line.strip_prefix(m));
    if let Some(rest) = marked {
        let rest = rest.trim_start_matches(' ');
        if rest.is_empty()
            || rest.starts_with([',', ';', '.', ')', '/'])
            || rest.starts_with("and ")
        {
            return Some(false);
        }
    }
    if let Some(sign) = column_sign(text, line) {
        return Some(sign);
    }
    let tight = line
        .trim_start_matches([' ', '\t', ':'])
        .to_ascii_lowercase();
    let tight = tight.replace('–', "-");
    for (cue, yes) in [
        ("-ve", false),
        ("- ve", false),
        ("neg", false),
        ("+ve", true),
    ] {
        if let Some(after) = tight.strip_prefix(cue) {
            if !after.starts_with(|c: char| c.is_ascii_alphanumeric()) {
                return Some(yes);
            }
        }
    }
    let s = skip_gloss(line).unwrap_or_else(|| skip_spaces(line));
    if let Some(a) = circled_or_struck(s.trim_start_matches([':', '?', ' ', '\t', '.'])) {
        return Some(a);
    }
    // "?   : No", ": - N", "= Y": punctuation and spaces before the answer.
    let s = s.trim_start_matches(['?', ':', '-', '–', '=', ' ', '\t', '.']);
    let s = skip_spaces(s.trim_start_matches([':', '-', '?']));
    if let Some(code) = answer_code(s) {
        if let Some(yes) = code_meaning(text, code) {
            return Some(yes);
        }
    }
    if let Some(a) = box_pair(s) {
        return Some(a);
    }
    if let Some(a) = capitalised_choice(s) {
        return Some(a);
    }
    if let Some(a) = circled_or_struck(s) {
        return Some(a);
    }
    // A cross after the label is a no: "Jaundice ✗" (a tick is read as a box below).
    if s.starts_with(['✗', '✘']) {
        return Some(false);
    }
    // "Yes/No: No", "Y/N: N", "(Y/N) N".
    let lower = s.to_ascii_lowercase();
    for q in ["(yes/no)", "(y/n)", "yes/no", "y/n", "yes / no", "y / n"] {
        if let Some(after) = lower.strip_prefix(q) {
            // Past the form's instruction: "Yes/No (delete as appropriate): No".
            let after = after.trim_start();
            let after = match after.strip_prefix('(').and_then(|a| a.split_once(')')) {
                Some((note, rest)) if note.len() <= 40 && yes_no_word(note.trim()).is_none() => {
                    rest
                }
                _ => after,
            };
            let after = skip_spaces(after.trim_start_matches([':', '-', '–', '=', ' ']));
            if let Some(a) = box_pair(&s[s.len() - after.len()..]) {
                return Some(a);
            }
            return yes_no_word(after).map(|(_, yes)| yes);
        }
    }
    if let Some((_, yes)) = bracketed_word(s) {
        return Some(yes);
    }
    // A single box after the label: "Weight loss [ ]", "Dysphagia ☒".
    if let Some((len, ticked)) = tick_box(s) {
        let after = skip_spaces(&s[len..]);
        if yes_no_word(after).is_none() {
            return Some(ticked);
        }
    }
    // A bare answer that ends the field: "Dysphagia: No", "PR bleed - N", "Weight loss? Y".
    // A table column counts too: "Rectal bleeding      No" (two or more spaces, a tab, a bar).
    let gap = &line[..line.len() - s.len()];
    let had_punct = s.len() < skip_spaces(line).len()
        || gap.contains(['\t', '|', '…'])
        || gap.contains("..")
        || gap.contains("__")
        || gap.matches(' ').count() >= 2;
    if had_punct {
        if let Some((len, yes)) = yes_no_word(s) {
            let raw = &s[len..];
            let after = raw.trim_start_matches([' ', '\t']);
            if after.is_empty() || after.starts_with(['.', ',', ';', ')', '|', '(', '-', '–']) {
                return Some(yes);
            }
            // A form in two columns: a wide gap, then the next column's field ("Dysphagia: No
            // <gap> Weight loss: No"), not the other printed choice ("Yes   No").
            let column_gap = raw.starts_with('\t') || raw.starts_with("   ");
            if column_gap && yes_no_word(after).is_none_or(|(len, _)| len == 0) {
                return Some(yes);
            }
        }
    }
    None
}

/// The option chosen right after byte `end` on its line, where the form prints both and marks
/// one: "FIT >= 10 (Y\u{336}) (N)", "... Yes / (No)".
pub fn chosen_option(text: &str, end: usize) -> Option<bool> {
    circled_or_struck(line_after(text, end).trim_start_matches([' ', '\t', ':']))
}

/// A choice with the mark described in words, as a copy typist or a plain-text export writes
/// what it saw on the paper: "(Yes struck through)", "Yes (deleted)", "(No circled)",
/// "No [ringed]". Group `w` is the word, `s` a deletion, `c` a selection.
static DESCRIBED_MARK: Lazy<Regex> = Lazy::new(|| {
    build(
        r"^\s*[(\[]?\s*(?P<w>yes|no|y|n)\s*[(\[]?\s*(?:(?P<s>(?:struck|crossed|scored|lined|ruled)(?:[\s\-]+(?:through|out|off))?|strike-?through|deleted|cancelled)|(?P<c>circled|ringed|underlined|highlighted|selected|ticked))\s*[)\]]{1,2}",
    )
});

/// A choice read through [`DESCRIBED_MARK`]: (yes, circled, struck) when `part` is exactly one.
fn described_mark(part: &str) -> Option<(bool, bool, bool)> {
    let c = DESCRIBED_MARK.captures(part)?;
    if c.get(0)?.as_str().len() != part.trim_end().len() {
        return None;
    }
    let (_, yes) = yes_no_word(c.name("w")?.as_str())?;
    Some((yes, c.name("c").is_some(), c.name("s").is_some()))
}

/// "Yes / (No)", "(Y) / N", "Y / [N]": the answer circled; "Y\u{336}e\u{336}s\u{336} / No": the other
/// answer struck through (combining long stroke); either mark described in words
/// ([`DESCRIBED_MARK`]).
fn circled_or_struck(s: &str) -> Option<bool> {
    let head: String = s.chars().take(40).collect();
    let head = head.split(['\n', '\r']).next().unwrap_or("");
    // "Yes / (No)", or the two choices side by side: "Yes  (No)", "(Yes)   No".
    let (a, b) = match head.split_once('/') {
        Some(pair) => pair,
        None => {
            let t = head.trim_start();
            t.split_at(t.find(char::is_whitespace)?)
        }
    };
    let b = b.trim_start();
    // The second option ends at its closing bracket or at the first space, or after the
    // words describing its mark.
    let b = match (DESCRIBED_MARK.find(b), b.chars().next()) {
        (Some(described), _) => described.as_str(),
        (None, Some(open @ ('(' | '['))) => {
            let close = if open == '(' { ')' } else { ']' };
            &b[..b[1..].find(close).map_or(b.len(), |i| i + 2)]
        }
        (None, _) => b.split_whitespace().next().unwrap_or(""),
    };
    // A circle the scan cut short: "YES / (NO" at the end of the line.
    let closed;
    let b = if b.starts_with('(') && !b.contains(')') {
        closed = format!("{})", b.trim_end());
        closed.as_str()
    } else {
        b
    };
    let read = |part: &str| -> Option<(bool, bool, bool)> {
        let part = part.trim();
        if let Some(read) = described_mark(part) {
            return Some(read);
        }
        // Struck with the combining long stroke, typed over with hyphens ("-Yes-") or
        // written with a word processor's strike marks ("~~No~~").
        let dashed = part.len() > 2 && part.starts_with('-') && part.ends_with('-');
        let tilded = part.len() > 4 && part.starts_with("~~") && part.ends_with("~~");
        let struck = part.contains('\u{336}') || dashed || tilded;
        let clean: String = part
            .trim_matches(|c| (dashed && c == '-') || (tilded && c == '~'))
            .chars()
            .filter(|c| *c != '\u{336}')
            .collect();
        // Ringed in brackets, or picked out as a word processor or e-mail does it:
        // "**No**", "*No*", "__No__", "_No_", "<No>".
        let ringed = [
            ("(", ")"),
            ("[", "]"),
            ("**", "**"),
            ("__", "__"),
            ("*", "*"),
            ("_", "_"),
            ("<", ">"),
        ]
        .iter()
        .find_map(|(open, close)| {
            clean
                .strip_prefix(open)
                .and_then(|w| w.strip_suffix(close))
                .filter(|w| !w.is_empty())
        });
        let (circled, word) = match ringed {
            Some(w) => (true, w.trim().to_string()),
            None => (false, clean),
        };
        let (len, yes) = yes_no_word(&word)?;
        (len == word.len() && len > 0).then_some((yes, circled, struck))
    };
    let (ya, ca, sa) = read(a)?;
    let (yb, cb, sb) = read(b)?;
    if ya == yb {
        return None;
    }
    match (ca, cb, sa, sb) {
        (true, false, _, _) => Some(ya),
        (false, true, _, _) => Some(yb),
        // Both printed in brackets, one deleted: "(Y\u{336}) (N)" on a "delete as
        // appropriate" form.
        (_, _, true, false) if ca == cb => Some(yb),
        (_, _, false, true) if ca == cb => Some(ya),
        _ => None,
    }
}

/// "YES / no", "yes/NO": a printed choice where the GP wrote over (or a form printed in
/// capitals) the answer given.
fn capitalised_choice(s: &str) -> Option<bool> {
    let head: String = s.chars().take(14).filter(|c| *c != ' ').collect();
    let (a, b) = head.split_once('/')?;
    let b: String = b.chars().take_while(char::is_ascii_alphabetic).collect();
    let loud = |w: &str| w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase());
    let quiet = |w: &str| w.chars().all(|c| c.is_ascii_lowercase());
    let (wa, ya) = yes_no_word(a).filter(|(len, _)| *len == a.len())?;
    let (wb, yb) = yes_no_word(&b).filter(|(len, _)| *len == b.len())?;
    if ya == yb || wa == 0 || wb == 0 {
        return None;
    }
    match (loud(a), loud(&b)) {
        (true, false) if quiet(&b) => Some(ya),
        (false, true) if quiet(a) => Some(yb),
        _ => None,
    }
}

/// `[X] Yes [ ] No`, `Yes [ ] No [X]`, `☐ Y ☒ N`: the ticked one of a yes/no pair.
fn box_pair(s: &str) -> Option<bool> {
    let mut items: Vec<(Option<bool>, Option<bool>)> = Vec::new(); // (box, word)
    let mut rest = s;
    for _ in 0..6 {
        rest = skip_spaces(rest);
        if let Some((len, ticked)) = tick_box(rest) {
            items.push((Some(ticked), None));
            rest = &rest[len..];
        } else if let Some((len, yes)) = yes_no_word(rest) {
            if len == 0 {
                break;
            }
            items.push((None, Some(yes)));
            rest = &rest[len..];
        } else {
            break;
        }
    }
    // Pair boxes with their words, the box first ("[x] Yes") or the word first ("Yes [x]").
    let box_first = matches!(items.first(), Some((Some(_), None)));
    let mut answers: Vec<(bool, bool)> = Vec::new(); // (word is yes, ticked)
    let mut i = 0;
    while i + 1 < items.len() {
        let pair = if box_first {
            (items[i].0, items[i + 1].1)
        } else {
            (items[i + 1].0, items[i].1)
        };
        match pair {
            (Some(ticked), Some(yes)) => answers.push((yes, ticked)),
            _ => break,
        }
        i += 2;
    }
    if answers.len() < 2 {
        return None;
    }
    // Both ticked is contradictory: read it as a yes (the safe side). Neither ticked: the
    // form was left blank, which asserts nothing.
    Some(answers.iter().any(|(yes, t)| *yes && *t))
}

/// A single tick box right before a label that starts at byte `start` ("[x] Weight loss").
pub fn box_before(text: &str, start: usize) -> Option<bool> {
    let before = text.get(..start)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before[line_start..].trim_end_matches([' ', '\t']);
    // The box must be the last thing before the label: find the last '[' / '(' / glyph.
    for (i, c) in line.char_indices().rev().take(6) {
        if matches!(
            c,
            '[' | '('
                | '☐'
                | '□'
                | '◻'
                | '☒'
                | '☑'
                | '✓'
                | '✔'
                | '■'
                | '☓'
                | '⊠'
                | '✗'
                | '✘'
        ) {
            let candidate = &line[i..];
            if let Some((len, ticked)) = tick_box(candidate) {
                if len == candidate.len() {
                    return Some(ticked);
                }
            }
        }
    }
    // The box starts a row whose label goes on to the mention: "[ ✗ ] Rectal / anal mass".
    let row = line.trim_start();
    let (len, ticked) = tick_box(row)?;
    let gap = &row[len..];
    let label_like = gap.len() <= 40
        && gap
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '/' | '-' | ','));
    (label_like && !has_denial_word(gap)).then_some(ticked)
}

/// Whether the mention at `start..end` is the label of a tick-box row that opens with a
/// denial ("No dysphagia ....... ☑", "☑ Nil weight loss", "3. Denies rectal bleeding   [ ]"):
/// a form that asks the GP to confirm each red flag absent. The row's one box answers the
/// denial: a tick confirms the finding absent, and a box left empty does not rule it out.
/// Shorthand after a denied finding ("no dysphagia -ve") is no such row.
pub fn denied_label(text: &str, start: usize, end: usize) -> bool {
    static DENIAL: Lazy<Regex> =
        Lazy::new(|| build(r"^(?:no|nil|denies|not|without|absence of|absent)\b[a-z /,\-]*$"));
    let Some(before) = text.get(..start) else {
        return false;
    };
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    // Past a leading bullet or number, then perhaps the row's box.
    let mut prefix = before[line_start..].trim_start_matches(|c: char| {
        c.is_ascii_digit() || matches!(c, '-' | '•' | '*' | '.' | ')' | ' ' | '\t')
    });
    let mut boxes = 0;
    if let Some((len, _)) = tick_box(prefix) {
        prefix = prefix[len..].trim_start();
        boxes += 1;
    }
    if !DENIAL.is_match(&prefix.trim_end().to_ascii_lowercase()) {
        return false;
    }
    // The rest of the row: the label's own words, then at most leader dots and one box.
    let label = label_end(text, end);
    let rest = skip_spaces(line_after(text, label).trim_start_matches(':')).trim_end();
    if !rest.is_empty() {
        match tick_box(rest) {
            Some((len, _)) if len == rest.len() => boxes += 1,
            _ => return false,
        }
    }
    boxes == 1
}

/// Whether a form's label text holds a word of denial ("no", "not", "nil", "none", "without",
/// "denies"): then it is a statement, read by its negation scope, not a printed option.
pub(super) fn has_denial_word(s: &str) -> bool {
    s.split(|c: char| !c.is_alphabetic()).any(|w| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "no" | "not" | "nil" | "none" | "without" | "denies"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after(field: &str) -> Option<bool> {
        let label = "Rectal bleeding";
        let text = format!("{label}{field}\nNext line");
        answer_after(&text, label.len())
    }

    #[test]
    fn coded_answers_and_blank_checklist_rows() {
        let form = "KEY:  1 = present   2 = absent   3 = not known\n\
                    Q01 Dysphagia                            [3]\n\
                    Q02 Unexplained weight loss              [2]\n\
                    Q03 Rectal bleeding                      [1]\n";
        let at = |label: &str| {
            let start = form.find(label).unwrap_or(0);
            (start, start + label.len())
        };
        let (s, e) = at("Dysphagia");
        assert_eq!(answer_after(form, e), None);
        assert!(unanswered_question(form, s, e));
        let (_, e) = at("weight loss");
        assert_eq!(answer_after(form, e), Some(false));
        let (s, e) = at("Rectal bleeding");
        assert_eq!(answer_after(form, e), Some(true));
        assert!(!unanswered_question(form, s, e));
        // A code with no key says nothing.
        let text = "Q01 Dysphagia   [2]";
        assert!(unanswered_question(text, 4, 13));

        let column = "No. Criterion                 Y/N\n\
                      2   Unexplained weight loss     N\n\
                      3   Upper abdominal pain\n\
                      4   Dyspepsia                   N\n";
        let (s, e) = {
            let start = column.find("Upper abdominal pain").unwrap_or(0);
            (start, start + "Upper abdominal pain".len())
        };
        assert!(unanswered_question(column, s, e));
        // Prose is no checklist row.
        let prose = "He has upper abdominal pain.\nAnd nothing else  N";
        assert!(!unanswered_question(prose, 7, 27));
    }

    #[test]
    fn a_question_left_blank_is_unanswered() {
        let asked = |field: &str| {
            let label = "Vomiting blood";
            let text = format!("Q10  {label}{field}\nQ11 Jaundice?: No");
            unanswered_question(&text, 5, 5 + label.len())
        };
        for blank in [
            "?: -",
            "?:",
            "? ..........",
            "?  [ ]",
            "? ____",
            " (haematemesis)?: -",
        ] {
            assert!(asked(blank), "{blank:?}");
        }
        let long = format!("? {} Yes", ".".repeat(120));
        for answered in ["?: Yes", "? ....... No", "?  [X]", ": -", " - none", &long] {
            assert!(!asked(answered), "{answered:?}");
        }
        // A box of doubt opening a row whose label runs on to the mention; a denial between
        // them is a statement, not a row.
        let row = "  [ ? ] Significant weight loss";
        let at = row.find("weight").unwrap_or(0);
        assert!(unanswered_question(row, at, row.len()));
        let row = "  [ ? ] No weight loss";
        let at = row.find("weight").unwrap_or(0);
        assert!(!unanswered_question(row, at, row.len()));
        // Two fields a row, the first left blank.
        let row = "Vomiting blood:             Jaundice:   No";
        assert!(unanswered_question(row, 0, 14));
        // The mention inside the gloss: "Difficulty swallowing (dysphagia)? ...... No".
        let text = "Difficulty swallowing (dysphagia)? ........... No";
        let end = text.find(')').unwrap_or(0);
        assert_eq!(answer_after(text, end), Some(false));
    }

    #[test]
    fn tick_box_pairs_in_every_order() {
        assert_eq!(after("  [X] Yes [ ] No"), Some(true));
        assert_eq!(after("  [ ] Yes [X] No"), Some(false));
        assert_eq!(after(": [ ] Yes  [x] No"), Some(false));
        assert_eq!(after("  Yes [ ]  No [X]"), Some(false));
        assert_eq!(after("  Yes [x]  No [ ]"), Some(true));
        assert_eq!(after(" ☒ Yes ☐ No"), Some(true));
        assert_eq!(after(" ☐ Yes ☒ No"), Some(false));
        assert_eq!(after(" ( ) Y (x) N"), Some(false));
        assert_eq!(after(" [ ] Yes [ ] No"), Some(false), "left blank");
        assert_eq!(after(" [✓] Y [ ] N"), Some(true));
    }

    #[test]
    fn yes_no_fields_and_short_answers() {
        assert_eq!(after(" Yes/No: No"), Some(false));
        assert_eq!(after(" (Y/N): Y"), Some(true));
        assert_eq!(after(" Y/N: N"), Some(false));
        assert_eq!(after(": No"), Some(false));
        assert_eq!(after(" - N"), Some(false));
        assert_eq!(after("? Y"), Some(true));
        assert_eq!(after(": YES (3 weeks)"), Some(true));
        assert_eq!(after(": nil"), Some(false));
        assert_eq!(after(" [ ]"), Some(false));
        assert_eq!(after(" ☒"), Some(true));
        assert_eq!(after(" for 3 weeks"), None);
        assert_eq!(after(" | [ ] Yes | [X] No |"), Some(false));
        assert_eq!(after(" | Yes [x] | No [ ] |"), Some(true));
        assert_eq!(after("        No"), Some(false));
        assert_eq!(after("\tYES"), Some(true));
        assert_eq!(after(": [No]"), Some(false));
        assert_eq!(after(" ( ) Yes (•) No"), Some(false));
        assert_eq!(after(" ○ Yes ● No"), Some(false));
        assert_eq!(after(" no improvement"), None);
        assert_eq!(after(": YES / no"), Some(true));
        assert_eq!(after(": yes/NO"), Some(false));
        assert_eq!(after(" Yes/No"), None, "a question left unanswered");
        assert_eq!(after(": Yes/No (delete as appropriate): No"), Some(false));
        assert_eq!(after(": Yes/No (delete as appropriate): Yes"), Some(true));
        assert_eq!(after(": Yes/No (delete as appropriate):"), None);
        assert_eq!(after(" ✗"), Some(false));
        assert_eq!(after(" ✓"), Some(true));
        assert_eq!(after(" -ve; haematemesis -ve"), Some(false));
        assert_eq!(after(" –ve"), Some(false));
        assert_eq!(after(" neg."), Some(false));
        assert_eq!(after(" +ve"), Some(true));
        assert_eq!(after(": -ve."), Some(false));
        assert_eq!(after("    Yes / (No)"), Some(false));
        assert_eq!(after(" (Yes) / No"), Some(true));
        assert_eq!(after(": (Y)/N"), Some(true));
        assert_eq!(after("  Y\u{336}e\u{336}s\u{336} / No"), Some(false));
        assert_eq!(after("  Yes / N\u{336}o\u{336}"), Some(true));
        assert_eq!(
            after(" (hard to swallow) .....   YES / ( NO )"),
            Some(false)
        );
        assert_eq!(after(" ....   YES / (N0"), Some(false));
        assert_eq!(after(" ...  ( YES ) / NO"), Some(true));
        assert_eq!(after(":  -Yes- / No"), Some(false));
        assert_eq!(after(":  Yes / -No-"), Some(true));
        assert_eq!(after(" (hard to swallow)?   : No"), Some(false));
        assert_eq!(after("?            : Y"), Some(true));
        assert_eq!(after(" negligible"), None);
        assert_eq!(after(" ................ no"), Some(false));
        assert_eq!(after(" -; melaena -"), Some(false));
        assert_eq!(after(" -"), Some(false));
        assert_eq!(after(" - and no vomiting blood"), Some(false));
        assert_eq!(after(" - 3 weeks, worse with solids"), None);
        assert_eq!(after(" - N"), Some(false));
        assert_eq!(after(" - Yes"), Some(true));
        assert_eq!(after(" x; no melaena"), Some(false));
        assert_eq!(after(" x2 this week"), None);
        assert_eq!(after(" ________________ Yes"), Some(true));
    }

    #[test]
    fn struck_choices_scored_keys_and_answers_that_answer_nothing() {
        assert_eq!(after(": Yes/~~No~~"), Some(true));
        assert_eq!(after(":  ~~Yes~~ / No"), Some(false));
        assert_eq!(after("  ~~Y~~/N"), Some(false));
        // The mark described in words by whoever typed the form out.
        assert_eq!(after(":   (Yes struck through) / No"), Some(false));
        assert_eq!(after(": Yes (deleted) / No"), Some(false));
        assert_eq!(after(": Yes / (No crossed out)"), Some(true));
        assert_eq!(after(": Yes / No (struck through)"), Some(true));
        assert_eq!(after(": Yes / (No circled)"), Some(false));
        assert_eq!(after(": (Yes circled) / No"), Some(true));
        let form = "Score each: 0 = absent, 1 = present\nDysphagia ........ 0\nMelaena .... 1\n";
        let end = |label: &str| form.find(label).unwrap_or(0) + label.len();
        assert_eq!(answer_after(form, end("Dysphagia")), Some(false));
        assert_eq!(answer_after(form, end("Melaena")), Some(true));
        let asked = |field: &str| {
            let label = "Rectal bleeding";
            let text = format!("{label}{field}\nNext line");
            answer_after(&text, label.len()).is_none() && unanswered_question(&text, 0, label.len())
        };
        for nothing in [
            ": Yes / No",
            " (please delete as appropriate) ..... Y/N",
            ": N/A",
            "?  unknown",
            ": not asked",
            " ...... see letter",
            ":  ?",
        ] {
            assert!(asked(nothing), "{nothing:?}");
        }
        for answered in [
            ": Yes",
            ": No",
            ": Yes / (No)",
            " for 3 weeks",
            " with clots",
        ] {
            assert!(!asked(answered), "{answered:?}");
        }
    }

    #[test]
    fn box_before_a_label() {
        let t = "[x] Weight loss\n[ ] Dysphagia\n☒ Jaundice\n☐ Haematemesis";
        let at = |w: &str| box_before(t, t.find(w).unwrap_or(0));
        assert_eq!(at("Weight"), Some(true));
        assert_eq!(at("Dysphagia"), Some(false));
        assert_eq!(at("Jaundice"), Some(true));
        assert_eq!(at("Haematemesis"), Some(false));
        let crosses = "Tick if present:\n[ ✗ ] Dysphagia\n[ ✓ ] Abdominal pain\n[ - ] Jaundice";
        assert_eq!(
            box_before(crosses, crosses.find("Dysph").unwrap_or(0)),
            Some(false)
        );
        assert_eq!(
            box_before(crosses, crosses.find("Abdominal").unwrap_or(0)),
            Some(true)
        );
        let j = crosses.find("Jaundice").unwrap_or(0);
        assert_eq!(box_before(crosses, j), None);
        assert!(unanswered_question(crosses, j, j + "Jaundice".len()));
        let row = "[ ✗ ] Rectal / anal mass or anal ulcer\n[x] Weight loss, no dysphagia";
        assert_eq!(
            box_before(row, row.find("anal mass").unwrap_or(0)),
            Some(false)
        );
        assert_eq!(box_before(row, row.find("dysphagia").unwrap_or(0)), None);
        assert_eq!(box_before("She has dysphagia", 8), None);
        // A list marked with ticks and crosses, the cross standing alone.
        let marks = "Symptoms (✓ = present, ✗ = absent)\n✗  Dysphagia\n✓  Dyspepsia";
        assert_eq!(
            box_before(marks, marks.find("Dysphagia").unwrap_or(0)),
            Some(false)
        );
        assert_eq!(
            box_before(marks, marks.find("Dyspepsia").unwrap_or(0)),
            Some(true)
        );
    }
}
