use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use evaluation::ocr_eval::{Aggregate, GroupedAggregate};

use crate::config::{FileConfig, OcrArgs};

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Character and word error rates per page and overall, with and without clean-up.
    Ocr(EvalOcrArgs),
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

pub fn run(cmd: EvalCommand, file: &FileConfig) -> anyhow::Result<ExitCode> {
    match cmd {
        EvalCommand::Ocr(args) => eval_ocr(args, file),
    }
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
