//! The service under attack and misuse (issue 14): oversized queries, parallel password
//! guessing, login floods, caching of patient pages, wrong methods, cross-site logins,
//! stale forms, cut-short uploads, and the audit of who saw a patient.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::{json, Value};
use tower::ServiceExt;

use super::{assert_error_shape, cookie_of, get, send_json, Fixture};
use crate::html::url;
use service::accounts::{hash_password, Role};

fn html_get(path: &str, token: &str) -> anyhow::Result<Request<Body>> {
    Ok(Request::builder()
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::ACCEPT, "text/html")
        .body(Body::empty())?)
}

fn login_json(user: &str, password: &str) -> anyhow::Result<Request<Body>> {
    send_json(
        Method::POST,
        "/api/login",
        None,
        &json!({"username": user, "password": password}).to_string(),
    )
}

/// Logs in through the API; the cookie and CSRF token.
async fn session(f: &Fixture, user: &str, password: &str) -> anyhow::Result<(String, String)> {
    let response = f.app().oneshot(login_json(user, password)?).await?;
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = cookie_of(&response).unwrap_or_default();
    let body: Value =
        serde_json::from_slice(&axum::body::to_bytes(response.into_body(), usize::MAX).await?)?;
    Ok((
        cookie,
        body["csrf_token"].as_str().unwrap_or("").to_string(),
    ))
}

fn with_cookie(method: Method, path: &str, cookie: &str, csrf: Option<&str>) -> Request<Body> {
    let mut b = Request::builder()
        .method(method)
        .uri(path)
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(c) = csrf {
        b = b.header(crate::CSRF_HEADER, c);
    }
    b.body(Body::empty()).expect("request")
}

