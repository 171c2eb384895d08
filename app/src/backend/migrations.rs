//! Versioned schema migrations, applied in order at start-up. Each runs in one
//! transaction together with the record of its version, so a migration is
//! either wholly applied and recorded or not at all. Running them again
//! changes nothing.

use surrealdb::types::SurrealValue;

use super::Db;

pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub statements: &'static str,
}

/// Every migration in order. Append only: never edit one that has shipped.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "accounts and sessions",
        statements: include_str!("migrations/0001_accounts.surql"),
    },
    Migration {
        version: 2,
        name: "portal: applications, partners, consent, uploads, access log, programmes, invitations",
        statements: include_str!("migrations/0002_portal.surql"),
    },
    Migration {
        version: 3,
        name: "email outbox",
        statements: include_str!("migrations/0003_outbox.surql"),
    },
    Migration {
        version: 4,
        name: "cohorts, matching board and its history",
        statements: include_str!("migrations/0004_board.surql"),
    },
    Migration {
        version: 5,
        name: "the course: meetings, introductions, ended matches, reminders",
        statements: include_str!("migrations/0005_course.surql"),
    },
    Migration {
        version: 6,
        name: "workshops, RSVPs and attendance",
        statements: include_str!("migrations/0006_workshops.surql"),
    },
    Migration {
        version: 7,
        name: "surveys, answers and employment outcomes",
        statements: include_str!("migrations/0007_surveys.surql"),
    },
    Migration {
        version: 8,
        name: "reporting: work target and the dashboard's indexes",
        statements: include_str!("migrations/0008_reporting.surql"),
    },
    Migration {
        version: 9,
        name: "budgets against the grant, expenses and their log",
        statements: include_str!("migrations/0009_budget.surql"),
    },
    Migration {
        version: 10,
        name: "import sessions and welcome links of imported people",
        statements: include_str!("migrations/0010_import.surql"),
    },
    Migration {
        version: 11,
        name: "reporting: per-cohort tallies and the change rows that mark them stale",
        statements: include_str!("migrations/0011_tally.surql"),
    },
    Migration {
        version: 12,
        name: "log out everywhere",
        statements: include_str!("migrations/0012_sessions.surql"),
    },
    Migration {
        version: 13,
        name: "the applications list read newest first from an index",
        statements: include_str!("migrations/0013_application_list.surql"),
    },
    Migration {
        version: 14,
        name: "a submission time on every application past its draft",
        statements: include_str!("migrations/0014_submitted_at.surql"),
    },
];

#[derive(Debug, thiserror::Error)]
pub enum MigrationError {
    #[error("could not read applied migrations: {0}")]
    Read(Box<surrealdb::Error>),
    #[error("migration {version} ({name}) failed: {source}")]
    Apply {
        version: i64,
        name: &'static str,
        source: Box<surrealdb::Error>,
    },
    #[error("the database has migration {0}, newer than this version of Mentorbro knows")]
    TooNew(i64),
}

#[derive(SurrealValue)]
struct Applied {
    version: i64,
}

/// Applies every migration the database has not seen; returns the versions applied now.
pub async fn run(db: &Db) -> Result<Vec<i64>, MigrationError> {
    db.query(
        "DEFINE TABLE IF NOT EXISTS migration SCHEMAFULL;
         DEFINE FIELD IF NOT EXISTS version ON migration TYPE int;
         DEFINE FIELD IF NOT EXISTS name ON migration TYPE string;
         DEFINE FIELD IF NOT EXISTS applied_at ON migration TYPE datetime;",
    )
    .await
    .and_then(|response| response.check())
    .map_err(|error| MigrationError::Read(Box::new(error)))?;
    let applied = applied_versions(db).await?;
    let newest_known = MIGRATIONS.last().map_or(0, |m| m.version);
    if let Some(&newest) = applied.iter().max()
        && newest > newest_known
    {
        return Err(MigrationError::TooNew(newest));
    }

    let mut now_applied = Vec::new();
    for migration in MIGRATIONS.iter().filter(|m| !applied.contains(&m.version)) {
        // The statements are constants of this crate, never user input.
        let transaction = format!(
            "BEGIN TRANSACTION;
             {}
             CREATE type::record('migration', $version)
                 SET version = $version, name = $name, applied_at = time::now();
             COMMIT TRANSACTION;",
            migration.statements
        );
        let result = db
            .query(transaction)
            .bind(("version", migration.version))
            .bind(("name", migration.name))
            .await
            .and_then(|response| response.check());
        match result {
            Ok(_) => {
                tracing::info!(
                    version = migration.version,
                    name = migration.name,
                    "applied migration"
                );
                now_applied.push(migration.version);
            }
            // Another replica applied it at the same moment: fine.
            Err(_) if applied_versions(db).await?.contains(&migration.version) => {}
            Err(source) => {
                return Err(MigrationError::Apply {
                    version: migration.version,
                    name: migration.name,
                    source: Box::new(source),
                });
            }
        }
    }
    Ok(now_applied)
}

/// The versions recorded as applied, in order.
pub async fn applied_versions(db: &Db) -> Result<Vec<i64>, MigrationError> {
    let rows: Vec<Applied> = db
        .query("SELECT version FROM migration ORDER BY version")
        .await
        .and_then(|mut response| response.take(0))
        .map_err(|error| MigrationError::Read(Box::new(error)))?;
    Ok(rows.into_iter().map(|row| row.version).collect())
}
