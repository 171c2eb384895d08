//! How long the programme dashboard takes to compute for a large programme:
//! `PARTICIPANTS` people (three mentees to one mentor) in cohorts of 1,000
//! starting in 2027, generated straight into an in-memory SurrealDB with
//! applications, published pairs, confirmed meetings, introductions, ended
//! matches and outcomes (some recorded twice). Then the dashboard's server
//! side (`dashboard_of`, what the server function runs after its guard) is
//! timed, and the query plans it relies on are printed.
//!
//! ```console
//! cargo bench -p server --bench dashboard            # 100,000 participants
//! MENTORBRO_BENCH_PARTICIPANTS=10000 cargo bench -p server --bench dashboard
//! ```

use std::time::{Duration, Instant};

use app::backend::db::{self, DbConfig};
use app::reporting::Scope;
use serde_json::json;

const COHORT_SIZE: usize = 1000;

#[tokio::main]
async fn main() {
    let participants: usize = std::env::var("MENTORBRO_BENCH_PARTICIPANTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let db = db::connect(&DbConfig {
        endpoint: "mem://".into(),
        username: None,
        password: None,
        namespace: "bench".into(),
        database: "bench".into(),
    })
    .await
    .expect("database opens");
    let started = Instant::now();
    generate(&db, participants).await;
    println!(
        "generated {participants} participants in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let scope = Scope::Year {
        programme: "bench".into(),
        year: 2027,
    };
    let today = time::macros::date!(2027 - 09 - 01);
    let mut times = Vec::new();
    let mut applicants = 0;
    for _ in 0..7 {
        let start = Instant::now();
        let dashboard = app::backend::reporting::dashboard_of(&db, &scope, today)
            .await
            .expect("dashboard");
        times.push(start.elapsed());
        applicants = dashboard.figures.funnel.applicants;
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "programme dashboard over {applicants} mentees: fastest {:.0} ms, median {:.0} ms, slowest {:.0} ms (7 runs)",
        ms(times[0]),
        ms(times[3]),
        ms(times[6])
    );
    let cohorts: Vec<_> = (0..participants * 3 / 4)
        .step_by(COHORT_SIZE)
        .map(|n| app::backend::db::record("cohort", &format!("bench-{}", n / COHORT_SIZE)))
        .collect();
    let mentees: Vec<_> = (0..participants * 3 / 4)
        .map(|n| app::backend::db::record("application", &format!("e{n}")))
        .collect();
    println!("\nthe dashboard's queries one by one:");
    for query in [
        "SELECT record::id(account) AS account, record::id(cohort) AS cohort, left_at != NONE AS left, left_reason FROM cohort_member WHERE cohort IN $cohorts AND kind = 'mentee'",
        "SELECT record::id(mentee) AS mentee, (IF published_at != NONE THEN time::unix(published_at) END) AS published FROM pairing WHERE cohort IN $cohorts AND published = true",
        "SELECT record::id(mentee) AS mentee, reason FROM match_end WHERE cohort IN $cohorts AND published_at != NONE",
        "SELECT record::id(mentee) AS mentee, date FROM meeting WHERE cohort IN $cohorts AND confirmed_at != NONE",
        "SELECT mentee, count() AS n FROM introduction WHERE cohort IN $cohorts GROUP BY mentee",
        "SELECT record::id(mentee) AS mentee, moment, status, matches_education, in_aarhus, time::nano(recorded_at) AS recorded_at FROM outcome WHERE cohort IN $cohorts ORDER BY recorded_at",
        "SELECT record::id(account) AS account, status, partner.name AS partner, answers.country_of_origin AS country FROM $ids",
        "SELECT record::id(account) AS account FROM application WHERE kind = 'mentee' AND submitted_at >= d'2027-01-01T00:00:00Z' AND submitted_at < d'2028-01-01T00:00:00Z' AND status IN ['submitted', 'waitlisted', 'declined', 'withdrawn']",
    ] {
        let start = Instant::now();
        let rows: Vec<serde_json::Value> = db
            .query(query)
            .bind(("cohorts", cohorts.clone()))
            .bind(("ids", mentees.clone()))
            .await
            .and_then(|mut response| response.take(0))
            .expect("query");
        println!(
            "{:>8.0} ms {:>7} rows  {}",
            ms(start.elapsed()),
            rows.len(),
            &query[..90.min(query.len())]
        );
    }
    for query in [
        "SELECT record::id(account) AS account FROM cohort_member WHERE cohort IN $cohorts AND kind = 'mentee' EXPLAIN",
        "SELECT record::id(mentee) AS mentee FROM outcome WHERE cohort IN $cohorts EXPLAIN",
        "SELECT record::id(mentee) AS mentee FROM meeting WHERE cohort IN $cohorts AND confirmed_at != NONE EXPLAIN",
        "SELECT record::id(account) AS account FROM application WHERE kind = 'mentee' AND submitted_at >= d'2027-01-01T00:00:00Z' AND submitted_at < d'2028-01-01T00:00:00Z' EXPLAIN",
    ] {
        let plan: Vec<serde_json::Value> = db
            .query(query)
            .bind((
                "cohorts",
                vec![app::backend::db::record("cohort", "bench-0")],
            ))
            .await
            .and_then(|mut response| response.take(0))
            .expect("explain");
        println!(
            "\n{query}\n{}",
            serde_json::to_string(&plan).unwrap_or_default()
        );
    }
}

