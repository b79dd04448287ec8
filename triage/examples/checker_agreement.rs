//! How far the rule-based red-flag checker agrees with the generator's labels.
//!
//! ```text
//! cargo run --release -p paperlite-triage --example checker_agreement -- [COUNT] [SEED] [--show N]
//! ```
//!
//! Prints, per letter style and for clean / OCR-noisy letters: the number of letters, agreement
//! on the rule, the urgency and the pathway, and red-flag sensitivity (the share of letters
//! labelled urgent_suspected_cancer or urgent that the checker flags) and specificity. With
//! `--show N` it also prints N missed red flags.

use std::time::Instant;

use paperlite_triage::{CheckResult, RedFlagChecker};
use paperlite_triage::{LetterStyle, ReferralLetter};
use synthetic::{generate, CorpusConfig};

#[derive(Default)]
struct Tally {
    n: usize,
    rule: usize,
    urgency: usize,
    pathway: usize,
    red: usize,
    red_flagged: usize,
    low: usize,
    low_unflagged: usize,
}

impl Tally {
    fn add(&mut self, letter: &ReferralLetter, r: &CheckResult) {
        self.n += 1;
        self.rule += usize::from(r.rule_id() == letter.rule);
        self.urgency += usize::from(r.urgency == letter.urgency);
        self.pathway += usize::from(r.pathway == letter.pathway);
        if letter.urgency.is_red_flag() {
            self.red += 1;
            self.red_flagged += usize::from(r.is_red_flag());
        } else {
            self.low += 1;
            self.low_unflagged += usize::from(!r.is_red_flag());
        }
    }

    fn row(&self, name: &str) -> String {
        let pct = |a: usize, b: usize| {
            if b == 0 {
                "   -  ".to_string()
            } else {
                format!("{:6.3}", a as f64 / b as f64)
            }
        };
        format!(
            "{name:<22}{:>6}  {}  {}  {}  {}  {}",
            self.n,
            pct(self.rule, self.n),
            pct(self.urgency, self.n),
            pct(self.pathway, self.n),
            pct(self.red_flagged, self.red),
            pct(self.low_unflagged, self.low),
        )
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut positional = args.iter().take_while(|a| !a.starts_with("--"));
    let count: usize = positional
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5000);
    let seed: u64 = positional
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2024);
    let wrong: usize = args
        .iter()
        .position(|a| a == "--wrong")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let show: usize = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);

    let started = Instant::now();
    let letters = match generate(&CorpusConfig::new(seed, count)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let generated = started.elapsed();
    let checker = RedFlagChecker::new();
    let started = Instant::now();
    let results: Vec<CheckResult> = letters.iter().map(|l| checker.check(&l.text)).collect();
    let checked = started.elapsed();

    println!(
        "{count} letters, seed {seed}: generated in {:.2?}, checked in {:.2?}\n",
        generated, checked
    );
    println!(
        "{:<22}{:>6}  {:>6}  {:>6}  {:>6}  {:>6}  {:>6}",
        "style", "n", "rule", "urgncy", "pathwy", "sens", "spec"
    );
    let mut all = Tally::default();
    let mut clean = Tally::default();
    let mut noisy = Tally::default();
    for style in LetterStyle::ALL {
        let mut t = Tally::default();
        for (l, r) in letters
            .iter()
            .zip(&results)
            .filter(|(l, _)| l.style == style)
        {
            t.add(l, r);
            all.add(l, r);
            if l.ocr_noise {
                noisy.add(l, r);
            } else {
                clean.add(l, r);
            }
        }
        println!("{}", t.row(style.as_str()));
    }
    println!("{}", clean.row("all, clean text"));
    println!("{}", noisy.row("all, OCR noise"));
    println!("{}", all.row("all"));
    println!("\nsens: share of urgent_suspected_cancer/urgent letters flagged; spec: share of routine/advice letters not flagged.");

    let mut confusions: std::collections::BTreeMap<(String, String), usize> = Default::default();
    for (l, r) in letters.iter().zip(&results) {
        if r.rule_id() != l.rule {
            *confusions
                .entry((l.rule.to_string(), r.rule_id().to_string()))
                .or_default() += 1;
        }
    }
    let mut confusions: Vec<_> = confusions.into_iter().collect();
    confusions.sort_by_key(|c| std::cmp::Reverse(c.1));
    println!("\nmost common rule disagreements (label -> checker):");
    for ((label, got), n) in confusions.iter().take(12) {
        println!("  {label:>2} -> {got:<2} {n}");
    }

    let mut shown = 0;
    for (l, r) in letters.iter().zip(&results) {
        if shown >= show {
            break;
        }
        if l.urgency.is_red_flag() && !r.is_red_flag() {
            shown += 1;
            println!(
                "\n--- MISSED {} ({} {} variant {}, ocr {}): label {} {}, checker {:?}\nfacts drawn: {:?}\nfacts read:  {:?}\n{}",
                l.id,
                l.rule,
                l.style,
                l.variant,
                l.ocr_noise,
                l.urgency,
                l.pathway,
                r.rule,
                l.facts,
                r.facts,
                l.text
            );
        }
    }

    for (l, r) in letters
        .iter()
        .zip(&results)
        .filter(|(l, r)| r.rule_id() != l.rule)
        .take(wrong)
    {
        println!(
            "\n--- WRONG {} ({} {} variant {}, ocr {}): label {}, checker {}\ndrawn: {}\nread:  {}\n{}",
            l.id,
            l.rule,
            l.style,
            l.variant,
            l.ocr_noise,
            l.rule,
            r.rule_id(),
            serde_json::to_string(&l.facts).unwrap_or_default(),
            serde_json::to_string(&r.facts).unwrap_or_default(),
            l.text
        );
    }
}
