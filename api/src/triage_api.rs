//! Triage and audit handlers: the worklist, one letter, accept and override, auto-routed
//! letters, reviewed decisions as training data, and the audit log.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::api::audit;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult};
use crate::AppState;
use service::audit::{AuditAction, AuditEntry, NewAudit};
use service::operations::{self, Decision};
use service::suggestions::{Suggestion, SuggestionStatus};

/// A worklist line.
#[derive(Debug, Serialize)]
pub struct WorkItem {
    pub document_id: String,
    pub file_name: Option<String>,
    pub nhs_number: Option<String>,
    pub received_at: String,
    pub waiting_seconds: i64,
    pub suggested_urgency: String,
    pub suggested_pathway: String,
    /// The model's probability for the suggested urgency. The suggestion itself comes from
    /// the referral rules; the model does not decide and is not validated on letters from
    /// outside, so this is its agreement, not the suggestion's confidence.
    pub confidence: f64,
    pub p_low_risk: f64,
    pub red_flags: usize,
    pub routing_reason: String,
    pub status: SuggestionStatus,
}

pub(super) fn waiting_seconds(since: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(since)
        .map(|t| (chrono::Utc::now() - t.with_timezone(&chrono::Utc)).num_seconds())
        .unwrap_or(0)
        .max(0)
}

pub(super) fn work_item(s: &Suggestion) -> WorkItem {
    WorkItem {
        document_id: s.document_id.clone(),
        file_name: s.file_name.clone(),
        nhs_number: s.nhs_number.clone(),
        received_at: s.created_at.clone(),
        waiting_seconds: waiting_seconds(&s.created_at),
        suggested_urgency: s.suggested_urgency.clone(),
        suggested_pathway: s.suggested_pathway.clone(),
        confidence: s.confidence(),
        p_low_risk: s.p_low_risk,
        red_flags: s.red_flags.len(),
        routing_reason: s.routing_reason.clone(),
        status: s.status,
    }
}

/// `GET /api/triage`: letters awaiting review, longest waiting first, and the latest
/// decisions.
pub async fn worklist(State(state): State<AppState>) -> ApiResult<Json<Value>> {
    let items: Vec<WorkItem> = state
        .store
        .triage_suggestions(SuggestionStatus::AwaitingReview, 500)
        .await?
        .iter()
        .map(work_item)
        .collect();
    let decided = state.store.recently_decided(20).await?;
    Ok(Json(json!({"letters": items, "recently_decided": decided})))
}

/// `GET /api/triage/auto-routed`.
pub async fn auto_routed(State(state): State<AppState>) -> ApiResult<Json<Value>> {
    let items: Vec<WorkItem> = state
        .store
        .triage_suggestions(SuggestionStatus::AutoRouted, 500)
        .await?
        .iter()
        .map(work_item)
        .collect();
    Ok(Json(json!({"letters": items})))
}

