//! Headers every response carries, and the same-origin check of the login form.
//!
//! - `Cache-Control: no-store` (unless a handler chose otherwise): pages and JSON carry
//!   patient data, and Back after logging out on a shared ward PC must not show them again.
//! - A Content-Security-Policy allowing nothing but this origin's own pages, images and
//!   inline styles (the UI has no scripts), no framing (`frame-ancestors 'none'` and
//!   `X-Frame-Options: DENY`), `X-Content-Type-Options: nosniff`, and
//!   `Referrer-Policy: same-origin` (search URLs hold NHS numbers: no other site gets them;
//!   `no-referrer` would make browsers send `Origin: null` on the login form).

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// The Content-Security-Policy of every response.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; img-src 'self'; \
     style-src 'self' 'unsafe-inline'; form-action 'self'; base-uri 'none'; \
     frame-ancestors 'none'";

/// Adds the security headers to every response.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    let fixed: [(HeaderName, &'static str); 4] = [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// False when the request says it comes from another site: `Sec-Fetch-Site` other than
/// `same-origin` or `none` (typed by the user), or, without it, an `Origin` whose host is
/// not the `Host` it was sent to (or `null`). Requests with neither header (scripts, old
/// browsers) pass.
pub fn same_origin(headers: &HeaderMap) -> bool {
    let text = |name: HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    match text(HeaderName::from_static("sec-fetch-site")) {
        Some("same-origin" | "none") => return true,
        Some(_) => return false,
        None => {}
    }
    let Some(origin) = text(header::ORIGIN) else {
        return true;
    };
    let origin_host = origin
        .split_once("://")
        .map(|(_, rest)| rest.trim_end_matches('/'));
    match (origin_host, text(header::HOST)) {
        (Some(origin_host), Some(host)) => origin_host.eq_ignore_ascii_case(host),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn origins_are_compared_with_the_host() {
        assert!(same_origin(&headers(&[("host", "ward:8080")])));
        assert!(same_origin(&headers(&[
            ("host", "ward:8080"),
            ("origin", "http://ward:8080")
        ])));
        assert!(!same_origin(&headers(&[
            ("host", "ward:8080"),
            ("origin", "https://evil.example")
        ])));
        assert!(!same_origin(&headers(&[
            ("host", "ward:8080"),
            ("origin", "null")
        ])));
        assert!(!same_origin(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(!same_origin(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(same_origin(&headers(&[
            ("sec-fetch-site", "same-origin"),
            ("origin", "null")
        ])));
    }
}
