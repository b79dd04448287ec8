//! Operations that change records on a user's behalf. Each checks its input, makes its
//! change and appends its audit line in one database transaction: both are stored or
//! neither is, so no decision, correction or account change is left without its trace.
//!
//! The web server's JSON and HTML handlers and the CLI call these; they only translate
//! requests and answers.

use std::str::FromStr;

use serde_json::json;
use triage::{Pathway, Urgency};

use crate::audit::{self, AuditAction, NewAudit};
use crate::error::{Error, Result};
use crate::store::{now, Correction, DocumentRecord, Store};
use crate::suggestions::{Suggestion, SuggestionStatus};

/// The longest page text a correction may store.
pub const MAX_PAGE_TEXT_BYTES: usize = 200_000;

/// A consultant's decision on a letter's triage suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision<'a> {
    /// Keep the suggested urgency and pathway.
    Accept,
    /// Set other labels (checked against the spec's names), with a reason.
    Override {
        urgency: &'a str,
        pathway: &'a str,
        reason: &'a str,
    },
}

fn no_suggestion(id: &str) -> Error {
    Error::NotFound(format!("no triage suggestion for document {id:?}"))
}

/// Records `reviewer`'s accept or override of the letter `document_id` and its audit line
/// (`triage_accept` / `triage_override`, with the suggested and final labels, the reason
/// and the previous status), in one transaction. Returns the suggestion as now stored.
pub async fn decide_triage(
    store: &Store,
    reviewer: &str,
    document_id: &str,
    decision: Decision<'_>,
) -> Result<Suggestion> {
    let s = store
        .triage_suggestion(document_id)
        .await?
        .ok_or_else(|| no_suggestion(document_id))?;
    let (status, urgency, pathway, reason, action) = match decision {
        Decision::Accept => (
            SuggestionStatus::Accepted,
            s.suggested_urgency.clone(),
            s.suggested_pathway.clone(),
            None,
            AuditAction::TriageAccept,
        ),
        Decision::Override {
            urgency,
            pathway,
            reason,
        } => {
            let u = Urgency::from_str(urgency).map_err(|e| Error::Rejected {
                code: "invalid_label",
                message: e.to_string(),
            })?;
            let p = Pathway::from_str(pathway).map_err(|e| Error::Rejected {
                code: "invalid_label",
                message: e.to_string(),
            })?;
            let reason = reason.trim();
            if reason.is_empty() {
                return Err(Error::Rejected {
                    code: "reason_required",
                    message: "an override needs a reason".to_string(),
                });
            }
            (
                SuggestionStatus::Overridden,
                u.as_str().to_string(),
                p.as_str().to_string(),
                Some(reason.to_string()),
                AuditAction::TriageOverride,
            )
        }
    };
    let detail = json!({
        "suggested": [s.suggested_urgency, s.suggested_pathway],
        "final": [urgency, pathway],
        "reason": reason,
        "previous_status": s.status,
    })
    .to_string();
    let mut tx = store.pool().begin().await?;
    let done = sqlx::query(
        "UPDATE triage_suggestions SET status = $2, reviewer = $3, final_urgency = $4,
             final_pathway = $5, reason = $6, decided_at = $7
         WHERE document_id = $1",
    )
    .bind(document_id)
    .bind(status.as_str())
    .bind(reviewer)
    .bind(&urgency)
    .bind(&pathway)
    .bind(reason.as_deref())
    .bind(now())
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        tx.rollback().await?;
        return Err(no_suggestion(document_id));
    }
    audit::insert(
        &mut tx,
        &NewAudit {
            nhs_number: s.nhs_number.as_deref(),
            document_id: Some(document_id),
            detail: Some(&detail),
            ..NewAudit::new(reviewer, action)
        },
    )
    .await?;
    tx.commit().await?;
    store
        .triage_suggestion(document_id)
        .await?
        .ok_or_else(|| no_suggestion(document_id))
}

