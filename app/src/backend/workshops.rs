//! Workshops behind their server functions. Staff plan workshops and check
//! in who came; participants see and answer only the workshops of cohorts
//! they are (still) part of. An answer runs in one transaction that bumps the
//! workshop record before it counts the places taken, so of two answers at
//! the same instant only one commits; the other is tried again and then sees
//! the first. The capacity holds however many say yes at once.

use std::time::Duration;

use surrealdb::types::{RecordId, SurrealValue};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::board::{first_cause, lost_race};
use super::cohorts::{self, member_id};
use super::db::{is_key, key_string, random_key, record};
use super::{Db, access_log, app_state, calendar, require_role};
use crate::accounts::Role;
use crate::accounts::store::db_error;
use crate::error::{AppError, Problem};
use crate::portal::profile::{parse_date, parse_number};
use crate::workshops::{
    AttendanceList, Attendee, MAX_CAPACITY, MyWorkshop, Workshop, WorkshopForm, WorkshopsOfCohort,
    parse_time,
};

/// How often an answer that lost a race with another is tried again.
const ATTEMPTS: usize = 40;

const STAFF: [Role; 2] = [Role::Coordinator, Role::Admin];
const PARTICIPANTS: [Role; 2] = [Role::Mentee, Role::Mentor];

/// The columns of a workshop row. `$account` is the participant whose answer
/// is read (NONE for staff).
pub(super) const COLUMNS: &str = "id, cohort, cohort.name AS cohort_name, title, description,
    date, time, minutes, place, link, capacity,
    cancelled_at != NONE AS cancelled, starts_at <= time::now() AS started,
    time::unix(starts_at) AS starts, time::unix(ends_at) AS ends,
    count(SELECT id FROM workshop_rsvp WHERE workshop = $parent.id AND coming = true) AS coming,
    count(SELECT id FROM workshop_attendance WHERE workshop = $parent.id) AS attended,
    (SELECT VALUE coming FROM workshop_rsvp WHERE workshop = $parent.id AND account = $account)[0] AS answer";

#[derive(SurrealValue)]
pub(super) struct Row {
    id: RecordId,
    cohort: RecordId,
    pub(super) cohort_name: Option<String>,
    title: String,
    description: String,
    date: String,
    time: String,
    minutes: i64,
    place: String,
    link: String,
    capacity: i64,
    cancelled: bool,
    started: bool,
    /// Seconds since the epoch.
    pub(super) starts: i64,
    pub(super) ends: i64,
    coming: i64,
    attended: i64,
    pub(super) answer: Option<bool>,
}

fn count(n: i64) -> u32 {
    n.clamp(0, i64::from(u32::MAX)) as u32
}

impl Row {
    pub(super) fn cohort_id(&self) -> &RecordId {
        &self.cohort
    }

    pub(super) fn workshop(&self) -> Workshop {
        Workshop {
            id: key_string(&self.id),
            cohort: key_string(&self.cohort),
            title: self.title.clone(),
            description: self.description.clone(),
            date: self.date.clone(),
            time: self.time.clone(),
            minutes: count(self.minutes),
            place: self.place.clone(),
            link: self.link.clone(),
            capacity: count(self.capacity),
            coming: count(self.coming),
            attended: count(self.attended),
            cancelled: self.cancelled,
            started: self.started,
        }
    }

    fn mine(self) -> MyWorkshop {
        MyWorkshop {
            workshop: self.workshop(),
            cohort_name: self.cohort_name.clone().unwrap_or_default(),
            answer: self.answer,
        }
    }
}

/// A workshop's row by key, as seen by `account` (or by staff with `None`).
pub(super) async fn find_row(db: &Db, id: &str, account: Option<&str>) -> Result<Row, AppError> {
    if !is_key(id) {
        return Err(AppError::NotFound);
    }
    let row: Option<Row> = db
        .query(format!("SELECT {COLUMNS} FROM ONLY $id"))
        .bind(("id", record("workshop", id)))
        .bind(("account", account.map(|key| record("account", key))))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    row.ok_or(AppError::NotFound)
}

/// Whether `account` is a participant of `cohort` who has not left it.
pub(super) async fn takes_part(db: &Db, cohort: &str, account: &str) -> Result<bool, AppError> {
    let active: Option<bool> = db
        .query("SELECT VALUE left_at = NONE FROM ONLY $member")
        .bind(("member", member_id(cohort, account)))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    Ok(active == Some(true))
}

