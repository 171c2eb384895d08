//! Surveys behind their server functions: definitions, answers stored once
//! (the record key `{survey}_{account}` and a unique index both say so, so two
//! submits racing each other cannot both land), who a survey is due for, the
//! reminder list for the scheduler and the figures for the dashboard.

use std::collections::{HashMap, HashSet};

use surrealdb::types::{RecordId, SurrealValue};
use time::Date;

use super::db::{is_key, key_string, random_key, record};
use super::{Db, app_state, cohorts, require_role};
use crate::accounts::store::db_error;
use crate::accounts::{Account, Role};
use crate::error::{AppError, Problem};
use crate::portal::profile::{parse_date, today};
use crate::reporting::survey_tally::SurveyTally;
use crate::surveys::schedule::{self, Member};
use crate::surveys::summary::{self, CohortSummary, ResponseRate};
use crate::surveys::{
    Answer, AnswerValue, Audience, CohortSurveys, Moment, MySurvey, OutcomeForm, OutcomeValues,
    Question, Survey, SurveyForm, SurveyReport, SurveyToAnswer, check_answers, standard,
    typed_answers,
};

fn staff() -> [Role; 2] {
    [Role::Coordinator, Role::Admin]
}

const SURVEY_COLUMNS: &str =
    "id, cohort, title, intro, moment, audience, includes_outcome, questions";

#[derive(SurrealValue)]
struct SurveyRow {
    id: RecordId,
    cohort: RecordId,
    title: String,
    intro: String,
    moment: String,
    audience: String,
    includes_outcome: bool,
    questions: serde_json::Value,
}

impl SurveyRow {
    fn into_survey(self) -> Result<Survey, AppError> {
        let questions: Vec<Question> = serde_json::from_value(self.questions).map_err(|error| {
            tracing::error!(%error, "stored survey questions do not parse");
            AppError::Internal
        })?;
        Ok(Survey {
            id: key_string(&self.id),
            cohort: key_string(&self.cohort),
            title: self.title,
            intro: self.intro,
            moment: Moment::from_code(&self.moment).ok_or(AppError::Internal)?,
            audience: Audience::from_code(&self.audience).ok_or(AppError::Internal)?,
            includes_outcome: self.includes_outcome,
            questions,
        })
    }
}

/// An answer as stored: one field per kind, the others absent.
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredAnswer {
    question: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    likert: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    choice: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
}

fn stored_answers(answers: &[Answer]) -> serde_json::Value {
    let stored: Vec<StoredAnswer> = answers
        .iter()
        .map(|answer| {
            let mut stored = StoredAnswer {
                question: answer.question.clone(),
                likert: None,
                choice: None,
                text: None,
            };
            match &answer.value {
                AnswerValue::Likert(point) => stored.likert = Some(*point),
                AnswerValue::Choice(index) => stored.choice = Some(*index),
                AnswerValue::Text(text) => stored.text = Some(text.clone()),
            }
            stored
        })
        .collect();
    serde_json::to_value(stored).unwrap_or_default()
}

fn read_answers(value: serde_json::Value) -> Vec<Answer> {
    let stored: Vec<StoredAnswer> = serde_json::from_value(value).unwrap_or_default();
    stored
        .into_iter()
        .filter_map(|stored| {
            let value = match (stored.likert, stored.choice, stored.text) {
                (Some(point), _, _) => AnswerValue::Likert(point),
                (_, Some(index), _) => AnswerValue::Choice(index),
                (_, _, Some(text)) => AnswerValue::Text(text),
                _ => return None,
            };
            Some(Answer {
                question: stored.question,
                value,
            })
        })
        .collect()
}

/// A survey by key.
async fn find(db: &Db, id: &str) -> Result<Survey, AppError> {
    if !is_key(id) {
        return Err(AppError::NotFound);
    }
    let row: Option<SurveyRow> = db
        .query(format!("SELECT {SURVEY_COLUMNS} FROM ONLY $id"))
        .bind(("id", record("survey", id)))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    row.ok_or(AppError::NotFound)?.into_survey()
}

