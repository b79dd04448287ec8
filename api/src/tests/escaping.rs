//! Text from OCR, users and the database cannot add markup to the pages (issue 15): the
//! templates escape every value they splice in, in element content and in attributes.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::json;

use super::{send_json, Fixture};
use crate::html::url;
use service::accounts::Role;

/// Markup an attacker could put in a scanned letter, a form field or a login name.
const HOSTILE: &str = "<script>alert(1)</script>\" onmouseover=\"x";

fn html_get(path: &str, token: &str) -> anyhow::Result<Request<Body>> {
    Ok(Request::builder()
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::ACCEPT, "text/html")
        .body(Body::empty())?)
}

async fn page(f: &Fixture, path: &str, token: &str) -> anyhow::Result<(StatusCode, String)> {
    let (s, body) = f.send(html_get(path, token)?).await?;
    Ok((s, String::from_utf8(body)?))
}

/// `page` shows the hostile text as text, `times` times at least, and none of it as markup.
/// (Some places drop its spaces, as the NHS number from the index does.)
fn assert_escaped(page: &str, times: usize, what: &str) {
    assert!(
        !page.contains("<script"),
        "{what}: a script element: {page}"
    );
    assert!(
        !page.contains("onmouseover=\"") && !page.contains("\"onmouseover"),
        "{what}: an attribute: {page}"
    );
    let shown = page
        .matches("&lt;script&gt;alert(1)&lt;/script&gt;&quot;")
        .count();
    assert!(shown >= times, "{what}: shown {shown} times: {page}");
    assert!(page.contains("onmouseover=&quot;x"), "{what}: {page}");
}

#[tokio::test]
async fn hostile_text_is_shown_as_text_on_every_page() -> anyhow::Result<()> {
    let f = Fixture::new().await?;
    // OCR text and an NHS number read from a letter, both hostile.
    f.document(
        "doc1",
        HOSTILE,
        &format!("Referral: iron deficiency anaemia {HOSTILE}, Hb 92."),
    )
    .await?;
    f.document("letter1", HOSTILE, &format!("Rectal bleeding. {HOSTILE}"))
        .await?;
    f.suggestion("letter1").await?;
    let clinician = f.token(Role::Clinician).await?;
    let consultant = f.token(Role::Consultant).await?;
    let admin = f.token(Role::Admin).await?;

    // Search results: the snippet (with its match marked) and the patient.
    let (s, results) = page(&f, "/ui/search?q=anaemia", &clinician).await?;
    assert_eq!(s, StatusCode::OK, "{results}");
    assert!(results.contains("<mark>anaemia</mark>"), "{results}");
    assert_escaped(&results, 2, "search results");
    // A hostile query: kept in the search box (an attribute), whatever the search made of it.
    let typed = format!("anaemia {HOSTILE}");
    let (_, form) = page(&f, &format!("/ui/search?q={}", url(&typed)), &clinician).await?;
    assert!(form.contains("id=\"q\""), "{form}");
    assert_escaped(&form, 1, "search box");

    // The document viewer: the page's text and the patient.
    let (s, viewer) = page(&f, "/ui/documents/doc1?page=1", &clinician).await?;
    assert_eq!(s, StatusCode::OK, "{viewer}");
    assert_escaped(&viewer, 2, "document viewer");

    // The triage letter (its red flag marked) and the worklist, with a hostile reason.
    let (s, letter) = page(&f, "/ui/triage/letter1", &consultant).await?;
    assert_eq!(s, StatusCode::OK, "{letter}");
    assert!(letter.contains("<mark class=\"flag\""), "{letter}");
    assert_escaped(&letter, 2, "triage letter");
    let (s, v) = f
        .json(send_json(
            Method::POST,
            "/api/triage/letter1/override",
            Some(&consultant),
            &json!({"urgency": "routine", "pathway": "lower_gi", "reason": HOSTILE}).to_string(),
        )?)
        .await?;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, worklist) = page(&f, "/ui/triage", &consultant).await?;
    assert_eq!(s, StatusCode::OK, "{worklist}");
    assert_escaped(&worklist, 2, "worklist");

    // A login attempt under a hostile name is audited; the admin's audit page shows the
    // name, the patient and the searches as text, and a hostile filter in its field.
    let login = json!({"username": HOSTILE, "password": "x"}).to_string();
    let (s, _) = f
        .send(send_json(Method::POST, "/api/login", None, &login)?)
        .await?;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, audit) = page(&f, "/ui/audit", &admin).await?;
    assert_eq!(s, StatusCode::OK, "{audit}");
    assert!(audit.contains("login_failed"), "{audit}");
    assert_escaped(&audit, 3, "audit log");
    let (s, filtered) = page(&f, &format!("/ui/audit?user={}", url(HOSTILE)), &admin).await?;
    assert_eq!(s, StatusCode::OK, "{filtered}");
    assert!(filtered.contains("login_failed"), "{filtered}");
    assert_escaped(&filtered, 2, "audit filter");
    f.finish().await
}
