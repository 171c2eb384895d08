//! Optimality against an independent exact solver (Kuhn–Munkres from the `pathfinding`
//! crate) on larger instances: mentor columns copied by capacity, plus one zero-profit
//! "unmatched" column per mentee.

mod common;

use common::{assert_feasible, instance, objective, score_of};
use mentorbro_matching::{Instance, Mode, Scores, solve};
use pathfinding::prelude::{Matrix, kuhn_munkres};
use proptest::prelude::*;

const IMPOSSIBLE: i64 = -1_000_000_000_000;

fn reference(inst: &Instance) -> (usize, i64) {
    let mut room = inst.capacities.clone();
    let mut locked = vec![false; inst.mentees];
    let (mut count, mut total) = (0usize, 0i64);
    for &(i, j) in &inst.locks {
        room[j] -= 1;
        locked[i] = true;
        count += 1;
        total += score_of(inst, i, j).unwrap_or(0);
    }
    let free: Vec<usize> = (0..inst.mentees).filter(|&i| !locked[i]).collect();
    let slots: Vec<usize> = (0..inst.mentors)
        .flat_map(|j| std::iter::repeat_n(j, room[j] as usize))
        .collect();
    if free.is_empty() {
        return key(inst, count, total);
    }
    // Large enough that one more pair outweighs any total of scores.
    let bonus = match inst.mode {
        Mode::MaxScore => 0,
        Mode::MaxMatchedThenScore => 1_000_000,
    };
    let rows: Vec<Vec<i64>> = free
        .iter()
        .map(|&i| {
            let mut row: Vec<i64> = slots
                .iter()
                .map(|&j| match score_of(inst, i, j) {
                    Some(s) if s >= inst.min_score && !inst.forbidden.contains(&(i, j)) => {
                        bonus + s
                    }
                    _ => IMPOSSIBLE,
                })
                .collect();
            row.extend(std::iter::repeat_n(0, free.len()));
            row
        })
        .collect();
    let matrix = Matrix::from_rows(rows).expect("rectangular");
    let (_, cols) = kuhn_munkres(&matrix);
    for (r, &c) in cols.iter().enumerate() {
        if c < slots.len() {
            count += 1;
            total += score_of(inst, free[r], slots[c]).unwrap_or(0);
        }
    }
    key(inst, count, total)
}

fn key(inst: &Instance, count: usize, total: i64) -> (usize, i64) {
    match inst.mode {
        Mode::MaxScore => (0, total),
        Mode::MaxMatchedThenScore => (count, total),
    }
}

proptest! {
    #![proptest_config(common::config(60))]

    #[test]
    fn matches_kuhn_munkres(inst in instance(30, 20, false)) {
        let a = solve(&inst).expect("valid instance");
        assert_feasible(&inst, &a);
        prop_assert_eq!(objective(&inst, &a), reference(&inst));
    }

    #[test]
    fn matches_kuhn_munkres_dense(inst in instance(25, 25, true)) {
        let a = solve(&inst).expect("valid instance");
        assert_feasible(&inst, &a);
        prop_assert_eq!(objective(&inst, &a), reference(&inst));
    }
}

/// Square dense instances exercise the Jonker–Volgenant path with wide score ranges.
#[test]
fn square_dense_matches_kuhn_munkres() {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for n in [1usize, 2, 3, 7, 20, 40] {
        for range in [3u64, 100, 1_000_000] {
            let scores: Vec<i64> = (0..n * n).map(|_| (next() % range) as i64).collect();
            let inst = Instance::dense(n, n, scores);
            let a = solve(&inst).expect("valid");
            assert_feasible(&inst, &a);
            assert_eq!(a.pairs.len(), n);
            assert_eq!(
                objective(&inst, &a),
                reference(&inst),
                "n={n} range={range}"
            );
            if let Scores::Dense(_) = inst.scores {}
        }
    }
}
