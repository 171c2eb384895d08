//! Calendar files (iCalendar, RFC 5545): one per workshop for those who may
//! see it, and a personal feed of a person's workshops and meetings that
//! calendar apps subscribe to without a cookie. The feed's address carries a
//! random token, the feed's only secret; making a new one ends the old.
//!
//! Times are kept as typed, local time in Aarhus, and written as UTC
//! instants, converted with the time zone rules of Europe/Copenhagen (summer
//! time included), so every calendar app shows them right wherever it is.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, NaiveDate, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
use leptos_i18n::td_string;
use surrealdb::types::{RecordId, SurrealValue};
use tower_sessions::Session;

use super::db::{key_string, random_key, record};
use super::mail::locale_of;
use super::workshops::{COLUMNS, Row, find_row, takes_part};
use super::{AppState, Db, app_state, guard, require_role};
use crate::accounts::Role;
use crate::accounts::store::db_error;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::workshops::{CALENDAR_PATH, CalendarFeed};

/// The time zone the programme runs in.
pub const TIME_ZONE: &str = "Europe/Copenhagen";
/// An instant as the clocks in Aarhus show it: the date and `HH:MM`.
pub fn wall_clock(instant: time::OffsetDateTime) -> Option<(time::Date, String)> {
    let zone = jiff::tz::TimeZone::get(TIME_ZONE).ok()?;
    let zoned = zone.to_datetime(jiff::Timestamp::from_second(instant.unix_timestamp()).ok()?);
    let month = time::Month::try_from(u8::try_from(zoned.month()).ok()?).ok()?;
    let date = time::Date::from_calendar_date(
        i32::from(zoned.year()),
        month,
        u8::try_from(zoned.day()).ok()?,
    )
    .ok()?;
    Some((date, format!("{:02}:{:02}", zoned.hour(), zoned.minute())))
}

/// The most meetings a feed lists, newest first.
const MAX_MEETINGS: usize = 500;

/// The instant a local date and time of day in Aarhus names. A time that
/// does not exist (skipped when summer time begins) moves forward.
pub fn local_instant(date: time::Date, at: time::Time) -> Option<time::OffsetDateTime> {
    let civil = jiff::civil::DateTime::new(
        i16::try_from(date.year()).ok()?,
        u8::from(date.month()) as i8,
        date.day() as i8,
        at.hour() as i8,
        at.minute() as i8,
        0,
        0,
    )
    .ok()?;
    let zone = jiff::tz::TimeZone::get(TIME_ZONE).ok()?;
    let instant = zone.to_timestamp(civil).ok()?;
    time::OffsetDateTime::from_unix_timestamp(instant.as_second()).ok()
}

pub fn routes(state: AppState) -> Router {
    Router::new()
        .route(
            &format!("{CALENDAR_PATH}/workshop/{{file}}"),
            get(workshop_file),
        )
        .route(&format!("{CALENDAR_PATH}/feed/{{file}}"), get(feed_file))
        .with_state(state)
}

fn refuse(error: AppError) -> Response {
    (error.status_code(), axum::Json(error)).into_response()
}

