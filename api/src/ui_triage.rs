//! The web UI for consultants (worklist, letter with red-flag evidence, accept/override,
//! auto-routed letters), data scientists (labels download) and admins (audit log).

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use maud::{html, Markup};
use serde::Deserialize;
use triage::{Pathway, Urgency};

use crate::auth::CurrentUser;
use crate::error::{ApiPath, ApiQuery, ApiResult};
use crate::html::{csrf_field, page, url};
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

/// A snake_case label as words (`two_week_wait` as "two week wait").
fn label(s: &str) -> String {
    s.replace('_', " ")
}

fn items_table(items: &[WorkItem]) -> Markup {
    html! {
        table {
            thead {
                tr {
                    th scope="col" { "Letter" }
                    th scope="col" { "Patient" }
                    th scope="col" { "Waiting" }
                    th scope="col" { "Suggested urgency" }
                    th scope="col" { "Pathway" }
                    th scope="col" title="The model's probability for the suggested urgency. \
                        The suggestion comes from the referral rules; the model does not decide \
                        and is not validated on letters from outside (see its model card)." {
                        "Model agrees"
                    }
                    th scope="col" { "Red flags" }
                }
            }
            tbody {
                @for i in items {
                    tr {
                        td {
                            a href={ "/ui/triage/" (url(&i.document_id)) } {
                                (i.file_name.as_deref().unwrap_or(&i.document_id))
                            }
                        }
                        td { (i.nhs_number.as_deref().unwrap_or("unknown")) }
                        td { (waited(i.waiting_seconds)) }
                        td { (label(&i.suggested_urgency)) }
                        td { (label(&i.suggested_pathway)) }
                        td { (format!("{:.0}%", i.confidence * 100.0)) }
                        td { (i.red_flags) }
                    }
                }
                @if items.is_empty() {
                    tr { td colspan="7" { "No letters." } }
                }
            }
        }
    }
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
) -> ApiResult<Markup> {
    let items = list(&state, SuggestionStatus::AwaitingReview).await?;
    let decided = state.store.recently_decided(20).await?;
    let body = html! {
        p { (items.len()) " letters await review, longest waiting first." }
        (items_table(&items))
        h2 { "Recently decided" }
        table {
            thead {
                tr {
                    th scope="col" { "Letter" }
                    th scope="col" { "Patient" }
                    th scope="col" { "Decision" }
                    th scope="col" { "Suggested" }
                    th scope="col" { "Final" }
                    th scope="col" { "By" }
                    th scope="col" { "Reason" }
                }
            }
            tbody {
                @for s in &decided {
                    tr {
                        td {
                            a href={ "/ui/triage/" (url(&s.document_id)) } {
                                (s.file_name.as_deref().unwrap_or(&s.document_id))
                            }
                        }
                        td { (s.nhs_number.as_deref().unwrap_or("unknown")) }
                        td { (label(s.status.as_str())) }
                        td { (label(&s.suggested_urgency)) " / " (label(&s.suggested_pathway)) }
                        td {
                            (label(s.final_urgency.as_deref().unwrap_or(""))) " / "
                            (label(s.final_pathway.as_deref().unwrap_or("")))
                        }
                        td { (s.reviewer.as_deref().unwrap_or("")) }
                        td { (s.reason.as_deref().unwrap_or("")) }
                    }
                }
                @if decided.is_empty() {
                    tr { td colspan="7" { "No decisions yet." } }
                }
            }
        }
    };
    Ok(page("Triage worklist", Some(&me), body))
}

/// `GET /ui/triage/auto-routed`.
pub async fn auto_routed_page(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
) -> ApiResult<Markup> {
    let items = list(&state, SuggestionStatus::AutoRouted).await?;
    let body = html! {
        p {
            "Letters the routing policy sent on without review (low-risk probability above \
             the model's threshold and no red flag). Open one to spot-check it."
        }
        (items_table(&items))
    };
    Ok(page("Auto-routed letters", Some(&me), body))
}

/// The letter's text with each red flag's evidence marked.
fn highlight_flags(text: &str, flags: &[StoredFlag]) -> Markup {
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
    // Plain text before each kept span, then the span; overlapping spans are dropped.
    let mut pieces: Vec<(&str, Option<(&str, &str)>)> = Vec::new();
    let mut at = 0;
    for (start, end, rule) in spans {
        if start < at {
            continue; // overlaps the previous span
        }
        pieces.push((&text[at..start], Some((rule, &text[start..end]))));
        at = end;
    }
    pieces.push((&text[at..], None));
    html! {
        @for (plain, flag) in pieces {
            (plain)
            @if let Some((rule, evidence)) = flag {
                mark class="flag" title={ "red flag " (rule) } {
                    (evidence)
                    span class="skip" { " (red flag " (rule) ")" }
                }
            }
        }
    }
}

fn probabilities(title: &str, probs: &[(String, f64)]) -> Markup {
    html! {
        table {
            caption { (title) }
            thead {
                tr {
                    th scope="col" { "Label" }
                    th scope="col" { "Probability" }
                }
            }
            tbody {
                @for (l, p) in probs {
                    tr {
                        td { (label(l)) }
                        td { (format!("{:.1}%", p * 100.0)) }
                    }
                }
            }
        }
    }
}

