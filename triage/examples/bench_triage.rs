//! Throughput and latency of the triage model on this machine (a benchmark, not a test).
//!
//! ```sh
//! uptime   # note the load: timings on a busy machine are slower
//! cargo run --release -p paperlite-triage --example bench_triage -- [model_dir] [letters] [seed]
//! ```
//! Prints batched letters/s (`predict_batch`, batches of 16 by length), one-letter-at-a-time
//! p50/p99 latency of the model alone and of the whole triage (model + red-flag checker +
//! routing), and the whole decision (`triage::decision`: checker, rules, model veto, routing)
//! batched and with the rules alone, on generated letters.

use std::time::Instant;

use paperlite_triage::decision::{Decider, DecisionConfig};
use paperlite_triage::model::card::measure_speed;
use paperlite_triage::model::TriageModel;
use paperlite_triage::routing::{triage_letter, RoutingPolicy};
use paperlite_triage::RedFlagChecker;
use synthetic::{generate, CorpusConfig};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .first()
        .cloned()
        .unwrap_or_else(|| "models/triage-gi".to_string());
    let count: usize = args.get(1).map_or(Ok(500), |s| s.parse())?;
    let seed: u64 = args.get(2).map_or(Ok(2024), |s| s.parse())?;
    let model = TriageModel::load(&dir)?;
    let policy = RoutingPolicy::load(&dir)?;
    let checker = RedFlagChecker::new();
    let letters = generate(&CorpusConfig::new(seed, count))?;
    let texts: Vec<&str> = letters.iter().map(|l| l.text.as_str()).collect();
    let tokens: usize = texts
        .iter()
        .map(|t| model.encoder().encode(t).map(|e| e.ids.len()))
        .sum::<Result<usize, _>>()?;
    println!(
        "model {dir}: {} parameters; {count} generated letters (seed {seed}), mean {:.0} tokens \
         after truncation to {}",
        model.parameter_count(),
        tokens as f64 / count as f64,
        model.config().max_len
    );
    let speed = measure_speed(&model, &texts)?;
    println!(
        "load average {} on {} threads",
        speed.load_average.as_deref().unwrap_or("?"),
        speed.threads
    );
    println!(
        "model, batched:        {:.1} letters/s",
        speed.batched_letters_per_second
    );
    println!(
        "model, one at a time:  p50 {:.2} ms  p99 {:.2} ms",
        speed.single_p50_ms, speed.single_p99_ms
    );
    let mut times = Vec::with_capacity(texts.len());
    for text in &texts {
        let t = Instant::now();
        triage_letter(&model, &policy, &checker, text)?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let q = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "full triage, one at a time (model + red-flag checker + routing): p50 {:.2} ms  p99 {:.2} ms",
        q(0.5),
        q(0.99)
    );
    let decide_all = |decider: &Decider| -> anyhow::Result<f64> {
        let t = Instant::now();
        for chunk in texts.chunks(64) {
            decider.decide_batch(chunk)?;
        }
        Ok(texts.len() as f64 / t.elapsed().as_secs_f64())
    };
    let rules = Decider::rules_only();
    println!(
        "whole decision, rules only (no model), batched: {:.1} letters/s",
        decide_all(&rules)?
    );
    let with_model = Decider::with_model(model, policy, DecisionConfig::default());
    println!(
        "whole decision, model veto, batched by 64: {:.1} letters/s",
        decide_all(&with_model)?
    );
    Ok(())
}
