//! The portal's flows behind its server functions.

use super::{access_log, app_state, db::is_key, require_role};
use crate::accounts::{Account, Role, store as accounts};
use crate::error::{AppError, Problem};
use crate::portal::profile::MENTEE_STEPS;
use crate::portal::{
    Answers, Application, ApplicationPage, ApplicationQuery, MenteeProfile, MentorProfile, Status,
    store,
};
use crate::privacy;

use crate::portal::profile::today;

pub async fn my_application() -> Result<Option<Application>, AppError> {
    let account = require_role(&[Role::Mentee, Role::Mentor]).await?;
    store::find(&app_state()?.db, &account.id).await
}

async fn editable(account: &Account) -> Result<Option<Application>, AppError> {
    let existing = store::find(&app_state()?.db, &account.id).await?;
    match &existing {
        Some(application) if !application.status.is_editable() => {
            Err(AppError::invalid("", Problem::NotEditable))
        }
        _ => Ok(existing),
    }
}

pub async fn save_mentee_draft(answers: MenteeProfile, step: u8) -> Result<Application, AppError> {
    let account = require_role(&[Role::Mentee]).await?;
    if !(1..=MENTEE_STEPS).contains(&step) {
        return Err(AppError::invalid("step", Problem::Malformed));
    }
    let existing = editable(&account).await?;
    let status = existing.as_ref().map_or(Status::Draft, |a| a.status);
    let next_step = if status == Status::Draft {
        AppError::check(answers.problems_in_step(step, today()))?;
        (step + 1).min(MENTEE_STEPS)
    } else {
        // A submitted application stays complete.
        AppError::check(answers.problems(today()))?;
        existing.as_ref().map_or(step, |a| a.step)
    };
    let db = app_state()?.db;
    store::save(
        &db,
        &account.id,
        &Answers::Mentee(answers),
        next_step,
        status,
    )
    .await?;
    found(store::find(&db, &account.id).await?)
}

pub async fn submit_mentee(
    answers: MenteeProfile,
    consent_version: u32,
) -> Result<Application, AppError> {
    let account = require_role(&[Role::Mentee]).await?;
    let existing = editable(&account).await?;
    AppError::check(answers.problems(today()))?;
    submit(
        &account,
        existing,
        Answers::Mentee(answers),
        consent_version,
    )
    .await
}

pub async fn save_mentor(
    answers: MentorProfile,
    consent_version: u32,
) -> Result<Application, AppError> {
    let account = require_role(&[Role::Mentor]).await?;
    let existing = editable(&account).await?;
    AppError::check(answers.problems(today()))?;
    submit(
        &account,
        existing,
        Answers::Mentor(answers),
        consent_version,
    )
    .await
}

/// Saves complete answers; a draft becomes submitted, with consent recorded.
async fn submit(
    account: &Account,
    existing: Option<Application>,
    answers: Answers,
    consent_version: u32,
) -> Result<Application, AppError> {
    let db = app_state()?.db;
    let status = existing.as_ref().map_or(Status::Draft, |a| a.status);
    let status = if status == Status::Draft {
        if consent_version != privacy::CURRENT_CONSENT {
            return Err(AppError::invalid("consent", Problem::Consent));
        }
        super::privacy::record_consent(&db, &account.id, consent_version).await?;
        Status::Submitted
    } else {
        status
    };
    store::save(&db, &account.id, &answers, MENTEE_STEPS, status).await?;
    tracing::info!(account = %account.id, status = status.code(), "application saved");
    found(store::find(&db, &account.id).await?)
}

pub async fn withdraw() -> Result<Application, AppError> {
    let account = require_role(&[Role::Mentee, Role::Mentor]).await?;
    let db = app_state()?.db;
    let application = found(store::find(&db, &account.id).await?)?;
    if !application.status.can_withdraw() {
        return Err(AppError::Conflict);
    }
    store::set_status(&db, &account.id, Status::Withdrawn, None).await?;
    tracing::info!(account = %account.id, "application withdrawn");
    found(store::find(&db, &account.id).await?)
}

pub async fn list(query: ApplicationQuery) -> Result<ApplicationPage, AppError> {
    require_role(&[Role::Coordinator, Role::Admin]).await?;
    let filter = list_filter(&query)?;
    store::list(&app_state()?.db, &filter).await
}

/// Rows the list shows when the query does not say.
const LIST_PAGE: usize = 50;

