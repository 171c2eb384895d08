//! Mentorbro at the size of a national programme: `PARTICIPANTS` people in
//! `COHORTS` cohorts in an in-memory SurrealDB. The largest cohort is the
//! demo's (`demo::fill_sized`, 300 mentees × 200 mentors, real answers and
//! half its mentors with a pair on the board); the rest are small cohorts of
//! about ten people in the programme `bench`, spread over ten years from
//! 2022, generated with `generate` from the demo's answers. One mentee in
//! ten waits (submitted or waitlisted) instead of being placed.
//!
//! Then what the server functions run after their guard is timed, `READS`
//! times each after one warm-up read: the coordinator's applications list
//! (`portal::store::list`): its first page without a filter and with kind
//! and status filters, 1,000 rows, and a search that reads every application; the largest cohort's board (`board_state`: `state_of`;
//! `board_people`: `people_of`), `cohorts::find` alone (every board change
//! and `people_of` start with it), and the programme dashboard for 2027 with its tallies fresh (the first
//! read, which computes them, is reported apart). A table of p50 and p95 against the goals, the query
//! plans relied on, and with `MENTORBRO_BENCH_JSON=FILE` the same as JSON:
//! `[{"name", "p50_ms", "p95_ms", "goal_ms"}]`.
//!
//! ```console
//! cargo bench -p server --bench scale                   # 100,000 people, 10,000 cohorts
//! MENTORBRO_BENCH_PARTICIPANTS=3000 MENTORBRO_BENCH_COHORTS=300 \
//!     cargo bench -p server --bench scale --profile dev
//! MENTORBRO_BENCH_BOARD_MENTEES=40 MENTORBRO_BENCH_BOARD_MENTORS=30 …   # a smaller board
//! MENTORBRO_BENCH_READS=50 …                            # reads per measurement
//! ```

mod generate;

use std::future::Future;
use std::time::{Duration, Instant};

use app::accounts::{Account, Role};
use app::backend::db::{self, DbConfig, record};
use app::backend::reporting::dashboard_of;
use app::backend::{Db, board, cohorts, demo};
use app::portal::{Status, store};
use app::reporting::Scope;
use generate::{Plan, define, remove_events};
use serde_json::{Value, json};

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The nearest-rank percentile of sorted times.
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// One line of the table.
struct Measured {
    name: String,
    rows: usize,
    p50: Duration,
    p95: Duration,
    goal_ms: Option<f64>,
}

/// Runs `read` once to warm up, then `reads` times; `read` returns the
/// number of rows it got.
async fn measure<F, Fut>(name: &str, goal_ms: Option<f64>, reads: usize, mut read: F) -> Measured
where
    F: FnMut() -> Fut,
    Fut: Future<Output = usize>,
{
    let rows = read().await;
    let mut times = Vec::with_capacity(reads);
    for _ in 0..reads {
        let start = Instant::now();
        read().await;
        times.push(start.elapsed());
    }
    times.sort();
    let measured = Measured {
        name: name.to_owned(),
        rows,
        p50: percentile(&times, 0.50),
        p95: percentile(&times, 0.95),
        goal_ms,
    };
    println!(
        "{name}: {rows} rows, p50 {:.1} ms, p95 {:.1} ms, slowest {:.1} ms",
        ms(measured.p50),
        ms(measured.p95),
        ms(times[times.len() - 1])
    );
    measured
}

