//! Optimality against exhaustive search on small instances (up to 8 × 8 with capacities).

mod common;

use std::collections::HashMap;

use common::{assert_feasible, instance, objective, score_of};
use mentorbro_matching::{Instance, Mode, solve};
use proptest::prelude::*;

/// Best objective over every feasible assignment, by depth-first enumeration of each free
/// mentee's choices, memoised on the remaining capacities (which fully determine the rest).
fn exhaustive(inst: &Instance) -> (usize, i64) {
    let mut room: Vec<u32> = inst.capacities.clone();
    let mut base = (0usize, 0i64);
    let mut locked = vec![false; inst.mentees];
    for &(i, j) in &inst.locks {
        room[j] -= 1;
        locked[i] = true;
        base.0 += 1;
        base.1 += score_of(inst, i, j).unwrap_or(0);
    }
    let free: Vec<usize> = (0..inst.mentees).filter(|&i| !locked[i]).collect();
    let mut memo = HashMap::new();
    let best = search(inst, &free, 0, &mut room, &mut memo);
    let total = (base.0 + best.0, base.1 + best.1);
    match inst.mode {
        Mode::MaxScore => (0, total.1),
        Mode::MaxMatchedThenScore => total,
    }
}

fn search(
    inst: &Instance,
    free: &[usize],
    k: usize,
    room: &mut Vec<u32>,
    memo: &mut HashMap<(usize, Vec<u32>), (usize, i64)>,
) -> (usize, i64) {
    if k == free.len() {
        return (0, 0);
    }
    if let Some(&v) = memo.get(&(k, room.clone())) {
        return v;
    }
    let key = |v: (usize, i64)| match inst.mode {
        Mode::MaxScore => (0, v.1),
        Mode::MaxMatchedThenScore => v,
    };
    let i = free[k];
    let mut best = search(inst, free, k + 1, room, memo);
    for j in 0..inst.mentors {
        let Some(s) = score_of(inst, i, j) else {
            continue;
        };
        if room[j] == 0 || s < inst.min_score || inst.forbidden.contains(&(i, j)) {
            continue;
        }
        room[j] -= 1;
        let rest = search(inst, free, k + 1, room, memo);
        room[j] += 1;
        let cand = (rest.0 + 1, rest.1 + s);
        if key(cand) > key(best) {
            best = cand;
        }
    }
    memo.insert((k, room.clone()), best);
    best
}

proptest! {
    #![proptest_config(common::config(300))]

    #[test]
    fn optimal_and_feasible_on_sparse(inst in instance(8, 8, false)) {
        let a = solve(&inst).expect("valid instance");
        assert_feasible(&inst, &a);
        prop_assert_eq!(objective(&inst, &a), exhaustive(&inst));
    }

    #[test]
    fn optimal_and_feasible_on_dense(inst in instance(8, 8, true)) {
        let a = solve(&inst).expect("valid instance");
        assert_feasible(&inst, &a);
        prop_assert_eq!(objective(&inst, &a), exhaustive(&inst));
    }

    #[test]
    fn deterministic(inst in instance(8, 8, false)) {
        prop_assert_eq!(solve(&inst), solve(&inst));
    }
}
