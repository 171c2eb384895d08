//! The course after publication, through the real router: meetings and
//! introductions only within one's own pair, confirmation by the other side,
//! ending a match with and without a rematch, and reminders that go out once
//! however many times and on however many servers the scheduler runs.

use crate::common;

use app::backend::{mail, reminders};
use app::portal::profile::today;
use axum::http::StatusCode;
use common::{Board, Client, SmtpServer, TestApp, board, test_app};
use serde_json::{Value, json};

pub async fn login(app: &TestApp, email: &str) -> Client {
    let mut client = Client::default();
    let reply = client.login(app, email, common::PASSWORD).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    client
}

/// Two published pairs: mentee 0 with mentor 0, mentee 1 with mentor 1.
pub async fn published(app: &TestApp) -> Board {
    let mut board = board(app, 2, &[1, 1]).await;
    let cohort = board.cohort.clone();
    for n in 0..2 {
        let (mentee, mentor) = (board.mentees[n].clone(), board.mentors[n].clone());
        let moved = board
            .coordinator
            .call(
                app,
                "move_mentee",
                &[("cohort", &cohort), ("mentee", &mentee), ("to", &mentor)],
            )
            .await;
        assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    }
    let done = board
        .coordinator
        .call(app, "publish_board", &[("cohort", &cohort)])
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text);
    board
}

fn meeting(cohort: &str, partner: &str, notes: &str) -> Value {
    json!({ "form": {
        "cohort": cohort, "partner": partner, "date": today().to_string(), "time": "17:30",
        "minutes": "60", "mode": "in_person", "topics": ["cv", "network"], "notes": notes
    }})
}

async fn meetings_in_db(app: &TestApp) -> Vec<Value> {
    app.db
        .query(
            "SELECT record::id(mentee) AS mentee, record::id(mentor) AS mentor, notes FROM meeting",
        )
        .await
        .and_then(|mut response| response.take(0))
        .expect("meetings")
}

