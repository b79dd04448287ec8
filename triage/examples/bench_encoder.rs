//! Letters per second of the pretrained encoder + head and of the rules-only decision, batched,
//! on the letters of a JSON Lines file (`text` field).
//!
//! ```text
//! RAYON_NUM_THREADS=2 cargo run --release -p paperlite-triage --example bench_encoder -- \
//!     samples/referrals/independent/dev.jsonl [models/all-minilm-l6-v2] [models/triage-minilm-head]
//! ```

use std::time::Instant;

use anyhow::Context;
use paperlite_triage::decision::Decider;
use paperlite_triage::encoder::{EncoderTriage, DEFAULT_ENCODER_DIR, DEFAULT_HEAD_DIR};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .context("usage: bench_encoder LETTERS.jsonl [ENCODER_DIR] [HEAD_DIR]")?;
    let encoder_dir = args.get(1).map_or(DEFAULT_ENCODER_DIR, String::as_str);
    let head_dir = args.get(2).map_or(DEFAULT_HEAD_DIR, String::as_str);
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {path}"))?;
    let mut letters = Vec::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let v: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{path}, line {}", i + 1))?;
        let t = v["text"]
            .as_str()
            .with_context(|| format!("{path}, line {}: no text", i + 1))?;
        letters.push(t.to_string());
    }
    let texts: Vec<&str> = letters.iter().map(String::as_str).collect();
    let enc = EncoderTriage::load(encoder_dir, head_dir)?;
    let pieces: usize = texts
        .iter()
        .map(|t| enc.encoder().word_pieces(t).map(|p| p.len()))
        .sum::<paperlite_triage::Result<usize>>()?;
    let rules = Decider::rules_only();
    let _ = rules.decide_batch(&texts)?; // warm-up (regexes)
    let t0 = Instant::now();
    let _ = rules.decide_batch(&texts)?;
    let rules_s = t0.elapsed().as_secs_f64();
    let t0 = Instant::now();
    let _ = enc.predict_batch(&texts)?;
    let enc_s = t0.elapsed().as_secs_f64();
    let n = texts.len() as f64;
    println!(
        "{} letters, {:.0} word-pieces each on average, RAYON_NUM_THREADS={}",
        texts.len(),
        pieces as f64 / n,
        std::env::var("RAYON_NUM_THREADS").unwrap_or_else(|_| "all".into())
    );
    println!("rules-only decision: {:.1} letters/s", n / rules_s);
    println!("MiniLM + head: {:.2} letters/s", n / enc_s);
    Ok(())
}
