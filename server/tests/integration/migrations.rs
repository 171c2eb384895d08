//! The schema is applied by versioned migrations that can run any number of times.

use app::backend::db::{self, DbConfig};
use app::backend::migrations::{self, MIGRATIONS};

fn config(namespace: &str) -> DbConfig {
    DbConfig {
        endpoint: "mem://".into(),
        username: None,
        password: None,
        namespace: namespace.into(),
        database: "test".into(),
    }
}

#[tokio::test]
async fn migrations_run_twice_without_change() {
    let db = db::connect(&config("migrations_twice")).await.unwrap();
    let versions: Vec<i64> = MIGRATIONS.iter().map(|m| m.version).collect();
    assert_eq!(migrations::applied_versions(&db).await.unwrap(), versions);

    let mut info = db.query("INFO FOR DB").await.unwrap();
    let before: app::backend::surrealdb::types::Value = info.take(0).unwrap();
    let applied_again = migrations::run(&db).await.unwrap();
    assert!(applied_again.is_empty());
    let mut info = db.query("INFO FOR DB").await.unwrap();
    let after: app::backend::surrealdb::types::Value = info.take(0).unwrap();
    assert_eq!(before, after);
    assert_eq!(migrations::applied_versions(&db).await.unwrap(), versions);
}

#[tokio::test]
async fn applications_past_their_draft_get_a_submission_time_once() {
    let db = db::connect(&config("submitted_at")).await.unwrap();
    // Rows as a version before migration 14 could leave them: accepted
    // without ever being saved as submitted, a withdrawn draft, a draft
    // and a submitted application.
    db.query(
        "DELETE migration:14;
         CREATE application:accepted SET account = account:accepted, kind = 'mentor', answers = {},
             step = 1, status = 'accepted', created_at = d'2027-01-10T09:00:00Z', updated_at = time::now();
         CREATE application:withdrawn SET account = account:withdrawn, kind = 'mentee', answers = {},
             step = 2, status = 'withdrawn', created_at = d'2027-01-11T09:00:00Z', updated_at = time::now();
         CREATE application:draft SET account = account:draft, kind = 'mentee', answers = {},
             step = 2, status = 'draft', created_at = d'2027-01-12T09:00:00Z', updated_at = time::now();
         CREATE application:submitted SET account = account:submitted, kind = 'mentee', answers = {},
             step = 4, status = 'submitted', created_at = d'2027-01-13T09:00:00Z', updated_at = time::now(),
             submitted_at = d'2027-01-20T09:00:00Z';",
    )
    .await
    .unwrap()
    .check()
    .unwrap();
    assert_eq!(migrations::run(&db).await.unwrap(), [14]);
    let mut times = db
        .query(
            "SELECT VALUE IF submitted_at THEN time::unix(submitted_at) ELSE NONE END
             FROM [application:accepted, application:withdrawn, application:draft, application:submitted]",
        )
        .await
        .unwrap();
    let times: Vec<Option<i64>> = times.take(0).unwrap();
    // 2027-01-10 and 2027-01-20, 09:00 UTC.
    assert_eq!(
        times,
        [Some(1_799_571_600), None, None, Some(1_800_435_600)]
    );
}

#[tokio::test]
async fn the_schema_rejects_rows_the_app_would_never_write() {
    let db = db::connect(&config("schema_asserts")).await.unwrap();
    for bad in [
        "CREATE account SET email = 'not-an-email', name = 'X', role = 'mentee', password_hash = '$argon2id$x'",
        "CREATE account SET email = 'a@b.dk', name = 'X', role = 'superuser', password_hash = '$argon2id$x'",
        "CREATE account SET email = 'a@b.dk', name = 'X', role = 'mentee', password_hash = 'plaintext'",
        "CREATE account SET email = 'A@B.DK', name = 'X', role = 'mentee', password_hash = '$argon2id$x'",
    ] {
        let result = db.query(bad).await.and_then(|response| response.check());
        assert!(result.is_err(), "accepted: {bad}");
    }
    let ok = "CREATE account SET email = 'a@b.dk', name = 'X', role = 'mentee', password_hash = '$argon2id$x'";
    db.query(ok).await.unwrap().check().unwrap();
    assert!(
        db.query(ok).await.unwrap().check().is_err(),
        "unique email index missing"
    );
}

#[tokio::test]
async fn a_bad_endpoint_is_refused_with_a_clear_message() {
    for endpoint in ["postgres://localhost/db", "rocksdb://", "nonsense"] {
        let Err(error) = db::connect(&DbConfig {
            endpoint: endpoint.into(),
            ..config("bad")
        })
        .await
        else {
            panic!("{endpoint} was accepted");
        };
        assert!(error.to_string().contains("not supported"), "{error}");
    }
}