async fn surveys_of(db: &Db, cohorts: Vec<RecordId>) -> Result<Vec<Survey>, AppError> {
    let rows: Vec<SurveyRow> = db
        .query(format!(
            "SELECT {SURVEY_COLUMNS} FROM survey WHERE cohort IN $cohorts"
        ))
        .bind(("cohorts", cohorts))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    let mut surveys = rows
        .into_iter()
        .map(SurveyRow::into_survey)
        .collect::<Result<Vec<_>, _>>()?;
    surveys.sort_by(|a, b| a.moment.cmp(&b.moment).then_with(|| a.title.cmp(&b.title)));
    Ok(surveys)
}

/// A cohort's course dates.
#[derive(Clone, Copy)]
struct Course {
    start: Date,
    end: Date,
}

fn course(start: &str, end: &str) -> Result<Course, AppError> {
    match (parse_date(start), parse_date(end)) {
        (Some(start), Some(end)) => Ok(Course { start, end }),
        _ => {
            tracing::error!(start, end, "cohort dates do not parse");
            Err(AppError::Internal)
        }
    }
}

/// The members of cohorts still on the course, with their first meeting, by cohort key.
async fn members_of(
    db: &Db,
    cohorts: Vec<RecordId>,
) -> Result<HashMap<String, Vec<Member>>, AppError> {
    #[derive(SurrealValue)]
    struct MemberRow {
        cohort: String,
        account: String,
        kind: String,
    }
    #[derive(SurrealValue)]
    struct MeetingRow {
        cohort: String,
        mentee: String,
        mentor: String,
        date: String,
    }
    let mut response = db
        .query(
            "SELECT record::id(cohort) AS cohort, record::id(account) AS account, kind
                FROM cohort_member WHERE cohort IN $cohorts AND left_at = NONE;
             SELECT record::id(cohort) AS cohort, record::id(mentee) AS mentee,
                record::id(mentor) AS mentor, date FROM meeting WHERE cohort IN $cohorts;",
        )
        .bind(("cohorts", cohorts))
        .await
        .map_err(db_error)?;
    let members: Vec<MemberRow> = response.take(0).map_err(db_error)?;
    let meetings: Vec<MeetingRow> = response.take(1).map_err(db_error)?;
    let mut first: HashMap<(String, String), Date> = HashMap::new();
    for meeting in meetings {
        let Some(date) = parse_date(&meeting.date) else {
            continue;
        };
        for account in [meeting.mentee, meeting.mentor] {
            let entry = first
                .entry((meeting.cohort.clone(), account))
                .or_insert(date);
            *entry = (*entry).min(date);
        }
    }
    let mut out: HashMap<String, Vec<Member>> = HashMap::new();
    for row in members {
        let first_meeting = first
            .get(&(row.cohort.clone(), row.account.clone()))
            .copied();
        out.entry(row.cohort).or_default().push(Member {
            account: row.account,
            kind: row.kind,
            first_meeting,
        });
    }
    Ok(out)
}

/// Every answer to the surveys of some cohorts: survey key → (account → answers).
async fn answers_of(
    db: &Db,
    cohorts: Vec<RecordId>,
) -> Result<HashMap<String, HashMap<String, Vec<Answer>>>, AppError> {
    #[derive(SurrealValue)]
    struct Row {
        survey: String,
        account: String,
        answers: serde_json::Value,
    }
    let rows: Vec<Row> = db
        .query(
            "SELECT record::id(survey) AS survey, record::id(account) AS account, answers
                FROM survey_answer WHERE cohort IN $cohorts",
        )
        .bind(("cohorts", cohorts))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    let mut out: HashMap<String, HashMap<String, Vec<Answer>>> = HashMap::new();
    for row in rows {
        out.entry(row.survey)
            .or_default()
            .insert(row.account, read_answers(row.answers));
    }
    Ok(out)
}

