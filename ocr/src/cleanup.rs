//! Page clean-up before OCR: adaptive binarisation (Sauvola), despeckling, skew measurement
//! by projection profiles and rotation.
//!
//! Every step measures the page rather than assuming anything about it; each one can be
//! switched off through [`CleanupConfig`] so that its effect on the error rate can be measured.

use std::time::Instant;

use image::GrayImage;
use serde::{Deserialize, Serialize};

/// Which clean-up steps run and how.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct CleanupConfig {
    /// Master switch: `false` hands the grayscale page to Tesseract untouched.
    pub enabled: bool,
    /// Which pages are cleaned up: every page, or only pages that read poorly as they are.
    pub when: CleanupWhen,
    /// With [`CleanupWhen::PoorPages`]: a page whose plain reading has a mean word
    /// confidence below this (0-100), or fewer than 5 words, is cleaned up and read again,
    /// and the reading with the higher confidence is kept. With [`CleanupWhen::Always`], the
    /// other way round: a cleaned reading this poor is read as scanned too.
    pub retry_below: f32,
    /// Detect 90/180/270-degree rotation with Tesseract's orientation detector.
    pub orientation: bool,
    /// Minimum orientation confidence before a page is turned.
    pub orientation_min_confidence: f32,
    /// Orientation is checked only on pages read with a mean confidence below this (an
    /// upside-down or sideways page reads as gibberish with low confidence).
    pub orientation_check_below: f32,
    /// Before running the orientation detector on a poorly read page, measure its text
    /// lines from projection profiles (a few milliseconds) and skip the detector when they
    /// plainly stand upright: rows at least `upright_min_rows_over_columns` times as sharp
    /// as columns and an ascender balance of at least `upright_min_ascender_balance`
    /// ([`LineEvidence`]).
    pub orientation_precheck: bool,
    pub upright_min_rows_over_columns: f32,
    pub upright_min_ascender_balance: f32,
    /// Measure and correct skew.
    pub deskew: bool,
    /// Largest skew searched for, in degrees either way.
    pub max_skew_degrees: f32,
    /// Skews smaller than this are left alone (rotation blurs a little).
    pub min_skew_degrees: f32,
    /// Sauvola binarisation.
    pub binarize: bool,
    /// Sauvola's k: higher makes the threshold darker (thinner strokes).
    pub sauvola_k: f32,
    /// Sauvola window as a fraction of an inch at the page's resolution.
    pub sauvola_window_inches: f32,
    /// Remove isolated dark pixels after binarisation.
    pub despeckle: bool,
    /// A 3x3 median filter before binarisation, against photocopier and fax speckle:
    /// applied when more than `median_above_speckle` of the dark pixels of the binarised
    /// page are isolated specks (it blurs clean text slightly, so not always).
    pub median: bool,
    pub median_above_speckle: f32,
    /// A page that reads (almost) nothing although it carries ink ([`faint_ink_ratio`]
    /// above `blank_page_max_ink`) is smoothed with a Gaussian of this radius (sigma, in
    /// inches) and read again, the better reading kept: the separate dots of a pale
    /// dot-matrix printout merge into strokes Tesseract can read (0 switches it off).
    pub smooth_unread_inches: f32,
}

impl Default for CleanupConfig {
    fn default() -> Self {
        CleanupConfig {
            enabled: true,
            // Measured on both evaluation sets (BENCHMARKS.md, "Scanning"): cleaning every
            // page read better than cleaning only the poorly read ones, on the samples and
            // on the independent set the pipeline was never tuned on.
            when: CleanupWhen::Always,
            retry_below: 80.0,
            orientation: true,
            orientation_min_confidence: 2.0,
            orientation_check_below: 80.0,
            // Off: measured on every scan set (BENCHMARKS.md, "Orientation precheck"), the
            // limits that skip the detector on many pages also skipped a turned page, and
            // the ones that skipped none saved about 1% of the time.
            orientation_precheck: false,
            upright_min_rows_over_columns: 1.0,
            upright_min_ascender_balance: 0.6,
            deskew: true,
            max_skew_degrees: 10.0,
            // 0.3, not 0.15: measured over the 16 scan sets already run sealed, rotating a
            // page by less than 0.3 degrees helped on none clearly and broke the reading
            // order of a clean 400-dpi page of small print (Tesseract split its lines into
            // columns); Tesseract's own line finding takes such skew in its stride, as the
            // CLI (which never deskews) shows. CER better on 8 sets, worse on 3, the same on
            // 5, samples unchanged: BENCHMARKS.md, "Small skews left alone".
            min_skew_degrees: 0.3,
            binarize: true,
            sauvola_k: 0.2,
            sauvola_window_inches: 0.15,
            despeckle: true,
            median: true,
            median_above_speckle: 0.03,
            // 1/200 inch (1.5 pixels at 300 dpi): dots up to about 2.5 sigma apart (1/80
            // inch; a draft dot-matrix head prints at 1/72 to 1/120 inch) run together.
            smooth_unread_inches: 0.005,
        }
    }
}

/// When the clean-up runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CleanupWhen {
    /// Every page is deskewed, binarised and despeckled before it is read.
    Always,
    /// Every page is first read as it is, as the `tesseract` command line would read it;
    /// only a page that reads poorly is cleaned up and read again, and the better reading
    /// (by mean word confidence) is kept. Good pages are never made worse by a clean-up
    /// tuned on other pages, and bad ones still get it.
    PoorPages,
}

