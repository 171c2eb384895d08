//! The matching board behind its server functions. Every change runs in one
//! database transaction that checks the rules itself (one pair per mentee and
//! cohort, a mentor's capacity, ruled-out pairs), so two coordinators dropping
//! onto one mentor at the same instant cannot both succeed: both bump the
//! mentor's member record, and the database lets only one of them commit.

use std::collections::HashMap;
use std::time::Duration;

use mentorbro_matching::{Mentee, Mentor, Mode, Weights};
use surrealdb::engine::any::Any;
use surrealdb::method::Query;
use surrealdb::types::{RecordId, SurrealValue};

use super::cohorts::{self, member_id};
use super::db::{is_key, key_string, record};
use super::{Db, app_state, require_role};
use crate::accounts::store::db_error;
use crate::accounts::{Account, Role};
use crate::board::{
    BoardAction, BoardEvent, BoardPeople, BoardPerson, BoardState, Cohort, IMPOSSIBLE, MyMatch,
    PairExplanation, Pairing, Published, Suggestion,
};
use crate::error::{AppError, Problem};
use crate::portal::{Answers, MenteeProfile, MentorProfile};

/// How often a change that lost a race with another is tried again.
const ATTEMPTS: usize = 20;
/// How long a viewer counts as looking at a board after their last sign of life.
pub const VIEWER_TTL: Duration = Duration::from_secs(45);

fn pairing_id(cohort: &str, mentee: &str) -> RecordId {
    RecordId::new("pairing", format!("{cohort}_{mentee}"))
}

fn forbidden_id(cohort: &str, mentee: &str, mentor: &str) -> RecordId {
    RecordId::new("forbidden_pair", format!("{cohort}_{mentee}_{mentor}"))
}

