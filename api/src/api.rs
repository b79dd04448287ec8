//! JSON handlers: health, OpenAPI, uploads and batches, search, documents and pages, the
//! QA queue and page corrections.

use std::time::Instant;

use axum::extract::multipart::MultipartError;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::NaiveDate;
use index::{SearchRequest, SearchResults};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult};
use crate::render::{RenderError, Renderer};
use crate::AppState;
use service::audit::{AuditAction, NewAudit};
use service::jobs::{Job, JobKind, JobStatus};
use service::operations;
use service::store::{DocumentRecord, PageRecord};
use service::uploads::{UploadState, UploadStatus};
use service::worker::{ingest_upload, Ingested};

/// `GET /healthz`.
pub async fn healthz(State(state): State<AppState>) -> ApiResult<Json<Value>> {
    state.store.counts().await?;
    Ok(Json(json!({"status": "ok"})))
}

/// `GET /api/openapi.json`.
pub async fn openapi(Extension(routes): Extension<crate::routes::RouteList>) -> Json<Value> {
    Json(crate::routes::openapi(&routes))
}

pub(super) async fn audit(state: &AppState, entry: NewAudit<'_>) -> ApiResult<()> {
    state.store.audit(&entry).await?;
    Ok(())
}

// ---- uploads -------------------------------------------------------------------------

fn multipart_error(state: &AppState, e: MultipartError) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!(
                "the upload is larger than the limit of {} MB; send the files in smaller batches",
                state.config.max_upload_bytes / (1024 * 1024)
            ),
        )
    } else {
        ApiError::bad_request("invalid_upload", e.body_text())
    }
}

fn is_multipart(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"))
}

/// The files of a multipart upload (fields with a file name), in order.
pub(super) async fn read_files(
    state: &AppState,
    headers: &HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult<Vec<(String, Vec<u8>)>> {
    if !is_multipart(headers) {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "upload scans as multipart/form-data, one `files` field per file",
        ));
    }
    let mut multipart =
        multipart.map_err(|r| ApiError::bad_request("invalid_upload", r.body_text()))?;
    let mut files = Vec::new();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| multipart_error(state, e))?
    {
        let Some(name) = field.file_name().map(sanitize_file_name) else {
            continue;
        };
        let bytes = field.bytes().await.map_err(|e| multipart_error(state, e))?;
        if name.is_empty() && bytes.is_empty() {
            continue; // a file input left empty
        }
        files.push((name, bytes.to_vec()));
    }
    if files.is_empty() {
        return Err(ApiError::bad_request(
            "no_files",
            "the upload contains no files",
        ));
    }
    Ok(files)
}

/// The last component of a browser-supplied file name, without control characters.
fn sanitize_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.chars().filter(|c| !c.is_control()).take(200).collect()
}

/// Stores an upload's files and queues their OCR jobs.
pub(super) async fn create_batch(
    state: &AppState,
    me: &CurrentUser,
    files: Vec<(String, Vec<u8>)>,
) -> ApiResult<(String, Vec<Ingested>)> {
    let batch = state.store.create_batch(me.name(), files.len()).await?;
    state.store.begin_upload(&batch.id).await?;
    let mut out = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let stored = ingest_upload(
            &state.store,
            &state.blobs,
            &batch.id,
            &name,
            bytes,
            &state.config.load,
        )
        .await;
        match stored {
            Ok(ingested) => out.push(ingested),
            Err(e) => {
                // The batch says what arrived rather than looking finished.
                state.store.finish_upload(&batch.id).await?;
                return Err(e.into());
            }
        }
        state.store.upload_received(&batch.id, out.len()).await?;
    }
    state.store.finish_upload(&batch.id).await?;
    let detail = format!("{} files", out.len());
    audit(
        state,
        NewAudit {
            detail: Some(&detail),
            ..NewAudit::new(me.name(), AuditAction::UploadBatch)
        },
    )
    .await?;
    Ok((batch.id, out))
}

/// `POST /api/batches` (multipart, one part per file).
pub async fn upload_batch(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult<Response> {
    let files = read_files(&state, &headers, multipart).await?;
    let (batch_id, files) = create_batch(&state, &me, files).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"batch_id": batch_id, "files": files})),
    )
        .into_response())
}

/// `GET /api/batches`.
pub async fn list_batches(State(state): State<AppState>) -> ApiResult<Json<Value>> {
    Ok(Json(json!({"batches": state.store.batches(50).await?})))
}

