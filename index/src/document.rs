//! The page record that goes into the index, and its conversion to and from tantivy.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tantivy::schema::Value;
use tantivy::{DateTime, TantivyDocument};

use crate::error::{Error, Result};
use crate::schema::Fields;

/// One OCRed page of a scanned document, as indexed.
///
/// The database is the system of record; the index keeps a copy of what it needs to find a
/// page and show a snippet. The document-level fields (`file_name`, `nhs_number`,
/// `document_type`, `document_date`) are repeated on every page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageDoc {
    /// Identifier of the scanned document (the database key). Must not be empty.
    pub document_id: String,
    /// Page number within the document, 1-based by convention.
    pub page_number: u32,
    /// Name of the scanned file, for display.
    pub file_name: String,
    /// Patient's NHS number if known. Spaces and hyphens are removed before indexing, so
    /// `999 123 4567` and `9991234567` are the same patient.
    pub nhs_number: Option<String>,
    /// Kind of document, e.g. `referral_letter`; matched case-insensitively.
    pub document_type: String,
    /// Date of the letter or report, if known.
    pub document_date: Option<NaiveDate>,
    /// Mean OCR word confidence of the page, 0 to 1.
    pub confidence: f32,
    /// The page's OCR text.
    pub text: String,
}

/// Removes the spaces and hyphens people write inside NHS numbers.
pub(crate) fn normalise_nhs_number(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

pub(crate) fn date_to_tantivy(date: NaiveDate) -> DateTime {
    let seconds = date.and_time(chrono::NaiveTime::MIN).and_utc().timestamp();
    DateTime::from_timestamp_secs(seconds)
}

pub(crate) fn date_from_tantivy(date: DateTime) -> Option<NaiveDate> {
    chrono::DateTime::from_timestamp(date.into_timestamp_secs(), 0).map(|d| d.date_naive())
}

impl PageDoc {
    /// Checks what the index relies on.
    pub(crate) fn validate(&self) -> Result<()> {
        let invalid = |reason: &str| Error::InvalidPage {
            document_id: self.document_id.clone(),
            page_number: self.page_number,
            reason: reason.to_string(),
        };
        if self.document_id.trim().is_empty() {
            return Err(invalid("document_id is empty"));
        }
        if self.document_id.trim() != self.document_id {
            return Err(invalid("document_id has leading or trailing spaces"));
        }
        if !self.confidence.is_finite() {
            return Err(invalid("confidence is not a number"));
        }
        Ok(())
    }

    pub(crate) fn to_tantivy(&self, fields: &Fields) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_text(fields.document_id, &self.document_id);
        doc.add_u64(fields.page_number, u64::from(self.page_number));
        doc.add_text(fields.file_name, &self.file_name);
        if let Some(nhs) = &self.nhs_number {
            let nhs = normalise_nhs_number(nhs);
            if !nhs.is_empty() {
                doc.add_text(fields.nhs_number, nhs);
            }
        }
        doc.add_text(fields.document_type, &self.document_type);
        if let Some(date) = self.document_date {
            doc.add_date(fields.document_date, date_to_tantivy(date));
        }
        doc.add_f64(
            fields.confidence,
            f64::from(self.confidence.clamp(0.0, 1.0)),
        );
        doc.add_text(fields.text, &self.text);
        doc.add_text(fields.text_exact, &self.text);
        doc.add_text(fields.text_pairs, &self.text);
        doc.add_text(fields.text_exact_pairs, &self.text);
        doc
    }

    /// Reads a page back from its stored fields (`text_exact` is not stored; `text` is).
    pub(crate) fn from_tantivy(doc: &TantivyDocument, fields: &Fields) -> Result<Self> {
        let text_of = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str().map(str::to_string))
        };
        let document_id = text_of(fields.document_id)
            .ok_or_else(|| Error::Corrupt("stored page without document_id".into()))?;
        let page_number = doc
            .get_first(fields.page_number)
            .and_then(|v| v.as_u64())
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| Error::Corrupt(format!("page of {document_id} without page_number")))?;
        Ok(PageDoc {
            page_number,
            file_name: text_of(fields.file_name).unwrap_or_default(),
            nhs_number: text_of(fields.nhs_number),
            document_type: text_of(fields.document_type).unwrap_or_default(),
            document_date: doc
                .get_first(fields.document_date)
                .and_then(|v| v.as_datetime())
                .and_then(date_from_tantivy),
            confidence: doc
                .get_first(fields.confidence)
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0) as f32,
            text: text_of(fields.text).unwrap_or_default(),
            document_id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        let date = NaiveDate::from_ymd_opt(2016, 2, 29).unwrap();
        assert_eq!(date_from_tantivy(date_to_tantivy(date)), Some(date));
    }

    #[test]
    fn nhs_numbers_lose_spaces_and_hyphens() {
        assert_eq!(normalise_nhs_number(" 999 123-4567 "), "9991234567");
    }

    #[test]
    fn pages_round_trip_through_tantivy() {
        let (_, fields) = crate::schema::build();
        let page = PageDoc {
            document_id: "doc-1".into(),
            page_number: 3,
            file_name: "scan 1.pdf".into(),
            nhs_number: Some("999 000 0018".into()),
            document_type: "Referral_Letter".into(),
            document_date: NaiveDate::from_ymd_opt(2019, 7, 1),
            confidence: 0.5,
            text: "Iron deficiency anaemia.".into(),
        };
        let back = PageDoc::from_tantivy(&page.to_tantivy(&fields), &fields).unwrap();
        assert_eq!(back.nhs_number.as_deref(), Some("9990000018"));
        assert_eq!(
            PageDoc {
                nhs_number: page.nhs_number.clone(),
                ..back
            },
            page
        );
    }

    #[test]
    fn pages_without_an_id_are_refused() {
        let page = PageDoc {
            document_id: " ".into(),
            page_number: 1,
            file_name: String::new(),
            nhs_number: None,
            document_type: String::new(),
            document_date: None,
            confidence: 1.0,
            text: String::new(),
        };
        assert!(matches!(page.validate(), Err(Error::InvalidPage { .. })));
    }
}
