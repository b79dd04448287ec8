//! Route tests: `app(state).oneshot(request)` on a temporary SQLite store, no socket.

mod abuse;
mod escaping;

use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use index::{IndexConfig, SearchIndex};
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::routes::{self, Access};
use crate::{app, AppState, ServerConfig};
use service::accounts::{hash_password, Role};
use service::blobs::BlobStore;
use service::store::{NewDocument, Store};
use service::suggestions::{NewSuggestion, StoredFlag};

struct Fixture {
    _dir: tempfile::TempDir,
    state: AppState,
    /// PostgreSQL: the server URL and the test's own database, dropped by `finish`.
    postgres: Option<(String, String)>,
}

impl Fixture {
    async fn new() -> anyhow::Result<Fixture> {
        let dir = tempfile::tempdir()?;
        let store = Store::open_sqlite(&dir.path().join("paperlite.sqlite")).await?;
        Fixture::with_store(dir, store, None)
    }

    /// The same on a fresh PostgreSQL database. The tests that use it are `#[ignore]`d
    /// (so counted as such in the summary) unless `PAPERLITE_TEST_POSTGRES_URL` was set
    /// when they were built (`build.rs`).
    async fn postgres(test: &str) -> anyhow::Result<Fixture> {
        use sqlx::{Connection, Executor};
        let url = std::env::var("PAPERLITE_TEST_POSTGRES_URL")
            .map_err(|_| anyhow::anyhow!("{test}: PAPERLITE_TEST_POSTGRES_URL is not set"))?;
        let name = format!(
            "paperlite_api_{test}_{}_{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)?
                .subsec_nanos()
        );
        let mut admin = sqlx::PgConnection::connect(&url).await?;
        admin
            .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .await?;
        admin.close().await?;
        let base = url.rsplit_once('/').map_or(url.as_str(), |(b, _)| b);
        let store = Store::connect(&format!("{base}/{name}")).await?;
        Fixture::with_store(tempfile::tempdir()?, store, Some((url.clone(), name)))
    }

