//! Accounts: the admin's users-and-tokens page and API (disable or enable a user, revoke
//! a token), and every user's own password change, which ends their other sessions.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form, Json};
use maud::{html, Markup};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::auth::{session_token, CurrentUser};
use crate::error::{ApiError, ApiJson, ApiPath, ApiResult};
use crate::html::{csrf_field, page, url};
use crate::ui::refusal_page;
use crate::AppState;
use service::accounts::{hash_password, verify_password};
use service::operations;

/// Shortest new password accepted (as `paperlite user add`).
pub const MIN_PASSWORD_CHARS: usize = 10;

async fn set_disabled(
    state: &AppState,
    me: &CurrentUser,
    name: &str,
    disabled: bool,
) -> ApiResult<()> {
    if disabled && name == me.name() {
        return Err(ApiError::bad_request(
            "cannot_disable_self",
            "you cannot disable your own account",
        ));
    }
    if !operations::set_user_disabled(&state.store, me.name(), name, disabled).await? {
        return Err(ApiError::not_found(format!("no user {name:?}")));
    }
    Ok(())
}

async fn revoke(state: &AppState, me: &CurrentUser, id: &str) -> ApiResult<String> {
    operations::revoke_token(&state.store, me.name(), id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no unrevoked token {id:?}")))
}

/// `GET /api/users`: users with their state, and every API token (never the secret).
pub async fn users_json(State(state): State<AppState>) -> ApiResult<Json<Value>> {
    let users = state.store.accounts().await?;
    let tokens = state.store.api_tokens(None).await?;
    Ok(Json(json!({"users": users, "tokens": tokens})))
}

/// `POST /api/users/{name}/disable`.
pub async fn disable_json(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiPath(name): ApiPath<String>,
) -> ApiResult<Json<Value>> {
    set_disabled(&state, &me, &name, true).await?;
    Ok(Json(json!({"username": name, "disabled": true})))
}

/// `POST /api/users/{name}/enable`.
pub async fn enable_json(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiPath(name): ApiPath<String>,
) -> ApiResult<Json<Value>> {
    set_disabled(&state, &me, &name, false).await?;
    Ok(Json(json!({"username": name, "disabled": false})))
}

/// `POST /api/tokens/{id}/revoke`.
pub async fn revoke_json(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<Value>> {
    let owner = revoke(&state, &me, &id).await?;
    Ok(Json(
        json!({"token": id, "username": owner, "revoked": true}),
    ))
}

/// `GET /ui/users`.
pub async fn users_page(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
) -> ApiResult<Markup> {
    let users = state.store.accounts().await?;
    let tokens = state.store.api_tokens(None).await?;
    let body = html! {
        table {
            thead {
                tr {
                    th scope="col" { "User" }
                    th scope="col" { "Role" }
                    th scope="col" { "Sessions" }
                    th scope="col" { "State" }
                    th scope="col" { "Action" }
                }
            }
            tbody {
                @for u in &users {
                    @let (action, label) = match u.disabled_at {
                        Some(_) => ("enable", "Enable"),
                        None => ("disable", "Disable"),
                    };
                    tr {
                        td { (u.username) }
                        td { (u.role) }
                        td { (u.sessions) }
                        td {
                            @match &u.disabled_at {
                                Some(at) => { "disabled " (at) }
                                None => { "active" }
                            }
                        }
                        td {
                            form method="post" action={ "/ui/users/" (url(&u.username)) "/" (action) }
                                style="margin:0" {
                                (csrf_field(&me))
                                button class="secondary" type="submit" { (label) " " (u.username) }
                            }
                        }
                    }
                }
            }
        }
        h2 { "API tokens" }
        table {
            thead {
                tr {
                    th scope="col" { "Token id" }
                    th scope="col" { "User" }
                    th scope="col" { "Created" }
                    th scope="col" { "Expires" }
                    th scope="col" { "Last used" }
                    th scope="col" { "State" }
                }
            }
            tbody {
                @for t in &tokens {
                    tr {
                        td { code { (t.id) } }
                        td { (t.username) }
                        td { (t.created_at) }
                        td { (t.expires_at.as_deref().unwrap_or("never")) }
                        td { (t.last_used_at.as_deref().unwrap_or("never")) }
                        td {
                            @if t.is_live() {
                                form method="post" action={ "/ui/tokens/" (url(&t.id)) "/revoke" }
                                    style="margin:0" {
                                    (csrf_field(&me))
                                    button class="secondary" type="submit" { "Revoke " (t.id) }
                                }
                            } @else if let Some(at) = &t.revoked_at {
                                "revoked " (at)
                            } @else {
                                "expired"
                            }
                        }
                    }
                }
                @if tokens.is_empty() {
                    tr { td colspan="6" { "No API tokens." } }
                }
            }
        }
    };
    Ok(page("Users and tokens", Some(&me), body))
}

fn done_or_page(me: &CurrentUser, result: ApiResult<()>) -> Response {
    match result {
        Ok(()) => Redirect::to("/ui/users").into_response(),
        Err(e) => refusal_page(Some(me), &e, "/ui/users", &[]),
    }
}

/// `POST /ui/users/{name}/disable`.
pub async fn disable_form(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiPath(name): ApiPath<String>,
) -> Response {
    let result = set_disabled(&state, &me, &name, true).await;
    done_or_page(&me, result)
}

/// `POST /ui/users/{name}/enable`.
pub async fn enable_form(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiPath(name): ApiPath<String>,
) -> Response {
    let result = set_disabled(&state, &me, &name, false).await;
    done_or_page(&me, result)
}

/// `POST /ui/tokens/{id}/revoke`.
pub async fn revoke_form(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    ApiPath(id): ApiPath<String>,
) -> Response {
    let result = revoke(&state, &me, &id).await.map(|_| ());
    done_or_page(&me, result)
}

#[derive(Debug, Deserialize)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// Checks the current password and sets the new one; the user's other sessions end.
async fn change_password(
    state: &AppState,
    me: &CurrentUser,
    headers: &HeaderMap,
    change: PasswordChange,
) -> ApiResult<()> {
    let chars = change.new_password.chars().count();
    if !(MIN_PASSWORD_CHARS..=crate::login::MAX_PASSWORD_CHARS).contains(&chars) {
        return Err(ApiError::bad_request(
            "weak_password",
            format!(
                "the new password must have {MIN_PASSWORD_CHARS} to {} characters",
                crate::login::MAX_PASSWORD_CHARS
            ),
        ));
    }
    let (_, hash) = state
        .store
        .user_with_hash(me.name())
        .await?
        .ok_or_else(ApiError::unauthorized)?;
    let permit = state
        .login_permits
        .clone()
        .try_acquire_owned()
        .map_err(|_| {
            let mut e = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_attempts",
                "the server is checking many passwords at once: try again in a second",
            );
            e.retry_after = Some(1);
            e
        })?;
    let PasswordChange {
        current_password,
        new_password,
    } = change;
    let new_hash = tokio::task::spawn_blocking(move || {
        let result = if verify_password(&current_password, &hash) {
            hash_password(&new_password).map(Some)
        } else {
            Ok(None)
        };
        drop(permit);
        result
    })
    .await
    .map_err(ApiError::internal)??
    .ok_or_else(|| {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "bad_credentials",
            "the current password is wrong",
        )
    })?;
    let keep = session_token(headers);
    operations::change_password(&state.store, me.name(), &new_hash, keep.as_deref()).await?;
    Ok(())
}

