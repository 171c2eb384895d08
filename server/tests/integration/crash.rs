//! Crash safety: the real binary serves an on-disk database to clients that
//! write through its server functions over loopback, as browsers do (board
//! moves, meetings, surveys and their answers); it is killed (SIGKILL) at a
//! random moment and started again on the same directory. Every write it
//! acknowledged must be there, and the data must hold together.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use app::backend::db::{self, DbConfig};
use app::backend::demo::{DEMO_COHORT, DEMO_DOMAIN, DEMO_PASSWORD};
use app::portal::profile::today;
use serde_json::{Value, json};

use crate::servers::{Mentorbro, mentorbro_binary};

const ROUNDS: usize = 10;
/// Published pairs whose two sides log meetings and answer surveys.
const PAIRS: usize = 4;
/// Mentees the coordinator moves between the free mentors and the pool.
const MOVED: usize = 6;

/// A browser over loopback: one session cookie, server functions by URL.
#[derive(Clone)]
struct Browser {
    http: reqwest::Client,
    base: String,
    cookie: String,
}

/// What a server function answered.
struct Answer {
    status: u16,
    body: Value,
    text: String,
}

impl Answer {
    fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

impl Browser {
    async fn login(http: &reqwest::Client, base: &str, email: &str) -> (Self, String) {
        let mut browser = Self {
            http: http.clone(),
            base: base.to_owned(),
            cookie: String::new(),
        };
        let form = serde_urlencoded::to_string([("email", email), ("password", DEMO_PASSWORD)])
            .expect("form");
        let response = browser
            .send("login", "application/x-www-form-urlencoded", form)
            .await
            .expect("the server answers");
        let cookie = response
            .headers()
            .get_all(reqwest::header::SET_COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok()?.split(';').next())
            .find(|pair| pair.starts_with(server::SESSION_COOKIE))
            .map(str::to_owned);
        let answer = read(response).await.expect("the login reply");
        assert!(answer.ok(), "login as {email}: {}", answer.text);
        browser.cookie = cookie.expect("a session cookie");
        let id = answer.body["id"].as_str().expect("account id").to_owned();
        (browser, id)
    }

    /// The same session, at the server's new address after a restart.
    fn at(&self, base: &str) -> Self {
        Self {
            base: base.to_owned(),
            ..self.clone()
        }
    }

    async fn send(
        &self,
        function: &str,
        content_type: &str,
        body: String,
    ) -> reqwest::Result<reqwest::Response> {
        let mut request = self
            .http
            .post(format!("{}/api/{function}", self.base))
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .header(reqwest::header::ACCEPT, "application/json")
            .header("sec-fetch-site", "same-origin")
            .body(body);
        if !self.cookie.is_empty() {
            request = request.header(reqwest::header::COOKIE, &self.cookie);
        }
        request.send().await
    }

    /// A server function with form-encoded arguments; `Err` when the
    /// connection failed, so the server may or may not have done it.
    async fn form(&self, function: &str, args: &[(&str, &str)]) -> reqwest::Result<Answer> {
        let body = serde_urlencoded::to_string(args).expect("form");
        read(
            self.send(function, "application/x-www-form-urlencoded", body)
                .await?,
        )
        .await
    }

