//! Generated programmes for the benches, written straight into SurrealDB:
//! mentees (three to a mentor) spread evenly over cohorts, each with an
//! account, an application, a published pair (or an ended match), two
//! confirmed meetings, an introduction and outcomes (one in eleven recorded
//! twice, half of them at +3 months too), one `INSERT … SELECT` per table
//! and batch of mentees.
//!
//! Two SurrealDB 3.3.5 traps decide the shape (see docs/performance.md,
//! "Reporting dashboard"): an event's statements copy the pending writes of
//! their transaction, so a transaction of thousands of rows with events grows
//! quadratically, hence small batches, each statement its own transaction, and
//! the tally events removed while loading ([`remove_events`], [`define`]).

use app::backend::Db;
use serde_json::{Map, Value, json};

/// What to generate.
pub struct Plan {
    /// The programme's slug; the programme is created.
    pub programme: &'static str,
    pub mentees: usize,
    /// Cohorts `bench-0` … `bench-{cohorts - 1}`, mentee `n` in cohort
    /// `n * cohorts / mentees`.
    pub cohorts: usize,
    /// Cohorts start in `first_year` … `first_year + years - 1`, in order.
    pub first_year: i32,
    pub years: usize,
    /// One mentee in `pending` waits (submitted or waitlisted) instead of
    /// being placed; 0 places everyone.
    pub pending: usize,
    /// Answers to start each application from (mentee `n` gets the
    /// `n % len`-th); empty gives only the fields the dashboard reads.
    /// Mentors get an application only when `mentor_answers` has some.
    pub mentee_answers: Vec<Value>,
    pub mentor_answers: Vec<Value>,
    /// Mentees per batch.
    pub batch: usize,
}

impl Plan {
    fn cohort_of(&self, mentee: usize) -> usize {
        mentee * self.cohorts / self.mentees.max(1)
    }

    fn year_of(&self, cohort: usize) -> i32 {
        self.first_year + (cohort * self.years.max(1) / self.cohorts.max(1)) as i32
    }
}

const STATUSES: [&str; 6] = [
    "not_working",
    "ordinary_job",
    "subsidised_job",
    "internship",
    "own_company",
    "education",
];
const COUNTRIES: [&str; 8] = [
    "Brazil",
    "India",
    "Tyskland",
    "Ukraine",
    "Egypt",
    "USA",
    "Australia",
    "Atlantis",
];
const LEVELS: [&str; 4] = ["bachelor", "master", "doctorate", "vocational"];
const DANISH: [&str; 5] = ["none", "module1", "module2", "module3", "fluent"];

/// Mentee `n`'s answers: the template's, with the fields the dashboard
/// counts varied by `n`.
fn mentee_answers(plan: &Plan, n: usize) -> Value {
    let mut answers = match plan
        .mentee_answers
        .get(n % plan.mentee_answers.len().max(1))
    {
        Some(Value::Object(template)) => template.clone(),
        _ => Map::new(),
    };
    answers.insert(
        "country_of_origin".into(),
        COUNTRIES[n % COUNTRIES.len()].into(),
    );
    answers.insert("education_level".into(), LEVELS[n % LEVELS.len()].into());
    answers.insert("danish_level".into(), DANISH[n % DANISH.len()].into());
    Value::Object(answers)
}

