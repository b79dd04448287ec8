//! Answers given by position: tables whose header row names the answer columns, and form
//! lines whose one tick box answers everything written on the line.
//!
//! A practice's own referral form often puts its red flags in a grid and the GP marks a
//! column:
//!
//! ```text
//! RED FLAGS                 YES    NO        | Symptom          | Y | N |
//! Rectal bleeding                  X         | Dysphagia        |   | ✓ |
//! Weight loss                X               | Weight loss      | ✓ |   |
//! ```
//!
//! A mark (`X`, `✓`, `*`, `[x]`...) is read by the header column above it; a row left blank
//! under a header that has answer columns asserts nothing. Criteria checklists put one box
//! before (or after) a whole criterion: `[ ] Aged 40 and over with unexplained weight loss
//! and abdominal pain` asserts none of the findings it names.

use super::fields::{has_denial_word, label_char};

/// How far above a row its table header may be, in lines.
const MAX_HEADER_DISTANCE: usize = 20;
/// A mark belongs to the header column whose centre is at most this many characters away.
const MAX_COLUMN_DISTANCE: usize = 4;

/// One whitespace- or bar-separated token of a line: its text and its character columns.
struct Token<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

impl Token<'_> {
    fn centre2(&self) -> usize {
        self.start + self.end
    }
}

/// The tokens of `line` with their character columns. A short bracket group is one token
/// even with spaces inside (`[ ]`, `( x )`).
fn tokens(line: &str) -> Vec<Token<'_>> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(line.len(), |c| c.0);
    let separator = |c: char| c.is_whitespace() || matches!(c, '|' | '¦' | '│' | '┃' | '║');
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if separator(c) {
            i += 1;
            continue;
        }
        let close = match c {
            '[' => Some(']'),
            '(' => Some(')'),
            _ => None,
        };
        let group = close.and_then(|close| {
            (i + 1..(i + 6).min(chars.len()))
                .find(|&j| chars[j].1 == close)
                .map(|j| j + 1)
        });
        let end = group.unwrap_or_else(|| {
            (i..chars.len())
                .find(|&j| separator(chars[j].1))
                .unwrap_or(chars.len())
        });
        out.push(Token {
            text: &line[byte_at(i)..byte_at(end)],
            start: i,
            end,
        });
        i = end;
    }
    out
}

/// The line holding bytes `start..end` of `text`, with the byte where it starts.
pub(super) fn line_around(text: &str, start: usize, end: usize) -> Option<(usize, &str)> {
    let line_start = text.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text.get(end..)?.find('\n').map_or(text.len(), |i| end + i);
    Some((line_start, text.get(line_start..line_end)?))
}

/// What a header column asks: whether the finding is present, absent, or not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Yes,
    No,
    /// "?", "Unsure", "Not known": a mark there neither asserts the finding nor rules it
    /// out; read as a question left unanswered (weak: the letter goes to review).
    Unsure,
}

impl Column {
    /// The answer a mark in this column gives: yes, no, or none ("don't know").
    pub fn answer(self) -> Option<bool> {
        match self {
            Column::Yes => Some(true),
            Column::No => Some(false),
            Column::Unsure => None,
        }
    }
}

/// What a header cell says about the column under it. Words only: a row's own mark (`✓`) or
/// one-letter answer is no header.
fn header_answer(word: &str) -> Option<Column> {
    if word == "?" {
        return Some(Column::Unsure);
    }
    let w = word
        .trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | ':' | '?' | '.' | '*'))
        .to_lowercase();
    match w.as_str() {
        "yes" | "y" | "present" | "tick" | "ticked" => Some(Column::Yes),
        "no" | "n" | "absent" => Some(Column::No),
        "unsure" | "unknown" | "uncertain" | "n/k" | "nk" | "dk" => Some(Column::Unsure),
        _ => None,
    }
}

/// A line of border characters only (`+----+----+`, `|---|:---:|`, `====`).
fn is_border(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.chars().all(|c| {
            matches!(
                c,
                '-' | '+' | '=' | '|' | ':' | '_' | ' ' | '─' | '┼' | '│' | '═' | '╪' | '┬' | '┴'
            )
        })
}

