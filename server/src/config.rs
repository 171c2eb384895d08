//! Configuration from the command line and environment, checked before anything starts.

use std::net::SocketAddr;

use app::backend::db::DbConfig;
use clap::{Args, Parser, Subcommand};

/// Mentorbro: mentor programmes for the spouses of international employees.
#[derive(Debug, Parser)]
#[command(version)]
pub struct Cli {
    #[command(flatten)]
    pub database: DatabaseArgs,
    #[command(flatten)]
    pub serve: ServeArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app (the default).
    Serve,
    /// Create an administrator account. The password is read from
    /// MENTORBRO_ADMIN_PASSWORD or, if unset, from the first line of standard input.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Administrator")]
        name: String,
    },
    /// Fill an empty database with a fictional pilot programme to explore the app.
    DemoData {
        /// How many mentees (the pilot has 40).
        #[arg(long, default_value_t = 40, value_parser = clap::value_parser!(u16).range(1..=5000))]
        mentees: u16,
        /// How many mentors (the pilot has 30).
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u16).range(1..=5000))]
        mentors: u16,
    },
    /// Write the whole embedded database to FILE (SurrealDB's export with a
    /// checksum line). Stop the server first: one process at a time opens it.
    Backup {
        #[arg(long, value_name = "FILE")]
        to: std::path::PathBuf,
    },
    /// Load a backup into the embedded database. Refuses a database that holds
    /// data unless --replace is given.
    Restore {
        #[arg(long, value_name = "FILE")]
        from: std::path::PathBuf,
        /// Delete what the database holds and load the backup in its place.
        #[arg(long)]
        replace: bool,
    },
}

#[derive(Debug, Args)]
pub struct DatabaseArgs {
    /// rocksdb://PATH (embedded, the default), mem:// (gone on exit), or ws://HOST:PORT for a SurrealDB server.
    #[arg(
        long,
        env = "DATABASE",
        default_value = "rocksdb://data/db",
        global = true
    )]
    pub database: String,
    /// User for a SurrealDB server (root user).
    #[arg(long, env = "DATABASE_USER", global = true)]
    pub database_user: Option<String>,
    #[arg(long, env = "DATABASE_PASSWORD", hide_env_values = true, global = true)]
    pub database_password: Option<String>,
    #[arg(
        long,
        env = "DATABASE_NAMESPACE",
        default_value = "mentorbro",
        global = true
    )]
    pub database_namespace: String,
    #[arg(long, env = "DATABASE_NAME", default_value = "main", global = true)]
    pub database_name: String,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; defaults to LEPTOS_SITE_ADDR, then 127.0.0.1:3000.
    #[arg(long, env = "MENTORBRO_ADDR")]
    pub addr: Option<SocketAddr>,
    /// The address people use to reach the app. An https:// URL makes session cookies Secure.
    #[arg(long, env = "MENTORBRO_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Minutes of inactivity after which a session ends.
    #[arg(long, env = "MENTORBRO_SESSION_IDLE_MINUTES", default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..=10_080))]
    pub session_idle_minutes: u64,
    /// Hours after login after which a session ends, however active.
    #[arg(long, env = "MENTORBRO_SESSION_MAX_HOURS", default_value_t = 168, value_parser = clap::value_parser!(u64).range(1..=2_160))]
    pub session_max_hours: u64,
    /// Where uploaded CVs are stored; never served as static files.
    #[arg(long, env = "MENTORBRO_UPLOADS", default_value = "data/uploads")]
    pub uploads: std::path::PathBuf,
    /// Days after a person's course ends (completed, withdrawn or declined)
    /// before their personal data is anonymised.
    #[arg(long, env = "MENTORBRO_RETENTION_DAYS", default_value_t = 365, value_parser = clap::value_parser!(u64).range(1..=3_650))]
    pub retention_days: u64,
    /// How often the server looks for reminders that fell due, in seconds.
    #[arg(long, env = "MENTORBRO_REMINDER_SECONDS", default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub reminder_seconds: u64,
    /// How often the server sends what waits in the outbox, in seconds.
    #[arg(long, env = "MENTORBRO_MAIL_SECONDS", default_value_t = 15, value_parser = clap::value_parser!(u64).range(1..=3_600))]
    pub mail_seconds: u64,
    /// How often the dashboard's per-cohort figures are brought up to date
    /// with what was written since, in seconds.
    #[arg(long, env = "MENTORBRO_TALLY_SECONDS", default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub tally_seconds: u64,
    /// How email leaves: smtp://user:password@host:587 (STARTTLS is required
    /// unless ?tls=none), smtps://host, or file:///path to write .eml files.
    /// Unset, email waits in the outbox.
    #[arg(long, env = "MENTORBRO_MAIL", hide_env_values = true)]
    pub mail: Option<String>,
    /// The sender of Mentorbro's email.
    #[arg(
        long,
        env = "MENTORBRO_MAIL_FROM",
        default_value = "Mentorbro <mentorbro@localhost>"
    )]
    pub mail_from: String,
}

impl DatabaseArgs {
    pub fn db_config(&self) -> Result<DbConfig, String> {
        if self.database_user.is_some() != self.database_password.is_some() {
            return Err("set both DATABASE_USER and DATABASE_PASSWORD, or neither".into());
        }
        Ok(DbConfig {
            endpoint: self.database.clone(),
            username: self.database_user.clone(),
            password: self.database_password.clone(),
            namespace: self.database_namespace.clone(),
            database: self.database_name.clone(),
        })
    }
}

impl ServeArgs {
    /// The address in links that leave the app (email), without a trailing slash.
    pub fn public_base(&self, listening: SocketAddr) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => format!("http://{listening}"),
        }
    }

    /// Whether cookies must only travel over https.
    pub fn secure_cookies(&self) -> Result<bool, String> {
        match self.public_url.as_deref() {
            None => Ok(false),
            Some(url) if url.starts_with("https://") => Ok(true),
            Some(url) if url.starts_with("http://") => Ok(false),
            Some(url) => Err(format!(
                "MENTORBRO_PUBLIC_URL {url:?} must start with http:// or https://"
            )),
        }
    }
}
