//! Workshops through the real router: planning with its checks, who sees and
//! answers which workshop, the capacity under a rush of answers, check-in by
//! staff, and the calendars as a real ICS parser reads them, at the right
//! instants in Copenhagen summer and winter time.

use crate::common;

use std::io::BufReader;

use app::accounts::Role;
use axum::http::StatusCode;
use common::{Client, TestApp, logged_in_as, programme, test_app};
use serde_json::{Value, json};

/// Creates an account directly (hashing the password once per test binary).
async fn account(app: &TestApp, role: Role, email: &str, name: &str) -> String {
    static HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    let hash = HASH
        .get_or_init(|| async {
            app::backend::password::hash(common::PASSWORD.into())
                .await
                .expect("hash")
        })
        .await;
    let row = app::accounts::store::create(&app.db, email, name, role, hash)
        .await
        .expect("account created");
    app::backend::db::key_string(&row.id)
}

/// Puts a person in a cohort, as accepting their application does.
async fn join(app: &TestApp, cohort: &str, account: &str, kind: &str) {
    app.db
        .query(
            "UPSERT type::record('cohort_member', $cohort + '_' + $account) SET
                cohort = type::record('cohort', $cohort), account = type::record('account', $account),
                kind = $kind, capacity = IF $kind = 'mentor' THEN 1 ELSE 0 END",
        )
        .bind(("cohort", cohort.to_owned()))
        .bind(("account", account.to_owned()))
        .bind(("kind", kind.to_owned()))
        .await
        .and_then(|response| response.check())
        .expect("member");
}

/// A participant of `cohort`, logged in.
async fn participant(app: &TestApp, cohort: &str, role: Role, email: &str) -> (String, Client) {
    let name = email.split('@').next().unwrap_or(email).to_owned();
    let key = account(app, role, email, &name).await;
    let kind = if role == Role::Mentor {
        "mentor"
    } else {
        "mentee"
    };
    join(app, cohort, &key, kind).await;
    let mut client = Client::default();
    let reply = client.login(app, email, common::PASSWORD).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    (key, client)
}

