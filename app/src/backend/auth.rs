//! Sign-up, login and password flows behind the account server functions.

use std::net::{IpAddr, SocketAddr};

use axum::extract::ConnectInfo;

use super::{app_state, guard, password, require_role};
use crate::accounts::store::{self, CreateError};
use crate::accounts::{Account, Role, check_new_password, normalise_email, normalise_name};
use crate::error::{AppError, Problem};

/// The caller's address, when the server was started with connection info.
async fn client_address() -> Option<IpAddr> {
    leptos_axum::extract::<ConnectInfo<SocketAddr>>()
        .await
        .ok()
        .map(|ConnectInfo(address)| address.ip())
}

pub async fn sign_up(
    name: String,
    email: String,
    password: String,
    role: String,
    referral: Option<String>,
    language: Option<String>,
) -> Result<Account, AppError> {
    let name = normalise_name(&name)?;
    let email = normalise_email(&email)?;
    check_new_password(&password, "password")?;
    let role = Role::from_code(&role)
        .filter(|role| role.is_self_service())
        .ok_or_else(|| AppError::invalid("role", Problem::UnknownChoice))?;
    let state = app_state()?;
    // Sign-ups share the per-address limit with logins, which slows down
    // anyone probing for registered addresses.
    state
        .login_limiter
        .check(&format!("sign-up:{email}"), client_address().await)?;

    let hash = password::hash(password).await?;
    match store::create(&state.db, &email, &name, role, &hash).await {
        Ok(row) => {
            let mut account = row.into_account();
            if let Some(language @ ("en" | "da")) = language.as_deref() {
                store::set_language(&state.db, &account.id, language).await?;
                account.language = language.to_owned();
            }
            if role == Role::Mentee
                && let Some(code) = referral.filter(|code| !code.is_empty())
                && let Some(partner) = super::partners::by_code(code).await?
            {
                let draft = crate::portal::Answers::Mentee(crate::portal::MenteeProfile {
                    heard_from: Some(crate::portal::profile::HeardFrom::Partner),
                    partner: Some(partner.id),
                    ..Default::default()
                });
                crate::portal::store::save(
                    &state.db,
                    &account.id,
                    &draft,
                    1,
                    crate::portal::Status::Draft,
                )
                .await?;
            }
            guard::begin_session(&account.id).await?;
            tracing::info!(account = %account.id, role = role.code(), "account signed up");
            Ok(account)
        }
        // Deliberately the same words whatever the reason, so the answer does
        // not confirm that someone with this address is registered.
        Err(CreateError::EmailTaken) => Err(AppError::invalid("email", Problem::SignUpRefused)),
        Err(CreateError::Database(error)) => Err(store::db_error(error)),
    }
}

pub async fn login(email: String, password: String) -> Result<Account, AppError> {
    let state = app_state()?;
    // A malformed address cannot belong to an account; answer as for a wrong password.
    let email = normalise_email(&email).unwrap_or_else(|_| email.trim().to_lowercase());
    if password.is_empty() || password.chars().count() > crate::accounts::MAX_PASSWORD_LEN {
        return Err(AppError::BadCredentials);
    }
    state.login_limiter.check(&email, client_address().await)?;

    let row = store::find_by_email(&state.db, &email).await?;
    let stored = row.as_ref().map(|row| row.password_hash.clone());
    let verified = password::verify(password, stored).await?;
    match row {
        Some(row) if verified && row.active => {
            guard::begin_session(&crate::backend::db::key_string(&row.id)).await?;
            Ok(row.into_account())
        }
        _ => Err(AppError::BadCredentials),
    }
}

pub async fn change_password(current: String, new: String) -> Result<(), AppError> {
    let row = guard::require_user_row().await?;
    check_new_password(&new, "new_password")?;
    let state = app_state()?;
    state
        .login_limiter
        .check(&row.email, client_address().await)?;
    let account = row.clone().into_account();
    if !password::verify(current, Some(row.password_hash)).await? {
        return Err(AppError::invalid(
            "current_password",
            Problem::WrongPassword,
        ));
    }
    let hash = password::hash(new).await?;
    store::set_password(&state.db, &account.id, &hash).await?;
    // Every other session of this account ends; this one starts afresh.
    guard::begin_session(&account.id).await?;
    tracing::info!(account = %account.id, "password changed");
    Ok(())
}

