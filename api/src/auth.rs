//! Authentication and authorisation.
//!
//! - The browser logs in (`POST /api/login` or the login form) and gets a session cookie
//!   (HttpOnly, SameSite=Strict). A state-changing request made with the cookie must also
//!   carry the session's CSRF token: the `X-CSRF-Token` header, a `csrf_token` query
//!   parameter, or a `csrf_token` form field.
//! - Scripts send `Authorization: Bearer <token>` (from `paperlite user token`); no CSRF
//!   token is needed, since a browser never adds that header by itself.
//! - [`authorize`] runs before every route, as that route's own layer carrying its roles:
//!   it refuses anonymous callers (401) and wrong roles (403); [`method_not_allowed`]
//!   answers a method a path lacks (405).
//! - Logins are checked in [`crate::login`] (back-off per username, bounded hashing).

use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form, Json};
use serde_json::json;

use crate::error::{ApiError, ApiJson, ApiResult};
use crate::headers::same_origin;
use crate::login::{check_login, LoginRequest};
use crate::routes::{Access, Guard, RouteList, RouteSpec};
use crate::AppState;
use service::accounts::User;
use service::audit::{AuditAction, NewAudit};

pub const SESSION_COOKIE: &str = "paperlite_session";
pub const CSRF_HEADER: &str = "x-csrf-token";
const CSRF_FIELD: &str = "csrf_token";

/// The caller, as the middleware established it.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: User,
    /// The session's CSRF token (None for bearer tokens).
    pub csrf: Option<String>,
}

impl CurrentUser {
    pub fn name(&self) -> &str {
        &self.user.username
    }

    /// The CSRF token to put in forms ("" for bearer callers, who need none).
    pub fn csrf(&self) -> &str {
        self.csrf.as_deref().unwrap_or("")
    }
}

fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The session cookie's value, if the request carries one.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    cookie_value(headers, SESSION_COOKIE)
}

fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

fn query_param(uri: &axum::http::Uri, name: &str) -> Option<String> {
    uri.query()?
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Why a request was refused, and what a browser needs to be shown.
struct Refusal {
    error: ApiError,
    /// The caller, when known (for the page's navigation and the audit log).
    user: Option<CurrentUser>,
    /// Fields of a refused form, to show back to the user.
    typed: Vec<(String, String)>,
}

impl From<ApiError> for Refusal {
    fn from(error: ApiError) -> Self {
        Refusal {
            error,
            user: None,
            typed: Vec::new(),
        }
    }
}

/// The authorisation layer of one route (attached by [`crate::routes::RouteTable::add`]
/// with the route's roles). Browsers get refusals as a page with a way back (and what
/// they typed); scripts get the JSON error.
pub async fn authorize(State(guard): State<Guard>, req: Request, next: Next) -> Response {
    let asked = Asked::of(&req);
    match check(&guard.state, guard.spec, req).await {
        Ok(req) => next.run(req).await,
        Err(refusal) => refuse(&guard.state, asked, refusal).await,
    }
}

/// The answer to a method a path does not have: 405 naming the methods it has (before
/// any credentials are looked at, as for every refusal of the request's form).
pub async fn method_not_allowed(State(state): State<AppState>, req: Request) -> Response {
    let path = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or_default();
    let allowed = crate::routes::route_list(&req)
        .map(|routes| routes.methods_of(&path))
        .unwrap_or_default();
    let mut e = ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!(
            "{} is not allowed on {}: use {}",
            req.method(),
            req.uri().path(),
            allowed.join(" or ")
        ),
    );
    e.allow = Some(allowed.join(", "));
    refuse(&state, Asked::of(&req), e.into()).await
}

/// What a refused request asked for, kept to answer it.
struct Asked {
    method: Method,
    uri: axum::http::Uri,
    html: bool,
    presented_credentials: bool,
    routes: Option<RouteList>,
}

impl Asked {
    fn of(req: &Request) -> Asked {
        Asked {
            method: req.method().clone(),
            uri: req.uri().clone(),
            html: wants_html(req.headers()) && !req.uri().path().starts_with("/api/"),
            presented_credentials: req.headers().contains_key(header::AUTHORIZATION)
                || cookie_value(req.headers(), SESSION_COOKIE).is_some(),
            routes: crate::routes::route_list(req).cloned(),
        }
    }
}

