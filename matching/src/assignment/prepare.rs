//! Validation, locks and the reduction of an [`Instance`] to a min-cost problem.

use super::error::AssignmentError;
use super::{
    Assignment, Candidate, Instance, MAX_SCORE, Mode, Pair, Scores, Unmatched, UnmatchedReason,
};
use crate::solver::{self, INF, NONE, RowCosts};

/// Scores looked up by mentee, whichever way they were given.
enum Table<'a> {
    Dense {
        cols: usize,
        scores: &'a [i64],
    },
    Sparse {
        start: Vec<usize>,
        mentor: Vec<u32>,
        score: Vec<i64>,
    },
}

impl<'a> Table<'a> {
    fn new(inst: &'a Instance) -> Result<Self, AssignmentError> {
        let (n, m) = (inst.mentees, inst.mentors);
        let check = |mentee, mentor, score| {
            if (0..=MAX_SCORE).contains(&score) {
                Ok(())
            } else {
                Err(AssignmentError::ScoreOutOfRange {
                    mentee,
                    mentor,
                    score,
                })
            }
        };
        match &inst.scores {
            Scores::Dense(scores) => {
                let expected = n.checked_mul(m).ok_or(AssignmentError::TooLarge)?;
                if scores.len() != expected {
                    return Err(AssignmentError::WrongLength {
                        what: "dense scores",
                        got: scores.len(),
                        expected,
                    });
                }
                // One fast pass; the position is only worked out for the error.
                if let Some(k) = scores.iter().position(|s| !(0..=MAX_SCORE).contains(s)) {
                    check(k / m, k % m, scores[k])?;
                }
                Ok(Table::Dense { cols: m, scores })
            }
            Scores::Sparse(list) => {
                let mut sorted: Vec<Candidate> = list.clone();
                sorted.sort_unstable_by_key(|c| (c.mentee, c.mentor));
                let mut start = vec![0usize; n + 1];
                let mut mentor = Vec::with_capacity(sorted.len());
                let mut score = Vec::with_capacity(sorted.len());
                for (k, c) in sorted.iter().enumerate() {
                    if c.mentee >= n || c.mentor >= m {
                        return Err(AssignmentError::PairOutOfRange {
                            mentee: c.mentee,
                            mentor: c.mentor,
                        });
                    }
                    if k > 0 && sorted[k - 1].mentee == c.mentee && sorted[k - 1].mentor == c.mentor
                    {
                        return Err(AssignmentError::DuplicatePair {
                            mentee: c.mentee,
                            mentor: c.mentor,
                        });
                    }
                    check(c.mentee, c.mentor, c.score)?;
                    start[c.mentee + 1] += 1;
                    mentor.push(c.mentor as u32);
                    score.push(c.score);
                }
                for i in 0..n {
                    start[i + 1] += start[i];
                }
                Ok(Table::Sparse {
                    start,
                    mentor,
                    score,
                })
            }
        }
    }

    /// Calls `f(mentor, score)` for each allowed mentor of `mentee`, in mentor order.
    fn for_each(&self, mentee: usize, mut f: impl FnMut(usize, i64)) {
        match self {
            Table::Dense { cols, scores } => {
                for (j, &s) in scores[mentee * cols..(mentee + 1) * cols]
                    .iter()
                    .enumerate()
                {
                    f(j, s);
                }
            }
            Table::Sparse {
                start,
                mentor,
                score,
            } => {
                let r = start[mentee]..start[mentee + 1];
                for (&j, &s) in mentor[r.clone()].iter().zip(&score[r]) {
                    f(j as usize, s);
                }
            }
        }
    }

    fn get(&self, mentee: usize, mentor: usize) -> Option<i64> {
        match self {
            Table::Dense { cols, scores } => scores.get(mentee * cols + mentor).copied(),
            Table::Sparse {
                start,
                mentor: ms,
                score,
            } => {
                let r = start[mentee]..start[mentee + 1];
                let k = ms[r.clone()].binary_search(&(mentor as u32)).ok()?;
                Some(score[r.start + k])
            }
        }
    }
}

