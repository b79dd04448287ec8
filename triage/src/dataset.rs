//! A trust's own labelled referrals: a CSV reader and loose label parsing.
//!
//! Historical exports spell the labels every which way ("2WW", "Two week wait", "A&G",
//! "Colorectal"); [`LabelledExample`] keeps the strings as they were and
//! [`parse_urgency_loose`] / [`parse_pathway_loose`] map the common spellings onto the spec's
//! labels, returning `None` for anything they do not recognise.

use std::io::Read;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::labels::{normalise_label, Pathway, Urgency};

/// One labelled referral from a trust's history, labels as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelledExample {
    /// The `id` column when the file has one.
    pub id: Option<String>,
    pub text: String,
    pub urgency: String,
    pub pathway: String,
    /// The 1-based line of the CSV file the record starts on.
    pub line: usize,
}

impl LabelledExample {
    /// The urgency label, if its spelling is recognised.
    pub fn parsed_urgency(&self) -> Option<Urgency> {
        parse_urgency_loose(&self.urgency)
    }

    /// The pathway label, if its spelling is recognised.
    pub fn parsed_pathway(&self) -> Option<Pathway> {
        parse_pathway_loose(&self.pathway)
    }

    /// Both labels, or an error naming the one that is not recognised.
    pub fn labels(&self) -> Result<(Urgency, Pathway)> {
        let urgency = self
            .parsed_urgency()
            .ok_or_else(|| Error::UnknownUrgency(self.urgency.clone()))?;
        let pathway = self
            .parsed_pathway()
            .ok_or_else(|| Error::UnknownPathway(self.pathway.clone()))?;
        Ok((urgency, pathway))
    }
}

