//! The web UI for records staff and clinicians (server-rendered HTML): login, upload and
//! batch progress, the QA queue with page image beside OCR text, search and the document
//! viewer. Triage and admin pages are in `ui_triage`.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use maud::{html, Markup};
use serde::Deserialize;

use crate::api::{self, SearchParams};
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiPath, ApiQuery, ApiResult};
use crate::html::{csrf_field, page, url};
use crate::AppState;
use service::accounts::Role;
use service::audit::{AuditAction, NewAudit};
use service::jobs::JobStatus;
use service::uploads::UploadState;

/// An error shown as a page, with a way back to the start page.
pub(super) fn error_page(me: Option<&CurrentUser>, e: ApiError) -> Response {
    refusal_page(me, &e, "/", &[])
}

/// An error page with a link back to `back` and, when a form was refused, what the user
/// typed in it (to copy into the form again).
pub(super) fn refusal_page(
    me: Option<&CurrentUser>,
    e: &ApiError,
    back: &str,
    typed: &[(String, String)],
) -> Response {
    let typed: Vec<&(String, String)> = typed.iter().filter(|(_, v)| !v.is_empty()).collect();
    let label = if back == "/" {
        "Back to the start page"
    } else {
        "Back"
    };
    let body = html! {
        p class="error" role="alert" { (e.message) }
        @if !typed.is_empty() {
            h2 { "What you typed" }
            @for (i, (name, value)) in typed.iter().enumerate() {
                label for={ "typed" (i) } { (name) }
                textarea id={ "typed" (i) } readonly rows="6" style="width:100%" { (value) }
            }
        }
        p { a href=(back) { (label) } }
    };
    let title = match e.status.as_u16() {
        401 => "Please log in again",
        403 => "Not allowed",
        404 => "Not found",
        405 => "Not available",
        _ => "Something is wrong",
    };
    let mut r = page(title, me, body).into_response();
    *r.status_mut() = e.status;
    if let Some(allow) = e.allow.as_deref() {
        if let Ok(v) = axum::http::HeaderValue::from_str(allow) {
            r.headers_mut().insert(axum::http::header::ALLOW, v);
        }
    }
    r
}

/// Where a page refused at `path` should lead back to: the page itself when it can be
/// opened (the form it came from), else its parent (`/ui/triage/X/accept` leads to
/// `/ui/triage/X`), else the start page.
pub(super) fn back_path(routes: &crate::routes::RouteList, path: &str) -> String {
    let mut candidate = path.trim_end_matches('/');
    while !candidate.is_empty() {
        if routes.has_get(candidate) && candidate != "/logout" {
            return candidate.to_string();
        }
        candidate = candidate.rsplit_once('/').map_or("", |(parent, _)| parent);
    }
    "/".to_string()
}

/// The login page, with an optional error.
pub fn login_html(error: Option<&str>) -> Markup {
    let body = html! {
        @if let Some(e) = error {
            p class="error" role="alert" { (e) }
        }
        form method="post" action="/login" {
            label for="username" { "Username" }
            input id="username" name="username" autocomplete="username" required autofocus;
            label for="password" { "Password" }
            input id="password" name="password" type="password" autocomplete="current-password" required;
            p { button type="submit" { "Log in" } }
        }
    };
    page("Log in", None, body)
}

/// `GET /login`.
pub async fn login_page() -> Markup {
    login_html(None)
}

/// `GET /`: each role's start page.
pub async fn home(Extension(me): Extension<CurrentUser>) -> Redirect {
    Redirect::to(match me.user.role {
        Role::RecordsStaff => "/ui/upload",
        Role::Clinician => "/ui/search",
        Role::Consultant => "/ui/triage",
        Role::DataScientist => "/ui/labels",
        Role::Admin => "/ui/audit",
    })
}

