use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use evaluation::ocr_eval::{Aggregate, GroupedAggregate};
use evaluation::report::triage::Comparison;
use evaluation::report::{self, Provenance};

use super::eval_triage::EvalTriageArgs;
use crate::config::{FileConfig, OcrArgs};

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Triage quality on labelled letters: per-class metrics with confidence intervals,
    /// calibration, under-triage, the auto-routing curve, baselines and slices.
    Triage(EvalTriageArgs),
    /// Character and word error rates per page and overall, with and without clean-up.
    Ocr(EvalOcrArgs),
    /// Search ranking quality (nDCG@10, recall@20, MRR) on a judged query set, with and
    /// without fuzzy matching and clinical synonyms.
    Search(EvalSearchArgs),
}

#[derive(Debug, Args)]
pub struct EvalOcrArgs {
    /// Folder of scans with NAME.gt.txt ground truth beside each (pages split by \f).
    #[arg(long)]
    pub data: PathBuf,
    #[command(flatten)]
    pub ocr: OcrArgs,
    /// Write report.html, metrics.json and pages.csv into this folder.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Another run's folder: its headline figures go side by side with this run's in the
    /// report.
    #[arg(long)]
    pub compare: Option<PathBuf>,
    /// Print the metrics as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EvalSearchArgs {
    /// Judged query set (JSON Lines): its first line names the generated corpus that is
    /// built and searched (evaluation/data/search_queries.jsonl) or a folder of scans that is
    /// scanned, OCR included, into a temporary store first
    /// (evaluation/data/sample_queries.jsonl, judged by file name).
    #[arg(long)]
    pub qrels: PathBuf,
    /// OCR settings for a query set over scans.
    #[command(flatten)]
    pub ocr: OcrArgs,
    /// Write report.html, metrics.json and queries.csv into this folder.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Another run's folder: its headline figures go side by side with this run's in the
    /// report.
    #[arg(long)]
    pub compare: Option<PathBuf>,
    /// Print the metrics as JSON.
    #[arg(long)]
    pub json: bool,
    /// First recompute each query's judged documents from its judge rules and the
    /// generated corpus, and rewrite the query set file (after adding or editing queries).
    #[arg(long)]
    pub rejudge: bool,
}

pub async fn run(cmd: EvalCommand, file: &FileConfig) -> anyhow::Result<ExitCode> {
    match cmd {
        EvalCommand::Triage(args) => super::eval_triage::run(args),
        EvalCommand::Ocr(args) => eval_ocr(args, file),
        EvalCommand::Search(args) => eval_search(args, file).await,
    }
}

