//! The dashboard's rows, read from the database for a scope (a cohort, a
//! programme's year, or the mentees one partner referred) and handed to the
//! formulas in [`crate::reporting::kpi`]. Counting happens in the database
//! where one figure is all that is needed (workshop answers and check-ins);
//! per-mentee facts are read with one query per table, never one per person.

use std::collections::{HashMap, HashSet};

use surrealdb::types::{RecordId, SurrealValue};
use time::Date;

use super::db::{is_key, key_string, record};
use super::{Db, app_state, require_role, require_user};
use crate::accounts::Role;
use crate::accounts::store::db_error;
use crate::error::{AppError, Problem};
use crate::portal::profile::{parse_date, parse_number, today};
use crate::programmes::is_slug;
use crate::reporting::kpi::{self, MenteeRow, OutcomeRow, WorkshopRow};
use crate::reporting::partner_view::{self, PartnerFigures};
use crate::reporting::tally::WorkshopTally;
use crate::reporting::{DEFAULT_WORK_TARGET, Dashboard, Figures, ProgrammeYears, Scope};
use crate::surveys::summary::SurveyFigures;
use crate::surveys::{EmploymentStatus, OutcomeMoment};

pub mod csv;
mod tally;

pub use tally::{dashboard_of, refresh as refresh_tallies, refresh_job as tally_job};

fn staff() -> [Role; 2] {
    [Role::Coordinator, Role::Admin]
}

/// The years a report may cover.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

#[derive(SurrealValue, Clone)]
pub(crate) struct CohortInfo {
    id: String,
    programme: String,
    name: String,
    start: String,
    end: String,
    status: String,
    quiet_weeks: i64,
}

const COHORT_COLUMNS: &str =
    "record::id(id) AS id, programme, name, start, end, status, quiet_weeks";

impl CohortInfo {
    fn course_over(&self, today: Date) -> bool {
        self.status == "completed" || parse_date(&self.end).is_some_and(|end| end < today)
    }

    /// The first day its course counts as over: [`Date::MIN`] once marked
    /// completed, the day after its end otherwise ([`Date::MAX`] without one).
    fn over_from(&self) -> Date {
        if self.status == "completed" {
            return Date::MIN;
        }
        parse_date(&self.end).map_or(Date::MAX, |end| end.next_day().unwrap_or(Date::MAX))
    }

    /// Whether this cohort starts after `other`: a mentee placed in both
    /// counts in the later one (by start, then key).
    fn later_than(&self, other: &CohortInfo) -> bool {
        (self.start.as_str(), self.id.as_str()) > (other.start.as_str(), other.id.as_str())
    }
}

/// An application's facts the breakdowns group by.
#[derive(SurrealValue)]
struct ApplicationRow {
    account: String,
    status: String,
    partner: Option<String>,
    country: Option<String>,
    education: Option<String>,
    danish: Option<String>,
}

const APPLICATION_COLUMNS: &str = "record::id(account) AS account, status,
    partner.name AS partner, answers.country_of_origin AS country,
    answers.education_level AS education, answers.danish_level AS danish";

/// Checks the caller and the input, then builds the dashboard of a scope.
pub async fn cohort_dashboard(cohort: String) -> Result<Dashboard, AppError> {
    require_role(&staff()).await?;
    let scope = scope_of(Some(cohort), None, None)?;
    dashboard_of(&app_state()?.db, &scope, today()).await
}

pub async fn programme_dashboard(programme: String, year: i32) -> Result<Dashboard, AppError> {
    require_role(&staff()).await?;
    let scope = scope_of(None, Some(programme), Some(year))?;
    dashboard_of(&app_state()?.db, &scope, today()).await
}

/// The scope named by a request: a cohort, or a programme and a year.
pub fn scope_of(
    cohort: Option<String>,
    programme: Option<String>,
    year: Option<i32>,
) -> Result<Scope, AppError> {
    match (cohort.filter(|c| !c.is_empty()), programme, year) {
        (Some(id), _, _) if is_key(&id) => Ok(Scope::Cohort { id }),
        (Some(_), _, _) => Err(AppError::NotFound),
        (None, Some(programme), Some(year)) => {
            if !is_slug(&programme) {
                return Err(AppError::invalid("programme", Problem::UnknownChoice));
            }
            if !YEARS.contains(&year) {
                return Err(AppError::invalid(
                    "year",
                    Problem::Number {
                        min: i64::from(*YEARS.start()),
                        max: i64::from(*YEARS.end()),
                    },
                ));
            }
            Ok(Scope::Year { programme, year })
        }
        (None, None, _) => Err(AppError::invalid("programme", Problem::Required)),
        (None, Some(_), None) => Err(AppError::invalid("year", Problem::Required)),
    }
}

