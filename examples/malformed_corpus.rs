//! Builds the full malformed corpus (see `tests/cli/corpus.rs`) in a temporary folder,
//! scans it in batches of about 30 with `paperlite scan --json`, and prints the figures
//! BENCHMARKS.md reports: files, crashes, hangs, cut-off pages flagged, unclear reasons,
//! files not accounted for, expectations missed, and the peak RSS of any scan.
//!
//! ```text
//! cargo build --release --bin paperlite
//! cargo run --release --example malformed_corpus -- [--bin target/release/paperlite]
//!     [--batch 30] [--workers 2] [--pdf-pages 300]
//! ```
//!
//! `--pdf-pages N` also scans an N-page image PDF (each page a sample JPEG drawn full
//! size) on its own and reports its peak RSS.

#[path = "../tests/cli/corpus.rs"]
mod corpus;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::Context;
use corpus::{build, plain_class, Expect, Scale};
use serde_json::Value;

struct Args {
    bin: PathBuf,
    batch: usize,
    workers: usize,
    pdf_pages: usize,
}

fn args() -> Args {
    let mut a = Args {
        bin: PathBuf::from("target/release/paperlite"),
        batch: 30,
        workers: 2,
        pdf_pages: 0,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_default();
        match flag.as_str() {
            "--bin" => a.bin = PathBuf::from(value),
            "--batch" => a.batch = value.parse().unwrap_or(30),
            "--workers" => a.workers = value.parse().unwrap_or(2),
            "--pdf-pages" => a.pdf_pages = value.parse().unwrap_or(0),
            _ => eprintln!("unknown flag {flag}"),
        }
    }
    a
}

/// Runs a command, killing it after `limit`; returns its exit code (None when killed or
/// signalled), stdout, peak RSS in MB and whether it was killed.
fn run(cmd: &mut Command, limit: Duration) -> anyhow::Result<(Option<i32>, Vec<u8>, f64, bool)> {
    let out_file = tempfile::NamedTempFile::new()?;
    let child = cmd
        .stdout(out_file.reopen()?)
        .stderr(std::process::Stdio::null())
        .spawn()
        .context("starting paperlite")?;
    let pid = child.id() as libc::pid_t;
    let started = Instant::now();
    let killed = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    {
        let (killed, done) = (killed.clone(), done.clone());
        std::thread::spawn(move || {
            while !done.load(std::sync::atomic::Ordering::SeqCst) {
                if started.elapsed() > limit {
                    killed.store(true, std::sync::atomic::Ordering::SeqCst);
                    // SAFETY: signals the child we started, by its id.
                    unsafe { libc::kill(pid, libc::SIGKILL) };
                    return;
                }
                std::thread::sleep(Duration::from_millis(200));
            }
        });
    }
    let mut status = 0;
    // SAFETY: zeroed rusage is a valid value; wait4 fills it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child; pointers are to live locals.
    unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    let stdout = std::fs::read(out_file.path())?;
    Ok((
        code,
        stdout,
        usage.ru_maxrss as f64 / 1024.0,
        killed.load(std::sync::atomic::Ordering::SeqCst),
    ))
}

