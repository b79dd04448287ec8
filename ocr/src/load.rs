//! Opening scan files: format detection by content, page counting and decoding one page at a
//! time, with limits that keep memory bounded whatever the input.

use std::io::Cursor;
use std::path::PathBuf;
use std::sync::OnceLock;

use image::{GrayImage, ImageDecoder, ImageReader, Limits};
use pdfium_render::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result, Where};
use crate::lept;

/// A scan file format, detected from the file's first bytes (never from its extension).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Png,
    Jpeg,
    Tiff,
    Pdf,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Jpeg => "jpeg",
            Format::Tiff => "tiff",
            Format::Pdf => "pdf",
        }
    }

    /// The name used in messages: "PNG", "JPEG", "TIFF", "PDF".
    pub fn label(self) -> &'static str {
        match self {
            Format::Png => "PNG",
            Format::Jpeg => "JPEG",
            Format::Tiff => "TIFF",
            Format::Pdf => "PDF",
        }
    }

    /// Detects the format from magic bytes.
    pub fn sniff(bytes: &[u8]) -> Result<Format> {
        if bytes.is_empty() {
            return Err(Error::Empty);
        }
        let head = &bytes[..bytes.len().min(1024)];
        if head.starts_with(b"\x89PNG\r\n\x1a\n") {
            Ok(Format::Png)
        } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Ok(Format::Jpeg)
        } else if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
            Ok(Format::Tiff)
        } else if head.windows(5).any(|w| w == b"%PDF-") {
            Ok(Format::Pdf)
        } else {
            let magic = head
                .iter()
                .take(8)
                .map(|b| format!("{b:02x}"))
                .collect::<Vec<_>>()
                .join(" ");
            Err(Error::UnsupportedFormat { magic })
        }
    }
}

/// Limits and settings for opening files.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct LoadConfig {
    /// Files larger than this are refused before they are read.
    pub max_file_bytes: u64,
    /// Documents with more pages than this are refused as a whole.
    pub max_pages: u32,
    /// Longest side of a page image, in pixels.
    pub max_dimension: u32,
    /// Largest page image, in megapixels.
    pub max_megapixels: u32,
    /// Most memory one page may take once decoded, in its file's own pixel format (a
    /// 16-bit RGBA pixel is 8 bytes), in megabytes; also the budget for the images drawn on
    /// a PDF page.
    pub max_page_megabytes: u32,
    /// Resolution at which PDF pages without a text layer are rendered.
    pub pdf_render_dpi: u32,
    /// A PDF page whose text layer has at least this many non-space characters uses it
    /// instead of OCR.
    pub text_layer_min_chars: usize,
    /// Path of `libpdfium.so`; `None` looks in `/usr/local/lib`, then the system library path.
    pub pdfium_library: Option<PathBuf>,
}

impl Default for LoadConfig {
    fn default() -> Self {
        LoadConfig {
            max_file_bytes: 1 << 30,
            max_pages: 300,
            max_dimension: 20_000,
            max_megapixels: 150,
            max_page_megabytes: 512,
            pdf_render_dpi: 300,
            text_layer_min_chars: 20,
            pdfium_library: None,
        }
    }
}

impl LoadConfig {
    fn check_dimensions(&self, page: u32, width: u64, height: u64) -> Result<()> {
        let too_big = width == 0
            || height == 0
            || width > u64::from(self.max_dimension)
            || height > u64::from(self.max_dimension)
            || width * height > u64::from(self.max_megapixels) * 1_000_000;
        if too_big {
            return Err(Error::ImageTooLarge {
                page,
                width,
                height,
                max_dimension: self.max_dimension,
                max_megapixels: self.max_megapixels,
            });
        }
        Ok(())
    }

    /// Refuses a page whose decoded buffer would exceed `max_page_megabytes`.
    fn check_decode_bytes(
        &self,
        page: u32,
        width: u64,
        height: u64,
        bytes_per_pixel: u64,
    ) -> Result<()> {
        let needed = width
            .saturating_mul(height)
            .saturating_mul(bytes_per_pixel.max(1));
        let limit = u64::from(self.max_page_megabytes) * 1_000_000;
        if needed > limit {
            return Err(Error::DecodeTooLarge {
                page,
                width,
                height,
                bytes_per_pixel,
                needed_mb: needed.div_ceil(1_000_000),
                limit_mb: u64::from(self.max_page_megabytes),
            });
        }
        Ok(())
    }

    fn image_limits(&self) -> Limits {
        let mut limits = Limits::default();
        limits.max_image_width = Some(self.max_dimension);
        limits.max_image_height = Some(self.max_dimension);
        // Room for the largest accepted decode plus the grey copy.
        limits.max_alloc = Some(
            u64::from(self.max_page_megabytes) * 1_000_000
                + u64::from(self.max_megapixels) * 1_000_000,
        );
        limits
    }
}

/// One page ready for clean-up and OCR, or text taken from a PDF text layer.
#[derive(Debug, Clone)]
pub enum SourcePage {
    Image {
        page: u32,
        image: GrayImage,
        dpi: u32,
        /// Why the page must be checked by a person whatever its OCR confidence (its image
        /// data stops early, so part of the page is missing).
        damage: Option<String>,
    },
    Text {
        page: u32,
        text: String,
        width: u32,
        height: u32,
        dpi: u32,
    },
}