/// Each survey of a cohort with its response rate (answered / due today) and answers.
async fn reports(
    db: &Db,
    cohort: &crate::board::Cohort,
    today: Date,
) -> Result<Vec<(Survey, ResponseRate, Vec<Vec<Answer>>)>, AppError> {
    let dates = course(&cohort.start, &cohort.end)?;
    let ids = vec![record("cohort", &cohort.id)];
    let surveys = surveys_of(db, ids.clone()).await?;
    let members = members_of(db, ids.clone()).await?;
    let members = members
        .get(&cohort.id)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut answers = answers_of(db, ids).await?;
    Ok(surveys
        .into_iter()
        .map(|survey| {
            let given = answers.remove(&survey.id).unwrap_or_default();
            let mut due: HashSet<&str> = members
                .iter()
                .filter(|member| {
                    schedule::due_for(
                        survey.moment,
                        survey.audience,
                        dates.start,
                        dates.end,
                        member,
                    )
                    .is_some_and(|day| day <= today)
                })
                .map(|member| member.account.as_str())
                .collect();
            due.extend(given.keys().map(String::as_str));
            let rate = ResponseRate {
                answered: given.len() as u32,
                due: due.len() as u32,
            };
            (survey, rate, given.into_values().collect())
        })
        .collect())
}

pub async fn of_cohort(cohort: String) -> Result<CohortSurveys, AppError> {
    require_role(&staff()).await?;
    let db = app_state()?.db;
    let cohort = cohorts::find(&db, &cohort).await?;
    let surveys = reports(&db, &cohort, today())
        .await?
        .into_iter()
        .map(|(survey, rate, answers)| SurveyReport {
            questions: summary::summarise(&survey.questions, &answers),
            editable: rate.answered == 0,
            survey,
            rate,
        })
        .collect();
    Ok(CohortSurveys { cohort, surveys })
}

/// Maps a refused survey change: a survey with answers is locked.
fn locked_or(error: surrealdb::Error) -> AppError {
    if error.to_string().contains("mentorbro:survey_locked") {
        AppError::invalid("survey", Problem::SurveyLocked)
    } else {
        db_error(error)
    }
}

async fn write(db: &Db, cohort: &str, id: &str, form: &SurveyForm) -> Result<(), AppError> {
    let questions = serde_json::to_value(form.questions()).map_err(|_| AppError::Internal)?;
    db.query(
        "BEGIN TRANSACTION;
         IF count(SELECT id FROM survey_answer WHERE survey = $id) > 0 {
            THROW 'mentorbro:survey_locked';
         };
         UPSERT $id SET cohort = $cohort, title = $title, intro = $intro, moment = $moment,
            audience = $audience, includes_outcome = $includes_outcome, questions = $questions,
            updated_at = time::now();
         COMMIT TRANSACTION;",
    )
    .bind(("id", record("survey", id)))
    .bind(("cohort", record("cohort", cohort)))
    .bind(("title", form.title.trim().to_owned()))
    .bind(("intro", form.intro.trim().to_owned()))
    .bind(("moment", form.moment.map(Moment::code).unwrap_or_default()))
    .bind(("audience", form.audience.code()))
    .bind(("includes_outcome", form.includes_outcome))
    .bind(("questions", questions))
    .await
    .and_then(super::board::first_cause)
    .map_err(locked_or)
}

pub async fn save(
    cohort: String,
    id: Option<String>,
    form: SurveyForm,
) -> Result<Survey, AppError> {
    require_role(&staff()).await?;
    AppError::check(form.problems())?;
    let db = app_state()?.db;
    let cohort = cohorts::find(&db, &cohort).await?;
    let id = match id.filter(|id| !id.is_empty()) {
        Some(id) => {
            if find(&db, &id).await?.cohort != cohort.id {
                return Err(AppError::NotFound);
            }
            id
        }
        None => random_key(),
    };
    write(&db, &cohort.id, &id, &form).await?;
    find(&db, &id).await
}