async fn target_of(db: &Db, programme: &str) -> Result<(String, u32), AppError> {
    #[derive(SurrealValue)]
    struct Row {
        name: String,
        work_target: Option<i64>,
    }
    let rows: Vec<Row> = db
        .query("SELECT name, work_target FROM programme WHERE slug = $slug LIMIT 1")
        .bind(("slug", programme.to_owned()))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    Ok(match rows.into_iter().next() {
        Some(row) => (
            row.name,
            row.work_target
                .map_or(DEFAULT_WORK_TARGET, |t| t.clamp(1, 100) as u32),
        ),
        None => (programme.to_owned(), DEFAULT_WORK_TARGET),
    })
}

/// Midnight UTC of a day, as SurrealQL reads a datetime.
fn midnight(day: Date) -> String {
    format!("{day}T00:00:00Z")
}

/// The cohorts of a scope, in the order they start, and the window its
/// applicants not placed applied in.
async fn scope_cohorts(
    db: &Db,
    scope: &Scope,
) -> Result<(Vec<CohortInfo>, (Option<Date>, Date)), AppError> {
    Ok(match scope {
        Scope::Cohort { id } => {
            let cohorts: Vec<CohortInfo> = db
                .query(format!("SELECT {COHORT_COLUMNS} FROM $cohort"))
                .bind(("cohort", record("cohort", id)))
                .await
                .and_then(|mut response| response.take(0))
                .map_err(db_error)?;
            let cohort = cohorts.into_iter().next().ok_or(AppError::NotFound)?;
            let window = cohort_window(db, &cohort).await?;
            (vec![cohort], window)
        }
        Scope::Year { programme, year } => {
            let cohorts: Vec<CohortInfo> = db
                .query(format!(
                    "SELECT {COHORT_COLUMNS} FROM cohort WHERE programme = $programme
                        AND start >= $from AND start < $to ORDER BY start"
                ))
                .bind(("programme", programme.clone()))
                .bind(("from", format!("{year}-01-01")))
                .bind(("to", format!("{}-01-01", year + 1)))
                .await
                .and_then(|mut response| response.take(0))
                .map_err(db_error)?;
            let from = Date::from_ordinal_date(*year, 1).map_err(|_| AppError::Internal)?;
            let to = Date::from_ordinal_date(*year + 1, 1).map_err(|_| AppError::Internal)?;
            (cohorts, (Some(from), to))
        }
    })
}

/// The parts of a dashboard around its figures.
struct Heading {
    programme: String,
    programme_name: String,
    target: u32,
    title: String,
}

async fn heading(db: &Db, scope: &Scope, cohorts: &[CohortInfo]) -> Result<Heading, AppError> {
    let programme = match (scope, cohorts.first()) {
        (Scope::Year { programme, .. }, _) => programme.clone(),
        (Scope::Cohort { .. }, Some(cohort)) => cohort.programme.clone(),
        (Scope::Cohort { .. }, None) => return Err(AppError::NotFound),
    };
    let (programme_name, target) = target_of(db, &programme).await?;
    let title = match scope {
        Scope::Cohort { .. } => cohorts.first().map(|c| c.name.clone()).unwrap_or_default(),
        Scope::Year { year, .. } => format!("{programme_name} {year}"),
    };
    Ok(Heading {
        programme,
        programme_name,
        target,
        title,
    })
}

impl Heading {
    fn dashboard(
        self,
        scope: &Scope,
        cohorts: &[CohortInfo],
        today: Date,
        figures: Figures,
        surveys: Vec<SurveyFigures>,
    ) -> Dashboard {
        Dashboard {
            scope: scope.clone(),
            title: self.title,
            programme: self.programme,
            programme_name: self.programme_name,
            cohorts: cohorts
                .iter()
                .map(|c| (c.id.clone(), c.name.clone()))
                .collect(),
            target: self.target,
            as_of: today.to_string(),
            figures,
            surveys,
        }
    }
}

