//! Renders every page of the given PDFs at 300 DPI with pdfium, the way `paperlite scan`
//! does, and reports the time per page; with `--out DIR` it also writes each page as PNG
//! (for feeding other OCR engines the same pixels).
//!
//! `cargo run --release -p paperlite-ocr --example render_pdf -- [--out DIR] FILE.pdf...`

use std::path::PathBuf;
use std::time::Instant;

use paperlite_ocr::{Document, LoadConfig, SourcePage};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut out: Option<PathBuf> = None;
    let mut files = Vec::new();
    while let Some(a) = args.next() {
        if a == "--out" {
            out = args.next().map(PathBuf::from);
        } else {
            files.push(PathBuf::from(a));
        }
    }
    // Render every page, even those with a text layer, to time the renderer itself.
    let config = LoadConfig {
        text_layer_min_chars: usize::MAX,
        ..LoadConfig::default()
    };
    let (mut pages, mut seconds) = (0u32, 0f64);
    for file in &files {
        let bytes = std::fs::read(file)?;
        let started = Instant::now();
        let doc = Document::open(&bytes, &config)?;
        let mut rendered = Vec::new();
        for n in 1..=doc.page_count() {
            rendered.push(doc.page(n, &config)?);
        }
        let elapsed = started.elapsed().as_secs_f64();
        pages += doc.page_count();
        seconds += elapsed;
        println!(
            "{}: {} pages in {:.3} s ({:.3} s/page)",
            file.display(),
            doc.page_count(),
            elapsed,
            elapsed / f64::from(doc.page_count())
        );
        if let Some(dir) = &out {
            std::fs::create_dir_all(dir)?;
            let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("page");
            for page in rendered {
                if let SourcePage::Image { page, image, .. } = page {
                    image.save(dir.join(format!("{stem}-{page:03}.png")))?;
                }
            }
        }
    }
    if pages > 0 {
        println!(
            "pdfium: {pages} pages in {seconds:.3} s, {:.3} s/page",
            seconds / f64::from(pages)
        );
    }
    Ok(())
}
