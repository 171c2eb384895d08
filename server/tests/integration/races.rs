//! Races on one board: rounds of many coordinators' sessions (five people,
//! each of them in several tasks at once) moving, unassigning, locking and
//! publishing at the same moment, each working from the board as it was at the
//! start of the round. After every round the database must hold together: no
//! mentor over capacity, no mentee in two pairs, every published pair still
//! published with its mentor, and each mentor's change counter (`moves`) equal
//! to the changes the board's history records for them.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use app::accounts::Role;
use axum::http::StatusCode;
use common::{Client, TestApp, board, logged_in_as, test_app};
use proptest::prelude::Rng;
use proptest::test_runner::{RngAlgorithm, TestRng};
use serde_json::Value;

const ROUNDS: usize = 8;
const TASKS_PER_ROUND: usize = 60;
/// Mentor capacities: 11 places for 14 mentees, so drops compete for places.
const CAPACITIES: &[u32] = &[1, 1, 1, 2, 3, 3];
const MENTEES: usize = 14;

/// One attempted change.
#[derive(Debug, Clone)]
enum Attempt {
    Move {
        mentee: String,
        from: Option<String>,
        to: Option<String>,
    },
    Lock {
        mentee: String,
        locked: bool,
    },
    Publish,
}

/// A pair as the database holds it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Pair {
    mentee: String,
    mentor: String,
    published: bool,
}

async fn pairs(app: &TestApp) -> Vec<Pair> {
    let rows: Vec<Value> = app
        .db
        .query("SELECT record::id(mentee) AS mentee, record::id(mentor) AS mentor, published FROM pairing")
        .await
        .and_then(|mut r| r.take(0))
        .expect("pairs");
    let mut pairs: Vec<Pair> = rows
        .iter()
        .map(|row| Pair {
            mentee: row["mentee"].as_str().expect("mentee").to_owned(),
            mentor: row["mentor"].as_str().expect("mentor").to_owned(),
            published: row["published"].as_bool().expect("published"),
        })
        .collect();
    pairs.sort();
    pairs
}

fn pick<'a>(rng: &mut TestRng, items: &'a [String]) -> &'a String {
    &items[rng.next_u32() as usize % items.len()]
}

/// A change a coordinator would make, seen from the board as it was.
fn attempt(rng: &mut TestRng, seen: &[Pair], mentees: &[String], mentors: &[String]) -> Attempt {
    let mentee = pick(rng, mentees).clone();
    let from = seen
        .iter()
        .find(|p| p.mentee == mentee)
        .map(|p| p.mentor.clone());
    // About one publish a round, so most rounds race on a board with drafts.
    match rng.next_u32() % 60 {
        0 => Attempt::Publish,
        1..=9 => Attempt::Lock {
            mentee,
            locked: rng.next_u32().is_multiple_of(2),
        },
        10..=15 => Attempt::Move {
            mentee,
            from,
            to: None,
        },
        _ => Attempt::Move {
            mentee,
            from,
            to: Some(pick(rng, mentors).clone()),
        },
    }
}

async fn run(client: &mut Client, app: &TestApp, cohort: &str, attempt: &Attempt) -> common::Reply {
    match attempt {
        Attempt::Move { mentee, from, to } => {
            let mut args = vec![("cohort", cohort), ("mentee", mentee.as_str())];
            args.extend(from.as_deref().map(|from| ("from", from)));
            args.extend(to.as_deref().map(|to| ("to", to)));
            client.call(app, "move_mentee", &args).await
        }
        Attempt::Lock { mentee, locked } => {
            let locked = locked.to_string();
            client
                .call(
                    app,
                    "lock_pair",
                    &[("cohort", cohort), ("mentee", mentee), ("locked", &locked)],
                )
                .await
        }
        Attempt::Publish => {
            client
                .call(app, "publish_board", &[("cohort", cohort)])
                .await
        }
    }
}

/// How an attempt ended: a change, or the refusal's problem kind.
fn outcome(attempt: &Attempt, reply: &common::Reply) -> String {
    match reply.status {
        StatusCode::OK => "ok".into(),
        StatusCode::UNPROCESSABLE_ENTITY => reply.body["Invalid"][0]["problem"]["kind"]
            .as_str()
            .unwrap_or("invalid")
            .to_owned(),
        StatusCode::CONFLICT => "conflict".into(),
        other => panic!("{attempt:?} answered {other}: {}", reply.text),
    }
}

