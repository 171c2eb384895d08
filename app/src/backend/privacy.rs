//! Consent records, the export of a person's data, erasure with anonymous
//! statistics kept, and the retention job.

use std::path::Path;
use std::time::Duration;

use surrealdb::types::{Bytes, RecordId, SurrealValue};

use super::guard::require_user_row;
use super::{Db, app_state, guard, password};
use crate::accounts::Role;
use crate::accounts::store::db_error;
use crate::backend::db::{key_string, record};
use crate::error::{AppError, Problem};
use crate::privacy::{AccessEntry, ConsentRecord};

/// Every table that holds personal data, with the query that selects one
/// person's rows (`$account` is their record, `$key` its key, `$email` their
/// address). The export reads them all and erasure clears them all.
pub const PERSONAL_TABLES: &[(&str, &str)] = &[
    (
        "account",
        "SELECT id, email, name, role, language, active, partner.name AS partner,
            created_at, password_changed_at, sessions_ended_at FROM account WHERE id = $account",
    ),
    (
        "application",
        "SELECT kind, status, step, answers, partner.name AS partner, status_reason,
            created_at, updated_at, submitted_at, ended_at FROM application WHERE account = $account",
    ),
    (
        "consent",
        "SELECT version, agreed_at FROM consent WHERE account = $account ORDER BY agreed_at",
    ),
    (
        "upload",
        "SELECT kind, file_name, size_bytes, uploaded_at FROM upload WHERE account = $account",
    ),
    (
        "invitation",
        "SELECT email, name, company, created_at, expires_at, used_at FROM invitation
            WHERE account = $account OR email = $email",
    ),
    (
        "access_log",
        "SELECT at, actor_name, actor_role, action, what, why FROM access_log
            WHERE subject = $key ORDER BY at DESC",
    ),
    (
        "outbox",
        "SELECT to, subject, body, created_at, sent_at FROM outbox WHERE to = $email ORDER BY created_at",
    ),
    (
        "session",
        "SELECT expiry_date FROM session WHERE id IN $sessions",
    ),
    (
        "cohort_member",
        "SELECT cohort.name AS cohort, kind, capacity, added_at FROM cohort_member
            WHERE account = $account",
    ),
    (
        "pairing",
        "SELECT cohort.name AS cohort, IF mentee = $account THEN 'mentee' ELSE 'mentor' END AS as,
            published, published_at, updated_at FROM pairing
            WHERE mentee = $account OR mentor = $account",
    ),
    (
        "forbidden_pair",
        "SELECT cohort.name AS cohort, created_at FROM forbidden_pair
            WHERE mentee = $account OR mentor = $account",
    ),
    (
        "board_event",
        "SELECT cohort.name AS cohort, action, actor_name, at FROM board_event
            WHERE mentee = $account OR from = $account OR to = $account OR actor = $account
            ORDER BY at",
    ),
    (
        "board_viewer",
        "SELECT cohort.name AS cohort, seen_at FROM board_viewer WHERE account = $account",
    ),
    (
        "workshop_rsvp",
        "SELECT workshop.title AS workshop, workshop.date AS date, coming, answered_at
            FROM workshop_rsvp WHERE account = $account",
    ),
    (
        "workshop_attendance",
        "SELECT workshop.title AS workshop, workshop.date AS date, marked_at
            FROM workshop_attendance WHERE account = $account",
    ),
    // The feed's token is a key, not something about the person: only when it was made.
    (
        "calendar_feed",
        "SELECT created_at FROM calendar_feed WHERE account = $account",
    ),
    (
        "meeting",
        "SELECT cohort.name AS cohort, mentee.name AS mentee, mentor.name AS mentor, date, time,
            minutes, mode, topics, notes, next_steps, logged_by.name AS logged_by, confirmed_at,
            created_at FROM meeting WHERE mentee = $account OR mentor = $account ORDER BY date",
    ),
    (
        "introduction",
        "SELECT cohort.name AS cohort, mentee.name AS mentee, mentor.name AS mentor, date,
            company, role, kind, outcome, note, created_at, updated_at FROM introduction
            WHERE mentee = $account OR mentor = $account ORDER BY date",
    ),
    (
        "match_end",
        "SELECT cohort.name AS cohort, mentee.name AS mentee, mentor.name AS mentor, reason, note,
            published_at, ended_at FROM match_end WHERE mentee = $account OR mentor = $account",
    ),
    (
        "reminder",
        "SELECT kind, sent_at FROM reminder WHERE account = $account ORDER BY sent_at",
    ),
    (
        "survey_answer",
        "SELECT survey.title AS survey, survey.moment AS moment, survey.questions AS questions,
            answers, answered_at FROM survey_answer WHERE account = $account ORDER BY answered_at",
    ),
    (
        "password_setup",
        "SELECT created_at, expires_at, used_at FROM password_setup WHERE account = $account",
    ),
    // An import session holds a row about the person until the import ends or a day has passed.
    (
        "import_session",
        "SELECT kind, file_name, created_at, expires_at FROM import_session
            WHERE $email IN emails OR created_by = $account",
    ),
    (
        "outcome",
        "SELECT cohort.name AS cohort, moment, status, hours, matches_education, industry,
            found_on, in_aarhus, note, source, recorded_by_name, recorded_at FROM outcome
            WHERE mentee = $account ORDER BY recorded_at",
    ),
];

