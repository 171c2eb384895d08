//! Backups of the embedded database with SurrealDB's own export and import.
//!
//! A backup is SurrealDB's export followed by one comment line with the
//! SHA-256 of everything before it, so a restore can tell a complete backup
//! from a cut-short or damaged one before it touches any data. The file is
//! written under a temporary name beside its destination and renamed once it
//! is complete and on disk.

use std::io::Write;
use std::path::{Path, PathBuf};

use app::backend::db::{self, DbConfig};
use app::backend::surrealdb::engine::any;
use app::backend::{Db, migrations};
use futures::StreamExt;
use sha2::{Digest, Sha256};

/// How the last line of a backup starts.
pub const CHECKSUM_LINE: &str = "-- mentorbro backup sha256:";

/// The tables that exist in every database Mentorbro has opened, data or not.
const BOOKKEEPING_TABLES: &[&str] = &["migration"];

/// What a backup or restore did, for the operator.
#[derive(Debug)]
pub struct Summary {
    pub tables: usize,
    pub records: u64,
}

/// Backups and restores go through the SDK's export and import, which work on
/// the embedded engines only.
pub fn check_embedded(config: &DbConfig) -> Result<(), String> {
    if config.endpoint.starts_with("ws://") || config.endpoint.starts_with("wss://") {
        return Err(format!(
            "backup and restore work on an embedded database (rocksdb://) only; for the SurrealDB server at {} run `surreal export` / `surreal import` against it (see docs/deployment.md)",
            config.endpoint
        ));
    }
    Ok(())
}

/// Writes the whole database to `to`.
pub async fn backup(config: &DbConfig, to: &Path) -> Result<Summary, String> {
    let db = open(config).await?;
    let summary = count(&db).await?;
    let parent = match to.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let shown = to.display();
    let mut file = tempfile::Builder::new()
        .prefix(".mentorbro-backup-")
        .tempfile_in(&parent)
        .map_err(|error| format!("cannot write a backup in {}: {error}", parent.display()))?;
    let mut export = db
        .export(())
        .await
        .map_err(|error| format!("the export failed: {error}"))?;
    let mut hasher = Sha256::new();
    let mut bytes: u64 = 0;
    while let Some(chunk) = export.next().await {
        let chunk = chunk.map_err(|error| format!("the export failed: {error}"))?;
        hasher.update(&chunk);
        bytes += chunk.len() as u64;
        file.write_all(&chunk)
            .map_err(|error| format!("cannot write the backup {shown}: {error}"))?;
    }
    let line = format!(
        "\n{CHECKSUM_LINE}{} bytes:{bytes}\n",
        hex(&hasher.finalize())
    );
    file.write_all(line.as_bytes())
        .and_then(|()| file.as_file().sync_all())
        .map_err(|error| format!("cannot write the backup {shown}: {error}"))?;
    file.persist(to)
        .map_err(|error| format!("cannot move the backup into place at {shown}: {error}"))?;
    if let Ok(dir) = std::fs::File::open(&parent) {
        let _ = dir.sync_all();
    }
    Ok(summary)
}

/// Loads the backup `from` into the configured database. A database that
/// holds records is only replaced when `replace` is given.
pub async fn restore(config: &DbConfig, from: &Path, replace: bool) -> Result<Summary, String> {
    let shown = from.display();
    let contents =
        std::fs::read(from).map_err(|error| format!("cannot read the backup {shown}: {error}"))?;
    verify(&contents).map_err(|problem| format!("{shown} {problem}; nothing was restored"))?;
    try_on_scratch(config, from)
        .await
        .map_err(|error| format!("{shown} cannot be loaded ({error}); nothing was restored"))?;

    let db = open(config).await?;
    let existing = count(&db).await?;
    if existing.records > 0 && !replace {
        return Err(format!(
            "the database at {} already holds Mentorbro data ({} records); restore into an empty database, or add --replace to delete that data and load the backup",
            config.endpoint, existing.records
        ));
    }
    clear(&db, config).await?;
    db.import(from).await.map_err(|error| {
        format!("loading {shown} failed ({error}); the database may be partly loaded: restore again with --replace")
    })?;
    migrations::run(&db)
        .await
        .map_err(|error| format!("the restored data could not be brought up to date: {error}"))?;
    count(&db).await
}

/// Opens the database as it is; an embedded one that another process holds
/// open, such as a running server, is named as such.
async fn open(config: &DbConfig) -> Result<Db, String> {
    db::open(config).await.map_err(|error| {
        let message = error.to_string();
        if message.contains("LOCK") {
            format!(
                "the database at {} is open in another process: stop the Mentorbro server first ({message})",
                config.endpoint
            )
        } else {
            message
        }
    })
}

