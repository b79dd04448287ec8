//! A form's labels and their values read back into rows.
//!
//! Tesseract's layout analysis finds columns by the gaps between them. A form's demographics
//! box ("Name:", "NHS No:", "DOB:" down one column, the values down the next) has such a gap
//! on every row, and once the page is deskewed and binarised Tesseract often reads it as two
//! blocks: every label, then every value ("NHS No:" and, ten lines on, "999 565 2595"). That
//! is no reading anyone would write down: the page's text (and what search shows of it) should
//! hold "NHS No: 999 565 2595". Where a block holds labels only, and a block beside it to the
//! right has lines on the same rows, the two are read row by row. A column that holds text of
//! its own (an address beside a box, a letter's two columns) is left as Tesseract read it: its
//! lines do not end in colons.

use types::BBox;

/// One text line as Tesseract's layout analysis found it.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The layout block the line belongs to (numbered in Tesseract's reading order).
    pub block: u32,
    pub bbox: BBox,
    pub text: String,
}

/// The most characters a line of a label column holds ("Date of referral:").
const MAX_LABEL_CHARS: usize = 32;

/// The page's text with each block of labels read row by row with the blocks beside it whose
/// lines stand on the same rows; `None` where the page has no such block (the text Tesseract
/// gave stands). Blocks are separated by a blank line, lines by a line break.
pub fn label_columns_in_rows(lines: &[Line]) -> Option<String> {
    let blocks = blocks(lines);
    let mut group_of: Vec<Option<usize>> = vec![None; blocks.len()];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        if group_of[b].is_some() || !is_labels(lines, block) {
            continue;
        }
        let height = median_height(lines, block);
        // The label column: this block and the blocks of labels under or over it, down the
        // same left edge with no more than a few lines' gap (Tesseract may make a block of
        // each label).
        let mut column: Vec<usize> = vec![b];
        loop {
            let span = bounds(lines, &members(&blocks, &column));
            let next = blocks.iter().enumerate().find(|(o, other)| {
                let ob = bounds(lines, other);
                group_of[*o].is_none()
                    && !column.contains(o)
                    && is_labels(lines, other)
                    && ob.0.abs_diff(span.0) <= height
                    && ob.1 <= span.3 + 3 * height
                    && ob.3 + 3 * height >= span.1
            });
            match next {
                Some((o, _)) => column.push(o),
                None => break,
            }
        }
        let label_lines = members(&blocks, &column);
        if label_lines.len() < 2 {
            continue;
        }
        let span = bounds(lines, &label_lines);
        let beside: Vec<usize> = blocks
            .iter()
            .enumerate()
            .filter(|(o, other)| {
                !column.contains(o)
                    && group_of[*o].is_none()
                    && stands_right_of(&span, &bounds(lines, other), height)
                    && on_the_same_rows(lines, &label_lines, other, height)
            })
            .map(|(o, _)| o)
            .collect();
        // At least two rows of the column must find their value beside them.
        let rows_with_values = label_lines
            .iter()
            .filter(|&&l| {
                members(&blocks, &beside)
                    .iter()
                    .any(|&o| same_row(&lines[l], &lines[o], height))
            })
            .count();
        if rows_with_values < 2 {
            continue;
        }
        let g = groups.len();
        for &m in column.iter().chain(&beside) {
            group_of[m] = Some(g);
        }
        groups.push(column.into_iter().chain(beside).collect());
    }
    if groups.is_empty() {
        return None;
    }
    let mut out: Vec<String> = Vec::new();
    let mut written = vec![false; groups.len()];
    for (b, block) in blocks.iter().enumerate() {
        match group_of[b] {
            None => out.push(
                block
                    .iter()
                    .map(|&i| lines[i].text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            Some(g) if !written[g] => {
                written[g] = true;
                out.push(rows(lines, &members(&blocks, &groups[g])));
            }
            Some(_) => {}
        }
    }
    Some(out.join("\n\n"))
}

/// The lines of the blocks numbered `which`.
fn members(blocks: &[Vec<usize>], which: &[usize]) -> Vec<usize> {
    which
        .iter()
        .flat_map(|&b| blocks[b].iter().copied())
        .collect()
}

/// The lines of each block, in order of the blocks' first lines.
fn blocks(lines: &[Line]) -> Vec<Vec<usize>> {
    let mut blocks: Vec<(u32, Vec<usize>)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match blocks.iter_mut().find(|(b, _)| *b == line.block) {
            Some((_, members)) => members.push(i),
            None => blocks.push((line.block, vec![i])),
        }
    }
    blocks.into_iter().map(|(_, members)| members).collect()
}

/// A block whose lines are labels ("NHS No:"), at least two thirds of them, and none long.
fn is_labels(lines: &[Line], block: &[usize]) -> bool {
    let labels = block
        .iter()
        .filter(|&&i| lines[i].text.trim_end().ends_with(':'))
        .count();
    !block.is_empty()
        && labels * 3 >= block.len() * 2
        && block
            .iter()
            .all(|&i| lines[i].text.trim().chars().count() <= MAX_LABEL_CHARS)
}

/// (left, top, right, bottom) of a block's lines.
fn bounds(lines: &[Line], block: &[usize]) -> (u32, u32, u32, u32) {
    block
        .iter()
        .fold((u32::MAX, u32::MAX, 0, 0), |(l, t, r, b), &i| {
            let x = &lines[i].bbox;
            (l.min(x.x), t.min(x.y), r.max(x.x + x.w), b.max(x.y + x.h))
        })
}

