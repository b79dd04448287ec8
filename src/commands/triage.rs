//! `paperlite triage`: read referral letters (text, PDF or scans) and print, one JSON object a
//! line, the model's urgency and pathway with calibrated probabilities, the red flags the
//! rule-based checker found, and whether the letter may be auto-routed.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use ::triage::model::{HeadPrediction, TriageModel};
use ::triage::routing::{route, Decision, RoutingPolicy};
use ::triage::RedFlagChecker;

use crate::config::{FileConfig, OcrArgs};

#[derive(Debug, Args)]
pub struct TriageArgs {
    /// Referral letters: UTF-8 text files, or PDFs and images (TIFF, PNG, JPEG), which are
    /// OCRed first.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Model directory (config.json, tokenizer.json, model.safetensors, routing.json).
    #[arg(long, env = "PAPERLITE_MODEL", default_value = "models/triage-gi")]
    pub model: PathBuf,
    #[command(flatten)]
    pub ocr: OcrArgs,
}

/// Label probabilities as a JSON object in the model's label order.
struct Probabilities<'a>(&'a [(String, f64)]);

impl Serialize for Probabilities<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (label, p) in self.0 {
            map.serialize_entry(label, &((p * 1e6).round() / 1e6))?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct HeadJson<'a> {
    label: &'a str,
    probabilities: Probabilities<'a>,
}

impl<'a> From<&'a HeadPrediction> for HeadJson<'a> {
    fn from(h: &'a HeadPrediction) -> Self {
        HeadJson {
            label: &h.label,
            probabilities: Probabilities(&h.probabilities),
        }
    }
}

#[derive(Serialize)]
struct FlagJson<'a> {
    rule: String,
    start: usize,
    end: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct LetterJson<'a> {
    file: &'a str,
    urgency: HeadJson<'a>,
    pathway: HeadJson<'a>,
    red_flags: Vec<FlagJson<'a>>,
    decision: Decision,
    reason: &'a str,
}

#[derive(Serialize)]
struct ErrorJson<'a> {
    file: &'a str,
    error: &'a str,
}

pub fn run(args: TriageArgs, file: &FileConfig) -> anyhow::Result<ExitCode> {
    let model = TriageModel::load(&args.model)
        .with_context(|| format!("cannot load the triage model from {}", args.model.display()))?;
    let policy = RoutingPolicy::load(&args.model).with_context(|| {
        format!(
            "cannot load the routing policy from {}",
            args.model.display()
        )
    })?;
    let checker = RedFlagChecker::new();
    let ocr_config = args.ocr.ocr_config(file);
    let workers = args.ocr.workers(file);
    let mut failures = 0;
    for path in &args.files {
        let name = path.display().to_string();
        let outcome = read_letter(path, &ocr_config, workers).and_then(|text| {
            let prediction = model
                .predict(&text)
                .map_err(|e| format!("triage failed: {e}"))?;
            Ok((text, prediction))
        });
        match outcome {
            Ok((text, prediction)) => {
                let t = route(&policy, &checker, prediction, &text);
                let line = LetterJson {
                    file: &name,
                    urgency: (&t.prediction.urgency).into(),
                    pathway: (&t.prediction.pathway).into(),
                    red_flags: t
                        .check
                        .red_flags
                        .iter()
                        .map(|f| FlagJson {
                            rule: f.rule.to_string(),
                            start: f.start,
                            end: f.end,
                            text: &f.text,
                        })
                        .collect(),
                    decision: t.routing.decision,
                    reason: &t.routing.reason,
                };
                println!("{}", serde_json::to_string(&line)?);
            }
            Err(reason) => {
                failures += 1;
                let line = ErrorJson {
                    file: &name,
                    error: &reason,
                };
                println!("{}", serde_json::to_string(&line)?);
                eprintln!("FAILED {name}: {reason}");
            }
        }
    }
    Ok(if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(super::scan::EXIT_SOME_FAILED)
    })
}

/// A referral letter is a few kilobytes; refuse text files far beyond that.
const MAX_TEXT_BYTES: usize = 2 * 1024 * 1024;

/// The letter's text: a scan or PDF is OCRed (pages joined by blank lines), anything else
/// must be UTF-8 text.
fn read_letter(
    path: &std::path::Path,
    config: &ocr::OcrConfig,
    workers: usize,
) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    if bytes.is_empty() {
        return Err("empty file".to_string());
    }
    let text = if ocr::Format::sniff(&bytes).is_ok() {
        let pages =
            ocr::recognize_file(&bytes, config, workers).map_err(|e| format!("OCR failed: {e}"))?;
        pages
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    } else if bytes.len() > MAX_TEXT_BYTES {
        return Err(format!(
            "text file of {} bytes is too large for a letter (limit {MAX_TEXT_BYTES})",
            bytes.len()
        ));
    } else {
        String::from_utf8(bytes)
            .map_err(|_| "not UTF-8 text, a PDF or a TIFF/PNG/JPEG image".to_string())?
    };
    if text.trim().is_empty() {
        return Err("no text found in the letter".to_string());
    }
    Ok(text)
}