pub async fn delete(id: String) -> Result<(), AppError> {
    require_role(&staff()).await?;
    let db = app_state()?.db;
    let survey = find(&db, &id).await?;
    db.query(
        "BEGIN TRANSACTION;
         IF count(SELECT id FROM survey_answer WHERE survey = $id) > 0 {
            THROW 'mentorbro:survey_locked';
         };
         DELETE $id;
         COMMIT TRANSACTION;",
    )
    .bind(("id", record("survey", &survey.id)))
    .await
    .and_then(super::board::first_cause)
    .map_err(locked_or)
}

pub async fn create_standard(cohort: String, language: String) -> Result<u32, AppError> {
    require_role(&staff()).await?;
    let locale = match language.as_str() {
        "da" => crate::i18n::Locale::da,
        "en" => crate::i18n::Locale::en,
        _ => return Err(AppError::invalid("language", Problem::UnknownChoice)),
    };
    let db = app_state()?.db;
    let cohort = cohorts::find(&db, &cohort).await?;
    let taken: HashSet<Moment> = surveys_of(&db, vec![record("cohort", &cohort.id)])
        .await?
        .into_iter()
        .map(|survey| survey.moment)
        .collect();
    let mut created = 0;
    for form in standard::standard_set(locale) {
        if form.moment.is_some_and(|moment| !taken.contains(&moment)) {
            write(&db, &cohort.id, &random_key(), &form).await?;
            created += 1;
        }
    }
    tracing::info!(cohort = %cohort.id, created, "standard surveys created");
    Ok(created)
}

/// A participant's place in one cohort.
struct Place {
    cohort: String,
    cohort_name: String,
    kind: String,
    course: Course,
    first_meeting: Option<Date>,
    left: bool,
}

/// The cohorts the caller takes part in, by cohort key.
async fn places_of(db: &Db, account: &str) -> Result<HashMap<String, Place>, AppError> {
    #[derive(SurrealValue)]
    struct Row {
        cohort: String,
        name: String,
        kind: String,
        start: String,
        end: String,
        left: bool,
    }
    #[derive(SurrealValue)]
    struct MeetingRow {
        cohort: String,
        date: String,
    }
    let mut response = db
        .query(
            "SELECT record::id(cohort) AS cohort, cohort.name AS name, kind, cohort.start AS start,
                cohort.end AS end, left_at != NONE AS left FROM cohort_member WHERE account = $me;
             SELECT record::id(cohort) AS cohort, date FROM meeting WHERE mentee = $me OR mentor = $me;",
        )
        .bind(("me", record("account", account)))
        .await
        .map_err(db_error)?;
    let rows: Vec<Row> = response.take(0).map_err(db_error)?;
    let meetings: Vec<MeetingRow> = response.take(1).map_err(db_error)?;
    let mut places = HashMap::new();
    for row in rows {
        let first_meeting = meetings
            .iter()
            .filter(|meeting| meeting.cohort == row.cohort)
            .filter_map(|meeting| parse_date(&meeting.date))
            .min();
        places.insert(
            row.cohort.clone(),
            Place {
                course: course(&row.start, &row.end)?,
                cohort: row.cohort,
                cohort_name: row.name,
                kind: row.kind,
                first_meeting,
                left: row.left,
            },
        );
    }
    Ok(places)
}

impl Place {
    /// The day `survey` falls due for this participant, if it is meant for them.
    fn due_on(&self, survey: &Survey) -> Option<Date> {
        if self.left {
            return None;
        }
        let member = Member {
            account: String::new(),
            kind: self.kind.clone(),
            first_meeting: self.first_meeting,
        };
        schedule::due_for(
            survey.moment,
            survey.audience,
            self.course.start,
            self.course.end,
            &member,
        )
    }
}

/// When the caller answered which survey: survey key → seconds since the epoch.
async fn answered_by(db: &Db, account: &str) -> Result<HashMap<String, i64>, AppError> {
    #[derive(SurrealValue)]
    struct Row {
        survey: String,
        at: i64,
    }
    let rows: Vec<Row> = db
        .query(
            "SELECT record::id(survey) AS survey, time::unix(answered_at) AS at
                FROM survey_answer WHERE account = $me",
        )
        .bind(("me", record("account", account)))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    Ok(rows.into_iter().map(|row| (row.survey, row.at)).collect())
}

