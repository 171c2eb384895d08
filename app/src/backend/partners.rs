//! Partner organisations behind their server functions.

use surrealdb::types::{RecordId, SurrealValue};

use super::{Db, app_state, require_role};
use crate::accounts::Role;
use crate::accounts::store::db_error;
use crate::backend::db::key_string;
use crate::error::{AppError, Problem};
use crate::partners::{Partner, check_code};
use crate::portal::PartnerChoice;

#[derive(SurrealValue)]
struct Row {
    id: RecordId,
    name: String,
    code: String,
    referrals: i64,
}

const COLUMNS: &str =
    "id, name, code, count((SELECT id FROM application WHERE partner = $parent.id)) AS referrals";

impl Row {
    fn into_partner(self) -> Partner {
        Partner {
            id: key_string(&self.id),
            name: self.name,
            code: self.code,
            referrals: self.referrals.max(0) as u64,
        }
    }
}

pub async fn list() -> Result<Vec<Partner>, AppError> {
    require_role(&[Role::Admin, Role::Coordinator]).await?;
    let rows: Vec<Row> = app_state()?
        .db
        .query(format!("SELECT {COLUMNS} FROM partner ORDER BY name"))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    Ok(rows.into_iter().map(Row::into_partner).collect())
}

pub async fn create(name: String, code: String) -> Result<Partner, AppError> {
    require_role(&[Role::Admin]).await?;
    let name = crate::accounts::normalise_name(&name)?;
    let code = check_code(&code)?;
    create_partner(&app_state()?.db, &name, &code).await
}

/// Creates a partner organisation; the unique index refuses a code in use.
pub async fn create_partner(db: &Db, name: &str, code: &str) -> Result<Partner, AppError> {
    let row: Option<Row> = db
        .query(format!(
            "LET $created = CREATE ONLY partner CONTENT {{ name: $name, code: $code }};
             SELECT {COLUMNS} FROM ONLY $created.id;"
        ))
        .bind(("name", name.to_owned()))
        .bind(("code", code.to_owned()))
        .await
        .and_then(|response| response.check())
        .and_then(|mut response| response.take(1))
        .map_err(|error| {
            if error.is_already_exists() || error.message().contains("partner_code") {
                AppError::invalid("code", Problem::SlugTaken)
            } else {
                db_error(error)
            }
        })?;
    row.map(Row::into_partner).ok_or(AppError::Internal)
}

pub async fn choices() -> Result<Vec<PartnerChoice>, AppError> {
    #[derive(SurrealValue)]
    struct Choice {
        id: RecordId,
        name: String,
    }
    let rows: Vec<Choice> = app_state()?
        .db
        .query("SELECT id, name FROM partner ORDER BY name")
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    Ok(rows
        .into_iter()
        .map(|row| PartnerChoice {
            id: key_string(&row.id),
            name: row.name,
        })
        .collect())
}

pub async fn by_code(code: String) -> Result<Option<PartnerChoice>, AppError> {
    let Ok(code) = check_code(&code) else {
        return Ok(None);
    };
    #[derive(SurrealValue)]
    struct Choice {
        id: RecordId,
        name: String,
    }
    let row: Vec<Choice> = app_state()?
        .db
        .query("SELECT id, name FROM partner WHERE code = $code LIMIT 1")
        .bind(("code", code))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    Ok(row.into_iter().next().map(|row| PartnerChoice {
        id: key_string(&row.id),
        name: row.name,
    }))
}
