//! Reminders and nudges by email, in the reader's language. A scheduler in
//! the server looks, every few minutes, for what is due: pairs with no
//! meeting for their cohort's quiet weeks, workshops that begin within a
//! day (for those who said they come), and surveys that fell due (the +3
//! and +6 months follow-ups among them).
//!
//! Each reminder has a key that names what it is about and for whom. The
//! reminder record and its email are written in one transaction, and a key
//! that exists is never written again: after a restart, or with several
//! servers over one database, each reminder goes out once. Delivery itself
//! claims each email before sending it (see [`super::mail`]).

use std::collections::HashMap;
use std::time::Duration;

use surrealdb::types::{RecordId, SurrealValue};
use time::Date;

use super::Db;
use super::db::key_string;
use super::mail::locale_of;
use crate::accounts::store::db_error;
use crate::course::is_quiet;
use crate::error::AppError;
use crate::portal::profile::parse_date;

/// One email to send once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reminder {
    /// What the reminder is about, unique per reader: `quiet_…`, …
    pub key: String,
    pub kind: &'static str,
    pub account: String,
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Someone who receives reminders.
#[derive(Clone, Debug, SurrealValue)]
struct Reader {
    id: RecordId,
    name: String,
    email: String,
    language: String,
    active: bool,
}

async fn readers(db: &Db, ids: Vec<RecordId>) -> Result<HashMap<String, Reader>, AppError> {
    let rows: Vec<Reader> = db
        .query("SELECT id, name, email, language, active FROM $ids")
        .bind(("ids", ids))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    Ok(rows
        .into_iter()
        .filter(|reader| reader.active)
        .map(|reader| (key_string(&reader.id), reader))
        .collect())
}

/// Pairs of running cohorts that have not met for their cohort's quiet
/// weeks: both sides are nudged once per quiet stretch.
pub async fn quiet_pairs(
    db: &Db,
    today: Date,
    public_url: &str,
) -> Result<Vec<Reminder>, AppError> {
    use leptos_i18n::td_string;
    #[derive(SurrealValue)]
    struct PairRow {
        cohort: RecordId,
        cohort_name: String,
        start: String,
        end: String,
        quiet_weeks: i64,
        mentee: RecordId,
        mentor: RecordId,
        matched_on: String,
    }
    #[derive(SurrealValue)]
    struct MeetingRow {
        cohort: RecordId,
        mentee: RecordId,
        date: String,
    }
    let mut response = db
        .query(
            "SELECT cohort, cohort.name AS cohort_name, cohort.start AS start, cohort.end AS end,
                cohort.quiet_weeks AS quiet_weeks, mentee, mentor,
                time::format(published_at, '%Y-%m-%d') AS matched_on
                FROM pairing WHERE published = true;
             SELECT cohort, mentee, date FROM meeting WHERE date <= $today;",
        )
        .bind(("today", today.to_string()))
        .await
        .map_err(db_error)?;
    let pairs: Vec<PairRow> = response.take(0).map_err(db_error)?;
    let meetings: Vec<MeetingRow> = response.take(1).map_err(db_error)?;
    let mut last: HashMap<(String, String), String> = HashMap::new();
    for meeting in meetings {
        let latest = last
            .entry((key_string(&meeting.cohort), key_string(&meeting.mentee)))
            .or_default();
        if *latest < meeting.date {
            *latest = meeting.date;
        }
    }
    let quiet: Vec<(PairRow, String)> = pairs
        .into_iter()
        .filter(|pair| {
            // Only cohorts running today.
            parse_date(&pair.start).is_some_and(|start| start <= today)
                && parse_date(&pair.end).is_some_and(|end| today <= end)
        })
        .filter_map(|pair| {
            let last = last
                .get(&(key_string(&pair.cohort), key_string(&pair.mentee)))
                .cloned();
            let weeks = u32::try_from(pair.quiet_weeks).unwrap_or(3);
            let matched = parse_date(&pair.matched_on);
            is_quiet(matched, last.as_deref().and_then(parse_date), weeks, today).then(|| {
                let since = last.unwrap_or_else(|| pair.matched_on.clone());
                (pair, since)
            })
        })
        .collect();
    let people = readers(
        db,
        quiet
            .iter()
            .flat_map(|(pair, _)| [pair.mentee.clone(), pair.mentor.clone()])
            .collect(),
    )
    .await?;
    let mut reminders = Vec::new();
    for (pair, since) in quiet {
        let (mentee, mentor) = (key_string(&pair.mentee), key_string(&pair.mentor));
        for (reader, other) in [(&mentee, &mentor), (&mentor, &mentee)] {
            let (Some(reader), Some(other)) = (people.get(reader), people.get(other)) else {
                continue;
            };
            let locale = locale_of(&reader.language);
            let body = crate::text::fill(
                td_string!(locale, mail.quiet_body),
                &[
                    ("name", reader.name.clone()),
                    ("other", other.name.clone()),
                    ("cohort", pair.cohort_name.clone()),
                    ("weeks", pair.quiet_weeks.to_string()),
                    ("link", format!("{public_url}/course")),
                ],
            );
            reminders.push(Reminder {
                key: format!(
                    "quiet_{}_{}_{}_{}",
                    key_string(&pair.cohort),
                    mentee,
                    since.replace('-', ""),
                    key_string(&reader.id)
                ),
                kind: "quiet",
                account: key_string(&reader.id),
                to: reader.email.clone(),
                subject: td_string!(locale, mail.quiet_subject).to_owned(),
                body,
            });
        }
    }
    Ok(reminders)
}

