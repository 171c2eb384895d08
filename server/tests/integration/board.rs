//! Cohorts and the matching board through the real router: who may use it,
//! the rules under concurrent moves, suggestions around locked and ruled-out
//! pairs, publication by email over real SMTP, and the live event stream.

use crate::common;

use std::time::Duration;

use app::accounts::Role;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{
    Client, SmtpServer, TestApp, board, complete_mentor, logged_in_as, participant, test_app,
};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

async fn move_mentee(
    client: &mut Client,
    app: &TestApp,
    cohort: &str,
    mentee: &str,
    from: Option<&str>,
    to: Option<&str>,
) -> common::Reply {
    let mut args = vec![("cohort", cohort), ("mentee", mentee)];
    if let Some(from) = from {
        args.push(("from", from));
    }
    if let Some(to) = to {
        args.push(("to", to));
    }
    client.call(app, "move_mentee", &args).await
}

fn problem(reply: &common::Reply) -> Value {
    reply.body["Invalid"][0]["problem"].clone()
}

async fn pairs_in_db(app: &TestApp) -> Vec<Value> {
    app.db
        .query("SELECT record::id(mentee) AS mentee, record::id(mentor) AS mentor FROM pairing")
        .await
        .and_then(|mut response| response.take(0))
        .expect("pairs")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_simultaneous_drops_onto_a_mentor_of_capacity_one_make_exactly_one_pair() {
    let app = test_app().await;
    let board = board(&app, 50, &[1]).await;
    let mentor = board.mentors[0].clone();
    let mut coordinators = vec![board.coordinator.clone()];
    for n in 1..5 {
        let email = format!("coordinator{n}@example.dk");
        coordinators.push(logged_in_as(&app, Role::Coordinator, &email).await);
    }
    let attempts = board.mentees.iter().enumerate().map(|(n, mentee)| {
        let mut client = coordinators[n % coordinators.len()].clone();
        let (app, cohort, mentor, mentee) = (&app, &board.cohort, &mentor, mentee.clone());
        async move { move_mentee(&mut client, app, cohort, &mentee, None, Some(mentor)).await }
    });
    let replies = futures::future::join_all(attempts).await;
    let accepted = replies
        .iter()
        .filter(|r| r.status == StatusCode::OK)
        .count();
    assert_eq!(accepted, 1, "exactly one drop lands");
    for reply in replies.iter().filter(|r| r.status != StatusCode::OK) {
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            reply.text
        );
        assert_eq!(
            problem(reply),
            json!({ "kind": "mentor_full", "capacity": 1 })
        );
    }
    let pairs = pairs_in_db(&app).await;
    assert_eq!(pairs.len(), 1);
    assert_eq!(pairs[0]["mentor"], json!(mentor));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_mentee_dropped_onto_many_mentors_at_once_gets_one_pair() {
    let app = test_app().await;
    let board = board(&app, 1, &[3; 12]).await;
    let mentee = board.mentees[0].clone();
    let attempts = board.mentors.iter().map(|mentor| {
        let mut client = board.coordinator.clone();
        let (app, cohort, mentor, mentee) = (&app, &board.cohort, mentor.clone(), &mentee);
        async move { move_mentee(&mut client, app, cohort, mentee, None, Some(&mentor)).await }
    });
    let replies = futures::future::join_all(attempts).await;
    assert_eq!(
        replies
            .iter()
            .filter(|r| r.status == StatusCode::OK)
            .count(),
        1
    );
    for reply in replies.iter().filter(|r| r.status != StatusCode::OK) {
        assert_eq!(
            problem(reply),
            json!({ "kind": "moved_meanwhile" }),
            "{}",
            reply.text
        );
    }
    assert_eq!(pairs_in_db(&app).await.len(), 1);
}

#[tokio::test]
async fn moves_follow_the_rules_are_recorded_and_only_coordinators_make_them() {
    let app = test_app().await;
    let mut board = board(&app, 2, &[1, 1]).await;
    let (cohort, a, b) = (
        board.cohort.clone(),
        board.mentees[0].clone(),
        board.mentees[1].clone(),
    );
    let (x, y) = (board.mentors[0].clone(), board.mentors[1].clone());
    let c = &mut board.coordinator;

    let moved = move_mentee(c, &app, &cohort, &a, None, Some(&x)).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    assert_eq!(moved.body["pairings"][0]["mentor"], json!(x));
    // The browser thought `a` was still in the pool.
    let stale = move_mentee(c, &app, &cohort, &a, None, Some(&y)).await;
    assert_eq!(problem(&stale), json!({ "kind": "moved_meanwhile" }));
    let full = move_mentee(c, &app, &cohort, &b, None, Some(&x)).await;
    assert_eq!(
        problem(&full),
        json!({ "kind": "mentor_full", "capacity": 1 })
    );
    let forbid = c
        .call(
            &app,
            "forbid_pair",
            &[
                ("cohort", &cohort),
                ("mentee", &b),
                ("mentor", &y),
                ("forbidden", "true"),
            ],
        )
        .await;
    assert_eq!(forbid.status, StatusCode::OK, "{}", forbid.text);
    let ruled_out = move_mentee(c, &app, &cohort, &b, None, Some(&y)).await;
    assert_eq!(problem(&ruled_out), json!({ "kind": "pair_forbidden" }));
    // Moving on, then back to the pool.
    let on = move_mentee(c, &app, &cohort, &a, Some(&x), Some(&y)).await;
    assert_eq!(on.status, StatusCode::OK, "{}", on.text);
    let back = move_mentee(c, &app, &cohort, &a, Some(&y), None).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.text);
    assert_eq!(back.body["pairings"], json!([]));

    // A mentor who cannot meet when the mentee can fails a must-have.
    let evening = participant(
        &app,
        Role::Mentor,
        "evening@example.dk",
        "Evening Mentor",
        complete_mentor(),
    )
    .await;
    let added = c
        .call_json(
            &app,
            "decide_applications",
            json!({ "accounts": [evening], "status": "accepted", "reason": "", "cohort": cohort }),
        )
        .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.text);
    let impossible = move_mentee(c, &app, &cohort, &a, None, Some(&evening)).await;
    assert_eq!(
        problem(&impossible),
        json!({ "kind": "must_have", "criteria": ["availability"] })
    );

    let state = c.call(&app, "board_state", &[("cohort", &cohort)]).await;
    let history = state.body["history"].as_array().expect("history");
    let actions: Vec<&str> = history
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert_eq!(
        actions,
        ["unassign", "assign", "forbid", "assign"],
        "newest first"
    );
    assert_eq!(history[1]["mentee"], "Mentee 00");
    assert_eq!(history[1]["from"], "Mentor 00");
    assert_eq!(history[1]["to"], "Mentor 01");
    assert_eq!(history[1]["actor_name"], "Staff Person");

    // Everyone else is refused.
    let mut mentee = Client::default();
    mentee
        .login(&app, "mentee00@example.dk", common::PASSWORD)
        .await;
    let mut partner = logged_in_as(&app, Role::Partner, "partner@example.dk").await;
    let mut anonymous = Client::default();
    for (client, expected) in [
        (&mut mentee, StatusCode::FORBIDDEN),
        (&mut partner, StatusCode::FORBIDDEN),
        (&mut anonymous, StatusCode::UNAUTHORIZED),
    ] {
        let attempt = move_mentee(client, &app, &cohort, &b, None, Some(&y)).await;
        assert_eq!(attempt.status, expected, "{}", attempt.text);
        for function in [
            "board_state",
            "board_people",
            "suggest_pairs",
            "publish_board",
        ] {
            let reply = client.call(&app, function, &[("cohort", &cohort)]).await;
            assert_eq!(reply.status, expected, "{function}: {}", reply.text);
        }
    }
    // Ids that are not keys are refused, not run.
    let hostile = move_mentee(c, &app, &cohort, "x'; DELETE pairing; --", None, Some(&y)).await;
    assert_eq!(hostile.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn suggestions_keep_locked_pairs_and_never_propose_ruled_out_ones() {
    let app = test_app().await;
    let mut board = board(&app, 3, &[1, 1, 1]).await;
    let cohort = board.cohort.clone();
    let (m, t) = (board.mentees.clone(), board.mentors.clone());
    let c = &mut board.coordinator;
    move_mentee(c, &app, &cohort, &m[0], None, Some(&t[2])).await;
    let locked = c
        .call(
            &app,
            "lock_pair",
            &[("cohort", &cohort), ("mentee", &m[0]), ("locked", "true")],
        )
        .await;
    assert_eq!(locked.status, StatusCode::OK, "{}", locked.text);
    assert_eq!(locked.body["pairings"][0]["locked"], true);
    for mentor in [&t[0], &t[2]] {
        c.call(
            &app,
            "forbid_pair",
            &[
                ("cohort", &cohort),
                ("mentee", &m[1]),
                ("mentor", mentor),
                ("forbidden", "true"),
            ],
        )
        .await;
    }

    let suggested = c.call(&app, "suggest_pairs", &[("cohort", &cohort)]).await;
    assert_eq!(suggested.status, StatusCode::OK, "{}", suggested.text);
    let pairs = suggested.body.as_array().expect("suggestions").clone();
    let of = |mentee: &str| {
        pairs
            .iter()
            .find(|p| p["mentee"] == mentee)
            .map(|p| p["mentor"].as_str().unwrap_or_default().to_owned())
    };
    assert_eq!(of(&m[0]), None, "the locked pair is not touched");
    assert_eq!(
        of(&m[1]).as_deref(),
        Some(t[1].as_str()),
        "the only allowed mentor"
    );
    assert_eq!(of(&m[2]).as_deref(), Some(t[0].as_str()));
    assert!(
        pairs
            .iter()
            .all(|p| p["fit"].as_u64().is_some_and(|fit| fit <= 100))
    );

    let accepted = c
        .call_json(
            &app,
            "accept_suggestions",
            json!({ "cohort": cohort, "pairs": pairs }),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.text);
    let state = accepted.body["pairings"].as_array().expect("pairs").clone();
    assert_eq!(state.len(), 3);
    let first = state
        .iter()
        .find(|p| p["mentee"] == json!(m[0]))
        .expect("kept");
    assert_eq!(first["mentor"], json!(t[2]));
    assert_eq!(first["locked"], true);

    // Accepting a ruled-out pair by hand is refused, and nothing changes.
    let sneaky = c
        .call_json(
            &app,
            "accept_suggestions",
            json!({ "cohort": cohort, "pairs": [{ "mentee": m[1], "mentor": t[0], "fit": 100 }] }),
        )
        .await;
    assert_eq!(problem(&sneaky), json!({ "kind": "pair_forbidden" }));
    assert_eq!(pairs_in_db(&app).await.len(), 3);
}

#[tokio::test]
async fn publishing_emails_each_side_once_over_smtp_and_shows_the_match_on_their_portal() {
    let app = test_app().await;
    let mut board = board(&app, 2, &[1, 1]).await;
    let cohort = board.cohort.clone();
    let (m, t) = (board.mentees.clone(), board.mentors.clone());
    let c = &mut board.coordinator;
    move_mentee(c, &app, &cohort, &m[0], None, Some(&t[1])).await;
    move_mentee(c, &app, &cohort, &m[1], None, Some(&t[0])).await;
    // Decisions so far went to the outbox; only the publication is counted here.
    app.db.query("DELETE outbox").await.expect("outbox cleared");

    let mut mentee = Client::default();
    mentee
        .login(&app, "mentee00@example.dk", common::PASSWORD)
        .await;
    let before = mentee.call(&app, "my_matches", &[]).await;
    assert_eq!(before.body, json!([]), "drafts are not shown");

    let smtp = SmtpServer::start();
    let config = app::backend::mail::MailConfig::new(
        Some(&format!("smtp://127.0.0.1:{}", smtp.port)),
        "Mentorbro <mentorbro@example.dk>",
    )
    .expect("smtp settings");
    let published = c.call(&app, "publish_board", &[("cohort", &cohort)]).await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.text);
    assert_eq!(published.body, json!({ "pairs": 2, "messages": 4 }));
    let again = c.call(&app, "publish_board", &[("cohort", &cohort)]).await;
    assert_eq!(again.body, json!({ "pairs": 0, "messages": 0 }));
    let sent = app::backend::mail::deliver(&app.db, &config)
        .await
        .expect("delivery");
    assert_eq!(sent, 4);
    assert_eq!(
        app::backend::mail::deliver(&app.db, &config)
            .await
            .expect("delivery"),
        0
    );

    let messages = smtp.messages();
    assert_eq!(messages.len(), 4);
    for (person, other) in [
        ("mentee00@example.dk", "Mentor 01"),
        ("mentee01@example.dk", "Mentor 00"),
        ("mentor01@example.dk", "Mentee 00"),
        ("mentor00@example.dk", "Mentee 01"),
    ] {
        let to_them: Vec<&String> = messages
            .iter()
            .filter(|message| message.contains(&format!("To: {person}")))
            .collect();
        assert_eq!(to_them.len(), 1, "one message to {person}");
        assert!(to_them[0].contains(other), "{person} learns about {other}");
    }

    let after = mentee.call(&app, "my_matches", &[]).await;
    assert_eq!(after.body[0]["name"], "Mentor 01");
    assert_eq!(after.body[0]["cohort_name"], "Spring 2027");
    assert_eq!(after.body[0]["email"], "mentor01@example.dk");
    let status = mentee.call(&app, "my_application", &[]).await;
    assert_eq!(status.body["status"], "in_cohort");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_viewer_of_the_board_hears_of_another_coordinators_move() {
    let app = test_app().await;
    let mut board = board(&app, 1, &[1]).await;
    let cohort = board.cohort.clone();
    let mut watcher = logged_in_as(&app, Role::Coordinator, "second@example.dk").await;

    let request = Request::get(format!("{}/{cohort}", app::board::EVENTS_PATH))
        .header(header::COOKIE, watcher.cookie.clone().expect("logged in"))
        .body(Body::empty())
        .expect("request");
    let response = app.router.clone().oneshot(request).await.expect("answer");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/event-stream"
    );
    let mut body = response.into_body();

    // The first coordinator sees the second one looking at the board.
    let state = board
        .coordinator
        .call(&app, "board_state", &[("cohort", &cohort)])
        .await;
    assert_eq!(state.body["viewers"], json!(["Staff Person"]));

    let (mentee, mentor) = (board.mentees[0].clone(), board.mentors[0].clone());
    let moved = move_mentee(
        &mut board.coordinator,
        &app,
        &cohort,
        &mentee,
        None,
        Some(&mentor),
    )
    .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    let heard = tokio::time::timeout(Duration::from_secs(5), async {
        let mut seen = String::new();
        while let Some(frame) = body.frame().await {
            if let Ok(data) = frame.expect("frame").into_data() {
                seen.push_str(&String::from_utf8_lossy(&data));
                if seen.contains("event: change") {
                    return seen;
                }
            }
        }
        seen
    })
    .await
    .expect("a change event within five seconds");
    assert!(heard.contains("event: change"), "{heard}");

    // Only coordinators may listen.
    let mut mentee_client = Client::default();
    mentee_client
        .login(&app, "mentee00@example.dk", common::PASSWORD)
        .await;
    let refused = mentee_client
        .get(&app, &format!("{}/{cohort}", app::board::EVENTS_PATH), &[])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    watcher.cookie = None;
}

