use std::time::{Duration, Instant};

use super::common::{copy_samples, Backend, Kind};

#[test]
fn killed_mid_batch_then_rerun_stores_every_page_once() -> anyhow::Result<()> {
    killed_mid_batch_then_rerun_stores_every_page_once_on(Kind::Sqlite)
}

#[test]
#[cfg_attr(
    not(paperlite_postgres),
    ignore = "PAPERLITE_TEST_POSTGRES_URL is not set"
)]
fn killed_mid_batch_then_rerun_stores_every_page_once_on_postgres() -> anyhow::Result<()> {
    killed_mid_batch_then_rerun_stores_every_page_once_on(Kind::Postgres)
}

/// Killed with SIGKILL in the middle of a batch and run again, the scan ends with every
/// page stored exactly once.
fn killed_mid_batch_then_rerun_stores_every_page_once_on(kind: Kind) -> anyhow::Result<()> {
    // Multi-page documents, so the kill lands inside a document as well as between them.
    let names = [
        "06_discharge_upper_gi_bleed.pdf",
        "11_referral_suspected_ibd.tiff",
        "14_referral_dysphagia_2ww_form.tiff",
        "13_clinic_nafld_hepatology.pdf",
        "01_referral_rectal_bleeding_2ww.png",
    ];
    let input = copy_samples(&names)?;
    let backend = Backend::new(kind, "crash")?;
    // A reference run tells how many pages the batch has.
    let reference = Backend::sqlite()?;
    let (_, full) = reference.scan(&[input.path()], &["--workers", "2"])?;
    let total_pages = full["pages"].as_u64().unwrap_or(0);
    assert!(total_pages >= 8, "{full}");

    let mut kills = 0;
    for wait_pages in [1, 4] {
        let mut child = backend
            .cmd("scan")
            .arg("--json")
            .args(["--workers", "2"])
            .arg(input.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()?;
        // Kill once at least `wait_pages` pages are stored (or after a time limit).
        let started = Instant::now();
        loop {
            std::thread::sleep(Duration::from_millis(100));
            if child.try_wait()?.is_some() {
                break;
            }
            let stored = backend
                .status()
                .map(|s| s["counts"]["pages"].as_u64().unwrap_or(0))
                .unwrap_or(0);
            if stored >= wait_pages || started.elapsed() > Duration::from_secs(120) {
                child.kill()?; // SIGKILL
                kills += 1;
                break;
            }
        }
        child.wait()?;
    }
    assert!(kills > 0, "the scan finished before it could be killed");
    let before = backend.status()?["counts"]["pages"].as_u64().unwrap_or(0);
    assert!(
        before < total_pages,
        "nothing left to resume ({before} of {total_pages})"
    );

    let (out, summary) = backend.scan(&[input.path()], &["--workers", "2"])?;
    assert!(out.status.success(), "[{}] {summary}", backend.name);
    let status = backend.status()?;
    assert_eq!(status["counts"]["pages"], total_pages, "[{}]", backend.name);
    assert_eq!(status["counts"]["done"], names.len(), "[{}]", backend.name);
    // The resumed run stored exactly the pages that were missing.
    assert_eq!(
        summary["pages"].as_u64(),
        Some(total_pages - before),
        "{summary}"
    );
    // Each document has each of its pages once.
    for doc in status["documents"].as_array().into_iter().flatten() {
        assert_eq!(doc["stored_pages"], doc["page_count"], "{doc}");
    }
    Ok(())
}
