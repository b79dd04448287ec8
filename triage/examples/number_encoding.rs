//! Compares how numbers reach the model: plain WordPiece tokens against single digits with a
//! place embedding, on letters whose urgency hinges on a threshold (FIT 9 vs 10, Hb near
//! 120/130, ferritin near 30, age 39/40, 49/50, 54/55, 59/60, ...).
//!
//! ```sh
//! cargo run --release -p paperlite-triage --example number_encoding -- [letters] [epochs] [seed]
//! ```
//! Trains one model per encoding on the same generated letters (same seed, same split,
//! same hyper-parameters) and prints macro-F1 on a random test split and urgency accuracy on
//! threshold-hinge letters drawn from a separate generated corpus.

use std::time::Instant;

use paperlite_triage::model::evaluate::{evaluate, threshold_accuracy, threshold_cases};
use paperlite_triage::model::{
    split_indices, train, Example, NumberEncoding, StepInfo, TrainConfig,
};
use synthetic::{generate, CorpusConfig};

struct Dots(Instant);

impl paperlite_triage::model::TrainProgress for Dots {
    fn step(&self, s: &StepInfo) {
        if s.step.is_multiple_of(50) {
            eprintln!(
                "  [{:.0} s] step {}/{} loss {:.3}",
                self.0.elapsed().as_secs_f64(),
                s.step,
                s.total_steps,
                s.loss
            );
        }
    }
    fn evaluated(&self, e: &paperlite_triage::model::EvalInfo) {
        eprintln!(
            "  [{:.0} s] epoch {} step {}: val macro-F1 urgency {:.3} pathway {:.3}",
            self.0.elapsed().as_secs_f64(),
            e.epoch,
            e.step,
            e.urgency_f1,
            e.pathway_f1
        );
    }
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let count: usize = args.first().map_or(Ok(6000), |s| s.parse())?;
    let epochs: usize = args.get(1).map_or(Ok(3), |s| s.parse())?;
    let seed: u64 = args.get(2).map_or(Ok(11), |s| s.parse())?;
    let letters = generate(&CorpusConfig::new(seed, count))?;
    let examples: Vec<Example> = letters.iter().map(Example::from).collect();
    let parts = split_indices(examples.len(), &[0.8, 0.1], seed);
    let pick = |idx: &[usize]| idx.iter().map(|&i| examples[i].clone()).collect::<Vec<_>>();
    let (tr, va, te) = (pick(&parts[0]), pick(&parts[1]), pick(&parts[2]));
    // Threshold letters from a separate corpus (another seed).
    let probe = generate(&CorpusConfig::new(seed + 1000, 20_000))?;
    let cases = threshold_cases(&probe);
    println!(
        "{} letters ({} train, {} valid, {} test), {} threshold-hinge letters, {} epochs",
        count,
        tr.len(),
        va.len(),
        te.len(),
        cases.len(),
        epochs
    );
    for numbers in [NumberEncoding::Plain, NumberEncoding::DigitsWithPlace] {
        let config = TrainConfig {
            seed,
            epochs,
            numbers,
            ..TrainConfig::default()
        };
        let t = Instant::now();
        let trained = train(&config, &tr, &va, &Dots(Instant::now()))?;
        let secs = t.elapsed().as_secs_f64();
        let (report, _) = evaluate(&trained.model, &te)?;
        let rows = threshold_accuracy(&trained.model, &probe, &cases)?;
        println!(
            "\n{numbers:?}: {secs:.0} s, test macro-F1 urgency {:.3} pathway {:.3}, under-triage {}/{}",
            report.urgency.macro_f1, report.pathway.macro_f1, report.under_triage, report.n_high_risk
        );
        for (name, n, right) in rows {
            println!(
                "  threshold letters {name:<13} n={n:<5} urgency accuracy {:.3}",
                right as f64 / n as f64
            );
        }
    }
    Ok(())
}