/// Writes the programme, its cohorts and their people.
pub async fn generate(db: &Db, plan: &Plan) {
    db.query("CREATE programme CONTENT { slug: $slug, name: 'Bench programme', page: {}, updated_at: time::now() }")
        .bind(("slug", plan.programme))
        .await
        .and_then(|response| response.check())
        .expect("programme");
    let rows: Vec<Value> = (0..plan.cohorts)
        .map(|n| {
            let year = plan.year_of(n);
            json!({
                "k": format!("bench-{n}"), "begins": format!("{year}-{:02}-01", 1 + n % 3),
                "ends": format!("{year}-06-30"),
            })
        })
        .collect();
    for chunk in rows.chunks(1000) {
        db.query(
            "INSERT INTO cohort (SELECT type::record('cohort', k) AS id, $programme AS programme,
                'Cohort ' + k AS name, begins AS start, ends AS end, 1000 AS places,
                'completed' AS status, {} AS weights, time::now() AS updated_at FROM $rows)",
        )
        .bind(("programme", plan.programme))
        .bind(("rows", chunk.to_vec()))
        .await
        .and_then(|response| response.check())
        .expect("cohorts");
    }
    let batch = plan.batch.max(1);
    for first in (0..plan.mentees).step_by(batch) {
        let range = first..(first + batch).min(plan.mentees);
        let rows: Vec<Value> = range
            .clone()
            .map(|n| {
                let cohort = plan.cohort_of(n);
                let year = plan.year_of(cohort);
                let waits = plan.pending > 0 && n % plan.pending == plan.pending - 1;
                let status = match (waits, n / plan.pending.max(1) % 2) {
                    (false, _) => "accepted",
                    (true, 0) => "submitted",
                    (true, _) => "waitlisted",
                };
                let answers = mentee_answers(plan, n);
                let partner = answers.get("partner").filter(|p| p.is_string()).cloned();
                json!({
                    "k": format!("e{n}"), "mentor": format!("o{}", n / 3),
                    "cohort": format!("bench-{cohort}"), "year": year.to_string(),
                    // Within January of the cohort's year, a minute apart.
                    "submitted": format!("{year}-01-{:02}T{:02}:{:02}:00Z", 1 + n / 1440 % 28, n / 60 % 24, n % 60),
                    "placed": !waits, "status": status, "partner": partner, "answers": answers,
                    "ended": n % 17 == 0, "gone": n % 23 == 0,
                    "finish": STATUSES[n % STATUSES.len()], "again": n % 11 == 0,
                    "three": STATUSES[(n / 2) % STATUSES.len()], "has_three": n % 2 == 0,
                })
            })
            .collect();
        // A mentor's first mentee in each cohort brings them into it.
        let mentors: Vec<Value> = range
            .filter(|n| n % 3 == 0 || *n == 0 || plan.cohort_of(*n) != plan.cohort_of(n - 1))
            .map(|n| {
                let template = plan
                    .mentor_answers
                    .get(n / 3 % plan.mentor_answers.len().max(1));
                json!({
                    "mentor": format!("o{}", n / 3), "fresh": n % 3 == 0,
                    "cohort": format!("bench-{}", plan.cohort_of(n)),
                    "submitted": format!("{}-01-01T00:00:00Z", plan.year_of(plan.cohort_of(n))),
                    "answers": template, "applies": n % 3 == 0 && template.is_some(),
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
                type::record('account', k) AS account, 'mentee' AS kind, status, 4 AS step, answers,
                (IF partner THEN type::record('partner', partner) ELSE NONE END) AS partner,
                (<datetime> submitted) - 2w AS created_at, <datetime> submitted AS updated_at,
                <datetime> submitted AS submitted_at FROM $rows);
             INSERT INTO application (SELECT type::record('application', mentor) AS id,
                type::record('account', mentor) AS account, 'mentor' AS kind, 'accepted' AS status,
                4 AS step, answers, (<datetime> submitted) - 2w AS created_at,
                <datetime> submitted AS updated_at, <datetime> submitted AS submitted_at
                FROM $mentors WHERE applies);
             LET $placed = SELECT * FROM $rows WHERE placed;
             INSERT INTO cohort_member (SELECT type::record('cohort_member', cohort + '_' + k) AS id,
                type::record('cohort', cohort) AS cohort, type::record('account', k) AS account,
                'mentee' AS kind, 0 AS capacity,
                (IF gone THEN <datetime> (year + '-04-01T10:00:00Z') ELSE NONE END) AS left_at,
                (IF gone THEN 'moved_away' ELSE NONE END) AS left_reason FROM $placed);
             INSERT INTO cohort_member (SELECT type::record('cohort_member', cohort + '_' + mentor) AS id,
                type::record('cohort', cohort) AS cohort, type::record('account', mentor) AS account,
                'mentor' AS kind, 3 AS capacity FROM $mentors);
             INSERT INTO match_end (SELECT type::record('cohort', cohort) AS cohort,
                type::record('account', k) AS mentee, type::record('account', mentor) AS mentor,
                'no_contact' AS reason, '' AS note, type::record('account', mentor) AS ended_by,
                <datetime> (year + '-02-10T10:00:00Z') AS published_at,
                <datetime> (year + '-03-10T10:00:00Z') AS ended_at
                FROM $placed WHERE ended);
             INSERT INTO pairing (SELECT type::record('pairing', cohort + '_' + k) AS id,
                type::record('cohort', cohort) AS cohort, type::record('account', k) AS mentee,
                type::record('account', mentor) AS mentor, true AS published,
                <datetime> (year + '-02-10T10:00:00Z') AS published_at,
                <datetime> (year + '-02-10T10:00:00Z') AS updated_at
                FROM $placed WHERE !gone);
             FOR $day IN ['-02-20', '-03-20'] {
                INSERT INTO meeting (SELECT type::record('cohort', cohort) AS cohort,
                    type::record('account', k) AS mentee, type::record('account', mentor) AS mentor,
                    type::record('account', mentor) AS logged_by, year + $day AS date, 60 AS minutes,
                    'online' AS mode, [] AS topics, '' AS notes, '' AS next_steps,
                    <datetime> (year + '-03-21T10:00:00Z') AS confirmed_at FROM $placed);
             };
             INSERT INTO introduction (SELECT type::record('cohort', cohort) AS cohort,
                type::record('account', k) AS mentee, type::record('account', mentor) AS mentor,
                year + '-03-01' AS date, 'Vestas' AS company, '' AS role, 'coffee' AS kind, 'met' AS outcome,
                '' AS note, <datetime> (year + '-03-01T10:00:00Z') AS updated_at FROM $placed);
             INSERT INTO outcome (SELECT type::record('cohort', cohort) AS cohort,
                type::record('account', k) AS mentee, 'end' AS moment, finish AS status, true AS in_aarhus,
                '' AS industry, '' AS note, 'coordinator' AS source,
                type::record('account', mentor) AS recorded_by, 'Bench' AS recorded_by_name,
                <datetime> (year + '-07-01T10:00:00Z') AS recorded_at FROM $placed);
             INSERT INTO outcome (SELECT type::record('cohort', cohort) AS cohort,
                type::record('account', k) AS mentee, 'end' AS moment, 'ordinary_job' AS status,
                true AS in_aarhus, true AS matches_education, 'IT' AS industry, '' AS note,
                'coordinator' AS source, type::record('account', mentor) AS recorded_by,
                'Bench' AS recorded_by_name, <datetime> (year + '-07-15T10:00:00Z') AS recorded_at
                FROM $placed WHERE again);
             INSERT INTO outcome (SELECT type::record('cohort', cohort) AS cohort,
                type::record('account', k) AS mentee, 'follow_up_3m' AS moment, three AS status,
                true AS in_aarhus, '' AS industry, '' AS note, 'coordinator' AS source,
                type::record('account', mentor) AS recorded_by, 'Bench' AS recorded_by_name,
                <datetime> (year + '-10-01T10:00:00Z') AS recorded_at FROM $placed WHERE has_three);",
        )
        .bind(("rows", rows))
        .bind(("mentors", mentors))
        .await
        .and_then(|response| response.check())
        .expect("batch");
    }
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
pub async fn remove_events(db: &Db) -> Vec<String> {
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
pub async fn define(db: &Db, definitions: &[String]) {
    for definition in definitions {
        db.query(definition.as_str())
            .await
            .and_then(|response| response.check())
            .expect("event defined");
    }
}
