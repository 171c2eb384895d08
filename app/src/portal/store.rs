//! Application rows. One per account, keyed by the account's key. Every query binds its parameters.

use std::collections::HashMap;

use surrealdb::types::{RecordId, SurrealValue};

use super::{Answers, Application, ApplicationSummary, CvInfo, Status};
use crate::accounts::store::db_error;
use crate::backend::Db;
use crate::backend::db::{key_string, record};
use crate::error::AppError;

const COLUMNS: &str = "account, kind, status, step, answers, status_reason,
    partner.name AS partner_name,
    time::unix(updated_at) AS updated_at,
    IF submitted_at THEN time::unix(submitted_at) ELSE NONE END AS submitted_at";

#[derive(Debug, Clone, SurrealValue)]
struct Row {
    account: RecordId,
    kind: String,
    status: String,
    step: i64,
    answers: serde_json::Value,
    status_reason: Option<String>,
    partner_name: Option<String>,
    updated_at: i64,
    submitted_at: Option<i64>,
}

#[derive(Debug, Clone, SurrealValue)]
struct CvRow {
    file_name: String,
    size_bytes: i64,
    uploaded_at: i64,
}

impl Row {
    fn into_application(self, cv: Option<CvInfo>) -> Result<Application, AppError> {
        let answers = serde_json::json!({ "kind": self.kind, "answers": self.answers });
        let answers: Answers = serde_json::from_value(answers).map_err(|error| {
            tracing::error!(%error, "stored answers do not parse");
            AppError::Internal
        })?;
        Ok(Application {
            account: key_string(&self.account),
            answers,
            status: Status::from_code(&self.status).unwrap_or(Status::Draft),
            step: self.step.clamp(1, 4) as u8,
            partner_name: self.partner_name,
            cv,
            updated_at: self.updated_at,
            submitted_at: self.submitted_at,
            status_reason: self.status_reason,
        })
    }
}

fn split(answers: &Answers) -> Result<(&'static str, serde_json::Value), AppError> {
    let (kind, value) = match answers {
        Answers::Mentee(profile) => ("mentee", serde_json::to_value(profile)),
        Answers::Mentor(profile) => ("mentor", serde_json::to_value(profile)),
    };
    value.map(|value| (kind, value)).map_err(|error| {
        tracing::error!(%error, "answers do not serialise");
        AppError::Internal
    })
}

/// The partner an application names, if it exists.
fn partner_of(answers: &Answers) -> Option<RecordId> {
    match answers {
        Answers::Mentee(profile) => profile
            .partner
            .as_deref()
            .filter(|id| crate::backend::db::is_key(id))
            .map(|id| record("partner", id)),
        Answers::Mentor(_) => None,
    }
}

pub async fn find(db: &Db, account: &str) -> Result<Option<Application>, AppError> {
    let mut response = db
        .query(format!(
            "SELECT {COLUMNS} FROM ONLY $id;
             SELECT file_name, size_bytes, time::unix(uploaded_at) AS uploaded_at
                FROM upload WHERE account = $account AND kind = 'cv' LIMIT 1;"
        ))
        .bind(("id", record("application", account)))
        .bind(("account", record("account", account)))
        .await
        .map_err(db_error)?;
    let row: Option<Row> = response.take(0).map_err(db_error)?;
    let cv: Vec<CvRow> = response.take(1).map_err(db_error)?;
    let cv = cv.into_iter().next().map(|cv| CvInfo {
        file_name: cv.file_name,
        size_bytes: cv.size_bytes.max(0) as u64,
        uploaded_at: cv.uploaded_at,
    });
    row.map(|row| row.into_application(cv)).transpose()
}

/// Writes the answers; creates the application on first save. A partner id
/// that does not exist is dropped rather than stored.
pub async fn save(
    db: &Db,
    account: &str,
    answers: &Answers,
    step: u8,
    status: Status,
) -> Result<(), AppError> {
    let (kind, value) = split(answers)?;
    db.query(
        "LET $partner = IF $partner AND record::exists($partner) THEN $partner ELSE NONE END;
         UPSERT $id SET account = $account, kind = $kind, answers = $answers, step = $step,
            status = $status, partner = $partner, updated_at = time::now(),
            submitted_at = IF $status = 'submitted' AND !submitted_at THEN time::now() ELSE submitted_at END,
            created_at = created_at OR time::now();",
    )
    .bind(("id", record("application", account)))
    .bind(("account", record("account", account)))
    .bind(("kind", kind))
    .bind(("answers", value))
    .bind(("step", i64::from(step)))
    .bind(("status", status.code()))
    .bind(("partner", partner_of(answers)))
    .await
    .and_then(|response| response.check())
    .map_err(db_error)?;
    Ok(())
}

