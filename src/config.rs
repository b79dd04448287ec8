//! Settings: an optional `paperlite.toml`, overridden by `PAPERLITE_*` environment
//! variables, overridden by flags (clap reads the last two).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

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
    /// The web server of `serve`: address, uploads, sessions, logins, page images.
    pub server: Option<ServerSettings>,
    /// The queue workers of `serve` and `worker`: lease, polling, attempts.
    pub worker: Option<WorkerSettings>,
}

/// `[server]` in `paperlite.toml`; each field also has a flag and an environment variable
/// ([`ServerArgs`]), which win.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerSettings {
    pub listen: Option<SocketAddr>,
    pub max_upload_mb: Option<usize>,
    pub secure_cookies: Option<bool>,
    pub session_hours: Option<i64>,
    pub max_concurrent_logins: Option<usize>,
    pub login_free_failures: Option<u32>,
    pub login_max_wait_seconds: Option<u64>,
    pub index_poll_ms: Option<u64>,
    pub render_max_concurrent: Option<usize>,
    pub render_wait_seconds: Option<u64>,
    pub render_cache_mb: Option<usize>,
    pub qa_low_confidence: Option<f32>,
}

/// `[worker]` in `paperlite.toml`; flags and environment variables ([`JobArgs`]) win.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WorkerSettings {
    pub lease_seconds: Option<u64>,
    pub poll_ms: Option<u64>,
    pub max_attempts: Option<u32>,
}

/// The web server's settings as flags and environment variables.
#[derive(Debug, Clone, Default, Args)]
pub struct ServerArgs {
    /// Address to listen on [default: 127.0.0.1:8080].
    #[arg(long, env = "PAPERLITE_LISTEN")]
    pub listen: Option<SocketAddr>,
    /// Largest upload request, in MB (all files of a batch together) [default: 64].
    #[arg(long, env = "PAPERLITE_MAX_UPLOAD_MB")]
    pub max_upload_mb: Option<usize>,
    /// Mark the session cookie `Secure` (when served behind HTTPS).
    #[arg(long, env = "PAPERLITE_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// How long a login lasts, in hours [default: 12].
    #[arg(long, env = "PAPERLITE_SESSION_HOURS")]
    pub session_hours: Option<i64>,
    /// Password checks (argon2, 19 MiB each) run at once at most [default: 4].
    #[arg(long, env = "PAPERLITE_MAX_CONCURRENT_LOGINS")]
    pub max_concurrent_logins: Option<usize>,
    /// Failed logins a username gets before it must wait [default: 3].
    #[arg(long, env = "PAPERLITE_LOGIN_FREE_FAILURES")]
    pub login_free_failures: Option<u32>,
    /// The longest wait of the login back-off, in seconds [default: 300].
    #[arg(long, env = "PAPERLITE_LOGIN_MAX_WAIT_SECONDS")]
    pub login_max_wait_seconds: Option<u64>,
    /// How often the indexer looks for new pages when nothing wakes it, in ms [default: 2000].
    #[arg(long, env = "PAPERLITE_INDEX_POLL_MS")]
    pub index_poll_ms: Option<u64>,
    /// Page images rendered at once at most [default: 2].
    #[arg(long, env = "PAPERLITE_RENDER_MAX_CONCURRENT")]
    pub render_max_concurrent: Option<usize>,
    /// How long a page image request waits for a render slot, in seconds [default: 20].
    #[arg(long, env = "PAPERLITE_RENDER_WAIT_SECONDS")]
    pub render_wait_seconds: Option<u64>,
    /// Rendered page images kept in memory, in MB [default: 64].
    #[arg(long, env = "PAPERLITE_RENDER_CACHE_MB")]
    pub render_cache_mb: Option<usize>,
    /// Words read below this confidence (0-100) are marked on the QA page [default: 70].
    #[arg(long, env = "PAPERLITE_QA_LOW_CONFIDENCE")]
    pub qa_low_confidence: Option<f32>,
}

