//! The course behind its server functions: meetings and introductions of a
//! published pair, the coordinator's view of a cohort's activity, and ending
//! a match early. A participant only ever touches a pair they belong to.

use std::collections::HashMap;

use surrealdb::types::{RecordId, SurrealValue};

use super::board::first_cause;
use super::cohorts::{self, member_id};
use super::db::{is_key, key_string, random_key, record};
use super::mail::locale_of;
use super::{Db, app_state, require_role};
use crate::accounts::store::db_error;
use crate::accounts::{Account, Role};
use crate::board::BoardAction;
use crate::course::{
    CohortCourse, Course, EndReason, EndedMatch, Introduction, IntroductionForm, IntroductionKind,
    IntroductionOutcome, Meeting, MeetingForm, Mode, PairActivity, Side, Topic, is_quiet,
};
use crate::error::{AppError, Problem};
use crate::portal::profile::{MAX_LONG, parse_date, parse_number, text_problem, today};

/// A published pair: cohort, mentee and mentor keys.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Pair {
    pub cohort: String,
    pub mentee: String,
    pub mentor: String,
}

#[derive(SurrealValue)]
struct PairRow {
    cohort: RecordId,
    mentee: RecordId,
    mentor: RecordId,
    matched_on: Option<String>,
}

impl PairRow {
    fn pair(&self) -> Pair {
        Pair {
            cohort: key_string(&self.cohort),
            mentee: key_string(&self.mentee),
            mentor: key_string(&self.mentor),
        }
    }
}

/// The caller's published pair in `cohort` with `partner`, or `NotFound`:
/// nobody logs anything for a pair they are not part of, nor learns whether
/// such a pair exists.
async fn own_pair(
    db: &Db,
    caller: &Account,
    cohort: &str,
    partner: &str,
) -> Result<Pair, AppError> {
    if !is_key(cohort) || !is_key(partner) {
        return Err(AppError::NotFound);
    }
    let (mentee, mentor) = match caller.role {
        Role::Mentee => (caller.id.as_str(), partner),
        Role::Mentor => (partner, caller.id.as_str()),
        _ => return Err(AppError::NotFound),
    };
    let mentor_now: Option<RecordId> = db
        .query("SELECT VALUE mentor FROM ONLY $pair WHERE published = true")
        .bind((
            "pair",
            RecordId::new("pairing", format!("{cohort}_{mentee}")),
        ))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    match mentor_now {
        Some(id) if key_string(&id) == mentor => Ok(Pair {
            cohort: cohort.to_owned(),
            mentee: mentee.to_owned(),
            mentor: mentor.to_owned(),
        }),
        _ => Err(AppError::NotFound),
    }
}

#[derive(SurrealValue)]
struct MeetingRow {
    id: RecordId,
    cohort: RecordId,
    mentee: RecordId,
    mentor: RecordId,
    date: String,
    time: Option<String>,
    minutes: i64,
    mode: String,
    topics: Vec<String>,
    notes: String,
    next_steps: String,
    logged_by: RecordId,
    logged_by_name: Option<String>,
    confirmed: bool,
}

const MEETING_COLUMNS: &str =
    "id, cohort, mentee, mentor, date, time, minutes, mode, topics, notes, next_steps,
    logged_by, logged_by.name AS logged_by_name, confirmed_at != NONE AS confirmed";

impl MeetingRow {
    fn pair(&self) -> Pair {
        Pair {
            cohort: key_string(&self.cohort),
            mentee: key_string(&self.mentee),
            mentor: key_string(&self.mentor),
        }
    }

    fn into_meeting(self, reader: &str) -> Meeting {
        Meeting {
            id: key_string(&self.id),
            date: self.date,
            time: self.time,
            minutes: u32::try_from(self.minutes).unwrap_or(0),
            mode: Mode::from_code(&self.mode).unwrap_or_default(),
            topics: self
                .topics
                .iter()
                .filter_map(|code| Topic::from_code(code))
                .collect(),
            notes: self.notes,
            next_steps: self.next_steps,
            mine: key_string(&self.logged_by) == reader,
            logged_by: self.logged_by_name.unwrap_or_default(),
            confirmed: self.confirmed,
        }
    }
}