/// Checks a query for the list; an error names the first field it cannot read.
pub fn list_filter(query: &ApplicationQuery) -> Result<store::ListFilter, AppError> {
    fn set(value: &Option<String>) -> Option<&str> {
        value
            .as_deref()
            .map(str::trim)
            .filter(|value| !value.is_empty())
    }
    fn text(field: &str, value: &Option<String>, max: usize) -> Result<Option<String>, AppError> {
        match set(value) {
            None => Ok(None),
            Some(value) => match crate::portal::profile::text_problem(value, true, max) {
                Some(problem) => Err(AppError::invalid(field, problem)),
                None => Ok(Some(value.to_lowercase())),
            },
        }
    }
    fn day(field: &str, value: &Option<String>) -> Result<Option<i64>, AppError> {
        set(value)
            .map(|value| {
                crate::portal::profile::parse_date(value)
                    .map(|date| date.midnight().assume_utc().unix_timestamp())
                    .ok_or_else(|| AppError::invalid(field, Problem::Date))
            })
            .transpose()
    }
    let kind = match set(&query.kind) {
        None => None,
        Some("mentee") => Some("mentee"),
        Some("mentor") => Some("mentor"),
        Some(_) => return Err(AppError::invalid("kind", Problem::UnknownChoice)),
    };
    let status = set(&query.status)
        .map(|code| {
            Status::from_code(code)
                .ok_or_else(|| AppError::invalid("status", Problem::UnknownChoice))
        })
        .transpose()?;
    let partner = match set(&query.partner) {
        Some(key) if !is_key(key) => {
            return Err(AppError::invalid("partner", Problem::UnknownChoice));
        }
        key => key.map(str::to_owned),
    };
    let from = day("from", &query.from)?;
    let until = day("to", &query.to)?.map(|to| to + 86_400);
    if let (Some(from), Some(until)) = (from, until)
        && until <= from
    {
        return Err(AppError::invalid("to", Problem::DateOrder));
    }
    let limit = match set(&query.limit) {
        None => LIST_PAGE,
        Some(limit) => match limit.parse::<usize>() {
            Ok(limit @ 1..=store::LIST_MAX) => limit,
            _ => {
                return Err(AppError::invalid(
                    "limit",
                    Problem::Number {
                        min: 1,
                        max: store::LIST_MAX as i64,
                    },
                ));
            }
        },
    };
    Ok(store::ListFilter {
        kind,
        status,
        partner,
        language: text("language", &query.language, 60)?,
        industry: text("industry", &query.industry, 100)?,
        search: text("search", &query.search, 100)?,
        from,
        until,
        limit,
    })
}

pub(crate) fn reason_text(reason: &str) -> Result<String, AppError> {
    match crate::portal::profile::text_problem(reason, true, 500) {
        Some(problem) => Err(AppError::invalid("reason", problem)),
        None => Ok(reason.trim().to_owned()),
    }
}

pub async fn view(account: String, reason: String) -> Result<(Account, Application), AppError> {
    let reader = require_role(&[Role::Coordinator, Role::Admin]).await?;
    let reason = reason_text(&reason)?;
    if !is_key(&account) {
        return Err(AppError::NotFound);
    }
    let db = app_state()?.db;
    let person = accounts::find_by_id(&db, &account)
        .await?
        .ok_or(AppError::NotFound)?
        .into_account();
    let application = found(store::find(&db, &account).await?)?;
    access_log::record(&db, &reader, &account, "read", "application", &reason).await?;
    Ok((person, application))
}

/// Queues an email to the applicant, in their language, about a decision.
pub(crate) async fn tell_applicant(
    db: &super::Db,
    account: &str,
    status: Status,
    reason: Option<&str>,
) -> Result<(), AppError> {
    use leptos_i18n::td_string;
    let Some(person) = accounts::find_by_id(db, account).await? else {
        return Ok(());
    };
    let locale = match person.language.as_str() {
        "da" => crate::i18n::Locale::da,
        _ => crate::i18n::Locale::en,
    };
    let body = crate::text::fill(
        td_string!(locale, mail.decision_body),
        &[
            ("name", person.name.clone()),
            (
                "status",
                crate::text::status_label(locale, status).to_owned(),
            ),
            (
                "explanation",
                crate::text::status_explained(locale, status).to_owned(),
            ),
            ("reason", reason.unwrap_or_default().to_owned()),
            ("link", format!("{}/profile", app_state()?.public_url)),
        ],
    );
    super::mail::queue(
        db,
        &person.email,
        td_string!(locale, mail.decision_subject),
        &body,
    )
    .await
}

fn found<T>(value: Option<T>) -> Result<T, AppError> {
    value.ok_or(AppError::NotFound)
}