pub async fn mine() -> Result<Vec<MySurvey>, AppError> {
    let caller = require_role(&[Role::Mentee, Role::Mentor]).await?;
    let db = app_state()?.db;
    let places = places_of(&db, &caller.id).await?;
    if places.is_empty() {
        return Ok(Vec::new());
    }
    let cohorts = places.keys().map(|key| record("cohort", key)).collect();
    let surveys = surveys_of(&db, cohorts).await?;
    let answered = answered_by(&db, &caller.id).await?;
    let today = today();
    let mut out: Vec<MySurvey> = surveys
        .into_iter()
        .filter_map(|survey| {
            let place = places.get(&survey.cohort)?;
            let answered_at = answered.get(&survey.id).copied();
            let due = place.due_on(&survey).filter(|day| *day <= today);
            // Answered ones stay listed (read-only) even if no longer due.
            let due_on = match (due, answered_at) {
                (Some(day), _) => day.to_string(),
                (None, Some(_)) => String::new(),
                (None, None) => return None,
            };
            Some(MySurvey {
                id: survey.id,
                title: survey.title,
                moment: survey.moment,
                cohort_name: place.cohort_name.clone(),
                due_on,
                answered_at,
            })
        })
        .collect();
    out.sort_by(|a, b| b.due_on.cmp(&a.due_on).then_with(|| a.title.cmp(&b.title)));
    Ok(out)
}

/// A survey the caller may see: of their cohort, for their role. Returns
/// the survey, their place, and the day it fell due for them (if it has).
async fn for_participant(
    db: &Db,
    caller: &Account,
    id: &str,
) -> Result<(Survey, Place, Option<Date>), AppError> {
    let survey = find(db, id).await?;
    let mut places = places_of(db, &caller.id).await?;
    let place = places.remove(&survey.cohort).ok_or(AppError::Forbidden)?;
    if !survey.audience.includes(&place.kind) {
        return Err(AppError::Forbidden);
    }
    let due = place.due_on(&survey).filter(|day| *day <= today());
    Ok((survey, place, due))
}

fn answer_id(survey: &str, account: &str) -> RecordId {
    RecordId::new("survey_answer", format!("{survey}_{account}"))
}

pub async fn to_answer(id: String) -> Result<SurveyToAnswer, AppError> {
    let caller = require_role(&[Role::Mentee, Role::Mentor]).await?;
    let db = app_state()?.db;
    let (survey, place, due) = for_participant(&db, &caller, &id).await?;
    #[derive(SurrealValue)]
    struct Row {
        answers: serde_json::Value,
    }
    let mut response = db
        .query(format!(
            "SELECT answers FROM ONLY $answer;
             SELECT {} FROM outcome WHERE survey = $survey AND mentee = $me
                ORDER BY recorded_at DESC LIMIT 1;",
            super::outcomes::COLUMNS
        ))
        .bind(("answer", answer_id(&survey.id, &caller.id)))
        .bind(("survey", record("survey", &survey.id)))
        .bind(("me", record("account", &caller.id)))
        .await
        .map_err(db_error)?;
    let given: Option<Row> = response.take(0).map_err(db_error)?;
    let outcome = super::outcomes::take_records(&mut response, 1)?
        .into_iter()
        .next()
        .map(|record| record.values);
    if given.is_none() && due.is_none() {
        return Err(AppError::invalid("survey", Problem::SurveyNotDue));
    }
    Ok(SurveyToAnswer {
        asks_outcome: survey.asks_outcome() && place.kind == "mentee",
        answered: given.map(|row| typed_answers(&survey.questions, &read_answers(row.answers))),
        outcome,
        cohort_name: place.cohort_name,
        due_on: due.map(|day| day.to_string()).unwrap_or_default(),
        survey,
    })
}

