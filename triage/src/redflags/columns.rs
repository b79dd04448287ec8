//! Pages laid out in two columns, read side by side.
//!
//! A text layer taken from a scanned or exported two-column form keeps the page's layout: each
//! line holds a piece of the left column, a wide gap, and a piece of the right column
//! ("Dysphagia:                     and treated)"). Read line by line, a label in the left
//! column takes the right column's words as its answer. So where a block of lines has a second
//! column starting at the same place on every line, the block is read column by column: the
//! left column's lines, then the right column's.
//!
//! A form's labels and their aligned answers ("Name:        Mr A Turner"), a results table and
//! a tick-box grid also line up; they are told apart by what stands on either side: two
//! columns of text have words on both sides of the gap, and the left side is not a column of
//! labels ending in a colon.

use super::ocr_words::Repaired;

/// The right column starts at least this many characters into the line.
const MIN_COLUMN: usize = 20;
/// A block needs at least this many lines with text in both columns.
const MIN_BOTH: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Text on both sides of the gap; the right column starts at this char index.
    Both(usize),
    /// Only the right column (spaces before it); starting at this char index.
    RightOnly(usize),
    /// Text only before the column.
    LeftOnly,
    Blank,
    /// Text running across the column: no two-column line.
    Across,
}

/// One line: its byte range in the text (without the line break) and its characters.
struct Line<'t> {
    start: usize,
    text: &'t str,
}

/// The char index where a second column starts on `chars`, near `column` (within one), after a
/// gap of at least two spaces; and whether there is text before the gap.
fn part(chars: &[char], column: usize) -> Part {
    let last = chars.iter().rposition(|c| !c.is_whitespace());
    let Some(last) = last else {
        return Part::Blank;
    };
    if last + 2 < column {
        return Part::LeftOnly;
    }
    for start in column.saturating_sub(1)..=column + 1 {
        if start < 2 || start >= chars.len() || chars[start].is_whitespace() {
            continue;
        }
        if !chars[start - 1].is_whitespace() || !chars[start - 2].is_whitespace() {
            continue;
        }
        let left = chars[..start].iter().any(|c| !c.is_whitespace());
        return if left {
            Part::Both(start)
        } else {
            Part::RightOnly(start)
        };
    }
    Part::Across
}

/// Words of three letters or more in `s`.
fn words(s: &str) -> usize {
    s.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 3)
        .count()
}

/// The text of `text` with each two-column block read column by column, or `None` when the
/// text has no such block.
pub fn split(text: &str) -> Option<Repaired> {
    let mut lines = Vec::new();
    let mut at = 0;
    for l in text.split('\n') {
        lines.push(Line { start: at, text: l });
        at += l.len() + 1;
    }
    let chars: Vec<Vec<char>> = lines.iter().map(|l| l.text.chars().collect()).collect();
    // The column most lines have a gap before.
    let mut counts = std::collections::HashMap::<usize, usize>::new();
    for c in &chars {
        for start in MIN_COLUMN..c.len() {
            if !c[start].is_whitespace()
                && c[start - 1].is_whitespace()
                && c[start - 2].is_whitespace()
                && c[start - 3].is_whitespace()
            {
                *counts.entry(start).or_default() += 1;
            }
        }
    }
    let column = counts
        .iter()
        .filter(|(_, n)| **n >= MIN_BOTH)
        .max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c)))
        .map(|(c, _)| *c)?;
    let parts: Vec<Part> = chars.iter().map(|c| part(c, column)).collect();
    // Blocks: runs of lines without text across the column, from the first line holding a
    // right column to the last, and on down the left column to a blank line.
    let mut blocks: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        if parts[i] == Part::Across {
            i += 1;
            continue;
        }
        let from = i;
        while i < parts.len() && parts[i] != Part::Across {
            i += 1;
        }
        let right = |p: &Part| matches!(p, Part::Both(_) | Part::RightOnly(_));
        let Some(first) = (from..i).find(|&k| right(&parts[k])) else {
            continue;
        };
        let mut last = (from..i).rfind(|&k| right(&parts[k])).unwrap_or(first);
        // The left column runs on below the right one's end, to a blank line.
        while last + 1 < i && parts[last + 1] == Part::LeftOnly {
            last += 1;
        }
        if two_columns(&chars, &parts, first, last) {
            blocks.push((first, last));
        }
    }
    if blocks.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut map: Vec<usize> = Vec::with_capacity(text.len() + 17);
    let push = |out: &mut String, map: &mut Vec<usize>, s: &str, origin: usize| {
        out.push_str(s);
        map.extend(origin..origin + s.len());
    };
    let line_end = |k: usize| lines[k].start + lines[k].text.len();
    let byte_of = |k: usize, ch: usize| -> usize {
        lines[k]
            .text
            .char_indices()
            .nth(ch)
            .map_or(lines[k].text.len(), |(b, _)| b)
    };
    let mut k = 0;
    let mut next_block = blocks.iter().peekable();
    while k < lines.len() {
        let newline = k + 1 < lines.len();
        if let Some(&&(first, last)) = next_block.peek().filter(|b| b.0 == k) {
            next_block.next();
            // The left column, then the right one, each line ending where the line ended.
            for j in first..=last {
                let cut = match parts[j] {
                    Part::Both(s) | Part::RightOnly(s) => byte_of(j, s),
                    _ => lines[j].text.len(),
                };
                let left = lines[j].text[..cut].trim_end();
                push(&mut out, &mut map, left, lines[j].start);
                push(&mut out, &mut map, "\n", line_end(j));
            }
            for j in first..=last {
                if let Part::Both(s) | Part::RightOnly(s) = parts[j] {
                    let from = byte_of(j, s);
                    push(
                        &mut out,
                        &mut map,
                        &lines[j].text[from..],
                        lines[j].start + from,
                    );
                    if j < last || last + 1 < lines.len() {
                        push(&mut out, &mut map, "\n", line_end(j));
                    }
                }
            }
            k = last + 1;
            continue;
        }
        push(&mut out, &mut map, lines[k].text, lines[k].start);
        if newline {
            push(&mut out, &mut map, "\n", line_end(k));
        }
        k += 1;
    }
    map.push(text.len());
    Some(Repaired::from_parts(out, map))
}