/// Mentors over capacity, mentees in two pairs, pairs outside the cohort, and
/// mentors whose change counter differs from the history: each a finding.
async fn inconsistencies(
    app: &TestApp,
    cohort: &str,
    mentees: &[String],
    capacity: &BTreeMap<String, u32>,
) -> (usize, Vec<String>) {
    let pairs = pairs(app).await;
    let mut findings = Vec::new();
    let mut overbooked = 0;
    for (mentor, places) in capacity {
        let load = pairs.iter().filter(|p| &p.mentor == mentor).count() as u32;
        if load > *places {
            overbooked += 1;
            findings.push(format!(
                "mentor {mentor} has {load} mentees for {places} places"
            ));
        }
    }
    let mut seen = BTreeSet::new();
    for pair in &pairs {
        if !seen.insert(&pair.mentee) {
            findings.push(format!("mentee {} is in two pairs", pair.mentee));
        }
        if !mentees.contains(&pair.mentee) || !capacity.contains_key(&pair.mentor) {
            findings.push(format!("pair outside the cohort: {pair:?}"));
        }
    }
    let mut response = app
        .db
        .query("SELECT record::id(account) AS mentor, moves FROM cohort_member WHERE cohort = type::record('cohort', $cohort) AND kind = 'mentor'")
        .query(
            "SELECT (IF from THEN record::id(from) ELSE NONE END) AS from, (IF to THEN record::id(to) ELSE NONE END) AS to FROM board_event
             WHERE cohort = type::record('cohort', $cohort) AND action IN ['assign', 'unassign']",
        )
        .bind(("cohort", cohort.to_owned()))
        .await
        .expect("counters");
    let counters: Vec<Value> = response.take(0).expect("moves");
    let events: Vec<Value> = response.take(1).expect("events");
    for row in counters {
        let mentor = row["mentor"].as_str().expect("mentor");
        let recorded = events
            .iter()
            .filter(|e| e["from"] == mentor || e["to"] == mentor)
            .count() as i64;
        if row["moves"].as_i64() != Some(recorded) {
            findings.push(format!(
                "mentor {mentor}: counter {} but {recorded} changes in the history",
                row["moves"]
            ));
        }
    }
    (overbooked, findings)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_moves_locks_and_publishes_leave_the_board_consistent() {
    let app = Arc::new(test_app().await);
    let setup = board(&app, MENTEES, CAPACITIES).await;
    let (cohort, mentees, mentors) = (
        setup.cohort.clone(),
        setup.mentees.clone(),
        setup.mentors.clone(),
    );
    let capacity: BTreeMap<String, u32> = mentors
        .iter()
        .cloned()
        .zip(CAPACITIES.iter().copied())
        .collect();
    let mut coordinators = vec![setup.coordinator.clone()];
    for n in 1..5 {
        coordinators.push(
            logged_in_as(
                &app,
                Role::Coordinator,
                &format!("coordinator{n}@example.dk"),
            )
            .await,
        );
    }
    let mut rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
    let mut tally: BTreeMap<String, usize> = BTreeMap::new();
    let (mut attempts, mut overbookings, mut published_before) =
        (0usize, 0usize, Vec::<Pair>::new());
    for round in 0..ROUNDS {
        let seen = pairs(&app).await;
        let tasks: Vec<_> = (0..TASKS_PER_ROUND)
            .map(|n| {
                let attempt = attempt(&mut rng, &seen, &mentees, &mentors);
                let mut client = coordinators[n % coordinators.len()].clone();
                let (app, cohort) = (Arc::clone(&app), cohort.clone());
                tokio::spawn(async move {
                    let reply = run(&mut client, &app, &cohort, &attempt).await;
                    let outcome = outcome(&attempt, &reply);
                    (attempt, outcome)
                })
            })
            .collect();
        for task in futures::future::join_all(tasks).await {
            let (attempt, outcome) = task.expect("task finishes");
            attempts += 1;
            let kind = match attempt {
                Attempt::Move { .. } => "move",
                Attempt::Lock { .. } => "lock",
                Attempt::Publish => "publish",
            };
            *tally.entry(format!("{kind} {outcome}")).or_default() += 1;
        }
        let (overbooked, findings) = inconsistencies(&app, &cohort, &mentees, &capacity).await;
        overbookings += overbooked;
        assert!(
            findings.is_empty(),
            "round {round}:\n{}",
            findings.join("\n")
        );
        let now = pairs(&app).await;
        for pair in &published_before {
            assert!(
                now.contains(pair),
                "round {round}: published pair {pair:?} was changed"
            );
        }
        published_before = now.into_iter().filter(|p| p.published).collect();
        if published_before.is_empty() {
            // Every publish of the round lost its race: publish between
            // rounds, so that the next rounds race against published pairs.
            let mut client = coordinators[0].clone();
            let reply = run(&mut client, &app, &cohort, &Attempt::Publish).await;
            assert_eq!(
                reply.status,
                StatusCode::OK,
                "round {round}: {}",
                reply.text
            );
            published_before = pairs(&app)
                .await
                .into_iter()
                .filter(|p| p.published)
                .collect();
        }
    }
    println!(
        "races: {ROUNDS} rounds, {attempts} attempts, {overbookings} overbookings, outcomes {tally:?}"
    );
    assert_eq!(overbookings, 0);
    assert!(
        tally.keys().any(|k| k == "move ok"),
        "no move ever landed: {tally:?}"
    );
    assert!(
        tally
            .keys()
            .any(|k| k.starts_with("move ") && k != "move ok"),
        "no move ever lost a race: {tally:?}"
    );
    assert!(
        !published_before.is_empty(),
        "nothing was ever published: {tally:?}"
    );
}