/// Tables that hold no personal data: schema bookkeeping, organisations,
/// public pages and anonymous statistics.
pub const OTHER_TABLES: &[&str] = &[
    "migration",
    "partner",
    "programme",
    "anonymous_participant",
    "cohort",
    "workshop",
    "survey",
    // Programme money: amounts, categories and notes on what was bought, and
    // which staff member entered them. Nothing about participants.
    "budget",
    "expense",
    "budget_change",
    // Per-cohort counts for the dashboards, and which cohorts changed since:
    // no names, no per-person rows.
    "cohort_tally",
    "tally_change",
];

/// Where uploaded files live, outside the web root.
#[derive(Debug, Clone)]
pub struct Uploads {
    pub dir: std::path::PathBuf,
}

pub async fn record_consent(db: &Db, account: &str, version: u32) -> Result<(), AppError> {
    db.query(
        "CREATE consent CONTENT { account: $account, version: $version, agreed_at: time::now() }",
    )
    .bind(("account", record("account", account)))
    .bind(("version", i64::from(version)))
    .await
    .and_then(|response| response.check())
    .map_err(db_error)?;
    Ok(())
}

pub async fn my_consents() -> Result<Vec<ConsentRecord>, AppError> {
    let account = require_user_row().await?;
    #[derive(SurrealValue)]
    struct Row {
        version: i64,
        agreed_at: i64,
    }
    let rows: Vec<Row> = app_state()?
        .db
        .query("SELECT version, time::unix(agreed_at) AS agreed_at FROM consent WHERE account = $account ORDER BY agreed_at")
        .bind(("account", account.id))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    Ok(rows
        .into_iter()
        .map(|row| ConsentRecord {
            version: row.version.max(0) as u32,
            agreed_at: row.agreed_at,
        })
        .collect())
}

pub async fn my_access_log() -> Result<Vec<AccessEntry>, AppError> {
    let account = require_user_row().await?;
    super::access_log::for_subject(&app_state()?.db, &key_string(&account.id)).await
}

pub async fn my_data() -> Result<String, AppError> {
    let account = require_user_row().await?;
    let data = export(&app_state()?.db, &key_string(&account.id)).await?;
    serde_json::to_string_pretty(&data).map_err(|error| {
        tracing::error!(%error, "export does not serialise");
        AppError::Internal
    })
}