#[tokio::test]
async fn meetings_and_introductions_stay_within_ones_own_pair() {
    let app = test_app().await;
    let board = published(&app).await;
    let (cohort, m, t) = (&board.cohort, &board.mentees, &board.mentors);
    let mut mentor0 = login(&app, "mentor00@example.dk").await;
    let mut mentee0 = login(&app, "mentee00@example.dk").await;
    let mut mentee1 = login(&app, "mentee01@example.dk").await;

    // Not their mentee, and not their mentor: refused, nothing stored.
    let foreign = mentor0
        .call_json(&app, "log_meeting", meeting(cohort, &m[1], "not mine"))
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND, "{}", foreign.text);
    let foreign = mentee1
        .call_json(&app, "log_meeting", meeting(cohort, &t[0], "not mine"))
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    assert!(meetings_in_db(&app).await.is_empty());

    // Bad input names its fields.
    let mut bad = meeting(cohort, &m[0], "");
    bad["form"]["date"] = json!("tomorrow");
    bad["form"]["minutes"] = json!("9999");
    bad["form"]["topics"] = json!([]);
    let refused = mentor0.call_json(&app, "log_meeting", bad).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = refused.body["Invalid"]
        .as_array()
        .expect("problems")
        .iter()
        .filter_map(|problem| problem["field"].as_str())
        .collect();
    assert_eq!(fields, ["date", "minutes", "topics"]);

    // Their own pair: stored verbatim, SurrealQL and all.
    let hostile = "'; DELETE meeting; -- and <b>bold</b>";
    let logged = mentor0
        .call_json(&app, "log_meeting", meeting(cohort, &m[0], hostile))
        .await;
    assert_eq!(logged.status, StatusCode::OK, "{}", logged.text);
    assert_eq!(logged.body["notes"], hostile);
    assert_eq!(logged.body["confirmed"], false);
    let id = logged.body["id"].as_str().expect("id").to_owned();
    assert_eq!(
        meetings_in_db(&app).await,
        [json!({ "mentee": m[0], "mentor": t[0], "notes": hostile })]
    );

    // Only the other side of the pair confirms.
    let own = mentor0.call(&app, "confirm_meeting", &[("id", &id)]).await;
    assert_eq!(own.status, StatusCode::FORBIDDEN);
    let stranger = mentee1.call(&app, "confirm_meeting", &[("id", &id)]).await;
    assert_eq!(stranger.status, StatusCode::NOT_FOUND);
    let course = mentee0.call(&app, "my_course", &[]).await;
    assert_eq!(course.body[0]["meetings"][0]["mine"], false);
    assert_eq!(course.body[0]["partner"], json!(t[0]));
    let confirmed = mentee0.call(&app, "confirm_meeting", &[("id", &id)]).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.text);
    let course = mentor0.call(&app, "my_course", &[]).await;
    assert_eq!(course.body[0]["meetings"][0]["confirmed"], true);
    assert_eq!(course.body[0]["side"], "mentor");
    let other = mentee1.call(&app, "my_course", &[]).await;
    assert_eq!(other.body[0]["meetings"], json!([]), "{}", other.text);
    // A confirmed meeting is no longer deleted by the one who logged it.
    let delete = mentor0.call(&app, "delete_meeting", &[("id", &id)]).await;
    assert_eq!(delete.status, StatusCode::CONFLICT);

    // Introductions: the mentor of the pair records them; nobody else.
    let introduction = json!({ "id": null, "form": {
        "cohort": cohort, "mentee": m[0], "date": today().to_string(), "company": "Arla Foods",
        "role": "Head of HR", "kind": "coffee", "outcome": "pending", "note": ""
    }});
    let by_mentee = mentee0
        .call_json(&app, "save_introduction", introduction.clone())
        .await;
    assert_eq!(by_mentee.status, StatusCode::FORBIDDEN);
    let saved = mentor0
        .call_json(&app, "save_introduction", introduction.clone())
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    let intro_id = saved.body["id"].as_str().expect("id").to_owned();
    let mut mentor1 = login(&app, "mentor01@example.dk").await;
    let mut hijack = introduction.clone();
    hijack["id"] = json!(intro_id);
    hijack["form"]["mentee"] = json!(m[1]);
    let taken = mentor1.call_json(&app, "save_introduction", hijack).await;
    assert_eq!(taken.status, StatusCode::NOT_FOUND, "{}", taken.text);
    let mut update = introduction;
    update["id"] = json!(intro_id);
    update["form"]["outcome"] = json!("interview");
    let updated = mentor0.call_json(&app, "save_introduction", update).await;
    assert_eq!(updated.body["form"]["outcome"], "interview");
    let seen = mentee0.call(&app, "my_course", &[]).await;
    assert_eq!(
        seen.body[0]["introductions"][0]["form"]["company"],
        "Arla Foods"
    );
    assert_eq!(
        seen.body[0]["introductions"][0]["form"]["outcome"],
        "interview"
    );
}

#[tokio::test]
async fn draft_pairs_log_nothing() {
    let app = test_app().await;
    let mut board = board(&app, 1, &[1]).await;
    let (cohort, mentee, mentor) = (
        board.cohort.clone(),
        board.mentees[0].clone(),
        board.mentors[0].clone(),
    );
    board
        .coordinator
        .call(
            &app,
            "move_mentee",
            &[("cohort", &cohort), ("mentee", &mentee), ("to", &mentor)],
        )
        .await;
    let mut mentor0 = login(&app, "mentor00@example.dk").await;
    let draft = mentor0
        .call_json(&app, "log_meeting", meeting(&cohort, &mentee, ""))
        .await;
    assert_eq!(draft.status, StatusCode::NOT_FOUND);
    let course = mentor0.call(&app, "my_course", &[]).await;
    assert_eq!(course.body, json!([]));
}

async fn pool(app: &TestApp, coordinator: &mut Client, cohort: &str) -> (Vec<String>, Vec<String>) {
    let people = coordinator
        .call(app, "board_people", &[("cohort", cohort)])
        .await;
    let state = coordinator
        .call(app, "board_state", &[("cohort", cohort)])
        .await;
    let mentees: Vec<String> = people.body["mentees"]
        .as_array()
        .expect("mentees")
        .iter()
        .map(|person| person["id"].as_str().expect("id").to_owned())
        .collect();
    let paired: Vec<String> = state.body["pairings"]
        .as_array()
        .expect("pairings")
        .iter()
        .map(|pair| pair["mentee"].as_str().expect("mentee").to_owned())
        .collect();
    (mentees, paired)
}

