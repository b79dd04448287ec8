//! Text on the page that the reading left out: a review signal for pages that read
//! confidently but incompletely (a dot-matrix block, a faint column, a stamp-covered line).
//!
//! Tesseract's confidences speak only for the words it recognised. A page can read at a mean
//! confidence of 90 and still have lost a third of its words, which then never reach search or
//! triage. This module looks at the ink instead: it finds the connected components of the
//! page that are the size of letters (measured against the recognised words' own height),
//! keeps those that sit in a row with other letter-sized components, and reports the share of
//! them that lie outside every recognised word's box.
//!
//! Rules, borders, logos and shadows are not letter-sized; specks are too small; isolated
//! marks (a tick box, a bullet) have no neighbours in a row. What is left outside the word
//! boxes is most likely text that was not read.

use image::GrayImage;
use types::Word;

/// Share (0-1) of the page's letter-sized ink components standing in rows that lie outside
/// every recognised word. 0 when nothing was recognised (a blank or illegible page is judged
/// by other means) or when the page has too few letter-sized components to say.
pub fn unread_text_share(image: &GrayImage, words: &[Word]) -> f32 {
    share_outside_words(image, words, otsu)
}

/// [`unread_text_share`] on a greyscale page as scanned, counting faint print as ink too:
/// a pixel is ink when it is darker than Otsu's threshold or more than
/// [`FAINT_INK_CONTRAST`] grey levels darker than the paper (the page's median). On a page
/// of black text with a column in pencil grey, Otsu's threshold falls between black and
/// grey and would leave the grey column out; this is the check that finds what a
/// binarisation wiped.
pub fn unread_faint_text_share(image: &GrayImage, words: &[Word]) -> f32 {
    share_outside_words(image, words, faint_threshold)
}

/// Otsu's threshold, or the paper's grey less [`FAINT_INK_CONTRAST`] where that is higher.
fn faint_threshold(hist: &[u64; 256]) -> u8 {
    otsu(hist).max(median(hist).saturating_sub(FAINT_INK_CONTRAST))
}

/// How much darker than the paper a pixel must be to count as faint ink (of 255).
pub const FAINT_INK_CONTRAST: u8 = 25;

/// Unread text on a cleaned-up page, and how much of it the clean-up wiped.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnreadInk {
    /// [`unread_faint_text_share`] of the page as scanned.
    pub unread: f32,
    /// The share of the same letter-sized components that lie outside every word read and
    /// are (almost) gone from the binarised page Tesseract read: text the clean-up wiped,
    /// which only a reading of the page as scanned can recover. Unread ink that is still on
    /// the binarised page (handwriting, a stamp, a logo's lettering) was there for Tesseract
    /// to read and is no reason to read the page again.
    pub wiped: f32,
}

/// [`UnreadInk`] of a cleaned page: `scanned` is the page as scanned in the geometry of
/// `binarised` (the same size: levelled and turned alike), `words` what was read from
/// `binarised`. A component counts as wiped when the binarised page keeps less than a
/// quarter of its ink's pixel count as black inside its box.
pub fn unread_and_wiped(scanned: &GrayImage, binarised: &GrayImage, words: &[Word]) -> UnreadInk {
    let Some((outside, total)) = outside_words(scanned, words, faint_threshold) else {
        return UnreadInk {
            unread: 0.0,
            wiped: 0.0,
        };
    };
    let same_size = scanned.dimensions() == binarised.dimensions();
    let wiped = outside
        .iter()
        .filter(|c| {
            same_size && {
                let black = (c.y0..=c.y1)
                    .flat_map(|y| (c.x0..=c.x1).map(move |x| (x, y)))
                    .filter(|&(x, y)| binarised.get_pixel(x, y).0[0] < 128)
                    .count() as u64;
                black * 4 < c.pixels
            }
        })
        .count();
    UnreadInk {
        unread: outside.len() as f32 / total as f32,
        wiped: wiped as f32 / total as f32,
    }
}

fn share_outside_words(
    image: &GrayImage,
    words: &[Word],
    threshold: impl Fn(&[u64; 256]) -> u8,
) -> f32 {
    outside_words(image, words, threshold)
        .map_or(0.0, |(outside, total)| outside.len() as f32 / total as f32)
}

