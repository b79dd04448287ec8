//! Checking a username and password, bounded against guessing and against exhaustion.
//!
//! - Back-off: failed logins are counted per username; after
//!   [`LoginPolicy::free_failures`] each further try must wait (doubling, up to
//!   [`LoginPolicy::max_wait`], five minutes by default), answered 429 with
//!   `Retry-After`. The attempt is counted *before* the password is verified, under the
//!   same lock as the wait check, so guesses sent in parallel cannot all slip through
//!   while the first ones are still being hashed; a success clears the count.
//! - Memory: each verification runs argon2 (19 MiB). At most
//!   [`ServerConfig::max_concurrent_logins`](crate::ServerConfig) run at once; beyond
//!   that a login is answered 429 at once. Login bodies are capped at
//!   [`LOGIN_BODY_LIMIT`], usernames that no account could have are refused without
//!   hashing, and the failure table keeps at most [`MAX_TRACKED`] usernames.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use serde::Deserialize;
use tokio::sync::Semaphore;

use crate::error::{ApiError, ApiResult};
use crate::AppState;
use service::accounts::{dummy_hash, valid_username, verify_password, User};
use service::audit::{AuditAction, NewAudit};

/// The login back-off (`[server] login_free_failures`, `login_max_wait_seconds`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginPolicy {
    /// Failures allowed before a username must wait.
    pub free_failures: u32,
    /// The longest wait the doubling reaches.
    pub max_wait: Duration,
}

impl Default for LoginPolicy {
    fn default() -> Self {
        LoginPolicy {
            free_failures: 3,
            max_wait: Duration::from_secs(300),
        }
    }
}
/// Usernames the failure table remembers at most; beyond, entries whose back-off is
/// over go first, then the oldest.
pub const MAX_TRACKED: usize = 10_000;
/// Largest login request body (JSON or form), in bytes.
pub const LOGIN_BODY_LIMIT: usize = 4 * 1024;
/// Longest password checked; longer ones are refused without hashing.
pub const MAX_PASSWORD_CHARS: usize = 1_024;

#[derive(Debug, Deserialize)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// Per-username count of failed (and in-flight) logins, bounded in size.
#[derive(Debug, Default)]
pub struct LoginThrottle {
    policy: LoginPolicy,
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl LoginThrottle {
    pub fn new(policy: LoginPolicy) -> LoginThrottle {
        LoginThrottle {
            policy,
            failures: Mutex::default(),
        }
    }

    pub fn policy(&self) -> LoginPolicy {
        self.policy
    }

    /// How long `username` must still wait before trying again.
    pub fn wait(&self, username: &str) -> Option<Duration> {
        let map = self.failures.lock().ok()?;
        let (n, last) = map.get(username)?;
        self.remaining(*n, *last)
    }

    fn remaining(&self, failures: u32, last: Instant) -> Option<Duration> {
        let wait = self.delay(failures)?;
        let elapsed = last.elapsed();
        (elapsed < wait).then(|| wait - elapsed)
    }

    fn delay(&self, failures: u32) -> Option<Duration> {
        let free = self.policy.free_failures;
        (failures >= free).then(|| {
            let exp = (failures - free).min(16);
            Duration::from_secs(1u64 << exp).min(self.policy.max_wait)
        })
    }

    /// Starts an attempt: refused with the time left while `username` must wait,
    /// otherwise counted as a failure until [`succeeded`](Self::succeeded) says otherwise.
    pub fn begin(&self, username: &str) -> Result<(), Duration> {
        let Ok(mut map) = self.failures.lock() else {
            return Err(self.policy.max_wait);
        };
        if let Some((n, last)) = map.get(username) {
            if let Some(wait) = self.remaining(*n, *last) {
                return Err(wait);
            }
        }
        if !map.contains_key(username) && map.len() >= MAX_TRACKED {
            self.make_room(&mut map);
        }
        let entry = map
            .entry(username.to_string())
            .or_insert((0, Instant::now()));
        entry.0 = entry.0.saturating_add(1);
        entry.1 = Instant::now();
        Ok(())
    }

    /// Gives back an attempt that was never checked (the server was too busy).
    pub fn cancel(&self, username: &str) {
        if let Ok(mut map) = self.failures.lock() {
            if let Some(entry) = map.get_mut(username) {
                entry.0 = entry.0.saturating_sub(1);
                if entry.0 == 0 {
                    map.remove(username);
                }
            }
        }
    }

    /// Records a failed login (for callers that do not use [`begin`](Self::begin)).
    pub fn failed(&self, username: &str) {
        if let Ok(mut map) = self.failures.lock() {
            if !map.contains_key(username) && map.len() >= MAX_TRACKED {
                self.make_room(&mut map);
            }
            let entry = map
                .entry(username.to_string())
                .or_insert((0, Instant::now()));
            entry.0 = entry.0.saturating_add(1);
            entry.1 = Instant::now();
        }
    }

    pub fn succeeded(&self, username: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(username);
        }
    }