    /// Closes the store and drops a PostgreSQL test database.
    async fn finish(self) -> anyhow::Result<()> {
        use sqlx::{Connection, Executor};
        self.state.store.close().await;
        if let Some((url, name)) = &self.postgres {
            let mut admin = sqlx::PgConnection::connect(url).await?;
            admin
                .execute(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .await?;
        }
        Ok(())
    }

    fn with_store(
        dir: tempfile::TempDir,
        store: Store,
        postgres: Option<(String, String)>,
    ) -> anyhow::Result<Fixture> {
        let blobs = BlobStore::open(dir.path().join("blobs"))?;
        let index = Arc::new(SearchIndex::create_in_ram(IndexConfig::default())?);
        let config = ServerConfig {
            max_upload_bytes: 256 * 1024,
            ..ServerConfig::default()
        };
        let state = AppState::new(store, index, blobs, None, config);
        Ok(Fixture {
            _dir: dir,
            state,
            postgres,
        })
    }

    fn app(&self) -> Router {
        app(self.state.clone())
    }

    /// A user of `role` (named after it) and a bearer token for them.
    async fn token(&self, role: Role) -> anyhow::Result<String> {
        let store = &self.state.store;
        if store.user(role.as_str()).await?.is_none() {
            store.put_user(role.as_str(), "no password", role).await?;
        }
        Ok(store.create_api_token(role.as_str()).await?)
    }

    async fn send(&self, req: Request<Body>) -> anyhow::Result<(StatusCode, Vec<u8>)> {
        let response = self.app().oneshot(req).await?;
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await?;
        Ok((status, bytes.to_vec()))
    }

    async fn json(&self, req: Request<Body>) -> anyhow::Result<(StatusCode, Value)> {
        let (status, bytes) = self.send(req).await?;
        let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Ok((status, value))
    }

    /// A stored, done document with one page of `text`.
    async fn document(&self, id: &str, nhs: &str, text: &str) -> anyhow::Result<()> {
        let mut extraction = ocr::extract::extract(text);
        extraction.nhs_number = Some(nhs.to_string());
        self.document_extracted(id, text, &extraction).await
    }

    /// A stored, done document with one page of `text` and the fields `extraction` gives.
    async fn document_extracted(
        &self,
        id: &str,
        text: &str,
        extraction: &types::Extraction,
    ) -> anyhow::Result<()> {
        let store = &self.state.store;
        store
            .begin_document(&NewDocument {
                id,
                file_name: &format!("{id}.png"),
                path: id,
                format: Some("png"),
                size_bytes: 10,
            })
            .await?;
        let page = types::PageText {
            page: 1,
            text: text.to_string(),
            words: Vec::new(),
            mean_confidence: 95.0,
            needs_review: false,
            review_reason: None,
            source: types::TextSource::Ocr,
            width: 100,
            height: 100,
            dpi: 300,
            rotation_degrees: 0,
            skew_degrees: 0.0,
            ink_ratio: 0.1,
            unread_text: 0.0,
            elapsed_ms: 1,
        };
        store.store_page(id, &page).await?;
        store.finish_document(id, 1, extraction).await?;
        service::indexing::sync_index(store, &self.state.index).await?;
        Ok(())
    }

    async fn suggestion(&self, id: &str) -> anyhow::Result<()> {
        let probs = vec![
            ("urgent_suspected_cancer".to_string(), 0.7),
            ("routine".to_string(), 0.3),
        ];
        let flags = vec![StoredFlag {
            rule: "U1".into(),
            start: 0,
            end: 6,
            text: "Rectal".into(),
        }];
        self.state
            .store
            .store_suggestion(&NewSuggestion {
                document_id: id,
                model: "test",
                urgency: "urgent_suspected_cancer",
                pathway: "lower_gi",
                urgency_probabilities: &probs,
                pathway_probabilities: &[("lower_gi".to_string(), 1.0)],
                p_low_risk: 0.3,
                red_flags: &flags,
                auto_routed: false,
                routing_reason: "red flag U1: Rectal",
            })
            .await?;
        Ok(())
    }
}

fn get(path: &str, token: Option<&str>) -> anyhow::Result<Request<Body>> {
    let mut b = Request::builder().uri(path);
    if let Some(t) = token {
        b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    Ok(b.body(Body::empty())?)
}

fn send_json(
    method: Method,
    path: &str,
    token: Option<&str>,
    body: &str,
) -> anyhow::Result<Request<Body>> {
    let mut b = Request::builder()
        .method(method)
        .uri(path)
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    Ok(b.body(Body::from(body.to_string()))?)
}

fn multipart(path: &str, token: &str, files: &[(&str, &[u8])]) -> anyhow::Result<Request<Body>> {
    let boundary = "paperliteboundary";
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Ok(Request::builder()
        .method(Method::POST)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))?)
}

fn assert_error_shape(v: &Value, code: &str) {
    assert_eq!(v["error"]["code"], code, "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{v}"
    );
}

