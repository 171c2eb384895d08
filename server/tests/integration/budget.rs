//! The budget through the real router: lines never above the grant, expenses
//! stored, summed, changed and deleted with a log, the costs per participant
//! and per mentee in work against a calculation made here by hand, and who may
//! see or change a budget.

use crate::common;

use app::accounts::Role;
use app::backend::budget::budget_summary;
use axum::http::StatusCode;
use common::{Client, TestApp, board, logged_in_as, test_app};
use serde_json::{Value, json};

const PROGRAMME: &str = "aarhus-spouses";

fn lines(amounts: [&str; 6]) -> Value {
    json!(amounts)
}

async fn save_budget(
    app: &TestApp,
    client: &mut Client,
    year: i32,
    grant: &str,
    lines: Value,
) -> common::Reply {
    client
        .call_json(
            app,
            "save_budget",
            json!({ "programme": PROGRAMME, "year": year, "form": { "grant": grant, "lines": lines } }),
        )
        .await
}

async fn save_expense(
    app: &TestApp,
    client: &mut Client,
    id: Option<&str>,
    date: &str,
    amount: &str,
    category: &str,
    note: &str,
) -> common::Reply {
    client
        .call_json(
            app,
            "save_expense",
            json!({ "programme": PROGRAMME, "year": 2027, "id": id, "form": {
                "date": date, "amount": amount, "category": category, "note": note
            }}),
        )
        .await
}