#[tokio::main]
async fn main() {
    let participants = setting("MENTORBRO_BENCH_PARTICIPANTS", 100_000);
    let cohorts = setting("MENTORBRO_BENCH_COHORTS", 10_000).max(2);
    let board_mentees = setting("MENTORBRO_BENCH_BOARD_MENTEES", 300).max(1);
    let board_mentors = setting("MENTORBRO_BENCH_BOARD_MENTORS", 200).max(1);
    let reads = setting("MENTORBRO_BENCH_READS", 20).max(1);
    let db = db::connect(&DbConfig {
        endpoint: "mem://".into(),
        username: None,
        password: None,
        namespace: "bench".into(),
        database: "bench".into(),
    })
    .await
    .expect("database opens");

    // A bulk load leaves the tally events out; the first dashboard read then
    // computes every tally of its year.
    let events = remove_events(&db).await;
    let started = Instant::now();
    demo::fill_sized(&db, board_mentees, board_mentors)
        .await
        .expect("demo data");
    let board_size = board_mentees + board_mentors;
    pair_half(&db, demo::DEMO_COHORT).await;
    println!(
        "the largest board: {board_mentees} mentees x {board_mentors} mentors (demo data) in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let templates = |kind: &'static str| {
        let db = db.clone();
        async move {
            let answers: Vec<Value> = db
                .query("SELECT VALUE answers FROM application WHERE kind = $kind LIMIT 40")
                .bind(("kind", kind))
                .await
                .and_then(|mut response| response.take(0))
                .expect("demo answers");
            answers
        }
    };
    // People beyond the board: three mentees to one mentor.
    let mentees = participants.saturating_sub(board_size) * 3 / 4;
    let plan = Plan {
        programme: "bench",
        mentees,
        cohorts: cohorts - 1,
        first_year: 2022,
        years: 10,
        pending: 10,
        mentee_answers: templates("mentee").await,
        mentor_answers: templates("mentor").await,
        batch: setting("MENTORBRO_BENCH_BATCH", 250),
    };
    let started = Instant::now();
    generate::generate(&db, &plan).await;
    define(&db, &events).await;
    let counted: Vec<Value> = db
        .query(
            "RETURN {
                accounts: count(SELECT id FROM account WHERE role IN ['mentee', 'mentor']),
                applications: count(SELECT id FROM application),
                cohorts: count(SELECT id FROM cohort),
                members: count(SELECT id FROM cohort_member)
            }",
        )
        .await
        .and_then(|mut response| response.take(0))
        .expect("counts");
    println!(
        "generated the small cohorts in {:.1} s; now {}",
        started.elapsed().as_secs_f64(),
        counted.first().cloned().unwrap_or_default()
    );

    let db = &db;
    if let Ok(path) = std::env::var("MENTORBRO_BENCH_PROBE") {
        probe(db, &path).await;
        return;
    }
    let mut results = Vec::new();
    let first_page = |kind, status| store::ListFilter {
        kind,
        status,
        limit: 50,
        ..store::ListFilter::default()
    };
    for (name, filter) in [
        ("applications list, first 50", first_page(None, None)),
        (
            "applications list, mentees submitted, first 50",
            first_page(Some("mentee"), Some(Status::Submitted)),
        ),
        (
            "applications list, mentors accepted, first 50",
            first_page(Some("mentor"), Some(Status::Accepted)),
        ),
        (
            "applications list, 1,000 rows",
            store::ListFilter {
                limit: store::LIST_MAX,
                ..store::ListFilter::default()
            },
        ),
        (
            // The demo's people are the oldest: the search reads every application.
            "applications list, search matching only the oldest",
            store::ListFilter {
                search: Some(demo::DEMO_DOMAIN.to_owned()),
                ..first_page(None, None)
            },
        ),
    ] {
        let filter = &filter;
        results.push(
            measure(name, Some(100.0), reads, move || async move {
                store::list(db, filter).await.expect("list").rows.len()
            })
            .await,
        );
    }

    let coordinator = &coordinator(db).await;
    let board_name = format!("{board_mentees} x {board_mentors}");
    results.push(
        measure(
            &format!("board_state, {board_name}"),
            Some(100.0),
            reads,
            move || async move {
                board::state_of(db, demo::DEMO_COHORT, coordinator)
                    .await
                    .expect("board state")
                    .pairings
                    .len()
            },
        )
        .await,
    );
    results.push(
        measure(
            &format!("board_people, {board_name}"),
            Some(100.0),
            reads,
            move || async move {
                let people = board::people_of(db, demo::DEMO_COHORT)
                    .await
                    .expect("board people");
                people.mentees.len() + people.mentors.len()
            },
        )
        .await,
    );

    // Every board read but the state, and every change to a board, starts
    // with the cohort and its counts.
    results.push(
        measure(
            "cohorts::find, the largest cohort",
            None,
            reads,
            move || async move {
                let cohort = cohorts::find(db, demo::DEMO_COHORT).await.expect("cohort");
                cohort.mentees as usize + cohort.mentors as usize
            },
        )
        .await,
    );

    let scope = &Scope::Year {
        programme: "bench".into(),
        year: 2027,
    };
    let today = time::macros::date!(2027 - 09 - 01);
    let start = Instant::now();
    let first = dashboard_of(db, scope, today).await.expect("dashboard");
    println!(
        "programme dashboard 2027, first read (computes the tallies of its {} cohorts): {:.0} ms",
        first.cohorts.len(),
        ms(start.elapsed())
    );
    results.push(
        measure(
            "programme dashboard 2027, tallies fresh",
            Some(200.0),
            reads,
            move || async move {
                dashboard_of(db, scope, today)
                    .await
                    .expect("dashboard")
                    .cohorts
                    .len()
            },
        )
        .await,
    );

    println!("\n| what | rows | p50 ms | p95 ms | goal ms | met |");
    println!("| --- | ---: | ---: | ---: | ---: | --- |");
    for result in &results {
        let (goal, met) = match result.goal_ms {
            Some(goal) if ms(result.p95) <= goal => (format!("{goal:.0}"), "yes"),
            Some(goal) => (format!("{goal:.0}"), "no"),
            None => ("–".to_owned(), ""),
        };
        println!(
            "| {} | {} | {:.1} | {:.1} | {goal} | {met} |",
            result.name,
            result.rows,
            ms(result.p50),
            ms(result.p95),
        );
    }
    explain(db).await;

    if let Ok(path) = std::env::var("MENTORBRO_BENCH_JSON") {
        let summary: Vec<Value> = results
            .iter()
            .map(|result| {
                json!({
                    "name": result.name, "p50_ms": ms(result.p50), "p95_ms": ms(result.p95),
                    "goal_ms": result.goal_ms,
                })
            })
            .collect();
        let text = serde_json::to_string_pretty(&summary).expect("JSON");
        std::fs::write(&path, text + "\n").unwrap_or_else(|error| panic!("{path}: {error}"));
        println!("\nwrote {path}");
    }
}

