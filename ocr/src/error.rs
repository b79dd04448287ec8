use std::path::PathBuf;

use types::Fault;

/// Errors from loading, cleaning and recognising pages.
///
/// The variants up to [`Error::Unreadable`] are problems with the input file that a records
/// officer can act on. Their message is one plain sentence (damaged, cut off, not a scan,
/// password-protected, too large, unsupported variant); what the decoder itself said is
/// kept apart, in [`Error::detail`], for the log and `scan --json`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the file is empty (0 bytes)")]
    Empty,
    #[error("not a scan: not a supported scan format (expected TIFF, PNG, JPEG or PDF; the file starts with {magic})")]
    UnsupportedFormat { magic: String },
    #[error("too large: the file is {size_bytes} bytes, over the limit of {limit_bytes} bytes")]
    FileTooLarge { size_bytes: u64, limit_bytes: u64 },
    #[error(
        "too large: page {page} claims {width} x {height} pixels, over the limit of {max_dimension} pixels a side or {max_megapixels} megapixels: refusing to decode (possible decompression bomb)"
    )]
    ImageTooLarge {
        page: u32,
        width: u64,
        height: u64,
        max_dimension: u32,
        max_megapixels: u32,
    },
    #[error(
        "too large: page {page} would take {needed_mb} MB of memory to decode ({width} x {height} pixels at {bytes_per_pixel} bytes a pixel), over the limit of {limit_mb} MB a page"
    )]
    DecodeTooLarge {
        page: u32,
        width: u64,
        height: u64,
        bytes_per_pixel: u64,
        needed_mb: u64,
        limit_mb: u64,
    },
    #[error("too large: page {page} needs more memory to decode than a page is allowed")]
    DecoderLimit { page: u32, detail: String },
    #[error("too large: the document has {pages} pages, over the limit of {limit} pages a file (raise --max-pages to accept it)")]
    TooManyPages { pages: u32, limit: u32 },
    #[error("the document has no pages")]
    NoPages,
    #[error("the PDF is password-protected; ask for an unprotected copy")]
    PasswordProtected,
    /// The data breaks the format's rules: the file cannot be read as it is.
    #[error("the {format} file{where_} is damaged and cannot be read; rescan the original or find another copy")]
    Corrupt {
        format: &'static str,
        /// "page 3" or "" when the whole file is concerned.
        where_: Where,
        detail: String,
    },
    /// The data stops before the format says it should: the file was cut off.
    #[error("the {format} file{where_} is cut off: it ends before its image data does (an incomplete copy or transfer); copy or rescan it again")]
    Truncated {
        format: &'static str,
        where_: Where,
        detail: String,
    },
    /// A valid file using a feature no decoder here reads.
    #[error("unsupported variant ({variant}) of {format}{where_}; convert it (e.g. to a plain greyscale TIFF or PDF) and scan it again")]
    UnsupportedVariant {
        format: &'static str,
        variant: String,
        where_: Where,
        detail: String,
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

/// Which part of a file an error is about: the whole file or one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Where(pub Option<u32>);

impl std::fmt::Display for Where {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(page) => write!(f, " (page {page})"),
            None => Ok(()),
        }
    }
}

impl Error {
    /// True when the input file is at fault (as opposed to the engine or the machine).
    pub fn is_input_error(&self) -> bool {
        self.fault() == Fault::Input
    }

    /// Who is at fault: the file, the deployment (no pdfium, no Tesseract) or the engine.
    pub fn fault(&self) -> Fault {
        match self {
            Error::PdfiumUnavailable(_) | Error::EngineInit(_) => Fault::Setup,
            Error::Recognition { .. } => Fault::Internal,
            _ => Fault::Input,
        }
    }

    /// A stable snake_case code per kind of failure, for API answers and job records.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Empty => "empty_file",
            Error::UnsupportedFormat { .. } => "not_a_scan",
            Error::FileTooLarge { .. } => "file_too_large",
            Error::ImageTooLarge { .. } => "image_too_large",
            Error::DecodeTooLarge { .. } | Error::DecoderLimit { .. } => "page_too_large",
            Error::TooManyPages { .. } => "too_many_pages",
            Error::NoPages => "no_pages",
            Error::PasswordProtected => "password_protected",
            Error::Corrupt { .. } => "damaged_file",
            Error::Truncated { .. } => "truncated_file",
            Error::UnsupportedVariant { .. } => "unsupported_variant",
            Error::Unreadable { .. } => "unreadable_file",
            Error::PdfiumUnavailable(_) => "pdf_library_unavailable",
            Error::EngineInit(_) => "ocr_engine_unavailable",
            Error::Recognition { .. } => "recognition_failed",
        }
    }

    /// The decoder's own words behind a plain reason, for the log and `--json`.
    pub fn detail(&self) -> Option<&str> {
        match self {
            Error::Corrupt { detail, .. }
            | Error::Truncated { detail, .. }
            | Error::UnsupportedVariant { detail, .. }
            | Error::DecoderLimit { detail, .. } => Some(detail.as_str()),
            _ => None,
        }
    }

    /// The same error, said of page `page`.
    pub fn on_page(mut self, page: u32) -> Error {
        match &mut self {
            Error::Corrupt { where_, .. }
            | Error::Truncated { where_, .. }
            | Error::UnsupportedVariant { where_, .. } => *where_ = Where(Some(page)),
            _ => {}
        }
        self
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_plain_and_details_kept_apart() {
        let e = Error::Corrupt {
            format: "PNG",
            where_: Where::default(),
            detail: "Format error decoding Png: ChunkType { type: IH¬R }".into(),
        };
        assert_eq!(
            e.to_string(),
            "the PNG file is damaged and cannot be read; rescan the original or find another copy"
        );
        assert!(e.detail().is_some_and(|d| d.contains("ChunkType")));
        let e = Error::UnsupportedVariant {
            format: "TIFF",
            variant: "palette colour".into(),
            where_: Where::default(),
            detail: "x".into(),
        }
        .on_page(2);
        assert!(e
            .to_string()
            .starts_with("unsupported variant (palette colour) of TIFF (page 2)"));
    }
}
