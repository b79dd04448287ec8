use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use crate::config::{FileConfig, OcrArgs};

#[derive(Debug, Args)]
pub struct OcrCommandArgs {
    /// Scan files to recognise.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub ocr: OcrArgs,
    /// One JSON object per file, one per line.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct PageJson<'a> {
    page: u32,
    text: &'a str,
    mean_confidence: f32,
    needs_review: bool,
    source: types::TextSource,
    rotation_degrees: u32,
    skew_degrees: f32,
    review_reason: Option<&'a str>,
    /// The measurements the review flag is decided from (of the words as stored, after
    /// marks read from specks were dropped), for choosing the flag's rule on evaluation sets.
    quality: ocr::quality::PageQuality,
    elapsed_ms: u64,
}

pub fn run(args: OcrCommandArgs, file: &FileConfig) -> anyhow::Result<ExitCode> {
    let config = args.ocr.ocr_config(file);
    let workers = args.ocr.workers(file);
    // One pool for every file: the engines start once.
    let pool = ocr::OcrPool::new(&config, workers)?;
    let mut failures = 0;
    for path in &args.files {
        let name = path.display().to_string();
        let result = std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                pool.recognize_file(&bytes, &config)
                    .map_err(|e| e.to_string())
            });
        match (result, args.json) {
            (Ok(pages), true) => {
                let pages: Vec<PageJson> = pages
                    .iter()
                    .map(|p| PageJson {
                        page: p.page,
                        text: &p.text,
                        mean_confidence: (p.mean_confidence * 10.0).round() / 10.0,
                        needs_review: p.needs_review,
                        source: p.source,
                        rotation_degrees: p.rotation_degrees,
                        skew_degrees: p.skew_degrees,
                        review_reason: p.review_reason.as_deref(),
                        quality: ocr::quality::PageQuality {
                            unread_text: p.unread_text,
                            ..ocr::quality::PageQuality::of(&p.words)
                        },
                        elapsed_ms: p.elapsed_ms,
                    })
                    .collect();
                println!("{}", serde_json::json!({ "file": name, "pages": pages }));
            }
            (Ok(pages), false) => {
                for p in pages {
                    println!(
                        "== {name} page {} (confidence {:.1}{}{}) ==",
                        p.page,
                        p.mean_confidence,
                        if p.needs_review { ", NEEDS REVIEW" } else { "" },
                        if p.source == types::TextSource::TextLayer {
                            ", text layer"
                        } else {
                            ""
                        }
                    );
                    println!("{}\n", p.text);
                }
            }
            (Err(reason), json) => {
                failures += 1;
                if json {
                    println!("{}", serde_json::json!({ "file": name, "error": reason }));
                }
                eprintln!("FAILED {name}: {reason}");
            }
        }
    }
    Ok(if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(super::scan::EXIT_SOME_FAILED)
    })
}
