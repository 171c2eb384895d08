//! Jonker–Volgenant for dense square cost matrices (every pair allowed, capacity 1).
//!
//! R. Jonker and A. Volgenant, "A shortest augmenting path algorithm for dense and sparse
//! linear assignment problems", Computing 38 (1987). The initialisation (column
//! reduction, reduction transfer and two rounds of augmenting row reduction) assigns most
//! rows cheaply, leaving few for the `O(n²)`-per-row shortest augmenting path phase.
//! Worst case `O(n³)`.

use super::{INF, NONE};

/// Row `i`'s column in a minimum-cost perfect assignment of the `n × n` row-major `cost`.
///
/// The matrix may be stored as `i32` to halve memory traffic on large instances; all
/// arithmetic is in `i64`.
pub(crate) fn solve<C: Copy + Into<i64>>(n: usize, cost: &[C]) -> Vec<u32> {
    if n == 0 {
        return Vec::new();
    }
    let row = |i: usize| &cost[i * n..(i + 1) * n];
    let mut v = vec![0i64; n];
    let mut col_of = vec![NONE; n];
    let mut row_of = vec![NONE; n];
    let mut free = column_reduction(n, cost, &mut v, &mut col_of, &mut row_of);
    for _ in 0..2 {
        free = augmenting_row_reduction(n, &row, &mut v, &mut col_of, &mut row_of, free);
    }
    let mut search = Search::new(n);
    for f in free {
        search.augment(n, &row, f, &mut v, &mut col_of, &mut row_of);
    }
    col_of
}

/// Column reduction and reduction transfer; returns the rows left unassigned.
fn column_reduction<C: Copy + Into<i64>>(
    n: usize,
    cost: &[C],
    v: &mut [i64],
    col_of: &mut [u32],
    row_of: &mut [u32],
) -> Vec<u32> {
    // Column minima, scanning row by row so the matrix is read in memory order.
    let mut min: Vec<i64> = cost[..n].iter().map(|&c| c.into()).collect();
    let mut argmin = vec![0u32; n];
    for i in 1..n {
        for (j, &c) in cost[i * n..(i + 1) * n].iter().enumerate() {
            let c: i64 = c.into();
            if c < min[j] {
                min[j] = c;
                argmin[j] = i as u32;
            }
        }
    }
    let mut matches = vec![0u32; n];
    for j in (0..n).rev() {
        v[j] = min[j];
        let i = argmin[j] as usize;
        matches[i] += 1;
        if matches[i] == 1 {
            col_of[i] = j as u32;
            row_of[j] = i as u32;
        } else if v[j] < v[col_of[i] as usize] {
            let j1 = col_of[i] as usize;
            col_of[i] = j as u32;
            row_of[j] = i as u32;
            row_of[j1] = NONE;
        } else {
            row_of[j] = NONE;
        }
    }
    let mut free = Vec::new();
    for i in 0..n {
        match matches[i] {
            0 => free.push(i as u32),
            1 => {
                // Reduction transfer: lower the row's column price to its second best.
                let j1 = col_of[i] as usize;
                let mut second = INF;
                for (j, &c) in cost[i * n..(i + 1) * n].iter().enumerate() {
                    if j != j1 {
                        second = second.min(c.into() - v[j]);
                    }
                }
                if second < INF {
                    v[j1] -= second;
                }
            }
            _ => {}
        }
    }
    free
}

/// One round of augmenting row reduction (an auction-like pass); returns rows still free.
///
/// Each step lowers a column price by at least one, and is bounded in total so that a
/// pathological instance falls through to the exact path search instead of looping long.
fn augmenting_row_reduction<'c, C: Copy + Into<i64> + 'c>(
    n: usize,
    row: &impl Fn(usize) -> &'c [C],
    v: &mut [i64],
    col_of: &mut [u32],
    row_of: &mut [u32],
    mut free: Vec<u32>,
) -> Vec<u32> {
    let mut next_free = Vec::new();
    let mut budget = 8 * n + 64;
    while let Some(i) = free.pop() {
        if budget == 0 {
            next_free.push(i);
            continue;
        }
        budget -= 1;
        let r = row(i as usize);
        // Smallest and second smallest reduced cost in the row.
        let (mut u1, mut j1) = (r[0].into() - v[0], 0usize);
        let (mut u2, mut j2) = (INF, NONE as usize);
        for j in 1..n {
            let h = r[j].into() - v[j];
            if h < u2 {
                if h >= u1 {
                    u2 = h;
                    j2 = j;
                } else {
                    u2 = u1;
                    j2 = j1;
                    u1 = h;
                    j1 = j;
                }
            }
        }
        let mut i0 = row_of[j1];
        // u2 is INF only for a single column, where nothing is ever free.
        let strict = u1 < u2 && u2 < INF;
        if strict {
            v[j1] -= u2 - u1;
        } else if i0 != NONE && j2 != NONE as usize {
            j1 = j2;
            i0 = row_of[j2];
        }
        col_of[i as usize] = j1 as u32;
        row_of[j1] = i;
        if i0 != NONE {
            col_of[i0 as usize] = NONE;
            if strict {
                free.push(i0);
            } else {
                next_free.push(i0);
            }
        }
    }
    next_free
}