impl CleanupConfig {
    /// The Sauvola window at `dpi`: `sauvola_window_inches` in pixels, odd.
    pub fn sauvola_window(&self, dpi: u32) -> u32 {
        ((dpi as f32 * self.sauvola_window_inches) as u32) | 1
    }

    /// No clean-up at all: what the plain `tesseract` command line sees.
    pub fn disabled() -> Self {
        CleanupConfig {
            enabled: false,
            ..CleanupConfig::default()
        }
    }
}

/// Share of dark pixels (below half brightness), sampled on a grid for speed.
pub fn ink_ratio(gray: &GrayImage) -> f32 {
    PageInk::of(gray).dark
}

/// Share of ink pixels measured against the paper ([`PageInk::faint`]).
pub fn faint_ink_ratio(gray: &GrayImage) -> f32 {
    PageInk::of(gray).faint
}

/// How much of a page is ink, from one pass over its pixels sampled on a grid.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageInk {
    /// Share of pixels below half brightness.
    pub dark: f32,
    /// Share of pixels more than [`FAINT_INK_CONTRAST`] grey levels darker than the paper (the
    /// sampled median). Pale print on grey or coloured paper (a worn ribbon, a faded copy) has
    /// almost no pixels below half brightness, yet it is ink on the page.
    ///
    /// [`FAINT_INK_CONTRAST`]: crate::unread::FAINT_INK_CONTRAST
    pub faint: f32,
}

impl PageInk {
    pub fn of(gray: &GrayImage) -> PageInk {
        let step = 3;
        let mut hist = [0u64; 256];
        for y in (0..gray.height()).step_by(step) {
            for x in (0..gray.width()).step_by(step) {
                hist[usize::from(gray.get_pixel(x, y)[0])] += 1;
            }
        }
        let total: u64 = hist.iter().sum();
        if total == 0 {
            return PageInk {
                dark: 0.0,
                faint: 0.0,
            };
        }
        let share = |below: usize| hist[..below].iter().sum::<u64>() as f32 / total as f32;
        let paper = crate::unread::median(&hist);
        PageInk {
            dark: share(128),
            faint: share(usize::from(
                paper.saturating_sub(crate::unread::FAINT_INK_CONTRAST),
            )),
        }
    }
}

/// Shrinks by an integer factor, averaging each block (edge blocks average what they hold).
pub fn downscale(gray: &GrayImage, factor: u32) -> GrayImage {
    let factor = factor.max(1) as usize;
    let (src_w, src_h) = (gray.width() as usize, gray.height() as usize);
    let (w, h) = ((src_w / factor).max(1), (src_h / factor).max(1));
    let raw = gray.as_raw();
    let mut out = vec![0u8; w * h];
    // Column sums of one band of `factor` rows, then block sums along the band.
    let mut sums = vec![0u32; src_w];
    for (oy, out_row) in out.chunks_exact_mut(w).enumerate() {
        sums.iter_mut().for_each(|s| *s = 0);
        let rows = (oy * factor..((oy + 1) * factor).min(src_h)).collect::<Vec<_>>();
        for &y in &rows {
            let row = &raw[y * src_w..(y + 1) * src_w];
            for (s, &v) in sums.iter_mut().zip(row) {
                *s += u32::from(v);
            }
        }
        for (ox, px) in out_row.iter_mut().enumerate() {
            let from = ox * factor;
            let to = ((ox + 1) * factor).min(src_w);
            let n = (rows.len() * (to - from)).max(1) as u32;
            let sum: u32 = sums[from..to.max(from)].iter().sum();
            *px = (sum / n) as u8;
        }
    }
    GrayImage::from_raw(w as u32, h as u32, out).unwrap_or_else(|| GrayImage::new(1, 1))
}