pub async fn of_cohort(cohort: String) -> Result<WorkshopsOfCohort, AppError> {
    require_role(&STAFF).await?;
    let db = app_state()?.db;
    let cohort = cohorts::find(&db, &cohort).await?;
    let rows: Vec<Row> = db
        .query(format!(
            "SELECT {COLUMNS} FROM workshop WHERE cohort = $cohort ORDER BY starts LIMIT 500"
        ))
        .bind(("cohort", record("cohort", &cohort.id)))
        .bind(("account", None::<RecordId>))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    Ok(WorkshopsOfCohort {
        cohort: cohort.id,
        cohort_name: cohort.name,
        workshops: rows.iter().map(Row::workshop).collect(),
    })
}

pub async fn save(
    id: Option<String>,
    cohort: String,
    form: WorkshopForm,
) -> Result<Workshop, AppError> {
    let caller = require_role(&STAFF).await?;
    AppError::check(form.problems())?;
    let db = app_state()?.db;
    let cohort = cohorts::find(&db, &cohort).await?;
    let existing = match id.filter(|id| !id.is_empty()) {
        Some(id) => {
            let row = find_row(&db, &id, None).await?;
            if key_string(&row.cohort) != cohort.id {
                return Err(AppError::NotFound);
            }
            Some(row.workshop())
        }
        None => None,
    };
    let capacity = parse_number(&form.capacity, 1, MAX_CAPACITY).unwrap_or(1);
    if let Some(existing) = &existing
        && capacity < i64::from(existing.coming)
    {
        // Nobody loses the place they were given.
        return Err(AppError::invalid(
            "capacity",
            Problem::Number {
                min: i64::from(existing.coming),
                max: MAX_CAPACITY,
            },
        ));
    }
    let minutes = parse_number(&form.minutes, 15, 720).unwrap_or(60);
    let (Some(date), Some(at)) = (parse_date(&form.date), parse_time(&form.time)) else {
        return Err(AppError::invalid("date", Problem::Date));
    };
    let starts = calendar::local_instant(date, at)
        .ok_or_else(|| AppError::invalid("time", Problem::TimeOfDay))?;
    let ends = starts + time::Duration::minutes(minutes);
    let key = existing
        .as_ref()
        .map_or_else(random_key, |workshop| workshop.id.clone());
    let statement = if existing.is_some() {
        "UPDATE ONLY $id"
    } else {
        "CREATE ONLY $id"
    };
    db.query(format!(
        "{statement} SET cohort = $cohort, title = $title, description = $description,
            date = $date, time = $time, minutes = $minutes,
            starts_at = <datetime> $starts, ends_at = <datetime> $ends,
            place = $place, link = $link, capacity = $capacity, updated_at = time::now()"
    ))
    .bind(("id", record("workshop", &key)))
    .bind(("cohort", record("cohort", &cohort.id)))
    .bind(("title", form.title.trim().to_owned()))
    .bind(("description", form.description.trim().to_owned()))
    .bind(("date", form.date.trim().to_owned()))
    .bind(("time", form.time.trim().to_owned()))
    .bind(("minutes", minutes))
    .bind(("starts", rfc3339(starts)?))
    .bind(("ends", rfc3339(ends)?))
    .bind(("place", form.place.trim().to_owned()))
    .bind(("link", form.link.trim().to_owned()))
    .bind(("capacity", capacity))
    .await
    .and_then(|response| response.check())
    .map_err(db_error)?;
    tracing::info!(workshop = %key, cohort = %cohort.id, by = %caller.id, "workshop saved");
    Ok(find_row(&db, &key, None).await?.workshop())
}

fn rfc3339(moment: OffsetDateTime) -> Result<String, AppError> {
    moment.format(&Rfc3339).map_err(|error| {
        tracing::error!(%error, "instant does not format");
        AppError::Internal
    })
}

pub async fn cancel(id: String) -> Result<Workshop, AppError> {
    require_role(&STAFF).await?;
    let db = app_state()?.db;
    find_row(&db, &id, None).await?;
    db.query("UPDATE $id SET cancelled_at = time::now(), updated_at = time::now() WHERE cancelled_at = NONE")
        .bind(("id", record("workshop", &id)))
        .await
        .and_then(|response| response.check())
        .map_err(db_error)?;
    Ok(find_row(&db, &id, None).await?.workshop())
}

#[derive(SurrealValue)]
struct PersonRow {
    account: String,
    name: Option<String>,
    kind: String,
    answer: Option<bool>,
    attended: bool,
}

