//! Latencies per kind of request (HDR histograms), errors, and the server's
//! resident memory read from `/proc`.

use std::collections::BTreeMap;
use std::time::Duration;

use hdrhistogram::Histogram;

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

    /// Requests of the timed run (everything but the logins before it).
    fn requests(&self) -> u64 {
        self.rows
            .iter()
            .filter(|(kind, _)| **kind != Kind::Login)
            .map(|(_, row)| row.latency.as_ref().map_or(0, Histogram::len))
            .sum()
    }

    /// The table: one row per kind, then the totals.
    pub fn table(&self, seconds: f64) -> String {
        let ms = |latency: &Histogram<u64>, quantile: f64| {
            latency.value_at_quantile(quantile) as f64 / 1000.0
        };
        let mut out = String::from(
            "| request | count | per second | p50 ms | p95 ms | p99 ms | max ms | errors |\n\
             | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
        );
        for (kind, row) in &self.rows {
            let Some(latency) = &row.latency else {
                continue;
            };
            let rate = if *kind == Kind::Login {
                "–".to_owned()
            } else {
                format!("{:.1}", latency.len() as f64 / seconds)
            };
            out += &format!(
                "| {} | {} | {rate} | {:.1} | {:.1} | {:.1} | {:.1} | {} |\n",
                kind.label(),
                latency.len(),
                ms(latency, 0.50),
                ms(latency, 0.95),
                ms(latency, 0.99),
                latency.max() as f64 / 1000.0,
                row.errors
            );
        }
        let requests = self.requests();
        let mut all = histogram();
        for (_, row) in self.rows.iter().filter(|(kind, _)| **kind != Kind::Login) {
            if let Some(latency) = &row.latency {
                let _ = all.add(latency);
            }
        }
        out += &format!(
            "| **all but log in** | {requests} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {} |\n",
            requests as f64 / seconds,
            ms(&all, 0.50),
            ms(&all, 0.95),
            ms(&all, 0.99),
            all.max() as f64 / 1000.0,
            self.rows
                .iter()
                .filter(|(kind, _)| **kind != Kind::Login)
                .map(|(_, row)| row.errors)
                .sum::<u64>()
        );
        for (kind, row) in &self.rows {
            if let Some(error) = &row.first_error {
                out += &format!("\nfirst error of {}: {error}", kind.label());
            }
        }
        out
    }
}

/// The resident memory of process `pid` in KiB (`VmRSS` in `/proc/PID/status`).
pub fn resident_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