impl SourcePage {
    pub fn page(&self) -> u32 {
        match self {
            SourcePage::Image { page, .. } | SourcePage::Text { page, .. } => *page,
        }
    }

    /// Why the page needs review whatever its OCR says (damaged image data), if it does.
    pub fn damage(&self) -> Option<&str> {
        match self {
            SourcePage::Image { damage, .. } => damage.as_deref(),
            SourcePage::Text { .. } => None,
        }
    }
}

/// An opened scan file from which pages are decoded one at a time, so that a long document
/// never sits in memory whole.
pub struct Document<'a> {
    format: Format,
    page_count: u32,
    inner: Inner<'a>,
}

enum Inner<'a> {
    Raster(&'a [u8]),
    Tiff(&'a [u8]),
    Pdf(Box<PdfDocument<'a>>),
}

impl<'a> Document<'a> {
    /// Detects the format, checks the page count against the limits and prepares decoding.
    pub fn open(bytes: &'a [u8], config: &LoadConfig) -> Result<Document<'a>> {
        let format = Format::sniff(bytes)?;
        let (inner, page_count) = match format {
            Format::Png | Format::Jpeg => (Inner::Raster(bytes), 1),
            Format::Tiff => (Inner::Tiff(bytes), tiff_page_count(bytes, config)?),
            Format::Pdf => {
                let pdfium = pdfium(config)?;
                let doc = pdfium
                    .load_pdf_from_byte_slice(bytes, None)
                    .map_err(pdf_error)?;
                let n = u32::try_from(doc.pages().len()).unwrap_or(0);
                (Inner::Pdf(Box::new(doc)), n)
            }
        };
        if page_count == 0 {
            return Err(Error::NoPages);
        }
        if page_count > config.max_pages {
            return Err(Error::TooManyPages {
                pages: page_count,
                limit: config.max_pages,
            });
        }
        Ok(Document {
            format,
            page_count,
            inner,
        })
    }

    pub fn format(&self) -> Format {
        self.format
    }

    pub fn page_count(&self) -> u32 {
        self.page_count
    }

    /// Decodes page `page` (1-based).
    pub fn page(&self, page: u32, config: &LoadConfig) -> Result<SourcePage> {
        match &self.inner {
            Inner::Raster(bytes) => decode_raster(bytes, self.format, config),
            Inner::Tiff(bytes) => decode_tiff_page(bytes, page, config),
            Inner::Pdf(doc) => pdf_page(doc, page, config),
        }
    }
}

fn corrupt(format: Format, detail: impl std::fmt::Display) -> Error {
    Error::Corrupt {
        format: format.label(),
        where_: Where::default(),
        detail: detail.to_string(),
    }
}

fn cut_off(format: Format, detail: impl std::fmt::Display) -> Error {
    Error::Truncated {
        format: format.label(),
        where_: Where::default(),
        detail: detail.to_string(),
    }
}

fn unsupported(
    format: Format,
    variant: impl Into<String>,
    detail: impl std::fmt::Display,
) -> Error {
    Error::UnsupportedVariant {
        format: format.label(),
        variant: variant.into(),
        where_: Where::default(),
        detail: detail.to_string(),
    }
}

/// True when a decoder's message says the data ended early.
fn says_cut_off(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    [
        "eof",
        "end of file",
        "unexpected end",
        "premature end",
        "truncated",
        "no more data",
        "not enough data",
        "failed to fill whole buffer",
        "no more bytes",
        "end of stream",
    ]
    .iter()
    .any(|k| m.contains(k))
}

/// Sorts an `image` crate error into damaged / cut off / unsupported / too large.
fn image_error(format: Format, page: u32, e: image::ImageError) -> Error {
    use image::ImageError as E;
    let detail = e.to_string();
    match e {
        E::Unsupported(u) => unsupported(format, unsupported_words(&u.to_string()), detail),
        E::Limits(_) => Error::DecoderLimit { page, detail },
        E::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => cut_off(format, detail),
        _ if says_cut_off(&detail) => cut_off(format, detail),
        _ => corrupt(format, detail),
    }
}

/// A short name for an unsupported feature, from a decoder's message.
fn unsupported_words(message: &str) -> String {
    let m = message.to_ascii_lowercase();
    let known = [
        ("palette", "palette colour"),
        ("cmyk", "CMYK colour"),
        ("ycbcr", "YCbCr colour"),
        ("arithmetic", "arithmetic coding"),
        ("lossless", "lossless JPEG"),
        ("hierarchical", "hierarchical JPEG"),
        ("12", "12-bit samples"),
        ("16", "16-bit samples"),
        ("float", "floating-point samples"),
        ("compression", "a compression method"),
        ("photometric", "a colour model"),
        ("bit", "a bit depth"),
    ];
    known.iter().find(|(k, _)| m.contains(k)).map_or_else(
        || "a feature no decoder here reads".to_string(),
        |(_, v)| (*v).to_string(),
    )
}

/// Sorts a `tiff` crate error the same way.
fn tiff_error(page: u32, e: tiff::TiffError) -> Error {
    use tiff::TiffError as E;
    let detail = format!("page {page}: {e}");
    let err = match e {
        E::UnsupportedError(u) => {
            unsupported(Format::Tiff, unsupported_words(&u.to_string()), detail)
        }
        E::LimitsExceeded => Error::DecoderLimit { page, detail },
        E::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            cut_off(Format::Tiff, detail)
        }
        _ if says_cut_off(&detail) => cut_off(Format::Tiff, detail),
        _ => corrupt(Format::Tiff, detail),
    };
    err.on_page(page)
}

fn decode_raster(bytes: &[u8], format: Format, config: &LoadConfig) -> Result<SourcePage> {
    match format {
        Format::Jpeg => decode_jpeg(bytes, config),
        _ => decode_png(bytes, config),
    }
}

/// What the `image` crate says is wrong with a file, as a plain error.
fn image_crate_error(bytes: &[u8], format: Format, fallback: &str) -> Error {
    let image_format = match format {
        Format::Png => image::ImageFormat::Png,
        _ => image::ImageFormat::Jpeg,
    };
    let probe = ImageReader::with_format(Cursor::new(bytes), image_format)
        .into_dimensions()
        .err();
    match probe {
        Some(e) => image_error(format, 1, e),
        None => corrupt(format, fallback),
    }
}

/// JPEGs are decoded by libjpeg (through Leptonica): it reads every variant a scanner
/// writes (arithmetic coding, CMYK, 12-bit), ignores bytes after the end-of-image marker,
/// and warns when the entropy-coded data ends early, in which case it fills the rest of
/// the page. Such a page is kept, with a reason to review it.
fn decode_jpeg(bytes: &[u8], config: &LoadConfig) -> Result<SourcePage> {
    let format = Format::Jpeg;
    let Some(header) = lept::header(bytes) else {
        return Err(image_crate_error(
            bytes,
            format,
            "libjpeg could not read the header",
        ));
    };
    let (w, h) = (header.width, header.height);
    config.check_dimensions(1, u64::from(w), u64::from(h))?;
    // Read as luminance only: one byte a pixel, whatever the colour model.
    config.check_decode_bytes(1, u64::from(w), u64::from(h), 1)?;
    let decoded = lept::read_jpeg(bytes).ok_or_else(|| {
        image_crate_error(bytes, format, "libjpeg could not decode the image data")
    })?;
    let mut damage = None;
    if decoded.warnings > 0 && !whole_without_end_marker(bytes) {
        damage = Some(match lept::fill_starts_at(&decoded.image) {
            Some(0) => {
                return Err(cut_off(
                    format,
                    format!(
                        "libjpeg: {} warnings, no image data before the fill",
                        decoded.warnings
                    ),
                ))
            }
            Some(row) => format!(
                "the image data stops at row {} of {}: the rest of the page is blank fill (the file was cut off or damaged); check the original",
                thousands(row),
                thousands(h)
            ),
            None => format!(
                "the JPEG decoder found damaged image data ({} warnings): parts of the page may be garbled; check the original",
                decoded.warnings
            ),
        });
    }
    let orientation = ImageReader::with_format(Cursor::new(bytes), image::ImageFormat::Jpeg)
        .into_decoder()
        .ok()
        .and_then(|mut d| d.orientation().ok());
    let mut image = image::DynamicImage::ImageLuma8(decoded.image);
    if let Some(o) = orientation {
        image.apply_orientation(o);
    }
    Ok(SourcePage::Image {
        page: 1,
        image: image.into_luma8(),
        dpi: jpeg_dpi(bytes).unwrap_or(300),
        damage,
    })
}

/// True when a JPEG lacking its end-of-image marker has all its image data: libjpeg warns
/// about the missing marker, but with the marker put back it decodes without a warning.
fn whole_without_end_marker(bytes: &[u8]) -> bool {
    if bytes.ends_with(&[0xFF, 0xD9]) {
        return false;
    }
    let mut fixed = bytes.to_vec();
    if !fixed.ends_with(&[0xFF]) {
        fixed.push(0xFF);
    }
    fixed.push(0xD9);
    lept::read_jpeg(&fixed).is_some_and(|d| d.warnings == 0)
}

/// 3508 -> "3,508".
fn thousands(n: u32) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn decode_png(bytes: &[u8], config: &LoadConfig) -> Result<SourcePage> {
    let format = Format::Png;
    let image_format = image::ImageFormat::Png;
    let dims = ImageReader::with_format(Cursor::new(bytes), image_format)
        .into_dimensions()
        .map_err(|e| image_error(format, 1, e))?;
    config.check_dimensions(1, u64::from(dims.0), u64::from(dims.1))?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), image_format);
    reader.limits(config.image_limits());
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| image_error(format, 1, e))?;
    // The decoded buffer in the file's own pixel format (16-bit RGBA is 8 bytes a pixel).
    let bpp = u64::from(decoder.color_type().bytes_per_pixel());
    config.check_decode_bytes(1, u64::from(dims.0), u64::from(dims.1), bpp)?;
    let orientation = decoder.orientation().ok();
    let mut image = match image::DynamicImage::from_decoder(decoder) {
        Ok(image) => image,
        Err(image::ImageError::Unsupported(u)) => {
            // A variant the `image` crate refuses: try libpng through Leptonica.
            let gray = lept::read_any(bytes).ok_or_else(|| {
                unsupported(format, unsupported_words(&u.to_string()), u.to_string())
            })?;
            image::DynamicImage::ImageLuma8(gray)
        }
        Err(e) => return Err(image_error(format, 1, e)),
    };
    if let Some(o) = orientation {
        image.apply_orientation(o);
    }
    Ok(SourcePage::Image {
        page: 1,
        image: to_grey(image),
        dpi: png_dpi(bytes).unwrap_or(300),
        damage: None,
    })
}

