//! A plain text format for assignment instances, read by the `mentorbro-match` command.
//!
//! ```text
//! # Lines starting with '#' and blank lines are ignored.
//! mentees 3
//! mentors 2
//! capacities 1 2      # optional; one per mentor, default 1 each
//! min_score 10        # optional; default 0
//! mode max_score      # optional; or max_matched_then_score
//! lock 0 1            # optional, repeatable: mentee 0 must keep mentor 1
//! forbid 2 0          # optional, repeatable: mentee 2 must never get mentor 0
//! dense               # the scores: `mentees` rows of `mentors` integers
//! 5 3
//! 0 7
//! 2 2
//! ```
//!
//! Instead of `dense`, a `sparse` line may be followed by one `mentee mentor score` line
//! per allowed pair; pairs not listed are not allowed. Indices count from 0; scores are
//! integers in `0..=1_000_000_000`. The score section comes last.

use crate::assignment::{Candidate, Instance, Mode, Scores};

/// What is wrong with an instance file, and where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ParseError {
    /// 1-based line number (0 when the problem is the file as a whole).
    pub line: usize,
    pub message: String,
}

fn err<T>(line: usize, message: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError {
        line,
        message: message.into(),
    })
}

fn number<T: std::str::FromStr>(
    word: Option<&str>,
    line: usize,
    what: &str,
) -> Result<T, ParseError> {
    match word.map(str::parse) {
        Some(Ok(v)) => Ok(v),
        Some(Err(_)) => err(line, format!("{what} is not a valid number")),
        None => err(line, format!("missing {what}")),
    }
}

/// Reads an instance; checks the layout, while [`crate::solve`] checks the rules.
pub fn parse(text: &str) -> Result<Instance, ParseError> {
    let (mut mentees, mut mentors) = (None, None);
    let mut inst = Instance::dense(0, 0, Vec::new());
    let mut capacities = None;
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(k, l)| (k + 1, l.split('#').next().unwrap_or("").trim()));
    while let Some((no, line)) = lines.next() {
        let mut words = line.split_ascii_whitespace();
        let Some(key) = words.next() else { continue };
        match key {
            "mentees" => mentees = Some(number(words.next(), no, "number of mentees")?),
            "mentors" => mentors = Some(number(words.next(), no, "number of mentors")?),
            "capacities" => {
                capacities = Some(
                    words
                        .map(|w| number(Some(w), no, "capacity"))
                        .collect::<Result<Vec<u32>, _>>()?,
                )
            }
            "min_score" => inst.min_score = number(words.next(), no, "minimum score")?,
            "mode" => {
                inst.mode = match words.next() {
                    Some("max_score") => Mode::MaxScore,
                    Some("max_matched_then_score") => Mode::MaxMatchedThenScore,
                    _ => return err(no, "mode must be max_score or max_matched_then_score"),
                }
            }
            "lock" | "forbid" => {
                let pair = (
                    number(words.next(), no, "mentee")?,
                    number(words.next(), no, "mentor")?,
                );
                if key == "lock" {
                    inst.locks.push(pair)
                } else {
                    inst.forbidden.push(pair)
                }
            }
            "dense" | "sparse" => {
                let (Some(n), Some(m)) = (mentees, mentors) else {
                    return err(no, "`mentees` and `mentors` must come before the scores");
                };
                inst.mentees = n;
                inst.mentors = m;
                inst.capacities = capacities.unwrap_or_else(|| vec![1; m]);
                inst.scores = if key == "dense" {
                    dense(&mut lines, n, m)?
                } else {
                    sparse(&mut lines)?
                };
                return Ok(inst);
            }
            other => return err(no, format!("unknown keyword `{other}`")),
        }
    }
    err(0, "no `dense` or `sparse` score section")
}

fn dense<'a>(
    lines: impl Iterator<Item = (usize, &'a str)>,
    n: usize,
    m: usize,
) -> Result<Scores, ParseError> {
    let mut scores = Vec::with_capacity(n.saturating_mul(m).min(1 << 28));
    let mut rows = 0;
    for (no, line) in lines.filter(|(_, l)| !l.is_empty()) {
        let before = scores.len();
        for w in line.split_ascii_whitespace() {
            scores.push(number(Some(w), no, "score")?);
        }
        if scores.len() - before != m {
            return err(
                no,
                format!("expected {m} scores, found {}", scores.len() - before),
            );
        }
        rows += 1;
    }
    if rows != n {
        return err(0, format!("expected {n} rows of scores, found {rows}"));
    }
    Ok(Scores::Dense(scores))
}