#[derive(SurrealValue)]
struct IntroductionRow {
    id: RecordId,
    cohort: RecordId,
    mentee: RecordId,
    mentor: RecordId,
    date: String,
    company: String,
    role: String,
    kind: String,
    outcome: String,
    note: String,
}

const INTRODUCTION_COLUMNS: &str =
    "id, cohort, mentee, mentor, date, company, role, kind, outcome, note";

impl IntroductionRow {
    fn pair(&self) -> Pair {
        Pair {
            cohort: key_string(&self.cohort),
            mentee: key_string(&self.mentee),
            mentor: key_string(&self.mentor),
        }
    }

    fn into_introduction(self) -> Introduction {
        Introduction {
            id: key_string(&self.id),
            form: IntroductionForm {
                cohort: key_string(&self.cohort),
                mentee: key_string(&self.mentee),
                date: self.date,
                company: self.company,
                role: self.role,
                kind: IntroductionKind::from_code(&self.kind).unwrap_or_default(),
                outcome: IntroductionOutcome::from_code(&self.outcome).unwrap_or_default(),
                note: self.note,
            },
        }
    }
}

#[derive(SurrealValue)]
struct EndRow {
    cohort: RecordId,
    mentee: RecordId,
    mentor: RecordId,
    matched_on: Option<String>,
    ended_on: String,
    reason: String,
    note: String,
}

/// Names of accounts by key.
async fn names(
    db: &Db,
    ids: impl IntoIterator<Item = String>,
) -> Result<HashMap<String, String>, AppError> {
    #[derive(SurrealValue)]
    struct Row {
        id: RecordId,
        name: String,
    }
    let ids: Vec<RecordId> = ids.into_iter().map(|id| record("account", &id)).collect();
    let rows: Vec<Row> = db
        .query("SELECT id, name FROM $ids")
        .bind(("ids", ids))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    Ok(rows
        .into_iter()
        .map(|row| (key_string(&row.id), row.name))
        .collect())
}

const DAY: &str = "'%Y-%m-%d'";