/// `GET /ui/upload`.
pub async fn upload_page(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
) -> ApiResult<Markup> {
    let batches = state.store.batches(20).await?;
    let body = html! {
        form method="post" enctype="multipart/form-data"
            action={ "/ui/upload?csrf_token=" (url(me.csrf())) } {
            label for="files" { "Scans (PDF, TIFF, PNG or JPEG; choose several)" }
            input id="files" name="files" type="file" multiple required
                accept=".pdf,.tif,.tiff,.png,.jpg,.jpeg";
            p { button type="submit" { "Upload batch" } }
        }
        h2 { "Recent batches" }
        table {
            thead {
                tr {
                    th scope="col" { "Batch" }
                    th scope="col" { "Uploaded" }
                    th scope="col" { "By" }
                    th scope="col" { "Files" }
                }
            }
            tbody {
                @for b in &batches {
                    tr {
                        td { a href={ "/ui/batches/" (url(&b.id)) } { (b.id) } }
                        td { (b.created_at) }
                        td { (b.created_by) }
                        td { (b.file_count) }
                    }
                }
            }
        }
    };
    Ok(page("Upload scans", Some(&me), body))
}

/// `POST /ui/upload` (multipart; the CSRF token is in the query string).
pub async fn upload_form(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let result = async {
        let files = api::read_files(&state, &headers, multipart).await?;
        api::create_batch(&state, &me, files).await
    }
    .await;
    match result {
        Ok((id, _)) => Redirect::to(&format!("/ui/batches/{}", url(&id))).into_response(),
        Err(e) => error_page(Some(&me), e),
    }
}

/// `GET /ui/batches/{id}`: progress, refreshing itself until the batch is finished.
pub async fn batch_page(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiPath(id): ApiPath<String>,
) -> Response {
    let p = match api::progress(&state, &id).await {
        Ok(p) => p,
        Err(e) => return error_page(Some(&me), e),
    };
    let body = html! {
        @if !p.finished {
            meta http-equiv="refresh" content="3";
        }
        @if p.upload.state == UploadState::CutShort {
            p class="error" role="alert" {
                "The upload was cut short: " (p.upload.received) " of its " (p.upload.expected)
                " files arrived. Upload the missing files again."
            }
        }
        p role="status" {
            (p.files) " files: " (p.queued) " queued, " (p.running) " running, " (p.done)
            " done, " (p.failed) " failed"
            @if p.finished { "; finished" } @else { "; this page refreshes itself" }
            "."
        }
        table {
            thead {
                tr {
                    th scope="col" { "File" }
                    th scope="col" { "Status" }
                    th scope="col" { "Details" }
                }
            }
            tbody {
                @for j in &p.file_jobs {
                    @let name = j.file_name.as_deref().unwrap_or("?");
                    tr {
                        td {
                            @match (&j.document_id, j.status) {
                                (Some(d), JobStatus::Done) => {
                                    a href={ "/ui/documents/" (url(d)) } { (name) }
                                }
                                _ => (name),
                            }
                        }
                        td { (j.status.as_str()) }
                        td {
                            @match (j.status, &j.error, &j.note) {
                                (JobStatus::Failed, Some(e), _) => { span class="error" { (e) } }
                                (_, _, Some(n)) => (n),
                                (_, Some(e), _) => { "retrying after: " (e) }
                                _ => {}
                            }
                        }
                    }
                }
            }
        }
        @if !p.triage_jobs.is_empty() {
            p { (p.triage_jobs.len()) " referral letters sent to triage." }
        }
    };
    page(&format!("Batch {}", p.batch_id), Some(&me), body).into_response()
}

