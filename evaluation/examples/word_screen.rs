//! What the routing guard's word screen costs and catches: each labelled file decided by the
//! rules with the screen on and off (model role off), counting auto-routed letters by risk.
//!
//! ```sh
//! cargo run -p paperlite-evaluation --example word_screen -- FILE.jsonl [FILE.jsonl ...]
//! # and list the low-risk letters the screen alone sent to review, with the words:
//! WORD_SCREEN_SHOW=1 cargo run -p paperlite-evaluation --example word_screen -- FILE.jsonl
//! ```

use std::path::Path;

use paperlite_evaluation::triage_eval::read_labelled;
use triage::decision::Decider;
use triage::Decision;

fn main() -> anyhow::Result<()> {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        anyhow::bail!("usage: word_screen FILE.jsonl [FILE.jsonl ...]");
    }
    let show = std::env::var_os("WORD_SCREEN_SHOW").is_some();
    let mut on = Decider::rules_only();
    let mut off = Decider::rules_only();
    on.set_word_screen(true);
    off.set_word_screen(false);
    println!(
        "| file | letters | low risk | routed, screen off | routed, screen on | high-risk routed, off | high-risk routed, on | low-risk letters the screen holds back |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for file in &files {
        let letters = read_labelled(Path::new(file))?;
        let (mut low, mut routed_off, mut routed_on, mut high_off, mut high_on, mut held) =
            (0, 0, 0, 0, 0, 0);
        for l in &letters {
            let low_risk = matches!(l.urgency.as_str(), "routine" | "advice_and_guidance");
            let a = off.decide(&l.text)?;
            let b = on.decide(&l.text)?;
            let (ra, rb) = (
                a.decision == Decision::AutoRoute,
                b.decision == Decision::AutoRoute,
            );
            low += usize::from(low_risk);
            if low_risk {
                routed_off += usize::from(ra);
                routed_on += usize::from(rb);
            } else {
                high_off += usize::from(ra);
                high_on += usize::from(rb);
                if ra {
                    eprintln!(
                        "{file} {}: {} auto-routed with the screen off; screen {}",
                        l.id,
                        l.urgency,
                        if rb { "missed it too" } else { "held it back" }
                    );
                }
            }
            if ra && !rb && low_risk {
                held += 1;
                if show {
                    let words: Vec<String> = b
                        .check
                        .unread
                        .iter()
                        .map(|u| format!("{:?} in {:?}", u.word, u.context))
                        .collect();
                    eprintln!("  held {} ({}): {}", l.id, l.urgency, words.join("; "));
                }
            }
        }
        let pct = |n: usize| 100.0 * n as f64 / low.max(1) as f64;
        println!(
            "| {file} | {} | {low} | {routed_off} ({:.1}%) | {routed_on} ({:.1}%) | {high_off} | {high_on} | {held} |",
            letters.len(),
            pct(routed_off),
            pct(routed_on),
        );
    }
    Ok(())
}