#[tokio::test]
async fn queries_nested_thousands_deep_are_refused_on_both_search_routes() -> anyhow::Result<()> {
    let f = Fixture::new().await?;
    f.document(
        "doc1",
        "999 000 0018",
        "Iron deficiency anaemia, ferritin 8.",
    )
    .await?;
    let clinician = f.token(Role::Clinician).await?;
    let deep = format!("{}anaemia{}", "(".repeat(2_100), ")".repeat(2_100));
    let not_chain = format!("{}anaemia", "NOT ".repeat(3_000));
    let nested_short = format!("{}anaemia{}", "(".repeat(100), ")".repeat(100));
    let wide = vec!["fever"; 100].join(" OR ");
    for (query, reason) in [
        (&deep, "characters long"),
        (&not_chain, "characters long"),
        (&nested_short, "levels deep"),
        (&wide, "words"),
    ] {
        let path = format!("/api/search?q={}", url(query));
        let (s, v) = f.json(get(&path, Some(&clinician))?).await?;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
        assert_error_shape(&v, "invalid_query");
        let message = v["error"]["message"].as_str().unwrap_or("");
        assert!(message.contains(reason), "{message}");
        let (s, page) = f
            .send(html_get(
                &format!("/ui/search?q={}", url(query)),
                &clinician,
            )?)
            .await?;
        let page = String::from_utf8_lossy(&page);
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert!(page.contains(reason) && page.contains("role=\"alert\""));
    }
    // Paging past the end is a clear 400, not an overflow.
    for path in [
        "/api/search?q=anaemia&page=9223372036854775808",
        "/api/search?q=anaemia&page=18446744073709551615",
        "/ui/search?q=anaemia&page=9223372036854775808",
    ] {
        let (s, body) = f.send(get(path, Some(&clinician))?).await?;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{path}");
        assert!(String::from_utf8_lossy(&body).contains("page"), "{path}");
    }
    // Modest queries still work, and the server is still up.
    let (s, v) = f
        .json(get(
            "/api/search?q=(anaemia%20OR%20bleeding)%20AND%20NOT%20smoker",
            Some(&clinician),
        )?)
        .await?;
    assert_eq!(
        (s, v["total_documents"].as_u64()),
        (StatusCode::OK, Some(1))
    );
    let (s, _) = f.json(get("/healthz", None)?).await?;
    assert_eq!(s, StatusCode::OK);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_guesses_stop_at_the_back_off() -> anyhow::Result<()> {
    let f = Fixture::new().await?;
    let hash = hash_password("s3cret-pass")?;
    f.state
        .store
        .put_user("ann", &hash, Role::Clinician)
        .await?;
    let mut tasks = Vec::new();
    for i in 0..40 {
        let app = f.app();
        tasks.push(tokio::spawn(async move {
            let req = login_json("ann", &format!("guess-{i}"))?;
            let response = app.oneshot(req).await?;
            anyhow::Ok(response.status())
        }));
    }
    let mut checked = 0;
    for t in tasks {
        match t.await?? {
            StatusCode::UNAUTHORIZED => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => {}
            other => panic!("unexpected {other}"),
        }
    }
    let free = f.state.throttle.policy().free_failures;
    assert!(
        checked <= free,
        "{checked} parallel guesses were checked; the back-off allows {free}"
    );
    // The right password now waits too.
    let (s, _) = f.json(login_json("ann", "s3cret-pass")?).await?;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    Ok(())
}

#[tokio::test]
async fn login_floods_are_bounded_in_memory() -> anyhow::Result<()> {
    let f = Fixture::new().await?;
    let hash = hash_password("s3cret-pass")?;
    f.state
        .store
        .put_user("ann", &hash, Role::Clinician)
        .await?;
    // A 1.5 MB username: refused before it is read whole.
    let huge = "u".repeat(1_500_000);
    let (s, v) = f.json(login_json(&huge, "x")?).await?;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{v}");
    let form = Request::builder()
        .method(Method::POST)
        .uri("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("username={huge}&password=x")))?;
    let (s, _) = f.send(form).await?;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    // A name no account could have is refused without hashing or tracking.
    let (s, v) = f.json(login_json(&"n".repeat(200), "x")?).await?;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_error_shape(&v, "bad_credentials");
    assert!(f.state.throttle.is_empty());
    // With every hashing slot taken, a login is answered 429 at once, and not counted.
    let permits = f.state.config.max_concurrent_logins as u32;
    let held = f
        .state
        .login_permits
        .clone()
        .acquire_many_owned(permits)
        .await?;
    let response = f.app().oneshot(login_json("ann", "s3cret-pass")?).await?;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(response.headers().contains_key(header::RETRY_AFTER));
    assert!(f.state.throttle.wait("ann").is_none());
    drop(held);
    let (s, _) = f.json(login_json("ann", "s3cret-pass")?).await?;
    assert_eq!(s, StatusCode::OK);
    // Failed and refused logins are in the audit log.
    let entries = f.state.store.audit_entries(None, None, None, 100).await?;
    for action in ["login_failed", "login_refused", "login"] {
        assert!(
            entries.iter().any(|e| e.action == action),
            "no {action} audited"
        );
    }
    Ok(())
}

#[tokio::test]
async fn patient_pages_are_not_cached_or_framed() -> anyhow::Result<()> {
    let f = Fixture::new().await?;
    f.document("doc1", "999 000 0018", "Iron deficiency anaemia.")
        .await?;
    let clinician = f.token(Role::Clinician).await?;
    for path in [
        "/ui/search?q=anaemia",
        "/api/search?q=anaemia",
        "/ui/documents/doc1",
        "/api/documents/doc1",
        "/api/me",
        "/login",
    ] {
        let response = f.app().oneshot(html_get(path, &clinician)?).await?;
        let h = response.headers();
        let value = |name: header::HeaderName| {
            h.get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        assert!(value(header::CACHE_CONTROL).contains("no-store"), "{path}");
        assert!(
            value(header::CONTENT_SECURITY_POLICY).contains("frame-ancestors 'none'"),
            "{path}"
        );
        assert_eq!(value(header::X_FRAME_OPTIONS), "DENY", "{path}");
        assert_eq!(value(header::X_CONTENT_TYPE_OPTIONS), "nosniff", "{path}");
        assert_eq!(value(header::REFERRER_POLICY), "same-origin", "{path}");
    }
    Ok(())
}

#[tokio::test]
async fn a_password_change_ends_the_other_sessions() -> anyhow::Result<()> {
    let f = Fixture::new().await?;
    let hash = hash_password("s3cret-pass")?;
    f.state
        .store
        .put_user("ann", &hash, Role::Clinician)
        .await?;
    let (ward_pc, csrf) = session(&f, "ann", "s3cret-pass").await?;
    let (other_pc, _) = session(&f, "ann", "s3cret-pass").await?;
    let mut change = with_cookie(Method::POST, "/api/password", &ward_pc, Some(&csrf));
    *change.body_mut() = Body::from(
        json!({"current_password": "s3cret-pass", "new_password": "n3w-passw0rd"}).to_string(),
    );
    let (s, v) = f.json(change).await?;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, _) = f
        .json(with_cookie(Method::GET, "/api/me", &other_pc, None))
        .await?;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "the other session still works");
    let (s, _) = f
        .json(with_cookie(Method::GET, "/api/me", &ward_pc, None))
        .await?;
    assert_eq!(s, StatusCode::OK, "the session that changed it goes on");
    let (s, _) = f.json(login_json("ann", "s3cret-pass")?).await?;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = f.json(login_json("ann", "n3w-passw0rd")?).await?;
    assert_eq!(s, StatusCode::OK);
    Ok(())
}

#[tokio::test]
async fn tokens_expire_and_are_listed_revoked_and_disabled_by_admins() -> anyhow::Result<()> {
    let f = Fixture::new().await?;
    let admin = f.token(Role::Admin).await?;
    let clinician = f.token(Role::Clinician).await?;
    let (s, _) = f.json(get("/api/me", Some(&clinician))?).await?;
    assert_eq!(s, StatusCode::OK);
    // Listed with an expiry, never the secret.
    let (s, v) = f.json(get("/api/users", Some(&admin))?).await?;
    assert_eq!(s, StatusCode::OK);
    let tokens = v["tokens"].as_array().cloned().unwrap_or_default();
    assert!(!v.to_string().contains(&clinician));
    let mine = tokens
        .iter()
        .find(|t| t["username"] == "clinician")
        .cloned()
        .unwrap_or(Value::Null);
    assert!(mine["expires_at"].is_string(), "{mine}");
    let id = mine["id"].as_str().unwrap_or("").to_string();
    // Revoked: refused at once.
    let path = format!("/api/tokens/{id}/revoke");
    let (s, v) = f
        .json(send_json(Method::POST, &path, Some(&admin), "")?)
        .await?;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, _) = f.json(get("/api/me", Some(&clinician))?).await?;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    // Expired: refused.
    let expired = f.token(Role::Clinician).await?;
    sqlx::query("UPDATE api_tokens SET expires_at = '2000-01-01T00:00:00.000Z'")
        .execute(f.state.store.pool())
        .await?;
    let (s, _) = f.json(get("/api/me", Some(&expired))?).await?;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    // A disabled user's new token and password stop working.
    sqlx::query("UPDATE api_tokens SET expires_at = NULL")
        .execute(f.state.store.pool())
        .await?;
    let fresh = f.token(Role::Consultant).await?;
    let (s, _) = f
        .json(send_json(
            Method::POST,
            "/api/users/consultant/disable",
            Some(&admin),
            "",
        )?)
        .await?;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = f.json(get("/api/me", Some(&fresh))?).await?;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    // The admin page lists users and tokens; others may not see it.
    let (s, page) = f.send(html_get("/ui/users", &admin)?).await?;
    let page = String::from_utf8_lossy(&page);
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("consultant") && page.contains("disabled") && page.contains(&id));
    let (s, _) = f.send(get("/ui/users", Some(&fresh))?).await?;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let other = f.token(Role::RecordsStaff).await?;
    let (s, _) = f.send(get("/ui/users", Some(&other))?).await?;
    assert_eq!(s, StatusCode::FORBIDDEN);
    Ok(())
}