/// Now, in nanoseconds since the epoch: a workshop has begun when it starts
/// at or before it.
fn now_nanos() -> i64 {
    i64::try_from(time::OffsetDateTime::now_utc().unix_timestamp_nanos()).unwrap_or(i64::MAX)
}

/// The dashboard of a scope computed from every row of its mentees, as of
/// `today`: what [`dashboard_of`] must always equal. Checks no caller.
pub async fn direct_dashboard_of(
    db: &Db,
    scope: &Scope,
    today: Date,
) -> Result<Dashboard, AppError> {
    let (cohorts, window) = scope_cohorts(db, scope).await?;
    let heading = heading(db, scope, &cohorts).await?;
    let applicants = applicants_in(db, window).await?;
    let loaded = load(db, &cohorts, applicants, None, today).await?;
    let mut surveys = Vec::new();
    for cohort in &cohorts {
        surveys.extend(
            super::surveys::summary(db, &cohort.id, today)
                .await?
                .surveys,
        );
    }
    let now = now_nanos();
    let workshops: Vec<WorkshopRow> = loaded.workshops.iter().map(|w| w.row(now)).collect();
    let figures = kpi::figures(&loaded.rows, &loaded.outcomes, &workshops, today);
    Ok(heading.dashboard(scope, &cohorts, today, figures, surveys))
}

/// Applications count toward a cohort from the day after the programme's
/// previous cohort started (from the beginning, for its first) until its end.
async fn cohort_window(db: &Db, cohort: &CohortInfo) -> Result<(Option<Date>, Date), AppError> {
    let previous: Vec<String> = db
        .query(
            "SELECT VALUE start FROM cohort WHERE programme = $programme AND start < $start
                ORDER BY start DESC LIMIT 1",
        )
        .bind(("programme", cohort.programme.clone()))
        .bind(("start", cohort.start.clone()))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    let from = previous
        .first()
        .and_then(|start| parse_date(start))
        .and_then(Date::next_day);
    let end = parse_date(&cohort.end).ok_or(AppError::Internal)?;
    Ok((from, end.next_day().unwrap_or(end)))
}

/// Mentees who applied in the window and were not placed in any cohort
/// (placed ones come with their cohort). Drafts are not applications.
async fn applicants_in(
    db: &Db,
    (from, to): (Option<Date>, Date),
) -> Result<Vec<ApplicationRow>, AppError> {
    // One range read per status through `application_status_submitted`
    // (kind, status, submitted_at): placed mentees are never read.
    let mut response = db
        .query(format!(
            "SELECT {APPLICATION_COLUMNS} FROM application WHERE kind = 'mentee' AND status = 'submitted'
                AND submitted_at >= <datetime>$from AND submitted_at < <datetime>$to;
             SELECT {APPLICATION_COLUMNS} FROM application WHERE kind = 'mentee' AND status = 'waitlisted'
                AND submitted_at >= <datetime>$from AND submitted_at < <datetime>$to;
             SELECT {APPLICATION_COLUMNS} FROM application WHERE kind = 'mentee' AND status = 'declined'
                AND submitted_at >= <datetime>$from AND submitted_at < <datetime>$to;
             SELECT {APPLICATION_COLUMNS} FROM application WHERE kind = 'mentee' AND status = 'withdrawn'
                AND submitted_at >= <datetime>$from AND submitted_at < <datetime>$to
                AND count(SELECT id FROM cohort_member WHERE account = $parent.account LIMIT 1) = 0;"
        ))
        .bind(("from", from.map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), midnight)))
        .bind(("to", midnight(to)))
        .await
        .map_err(db_error)?;
    let mut out = Vec::new();
    for statement in 0..4 {
        let rows: Vec<ApplicationRow> = response.take(statement).map_err(db_error)?;
        out.extend(rows);
    }
    Ok(out)
}

struct Loaded {
    rows: Vec<MenteeRow>,
    outcomes: Vec<OutcomeRow>,
    workshops: Vec<WorkshopTally>,
}

fn status_of(code: &str) -> Option<EmploymentStatus> {
    EmploymentStatus::from_code(code)
}

fn level<T: serde::de::DeserializeOwned>(code: Option<String>) -> Option<T> {
    code.and_then(|code| serde_json::from_value(serde_json::Value::String(code)).ok())
}

fn row_of(application: ApplicationRow) -> MenteeRow {
    MenteeRow {
        withdrew: application.status == "withdrawn",
        partner: application.partner,
        country: application.country.unwrap_or_default(),
        education: level(application.education),
        danish: level(application.danish),
        account: application.account,
        ..MenteeRow::default()
    }
}

