//! How long the programme dashboard takes for a large programme:
//! `PARTICIPANTS` people (three mentees to one mentor) in cohorts of
//! `COHORT` mentees starting in 2027, generated straight into an in-memory
//! SurrealDB with applications, published pairs, confirmed meetings,
//! introductions, ended matches and outcomes (some recorded twice), one
//! `INSERT … SELECT` per table and batch (`generate`, shared with the scale
//! bench).
//!
//! Then the dashboard's server side (`dashboard_of`, what the server
//! function runs after its guard) is timed: the first read after generating
//! (every cohort stale), reads with every tally fresh, and reads right after
//! one cohort changed; once the direct computation from every row
//! (`direct_dashboard_of`) for comparison, checking both agree. Last, the
//! query plans the dashboard relies on.
//!
//! ```console
//! cargo bench -p server --bench dashboard            # 100,000 participants, cohorts of 1,000
//! MENTORBRO_BENCH_COHORT=10 cargo bench -p server --bench dashboard
//! MENTORBRO_BENCH_PARTICIPANTS=10000 cargo bench -p server --bench dashboard
//! MENTORBRO_BENCH_BATCH=250 cargo bench -p server --bench dashboard  # mentees per generated batch
//! MENTORBRO_BENCH_EVENTS=1 cargo bench -p server --bench dashboard   # generate with the tally events
//! ```

mod generate;

use std::time::{Duration, Instant};

use app::backend::db::{self, DbConfig, record};
use app::backend::reporting::{dashboard_of, direct_dashboard_of};
use app::reporting::Scope;
use generate::{Plan, define, remove_events};
use serde_json::Value;

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn summary(mut times: Vec<Duration>) -> String {
    times.sort();
    format!(
        "fastest {:.1} ms, median {:.1} ms, slowest {:.1} ms ({} runs)",
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
        times.len()
    )
}

