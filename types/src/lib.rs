//! Plain data types shared by the PaperLite crates.
//!
//! This crate depends on `serde`, `chrono` and `regex` only, so that every other crate can use it
//! without pulling in an async runtime, a database driver or a numeric library.

pub mod clinical;
pub mod fault;
pub mod rng;

pub use fault::Fault;

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The kind of clinical document a scanned file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DocumentType {
    ReferralLetter,
    ClinicLetter,
    DischargeSummary,
    Results,
    #[default]
    Other,
}

impl DocumentType {
    pub const ALL: [DocumentType; 5] = [
        DocumentType::ReferralLetter,
        DocumentType::ClinicLetter,
        DocumentType::DischargeSummary,
        DocumentType::Results,
        DocumentType::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentType::ReferralLetter => "referral_letter",
            DocumentType::ClinicLetter => "clinic_letter",
            DocumentType::DischargeSummary => "discharge_summary",
            DocumentType::Results => "results",
            DocumentType::Other => "other",
        }
    }
}

impl fmt::Display for DocumentType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error for a document type name that is not one of [`DocumentType::ALL`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownDocumentType(pub String);

impl fmt::Display for UnknownDocumentType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = DocumentType::ALL.iter().map(|t| t.as_str()).collect();
        write!(
            f,
            "unknown document type {:?} (expected one of {})",
            self.0,
            names.join(", ")
        )
    }
}

impl std::error::Error for UnknownDocumentType {}

impl FromStr for DocumentType {
    type Err = UnknownDocumentType;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        DocumentType::ALL
            .into_iter()
            .find(|t| t.as_str() == wanted)
            .ok_or_else(|| UnknownDocumentType(s.to_string()))
    }
}

/// Where a page's text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextSource {
    /// Tesseract recognised the page image.
    Ocr,
    /// The PDF page already had a text layer, used as it is.
    TextLayer,
}

impl TextSource {
    pub fn as_str(self) -> &'static str {
        match self {
            TextSource::Ocr => "ocr",
            TextSource::TextLayer => "text_layer",
        }
    }
}

/// A word's box in pixels of the cleaned page image (after orientation and deskew).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct BBox {
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
}

/// One recognised word with Tesseract's confidence (0-100).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Word {
    pub text: String,
    pub confidence: f32,
    pub bbox: BBox,
    /// Whether Tesseract found the word in its dictionary (a measure of the reading, used by
    /// the review flag); `None` where it is not known: a PDF's text layer, words loaded back
    /// from the store.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_dictionary: Option<bool>,
}

/// The text of one page and how it was obtained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageText {
    /// 1-based page number within its file.
    pub page: u32,
    pub text: String,
    pub words: Vec<Word>,
    /// Mean word confidence, weighted by word length (0-100); 100 for a text layer,
    /// 0 for a page where nothing was recognised.
    pub mean_confidence: f32,
    pub needs_review: bool,
    /// Why the page was flagged for review, in words a records officer can act on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_reason: Option<String>,
    pub source: TextSource,
    pub width: u32,
    pub height: u32,
    pub dpi: u32,
    /// Clockwise quarter-turn correction applied before OCR (0, 90, 180 or 270).
    pub rotation_degrees: u32,
    /// Measured skew that was corrected, in degrees (positive: counter-clockwise).
    pub skew_degrees: f32,
    /// Share of dark pixels on the page (0-1): tells a blank page from an illegible one.
    pub ink_ratio: f32,
    /// Share (0-1) of the page's letter-sized ink, standing in rows, that lies outside every
    /// recognised word: text the reading probably left out.
    #[serde(default)]
    pub unread_text: f32,
    pub elapsed_ms: u64,
}

/// Fields extracted from a document's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Extraction {
    /// A 10-digit NHS number whose modulus 11 check digit is valid, without spaces.
    pub nhs_number: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub letter_date: Option<NaiveDate>,
    pub document_type: DocumentType,
    /// How confidently OCR read the NHS number (the lowest confidence, 0-100, of the words
    /// it was read from); `None` for text that was not OCR'd or words that were not found.
    #[serde(default)]
    pub nhs_number_confidence: Option<f32>,
    /// A valid NHS number read with too little confidence to be stored as the patient's:
    /// held for records staff to confirm against the page (then it becomes `nhs_number`).
    #[serde(default)]
    pub nhs_number_to_confirm: Option<String>,
}

/// Escapes text for HTML element content and attribute values (the server's pages and the
/// evaluation reports both write HTML from user and OCR text).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_special_characters_are_escaped() {
        assert_eq!(
            escape_html("<b>\"A&E\"</b>'"),
            "&lt;b&gt;&quot;A&amp;E&quot;&lt;/b&gt;&#39;"
        );
    }

    #[test]
    fn document_type_names_round_trip() {
        for t in DocumentType::ALL {
            assert_eq!(t.as_str().parse::<DocumentType>(), Ok(t));
            assert_eq!(
                serde_json::to_string(&t).unwrap_or_default(),
                format!("\"{}\"", t.as_str())
            );
        }
        assert_eq!(
            "Referral letter".parse::<DocumentType>(),
            Ok(DocumentType::ReferralLetter)
        );
        let err = "letter".parse::<DocumentType>().unwrap_err();
        assert!(err.to_string().contains("referral_letter"));
    }
}