/// The rows of the mentees placed in `cohorts`, plus `applicants` who were
/// not placed; `only` keeps the mentees of one partner. A mentee placed in
/// two of the cohorts counts in the later one, with what was recorded in it
/// (pairs, ended matches, meetings, introductions, outcomes); what was
/// recorded in the earlier one does not count. `today` decides whether a
/// course is over, and is the day a pair published without a date counts
/// as paired on.
async fn load(
    db: &Db,
    cohorts: &[CohortInfo],
    applicants: Vec<ApplicationRow>,
    only: Option<&HashSet<String>>,
    today: Date,
) -> Result<Loaded, AppError> {
    #[derive(SurrealValue)]
    struct Member {
        account: String,
        cohort: String,
        left: bool,
        left_reason: Option<String>,
    }
    #[derive(SurrealValue)]
    struct Pairing {
        mentee: String,
        cohort: String,
        published: Option<i64>,
    }
    #[derive(SurrealValue)]
    struct Ended {
        mentee: String,
        cohort: String,
        reason: String,
    }
    #[derive(SurrealValue)]
    struct Meeting {
        mentee: String,
        cohort: String,
        date: String,
    }
    #[derive(SurrealValue)]
    struct Introductions {
        mentee: RecordId,
        cohort: RecordId,
        n: i64,
    }
    #[derive(SurrealValue)]
    struct Outcome {
        mentee: String,
        cohort: String,
        moment: String,
        status: String,
        matches_education: Option<bool>,
        in_aarhus: bool,
        recorded_at: i64,
    }
    #[derive(SurrealValue)]
    struct Workshop {
        starts_at: i64,
        cancelled: bool,
        coming: i64,
        attended: i64,
    }
    let ids: Vec<RecordId> = cohorts.iter().map(|c| record("cohort", &c.id)).collect();
    let mut response = db
        .query(
            "SELECT record::id(account) AS account, record::id(cohort) AS cohort,
                left_at != NONE AS left, left_reason
                FROM cohort_member WHERE cohort IN $cohorts AND kind = 'mentee';
             SELECT record::id(mentee) AS mentee, record::id(cohort) AS cohort,
                (IF published_at != NONE THEN time::unix(published_at) END) AS published
                FROM pairing WHERE cohort IN $cohorts AND published = true;
             SELECT record::id(mentee) AS mentee, record::id(cohort) AS cohort, reason
                FROM match_end WHERE cohort IN $cohorts AND published_at != NONE;
             SELECT record::id(mentee) AS mentee, record::id(cohort) AS cohort, date
                FROM meeting WHERE cohort IN $cohorts AND confirmed_at != NONE;
             SELECT mentee, cohort, count() AS n FROM introduction WHERE cohort IN $cohorts
                GROUP BY mentee, cohort;
             SELECT record::id(mentee) AS mentee, record::id(cohort) AS cohort, moment, status,
                matches_education, in_aarhus, time::nano(recorded_at) AS recorded_at
                FROM outcome WHERE cohort IN $cohorts ORDER BY recorded_at;
             SELECT time::nano(starts_at) AS starts_at, cancelled_at != NONE AS cancelled,
                count(SELECT id FROM workshop_rsvp WHERE workshop = $parent.id AND coming = true) AS coming,
                count(SELECT id FROM workshop_attendance WHERE workshop = $parent.id) AS attended
                FROM workshop WHERE cohort IN $cohorts;",
        )
        .bind(("cohorts", ids))
        .await
        .map_err(db_error)?;
    let members: Vec<Member> = response.take(0).map_err(db_error)?;
    let pairings: Vec<Pairing> = response.take(1).map_err(db_error)?;
    let ended: Vec<Ended> = response.take(2).map_err(db_error)?;
    let meetings: Vec<Meeting> = response.take(3).map_err(db_error)?;
    let introductions: Vec<Introductions> = response.take(4).map_err(db_error)?;
    let outcomes: Vec<Outcome> = response.take(5).map_err(db_error)?;
    let workshops: Vec<Workshop> = response.take(6).map_err(db_error)?;

    let keep = |account: &str| only.is_none_or(|only| only.contains(account));
    let by_id: HashMap<&str, &CohortInfo> = cohorts.iter().map(|c| (c.id.as_str(), c)).collect();
    // A mentee placed in two of the scope's cohorts counts once, in the later one.
    let mut placed: HashMap<String, (&CohortInfo, Member)> = HashMap::new();
    for member in members.into_iter().filter(|m| keep(&m.account)) {
        let Some(cohort) = by_id.get(member.cohort.as_str()) else {
            continue;
        };
        let later = placed
            .get(&member.account)
            .is_none_or(|(kept, _)| cohort.later_than(kept));
        if later {
            placed.insert(member.account.clone(), (cohort, member));
        }
    }
    // Where each mentee counts: facts recorded in another cohort are left out.
    let counted_in: HashMap<String, String> = placed
        .iter()
        .map(|(account, (cohort, _))| (account.clone(), cohort.id.clone()))
        .collect();
    let counts = |mentee: &str, cohort: &str| counted_in.get(mentee).is_some_and(|c| c == cohort);
    let applications: Vec<ApplicationRow> = if placed.is_empty() {
        Vec::new()
    } else {
        let ids: Vec<RecordId> = placed.keys().map(|a| record("application", a)).collect();
        db.query(format!("SELECT {APPLICATION_COLUMNS} FROM $ids"))
            .bind(("ids", ids))
            .await
            .and_then(|mut response| response.take(0))
            .map_err(db_error)?
    };
    let mut rows: HashMap<String, MenteeRow> = HashMap::new();
    for application in applications {
        let Some((cohort, member)) = placed.remove(&application.account) else {
            continue;
        };
        let mut row = row_of(application);
        row.member = true;
        row.course_over = cohort.course_over(today);
        row.quiet_weeks = cohort.quiet_weeks.clamp(1, 26) as u32;
        row.left_reason = member.left.then(|| member.left_reason.unwrap_or_default());
        rows.insert(row.account.clone(), row);
    }
    for applicant in applicants.into_iter().filter(|a| keep(&a.account)) {
        rows.entry(applicant.account.clone())
            .or_insert_with(|| row_of(applicant));
    }
    for pairing in pairings
        .into_iter()
        .filter(|p| counts(&p.mentee, &p.cohort))
    {
        if let Some(row) = rows.get_mut(&pairing.mentee) {
            let published = pairing
                .published
                .and_then(|secs| time::OffsetDateTime::from_unix_timestamp(secs).ok());
            row.paired_on = published.map(|at| at.date()).or(Some(today));
        }
    }
    for end in ended.into_iter().filter(|e| counts(&e.mentee, &e.cohort)) {
        if let Some(row) = rows.get_mut(&end.mentee) {
            row.ended_matches.push(end.reason);
        }
    }
    for meeting in meetings
        .into_iter()
        .filter(|m| counts(&m.mentee, &m.cohort))
    {
        if let (Some(row), Some(date)) = (rows.get_mut(&meeting.mentee), parse_date(&meeting.date))
        {
            row.meetings += 1;
            row.last_meeting = row.last_meeting.max(Some(date));
        }
    }
    for tally in introductions {
        let mentee = key_string(&tally.mentee);
        if !counts(&mentee, &key_string(&tally.cohort)) {
            continue;
        }
        if let Some(row) = rows.get_mut(&mentee) {
            row.introductions += tally.n.clamp(0, i64::from(u32::MAX)) as u32;
        }
    }
    let outcomes = outcomes
        .into_iter()
        .filter(|o| counts(&o.mentee, &o.cohort))
        .filter_map(|o| {
            Some(OutcomeRow {
                moment: OutcomeMoment::from_code(&o.moment)?,
                status: status_of(&o.status)?,
                mentee: o.mentee,
                matches_education: o.matches_education,
                in_aarhus: o.in_aarhus,
                recorded_at: o.recorded_at,
            })
        })
        .collect();
    let count = |n: i64| n.clamp(0, i64::from(u32::MAX)) as u32;
    let workshops = workshops
        .into_iter()
        .map(|w| WorkshopTally {
            starts_at: w.starts_at,
            cancelled: w.cancelled,
            coming: count(w.coming),
            attended: count(w.attended),
        })
        .collect();
    let mut rows: Vec<MenteeRow> = rows.into_values().collect();
    rows.sort_by(|a, b| a.account.cmp(&b.account));
    Ok(Loaded {
        rows,
        outcomes,
        workshops,
    })
}

