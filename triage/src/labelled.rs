//! Labelled referral letters: the record the synthetic generator writes and the model, the
//! evaluation and `paperlite train` read ([`ReferralLetter`], JSON Lines through
//! [`write_jsonl`] and [`read_jsonl`]), with the letter's form ([`LetterStyle`]) and header
//! ([`LetterHeader`]). Reading labelled data needs nothing from the generator
//! (`paperlite-synthetic`), which depends on this module, not the other way round.
//!
//! Each JSON line carries `id`, `text`, `urgency`, `pathway`, `style`, `rule` and the metadata
//! (`variant`, `gp_priority`, `ocr_noise`, `age_stated`, `age_band`, `facts`, `header`).

use std::io::{BufRead, Write};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::facts::ClinicalFacts;
use crate::labels::{Pathway, Urgency};
use crate::rules::RuleId;

/// The form a referral letter takes (the generator's letter forms; the groups of the
/// leave-one-form-out evaluation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LetterStyle {
    /// An NHS e-RS referral exported with headed fields.
    ErsTemplate,
    /// A free-text "Dear Doctor" letter.
    DearDoctor,
    /// A terse two-line request.
    Terse,
    /// A record pasted from the GP system, with problem and medication lists.
    GpRecord,
    /// A short covering note around a table of results.
    ResultsTable,
    /// A referral proforma of tick boxes and Yes/No fields (`[ ] Yes [X] No`, `Y/N`, ticks).
    TickBoxProforma,
    /// A dictated letter typed by a secretary ("dictated but not checked").
    Dictated,
    /// A registrar's SOAP note (S:, O:, A:, P:).
    SoapNote,
    /// A nurse practitioner's bullet list.
    NurseBullets,
    /// A GP-system export: coded entries and a problem list with dates.
    GpSystemExport,
    /// A handwritten note as scanned: abbreviations, little punctuation, OCR noise.
    Handwritten,
    /// A letter split over pages: a page-2 header and "cont." lines.
    Continuation,
    /// A letter with long medication and problem lists, many past problems irrelevant now.
    LongHistory,
}

impl LetterStyle {
    pub const ALL: [LetterStyle; 13] = [
        LetterStyle::ErsTemplate,
        LetterStyle::DearDoctor,
        LetterStyle::Terse,
        LetterStyle::GpRecord,
        LetterStyle::ResultsTable,
        LetterStyle::TickBoxProforma,
        LetterStyle::Dictated,
        LetterStyle::SoapNote,
        LetterStyle::NurseBullets,
        LetterStyle::GpSystemExport,
        LetterStyle::Handwritten,
        LetterStyle::Continuation,
        LetterStyle::LongHistory,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LetterStyle::ErsTemplate => "ers_template",
            LetterStyle::DearDoctor => "dear_doctor",
            LetterStyle::Terse => "terse",
            LetterStyle::GpRecord => "gp_record",
            LetterStyle::ResultsTable => "results_table",
            LetterStyle::TickBoxProforma => "tick_box_proforma",
            LetterStyle::Dictated => "dictated",
            LetterStyle::SoapNote => "soap_note",
            LetterStyle::NurseBullets => "nurse_bullets",
            LetterStyle::GpSystemExport => "gp_system_export",
            LetterStyle::Handwritten => "handwritten",
            LetterStyle::Continuation => "continuation",
            LetterStyle::LongHistory => "long_history",
        }
    }

    /// Every style name, comma-separated (for error messages and help text).
    pub fn names() -> String {
        LetterStyle::ALL
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl std::fmt::Display for LetterStyle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for LetterStyle {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let name = crate::labels::normalise_label(s);
        LetterStyle::ALL
            .into_iter()
            .find(|st| st.as_str() == name)
            .ok_or_else(|| Error::UnknownStyle(s.to_string()))
    }
}

/// Who and when: the identifiers a letter's header carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterHeader {
    /// "Mr", "Mrs", "Ms" or "Miss".
    pub title: String,
    pub first_name: String,
    pub surname: String,
    /// Ten digits, formatted "999 123 4567", with a valid modulus 11 check digit.
    pub nhs_number: String,
    pub date_of_birth: NaiveDate,
    pub letter_date: NaiveDate,
    pub practice_name: String,
    /// An ODS-style practice code (a letter and five digits).
    pub practice_code: String,
    pub gp_name: String,
}

impl LetterHeader {
    pub fn full_name(&self) -> String {
        format!("{} {} {}", self.title, self.first_name, self.surname)
    }
}

/// One labelled referral letter with how it was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferralLetter {
    pub id: String,
    pub text: String,
    pub urgency: Urgency,
    pub pathway: Pathway,
    pub style: LetterStyle,
    /// The rule of the table that decided the labels.
    pub rule: RuleId,
    /// Layout variant within the style.
    pub variant: u8,
    /// The priority the GP asked for (`None`: not stated); often differs from `urgency`.
    pub gp_priority: Option<Urgency>,
    /// Whether OCR errors were applied.
    pub ocr_noise: bool,
    /// Whether the text states the age (otherwise only the date of birth and letter date).
    pub age_stated: bool,
    /// "18-29", "30-39", ..., "80+".
    pub age_band: String,
    pub facts: ClinicalFacts,
    pub header: LetterHeader,
}

