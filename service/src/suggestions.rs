//! Triage suggestions for referral letters, and the consultant's decision on each.
//!
//! One row per letter (keyed by its document id): what the model and the red-flag checker
//! said, whether the routing policy auto-routed it, and, once reviewed, who accepted or
//! overrode it, with the final labels and the reason. Accepted and overridden letters are
//! labelled data for `paperlite train`.

use std::str::FromStr;

use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::error::{Error, Result};
use crate::store::{now, parse_text, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SuggestionStatus {
    AwaitingReview,
    Accepted,
    Overridden,
    AutoRouted,
}

impl SuggestionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SuggestionStatus::AwaitingReview => "awaiting_review",
            SuggestionStatus::Accepted => "accepted",
            SuggestionStatus::Overridden => "overridden",
            SuggestionStatus::AutoRouted => "auto_routed",
        }
    }
}

impl FromStr for SuggestionStatus {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "awaiting_review" => Ok(SuggestionStatus::AwaitingReview),
            "accepted" => Ok(SuggestionStatus::Accepted),
            "overridden" => Ok(SuggestionStatus::Overridden),
            "auto_routed" => Ok(SuggestionStatus::AutoRouted),
            other => Err(Error::Corrupt(format!("unknown triage status {other:?}"))),
        }
    }
}

/// A red flag as stored: the rule and the evidence span in the letter text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredFlag {
    pub rule: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A suggestion as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub document_id: String,
    pub model: String,
    pub suggested_urgency: String,
    pub suggested_pathway: String,
    pub urgency_probabilities: Vec<(String, f64)>,
    pub pathway_probabilities: Vec<(String, f64)>,
    pub p_low_risk: f64,
    pub red_flags: Vec<StoredFlag>,
    pub routing_decision: String,
    pub routing_reason: String,
    pub status: SuggestionStatus,
    pub reviewer: Option<String>,
    pub final_urgency: Option<String>,
    pub final_pathway: Option<String>,
    pub reason: Option<String>,
    pub created_at: String,
    pub decided_at: Option<String>,
    /// The letter's patient, for the worklist and the audit log.
    pub nhs_number: Option<String>,
    pub file_name: Option<String>,
}

impl Suggestion {
    /// The model's probability for the suggested urgency (the rules' label): shown in the
    /// worklist as the model's agreement, never as the suggestion's confidence.
    pub fn confidence(&self) -> f64 {
        self.urgency_probabilities
            .iter()
            .find(|(l, _)| *l == self.suggested_urgency)
            .map_or(0.0, |(_, p)| *p)
    }
}

/// A new suggestion from the triage job.
#[derive(Debug, Clone)]
pub struct NewSuggestion<'a> {
    pub document_id: &'a str,
    pub model: &'a str,
    pub urgency: &'a str,
    pub pathway: &'a str,
    pub urgency_probabilities: &'a [(String, f64)],
    pub pathway_probabilities: &'a [(String, f64)],
    pub p_low_risk: f64,
    pub red_flags: &'a [StoredFlag],
    pub auto_routed: bool,
    pub routing_reason: &'a str,
}

/// The columns [`from_row`] reads by name, each named as it is read.
const COLUMNS: &str = "t.document_id AS document_id, t.model AS model, \
     t.suggested_urgency AS suggested_urgency, t.suggested_pathway AS suggested_pathway, \
     t.urgency_probabilities AS urgency_probabilities, \
     t.pathway_probabilities AS pathway_probabilities, t.p_low_risk AS p_low_risk, \
     t.red_flags AS red_flags, t.routing_decision AS routing_decision, \
     t.routing_reason AS routing_reason, t.status AS status, t.reviewer AS reviewer, \
     t.final_urgency AS final_urgency, t.final_pathway AS final_pathway, t.reason AS reason, \
     t.created_at AS created_at, t.decided_at AS decided_at, d.nhs_number AS nhs_number, \
     d.file_name AS file_name";

fn json_err(e: serde_json::Error) -> Error {
    Error::Corrupt(format!("cannot encode JSON for triage_suggestions: {e}"))
}

/// A JSON column of `triage_suggestions`, read by name. JSON that does not decode is an
/// error naming the column and saying where it breaks; the value itself is left out, as
/// the red flags quote the letter.
fn json_column<T: serde::de::DeserializeOwned>(r: &AnyRow, column: &str) -> Result<T> {
    let value: String = r.try_get(column)?;
    serde_json::from_str(&value).map_err(|e| {
        Error::Corrupt(format!(
            "triage_suggestions.{column} holds {} characters that are not the expected JSON \
             (line {}, column {})",
            value.chars().count(),
            e.line(),
            e.column()
        ))
    })
}

