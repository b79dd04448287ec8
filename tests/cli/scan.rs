use std::collections::HashMap;

use serde_json::Value;

use super::common::{manifest, samples, Backend, Kind};

#[test]
fn scan_stores_every_sample_once_with_text_and_fields() -> anyhow::Result<()> {
    scan_stores_every_sample_once_with_text_and_fields_on(Kind::Sqlite)
}

#[test]
#[cfg_attr(
    not(paperlite_postgres),
    ignore = "PAPERLITE_TEST_POSTGRES_URL is not set"
)]
fn scan_stores_every_sample_once_with_text_and_fields_on_postgres() -> anyhow::Result<()> {
    scan_stores_every_sample_once_with_text_and_fields_on(Kind::Postgres)
}

/// `paperlite scan samples/` stores every sample with text, confidences and the fields the
/// letters really contain; a second scan stores nothing again.
fn scan_stores_every_sample_once_with_text_and_fields_on(kind: Kind) -> anyhow::Result<()> {
    let expected = manifest()?;
    anyhow::ensure!(
        !expected.is_empty(),
        "samples/scans/manifest.json lists no documents"
    );
    let backend = Backend::new(kind, "samples")?;
    let (out, summary) = backend.scan(&[&samples()], &[])?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "[{}] scan failed: {stderr}\n{summary}",
        backend.name
    );
    assert_eq!(
        summary["failed"].as_array().map(Vec::len),
        Some(0),
        "{summary}"
    );
    assert_eq!(
        summary["documents_stored"],
        expected.len(),
        "[{}]",
        backend.name
    );
    let total_pages: u64 = expected.iter().filter_map(|d| d["pages"].as_u64()).sum();
    assert_eq!(summary["pages"], total_pages, "[{}]", backend.name);
    // The ground-truth files and the manifest are not scans.
    assert!(summary["ignored"].as_array().is_some_and(|a| a
        .iter()
        .any(|f| f.as_str().is_some_and(|f| f.ends_with(".gt.txt")))));

    let status = backend.status()?;
    assert_eq!(status["counts"]["documents"], expected.len());
    assert_eq!(status["counts"]["done"], expected.len());
    assert_eq!(status["counts"]["pages"], total_pages);
    let stored: HashMap<String, &Value> = status["documents"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| Some((d["file_name"].as_str()?.to_string(), d)))
        .collect();
    let (mut nhs_right, mut type_right, mut dob_right) = (0, 0, 0);
    for doc in &expected {
        let file = doc["file"].as_str().unwrap_or_default();
        let got = stored
            .get(file)
            .ok_or_else(|| anyhow::anyhow!("[{}] {file} not stored", backend.name))?;
        assert_eq!(got["page_count"], doc["pages"], "{file}");
        // A number read too unsurely is held for records staff to confirm (counted right
        // when it is the page's); a number stored is never another patient's.
        let number = if got["nhs_number"].is_null() {
            &got["nhs_number_to_confirm"]
        } else {
            assert_eq!(
                got["nhs_number"], doc["nhs_number"],
                "{file}: a wrong number stored"
            );
            &got["nhs_number"]
        };
        nhs_right += usize::from(*number == doc["nhs_number"]);
        type_right += usize::from(got["document_type"] == doc["document_type"]);
        dob_right += usize::from(got["date_of_birth"] == doc["date_of_birth"]);
    }
    // Extraction must be right on the great majority of documents, degraded ones
    // included; the exact figures are reported by the benchmark.
    let n = expected.len();
    assert!(
        nhs_right * 10 >= n * 9,
        "NHS numbers right on {nhs_right}/{n}"
    );
    assert!(
        type_right * 10 >= n * 8,
        "document types right on {type_right}/{n}"
    );
    assert!(
        dob_right * 10 >= n * 8,
        "dates of birth right on {dob_right}/{n}"
    );

    // Every OCRed page keeps per-word confidences and boxes.
    let docs = status["documents"].as_array().cloned().unwrap_or_default();
    assert!(docs.iter().all(|d| d["status"] == "done"));

    // Rescanning the same folder stores nothing twice.
    let (out, again) = backend.scan(&[&samples()], &[])?;
    assert!(out.status.success());
    assert_eq!(again["already_stored"], expected.len());
    assert_eq!(again["documents_stored"], 0);
    assert_eq!(again["pages"], 0);
    assert_eq!(backend.status()?["counts"]["pages"], total_pages);
    Ok(())
}

/// The same file under two names in one batch is stored once.
#[test]
fn same_content_under_two_names_is_stored_once() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let src = samples().join("01_referral_rectal_bleeding_2ww.png");
    std::fs::copy(&src, dir.path().join("a.png"))?;
    std::fs::copy(&src, dir.path().join("b.png"))?;
    let backend = Backend::sqlite()?;
    let (out, summary) = backend.scan(&[dir.path()], &["--workers", "1"])?;
    assert!(out.status.success(), "{summary}");
    assert_eq!(summary["documents_stored"], 1);
    assert_eq!(summary["duplicates"], 1);
    assert_eq!(backend.status()?["counts"]["pages"], 1);
    Ok(())
}

