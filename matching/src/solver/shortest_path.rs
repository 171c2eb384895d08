//! Successive shortest augmenting paths with mentors as capacitated nodes.
//!
//! Rows (mentees) are added one at a time. For each new row a Dijkstra search on reduced
//! costs finds the cheapest way to fit it in: either a mentor with spare capacity at the
//! end of an alternating path, or some row on the path giving up and taking its private
//! "unmatched" option. Dual potentials (`u` for rows, `v` for mentors, 0 for the unmatched
//! options) keep every reduced cost non-negative, so each path is a true shortest path and
//! the final assignment is optimal (the classic successive-shortest-path argument for
//! min-cost flow). Mentors keep a single potential however many rows they hold, which is
//! why capacity is handled on the node instead of by copying columns.
//!
//! Complexity: one search per row, each `O(E + V·k)` where `k` is the number of mentors
//! scanned, so `O(n·(E + m²))` in the worst case; random and real instances scan few.

use super::{INF, NONE, RowCosts};

/// A min-cost assignment problem where every row may stay unmatched at a fixed cost.
pub(crate) struct Problem<'a> {
    pub rows: usize,
    pub cols: usize,
    pub costs: RowCosts<'a>,
    /// Remaining capacity of each column (mentor).
    pub capacity: &'a [u32],
    /// Cost of leaving a row unmatched; must be at least every real cost of that row for
    /// "unmatched" to mean "profit 0" (costs are `max_profit - profit`).
    pub unmatched_cost: i64,
}

/// Where a search ended.
enum End {
    /// At a mentor with spare capacity.
    Column(u32),
    /// At this row's "unmatched" option.
    Unmatched(u32),
}

/// Returns, for each row, its column or [`NONE`] for unmatched.
///
/// Requires non-negative costs no larger than `unmatched_cost`; ties are broken by
/// index order, so the result is deterministic.
pub(crate) fn solve(p: &Problem<'_>) -> Vec<u32> {
    let (n, m) = (p.rows, p.cols);
    // A column never needs more slots than there are rows.
    let cap: Vec<u32> = p
        .capacity
        .iter()
        .map(|&c| c.min(u32::try_from(n).unwrap_or(u32::MAX)))
        .collect();
    let mut slot_start = Vec::with_capacity(m + 1);
    let mut total = 0usize;
    for &c in &cap {
        slot_start.push(total);
        total += c as usize;
    }
    slot_start.push(total);
    let mut members = vec![NONE; total];
    let mut load = vec![0u32; m];

    let mut u = vec![0i64; n];
    let mut v = vec![0i64; m];
    let mut col_of = vec![NONE; n];

    let mut d = vec![INF; m];
    let mut pred = vec![NONE; m];
    let mut todo: Vec<u32> = Vec::new();
    let mut scanned_cols: Vec<u32> = Vec::new();
    let mut scanned_rows: Vec<(u32, i64)> = Vec::new();
    let mut pending: Vec<(u32, i64)> = Vec::new();

    // Greedy start: a row whose cheapest mentor still has room takes it, which is exactly
    // what its own search would do first (v is 0 and u becomes the cost, so the duals stay
    // feasible), without the search's bookkeeping.
    let mut waiting = Vec::new();
    for r in 0..n {
        let mut best = (p.unmatched_cost, NONE);
        for_each_edge(&p.costs, r, |j, c| {
            if c < best.0 || (c == best.0 && best.1 == NONE) {
                best = (c, j as u32);
            }
        });
        let (c, j) = best;
        if j != NONE && load[j as usize] < cap[j as usize] {
            let ju = j as usize;
            members[slot_start[ju] + load[ju] as usize] = r as u32;
            load[ju] += 1;
            col_of[r] = j;
            u[r] = c;
        } else {
            waiting.push(r as u32);
        }
    }

    for r0 in waiting {
        todo.clear();
        scanned_cols.clear();
        scanned_rows.clear();
        pending.push((r0, 0));
        let mut best_unmatched = (INF, NONE);

        let (end, dist) = loop {
            while let Some((i, h)) = pending.pop() {
                scanned_rows.push((i, h));
                let ui = u[i as usize];
                let cand = h + p.unmatched_cost - ui;
                if cand < best_unmatched.0 {
                    best_unmatched = (cand, i);
                }
                let base = h - ui;
                // Scanned columns have d[j] <= h <= base + cost - v[j], so they are never
                // relaxed again and need no separate check.
                let mut relax = |j: usize, c: i64| {
                    let r = base + c - v[j];
                    if r < d[j] {
                        if d[j] == INF {
                            todo.push(j as u32);
                        }
                        d[j] = r;
                        pred[j] = i;
                    }
                };
                for_each_edge(&p.costs, i as usize, &mut relax);
            }
            // The nearest unscanned column; ties go to the earliest in `todo`.
            let mut best = None;
            let mut best_d = INF;
            for (k, &j) in todo.iter().enumerate() {
                if d[j as usize] < best_d {
                    best_d = d[j as usize];
                    best = Some(k);
                }
            }
            // On a tie, prefer the column: a match over no match. The new row's own
            // option makes `best_unmatched` finite, so the search always ends.
            let k = match best {
                Some(k) if best_d <= best_unmatched.0 => k,
                _ => break (End::Unmatched(best_unmatched.1), best_unmatched.0),
            };
            let j = todo.swap_remove(k);
            scanned_cols.push(j);
            let ju = j as usize;
            if load[ju] < cap[ju] {
                break (End::Column(j), best_d);
            }
            let slots = slot_start[ju]..slot_start[ju] + load[ju] as usize;
            for &i in &members[slots] {
                pending.push((i, best_d));
            }
        };

        // Dual update keeps reduced costs non-negative and the new path tight.
        for &(i, h) in &scanned_rows {
            u[i as usize] += dist - h;
        }
        for &j in &scanned_cols {
            v[j as usize] -= dist - d[j as usize];
        }

        // Augment: walk back from the end, moving each row on the path one step.
        let mut next_col = match end {
            End::Column(j) => Some(j),
            End::Unmatched(k) => {
                let prev = col_of[k as usize];
                if prev != NONE {
                    remove_member(&mut members, &slot_start, &mut load, prev, k);
                    col_of[k as usize] = NONE;
                }
                (k != r0).then_some(prev)
            }
        };
        while let Some(j) = next_col {
            let i = pred[j as usize];
            let prev = col_of[i as usize];
            let ju = j as usize;
            members[slot_start[ju] + load[ju] as usize] = i;
            load[ju] += 1;
            col_of[i as usize] = j;
            if i == r0 {
                break;
            }
            remove_member(&mut members, &slot_start, &mut load, prev, i);
            next_col = Some(prev);
        }

        for &j in todo.iter().chain(&scanned_cols) {
            d[j as usize] = INF;
        }
    }
    col_of
}

