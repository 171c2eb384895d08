//! Bad input: every server function that takes text, numbers, dates or ids is
//! called through the real router with hostile values, one argument at a time:
//! first every known attack and edge case of the argument's kind (SurrealQL
//! injection in every text and id argument), then values proptest generates.
//! Each answer must be `Ok` or a typed error with a readable message, never a
//! server error; a refused call must leave every table exactly as it was, and
//! whatever happens, the accounts, the cohort and its published pairs survive.

mod pages;
mod targets;
mod values;

use crate::common;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use app::accounts::Role;
use app::backend::SessionPolicy;
use app::backend::rate_limit::{LoginLimiter, LoginQuota};
use app::error::AppError;
use app::i18n::Locale;
use axum::http::StatusCode;
use common::{Client, Reply, TestApp, logged_in_as, participant};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{Value, json};
use targets::{Encoding, NO_INPUT, Target};
use values::Kind;

/// Longer than any call or page takes, even in a debug build on a machine
/// busy with the rest of the suite; one that takes longer is hung.
const HUNG: Duration = Duration::from_secs(90);

/// Who calls a function: the least privileged caller it does something for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Caller {
    Anonymous,
    /// A mentee in a published pair.
    Mentee,
    /// The mentor of that pair.
    Mentor,
    /// A mentee whose application is still a draft.
    Applicant,
    /// A mentor who has just signed up.
    Volunteer,
    Coordinator,
    Admin,
}

/// Keys of real records the functions are called with.
pub struct Records {
    pub cohort: String,
    pub mentee: String,
    pub mentor: String,
    /// A submitted mentee who is in no cohort.
    pub unmatched: String,
    pub workshop: String,
    pub survey: String,
    pub meeting: String,
    pub import: String,
    pub expense: String,
}

impl Records {
    /// Real keys of other tables (and `table:key` spellings of them), sent
    /// where a function expects a key of its own table.
    fn foreign_ids(&self) -> Vec<String> {
        let keys = [
            ("cohort", &self.cohort),
            ("account", &self.unmatched),
            ("workshop", &self.workshop),
            ("survey", &self.survey),
            ("meeting", &self.meeting),
            ("expense", &self.expense),
        ];
        keys.iter()
            .flat_map(|(table, key)| {
                [
                    (*key).clone(),
                    format!("{table}:{key}"),
                    format!("{table}:⟨{key}⟩"),
                ]
            })
            .collect()
    }
}

/// The app with a published board and one record of each kind the functions name.
pub struct World {
    pub app: TestApp,
    pub clients: BTreeMap<Caller, Client>,
    pub records: Records,
    tables: Vec<String>,
}

/// Login limits that the many calls of these tests never reach.
fn roomy_limits() -> LoginLimiter {
    let quota = LoginQuota {
        burst: 1_000_000,
        replenish_every: Duration::from_millis(1),
    };
    LoginLimiter::new(quota, quota)
}

async fn ok(reply: Reply, what: &str) -> Value {
    assert_eq!(reply.status, StatusCode::OK, "{what}: {}", reply.text);
    reply.body
}