/// Replaces page `page_number`'s text with `user`'s correction (the page leaves the QA
/// queue; the document is due for re-indexing) and records `correct_page`, in one
/// transaction.
pub async fn correct_page(
    store: &Store,
    user: &str,
    document_id: &str,
    page_number: u32,
    text: &str,
) -> Result<()> {
    if text.len() > MAX_PAGE_TEXT_BYTES {
        return Err(Error::Rejected {
            code: "text_too_long",
            message: "a page's text is limited to 200,000 bytes".to_string(),
        });
    }
    let doc = store
        .document(document_id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("no document {document_id:?}")))?;
    let no_page = || {
        Error::NotFound(format!(
            "document {document_id:?} has no page {page_number}"
        ))
    };
    let mut tx = store.pool().begin().await?;
    let done = sqlx::query(
        "UPDATE pages SET text = $3, source = 'corrected', needs_review = 0
         WHERE document_id = $1 AND page_number = $2",
    )
    .bind(document_id)
    .bind(i64::from(page_number))
    .bind(text)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        tx.rollback().await?;
        return Err(no_page());
    }
    sqlx::query(
        "UPDATE documents SET updated_at = $2,
             pages_needing_review = (SELECT COUNT(*) FROM pages
                                     WHERE document_id = $1 AND needs_review = 1)
         WHERE id = $1",
    )
    .bind(document_id)
    .bind(now())
    .execute(&mut *tx)
    .await?;
    audit::insert(
        &mut tx,
        &NewAudit {
            nhs_number: doc.nhs_number.as_deref(),
            document_id: Some(document_id),
            page_number: Some(page_number),
            ..NewAudit::new(user, AuditAction::CorrectPage)
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The earliest date of birth a correction may give (the oldest living person was born
/// in the first decade of the 1900s; anything earlier is a typing slip).
const EARLIEST_BIRTH_YEAR: i32 = 1880;

/// Applies `user`'s correction of a document's extracted fields (NHS number, dates, type)
/// and records `correct_document` with the fields changed, in one transaction. `None`
/// leaves a field as it is; an NHS number given replaces one held for confirmation (that is
/// how a held number is confirmed). A document corrected to a referral letter is queued for
/// triage. Returns the document as now stored.
pub async fn correct_document(
    store: &Store,
    user: &str,
    document_id: &str,
    fix: &Correction,
) -> Result<DocumentRecord> {
    let rejected = |code: &'static str, message: String| Error::Rejected { code, message };
    let nhs_number = fix
        .nhs_number
        .as_deref()
        .map(|n| {
            types::clinical::NhsNumber::parse(n)
                .map(|number| number.as_str().to_string())
                .map_err(|e| {
                    rejected(
                        "invalid_nhs_number",
                        format!("{e} (10 digits with a modulus 11 check digit)"),
                    )
                })
        })
        .transpose()?;
    let today = chrono::Utc::now().date_naive();
    if let Some(birth) = fix.date_of_birth {
        use chrono::Datelike;
        if birth > today || birth.year() < EARLIEST_BIRTH_YEAR {
            return Err(rejected(
                "invalid_date_of_birth",
                format!(
                    "a date of birth must lie between {EARLIEST_BIRTH_YEAR} and today, not {birth}"
                ),
            ));
        }
    }
    if fix.letter_date.is_some_and(|d| d > today) {
        return Err(rejected(
            "invalid_letter_date",
            "a letter cannot be dated after today".to_string(),
        ));
    }
    let changed: Vec<&str> = [
        ("nhs_number", nhs_number.is_some()),
        ("date_of_birth", fix.date_of_birth.is_some()),
        ("letter_date", fix.letter_date.is_some()),
        ("document_type", fix.document_type.is_some()),
    ]
    .into_iter()
    .filter_map(|(name, given)| given.then_some(name))
    .collect();
    if changed.is_empty() {
        return Err(rejected(
            "nothing_to_correct",
            "give at least one of nhs_number, date_of_birth, letter_date, document_type"
                .to_string(),
        ));
    }
    let before = store
        .document(document_id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("no document {document_id:?}")))?;
    let confirmed =
        nhs_number.is_some() && nhs_number.as_deref() == before.nhs_number_to_confirm.as_deref();
    let mut tx = store.pool().begin().await?;
    sqlx::query(
        "UPDATE documents SET
             nhs_number = COALESCE($2, nhs_number),
             nhs_number_to_confirm = CASE WHEN $2 IS NULL THEN nhs_number_to_confirm END,
             document_type = COALESCE($3, document_type),
             letter_date = COALESCE($4, letter_date),
             date_of_birth = COALESCE($5, date_of_birth),
             updated_at = $6
         WHERE id = $1",
    )
    .bind(document_id)
    .bind(nhs_number.as_deref())
    .bind(fix.document_type.map(|t| t.as_str()))
    .bind(fix.letter_date.map(|d| d.to_string()))
    .bind(fix.date_of_birth.map(|d| d.to_string()))
    .bind(now())
    .execute(&mut *tx)
    .await?;
    let detail = json!({
        "fields": changed,
        "confirmed_held_nhs_number": confirmed,
        "document_type": fix.document_type.map(|t| t.as_str()),
        "previous_nhs_number": before.nhs_number,
    })
    .to_string();
    audit::insert(
        &mut tx,
        &NewAudit {
            nhs_number: nhs_number.as_deref().or(before.nhs_number.as_deref()),
            document_id: Some(document_id),
            detail: Some(&detail),
            ..NewAudit::new(user, AuditAction::CorrectDocument)
        },
    )
    .await?;
    tx.commit().await?;
    // A document corrected to a referral letter is triaged like any other referral;
    // whoever corrected it should not have to remember to ask for that.
    if fix.document_type == Some(types::DocumentType::ReferralLetter)
        && before.status == crate::store::DocumentStatus::Done
    {
        store.enqueue_triage(document_id, None).await?;
    }
    store
        .document(document_id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("no document {document_id:?}")))
}

/// Disables `username` (their sessions end, their API tokens are revoked) or enables them
/// again, recorded as `disable_user` / `enable_user` by `by`. False when there is no such
/// user (nothing is recorded).
pub async fn set_user_disabled(
    store: &Store,
    by: &str,
    username: &str,
    disabled: bool,
) -> Result<bool> {
    let mut tx = store.pool().begin().await?;
    let stamp = disabled.then(now);
    let done = sqlx::query("UPDATE users SET disabled_at = $2 WHERE username = $1")
        .bind(username)
        .bind(stamp)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        tx.rollback().await?;
        return Ok(false);
    }
    if disabled {
        sqlx::query("DELETE FROM sessions WHERE username = $1")
            .bind(username)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE api_tokens SET revoked_at = $2 WHERE username = $1 AND revoked_at IS NULL",
        )
        .bind(username)
        .bind(now())
        .execute(&mut *tx)
        .await?;
    }
    let action = if disabled {
        AuditAction::DisableUser
    } else {
        AuditAction::EnableUser
    };
    let detail = format!("user {username}");
    audit::insert(
        &mut tx,
        &NewAudit {
            detail: Some(&detail),
            ..NewAudit::new(by, action)
        },
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Revokes the unrevoked API token whose id is `id` (see [`Store::find_unrevoked_token`]'s
/// rules), recorded as `revoke_token` by `by`. Returns the token's owner, or `None` when
/// no such token exists (nothing is recorded).
pub async fn revoke_token(store: &Store, by: &str, id: &str) -> Result<Option<String>> {
    let Some((hash, owner)) = store.find_unrevoked_token(id).await? else {
        return Ok(None);
    };
    let mut tx = store.pool().begin().await?;
    let done = sqlx::query(
        "UPDATE api_tokens SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL",
    )
    .bind(&hash)
    .bind(now())
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        // Revoked by someone else meanwhile.
        tx.rollback().await?;
        return Ok(None);
    }
    let detail = format!("token {id} of {owner}");
    audit::insert(
        &mut tx,
        &NewAudit {
            detail: Some(&detail),
            ..NewAudit::new(by, AuditAction::RevokeToken)
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Some(owner))
}

/// Sets `username`'s new password hash and ends their other sessions (all but the one
/// whose cookie value is `keep`), recorded as `change_password`, in one transaction.
pub async fn change_password(
    store: &Store,
    username: &str,
    password_hash: &str,
    keep: Option<&str>,
) -> Result<()> {
    if !crate::accounts::valid_username(username) {
        return Err(Error::Invalid(format!("invalid username {username:?}")));
    }
    let mut tx = store.pool().begin().await?;
    let done = sqlx::query("UPDATE users SET password_hash = $2 WHERE username = $1")
        .bind(username)
        .bind(password_hash)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        tx.rollback().await?;
        return Err(Error::Invalid(format!("no user {username:?}")));
    }
    let keep_hash = keep
        .map(|t| crate::blobs::sha256_hex(t.as_bytes()))
        .unwrap_or_default();
    sqlx::query("DELETE FROM sessions WHERE username = $1 AND token_hash <> $2")
        .bind(username)
        .bind(keep_hash)
        .execute(&mut *tx)
        .await?;
    audit::insert(
        &mut tx,
        &NewAudit {
            detail: Some("other sessions ended"),
            ..NewAudit::new(username, AuditAction::ChangePassword)
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::NewDocument;
    use crate::suggestions::NewSuggestion;

    async fn letter_awaiting_review(dir: &std::path::Path) -> anyhow::Result<Store> {
        let store = Store::open_sqlite(&dir.join("t.db")).await?;
        store
            .begin_document(&NewDocument {
                id: "letter1",
                file_name: "letter1.pdf",
                path: "letter1.pdf",
                format: Some("pdf"),
                size_bytes: 10,
            })
            .await?;
        store
            .store_suggestion(&NewSuggestion {
                document_id: "letter1",
                model: "test",
                urgency: "routine",
                pathway: "lower_gi",
                urgency_probabilities: &[("routine".to_string(), 1.0)],
                pathway_probabilities: &[("lower_gi".to_string(), 1.0)],
                p_low_risk: 0.4,
                red_flags: &[],
                auto_routed: false,
                routing_reason: "below the routing threshold",
            })
            .await?;
        Ok(store)
    }

    #[tokio::test]
    async fn a_decision_and_its_audit_line_are_stored_together() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = letter_awaiting_review(dir.path()).await?;
        let decision = Decision::Override {
            urgency: "urgent_suspected_cancer",
            pathway: "lower_gi",
            reason: "weight loss in the history",
        };
        let s = decide_triage(&store, "dr_a", "letter1", decision).await?;
        assert_eq!(s.status, SuggestionStatus::Overridden);
        let lines = store.audit_entries(None, None, None, 10).await?;
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].action, "triage_override");
        assert_eq!(lines[0].username, "dr_a");
        assert_eq!(lines[0].document_id.as_deref(), Some("letter1"));
        assert!(lines[0]
            .detail
            .as_deref()
            .is_some_and(|d| d.contains("weight loss")));
        Ok(())
    }

    #[tokio::test]
    async fn a_failed_audit_line_leaves_no_decision() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = letter_awaiting_review(dir.path()).await?;
        // The audit insert will fail: the decision must not be stored without it.
        sqlx::query("DROP TABLE audit_log")
            .execute(store.pool())
            .await?;
        let decided = decide_triage(&store, "dr_a", "letter1", Decision::Accept).await;
        assert!(decided.is_err());
        let s = store
            .triage_suggestion("letter1")
            .await?
            .ok_or_else(|| anyhow::anyhow!("suggestion gone"))?;
        assert_eq!(s.status, SuggestionStatus::AwaitingReview);
        assert_eq!(s.reviewer, None);
        Ok(())
    }

    #[tokio::test]
    async fn refused_decisions_change_nothing() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = letter_awaiting_review(dir.path()).await?;
        let bad_label = Decision::Override {
            urgency: "soonish",
            pathway: "lower_gi",
            reason: "x",
        };
        let no_reason = Decision::Override {
            urgency: "routine",
            pathway: "lower_gi",
            reason: "  ",
        };
        for (decision, code) in [(bad_label, "invalid_label"), (no_reason, "reason_required")] {
            match decide_triage(&store, "dr_a", "letter1", decision).await {
                Err(Error::Rejected { code: c, .. }) => assert_eq!(c, code),
                other => panic!("expected {code}, got {other:?}"),
            }
        }
        assert!(matches!(
            decide_triage(&store, "dr_a", "nope", Decision::Accept).await,
            Err(Error::NotFound(_))
        ));
        assert!(store.audit_entries(None, None, None, 10).await?.is_empty());
        let s = store.triage_suggestion("letter1").await?;
        assert_eq!(s.map(|s| s.status), Some(SuggestionStatus::AwaitingReview));
        Ok(())
    }

    #[tokio::test]
    async fn a_correction_is_audited_with_its_page() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = letter_awaiting_review(dir.path()).await?;
        // No page 1 yet: nothing is changed or recorded.
        assert!(matches!(
            correct_page(&store, "records", "letter1", 1, "text").await,
            Err(Error::NotFound(_))
        ));
        assert!(store.audit_entries(None, None, None, 10).await?.is_empty());
        let page = types::PageText {
            page: 1,
            text: "Dear Dr Srnith".into(),
            words: Vec::new(),
            mean_confidence: 50.0,
            needs_review: true,
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
        store.store_page("letter1", &page).await?;
        correct_page(&store, "records", "letter1", 1, "Dear Dr Smith").await?;
        let pages = store.pages("letter1").await?;
        assert_eq!(pages[0].text, "Dear Dr Smith");
        assert!(!pages[0].needs_review);
        let lines = store
            .audit_entries(None, Some("correct_page"), None, 10)
            .await?;
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].page_number, Some(1));
        assert_eq!(lines[0].username, "records");
        Ok(())
    }
}