    /// A server function with JSON arguments.
    async fn json(&self, function: &str, args: Value) -> reqwest::Result<Answer> {
        read(
            self.send(function, "application/json", args.to_string())
                .await?,
        )
        .await
    }
}

async fn read(response: reqwest::Response) -> reqwest::Result<Answer> {
    let status = response.status().as_u16();
    let text = response.text().await?;
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Ok(Answer { status, body, text })
}

/// One side of a published pair, with the partner's account.
struct Participant {
    browser: Browser,
    id: String,
    partner: String,
}

/// What the clients were told was done, and what was under way at the crash.
#[derive(Default)]
struct Acknowledged {
    /// Meeting id → its notes.
    meetings: BTreeMap<String, String>,
    /// `(survey, account)`.
    answers: BTreeSet<(String, String)>,
    surveys: BTreeSet<String>,
    /// Mentee → the mentor of the last move acknowledged (`None`: the pool).
    places: BTreeMap<String, Option<String>>,
    /// Mentee → the mentor of a move under way when the server died.
    moving: BTreeMap<String, Option<String>>,
    /// Board moves acknowledged.
    moves: usize,
}

fn meeting(cohort: &str, partner: &str, notes: &str) -> Value {
    json!({ "form": {
        "cohort": cohort, "partner": partner, "date": today().to_string(), "time": "17:30",
        "minutes": "45", "mode": "online", "topics": ["cv"], "notes": notes, "next_steps": ""
    }})
}

/// A participant's writes until the server stops answering: an answer to
/// each survey of `surveys` they have not answered, then meetings.
async fn participant_writes(
    me: Arc<Participant>,
    surveys: Vec<String>,
    tag: String,
) -> Acknowledged {
    let mut done = Acknowledged::default();
    let mut surveys = surveys.into_iter();
    for n in 0.. {
        if let Some(survey) = surveys.next() {
            let args = json!({ "id": survey, "answers": ["4"], "outcome": null });
            let Ok(answer) = me.browser.json("answer_survey", args).await else {
                break;
            };
            assert!(answer.ok(), "answer_survey: {}", answer.text);
            done.answers.insert((survey, me.id.clone()));
        } else {
            let notes = format!("{tag} {} {n}", me.id);
            let args = meeting(DEMO_COHORT, &me.partner, &notes);
            let Ok(answer) = me.browser.json("log_meeting", args).await else {
                break;
            };
            assert!(answer.ok(), "log_meeting: {}", answer.text);
            assert_eq!(answer.body["notes"], notes.as_str());
            let id = answer.body["id"].as_str().expect("meeting id").to_owned();
            done.meetings.insert(id, notes);
        }
    }
    done
}

/// A coordinator moving `mentees` (from where they are now) between the
/// mentors they may go to and the pool until the server stops answering. Only
/// a full mentor may refuse.
async fn board_moves(
    coordinator: Browser,
    mut places: BTreeMap<String, Option<String>>,
    mentors: Arc<BTreeMap<String, Vec<String>>>,
    seed: usize,
) -> Acknowledged {
    let mut done = Acknowledged::default();
    let mentees: Vec<String> = places.keys().cloned().collect();
    for n in seed.. {
        let mentee = &mentees[n % mentees.len()];
        let from = places[mentee].clone();
        let targets = &mentors[mentee];
        let to = targets
            .get((n / mentees.len() + n) % (targets.len() + 1))
            .cloned();
        if from == to {
            continue;
        }
        let mut args = vec![("cohort", DEMO_COHORT), ("mentee", mentee.as_str())];
        args.extend(from.as_deref().map(|from| ("from", from)));
        args.extend(to.as_deref().map(|to| ("to", to)));
        let Ok(answer) = coordinator.form("move_mentee", &args).await else {
            done.moving.insert(mentee.clone(), to);
            break;
        };
        if answer.ok() {
            places.insert(mentee.clone(), to);
            done.moves += 1;
        } else {
            assert!(
                answer.status == 409 || answer.text.contains("mentor_full"),
                "move_mentee: {} {}",
                answer.status,
                answer.text
            );
        }
    }
    done.places = places;
    done
}

/// A delay in 0.5–4.5 s, different in every round.
fn random_moment() -> Duration {
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|since| since.subsec_nanos())
        .unwrap_or(0);
    Duration::from_millis(500 + u64::from(nanos % 4_000))
}

fn config(dir: &Path) -> DbConfig {
    DbConfig {
        endpoint: format!("rocksdb://{}", dir.display()),
        username: None,
        password: None,
        namespace: "mentorbro".into(),
        database: "main".into(),
    }
}

async fn rows(db: &db::Db, query: &str) -> Vec<Value> {
    db.query(query)
        .bind(("cohort", db::record("cohort", DEMO_COHORT)))
        .await
        .and_then(|mut response| response.take(0))
        .unwrap_or_else(|error| panic!("{query}: {error}"))
}

fn text(row: &Value, field: &str) -> String {
    row[field].as_str().unwrap_or_default().to_owned()
}

