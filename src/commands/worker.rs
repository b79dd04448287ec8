//! `paperlite worker`: takes OCR and triage jobs off the shared queue. Run several, on
//! several machines, against one PostgreSQL database; each writes pages and suggestions
//! to the database only (the servers' indexers index them).

use std::process::ExitCode;

use clap::Args;
use service::worker::{default_worker_name, run_one, run_worker};

use crate::config::{FileConfig, JobArgs, OcrArgs, StoreArgs, TriageArgs};

#[derive(Debug, Args)]
pub struct WorkerArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    #[command(flatten)]
    pub ocr: OcrArgs,
    #[command(flatten)]
    pub triage: TriageArgs,
    #[command(flatten)]
    pub jobs: JobArgs,
    /// Name recorded on the jobs this worker takes (default: host:pid).
    #[arg(long)]
    pub name: Option<String>,
    /// Process the jobs queued now, then exit.
    #[arg(long)]
    pub once: bool,
}

pub async fn run(args: WorkerArgs, file: &FileConfig) -> anyhow::Result<ExitCode> {
    let (store, blobs) = args.store.open(file).await?;
    let triager = args.triage.load(file)?;
    let config = args.jobs.worker_config(
        file,
        args.name.clone().unwrap_or_else(default_worker_name),
        service::ScanConfig {
            ocr: args.ocr.ocr_config(file),
            workers: args.ocr.workers(file),
            keep_failed_originals: false,
            declared_type: None,
        },
    )?;
    if args.once {
        let mut n = 0;
        while let Some(report) = run_one(&store, &blobs, &config, triager.as_deref()).await? {
            n += 1;
            println!(
                "{} {} {}: {}",
                report.job.kind.as_str(),
                report
                    .job
                    .file_name
                    .as_deref()
                    .or(report.job.document_id.as_deref())
                    .unwrap_or("?"),
                report.status.as_str(),
                report.detail
            );
        }
        println!("{n} jobs processed");
        store.close().await;
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!("worker {} waiting for jobs (Ctrl-C to stop)", config.name);
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let task = tokio::spawn(run_worker(
        store.clone(),
        blobs,
        config,
        triager,
        stop_rx,
        None,
    ));
    let _ = tokio::signal::ctrl_c().await;
    eprintln!("stopping after the current job");
    let _ = stop_tx.send(true);
    let _ = task.await;
    store.close().await;
    Ok(ExitCode::SUCCESS)
}
