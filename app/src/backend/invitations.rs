//! Mentor invitations: a random token in a link, stored only as its SHA-256
//! hash, valid for a fixed time and for one sign-up.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::Rng;
use sha2::{Digest, Sha256};
use surrealdb::types::{RecordId, SurrealValue};

use super::{app_state, guard, password, require_role};
use crate::accounts::store::{self, CreateError, db_error};
use crate::accounts::{Account, Role, check_new_password, normalise_email, normalise_name};
use crate::error::{AppError, Problem};
use crate::i18n::Locale;
use crate::portal::{Answers, MentorProfile, Status};
use crate::programmes::{INVITATION_DAYS, Invitation, InvitationDetails, NewInvitation};
use crate::text::fill;
use leptos_i18n::td_string;

fn new_token() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    URL_SAFE_NO_PAD.encode(bytes)
}

fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[derive(SurrealValue)]
struct Row {
    email: String,
    name: String,
    company: String,
    expires_at: i64,
    used: bool,
}

const COLUMNS: &str =
    "email, name, company, time::unix(expires_at) AS expires_at, used_at != NONE AS used";

impl Row {
    fn into_invitation(self) -> Invitation {
        Invitation {
            email: self.email,
            name: self.name,
            company: self.company,
            expires_at: self.expires_at,
            used: self.used,
        }
    }
}

pub async fn invite(
    email: String,
    name: String,
    company: String,
) -> Result<NewInvitation, AppError> {
    let coordinator = require_role(&[Role::Coordinator, Role::Admin]).await?;
    let email = normalise_email(&email)?;
    let name = normalise_name(&name)?;
    if let Some(problem) = crate::portal::profile::text_problem(&company, false, 120) {
        return Err(AppError::invalid("company", problem));
    }
    let token = new_token();
    let row: Option<Row> = app_state()?
        .db
        .query(format!(
            "LET $created = CREATE ONLY invitation CONTENT {{
                email: $email, name: $name, company: $company, token_hash: $hash,
                created_by: $by, expires_at: time::now() + {INVITATION_DAYS}d
             }};
             SELECT {COLUMNS} FROM ONLY $created.id;"
        ))
        .bind(("email", email))
        .bind(("name", name))
        .bind(("company", company.trim().to_owned()))
        .bind(("hash", token_hash(&token)))
        .bind(("by", crate::backend::db::record("account", &coordinator.id)))
        .await
        .and_then(|response| response.check())
        .and_then(|mut response| response.take(1))
        .map_err(db_error)?;
    let invitation = row.ok_or(AppError::Internal)?.into_invitation();
    let path = format!("/invite/{token}");
    let state = app_state()?;
    let link = format!("{}{path}", state.public_url);
    let subject = format!(
        "{} / {}",
        td_string!(Locale::en, mail.invitation_subject),
        td_string!(Locale::da, mail.invitation_subject)
    );
    let body = fill(
        td_string!(Locale::en, mail.invitation_body),
        &[
            ("name", invitation.name.clone()),
            ("link", link),
            ("days", INVITATION_DAYS.to_string()),
        ],
    );
    super::mail::queue(&state.db, &invitation.email, &subject, &body).await?;
    tracing::info!(coordinator = %coordinator.id, "mentor invited");
    Ok(NewInvitation {
        invitation,
        path,
        emailed: state.mail.is_on(),
    })
}

pub async fn list() -> Result<Vec<Invitation>, AppError> {
    require_role(&[Role::Coordinator, Role::Admin]).await?;
    let rows: Vec<Row> = app_state()?
        .db
        .query(format!(
            "SELECT {COLUMNS}, created_at FROM invitation ORDER BY created_at DESC LIMIT 500"
        ))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    Ok(rows.into_iter().map(Row::into_invitation).collect())
}

/// The invitation for a token, or why it cannot be used.
async fn usable(token: &str) -> Result<(RecordId, Row), AppError> {
    #[derive(SurrealValue)]
    struct Found {
        id: RecordId,
        email: String,
        name: String,
        company: String,
        expires_at: i64,
        used: bool,
    }
    if token.is_empty() || token.len() > 100 {
        return Err(AppError::invalid("token", Problem::InvitationUnknown));
    }
    let found: Vec<Found> = app_state()?
        .db
        .query(format!(
            "SELECT id, {COLUMNS} FROM invitation WHERE token_hash = $hash LIMIT 1"
        ))
        .bind(("hash", token_hash(token)))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    let found = found
        .into_iter()
        .next()
        .ok_or_else(|| AppError::invalid("token", Problem::InvitationUnknown))?;
    if found.used {
        return Err(AppError::invalid("token", Problem::InvitationUsed));
    }
    if found.expires_at < guard::now_secs() {
        return Err(AppError::invalid("token", Problem::InvitationExpired));
    }
    Ok((
        found.id,
        Row {
            email: found.email,
            name: found.name,
            company: found.company,
            expires_at: found.expires_at,
            used: found.used,
        },
    ))
}

pub async fn details(token: String) -> Result<InvitationDetails, AppError> {
    let (_, row) = usable(&token).await?;
    Ok(InvitationDetails {
        email: row.email,
        name: row.name,
        company: row.company,
    })
}

pub async fn accept(
    token: String,
    name: String,
    password_given: String,
) -> Result<Account, AppError> {
    let (id, row) = usable(&token).await?;
    let name = normalise_name(&name)?;
    check_new_password(&password_given, "password")?;
    let db = app_state()?.db;
    // Claim the invitation first, so two sign-ups with one link cannot both succeed.
    let claimed: Option<RecordId> = db
        .query(
            "UPDATE ONLY $id SET used_at = time::now()
                WHERE used_at = NONE AND expires_at > time::now() RETURN VALUE id",
        )
        .bind(("id", id.clone()))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    if claimed.is_none() {
        return Err(AppError::invalid("token", Problem::InvitationUsed));
    }
    let hash = password::hash(password_given).await?;
    let created = match store::create(&db, &row.email, &name, Role::Mentor, &hash).await {
        Ok(created) => created,
        Err(error) => {
            // Give the link back, so the person can try again after the problem is fixed.
            let _ = db
                .query("UPDATE $id SET used_at = NONE")
                .bind(("id", id))
                .await;
            return Err(match error {
                CreateError::EmailTaken => AppError::invalid("email", Problem::SignUpRefused),
                CreateError::Database(error) => db_error(error),
            });
        }
    };
    let account = created.into_account();
    db.query("UPDATE $id SET account = $account")
        .bind(("id", id))
        .bind((
            "account",
            crate::backend::db::record("account", &account.id),
        ))
        .await
        .and_then(|response| response.check())
        .map_err(db_error)?;
    let draft = Answers::Mentor(MentorProfile {
        company: row.company,
        ..Default::default()
    });
    crate::portal::store::save(&db, &account.id, &draft, 1, Status::Draft).await?;
    guard::begin_session(&account.id).await?;
    tracing::info!(account = %account.id, "invited mentor signed up");
    Ok(account)
}

/// The hash stored for a token; for tests that age an invitation.
pub fn hash_of(token: &str) -> String {
    token_hash(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), token_hash(&b));
    }
}
