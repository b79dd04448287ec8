//! The audit log: who did what to which patient's records, and when.
//!
//! Every action the log records is one [`AuditAction`]; its name is the text stored in
//! `audit_log.action` (the names predate the enum and are kept as they were). A state
//! change and its audit line are written in one transaction (see [`crate::operations`]);
//! reads (views, searches, exports) append their line with [`Store::audit`].

use std::fmt;
use std::str::FromStr;

use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::accounts::random_hex;
use crate::error::{Error, Result};
use crate::store::{now, Store};

/// What an audit line records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditAction {
    /// A successful login (a session started).
    Login,
    /// A login with a wrong username or password.
    LoginFailed,
    /// A login refused before checking the password (back-off, too many at once).
    LoginRefused,
    /// A request refused with 403, or with 401 although credentials were presented.
    RequestRefused,
    ChangePassword,
    DisableUser,
    EnableUser,
    RevokeToken,
    UploadBatch,
    Search,
    ViewDocument,
    ViewPage,
    ViewPageImage,
    CorrectPage,
    /// A document's NHS number, dates or type corrected, or a held NHS number confirmed.
    CorrectDocument,
    ViewTriageLetter,
    TriageAccept,
    TriageOverride,
    /// Reviewed triage decisions exported with identifiers replaced.
    ExportLabels,
    /// Reviewed triage decisions exported with the letters' identifiable text.
    ExportLabelsIdentifiable,
    ExportAudit,
}

impl AuditAction {
    pub const ALL: [AuditAction; 21] = [
        AuditAction::Login,
        AuditAction::LoginFailed,
        AuditAction::LoginRefused,
        AuditAction::RequestRefused,
        AuditAction::ChangePassword,
        AuditAction::DisableUser,
        AuditAction::EnableUser,
        AuditAction::RevokeToken,
        AuditAction::UploadBatch,
        AuditAction::Search,
        AuditAction::ViewDocument,
        AuditAction::ViewPage,
        AuditAction::ViewPageImage,
        AuditAction::CorrectPage,
        AuditAction::CorrectDocument,
        AuditAction::ViewTriageLetter,
        AuditAction::TriageAccept,
        AuditAction::TriageOverride,
        AuditAction::ExportLabels,
        AuditAction::ExportLabelsIdentifiable,
        AuditAction::ExportAudit,
    ];

    /// The name stored in `audit_log.action` and used by `?action=` filters.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Login => "login",
            AuditAction::LoginFailed => "login_failed",
            AuditAction::LoginRefused => "login_refused",
            AuditAction::RequestRefused => "request_refused",
            AuditAction::ChangePassword => "change_password",
            AuditAction::DisableUser => "disable_user",
            AuditAction::EnableUser => "enable_user",
            AuditAction::RevokeToken => "revoke_token",
            AuditAction::UploadBatch => "upload_batch",
            AuditAction::Search => "search",
            AuditAction::ViewDocument => "view_document",
            AuditAction::ViewPage => "view_page",
            AuditAction::ViewPageImage => "view_page_image",
            AuditAction::CorrectPage => "correct_page",
            AuditAction::CorrectDocument => "correct_document",
            AuditAction::ViewTriageLetter => "view_triage_letter",
            AuditAction::TriageAccept => "triage_accept",
            AuditAction::TriageOverride => "triage_override",
            AuditAction::ExportLabels => "export_labels",
            AuditAction::ExportLabelsIdentifiable => "export_labels_identifiable",
            AuditAction::ExportAudit => "export_audit",
        }
    }
}

impl fmt::Display for AuditAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for AuditAction {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl FromStr for AuditAction {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        AuditAction::ALL
            .into_iter()
            .find(|a| a.as_str() == s)
            .ok_or_else(|| Error::Invalid(format!("unknown audit action {s:?}")))
    }
}