fn tiff_decoder<'b>(
    bytes: &'b [u8],
    config: &LoadConfig,
) -> Result<tiff::decoder::Decoder<Cursor<&'b [u8]>>> {
    let mut limits = tiff::decoder::Limits::default();
    limits.decoding_buffer_size =
        usize::try_from(u64::from(config.max_page_megabytes) * 1_000_000).unwrap_or(usize::MAX);
    Ok(tiff::decoder::Decoder::new(Cursor::new(bytes))
        .map_err(|e| tiff_error(1, e))?
        .with_limits(limits))
}

fn tiff_page_count(bytes: &[u8], config: &LoadConfig) -> Result<u32> {
    let mut decoder = tiff_decoder(bytes, config)?;
    let mut n = 1u32;
    while decoder.more_images() {
        decoder.next_image().map_err(|e| tiff_error(n + 1, e))?;
        n += 1;
        if n > config.max_pages {
            break;
        }
    }
    Ok(n)
}

/// Bytes a pixel of this colour type takes decoded (at least 1).
fn tiff_bytes_per_pixel(color: tiff::ColorType) -> u64 {
    use tiff::ColorType as C;
    let bits = match color {
        C::Gray(b) | C::Palette(b) => u64::from(b),
        C::GrayA(b) => 2 * u64::from(b),
        C::RGB(b) | C::YCbCr(b) | C::Lab(b) => 3 * u64::from(b),
        C::RGBA(b) | C::CMYK(b) => 4 * u64::from(b),
        C::CMYKA(b) => 5 * u64::from(b),
        C::Multiband {
            bit_depth,
            num_samples,
        } => u64::from(bit_depth) * u64::from(num_samples),
        _ => 64,
    };
    bits.div_ceil(8).max(1)
}