pub async fn mine() -> Result<Vec<Course>, AppError> {
    let caller = require_role(&[Role::Mentee, Role::Mentor]).await?;
    let db = app_state()?.db;
    let (field, side) = if caller.role == Role::Mentee {
        ("mentee", Side::Mentee)
    } else {
        ("mentor", Side::Mentor)
    };
    let me = record("account", &caller.id);
    let mut response = db
        .query(format!(
            "SELECT cohort, mentee, mentor, time::format(published_at, {DAY}) AS matched_on
                FROM pairing WHERE {field} = $me AND published = true;
             SELECT cohort, mentee, mentor, time::format(published_at, {DAY}) AS matched_on,
                time::format(ended_at, {DAY}) AS ended_on, reason, note
                FROM match_end WHERE {field} = $me ORDER BY ended_on DESC;
             SELECT {MEETING_COLUMNS} FROM meeting WHERE {field} = $me ORDER BY date DESC;
             SELECT {INTRODUCTION_COLUMNS} FROM introduction WHERE {field} = $me ORDER BY date DESC;"
        ))
        .bind(("me", me))
        .await
        .map_err(db_error)?;
    let current: Vec<PairRow> = response.take(0).map_err(db_error)?;
    let ended: Vec<EndRow> = response.take(1).map_err(db_error)?;
    let meetings: Vec<MeetingRow> = response.take(2).map_err(db_error)?;
    let introductions: Vec<IntroductionRow> = response.take(3).map_err(db_error)?;
    let mut meetings_by_pair: HashMap<Pair, Vec<Meeting>> = HashMap::new();
    for row in meetings {
        meetings_by_pair
            .entry(row.pair())
            .or_default()
            .push(row.into_meeting(&caller.id));
    }
    let mut introductions_by_pair: HashMap<Pair, Vec<Introduction>> = HashMap::new();
    for row in introductions {
        introductions_by_pair
            .entry(row.pair())
            .or_default()
            .push(row.into_introduction());
    }

    let pairs = current
        .iter()
        .map(|row| (row.pair(), row.matched_on.clone(), None))
        .chain(ended.iter().map(|row| {
            (
                Pair {
                    cohort: key_string(&row.cohort),
                    mentee: key_string(&row.mentee),
                    mentor: key_string(&row.mentor),
                },
                row.matched_on.clone(),
                Some((
                    row.ended_on.clone(),
                    EndReason::from_code(&row.reason).unwrap_or(EndReason::Other),
                )),
            )
        }))
        .collect::<Vec<_>>();
    let partner_of = |pair: &Pair| match side {
        Side::Mentee => pair.mentor.clone(),
        Side::Mentor => pair.mentee.clone(),
    };
    let partner_names = names(&db, pairs.iter().map(|(pair, _, _)| partner_of(pair))).await?;
    let mut courses = Vec::with_capacity(pairs.len());
    for (pair, matched_on, ended) in pairs {
        let cohort = cohorts::find(&db, &pair.cohort).await?;
        let partner = partner_of(&pair);
        courses.push(Course {
            cohort: pair.cohort.clone(),
            cohort_name: cohort.name,
            start: cohort.start,
            end: cohort.end,
            side,
            partner_name: partner_names.get(&partner).cloned().unwrap_or_default(),
            partner,
            matched_on,
            meetings: meetings_by_pair.remove(&pair).unwrap_or_default(),
            introductions: introductions_by_pair.remove(&pair).unwrap_or_default(),
            ended,
        });
    }
    // The current match first, then those that ended, newest first.
    courses.sort_by(|a, b| {
        a.ended
            .is_some()
            .cmp(&b.ended.is_some())
            .then_with(|| b.start.cmp(&a.start))
    });
    Ok(courses)
}

pub async fn log_meeting(mut form: MeetingForm) -> Result<Meeting, AppError> {
    let caller = require_role(&[Role::Mentee, Role::Mentor]).await?;
    let db = app_state()?.db;
    let pair = own_pair(&db, &caller, form.cohort.trim(), form.partner.trim()).await?;
    AppError::check(form.problems(today()))?;
    form.topics
        .sort_by_key(|topic| Topic::ALL.iter().position(|t| t == topic));
    form.topics.dedup();
    let id = RecordId::new("meeting", random_key());
    let time = form.time.trim();
    let row: Option<MeetingRow> = db
        .query(format!(
            "CREATE $id CONTENT {{
                cohort: $cohort, mentee: $mentee, mentor: $mentor, logged_by: $me,
                date: $date, time: $time, minutes: $minutes, mode: $mode, topics: $topics,
                notes: $notes, next_steps: $next_steps
             }};
             SELECT {MEETING_COLUMNS} FROM ONLY $id;"
        ))
        .bind(("id", id))
        .bind(("cohort", record("cohort", &pair.cohort)))
        .bind(("mentee", record("account", &pair.mentee)))
        .bind(("mentor", record("account", &pair.mentor)))
        .bind(("me", record("account", &caller.id)))
        .bind(("date", parse_date(&form.date).map(|d| d.to_string())))
        .bind(("time", (!time.is_empty()).then(|| time.to_owned())))
        .bind((
            "minutes",
            parse_number(&form.minutes, 5, crate::course::MAX_MINUTES),
        ))
        .bind(("mode", form.mode.code()))
        .bind((
            "topics",
            form.topics
                .iter()
                .map(|topic| topic.code().to_owned())
                .collect::<Vec<_>>(),
        ))
        .bind(("notes", form.notes.trim().to_owned()))
        .bind(("next_steps", form.next_steps.trim().to_owned()))
        .await
        .and_then(|mut response| response.take(1))
        .map_err(db_error)?;
    row.map(|row| row.into_meeting(&caller.id))
        .ok_or(AppError::Internal)
}