#[tokio::test]
async fn bad_requests_get_4xx_in_one_shape_and_the_server_stays_up() -> anyhow::Result<()> {
    let f = Fixture::new().await?;
    let staff = f.token(Role::RecordsStaff).await?;
    let clinician = f.token(Role::Clinician).await?;
    let consultant = f.token(Role::Consultant).await?;

    // Malformed JSON.
    let (s, v) = f
        .json(send_json(
            Method::POST,
            "/api/login",
            None,
            "{\"username\": ",
        )?)
        .await?;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_error_shape(&v, "malformed_json");
    let (s, v) = f
        .json(send_json(
            Method::POST,
            "/api/triage/x/override",
            Some(&consultant),
            "not json",
        )?)
        .await?;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_error_shape(&v, "malformed_json");

    // Oversized upload (the fixture's limit is 256 KiB).
    let big = vec![0u8; 400 * 1024];
    let (s, v) = f
        .json(multipart("/api/batches", &staff, &[("big.png", &big)])?)
        .await?;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    assert_error_shape(&v, "payload_too_large");
    assert!(v["error"]["message"]
        .as_str()
        .unwrap_or("")
        .contains("limit"));

    // Wrong content type for an upload.
    let (s, v) = f
        .json(send_json(Method::POST, "/api/batches", Some(&staff), "{}")?)
        .await?;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_error_shape(&v, "unsupported_media_type");

    // A file that is not a scan is a failed file of the batch, with its reason.
    let (s, v) = f
        .json(multipart(
            "/api/batches",
            &staff,
            &[("notes.txt", b"hello")],
        )?)
        .await?;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["files"][0]["status"], "failed");
    let batch = v["batch_id"].as_str().unwrap_or("").to_string();
    let (s, v) = f
        .json(get(&format!("/api/batches/{batch}"), Some(&staff))?)
        .await?;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["failed"], 1);
    assert!(
        v["file_jobs"][0]["error"]
            .as_str()
            .is_some_and(|e| !e.is_empty()),
        "{v}"
    );

    // Query syntax the search cannot parse, and a bad date.
    let (s, v) = f
        .json(get("/api/search?q=%28anaemia", Some(&clinician))?)
        .await?;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_error_shape(&v, "invalid_query");
    let (s, v) = f
        .json(get("/api/search?q=a&from=yesterday", Some(&clinician))?)
        .await?;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_error_shape(&v, "invalid_date");
    let (s, v) = f
        .json(get("/api/search?limit=x&q=a", Some(&clinician))?)
        .await?;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_error_shape(&v, "invalid_query_string");

    // Unknown document, page, route.
    let (s, v) = f
        .json(get("/api/documents/nope", Some(&clinician))?)
        .await?;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_error_shape(&v, "not_found");
    let (s, v) = f
        .json(get("/api/documents/nope/pages/x", Some(&clinician))?)
        .await?;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_error_shape(&v, "invalid_path");
    let (s, v) = f.json(get("/api/nothing-here", None)?).await?;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_error_shape(&v, "not_found");

    // Still up.
    let (s, v) = f.json(get("/healthz", None)?).await?;
    assert_eq!((s, &v["status"]), (StatusCode::OK, &json!("ok")));
    Ok(())
}

#[tokio::test]
async fn every_route_refuses_anonymous_callers_and_wrong_roles() -> anyhow::Result<()> {
    let f = Fixture::new().await?;
    let mut tokens = Vec::new();
    for role in Role::ALL {
        tokens.push((role, f.token(role).await?));
    }
    // The routes as the router was built from them: each was added with its access.
    let table = routes::table(f.state.clone());
    let all = table.specs().to_vec();
    let mut checked = 0;
    let mut public = 0;
    for route in &all {
        let path = route.example_path("x");
        let req = |token: Option<&str>| -> anyhow::Result<Request<Body>> {
            let mut b = Request::builder().method(route.method()).uri(&path);
            if let Some(t) = token {
                b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
            }
            Ok(b.body(Body::empty())?)
        };
        if route.access == Access::Public {
            // Explicitly public: answered without credentials.
            let (s, _) = f.send(req(None)?).await?;
            assert_ne!(s, StatusCode::UNAUTHORIZED, "{} {path}", route.method);
            public += 1;
            continue;
        }
        let (s, v) = f.json(req(None)?).await?;
        assert_eq!(
            s,
            StatusCode::UNAUTHORIZED,
            "{} {path} without credentials",
            route.method
        );
        assert_error_shape(&v, "unauthorized");
        for (role, token) in &tokens {
            if route.access.admits(*role) {
                continue;
            }
            let (s, v) = f.json(req(Some(token))?).await?;
            assert_eq!(
                s,
                StatusCode::FORBIDDEN,
                "{} {path} as {role}",
                route.method
            );
            assert_error_shape(&v, "forbidden");
            checked += 1;
        }
        // An allowed role gets past the check (whatever the handler then says).
        let allowed = tokens.iter().find(|(r, _)| route.access.admits(*r));
        if let Some((role, token)) = allowed {
            let (s, _) = f.send(req(Some(token))?).await?;
            assert!(
                s != StatusCode::UNAUTHORIZED && s != StatusCode::FORBIDDEN,
                "{} {path} as {role}: {s}",
                route.method
            );
        }
    }
    assert!(checked > 50, "only {checked} refusals checked");
    assert_eq!(
        public, 6,
        "public routes: healthz, metrics, openapi, two logins, login page"
    );
    // A bad token is no token.
    let (s, _) = f.json(get("/api/search?q=a", Some("plt_forged"))?).await?;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    // The OpenAPI document lists the same routes.
    let (s, doc) = f.json(get("/api/openapi.json", None)?).await?;
    assert_eq!(s, StatusCode::OK);
    for route in all.iter().filter(|r| r.path.starts_with("/api/")) {
        let op = &doc["paths"][route.path][route.method.to_ascii_lowercase()];
        assert!(
            op.is_object(),
            "{} {} missing from openapi.json",
            route.method,
            route.path
        );
    }
    Ok(())
}

