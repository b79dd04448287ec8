use std::path::PathBuf;

/// Errors from loading, cleaning and recognising pages.
///
/// The variants up to [`Error::Unreadable`] are problems with the input file that a records
/// officer can act on; the rest are failures of the OCR engine or the PDF library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the file is empty (0 bytes)")]
    Empty,
    #[error("not a supported scan format (expected TIFF, PNG, JPEG or PDF; the file starts with {magic})")]
    UnsupportedFormat { magic: String },
    #[error("the file is {size_bytes} bytes, over the limit of {limit_bytes} bytes")]
    FileTooLarge { size_bytes: u64, limit_bytes: u64 },
    #[error(
        "page {page} claims {width} x {height} pixels, over the limit of {max_dimension} pixels a side or {max_megapixels} megapixels: refusing to decode (possible decompression bomb)"
    )]
    ImageTooLarge {
        page: u32,
        width: u64,
        height: u64,
        max_dimension: u32,
        max_megapixels: u32,
    },
    #[error("the document has {pages} pages, over the limit of {limit} pages a file (raise --max-pages to accept it)")]
    TooManyPages { pages: u32, limit: u32 },
    #[error("the document has no pages")]
    NoPages,
    #[error("the PDF is password-protected")]
    PasswordProtected,
    #[error("the {format} data is damaged or truncated: {reason}")]
    Corrupt {
        format: &'static str,
        reason: String,
    },
    #[error("could not read {path}: {source}")]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the PDF library (pdfium) is not available: {0}")]
    PdfiumUnavailable(String),
    #[error("Tesseract could not start: {0}")]
    EngineInit(String),
    #[error("Tesseract failed on page {page}: {reason}")]
    Recognition { page: u32, reason: String },
}

impl Error {
    /// True when the input file is at fault (as opposed to the engine or the machine).
    pub fn is_input_error(&self) -> bool {
        !matches!(
            self,
            Error::PdfiumUnavailable(_) | Error::EngineInit(_) | Error::Recognition { .. }
        )
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