pub async fn world() -> World {
    let app = common::test_app_with(roomy_limits(), SessionPolicy::default()).await;
    let mut board = crate::course::published(&app).await;
    let cohort = board.cohort.clone();
    let coordinator = &mut board.coordinator;
    let unmatched = participant(
        &app,
        Role::Mentee,
        "unmatched@example.dk",
        "Una Matched",
        common::complete_mentee("u"),
    )
    .await;
    let mut mentee = crate::course::login(&app, "mentee00@example.dk").await;
    let mentor = crate::course::login(&app, "mentor00@example.dk").await;
    let today = app::portal::profile::today().to_string();
    let meeting = mentee
        .call_json(
            &app,
            "log_meeting",
            json!({ "form": {
                "cohort": cohort, "partner": board.mentors[0], "date": today, "time": "17:30",
                "minutes": "60", "mode": "in_person", "topics": ["cv"], "notes": "First"
            }}),
        )
        .await;
    let meeting = ok(meeting, "meeting").await["id"]
        .as_str()
        .expect("meeting id")
        .to_owned();
    let workshop = coordinator
        .call_json(
            &app,
            "save_workshop",
            json!({ "id": null, "cohort": cohort, "form": {
                "title": "CV clinic", "date": "2099-06-10", "time": "17:00", "minutes": "90",
                "place": "Vestergade 55", "capacity": "10"
            }}),
        )
        .await;
    let workshop = ok(workshop, "workshop").await["id"]
        .as_str()
        .expect("workshop id")
        .to_owned();
    let survey = coordinator
        .call_json(&app, "save_survey", json!({ "cohort": cohort, "id": null, "form": {
            "title": "Fit", "intro": "", "moment": "first_meeting", "audience": "both",
            "includes_outcome": false,
            "questions": [{ "kind": "likert", "text": "It helps.", "options": "", "required": true }]
        }}))
        .await;
    let survey = ok(survey, "survey").await["id"]
        .as_str()
        .expect("survey id")
        .to_owned();
    let grant = coordinator
        .call_json(
            &app,
            "save_budget",
            json!({ "programme": "aarhus-spouses", "year": 2027, "form": {
                "grant": "450.000", "lines": ["50.000", "0", "0", "0", "0", "0"]
            }}),
        )
        .await;
    ok(grant, "budget").await;
    let expense = coordinator
        .call_json(
            &app,
            "save_expense",
            json!({ "programme": "aarhus-spouses", "year": 2027, "id": null, "form": {
                "date": "2027-03-01", "amount": "100", "category": "workshops", "note": "Coffee"
            }}),
        )
        .await;
    let expense = ok(expense, "expense").await["id"]
        .as_str()
        .expect("expense id")
        .to_owned();
    let csv = "Navn,E-mail,Postnummer\r\nGood Person,good@example.dk,8000\r\nBad Email,not-an-email,80\r\n";
    let import =
        crate::import::upload(&app, coordinator, "mentee", "people.csv", csv.as_bytes()).await;
    let import = ok(import, "import").await["id"]
        .as_str()
        .expect("import id")
        .to_owned();

    let mut clients = BTreeMap::new();
    clients.insert(Caller::Anonymous, Client::default());
    clients.insert(Caller::Mentee, mentee);
    clients.insert(Caller::Mentor, mentor);
    clients.insert(
        Caller::Applicant,
        common::signed_up(&app, "mentee", "applicant@example.dk").await,
    );
    clients.insert(
        Caller::Volunteer,
        common::signed_up(&app, "mentor", "volunteer@example.dk").await,
    );
    clients.insert(Caller::Coordinator, board.coordinator.clone());
    clients.insert(
        Caller::Admin,
        logged_in_as(&app, Role::Admin, "admin@example.dk").await,
    );
    let tables = tables(&app).await;
    World {
        records: Records {
            cohort,
            mentee: board.mentees[0].clone(),
            mentor: board.mentors[0].clone(),
            unmatched,
            workshop,
            survey,
            meeting,
            import,
            expense,
        },
        app,
        clients,
        tables,
    }
}

async fn tables(app: &TestApp) -> Vec<String> {
    let info: Option<Value> = app
        .db
        .query("INFO FOR DB")
        .await
        .and_then(|mut r| r.take(0))
        .expect("info");
    let mut tables: Vec<String> = info.expect("info")["tables"]
        .as_object()
        .expect("tables")
        .keys()
        .cloned()
        .collect();
    tables.sort();
    tables
}

/// Sessions change on every request (their expiry moves), so they are left out.
const CHANGES_ON_EVERY_REQUEST: &[&str] = &["session"];

impl World {
    /// Every row of every table, as JSON text per table, read in one request.
    async fn snapshot(&self) -> BTreeMap<String, String> {
        let tables: Vec<&String> = self
            .tables
            .iter()
            .filter(|t| !CHANGES_ON_EVERY_REQUEST.contains(&t.as_str()))
            .collect();
        let mut query = self.app.db.query("RETURN true");
        for (n, table) in tables.iter().enumerate() {
            let name = format!("table{n}");
            query = query
                .query(format!("SELECT * FROM type::table(${name})"))
                .bind((name, (*table).clone()));
        }
        let mut response = query.await.expect("snapshot");
        let mut out = BTreeMap::new();
        for (n, table) in tables.into_iter().enumerate() {
            let rows: Vec<Value> = response.take(n + 1).expect("rows");
            out.insert(table.clone(), serde_json::to_string(&rows).expect("json"));
        }
        out
    }