fn cookie_of(response: &axum::response::Response) -> Option<String> {
    let set = response.headers().get(header::SET_COOKIE)?.to_str().ok()?;
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    set.split(';').next().map(str::to_string)
}

#[tokio::test]
async fn login_gives_a_session_that_needs_csrf_and_failures_slow_down() -> anyhow::Result<()> {
    let f = Fixture::new().await?;
    let hash = hash_password("s3cret-pass")?;
    f.state
        .store
        .put_user("dr_jones", &hash, Role::Consultant)
        .await?;
    f.state
        .store
        .put_user("ann", &hash, Role::Clinician)
        .await?;

    let login = |user: &str, pw: &str| {
        send_json(
            Method::POST,
            "/api/login",
            None,
            &json!({"username": user, "password": pw}).to_string(),
        )
    };
    let response = f.app().oneshot(login("dr_jones", "s3cret-pass")?).await?;
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = cookie_of(&response).unwrap_or_default();
    let body: Value =
        serde_json::from_slice(&axum::body::to_bytes(response.into_body(), usize::MAX).await?)?;
    let csrf = body["csrf_token"].as_str().unwrap_or("").to_string();
    assert_eq!(body["role"], "consultant");

    let with_cookie = |method: Method, path: &str, csrf: Option<&str>| {
        let mut b = Request::builder()
            .method(method)
            .uri(path)
            .header(header::COOKIE, cookie.clone());
        if let Some(c) = csrf {
            b = b.header(crate::CSRF_HEADER, c);
        }
        b.body(Body::empty())
    };
    let (s, v) = f.json(with_cookie(Method::GET, "/api/me", None)?).await?;
    assert_eq!(
        (s, v["username"].as_str()),
        (StatusCode::OK, Some("dr_jones"))
    );
    // A state-changing request with the cookie but no CSRF token is refused.
    let (s, v) = f
        .json(with_cookie(Method::POST, "/api/triage/x/accept", None)?)
        .await?;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_error_shape(&v, "csrf_failed");
    let (s, _) = f
        .json(with_cookie(
            Method::POST,
            "/api/triage/x/accept",
            Some("wrong"),
        )?)
        .await?;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // With it, the request reaches the handler (no such letter).
    let (s, v) = f
        .json(with_cookie(
            Method::POST,
            "/api/triage/x/accept",
            Some(&csrf),
        )?)
        .await?;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");

    // Wrong passwords: refused, then slowed down with Retry-After.
    for _ in 0..3 {
        let (s, v) = f.json(login("ann", "guess")?).await?;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        assert_error_shape(&v, "bad_credentials");
    }
    let response = f.app().oneshot(login("ann", "s3cret-pass")?).await?;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(response.headers().contains_key(header::RETRY_AFTER));
    // Another user is not affected, and an unknown user is refused like a wrong password.
    let (s, _) = f.json(login("dr_jones", "s3cret-pass")?).await?;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = f.json(login("nobody", "x")?).await?;
    assert_eq!(s, StatusCode::UNAUTHORIZED);

    // Logging out ends the session.
    let (s, _) = f
        .json(with_cookie(Method::POST, "/api/logout", Some(&csrf))?)
        .await?;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = f.json(with_cookie(Method::GET, "/api/me", None)?).await?;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    Ok(())
}

#[tokio::test]
async fn searches_and_page_views_are_in_the_audit_log() -> anyhow::Result<()> {
    audit_flow(Fixture::new().await?).await
}