/// The letter-sized components standing in rows outside every word, and the count of
/// letter-sized components in all (those inside words and those outside in rows); `None` when
/// the page has too few words or letters to say.
fn outside_words(
    image: &GrayImage,
    words: &[Word],
    threshold: impl Fn(&[u64; 256]) -> u8,
) -> Option<(Vec<Component>, usize)> {
    let letter = letter_height(words)?;
    let (width, height) = image.dimensions();
    if width == 0 || height == 0 {
        return None;
    }
    let threshold = threshold(&histogram(image));
    let components = components(image, threshold);
    let covered = Coverage::new(width, height, words, letter / 4);
    let min_h = (letter as f32 * 0.3).max(3.0) as u32;
    let max_h = (letter as f32 * 1.5) as u32;
    let max_w = letter * 3;
    let letters: Vec<(Component, bool)> = components
        .into_iter()
        .filter(|c| {
            let (w, h) = (c.x1 - c.x0 + 1, c.y1 - c.y0 + 1);
            let touches_edge = c.x0 == 0 || c.y0 == 0 || c.x1 + 1 >= width || c.y1 + 1 >= height;
            !touches_edge
                && (min_h..=max_h).contains(&h)
                && w <= max_w
                && w >= 2
                && c.pixels * 10 >= u64::from(w) * u64::from(h)
        })
        .map(|c| {
            let inside = covered.contains(c.centre_x(), c.centre_y());
            (c, inside)
        })
        .collect();
    // A letter stands in a row when another letter-sized component outside the words sits
    // beside it (centres within half a letter vertically, within 1.5 letters horizontally).
    let mut outside: Vec<&Component> = letters
        .iter()
        .filter(|(_, inside)| !inside)
        .map(|(c, _)| c)
        .collect();
    outside.sort_by_key(|c| (c.centre_x(), c.centre_y()));
    let reach_x = letter * 3 / 2;
    let reach_y = letter / 2;
    let in_rows: Vec<Component> = outside
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            let (cx, cy) = (c.centre_x(), c.centre_y());
            let near = |o: &&Component| {
                o.centre_y().abs_diff(cy) <= reach_y && o.centre_x().abs_diff(cx) <= reach_x
            };
            outside[i + 1..]
                .iter()
                .take_while(|o| o.centre_x() <= cx + reach_x)
                .any(near)
                || outside[..*i]
                    .iter()
                    .rev()
                    .take_while(|o| o.centre_x() + reach_x >= cx)
                    .any(near)
        })
        .map(|(_, c)| **c)
        .collect();
    let inside = letters.iter().filter(|(_, inside)| *inside).count();
    let total = inside + in_rows.len();
    (total >= 50).then_some((in_rows, total))
}

/// The median height of the recognised words with at least two letters or digits: the
/// height of a line of text on this page, in pixels.
fn letter_height(words: &[Word]) -> Option<u32> {
    let mut heights: Vec<u32> = words
        .iter()
        .filter(|w| w.bbox.h > 0 && w.text.chars().filter(|c| c.is_alphanumeric()).count() >= 2)
        .map(|w| w.bbox.h)
        .collect();
    if heights.len() < 5 {
        return None;
    }
    heights.sort_unstable();
    Some(heights[heights.len() / 2].max(4))
}

/// How many pixels of the image stand at each grey level.
fn histogram(image: &GrayImage) -> [u64; 256] {
    let mut hist = [0u64; 256];
    for p in image.as_raw() {
        hist[*p as usize] += 1;
    }
    hist
}

/// The median grey level of a histogram: the paper's, on a page of text.
pub(crate) fn median(hist: &[u64; 256]) -> u8 {
    let half = hist.iter().sum::<u64>() / 2;
    let mut seen = 0;
    for (v, n) in hist.iter().enumerate() {
        seen += n;
        if seen > half {
            return v as u8;
        }
    }
    255
}

/// Otsu's threshold of a greyscale histogram: pixels at or below it are ink.
fn otsu(hist: &[u64; 256]) -> u8 {
    let total: u64 = hist.iter().sum();
    let sum_all: f64 = hist
        .iter()
        .enumerate()
        .map(|(v, n)| v as f64 * *n as f64)
        .sum();
    let (mut below, mut sum_below) = (0u64, 0f64);
    let (mut best, mut best_var) = (127u8, -1f64);
    for (v, n) in hist.iter().enumerate() {
        below += n;
        sum_below += v as f64 * *n as f64;
        let above = total - below;
        if below == 0 || above == 0 {
            continue;
        }
        let mean_below = sum_below / below as f64;
        let mean_above = (sum_all - sum_below) / above as f64;
        let var = below as f64 * above as f64 * (mean_below - mean_above).powi(2);
        if var > best_var {
            best_var = var;
            best = v as u8;
        }
    }
    best
}

/// An 8-connected component of ink: its bounding box (inclusive) and pixel count.
#[derive(Debug, Clone, Copy)]
struct Component {
    x0: u32,
    y0: u32,
    x1: u32,
    y1: u32,
    pixels: u64,
}

