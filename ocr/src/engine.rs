//! Tesseract through its C API (the `tesseract-sys` bindings that the `tesseract` crate
//! re-exports): one engine per worker thread, words with boxes, confidences and Tesseract's
//! own dictionary verdict from its result iterator, and orientation detection with the OSD
//! model.

use std::collections::BTreeMap;
use std::ffi::{CStr, CString};
use std::os::raw::{c_char, c_int};
use std::ptr;

use image::GrayImage;
use serde::{Deserialize, Serialize};
use tesseract::plumbing::tesseract_sys as sys;
use types::{BBox, Word};

use crate::error::{Error, Result};

/// Settings for the Tesseract engine (`[ocr.engine]` in `paperlite.toml`).
///
/// The defaults are those of the `tesseract` command line, the tool records staff and
/// other OCR pipelines already trust: automatic page segmentation (`--psm 3`) and no extra
/// variables. Tesseract's C API on its own would read every page as one uniform block of
/// text (mode 6), which turns margin specks and letterheads into lines of junk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EngineConfig {
    /// Tesseract language(s), e.g. `eng` or `eng+fra`.
    pub language: String,
    /// Folder with `*.traineddata`; `None` uses Tesseract's built-in path.
    pub tessdata: Option<String>,
    /// Page segmentation mode, numbered as the command line's `--psm`: 3 is automatic
    /// layout analysis (the CLI's default), 4 a single column of varied sizes, 6 one
    /// uniform block, 11 sparse text. 0 (orientation only) and 2 (no OCR) are refused.
    pub page_segmentation: u32,
    /// Further Tesseract variables, as the command line's `-c name=value`
    /// (e.g. `preserve_interword_spaces = "1"`). An unknown name is an error at start-up.
    pub variables: BTreeMap<String, String>,
    /// Read a block of form labels ("Name:", "NHS No:", "DOB:") and the block of values beside
    /// it on the same rows as rows ("NHS No: 999 565 2595"), where the layout analysis read
    /// them as two columns ([`crate::rows`]). Off gives Tesseract's own reading order.
    pub label_rows: bool,
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig {
            language: "eng".to_string(),
            tessdata: None,
            page_segmentation: 3,
            variables: BTreeMap::new(),
            label_rows: true,
        }
    }
}

impl EngineConfig {
    /// Checks the settings that Tesseract itself would only reject page by page.
    pub fn validate(&self) -> Result<()> {
        match self.page_segmentation {
            0 | 2 => Err(Error::EngineInit(format!(
                "page_segmentation {} does no recognition; use 1 or 3-13 (3 is the tesseract command's default)",
                self.page_segmentation
            ))),
            1 | 3..=13 => Ok(()),
            other => Err(Error::EngineInit(format!(
                "page_segmentation {other} is not a Tesseract mode; use 1 or 3-13 (3 is the tesseract command's default)"
            ))),
        }
    }
}

/// What Tesseract read on one page image.
#[derive(Debug, Clone, Default)]
pub struct Recognized {
    pub text: String,
    pub words: Vec<Word>,
}

impl Recognized {
    /// Mean word confidence weighted by the number of characters in each word.
    pub fn mean_confidence(&self) -> f32 {
        let (mut total, mut weight) = (0f64, 0f64);
        for w in &self.words {
            let n = w.text.chars().count() as f64;
            total += f64::from(w.confidence) * n;
            weight += n;
        }
        if weight == 0.0 {
            0.0
        } else {
            (total / weight) as f32
        }
    }
}

/// A detected page orientation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Orientation {
    /// Clockwise turn that makes the text upright: 0, 90, 180 or 270.
    pub correction_degrees: u32,
    pub confidence: f32,
}

/// One Tesseract handle (`TessBaseAPI`), owned and freed here. Every unsafe call of the
/// engine goes through these methods.
struct Api(*mut sys::TessBaseAPI);

// SAFETY: the handle is owned by exactly one `Engine`, which is used by one thread at a time.
unsafe impl Send for Api {}