fn median_height(lines: &[Line], block: &[usize]) -> u32 {
    let mut h: Vec<u32> = block.iter().map(|&i| lines[i].bbox.h).collect();
    h.sort_unstable();
    h.get(h.len() / 2).copied().unwrap_or(0).max(1)
}

/// Whether `other` starts to the right of `labels` (a line's height of overlap allowed) and
/// shares some of its height.
fn stands_right_of(labels: &(u32, u32, u32, u32), other: &(u32, u32, u32, u32), h: u32) -> bool {
    other.0 + h >= labels.2 && other.1 < labels.3 && other.3 > labels.1
}

fn centre(b: &BBox) -> u32 {
    b.y + b.h / 2
}

/// Whether two lines stand on one row (their centres within half a line's height).
fn same_row(a: &Line, b: &Line, h: u32) -> bool {
    centre(&a.bbox).abs_diff(centre(&b.bbox)) * 2 <= h
}

/// Whether two thirds of `other`'s lines (and at least one) stand on a row of `labels`.
fn on_the_same_rows(lines: &[Line], labels: &[usize], other: &[usize], h: u32) -> bool {
    let aligned = other
        .iter()
        .filter(|&&o| labels.iter().any(|&l| same_row(&lines[l], &lines[o], h)))
        .count();
    aligned >= 1 && aligned * 3 >= other.len() * 2
}

/// The lines `members` read in rows: top to bottom, a line joining the row whose first line's
/// centre lies within half its height of its own, each row left to right.
fn rows(lines: &[Line], members: &[usize]) -> String {
    let mut sorted: Vec<usize> = members.to_vec();
    sorted.sort_by_key(|&i| (centre(&lines[i].bbox), lines[i].bbox.x));
    let mut rows: Vec<Vec<usize>> = Vec::new();
    for i in sorted {
        let b = &lines[i].bbox;
        match rows.last_mut() {
            Some(row)
                if centre(b).abs_diff(centre(&lines[row[0]].bbox)) * 2
                    <= lines[row[0]].bbox.h.max(b.h) =>
            {
                row.push(i)
            }
            _ => rows.push(vec![i]),
        }
    }
    rows.into_iter()
        .map(|mut row| {
            row.sort_by_key(|&i| lines[i].bbox.x);
            row.iter()
                .map(|&i| lines[i].text.trim())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(block: u32, x: u32, y: u32, w: u32, text: &str) -> Line {
        Line {
            block,
            bbox: BBox { x, y, w, h: 30 },
            text: text.to_string(),
        }
    }

    #[test]
    fn labels_read_apart_from_their_values_come_back_together() {
        // As Tesseract read a clinic letter's demographics box after clean-up: the address,
        // then every label, then every value, then the letter.
        let lines = vec![
            line(0, 100, 100, 600, "Dr T Kowalczyk"),
            line(0, 100, 140, 600, "Pellingford Village Surgery"),
            line(1, 100, 400, 150, "Name:"),
            line(1, 100, 450, 150, "NHS No:"),
            line(1, 100, 500, 150, "DOB:"),
            line(2, 400, 402, 300, "Margaret HOLLINS"),
            line(2, 400, 451, 300, "999 565 2595"),
            line(2, 400, 499, 300, "05/11/1940"),
            line(3, 100, 700, 1500, "I reviewed Mrs Hollins in clinic today."),
        ];
        assert_eq!(
            label_columns_in_rows(&lines).as_deref(),
            Some(
                "Dr T Kowalczyk\nPellingford Village Surgery\n\nName: Margaret HOLLINS\n\
                 NHS No: 999 565 2595\nDOB: 05/11/1940\n\nI reviewed Mrs Hollins in clinic today."
            )
        );
    }

    #[test]
    fn a_form_split_into_three_columns_reads_in_rows() {
        // Labels (one block each), then "value + label" pairs, then values.
        let lines = vec![
            line(0, 60, 100, 120, "Surname:"),
            line(5, 62, 150, 120, "NHS No:"),
            line(1, 200, 101, 400, "BRADWELL Forename:"),
            line(1, 200, 149, 400, "999 237 5728 Date of birth:"),
            line(2, 700, 100, 200, "Kwame"),
            line(2, 700, 150, 200, "01/10/1929"),
        ];
        assert_eq!(
            label_columns_in_rows(&lines).as_deref(),
            Some(
                "Surname: BRADWELL Forename: Kwame\nNHS No: 999 237 5728 Date of birth: 01/10/1929"
            )
        );
    }

    #[test]
    fn columns_of_text_are_left_as_read() {
        // An address beside a box whose labels carry their values: no block of labels alone.
        let lines = vec![
            line(0, 100, 100, 500, "Dr A Smith"),
            line(0, 100, 150, 500, "1 High Street"),
            line(1, 900, 100, 500, "NHS No: 999 123 4567"),
            line(1, 900, 150, 500, "DOB: 01/02/1950"),
        ];
        assert_eq!(label_columns_in_rows(&lines), None);
        // Labels with nothing on their rows beside them (values below each label) stay too.
        let lines = vec![
            line(0, 100, 100, 200, "Diagnosis:"),
            line(0, 100, 300, 200, "Plan:"),
            line(1, 900, 600, 500, "Seen in clinic today."),
            line(1, 900, 650, 500, "Bloods next week."),
        ];
        assert_eq!(label_columns_in_rows(&lines), None);
    }
}
