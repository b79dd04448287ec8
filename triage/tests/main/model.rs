//! The transformer model: training, save/load, probabilities, routing, and the committed
//! default model. Tests train only tiny models (one layer, width 32, a few steps).

use std::path::PathBuf;

use paperlite_triage::model::text::train_tokenizer;
use paperlite_triage::model::{
    train, train_with_tokenizer, Example, NumberEncoding, TrainConfig, TriageModel,
};
use paperlite_triage::routing::{route, triage_letter, Decision, RoutingPolicy};
use paperlite_triage::{Error, RedFlagChecker, RuleId};
use synthetic::{generate, CorpusConfig};

fn tiny_config(seed: u64) -> TrainConfig {
    TrainConfig {
        seed,
        epochs: 1,
        batch_size: 16,
        max_steps: Some(6),
        evals_per_epoch: 1,
        vocab_size: 400,
        numbers: NumberEncoding::DigitsWithPlace,
        d_model: 32,
        n_layers: 1,
        n_heads: 2,
        d_ff: 64,
        max_len: 96,
        ..TrainConfig::default()
    }
}

fn letters(seed: u64, n: usize) -> anyhow::Result<Vec<Example>> {
    Ok(generate(&CorpusConfig::new(seed, n))?
        .iter()
        .map(Example::from)
        .collect())
}

fn tiny_model(seed: u64) -> anyhow::Result<TriageModel> {
    let data = letters(seed, 300)?;
    let (tr, va) = data.split_at(260);
    Ok(train(&tiny_config(seed), tr, va, &())?.model)
}

#[test]
fn save_and_load_give_identical_probabilities() -> anyhow::Result<()> {
    let model = tiny_model(1)?;
    let dir = tempfile::tempdir()?;
    model.save(dir.path())?;
    for f in ["config.json", "tokenizer.json", "model.safetensors"] {
        assert!(dir.path().join(f).is_file(), "{f} missing");
    }
    let loaded = TriageModel::load(dir.path())?;
    assert_eq!(loaded.config(), model.config());
    let probe = letters(99, 12)?;
    let texts: Vec<&str> = probe.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(model.predict_batch(&texts)?, loaded.predict_batch(&texts)?);
    Ok(())
}

#[test]
fn probabilities_sum_to_one_and_match_batched_and_single() -> anyhow::Result<()> {
    let model = tiny_model(2)?;
    let probe = letters(98, 10)?;
    let texts: Vec<&str> = probe.iter().map(|e| e.text.as_str()).collect();
    let batch = model.predict_batch(&texts)?;
    for (text, p) in texts.iter().zip(&batch) {
        for head in [&p.urgency, &p.pathway] {
            let sum: f64 = head.probabilities.iter().map(|(_, x)| x).sum();
            assert!((sum - 1.0).abs() < 1e-9, "sum {sum}");
            assert!(head
                .probabilities
                .iter()
                .all(|(_, x)| (0.0..=1.0).contains(x)));
            let best = head
                .probabilities
                .iter()
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(l, _)| l.clone());
            assert_eq!(best.as_deref(), Some(head.label.as_str()));
        }
        assert!((0.0..=1.0).contains(&p.p_low_risk));
        // Padding must not change the answer: one letter alone gives the same probabilities.
        let single = model.predict(text)?;
        for ((_, a), (_, b)) in single
            .urgency
            .probabilities
            .iter()
            .zip(&p.urgency.probabilities)
        {
            assert!((a - b).abs() < 1e-5, "{a} vs {b}");
        }
    }
    // The label sets come from the data.
    assert_eq!(
        model.config().urgency_labels,
        [
            "urgent_suspected_cancer",
            "urgent",
            "routine",
            "advice_and_guidance"
        ]
    );
    assert_eq!(
        model.config().low_risk_urgency,
        ["routine", "advice_and_guidance"]
    );
    Ok(())
}

#[test]
fn same_seed_and_tokenizer_same_model() -> anyhow::Result<()> {
    let data = letters(3, 300)?;
    let (tr, va) = data.split_at(260);
    let config = tiny_config(3);
    let texts: Vec<&str> = tr.iter().map(|e| e.text.as_str()).collect();
    let tokenizer = train_tokenizer(&texts, config.vocab_size, config.numbers)?;
    let a = train_with_tokenizer(&config, tokenizer.clone(), tr, va, &())?.model;
    let b = train_with_tokenizer(&config, tokenizer, tr, va, &())?.model;
    let probe = letters(97, 5)?;
    let texts: Vec<&str> = probe.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(a.predict_batch(&texts)?, b.predict_batch(&texts)?);
    Ok(())
}