impl Api {
    /// A handle loaded with `language` (e.g. `eng`, or `osd` for orientation detection).
    fn new(tessdata: Option<&str>, language: &str) -> Result<Api> {
        let datapath = tessdata
            .map(CString::new)
            .transpose()
            .map_err(|e| Error::EngineInit(e.to_string()))?;
        let c_language = CString::new(language).map_err(|e| Error::EngineInit(e.to_string()))?;
        // SAFETY: plain C API calls on a handle we create and own; strings outlive the call.
        let handle = unsafe { sys::TessBaseAPICreate() };
        if handle.is_null() {
            return Err(Error::EngineInit("TessBaseAPICreate returned null".into()));
        }
        let api = Api(handle);
        // SAFETY: as above.
        let ret = unsafe {
            sys::TessBaseAPIInit3(
                api.0,
                datapath.as_deref().map_or(ptr::null(), CStr::as_ptr),
                c_language.as_ptr(),
            )
        };
        if ret != 0 {
            return Err(Error::EngineInit(format!(
                "could not load the '{language}' language data (is tesseract-ocr-{language} installed?)"
            )));
        }
        // Tesseract's diagnostics ("Image too small to scale!!") are not actionable for
        // records staff; low confidence is what flags a poor page.
        api.set_variable(c"debug_file", c"/dev/null");
        Ok(api)
    }

    /// Sets a Tesseract variable; false when Tesseract has no such variable or refuses the
    /// value.
    fn set_variable(&self, name: &CStr, value: &CStr) -> bool {
        // SAFETY: valid handle; both strings outlive the call.
        unsafe { sys::TessBaseAPISetVariable(self.0, name.as_ptr(), value.as_ptr()) != 0 }
    }

    fn set_page_seg_mode(&self, mode: u32) {
        // SAFETY: valid handle; the mode was checked by `EngineConfig::validate`.
        unsafe { sys::TessBaseAPISetPageSegMode(self.0, mode as sys::TessPageSegMode) }
    }

    /// Hands Tesseract an image: `bytes_per_pixel` 1 for grey, 0 for one bit a pixel (rows of
    /// `bytes_per_line` bytes). Tesseract copies the pixels.
    fn set_image(
        &self,
        data: &[u8],
        (width, height): (u32, u32),
        bytes_per_pixel: c_int,
        bytes_per_line: c_int,
        dpi: u32,
    ) -> std::result::Result<(), String> {
        if data.len() < bytes_per_line.max(0) as usize * height as usize {
            return Err(format!(
                "image buffer of {} bytes is too small for {width}x{height}",
                data.len()
            ));
        }
        // SAFETY: the buffer holds `height` rows of `bytes_per_line` bytes (checked above)
        // and outlives the call, in which Tesseract copies it.
        unsafe {
            sys::TessBaseAPISetImage(
                self.0,
                data.as_ptr(),
                width as c_int,
                height as c_int,
                bytes_per_pixel,
                bytes_per_line,
            );
            sys::TessBaseAPISetSourceResolution(self.0, dpi as c_int);
        }
        Ok(())
    }

    /// Recognises the image set last and returns its text and words.
    fn read(&self, rows: bool) -> std::result::Result<Recognized, String> {
        // SAFETY: valid handle with an image set; a null monitor is allowed.
        if unsafe { sys::TessBaseAPIRecognize(self.0, ptr::null_mut()) } != 0 {
            return Err("Tesseract could not recognise the page".into());
        }
        // SAFETY: the returned string is Tesseract's to free with TessDeleteText.
        let text = unsafe { take_text(sys::TessBaseAPIGetUTF8Text(self.0)) }
            .ok_or("Tesseract returned no text")?;
        // A form's labels read as one block and their values as another: read in rows. Only
        // a page with two lines ending in a colon can have such a block.
        let labels = text
            .lines()
            .filter(|l| l.trim_end().ends_with(':'))
            .take(2)
            .count();
        let text = if rows && labels == 2 {
            crate::rows::label_columns_in_rows(&self.lines()).unwrap_or(text)
        } else {
            text
        };
        Ok(Recognized {
            text: tidy_text(&text),
            words: self.words(),
        })
    }

    /// The text lines of the last recognition with their layout blocks and boxes, in
    /// Tesseract's reading order.
    fn lines(&self) -> Vec<crate::rows::Line> {
        let level = sys::TessPageIteratorLevel_RIL_TEXTLINE;
        let mut lines = Vec::new();
        let mut block = 0u32;
        // SAFETY: as in `words`: an iterator of this handle after a recognition, deleted
        // once; strings freed by `take_text`; out-pointers are valid locals.
        unsafe {
            let it = sys::TessBaseAPIGetIterator(self.0);
            if it.is_null() {
                return lines;
            }
            loop {
                let page = sys::TessResultIteratorGetPageIteratorConst(it);
                if sys::TessPageIteratorIsAtBeginningOf(page, sys::TessPageIteratorLevel_RIL_BLOCK)
                    != 0
                {
                    block += 1;
                }
                let text = take_text(sys::TessResultIteratorGetUTF8Text(it, level));
                let (mut left, mut top, mut right, mut bottom) = (0, 0, 0, 0);
                let boxed = sys::TessPageIteratorBoundingBox(
                    page,
                    level,
                    &mut left,
                    &mut top,
                    &mut right,
                    &mut bottom,
                ) != 0;
                let text = text.as_deref().map(str::trim).unwrap_or_default();
                if boxed && !text.is_empty() {
                    let span = |a: c_int, b: c_int| b.saturating_sub(a).max(0) as u32;
                    lines.push(crate::rows::Line {
                        block,
                        bbox: BBox {
                            x: left.max(0) as u32,
                            y: top.max(0) as u32,
                            w: span(left, right),
                            h: span(top, bottom),
                        },
                        text: text.to_string(),
                    });
                }
                if sys::TessResultIteratorNext(it, level) == 0 {
                    break;
                }
            }
            sys::TessResultIteratorDelete(it);
        }
        lines
    }

