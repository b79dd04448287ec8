//! Prints the text-line evidence ([`paperlite_ocr::cleanup::LineEvidence`]) of every scanned
//! page of the given files, as prepared for reading and turned by each quarter, one tab-separated row
//! per page and turn: the data behind the orientation precheck's limits (BENCHMARKS.md).
//!
//! `cargo run --release -p paperlite-ocr --example line_evidence -- FILE...`

use std::time::Instant;

use paperlite_ocr::cleanup::{line_evidence, prepare, rotate_quarter_turns};
use paperlite_ocr::CleanupConfig;
use paperlite_ocr::{Document, LoadConfig, SourcePage};

fn main() -> anyhow::Result<()> {
    let config = LoadConfig::default();
    println!("file\tpage\tturned\trows_over_columns\tascender_balance\tms");
    for file in std::env::args().skip(1) {
        let bytes = std::fs::read(&file)?;
        let doc = match Document::open(&bytes, &config) {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("{file}: {e}");
                continue;
            }
        };
        for n in 1..=doc.page_count() {
            let SourcePage::Image { image, dpi, .. } = doc.page(n, &config)? else {
                continue;
            };
            // The page as the reader sees it: levelled and binarised.
            let (prepared, _) = prepare(&image, dpi, &CleanupConfig::default());
            for turned in [0, 90, 180, 270] {
                let page = rotate_quarter_turns(&prepared, turned);
                let started = Instant::now();
                let evidence = line_evidence(&page, dpi);
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                let (r, a) = evidence.map_or((f32::NAN, f32::NAN), |e| {
                    (e.rows_over_columns, e.ascender_balance)
                });
                println!("{file}\t{n}\t{turned}\t{r:.3}\t{a:.3}\t{ms:.1}");
            }
        }
    }
    Ok(())
}
