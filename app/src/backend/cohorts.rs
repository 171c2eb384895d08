//! Cohorts, and deciding applications into them.

use std::collections::HashMap;

use surrealdb::types::{RecordId, SurrealValue};

use super::db::{is_key, key_string, record};
use super::{Db, access_log, app_state, require_role};
use crate::accounts::Role;
use crate::accounts::store::db_error;
use crate::board::{Cohort, CohortForm, CohortStatus};
use crate::error::{AppError, Problem};
use crate::portal::profile::{MAX_MENTOR_CAPACITY, parse_number};
use crate::portal::{Answers, Status, store};

/// The most applications one bulk decision takes.
pub const MAX_BULK: usize = 500;

/// A cohort's own fields.
const FIELDS: &str = "id, programme, name, start, end, places, status, weights,
    (SELECT VALUE name FROM programme WHERE slug = $parent.programme LIMIT 1)[0] AS programme_name";

/// One cohort's counts, the cohort bound as `$id`: SurrealDB 3.3 reads them
/// from the member and pairing indexes, where a subquery on `$parent`
/// scans both tables whole.
const COUNTS: &str = "{
    mentees: count(SELECT id FROM cohort_member WHERE cohort = $id AND kind = 'mentee'),
    mentors: count(SELECT id FROM cohort_member WHERE cohort = $id AND kind = 'mentor'),
    pairs: count(SELECT id FROM pairing WHERE cohort = $id),
    published_pairs: count(SELECT id FROM pairing WHERE cohort = $id AND published = true)
} AS counts";

/// Cohorts per statement when counting for the list: SurrealDB 3.3 reads
/// `cohort IN $list` from the index only for up to 32 values.
const COUNT_CHUNK: usize = 32;

#[derive(SurrealValue)]
struct Row {
    id: RecordId,
    programme: String,
    programme_name: Option<String>,
    name: String,
    start: String,
    end: String,
    places: i64,
    status: String,
    weights: serde_json::Value,
    /// Read with one cohort; the list counts apart.
    counts: Option<Counts>,
}

#[derive(SurrealValue, Default, Clone, Copy)]
struct Counts {
    mentees: i64,
    mentors: i64,
    pairs: i64,
    published_pairs: i64,
}

impl Row {
    fn into_cohort(self) -> Cohort {
        let count = |n: i64| n.clamp(0, i64::from(u32::MAX)) as u32;
        let counts = self.counts.unwrap_or_default();
        Cohort {
            id: key_string(&self.id),
            programme_name: self
                .programme_name
                .unwrap_or_else(|| self.programme.clone()),
            programme: self.programme,
            name: self.name,
            start: self.start,
            end: self.end,
            places: count(self.places),
            status: CohortStatus::from_code(&self.status).unwrap_or_default(),
            weights: serde_json::from_value(self.weights).unwrap_or_default(),
            mentees: count(counts.mentees),
            mentors: count(counts.mentors),
            pairs: count(counts.pairs),
            published_pairs: count(counts.published_pairs),
        }
    }
}

pub async fn list() -> Result<Vec<Cohort>, AppError> {
    require_role(&[Role::Coordinator, Role::Admin]).await?;
    let db = app_state()?.db;
    let mut rows: Vec<Row> = db
        .query(format!(
            "SELECT {FIELDS} FROM cohort ORDER BY start DESC LIMIT 500"
        ))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    let ids: Vec<RecordId> = rows.iter().map(|row| row.id.clone()).collect();
    let mut counts = counts_of(&db, &ids).await?;
    for row in &mut rows {
        row.counts = counts.remove(&key_string(&row.id));
    }
    Ok(rows.into_iter().map(Row::into_cohort).collect())
}

/// The counts of many cohorts, by key: grouped counts over the member and
/// pairing indexes, a statement per kind of count and chunk of cohorts.
async fn counts_of(db: &Db, cohorts: &[RecordId]) -> Result<HashMap<String, Counts>, AppError> {
    #[derive(SurrealValue)]
    struct Group {
        cohort: RecordId,
        key: Option<String>,
        n: i64,
    }
    let chunks: Vec<&[RecordId]> = cohorts.chunks(COUNT_CHUNK).collect();
    let mut counts = HashMap::<String, Counts>::new();
    if chunks.is_empty() {
        return Ok(counts);
    }
    let statements: String = (0..chunks.len())
        .map(|n| {
            format!(
                "SELECT cohort, kind AS key, count() AS n FROM cohort_member
                    WHERE cohort IN $cohorts{n} GROUP BY cohort, key;
                 SELECT cohort, IF published = true THEN 'published' ELSE 'draft' END AS key,
                    count() AS n FROM pairing WHERE cohort IN $cohorts{n} GROUP BY cohort, key;"
            )
        })
        .collect();
    let mut query = db.query(statements);
    for (n, chunk) in chunks.iter().enumerate() {
        query = query.bind((format!("cohorts{n}"), chunk.to_vec()));
    }
    let mut response = query.await.map_err(db_error)?;
    for statement in 0..chunks.len() * 2 {
        let groups: Vec<Group> = response.take(statement).map_err(db_error)?;
        for group in groups {
            let counts = counts.entry(key_string(&group.cohort)).or_default();
            match group.key.as_deref() {
                Some("mentee") => counts.mentees += group.n,
                Some("mentor") => counts.mentors += group.n,
                Some("published") => {
                    counts.pairs += group.n;
                    counts.published_pairs += group.n;
                }
                Some("draft") => counts.pairs += group.n,
                _ => {}
            }
        }
    }
    Ok(counts)
}