/// Ends every session of the caller's account: marks the moment, so a session
/// begun before it is refused wherever it is used, and deletes their records.
pub async fn logout_everywhere() -> Result<u32, AppError> {
    let account = guard::require_user().await?;
    let state = app_state()?;
    store::end_sessions(&state.db, &account.id).await?;
    let ended = super::privacy::end_sessions(&state.db, &account.id).await?;
    guard::end_session().await?;
    tracing::info!(account = %account.id, sessions = ended, "logged out everywhere");
    Ok(u32::try_from(ended).unwrap_or(u32::MAX))
}

pub async fn create_by_admin(
    name: String,
    email: String,
    role: String,
    password: String,
    partner: Option<String>,
) -> Result<Account, AppError> {
    let admin = require_role(&[Role::Admin]).await?;
    let role =
        Role::from_code(&role).ok_or_else(|| AppError::invalid("role", Problem::UnknownChoice))?;
    let partner = partner.filter(|partner| !partner.is_empty());
    if role == Role::Partner && partner.is_none() {
        return Err(AppError::invalid("partner", Problem::Required));
    }
    let state = app_state()?;
    let partner = match partner.filter(|_| role == Role::Partner) {
        Some(partner) => {
            let id = crate::backend::db::record("partner", &partner);
            let exists: Option<bool> = state
                .db
                .query("RETURN record::exists($partner)")
                .bind(("partner", id.clone()))
                .await
                .and_then(|mut response| response.take(0))
                .map_err(store::db_error)?;
            if exists != Some(true) || !crate::backend::db::is_key(&partner) {
                return Err(AppError::invalid("partner", Problem::UnknownChoice));
            }
            Some(id)
        }
        None => None,
    };
    let account = create_with_role(&state.db, &name, &email, role, &password).await?;
    if let Some(partner) = partner {
        state
            .db
            .query("UPDATE $account SET partner = $partner")
            .bind(("partner", partner))
            .bind((
                "account",
                crate::backend::db::record("account", &account.id),
            ))
            .await
            .and_then(|response| response.check())
            .map_err(store::db_error)?;
    }
    tracing::info!(admin = %admin.id, account = %account.id, role = role.code(), "account created by admin");
    Ok(account)
}

pub async fn set_active(id: String, active: bool) -> Result<Account, AppError> {
    let admin = require_role(&[Role::Admin]).await?;
    if admin.id == id && !active {
        return Err(AppError::invalid("id", Problem::CannotDeactivateSelf));
    }
    if id.is_empty()
        || id.len() > 64
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err(AppError::NotFound);
    }
    let state = app_state()?;
    let row = store::set_active(&state.db, &id, active)
        .await?
        .ok_or(AppError::NotFound)?;
    tracing::info!(admin = %admin.id, account = %id, active, "account activity changed");
    Ok(row.into_account())
}

/// Creates an administrator from the command line, where nobody is logged in.
pub async fn create_admin(
    db: &super::Db,
    name: &str,
    email: &str,
    password: &str,
) -> Result<Account, AppError> {
    create_with_role(db, name, email, Role::Admin, password).await
}

/// Creates an account of any role for someone who manages accounts (an admin
/// or the operator), to whom saying that an address is taken reveals nothing new.
async fn create_with_role(
    db: &super::Db,
    name: &str,
    email: &str,
    role: Role,
    password: &str,
) -> Result<Account, AppError> {
    let name = normalise_name(name)?;
    let email = normalise_email(email)?;
    check_new_password(password, "password")?;
    let hash = password::hash(password.to_owned()).await?;
    match store::create(db, &email, &name, role, &hash).await {
        Ok(row) => Ok(row.into_account()),
        Err(CreateError::EmailTaken) => Err(AppError::invalid("email", Problem::EmailTaken)),
        Err(CreateError::Database(error)) => Err(store::db_error(error)),
    }
}