/// A meeting's pair and who logged it, if the caller is part of that pair.
async fn meeting_of_caller(
    db: &Db,
    caller: &Account,
    id: &str,
) -> Result<(RecordId, bool, bool), AppError> {
    #[derive(SurrealValue)]
    struct Row {
        mentee: RecordId,
        mentor: RecordId,
        logged_by: RecordId,
        confirmed: bool,
    }
    if !is_key(id) {
        return Err(AppError::NotFound);
    }
    let meeting = record("meeting", id);
    let row: Option<Row> = db
        .query("SELECT mentee, mentor, logged_by, confirmed_at != NONE AS confirmed FROM ONLY $id")
        .bind(("id", meeting.clone()))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    let row = row.ok_or(AppError::NotFound)?;
    let member = [&row.mentee, &row.mentor]
        .iter()
        .any(|account| key_string(account) == caller.id);
    if !member {
        // Another pair's meeting: as if it did not exist.
        return Err(AppError::NotFound);
    }
    Ok((
        meeting,
        key_string(&row.logged_by) == caller.id,
        row.confirmed,
    ))
}

pub async fn confirm_meeting(id: String) -> Result<(), AppError> {
    let caller = require_role(&[Role::Mentee, Role::Mentor]).await?;
    let db = app_state()?.db;
    let (meeting, mine, confirmed) = meeting_of_caller(&db, &caller, &id).await?;
    if mine {
        // The other side confirms, not the one who logged it.
        return Err(AppError::Forbidden);
    }
    if confirmed {
        return Ok(());
    }
    db.query("UPDATE $id SET confirmed_at = time::now() WHERE confirmed_at = NONE")
        .bind(("id", meeting))
        .await
        .and_then(|response| response.check())
        .map_err(db_error)?;
    Ok(())
}

pub async fn delete_meeting(id: String) -> Result<(), AppError> {
    let caller = require_role(&[Role::Mentee, Role::Mentor]).await?;
    let db = app_state()?.db;
    let (meeting, mine, confirmed) = meeting_of_caller(&db, &caller, &id).await?;
    if !mine {
        return Err(AppError::Forbidden);
    }
    if confirmed {
        return Err(AppError::Conflict);
    }
    // Guarded again in the statement, should the other side confirm meanwhile.
    db.query("DELETE $id WHERE confirmed_at = NONE")
        .bind(("id", meeting))
        .await
        .and_then(|response| response.check())
        .map_err(db_error)?;
    Ok(())
}

pub async fn save_introduction(
    id: Option<String>,
    form: IntroductionForm,
) -> Result<Introduction, AppError> {
    let caller = require_role(&[Role::Mentor]).await?;
    let db = app_state()?.db;
    let pair = own_pair(&db, &caller, form.cohort.trim(), form.mentee.trim()).await?;
    let id = id.filter(|id| !id.is_empty());
    let record_id = match &id {
        Some(id) => {
            if !is_key(id) {
                return Err(AppError::NotFound);
            }
            let owner: Option<RecordId> = db
                .query("SELECT VALUE mentor FROM ONLY $id")
                .bind(("id", record("introduction", id)))
                .await
                .and_then(|mut response| response.take(0))
                .map_err(db_error)?;
            match owner {
                Some(owner) if key_string(&owner) == caller.id => record("introduction", id),
                _ => return Err(AppError::NotFound),
            }
        }
        None => RecordId::new("introduction", random_key()),
    };
    AppError::check(form.problems(today()))?;
    let row: Option<IntroductionRow> = db
        .query(format!(
            "UPSERT $id SET cohort = $cohort, mentee = $mentee, mentor = $mentor, date = $date,
                company = $company, role = $role, kind = $kind, outcome = $outcome, note = $note,
                updated_at = time::now();
             SELECT {INTRODUCTION_COLUMNS} FROM ONLY $id;"
        ))
        .bind(("id", record_id))
        .bind(("cohort", record("cohort", &pair.cohort)))
        .bind(("mentee", record("account", &pair.mentee)))
        .bind(("mentor", record("account", &pair.mentor)))
        .bind(("date", parse_date(&form.date).map(|d| d.to_string())))
        .bind(("company", form.company.trim().to_owned()))
        .bind(("role", form.role.trim().to_owned()))
        .bind(("kind", form.kind.code()))
        .bind(("outcome", form.outcome.code()))
        .bind(("note", form.note.trim().to_owned()))
        .await
        .and_then(|mut response| response.take(1))
        .map_err(db_error)?;
    row.map(IntroductionRow::into_introduction)
        .ok_or(AppError::Internal)
}