#[tokio::test]
async fn wrong_methods_are_405_not_500() -> anyhow::Result<()> {
    let f = Fixture::new().await?;
    let clinician = f.token(Role::Clinician).await?;
    for (method, path) in [
        (Method::OPTIONS, "/api/search"),
        (Method::DELETE, "/api/documents/x"),
        (Method::PATCH, "/api/batches"),
        (Method::TRACE, "/ui/search"),
        (Method::GET, "/logout"),
        (Method::PUT, "/api/login"),
    ] {
        let req = Request::builder()
            .method(method.clone())
            .uri(path)
            .header(header::AUTHORIZATION, format!("Bearer {clinician}"))
            .body(Body::empty())?;
        let response = f.app().oneshot(req).await?;
        assert_eq!(
            response.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
        assert!(
            response.headers().contains_key(header::ALLOW),
            "{method} {path}"
        );
    }
    // The answer names the methods the path has, in the usual error shape.
    let req = Request::builder()
        .method(Method::DELETE)
        .uri("/api/batches")
        .body(Body::empty())?;
    let (s, v) = f.json(req).await?;
    assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED);
    assert_error_shape(&v, "method_not_allowed");
    let message = v["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("use POST or GET or HEAD"), "{message}");
    Ok(())
}

#[tokio::test]
async fn a_cross_site_login_form_is_refused() -> anyhow::Result<()> {
    let f = Fixture::new().await?;
    let hash = hash_password("s3cret-pass")?;
    f.state
        .store
        .put_user("ann", &hash, Role::Clinician)
        .await?;
    let form = |origin: &str| {
        Request::builder()
            .method(Method::POST)
            .uri("/login")
            .header(header::HOST, "paperlite.ward:8080")
            .header(header::ORIGIN, origin)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("username=ann&password=s3cret-pass"))
    };
    let response = f.app().oneshot(form("https://evil.example")?).await?;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(!response.headers().contains_key(header::SET_COOKIE));
    let response = f.app().oneshot(form("http://paperlite.ward:8080")?).await?;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(response.headers().contains_key(header::SET_COOKIE));
    Ok(())
}