/// Whether a failed answer lost to an answer already stored (or being stored).
fn answered_already(error: &surrealdb::Error) -> bool {
    let text = error.to_string().to_lowercase();
    text.contains("already exists")
        || text.contains("already contains")
        || text.contains("conflict")
        || text.contains("retried")
}

pub async fn answer(
    id: String,
    typed: Vec<String>,
    outcome: Option<OutcomeForm>,
) -> Result<(), AppError> {
    let caller = require_role(&[Role::Mentee, Role::Mentor]).await?;
    let db = app_state()?.db;
    let (survey, place, due) = for_participant(&db, &caller, &id).await?;
    if due.is_none() {
        return Err(AppError::invalid("survey", Problem::SurveyNotDue));
    }
    let answers = check_answers(&survey.questions, &typed);
    let asks_outcome = survey.asks_outcome() && place.kind == "mentee";
    let outcome: Option<OutcomeValues> = if asks_outcome {
        let form = outcome.unwrap_or_default();
        let values = form.values(survey.moment.outcome_moment(), today());
        match (answers.as_ref(), values) {
            (Ok(_), Ok(values)) => Some(values),
            (Ok(_), Err(problems)) => return Err(AppError::Invalid(problems)),
            (Err(mine), Err(theirs)) => {
                let mut problems = mine.clone();
                problems.extend(theirs);
                return Err(AppError::Invalid(problems));
            }
            (Err(_), Ok(_)) => None,
        }
    } else {
        None
    };
    let answers = answers.map_err(AppError::Invalid)?;
    let mut statements = String::from(
        "BEGIN TRANSACTION;
         CREATE $answer CONTENT {
            survey: $survey, cohort: $cohort, account: $me, kind: $kind, answers: $answers,
            answered_at: time::now()
         };",
    );
    if outcome.is_some() {
        statements.push_str(super::outcomes::CREATE_OUTCOME);
    }
    statements.push_str("COMMIT TRANSACTION;");
    let query = db
        .query(statements)
        .bind(("answer", answer_id(&survey.id, &caller.id)))
        .bind(("survey", record("survey", &survey.id)))
        .bind(("cohort", record("cohort", &place.cohort)))
        .bind(("me", record("account", &caller.id)))
        .bind(("kind", place.kind.clone()))
        .bind(("answers", stored_answers(&answers)));
    let query = match &outcome {
        Some(values) => super::outcomes::bind_outcome(
            query,
            values,
            "survey",
            Some(record("survey", &survey.id)),
            &caller,
        )
        .bind(("mentee", record("account", &caller.id))),
        None => query,
    };
    query
        .await
        .and_then(super::board::first_cause)
        .map_err(|error| {
            if answered_already(&error) {
                AppError::invalid("survey", Problem::AlreadyAnswered)
            } else {
                db_error(error)
            }
        })?;
    tracing::info!(survey = %survey.id, "survey answered");
    Ok(())
}

/// A survey due for someone who has not answered it: what the reminder
/// scheduler sends. The email's link is [`SurveyDue::link`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveyDue {
    /// The survey's key.
    pub survey: String,
    pub title: String,
    pub moment: Moment,
    /// The key of the account to remind.
    pub account: String,
    /// The day the survey fell due for this person.
    pub due_on: Date,
}

impl SurveyDue {
    /// The path of the survey's page, to put after the public address in an email.
    pub fn link(&self) -> String {
        format!("{}/{}", crate::surveys::SURVEYS_PATH, self.survey)
    }
}