#[tokio::test]
#[cfg_attr(
    not(paperlite_postgres),
    ignore = "PAPERLITE_TEST_POSTGRES_URL is not set"
)]
async fn searches_and_page_views_are_in_the_audit_log_on_postgres() -> anyhow::Result<()> {
    audit_flow(Fixture::postgres("audit").await?).await
}

async fn audit_flow(f: Fixture) -> anyhow::Result<()> {
    f.document(
        "doc1",
        "9990000018",
        "Referral: iron deficiency anaemia, Hb 92.",
    )
    .await?;
    let clinician = f.token(Role::Clinician).await?;
    let admin = f.token(Role::Admin).await?;

    let (s, v) = f
        .json(get(
            "/api/search?q=anaemia&patient=9990000018",
            Some(&clinician),
        )?)
        .await?;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["total_documents"], 1);
    let snippet = v["hits"][0]["pages"][0]["snippet"].as_str().unwrap_or("");
    assert!(snippet.contains("<mark>anaemia</mark>"), "{snippet}");
    let (s, v) = f
        .json(get("/api/documents/doc1/pages/1", Some(&clinician))?)
        .await?;
    assert_eq!(s, StatusCode::OK);
    assert!(v["text"].as_str().unwrap_or("").contains("Hb 92"));

    let (s, v) = f.json(get("/api/audit", Some(&admin))?).await?;
    assert_eq!(s, StatusCode::OK);
    let entries = v["entries"].as_array().cloned().unwrap_or_default();
    let search = entries.iter().find(|e| e["action"] == "search");
    assert!(search.is_some_and(|e| e["username"] == "clinician"
        && e["nhs_number"] == "9990000018"
        && e["detail"].as_str().unwrap_or("").contains("anaemia")));
    let view = entries.iter().find(|e| e["action"] == "view_page");
    assert!(view.is_some_and(|e| e["document_id"] == "doc1" && e["page_number"] == 1));
    let (s, bytes) = f.send(get("/api/audit.csv", Some(&admin))?).await?;
    assert_eq!(s, StatusCode::OK);
    let csv = String::from_utf8(bytes)?;
    assert!(csv.starts_with("at,username,action"));
    assert!(
        csv.contains(",clinician,view_page,9990000018,doc1,1,"),
        "{csv}"
    );

    // Metrics count the search.
    let (s, bytes) = f.send(get("/metrics", None)?).await?;
    assert_eq!(s, StatusCode::OK);
    let text = String::from_utf8(bytes)?;
    assert!(
        text.contains("paperlite_search_duration_seconds_count 1"),
        "{text}"
    );
    assert!(text.contains("paperlite_pages_ocred_total 1"));
    f.finish().await
}

#[tokio::test]
async fn a_held_nhs_number_is_filed_only_once_records_staff_confirm_it() -> anyhow::Result<()> {
    held_number_flow(Fixture::new().await?).await
}

#[tokio::test]
#[cfg_attr(
    not(paperlite_postgres),
    ignore = "PAPERLITE_TEST_POSTGRES_URL is not set"
)]
async fn a_held_nhs_number_is_filed_only_once_confirmed_on_postgres() -> anyhow::Result<()> {
    held_number_flow(Fixture::postgres("held").await?).await
}

