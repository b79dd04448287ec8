//! Field filters of the query language (`patient:`, `type:`, `date:`, `doc:`, `file:`,
//! `page:`, `confidence:`) and of [`SearchRequest`](crate::SearchRequest). Filters score
//! zero: they narrow the results without changing their order.

use std::ops::Bound;

use chrono::{Datelike, Months, NaiveDate};
use tantivy::query::{AllQuery, ConstScoreQuery, Query, RangeQuery, TermQuery, TermSetQuery};
use tantivy::query_grammar::UserInputBound;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use super::Builder;
use crate::document::{date_to_tantivy, normalise_nhs_number};
use crate::error::{Error, Result};
use crate::schema::Fields;

/// The keyword and numeric fields a query can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FieldKind {
    Text,
    NhsNumber,
    DocumentType,
    DocumentDate,
    DocumentId,
    FileName,
    Page,
    Confidence,
}

pub(super) const FIELD_HELP: &str =
    "use text:, patient:, type:, date:, doc:, file:, page: or confidence: \
                          (or put the words in quotes)";

pub(super) fn field_kind(name: &str) -> Option<FieldKind> {
    let kind = match name.to_ascii_lowercase().as_str() {
        "text" | "text_exact" => FieldKind::Text,
        "patient" | "nhs" | "nhs_number" | "nhsnumber" | "nhsno" => FieldKind::NhsNumber,
        "type" | "document_type" | "doctype" => FieldKind::DocumentType,
        "date" | "document_date" => FieldKind::DocumentDate,
        "doc" | "document" | "document_id" | "id" => FieldKind::DocumentId,
        "file" | "file_name" | "filename" => FieldKind::FileName,
        "page" | "page_number" => FieldKind::Page,
        "confidence" => FieldKind::Confidence,
        _ => return None,
    };
    Some(kind)
}

/// A field name made of digits is text that happened to contain a colon (`10:30`).
pub(super) fn is_numeric_field(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_digit())
}

