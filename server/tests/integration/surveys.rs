//! Surveys and outcomes through the real router: definitions checked, answers
//! stored once and only by those a survey is due for, outcomes from a
//! follow-up and from a coordinator in one history, and the reminder list.

use crate::common;

use app::accounts::Role;
use app::portal::profile::today;
use axum::http::StatusCode;
use common::{Client, TestApp, logged_in_as, programme, test_app};
use serde_json::{Value, json};
use time::Date;

fn days_before(date: Date, days: u32) -> Date {
    (0..days).fold(date, |d, _| d.previous_day().expect("a date"))
}

fn days_after(date: Date, days: u32) -> Date {
    (0..days).fold(date, |d, _| d.next_day().expect("a date"))
}

struct Person {
    client: Client,
    id: String,
}

async fn person(app: &TestApp, role: Role, email: &str) -> Person {
    let mut client = logged_in_as(app, role, email).await;
    let me = client.call(app, "current_account", &[]).await;
    let id = me.body["id"].as_str().expect("account id").to_owned();
    Person { client, id }
}

/// A cohort from `start` to `end`, made by the coordinator.
async fn cohort(
    app: &TestApp,
    coordinator: &mut Client,
    name: &str,
    start: Date,
    end: Date,
) -> String {
    let reply = coordinator
        .call_json(
            app,
            "save_cohort",
            json!({ "id": null, "form": {
                "programme": "aarhus-spouses", "name": name, "start": start.to_string(),
                "end": end.to_string(), "places": "40", "status": "running"
            }}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.body["id"].as_str().expect("cohort id").to_owned()
}

async fn join(app: &TestApp, cohort: &str, account: &str, kind: &str) {
    app.db
        .query(
            "UPSERT type::record('cohort_member', $key) SET cohort = type::record('cohort', $cohort),
                account = type::record('account', $account), kind = $kind, capacity = 1",
        )
        .bind(("key", format!("{cohort}_{account}")))
        .bind(("cohort", cohort.to_owned()))
        .bind(("account", account.to_owned()))
        .bind(("kind", kind.to_owned()))
        .await
        .and_then(|response| response.check())
        .expect("member");
}

async fn meeting(app: &TestApp, cohort: &str, mentee: &str, mentor: &str, date: Date) {
    app.db
        .query(
            "CREATE meeting CONTENT {
                cohort: type::record('cohort', $cohort), mentee: type::record('account', $mentee),
                mentor: type::record('account', $mentor), logged_by: type::record('account', $mentor),
                date: $date, minutes: 60, mode: 'in_person', topics: [], notes: '', next_steps: ''
            }",
        )
        .bind(("cohort", cohort.to_owned()))
        .bind(("mentee", mentee.to_owned()))
        .bind(("mentor", mentor.to_owned()))
        .bind(("date", date.to_string()))
        .await
        .and_then(|response| response.check())
        .expect("meeting");
}

fn likert(text: &str) -> Value {
    json!({ "kind": "likert", "text": text, "options": "", "required": true })
}

async fn survey(app: &TestApp, coordinator: &mut Client, cohort: &str, form: Value) -> String {
    let reply = coordinator
        .call_json(
            app,
            "save_survey",
            json!({ "cohort": cohort, "id": null, "form": form }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.body["id"].as_str().expect("survey id").to_owned()
}

fn form(title: &str, moment: &str, audience: &str) -> Value {
    json!({
        "title": title, "intro": "", "moment": moment, "audience": audience,
        "includes_outcome": false,
        "questions": [
            likert("It helps."),
            { "kind": "choice", "text": "How often?", "options": "Weekly\nMonthly", "required": false },
            { "kind": "text", "text": "Anything else?", "options": "", "required": false }
        ]
    })
}

fn job(hours: &str) -> Value {
    json!({
        "status": "ordinary_job", "hours": hours, "matches_education": true,
        "industry": "Energy", "found_on": "2026-01-15", "in_aarhus": true
    })
}

async fn answer(
    client: &mut Client,
    app: &TestApp,
    survey: &str,
    outcome: Option<Value>,
) -> common::Reply {
    client
        .call_json(
            app,
            "answer_survey",
            json!({ "id": survey, "answers": ["4", "1", "Thanks"], "outcome": outcome }),
        )
        .await
}

async fn outcomes(app: &TestApp, coordinator: &mut Client, cohort: &str) -> Value {
    let reply = coordinator
        .call(app, "cohort_outcomes", &[("cohort", cohort)])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.body
}

fn problem(reply: &common::Reply) -> Value {
    reply.body["Invalid"][0]["problem"]["kind"].clone()
}

/// A coordinator, a programme, and a cohort that ended 100 days ago (so its
/// 3-month follow-up fell due 8 to 11 days ago) with two mentees and a mentor.
struct Course {
    coordinator: Client,
    cohort: String,
    end: Date,
    mentees: Vec<Person>,
    mentor: Person,
}

async fn course(app: &TestApp) -> Course {
    let mut coordinator = logged_in_as(app, Role::Coordinator, "camilla@example.dk").await;
    let saved = coordinator
        .call_json(
            app,
            "save_programme",
            json!({ "page": programme("aarhus-spouses"), "original_slug": null }),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    let end = days_before(today(), 100);
    let start = days_before(end, 90);
    let cohort = cohort(app, &mut coordinator, "Spring", start, end).await;
    let mut mentees = Vec::new();
    for email in ["ana@example.dk", "bo@example.dk"] {
        let mentee = person(app, Role::Mentee, email).await;
        join(app, &cohort, &mentee.id, "mentee").await;
        mentees.push(mentee);
    }
    let mentor = person(app, Role::Mentor, "lars@example.dk").await;
    join(app, &cohort, &mentor.id, "mentor").await;
    Course {
        coordinator,
        cohort,
        end,
        mentees,
        mentor,
    }
}

#[tokio::test]
async fn a_survey_definition_is_checked_and_locked_by_its_first_answer() {
    let app = test_app().await;
    let mut c = course(&app).await;
    let bad = json!({
        "title": " ", "intro": "", "moment": null, "audience": "mentees", "includes_outcome": false,
        "questions": [
            { "kind": "likert", "text": "", "options": "", "required": true },
            { "kind": "choice", "text": "Pick one", "options": "Only one", "required": false }
        ]
    });
    let refused = c
        .coordinator
        .call_json(
            &app,
            "save_survey",
            json!({ "cohort": c.cohort, "id": null, "form": bad }),
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.text
    );
    let fields: Vec<&str> = refused.body["Invalid"]
        .as_array()
        .expect("problems")
        .iter()
        .filter_map(|p| p["field"].as_str())
        .collect();
    assert_eq!(
        fields,
        ["title", "moment", "question.0.text", "question.1.options"]
    );

    let mut mid = form("Mid", "mid_course", "mentors");
    mid["includes_outcome"] = json!(true);
    let no_outcome = c
        .coordinator
        .call_json(
            &app,
            "save_survey",
            json!({ "cohort": c.cohort, "id": null, "form": mid }),
        )
        .await;
    assert_eq!(problem(&no_outcome), "no_outcome_here");

    let empty = c
        .coordinator
        .call_json(
            &app,
            "save_survey",
            json!({ "cohort": c.cohort, "id": null, "form": { "title": "T", "moment": "mid_course", "questions": [] } }),
        )
        .await;
    assert_eq!(empty.body["Invalid"][0]["field"], "questions");

    // A participant cannot define surveys.
    let mentee = &mut c.mentees[0];
    let forbidden = mentee
        .client
        .call_json(
            &app,
            "save_survey",
            json!({ "cohort": c.cohort, "id": null, "form": form("X", "mid_course", "both") }),
        )
        .await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);

    // Changes are fine until the first answer; then the survey is locked.
    let id = survey(
        &app,
        &mut c.coordinator,
        &c.cohort,
        form("Mid", "mid_course", "both"),
    )
    .await;
    let renamed = c
        .coordinator
        .call_json(
            &app,
            "save_survey",
            json!({ "cohort": c.cohort, "id": id, "form": form("Halfway", "mid_course", "both") }),
        )
        .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.text);
    assert_eq!(renamed.body["title"], "Halfway");
    let answered = answer(&mut c.mentees[0].client, &app, &id, None).await;
    assert_eq!(answered.status, StatusCode::OK, "{}", answered.text);
    let locked = c
        .coordinator
        .call_json(
            &app,
            "save_survey",
            json!({ "cohort": c.cohort, "id": id, "form": form("Again", "mid_course", "both") }),
        )
        .await;
    assert_eq!(problem(&locked), "survey_locked", "{}", locked.text);
    let deleted = c
        .coordinator
        .call(&app, "delete_survey", &[("id", &id)])
        .await;
    assert_eq!(problem(&deleted), "survey_locked");

    // The report counts the answer: 1 of 3 people (both mentees and the mentor).
    let report = c
        .coordinator
        .call(&app, "cohort_surveys", &[("cohort", &c.cohort)])
        .await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.text);
    let first = &report.body["surveys"][0];
    assert_eq!(first["rate"], json!({ "answered": 1, "due": 3 }));
    assert_eq!(first["editable"], false);
    assert_eq!(first["questions"][0]["counts"], json!([0, 0, 0, 1, 0]));
    assert_eq!(first["questions"][1]["counts"], json!([0, 1]));
    assert_eq!(first["questions"][2]["texts"], json!(["Thanks"]));
}

#[tokio::test]
async fn the_standard_set_covers_every_moment_once() {
    let app = test_app().await;
    let mut c = course(&app).await;
    let created = c
        .coordinator
        .call(
            &app,
            "create_standard_surveys",
            &[("cohort", &c.cohort), ("language", "da")],
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.text);
    assert_eq!(created.body, json!(5));
    let again = c
        .coordinator
        .call(
            &app,
            "create_standard_surveys",
            &[("cohort", &c.cohort), ("language", "en")],
        )
        .await;
    assert_eq!(again.body, json!(0));
    let report = c
        .coordinator
        .call(&app, "cohort_surveys", &[("cohort", &c.cohort)])
        .await;
    let moments: Vec<&str> = report.body["surveys"]
        .as_array()
        .expect("surveys")
        .iter()
        .filter_map(|s| s["survey"]["moment"].as_str())
        .collect();
    assert_eq!(
        moments,
        [
            "first_meeting",
            "mid_course",
            "end_of_course",
            "follow_up_3m",
            "follow_up_6m"
        ]
    );
    assert_eq!(report.body["surveys"][0]["survey"]["title"], "Match");
}

#[tokio::test]
async fn answers_are_stored_once_and_only_by_those_a_survey_is_due_for() {
    let app = test_app().await;
    let mut c = course(&app).await;
    let follow_up = survey(
        &app,
        &mut c.coordinator,
        &c.cohort,
        form("Follow-up", "follow_up_3m", "mentees"),
    )
    .await;
    let six_months = survey(
        &app,
        &mut c.coordinator,
        &c.cohort,
        form("Later", "follow_up_6m", "mentees"),
    )
    .await;
    let fit = survey(
        &app,
        &mut c.coordinator,
        &c.cohort,
        form("Fit", "first_meeting", "both"),
    )
    .await;
    // Another cohort, with its own mentee.
    let other_cohort = cohort(
        &app,
        &mut c.coordinator,
        "Autumn",
        days_before(c.end, 90),
        c.end,
    )
    .await;
    let mut stranger = person(&app, Role::Mentee, "eva@example.dk").await;
    join(&app, &other_cohort, &stranger.id, "mentee").await;

    // Another cohort's mentee, and a mentor of a mentees' survey, are refused.
    let other = answer(&mut stranger.client, &app, &follow_up, Some(job("37"))).await;
    assert_eq!(other.status, StatusCode::FORBIDDEN, "{}", other.text);
    let mentor = answer(&mut c.mentor.client, &app, &follow_up, None).await;
    assert_eq!(mentor.status, StatusCode::FORBIDDEN, "{}", mentor.text);
    let opened = c
        .mentor
        .client
        .call(&app, "survey_to_answer", &[("id", &follow_up)])
        .await;
    assert_eq!(opened.status, StatusCode::FORBIDDEN);

    // Not yet due: the six-month follow-up, and the pairing fit before a meeting.
    let ana = &mut c.mentees[0];
    let early = answer(&mut ana.client, &app, &six_months, Some(job("37"))).await;
    assert_eq!(problem(&early), "survey_not_due", "{}", early.text);
    let no_meeting = answer(&mut ana.client, &app, &fit, None).await;
    assert_eq!(problem(&no_meeting), "survey_not_due");
    meeting(
        &app,
        &c.cohort,
        &ana.id,
        &c.mentor.id,
        days_before(today(), 3),
    )
    .await;
    let after_meeting = answer(&mut ana.client, &app, &fit, None).await;
    assert_eq!(
        after_meeting.status,
        StatusCode::OK,
        "{}",
        after_meeting.text
    );
    let mentor_fit = answer(&mut c.mentor.client, &app, &fit, None).await;
    assert_eq!(mentor_fit.status, StatusCode::OK, "{}", mentor_fit.text);

    // A follow-up needs the mentee's employment, checked like the answers.
    let missing = answer(&mut ana.client, &app, &follow_up, None).await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing.body["Invalid"][0]["field"], "status");
    let bad_hours = answer(&mut ana.client, &app, &follow_up, Some(job("0"))).await;
    assert_eq!(bad_hours.body["Invalid"][0]["field"], "hours");

    let first = answer(&mut ana.client, &app, &follow_up, Some(job("37"))).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    let second = answer(&mut ana.client, &app, &follow_up, Some(job("20"))).await;
    assert_eq!(problem(&second), "already_answered", "{}", second.text);
    let shown = ana
        .client
        .call(&app, "survey_to_answer", &[("id", &follow_up)])
        .await;
    assert_eq!(shown.body["answered"], json!(["4", "1", "Thanks"]));
    assert_eq!(shown.body["outcome"]["hours"], 37);
    let mine = ana.client.call(&app, "my_surveys", &[]).await;
    let titles: Vec<&str> = mine
        .body
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|s| s["title"].as_str())
        .collect();
    assert!(
        titles.contains(&"Follow-up") && titles.contains(&"Fit"),
        "{titles:?}"
    );
    assert!(!titles.contains(&"Later"), "{titles:?}");

    // Two submits at the same instant: exactly one is stored.
    let bo = &c.mentees[1];
    let (mut one, mut two) = (bo.client.clone(), bo.client.clone());
    let (a, b) = tokio::join!(
        answer(&mut one, &app, &follow_up, Some(job("30"))),
        answer(&mut two, &app, &follow_up, Some(job("31"))),
    );
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::OK, StatusCode::UNPROCESSABLE_ENTITY],
        "{} / {}",
        a.text,
        b.text
    );
    let stored: Vec<Value> = app
        .db
        .query("SELECT * FROM survey_answer WHERE account = type::record('account', $bo)")
        .bind(("bo", bo.id.clone()))
        .await
        .and_then(|mut r| r.take(0))
        .expect("answers");
    assert_eq!(stored.len(), 1);
    let outcomes: Vec<Value> = app
        .db
        .query("SELECT * FROM outcome WHERE mentee = type::record('account', $bo)")
        .bind(("bo", bo.id.clone()))
        .await
        .and_then(|mut r| r.take(0))
        .expect("outcomes");
    assert_eq!(outcomes.len(), 1, "nothing half-written: {outcomes:?}");

    // The database itself refuses a second answer by any path.
    let duplicate = app
        .db
        .query(
            "CREATE survey_answer CONTENT {
                survey: type::record('survey', $survey), cohort: type::record('cohort', $cohort),
                account: type::record('account', $bo), kind: 'mentee', answers: [], answered_at: time::now()
            }",
        )
        .bind(("survey", follow_up.clone()))
        .bind(("cohort", c.cohort.clone()))
        .bind(("bo", bo.id.clone()))
        .await
        .and_then(|response| response.check());
    assert!(duplicate.is_err(), "a second answer was stored");
}

