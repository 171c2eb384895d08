//! A cohort's records as CSV files for coordinators and admins: its
//! participants, matches, meetings and outcomes. Each download is a staff
//! read of the personal data of everyone in it, so each person it names gets
//! an entry in their access log.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use leptos_i18n::td_string;
use surrealdb::types::{RecordId, SurrealValue};
use tower_sessions::Session;

use super::db::{is_key, key_string, record};
use super::mail::locale_of;
use super::{AppState, Db, guard};
use crate::accounts::Role;
use crate::accounts::store::{AccountRow, db_error};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::import::Export;
use crate::import::sheet::write_csv;

pub fn routes(state: AppState) -> Router {
    Router::new()
        .route("/coordinator/cohorts/{cohort}/export/{file}", get(download))
        .with_state(state)
}

async fn download(
    State(state): State<AppState>,
    session: Session,
    Path((cohort, file)): Path<(String, String)>,
) -> Response {
    match export(&state, &session, &cohort, &file).await {
        Ok((name, bytes)) => {
            let disposition = format!("attachment; filename=\"{name}\"");
            (
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("text/csv; charset=utf-8"),
                    ),
                    (
                        header::CONTENT_DISPOSITION,
                        HeaderValue::from_str(&disposition)
                            .unwrap_or(HeaderValue::from_static("attachment")),
                    ),
                    (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
                ],
                bytes,
            )
                .into_response()
        }
        Err(error) => (error.status_code(), axum::Json(error)).into_response(),
    }
}

/// The rows of one export and the accounts they name.
struct Sheet {
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
    subjects: Vec<RecordId>,
}

async fn export(
    state: &AppState,
    session: &Session,
    cohort: &str,
    file: &str,
) -> Result<(String, Vec<u8>), AppError> {
    let reader = guard::user_of(state, session).await?;
    if !reader
        .role()
        .is_some_and(|role| matches!(role, Role::Coordinator | Role::Admin))
    {
        return Err(AppError::Forbidden);
    }
    let what = file
        .strip_suffix(".csv")
        .and_then(Export::from_code)
        .ok_or(AppError::NotFound)?;
    if !is_key(cohort) {
        return Err(AppError::NotFound);
    }
    let db = &state.db;
    let name: Option<String> = db
        .query("SELECT VALUE name FROM ONLY $cohort")
        .bind(("cohort", record("cohort", cohort)))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    let name = name.ok_or(AppError::NotFound)?;
    let locale = locale_of(&reader.language);
    let sheet = sheet(db, locale, what, record("cohort", cohort)).await?;
    log_reads(db, &reader, &sheet.subjects, what).await?;
    let bytes = write_csv(&sheet.headers, &sheet.rows).map_err(|error| {
        tracing::error!(%error, "CSV export failed");
        AppError::Internal
    })?;
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    Ok((format!("{slug}-{}.csv", what.code()), bytes))
}

/// One access-log entry per person named in the file.
async fn log_reads(
    db: &Db,
    reader: &AccountRow,
    subjects: &[RecordId],
    what: Export,
) -> Result<(), AppError> {
    let mut keys: Vec<String> = subjects.iter().map(key_string).collect();
    keys.sort();
    keys.dedup();
    let reader_key = key_string(&reader.id);
    keys.retain(|key| *key != reader_key);
    db.query(
        "FOR $subject IN $subjects {
            CREATE access_log CONTENT {
                subject: $subject, actor: $actor, actor_name: $actor_name, actor_role: $actor_role,
                action: 'read', what: $what, why: 'export', at: time::now()
            };
        };",
    )
    .bind(("subjects", keys))
    .bind(("actor", reader_key))
    .bind(("actor_name", reader.name.clone()))
    .bind(("actor_role", reader.role.clone()))
    .bind(("what", format!("{} (CSV)", what.code())))
    .await
    .and_then(|response| response.check())
    .map_err(db_error)?;
    Ok(())
}

fn day(secs: Option<i64>) -> String {
    secs.and_then(|secs| time::OffsetDateTime::from_unix_timestamp(secs).ok())
        .map(|moment| moment.date().to_string())
        .unwrap_or_default()
}

async fn rows<T: SurrealValue>(db: &Db, query: &str, cohort: RecordId) -> Result<Vec<T>, AppError> {
    db.query(query)
        .bind(("cohort", cohort))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)
}

