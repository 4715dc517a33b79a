//! Whether the portal can reach its server, judged by whether requests succeed.
//!
//! Browsers' `navigator.onLine` is wrong in both directions (it says "online" on a captive Wi-Fi
//! portal and "offline" on some corporate networks), so the app only uses its events as a hint to
//! check again. The truth is what happened to the last request, and after failures the app waits
//! longer and longer, with jitter, so that a thousand phones coming back into signal at once do not
//! all call the server in the same second.

use std::time::Duration;

/// The shortest wait before trying the server again after a failure.
pub const FIRST_RETRY: Duration = Duration::from_secs(2);
/// The longest wait between attempts while the server cannot be reached.
pub const LONGEST_RETRY: Duration = Duration::from_secs(5 * 60);
/// How often to confirm that the server is still reachable while all is well.
pub const ONLINE_RECHECK: Duration = Duration::from_secs(2 * 60);

/// What the portal currently believes about its link to the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkState {
    /// No request has finished yet since the app started.
    Checking,
    /// The last request reached the server.
    Online,
    /// The last request could not reach the server.
    Offline,
}

/// The link state together with how many attempts in a row have failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Connectivity {
    state: LinkState,
    failures_in_a_row: u32,
}

impl Default for Connectivity {
    fn default() -> Self {
        Self::new()
    }
}

impl Connectivity {
    /// The state at start-up, before anything is known.
    pub const fn new() -> Self {
        Self {
            state: LinkState::Checking,
            failures_in_a_row: 0,
        }
    }

    pub const fn state(&self) -> LinkState {
        self.state
    }

    pub const fn failures_in_a_row(&self) -> u32 {
        self.failures_in_a_row
    }

    /// A request reached the server.
    #[must_use]
    pub const fn succeeded(self) -> Self {
        Self {
            state: LinkState::Online,
            failures_in_a_row: 0,
        }
    }

    /// A request could not reach the server (no network, a timeout, or the server not answering).
    #[must_use]
    pub const fn failed(self) -> Self {
        Self {
            state: LinkState::Offline,
            failures_in_a_row: self.failures_in_a_row.saturating_add(1),
        }
    }

    /// How long to wait before the next automatic attempt.
    ///
    /// `jitter` is a number from 0 to 1 chosen at random by the caller (the core has no source of
    /// randomness). After `n` failures in a row the ceiling is `FIRST_RETRY * 2^(n-1)`, capped at
    /// `LONGEST_RETRY`, and the wait is drawn from the upper half of it: never a hot loop, never
    /// everyone at once.
    pub fn next_attempt_in(&self, jitter: f64) -> Duration {
        if self.failures_in_a_row == 0 {
            return ONLINE_RECHECK;
        }
        let doublings = self.failures_in_a_row.saturating_sub(1).min(16);
        let ceiling = FIRST_RETRY
            .saturating_mul(1_u32 << doublings)
            .min(LONGEST_RETRY);
        let jitter = if jitter.is_finite() {
            jitter.clamp(0.0, 1.0)
        } else {
            0.0
        };
        ceiling.mul_f64(0.5 + jitter / 2.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after_failures(n: u32) -> Connectivity {
        (0..n).fold(Connectivity::new(), |c, _| c.failed())
    }

    #[test]
    fn starts_checking_and_follows_the_last_request() {
        let c = Connectivity::new();
        assert_eq!(c.state(), LinkState::Checking);
        assert_eq!(c.failed().state(), LinkState::Offline);
        assert_eq!(c.failed().succeeded().state(), LinkState::Online);
    }

    #[test]
    fn success_resets_the_count_of_failures() {
        let c = after_failures(5).succeeded();
        assert_eq!(c.failures_in_a_row(), 0);
        assert_eq!(c.next_attempt_in(0.3), ONLINE_RECHECK);
    }

    #[test]
    fn waits_double_after_each_failure_until_the_cap() {
        assert_eq!(after_failures(1).next_attempt_in(1.0), FIRST_RETRY);
        assert_eq!(after_failures(2).next_attempt_in(1.0), FIRST_RETRY * 2);
        assert_eq!(after_failures(3).next_attempt_in(1.0), FIRST_RETRY * 4);
        assert_eq!(after_failures(40).next_attempt_in(1.0), LONGEST_RETRY);
        let worn_out = Connectivity {
            state: LinkState::Offline,
            failures_in_a_row: u32::MAX,
        };
        assert_eq!(worn_out.failed().failures_in_a_row(), u32::MAX);
        assert_eq!(worn_out.next_attempt_in(1.0), LONGEST_RETRY);
    }

    #[test]
    fn jitter_keeps_the_wait_in_the_upper_half_of_the_ceiling() {
        let c = after_failures(4);
        let ceiling = FIRST_RETRY * 8;
        assert_eq!(c.next_attempt_in(0.0), ceiling / 2);
        let mid = c.next_attempt_in(0.5);
        assert!(mid > ceiling / 2 && mid < ceiling, "{mid:?}");
        // Out-of-range or broken random numbers never produce a zero wait (a hot loop).
        assert_eq!(c.next_attempt_in(-3.0), ceiling / 2);
        assert_eq!(c.next_attempt_in(f64::NAN), ceiling / 2);
        assert_eq!(c.next_attempt_in(7.0), ceiling);
    }
}
