//! Load test of `/api/search`: requests per second and latency percentiles under 50 and 100
//! concurrent keep-alive connections on loopback, counting every error.
//!
//! ```text
//! cargo run --release -p paperlite-api --example search_load -- [--pages 5000] [--seconds 20]
//! ```
//!
//! It builds a temporary embedded store (SQLite, on-disk Tantivy index) from
//! `synthetic::search` pages, stored through the same `Store` methods a scan uses and
//! indexed by `sync_index`, starts the real router (`api::app`, with the role check
//! and an audit-log row per search) on 127.0.0.1 with an OS-chosen port, and drives it with
//! raw HTTP/1.1 requests from tokio tasks in this process (one connection each) with a
//! clinician's bearer token. Queries rotate over clinical terms, phrases, a patient filter
//! and an abbreviation. Nothing leaves the loopback interface; each run is bounded in time.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use index::{IndexConfig, SearchIndex};
use paperlite_api::{app, AppState, ServerConfig};
use service::accounts::Role;
use service::store::NewDocument;
use service::{BlobStore, Store};
use synthetic::search::{Corpus, CorpusConfig};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const QUERIES: &[&str] = &[
    "anaemia",
    "%22rectal+bleeding%22",
    "colonoscopy",
    "IDA",
    "haemoglobin+ferritin",
    "dysphagia&type=referral_letter",
    "weight+loss",
    "crohn*",
];

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let pages = arg("--pages", 5000) as usize;
    let seconds = arg("--seconds", 20);
    let dir = tempfile::tempdir()?;
    let store = Store::open_sqlite(&dir.path().join("paperlite.sqlite")).await?;
    let blobs = BlobStore::open(dir.path().join("blobs"))?;
    let index = Arc::new(SearchIndex::open_or_create(
        &dir.path().join("index"),
        IndexConfig::default(),
    )?);
    let corpus = Corpus::new(CorpusConfig {
        patients: (pages / 10).max(10),
        ..CorpusConfig::default()
    });
    let started = Instant::now();
    let mut stored = 0;
    let mut doc_index = 0;
    let mut patient = None;
    while stored < pages {
        let doc = corpus.document(doc_index);
        doc_index += 1;
        let Some(first) = doc.pages.first() else {
            continue;
        };
        let id = format!("{:064x}", doc_index);
        store
            .begin_document(&NewDocument {
                id: &id,
                file_name: &first.file_name,
                path: &first.file_name,
                format: Some("pdf"),
                size_bytes: 1000,
            })
            .await?;
        for p in &doc.pages {
            let page = types::PageText {
                page: p.page_number,
                text: p.text.clone(),
                words: Vec::new(),
                mean_confidence: p.confidence * 100.0,
                needs_review: false,
                review_reason: None,
                source: types::TextSource::Ocr,
                width: 2480,
                height: 3508,
                dpi: 300,
                rotation_degrees: 0,
                skew_degrees: 0.0,
                ink_ratio: 0.05,
                unread_text: 0.0,
                elapsed_ms: 0,
            };
            store.store_page(&id, &page).await?;
        }
        let extraction = types::Extraction {
            nhs_number: first.nhs_number.clone(),
            date_of_birth: None,
            letter_date: first.document_date,
            document_type: first.document_type.parse().unwrap_or_default(),
            ..Default::default()
        };
        patient = patient.or_else(|| first.nhs_number.clone());
        store
            .finish_document(&id, doc.pages.len() as u32, &extraction)
            .await?;
        stored += doc.pages.len();
    }
    service::sync_index(&store, &index).await?;
    eprintln!(
        "stored and indexed {stored} pages ({doc_index} documents) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    store
        .put_user("clinician", "unused", Role::Clinician)
        .await?;
    let token = store.create_api_token("clinician").await?;
    let state = AppState::new(store, index, blobs, None, ServerConfig::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, app(state)).await });

    let mut queries: Vec<String> = QUERIES.iter().map(|q| q.to_string()).collect();
    if let Some(p) = patient {
        queries.push(format!("*&patient={p}"));
    }
    let queries = Arc::new(queries);
    println!("| connections | requests | errors | requests/s | p50 ms | p99 ms | max ms |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    for connections in [50usize, 100] {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        let mut tasks = Vec::new();
        for c in 0..connections {
            let queries = Arc::clone(&queries);
            let token = token.clone();
            tasks.push(tokio::spawn(async move {
                client(addr, &token, &queries, c, deadline).await
            }));
        }
        let run_started = Instant::now();
        let mut latencies = Vec::new();
        let mut errors = 0usize;
        for t in tasks {
            let (l, e) = t.await.context("client task")?;
            latencies.extend(l);
            errors += e;
        }
        let elapsed = run_started.elapsed().as_secs_f64();
        latencies.sort_unstable();
        let pct = |q: f64| {
            latencies
                .get(((latencies.len() as f64 * q) as usize).min(latencies.len().saturating_sub(1)))
                .map_or(0.0, |d: &Duration| d.as_secs_f64() * 1000.0)
        };
        println!(
            "| {connections} | {} | {errors} | {:.0} | {:.1} | {:.1} | {:.1} |",
            latencies.len(),
            latencies.len() as f64 / elapsed,
            pct(0.50),
            pct(0.99),
            pct(1.0)
        );
    }
    Ok(())
}

/// One keep-alive connection sending searches until the deadline. Returns the latency of
/// each successful request and the number of failed ones.
async fn client(
    addr: std::net::SocketAddr,
    token: &str,
    queries: &[String],
    seed: usize,
    deadline: Instant,
) -> (Vec<Duration>, usize) {
    let mut latencies = Vec::new();
    let mut errors = 0;
    let mut conn: Option<BufReader<TcpStream>> = None;
    let mut i = seed;
    while Instant::now() < deadline {
        let q = &queries[i % queries.len()];
        i += 1;
        if conn.is_none() {
            match TcpStream::connect(addr).await {
                Ok(s) => conn = Some(BufReader::new(s)),
                Err(_) => {
                    errors += 1;
                    continue;
                }
            }
        }
        let Some(stream) = conn.as_mut() else {
            continue;
        };
        let started = Instant::now();
        let request = format!(
            "GET /api/search?q={q} HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer {token}\r\n\r\n"
        );
        match exchange(stream, &request).await {
            Ok(200) => latencies.push(started.elapsed()),
            Ok(_) => errors += 1,
            Err(_) => {
                errors += 1;
                conn = None;
            }
        }
    }
    (latencies, errors)
}

/// Sends one request and reads the whole response; returns the status code.
async fn exchange(stream: &mut BufReader<TcpStream>, request: &str) -> anyhow::Result<u16> {
    stream.get_mut().write_all(request.as_bytes()).await?;
    let mut line = String::new();
    stream.read_line(&mut line).await?;
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .context("no status line")?;
    let mut length = 0usize;
    loop {
        line.clear();
        stream.read_line(&mut line).await?;
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse()?;
            }
        }
    }
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).await?;
    Ok(status)
}