/// A cohort by key, for any server-side flow that already checked the caller.
pub async fn find(db: &Db, id: &str) -> Result<Cohort, AppError> {
    if !is_key(id) {
        return Err(AppError::NotFound);
    }
    let row: Option<Row> = db
        .query(format!("SELECT {FIELDS}, {COUNTS} FROM ONLY $id"))
        .bind(("id", record("cohort", id)))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    row.map(Row::into_cohort).ok_or(AppError::NotFound)
}

pub async fn load(id: String) -> Result<Cohort, AppError> {
    require_role(&[Role::Coordinator, Role::Admin]).await?;
    find(&app_state()?.db, &id).await
}

pub async fn save(id: Option<String>, mut form: CohortForm) -> Result<Cohort, AppError> {
    require_role(&[Role::Coordinator, Role::Admin]).await?;
    form.programme = form.programme.trim().to_owned();
    AppError::check(form.problems())?;
    let db = app_state()?.db;
    let exists: Option<RecordId> = db
        .query("SELECT VALUE id FROM programme WHERE slug = $slug LIMIT 1")
        .bind(("slug", form.programme.clone()))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    if exists.is_none() {
        return Err(AppError::invalid("programme", Problem::UnknownChoice));
    }
    let id = match id.filter(|id| !id.is_empty()) {
        Some(id) => {
            find(&db, &id).await?;
            id
        }
        None => super::db::random_key(),
    };
    let weights = serde_json::to_value(&form.weights).map_err(|_| AppError::Internal)?;
    db.query(
        "UPSERT $id SET programme = $programme, name = $name, start = $start, end = $end,
            places = $places, status = $status, weights = $weights, updated_at = time::now()",
    )
    .bind(("id", record("cohort", &id)))
    .bind(("programme", form.programme.clone()))
    .bind(("name", form.name.trim().to_owned()))
    .bind(("start", form.start.trim().to_owned()))
    .bind(("end", form.end.trim().to_owned()))
    .bind((
        "places",
        parse_number(&form.places, 1, 1000).unwrap_or_default(),
    ))
    .bind(("status", form.status.code()))
    .bind(("weights", weights))
    .await
    .and_then(|response| response.check())
    .map_err(db_error)?;
    find(&db, &id).await
}

/// The member record of a person in a cohort.
pub fn member_id(cohort: &str, account: &str) -> RecordId {
    RecordId::new("cohort_member", format!("{cohort}_{account}"))
}

/// How many mentees a mentor takes: what their profile says, within bounds.
fn capacity_of(answers: &Answers) -> i64 {
    match answers {
        Answers::Mentor(profile) => {
            parse_number(&profile.capacity, 1, MAX_MENTOR_CAPACITY).unwrap_or(1)
        }
        Answers::Mentee(_) => 0,
    }
}