pub(super) async fn load_suggestion(state: &AppState, id: &str) -> ApiResult<Suggestion> {
    state
        .store
        .triage_suggestion(id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no triage suggestion for document {id:?}")))
}

/// A letter's suggestion and text, audited as a view of the patient's letter.
pub(super) async fn view_letter(
    state: &AppState,
    me: &CurrentUser,
    id: &str,
) -> ApiResult<(Suggestion, String)> {
    let s = load_suggestion(state, id).await?;
    let text = state.store.document_text(id).await?;
    audit(
        state,
        NewAudit {
            nhs_number: s.nhs_number.as_deref(),
            document_id: Some(id),
            ..NewAudit::new(me.name(), AuditAction::ViewTriageLetter)
        },
    )
    .await?;
    Ok((s, text))
}

/// `GET /api/triage/{id}`.
pub async fn suggestion(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<Value>> {
    let (s, text) = view_letter(&state, &me, &id).await?;
    Ok(Json(json!({"suggestion": s, "text": text})))
}

/// Records an accept (labels `None`) or an override, with its audit line, in one
/// transaction ([`operations::decide_triage`]).
pub(super) async fn decide(
    state: &AppState,
    me: &CurrentUser,
    id: &str,
    labels: Option<(&str, &str, &str)>,
) -> ApiResult<Suggestion> {
    let decision = match labels {
        None => Decision::Accept,
        Some((urgency, pathway, reason)) => Decision::Override {
            urgency,
            pathway,
            reason,
        },
    };
    Ok(operations::decide_triage(&state.store, me.name(), id, decision).await?)
}

/// `POST /api/triage/{id}/accept`.
pub async fn accept(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<Suggestion>> {
    Ok(Json(decide(&state, &me, &id, None).await?))
}

#[derive(Debug, Deserialize)]
pub struct OverrideRequest {
    pub urgency: String,
    pub pathway: String,
    #[serde(default)]
    pub reason: String,
}

/// `POST /api/triage/{id}/override` with `{urgency, pathway, reason}`.
pub async fn override_json(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<OverrideRequest>,
) -> ApiResult<Json<Suggestion>> {
    let labels = (
        body.urgency.as_str(),
        body.pathway.as_str(),
        body.reason.as_str(),
    );
    Ok(Json(decide(&state, &me, &id, Some(labels)).await?))
}

/// Reviewed letters as JSON Lines in the format `paperlite train --data` reads. The text
/// is pseudonymised (identifiers replaced by typed placeholders) unless `identifiable`,
/// which only admins may ask for and which is audited as its own action.
pub(super) async fn labels_jsonl(
    state: &AppState,
    me: &CurrentUser,
    identifiable: bool,
) -> ApiResult<String> {
    let mut out = String::new();
    let reviewed = state.store.reviewed_suggestions().await?;
    for s in &reviewed {
        let (Some(u), Some(p)) = (&s.final_urgency, &s.final_pathway) else {
            continue;
        };
        let text = state.store.document_text(&s.document_id).await?;
        let text = if identifiable {
            text
        } else {
            crate::pseudonym::pseudonymise(&text)
        };
        let example = triage::Example {
            text,
            urgency: u.clone(),
            pathway: p.clone(),
            group: Some("reviewed".to_string()),
        };
        out.push_str(&serde_json::to_string(&example).map_err(ApiError::internal)?);
        out.push('\n');
    }
    let detail = format!(
        "{} letters, {}",
        reviewed.len(),
        if identifiable {
            "identifiable"
        } else {
            "pseudonymised"
        }
    );
    audit(
        state,
        NewAudit {
            detail: Some(&detail),
            ..NewAudit::new(
                me.name(),
                if identifiable {
                    AuditAction::ExportLabelsIdentifiable
                } else {
                    AuditAction::ExportLabels
                },
            )
        },
    )
    .await?;
    Ok(out)
}

/// `GET /api/triage/labels.jsonl` (pseudonymised).
pub async fn labels(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
) -> ApiResult<Response> {
    labels_response(&state, &me, false).await
}

/// `GET /api/triage/labels-identifiable.jsonl` (admins only, audited).
pub async fn labels_identifiable(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
) -> ApiResult<Response> {
    labels_response(&state, &me, true).await
}

async fn labels_response(
    state: &AppState,
    me: &CurrentUser,
    identifiable: bool,
) -> ApiResult<Response> {
    let body = labels_jsonl(state, me, identifiable).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/x-ndjson; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"triage-labels.jsonl\"",
            ),
        ],
        body,
    )
        .into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct AuditParams {
    pub user: Option<String>,
    /// An NHS number (spaces ignored): who saw this patient.
    pub patient: Option<String>,
    pub action: Option<String>,
    pub limit: Option<u32>,
}

pub(super) async fn audit_entries(
    state: &AppState,
    params: &AuditParams,
) -> ApiResult<Vec<AuditEntry>> {
    let user = params.user.as_deref().filter(|s| !s.is_empty());
    let action = params.action.as_deref().filter(|s| !s.is_empty());
    let patient: Option<String> = params
        .patient
        .as_deref()
        .map(|p| p.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|p| !p.is_empty());
    let limit = params.limit.unwrap_or(500).clamp(1, 100_000);
    Ok(state
        .store
        .audit_entries(user, action, patient.as_deref(), limit)
        .await?)
}

/// `GET /api/audit?user=&action=&patient=&limit=`.
pub async fn audit_log(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<AuditParams>,
) -> ApiResult<Json<Value>> {
    Ok(Json(
        json!({"entries": audit_entries(&state, &params).await?}),
    ))
}

/// A CSV field, quoted when needed, and defused when a spreadsheet would read it as a
/// formula.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// `GET /api/audit.csv`.
pub async fn audit_csv(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiQuery(mut params): ApiQuery<AuditParams>,
) -> ApiResult<Response> {
    params.limit = Some(params.limit.unwrap_or(100_000));
    let entries = audit_entries(&state, &params).await?;
    let mut out = String::from("at,username,action,nhs_number,document_id,page,detail\n");
    for e in &entries {
        let page = e.page_number.map(|p| p.to_string()).unwrap_or_default();
        let fields = [
            e.at.as_str(),
            &e.username,
            &e.action,
            e.nhs_number.as_deref().unwrap_or(""),
            e.document_id.as_deref().unwrap_or(""),
            &page,
            e.detail.as_deref().unwrap_or(""),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    audit(
        &state,
        NewAudit {
            ..NewAudit::new(me.name(), AuditAction::ExportAudit)
        },
    )
    .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"paperlite-audit.csv\"",
            ),
        ],
        out,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
    }
}
