//! Latencies per kind of request (HDR histograms), errors, and the server's
//! resident memory read from `/proc`.

use std::collections::BTreeMap;
use std::time::Duration;

use hdrhistogram::Histogram;
use serde_json::{Value, json};

/// What a request does, one row of the table each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Login,
    HomePage,
    BoardPeople,
    BoardState,
    MoveCard,
    MyCourse,
    MyMatches,
    LogMeeting,
    DeleteMeeting,
    MyApplication,
    Hello,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Self::Login => "log in (before the run)",
            Self::HomePage => "home page GET /",
            Self::BoardPeople => "board_people",
            Self::BoardState => "board_state",
            Self::MoveCard => "move_mentee",
            Self::MyCourse => "my_course",
            Self::MyMatches => "my_matches",
            Self::LogMeeting => "log_meeting",
            Self::DeleteMeeting => "delete_meeting",
            Self::MyApplication => "my_application",
            Self::Hello => "GET /",
        }
    }
}

/// Latencies in microseconds, up to a minute, three significant digits.
fn histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 60_000_000, 3).expect("constant bounds are valid")
}

#[derive(Default)]
pub struct Row {
    latency: Option<Histogram<u64>>,
    errors: u64,
    first_error: Option<String>,
}

#[derive(Default)]
pub struct Stats {
    rows: BTreeMap<Kind, Row>,
}

impl Stats {
    pub fn record(&mut self, kind: Kind, took: Duration, error: Option<&String>) {
        let row = self.rows.entry(kind).or_default();
        let micros = u64::try_from(took.as_micros()).unwrap_or(u64::MAX).max(1);
        row.latency
            .get_or_insert_with(histogram)
            .saturating_record(micros);
        if let Some(error) = error {
            row.errors += 1;
            row.first_error.get_or_insert_with(|| error.clone());
        }
    }

    /// An error that happened outside a timed request (e.g. a reply without
    /// what the next step needs).
    pub fn error(&mut self, kind: Kind, error: String) {
        let row = self.rows.entry(kind).or_default();
        row.errors += 1;
        row.first_error.get_or_insert(error);
    }

    pub fn merge(&mut self, other: Stats) {
        for (kind, theirs) in other.rows {
            let row = self.rows.entry(kind).or_default();
            if let Some(latency) = theirs.latency {
                let _ = row.latency.get_or_insert_with(histogram).add(&latency);
            }
            row.errors += theirs.errors;
            if row.first_error.is_none() {
                row.first_error = theirs.first_error;
            }
        }
    }

    pub fn errors(&self) -> u64 {
        self.rows.values().map(|row| row.errors).sum()
    }

    /// Every request of the timed run (everything but the logins before it)
    /// in one histogram, and their errors.
    fn run_total(&self) -> (Histogram<u64>, u64) {
        let mut all = histogram();
        let mut errors = 0;
        for (_, row) in self.rows.iter().filter(|(kind, _)| **kind != Kind::Login) {
            if let Some(latency) = &row.latency {
                let _ = all.add(latency);
            }
            errors += row.errors;
        }
        (all, errors)
    }

    /// The table: one row per kind, then the totals.
    pub fn table(&self, seconds: f64) -> String {
        let mut out = String::from(
            "| request | count | per second | p50 ms | p95 ms | p99 ms | max ms | errors |\n\
             | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
        );
        let ms = |value: Option<f64>| value.map_or("–".to_owned(), |ms| format!("{ms:.1}"));
        let line = |label: &str, rate: String, figures: &Figures| {
            format!(
                "| {label} | {} | {rate} | {} | {} | {} | {} | {} |\n",
                figures.requests,
                ms(figures.p50_ms),
                ms(figures.p95_ms),
                ms(figures.p99_ms),
                ms(figures.max_ms),
                figures.errors
            )
        };
        for (kind, row) in &self.rows {
            let Some(latency) = &row.latency else {
                continue;
            };
            let rate = if *kind == Kind::Login {
                "–".to_owned()
            } else {
                format!("{:.1}", latency.len() as f64 / seconds)
            };
            out += &line(kind.label(), rate, &Figures::of(latency, row.errors));
        }
        let (all, errors) = self.run_total();
        let all = Figures::of(&all, errors);
        let rate = format!("{:.1}", all.requests as f64 / seconds);
        out += &line("**all but log in**", rate, &all);
        for (kind, row) in &self.rows {
            if let Some(error) = &row.first_error {
                out += &format!("\nfirst error of {}: {error}", kind.label());
            }
        }
        out
    }