/// Whether lines `first..=last` are two columns of text rather than labels with their answers,
/// a results table or a tick-box grid: most left sides are no label ending in a colon, at
/// least three different right sides open with a word and hold two or more ("not asked" on
/// every row is an answer column), and somewhere a side's
/// sentence runs on to its next line (a line opening in lower case after one that did not
/// end a sentence), as text in a column does and a form's answers do not.
fn two_columns(chars: &[Vec<char>], parts: &[Part], first: usize, last: usize) -> bool {
    let mut both = 0;
    let mut labels = 0;
    let mut wordy_right: Vec<String> = Vec::new();
    let mut lefts: Vec<String> = Vec::new();
    let mut rights: Vec<String> = Vec::new();
    for j in first..=last {
        let (left, right) = match parts[j] {
            Part::Both(s) => (
                chars[j][..s].iter().collect(),
                chars[j][s..].iter().collect(),
            ),
            Part::RightOnly(s) => (String::new(), chars[j][s..].iter().collect()),
            _ => (chars[j].iter().collect::<String>(), String::new()),
        };
        let (left, right) = (left.trim().to_string(), right.trim().to_string());
        if let Part::Both(_) = parts[j] {
            both += 1;
            labels += usize::from(left.ends_with([':', '?']));
            let opens_with_word = right.starts_with(char::is_alphabetic);
            if opens_with_word && words(&right) >= 2 && !wordy_right.contains(&right) {
                wordy_right.push(right.clone());
            }
        }
        lefts.push(left);
        rights.push(right);
    }
    let runs_on = |side: &[String]| {
        side.windows(2).any(|w| {
            !w[0].is_empty()
                && !w[0].ends_with(['.', ':', '?', '!'])
                && words(&w[0]) >= 2
                && w[1].starts_with(|c: char| c.is_lowercase())
                && w[1] != w[0]
        })
    };
    both >= MIN_BOTH
        && labels * 2 <= both
        && wordy_right.len() >= 3
        && (runs_on(&lefts) || runs_on(&rights))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_two_column_form_is_read_column_by_column() {
        let text = "\
Referral proforma
1. PATIENT                      3. RESULTS
Name: Mr Andrew Turner          Hb now 139 g/L after iron
NHS: 722 664 3812               Hb was 109 g/L in October (iron
2. SYMPTOMS                     deficient at the time, cause found
Dysphagia:                      and treated)
Rectal bleeding: absent
Summary follows here, a long line of free text that runs across the page.";
        let r = split(text).expect("two columns");
        let got = r.text();
        assert!(got.contains("2. SYMPTOMS\nDysphagia:\nRectal bleeding: absent\n3. RESULTS"));
        assert!(got.contains("cause found\nand treated)\nSummary"));
        // Offsets lead back to the same words.
        let at = got.find("and treated)").unwrap();
        assert_eq!(&text[r.original(at)..r.original(at) + 12], "and treated)");
        let at = got.find("Summary").unwrap();
        assert_eq!(&text[r.original(at)..], &got[at..]);
    }

    #[test]
    fn labels_tables_and_grids_stay_as_they_are() {
        let labels = "\
Presenting complaint:      change in bowel habit for six weeks
Past history:              hypertension, well controlled
Medication:                amlodipine 5 mg once daily
Examination:               abdomen soft and non-tender";
        assert!(split(labels).is_none());
        let grid = "\
Red flag                        YES   NO
Rectal bleeding                 [ ]   [X]
Weight loss                     [X]   [ ]
Dysphagia                       [ ]   [X]";
        assert!(split(grid).is_none());
        let results = "\
Haemoglobin                     98 g/L      (130-170)
Ferritin                        8 ug/L      (30-400)
ALT                             45 U/L      (10-50)";
        assert!(split(results).is_none());
    }
}