fn sparse<'a>(lines: impl Iterator<Item = (usize, &'a str)>) -> Result<Scores, ParseError> {
    let mut list = Vec::new();
    for (no, line) in lines.filter(|(_, l)| !l.is_empty()) {
        let mut w = line.split_ascii_whitespace();
        let c = Candidate {
            mentee: number(w.next(), no, "mentee")?,
            mentor: number(w.next(), no, "mentor")?,
            score: number(w.next(), no, "score")?,
        };
        if w.next().is_some() {
            return err(no, "expected `mentee mentor score`");
        }
        list.push(c);
    }
    Ok(Scores::Sparse(list))
}

/// Writes an instance in the format [`parse`] reads.
pub fn write(inst: &Instance) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(s, "mentees {}\nmentors {}", inst.mentees, inst.mentors);
    let caps: Vec<String> = inst.capacities.iter().map(u32::to_string).collect();
    let _ = writeln!(s, "capacities {}", caps.join(" "));
    let _ = writeln!(s, "min_score {}", inst.min_score);
    let mode = match inst.mode {
        Mode::MaxScore => "max_score",
        Mode::MaxMatchedThenScore => "max_matched_then_score",
    };
    let _ = writeln!(s, "mode {mode}");
    for (i, j) in &inst.locks {
        let _ = writeln!(s, "lock {i} {j}");
    }
    for (i, j) in &inst.forbidden {
        let _ = writeln!(s, "forbid {i} {j}");
    }
    match &inst.scores {
        Scores::Dense(scores) => {
            s.push_str("dense\n");
            for row in scores.chunks(inst.mentors.max(1)) {
                let row: Vec<String> = row.iter().map(i64::to_string).collect();
                let _ = writeln!(s, "{}", row.join(" "));
            }
        }
        Scores::Sparse(list) => {
            s.push_str("sparse\n");
            for c in list {
                let _ = writeln!(s, "{} {} {}", c.mentee, c.mentor, c.score);
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = "# example\nmentees 3\nmentors 2\ncapacities 1 2\nmin_score 1\n\
        mode max_matched_then_score\nlock 0 1\nforbid 2 0\ndense\n5 3\n0 7 # row 1\n2 2\n";

    #[test]
    fn reads_the_documented_example() {
        let inst = parse(EXAMPLE).expect("valid");
        assert_eq!((inst.mentees, inst.mentors), (3, 2));
        assert_eq!(inst.capacities, vec![1, 2]);
        assert_eq!(inst.locks, vec![(0, 1)]);
        assert_eq!(inst.forbidden, vec![(2, 0)]);
        assert_eq!(inst.mode, Mode::MaxMatchedThenScore);
        assert_eq!(inst.scores, Scores::Dense(vec![5, 3, 0, 7, 2, 2]));
    }

    #[test]
    fn round_trips() {
        let inst = parse(EXAMPLE).expect("valid");
        assert_eq!(parse(&write(&inst)), Ok(inst.clone()));
        let sparse = Instance {
            scores: Scores::Sparse(vec![Candidate {
                mentee: 1,
                mentor: 0,
                score: 4,
            }]),
            ..inst
        };
        assert_eq!(parse(&write(&sparse)), Ok(sparse));
    }

    #[test]
    fn reports_the_line_of_a_mistake() {
        assert_eq!(
            parse("mentees 1\nmentors x\n")
                .map(|_| ())
                .unwrap_err()
                .line,
            2
        );
        assert_eq!(
            parse("mentees 1\nmentors 2\ndense\n1 2 3\n")
                .map(|_| ())
                .unwrap_err()
                .line,
            4
        );
        assert!(parse("mentees 2\nmentors 1\ndense\n1\n").is_err());
        assert!(parse("").is_err());
        assert!(parse("colour blue").is_err());
    }
}