#[tokio::test]
async fn refusals_in_the_browser_are_pages_with_a_way_back_and_the_typed_text() -> anyhow::Result<()>
{
    let f = Fixture::new().await?;
    let hash = hash_password("s3cret-pass")?;
    f.state
        .store
        .put_user("rita", &hash, Role::RecordsStaff)
        .await?;
    let clinician = f.token(Role::Clinician).await?;
    // Forbidden: an HTML page with the navigation and a link back, not raw JSON.
    let (s, page) = f.send(html_get("/ui/audit", &clinician)?).await?;
    let page = String::from_utf8_lossy(&page);
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(page.starts_with("<!doctype html>"), "{page}");
    assert!(page.contains("href=\"/ui/search\"") && page.contains("<a href=\"/\">"));
    // A stale form (the CSRF token of an older login): the text typed is shown back.
    let (cookie, _) = session(&f, "rita", "s3cret-pass").await?;
    let typed = "Corrected <b>text</b> of the letter";
    let stale = Request::builder()
        .method(Method::POST)
        .uri("/ui/qa/doc9/1")
        .header(header::COOKIE, &cookie)
        .header(header::ACCEPT, "text/html")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("csrf_token=old&text={}", url(typed))))?;
    let (s, page) = f.send(stale).await?;
    let page = String::from_utf8_lossy(&page);
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(
        page.contains("Corrected &lt;b&gt;text&lt;/b&gt; of the letter"),
        "{page}"
    );
    assert!(page.contains("href=\"/ui/qa/doc9/1\""), "{page}");
    // Refusals are audited.
    let refused = f
        .state
        .store
        .audit_entries(None, Some("request_refused"), None, 10)
        .await?;
    assert!(refused.len() >= 2, "{refused:?}");
    Ok(())
}

#[tokio::test]
async fn a_batch_whose_upload_was_cut_short_says_so() -> anyhow::Result<()> {
    let f = Fixture::new().await?;
    let staff = f.token(Role::RecordsStaff).await?;
    let store = &f.state.store;
    // The server stored 3 of 30 files, then was killed.
    let batch = store.create_batch("records_staff", 30).await?;
    store.begin_upload(&batch.id).await?;
    store.upload_received(&batch.id, 3).await?;
    let path = format!("/api/batches/{}", batch.id);
    let (_, v) = f.json(get(&path, Some(&staff))?).await?;
    assert_eq!(v["upload"]["state"], "receiving", "{v}");
    assert_eq!(v["finished"], false);
    // At the next start the open upload is closed with what arrived.
    assert_eq!(store.close_interrupted_uploads().await?, 1);
    let (_, v) = f.json(get(&path, Some(&staff))?).await?;
    assert_eq!(v["upload"]["state"], "cut_short", "{v}");
    assert_eq!(
        (
            v["upload"]["received"].as_i64(),
            v["upload"]["expected"].as_i64()
        ),
        (Some(3), Some(30))
    );
    let (_, page) = f
        .send(html_get(&format!("/ui/batches/{}", batch.id), &staff)?)
        .await?;
    assert!(String::from_utf8_lossy(&page).contains("cut short: 3 of its 30 files arrived"));
    Ok(())
}

#[tokio::test]
async fn searches_record_the_patients_they_showed_and_the_audit_filters_by_patient(
) -> anyhow::Result<()> {
    let f = Fixture::new().await?;
    f.document("doc1", "999 000 0018", "Iron deficiency anaemia.")
        .await?;
    f.document("doc2", "999 000 0026", "Anaemia under investigation.")
        .await?;
    f.document("doc3", "999 000 0034", "Rectal bleeding.")
        .await?;
    let clinician = f.token(Role::Clinician).await?;
    let admin = f.token(Role::Admin).await?;
    let (s, _) = f
        .json(get("/api/search?q=anaemia", Some(&clinician))?)
        .await?;
    assert_eq!(s, StatusCode::OK);
    let (s, v) = f
        .json(get("/api/audit?patient=9990000026", Some(&admin))?)
        .await?;
    assert_eq!(s, StatusCode::OK);
    let entries = v["entries"].as_array().cloned().unwrap_or_default();
    assert!(
        entries
            .iter()
            .any(|e| e["action"] == "search" && e["username"] == "clinician"),
        "{v}"
    );
    assert!(entries.iter().all(|e| {
        e["nhs_number"].as_str().map(|n| n.replace(' ', "")) == Some("9990000026".to_string())
    }));
    let (_, v) = f
        .json(get("/api/audit?patient=999%20000%200034", Some(&admin))?)
        .await?;
    assert!(
        v["entries"].as_array().is_some_and(|e| e.is_empty()),
        "doc3 was not shown: {v}"
    );
    Ok(())
}

