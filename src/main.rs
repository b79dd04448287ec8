//! `paperlite`: the command line. Parses arguments, builds the library configurations and
//! wires the crates together; the work itself lives in the library crates.

mod commands;
mod config;
mod progress;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// PaperLite: scanning, search and referral triage for a paper-light NHS trust.
#[derive(Debug, Parser)]
#[command(name = "paperlite", version, about)]
struct Cli {
    /// Settings file (TOML); settings there are overridden by environment variables and
    /// flags. Defaults to ./paperlite.toml when it exists.
    #[arg(long, global = true, env = "PAPERLITE_CONFIG")]
    config: Option<std::path::PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Scan files or folders of TIFF, PNG, JPEG and PDF into the store: clean up, OCR,
    /// extract NHS number, dates and document type. Safe to rerun: nothing is stored twice.
    Scan(commands::scan::ScanArgs),
    /// OCR files without storing anything (to try a scanner's settings).
    Ocr(commands::ocr::OcrCommandArgs),
    /// Full-text search of the stored pages: phrases, filters, OCR-tolerant fuzzy matching
    /// and clinical abbreviations, with highlighted snippets.
    Search(commands::search::SearchArgs),
    /// Show what the store holds: documents, pages, failures, pages needing review.
    Status(commands::status::StatusArgs),
    /// Rebuild the search index from the database.
    Reindex(commands::manage::ReindexArgs),
    /// Delete a document: record, pages, original and index entries.
    Delete(commands::manage::DeleteArgs),
    /// Correct a document's extracted fields (NHS number, type, dates); updates the index.
    Correct(commands::manage::CorrectArgs),
    /// Measure triage (labelled letters), OCR (scans with .gt.txt ground truth) and search
    /// (judged queries), and write reports.
    #[command(subcommand)]
    Eval(commands::eval::EvalCommand),
    /// Train a referral-triage model (tokenizer, transformer, calibration, routing threshold)
    /// on labelled letters or the built-in synthetic corpus, and write its model card.
    Train(commands::train::TrainArgs),
    /// Triage referral letters (text, PDF or scans): urgency and pathway with calibrated
    /// probabilities, red flags, and whether the letter may skip review. One JSON line each.
    Triage(commands::triage::TriageArgs),
    /// Run the web UI and JSON API (with the search indexer and a queue worker): uploads,
    /// search, triage worklist, audit log. Creates demo users on first start.
    Serve(commands::serve::ServeArgs),
    /// Take OCR and triage jobs off the shared queue (several may run against PostgreSQL).
    Worker(commands::worker::WorkerArgs),
    /// Manage users of the web UI and their API tokens.
    #[command(subcommand)]
    User(commands::user::UserCommand),
}

fn main() -> ExitCode {
    // Tesseract's OpenMP threads fight each other and the per-core workers; one thread per
    // engine is several times faster. This must be set before any thread starts.
    // OpenMP reads it when libtesseract is loaded, before main, so the process re-executes
    // itself once with the variable set.
    if std::env::var_os("OMP_THREAD_LIMIT").is_none() {
        use std::os::unix::process::CommandExt;
        if let Ok(exe) = std::env::current_exe() {
            let err = std::process::Command::new(exe)
                .args(std::env::args_os().skip(1))
                .env("OMP_THREAD_LIMIT", "1")
                .exec();
            eprintln!("warning: could not set OMP_THREAD_LIMIT=1 ({err}); OCR will be slow");
        }
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("PAPERLITE_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let result = runtime.block_on(run(cli));
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let file = config::FileConfig::load(cli.config.as_deref())?;
    match cli.command {
        Command::Scan(args) => commands::scan::run(args, &file).await,
        Command::Ocr(args) => commands::ocr::run(args, &file),
        Command::Search(args) => commands::search::run(args, &file).await,
        Command::Status(args) => commands::status::run(args, &file).await,
        Command::Reindex(args) => commands::manage::reindex(args, &file).await,
        Command::Delete(args) => commands::manage::delete(args, &file).await,
        Command::Correct(args) => commands::manage::correct(args, &file).await,
        Command::Eval(cmd) => commands::eval::run(cmd, &file).await,
        Command::Train(args) => commands::train::run(args),
        Command::Triage(args) => commands::triage::run(args, &file),
        Command::Serve(args) => commands::serve::run(args, &file).await,
        Command::Worker(args) => commands::worker::run(args, &file).await,
        Command::User(cmd) => commands::user::run(cmd, &file).await,
    }
}
