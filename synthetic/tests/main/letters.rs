//! The synthetic corpus: determinism, class mix, labels, coverage of the spec's realism list.

use std::collections::{BTreeMap, BTreeSet};

use paperlite_synthetic::letters::variants;
use paperlite_synthetic::{generate, CorpusConfig};
use triage::{apply_rules, read_jsonl, write_jsonl, LetterStyle, RuleId, Urgency};
use types::clinical::{age_at, NhsNumber};

fn corpus(seed: u64, count: usize) -> anyhow::Result<Vec<triage::ReferralLetter>> {
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
    let mut seen_variants: BTreeMap<LetterStyle, BTreeSet<u8>> = BTreeMap::new();
    for l in &letters {
        seen_variants.entry(l.style).or_default().insert(l.variant);
    }
    assert!(LetterStyle::ALL.len() >= 12);
    for style in LetterStyle::ALL {
        let seen = seen_variants.get(&style).map_or(0, |v| v.len());
        assert_eq!(seen, usize::from(variants(style)), "{style}");
        assert!(variants(style) >= 3);
    }
    Ok(())
}

#[test]
fn headers_are_valid_and_ages_derivable_from_dates() -> anyhow::Result<()> {
    let letters = corpus(21, 2000)?;
    for l in &letters {
        assert!(
            NhsNumber::is_valid(&l.header.nhs_number),
            "{}",
            l.header.nhs_number
        );
        assert!(l.header.nhs_number.starts_with("999"));
        assert_eq!(
            age_at(l.header.date_of_birth, l.header.letter_date),
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
    // Handwritten notes are always scanned; the rest at the configured rate.
    assert!(letters
        .iter()
        .filter(|l| l.style == LetterStyle::Handwritten)
        .all(|l| l.ocr_noise));
    let typed: Vec<_> = letters
        .iter()
        .filter(|l| l.style != LetterStyle::Handwritten)
        .collect();
    let ocr = typed.iter().filter(|l| l.ocr_noise).count() as f64 / typed.len() as f64;
    assert!((ocr - 0.15).abs() < 0.03, "OCR noise share {ocr:.2}");
    // GPs ask for less than the rules give as well as more.
    let asked_less = letters
        .iter()
        .filter(|l| l.urgency == Urgency::UrgentSuspectedCancer || l.urgency == Urgency::Urgent)
        .filter(|l| l.gp_priority == Some(Urgency::Routine))
        .count();
    let asked_more = letters
        .iter()
        .filter(|l| l.urgency == Urgency::Routine || l.urgency == Urgency::AdviceAndGuidance)
        .filter(|l| {
            matches!(
                l.gp_priority,
                Some(Urgency::UrgentSuspectedCancer | Urgency::Urgent)
            )
        })
        .count();
    assert!(
        asked_less > 100 && asked_more > 300,
        "{asked_less} {asked_more}"
    );
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
        "BRPR",
        "[ ] Yes [X] No",
        "Y/N",
        "S: ",
        "Subjective:",
        "Dictated but not checked",
        "EXPORT",
        "Page 2",
        "cont",
        "g/dl",
        "ferritin: ",
        "FIT result",
        "develop",
        "resolved",
        "; no ",
        "Problem list",
        "ANP",
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
        Err(paperlite_synthetic::Error::Config(_))
    ));
}