#[tokio::test]
async fn outcomes_from_a_follow_up_and_a_coordinator_share_one_history_and_the_latest_wins() {
    let app = test_app().await;
    let mut c = course(&app).await;
    let follow_up = survey(
        &app,
        &mut c.coordinator,
        &c.cohort,
        form("Follow-up", "follow_up_3m", "mentees"),
    )
    .await;
    let ana_id = c.mentees[0].id.clone();
    let answered = answer(&mut c.mentees[0].client, &app, &follow_up, Some(job("37"))).await;
    assert_eq!(answered.status, StatusCode::OK, "{}", answered.text);

    let before = outcomes(&app, &mut c.coordinator, &c.cohort).await;
    let ana = before["mentees"]
        .as_array()
        .expect("mentees")
        .iter()
        .find(|m| m["mentee"] == ana_id.as_str())
        .expect("ana")
        .clone();
    assert_eq!(ana["latest"][2]["values"]["status"], "ordinary_job");
    assert_eq!(ana["latest"][2]["source"], "survey");
    assert_eq!(ana["latest"][0], Value::Null);

    // The coordinator corrects it: a new record, the old one kept.
    let corrected = c
        .coordinator
        .call_json(
            &app,
            "record_outcome",
            json!({ "cohort": c.cohort, "mentee": ana_id, "form": {
                "moment": "follow_up_3m", "status": "own_company", "hours": "25",
                "matches_education": false, "industry": "Design", "found_on": "2026-02-01",
                "in_aarhus": true, "note": "Started her own studio."
            }}),
        )
        .await;
    assert_eq!(corrected.status, StatusCode::OK, "{}", corrected.text);
    let start = c
        .coordinator
        .call_json(
            &app,
            "record_outcome",
            json!({ "cohort": c.cohort, "mentee": ana_id, "form": {
                "moment": "start", "status": "not_working", "in_aarhus": true
            }}),
        )
        .await;
    assert_eq!(start.status, StatusCode::OK, "{}", start.text);
    let after = outcomes(&app, &mut c.coordinator, &c.cohort).await;
    let ana = after["mentees"]
        .as_array()
        .expect("mentees")
        .iter()
        .find(|m| m["mentee"] == ana_id.as_str())
        .expect("ana")
        .clone();
    assert_eq!(ana["latest"][2]["values"]["status"], "own_company");
    assert_eq!(ana["latest"][2]["source"], "coordinator");
    assert_eq!(ana["latest"][0]["values"]["status"], "not_working");
    let history: Vec<&str> = ana["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter_map(|r| r["values"]["status"].as_str())
        .collect();
    assert_eq!(history, ["not_working", "own_company", "ordinary_job"]);

    // Checked like any form; only for mentees of the cohort; only by staff.
    let invalid = c
        .coordinator
        .call_json(
            &app,
            "record_outcome",
            json!({ "cohort": c.cohort, "mentee": ana_id, "form": { "status": "internship", "in_aarhus": true } }),
        )
        .await;
    let fields: Vec<&str> = invalid.body["Invalid"]
        .as_array()
        .expect("problems")
        .iter()
        .filter_map(|p| p["field"].as_str())
        .collect();
    assert_eq!(
        fields,
        [
            "moment",
            "hours",
            "matches_education",
            "industry",
            "found_on"
        ]
    );
    let mentor = c
        .coordinator
        .call_json(
            &app,
            "record_outcome",
            json!({ "cohort": c.cohort, "mentee": c.mentor.id, "form": {
                "moment": "end", "status": "not_working", "in_aarhus": true
            }}),
        )
        .await;
    assert_eq!(problem(&mentor), "not_in_cohort");
    let bo_id = c.mentees[1].id.clone();
    let by_mentee = c.mentees[1]
        .client
        .call_json(
            &app,
            "record_outcome",
            json!({ "cohort": c.cohort, "mentee": bo_id, "form": {
                "moment": "end", "status": "not_working", "in_aarhus": true
            }}),
        )
        .await;
    assert_eq!(by_mentee.status, StatusCode::FORBIDDEN);

    // The history cannot be rewritten.
    let rewrite = app
        .db
        .query("UPDATE outcome SET status = 'education'")
        .await
        .and_then(|response| response.check());
    assert!(rewrite.is_err(), "an outcome record was changed");

    // The dashboard's summary reads the same: the latest per mentee and moment.
    let summary = app::backend::surveys::summary(&app.db, &c.cohort, today())
        .await
        .expect("summary");
    assert_eq!(summary.surveys.len(), 1);
    assert_eq!(summary.surveys[0].rate.answered, 1);
    assert_eq!(summary.surveys[0].rate.due, 2);
    assert_eq!(summary.surveys[0].likert_means, [("q1".to_owned(), 4.0)]);
    let statuses: Vec<&str> = summary
        .outcomes
        .iter()
        .map(|r| r.values.status.code())
        .collect();
    assert_eq!(statuses, ["not_working", "own_company"]);
}

#[tokio::test]
async fn due_lists_exactly_the_people_a_survey_is_due_for_until_they_answer() {
    let app = test_app().await;
    let mut c = course(&app).await;
    let follow_up = survey(
        &app,
        &mut c.coordinator,
        &c.cohort,
        form("Follow-up", "follow_up_3m", "mentees"),
    )
    .await;
    let fit = survey(
        &app,
        &mut c.coordinator,
        &c.cohort,
        form("Fit", "first_meeting", "both"),
    )
    .await;
    survey(
        &app,
        &mut c.coordinator,
        &c.cohort,
        form("Mid", "mid_course", "mentors"),
    )
    .await;
    // A course that has not begun: nothing of it is due.
    let future = cohort(
        &app,
        &mut c.coordinator,
        "Next year",
        days_after(today(), 10),
        days_after(today(), 100),
    )
    .await;
    survey(
        &app,
        &mut c.coordinator,
        &future,
        form("Future", "mid_course", "both"),
    )
    .await;
    let (ana, bo, lars) = (
        c.mentees[0].id.clone(),
        c.mentees[1].id.clone(),
        c.mentor.id.clone(),
    );
    let met = days_before(today(), 5);
    meeting(&app, &c.cohort, &ana, &lars, met).await;
    meeting(&app, &c.cohort, &ana, &lars, days_before(today(), 2)).await;

    let listed = |due: Vec<app::backend::surveys::SurveyDue>| {
        due.into_iter()
            .map(|d| {
                assert_eq!(d.link(), format!("/surveys/{}", d.survey));
                (d.title, d.account, d.due_on.to_string())
            })
            .collect::<Vec<_>>()
    };
    let follow_day = app::surveys::schedule::add_months(c.end, 3);
    let mut expected = vec![
        ("Fit".to_owned(), ana.clone(), met.to_string()),
        ("Fit".to_owned(), lars.clone(), met.to_string()),
        ("Follow-up".to_owned(), ana.clone(), follow_day.to_string()),
        ("Follow-up".to_owned(), bo.clone(), follow_day.to_string()),
    ];
    expected.sort_by(|a, b| (&a.2, &a.0, &a.1).cmp(&(&b.2, &b.0, &b.1)));
    let mut now = listed(
        app::backend::surveys::due(&app.db, today())
            .await
            .expect("due"),
    );
    now.sort_by(|a, b| (&a.2, &a.0, &a.1).cmp(&(&b.2, &b.0, &b.1)));
    assert_eq!(now, expected);

    // The day before the follow-up fell due, only the pairing fit is listed, if it was due.
    let before = listed(
        app::backend::surveys::due(&app.db, follow_day.previous_day().expect("day"))
            .await
            .expect("due"),
    );
    assert!(
        before.iter().all(|(title, ..)| title == "Fit"),
        "{before:?}"
    );
    // More than 30 days after: nobody.
    let late = app::backend::surveys::due(&app.db, days_after(today(), 40))
        .await
        .expect("due");
    assert!(late.iter().all(|d| d.title != "Fit"), "{late:?}");

    // Once they answer, they are no longer listed.
    let answered = answer(&mut c.mentees[0].client, &app, &follow_up, Some(job("37"))).await;
    assert_eq!(answered.status, StatusCode::OK, "{}", answered.text);
    let answered = answer(&mut c.mentor.client, &app, &fit, None).await;
    assert_eq!(answered.status, StatusCode::OK, "{}", answered.text);
    let after = listed(
        app::backend::surveys::due(&app.db, today())
            .await
            .expect("due"),
    );
    let mut left: Vec<(String, String)> = after.into_iter().map(|(t, a, _)| (t, a)).collect();
    left.sort();
    assert_eq!(
        left,
        [
            ("Fit".to_owned(), ana.clone()),
            ("Follow-up".to_owned(), bo.clone())
        ]
    );
}