impl Builder<'_> {
    /// `patient:9991234567`, `type:referral_letter`, `date:2023-05`, `page:2`...
    pub(super) fn build_field_literal(
        &self,
        kind: FieldKind,
        value: &str,
    ) -> Result<Box<dyn Query>> {
        let fields = self.fields;
        let value = value.trim();
        if value.is_empty() {
            return Err(self.error("a field needs a value after the colon"));
        }
        let query: Box<dyn Query> = match kind {
            FieldKind::Text => unreachable!("text literals are handled by the caller"),
            FieldKind::NhsNumber => nhs_number_filter(fields, value)
                .ok_or_else(|| self.error("patient: needs an NHS number"))?,
            FieldKind::DocumentType => document_type_filter(fields, value),
            FieldKind::DocumentId => raw_term_query(fields.document_id, value),
            FieldKind::FileName => raw_term_query(fields.file_name, value),
            FieldKind::DocumentDate => {
                let (start, end) =
                    parse_date_period(value).ok_or_else(|| self.date_error(value))?;
                date_range(fields, Bound::Included(start), Bound::Excluded(end))
            }
            FieldKind::Page => {
                let page = self.parse_page(value)?;
                let term = Term::from_field_u64(fields.page_number, page);
                Box::new(RangeQuery::new(
                    Bound::Included(term.clone()),
                    Bound::Included(term),
                ))
            }
            FieldKind::Confidence => {
                return Err(self.error("confidence needs a range, e.g. confidence:[0 TO 0.6]"))
            }
        };
        Ok(Box::new(ConstScoreQuery::new(query, 0.0)))
    }

    fn date_error(&self, value: &str) -> Error {
        self.error(format!(
            "{value:?} is not a date; write 2023-05-31, 31/05/2023, 2023-05 or 2023"
        ))
    }

    fn parse_page(&self, value: &str) -> Result<u64> {
        value
            .parse()
            .map_err(|_| self.error(format!("{value:?} is not a page number")))
    }

    pub(super) fn build_range(
        &self,
        field: Option<String>,
        lower: UserInputBound,
        upper: UserInputBound,
    ) -> Result<Box<dyn Query>> {
        let name = field.ok_or_else(|| {
            self.error("a range needs a field, e.g. date:[2023-01-01 TO 2023-12-31]")
        })?;
        let kind = field_kind(&name)
            .ok_or_else(|| self.error(format!("unknown field '{name}:'; {FIELD_HELP}")))?;
        let unbounded =
            |b: &UserInputBound| matches!(b, UserInputBound::Unbounded) || b.term_str() == "*";
        if unbounded(&lower) && unbounded(&upper) {
            return Err(self.error("a range needs at least one bound"));
        }
        let fields = self.fields;
        let query: Box<dyn Query> = match kind {
            FieldKind::DocumentDate => {
                // A bound names a whole day, month or year: [2023 TO 2023] is all of 2023.
                let period =
                    |value: &str| parse_date_period(value).ok_or_else(|| self.date_error(value));
                let lower = match &lower {
                    b if unbounded(b) => Bound::Unbounded,
                    UserInputBound::Inclusive(v) => Bound::Included(period(v)?.0),
                    UserInputBound::Exclusive(v) => Bound::Included(period(v)?.1),
                    UserInputBound::Unbounded => Bound::Unbounded,
                };
                let upper = match &upper {
                    b if unbounded(b) => Bound::Unbounded,
                    UserInputBound::Inclusive(v) => Bound::Excluded(period(v)?.1),
                    UserInputBound::Exclusive(v) => Bound::Excluded(period(v)?.0),
                    UserInputBound::Unbounded => Bound::Unbounded,
                };
                date_range(fields, lower, upper)
            }
            FieldKind::Page => {
                let bound = |b: &UserInputBound| -> Result<Bound<Term>> {
                    Ok(match b {
                        b if unbounded(b) => Bound::Unbounded,
                        UserInputBound::Inclusive(v) => Bound::Included(Term::from_field_u64(
                            fields.page_number,
                            self.parse_page(v)?,
                        )),
                        UserInputBound::Exclusive(v) => Bound::Excluded(Term::from_field_u64(
                            fields.page_number,
                            self.parse_page(v)?,
                        )),
                        UserInputBound::Unbounded => Bound::Unbounded,
                    })
                };
                Box::new(RangeQuery::new(bound(&lower)?, bound(&upper)?))
            }
            FieldKind::Confidence => {
                let number = |v: &str| -> Result<f64> {
                    v.parse::<f64>()
                        .ok()
                        .filter(|x| x.is_finite())
                        .ok_or_else(|| self.error(format!("{v:?} is not a number")))
                };
                let bound = |b: &UserInputBound| -> Result<Bound<Term>> {
                    Ok(match b {
                        b if unbounded(b) => Bound::Unbounded,
                        UserInputBound::Inclusive(v) => {
                            Bound::Included(Term::from_field_f64(fields.confidence, number(v)?))
                        }
                        UserInputBound::Exclusive(v) => {
                            Bound::Excluded(Term::from_field_f64(fields.confidence, number(v)?))
                        }
                        UserInputBound::Unbounded => Bound::Unbounded,
                    })
                };
                Box::new(RangeQuery::new(bound(&lower)?, bound(&upper)?))
            }
            _ => {
                return Err(self.error(format!(
                    "ranges work on date:, page: and confidence:, not '{name}:'"
                )))
            }
        };
        Ok(Box::new(ConstScoreQuery::new(query, 0.0)))
    }

    /// `patient: IN [9991234567 9990000018]`.
    pub(super) fn build_set(
        &self,
        field: Option<String>,
        elements: Vec<String>,
    ) -> Result<Box<dyn Query>> {
        let name =
            field.ok_or_else(|| self.error("IN [...] needs a field, e.g. type: IN [a b]"))?;
        let fields = self.fields;
        let terms: Vec<Term> = match field_kind(&name) {
            Some(FieldKind::NhsNumber) => elements
                .iter()
                .map(|e| Term::from_field_text(fields.nhs_number, &normalise_nhs_number(e)))
                .collect(),
            Some(FieldKind::DocumentType) => elements
                .iter()
                .map(|e| Term::from_field_text(fields.document_type, &e.to_lowercase()))
                .collect(),
            Some(FieldKind::DocumentId) => elements
                .iter()
                .map(|e| Term::from_field_text(fields.document_id, e))
                .collect(),
            Some(FieldKind::FileName) => elements
                .iter()
                .map(|e| Term::from_field_text(fields.file_name, e))
                .collect(),
            _ => {
                return Err(self.error(format!(
                    "IN [...] works on patient:, type:, doc: and file:, not '{name}:'"
                )))
            }
        };
        Ok(Box::new(ConstScoreQuery::new(
            Box::new(TermSetQuery::new(terms)),
            0.0,
        )))
    }
}