/// A calendar as a response: downloaded as a file, or read by a calendar app.
fn ics(calendar: &Calendar, file_name: Option<&str>) -> Response {
    let mut response = calendar.to_string().into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(name) = file_name
        && let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
    {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// The key in `KEY.ics`, if it has that shape.
fn key_of(file: &str) -> Option<&str> {
    file.strip_suffix(".ics")
        .filter(|key| super::db::is_key(key))
}

async fn workshop_file(
    State(state): State<AppState>,
    Path(file): Path<String>,
    session: Session,
) -> Response {
    match workshop_calendar(&state, &file, &session).await {
        Ok(calendar) => ics(&calendar, Some("workshop.ics")),
        Err(error) => refuse(error),
    }
}

async fn workshop_calendar(
    state: &AppState,
    file: &str,
    session: &Session,
) -> Result<Calendar, AppError> {
    let caller = guard::user_of(state, session).await?.into_account();
    let key = key_of(file).ok_or(AppError::NotFound)?;
    let row = find_row(&state.db, key, None).await?;
    match caller.role {
        Role::Coordinator | Role::Admin => {}
        Role::Mentee | Role::Mentor => {
            // Workshops of other cohorts do not exist for this person.
            if !takes_part(&state.db, &key_string(row.cohort_id()), &caller.id).await? {
                return Err(AppError::NotFound);
            }
        }
        Role::Partner => return Err(AppError::Forbidden),
    }
    let locale = locale_of(&caller.language);
    let mut calendar = Calendar::new();
    calendar.name(&row.workshop().title);
    calendar.push(workshop_event(&row, locale));
    Ok(calendar.done())
}

fn utc(secs: i64) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp(secs, 0).unwrap_or_default()
}

/// A workshop as a calendar event, at its instants in UTC.
fn workshop_event(row: &Row, locale: Locale) -> Event {
    let workshop = row.workshop();
    let mut event = Event::new();
    event
        .uid(&format!("workshop-{}@mentorbro", workshop.id))
        .summary(&workshop.title)
        .starts(utc(row.starts))
        .ends(utc(row.ends));
    let mut description = workshop.description.clone();
    if !workshop.link.is_empty() {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(&workshop.link);
        event.url(&workshop.link);
    }
    if !description.is_empty() {
        event.description(&description);
    }
    let location = if workshop.place.is_empty() {
        td_string!(locale, workshops.online).to_owned()
    } else {
        workshop.place.clone()
    };
    event.location(&location);
    event.status(if workshop.cancelled {
        EventStatus::Cancelled
    } else {
        EventStatus::Confirmed
    });
    event.done()
}

async fn feed_file(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    match feed(&state.db, &file).await {
        Ok(calendar) => ics(&calendar, None),
        Err(error) => refuse(error),
    }
}

#[derive(SurrealValue)]
struct FeedOwner {
    account: RecordId,
    language: String,
    active: bool,
}

#[derive(SurrealValue)]
struct MeetingRow {
    id: RecordId,
    date: String,
    time: Option<String>,
    minutes: i64,
    other: Option<String>,
}

/// The feed behind a token: the workshops its owner said yes to and their meetings.
async fn feed(db: &Db, file: &str) -> Result<Calendar, AppError> {
    let token = file
        .strip_suffix(".ics")
        .filter(|token| token.len() == 32 && token.chars().all(|c| c.is_ascii_hexdigit()))
        .ok_or(AppError::NotFound)?;
    let owner: Option<FeedOwner> = db
        .query(
            "SELECT account, account.language AS language, account.active AS active
             FROM calendar_feed WHERE token = $secret LIMIT 1",
        )
        .bind(("secret", token.to_owned()))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    let owner = owner
        .filter(|owner| owner.active)
        .ok_or(AppError::NotFound)?;
    let locale = locale_of(&owner.language);
    let mut response = db
        .query(format!(
            "SELECT {COLUMNS} FROM workshop
                WHERE id IN (SELECT VALUE workshop FROM workshop_rsvp WHERE account = $account AND coming = true)
                ORDER BY starts;
             SELECT id, date, time, minutes,
                IF mentee = $account THEN mentor.name ELSE mentee.name END AS other
                FROM meeting WHERE mentee = $account OR mentor = $account
                ORDER BY date DESC LIMIT {MAX_MEETINGS};"
        ))
        .bind(("account", owner.account.clone()))
        .await
        .map_err(db_error)?;
    let workshops: Vec<Row> = response.take(0).map_err(db_error)?;
    let meetings: Vec<MeetingRow> = response.take(1).map_err(db_error)?;
    let mut calendar = Calendar::new();
    calendar.name(td_string!(locale, workshops.feed_name));
    for row in &workshops {
        calendar.push(workshop_event(row, locale));
    }
    for meeting in meetings {
        if let Some(event) = meeting_event(&meeting, locale) {
            calendar.push(event);
        }
    }
    Ok(calendar.done())
}

/// A meeting as a calendar event: at its time for its minutes, or all day
/// when no time was given.
fn meeting_event(meeting: &MeetingRow, locale: Locale) -> Option<Event> {
    let date = crate::portal::profile::parse_date(&meeting.date)?;
    let summary = crate::text::fill(
        td_string!(locale, workshops.meeting_with),
        &[("name", meeting.other.clone().unwrap_or_default())],
    );
    let mut event = Event::new();
    event
        .uid(&format!("meeting-{}@mentorbro", key_string(&meeting.id)))
        .summary(&summary);
    match meeting
        .time
        .as_deref()
        .and_then(crate::workshops::parse_time)
    {
        Some(at) => {
            let starts = local_instant(date, at)?;
            let ends = starts + time::Duration::minutes(meeting.minutes.max(5));
            event
                .starts(utc(starts.unix_timestamp()))
                .ends(utc(ends.unix_timestamp()));
        }
        None => {
            let day = NaiveDate::from_ymd_opt(
                date.year(),
                u32::from(u8::from(date.month())),
                u32::from(date.day()),
            )?;
            event.starts(day).ends(day.succ_opt()?);
        }
    }
    Some(event.done())
}

/// The caller's feed address; a new token when `renew` or when there is none yet.
pub async fn my_feed(renew: bool) -> Result<CalendarFeed, AppError> {
    let caller = require_role(&[Role::Mentee, Role::Mentor]).await?;
    let state = app_state()?;
    let id = RecordId::new("calendar_feed", caller.id.clone());
    let existing: Option<String> = state
        .db
        .query("SELECT VALUE token FROM ONLY $id")
        .bind(("id", id.clone()))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    let token = match existing {
        Some(token) if !renew => token,
        _ => {
            let token = random_key();
            state
                .db
                .query(
                    "UPSERT $id SET account = $account, token = $secret, created_at = time::now()",
                )
                .bind(("id", id))
                .bind(("account", record("account", &caller.id)))
                .bind(("secret", token.clone()))
                .await
                .and_then(|response| response.check())
                .map_err(db_error)?;
            token
        }
    };
    Ok(CalendarFeed {
        url: format!("{}{CALENDAR_PATH}/feed/{token}.ics", state.public_url),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, time};

    #[test]
    fn local_times_in_aarhus_become_the_right_instants_in_summer_and_winter() {
        let summer = local_instant(date!(2027 - 06 - 10), time!(17:00)).expect("summer");
        assert_eq!(summer.hour(), 15);
        let winter = local_instant(date!(2027 - 01 - 14), time!(17:00)).expect("winter");
        assert_eq!(winter.hour(), 16);
        // 02:30 does not exist on the last Sunday of March: it moves on an hour.
        let gap = local_instant(date!(2027 - 03 - 28), time!(02:30)).expect("gap");
        assert_eq!((gap.hour(), gap.minute()), (1, 30));
    }
}