/// Calls `f(column, cost)` for each allowed column of `row`, in column order.
#[inline(always)]
fn for_each_edge(costs: &RowCosts<'_>, row: usize, mut f: impl FnMut(usize, i64)) {
    match costs {
        RowCosts::Dense { cols, cost } => {
            for (j, &c) in cost[row * cols..(row + 1) * cols].iter().enumerate() {
                f(j, c);
            }
        }
        RowCosts::Sparse { start, col, cost } => {
            let range = start[row]..start[row + 1];
            for (&j, &c) in col[range.clone()].iter().zip(&cost[range]) {
                f(j as usize, c);
            }
        }
    }
}

fn remove_member(members: &mut [u32], slot_start: &[usize], load: &mut [u32], col: u32, row: u32) {
    let c = col as usize;
    let slots = &mut members[slot_start[c]..slot_start[c] + load[c] as usize];
    if let Some(pos) = slots.iter().position(|&r| r == row) {
        let last = slots.len() - 1;
        slots.swap(pos, last);
        load[c] -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dense(rows: usize, cols: usize, cost: &[i64], capacity: &[u32], unmatched: i64) -> Vec<u32> {
        solve(&Problem {
            rows,
            cols,
            costs: RowCosts::Dense { cols, cost },
            capacity,
            unmatched_cost: unmatched,
        })
    }

    #[test]
    fn square_picks_cheapest_perfect_assignment() {
        // Greedy would give row 0 column 0 (cost 1) and row 1 column 1 (cost 9).
        let cost = [1, 2, 2, 9];
        assert_eq!(dense(2, 2, &cost, &[1, 1], 20), vec![1, 0]);
    }

    #[test]
    fn capacity_lets_one_column_take_two_rows() {
        let cost = [0, 5, 0, 5, 0, 5];
        let got = dense(3, 2, &cost, &[2, 1], 20);
        assert_eq!(got.iter().filter(|&&c| c == 0).count(), 2);
        assert_eq!(got.iter().filter(|&&c| c == 1).count(), 1);
    }

    #[test]
    fn rows_stay_unmatched_when_capacity_runs_out() {
        let cost = [0, 0, 0];
        let got = dense(3, 1, &cost, &[1], 10);
        assert_eq!(got.iter().filter(|&&c| c == NONE).count(), 2);
    }

    #[test]
    fn sparse_prefers_one_good_pair_over_two_poor_ones() {
        // Profits: (0,0)=10, (0,1)=1, (1,0)=1; costs are 10 - profit.
        let start = [0, 2, 3];
        let col = [0, 1, 0];
        let cost = [0, 9, 9];
        let got = solve(&Problem {
            rows: 2,
            cols: 2,
            costs: RowCosts::Sparse {
                start: &start,
                col: &col,
                cost: &cost,
            },
            capacity: &[1, 1],
            unmatched_cost: 10,
        });
        assert_eq!(got, vec![0, NONE]);
    }
}
