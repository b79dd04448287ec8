//! Settings: an optional `paperlite.toml`, overridden by `PAPERLITE_*` environment
//! variables, overridden by flags (clap reads the last two).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use clap::Args;
use index::{IndexConfig, SearchIndex};
use ocr::OcrConfig;
use serde::Deserialize;
use service::worker::Triager;
use service::{BlobStore, Store};

/// The optional settings file.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FileConfig {
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub workers: Option<usize>,
    /// Full OCR settings (load limits, clean-up, engine, review threshold).
    pub ocr: Option<OcrConfig>,
    /// Search index settings (fuzzy matching, synonyms file, snippet length...).
    pub index: Option<IndexConfig>,
    /// Triage in `serve` and `worker`: the model, or triage switched off.
    pub triage: Option<TriageSettings>,
}

/// `[triage]` in `paperlite.toml`.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TriageSettings {
    /// Model directory (default `models/triage-gi`).
    pub model: Option<PathBuf>,
    /// `false` runs `serve` and `worker` without triage (default `true`).
    pub enabled: Option<bool>,
}

/// The triage model of `serve` and `worker`.
#[derive(Debug, Clone, Args)]
pub struct TriageArgs {
    /// Triage model directory (config.json, tokenizer.json, model.safetensors,
    /// routing.json) [default: `[triage] model` in paperlite.toml, else models/triage-gi].
    /// A model that cannot be loaded stops the start-up, unless triage is switched off.
    #[arg(long, env = "PAPERLITE_MODEL")]
    pub model: Option<PathBuf>,
    /// Run without triage (or `[triage] enabled = false`): referral letters then wait
    /// for a worker that has a model.
    #[arg(long, env = "PAPERLITE_NO_TRIAGE")]
    pub no_triage: bool,
}

impl TriageArgs {
    /// The model directory: flag or environment, else the settings file, else the default.
    pub fn model_dir(&self, file: &FileConfig) -> PathBuf {
        self.model
            .clone()
            .or_else(|| file.triage.as_ref().and_then(|t| t.model.clone()))
            .unwrap_or_else(|| PathBuf::from("models/triage-gi"))
    }

    /// Loads the triage model; `None` only when triage is switched off explicitly. A model
    /// that cannot be loaded is an error: letters would otherwise wait for triage forever.
    pub fn load(&self, file: &FileConfig) -> anyhow::Result<Option<Arc<Triager>>> {
        let enabled = file.triage.as_ref().and_then(|t| t.enabled).unwrap_or(true);
        if self.no_triage || !enabled {
            eprintln!(
                "triage is switched off: referral letters wait for a worker that has a model"
            );
            return Ok(None);
        }
        let dir = self.model_dir(file);
        let triager = Triager::load(&dir).with_context(|| {
            format!(
                "cannot load the triage model in {} (give another with --model, or run \
                 without triage with --no-triage)",
                dir.display()
            )
        })?;
        Ok(Some(Arc::new(triager)))
    }
}

impl FileConfig {
    pub fn load(path: Option<&Path>) -> anyhow::Result<FileConfig> {
        let (path, required) = match path {
            Some(p) => (p.to_path_buf(), true),
            None => (PathBuf::from("paperlite.toml"), false),
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text)
                .with_context(|| format!("invalid settings file {}", path.display())),
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
                Ok(FileConfig::default())
            }
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }
}

/// Where stored data lives.
#[derive(Debug, Clone, Args)]
pub struct StoreArgs {
    /// Data directory for the embedded store: SQLite database, original files, index.
    #[arg(long, env = "PAPERLITE_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// PostgreSQL URL (postgres://user@host/db) to share one store between several
    /// servers and workers; originals and the index still live in --data-dir.
    #[arg(long, env = "PAPERLITE_DATABASE_URL")]
    pub database_url: Option<String>,
}

impl StoreArgs {
    pub fn data_dir(&self, file: &FileConfig) -> PathBuf {
        self.data_dir
            .clone()
            .or_else(|| file.data_dir.clone())
            .unwrap_or_else(|| PathBuf::from("data"))
    }

    /// Opens the database (running migrations) and the blob directory.
    pub async fn open(&self, file: &FileConfig) -> anyhow::Result<(Store, BlobStore)> {
        let data_dir = self.data_dir(file);
        std::fs::create_dir_all(&data_dir)
            .with_context(|| format!("cannot create data directory {}", data_dir.display()))?;
        let url = self
            .database_url
            .clone()
            .or_else(|| file.database_url.clone());
        let store = match url {
            Some(url) => Store::connect(&url)
                .await
                .with_context(|| format!("cannot open database {}", redact(&url)))?,
            None => {
                let path = data_dir.join("paperlite.sqlite");
                Store::open_sqlite(&path)
                    .await
                    .with_context(|| format!("cannot open {}", path.display()))?
            }
        };
        let blobs = BlobStore::open(data_dir.join("blobs"))?;
        Ok((store, blobs))
    }

    /// Opens (creating if needed) the search index in the data directory. With PostgreSQL
    /// each server keeps its own index, derived from the shared database.
    pub fn open_index(&self, file: &FileConfig) -> anyhow::Result<Arc<SearchIndex>> {
        let dir = self.data_dir(file).join("index");
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        let config = file.index.clone().unwrap_or_default();
        let index = match SearchIndex::open_or_create(&dir, config.clone()) {
            // The index is derived from the database: one built by another PaperLite version
            // is replaced by an empty one, which the next search or scan fills again
            // (service::check_index sees it holds fewer documents than the store).
            Err(index::Error::SchemaMismatch { .. }) => {
                tracing::warn!(
                    path = %dir.display(),
                    "the search index was built by another PaperLite version: rebuilding it \
                     from the database"
                );
                std::fs::remove_dir_all(&dir)
                    .with_context(|| format!("cannot remove the old index {}", dir.display()))?;
                SearchIndex::open_or_create(&dir, config)
            }
            other => other,
        }
        .with_context(|| format!("cannot open the search index in {}", dir.display()))?;
        Ok(Arc::new(index))
    }
}