/// Opens the database the killed server left and checks it against what was
/// acknowledged; returns where the moved mentees are now.
async fn check(dir: &Path, acked: &Acknowledged) -> BTreeMap<String, Option<String>> {
    let db = loop {
        match db::open(&config(dir)).await {
            Ok(db) => break db,
            Err(error) if error.to_string().contains("LOCK") => {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(error) => panic!("the database does not open after the crash: {error}"),
        }
    };
    let meetings: HashMap<String, Value> = rows(
        &db,
        "SELECT record::id(id) AS id, record::id(mentee) AS mentee, record::id(mentor) AS mentor,
                notes FROM meeting WHERE cohort = $cohort",
    )
    .await
    .into_iter()
    .map(|row| (text(&row, "id"), row))
    .collect();
    for (id, notes) in &acked.meetings {
        let stored = meetings
            .get(id)
            .unwrap_or_else(|| panic!("meeting {id} lost"));
        assert_eq!(stored["notes"], notes.as_str(), "meeting {id}");
    }
    let surveys: BTreeSet<String> = rows(&db, "SELECT VALUE record::id(id) FROM survey")
        .await
        .iter()
        .map(|id| id.as_str().unwrap_or_default().to_owned())
        .collect();
    let lost: Vec<_> = acked.surveys.difference(&surveys).collect();
    assert!(lost.is_empty(), "surveys lost: {lost:?}");
    let answers: BTreeSet<(String, String)> = rows(
        &db,
        "SELECT record::id(survey) AS survey, record::id(account) AS account FROM survey_answer",
    )
    .await
    .iter()
    .map(|row| (text(row, "survey"), text(row, "account")))
    .collect();
    let lost: Vec<_> = acked.answers.difference(&answers).collect();
    assert!(lost.is_empty(), "survey answers lost: {lost:?}");

    // Consistency: capacities, one pair per mentee, nothing pointing nowhere.
    let pairs = rows(
        &db,
        "SELECT record::id(mentee) AS mentee, record::id(mentor) AS mentor, published
         FROM pairing WHERE cohort = $cohort",
    )
    .await;
    let capacity: HashMap<String, u64> = rows(
        &db,
        "SELECT record::id(account) AS mentor, capacity FROM cohort_member
         WHERE cohort = $cohort AND kind = 'mentor'",
    )
    .await
    .iter()
    .map(|row| (text(row, "mentor"), row["capacity"].as_u64().unwrap_or(0)))
    .collect();
    let mut load: HashMap<String, u64> = HashMap::new();
    let mut mentor_of: BTreeMap<String, Option<String>> = BTreeMap::new();
    for pair in &pairs {
        *load.entry(text(pair, "mentor")).or_default() += 1;
        let earlier = mentor_of.insert(text(pair, "mentee"), Some(text(pair, "mentor")));
        assert!(earlier.is_none(), "a mentee in two pairs: {pair}");
    }
    for (mentor, load) in &load {
        let capacity = capacity.get(mentor).copied().unwrap_or(0);
        assert!(
            *load <= capacity,
            "mentor {mentor}: {load} mentees, capacity {capacity}"
        );
    }
    for row in meetings.values() {
        let pair = pairs.iter().find(|pair| {
            pair["mentee"] == row["mentee"]
                && pair["mentor"] == row["mentor"]
                && pair["published"] == true
        });
        assert!(
            pair.is_some(),
            "a meeting without its published pair: {row}"
        );
    }
    let orphans = rows(
        &db,
        "SELECT VALUE id FROM pairing WHERE !record::exists(mentee) OR !record::exists(mentor)
                OR !record::exists(cohort);
         ",
    )
    .await
    .into_iter()
    .chain(
        rows(
            &db,
            "SELECT VALUE id FROM meeting WHERE !record::exists(mentee)
                    OR !record::exists(mentor) OR !record::exists(cohort)",
        )
        .await,
    )
    .chain(
        rows(
            &db,
            "SELECT VALUE id FROM survey_answer WHERE !record::exists(survey)
                    OR !record::exists(account) OR !record::exists(cohort)",
        )
        .await,
    )
    .chain(
        rows(
            &db,
            "SELECT VALUE id FROM survey WHERE !record::exists(cohort)",
        )
        .await,
    )
    .collect::<Vec<_>>();
    assert!(orphans.is_empty(), "records pointing nowhere: {orphans:?}");

    // Each moved mentee is where the last acknowledged move put them, or
    // where a move under way at the crash was taking them.
    let mut places = BTreeMap::new();
    for (mentee, acknowledged) in &acked.places {
        let now = mentor_of.get(mentee).cloned().flatten();
        let allowed = now == *acknowledged || acked.moving.get(mentee) == Some(&now);
        assert!(
            allowed,
            "mentee {mentee} is at {now:?}, acknowledged {acknowledged:?}"
        );
        places.insert(mentee.clone(), now);
    }
    places
}

/// Fills a fresh database with the demo pilot through the binary.
fn demo_data(dir: &Path) {
    let config = config(dir);
    let output = Command::new(mentorbro_binary())
        .env("DATABASE", &config.endpoint)
        .env("DATABASE_NAMESPACE", &config.namespace)
        .env("DATABASE_NAME", &config.database)
        .env("MENTORBRO_LOG", "error")
        .args(["demo-data", "--mentees", "12", "--mentors", "8"])
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "{output:?}");
}