/// Maps a rule the database refused (`THROW 'mentorbro:…'`) to what the
/// coordinator reads; anything else is an internal error.
pub fn refusal(error: surrealdb::Error) -> AppError {
    let text = error.to_string();
    let field = |problem| AppError::invalid("mentor", problem);
    if let Some(at) = text.find("mentorbro:full:") {
        let capacity = text[at + "mentorbro:full:".len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap_or(0);
        field(Problem::MentorFull { capacity })
    } else if text.contains("mentorbro:moved") {
        AppError::invalid("mentee", Problem::MovedMeanwhile)
    } else if text.contains("mentorbro:published") {
        AppError::invalid("mentee", Problem::PairPublished)
    } else if text.contains("mentorbro:forbidden") {
        field(Problem::PairForbidden)
    } else if text.contains("mentorbro:not_in_cohort") {
        AppError::invalid("mentee", Problem::NotInCohort)
    } else {
        db_error(error)
    }
}

/// Whether a transaction failed only because another one changed the same
/// records first, so running it again may succeed.
pub(crate) fn lost_race(error: &surrealdb::Error) -> bool {
    let text = error.to_string().to_lowercase();
    !text.contains("mentorbro:") && (text.contains("conflict") || text.contains("can be retried"))
}

/// The error of a failed transaction that says why: a rule's `THROW` or a
/// conflict, rather than the "not executed" of the statements around it.
pub fn first_cause(mut response: surrealdb::IndexedResults) -> Result<(), surrealdb::Error> {
    let mut errors: Vec<(usize, surrealdb::Error)> = response.take_errors().into_iter().collect();
    errors.sort_by_key(|(index, _)| *index);
    let telling = errors.iter().position(|(_, error)| {
        let text = error.to_string().to_lowercase();
        text.contains("mentorbro:") || text.contains("conflict") || text.contains("retried")
    });
    match telling {
        Some(index) => Err(errors.swap_remove(index).1),
        None => errors
            .into_iter()
            .next()
            .map_or(Ok(()), |(_, error)| Err(error)),
    }
}

/// Tells everyone watching the board that it changed: each open board's event
/// stream, on whichever app server, reads this stamp (see `board_events`).
///
/// A stamp that loses a race to another one is not an error: the change it
/// announces committed before it began, so the stamp that won, written after
/// it, announces this change too.
pub async fn touch(db: &Db, cohort: &str) -> Result<(), AppError> {
    let stamped = db
        .query("UPDATE $cohort SET changed_at = time::now()")
        .bind(("cohort", record("cohort", cohort)))
        .await
        .and_then(|response| response.check());
    super::board_events::announce(cohort);
    match stamped {
        Err(error) if !lost_race(&error) => Err(db_error(error)),
        _ => Ok(()),
    }
}

/// How long to wait before trying a transaction that lost a race again.
fn backoff(attempt: usize) -> Duration {
    Duration::from_millis(2 + (attempt as u64) * 3 + u64::from(rand::random::<u8>() % 8))
}

/// Runs a board transaction, again when it lost a race, and maps refusals;
/// once it committed, tells the board's viewers.
async fn transact<F, Fut>(db: &Db, cohort: &str, mut run: F) -> Result<(), AppError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<(), surrealdb::Error>>,
{
    let mut last = None;
    for attempt in 0..ATTEMPTS {
        match run().await {
            Ok(()) => return touch(db, cohort).await,
            Err(error) if lost_race(&error) => {
                last = Some(error);
                tokio::time::sleep(backoff(attempt)).await;
            }
            Err(error) => return Err(refusal(error)),
        }
    }
    if let Some(error) = last {
        tracing::warn!(%error, "board change kept losing races");
    }
    Err(AppError::Conflict)
}

fn coordinator() -> [Role; 2] {
    [Role::Coordinator, Role::Admin]
}

fn check_key(key: &str, field: &str) -> Result<(), AppError> {
    if is_key(key) {
        Ok(())
    } else {
        Err(AppError::invalid(field, Problem::NotInCohort))
    }
}

/// A member of a cohort with their answers.
struct Member {
    id: String,
    name: String,
    capacity: u8,
    partner: Option<String>,
    answers: Answers,
}

#[derive(SurrealValue)]
struct MemberRow {
    account: RecordId,
    kind: String,
    capacity: i64,
    name: Option<String>,
}

#[derive(SurrealValue)]
struct AnswersRow {
    account: RecordId,
    kind: String,
    answers: serde_json::Value,
    partner_name: Option<String>,
}

/// The mentees and mentors of a cohort, by name: all of them, or only the
/// accounts given (a change to one pair needs only its two people).
async fn members(
    db: &Db,
    cohort: &str,
    only: Option<&[&str]>,
) -> Result<(Vec<Member>, Vec<Member>), AppError> {
    let rows: Vec<MemberRow> = match only {
        None => db
            .query(
                "SELECT account, kind, capacity, account.name AS name FROM cohort_member
                    WHERE cohort = $cohort AND left_at = NONE",
            )
            .bind(("cohort", record("cohort", cohort))),
        Some(accounts) => db
            .query(
                "SELECT account, kind, capacity, account.name AS name FROM $ids WHERE left_at = NONE",
            )
            .bind((
                "ids",
                accounts
                    .iter()
                    .map(|account| member_id(cohort, account))
                    .collect::<Vec<_>>(),
            )),
    }
    .await
    .and_then(|mut response| response.take(0))
    .map_err(db_error)?;
    // Each application is keyed by its account's key: read them by id, not by search.
    let ids: Vec<RecordId> = rows
        .iter()
        .map(|row| record("application", &key_string(&row.account)))
        .collect();
    let answers: Vec<AnswersRow> = db
        .query("SELECT account, kind, answers, partner.name AS partner_name FROM $ids")
        .bind(("ids", ids))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    let mut answers: HashMap<String, AnswersRow> = answers
        .into_iter()
        .map(|row| (key_string(&row.account), row))
        .collect();
    let mut mentees = Vec::new();
    let mut mentors = Vec::new();
    for row in rows {
        let id = key_string(&row.account);
        let Some(found) = answers.remove(&id) else {
            continue;
        };
        let value = serde_json::json!({ "kind": found.kind, "answers": found.answers });
        let Ok(parsed) = serde_json::from_value::<Answers>(value) else {
            tracing::error!(account = %id, "stored answers do not parse");
            continue;
        };
        let member = Member {
            id,
            name: row.name.unwrap_or_default(),
            capacity: row.capacity.clamp(0, 3) as u8,
            partner: found.partner_name,
            answers: parsed,
        };
        match (row.kind.as_str(), &member.answers) {
            ("mentee", Answers::Mentee(_)) => mentees.push(member),
            ("mentor", Answers::Mentor(_)) => mentors.push(member),
            _ => {}
        }
    }
    let by_name = |a: &Member, b: &Member| a.name.cmp(&b.name).then(a.id.cmp(&b.id));
    mentees.sort_by(by_name);
    mentors.sort_by(by_name);
    Ok((mentees, mentors))
}

fn mentee_profile(member: &Member) -> Option<&MenteeProfile> {
    match &member.answers {
        Answers::Mentee(profile) => Some(profile),
        Answers::Mentor(_) => None,
    }
}

fn mentor_profile(member: &Member) -> Option<&MentorProfile> {
    match &member.answers {
        Answers::Mentor(profile) => Some(profile),
        Answers::Mentee(_) => None,
    }
}

fn engine_mentee(member: &Member) -> Mentee {
    mentee_profile(member)
        .map(MenteeProfile::to_matching)
        .unwrap_or_default()
}

/// The engine's mentor, with the capacity the cohort gives them.
fn engine_mentor(member: &Member) -> Mentor {
    let mut mentor = mentor_profile(member)
        .map(MentorProfile::to_matching)
        .unwrap_or_default();
    mentor.capacity = member.capacity;
    mentor
}

/// The highest score a pair can reach under these weights.
fn best_possible(weights: &Weights) -> i64 {
    mentorbro_matching::Criterion::ALL
        .into_iter()
        .map(|criterion| i64::from(weights.get(criterion).points()) * 1000)
        .sum()
}

/// A score as a share of the best possible, in percent.
fn percent(score: i64, best: i64) -> u8 {
    if best <= 0 {
        0
    } else {
        (score.clamp(0, best) * 100 / best) as u8
    }
}

pub async fn people(cohort: String) -> Result<BoardPeople, AppError> {
    require_role(&coordinator()).await?;
    people_of(&app_state()?.db, &cohort).await
}

/// A board's people and the fit of every pair, for a caller already checked
/// to be staff.
pub async fn people_of(db: &Db, cohort: &str) -> Result<BoardPeople, AppError> {
    let cohort = cohorts::find(db, cohort).await?;
    let (mentees, mentors) = members(db, &cohort.id, None).await?;
    let weights = &cohort.weights;
    let best = best_possible(weights);
    let engine_mentees: Vec<Mentee> = mentees.iter().map(engine_mentee).collect();
    let engine_mentors: Vec<Mentor> = mentors.iter().map(engine_mentor).collect();
    let mut fit = Vec::with_capacity(mentees.len() * mentors.len());
    for mentee in &engine_mentees {
        for mentor in &engine_mentors {
            fit.push(
                mentorbro_matching::score(mentee, mentor, weights)
                    .map_or(IMPOSSIBLE, |score| percent(score, best)),
            );
        }
    }
    let mentees = mentees
        .iter()
        .zip(&engine_mentees)
        .map(|(member, engine)| {
            let profile = mentee_profile(member);
            BoardPerson {
                id: member.id.clone(),
                name: member.name.clone(),
                industry: profile
                    .map(|p| p.target_industries.clone())
                    .unwrap_or_default(),
                role: profile.map(|p| p.target_roles.clone()).unwrap_or_default(),
                languages: crate::portal::store::working_languages(&engine.languages),
                partner: member.partner.clone(),
                capacity: 0,
            }
        })
        .collect();
    let mentors = mentors
        .iter()
        .zip(&engine_mentors)
        .map(|(member, engine)| {
            let profile = mentor_profile(member);
            BoardPerson {
                id: member.id.clone(),
                name: member.name.clone(),
                industry: profile.map(|p| p.industry.clone()).unwrap_or_default(),
                role: profile
                    .map(|p| format!("{}, {}", p.role.trim(), p.company.trim()))
                    .unwrap_or_default(),
                languages: crate::portal::store::working_languages(&engine.languages),
                partner: None,
                capacity: member.capacity,
            }
        })
        .collect();
    Ok(BoardPeople {
        cohort,
        mentees,
        mentors,
        fit,
    })
}

pub async fn state(cohort: String) -> Result<BoardState, AppError> {
    let caller = require_role(&coordinator()).await?;
    state_of(&app_state()?.db, &cohort, &caller).await
}

/// A board's state for a caller already checked to be staff, or `NotFound`.
pub async fn state_of(db: &Db, cohort: &str, caller: &Account) -> Result<BoardState, AppError> {
    let cohort = cohorts::find(db, cohort).await?;
    read_state(db, &cohort.id, caller).await
}

/// The board's pairs, ruled-out pairs, recent history and viewers.
pub async fn read_state(db: &Db, cohort: &str, caller: &Account) -> Result<BoardState, AppError> {
    #[derive(SurrealValue)]
    struct PairRow {
        mentee: RecordId,
        mentor: RecordId,
        locked: bool,
        published: bool,
    }
    #[derive(SurrealValue)]
    struct ForbiddenRow {
        mentee: RecordId,
        mentor: RecordId,
    }
    #[derive(SurrealValue)]
    struct EventRow {
        at: i64,
        actor_name: String,
        action: String,
        mentee: Option<String>,
        from: Option<String>,
        to: Option<String>,
    }
    let mut response = db
        .query(
            "SELECT mentee, mentor, locked, published FROM pairing WHERE cohort = $cohort;
             SELECT mentee, mentor FROM forbidden_pair WHERE cohort = $cohort;
             SELECT time::unix(at) AS at, actor_name, action, mentee.name AS mentee,
                from.name AS from, to.name AS to
                FROM board_event WHERE cohort = $cohort ORDER BY at DESC LIMIT 40;
             SELECT VALUE name FROM board_viewer
                WHERE cohort = $cohort AND account != $caller AND seen_at > time::now() - $ttl;",
        )
        .bind(("cohort", record("cohort", cohort)))
        .bind(("caller", record("account", &caller.id)))
        .bind(("ttl", VIEWER_TTL))
        .await
        .map_err(db_error)?;
    let pairs: Vec<PairRow> = response.take(0).map_err(db_error)?;
    let forbidden: Vec<ForbiddenRow> = response.take(1).map_err(db_error)?;
    let events: Vec<EventRow> = response.take(2).map_err(db_error)?;
    let mut viewers: Vec<String> = response.take(3).map_err(db_error)?;
    viewers.sort();
    viewers.dedup();
    Ok(BoardState {
        pairings: pairs
            .into_iter()
            .map(|row| Pairing {
                mentee: key_string(&row.mentee),
                mentor: key_string(&row.mentor),
                locked: row.locked,
                published: row.published,
            })
            .collect(),
        forbidden: forbidden
            .into_iter()
            .map(|row| (key_string(&row.mentee), key_string(&row.mentor)))
            .collect(),
        history: events
            .into_iter()
            .filter_map(|row| {
                Some(BoardEvent {
                    at: row.at,
                    actor_name: row.actor_name,
                    action: BoardAction::from_code(&row.action)?,
                    mentee: row.mentee,
                    from: row.from,
                    to: row.to,
                })
            })
            .collect(),
        viewers,
    })
}

/// The cohort, its members, and the caller, for a change to a board.
struct Context {
    db: Db,
    caller: Account,
    cohort: Cohort,
    mentees: Vec<Member>,
    mentors: Vec<Member>,
}

impl Context {
    /// For a caller already checked to be staff: the cohort with every
    /// member, or with only the members given (who need not exist).
    async fn load(caller: Account, cohort: &str, only: Option<&[&str]>) -> Result<Self, AppError> {
        let db = app_state()?.db;
        let cohort = cohorts::find(&db, cohort).await?;
        let (mentees, mentors) = members(&db, &cohort.id, only).await?;
        Ok(Self {
            db,
            caller,
            cohort,
            mentees,
            mentors,
        })
    }

    fn mentee(&self, id: &str) -> Result<&Member, AppError> {
        self.mentees
            .iter()
            .find(|member| member.id == id)
            .ok_or_else(|| AppError::invalid("mentee", Problem::NotInCohort))
    }

    fn mentor(&self, id: &str) -> Result<&Member, AppError> {
        self.mentors
            .iter()
            .find(|member| member.id == id)
            .ok_or_else(|| AppError::invalid("mentor", Problem::NotInCohort))
    }

    /// Refuses a pair that fails a must-have of the cohort.
    fn check_must_haves(&self, mentee: &Member, mentor: &Member) -> Result<(), AppError> {
        let why = mentorbro_matching::explain(
            &engine_mentee(mentee),
            &engine_mentor(mentor),
            &self.cohort.weights,
        );
        if why.is_possible() {
            Ok(())
        } else {
            Err(AppError::invalid(
                "mentor",
                Problem::MustHave {
                    criteria: why
                        .failed_must_haves
                        .iter()
                        .map(|criterion| criterion.code().to_owned())
                        .collect(),
                },
            ))
        }
    }

    async fn state(&self) -> Result<BoardState, AppError> {
        read_state(&self.db, &self.cohort.id, &self.caller).await
    }

    /// Runs one change to the board as a transaction (again when it lost a
    /// race), with `$cohort`, `$actor` and `$actor_name` bound and the
    /// change's own parameters added by `bind`.
    async fn change<'a>(
        &'a self,
        query: &'a str,
        bind: impl Fn(Query<'a, Any>) -> Query<'a, Any>,
    ) -> Result<(), AppError> {
        transact(&self.db, &self.cohort.id, || {
            let request = bind(
                self.db
                    .query(query)
                    .bind(("cohort", record("cohort", &self.cohort.id)))
                    .bind(("actor", record("account", &self.caller.id)))
                    .bind(("actor_name", self.caller.name.clone())),
            );
            async move { request.await.and_then(first_cause) }
        })
        .await
    }
}

const EVENT: &str = "CREATE board_event CONTENT {
    cohort: $cohort, actor: $actor, actor_name: $actor_name, action: $action,
    mentee: $mentee, from: $from, to: $to, at: time::now()
}";