/// Writes the programme, its cohorts and their people in batches, one
/// transaction per batch.
async fn generate(db: &app::backend::Db, participants: usize) {
    db.query("CREATE programme CONTENT { slug: 'bench', name: 'Bench programme', page: {}, updated_at: time::now() }")
        .await
        .and_then(|response| response.check())
        .expect("programme");
    let mentees = participants * 3 / 4;
    let cohorts = mentees.div_ceil(COHORT_SIZE);
    for cohort in 0..cohorts {
        db.query(
            "CREATE type::record('cohort', $key) CONTENT {
                programme: 'bench', name: $name, start: $start, end: '2027-06-30', places: 1000,
                status: 'completed', weights: {}, updated_at: time::now()
            }",
        )
        .bind(("key", format!("bench-{cohort}")))
        .bind(("name", format!("Cohort {cohort}")))
        .bind(("start", format!("2027-{:02}-01", 1 + cohort % 3)))
        .await
        .and_then(|response| response.check())
        .expect("cohort");
    }
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
    let batch = 2000;
    for first in (0..mentees).step_by(batch) {
        let rows: Vec<serde_json::Value> = (first..(first + batch).min(mentees))
            .map(|n| {
                let mentor = n / 3;
                json!({
                    "k": format!("e{n}"), "mentor": format!("o{mentor}"),
                    "cohort": format!("bench-{}", n / COHORT_SIZE),
                    "country": countries[n % countries.len()],
                    "education": levels[n % levels.len()], "danish": danish[n % danish.len()],
                    "ended": n % 17 == 0, "left": n % 23 == 0,
                    "end": statuses[n % statuses.len()], "again": n % 11 == 0,
                    "three": statuses[(n / 2) % statuses.len()], "has_three": n % 2 == 0,
                })
            })
            .collect();
        db.query(
            "BEGIN TRANSACTION;
             FOR $r IN $rows {
                LET $account = type::record('account', $r.k);
                LET $mentor = type::record('account', $r.mentor);
                LET $cohort = type::record('cohort', $r.cohort);
                CREATE $account CONTENT {
                    email: $r.k + '@bench.example', name: 'Mentee ' + $r.k, role: 'mentee',
                    password_hash: '$argon2id$bench'
                };
                IF !record::exists($mentor) {
                    CREATE $mentor CONTENT {
                        email: $r.mentor + '@bench.example', name: 'Mentor ' + $r.mentor, role: 'mentor',
                        password_hash: '$argon2id$bench'
                    };
                };
                CREATE type::record('application', $r.k) CONTENT {
                    account: $account, kind: 'mentee', status: 'accepted', step: 4,
                    answers: { country_of_origin: $r.country, education_level: $r.education, danish_level: $r.danish },
                    created_at: d'2026-12-01T10:00:00Z', updated_at: d'2026-12-01T10:00:00Z',
                    submitted_at: d'2027-01-05T10:00:00Z'
                };
                CREATE type::record('cohort_member', $r.cohort + '_' + $r.k) CONTENT {
                    cohort: $cohort, account: $account, kind: 'mentee', capacity: 0,
                    left_at: IF $r.left THEN d'2027-04-01T10:00:00Z' ELSE NONE END,
                    left_reason: IF $r.left THEN 'moved_away' ELSE NONE END
                };
                LET $mentor_member = type::record('cohort_member', $r.cohort + '_' + $r.mentor);
                IF !record::exists($mentor_member) {
                    CREATE $mentor_member CONTENT { cohort: $cohort, account: $mentor, kind: 'mentor', capacity: 3 };
                };
                IF $r.ended {
                    CREATE match_end CONTENT {
                        cohort: $cohort, mentee: $account, mentor: $mentor, reason: 'no_contact', note: '',
                        ended_by: $mentor, published_at: d'2027-02-10T10:00:00Z', ended_at: d'2027-03-10T10:00:00Z'
                    };
                };
                IF !$r.left {
                    CREATE type::record('pairing', $r.cohort + '_' + $r.k) CONTENT {
                        cohort: $cohort, mentee: $account, mentor: $mentor, published: true,
                        published_at: d'2027-02-10T10:00:00Z', updated_at: d'2027-02-10T10:00:00Z'
                    };
                };
                FOR $day IN ['2027-02-20', '2027-03-20'] {
                    CREATE meeting CONTENT {
                        cohort: $cohort, mentee: $account, mentor: $mentor, logged_by: $mentor, date: $day,
                        minutes: 60, mode: 'online', topics: [], notes: '', next_steps: '',
                        confirmed_at: d'2027-03-21T10:00:00Z'
                    };
                };
                CREATE introduction CONTENT {
                    cohort: $cohort, mentee: $account, mentor: $mentor, date: '2027-03-01', company: 'Vestas',
                    role: '', kind: 'coffee', outcome: 'met', note: '', updated_at: d'2027-03-01T10:00:00Z'
                };
                CREATE outcome CONTENT {
                    cohort: $cohort, mentee: $account, moment: 'end', status: $r.end, in_aarhus: true,
                    industry: '', note: '', source: 'coordinator', recorded_by: $mentor,
                    recorded_by_name: 'Bench', recorded_at: d'2027-07-01T10:00:00Z'
                };
                IF $r.again {
                    CREATE outcome CONTENT {
                        cohort: $cohort, mentee: $account, moment: 'end', status: 'ordinary_job',
                        in_aarhus: true, matches_education: true, industry: 'IT', note: '',
                        source: 'coordinator', recorded_by: $mentor, recorded_by_name: 'Bench',
                        recorded_at: d'2027-07-15T10:00:00Z'
                    };
                };
                IF $r.has_three {
                    CREATE outcome CONTENT {
                        cohort: $cohort, mentee: $account, moment: 'follow_up_3m', status: $r.three,
                        in_aarhus: true, industry: '', note: '', source: 'coordinator', recorded_by: $mentor,
                        recorded_by_name: 'Bench', recorded_at: d'2027-10-01T10:00:00Z'
                    };
                };
             };
             COMMIT TRANSACTION;",
        )
        .bind(("rows", rows))
        .await
        .and_then(|response| response.check())
        .expect("batch");
    }
}