/// `GET /ui/qa`.
pub async fn qa_page(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
) -> ApiResult<Markup> {
    let items = state.store.review_queue(200).await?;
    let held = state.store.numbers_to_confirm(200).await?;
    let body = html! {
        @if !held.is_empty() {
            h2 { "NHS numbers to confirm" }
            p {
                "Read from the scan, but not surely enough to file the document under them: "
                "check each against the page and save it (or the right one)."
            }
            table {
                thead {
                    tr {
                        th scope="col" { "File" }
                        th scope="col" { "Number read" }
                        th scope="col" { "Confidence" }
                        th scope="col" { "Type" }
                    }
                }
                tbody {
                    @for h in &held {
                        tr {
                            td { a href={ "/ui/documents/" (url(&h.document_id)) } { (h.file_name) } }
                            td { (h.nhs_number_read) }
                            td { (h.confidence.map_or("-".to_string(), |c| format!("{c:.0}"))) }
                            td { (h.document_type.as_deref().unwrap_or("-")) }
                        }
                    }
                }
            }
            h2 { "Pages to check" }
        }
        p { "Pages whose OCR confidence is low, least confident first." }
        table {
            thead {
                tr {
                    th scope="col" { "File" }
                    th scope="col" { "Page" }
                    th scope="col" { "Patient" }
                    th scope="col" { "Confidence" }
                    th scope="col" { "Words" }
                }
            }
            tbody {
                @for i in &items {
                    tr {
                        td {
                            a href={ "/ui/qa/" (url(&i.document_id)) "/" (i.page_number) } {
                                (i.file_name)
                            }
                        }
                        td { (i.page_number) }
                        td { (i.nhs_number.as_deref().unwrap_or("unknown")) }
                        td {
                            (format!("{:.0}%", i.mean_confidence))
                            @if let Some(r) = &i.reason {
                                br;
                                strong { (r) }
                            }
                        }
                        td { (i.word_count) }
                    }
                }
                @if items.is_empty() {
                    tr { td colspan="5" { "No pages need review." } }
                }
            }
        }
    };
    Ok(page("QA queue", Some(&me), body))
}

/// `GET /ui/qa/{id}/{n}`: the page image beside its text, low-confidence words marked.
pub async fn qa_page_edit(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiPath((id, n)): ApiPath<(String, u32)>,
) -> Response {
    let (doc, p) = match api::load_page(&state, &id, n).await {
        Ok(x) => x,
        Err(e) => return error_page(Some(&me), e),
    };
    if let Err(e) = state
        .store
        .audit(&NewAudit {
            nhs_number: doc.nhs_number.as_deref(),
            document_id: Some(&id),
            page_number: Some(n),
            detail: Some("qa"),
            ..NewAudit::new(me.name(), AuditAction::ViewPage)
        })
        .await
    {
        return error_page(Some(&me), e.into());
    }
    let low = state.config.qa_low_confidence;
    let words = api::words(&p);
    let body = html! {
        p {
            (doc.file_name) " page " (n) "; mean confidence "
            (format!("{:.0}%", p.mean_confidence))
            ". Words read with low confidence are "
            span class="lowconf" { "marked" }
            "."
        }
        div class="side" {
            div {
                img class="page-img" src={ "/api/documents/" (url(&id)) "/pages/" (n) "/image" }
                    alt={ "Scan of page " (n) " of " (doc.file_name) };
            }
            div {
                h2 { "OCR words" }
                p {
                    @for (k, w) in words.iter().enumerate() {
                        @if k > 0 { " " }
                        @if w.confidence < low {
                            span class="lowconf" title=(format!("confidence {:.0}%", w.confidence)) {
                                (w.text)
                            }
                        } @else {
                            (w.text)
                        }
                    }
                }
                form method="post" action={ "/ui/qa/" (url(&id)) "/" (n) } {
                    (csrf_field(&me))
                    label for="text" { "Corrected text" }
                    textarea id="text" name="text" rows="20" style="width:100%" { (p.text) }
                    p { button type="submit" { "Save correction" } }
                }
            }
        }
    };
    page("Check a page", Some(&me), body).into_response()
}

