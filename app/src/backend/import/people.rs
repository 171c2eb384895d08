//! Creating one batch of imported people in one transaction: each gets an
//! account without a password, their application or profile as submitted
//! (as the portal leaves a submitted one), a welcome link, and an invitation
//! email in their language, and the creation is in their access log.

use leptos_i18n::td_string;
use surrealdb::types::{RecordId, SurrealValue};

use super::existing;
use crate::accounts::store::db_error;
use crate::accounts::{Account, Role};
use crate::backend::AppState;
use crate::backend::db::{is_key, random_key, record};
use crate::backend::mail::locale_of;
use crate::error::AppError;
use crate::import::rows::Person;
use crate::import::{ImportKind, WELCOME_DAYS};
use crate::portal::Answers;
use crate::text::fill;

#[derive(SurrealValue)]
struct NewPerson {
    account: RecordId,
    key: String,
    application: RecordId,
    email: String,
    name: String,
    language: String,
    role: String,
    kind: String,
    answers: serde_json::Value,
    partner: Option<RecordId>,
    token_hash: String,
    subject: String,
    body: String,
}

/// The invitation email for an imported person, in their language.
fn invitation(
    state: &AppState,
    person: &Person,
    kind: ImportKind,
    token: &str,
) -> (String, String) {
    let locale = locale_of(&person.language);
    let link = format!("{}/welcome/{token}", state.public_url);
    let (subject, body) = match kind {
        ImportKind::Mentee => (
            td_string!(locale, mail.import_mentee_subject),
            td_string!(locale, mail.import_mentee_body),
        ),
        ImportKind::Mentor => (
            td_string!(locale, mail.import_mentor_subject),
            td_string!(locale, mail.import_mentor_body),
        ),
    };
    let body = fill(
        body,
        &[
            ("name", person.name.clone()),
            ("link", link),
            ("days", WELCOME_DAYS.to_string()),
        ],
    );
    (subject.to_owned(), body)
}

fn new_person(state: &AppState, kind: ImportKind, person: Person) -> Result<NewPerson, AppError> {
    let token = super::super::welcome::new_token();
    let (subject, body) = invitation(state, &person, kind, &token);
    let key = random_key();
    let (answers, partner) = match &person.answers {
        Answers::Mentee(profile) => (
            serde_json::to_value(profile),
            profile
                .partner
                .as_deref()
                .filter(|id| is_key(id))
                .map(|id| record("partner", id)),
        ),
        Answers::Mentor(profile) => (serde_json::to_value(profile), None),
    };
    let answers = answers.map_err(|error| {
        tracing::error!(%error, "imported answers do not serialise");
        AppError::Internal
    })?;
    let role = match kind {
        ImportKind::Mentee => Role::Mentee,
        ImportKind::Mentor => Role::Mentor,
    };
    Ok(NewPerson {
        account: record("account", &key),
        application: record("application", &key),
        key,
        email: person.email,
        name: person.name,
        language: person.language,
        role: role.code().to_owned(),
        kind: kind.code().to_owned(),
        answers,
        partner,
        token_hash: super::super::welcome::token_hash(&token),
        subject,
        body,
    })
}

/// Creates the people whose email has no account yet; returns how many were
/// created and how many skipped because their email was taken.
pub async fn create(
    state: &AppState,
    actor: &Account,
    kind: ImportKind,
    people: Vec<Person>,
) -> Result<(i64, i64), AppError> {
    let asked = people.len() as i64;
    let mut people = people;
    // Twice at most: a second try follows another import that took an email meanwhile.
    for attempt in 0..2 {
        let taken = existing(&state.db, people.iter().map(|p| p.email.clone()).collect()).await?;
        people.retain(|person| !taken.contains(&person.email));
        let count = people.len() as i64;
        if people.is_empty() {
            return Ok((0, asked));
        }
        let rows = people
            .iter()
            .cloned()
            .map(|person| new_person(state, kind, person))
            .collect::<Result<Vec<_>, _>>()?;
        let result = state
            .db
            .query(format!(
                "BEGIN TRANSACTION;
                 FOR $p IN $people {{
                    CREATE $p.account CONTENT {{
                        email: $p.email, name: $p.name, role: $p.role, password_hash: '',
                        language: $p.language
                    }};
                    CREATE $p.application CONTENT {{
                        account: $p.account, kind: $p.kind, answers: $p.answers, step: 4,
                        status: 'submitted', partner: IF $p.partner AND record::exists($p.partner) THEN $p.partner ELSE NONE END,
                        created_at: time::now(), updated_at: time::now(), submitted_at: time::now()
                    }};
                    CREATE password_setup CONTENT {{
                        account: $p.account, token_hash: $p.token_hash,
                        expires_at: time::now() + {WELCOME_DAYS}d
                    }};
                    CREATE outbox CONTENT {{
                        to: $p.email, subject: $p.subject, body: $p.body, created_at: time::now(), attempts: 0
                    }};
                    CREATE access_log CONTENT {{
                        subject: $p.key, actor: $actor, actor_name: $actor_name, actor_role: $actor_role,
                        action: 'change', what: 'account, application', why: 'import', at: time::now()
                    }};
                 }};
                 COMMIT TRANSACTION;"
            ))
            .bind(("people", rows))
            .bind(("actor", actor.id.clone()))
            .bind(("actor_name", actor.name.clone()))
            .bind(("actor_role", actor.role.code()))
            .await
            .and_then(|response| response.check());
        match result {
            Ok(_) => return Ok((count, asked - count)),
            Err(error) if attempt == 0 => {
                tracing::warn!(%error, "import batch refused; trying again");
            }
            Err(error) => return Err(db_error(error)),
        }
    }
    Err(AppError::Internal)
}