    /// The run as JSON, for tables made from several runs: one entry per kind
    /// (the logins before the run included, as in the table), `all` over the
    /// timed run, and the server's memory where its pid was given.
    pub fn summary(&self, run: &Run) -> Value {
        let kinds: Vec<Value> = self
            .rows
            .iter()
            .map(|(kind, row)| {
                let figures = match &row.latency {
                    Some(latency) => Figures::of(latency, row.errors),
                    None => Figures::of(&histogram(), row.errors),
                };
                figures.json(Some(kind.label()))
            })
            .collect();
        let (all, errors) = self.run_total();
        let all = Figures::of(&all, errors);
        let mib = |kib: Option<u64>| kib.map(|kib| kib as f64 / 1024.0);
        json!({
            "mix": run.mix,
            "users": run.users,
            "seconds": run.seconds,
            "requests": all.requests,
            "errors": self.errors(),
            "throughput_per_s": all.requests as f64 / run.seconds,
            "kinds": kinds,
            "all": all.json(None),
            "rss_idle_mib": mib(run.idle.map(|idle| idle.total_kib)),
            "rss_peak_mib": mib(run.peak.map(|peak| peak.total_kib)),
            "private_idle_mib": mib(run.idle.map(|idle| idle.private_kib)),
            "private_peak_mib": mib(run.peak.map(|peak| peak.private_kib)),
        })
    }
}

/// What a summary says about the run besides the requests.
pub struct Run {
    pub mix: String,
    pub users: usize,
    /// Measured, from the start line to the last user's end.
    pub seconds: f64,
    /// The server's memory before the run.
    pub idle: Option<Resident>,
    /// The highest of each figure during the run.
    pub peak: Option<Resident>,
}

/// One row's figures; latencies in milliseconds, `None` without a request.
struct Figures {
    requests: u64,
    errors: u64,
    p50_ms: Option<f64>,
    p95_ms: Option<f64>,
    p99_ms: Option<f64>,
    max_ms: Option<f64>,
}

impl Figures {
    fn of(latency: &Histogram<u64>, errors: u64) -> Self {
        let some = |micros: u64| (!latency.is_empty()).then(|| micros as f64 / 1000.0);
        Self {
            requests: latency.len(),
            errors,
            p50_ms: some(latency.value_at_quantile(0.50)),
            p95_ms: some(latency.value_at_quantile(0.95)),
            p99_ms: some(latency.value_at_quantile(0.99)),
            max_ms: some(latency.max()),
        }
    }

    fn json(&self, kind: Option<&str>) -> Value {
        let mut value = json!({
            "requests": self.requests,
            "errors": self.errors,
            "p50_ms": self.p50_ms,
            "p95_ms": self.p95_ms,
            "p99_ms": self.p99_ms,
            "max_ms": self.max_ms,
        });
        if let Some(kind) = kind {
            value["kind"] = kind.into();
        }
        value
    }
}

/// What of a process is in memory, in KiB.
#[derive(Debug, Clone, Copy)]
pub struct Resident {
    /// All of it (`VmRSS`).
    pub total_kib: u64,
    /// Its own data (`RssAnon`): the total less the pages mapped from files,
    /// its program's code among them, which the kernel can drop and read again.
    pub private_kib: u64,
}

/// What of process `pid` is in memory, from `/proc/PID/status`.
pub fn resident(pid: u32) -> Option<Resident> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find_map(|line| line.strip_prefix(name))?;
        line.split_whitespace().next()?.parse().ok()
    };
    Some(Resident {
        total_kib: field("VmRSS:")?,
        private_kib: field("RssAnon:")?,
    })
}
