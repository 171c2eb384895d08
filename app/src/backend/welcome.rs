//! The welcome of an imported person: the link in their invitation email
//! lets them set a password and agree to the consent text, once, within
//! [`WELCOME_DAYS`](crate::import::WELCOME_DAYS) days. The token is stored only as its SHA-256 hash.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::Rng;
use sha2::{Digest, Sha256};
use surrealdb::types::{RecordId, SurrealValue};

use super::db::key_string;
use super::{app_state, guard, password};
use crate::accounts::store::{self, db_error};
use crate::accounts::{Account, Role, check_new_password};
use crate::error::{AppError, Problem};
use crate::import::WelcomeDetails;
use crate::privacy;

pub fn new_token() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[derive(SurrealValue)]
struct Found {
    id: RecordId,
    account: RecordId,
    used: bool,
    expired: bool,
}

/// The setup a token opens, and its account, or why it cannot be used.
async fn usable(token: &str) -> Result<(RecordId, store::AccountRow), AppError> {
    if token.is_empty() || token.len() > 100 {
        return Err(AppError::invalid("token", Problem::InvitationUnknown));
    }
    let db = app_state()?.db;
    let found: Vec<Found> = db
        .query(
            "SELECT id, account, used_at != NONE AS used, expires_at < time::now() AS expired
             FROM password_setup WHERE token_hash = $hash LIMIT 1",
        )
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
    if found.expired {
        return Err(AppError::invalid("token", Problem::InvitationExpired));
    }
    let account = store::find_by_id(&db, &key_string(&found.account))
        .await?
        .filter(|account| account.active)
        .ok_or_else(|| AppError::invalid("token", Problem::InvitationUnknown))?;
    Ok((found.id, account))
}

pub async fn details(token: String) -> Result<WelcomeDetails, AppError> {
    let (_, account) = usable(&token).await?;
    Ok(WelcomeDetails {
        role: account.role().unwrap_or(Role::Mentee),
        name: account.name,
        email: account.email,
    })
}

pub async fn accept(
    token: String,
    password_given: String,
    consent_version: u32,
) -> Result<Account, AppError> {
    let (id, account) = usable(&token).await?;
    check_new_password(&password_given, "password")?;
    if consent_version != privacy::CURRENT_CONSENT {
        return Err(AppError::invalid("consent", Problem::Consent));
    }
    let db = app_state()?.db;
    // Claim the link first, so two tabs cannot both use it.
    let claimed: Option<RecordId> = db
        .query(
            "UPDATE ONLY $id SET used_at = time::now()
                WHERE used_at = NONE AND expires_at > time::now() RETURN VALUE id",
        )
        .bind(("id", id))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    if claimed.is_none() {
        return Err(AppError::invalid("token", Problem::InvitationUsed));
    }
    let key = key_string(&account.id);
    let hash = password::hash(password_given).await?;
    store::set_password(&db, &key, &hash).await?;
    super::privacy::record_consent(&db, &key, consent_version).await?;
    guard::begin_session(&key).await?;
    tracing::info!(account = %key, "imported person set their password");
    let mut account = account.into_account();
    account.active = true;
    Ok(account)
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
    }
}
