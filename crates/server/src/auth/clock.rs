//! The server's clock, behind a trait so that tests can move time on (sessions expire, sign-in
//! limits wear off) without waiting.

use std::fmt::Debug;

/// Whole seconds since 1970 in UTC.
pub trait Clock: Debug + Send + Sync {
    fn now(&self) -> i64;
}

#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> i64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
    }
}
