//! Decoding through Leptonica (linked already for Tesseract, with libjpeg, libtiff and
//! libpng behind it): the JPEG decoder, because libjpeg reads arithmetic coding and CMYK
//! and says when the entropy-coded data ends early, and the fallback for TIFF variants
//! the `tiff` crate refuses (palette colour, CMYK, 2- and 4-bit grey, old-style JPEG...).

use std::sync::Once;

use image::GrayImage;
use tesseract::plumbing::leptonica_plumbing::leptonica_sys as sys;

/// What a file's header says, read without decoding the pixels.
#[derive(Debug, Clone, Copy)]
pub struct Header {
    pub width: u32,
    pub height: u32,
}

/// A decoded page, and how many warnings the decoder gave (libjpeg warns when the data
/// ends early or is corrupt, and fills the rest of the page).
pub struct Decoded {
    pub image: GrayImage,
    pub warnings: u32,
}

fn quiet() {
    static QUIET: Once = Once::new();
    // Leptonica prints its errors on stderr; the caller reports them in words instead.
    // SAFETY: sets a global severity level; no pointers involved.
    QUIET.call_once(|| unsafe {
        sys::setMsgSeverity(6); // L_SEVERITY_NONE
    });
}

/// Reads the header of an image in memory (first page of a TIFF).
pub fn header(bytes: &[u8]) -> Option<Header> {
    quiet();
    let (mut format, mut w, mut h, mut bps, mut spp, mut cmap) = (0, 0, 0, 0, 0, 0);
    // SAFETY: the pointers are to live locals and a live slice of `bytes.len()` bytes.
    let ok = unsafe {
        sys::pixReadHeaderMem(
            bytes.as_ptr(),
            bytes.len(),
            &mut format,
            &mut w,
            &mut h,
            &mut bps,
            &mut spp,
            &mut cmap,
        )
    };
    (ok == 0 && w > 0 && h > 0).then_some(Header {
        width: w as u32,
        height: h as u32,
    })
}

/// Decodes a JPEG to grey (luminance only, which is all OCR needs), counting libjpeg's
/// warnings.
pub fn read_jpeg(bytes: &[u8]) -> Option<Decoded> {
    quiet();
    let mut warnings = 0;
    // SAFETY: a live slice; Leptonica copies what it needs and returns an owned PIX or null.
    let pix = unsafe {
        sys::pixReadMemJpeg(
            bytes.as_ptr(),
            bytes.len(),
            0,
            1,
            &mut warnings,
            // L_JPEG_READ_LUMINANCE | L_JPEG_CONTINUE_WITH_BAD_DATA: the page as far as
            // its data goes, which the caller then flags.
            1 | 2,
        )
    };
    let image = to_gray(pix)?;
    Some(Decoded {
        image,
        warnings: warnings.max(0) as u32,
    })
}

/// Decodes page `index` (0-based) of a TIFF to grey.
pub fn read_tiff_page(bytes: &[u8], index: u32) -> Option<GrayImage> {
    quiet();
    let n = i32::try_from(index).ok()?;
    // SAFETY: as above.
    let pix = unsafe { sys::pixReadMemTiff(bytes.as_ptr(), bytes.len(), n) };
    to_gray(pix)
}

/// Decodes any image Leptonica reads (first page) to grey.
pub fn read_any(bytes: &[u8]) -> Option<GrayImage> {
    quiet();
    // SAFETY: as above.
    let pix = unsafe { sys::pixReadMem(bytes.as_ptr(), bytes.len()) };
    to_gray(pix)
}

/// Converts a PIX of any depth (colour maps included) to an 8-bit grey image and frees
/// both PIXes.
fn to_gray(pix: *mut sys::PIX) -> Option<GrayImage> {
    if pix.is_null() {
        return None;
    }
    let mut pix = pix;
    // SAFETY: `pix` is a valid PIX owned here; pixConvertTo8 returns a new PIX (or a
    // clone of an 8-bit one) that is also owned here; both are destroyed exactly once.
    unsafe {
        let mut gray = sys::pixConvertTo8(pix, 0);
        sys::pixDestroy(&mut pix);
        if gray.is_null() {
            return None;
        }
        let w = sys::pixGetWidth(gray).max(0) as usize;
        let h = sys::pixGetHeight(gray).max(0) as usize;
        let wpl = sys::pixGetWpl(gray).max(0) as usize;
        let data = sys::pixGetData(gray);
        let out = if data.is_null() || sys::pixGetDepth(gray) != 8 || wpl * 4 < w {
            None
        } else {
            let words = std::slice::from_raw_parts(data, wpl * h);
            let mut buf = Vec::with_capacity(w * h);
            for row in words.chunks_exact(wpl.max(1)).take(h) {
                // Leptonica keeps the first pixel of a word in its most significant byte.
                buf.extend((0..w).map(|x| (row[x / 4] >> (24 - 8 * (x % 4))) as u8));
            }
            GrayImage::from_raw(w as u32, h as u32, buf)
        };
        sys::pixDestroy(&mut gray);
        out
    }
}

/// Where the decoded image data of a damaged page stops: the first row from which every
/// row to the bottom is one flat value (what decoders fill a page with when the data runs
/// out). `None` when the bottom of the page has real content.
pub fn fill_starts_at(image: &GrayImage) -> Option<u32> {
    let (w, h) = image.dimensions();
    if w == 0 || h == 0 {
        return None;
    }
    let fill = image.get_pixel(w - 1, h - 1)[0];
    let flat = |y: u32| {
        let row = &image.as_raw()[(y * w) as usize..((y + 1) * w) as usize];
        row.iter().all(|&v| v.abs_diff(fill) <= 1)
    };
    let mut y = h;
    while y > 0 && flat(y - 1) {
        y -= 1;
    }
    // A block row (8 pixels) at least, or it is a margin, not a fill.
    (h - y >= 8).then_some(y)
}