    /// What must survive any call: the tables, the first staff accounts, active,
    /// the cohort and its published pairs.
    async fn check_sentinels(&self) -> Result<(), String> {
        let mut response = self
            .app
            .db
            .query("INFO FOR DB")
            .query("SELECT VALUE email FROM account WHERE active = true AND role IN ['coordinator', 'admin'] ORDER BY email")
            .query("SELECT VALUE count() FROM cohort WHERE id = type::record('cohort', $cohort)")
            .query("SELECT VALUE count() FROM pairing WHERE published = true")
            .bind(("cohort", self.records.cohort.clone()))
            .await
            .expect("sentinels");
        let info: Option<Value> = response.take(0).expect("info");
        let staff: Vec<String> = response.take(1).expect("staff");
        let cohorts: Vec<i64> = response.take(2).expect("cohort");
        let pairs: Vec<i64> = response.take(3).expect("pairs");
        let mut tables: Vec<String> = info.expect("info")["tables"]
            .as_object()
            .expect("tables")
            .keys()
            .cloned()
            .collect();
        tables.sort();
        if tables != self.tables {
            return Err("the set of tables changed".into());
        }
        if !["admin@example.dk", "camilla@example.dk"]
            .iter()
            .all(|email| staff.iter().any(|s| s == email))
        {
            return Err(format!("staff accounts changed: {staff:?}"));
        }
        if cohorts != [1] {
            return Err("the cohort is gone".into());
        }
        if pairs.len() != 2 {
            return Err(format!("published pairs changed: {} left", pairs.len()));
        }
        Ok(())
    }
}

/// What a call did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Accepted,
    Refused,
}

/// `Ok` for a success or a typed, readable error with its own status; the
/// reason otherwise.
pub fn judge(reply: &Reply) -> Result<Verdict, String> {
    if reply.status == StatusCode::OK {
        return Ok(Verdict::Accepted);
    }
    let excerpt = || reply.text.chars().take(200).collect::<String>();
    let error: AppError = serde_json::from_str(&reply.text)
        .map_err(|_| format!("{} without a typed error: {}", reply.status, excerpt()))?;
    if matches!(error, AppError::Internal | AppError::Transport(_)) {
        return Err(format!("server error {error:?}"));
    }
    if error.status_code() != reply.status {
        return Err(format!("{error:?} answered with {}", reply.status));
    }
    for locale in [Locale::en, Locale::da] {
        if app::text::error_text(locale, &error).trim().is_empty() {
            return Err(format!("{error:?} has no message in {locale:?}"));
        }
    }
    Ok(Verdict::Refused)
}

/// Calls `target` with the value at `slot` replaced by `value`.
async fn call(world: &World, target: &Target, slot: &str, value: Value) -> Reply {
    let mut args = target.base.clone();
    *args
        .pointer_mut(slot)
        .unwrap_or_else(|| panic!("{}: no {slot}", target.function)) = value;
    let mut client = world.clients[&target.caller].clone();
    let request = async {
        match target.encoding {
            Encoding::Json => client.call_json(&world.app, target.function, args).await,
            Encoding::Form => {
                let fields: Vec<(String, String)> = args
                    .as_object()
                    .expect("form fields")
                    .iter()
                    .map(|(name, value)| {
                        (
                            name.clone(),
                            value
                                .as_str()
                                .map_or_else(|| value.to_string(), str::to_owned),
                        )
                    })
                    .collect();
                let fields: Vec<(&str, &str)> = fields
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                client.call(&world.app, target.function, &fields).await
            }
        }
    };
    tokio::time::timeout(HUNG, request)
        .await
        .unwrap_or_else(|_| panic!("{} hung on {slot}", target.function))
}

/// Tallies of one run.
#[derive(Default)]
pub struct Tally {
    pub calls: AtomicUsize,
    pub refused: AtomicUsize,
}

/// Calls `target` with each of `values` at `slot`, then checks the database
/// once: unchanged if every call was refused, and the sentinels intact.
async fn batch(
    world: &World,
    target: &Target,
    slot: &str,
    values: Vec<Value>,
    before: &mut BTreeMap<String, String>,
    tally: &Tally,
) -> Vec<String> {
    let mut failures = Vec::new();
    let mut all_refused = true;
    for value in values {
        let shown = value.to_string().chars().take(80).collect::<String>();
        let reply = call(world, target, slot, value).await;
        tally.calls.fetch_add(1, Ordering::Relaxed);
        match judge(&reply) {
            Ok(Verdict::Accepted) => all_refused = false,
            Ok(Verdict::Refused) => {
                tally.refused.fetch_add(1, Ordering::Relaxed);
            }
            Err(problem) => {
                failures.push(format!("{} {slot} = {shown}: {problem}", target.function))
            }
        }
    }
    let after = world.snapshot().await;
    if all_refused && let Some(table) = after.keys().find(|t| before.get(*t) != after.get(*t)) {
        failures.push(format!(
            "{} {slot}: every call refused, yet {table} changed",
            target.function
        ));
    }
    *before = after;
    if let Err(problem) = world.check_sentinels().await {
        failures.push(format!("{} {slot}: {problem}", target.function));
    }
    failures
}