    /// The words of the last recognition, in Tesseract's reading order: box, confidence and
    /// whether Tesseract found the word in its dictionary. Empty words (a space read as a
    /// word) and words without a confidence are left out, as the command line's TSV does.
    fn words(&self) -> Vec<Word> {
        let level = sys::TessPageIteratorLevel_RIL_WORD;
        let mut words = Vec::new();
        // SAFETY: the iterator comes from this handle after a recognition, is used only
        // here and deleted once; strings are freed with TessDeleteText; out-pointers are
        // valid locals.
        unsafe {
            let it = sys::TessBaseAPIGetIterator(self.0);
            if it.is_null() {
                return words;
            }
            loop {
                let text = take_text(sys::TessResultIteratorGetUTF8Text(it, level));
                let confidence = sys::TessResultIteratorConfidence(it, level);
                let (mut left, mut top, mut right, mut bottom) = (0, 0, 0, 0);
                let boxed = sys::TessPageIteratorBoundingBox(
                    sys::TessResultIteratorGetPageIteratorConst(it),
                    level,
                    &mut left,
                    &mut top,
                    &mut right,
                    &mut bottom,
                ) != 0;
                let text = text.as_deref().map(str::trim).unwrap_or_default();
                if boxed && confidence >= 0.0 && !text.is_empty() {
                    let span = |a: c_int, b: c_int| b.saturating_sub(a).max(0) as u32;
                    words.push(Word {
                        text: text.to_string(),
                        confidence: confidence.clamp(0.0, 100.0),
                        bbox: BBox {
                            x: left.max(0) as u32,
                            y: top.max(0) as u32,
                            w: span(left, right),
                            h: span(top, bottom),
                        },
                        in_dictionary: Some(sys::TessResultIteratorWordIsFromDictionary(it) != 0),
                    });
                }
                if sys::TessResultIteratorNext(it, level) == 0 {
                    break;
                }
            }
            sys::TessResultIteratorDelete(it);
        }
        words
    }

    /// Forgets the image and the last recognition.
    fn clear(&self) {
        // SAFETY: valid handle.
        unsafe { sys::TessBaseAPIClear(self.0) }
    }
}

impl Drop for Api {
    fn drop(&mut self) {
        // SAFETY: the handle came from TessBaseAPICreate and is dropped once.
        unsafe {
            sys::TessBaseAPIEnd(self.0);
            sys::TessBaseAPIDelete(self.0);
        }
    }
}

/// Copies a string Tesseract returned and frees it; `None` for a null pointer.
///
/// # Safety
/// `text` is null or a NUL-terminated string from Tesseract, not used after this call.
unsafe fn take_text(text: *mut c_char) -> Option<String> {
    if text.is_null() {
        return None;
    }
    // SAFETY: non-null and NUL-terminated, per the caller.
    let owned = unsafe { CStr::from_ptr(text) }
        .to_string_lossy()
        .into_owned();
    // SAFETY: allocated by Tesseract and freed once.
    unsafe { sys::TessDeleteText(text) };
    Some(owned)
}

/// One Tesseract instance (not shareable between threads; create one per worker).
pub struct Engine {
    api: Api,
    /// A second handle with the orientation-and-script model, loaded on first use.
    osd: Option<Api>,
    config: EngineConfig,
}