/// Sauvola adaptive thresholding: T = m * (1 + k * (s / 128 - 1)) over a local window.
///
/// Local statistics are computed on a 4x smaller copy with integral images and the
/// threshold map is interpolated back, which keeps memory small (a few MB for an A4 page at
/// 300 DPI) while following uneven illumination and photocopier grey.
pub fn sauvola(gray: &GrayImage, window: u32, k: f32) -> GrayImage {
    let factor = 4u32;
    let small = downscale(gray, factor);
    let (sw, sh) = (small.width() as usize, small.height() as usize);
    let radius = ((window / factor).max(2) / 2) as usize;
    // Integral images with a zero row and column.
    let mut sum = vec![0u64; (sw + 1) * (sh + 1)];
    let mut sq = vec![0u64; (sw + 1) * (sh + 1)];
    for y in 0..sh {
        let (mut rs, mut rq) = (0u64, 0u64);
        for x in 0..sw {
            let v = u64::from(small.as_raw()[y * sw + x]);
            rs += v;
            rq += v * v;
            sum[(y + 1) * (sw + 1) + x + 1] = sum[y * (sw + 1) + x + 1] + rs;
            sq[(y + 1) * (sw + 1) + x + 1] = sq[y * (sw + 1) + x + 1] + rq;
        }
    }
    let mut thresholds = vec![0f32; sw * sh];
    for y in 0..sh {
        let (y0, y1) = (y.saturating_sub(radius), (y + radius + 1).min(sh));
        for x in 0..sw {
            let (x0, x1) = (x.saturating_sub(radius), (x + radius + 1).min(sw));
            let n = ((y1 - y0) * (x1 - x0)) as f64;
            let at = |t: &Vec<u64>, yy: usize, xx: usize| t[yy * (sw + 1) + xx] as f64;
            let s = at(&sum, y1, x1) - at(&sum, y0, x1) - at(&sum, y1, x0) + at(&sum, y0, x0);
            let q = at(&sq, y1, x1) - at(&sq, y0, x1) - at(&sq, y1, x0) + at(&sq, y0, x0);
            let mean = s / n;
            let std = (q / n - mean * mean).max(0.0).sqrt();
            thresholds[y * sw + x] = (mean * (1.0 + f64::from(k) * (std / 128.0 - 1.0))) as f32;
        }
    }
    // Interpolate the threshold map back to full size; column weights are computed once.
    let fx = factor as f32;
    let (w, h) = (gray.width() as usize, gray.height() as usize);
    let columns: Vec<(usize, usize, f32)> = (0..w)
        .map(|x| {
            let sx = ((x as f32 + 0.5) / fx - 0.5).clamp(0.0, (sw - 1) as f32);
            let x0 = sx.floor() as usize;
            (x0, (x0 + 1).min(sw - 1), sx.fract())
        })
        .collect();
    let src = gray.as_raw();
    let mut out = vec![0u8; w * h];
    // The two threshold rows around an output row, interpolated along x to full width once
    // for the `factor` output rows that share them; each output row then blends the two.
    let (mut upper, mut lower) = (vec![0f32; w], vec![0f32; w]);
    let mut widened = usize::MAX;
    for y in 0..h {
        let sy = ((y as f32 + 0.5) / fx - 0.5).clamp(0.0, (sh - 1) as f32);
        let (y0, ty) = (sy.floor() as usize, sy.fract());
        if y0 != widened {
            let y1 = (y0 + 1).min(sh - 1);
            let (top, bottom) = (
                &thresholds[y0 * sw..(y0 + 1) * sw],
                &thresholds[y1 * sw..(y1 + 1) * sw],
            );
            for ((&(x0, x1, tx), u), l) in columns.iter().zip(&mut upper).zip(&mut lower) {
                *u = top[x0] + (top[x1] - top[x0]) * tx;
                *l = bottom[x0] + (bottom[x1] - bottom[x0]) * tx;
            }
            widened = y0;
        }
        let row = &src[y * w..(y + 1) * w];
        let dst = &mut out[y * w..(y + 1) * w];
        for (((d, &v), &t0), &t1) in dst.iter_mut().zip(row).zip(&upper).zip(&lower) {
            let t = t0 + (t1 - t0) * ty;
            *d = if f32::from(v) <= t { 0 } else { 255 };
        }
    }
    GrayImage::from_raw(gray.width(), gray.height(), out).unwrap_or_else(|| gray.clone())
}

/// 3x3 median filter (edges copied): removes single-pixel speckle, keeps strokes.
///
/// Exact, without sorting nine values a pixel: each column of three is sorted once into
/// (low, middle, high), and the median of the nine is the median of (the largest of the three
/// lows, the median of the three middles, the smallest of the three highs). The passes are
/// plain minimum and maximum over rows, which the compiler vectorises.
pub fn median3(gray: &GrayImage) -> GrayImage {
    let (w, h) = (gray.width() as usize, gray.height() as usize);
    let mut out = gray.clone();
    if w < 3 || h < 3 {
        return out;
    }
    let src = gray.as_raw();
    let dst = out.as_mut();
    let (mut lo, mut mid, mut hi) = (vec![0u8; w], vec![0u8; w], vec![0u8; w]);
    for y in 1..h - 1 {
        let (a, b, c) = (
            &src[(y - 1) * w..y * w],
            &src[y * w..(y + 1) * w],
            &src[(y + 1) * w..(y + 2) * w],
        );
        for x in 0..w {
            let (p, q, r) = (a[x], b[x], c[x]);
            let (min_pq, max_pq) = (p.min(q), p.max(q));
            lo[x] = min_pq.min(r);
            hi[x] = max_pq.max(r);
            mid[x] = max_pq.min(min_pq.max(r));
        }
        let row = &mut dst[y * w..(y + 1) * w];
        for x in 1..w - 1 {
            let lows = lo[x - 1].max(lo[x]).max(lo[x + 1]);
            let highs = hi[x - 1].min(hi[x]).min(hi[x + 1]);
            let mids = median_of_3(mid[x - 1], mid[x], mid[x + 1]);
            row[x] = median_of_3(lows, mids, highs);
        }
    }
    out
}

fn median_of_3(a: u8, b: u8, c: u8) -> u8 {
    a.min(b).max(a.max(b).min(c))
}

/// Whitens dark pixels that have at most one dark neighbour (scanner dust, fax noise).
/// Returns the share of dark pixels removed: a measure of how speckled the page is.
pub fn despeckle(binary: &mut GrayImage) -> f32 {
    let (w, h) = (binary.width() as usize, binary.height() as usize);
    if w < 3 || h < 3 {
        return 0.0;
    }
    let (mut dark_total, mut removed) = (0u64, 0u64);
    let src = binary.as_raw().clone();
    let out = binary.as_mut();
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            if src[y * w + x] != 0 {
                continue;
            }
            dark_total += 1;
            let mut dark = 0;
            for dy in [y - 1, y, y + 1] {
                for dx in [x - 1, x, x + 1] {
                    if src[dy * w + dx] == 0 {
                        dark += 1;
                    }
                }
            }
            if dark <= 2 {
                out[y * w + x] = 255;
                removed += 1;
            }
        }
    }
    if dark_total == 0 {
        0.0
    } else {
        removed as f32 / dark_total as f32
    }
}

