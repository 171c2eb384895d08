//! The guards every server function starts with: who is calling, and may they?

use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::app_state;
use crate::accounts::{Account, Role, store};
use crate::error::AppError;

/// Where the logged-in account is kept in the server-side session.
const AUTH_KEY: &str = "auth";

#[derive(Debug, Serialize, Deserialize)]
struct SessionAuth {
    account: String,
    /// Seconds since the epoch at login; bounds the session's absolute lifetime
    /// and invalidates it when the password changes afterwards.
    logged_in_at: i64,
    /// Seconds since the epoch when the session was last saved.
    #[serde(default)]
    seen_at: i64,
}

/// Seconds an active session goes unsaved. Its idle deadline, in the store
/// and in the cookie, moves only when it is saved: so it is saved again
/// within a quarter of the idle time, and at most once a minute.
fn refresh_after(idle: std::time::Duration) -> i64 {
    (idle.as_secs() / 4).clamp(1, 60) as i64
}

pub fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs() as i64)
}

/// The account a stored session belongs to, if it is logged in.
pub fn session_account(
    data: &std::collections::HashMap<String, serde_json::Value>,
) -> Option<&str> {
    data.get(AUTH_KEY)?.get("account")?.as_str()
}

/// The caller's session, from the request.
pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|error| {
        tracing::error!(%error, "session layer missing");
        AppError::Internal
    })
}

/// The logged-in account, or `Unauthenticated`. Ends sessions that outlived
/// their absolute lifetime, whose account was deactivated, or whose password
/// changed or owner logged out everywhere after they began.
pub async fn require_user() -> Result<Account, AppError> {
    require_user_row()
        .await
        .map(store::AccountRow::into_account)
}

/// As [`require_user`], with the stored row (password hash included) for
/// flows that need it, so they need not read the account a second time.
pub async fn require_user_row() -> Result<store::AccountRow, AppError> {
    let state = app_state()?;
    let session = session().await?;
    user_of(&state, &session).await
}

/// The logged-in account of a session, for handlers outside server functions.
pub async fn user_of(
    state: &super::AppState,
    session: &Session,
) -> Result<store::AccountRow, AppError> {
    let auth: Option<SessionAuth> = session.get(AUTH_KEY).await.map_err(session_error)?;
    let Some(auth) = auth else {
        return Err(AppError::Unauthenticated);
    };
    let expired = now_secs() - auth.logged_in_at > state.sessions.absolute.as_secs() as i64;
    let account = if expired {
        None
    } else {
        store::find_by_id(&state.db, &auth.account).await?
    };
    match account {
        Some(found)
            if found.active
                && found.password_changed_at <= auth.logged_in_at
                && found.sessions_ended_at <= auth.logged_in_at =>
        {
            let now = now_secs();
            if now - auth.seen_at >= refresh_after(state.sessions.idle) {
                let seen = SessionAuth {
                    seen_at: now,
                    ..auth
                };
                session
                    .insert(AUTH_KEY, seen)
                    .await
                    .map_err(session_error)?;
            }
            Ok(found)
        }
        _ => {
            session.flush().await.map_err(session_error)?;
            Err(AppError::Unauthenticated)
        }
    }
}

/// The logged-in account if its role is one of `roles`; `Forbidden` otherwise.
pub async fn require_role(roles: &[Role]) -> Result<Account, AppError> {
    let account = require_user().await?;
    if roles.contains(&account.role) {
        Ok(account)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Starts an authenticated session under a fresh id, so an id planted before
/// login is worthless afterwards.
pub async fn begin_session(account_id: &str) -> Result<(), AppError> {
    let session = session().await?;
    session.cycle_id().await.map_err(session_error)?;
    session
        .insert(
            AUTH_KEY,
            SessionAuth {
                account: account_id.to_owned(),
                logged_in_at: now_secs(),
                seen_at: now_secs(),
            },
        )
        .await
        .map_err(session_error)
}

/// Ends the session and deletes it from the store.
pub async fn end_session() -> Result<(), AppError> {
    session().await?.flush().await.map_err(session_error)
}

fn session_error(error: tower_sessions::session::Error) -> AppError {
    tracing::error!(%error, "session store failed");
    AppError::Internal
}
