//! `mentorbro-load`: N virtual users for D seconds against a Mentorbro server
//! on loopback that holds the demo data (`mentorbro demo-data`). Each user
//! logs in once, from a loopback address of its own, and then works with its
//! session cookie without pause; the table gives requests, throughput and
//! latency percentiles per kind of request, errors, and the server's memory,
//! and `--json FILE` writes the same as JSON. `--mix hello` measures the
//! ceiling instead: no login, every user GETs `/` without pause, against
//! `mentorbro-hello` (an axum hello world, `src/bin/mentorbro-hello.rs`).
//! `scripts/load.sh` starts a server and runs this against it.

mod report;
mod session;
mod users;

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use clap::Parser;
use tokio::sync::Barrier;

use report::{Kind, Resident, Run, Stats, resident};
use session::Session;
use users::{Mix, User};

/// At most this many users and seconds: a load test, not a flood.
const MAX_USERS: u64 = 300;
const MAX_SECONDS: u64 = 600;

#[derive(Parser)]
#[command(
    version,
    about = "Loads a Mentorbro server on loopback with virtual users."
)]
struct Args {
    /// The server, on a loopback address.
    #[arg(long, default_value = "http://127.0.0.1:3000")]
    url: String,
    /// Virtual users at once.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=MAX_USERS))]
    users: u64,
    /// How long they work after logging in.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=MAX_SECONDS))]
    seconds: u64,
    /// What they do.
    #[arg(long, value_enum, default_value_t = Mix::Realistic)]
    mix: Mix,
    /// A request that takes longer fails.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=300))]
    timeout: u64,
    /// The server's process id, to report its resident memory.
    #[arg(long)]
    pid: Option<u32>,
    /// The cohort whose board is used.
    #[arg(long, default_value = "demo-spring-2027")]
    cohort: String,
    /// The demo accounts' email domain and password.
    #[arg(long, default_value = "demo.mentorbro.dk")]
    domain: String,
    #[arg(long, default_value = "mentorbro-demo")]
    password: String,
    /// Also write the figures as JSON to this file.
    #[arg(long)]
    json: Option<PathBuf>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    match run(args).await {
        Ok(0) => ExitCode::SUCCESS,
        Ok(errors) => {
            eprintln!("mentorbro-load: {errors} requests failed");
            ExitCode::FAILURE
        }
        Err(message) => {
            eprintln!("mentorbro-load: {message}");
            ExitCode::from(2)
        }
    }
}

/// The server's address, refused unless it is IPv4 loopback.
fn loopback(url: &str) -> Result<String, String> {
    let parsed = reqwest::Url::parse(url).map_err(|error| format!("{url}: {error}"))?;
    let host = match parsed.host_str() {
        Some("localhost") => Ipv4Addr::LOCALHOST,
        Some(host) => host
            .parse()
            .map_err(|_| format!("{url}: not a loopback address"))?,
        None => return Err(format!("{url}: no host")),
    };
    if parsed.scheme() != "http" || !host.is_loopback() {
        return Err(format!(
            "{url}: only http:// on a 127.x.x.x loopback address"
        ));
    }
    let port = parsed.port().unwrap_or(80);
    Ok(format!("http://{host}:{port}"))
}

/// User `n`'s own source address in 127.1.0.0/16, so that each looks like a
/// machine of its own to the login limiter.
fn address(n: usize) -> IpAddr {
    let (high, low) = (n / 250, n % 250 + 1);
    IpAddr::V4(Ipv4Addr::new(127, 1, high as u8, low as u8))
}