/// Collects the coordinates of dark pixels of a binary image, relative to its centre.
fn dark_points(binary: &GrayImage) -> Vec<(f32, f32)> {
    let (cx, cy) = (binary.width() as f32 / 2.0, binary.height() as f32 / 2.0);
    binary
        .enumerate_pixels()
        .filter(|(_, _, p)| p[0] < 128)
        .map(|(x, y, _)| (x as f32 - cx, y as f32 - cy))
        .collect()
}

/// Projection-profile score: the sum of squared row counts after rotating the points by
/// `degrees`. Text lines aligned with the rows give the sharpest profile.
fn profile_score(points: &[(f32, f32)], degrees: f32, height: usize) -> f64 {
    row_profile(points, degrees, height)
        .iter()
        .map(|&c| f64::from(c) * f64::from(c))
        .sum()
}

/// Measures the skew of the text lines on a page, in degrees (positive: the lines rise to
/// the left in image coordinates, i.e. the page was turned clockwise... see [`rotate`]:
/// `rotate(page, measure_skew(page))` levels it). `None` when the page has too little ink.
pub fn measure_skew(gray: &GrayImage, dpi: u32, max_degrees: f32) -> Option<f32> {
    // Work at about 75 DPI for the coarse search and 150 DPI for the fine one.
    let coarse_factor = (dpi / 75).max(1);
    let fine_factor = (dpi / 150).max(1);
    let coarse = binarize_fixed(&downscale(gray, coarse_factor));
    let points = dark_points(&coarse);
    if points.len() < 200 {
        return None;
    }
    let h = coarse.height() as usize;
    let mut best = (0.0f32, f64::MIN);
    let mut a = -max_degrees;
    while a <= max_degrees + 1e-3 {
        let s = profile_score(&points, a, h);
        if s > best.1 {
            best = (a, s);
        }
        a += 0.5;
    }
    let fine = binarize_fixed(&downscale(gray, fine_factor));
    let points = dark_points(&fine);
    let h = fine.height() as usize;
    let centre = best.0;
    let mut best = (centre, f64::MIN);
    let mut a = centre - 0.6;
    while a <= centre + 0.6 + 1e-3 {
        let s = profile_score(&points, a, h);
        if s > best.1 {
            best = (a, s);
        }
        a += 0.05;
    }
    // A flat profile (no text lines) gives no real answer.
    let flat = profile_score(&points, best.0 + 5.0, h);
    if best.1 < flat * 1.05 {
        return None;
    }
    Some((best.0 * 100.0).round() / 100.0)
}

/// Deskew, binarisation and despeckling as configured: the page Tesseract reads and the
/// skew corrected.
pub fn prepare(image: &GrayImage, dpi: u32, cfg: &CleanupConfig) -> (GrayImage, f32) {
    let (out, skew, _) = prepare_keeping_levelled(image, dpi, cfg);
    (out, skew)
}

/// [`prepare`], also giving back the levelled page before binarisation when it was turned
/// (`None` when the page was not deskewed: the page as given is the levelled page). The
/// unread-text check looks for ink there, since the binarisation can wipe faint print.
pub fn prepare_keeping_levelled(
    image: &GrayImage,
    dpi: u32,
    cfg: &CleanupConfig,
) -> (GrayImage, f32, Option<GrayImage>) {
    let started = Instant::now();
    let mut skew = 0.0;
    let mut levelled = None;
    if cfg.deskew {
        if let Some(measured) = measure_skew(image, dpi, cfg.max_skew_degrees) {
            if measured.abs() >= cfg.min_skew_degrees {
                levelled = Some(rotate(image, measured));
                skew = measured;
            }
        }
    }
    let deskew_ms = started.elapsed().as_millis() as u64;
    let page = levelled.as_ref().unwrap_or(image);
    let out = if cfg.binarize {
        let window = cfg.sauvola_window(dpi);
        let binarize = |page: &GrayImage| {
            let mut binary = sauvola(page, window, cfg.sauvola_k);
            let speckle = if cfg.despeckle {
                despeckle(&mut binary)
            } else {
                0.0
            };
            (binary, speckle)
        };
        let (binary, speckle) = binarize(page);
        tracing::debug!(speckle, "speckle share");
        if cfg.median && speckle > cfg.median_above_speckle {
            binarize(&median3(page)).0
        } else {
            binary
        }
    } else {
        page.clone()
    };
    tracing::debug!(
        deskew_ms,
        binarize_ms = started.elapsed().as_millis() as u64 - deskew_ms,
        "page clean-up"
    );
    (out, skew, levelled)
}

/// What a page's ink says about which way up its text stands, measured from projection
/// profiles at about 150 DPI in a few milliseconds (Tesseract's orientation detector takes
/// 60-270 ms a page). Used to skip the detector on pages that are plainly upright.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineEvidence {
    /// How much sharper the row profile is than the column profile (each as its
    /// concentration: 1 for ink spread evenly, higher when it gathers into lines). Above 1
    /// the text runs across the page (upright or upside down); below 1 it runs up or down
    /// the page (turned a quarter).
    pub rows_over_columns: f32,
    /// Within each text line of the row profile, the ink above the x-height band against
    /// the ink below it, as (above - below) / (above + below). Latin text has far more
    /// ascenders, capitals and digits than descenders, so an upright page is clearly
    /// positive and an upside-down page negative.
    pub ascender_balance: f32,
}

