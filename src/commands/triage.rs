//! `paperlite triage`: read referral letters (text, PDF or scans) and print, one JSON object a
//! line, the decision the service would store (`triage::decision`): the rules' urgency and
//! pathway with the deciding rule and its evidence spans, every fact read with its assertion,
//! the red flags, the model's probabilities when a model is used, and whether the letter may
//! be auto-routed, with the reason.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use ::triage::decision::{Decider, DecisionConfig, ModelRole, TriageDecision};
use ::triage::encoder::{EncoderTriage, DEFAULT_ENCODER_DIR, DEFAULT_HEAD_DIR};
use ::triage::model::{HeadPrediction, TriageModel};
use ::triage::routing::{Decision, RoutingPolicy};

use crate::config::{FileConfig, OcrArgs};

#[derive(Debug, Args)]
pub struct TriageArgs {
    /// Referral letters: UTF-8 text files, or PDFs and images (TIFF, PNG, JPEG), which are
    /// OCRed first.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Model directory (config.json, tokenizer.json, model.safetensors, routing.json).
    /// Default: models/triage-gi in the current directory, else beside the installed binary
    /// (or in ../share/paperlite/), else the copy shipped inside the binary.
    #[arg(long, env = "PAPERLITE_MODEL")]
    pub model: Option<PathBuf>,
    /// What the model does in the decision: `off` (the rules and routing checks decide; the
    /// model's probabilities are only reported), `veto` (it may also send a letter to review,
    /// never change its labels), or, with the pretrained encoder, `escalate` (it may only
    /// raise the urgency), `fallback` (it chooses routine or advice-and-guidance and the
    /// pathway where the rules fall to D) or `escalate_fallback`.
    #[arg(long, env = "PAPERLITE_MODEL_ROLE", default_value = "off")]
    pub model_role: ModelRole,
    #[command(flatten)]
    pub encoder: EncoderArgs,
    /// Do not load a model at all (rules and routing checks only; no probabilities).
    #[arg(long)]
    pub no_model: bool,
    #[command(flatten)]
    pub ocr: OcrArgs,
}

/// Where the pretrained encoder and its head are (only read for the encoder roles).
#[derive(Debug, Clone, Args)]
pub struct EncoderArgs {
    /// The pretrained encoder all-MiniLM-L6-v2 (config.json, tokenizer.json,
    /// model.safetensors), as `scripts/install.sh` installs it. Default:
    /// models/all-minilm-l6-v2 here or beside the installed binary.
    #[arg(long, env = "PAPERLITE_ENCODER")]
    pub encoder: Option<PathBuf>,
    /// The encoder's trained head (head.json, head.safetensors). Default:
    /// models/triage-minilm-head here or beside the installed binary.
    #[arg(long, env = "PAPERLITE_ENCODER_HEAD")]
    pub encoder_head: Option<PathBuf>,
}

impl EncoderArgs {
    /// Loads the encoder and its head.
    pub fn load(&self) -> anyhow::Result<EncoderTriage> {
        let encoder = self
            .encoder
            .clone()
            .unwrap_or_else(|| find_models_dir(DEFAULT_ENCODER_DIR, "model.safetensors"));
        let head = self
            .encoder_head
            .clone()
            .unwrap_or_else(|| find_models_dir(DEFAULT_HEAD_DIR, "head.safetensors"));
        EncoderTriage::load(&encoder, &head).with_context(|| {
            format!(
                "cannot load the pretrained encoder from {} with the head in {}",
                encoder.display(),
                head.display()
            )
        })
    }
}

/// `rel` (e.g. `models/all-minilm-l6-v2`) in the current directory, else beside the
/// executable (or its `../share/paperlite/`, or up to three folders above it), whichever
/// holds `file`; the relative path when none does (its error then names it).
fn find_models_dir(rel: &str, file: &str) -> PathBuf {
    let rel = Path::new(rel);
    let mut candidates = vec![rel.to_path_buf()];
    if let Ok(exe) = std::env::current_exe() {
        let exe = exe.canonicalize().unwrap_or(exe);
        if let Some(dir) = exe.parent() {
            candidates.push(dir.join(rel));
            candidates.push(dir.join("..").join("share").join("paperlite").join(rel));
            for up in dir.ancestors().skip(1).take(3) {
                candidates.push(up.join(rel));
            }
        }
    }
    candidates
        .into_iter()
        .find(|d| d.join(file).is_file())
        .unwrap_or_else(|| rel.to_path_buf())
}