#[test]
fn any_label_set_trains() -> anyhow::Result<()> {
    // A trust's own label names, with a third urgency.
    let data: Vec<Example> = letters(4, 120)?
        .into_iter()
        .enumerate()
        .map(|(i, mut e)| {
            e.urgency = ["2WW", "Expedite", "Routine"][i % 3].to_string();
            e.pathway = ["Colorectal", "Liver"][i % 2].to_string();
            e
        })
        .collect();
    let (tr, va) = data.split_at(100);
    let model = train(&tiny_config(4), tr, va, &())?.model;
    // Spec names (in any case) first in the spec's order, then the others alphabetically.
    assert_eq!(
        model.config().urgency_labels,
        ["Routine", "2WW", "Expedite"]
    );
    assert_eq!(model.config().low_risk_urgency, ["Routine"]);
    let p = model.predict("Dear Doctor, please see.")?;
    assert_eq!(p.pathway.probabilities.len(), 2);
    Ok(())
}

#[test]
fn a_red_flag_letter_is_never_auto_routed() -> anyhow::Result<()> {
    let model = tiny_model(5)?;
    // A policy that would auto-route anything, and a model made to say "low risk" with
    // certainty: the red-flag checker must still send the letter to review.
    let policy = RoutingPolicy {
        threshold: Some(0.0),
        ..RoutingPolicy::review_everything(0.01, 0.95)
    };
    let checker = RedFlagChecker::new();
    let text = "Dear Doctor, Mr Jones, 58, has progressive dysphagia to solids for six weeks.";
    let mut forced = model.predict(text)?;
    forced.p_low_risk = 1.0;
    let t = route(&policy, &checker, forced, text);
    assert_eq!(t.routing.decision, Decision::Review);
    assert!(
        t.routing.reason.starts_with("red flag U1"),
        "{}",
        t.routing.reason
    );
    assert!(t.check.red_flags.iter().any(|f| f.rule == RuleId::U1));
    // And over generated letters: every flagged letter goes to review.
    for e in letters(6, 150)? {
        let t = triage_letter(&model, &policy, &checker, &e.text)?;
        if t.check.is_red_flag() {
            assert_eq!(t.routing.decision, Decision::Review);
        } else {
            assert_eq!(t.routing.decision, Decision::AutoRoute);
        }
    }
    Ok(())
}

#[test]
fn a_missing_model_is_a_setup_problem_an_operator_fixes() {
    let err = TriageModel::load("/nonexistent/model")
        .err()
        .expect("no model there");
    assert!(matches!(err, Error::Model { .. }), "{err}");
    assert_eq!(err.fault(), types::Fault::Setup);
    assert_eq!(err.code(), "model_unavailable");
    assert!(!err.is_user_error());
}

fn default_model_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../models/triage-gi")
}

#[test]
fn the_committed_default_model_triages_clear_letters() -> anyhow::Result<()> {
    let dir = default_model_dir();
    let model = TriageModel::load(&dir)?;
    let policy = RoutingPolicy::load(&dir)?;
    let checker = RedFlagChecker::new();

    let dysphagia = "Dear Doctor,\n\nRe: Mr Peter Hughes, aged 71\n\nI would be grateful if you \
        could see this gentleman who describes a 6 week history of progressive dysphagia to \
        solids, with food sticking behind the sternum. He has lost about 5 kg in weight. \
        Hb 141 g/L.\n\nYours sincerely,\nDr A Patel";
    let t = triage_letter(&model, &policy, &checker, dysphagia)?;
    assert_eq!(t.routing.decision, Decision::Review);
    assert!(t.check.red_flags.iter().any(|f| f.rule == RuleId::U1));
    assert_eq!(t.prediction.urgency.label, "urgent_suspected_cancer");
    assert_eq!(t.prediction.pathway.label, "upper_gi");

    let ibs = "Dear Doctor,\n\nRe: Miss Emma Clarke, aged 24\n\nThis young woman has had \
        intermittent abdominal pain and bloating for a year, relieved by opening her bowels, \
        in keeping with irritable bowel syndrome. No rectal bleeding, no weight loss. FIT <4 \
        ug Hb/g. Calprotectin 22 ug/g. Coeliac serology negative. Bloods including Hb and \
        ferritin normal. I would value your advice on further management.\n\nYours \
        sincerely,\nDr S Green";
    let t = triage_letter(&model, &policy, &checker, ibs)?;
    assert!(t.check.red_flags.is_empty(), "{:?}", t.check.red_flags);
    assert!(
        model
            .config()
            .low_risk_urgency
            .contains(&t.prediction.urgency.label),
        "{:?}",
        t.prediction.urgency
    );
    assert!(t.prediction.p_low_risk > 0.5, "{}", t.prediction.p_low_risk);
    Ok(())
}
