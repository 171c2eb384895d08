//! `mentorbro-match FILE [--repeat N] [--quiet]`: solves the assignment instance in FILE
//! (format: `mentorbro_matching::instance_file`) and prints, one per line:
//!
//! ```text
//! objective <total score>
//! matched <number of matched mentees>
//! parse_ms <time to read the file>
//! solve_ms <fastest of N solves, in milliseconds>
//! pair <mentee> <mentor> <score> [locked]       (not with --quiet)
//! unmatched <mentee> <reason code>              (not with --quiet)
//! ```

use std::process::ExitCode;
use std::time::Instant;

use mentorbro_matching::{instance_file, solve};

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mentorbro-match: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let usage = "usage: mentorbro-match FILE [--repeat N] [--quiet]";
    let (mut path, mut repeat, mut quiet) = (None, 1usize, false);
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--quiet" => quiet = true,
            "--repeat" => {
                repeat = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or(usage)?;
            }
            "-h" | "--help" => return Err(usage.to_string()),
            _ if path.is_none() => path = Some(a),
            _ => return Err(usage.to_string()),
        }
    }
    let path = path.ok_or(usage)?;
    let start = Instant::now();
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let instance = instance_file::parse(&text).map_err(|e| format!("{path}: {e}"))?;
    let parse_ms = start.elapsed().as_secs_f64() * 1e3;
    drop(text);

    let mut best = f64::INFINITY;
    let mut result = None;
    for _ in 0..repeat {
        let start = Instant::now();
        let a = solve(&instance).map_err(|e| format!("{path}: {e}"))?;
        best = best.min(start.elapsed().as_secs_f64() * 1e3);
        result = Some(a);
    }
    let a = result.ok_or(usage)?;
    let mut out = format!(
        "objective {}\nmatched {}\nparse_ms {parse_ms:.3}\nsolve_ms {best:.3}\n",
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
    print!("{out}");
    Ok(())
}