/// The model directory's files, as shipped inside the binary.
const EMBEDDED_CONFIG: &[u8] = include_bytes!("../../models/triage-gi/config.json");
const EMBEDDED_TOKENIZER: &[u8] = include_bytes!("../../models/triage-gi/tokenizer.json");
const EMBEDDED_WEIGHTS: &[u8] = include_bytes!("../../models/triage-gi/model.safetensors");
const EMBEDDED_ROUTING: &str = include_str!("../../models/triage-gi/routing.json");

/// The default model's directory name under `models/`.
const DEFAULT_MODEL: &str = "triage-gi";

/// Where the model came from, for messages and reports.
pub enum ModelSource {
    Dir(PathBuf),
    Embedded,
}

impl std::fmt::Display for ModelSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModelSource::Dir(d) => write!(f, "{}", d.display()),
            ModelSource::Embedded => write!(f, "the model built into this binary"),
        }
    }
}

/// The default model: `models/triage-gi` in the current directory, beside the executable
/// (or its `../share/paperlite/`, or up to three folders above it: a `target/release` build
/// run from elsewhere), else the embedded copy.
pub fn default_model_source() -> ModelSource {
    let rel = Path::new("models").join(DEFAULT_MODEL);
    let mut candidates = vec![rel.clone()];
    if let Ok(exe) = std::env::current_exe() {
        let exe = exe.canonicalize().unwrap_or(exe);
        if let Some(dir) = exe.parent() {
            candidates.push(dir.join(&rel));
            candidates.push(dir.join("..").join("share").join("paperlite").join(&rel));
            for up in dir.ancestors().skip(1).take(3) {
                candidates.push(up.join(&rel));
            }
        }
    }
    candidates
        .into_iter()
        .find(|d| d.join("config.json").is_file() && d.join("model.safetensors").is_file())
        .map_or(ModelSource::Embedded, ModelSource::Dir)
}

/// Loads the model and its routing policy from `source`.
pub fn load_model(source: &ModelSource) -> anyhow::Result<(TriageModel, RoutingPolicy)> {
    match source {
        ModelSource::Dir(dir) => {
            let model = TriageModel::load(dir)
                .with_context(|| format!("cannot load the triage model from {}", dir.display()))?;
            let policy = RoutingPolicy::load(dir).with_context(|| {
                format!("cannot load the routing policy from {}", dir.display())
            })?;
            Ok((model, policy))
        }
        ModelSource::Embedded => {
            let model = TriageModel::from_bytes(
                EMBEDDED_CONFIG,
                EMBEDDED_TOKENIZER.to_vec(),
                EMBEDDED_WEIGHTS,
            )
            .context("cannot load the built-in triage model")?;
            let policy = RoutingPolicy::from_json(EMBEDDED_ROUTING)
                .context("cannot load the built-in routing policy")?;
            Ok((model, policy))
        }
    }
}

/// The decider for `--model` / `--model-role` (and the encoder for its roles).
pub fn load_decider(
    model: Option<&Path>,
    role: ModelRole,
    no_model: bool,
    encoder: &EncoderArgs,
) -> anyhow::Result<Decider> {
    if no_model {
        anyhow::ensure!(
            role == ModelRole::Off,
            "--no-model goes only with --model-role off"
        );
        return Ok(Decider::rules_only());
    }
    let decider = load_model_decider(model, role)?;
    if role.uses_encoder() {
        return Ok(decider.with_encoder(encoder.load()?));
    }
    Ok(decider)
}

