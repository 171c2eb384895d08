//! Application rows. One per account, keyed by the account's key. Every query binds its parameters.

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
        submitted_at: Option<i64>,
        answers: serde_json::Value,
        cohorts: Vec<String>,
    }
    let rows: Vec<SummaryRow> = db
        .query(
            "SELECT account, account.name AS name, kind, status, partner.name AS partner_name,
                IF submitted_at THEN time::unix(submitted_at) ELSE NONE END AS submitted_at,
                answers,
                (SELECT VALUE cohort.name FROM cohort_member WHERE account = $parent.account) AS cohorts
             FROM application
             WHERE status != 'draft' AND ($kind = NONE OR kind = $kind) AND ($status = NONE OR status = $status)
             ORDER BY submitted_at DESC LIMIT 1000",
        )
        .bind(("kind", kind.map(str::to_owned)))
        .bind(("status", status.map(Status::code)))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
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
            ApplicationSummary {
                account: key_string(&row.account),
                name: row.name,
                kind: row.kind,
                status: Status::from_code(&row.status).unwrap_or(Status::Submitted),
                partner_name: row.partner_name,
                submitted_at: row.submitted_at,
                industry,
                languages,
                cohorts: row.cohorts,
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