impl Engine {
    pub fn new(config: &EngineConfig) -> Result<Engine> {
        config.validate()?;
        let api = Api::new(config.tessdata.as_deref(), &config.language)?;
        api.set_page_seg_mode(config.page_segmentation);
        for (name, value) in &config.variables {
            let bad = |why: &str| Error::EngineInit(format!("Tesseract variable {name}: {why}"));
            let c_name = CString::new(name.as_str()).map_err(|_| bad("contains a NUL byte"))?;
            let c_value = CString::new(value.as_str()).map_err(|_| bad("contains a NUL byte"))?;
            if !api.set_variable(&c_name, &c_value) {
                return Err(bad("Tesseract has no such variable, or refused the value"));
            }
        }
        Ok(Engine {
            api,
            osd: None,
            config: config.clone(),
        })
    }

    /// Recognises a grayscale page (Tesseract thresholds it itself, as the CLI does).
    pub fn recognize(&mut self, image: &GrayImage, dpi: u32, page: u32) -> Result<Recognized> {
        let w = image.width() as c_int;
        self.read(image.as_raw(), image.dimensions(), 1, w, dpi, page)
    }

    /// Recognises a page that is already black and white (pixels below 128 are ink), handed
    /// to Tesseract as one bit a pixel so that it does not threshold it again.
    pub fn recognize_bilevel(
        &mut self,
        image: &GrayImage,
        dpi: u32,
        page: u32,
    ) -> Result<Recognized> {
        let packed = pack_bits(image);
        let bytes_per_line = image.width().div_ceil(8) as c_int;
        self.read(&packed, image.dimensions(), 0, bytes_per_line, dpi, page)
    }

    fn read(
        &mut self,
        data: &[u8],
        size: (u32, u32),
        bytes_per_pixel: c_int,
        bytes_per_line: c_int,
        dpi: u32,
        page: u32,
    ) -> Result<Recognized> {
        let fail = |reason: String| Error::Recognition { page, reason };
        self.api
            .set_image(data, size, bytes_per_pixel, bytes_per_line, dpi)
            .map_err(fail)?;
        let read = self.api.read(self.config.label_rows).map_err(fail);
        self.api.clear();
        read
    }

    /// Detects whether the page is turned by a quarter or half turn. `None` when the page
    /// has too little text to tell.
    pub fn detect_orientation(
        &mut self,
        image: &GrayImage,
        dpi: u32,
    ) -> Result<Option<Orientation>> {
        if self.osd.is_none() {
            let osd = Api::new(self.config.tessdata.as_deref(), "osd")?;
            osd.set_page_seg_mode(sys::TessPageSegMode_PSM_OSD_ONLY);
            self.osd = Some(osd);
        }
        Ok(self
            .osd
            .as_ref()
            .and_then(|osd| detect_orientation(osd, image, dpi)))
    }
}

/// Runs orientation-and-script detection on an `osd` handle.
fn detect_orientation(osd: &Api, image: &GrayImage, dpi: u32) -> Option<Orientation> {
    // The OSD path ignores SetSourceResolution; user_defined_dpi is honoured.
    if let Ok(value) = CString::new(dpi.to_string()) {
        osd.set_variable(c"user_defined_dpi", &value);
    }
    let w = image.width() as c_int;
    osd.set_image(image.as_raw(), image.dimensions(), 1, w, dpi)
        .ok()?;
    let mut degrees: c_int = 0;
    let mut confidence: f32 = 0.0;
    let mut script: *const c_char = ptr::null();
    let mut script_confidence: f32 = 0.0;
    // SAFETY: valid handle with an image set; out-pointers are valid locals; the script name
    // points into Tesseract's static table.
    let ok = unsafe {
        sys::TessBaseAPIDetectOrientationScript(
            osd.0,
            &mut degrees,
            &mut confidence,
            &mut script,
            &mut script_confidence,
        )
    };
    osd.clear();
    (ok != 0).then(|| Orientation {
        // Tesseract reports the page's clockwise rotation; turning it the rest of the way
        // round makes it upright.
        correction_degrees: (360 - (degrees.rem_euclid(360) as u32)) % 360,
        confidence,
    })
}

/// Packs a black-and-white page into rows of bits, leftmost pixel in the high bit, as
/// Tesseract reads a one-bit image: a set bit is paper (white), a clear bit is ink.
fn pack_bits(image: &GrayImage) -> Vec<u8> {
    let width = image.width() as usize;
    let per_line = width.div_ceil(8);
    let mut out = vec![0u8; per_line * image.height() as usize];
    for (row, line) in image
        .as_raw()
        .chunks_exact(width.max(1))
        .zip(out.chunks_exact_mut(per_line.max(1)))
    {
        for (x, &v) in row.iter().enumerate() {
            if v >= 128 {
                line[x / 8] |= 0x80 >> (x % 8);
            }
        }
    }
    out
}