pub async fn attendance(id: String) -> Result<AttendanceList, AppError> {
    require_role(&STAFF).await?;
    let db = app_state()?.db;
    let row = find_row(&db, &id, None).await?;
    // The cohort's participants, and anyone already checked in who left since.
    let people: Vec<PersonRow> = db
        .query(
            "SELECT record::id(account) AS account, account.name AS name, kind,
                (SELECT VALUE coming FROM workshop_rsvp WHERE workshop = $workshop AND account = $parent.account)[0] AS answer,
                count(SELECT id FROM workshop_attendance WHERE workshop = $workshop AND account = $parent.account) > 0 AS attended
             FROM cohort_member
             WHERE cohort = $cohort AND (left_at = NONE
                OR count(SELECT id FROM workshop_attendance WHERE workshop = $workshop AND account = $parent.account) > 0)",
        )
        .bind(("workshop", record("workshop", &id)))
        .bind(("cohort", row.cohort.clone()))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    let mut people: Vec<Attendee> = people
        .into_iter()
        .map(|person| Attendee {
            account: person.account,
            name: person.name.unwrap_or_default(),
            kind: person.kind,
            answer: person.answer,
            attended: person.attended,
        })
        .collect();
    // Those who said yes first, then those who did not answer, then those who said no.
    let order = |answer: Option<bool>| match answer {
        Some(true) => 0,
        None => 1,
        Some(false) => 2,
    };
    people.sort_by(|a, b| {
        order(a.answer)
            .cmp(&order(b.answer))
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(AttendanceList {
        cohort_name: row.cohort_name.clone().unwrap_or_default(),
        workshop: row.workshop(),
        people,
    })
}

pub async fn set_attendance(
    workshop: String,
    account: String,
    attended: bool,
) -> Result<bool, AppError> {
    let caller = require_role(&STAFF).await?;
    let db = app_state()?.db;
    let row = find_row(&db, &workshop, None).await?;
    if row.cancelled {
        return Err(AppError::invalid("workshop", Problem::WorkshopCancelled));
    }
    let cohort = key_string(&row.cohort);
    let member = is_key(&account)
        && db
            .query("SELECT VALUE id FROM ONLY $member")
            .bind(("member", member_id(&cohort, &account)))
            .await
            .and_then(|mut response| response.take::<Option<RecordId>>(0))
            .map_err(db_error)?
            .is_some();
    if !member {
        return Err(AppError::invalid("account", Problem::NotInCohort));
    }
    let mark = RecordId::new("workshop_attendance", format!("{workshop}_{account}"));
    let query = if attended {
        "UPSERT $mark SET workshop = $workshop, account = $account, marked_by = $by, marked_at = time::now()"
    } else {
        "DELETE $mark"
    };
    db.query(query)
        .bind(("mark", mark))
        .bind(("workshop", record("workshop", &workshop)))
        .bind(("account", record("account", &account)))
        .bind(("by", record("account", &caller.id)))
        .await
        .and_then(|response| response.check())
        .map_err(db_error)?;
    let what = format!(
        "workshop {}: {}",
        row.title,
        if attended { "attended" } else { "not attended" }
    );
    access_log::record(&db, &caller, &account, "change", &what, "workshop check-in").await?;
    Ok(attended)
}

pub async fn mine() -> Result<Vec<MyWorkshop>, AppError> {
    let caller = require_role(&PARTICIPANTS).await?;
    let rows: Vec<Row> = app_state()?
        .db
        .query(format!(
            "SELECT {COLUMNS} FROM workshop
             WHERE cohort IN (SELECT VALUE cohort FROM cohort_member WHERE account = $account AND left_at = NONE)
                AND ends_at > time::now()
             ORDER BY starts LIMIT 200"
        ))
        .bind(("account", record("account", &caller.id)))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    Ok(rows.into_iter().map(Row::mine).collect())
}

/// Maps a rule the answer's transaction refused to what the participant reads.
fn answer_refusal(error: surrealdb::Error) -> AppError {
    let text = error.to_string();
    let refuse = |problem| AppError::invalid("workshop", problem);
    if text.contains("mentorbro:workshop_full") {
        refuse(Problem::WorkshopFull)
    } else if text.contains("mentorbro:workshop_started") {
        refuse(Problem::WorkshopStarted)
    } else if text.contains("mentorbro:workshop_cancelled") {
        refuse(Problem::WorkshopCancelled)
    } else {
        db_error(error)
    }
}

const ANSWER: &str = "BEGIN TRANSACTION;
    LET $found = (SELECT cancelled_at, starts_at, capacity FROM ONLY $workshop);
    IF $found.cancelled_at != NONE { THROW 'mentorbro:workshop_cancelled' };
    IF $found.starts_at <= time::now() { THROW 'mentorbro:workshop_started' };
    UPDATE $workshop SET answers += 1;
    IF $coming AND (SELECT VALUE coming FROM ONLY $rsvp) != true {
        LET $taken = count(SELECT id FROM workshop_rsvp WHERE workshop = $workshop AND coming = true);
        IF $taken >= $found.capacity { THROW 'mentorbro:workshop_full' };
    };
    UPSERT $rsvp SET workshop = $workshop, account = $account, coming = $coming, answered_at = time::now();
    COMMIT TRANSACTION;";

pub async fn answer(id: String, coming: bool) -> Result<MyWorkshop, AppError> {
    let caller = require_role(&PARTICIPANTS).await?;
    let db = app_state()?.db;
    let row = find_row(&db, &id, Some(&caller.id)).await?;
    // Workshops of other cohorts do not exist for this person.
    if !takes_part(&db, &key_string(&row.cohort), &caller.id).await? {
        return Err(AppError::NotFound);
    }
    if row.cancelled {
        return Err(AppError::invalid("workshop", Problem::WorkshopCancelled));
    }
    if row.started {
        return Err(AppError::invalid("workshop", Problem::WorkshopStarted));
    }
    let rsvp = RecordId::new("workshop_rsvp", format!("{id}_{}", caller.id));
    let mut last = None;
    for attempt in 0..ATTEMPTS {
        let result = db
            .query(ANSWER)
            .bind(("workshop", record("workshop", &id)))
            .bind(("account", record("account", &caller.id)))
            .bind(("rsvp", rsvp.clone()))
            .bind(("coming", coming))
            .await
            .and_then(first_cause);
        match result {
            Ok(()) => return Ok(find_row(&db, &id, Some(&caller.id)).await?.mine()),
            Err(error) if lost_race(&error) => {
                last = Some(error);
                let pause = 2 + (attempt as u64) * 2 + u64::from(rand::random::<u8>() % 8);
                tokio::time::sleep(Duration::from_millis(pause)).await;
            }
            Err(error) => return Err(answer_refusal(error)),
        }
    }
    if let Some(error) = last {
        tracing::warn!(%error, "workshop answer kept losing races");
    }
    Err(AppError::Conflict)
}

/// A workshop about to start, for reminders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpcomingWorkshop {
    /// The workshop's key.
    pub id: String,
    /// The key of its cohort.
    pub cohort: String,
    pub title: String,
    pub start: OffsetDateTime,
    /// Where it happens (may be empty when there is a link).
    pub place: String,
    /// Where to join online (may be empty when there is a place).
    pub link: String,
    /// The keys of the accounts that said they come.
    pub attendees: Vec<String>,
}

#[derive(SurrealValue)]
struct UpcomingRow {
    id: RecordId,
    cohort: RecordId,
    title: String,
    starts: i64,
    place: String,
    link: String,
    attendees: Vec<String>,
}

/// Every workshop that is not cancelled and starts in `[from, to)`, earliest
/// first, with the accounts that said yes to it. For the reminder scheduler:
/// ask for the next window (say, the coming 24 hours) on each run and keep a
/// `reminder` row per workshop and person so each reminder goes out once.
///
/// ## Usage
/// ```ignore
/// let now = time::OffsetDateTime::now_utc();
/// for workshop in starting_between(&db, now, now + time::Duration::days(1)).await? {
///     for account in &workshop.attendees { /* remind */ }
/// }
/// ```
pub async fn starting_between(
    db: &Db,
    from: OffsetDateTime,
    to: OffsetDateTime,
) -> Result<Vec<UpcomingWorkshop>, AppError> {
    let rows: Vec<UpcomingRow> = db
        .query(
            "SELECT id, cohort, title, place, link, time::unix(starts_at) AS starts,
                (SELECT VALUE record::id(account) FROM workshop_rsvp
                    WHERE workshop = $parent.id AND coming = true) AS attendees
             FROM workshop
             WHERE cancelled_at = NONE AND starts_at >= <datetime> $from AND starts_at < <datetime> $to
             ORDER BY starts",
        )
        .bind(("from", rfc3339(from)?))
        .bind(("to", rfc3339(to)?))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    rows.into_iter()
        .map(|row| {
            Ok(UpcomingWorkshop {
                id: key_string(&row.id),
                cohort: key_string(&row.cohort),
                title: row.title,
                start: OffsetDateTime::from_unix_timestamp(row.starts)
                    .map_err(|_| AppError::Internal)?,
                place: row.place,
                link: row.link,
                attendees: row.attendees,
            })
        })
        .collect()
}