pub async fn move_mentee(
    cohort: String,
    mentee: String,
    from: Option<String>,
    to: Option<String>,
) -> Result<BoardState, AppError> {
    // Who is calling comes before what they sent.
    let caller = require_role(&coordinator()).await?;
    let from = from.filter(|id| !id.is_empty());
    let to = to.filter(|id| !id.is_empty());
    check_key(&mentee, "mentee")?;
    for id in from.iter().chain(&to) {
        check_key(id, "mentor")?;
    }
    let mut involved = vec![mentee.as_str()];
    involved.extend(to.as_deref());
    let context = Context::load(caller, &cohort, Some(&involved)).await?;
    let mentee_member = context.mentee(&mentee)?;
    if let Some(to) = &to {
        let mentor = context.mentor(to)?;
        context.check_must_haves(mentee_member, mentor)?;
    }
    if from == to {
        return context.state().await;
    }
    let cohort_id = context.cohort.id.clone();
    let query = format!(
        "BEGIN TRANSACTION;
         LET $current = (SELECT VALUE mentor FROM ONLY $pair);
         IF $current != $from {{ THROW 'mentorbro:moved' }};
         IF (SELECT VALUE published FROM ONLY $pair) {{ THROW 'mentorbro:published' }};
         IF $to != NONE {{
            IF record::exists($forbidden) {{ THROW 'mentorbro:forbidden' }};
            LET $capacity = (SELECT VALUE capacity FROM ONLY $to_member);
            IF $capacity = NONE {{ THROW 'mentorbro:not_in_cohort' }};
            LET $load = count(SELECT id FROM pairing WHERE cohort = $cohort AND mentor = $to AND mentee != $mentee);
            IF $load >= $capacity {{ THROW 'mentorbro:full:' + <string> $capacity }};
            UPDATE $to_member SET moves += 1;
            UPSERT $pair SET cohort = $cohort, mentee = $mentee, mentor = $to, locked = false,
                published = false, published_at = NONE, updated_at = time::now();
         }} ELSE {{
            DELETE $pair;
         }};
         IF $from != NONE {{ UPDATE $from_member SET moves += 1 }};
         {EVENT};
         COMMIT TRANSACTION;"
    );
    let action = if to.is_some() {
        BoardAction::Assign
    } else {
        BoardAction::Unassign
    };
    context
        .change(&query, |request| {
            request
                .bind(("pair", pairing_id(&cohort_id, &mentee)))
                .bind(("mentee", record("account", &mentee)))
                .bind(("from", from.as_deref().map(|id| record("account", id))))
                .bind(("to", to.as_deref().map(|id| record("account", id))))
                .bind((
                    "forbidden",
                    forbidden_id(&cohort_id, &mentee, to.as_deref().unwrap_or("")),
                ))
                .bind((
                    "to_member",
                    member_id(&cohort_id, to.as_deref().unwrap_or("")),
                ))
                .bind((
                    "from_member",
                    member_id(&cohort_id, from.as_deref().unwrap_or("")),
                ))
                .bind(("action", action.code()))
        })
        .await?;
    context.state().await
}