async fn run(args: Args) -> Result<u64, String> {
    let base = loopback(&args.url)?;
    let idle = args.pid.and_then(resident);
    let today = time::OffsetDateTime::now_utc().date().to_string();

    let timeout = Duration::from_secs(args.timeout);
    let users = if args.mix == Mix::Hello {
        println!(
            "{} visitors GET / for {} s, mix hello, against {base}",
            args.users, args.seconds
        );
        vec![User::Visitor; args.users as usize]
    } else {
        let mut setup = Session::new(&base, address(0), timeout)?;
        setup
            .login(&format!("coordinator@{}", args.domain), &args.password)
            .await?;
        let users =
            users::prepare(&mut setup, &args.cohort, &args.domain, args.users as usize).await?;
        let staff = users
            .iter()
            .filter(|user| matches!(user, User::Staff { .. }))
            .count();
        println!(
            "{} users ({staff} at the board, the rest mentors and mentees) for {} s, mix {:?}, against {base}",
            users.len(),
            args.seconds,
            args.mix
        );
        users
    };
    let user_count = users.len();

    // Everyone logs in, then all start together.
    let start_line = Arc::new(Barrier::new(users.len() + 1));
    let duration = Duration::from_secs(args.seconds);
    let mut tasks = Vec::new();
    for (n, user) in users.into_iter().enumerate() {
        let (base, start_line) = (base.clone(), start_line.clone());
        let (cohort, password, today, mix) = (
            args.cohort.clone(),
            args.password.clone(),
            today.clone(),
            args.mix,
        );
        tasks.push(tokio::spawn(async move {
            let mut session = match Session::new(&base, address(n + 1), timeout) {
                Ok(session) => session,
                Err(error) => {
                    start_line.wait().await;
                    let mut stats = Stats::default();
                    stats.error(Kind::Login, error);
                    return stats;
                }
            };
            let logged_in = match user.email() {
                Some(email) => session.login(email, &password).await.map(drop),
                None => Ok(()),
            };
            start_line.wait().await;
            if logged_in.is_ok() {
                let until = Instant::now() + duration;
                while Instant::now() < until {
                    let done = users::work(&mut session, &user, &cohort, mix, &today).await;
                    if done.is_err() {
                        // Counted already; the user goes on after a moment, as a person would.
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                }
            }
            session.stats
        }));
    }
    start_line.wait().await;
    let began = Instant::now();
    let peaks = Arc::new([AtomicU64::new(0), AtomicU64::new(0)]);
    let sampling = Arc::new(AtomicBool::new(true));
    let sampler = args.pid.map(|pid| {
        let (peaks, sampling) = (peaks.clone(), sampling.clone());
        tokio::spawn(async move {
            while sampling.load(Ordering::Relaxed) {
                if let Some(now) = resident(pid) {
                    peaks[0].fetch_max(now.total_kib, Ordering::Relaxed);
                    peaks[1].fetch_max(now.private_kib, Ordering::Relaxed);
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        })
    });
    let mut stats = Stats::default();
    for task in tasks {
        stats.merge(
            task.await
                .map_err(|error| format!("a user failed: {error}"))?,
        );
    }
    let seconds = began.elapsed().as_secs_f64();
    sampling.store(false, Ordering::Relaxed);
    if let Some(sampler) = sampler {
        let _ = sampler.await;
    }

    println!("\n{}\n", stats.table(seconds));
    if args.mix == Mix::Hello {
        println!("measured over {seconds:.1} s");
    } else {
        println!("measured over {seconds:.1} s after the logins");
    }
    let peak = Some(Resident {
        total_kib: peaks[0].load(Ordering::Relaxed),
        private_kib: peaks[1].load(Ordering::Relaxed),
    })
    .filter(|peak| peak.total_kib > 0);
    if let (Some(pid), Some(idle), Some(peak)) = (args.pid, idle, peak) {
        let mib = |kib: u64| kib as f64 / 1024.0;
        println!(
            "server (pid {pid}) resident memory: {:.0} MiB idle before, {:.0} MiB at the peak during the run \
             (its own data {:.0} and {:.0} MiB, the rest mapped from files, its program's code among them)",
            mib(idle.total_kib),
            mib(peak.total_kib),
            mib(idle.private_kib),
            mib(peak.private_kib),
        );
    }
    if let Some(path) = &args.json {
        let run = Run {
            mix: format!("{:?}", args.mix).to_lowercase(),
            users: user_count,
            seconds,
            idle,
            peak,
        };
        let text = serde_json::to_string_pretty(&stats.summary(&run))
            .map_err(|error| format!("JSON summary: {error}"))?;
        std::fs::write(path, text + "\n")
            .map_err(|error| format!("{}: {error}", path.display()))?;
    }
    Ok(stats.errors())
}
