use super::common::{bin, repo, samples};

/// `paperlite ocr --json` prints one object per file with each page's text and confidence,
/// and stores nothing.
#[test]
fn ocr_prints_text_and_confidence_per_page() -> anyhow::Result<()> {
    let cwd = tempfile::tempdir()?;
    let clean = samples().join("01_referral_rectal_bleeding_2ww.png");
    let out = bin()
        .current_dir(cwd.path())
        .args(["ocr", "--json", "--workers", "2"])
        .arg(&clean)
        .arg(repo().join("samples/bad/empty.png"))
        .output()?;
    // One file failed, so the exit code says so; the good one is still printed.
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8(out.stdout)?;
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    assert_eq!(lines.len(), 2);
    let page = &lines[0]["pages"][0];
    assert_eq!(page["page"], 1);
    assert!(
        page["mean_confidence"].as_f64().unwrap_or(0.0) > 80.0,
        "{page}"
    );
    assert_eq!(page["needs_review"], false);
    // The measurements the review flag is decided from come with the page, for a data
    // scientist choosing the flag's rule: a clean page has words, few unsure, none unread.
    let quality = &page["quality"];
    assert!(quality["words"].as_u64().unwrap_or(0) > 50, "{page}");
    assert!(
        quality["unsure_share"].as_f64().unwrap_or(1.0) < 0.12,
        "{page}"
    );
    assert!(
        quality["unread_text"].as_f64().unwrap_or(1.0) < 0.06,
        "{page}"
    );
    assert!(page["review_reason"].is_null(), "{page}");
    let truth = std::fs::read_to_string(samples().join("01_referral_rectal_bleeding_2ww.gt.txt"))?;
    let text = page["text"].as_str().unwrap_or_default();
    let nhs_line = truth
        .lines()
        .find(|l| l.contains("NHS"))
        .unwrap_or_default();
    let digits: String = nhs_line.chars().filter(char::is_ascii_digit).collect();
    let read: String = text.chars().filter(char::is_ascii_digit).collect();
    assert!(
        read.contains(&digits),
        "NHS number {digits} not read in:\n{text}"
    );
    assert!(lines[1]["error"]
        .as_str()
        .unwrap_or_default()
        .contains("empty"));
    // Nothing was stored.
    assert!(!cwd.path().join("data").exists());
    Ok(())
}