/// Everything held about one person, as `{ table: [rows] }`.
pub async fn export(db: &Db, key: &str) -> Result<serde_json::Value, AppError> {
    let account = record("account", key);
    let email: Option<String> = db
        .query("SELECT VALUE email FROM ONLY $account")
        .bind(("account", account.clone()))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    let sessions = sessions_of(db, key).await?;
    let mut out = serde_json::Map::new();
    for (table, query) in PERSONAL_TABLES {
        let rows: Vec<serde_json::Value> = db
            .query(*query)
            .bind(("account", account.clone()))
            .bind(("key", key.to_owned()))
            .bind(("email", email.clone()))
            .bind(("sessions", sessions.clone()))
            .await
            .and_then(|mut response| response.take(0))
            .map_err(db_error)?;
        out.insert((*table).to_owned(), serde_json::Value::Array(rows));
    }
    Ok(serde_json::Value::Object(out))
}

/// Deletes every session record of an account; returns how many there were.
pub async fn end_sessions(db: &Db, key: &str) -> Result<usize, AppError> {
    let sessions = sessions_of(db, key).await?;
    db.query("DELETE $sessions")
        .bind(("sessions", sessions.clone()))
        .await
        .and_then(|response| response.check())
        .map_err(db_error)?;
    Ok(sessions.len())
}

/// The session records that belong to an account. Sessions are opaque to
/// the database, so each is decoded; erasure and export are rare.
async fn sessions_of(db: &Db, key: &str) -> Result<Vec<RecordId>, AppError> {
    #[derive(SurrealValue)]
    struct Row {
        id: RecordId,
        data: Bytes,
    }
    let rows: Vec<Row> = db
        .query("SELECT id, data FROM session")
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    Ok(rows
        .into_iter()
        .filter(|row| {
            rmp_serde::from_slice::<tower_sessions::session::Record>(&row.data)
                .is_ok_and(|session| guard::session_account(&session.data) == Some(key))
        })
        .map(|row| row.id)
        .collect())
}

pub async fn delete_my_account(password_given: String, confirmed: bool) -> Result<(), AppError> {
    let row = require_user_row().await?;
    if !row.role().is_some_and(Role::may_erase_self) {
        return Err(AppError::Forbidden);
    }
    if password_given.is_empty() {
        return Err(AppError::invalid("password", Problem::Required));
    }
    if !confirmed {
        return Err(AppError::invalid("confirm", Problem::Required));
    }
    let state = app_state()?;
    if !password::verify(password_given, Some(row.password_hash.clone())).await? {
        return Err(AppError::invalid("password", Problem::WrongPassword));
    }
    let key = key_string(&row.id);
    erase(&state.db, &state.uploads, &key, "erased on request").await?;
    guard::end_session().await?;
    tracing::info!(account = %key, "account erased on request");
    Ok(())
}