/// A scan whose NHS number was read too unsurely is not filed under it: it waits in the QA
/// queue until records staff confirm the number (or enter the right one), and then it is.
async fn held_number_flow(f: Fixture) -> anyhow::Result<()> {
    let text = "Clinic letter. Iron deficiency anaemia reviewed, ferritin 9.";
    let extraction = types::Extraction {
        nhs_number: None,
        nhs_number_to_confirm: Some("9990000026".into()),
        nhs_number_confidence: Some(55.5),
        document_type: types::DocumentType::ClinicLetter,
        ..Default::default()
    };
    f.document_extracted("held1", text, &extraction).await?;
    let staff = f.token(Role::RecordsStaff).await?;
    let clinician = f.token(Role::Clinician).await?;
    let admin = f.token(Role::Admin).await?;
    let patient_search = "/api/search?q=ferritin&patient=9990000026";

    let (s, v) = f.json(get("/api/qa", Some(&staff))?).await?;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        v["nhs_numbers_to_confirm"][0]["document_id"], "held1",
        "{v}"
    );
    assert_eq!(
        v["nhs_numbers_to_confirm"][0]["nhs_number_read"],
        "9990000026"
    );
    let (_, v) = f.json(get(patient_search, Some(&clinician))?).await?;
    assert_eq!(v["total_documents"], 0, "a held number files nothing: {v}");
    let (s, html) = f.send(get("/ui/documents/held1", Some(&staff))?).await?;
    let html = String::from_utf8(html)?;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("NHS number to confirm"), "{html}");
    assert!(
        html.contains(r#"value="9990000026""#),
        "the form offers the number read"
    );
    let (_, html) = f
        .send(get("/ui/documents/held1", Some(&clinician))?)
        .await?;
    assert!(
        !String::from_utf8(html)?.contains("/fields"),
        "clinicians get no form"
    );

    let put = |token: &str, body: Value| {
        send_json(
            Method::PUT,
            "/api/documents/held1/fields",
            Some(token),
            &body.to_string(),
        )
    };
    let (s, _) = f
        .json(put(&clinician, json!({"nhs_number": "9990000026"}))?)
        .await?;
    assert_eq!(s, StatusCode::FORBIDDEN);
    for (body, code) in [
        (json!({"nhs_number": "9990000027"}), "invalid_nhs_number"),
        (json!({}), "nothing_to_correct"),
        (json!({"nhs_number": "  "}), "nothing_to_correct"),
        (
            json!({"date_of_birth": "2999-01-01"}),
            "invalid_date_of_birth",
        ),
        (
            json!({"date_of_birth": "1066-10-14"}),
            "invalid_date_of_birth",
        ),
        (json!({"date_of_birth": "31/02/1950"}), "invalid_date"),
        (json!({"document_type": "memo"}), "invalid_document_type"),
    ] {
        let (s, v) = f.json(put(&staff, body.clone())?).await?;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{body}: {v}");
        assert_error_shape(&v, code);
    }
    let (_, v) = f.json(get(patient_search, Some(&clinician))?).await?;
    assert_eq!(
        v["total_documents"], 0,
        "refused corrections change nothing"
    );

    // Confirmed as read (spaces allowed), and retyped as a referral: filed, triaged.
    let (s, v) = f
        .json(put(
            &staff,
            json!({"nhs_number": "999 000 0026", "document_type": "referral_letter"}),
        )?)
        .await?;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["document"]["nhs_number"], "9990000026");
    assert_eq!(v["document"]["nhs_number_to_confirm"], Value::Null);
    assert_eq!(v["document"]["document_type"], "referral_letter");
    let (_, v) = f.json(get("/api/qa", Some(&staff))?).await?;
    assert_eq!(
        v["nhs_numbers_to_confirm"].as_array().map(Vec::len),
        Some(0)
    );
    let (_, v) = f.json(get(patient_search, Some(&clinician))?).await?;
    assert_eq!(
        v["total_documents"], 1,
        "filed under the confirmed number: {v}"
    );
    assert!(
        !f.state.store.enqueue_triage("held1", None).await?,
        "a document corrected to a referral letter is already queued for triage"
    );
    let (_, v) = f
        .json(get("/api/audit?action=correct_document", Some(&admin))?)
        .await?;
    let entry = &v["entries"][0];
    assert_eq!(entry["username"], "records_staff", "{v}");
    assert_eq!(entry["nhs_number"], "9990000026");
    let detail: Value = serde_json::from_str(entry["detail"].as_str().unwrap_or("{}"))?;
    assert_eq!(detail["confirmed_held_nhs_number"], true, "{detail}");
    f.finish().await
}

#[tokio::test]
async fn corrections_reindex_and_overrides_become_labels() -> anyhow::Result<()> {
    review_flow(Fixture::new().await?).await
}

