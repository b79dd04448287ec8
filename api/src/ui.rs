//! The web UI for records staff and clinicians (server-rendered HTML): login, upload and
//! batch progress, the QA queue with page image beside OCR text, search and the document
//! viewer. Triage and admin pages are in `ui_triage`.

use std::fmt::Write as _;

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;

use crate::api::{self, SearchParams};
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiPath, ApiQuery, ApiResult};
use crate::html::{csrf_field, esc, page, url};
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
    let mut body = format!("<p class=\"error\" role=\"alert\">{}</p>", esc(&e.message));
    let typed: Vec<&(String, String)> = typed.iter().filter(|(_, v)| !v.is_empty()).collect();
    if !typed.is_empty() {
        body.push_str("<h2>What you typed</h2>");
        for (i, (name, value)) in typed.iter().enumerate() {
            let _ = write!(
                body,
                "<label for=\"typed{i}\">{}</label>\
                 <textarea id=\"typed{i}\" readonly rows=\"6\" style=\"width:100%\">{}</textarea>",
                esc(name),
                esc(value)
            );
        }
    }
    let label = if back == "/" {
        "Back to the start page"
    } else {
        "Back"
    };
    let _ = write!(body, "<p><a href=\"{}\">{label}</a></p>", esc(back));
    let title = match e.status.as_u16() {
        401 => "Please log in again",
        403 => "Not allowed",
        404 => "Not found",
        405 => "Not available",
        _ => "Something is wrong",
    };
    let mut r = page(title, me, &body).into_response();
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
pub fn login_html(error: Option<&str>) -> Html<String> {
    let error = error
        .map(|e| format!("<p class=\"error\" role=\"alert\">{}</p>", esc(e)))
        .unwrap_or_default();
    page(
        "Log in",
        None,
        &format!(
            "{error}<form method=\"post\" action=\"/login\">\
             <label for=\"username\">Username</label>\
             <input id=\"username\" name=\"username\" autocomplete=\"username\" required autofocus>\
             <label for=\"password\">Password</label>\
             <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>\
             <p><button type=\"submit\">Log in</button></p></form>"
        ),
    )
}

/// `GET /login`.
pub async fn login_page() -> Html<String> {
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
) -> ApiResult<Html<String>> {
    let mut body = format!(
        "<form method=\"post\" enctype=\"multipart/form-data\" action=\"/ui/upload?csrf_token={}\">\
         <label for=\"files\">Scans (PDF, TIFF, PNG or JPEG; choose several)</label>\
         <input id=\"files\" name=\"files\" type=\"file\" multiple required \
          accept=\".pdf,.tif,.tiff,.png,.jpg,.jpeg\">\
         <p><button type=\"submit\">Upload batch</button></p></form>\
         <h2>Recent batches</h2><table><thead><tr><th scope=\"col\">Batch</th>\
         <th scope=\"col\">Uploaded</th><th scope=\"col\">By</th><th scope=\"col\">Files</th></tr></thead><tbody>",
        url(me.csrf())
    );
    for b in state.store.batches(20).await? {
        let _ = write!(
            body,
            "<tr><td><a href=\"/ui/batches/{0}\">{0}</a></td><td>{1}</td><td>{2}</td><td>{3}</td></tr>",
            esc(&b.id),
            esc(&b.created_at),
            esc(&b.created_by),
            b.file_count
        );
    }
    body.push_str("</tbody></table>");
    Ok(page("Upload scans", Some(&me), &body))
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
    let mut body = String::new();
    if !p.finished {
        body.push_str("<meta http-equiv=\"refresh\" content=\"3\">");
    }
    if p.upload.state == UploadState::CutShort {
        let _ = write!(
            body,
            "<p class=\"error\" role=\"alert\">The upload was cut short: {} of its {} files \
             arrived. Upload the missing files again.</p>",
            p.upload.received, p.upload.expected
        );
    }
    let _ = write!(
        body,
        "<p role=\"status\">{} files: {} queued, {} running, {} done, {} failed{}.</p>\
         <table><thead><tr><th scope=\"col\">File</th><th scope=\"col\">Status</th>\
         <th scope=\"col\">Details</th></tr></thead><tbody>",
        p.files,
        p.queued,
        p.running,
        p.done,
        p.failed,
        if p.finished {
            "; finished"
        } else {
            "; this page refreshes itself"
        }
    );
    for j in &p.file_jobs {
        let detail = match (j.status, &j.error, &j.note) {
            (JobStatus::Failed, Some(e), _) => format!("<span class=\"error\">{}</span>", esc(e)),
            (_, _, Some(n)) => esc(n),
            (_, Some(e), _) => format!("retrying after: {}", esc(e)),
            _ => String::new(),
        };
        let name = esc(j.file_name.as_deref().unwrap_or("?"));
        let name = match (&j.document_id, j.status) {
            (Some(d), JobStatus::Done) => {
                format!("<a href=\"/ui/documents/{}\">{name}</a>", url(d))
            }
            _ => name,
        };
        let _ = write!(
            body,
            "<tr><td>{name}</td><td>{}</td><td>{detail}</td></tr>",
            j.status.as_str()
        );
    }
    body.push_str("</tbody></table>");
    if !p.triage_jobs.is_empty() {
        let _ = write!(
            body,
            "<p>{} referral letters sent to triage.</p>",
            p.triage_jobs.len()
        );
    }
    page(&format!("Batch {}", p.batch_id), Some(&me), &body).into_response()
}