/// Scratch space for the shortest augmenting path phase, reused across rows.
struct Search {
    d: Vec<i64>,
    pred: Vec<u32>,
    /// Columns by state: `[..low)` scanned, `[low..up)` at the current minimum, rest later.
    cols: Vec<u32>,
}

impl Search {
    fn new(n: usize) -> Self {
        Self {
            d: vec![0; n],
            pred: vec![0; n],
            cols: Vec::with_capacity(n),
        }
    }

    /// Dijkstra from free row `f` on reduced costs, then augment and update prices.
    fn augment<'c, C: Copy + Into<i64> + 'c>(
        &mut self,
        n: usize,
        row: &impl Fn(usize) -> &'c [C],
        f: u32,
        v: &mut [i64],
        col_of: &mut [u32],
        row_of: &mut [u32],
    ) {
        let (d, pred, cols) = (&mut self.d, &mut self.pred, &mut self.cols);
        let rf = row(f as usize);
        for j in 0..n {
            d[j] = rf[j].into() - v[j];
            pred[j] = f;
        }
        cols.clear();
        cols.extend(0..n as u32);
        let (mut low, mut up) = (0usize, 0usize);
        let mut last = 0usize;
        let mut min = 0i64;
        let end = 'search: loop {
            if up == low {
                // Collect every column at the new minimum distance into [low..up).
                last = low;
                min = d[cols[up] as usize];
                up += 1;
                let first = up;
                for k in first..n {
                    let j = cols[k];
                    let h = d[j as usize];
                    if h <= min {
                        if h < min {
                            up = low;
                            min = h;
                        }
                        cols[k] = cols[up];
                        cols[up] = j;
                        up += 1;
                    }
                }
                for &j in &cols[low..up] {
                    if row_of[j as usize] == NONE {
                        break 'search j;
                    }
                }
            }
            // Scan the row assigned to one minimum column.
            let j1 = cols[low] as usize;
            low += 1;
            let i = row_of[j1];
            let r = row(i as usize);
            let u1 = r[j1].into() - v[j1] - min;
            let mut k = up;
            while k < n {
                let j = cols[k] as usize;
                let h = r[j].into() - v[j] - u1;
                if h < d[j] {
                    pred[j] = i;
                    d[j] = h;
                    if h == min {
                        if row_of[j] == NONE {
                            break 'search j as u32;
                        }
                        cols[k] = cols[up];
                        cols[up] = j as u32;
                        up += 1;
                    }
                }
                k += 1;
            }
        };
        for &j in &cols[..last] {
            let j = j as usize;
            v[j] += d[j] - min;
        }
        let mut j = end;
        loop {
            let i = pred[j as usize];
            row_of[j as usize] = i;
            let prev = col_of[i as usize];
            col_of[i as usize] = j;
            if i == f {
                break;
            }
            j = prev;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(n: usize, cost: &[i64], sol: &[u32]) -> i64 {
        (0..n).map(|i| cost[i * n + sol[i] as usize]).sum()
    }

    #[test]
    fn empty_matrix() {
        assert!(solve::<i64>(0, &[]).is_empty());
    }

    #[test]
    fn three_by_three() {
        let cost = [4, 1, 3, 2, 0, 5, 3, 2, 2];
        let sol = solve(3, &cost);
        assert_eq!(total(3, &cost, &sol), 5);
    }

    #[test]
    fn all_equal_costs_give_a_permutation() {
        let n = 6;
        let cost = vec![7; n * n];
        let mut sol = solve(n, &cost);
        sol.sort_unstable();
        assert_eq!(sol, (0..n as u32).collect::<Vec<_>>());
    }
}