/// Lower-case words of a label, everything that is not a letter or digit (save `&`) a space.
fn words(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '&' {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads an urgency written any of the usual ways ("2WW", "USC", "Urgent", "A&G", ...).
pub fn parse_urgency_loose(s: &str) -> Option<Urgency> {
    if let Ok(u) = normalise_label(s).parse::<Urgency>() {
        return Some(u);
    }
    let w = words(s);
    let has = |needle: &str| w == needle || w.contains(needle);
    if has("2ww")
        || has("2 ww")
        || has("week wait")
        || has("2 week")
        || has("two week")
        || has("suspected cancer")
        || has("fast track")
        || w == "usc"
        || w == "tww"
        || w == "cancer"
    {
        Some(Urgency::UrgentSuspectedCancer)
    } else if has("advice")
        || has("a&g")
        || w == "a & g"
        || w == "a and g"
        || w == "ag"
        || has("return to referrer")
        || has("returned to referrer")
        || w == "rejected"
    {
        Some(Urgency::AdviceAndGuidance)
    } else if has("non urgent") || has("routine") || w == "standard" || w == "soon" {
        Some(Urgency::Routine)
    } else if has("urgent") || w == "expedite" || w == "expedited" {
        Some(Urgency::Urgent)
    } else {
        None
    }
}

/// Reads a pathway written any of the usual ways ("Lower GI", "colorectal", "Liver", ...).
pub fn parse_pathway_loose(s: &str) -> Option<Pathway> {
    if let Ok(p) = normalise_label(s).parse::<Pathway>() {
        return Some(p);
    }
    let w = words(s);
    let has = |needle: &str| w.contains(needle);
    if has("lower") || w == "lgi" || has("colorectal") || has("colon") || w == "crc" {
        Some(Pathway::LowerGi)
    } else if has("upper") || w == "ugi" || w == "ogd" || has("oesophag") || has("gastroscopy") {
        Some(Pathway::UpperGi)
    } else if w == "ibd" || has("inflammatory bowel") || has("ibd ") {
        Some(Pathway::Ibd)
    } else if has("hepat") || has("liver") || w == "hpb" || w == "hep" {
        Some(Pathway::Hepatology)
    } else if has("general") || has("gastro") || w == "gi" {
        Some(Pathway::GeneralGi)
    } else {
        None
    }
}

/// Reads a CSV file of labelled referrals: a header row naming at least `text`, `urgency` and
/// `pathway` (any order, any case; `letter`/`referral_text` for text and `priority` for urgency
/// are accepted too), and optionally `id`. Fields follow RFC 4180: quoted fields may hold commas,
/// doubled quotes and line breaks. Labels are kept as written.
pub fn read_labelled_csv<R: Read>(mut reader: R) -> Result<Vec<LabelledExample>> {
    let mut raw = String::new();
    reader.read_to_string(&mut raw)?;
    let records = parse_csv(raw.trim_start_matches('\u{feff}'))?;
    let mut iter = records.into_iter();
    let Some((_, header)) = iter.next() else {
        return Err(Error::Csv {
            line: 1,
            reason: "the file is empty (expected a header row)".to_string(),
        });
    };
    let names: Vec<String> = header.iter().map(|h| normalise_label(h)).collect();
    let find = |column: &str, aliases: &[&str]| -> Result<usize> {
        names
            .iter()
            .position(|n| n == column || aliases.contains(&n.as_str()))
            .ok_or_else(|| Error::MissingColumn {
                column: column.to_string(),
                found: header.join(", "),
            })
    };
    let text_col = find("text", &["letter", "letter_text", "referral_text", "body"])?;
    let urgency_col = find("urgency", &["priority", "urgency_label"])?;
    let pathway_col = find("pathway", &["pathway_label", "clinic"])?;
    let id_col = names.iter().position(|n| n == "id");

    let mut out = Vec::new();
    for (line, fields) in iter {
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let get = |col: usize| -> Result<String> {
            fields.get(col).cloned().ok_or_else(|| Error::Csv {
                line,
                reason: format!(
                    "{} fields where the header has {}",
                    fields.len(),
                    header.len()
                ),
            })
        };
        out.push(LabelledExample {
            id: id_col.and_then(|c| fields.get(c).cloned()),
            text: get(text_col)?,
            urgency: get(urgency_col)?.trim().to_string(),
            pathway: get(pathway_col)?.trim().to_string(),
            line,
        });
    }
    Ok(out)
}

/// Splits RFC 4180 text into records of fields, each with the 1-based line it starts on.
fn parse_csv(text: &str) -> Result<Vec<(usize, Vec<String>)>> {
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut line = 1;
    let mut record_line = 1;
    let mut quote_line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                in_quotes = true;
                quote_line = line;
            }
            ',' => fields.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                records.push((record_line, std::mem::take(&mut fields)));
                line += 1;
                record_line = line;
            }
            c => field.push(c),
        }
    }
    if in_quotes {
        return Err(Error::Csv {
            line: quote_line,
            reason: "a quoted field is never closed".to_string(),
        });
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        records.push((record_line, fields));
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quoted_fields_with_commas_quotes_and_newlines() -> anyhow::Result<()> {
        let csv = "\u{feff}ID,Text,Urgency,Pathway\r\n\
                   1,\"Dear Dr, 67M \"\"PR bleed\"\"\nFIT 45\",2WW,Lower GI\r\n\
                   2,Dyspepsia age 30,A&G,Upper GI\n";
        let rows = read_labelled_csv(csv.as_bytes())?;
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].id.as_deref(), Some("1"));
        assert_eq!(rows[0].text, "Dear Dr, 67M \"PR bleed\"\nFIT 45");
        assert_eq!(
            rows[0].labels()?,
            (Urgency::UrgentSuspectedCancer, Pathway::LowerGi)
        );
        assert_eq!(rows[1].line, 4);
        assert_eq!(
            rows[1].labels()?,
            (Urgency::AdviceAndGuidance, Pathway::UpperGi)
        );
        Ok(())
    }

    #[test]
    fn missing_column_and_unclosed_quote_are_user_errors() {
        let err = read_labelled_csv("text,urgency\nx,routine\n".as_bytes());
        assert!(matches!(err, Err(Error::MissingColumn { ref column, .. }) if column == "pathway"));
        let err = read_labelled_csv("text,urgency,pathway\n\"x,routine,ibd\n".as_bytes());
        assert!(matches!(err, Err(Error::Csv { line: 2, .. })));
        let err = read_labelled_csv("text,urgency,pathway\nonly one field\n".as_bytes());
        assert!(matches!(err, Err(Error::Csv { line: 2, .. })));
    }

    #[test]
    fn loose_labels() {
        let u = |s| parse_urgency_loose(s);
        assert_eq!(u("2WW"), Some(Urgency::UrgentSuspectedCancer));
        assert_eq!(u("Two week wait"), Some(Urgency::UrgentSuspectedCancer));
        assert_eq!(
            u("Urgent Suspected Cancer"),
            Some(Urgency::UrgentSuspectedCancer)
        );
        assert_eq!(u("URGENT"), Some(Urgency::Urgent));
        assert_eq!(u("non-urgent"), Some(Urgency::Routine));
        assert_eq!(u("Routine"), Some(Urgency::Routine));
        assert_eq!(u("A&G"), Some(Urgency::AdviceAndGuidance));
        assert_eq!(u("Returned with advice"), Some(Urgency::AdviceAndGuidance));
        assert_eq!(u("maybe"), None);
        let p = |s| parse_pathway_loose(s);
        assert_eq!(p("Colorectal"), Some(Pathway::LowerGi));
        assert_eq!(p("UGI"), Some(Pathway::UpperGi));
        assert_eq!(p("IBD"), Some(Pathway::Ibd));
        assert_eq!(p("Liver"), Some(Pathway::Hepatology));
        assert_eq!(p("General Gastroenterology"), Some(Pathway::GeneralGi));
        assert_eq!(p("dermatology"), None);
    }
}