pub(super) fn raw_term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::Basic,
    ))
}

/// Pages of one patient; `None` when `raw` has nothing left after normalisation.
pub(crate) fn nhs_number_filter(fields: &Fields, raw: &str) -> Option<Box<dyn Query>> {
    let nhs = normalise_nhs_number(raw);
    (!nhs.is_empty()).then(|| raw_term_query(fields.nhs_number, &nhs))
}

/// Pages of one document type, compared case-insensitively.
pub(crate) fn document_type_filter(fields: &Fields, raw: &str) -> Box<dyn Query> {
    raw_term_query(fields.document_type, &raw.trim().to_lowercase())
}

/// Pages dated within the bounds (dates are stored at midnight UTC).
pub(crate) fn date_range(
    fields: &Fields,
    lower: Bound<NaiveDate>,
    upper: Bound<NaiveDate>,
) -> Box<dyn Query> {
    if matches!((&lower, &upper), (Bound::Unbounded, Bound::Unbounded)) {
        // tantivy's RangeQuery needs a bound; an open range is every page.
        return Box::new(AllQuery);
    }
    let term = |date: NaiveDate| Term::from_field_date(fields.document_date, date_to_tantivy(date));
    Box::new(RangeQuery::new(lower.map(term), upper.map(term)))
}

/// A day, month or year as `[first day, day after the last)`. Accepts `2023-05-31`,
/// `31/05/2023` (UK order), `2023-05`, `05/2023`, `2023`, and RFC 3339 timestamps (day
/// taken).
pub(crate) fn parse_date_period(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    let value = value.trim();
    let value = value.split_once('T').map_or(value, |(day, _)| day);
    let number = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let year = |s: &str| number(s).filter(|_| s.len() == 4).map(|y| y as i32);
    let day_period = |d: NaiveDate| d.succ_opt().map(|next| (d, next));
    let month_period = |y: i32, m: u32| {
        let first = NaiveDate::from_ymd_opt(y, m, 1)?;
        Some((first, first.checked_add_months(Months::new(1))?))
    };
    if value.contains('/') {
        let parts: Vec<&str> = value.split('/').collect();
        return match parts.as_slice() {
            [d, m, y] => day_period(NaiveDate::from_ymd_opt(year(y)?, number(m)?, number(d)?)?),
            [m, y] => month_period(year(y)?, number(m)?),
            _ => None,
        };
    }
    let parts: Vec<&str> = value.split('-').collect();
    match parts.as_slice() {
        [y] => {
            let first = NaiveDate::from_ymd_opt(year(y)?, 1, 1)?;
            Some((first, first.with_year(first.year() + 1)?))
        }
        [y, m] => month_period(year(y)?, number(m)?),
        [y, m, d] => day_period(NaiveDate::from_ymd_opt(year(y)?, number(m)?, number(d)?)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn date_periods() {
        assert_eq!(
            parse_date_period("2023-05-31"),
            Some((date(2023, 5, 31), date(2023, 6, 1)))
        );
        assert_eq!(
            parse_date_period("31/05/2023"),
            Some((date(2023, 5, 31), date(2023, 6, 1)))
        );
        assert_eq!(
            parse_date_period("2023-12"),
            Some((date(2023, 12, 1), date(2024, 1, 1)))
        );
        assert_eq!(
            parse_date_period("02/2024"),
            Some((date(2024, 2, 1), date(2024, 3, 1)))
        );
        assert_eq!(
            parse_date_period("2016"),
            Some((date(2016, 1, 1), date(2017, 1, 1)))
        );
        assert_eq!(
            parse_date_period("2023-01-01T09:00:00Z"),
            Some((date(2023, 1, 1), date(2023, 1, 2)))
        );
        assert_eq!(parse_date_period("2023-02-30"), None);
        assert_eq!(parse_date_period("yesterday"), None);
        assert_eq!(parse_date_period("23-01-01"), None);
    }
}
