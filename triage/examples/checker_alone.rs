//! The red-flag checker on its own, per letter style: what routing on the rules alone would
//! do (a letter is auto-routed when the checker finds no red flag), and how well the rule
//! table's own urgency and pathway agree with the labels. The checker is not trained, so
//! every letter of a style is "held out" for it; compare with the leave-one-style-out table
//! of the model card, which uses the same letters (the first N of the corpus).
//!
//! ```sh
//! cargo run --release -p paperlite-triage --example checker_alone -- [letters] [seed]
//! # the model card's leave-one-style-out letters:
//! cargo run --release -p paperlite-triage --example checker_alone -- 6000 42
//! # and print the low-risk letters of one style that got a red flag, with the evidence:
//! cargo run --release -p paperlite-triage --example checker_alone -- 6000 42 tick_box_proforma
//! ```

use paperlite_triage::model::metrics::macro_f1;
use paperlite_triage::{LetterStyle, ReferralLetter};
use paperlite_triage::{Pathway, RedFlagChecker, Urgency};
use synthetic::{generate, CorpusConfig};

struct Row {
    letters: usize,
    urgency_f1: f64,
    pathway_f1: f64,
    high_risk: usize,
    missed_high_risk: usize,
    low_risk: usize,
    low_risk_unflagged: usize,
}

fn score(letters: &[&ReferralLetter], checker: &RedFlagChecker) -> Row {
    let index_u = |u: Urgency| Urgency::ALL.iter().position(|x| *x == u).unwrap_or(0);
    let index_p = |p: Pathway| Pathway::ALL.iter().position(|x| *x == p).unwrap_or(0);
    let (mut gold_u, mut pred_u, mut gold_p, mut pred_p) = (vec![], vec![], vec![], vec![]);
    let mut row = Row {
        letters: letters.len(),
        urgency_f1: 0.0,
        pathway_f1: 0.0,
        high_risk: 0,
        missed_high_risk: 0,
        low_risk: 0,
        low_risk_unflagged: 0,
    };
    for letter in letters {
        let check = checker.check(&letter.text);
        gold_u.push(index_u(letter.urgency));
        pred_u.push(index_u(check.urgency));
        gold_p.push(index_p(letter.pathway));
        pred_p.push(index_p(check.pathway));
        let flagged = !check.red_flags.is_empty();
        if letter.urgency.is_low_risk() {
            row.low_risk += 1;
            row.low_risk_unflagged += usize::from(!flagged);
        } else {
            row.high_risk += 1;
            row.missed_high_risk += usize::from(!flagged);
        }
    }
    row.urgency_f1 = macro_f1(&gold_u, &pred_u, Urgency::ALL.len());
    row.pathway_f1 = macro_f1(&gold_p, &pred_p, Pathway::ALL.len());
    row
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let count: usize = args.first().map_or(Ok(6000), |s| s.parse())?;
    let seed: u64 = args.get(1).map_or(Ok(42), |s| s.parse())?;
    let letters = generate(&CorpusConfig::new(seed, count))?;
    let checker = RedFlagChecker::new();
    println!("red-flag checker alone on {count} generated letters (seed {seed})\n");
    println!(
        "| style | letters | urgency macro-F1 | pathway macro-F1 | under-triage (urgent letters with no red flag) | low-risk letters with no red flag (auto-routed) |"
    );
    println!("| --- | --- | --- | --- | --- | --- |");
    let mut groups: Vec<(String, Vec<&ReferralLetter>)> = LetterStyle::ALL
        .iter()
        .map(|s| {
            let of_style = letters.iter().filter(|l| l.style == *s).collect();
            (s.as_str().to_string(), of_style)
        })
        .collect();
    groups.push(("all".to_string(), letters.iter().collect()));
    for (name, group) in &groups {
        let r = score(group, &checker);
        println!(
            "| {name} | {} | {:.3} | {:.3} | {}/{} | {:.1}% ({}/{}) |",
            r.letters,
            r.urgency_f1,
            r.pathway_f1,
            r.missed_high_risk,
            r.high_risk,
            100.0 * r.low_risk_unflagged as f64 / r.low_risk.max(1) as f64,
            r.low_risk_unflagged,
            r.low_risk
        );
    }
    if let Some(style) = args.get(2) {
        let flagged = letters.iter().filter(|l| {
            l.style.as_str() == style
                && l.urgency.is_low_risk()
                && !checker.check(&l.text).red_flags.is_empty()
        });
        for letter in flagged.take(8) {
            let check = checker.check(&letter.text);
            let evidence: Vec<String> = check
                .evidence
                .iter()
                .map(|e| format!("{}: {:?}", e.fact, e.text))
                .collect();
            println!(
                "\n--- {} (label {}, checker {} by {:?})\n{}\nevidence: {evidence:?}",
                letter.id,
                letter.urgency.as_str(),
                check.urgency.as_str(),
                check.red_flags,
                letter.text
            );
        }
    }
    Ok(())
}
