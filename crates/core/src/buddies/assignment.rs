//! The assignment problem: give each row at most one column, each column to at most one row,
//! at the least total cost. The Hungarian method in its shortest-augmenting-path form (Kuhn and
//! Munkres; this layout after Jonker and Volgenant): rows are added one at a time, each along
//! the cheapest path of reduced costs to a free column, keeping potentials `u` and `v` so every
//! reduced cost stays non-negative. That is exact, not a heuristic: after each row the
//! assignment is the cheapest for the rows added so far.

/// A cost no assignment may use: larger than any real total, small enough not to overflow.
pub const FORBIDDEN: i64 = i64::MAX / 4;

/// Assigns each of `rows` rows a column out of `columns` (at least as many columns as rows),
/// minimising the total of `cost(row, column)`. Returns each row's column.
///
/// Every row is assigned; a caller that lets a row go without (at a price) adds columns that
/// stand for "nobody". Pairs costing [`FORBIDDEN`] are used only if nothing else is possible,
/// so callers make sure something else is.
pub fn assign(rows: usize, columns: usize, cost: impl Fn(usize, usize) -> i64) -> Vec<usize> {
    assert!(
        rows <= columns,
        "the assignment needs a column for every row"
    );
    // 1-based, with row 0 and column 0 as the sentinels of the method's usual statement.
    let mut u = vec![0_i64; rows + 1];
    let mut v = vec![0_i64; columns + 1];
    // The row holding each column (0 for none).
    let mut row_of = vec![0_usize; columns + 1];
    let mut way = vec![0_usize; columns + 1];
    let mut min_to = vec![0_i64; columns + 1];
    let mut used = vec![false; columns + 1];
    for row in 1..=rows {
        row_of[0] = row;
        let mut column = 0;
        min_to.fill(i64::MAX);
        used.fill(false);
        loop {
            used[column] = true;
            let from = row_of[column];
            let mut delta = i64::MAX;
            let mut next = 0;
            for j in 1..=columns {
                if used[j] {
                    continue;
                }
                let reduced = cost(from - 1, j - 1)
                    .saturating_sub(u[from])
                    .saturating_sub(v[j]);
                if reduced < min_to[j] {
                    min_to[j] = reduced;
                    way[j] = column;
                }
                if min_to[j] < delta {
                    delta = min_to[j];
                    next = j;
                }
            }
            for j in 0..=columns {
                if used[j] {
                    u[row_of[j]] += delta;
                    v[j] -= delta;
                } else {
                    min_to[j] = min_to[j].saturating_sub(delta);
                }
            }
            column = next;
            if row_of[column] == 0 {
                break;
            }
        }
        // Flip the path: every column on it passes to the row before it.
        loop {
            let previous = way[column];
            row_of[column] = row_of[previous];
            column = previous;
            if column == 0 {
                break;
            }
        }
    }
    let mut column_of = vec![0; rows];
    for (j, &row) in row_of.iter().enumerate().skip(1) {
        if row != 0 {
            column_of[row - 1] = j - 1;
        }
    }
    column_of
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every way of giving rows distinct columns, for checking small cases.
    fn cheapest_by_trying_all(costs: &[Vec<i64>]) -> i64 {
        fn go(costs: &[Vec<i64>], row: usize, taken: &mut Vec<bool>) -> i64 {
            if row == costs.len() {
                return 0;
            }
            let mut best = i64::MAX;
            for j in 0..taken.len() {
                if !taken[j] {
                    taken[j] = true;
                    let rest = go(costs, row + 1, taken);
                    taken[j] = false;
                    best = best.min(costs[row][j].saturating_add(rest));
                }
            }
            best
        }
        go(costs, 0, &mut vec![false; costs[0].len()])
    }

    #[test]
    fn the_cheapest_assignment_beats_the_greedy_one() {
        // Greedy takes 1 for row 0 and must then pay 100 for row 1: 101. The best is 2 + 3.
        let costs = [vec![1, 2], vec![3, 100]];
        let columns = assign(2, 2, |r, c| costs[r][c]);
        assert_eq!(columns, [1, 0]);
    }

    proptest::proptest! {
        #[test]
        fn matches_trying_every_assignment(
            rows in 1_usize..5,
            extra in 0_usize..3,
            seed in proptest::collection::vec(-50_i64..50, 64),
        ) {
            let columns = rows + extra;
            let costs: Vec<Vec<i64>> = (0..rows)
                .map(|r| (0..columns).map(|c| seed[(r * columns + c) % seed.len()]).collect())
                .collect();
            let chosen = assign(rows, columns, |r, c| costs[r][c]);
            let mut distinct = chosen.clone();
            distinct.sort_unstable();
            distinct.dedup();
            proptest::prop_assert_eq!(distinct.len(), rows);
            let total: i64 = chosen.iter().enumerate().map(|(r, &c)| costs[r][c]).sum();
            proptest::prop_assert_eq!(total, cheapest_by_trying_all(&costs));
        }
    }
}
