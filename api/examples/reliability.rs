//! Reliability figures for BENCHMARKS.md (issue 14): prints what a section measured.
//!
//! ```text
//! cargo run -p paperlite-api --example reliability -- fuzz [N]     # random queries: panics, refusals
//! cargo run -p paperlite-api --example reliability -- logins [N]   # N parallel logins: peak RSS, guesses checked
//! cargo run -p paperlite-api --example reliability -- thumbnails   # 6 parallel thumbnails of a 2,930-pt PDF page
//! ```
//!
//! Each section runs in its own process so that the peak resident size (VmHWM) is its own.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use index::{IndexConfig, PageDoc, SearchIndex, SearchRequest};
use paperlite_api::{app, AppState, ServerConfig};
use service::accounts::{hash_password, Role};
use service::{BlobStore, Store};
use tower::ServiceExt;

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// xorshift64*: reproducible random numbers without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const FRAGMENTS: &[&str] = &[
    "(",
    ")",
    "NOT ",
    " AND ",
    " OR ",
    "-",
    "+",
    "\"",
    "*",
    "^2",
    "~2",
    ":",
    "[",
    "]",
    "{",
    "}",
    " TO ",
    "'",
    "\\",
    " ",
    "date:",
    "type:",
    "patient:",
    "page:",
    "IN [",
    "anaemia",
    "ferritin",
    "haemat*",
    "IDA",
    "2023-05-01",
    "é",
    "\u{0}",
    "999 000 0018",
];

fn random_query(rng: &mut Rng) -> String {
    match rng.below(8) {
        0 => {
            let n = rng.below(5_000);
            format!("{}anaemia{}", "(".repeat(n), ")".repeat(n))
        }
        1 => "NOT ".repeat(rng.below(5_000)) + "anaemia",
        2 => vec!["fever"; rng.below(7_000) + 1].join(" OR "),
        _ => (0..rng.below(60))
            .map(|_| FRAGMENTS[rng.below(FRAGMENTS.len())])
            .collect(),
    }
}

fn fuzz(n: usize) -> anyhow::Result<()> {
    let index = Arc::new(SearchIndex::create_in_ram(IndexConfig::default())?);
    index.add_pages(&[PageDoc {
        document_id: "a".into(),
        page_number: 1,
        file_name: "a.pdf".into(),
        nhs_number: Some("9990000018".into()),
        document_type: "referral_letter".into(),
        document_date: None,
        confidence: 0.9,
        text: "Iron deficiency anaemia, ferritin 8. Rectal bleeding.".into(),
    }])?;
    index.commit()?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut searched, mut refused, mut panics, mut other) = (0, 0, 0, 0);
    let started = std::time::Instant::now();
    for _ in 0..n {
        let query = random_query(&mut rng);
        let index = Arc::clone(&index);
        // A tokio blocking thread's stack is 2 MiB; this one has 256 KiB.
        let handle = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || index.search(&SearchRequest::new(&query)).map(|_| ()))?;
        match handle.join() {
            Ok(Ok(())) => searched += 1,
            Ok(Err(e)) if e.is_user_error() => refused += 1,
            Ok(Err(_)) => other += 1,
            Err(_) => panics += 1,
        }
    }
    println!(
        "fuzz: {n} queries in {:.1} s: {searched} searched, {refused} refused (400), \
         {other} internal errors, {panics} panics, 0 aborts (the process finished)",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

async fn state(config: ServerConfig) -> anyhow::Result<(tempfile::TempDir, AppState)> {
    let dir = tempfile::tempdir()?;
    let store = Store::open_sqlite(&dir.path().join("p.sqlite")).await?;
    let blobs = BlobStore::open(dir.path().join("blobs"))?;
    let index = Arc::new(SearchIndex::create_in_ram(IndexConfig::default())?);
    Ok((dir, AppState::new(store, index, blobs, None, config)))
}

async fn logins(n: usize) -> anyhow::Result<()> {
    let (_dir, state) = state(ServerConfig::default()).await?;
    state
        .store
        .put_user("ann", &hash_password("s3cret-pass")?, Role::Clinician)
        .await?;
    let before = peak_rss_mb();
    let mut tasks = Vec::new();
    for i in 0..n {
        let router = app(state.clone());
        // Half guess ann's password, half are anonymous logins with other names.
        let user = if i % 2 == 0 {
            "ann".to_string()
        } else {
            format!("user{i}")
        };
        let body = format!(r#"{{"username":"{user}","password":"guess-{i}"}}"#);
        tasks.push(tokio::spawn(async move {
            let req = Request::builder()
                .method("POST")
                .uri("/api/login")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body))?;
            let status = router.oneshot(req).await?.status();
            anyhow::Ok((i % 2 == 0, status))
        }));
    }
    let (mut ann_checked, mut refused, mut checked) = (0, 0, 0);
    for t in tasks {
        match t.await?? {
            (true, StatusCode::UNAUTHORIZED) => ann_checked += 1,
            (false, StatusCode::UNAUTHORIZED) => checked += 1,
            (_, StatusCode::TOO_MANY_REQUESTS) => refused += 1,
            (_, other) => println!("unexpected {other}"),
        }
    }
    println!(
        "logins: {n} in parallel: peak RSS {:.0} MB (before {before:.0} MB); {} passwords \
         checked ({ann_checked} of them guesses at one user, whose back-off allows 3), \
         {refused} answered 429",
        peak_rss_mb(),
        ann_checked + checked
    );
    Ok(())
}