#[tokio::main]
async fn main() {
    let participants = setting("MENTORBRO_BENCH_PARTICIPANTS", 100_000);
    let cohort_size = setting("MENTORBRO_BENCH_COHORT", 1000).max(1);
    let db = db::connect(&DbConfig {
        endpoint: "mem://".into(),
        username: None,
        password: None,
        namespace: "bench".into(),
        database: "bench".into(),
    })
    .await
    .expect("database opens");
    // The tally events would mark every cohort changed row by row; a bulk
    // load leaves them out, and the first read then computes every tally.
    let bulk = setting("MENTORBRO_BENCH_EVENTS", 0) == 0;
    let events = if bulk {
        remove_events(&db).await
    } else {
        Vec::new()
    };
    let started = Instant::now();
    let mentees = participants * 3 / 4;
    let cohorts = mentees.div_ceil(cohort_size);
    let plan = Plan {
        programme: "bench",
        mentees,
        cohorts,
        first_year: 2027,
        years: 1,
        pending: 0,
        mentee_answers: Vec::new(),
        mentor_answers: Vec::new(),
        batch: setting("MENTORBRO_BENCH_BATCH", 250),
    };
    generate::generate(&db, &plan).await;
    println!(
        "generated {participants} participants in {cohorts} cohorts of {cohort_size} mentees in {:.1} s ({})",
        started.elapsed().as_secs_f64(),
        if bulk {
            "without the tally events"
        } else {
            "with the tally events"
        }
    );
    define(&db, &events).await;

    let scope = Scope::Year {
        programme: "bench".into(),
        year: 2027,
    };
    let today = time::macros::date!(2027 - 09 - 01);
    let start = Instant::now();
    let first = dashboard_of(&db, &scope, today).await.expect("dashboard");
    println!(
        "first read, every cohort stale (computes and stores {cohorts} tallies): {:.0} ms",
        ms(start.elapsed())
    );

    let mut fresh = Vec::new();
    for _ in 0..15 {
        let start = Instant::now();
        dashboard_of(&db, &scope, today).await.expect("dashboard");
        fresh.push(start.elapsed());
    }
    println!(
        "programme dashboard over {} mentees, tallies fresh: {}",
        first.figures.funnel.applicants,
        summary(fresh)
    );

    let mut stale = Vec::new();
    for n in 0..7 {
        // One confirmed meeting in the first cohort: its tally is stale.
        db.query(
            "CREATE meeting CONTENT {
                cohort: cohort:`bench-0`, mentee: account:e0, mentor: account:o0, logged_by: account:o0,
                date: $date, minutes: 60, mode: 'online', topics: [], notes: '', next_steps: '',
                confirmed_at: time::now()
            }",
        )
        .bind(("date", format!("2027-04-{:02}", n + 1)))
        .await
        .and_then(|response| response.check())
        .expect("meeting");
        let start = Instant::now();
        dashboard_of(&db, &scope, today).await.expect("dashboard");
        stale.push(start.elapsed());
    }
    println!("one cohort changed since the last read: {}", summary(stale));

    let start = Instant::now();
    let direct = direct_dashboard_of(&db, &scope, today)
        .await
        .expect("direct");
    println!(
        "direct computation from every row (for comparison): {:.0} ms",
        ms(start.elapsed())
    );
    let kept = dashboard_of(&db, &scope, today).await.expect("dashboard");
    assert_eq!(kept, direct, "the tallies give the direct figures");

    let ids: Vec<_> = (0..cohorts)
        .map(|n| record("cohort", &format!("bench-{n}")))
        .collect();
    let tallies: Vec<_> = (0..cohorts)
        .map(|n| record("cohort_tally", &format!("bench-{n}")))
        .collect();
    println!("\nthe dashboard's reads one by one (tallies fresh):");
    for query in [
        "SELECT VALUE record::id(id) FROM cohort WHERE programme = 'bench' AND start >= '2027-01-01' AND start < '2028-01-01' ORDER BY start",
        "SELECT id, record::id(cohort) AS cohort FROM tally_change WHERE cohort IN $cohorts",
        "SELECT record::id(cohort) AS cohort, tally, year_tally, surveys FROM $tallies",
        "SELECT record::id(account) AS account FROM application WHERE kind = 'mentee' AND status = 'submitted' AND submitted_at >= d'2027-01-01T00:00:00Z' AND submitted_at < d'2028-01-01T00:00:00Z'",
    ] {
        let start = Instant::now();
        let rows: Vec<Value> = db
            .query(query)
            .bind(("cohorts", ids.clone()))
            .bind(("tallies", tallies.clone()))
            .await
            .and_then(|mut response| response.take(0))
            .expect("query");
        println!(
            "{:>8.1} ms {:>7} rows  {}",
            ms(start.elapsed()),
            rows.len(),
            &query[..100.min(query.len())]
        );
    }
    for query in [
        "SELECT id FROM tally_change WHERE cohort IN $cohorts EXPLAIN",
        "SELECT tally FROM $tallies EXPLAIN",
        "SELECT id FROM cohort WHERE programme = 'bench' AND start >= '2027-01-01' AND start < '2028-01-01' EXPLAIN",
        "SELECT record::id(account) AS account FROM application WHERE kind = 'mentee' AND status = 'submitted' AND submitted_at >= d'2027-01-01T00:00:00Z' AND submitted_at < d'2028-01-01T00:00:00Z' EXPLAIN",
        "SELECT VALUE record::id(account) FROM cohort_member WHERE account IN $accounts AND kind = 'mentee' AND cohort IN $cohorts EXPLAIN",
    ] {
        let plan: Vec<Value> = db
            .query(query)
            .bind(("cohorts", vec![record("cohort", "bench-0")]))
            .bind(("tallies", vec![record("cohort_tally", "bench-0")]))
            .bind(("accounts", vec![record("account", "e0")]))
            .await
            .and_then(|mut response| response.take(0))
            .expect("explain");
        println!(
            "\n{query}\n{}",
            serde_json::to_string(&plan).unwrap_or_default()
        );
    }

    // What the change rows cost a writer: one meeting logged per statement,
    // as the app writes, with the events and then without them.
    let writes = setting("MENTORBRO_BENCH_WRITES", 300);
    let with_events = log_meetings(&db, writes, 10).await;
    let events = remove_events(&db).await;
    let without = log_meetings(&db, writes, 20).await;
    println!(
        "\none meeting logged, {writes} times: with the tally events {}; without them {}",
        summary(with_events),
        summary(without)
    );
    define(&db, &events).await;
}

/// Times `count` single-statement meeting writes in the first cohort, dated
/// in `month` of 2027.
async fn log_meetings(db: &app::backend::Db, count: usize, month: u8) -> Vec<Duration> {
    let mut times = Vec::with_capacity(count);
    for n in 0..count {
        let start = Instant::now();
        db.query(
            "CREATE meeting CONTENT {
                cohort: cohort:`bench-0`, mentee: account:e1, mentor: account:o0, logged_by: account:o0,
                date: $date, minutes: 45, mode: 'in_person', topics: [], notes: '', next_steps: ''
            }",
        )
        .bind(("date", format!("2027-{month:02}-{:02}", 1 + n % 28)))
        .await
        .and_then(|response| response.check())
        .expect("meeting");
        times.push(start.elapsed());
    }
    times
}
