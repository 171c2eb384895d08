//! CSV import and export through the real router: a file with good and bad
//! rows is previewed with its problems per row and field and nothing is
//! written before the confirmation; the confirmation imports only the valid
//! rows, in batches, with an invitation each; importing again creates nobody
//! twice; Excel's semicolon Windows-1252 file keeps its Danish letters; the
//! welcome link sets a password; exports are logged and for staff only.

use crate::common;

use app::accounts::Role;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{Client, TestApp, logged_in_as, test_app};
use serde_json::{Value, json};

const HEADER: &str = "Navn,E-mail,Telefon,Postnummer,Land,Ankomstdato,Opholdsgrundlag,Må arbejde,Dansk,Engelsk,Uddannelse,Erfaring,Ønskede brancher,Hjælp,Tidspunkter,Mødeform,Mål,Kilde";

fn mentee_line(name: &str, email: &str, postcode: &str) -> String {
    format!(
        "{name},{email},+45 12 34 56 78,{postcode},Brazil,01-03-2026,accompanying_family,ja,module1,fluent,upper_secondary,8,Construction,network_introductions,weekday_daytime,online,A job in construction,friend"
    )
}

/// Five good rows and three bad ones: a bad email, a bad postcode, a formula.
fn mixed_file() -> String {
    let mut lines = vec![HEADER.to_owned()];
    for n in 1..=5 {
        lines.push(mentee_line(
            &format!("Good Person {n}"),
            &format!("good{n}@example.dk"),
            "8000",
        ));
    }
    lines.push(mentee_line("Bad Email", "not-an-email", "8000"));
    lines.push(mentee_line("Bad Postcode", "postcode@example.dk", "80"));
    lines.push(mentee_line(
        "=cmd|' /C calc'!A0",
        "formula@example.dk",
        "8000",
    ));
    lines.join("\r\n")
}

pub async fn upload(
    app: &TestApp,
    client: &mut Client,
    kind: &str,
    name: &str,
    bytes: &[u8],
) -> common::Reply {
    let boundary = "mentorbro-import-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n{kind}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"language\"\r\n\r\nda\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut request = Request::post(app::import::UPLOAD_PATH)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header("sec-fetch-site", "same-origin");
    if let Some(cookie) = &client.cookie {
        request = request.header(header::COOKIE, cookie);
    }
    client
        .send(app, request.body(Body::from(body)).expect("request builds"))
        .await
}

async fn count(app: &TestApp, query: &str) -> usize {
    let rows: Vec<Value> = app
        .db
        .query(query)
        .await
        .and_then(|mut r| r.take(0))
        .expect("rows");
    rows.len()
}

/// Uploads, maps as guessed, and returns the preview.
async fn previewed(app: &TestApp, coordinator: &mut Client, kind: &str, bytes: &[u8]) -> Value {
    let uploaded = upload(app, coordinator, kind, "people.csv", bytes).await;
    assert_eq!(uploaded.status, StatusCode::OK, "{}", uploaded.text);
    let id = uploaded.body["id"].as_str().expect("session id").to_owned();
    let first = coordinator
        .call(app, "import_preview", &[("id", &id)])
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    assert_eq!(first.body["mapped"], false);
    let mapped = coordinator
        .call_json(
            app,
            "map_import",
            json!({ "id": id, "mapping": first.body["mapping"] }),
        )
        .await;
    assert_eq!(mapped.status, StatusCode::OK, "{}", mapped.text);
    mapped.body
}

/// Runs batches until the import is finished; returns the last progress.
async fn import_all(app: &TestApp, coordinator: &mut Client, id: &str) -> Value {
    for _ in 0..100 {
        let step = coordinator.call(app, "import_batch", &[("id", id)]).await;
        assert_eq!(step.status, StatusCode::OK, "{}", step.text);
        if step.body["finished"] == true {
            return step.body;
        }
    }
    panic!("the import never finished");
}

