//! Pretrained encoder comparison: the from-scratch transformer (models/triage-gi) against
//! all-MiniLM-L6-v2 + a logistic-regression head, a TF-IDF + logistic-regression baseline,
//! the rules alone and the product's decision in each model role, printed as Markdown tables.
//!
//! ```text
//! RAYON_NUM_THREADS=2 cargo run --release -p paperlite-evaluation --example encoder_comparison -- \
//!     --data samples/referrals/independent/dev.jsonl [--save-head models/triage-minilm-head]
//! ```
//!
//! 1. Generates `--train-letters` letters (seed `--train-seed`), embeds them with the encoder
//!    and trains the head on 85% (temperatures and the encoder's routing threshold on the other
//!    15%); the TF-IDF baseline trains on the same 85%.
//! 2. Scores every system on `--data` (macro-F1 of urgency and pathway, urgent or
//!    urgent-suspected-cancer letters auto-routed, low-risk letters auto-routed, over-triage),
//!    and the product with the model role off, veto (the transformer), escalate, fallback and
//!    escalate_fallback (the encoder).
//! 3. Leave-one-form-out on the generated letters: the head and the baseline trained without a
//!    form, tested on that form.
//! 4. Letters per second, batched, of each system on `--data`'s letters.
//!
//! The sealed half of the independent set is refused: it is read once, at the end, by the lead.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context};
use paperlite_evaluation::triage_eval::tfidf::{TfidfBaseline, TfidfConfig};
use paperlite_evaluation::triage_eval::{read_labelled, LabelledLetter};
use triage::decision::{Decider, DecisionConfig, ModelRole};
use triage::encoder::{
    EncoderConfig, EncoderHead, EncoderTriage, HeadExample, HeadTrainConfig, SentenceEncoder,
    DEFAULT_ENCODER_DIR,
};
use triage::model::metrics::{argmax, macro_f1};
use triage::model::{split_indices, Prediction, TriageModel};
use triage::routing::{choose_threshold, CalibrationCase, Decision, RoutingPolicy};
use triage::{Pathway, RedFlagChecker, Urgency};

/// A generated letter as the head's training needs it.
struct TrainingLetter {
    text: String,
    urgency: usize,
    pathway: usize,
    /// The letter form (for leave-one-form-out).
    form: String,
}

/// `count` generated letters (generator seed `seed`, default settings otherwise): the
/// comparison's only use of the generator.
fn generated_letters(seed: u64, count: usize) -> anyhow::Result<Vec<TrainingLetter>> {
    let letters = synthetic::generate(&synthetic::CorpusConfig::new(seed, count))?;
    Ok(letters
        .into_iter()
        .map(|l| TrainingLetter {
            urgency: urgency_index(l.urgency),
            pathway: pathway_index(l.pathway),
            form: l.style.as_str().to_string(),
            text: l.text,
        })
        .collect())
}

struct Args {
    data: PathBuf,
    train_letters: usize,
    train_seed: u64,
    encoder: PathBuf,
    model: PathBuf,
    save_head: Option<PathBuf>,
    cache: Option<PathBuf>,
    loso: bool,
}

fn parse_args() -> anyhow::Result<Args> {
    let mut a = Args {
        data: PathBuf::from("samples/referrals/independent/dev.jsonl"),
        train_letters: 3000,
        train_seed: 42,
        encoder: std::env::var_os("PAPERLITE_ENCODER")
            .map_or_else(|| PathBuf::from(DEFAULT_ENCODER_DIR), PathBuf::from),
        model: PathBuf::from("models/triage-gi"),
        save_head: None,
        cache: None,
        loso: true,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--data" => a.data = PathBuf::from(value()?),
            "--train-letters" => a.train_letters = value()?.parse()?,
            "--train-seed" => a.train_seed = value()?.parse()?,
            "--encoder" => a.encoder = PathBuf::from(value()?),
            "--model" => a.model = PathBuf::from(value()?),
            "--save-head" => a.save_head = Some(PathBuf::from(value()?)),
            "--cache" => a.cache = Some(PathBuf::from(value()?)),
            "--no-loso" => a.loso = false,
            other => bail!(
                "unknown argument {other:?} (--data, --train-letters, --train-seed, --encoder, \
                 --model, --save-head, --cache, --no-loso)"
            ),
        }
    }
    if a.data.to_string_lossy().contains("sealed") {
        bail!(
            "{} is the sealed half: it is not for comparing models",
            a.data.display()
        );
    }
    Ok(a)
}