#[tokio::test]
#[cfg_attr(
    not(paperlite_postgres),
    ignore = "PAPERLITE_TEST_POSTGRES_URL is not set"
)]
async fn corrections_reindex_and_overrides_become_labels_on_postgres() -> anyhow::Result<()> {
    review_flow(Fixture::postgres("review").await?).await
}

async fn review_flow(f: Fixture) -> anyhow::Result<()> {
    f.document(
        "letter1",
        "9990000026",
        "Rectal bleeding for six weeks, age 67.",
    )
    .await?;
    f.suggestion("letter1").await?;
    let staff = f.token(Role::RecordsStaff).await?;
    let consultant = f.token(Role::Consultant).await?;
    let scientist = f.token(Role::DataScientist).await?;
    let admin = f.token(Role::Admin).await?;

    // A correction is searchable at once.
    let body = json!({"text": "Rectal bleeding for six weeks, age 67. Haemorrhoids seen."});
    let (s, v) = f
        .json(send_json(
            Method::PUT,
            "/api/documents/letter1/pages/1/text",
            Some(&staff),
            &body.to_string(),
        )?)
        .await?;
    assert_eq!(s, StatusCode::OK, "{v}");
    let clinician = f.token(Role::Clinician).await?;
    let (_, v) = f
        .json(get("/api/search?q=haemorrhoids", Some(&clinician))?)
        .await?;
    assert_eq!(v["total_documents"], 1, "{v}");

    let (s, v) = f.json(get("/api/triage", Some(&consultant))?).await?;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["letters"][0]["document_id"], "letter1");
    assert!((v["letters"][0]["confidence"].as_f64().unwrap_or(0.0) - 0.7).abs() < 1e-9);

    let over = |body: Value| {
        send_json(
            Method::POST,
            "/api/triage/letter1/override",
            Some(&consultant),
            &body.to_string(),
        )
    };
    let (s, v) = f
        .json(over(
            json!({"urgency": "soonish", "pathway": "lower_gi", "reason": "x"}),
        )?)
        .await?;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_error_shape(&v, "invalid_label");
    let (s, v) = f
        .json(over(
            json!({"urgency": "urgent", "pathway": "lower_gi", "reason": " "}),
        )?)
        .await?;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_error_shape(&v, "reason_required");
    let (s, v) = f
        .json(over(
            json!({"urgency": "Routine", "pathway": "lower-gi", "reason": "haemorrhoids on exam"}),
        )?)
        .await?;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "overridden");
    assert_eq!(v["final_urgency"], "routine");

    let (_, v) = f.json(get("/api/triage", Some(&consultant))?).await?;
    assert_eq!(v["letters"].as_array().map(Vec::len), Some(0));
    assert_eq!(v["recently_decided"][0]["status"], "overridden");
    assert_eq!(v["recently_decided"][0]["reason"], "haemorrhoids on exam");
    let (_, v) = f
        .json(get("/api/audit?action=triage_override", Some(&admin))?)
        .await?;
    assert_eq!(v["entries"][0]["username"], "consultant");
    assert_eq!(v["entries"][0]["nhs_number"], "9990000026");

    let (s, bytes) = f
        .send(get("/api/triage/labels.jsonl", Some(&scientist))?)
        .await?;
    assert_eq!(s, StatusCode::OK);
    let examples = triage::model::read_examples_jsonl(std::io::Cursor::new(bytes))?;
    assert_eq!(examples.len(), 1);
    assert_eq!(examples[0].urgency, "routine");
    assert!(examples[0].text.contains("Haemorrhoids"));
    f.finish().await
}

fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("samples")
        .join("scans")
        .join(name)
}

