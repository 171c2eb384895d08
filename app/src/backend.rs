//! Server-only infrastructure: database, migrations, sessions and guards.

pub mod db;
pub mod guard;
pub mod migrations;
pub mod page_policy;
pub mod password;
pub mod rate_limit;
pub mod state;

pub use db::Db;
pub use guard::{require_role, require_user};
pub use state::{AppState, SessionPolicy, app_state};
/// The database SDK, for tests and tools that query directly.
pub use surrealdb;
pub mod access_log;
pub mod auth;
pub mod board;
pub mod board_events;
pub mod budget;
pub mod calendar;
pub mod cohorts;
pub mod course;
pub mod demo;
pub mod export;
pub mod import;
pub mod invitations;
pub mod mail;
pub mod outcomes;
pub mod partners;
pub mod portal;
pub mod privacy;
pub mod programmes;
pub mod reminders;
pub mod reporting;
pub mod surveys;
pub mod uploads;
pub mod welcome;
pub mod workshops;

use std::future::Future;

use crate::error::AppError;

/// Runs a server function's body and sets the HTTP status that matches its error.
pub async fn respond<T>(work: impl Future<Output = Result<T, AppError>>) -> Result<T, AppError> {
    let result = work.await;
    if let Err(error) = &result
        && let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
    {
        options.set_status(error.status_code());
    }
    result
}