#[tokio::test]
async fn an_ended_match_offers_a_rematch_or_lets_the_mentee_leave() {
    let app = test_app().await;
    let mut board = published(&app).await;
    let cohort = board.cohort.clone();
    let (m, t) = (board.mentees.clone(), board.mentors.clone());
    let c = &mut board.coordinator;
    let mut mentor0 = login(&app, "mentor00@example.dk").await;
    let logged = mentor0
        .call_json(&app, "log_meeting", meeting(&cohort, &m[0], "first"))
        .await;
    assert_eq!(logged.status, StatusCode::OK);
    app.db.query("DELETE outbox").await.expect("outbox cleared");

    let too_long = c
        .call_json(
            &app,
            "end_match",
            json!({ "cohort": cohort, "mentee": m[0], "reason": "not_a_good_fit", "note": "x".repeat(2001) }),
        )
        .await;
    assert_eq!(too_long.body["Invalid"][0]["field"], "note");
    let unknown = c
        .call_json(
            &app,
            "end_match",
            json!({ "cohort": cohort, "mentee": m[0], "reason": "bored", "note": "" }),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Not a good fit: back to the pool, and this pair is ruled out.
    let ended = c
        .call_json(
            &app,
            "end_match",
            json!({ "cohort": cohort, "mentee": m[0], "reason": "not_a_good_fit", "note": "Different expectations" }),
        )
        .await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.text);
    let (mentees, paired) = pool(&app, c, &cohort).await;
    assert!(mentees.contains(&m[0]) && !paired.contains(&m[0]));
    let again = c
        .call(
            &app,
            "move_mentee",
            &[("cohort", &cohort), ("mentee", &m[0]), ("to", &t[0])],
        )
        .await;
    assert_eq!(
        again.body["Invalid"][0]["problem"]["kind"],
        "pair_forbidden"
    );
    let twice = c
        .call_json(
            &app,
            "end_match",
            json!({ "cohort": cohort, "mentee": m[0], "reason": "other", "note": "" }),
        )
        .await;
    assert_eq!(twice.body["Invalid"][0]["problem"]["kind"], "not_in_cohort");

    // A job found: the mentee leaves the course and the board.
    let left = c
        .call_json(
            &app,
            "end_match",
            json!({ "cohort": cohort, "mentee": m[1], "reason": "job_found", "note": "" }),
        )
        .await;
    assert_eq!(left.status, StatusCode::OK, "{}", left.text);
    let (mentees, _) = pool(&app, c, &cohort).await;
    assert!(!mentees.contains(&m[1]), "{mentees:?}");

    let course = c.call(&app, "cohort_course", &[("cohort", &cohort)]).await;
    assert_eq!(course.body["pairs"], json!([]));
    let ended: Vec<(String, bool)> = course.body["ended"]
        .as_array()
        .expect("ended")
        .iter()
        .map(|row| {
            (
                row["reason"].as_str().expect("reason").to_owned(),
                row["in_pool"].as_bool().expect("in pool"),
            )
        })
        .collect();
    assert!(ended.contains(&("not_a_good_fit".into(), true)));
    assert!(ended.contains(&("job_found".into(), false)));

    // The pair still sees its course, now ended, meetings included.
    let seen = mentor0.call(&app, "my_course", &[]).await;
    assert_eq!(seen.body[0]["ended"][1], "not_a_good_fit");
    assert_eq!(seen.body[0]["meetings"][0]["notes"], "first");
    let refused = mentor0
        .call_json(&app, "log_meeting", meeting(&cohort, &m[0], "after"))
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);

    // Both sides of both matches were told, in the outbox.
    let told: Vec<String> = app
        .db
        .query("SELECT VALUE to FROM outbox")
        .await
        .and_then(|mut response| response.take(0))
        .expect("outbox");
    assert_eq!(told.len(), 4, "{told:?}");
}

/// Makes the cohort run today, its pairs matched four weeks ago.
async fn running_and_quiet(app: &TestApp, cohort: &str) {
    app.db
        .query(
            "UPDATE type::record('cohort', $cohort) SET
                start = time::format(time::now() - 60d, '%Y-%m-%d'),
                end = time::format(time::now() + 60d, '%Y-%m-%d');
             UPDATE pairing SET published_at = time::now() - 28d;
             DELETE outbox;",
        )
        .bind(("cohort", cohort.to_owned()))
        .await
        .and_then(|response| response.check())
        .expect("cohort running");
}

