//! `paperlite triage` (with the committed default model) and `paperlite train` (a tiny model).

use super::common::{bin, repo, samples};

/// A text letter and a scanned one are triaged, one JSON line each in the documented shape;
/// a file that cannot be read gets an error line and exit code 2, and the others still run.
#[test]
fn triage_prints_one_json_line_per_letter() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let letter = dir.path().join("dysphagia.txt");
    std::fs::write(
        &letter,
        "Dear Doctor,\nRe: Mr John Smith, aged 68\nProgressive dysphagia to solids for two \
         months and 6 kg weight loss. Please see urgently.\nDr Jones",
    )?;
    let out = bin()
        .current_dir(dir.path())
        .args(["triage", "--workers", "2", "--model"])
        .arg(repo().join("models/triage-gi"))
        .arg(&letter)
        .arg(samples().join("01_referral_rectal_bleeding_2ww.png"))
        .arg(repo().join("samples/bad/empty.png"))
        .output()?;
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout)?;
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    assert_eq!(lines.len(), 3, "{stdout}");

    let text = &lines[0];
    let keys: Vec<&str> = text
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    for k in [
        "file",
        "urgency",
        "pathway",
        "red_flags",
        "decision",
        "reason",
    ] {
        assert!(keys.contains(&k), "missing {k} in {text}");
    }
    let probs = text["urgency"]["probabilities"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    assert_eq!(probs.len(), 4);
    let sum: f64 = probs.values().filter_map(serde_json::Value::as_f64).sum();
    assert!((sum - 1.0).abs() < 1e-4, "{sum}");
    assert_eq!(text["decision"], "review");
    assert_eq!(text["red_flags"][0]["rule"], "U1");
    let start = text["red_flags"][0]["start"].as_u64().unwrap_or(0) as usize;
    let end = text["red_flags"][0]["end"].as_u64().unwrap_or(0) as usize;
    let raw = std::fs::read_to_string(&letter)?;
    assert_eq!(
        raw.get(start..end),
        text["red_flags"][0]["text"].as_str(),
        "{text}"
    );
    let reason = text["reason"].as_str().unwrap_or_default();
    assert!(reason.starts_with("rule U1"), "{reason}");
    assert!(reason.contains("dysphagia"), "{reason}");
    assert_eq!(text["rule"], "U1");
    assert_eq!(text["urgency"]["label"], "urgent_suspected_cancer");

    // The scan (FIT 86, PR bleeding at 59) is OCRed, flagged and sent to review.
    let scan = &lines[1];
    assert_eq!(scan["decision"], "review", "{scan}");
    assert!(
        scan["red_flags"]
            .as_array()
            .is_some_and(|f| f.iter().any(|f| f["rule"] == "U3")),
        "{scan}"
    );

    assert!(lines[2]["error"].is_string(), "{}", lines[2]);
    Ok(())
}

/// A low-risk letter with a red flag in words the checker does not know is held for a
/// consultant, and the JSON names the word and where it stands.
#[test]
fn triage_lists_the_words_that_held_a_letter_back() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let letter = dir.path().join("reflux.txt");
    let raw = "34 year old woman with reflux for 2 months. Last week she heaved up a cupful \
               of blood. No dysphagia.";
    std::fs::write(&letter, raw)?;
    let out = bin()
        .current_dir(dir.path())
        .args(["triage", "--no-model"])
        .arg(&letter)
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(line["rule"], "A2", "{line}");
    assert_eq!(line["decision"], "review", "{line}");
    assert_eq!(line["holds"], serde_json::json!(["unread_word"]), "{line}");
    let unread = &line["unread"][0];
    assert_eq!(unread["word"], "blood", "{line}");
    let (start, end) = (
        unread["start"].as_u64().unwrap_or(0) as usize,
        unread["end"].as_u64().unwrap_or(0) as usize,
    );
    assert_eq!(raw.get(start..end), Some("blood"));
    Ok(())
}

/// A model directory that does not exist is a clear error, not a panic.
#[test]
fn triage_without_a_model_fails_cleanly() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let letter = dir.path().join("a.txt");
    std::fs::write(&letter, "Dear Doctor")?;
    let out = bin()
        .current_dir(dir.path())
        .args(["triage", "--model", "no-such-model"])
        .arg(&letter)
        .output()?;
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no-such-model"), "{stderr}");
    Ok(())
}