fn problems_of(preview: &Value, line: u64) -> Vec<(String, String)> {
    preview["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|row| row["line"] == line)
        .map(|row| {
            row["problems"]
                .as_array()
                .expect("problems")
                .iter()
                .map(|p| {
                    (
                        p["field"].as_str().unwrap_or_default().to_owned(),
                        p["problem"]["kind"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn good_and_bad_rows_are_previewed_fixed_and_only_valid_rows_imported_once() {
    let app = test_app().await;
    let mut coordinator = logged_in_as(&app, Role::Coordinator, "camilla@example.dk").await;
    let accounts_before = count(&app, "SELECT * FROM account").await;

    let preview = previewed(&app, &mut coordinator, "mentee", mixed_file().as_bytes()).await;
    assert_eq!(preview["total"], 8);
    assert_eq!(preview["valid"], 5, "{preview}");
    assert_eq!(preview["valid"], 5);
    assert_eq!(preview["existing"], 0);
    assert_eq!(problems_of(&preview, 7), [("email".into(), "email".into())]);
    assert_eq!(
        problems_of(&preview, 8),
        [("postcode".into(), "postcode".into())]
    );
    assert_eq!(
        problems_of(&preview, 9),
        [("name".into(), "formula".into())]
    );
    // Nothing but the session is written before the confirmation.
    assert_eq!(count(&app, "SELECT * FROM account").await, accounts_before);
    assert_eq!(count(&app, "SELECT * FROM application").await, 0);
    assert_eq!(count(&app, "SELECT * FROM outbox").await, 0);

    // The coordinator corrects one bad row in the preview.
    let id = preview["id"].as_str().expect("id").to_owned();
    let fixed = coordinator
        .call_json(
            &app,
            "fix_import_row",
            json!({ "id": id, "line": 8, "values": [["postcode", "8200"]] }),
        )
        .await;
    assert_eq!(fixed.status, StatusCode::OK, "{}", fixed.text);
    assert_eq!(fixed.body["valid"], 6);
    assert!(problems_of(&fixed.body, 8).is_empty());

    let done = import_all(&app, &mut coordinator, &id).await;
    assert_eq!(
        (&done["created"], &done["skipped"], &done["failed"]),
        (&json!(6), &json!(0), &json!(2))
    );
    assert_eq!(
        count(
            &app,
            "SELECT * FROM application WHERE status = 'submitted' AND kind = 'mentee'"
        )
        .await,
        6
    );
    assert_eq!(
        count(
            &app,
            "SELECT * FROM account WHERE email = 'formula@example.dk'"
        )
        .await,
        0
    );
    // The session is gone once the import is finished.
    assert_eq!(count(&app, "SELECT * FROM import_session").await, 0);

    // Each imported person has an invitation in the outbox, in Danish (the file's language).
    let mails: Vec<Value> = app
        .db
        .query("SELECT to, subject, body FROM outbox ORDER BY to")
        .await
        .and_then(|mut r| r.take(0))
        .expect("outbox");
    assert_eq!(mails.len(), 6);
    assert!(mails.iter().all(|m| {
        m["body"]
            .as_str()
            .unwrap()
            .contains("http://mentorbro.test/welcome/")
    }));
    assert!(
        mails[0]["subject"].as_str().unwrap().contains("ansøgning"),
        "{mails:?}"
    );

    // The applications are in the review queue.
    let queue = coordinator
        .call(&app, "list_applications", &[("status", "submitted")])
        .await;
    assert_eq!(
        queue.body["rows"].as_array().expect("list").len(),
        6,
        "{}",
        queue.text
    );

    // The same file again creates nobody twice: every good row is already present.
    let again = previewed(&app, &mut coordinator, "mentee", mixed_file().as_bytes()).await;
    assert_eq!(again["existing"], 6);
    assert_eq!(again["valid"], 0);
    let again_id = again["id"].as_str().expect("id").to_owned();
    let done = import_all(&app, &mut coordinator, &again_id).await;
    assert_eq!(done["created"], 0);
    assert_eq!(done["skipped"], 6);
    assert_eq!(count(&app, "SELECT * FROM application").await, 6);
    assert_eq!(count(&app, "SELECT * FROM outbox").await, 6);
}

#[tokio::test]
async fn an_imported_person_sets_a_password_and_consents_through_the_link() {
    let app = test_app().await;
    let mut coordinator = logged_in_as(&app, Role::Coordinator, "camilla@example.dk").await;
    let file = format!(
        "{HEADER}\n{}\n",
        mentee_line("Ana Silva", "ana@example.dk", "8000")
    );
    let preview = previewed(&app, &mut coordinator, "mentee", file.as_bytes()).await;
    import_all(&app, &mut coordinator, preview["id"].as_str().unwrap()).await;

    // No password yet: logging in fails like a wrong password.
    let mut ana = Client::default();
    let refused = ana.login(&app, "ana@example.dk", "").await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);

    let body: Vec<String> = app
        .db
        .query("SELECT VALUE body FROM outbox")
        .await
        .and_then(|mut r| r.take(0))
        .expect("mail");
    let token = body[0]
        .split("/welcome/")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("link")
        .to_owned();
    let details = ana
        .call(&app, "welcome_details", &[("token", &token)])
        .await;
    assert_eq!(details.body["name"], "Ana Silva", "{}", details.text);
    let no_consent = ana
        .call(
            &app,
            "accept_welcome",
            &[
                ("token", &token),
                ("password", common::PASSWORD),
                ("consent_version", "0"),
            ],
        )
        .await;
    assert_eq!(no_consent.body["Invalid"][0]["field"], "consent");
    let accepted = ana
        .call(
            &app,
            "accept_welcome",
            &[
                ("token", &token),
                ("password", common::PASSWORD),
                ("consent_version", "1"),
            ],
        )
        .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.text);
    let mine = ana.call(&app, "my_application", &[]).await;
    assert_eq!(mine.body["status"], "submitted", "{}", mine.text);
    let again = Client::default()
        .call(
            &app,
            "accept_welcome",
            &[
                ("token", &token),
                ("password", common::PASSWORD),
                ("consent_version", "1"),
            ],
        )
        .await;
    assert_eq!(
        again.body["Invalid"][0]["problem"]["kind"],
        "invitation_used"
    );
    let mut fresh = Client::default();
    assert_eq!(
        fresh
            .login(&app, "ana@example.dk", common::PASSWORD)
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(count(&app, "SELECT * FROM consent").await, 1);
}

#[tokio::test]
async fn excel_semicolon_windows_1252_mentors_keep_their_danish_letters() {
    let app = test_app().await;
    let mut coordinator = logged_in_as(&app, Role::Coordinator, "camilla@example.dk").await;
    let text = "Navn;E-mail;Sprog;Virksomhed;Stilling;Branche;Erfaring;Dansk;Engelsk;Tilbyder;Kapacitet;Tidspunkter;Mødeform;Postnummer;Motivation\r\n\
                Søren Ærø;soren@example.dk;dansk;Århus Å/S;Ingeniør;Energi;15;Modersmål;Flydende;Indsigt i en branche;2;Weekender;Online;8000;Jeg var selv ny engang\r\n";
    let bytes = app::import::file::windows_1252(text);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the file really is Windows-1252"
    );
    let preview = previewed(&app, &mut coordinator, "mentor", &bytes).await;
    assert_eq!(preview["valid"], 1, "{preview}");
    import_all(&app, &mut coordinator, preview["id"].as_str().unwrap()).await;
    let stored: Vec<Value> = app
        .db
        .query("SELECT account.name AS name, account.language AS language, kind, status, answers.company AS company FROM application")
        .await
        .and_then(|mut r| r.take(0))
        .expect("application");
    assert_eq!(
        stored,
        [
            json!({ "name": "Søren Ærø", "language": "da", "kind": "mentor", "status": "submitted", "company": "Århus Å/S" })
        ]
    );
}

#[tokio::test]
async fn uploads_are_for_staff_and_refuse_bad_files_clearly() {
    let app = test_app().await;
    let mut mentee = common::signed_up(&app, "mentee", "mia@example.dk").await;
    let refused = upload(
        &app,
        &mut mentee,
        "mentee",
        "x.csv",
        mixed_file().as_bytes(),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let anonymous = upload(
        &app,
        &mut Client::default(),
        "mentee",
        "x.csv",
        b"a,b\n1,2\n",
    )
    .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

    let mut coordinator = logged_in_as(&app, Role::Coordinator, "camilla@example.dk").await;
    let binary = upload(
        &app,
        &mut coordinator,
        "mentee",
        "x.xlsx",
        b"PK\x03\x04\0\0\0binary",
    )
    .await;
    assert_eq!(binary.body["Invalid"][0]["problem"]["kind"], "not_csv");
    let big = vec![b'a'; app::import::MAX_FILE_MB as usize * 1024 * 1024 + 10];
    let too_big = upload(&app, &mut coordinator, "mentee", "x.csv", &big).await;
    assert_eq!(
        too_big.body["Invalid"][0]["problem"]["kind"], "file_too_large",
        "{}",
        too_big.text
    );
    // Another coordinator cannot see this coordinator's session.
    let uploaded = upload(
        &app,
        &mut coordinator,
        "mentee",
        "x.csv",
        mixed_file().as_bytes(),
    )
    .await;
    let id = uploaded.body["id"].as_str().expect("id").to_owned();
    let mut other = logged_in_as(&app, Role::Coordinator, "other@example.dk").await;
    let hidden = other.call(&app, "import_preview", &[("id", &id)]).await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    // A mapping without the email column is refused with the field it lacks.
    let unmapped = coordinator
        .call_json(
            &app,
            "map_import",
            json!({ "id": id, "mapping": vec![Value::Null; 18] }),
        )
        .await;
    assert_eq!(unmapped.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unmapped.text.contains("\"email\""), "{}", unmapped.text);
}

#[tokio::test]
async fn exports_are_logged_neutralise_formulas_and_are_refused_to_non_staff() {
    let app = test_app().await;
    let mut board = common::board(&app, 2, &[1]).await;
    app.db
        .query("UPDATE account SET name = '=HYPERLINK(\"http://evil\")' WHERE email = 'mentee00@example.dk'")
        .await
        .expect("name");
    let path = format!(
        "/coordinator/cohorts/{}/export/participants.csv",
        board.cohort
    );
    let reply = board.coordinator.get(&app, &path, &[]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(
        reply.headers[header::CONTENT_TYPE],
        "text/csv; charset=utf-8"
    );
    assert!(reply.text.starts_with('\u{feff}'), "byte-order mark");
    let mut reader =
        csv::ReaderBuilder::new().from_reader(reply.text.trim_start_matches('\u{feff}').as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    assert_eq!(records.len(), 3);
    for record in &records {
        for cell in record {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell}"
            );
        }
    }
    assert!(
        records
            .iter()
            .any(|r| &r[0] == "'=HYPERLINK(\"http://evil\")")
    );
    let logged: Vec<Value> = app
        .db
        .query("SELECT subject, why, what FROM access_log WHERE why = 'export'")
        .await
        .and_then(|mut r| r.take(0))
        .expect("log");
    assert_eq!(logged.len(), 3, "{logged:?}");
    assert!(
        logged
            .iter()
            .any(|entry| entry["subject"] == json!(board.mentees[0]))
    );

    for export in ["matches", "meetings", "outcomes"] {
        let path = format!("/coordinator/cohorts/{}/export/{export}.csv", board.cohort);
        assert_eq!(
            board.coordinator.get(&app, &path, &[]).await.status,
            StatusCode::OK
        );
    }
    let mut mentee = common::signed_up(&app, "mentee", "mia@example.dk").await;
    assert_eq!(
        mentee.get(&app, &path, &[]).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        Client::default().get(&app, &path, &[]).await.status,
        StatusCode::UNAUTHORIZED
    );
    let unknown = format!("/coordinator/cohorts/{}/export/secrets.csv", board.cohort);
    assert_eq!(
        board.coordinator.get(&app, &unknown, &[]).await.status,
        StatusCode::NOT_FOUND
    );
}
