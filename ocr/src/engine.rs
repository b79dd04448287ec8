//! Tesseract through the `tesseract` crate: one engine per worker thread, words with boxes
//! and confidences from the TSV renderer, and orientation detection with the OSD model.

use std::collections::BTreeMap;
use std::ffi::{CStr, CString};
use std::os::raw::{c_char, c_int};
use std::ptr;

use image::GrayImage;
use serde::{Deserialize, Serialize};
use tesseract::plumbing::tesseract_sys;
use tesseract::plumbing::TessBaseApi;
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
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig {
            language: "eng".to_string(),
            tessdata: None,
            page_segmentation: 3,
            variables: BTreeMap::new(),
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

/// One Tesseract instance (not shareable between threads; create one per worker).
pub struct Engine {
    api: TessBaseApi,
    osd: Option<OsdApi>,
    config: EngineConfig,
}

impl Engine {
    pub fn new(config: &EngineConfig) -> Result<Engine> {
        config.validate()?;
        let mut api = TessBaseApi::create();
        let datapath = config
            .tessdata
            .as_deref()
            .map(CString::new)
            .transpose()
            .map_err(|e| Error::EngineInit(e.to_string()))?;
        let language =
            CString::new(config.language.as_str()).map_err(|e| Error::EngineInit(e.to_string()))?;
        api.init_2(datapath.as_deref(), Some(&language))
            .map_err(|_| {
                Error::EngineInit(format!(
                    "could not load the '{}' language data (is tesseract-ocr-{} installed?)",
                    config.language, config.language
                ))
            })?;
        // Tesseract's diagnostics ("Image too small to scale!!") are not actionable for
        // records staff; low confidence is what flags a poor page.
        let _ = api.set_variable(c"debug_file", c"/dev/null");
        api.set_page_seg_mode(config.page_segmentation as tesseract_sys::TessPageSegMode);
        for (name, value) in &config.variables {
            let bad = |why: &str| Error::EngineInit(format!("Tesseract variable {name}: {why}"));
            let c_name = CString::new(name.as_str()).map_err(|_| bad("contains a NUL byte"))?;
            let c_value = CString::new(value.as_str()).map_err(|_| bad("contains a NUL byte"))?;
            api.set_variable(&c_name, &c_value)
                .map_err(|_| bad("Tesseract has no such variable, or refused the value"))?;
        }
        Ok(Engine {
            api,
            osd: None,
            config: config.clone(),
        })
    }

    /// Recognises a grayscale page (Tesseract thresholds it itself, as the CLI does).
    pub fn recognize(&mut self, image: &GrayImage, dpi: u32, page: u32) -> Result<Recognized> {
        let fail = |reason: String| Error::Recognition { page, reason };
        let (w, h) = (image.width() as c_int, image.height() as c_int);
        self.api
            .set_image(image.as_raw(), w, h, 1, w)
            .map_err(|e| fail(format!("{e:?}")))?;
        self.read(dpi, page)
    }

    /// Recognises a page that is already black and white (pixels below 128 are ink), handed
    /// to Tesseract as one bit a pixel so that it does not threshold it again.
    pub fn recognize_bilevel(
        &mut self,
        image: &GrayImage,
        dpi: u32,
        page: u32,
    ) -> Result<Recognized> {
        let fail = |reason: String| Error::Recognition { page, reason };
        let (w, h) = (image.width() as c_int, image.height() as c_int);
        let packed = pack_bits(image);
        let bytes_per_line = image.width().div_ceil(8) as c_int;
        self.api
            .set_image(&packed, w, h, 0, bytes_per_line)
            .map_err(|e| fail(format!("{e:?}")))?;
        self.read(dpi, page)
    }

    /// Reads the image set last: text and words with their confidences.
    fn read(&mut self, dpi: u32, page: u32) -> Result<Recognized> {
        let fail = |reason: String| Error::Recognition { page, reason };
        self.api.set_source_resolution(dpi as c_int);
        self.api.recognize().map_err(|e| fail(e.to_string()))?;
        let text = self
            .api
            .get_utf8_text()
            .map_err(|e| fail(e.to_string()))?
            .as_ref()
            .to_string_lossy()
            .into_owned();
        let tsv = self
            .api
            .get_tsv_text(0)
            .map_err(|e| fail(e.to_string()))?
            .as_ref()
            .to_string_lossy()
            .into_owned();
        Ok(Recognized {
            text: tidy_text(&text),
            words: parse_tsv_words(&tsv),
        })
    }

    /// Detects whether the page is turned by a quarter or half turn. `None` when the page
    /// has too little text to tell.
    pub fn detect_orientation(
        &mut self,
        image: &GrayImage,
        dpi: u32,
    ) -> Result<Option<Orientation>> {
        if self.osd.is_none() {
            self.osd = Some(OsdApi::new(self.config.tessdata.as_deref())?);
        }
        match &mut self.osd {
            Some(osd) => Ok(osd.detect(image, dpi)),
            None => Ok(None),
        }
    }
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

/// Parses Tesseract's TSV output (level, page, block, par, line, word, left, top, width,
/// height, conf, text) into words: rows of level 5 with a confidence.
pub fn parse_tsv_words(tsv: &str) -> Vec<Word> {
    tsv.lines()
        .filter_map(|line| {
            let cols: Vec<&str> = line.splitn(12, '\t').collect();
            if cols.len() < 12 || cols[0] != "5" {
                return None;
            }
            let conf: f32 = cols[10].parse().ok()?;
            let text = cols[11].trim();
            if conf < 0.0 || text.is_empty() {
                return None;
            }
            let n = |i: usize| cols[i].parse::<u32>().ok();
            Some(Word {
                text: text.to_string(),
                confidence: conf.clamp(0.0, 100.0),
                bbox: BBox {
                    x: n(6)?,
                    y: n(7)?,
                    w: n(8)?,
                    h: n(9)?,
                },
            })
        })
        .collect()
}

/// A second Tesseract handle loaded with the orientation-and-script model (`osd`). The
/// safe wrapper in the `tesseract` crate does not expose DetectOrientationScript, so this
/// calls the C API that crate re-exports.
struct OsdApi(*mut tesseract_sys::TessBaseAPI);

// SAFETY: the handle is owned by exactly one `Engine`, which is used by one thread at a time.
unsafe impl Send for OsdApi {}

impl OsdApi {
    fn new(tessdata: Option<&str>) -> Result<OsdApi> {
        let datapath = tessdata
            .map(CString::new)
            .transpose()
            .map_err(|e| Error::EngineInit(e.to_string()))?;
        // SAFETY: plain C API calls on a handle we create and own; strings outlive the call.
        unsafe {
            let handle = tesseract_sys::TessBaseAPICreate();
            if handle.is_null() {
                return Err(Error::EngineInit("TessBaseAPICreate returned null".into()));
            }
            let osd = OsdApi(handle);
            let ret = tesseract_sys::TessBaseAPIInit3(
                handle,
                datapath.as_deref().map_or(ptr::null(), CStr::as_ptr),
                c"osd".as_ptr(),
            );
            if ret != 0 {
                return Err(Error::EngineInit(
                    "could not load the 'osd' data (is tesseract-ocr-osd installed?)".into(),
                ));
            }
            tesseract_sys::TessBaseAPISetPageSegMode(
                handle,
                tesseract_sys::TessPageSegMode_PSM_OSD_ONLY,
            );
            // The OSD path warns about the image resolution on every page although the
            // result does not depend on it; keep the batch's output readable.
            tesseract_sys::TessBaseAPISetVariable(
                handle,
                c"debug_file".as_ptr(),
                c"/dev/null".as_ptr(),
            );
            Ok(osd)
        }
    }

    fn detect(&mut self, image: &GrayImage, dpi: u32) -> Option<Orientation> {
        let (w, h) = (image.width() as c_int, image.height() as c_int);
        let mut degrees: c_int = 0;
        let mut confidence: f32 = 0.0;
        let mut script: *const c_char = ptr::null();
        let mut script_confidence: f32 = 0.0;
        // SAFETY: the image buffer is w*h bytes and outlives the call; out-pointers are
        // valid locals; the script name points into Tesseract's static table.
        let ok = unsafe {
            // The OSD path ignores SetSourceResolution; user_defined_dpi is honoured.
            if let Ok(value) = CString::new(dpi.to_string()) {
                tesseract_sys::TessBaseAPISetVariable(
                    self.0,
                    c"user_defined_dpi".as_ptr(),
                    value.as_ptr(),
                );
            }
            tesseract_sys::TessBaseAPISetImage(self.0, image.as_raw().as_ptr(), w, h, 1, w);
            tesseract_sys::TessBaseAPISetSourceResolution(self.0, dpi as c_int);
            let ok = tesseract_sys::TessBaseAPIDetectOrientationScript(
                self.0,
                &mut degrees,
                &mut confidence,
                &mut script,
                &mut script_confidence,
            );
            tesseract_sys::TessBaseAPIClear(self.0);
            ok
        };
        (ok != 0).then(|| Orientation {
            // Tesseract reports the page's clockwise rotation; turning it the rest of the
            // way round makes it upright.
            correction_degrees: (360 - (degrees.rem_euclid(360) as u32)) % 360,
            confidence,
        })
    }
}

impl Drop for OsdApi {
    fn drop(&mut self) {
        // SAFETY: the handle came from TessBaseAPICreate and is dropped once.
        unsafe {
            tesseract_sys::TessBaseAPIEnd(self.0);
            tesseract_sys::TessBaseAPIDelete(self.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_rows_become_words() {
        let tsv = "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n\
                   4\t1\t1\t1\t1\t0\t100\t200\t900\t40\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t100\t200\t120\t40\t96.5\tRectal\n\
                   5\t1\t1\t1\t1\t2\t230\t200\t150\t40\t41\tbleeding\n\
                   5\t1\t1\t1\t1\t3\t390\t200\t10\t40\t95\t \n";
        let words = parse_tsv_words(tsv);
        assert_eq!(words.len(), 2);
        assert_eq!(words[0].text, "Rectal");
        assert_eq!(
            words[0].bbox,
            BBox {
                x: 100,
                y: 200,
                w: 120,
                h: 40
            }
        );
        assert_eq!(words[1].confidence, 41.0);
        let r = Recognized {
            text: String::new(),
            words,
        };
        // (96.5 * 6 + 41 * 8) / 14
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
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../samples/scans/01_referral_rectal_bleeding_2ww.png"
        );
        let grey = image::open(path).expect("sample scan").to_luma8();
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
