//! Application rows. One per account, keyed by the account's key. Every query binds its parameters.

use std::collections::HashMap;

use surrealdb::types::{RecordId, SurrealValue};

use super::{Answers, Application, ApplicationPage, ApplicationSummary, CvInfo, Status};
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
/// that does not exist is dropped rather than stored. The first save in
/// another status than a draft is the moment of submission.
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
            submitted_at = IF $status != 'draft' AND !submitted_at THEN time::now() ELSE submitted_at END,
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

/// The most applications one read of the coordinator's list returns.
pub const LIST_MAX: usize = 1000;

/// Accounts per statement when reading cohort memberships: SurrealDB 3.3
/// reads `account IN $list` from the index only for up to 32 values and
/// scans the whole table for more.
const MEMBERSHIP_CHUNK: usize = 32;

/// The fewest rows read per statement while the filters that look into
/// the answers (language, industry) leave some out.
const LIST_BATCH: usize = 200;

/// A checked query for the coordinator's list. Text filters are lowercase
/// and never empty; `until` is the first moment after the last day.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub kind: Option<&'static str>,
    pub status: Option<Status>,
    /// A partner's key.
    pub partner: Option<String>,
    /// A working language, whole.
    pub language: Option<String>,
    /// Part of the industry.
    pub industry: Option<String>,
    /// Part of the name or the email.
    pub search: Option<String>,
    /// Unix seconds.
    pub from: Option<i64>,
    pub until: Option<i64>,
    /// Rows at most, 1 to [`LIST_MAX`].
    pub limit: usize,
}

impl ListFilter {
    /// The filters the query cannot apply, on one summary.
    fn keeps(&self, row: &ApplicationSummary) -> bool {
        self.language.as_ref().is_none_or(|language| {
            row.languages
                .iter()
                .any(|known| known.to_lowercase() == *language)
        }) && self
            .industry
            .as_ref()
            .is_none_or(|industry| row.industry.to_lowercase().contains(industry.as_str()))
    }

    fn reads_answers(&self) -> bool {
        self.language.is_some() || self.industry.is_some()
    }
}

/// Applications other than drafts that match `filter`, newest first, at
/// most `filter.limit` of them, and whether more match.
pub async fn list(db: &Db, filter: &ListFilter) -> Result<ApplicationPage, AppError> {
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
    // each combination of kind and status has an index ending in
    // `submitted_at` (migrations 0008, 0011 and 0013) that SurrealDB reads
    // backwards, stopping at the limit, instead of reading and sorting every
    // application. The range on `submitted_at` is always there, from the
    // first moment asked for or else from 1970: a range is where the index
    // starts reading, while `status != 'draft'` alone made SurrealDB read
    // the whole index, checking each row. Every application that was ever
    // submitted has a submission time (`save`, migration 0014); a draft that
    // was withdrawn has none and is not listed. The other conditions are
    // checked on the rows it reads.
    let mut conditions = vec![
        match (filter.kind.is_some(), filter.status.is_some()) {
            (false, false) => "status != 'draft'",
            (true, false) => "kind = $kind AND status != 'draft'",
            (false, true) => "status = $status AND status != 'draft'",
            (true, true) => "kind = $kind AND status = $status AND status != 'draft'",
        },
        "submitted_at >= time::from_unix($from)",
    ];
    if filter.partner.is_some() {
        conditions.push("partner = $partner");
    }
    if filter.until.is_some() {
        conditions.push("submitted_at < time::from_unix($until)");
    }
    if filter.search.is_some() {
        conditions.push(
            "(string::contains(string::lowercase(account.name ?? ''), $search)
              OR string::contains(string::lowercase(account.email ?? ''), $search))",
        );
    }
    // One more row than asked says whether more match.
    let wanted = filter.limit + 1;
    let batch = if filter.reads_answers() {
        wanted.max(LIST_BATCH)
    } else {
        wanted
    };
    let statement = format!(
        "SELECT account, account.name AS name, kind, status, partner.name AS partner_name,
            submitted_at, IF submitted_at THEN time::unix(submitted_at) ELSE NONE END AS submitted,
            answers
         FROM application WHERE {}
         ORDER BY submitted_at DESC LIMIT {batch} START $start",
        conditions.join(" AND ")
    );
    let mut listed: Vec<(RecordId, ApplicationSummary)> = Vec::new();
    let mut start = 0;
    loop {
        let rows: Vec<SummaryRow> = db
            .query(statement.as_str())
            .bind(("kind", filter.kind))
            .bind(("status", filter.status.map(Status::code)))
            .bind((
                "partner",
                filter.partner.as_deref().map(|key| record("partner", key)),
            ))
            .bind(("from", filter.from.unwrap_or(0)))
            .bind(("until", filter.until))
            .bind(("search", filter.search.clone()))
            .bind(("start", start as i64))
            .await
            .and_then(|mut response| response.take(0))
            .map_err(db_error)?;
        let read = rows.len();
        for row in rows {
            let summary = summary(
                &row.account,
                row.name,
                row.kind,
                &row.status,
                row.partner_name,
                row.submitted,
                row.answers,
            );
            if filter.keeps(&summary) {
                listed.push((row.account, summary));
                if listed.len() == wanted {
                    break;
                }
            }
        }
        if listed.len() == wanted || read < batch {
            break;
        }
        start += batch;
    }
    let more = listed.len() > filter.limit;
    listed.truncate(filter.limit);

    // The cohorts of the accounts listed, in a few index reads rather than
    // a subquery per row (one on `$parent` scans every member).
    let accounts: Vec<RecordId> = listed.iter().map(|(account, _)| account.clone()).collect();
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

    let rows = listed
        .into_iter()
        .map(|(_, mut summary)| {
            summary.cohorts = cohorts.remove(&summary.account).unwrap_or_default();
            summary
        })
        .collect();
    Ok(ApplicationPage { rows, more })
}

/// One line of the list, its industry and languages read from the answers.
fn summary(
    account: &RecordId,
    name: String,
    kind: String,
    status: &str,
    partner_name: Option<String>,
    submitted_at: Option<i64>,
    answers: serde_json::Value,
) -> ApplicationSummary {
    let answers = serde_json::json!({ "kind": kind, "answers": answers });
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
        account: key_string(account),
        name,
        kind,
        status: Status::from_code(status).unwrap_or(Status::Submitted),
        partner_name,
        submitted_at,
        industry,
        languages,
        cohorts: Vec::new(),
    }
}

/// The languages someone can work in: Danish from module 3, any other at that level or above.
pub fn working_languages(skills: &[mentorbro_matching::LanguageSkill]) -> Vec<String> {
    skills
        .iter()
        .filter(|skill| skill.level >= mentorbro_matching::LanguageLevel::Module3)
        .map(|skill| skill.language.clone())
        .collect()
}
