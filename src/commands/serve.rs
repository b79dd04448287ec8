//! `paperlite serve`: the HTTP API and web UI, with the search indexer and (unless
//! `--no-worker`) a queue worker in the same process.

use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use api::{app, spawn_background, AppState};
use clap::Args;
use service::accounts::{hash_password, random_hex, Role};
use service::worker::default_worker_name;

use crate::config::{FileConfig, JobArgs, OcrArgs, ServerArgs, StoreArgs, TriageArgs};

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub server: ServerArgs,
    #[command(flatten)]
    pub store: StoreArgs,
    #[command(flatten)]
    pub ocr: OcrArgs,
    #[command(flatten)]
    pub triage: TriageArgs,
    #[command(flatten)]
    pub jobs: JobArgs,
    /// Run no queue worker in this process (run `paperlite worker` processes instead).
    #[arg(long)]
    pub no_worker: bool,
}

/// Demo users created on an empty user table, one per role.
const DEMO_USERS: [(&str, Role); 5] = [
    ("records", Role::RecordsStaff),
    ("consultant", Role::Consultant),
    ("clinician", Role::Clinician),
    ("scientist", Role::DataScientist),
    ("admin", Role::Admin),
];

pub async fn run(args: ServeArgs, file: &FileConfig) -> anyhow::Result<ExitCode> {
    let (store, blobs) = args.store.open(file).await?;
    let index = args.store.open_index(file)?;
    let triager = args.triage.load(file)?;
    let ocr = args.ocr.ocr_config(file);
    let logins = ensure_users(&store).await?;
    let queued = store.enqueue_missing_triage().await?;
    let cut_short = store.close_interrupted_uploads().await?;
    if cut_short > 0 {
        println!("{cut_short} uploads were cut short when the server last stopped");
    }
    let config = args.server.server_config(file, ocr.load.clone())?;
    let state = AppState::new(store.clone(), index, blobs, triager, config);
    let worker = if args.no_worker {
        None
    } else {
        Some(args.jobs.worker_config(
            file,
            default_worker_name(),
            service::ScanConfig {
                ocr,
                workers: args.ocr.workers(file),
                keep_failed_originals: false,
                declared_type: None,
            },
        )?)
    };
    let listen = args.server.listen(file);
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    let address = listener.local_addr()?;
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let tasks = spawn_background(&state, worker, stop_rx);
    println!("PaperLite is serving on http://{address}/");
    if queued > 0 {
        println!("{queued} stored referral letters queued for triage");
    }
    if !logins.is_empty() {
        println!("Created demo users (change them with `paperlite user add NAME --role ROLE`):");
        for (name, role, password) in &logins {
            match password {
                Some(p) => println!("  {name:<11} {:<15} password {p}", role.as_str()),
                None => println!(
                    "  {name:<11} {:<15} password from PAPERLITE_ADMIN_PASSWORD",
                    role.as_str()
                ),
            }
        }
    }
    println!("Press Ctrl-C to stop.");
    axum::serve(listener, app(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
            eprintln!("shutting down: finishing requests and the current job");
        })
        .await
        .context("the server stopped")?;
    let _ = stop_tx.send(true);
    for t in tasks {
        let _ = tokio::time::timeout(Duration::from_secs(60), t).await;
    }
    store.close().await;
    Ok(ExitCode::SUCCESS)
}

/// On an empty user table, creates one demo user per role. The password is
/// `PAPERLITE_ADMIN_PASSWORD` when set, otherwise a random one per user (returned to be
/// printed once).
async fn ensure_users(
    store: &service::Store,
) -> anyhow::Result<Vec<(&'static str, Role, Option<String>)>> {
    if !store.users().await?.is_empty() {
        return Ok(Vec::new());
    }
    let shared = std::env::var("PAPERLITE_ADMIN_PASSWORD")
        .ok()
        .filter(|p| !p.is_empty());
    let mut out = Vec::new();
    for (name, role) in DEMO_USERS {
        let password = match &shared {
            Some(p) => p.clone(),
            None => random_hex(6)?,
        };
        let pw = password.clone();
        let hash = tokio::task::spawn_blocking(move || hash_password(&pw))
            .await
            .context("hashing task failed")??;
        store.put_user(name, &hash, role).await?;
        out.push((name, role, shared.is_none().then_some(password)));
    }
    Ok(out)
}
