//! `MODEL_CARD.md`: what a trained model is for, what it was trained on, how well it did and
//! where it must not be trusted.

use std::fmt::Write as _;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::classifier::TriageModel;
use super::pipeline::RunSummary;
use crate::error::Result;

/// Leave-one-style-out result for one held-out style.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LosoRow {
    pub group: String,
    pub n_test: usize,
    pub urgency_f1: f64,
    pub pathway_f1: f64,
    pub under_triage: usize,
    pub n_high_risk: usize,
    pub threshold: Option<f64>,
    pub low_risk_share_routed: f64,
    pub high_risk_auto_routed: usize,
}

impl LosoRow {
    pub fn from_summary(group: &str, s: &RunSummary) -> LosoRow {
        LosoRow {
            group: group.to_string(),
            n_test: s.test.n,
            urgency_f1: s.test.urgency.macro_f1,
            pathway_f1: s.test.pathway.macro_f1,
            under_triage: s.test.under_triage,
            n_high_risk: s.test.n_high_risk,
            threshold: s.routing.threshold,
            low_risk_share_routed: s.test_routing.low_risk_share_routed(),
            high_risk_auto_routed: s.test_routing.high_risk_auto_routed,
        }
    }
}

/// Inference speed on this machine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeedReport {
    pub letters: usize,
    /// Letters per second through `predict_batch` (batches of 16 by length).
    pub batched_letters_per_second: f64,
    /// One letter at a time through `predict`, in milliseconds.
    pub single_p50_ms: f64,
    pub single_p99_ms: f64,
    /// `/proc/loadavg` before the measurement, when readable.
    pub load_average: Option<String>,
    pub threads: usize,
}

/// Times batched and one-at-a-time inference over `texts`.
pub fn measure_speed(model: &TriageModel, texts: &[&str]) -> Result<SpeedReport> {
    let load_average = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "));
    // Warm up.
    model.predict_batch(&texts[..texts.len().min(16)])?;
    let t = Instant::now();
    model.predict_batch(texts)?;
    let batched = texts.len() as f64 / t.elapsed().as_secs_f64().max(1e-9);
    let mut times: Vec<f64> = Vec::with_capacity(texts.len());
    for text in texts {
        let t = Instant::now();
        model.predict(text)?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let pct = |q: f64| -> f64 {
        if times.is_empty() {
            return 0.0;
        }
        let i = ((times.len() as f64 - 1.0) * q).round() as usize;
        times[i.min(times.len() - 1)]
    };
    Ok(SpeedReport {
        letters: texts.len(),
        batched_letters_per_second: batched,
        single_p50_ms: pct(0.5),
        single_p99_ms: pct(0.99),
        load_average,
        threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
    })
}

/// What the card shows besides the run summary.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CardExtras {
    /// The model directory name ("triage-gi").
    pub name: String,
    /// Where the letters came from ("generated: 20000 letters, seed 42" or a file name).
    pub data_source: String,
    /// The command that made the model.
    pub command: String,
    pub loso: Vec<LosoRow>,
    /// Urgency accuracy on threshold-hinge letters: `(analyte, n, correct)`.
    pub threshold_letters: Vec<(String, usize, usize)>,
    pub speed: Option<SpeedReport>,
    /// `/proc/loadavg` when training started.
    pub train_load: Option<String>,
    pub model_bytes: u64,
    pub parameters: usize,
}

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

/// What the product does with the model; written into every card so that `paperlite train`
/// reproduces the committed one.
const ROLE_IN_THE_PRODUCT: &str = "## Role in the product

