//! `paperlite eval triage`: score the triage model, the product's combination, the red-flag
//! checker and a TF-IDF baseline on labelled letters, and write the run's report.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::Args;

use ::synthetic::{generate, CorpusConfig};
use ::triage::decision::{Decider, DecisionConfig, ModelRole};
use ::triage::labelled::write_jsonl;
use ::triage::model::{read_examples, Example};
use evaluation::report::triage::{write_triage_run, Comparison};
use evaluation::report::{self, metrics_json, RunRecord};
use evaluation::triage_eval::metrics::Bootstrap;
use evaluation::triage_eval::{
    baseline_training_set, evaluate_triage, read_labelled, LabelledLetter, SystemName,
    TriageEvalSettings,
};

use super::eval::provenance;

#[derive(Debug, Args)]
pub struct EvalTriageArgs {
    /// Labelled letters: JSON Lines (`text`, `urgency`, `pathway`, optional `id`,
    /// `style`/`source`, `age_band`/`age`, `ocr`) or CSV (`text,urgency,pathway`); or
    /// `generated` for synthetic letters from the generator.
    #[arg(long)]
    pub data: String,
    /// With `--data generated`: how many letters.
    #[arg(long, default_value_t = 2000)]
    pub generate: usize,
    /// With `--data generated`: the generator's seed (the committed model was trained on seed
    /// 42; use another).
    #[arg(long, default_value_t = 2025)]
    pub data_seed: u64,
    /// With `--data generated`: also write the letters to this JSONL file.
    #[arg(long)]
    pub save_data: Option<PathBuf>,
    /// Model directory (config.json, tokenizer.json, model.safetensors, routing.json).
    /// Default: as for `paperlite triage` (models/triage-gi here or beside the binary, else
    /// the built-in copy).
    #[arg(long, env = "PAPERLITE_MODEL")]
    pub model: Option<PathBuf>,
    /// The model's role in the product's decision: `off` (rules and routing checks only),
    /// `veto` (it may also send a letter to review), or with the pretrained encoder
    /// `escalate`, `fallback` or `escalate_fallback` (see `paperlite triage --help`). The
    /// transformer is scored alone either way.
    #[arg(long, env = "PAPERLITE_MODEL_ROLE", default_value = "off")]
    pub model_role: ModelRole,
    #[command(flatten)]
    pub encoder: super::triage::EncoderArgs,
    /// Turn off the routing guard's word screen (a word that may name a red flag, read by no
    /// fact, withholds auto-routing), to measure what the screen costs and what it catches.
    #[arg(long)]
    pub no_word_screen: bool,
    /// Write report.html, metrics.json and the CSVs into this folder.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Seed of the bootstrap resamples (and nothing else: the model is deterministic).
    #[arg(long, default_value_t = 2025)]
    pub seed: u64,
    /// Bootstrap resamples for the confidence intervals.
    #[arg(long, default_value_t = 1000)]
    pub bootstrap: usize,
    /// Another run's folder: its headline figures go side by side with this run's.
    #[arg(long)]
    pub compare: Option<PathBuf>,
    /// Print metrics.json to stdout instead of the summary.
    #[arg(long)]
    pub json: bool,
    /// Training letters for the TF-IDF baseline (JSONL or CSV). Default: the committed
    /// model's own training split, regenerated (see --train-generate, --train-seed).
    #[arg(long)]
    pub train: Option<PathBuf>,
    /// Without --train: generate this many letters with --train-seed and train the baseline
    /// on the 70% training split, as `paperlite train` splits them (20000 and 42 reproduce
    /// the committed model's training letters).
    #[arg(long, default_value_t = 20_000)]
    pub train_generate: usize,
    /// Without --train: the generator seed of the baseline's training letters.
    #[arg(long, default_value_t = 42)]
    pub train_seed: u64,
}

fn say(json: bool, line: &str) {
    if !json {
        eprintln!("eval triage: {line}");
    }
}