/// `paperlite train` on a few generated letters writes a loadable model with its routing
/// policy and model card (tiny settings: this checks the plumbing, not the model).
#[test]
fn train_writes_a_model_directory() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let model = dir.path().join("tiny");
    let out = bin()
        .current_dir(dir.path())
        .args([
            "train",
            "--generate",
            "300",
            "--epochs",
            "1",
            "--max-steps",
            "3",
            "--d-model",
            "32",
            "--layers",
            "1",
            "--max-len",
            "64",
            "--out",
        ])
        .arg(&model)
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in [
        "config.json",
        "model.safetensors",
        "tokenizer.json",
        "routing.json",
        "MODEL_CARD.md",
        "metrics.json",
    ] {
        assert!(model.join(f).is_file(), "{f} missing");
    }
    let card = std::fs::read_to_string(model.join("MODEL_CARD.md"))?;
    assert!(card.contains("Not a medical device"), "{card}");
    let letter = dir.path().join("a.txt");
    std::fs::write(
        &letter,
        "Dear Doctor, bloating for a year, FIT <4, aged 25.",
    )?;
    let out = bin()
        .current_dir(dir.path())
        .args(["triage", "--model"])
        .arg(&model)
        .arg(&letter)
        .output()?;
    assert!(out.status.success());
    let line: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert!(line["urgency"]["label"].is_string());
    Ok(())
}

/// Installed outside the repository and run from a directory with no `models/` folder and no
/// `--model`, `paperlite triage` uses the model built into the binary instead of failing with
/// "cannot read models/triage-gi/config.json".
#[test]
fn triage_finds_the_default_model_from_any_directory() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let letter = dir.path().join("reflux.txt");
    std::fs::write(
        &letter,
        "Dear Doctor, 34 year old woman with reflux for 2 months. No dysphagia, no weight loss.",
    )?;
    // A copy of the binary in a folder with no models/ anywhere above it: only the model
    // built into the binary can be found.
    let installed = dir.path().join("bin");
    std::fs::create_dir_all(&installed)?;
    let exe = installed.join("paperlite");
    std::fs::copy(env!("CARGO_BIN_EXE_paperlite"), &exe)?;
    let out = std::process::Command::new(&exe)
        .current_dir(dir.path())
        .env_remove("PAPERLITE_MODEL")
        .arg("triage")
        .arg(&letter)
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(line["rule"], "A2", "{line}");
    assert_eq!(line["urgency"]["label"], "advice_and_guidance");
    assert_eq!(line["pathway"]["label"], "upper_gi");
    // The built-in model ran: its probabilities are reported beside the decision.
    assert!(line["urgency"]["probabilities"].is_object(), "{line}");
    // Every fact read, with its assertion.
    let facts = line["facts"].as_array().cloned().unwrap_or_default();
    assert!(facts
        .iter()
        .any(|f| f["kind"]["finding"] == "dysphagia" && f["assertion"] == "negated"));
    Ok(())
}

/// The encoder roles: a missing encoder is a clear error naming the folder and how to get it;
/// with the encoder installed (scripts/install.sh), `fallback` lets it choose at rule D and says
/// so in the reason.
#[test]
fn triage_with_the_encoder_roles() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let letter = dir.path().join("a.txt");
    std::fs::write(
        &letter,
        "45 year old man with hiccups for six weeks, otherwise well.\n",
    )?;
    let out = bin()
        .current_dir(repo())
        .args([
            "triage",
            "--model-role",
            "escalate",
            "--encoder",
            "no-such-encoder",
        ])
        .arg(&letter)
        .output()?;
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no-such-encoder"), "{stderr}");
    assert!(stderr.contains("scripts/install.sh"), "{stderr}");
    if !repo()
        .join("models/all-minilm-l6-v2/model.safetensors")
        .is_file()
    {
        println!("skipped: models/all-minilm-l6-v2 missing");
        return Ok(());
    }
    let out = bin()
        .current_dir(repo())
        .args(["triage", "--model-role", "fallback"])
        .arg(&letter)
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(line["rule"], "D");
    assert_eq!(line["decision"], "review");
    let reason = line["reason"].as_str().unwrap_or_default();
    assert!(reason.contains("encoder at D"), "{reason}");
    Ok(())
}
