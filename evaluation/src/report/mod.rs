//! Run reports: every evaluation writes a directory with `metrics.json` (what was measured,
//! under `metrics`, and what it was measured on, under `provenance`), `report.html` (one
//! self-contained page: inline CSS and SVG, no scripts, nothing fetched) and CSVs.
//!
//! Only `provenance.started_at` changes between two runs on the same inputs: the metrics
//! themselves are deterministic, so two `metrics` objects can be compared byte for byte.

pub mod html;
pub mod ocr;
pub mod search;
pub mod svg;
pub mod triage;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What a run measured: inputs identified by content, not by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// `paperlite eval triage`, `... ocr`, `... search`.
    pub evaluation: String,
    /// The command line as typed.
    pub command: String,
    /// sha256 of the model's files (see [`sha256_files`]), when a model was evaluated.
    pub model_sha256: Option<String>,
    pub model_path: Option<String>,
    /// sha256 of the data (a file's bytes, or a folder's files, see [`sha256_files`]).
    pub data_sha256: String,
    pub data: String,
    /// `git rev-parse HEAD` where the command ran, or "unknown".
    pub git_commit: String,
    pub seed: Option<u64>,
    /// RFC 3339 UTC start time: the only field that differs between reruns.
    pub started_at: String,
    pub paperlite_version: String,
}

/// The contents of `metrics.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunRecord<M> {
    pub provenance: Provenance,
    pub metrics: M,
}

/// What can go wrong writing or reading a report.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: not a PaperLite metrics.json: {reason}", path.display())]
    NotARun { path: PathBuf, reason: String },
    #[error("cannot serialise the metrics: {0}")]
    Json(#[from] serde_json::Error),
}

pub(crate) fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result<(), ReportError> {
    std::fs::write(path, contents).map_err(|source| ReportError::Io {
        path: path.to_path_buf(),
        source,
    })
}

pub(crate) fn create_dir(dir: &Path) -> Result<(), ReportError> {
    std::fs::create_dir_all(dir).map_err(|source| ReportError::Io {
        path: dir.to_path_buf(),
        source,
    })
}

/// Pretty JSON of a run record, ending in a newline.
pub fn metrics_json<M: Serialize>(record: &RunRecord<M>) -> Result<String, ReportError> {
    Ok(serde_json::to_string_pretty(record)? + "\n")
}

/// sha256 of a file's bytes, as lower-case hex.
pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}

/// sha256 over several files: for each, sorted by relative name, the name, a NUL, the
/// file's own sha256 and a newline. A folder is walked recursively; a plain file hashes as
/// itself (its bytes).
pub fn sha256_files(root: &Path) -> std::io::Result<String> {
    if root.is_file() {
        return sha256_file(root);
    }
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    let mut named: Vec<(String, PathBuf)> = files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(root)
                .unwrap_or(&p)
                .to_string_lossy()
                .replace('\\', "/");
            (rel, p)
        })
        .collect();
    named.sort();
    hash_named(&named)
}

/// sha256 over the named files of a folder, in the order given, as [`sha256_files`] combines
/// them (e.g. a model's `config.json`, `tokenizer.json`, `model.safetensors`, `routing.json`:
/// the files that decide what it does).
pub fn sha256_named(root: &Path, names: &[&str]) -> std::io::Result<String> {
    let named: Vec<(String, PathBuf)> = names
        .iter()
        .map(|n| (n.to_string(), root.join(n)))
        .collect();
    hash_named(&named)
}

fn hash_named(named: &[(String, PathBuf)]) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    for (name, path) in named {
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update(sha256_file(path)?.as_bytes());
        hasher.update(b"\n");
    }
    Ok(hex::encode(hasher.finalize()))
}

/// sha256 of bytes.
pub fn sha256_bytes(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The headline figures of a run, flat, read from its `metrics.json` (`metrics.headline`).
pub fn load_headline(run_dir: &Path) -> Result<BTreeMap<String, f64>, ReportError> {
    let path = run_dir.join("metrics.json");
    let text = std::fs::read_to_string(&path).map_err(|source| ReportError::Io {
        path: path.clone(),
        source,
    })?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| ReportError::NotARun {
            path: path.clone(),
            reason: e.to_string(),
        })?;
    let headline = value
        .get("metrics")
        .and_then(|m| m.get("headline"))
        .and_then(|h| h.as_object())
        .ok_or_else(|| ReportError::NotARun {
            path: path.clone(),
            reason: "no metrics.headline object".to_string(),
        })?;
    Ok(headline
        .iter()
        .filter_map(|(k, v)| Some((k.clone(), v.as_f64()?)))
        .collect())
}

/// One row of a comparison of two runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompareRow {
    pub metric: String,
    pub this_run: Option<f64>,
    pub other_run: Option<f64>,
    /// `this_run - other_run` where both have it.
    pub delta: Option<f64>,
}

/// The headline figures of two runs side by side (every metric either run has).
pub fn compare(this: &BTreeMap<String, f64>, other: &BTreeMap<String, f64>) -> Vec<CompareRow> {
    let mut keys: Vec<&String> = this.keys().chain(other.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .map(|k| {
            let a = this.get(k).copied();
            let b = other.get(k).copied();
            CompareRow {
                metric: k.clone(),
                this_run: a,
                other_run: b,
                delta: a.zip(b).map(|(a, b)| a - b),
            }
        })
        .collect()
}

/// One CSV field, quoted when it must be (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A CSV line of fields, with its newline.
pub fn csv_line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = fields
        .iter()
        .map(|f| csv_field(f.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

/// A number for a CSV cell or a table (`""` when undefined), with `digits` decimals.
pub fn num(x: Option<f64>, digits: usize) -> String {
    x.map(|v| format!("{v:.digits$}")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_what_needs_it() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_line(&["x", "1,2"]), "x,\"1,2\"\n");
    }

    #[test]
    fn folder_hash_depends_on_names_and_contents_not_order() -> anyhow::Result<()> {
        let a = tempfile::tempdir()?;
        std::fs::write(a.path().join("one"), "1")?;
        std::fs::create_dir(a.path().join("sub"))?;
        std::fs::write(a.path().join("sub/two"), "2")?;
        let h = sha256_files(a.path())?;
        let b = tempfile::tempdir()?;
        std::fs::create_dir(b.path().join("sub"))?;
        std::fs::write(b.path().join("sub/two"), "2")?;
        std::fs::write(b.path().join("one"), "1")?;
        assert_eq!(sha256_files(b.path())?, h);
        std::fs::write(b.path().join("one"), "changed")?;
        assert_ne!(sha256_files(b.path())?, h);
        // A file hashes as its bytes.
        assert_eq!(sha256_files(&a.path().join("one"))?, sha256_bytes(b"1"));
        Ok(())
    }

    #[test]
    fn compare_lines_up_metrics_and_computes_deltas() {
        let this = BTreeMap::from([("a".to_string(), 0.8), ("b".to_string(), 0.1)]);
        let other = BTreeMap::from([("a".to_string(), 0.75), ("c".to_string(), 2.0)]);
        let rows = compare(&this, &other);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].metric, "a");
        assert!((rows[0].delta.unwrap_or(0.0) - 0.05).abs() < 1e-12);
        assert_eq!(rows[1].delta, None);
        assert_eq!(rows[2].this_run, None);
    }
}
