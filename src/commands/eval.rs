use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use evaluation::ocr_eval::{Aggregate, GroupedAggregate};

use crate::config::{FileConfig, OcrArgs};

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Character and word error rates per page and overall, with and without clean-up.
    Ocr(EvalOcrArgs),
    /// Search ranking quality (nDCG@10, recall@20, MRR) on a judged query set, with and
    /// without fuzzy matching and clinical synonyms.
    Search(EvalSearchArgs),
}

#[derive(Debug, Args)]
pub struct EvalOcrArgs {
    /// Folder of scans with <name>.gt.txt ground truth beside each (pages split by \f).
    #[arg(long)]
    pub data: PathBuf,
    #[command(flatten)]
    pub ocr: OcrArgs,
    /// Write metrics.json and pages.csv into this folder.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Print the metrics as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EvalSearchArgs {
    /// Judged query set (JSON Lines, e.g. evaluation/data/search_queries.jsonl); its first
    /// line names the generated corpus that is built and searched.
    #[arg(long)]
    pub qrels: PathBuf,
    /// Write metrics.json into this folder.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Print the metrics as JSON.
    #[arg(long)]
    pub json: bool,
    /// First recompute each query's judged documents from its judge rules and the
    /// generated corpus, and rewrite the query set file (after adding or editing queries).
    #[arg(long)]
    pub rejudge: bool,
}

pub fn run(cmd: EvalCommand, file: &FileConfig) -> anyhow::Result<ExitCode> {
    match cmd {
        EvalCommand::Ocr(args) => eval_ocr(args, file),
        EvalCommand::Search(args) => eval_search(args),
    }
}

fn eval_search(args: EvalSearchArgs) -> anyhow::Result<ExitCode> {
    use anyhow::Context;
    use evaluation::search_eval::{
        evaluate_on_corpus, GeneratedCorpus, QuerySet, SearchEvalError, SearchEvalSettings,
        SearchOptions,
    };
    let mut set = QuerySet::load(&args.qrels)
        .with_context(|| format!("cannot load the query set {}", args.qrels.display()))?;
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
    if let Some(out) = &args.out {
        std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
        std::fs::write(
            out.join("metrics.json"),
            serde_json::to_string_pretty(&report)?,
        )?;
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
    let report = evaluation::evaluate_ocr(&files, &config, workers, |f| {
        eprintln!("eval ocr: {}", f.scan.display());
    });
    if let Some(out) = &args.out {
        std::fs::create_dir_all(out)?;
        std::fs::write(
            out.join("metrics.json"),
            serde_json::to_string_pretty(&report)?,
        )?;
        let mut csv =
            String::from("file,page,cleanup,degraded,cer,wer,mean_confidence,needs_review\n");
        for p in &report.pages {
            csv.push_str(&format!(
                "{},{},{},{},{:.4},{:.4},{:.1},{}\n",
                p.file,
                p.page,
                p.cleanup,
                p.degraded,
                p.cer,
                p.wer,
                p.mean_confidence,
                p.needs_review
            ));
        }
        std::fs::write(out.join("pages.csv"), csv)?;
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!(
            "{:<28} {:>6} {:>8} {:>8} {:>10} {:>14}",
            "", "pages", "CER", "WER", "CER>10%", "flagged/bad"
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
        "{:<28} {:>6} {:>7.2}% {:>7.2}% {:>10} {:>14}",
        label,
        a.pages,
        a.cer * 100.0,
        a.wer * 100.0,
        a.bad_pages,
        format!("{}/{}", a.bad_pages_flagged, a.bad_pages)
    );
}
