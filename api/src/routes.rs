//! The route table: every route's method, path, the roles it admits and a summary. The
//! authorisation middleware checks each request against it (a route missing from it is
//! refused), `/api/openapi.json` is generated from it, and the role test walks it.

use axum::http::Method;
use serde_json::{json, Map, Value};

use service::accounts::Role;

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, without logging in.
    Public,
    /// Any logged-in user.
    AnyUser,
    /// Users with one of these roles.
    Roles(&'static [Role]),
}

impl Access {
    pub fn admits(self, role: Role) -> bool {
        match self {
            Access::Public | Access::AnyUser => true,
            Access::Roles(roles) => roles.contains(&role),
        }
    }
}

/// One route.
#[derive(Debug, Clone, Copy)]
pub struct RouteSpec {
    pub method: &'static str,
    /// axum syntax: `/api/documents/{id}`.
    pub path: &'static str,
    pub access: Access,
    pub summary: &'static str,
}

impl RouteSpec {
    pub fn method(&self) -> Method {
        Method::from_bytes(self.method.as_bytes()).unwrap_or(Method::GET)
    }

    /// The path with each `{param}` replaced by `value`, for tests.
    pub fn example_path(&self, value: &str) -> String {
        let mut out = String::new();
        let mut in_param = false;
        for c in self.path.chars() {
            match c {
                '{' => {
                    in_param = true;
                    out.push_str(value);
                }
                '}' => in_param = false,
                c if !in_param => out.push(c),
                _ => {}
            }
        }
        out
    }
}

use service::accounts::Role::{Admin, Clinician, Consultant, DataScientist, RecordsStaff};

const STAFF: Access = Access::Roles(&[RecordsStaff]);
const READERS: Access = Access::Roles(&[Clinician, Consultant]);
const DOC_READERS: Access = Access::Roles(&[Clinician, Consultant, RecordsStaff]);
const CONSULTANT: Access = Access::Roles(&[Consultant]);
const LABELS: Access = Access::Roles(&[DataScientist, Consultant]);
const ADMIN: Access = Access::Roles(&[Admin]);

const fn r(
    method: &'static str,
    path: &'static str,
    access: Access,
    summary: &'static str,
) -> RouteSpec {
    RouteSpec {
        method,
        path,
        access,
        summary,
    }
}

/// Every route of the service.
pub const ROUTES: &[RouteSpec] = &[
    r("GET", "/healthz", Access::Public, "Liveness: the server answers and reaches its database"),
    r("GET", "/metrics", Access::Public, "Prometheus metrics: pages OCRed, queue depth, triage decisions, search latency"),
    r("GET", "/api/openapi.json", Access::Public, "This API's OpenAPI document"),
    r("POST", "/api/login", Access::Public, "Log in with {username, password}: sets the session cookie, returns the CSRF token"),
    r("POST", "/api/logout", Access::AnyUser, "End the session"),
    r("GET", "/api/me", Access::AnyUser, "Who is logged in, their role and CSRF token"),
    r("POST", "/api/batches", STAFF, "Upload a batch of scans (multipart, many files); each becomes an OCR job"),
    r("GET", "/api/batches", STAFF, "Recent batches"),
    r("GET", "/api/batches/{id}", STAFF, "A batch's progress: files queued, running, done and failed with reasons"),
    r("GET", "/api/qa", STAFF, "Pages whose OCR confidence is low, least confident first"),
    r("GET", "/api/search", READERS, "Search pages: q, patient, type, from, to, page; snippets with <mark>"),
    r("GET", "/api/documents/{id}", DOC_READERS, "A document's record and its pages"),
    r("GET", "/api/documents/{id}/pages/{n}", DOC_READERS, "One page: text and words with confidences"),
    r("GET", "/api/documents/{id}/pages/{n}/image", DOC_READERS, "One page as a PNG from the stored original (width= for a thumbnail)"),
    r("PUT", "/api/documents/{id}/pages/{n}/text", STAFF, "Correct a page's text ({text}); the page is re-indexed"),
    r("GET", "/api/triage", CONSULTANT, "Triage worklist: letters awaiting review, longest waiting first"),
    r("GET", "/api/triage/auto-routed", CONSULTANT, "Auto-routed letters, to spot-check"),
    r("GET", "/api/triage/labels.jsonl", LABELS, "Reviewed letters as JSON Lines {text, urgency, pathway, group} for `paperlite train --data`; identifiers in the text replaced by typed placeholders ([NAME], [NHS_NUMBER], ...)"),
    r("GET", "/api/triage/labels-identifiable.jsonl", ADMIN, "The same with the letters' identifiable text (admins only; audited as export_labels_identifiable)"),
    r("GET", "/api/triage/{id}", CONSULTANT, "One letter's suggestion: probabilities, red flags with evidence, routing"),
    r("POST", "/api/triage/{id}/accept", CONSULTANT, "Accept the suggested urgency and pathway"),
    r("POST", "/api/triage/{id}/override", CONSULTANT, "Override with {urgency, pathway, reason}"),
    r("GET", "/api/audit", ADMIN, "The audit log (user=, action=, patient= NHS number, limit=), newest first"),
    r("GET", "/api/audit.csv", ADMIN, "The audit log as CSV"),
    r("GET", "/api/users", ADMIN, "Users (role, sessions, disabled) and API tokens (id, expiry, last use, revocation)"),
    r("POST", "/api/users/{name}/disable", ADMIN, "Disable a user: their sessions end and their tokens are revoked"),
    r("POST", "/api/users/{name}/enable", ADMIN, "Enable a disabled user again"),
    r("POST", "/api/tokens/{id}/revoke", ADMIN, "Revoke an API token by its id (from /api/users)"),
    r("POST", "/api/password", Access::AnyUser, "Change your password ({current_password, new_password}); your other sessions end"),
    r("GET", "/", Access::AnyUser, "Home: each role's start page"),
    r("GET", "/login", Access::Public, "Login page"),
    r("POST", "/login", Access::Public, "Login form"),
    r("POST", "/logout", Access::AnyUser, "Log out"),
    r("GET", "/ui/upload", STAFF, "Upload a batch; recent batches"),
    r("POST", "/ui/upload", STAFF, "Upload form"),
    r("GET", "/ui/batches/{id}", STAFF, "Batch progress and failed files"),
    r("GET", "/ui/qa", STAFF, "QA queue of low-confidence pages"),
    r("GET", "/ui/qa/{id}/{n}", STAFF, "A page's image beside its OCR text, with an edit form"),
    r("POST", "/ui/qa/{id}/{n}", STAFF, "Save a page correction"),
    r("GET", "/ui/search", READERS, "Search form and results"),
    r("GET", "/ui/documents/{id}", DOC_READERS, "Document viewer: page image and text"),
    r("GET", "/ui/triage", CONSULTANT, "Triage worklist"),
    r("GET", "/ui/triage/auto-routed", CONSULTANT, "Auto-routed letters"),
    r("GET", "/ui/triage/{id}", CONSULTANT, "A letter with red-flag evidence and probabilities; accept or override"),
    r("POST", "/ui/triage/{id}/accept", CONSULTANT, "Accept form"),
    r("POST", "/ui/triage/{id}/override", CONSULTANT, "Override form"),
    r("GET", "/ui/labels", LABELS, "Download reviewed triage decisions as training data"),
    r("GET", "/ui/audit", ADMIN, "Audit log"),
    r("GET", "/ui/users", ADMIN, "Users and API tokens: disable, enable, revoke"),
    r("POST", "/ui/users/{name}/disable", ADMIN, "Disable form"),
    r("POST", "/ui/users/{name}/enable", ADMIN, "Enable form"),
    r("POST", "/ui/tokens/{id}/revoke", ADMIN, "Revoke form"),
    r("GET", "/ui/account", Access::AnyUser, "Your account: change password"),
    r("POST", "/ui/account", Access::AnyUser, "Change password form"),
];