/// A batch's progress.
#[derive(Debug, Serialize)]
pub struct BatchProgress {
    pub batch_id: String,
    pub created_by: String,
    pub created_at: String,
    pub files: usize,
    pub queued: usize,
    pub running: usize,
    pub done: usize,
    pub failed: usize,
    pub finished: bool,
    /// What the upload request delivered; `cut_short` means some files never arrived.
    pub upload: UploadStatus,
    pub file_jobs: Vec<Job>,
    pub triage_jobs: Vec<Job>,
}

pub(super) async fn progress(state: &AppState, id: &str) -> ApiResult<BatchProgress> {
    let batch = state
        .store
        .batch(id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no batch {id:?}")))?;
    let upload = state
        .store
        .upload_status(id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no batch {id:?}")))?;
    let jobs = state.store.batch_jobs(id).await?;
    let (file_jobs, triage_jobs): (Vec<Job>, Vec<Job>) =
        jobs.into_iter().partition(|j| j.kind == JobKind::Ocr);
    let count = |s: JobStatus| file_jobs.iter().filter(|j| j.status == s).count();
    let (queued, running) = (count(JobStatus::Queued), count(JobStatus::Running));
    let (done, failed) = (count(JobStatus::Done), count(JobStatus::Failed));
    Ok(BatchProgress {
        batch_id: batch.id,
        created_by: batch.created_by,
        created_at: batch.created_at,
        files: file_jobs.len(),
        queued,
        running,
        done,
        failed,
        finished: upload.state != UploadState::Receiving
            && queued + running == 0
            && triage_jobs
                .iter()
                .all(|j| matches!(j.status, JobStatus::Done | JobStatus::Failed)),
        upload,
        file_jobs,
        triage_jobs,
    })
}

/// `GET /api/batches/{id}`.
pub async fn batch_progress(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<BatchProgress>> {
    Ok(Json(progress(&state, &id).await?))
}

/// `GET /api/qa`.
pub async fn qa_queue(State(state): State<AppState>) -> ApiResult<Json<Value>> {
    Ok(Json(json!({
        "pages": state.store.review_queue(200).await?,
        "nhs_numbers_to_confirm": state.store.numbers_to_confirm(200).await?,
    })))
}

// ---- search --------------------------------------------------------------------------

/// Query parameters of a search (the API and the search page).
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct SearchParams {
    pub q: Option<String>,
    pub patient: Option<String>,
    #[serde(rename = "type")]
    pub document_type: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub page: Option<usize>,
    pub limit: Option<usize>,
}

fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn parse_date(field: &str, s: Option<String>) -> ApiResult<Option<NaiveDate>> {
    s.map(|s| {
        NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(&s, "%d/%m/%Y"))
            .map_err(|_| {
                ApiError::bad_request(
                    "invalid_date",
                    format!("{field}: {s:?} is not a date (use YYYY-MM-DD or DD/MM/YYYY)"),
                )
            })
    })
    .transpose()
}

/// Deepest results page a search may ask for: paging beyond it is a mistake (and
/// `limit * page` must not overflow).
pub(super) const MAX_SEARCH_PAGE: usize = 1_000;

/// The page of results asked for (1 when absent), refused beyond [`MAX_SEARCH_PAGE`].
pub(super) fn search_page_number(page: Option<usize>) -> ApiResult<usize> {
    match page.unwrap_or(1) {
        0 => Ok(1),
        n if n <= MAX_SEARCH_PAGE => Ok(n),
        n => Err(ApiError::bad_request(
            "invalid_page",
            format!("page {n} is out of range: ask for a page from 1 to {MAX_SEARCH_PAGE}"),
        )),
    }
}

/// Runs a search the way `paperlite search` does, drops documents deleted since they were
/// indexed, and writes the audit line.
pub(super) async fn run_search(
    state: &AppState,
    me: &CurrentUser,
    params: &SearchParams,
) -> ApiResult<SearchResults> {
    let query = non_empty(&params.q).ok_or_else(|| {
        ApiError::bad_request("missing_query", "give a query in q= (use * for everything)")
    })?;
    let limit = params.limit.unwrap_or(10).clamp(1, 100);
    let page = search_page_number(params.page)?;
    let request = SearchRequest {
        query: query.clone(),
        nhs_number: non_empty(&params.patient),
        document_type: non_empty(&params.document_type),
        from: parse_date("from", non_empty(&params.from))?,
        to: parse_date("to", non_empty(&params.to))?,
        limit,
        offset: limit * (page - 1),
        fuzzy: true,
        synonyms: true,
    };
    let started = Instant::now();
    let searcher = state.index.clone();
    let req = request.clone();
    let mut results = tokio::task::spawn_blocking(move || searcher.search(&req))
        .await
        .map_err(ApiError::internal)??;
    let ids: Vec<String> = results.hits.iter().map(|h| h.document_id.clone()).collect();
    let existing = state.store.existing_ids(&ids).await?;
    results.hits.retain(|h| existing.contains(&h.document_id));
    state.metrics.observe_search(started.elapsed());
    // One audit line per patient whose documents the search showed (who saw this
    // patient), or one line naming the patient filter when it showed none.
    let mut shown: Vec<(Option<&str>, Vec<&str>)> = Vec::new();
    for hit in &results.hits {
        let patient = hit.nhs_number.as_deref();
        match shown.iter_mut().find(|(p, _)| *p == patient) {
            Some((_, docs)) => docs.push(&hit.document_id),
            None => shown.push((patient, vec![&hit.document_id])),
        }
    }
    if shown.is_empty() {
        shown.push((request.nhs_number.as_deref(), Vec::new()));
    }
    for (patient, documents) in shown {
        let detail = json!({
            "query": query,
            "patient_filter": request.nhs_number,
            "type": request.document_type,
            "from": request.from,
            "to": request.to,
            "page": page,
            "results": results.total_documents,
            "shown": documents,
        })
        .to_string();
        audit(
            state,
            NewAudit {
                nhs_number: patient.or(request.nhs_number.as_deref()),
                detail: Some(&detail),
                ..NewAudit::new(me.name(), AuditAction::Search)
            },
        )
        .await?;
    }
    Ok(results)
}

/// `GET /api/search?q=&patient=&type=&from=&to=&page=`.
pub async fn search(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> ApiResult<Json<SearchResults>> {
    Ok(Json(run_search(&state, &me, &params).await?))
}

// ---- documents and pages -------------------------------------------------------------

pub(super) async fn load_document(state: &AppState, id: &str) -> ApiResult<DocumentRecord> {
    state
        .store
        .document(id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no document {id:?}")))
}

pub(super) async fn load_page(
    state: &AppState,
    id: &str,
    n: u32,
) -> ApiResult<(DocumentRecord, PageRecord)> {
    let doc = load_document(state, id).await?;
    let page = state
        .store
        .page(id, n)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("document {id:?} has no page {n}")))?;
    Ok((doc, page))
}

/// `GET /api/documents/{id}`.
pub async fn document(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<Value>> {
    let doc = load_document(&state, &id).await?;
    let pages: Vec<Value> = state
        .store
        .pages(&id)
        .await?
        .iter()
        .map(|p| {
            json!({"page": p.page_number, "source": p.source, "mean_confidence": p.mean_confidence,
                   "needs_review": p.needs_review, "word_count": p.word_count})
        })
        .collect();
    audit(
        &state,
        NewAudit {
            nhs_number: doc.nhs_number.as_deref(),
            document_id: Some(&doc.id),
            ..NewAudit::new(me.name(), AuditAction::ViewDocument)
        },
    )
    .await?;
    Ok(Json(json!({"document": doc, "pages": pages})))
}

/// A recognised word with its confidence and box.
#[derive(Debug, Clone, Serialize)]
pub struct WordJson {
    pub text: String,
    pub confidence: f32,
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
}

pub(super) fn words(page: &PageRecord) -> Vec<WordJson> {
    page.words()
        .into_iter()
        .map(|w| WordJson {
            text: w.text,
            confidence: w.confidence,
            x: w.bbox.x,
            y: w.bbox.y,
            w: w.bbox.w,
            h: w.bbox.h,
        })
        .collect()
}

/// `GET /api/documents/{id}/pages/{n}`.
pub async fn page(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiPath((id, n)): ApiPath<(String, u32)>,
) -> ApiResult<Json<Value>> {
    let (doc, page) = load_page(&state, &id, n).await?;
    audit(
        &state,
        NewAudit {
            nhs_number: doc.nhs_number.as_deref(),
            document_id: Some(&doc.id),
            page_number: Some(n),
            ..NewAudit::new(me.name(), AuditAction::ViewPage)
        },
    )
    .await?;
    Ok(Json(json!({
        "document_id": doc.id, "page": n, "source": page.source, "text": page.text,
        "mean_confidence": page.mean_confidence, "needs_review": page.needs_review,
        "width": page.width, "height": page.height, "words": words(&page),
    })))
}

#[derive(Debug, Default, Deserialize)]
pub struct ImageParams {
    /// Scale the page down to this width (thumbnails).
    pub width: Option<u32>,
}

/// `GET /api/documents/{id}/pages/{n}/image[?width=W]`.
pub async fn page_image(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiPath((id, n)): ApiPath<(String, u32)>,
    ApiQuery(params): ApiQuery<ImageParams>,
) -> ApiResult<Response> {
    let (doc, _page) = load_page(&state, &id, n).await?;
    let blobs = state.blobs.clone();
    let doc_id = doc.id.clone();
    let width = Renderer::served_width(params.width);
    let png = state
        .renderer
        .page_png(&doc.id, n, width, &state.config.load, move || {
            blobs.get(&doc_id).map_err(|e| e.to_string())
        })
        .await
        .map_err(|e| match e {
            RenderError::NoImage(reason) => ApiError::new(
                StatusCode::NOT_FOUND,
                "no_image",
                format!("cannot show page {n}: {reason}"),
            ),
            RenderError::Busy => {
                let mut e = ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "busy",
                    "many page images are being drawn: try again in a moment",
                );
                e.retry_after = Some(2);
                e
            }
        })?;
    let detail = params.width.map(|w| format!("thumbnail {w}px"));
    audit(
        &state,
        NewAudit {
            nhs_number: doc.nhs_number.as_deref(),
            document_id: Some(&doc.id),
            page_number: Some(n),
            detail: detail.as_deref(),
            ..NewAudit::new(me.name(), AuditAction::ViewPageImage)
        },
    )
    .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        png.as_ref().clone(),
    )
        .into_response())
}

