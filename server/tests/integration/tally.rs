//! The dashboard from per-cohort tallies is never stale: after every kind of
//! change the figures read, the tally-based dashboard of each cohort and of
//! the programme's year equals the one computed directly from every row,
//! on a day the course runs and on a day after it ended.

use app::backend::db::record;
use app::backend::reporting::{dashboard_of, direct_dashboard_of, refresh_tallies};
use app::reporting::Scope;
use axum::http::StatusCode;
use serde_json::{Value, json};
use time::Date;
use time::macros::date;

use crate::common::{TestApp, test_app};
use crate::reporting::seeded;

const RUNNING: Date = date!(2027 - 04 - 15);
const OVER: Date = date!(2027 - 07 - 01);

/// Both dashboards of every scope, on both days, are equal.
async fn same(app: &TestApp, cohorts: &[&str], step: &str) {
    let mut scopes: Vec<Scope> = cohorts
        .iter()
        .map(|id| Scope::Cohort {
            id: (*id).to_owned(),
        })
        .collect();
    scopes.push(Scope::Year {
        programme: "aarhus-spouses".into(),
        year: 2027,
    });
    for scope in &scopes {
        for today in [RUNNING, OVER] {
            let kept = dashboard_of(&app.db, scope, today).await.expect("tallies");
            let direct = direct_dashboard_of(&app.db, scope, today)
                .await
                .expect("direct");
            assert_eq!(kept, direct, "after {step}: {scope:?} on {today}");
        }
    }
    assert_eq!(changes(app).await, 0, "after {step}: change rows left");
}

async fn run(app: &TestApp, query: &str, binds: Value) {
    app.db
        .query(query)
        .bind(binds)
        .await
        .and_then(|response| response.check())
        .expect(query);
}

async fn changes(app: &TestApp) -> usize {
    let rows: Vec<Value> = app
        .db
        .query("SELECT id FROM tally_change")
        .await
        .and_then(|mut response| response.take(0))
        .expect("changes");
    rows.len()
}

async fn computed_at(app: &TestApp, cohort: &str) -> String {
    let at: Vec<String> = app
        .db
        .query("SELECT VALUE <string> computed_at FROM $id")
        .bind(("id", record("cohort_tally", cohort)))
        .await
        .and_then(|mut response| response.take(0))
        .expect("computed_at");
    at.into_iter().next().expect("a stored tally")
}