pub async fn cohort(cohort: String) -> Result<CohortCourse, AppError> {
    require_role(&[Role::Coordinator, Role::Admin]).await?;
    let db = app_state()?.db;
    let found = cohorts::find(&db, &cohort).await?;
    let cohort_id = record("cohort", &found.id);
    #[derive(SurrealValue)]
    struct MeetingStat {
        mentee: RecordId,
        mentor: RecordId,
        date: String,
        minutes: i64,
        confirmed: bool,
    }
    #[derive(SurrealValue)]
    struct IntroStat {
        mentee: RecordId,
        mentor: RecordId,
    }
    #[derive(SurrealValue)]
    struct Left {
        account: RecordId,
        left: bool,
    }
    let mut response = db
        .query(format!(
            "SELECT cohort, mentee, mentor, time::format(published_at, {DAY}) AS matched_on
                FROM pairing WHERE cohort = $cohort AND published = true;
             SELECT mentee, mentor, date, minutes, confirmed_at != NONE AS confirmed
                FROM meeting WHERE cohort = $cohort;
             SELECT mentee, mentor FROM introduction WHERE cohort = $cohort;
             SELECT cohort, mentee, mentor, time::format(published_at, {DAY}) AS matched_on,
                time::format(ended_at, {DAY}) AS ended_on, reason, note
                FROM match_end WHERE cohort = $cohort ORDER BY ended_on DESC;
             SELECT account, left_at != NONE AS left FROM cohort_member
                WHERE cohort = $cohort AND kind = 'mentee';
             SELECT VALUE mentee FROM pairing WHERE cohort = $cohort;
             SELECT VALUE quiet_weeks FROM ONLY $cohort;"
        ))
        .bind(("cohort", cohort_id))
        .await
        .map_err(db_error)?;
    let pairs: Vec<PairRow> = response.take(0).map_err(db_error)?;
    let meetings: Vec<MeetingStat> = response.take(1).map_err(db_error)?;
    let introductions: Vec<IntroStat> = response.take(2).map_err(db_error)?;
    let ended: Vec<EndRow> = response.take(3).map_err(db_error)?;
    let members: Vec<Left> = response.take(4).map_err(db_error)?;
    let paired: Vec<RecordId> = response.take(5).map_err(db_error)?;
    let quiet_weeks: Option<i64> = response.take(6).map_err(db_error)?;
    let quiet_weeks = u32::try_from(quiet_weeks.unwrap_or(3)).unwrap_or(3);

    let today = today();
    let key = |mentee: &RecordId, mentor: &RecordId| (key_string(mentee), key_string(mentor));
    let mut activity: HashMap<(String, String), PairActivity> = HashMap::new();
    let people = names(
        &db,
        pairs
            .iter()
            .flat_map(|row| [key_string(&row.mentee), key_string(&row.mentor)])
            .chain(
                ended
                    .iter()
                    .flat_map(|row| [key_string(&row.mentee), key_string(&row.mentor)]),
            ),
    )
    .await?;
    let name = |id: &str| people.get(id).cloned().unwrap_or_default();
    for row in &pairs {
        let (mentee, mentor) = key(&row.mentee, &row.mentor);
        activity.insert(
            (mentee.clone(), mentor.clone()),
            PairActivity {
                mentee_name: name(&mentee),
                mentor_name: name(&mentor),
                mentee,
                mentor,
                matched_on: row.matched_on.clone(),
                meetings: 0,
                confirmed: 0,
                minutes: 0,
                last_meeting: None,
                introductions: 0,
                quiet: false,
            },
        );
    }
    for meeting in &meetings {
        let Some(pair) = activity.get_mut(&key(&meeting.mentee, &meeting.mentor)) else {
            continue;
        };
        pair.meetings += 1;
        pair.confirmed += u32::from(meeting.confirmed);
        pair.minutes += u32::try_from(meeting.minutes).unwrap_or(0);
        let happened = parse_date(&meeting.date).is_some_and(|date| date <= today);
        if happened && pair.last_meeting.as_deref() < Some(meeting.date.as_str()) {
            pair.last_meeting = Some(meeting.date.clone());
        }
    }
    for introduction in &introductions {
        if let Some(pair) = activity.get_mut(&key(&introduction.mentee, &introduction.mentor)) {
            pair.introductions += 1;
        }
    }
    let mut pairs: Vec<PairActivity> = activity
        .into_values()
        .map(|mut pair| {
            pair.quiet = is_quiet(
                pair.matched_on.as_deref().and_then(parse_date),
                pair.last_meeting.as_deref().and_then(parse_date),
                quiet_weeks,
                today,
            );
            pair
        })
        .collect();
    pairs.sort_by(|a, b| {
        b.quiet
            .cmp(&a.quiet)
            .then_with(|| a.mentee_name.cmp(&b.mentee_name))
    });
    let left: HashMap<String, bool> = members
        .iter()
        .map(|member| (key_string(&member.account), member.left))
        .collect();
    let paired: Vec<String> = paired.iter().map(key_string).collect();
    let ended = ended
        .into_iter()
        .map(|row| {
            let mentee = key_string(&row.mentee);
            EndedMatch {
                mentee_name: name(&mentee),
                mentor_name: name(&key_string(&row.mentor)),
                in_pool: !left.get(&mentee).copied().unwrap_or(true) && !paired.contains(&mentee),
                mentee,
                reason: EndReason::from_code(&row.reason).unwrap_or(EndReason::Other),
                note: row.note,
                ended_on: row.ended_on,
            }
        })
        .collect();
    Ok(CohortCourse {
        cohort: found.id,
        cohort_name: found.name,
        quiet_weeks,
        pairs,
        ended,
    })
}

