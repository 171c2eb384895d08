//! The funder report's figures as a CSV file: the same lines the report
//! shows, UTF-8 with a byte-order mark (so Excel reads Danish letters), every
//! cell made safe from formula injection. Coordinators and admins only; each
//! download is recorded in the access log.

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use tower_sessions::Session;

use super::{dashboard_of, scope_of};
use crate::accounts::Role;
use crate::backend::{AppState, access_log, guard};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::portal::profile::today;
use crate::reporting::lines::{Line, figure_lines, header};
use crate::reporting::{REPORT_CSV_PATH, Scope};

pub fn routes(state: AppState) -> Router {
    Router::new()
        .route(REPORT_CSV_PATH, get(download))
        .with_state(state)
}

#[derive(Deserialize)]
struct Params {
    cohort: Option<String>,
    programme: Option<String>,
    year: Option<i32>,
    lang: Option<String>,
}

/// The lines as CSV bytes, written as every export is (see [`crate::import::sheet`]).
pub fn write_csv(header: &Line, lines: &[Line]) -> Result<Vec<u8>, AppError> {
    let headers: Vec<&str> = header.iter().map(String::as_str).collect();
    crate::import::sheet::write_csv(&headers, lines).map_err(|error| {
        tracing::error!(%error, "CSV write failed");
        AppError::Internal
    })
}

async fn download(
    State(state): State<AppState>,
    session: Session,
    Query(params): Query<Params>,
) -> Response {
    match figures_csv(&state, &session, params).await {
        Ok((name, bytes)) => {
            let mut response = bytes.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
            if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            response
        }
        Err(error) => (error.status_code(), axum::Json(error)).into_response(),
    }
}

async fn figures_csv(
    state: &AppState,
    session: &Session,
    params: Params,
) -> Result<(String, Vec<u8>), AppError> {
    let reader = guard::user_of(state, session).await?;
    if !matches!(reader.role(), Some(Role::Coordinator | Role::Admin)) {
        return Err(AppError::Forbidden);
    }
    let scope = scope_of(params.cohort, params.programme, params.year)?;
    let locale = match params.lang.as_deref() {
        Some("da") => Locale::da,
        _ => Locale::en,
    };
    let dashboard = dashboard_of(&state.db, &scope, today()).await?;
    let bytes = write_csv(&header(locale), &figure_lines(locale, &dashboard))?;
    let (subject, name) = match &scope {
        Scope::Cohort { id } => (
            format!("cohort:{id}"),
            format!("mentorbro-figures-{id}.csv"),
        ),
        Scope::Year { programme, year } => (
            format!("programme:{programme}:{year}"),
            format!("mentorbro-figures-{programme}-{year}.csv"),
        ),
    };
    access_log::record(
        &state.db,
        &reader.into_account(),
        &subject,
        "read",
        "report figures (CSV)",
        "funder report",
    )
    .await?;
    Ok((name, bytes))
}
