use std::io::BufRead;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use app::backend::mail::MailConfig;
use app::backend::privacy::{self, Uploads};
use app::backend::rate_limit::LoginLimiter;
use app::backend::{AppState, SessionPolicy, db};
use clap::Parser;
use leptos::prelude::get_configuration;
use server::backup;
use server::config::{Cli, Command, ServeArgs};
use server::{HttpConfig, router};
use tracing_subscriber::EnvFilter;

#[cfg(unix)]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Rendering a page runs deeply nested futures; debug builds need more than
/// the default 2 MiB of stack per worker for them.
const WORKER_STACK_BYTES: usize = 16 * 1024 * 1024;

fn main() -> ExitCode {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(WORKER_STACK_BYTES)
        .build();
    match runtime {
        Ok(runtime) => runtime.block_on(start()),
        Err(error) => {
            eprintln!("mentorbro: cannot start the async runtime: {error}");
            ExitCode::from(2)
        }
    }
}

async fn start() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("MENTORBRO_LOG").unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("mentorbro: {message}");
            ExitCode::from(2)
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let db_config = cli.database.db_config()?;
    let command = cli.command.unwrap_or(Command::Serve);
    // Check the cheap settings before opening the database.
    cli.serve.secure_cookies()?;
    match command {
        Command::Serve => serve(connect(&db_config).await?, cli.serve).await,
        Command::CreateAdmin { email, name } => {
            let db = connect(&db_config).await?;
            let password = match std::env::var("MENTORBRO_ADMIN_PASSWORD") {
                Ok(password) => password,
                Err(_) => read_password()?,
            };
            let account = app::backend::auth::create_admin(&db, &name, &email, &password)
                .await
                .map_err(|error| error.to_string())?;
            println!("created administrator {} <{}>", account.name, account.email);
            Ok(())
        }
        Command::DemoData { mentees, mentors } => {
            let db = connect(&db_config).await?;
            let summary =
                app::backend::demo::fill_sized(&db, usize::from(mentees), usize::from(mentors))
                    .await
                    .map_err(|error| error.to_string())?;
            println!("{summary}");
            Ok(())
        }
        Command::Backup { to } => {
            backup::check_embedded(&db_config)?;
            let summary = backup::backup(&db_config, &to).await?;
            println!(
                "backed up {} tables, {} records to {}",
                summary.tables,
                summary.records,
                to.display()
            );
            Ok(())
        }
        Command::Restore { from, replace } => {
            backup::check_embedded(&db_config)?;
            let summary = backup::restore(&db_config, &from, replace).await?;
            println!(
                "restored {} tables, {} records from {}",
                summary.tables,
                summary.records,
                from.display()
            );
            Ok(())
        }
    }
}

/// Opens the database and brings its schema up to date.
async fn connect(config: &db::DbConfig) -> Result<db::Db, String> {
    db::connect(config).await.map_err(|error| error.to_string())
}

fn read_password() -> Result<String, String> {
    eprintln!("password for the new administrator (one line):");
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|error| format!("could not read the password: {error}"))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

async fn serve(db: db::Db, args: ServeArgs) -> Result<(), String> {
    let conf = get_configuration(None).map_err(|error| format!("Leptos configuration: {error}"))?;
    let mut leptos_options = conf.leptos_options;
    if let Some(addr) = args.addr {
        leptos_options.site_addr = addr;
    }
    let addr = leptos_options.site_addr;
    let mail = MailConfig::new(args.mail.as_deref(), &args.mail_from)
        .map_err(|error| error.to_string())?;
    let state = AppState {
        db: db.clone(),
        login_limiter: Arc::new(LoginLimiter::with_defaults()),
        sessions: SessionPolicy {
            idle: Duration::from_secs(args.session_idle_minutes * 60),
            absolute: Duration::from_secs(args.session_max_hours * 3600),
        },
        uploads: Uploads {
            dir: args.uploads.clone(),
        },
        mail: mail.clone(),
        public_url: args.public_base(addr),
    };
    tokio::spawn(app::backend::mail::delivery_job(
        db.clone(),
        mail,
        Duration::from_secs(args.mail_seconds),
    ));
    tokio::spawn(app::backend::reminders::job(
        db.clone(),
        state.public_url.clone(),
        Duration::from_secs(args.reminder_seconds),
    ));
    tokio::spawn(app::backend::reporting::tally_job(
        db.clone(),
        Duration::from_secs(args.tally_seconds),
    ));
    tokio::spawn(privacy::retention_job(
        db.clone(),
        state.uploads.clone(),
        Duration::from_secs(args.retention_days * 24 * 3600),
        Duration::from_secs(6 * 3600),
    ));
    let limiter = state.login_limiter.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(600));
        loop {
            tick.tick().await;
            limiter.forget_recovered();
        }
    });
    let http = HttpConfig {
        secure_cookies: args.secure_cookies()?,
    };
    let app = router(state, leptos_options, &http);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|error| format!("cannot listen on {addr}: {error}"))?;
    tracing::info!("listening on http://{addr}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(|error| format!("server error: {error}"))?;
    tracing::info!("stopped taking requests; closing the database");
    // Dropping the last handle flushes and closes the embedded store.
    drop(db);
    Ok(())
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