pub async fn set_status(
    db: &Db,
    account: &str,
    status: Status,
    reason: Option<String>,
) -> Result<bool, AppError> {
    let updated: Option<RecordId> = db
        .query(
            "UPDATE ONLY $id SET status = $status, status_reason = $reason, updated_at = time::now(),
                ended_at = IF $status IN ['completed', 'withdrawn', 'declined'] THEN time::now() ELSE NONE END
             RETURN VALUE id",
        )
        .bind(("id", record("application", account)))
        .bind(("status", status.code()))
        .bind(("reason", reason))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    Ok(updated.is_some())
}

/// The most applications the coordinator's list shows.
const LIST_LIMIT: usize = 1000;

/// Accounts per statement when reading cohort memberships: SurrealDB 3.3
/// reads `account IN $list` from the index only for up to 32 values and
/// scans the whole table for more.
const MEMBERSHIP_CHUNK: usize = 32;

/// Applications other than drafts, newest first, optionally of one kind and status.
pub async fn list(
    db: &Db,
    kind: Option<&str>,
    status: Option<Status>,
) -> Result<Vec<ApplicationSummary>, AppError> {
    #[derive(SurrealValue)]
    struct SummaryRow {
        account: RecordId,
        name: String,
        kind: String,
        status: String,
        partner_name: Option<String>,
        submitted: Option<i64>,
        answers: serde_json::Value,
    }
    #[derive(SurrealValue)]
    struct MembershipRow {
        account: RecordId,
        name: String,
    }
    // Only the filters that are set go into the query (`$kind = NONE OR …`
    // cannot use an index), and it orders by the stored `submitted_at`:
    // each combination then has an index ending in `submitted_at` (migration
    // 0013) that SurrealDB reads backwards, stopping at the limit, instead
    // of reading and sorting every application.
    let filter = match (kind.is_some(), status.is_some()) {
        (false, false) => "status != 'draft'",
        (true, false) => "kind = $kind AND status != 'draft'",
        (false, true) => "status = $status AND status != 'draft'",
        (true, true) => "kind = $kind AND status = $status AND status != 'draft'",
    };
    let rows: Vec<SummaryRow> = db
        .query(format!(
            "SELECT account, account.name AS name, kind, status, partner.name AS partner_name,
                submitted_at, IF submitted_at THEN time::unix(submitted_at) ELSE NONE END AS submitted,
                answers
             FROM application WHERE {filter}
             ORDER BY submitted_at DESC LIMIT {LIST_LIMIT}"
        ))
        .bind(("kind", kind.map(str::to_owned)))
        .bind(("status", status.map(Status::code)))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;

    // The cohorts of the accounts listed, in a few index reads rather than
    // a subquery per row (one on `$parent` scans every member).
    let accounts: Vec<RecordId> = rows.iter().map(|row| row.account.clone()).collect();
    let chunks: Vec<&[RecordId]> = accounts.chunks(MEMBERSHIP_CHUNK).collect();
    let mut cohorts: HashMap<String, Vec<String>> = HashMap::new();
    if !chunks.is_empty() {
        let statements: String = (0..chunks.len())
            .map(|n| {
                format!(
                    "SELECT account, cohort.name AS name FROM cohort_member WHERE account IN $accounts{n};"
                )
            })
            .collect();
        let mut query = db.query(statements);
        for (n, chunk) in chunks.iter().enumerate() {
            query = query.bind((format!("accounts{n}"), chunk.to_vec()));
        }
        let mut response = query.await.map_err(db_error)?;
        for n in 0..chunks.len() {
            let members: Vec<MembershipRow> = response.take(n).map_err(db_error)?;
            for member in members {
                cohorts
                    .entry(key_string(&member.account))
                    .or_default()
                    .push(member.name);
            }
        }
    }

    Ok(rows
        .into_iter()
        .map(|row| {
            let answers = serde_json::json!({ "kind": row.kind, "answers": row.answers });
            let (industry, languages) = match serde_json::from_value::<Answers>(answers) {
                Ok(Answers::Mentee(profile)) => (
                    profile.target_industries.clone(),
                    working_languages(&profile.to_matching().languages),
                ),
                Ok(Answers::Mentor(profile)) => (
                    profile.industry.clone(),
                    working_languages(&profile.to_matching().languages),
                ),
                Err(_) => (String::new(), Vec::new()),
            };
            let account = key_string(&row.account);
            ApplicationSummary {
                cohorts: cohorts.remove(&account).unwrap_or_default(),
                account,
                name: row.name,
                kind: row.kind,
                status: Status::from_code(&row.status).unwrap_or(Status::Submitted),
                partner_name: row.partner_name,
                submitted_at: row.submitted,
                industry,
                languages,
            }
        })
        .collect())
}

/// The languages someone can work in: Danish from module 3, any other at that level or above.
pub fn working_languages(skills: &[mentorbro_matching::LanguageSkill]) -> Vec<String> {
    skills
        .iter()
        .filter(|skill| skill.level >= mentorbro_matching::LanguageLevel::Module3)
        .map(|skill| skill.language.clone())
        .collect()
}
