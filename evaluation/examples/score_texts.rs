//! Scores OCR text produced elsewhere against the ground truth: one row per folder of
//! `<stem>.txt` files (pages split by form feeds). Used by `bench/ocr.sh` to compare
//! PaperLite with the plain `tesseract` command on the same pages.
//!
//! `cargo run --release -p paperlite-evaluation --example score_texts -- --data samples/scans LABEL=DIR...`

use std::path::PathBuf;

use paperlite_evaluation::ocr_eval::{find_ground_truth, score_external, Aggregate};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut data = PathBuf::from("samples/scans");
    let mut runs = Vec::new();
    while let Some(a) = args.next() {
        if a == "--data" {
            data = args.next().map(PathBuf::from).unwrap_or(data);
        } else if let Some((label, dir)) = a.split_once('=') {
            runs.push((label.to_string(), PathBuf::from(dir)));
        }
    }
    let files = find_ground_truth(&data)?;
    println!("| engine | pages | CER all | CER clean | CER degraded | WER all | WER degraded |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (label, dir) in runs {
        let g = score_external(&files, &dir);
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