pub fn run(args: EvalTriageArgs) -> anyhow::Result<ExitCode> {
    // Read the other run first: a wrong --compare should fail before minutes of work.
    let other = match &args.compare {
        Some(dir) => Some(
            report::load_headline(dir)
                .with_context(|| format!("cannot compare with {}", dir.display()))?,
        ),
        None => None,
    };
    let source = args
        .model
        .as_ref()
        .map_or_else(super::triage::default_model_source, |d| {
            super::triage::ModelSource::Dir(d.clone())
        });
    let (model, policy) = super::triage::load_model(&source)?;
    let mut decider = Decider::with_model(
        model,
        policy,
        DecisionConfig {
            model_role: args.model_role,
            word_screen: !args.no_word_screen,
            ..DecisionConfig::default()
        },
    );
    if args.model_role.uses_encoder() {
        decider = decider.with_encoder(args.encoder.load()?);
    }

    let generated = args.data == "generated";
    let (letters, data_desc, data_sha): (Vec<LabelledLetter>, String, String) = if generated {
        if args.generate == 0 {
            bail!("--generate must be at least 1");
        }
        if args.train.is_none() && args.data_seed == args.train_seed {
            bail!(
                "--data-seed {} is the seed of the baseline's training letters; evaluate on \
                 another seed",
                args.data_seed
            );
        }
        say(
            args.json,
            &format!(
                "generating {} letters (seed {})",
                args.generate, args.data_seed
            ),
        );
        let corpus = generate(&CorpusConfig::new(args.data_seed, args.generate))
            .context("cannot generate letters")?;
        let mut bytes = Vec::new();
        write_jsonl(&mut bytes, &corpus)?;
        if let Some(path) = &args.save_data {
            std::fs::write(path, &bytes)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        (
            corpus.iter().map(LabelledLetter::from).collect(),
            format!(
                "generated: {} letters, seed {}, default settings",
                args.generate, args.data_seed
            ),
            report::sha256_bytes(&bytes),
        )
    } else {
        if args.save_data.is_some() {
            bail!("--save-data only goes with --data generated");
        }
        let path = PathBuf::from(&args.data);
        let letters = read_labelled(&path)
            .with_context(|| format!("cannot read the labelled letters {}", path.display()))?;
        let sha = report::sha256_file(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        (letters, path.display().to_string(), sha)
    };

    let (train, train_desc): (Vec<Example>, String) = match &args.train {
        Some(path) => {
            let examples = read_examples(path)
                .with_context(|| format!("cannot read training letters {}", path.display()))?;
            let desc = format!("{} ({} letters)", path.display(), examples.len());
            (examples, desc)
        }
        None => {
            say(
                args.json,
                &format!(
                    "generating the baseline's training letters ({} letters, seed {})",
                    args.train_generate, args.train_seed
                ),
            );
            let examples = baseline_training_set(args.train_generate, args.train_seed)
                .context("cannot generate the baseline's training letters")?;
            let desc = format!(
                "the training split (70%, split seed {}) of {} generated letters, seed {}",
                args.train_seed.wrapping_add(7),
                args.train_generate,
                args.train_seed
            );
            (examples, desc)
        }
    };

    let settings = TriageEvalSettings {
        bootstrap: Bootstrap {
            resamples: args.bootstrap,
            seed: args.seed,
            ..Bootstrap::default()
        },
        ..TriageEvalSettings::default()
    };
    let json = args.json;
    let evaluation = evaluate_triage(
        &decider,
        &letters,
        (&train, &train_desc),
        &settings,
        &mut |m: &str| say(json, m),
    )?;

    let model_dir = match &source {
        super::triage::ModelSource::Dir(d) => d.clone(),
        super::triage::ModelSource::Embedded => PathBuf::from("<built-in>"),
    };
    let model_sha = report::sha256_named(
        &model_dir,
        &[
            "config.json",
            "tokenizer.json",
            "model.safetensors",
            "routing.json",
        ],
    )
    .ok();
    let prov = provenance(
        "triage",
        format!(
            "{data_desc}; model role {}{}",
            args.model_role.as_str(),
            if args.no_word_screen {
                "; word screen off"
            } else {
                ""
            }
        ),
        data_sha,
        Some((model_dir.as_path(), model_sha)),
        Some(args.seed),
    );
    let compare_dir = args
        .compare
        .as_ref()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    let comparison = other.as_ref().map(|h| Comparison {
        dir: &compare_dir,
        headline: h,
    });
    if let Some(out) = &args.out {
        write_triage_run(out, &evaluation, &prov, comparison.as_ref())
            .with_context(|| format!("cannot write the report into {}", out.display()))?;
    }
    let r = &evaluation.report;
    if args.json {
        let record = RunRecord {
            provenance: prov,
            metrics: r,
        };
        print!("{}", metrics_json(&record)?);
        return Ok(ExitCode::SUCCESS);
    }

    println!(
        "{} letters; baseline trained on {} letters\n",
        r.data.letters, r.data.baseline_training_letters
    );
    let f = |x: Option<f64>| x.map_or_else(|| "-".to_string(), |v| format!("{v:.3}"));
    println!(
        "{:<18} {:>8} {:>8} {:>8} {:>8} {:>14} {:>14} {:>16}",
        "system",
        "urg acc",
        "urg F1",
        "path acc",
        "path F1",
        "under-triage",
        "over-triage",
        "auto (urgent)"
    );
    for s in &r.systems {
        let t = &s.triage_errors;
        let routed = s.routing.as_ref().map_or_else(
            || "-".to_string(),
            |p| format!("{} ({})", p.auto_routed, p.high_risk_auto_routed),
        );
        println!(
            "{:<18} {:>8} {:>8} {:>8} {:>8} {:>14} {:>14} {:>16}",
            s.name.as_str(),
            f(s.urgency.accuracy),
            f(s.urgency.macro_f1),
            f(s.pathway.accuracy),
            f(s.pathway.macro_f1),
            format!("{}/{}", t.under_triage, t.high_risk),
            format!("{}/{}", t.over_triage, t.low_risk),
            routed
        );
    }
    if let Some(s) = r.system(SystemName::Product) {
        if let (Some(v), Some(ci)) = (s.urgency.macro_f1, s.urgency.macro_f1_ci) {
            println!(
                "\nproduct urgency macro-F1 {v:.3} (95% CI {:.3}-{:.3})",
                ci.low, ci.high
            );
        }
    }
    let cal = &r.calibration;
    println!(
        "calibration (transformer, 10-bin ECE): urgency {:.4} -> {:.4}, pathway {:.4} -> {:.4}",
        cal.urgency.before.ece,
        cal.urgency.after.ece,
        cal.pathway.before.ece,
        cal.pathway.after.ece
    );
    match &r.routing.operating_point {
        Some(p) => println!(
            "routing at the saved threshold {:.4}: {} of {} auto-routed ({:.1}%), {} truly urgent; \
             95% upper bound {:.4} (tolerated {})",
            p.threshold,
            p.auto_routed,
            p.letters,
            p.share_auto_routed * 100.0,
            p.high_risk_auto_routed,
            p.upper_bound,
            r.routing.max_risk
        ),
        None => println!("routing: the saved policy auto-routes nothing"),
    }
    let low = &r.routing.low_risk;
    if low.letters > 0 {
        println!(
            "low-risk letters (by their labels): {} of {} auto-routed ({:.1}%); held by \
             (letters, of which held by that alone):",
            low.auto_routed,
            low.letters,
            low.auto_routed as f64 * 100.0 / low.letters as f64
        );
        for c in &low.held_by {
            println!(
                "  {:<18} {:>4} {:>4}",
                c.hold.as_str(),
                c.letters,
                c.only_hold
            );
        }
    }
    println!("misclassified by the transformer: {}", r.misclassified);
    for s in &r.skipped {
        println!("not scored: {s}");
    }
    if let Some(h) = &other {
        println!("\ncompared with {compare_dir} (this - other):");
        for row in report::compare(&r.headline, h) {
            let c = |x: Option<f64>| x.map_or_else(|| "-".to_string(), |v| format!("{v:.4}"));
            println!(
                "  {:<40} {:>9} {:>9} {:>9}",
                row.metric,
                c(row.this_run),
                c(row.other_run),
                row.delta
                    .map_or_else(|| "-".to_string(), |d| format!("{d:+.4}"))
            );
        }
    }
    if let Some(out) = &args.out {
        println!("\nreport: {}", out.join("report.html").display());
    }
    Ok(ExitCode::SUCCESS)
}
