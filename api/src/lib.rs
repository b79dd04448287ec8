//! PaperLite's web server: a JSON API under `/api/`, a server-rendered web UI, `/healthz`,
//! `/metrics` and `/api/openapi.json`, on axum. It authenticates callers and adapts HTTP
//! to the operations of the `service` crate (the engine), which knows nothing of HTTP.
//!
//! ```text
//!  browser / script --> authorise (each route's own layer: its roles; session cookie + CSRF,
//!      or bearer token)
//!      --> handlers --> Store (SQLite | PostgreSQL), BlobStore, SearchIndex
//!  uploads --> jobs table <-- workers (in-process and `paperlite worker`) --> pages, suggestions
//!  indexer task (service::indexing::run_indexer): tails documents changed since their last
//!      indexing --> SearchIndex
//! ```

mod admin;
mod api;
mod auth;
mod error;
mod headers;
mod html;
mod login;
mod metrics;
mod pseudonym;
mod render;
pub mod routes;
mod triage_api;
mod ui;
mod ui_triage;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use index::SearchIndex;
use tokio::sync::{watch, Notify, Semaphore};
use tokio::task::JoinHandle;

use service::blobs::BlobStore;
use service::store::Store;
use service::worker::{run_worker, Triager, WorkerConfig};

pub use auth::{CSRF_HEADER, SESSION_COOKIE};
pub use error::{ApiError, ApiJson, ApiQuery};
pub use login::{LoginPolicy, LoginThrottle, LOGIN_BODY_LIMIT};
pub use metrics::Metrics;
pub use render::{RenderConfig, Renderer};

/// Settings of the service.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Largest upload request (all files of a batch together).
    pub max_upload_bytes: usize,
    /// How long a login lasts.
    pub session_hours: i64,
    /// Add `Secure` to the session cookie (when served over HTTPS).
    pub secure_cookies: bool,
    /// File limits applied to each uploaded file.
    pub load: ocr::LoadConfig,
    /// How often the indexer looks for new pages when nothing wakes it.
    pub index_poll: Duration,
    /// Password checks (argon2, 19 MiB each) run at once at most; further logins are
    /// answered 429 until one finishes.
    pub max_concurrent_logins: usize,
    /// Page images: concurrent renders, waiting time, cache size.
    pub render: RenderConfig,
    /// The login back-off.
    pub login: LoginPolicy,
    /// Words read below this confidence (0-100) are marked on the QA page for checking.
    pub qa_low_confidence: f32,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            max_upload_bytes: 64 * 1024 * 1024,
            session_hours: 12,
            secure_cookies: false,
            load: ocr::LoadConfig::default(),
            index_poll: Duration::from_secs(2),
            max_concurrent_logins: 4,
            render: RenderConfig::default(),
            login: LoginPolicy::default(),
            qa_low_confidence: 70.0,
        }
    }
}

/// Everything a handler needs; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub index: Arc<SearchIndex>,
    pub blobs: BlobStore,
    /// The triage model, when one is loaded (the worklist works without it).
    pub triage: Option<Arc<Triager>>,
    pub config: Arc<ServerConfig>,
    pub metrics: Arc<Metrics>,
    pub throttle: Arc<LoginThrottle>,
    /// Bounds concurrent password checks.
    pub login_permits: Arc<Semaphore>,
    /// Draws page images and thumbnails (bounded, cached).
    pub renderer: Arc<Renderer>,
    /// Wakes the indexer (after a job or a correction).
    pub index_notify: Arc<Notify>,
}

impl AppState {
    pub fn new(
        store: Store,
        index: Arc<SearchIndex>,
        blobs: BlobStore,
        triage: Option<Arc<Triager>>,
        config: ServerConfig,
    ) -> AppState {
        AppState {
            store,
            index,
            blobs,
            triage,
            metrics: Arc::new(Metrics::default()),
            throttle: Arc::new(LoginThrottle::new(config.login)),
            login_permits: Arc::new(login::login_permits(config.max_concurrent_logins)),
            renderer: Arc::new(Renderer::new(config.render.clone())),
            index_notify: Arc::new(Notify::new()),
            config: Arc::new(config),
        }
    }
}

/// The whole service as a router (no socket: tests call it with `oneshot`). The routes,
/// each with the roles it admits, are [`routes::table`].
pub fn app(state: AppState) -> Router {
    routes::table(state.clone())
        .into_router()
        .fallback(error::not_found)
        .layer(axum::middleware::from_fn(headers::security_headers))
        .with_state(state)
}

/// Starts the indexer and, when `worker` is given, an in-process queue worker.
pub fn spawn_background(
    state: &AppState,
    worker: Option<WorkerConfig>,
    stop: watch::Receiver<bool>,
) -> Vec<JoinHandle<()>> {
    let mut tasks = vec![tokio::spawn(service::indexing::run_indexer(
        state.store.clone(),
        Arc::clone(&state.index),
        Arc::clone(&state.index_notify),
        state.config.index_poll,
        stop.clone(),
    ))];
    if let Some(config) = worker {
        tasks.push(tokio::spawn(run_worker(
            state.store.clone(),
            state.blobs.clone(),
            config,
            state.triage.clone(),
            stop,
            Some(Arc::clone(&state.index_notify)),
        )));
    }
    tasks
}

#[cfg(test)]
mod tests;
