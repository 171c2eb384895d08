//! A Mentorbro server in memory for integration tests: a fresh in-memory
//! SurrealDB per test, the real router, and a client that keeps its cookie.

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use app::accounts::Role;
use app::backend::db::{self, DbConfig};
use app::backend::rate_limit::{LoginLimiter, LoginQuota};
use app::backend::{AppState, Db, SessionPolicy};
use app::portal::{Answers, MenteeProfile, MentorProfile, Status};
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use serde_json::{Value, json};
use server::{HttpConfig, SESSION_COOKIE, router};
use tower::ServiceExt;

static NEXT: AtomicU32 = AtomicU32::new(0);

pub struct TestApp {
    pub router: Router,
    pub db: Db,
    /// Where this app stores uploaded files.
    pub uploads: std::path::PathBuf,
    pub mail: app::backend::mail::MailConfig,
    /// Where this app's email lands, one `.eml` file per message.
    pub mails: std::path::PathBuf,
}

/// Limits tight enough for a test to reach them.
pub fn tight_limits() -> LoginLimiter {
    let slow = LoginQuota {
        burst: 5,
        replenish_every: Duration::from_secs(3600),
    };
    LoginLimiter::new(
        slow,
        LoginQuota {
            burst: 1000,
            ..slow
        },
    )
}

pub async fn test_app() -> TestApp {
    test_app_with(tight_limits(), SessionPolicy::default()).await
}

/// The app over a fresh namespace of [`test_database`].
pub async fn test_app_with(limiter: LoginLimiter, sessions: SessionPolicy) -> TestApp {
    test_app_over(&test_database(), limiter, sessions).await
}

/// A fresh namespace: in memory, or on the SurrealDB server named by
/// `MENTORBRO_TEST_DATABASE` (`ws://HOST:PORT`, user and password `root`), which
/// `scripts/test.sh` starts to run the whole suite a second time against a server.
pub fn test_database() -> DbConfig {
    match std::env::var("MENTORBRO_TEST_DATABASE") {
        Ok(endpoint) => DbConfig {
            endpoint,
            username: Some(crate::servers::ROOT_USER.into()),
            password: Some(crate::servers::ROOT_PASSWORD.into()),
            namespace: fresh_namespace(),
            database: "test".into(),
        },
        Err(_) => DbConfig {
            endpoint: "mem://".into(),
            username: None,
            password: None,
            namespace: fresh_namespace(),
            database: "test".into(),
        },
    }
}