pub async fn programmes() -> Result<Vec<ProgrammeYears>, AppError> {
    require_role(&staff()).await?;
    #[derive(SurrealValue)]
    struct Row {
        slug: String,
        name: String,
        work_target: Option<i64>,
        starts: Vec<String>,
    }
    let rows: Vec<Row> = app_state()?
        .db
        .query(
            "SELECT slug, name, work_target,
                (SELECT VALUE start FROM cohort WHERE programme = $parent.slug) AS starts
                FROM programme ORDER BY name",
        )
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let mut years: Vec<i32> = row
                .starts
                .iter()
                .filter_map(|start| parse_date(start).map(|d| d.year()))
                .collect();
            years.sort_unstable_by(|a, b| b.cmp(a));
            years.dedup();
            ProgrammeYears {
                slug: row.slug,
                name: row.name,
                years,
                target: row
                    .work_target
                    .map_or(DEFAULT_WORK_TARGET, |t| t.clamp(1, 100) as u32),
            }
        })
        .collect())
}

pub async fn save_target(programme: String, target: String) -> Result<u32, AppError> {
    let caller = require_role(&staff()).await?;
    let target = parse_number(&target, 1, 100)
        .ok_or_else(|| AppError::invalid("target", Problem::Number { min: 1, max: 100 }))?;
    if !is_slug(&programme) {
        return Err(AppError::NotFound);
    }
    let updated: Vec<RecordId> = app_state()?
        .db
        .query("UPDATE programme SET work_target = $target WHERE slug = $slug RETURN VALUE id")
        .bind(("target", target))
        .bind(("slug", programme.clone()))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    if updated.is_empty() {
        return Err(AppError::NotFound);
    }
    tracing::info!(coordinator = %caller.id, %programme, target, "work target saved");
    Ok(target as u32)
}