pub async fn end_match(
    cohort: String,
    mentee: String,
    reason: EndReason,
    note: String,
) -> Result<(), AppError> {
    let caller = require_role(&[Role::Coordinator, Role::Admin]).await?;
    let db = app_state()?.db;
    let found = cohorts::find(&db, &cohort).await?;
    if !is_key(&mentee) {
        return Err(AppError::invalid("mentee", Problem::NotInCohort));
    }
    if let Some(problem) = text_problem(&note, false, MAX_LONG) {
        return Err(AppError::invalid("note", problem));
    }
    let pairing = RecordId::new("pairing", format!("{}_{mentee}", found.id));
    #[derive(SurrealValue)]
    struct Current {
        mentor: RecordId,
        published: bool,
    }
    let current: Option<Current> = db
        .query("SELECT mentor, published FROM ONLY $pair")
        .bind(("pair", pairing.clone()))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    let Some(current) = current.filter(|current| current.published) else {
        return Err(AppError::invalid("mentee", Problem::NotInCohort));
    };
    let mentor = key_string(&current.mentor);
    let messages = end_messages(&db, &found, &mentee, &mentor, reason).await?;
    let query = "BEGIN TRANSACTION;
        LET $pair = (SELECT * FROM ONLY $pairing);
        IF !$pair OR !$pair.published OR $pair.mentor != $mentor { THROW 'mentorbro:moved' };
        CREATE match_end CONTENT {
            cohort: $cohort, mentee: $mentee, mentor: $mentor, reason: $reason, note: $note,
            ended_by: $actor, published_at: $pair.published_at, ended_at: time::now()
        };
        DELETE $pairing;
        UPDATE $mentor_member SET moves += 1;
        IF $rematch {
            UPSERT $forbidden SET cohort = $cohort, mentee = $mentee, mentor = $mentor;
        } ELSE {
            UPDATE $mentee_member SET left_at = time::now(), left_reason = $reason;
        };
        CREATE board_event CONTENT {
            cohort: $cohort, actor: $actor, actor_name: $actor_name, action: $action,
            mentee: $mentee, from: $mentor, to: NONE, at: time::now()
        };
        FOR $message IN $outbox {
            CREATE outbox CONTENT {
                to: $message.to, subject: $message.subject, body: $message.body,
                created_at: time::now(), attempts: 0
            };
        };
        UPDATE $cohort SET changed_at = time::now();
        COMMIT TRANSACTION;";
    db.query(query)
        .bind(("pairing", pairing))
        .bind(("cohort", record("cohort", &found.id)))
        .bind(("mentee", record("account", &mentee)))
        .bind(("mentor", record("account", &mentor)))
        .bind(("reason", reason.code()))
        .bind(("note", note.trim().to_owned()))
        .bind(("actor", record("account", &caller.id)))
        .bind(("actor_name", caller.name.clone()))
        .bind(("mentor_member", member_id(&found.id, &mentor)))
        .bind(("mentee_member", member_id(&found.id, &mentee)))
        .bind((
            "forbidden",
            RecordId::new("forbidden_pair", format!("{}_{mentee}_{mentor}", found.id)),
        ))
        .bind(("rematch", reason.rematch()))
        .bind(("action", BoardAction::End.code()))
        .bind(("outbox", messages))
        .await
        .and_then(first_cause)
        .map_err(super::board::refusal)?;
    tracing::info!(cohort = %found.id, %mentee, reason = reason.code(), "match ended");
    Ok(())
}

