//! The web UI for consultants (worklist, letter with red-flag evidence, accept/override,
//! auto-routed letters), data scientists (labels download) and admins (audit log).

use std::fmt::Write as _;

use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use triage::{Pathway, Urgency};

use crate::auth::CurrentUser;
use crate::error::{ApiPath, ApiQuery, ApiResult};
use crate::html::{csrf_field, esc, page, url};
use crate::triage_api::{self, AuditParams, WorkItem};
use crate::ui::error_page;
use crate::AppState;
use service::suggestions::{StoredFlag, SuggestionStatus};

fn waited(secs: i64) -> String {
    match secs {
        s if s < 3600 => format!("{} min", s / 60),
        s if s < 86_400 => format!("{} h", s / 3600),
        s => format!("{} days", s / 86_400),
    }
}

fn label(s: &str) -> String {
    esc(&s.replace('_', " "))
}

fn items_table(items: &[WorkItem]) -> String {
    let mut body = String::from(
        "<table><thead><tr><th scope=\"col\">Letter</th><th scope=\"col\">Patient</th>\
         <th scope=\"col\">Waiting</th><th scope=\"col\">Suggested urgency</th>\
         <th scope=\"col\">Pathway</th><th scope=\"col\" title=\"The model's probability for the \
         suggested urgency. The suggestion comes from the referral rules; the model does not \
         decide and is not validated on letters from outside (see its model card).\">Model \
         agrees</th>\
         <th scope=\"col\">Red flags</th></tr></thead><tbody>",
    );
    for i in items {
        let _ = write!(
            body,
            "<tr><td><a href=\"/ui/triage/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td>\
             <td>{}</td><td>{:.0}%</td><td>{}</td></tr>",
            url(&i.document_id),
            esc(i.file_name.as_deref().unwrap_or(&i.document_id)),
            esc(i.nhs_number.as_deref().unwrap_or("unknown")),
            waited(i.waiting_seconds),
            label(&i.suggested_urgency),
            label(&i.suggested_pathway),
            i.confidence * 100.0,
            i.red_flags
        );
    }
    if items.is_empty() {
        body.push_str("<tr><td colspan=\"7\">No letters.</td></tr>");
    }
    body.push_str("</tbody></table>");
    body
}

async fn list(state: &AppState, status: SuggestionStatus) -> ApiResult<Vec<WorkItem>> {
    Ok(state
        .store
        .triage_suggestions(status, 500)
        .await?
        .iter()
        .map(triage_api::work_item)
        .collect())
}

/// `GET /ui/triage`.
pub async fn worklist_page(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
) -> ApiResult<Html<String>> {
    let items = list(&state, SuggestionStatus::AwaitingReview).await?;
    let mut body = format!(
        "<p>{} letters await review, longest waiting first.</p>{}\
         <h2>Recently decided</h2><table><thead><tr><th scope=\"col\">Letter</th>\
         <th scope=\"col\">Patient</th><th scope=\"col\">Decision</th>\
         <th scope=\"col\">Suggested</th><th scope=\"col\">Final</th>\
         <th scope=\"col\">By</th><th scope=\"col\">Reason</th></tr></thead><tbody>",
        items.len(),
        items_table(&items)
    );
    let decided = state.store.recently_decided(20).await?;
    for s in &decided {
        let _ = write!(
            body,
            "<tr><td><a href=\"/ui/triage/{}\">{}</a></td><td>{}</td><td>{}</td>\
             <td>{} / {}</td><td>{} / {}</td><td>{}</td><td>{}</td></tr>",
            url(&s.document_id),
            esc(s.file_name.as_deref().unwrap_or(&s.document_id)),
            esc(s.nhs_number.as_deref().unwrap_or("unknown")),
            label(s.status.as_str()),
            label(&s.suggested_urgency),
            label(&s.suggested_pathway),
            label(s.final_urgency.as_deref().unwrap_or("")),
            label(s.final_pathway.as_deref().unwrap_or("")),
            esc(s.reviewer.as_deref().unwrap_or("")),
            esc(s.reason.as_deref().unwrap_or(""))
        );
    }
    if decided.is_empty() {
        body.push_str("<tr><td colspan=\"7\">No decisions yet.</td></tr>");
    }
    body.push_str("</tbody></table>");
    Ok(page("Triage worklist", Some(&me), &body))
}

/// `GET /ui/triage/auto-routed`.
pub async fn auto_routed_page(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
) -> ApiResult<Html<String>> {
    let items = list(&state, SuggestionStatus::AutoRouted).await?;
    let body = format!(
        "<p>Letters the routing policy sent on without review (low-risk probability above \
         the model's threshold and no red flag). Open one to spot-check it.</p>{}",
        items_table(&items)
    );
    Ok(page("Auto-routed letters", Some(&me), &body))
}