pub async fn lock(cohort: String, mentee: String, locked: bool) -> Result<BoardState, AppError> {
    // Who is calling comes before what they sent.
    let caller = require_role(&coordinator()).await?;
    check_key(&mentee, "mentee")?;
    let context = Context::load(caller, &cohort, Some(&[mentee.as_str()])).await?;
    context.mentee(&mentee)?;
    let cohort_id = context.cohort.id.clone();
    let query = format!(
        "BEGIN TRANSACTION;
         LET $current = (SELECT * FROM ONLY $pair);
         IF !$current {{ THROW 'mentorbro:moved' }};
         UPDATE $pair SET locked = $locked, updated_at = time::now();
         LET $from = $current.mentor;
         LET $to = $current.mentor;
         {EVENT};
         COMMIT TRANSACTION;"
    );
    let action = if locked {
        BoardAction::Lock
    } else {
        BoardAction::Unlock
    };
    context
        .change(&query, |request| {
            request
                .bind(("pair", pairing_id(&cohort_id, &mentee)))
                .bind(("mentee", record("account", &mentee)))
                .bind(("locked", locked))
                .bind(("action", action.code()))
        })
        .await?;
    context.state().await
}

pub async fn forbid(
    cohort: String,
    mentee: String,
    mentor: String,
    forbidden: bool,
) -> Result<BoardState, AppError> {
    // Who is calling comes before what they sent.
    let caller = require_role(&coordinator()).await?;
    check_key(&mentee, "mentee")?;
    check_key(&mentor, "mentor")?;
    let context = Context::load(caller, &cohort, Some(&[mentee.as_str(), mentor.as_str()])).await?;
    context.mentee(&mentee)?;
    context.mentor(&mentor)?;
    let cohort_id = context.cohort.id.clone();
    let query = format!(
        "BEGIN TRANSACTION;
         IF $forbid {{
            LET $current = (SELECT mentor, published FROM ONLY $pair);
            IF $current.mentor = $to AND $current.published {{ THROW 'mentorbro:published' }};
            UPSERT $forbidden_id SET cohort = $cohort, mentee = $mentee, mentor = $to;
            IF $current.mentor = $to {{
                DELETE $pair;
                UPDATE $to_member SET moves += 1;
            }};
         }} ELSE {{
            DELETE $forbidden_id;
         }};
         LET $from = NONE;
         {EVENT};
         COMMIT TRANSACTION;"
    );
    let action = if forbidden {
        BoardAction::Forbid
    } else {
        BoardAction::Allow
    };
    context
        .change(&query, |request| {
            request
                .bind(("forbid", forbidden))
                .bind(("forbidden_id", forbidden_id(&cohort_id, &mentee, &mentor)))
                .bind(("pair", pairing_id(&cohort_id, &mentee)))
                .bind(("to_member", member_id(&cohort_id, &mentor)))
                .bind(("mentee", record("account", &mentee)))
                .bind(("to", record("account", &mentor)))
                .bind(("action", action.code()))
        })
        .await?;
    context.state().await
}