/// Removes Tesseract's trailing form feed and surplus blank lines.
fn tidy_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_scan() -> GrayImage {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../samples/scans/01_referral_rectal_bleeding_2ww.png"
        );
        image::open(path).expect("sample scan").to_luma8()
    }

    #[test]
    fn words_carry_their_box_confidence_and_the_dictionary_verdict() {
        let page = sample_scan();
        let mut engine = Engine::new(&EngineConfig::default()).expect("engine");
        let read = engine.recognize(&page, 300, 1).expect("reading");
        // The words are the text's tokens, in the text's order (drop_marks relies on it).
        let tokens: Vec<&str> = read.text.split_whitespace().collect();
        let words: Vec<&str> = read.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(tokens, words);
        for w in &read.words {
            let b = w.bbox;
            assert!(b.w > 0 && b.h > 0, "{w:?}");
            assert!(
                b.x + b.w <= page.width() && b.y + b.h <= page.height(),
                "{w:?}"
            );
            assert!((0.0..=100.0).contains(&w.confidence), "{w:?}");
            assert!(w.in_dictionary.is_some(), "{w:?}");
        }
        let verdict = |text: &str| {
            read.words
                .iter()
                .find(|w| w.text.trim_matches(|c: char| !c.is_alphanumeric()) == text)
                .and_then(|w| w.in_dictionary)
        };
        assert_eq!(verdict("bleeding"), Some(true), "{}", read.text);
        // An NHS number is no dictionary word.
        let number = read
            .words
            .iter()
            .find(|w| w.text.len() >= 3 && w.text.chars().all(|c| c.is_ascii_digit()))
            .expect("a number on the letter");
        assert_eq!(number.in_dictionary, Some(false));
        // Mean confidence is weighted by characters: (96.5 * 6 + 41 * 8) / 14.
        let word = |text: &str, confidence| Word {
            text: text.into(),
            confidence,
            bbox: BBox::default(),
            in_dictionary: None,
        };
        let r = Recognized {
            text: String::new(),
            words: vec![word("Rectal", 96.5), word("bleeding", 41.0)],
        };
        assert!((r.mean_confidence() - 64.79).abs() < 0.01);
        assert_eq!(Recognized::default().mean_confidence(), 0.0);
    }

    #[test]
    fn engine_settings_default_to_the_command_line_and_are_checked() {
        let default = EngineConfig::default();
        assert_eq!(default.page_segmentation, 3, "the tesseract CLI's --psm");
        assert!(default.variables.is_empty());
        assert!(Engine::new(&default).is_ok());
        for bad in [0, 2, 14, 99] {
            let cfg = EngineConfig {
                page_segmentation: bad,
                ..EngineConfig::default()
            };
            let err = Engine::new(&cfg).err().expect("refused").to_string();
            assert!(err.contains(&format!("page_segmentation {bad}")), "{err}");
        }
        let mut unknown = EngineConfig::default();
        unknown
            .variables
            .insert("no_such_tesseract_variable".into(), "1".into());
        let err = Engine::new(&unknown).err().expect("refused").to_string();
        assert!(err.contains("no_such_tesseract_variable"), "{err}");
        let mut known = EngineConfig::default();
        known
            .variables
            .insert("preserve_interword_spaces".into(), "1".into());
        assert!(Engine::new(&known).is_ok());
    }

    #[test]
    fn a_bilevel_page_reads_the_same_as_its_grey_original() {
        // The one-bit hand-over must keep ink as ink: a page read from its bits reads as the
        // same page read as grey (an inverted page would read as nothing, or as noise).
        let grey = sample_scan();
        let bilevel = crate::cleanup::sauvola(&grey, 45, 0.2);
        let mut engine = Engine::new(&EngineConfig::default()).expect("engine");
        let as_grey = engine.recognize(&bilevel, 300, 1).expect("grey reading");
        let as_bits = engine
            .recognize_bilevel(&bilevel, 300, 1)
            .expect("bit reading");
        assert!(as_grey.text.contains("bleeding"), "{}", as_grey.text);
        assert_eq!(as_bits.text, as_grey.text);
        assert!(
            as_bits.mean_confidence() > 80.0,
            "{}",
            as_bits.mean_confidence()
        );
        // Odd widths pad each row to whole bytes.
        let packed = pack_bits(&GrayImage::from_raw(9, 2, vec![255; 18]).expect("image"));
        assert_eq!(packed, vec![0xff, 0x80, 0xff, 0x80]);
    }

    #[test]
    fn text_is_tidied() {
        assert_eq!(tidy_text("a  \n\n\n\nb\nc\n\x0c"), "a\n\nb\nc");
    }
}