/// Nothing in a folder is passed over without a word: a link to a valid PDF is followed and
/// stored, broken and looping links and pipes are listed with their reason, and a folder
/// that cannot be read fails the scan (exit 2).
#[test]
fn folder_entries_not_scanned_are_listed_with_reasons() -> anyhow::Result<()> {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir()?;
    let root = dir.path();
    symlink(
        samples().join("07_referral_abnormal_lfts.pdf"),
        root.join("letter-link.pdf"),
    )?;
    symlink(root.join("gone.pdf"), root.join("dangling.pdf"))?;
    symlink(root.join("loop-b.png"), root.join("loop-a.png"))?;
    symlink(root.join("loop-a.png"), root.join("loop-b.png"))?;
    let fifo = std::ffi::CString::new(root.join("pipe.tiff").to_string_lossy().as_bytes())?;
    // SAFETY: mkfifo reads a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    // A folder whose path is longer than the system allows (PATH_MAX, 4096 bytes): made
    // in two halves, each short enough, then moved one inside the other.
    let segment = "d".repeat(250);
    let mut deep = root.join("deep");
    for _ in 0..15 {
        deep.push(&segment);
    }
    std::fs::create_dir_all(&deep)?;
    let mut tail = root.join("tail");
    for _ in 0..5 {
        tail.push(&segment);
    }
    std::fs::create_dir_all(&tail)?;
    std::fs::rename(root.join("tail"), deep.join("tail"))?;

    let backend = Backend::sqlite()?;
    let (out, summary) = backend.scan(&[root], &[])?;
    assert_eq!(out.status.code(), Some(2), "{summary}");
    assert_eq!(summary["documents_stored"], 1, "{summary}");
    let skipped: HashMap<String, String> = summary["skipped"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| {
            let file = s["file"].as_str()?;
            let name = file.rsplit('/').next()?.to_string();
            Some((name, s["reason"].as_str()?.to_string()))
        })
        .collect();
    let reason = |name: &str| skipped.get(name).cloned().unwrap_or_default();
    assert!(
        reason("dangling.pdf").contains("broken link"),
        "{skipped:?}"
    );
    assert!(reason("loop-a.png").contains("loops"), "{skipped:?}");
    assert!(reason("loop-b.png").contains("loops"), "{skipped:?}");
    assert!(reason("pipe.tiff").contains("named pipe"), "{skipped:?}");
    let failed = summary["failed"].as_array().cloned().unwrap_or_default();
    assert_eq!(failed.len(), 1, "{summary}");
    assert!(failed[0]["reason"]
        .as_str()
        .is_some_and(|r| r.contains("folder could not be read") && r.contains("longer")));
    Ok(())
}

/// A failed file's original is not kept in `blobs/` unless `--keep-failed` is given.
#[test]
fn originals_of_failed_files_are_kept_only_when_asked() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    // A PNG cut after its header: read, hashed, refused.
    let png = std::fs::read(samples().join("01_referral_rectal_bleeding_2ww.png"))?;
    std::fs::write(dir.path().join("cut.png"), &png[..png.len() / 3])?;
    let blob_count =
        |backend: &Backend| -> usize { walk_files(&backend.data_dir.path().join("blobs")) };
    let backend = Backend::sqlite()?;
    let (out, summary) = backend.scan(&[dir.path()], &[])?;
    assert_eq!(out.status.code(), Some(2), "{summary}");
    assert_eq!(summary["failed"].as_array().map(Vec::len), Some(1));
    assert_eq!(blob_count(&backend), 0);
    let backend = Backend::sqlite()?;
    let (out, summary) = backend.scan(&[dir.path()], &["--keep-failed"])?;
    assert_eq!(out.status.code(), Some(2), "{summary}");
    assert_eq!(blob_count(&backend), 1);
    Ok(())
}

fn walk_files(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .map(|e| {
            let p = e.path();
            if p.is_dir() {
                walk_files(&p)
            } else {
                1
            }
        })
        .sum()
}