pub async fn suggest(cohort: String) -> Result<Vec<Suggestion>, AppError> {
    let caller = require_role(&coordinator()).await?;
    let context = Context::load(caller, &cohort, None).await?;
    let state = context.state().await?;
    let mentees: Vec<Mentee> = context.mentees.iter().map(engine_mentee).collect();
    let mentors: Vec<Mentor> = context.mentors.iter().map(engine_mentor).collect();
    let weights = &context.cohort.weights;
    let mentee_index: HashMap<&str, usize> = context
        .mentees
        .iter()
        .enumerate()
        .map(|(index, member)| (member.id.as_str(), index))
        .collect();
    let mentor_index: HashMap<&str, usize> = context
        .mentors
        .iter()
        .enumerate()
        .map(|(index, member)| (member.id.as_str(), index))
        .collect();
    let mut instance = mentorbro_matching::instance(&mentees, &mentors, weights);
    instance.mode = Mode::MaxMatchedThenScore;
    instance.min_score = 0;
    // Locked and published pairs stay as they are.
    instance.locks = state
        .pairings
        .iter()
        .filter(|pair| pair.locked || pair.published)
        .filter_map(|pair| {
            Some((
                *mentee_index.get(pair.mentee.as_str())?,
                *mentor_index.get(pair.mentor.as_str())?,
            ))
        })
        .collect();
    instance.forbidden = state
        .forbidden
        .iter()
        .filter_map(|(mentee, mentor)| {
            Some((
                *mentee_index.get(mentee.as_str())?,
                *mentor_index.get(mentor.as_str())?,
            ))
        })
        .collect();
    let assignment = mentorbro_matching::solve(&instance).map_err(|error| {
        tracing::error!(%error, "board does not make a valid matching instance");
        AppError::Conflict
    })?;
    let best = best_possible(weights);
    Ok(assignment
        .pairs
        .iter()
        .filter_map(|pair| {
            let mentee = &context.mentees[pair.mentee];
            let mentor = &context.mentors[pair.mentor];
            let current = state.mentor_of(&mentee.id);
            let unchanged = current.is_some_and(|current| current.mentor == mentor.id);
            let kept = current.is_some_and(|current| current.locked || current.published);
            (!unchanged && !kept).then(|| Suggestion {
                mentee: mentee.id.clone(),
                mentor: mentor.id.clone(),
                fit: percent(pair.score, best),
            })
        })
        .collect())
}