fn huge_page_pdf() -> Vec<u8> {
    let content = "BT /F1 24 Tf 72 2800 Td (Referral: rectal bleeding and anaemia.) Tj ET";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 2930 2930] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_string(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(b"xref\n0 6\n0000000000 65535 f \n");
    for o in offsets {
        pdf.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!("trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    pdf
}

async fn thumbnails() -> anyhow::Result<()> {
    let (_dir, state) = state(ServerConfig::default()).await?;
    let pdf = huge_page_pdf();
    let id = service::sha256_hex(&pdf);
    state.blobs.put(&id, &pdf)?;
    state
        .store
        .begin_document(&service::store::NewDocument {
            id: &id,
            file_name: "tiny.pdf",
            path: &id,
            format: Some("pdf"),
            size_bytes: pdf.len() as u64,
        })
        .await?;
    let page = types::PageText {
        page: 1,
        text: "Referral: rectal bleeding and anaemia.".into(),
        words: Vec::new(),
        mean_confidence: 100.0,
        needs_review: false,
        review_reason: None,
        source: types::TextSource::TextLayer,
        width: 12_208,
        height: 12_208,
        dpi: 300,
        rotation_degrees: 0,
        skew_degrees: 0.0,
        ink_ratio: 0.0,
        unread_text: 0.0,
        elapsed_ms: 1,
    };
    state.store.store_page(&id, &page).await?;
    let token = {
        state
            .store
            .put_user("doc", &hash_password("s3cret-pass")?, Role::Clinician)
            .await?;
        state.store.create_api_token("doc").await?
    };
    let started = std::time::Instant::now();
    let mut tasks = Vec::new();
    for w in [120, 121, 122, 123, 124, 125] {
        let router = app(state.clone());
        let req = Request::builder()
            .uri(format!("/api/documents/{id}/pages/1/image?width={w}"))
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())?;
        tasks.push(tokio::spawn(async move {
            anyhow::Ok(router.oneshot(req).await?.status())
        }));
    }
    let mut ok = 0;
    for t in tasks {
        if t.await?? == StatusCode::OK {
            ok += 1;
        }
    }
    println!(
        "thumbnails: {} byte PDF, 2,930-point page (149 MP at 300 DPI): 6 parallel thumbnails \
         (120-125 px), {ok} served in {:.2} s, peak RSS {:.0} MB",
        pdf.len(),
        started.elapsed().as_secs_f64(),
        peak_rss_mb()
    );
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n = |default: usize| args.get(1).and_then(|v| v.parse().ok()).unwrap_or(default);
    match args.first().map(String::as_str) {
        Some("fuzz") => fuzz(n(20_000)),
        Some("logins") => logins(n(200)).await,
        Some("thumbnails") => thumbnails().await,
        _ => anyhow::bail!("usage: reliability fuzz [N] | logins [N] | thumbnails"),
    }
}