The product's decision is `triage::decision`: the spec's rules over the facts the red-flag
checker reads decide urgency and pathway, and auto-routing needs a low-risk rule other than D,
no high-risk fact and a familiar letter. **This model decides nothing by default**
(`--model-role off`): it runs and its calibrated probabilities are shown beside the decision.
With `--model-role veto` it may only send a letter to review (auto-routing also needs its
P(low risk) above the routing threshold below); it can never make a letter less urgent than the
rules. On independently written letters it scored well below the rules (BENCHMARKS.md,
\"Triage decision\"), which is why it has no say by default. The routing section below
describes the model-alone policy in `routing.json`, which the veto mode uses. The binary
carries a copy of the shipped model, so `paperlite triage` finds it from any directory.
";

/// Renders the card.
pub fn render_model_card(model: &TriageModel, s: &RunSummary, x: &CardExtras) -> String {
    let c = model.config();
    let t = &s.training;
    let mut o = String::new();
    let w = &mut o;
    let _ = writeln!(w, "# Model card: {}\n", x.name);
    let _ = writeln!(
        w,
        "A small transformer that reads a gastroenterology referral letter and suggests its \
         **urgency** and **pathway**, with calibrated probabilities, for PaperLite's triage \
         queue. Letters go to a clinician unless the model is confident the letter is low risk \
         *and* the rule-based red-flag checker finds nothing (see Routing).\n"
    );
    let _ = writeln!(w, "{ROLE_IN_THE_PRODUCT}");
    let _ = writeln!(w, "## Intended use and limits\n");
    let _ = writeln!(
        w,
        "- **Use:** ordering and pre-sorting the referral inbox; auto-routing only the letters \
         that pass the routing rule below, with every other letter reviewed by a clinician.\n\
         - **Not a medical device.** It has no regulatory approval and must not be the only \
         check on any referral.\n\
         - **Trained on synthetic letters** written by PaperLite's generator from the rules of \
         `shared/clinical/referral-triage-spec.md`. Its figures measure agreement with that \
         generator, not performance on real referrals: real letters use phrasings, layouts, \
         scans and clinical pictures the generator does not. **A trust must retrain or at least \
         validate it on its own labelled letters** (`paperlite train --data FILE.csv`) and \
         re-derive the routing threshold before any use.\n\
         - Letters are cut to {} tokens (first three quarters and last quarter kept).\n",
        c.max_len
    );
    let _ = writeln!(w, "## Data\n");
    let _ = writeln!(w, "- Source: {}", x.data_source);
    let sp = &s.splits;
    match &sp.holdout_group {
        None => {
            let _ = writeln!(
                w,
                "- Random split (seed {}): {} train, {} validation (early stopping, \
                 temperature), {} calibration (routing threshold), {} test; {} letters in all.",
                s.config.split_seed, sp.train, sp.valid, sp.calibration, sp.test, sp.total
            );
        }
        Some(g) => {
            let _ = writeln!(
                w,
                "- Held-out style `{g}`: all {} of its letters are the test set; the other \
                 styles split {} train, {} validation, {} calibration.",
                sp.test, sp.train, sp.valid, sp.calibration
            );
        }
    }
    let _ = writeln!(w, "- Urgency labels: {}", c.urgency_labels.join(", "));
    let _ = writeln!(
        w,
        "- Low-risk urgency labels (may be auto-routed): {}",
        c.low_risk_urgency.join(", ")
    );
    let _ = writeln!(w, "- Pathway labels: {}\n", c.pathway_labels.join(", "));

    let _ = writeln!(w, "## Model\n");
    let _ = writeln!(
        w,
        "- Pre-LN transformer encoder written on candle: {} layer{}, d_model {}, {} heads, FFN \
         {} (GELU), token + position embeddings, masked mean pooling, two linear heads; \
         {} parameters, `model.safetensors` {:.1} MB.",
        c.n_layers,
        if c.n_layers == 1 { "" } else { "s" },
        c.d_model,
        c.n_heads,
        c.d_ff,
        x.parameters,
        x.model_bytes as f64 / 1e6
    );
    let _ = writeln!(
        w,
        "- Tokenizer: WordPiece, {} tokens, trained on the training letters; BERT normaliser \
         (lower case, accents stripped).",
        c.vocab_size
    );
    let numbers = match c.numbers {
        super::NumberEncoding::DigitsWithPlace => {
            "numbers are split into single digits and each digit token gets a learned place \
             embedding (units, tens, hundreds, thousands+, first decimal, later decimals), so \
             \"FIT 12\" reads as `fit 1@tens 2@units`. Generic: no analyte names or thresholds \
             are built in."
        }
        super::NumberEncoding::Plain => "numbers are ordinary WordPiece tokens (baseline).",
    };
    let _ = writeln!(w, "- Numbers: {numbers}\n");

    let _ = writeln!(w, "## Training\n");
    let tc = &s.config.train;
    let _ = writeln!(
        w,
        "- AdamW (lr {}, weight decay {} on matrices), linear warm-up over {}% of steps then \
         linear decay, gradient-norm clip {}, dropout {}, batch {} (bucketed by length), \
         seed {}.",
        tc.learning_rate,
        tc.weight_decay,
        tc.warmup_fraction * 100.0,
        tc.clip_norm,
        tc.dropout,
        tc.batch_size,
        tc.seed
    );
    let _ = writeln!(
        w,
        "- Early stopping on validation macro-F1 (mean of urgency and pathway), {} checks per \
         epoch, patience {}: ran {} steps{}, best at step {} (epoch {}): validation macro-F1 \
         urgency {:.3}, pathway {:.3}.",
        tc.evals_per_epoch,
        tc.patience,
        t.steps,
        if t.stopped_early {
            " (stopped early)"
        } else {
            ""
        },
        t.best_step,
        t.best.epoch,
        t.best.urgency_f1,
        t.best.pathway_f1
    );
    let _ = writeln!(
        w,
        "- Time: {:.0} s for training (tokenizer {:.0} s), {:.0} s for the whole run, on {} \
         CPU threads{}.\n",
        t.train_seconds,
        t.tokenizer_seconds,
        s.total_seconds,
        x.speed.as_ref().map_or(0, |sp| sp.threads),
        x.train_load
            .as_ref()
            .map(|l| format!(" (load average at start: {l})"))
            .unwrap_or_default()
    );

    let _ = writeln!(w, "## Results on the test letters\n");
    let te = &s.test;
    let _ = writeln!(w, "| head | macro-F1 | accuracy |\n| --- | --- | --- |");
    let _ = writeln!(
        w,
        "| urgency | {:.3} | {:.3} |",
        te.urgency.macro_f1, te.urgency.accuracy
    );
    let _ = writeln!(
        w,
        "| pathway | {:.3} | {:.3} |\n",
        te.pathway.macro_f1, te.pathway.accuracy
    );
    let _ = writeln!(
        w,
        "- **Under-triage** (truly urgent or urgent-suspected-cancer letters whose top urgency \
         label is low risk): {} of {} high-risk test letters. Routing adds the red-flag checker \
         on top (below).",
        te.under_triage, te.n_high_risk
    );
    let _ = writeln!(w, "- Urgency confusion (rows: truth, columns: model):\n");
    let _ = writeln!(w, "| | {} |", c.urgency_labels.join(" | "));
    let _ = writeln!(w, "| --- |{}", " --- |".repeat(c.urgency_labels.len()));
    for (label, row) in c.urgency_labels.iter().zip(&te.urgency_confusion) {
        let cells: Vec<String> = row.iter().map(usize::to_string).collect();
        let _ = writeln!(w, "| {label} | {} |", cells.join(" | "));
    }
    let _ = writeln!(w);

    let _ = writeln!(w, "## Calibration\n");
    let _ = writeln!(
        w,
        "Temperature scaling per head, T fitted on the validation letters by minimising NLL \
         (golden-section search on ln T): urgency T = {:.3}, pathway T = {:.3}. On the test \
         letters (15-bin ECE, NLL):\n",
        c.temperature.urgency, c.temperature.pathway
    );
    let _ = writeln!(
        w,
        "| head | ECE before | ECE after | NLL before | NLL after |\n| --- | --- | --- | --- | --- |"
    );
    for (name, h) in [("urgency", &te.urgency), ("pathway", &te.pathway)] {
        let _ = writeln!(
            w,
            "| {name} | {:.4} | {:.4} | {:.4} | {:.4} |",
            h.ece_before, h.ece_after, h.nll_before, h.nll_after
        );
    }
    let _ = writeln!(w);

    let _ = writeln!(w, "## Routing\n");
    let r = &s.routing;
    match r.threshold {
        Some(th) => {
            let _ = writeln!(
                w,
                "A letter is auto-routed only when the calibrated probability of a low-risk \
                 urgency is at least **{th:.4}** and the red-flag checker finds nothing. The \
                 threshold is the lowest at or above {} for which, on the {} calibration \
                 letters, the auto-routed letters ({} of them, {} truly urgent) have a \
                 one-sided {:.0}% Clopper-Pearson upper bound on the urgent share of **{}** \
                 (limit {}). It auto-routes {} of the calibration split's low-risk letters.\n",
                r.min_threshold,
                r.n_calibration,
                r.n_routed,
                r.events,
                r.confidence * 100.0,
                pct(r.upper_bound),
                pct(r.max_risk),
                pct(r.low_risk_share_routed())
            );
        }
        None => {
            let _ = writeln!(
                w,
                "No threshold met the {} bound on the calibration letters: every letter goes \
                 to review.\n",
                pct(r.max_risk)
            );
        }
    }
    let u = &s.unfloored_routing;
    if r.min_threshold > 0.0 {
        let _ = writeln!(
            w,
            "Why the floor of {}: the red-flag checker was written alongside the generator and \
             catches nearly every urgent synthetic letter, so the bound alone is met at a \
             threshold of {} ({} letters routed, {} urgent, bound {}): the model would add \
             nothing and a letter it calls 99% urgent would be auto-routed on the checker's word \
             alone. With the floor, the model and the checker must both call a letter low risk.\n",
            r.min_threshold,
            u.threshold
                .map_or_else(|| "none".to_string(), |t| format!("{t:.4}")),
            u.n_routed,
            u.events,
            pct(u.upper_bound)
        );
    }
    let tr = &s.test_routing;
    let _ = writeln!(
        w,
        "On the test letters: {} of {} auto-routed; {} of the {} low-risk letters ({}); \
         **{} truly urgent letters auto-routed**; {} letters sent to review by a red flag. The \
         bound was computed on the same letters the threshold was chosen on, so the test \
         figure is the honest check.\n",
        tr.auto_routed,
        tr.n,
        tr.low_risk_auto_routed,
        tr.n_low_risk,
        pct(tr.low_risk_share_routed()),
        tr.high_risk_auto_routed,
        tr.red_flagged
    );

    if !x.loso.is_empty() {
        let _ = writeln!(w, "## Leave one style out\n");
        let _ = writeln!(
            w,
            "One model per letter style, trained without that style and tested on all its \
             letters; the first row is a model trained on a random split of the same letters \
             with the same budget, for reference. These models use the `--loso-letters` / \
             `--loso-epochs` budget of the Reproduce command, which may be smaller than the \
             shipped model's.\n"
        );
        let _ = writeln!(
            w,
            "| held-out style | test letters | urgency macro-F1 | pathway macro-F1 | \
             under-triage | threshold | low-risk auto-routed | urgent auto-routed |\n\
             | --- | --- | --- | --- | --- | --- | --- | --- |"
        );
        for l in &x.loso {
            let _ = writeln!(
                w,
                "| {} | {} | {:.3} | {:.3} | {}/{} | {} | {} | {} |",
                l.group,
                l.n_test,
                l.urgency_f1,
                l.pathway_f1,
                l.under_triage,
                l.n_high_risk,
                l.threshold
                    .map_or_else(|| "none".to_string(), |t| format!("{t:.4}")),
                pct(l.low_risk_share_routed),
                l.high_risk_auto_routed
            );
        }
        let _ = writeln!(w);
    }

    if !x.threshold_letters.is_empty() {
        let _ = writeln!(w, "## Letters that hinge on a number\n");
        let _ = writeln!(
            w,
            "Urgency accuracy on generated letters (a separate seed) whose label flips when one \
             value moves just across a rule threshold (FIT 10; Hb 120/130; ferritin 30; \
             calprotectin 100/250; ALT 40/300; age 40/50/55/60):\n"
        );
        let _ = writeln!(
            w,
            "| value | letters | urgency accuracy |\n| --- | --- | --- |"
        );
        for (name, n, right) in &x.threshold_letters {
            let _ = writeln!(
                w,
                "| {name} | {n} | {:.3} |",
                *right as f64 / (*n).max(1) as f64
            );
        }
        let _ = writeln!(w);
    }

    if let Some(sp) = &x.speed {
        let _ = writeln!(w, "## Speed\n");
        let _ = writeln!(
            w,
            "On {} CPU threads{}: {:.0} letters/s batched; one letter at a time p50 {:.1} ms, \
             p99 {:.1} ms ({} letters; model inference only, red-flag checker and OCR \
             not included).\n",
            sp.threads,
            sp.load_average
                .as_ref()
                .map(|l| format!(" (load average {l})"))
                .unwrap_or_default(),
            sp.batched_letters_per_second,
            sp.single_p50_ms,
            sp.single_p99_ms,
            sp.letters
        );
    }

    let _ = writeln!(w, "## Reproduce\n");
    let _ = writeln!(w, "```sh\n{}\n```", x.command);
    o
}
