//! `/metrics` in the Prometheus text format, written by hand. Counts that several servers
//! and workers share (pages, jobs, triage decisions) are read from the database; search
//! latency is this server's own histogram.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;

use crate::error::ApiResult;
use crate::AppState;

/// Upper bounds of the search latency buckets, in seconds.
const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];

/// This server's own measurements.
#[derive(Debug, Default)]
pub struct Metrics {
    search_buckets: [AtomicU64; BUCKETS.len()],
    search_count: AtomicU64,
    search_micros: AtomicU64,
}

impl Metrics {
    pub fn observe_search(&self, took: Duration) {
        let secs = took.as_secs_f64();
        for (bound, count) in BUCKETS.iter().zip(&self.search_buckets) {
            if secs <= *bound {
                count.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.search_count.fetch_add(1, Ordering::Relaxed);
        self.search_micros
            .fetch_add(took.as_micros() as u64, Ordering::Relaxed);
    }

    fn write_search(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "# HELP paperlite_search_duration_seconds Time to answer /api/search.\n\
             # TYPE paperlite_search_duration_seconds histogram"
        );
        for (bound, count) in BUCKETS.iter().zip(&self.search_buckets) {
            let _ = writeln!(
                out,
                "paperlite_search_duration_seconds_bucket{{le=\"{bound}\"}} {}",
                count.load(Ordering::Relaxed)
            );
        }
        let n = self.search_count.load(Ordering::Relaxed);
        let _ = writeln!(
            out,
            "paperlite_search_duration_seconds_bucket{{le=\"+Inf\"}} {n}\n\
             paperlite_search_duration_seconds_sum {}\n\
             paperlite_search_duration_seconds_count {n}",
            self.search_micros.load(Ordering::Relaxed) as f64 / 1e6
        );
    }
}

fn gauge(out: &mut String, name: &str, kind: &str, help: &str, samples: &[(String, i64)]) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
    for (labels, v) in samples {
        if labels.is_empty() {
            let _ = writeln!(out, "{name} {v}");
        } else {
            let _ = writeln!(out, "{name}{{{labels}}} {v}");
        }
    }
}

/// `GET /metrics`.
pub async fn metrics(State(state): State<AppState>) -> ApiResult<impl IntoResponse> {
    let counts = state.store.counts().await?;
    let queue = state.store.queue_counts().await?;
    let triage = state.store.suggestion_counts().await?;
    let mut out = String::new();
    gauge(
        &mut out,
        "paperlite_pages_ocred_total",
        "counter",
        "Pages stored (OCRed or read from a PDF text layer).",
        &[(String::new(), counts.pages)],
    );
    gauge(
        &mut out,
        "paperlite_pages_needing_review",
        "gauge",
        "Stored pages whose OCR confidence is below the review threshold.",
        &[(String::new(), counts.pages_needing_review)],
    );
    gauge(
        &mut out,
        "paperlite_documents",
        "gauge",
        "Documents by status.",
        &[
            ("status=\"done\"".into(), counts.done),
            ("status=\"failed\"".into(), counts.failed),
            (
                "status=\"processing\"".into(),
                counts.documents - counts.done - counts.failed,
            ),
        ],
    );
    gauge(
        &mut out,
        "paperlite_queue_jobs",
        "gauge",
        "Jobs in the work queue by status (queue depth: queued + running).",
        &[
            ("status=\"queued\"".into(), queue.queued),
            ("status=\"running\"".into(), queue.running),
            ("status=\"done\"".into(), queue.done),
            ("status=\"failed\"".into(), queue.failed),
        ],
    );
    gauge(
        &mut out,
        "paperlite_queue_depth",
        "gauge",
        "Jobs waiting or in progress.",
        &[(String::new(), queue.queued + queue.running)],
    );
    let triage: Vec<(String, i64)> = triage
        .into_iter()
        .map(|(s, n)| (format!("status=\"{s}\""), n))
        .collect();
    gauge(
        &mut out,
        "paperlite_triage_decisions",
        "gauge",
        "Triage suggestions by status (awaiting_review, accepted, overridden, auto_routed).",
        &triage,
    );
    state.metrics.write_search(&mut out);
    Ok((
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        out,
    ))
}
