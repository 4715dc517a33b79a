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

/// "1 session", "3 sessions".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_agree_with_their_nouns() {
        assert_eq!(count(1, "session", "sessions"), "1 session");
        assert_eq!(count(0, "session", "sessions"), "0 sessions");
        assert_eq!(
            showing(2, 2, "household", "households"),
            "Showing all 2 households."
        );
        assert_eq!(
            showing(1, 3, "household", "households"),
            "Showing 1 of 3 households."
        );
    }
}