/// A coordinator with a programme and the named cohorts; returns the cohort keys.
async fn cohorts(app: &TestApp, names: &[&str]) -> (Client, Vec<String>) {
    let mut coordinator = logged_in_as(app, Role::Coordinator, "camilla@example.dk").await;
    let saved = coordinator
        .call_json(
            app,
            "save_programme",
            json!({ "page": programme("aarhus-spouses"), "original_slug": null }),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    let mut keys = Vec::new();
    for name in names {
        let cohort = coordinator
            .call_json(
                app,
                "save_cohort",
                json!({ "id": null, "form": {
                    "programme": "aarhus-spouses", "name": name, "start": "2027-01-04",
                    "end": "2027-06-30", "places": "40", "status": "running"
                }}),
            )
            .await;
        assert_eq!(cohort.status, StatusCode::OK, "{}", cohort.text);
        keys.push(cohort.body["id"].as_str().expect("cohort id").to_owned());
    }
    (coordinator, keys)
}

fn form(title: &str, date: &str, time: &str, capacity: u32) -> Value {
    json!({
        "title": title, "description": "Bring your CV.", "date": date, "time": time,
        "minutes": "90", "place": "Erhverv Aarhus, Vestergade 55", "link": "",
        "capacity": capacity.to_string()
    })
}

async fn create(app: &TestApp, coordinator: &mut Client, cohort: &str, form: Value) -> String {
    let reply = coordinator
        .call_json(
            app,
            "save_workshop",
            json!({ "id": null, "cohort": cohort, "form": form }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.body["id"].as_str().expect("workshop id").to_owned()
}

async fn answer(app: &TestApp, client: &mut Client, id: &str, coming: bool) -> common::Reply {
    client
        .call(
            app,
            "answer_workshop",
            &[
                ("id", id),
                ("coming", if coming { "true" } else { "false" }),
            ],
        )
        .await
}

fn fields(reply: &common::Reply) -> Vec<(String, String)> {
    reply.body["Invalid"]
        .as_array()
        .map(|problems| {
            problems
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
async fn a_coordinator_plans_edits_and_cancels_workshops_and_mistakes_are_named() {
    let app = test_app().await;
    let (mut coordinator, keys) = cohorts(&app, &["Spring"]).await;
    let cohort = &keys[0];

    let wrong = coordinator
        .call_json(
            &app,
            "save_workshop",
            json!({ "id": null, "cohort": cohort, "form": {
                "title": " ", "date": "10/06/2027", "time": "5pm", "minutes": "5",
                "place": "", "link": "javascript:alert(1)", "capacity": "0"
            }}),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        fields(&wrong),
        [
            ("title", "required"),
            ("date", "date"),
            ("time", "time_of_day"),
            ("minutes", "number"),
            ("link", "url"),
            ("capacity", "number"),
        ]
        .map(|(f, p)| (f.to_owned(), p.to_owned()))
    );
    let nowhere = coordinator
        .call_json(
            &app,
            "save_workshop",
            json!({ "id": null, "cohort": cohort, "form": {
                "title": "CV clinic", "date": "2027-06-10", "time": "17:00", "minutes": "90",
                "place": "", "link": "", "capacity": "10"
            }}),
        )
        .await;
    assert_eq!(
        fields(&nowhere),
        [("place".to_owned(), "required".to_owned())]
    );
    let unknown_cohort = coordinator
        .call_json(
            &app,
            "save_workshop",
            json!({ "id": null, "cohort": "no-such-cohort", "form": form("CV clinic", "2027-06-10", "17:00", 10) }),
        )
        .await;
    assert_eq!(unknown_cohort.status, StatusCode::NOT_FOUND);

    let id = create(
        &app,
        &mut coordinator,
        cohort,
        form("CV clinic", "2027-06-10", "17:00", 10),
    )
    .await;
    let mut online = form("Networking online", "2027-05-01", "10:00", 30);
    online["place"] = json!("");
    online["link"] = json!("https://meet.example.dk/network");
    create(&app, &mut coordinator, cohort, online).await;

    let edited = coordinator
        .call_json(
            &app,
            "save_workshop",
            json!({ "id": id, "cohort": cohort, "form": form("CV and LinkedIn clinic", "2027-06-10", "17:30", 12) }),
        )
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.text);
    assert_eq!(edited.body["title"], "CV and LinkedIn clinic");
    assert_eq!(edited.body["time"], "17:30");
    assert_eq!(edited.body["capacity"], 12);

    let listed = coordinator
        .call(&app, "cohort_workshops", &[("cohort", cohort)])
        .await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.text);
    assert_eq!(listed.body["cohort_name"], "Spring");
    let titles: Vec<&str> = listed.body["workshops"]
        .as_array()
        .expect("workshops")
        .iter()
        .map(|w| w["title"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(titles, ["Networking online", "CV and LinkedIn clinic"]);

    let cancelled = coordinator
        .call(&app, "cancel_workshop", &[("id", &id)])
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.text);
    assert_eq!(cancelled.body["cancelled"], true);

    let (_, mut mentee) = participant(&app, cohort, Role::Mentee, "ana@example.dk").await;
    let refused = mentee
        .call_json(
            &app,
            "save_workshop",
            json!({ "id": null, "cohort": cohort, "form": form("Mine", "2027-06-10", "17:00", 5) }),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let closed = answer(&app, &mut mentee, &id, true).await;
    assert_eq!(
        fields(&closed),
        [("workshop".to_owned(), "workshop_cancelled".to_owned())]
    );
}

#[tokio::test]
async fn participants_see_and_answer_only_workshops_of_their_own_cohort() {
    let app = test_app().await;
    let (mut coordinator, keys) = cohorts(&app, &["Spring", "Autumn"]).await;
    let spring = create(
        &app,
        &mut coordinator,
        &keys[0],
        form("CV clinic", "2027-06-10", "17:00", 2),
    )
    .await;
    let past = create(
        &app,
        &mut coordinator,
        &keys[0],
        form("Kick-off", "2020-01-14", "17:00", 2),
    )
    .await;
    let (_, mut ana) = participant(&app, &keys[0], Role::Mentee, "ana@example.dk").await;
    let (_, mut lars) = participant(&app, &keys[0], Role::Mentor, "lars@example.dk").await;
    let (_, mut other) = participant(&app, &keys[1], Role::Mentee, "other@example.dk").await;

    let seen = ana.call(&app, "my_workshops", &[]).await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.text);
    let seen = seen.body.as_array().expect("list").clone();
    assert_eq!(seen.len(), 1, "only upcoming workshops: {seen:?}");
    assert_eq!(seen[0]["workshop"]["title"], "CV clinic");
    assert_eq!(
        seen[0]["workshop"]["place"],
        "Erhverv Aarhus, Vestergade 55"
    );
    assert_eq!(seen[0]["answer"], Value::Null);

    let nothing = other.call(&app, "my_workshops", &[]).await;
    assert_eq!(nothing.body, json!([]));
    let foreign = answer(&app, &mut other, &spring, true).await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    let foreign_file = other
        .get(&app, &format!("/calendar/workshop/{spring}.ics"), &[])
        .await;
    assert_eq!(foreign_file.status, StatusCode::NOT_FOUND);
    let anonymous = Client::default()
        .get(&app, &format!("/calendar/workshop/{spring}.ics"), &[])
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

    let yes = answer(&app, &mut ana, &spring, true).await;
    assert_eq!(yes.status, StatusCode::OK, "{}", yes.text);
    assert_eq!(yes.body["answer"], true);
    assert_eq!(yes.body["workshop"]["coming"], 1);
    // Saying yes twice takes one place.
    let again = answer(&app, &mut ana, &spring, true).await;
    assert_eq!(again.body["workshop"]["coming"], 1);
    assert_eq!(
        answer(&app, &mut lars, &spring, true).await.body["workshop"]["coming"],
        2
    );
    let (_, mut mette) = participant(&app, &keys[0], Role::Mentee, "mette@example.dk").await;
    let full = answer(&app, &mut mette, &spring, true).await;
    assert_eq!(full.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        fields(&full),
        [("workshop".to_owned(), "workshop_full".to_owned())]
    );
    // Saying no to a full workshop is always possible, and frees a place.
    assert_eq!(
        answer(&app, &mut mette, &spring, false).await.status,
        StatusCode::OK
    );
    let no = answer(&app, &mut lars, &spring, false).await;
    assert_eq!(no.body["workshop"]["coming"], 1);
    assert_eq!(
        answer(&app, &mut mette, &spring, true).await.status,
        StatusCode::OK
    );

    let late = answer(&app, &mut ana, &past, true).await;
    assert_eq!(
        fields(&late),
        [("workshop".to_owned(), "workshop_started".to_owned())]
    );

    // A person who left the cohort no longer sees its workshops.
    app.db
        .query(
            "UPDATE cohort_member SET left_at = time::now() WHERE account.email = 'ana@example.dk'",
        )
        .await
        .and_then(|response| response.check())
        .expect("left");
    assert_eq!(ana.call(&app, "my_workshops", &[]).await.body, json!([]));
    assert_eq!(
        answer(&app, &mut ana, &spring, false).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_capacity_holds_when_twenty_say_yes_at_once() {
    let app = test_app().await;
    let (mut coordinator, keys) = cohorts(&app, &["Spring"]).await;
    let id = create(
        &app,
        &mut coordinator,
        &keys[0],
        form("CV clinic", "2027-06-10", "17:00", 5),
    )
    .await;
    let logins = (0..20).map(|n| {
        let app = &app;
        let cohort = keys[0].clone();
        async move {
            participant(
                app,
                &cohort,
                Role::Mentee,
                &format!("mentee{n:02}@example.dk"),
            )
            .await
            .1
        }
    });
    let mut clients = futures::future::join_all(logins).await;
    let answers = clients.iter_mut().map(|client| {
        let app = &app;
        let id = id.clone();
        async move { answer(app, client, &id, true).await }
    });
    let replies = futures::future::join_all(answers).await;
    let accepted = replies
        .iter()
        .filter(|reply| reply.status == StatusCode::OK)
        .count();
    for reply in replies
        .iter()
        .filter(|reply| reply.status != StatusCode::OK)
    {
        assert_eq!(
            fields(reply),
            [("workshop".to_owned(), "workshop_full".to_owned())],
            "{}",
            reply.text
        );
    }
    assert_eq!(accepted, 5);
    let stored: Option<i64> = app
        .db
        .query("RETURN count(SELECT id FROM workshop_rsvp WHERE coming = true)")
        .await
        .and_then(|mut response| response.take(0))
        .expect("count");
    assert_eq!(stored, Some(5));
    let listed = coordinator
        .call(&app, "cohort_workshops", &[("cohort", &keys[0])])
        .await;
    assert_eq!(listed.body["workshops"][0]["coming"], 5);
    // Fewer places than people coming would take a place from someone.
    let shrink = coordinator
        .call_json(
            &app,
            "save_workshop",
            json!({ "id": id, "cohort": keys[0], "form": form("CV clinic", "2027-06-10", "17:00", 4) }),
        )
        .await;
    assert_eq!(
        fields(&shrink),
        [("capacity".to_owned(), "number".to_owned())]
    );
}

#[tokio::test]
async fn only_staff_check_in_and_those_coming_come_first() {
    let app = test_app().await;
    let (mut coordinator, keys) = cohorts(&app, &["Spring", "Autumn"]).await;
    let id = create(
        &app,
        &mut coordinator,
        &keys[0],
        form("CV clinic", "2027-06-10", "17:00", 10),
    )
    .await;
    let (zara, mut zara_client) =
        participant(&app, &keys[0], Role::Mentee, "zara@example.dk").await;
    let (bo, _) = participant(&app, &keys[0], Role::Mentor, "bo@example.dk").await;
    let (_, mut cy) = participant(&app, &keys[0], Role::Mentee, "cy@example.dk").await;
    let (stranger, _) = participant(&app, &keys[1], Role::Mentee, "stranger@example.dk").await;
    answer(&app, &mut zara_client, &id, true).await;
    answer(&app, &mut cy, &id, false).await;

    let list = coordinator
        .call(&app, "workshop_attendance", &[("id", &id)])
        .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    let names: Vec<&str> = list.body["people"]
        .as_array()
        .expect("people")
        .iter()
        .map(|p| p["name"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(names, ["zara", "bo", "cy"]);

    let by_participant = zara_client
        .call(
            &app,
            "set_attendance",
            &[("workshop", &id), ("account", &zara), ("attended", "true")],
        )
        .await;
    assert_eq!(by_participant.status, StatusCode::FORBIDDEN);
    for person in [&zara, &bo] {
        let marked = coordinator
            .call(
                &app,
                "set_attendance",
                &[("workshop", &id), ("account", person), ("attended", "true")],
            )
            .await;
        assert_eq!(marked.status, StatusCode::OK, "{}", marked.text);
    }
    let undone = coordinator
        .call(
            &app,
            "set_attendance",
            &[("workshop", &id), ("account", &bo), ("attended", "false")],
        )
        .await;
    assert_eq!(undone.body, json!(false));
    let outsider = coordinator
        .call(
            &app,
            "set_attendance",
            &[
                ("workshop", &id),
                ("account", &stranger),
                ("attended", "true"),
            ],
        )
        .await;
    assert_eq!(
        fields(&outsider),
        [("account".to_owned(), "not_in_cohort".to_owned())]
    );
    let list = coordinator
        .call(&app, "workshop_attendance", &[("id", &id)])
        .await;
    assert_eq!(list.body["workshop"]["attended"], 1);
    assert_eq!(list.body["people"][0]["attended"], true);
    assert_eq!(list.body["people"][1]["attended"], false);
}

/// The events of an ICS text, as the `ical` parser reads them: each a list of
/// (property, parameters, value).
type Props = Vec<(String, String, String)>;

fn events(text: &str) -> Vec<Props> {
    let mut calendars = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let calendar = calendars
        .next()
        .expect("one calendar")
        .expect("the calendar parses");
    assert!(calendars.next().is_none());
    calendar
        .events
        .into_iter()
        .map(|event| {
            event
                .properties
                .into_iter()
                .map(|p| {
                    let params = p
                        .params
                        .unwrap_or_default()
                        .into_iter()
                        .map(|(name, values)| format!("{name}={}", values.join(",")))
                        .collect::<Vec<_>>()
                        .join(";");
                    (p.name, params, p.value.unwrap_or_default())
                })
                .collect()
        })
        .collect()
}

fn value<'a>(event: &'a Props, name: &str) -> &'a str {
    event
        .iter()
        .find(|(n, ..)| n == name)
        .map(|(.., v)| v.as_str())
        .unwrap_or_else(|| panic!("{name} missing in {event:?}"))
}

fn event_titled<'a>(events: &'a [Props], title: &str) -> &'a Props {
    events
        .iter()
        .find(|event| value(event, "SUMMARY") == title)
        .unwrap_or_else(|| panic!("no event {title} in {events:?}"))
}

#[tokio::test]
async fn calendars_parse_and_carry_the_right_instants_in_summer_and_winter() {
    let app = test_app().await;
    let (mut coordinator, keys) = cohorts(&app, &["Spring"]).await;
    let summer = create(
        &app,
        &mut coordinator,
        &keys[0],
        form("Summer clinic", "2027-06-10", "17:00", 10),
    )
    .await;
    let winter = create(
        &app,
        &mut coordinator,
        &keys[0],
        form("Winter clinic", "2027-01-14", "17:00", 10),
    )
    .await;
    create(
        &app,
        &mut coordinator,
        &keys[0],
        form("Not coming", "2027-02-14", "17:00", 10),
    )
    .await;
    let (ana, mut client) = participant(&app, &keys[0], Role::Mentee, "ana@example.dk").await;
    let (lars, _) = participant(&app, &keys[0], Role::Mentor, "lars@example.dk").await;
    for id in [&summer, &winter] {
        assert_eq!(
            answer(&app, &mut client, id, true).await.status,
            StatusCode::OK
        );
    }
    for (date, time) in [("2027-03-01", Some("10:00")), ("2027-04-02", None)] {
        app.db
            .query(
                "CREATE meeting CONTENT {
                    cohort: type::record('cohort', $cohort), mentee: type::record('account', $mentee),
                    mentor: type::record('account', $mentor), logged_by: type::record('account', $mentee),
                    date: $date, time: $time, minutes: 60, mode: 'in_person', topics: [],
                    notes: '', next_steps: ''
                }",
            )
            .bind(("cohort", keys[0].clone()))
            .bind(("mentee", ana.clone()))
            .bind(("mentor", lars.clone()))
            .bind(("date", date))
            .bind(("time", time))
            .await
            .and_then(|response| response.check())
            .expect("meeting");
    }

    let file = client
        .get(&app, &format!("/calendar/workshop/{summer}.ics"), &[])
        .await;
    assert_eq!(file.status, StatusCode::OK, "{}", file.text);
    assert!(
        file.headers[axum::http::header::CONTENT_TYPE]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/calendar")
    );
    let parsed = events(&file.text);
    assert_eq!(parsed.len(), 1);
    assert_eq!(value(&parsed[0], "DTSTART"), "20270610T150000Z");
    assert_eq!(value(&parsed[0], "DTEND"), "20270610T163000Z");
    assert_eq!(
        value(&parsed[0], "LOCATION"),
        "Erhverv Aarhus\\, Vestergade 55"
    );
    let staff_file = coordinator
        .get(&app, &format!("/calendar/workshop/{winter}.ics"), &[])
        .await;
    assert_eq!(
        value(&events(&staff_file.text)[0], "DTSTART"),
        "20270114T160000Z"
    );

    let feed = client.call(&app, "my_calendar_feed", &[]).await;
    assert_eq!(feed.status, StatusCode::OK, "{}", feed.text);
    let url = feed.body["url"].as_str().expect("url").to_owned();
    let path = url
        .strip_prefix("http://mentorbro.test")
        .expect("public address")
        .to_owned();
    assert_eq!(
        client.call(&app, "my_calendar_feed", &[]).await.body["url"],
        url.as_str(),
        "the address stays until renewed"
    );
    // Calendar apps send no cookie.
    let read = Client::default().get(&app, &path, &[]).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.text);
    let parsed = events(&read.text);
    assert_eq!(parsed.len(), 4, "{parsed:?}");
    assert_eq!(
        value(event_titled(&parsed, "Summer clinic"), "DTSTART"),
        "20270610T150000Z"
    );
    assert_eq!(
        value(event_titled(&parsed, "Winter clinic"), "DTSTART"),
        "20270114T160000Z"
    );
    let meetings: Vec<&Props> = parsed
        .iter()
        .filter(|event| value(event, "SUMMARY") == "Mentor meeting with lars")
        .collect();
    assert_eq!(meetings.len(), 2);
    let timed = meetings
        .iter()
        .find(|event| value(event, "DTSTART").contains('T'))
        .expect("a timed meeting");
    assert_eq!(value(timed, "DTSTART"), "20270301T090000Z");
    assert_eq!(value(timed, "DTEND"), "20270301T100000Z");
    let all_day = meetings
        .iter()
        .find(|event| !value(event, "DTSTART").contains('T'))
        .expect("an all-day meeting");
    assert_eq!(value(all_day, "DTSTART"), "20270402");
    assert_eq!(value(all_day, "DTEND"), "20270403");

    let wrong = Client::default()
        .get(
            &app,
            "/calendar/feed/0123456789abcdef0123456789abcdef.ics",
            &[],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    let garbage = Client::default()
        .get(&app, "/calendar/feed/..%2Fsecret.ics", &[])
        .await;
    assert_eq!(garbage.status, StatusCode::NOT_FOUND);
    let renewed = client.call(&app, "renew_calendar_feed", &[]).await;
    let new_url = renewed.body["url"].as_str().expect("url").to_owned();
    assert_ne!(new_url, url);
    let old = Client::default().get(&app, &path, &[]).await;
    assert_eq!(old.status, StatusCode::NOT_FOUND);
    let new_path = new_url.strip_prefix("http://mentorbro.test").expect("path");
    let fresh = Client::default().get(&app, new_path, &[]).await;
    assert_eq!(fresh.status, StatusCode::OK);
}
