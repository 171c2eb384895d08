//! Exact assignment algorithms on integer costs (minimisation).
//!
//! The public entry point is [`crate::assignment::solve`]; this module holds the two
//! algorithms it chooses between:
//!
//! - [`shortest_path`]: successive shortest augmenting paths (Dijkstra on reduced costs)
//!   over mentors as capacitated nodes, with a private "stay unmatched" option per mentee.
//!   Works for rectangular, capacitated and sparse instances.
//! - [`jv`]: the Jonker–Volgenant algorithm (column reduction, reduction transfer,
//!   augmenting row reduction, then shortest augmenting paths) for the dense square case,
//!   where its initialisation settles most rows before any path search.

pub(crate) mod jv;
pub(crate) mod shortest_path;

/// Marks "no row" / "no column" in index arrays.
pub(crate) const NONE: u32 = u32::MAX;

/// Distance larger than any reachable path length; costs are bounded so that sums of
/// `rows + 3` of them stay far below this.
pub(crate) const INF: i64 = i64::MAX / 4;

/// Costs of the allowed (mentee, mentor) pairs, by mentee.
pub(crate) enum RowCosts<'a> {
    /// Every mentor is allowed for every mentee; row-major with `cols` entries per row.
    Dense { cols: usize, cost: &'a [i64] },
    /// Compressed rows: row `i` allows the mentors `col[start[i]..start[i + 1]]`.
    Sparse {
        start: &'a [usize],
        col: &'a [u32],
        cost: &'a [i64],
    },
}
