//! Several Mentorbro servers, each its own process, over one SurrealDB server:
//! what one writes the others see, and work the servers share (reminders, the
//! outbox) is done once, also when a server is killed mid-run and restarted.

use std::time::{Duration, Instant, SystemTime};

use app::backend::SessionPolicy;
use app::backend::db::DbConfig;

use crate::common::{SmtpServer, TestApp, test_app_over, tight_limits};
use crate::course::three_reminders_due;
use crate::servers::{Mentorbro, SurrealServer};

/// The number `query` (a `RETURN count(…)`) counts.
async fn count(app: &TestApp, query: &'static str) -> u64 {
    let mut response = app.db.query(query).await.expect("count");
    let count: Option<u64> = response.take(0).expect("a count");
    count.unwrap_or(0)
}

/// Waits until `done` holds, at most `limit`.
async fn eventually<F: AsyncFn() -> bool>(limit: Duration, done: F) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if done().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    done().await
}

/// A moment in the first 1.5 s of a server's life, different in every run.
fn random_moment() -> Duration {
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|since| since.subsec_nanos())
        .unwrap_or(0);
    Duration::from_millis(u64::from(nanos % 1_500))
}

const REMINDERS: &str = "RETURN count(SELECT VALUE id FROM reminder)";
const EMAILS: &str = "RETURN count(SELECT VALUE id FROM outbox)";
const UNSENT: &str = "RETURN count(SELECT VALUE id FROM outbox WHERE sent_at IS NONE)";

/// A server that looks for reminders and sends email every second.
fn every_second(config: &DbConfig, mail: &[(&str, &str)]) -> Mentorbro {
    let mut env = vec![
        ("MENTORBRO_REMINDER_SECONDS", "1"),
        ("MENTORBRO_MAIL_SECONDS", "1"),
    ];
    env.extend_from_slice(mail);
    Mentorbro::start(config, &env)
}

#[tokio::test(flavor = "multi_thread")]
async fn two_servers_send_each_reminder_once_across_a_kill_and_restart() {
    let surreal = SurrealServer::start();
    let config = surreal.config();
    let app = test_app_over(&config, tight_limits(), SessionPolicy::default()).await;
    let (_board, clock) = three_reminders_due(&app).await;

    // Two servers look for reminders every second, with email left in the
    // outbox. One is killed at a random moment of its first runs and started again.
    let first = every_second(&config, &[]);
    let second = every_second(&config, &[]);
    tokio::time::sleep(random_moment()).await;
    first.kill();
    let restarted = every_second(&config, &[]);
    assert!(
        eventually(Duration::from_secs(20), async || count(&app, REMINDERS)
            .await
            >= 3)
        .await,
        "the reminders were written"
    );
    // Three more rounds of both servers.
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(count(&app, REMINDERS).await, 3);
    assert_eq!(count(&app, EMAILS).await, 3, "one email per reminder");
    drop((second, restarted));

    // Two servers deliver the outbox to a real SMTP server, each every second.
    let smtp = SmtpServer::start();
    let address = format!("smtp://127.0.0.1:{}", smtp.port);
    let mail = [("MENTORBRO_MAIL", address.as_str())];
    let servers = (every_second(&config, &mail), every_second(&config, &mail));
    assert!(
        eventually(Duration::from_secs(20), async || smtp.messages().len() >= 3).await,
        "the email was delivered"
    );
    tokio::time::sleep(Duration::from_secs(3)).await;
    drop(servers);
    let messages = smtp.messages();
    assert_eq!(messages.len(), 3, "{messages:#?}");
    for (person, expected) in [("mentee00@example.dk", 2), ("mentor00@example.dk", 1)] {
        let theirs = messages
            .iter()
            .filter(|message| message.contains(&format!("To: {person}")))
            .count();
        assert_eq!(theirs, expected, "{person}");
    }
    assert!(
        messages
            .iter()
            .any(|message| message.contains("CV clinic") && message.contains(&clock)),
        "the workshop reminder names it and its local time"
    );
    assert_eq!(count(&app, UNSENT).await, 0, "every email is marked sent");
}
