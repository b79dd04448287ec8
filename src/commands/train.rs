//! `paperlite train`: train a triage model (tokenizer, transformer, calibration, routing
//! threshold) and write it with its model card.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use indicatif::ProgressBar;

use ::synthetic::{generate, CorpusConfig};
use ::triage::labelled::{LetterStyle, ReferralLetter};
use ::triage::model::card::{measure_speed, render_model_card, CardExtras, LosoRow};
use ::triage::model::evaluate::{threshold_accuracy, threshold_cases};
use ::triage::model::pipeline::{self, PipelineConfig};
use ::triage::model::{
    read_examples, EvalInfo, Example, NumberEncoding, StepInfo, TrainConfig, TrainProgress,
    WEIGHTS_FILE,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Numbers {
    /// Single digits with a place embedding (units, tens, hundreds, ...).
    Digits,
    /// Numbers as ordinary WordPiece tokens (the baseline).
    Plain,
}

#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Labelled letters: a JSONL or CSV file with text, urgency and pathway columns (any
    /// label names; JSONL may add `style`), or `generated` for the built-in synthetic corpus.
    #[arg(long, env = "PAPERLITE_TRAIN_DATA")]
    pub data: Option<String>,
    /// Generate this many synthetic letters (implies `--data generated`; default 20000).
    #[arg(long)]
    pub generate: Option<usize>,
    /// Output model directory, e.g. models/triage-gi.
    #[arg(long)]
    pub out: PathBuf,
    /// Maximum training epochs (early stopping may end sooner).
    #[arg(long, default_value_t = 6)]
    pub epochs: usize,
    /// Seed for the generator, the split, initialisation, shuffling and dropout.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Test on this letter style only, training on the others (leave-one-style-out).
    #[arg(long)]
    pub holdout_style: Option<String>,
    /// Also train one model per style without that style and report leave-one-style-out
    /// figures in the model card (one more training per style).
    #[arg(long)]
    pub loso: bool,
    /// Epochs for each leave-one-style-out model (default: --epochs).
    #[arg(long)]
    pub loso_epochs: Option<usize>,
    /// Letters (the first N) for each leave-one-style-out model, to keep `--loso` affordable
    /// (default: all). A random-split model on the same letters and budget is trained too,
    /// as the reference row.
    #[arg(long)]
    pub loso_letters: Option<usize>,
    /// How numbers reach the model.
    #[arg(long, value_enum, default_value_t = Numbers::Digits)]
    pub numbers: Numbers,
    /// Width of the transformer.
    #[arg(long, default_value_t = 128)]
    pub d_model: usize,
    /// Transformer layers.
    #[arg(long, default_value_t = 2)]
    pub layers: usize,
    /// Tokens per letter (longer letters keep head and tail).
    #[arg(long, default_value_t = 256)]
    pub max_len: usize,
    /// Letters per mini-batch.
    #[arg(long, default_value_t = 32)]
    pub batch_size: usize,
    /// Stop after this many optimiser steps (quick trials).
    #[arg(long)]
    pub max_steps: Option<usize>,
}

/// Draws an indicatif bar on a terminal, plain lines otherwise.
struct Progress {
    bar: Option<ProgressBar>,
    label: String,
}

impl Progress {
    fn new(label: &str) -> Progress {
        let bar = crate::progress::terminal_bar(
            "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} steps  ETA {eta}  {msg}",
        );
        Progress {
            bar,
            label: label.to_string(),
        }
    }

