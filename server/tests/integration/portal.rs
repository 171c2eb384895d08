//! The portal through the real router: applications, object-level access,
//! uploads, invitations, referrals, programme pages, export and erasure.

use crate::common;

use app::accounts::Role;
use app::backend::privacy::{OTHER_TABLES, PERSONAL_TABLES};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{
    Client, PASSWORD, TestApp, complete_mentee, complete_mentor, fitting_mentor, logged_in_as,
    programme, signed_up, test_app,
};
use serde_json::{Value, json};

fn step_one() -> Value {
    json!({
        "phone": "+45 12 34 56 78",
        "postcode": "8000",
        "country_of_origin": "Brazil",
        "arrival_date": "2026-03-01",
        "residence_basis": "accompanying_family",
        "may_work": true
    })
}

fn fields(reply: &common::Reply) -> Vec<String> {
    reply.body["Invalid"]
        .as_array()
        .map(|problems| {
            problems
                .iter()
                .map(|p| p["field"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

async fn submitted_mentee(app: &TestApp, email: &str, marker: &str) -> Client {
    let mut client = signed_up(app, "mentee", email).await;
    let reply = client
        .call_json(
            app,
            "submit_mentee_application",
            json!({ "answers": complete_mentee(marker), "consent_version": 1 }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    client
}

async fn account_id(client: &mut Client, app: &TestApp) -> String {
    let me = client.call(app, "current_account", &[]).await;
    me.body["id"].as_str().expect("logged in").to_owned()
}

#[tokio::test]
async fn a_mentee_application_is_saved_step_by_step_and_submitted_with_consent() {
    let app = test_app().await;
    let mut mentee = signed_up(&app, "mentee", "ana@example.dk").await;

    let empty = mentee
        .call_json(
            &app,
            "save_mentee_draft",
            json!({ "answers": {}, "step": 1 }),
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        fields(&empty),
        [
            "postcode",
            "country_of_origin",
            "arrival_date",
            "residence_basis",
            "may_work"
        ]
    );

    let mut bad = step_one();
    bad["arrival_date"] = json!("2999-01-01");
    bad["phone"] = json!("call me");
    let refused = mentee
        .call_json(
            &app,
            "save_mentee_draft",
            json!({ "answers": bad, "step": 1 }),
        )
        .await;
    assert_eq!(fields(&refused), ["phone", "arrival_date"]);
    assert_eq!(
        refused.body["Invalid"][1]["problem"]["kind"],
        "date_in_future"
    );

    let saved = mentee
        .call_json(
            &app,
            "save_mentee_draft",
            json!({ "answers": step_one(), "step": 1 }),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    assert_eq!(saved.body["step"], 2);
    assert_eq!(saved.body["status"], "draft");
    assert_eq!(
        saved.body["answers"]["answers"]["country_of_origin"],
        "Brazil"
    );

    // The draft survives a new session.
    let mut again = Client::default();
    again.login(&app, "ana@example.dk", PASSWORD).await;
    let resumed = again.call(&app, "my_application", &[]).await;
    assert_eq!(resumed.body["step"], 2);
    assert_eq!(resumed.body["answers"]["answers"]["postcode"], "8000");

    let no_consent = again
        .call_json(
            &app,
            "submit_mentee_application",
            json!({ "answers": complete_mentee("ana"), "consent_version": 0 }),
        )
        .await;
    assert_eq!(fields(&no_consent), ["consent"]);

    let submitted = again
        .call_json(
            &app,
            "submit_mentee_application",
            json!({ "answers": complete_mentee("ana"), "consent_version": 1 }),
        )
        .await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.text);
    assert_eq!(submitted.body["status"], "submitted");
    assert!(submitted.body["submitted_at"].as_i64().is_some());

    let consents = again.call(&app, "my_consents", &[]).await;
    assert_eq!(consents.body.as_array().map(Vec::len), Some(1));
    assert_eq!(consents.body[0]["version"], 1);

    // Once submitted, edits must keep the application complete.
    let mut incomplete = complete_mentee("ana");
    incomplete["goals"] = json!("");
    let edit = again
        .call_json(
            &app,
            "save_mentee_draft",
            json!({ "answers": incomplete, "step": 1 }),
        )
        .await;
    assert_eq!(fields(&edit), ["goals"]);

    let withdrawn = again.call(&app, "withdraw_application", &[]).await;
    assert_eq!(withdrawn.body["status"], "withdrawn");
    let after = again
        .call_json(
            &app,
            "save_mentee_draft",
            json!({ "answers": complete_mentee("ana"), "step": 1 }),
        )
        .await;
    assert_eq!(after.body["Invalid"][0]["problem"]["kind"], "not_editable");
}

#[tokio::test]
async fn a_mentor_profile_is_checked_and_saved() {
    let app = test_app().await;
    let mut mentor = signed_up(&app, "mentor", "lars@example.dk").await;
    let mut bad = complete_mentor();
    bad["capacity"] = json!("4");
    bad["offers"] = json!([]);
    let refused = mentor
        .call_json(
            &app,
            "save_mentor_profile",
            json!({ "answers": bad, "consent_version": 1 }),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&refused), ["offers", "capacity"]);

    let saved = mentor
        .call_json(
            &app,
            "save_mentor_profile",
            json!({ "answers": complete_mentor(), "consent_version": 1 }),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    assert_eq!(saved.body["status"], "submitted");
    assert_eq!(saved.body["answers"]["kind"], "mentor");

    // A mentor cannot file a mentee application, nor a mentee a mentor profile.
    let wrong = mentor
        .call_json(
            &app,
            "submit_mentee_application",
            json!({ "answers": complete_mentee("x"), "consent_version": 1 }),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    let mut mentee = signed_up(&app, "mentee", "mia@example.dk").await;
    let wrong = mentee
        .call_json(
            &app,
            "save_mentor_profile",
            json!({ "answers": complete_mentor(), "consent_version": 1 }),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn malformed_and_hostile_input_is_refused_without_a_server_error() {
    let app = test_app().await;
    let mut mentee = signed_up(&app, "mentee", "eve@example.dk").await;
    for body in [
        json!({ "answers": { "may_work": "perhaps" }, "step": 1 }),
        json!({ "answers": {}, "step": 99 }),
        json!({ "answers": [], "step": 1 }),
        json!("'; REMOVE TABLE account; --"),
    ] {
        let reply = mentee
            .call_json(&app, "save_mentee_draft", body.clone())
            .await;
        assert!(
            reply.status.is_client_error(),
            "{body}: {} {}",
            reply.status,
            reply.text
        );
    }
    let mut injected = step_one();
    injected["country_of_origin"] = json!("Brazil'; DELETE account; --");
    let saved = mentee
        .call_json(
            &app,
            "save_mentee_draft",
            json!({ "answers": injected, "step": 1 }),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK);
    assert_eq!(
        saved.body["answers"]["answers"]["country_of_origin"],
        "Brazil'; DELETE account; --"
    );
    let still_there = mentee.call(&app, "current_account", &[]).await;
    assert_eq!(still_there.body["email"], "eve@example.dk");
}

fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".to_vec()
}

async fn upload(app: &TestApp, client: &mut Client, name: &str, bytes: &[u8]) -> common::Reply {
    let boundary = "mentorbro-test-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"cv\"; filename=\"{name}\"\r\nContent-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut request = Request::post(app::portal::CV_PATH)
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

#[tokio::test]
async fn a_cv_must_be_a_pdf_by_content_and_only_its_owner_and_coordinators_read_it() {
    let app = test_app().await;
    let mut ana = submitted_mentee(&app, "ana@example.dk", "ana").await;
    let ana_id = account_id(&mut ana, &app).await;

    let html = upload(
        &app,
        &mut ana,
        "cv.pdf",
        b"<html><script>alert(1)</script></html>",
    )
    .await;
    assert_eq!(html.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(html.body["Invalid"][0]["problem"]["kind"], "not_pdf");

    let mut big = pdf();
    big.resize(app::backend::uploads::MAX_CV_BYTES + 10, b' ');
    let too_big = upload(&app, &mut ana, "cv.pdf", &big).await;
    assert!(too_big.status.is_client_error(), "{}", too_big.status);

    let stored = upload(&app, &mut ana, "../../Ana CV.pdf", &pdf()).await;
    assert_eq!(stored.status, StatusCode::OK, "{}", stored.text);
    assert_eq!(stored.body["file_name"], "Ana CV.pdf");

    let own = ana
        .get(&app, &format!("{}/{ana_id}", app::portal::CV_PATH), &[])
        .await;
    assert_eq!(own.status, StatusCode::OK);
    assert_eq!(own.text.as_bytes(), pdf().as_slice());
    let disposition = own.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(disposition.starts_with("attachment"), "{disposition}");

    let mut ben = submitted_mentee(&app, "ben@example.dk", "ben").await;
    let other = ben
        .get(&app, &format!("{}/{ana_id}", app::portal::CV_PATH), &[])
        .await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
    let mut mentor = signed_up(&app, "mentor", "lars@example.dk").await;
    let other = mentor
        .get(&app, &format!("{}/{ana_id}", app::portal::CV_PATH), &[])
        .await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
    let anonymous = Client::default()
        .get(&app, &format!("{}/{ana_id}", app::portal::CV_PATH), &[])
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

    let mut coordinator = logged_in_as(&app, Role::Coordinator, "camilla@example.dk").await;
    let read = coordinator
        .get(&app, &format!("{}/{ana_id}", app::portal::CV_PATH), &[])
        .await;
    assert_eq!(read.status, StatusCode::OK);
    let log = ana.call(&app, "my_access_log", &[]).await;
    assert_eq!(log.body[0]["what"], "CV");
    assert_eq!(log.body[0]["actor_role"], "coordinator");
}

#[tokio::test]
async fn nobody_but_coordinators_reads_another_persons_application_and_every_read_is_logged() {
    let app = test_app().await;
    let mut ana = submitted_mentee(&app, "ana@example.dk", "ana").await;
    let ana_id = account_id(&mut ana, &app).await;
    let mut ben = submitted_mentee(&app, "ben@example.dk", "ben").await;
    let mut mentor = signed_up(&app, "mentor", "lars@example.dk").await;
    let mut partner = logged_in_as(&app, Role::Partner, "partner@example.dk").await;

    for client in [&mut ben, &mut mentor, &mut partner] {
        let read = client
            .call(
                &app,
                "view_application",
                &[("account", &ana_id), ("reason", "curious")],
            )
            .await;
        assert_eq!(read.status, StatusCode::FORBIDDEN, "{}", read.text);
        let list = client.call(&app, "list_applications", &[]).await;
        assert_eq!(list.status, StatusCode::FORBIDDEN);
        let decide = client
            .call_json(
                &app,
                "decide_applications",
                json!({ "accounts": [ana_id], "status": "declined", "reason": "x", "cohort": null }),
            )
            .await;
        assert_eq!(decide.status, StatusCode::FORBIDDEN);
    }
    // Own application only: there is no argument to name someone else's.
    let own = ben.call(&app, "my_application", &[]).await;
    assert_eq!(own.body["answers"]["answers"]["goals"], "Goals ben");

    let mut coordinator = logged_in_as(&app, Role::Coordinator, "camilla@example.dk").await;
    let no_reason = coordinator
        .call(
            &app,
            "view_application",
            &[("account", &ana_id), ("reason", " ")],
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    let read = coordinator
        .call(
            &app,
            "view_application",
            &[
                ("account", &ana_id),
                ("reason", "reviewing the application"),
            ],
        )
        .await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.text);
    assert_eq!(read.body[1]["answers"]["answers"]["goals"], "Goals ana");
    let decided = coordinator
        .call_json(
                &app,
                "decide_applications",
                json!({ "accounts": [ana_id], "status": "waitlisted", "reason": "Cohort is full", "cohort": null }),
            )
        .await;
    assert_eq!(decided.status, StatusCode::OK, "{}", decided.text);

    let log = ana.call(&app, "my_access_log", &[]).await;
    let entries = log.body.as_array().expect("a list");
    assert_eq!(entries.len(), 2, "{}", log.text);
    assert!(
        entries
            .iter()
            .any(|e| e["why"] == "reviewing the application")
    );
    assert!(entries.iter().any(|e| e["action"] == "change"));
    let mine = ana.call(&app, "my_application", &[]).await;
    assert_eq!(mine.body["status"], "waitlisted");
    assert_eq!(mine.body["status_reason"], "Cohort is full");
}

#[tokio::test]
async fn the_access_log_cannot_be_changed_or_deleted() {
    let app = test_app().await;
    let mut ana = submitted_mentee(&app, "ana@example.dk", "ana").await;
    let ana_id = account_id(&mut ana, &app).await;
    let mut coordinator = logged_in_as(&app, Role::Coordinator, "camilla@example.dk").await;
    coordinator
        .call(
            &app,
            "view_application",
            &[("account", &ana_id), ("reason", "review")],
        )
        .await;
    for statement in [
        "UPDATE access_log SET why = 'nothing happened'",
        "DELETE access_log",
    ] {
        let result = app.db.query(statement).await.and_then(|r| r.check());
        assert!(result.is_err(), "{statement} was allowed");
    }
    let log = ana.call(&app, "my_access_log", &[]).await;
    assert_eq!(log.body[0]["why"], "review");
}

async fn all_tables(app: &TestApp) -> Vec<String> {
    let info: Option<Value> = app
        .db
        .query("INFO FOR DB")
        .await
        .and_then(|mut r| r.take(0))
        .expect("info");
    let info = info.expect("info");
    let mut tables: Vec<String> = info["tables"]
        .as_object()
        .expect("tables")
        .keys()
        .cloned()
        .collect();
    tables.sort();
    tables
}

/// A person with data in every personal table: account, application, consent,
/// upload, an invitation, an access-log entry, a session, a board, a survey
/// answer and employment outcomes.
async fn person_everywhere(app: &TestApp) -> (Client, String) {
    let mut coordinator = logged_in_as(app, Role::Coordinator, "camilla@example.dk").await;
    let invited = coordinator
        .call(
            app,
            "invite_mentor",
            &[
                ("email", "zuzana@example.dk"),
                ("name", "Zuzana Marker"),
                ("company", "Markerco"),
            ],
        )
        .await;
    assert_eq!(invited.status, StatusCode::OK, "{}", invited.text);
    let mut zuzana = submitted_mentee(app, "zuzana@example.dk", "zuzanamarker").await;
    let id = account_id(&mut zuzana, app).await;
    let stored = upload(app, &mut zuzana, "zuzanamarker.pdf", &pdf()).await;
    assert_eq!(stored.status, StatusCode::OK);
    coordinator
        .call(
            app,
            "view_application",
            &[("account", &id), ("reason", "review")],
        )
        .await;
    // On a board: in a cohort, paired with one mentor, ruled out with another.
    coordinator
        .call_json(
            app,
            "save_programme",
            json!({ "page": programme("aarhus-spouses"), "original_slug": null }),
        )
        .await;
    let cohort = coordinator
        .call_json(
            app,
            "save_cohort",
            json!({ "id": null, "form": {
                "programme": "aarhus-spouses", "name": "Spring", "start": "2027-02-01",
                "end": "2027-05-31", "places": "10", "status": "matching"
            }}),
        )
        .await;
    let cohort = cohort.body["id"].as_str().expect("cohort").to_owned();
    let mut mentors = Vec::new();
    for email in ["lars@example.dk", "mette@example.dk"] {
        let mut mentor = signed_up(app, "mentor", email).await;
        mentor
            .call_json(
                app,
                "save_mentor_profile",
                json!({ "answers": fitting_mentor(1), "consent_version": 1 }),
            )
            .await;
        mentors.push(account_id(&mut mentor, app).await);
    }
    let accepted = coordinator
        .call_json(
            app,
            "decide_applications",
            json!({ "accounts": [id, mentors[0], mentors[1]], "status": "accepted", "reason": "", "cohort": cohort }),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.text);
    let paired = coordinator
        .call(
            app,
            "move_mentee",
            &[("cohort", &cohort), ("mentee", &id), ("to", &mentors[0])],
        )
        .await;
    assert_eq!(paired.status, StatusCode::OK, "{}", paired.text);
    coordinator
        .call(
            app,
            "forbid_pair",
            &[
                ("cohort", &cohort),
                ("mentee", &id),
                ("mentor", &mentors[1]),
                ("forbidden", "true"),
            ],
        )
        .await;
    // At a workshop: said yes, checked in, with a calendar feed.
    let workshop = coordinator
        .call_json(
            app,
            "save_workshop",
            json!({ "id": null, "cohort": cohort, "form": {
                "title": "CV clinic", "date": "2099-06-10", "time": "17:00", "minutes": "90",
                "place": "Vestergade 55", "capacity": "10"
            }}),
        )
        .await;
    assert_eq!(workshop.status, StatusCode::OK, "{}", workshop.text);
    let workshop = workshop.body["id"].as_str().expect("workshop").to_owned();
    let coming = zuzana
        .call(
            app,
            "answer_workshop",
            &[("id", &workshop), ("coming", "true")],
        )
        .await;
    assert_eq!(coming.status, StatusCode::OK, "{}", coming.text);
    let came = coordinator
        .call(
            app,
            "set_attendance",
            &[
                ("workshop", &workshop),
                ("account", &id),
                ("attended", "true"),
            ],
        )
        .await;
    assert_eq!(came.status, StatusCode::OK, "{}", came.text);
    let feed = zuzana.call(app, "my_calendar_feed", &[]).await;
    assert_eq!(feed.status, StatusCode::OK, "{}", feed.text);
    // A survey answered, with the employment it recorded, and a coordinator's correction.
    app.db
        .query(
            "CREATE survey:followup1 CONTENT {
                cohort: type::record('cohort', $cohort), title: 'Follow-up', intro: '',
                moment: 'follow_up_3m', audience: 'mentees', includes_outcome: true,
                questions: [{ key: 'q1', kind: 'text', text: 'Anything else?', options: [], required: false }],
                updated_at: time::now()
            };
            CREATE type::record('survey_answer', 'followup1_' + $id) CONTENT {
                survey: survey:followup1, cohort: type::record('cohort', $cohort),
                account: type::record('account', $id), kind: 'mentee',
                answers: [{ question: 'q1', text: 'Thanks from zuzanamarker' }], answered_at: time::now()
            };
            CREATE outcome CONTENT {
                cohort: type::record('cohort', $cohort), mentee: type::record('account', $id),
                moment: 'follow_up_3m', status: 'ordinary_job', hours: 37, matches_education: true,
                industry: 'Markerco industry', found_on: '2027-06-01', in_aarhus: true, note: '',
                source: 'survey', survey: survey:followup1, recorded_by: type::record('account', $id),
                recorded_by_name: 'Zuzana Marker', recorded_at: time::now()
            };",
        )
        .bind(("cohort", cohort.clone()))
        .bind(("id", id.clone()))
        .await
        .and_then(|response| response.check())
        .expect("survey answer and outcome");
    let corrected = coordinator
        .call_json(
            app,
            "record_outcome",
            json!({ "cohort": cohort, "mentee": id, "form": {
                "moment": "start", "status": "not_working", "in_aarhus": true,
                "note": "Checked with zuzanamarker by phone."
            }}),
        )
        .await;
    assert_eq!(corrected.status, StatusCode::OK, "{}", corrected.text);
    // The course: a meeting, an introduction, an earlier match that ended, a reminder.
    app.db
        .query(
            "LET $cohort = type::record('cohort', $cohort_key);
             LET $me = type::record('account', $id);
             LET $mentor = type::record('account', $mentor_key);
             CREATE board_viewer CONTENT {
                cohort: $cohort, account: $me, name: 'Zuzana Marker', seen_at: time::now()
             };
             CREATE meeting CONTENT {
                cohort: $cohort, mentee: $me, mentor: $mentor, logged_by: $me, date: '2027-02-10',
                minutes: 60, mode: 'online', topics: ['cv'], notes: 'Zuzana brought her CV',
                next_steps: ''
             };
             CREATE introduction CONTENT {
                cohort: $cohort, mentee: $me, mentor: $mentor, date: '2027-02-12',
                company: 'Arla', role: '', kind: 'coffee', outcome: 'pending',
                note: 'Zuzana met Arla', updated_at: time::now()
             };
             CREATE match_end CONTENT {
                cohort: $cohort, mentee: $me, mentor: $mentor, reason: 'other',
                note: 'Zuzana asked for another', ended_by: $mentor, ended_at: time::now()
             };
             CREATE reminder CONTENT { kind: 'quiet', account: $me, about: 'quiet', sent_at: time::now() };
             CREATE password_setup CONTENT { account: $me, token_hash: 'zuzana-setup', expires_at: time::now() + 30d };
             CREATE import_session CONTENT {
                kind: 'mentee', file_name: 'spring.csv', language: 'en', headers: ['Name', 'Email'],
                mapping: ['name', 'email'], lines: [2], rows: [['Zuzana Marker', 'zuzana@example.dk']],
                emails: ['zuzana@example.dk'], created_by: $mentor, expires_at: time::now() + 1d
             };",
        )
        .bind(("cohort_key", cohort))
        .bind(("mentor_key", mentors[0].clone()))
        .bind(("id", id.clone()))
        .await
        .and_then(|response| response.check())
        .expect("viewer");
    (zuzana, id)
}

#[tokio::test]
async fn every_table_is_either_exported_or_holds_no_personal_data() {
    let app = test_app().await;
    let (mut zuzana, _) = person_everywhere(&app).await;
    for table in all_tables(&app).await {
        assert!(
            PERSONAL_TABLES.iter().any(|(name, _)| *name == table)
                || OTHER_TABLES.contains(&table.as_str()),
            "table {table} is neither in the export nor declared free of personal data"
        );
    }
    let export = zuzana.call(&app, "my_data", &[]).await;
    assert_eq!(export.status, StatusCode::OK);
    let data: Value = serde_json::from_str(export.body.as_str().expect("json text")).expect("json");
    for (table, _) in PERSONAL_TABLES {
        let rows = data[*table]
            .as_array()
            .unwrap_or_else(|| panic!("{table} missing"));
        assert!(!rows.is_empty(), "export of {table} is empty: {data}");
    }
    assert_eq!(data["account"][0]["email"], "zuzana@example.dk");
    assert!(data["account"][0].get("password_hash").is_none());
    assert_eq!(
        data["application"][0]["answers"]["goals"],
        "Goals zuzanamarker"
    );
    let log = data["access_log"].as_array().expect("access log");
    assert!(log.iter().any(|entry| entry["why"] == "review"), "{log:?}");
    assert_eq!(data["pairing"][0]["as"], "mentee");
}

#[tokio::test]
async fn erasure_leaves_no_personal_field_session_or_file_behind() {
    let app = test_app().await;
    let (mut zuzana, id) = person_everywhere(&app).await;
    let old_cookie = zuzana.clone();
    assert!(std::fs::read_dir(&app.uploads).expect("uploads").count() > 0);

    let unconfirmed = zuzana
        .call(&app, "delete_my_account", &[("password", PASSWORD)])
        .await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    let wrong = zuzana
        .call(
            &app,
            "delete_my_account",
            &[("password", "wrong-password"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(wrong.body["Invalid"][0]["field"], "password");

    let erased = zuzana
        .call(
            &app,
            "delete_my_account",
            &[("password", PASSWORD), ("confirm", "yes")],
        )
        .await;
    assert_eq!(erased.status, StatusCode::OK, "{}", erased.text);

    for table in all_tables(&app).await {
        let rows: Vec<Value> = app
            .db
            .query("SELECT * FROM type::table($table)")
            .bind(("table", table.clone()))
            .await
            .and_then(|mut r| r.take(0))
            .expect("rows");
        let text = serde_json::to_string(&rows).unwrap().to_lowercase();
        for marker in ["zuzana", "markerco", "12 34 56 78", "linkedin.com/in"] {
            assert!(!text.contains(marker), "{marker} left in {table}: {text}");
        }
        if table != "access_log" {
            assert!(!text.contains(&id), "account id left in {table}");
        }
    }
    let sessions: Vec<Value> = app
        .db
        .query("SELECT * FROM session")
        .await
        .and_then(|mut r| r.take(0))
        .expect("sessions");
    assert!(
        sessions.len() <= 3,
        "only the coordinator's and the two mentors' sessions may remain"
    );
    assert_eq!(std::fs::read_dir(&app.uploads).expect("uploads").count(), 0);

    let mut stale = old_cookie;
    let me = stale.call(&app, "current_account", &[]).await;
    assert!(
        me.body.is_null(),
        "the old session still works: {}",
        me.text
    );
    let login = Client::default()
        .login(&app, "zuzana@example.dk", PASSWORD)
        .await;
    assert_eq!(login.status, StatusCode::UNAUTHORIZED);

    let kept: Vec<Value> = app
        .db
        .query("SELECT * FROM anonymous_participant")
        .await
        .and_then(|mut r| r.take(0))
        .expect("statistics");
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0]["country_of_origin"], "Brazil");
    assert_eq!(kept[0]["kind"], "mentee");
}

#[tokio::test]
async fn staff_cannot_erase_themselves() {
    let app = test_app().await;
    let mut coordinator = logged_in_as(&app, Role::Coordinator, "camilla@example.dk").await;
    let reply = coordinator
        .call(
            &app,
            "delete_my_account",
            &[("password", PASSWORD), ("confirm", "yes")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_retention_job_anonymises_people_whose_course_ended_long_ago() {
    let app = test_app().await;
    let mut old = submitted_mentee(&app, "old@example.dk", "old").await;
    let old_id = account_id(&mut old, &app).await;
    let mut recent = submitted_mentee(&app, "recent@example.dk", "recent").await;
    let recent_id = account_id(&mut recent, &app).await;
    for (id, ended) in [
        (&old_id, "2024-01-01T00:00:00Z"),
        (&recent_id, "2099-01-01T00:00:00Z"),
    ] {
        app.db
            .query("UPDATE type::record('application', $id) SET status = 'completed', ended_at = <datetime> $ended")
            .bind(("id", id.clone()))
            .bind(("ended", ended))
            .await
            .and_then(|r| r.check())
            .expect("set ended");
    }
    let uploads = app::backend::privacy::Uploads {
        dir: app.uploads.clone(),
    };
    let count = app::backend::privacy::anonymise_expired(
        &app.db,
        &uploads,
        std::time::Duration::from_secs(365 * 24 * 3600),
    )
    .await
    .expect("job runs");
    assert_eq!(count, 1);
    assert!(
        Client::default()
            .login(&app, "old@example.dk", PASSWORD)
            .await
            .status
            == StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        Client::default()
            .login(&app, "recent@example.dk", PASSWORD)
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_invitation_opens_a_prefilled_mentor_sign_up_once_and_expires() {
    let app = test_app().await;
    let mut coordinator = logged_in_as(&app, Role::Coordinator, "camilla@example.dk").await;
    let mut mentee = signed_up(&app, "mentee", "ana@example.dk").await;
    let refused = mentee
        .call(
            &app,
            "invite_mentor",
            &[("email", "x@example.dk"), ("name", "X"), ("company", "")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let invited = coordinator
        .call(
            &app,
            "invite_mentor",
            &[
                ("email", "Søren@Example.dk"),
                ("name", "Søren Holm"),
                ("company", "Arla"),
            ],
        )
        .await;
    assert_eq!(invited.status, StatusCode::OK, "{}", invited.text);
    let path = invited.body["path"].as_str().unwrap().to_owned();
    let token = path.trim_start_matches("/invite/").to_owned();

    let details = Client::default()
        .call(&app, "invitation_details", &[("token", &token)])
        .await;
    assert_eq!(details.body["email"], "søren@example.dk");
    assert_eq!(details.body["company"], "Arla");

    let mut soren = Client::default();
    let accepted = soren
        .call(
            &app,
            "accept_invitation",
            &[
                ("token", &token),
                ("name", "Søren Holm"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.text);
    assert_eq!(accepted.body["role"], "mentor");
    let draft = soren.call(&app, "my_application", &[]).await;
    assert_eq!(draft.body["answers"]["answers"]["company"], "Arla");

    let reused = Client::default()
        .call(
            &app,
            "accept_invitation",
            &[
                ("token", &token),
                ("name", "Someone"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        reused.body["Invalid"][0]["problem"]["kind"],
        "invitation_used"
    );

    let second = coordinator
        .call(
            &app,
            "invite_mentor",
            &[
                ("email", "late@example.dk"),
                ("name", "Late"),
                ("company", ""),
            ],
        )
        .await;
    let late_token = second.body["path"]
        .as_str()
        .unwrap()
        .trim_start_matches("/invite/")
        .to_owned();
    app.db
        .query("UPDATE invitation SET expires_at = time::now() - 1d WHERE token_hash = $hash")
        .bind(("hash", app::backend::invitations::hash_of(&late_token)))
        .await
        .and_then(|r| r.check())
        .expect("age the invitation");
    let expired = Client::default()
        .call(&app, "invitation_details", &[("token", &late_token)])
        .await;
    assert_eq!(
        expired.body["Invalid"][0]["problem"]["kind"],
        "invitation_expired"
    );
    let sent = coordinator.call(&app, "list_invitations", &[]).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.text);
    let sent = sent.body.as_array().expect("a list").clone();
    assert_eq!(sent.len(), 2);
    assert!(
        sent.iter()
            .any(|i| i["email"] == "søren@example.dk" && i["used"] == true)
    );
    let unknown = Client::default()
        .call(&app, "invitation_details", &[("token", "not-a-token")])
        .await;
    assert_eq!(
        unknown.body["Invalid"][0]["problem"]["kind"],
        "invitation_unknown"
    );
}

#[tokio::test]
async fn a_referral_link_records_the_partner_on_the_application() {
    let app = test_app().await;
    let mut admin = logged_in_as(&app, Role::Admin, "admin@example.dk").await;
    let created = admin
        .call(
            &app,
            "create_partner",
            &[
                ("name", "International Employment Unit"),
                ("code", "aarhus-ieu"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.text);
    let taken = admin
        .call(
            &app,
            "create_partner",
            &[("name", "Another"), ("code", "aarhus-ieu")],
        )
        .await;
    assert_eq!(taken.body["Invalid"][0]["problem"]["kind"], "slug_taken");
    let bad = admin
        .call(
            &app,
            "create_partner",
            &[("name", "Bad"), ("code", "Not A Code!")],
        )
        .await;
    assert_eq!(bad.body["Invalid"][0]["field"], "code");

    let mut mentee = Client::default();
    let signed = mentee
        .call(
            &app,
            "sign_up",
            &[
                ("name", "Ana"),
                ("email", "ana@example.dk"),
                ("password", PASSWORD),
                ("role", "mentee"),
                ("referral", "aarhus-ieu"),
                ("language", "da"),
            ],
        )
        .await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.text);
    assert_eq!(signed.body["language"], "da");
    let draft = mentee.call(&app, "my_application", &[]).await;
    assert_eq!(draft.body["partner_name"], "International Employment Unit");
    assert_eq!(draft.body["answers"]["answers"]["heard_from"], "partner");

    let partners = admin.call(&app, "list_partners", &[]).await;
    assert_eq!(partners.body[0]["referrals"], 1);

    let mut partner_user = admin
        .call(
            &app,
            "create_account",
            &[
                ("name", "Partner Person"),
                ("email", "p@example.dk"),
                ("role", "partner"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(partner_user.body["Invalid"][0]["field"], "partner");
    partner_user = admin
        .call(
            &app,
            "create_account",
            &[
                ("name", "Partner Person"),
                ("email", "p@example.dk"),
                ("role", "partner"),
                ("password", PASSWORD),
                ("partner", created.body["id"].as_str().unwrap()),
            ],
        )
        .await;
    assert_eq!(partner_user.status, StatusCode::OK, "{}", partner_user.text);
}

#[tokio::test]
async fn the_public_programme_page_renders_on_the_server_in_both_languages() {
    let app = test_app().await;
    let mut coordinator = logged_in_as(&app, Role::Coordinator, "camilla@example.dk").await;
    let mut bad = programme("Not a slug");
    bad["da"]["intro"] = json!("");
    let refused = coordinator
        .call_json(
            &app,
            "save_programme",
            json!({ "page": bad, "original_slug": null }),
        )
        .await;
    assert_eq!(fields(&refused), ["slug", "da.intro"]);
    let saved = coordinator
        .call_json(
            &app,
            "save_programme",
            json!({ "page": programme("aarhus"), "original_slug": null }),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    let mut mentee = signed_up(&app, "mentee", "ana@example.dk").await;
    let forbidden = mentee
        .call_json(
            &app,
            "save_programme",
            json!({ "page": programme("other"), "original_slug": null }),
        )
        .await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);

    let english = Client::default()
        .get(&app, "/p/aarhus", &[("accept-language", "en-GB,en;q=0.9")])
        .await;
    assert_eq!(english.status, StatusCode::OK);
    assert!(
        english.text.contains("Find your footing in Aarhus."),
        "{}",
        english.text
    );
    assert!(english.text.contains("Applications are open."));
    assert!(english.text.contains("Spouses of international employees."));
    assert!(english.text.contains("href=\"/signup?as=mentee\""));

    let danish = Client::default()
        .get(&app, "/p/aarhus", &[("accept-language", "da-DK,da;q=0.9")])
        .await;
    assert!(
        danish.text.contains("Find fodfæste i Aarhus."),
        "{}",
        danish.text
    );
    assert!(danish.text.contains("Der er åbent for ansøgninger."));
    assert!(danish.text.contains("lang=\"da\""));

    let mut closed = programme("aarhus");
    closed["intake"] = json!("full");
    coordinator
        .call_json(
            &app,
            "save_programme",
            json!({ "page": closed, "original_slug": "aarhus" }),
        )
        .await;
    let full = Client::default().get(&app, "/p/aarhus", &[]).await;
    assert!(full.text.contains("The next cohort is full."));
    assert!(!full.text.contains("href=\"/signup?as=mentee\""));

    let missing = Client::default().get(&app, "/p/nowhere", &[]).await;
    assert!(missing.text.contains("Not found."));
}

#[tokio::test]
async fn demo_data_holds_a_valid_application_for_every_participant() {
    let app = test_app().await;
    app::backend::demo::fill(&app.db).await.expect("demo data");
    let rows: Vec<Value> = app
        .db
        .query("SELECT kind, status, answers FROM application")
        .await
        .and_then(|mut r| r.take(0))
        .expect("applications");
    assert_eq!(rows.len(), 70);
    let today = app::portal::profile::today();
    for row in rows {
        assert_eq!(row["status"], "accepted");
        let problems = if row["kind"] == "mentee" {
            serde_json::from_value::<app::portal::MenteeProfile>(row["answers"].clone())
                .expect("mentee answers")
                .problems(today)
        } else {
            serde_json::from_value::<app::portal::MentorProfile>(row["answers"].clone())
                .expect("mentor answers")
                .problems(today)
        };
        assert!(problems.is_empty(), "{problems:?} in {row}");
    }
    let page = Client::default().get(&app, "/p/aarhus-spouses", &[]).await;
    assert!(page.text.contains("Erhverv Aarhus"));
    let mut coordinator = Client::default();
    coordinator
        .login(&app, "coordinator@demo.mentorbro.dk", "mentorbro-demo")
        .await;
    let board = coordinator
        .call(
            &app,
            "board_people",
            &[("cohort", app::backend::demo::DEMO_COHORT)],
        )
        .await;
    assert_eq!(board.status, StatusCode::OK, "{}", board.text);
    assert_eq!(board.body["mentees"].as_array().map(Vec::len), Some(40));
    assert_eq!(board.body["mentors"].as_array().map(Vec::len), Some(30));
    assert_eq!(board.body["fit"].as_array().map(Vec::len), Some(40 * 30));
    assert!(
        app::backend::demo::fill(&app.db).await.is_err(),
        "demo data only goes into an empty database"
    );
}

#[tokio::test]
async fn invitations_and_decisions_are_emailed_in_the_readers_language() {
    let app = test_app().await;
    let mut coordinator = logged_in_as(&app, Role::Coordinator, "camilla@example.dk").await;
    coordinator
        .call(
            &app,
            "invite_mentor",
            &[
                ("email", "soren@example.dk"),
                ("name", "Søren Holm"),
                ("company", "Arla"),
            ],
        )
        .await;
    let mut ana = Client::default();
    ana.call(
        &app,
        "sign_up",
        &[
            ("name", "Ana"),
            ("email", "ana@example.dk"),
            ("password", PASSWORD),
            ("role", "mentee"),
            ("language", "da"),
        ],
    )
    .await;
    ana.call_json(
        &app,
        "submit_mentee_application",
        json!({ "answers": complete_mentee("ana"), "consent_version": 1 }),
    )
    .await;
    let ana_id = account_id(&mut ana, &app).await;
    let decided = coordinator
        .call_json(
            &app,
            "decide_applications",
            json!({ "accounts": [ana_id], "status": "accepted", "reason": "", "cohort": null }),
        )
        .await;
    assert_eq!(decided.status, StatusCode::OK, "{}", decided.text);

    let queued: Vec<Value> = app
        .db
        .query("SELECT to, subject, body FROM outbox ORDER BY created_at")
        .await
        .and_then(|mut r| r.take(0))
        .expect("outbox");
    assert_eq!(queued.len(), 2);
    assert_eq!(queued[0]["to"], "soren@example.dk");
    assert!(
        queued[0]["body"]
            .as_str()
            .unwrap()
            .contains("http://mentorbro.test/invite/")
    );
    assert_eq!(queued[1]["to"], "ana@example.dk");
    assert_eq!(queued[1]["subject"], "Nyt om din ansøgning");
    assert!(queued[1]["body"].as_str().unwrap().contains("Optaget"));

    let sent = app::backend::mail::deliver(&app.db, &app.mail)
        .await
        .expect("delivery");
    assert_eq!(sent, 2);
    let files = std::fs::read_dir(&app.mails)
        .expect("mail directory")
        .count();
    assert_eq!(files, 2);
    let again = app::backend::mail::deliver(&app.db, &app.mail)
        .await
        .expect("delivery");
    assert_eq!(again, 0, "sent mail is not sent twice");
}

#[tokio::test]
async fn the_applications_list_is_newest_first_filtered_and_names_each_persons_cohorts() {
    let app = test_app().await;
    // More accepted people than one read of cohort memberships takes (32).
    let mut board = common::board(&app, 36, &[2, 2, 2]).await;
    let late_mentee = common::participant(&app, Role::Mentee, "late@example.dk", "Late Mentee", {
        let mut answers = complete_mentee("late");
        answers["other_languages"] = json!([{ "language": "Tigrinya", "level": "native" }]);
        answers["target_industries"] = json!("Healthcare");
        answers
    })
    .await;
    let late_mentor = common::participant(
        &app,
        Role::Mentor,
        "late-mentor@example.dk",
        "Late Mentor",
        fitting_mentor(1),
    )
    .await;
    // A draft is nobody's business yet, nor is a draft that was withdrawn:
    // it never was an application.
    signed_up(&app, "mentee", "draft@example.dk").await;
    let mut withdrawn = signed_up(&app, "mentee", "withdrawn-draft@example.dk").await;
    let draft = withdrawn
        .call_json(
            &app,
            "save_mentee_draft",
            json!({ "answers": step_one(), "step": 1 }),
        )
        .await;
    assert_eq!(draft.body["status"], "draft", "{}", draft.text);
    let reply = withdrawn.call(&app, "withdraw_application", &[]).await;
    assert_eq!(reply.body["status"], "withdrawn", "{}", reply.text);
    // Distinct submission times, oldest first in the order created, the
    // late mentor newest of all.
    let accounts: Vec<&String> = board
        .mentees
        .iter()
        .chain(&board.mentors)
        .chain([&late_mentee, &late_mentor])
        .collect();
    submitted_in_order(&app, &accounts, 60).await;

    let list = |kind: Option<&'static str>, status: Option<&'static str>| {
        let mut fields = Vec::new();
        if let Some(kind) = kind {
            fields.push(("kind", kind));
        }
        if let Some(status) = status {
            fields.push(("status", status));
        }
        fields
    };
    let all = board
        .coordinator
        .call(&app, "list_applications", &list(None, None))
        .await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.text);
    assert_eq!(all.body["more"], false, "{}", all.text);
    let rows = all.body["rows"].as_array().expect("list");
    let listed = accounts_of(&all);
    let newest_first: Vec<&str> = accounts.iter().rev().map(|a| a.as_str()).collect();
    assert_eq!(
        listed, newest_first,
        "every application but the drafts, newest first"
    );
    for row in rows {
        let account = row["account"].as_str().unwrap();
        let expected = if account == late_mentee || account == late_mentor {
            json!([])
        } else {
            json!(["Spring 2027"])
        };
        assert_eq!(row["cohorts"], expected, "{row}");
    }
    assert_eq!(rows[0]["name"], "Late Mentor");
    assert_eq!(rows[0]["submitted_at"], 1_800_000_000 + 40 * 60);

    let mentors = board
        .coordinator
        .call(&app, "list_applications", &list(Some("mentor"), None))
        .await;
    let mentors = accounts_of(&mentors);
    let mut expected: Vec<&str> = board
        .mentors
        .iter()
        .chain([&late_mentor])
        .map(String::as_str)
        .collect();
    expected.reverse();
    assert_eq!(mentors, expected);

    let waiting = board
        .coordinator
        .call(&app, "list_applications", &list(None, Some("submitted")))
        .await;
    let waiting = accounts_of(&waiting);
    assert_eq!(waiting, [late_mentor.as_str(), late_mentee.as_str()]);

    let accepted_mentees = board
        .coordinator
        .call(
            &app,
            "list_applications",
            &list(Some("mentee"), Some("accepted")),
        )
        .await;
    let accepted_mentees = accepted_mentees.body["rows"]
        .as_array()
        .expect("accepted mentees");
    assert_eq!(accepted_mentees.len(), 36);
    assert_eq!(accepted_mentees[0]["account"], board.mentees[35].as_str());
    assert!(
        accepted_mentees
            .iter()
            .all(|r| r["kind"] == "mentee" && r["status"] == "accepted")
    );

    let drafts = board
        .coordinator
        .call(&app, "list_applications", &list(None, Some("draft")))
        .await;
    assert_eq!(drafts.status, StatusCode::OK, "{}", drafts.text);
    assert_eq!(
        drafts.body,
        json!({ "rows": [], "more": false }),
        "drafts are never listed"
    );
}

#[tokio::test]
async fn the_applications_list_searches_filters_pages_and_refuses_bad_queries() {
    let app = test_app().await;
    let mut board = common::board(&app, 3, &[2, 2]).await;
    let mut late = common::complete_mentee("late");
    late["other_languages"] = json!([{ "language": "Tigrinya", "level": "native" }]);
    late["target_industries"] = json!("Healthcare");
    let late_mentee =
        common::participant(&app, Role::Mentee, "late@example.dk", "Late Mentee", late).await;
    let accounts: Vec<&String> = board
        .mentees
        .iter()
        .chain(&board.mentors)
        .chain([&late_mentee])
        .collect();
    // From 2027-01-15 08:00 UTC, a day apart.
    submitted_in_order(&app, &accounts, 86_400).await;
    let newest_first: Vec<&str> = accounts.iter().rev().map(|a| a.as_str()).collect();
    let coordinator = &mut board.coordinator;
    let mut listed = async |fields: &[(&str, &str)]| {
        let reply = coordinator.call(&app, "list_applications", fields).await;
        assert_eq!(reply.status, StatusCode::OK, "{fields:?}: {}", reply.text);
        let more = reply.body["more"].as_bool().expect("more");
        let rows: Vec<String> = accounts_of(&reply).into_iter().map(str::to_owned).collect();
        (rows, more)
    };

    // Pages: the newest first, and whether more match.
    let (rows, more) = listed(&[("limit", "2")]).await;
    assert_eq!(rows, newest_first[..2]);
    assert!(more);
    let (rows, more) = listed(&[("limit", "6")]).await;
    assert_eq!(rows, newest_first);
    assert!(!more, "exactly as many as match");

    // Name or email, in any case.
    assert_eq!(
        listed(&[("search", "LATE")]).await.0,
        [late_mentee.as_str()]
    );
    assert_eq!(
        listed(&[("search", "mentee01@example")]).await.0,
        [board.mentees[1].as_str()]
    );
    assert_eq!(listed(&[("search", "nobody")]).await, (vec![], false));

    // What the answers say: working language (whole) and industry (part).
    assert_eq!(
        listed(&[("language", "tigrinya")]).await.0,
        [late_mentee.as_str()]
    );
    assert_eq!(
        listed(&[("language", "tigri")]).await.0,
        Vec::<String>::new()
    );
    assert_eq!(
        listed(&[("industry", "health")]).await.0,
        [late_mentee.as_str()]
    );
    let (energy, _) = listed(&[("industry", " Energy ")]).await;
    assert_eq!(energy, newest_first[1..], "everyone but the late mentee");
    // Filters the answers decide, with a page smaller than what matches.
    let (rows, more) = listed(&[("industry", "energy"), ("limit", "1")]).await;
    assert_eq!(rows, [newest_first[1]]);
    assert!(more);

    // Days of submission, both ends included.
    let (rows, _) = listed(&[("from", "2027-01-16"), ("to", "2027-01-17")]).await;
    assert_eq!(rows, [accounts[2].as_str(), accounts[1].as_str()]);
    assert_eq!(
        listed(&[("from", "2027-01-21")]).await.0,
        Vec::<String>::new()
    );
    assert_eq!(
        listed(&[("to", "2027-01-15")]).await.0,
        [accounts[0].as_str()]
    );
    // With kind and status.
    let (rows, _) = listed(&[
        ("kind", "mentor"),
        ("status", "accepted"),
        ("from", "2027-01-18"),
    ])
    .await;
    assert_eq!(rows, [accounts[4].as_str(), accounts[3].as_str()]);

    // A partner who referred nobody listed.
    assert_eq!(
        listed(&[("partner", "nobody")]).await.0,
        Vec::<String>::new()
    );

    for (field, value) in [
        ("kind", "coordinator"),
        ("status", "lost"),
        ("partner", "partner:x"),
        ("from", "2027-13-01"),
        ("to", "yesterday"),
        ("limit", "0"),
        ("limit", "1001"),
        ("limit", "many"),
        ("search", &"x".repeat(101)),
        ("language", "a\u{7}b"),
    ] {
        let reply = coordinator
            .call(&app, "list_applications", &[(field, value)])
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}={value}: {}",
            reply.text
        );
        assert!(reply.text.contains(field), "{field}: {}", reply.text);
    }
    let reply = coordinator
        .call(
            &app,
            "list_applications",
            &[("from", "2027-02-01"), ("to", "2027-01-01")],
        )
        .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.text
    );
    assert!(reply.text.contains("date_order"), "{}", reply.text);
}

/// Sets the applications' submission times in the order given, from
/// 2027-01-15 08:00 UTC, `apart` seconds from one to the next.
async fn submitted_in_order(app: &TestApp, accounts: &[&String], apart: i64) {
    for (n, account) in accounts.iter().enumerate() {
        app.db
            .query("UPDATE type::record('application', $account) SET submitted_at = time::from_unix($at)")
            .bind(("account", (*account).clone()))
            .bind(("at", 1_800_000_000 + n as i64 * apart))
            .await
            .and_then(|response| response.check())
            .expect("submission time set");
    }
}

/// The accounts a list of applications names, in its order.
fn accounts_of(reply: &common::Reply) -> Vec<&str> {
    reply.body["rows"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|row| row["account"].as_str().expect("account"))
        .collect()
}
