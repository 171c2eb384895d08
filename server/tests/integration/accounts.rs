//! Accounts through the real router and server functions, on a fresh in-memory SurrealDB.

use crate::common;

use app::accounts::Role;
use axum::http::StatusCode;
use common::{Client, PASSWORD, logged_in_as, signed_up, test_app};

#[tokio::test]
async fn sign_up_logs_the_new_mentee_in() {
    let app = test_app().await;
    let mut client = signed_up(&app, "mentee", "Priya@Example.dk").await;
    let me = client.call(&app, "current_account", &[]).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["email"], "priya@example.dk");
    assert_eq!(me.body["role"], "mentee");
    assert!(
        me.body.get("password_hash").is_none(),
        "hash must never leave the server"
    );
}

#[tokio::test]
async fn sign_up_refuses_staff_roles() {
    let app = test_app().await;
    for role in ["coordinator", "admin", "partner", "root", ""] {
        let mut client = Client::default();
        let reply = client
            .call(
                &app,
                "sign_up",
                &[
                    ("name", "Eve"),
                    ("email", "eve@example.dk"),
                    ("password", PASSWORD),
                    ("role", role),
                ],
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{role}: {}",
            reply.text
        );
        assert_eq!(reply.body["Invalid"][0]["field"], "role");
    }
}