/// A namespace no other test of this run uses.
pub fn fresh_namespace() -> String {
    format!("test_{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// The app over the database `config` names, with its own upload and mail directories.
pub async fn test_app_over(
    config: &DbConfig,
    limiter: LoginLimiter,
    sessions: SessionPolicy,
) -> TestApp {
    let options = LeptosOptions::builder().output_name("mentorbro").build();
    test_app_serving(config, limiter, sessions, options).await
}

/// As [`test_app_over`], serving the site `options` name (its files under `site_root`).
pub async fn test_app_serving(
    config: &DbConfig,
    limiter: LoginLimiter,
    sessions: SessionPolicy,
    options: LeptosOptions,
) -> TestApp {
    let db = db::connect(config).await.expect("the database opens");
    let uploads = std::env::temp_dir().join(format!(
        "mentorbro-test-uploads-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let mails = uploads.with_extension("mail");
    std::fs::create_dir_all(&mails).expect("mail directory");
    let state = AppState {
        db: db.clone(),
        login_limiter: Arc::new(limiter),
        sessions,
        uploads: app::backend::privacy::Uploads {
            dir: uploads.clone(),
        },
        mail: app::backend::mail::MailConfig::new(
            Some(&format!("file://{}", mails.display())),
            "Mentorbro <mentorbro@example.dk>",
        )
        .expect("mail settings"),
        public_url: "http://mentorbro.test".into(),
    };
    let state_mail = state.mail.clone();
    let router = router(
        state,
        options,
        &HttpConfig {
            secure_cookies: false,
        },
    );
    TestApp {
        router,
        db,
        uploads,
        mail: state_mail,
        mails,
    }
}

/// A browser stand-in: remembers the session cookie between calls.
#[derive(Default, Clone)]
pub struct Client {
    pub cookie: Option<String>,
}

pub struct Reply {
    pub status: StatusCode,
    pub body: Value,
    pub text: String,
    pub headers: axum::http::HeaderMap,
}

impl Client {
    /// Calls a server function with form-encoded arguments, as a same-origin page would.
    pub async fn call(&mut self, app: &TestApp, function: &str, args: &[(&str, &str)]) -> Reply {
        let body = serde_urlencoded::to_string(args).expect("arguments encode");
        let mut request = Request::post(format!("/api/{function}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header("sec-fetch-site", "same-origin");
        if let Some(cookie) = &self.cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(app, request.body(Body::from(body)).expect("request builds"))
            .await
    }

    /// Calls a server function that takes JSON arguments.
    pub async fn call_json(&mut self, app: &TestApp, function: &str, args: Value) -> Reply {
        let mut request = Request::post(format!("/api/{function}"))
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT, "application/json")
            .header("sec-fetch-site", "same-origin");
        if let Some(cookie) = &self.cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(
            app,
            request
                .body(Body::from(args.to_string()))
                .expect("request builds"),
        )
        .await
    }

    /// A GET of any path, with this client's cookie and extra headers.
    pub async fn get(&mut self, app: &TestApp, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut request = Request::get(path).header("sec-fetch-site", "same-origin");
        if let Some(cookie) = &self.cookie {
            request = request.header(header::COOKIE, cookie);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(app, request.body(Body::empty()).expect("request builds"))
            .await
    }

    /// Logs in with email and password.
    pub async fn login(&mut self, app: &TestApp, email: &str, password: &str) -> Reply {
        self.call(app, "login", &[("email", email), ("password", password)])
            .await
    }

    pub async fn send(&mut self, app: &TestApp, request: Request<Body>) -> Reply {
        let response = app
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("router answers");
        let status = response.status();
        let headers = response.headers().clone();
        for value in response.headers().get_all(header::SET_COOKIE) {
            let value = value.to_str().unwrap_or_default();
            if let Some(pair) = value.split(';').next()
                && pair.starts_with(SESSION_COOKIE)
            {
                let removed = value.contains("Max-Age=0") || pair.ends_with('=');
                self.cookie = (!removed).then(|| pair.to_owned());
            }
        }
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body reads")
            .to_bytes();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply {
            status,
            body,
            text,
            headers,
        }
    }
}

pub const PASSWORD: &str = "a-long-enough-password";

/// Signs up a new account of `role` and returns a client logged in as it.
pub async fn signed_up(app: &TestApp, role: &str, email: &str) -> Client {
    let mut client = Client::default();
    let reply = client
        .call(
            app,
            "sign_up",
            &[
                ("name", "Test Person"),
                ("email", email),
                ("password", PASSWORD),
                ("role", role),
            ],
        )
        .await;
    assert_eq!(
        reply.status,
        StatusCode::OK,
        "sign-up failed: {}",
        reply.text
    );
    client
}

/// Creates an account of any role directly, as the admin CLI does, and logs in.
pub async fn logged_in_as(app: &TestApp, role: app::accounts::Role, email: &str) -> Client {
    let hash = app::backend::password::hash(PASSWORD.into())
        .await
        .expect("hash");
    app::accounts::store::create(&app.db, email, "Staff Person", role, &hash)
        .await
        .expect("account created");
    let mut client = Client::default();
    let reply = client.login(app, email, PASSWORD).await;
    assert_eq!(reply.status, StatusCode::OK, "login failed: {}", reply.text);
    client
}

/// A complete mentee application; `marker` makes its free text unique.
pub fn complete_mentee(marker: &str) -> Value {
    json!({
        "phone": "+45 12 34 56 78",
        "postcode": "8200",
        "country_of_origin": "Brazil",
        "arrival_date": "2026-03-01",
        "residence_basis": "accompanying_family",
        "may_work": true,
        "partner_employer": format!("Employer {marker}"),
        "danish_level": "module1",
        "english_level": "fluent",
        "other_languages": [{ "language": "Portuguese", "level": "native" }],
        "education_level": "master",
        "education_field": "Civil engineering",
        "education_country": "Brazil",
        "degree_assessment": "in_progress",
        "years_experience": "8",
        "industries": "Construction",
        "target_industries": "Construction, Energy",
        "skills": format!("Skills {marker}"),
        "help_wanted": ["network_introductions"],
        "meeting_times": ["weekday_daytime"],
        "meeting_modes": ["in_person"],
        "linkedin_url": format!("https://www.linkedin.com/in/{marker}"),
        "goals": format!("Goals {marker}"),
        "heard_from": "friend"
    })
}

/// A complete mentor profile.
pub fn complete_mentor() -> Value {
    json!({
        "company": "Vestas",
        "role": "Engineering manager",
        "industry": "Energy",
        "years_experience": "15",
        "danish_level": "native",
        "english_level": "fluent",
        "offers": ["industry_insight", "network_introductions"],
        "capacity": "2",
        "meeting_times": ["weekday_evening"],
        "meeting_modes": ["online"],
        "postcode": "8000",
        "motivation": "I was new here once."
    })
}

/// A mentor who can meet the mentees of [`complete_mentee`].
pub fn fitting_mentor(capacity: u32) -> Value {
    let mut mentor = complete_mentor();
    mentor["meeting_times"] = json!(["weekday_daytime"]);
    mentor["meeting_modes"] = json!(["in_person", "online"]);
    mentor["capacity"] = json!(capacity.to_string());
    mentor
}

/// A programme page with the given address.
pub fn programme(slug: &str) -> Value {
    json!({
        "slug": slug,
        "name": "Mentor programme for international spouses",
        "organisation": "Erhverv Aarhus",
        "contact_email": "mentor@erhvervaarhus.dk",
        "next_start": "2099-02-01",
        "deadline": "2099-01-10",
        "places": "35",
        "intake": "open",
        "en": { "intro": "Find your footing in Aarhus.", "faq": "Who can apply?\nSpouses of international employees." },
        "da": { "intro": "Find fodfæste i Aarhus.", "faq": "Hvem kan søge?\nÆgtefæller til internationale medarbejdere." }
    })
}

/// Creates a submitted participant directly in the database; returns their key.
pub async fn participant(
    app: &TestApp,
    role: Role,
    email: &str,
    name: &str,
    answers: Value,
) -> String {
    static HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    let hash = HASH
        .get_or_init(|| async {
            app::backend::password::hash(PASSWORD.into())
                .await
                .expect("hash")
        })
        .await;
    let row = app::accounts::store::create(&app.db, email, name, role, hash)
        .await
        .expect("account created");
    let key = app::backend::db::key_string(&row.id);
    let answers = match role {
        Role::Mentee => Answers::Mentee(
            serde_json::from_value::<MenteeProfile>(answers).expect("mentee answers"),
        ),
        _ => Answers::Mentor(
            serde_json::from_value::<MentorProfile>(answers).expect("mentor answers"),
        ),
    };
    app::portal::store::save(&app.db, &key, &answers, 4, Status::Submitted)
        .await
        .expect("application saved");
    key
}

pub struct Board {
    pub coordinator: Client,
    pub cohort: String,
    pub mentees: Vec<String>,
    pub mentors: Vec<String>,
}

/// A programme with one cohort, `mentees` mentees and a mentor per capacity given,
/// all accepted into the cohort by a coordinator.
pub async fn board(app: &TestApp, mentees: usize, mentors: &[u32]) -> Board {
    let mut coordinator = logged_in_as(app, Role::Coordinator, "camilla@example.dk").await;
    let saved = coordinator
        .call_json(
            app,
            "save_programme",
            json!({ "page": programme("aarhus-spouses"), "original_slug": null }),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    let cohort = coordinator
        .call_json(
            app,
            "save_cohort",
            json!({ "id": null, "form": {
                "programme": "aarhus-spouses", "name": "Spring 2027", "start": "2027-02-01",
                "end": "2027-05-31", "places": "40", "status": "matching"
            }}),
        )
        .await;
    assert_eq!(cohort.status, StatusCode::OK, "{}", cohort.text);
    let cohort = cohort.body["id"].as_str().expect("cohort id").to_owned();
    let mut mentee_ids = Vec::new();
    for n in 0..mentees {
        let email = format!("mentee{n:02}@example.dk");
        let name = format!("Mentee {n:02}");
        let answers = complete_mentee(&format!("m{n}"));
        mentee_ids.push(participant(app, Role::Mentee, &email, &name, answers).await);
    }
    let mut mentor_ids = Vec::new();
    for (n, capacity) in mentors.iter().enumerate() {
        let email = format!("mentor{n:02}@example.dk");
        let name = format!("Mentor {n:02}");
        let answers = fitting_mentor(*capacity);
        mentor_ids.push(participant(app, Role::Mentor, &email, &name, answers).await);
    }
    let everyone: Vec<&String> = mentee_ids.iter().chain(&mentor_ids).collect();
    let decided = coordinator
        .call_json(
            app,
            "decide_applications",
            json!({ "accounts": everyone, "status": "accepted", "reason": "", "cohort": cohort }),
        )
        .await;
    assert_eq!(decided.status, StatusCode::OK, "{}", decided.text);
    assert_eq!(decided.body, json!(everyone.len()));
    Board {
        coordinator,
        cohort,
        mentees: mentee_ids,
        mentors: mentor_ids,
    }
}

/// A real SMTP server on loopback that stores every message in a maildir.
pub struct SmtpServer {
    child: Child,
    pub port: u16,
    maildir: std::path::PathBuf,
}

impl SmtpServer {
    pub fn start() -> Self {
        let port = crate::servers::free_port();
        let maildir = std::env::temp_dir().join(format!("mentorbro-smtp-{port}"));
        let child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(Stdio::null())
            .spawn()
            .expect("python3 -m aiosmtpd starts (scripts/setup.sh installs it)");
        let child = crate::servers::listening(child, port, "the SMTP server");
        Self {
            child,
            port,
            maildir,
        }
    }

    pub fn messages(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.maildir.join("new")) else {
            return Vec::new();
        };
        entries
            .filter_map(|entry| std::fs::read_to_string(entry.ok()?.path()).ok())
            .collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.maildir);
    }
}
