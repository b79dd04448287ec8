//! The synthetic corpus: determinism, class mix, labels, coverage of the spec's realism list.

use std::collections::{BTreeMap, BTreeSet};

use paperlite_triage::corpus::{
    age_on, generate, is_valid_nhs_number, read_jsonl, write_jsonl, CorpusConfig, LetterStyle,
};
use paperlite_triage::{apply_rules, RuleId, Urgency};

fn corpus(seed: u64, count: usize) -> anyhow::Result<Vec<paperlite_triage::ReferralLetter>> {
    Ok(generate(&CorpusConfig::new(seed, count))?)
}

#[test]
fn same_seed_gives_byte_identical_jsonl() -> anyhow::Result<()> {
    let mut a = Vec::new();
    let mut b = Vec::new();
    write_jsonl(&mut a, &corpus(11, 500)?)?;
    write_jsonl(&mut b, &corpus(11, 500)?)?;
    assert_eq!(a, b);
    let mut c = Vec::new();
    write_jsonl(&mut c, &corpus(12, 500)?)?;
    assert_ne!(a, c);
    Ok(())
}

#[test]
fn jsonl_file_round_trip() -> anyhow::Result<()> {
    let letters = corpus(5, 200)?;
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("corpus.jsonl");
    write_jsonl(
        std::io::BufWriter::new(std::fs::File::create(&path)?),
        &letters,
    )?;
    let back = read_jsonl(std::io::BufReader::new(std::fs::File::open(&path)?))?;
    assert_eq!(back, letters);
    let first_line = std::fs::read_to_string(&path)?
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    let v: serde_json::Value = serde_json::from_str(&first_line)?;
    for key in ["id", "text", "urgency", "pathway", "style", "rule"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    Ok(())
}

#[test]
fn class_mix_is_close_to_the_inbox() -> anyhow::Result<()> {
    let letters = corpus(2024, 10_000)?;
    let share = |u: Urgency| letters.iter().filter(|l| l.urgency == u).count() as f64 / 10_000.0;
    let want = [
        (Urgency::UrgentSuspectedCancer, 0.30),
        (Urgency::Urgent, 0.15),
        (Urgency::Routine, 0.35),
        (Urgency::AdviceAndGuidance, 0.20),
    ];
    for (u, target) in want {
        let got = share(u);
        assert!((got - target).abs() < 0.03, "{u}: {got:.3} vs {target}");
    }
    Ok(())
}

#[test]
fn labels_are_the_rules_applied_to_the_drawn_facts() -> anyhow::Result<()> {
    for l in corpus(3, 3000)? {
        let outcome = apply_rules(&l.facts);
        assert_eq!(
            (outcome.rule_id, outcome.urgency, outcome.pathway),
            (l.rule, l.urgency, l.pathway),
            "{}",
            l.id
        );
    }
    Ok(())
}

#[test]
fn covers_every_rule_style_and_variant() -> anyhow::Result<()> {
    let letters = corpus(8, 6000)?;
    let rules: BTreeSet<RuleId> = letters.iter().map(|l| l.rule).collect();
    assert_eq!(rules.len(), RuleId::ALL.len(), "{rules:?}");
    let mut variants: BTreeMap<LetterStyle, BTreeSet<u8>> = BTreeMap::new();
    for l in &letters {
        variants.entry(l.style).or_default().insert(l.variant);
    }
    for style in LetterStyle::ALL {
        let seen = variants.get(&style).map_or(0, |v| v.len());
        assert_eq!(seen, usize::from(style.variants()), "{style}");
        assert!(style.variants() >= 3);
    }
    Ok(())
}

#[test]
fn headers_are_valid_and_ages_derivable_from_dates() -> anyhow::Result<()> {
    let letters = corpus(21, 2000)?;
    for l in &letters {
        assert!(
            is_valid_nhs_number(&l.header.nhs_number),
            "{}",
            l.header.nhs_number
        );
        assert!(l.header.nhs_number.starts_with("999"));
        assert_eq!(
            Some(age_on(l.header.date_of_birth, l.header.letter_date)),
            l.facts.age
        );
        assert!(
            l.text.contains(&l.header.practice_code) || l.ocr_noise,
            "{}",
            l.id
        );
    }
    let dob_only = letters.iter().filter(|l| !l.age_stated).count();
    assert!(
        dob_only > 200 && dob_only < 1000,
        "{dob_only} letters give only the DOB"
    );
    Ok(())
}

#[test]
fn realism_knobs_show_up_in_the_text() -> anyhow::Result<()> {
    let letters = corpus(99, 4000)?;
    let n = letters.len() as f64;
    let disagree = letters
        .iter()
        .filter(|l| l.gp_priority.is_some_and(|p| p != l.urgency))
        .count() as f64
        / n;
    assert!(
        disagree > 0.25 && disagree < 0.5,
        "GP priority disagrees in {disagree:.2}"
    );
    let ocr = letters.iter().filter(|l| l.ocr_noise).count() as f64 / n;
    assert!((ocr - 0.15).abs() < 0.03, "OCR noise share {ocr:.2}");
    let all_text: String = letters.iter().map(|l| l.text.as_str()).collect();
    for needle in [
        "PR bleed",
        "CIBH",
        "IDA",
        "OGD",
        "wt loss",
        "LFTs",
        "PPI",
        "NAFLD",
        "UC",
        "Crohn's",
        "g/dL",
        "FIT <4",
        "qFIT",
        "ug Hb/g",
        "none since",
        "safety-netted",
        "denies",
        "Weight stable",
        "family history of",
        "[x]",
        "Dear Doctor",
        "Medication:",
        "Ref range",
    ] {
        assert!(all_text.contains(needle), "no letter contains {needle:?}");
    }
    Ok(())
}

#[test]
fn leave_one_style_out() -> anyhow::Result<()> {
    let train = generate(&CorpusConfig {
        exclude_styles: vec![LetterStyle::Terse],
        ..CorpusConfig::new(1, 1000)
    })?;
    assert!(train.iter().all(|l| l.style != LetterStyle::Terse));
    let held_out = generate(&CorpusConfig {
        styles: vec![LetterStyle::Terse],
        ..CorpusConfig::new(2, 200)
    })?;
    assert!(held_out.iter().all(|l| l.style == LetterStyle::Terse));
    Ok(())
}

#[test]
fn bad_configs_are_refused() {
    let bad = CorpusConfig {
        ocr_noise_rate: 1.5,
        ..CorpusConfig::new(1, 10)
    };
    assert!(matches!(
        generate(&bad),
        Err(paperlite_triage::Error::Config(_))
    ));
}