fn decode_tiff_page(bytes: &[u8], page: u32, config: &LoadConfig) -> Result<SourcePage> {
    let mut decoder = tiff_decoder(bytes, config)?;
    let err = |e: tiff::TiffError| tiff_error(page, e);
    decoder.seek_to_image(page as usize - 1).map_err(err)?;
    let (width, height) = decoder.dimensions().map_err(err)?;
    config.check_dimensions(page, u64::from(width), u64::from(height))?;
    let dpi = tiff_dpi(&mut decoder).unwrap_or(300);
    let color = decoder.colortype();
    // A colour type the decoder does not know is decoded by libtiff at up to 4 bytes a pixel.
    let bpp = color.as_ref().map_or(4, |c| tiff_bytes_per_pixel(*c));
    config.check_decode_bytes(page, u64::from(width), u64::from(height), bpp)?;
    let native = color.and_then(|c| {
        decoder
            .read_image()
            .map(|data| tiff_to_gray(c, data, width, height))
    });
    let (gray, refused) = match native {
        Ok(Ok(gray)) => (Some(gray), None),
        Ok(Err(variant)) => (None, Some((variant.clone(), variant))),
        Err(e @ tiff::TiffError::UnsupportedError(_)) => {
            let detail = e.to_string();
            (None, Some((unsupported_words(&detail), detail)))
        }
        Err(e) => return Err(err(e)),
    };
    let image = match (gray, refused) {
        (Some(gray), _) => GrayImage::from_raw(width, height, gray).ok_or_else(|| {
            cut_off(
                Format::Tiff,
                format!("page {page}: pixel data shorter than {width} x {height}"),
            )
            .on_page(page)
        })?,
        (None, refused) => {
            // A variant the `tiff` crate refuses (palette colour, CMYK, 2- and 4-bit grey,
            // old-style JPEG...): libtiff through Leptonica reads it.
            let (variant, detail) = refused.unwrap_or_default();
            let gray = lept::read_tiff_page(bytes, page - 1).ok_or_else(|| {
                unsupported(
                    Format::Tiff,
                    variant,
                    format!("page {page}: {detail}; libtiff could not read it either"),
                )
                .on_page(page)
            })?;
            if gray.dimensions() != (width, height) {
                return Err(corrupt(
                    Format::Tiff,
                    format!(
                        "page {page}: libtiff read {:?}, the header says {width} x {height}",
                        gray.dimensions()
                    ),
                )
                .on_page(page));
            }
            gray
        }
    };
    Ok(SourcePage::Image {
        page,
        image,
        dpi,
        damage: None,
    })
}