/// The route a request matched, by method and axum path.
pub fn find(method: &Method, path: &str) -> Option<&'static RouteSpec> {
    ROUTES
        .iter()
        .find(|r| r.path == path && r.method == method.as_str())
}

/// The methods the route table allows on an axum path (`HEAD` with `GET`).
pub fn methods_of(path: &str) -> Vec<&'static str> {
    let mut methods: Vec<&'static str> = ROUTES
        .iter()
        .filter(|r| r.path == path)
        .map(|r| r.method)
        .collect();
    if methods.contains(&"GET") {
        methods.push("HEAD");
    }
    methods
}

/// Whether a concrete path (`/ui/triage/abc`) has a GET route.
pub fn has_get(path: &str) -> bool {
    let segments: Vec<&str> = path.split('/').collect();
    ROUTES.iter().filter(|r| r.method == "GET").any(|r| {
        let pattern: Vec<&str> = r.path.split('/').collect();
        pattern.len() == segments.len()
            && pattern
                .iter()
                .zip(&segments)
                .all(|(p, s)| p == s || (p.starts_with('{') && !s.is_empty()))
    })
}

/// The OpenAPI 3.1 document of the JSON API (routes under `/api/`, `/healthz`, `/metrics`).
pub fn openapi() -> Value {
    let mut paths = Map::new();
    for route in ROUTES
        .iter()
        .filter(|r| !r.path.starts_with("/ui") && !matches!(r.path, "/" | "/login" | "/logout"))
    {
        let params: Vec<Value> = route
            .path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|name| {
                json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}})
            })
            .collect();
        let roles: Vec<&str> = match route.access {
            Access::Public => vec![],
            Access::AnyUser => Role::ALL.iter().map(|r| r.as_str()).collect(),
            Access::Roles(rs) => rs.iter().map(|r| r.as_str()).collect(),
        };
        let mut op = json!({
            "summary": route.summary,
            "parameters": params,
            "x-roles": roles,
            "responses": {
                "200": {"description": "success"},
                "4XX": {"description": "the caller's mistake", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
            },
        });
        if route.access != Access::Public {
            op["security"] = json!([{"session": []}, {"bearer": []}]);
        }
        let entry = paths
            .entry(route.path.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        entry[route.method.to_ascii_lowercase()] = op;
    }
    json!({
        "openapi": "3.1.0",
        "info": {"title": "PaperLite", "version": env!("CARGO_PKG_VERSION")},
        "paths": paths,
        "components": {
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": crate::auth::SESSION_COOKIE},
                "bearer": {"type": "http", "scheme": "bearer"},
            },
            "schemas": {
                "Error": {
                    "type": "object",
                    "properties": {"error": {"type": "object", "properties": {
                        "code": {"type": "string"}, "message": {"type": "string"}}}},
                },
            },
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_are_unique_and_paths_are_filled() {
        for (i, a) in ROUTES.iter().enumerate() {
            for b in &ROUTES[i + 1..] {
                assert!(
                    !(a.method == b.method && a.path == b.path),
                    "{} {}",
                    a.method,
                    a.path
                );
            }
        }
        let spec = find(&Method::GET, "/api/documents/{id}/pages/{n}");
        assert_eq!(
            spec.map(|s| s.example_path("x")),
            Some("/api/documents/x/pages/x".to_string())
        );
        let doc = openapi();
        assert!(doc["paths"]["/api/search"]["get"]["x-roles"].is_array());
    }
}
