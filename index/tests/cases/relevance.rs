//! A tiny judged set: for each query, the page a clinician would want first. The full
//! judged evaluation lives in the evaluation crate; this guards the obvious cases.

use paperlite_index::PageDoc;

use crate::support::{found, index_with, page};

fn corpus() -> Vec<PageDoc> {
    vec![
        page(
            "ida-referral",
            1,
            "2WW referral. 74 year old man with iron deficiency anaemia, Hb 88, ferritin 5. \
             No PR bleeding. Please arrange OGD and colonoscopy.",
        ),
        page(
            "rectal-bleed",
            1,
            "Fresh red rectal bleeding for 6 weeks with change in bowel habit to looser stools. \
             FIT 150. Referred under the two week wait.",
        ),
        page(
            "af-clinic",
            1,
            "Cardiology clinic. Paroxysmal AF, on apixaban. Echo: mild LVSD. Review 6 months.",
        ),
        page(
            "copd-discharge",
            1,
            "Discharge summary: infective exacerbation of COPD. SOB improved with nebulisers.",
        ),
        page(
            "diabetes-review",
            1,
            "Diabetes review. T2DM on metformin, HbA1c 64. BP 150/90, hypertension uncontrolled.",
        ),
        page(
            "gastroscopy-report",
            1,
            "Gastroscopy: grade B oesophagitis, hiatus hernia. Continue PPI.",
        ),
        page(
            "ocr-noisy",
            1,
            "Co1onoscopy report: rnultiple polyps rernoved. Haernoglobin not checked.",
        ),
    ]
}

#[test]
fn the_expected_page_comes_first() -> anyhow::Result<()> {
    let index = index_with(&corpus())?;
    for (query, expected) in [
        ("iron deficiency anaemia", "ida-referral"),
        ("IDA", "ida-referral"),
        ("rectal bleeding", "rectal-bleed"),
        ("CIBH", "rectal-bleed"),
        ("atrial fibrillation", "af-clinic"),
        ("shortness of breath", "copd-discharge"),
        ("type 2 diabetes", "diabetes-review"),
        ("HTN", "diabetes-review"),
        ("esophagitis", "gastroscopy-report"),
        ("proton pump inhibitor", "gastroscopy-report"),
        ("polyps", "ocr-noisy"),
    ] {
        let hits = found(&index, query)?;
        assert_eq!(
            hits.first().map(String::as_str),
            Some(expected),
            "{query}: {hits:?}"
        );
    }
    // The clean mention first, the OCR-garbled one (Co1onoscopy) after it.
    assert_eq!(
        found(&index, "colonoscopy")?,
        vec!["ida-referral", "ocr-noisy"]
    );
    // An abbreviation typed by the user ranks its literal mention above its expansions.
    assert_eq!(
        found(&index, "OGD")?,
        vec!["ida-referral", "gastroscopy-report"]
    );
    Ok(())
}
