//! The route table is the router: each route is added with its method, path, the roles it
//! admits and a summary, in one call ([`RouteTable::add`]). That call attaches the
//! authorisation layer for exactly that route (with its roles), adds the route to axum's
//! router and records it for `/api/openapi.json`, the 405 answers and the role test. A
//! route cannot be added without saying who may call it.

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request};
use axum::handler::Handler;
use axum::http::Method;
use axum::middleware::from_fn_with_state;
use axum::routing::{on, MethodFilter};
use axum::{Extension, Router};
use serde_json::{json, Map, Value};

use crate::AppState;
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

/// What the authorisation layer of one route knows: the service and the route itself.
#[derive(Clone)]
pub struct Guard {
    pub state: AppState,
    pub spec: RouteSpec,
}

/// Every route of the service, as built; handlers read it from the request's extensions.
#[derive(Debug, Clone)]
pub struct RouteList(pub Arc<[RouteSpec]>);

impl RouteList {
    /// The methods the service allows on an axum path (`HEAD` with `GET`).
    pub fn methods_of(&self, path: &str) -> Vec<&'static str> {
        let mut methods: Vec<&'static str> = self
            .0
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
    pub fn has_get(&self, path: &str) -> bool {
        let segments: Vec<&str> = path.split('/').collect();
        self.0.iter().filter(|r| r.method == "GET").any(|r| {
            let pattern: Vec<&str> = r.path.split('/').collect();
            pattern.len() == segments.len()
                && pattern
                    .iter()
                    .zip(&segments)
                    .all(|(p, s)| p == s || (p.starts_with('{') && !s.is_empty()))
        })
    }

    /// The route a request matched, by method and axum path.
    pub fn find(&self, method: &Method, path: &str) -> Option<&RouteSpec> {
        self.0
            .iter()
            .find(|r| r.path == path && r.method == method.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = &RouteSpec> {
        self.0.iter()
    }
}

/// The router under construction, with the list of its routes.
pub struct RouteTable {
    state: AppState,
    router: Router<AppState>,
    specs: Vec<RouteSpec>,
}

fn method_filter(method: &str) -> MethodFilter {
    match method {
        "GET" => MethodFilter::GET,
        "POST" => MethodFilter::POST,
        "PUT" => MethodFilter::PUT,
        "DELETE" => MethodFilter::DELETE,
        "PATCH" => MethodFilter::PATCH,
        other => panic!("route table: unsupported method {other}"),
    }
}

impl RouteTable {
    pub fn new(state: AppState) -> RouteTable {
        RouteTable {
            state,
            router: Router::new(),
            specs: Vec::new(),
        }
    }

    /// Adds one route: `handler` answers `method path` for callers `access` admits;
    /// `summary` goes into the OpenAPI document.
    pub fn add<H, T>(
        self,
        method: &'static str,
        path: &'static str,
        access: Access,
        summary: &'static str,
        handler: H,
    ) -> RouteTable
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add_with_body_limit(method, path, access, summary, None, handler)
    }

    /// [`RouteTable::add`] with its own request body limit (uploads, logins).
    pub fn add_with_body_limit<H, T>(
        mut self,
        method: &'static str,
        path: &'static str,
        access: Access,
        summary: &'static str,
        body_limit: Option<usize>,
        handler: H,
    ) -> RouteTable
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let spec = RouteSpec {
            method,
            path,
            access,
            summary,
        };
        let mut route = on(method_filter(method), handler);
        if let Some(limit) = body_limit {
            route = route.layer(DefaultBodyLimit::max(limit));
        }
        let guard = Guard {
            state: self.state.clone(),
            spec,
        };
        let route = route.route_layer(from_fn_with_state(guard, crate::auth::authorize));
        self.router = self.router.route(path, route);
        self.specs.push(spec);
        self
    }

    /// The routes added so far.
    pub fn specs(&self) -> &[RouteSpec] {
        &self.specs
    }

    /// The router: a method a path does not have is answered 405 (naming the ones it
    /// has), and every handler finds the [`RouteList`] in its request's extensions.
    pub fn into_router(self) -> Router<AppState> {
        let list = RouteList(self.specs.into());
        self.router
            .method_not_allowed_fallback(crate::auth::method_not_allowed)
            .layer(Extension(list))
    }
}

/// The route list of a request (present on every request the router handles).
pub fn route_list(req: &Request) -> Option<&RouteList> {
    req.extensions().get::<RouteList>()
}

use service::accounts::Role::{Admin, Clinician, Consultant, DataScientist, RecordsStaff};