#[tokio::test]
async fn the_cohorts_list_counts_each_cohorts_people_and_pairs() {
    let app = test_app().await;
    let mut board = board(&app, 3, &[1, 2]).await;
    let cohort = board.cohort.clone();
    let (m, t) = (board.mentees.clone(), board.mentors.clone());
    let c = &mut board.coordinator;
    move_mentee(c, &app, &cohort, &m[0], None, Some(&t[0])).await;
    move_mentee(c, &app, &cohort, &m[1], None, Some(&t[1])).await;
    let published = c.call(&app, "publish_board", &[("cohort", &cohort)]).await;
    assert_eq!(published.body["pairs"], 2, "{}", published.text);
    move_mentee(c, &app, &cohort, &m[2], None, Some(&t[1])).await;
    // Later cohorts, listed first: the board's cohort is counted in the
    // second statement of 32.
    for n in 0..33 {
        let saved = c
            .call_json(
                &app,
                "save_cohort",
                json!({ "id": null, "form": {
                    "programme": "aarhus-spouses", "name": format!("Later {n}"),
                    "start": format!("2028-{:02}-01", n % 10 + 1),
                    "end": format!("2028-{:02}-28", n % 10 + 3),
                    "places": "10", "status": "planning"
                }}),
            )
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    }

    let listed = c.call(&app, "list_cohorts", &[]).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.text);
    let cohorts = listed.body.as_array().expect("cohorts");
    assert_eq!(cohorts.len(), 34);
    let counts = |row: &Value| {
        json!([
            row["mentees"],
            row["mentors"],
            row["pairs"],
            row["published_pairs"]
        ])
    };
    for row in &cohorts[..33] {
        assert_eq!(counts(row), json!([0, 0, 0, 0]), "{row}");
    }
    assert_eq!(cohorts[33]["id"], cohort.as_str());
    assert_eq!(counts(&cohorts[33]), json!([3, 2, 3, 2]));
    let one = c.call(&app, "load_cohort", &[("id", &cohort)]).await;
    assert_eq!(
        counts(&one.body),
        json!([3, 2, 3, 2]),
        "one cohort, counted alone"
    );
}
