//! Opening scan files: format detection by content, page counting and decoding one page at a
//! time, with limits that keep memory bounded whatever the input.

use std::io::Cursor;
use std::path::PathBuf;
use std::sync::OnceLock;

use image::{GrayImage, ImageDecoder, ImageReader, Limits};
use pdfium_render::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

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

    fn image_limits(&self) -> Limits {
        let mut limits = Limits::default();
        limits.max_image_width = Some(self.max_dimension);
        limits.max_image_height = Some(self.max_dimension);
        // Room for an RGBA decode of the largest accepted page plus the gray copy.
        limits.max_alloc = Some(u64::from(self.max_megapixels) * 1_000_000 * 5);
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

fn corrupt(format: Format, reason: impl std::fmt::Display) -> Error {
    Error::Corrupt {
        format: format.as_str(),
        reason: reason.to_string(),
    }
}

fn decode_raster(bytes: &[u8], format: Format, config: &LoadConfig) -> Result<SourcePage> {
    // JPEG decoders fill a cut-off file with grey and carry on; a scan that lost the bottom
    // of the page must be rescanned, not stored half-empty.
    if format == Format::Jpeg && !jpeg_has_end_marker(bytes) {
        return Err(corrupt(
            format,
            "truncated: the end-of-image marker is missing (the file was cut off)",
        ));
    }
    let image_format = match format {
        Format::Png => image::ImageFormat::Png,
        _ => image::ImageFormat::Jpeg,
    };
    let dims = ImageReader::with_format(Cursor::new(bytes), image_format)
        .into_dimensions()
        .map_err(|e| corrupt(format, e))?;
    config.check_dimensions(1, u64::from(dims.0), u64::from(dims.1))?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), image_format);
    reader.limits(config.image_limits());
    let mut decoder = reader.into_decoder().map_err(|e| corrupt(format, e))?;
    let icc_dpi = match format {
        Format::Png => png_dpi(bytes),
        _ => jpeg_dpi(bytes),
    };
    // Orientation metadata from cameras and phone scanners.
    let orientation = decoder.orientation().ok();
    let mut image = image::DynamicImage::from_decoder(decoder).map_err(|e| corrupt(format, e))?;
    if let Some(o) = orientation {
        image.apply_orientation(o);
    }
    Ok(SourcePage::Image {
        page: 1,
        image: image.into_luma8(),
        dpi: icc_dpi.unwrap_or(300),
    })
}

/// True when a JPEG ends with its end-of-image marker (FF D9), allowing trailing padding.
fn jpeg_has_end_marker(bytes: &[u8]) -> bool {
    let end = bytes
        .iter()
        .rposition(|&b| b != 0 && b != b'\n' && b != b'\r' && b != b' ')
        .map_or(0, |i| i + 1);
    end >= 4 && bytes[end - 2..end] == [0xFF, 0xD9]
}

fn tiff_decoder<'b>(
    bytes: &'b [u8],
    config: &LoadConfig,
) -> Result<tiff::decoder::Decoder<Cursor<&'b [u8]>>> {
    let mut limits = tiff::decoder::Limits::default();
    limits.decoding_buffer_size =
        usize::try_from(u64::from(config.max_megapixels) * 1_000_000 * 4).unwrap_or(usize::MAX);
    Ok(tiff::decoder::Decoder::new(Cursor::new(bytes))
        .map_err(|e| corrupt(Format::Tiff, e))?
        .with_limits(limits))
}

fn tiff_page_count(bytes: &[u8], config: &LoadConfig) -> Result<u32> {
    let mut decoder = tiff_decoder(bytes, config)?;
    let mut n = 1u32;
    while decoder.more_images() {
        decoder
            .next_image()
            .map_err(|e| corrupt(Format::Tiff, format!("page {}: {e}", n + 1)))?;
        n += 1;
        if n > config.max_pages {
            break;
        }
    }
    Ok(n)
}