/// One system's labels and routing on a set of letters.
struct Scored {
    name: String,
    urgency: Vec<usize>,
    pathway: Vec<usize>,
    auto_routed: Vec<bool>,
}

struct Gold {
    urgency: Vec<usize>,
    pathway: Vec<usize>,
}

fn urgency_index(u: Urgency) -> usize {
    Urgency::ALL.iter().position(|x| *x == u).unwrap_or(0)
}

fn pathway_index(p: Pathway) -> usize {
    Pathway::ALL.iter().position(|x| *x == p).unwrap_or(0)
}

fn low(u: usize) -> bool {
    Urgency::ALL[u].is_low_risk()
}

fn row(s: &Scored, g: &Gold) -> String {
    let n_high = g.urgency.iter().filter(|&&u| !low(u)).count();
    let n_low = g.urgency.len() - n_high;
    let high_routed = g
        .urgency
        .iter()
        .zip(&s.auto_routed)
        .filter(|(&u, &r)| r && !low(u))
        .count();
    let low_routed = g
        .urgency
        .iter()
        .zip(&s.auto_routed)
        .filter(|(&u, &r)| r && low(u))
        .count();
    let over = g
        .urgency
        .iter()
        .zip(&s.urgency)
        .filter(|(&gu, &pu)| low(gu) && !low(pu))
        .count();
    let under = g
        .urgency
        .iter()
        .zip(&s.urgency)
        .filter(|(&gu, &pu)| !low(gu) && low(pu))
        .count();
    let pct = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    format!(
        "| {} | {:.3} | {:.3} | {high_routed} | {low_routed}/{n_low} ({:.1}%) | {under}/{n_high} | {over}/{n_low} ({:.1}%) |",
        s.name,
        macro_f1(&g.urgency, &s.urgency, Urgency::ALL.len()),
        macro_f1(&g.pathway, &s.pathway, Pathway::ALL.len()),
        pct(low_routed, n_low),
        pct(over, n_low)
    )
}

const HEADER: &str = "| system | urgency macro-F1 | pathway macro-F1 | urgent/USC auto-routed | low-risk auto-routed | under-triage | over-triage |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |";

fn from_prediction(p: &Prediction, threshold: Option<f64>) -> (usize, usize, bool) {
    let pu: Vec<f64> = p.urgency.probabilities.iter().map(|x| x.1).collect();
    let pp: Vec<f64> = p.pathway.probabilities.iter().map(|x| x.1).collect();
    (
        argmax(&pu),
        argmax(&pp),
        threshold.is_some_and(|t| p.p_low_risk >= t),
    )
}

/// Embeddings of the generated letters, read from or written to the cache file.
fn embed_cached(
    encoder: &SentenceEncoder,
    texts: &[&str],
    cache: Option<&PathBuf>,
) -> anyhow::Result<Vec<Vec<f32>>> {
    if let Some(path) = cache.filter(|p| p.is_file()) {
        let v: Vec<Vec<f32>> = serde_json::from_slice(&std::fs::read(path)?)
            .with_context(|| format!("invalid embedding cache {}", path.display()))?;
        if v.len() == texts.len() {
            eprintln!("read {} embeddings from {}", v.len(), path.display());
            return Ok(v);
        }
    }
    let start = Instant::now();
    let mut out = Vec::with_capacity(texts.len());
    for (i, chunk) in texts.chunks(64).enumerate() {
        out.extend(encoder.embed(chunk)?);
        eprintln!(
            "embedded {}/{} generated letters ({:.1} letters/s)",
            (i * 64 + chunk.len()),
            texts.len(),
            out.len() as f64 / start.elapsed().as_secs_f64()
        );
    }
    if let Some(path) = cache {
        std::fs::write(path, serde_json::to_vec(&out)?)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(out)
}

fn head_examples<'a>(
    letters: &[TrainingLetter],
    embeddings: &'a [Vec<f32>],
    idx: &[usize],
) -> Vec<HeadExample<'a>> {
    idx.iter()
        .map(|&i| HeadExample {
            embedding: &embeddings[i],
            urgency: letters[i].urgency,
            pathway: letters[i].pathway,
        })
        .collect()
}