/// Records staff's form to correct a document's fields; a held NHS number is filled in, to
/// be confirmed (or replaced) against the page.
fn fields_form(me: &CurrentUser, doc: &service::DocumentRecord) -> Markup {
    let number = doc
        .nhs_number
        .as_deref()
        .or(doc.nhs_number_to_confirm.as_deref())
        .unwrap_or("");
    let date = |d: Option<chrono::NaiveDate>| d.map_or(String::new(), |d| d.to_string());
    let current = doc.document_type.map_or("", |t| t.as_str());
    html! {
        details open[doc.nhs_number.is_none()] {
            summary { "Correct this document's details" }
            form method="post" action={ "/ui/documents/" (url(&doc.id)) "/fields" } {
                (csrf_field(me))
                div class="side" {
                    div {
                        label for="nhs_number" { "NHS number" }
                        input id="nhs_number" name="nhs_number" value=(number) inputmode="numeric";
                    }
                    div {
                        label for="date_of_birth" { "Date of birth (YYYY-MM-DD)" }
                        input id="date_of_birth" name="date_of_birth" value=(date(doc.date_of_birth));
                    }
                    div {
                        label for="letter_date" { "Letter date (YYYY-MM-DD)" }
                        input id="letter_date" name="letter_date" value=(date(doc.letter_date));
                    }
                    div {
                        label for="document_type" { "Type" }
                        select id="document_type" name="document_type" {
                            @for t in types::DocumentType::ALL {
                                option value=(t.as_str()) selected[current == t.as_str()] { (t.as_str()) }
                            }
                        }
                    }
                }
                p { button type="submit" { "Save" } }
            }
        }
    }
}

/// `POST /ui/documents/{id}/fields`.
pub async fn fields_save(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiPath(id): ApiPath<String>,
    Form(form): Form<api::FieldsCorrection>,
) -> Response {
    let document_page = format!("/ui/documents/{}", url(&id));
    match api::save_fields(&state, &me, &id, &form).await {
        Ok(_) => Redirect::to(&document_page).into_response(),
        Err(e) => refusal_page(Some(&me), &e, &document_page, &[]),
    }
}

#[derive(Debug, Deserialize)]
pub struct CorrectionForm {
    pub text: String,
}

/// `POST /ui/qa/{id}/{n}`.
pub async fn qa_save(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiPath((id, n)): ApiPath<(String, u32)>,
    Form(form): Form<CorrectionForm>,
) -> Response {
    match api::save_correction(&state, &me, &id, n, &form.text).await {
        Ok(()) => Redirect::to("/ui/qa").into_response(),
        Err(e) => {
            let back = format!("/ui/qa/{}/{n}", url(&id));
            refusal_page(Some(&me), &e, &back, &[("text".to_string(), form.text)])
        }
    }
}

fn search_form(p: &SearchParams) -> Markup {
    let v = |s: &Option<String>| s.clone().unwrap_or_default();
    let selected = p.document_type.as_deref().unwrap_or("");
    let types = [
        ("", "Any type"),
        ("referral_letter", "Referral letter"),
        ("clinic_letter", "Clinic letter"),
        ("discharge_summary", "Discharge summary"),
        ("results", "Results"),
        ("other", "Other"),
    ];
    html! {
        form method="get" action="/ui/search" role="search" {
            label for="q" { "Search words (phrases in quotes, AND/OR/NOT)" }
            input id="q" name="q" size="50" value=(v(&p.q)) required;
            div class="side" {
                div {
                    label for="patient" { "NHS number" }
                    input id="patient" name="patient" value=(v(&p.patient));
                }
                div {
                    label for="type" { "Document type" }
                    select id="type" name="type" {
                        @for (value, label) in types {
                            option value=(value) selected[selected == value] { (label) }
                        }
                    }
                }
                div {
                    label for="from" { "From (YYYY-MM-DD)" }
                    input id="from" name="from" value=(v(&p.from));
                }
                div {
                    label for="to" { "To" }
                    input id="to" name="to" value=(v(&p.to));
                }
            }
            p { button type="submit" { "Search" } }
        }
    }
}