fn decode_tiff_page(bytes: &[u8], page: u32, config: &LoadConfig) -> Result<SourcePage> {
    use tiff::ColorType;
    let mut decoder = tiff_decoder(bytes, config)?;
    let err = |e: tiff::TiffError| corrupt(Format::Tiff, format!("page {page}: {e}"));
    decoder.seek_to_image(page as usize - 1).map_err(err)?;
    let (width, height) = decoder.dimensions().map_err(err)?;
    config.check_dimensions(page, u64::from(width), u64::from(height))?;
    let dpi = tiff_dpi(&mut decoder).unwrap_or(300);
    let color = decoder.colortype().map_err(err)?;
    let data = decoder.read_image().map_err(err)?;
    let (w, h) = (width as usize, height as usize);
    let gray: Vec<u8> = match (color, data) {
        (ColorType::Gray(1), tiff::decoder::DecodingResult::U8(buf)) => {
            // Packed rows, padded to whole bytes; the decoder has already applied
            // WhiteIsZero, so a set bit is white.
            let stride = w.div_ceil(8);
            let mut out = Vec::with_capacity(w * h);
            for y in 0..h {
                let row = buf.get(y * stride..(y + 1) * stride).ok_or_else(|| {
                    corrupt(Format::Tiff, format!("page {page}: short bilevel data"))
                })?;
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
        (ColorType::Gray(8), tiff::decoder::DecodingResult::U8(buf)) => buf,
        (ColorType::Gray(16), tiff::decoder::DecodingResult::U16(buf)) => {
            buf.into_iter().map(|v| (v >> 8) as u8).collect()
        }
        (ColorType::RGB(8), tiff::decoder::DecodingResult::U8(buf)) => buf
            .chunks_exact(3)
            .map(|p| luma(p[0], p[1], p[2]))
            .collect(),
        (ColorType::RGBA(8), tiff::decoder::DecodingResult::U8(buf)) => buf
            .chunks_exact(4)
            .map(|p| luma(p[0], p[1], p[2]))
            .collect(),
        (ColorType::GrayA(8), tiff::decoder::DecodingResult::U8(buf)) => {
            buf.chunks_exact(2).map(|p| p[0]).collect()
        }
        (other, _) => {
            return Err(corrupt(
                Format::Tiff,
                format!("page {page}: unsupported colour type {other:?}"),
            ))
        }
    };
    let image = GrayImage::from_raw(width, height, gray).ok_or_else(|| {
        corrupt(
            Format::Tiff,
            format!("page {page}: pixel data shorter than {width} x {height}"),
        )
    })?;
    Ok(SourcePage::Image { page, image, dpi })
}

fn luma(r: u8, g: u8, b: u8) -> u8 {
    ((u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114) / 1000) as u8
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
        PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::FormatError) => {
            corrupt(Format::Pdf, "not a valid PDF structure")
        }
        PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::SecurityError) => {
            corrupt(Format::Pdf, "unsupported security handler")
        }
        other => corrupt(Format::Pdf, other),
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
        .map_err(|e| corrupt(Format::Pdf, format!("page {page}: {e}")))?;
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
    let render = PdfRenderConfig::new()
        .scale_page_by_factor(scale)
        .use_grayscale_rendering(true)
        .render_form_data(false)
        .set_clear_color(PdfColor::WHITE);
    let bitmap = pdf_page
        .render_with_config(&render)
        .map_err(|e| corrupt(Format::Pdf, format!("page {page}: rendering failed: {e}")))?;
    let image = bitmap
        .as_image()
        .map_err(|e| corrupt(Format::Pdf, format!("page {page}: {e}")))?
        .into_luma8();
    Ok(SourcePage::Image { page, image, dpi })
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

    #[test]
    fn truncated_jpeg_is_refused() -> anyhow::Result<()> {
        let mut jpeg = Vec::new();
        let img = GrayImage::from_fn(64, 64, |x, y| image::Luma([((x * y) % 256) as u8]));
        img.write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)?;
        let config = LoadConfig::default();
        assert!(decode_raster(&jpeg, Format::Jpeg, &config).is_ok());
        let cut = &jpeg[..jpeg.len() * 2 / 3];
        let err = decode_raster(cut, Format::Jpeg, &config).unwrap_err();
        assert!(err.to_string().contains("truncated"), "{err}");
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