/// `GET /ui/qa`.
pub async fn qa_page(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
) -> ApiResult<Html<String>> {
    let items = state.store.review_queue(200).await?;
    let mut body = String::from(
        "<p>Pages whose OCR confidence is low, least confident first.</p><table><thead><tr>\
         <th scope=\"col\">File</th><th scope=\"col\">Page</th><th scope=\"col\">Patient</th>\
         <th scope=\"col\">Confidence</th><th scope=\"col\">Words</th></tr></thead><tbody>",
    );
    for i in &items {
        let _ = write!(
            body,
            "<tr><td><a href=\"/ui/qa/{}/{}\">{}</a></td><td>{}</td><td>{}</td><td>{:.0}%{}</td><td>{}</td></tr>",
            url(&i.document_id),
            i.page_number,
            esc(&i.file_name),
            i.page_number,
            esc(i.nhs_number.as_deref().unwrap_or("unknown")),
            i.mean_confidence,
            i.reason
                .as_deref()
                .map(|r| format!("<br><strong>{}</strong>", esc(r)))
                .unwrap_or_default(),
            i.word_count
        );
    }
    if items.is_empty() {
        body.push_str("<tr><td colspan=\"5\">No pages need review.</td></tr>");
    }
    body.push_str("</tbody></table>");
    Ok(page("QA queue", Some(&me), &body))
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
    let marked: Vec<String> = api::words(&p)
        .iter()
        .map(|w| {
            if w.confidence < low {
                format!(
                    "<span class=\"lowconf\" title=\"confidence {:.0}%\">{}</span>",
                    w.confidence,
                    esc(&w.text)
                )
            } else {
                esc(&w.text)
            }
        })
        .collect();
    let body = format!(
        "<p>{} page {n}; mean confidence {:.0}%. Words read with low confidence are \
         <span class=\"lowconf\">marked</span>.</p>\
         <div class=\"side\"><div><img class=\"page-img\" src=\"/api/documents/{}/pages/{n}/image\" \
         alt=\"Scan of page {n} of {}\"></div>\
         <div><h2>OCR words</h2><p>{}</p>\
         <form method=\"post\" action=\"/ui/qa/{}/{n}\">{}\
         <label for=\"text\">Corrected text</label>\
         <textarea id=\"text\" name=\"text\" rows=\"20\" style=\"width:100%\">{}</textarea>\
         <p><button type=\"submit\">Save correction</button></p></form></div></div>",
        esc(&doc.file_name),
        p.mean_confidence,
        url(&id),
        esc(&doc.file_name),
        marked.join(" "),
        url(&id),
        csrf_field(&me),
        esc(&p.text)
    );
    page("Check a page", Some(&me), &body).into_response()
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

fn option(value: &str, label: &str, selected: Option<&str>) -> String {
    format!(
        "<option value=\"{}\"{}>{}</option>",
        esc(value),
        if selected == Some(value) {
            " selected"
        } else {
            ""
        },
        esc(label)
    )
}

fn search_form(p: &SearchParams) -> String {
    let v = |s: &Option<String>| esc(s.as_deref().unwrap_or(""));
    let t = p.document_type.as_deref();
    let types: String = [
        ("", "Any type"),
        ("referral_letter", "Referral letter"),
        ("clinic_letter", "Clinic letter"),
        ("discharge_summary", "Discharge summary"),
        ("results", "Results"),
        ("other", "Other"),
    ]
    .iter()
    .map(|(v, l)| option(v, l, t.or(Some(""))))
    .collect();
    format!(
        "<form method=\"get\" action=\"/ui/search\" role=\"search\">\
         <label for=\"q\">Search words (phrases in quotes, AND/OR/NOT)</label>\
         <input id=\"q\" name=\"q\" size=\"50\" value=\"{}\" required>\
         <div class=\"side\"><div><label for=\"patient\">NHS number</label>\
         <input id=\"patient\" name=\"patient\" value=\"{}\"></div>\
         <div><label for=\"type\">Document type</label><select id=\"type\" name=\"type\">{types}</select></div>\
         <div><label for=\"from\">From (YYYY-MM-DD)</label><input id=\"from\" name=\"from\" value=\"{}\"></div>\
         <div><label for=\"to\">To</label><input id=\"to\" name=\"to\" value=\"{}\"></div></div>\
         <p><button type=\"submit\">Search</button></p></form>",
        v(&p.q),
        v(&p.patient),
        v(&p.from),
        v(&p.to)
    )
}

/// `GET /ui/search`.
pub async fn search_page(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> Response {
    let mut body = search_form(&params);
    let mut status = StatusCode::OK;
    if params.q.as_deref().is_some_and(|q| !q.trim().is_empty()) {
        match api::run_search(&state, &me, &params).await {
            Err(e) => {
                // The form keeps what was typed; the reason is shown above the results.
                status = e.status;
                let _ = write!(
                    body,
                    "<p class=\"error\" role=\"alert\">{}</p>",
                    esc(&e.message)
                );
            }
            Ok(results) => {
                let _ = write!(
                    body,
                    "<p role=\"status\">{} documents ({} pages) match.</p><ol>",
                    results.total_documents, results.total_pages
                );
                for d in &results.hits {
                    let _ = write!(
                        body,
                        "<li><h2><a href=\"/ui/documents/{}\">{}</a></h2><p>{} &middot; {} &middot; patient {}</p>",
                        url(&d.document_id),
                        esc(&d.file_name),
                        esc(&d.document_type),
                        d.date.map_or("undated".to_string(), |d| d.format("%d/%m/%Y").to_string()),
                        esc(d.nhs_number.as_deref().unwrap_or("unknown"))
                    );
                    // The best page comes with a snippet; the others are listed as links.
                    let (with_snippet, others): (Vec<_>, Vec<_>) =
                        d.pages.iter().partition(|p| !p.snippet.is_empty());
                    for p in with_snippet {
                        // Snippets come from the index already HTML-escaped, with <mark>.
                        let _ = write!(
                            body,
                            "<div class=\"side\"><a href=\"/ui/documents/{0}?page={1}\" style=\"flex:0 0 130px\">\
                             <img src=\"/api/documents/{0}/pages/{1}/image?width=120\" width=\"120\" \
                             alt=\"Thumbnail of page {1}\" loading=\"lazy\"></a>\
                             <p>Page {1}: {2}</p></div>",
                            url(&d.document_id),
                            p.page_number,
                            p.snippet
                        );
                    }
                    if !others.is_empty() {
                        body.push_str("<p>Also on page");
                        for p in others {
                            let _ = write!(
                                body,
                                " <a href=\"/ui/documents/{}?page={1}\">{1}</a>",
                                url(&d.document_id),
                                p.page_number
                            );
                        }
                        body.push_str("</p>");
                    }
                    body.push_str("</li>");
                }
                body.push_str("</ol>");
                let page_no = params.page.unwrap_or(1).max(1);
                let shown = page_no.saturating_mul(params.limit.unwrap_or(10).clamp(1, 100));
                if results.total_documents > shown && page_no < api::MAX_SEARCH_PAGE {
                    let next = SearchParams {
                        page: Some(page_no + 1),
                        ..params
                    };
                    let qs = serde_urlencoded_query(&next);
                    let _ = write!(body, "<p><a href=\"/ui/search?{qs}\">Next results</a></p>");
                }
            }
        }
    }
    let mut response = page("Search notes", Some(&me), &body).into_response();
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
    let result: ApiResult<String> = async {
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
        let mut pages = String::new();
        for i in 1..=count {
            if i == n {
                let _ = write!(pages, "<strong aria-current=\"page\">{i}</strong> ");
            } else {
                let _ = write!(pages, "<a href=\"/ui/documents/{}?page={i}\">{i}</a> ", url(&id));
            }
        }
        Ok(format!(
            "<p>{} &middot; patient {} &middot; dated {} &middot; {} pages</p>\
             <nav aria-label=\"Pages\">Page: {pages}</nav>\
             <div class=\"side\"><div><img class=\"page-img\" src=\"/api/documents/{}/pages/{n}/image\" \
             alt=\"Scan of page {n}\"></div><div><h2>Text of page {n}</h2>\
             <pre class=\"letter\">{}</pre></div></div>",
            esc(doc.document_type.map_or("other", |t| t.as_str())),
            esc(doc.nhs_number.as_deref().unwrap_or("unknown")),
            doc.letter_date.map_or("-".to_string(), |d| d.format("%d/%m/%Y").to_string()),
            count,
            url(&id),
            esc(&p.text)
        ))
    }
    .await;
    match result {
        Ok(body) => page("Document", Some(&me), &body).into_response(),
        Err(e) => error_page(Some(&me), e),
    }
}