/// The answer columns of a header line: (centre x2, what the column asks). A header ends in
/// answer cells only ("Symptom | Yes | No", "RED FLAGS   Y   N", "Symptom | Y | N | ?",
/// "Red flag | Present"): a yes and a no column (and perhaps an unsure one), or one yes
/// column named by a word ("Present", "Yes", "Tick").
fn header_columns(line: &str) -> Option<Vec<(usize, Column)>> {
    // A line ending in a colon leads into what follows ("Please tick to confirm the
    // following are not present:"): an instruction, not a header.
    if line.trim_end().ends_with(':') {
        return None;
    }
    let toks = tokens(line);
    // A line with a box or a mark on it is a row that answers itself, not a header.
    if toks
        .iter()
        .any(|t| mark_box(t.text).is_some() || matches!(t.text, "x" | "X" | "✓" | "✔"))
    {
        return None;
    }
    let first = toks
        .iter()
        .rposition(|t| header_answer(t.text).is_none())
        .map_or(0, |i| i + 1);
    // The header's first cell names the column of findings, in a few words, not a question
    // ("Has she lost weight? Yes" is an answer, not a header).
    // A header may also leave its first cell empty, its answer cells standing over the
    // answer columns far to the right.
    let indented = toks.first().is_some_and(|t| t.start >= 12);
    if (first == 0 && !indented)
        || first > 8
        || toks[..first].iter().any(|t| t.text.ends_with(['?', '.']))
    {
        return None;
    }
    let mut cells = &toks[first..];
    if cells.is_empty() {
        return None;
    }
    if cells
        .iter()
        .all(|t| header_answer(t.text) == Some(Column::Yes))
    {
        // One yes column: the last word ("Red flag (tick if present) | Present").
        cells = &cells[cells.len() - 1..];
    }
    let columns: Vec<(usize, Column)> = cells
        .iter()
        .filter_map(|t| Some((t.centre2(), header_answer(t.text)?)))
        .collect();
    let count = |kind| columns.iter().filter(|c| c.1 == kind).count();
    let (yes, no) = (count(Column::Yes), count(Column::No));
    // A lone "Present" or "Yes" ending a line of prose ("Review type: at home with carer
    // present") heads no column: a header's one answer cell stands apart from its label (a
    // gap of two spaces, a tab or a bar) or follows a label of a word or two ("Symptom
    // Present", as OCR joins the cells with one space).
    // (Tokens are split at separators only, so a one-character gap that is no space is a
    // tab or a bar.)
    let apart = first <= 2 || {
        let gap_from = toks[first - 1].end;
        cells[0].start - gap_from >= 2 || line.chars().nth(gap_from).is_some_and(|c| c != ' ')
    };
    let one_worded_yes = columns.len() == 1
        && columns[0].1 == Column::Yes
        && cells[0].text.chars().count() > 1
        && apart;
    ((yes >= 1 && no >= 1 && columns.len() <= 4) || one_worded_yes).then_some(columns)
}

/// A ticked box as OCR returns it when it misreads a bracket as a letter or a digit: "IX]",
/// "[X1", "|x]".
fn misread_box(token: &str) -> Option<bool> {
    let c: Vec<char> = token.chars().collect();
    let [open, inner, close] = c[..] else {
        return None;
    };
    let misread = open != '[' || close != ']';
    (misread
        && matches!(open, '[' | 'I' | '|' | 'l' | '(')
        && matches!(close, ']' | 'I' | '|' | 'l' | '1' | ')')
        && matches!(inner, 'x' | 'X'))
    .then_some(true)
}

