//! The access log: every read or change of a person's record by someone
//! else. Append-only: the schema refuses updates and deletes, and no server
//! function writes to it except through [`record`].

use surrealdb::types::SurrealValue;

use super::Db;
use crate::accounts::Account;
use crate::accounts::store::db_error;
use crate::error::AppError;
use crate::privacy::AccessEntry;

/// Logs that `actor` read or changed `subject`'s record (`action` is
/// `read` or `change`), what they touched and why.
pub async fn record(
    db: &Db,
    actor: &Account,
    subject: &str,
    action: &str,
    what: &str,
    why: &str,
) -> Result<(), AppError> {
    if actor.id == subject {
        return Ok(());
    }
    db.query(
        "CREATE access_log CONTENT {
            subject: $subject, actor: $actor, actor_name: $actor_name, actor_role: $actor_role,
            action: $action, what: $what, why: $why, at: time::now()
        }",
    )
    .bind(("subject", subject.to_owned()))
    .bind(("actor", actor.id.clone()))
    .bind(("actor_name", actor.name.clone()))
    .bind(("actor_role", actor.role.code()))
    .bind(("action", action.to_owned()))
    .bind(("what", what.to_owned()))
    .bind(("why", why.to_owned()))
    .await
    .and_then(|response| response.check())
    .map_err(db_error)?;
    Ok(())
}

/// Entries about one person, newest first.
pub async fn for_subject(db: &Db, subject: &str) -> Result<Vec<AccessEntry>, AppError> {
    #[derive(SurrealValue)]
    struct Row {
        at: i64,
        actor_name: String,
        actor_role: String,
        action: String,
        what: String,
        why: String,
    }
    let rows: Vec<Row> = db
        .query(
            "SELECT time::unix(at) AS at, actor_name, actor_role, action, what, why
             FROM access_log WHERE subject = $subject ORDER BY at DESC LIMIT 500",
        )
        .bind(("subject", subject.to_owned()))
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    Ok(rows
        .into_iter()
        .map(|row| AccessEntry {
            at: row.at,
            actor_name: row.actor_name,
            actor_role: row.actor_role,
            action: row.action,
            what: row.what,
            why: row.why,
        })
        .collect())
}
