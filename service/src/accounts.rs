//! Users, their roles, login sessions and API tokens (the audit log is [`crate::audit`]).
//!
//! Passwords are stored as argon2id hashes; session cookies and API tokens are random
//! 256-bit values of which only the sha256 is stored, so a copy of the database gives no
//! way in.

mod tokens;

use std::fmt;
use std::str::FromStr;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::blobs::sha256_hex;
use crate::error::{Error, Result};
use crate::store::{now, parse_text, Store};

pub use tokens::{AccountInfo, TokenInfo, DEFAULT_TOKEN_DAYS, TOKEN_ID_CHARS};

/// What a user may do. Every route names the roles it admits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Uploads batches, watches them, corrects poorly read pages.
    RecordsStaff,
    /// Triages referral letters: accepts or overrides the model's suggestion.
    Consultant,
    /// Searches and reads patients' notes.
    Clinician,
    /// Exports reviewed triage decisions as training data.
    DataScientist,
    /// Reads and exports the audit log.
    Admin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::RecordsStaff,
        Role::Consultant,
        Role::Clinician,
        Role::DataScientist,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::RecordsStaff => "records_staff",
            Role::Consultant => "consultant",
            Role::Clinician => "clinician",
            Role::DataScientist => "data_scientist",
            Role::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = Error;
    fn from_str(s: &str) -> Result<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s.trim())
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "unknown role {s:?} (expected records_staff, consultant, clinician, data_scientist or admin)"
                ))
            })
    }
}

/// A user as stored (without the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub username: String,
    pub role: Role,
}

/// A logged-in session: who, and the token state-changing requests must echo.
#[derive(Debug, Clone)]
pub struct Session {
    pub user: User,
    pub csrf_token: String,
}

/// `n` random bytes from the operating system, as hex.
pub fn random_hex(n: usize) -> Result<String> {
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf)
        .map_err(|e| Error::Pipeline(format!("no randomness from the OS: {e}")))?;
    Ok(hex::encode(buf))
}

/// A new random secret (session cookie, API token, CSRF token): 256 bits as hex.
pub fn new_secret() -> Result<String> {
    random_hex(32)
}

/// argon2id hash of a password (PHC string with its own random salt). Slow on purpose:
/// call it off the async threads.
pub fn hash_password(password: &str) -> Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt)
        .map_err(|e| Error::Pipeline(format!("no randomness from the OS: {e}")))?;
    let salt = SaltString::encode_b64(&salt)
        .map_err(|e| Error::Pipeline(format!("cannot encode a salt: {e}")))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Pipeline(format!("cannot hash a password: {e}")))
}

/// Whether `password` matches a stored argon2 hash.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash to check against when the user does not exist, so that a wrong username takes
/// as long as a wrong password.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("not a password").unwrap_or_default())
}

/// Longest username an account may have.
pub const MAX_USERNAME_CHARS: usize = 64;

/// Whether an account could have this name: 1-64 letters, digits, '.', '_' or '-'.
pub fn valid_username(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_USERNAME_CHARS
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// A user from a row with `username` and `role` columns.
fn user_from_row(r: &AnyRow) -> Result<User> {
    Ok(User {
        username: r.try_get("username")?,
        role: parse_text(r, "users", "role", "a role", str::parse::<Role>)?,
    })
}

impl Store {
    /// Adds a user, or replaces the password and role of an existing one (which ends
    /// their sessions: a new password must not leave old logins open).
    pub async fn put_user(&self, username: &str, password_hash: &str, role: Role) -> Result<()> {
        let name = username.trim();
        if !valid_username(name) {
            return Err(Error::Invalid(format!(
                "invalid username {username:?}: use 1-64 letters, digits, '.', '_' or '-'"
            )));
        }
        sqlx::query(
            "INSERT INTO users (username, password_hash, role, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (username) DO UPDATE SET password_hash = $2, role = $3",
        )
        .bind(name)
        .bind(password_hash)
        .bind(role.as_str())
        .bind(now())
        .execute(self.pool())
        .await?;
        self.end_sessions_of(name, None).await?;
        Ok(())
    }

    pub async fn user(&self, username: &str) -> Result<Option<User>> {
        let row = sqlx::query("SELECT username, role FROM users WHERE username = $1")
            .bind(username)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    /// The user and their password hash, for a login (none for a disabled user).
    pub async fn user_with_hash(&self, username: &str) -> Result<Option<(User, String)>> {
        let row = sqlx::query(
            "SELECT username, role, password_hash FROM users
             WHERE username = $1 AND disabled_at IS NULL",
        )
        .bind(username)
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| Ok::<_, Error>((user_from_row(&r)?, r.try_get("password_hash")?)))
            .transpose()
    }

    pub async fn users(&self) -> Result<Vec<User>> {
        let rows = sqlx::query("SELECT username, role FROM users ORDER BY username")
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(user_from_row).collect()
    }

    /// Starts a session lasting `hours`; returns the cookie value and the CSRF token.
    pub async fn create_session(&self, username: &str, hours: i64) -> Result<(String, String)> {
        let token = new_secret()?;
        let csrf = new_secret()?;
        let expires = (chrono::Utc::now() + chrono::Duration::hours(hours))
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
            .bind(now())
            .execute(self.pool())
            .await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, username, csrf_token, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(sha256_hex(token.as_bytes()))
        .bind(username)
        .bind(&csrf)
        .bind(now())
        .bind(expires)
        .execute(self.pool())
        .await?;
        Ok((token, csrf))
    }

    /// The live session a cookie value names.
    pub async fn session(&self, token: &str) -> Result<Option<Session>> {
        let row = sqlx::query(
            "SELECT u.username AS username, u.role AS role, s.csrf_token AS csrf_token
             FROM sessions s
             JOIN users u ON u.username = s.username
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL",
        )
        .bind(sha256_hex(token.as_bytes()))
        .bind(now())
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            Ok::<_, Error>(Session {
                user: user_from_row(&r)?,
                csrf_token: r.try_get("csrf_token")?,
            })
        })
        .transpose()
    }

    pub async fn end_session(&self, token: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(sha256_hex(token.as_bytes()))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Creates a bearer token for scripts lasting [`DEFAULT_TOKEN_DAYS`]; the token itself
    /// is returned once and only its hash is kept.
    pub async fn create_api_token(&self, username: &str) -> Result<String> {
        self.create_api_token_for(username, Some(DEFAULT_TOKEN_DAYS))
            .await
    }

    /// The user a bearer token belongs to.
    pub async fn token_user(&self, token: &str) -> Result<Option<User>> {
        let hash = sha256_hex(token.as_bytes());
        let row = sqlx::query(
            "SELECT u.username AS username, u.role AS role
             FROM api_tokens t JOIN users u ON u.username = t.username
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL
               AND (t.expires_at IS NULL OR t.expires_at > $2) AND u.disabled_at IS NULL",
        )
        .bind(&hash)
        .bind(now())
        .fetch_optional(self.pool())
        .await?;
        if row.is_some() {
            sqlx::query("UPDATE api_tokens SET last_used_at = $2 WHERE token_hash = $1")
                .bind(&hash)
                .bind(now())
                .execute(self.pool())
                .await?;
        }
        row.as_ref().map(user_from_row).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_themselves() -> anyhow::Result<()> {
        let hash = hash_password("correct horse")?;
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &hash));
        assert!(!verify_password("correct horsE", &hash));
        assert!(!verify_password("x", "not a hash"));
        Ok(())
    }

    #[test]
    fn roles_round_trip() {
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>().ok(), Some(r));
        }
        assert!("root".parse::<Role>().is_err());
    }
}