/// Text that shows a letter is in its form (letters without OCR noise).
fn has_form_marker(style: LetterStyle, text: &str) -> bool {
    match style {
        LetterStyle::ErsTemplate => text.contains("e-Referral") && text.contains("UBRN"),
        LetterStyle::DearDoctor => text.contains("Dear ") && text.contains("Yours sincerely"),
        LetterStyle::Terse => text.lines().count() == 2,
        LetterStyle::GpRecord => text.contains("Medication:") && text.contains("Problems:"),
        LetterStyle::ResultsTable => text.contains("Recent results"),
        LetterStyle::TickBoxProforma => {
            text.contains("Yes") || text.contains("(Y/N)") || text.contains("tick all")
        }
        LetterStyle::Dictated => text.contains("Dictated but not checked") || text.contains("D: "),
        LetterStyle::SoapNote => {
            (text.contains("S: ") && text.contains("\nP: "))
                || text.contains("Subjective:")
                || text.contains("O/E: ")
        }
        LetterStyle::NurseBullets => ["\n- ", "\n• ", "\n* "].iter().any(|b| text.contains(b)),
        LetterStyle::GpSystemExport => text.contains("EXPORT") && text.contains("Problems"),
        LetterStyle::Handwritten => text.lines().all(|l| l.chars().count() <= 60),
        LetterStyle::Continuation => text.contains("Page 1 of 2") && text.contains("Page 2 of 2"),
        LetterStyle::LongHistory => text.contains("Allergies:"),
    }
}

#[test]
fn every_form_generates_in_its_own_shape_with_labels_from_its_facts() -> anyhow::Result<()> {
    for style in LetterStyle::ALL {
        let config = CorpusConfig {
            styles: vec![style],
            ocr_noise_rate: 0.0,
            spelling_slip_rate: 0.0,
            ..CorpusConfig::new(31, 120)
        };
        let letters = generate(&config)?;
        let mut rules = BTreeSet::new();
        for l in &letters {
            assert_eq!(l.style, style);
            assert!(l.text.len() > 60, "{style} {}: {}", l.id, l.text);
            assert_eq!(l.ocr_noise, style == LetterStyle::Handwritten);
            if style != LetterStyle::Handwritten {
                assert!(
                    has_form_marker(style, &l.text),
                    "{style} {}:\n{}",
                    l.id,
                    l.text
                );
                assert!(
                    l.text
                        .to_lowercase()
                        .contains(&l.header.surname.to_lowercase()),
                    "{style} {}",
                    l.id
                );
            }
            let outcome = apply_rules(&l.facts);
            assert_eq!(
                (outcome.rule_id, outcome.urgency, outcome.pathway),
                (l.rule, l.urgency, l.pathway),
                "{style} {}",
                l.id
            );
            rules.insert(l.rule);
        }
        assert!(rules.len() >= 12, "{style}: only {} rules", rules.len());
        // Letter i is the same whether generated alone or in the corpus.
        assert_eq!(paperlite_synthetic::generate_one(&config, 7)?, letters[7]);
    }
    Ok(())
}

#[test]
fn proforma_boxes_say_yes_exactly_for_the_facts() -> anyhow::Result<()> {
    use triage::Finding;
    let config = CorpusConfig {
        styles: vec![LetterStyle::TickBoxProforma],
        ocr_noise_rate: 0.0,
        spelling_slip_rate: 0.0,
        ..CorpusConfig::new(5, 400)
    };
    let boxes = [
        ("Dysphagia", Finding::Dysphagia),
        ("Rectal bleeding", Finding::RectalBleeding),
        ("Jaundice", Finding::Jaundice),
        ("Unexplained weight loss", Finding::WeightLoss),
        ("Haematemesis", Finding::Haematemesis),
    ];
    let mut checked = 0;
    for l in generate(&config)?.iter().filter(|l| l.variant == 0) {
        for line in l.text.lines().filter(|x| x.contains("] Yes [")) {
            for (label, finding) in boxes {
                if let Some(rest) = line.strip_prefix(label) {
                    let rest = rest.trim_start();
                    // "[X] Yes [ ] No" or "[ ] Yes [X] No".
                    let yes = !rest.starts_with("[ ]");
                    assert_eq!(yes, l.facts.has(finding), "{}: {line}", l.id);
                    checked += 1;
                }
            }
        }
        let ida_yes = l
            .text
            .lines()
            .find(|x| x.starts_with("Iron deficiency anaemia") && x.contains("] Yes ["))
            .is_some_and(|x| {
                !x["Iron deficiency anaemia".len()..]
                    .trim_start()
                    .starts_with("[ ]")
            });
        assert_eq!(ida_yes, l.facts.ida(), "{}", l.id);
    }
    assert!(checked > 500, "{checked}");
    Ok(())
}
