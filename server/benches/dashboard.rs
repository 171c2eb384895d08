//! How long the programme dashboard takes for a large programme:
//! `PARTICIPANTS` people (three mentees to one mentor) in cohorts of
//! `COHORT` mentees starting in 2027, generated straight into an in-memory
//! SurrealDB with applications, published pairs, confirmed meetings,
//! introductions, ended matches and outcomes (some recorded twice), one
//! `INSERT … SELECT` per table and batch (the tally events run on every row).
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

use std::time::{Duration, Instant};

use app::backend::db::{self, DbConfig, record};
use app::backend::reporting::{dashboard_of, direct_dashboard_of};
use app::reporting::Scope;
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
    let cohorts = generate(&db, participants, cohort_size).await;
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

/// Writes the programme, its cohorts and their people; returns the number
/// of cohorts.
async fn generate(db: &app::backend::Db, participants: usize, cohort_size: usize) -> usize {
    db.query("CREATE programme CONTENT { slug: 'bench', name: 'Bench programme', page: {}, updated_at: time::now() }")
        .await
        .and_then(|response| response.check())
        .expect("programme");
    let mentees = participants * 3 / 4;
    let cohorts = mentees.div_ceil(cohort_size);
    let rows: Vec<Value> = (0..cohorts)
        .map(
            |n| json!({ "k": format!("bench-{n}"), "begins": format!("2027-{:02}-01", 1 + n % 3) }),
        )
        .collect();
    db.query(
        "INSERT INTO cohort (SELECT type::record('cohort', k) AS id, 'bench' AS programme,
            'Cohort ' + k AS name, begins AS start, '2027-06-30' AS end, 1000 AS places,
            'completed' AS status, {} AS weights, time::now() AS updated_at FROM $rows)",
    )
    .bind(("rows", rows))
    .await
    .and_then(|response| response.check())
    .expect("cohorts");
    let statuses = [
        "not_working",
        "ordinary_job",
        "subsidised_job",
        "internship",
        "own_company",
        "education",
    ];
    let countries = [
        "Brazil",
        "India",
        "Tyskland",
        "Ukraine",
        "Egypt",
        "USA",
        "Australia",
        "Atlantis",
    ];
    let levels = ["bachelor", "master", "doctorate", "vocational"];
    let danish = ["none", "module1", "module2", "module3", "fluent"];
    // Small batches, each statement its own transaction, as the app writes:
    // an event's statements copy the transaction's pending writes, so one
    // transaction of thousands of rows with events grows quadratically.
    let batch = setting("MENTORBRO_BENCH_BATCH", 250).max(1);
    for first in (0..mentees).step_by(batch) {
        let range = first..(first + batch).min(mentees);
        let rows: Vec<Value> = range
            .clone()
            .map(|n| {
                json!({
                    "k": format!("e{n}"), "mentor": format!("o{}", n / 3),
                    "cohort": format!("bench-{}", n / cohort_size),
                    "country": countries[n % countries.len()],
                    "education": levels[n % levels.len()], "danish": danish[n % danish.len()],
                    "ended": n % 17 == 0, "gone": n % 23 == 0,
                    "finish": statuses[n % statuses.len()], "again": n % 11 == 0,
                    "three": statuses[(n / 2) % statuses.len()], "has_three": n % 2 == 0,
                })
            })
            .collect();
        // A mentor's first mentee in each cohort brings them into it.
        let mentors: Vec<Value> = range
            .filter(|n| n % 3 == 0 || n % cohort_size == 0)
            .map(|n| {
                json!({
                    "mentor": format!("o{}", n / 3), "fresh": n % 3 == 0,
                    "cohort": format!("bench-{}", n / cohort_size),
                })
            })
            .collect();
        db.query(
            "INSERT INTO account (SELECT type::record('account', k) AS id, k + '@bench.example' AS email,
                'Mentee ' + k AS name, 'mentee' AS role, '$argon2id$bench' AS password_hash FROM $rows);
             INSERT INTO account (SELECT type::record('account', mentor) AS id,
                mentor + '@bench.example' AS email, 'Mentor ' + mentor AS name, 'mentor' AS role,
                '$argon2id$bench' AS password_hash FROM $mentors WHERE fresh);
             INSERT INTO application (SELECT type::record('application', k) AS id,
                type::record('account', k) AS account, 'mentee' AS kind, 'accepted' AS status, 4 AS step,
                { country_of_origin: country, education_level: education, danish_level: danish } AS answers,
                d'2026-12-01T10:00:00Z' AS created_at, d'2026-12-01T10:00:00Z' AS updated_at,
                d'2027-01-05T10:00:00Z' AS submitted_at FROM $rows);
             INSERT INTO cohort_member (SELECT type::record('cohort_member', cohort + '_' + k) AS id,
                type::record('cohort', cohort) AS cohort, type::record('account', k) AS account,
                'mentee' AS kind, 0 AS capacity,
                (IF gone THEN d'2027-04-01T10:00:00Z' ELSE NONE END) AS left_at,
                (IF gone THEN 'moved_away' ELSE NONE END) AS left_reason FROM $rows);
             INSERT INTO cohort_member (SELECT type::record('cohort_member', cohort + '_' + mentor) AS id,
                type::record('cohort', cohort) AS cohort, type::record('account', mentor) AS account,
                'mentor' AS kind, 3 AS capacity FROM $mentors);
             INSERT INTO match_end (SELECT type::record('cohort', cohort) AS cohort,
                type::record('account', k) AS mentee, type::record('account', mentor) AS mentor,
                'no_contact' AS reason, '' AS note, type::record('account', mentor) AS ended_by,
                d'2027-02-10T10:00:00Z' AS published_at, d'2027-03-10T10:00:00Z' AS ended_at
                FROM $rows WHERE ended);
             INSERT INTO pairing (SELECT type::record('pairing', cohort + '_' + k) AS id,
                type::record('cohort', cohort) AS cohort, type::record('account', k) AS mentee,
                type::record('account', mentor) AS mentor, true AS published,
                d'2027-02-10T10:00:00Z' AS published_at, d'2027-02-10T10:00:00Z' AS updated_at
                FROM $rows WHERE !gone);
             FOR $day IN ['2027-02-20', '2027-03-20'] {
                INSERT INTO meeting (SELECT type::record('cohort', cohort) AS cohort,
                    type::record('account', k) AS mentee, type::record('account', mentor) AS mentor,
                    type::record('account', mentor) AS logged_by, $day AS date, 60 AS minutes,
                    'online' AS mode, [] AS topics, '' AS notes, '' AS next_steps,
                    d'2027-03-21T10:00:00Z' AS confirmed_at FROM $rows);
             };
             INSERT INTO introduction (SELECT type::record('cohort', cohort) AS cohort,
                type::record('account', k) AS mentee, type::record('account', mentor) AS mentor,
                '2027-03-01' AS date, 'Vestas' AS company, '' AS role, 'coffee' AS kind, 'met' AS outcome,
                '' AS note, d'2027-03-01T10:00:00Z' AS updated_at FROM $rows);
             INSERT INTO outcome (SELECT type::record('cohort', cohort) AS cohort,
                type::record('account', k) AS mentee, 'end' AS moment, finish AS status, true AS in_aarhus,
                '' AS industry, '' AS note, 'coordinator' AS source,
                type::record('account', mentor) AS recorded_by, 'Bench' AS recorded_by_name,
                d'2027-07-01T10:00:00Z' AS recorded_at FROM $rows);
             INSERT INTO outcome (SELECT type::record('cohort', cohort) AS cohort,
                type::record('account', k) AS mentee, 'end' AS moment, 'ordinary_job' AS status,
                true AS in_aarhus, true AS matches_education, 'IT' AS industry, '' AS note,
                'coordinator' AS source, type::record('account', mentor) AS recorded_by,
                'Bench' AS recorded_by_name, d'2027-07-15T10:00:00Z' AS recorded_at FROM $rows WHERE again);
             INSERT INTO outcome (SELECT type::record('cohort', cohort) AS cohort,
                type::record('account', k) AS mentee, 'follow_up_3m' AS moment, three AS status,
                true AS in_aarhus, '' AS industry, '' AS note, 'coordinator' AS source,
                type::record('account', mentor) AS recorded_by, 'Bench' AS recorded_by_name,
                d'2027-10-01T10:00:00Z' AS recorded_at FROM $rows WHERE has_three);",
        )
        .bind(("rows", rows))
        .bind(("mentors", mentors))
        .await
        .and_then(|response| response.check())
        .expect("batch");
    }
    cohorts
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