#[tokio::test]
async fn duplicate_email_is_refused_without_saying_the_account_exists() {
    let app = test_app().await;
    signed_up(&app, "mentor", "lars@example.dk").await;

    let mut second = Client::default();
    let duplicate = second
        .call(
            &app,
            "sign_up",
            &[
                ("name", "Someone"),
                ("email", "LARS@example.dk"),
                ("password", "another-password"),
                ("role", "mentee"),
            ],
        )
        .await;
    assert_eq!(duplicate.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The problem is the generic refusal, whose words do not say the address is taken.
    assert_eq!(
        duplicate.body["Invalid"][0]["problem"]["kind"],
        "sign_up_refused"
    );
    let message =
        app::text::problem_text(app::i18n::Locale::en, &app::error::Problem::SignUpRefused)
            .to_lowercase();
    assert!(
        !message.contains("exists")
            && !message.contains("registered")
            && !message.contains("taken"),
        "{message}"
    );
    assert!(
        second.cookie.is_none()
            || second
                .call(&app, "current_account", &[])
                .await
                .body
                .is_null()
    );

    // The original account is untouched: its password still works, the new one does not.
    let mut owner = Client::default();
    assert_eq!(
        owner.login(&app, "lars@example.dk", PASSWORD).await.status,
        StatusCode::OK
    );
    let mut intruder = Client::default();
    assert_eq!(
        intruder
            .login(&app, "lars@example.dk", "another-password")
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn wrong_password_and_unknown_email_get_the_same_answer() {
    let app = test_app().await;
    signed_up(&app, "mentee", "mei@example.dk").await;
    let mut client = Client::default();
    let wrong = client.login(&app, "mei@example.dk", "wrong-password").await;
    let unknown = client
        .login(&app, "nobody@example.dk", "wrong-password")
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.status, unknown.status);
    assert_eq!(wrong.text, unknown.text);
    assert!(
        client
            .call(&app, "current_account", &[])
            .await
            .body
            .is_null()
    );
}

#[tokio::test]
async fn login_is_rate_limited_per_account() {
    let app = test_app().await; // five attempts per account
    signed_up(&app, "mentee", "ahmed@example.dk").await;
    let mut attacker = Client::default();
    for _ in 0..5 {
        let reply = attacker
            .login(&app, "ahmed@example.dk", "guess-guess")
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    }
    let limited = attacker.login(&app, "ahmed@example.dk", PASSWORD).await;
    assert_eq!(
        limited.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        limited.text
    );
    assert!(
        limited.body["RateLimited"]["retry_after_secs"]
            .as_u64()
            .unwrap_or(0)
            > 0
    );
    // Even the right password is refused while limited, and nobody got logged in.
    assert!(
        attacker
            .call(&app, "current_account", &[])
            .await
            .body
            .is_null()
    );
}

#[tokio::test]
async fn logout_kills_the_session_on_the_server() {
    let app = test_app().await;
    let mut client = signed_up(&app, "mentee", "sofia@example.dk").await;
    let stolen_cookie = client.cookie.clone();
    assert_eq!(
        client.call(&app, "logout", &[]).await.status,
        StatusCode::OK
    );

    // Replaying the old cookie finds no session: it was deleted, not just forgotten by the browser.
    let mut replay = Client {
        cookie: stolen_cookie,
    };
    let me = replay.call(&app, "current_account", &[]).await;
    assert_eq!(me.status, StatusCode::OK);
    assert!(me.body.is_null(), "session survived logout: {}", me.text);
    let mut sessions = app
        .db
        .query("SELECT count() AS n FROM session GROUP ALL")
        .await
        .unwrap();
    let count: Option<i64> = sessions.take("n").unwrap();
    assert_eq!(count.unwrap_or(0), 0);
}

#[tokio::test]
async fn login_issues_a_new_session_id() {
    let app = test_app().await;
    signed_up(&app, "mentee", "tomasz@example.dk").await;
    let mut client = Client::default();
    // A visitor's session exists before login (a failed attempt does not create one,
    // so plant one by calling a function that touches the session).
    client.call(&app, "logout", &[]).await;
    let before = client.cookie.clone();
    client.login(&app, "tomasz@example.dk", PASSWORD).await;
    assert!(client.cookie.is_some());
    assert_ne!(client.cookie, before);
}

#[tokio::test]
async fn role_guard_refuses_each_wrong_role() {
    let app = test_app().await;
    let mut mentee = signed_up(&app, "mentee", "ana@example.dk").await;
    let mut mentor = signed_up(&app, "mentor", "mette@example.dk").await;
    let mut partner = logged_in_as(&app, Role::Partner, "partner@example.dk").await;
    let mut coordinator = logged_in_as(&app, Role::Coordinator, "coord@example.dk").await;
    let mut admin = logged_in_as(&app, Role::Admin, "admin@example.dk").await;
    let mut visitor = Client::default();

    // Coordinator overview: coordinators and admins only.
    for (client, expected) in [
        (&mut visitor, StatusCode::UNAUTHORIZED),
        (&mut mentee, StatusCode::FORBIDDEN),
        (&mut mentor, StatusCode::FORBIDDEN),
        (&mut partner, StatusCode::FORBIDDEN),
        (&mut coordinator, StatusCode::OK),
        (&mut admin, StatusCode::OK),
    ] {
        assert_eq!(client.call(&app, "role_counts", &[]).await.status, expected);
    }
    // Account management: admins only.
    for (client, expected) in [
        (&mut visitor, StatusCode::UNAUTHORIZED),
        (&mut mentee, StatusCode::FORBIDDEN),
        (&mut mentor, StatusCode::FORBIDDEN),
        (&mut partner, StatusCode::FORBIDDEN),
        (&mut coordinator, StatusCode::FORBIDDEN),
        (&mut admin, StatusCode::OK),
    ] {
        assert_eq!(
            client.call(&app, "list_accounts", &[]).await.status,
            expected
        );
        let created = client
            .call(
                &app,
                "create_account",
                &[
                    ("name", "New Coordinator"),
                    ("email", "new@example.dk"),
                    ("role", "coordinator"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(created.status, expected, "{}", created.text);
    }
    let counts = coordinator.call(&app, "role_counts", &[]).await;
    let coordinators = counts
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["role"] == "coordinator")
        .unwrap();
    assert_eq!(coordinators["count"], 2);
}

#[tokio::test]
async fn a_deactivated_account_is_logged_out_and_cannot_log_in() {
    let app = test_app().await;
    let mut admin = logged_in_as(&app, Role::Admin, "admin@example.dk").await;
    let mut mentor = signed_up(&app, "mentor", "lars@example.dk").await;
    let id = mentor.call(&app, "current_account", &[]).await.body["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let reply = admin
        .call(
            &app,
            "set_account_active",
            &[("id", &id), ("active", "false")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert!(
        mentor
            .call(&app, "current_account", &[])
            .await
            .body
            .is_null()
    );
    let again = mentor.login(&app, "lars@example.dk", PASSWORD).await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);

    let missing = admin
        .call(
            &app,
            "set_account_active",
            &[("id", "no-such-account"), ("active", "false")],
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let injected = admin
        .call(
            &app,
            "set_account_active",
            &[("id", "x; DELETE account"), ("active", "false")],
        )
        .await;
    assert_eq!(injected.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn changing_the_password_ends_other_sessions() {
    let app = test_app().await;
    let mut laptop = signed_up(&app, "mentee", "irina@example.dk").await;
    let mut phone = Client::default();
    phone.login(&app, "irina@example.dk", PASSWORD).await;

    let wrong = laptop
        .call(
            &app,
            "change_password",
            &[
                ("current_password", "not-it-at-all"),
                ("new_password", "a-new-password"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.body["Invalid"][0]["field"], "current_password");
    let short = laptop
        .call(
            &app,
            "change_password",
            &[("current_password", PASSWORD), ("new_password", "short")],
        )
        .await;
    assert_eq!(short.body["Invalid"][0]["field"], "new_password");

    // Sessions are compared at second precision; make sure the change lands in a later second.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let changed = laptop
        .call(
            &app,
            "change_password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a-new-password"),
            ],
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.text);
    assert_eq!(
        laptop.call(&app, "current_account", &[]).await.body["email"],
        "irina@example.dk"
    );
    assert!(
        phone
            .call(&app, "current_account", &[])
            .await
            .body
            .is_null()
    );
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let app = test_app().await;
    let mut client = Client::default();
    let request = axum::http::Request::post("/api/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .body(axum::body::Body::from("email=a%40b.dk&password=whatever1"))
        .unwrap();
    assert_eq!(
        client.send(&app, request).await.status,
        StatusCode::FORBIDDEN
    );
    let request = axum::http::Request::post("/api/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", "https://evil.example")
        .header("host", "127.0.0.1:3000")
        .body(axum::body::Body::from("email=a%40b.dk&password=whatever1"))
        .unwrap();
    assert_eq!(
        client.send(&app, request).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn responses_carry_security_headers_and_healthz_checks_the_database() {
    let app = test_app().await;
    let mut client = Client::default();
    let request = axum::http::Request::get("/healthz")
        .body(axum::body::Body::empty())
        .unwrap();
    let response = tower::ServiceExt::oneshot(app.router.clone(), request)
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers();
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(
        headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    assert!(headers.contains_key("referrer-policy"));
    let reply = client.call(&app, "current_account", &[]).await;
    assert_eq!(reply.status, StatusCode::OK);
}

/// The site's files go out in the compressed copy a release build writes
/// beside each (`cargo leptos build --release --precompress`), when the
/// browser accepts it, and as they are otherwise.
#[tokio::test]
async fn site_files_are_sent_compressed_to_browsers_that_accept_it() {
    let site = std::env::temp_dir().join(format!(
        "mentorbro-test-site-{}-{}",
        std::process::id(),
        common::fresh_namespace()
    ));
    let pkg = site.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let raw = b"\0asm the module as built".to_vec();
    let brotli = b"the module, brotli".to_vec();
    std::fs::write(pkg.join("mentorbro.wasm"), &raw).unwrap();
    std::fs::write(pkg.join("mentorbro.wasm.br"), &brotli).unwrap();
    let options = leptos::config::LeptosOptions::builder()
        .output_name("mentorbro")
        .site_root(site.to_string_lossy().into_owned())
        .build();
    let app = common::test_app_serving(
        &common::test_database(),
        common::tight_limits(),
        app::backend::SessionPolicy::default(),
        options,
    )
    .await;
    let fetch = |encodings: &'static str| {
        let request = axum::http::Request::get("/pkg/mentorbro.wasm")
            .header("accept-encoding", encodings)
            .body(axum::body::Body::empty())
            .unwrap();
        tower::ServiceExt::oneshot(app.router.clone(), request)
    };

    let response = fetch("gzip, deflate, br").await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert_eq!(headers["content-encoding"], "br");
    assert_eq!(headers["content-type"], "application/wasm");
    assert_eq!(headers["vary"], "accept-encoding");
    let body = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap();
    assert_eq!(body.to_bytes().as_ref(), brotli.as_slice());

    // No gzip copy here: a browser that takes only gzip gets the file itself.
    let response = fetch("gzip").await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(!response.headers().contains_key("content-encoding"));
    let body = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap();
    assert_eq!(body.to_bytes().as_ref(), raw.as_slice());
    std::fs::remove_dir_all(&site).unwrap();
}

#[tokio::test]
async fn a_session_ends_at_its_absolute_lifetime_however_active() {
    let policy = app::backend::SessionPolicy {
        idle: std::time::Duration::from_secs(3600),
        absolute: std::time::Duration::from_secs(1),
    };
    let app = common::test_app_with(common::tight_limits(), policy).await;
    let mut client = signed_up(&app, "mentee", "olena@example.dk").await;
    assert_eq!(
        client.call(&app, "current_account", &[]).await.body["email"],
        "olena@example.dk"
    );
    // Lifetimes are counted in whole seconds: wait until two have passed.
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    assert!(
        client
            .call(&app, "current_account", &[])
            .await
            .body
            .is_null()
    );
}

#[tokio::test]
async fn a_session_in_use_outlives_its_idle_time_and_ends_once_left_idle() {
    let policy = app::backend::SessionPolicy {
        idle: std::time::Duration::from_secs(4),
        absolute: std::time::Duration::from_secs(3600),
    };
    let app = common::test_app_with(common::tight_limits(), policy).await;
    let mut client = signed_up(&app, "mentee", "yusuf@example.dk").await;
    // A request every 1.5 s for 7.5 s, well past the 4 s of idle time.
    for _ in 0..5 {
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        assert_eq!(
            client.call(&app, "current_account", &[]).await.body["email"],
            "yusuf@example.dk",
            "a session in use stays"
        );
    }
    // A page's requests come together, and each may save the session again:
    // a save that loses the race is made again, never answered with an error.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let together = (0..20).map(|_| {
        let mut client = client.clone();
        let app = &app;
        async move { client.call(app, "current_account", &[]).await }
    });
    for reply in futures::future::join_all(together).await {
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        assert_eq!(reply.body["email"], "yusuf@example.dk");
    }
    tokio::time::sleep(std::time::Duration::from_secs(5)).await;
    assert!(
        client
            .call(&app, "current_account", &[])
            .await
            .body
            .is_null(),
        "a session left idle ends"
    );
}

#[tokio::test]
async fn logging_out_everywhere_ends_every_session_of_the_account_only() {
    let app = test_app().await;
    let mut laptop = signed_up(&app, "mentee", "amara@example.dk").await;
    let mut phone = Client::default();
    phone.login(&app, "amara@example.dk", PASSWORD).await;
    let mut someone_else = signed_up(&app, "mentor", "bo@example.dk").await;
    let phone_before = phone.clone();

    let anonymous = Client::default().call(&app, "logout_everywhere", &[]).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

    let ended = phone.call(&app, "logout_everywhere", &[]).await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.text);
    assert_eq!(ended.body, 2, "the laptop's session and the phone's own");
    for (device, mut client) in [("laptop", laptop.clone()), ("phone", phone_before)] {
        let me = client.call(&app, "current_account", &[]).await;
        assert!(
            me.body.is_null(),
            "the {device} is still logged in: {}",
            me.text
        );
    }
    let left: Vec<serde_json::Value> = app
        .db
        .query("SELECT * FROM session")
        .await
        .and_then(|mut r| r.take(0))
        .expect("sessions");
    assert_eq!(left.len(), 1, "only the other person's session remains");
    assert_eq!(
        someone_else.call(&app, "current_account", &[]).await.body["email"],
        "bo@example.dk"
    );

    let again = laptop.login(&app, "amara@example.dk", PASSWORD).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text);
    assert_eq!(
        laptop.call(&app, "current_account", &[]).await.body["email"],
        "amara@example.dk"
    );
}

#[tokio::test]
async fn connect_and_trace_are_refused_without_a_body() {
    let app = test_app().await;
    for method in ["CONNECT", "TRACE"] {
        let request = axum::http::Request::builder()
            .method(method)
            .uri("/")
            .body(axum::body::Body::empty())
            .unwrap();
        let reply = Client::default().send(&app, request).await;
        assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED, "{method}");
        assert!(reply.text.is_empty(), "{method}: {}", reply.text);
    }
}