impl LineEvidence {
    /// Upright beyond doubt: lines run across the page and stand the right way up, with a
    /// margin on both measures.
    pub fn plainly_upright(&self, min_rows_over_columns: f32, min_ascender_balance: f32) -> bool {
        self.rows_over_columns >= min_rows_over_columns
            && self.ascender_balance >= min_ascender_balance
    }
}

/// The row profile of `points` after turning them by `degrees`: counts per row, offset by
/// `height` so that every turned point lands inside.
fn row_profile(points: &[(f32, f32)], degrees: f32, height: usize) -> Vec<u32> {
    let (sin, cos) = degrees.to_radians().sin_cos();
    let offset = height as f32;
    let mut rows = vec![0u32; height * 2 + 1];
    for &(x, y) in points {
        let r = (y * cos - x * sin + offset).round();
        if r >= 0.0 && (r as usize) < rows.len() {
            rows[r as usize] += 1;
        }
    }
    rows
}

/// How strongly a profile gathers its ink: the occupied extent times the sum of squared
/// counts over the squared total (1 when spread evenly over the extent).
fn concentration(profile: &[u32]) -> f64 {
    let first = profile.iter().position(|&c| c > 0);
    let last = profile.iter().rposition(|&c| c > 0);
    let (Some(first), Some(last)) = (first, last) else {
        return 0.0;
    };
    let total: f64 = profile.iter().map(|&c| f64::from(c)).sum();
    let squares: f64 = profile.iter().map(|&c| f64::from(c) * f64::from(c)).sum();
    (last - first + 1) as f64 * squares / (total * total)
}

/// The sharpest profile of `points` over small turns (skew within 3 degrees either way):
/// its concentration and the profile itself.
fn sharpest_profile(points: &[(f32, f32)], height: usize) -> (f64, Vec<u32>) {
    let mut best = (f64::MIN, Vec::new());
    for step in -6..=6 {
        let profile = row_profile(points, step as f32 * 0.5, height);
        let c = concentration(&profile);
        if c > best.0 {
            best = (c, profile);
        }
    }
    best
}

/// Ascender balance of a row profile: each run of inked rows is a text line; its x-height
/// band is the rows holding at least half the line's peak; ink above the band (ascenders,
/// capitals, digits) is weighed against ink below it (descenders).
fn ascender_balance(profile: &[u32]) -> f32 {
    let peak = profile.iter().copied().max().unwrap_or(0);
    // Rows with almost no ink separate lines (specks and stray marks stay below this).
    let gap = (peak / 50).max(1);
    let (mut above, mut below) = (0u64, 0u64);
    let mut y = 0;
    while y < profile.len() {
        if profile[y] <= gap {
            y += 1;
            continue;
        }
        let start = y;
        while y < profile.len() && profile[y] > gap {
            y += 1;
        }
        let line = &profile[start..y];
        if line.len() < 4 {
            continue;
        }
        let line_peak = line.iter().copied().max().unwrap_or(0);
        let core = |c: &u32| *c * 2 >= line_peak;
        let (Some(top), Some(bottom)) = (line.iter().position(core), line.iter().rposition(core))
        else {
            continue;
        };
        above += line[..top].iter().map(|&c| u64::from(c)).sum::<u64>();
        below += line[bottom + 1..]
            .iter()
            .map(|&c| u64::from(c))
            .sum::<u64>();
    }
    if above + below == 0 {
        0.0
    } else {
        (above as f32 - below as f32) / (above + below) as f32
    }
}

/// Measures [`LineEvidence`] on a page as prepared for reading ([`prepare`]: levelled and
/// binarised, so that shadows and grey paper are not ink). `None` when the page has too
/// little ink to say.
pub fn line_evidence(gray: &GrayImage, dpi: u32) -> Option<LineEvidence> {
    let small = binarize_fixed(&downscale(gray, (dpi / 150).max(1)));
    // Margins hold edge shadows, punch holes and borders, not text lines.
    let (half_w, half_h) = (small.width() as f32 * 0.45, small.height() as f32 * 0.45);
    let points: Vec<(f32, f32)> = dark_points(&small)
        .into_iter()
        .filter(|(x, y)| x.abs() < half_w && y.abs() < half_h)
        .collect();
    if points.len() < 500 {
        return None;
    }
    let (rows, profile) = sharpest_profile(&points, small.height() as usize);
    let turned: Vec<(f32, f32)> = points.iter().map(|&(x, y)| (y, x)).collect();
    let (columns, _) = sharpest_profile(&turned, small.width() as usize);
    Some(LineEvidence {
        rows_over_columns: (rows / columns.max(f64::MIN_POSITIVE)) as f32,
        ascender_balance: ascender_balance(&profile),
    })
}

/// Threshold at the mean brightness minus a margin: good enough for measuring skew.
fn binarize_fixed(gray: &GrayImage) -> GrayImage {
    let n = gray.as_raw().len().max(1) as u64;
    let mean = gray.as_raw().iter().map(|&v| u64::from(v)).sum::<u64>() / n;
    let t = (mean as f32 * 0.75) as u8;
    let mut out = gray.clone();
    for p in out.pixels_mut() {
        p[0] = if p[0] < t { 0 } else { 255 };
    }
    out
}