pub async fn accept(cohort: String, pairs: Vec<Suggestion>) -> Result<BoardState, AppError> {
    // Who is calling comes before what they sent.
    let caller = require_role(&coordinator()).await?;
    if pairs.is_empty() {
        return Err(AppError::invalid("pairs", Problem::ChooseAtLeastOne));
    }
    for pair in &pairs {
        check_key(&pair.mentee, "mentee")?;
        check_key(&pair.mentor, "mentor")?;
    }
    let context = Context::load(caller, &cohort, None).await?;
    let mut seen = std::collections::HashSet::new();
    for pair in &pairs {
        if !seen.insert(pair.mentee.as_str()) {
            return Err(AppError::invalid("pairs", Problem::Malformed));
        }
        let mentee = context.mentee(&pair.mentee)?;
        let mentor = context.mentor(&pair.mentor)?;
        context.check_must_haves(mentee, mentor)?;
    }
    let cohort_id = context.cohort.id.clone();
    let rows: Vec<serde_json::Value> = pairs
        .iter()
        .map(|pair| {
            serde_json::json!({
                "pair": format!("{cohort_id}_{}", pair.mentee),
                "mentee": pair.mentee,
                "mentor": pair.mentor,
                "forbidden": format!("{cohort_id}_{}_{}", pair.mentee, pair.mentor),
            })
        })
        .collect();
    let mut mentors: Vec<&str> = pairs.iter().map(|pair| pair.mentor.as_str()).collect();
    mentors.sort_unstable();
    mentors.dedup();
    let mentors: Vec<serde_json::Value> = mentors
        .into_iter()
        .map(|mentor| {
            serde_json::json!({ "account": mentor, "member": format!("{cohort_id}_{mentor}") })
        })
        .collect();
    let query = "BEGIN TRANSACTION;
         FOR $row IN $rows {
            LET $pair = type::record('pairing', $row.pair);
            LET $mentee = type::record('account', $row.mentee);
            LET $to = type::record('account', $row.mentor);
            LET $current = (SELECT * FROM ONLY $pair);
            IF $current.locked OR $current.published { THROW 'mentorbro:moved' };
            IF record::exists(type::record('forbidden_pair', $row.forbidden)) { THROW 'mentorbro:forbidden' };
            LET $from = $current.mentor;
            IF $from != NONE { UPDATE type::record('cohort_member', $cohort_key + '_' + record::id($from)) SET moves += 1 };
            UPSERT $pair SET cohort = $cohort, mentee = $mentee, mentor = $to, locked = false,
                published = false, published_at = NONE, updated_at = time::now();
            CREATE board_event CONTENT {
                cohort: $cohort, actor: $actor, actor_name: $actor_name, action: 'assign',
                mentee: $mentee, from: $from, to: $to, at: time::now()
            };
         };
         FOR $mentor IN $mentors {
            LET $member = type::record('cohort_member', $mentor.member);
            LET $capacity = (SELECT VALUE capacity FROM ONLY $member);
            LET $load = count(SELECT id FROM pairing WHERE cohort = $cohort AND mentor = type::record('account', $mentor.account));
            IF $load > $capacity { THROW 'mentorbro:full:' + <string> $capacity };
            UPDATE $member SET moves += 1;
         };
         COMMIT TRANSACTION;";
    context
        .change(query, |request| {
            request
                .bind(("rows", rows.clone()))
                .bind(("mentors", mentors.clone()))
                .bind(("cohort_key", cohort_id.clone()))
        })
        .await?;
    context.state().await
}