/// While another scan holds the store, a second scan says it is waiting, waits, and then
/// stores its pages once.
#[test]
fn a_second_scan_waits_for_the_first() -> anyhow::Result<()> {
    use std::io::{BufRead, BufReader};
    use std::os::fd::AsRawFd;
    let backend = Backend::sqlite()?;
    std::fs::create_dir_all(backend.data_dir.path())?;
    // Hold the scan lock as a running scan would.
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(backend.data_dir.path().join("scan.lock"))?;
    // SAFETY: flock on a descriptor this test owns.
    assert_eq!(unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX) }, 0);
    let mut child = backend
        .cmd("scan")
        .arg("--json")
        .arg(samples().join("07_referral_abnormal_lfts.pdf"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()?;
    let stderr = child
        .stderr
        .take()
        .ok_or_else(|| anyhow::anyhow!("no stderr"))?;
    let mut lines = BufReader::new(stderr).lines();
    let mut seen = Vec::new();
    for line in lines.by_ref() {
        let line = line?;
        let waiting = line.contains("waiting");
        seen.push(line);
        if waiting {
            break;
        }
    }
    assert!(
        seen.last().is_some_and(|l| l.contains("another scan")),
        "{seen:?}"
    );
    assert!(child.try_wait()?.is_none(), "the second scan did not wait");
    drop(lock);
    let out = child.wait_with_output()?;
    assert!(out.status.success());
    let summary: Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(summary["documents_stored"], 1, "{summary}");
    assert_eq!(backend.status()?["counts"]["pages"], 1);
    Ok(())
}

/// Records staff can declare a batch as GP referrals (`scan --type referral_letter`): every
/// document is stored as a referral whatever the classifier reads, and queued for triage; a
/// document corrected to a referral letter afterwards is queued too.
#[test]
fn declared_referral_batches_and_corrections_reach_triage() -> anyhow::Result<()> {
    let dir = super::common::copy_samples(&[
        "12_other_nursing_notes.png",
        "24_other_colonoscopy_appointment.png",
    ])?;
    let backend = Backend::sqlite()?;
    let worker_once = || -> anyhow::Result<String> {
        let out = backend.cmd("worker").arg("--once").output()?;
        anyhow::ensure!(
            out.status.success(),
            "worker failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let nursing = dir.path().join("12_other_nursing_notes.png");
    let (out, summary) = backend.scan(&[&nursing], &["--type", "referral_letter"])?;
    assert!(out.status.success(), "{summary}");
    let appointment = dir.path().join("24_other_colonoscopy_appointment.png");
    let (out, summary) = backend.scan(&[&appointment], &[])?;
    assert!(out.status.success(), "{summary}");
    let status = backend.status()?;
    let docs = status["documents"].as_array().cloned().unwrap_or_default();
    let type_of = |name: &str| {
        docs.iter().find(|d| d["file_name"] == name).map(|d| {
            (
                d["id"].as_str().unwrap_or_default().to_string(),
                d["document_type"].clone(),
            )
        })
    };
    let (_, declared) = type_of("12_other_nursing_notes.png").expect("stored");
    assert_eq!(declared, "referral_letter");
    let (appointment_id, classified) =
        type_of("24_other_colonoscopy_appointment.png").expect("stored");
    assert_eq!(classified, "other");
    // Only the declared referral was queued for triage.
    assert!(worker_once()?.contains("1 jobs processed"));
    assert!(worker_once()?.contains("0 jobs processed"));
    let out = backend
        .cmd("correct")
        .arg(&appointment_id)
        .args(["--type", "referral_letter"])
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(worker_once()?.contains("1 jobs processed"));
    // An unknown type is refused with the list of types.
    let out = backend
        .cmd("scan")
        .args(["--type", "referal"])
        .arg(&nursing)
        .output()?;
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("referral_letter"));
    Ok(())
}

/// A number read below `[ocr] nhs_number_confirm_below` is not filed: `status` shows it held
/// ("?" before it), and `paperlite correct ID --nhs-number N` confirms it.
#[test]
fn a_number_read_unsurely_is_held_until_confirmed() -> anyhow::Result<()> {
    let sample = "01_referral_rectal_bleeding_2ww.png";
    let dir = super::common::copy_samples(&[sample])?;
    let config = dir.path().join("strict.toml");
    // Every OCR reading is below 100: the number is held whatever it read at.
    std::fs::write(&config, "[ocr]\nnhs_number_confirm_below = 100.0\n")?;
    let backend = Backend::sqlite()?;
    let config_arg = config.display().to_string();
    let (out, summary) = backend.scan(&[&dir.path().join(sample)], &["--config", &config_arg])?;
    assert!(out.status.success(), "{summary}");
    let truth = manifest()?
        .into_iter()
        .find(|d| d["file"] == sample)
        .map(|d| d["nhs_number"].clone())
        .expect("the sample is in the manifest");
    let status = backend.status()?;
    assert_eq!(status["counts"]["nhs_numbers_to_confirm"], 1, "{status}");
    let doc = &status["documents"][0];
    assert_eq!(doc["nhs_number"], Value::Null, "{doc}");
    assert_eq!(doc["nhs_number_to_confirm"], truth, "{doc}");
    assert!(
        summary
            .to_string()
            .contains("held for records staff to confirm"),
        "the scan says why: {summary}"
    );
    let id = doc["id"].as_str().unwrap_or_default();
    let truth = truth.as_str().unwrap_or_default();
    let out = backend
        .cmd("correct")
        .arg(id)
        .args(["--nhs-number", truth])
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let status = backend.status()?;
    assert_eq!(status["counts"]["nhs_numbers_to_confirm"], 0, "{status}");
    assert_eq!(status["documents"][0]["nhs_number"], truth);
    // A wrong check digit is refused and changes nothing.
    let out = backend
        .cmd("correct")
        .arg(id)
        .args(["--nhs-number", "9990000027"])
        .output()?;
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("modulus 11"));
    assert_eq!(backend.status()?["documents"][0]["nhs_number"], truth);
    Ok(())
}
