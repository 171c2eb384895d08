//! `mentorbro-match FILE [--repeat N] [--quiet]` solves the assignment instance in FILE
//! (format: `mentorbro_matching::instance_file`).
//!
//! `mentorbro-match pilot OUT [--seed S] [--repeat N] [--quiet]` generates a pilot cohort
//! of 40 spouses and 30 mentors from profiles, scores all 1,200 pairs and solves, timing
//! both together, and writes the scored instance to OUT so other solvers can be run on it.
//!
//! Output, one item per line:
//!
//! ```text
//! objective <total score>
//! matched <number of matched mentees>
//! parse_ms <time to read the file, or to generate the profiles>
//! solve_ms <fastest of N runs, in milliseconds; for `pilot`, scoring included>
//! pair <mentee> <mentor> <score> [locked]       (not with --quiet)
//! unmatched <mentee> <reason code>              (not with --quiet)
//! ```

mod pilot;

use std::process::ExitCode;
use std::time::Instant;

use mentorbro_matching::{Assignment, Instance, Weights, instance, instance_file, solve};

const USAGE: &str = "usage: mentorbro-match FILE [--repeat N] [--quiet]\n       \
                     mentorbro-match pilot OUT [--seed S] [--repeat N] [--quiet]";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mentorbro-match: {e}");
            ExitCode::FAILURE
        }
    }
}

struct Options {
    pilot: bool,
    path: String,
    repeat: usize,
    seed: u64,
    quiet: bool,
}

fn options(args: Vec<String>) -> Result<Options, String> {
    let mut o = Options {
        pilot: false,
        path: String::new(),
        repeat: 1,
        seed: 1,
        quiet: false,
    };
    let mut it = args.into_iter().peekable();
    if it.peek().map(String::as_str) == Some("pilot") {
        o.pilot = true;
        it.next();
    }
    while let Some(a) = it.next() {
        match a.as_str() {
            "--quiet" => o.quiet = true,
            "--repeat" => {
                o.repeat = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or(USAGE)?
            }
            "--seed" => o.seed = it.next().and_then(|n| n.parse().ok()).ok_or(USAGE)?,
            _ if o.path.is_empty() && !a.starts_with('-') => o.path = a,
            _ => return Err(USAGE.to_string()),
        }
    }
    if o.path.is_empty() {
        return Err(USAGE.to_string());
    }
    Ok(o)
}

fn run(args: Vec<String>) -> Result<(), String> {
    let o = options(args)?;
    let path = &o.path;
    let start = Instant::now();
    let (inst, solve_ms, a, parse_ms) = if o.pilot {
        let (mentees, mentors) = pilot::cohort(o.seed, 40, 30);
        let parse_ms = start.elapsed().as_secs_f64() * 1e3;
        let weights = Weights::default();
        let mut best = (f64::INFINITY, None);
        for _ in 0..o.repeat {
            let start = Instant::now();
            let inst = instance(&mentees, &mentors, &weights);
            let a = solve(&inst).map_err(|e| e.to_string())?;
            let ms = start.elapsed().as_secs_f64() * 1e3;
            if ms < best.0 {
                best = (ms, Some((inst, a)));
            }
        }
        let (inst, a) = best.1.ok_or(USAGE)?;
        std::fs::write(path, instance_file::write(&inst)).map_err(|e| format!("{path}: {e}"))?;
        (inst, best.0, a, parse_ms)
    } else {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        let inst = instance_file::parse(&text).map_err(|e| format!("{path}: {e}"))?;
        let parse_ms = start.elapsed().as_secs_f64() * 1e3;
        let (ms, a) = timed_solve(&inst, o.repeat).map_err(|e| format!("{path}: {e}"))?;
        (inst, ms, a, parse_ms)
    };
    drop(inst);
    print!("{}", report(&a, parse_ms, solve_ms, o.quiet));
    Ok(())
}

/// Solves `repeat` times; returns the fastest time in milliseconds and the assignment.
fn timed_solve(inst: &Instance, repeat: usize) -> Result<(f64, Assignment), String> {
    let mut best = f64::INFINITY;
    let mut result = None;
    for _ in 0..repeat {
        let start = Instant::now();
        let a = solve(inst).map_err(|e| e.to_string())?;
        best = best.min(start.elapsed().as_secs_f64() * 1e3);
        result = Some(a);
    }
    Ok((best, result.ok_or(USAGE)?))
}

fn report(a: &Assignment, parse_ms: f64, solve_ms: f64, quiet: bool) -> String {
    let mut out = format!(
        "objective {}\nmatched {}\nparse_ms {parse_ms:.3}\nsolve_ms {solve_ms:.3}\n",
        a.total_score,
        a.pairs.len()
    );
    if !quiet {
        for p in &a.pairs {
            let locked = if p.locked { " locked" } else { "" };
            out += &format!("pair {} {} {}{locked}\n", p.mentee, p.mentor, p.score);
        }
        for u in &a.unmatched {
            out += &format!("unmatched {} {}\n", u.mentee, u.reason.code());
        }
    }
    out
}
