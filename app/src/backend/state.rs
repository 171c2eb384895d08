//! What every server function needs, handed over through Leptos context.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::use_context;

use super::Db;
use super::rate_limit::LoginLimiter;
use crate::error::AppError;

/// How long sessions live.
#[derive(Debug, Clone, Copy)]
pub struct SessionPolicy {
    /// A session unused this long ends.
    pub idle: Duration,
    /// A session ends this long after login, however active.
    pub absolute: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self {
            idle: Duration::from_secs(2 * 60 * 60),
            absolute: Duration::from_secs(7 * 24 * 60 * 60),
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub login_limiter: Arc<LoginLimiter>,
    pub sessions: SessionPolicy,
    /// Where uploaded files are kept.
    pub uploads: super::privacy::Uploads,
    /// How email leaves.
    pub mail: super::mail::MailConfig,
    /// The address people reach the app at, without a trailing slash, for links in emails.
    pub public_url: String,
}

/// The application state, or an internal error if the server forgot to provide it.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from server function context");
        AppError::Internal
    })
}