async fn sheet(db: &Db, locale: Locale, what: Export, cohort: RecordId) -> Result<Sheet, AppError> {
    match what {
        Export::Participants => participants(db, locale, cohort).await,
        Export::Matches => matches(db, locale, cohort).await,
        Export::Meetings => meetings(db, locale, cohort).await,
        Export::Outcomes => outcomes(db, locale, cohort).await,
    }
}

async fn participants(db: &Db, locale: Locale, cohort: RecordId) -> Result<Sheet, AppError> {
    #[derive(SurrealValue)]
    struct Row {
        account: RecordId,
        name: String,
        email: String,
        kind: String,
        capacity: i64,
        status: Option<String>,
        phone: Option<String>,
        country: Option<String>,
        partner: Option<String>,
        added_at: i64,
        left_at: Option<i64>,
        left_reason: Option<String>,
    }
    let found: Vec<Row> = rows(
        db,
        "SELECT account, account.name AS name, account.email AS email, kind, capacity,
            type::record('application', record::id(account)).status AS status,
            type::record('application', record::id(account)).answers.phone AS phone,
            type::record('application', record::id(account)).answers.country_of_origin AS country,
            type::record('application', record::id(account)).partner.name AS partner,
            time::unix(added_at) AS added_at,
            IF left_at THEN time::unix(left_at) ELSE NONE END AS left_at, left_reason
         FROM cohort_member WHERE cohort = $cohort ORDER BY kind, name",
        cohort,
    )
    .await?;
    Ok(Sheet {
        headers: vec![
            td_string!(locale, export.name),
            td_string!(locale, export.email),
            td_string!(locale, export.phone),
            td_string!(locale, export.kind),
            td_string!(locale, export.status),
            td_string!(locale, export.country),
            td_string!(locale, export.partner),
            td_string!(locale, export.capacity),
            td_string!(locale, export.added),
            td_string!(locale, export.left),
            td_string!(locale, export.left_reason),
        ],
        subjects: found.iter().map(|row| row.account.clone()).collect(),
        rows: found
            .into_iter()
            .map(|row| {
                vec![
                    row.name,
                    row.email,
                    row.phone.unwrap_or_default(),
                    row.kind.clone(),
                    row.status.unwrap_or_default(),
                    row.country.unwrap_or_default(),
                    row.partner.unwrap_or_default(),
                    if row.kind == "mentor" {
                        row.capacity.to_string()
                    } else {
                        String::new()
                    },
                    day(Some(row.added_at)),
                    day(row.left_at),
                    row.left_reason.unwrap_or_default(),
                ]
            })
            .collect(),
    })
}

async fn matches(db: &Db, locale: Locale, cohort: RecordId) -> Result<Sheet, AppError> {
    #[derive(SurrealValue)]
    struct Row {
        mentee: RecordId,
        mentor: RecordId,
        mentee_name: String,
        mentee_email: String,
        mentor_name: String,
        mentor_email: String,
        published: bool,
        published_at: Option<i64>,
        ended_at: Option<i64>,
        reason: Option<String>,
    }
    let found: Vec<Row> = rows(
        db,
        "SELECT mentee, mentor, mentee.name AS mentee_name, mentee.email AS mentee_email,
            mentor.name AS mentor_name, mentor.email AS mentor_email, published,
            IF published_at THEN time::unix(published_at) ELSE NONE END AS published_at,
            NONE AS ended_at, NONE AS reason
         FROM pairing WHERE cohort = $cohort ORDER BY mentee_name;
        ",
        cohort.clone(),
    )
    .await?;
    let ended: Vec<Row> = rows(
        db,
        "SELECT mentee, mentor, mentee.name AS mentee_name, mentee.email AS mentee_email,
            mentor.name AS mentor_name, mentor.email AS mentor_email, true AS published,
            IF published_at THEN time::unix(published_at) ELSE NONE END AS published_at,
            time::unix(ended_at) AS ended_at, reason
         FROM match_end WHERE cohort = $cohort ORDER BY ended_at",
        cohort,
    )
    .await?;
    let all: Vec<Row> = found.into_iter().chain(ended).collect();
    Ok(Sheet {
        headers: vec![
            td_string!(locale, export.mentee),
            td_string!(locale, export.mentee_email),
            td_string!(locale, export.mentor),
            td_string!(locale, export.mentor_email),
            td_string!(locale, export.published),
            td_string!(locale, export.published_at),
            td_string!(locale, export.ended_at),
            td_string!(locale, export.end_reason),
        ],
        subjects: all
            .iter()
            .flat_map(|row| [row.mentee.clone(), row.mentor.clone()])
            .collect(),
        rows: all
            .into_iter()
            .map(|row| {
                vec![
                    row.mentee_name,
                    row.mentee_email,
                    row.mentor_name,
                    row.mentor_email,
                    crate::text::yes_no(locale, row.published).to_owned(),
                    day(row.published_at),
                    day(row.ended_at),
                    row.reason.unwrap_or_default(),
                ]
            })
            .collect(),
    })
}

