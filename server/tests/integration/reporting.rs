//! Reporting through the real router: a seeded cohort's dashboard equals
//! the same figures counted independently in the database; the partner view
//! withholds small numbers and names; the CSV export neutralises formulas,
//! starts with a byte-order mark and is for staff only, recorded in the
//! access log.

use crate::common;

use app::accounts::Role;
use axum::http::StatusCode;
use common::{Board, Client, TestApp, board, logged_in_as, participant, test_app};
use serde_json::{Value, json};

/// Eight mentees and three mentors; six pairs published; mentee 5's match
/// ended (moved away, so they left); mentee 4 withdrew; mentee 1's match
/// ended for "no contact" and continues with a new mentor; two applicants
/// who were never placed; meetings, introductions, and outcomes (mentee 0's
/// end recorded twice).
pub async fn seeded(app: &TestApp) -> Board {
    let mut board = board(app, 8, &[3, 3, 2]).await;
    let cohort = board.cohort.clone();
    let (m, t) = (board.mentees.clone(), board.mentors.clone());
    let c = &mut board.coordinator;
    for (n, mentee) in m.iter().take(6).enumerate() {
        let moved = c
            .call(
                app,
                "move_mentee",
                &[("cohort", &cohort), ("mentee", mentee), ("to", &t[n % 3])],
            )
            .await;
        assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    }
    let published = c.call(app, "publish_board", &[("cohort", &cohort)]).await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.text);
    for (mentee, reason) in [(&m[5], "moved_away"), (&m[1], "no_contact")] {
        let ended = c
            .call_json(
                app,
                "end_match",
                json!({ "cohort": cohort, "mentee": mentee, "reason": reason, "note": "" }),
            )
            .await;
        assert_eq!(ended.status, StatusCode::OK, "{}", ended.text);
    }
    for (mentee, mentor) in [(&m[1], &t[2])] {
        let moved = c
            .call(
                app,
                "move_mentee",
                &[("cohort", &cohort), ("mentee", mentee), ("to", mentor)],
            )
            .await;
        assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    }
    let published = c.call(app, "publish_board", &[("cohort", &cohort)]).await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.text);
    app.db
        .query("UPDATE type::record('application', $mentee) SET status = 'withdrawn'")
        .bind(("mentee", m[4].clone()))
        .await
        .and_then(|response| response.check())
        .expect("withdrawn");
    // Confirmed meetings: 3, 2, 1 for mentees 0–2; one unconfirmed for mentee 3.
    for (n, count, confirmed) in [(0, 3, true), (1, 2, true), (2, 1, true), (3, 1, false)] {
        for day in 0..count {
            app.db
                .query(
                    "CREATE meeting CONTENT {
                        cohort: type::record('cohort', $cohort), mentee: type::record('account', $mentee),
                        mentor: type::record('account', $mentor), logged_by: type::record('account', $mentor),
                        date: $date, minutes: 60, mode: 'online', topics: [], notes: '', next_steps: '',
                        confirmed_at: IF $confirmed THEN time::now() ELSE NONE END
                    }",
                )
                .bind(("cohort", cohort.clone()))
                .bind(("mentee", m[n].clone()))
                .bind(("mentor", t[n % 3].clone()))
                .bind(("date", format!("2027-03-{:02}", day + 1)))
                .bind(("confirmed", confirmed))
                .await
                .and_then(|response| response.check())
                .expect("meeting");
        }
    }
    for n in [0, 0, 2] {
        app.db
            .query(
                "CREATE introduction CONTENT {
                    cohort: type::record('cohort', $cohort), mentee: type::record('account', $mentee),
                    mentor: type::record('account', $mentor), date: '2027-03-05', company: 'Vestas',
                    role: 'Engineer', kind: 'coffee', outcome: 'met', note: '', updated_at: time::now()
                }",
            )
            .bind(("cohort", cohort.clone()))
            .bind(("mentee", m[n].clone()))
            .bind(("mentor", t[n % 3].clone()))
            .await
            .and_then(|response| response.check())
            .expect("introduction");
    }
    let outcome = |status: &str| {
        let work = status != "not_working" && status != "education";
        json!({
            "moment": "end", "status": status, "hours": if work { "37" } else { "" },
            "matches_education": if work { json!(true) } else { json!(null) },
            "industry": if work { "Energy" } else { "" },
            "found_on": if work { "2026-01-15" } else { "" }, "in_aarhus": true, "note": ""
        })
    };
    for (n, status) in [
        (0, "not_working"),
        (0, "ordinary_job"),
        (2, "internship"),
        (3, "not_working"),
        (5, "ordinary_job"),
    ] {
        let recorded = c
            .call_json(
                app,
                "record_outcome",
                json!({ "cohort": cohort, "mentee": m[n], "form": outcome(status) }),
            )
            .await;
        assert_eq!(recorded.status, StatusCode::OK, "{}", recorded.text);
    }
    for n in 0..2 {
        participant(
            app,
            Role::Mentee,
            &format!("applicant{n}@example.dk"),
            &format!("Applicant {n}"),
            common::complete_mentee(&format!("a{n}")),
        )
        .await;
    }
    board
}