/// The index's page snippet (text HTML-escaped by the index, matched words in
/// `<mark>…</mark>`) taken apart into its text pieces, each with whether it is a match, so
/// that the page escapes the text itself and no markup from the index is passed through.
fn snippet_parts(snippet: &str) -> Vec<(bool, String)> {
    let mut parts = Vec::new();
    let mut rest = snippet;
    while !rest.is_empty() {
        let (before, after) = match rest.split_once("<mark>") {
            Some((before, after)) => (before, Some(after)),
            None => (rest, None),
        };
        if !before.is_empty() {
            parts.push((false, unescape(before)));
        }
        let Some(after) = after else { break };
        let (marked, tail) = after.split_once("</mark>").unwrap_or((after, ""));
        parts.push((true, unescape(marked)));
        rest = tail;
    }
    parts
}

/// Undoes the index's HTML escaping (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`); anything
/// else is kept as it is (and escaped again when the page is rendered).
fn unescape(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let entity = [
            ("&amp;", '&'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&quot;", '"'),
            ("&#39;", '\''),
        ]
        .into_iter()
        .find(|(e, _)| rest.starts_with(e));
        match entity {
            Some((e, c)) => {
                out.push(c);
                rest = &rest[e.len()..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `GET /ui/search`.
pub async fn search_page(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> Response {
    let form = search_form(&params);
    let mut status = StatusCode::OK;
    let mut outcome = None;
    if params.q.as_deref().is_some_and(|q| !q.trim().is_empty()) {
        let result = api::run_search(&state, &me, &params).await;
        if let Err(e) = &result {
            // The form keeps what was typed; the reason is shown above the results.
            status = e.status;
        }
        outcome = Some(result);
    }
    let next = match &outcome {
        Some(Ok(results)) => {
            let page_no = params.page.unwrap_or(1).max(1);
            let shown = page_no.saturating_mul(params.limit.unwrap_or(10).clamp(1, 100));
            (results.total_documents > shown && page_no < api::MAX_SEARCH_PAGE).then(|| {
                serde_urlencoded_query(&SearchParams {
                    page: Some(page_no + 1),
                    ..params
                })
            })
        }
        _ => None,
    };
    let body = html! {
        (form)
        @match &outcome {
            None => {}
            Some(Err(e)) => p class="error" role="alert" { (e.message) },
            Some(Ok(results)) => {
                p role="status" {
                    (results.total_documents) " documents (" (results.total_pages) " pages) match."
                }
                ol {
                    @for d in &results.hits {
                        @let doc_url = url(&d.document_id);
                        // The best page comes with a snippet; the others are listed as links.
                        @let (with_snippet, others): (Vec<_>, Vec<_>) =
                            d.pages.iter().partition(|p| !p.snippet.is_empty());
                        li {
                            h2 { a href={ "/ui/documents/" (doc_url) } { (d.file_name) } }
                            p {
                                (d.document_type) " · "
                                (d.date.map_or("undated".to_string(), |d| d.format("%d/%m/%Y").to_string()))
                                " · patient " (d.nhs_number.as_deref().unwrap_or("unknown"))
                            }
                            @for p in with_snippet {
                                div class="side" {
                                    a href={ "/ui/documents/" (doc_url) "?page=" (p.page_number) }
                                        style="flex:0 0 130px" {
                                        img src={ "/api/documents/" (doc_url) "/pages/" (p.page_number) "/image?width=120" }
                                            width="120" alt={ "Thumbnail of page " (p.page_number) }
                                            loading="lazy";
                                    }
                                    p {
                                        "Page " (p.page_number) ": "
                                        @for (marked, text) in snippet_parts(&p.snippet) {
                                            @if marked { mark { (text) } } @else { (text) }
                                        }
                                    }
                                }
                            }
                            @if !others.is_empty() {
                                p {
                                    "Also on page"
                                    @for p in others {
                                        " "
                                        a href={ "/ui/documents/" (doc_url) "?page=" (p.page_number) } {
                                            (p.page_number)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                @if let Some(qs) = &next {
                    p { a href={ "/ui/search?" (qs) } { "Next results" } }
                }
            }
        }
    };
    let mut response = page("Search notes", Some(&me), body).into_response();
    *response.status_mut() = status;
    response
}

fn serde_urlencoded_query(p: &SearchParams) -> String {
    let mut parts = Vec::new();
    let mut add = |k: &str, v: &Option<String>| {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            parts.push(format!("{k}={}", url(v)));
        }
    };
    add("q", &p.q);
    add("patient", &p.patient);
    add("type", &p.document_type);
    add("from", &p.from);
    add("to", &p.to);
    if let Some(n) = p.page {
        parts.push(format!("page={n}"));
    }
    parts.join("&")
}

#[derive(Debug, Default, Deserialize)]
pub struct ViewerParams {
    pub page: Option<u32>,
}

/// `GET /ui/documents/{id}?page=n`: the page image and its text.
pub async fn document_page(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiPath(id): ApiPath<String>,
    ApiQuery(params): ApiQuery<ViewerParams>,
) -> Response {
    let n = params.page.unwrap_or(1).max(1);
    let result: ApiResult<Markup> = async {
        let (doc, p) = api::load_page(&state, &id, n).await?;
        state
            .store
            .audit(&NewAudit {
                nhs_number: doc.nhs_number.as_deref(),
                document_id: Some(&id),
                page_number: Some(n),
                detail: Some("viewer"),
                ..NewAudit::new(me.name(), AuditAction::ViewPage)
            })
            .await?;
        let count = doc.page_count.unwrap_or(doc.stored_pages).max(1) as u32;
        let doc_url = url(&id);
        let staff = me.user.role == Role::RecordsStaff;
        Ok(html! {
            p {
                (doc.document_type.map_or("other", |t| t.as_str())) " · patient "
                (doc.nhs_number.as_deref().unwrap_or("unknown")) " · dated "
                (doc.letter_date.map_or("-".to_string(), |d| d.format("%d/%m/%Y").to_string()))
                " · " (count) " pages"
            }
            @if let (None, Some(held)) = (&doc.nhs_number, &doc.nhs_number_to_confirm) {
                p role="status" {
                    strong { "NHS number to confirm: " }
                    "the scan reads " (held) " but not surely enough to file the document under it"
                    @if let Some(c) = doc.nhs_number_confidence { " (confidence " (format!("{c:.0}")) ")" }
                    ". Check it against the page."
                }
            }
            @if staff { (fields_form(&me, &doc)) }
            nav aria-label="Pages" {
                "Page: "
                @for i in 1..=count {
                    @if i == n {
                        strong aria-current="page" { (i) }
                    } @else {
                        a href={ "/ui/documents/" (doc_url) "?page=" (i) } { (i) }
                    }
                    " "
                }
            }
            div class="side" {
                div {
                    img class="page-img" src={ "/api/documents/" (doc_url) "/pages/" (n) "/image" }
                        alt={ "Scan of page " (n) };
                }
                div {
                    h2 { "Text of page " (n) }
                    pre class="letter" { (p.text) }
                }
            }
        })
    }
    .await;
    match result {
        Ok(body) => page("Document", Some(&me), body).into_response(),
        Err(e) => error_page(Some(&me), e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_taken_apart_and_escaped_again() {
        let snippet = "…a &lt;b&gt; &amp;amp; &quot;c&quot; &#39;d&#39; <mark>e&amp;f</mark> g &x…";
        let parts = snippet_parts(snippet);
        assert_eq!(
            parts,
            [
                (false, "…a <b> &amp; \"c\" 'd' ".to_string()),
                (true, "e&f".to_string()),
                (false, " g &x…".to_string()),
            ]
        );
        let markup = html! {
            @for (marked, text) in &parts {
                @if *marked { mark { (text) } } @else { (text) }
            }
        };
        assert_eq!(
            markup.into_string(),
            "…a &lt;b&gt; &amp;amp; &quot;c&quot; 'd' <mark>e&amp;f</mark> g &amp;x…"
        );
    }
}