/// Rotates a page by `degrees` about its centre with bilinear interpolation, filling with
/// white. The output pixel at `q` samples the input at `R(degrees) (q - c) + c`, so
/// `rotate(img, measure_skew(img))` undoes a measured skew.
///
/// Source coordinates advance by a constant step along each output row, so they are carried
/// in 32.32 fixed point (no drift along a row) and the interpolation in 16-bit weights: the
/// same rotation as in floating point to well within a grey level, at half its cost (it runs
/// on every page).
pub fn rotate(gray: &GrayImage, degrees: f32) -> GrayImage {
    const FRAC: u32 = 32;
    const ONE: f64 = (1u64 << FRAC) as f64;
    let (w, h) = (gray.width() as usize, gray.height() as usize);
    if w < 2 || h < 2 {
        return gray.clone();
    }
    let (sin, cos) = f64::from(degrees).to_radians().sin_cos();
    let (cx, cy) = (w as f64 / 2.0, h as f64 / 2.0);
    let src = gray.as_raw();
    let mut out = vec![255u8; w * h];
    // Valid sample positions: 0 <= x < w - 1 and 0 <= y < h - 1, in fixed point.
    let (max_x, max_y) = (((w - 1) as i64) << FRAC, ((h - 1) as i64) << FRAC);
    let (step_x, step_y) = ((cos * ONE).round() as i64, (sin * ONE).round() as i64);
    for (qy, row) in out.chunks_exact_mut(w).enumerate() {
        let dy = qy as f64 - cy;
        let sx0 = ((-cx * cos - dy * sin + cx) * ONE).round() as i64;
        let sy0 = ((-cx * sin + dy * cos + cy) * ONE).round() as i64;
        let inside = |p: usize| {
            let (sx, sy) = (sx0 + p as i64 * step_x, sy0 + p as i64 * step_y);
            sx >= 0 && sy >= 0 && sx < max_x && sy < max_y
        };
        // The samples inside the source form one run of the row (both coordinates move
        // linearly along it): found from a floating-point estimate, settled exactly, and
        // the run interpolated without a bounds test a pixel. The rest stays white.
        let (from, to) = inside_run(sx0, step_x, max_x, sy0, step_y, max_y, w);
        let (mut from, mut to) = (from.min(w), to.min(w));
        while from < to && !inside(from) {
            from += 1;
        }
        while to > from && !inside(to - 1) {
            to -= 1;
        }
        while from > 0 && inside(from - 1) {
            from -= 1;
        }
        while to < w && inside(to) {
            to += 1;
        }
        let (mut sx, mut sy) = (sx0 + from as i64 * step_x, sy0 + from as i64 * step_y);
        for p in &mut row[from..to] {
            let (x0, y0) = ((sx >> FRAC) as usize, (sy >> FRAC) as usize);
            // 16-bit weights of the right and lower neighbours.
            let fx = ((sx >> (FRAC - 16)) & 0xFFFF) as u64;
            let fy = ((sy >> (FRAC - 16)) & 0xFFFF) as u64;
            let i = y0 * w + x0;
            let (a, b) = (u64::from(src[i]), u64::from(src[i + 1]));
            let (c, d) = (u64::from(src[i + w]), u64::from(src[i + w + 1]));
            let top = a * (65536 - fx) + b * fx;
            let bottom = c * (65536 - fx) + d * fx;
            *p = ((top * (65536 - fy) + bottom * fy + (1 << 31)) >> 32) as u8;
            sx += step_x;
            sy += step_y;
        }
    }
    GrayImage::from_raw(gray.width(), gray.height(), out).unwrap_or_else(|| gray.clone())
}

/// Estimates the run of positions `p` in `0..len` where both `x0 + p * step_x` lies in
/// `0..max_x` and `y0 + p * step_y` in `0..max_y`; the caller settles its ends exactly.
fn inside_run(
    x0: i64,
    step_x: i64,
    max_x: i64,
    y0: i64,
    step_y: i64,
    max_y: i64,
    len: usize,
) -> (usize, usize) {
    let mut run = (0.0f64, len as f64);
    for (start, step, max) in [(x0, step_x, max_x), (y0, step_y, max_y)] {
        let (start, step, max) = (start as f64, step as f64, max as f64);
        if step == 0.0 {
            if start < 0.0 || start >= max {
                return (0, 0);
            }
            continue;
        }
        let (a, b) = (-start / step, (max - start) / step);
        run.0 = run.0.max(a.min(b));
        run.1 = run.1.min(a.max(b));
    }
    if run.1 <= run.0 {
        let at = run.0.ceil().clamp(0.0, len as f64) as usize;
        return (at, at);
    }
    (
        run.0.ceil().max(0.0) as usize,
        run.1.ceil().max(0.0) as usize,
    )
}