async fn count(app: &TestApp, query: &str, cohort: &str) -> u64 {
    let counts: Vec<u64> = app
        .db
        .query(query)
        .bind(("cohort", app::backend::db::record("cohort", cohort)))
        .await
        .and_then(|mut response| response.take(0))
        .expect("count");
    counts.into_iter().next().unwrap_or(0)
}

#[tokio::test]
async fn the_dashboard_equals_an_independent_count() {
    let app = test_app().await;
    let mut board = seeded(&app).await;
    let cohort = board.cohort.clone();
    let reply = board
        .coordinator
        .call(&app, "cohort_dashboard", &[("cohort", &cohort)])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let figures = &reply.body["figures"];

    // Counted straight from the tables, without the reporting code.
    let members = "count(SELECT id FROM cohort_member WHERE cohort = $cohort AND kind = 'mentee')";
    let applicants = count(
        &app,
        &format!(
            "RETURN count(SELECT id FROM application WHERE kind = 'mentee' AND status != 'draft'
                AND account NOT IN (SELECT VALUE account FROM cohort_member WHERE cohort = $cohort))
                + {members}"
        ),
        &cohort,
    )
    .await;
    let accepted = count(&app, &format!("RETURN {members}"), &cohort).await;
    let matched = count(
        &app,
        "RETURN array::len(array::union(
            (SELECT VALUE mentee FROM pairing WHERE cohort = $cohort AND published = true),
            (SELECT VALUE mentee FROM match_end WHERE cohort = $cohort)))",
        &cohort,
    )
    .await;
    let meetings = count(
        &app,
        "RETURN count(SELECT id FROM meeting WHERE cohort = $cohort AND confirmed_at != NONE)",
        &cohort,
    )
    .await;
    let pairs = count(
        &app,
        "RETURN count(SELECT id FROM pairing WHERE cohort = $cohort AND published = true)
            + count(SELECT id FROM match_end WHERE cohort = $cohort)",
        &cohort,
    )
    .await;
    assert_eq!(figures["funnel"]["applicants"], json!(applicants));
    assert_eq!(figures["funnel"]["accepted"], json!(accepted));
    assert_eq!(figures["funnel"]["matched"], json!(matched));
    assert_eq!(figures["activity"]["meetings"], json!(meetings));
    assert_eq!(figures["activity"]["pairs"], json!(pairs));
    // And the same figures as worked out by hand for this cohort.
    assert_eq!(
        figures["funnel"],
        json!({ "applicants": 10, "accepted": 8, "matched": 6, "active": 4, "completed": 0, "dropped": 2 })
    );
    assert_eq!(pairs, 7);
    assert_eq!(figures["activity"]["meetings"], 6);
    assert_eq!(figures["activity"]["introductions"], 3);
    let mut dropped: Vec<(String, u64)> = figures["dropped_reasons"]
        .as_array()
        .expect("reasons")
        .iter()
        .map(|r| {
            (
                r["reason"].as_str().unwrap_or_default().to_owned(),
                r["count"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    dropped.sort();
    assert_eq!(
        dropped,
        [("moved_away".to_owned(), 1), ("withdrew".to_owned(), 1)]
    );
    // End: mentee 0 (corrected to an ordinary job), 2 (internship), 3 (not
    // working) and 5 (left, but recorded): 3 of 4 in work, 2 ordinary.
    let end = &figures["work"][0];
    assert_eq!(end["moment"], "end");
    assert_eq!(end["in_work"], json!({ "part": 3, "whole": 4 }));
    assert_eq!(end["ordinary"], json!({ "part": 2, "whole": 4 }));
    assert_eq!(
        figures["work"][1]["in_work"],
        json!({ "part": 0, "whole": 0 })
    );
    assert_eq!(reply.body["target"], 70);

    // The target is the programme's, and persists.
    let bad = board
        .coordinator
        .call(
            &app,
            "save_work_target",
            &[("programme", "aarhus-spouses"), ("target", "0")],
        )
        .await;
    assert_eq!(bad.body["Invalid"][0]["field"], "target");
    let saved = board
        .coordinator
        .call(
            &app,
            "save_work_target",
            &[("programme", "aarhus-spouses"), ("target", "75")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    let year = board
        .coordinator
        .call(
            &app,
            "programme_dashboard",
            &[("programme", "aarhus-spouses"), ("year", "2027")],
        )
        .await;
    assert_eq!(year.status, StatusCode::OK, "{}", year.text);
    assert_eq!(year.body["target"], 75);
    assert_eq!(year.body["figures"]["funnel"]["accepted"], 8);
    let none = board
        .coordinator
        .call(
            &app,
            "programme_dashboard",
            &[("programme", "aarhus-spouses"), ("year", "1999")],
        )
        .await;
    assert_eq!(none.body["Invalid"][0]["field"], "year");
}

#[tokio::test]
async fn partners_see_only_suppressed_aggregates_of_their_own_referrals() {
    let app = test_app().await;
    let board = seeded(&app).await;
    let partner = app::backend::partners::create_partner(&app.db, "Aarhus Municipality", "aarhus")
        .await
        .expect("partner");
    // Six of the mentees were referred by this partner.
    for mentee in board.mentees.iter().take(6) {
        app.db
            .query("UPDATE type::record('application', $mentee) SET partner = type::record('partner', $partner)")
            .bind(("mentee", mentee.clone()))
            .bind(("partner", partner.id.clone()))
            .await
            .and_then(|response| response.check())
            .expect("referred");
    }
    let mut user = logged_in_as(&app, Role::Partner, "partner@example.dk").await;
    let unlinked = user.call(&app, "partner_figures", &[]).await;
    assert_eq!(unlinked.status, StatusCode::NOT_FOUND);
    app.db
        .query("UPDATE account SET partner = type::record('partner', $partner) WHERE email = 'partner@example.dk'")
        .bind(("partner", partner.id.clone()))
        .await
        .and_then(|response| response.check())
        .expect("linked");
    let reply = user.call(&app, "partner_figures", &[]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let body = &reply.body;
    assert_eq!(body["partner"], "Aarhus Municipality");
    assert_eq!(body["applicants"], json!({ "kind": "shown", "value": 6 }));
    assert_eq!(body["accepted"], json!({ "kind": "shown", "value": 6 }));
    assert_eq!(body["matched"], json!({ "kind": "shown", "value": 6 }));
    assert_eq!(body["dropped"], json!({ "kind": "fewer_than_5" }));
    assert_eq!(
        body["work"][0]["recorded"],
        json!({ "kind": "fewer_than_5" })
    );
    assert_eq!(body["work"][0]["in_work"], json!({ "kind": "hidden" }));
    for mentee in &board.mentees {
        assert!(!reply.text.contains(mentee.as_str()), "an id was sent");
    }
    assert!(!reply.text.contains("Mentee "), "a name was sent");
    assert!(!reply.text.contains("example.dk"));

    let mut coordinator = board.coordinator;
    let refused = coordinator.call(&app, "partner_figures", &[]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

async fn csv(client: &mut Client, app: &TestApp, query: &str) -> common::Reply {
    client
        .get(
            app,
            &format!("{}?{query}", app::reporting::REPORT_CSV_PATH),
            &[],
        )
        .await
}

#[tokio::test]
async fn the_csv_export_is_safe_for_spreadsheets_and_for_staff_only() {
    let app = test_app().await;
    let mut board = seeded(&app).await;
    let cohort = board.cohort.clone();
    let partner =
        app::backend::partners::create_partner(&app.db, "=HYPERLINK(\"http://evil\")", "evil")
            .await
            .expect("partner");
    app.db
        .query("UPDATE type::record('application', $mentee) SET partner = type::record('partner', $partner)")
        .bind(("mentee", board.mentees[0].clone()))
        .bind(("partner", partner.id.clone()))
        .await
        .and_then(|response| response.check())
        .expect("referred");

    let reply = csv(
        &mut board.coordinator,
        &app,
        &format!("cohort={cohort}&lang=da"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.headers["content-type"], "text/csv; charset=utf-8");
    assert!(
        reply.headers["content-disposition"]
            .to_str()
            .unwrap_or_default()
            .starts_with("attachment")
    );
    assert!(reply.text.starts_with('\u{feff}'), "UTF-8 byte-order mark");
    let mut reader = csv_reader(&reply.text);
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("row").iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows[0], ["Afsnit", "Tal", "Antal", "Procent"]);
    assert!(rows.iter().any(|r| r[1] == "Ansøgere" && r[2] == "10"));
    let evil: Vec<&Vec<String>> = rows.iter().filter(|r| r[1].contains("HYPERLINK")).collect();
    assert!(!evil.is_empty());
    assert!(evil.iter().all(|r| r[1].starts_with("'=")), "{evil:?}");
    assert!(
        rows.iter()
            .all(|r| r.iter().all(|cell| !cell.starts_with(['=', '+', '-', '@'])))
    );

    let logged: Vec<Value> = app
        .db
        .query("SELECT what, why FROM access_log WHERE subject = $subject")
        .bind(("subject", format!("cohort:{cohort}")))
        .await
        .and_then(|mut response| response.take(0))
        .expect("log");
    assert_eq!(
        logged,
        [json!({ "what": "report figures (CSV)", "why": "funder report" })]
    );

    let mut anonymous = Client::default();
    assert_eq!(
        csv(&mut anonymous, &app, &format!("cohort={cohort}"))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let mut mentee = logged_in_as(&app, Role::Mentee, "someone@example.dk").await;
    assert_eq!(
        csv(&mut mentee, &app, &format!("cohort={cohort}"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let mut partner_user = logged_in_as(&app, Role::Partner, "p@example.dk").await;
    assert_eq!(
        csv(&mut partner_user, &app, &format!("cohort={cohort}"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let year = csv(
        &mut board.coordinator,
        &app,
        "programme=aarhus-spouses&year=2027",
    )
    .await;
    assert_eq!(year.status, StatusCode::OK);
    // The year counts applications made in 2027; the two unplaced ones were made now.
    assert!(
        year.text.contains("Participants,Applicants,8,"),
        "{}",
        year.text
    );
    let unknown = csv(&mut board.coordinator, &app, "cohort=no-such-cohort").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
}