fn select<T: Copy>(id: &str, all: &[T], name: fn(T) -> &'static str, selected: &str) -> Markup {
    html! {
        select id=(id) name=(id) required {
            @for v in all {
                @let n = name(*v);
                option value=(n) selected[n == selected] { (label(n)) }
            }
        }
    }
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
    let letter_url = url(&id);
    let body = html! {
        p {
            (s.file_name.as_deref().unwrap_or(&s.document_id)) " · patient "
            (s.nhs_number.as_deref().unwrap_or("unknown")) " · model " (s.model)
        }
        @match (s.status, &s.reviewer) {
            (SuggestionStatus::AwaitingReview, _) => {}
            (status, Some(r)) => {
                p role="status" {
                    strong { (label(status.as_str())) }
                    " by " (r) " on " (s.decided_at.as_deref().unwrap_or("")) ": "
                    (label(s.final_urgency.as_deref().unwrap_or(""))) " / "
                    (label(s.final_pathway.as_deref().unwrap_or("")))
                    @if let Some(reason) = &s.reason {
                        " (" (reason) ")"
                    }
                }
            }
            (status, None) => {
                p role="status" { strong { (label(status.as_str())) } }
            }
        }
        p {
            "Suggested: " strong { (label(&s.suggested_urgency)) }
            ", pathway " strong { (label(&s.suggested_pathway)) }
            " (from the referral rules; the model, which does not decide, puts "
            (format!("{:.0}%", s.confidence() * 100.0))
            " on this urgency). Routing: " (s.routing_reason) "."
        }
        div class="side" {
            div {
                h2 { "Letter" }
                pre class="letter" { (highlight_flags(&text, &s.red_flags)) }
            }
            div {
                @if s.red_flags.is_empty() {
                    p { "No red flag found by the rule checker." }
                } @else {
                    h2 { "Red flags" }
                    ul {
                        @for f in &s.red_flags {
                            li { (f.rule) ": “" (f.text) "”" }
                        }
                    }
                }
                (probabilities("Urgency probabilities", &s.urgency_probabilities))
                (probabilities("Pathway probabilities", &s.pathway_probabilities))
                h2 { "Decision" }
                form method="post" action={ "/ui/triage/" (letter_url) "/accept" } {
                    (csrf_field(&me))
                    button type="submit" { "Accept suggestion" }
                }
                form method="post" action={ "/ui/triage/" (letter_url) "/override" } {
                    (csrf_field(&me))
                    label for="urgency" { "Urgency" }
                    (select("urgency", &Urgency::ALL, Urgency::as_str, &s.suggested_urgency))
                    label for="pathway" { "Pathway" }
                    (select("pathway", &Pathway::ALL, Pathway::as_str, &s.suggested_pathway))
                    label for="reason" { "Reason for the override" }
                    textarea id="reason" name="reason" rows="3" required style="width:100%" {}
                    p { button type="submit" { "Override" } }
                }
            }
        }
    };
    page("Referral letter", Some(&me), body).into_response()
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
) -> ApiResult<Markup> {
    let n = state.store.reviewed_suggestions().await?.len();
    let body = html! {
        p {
            (n) " letters have been accepted or overridden by a consultant. Download them as \
            JSON Lines and train on them with "
            code { "paperlite train --data triage-labels.jsonl --out models/NAME" } "."
        }
        p {
            "Names, dates of birth, NHS numbers, addresses and other identifiers in the \
            letters are replaced by typed placeholders such as "
            code { "[NAME]" } " and " code { "[NHS_NUMBER]" } "."
        }
        p { a href="/api/triage/labels.jsonl" download { "Download triage-labels.jsonl" } }
        p {
            "The identifiable text is an admin's export ("
            code { "/api/triage/labels-identifiable.jsonl" }
            "), recorded in the audit log."
        }
    };
    Ok(page("Triage labels", Some(&me), body))
}

/// `GET /ui/audit`.
pub async fn audit_page(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiQuery(params): ApiQuery<AuditParams>,
) -> ApiResult<Markup> {
    let entries = triage_api::audit_entries(&state, &params).await?;
    let body = html! {
        form method="get" action="/ui/audit" {
            div class="side" {
                div {
                    label for="user" { "User" }
                    input id="user" name="user" value=(params.user.as_deref().unwrap_or(""));
                }
                div {
                    label for="action" { "Action" }
                    input id="action" name="action" value=(params.action.as_deref().unwrap_or(""));
                }
                div {
                    label for="patient" { "Patient (NHS number)" }
                    input id="patient" name="patient" value=(params.patient.as_deref().unwrap_or(""));
                }
            }
            p {
                button type="submit" { "Filter" }
                " "
                a href="/api/audit.csv" { "Export all as CSV" }
            }
        }
        table {
            thead {
                tr {
                    th scope="col" { "Time" }
                    th scope="col" { "User" }
                    th scope="col" { "Action" }
                    th scope="col" { "Patient" }
                    th scope="col" { "Document" }
                    th scope="col" { "Page" }
                    th scope="col" { "Detail" }
                }
            }
            tbody {
                @for e in &entries {
                    tr {
                        td { (e.at) }
                        td { (e.username) }
                        td { (e.action) }
                        td { (e.nhs_number.as_deref().unwrap_or("")) }
                        td { (e.document_id.as_deref().map_or(String::new(), |d| d.chars().take(12).collect())) }
                        td { @if let Some(p) = e.page_number { (p) } }
                        td { (e.detail.as_deref().unwrap_or("")) }
                    }
                }
            }
        }
    };
    Ok(page("Audit log", Some(&me), body))
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
        let html = highlight_flags(text, &flags).into_string();
        assert!(
            html.starts_with("Hb &lt;90 and <mark class=\"flag\""),
            "{html}"
        );
        assert!(html.contains(">dysphagia<"));
        assert!(html.ends_with("</mark>."));
    }
}
