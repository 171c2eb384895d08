//! Instance generators and checks shared by the integration tests.
#![allow(dead_code)]

use mentorbro_matching::{Assignment, Candidate, Instance, Mode, Scores};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// Proptest settings: `cases` runs, no regression files written beside the tests.
pub fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Random small instances with every kind of rule, locks kept consistent.
pub fn instance(
    max_mentees: usize,
    max_mentors: usize,
    dense: bool,
) -> impl Strategy<Value = Instance> {
    (0..=max_mentees, 0..=max_mentors).prop_flat_map(move |(n, m)| {
        (
            proptest::collection::vec((0u8..10, 0i64..=20), n * m),
            proptest::collection::vec(0u32..=3, m),
            proptest::collection::vec((0..n.max(1), 0..m.max(1)), 0..=3),
            proptest::collection::vec((0..n.max(1), 0..m.max(1)), 0..=3),
            0i64..=8,
            any::<bool>(),
        )
            .prop_map(
                move |(cells, capacities, forbids, locks, min_score, cardinality)| {
                    // Sparse instances leave out about 40 % of the pairs.
                    let cells = cells
                        .into_iter()
                        .map(|(k, s)| (dense || k < 6).then_some(s))
                        .collect();
                    build(
                        n,
                        m,
                        cells,
                        capacities,
                        forbids,
                        locks,
                        min_score,
                        cardinality,
                    )
                },
            )
    })
}

#[allow(clippy::too_many_arguments)]
fn build(
    n: usize,
    m: usize,
    cells: Vec<Option<i64>>,
    capacities: Vec<u32>,
    forbids: Vec<(usize, usize)>,
    locks: Vec<(usize, usize)>,
    min_score: i64,
    cardinality: bool,
) -> Instance {
    let scores = if cells.iter().all(Option::is_some) {
        Scores::Dense(cells.iter().map(|c| c.unwrap_or(0)).collect())
    } else {
        Scores::Sparse(
            cells
                .iter()
                .enumerate()
                .filter_map(|(k, c)| {
                    c.map(|score| Candidate {
                        mentee: k / m,
                        mentor: k % m,
                        score,
                    })
                })
                .collect(),
        )
    };
    let forbidden: Vec<_> = if n == 0 || m == 0 {
        Vec::new()
    } else {
        forbids
    };
    // Keep only locks that are valid together: one per mentee, not forbidden, within capacity.
    let mut kept: Vec<(usize, usize)> = Vec::new();
    if n > 0 && m > 0 {
        for (i, j) in locks {
            let used = kept.iter().filter(|&&(_, b)| b == j).count() as u32;
            if !forbidden.contains(&(i, j))
                && kept.iter().all(|&(a, _)| a != i)
                && used < capacities[j]
            {
                kept.push((i, j));
            }
        }
    }
    Instance {
        mentees: n,
        mentors: m,
        scores,
        capacities,
        locks: kept,
        forbidden,
        min_score,
        mode: if cardinality {
            Mode::MaxMatchedThenScore
        } else {
            Mode::MaxScore
        },
    }
}

/// The score of a pair, `None` when not allowed.
pub fn score_of(inst: &Instance, i: usize, j: usize) -> Option<i64> {
    match &inst.scores {
        Scores::Dense(s) => s.get(i * inst.mentors + j).copied(),
        Scores::Sparse(list) => list
            .iter()
            .find(|c| c.mentee == i && c.mentor == j)
            .map(|c| c.score),
    }
}

/// Asserts that `a` obeys every rule of `inst`.
pub fn assert_feasible(inst: &Instance, a: &Assignment) {
    let mut load = vec![0u32; inst.mentors];
    let mut seen = vec![false; inst.mentees];
    let mut total = 0;
    for p in &a.pairs {
        assert!(!seen[p.mentee], "mentee {} matched twice", p.mentee);
        seen[p.mentee] = true;
        load[p.mentor] += 1;
        assert!(
            !inst.forbidden.contains(&(p.mentee, p.mentor)),
            "forbidden pair made"
        );
        let locked = inst.locks.contains(&(p.mentee, p.mentor));
        assert_eq!(p.locked, locked);
        if !locked {
            let s = score_of(inst, p.mentee, p.mentor).expect("pair not allowed");
            assert!(s >= inst.min_score, "pair below minimum");
            assert_eq!(s, p.score);
        }
        total += p.score;
    }
    for &(i, j) in &inst.locks {
        assert!(
            a.pairs.iter().any(|p| p.mentee == i && p.mentor == j),
            "lock dropped"
        );
    }
    for (j, &l) in load.iter().enumerate() {
        assert!(l <= inst.capacities[j], "mentor {j} over capacity");
    }
    for u in &a.unmatched {
        assert!(!seen[u.mentee]);
        seen[u.mentee] = true;
    }
    assert!(
        seen.iter().all(|&s| s),
        "every mentee is matched or listed as unmatched"
    );
    assert_eq!(total, a.total_score);
}

/// The value the assignment's mode maximises, as a comparable pair.
pub fn objective(inst: &Instance, a: &Assignment) -> (usize, i64) {
    match inst.mode {
        Mode::MaxScore => (0, a.total_score),
        Mode::MaxMatchedThenScore => (a.pairs.len(), a.total_score),
    }
}