pub(super) fn solve(inst: &Instance) -> Result<Assignment, AssignmentError> {
    let (n, m) = (inst.mentees, inst.mentors);
    if inst.capacities.len() != m {
        return Err(AssignmentError::WrongLength {
            what: "capacities",
            got: inst.capacities.len(),
            expected: m,
        });
    }
    if !(0..=MAX_SCORE).contains(&inst.min_score) {
        return Err(AssignmentError::MinimumOutOfRange(inst.min_score));
    }
    let table = Table::new(inst)?;
    let in_range = |&(i, j): &(usize, usize)| {
        if i < n && j < m {
            Ok((i, j))
        } else {
            Err(AssignmentError::PairOutOfRange {
                mentee: i,
                mentor: j,
            })
        }
    };
    let mut forbidden = inst
        .forbidden
        .iter()
        .map(in_range)
        .collect::<Result<Vec<_>, _>>()?;
    forbidden.sort_unstable();
    forbidden.dedup();
    let is_forbidden = |i: usize, j: usize| forbidden.binary_search(&(i, j)).is_ok();

    // Locked pairs come first and use up capacity.
    let mut locked_to: Vec<Option<usize>> = vec![None; n];
    let mut locked_count = vec![0usize; m];
    for pair in &inst.locks {
        let (i, j) = in_range(pair)?;
        if is_forbidden(i, j) {
            return Err(AssignmentError::LockedAndForbidden {
                mentee: i,
                mentor: j,
            });
        }
        match locked_to[i] {
            Some(first) if first != j => {
                return Err(AssignmentError::ConflictingLocks {
                    mentee: i,
                    first,
                    second: j,
                });
            }
            Some(_) => {}
            None => {
                locked_to[i] = Some(j);
                locked_count[j] += 1;
            }
        }
    }
    let mut room = Vec::with_capacity(m);
    for (j, (&capacity, &locked)) in inst.capacities.iter().zip(&locked_count).enumerate() {
        let left = (capacity as usize).checked_sub(locked).ok_or(
            AssignmentError::LocksExceedCapacity {
                mentor: j,
                locked,
                capacity,
            },
        )?;
        room.push(u32::try_from(left).unwrap_or(u32::MAX));
    }

    let free: Vec<usize> = (0..n).filter(|&i| locked_to[i].is_none()).collect();
    let usable =
        |i: usize, j: usize, s: i64| s >= inst.min_score && room[j] > 0 && !is_forbidden(i, j);
    let solution = reduce_and_solve(inst, &table, &free, &room, usable)?;

    let mut mentor_of = locked_to.clone();
    for (&i, &j) in free.iter().zip(&solution) {
        if j != NONE {
            mentor_of[i] = Some(j as usize);
        }
    }
    let mut out = Assignment::default();
    for (i, mentor) in mentor_of.iter().enumerate() {
        match *mentor {
            Some(j) => {
                let score = table.get(i, j).unwrap_or(0);
                out.total_score += score;
                out.pairs.push(Pair {
                    mentee: i,
                    mentor: j,
                    score,
                    locked: locked_to[i].is_some(),
                });
            }
            None => out.unmatched.push(Unmatched {
                mentee: i,
                reason: unmatched_reason(&table, i, inst.min_score, &room, is_forbidden),
            }),
        }
    }
    Ok(out)
}