/// Every survey due for someone who has not answered it, for the reminder
/// scheduler: due `today` or up to [`schedule::REMIND_DAYS`] days earlier,
/// for members of the survey's audience still on the course. The
/// pairing-fit survey falls due on the day of the person's first logged
/// meeting in the cohort. Once someone answers, they are no longer listed.
/// Sorted by due date, survey and account. Checks no caller: for server-side
/// jobs only.
pub async fn due(db: &Db, today: Date) -> Result<Vec<SurveyDue>, AppError> {
    // The latest a survey falls due is six months after its cohort's end, so
    // older cohorts have nothing left to remind of.
    let oldest_end = today - time::Duration::days(schedule::REMIND_DAYS + 186);
    #[derive(SurrealValue)]
    struct CohortRow {
        id: String,
        start: String,
        end: String,
    }
    let rows: Vec<CohortRow> = db
        .query("SELECT record::id(id) AS id, start, end FROM cohort WHERE end >= $oldest")
        .bind(("oldest", oldest_end.to_string()))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    let mut courses = HashMap::new();
    for row in rows {
        if let Ok(dates) = course(&row.start, &row.end) {
            courses.insert(row.id, dates);
        }
    }
    let ids: Vec<RecordId> = courses.keys().map(|key| record("cohort", key)).collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let surveys = surveys_of(db, ids.clone()).await?;
    let members = members_of(db, ids.clone()).await?;
    let answers = answers_of(db, ids).await?;
    let mut out = Vec::new();
    for survey in surveys {
        let (Some(dates), Some(members)) =
            (courses.get(&survey.cohort), members.get(&survey.cohort))
        else {
            continue;
        };
        let answered: HashSet<String> = answers
            .get(&survey.id)
            .map(|given| given.keys().cloned().collect())
            .unwrap_or_default();
        for (account, due_on) in schedule::to_remind_of(
            survey.moment,
            survey.audience,
            dates.start,
            dates.end,
            members,
            &answered,
            today,
        ) {
            out.push(SurveyDue {
                survey: survey.id.clone(),
                title: survey.title.clone(),
                moment: survey.moment,
                account,
                due_on,
            });
        }
    }
    out.sort_by(|a, b| (a.due_on, &a.survey, &a.account).cmp(&(b.due_on, &b.survey, &b.account)));
    Ok(out)
}

/// A cohort's surveys as the dashboard's tally keeps them: [`summary`]'s
/// survey figures, with who they fall due for by day. Checks no caller.
pub async fn tallies(db: &Db, cohort: &str) -> Result<Vec<SurveyTally>, AppError> {
    let cohort = cohorts::find(db, cohort).await?;
    let dates = course(&cohort.start, &cohort.end)?;
    let ids = vec![record("cohort", &cohort.id)];
    let surveys = surveys_of(db, ids.clone()).await?;
    let members = members_of(db, ids.clone()).await?;
    let members = members
        .get(&cohort.id)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut answers = answers_of(db, ids).await?;
    Ok(surveys
        .into_iter()
        .map(|survey| {
            let given = answers.remove(&survey.id).unwrap_or_default();
            // An account's first due day, as a set of accounts counts them once.
            let mut due: HashMap<&str, Date> = HashMap::new();
            for member in members.iter().filter(|m| !given.contains_key(&m.account)) {
                let day = schedule::due_for(
                    survey.moment,
                    survey.audience,
                    dates.start,
                    dates.end,
                    member,
                );
                if let Some(day) = day {
                    let kept = due.entry(member.account.as_str()).or_insert(day);
                    *kept = (*kept).min(day);
                }
            }
            let answered = given.len() as u32;
            let rate = ResponseRate {
                answered,
                due: answered,
            };
            let given: Vec<Vec<Answer>> = given.into_values().collect();
            SurveyTally::new(
                summary::survey_figures(&survey, rate, &given),
                due.into_values(),
            )
        })
        .collect())
}

/// A cohort's figures for the dashboard: each survey's response rate (as of
/// `today`) and Likert means, and each mentee's latest outcome per moment.
/// Checks no caller: the dashboard's own function does.
pub async fn summary(db: &Db, cohort: &str, today: Date) -> Result<CohortSummary, AppError> {
    let cohort = cohorts::find(db, cohort).await?;
    let surveys = reports(db, &cohort, today)
        .await?
        .into_iter()
        .map(|(survey, rate, answers)| summary::survey_figures(&survey, rate, &answers))
        .collect();
    let records = super::outcomes::records_of_cohort(db, &cohort.id).await?;
    Ok(CohortSummary {
        surveys,
        outcomes: summary::latest_outcomes(&records),
    })
}
