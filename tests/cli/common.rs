use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use anyhow::Context;
use serde_json::Value;

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_paperlite"))
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn samples() -> PathBuf {
    repo().join("samples").join("scans")
}

pub fn bad_samples() -> PathBuf {
    repo().join("samples").join("bad")
}

/// The samples' manifest: what each synthetic document really says.
pub fn manifest() -> anyhow::Result<Vec<Value>> {
    let text = std::fs::read_to_string(samples().join("manifest.json"))?;
    let value: Value = serde_json::from_str(&text)?;
    Ok(value
        .as_array()
        .cloned()
        .or_else(|| value["documents"].as_array().cloned())
        .unwrap_or_default())
}

/// The store a test runs on.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Sqlite,
    Postgres,
}

/// Where a test's data lives: a temporary data directory, and for PostgreSQL a fresh
/// database created for the test and dropped afterwards.
pub struct Backend {
    pub name: &'static str,
    pub data_dir: tempfile::TempDir,
    pub database_url: Option<String>,
    admin_url: Option<String>,
    database: Option<String>,
}

impl Backend {
    pub fn sqlite() -> anyhow::Result<Backend> {
        Ok(Backend {
            name: "sqlite",
            data_dir: tempfile::tempdir()?,
            database_url: None,
            admin_url: None,
            database: None,
        })
    }

    /// A fresh PostgreSQL database, or `None` (with a note) when no server is configured.
    pub fn postgres(test: &str) -> anyhow::Result<Option<Backend>> {
        let Ok(url) = std::env::var("PAPERLITE_TEST_POSTGRES_URL") else {
            eprintln!("{test}: skipped on PostgreSQL (PAPERLITE_TEST_POSTGRES_URL is not set)");
            return Ok(None);
        };
        let name = format!(
            "paperlite_{}_{}_{}",
            test,
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)?
                .subsec_nanos()
        );
        run_sql(&url, &format!("CREATE DATABASE {name}"))?;
        let base = url.rsplit_once('/').map_or(url.as_str(), |(b, _)| b);
        Ok(Some(Backend {
            name: "postgres",
            data_dir: tempfile::tempdir()?,
            database_url: Some(format!("{base}/{name}")),
            admin_url: Some(url.clone()),
            database: Some(name),
        }))
    }

    /// A fresh store of `kind`. PostgreSQL tests are `#[ignore]`d, so shown as such in
    /// the summary, unless `PAPERLITE_TEST_POSTGRES_URL` was set when they were built (see
    /// `build.rs`); run anyway without a server they fail and say why.
    pub fn new(kind: Kind, test: &str) -> anyhow::Result<Backend> {
        match kind {
            Kind::Sqlite => Backend::sqlite(),
            Kind::Postgres => Backend::postgres(test)?
                .ok_or_else(|| anyhow::anyhow!("{test}: PAPERLITE_TEST_POSTGRES_URL is not set")),
        }
    }

    /// A `paperlite` command pointed at this backend's store.
    pub fn cmd(&self, subcommand: &str) -> Command {
        let mut c = bin();
        c.arg(subcommand)
            .arg("--data-dir")
            .arg(self.data_dir.path());
        if let Some(url) = &self.database_url {
            c.arg("--database-url").arg(url);
        }
        c.env_remove("PAPERLITE_DATABASE_URL");
        c
    }

    /// `paperlite scan --json PATHS...`
    pub fn scan(&self, paths: &[&Path], extra: &[&str]) -> anyhow::Result<(Output, Value)> {
        let out = self
            .cmd("scan")
            .arg("--json")
            .args(extra)
            .args(paths)
            .output()
            .context("running paperlite scan")?;
        let json = serde_json::from_slice(&out.stdout).with_context(|| {
            format!(
                "scan output is not JSON (stderr: {})",
                String::from_utf8_lossy(&out.stderr)
            )
        })?;
        Ok((out, json))
    }

    /// `paperlite status --json`
    pub fn status(&self) -> anyhow::Result<Value> {
        let out = self.cmd("status").arg("--json").output()?;
        anyhow::ensure!(
            out.status.success(),
            "status failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Ok(serde_json::from_slice(&out.stdout)?)
    }
}

impl Drop for Backend {
    fn drop(&mut self) {
        if let (Some(admin), Some(db)) = (&self.admin_url, &self.database) {
            let _ = run_sql(admin, &format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"));
        }
    }
}

fn run_sql(url: &str, sql: &str) -> anyhow::Result<()> {
    use sqlx::{Connection, Executor};
    let rt = tokio_runtime()?;
    rt.block_on(async {
        let mut conn = sqlx::PgConnection::connect(url).await?;
        conn.execute(sqlx::AssertSqlSafe(sql.to_string())).await?;
        conn.close().await?;
        Ok::<_, anyhow::Error>(())
    })
}

fn tokio_runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?)
}

/// Largest resident set of any child process this test binary has waited for, in MB.
pub fn max_child_rss_mb() -> f64 {
    // SAFETY: getrusage only writes into the struct we pass.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss as f64 / 1024.0
}

/// Copies named sample files (and nothing else) into a new folder.
pub fn copy_samples(names: &[&str]) -> anyhow::Result<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    for n in names {
        std::fs::copy(samples().join(n), dir.path().join(n))
            .with_context(|| format!("copying sample {n}"))?;
    }
    Ok(dir)
}