/// Builds integer costs for the free mentees and runs the fitting algorithm; returns each
/// free mentee's mentor or [`NONE`].
fn reduce_and_solve(
    inst: &Instance,
    table: &Table<'_>,
    free: &[usize],
    room: &[u32],
    usable: impl Fn(usize, usize, i64) -> bool,
) -> Result<Vec<u32>, AssignmentError> {
    let m = inst.mentors;
    let rows = free.len();
    if rows == 0 || m == 0 {
        return Ok(vec![NONE; rows]);
    }
    // Every pair usable: no need to list them, and the square unit-capacity case can use
    // Jonker–Volgenant, where (scores being non-negative) a perfect assignment is optimal
    // in either mode.
    let complete = match table {
        Table::Dense { scores, .. }
            if room.iter().all(|&r| r > 0)
                && inst
                    .forbidden
                    .iter()
                    .all(|&(i, _)| inst.locks.iter().any(|&(l, _)| l == i))
                && (inst.min_score == 0 || scores.iter().all(|&s| s >= inst.min_score)) =>
        {
            Some(*scores)
        }
        _ => None,
    };
    if let Some(scores) = complete {
        let row = |i: usize| &scores[i * m..(i + 1) * m];
        if rows == m && room.iter().all(|&r| r == 1) {
            // Scores are validated to 0..=MAX_SCORE, so `MAX_SCORE - score` fits in an
            // i32, halving the memory the solver streams through.
            check_magnitude(MAX_SCORE, rows)?;
            let mut cost: Vec<i32> = Vec::with_capacity(rows * m);
            for &i in free {
                cost.extend(
                    row(i)
                        .iter()
                        .map(|&s| i32::try_from(MAX_SCORE - s).unwrap_or(i32::MAX)),
                );
            }
            return Ok(solver::jv::solve(rows, &cost));
        }
        let max_score = free
            .iter()
            .flat_map(|&i| row(i).iter().copied())
            .max()
            .unwrap_or(0);
        let (bonus, max) = bonus_and_max(inst.mode, max_score, rows, room)?;
        let mut cost = Vec::with_capacity(rows * m);
        for &i in free {
            cost.extend(row(i).iter().map(|&s| max - (bonus + s)));
        }
        return Ok(solver::shortest_path::solve(
            &solver::shortest_path::Problem {
                rows,
                cols: m,
                costs: RowCosts::Dense {
                    cols: m,
                    cost: &cost,
                },
                capacity: room,
                unmatched_cost: max,
            },
        ));
    }

    let mut start = Vec::with_capacity(rows + 1);
    let mut col = Vec::new();
    let mut profit = Vec::new();
    let mut max_score = 0;
    start.push(0);
    for &i in free {
        table.for_each(i, |j, s| {
            if usable(i, j, s) {
                col.push(j as u32);
                profit.push(s);
                max_score = max_score.max(s);
            }
        });
        start.push(col.len());
    }
    let (bonus, max) = bonus_and_max(inst.mode, max_score, rows, room)?;
    // Unmatched has profit 0, so cost `max`; a pair has cost `max - (bonus + score)`.
    for p in &mut profit {
        *p = max - (bonus + *p);
    }
    Ok(solver::shortest_path::solve(
        &solver::shortest_path::Problem {
            rows,
            cols: m,
            costs: RowCosts::Sparse {
                start: &start,
                col: &col,
                cost: &profit,
            },
            capacity: room,
            unmatched_cost: max,
        },
    ))
}

/// The bonus added to every pair's profit in [`Mode::MaxMatchedThenScore`], and the
/// largest profit; checked for overflow.
fn bonus_and_max(
    mode: Mode,
    max_score: i64,
    rows: usize,
    room: &[u32],
) -> Result<(i64, i64), AssignmentError> {
    let bonus = match mode {
        Mode::MaxScore => 0,
        // Worth more than any total of scores, so one more pair always wins.
        Mode::MaxMatchedThenScore => {
            let pairs = rows.min(room.iter().map(|&r| r as usize).sum());
            max_score
                .checked_mul(i64::try_from(pairs).map_err(|_| AssignmentError::TooLarge)?)
                .and_then(|b| b.checked_add(1))
                .ok_or(AssignmentError::TooLarge)?
        }
    };
    let max = max_score
        .checked_add(bonus)
        .ok_or(AssignmentError::TooLarge)?;
    check_magnitude(max, rows)?;
    Ok((bonus, max))
}

/// Path lengths and potentials stay within `(rows + 3) × max_cost`; refuse anything that
/// could come near overflow.
fn check_magnitude(max_cost: i64, rows: usize) -> Result<(), AssignmentError> {
    let rows = i64::try_from(rows).map_err(|_| AssignmentError::TooLarge)?;
    match max_cost.checked_mul(rows + 3) {
        Some(bound) if bound < INF / 2 => Ok(()),
        _ => Err(AssignmentError::TooLarge),
    }
}

/// The first rule, in the order a coordinator would check them, that rules out every
/// candidate of `mentee`; otherwise the candidates went to others.
fn unmatched_reason(
    table: &Table<'_>,
    mentee: usize,
    min_score: i64,
    room: &[u32],
    is_forbidden: impl Fn(usize, usize) -> bool,
) -> UnmatchedReason {
    let (mut passes, mut allowed, mut above, mut open) = (0, 0, 0, 0);
    table.for_each(mentee, |j, s| {
        passes += 1;
        if is_forbidden(mentee, j) {
            return;
        }
        allowed += 1;
        if s < min_score {
            return;
        }
        above += 1;
        if room[j] > 0 {
            open += 1;
        }
    });
    match (passes, allowed, above, open) {
        (0, ..) => UnmatchedReason::NoMentorPassesMustHaves,
        (_, 0, ..) => UnmatchedReason::AllCandidatesForbidden,
        (_, _, 0, _) => UnmatchedReason::AllCandidatesBelowMinimum,
        (.., 0) => UnmatchedReason::AllCandidatesFull,
        _ => UnmatchedReason::BetterOverallAssignment,
    }
}