/// Converts the colour types the `tiff` crate decodes to grey; `Err` names a variant it
/// does not (for the Leptonica fallback).
fn tiff_to_gray(
    color: tiff::ColorType,
    data: tiff::decoder::DecodingResult,
    width: u32,
    height: u32,
) -> std::result::Result<Vec<u8>, String> {
    use tiff::decoder::DecodingResult as D;
    use tiff::ColorType;
    let (w, h) = (width as usize, height as usize);
    Ok(match (color, data) {
        (ColorType::Gray(1), D::U8(buf)) => {
            // Packed rows, padded to whole bytes; the decoder has already applied
            // WhiteIsZero, so a set bit is white.
            let stride = w.div_ceil(8);
            if buf.len() < stride * h {
                return Err("short bilevel data".into());
            }
            let mut out = Vec::with_capacity(w * h);
            for row in buf.chunks_exact(stride.max(1)).take(h) {
                out.extend((0..w).map(|x| {
                    if row[x / 8] & (0x80 >> (x % 8)) != 0 {
                        255
                    } else {
                        0
                    }
                }));
            }
            out
        }
        (ColorType::Gray(8), D::U8(buf)) => buf,
        (ColorType::Gray(16), D::U16(buf)) => buf.into_iter().map(|v| (v >> 8) as u8).collect(),
        (ColorType::RGB(8), D::U8(buf)) => grey_of_rgb(&buf, 3),
        (ColorType::RGBA(8), D::U8(buf)) => grey_of_rgb(&buf, 4),
        (ColorType::GrayA(8), D::U8(buf)) => buf.chunks_exact(2).map(|p| p[0]).collect(),
        (ColorType::Palette(_), _) => return Err("palette colour".into()),
        (ColorType::CMYK(_) | ColorType::CMYKA(_), _) => return Err("CMYK colour".into()),
        (ColorType::YCbCr(_), _) => return Err("YCbCr colour".into()),
        (ColorType::Gray(bits), _) => return Err(format!("{bits}-bit grey")),
        (other, _) => return Err(format!("colour type {other:?}")),
    })
}

/// Grey from colour with Leptonica's weights (0.3 red, 0.5 green, 0.2 blue: the defaults of
/// `pixConvertRGBToGray`, the library the Tesseract command line reads images with).
fn luma(r: u8, g: u8, b: u8) -> u8 {
    ((u32::from(r) * 300 + u32::from(g) * 500 + u32::from(b) * 200 + 500) / 1000) as u8
}

/// A decoded image in grey. Colour goes through [`luma`], not the `image` crate's Rec. 709
/// weights (0.21 red, 0.72 green, 0.07 blue): those nearly ignore blue, and grey pencil print
/// on blue-tinted paper came out as one shade the engine could not separate (a page the
/// command line read at 6.7% CER was read at 93%).
fn to_grey(image: image::DynamicImage) -> GrayImage {
    if !image.color().has_color() {
        return image.into_luma8();
    }
    let rgb = image.into_rgb8();
    let (w, h) = rgb.dimensions();
    GrayImage::from_raw(w, h, grey_of_rgb(rgb.as_raw(), 3)).unwrap_or_else(|| GrayImage::new(w, h))
}

/// [`luma`] of each pixel of interleaved 8-bit RGB (`channels` 3) or RGBA (4) samples.
fn grey_of_rgb(samples: &[u8], channels: usize) -> Vec<u8> {
    samples
        .chunks_exact(channels)
        .map(|p| luma(p[0], p[1], p[2]))
        .collect()
}

fn tiff_dpi(decoder: &mut tiff::decoder::Decoder<Cursor<&[u8]>>) -> Option<u32> {
    use tiff::decoder::ifd::Value;
    use tiff::tags::Tag;
    // Tesseract works from the vertical resolution (fax: 204 x 196 DPI).
    let value = decoder
        .find_tag(Tag::YResolution)
        .ok()
        .flatten()
        .or_else(|| decoder.find_tag(Tag::XResolution).ok().flatten())?;
    let y = match value {
        Value::Rational(n, d) if d != 0 => f64::from(n) / f64::from(d),
        Value::Double(v) => v,
        Value::Float(v) => f64::from(v),
        Value::Unsigned(v) => f64::from(v),
        Value::Short(v) => f64::from(v),
        _ => return None,
    };
    // ResolutionUnit: 1 none, 2 inch (default), 3 centimetre.
    let unit = decoder
        .find_tag_unsigned::<u32>(Tag::ResolutionUnit)
        .ok()
        .flatten()
        .unwrap_or(2);
    let dpi = if unit == 3 { y * 2.54 } else { y };
    (unit != 1 && (50.0..=2400.0).contains(&dpi)).then(|| dpi.round() as u32)
}

/// Reads the pHYs chunk of a PNG (pixels per metre) as dots per inch.
fn png_dpi(bytes: &[u8]) -> Option<u32> {
    let mut pos = 8;
    while pos + 12 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[pos..pos + 4].try_into().ok()?) as usize;
        let kind = &bytes[pos + 4..pos + 8];
        if kind == b"pHYs" && len == 9 && pos + 8 + 9 <= bytes.len() {
            let d = &bytes[pos + 8..pos + 17];
            let ppm = u32::from_be_bytes(d[0..4].try_into().ok()?);
            let dpi = (f64::from(ppm) * 0.0254).round() as u32;
            return (d[8] == 1 && (50..=2400).contains(&dpi)).then_some(dpi);
        }
        if kind == b"IDAT" {
            return None;
        }
        pos += 12 + len;
    }
    None
}

/// Reads the JFIF APP0 density of a JPEG as dots per inch.
fn jpeg_dpi(bytes: &[u8]) -> Option<u32> {
    let app0 = bytes.get(2..20)?;
    if app0[0] != 0xFF || app0[1] != 0xE0 || &app0[4..9] != b"JFIF\0" {
        return None;
    }
    let unit = app0[11];
    let x = f64::from(u16::from_be_bytes([app0[12], app0[13]]));
    let dpi = match unit {
        1 => x,
        2 => x * 2.54,
        _ => return None,
    };
    (50.0..=2400.0).contains(&dpi).then(|| dpi.round() as u32)
}