/// One line of the audit log.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AuditEntry {
    pub id: String,
    pub at: String,
    pub username: String,
    /// As stored: an [`AuditAction`] name.
    pub action: String,
    pub nhs_number: Option<String>,
    pub document_id: Option<String>,
    pub page_number: Option<i64>,
    pub detail: Option<String>,
}

/// What to record in the audit log.
#[derive(Debug, Clone)]
pub struct NewAudit<'a> {
    pub username: &'a str,
    pub action: AuditAction,
    pub nhs_number: Option<&'a str>,
    pub document_id: Option<&'a str>,
    pub page_number: Option<u32>,
    pub detail: Option<&'a str>,
}

impl<'a> NewAudit<'a> {
    /// A line with no patient, document or detail (fill those in with struct update
    /// syntax: `NewAudit { detail: Some(..), ..NewAudit::new(user, action) }`).
    pub fn new(username: &'a str, action: AuditAction) -> NewAudit<'a> {
        NewAudit {
            username,
            action,
            nhs_number: None,
            document_id: None,
            page_number: None,
            detail: None,
        }
    }
}

/// Appends an audit line on `conn`: inside a transaction, it commits or rolls back with
/// the change it records.
pub(crate) async fn insert(conn: &mut AnyConnection, entry: &NewAudit<'_>) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (id, at, username, action, nhs_number, document_id,
             page_number, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(random_hex(12)?)
    .bind(now())
    .bind(entry.username)
    .bind(entry.action.as_str())
    .bind(entry.nhs_number)
    .bind(entry.document_id)
    .bind(entry.page_number.map(i64::from))
    .bind(entry.detail)
    .execute(conn)
    .await?;
    Ok(())
}

impl Store {
    /// Appends to the audit log on its own (a view, a search, an export, a refusal).
    pub async fn audit(&self, entry: &NewAudit<'_>) -> Result<()> {
        let mut conn = self.pool().acquire().await?;
        insert(&mut conn, entry).await
    }

    /// The audit log, newest first, optionally of one user, action or patient (an NHS
    /// number; spaces are ignored on both sides).
    pub async fn audit_entries(
        &self,
        username: Option<&str>,
        action: Option<&str>,
        nhs_number: Option<&str>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>> {
        let rows = sqlx::query(
            "SELECT id, at, username, action, nhs_number, document_id, page_number, detail
             FROM audit_log
             WHERE ($1 IS NULL OR username = $1) AND ($2 IS NULL OR action = $2)
               AND ($3 IS NULL OR REPLACE(nhs_number, ' ', '') = $3)
             ORDER BY at DESC, id LIMIT $4",
        )
        .bind(username)
        .bind(action)
        .bind(nhs_number)
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AuditEntry {
                    id: r.try_get("id")?,
                    at: r.try_get("at")?,
                    username: r.try_get("username")?,
                    action: r.try_get("action")?,
                    nhs_number: r.try_get("nhs_number")?,
                    document_id: r.try_get("document_id")?,
                    page_number: r.try_get("page_number")?,
                    detail: r.try_get("detail")?,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_names_are_unique_and_round_trip() {
        for (i, a) in AuditAction::ALL.iter().enumerate() {
            assert_eq!(a.as_str().parse::<AuditAction>().ok(), Some(*a));
            assert!(AuditAction::ALL[i + 1..]
                .iter()
                .all(|b| b.as_str() != a.as_str()));
        }
        assert!("delete_everything".parse::<AuditAction>().is_err());
    }

    #[tokio::test]
    async fn a_line_is_stored_under_its_action_name() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::open_sqlite(&dir.path().join("t.db")).await?;
        store
            .audit(&NewAudit {
                document_id: Some("abc"),
                ..NewAudit::new("consultant", AuditAction::TriageOverride)
            })
            .await?;
        let lines = store
            .audit_entries(None, Some("triage_override"), None, 10)
            .await?;
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].username, "consultant");
        assert_eq!(lines[0].document_id.as_deref(), Some("abc"));
        Ok(())
    }
}