#[tokio::test]
async fn the_tally_dashboard_equals_the_direct_one_after_every_change() {
    let app = test_app().await;
    let mut board = seeded(&app).await;
    let a = board.cohort.clone();
    let (m, t) = (board.mentees.clone(), board.mentors.clone());
    // A later cohort of the same year, with mentee 0 placed in it too.
    run(
        &app,
        "CREATE cohort:later CONTENT {
            programme: 'aarhus-spouses', name: 'Autumn 2027', start: '2027-03-01',
            end: '2027-06-30', places: 10, status: 'running', weights: {}, updated_at: time::now()
        };
        CREATE cohort_member CONTENT {
            cohort: cohort:later, account: type::record('account', $mentee), kind: 'mentee', capacity: 0
        };",
        json!({ "mentee": m[0] }),
    )
    .await;
    let cohorts = [a.as_str(), "later"];
    same(&app, &cohorts, "seeding").await;

    // A read with nothing changed recomputes nothing.
    let before = computed_at(&app, &a).await;
    let year = Scope::Year {
        programme: "aarhus-spouses".into(),
        year: 2027,
    };
    dashboard_of(&app.db, &year, RUNNING).await.expect("again");
    assert_eq!(computed_at(&app, &a).await, before);

    let binds = json!({ "cohort": a, "mentee": m[2], "mentor": t[2] });
    run(
        &app,
        "CREATE meeting CONTENT {
            cohort: type::record('cohort', $cohort), mentee: type::record('account', $mentee),
            mentor: type::record('account', $mentor), logged_by: type::record('account', $mentor),
            date: '2027-04-10', minutes: 60, mode: 'online', topics: [], notes: '', next_steps: ''
        }",
        binds.clone(),
    )
    .await;
    same(&app, &cohorts, "a meeting logged").await;
    run(
        &app,
        "UPDATE meeting SET confirmed_at = time::now()
            WHERE mentee = type::record('account', $mentee) AND confirmed_at = NONE",
        binds.clone(),
    )
    .await;
    same(&app, &cohorts, "the meeting confirmed").await;

    let c = &mut board.coordinator;
    let recorded = c
        .call_json(
            &app,
            "record_outcome",
            json!({ "cohort": a, "mentee": m[3], "form": {
                "moment": "end", "status": "ordinary_job", "hours": "37", "matches_education": true,
                "industry": "Energy", "found_on": "2026-01-15", "in_aarhus": false, "note": ""
            }}),
        )
        .await;
    assert_eq!(recorded.status, StatusCode::OK, "{}", recorded.text);
    same(&app, &cohorts, "an outcome recorded").await;

    let ended = c
        .call_json(
            &app,
            "end_match",
            json!({ "cohort": a, "mentee": m[2], "reason": "job_found", "note": "" }),
        )
        .await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.text);
    same(&app, &cohorts, "a match ended").await;

    run(
        &app,
        "UPDATE cohort_member SET left_at = time::now(), left_reason = 'moved_away'
            WHERE cohort = type::record('cohort', $cohort) AND account = type::record('account', $mentee)",
        json!({ "cohort": a, "mentee": m[3] }),
    )
    .await;
    same(&app, &cohorts, "a member left").await;

    run(
        &app,
        "UPDATE application SET status = 'withdrawn' WHERE account = type::record('account', $mentee)",
        json!({ "mentee": m[6] }),
    )
    .await;
    same(&app, &cohorts, "an application withdrawn").await;
    run(
        &app,
        "UPDATE application SET status = 'withdrawn' WHERE account.email = 'applicant0@example.dk'",
        json!({}),
    )
    .await;
    same(&app, &cohorts, "an applicant not placed withdrew").await;

    run(
        &app,
        "CREATE workshop:cv CONTENT {
            cohort: type::record('cohort', $cohort), title: 'CV clinic', description: '',
            date: '2027-03-10', time: '17:00', minutes: 90, starts_at: d'2027-03-10T16:00:00Z',
            ends_at: d'2027-03-10T17:30:00Z', place: 'Erhverv Aarhus', link: '', capacity: 20,
            updated_at: time::now()
        }",
        binds.clone(),
    )
    .await;
    same(&app, &cohorts, "a workshop held").await;
    for (n, account) in m.iter().take(3).enumerate() {
        run(
            &app,
            "CREATE workshop_rsvp CONTENT {
                workshop: workshop:cv, account: type::record('account', $mentee),
                coming: $coming, answered_at: time::now()
            }",
            json!({ "mentee": account, "coming": n < 2 }),
        )
        .await;
    }
    same(&app, &cohorts, "workshop answers").await;
    run(
        &app,
        "CREATE workshop_attendance CONTENT {
            workshop: workshop:cv, account: type::record('account', $mentee),
            marked_by: type::record('account', $mentor), marked_at: time::now()
        }",
        binds.clone(),
    )
    .await;
    same(&app, &cohorts, "a check-in").await;

    let created = c
        .call(
            &app,
            "create_standard_surveys",
            &[("cohort", &a), ("language", "en")],
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.text);
    same(&app, &cohorts, "surveys created").await;
    run(
        &app,
        "LET $survey = (SELECT VALUE id FROM survey WHERE cohort = type::record('cohort', $cohort)
            AND moment = 'first_meeting' LIMIT 1)[0];
        CREATE survey_answer CONTENT {
            survey: $survey, cohort: type::record('cohort', $cohort),
            account: type::record('account', $mentee), kind: 'mentee',
            answers: [{ question: 'q1', likert: 4 }, { question: 'q2', likert: 2 }],
            answered_at: time::now()
        };",
        json!({ "cohort": a, "mentee": m[1] }),
    )
    .await;
    same(&app, &cohorts, "a survey answered").await;

    run(
        &app,
        "DELETE cohort_member WHERE cohort = cohort:later",
        json!({}),
    )
    .await;
    same(&app, &cohorts, "the later placement removed").await;
    run(
        &app,
        "UPDATE type::record('cohort', $cohort) SET status = 'completed'",
        json!({ "cohort": a }),
    )
    .await;
    same(&app, &cohorts, "the cohort marked completed").await;
}

#[tokio::test]
async fn the_refresh_job_brings_changed_cohorts_up_to_date_before_a_read() {
    let app = test_app().await;
    let board = seeded(&app).await;
    let a = board.cohort.clone();
    let year = Scope::Year {
        programme: "aarhus-spouses".into(),
        year: 2027,
    };
    dashboard_of(&app.db, &year, RUNNING)
        .await
        .expect("first read");
    assert_eq!(refresh_tallies(&app.db).await.expect("refresh"), 0);
    let before = computed_at(&app, &a).await;

    run(
        &app,
        "CREATE meeting CONTENT {
            cohort: type::record('cohort', $cohort), mentee: type::record('account', $mentee),
            mentor: type::record('account', $mentor), logged_by: type::record('account', $mentor),
            date: '2027-04-10', minutes: 60, mode: 'online', topics: [], notes: '', next_steps: '',
            confirmed_at: time::now()
        }",
        json!({ "cohort": a, "mentee": board.mentees[1], "mentor": board.mentors[1] }),
    )
    .await;
    assert!(changes(&app).await > 0, "the meeting leaves a change row");
    assert_eq!(refresh_tallies(&app.db).await.expect("refresh"), 1);
    assert_eq!(changes(&app).await, 0, "the refresh deletes what it saw");
    let refreshed = computed_at(&app, &a).await;
    assert_ne!(refreshed, before, "the changed cohort was recomputed");

    // The read that follows recomputes nothing and shows the meeting.
    let kept = dashboard_of(&app.db, &year, RUNNING).await.expect("read");
    assert_eq!(computed_at(&app, &a).await, refreshed);
    let direct = direct_dashboard_of(&app.db, &year, RUNNING)
        .await
        .expect("direct");
    assert_eq!(kept, direct);

    // A change row of a cohort deleted since is dropped, not an error.
    run(
        &app,
        "CREATE tally_change SET cohort = cohort:gone",
        json!({}),
    )
    .await;
    assert_eq!(refresh_tallies(&app.db).await.expect("refresh"), 1);
    assert_eq!(changes(&app).await, 0);
}