static PDFIUM: OnceLock<std::result::Result<Pdfium, String>> = OnceLock::new();

/// The process-wide pdfium binding (pdfium can be bound only once per process).
fn pdfium(config: &LoadConfig) -> Result<&'static Pdfium> {
    PDFIUM
        .get_or_init(|| {
            let candidates: Vec<PathBuf> = match &config.pdfium_library {
                Some(p) => vec![p.clone()],
                None => vec![PathBuf::from("/usr/local/lib/libpdfium.so")],
            };
            let mut errors = Vec::new();
            for path in &candidates {
                match Pdfium::bind_to_library(path) {
                    Ok(b) => return Ok(Pdfium::new(b)),
                    Err(e) => errors.push(format!("{}: {e}", path.display())),
                }
            }
            if config.pdfium_library.is_none() {
                match Pdfium::bind_to_system_library() {
                    Ok(b) => return Ok(Pdfium::new(b)),
                    Err(e) => errors.push(format!("system library: {e}")),
                }
            }
            Err(format!(
                "{} (run scripts/install.sh, or set --pdfium-library)",
                errors.join("; ")
            ))
        })
        .as_ref()
        .map_err(|e| Error::PdfiumUnavailable(e.clone()))
}

fn pdf_error(e: PdfiumError) -> Error {
    match e {
        PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::PasswordError) => {
            Error::PasswordProtected
        }
        PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::SecurityError) => {
            unsupported(Format::Pdf, "security handler", "pdfium: SecurityError")
        }
        other => corrupt(Format::Pdf, format!("pdfium: {other:?}")),
    }
}

fn pdf_page(doc: &PdfDocument<'_>, page: u32, config: &LoadConfig) -> Result<SourcePage> {
    let index = i32::try_from(page - 1).map_err(|_| Error::TooManyPages {
        pages: page,
        limit: config.max_pages,
    })?;
    let pdf_page = doc
        .pages()
        .get(index)
        .map_err(|e| corrupt(Format::Pdf, format!("page {page}: {e:?}")).on_page(page))?;
    let dpi = config.pdf_render_dpi;
    let scale = dpi as f32 / 72.0;
    let width = (pdf_page.width().value * scale).round().max(0.0) as u64;
    let height = (pdf_page.height().value * scale).round().max(0.0) as u64;
    if let Ok(text) = pdf_page.text() {
        let text = text.all();
        if text.chars().filter(|c| !c.is_whitespace()).count() >= config.text_layer_min_chars {
            return Ok(SourcePage::Text {
                page,
                text: text.replace("\r\n", "\n"),
                width: width.min(u64::from(u32::MAX)) as u32,
                height: height.min(u64::from(u32::MAX)) as u32,
                dpi,
            });
        }
    }
    config.check_dimensions(page, width, height)?;
    // pdfium decodes every image drawn on the page at its own full size, whatever the page
    // is rendered at: a 2 MB file can hold a 46,000 x 46,000 image.
    if let Some((w, h)) = largest_embedded_image(pdf_page.objects(), 0) {
        config.check_dimensions(page, w, h)?;
        config.check_decode_bytes(page, w, h, 1)?;
    }
    if let Some(image) = whole_page_jpeg(&pdf_page, width, height) {
        return Ok(SourcePage::Image {
            page,
            image,
            dpi,
            damage: None,
        });
    }
    let render = PdfRenderConfig::new()
        .scale_page_by_factor(scale)
        .use_grayscale_rendering(true)
        .render_form_data(false)
        .set_clear_color(PdfColor::WHITE);
    let bitmap = pdf_page.render_with_config(&render).map_err(|e| {
        corrupt(Format::Pdf, format!("page {page}: rendering failed: {e:?}")).on_page(page)
    })?;
    let image = bitmap
        .as_image()
        .map_err(|e| corrupt(Format::Pdf, format!("page {page}: {e:?}")).on_page(page))?
        .into_luma8();
    Ok(SourcePage::Image {
        page,
        image,
        dpi,
        damage: None,
    })
}

/// A scanned page as most scanners and scanning software write it: one JPEG image, grey
/// or RGB, drawn upright over the whole page at the resolution the page is read at. Such a
/// page is its image: decoding the JPEG (luminance only) gives the pixels pdfium's
/// rendering would, at a fifth of the cost. Anything else (other objects on the page, a
/// turned or cropped page, a scan at another resolution, other colour models or filters,
/// damaged data) returns `None` and is rendered.
fn whole_page_jpeg(pdf_page: &PdfPage<'_>, width: u64, height: u64) -> Option<GrayImage> {
    if !matches!(pdf_page.rotation(), Ok(PdfPageRenderRotation::None)) {
        return None;
    }
    let objects = pdf_page.objects();
    if objects.len() != 1 {
        return None;
    }
    let object = objects.get(0).ok()?;
    let image = object.as_image_object()?;
    let filters = image.filters();
    if filters.len() != 1 || filters.get(0).ok()?.name() != "DCTDecode" {
        return None;
    }
    if !matches!(
        image.color_space().ok()?,
        PdfColorSpace::DeviceGray | PdfColorSpace::DeviceRGB
    ) {
        return None;
    }
    let close = |a: f32, b: f32| (a - b).abs() < 1.0;
    let m = object.matrix().ok()?;
    let (page_w, page_h) = (pdf_page.width().value, pdf_page.height().value);
    if !(close(m.a(), page_w)
        && close(m.d(), page_h)
        && m.b().abs() < 1e-3
        && m.c().abs() < 1e-3
        && close(m.e(), 0.0)
        && close(m.f(), 0.0))
    {
        return None;
    }
    let near = |pixels: i64, expected: u64| pixels.abs_diff(expected as i64) <= 1;
    if !(near(image.width().ok()?.into(), width) && near(image.height().ok()?.into(), height)) {
        return None;
    }
    let data = image.get_raw_image_data().ok()?;
    let decoded = lept::read_jpeg(&data)?;
    let (w, h) = decoded.image.dimensions();
    (decoded.warnings == 0 && near(w.into(), width) && near(h.into(), height))
        .then_some(decoded.image)
}