/// A running cohort over `app`'s database where exactly three reminders fall
/// due now: pair 0 (mentee00, mentor00) has not met since it was matched four
/// weeks ago, pair 1 met a week ago, and mentee00 comes to a workshop that
/// begins in 20 hours. Returns the board and the workshop's local start time.
pub async fn three_reminders_due(app: &TestApp) -> (Board, String) {
    let board = published(app).await;
    let cohort = board.cohort.clone();
    running_and_quiet(app, &cohort).await;
    // Pair 1 met a week ago: not quiet.
    let mut mentor1 = login(app, "mentor01@example.dk").await;
    let mut recent = meeting(&cohort, &board.mentees[1], "");
    recent["form"]["date"] = json!((today() - time::Duration::days(7)).to_string());
    let logged = mentor1.call_json(app, "log_meeting", recent).await;
    assert_eq!(logged.status, StatusCode::OK, "{}", logged.text);

    // A workshop in 20 hours that mentee 0 comes to.
    let now = time::OffsetDateTime::now_utc();
    let (date, clock) =
        app::backend::calendar::wall_clock(now + time::Duration::hours(20)).expect("local time");
    let mut coordinator = board.coordinator.clone();
    let workshop = coordinator
        .call_json(
            app,
            "save_workshop",
            json!({ "id": null, "cohort": cohort, "form": {
                "title": "CV clinic", "date": date.to_string(), "time": clock, "minutes": "90",
                "place": "Vestergade 55", "capacity": "10"
            }}),
        )
        .await;
    assert_eq!(workshop.status, StatusCode::OK, "{}", workshop.text);
    let workshop = workshop.body["id"].as_str().expect("workshop").to_owned();
    let mut mentee0 = login(app, "mentee00@example.dk").await;
    let coming = mentee0
        .call(
            app,
            "answer_workshop",
            &[("id", &workshop), ("coming", "true")],
        )
        .await;
    assert_eq!(coming.status, StatusCode::OK, "{}", coming.text);
    app.db.query("DELETE outbox").await.expect("outbox cleared");
    (board, clock)
}

#[tokio::test]
async fn reminders_go_out_once_across_restarts_and_two_schedulers() {
    let app = test_app().await;
    let (board, clock) = three_reminders_due(&app).await;
    let cohort = board.cohort.clone();
    let now = time::OffsetDateTime::now_utc();

    // Two schedulers run at the same instant over one database.
    let url = "http://mentorbro.test";
    let (a, b) = tokio::join!(
        reminders::run(&app.db, now, url),
        reminders::run(&app.db, now, url)
    );
    let written = a.expect("first server") + b.expect("second server");
    assert_eq!(
        written, 3,
        "one nudge for each side of the quiet pair, one for the workshop"
    );
    // A restart: the scheduler runs again over the same database.
    assert_eq!(reminders::run(&app.db, now, url).await.expect("rerun"), 0);

    // Two servers deliver at the same instant, to a real SMTP server.
    let smtp = SmtpServer::start();
    let config = mail::MailConfig::new(
        Some(&format!("smtp://127.0.0.1:{}", smtp.port)),
        "Mentorbro <mentorbro@example.dk>",
    )
    .expect("smtp settings");
    let (a, b) = tokio::join!(
        mail::deliver(&app.db, &config),
        mail::deliver(&app.db, &config)
    );
    assert_eq!(a.expect("delivery") + b.expect("delivery"), 3);
    assert_eq!(mail::deliver(&app.db, &config).await.expect("again"), 0);
    let messages = smtp.messages();
    assert_eq!(messages.len(), 3, "{messages:#?}");
    for (person, count) in [("mentee00@example.dk", 2), ("mentor00@example.dk", 1)] {
        let theirs = messages
            .iter()
            .filter(|message| message.contains(&format!("To: {person}")))
            .count();
        assert_eq!(theirs, count, "{person}");
    }
    let nudges = messages.iter().filter(|m| m.contains("/course")).count();
    assert_eq!(nudges, 2);
    assert!(
        messages
            .iter()
            .any(|m| m.contains("CV clinic") && m.contains(&clock)),
        "the workshop reminder names it and its local time"
    );

    // Once they meet, the pair is no longer nudged.
    let mut mentor0 = login(&app, "mentor00@example.dk").await;
    mentor0
        .call_json(&app, "log_meeting", meeting(&cohort, &board.mentees[0], ""))
        .await;
    let due = reminders::quiet_pairs(&app.db, today(), url)
        .await
        .expect("due");
    assert_eq!(due, Vec::new());
}