impl Component {
    fn centre_x(&self) -> u32 {
        (self.x0 + self.x1) / 2
    }
    fn centre_y(&self) -> u32 {
        (self.y0 + self.y1) / 2
    }
}

/// The ink components of the image, labelled run by run: each row's runs of ink join the
/// runs of the row above that they touch (8-connectivity), through a union-find over runs.
fn components(image: &GrayImage, threshold: u8) -> Vec<Component> {
    let (width, height) = image.dimensions();
    let raw = image.as_raw();
    let mut parent: Vec<u32> = Vec::new();
    let mut boxes: Vec<Component> = Vec::new();
    // Runs of the previous and current row: (start, end exclusive, run id).
    let mut previous: Vec<(u32, u32, u32)> = Vec::new();
    let mut current: Vec<(u32, u32, u32)> = Vec::new();
    for y in 0..height {
        let row = &raw[(y * width) as usize..((y + 1) * width) as usize];
        current.clear();
        let mut x = 0u32;
        while x < width {
            if row[x as usize] > threshold {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x as usize] <= threshold {
                x += 1;
            }
            let id = parent.len() as u32;
            parent.push(id);
            boxes.push(Component {
                x0: start,
                y0: y,
                x1: x - 1,
                y1: y,
                pixels: u64::from(x - start),
            });
            current.push((start, x, id));
        }
        // Join with the previous row's runs that overlap (one pixel of slack: diagonals).
        let mut j = 0;
        for &(start, end, id) in &current {
            while j < previous.len() && previous[j].1 < start {
                j += 1;
            }
            let mut k = j;
            while k < previous.len() && previous[k].0 <= end {
                union(&mut parent, id, previous[k].2);
                k += 1;
            }
        }
        std::mem::swap(&mut previous, &mut current);
    }
    let mut merged: Vec<Option<Component>> = vec![None; boxes.len()];
    for (i, b) in boxes.iter().copied().enumerate() {
        let root = find(&mut parent, i as u32) as usize;
        merged[root] = Some(match merged[root] {
            None => b,
            Some(m) => Component {
                x0: m.x0.min(b.x0),
                y0: m.y0.min(b.y0),
                x1: m.x1.max(b.x1),
                y1: m.y1.max(b.y1),
                pixels: m.pixels + b.pixels,
            },
        });
    }
    merged.into_iter().flatten().collect()
}

fn find(parent: &mut [u32], mut i: u32) -> u32 {
    while parent[i as usize] != i {
        let up = parent[parent[i as usize] as usize];
        parent[i as usize] = up;
        i = up;
    }
    i
}

fn union(parent: &mut [u32], a: u32, b: u32) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        let (low, high) = (ra.min(rb), ra.max(rb));
        parent[high as usize] = low;
    }
}

/// Which parts of the page lie inside a recognised word's box (grown by a margin), on a
/// grid of 4-pixel cells.
struct Coverage {
    cells_x: u32,
    cells: Vec<bool>,
}

const CELL: u32 = 4;

impl Coverage {
    fn new(width: u32, height: u32, words: &[Word], margin: u32) -> Coverage {
        let cells_x = width.div_ceil(CELL);
        let cells_y = height.div_ceil(CELL);
        let mut cells = vec![false; (cells_x * cells_y) as usize];
        for w in words.iter().filter(|w| w.bbox.h > 0 && w.bbox.w > 0) {
            let x0 = w.bbox.x.saturating_sub(margin) / CELL;
            let y0 = w.bbox.y.saturating_sub(margin) / CELL;
            let x1 = ((w.bbox.x + w.bbox.w + margin) / CELL).min(cells_x - 1);
            let y1 = ((w.bbox.y + w.bbox.h + margin) / CELL).min(cells_y - 1);
            for cy in y0..=y1 {
                for cx in x0..=x1 {
                    cells[(cy * cells_x + cx) as usize] = true;
                }
            }
        }
        Coverage { cells_x, cells }
    }

