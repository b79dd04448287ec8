//! Times each clean-up step over every scanned page of the given files (one thread), against
//! the Tesseract read of the same cleaned page: where a page's clean-up time goes, and how
//! it compares with the OCR it prepares for. Prints one summary table (milliseconds a page).
//!
//! `OMP_THREAD_LIMIT=1 cargo run --release -p paperlite-ocr --example cleanup_steps -- FILE...`
//! (one Tesseract thread, as `paperlite` runs it)

use std::time::Instant;

use paperlite_ocr::cleanup::{despeckle, downscale, measure_skew, median3, rotate, sauvola};
use paperlite_ocr::{CleanupConfig, Document, Engine, EngineConfig, LoadConfig, SourcePage};

/// Runs `f`, adding its wall time in milliseconds to `total`.
fn timed<T>(total: &mut f64, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = f();
    *total += started.elapsed().as_secs_f64() * 1000.0;
    out
}

fn main() -> anyhow::Result<()> {
    let load = LoadConfig::default();
    let cfg = CleanupConfig::default();
    let mut engine = Engine::new(&EngineConfig::default())?;
    let steps = [
        "measure skew",
        "rotate",
        "sauvola",
        "despeckle",
        "median (all pages)",
        "downscale 2x",
        "tesseract (cleaned page)",
    ];
    let mut totals = [0.0f64; 7];
    let mut pages = 0u32;
    for file in std::env::args().skip(1) {
        let bytes = std::fs::read(&file)?;
        let doc = match Document::open(&bytes, &load) {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("{file}: {e}");
                continue;
            }
        };
        for n in 1..=doc.page_count() {
            let SourcePage::Image { image, dpi, .. } = doc.page(n, &load)? else {
                continue;
            };
            pages += 1;
            let skew = timed(&mut totals[0], || {
                measure_skew(&image, dpi, cfg.max_skew_degrees)
            });
            let levelled = timed(&mut totals[1], || rotate(&image, skew.unwrap_or(0.0)));
            let window = cfg.sauvola_window(dpi);
            let mut binary = timed(&mut totals[2], || sauvola(&levelled, window, cfg.sauvola_k));
            timed(&mut totals[3], || despeckle(&mut binary));
            timed(&mut totals[4], || median3(&levelled));
            timed(&mut totals[5], || downscale(&image, 2));
            timed(&mut totals[6], || engine.recognize_bilevel(&binary, dpi, n))?;
        }
    }
    let per_page = |t: f64| t / f64::from(pages.max(1));
    println!("{pages} pages, one thread");
    println!("| step | ms a page |");
    println!("| --- | ---: |");
    for (name, total) in steps.iter().zip(totals) {
        println!("| {name} | {:.1} |", per_page(total));
    }
    Ok(())
}