    /// How many usernames are tracked.
    pub fn len(&self) -> usize {
        self.failures.lock().map(|m| m.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn make_room(&self, map: &mut HashMap<String, (u32, Instant)>) {
        let max_wait = self.policy.max_wait;
        map.retain(|_, (_, last)| last.elapsed() < max_wait);
        while map.len() >= MAX_TRACKED {
            let oldest = map
                .iter()
                .min_by_key(|(_, (_, last))| *last)
                .map(|(k, _)| k.clone());
            match oldest {
                Some(k) => map.remove(&k),
                None => break,
            };
        }
    }
}

fn bad_credentials() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "bad_credentials",
        "wrong username or password",
    )
}

fn busy(message: String, secs: u64) -> ApiError {
    let mut e = ApiError::new(StatusCode::TOO_MANY_REQUESTS, "too_many_attempts", message);
    e.retry_after = Some(secs.max(1));
    e
}

/// The semaphore bounding concurrent password checks.
pub fn login_permits(max: usize) -> Semaphore {
    Semaphore::new(max.max(1))
}

/// Checks a username and password, with the back-off; returns the user. Failed and
/// refused attempts are audited (`login_failed`, `login_refused`).
pub async fn check_login(state: &AppState, login: &LoginRequest) -> ApiResult<User> {
    let name = login.username.trim();
    if !valid_username(name) || login.password.chars().count() > MAX_PASSWORD_CHARS {
        // No account can have this name or password: nothing to hash, nothing to track.
        audit_login(
            state,
            AuditAction::LoginFailed,
            name,
            "impossible username or password",
        )
        .await;
        return Err(bad_credentials());
    }
    if let Err(wait) = state.throttle.begin(name) {
        let secs = wait.as_secs().max(1);
        audit_login(state, AuditAction::LoginRefused, name, "back-off").await;
        return Err(busy(
            format!("too many failed logins for {name:?}: try again in {secs} s"),
            secs,
        ));
    }
    let Ok(permit) = state.login_permits.clone().try_acquire_owned() else {
        state.throttle.cancel(name);
        audit_login(state, AuditAction::LoginRefused, name, "busy").await;
        return Err(busy(
            "the server is checking many logins at once: try again in a second".to_string(),
            1,
        ));
    };
    let found = match state.store.user_with_hash(name).await {
        Ok(found) => found,
        Err(e) => {
            state.throttle.cancel(name);
            return Err(e.into());
        }
    };
    let password = login.password.clone();
    let (user, hash) = match found {
        Some((u, h)) => (Some(u), h),
        None => (None, dummy_hash().to_string()),
    };
    let ok = tokio::task::spawn_blocking(move || {
        let ok = verify_password(&password, &hash);
        drop(permit);
        ok
    })
    .await
    .map_err(ApiError::internal)?;
    match user {
        Some(u) if ok => {
            state.throttle.succeeded(name);
            Ok(u)
        }
        _ => {
            audit_login(
                state,
                AuditAction::LoginFailed,
                name,
                "wrong username or password",
            )
            .await;
            Err(bad_credentials())
        }
    }
}

/// Audits a failed or refused login; the username is cut to what an account could have.
async fn audit_login(state: &AppState, action: AuditAction, name: &str, detail: &str) {
    let shown: String = name.chars().take(64).collect();
    let entry = NewAudit {
        detail: Some(detail),
        ..NewAudit::new(&shown, action)
    };
    if let Err(e) = state.store.audit(&entry).await {
        tracing::warn!("cannot audit a failed login: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_starts_after_a_few_failures_and_doubles() {
        let t = LoginThrottle::default();
        for _ in 0..t.policy().free_failures - 1 {
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
    fn attempts_count_before_they_are_checked() {
        let t = LoginThrottle::default();
        // Parallel attempts: each begins before any has finished.
        let admitted = (0..40).filter(|_| t.begin("ann").is_ok()).count();
        assert_eq!(admitted, 3);
        t.succeeded("ann");
        assert!(t.begin("ann").is_ok());
        t.cancel("ann");
        assert!(t.is_empty());
    }

    #[test]
    fn the_back_off_follows_its_settings() {
        let t = LoginThrottle::new(LoginPolicy {
            free_failures: 1,
            max_wait: Duration::from_secs(2),
        });
        assert!(t.begin("ann").is_ok());
        let wait = t.begin("ann").unwrap_err();
        assert!(wait <= Duration::from_secs(1), "{wait:?}");
        for _ in 0..10 {
            t.failed("ann");
        }
        // Doubling stops at the configured longest wait.
        let wait = t.wait("ann").unwrap_or_default();
        assert!(
            wait > Duration::from_secs(1) && wait <= Duration::from_secs(2),
            "{wait:?}"
        );
    }

    #[test]
    fn the_table_is_bounded() {
        let t = LoginThrottle::default();
        for i in 0..MAX_TRACKED + 500 {
            t.failed(&format!("user{i}"));
        }
        assert_eq!(t.len(), MAX_TRACKED);
        // The newest names are kept.
        assert!(t.begin(&format!("user{}", MAX_TRACKED + 499)).is_ok());
    }
}