/// One email to one side of a published pair.
struct Message {
    to: String,
    subject: String,
    body: String,
}

/// The email telling `reader` about their match with `other`.
fn match_message(
    reader: &Contact,
    other: &Contact,
    cohort: &Cohort,
    reader_is_mentee: bool,
    public_url: &str,
) -> Message {
    use leptos_i18n::td_string;
    let locale = super::mail::locale_of(&reader.language);
    let (subject, template) = if reader_is_mentee {
        (
            td_string!(locale, mail.match_subject),
            td_string!(locale, mail.match_body_mentee),
        )
    } else {
        (
            td_string!(locale, mail.match_subject),
            td_string!(locale, mail.match_body_mentor),
        )
    };
    let body = crate::text::fill(
        template,
        &[
            ("name", reader.name.clone()),
            ("other", other.name.clone()),
            ("about", other.about.clone()),
            ("email", other.email.clone()),
            ("phone", other.phone.clone()),
            ("cohort", cohort.name.clone()),
            (
                "start",
                crate::text::format_typed_date(locale, &cohort.start),
            ),
            ("end", crate::text::format_typed_date(locale, &cohort.end)),
            ("link", format!("{public_url}/")),
        ],
    );
    Message {
        to: reader.email.clone(),
        subject: subject.to_owned(),
        body,
    }
}

/// What one side of a pair needs to know about the other.
struct Contact {
    name: String,
    email: String,
    phone: String,
    language: String,
    about: String,
}

#[derive(SurrealValue)]
struct ContactRow {
    id: RecordId,
    name: String,
    email: String,
    language: String,
}