fn from_row(r: &AnyRow) -> Result<Suggestion> {
    Ok(Suggestion {
        document_id: r.try_get("document_id")?,
        model: r.try_get("model")?,
        suggested_urgency: r.try_get("suggested_urgency")?,
        suggested_pathway: r.try_get("suggested_pathway")?,
        urgency_probabilities: json_column(r, "urgency_probabilities")?,
        pathway_probabilities: json_column(r, "pathway_probabilities")?,
        p_low_risk: r.try_get("p_low_risk")?,
        red_flags: json_column(r, "red_flags")?,
        routing_decision: r.try_get("routing_decision")?,
        routing_reason: r.try_get("routing_reason")?,
        status: parse_text(
            r,
            "triage_suggestions",
            "status",
            "a triage status",
            str::parse,
        )?,
        reviewer: r.try_get("reviewer")?,
        final_urgency: r.try_get("final_urgency")?,
        final_pathway: r.try_get("final_pathway")?,
        reason: r.try_get("reason")?,
        created_at: r.try_get("created_at")?,
        decided_at: r.try_get("decided_at")?,
        nhs_number: r.try_get("nhs_number")?,
        file_name: r.try_get("file_name")?,
    })
}

impl Store {
    /// Stores the suggestion for a letter once; a second call for the same letter (a
    /// retried job) changes nothing. Returns whether this call stored it.
    pub async fn store_suggestion(&self, s: &NewSuggestion<'_>) -> Result<bool> {
        let status = if s.auto_routed {
            SuggestionStatus::AutoRouted
        } else {
            SuggestionStatus::AwaitingReview
        };
        let done = sqlx::query(
            "INSERT INTO triage_suggestions (document_id, model, suggested_urgency,
                 suggested_pathway, urgency_probabilities, pathway_probabilities, p_low_risk,
                 red_flags, routing_decision, routing_reason, status, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
             ON CONFLICT (document_id) DO NOTHING",
        )
        .bind(s.document_id)
        .bind(s.model)
        .bind(s.urgency)
        .bind(s.pathway)
        .bind(enc(s.urgency_probabilities)?)
        .bind(enc(s.pathway_probabilities)?)
        .bind(s.p_low_risk)
        .bind(enc(s.red_flags)?)
        .bind(if s.auto_routed {
            "auto_route"
        } else {
            "review"
        })
        .bind(s.routing_reason)
        .bind(status.as_str())
        .bind(now())
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn triage_suggestion(&self, document_id: &str) -> Result<Option<Suggestion>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM triage_suggestions t
             LEFT JOIN documents d ON d.id = t.document_id WHERE t.document_id = $1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(document_id)
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| from_row(&r)).transpose()
    }

    /// Suggestions in one status, oldest first (the worklist waits longest at the top);
    /// decided ones newest first.
    pub async fn triage_suggestions(
        &self,
        status: SuggestionStatus,
        limit: u32,
    ) -> Result<Vec<Suggestion>> {
        let order = if status == SuggestionStatus::AwaitingReview {
            "t.created_at, t.document_id"
        } else {
            "t.created_at DESC, t.document_id"
        };
        let sql = format!(
            "SELECT {COLUMNS} FROM triage_suggestions t
             LEFT JOIN documents d ON d.id = t.document_id
             WHERE t.status = $1 ORDER BY {order} LIMIT $2"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(status.as_str())
            .bind(i64::from(limit))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(from_row).collect()
    }

    /// Reviewed suggestions (accepted or overridden), oldest first: the labelled data.
    pub async fn reviewed_suggestions(&self) -> Result<Vec<Suggestion>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM triage_suggestions t
             LEFT JOIN documents d ON d.id = t.document_id
             WHERE t.status IN ('accepted', 'overridden') ORDER BY t.decided_at, t.document_id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(from_row).collect()
    }

    /// The latest decided suggestions (accepted or overridden), newest decision first.
    pub async fn recently_decided(&self, limit: u32) -> Result<Vec<Suggestion>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM triage_suggestions t
             LEFT JOIN documents d ON d.id = t.document_id
             WHERE t.status IN ('accepted', 'overridden')
             ORDER BY t.decided_at DESC, t.document_id LIMIT $1"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(i64::from(limit))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(from_row).collect()
    }

    /// Suggestions by status, for `/metrics`.
    pub async fn suggestion_counts(&self) -> Result<Vec<(String, i64)>> {
        let rows =
            sqlx::query("SELECT status, COUNT(*) AS n FROM triage_suggestions GROUP BY status")
                .fetch_all(self.pool())
                .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("status")?, r.try_get("n")?)))
            .collect()
    }
}

/// JSON encoding of the values stored as text.
fn enc<T: Serialize + ?Sized>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(json_err)
}