impl ServerArgs {
    /// The address: flag or environment, else `[server] listen`, else 127.0.0.1:8080.
    pub fn listen(&self, file: &FileConfig) -> SocketAddr {
        self.listen
            .or_else(|| file.server.as_ref().and_then(|s| s.listen))
            .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080)))
    }

    /// The server's settings: flags and environment over `[server]` over the defaults.
    pub fn server_config(
        &self,
        file: &FileConfig,
        load: ocr::LoadConfig,
    ) -> anyhow::Result<api::ServerConfig> {
        let f = file.server.clone().unwrap_or_default();
        let mut c = api::ServerConfig {
            load,
            ..api::ServerConfig::default()
        };
        if let Some(mb) = self.max_upload_mb.or(f.max_upload_mb) {
            anyhow::ensure!(mb >= 1, "max_upload_mb must be at least 1 (got {mb})");
            c.max_upload_bytes = mb.saturating_mul(1024 * 1024);
        }
        c.secure_cookies = self.secure_cookies || f.secure_cookies.unwrap_or(false);
        if let Some(h) = self.session_hours.or(f.session_hours) {
            anyhow::ensure!(
                (1..=24 * 90).contains(&h),
                "session_hours must be between 1 and 2160 (got {h})"
            );
            c.session_hours = h;
        }
        if let Some(n) = self.max_concurrent_logins.or(f.max_concurrent_logins) {
            anyhow::ensure!(n >= 1, "max_concurrent_logins must be at least 1");
            c.max_concurrent_logins = n;
        }
        if let Some(n) = self.login_free_failures.or(f.login_free_failures) {
            anyhow::ensure!(n >= 1, "login_free_failures must be at least 1");
            c.login.free_failures = n;
        }
        if let Some(s) = self.login_max_wait_seconds.or(f.login_max_wait_seconds) {
            anyhow::ensure!(s >= 1, "login_max_wait_seconds must be at least 1");
            c.login.max_wait = Duration::from_secs(s);
        }
        if let Some(ms) = self.index_poll_ms.or(f.index_poll_ms) {
            anyhow::ensure!(ms >= 10, "index_poll_ms must be at least 10 (got {ms})");
            c.index_poll = Duration::from_millis(ms);
        }
        if let Some(n) = self.render_max_concurrent.or(f.render_max_concurrent) {
            anyhow::ensure!(n >= 1, "render_max_concurrent must be at least 1");
            c.render.max_concurrent = n;
        }
        if let Some(s) = self.render_wait_seconds.or(f.render_wait_seconds) {
            c.render.wait = Duration::from_secs(s);
        }
        if let Some(mb) = self.render_cache_mb.or(f.render_cache_mb) {
            c.render.cache_bytes = mb.saturating_mul(1024 * 1024);
        }
        if let Some(q) = self.qa_low_confidence.or(f.qa_low_confidence) {
            anyhow::ensure!(
                (0.0..=100.0).contains(&q),
                "qa_low_confidence must be between 0 and 100 (got {q})"
            );
            c.qa_low_confidence = q;
        }
        Ok(c)
    }
}

/// The queue worker's settings as flags and environment variables.
#[derive(Debug, Clone, Default, Args)]
pub struct JobArgs {
    /// How long a claimed job stays a worker's without renewal, in seconds; a crashed
    /// worker's job is taken again after this [default: 120].
    #[arg(long, env = "PAPERLITE_JOB_LEASE_SECONDS")]
    pub lease_seconds: Option<u64>,
    /// Pause between looks at an empty queue, in ms [default: 500].
    #[arg(long, env = "PAPERLITE_JOB_POLL_MS")]
    pub poll_ms: Option<u64>,
    /// Tries of a job before it is failed for good [default: 3].
    #[arg(long, env = "PAPERLITE_JOB_MAX_ATTEMPTS")]
    pub max_attempts: Option<u32>,
}