/// A mark in a grid cell: ticked (`X`, `✓`, `[x]`...) or not (`[ ]`, `☐`).
fn mark(token: &str) -> Option<bool> {
    if let Some(ticked) = misread_box(token) {
        return Some(ticked);
    }
    match token {
        "x" | "X" | "✓" | "✔" | "✗" | "✘" | "*" | "•" | "●" | "■" | "☒" | "☑" | "/" | "v" | "V"
        | "√" | "⊠" | "◉" => Some(true),
        "☐" | "□" | "◻" | "○" | "[]" | "()" | "[_]" => Some(false),
        _ => {
            let inner = token
                .strip_prefix('[')
                .and_then(|t| t.strip_suffix(']'))
                .or_else(|| token.strip_prefix('(').and_then(|t| t.strip_suffix(')')))?;
            match inner.trim() {
                "" | "_" => Some(false),
                i => mark(i).filter(|t| *t),
            }
        }
    }
}

/// The column of a table that the row of a finding named at bytes `start..end` of `text` is
/// marked in, under a header's answer columns ([`Column::answer`] gives the answer); a row
/// left blank reads as No; `None` when the mention is not the label of a table row.
pub fn grid_cell(text: &str, start: usize, end: usize) -> Option<Column> {
    let (line_start, line) = line_around(text, start, end)?;
    // The finding is the row's label: the first cell.
    let row = tokens(line);
    let label_col = text.get(line_start..start)?.chars().count();
    let label_end_col = text.get(line_start..end)?.chars().count();
    // The finding is named in the row's first cell: before it, a few words at most
    // ("Abdominal / rectal / anal mass") and no mark.
    let before: Vec<&Token> = row.iter().take_while(|t| t.end <= label_col).collect();
    if before.len() > 8 || before.iter().any(|t| mark_box(t.text).is_some()) {
        return None;
    }
    let mut above = text[..line_start].lines().rev();
    let mut columns = None;
    for _ in 0..MAX_HEADER_DISTANCE {
        let Some(l) = above.next() else { break };
        if let Some(c) = header_columns(l) {
            columns = Some(c);
            break;
        }
        // Prose ends the table: a long line without a bar and with a full stop.
        if !l.contains('|') && !is_border(l) && l.split_whitespace().count() >= 10 {
            return None;
        }
    }
    let columns = columns?;
    let cells: Vec<&Token> = row.iter().filter(|t| t.start >= label_end_col).collect();
    // A box for every column ("[ ]   [X]" under "YES   NO"): the boxes answer the columns in
    // order, however far a fax or a photocopy shifted the header above them.
    let boxes: Vec<&Token> = cells
        .iter()
        .copied()
        .filter(|t| mark_box(t.text).is_some())
        .collect();
    let in_order = columns.len() >= 2
        && boxes.len() == columns.len()
        && cells.iter().all(|t| mark(t.text).is_some());
    let mut answer = None;
    let mut unmarked = true;
    for (k, cell) in cells.iter().enumerate() {
        let Some(ticked) = mark(cell.text) else {
            continue;
        };
        let column = if in_order {
            Some(&columns[k])
        } else {
            columns
                .iter()
                .filter(|(c2, _)| c2.abs_diff(cell.centre2()) <= 2 * MAX_COLUMN_DISTANCE)
                .min_by_key(|(c2, _)| c2.abs_diff(cell.centre2()))
        };
        let Some(&(_, column)) = column else {
            continue;
        };
        unmarked = false;
        if ticked {
            // A mark in the yes column wins over one in the unsure column, and that over one
            // in the no column (the safe side).
            answer = Some(match (answer, column) {
                (Some(Column::Yes), _) | (_, Column::Yes) => Column::Yes,
                (Some(Column::Unsure), _) | (_, Column::Unsure) => Column::Unsure,
                _ => Column::No,
            });
        }
    }
    if unmarked {
        // Nothing under any answer column: the row was left blank, unless the row carries
        // free text where the answer would be (then this is no grid row).
        let trailing_words = row
            .iter()
            .filter(|t| t.start >= label_end_col)
            .any(|t| t.text.chars().any(char::is_alphanumeric));
        return (!trailing_words).then_some(Column::No);
    }
    Some(answer.unwrap_or(Column::No))
}

