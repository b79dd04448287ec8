//! Labelled letters to evaluate on: a JSON Lines file (the generator's own records or a
//! trust's), a CSV export, or letters generated on the spot.

use std::io::BufRead;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use triage::labelled::{age_band, ReferralLetter};

use super::TriageEvalError;

/// One labelled letter, with what is known about where it came from (for the slices).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelledLetter {
    pub id: String,
    pub text: String,
    pub urgency: String,
    pub pathway: String,
    /// Letter form or source: `style`, `source` or `group` in the file.
    pub source: Option<String>,
    /// "18-29", "30-39", ..., "80+": `age_band` in the file, or derived from `age`.
    pub age_band: Option<String>,
    /// Whether the text came through OCR: `ocr` in the file, or the generator's `ocr_noise`.
    pub ocr: Option<bool>,
}

impl From<&ReferralLetter> for LabelledLetter {
    fn from(l: &ReferralLetter) -> LabelledLetter {
        LabelledLetter {
            id: l.id.clone(),
            text: l.text.clone(),
            urgency: l.urgency.to_string(),
            pathway: l.pathway.to_string(),
            source: Some(l.style.to_string()),
            age_band: Some(l.age_band.clone()),
            ocr: Some(l.ocr_noise),
        }
    }
}

/// Reads labelled letters: `.csv` through `triage::model::read_examples` (columns `text`,
/// `urgency`, `pathway`), anything else as JSON Lines.
///
/// Each JSON line is an object with `text`, `urgency` and `pathway` (strings) and optionally
/// `id`, `style`/`source`/`group`, `age_band` or `age` (years), and `ocr` (or the generator's
/// `ocr_noise`), a boolean saying whether the text came through OCR. Other fields are
/// ignored, so files written by the generator (`paperlite eval triage --save-data`) read as
/// they are. A letter without an id gets `line-N`.
pub fn read_labelled(path: &Path) -> Result<Vec<LabelledLetter>, TriageEvalError> {
    let io = |source| TriageEvalError::Io {
        path: path.to_path_buf(),
        source,
    };
    let is_csv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv {
        let examples = triage::model::read_examples(path)?;
        return Ok(examples
            .into_iter()
            .enumerate()
            .map(|(i, e)| LabelledLetter {
                id: format!("row-{}", i + 1),
                text: e.text,
                urgency: e.urgency,
                pathway: e.pathway,
                source: e.group,
                age_band: None,
                ocr: None,
            })
            .collect());
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let mut out = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(io)?;
        if line.trim().is_empty() {
            continue;
        }
        let bad = |reason: String| TriageEvalError::InvalidData {
            path: path.to_path_buf(),
            line: i + 1,
            reason,
        };
        let value: Value = serde_json::from_str(&line).map_err(|e| bad(e.to_string()))?;
        out.push(letter_from_json(&value, i + 1).map_err(bad)?);
    }
    Ok(out)
}

fn letter_from_json(v: &Value, line: usize) -> Result<LabelledLetter, String> {
    if !v.is_object() {
        return Err("not a JSON object".to_string());
    }
    let required = |key: &str| -> Result<String, String> {
        match v.get(key).and_then(Value::as_str) {
            Some(s) if !s.trim().is_empty() => Ok(s.trim().to_string()),
            _ => Err(format!("no {key:?} (a non-empty string is required)")),
        }
    };
    let text = match v.get("text").and_then(Value::as_str) {
        Some(s) if !s.trim().is_empty() => s.to_string(),
        _ => return Err("no \"text\" (a non-empty string is required)".to_string()),
    };
    let id = match v.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => format!("line-{line}"),
    };
    let source = ["style", "source", "group"]
        .iter()
        .find_map(|k| v.get(*k).and_then(Value::as_str).map(str::to_string));
    let age = v
        .get("age")
        .or_else(|| v.get("facts").and_then(|f| f.get("age")))
        .and_then(Value::as_u64);
    let age_band = v
        .get("age_band")
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| age.map(|a| age_band(u32::try_from(a).unwrap_or(u32::MAX))));
    let ocr = match v.get("ocr").or_else(|| v.get("ocr_noise")) {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(other) => return Err(format!("\"ocr\" must be true or false, not {other}")),
    };
    Ok(LabelledLetter {
        id,
        text,
        urgency: required("urgency")?,
        pathway: required("pathway")?,
        source,
        age_band,
        ocr,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_generator_records_and_plain_ones() -> anyhow::Result<()> {
        let letters = synthetic::generate(&synthetic::CorpusConfig::new(5, 3))?;
        let mut buf = Vec::new();
        triage::labelled::write_jsonl(&mut buf, &letters)?;
        buf.extend_from_slice(
            b"\n{\"text\": \"Dear Dr\", \"urgency\": \"routine\", \"pathway\": \"ibd\", \
              \"age\": 52, \"ocr\": true, \"source\": \"fax\"}\n",
        );
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("letters.jsonl");
        std::fs::write(&path, &buf)?;
        let read = read_labelled(&path)?;
        assert_eq!(read.len(), 4);
        assert_eq!(read[0], LabelledLetter::from(&letters[0]));
        assert_eq!(read[3].id, "line-5");
        assert_eq!(read[3].age_band.as_deref(), Some("50-59"));
        assert_eq!(read[3].ocr, Some(true));
        assert_eq!(read[3].source.as_deref(), Some("fax"));
        Ok(())
    }

    #[test]
    fn a_bad_line_names_its_number_and_what_is_missing() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("bad.jsonl");
        std::fs::write(
            &path,
            "{\"text\": \"a\", \"urgency\": \"urgent\", \"pathway\": \"ibd\"}\n{\"text\": \"b\", \"urgency\": \"urgent\"}\n",
        )?;
        let err = read_labelled(&path).expect_err("line 2 has no pathway");
        let msg = err.to_string();
        assert!(msg.contains("line 2") && msg.contains("pathway"), "{msg}");
        Ok(())
    }
}