const PUBLIC: Access = Access::Public;
const ANY_USER: Access = Access::AnyUser;
const STAFF: Access = Access::Roles(&[RecordsStaff]);
const READERS: Access = Access::Roles(&[Clinician, Consultant]);
const DOC_READERS: Access = Access::Roles(&[Clinician, Consultant, RecordsStaff]);
const CONSULTANT: Access = Access::Roles(&[Consultant]);
const LABELS: Access = Access::Roles(&[DataScientist, Consultant]);
const ADMIN: Access = Access::Roles(&[Admin]);

/// Every route of the service, each with who may call it.
#[rustfmt::skip]
pub fn table(state: AppState) -> RouteTable {
    use crate::{admin, api, auth, metrics, triage_api, ui, ui_triage};
    let upload = Some(state.config.max_upload_bytes);
    let login = Some(crate::LOGIN_BODY_LIMIT);
    RouteTable::new(state)
        .add("GET", "/healthz", PUBLIC, "Liveness: the server answers and reaches its database", api::healthz)
        .add("GET", "/metrics", PUBLIC, "Prometheus metrics: pages OCRed, queue depth, triage decisions, search latency", metrics::metrics)
        .add("GET", "/api/openapi.json", PUBLIC, "This API's OpenAPI document", api::openapi)
        .add_with_body_limit("POST", "/api/login", PUBLIC, "Log in with {username, password}: sets the session cookie, returns the CSRF token", login, auth::login_json)
        .add("POST", "/api/logout", ANY_USER, "End the session", auth::logout_json)
        .add("GET", "/api/me", ANY_USER, "Who is logged in, their role and CSRF token", auth::me)
        .add_with_body_limit("POST", "/api/batches", STAFF, "Upload a batch of scans (multipart, many files); each becomes an OCR job", upload, api::upload_batch)
        .add("GET", "/api/batches", STAFF, "Recent batches", api::list_batches)
        .add("GET", "/api/batches/{id}", STAFF, "A batch's progress: files queued, running, done and failed with reasons", api::batch_progress)
        .add("GET", "/api/qa", STAFF, "Pages whose OCR confidence is low, least confident first, and documents holding an NHS number to confirm", api::qa_queue)
        .add("GET", "/api/search", READERS, "Search pages: q, patient, type, from, to, page; snippets with <mark>", api::search)
        .add("GET", "/api/documents/{id}", DOC_READERS, "A document's record and its pages", api::document)
        .add("GET", "/api/documents/{id}/pages/{n}", DOC_READERS, "One page: text and words with confidences", api::page)
        .add("GET", "/api/documents/{id}/pages/{n}/image", DOC_READERS, "One page as a PNG from the stored original (width= for a thumbnail)", api::page_image)
        .add("PUT", "/api/documents/{id}/fields", STAFF, "Correct a document's NHS number, date of birth, letter date or type ({nhs_number, date_of_birth, letter_date, document_type}, each optional); giving a held NHS number confirms it; audited, re-indexed", api::correct_fields)
        .add("PUT", "/api/documents/{id}/pages/{n}/text", STAFF, "Correct a page's text ({text}); the page is re-indexed", api::correct_page)
        .add("GET", "/api/triage", CONSULTANT, "Triage worklist: letters awaiting review, longest waiting first", triage_api::worklist)
        .add("GET", "/api/triage/auto-routed", CONSULTANT, "Auto-routed letters, to spot-check", triage_api::auto_routed)
        .add("GET", "/api/triage/labels.jsonl", LABELS, "Reviewed letters as JSON Lines {text, urgency, pathway, group} for `paperlite train --data`; identifiers in the text replaced by typed placeholders ([NAME], [NHS_NUMBER], ...)", triage_api::labels)
        .add("GET", "/api/triage/labels-identifiable.jsonl", ADMIN, "The same with the letters' identifiable text (admins only; audited as export_labels_identifiable)", triage_api::labels_identifiable)
        .add("GET", "/api/triage/{id}", CONSULTANT, "One letter's suggestion: probabilities, red flags with evidence, routing", triage_api::suggestion)
        .add("POST", "/api/triage/{id}/accept", CONSULTANT, "Accept the suggested urgency and pathway", triage_api::accept)
        .add("POST", "/api/triage/{id}/override", CONSULTANT, "Override with {urgency, pathway, reason}", triage_api::override_json)
        .add("GET", "/api/audit", ADMIN, "The audit log (user=, action=, patient= NHS number, limit=), newest first", triage_api::audit_log)
        .add("GET", "/api/audit.csv", ADMIN, "The audit log as CSV", triage_api::audit_csv)
        .add("GET", "/api/users", ADMIN, "Users (role, sessions, disabled) and API tokens (id, expiry, last use, revocation)", admin::users_json)
        .add("POST", "/api/users/{name}/disable", ADMIN, "Disable a user: their sessions end and their tokens are revoked", admin::disable_json)
        .add("POST", "/api/users/{name}/enable", ADMIN, "Enable a disabled user again", admin::enable_json)
        .add("POST", "/api/tokens/{id}/revoke", ADMIN, "Revoke an API token by its id (from /api/users)", admin::revoke_json)
        .add("POST", "/api/password", ANY_USER, "Change your password ({current_password, new_password}); your other sessions end", admin::password_json)
        .add("GET", "/", ANY_USER, "Home: each role's start page", ui::home)
        .add("GET", "/login", PUBLIC, "Login page", ui::login_page)
        .add_with_body_limit("POST", "/login", PUBLIC, "Login form", login, auth::login_form)
        .add("POST", "/logout", ANY_USER, "Log out", auth::logout_form)
        .add("GET", "/ui/upload", STAFF, "Upload a batch; recent batches", ui::upload_page)
        .add_with_body_limit("POST", "/ui/upload", STAFF, "Upload form", upload, ui::upload_form)
        .add("GET", "/ui/batches/{id}", STAFF, "Batch progress and failed files", ui::batch_page)
        .add("GET", "/ui/qa", STAFF, "QA queue of low-confidence pages", ui::qa_page)
        .add("GET", "/ui/qa/{id}/{n}", STAFF, "A page's image beside its OCR text, with an edit form", ui::qa_page_edit)
        .add("POST", "/ui/qa/{id}/{n}", STAFF, "Save a page correction", ui::qa_save)
        .add("GET", "/ui/search", READERS, "Search form and results", ui::search_page)
        .add("GET", "/ui/documents/{id}", DOC_READERS, "Document viewer: page image and text (records staff: a form to correct its fields)", ui::document_page)
        .add("POST", "/ui/documents/{id}/fields", STAFF, "Save a correction of a document's fields", ui::fields_save)
        .add("GET", "/ui/triage", CONSULTANT, "Triage worklist", ui_triage::worklist_page)
        .add("GET", "/ui/triage/auto-routed", CONSULTANT, "Auto-routed letters", ui_triage::auto_routed_page)
        .add("GET", "/ui/triage/{id}", CONSULTANT, "A letter with red-flag evidence and probabilities; accept or override", ui_triage::letter_page)
        .add("POST", "/ui/triage/{id}/accept", CONSULTANT, "Accept form", ui_triage::accept_form)
        .add("POST", "/ui/triage/{id}/override", CONSULTANT, "Override form", ui_triage::override_form)
        .add("GET", "/ui/labels", LABELS, "Download reviewed triage decisions as training data", ui_triage::labels_page)
        .add("GET", "/ui/audit", ADMIN, "Audit log", ui_triage::audit_page)
        .add("GET", "/ui/users", ADMIN, "Users and API tokens: disable, enable, revoke", admin::users_page)
        .add("POST", "/ui/users/{name}/disable", ADMIN, "Disable form", admin::disable_form)
        .add("POST", "/ui/users/{name}/enable", ADMIN, "Enable form", admin::enable_form)
        .add("POST", "/ui/tokens/{id}/revoke", ADMIN, "Revoke form", admin::revoke_form)
        .add("GET", "/ui/account", ANY_USER, "Your account: change password", admin::account_page)
        .add("POST", "/ui/account", ANY_USER, "Change password form", admin::account_form)
}