/// Upload -> OCR job -> triage job -> search and worklist, with the real OCR and model.
#[tokio::test]
async fn an_uploaded_referral_is_ocred_indexed_and_triaged() -> anyhow::Result<()> {
    let mut f = Fixture::new().await?;
    let model_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../models/triage-gi");
    let triager = Arc::new(service::worker::Triager::load(&model_dir)?);
    f.state.triage = Some(Arc::clone(&triager));
    Arc::make_mut(&mut f.state.config).max_upload_bytes = 8 << 20;
    let staff = f.token(Role::RecordsStaff).await?;
    let consultant = f.token(Role::Consultant).await?;
    let clinician = f.token(Role::Clinician).await?;
    let bytes = std::fs::read(sample("01_referral_rectal_bleeding_2ww.png"))?;
    let (s, v) = f
        .json(multipart(
            "/api/batches",
            &staff,
            &[("letter.png", &bytes)],
        )?)
        .await?;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let batch = v["batch_id"].as_str().unwrap_or("").to_string();

    let config = service::worker::WorkerConfig::new(
        "test-worker",
        service::ScanConfig {
            workers: 1,
            ..service::ScanConfig::default()
        },
    );
    let mut jobs = 0;
    while let Some(report) =
        service::worker::run_one(&f.state.store, &f.state.blobs, &config, Some(&triager)).await?
    {
        assert!(report.recorded);
        assert_eq!(report.status, service::JobStatus::Done, "{}", report.detail);
        jobs += 1;
    }
    assert_eq!(jobs, 2, "one OCR job and one triage job");
    let (_, v) = f
        .json(get(&format!("/api/batches/{batch}"), Some(&staff))?)
        .await?;
    assert_eq!(
        (v["done"].as_i64(), v["finished"].as_bool()),
        (Some(1), Some(true)),
        "{v}"
    );

    service::indexing::sync_index(&f.state.store, &f.state.index).await?;
    let (_, v) = f
        .json(get(
            "/api/search?q=bleeding&type=referral_letter",
            Some(&clinician),
        )?)
        .await?;
    assert_eq!(v["total_documents"], 1, "{v}");
    assert!(v["hits"][0]["pages"][0]["snippet"]
        .as_str()
        .unwrap_or("")
        .contains("<mark>"));
    let id = v["hits"][0]["document_id"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let (s, bytes) = f
        .send(get(
            &format!("/api/documents/{id}/pages/1/image?width=100"),
            Some(&clinician),
        )?)
        .await?;
    assert_eq!(s, StatusCode::OK);
    assert!(bytes.starts_with(b"\x89PNG"));

    let (_, v) = f
        .json(get(&format!("/api/triage/{id}"), Some(&consultant))?)
        .await?;
    let suggestion = &v["suggestion"];
    assert!(
        suggestion["red_flags"]
            .as_array()
            .is_some_and(|f| !f.is_empty()),
        "{v}"
    );
    assert_eq!(suggestion["status"], "awaiting_review");
    Ok(())
}

/// A server started on a database with stored but unindexed pages (written by a worker on
/// another machine, or before the server ran) indexes them by itself.
#[tokio::test]
async fn the_indexer_catches_up_with_the_database() -> anyhow::Result<()> {
    let f = Fixture::new().await?;
    let store = &f.state.store;
    store
        .begin_document(&NewDocument {
            id: "late",
            file_name: "late.png",
            path: "late.png",
            format: Some("png"),
            size_bytes: 1,
        })
        .await?;
    let page = types::PageText {
        page: 1,
        text: "Colonoscopy showed angiodysplasia.".to_string(),
        words: Vec::new(),
        mean_confidence: 95.0,
        needs_review: false,
        review_reason: None,
        source: types::TextSource::Ocr,
        width: 100,
        height: 100,
        dpi: 300,
        rotation_degrees: 0,
        skew_degrees: 0.0,
        ink_ratio: 0.1,
        unread_text: 0.0,
        elapsed_ms: 1,
    };
    store.store_page("late", &page).await?;
    store
        .finish_document("late", 1, &types::Extraction::default())
        .await?;
    assert_eq!(f.state.index.num_documents()?, 0);
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let tasks = crate::spawn_background(&f.state, None, stop_rx);
    let started = std::time::Instant::now();
    while f.state.index.num_documents()? == 0 {
        anyhow::ensure!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "the indexer never indexed the stored page"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    stop_tx.send(true)?;
    for t in tasks {
        t.await?;
    }
    let clinician = f.token(Role::Clinician).await?;
    let (_, v) = f
        .json(get("/api/search?q=angiodysplasia", Some(&clinician))?)
        .await?;
    assert_eq!(v["total_documents"], 1, "{v}");
    Ok(())
}