/// The decade band of an age: "18-29", "30-39", ..., "80+".
pub fn age_band(age: u32) -> String {
    match age {
        0..=29 => "18-29".to_string(),
        80.. => "80+".to_string(),
        a => {
            let lo = a / 10 * 10;
            format!("{lo}-{}", lo + 9)
        }
    }
}

/// Writes one JSON object a line.
pub fn write_jsonl<W: Write>(mut writer: W, letters: &[ReferralLetter]) -> Result<()> {
    for letter in letters {
        let line =
            serde_json::to_string(letter).map_err(|source| Error::Json { line: 0, source })?;
        writer.write_all(line.as_bytes())?;
        writer.write_all(b"\n")?;
    }
    writer.flush()?;
    Ok(())
}

/// Reads letters written by [`write_jsonl`]; blank lines are skipped, a bad line is an error
/// naming its (1-based) line number.
pub fn read_jsonl<R: BufRead>(reader: R) -> Result<Vec<ReferralLetter>> {
    let mut out = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let letter = serde_json::from_str(&line).map_err(|source| Error::Json {
            line: i + 1,
            source,
        })?;
        out.push(letter);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{Finding, Sex};
    use crate::rules::apply_rules;

    fn letter(id: &str) -> ReferralLetter {
        let mut facts = ClinicalFacts {
            age: Some(63),
            sex: Some(Sex::Male),
            ..Default::default()
        };
        facts.set(Finding::Dysphagia, true);
        let outcome = apply_rules(&facts);
        ReferralLetter {
            id: id.to_string(),
            text: "Dear Doctor, 63M with dysphagia to solids. 2WW please.".to_string(),
            urgency: outcome.urgency,
            pathway: outcome.pathway,
            style: LetterStyle::DearDoctor,
            rule: outcome.rule_id,
            variant: 0,
            gp_priority: Some(Urgency::UrgentSuspectedCancer),
            ocr_noise: false,
            age_stated: true,
            age_band: age_band(63),
            facts,
            header: LetterHeader {
                title: "Mr".to_string(),
                first_name: "John".to_string(),
                surname: "Smith".to_string(),
                nhs_number: "999 000 0018".to_string(),
                date_of_birth: NaiveDate::from_ymd_opt(1961, 5, 2).unwrap_or_default(),
                letter_date: NaiveDate::from_ymd_opt(2024, 6, 3).unwrap_or_default(),
                practice_name: "Riverside Surgery".to_string(),
                practice_code: "A12345".to_string(),
                gp_name: "Dr A Patel".to_string(),
            },
        }
    }

    #[test]
    fn round_trip_and_field_names() -> anyhow::Result<()> {
        let letters = vec![letter("a-1"), letter("a-2")];
        let mut buf = Vec::new();
        write_jsonl(&mut buf, &letters)?;
        let back = read_jsonl(buf.as_slice())?;
        assert_eq!(back, letters);
        assert_eq!(back[0].urgency, Urgency::UrgentSuspectedCancer);
        let first: serde_json::Value =
            serde_json::from_str(std::str::from_utf8(&buf)?.lines().next().unwrap_or("{}"))?;
        for key in [
            "id",
            "text",
            "urgency",
            "pathway",
            "style",
            "rule",
            "gp_priority",
            "facts",
        ] {
            assert!(first.get(key).is_some(), "missing {key}");
        }
        assert_eq!(first["style"], "dear_doctor");
        Ok(())
    }

    #[test]
    fn bad_line_is_reported_with_its_number() {
        let text = "\n{\"id\": 1}\n";
        match read_jsonl(text.as_bytes()) {
            Err(Error::Json { line, .. }) => assert_eq!(line, 2),
            other => panic!("expected a JSON error, got {other:?}"),
        }
    }

    #[test]
    fn style_names_parse_back_and_unknown_names_are_refused() {
        for s in LetterStyle::ALL {
            assert_eq!(s.as_str().parse::<LetterStyle>().ok(), Some(s));
        }
        assert_eq!(
            "Tick box proforma".parse::<LetterStyle>().ok(),
            Some(LetterStyle::TickBoxProforma)
        );
        let err = "fax".parse::<LetterStyle>().expect_err("not a style");
        assert!(err.to_string().contains("fax") && err.to_string().contains("soap_note"));
    }

    #[test]
    fn age_bands() {
        assert_eq!(age_band(18), "18-29");
        assert_eq!(age_band(49), "40-49");
        assert_eq!(age_band(50), "50-59");
        assert_eq!(age_band(93), "80+");
    }
}