/// The partner view of the caller's organisation: every mentee it referred,
/// in any cohort.
pub async fn partner() -> Result<PartnerFigures, AppError> {
    let caller = require_user().await?;
    if caller.role != Role::Partner {
        return Err(AppError::Forbidden);
    }
    let db = app_state()?.db;
    partner_figures_of(&db, &caller.id, today()).await
}

/// The partner figures of a partner user's organisation. Checks no caller.
pub async fn partner_figures_of(
    db: &Db,
    account: &str,
    today: Date,
) -> Result<PartnerFigures, AppError> {
    #[derive(SurrealValue)]
    struct Org {
        id: RecordId,
        name: String,
    }
    let orgs: Vec<Org> = db
        .query("SELECT id, name FROM partner WHERE id = (SELECT VALUE partner FROM ONLY $account)")
        .bind(("account", record("account", account)))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    let org = orgs.into_iter().next().ok_or(AppError::NotFound)?;
    let referred: Vec<ApplicationRow> = db
        .query(format!(
            "SELECT {APPLICATION_COLUMNS} FROM application
                WHERE partner = $partner AND kind = 'mentee' AND status != 'draft'"
        ))
        .bind(("partner", org.id.clone()))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    // Bound as a list, not a subquery, which would run once per member row.
    let referred_ids: Vec<RecordId> = referred
        .iter()
        .map(|a| record("account", &a.account))
        .collect();
    let mut cohort_ids: Vec<String> = db
        .query(
            "SELECT VALUE record::id(cohort) FROM cohort_member
                WHERE kind = 'mentee' AND account IN $accounts",
        )
        .bind(("accounts", referred_ids))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    cohort_ids.sort_unstable();
    cohort_ids.dedup();
    let cohort_ids: Vec<RecordId> = cohort_ids.iter().map(|id| record("cohort", id)).collect();
    let cohorts: Vec<CohortInfo> = if cohort_ids.is_empty() {
        Vec::new()
    } else {
        db.query(format!("SELECT {COHORT_COLUMNS} FROM $ids"))
            .bind(("ids", cohort_ids))
            .await
            .and_then(|mut response| response.take(0))
            .map_err(db_error)?
    };
    let accounts: HashSet<String> = referred.iter().map(|a| a.account.clone()).collect();
    let loaded = load(db, &cohorts, referred, Some(&accounts), today).await?;
    let target = match cohorts.first() {
        Some(cohort) => target_of(db, &cohort.programme).await?.1,
        None => DEFAULT_WORK_TARGET,
    };
    Ok(partner_view::partner_figures(
        &org.name,
        &loaded.rows,
        &loaded.outcomes,
        target,
    ))
}