/// Turns a page by a multiple of 90 degrees clockwise.
pub fn rotate_quarter_turns(gray: &GrayImage, clockwise_degrees: u32) -> GrayImage {
    match clockwise_degrees % 360 {
        90 => image::imageops::rotate90(gray),
        180 => image::imageops::rotate180(gray),
        270 => image::imageops::rotate270(gray),
        _ => gray.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    /// A page of ruled "text lines": dashes of ink, like words, on white.
    fn lined_page() -> GrayImage {
        let mut img = GrayImage::from_pixel(1200, 1600, Luma([255]));
        for line in 0..40 {
            let y0 = 100 + line * 34;
            for word in 0..12 {
                let x0 = 80 + word * 85;
                for y in y0..y0 + 14 {
                    for x in x0..x0 + 60 {
                        img.put_pixel(x, y, Luma([20]));
                    }
                }
            }
        }
        img
    }

    #[test]
    fn measures_a_known_skew_within_a_tenth_of_a_degree() {
        let page = lined_page();
        for skew in [-4.2f32, -1.0, 0.0, 2.5, 7.0] {
            // Turning by -skew gives a page whose measured skew is `skew`.
            let skewed = rotate(&page, -skew);
            let measured = measure_skew(&skewed, 150, 10.0).unwrap_or(f32::NAN);
            assert!(
                (measured - skew).abs() <= 0.1,
                "skew {skew}: measured {measured}"
            );
            let levelled = rotate(&skewed, measured);
            let again = measure_skew(&levelled, 150, 10.0).unwrap_or(f32::NAN);
            assert!(again.abs() <= 0.1, "after correction: {again}");
        }
    }

    /// The rotation's definition, in floating point: the output pixel at `q` samples the
    /// input at `R(degrees) (q - c) + c` bilinearly, white outside.
    fn rotated_pixel(src: &GrayImage, degrees: f32, qx: u32, qy: u32) -> f64 {
        let (sin, cos) = f64::from(degrees).to_radians().sin_cos();
        let (cx, cy) = (src.width() as f64 / 2.0, src.height() as f64 / 2.0);
        let (dx, dy) = (qx as f64 - cx, qy as f64 - cy);
        let (sx, sy) = (dx * cos - dy * sin + cx, dx * sin + dy * cos + cy);
        if sx < 0.0 || sy < 0.0 || sx >= (src.width() - 1) as f64 || sy >= (src.height() - 1) as f64
        {
            return 255.0;
        }
        let (x0, y0) = (sx.floor() as u32, sy.floor() as u32);
        let (tx, ty) = (sx - x0 as f64, sy - y0 as f64);
        let px = |x: u32, y: u32| f64::from(src.get_pixel(x, y)[0]);
        let top = px(x0, y0) * (1.0 - tx) + px(x0 + 1, y0) * tx;
        let bottom = px(x0, y0 + 1) * (1.0 - tx) + px(x0 + 1, y0 + 1) * tx;
        top * (1.0 - ty) + bottom * ty
    }

    #[test]
    fn rotation_follows_its_definition_to_the_grey_level() {
        // A page with every grey level and sharp edges, turned by skews and a large angle.
        let mut page = noisy_page(301, 211);
        for (x, y, p) in page.enumerate_pixels_mut() {
            if (x / 7 + y / 5) % 3 == 0 {
                p[0] = ((x * 7 + y * 13) % 256) as u8;
            }
        }
        for degrees in [-3.7f32, -0.35, 0.0, 0.8, 2.45, 30.0] {
            let turned = rotate(&page, degrees);
            let mut worst = 0.0f64;
            let mut outside_near_edge = 0;
            for (x, y, p) in turned.enumerate_pixels() {
                let want = rotated_pixel(&page, degrees, x, y);
                let diff = (f64::from(p[0]) - want).abs();
                // Pixels whose sample lies within a hair of the page's edge may fall either
                // side of it in fixed point: they are counted, not compared.
                if diff > 1.0 {
                    outside_near_edge += 1;
                } else {
                    worst = worst.max(diff);
                }
            }
            assert!(worst <= 1.0, "{degrees} degrees: off by {worst}");
            assert!(
                outside_near_edge <= (turned.width() + turned.height()) as usize / 50,
                "{degrees} degrees: {outside_near_edge} pixels differ by more than a level"
            );
        }
    }

    #[test]
    fn downscale_averages_whole_blocks() {
        // 5 x 3 by 2: two 2 x 2 blocks; the odd column and row are dropped.
        let img = GrayImage::from_raw(
            5,
            3,
            vec![
                0, 100, 10, 20, 255, //
                200, 100, 30, 40, 255, //
                255, 255, 255, 255, 255,
            ],
        )
        .expect("image");
        let small = downscale(&img, 2);
        assert_eq!((small.width(), small.height()), (2, 1));
        assert_eq!(small.as_raw(), &vec![100, 25]);
        // Smaller than one block: one pixel averaging what there is.
        let tiny = downscale(&GrayImage::from_raw(1, 1, vec![7]).expect("image"), 4);
        assert_eq!(tiny.as_raw(), &vec![7]);
    }

    #[test]
    fn blank_page_has_no_skew_and_no_ink() {
        let blank = GrayImage::from_pixel(800, 1000, Luma([250]));
        assert_eq!(measure_skew(&blank, 300, 10.0), None);
        assert_eq!(ink_ratio(&blank), 0.0);
        assert!(ink_ratio(&lined_page()) > 0.05);
    }

    #[test]
    fn pale_print_on_coloured_paper_is_ink_and_noisy_paper_is_not() {
        // Grey print 40 levels darker than green-grey paper, with sensor noise of +-6 levels:
        // nothing below half brightness, yet a tenth of the page is ink.
        let noisy = |x: u32, y: u32| ((x * 7 + y * 13) % 13) as f32 - 6.0;
        let mut pale = GrayImage::new(600, 400);
        for (x, y, p) in pale.enumerate_pixels_mut() {
            let stroke = y % 40 < 8 && x % 30 < 20;
            p[0] = (212.0 - if stroke { 40.0 } else { 0.0 } + noisy(x, y)) as u8;
        }
        assert_eq!(ink_ratio(&pale), 0.0);
        let ink = faint_ink_ratio(&pale);
        assert!((0.08..0.2).contains(&ink), "{ink}");
        // The same paper with no print, and a white page, have none.
        let mut paper = GrayImage::new(600, 400);
        for (x, y, p) in paper.enumerate_pixels_mut() {
            p[0] = (212.0 + noisy(x, y)) as u8;
        }
        assert_eq!(faint_ink_ratio(&paper), 0.0);
        assert_eq!(
            faint_ink_ratio(&GrayImage::from_pixel(60, 40, Luma([255]))),
            0.0
        );
        assert!(faint_ink_ratio(&lined_page()) > 0.05);
    }

    #[test]
    fn sauvola_follows_uneven_illumination() {
        // A dark gradient background (photocopier grey) with text-like strokes on it.
        let mut img = GrayImage::new(600, 400);
        for (x, y, p) in img.enumerate_pixels_mut() {
            let background = 240.0 - 150.0 * (x as f32 / 600.0);
            let stroke = y % 40 < 6 && x % 30 < 20;
            p[0] = if stroke {
                (background - 70.0) as u8
            } else {
                background as u8
            };
        }
        let bin = sauvola(&img, 45, 0.2);
        let (mut wrong_bg, mut wrong_ink) = (0, 0);
        for (x, y, p) in bin.enumerate_pixels() {
            // Skip the stroke edges, which are blended by downscaling.
            if y % 40 == 6 || y % 40 == 39 || x % 30 == 20 || x % 30 == 29 {
                continue;
            }
            let stroke = y % 40 < 6 && x % 30 < 20;
            match (stroke, p[0]) {
                (true, 255) => wrong_ink += 1,
                (false, 0) => wrong_bg += 1,
                _ => {}
            }
        }
        // A global threshold would blacken the whole dark half of the page.
        assert!(
            wrong_bg < 600 * 400 / 100,
            "background pixels made ink: {wrong_bg}"
        );
        assert!(wrong_ink < 600 * 400 / 200, "ink pixels lost: {wrong_ink}");
    }

    #[test]
    fn despeckle_removes_dust_but_keeps_strokes() {
        let mut img = GrayImage::from_pixel(50, 50, Luma([255]));
        img.put_pixel(10, 10, Luma([0]));
        for x in 20..30 {
            img.put_pixel(x, 30, Luma([0]));
            img.put_pixel(x, 31, Luma([0]));
        }
        let speckle = despeckle(&mut img);
        assert!((speckle - 1.0 / 21.0).abs() < 1e-6, "{speckle}");
        assert_eq!(img.get_pixel(10, 10)[0], 255);
        assert_eq!(img.get_pixel(25, 30)[0], 0);
    }

    /// A pseudo-random page of grey levels with runs of ink and paper.
    fn noisy_page(w: u32, h: u32) -> GrayImage {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        GrayImage::from_fn(w, h, |_, _| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            Luma([match state % 4 {
                0 => 0,
                1 => 255,
                _ => (state >> 8) as u8,
            }])
        })
    }

    #[test]
    fn median_is_the_middle_of_the_nine() {
        let img = noisy_page(61, 47);
        let fast = median3(&img);
        for y in 0..img.height() {
            for x in 0..img.width() {
                let want = if x == 0 || y == 0 || x + 1 == img.width() || y + 1 == img.height() {
                    img.get_pixel(x, y)[0]
                } else {
                    let mut nine = Vec::with_capacity(9);
                    for yy in y - 1..=y + 1 {
                        for xx in x - 1..=x + 1 {
                            nine.push(img.get_pixel(xx, yy)[0]);
                        }
                    }
                    nine.sort_unstable();
                    nine[4]
                };
                assert_eq!(fast.get_pixel(x, y)[0], want, "at ({x}, {y})");
            }
        }
    }

    #[test]
    fn quarter_turns_compose() {
        let page = lined_page();
        let back = rotate_quarter_turns(&rotate_quarter_turns(&page, 90), 270);
        assert_eq!(back.as_raw(), page.as_raw());
        assert_eq!(rotate_quarter_turns(&page, 90).width(), page.height());
    }

    /// Page 1 of a sample scan, decoded as the scanner gives it.
    fn sample_page(name: &str) -> (GrayImage, u32) {
        let path = format!("{}/../samples/scans/{name}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let config = crate::LoadConfig::default();
        let doc = crate::Document::open(&bytes, &config).expect("sample opens");
        match doc.page(1, &config).expect("page 1") {
            crate::SourcePage::Image { image, dpi, .. } => (image, dpi),
            _ => panic!("{name} is a scan"),
        }
    }

    #[test]
    fn text_lines_show_which_way_up_a_page_stands() {
        let cfg = CleanupConfig::default();
        let (rows, balance) = (
            cfg.upright_min_rows_over_columns,
            cfg.upright_min_ascender_balance,
        );
        for name in [
            "01_referral_rectal_bleeding_2ww.png",
            "09_referral_change_in_bowel_habit_2ww.jpg",
            "04_results_fbc_ue_lft.png",
        ] {
            let (page, dpi) = sample_page(name);
            let (page, _) = prepare(&page, dpi, &cfg);
            let upright = line_evidence(&page, dpi).expect("a page of text");
            assert!(
                upright.plainly_upright(rows, balance),
                "{name}: {upright:?}"
            );
            for turn in [90, 180, 270] {
                let turned =
                    line_evidence(&rotate_quarter_turns(&page, turn), dpi).expect("a page of text");
                assert!(
                    !turned.plainly_upright(rows, balance),
                    "{name} turned {turn}: {turned:?}"
                );
                if turn == 180 {
                    assert!(turned.ascender_balance < 0.0, "{name}: {turned:?}");
                } else {
                    assert!(turned.rows_over_columns < 1.0, "{name}: {turned:?}");
                }
            }
        }
        // A blank page says nothing.
        assert_eq!(
            line_evidence(&GrayImage::from_pixel(800, 1100, Luma([255])), 100),
            None
        );
    }
}