fn base(server: &Mentorbro) -> String {
    format!("http://127.0.0.1:{}", server.port)
}

/// The demo pilot with [`PAIRS`] published pairs (mentee n with mentor n),
/// each with a first meeting so that surveys fall due; the coordinator and
/// both sides of each pair logged in.
struct Pilot {
    coordinator: Browser,
    participants: Vec<Participant>,
    /// The mentors without a published mentee that each moved mentee may go to.
    free_mentors: Arc<BTreeMap<String, Vec<String>>>,
    /// Mentees without a published mentor, all in the pool.
    moved: BTreeMap<String, Option<String>>,
}

async fn pilot(http: &reqwest::Client, address: &str, acked: &mut Acknowledged) -> Pilot {
    let email = |who: &str, n: usize| format!("{who}{n:02}@{DEMO_DOMAIN}");
    let (coordinator, _) =
        Browser::login(http, address, &format!("coordinator@{DEMO_DOMAIN}")).await;
    let mut participants = Vec::new();
    for n in 1..=PAIRS {
        let (mentee, mentee_id) = Browser::login(http, address, &email("mentee", n)).await;
        let (mentor, mentor_id) = Browser::login(http, address, &email("mentor", n)).await;
        let args = [
            ("cohort", DEMO_COHORT),
            ("mentee", &mentee_id),
            ("to", &mentor_id),
        ];
        let moved = coordinator.form("move_mentee", &args).await.expect("move");
        assert!(moved.ok(), "{}", moved.text);
        participants.push(Participant {
            browser: mentor,
            id: mentor_id.clone(),
            partner: mentee_id.clone(),
        });
        participants.push(Participant {
            browser: mentee,
            id: mentee_id,
            partner: mentor_id,
        });
    }
    let published = coordinator
        .form("publish_board", &[("cohort", DEMO_COHORT)])
        .await
        .expect("publish");
    assert!(published.ok(), "{}", published.text);
    for mentor in participants.iter().step_by(2) {
        let notes = format!("first meeting {}", mentor.id);
        let args = meeting(DEMO_COHORT, &mentor.partner, &notes);
        let logged = mentor.browser.json("log_meeting", args).await.expect("log");
        assert!(logged.ok(), "{}", logged.text);
        acked.meetings.insert(text(&logged.body, "id"), notes);
    }

    let people = coordinator
        .form("board_people", &[("cohort", DEMO_COHORT)])
        .await
        .expect("people");
    let taken: BTreeSet<&String> = participants.iter().map(|person| &person.id).collect();
    let ids = |kind: &str| -> Vec<String> {
        let people = people.body[kind].as_array().expect("people");
        people.iter().map(|person| text(person, "id")).collect()
    };
    let (mentees, mentors) = (ids("mentees"), ids("mentors"));
    // Row by mentee, column by mentor; the largest value breaks a must-have.
    let fit = people.body["fit"].as_array().expect("fit");
    let mut free_mentors = BTreeMap::new();
    for (row, mentee) in mentees.iter().enumerate() {
        let possible: Vec<String> = mentors
            .iter()
            .enumerate()
            .filter(|(column, mentor)| {
                !taken.contains(mentor)
                    && fit[row * mentors.len() + column].as_u64() != Some(u64::from(u8::MAX))
            })
            .map(|(_, mentor)| mentor.clone())
            .collect();
        if !taken.contains(mentee) && possible.len() >= 2 && free_mentors.len() < MOVED {
            free_mentors.insert(mentee.clone(), possible);
        }
    }
    assert_eq!(
        free_mentors.len(),
        MOVED,
        "mentees with two mentors to go to"
    );
    let moved = free_mentors.keys().map(|id| (id.clone(), None)).collect();
    let free_mentors = Arc::new(free_mentors);
    Pilot {
        coordinator,
        participants,
        free_mentors,
        moved,
    }
}

