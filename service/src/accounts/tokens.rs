//! Account security: API token expiry, listing and revocation, disabled users, and
//! password changes that end the user's other sessions.

use serde::Serialize;
use sqlx::Row;

use super::{new_secret, Role};
use crate::blobs::sha256_hex;
use crate::error::{Error, Result};
use crate::store::{corrupt, now, Store};

/// How long a new API token lasts unless told otherwise.
pub const DEFAULT_TOKEN_DAYS: i64 = 90;
/// Characters of a token's hash that name it in listings and revocations.
pub const TOKEN_ID_CHARS: usize = 12;

/// An API token as listed (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenInfo {
    /// The first [`TOKEN_ID_CHARS`] hex digits of the token's sha256.
    pub id: String,
    pub username: String,
    pub created_at: String,
    pub expires_at: Option<String>,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

impl TokenInfo {
    /// Neither revoked nor expired.
    pub fn is_live(&self) -> bool {
        self.revoked_at.is_none()
            && self
                .expires_at
                .as_deref()
                .is_none_or(|e| e > now().as_str())
    }
}

/// A user with their account state, for the admin page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct AccountInfo {
    pub username: String,
    pub role: String,
    pub created_at: String,
    pub disabled_at: Option<String>,
    /// Sessions not yet expired.
    pub sessions: i64,
}

fn rfc3339_in_days(days: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::days(days))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl Store {
    /// Creates a bearer token for scripts lasting `days` (`None`: no expiry); the token
    /// itself is returned once and only its hash is kept.
    pub async fn create_api_token_for(&self, username: &str, days: Option<i64>) -> Result<String> {
        if self.user(username).await?.is_none() {
            return Err(Error::Invalid(format!("no user {username:?}")));
        }
        if self.is_disabled(username).await? {
            return Err(Error::Invalid(format!("user {username:?} is disabled")));
        }
        if days.is_some_and(|d| d <= 0) {
            return Err(Error::Invalid("a token must last at least one day".into()));
        }
        let token = format!("plt_{}", new_secret()?);
        sqlx::query(
            "INSERT INTO api_tokens (token_hash, username, created_at, expires_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(sha256_hex(token.as_bytes()))
        .bind(username)
        .bind(now())
        .bind(days.map(rfc3339_in_days))
        .execute(self.pool())
        .await?;
        Ok(token)
    }

    /// API tokens, newest first, of one user or of everyone.
    pub async fn api_tokens(&self, username: Option<&str>) -> Result<Vec<TokenInfo>> {
        let rows = sqlx::query(
            "SELECT token_hash, username, created_at, expires_at, last_used_at, revoked_at
             FROM api_tokens WHERE ($1 IS NULL OR username = $1)
             ORDER BY created_at DESC, token_hash",
        )
        .bind(username)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let hash: String = r.try_get("token_hash")?;
                Ok(TokenInfo {
                    id: hash.chars().take(TOKEN_ID_CHARS).collect(),
                    username: r.try_get("username")?,
                    created_at: r.try_get("created_at")?,
                    expires_at: r.try_get("expires_at")?,
                    last_used_at: r.try_get("last_used_at")?,
                    revoked_at: r.try_get("revoked_at")?,
                })
            })
            .collect()
    }

    /// The unrevoked token whose id (the start of its hash, at least 8 hex digits) is
    /// `id`: its hash and owner, or `None` when no such token exists. Revoking it is
    /// [`crate::operations::revoke_token`].
    pub async fn find_unrevoked_token(&self, id: &str) -> Result<Option<(String, String)>> {
        let id = id.trim().to_ascii_lowercase();
        if id.len() < 8 || id.len() > 64 || !id.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(Error::Invalid(format!(
                "token id {id:?}: give the id shown by `paperlite user tokens` (12 hex digits)"
            )));
        }
        let rows =
            sqlx::query("SELECT token_hash, username FROM api_tokens WHERE revoked_at IS NULL")
                .fetch_all(self.pool())
                .await?;
        let mut matching = Vec::new();
        for r in &rows {
            let hash: String = r.try_get("token_hash")?;
            if hash.starts_with(&id) {
                matching.push((hash, r.try_get::<String, _>("username")?));
            }
        }
        match matching.len() {
            0 => Ok(None),
            1 => Ok(matching.pop()),
            _ => Err(Error::Invalid(format!(
                "token id {id:?} names several tokens: give more digits"
            ))),
        }
    }

    pub async fn is_disabled(&self, username: &str) -> Result<bool> {
        let row = sqlx::query("SELECT disabled_at FROM users WHERE username = $1")
            .bind(username)
            .fetch_optional(self.pool())
            .await?;
        Ok(match row {
            Some(r) => r.try_get::<Option<String>, _>("disabled_at")?.is_some(),
            None => false,
        })
    }

    /// Ends a user's sessions, except the one whose cookie value is `keep`.
    pub async fn end_sessions_of(&self, username: &str, keep: Option<&str>) -> Result<u64> {
        let keep_hash = keep.map(|t| sha256_hex(t.as_bytes())).unwrap_or_default();
        let done = sqlx::query("DELETE FROM sessions WHERE username = $1 AND token_hash <> $2")
            .bind(username)
            .bind(keep_hash)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected())
    }

    /// Every user with their account state.
    pub async fn accounts(&self) -> Result<Vec<AccountInfo>> {
        let accounts: Vec<AccountInfo> = sqlx::query_as(
            "SELECT u.username AS username, u.role AS role, u.created_at AS created_at,
                    u.disabled_at AS disabled_at,
                    (SELECT COUNT(*) FROM sessions s
                     WHERE s.username = u.username AND s.expires_at > $1) AS sessions
             FROM users u ORDER BY u.username",
        )
        .bind(now())
        .fetch_all(self.pool())
        .await?;
        // The role is listed as stored text, but must still be one.
        if let Some(a) = accounts.iter().find(|a| a.role.parse::<Role>().is_err()) {
            return Err(corrupt("users", "role", &a.role, "a role"));
        }
        Ok(accounts)
    }
}