/// `POST /api/password` with `{current_password, new_password}`.
pub async fn password_json(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    headers: HeaderMap,
    ApiJson(change): ApiJson<PasswordChange>,
) -> ApiResult<Json<Value>> {
    change_password(&state, &me, &headers, change).await?;
    Ok(Json(
        json!({"password_changed": true, "other_sessions_ended": true}),
    ))
}

fn account_html(me: &CurrentUser, message: Option<&str>) -> Markup {
    let body = html! {
        @if let Some(m) = message {
            p role="status" { (m) }
        }
        h2 { "Change password" }
        p { "Changing your password logs you out everywhere else." }
        form method="post" action="/ui/account" {
            (csrf_field(me))
            label for="current_password" { "Current password" }
            input id="current_password" name="current_password" type="password"
                autocomplete="current-password" required;
            label for="new_password" {
                "New password (at least " (MIN_PASSWORD_CHARS) " characters)"
            }
            input id="new_password" name="new_password" type="password"
                autocomplete="new-password" minlength=(MIN_PASSWORD_CHARS) required;
            p { button type="submit" { "Change password" } }
        }
    };
    page("Your account", Some(me), body)
}

/// `GET /ui/account`.
pub async fn account_page(Extension(me): Extension<CurrentUser>) -> Markup {
    account_html(&me, None)
}

/// `POST /ui/account`.
pub async fn account_form(
    State(state): State<AppState>,
    Extension(me): Extension<CurrentUser>,
    headers: HeaderMap,
    Form(change): Form<PasswordChange>,
) -> Response {
    match change_password(&state, &me, &headers, change).await {
        Ok(()) => account_html(
            &me,
            Some("Password changed; your other sessions have ended."),
        )
        .into_response(),
        Err(e) => refusal_page(Some(&me), &e, "/ui/account", &[]),
    }
}
