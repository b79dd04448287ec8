//! JSON Lines files of referral letters: one [`ReferralLetter`] object a line.
//!
//! Each line carries `id`, `text`, `urgency`, `pathway`, `style`, `rule` and the metadata
//! (`variant`, `gp_priority`, `ocr_noise`, `age_stated`, `age_band`, `facts`, `header`).

use std::io::{BufRead, Write};

use super::ReferralLetter;
use crate::error::{Error, Result};

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
    use crate::corpus::{generate, CorpusConfig};

    #[test]
    fn round_trip_and_field_names() -> anyhow::Result<()> {
        let letters = generate(&CorpusConfig::new(1, 20))?;
        let mut buf = Vec::new();
        write_jsonl(&mut buf, &letters)?;
        let back = read_jsonl(buf.as_slice())?;
        assert_eq!(back, letters);
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
}
