//! Backups through the real binary: a database seeded through the server
//! functions is backed up from disk, restored into a fresh database, and
//! compared table by table and record by record; a restore over data and a
//! restore of a cut-short file are refused and change nothing.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use app::accounts::Role;
use app::backend::db::{self, DbConfig};
use app::backend::privacy::{OTHER_TABLES, PERSONAL_TABLES};
use app::backend::surrealdb::types::Value;
use app::backend::{Db, SessionPolicy};
use app::portal::profile::today;
use axum::http::StatusCode;
use serde_json::json;
use server::backup::CHECKSUM_LINE;
use sha2::{Digest, Sha256};

use crate::common::{TestApp, logged_in_as, test_app_over, tight_limits};
use crate::course::{login, published};

const NAMESPACE: &str = "mentorbro";
const DATABASE: &str = "main";

fn config(dir: &Path) -> DbConfig {
    DbConfig {
        endpoint: format!("rocksdb://{}", dir.display()),
        username: None,
        password: None,
        namespace: NAMESPACE.into(),
        database: DATABASE.into(),
    }
}

/// Runs the binary over the database in `dir`. The test's own handles on it
/// close in the background once dropped, so a run that finds the database
/// still locked is tried again.
async fn mentorbro(dir: &Path, args: &[&str]) -> Output {
    let dir = dir.to_path_buf();
    let args: Vec<String> = args.iter().map(|arg| (*arg).to_owned()).collect();
    for _ in 0..100 {
        let (dir, args) = (dir.clone(), args.clone());
        let output = tokio::task::spawn_blocking(move || {
            Command::new(env!("CARGO_BIN_EXE_mentorbro"))
                .env("MENTORBRO_LOG", "error")
                .env("DATABASE", format!("rocksdb://{}", dir.display()))
                .env("DATABASE_NAMESPACE", NAMESPACE)
                .env("DATABASE_NAME", DATABASE)
                .args(&args)
                .stdin(Stdio::null())
                .output()
                .expect("the binary runs")
        })
        .await
        .expect("the binary ran");
        if !String::from_utf8_lossy(&output.stderr).contains("LOCK") {
            return output;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("the database in {} stayed locked", dir.display());
}

fn succeeded(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn refused(output: &Output) -> String {
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    crate::cli::one_line_error(output)
}

/// Accounts, applications, a cohort with published pairs, a meeting, a survey
/// answer, an outcome and the access log entries these leave, all made
/// through the server functions.
async fn seed(app: &TestApp) {
    let mut board = published(app).await;
    let cohort = board.cohort.clone();

    let mut mentor = login(app, "mentor00@example.dk").await;
    let logged = mentor
        .call_json(
            app,
            "log_meeting",
            json!({ "form": {
                "cohort": cohort, "partner": board.mentees[0], "date": today().to_string(),
                "time": "17:30", "minutes": "60", "mode": "in_person",
                "topics": ["cv", "network"], "notes": "Æble, ø and 'quotes'; DELETE account;"
            }}),
        )
        .await;
    assert_eq!(logged.status, StatusCode::OK, "{}", logged.text);

    let survey = board
        .coordinator
        .call_json(
            app,
            "save_survey",
            json!({ "cohort": cohort, "id": null, "form": {
                "title": "Fit", "intro": "", "moment": "first_meeting", "audience": "both",
                "includes_outcome": false,
                "questions": [{ "kind": "likert", "text": "It helps.", "options": "", "required": true }]
            }}),
        )
        .await;
    assert_eq!(survey.status, StatusCode::OK, "{}", survey.text);
    let survey = survey.body["id"].as_str().expect("survey id").to_owned();
    let mut mentee = login(app, "mentee00@example.dk").await;
    let answered = mentee
        .call_json(
            app,
            "answer_survey",
            json!({ "id": survey, "answers": ["4"], "outcome": null }),
        )
        .await;
    assert_eq!(answered.status, StatusCode::OK, "{}", answered.text);

    let outcome = board
        .coordinator
        .call_json(
            app,
            "record_outcome",
            json!({ "cohort": cohort, "mentee": board.mentees[1], "form": {
                "moment": "start", "status": "not_working", "in_aarhus": true
            }}),
        )
        .await;
    assert_eq!(outcome.status, StatusCode::OK, "{}", outcome.text);
    logged_in_as(app, Role::Admin, "admin@example.dk").await;
}

/// The definitions of the database (under the key `INFO FOR DB`) and every
/// table with all its records, in id order.
async fn snapshot(db: &Db) -> BTreeMap<String, Vec<Value>> {
    let info: Value = db
        .query("INFO FOR DB")
        .await
        .and_then(|mut response| response.take(0))
        .expect("definitions");
    let mut tables = BTreeMap::from([("INFO FOR DB".to_owned(), vec![info])]);
    for table in server::backup::tables(db).await.expect("tables") {
        let records: Vec<Value> = db
            .query("SELECT * FROM type::table($table) ORDER BY id")
            .bind(("table", table.clone()))
            .await
            .and_then(|mut response| response.take(0))
            .expect("records");
        tables.insert(table, records);
    }
    tables
}

/// The snapshot of the database in `dir`, once an earlier handle has let go of it.
async fn snapshot_of(dir: &Path) -> BTreeMap<String, Vec<Value>> {
    for _ in 0..100 {
        match db::open(&config(dir)).await {
            Ok(db) => return snapshot(&db).await,
            Err(error) if error.to_string().contains("LOCK") => {
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(error) => panic!("the database does not open: {error}"),
        }
    }
    panic!("the database in {} stayed locked", dir.display());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_restores_every_table_record_for_record() {
    let work = tempfile::tempdir().expect("temporary directory");
    let (source, target) = (work.path().join("source"), work.path().join("target"));
    let file = work.path().join("backups").join("mentorbro.surql");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();

    let app = test_app_over(&config(&source), tight_limits(), SessionPolicy::default()).await;
    seed(&app).await;
    let before = snapshot(&app.db).await;
    drop(app);
    for table in PERSONAL_TABLES
        .iter()
        .map(|(table, _)| *table)
        .chain(OTHER_TABLES.iter().copied())
    {
        assert!(before.contains_key(table), "no table {table}");
    }
    for table in [
        "account",
        "application",
        "cohort",
        "cohort_member",
        "pairing",
        "meeting",
        "survey_answer",
        "outcome",
        "access_log",
        "migration",
        "session",
    ] {
        assert!(
            before.get(table).is_some_and(|records| !records.is_empty()),
            "the seed left {table} empty"
        );
    }

    let backed_up =
        succeeded(&mentorbro(&source, &["backup", "--to", file.to_str().unwrap()]).await);
    assert!(backed_up.starts_with("backed up "), "{backed_up}");
    let beside: Vec<_> = std::fs::read_dir(file.parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(beside, ["mentorbro.surql"], "no temporary file left behind");

    let restored =
        succeeded(&mentorbro(&target, &["restore", "--from", file.to_str().unwrap()]).await);
    // "backed up T tables, R records to …" and "restored T tables, R records from …"
    let counts = |line: &str| {
        line.split(" records")
            .next()
            .unwrap_or("")
            .replace("restored", "backed up")
    };
    assert_eq!(counts(&restored), counts(&backed_up), "{restored}");
    println!("{backed_up}{restored}");
    let restored = snapshot_of(&target).await;
    assert_eq!(
        restored.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    for (table, records) in &before {
        assert_eq!(&restored[table], records, "table {table} differs");
    }

    // Over data, a restore is refused unless --replace is given.
    let line = refused(&mentorbro(&target, &["restore", "--from", file.to_str().unwrap()]).await);
    assert!(line.contains("already holds Mentorbro data"), "{line}");
    assert!(line.contains("--replace"), "{line}");

    // A cut-short backup is refused before anything is touched, even with --replace.
    let whole = std::fs::read(&file).unwrap();
    let cut = work.path().join("cut.surql");
    std::fs::write(&cut, &whole[..whole.len() * 2 / 3]).unwrap();
    let line = refused(
        &mentorbro(
            &target,
            &["restore", "--replace", "--from", cut.to_str().unwrap()],
        )
        .await,
    );
    assert!(line.contains("not a complete Mentorbro backup"), "{line}");
    assert_eq!(snapshot_of(&target).await, restored);

    // A file with a correct checksum that SurrealDB cannot load is refused too.
    let body = "INSERT [ { id: account:broken, email: ";
    let sum: String = Sha256::digest(body.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    let broken = work.path().join("broken.surql");
    let trailer = format!("\n{CHECKSUM_LINE}{sum} bytes:{}\n", body.len());
    std::fs::write(&broken, format!("{body}{trailer}")).unwrap();
    let line = refused(
        &mentorbro(
            &target,
            &["restore", "--replace", "--from", broken.to_str().unwrap()],
        )
        .await,
    );
    assert!(line.contains("cannot be loaded"), "{line}");
    assert_eq!(snapshot_of(&target).await, restored);

    // With --replace the data is replaced by the backup's.
    succeeded(
        &mentorbro(
            &target,
            &["restore", "--replace", "--from", file.to_str().unwrap()],
        )
        .await,
    );
    assert_eq!(snapshot_of(&target).await, before);
}

#[tokio::test]
async fn a_failed_backup_leaves_no_file_and_a_server_is_sent_to_surreal_export() {
    let work = tempfile::tempdir().expect("temporary directory");
    let missing = work.path().join("no-such-directory").join("backup.surql");
    let line = refused(
        &mentorbro(
            &work.path().join("db"),
            &["backup", "--to", missing.to_str().unwrap()],
        )
        .await,
    );
    assert!(line.contains("no-such-directory"), "{line}");
    assert!(!missing.exists());

    for args in [
        ["backup", "--to", "backup.surql"],
        ["restore", "--from", "backup.surql"],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_mentorbro"))
            .env("MENTORBRO_LOG", "error")
            .env("DATABASE", "ws://127.0.0.1:9")
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("the binary runs");
        let line = refused(&output);
        assert!(line.contains("surreal export"), "{line}");
        assert!(line.contains("docs/deployment.md"), "{line}");
    }
}
