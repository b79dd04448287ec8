//! Authentication and authorisation.
//!
//! - The browser logs in (`POST /api/login` or the login form) and gets a session cookie
//!   (HttpOnly, SameSite=Strict). A state-changing request made with the cookie must also
//!   carry the session's CSRF token: the `X-CSRF-Token` header, a `csrf_token` query
//!   parameter, or a `csrf_token` form field.
//! - Scripts send `Authorization: Bearer <token>` (from `paperlite user token`); no CSRF
//!   token is needed, since a browser never adds that header by itself.
//! - [`authorize`] runs before every route: it finds the route in the route table, refuses
//!   unknown routes, anonymous callers (401) and wrong roles (403).
//! - Failed logins are counted per username; after a few, each further try must wait
//!   (doubling, up to five minutes), answered 429 with `Retry-After`.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form, Json};
use serde::Deserialize;
use serde_json::json;

use super::error::{ApiError, ApiJson, ApiResult};
use super::routes::{self, Access};
use super::AppState;
use crate::accounts::{dummy_hash, verify_password, NewAudit, User};

pub const SESSION_COOKIE: &str = "paperlite_session";
pub const CSRF_HEADER: &str = "x-csrf-token";
const CSRF_FIELD: &str = "csrf_token";

/// Failures allowed before a username must wait.
const FREE_FAILURES: u32 = 3;
const MAX_WAIT: Duration = Duration::from_secs(300);

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

/// Per-username count of failed logins.
#[derive(Debug, Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl LoginThrottle {
    /// How long `username` must still wait before trying again.
    pub fn wait(&self, username: &str) -> Option<Duration> {
        let map = self.failures.lock().ok()?;
        let (n, last) = map.get(username)?;
        let wait = Self::delay(*n)?;
        let elapsed = last.elapsed();
        (elapsed < wait).then(|| wait - elapsed)
    }

    fn delay(failures: u32) -> Option<Duration> {
        (failures >= FREE_FAILURES).then(|| {
            let exp = (failures - FREE_FAILURES).min(16);
            Duration::from_secs(1u64 << exp).min(MAX_WAIT)
        })
    }

    pub fn failed(&self, username: &str) {
        if let Ok(mut map) = self.failures.lock() {
            if map.len() > 100_000 {
                map.retain(|_, (_, last)| last.elapsed() < MAX_WAIT);
            }
            let e = map
                .entry(username.to_string())
                .or_insert((0, Instant::now()));
            e.0 += 1;
            e.1 = Instant::now();
        }
    }

    pub fn succeeded(&self, username: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(username);
        }
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

/// Checks every request against the route table.
pub async fn authorize(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let matched = req.extensions().get::<MatchedPath>().cloned();
    match check(&state, matched, req).await {
        Ok(req) => next.run(req).await,
        Err((e, html)) if html && e.status == StatusCode::UNAUTHORIZED => {
            Redirect::to("/login").into_response()
        }
        Err((e, _)) => e.into_response(),
    }
}

async fn check(
    state: &AppState,
    matched: Option<MatchedPath>,
    req: Request,
) -> Result<Request, (ApiError, bool)> {
    let html = wants_html(req.headers()) && !req.uri().path().starts_with("/api/");
    let path = matched.as_ref().map_or("", |m| m.as_str());
    let method = if req.method() == Method::HEAD {
        Method::GET
    } else {
        req.method().clone()
    };
    let Some(spec) = routes::find(&method, path) else {
        return Err((
            ApiError::internal(format!(
                "route {} {path} is not in the route table",
                req.method()
            )),
            html,
        ));
    };
    if spec.access == Access::Public {
        return Ok(req);
    }
    let (user, csrf) = authenticate(state, req.headers())
        .await
        .map_err(|e| (e, html))?;
    if !spec.access.admits(user.role) {
        return Err((
            ApiError::forbidden(format!(
                "the {} role may not use {} {}",
                user.role, spec.method, spec.path
            )),
            html,
        ));
    }
    let mut req = req;
    let state_changing = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if let (true, Some(expected)) = (state_changing, csrf.as_deref()) {
        req = check_csrf(req, expected).await.map_err(|e| (e, html))?;
    }
    req.extensions_mut().insert(CurrentUser { user, csrf });
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
        "missing or wrong CSRF token: send the X-CSRF-Token header (from /api/login or /api/me)",
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

async fn check_csrf(req: Request, expected: &str) -> ApiResult<Request> {
    if let Some(v) = req.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok()) {
        return if same(v, expected) {
            Ok(req)
        } else {
            Err(csrf_failed())
        };
    }
    if let Some(v) = query_param(req.uri(), CSRF_FIELD) {
        return if same(&v, expected) {
            Ok(req)
        } else {
            Err(csrf_failed())
        };
    }
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(csrf_failed());
    }
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 20).await.map_err(|_| {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            "the form is larger than 1 MB",
        )
    })?;
    let token = form_field(&bytes, CSRF_FIELD);
    if !token.is_some_and(|t| same(&t, expected)) {
        return Err(csrf_failed());
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

#[derive(Debug, Deserialize)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// Checks a username and password, with the back-off; returns the user.
async fn check_login(state: &AppState, login: &LoginRequest) -> ApiResult<User> {
    let name = login.username.trim().to_string();
    if let Some(wait) = state.throttle.wait(&name) {
        let secs = wait.as_secs().max(1);
        let mut e = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_attempts",
            format!("too many failed logins for {name:?}: try again in {secs} s"),
        );
        e.retry_after = Some(secs);
        return Err(e);
    }
    let found = state.store.user_with_hash(&name).await?;
    let password = login.password.clone();
    let (user, hash) = match found {
        Some((u, h)) => (Some(u), h),
        None => (None, dummy_hash().to_string()),
    };
    let ok = tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .map_err(ApiError::internal)?;
    match user {
        Some(u) if ok => {
            state.throttle.succeeded(&name);
            Ok(u)
        }
        _ => {
            state.throttle.failed(&name);
            Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "bad_credentials",
                "wrong username or password",
            ))
        }
    }
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
            username: &user.username,
            action: "login",
            ..NewAudit::default()
        })
        .await?;
    Ok((session_cookie(state, &token, hours * 3600), csrf))
}

/// `POST /api/login`.
pub async fn login_json(
    State(state): State<AppState>,
    ApiJson(login): ApiJson<LoginRequest>,
) -> ApiResult<Response> {
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
    Form(login): Form<LoginRequest>,
) -> Response {
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
            let mut page = super::ui::login_html(Some(&e.message)).into_response();
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
    fn back_off_starts_after_a_few_failures_and_doubles() {
        let t = LoginThrottle::default();
        for _ in 0..FREE_FAILURES - 1 {
            t.failed("ann");
        }
        assert!(t.wait("ann").is_none());
        t.failed("ann");
        assert!(t.wait("ann").is_some_and(|w| w <= Duration::from_secs(1)));
        t.failed("ann");
        assert!(t.wait("ann").is_some_and(|w| w > Duration::from_secs(1)));
        assert!(t.wait("bob").is_none());
        t.succeeded("ann");
        assert!(t.wait("ann").is_none());
    }

    #[test]
    fn form_bodies_decode() {
        let pairs = url_decode_pairs(b"csrf_token=ab%2Fc&reason=too+urgent%21&x");
        assert_eq!(pairs[0], ("csrf_token".to_string(), "ab/c".to_string()));
        assert_eq!(pairs[1].1, "too urgent!");
        assert_eq!(pairs[2], ("x".to_string(), String::new()));
    }
}
