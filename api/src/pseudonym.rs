//! Pseudonymised letter text for the training-data export: identifiers are replaced by
//! typed placeholders (`[NAME]`, `[DATE_OF_BIRTH]`, `[NHS_NUMBER]`, `[ADDRESS]`,
//! `[POSTCODE]`, `[PHONE]`, `[EMAIL]`, `[REFERENCE]`), the clinical text is kept.
//!
//! What is replaced:
//! - labelled header lines (`Patient:`, `Name:`, `Re:`, `Address:`, `Date of birth:`,
//!   `NHS number:`, `UBRN:`, `Hospital number:`, `Tel:`, ...): the value after the label;
//!   on a date-of-birth line only the date, so `Sex: Female` stays;
//! - the patient's names from those lines wherever else they occur, and any titled name
//!   (`Mrs Karen Khan`, `Dr A Patel`);
//! - NHS-number-shaped digit groups, postcodes (with the rest of their address line),
//!   street address lines, telephone numbers and e-mail addresses anywhere;
//! - the date of birth wherever else it is written in the same form.

use std::sync::OnceLock;

use regex::Regex;

struct Patterns {
    label: Regex,
    titled_name: Regex,
    nhs_number: Regex,
    postcode: Regex,
    street: Regex,
    phone: Regex,
    email: Regex,
    date: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let re = |p: &str| Regex::new(p).expect("pseudonymiser pattern");
        Patterns {
            label: re(r"(?i)^(\s*)(patient name|patient|name|re|address|date of birth|d\.?o\.?b\.?|nhs (?:number|no\.?)|ubrn|hospital (?:number|no\.?)|mrn|tel(?:ephone)?|phone|mobile|e-?mail|postcode|next of kin)(\s*[:\-]\s*)(.*)$"),
            titled_name: re(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+(?:[A-Z]\.?\s+)*[A-Z][A-Za-z'\-]+(?:\s+[A-Z][A-Za-z'\-]+)?"),
            nhs_number: re(r"\b\d{3}[ \-]?\d{3}[ \-]?\d{4}\b"),
            postcode: re(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"),
            street: re(r"(?i)^\s*(?:flat\s+\d+,?\s*)?\d+[a-z]?,?\s+[a-z][a-z'\- ]+\s(?:road|rd|street|st|avenue|ave|lane|close|drive|way|crescent|place|gardens|court|terrace|grove|walk|row|square|hill|park)\b"),
            phone: re(r"(?:\+44\s?|\b0)\d{2,4}[ \-]?\d{3,4}[ \-]?\d{3,4}\b"),
            email: re(r"\b[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+\b"),
            date: re(r"(?i)\b\d{1,2}(?:st|nd|rd|th)?[ ./\-](?:\d{1,2}|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*)[ ./\-]\d{2,4}\b"),
        }
    })
}

/// The placeholder for a labelled value.
fn placeholder_for(label: &str) -> &'static str {
    let label = label.to_ascii_lowercase();
    if label.starts_with("patient") || label == "name" || label == "re" || label == "next of kin" {
        "[NAME]"
    } else if label.starts_with("address") {
        "[ADDRESS]"
    } else if label.starts_with("date of birth") || label.starts_with('d') {
        "[DATE_OF_BIRTH]"
    } else if label.starts_with("nhs") {
        "[NHS_NUMBER]"
    } else if label.starts_with("postcode") {
        "[POSTCODE]"
    } else if label.starts_with('e') {
        "[EMAIL]"
    } else if label.starts_with("tel") || label == "phone" || label == "mobile" {
        "[PHONE]"
    } else {
        "[REFERENCE]"
    }
}

/// Name words of a labelled name value (`KHAN, Karen (Miss)` gives `KHAN`, `Karen`).
fn name_words(value: &str) -> Vec<String> {
    const TITLES: [&str; 7] = ["mr", "mrs", "ms", "miss", "mx", "dr", "prof"];
    value
        .split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '-'))
        .filter(|w| w.chars().count() >= 2 && !TITLES.contains(&w.to_lowercase().as_str()))
        .map(str::to_string)
        .collect()
}

/// The letter with its identifiers replaced by typed placeholders.
pub fn pseudonymise(text: &str) -> String {
    let p = patterns();
    let mut names: Vec<String> = Vec::new();
    let mut birth_dates: Vec<String> = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        if let Some(c) = p.label.captures(line) {
            let (indent, label, sep, value) = (&c[1], &c[2], &c[3], &c[4]);
            let placeholder = placeholder_for(label);
            let replaced = match placeholder {
                "[NAME]" => {
                    names.extend(name_words(value));
                    placeholder.to_string()
                }
                "[DATE_OF_BIRTH]" if p.date.is_match(value) => {
                    birth_dates.extend(p.date.find_iter(value).map(|m| m.as_str().to_string()));
                    p.date.replace_all(value, placeholder).into_owned()
                }
                _ if value.trim().is_empty() => String::new(),
                _ => placeholder.to_string(),
            };
            lines.push(format!("{indent}{label}{sep}{replaced}"));
            continue;
        }
        if p.postcode.is_match(line) || p.street.is_match(line) {
            lines.push("[ADDRESS]".to_string());
            continue;
        }
        lines.push(line.to_string());
    }
    let mut out = lines.join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    out = p.email.replace_all(&out, "[EMAIL]").into_owned();
    out = p.titled_name.replace_all(&out, "[NAME]").into_owned();
    out = p.nhs_number.replace_all(&out, "[NHS_NUMBER]").into_owned();
    out = p.phone.replace_all(&out, "[PHONE]").into_owned();
    for date in &birth_dates {
        out = out.replace(date.as_str(), "[DATE_OF_BIRTH]");
    }
    names.sort();
    names.dedup();
    for name in &names {
        let word = Regex::new(&format!(r"(?i)\b{}\b", regex::escape(name)));
        if let Ok(word) = word {
            out = word.replace_all(&out, "[NAME]").into_owned();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LETTER: &str = "NHS e-Referral Service - Referral Letter\nUBRN: 7840 9295 4884\n\
        Service: Gastroenterology\n\nPatient: KHAN, Karen (Miss)\nNHS number: 999 279 8440\n\
        Date of birth: 10-Apr-1958   Sex: Female\nAddress: 12 Mill Lane, Leeds LS6 2AB\n\
        Tel: 0113 496 0000\n\nClinical details:\nMiss Khan complains of dysphagia. Karen was \
        born 10-Apr-1958. Ferritin 8.\n14 Church Road\nLS1 4AB\nContact karen.khan@example.org\n";

    #[test]
    fn identifiers_become_typed_placeholders_and_clinical_text_stays() {
        let out = pseudonymise(LETTER);
        for identifier in [
            "KHAN",
            "Khan",
            "Karen",
            "999 279 8440",
            "10-Apr-1958",
            "Mill Lane",
            "LS6 2AB",
            "0113 496 0000",
            "Church Road",
            "LS1 4AB",
            "7840 9295 4884",
            "example.org",
        ] {
            assert!(!out.contains(identifier), "{identifier} left in:\n{out}");
        }
        for kept in [
            "Patient: [NAME]",
            "NHS number: [NHS_NUMBER]",
            "Date of birth: [DATE_OF_BIRTH]   Sex: Female",
            "Address: [ADDRESS]",
            "Service: Gastroenterology",
            "complains of dysphagia",
            "Ferritin 8.",
            "[EMAIL]",
        ] {
            assert!(out.contains(kept), "{kept} missing:\n{out}");
        }
    }
}
