//! Training examples: text plus two labels as written, from the generator, a JSONL file or a
//! trust's CSV export. The label sets are whatever the data contains.

use std::collections::BTreeSet;
use std::io::BufRead;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::dataset::{parse_urgency_loose, read_labelled_csv, LabelledExample};
use crate::error::{Error, Result};
use crate::labelled::ReferralLetter;
use crate::labels::{Pathway, Urgency};

use super::training_rng;

/// One labelled letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Example {
    pub text: String,
    pub urgency: String,
    pub pathway: String,
    /// The letter's form or source (the generator's style), for leave-one-group-out splits.
    #[serde(default, alias = "style")]
    pub group: Option<String>,
}

impl From<&ReferralLetter> for Example {
    fn from(l: &ReferralLetter) -> Example {
        Example {
            text: l.text.clone(),
            urgency: l.urgency.to_string(),
            pathway: l.pathway.to_string(),
            group: Some(l.style.to_string()),
        }
    }
}

impl From<LabelledExample> for Example {
    fn from(l: LabelledExample) -> Example {
        Example {
            text: l.text,
            urgency: l.urgency.trim().to_string(),
            pathway: l.pathway.trim().to_string(),
            group: None,
        }
    }
}

/// Reads examples from a `.csv` file (`text,urgency,pathway`, see
/// [`crate::dataset::read_labelled_csv`]) or a JSON Lines file (one object a line with
/// `text`, `urgency`, `pathway` and optionally `style`/`group`; other fields are ignored, so
/// the generator's own JSONL works).
pub fn read_examples(path: &Path) -> Result<Vec<Example>> {
    let is_csv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let file = std::fs::File::open(path)?;
    let examples = if is_csv {
        read_labelled_csv(file)?
            .into_iter()
            .map(Example::from)
            .collect()
    } else {
        read_examples_jsonl(std::io::BufReader::new(file))?
    };
    if let Some((i, _)) = examples.iter().enumerate().find(|(_, e)| {
        e.text.trim().is_empty() || e.urgency.trim().is_empty() || e.pathway.trim().is_empty()
    }) {
        return Err(Error::Data(format!(
            "record {} has an empty text, urgency or pathway",
            i + 1
        )));
    }
    Ok(examples)
}

/// Reads JSON Lines examples; blank lines are skipped.
pub fn read_examples_jsonl<R: BufRead>(reader: R) -> Result<Vec<Example>> {
    let mut out = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let e: Example = serde_json::from_str(&line).map_err(|source| Error::Json {
            line: i + 1,
            source,
        })?;
        out.push(e);
    }
    Ok(out)
}

/// The distinct labels, the spec's labels first in the spec's order, then any others
/// alphabetically.
pub(crate) fn label_set<'a>(labels: impl Iterator<Item = &'a str>, urgency: bool) -> Vec<String> {
    let distinct: BTreeSet<&str> = labels.collect();
    let rank = |l: &str| -> usize {
        if urgency {
            l.parse::<Urgency>()
                .ok()
                .and_then(|u| Urgency::ALL.iter().position(|x| *x == u))
                .unwrap_or(usize::MAX)
        } else {
            l.parse::<Pathway>()
                .ok()
                .and_then(|p| Pathway::ALL.iter().position(|x| *x == p))
                .unwrap_or(usize::MAX)
        }
    };
    let mut v: Vec<&str> = distinct.into_iter().collect();
    v.sort_by_key(|l| (rank(l), l.to_string()));
    v.into_iter().map(str::to_string).collect()
}

/// The urgency labels whose spelling reads as routine or advice and guidance.
pub(crate) fn low_risk_labels(urgency_labels: &[String]) -> Vec<String> {
    urgency_labels
        .iter()
        .filter(|l| parse_urgency_loose(l).is_some_and(Urgency::is_low_risk))
        .cloned()
        .collect()
}

/// Label indices of every example.
pub(crate) fn label_indices(
    examples: &[Example],
    urgency_labels: &[String],
    pathway_labels: &[String],
) -> Result<(Vec<usize>, Vec<usize>)> {
    let find = |labels: &[String], l: &str| labels.iter().position(|x| x == l);
    let mut u = Vec::with_capacity(examples.len());
    let mut p = Vec::with_capacity(examples.len());
    for e in examples {
        u.push(
            find(urgency_labels, &e.urgency)
                .ok_or_else(|| Error::UnknownUrgency(e.urgency.clone()))?,
        );
        p.push(
            find(pathway_labels, &e.pathway)
                .ok_or_else(|| Error::UnknownPathway(e.pathway.clone()))?,
        );
    }
    Ok((u, p))
}

/// A seeded random split of `0..n` into consecutive parts of the given fractions (the last
/// part takes the rest).
pub fn split_indices(n: usize, fractions: &[f64], seed: u64) -> Vec<Vec<usize>> {
    let mut idx: Vec<usize> = (0..n).collect();
    training_rng(seed).shuffle(&mut idx);
    let mut out = Vec::with_capacity(fractions.len() + 1);
    let mut start = 0;
    for f in fractions {
        let len = ((n as f64) * f).round() as usize;
        let end = (start + len).min(n);
        out.push(idx[start..end].to_vec());
        start = end;
    }
    out.push(idx[start..].to_vec());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_keep_spec_order_and_extra_labels_sort_after() {
        let v = label_set(
            ["routine", "zebra", "urgent", "advice_and_guidance", "alpha"].into_iter(),
            true,
        );
        assert_eq!(
            v,
            ["urgent", "routine", "advice_and_guidance", "alpha", "zebra"]
        );
        assert_eq!(
            low_risk_labels(&["2WW".into(), "Routine".into(), "A&G".into(), "x".into()]),
            ["Routine", "A&G"]
        );
    }

    #[test]
    fn jsonl_reads_generator_records_and_plain_ones() -> anyhow::Result<()> {
        // A record as the generator writes it (extra fields are ignored) and a plain one.
        let buf = concat!(
            "{\"id\": \"syn-000001\", \"text\": \"S: bloody diarrhoea x3/52\", ",
            "\"urgency\": \"urgent\", \"pathway\": \"ibd\", \"style\": \"soap_note\", ",
            "\"rule\": \"R1\", \"variant\": 1, \"gp_priority\": null, \"ocr_noise\": false, ",
            "\"facts\": {\"age\": 34}, \"header\": {\"title\": \"Ms\"}}\n",
            "\n",
            "{\"text\": \"t\", \"urgency\": \"Soon\", \"pathway\": \"Liver\"}\n",
        );
        let ex = read_examples_jsonl(buf.as_bytes())?;
        assert_eq!(ex.len(), 2);
        assert_eq!(ex[0].group.as_deref(), Some("soap_note"));
        assert_eq!(ex[0].urgency, "urgent");
        assert_eq!(ex[1].urgency, "Soon");
        assert_eq!(ex[1].group, None);
        Ok(())
    }

    #[test]
    fn split_is_a_partition() {
        let parts = split_indices(100, &[0.7, 0.1, 0.1], 3);
        assert_eq!(parts.len(), 4);
        assert_eq!(
            parts.iter().map(Vec::len).collect::<Vec<_>>(),
            [70, 10, 10, 10]
        );
        let mut all: Vec<usize> = parts.concat();
        all.sort_unstable();
        assert_eq!(all, (0..100).collect::<Vec<_>>());
    }
}
