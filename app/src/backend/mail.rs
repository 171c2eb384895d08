//! Email: messages go into the `outbox` table in the same step as the
//! change they report, and a job delivers them, so a mail server that is down
//! loses nothing. Delivery is by SMTP (`MENTORBRO_MAIL=smtp://…` or
//! `smtps://…`), into `.eml` files in a directory (`file:///path`, for
//! development), or not at all (the default): then messages wait in the
//! outbox and coordinators share links themselves.

use std::time::Duration;

use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use surrealdb::types::{RecordId, SurrealValue};

use super::Db;
use crate::accounts::store::db_error;
use crate::error::AppError;

/// How mail leaves Mentorbro.
#[derive(Clone)]
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>),
    Off,
}

#[derive(Clone)]
pub struct MailConfig {
    pub mailer: Mailer,
    /// The sender, e.g. `Mentorbro <mentor@erhvervaarhus.dk>`.
    pub from: Mailbox,
}

#[derive(Debug, thiserror::Error)]
pub enum MailConfigError {
    #[error("MENTORBRO_MAIL {0:?} is not supported: use smtp://…, smtps://… or file:///path")]
    Scheme(String),
    #[error("MENTORBRO_MAIL is not a valid SMTP address: {0}")]
    Smtp(String),
    #[error("MENTORBRO_MAIL_FROM {0:?} is not an email address")]
    From(String),
}

impl MailConfig {
    /// Reads the mail settings; `url` of `None` turns delivery off.
    pub fn new(url: Option<&str>, from: &str) -> Result<Self, MailConfigError> {
        let from: Mailbox = from
            .parse()
            .map_err(|_| MailConfigError::From(from.to_owned()))?;
        let mailer = match url {
            None => Mailer::Off,
            Some(url) if url.starts_with("smtp://") || url.starts_with("smtps://") => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|error| MailConfigError::Smtp(error.to_string()))?
                    .timeout(Some(Duration::from_secs(20)))
                    .build();
                Mailer::Smtp(transport)
            }
            Some(url) if url.starts_with("file://") && url.len() > "file://".len() => {
                Mailer::Files(AsyncFileTransport::<Tokio1Executor>::new(
                    &url["file://".len()..],
                ))
            }
            Some(other) => return Err(MailConfigError::Scheme(other.to_owned())),
        };
        Ok(Self { mailer, from })
    }

    pub fn is_on(&self) -> bool {
        !matches!(self.mailer, Mailer::Off)
    }
}

/// The language a person reads email in, from their account's language code.
pub fn locale_of(language: &str) -> crate::i18n::Locale {
    match language {
        "da" => crate::i18n::Locale::da,
        _ => crate::i18n::Locale::en,
    }
}

/// Puts a message in the outbox. Fails only if the database does.
pub async fn queue(db: &Db, to: &str, subject: &str, body: &str) -> Result<(), AppError> {
    db.query(
        "CREATE outbox CONTENT { to: $to, subject: $subject, body: $body, created_at: time::now(), attempts: 0 }",
    )
    .bind(("to", to.to_owned()))
    .bind(("subject", subject.to_owned()))
    .bind(("body", body.to_owned()))
    .await
    .and_then(|response| response.check())
    .map_err(db_error)?;
    Ok(())
}

/// Sends what waits in the outbox; returns how many went out. A failed
/// message stays, with its error, and is tried again later (at most 10 times).
/// Each message is claimed for a while before it is sent, so servers sharing
/// a database never send it twice; its Message-ID is its outbox key, so a
/// receiving server can spot the one repeat a crash between sending and
/// marking it sent could cause.
pub async fn deliver(db: &Db, config: &MailConfig) -> Result<usize, AppError> {
    if !config.is_on() {
        return Ok(0);
    }
    #[derive(SurrealValue)]
    struct Pending {
        id: RecordId,
        to: String,
        subject: String,
        body: String,
    }
    let pending: Vec<Pending> = db
        .query(
            "SELECT id, to, subject, body FROM outbox
             WHERE sent_at = NONE AND attempts < 10
                AND (claimed_until = NONE OR claimed_until < time::now())
             ORDER BY created_at LIMIT 50",
        )
        .await
        .and_then(|mut response| response.take(0))
        .map_err(db_error)?;
    let mut sent = 0;
    for mail in pending {
        if !claim(db, &mail.id).await {
            continue;
        }
        let message_id = format!("<{}@mentorbro>", super::db::key_string(&mail.id));
        let result = match build(
            &config.from,
            &message_id,
            &mail.to,
            &mail.subject,
            &mail.body,
        ) {
            Ok(message) => send(&config.mailer, message).await,
            Err(error) => Err(error),
        };
        let query = match &result {
            Ok(()) => "UPDATE $id SET sent_at = time::now(), attempts += 1, error = NONE",
            Err(_) => "UPDATE $id SET attempts += 1, error = $error",
        };
        db.query(query)
            .bind(("id", mail.id))
            .bind(("error", result.as_ref().err().cloned()))
            .await
            .and_then(|response| response.check())
            .map_err(db_error)?;
        match result {
            Ok(()) => sent += 1,
            Err(error) => tracing::warn!(%error, "mail not delivered; will retry"),
        }
    }
    Ok(sent)
}

/// Takes a message for this server for two minutes; false when another
/// server took it first.
async fn claim(db: &Db, id: &RecordId) -> bool {
    let claimed: Result<Vec<RecordId>, _> = db
        .query(
            "UPDATE $id SET claimed_until = time::now() + 2m
             WHERE sent_at = NONE AND (claimed_until = NONE OR claimed_until < time::now())
             RETURN VALUE id",
        )
        .bind(("id", id.clone()))
        .await
        .and_then(|mut response| response.take(0));
    // An error here is a lost race with another server's claim.
    claimed.is_ok_and(|ids| !ids.is_empty())
}

fn build(
    from: &Mailbox,
    message_id: &str,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<Message, String> {
    let to: Mailbox = to
        .parse()
        .map_err(|error| format!("bad address: {error}"))?;
    Message::builder()
        .message_id(Some(message_id.to_owned()))
        .from(from.clone())
        .to(to)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body.to_owned())
        .map_err(|error| error.to_string())
}

async fn send(mailer: &Mailer, message: Message) -> Result<(), String> {
    match mailer {
        Mailer::Smtp(transport) => transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|error| error.to_string()),
        Mailer::Files(transport) => transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|error| error.to_string()),
        Mailer::Off => Ok(()),
    }
}

/// Delivers the outbox every `every`, for as long as the server runs.
pub async fn delivery_job(db: Db, config: MailConfig, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    loop {
        ticks.tick().await;
        if let Err(error) = deliver(&db, &config).await {
            tracing::error!(%error, "mail delivery failed");
        }
    }
}