/// The OpenAPI 3.1 document of the JSON API (routes under `/api/`, `/healthz`, `/metrics`).
pub fn openapi(routes: &RouteList) -> Value {
    let mut paths = Map::new();
    for route in routes
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

    fn list() -> RouteList {
        let spec = |method, path| RouteSpec {
            method,
            path,
            access: Access::AnyUser,
            summary: "",
        };
        RouteList(
            vec![
                spec("GET", "/ui/triage/{id}"),
                spec("POST", "/ui/triage/{id}/accept"),
                spec("GET", "/api/documents/{id}/pages/{n}"),
            ]
            .into(),
        )
    }

    #[test]
    fn paths_methods_and_examples() {
        let routes = list();
        assert_eq!(routes.methods_of("/ui/triage/{id}"), ["GET", "HEAD"]);
        assert_eq!(routes.methods_of("/ui/triage/{id}/accept"), ["POST"]);
        assert!(routes.has_get("/ui/triage/abc"));
        assert!(!routes.has_get("/ui/triage/abc/accept"));
        let spec = routes.find(&Method::GET, "/api/documents/{id}/pages/{n}");
        assert_eq!(
            spec.map(|s| s.example_path("x")),
            Some("/api/documents/x/pages/x".to_string())
        );
        let doc = openapi(&routes);
        assert!(doc["paths"]["/api/documents/{id}/pages/{n}"]["get"]["x-roles"].is_array());
    }
}
