//! Account rows and the queries on them. Every query binds its parameters.

use surrealdb::types::{RecordId, SurrealValue};

use super::{Account, Role};
use crate::backend::Db;
use crate::backend::db::{key_string, record};
use crate::error::AppError;

const TABLE: &str = "account";
const COLUMNS: &str = "id, email, name, role, active, language, password_hash, time::unix(password_changed_at) AS password_changed_at, time::unix(sessions_ended_at ?? d'1970-01-01T00:00:00Z') AS sessions_ended_at";

#[derive(Debug, Clone, SurrealValue)]
pub struct AccountRow {
    pub id: RecordId,
    pub email: String,
    pub name: String,
    pub role: String,
    pub active: bool,
    pub language: String,
    pub password_hash: String,
    /// Seconds since the epoch.
    pub password_changed_at: i64,
    /// Seconds since the epoch when the owner last logged out everywhere (0 if never).
    pub sessions_ended_at: i64,
}

impl AccountRow {
    pub fn role(&self) -> Option<Role> {
        Role::from_code(&self.role)
    }

    pub fn into_account(self) -> Account {
        Account {
            id: key_string(&self.id),
            role: self.role().unwrap_or(Role::Mentee),
            email: self.email,
            name: self.name,
            active: self.active,
            language: self.language,
        }
    }
}

/// What creating an account can run into.
#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error("an account with this email already exists")]
    EmailTaken,
    #[error(transparent)]
    Database(#[from] surrealdb::Error),
}

pub fn db_error(error: surrealdb::Error) -> AppError {
    tracing::error!(%error, "database query failed");
    AppError::Internal
}

/// Creates an account; the unique index on email decides races between two sign-ups.
pub async fn create(
    db: &Db,
    email: &str,
    name: &str,
    role: Role,
    password_hash: &str,
) -> Result<AccountRow, CreateError> {
    let created: Option<AccountRow> = db
        .query(format!(
            "LET $created = CREATE ONLY account CONTENT {{
                email: $email, name: $name, role: $role, password_hash: $hash
             }};
             SELECT {COLUMNS} FROM ONLY $created.id;"
        ))
        .bind(("email", email.to_owned()))
        .bind(("name", name.to_owned()))
        .bind(("role", role.code()))
        .bind(("hash", password_hash.to_owned()))
        .await
        .and_then(|response| response.check())
        .and_then(|mut response| response.take(1))
        .map_err(|error| {
            if error.is_already_exists() || error.message().contains("account_email") {
                CreateError::EmailTaken
            } else {
                CreateError::Database(error)
            }
        })?;
    created.ok_or_else(|| {
        CreateError::Database(surrealdb::Error::internal(
            "account was not returned after CREATE".into(),
        ))
    })
}

pub async fn find_by_email(db: &Db, email: &str) -> Result<Option<AccountRow>, AppError> {
    let mut rows: Vec<AccountRow> = db
        .query(format!(
            "SELECT {COLUMNS} FROM account WHERE email = $email LIMIT 1"
        ))
        .bind(("email", email.to_owned()))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    Ok(rows.pop())
}

pub async fn find_by_id(db: &Db, id: &str) -> Result<Option<AccountRow>, AppError> {
    let row: Option<AccountRow> = db
        .query(format!("SELECT {COLUMNS} FROM ONLY $id"))
        .bind(("id", record(TABLE, id)))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    Ok(row)
}

/// Records that the owner ended all their sessions now.
pub async fn end_sessions(db: &Db, id: &str) -> Result<(), AppError> {
    db.query("UPDATE $id SET sessions_ended_at = time::now()")
        .bind(("id", record(TABLE, id)))
        .await
        .and_then(|response| response.check())
        .map_err(db_error)?;
    Ok(())
}

pub async fn set_password(db: &Db, id: &str, password_hash: &str) -> Result<(), AppError> {
    db.query("UPDATE $id SET password_hash = $hash, password_changed_at = time::now()")
        .bind(("id", record(TABLE, id)))
        .bind(("hash", password_hash.to_owned()))
        .await
        .and_then(|response| response.check())
        .map_err(db_error)?;
    Ok(())
}

pub async fn set_active(db: &Db, id: &str, active: bool) -> Result<Option<AccountRow>, AppError> {
    let row: Option<AccountRow> = db
        .query(format!(
            "UPDATE $id SET active = $active;
             SELECT {COLUMNS} FROM ONLY $id;"
        ))
        .bind(("id", record(TABLE, id)))
        .bind(("active", active))
        .await
        .and_then(|mut response| response.take(1))
        .map_err(db_error)?;
    Ok(row)
}

/// All accounts, by role and name.
pub async fn list(db: &Db) -> Result<Vec<AccountRow>, AppError> {
    db.query(format!("SELECT {COLUMNS} FROM account ORDER BY role, name"))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)
}

/// How many active accounts hold each role.
pub async fn count_by_role(db: &Db) -> Result<Vec<(Role, u64)>, AppError> {
    #[derive(SurrealValue)]
    struct Count {
        role: String,
        count: i64,
    }
    let rows: Vec<Count> = db
        .query("SELECT role, count() AS count FROM account WHERE active GROUP BY role")
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    Ok(Role::ALL
        .into_iter()
        .map(|role| {
            let count = rows
                .iter()
                .find(|row| row.role == role.code())
                .map_or(0, |row| row.count.max(0) as u64);
            (role, count)
        })
        .collect())
}

pub async fn set_language(db: &Db, id: &str, language: &str) -> Result<(), AppError> {
    db.query("UPDATE $id SET language = $language")
        .bind(("id", record(TABLE, id)))
        .bind(("language", language.to_owned()))
        .await
        .and_then(|response| response.check())
        .map_err(db_error)?;
    Ok(())
}