fn load_model_decider(model: Option<&Path>, role: ModelRole) -> anyhow::Result<Decider> {
    let source = model.map_or_else(default_model_source, |d| ModelSource::Dir(d.to_path_buf()));
    let (model, policy) = load_model(&source)?;
    let config = DecisionConfig {
        model_role: role,
        ..DecisionConfig::default()
    };
    Ok(Decider::with_model(model, policy, config))
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

/// A head of the decision: its label (the rules') and, with a model, the model's calibrated
/// probabilities and its own top label.
#[derive(Serialize)]
struct HeadJson<'a> {
    label: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    model_label: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    probabilities: Option<Probabilities<'a>>,
}

fn head<'a>(label: &'a str, model: Option<&'a HeadPrediction>) -> HeadJson<'a> {
    HeadJson {
        label,
        model_label: model.map(|h| h.label.as_str()),
        probabilities: model.map(|h| Probabilities(&h.probabilities)),
    }
}

#[derive(Serialize)]
struct SpanJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fact: Option<&'a str>,
    start: usize,
    end: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct LetterJson<'a> {
    file: &'a str,
    urgency: HeadJson<'a>,
    pathway: HeadJson<'a>,
    rule: String,
    evidence: Vec<SpanJson<'a>>,
    red_flags: Vec<SpanJson<'a>>,
    decision: Decision,
    reason: &'a str,
    /// What sent the letter to review, one kind each (none when auto-routed).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    holds: &'a [::triage::Hold],
    facts: &'a [::triage::Fact],
    /// Words that may name a red flag, asserted and read by no fact (the routing guard's word
    /// screen): each kept the letter from auto-routing.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    unread: &'a [::triage::redflags::UnreadWord],
}

#[derive(Serialize)]
struct ErrorJson<'a> {
    file: &'a str,
    error: &'a str,
}

fn letter_json<'a>(file: &'a str, d: &'a TriageDecision) -> LetterJson<'a> {
    let p = d.prediction.as_ref();
    LetterJson {
        file,
        urgency: head(d.urgency.as_str(), p.map(|p| &p.urgency)),
        pathway: head(d.pathway.as_str(), p.map(|p| &p.pathway)),
        rule: d.rule.to_string(),
        evidence: d
            .evidence
            .iter()
            .map(|e| SpanJson {
                rule: None,
                fact: Some(&e.fact),
                start: e.start,
                end: e.end,
                text: &e.text,
            })
            .collect(),
        red_flags: d
            .check
            .red_flags
            .iter()
            .map(|f| SpanJson {
                rule: Some(f.rule.to_string()),
                fact: Some(&f.fact),
                start: f.start,
                end: f.end,
                text: &f.text,
            })
            .collect(),
        decision: d.decision,
        reason: &d.reason,
        holds: &d.holds,
        facts: &d.check.mentions,
        unread: &d.check.unread,
    }
}

pub fn run(args: TriageArgs, file: &FileConfig) -> anyhow::Result<ExitCode> {
    let decider = load_decider(
        args.model.as_deref(),
        args.model_role,
        args.no_model,
        &args.encoder,
    )?;
    let ocr_config = args.ocr.ocr_config(file);
    let workers = args.ocr.workers(file);
    // Started on the first scan among the letters, then kept for the rest.
    let mut pool: Option<ocr::OcrPool> = None;
    let mut failures = 0;
    for path in &args.files {
        let name = path.display().to_string();
        let outcome = read_letter(path, &ocr_config, workers, &mut pool).and_then(|text| {
            decider
                .decide(&text)
                .map_err(|e| format!("triage failed: {e}"))
        });
        match outcome {
            Ok(d) => println!("{}", serde_json::to_string(&letter_json(&name, &d))?),
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
    path: &Path,
    config: &ocr::OcrConfig,
    workers: usize,
    pool: &mut Option<ocr::OcrPool>,
) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    if bytes.is_empty() {
        return Err("empty file".to_string());
    }
    let text = if ocr::Format::sniff(&bytes).is_ok() {
        let pool = match pool {
            Some(p) => p,
            None => pool.insert(
                ocr::OcrPool::new(config, workers).map_err(|e| format!("OCR failed: {e}"))?,
            ),
        };
        let pages = pool
            .recognize_file(&bytes, config)
            .map_err(|e| format!("OCR failed: {e}"))?;
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