pub async fn decide(
    accounts: Vec<String>,
    status: String,
    reason: String,
    cohort: Option<String>,
) -> Result<u32, AppError> {
    let coordinator = require_role(&[Role::Coordinator, Role::Admin]).await?;
    let status = Status::from_code(&status)
        .filter(|status| {
            matches!(
                status,
                Status::Accepted | Status::Waitlisted | Status::Declined
            )
        })
        .ok_or_else(|| AppError::invalid("status", Problem::UnknownChoice))?;
    let reason = match status {
        Status::Accepted if reason.trim().is_empty() => None,
        _ => Some(super::portal::reason_text(&reason)?),
    };
    let mut accounts = accounts;
    accounts.sort();
    accounts.dedup();
    if accounts.is_empty() {
        return Err(AppError::invalid("accounts", Problem::ChooseAtLeastOne));
    }
    if accounts.len() > MAX_BULK {
        return Err(AppError::invalid(
            "accounts",
            Problem::TooMany {
                max: MAX_BULK as u32,
            },
        ));
    }
    if !accounts.iter().all(|account| is_key(account)) {
        return Err(AppError::NotFound);
    }
    let db = app_state()?.db;
    let cohort = match cohort.filter(|cohort| !cohort.is_empty()) {
        None => None,
        Some(_) if status != Status::Accepted => {
            return Err(AppError::invalid("cohort", Problem::UnknownChoice));
        }
        Some(id) => Some(
            find(&db, &id)
                .await
                .map_err(|_| AppError::invalid("cohort", Problem::UnknownChoice))?,
        ),
    };
    // Check every application before changing any.
    let mut applications = Vec::with_capacity(accounts.len());
    for account in &accounts {
        let application = store::find(&db, account).await?.ok_or(AppError::NotFound)?;
        if matches!(application.status, Status::Draft | Status::Withdrawn) {
            return Err(AppError::invalid("accounts", Problem::NotDecidable));
        }
        applications.push(application);
    }
    for application in &applications {
        let account = &application.account;
        let kind = match application.answers {
            Answers::Mentee(_) => "mentee",
            Answers::Mentor(_) => "mentor",
        };
        let keeps_status = cohort.is_some() && application.status == Status::InCohort;
        if !keeps_status {
            store::set_status(&db, account, status, reason.clone()).await?;
        }
        if let Some(cohort) = &cohort {
            db.query(
                "UPSERT $member SET cohort = $cohort, account = $account, kind = $kind,
                    capacity = $capacity",
            )
            .bind(("member", member_id(&cohort.id, account)))
            .bind(("cohort", record("cohort", &cohort.id)))
            .bind(("account", record("account", account)))
            .bind(("kind", kind))
            .bind(("capacity", capacity_of(&application.answers)))
            .await
            .and_then(|response| response.check())
            .map_err(db_error)?;
        } else if status != Status::Accepted {
            leave_cohorts(&db, account).await?;
        }
        if !keeps_status && application.status != status {
            super::portal::tell_applicant(&db, account, status, reason.as_deref()).await?;
        }
        let what = match &cohort {
            Some(cohort) => format!("application status: {} ({})", status.code(), cohort.name),
            None => format!("application status: {}", status.code()),
        };
        access_log::record(
            &db,
            &coordinator,
            account,
            "change",
            &what,
            reason.as_deref().unwrap_or("accepted"),
        )
        .await?;
    }
    tracing::info!(
        count = applications.len(),
        status = status.code(),
        "applications decided"
    );
    Ok(applications.len() as u32)
}

/// Takes a person out of every cohort that has not been published to them.
async fn leave_cohorts(db: &Db, account: &str) -> Result<(), AppError> {
    db.query(
        "BEGIN TRANSACTION;
         DELETE pairing WHERE (mentee = $account OR mentor = $account) AND published = false;
         DELETE cohort_member WHERE account = $account
            AND count(SELECT id FROM pairing WHERE mentee = $account OR mentor = $account) = 0;
         COMMIT TRANSACTION;",
    )
    .bind(("account", record("account", account)))
    .await
    .and_then(|response| response.check())
    .map_err(db_error)?;
    Ok(())
}

pub async fn remove_member(cohort: String, account: String) -> Result<(), AppError> {
    let coordinator = require_role(&[Role::Coordinator, Role::Admin]).await?;
    if !is_key(&account) {
        return Err(AppError::NotFound);
    }
    let db = app_state()?.db;
    let cohort = find(&db, &cohort).await?;
    db.query(
            "BEGIN TRANSACTION;
             LET $member = (SELECT * FROM ONLY $member_id);
             IF !$member { THROW 'mentorbro:not_in_cohort' };
             FOR $pair IN (SELECT * FROM pairing WHERE cohort = $cohort AND (mentee = $account OR mentor = $account)) {
                CREATE board_event CONTENT {
                    cohort: $cohort, actor: $actor, actor_name: $actor_name, action: 'unassign',
                    mentee: $pair.mentee, from: $pair.mentor, to: NONE, at: time::now()
                };
                DELETE $pair.id;
             };
             DELETE $member_id;
             COMMIT TRANSACTION;",
        )
        .bind(("member_id", member_id(&cohort.id, &account)))
        .bind(("cohort", record("cohort", &cohort.id)))
        .bind(("account", record("account", &account)))
        .bind(("actor", record("account", &coordinator.id)))
        .bind(("actor_name", coordinator.name.clone()))
        .await
        .and_then(super::board::first_cause)
        .map_err(super::board::refusal)?;
    super::board::touch(&db, &cohort.id).await?;
    access_log::record(
        &db,
        &coordinator,
        &account,
        "change",
        &format!("removed from cohort {}", cohort.name),
        "cohort membership",
    )
    .await
}