fn main() -> anyhow::Result<()> {
    let a = args();
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/scans");
    let root = tempfile::tempdir()?;
    let all = root.path().join("all");
    std::fs::create_dir(&all)?;
    let files = build(&all, &samples, Scale::Full)?;
    // Into batch folders of about `batch` files each.
    let mut batches: Vec<PathBuf> = Vec::new();
    let mut moved = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let dir = root.path().join(format!("batch-{:02}", i / a.batch));
        if !dir.exists() {
            std::fs::create_dir(&dir)?;
            batches.push(dir.clone());
        }
        let to = dir.join(f.path.file_name().unwrap_or_default());
        std::fs::rename(&f.path, &to)?;
        moved.push((to, f.kind, f.expect));
    }
    let data = root.path().join("data");
    let mut figures: HashMap<&str, usize> = HashMap::new();
    let mut peak_rss: f64 = 0.0;
    let mut documents = HashMap::new();
    let mut failed = HashMap::new();
    let mut skipped = HashMap::new();
    let started = Instant::now();
    for dir in &batches {
        let mut cmd = Command::new(&a.bin);
        cmd.arg("scan")
            .arg("--json")
            .arg("--data-dir")
            .arg(&data)
            .arg("--workers")
            .arg(a.workers.to_string())
            .arg(dir)
            .env("OMP_THREAD_LIMIT", "1");
        let (code, stdout, rss, killed) = run(&mut cmd, Duration::from_secs(900))?;
        peak_rss = peak_rss.max(rss);
        *figures.entry("batches").or_default() += 1;
        if killed {
            *figures.entry("hangs").or_default() += 1;
            continue;
        }
        let summary: Option<Value> = serde_json::from_slice(&stdout).ok();
        if !matches!(code, Some(0 | 2)) || summary.is_none() {
            *figures.entry("crashes").or_default() += 1;
            eprintln!("{}: exit {code:?}", dir.display());
            continue;
        }
        let summary = summary.unwrap_or_default();
        for (key, map) in [
            ("documents", &mut documents),
            ("failed", &mut failed),
            ("skipped", &mut skipped),
        ] {
            for v in summary[key].as_array().into_iter().flatten() {
                if let Some(file) = v["file"].as_str() {
                    map.insert(file.to_string(), v.clone());
                }
            }
        }
        eprintln!(
            "{}: exit {code:?}, {} files, peak RSS {rss:.0} MB",
            dir.display(),
            summary["files"]
        );
    }
    for (path, kind, expect) in &moved {
        let key = path.to_string_lossy().into_owned();
        let doc = documents.get(&key);
        let outcome = doc.and_then(|d| d["outcome"].as_str()).unwrap_or("");
        let stored = ["stored", "duplicate", "already_stored"].contains(&outcome);
        let reasons: Vec<String> = doc
            .and_then(|d| d["review_reasons"].as_array())
            .into_iter()
            .flatten()
            .filter_map(|r| r.as_str().map(str::to_string))
            .collect();
        let failure = failed.get(&key).and_then(|f| f["reason"].as_str());
        let skip = skipped.get(&key).and_then(|f| f["reason"].as_str());
        *figures.entry("files").or_default() += 1;
        if doc.is_none() && failure.is_none() && skip.is_none() {
            *figures.entry("not accounted for").or_default() += 1;
            eprintln!("not accounted for: {key} ({kind})");
        }
        if stored {
            *figures.entry("stored").or_default() += 1;
        }
        if !reasons.is_empty() {
            *figures
                .entry("stored, flagged as cut off or damaged")
                .or_default() += 1;
        }
        if let Some(r) = failure {
            *figures.entry("failed").or_default() += 1;
            if plain_class(r).is_none() {
                *figures.entry("unclear reasons").or_default() += 1;
                eprintln!("unclear: {key}: {r}");
            }
        }
        if skip.is_some() {
            *figures.entry("skipped with a reason").or_default() += 1;
        }
        let flagged = reasons.iter().any(|r| r.contains("stops at row"));
        let ok = match expect {
            Expect::Stored => stored && !flagged,
            Expect::StoredForReview => stored && flagged,
            Expect::Failed(t) => failure.is_some_and(|r| r.contains(t)),
            Expect::Skipped(t) => skip.is_some_and(|r| r.contains(t)),
            Expect::Any => true,
        };
        if !ok {
            *figures.entry("expectations missed").or_default() += 1;
            eprintln!(
                "missed: {key} ({kind}): expected {expect:?}, got {outcome:?} {failure:?} {skip:?}"
            );
        }
        if *kind == "JPEG cut in half, end marker appended" && flagged {
            *figures.entry("cut-off JPEGs flagged").or_default() += 1;
        }
    }
    let mut keys: Vec<_> = figures.iter().collect();
    keys.sort();
    println!(
        "malformed corpus, batches of {}, {} workers:",
        a.batch, a.workers
    );
    for (k, v) in keys {
        println!("  {k}: {v}");
    }
    println!("  peak RSS of any scan: {peak_rss:.0} MB");
    println!("  wall time: {:.0} s", started.elapsed().as_secs_f64());

    if a.pdf_pages > 0 {
        let pdf = root.path().join(format!("{}-pages.pdf", a.pdf_pages));
        std::fs::write(&pdf, image_pdf(&samples, a.pdf_pages)?)?;
        let mut cmd = Command::new(&a.bin);
        cmd.arg("scan")
            .arg("--json")
            .arg("--data-dir")
            .arg(root.path().join("data-pdf"))
            .arg("--workers")
            .arg(a.workers.to_string())
            .arg("--max-pages")
            .arg(a.pdf_pages.to_string())
            .arg(&pdf)
            .env("OMP_THREAD_LIMIT", "1");
        let t = Instant::now();
        let (code, stdout, rss, killed) = run(&mut cmd, Duration::from_secs(3600))?;
        let summary: Value = serde_json::from_slice(&stdout).unwrap_or_default();
        println!(
            "{}-page image PDF: exit {code:?}{}, {} pages stored, peak RSS {rss:.0} MB, {:.0} s",
            a.pdf_pages,
            if killed { " (killed)" } else { "" },
            summary["pages"],
            t.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// An image PDF of `pages` pages, each drawing a sample JPEG (A4, 300 DPI) full page.
fn image_pdf(samples: &Path, pages: usize) -> anyhow::Result<Vec<u8>> {
    let jpeg = std::fs::read(samples.join("09_referral_change_in_bowel_habit_2ww.jpg"))?;
    let (w, h, components) = jpeg_size(&jpeg).context("reading the sample JPEG's size")?;
    let space = if components == 1 {
        "DeviceGray"
    } else {
        "DeviceRGB"
    };
    let mut objects: Vec<Vec<u8>> = Vec::new();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 5 + i)).collect();
    objects.push(
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        )
        .into_bytes(),
    );
    let mut image = format!(
        "<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /{space} /BitsPerComponent 8 /Filter /DCTDecode /Length {} >>\nstream\n",
        jpeg.len()
    )
    .into_bytes();
    image.extend(&jpeg);
    image.extend(b"\nendstream");
    objects.push(image);
    let content = b"q 595 0 0 842 0 0 cm /Im1 Do Q";
    let mut c = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
    c.extend(content);
    c.extend(b"\nendstream");
    objects.push(c);
    for _ in 0..pages {
        objects.push(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 3 0 R >> >> >>".to_vec());
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes());
    for o in &offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            offsets.len() + 1
        )
        .as_bytes(),
    );
    Ok(out)
}

/// Width, height and component count from a JPEG's start-of-frame marker.
fn jpeg_size(jpeg: &[u8]) -> Option<(u16, u16, u8)> {
    let mut i = 2;
    while i + 9 < jpeg.len() {
        if jpeg[i] != 0xFF {
            return None;
        }
        let marker = jpeg[i + 1];
        let len = usize::from(u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]));
        if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
            let h = u16::from_be_bytes([jpeg[i + 5], jpeg[i + 6]]);
            let w = u16::from_be_bytes([jpeg[i + 7], jpeg[i + 8]]);
            return Some((w, h, jpeg[i + 9]));
        }
        i += 2 + len;
    }
    None
}