/// Checks the checksum line at the end of a backup against what precedes it.
pub fn verify(contents: &[u8]) -> Result<(), String> {
    let incomplete = || {
        "is not a complete Mentorbro backup: its last line is not the checksum line a backup ends with (was it cut short?)".to_owned()
    };
    let body = contents.strip_suffix(b"\n").ok_or_else(incomplete)?;
    let start = body
        .iter()
        .rposition(|&byte| byte == b'\n')
        .ok_or_else(incomplete)?;
    let last = std::str::from_utf8(&body[start + 1..]).map_err(|_| incomplete())?;
    let rest = last.strip_prefix(CHECKSUM_LINE).ok_or_else(incomplete)?;
    let (sum, length) = rest.split_once(" bytes:").ok_or_else(incomplete)?;
    let exported = &body[..start];
    if length.parse::<usize>().ok() != Some(exported.len()) || hex(&Sha256::digest(exported)) != sum
    {
        return Err("is damaged: its contents do not match the checksum on its last line".into());
    }
    Ok(())
}

/// Imports the backup into a database in memory first, so a file SurrealDB
/// cannot load is refused before the real database is touched.
async fn try_on_scratch(config: &DbConfig, from: &Path) -> Result<(), String> {
    let scratch = any::connect("mem://")
        .await
        .map_err(|error| error.to_string())?;
    scratch
        .use_ns(&config.namespace)
        .use_db(&config.database)
        .await
        .map_err(|error| error.to_string())?;
    scratch
        .import(from)
        .await
        .map_err(|error| error.to_string())
}

/// Removes the database's tables, definitions and records, so the import
/// defines everything afresh.
async fn clear(db: &Db, config: &DbConfig) -> Result<(), String> {
    let name = &config.database;
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err(format!(
            "the database name {name:?} may hold only letters, digits, '_' and '-'"
        ));
    }
    db.query(format!("REMOVE DATABASE IF EXISTS `{name}`"))
        .await
        .and_then(|response| response.check())
        .map_err(|error| format!("cannot empty the database: {error}"))?;
    db.use_ns(&config.namespace)
        .use_db(name)
        .await
        .map_err(|error| format!("cannot select the database again: {error}"))?;
    Ok(())
}

/// The names of the database's tables.
pub async fn tables(db: &Db) -> Result<Vec<String>, String> {
    let mut response = db
        .query("RETURN object::keys((INFO FOR DB).tables)")
        .await
        .map_err(|error| format!("cannot list the tables: {error}"))?;
    let mut names: Vec<String> = response
        .take::<Vec<String>>(0)
        .map_err(|error| format!("cannot list the tables: {error}"))?;
    names.sort();
    Ok(names)
}

/// The tables and their records, leaving out the bookkeeping every database has.
async fn count(db: &Db) -> Result<Summary, String> {
    let names = tables(db).await?;
    let mut records = 0;
    for table in &names {
        if BOOKKEEPING_TABLES.contains(&table.as_str()) {
            continue;
        }
        let mut response = db
            .query("RETURN count(SELECT VALUE id FROM type::table($table))")
            .bind(("table", table.clone()))
            .await
            .map_err(|error| format!("cannot count the records of {table}: {error}"))?;
        let n: Option<u64> = response
            .take(0)
            .map_err(|error| format!("cannot count the records of {table}: {error}"))?;
        records += n.unwrap_or(0);
    }
    Ok(Summary {
        tables: names.len(),
        records,
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_checksum(body: &str) -> Vec<u8> {
        let line = format!(
            "\n{CHECKSUM_LINE}{} bytes:{}\n",
            hex(&Sha256::digest(body.as_bytes())),
            body.len()
        );
        [body.as_bytes(), line.as_bytes()].concat()
    }

    #[test]
    fn a_complete_backup_verifies() {
        assert_eq!(verify(&with_checksum("INSERT [ { id: a:1 } ];")), Ok(()));
    }

    #[test]
    fn a_cut_short_backup_is_refused() {
        let whole = with_checksum("INSERT [ { id: a:1 } ];\nINSERT [ { id: b:1 } ];");
        for cut in [0, 10, whole.len() / 2, whole.len() - 1] {
            let problem = verify(&whole[..cut]).unwrap_err();
            assert!(problem.contains("not a complete"), "{cut}: {problem}");
        }
    }

    #[test]
    fn a_changed_backup_is_refused() {
        let mut changed = with_checksum("INSERT [ { id: a:1 } ];");
        changed[15] = b'2';
        assert!(verify(&changed).unwrap_err().contains("damaged"));
    }
}