impl JobArgs {
    /// A worker named `name` with these settings over `[worker]` over the defaults.
    pub fn worker_config(
        &self,
        file: &FileConfig,
        name: String,
        scan: service::ScanConfig,
    ) -> anyhow::Result<service::worker::WorkerConfig> {
        let f = file.worker.clone().unwrap_or_default();
        let mut c = service::worker::WorkerConfig::new(name, scan);
        if let Some(s) = self.lease_seconds.or(f.lease_seconds) {
            anyhow::ensure!(s >= 5, "lease_seconds must be at least 5 (got {s})");
            c.lease = Duration::from_secs(s);
        }
        if let Some(ms) = self.poll_ms.or(f.poll_ms) {
            anyhow::ensure!(ms >= 10, "poll_ms must be at least 10 (got {ms})");
            c.poll = Duration::from_millis(ms);
        }
        if let Some(n) = self.max_attempts.or(f.max_attempts) {
            anyhow::ensure!(n >= 1, "max_attempts must be at least 1");
            c.max_attempts = n;
        }
        Ok(c)
    }
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
        std::fs::write(&path, "[worker]\nlease_secs = 30\n")?;
        let err = FileConfig::load(Some(&path)).unwrap_err();
        assert!(format!("{err:#}").contains("lease_secs"), "{err:#}");
        std::fs::write(&path, "data_dri = \"typo\"\n")?;
        let err = FileConfig::load(Some(&path)).unwrap_err();
        assert!(format!("{err:#}").contains("data_dri"), "{err:#}");
        Ok(())
    }

    #[test]
    fn server_and_worker_settings_come_from_the_file_unless_a_flag_says_otherwise(
    ) -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("paperlite.toml");
        std::fs::write(
            &path,
            "[server]\nlisten = \"0.0.0.0:9000\"\nsession_hours = 8\nmax_upload_mb = 10\n\
             login_free_failures = 5\nlogin_max_wait_seconds = 60\nqa_low_confidence = 55\n\
             render_cache_mb = 8\n[worker]\nlease_seconds = 30\npoll_ms = 250\nmax_attempts = 5\n",
        )?;
        let file = FileConfig::load(Some(&path))?;
        let load = ocr::LoadConfig::default();
        let flags = ServerArgs::default();
        assert_eq!(flags.listen(&file), "0.0.0.0:9000".parse()?);
        let c = flags.server_config(&file, load.clone())?;
        assert_eq!(c.session_hours, 8);
        assert_eq!(c.max_upload_bytes, 10 * 1024 * 1024);
        assert_eq!(c.login.free_failures, 5);
        assert_eq!(c.login.max_wait, Duration::from_secs(60));
        assert_eq!(c.qa_low_confidence, 55.0);
        assert_eq!(c.render.cache_bytes, 8 * 1024 * 1024);
        // Untouched settings keep their defaults.
        assert_eq!(
            c.max_concurrent_logins,
            api::ServerConfig::default().max_concurrent_logins
        );
        // A flag (or its environment variable) wins over the file.
        let flags = ServerArgs {
            session_hours: Some(2),
            listen: Some("127.0.0.1:7000".parse()?),
            ..ServerArgs::default()
        };
        assert_eq!(flags.server_config(&file, load.clone())?.session_hours, 2);
        assert_eq!(flags.listen(&file), "127.0.0.1:7000".parse()?);
        // Nonsense is refused with the setting's name.
        let flags = ServerArgs {
            session_hours: Some(0),
            ..ServerArgs::default()
        };
        let err = flags.server_config(&file, load).unwrap_err();
        assert!(err.to_string().contains("session_hours"), "{err}");

        let scan = service::ScanConfig {
            ocr: OcrConfig::default(),
            workers: 1,
            keep_failed_originals: false,
            declared_type: None,
        };
        let w = JobArgs::default().worker_config(&file, "w".into(), scan.clone())?;
        assert_eq!(
            (w.lease, w.poll, w.max_attempts),
            (Duration::from_secs(30), Duration::from_millis(250), 5)
        );
        let flags = JobArgs {
            max_attempts: Some(1),
            ..JobArgs::default()
        };
        assert_eq!(
            flags
                .worker_config(&file, "w".into(), scan.clone())?
                .max_attempts,
            1
        );
        let flags = JobArgs {
            lease_seconds: Some(0),
            ..JobArgs::default()
        };
        let err = flags.worker_config(&file, "w".into(), scan).unwrap_err();
        assert!(err.to_string().contains("lease_seconds"), "{err}");
        Ok(())
    }
}