#[derive(Debug, Deserialize)]
pub struct TextCorrection {
    pub text: String,
}

/// Saves a page correction, audits it and brings the index up to date.
pub(super) async fn save_correction(
    state: &AppState,
    me: &CurrentUser,
    id: &str,
    n: u32,
    text: &str,
) -> ApiResult<()> {
    operations::correct_page(&state.store, me.name(), id, n, text).await?;
    if let Err(e) = service::indexing::sync_index(&state.store, &state.index).await {
        tracing::warn!("correction stored, index not yet updated: {e}");
        state.index_notify.notify_one();
    }
    Ok(())
}

/// A correction of a document's extracted fields, from JSON or a form: every field
/// optional, blank meaning "leave as it is".
#[derive(Debug, Default, Deserialize)]
pub struct FieldsCorrection {
    pub nhs_number: Option<String>,
    pub date_of_birth: Option<String>,
    pub letter_date: Option<String>,
    pub document_type: Option<String>,
}

impl FieldsCorrection {
    /// The correction as the store takes it: dates and the type parsed, blanks dropped.
    /// (The NHS number's check digit is checked by [`operations::correct_document`].)
    pub fn parse(&self) -> ApiResult<service::Correction> {
        let document_type = non_empty(&self.document_type)
            .map(|t| {
                t.parse::<types::DocumentType>().map_err(|_| {
                    ApiError::bad_request(
                        "invalid_document_type",
                        format!("document_type: {t:?} is not a document type"),
                    )
                })
            })
            .transpose()?;
        Ok(service::Correction {
            nhs_number: non_empty(&self.nhs_number),
            date_of_birth: parse_date("date_of_birth", non_empty(&self.date_of_birth))?,
            letter_date: parse_date("letter_date", non_empty(&self.letter_date))?,
            document_type,
        })
    }
}