/// The emails telling both sides that their match ended, each in their language.
async fn end_messages(
    db: &Db,
    cohort: &crate::board::Cohort,
    mentee: &str,
    mentor: &str,
    reason: EndReason,
) -> Result<Vec<serde_json::Value>, AppError> {
    use leptos_i18n::td_string;
    #[derive(SurrealValue)]
    struct Row {
        id: RecordId,
        name: String,
        email: String,
        language: String,
    }
    let rows: Vec<Row> = db
        .query("SELECT id, name, email, language FROM $ids")
        .bind((
            "ids",
            vec![record("account", mentee), record("account", mentor)],
        ))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    let name_of = |id: &str| {
        rows.iter()
            .find(|row| key_string(&row.id) == id)
            .map(|row| row.name.clone())
            .unwrap_or_default()
    };
    let public_url = app_state()?.public_url;
    Ok(rows
        .iter()
        .map(|row| {
            let locale = locale_of(&row.language);
            let is_mentee = key_string(&row.id) == mentee;
            let other = name_of(if is_mentee { mentor } else { mentee });
            let next = match (is_mentee, reason.rematch()) {
                (true, true) => td_string!(locale, mail.match_ended_rematch),
                _ => td_string!(locale, mail.match_ended_thanks),
            };
            let body = crate::text::fill(
                td_string!(locale, mail.match_ended_body),
                &[
                    ("name", row.name.clone()),
                    ("other", other),
                    ("cohort", cohort.name.clone()),
                    (
                        "reason",
                        crate::text::end_reason_label(locale, reason).to_owned(),
                    ),
                    ("next", next.to_owned()),
                    ("link", format!("{public_url}/")),
                ],
            );
            serde_json::json!({
                "to": row.email,
                "subject": td_string!(locale, mail.match_ended_subject),
                "body": body,
            })
        })
        .collect())
}