/// Audits a 403 (or a 401 with credentials) and answers the refusal.
async fn refuse(state: &AppState, asked: Asked, refusal: Refusal) -> Response {
    let Asked {
        method,
        uri,
        html,
        presented_credentials,
        routes,
    } = asked;
    let e = refusal.error;
    if e.status == StatusCode::FORBIDDEN
        || (e.status == StatusCode::UNAUTHORIZED && presented_credentials)
    {
        let username = refusal.user.as_ref().map_or("anonymous", |u| u.name());
        let path: String = uri.path().chars().take(200).collect();
        let detail = format!("{method} {path}: {}", e.code);
        let entry = NewAudit {
            detail: Some(&detail),
            ..NewAudit::new(username, AuditAction::RequestRefused)
        };
        if let Err(err) = state.store.audit(&entry).await {
            tracing::warn!("cannot audit a refused request: {err}");
        }
    }
    if !html {
        return e.into_response();
    }
    // A page the role may not open leads to the start page; a refused form, back to it.
    let back = if e.code == "forbidden" {
        "/".to_string()
    } else {
        match &routes {
            Some(routes) => crate::ui::back_path(routes, uri.path()),
            None => "/".to_string(),
        }
    };
    if e.status == StatusCode::UNAUTHORIZED {
        if method == Method::GET {
            return Redirect::to("/login").into_response();
        }
        // A form sent after the session ended: show what was typed, then log in again.
        let e = ApiError::new(
            e.status,
            e.code,
            "your session has ended: log in again, then send the form again (what you              typed is below)",
        );
        return crate::ui::refusal_page(None, &e, "/login", &refusal.typed);
    }
    crate::ui::refusal_page(refusal.user.as_ref(), &e, &back, &refusal.typed)
}

async fn check(state: &AppState, spec: RouteSpec, req: Request) -> Result<Request, Refusal> {
    if spec.access == Access::Public {
        return Ok(req);
    }
    let (user, csrf) = match authenticate(state, req.headers()).await {
        Ok(found) => found,
        Err(error) => {
            let typed = if req.method() == Method::POST {
                read_form(req)
                    .await
                    .map(|(_, typed)| typed)
                    .unwrap_or_default()
            } else {
                Vec::new()
            };
            return Err(Refusal {
                error,
                user: None,
                typed,
            });
        }
    };
    let me = CurrentUser { user, csrf };
    if !spec.access.admits(me.user.role) {
        let error = ApiError::forbidden(format!(
            "the {} role may not use {} {}",
            me.user.role, spec.method, spec.path
        ));
        return Err(Refusal {
            error,
            user: Some(me),
            typed: Vec::new(),
        });
    }
    let mut req = req;
    let state_changing = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if let (true, Some(expected)) = (state_changing, me.csrf.as_deref()) {
        req = match check_csrf(req, expected).await {
            Ok(req) => req,
            Err((error, typed)) => {
                return Err(Refusal {
                    error,
                    user: Some(me),
                    typed,
                })
            }
        };
    }
    req.extensions_mut().insert(me);
    Ok(req)
}

/// The user behind a bearer token or a session cookie (with the session's CSRF token).
async fn authenticate(state: &AppState, headers: &HeaderMap) -> ApiResult<(User, Option<String>)> {
    if let Some(auth) = headers.get(header::AUTHORIZATION) {
        let token = auth
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or_else(ApiError::unauthorized)?;
        let user = state
            .store
            .token_user(token)
            .await?
            .ok_or_else(ApiError::unauthorized)?;
        return Ok((user, None));
    }
    let token = cookie_value(headers, SESSION_COOKIE).ok_or_else(ApiError::unauthorized)?;
    let session = state
        .store
        .session(&token)
        .await?
        .ok_or_else(ApiError::unauthorized)?;
    Ok((session.user, Some(session.csrf_token)))
}

fn csrf_failed() -> ApiError {
    ApiError::forbidden(
        "missing or wrong CSRF token: send the X-CSRF-Token header (from /api/login or \
         /api/me); in the browser, the form was out of date (opened before you last logged \
         in): open it again",
    )
    .with_code("csrf_failed")
}

impl ApiError {
    fn with_code(mut self, code: &'static str) -> ApiError {
        self.code = code;
        self
    }
}

/// Constant-time comparison of two tokens.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The fields a form typed, without its CSRF token.
fn typed_fields(body: &[u8]) -> Vec<(String, String)> {
    url_decode_pairs(body)
        .into_iter()
        .filter(|(k, _)| k != CSRF_FIELD)
        .collect()
}

fn is_form(req: &Request) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

/// Reads a form body (up to 1 MB); the request comes back rebuilt with it, with the
/// typed fields. `None` when the request is no form or the body is too large.
async fn read_form(req: Request) -> Option<(Request, Vec<(String, String)>)> {
    if !is_form(&req) {
        return None;
    }
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 20).await.ok()?;
    let typed = typed_fields(&bytes);
    Some((Request::from_parts(parts, Body::from(bytes)), typed))
}

