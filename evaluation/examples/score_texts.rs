//! Scores OCR text produced elsewhere against the ground truth: one row per folder of
//! `<stem>.txt` files (pages split by form feeds). Used by `bench/ocr.sh` to compare
//! PaperLite with the plain `tesseract` command on the same pages.
//!
//! `cargo run --release -p paperlite-evaluation --example score_texts -- --data samples/scans
//! [--pages OUT.csv] LABEL=DIR...`; `--pages` also writes each page's error rates
//! (label, file, page, character errors, reference characters, cer, wer) for per-page comparisons such as the review flag's.

use std::path::PathBuf;

use std::io::Write;

use paperlite_evaluation::ocr_eval::{
    find_ground_truth, group_pages, score_external_pages, Aggregate,
};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut data = PathBuf::from("samples/scans");
    let mut runs = Vec::new();
    let mut per_page: Option<std::fs::File> = None;
    while let Some(a) = args.next() {
        if a == "--data" {
            data = args.next().map(PathBuf::from).unwrap_or(data);
        } else if a == "--pages" {
            let path = args
                .next()
                .ok_or_else(|| anyhow::anyhow!("--pages needs a file"))?;
            let mut f = std::fs::File::create(&path)?;
            writeln!(f, "label,file,page,char_errors,ref_chars,cer,wer")?;
            per_page = Some(f);
        } else if let Some((label, dir)) = a.split_once('=') {
            runs.push((label.to_string(), PathBuf::from(dir)));
        }
    }
    let files = find_ground_truth(&data)?;
    println!("| engine | pages | CER all | CER clean | CER degraded | WER all | WER degraded |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (label, dir) in runs {
        let pages = score_external_pages(&files, &dir);
        if let Some(f) = per_page.as_mut() {
            for p in &pages {
                writeln!(
                    f,
                    "{label},{},{},{},{},{:.5},{:.5}",
                    p.file, p.page, p.chars.errors, p.chars.reference_len, p.cer, p.wer
                )?;
            }
        }
        let g = group_pages(&pages);
        let pct =
            |a: &Aggregate, wer: bool| format!("{:.2}%", 100.0 * if wer { a.wer } else { a.cer });
        println!(
            "| {label} | {} | {} | {} | {} | {} | {} |",
            g.all.pages,
            pct(&g.all, false),
            pct(&g.clean, false),
            pct(&g.degraded, false),
            pct(&g.all, true),
            pct(&g.degraded, true)
        );
    }
    Ok(())
}