/// Surveys due for someone who has not answered yet: one email per survey and person.
pub async fn surveys_due(
    db: &Db,
    today: Date,
    public_url: &str,
) -> Result<Vec<Reminder>, AppError> {
    use leptos_i18n::td_string;
    let due = super::surveys::due(db, today).await?;
    let people = readers(
        db,
        due.iter()
            .map(|item| RecordId::new("account", item.account.clone()))
            .collect(),
    )
    .await?;
    Ok(due
        .iter()
        .filter_map(|item| {
            let reader = people.get(&item.account)?;
            let locale = locale_of(&reader.language);
            let body = crate::text::fill(
                td_string!(locale, mail.survey_due_body),
                &[
                    ("name", reader.name.clone()),
                    ("title", item.title.clone()),
                    ("link", format!("{public_url}{}", item.link())),
                ],
            );
            Some(Reminder {
                key: format!("survey_{}_{}", item.survey, item.account),
                kind: "survey",
                account: item.account.clone(),
                to: reader.email.clone(),
                subject: crate::text::fill(
                    td_string!(locale, mail.survey_due_subject),
                    &[("title", item.title.clone())],
                ),
                body,
            })
        })
        .collect())
}

/// Workshops beginning within the next day: one email to each person who said they come.
pub async fn workshops_soon(
    db: &Db,
    now: time::OffsetDateTime,
    public_url: &str,
) -> Result<Vec<Reminder>, AppError> {
    use leptos_i18n::td_string;
    let soon = super::workshops::starting_between(db, now, now + time::Duration::days(1)).await?;
    let people = readers(
        db,
        soon.iter()
            .flat_map(|workshop| &workshop.attendees)
            .map(|account| RecordId::new("account", account.clone()))
            .collect(),
    )
    .await?;
    let mut reminders = Vec::new();
    for workshop in &soon {
        let Some((date, clock)) = super::calendar::wall_clock(workshop.start) else {
            continue;
        };
        let place = [workshop.place.trim(), workshop.link.trim()]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        for account in &workshop.attendees {
            let Some(reader) = people.get(account) else {
                continue;
            };
            let locale = locale_of(&reader.language);
            let body = crate::text::fill(
                td_string!(locale, mail.workshop_soon_body),
                &[
                    ("name", reader.name.clone()),
                    ("title", workshop.title.clone()),
                    ("date", crate::text::format_date(locale, date)),
                    ("time", clock.clone()),
                    ("place", place.clone()),
                    ("link", format!("{public_url}/workshops")),
                ],
            );
            reminders.push(Reminder {
                key: format!("workshop_{}_{account}", workshop.id),
                kind: "workshop",
                account: account.clone(),
                to: reader.email.clone(),
                subject: crate::text::fill(
                    td_string!(locale, mail.workshop_soon_subject),
                    &[("title", workshop.title.clone())],
                ),
                body,
            });
        }
    }
    Ok(reminders)
}

/// Writes a reminder with its email, unless it was written before. Returns
/// whether this call wrote it.
pub async fn send_once(db: &Db, reminder: &Reminder) -> Result<bool, AppError> {
    let result = db
        .query(
            "BEGIN TRANSACTION;
             CREATE $id CONTENT { kind: $kind, account: $account, about: $about, sent_at: time::now() };
             CREATE outbox CONTENT {
                to: $to, subject: $subject, body: $body, created_at: time::now(), attempts: 0
             };
             COMMIT TRANSACTION;",
        )
        .bind(("id", RecordId::new("reminder", reminder.key.clone())))
        .bind(("kind", reminder.kind))
        .bind((
            "account",
            RecordId::new("account", reminder.account.clone()),
        ))
        .bind(("about", reminder.key.clone()))
        .bind(("to", reminder.to.clone()))
        .bind(("subject", reminder.subject.clone()))
        .bind(("body", reminder.body.clone()))
        .await
        .and_then(super::board::first_cause);
    match result {
        Ok(()) => Ok(true),
        Err(error) => {
            let text = error.to_string().to_lowercase();
            // Written before, or by another server at this instant: not ours to send.
            if text.contains("already exists")
                || text.contains("conflict")
                || text.contains("retried")
            {
                Ok(false)
            } else {
                Err(db_error(error))
            }
        }
    }
}

/// Everything due now, sent once each; returns how many this run wrote.
pub async fn run(db: &Db, now: time::OffsetDateTime, public_url: &str) -> Result<usize, AppError> {
    let today = now.date();
    let mut due = quiet_pairs(db, today, public_url).await?;
    due.extend(workshops_soon(db, now, public_url).await?);
    due.extend(surveys_due(db, today, public_url).await?);
    let mut written = 0;
    for reminder in &due {
        if send_once(db, reminder).await? {
            written += 1;
        }
    }
    if written > 0 {
        tracing::info!(written, "reminders written");
    }
    Ok(written)
}

/// Looks for due reminders every `every`, for as long as the server runs.
pub async fn job(db: Db, public_url: String, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    loop {
        ticks.tick().await;
        if let Err(error) = run(&db, time::OffsetDateTime::now_utc(), &public_url).await {
            tracing::error!(%error, "reminders failed");
        }
    }
}