async fn contacts(db: &Db, members: &[&Member]) -> Result<HashMap<String, Contact>, AppError> {
    let ids: Vec<RecordId> = members
        .iter()
        .map(|member| record("account", &member.id))
        .collect();
    let rows: Vec<ContactRow> = db
        .query("SELECT id, name, email, language FROM account WHERE id IN $ids")
        .bind(("ids", ids))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    let mut by_id: HashMap<String, ContactRow> = rows
        .into_iter()
        .map(|row| (key_string(&row.id), row))
        .collect();
    Ok(members
        .iter()
        .filter_map(|member| {
            let row = by_id.remove(&member.id)?;
            let (phone, about) = match &member.answers {
                Answers::Mentee(profile) => (
                    profile.phone.clone(),
                    [
                        profile.target_roles.trim(),
                        profile.target_industries.trim(),
                    ]
                    .into_iter()
                    .filter(|part| !part.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
                ),
                Answers::Mentor(profile) => (
                    profile.phone.clone(),
                    format!("{}, {}", profile.role.trim(), profile.company.trim()),
                ),
            };
            Some((
                member.id.clone(),
                Contact {
                    name: row.name,
                    email: row.email,
                    phone,
                    language: row.language,
                    about,
                },
            ))
        })
        .collect())
}

pub async fn publish(cohort: String) -> Result<Published, AppError> {
    let caller = require_role(&coordinator()).await?;
    let context = Context::load(caller, &cohort, None).await?;
    let state = context.state().await?;
    let drafts: Vec<&Pairing> = state.pairings.iter().filter(|p| !p.published).collect();
    if drafts.is_empty() {
        return Ok(Published {
            pairs: 0,
            messages: 0,
        });
    }
    let mut people: Vec<&Member> = Vec::new();
    for pair in &drafts {
        people.push(context.mentee(&pair.mentee)?);
        people.push(context.mentor(&pair.mentor)?);
    }
    let contacts = contacts(&context.db, &people).await?;
    let public_url = app_state()?.public_url;
    let mut messages = Vec::new();
    let mut rows = Vec::new();
    for pair in &drafts {
        let (Some(mentee), Some(mentor)) = (contacts.get(&pair.mentee), contacts.get(&pair.mentor))
        else {
            continue;
        };
        messages.push(match_message(
            mentee,
            mentor,
            &context.cohort,
            true,
            &public_url,
        ));
        messages.push(match_message(
            mentor,
            mentee,
            &context.cohort,
            false,
            &public_url,
        ));
        rows.push(serde_json::json!({
            "pair": format!("{}_{}", context.cohort.id, pair.mentee),
            "mentee": pair.mentee,
            "mentor": pair.mentor,
        }));
    }
    let outbox: Vec<serde_json::Value> = messages
        .iter()
        .map(|message| {
            serde_json::json!({ "to": message.to, "subject": message.subject, "body": message.body })
        })
        .collect();
    let cohort_id = context.cohort.id.clone();
    let query = "BEGIN TRANSACTION;
         FOR $row IN $rows {
            LET $pair = type::record('pairing', $row.pair);
            LET $current = (SELECT * FROM ONLY $pair);
            IF !$current OR $current.published OR record::id($current.mentor) != $row.mentor {
                THROW 'mentorbro:moved'
            };
            UPDATE $pair SET published = true, published_at = time::now();
            UPDATE type::record('application', $row.mentee) SET status = 'in_cohort', updated_at = time::now();
            UPDATE type::record('application', $row.mentor) SET status = 'in_cohort', updated_at = time::now();
         };
         FOR $message IN $outbox {
            CREATE outbox CONTENT {
                to: $message.to, subject: $message.subject, body: $message.body,
                created_at: time::now(), attempts: 0
            };
         };
         UPDATE $cohort SET published_at = time::now();
         CREATE board_event CONTENT {
            cohort: $cohort, actor: $actor, actor_name: $actor_name, action: 'publish',
            mentee: NONE, from: NONE, to: NONE, at: time::now()
         };
         COMMIT TRANSACTION;";
    context
        .change(query, |request| {
            request
                .bind(("rows", rows.clone()))
                .bind(("outbox", outbox.clone()))
        })
        .await?;
    tracing::info!(cohort = %cohort_id, pairs = rows.len(), "board published");
    Ok(Published {
        pairs: rows.len() as u32,
        messages: messages.len() as u32,
    })
}

pub async fn explain(
    cohort: String,
    mentee: String,
    mentor: String,
    language: String,
) -> Result<PairExplanation, AppError> {
    // Who is calling comes before what they sent.
    let caller = require_role(&coordinator()).await?;
    check_key(&mentee, "mentee")?;
    check_key(&mentor, "mentor")?;
    let context = Context::load(caller, &cohort, Some(&[mentee.as_str(), mentor.as_str()])).await?;
    let weights = &context.cohort.weights;
    let why = mentorbro_matching::explain(
        &engine_mentee(context.mentee(&mentee)?),
        &engine_mentor(context.mentor(&mentor)?),
        weights,
    );
    let danish = language == "da";
    let name = |criterion| {
        if danish {
            mentorbro_matching::explain::da::criterion(criterion)
        } else {
            mentorbro_matching::explain::en::criterion(criterion)
        }
    };
    Ok(PairExplanation {
        fit: why
            .score()
            .map(|score| percent(score, best_possible(weights))),
        failed: why
            .failed_must_haves
            .iter()
            .map(|criterion| name(*criterion).to_owned())
            .collect(),
        lines: if danish {
            mentorbro_matching::explain::da::lines(&why)
        } else {
            mentorbro_matching::explain::en::lines(&why)
        },
    })
}

pub async fn mine() -> Result<Vec<MyMatch>, AppError> {
    let caller = require_role(&[Role::Mentee, Role::Mentor]).await?;
    let db = app_state()?.db;
    #[derive(SurrealValue)]
    struct Row {
        cohort: RecordId,
        other: RecordId,
    }
    let field = if caller.role == Role::Mentee {
        "mentee"
    } else {
        "mentor"
    };
    let other = if caller.role == Role::Mentee {
        "mentor"
    } else {
        "mentee"
    };
    let rows: Vec<Row> = db
        .query(format!(
            "SELECT cohort, {other} AS other FROM pairing WHERE {field} = $me AND published = true"
        ))
        .bind(("me", record("account", &caller.id)))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let cohort = cohorts::find(&db, &key_string(&row.cohort)).await?;
        let other_id = key_string(&row.other);
        let Some(application) = crate::portal::store::find(&db, &other_id).await? else {
            continue;
        };
        let member = Member {
            id: other_id.clone(),
            name: String::new(),
            capacity: 0,
            partner: None,
            answers: application.answers,
        };
        let Some(contact) = contacts(&db, &[&member]).await?.remove(&other_id) else {
            continue;
        };
        out.push(MyMatch {
            cohort_name: cohort.name,
            start: cohort.start,
            end: cohort.end,
            name: contact.name,
            email: contact.email,
            phone: contact.phone,
            about: contact.about,
        });
    }
    Ok(out)
}

/// Marks that someone has the board open, and returns the viewer record.
pub async fn register_viewer(
    db: &Db,
    cohort: &str,
    viewer: &Account,
) -> Result<RecordId, AppError> {
    let id = RecordId::new("board_viewer", super::db::random_key());
    db.query(
        "UPSERT $id SET cohort = $cohort, account = $account, name = $name, seen_at = time::now()",
    )
    .bind(("id", id.clone()))
    .bind(("cohort", record("cohort", cohort)))
    .bind(("account", record("account", &viewer.id)))
    .bind(("name", viewer.name.clone()))
    .await
    .and_then(|response| response.check())
    .map_err(db_error)?;
    Ok(id)
}