#[tokio::test]
async fn the_label_export_is_pseudonymised_unless_an_admin_asks() -> anyhow::Result<()> {
    let f = Fixture::new().await?;
    let letter = "Patient: KHAN, Karen (Miss)\nNHS number: 999 279 8440\n\
                  Date of birth: 10-Apr-1958\nAddress: 12 Mill Lane, Leeds LS6 2AB\n\
                  Rectal bleeding for three months.";
    f.document("doc1", "999 279 8440", letter).await?;
    f.suggestion("doc1").await?;
    let consultant = f.token(Role::Consultant).await?;
    let (s, _) = f
        .json(send_json(
            Method::POST,
            "/api/triage/doc1/accept",
            Some(&consultant),
            "",
        )?)
        .await?;
    assert_eq!(s, StatusCode::OK);
    let scientist = f.token(Role::DataScientist).await?;
    let (s, body) = f
        .send(get("/api/triage/labels.jsonl", Some(&scientist))?)
        .await?;
    let body = String::from_utf8_lossy(&body);
    assert_eq!(s, StatusCode::OK);
    for identifier in [
        "KHAN",
        "Karen",
        "999 279 8440",
        "1958",
        "Mill Lane",
        "LS6 2AB",
    ] {
        assert!(!body.contains(identifier), "{identifier} exported: {body}");
    }
    assert!(body.contains("[NAME]") && body.contains("Rectal bleeding"));
    let (s, _) = f
        .send(get(
            "/api/triage/labels-identifiable.jsonl",
            Some(&scientist),
        )?)
        .await?;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let admin = f.token(Role::Admin).await?;
    let (s, body) = f
        .send(get("/api/triage/labels-identifiable.jsonl", Some(&admin))?)
        .await?;
    assert_eq!(s, StatusCode::OK);
    assert!(String::from_utf8_lossy(&body).contains("999 279 8440"));
    let audited = f
        .state
        .store
        .audit_entries(Some("admin"), Some("export_labels_identifiable"), None, 10)
        .await?;
    assert_eq!(audited.len(), 1);
    Ok(())
}

/// A tiny PDF (under 1 KB) whose one page is 2,930 points square, with a text layer.
fn huge_page_pdf() -> Vec<u8> {
    let content = "BT /F1 24 Tf 72 2800 Td (Referral: rectal bleeding and anaemia.) Tj ET";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 2930 2930] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_string(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        pdf.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

#[tokio::test]
async fn a_thumbnail_of_a_huge_pdf_page_renders_at_its_own_size_and_is_cached() -> anyhow::Result<()>
{
    let f = Fixture::new().await?;
    let pdf = huge_page_pdf();
    assert!(pdf.len() < 1_000);
    let id = service::blobs::sha256_hex(&pdf);
    f.document(
        &id,
        "999 000 0018",
        "Referral: rectal bleeding and anaemia.",
    )
    .await?;
    f.state.blobs.put(&id, &pdf)?;
    // Scanning refuses pages over 20 megapixels here; the page is 149 at 300 DPI, so only
    // a render at the thumbnail's own size can succeed.
    let mut state = f.state.clone();
    let mut config = (*state.config).clone();
    config.load.max_megapixels = 20;
    state.config = std::sync::Arc::new(config);
    let clinician = f.token(Role::Clinician).await?;
    let path = format!("/api/documents/{id}/pages/1/image?width=120");
    let fetch = |state: crate::AppState| {
        let req = get(&path, Some(&clinician));
        async move {
            let response = crate::app(state).oneshot(req?).await?;
            let status = response.status();
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await?;
            anyhow::Ok((status, bytes))
        }
    };
    let (s, png) = fetch(state.clone()).await?;
    assert_eq!(s, StatusCode::OK, "{}", String::from_utf8_lossy(&png));
    let image = image::load_from_memory(&png)?;
    assert_eq!(image.width(), 120);
    // Cached: served again after the original is gone.
    std::fs::remove_file(f.state.blobs.path_of(&id))?;
    let (s, again) = fetch(state).await?;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(again, png);
    Ok(())
}