/// One call and every check after it; `before` is the database as it was.
async fn probe(
    world: &World,
    target: &Target,
    slot: &str,
    value: Value,
    before: &mut BTreeMap<String, String>,
    tally: &Tally,
) -> Result<(), String> {
    let shown = value.to_string().chars().take(80).collect::<String>();
    let context = |problem: String| format!("{} {slot} = {shown}: {problem}", target.function);
    let reply = call(world, target, slot, value).await;
    tally.calls.fetch_add(1, Ordering::Relaxed);
    let verdict = judge(&reply).map_err(context)?;
    let after = world.snapshot().await;
    if verdict == Verdict::Refused {
        tally.refused.fetch_add(1, Ordering::Relaxed);
        if let Some(table) = after.keys().find(|t| before.get(*t) != after.get(*t)) {
            return Err(context(format!(
                "refused ({}), yet {table} changed",
                reply.status
            )));
        }
    }
    *before = after;
    world.check_sentinels().await.map_err(context)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

#[test]
fn every_input_takes_every_known_attack_and_edge_case() {
    let rt = runtime();
    let world = rt.block_on(world());
    let targets = targets::targets(&world.records);
    let covered: Vec<&str> = targets
        .iter()
        .map(|t| t.function)
        .chain(NO_INPUT.iter().copied())
        .collect();
    let missing: Vec<&str> = server_fn::axum::server_fn_paths()
        .filter_map(|(path, _)| path.strip_prefix("/api/"))
        .filter(|name| !covered.contains(name))
        .collect();
    assert!(
        missing.is_empty(),
        "server functions with input but no bad-input target: {missing:?}"
    );

    let foreign = world.records.foreign_ids();
    let tally = Tally::default();
    let started = Instant::now();
    let failures = rt.block_on(async {
        let mut before = world.snapshot().await;
        let mut failures = Vec::new();
        for target in &targets {
            let (calls, began) = (tally.calls.load(Ordering::Relaxed), Instant::now());
            for (slot, kind) in &target.slots {
                let mut payloads = values::fixed(*kind, &foreign);
                if matches!(target.encoding, Encoding::Json) {
                    payloads.extend(values::wrong_types());
                }
                failures.extend(batch(&world, target, slot, payloads, &mut before, &tally).await);
            }
            println!(
                "{}: {} calls in {:.1} s",
                target.function,
                tally.calls.load(Ordering::Relaxed) - calls,
                began.elapsed().as_secs_f64()
            );
        }
        failures
    });
    let slots: usize = targets.iter().map(|t| t.slots.len()).sum();
    println!(
        "bad input, fixed: {} functions, {slots} arguments, {} calls ({} refused) in {:.1} s",
        targets.len(),
        tally.calls.load(Ordering::Relaxed),
        tally.refused.load(Ordering::Relaxed),
        started.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Generated cases, spread over every argument of every function.
const GENERATED_CASES: u32 = 200;

#[test]
fn every_input_takes_generated_values() {
    let rt = runtime();
    let world = rt.block_on(world());
    let targets = targets::targets(&world.records);
    let slots: Vec<(usize, String, Kind, bool, bool)> = targets
        .iter()
        .enumerate()
        .flat_map(|(index, target)| {
            target.slots.iter().map(move |(slot, kind)| {
                let number = target.base.pointer(slot).is_some_and(Value::is_number);
                let json = matches!(target.encoding, Encoding::Json);
                (index, slot.clone(), *kind, json, number)
            })
        })
        .collect();
    let strategy =
        prop::sample::select(slots).prop_flat_map(|(index, slot, kind, json, number)| {
            (
                Just(index),
                Just(slot),
                values::generated(kind, json, number),
            )
        });
    let before = Arc::new(Mutex::new(rt.block_on(world.snapshot())));
    let tally = Tally::default();
    let started = Instant::now();
    let mut runner = TestRunner::new(Config {
        cases: GENERATED_CASES,
        failure_persistence: None,
        max_shrink_iters: 64,
        ..Config::default()
    });
    let result = runner.run(&strategy, |(index, slot, value)| {
        let mut before = before.lock().expect("snapshot");
        rt.block_on(probe(
            &world,
            &targets[index],
            &slot,
            value,
            &mut before,
            &tally,
        ))
        .map_err(TestCaseError::fail)
    });
    println!(
        "bad input, generated: {} calls ({} refused) in {:.1} s",
        tally.calls.load(Ordering::Relaxed),
        tally.refused.load(Ordering::Relaxed),
        started.elapsed().as_secs_f64()
    );
    if let Err(failure) = result {
        panic!("{failure}");
    }
}
