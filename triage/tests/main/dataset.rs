//! A trust's own labelled history, read from CSV.

use paperlite_triage::dataset::read_labelled_csv;
use paperlite_triage::{Pathway, Urgency};

#[test]
fn reads_a_trust_export_with_loose_labels() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("history.csv");
    std::fs::write(
        &path,
        "id,text,urgency,pathway,consultant\n\
         a1,\"Dear Dr, 71M, PR bleed, FIT 120.\nPlease see.\",Two Week Wait,Colorectal,JB\n\
         a2,Reflux age 30,Advice & Guidance,Upper GI,JB\n\
         a3,ALT 120 on two occasions,routine,Liver,KT\n\
         a4,something,maybe later,Dermatology,KT\n",
    )?;
    let rows = read_labelled_csv(std::fs::File::open(&path)?)?;
    assert_eq!(rows.len(), 4);
    assert_eq!(
        rows[0].text,
        "Dear Dr, 71M, PR bleed, FIT 120.\nPlease see."
    );
    assert_eq!(
        rows[0].labels()?,
        (Urgency::UrgentSuspectedCancer, Pathway::LowerGi)
    );
    assert_eq!(
        rows[1].labels()?,
        (Urgency::AdviceAndGuidance, Pathway::UpperGi)
    );
    assert_eq!(rows[2].labels()?, (Urgency::Routine, Pathway::Hepatology));
    // Unknown labels are kept as written and reported, not guessed.
    assert_eq!(rows[3].urgency, "maybe later");
    assert!(rows[3].labels().is_err());
    assert_eq!(rows[3].line, 6);
    Ok(())
}