/// Applies a correction of a document's fields (audited) and brings the index up to date.
pub(super) async fn save_fields(
    state: &AppState,
    me: &CurrentUser,
    id: &str,
    fields: &FieldsCorrection,
) -> ApiResult<DocumentRecord> {
    let fix = fields.parse()?;
    let doc = operations::correct_document(&state.store, me.name(), id, &fix).await?;
    if let Err(e) = service::indexing::sync_index(&state.store, &state.index).await {
        tracing::warn!("correction stored, index not yet updated: {e}");
        state.index_notify.notify_one();
    }
    Ok(doc)
}

/// `PUT /api/documents/{id}/fields` with any of `{"nhs_number", "date_of_birth",
/// "letter_date", "document_type"}`: the document as now stored.
pub async fn correct_fields(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<FieldsCorrection>,
) -> ApiResult<Json<Value>> {
    let doc = save_fields(&state, &me, &id, &body).await?;
    Ok(Json(json!({"document": doc, "corrected": true})))
}

/// `PUT /api/documents/{id}/pages/{n}/text` with `{"text": "..."}`.
pub async fn correct_page(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiPath((id, n)): ApiPath<(String, u32)>,
    ApiJson(body): ApiJson<TextCorrection>,
) -> ApiResult<Json<Value>> {
    save_correction(&state, &me, &id, n, &body.text).await?;
    Ok(Json(
        json!({"document_id": id, "page": n, "corrected": true}),
    ))
}