fn tfidf(letters: &[TrainingLetter], idx: &[usize]) -> TfidfBaseline {
    let texts: Vec<&str> = idx.iter().map(|&i| letters[i].text.as_str()).collect();
    let u: Vec<usize> = idx.iter().map(|&i| letters[i].urgency).collect();
    let p: Vec<usize> = idx.iter().map(|&i| letters[i].pathway).collect();
    TfidfBaseline::train(
        &texts,
        &u,
        &p,
        (Urgency::ALL.len(), Pathway::ALL.len()),
        &TfidfConfig::default(),
    )
}

fn main() -> anyhow::Result<()> {
    let args = parse_args()?;
    let dev: Vec<LabelledLetter> = read_labelled(&args.data)
        .with_context(|| format!("cannot read {}", args.data.display()))?;
    let gold = Gold {
        urgency: dev
            .iter()
            .map(|l| l.urgency.parse::<Urgency>().map(urgency_index))
            .collect::<Result<_, _>>()?,
        pathway: dev
            .iter()
            .map(|l| l.pathway.parse::<Pathway>().map(pathway_index))
            .collect::<Result<_, _>>()?,
    };
    let dev_texts: Vec<&str> = dev.iter().map(|l| l.text.as_str()).collect();

    // 1. The head, on generated letters.
    eprintln!(
        "generating {} letters (seed {})",
        args.train_letters, args.train_seed
    );
    let letters = generated_letters(args.train_seed, args.train_letters)?;
    let encoder = SentenceEncoder::load(&args.encoder, EncoderConfig::default())?;
    let texts: Vec<&str> = letters.iter().map(|l| l.text.as_str()).collect();
    let embeddings = embed_cached(&encoder, &texts, args.cache.as_ref())?;
    let parts = split_indices(letters.len(), &[0.85], args.train_seed.wrapping_add(11));
    let (train_idx, cal_idx) = (parts[0].clone(), parts[1].clone());
    let sha = paperlite_evaluation::report::sha256_file(&args.encoder.join("model.safetensors"))?;
    let head = EncoderHead::train(
        &head_examples(&letters, &embeddings, &train_idx),
        &head_examples(&letters, &embeddings, &cal_idx),
        &HeadTrainConfig::default(),
        format!(
            "{} of {} generated letters (generator seed {}, default settings; split seed {}), \
             temperatures on the other {}",
            train_idx.len(),
            letters.len(),
            args.train_seed,
            args.train_seed.wrapping_add(11),
            cal_idx.len()
        ),
        format!("all-MiniLM-L6-v2 (model.safetensors sha256 {sha})"),
    )?;
    // The encoder's own routing threshold, as `paperlite train` chooses the transformer's:
    // 1% tolerated urgent share, 95% Clopper-Pearson, at least 0.5, on the calibration part.
    let checker = RedFlagChecker::new();
    let cal_cases: Vec<CalibrationCase> = cal_idx
        .iter()
        .map(|&i| CalibrationCase {
            p_low_risk: head.predict(&embeddings[i]).p_low_risk,
            has_red_flag: false,
            truly_high_risk: !low(letters[i].urgency),
        })
        .collect();
    let encoder_policy: RoutingPolicy = choose_threshold(&cal_cases, 0.01, 0.95, 0.5);
    if let Some(dir) = &args.save_head {
        head.save(dir)?;
        encoder_policy.save(dir)?;
        eprintln!("saved the head to {}", dir.display());
    }
    let tf = tfidf(&letters, &train_idx);

    // 2. The independent development letters.
    eprintln!("scoring {} letters of {}", dev.len(), args.data.display());
    let model = TriageModel::load(&args.model)?;
    let policy = RoutingPolicy::load(&args.model)?;
    let t0 = Instant::now();
    let model_predictions = model.predict_batch(&dev_texts)?;
    let transformer_secs = t0.elapsed().as_secs_f64();
    let t0 = Instant::now();
    let dev_embeddings = encoder.embed(&dev_texts)?;
    let encoder_predictions: Vec<Prediction> =
        dev_embeddings.iter().map(|e| head.predict(e)).collect();
    let encoder_secs = t0.elapsed().as_secs_f64();
    let t0 = Instant::now();
    let tf_predictions: Vec<(Vec<f64>, Vec<f64>)> =
        dev_texts.iter().map(|t| tf.predict(t)).collect();
    let tfidf_secs = t0.elapsed().as_secs_f64();
    let t0 = Instant::now();
    let checks: Vec<_> = dev_texts.iter().map(|t| checker.check(t)).collect();
    let rules_secs = t0.elapsed().as_secs_f64();

    let mut systems = Vec::new();
    let collect = |name: &str, v: Vec<(usize, usize, bool)>| Scored {
        name: name.to_string(),
        urgency: v.iter().map(|x| x.0).collect(),
        pathway: v.iter().map(|x| x.1).collect(),
        auto_routed: v.iter().map(|x| x.2).collect(),
    };
    systems.push(collect(
        "from-scratch transformer alone",
        model_predictions
            .iter()
            .map(|p| from_prediction(p, policy.threshold))
            .collect(),
    ));
    systems.push(collect(
        "MiniLM + head alone",
        encoder_predictions
            .iter()
            .map(|p| from_prediction(p, encoder_policy.threshold))
            .collect(),
    ));
    systems.push(collect(
        "TF-IDF + logistic regression",
        tf_predictions
            .iter()
            .map(|(pu, pp)| {
                let p_low: f64 = (0..pu.len()).filter(|&u| low(u)).map(|u| pu[u]).sum();
                (
                    argmax(pu),
                    argmax(pp),
                    policy.threshold.is_some_and(|t| p_low >= t),
                )
            })
            .collect(),
    ));
    systems.push(collect(
        "rules alone (checker)",
        checks
            .iter()
            .map(|c| {
                (
                    urgency_index(c.urgency),
                    pathway_index(c.pathway),
                    c.red_flags.is_empty(),
                )
            })
            .collect(),
    ));
    let (model2, policy2) = (
        TriageModel::load(&args.model)?,
        RoutingPolicy::load(&args.model)?,
    );
    let mut decider = Decider::with_model(model2, policy2, DecisionConfig::default()).with_encoder(
        EncoderTriage::new(
            SentenceEncoder::load(&args.encoder, EncoderConfig::default())?,
            head.clone(),
        ),
    );
    let mut ablation = Vec::new();
    for role in [
        ModelRole::Off,
        ModelRole::Veto,
        ModelRole::Escalate,
        ModelRole::Fallback,
        ModelRole::EscalateFallback,
    ] {
        decider.set_model_role(role);
        let v: Vec<(usize, usize, bool)> = dev_texts
            .iter()
            .zip(&checks)
            .zip(model_predictions.iter().zip(&encoder_predictions))
            .map(|((t, c), (mp, ep))| {
                let d = decider.decide_with_encoder(
                    t,
                    c.clone(),
                    Some(mp.clone()),
                    Ok(role.uses_encoder().then(|| ep.clone())),
                );
                (
                    urgency_index(d.urgency),
                    pathway_index(d.pathway),
                    d.decision == Decision::AutoRoute,
                )
            })
            .collect();
        // Never less urgent than the rules?
        let lowered = v
            .iter()
            .zip(&checks)
            .filter(|(x, c)| x.0 > urgency_index(c.urgency))
            .count();
        ablation.push((
            collect(&format!("product, model role {}", role.as_str()), v),
            lowered,
        ));
    }

    println!("## Pretrained encoder comparison\n");
    println!(
        "Letters: {} ({} letters). Head and TF-IDF trained on {}; transformer: {}; \
         encoder threshold {} (transformer's saved threshold {}).\n",
        args.data.display(),
        dev.len(),
        head.meta().trained_on,
        args.model.display(),
        encoder_policy
            .threshold
            .map_or_else(|| "none".to_string(), |t| format!("{t:.4}")),
        policy
            .threshold
            .map_or_else(|| "none".to_string(), |t| format!("{t:.4}")),
    );
    println!("{HEADER}");
    for s in &systems {
        println!("{}", row(s, &gold));
    }
    println!("\n### Ablation: the product with each model role\n");
    println!(
        "{} letters less urgent than the rules |",
        HEADER.lines().next().unwrap_or_default()
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (s, lowered) in &ablation {
        println!("{} {lowered} |", row(s, &gold));
    }

    // 3. Leave-one-form-out on the generated letters.
    if args.loso {
        println!("\n### Leave-one-form-out on generated letters (urgency / pathway macro-F1)\n");
        println!("| held-out form | letters | MiniLM + head | TF-IDF | rules alone |");
        println!("| --- | ---: | ---: | ---: | ---: |");
        let forms: BTreeSet<&str> = letters.iter().map(|l| l.form.as_str()).collect();
        for form in forms {
            let (test, train): (Vec<usize>, Vec<usize>) =
                (0..letters.len()).partition(|&i| letters[i].form == form);
            let h = EncoderHead::train(
                &head_examples(&letters, &embeddings, &train),
                &[],
                &HeadTrainConfig::default(),
                String::new(),
                String::new(),
            )?;
            let t = tfidf(&letters, &train);
            let gu: Vec<usize> = test.iter().map(|&i| letters[i].urgency).collect();
            let gp: Vec<usize> = test.iter().map(|&i| letters[i].pathway).collect();
            let f = |pu: Vec<usize>, pp: Vec<usize>| {
                format!(
                    "{:.3} / {:.3}",
                    macro_f1(&gu, &pu, Urgency::ALL.len()),
                    macro_f1(&gp, &pp, Pathway::ALL.len())
                )
            };
            let enc: Vec<(usize, usize, bool)> = test
                .iter()
                .map(|&i| from_prediction(&h.predict(&embeddings[i]), None))
                .collect();
            let tfp: Vec<(Vec<f64>, Vec<f64>)> =
                test.iter().map(|&i| t.predict(&letters[i].text)).collect();
            let rules: Vec<_> = test
                .iter()
                .map(|&i| checker.check(&letters[i].text))
                .collect();
            println!(
                "| {form} | {} | {} | {} | {} |",
                test.len(),
                f(
                    enc.iter().map(|x| x.0).collect(),
                    enc.iter().map(|x| x.1).collect()
                ),
                f(
                    tfp.iter().map(|x| argmax(&x.0)).collect(),
                    tfp.iter().map(|x| argmax(&x.1)).collect()
                ),
                f(
                    rules.iter().map(|c| urgency_index(c.urgency)).collect(),
                    rules.iter().map(|c| pathway_index(c.pathway)).collect()
                ),
            );
        }
    }

    // 4. Speed.
    let threads = std::env::var("RAYON_NUM_THREADS").unwrap_or_else(|_| "all".to_string());
    println!(
        "\n### Letters per second, batched ({} letters of {}, RAYON_NUM_THREADS={threads})\n",
        dev.len(),
        args.data.display()
    );
    println!("| system | letters/s |\n| --- | ---: |");
    let n = dev.len() as f64;
    let t0 = Instant::now();
    let _ = decider_rules_only_batch(&dev_texts)?;
    let product_off = t0.elapsed().as_secs_f64();
    decider.set_model_role(ModelRole::Escalate);
    let t0 = Instant::now();
    let _ = decider.decide_batch(&dev_texts)?;
    let product_escalate = t0.elapsed().as_secs_f64();
    for (name, secs) in [
        ("rules alone (checker)", rules_secs),
        ("TF-IDF + logistic regression", tfidf_secs),
        ("from-scratch transformer alone", transformer_secs),
        ("MiniLM + head alone", encoder_secs),
        ("product, model role off (rules only)", product_off),
        (
            "product, model role escalate (rules + transformer + MiniLM)",
            product_escalate,
        ),
    ] {
        println!("| {name} | {:.1} |", n / secs);
    }
    Ok(())
}

fn decider_rules_only_batch(texts: &[&str]) -> anyhow::Result<usize> {
    Ok(Decider::rules_only().decide_batch(texts)?.len())
}