/// Gives half the board's mentors one mentee each, with the history of the
/// moves, as a board part way through matching.
async fn pair_half(db: &Db, cohort: &str) {
    let mut response = db
        .query(
            "SELECT VALUE record::id(account) FROM cohort_member WHERE cohort = $cohort AND kind = 'mentee' ORDER BY account;
             SELECT VALUE record::id(account) FROM cohort_member WHERE cohort = $cohort AND kind = 'mentor' ORDER BY account;
             SELECT VALUE record::id(id) FROM account WHERE role = 'coordinator' LIMIT 1;",
        )
        .bind(("cohort", record("cohort", cohort)))
        .await
        .expect("board members");
    let mentees: Vec<String> = response.take(0).expect("mentees");
    let mentors: Vec<String> = response.take(1).expect("mentors");
    let actor: Vec<String> = response.take(2).expect("coordinator");
    let pairs: Vec<Value> = mentees
        .iter()
        .zip(&mentors)
        .take(mentors.len() / 2)
        .map(|(mentee, mentor)| json!({ "mentee": mentee, "mentor": mentor }))
        .collect();
    db.query(
        "INSERT INTO pairing (SELECT type::record('pairing', $key + '_' + mentee) AS id,
            $cohort AS cohort, type::record('account', mentee) AS mentee,
            type::record('account', mentor) AS mentor, time::now() AS updated_at FROM $pairs);
         INSERT INTO board_event (SELECT $cohort AS cohort, $actor AS actor,
            'Camilla Thorsen' AS actor_name, 'assign' AS action, type::record('account', mentee) AS mentee,
            type::record('account', mentor) AS to, time::now() AS at FROM $pairs);",
    )
    .bind(("cohort", record("cohort", cohort)))
    .bind(("key", cohort.to_owned()))
    .bind(("actor", record("account", &actor[0])))
    .bind(("pairs", pairs))
    .await
    .and_then(|response| response.check())
    .expect("pairs on the board");
}

/// The demo coordinator, as the guard would have returned them.
async fn coordinator(db: &Db) -> Account {
    let id: Option<String> = db
        .query("SELECT VALUE record::id(id) FROM ONLY account WHERE email = $email LIMIT 1")
        .bind(("email", format!("coordinator@{}", demo::DEMO_DOMAIN)))
        .await
        .and_then(|mut response| response.take(0))
        .expect("coordinator");
    Account {
        id: id.expect("the demo has a coordinator"),
        email: format!("coordinator@{}", demo::DEMO_DOMAIN),
        name: "Camilla Thorsen".into(),
        role: Role::Coordinator,
        active: true,
        language: "en".into(),
    }
}