/// The letter's text with each red flag's evidence marked.
fn highlight_flags(text: &str, flags: &[StoredFlag]) -> String {
    let mut spans: Vec<(usize, usize, &str)> = flags
        .iter()
        .filter(|f| {
            f.start < f.end
                && f.end <= text.len()
                && text.is_char_boundary(f.start)
                && text.is_char_boundary(f.end)
        })
        .map(|f| (f.start, f.end, f.rule.as_str()))
        .collect();
    spans.sort();
    let mut out = String::new();
    let mut at = 0;
    for (start, end, rule) in spans {
        if start < at {
            continue; // overlaps the previous span
        }
        out.push_str(&esc(&text[at..start]));
        let _ = write!(
            out,
            "<mark class=\"flag\" title=\"red flag {0}\">{1}<span class=\"skip\"> (red flag {0})</span></mark>",
            esc(rule),
            esc(&text[start..end])
        );
        at = end;
    }
    out.push_str(&esc(&text[at..]));
    out
}

fn probabilities(title: &str, probs: &[(String, f64)]) -> String {
    let mut t = format!(
        "<table><caption>{}</caption><thead><tr><th scope=\"col\">Label</th>\
         <th scope=\"col\">Probability</th></tr></thead><tbody>",
        esc(title)
    );
    for (l, p) in probs {
        let _ = write!(
            t,
            "<tr><td>{}</td><td>{:.1}%</td></tr>",
            label(l),
            p * 100.0
        );
    }
    t.push_str("</tbody></table>");
    t
}

fn select<T: Copy>(id: &str, all: &[T], name: fn(T) -> &'static str, selected: &str) -> String {
    let mut s = format!("<select id=\"{id}\" name=\"{id}\" required>");
    for v in all {
        let n = name(*v);
        let _ = write!(
            s,
            "<option value=\"{n}\"{}>{}</option>",
            if n == selected { " selected" } else { "" },
            label(n)
        );
    }
    s.push_str("</select>");
    s
}

/// `GET /ui/triage/{id}`.
pub async fn letter_page(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiPath(id): ApiPath<String>,
) -> Response {
    let (s, text) = match triage_api::view_letter(&state, &me, &id).await {
        Ok(x) => x,
        Err(e) => return error_page(Some(&me), e),
    };
    let flags = if s.red_flags.is_empty() {
        "<p>No red flag found by the rule checker.</p>".to_string()
    } else {
        let items: String = s
            .red_flags
            .iter()
            .map(|f| format!("<li>{}: &ldquo;{}&rdquo;</li>", esc(&f.rule), esc(&f.text)))
            .collect();
        format!("<h2>Red flags</h2><ul>{items}</ul>")
    };
    let decided = match (s.status, &s.reviewer) {
        (SuggestionStatus::AwaitingReview, _) => String::new(),
        (status, Some(r)) => format!(
            "<p role=\"status\"><strong>{}</strong> by {} on {}: {} / {}{}</p>",
            label(status.as_str()),
            esc(r),
            esc(s.decided_at.as_deref().unwrap_or("")),
            label(s.final_urgency.as_deref().unwrap_or("")),
            label(s.final_pathway.as_deref().unwrap_or("")),
            s.reason
                .as_deref()
                .map(|r| format!(" ({})", esc(r)))
                .unwrap_or_default()
        ),
        (status, None) => format!(
            "<p role=\"status\"><strong>{}</strong></p>",
            label(status.as_str())
        ),
    };
    let body = format!(
        "<p>{} &middot; patient {} &middot; model {}</p>{decided}\
         <p>Suggested: <strong>{}</strong>, pathway <strong>{}</strong> \
         (from the referral rules; the model, which does not decide, puts {:.0}% on this \
         urgency). Routing: {}.</p>\
         <div class=\"side\"><div><h2>Letter</h2><pre class=\"letter\">{}</pre></div>\
         <div>{flags}{}{}\
         <h2>Decision</h2>\
         <form method=\"post\" action=\"/ui/triage/{}/accept\">{}\
         <button type=\"submit\">Accept suggestion</button></form>\
         <form method=\"post\" action=\"/ui/triage/{}/override\">{}\
         <label for=\"urgency\">Urgency</label>{}\
         <label for=\"pathway\">Pathway</label>{}\
         <label for=\"reason\">Reason for the override</label>\
         <textarea id=\"reason\" name=\"reason\" rows=\"3\" required style=\"width:100%\"></textarea>\
         <p><button type=\"submit\">Override</button></p></form></div></div>",
        esc(s.file_name.as_deref().unwrap_or(&s.document_id)),
        esc(s.nhs_number.as_deref().unwrap_or("unknown")),
        esc(&s.model),
        label(&s.suggested_urgency),
        label(&s.suggested_pathway),
        s.confidence() * 100.0,
        esc(&s.routing_reason),
        highlight_flags(&text, &s.red_flags),
        probabilities("Urgency probabilities", &s.urgency_probabilities),
        probabilities("Pathway probabilities", &s.pathway_probabilities),
        url(&id),
        csrf_field(&me),
        url(&id),
        csrf_field(&me),
        select("urgency", &Urgency::ALL, Urgency::as_str, &s.suggested_urgency),
        select("pathway", &Pathway::ALL, Pathway::as_str, &s.suggested_pathway),
    );
    page("Referral letter", Some(&me), &body).into_response()
}