async fn page(app: &TestApp, client: &mut Client, year: &str) -> Value {
    let reply = client
        .call(
            app,
            "load_budget",
            &[("programme", PROGRAMME), ("year", year)],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.body
}

fn problem(reply: &common::Reply) -> (Value, Value) {
    let first = &reply.body["Invalid"][0];
    (first["field"].clone(), first["problem"]["kind"].clone())
}

#[tokio::test]
async fn budget_lines_above_the_grant_are_refused_by_the_server_and_the_database() {
    let app = test_app().await;
    let mut b = board(&app, 1, &[1]).await;
    let over = save_budget(
        &app,
        &mut b.coordinator,
        2027,
        "450.000",
        lines(["100.000", "100.000", "100.000", "100.000", "50.000", "0,01"]),
    )
    .await;
    assert_eq!(
        over.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        over.text
    );
    assert_eq!(problem(&over), (json!("lines"), json!("lines_over_grant")));
    assert_eq!(
        over.body["Invalid"][0]["problem"]["lines"],
        json!(45_000_001)
    );
    assert_eq!(
        over.body["Invalid"][0]["problem"]["grant"],
        json!(45_000_000)
    );
    let nothing = page(&app, &mut b.coordinator, "2027").await;
    assert_eq!(nothing["budget"], Value::Null);
    assert_eq!(nothing["changes"], json!([]));

    let exact = save_budget(
        &app,
        &mut b.coordinator,
        2027,
        "450.000",
        lines(["100.000", "100.000", "100.000", "100.000", "50.000", ""]),
    )
    .await;
    assert_eq!(exact.status, StatusCode::OK, "{}", exact.text);
    let stored = page(&app, &mut b.coordinator, "2027").await;
    assert_eq!(stored["budget"]["grant"], json!(45_000_000));
    assert_eq!(
        stored["budget"]["lines"],
        json!([10_000_000, 10_000_000, 10_000_000, 10_000_000, 5_000_000, 0])
    );
    assert_eq!(stored["summary"]["total"]["budget"], json!(45_000_000));
    assert_eq!(stored["changes"][0]["action"], "budget");
    assert_eq!(stored["changes"][0]["by_name"], "Staff Person");

    let bad = save_budget(
        &app,
        &mut b.coordinator,
        2027,
        "-5",
        lines(["", "", "", "", "", "1.23.4"]),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem(&bad), (json!("grant"), json!("amount_negative")));
    assert_eq!(bad.body["Invalid"][1]["field"], "line.other");
    assert_eq!(bad.body["Invalid"][1]["problem"]["kind"], "amount");

    // Even written past the server functions, the lines cannot exceed the grant.
    let direct = app
        .db
        .query("UPDATE type::record('budget', $key) SET grant = 100")
        .bind(("key", format!("{PROGRAMME}_2027")))
        .await
        .and_then(|response| response.check());
    assert!(direct.is_err(), "the database took lines above the grant");
    let unknown = b
        .coordinator
        .call(
            &app,
            "load_budget",
            &[("programme", "no-such-programme"), ("year", "2027")],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let early = b
        .coordinator
        .call(
            &app,
            "load_budget",
            &[("programme", PROGRAMME), ("year", "1999")],
        )
        .await;
    assert_eq!(problem(&early), (json!("year"), json!("number")));
}

#[tokio::test]
async fn expenses_are_stored_summed_changed_and_deleted_with_a_log() {
    let app = test_app().await;
    let mut b = board(&app, 1, &[1]).await;
    let saved = save_budget(
        &app,
        &mut b.coordinator,
        2027,
        "450000",
        lines(["50.000", "100.000", "50.000", "100.000", "150.000", ""]),
    )
    .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    // A note full of SurrealQL is stored as typed and runs nothing.
    let sneaky = "'; DELETE expense; -- $programme } RETURN (SELECT * FROM account); \"x\"";
    let first = save_expense(
        &app,
        &mut b.coordinator,
        None,
        "2027-03-01",
        "1 234,50",
        "workshops",
        sneaky,
    )
    .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    assert_eq!(first.body["values"]["note"], sneaky);
    assert_eq!(first.body["values"]["amount"], json!(123_450));
    assert_eq!(first.body["entered_by_name"], "Staff Person");
    let second = save_expense(
        &app,
        &mut b.coordinator,
        None,
        "2027-04-15",
        "DKK 20,000.00",
        "communication",
        "Flyers",
    )
    .await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.text);
    let third = save_expense(
        &app,
        &mut b.coordinator,
        None,
        "2027-05-02",
        "160.000",
        "workshops",
        "Venue, spring",
    )
    .await;
    assert_eq!(third.status, StatusCode::OK, "{}", third.text);

    for (date, amount, field, kind) in [
        ("2027-03-01", "12.34.5", "amount", "amount"),
        ("2027-03-01", "-20", "amount", "amount_negative"),
        ("2027-03-01", "0", "amount", "amount_zero"),
        ("2028-01-02", "20", "date", "date_outside_year"),
    ] {
        let refused = save_expense(&app, &mut b.coordinator, None, date, amount, "other", "").await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{amount}");
        assert_eq!(problem(&refused), (json!(field), json!(kind)), "{amount}");
    }

    let data = page(&app, &mut b.coordinator, "2027").await;
    let expenses = data["expenses"].as_array().expect("expenses");
    assert_eq!(expenses.len(), 3);
    assert_eq!(expenses[0]["values"]["date"], "2027-05-02", "newest first");
    assert_eq!(expenses[2]["values"]["note"], sneaky);
    let summary = &data["summary"];
    assert_eq!(summary["lines"][0]["spent"], json!(2_000_000));
    assert_eq!(summary["lines"][3]["spent"], json!(123_450 + 16_000_000));
    assert_eq!(summary["lines"][3]["over"], json!(true));
    assert_eq!(
        summary["lines"][3]["remaining"],
        json!(10_000_000 - 16_123_450)
    );
    assert_eq!(summary["total"]["spent"], json!(18_123_450));
    assert_eq!(summary["grant_remaining"], json!(45_000_000 - 18_123_450));

    // Change the first: the sums follow and the log says who changed it.
    let id = first.body["id"].as_str().expect("id").to_owned();
    let changed = save_expense(
        &app,
        &mut b.coordinator,
        Some(&id),
        "2027-03-01",
        "1000",
        "matching",
        sneaky,
    )
    .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.text);
    assert_eq!(changed.body["changed_by_name"], "Staff Person");
    let third_id = third.body["id"].as_str().expect("id").to_owned();
    let deleted = b
        .coordinator
        .call(&app, "delete_expense", &[("id", &third_id)])
        .await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.text);
    let again = b
        .coordinator
        .call(&app, "delete_expense", &[("id", &third_id)])
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);

    let data = page(&app, &mut b.coordinator, "2027").await;
    assert_eq!(data["expenses"].as_array().map(Vec::len), Some(2));
    assert_eq!(data["summary"]["lines"][2]["spent"], json!(100_000));
    assert_eq!(data["summary"]["lines"][3]["spent"], json!(0));
    assert_eq!(data["summary"]["total"]["spent"], json!(2_100_000));
    let actions: Vec<&str> = data["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|change| change["action"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        actions,
        [
            "expense_deleted",
            "expense_changed",
            "expense_added",
            "expense_added",
            "expense_added",
            "budget"
        ]
    );
    assert_eq!(data["changes"][0]["amount"], json!(16_000_000));
    assert_eq!(data["changes"][0]["category"], "workshops");
    // Another year of the same programme is its own budget.
    let next_year = page(&app, &mut b.coordinator, "2028").await;
    assert_eq!(next_year["expenses"], json!([]));
    // The log cannot be rewritten.
    let rewrite = app
        .db
        .query("DELETE budget_change")
        .await
        .and_then(|response| response.check());
    assert!(rewrite.is_err());
    // An expense of another year is not changed from this one.
    let other_year = b
        .coordinator
        .call_json(
            &app,
            "save_expense",
            json!({ "programme": PROGRAMME, "year": 2028, "id": id, "form": {
                "date": "2028-01-01", "amount": "1", "category": "other", "note": ""
            }}),
        )
        .await;
    assert_eq!(
        other_year.status,
        StatusCode::NOT_FOUND,
        "{}",
        other_year.text
    );
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