/// A criterion line of a checklist: one tick box at the start of the line (after a bullet
/// or a number) or at its end answers every finding named on the line.
pub fn line_box(text: &str, start: usize, end: usize) -> Option<bool> {
    let (_, line) = line_around(text, start, end)?;
    let toks = tokens(line);
    let boxes: Vec<(usize, bool)> = toks
        .iter()
        .enumerate()
        .filter_map(|(i, t)| mark_box(t.text).map(|m| (i, m)))
        .collect();
    // Exactly one box on the line, first (after a bullet or a number) or last.
    let [(i, ticked)] = boxes[..] else {
        return None;
    };
    let lead = toks[..i].iter().all(|t| {
        t.text
            .chars()
            .all(|c| c.is_ascii_digit() || "-•*.)".contains(c))
    });
    let last = i + 1 == toks.len();
    (toks.len() >= 3 && (lead && i <= 1 || last)).then_some(ticked)
}

/// The words that say a list below them is answered by ticking its items.
fn tick_instruction(line: &str) -> bool {
    let l = line.to_lowercase();
    [
        "tick all that apply",
        "tick all which apply",
        "tick if present",
        "tick as appropriate",
        "tick those present",
        "please tick",
        "(tick)",
        "tick box",
        "mark all that apply",
        "check all that apply",
        "select all that apply",
    ]
    .iter()
    .any(|cue| l.contains(cue))
}

/// An item of a "tick all that apply" list: ticked when a mark starts its line, otherwise
/// not asserted (a printed option nobody ticked). `None` when the mention is not such an
/// item (no instruction above it in the same block, or a line of prose).
pub fn tick_list(text: &str, start: usize, end: usize) -> Option<bool> {
    let (line_start, line) = line_around(text, start, end)?;
    let toks = tokens(line);
    // A scanned empty circle reads as the letter O (or a zero) before the option.
    let first_box = toks.first().and_then(|t| match t.text {
        "O" | "o" | "0" => Some(false),
        other => mark(other),
    });
    // An option is a few words (a whole criterion after a box), not a sentence or a field
    // with a value.
    let max_words = if first_box.is_some() { 16 } else { 8 };
    if toks.len() > max_words || line.contains(':') || line.trim_end().ends_with('.') {
        return None;
    }
    let mut above = text[..line_start].lines().rev();
    let mut instructed = false;
    for _ in 0..MAX_HEADER_DISTANCE {
        match above.next() {
            Some(l) if tick_instruction(l) => {
                instructed = true;
                break;
            }
            Some(l) if !l.trim().is_empty() => {}
            _ => break,
        }
    }
    if !instructed {
        return None;
    }
    match first_box {
        Some(ticked) if toks.len() > 1 => Some(ticked),
        // The mention opens the line, or the line is a printed option that holds it ("Anal
        // mass or unexplained anal ulceration"): nobody ticked it.
        None if toks
            .first()
            .is_some_and(|t| t.start == text[line_start..start].chars().count())
            || printed_option(line) =>
        {
            Some(false)
        }
        _ => None,
    }
}

/// A line that is nothing but an option's wording: letters, spaces and the joining marks of
/// a label ("Anal mass or unexplained anal ulceration", "Rectal / anal mass"), no negation.
fn printed_option(line: &str) -> bool {
    let l = line.trim();
    !l.is_empty() && l.chars().all(label_char) && !has_denial_word(l)
}