/// `POST /ui/triage/{id}/accept`.
pub async fn accept_form(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiPath(id): ApiPath<String>,
) -> Response {
    match triage_api::decide(&state, &me, &id, None).await {
        Ok(_) => Redirect::to("/ui/triage").into_response(),
        Err(e) => error_page(Some(&me), e),
    }
}

#[derive(Debug, Deserialize)]
pub struct OverrideForm {
    pub urgency: String,
    pub pathway: String,
    #[serde(default)]
    pub reason: String,
}

/// `POST /ui/triage/{id}/override`.
pub async fn override_form(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiPath(id): ApiPath<String>,
    Form(f): Form<OverrideForm>,
) -> Response {
    let labels = (f.urgency.as_str(), f.pathway.as_str(), f.reason.as_str());
    match triage_api::decide(&state, &me, &id, Some(labels)).await {
        Ok(_) => Redirect::to("/ui/triage").into_response(),
        Err(e) => {
            let back = format!("/ui/triage/{}", url(&id));
            let typed = [("reason".to_string(), f.reason)];
            crate::ui::refusal_page(Some(&me), &e, &back, &typed)
        }
    }
}

/// `GET /ui/labels`.
pub async fn labels_page(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
) -> ApiResult<Html<String>> {
    let n = state.store.reviewed_suggestions().await?.len();
    let body = format!(
        "<p>{n} letters have been accepted or overridden by a consultant. Download them as \
         JSON Lines and train on them with <code>paperlite train --data triage-labels.jsonl \
         --out models/NAME</code>.</p><p>Names, dates of birth, NHS numbers, addresses and \
         other identifiers in the letters are replaced by typed placeholders such as \
         <code>[NAME]</code> and <code>[NHS_NUMBER]</code>.</p><p><a href=\"/api/triage/labels.jsonl\" \
         download>Download triage-labels.jsonl</a></p><p>The identifiable text is an \
         admin's export (<code>/api/triage/labels-identifiable.jsonl</code>), recorded in the \
         audit log.</p>"
    );
    Ok(page("Triage labels", Some(&me), &body))
}

/// `GET /ui/audit`.
pub async fn audit_page(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiQuery(params): ApiQuery<AuditParams>,
) -> ApiResult<Html<String>> {
    let entries = triage_api::audit_entries(&state, &params).await?;
    let mut body = format!(
        "<form method=\"get\" action=\"/ui/audit\"><div class=\"side\">\
         <div><label for=\"user\">User</label><input id=\"user\" name=\"user\" value=\"{}\"></div>\
         <div><label for=\"action\">Action</label><input id=\"action\" name=\"action\" value=\"{}\"></div>\
         <div><label for=\"patient\">Patient (NHS number)</label><input id=\"patient\" name=\"patient\" value=\"{}\"></div></div>\
         <p><button type=\"submit\">Filter</button> <a href=\"/api/audit.csv\">Export all as CSV</a></p></form>\
         <table><thead><tr><th scope=\"col\">Time</th><th scope=\"col\">User</th><th scope=\"col\">Action</th>\
         <th scope=\"col\">Patient</th><th scope=\"col\">Document</th><th scope=\"col\">Page</th>\
         <th scope=\"col\">Detail</th></tr></thead><tbody>",
        esc(params.user.as_deref().unwrap_or("")),
        esc(params.action.as_deref().unwrap_or("")),
        esc(params.patient.as_deref().unwrap_or(""))
    );
    for e in &entries {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&e.at),
            esc(&e.username),
            esc(&e.action),
            esc(e.nhs_number.as_deref().unwrap_or("")),
            esc(e.document_id.as_deref().map_or("", |d| &d[..d.len().min(12)])),
            e.page_number.map(|p| p.to_string()).unwrap_or_default(),
            esc(e.detail.as_deref().unwrap_or(""))
        );
    }
    body.push_str("</tbody></table>");
    Ok(page("Audit log", Some(&me), &body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn red_flags_are_marked_and_text_escaped() {
        let text = "Hb <90 and dysphagia.";
        let flags = vec![StoredFlag {
            rule: "U1".into(),
            start: 11,
            end: 20,
            text: "dysphagia".into(),
        }];
        let html = highlight_flags(text, &flags);
        assert!(
            html.starts_with("Hb &lt;90 and <mark class=\"flag\""),
            "{html}"
        );
        assert!(html.contains(">dysphagia<"));
        assert!(html.ends_with("</mark>."));
    }
}
