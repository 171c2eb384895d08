//! The Mentorbro web server: routes, sessions, security headers and health.

pub mod backup;
pub mod config;
mod security;
pub mod sessions;

use std::time::Duration;

use app::backend::{AppState, Db};
use app::{App, shell};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "mentorbro_session";

/// Settings of the HTTP layer that do not belong to the app state.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    pub secure_cookies: bool,
}

/// Builds the whole application: pages, server functions, static files,
/// `/healthz`, sessions and security headers.
pub fn router(state: AppState, leptos_options: LeptosOptions, http: &HttpConfig) -> Router {
    let routes = generate_route_list(App);
    let sessions = SessionManagerLayer::new(sessions::Sessions::new((*state.db).clone()))
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(http.secure_cookies)
        .with_expiry(Expiry::OnInactivity(
            tower_sessions::cookie::time::Duration::try_from(state.sessions.idle)
                .unwrap_or(tower_sessions::cookie::time::Duration::HOUR),
        ));

    let files = app::backend::uploads::routes(state.clone());
    let board_events = app::backend::board_events::routes(state.clone());
    let calendars = app::backend::calendar::routes(state.clone());
    let report_csv = app::backend::reporting::csv::routes(state.clone());
    let imports = app::backend::import::routes(state.clone());
    let exports = app::backend::export::routes(state.clone());
    let context_state = state.clone();
    let fallback_state = state.clone();
    let shell_options = leptos_options.clone();
    let pages = Router::new()
        .leptos_routes_with_context(
            &leptos_options,
            routes,
            move || provide_context(context_state.clone()),
            move || shell(shell_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context(
            move || provide_context(fallback_state.clone()),
            shell,
        ))
        .with_state(leptos_options);

    let app = Router::new()
        .route("/healthz", get(healthz))
        .with_state(state.db)
        .merge(files)
        .merge(board_events)
        .merge(calendars)
        .merge(report_csv)
        .merge(imports)
        .merge(exports)
        .merge(pages)
        .layer(axum::middleware::from_fn(security::error_status))
        .layer(axum::middleware::from_fn(security::reject_cross_site))
        .layer(sessions);
    security::with_headers(app)
}

/// Answers 200 when the database answers, 503 otherwise.
async fn healthz(State(db): State<Db>) -> (StatusCode, &'static str) {
    match tokio::time::timeout(Duration::from_secs(2), db.query("RETURN true")).await {
        Ok(Ok(_)) => (StatusCode::OK, "ok"),
        _ => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable"),
    }
}