    fn println(&self, line: String) {
        crate::progress::print_above(self.bar.as_ref(), line);
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl TrainProgress for Progress {
    fn started(&self, total_steps: usize) {
        if let Some(bar) = &self.bar {
            bar.set_length(total_steps as u64);
            bar.set_position(0);
        }
        self.println(format!(
            "{}: training, {total_steps} steps at most",
            self.label
        ));
    }

    fn step(&self, s: &StepInfo) {
        if let Some(bar) = &self.bar {
            bar.set_position(s.step as u64);
            bar.set_message(format!("epoch {} loss {:.3}", s.epoch, s.loss));
        }
    }

    fn evaluated(&self, e: &EvalInfo) {
        self.println(format!(
            "{}: epoch {} step {}: validation macro-F1 urgency {:.3} pathway {:.3}{}",
            self.label,
            e.epoch,
            e.step,
            e.urgency_f1,
            e.pathway_f1,
            if e.improved { " (best so far)" } else { "" }
        ));
    }

    fn message(&self, m: &str) {
        self.println(format!("{}: {m}", self.label));
    }
}

fn load_average() -> Option<String> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
}

pub fn run(args: TrainArgs) -> anyhow::Result<ExitCode> {
    let generated = match (args.data.as_deref(), args.generate) {
        (Some("generated"), n) | (None, n @ Some(_)) => Some(n.unwrap_or(20_000)),
        (Some(_), Some(_)) => bail!("--generate only goes with --data generated"),
        (Some(_), None) => None,
        (None, None) => bail!("give --data FILE (JSONL or CSV) or --data generated"),
    };
    if let Some(style) = &args.holdout_style {
        if generated.is_some() {
            style
                .parse::<LetterStyle>()
                .with_context(|| format!("--holdout-style {style}"))?;
        }
    }
    let (examples, letters, data_source): (Vec<Example>, Vec<ReferralLetter>, String) =
        match generated {
            Some(n) => {
                if n < 100 {
                    bail!("--generate needs at least 100 letters");
                }
                let letters = generate(&CorpusConfig::new(args.seed, n))
                    .context("cannot generate the corpus")?;
                let examples = letters.iter().map(Example::from).collect();
                let source = format!(
                    "synthetic letters from PaperLite's generator: {n} letters, seed {}, default \
                     settings (15% OCR noise, 20% spelling slips, 40% GP priorities that disagree \
                     with the label, {} letter styles)",
                    args.seed,
                    LetterStyle::ALL.len()
                );
                (examples, letters, source)
            }
            None => {
                let path = PathBuf::from(args.data.as_deref().unwrap_or_default());
                let examples = read_examples(&path)
                    .with_context(|| format!("cannot read training data {}", path.display()))?;
                let source = format!("{} ({} letters)", path.display(), examples.len());
                (examples, Vec::new(), source)
            }
        };

    let train_config = TrainConfig {
        seed: args.seed,
        epochs: args.epochs,
        batch_size: args.batch_size,
        max_steps: args.max_steps,
        numbers: match args.numbers {
            Numbers::Digits => NumberEncoding::DigitsWithPlace,
            Numbers::Plain => NumberEncoding::Plain,
        },
        d_model: args.d_model,
        n_layers: args.layers,
        max_len: args.max_len,
        ..TrainConfig::default()
    };
    let config = PipelineConfig {
        train: train_config.clone(),
        split_seed: args.seed.wrapping_add(7),
        holdout_group: args.holdout_style.clone(),
        ..PipelineConfig::default()
    };
    let train_load = load_average();
    let progress = Progress::new("model");
    let out = pipeline::run(&config, &examples, &progress);
    progress.finish();
    let out = out.context("training failed")?;

    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    out.model
        .save(&args.out)
        .with_context(|| format!("cannot save the model in {}", args.out.display()))?;
    out.summary
        .routing
        .save(&args.out)
        .context("cannot save routing.json")?;

    let threshold_letters = if letters.is_empty() {
        Vec::new()
    } else {
        eprintln!("measuring letters that hinge on a number");
        let n = (letters.len() / 2).clamp(100, 10_000);
        let probe = generate(&CorpusConfig::new(args.seed.wrapping_add(1000), n))?;
        let cases = threshold_cases(&probe);
        threshold_accuracy(&out.model, &probe, &cases)?
    };

    let speed_texts: Vec<&str> = examples.iter().take(300).map(|e| e.text.as_str()).collect();
    let speed = measure_speed(&out.model, &speed_texts)?;
    let name = args
        .out
        .file_name()
        .map_or_else(|| "model".to_string(), |n| n.to_string_lossy().into_owned());
    let command = std::iter::once("paperlite".to_string())
        .chain(std::env::args().skip(1))
        .collect::<Vec<_>>()
        .join(" ");
    let mut extras = CardExtras {
        name,
        data_source,
        command,
        loso: Vec::new(),
        threshold_letters,
        speed: Some(speed),
        train_load,
        model_bytes: file_size(&args.out.join(WEIGHTS_FILE)),
        parameters: out.model.parameter_count(),
    };
    write_card(&args.out, &out, &extras)?;

    if args.loso {
        let mut groups: Vec<String> = examples.iter().filter_map(|e| e.group.clone()).collect();
        groups.sort();
        groups.dedup();
        if groups.is_empty() {
            bail!("--loso needs a style/group for each letter");
        }
        let subset = &examples[..args
            .loso_letters
            .unwrap_or(examples.len())
            .min(examples.len())];
        let runs = std::iter::once(None).chain(groups.into_iter().map(Some));
        for g in runs {
            let c = PipelineConfig {
                train: TrainConfig {
                    epochs: args.loso_epochs.unwrap_or(args.epochs),
                    ..train_config.clone()
                },
                holdout_group: g.clone(),
                ..config.clone()
            };
            let label = g.clone().unwrap_or_else(|| "random split".to_string());
            let progress = Progress::new(&format!("without {label}"));
            let r = pipeline::run(&c, subset, &progress);
            progress.finish();
            let r = r.with_context(|| format!("leave-one-style-out training without {label}"))?;
            let name = match &g {
                Some(g) => g.clone(),
                None => "none (random split, reference)".to_string(),
            };
            let row = LosoRow::from_summary(&name, &r.summary);
            eprintln!(
                "without {label}: {} test letters, macro-F1 urgency {:.3} pathway {:.3}",
                row.n_test, row.urgency_f1, row.pathway_f1
            );
            // Rewritten after each style, so an interrupted run keeps what it measured.
            extras.loso.push(row);
            write_card(&args.out, &out, &extras)?;
        }
    }

    let s = &out.summary;
    println!(
        "model written to {}: test macro-F1 urgency {:.3} pathway {:.3}, under-triage {}/{}, \
         routing threshold {}, low-risk auto-routed on test {:.1}%, urgent auto-routed on test {}",
        args.out.display(),
        s.test.urgency.macro_f1,
        s.test.pathway.macro_f1,
        s.test.under_triage,
        s.test.n_high_risk,
        s.routing
            .threshold
            .map_or_else(|| "none".to_string(), |t| format!("{t:.4}")),
        100.0 * s.test_routing.low_risk_share_routed(),
        s.test_routing.high_risk_auto_routed
    );
    Ok(ExitCode::SUCCESS)
}

/// Writes `MODEL_CARD.md` and `metrics.json` (again, once leave-one-style-out rows exist).
fn write_card(dir: &Path, out: &pipeline::RunOutput, extras: &CardExtras) -> anyhow::Result<()> {
    let card = render_model_card(&out.model, &out.summary, extras);
    std::fs::write(dir.join("MODEL_CARD.md"), card).context("cannot write MODEL_CARD.md")?;
    let metrics = serde_json::json!({ "run": out.summary, "extras": extras });
    std::fs::write(
        dir.join("metrics.json"),
        serde_json::to_string_pretty(&metrics)? + "\n",
    )
    .context("cannot write metrics.json")?;
    Ok(())
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}