/// Hides a password in a database URL before it is printed.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            match creds.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme + 3],
                    &creds[..colon],
                    &url[at..]
                ),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// OCR settings that can be changed per run.
#[derive(Debug, Clone, Args)]
pub struct OcrArgs {
    /// Hand pages to Tesseract without clean-up (to compare).
    #[arg(long)]
    pub no_cleanup: bool,
    /// Which pages are cleaned up before OCR: `always` (the default) or `poor-pages` (read
    /// each page as the tesseract command would, clean up and re-read only pages that read
    /// poorly, keep the better reading: faster, slightly less accurate on both test sets).
    #[arg(long, value_parser = parse_cleanup_when, env = "PAPERLITE_CLEANUP_WHEN")]
    pub cleanup_when: Option<ocr::CleanupWhen>,
    /// Tesseract page segmentation mode, as the tesseract command's --psm (default 3,
    /// automatic layout analysis; [ocr.engine] page_segmentation in paperlite.toml).
    #[arg(long, env = "PAPERLITE_PSM")]
    pub psm: Option<u32>,
    /// Pages with a mean word confidence below this (0-100) are marked needs_review.
    #[arg(long, env = "PAPERLITE_REVIEW_THRESHOLD")]
    pub review_threshold: Option<f32>,
    /// Refuse files with more pages than this.
    #[arg(long, env = "PAPERLITE_MAX_PAGES")]
    pub max_pages: Option<u32>,
    /// OCR worker threads, one Tesseract engine each (default: one per core).
    #[arg(long, env = "PAPERLITE_WORKERS")]
    pub workers: Option<usize>,
    /// Path of libpdfium.so (default: /usr/local/lib/libpdfium.so, then the system path).
    #[arg(long, env = "PAPERLITE_PDFIUM_LIBRARY")]
    pub pdfium_library: Option<PathBuf>,
    /// Tesseract language(s), e.g. eng or eng+cym.
    #[arg(long, env = "PAPERLITE_OCR_LANGUAGE")]
    pub language: Option<String>,
}

fn parse_cleanup_when(s: &str) -> Result<ocr::CleanupWhen, String> {
    match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
        "always" => Ok(ocr::CleanupWhen::Always),
        "poor-pages" => Ok(ocr::CleanupWhen::PoorPages),
        other => Err(format!("{other:?}: expected always or poor-pages")),
    }
}

impl OcrArgs {
    pub fn ocr_config(&self, file: &FileConfig) -> OcrConfig {
        let mut config = file.ocr.clone().unwrap_or_default();
        if self.no_cleanup {
            config.cleanup.enabled = false;
        }
        if let Some(when) = self.cleanup_when {
            config.cleanup.when = when;
        }
        if let Some(psm) = self.psm {
            config.engine.page_segmentation = psm;
        }
        if let Some(t) = self.review_threshold {
            config.review_threshold = t;
        }
        if let Some(n) = self.max_pages {
            config.load.max_pages = n;
        }
        if let Some(p) = &self.pdfium_library {
            config.load.pdfium_library = Some(p.clone());
        }
        if let Some(l) = &self.language {
            config.engine.language = l.clone();
        }
        config
    }

    pub fn workers(&self, file: &FileConfig) -> usize {
        self.workers
            .or(file.workers)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_hidden() {
        assert_eq!(
            redact("postgres://app:s3cret@db.example/paperlite"),
            "postgres://app:***@db.example/paperlite"
        );
        assert_eq!(
            redact("postgres://postgres@127.0.0.1/test"),
            "postgres://postgres@127.0.0.1/test"
        );
    }

    #[test]
    fn settings_file_is_read_and_checked() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("paperlite.toml");
        std::fs::write(
            &path,
            "data_dir = \"/srv/paperlite\"\nworkers = 3\n[ocr]\nreview_threshold = 55.0\n",
        )?;
        let cfg = FileConfig::load(Some(&path))?;
        assert_eq!(cfg.data_dir, Some(PathBuf::from("/srv/paperlite")));
        assert_eq!(cfg.ocr.map(|o| o.review_threshold), Some(55.0));
        // Engine settings live under [ocr.engine]; the defaults are the tesseract CLI's.
        assert_eq!(OcrConfig::default().engine.page_segmentation, 3);
        std::fs::write(
            &path,
            "[ocr.engine]\npage_segmentation = 4\n[ocr.engine.variables]\npreserve_interword_spaces = \"1\"\n[ocr.cleanup]\nwhen = \"always\"\n",
        )?;
        let ocr = FileConfig::load(Some(&path))?.ocr.unwrap_or_default();
        assert_eq!(ocr.engine.page_segmentation, 4);
        assert_eq!(
            ocr.engine
                .variables
                .get("preserve_interword_spaces")
                .map(String::as_str),
            Some("1")
        );
        assert_eq!(ocr.cleanup.when, ocr::CleanupWhen::Always);
        std::fs::write(&path, "[ocr.engine]\npsm = 4\n")?;
        let err = FileConfig::load(Some(&path)).unwrap_err();
        assert!(format!("{err:#}").contains("psm"), "{err:#}");
        std::fs::write(&path, "data_dri = \"typo\"\n")?;
        let err = FileConfig::load(Some(&path)).unwrap_err();
        assert!(format!("{err:#}").contains("data_dri"), "{err:#}");
        Ok(())
    }
}