async fn meetings(db: &Db, locale: Locale, cohort: RecordId) -> Result<Sheet, AppError> {
    #[derive(SurrealValue)]
    struct Row {
        mentee: RecordId,
        mentor: RecordId,
        mentee_name: String,
        mentor_name: String,
        date: String,
        time: Option<String>,
        minutes: i64,
        mode: String,
        topics: Vec<String>,
        confirmed: bool,
    }
    let found: Vec<Row> = rows(
        db,
        "SELECT mentee, mentor, mentee.name AS mentee_name, mentor.name AS mentor_name, date,
            time, minutes, mode, topics, confirmed_at != NONE AS confirmed
         FROM meeting WHERE cohort = $cohort ORDER BY date, mentee_name",
        cohort,
    )
    .await?;
    Ok(Sheet {
        headers: vec![
            td_string!(locale, export.date),
            td_string!(locale, export.time),
            td_string!(locale, export.mentee),
            td_string!(locale, export.mentor),
            td_string!(locale, export.minutes),
            td_string!(locale, export.mode),
            td_string!(locale, export.topics),
            td_string!(locale, export.confirmed),
        ],
        subjects: found
            .iter()
            .flat_map(|row| [row.mentee.clone(), row.mentor.clone()])
            .collect(),
        rows: found
            .into_iter()
            .map(|row| {
                vec![
                    row.date,
                    row.time.unwrap_or_default(),
                    row.mentee_name,
                    row.mentor_name,
                    row.minutes.to_string(),
                    row.mode,
                    row.topics.join(", "),
                    crate::text::yes_no(locale, row.confirmed).to_owned(),
                ]
            })
            .collect(),
    })
}

async fn outcomes(db: &Db, locale: Locale, cohort: RecordId) -> Result<Sheet, AppError> {
    #[derive(SurrealValue)]
    struct Row {
        mentee: RecordId,
        mentee_name: String,
        moment: String,
        status: String,
        hours: Option<i64>,
        matches_education: Option<bool>,
        industry: String,
        found_on: Option<String>,
        in_aarhus: bool,
        source: String,
        recorded_at: i64,
    }
    let found: Vec<Row> = rows(
        db,
        "SELECT mentee, mentee.name AS mentee_name, moment, status, hours, matches_education,
            industry, found_on, in_aarhus, source, time::unix(recorded_at) AS recorded_at
         FROM outcome WHERE cohort = $cohort ORDER BY mentee_name, recorded_at",
        cohort,
    )
    .await?;
    let yes_no = |value: Option<bool>| {
        value.map_or(String::new(), |value| {
            crate::text::yes_no(locale, value).to_owned()
        })
    };
    Ok(Sheet {
        headers: vec![
            td_string!(locale, export.mentee),
            td_string!(locale, export.moment),
            td_string!(locale, export.status),
            td_string!(locale, export.hours),
            td_string!(locale, export.matches_education),
            td_string!(locale, export.industry),
            td_string!(locale, export.found_on),
            td_string!(locale, export.in_aarhus),
            td_string!(locale, export.source),
            td_string!(locale, export.recorded_at),
        ],
        subjects: found.iter().map(|row| row.mentee.clone()).collect(),
        rows: found
            .iter()
            .map(|row| {
                vec![
                    row.mentee_name.clone(),
                    row.moment.clone(),
                    row.status.clone(),
                    row.hours.map_or(String::new(), |hours| hours.to_string()),
                    yes_no(row.matches_education),
                    row.industry.clone(),
                    row.found_on.clone().unwrap_or_default(),
                    yes_no(Some(row.in_aarhus)),
                    row.source.clone(),
                    day(Some(row.recorded_at)),
                ]
            })
            .collect(),
    })
}