    fn contains(&self, x: u32, y: u32) -> bool {
        self.cells
            .get(((y / CELL) * self.cells_x + x / CELL) as usize)
            .copied()
            .unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;
    use types::BBox;

    /// A white page with `rows` rows of 30 letter-like blobs (10 x 14 px) each.
    fn page_with_rows(rows: u32) -> GrayImage {
        let mut img = GrayImage::from_pixel(800, 60 + rows * 40, Luma([255]));
        for r in 0..rows {
            for i in 0..30 {
                let (x0, y0) = (40 + i * 18, 40 + r * 40);
                for y in y0..y0 + 14 {
                    for x in x0..x0 + 10 {
                        if (x + y) % 3 != 0 {
                            img.put_pixel(x, y, Luma([0]));
                        }
                    }
                }
            }
        }
        img
    }

    /// One recognised word over each run of five blobs of row `r`.
    fn words_on_row(r: u32) -> Vec<Word> {
        (0..6)
            .map(|k| Word {
                text: "hello".into(),
                confidence: 95.0,
                bbox: BBox {
                    x: 38 + k * 90,
                    y: 38 + r * 40,
                    w: 86,
                    h: 18,
                },
                in_dictionary: None,
            })
            .collect()
    }

    #[test]
    fn rows_nobody_read_are_counted_and_read_rows_are_not() {
        let img = page_with_rows(4);
        // Every row read: nothing left out.
        let all: Vec<Word> = (0..4).flat_map(words_on_row).collect();
        assert!(unread_text_share(&img, &all) < 0.01);
        // Two of four rows read: half the letters are outside the words.
        let half: Vec<Word> = (0..2).flat_map(words_on_row).collect();
        let share = unread_text_share(&img, &half);
        assert!((share - 0.5).abs() < 0.05, "{share}");
    }

    #[test]
    fn specks_rules_and_lone_marks_are_not_text() {
        let mut img = page_with_rows(2);
        let read: Vec<Word> = (0..2).flat_map(words_on_row).collect();
        let before = unread_text_share(&img, &read);
        // A long horizontal rule, a scatter of single-pixel specks, a lone tick box.
        for x in 20..780 {
            img.put_pixel(x, 130, Luma([0]));
            img.put_pixel(x, 131, Luma([0]));
        }
        for i in 0..200u32 {
            img.put_pixel(20 + (i * 37) % 760, 100 + (i * 13) % 40, Luma([0]));
        }
        for y in 100..114 {
            for x in [700u32, 713] {
                img.put_pixel(x, y, Luma([0]));
            }
        }
        assert!((unread_text_share(&img, &read) - before).abs() < 0.01);
    }

    #[test]
    fn faint_rows_count_as_unread_only_for_the_faint_check() {
        // Two rows in black, read; two rows in pencil grey (220 on white), not read.
        let mut img = page_with_rows(4);
        for y in 60 + 2 * 40 - 20..img.height() {
            for x in 0..img.width() {
                if img.get_pixel(x, y).0[0] == 0 {
                    img.put_pixel(x, y, Luma([220]));
                }
            }
        }
        let read: Vec<Word> = (0..2).flat_map(words_on_row).collect();
        // Otsu's threshold falls between black and grey: the grey rows are paper to it.
        assert!(unread_text_share(&img, &read) < 0.01);
        let faint = unread_faint_text_share(&img, &read);
        assert!((faint - 0.5).abs() < 0.05, "{faint}");
        // Read as well, they are not unread.
        let all: Vec<Word> = (0..4).flat_map(words_on_row).collect();
        assert!(unread_faint_text_share(&img, &all) < 0.01);
    }

    #[test]
    fn wiped_counts_only_what_the_binarised_page_lost() {
        // Two rows read; two rows in pencil grey left unread.
        let mut scanned = page_with_rows(4);
        for y in 60 + 2 * 40 - 20..scanned.height() {
            for x in 0..scanned.width() {
                if scanned.get_pixel(x, y).0[0] == 0 {
                    scanned.put_pixel(x, y, Luma([220]));
                }
            }
        }
        let read: Vec<Word> = (0..2).flat_map(words_on_row).collect();
        // A binarisation that wiped the grey rows: half the letters unread, all of them wiped.
        let wiped_page = page_with_rows(2);
        let mut binarised = GrayImage::from_pixel(scanned.width(), scanned.height(), Luma([255]));
        image::imageops::replace(&mut binarised, &wiped_page, 0, 0);
        let ink = unread_and_wiped(&scanned, &binarised, &read);
        assert!((ink.unread - 0.5).abs() < 0.05, "{ink:?}");
        assert!((ink.wiped - 0.5).abs() < 0.05, "{ink:?}");
        // A binarisation that kept them (Tesseract saw them and read nothing): unread, not
        // wiped.
        let kept = page_with_rows(4);
        let ink = unread_and_wiped(&scanned, &kept, &read);
        assert!((ink.unread - 0.5).abs() < 0.05, "{ink:?}");
        assert!(ink.wiped < 0.01, "{ink:?}");
    }

    #[test]
    fn a_page_with_too_few_words_says_nothing() {
        let img = page_with_rows(3);
        assert_eq!(unread_text_share(&img, &[]), 0.0);
    }
}
