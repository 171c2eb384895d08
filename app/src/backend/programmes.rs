//! Programme pages behind their server functions.

use surrealdb::types::SurrealValue;

use super::{app_state, require_role};
use crate::accounts::Role;
use crate::accounts::store::db_error;
use crate::error::{AppError, Problem};
use crate::programmes::{ProgrammePage, is_slug};

#[derive(SurrealValue)]
struct Row {
    page: serde_json::Value,
}

fn parse(row: Row) -> Result<ProgrammePage, AppError> {
    serde_json::from_value(row.page).map_err(|error| {
        tracing::error!(%error, "stored programme page does not parse");
        AppError::Internal
    })
}

pub async fn page(slug: String) -> Result<ProgrammePage, AppError> {
    if !is_slug(&slug) {
        return Err(AppError::NotFound);
    }
    let rows: Vec<Row> = app_state()?
        .db
        .query("SELECT page FROM programme WHERE slug = $slug LIMIT 1")
        .bind(("slug", slug))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    rows.into_iter()
        .next()
        .map(parse)
        .ok_or(AppError::NotFound)?
}

pub async fn list() -> Result<Vec<ProgrammePage>, AppError> {
    require_role(&[Role::Coordinator, Role::Admin]).await?;
    let rows: Vec<Row> = app_state()?
        .db
        .query("SELECT page, name FROM programme ORDER BY name")
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    rows.into_iter().map(parse).collect()
}

pub async fn save(
    mut page: ProgrammePage,
    original_slug: Option<String>,
) -> Result<ProgrammePage, AppError> {
    let coordinator = require_role(&[Role::Coordinator, Role::Admin]).await?;
    page.slug = page.slug.trim().to_lowercase();
    page.contact_email = page.contact_email.trim().to_lowercase();
    AppError::check(page.problems())?;
    let value = serde_json::to_value(&page).map_err(|_| AppError::Internal)?;
    let db = app_state()?.db;
    let query = match original_slug.as_deref() {
        Some(original) if is_slug(original) => {
            "UPDATE programme SET slug = $slug, name = $name, page = $page, updated_at = time::now()
                WHERE slug = $original RETURN VALUE id"
        }
        Some(_) => return Err(AppError::NotFound),
        None => {
            "CREATE programme CONTENT { slug: $slug, name: $name, page: $page, updated_at: time::now() }
                RETURN VALUE id"
        }
    };
    let saved: Vec<surrealdb::types::RecordId> = db
        .query(query)
        .bind(("slug", page.slug.clone()))
        .bind(("name", page.name.clone()))
        .bind(("page", value))
        .bind(("original", original_slug.clone()))
        .await
        .and_then(|response| response.check())
        .and_then(|mut response| response.take(0))
        .map_err(|error| {
            if error.is_already_exists() || error.message().contains("programme_slug") {
                AppError::invalid("slug", Problem::SlugTaken)
            } else {
                db_error(error)
            }
        })?;
    if saved.is_empty() {
        return Err(AppError::NotFound);
    }
    tracing::info!(coordinator = %coordinator.id, slug = %page.slug, "programme page saved");
    Ok(page)
}