async fn check_csrf(
    req: Request,
    expected: &str,
) -> Result<Request, (ApiError, Vec<(String, String)>)> {
    if let Some(v) = req.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok()) {
        return if same(v, expected) {
            Ok(req)
        } else {
            Err((csrf_failed(), Vec::new()))
        };
    }
    if let Some(v) = query_param(req.uri(), CSRF_FIELD) {
        return if same(&v, expected) {
            Ok(req)
        } else {
            Err((csrf_failed(), Vec::new()))
        };
    }
    if !is_form(&req) {
        return Err((csrf_failed(), Vec::new()));
    }
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 20).await.map_err(|_| {
        let e = ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            "the form is larger than 1 MB",
        );
        (e, Vec::new())
    })?;
    let token = form_field(&bytes, CSRF_FIELD);
    if !token.is_some_and(|t| same(&t, expected)) {
        return Err((csrf_failed(), typed_fields(&bytes)));
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

fn form_field(body: &[u8], name: &str) -> Option<String> {
    url_decode_pairs(body)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// `application/x-www-form-urlencoded` pairs.
pub fn url_decode_pairs(body: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(body);
    text.split('&')
        .filter(|kv| !kv.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (url_decode(k), url_decode(v))
        })
        .collect()
}

fn url_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn session_cookie(state: &AppState, token: &str, max_age_secs: i64) -> HeaderValue {
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let v = format!(
        "{SESSION_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age_secs}{secure}"
    );
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static(""))
}

async fn start_session(state: &AppState, user: &User) -> ApiResult<(HeaderValue, String)> {
    let hours = state.config.session_hours;
    let (token, csrf) = state.store.create_session(&user.username, hours).await?;
    state
        .store
        .audit(&NewAudit {
            ..NewAudit::new(&user.username, AuditAction::Login)
        })
        .await?;
    Ok((session_cookie(state, &token, hours * 3600), csrf))
}

fn cross_site_login() -> ApiError {
    ApiError::forbidden("a login must come from PaperLite's own login page")
        .with_code("cross_site_request")
}

/// `POST /api/login`.
pub async fn login_json(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(login): ApiJson<LoginRequest>,
) -> ApiResult<Response> {
    if !same_origin(&headers) {
        return Err(cross_site_login());
    }
    let user = check_login(&state, &login).await?;
    let (cookie, csrf) = start_session(&state, &user).await?;
    let mut response = Json(json!({
        "username": user.username, "role": user.role, "csrf_token": csrf,
    }))
    .into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(response)
}

/// `POST /login` (the form).
pub async fn login_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(login): Form<LoginRequest>,
) -> Response {
    if !same_origin(&headers) {
        // Login CSRF: another site must not log this browser in as someone else.
        let e = cross_site_login();
        let mut page = crate::ui::login_html(Some(&e.message)).into_response();
        *page.status_mut() = e.status;
        return page;
    }
    match check_login(&state, &login).await {
        Ok(user) => match start_session(&state, &user).await {
            Ok((cookie, _)) => {
                let mut r = Redirect::to("/").into_response();
                r.headers_mut().insert(header::SET_COOKIE, cookie);
                r
            }
            Err(e) => e.into_response(),
        },
        Err(e) => {
            let mut page = crate::ui::login_html(Some(&e.message)).into_response();
            *page.status_mut() = e.status;
            if let Some(s) = e.retry_after {
                if let Ok(v) = HeaderValue::from_str(&s.to_string()) {
                    page.headers_mut().insert(header::RETRY_AFTER, v);
                }
            }
            page
        }
    }
}

async fn end_session(state: &AppState, headers: &HeaderMap) -> ApiResult<HeaderValue> {
    if let Some(token) = cookie_value(headers, SESSION_COOKIE) {
        state.store.end_session(&token).await?;
    }
    Ok(session_cookie(state, "", 0))
}

/// `POST /api/logout`.
pub async fn logout_json(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    let cookie = end_session(&state, &headers).await?;
    let mut r = Json(json!({"logged_out": true})).into_response();
    r.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(r)
}

/// `POST /logout`.
pub async fn logout_form(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    let cookie = end_session(&state, &headers).await?;
    let mut r = Redirect::to("/login").into_response();
    r.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(r)
}

/// `GET /api/me`.
pub async fn me(Extension(me): Extension<CurrentUser>) -> Json<serde_json::Value> {
    Json(json!({"username": me.user.username, "role": me.user.role, "csrf_token": me.csrf}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_bodies_decode() {
        let pairs = url_decode_pairs(b"csrf_token=ab%2Fc&reason=too+urgent%21&x");
        assert_eq!(pairs[0], ("csrf_token".to_string(), "ab/c".to_string()));
        assert_eq!(pairs[1].1, "too urgent!");
        assert_eq!(pairs[2], ("x".to_string(), String::new()));
    }
}