/// `git rev-parse HEAD` in the current directory, or "unknown".
fn git_commit() -> String {
    std::process::Command::new("git")
        .args(["rev-parse", "HEAD"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}

/// The command line as typed, with arguments that need it quoted.
fn command_line() -> String {
    let mut parts = vec!["paperlite".to_string()];
    for a in std::env::args().skip(1) {
        if a.is_empty() || a.contains(|c: char| c.is_whitespace() || "'\"$`\\".contains(c)) {
            parts.push(format!("'{}'", a.replace('\'', "'\\''")));
        } else {
            parts.push(a);
        }
    }
    parts.join(" ")
}

/// What a run measured: `data` (a description) with its hash, the model with its hash.
pub fn provenance(
    evaluation: &str,
    data: String,
    data_sha256: String,
    model: Option<(&Path, Option<String>)>,
    seed: Option<u64>,
) -> Provenance {
    let (model_path, model_sha256) = match model {
        Some((path, hash)) => (Some(path.display().to_string()), hash),
        None => (None, None),
    };
    Provenance {
        evaluation: format!("paperlite eval {evaluation}"),
        command: command_line(),
        model_sha256,
        model_path,
        data_sha256,
        data,
        git_commit: git_commit(),
        seed,
        started_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        paperlite_version: env!("CARGO_PKG_VERSION").to_string(),
    }
}

/// The other run's headline figures, for `--compare`.
fn load_other(
    dir: Option<&PathBuf>,
) -> anyhow::Result<Option<(String, std::collections::BTreeMap<String, f64>)>> {
    use anyhow::Context;
    dir.map(|d| {
        let h = report::load_headline(d)
            .with_context(|| format!("cannot compare with {}", d.display()))?;
        Ok((d.display().to_string(), h))
    })
    .transpose()
}

async fn eval_search(args: EvalSearchArgs, file: &FileConfig) -> anyhow::Result<ExitCode> {
    use anyhow::Context;
    use evaluation::search_eval::{
        evaluate_on_corpus, evaluate_search, GeneratedCorpus, QuerySet, SearchEvalError,
        SearchEvalSettings, SearchOptions,
    };
    let mut set = QuerySet::load(&args.qrels)
        .with_context(|| format!("cannot load the query set {}", args.qrels.display()))?;
    let other = load_other(args.compare.as_ref())?;
    // What was searched (for the report's provenance), the seed if generated, the report.
    let (data, seed, report) = if let Some(samples) = set.samples.clone() {
        anyhow::ensure!(
            !args.rejudge,
            "{} is judged by hand (by file name): there are no judge rules to rerun",
            args.qrels.display()
        );
        let scanned = scan_samples(&samples, &args.ocr, file).await?;
        judge_by_file_name(&mut set, &scanned.ids_by_file)?;
        let report = evaluate_search(&scanned.index, &set.queries, &SearchEvalSettings::default())?;
        let data = format!(
            "{} ({} scans in {}, OCRed by `paperlite scan`)",
            args.qrels.display(),
            scanned.ids_by_file.len(),
            samples.display()
        );
        (data, None, report)
    } else {
        let spec = set.corpus.clone().ok_or(SearchEvalError::NoCorpus)?;
        eprintln!(
            "eval search: generating {} documents (seed {}) and indexing them",
            spec.documents, spec.seed
        );
        let corpus = GeneratedCorpus::generate(&spec);
        if args.rejudge {
            set.rejudge(&corpus)?;
            set.save(&args.qrels)?;
            eprintln!(
                "eval search: rejudged {} queries, rewrote {}",
                set.queries.len(),
                args.qrels.display()
            );
        }
        let report = evaluate_on_corpus(&set, &corpus, &SearchEvalSettings::default())?;
        let data = format!(
            "{} (generated corpus: {} documents, seed {})",
            args.qrels.display(),
            spec.documents,
            spec.seed
        );
        (data, Some(spec.seed), report)
    };
    if let Some(out) = &args.out {
        let prov = provenance(
            "search",
            data,
            report::sha256_file(&args.qrels)
                .with_context(|| format!("cannot read {}", args.qrels.display()))?,
            None,
            seed,
        );
        let comparison = other
            .as_ref()
            .map(|(dir, headline)| Comparison { dir, headline });
        report::search::write_search_run(out, &report, &prov, comparison.as_ref())
            .with_context(|| format!("cannot write the report into {}", out.display()))?;
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(ExitCode::SUCCESS);
    }
    let settings = &report.settings;
    println!(
        "{} queries over {} documents ({} pages)\n",
        set.queries.len(),
        report.documents,
        report.pages
    );
    println!(
        "{:<16} {:>9} {:>10} {:>7}",
        "configuration",
        format!("nDCG@{}", settings.ndcg_k),
        format!("recall@{}", settings.recall_k),
        "MRR"
    );
    for configuration in &report.configurations {
        let mean = &configuration.mean;
        println!(
            "{:<16} {:>9.3} {:>10.3} {:>7.3}",
            configuration.label, mean.ndcg, mean.recall, mean.mrr
        );
    }
    println!(
        "\nnDCG@{} / recall@{} by query kind",
        settings.ndcg_k, settings.recall_k
    );
    print!("{:<18}", "kind (queries)");
    for options in SearchOptions::ALL {
        print!(" {:>15}", options.label());
    }
    println!();
    if let Some(first) = report.configurations.first() {
        for (kind, mean) in &first.by_kind {
            print!("{:<18}", format!("{kind} ({})", mean.queries));
            for configuration in &report.configurations {
                let cell = configuration
                    .by_kind
                    .get(kind)
                    .map(|m| format!("{:.3} / {:.3}", m.ndcg, m.recall))
                    .unwrap_or_default();
                print!(" {cell:>15}");
            }
            println!();
        }
        for outcome in &first.queries {
            if let Some(error) = &outcome.error {
                println!("query {} failed: {error}", outcome.id);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn eval_ocr(args: EvalOcrArgs, file: &FileConfig) -> anyhow::Result<ExitCode> {
    use anyhow::Context;
    let files = evaluation::find_ground_truth(&args.data)
        .with_context(|| format!("cannot read {}", args.data.display()))?;
    anyhow::ensure!(
        !files.is_empty(),
        "no scans with .gt.txt ground truth found in {}",
        args.data.display()
    );
    let mut config = args.ocr.ocr_config(file);
    config.cleanup.enabled = true;
    let workers = args.ocr.workers(file);
    let other = load_other(args.compare.as_ref())?;
    let report = evaluation::evaluate_ocr(&files, &config, workers, |f| {
        eprintln!("eval ocr: {}", f.scan.display());
    });
    if let Some(out) = &args.out {
        let prov = provenance(
            "ocr",
            format!(
                "{} ({} scans with ground truth)",
                args.data.display(),
                files.len()
            ),
            report::sha256_files(&args.data)
                .with_context(|| format!("cannot read {}", args.data.display()))?,
            None,
            None,
        );
        let comparison = other
            .as_ref()
            .map(|(dir, headline)| Comparison { dir, headline });
        report::ocr::write_ocr_run(out, &report, &prov, comparison.as_ref())
            .with_context(|| format!("cannot write the report into {}", out.display()))?;
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!(
            "{:<28} {:>6} {:>8} {:>8} {:>8} {:>10} {:>14}",
            "", "pages", "CER", "WER", "missed", "CER>10%", "flagged/bad"
        );
        let rows = |label: &str, g: &GroupedAggregate| {
            for (part, a) in [
                ("all", &g.all),
                ("clean", &g.clean),
                ("degraded", &g.degraded),
            ] {
                print_row(&format!("{label} / {part}"), a);
            }
        };
        rows("with clean-up", &report.with_cleanup);
        rows("without clean-up", &report.without_cleanup);
        for (f, reason) in &report.failed {
            println!("failed: {f}: {reason}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_row(label: &str, a: &Aggregate) {
    println!(
        "{:<28} {:>6} {:>7.2}% {:>7.2}% {:>7.2}% {:>10} {:>14}",
        label,
        a.pages,
        a.cer * 100.0,
        a.wer * 100.0,
        a.missed_words.rate() * 100.0,
        a.bad_pages,
        format!("{}/{}", a.bad_pages_flagged, a.bad_pages)
    );
}

/// The samples of a query set, scanned into a temporary data directory.
struct ScannedSamples {
    /// Holds the store, blobs and index until the evaluation ends.
    _dir: tempfile::TempDir,
    index: std::sync::Arc<index::SearchIndex>,
    ids_by_file: std::collections::HashMap<String, String>,
}

/// Scans `samples` as `paperlite scan` would (clean-up, OCR, fields, store, index) into a
/// temporary SQLite store, so the judged queries run against OCRed text.
async fn scan_samples(
    samples: &Path,
    ocr: &OcrArgs,
    file: &FileConfig,
) -> anyhow::Result<ScannedSamples> {
    use anyhow::Context;
    let dir = tempfile::tempdir().context("cannot create a temporary data directory")?;
    let store = service::Store::open_sqlite(&dir.path().join("paperlite.db")).await?;
    let blobs = service::BlobStore::open(dir.path().join("blobs"))?;
    let index = std::sync::Arc::new(index::SearchIndex::open_or_create(
        &dir.path().join("index"),
        index::IndexConfig::default(),
    )?);
    eprintln!(
        "eval search: scanning {} (OCR) into a temporary store",
        samples.display()
    );
    let config = service::ScanConfig {
        ocr: ocr.ocr_config(file),
        workers: ocr.workers(file),
        keep_failed_originals: false,
        declared_type: None,
    };
    let summary = service::scan(
        &store,
        &blobs,
        Some(&index),
        &[samples.to_path_buf()],
        &config,
        std::sync::Arc::new(service::NoProgress),
    )
    .await
    .with_context(|| format!("cannot scan {}", samples.display()))?;
    for failed in &summary.failed {
        eprintln!("eval search: {} failed: {}", failed.file, failed.reason);
    }
    let ids_by_file = store
        .documents()
        .await?
        .into_iter()
        .map(|d| (d.file_name, d.id))
        .collect();
    store.close().await;
    Ok(ScannedSamples {
        _dir: dir,
        index,
        ids_by_file,
    })
}

/// Replaces the file names a sample query set judges with the ids the scan gave them.
fn judge_by_file_name(
    set: &mut evaluation::search_eval::QuerySet,
    ids_by_file: &std::collections::HashMap<String, String>,
) -> anyhow::Result<()> {
    for query in &mut set.queries {
        for judgement in &mut query.relevant {
            let id = ids_by_file.get(&judgement.document).ok_or_else(|| {
                anyhow::anyhow!(
                    "query {}: the judged file {} is not among the scanned samples",
                    query.id,
                    judgement.document
                )
            })?;
            judgement.document.clone_from(id);
        }
    }
    Ok(())
}