/// A bracketed box or a box glyph (not a bare letter, which may be a word on a criterion line).
fn mark_box(token: &str) -> Option<bool> {
    if let Some(ticked) = misread_box(token) {
        return Some(ticked);
    }
    let glyph = token.chars().count() == 1 && !token.chars().all(|c| c.is_ascii_alphanumeric());
    let bracketed = (token.starts_with('[') && token.ends_with(']'))
        || (token.starts_with('(') && token.ends_with(')') && token.chars().count() <= 3);
    if !(glyph || bracketed) || matches!(token, "*" | "/" | "•" | "-") {
        return None;
    }
    mark(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, label: &str) -> Option<bool> {
        let start = text.find(label)?;
        grid_cell(text, start, start + label.len())?.answer()
    }

    #[test]
    fn a_mark_is_read_by_the_column_above_it() {
        let t = "RED FLAG SYMPTOMS          YES    NO\n\
                 Rectal bleeding                    X\n\
                 Change in bowel habit       X\n\
                 Weight loss                        x\n\
                 Abdominal mass\n";
        assert_eq!(at(t, "Rectal bleeding"), Some(false));
        assert_eq!(at(t, "Change in bowel habit"), Some(true));
        assert_eq!(at(t, "Weight loss"), Some(false));
        assert_eq!(at(t, "Abdominal mass"), Some(false), "left blank");
    }

    #[test]
    fn unsure_columns_and_headers_without_a_first_cell() {
        // A header whose first cell is empty, with a "not known" column.
        let t = "Alarm features:\n\
                 \x20                          Yes   No   Unsure\n\
                 Melaena                             x\n\
                 Vomiting blood              x\n\
                 Difficulty swallowing                  x\n\
                 Iron deficiency\n";
        assert_eq!(at(t, "Melaena"), Some(false));
        assert_eq!(at(t, "Vomiting blood"), Some(true));
        // Unsure neither asserts nor rules out.
        assert_eq!(at(t, "Difficulty swallowing"), None);
        let at_difficulty = t.find("Difficulty").unwrap_or(0);
        assert_eq!(
            grid_cell(t, at_difficulty, at_difficulty + 21),
            Some(Column::Unsure)
        );
        assert_eq!(at(t, "Iron deficiency"), Some(false), "left blank");
        let t = "Finding        | Y | N | ? |\n\
                 Jaundice       |   | * |   |\n\
                 Ascites        |   |   | * |\n";
        assert_eq!(at(t, "Jaundice"), Some(false));
        assert_eq!(at(t, "Ascites"), None);
        let at_jaundice = t.find("Jaundice").unwrap_or(0);
        assert_eq!(grid_cell(t, at_jaundice, at_jaundice + 8), Some(Column::No));
        // An answer line under a question is no header, indented or not.
        let t = "Has he lost weight?\nYes   No\nWeight loss x\n";
        assert_eq!(at(t, "Weight loss"), None);
    }

    #[test]
    fn bar_tables_with_borders_and_glyphs() {
        let t = "+--------------------------+-----+-----+\n\
                 | Symptom                  |  Y  |  N  |\n\
                 +--------------------------+-----+-----+\n\
                 | Dysphagia                |     |  ✓  |\n\
                 | Iron deficiency anaemia  |  ✓  |     |\n\
                 | Haematemesis             |     | [x] |\n\
                 +--------------------------+-----+-----+\n";
        assert_eq!(at(t, "Dysphagia"), Some(false));
        assert_eq!(at(t, "Iron deficiency anaemia"), Some(true));
        assert_eq!(at(t, "Haematemesis"), Some(false));
    }

    #[test]
    fn headers_with_slashes_and_bars_read_as_letters() {
        let t = "| Symptom / finding             |  Y  |  N  |\n\
                 | Dysphagia (hard to swallow)   |     |  *  |\n\
                 l Weight loss                    l  *  l     l\n\
                 I Jaundice                      I     I  *  I\n";
        assert_eq!(at(t, "Dysphagia"), Some(false));
        assert_eq!(at(t, "Weight loss"), Some(true));
        assert_eq!(at(t, "Jaundice"), Some(false));
    }

    #[test]
    fn one_present_column() {
        let t = "| Red flag (tick if present) | Present |\n\
                 |----------------------------|---------|\n\
                 | Dysphagia                  |         |\n\
                 | Weight loss                |    X    |\n";
        assert_eq!(at(t, "Dysphagia"), Some(false));
        assert_eq!(at(t, "Weight loss"), Some(true));
    }

    #[test]
    fn prose_and_free_text_rows_are_not_grid_answers() {
        // No header above: not a grid.
        assert_eq!(at("She has rectal bleeding   X", "rectal bleeding"), None);
        // A header far above, then prose: the prose ends the table.
        let t = "Symptom   Yes   No\nDysphagia        X\n\
                 He tells me that over the last two months he has noticed some weight loss\n\
                 Weight loss of 6 kg since June\n";
        assert_eq!(at(t, "Weight loss of"), None);
        // A row whose answer cell holds words is answered by the words, not as blank.
        let t = "Symptom                 Yes   No\nRectal bleeding   for 3 weeks, bright red\n";
        assert_eq!(at(t, "Rectal bleeding"), None);
        // "Yes/No" in one cell is a question (read by `fields`), not two columns.
        let t = "Question              Yes/No\nDysphagia             No\n";
        assert_eq!(at(t, "Dysphagia"), None);
    }

    fn line(text: &str, label: &str) -> Option<bool> {
        let start = text.find(label)?;
        line_box(text, start, start + label.len())
    }

    #[test]
    fn one_box_answers_a_whole_criterion() {
        let t = "[ ] Aged 40 and over with unexplained weight loss and abdominal pain\n\
                 [X] Aged 50 and over with unexplained rectal bleeding\n\
                 2. ☐ Dysphagia with weight loss\n\
                 Aged 60 and over with iron-deficiency anaemia      [ ]\n\
                 - Upper abdominal mass consistent with stomach cancer ☒\n";
        assert_eq!(line(t, "weight loss and"), Some(false));
        assert_eq!(line(t, "abdominal pain"), Some(false));
        assert_eq!(line(t, "rectal bleeding"), Some(true));
        assert_eq!(line(t, "with weight loss"), Some(false));
        assert_eq!(line(t, "iron-deficiency anaemia"), Some(false));
        assert_eq!(line(t, "abdominal mass"), Some(true));
        // Two boxes on a line are a yes/no pair, read by `fields`; prose has none.
        assert_eq!(line("Dysphagia [ ] Yes [x] No", "Dysphagia"), None);
        assert_eq!(line("He has rectal bleeding.", "rectal bleeding"), None);
    }

    #[test]
    fn tick_all_that_apply_lists() {
        let t = "Symptoms and signs (tick all that apply):\n  Dysphagia\n  Unexplained weight loss\n\
                 ✓ Change in bowel habit\n  Rectal bleeding\n\nHe has had rectal bleeding for 2 weeks.\n";
        let at = |label: &str| {
            let start = t.find(label)?;
            tick_list(t, start, start + label.len())
        };
        assert_eq!(at("Dysphagia"), Some(false));
        assert_eq!(at("weight loss"), Some(false), "inside an unticked option");
        assert_eq!(at("Change in bowel habit"), Some(true));
        assert_eq!(at("Rectal bleeding"), Some(false));
        // After the blank line the list is over.
        assert_eq!(at("rectal bleeding for"), None);
        // A scanned empty circle reads as "O".
        let scanned =
            "CRITERIA (tick all that apply):\n   O Rectal or abdominal mass\n  O Jaundice\n";
        let s = scanned.find("abdominal mass").unwrap_or(0);
        assert_eq!(tick_list(scanned, s, s + 14), Some(false));
        // Options printed with no box at all, the ticked one marked: the rest were not ticked.
        let printed = "Please tick all that apply:\n    Anal mass or unexplained anal ulceration\n\
                       \x20 ✓ Jaundice\n    No weight loss\n(boxes left blank = not present)\n";
        let s = printed.find("anal ulceration").unwrap_or(0);
        assert_eq!(tick_list(printed, s, s + 15), Some(false));
        let s = printed.find("Jaundice").unwrap_or(0);
        assert_eq!(tick_list(printed, s, s + 8), Some(true));
        let s = printed.find("weight loss").unwrap_or(0);
        assert_eq!(
            tick_list(printed, s, s + 11),
            None,
            "a negation is read by its scope"
        );
        // No instruction: a plain list of findings asserts them.
        let plain = "Symptoms:\n  Dysphagia\n";
        let s = plain.find("Dysphagia").unwrap_or(0);
        assert_eq!(tick_list(plain, s, s + 9), None);
    }
}