async fn cohort(
    app: &TestApp,
    coordinator: &mut Client,
    name: &str,
    start: &str,
    end: &str,
) -> String {
    let reply = coordinator
        .call_json(
            app,
            "save_cohort",
            json!({ "id": null, "form": {
                "programme": PROGRAMME, "name": name, "start": start, "end": end,
                "places": "40", "status": "running"
            }}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.body["id"].as_str().expect("cohort id").to_owned()
}

async fn outcome(
    app: &TestApp,
    coordinator: &mut Client,
    cohort: &str,
    mentee: &str,
    moment: &str,
    status: &str,
) {
    let mut form = json!({ "moment": moment, "status": status, "in_aarhus": true });
    if !matches!(status, "not_working" | "education") {
        form["hours"] = json!("37");
        form["matches_education"] = json!(true);
        form["industry"] = json!("Energy");
        form["found_on"] = json!("2026-01-15");
    }
    let reply = coordinator
        .call_json(
            app,
            "record_outcome",
            json!({ "cohort": cohort, "mentee": mentee, "form": form }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    // Records of one mentee are told apart by when they were made.
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
}

#[tokio::test]
async fn costs_per_participant_and_per_mentee_in_work_match_a_calculation_by_hand() {
    let app = test_app().await;
    // Spring 2027: four mentees and two mentors.
    let mut b = board(&app, 4, &[1, 2]).await;
    let spring = b.cohort.clone();
    let (m, mentors) = (b.mentees.clone(), b.mentors.clone());
    // Autumn 2027: one new mentee and a mentor already counted in spring.
    let autumn = cohort(
        &app,
        &mut b.coordinator,
        "Autumn 2027",
        "2027-09-01",
        "2027-12-15",
    )
    .await;
    let newcomer = common::participant(
        &app,
        Role::Mentee,
        "nina@example.dk",
        "Nina",
        common::complete_mentee("nina"),
    )
    .await;
    join(&app, &autumn, &newcomer, "mentee").await;
    join(&app, &autumn, &mentors[0], "mentor").await;
    // Spring 2028 belongs to next year's budget.
    let later = cohort(
        &app,
        &mut b.coordinator,
        "Spring 2028",
        "2028-02-01",
        "2028-05-31",
    )
    .await;
    let next_year = common::participant(
        &app,
        Role::Mentee,
        "olga@example.dk",
        "Olga",
        common::complete_mentee("olga"),
    )
    .await;
    join(&app, &later, &next_year, "mentee").await;
    // Mentee 2 left the course early: she still counts.
    app.db
        .query("UPDATE type::record('cohort_member', $key) SET left_at = time::now(), left_reason = 'moved_away'")
        .bind(("key", format!("{spring}_{}", m[2])))
        .await
        .and_then(|response| response.check())
        .expect("left");

    let c = &mut b.coordinator;
    outcome(&app, c, &spring, &m[0], "end", "ordinary_job").await;
    outcome(&app, c, &spring, &m[1], "end", "internship").await;
    outcome(&app, c, &spring, &m[1], "end", "not_working").await;
    outcome(&app, c, &spring, &m[2], "end", "own_company").await;
    outcome(&app, c, &spring, &m[3], "end", "education").await;
    outcome(&app, c, &spring, &m[3], "follow_up_3m", "ordinary_job").await;
    outcome(&app, c, &later, &next_year, "end", "ordinary_job").await;

    let saved = save_budget(&app, c, 2027, "450.000", lines(["", "", "", "", "", ""])).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    let amounts = ["10.000", "2 500,50", "333,33", "12345.67"];
    for (n, amount) in amounts.iter().enumerate() {
        let reply = save_expense(
            &app,
            c,
            None,
            &format!("2027-0{}-10", n + 1),
            amount,
            "other",
            "",
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    }

    // By hand: 4 + 2 people in spring, 1 new mentee in autumn (the mentor is
    // the same person); in work at the end: mentees 0 and 2.
    let spent_ore: i64 = 1_000_000 + 250_050 + 33_333 + 1_234_567;
    let participants = 7;
    let in_work = 2;
    let round = |ore: i64, people: i64| ((ore as f64) / (people as f64)).round() as i64;
    let summary = budget_summary(&app.db, PROGRAMME, 2027)
        .await
        .expect("summary");
    assert_eq!(summary.total.spent, spent_ore);
    assert_eq!(summary.participants.mentees, 5);
    assert_eq!(summary.participants.mentors, 2);
    assert_eq!(summary.participants.mentees_in_work, in_work);
    assert_eq!(
        summary.cost_per_participant,
        Some(round(spent_ore, participants))
    );
    assert_eq!(
        summary.cost_per_mentee_in_work,
        Some(round(spent_ore, i64::from(in_work)))
    );
    assert_eq!(summary.grant, Some(45_000_000));
    // The page shows the same figures the report will read.
    let data = page(&app, c, "2027").await;
    assert_eq!(
        data["summary"],
        serde_json::to_value(&summary).expect("json")
    );

    // Nobody counted and nobody in work: no cost, not a division by zero.
    let empty = budget_summary(&app.db, PROGRAMME, 2030)
        .await
        .expect("summary");
    assert_eq!(empty.participants.total(), 0);
    assert_eq!(
        (empty.cost_per_participant, empty.cost_per_mentee_in_work),
        (None, None)
    );
    let later_year = budget_summary(&app.db, PROGRAMME, 2028)
        .await
        .expect("summary");
    assert_eq!(later_year.participants.total(), 1);
    assert_eq!(later_year.participants.mentees_in_work, 1);
    assert_eq!(later_year.cost_per_participant, Some(0));
}

#[tokio::test]
async fn only_coordinators_and_admins_see_or_change_a_budget() {
    let app = test_app().await;
    let mut b = board(&app, 1, &[1]).await;
    let expense = save_expense(
        &app,
        &mut b.coordinator,
        None,
        "2027-03-01",
        "100",
        "other",
        "",
    )
    .await;
    assert_eq!(expense.status, StatusCode::OK, "{}", expense.text);
    let id = expense.body["id"].as_str().expect("id").to_owned();
    let mut callers = vec![(StatusCode::UNAUTHORIZED, Client::default())];
    for (role, email) in [
        (Role::Mentee, "ana@example.dk"),
        (Role::Mentor, "lars@example.dk"),
        (Role::Partner, "partner@example.dk"),
    ] {
        callers.push((StatusCode::FORBIDDEN, logged_in_as(&app, role, email).await));
    }
    for (status, client) in callers.iter_mut() {
        let read = client
            .call(
                &app,
                "load_budget",
                &[("programme", PROGRAMME), ("year", "2027")],
            )
            .await;
        assert_eq!(read.status, *status);
        let write = save_budget(&app, client, 2027, "1", lines(["", "", "", "", "", ""])).await;
        assert_eq!(write.status, *status);
        let add = save_expense(&app, client, None, "2027-03-01", "100", "other", "").await;
        assert_eq!(add.status, *status);
        let delete = client.call(&app, "delete_expense", &[("id", &id)]).await;
        assert_eq!(delete.status, *status);
    }
    let mut admin = logged_in_as(&app, Role::Admin, "admin@example.dk").await;
    let data = page(&app, &mut admin, "2027").await;
    assert_eq!(data["expenses"].as_array().map(Vec::len), Some(1));
    let deleted = admin.call(&app, "delete_expense", &[("id", &id)]).await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.text);
}
