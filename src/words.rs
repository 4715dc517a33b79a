//! Sentences built from numbers, shared by pages.

/// "Showing 3 of 12 households.", or "Showing all 12 households." when nothing is hidden.
pub fn showing(shown: usize, total: usize, one: &str, many: &str) -> String {
    let noun = if total == 1 { one } else { many };
    if shown == total {
        format!("Showing all {total} {noun}.")
    } else {
        format!("Showing {shown} of {total} {noun}.")
    }
}