/// The pixel size of the largest image drawn on a page (in forms too), read from the
/// images' metadata without decoding them.
fn largest_embedded_image<'a, T: PdfPageObjectsCommon<'a>>(
    objects: &'a T,
    depth: u32,
) -> Option<(u64, u64)> {
    let mut largest: Option<(u64, u64)> = None;
    let mut consider = |w: u64, h: u64| {
        if largest.is_none_or(|(lw, lh)| w * h > lw * lh) {
            largest = Some((w, h));
        }
    };
    for object in objects.iter() {
        if let Some(image) = object.as_image_object() {
            if let (Ok(w), Ok(h)) = (image.width(), image.height()) {
                consider(w.max(0) as u64, h.max(0) as u64);
            }
        } else if let Some(form) = object.as_x_object_form_object() {
            // Forms nest; a few levels is what real files use.
            if depth < 4 {
                if let Some((w, h)) = largest_embedded_image(form, depth + 1) {
                    consider(w, h);
                }
            }
        }
    }
    largest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_formats_by_content_not_name() {
        assert_eq!(
            Format::sniff(b"\x89PNG\r\n\x1a\nrest").ok(),
            Some(Format::Png)
        );
        assert_eq!(
            Format::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]).ok(),
            Some(Format::Jpeg)
        );
        assert_eq!(Format::sniff(b"II*\0....").ok(), Some(Format::Tiff));
        assert_eq!(Format::sniff(b"MM\0*....").ok(), Some(Format::Tiff));
        assert_eq!(Format::sniff(b"%PDF-1.7\n").ok(), Some(Format::Pdf));
        assert!(matches!(Format::sniff(b""), Err(Error::Empty)));
        let err = Format::sniff(b"Dear Dr Smith").unwrap_err();
        assert!(err.to_string().contains("44 65 61 72"), "{err}");
    }

    #[test]
    fn refuses_absurd_dimensions_before_decoding() {
        let config = LoadConfig::default();
        assert!(config.check_dimensions(1, 2480, 3508).is_ok());
        let err = config.check_dimensions(3, 100_000, 100_000).unwrap_err();
        assert!(
            err.to_string().contains("page 3 claims 100000 x 100000"),
            "{err}"
        );
        assert!(config.check_dimensions(1, 15_000, 15_000).is_err());
        assert!(config.check_dimensions(1, 0, 10).is_err());
    }

    fn sample_jpeg() -> anyhow::Result<Vec<u8>> {
        let mut jpeg = Vec::new();
        let img = GrayImage::from_fn(256, 256, |x, y| {
            image::Luma([((x * 7 + y * 13 + (x * y) % 31) % 256) as u8])
        });
        img.write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)?;
        Ok(jpeg)
    }

    /// A PDF of three pages, each the sample JPEG: drawn over a whole 256-point page (a
    /// scan as scanners write it), the same with a box drawn over it, and scaled over a
    /// 512-point page.
    fn scanned_pdf(jpeg: &[u8]) -> anyhow::Result<Vec<u8>> {
        let pdfium = pdfium(&LoadConfig::default())?;
        let mut doc = pdfium.create_new_pdf()?;
        for (side, boxed) in [(256.0, false), (256.0, true), (512.0, false)] {
            let size = PdfPagePaperSize::new_custom(PdfPoints::new(side), PdfPoints::new(side));
            let mut page = doc.pages_mut().create_page_at_end(size)?;
            let mut image = PdfPageImageObject::new_from_jpeg_reader(&doc, Cursor::new(jpeg))?;
            image.scale(side, side)?;
            page.objects_mut().add_image_object(image)?;
            if boxed {
                page.objects_mut().create_path_object_rect(
                    PdfRect::new_from_values(10.0, 10.0, 60.0, 60.0),
                    Some(PdfColor::BLACK),
                    Some(PdfPoints::new(2.0)),
                    None,
                )?;
            }
        }
        Ok(doc.save_to_bytes()?)
    }

    #[test]
    fn a_scanned_pdf_page_is_its_jpeg_and_anything_else_is_rendered() -> anyhow::Result<()> {
        let jpeg = sample_jpeg()?;
        let pdf = scanned_pdf(&jpeg)?;
        let decoded = lept::read_jpeg(&jpeg).map(|d| d.image);
        let config = LoadConfig {
            pdf_render_dpi: 72,
            ..LoadConfig::default()
        };
        let doc = Document::open(&pdf, &config)?;
        let image = |n: u32| -> anyhow::Result<GrayImage> {
            match doc.page(n, &config)? {
                SourcePage::Image { image, dpi, .. } => {
                    assert_eq!(dpi, 72);
                    Ok(image)
                }
                other => anyhow::bail!("page {n} came back as text: {other:?}"),
            }
        };
        // The whole-page scan is the JPEG's own pixels.
        let first = image(1)?;
        assert_eq!(Some(&first), decoded.as_ref());
        // ... which are what pdfium draws, within JPEG decoders' rounding.
        let Inner::Pdf(pdf_doc) = &doc.inner else {
            anyhow::bail!("not opened as a PDF")
        };
        let rendered = pdf_doc
            .pages()
            .get(0)?
            .render_with_config(
                &PdfRenderConfig::new()
                    .use_grayscale_rendering(true)
                    .set_clear_color(PdfColor::WHITE),
            )?
            .as_image()?
            .into_luma8();
        assert_eq!(rendered.dimensions(), first.dimensions());
        let diff: u64 = rendered
            .pixels()
            .zip(first.pixels())
            .map(|(a, b)| u64::from(a.0[0].abs_diff(b.0[0])))
            .sum();
        let mean = diff as f64 / f64::from(first.width() * first.height());
        assert!(mean < 3.0, "mean difference {mean} grey levels");
        // Another object on the page, or a scan at another resolution: rendered.
        let boxed = image(2)?;
        assert_ne!(Some(&boxed), decoded.as_ref());
        // The box's left side, 10 points in, over a pattern that is mid-grey there.
        assert!(
            boxed.get_pixel(10, 220).0[0] < 60,
            "{:?}",
            boxed.get_pixel(10, 220)
        );
        let scaled = image(3)?;
        assert_eq!(scaled.dimensions(), (512, 512));
        Ok(())
    }

    fn damage_of(bytes: &[u8]) -> Result<Option<String>> {
        decode_raster(bytes, Format::Jpeg, &LoadConfig::default())
            .map(|p| p.damage().map(str::to_string))
    }

    #[test]
    fn cut_off_jpeg_is_kept_with_the_row_where_its_data_stops() -> anyhow::Result<()> {
        let jpeg = sample_jpeg()?;
        assert_eq!(damage_of(&jpeg)?, None);
        // Cut in half with an end-of-image marker appended (a scanner out of buffer).
        let mut half = jpeg[..jpeg.len() / 2].to_vec();
        half.extend([0xFF, 0xD9]);
        let damage = damage_of(&half)?.unwrap_or_default();
        assert!(
            damage.contains("stops at row") && damage.contains("of 256"),
            "{damage}"
        );
        // Cut with no end marker at all.
        let damage = damage_of(&jpeg[..jpeg.len() * 2 / 3])?.unwrap_or_default();
        assert!(damage.contains("stops at row"), "{damage}");
        Ok(())
    }

    #[test]
    fn jpeg_with_trailing_bytes_or_missing_last_byte_is_whole() -> anyhow::Result<()> {
        let jpeg = sample_jpeg()?;
        let mut junk = jpeg.clone();
        junk.extend((0..32u8).map(|i| i.wrapping_mul(37).wrapping_add(5)));
        assert_eq!(damage_of(&junk)?, None);
        assert_eq!(damage_of(&jpeg[..jpeg.len() - 1])?, None);
        Ok(())
    }

    #[test]
    fn a_colour_page_turns_grey_as_the_command_lines_library_turns_it() -> anyhow::Result<()> {
        // Pure blue and pure yellow: 0.2 and 0.8 of white by Leptonica's weights, where Rec.
        // 709 would give 0.07 and 0.93; pale blue-tinted paper and grey print.
        let colours = [
            [0u8, 0, 255],
            [255, 255, 0],
            [236, 244, 252],
            [150, 150, 150],
        ];
        let rgb = image::RgbImage::from_fn(4, 1, |x, _| image::Rgb(colours[x as usize]));
        let mut png = Vec::new();
        rgb.write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)?;
        let doc = Document::open(&png, &LoadConfig::default())?;
        let SourcePage::Image { image, .. } = doc.page(1, &LoadConfig::default())? else {
            anyhow::bail!("a PNG is an image page");
        };
        let grey: Vec<u8> = image.pixels().map(|p| p.0[0]).collect();
        assert_eq!(grey, vec![51, 204, 243, 150]);
        Ok(())
    }

    #[test]
    fn png_and_jpeg_density_is_read() -> anyhow::Result<()> {
        let mut png = Vec::new();
        let img = GrayImage::from_pixel(4, 4, image::Luma([255]));
        img.write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)?;
        assert_eq!(png_dpi(&png), None);
        // Insert a pHYs chunk for 300 DPI (11811 px/m) after IHDR.
        let mut with_phys = png[..33].to_vec();
        let mut chunk = b"pHYs".to_vec();
        chunk.extend(11811u32.to_be_bytes());
        chunk.extend(11811u32.to_be_bytes());
        chunk.push(1);
        with_phys.extend(9u32.to_be_bytes());
        with_phys.extend(&chunk);
        with_phys.extend(0u32.to_be_bytes()); // CRC is not checked by the reader
        with_phys.extend(&png[33..]);
        assert_eq!(png_dpi(&with_phys), Some(300));
        let jfif = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0, 1, 1, 1, 0, 200, 0, 200, 0, 0,
        ];
        assert_eq!(jpeg_dpi(&jfif), Some(200));
        Ok(())
    }
}