/// Removes every personal field about a person: keeps one anonymous
/// statistics row for an application, deletes the rest, their files and sessions.
pub async fn erase(db: &Db, uploads: &Uploads, key: &str, why: &str) -> Result<(), AppError> {
    let account = record("account", key);
    let files: Vec<String> = db
        .query("SELECT VALUE stored_as FROM upload WHERE account = $account")
        .bind(("account", account.clone()))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    let sessions = sessions_of(db, key).await?;
    db.query(
        "BEGIN TRANSACTION;
         LET $email = (SELECT VALUE email FROM ONLY $account);
         LET $application = (SELECT * FROM ONLY application WHERE account = $account LIMIT 1);
         IF $application {
            CREATE anonymous_participant CONTENT {
                kind: $application.kind,
                status: $application.status,
                partner: $application.partner,
                country_of_origin: $application.answers.country_of_origin,
                education_level: $application.answers.education_level,
                danish_level: $application.answers.danish_level,
                industry: $application.answers.industry,
                submitted_year: IF $application.submitted_at THEN time::year($application.submitted_at) ELSE NONE END,
                ended_at: $application.ended_at,
                reason: $why,
                anonymised_at: time::now()
            };
         };
         DELETE application WHERE account = $account;
         DELETE consent WHERE account = $account;
         DELETE upload WHERE account = $account;
         DELETE invitation WHERE account = $account OR email = $email;
         DELETE outbox WHERE to = $email;
         DELETE pairing WHERE mentee = $account OR mentor = $account;
         DELETE forbidden_pair WHERE mentee = $account OR mentor = $account;
         DELETE board_event WHERE mentee = $account OR from = $account OR to = $account OR actor = $account;
         DELETE board_viewer WHERE account = $account;
         DELETE meeting WHERE mentee = $account OR mentor = $account;
         DELETE introduction WHERE mentee = $account OR mentor = $account;
         DELETE match_end WHERE mentee = $account OR mentor = $account;
         DELETE reminder WHERE account = $account;
         DELETE cohort_member WHERE account = $account;
         DELETE workshop_rsvp WHERE account = $account;
         DELETE workshop_attendance WHERE account = $account;
         DELETE calendar_feed WHERE account = $account;
         DELETE survey_answer WHERE account = $account;
         DELETE outcome WHERE mentee = $account;
         DELETE password_setup WHERE account = $account;
         DELETE import_session WHERE $email IN emails OR created_by = $account;
         DELETE $sessions;
         DELETE $account;
         COMMIT TRANSACTION;",
    )
    .bind(("account", account))
    .bind(("sessions", sessions))
    .bind(("why", why.to_owned()))
    .await
    .and_then(|response| response.check())
    .map_err(db_error)?;
    for file in files {
        remove_upload(&uploads.dir, &file)?;
    }
    Ok(())
}

/// Deletes a stored upload; a file already gone is fine.
pub fn remove_upload(dir: &Path, stored_as: &str) -> Result<(), AppError> {
    if !super::db::is_key(stored_as) {
        return Ok(());
    }
    match std::fs::remove_file(dir.join(stored_as)) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(error) => {
            tracing::error!(%error, file = stored_as, "could not delete upload");
            Err(AppError::Internal)
        }
    }
}

/// Anonymises everyone whose course ended (completed, withdrawn or declined)
/// longer ago than `retention`. Returns how many people were anonymised.
pub async fn anonymise_expired(
    db: &Db,
    uploads: &Uploads,
    retention: Duration,
) -> Result<usize, AppError> {
    let cutoff = guard::now_secs() - retention.as_secs() as i64;
    let due: Vec<RecordId> = db
        .query(
            "SELECT VALUE account FROM application
             WHERE status IN ['completed', 'withdrawn', 'declined'] AND ended_at != NONE
                AND time::unix(ended_at) < $cutoff",
        )
        .bind(("cutoff", cutoff))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    for account in &due {
        erase(db, uploads, &key_string(account), "retention period ended").await?;
    }
    if !due.is_empty() {
        tracing::info!(
            count = due.len(),
            "anonymised people after the retention period"
        );
    }
    Ok(due.len())
}

/// Runs [`anonymise_expired`] now and then every `every`, for as long as the server runs.
pub async fn retention_job(db: Db, uploads: Uploads, retention: Duration, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    loop {
        ticks.tick().await;
        if let Err(error) = anonymise_expired(&db, &uploads, retention).await {
            tracing::error!(%error, "retention job failed");
        }
        if let Err(error) = super::import::remove_expired(&db).await {
            tracing::error!(%error, "removing old import sessions failed");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_and_other_tables_do_not_overlap() {
        for (table, _) in PERSONAL_TABLES {
            assert!(!OTHER_TABLES.contains(table), "{table}");
        }
    }

    #[test]
    fn only_participants_erase_themselves() {
        assert!(Role::Mentee.may_erase_self());
        assert!(!Role::Coordinator.may_erase_self());
        assert!(!Role::Admin.may_erase_self());
    }
}