/// The tables whose writes mark a cohort's tally changed (migration 0011).
const TALLIED: [&str; 14] = [
    "pairing",
    "match_end",
    "meeting",
    "introduction",
    "outcome",
    "workshop",
    "survey",
    "survey_answer",
    "cohort_member",
    "workshop_rsvp",
    "workshop_attendance",
    "application",
    "partner",
    "cohort",
];

/// Removes the tally events; returns their definitions.
async fn remove_events(db: &app::backend::Db) -> Vec<String> {
    let mut definitions = Vec::new();
    for table in TALLIED {
        let info: Option<Value> = db
            .query(format!("INFO FOR TABLE {table}"))
            .await
            .and_then(|mut response| response.take(0))
            .expect("table info");
        let events = info
            .and_then(|info| info.get("events").cloned())
            .and_then(|events| events.as_object().cloned())
            .unwrap_or_default();
        let definition = events
            .get("tally_stale")
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("{table} has the tally event"));
        definitions.push(definition.to_owned());
        db.query(format!("REMOVE EVENT tally_stale ON TABLE {table}"))
            .await
            .and_then(|response| response.check())
            .expect("event removed");
    }
    definitions
}

/// Defines the events `remove_events` removed.
async fn define(db: &app::backend::Db, definitions: &[String]) {
    for definition in definitions {
        db.query(definition.as_str())
            .await
            .and_then(|response| response.check())
            .expect("event defined");
    }
}
