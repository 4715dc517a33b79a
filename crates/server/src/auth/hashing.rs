//! Password hashing, a few at a time. Each Argon2 hash takes 19 MiB of memory and tens of
//! milliseconds of a core on purpose, so a burst of sign-ins from strangers could otherwise
//! fill the server's memory. About one hash runs per core; the rest wait a moment for a turn,
//! and past that are told the portal is busy, with when to try again.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

/// How long a sign-in waits for a turn before it is told the portal is busy.
pub const WAIT_FOR_A_TURN: Duration = Duration::from_secs(3);
/// What a busy answer tells the browser, in seconds.
pub const RETRY_AFTER_SECONDS: i64 = 5;

#[derive(Debug, thiserror::Error)]
pub enum HashingError {
    #[error("every password check is in use")]
    Busy,
    #[error("the password check stopped: {0}")]
    Stopped(#[from] tokio::task::JoinError),
}

#[derive(Debug, Clone)]
pub struct HashGate {
    turns: Arc<Semaphore>,
    wait: Duration,
}

impl HashGate {
    /// `at_once` hashes at a time, each other waiting up to `wait` for a turn.
    pub fn new(at_once: usize, wait: Duration) -> Self {
        Self {
            turns: Arc::new(Semaphore::new(at_once)),
            wait,
        }
    }

    /// One hash at a time for each core this machine has.
    pub fn for_this_machine() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        Self::new(cores, WAIT_FOR_A_TURN)
    }

    /// Runs `work` (a password hash or check) on a blocking thread, once a turn is free.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, HashingError> {
        let turn = tokio::time::timeout(self.wait, self.turns.clone().acquire_owned())
            .await
            .map_err(|_| HashingError::Busy)?
            .map_err(|_| HashingError::Busy)?;
        let done = tokio::task::spawn_blocking(work).await?;
        drop(turn);
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn work_past_the_bound_waits_then_is_turned_away() {
        let gate = HashGate::new(1, Duration::from_millis(50));
        let (started, release) = std::sync::mpsc::channel::<()>();
        let (let_go, waiting) = std::sync::mpsc::channel::<()>();
        let busy = gate.clone();
        let first = tokio::spawn(async move {
            busy.run(move || {
                started.send(()).ok();
                waiting.recv().ok();
            })
            .await
        });
        tokio::task::spawn_blocking(move || release.recv())
            .await
            .expect("joined")
            .expect("the first hash started");
        assert!(matches!(gate.run(|| 1).await, Err(HashingError::Busy)));
        let_go.send(()).expect("release the first");
        assert!(first.await.expect("joined").is_ok());
        // With the turn given back, the next one runs.
        assert_eq!(gate.run(|| 2).await.ok(), Some(2));
    }
}