/// The coordinator creates two surveys for everyone, due at the first meeting.
async fn two_surveys(coordinator: &Browser, round: usize, acked: &mut Acknowledged) -> Vec<String> {
    let mut surveys = Vec::new();
    for n in 0..2 {
        let form = json!({
            "title": format!("Round {round}, survey {n}"), "intro": "", "moment": "first_meeting",
            "audience": "both", "includes_outcome": false,
            "questions": [{ "kind": "likert", "text": "It helps.", "options": "", "required": true }]
        });
        let created = coordinator
            .json(
                "save_survey",
                json!({ "cohort": DEMO_COHORT, "id": null, "form": form }),
            )
            .await
            .expect("save_survey");
        assert!(created.ok(), "{}", created.text);
        let id = text(&created.body, "id");
        acked.surveys.insert(id.clone());
        surveys.push(id);
    }
    surveys
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_writes_survive_kill_9_and_the_data_stays_consistent() {
    let started = Instant::now();
    let work = tempfile::tempdir().expect("temporary directory");
    let dir = work.path().join("db");
    demo_data(&dir);
    let mut server = Mentorbro::start_when_unlocked(&config(&dir));
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .expect("an HTTP client");
    // Every acknowledged write so far; each is checked after every later crash.
    let mut acked = Acknowledged::default();
    let pilot = pilot(&http, &base(&server), &mut acked).await;
    let mut places = pilot.moved.clone();
    let mut checks = 0;

    for round in 1..=ROUNDS {
        let address = base(&server);
        let coordinator = pilot.coordinator.at(&address);
        // The sessions of the logins before the first crash outlive every crash.
        let board = coordinator
            .form("board_state", &[("cohort", DEMO_COHORT)])
            .await
            .expect("board");
        assert!(board.ok(), "round {round}: {}", board.text);
        let surveys = two_surveys(&coordinator, round, &mut acked).await;

        let mut writers = Vec::new();
        for person in &pilot.participants {
            let person = Arc::new(Participant {
                browser: person.browser.at(&address),
                id: person.id.clone(),
                partner: person.partner.clone(),
            });
            let tag = format!("round {round}");
            writers.push(tokio::spawn(participant_writes(
                person,
                surveys.clone(),
                tag,
            )));
        }
        // A coordinator's tab per moved mentee.
        for (n, (mentee, place)) in places.iter().enumerate() {
            let own = BTreeMap::from([(mentee.clone(), place.clone())]);
            let mentors = pilot.free_mentors.clone();
            let moves = board_moves(coordinator.clone(), own, mentors, round * 7 + n);
            writers.push(tokio::spawn(moves));
        }
        tokio::time::sleep(random_moment()).await;
        server.kill();

        acked.places.clear();
        acked.moving.clear();
        for writer in writers {
            let done = writer.await.expect("a writer");
            acked.meetings.extend(done.meetings);
            acked.answers.extend(done.answers);
            acked.places.extend(done.places);
            acked.moving.extend(done.moving);
            acked.moves += done.moves;
        }
        places = check(&dir, &acked).await;
        checks += acked.meetings.len() + acked.answers.len() + acked.surveys.len() + places.len();
        server = Mentorbro::start_when_unlocked(&config(&dir));
    }
    drop(server);
    let (meetings, answers, surveys) = (
        acked.meetings.len(),
        acked.answers.len(),
        acked.surveys.len(),
    );
    println!(
        "crash safety: {ROUNDS} rounds of kill -9; {} acknowledged writes ({meetings} meetings, \
         {answers} survey answers, {surveys} surveys, {} board moves), {checks} checks of them \
         after the crashes, 0 lost, in {:.1} s",
        meetings + answers + surveys + acked.moves,
        acked.moves,
        started.elapsed().as_secs_f64()
    );
}