/// Prints the plans of the queries the measured reads rely on.
async fn explain(db: &Db) {
    println!("\nquery plans:");
    for query in [
        "SELECT account, submitted_at FROM application WHERE status != 'draft' AND submitted_at >= time::from_unix(0) ORDER BY submitted_at DESC LIMIT 1000 EXPLAIN",
        "SELECT account, submitted_at FROM application WHERE kind = 'mentee' AND status = 'submitted' AND submitted_at >= time::from_unix(0) ORDER BY submitted_at DESC LIMIT 1000 EXPLAIN",
        "SELECT VALUE cohort.name FROM cohort_member WHERE account = $account EXPLAIN",
        "SELECT account, kind, capacity, account.name AS name FROM cohort_member WHERE cohort = $cohort AND left_at = NONE EXPLAIN",
        "SELECT mentee, mentor, locked, published FROM pairing WHERE cohort = $cohort EXPLAIN",
        "SELECT mentee, mentor FROM forbidden_pair WHERE cohort = $cohort EXPLAIN",
        "SELECT at FROM board_event WHERE cohort = $cohort ORDER BY at DESC LIMIT 40 EXPLAIN",
        "SELECT name FROM board_viewer WHERE cohort = $cohort EXPLAIN",
        "SELECT id FROM cohort WHERE programme = 'bench' AND start >= '2027-01-01' AND start < '2028-01-01' EXPLAIN",
        "SELECT id FROM tally_change WHERE cohort IN $cohorts EXPLAIN",
    ] {
        let plan: Vec<Value> = db
            .query(query)
            .bind(("cohort", record("cohort", demo::DEMO_COHORT)))
            .bind(("cohorts", vec![record("cohort", "bench-0")]))
            .bind(("account", record("account", "e0")))
            .await
            .and_then(|mut response| response.take(0))
            .expect("explain");
        println!(
            "\n{query}\n{}",
            serde_json::to_string(&plan).unwrap_or_default()
        );
    }
}

async fn probe(db: &Db, path: &str) {
    let text = std::fs::read_to_string(path).expect("probe file");
    let caller = coordinator(db).await;
    let keys: Vec<String> = db
        .query("SELECT VALUE record::id(account) FROM application ORDER BY submitted_at DESC LIMIT 1000")
        .await
        .and_then(|mut response| response.take(0))
        .expect("accounts");
    let accounts: Vec<_> = keys.iter().map(|key| record("account", key)).collect();
    for query in text.split(";;").map(str::trim).filter(|q| !q.is_empty()) {
        let mut times = Vec::new();
        let mut rows = 0;
        for _ in 0..3 {
            let start = Instant::now();
            let result: Vec<Value> = db
                .query(query)
                .bind(("cohort", record("cohort", demo::DEMO_COHORT)))
                .bind(("caller", record("account", &caller.id)))
                .bind(("ttl", Duration::from_secs(60)))
                .bind(("kind", "mentor"))
                .bind(("status", "accepted"))
                .bind(("accounts", accounts.clone()))
                .await
                .and_then(|mut response| response.take(0))
                .unwrap_or_else(|error| panic!("{query}: {error}"));
            rows = result.len();
            times.push(ms(start.elapsed()));
        }
        println!("\n{query}\n  {rows} rows, {times:.1?} ms");
        let plan: Vec<Value> = db
            .query(format!("EXPLAIN ANALYZE {query}"))
            .bind(("cohort", record("cohort", demo::DEMO_COHORT)))
            .bind(("caller", record("account", &caller.id)))
            .bind(("ttl", Duration::from_secs(60)))
            .bind(("kind", "mentor"))
            .bind(("status", "accepted"))
            .bind(("accounts", accounts.clone()))
            .await
            .and_then(|mut response| response.take(0))
            .unwrap_or_default();
        for line in plan {
            println!(
                "  {}",
                line.as_str()
                    .map(str::to_owned)
                    .unwrap_or_else(|| line.to_string())
            );
        }
    }
}
