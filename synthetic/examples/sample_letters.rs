//! Prints a few synthetic referral letters with their labels.
//!
//! ```text
//! cargo run -p paperlite-synthetic --example sample_letters -- [COUNT] [SEED] [STYLE]
//! ```

use paperlite_synthetic::{generate, CorpusConfig};
use triage::LetterStyle;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let count: usize = args.first().and_then(|s| s.parse().ok()).unwrap_or(5);
    let seed: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1);
    let styles: Vec<LetterStyle> = match args.get(2).map(|s| s.parse::<LetterStyle>()) {
        Some(Ok(style)) => vec![style],
        Some(Err(e)) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
        None => Vec::new(),
    };
    let config = CorpusConfig {
        styles,
        ..CorpusConfig::new(seed, count)
    };
    match generate(&config) {
        Ok(letters) => {
            for l in letters {
                println!(
                    "===== {} | {} variant {} | rule {} -> {} / {} | GP asked {} | OCR noise {}\n{}\n",
                    l.id,
                    l.style,
                    l.variant,
                    l.rule,
                    l.urgency,
                    l.pathway,
                    l.gp_priority.map_or("nothing".to_string(), |p| p.to_string()),
                    l.ocr_noise,
                    l.text
                );
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    }
}
