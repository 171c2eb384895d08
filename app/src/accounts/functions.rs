//! Server functions for accounts: sign-up, login, logout, password, and the
//! admin's account management.

use leptos::prelude::*;

use super::{Account, Role};
use crate::error::AppError;

/// Counts of active accounts per role, for the coordinator's overview.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RoleCount {
    pub role: Role,
    pub count: u64,
}

/// The logged-in account, or `None` for a visitor. Anyone may call it.
#[server(endpoint = "current_account")]
pub async fn current_account() -> Result<Option<Account>, AppError> {
    use crate::backend::respond;
    respond(async {
        match crate::backend::require_user().await {
            Ok(account) => Ok(Some(account)),
            Err(AppError::Unauthenticated) => Ok(None),
            Err(other) => Err(other),
        }
    })
    .await
}

/// Creates a mentee or mentor account and logs it in; a mentee who came
/// through a partner's referral link starts with that partner recorded.
/// Anyone may call it.
#[server(endpoint = "sign_up")]
pub async fn sign_up(
    name: String,
    email: String,
    password: String,
    role: String,
    #[server(default)] referral: Option<String>,
    #[server(default)] language: Option<String>,
) -> Result<Account, AppError> {
    use crate::backend::{auth, respond};
    respond(auth::sign_up(
        name, email, password, role, referral, language,
    ))
    .await
}

/// Remembers the caller's language (`en` or `da`). Any logged-in person.
#[server(endpoint = "set_language")]
pub async fn set_language(language: String) -> Result<(), AppError> {
    use crate::backend::{require_user, respond};
    respond(async {
        let account = require_user().await?;
        if !matches!(language.as_str(), "en" | "da") {
            return Err(AppError::invalid(
                "language",
                crate::error::Problem::UnknownChoice,
            ));
        }
        let state = crate::backend::app_state()?;
        super::store::set_language(&state.db, &account.id, &language).await
    })
    .await
}

/// Logs in with email and password. Anyone may call it; attempts are rate-limited.
#[server(endpoint = "login")]
pub async fn login(email: String, password: String) -> Result<Account, AppError> {
    use crate::backend::{auth, respond};
    respond(auth::login(email, password)).await
}

/// Ends the caller's session on the server. Safe to call when logged out.
#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::backend::respond;
    respond(crate::backend::guard::end_session()).await
}

/// Ends every session of the caller's account on every device, this one
/// included; returns how many ended.
#[server(endpoint = "logout_everywhere")]
pub async fn logout_everywhere() -> Result<u32, AppError> {
    use crate::backend::{auth, respond};
    respond(auth::logout_everywhere()).await
}

/// Changes the caller's own password; other sessions of the account end.
#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    use crate::backend::{auth, respond};
    respond(auth::change_password(current_password, new_password)).await
}

/// Creates an account of any role with an initial password. Admins only.
#[server(endpoint = "create_account")]
pub async fn create_account(
    name: String,
    email: String,
    role: String,
    password: String,
    #[server(default)] partner: Option<String>,
) -> Result<Account, AppError> {
    use crate::backend::{auth, respond};
    respond(auth::create_by_admin(name, email, role, password, partner)).await
}

/// Every account. Admins only.
#[server(endpoint = "list_accounts")]
pub async fn list_accounts() -> Result<Vec<Account>, AppError> {
    use crate::backend::{require_role, respond};
    respond(async {
        require_role(&[Role::Admin]).await?;
        let state = crate::backend::app_state()?;
        let rows = super::store::list(&state.db).await?;
        Ok(rows.into_iter().map(|row| row.into_account()).collect())
    })
    .await
}

/// Deactivates or reactivates an account; a deactivated account's sessions end. Admins only.
#[server(endpoint = "set_account_active")]
pub async fn set_account_active(id: String, active: bool) -> Result<Account, AppError> {
    use crate::backend::{auth, respond};
    respond(auth::set_active(id, active)).await
}

/// How many active accounts each role has. Coordinators and admins.
#[server(endpoint = "role_counts")]
pub async fn role_counts() -> Result<Vec<RoleCount>, AppError> {
    use crate::backend::{require_role, respond};
    respond(async {
        require_role(&[Role::Coordinator, Role::Admin]).await?;
        let state = crate::backend::app_state()?;
        let counts = super::store::count_by_role(&state.db).await?;
        Ok(counts
            .into_iter()
            .map(|(role, count)| RoleCount { role, count })
            .collect())
    })
    .await
}
