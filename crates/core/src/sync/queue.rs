//! The device's queue of changes not yet confirmed by the server, and the view the person sees:
//! the server's state with those changes replayed on top.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::push::{Mutator, Rejection};

/// A mutation waiting on the device, with the counter it was given when it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queued<M> {
    pub counter: u64,
    pub mutation: M,
}

/// What became of a queued mutation once the server had seen it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settled<M> {
    Applied(Queued<M>),
    /// Shown to the person under "Needs attention"; never dropped silently.
    Rejected(Queued<M>, Rejection),
}

/// One client's queue. Counters start at 1 and only go up, so the server can tell a retry from
/// a new change and notice anything missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue<M> {
    next_counter: u64,
    pending: Vec<Queued<M>>,
}

impl<M> Default for Queue<M> {
    fn default() -> Self {
        Self::new()
    }
}

impl<M> Queue<M> {
    pub const fn new() -> Self {
        Self {
            next_counter: 1,
            pending: Vec::new(),
        }
    }

    /// Rebuilds a queue from what the device stored: the next counter to use and the entries
    /// that survived (in any order). Entries are sorted; if the stored next counter is behind an
    /// entry (a write that was cut short), it moves past it so no counter is ever used twice.
    pub fn restore(next_counter: u64, mut pending: Vec<Queued<M>>) -> Self {
        // Unstable is right here (equal counters are duplicates, removed next) and keeps the
        // device app smaller than a stable sort would.
        pending.sort_unstable_by_key(|q| q.counter);
        pending.dedup_by_key(|q| q.counter);
        let after_last = pending.last().map_or(1, |q| q.counter + 1);
        Self {
            next_counter: next_counter.max(after_last).max(1),
            pending,
        }
    }

    /// Adds a change and returns the counter it was given.
    pub fn enqueue(&mut self, mutation: M) -> u64 {
        let counter = self.next_counter;
        self.next_counter += 1;
        self.pending.push(Queued { counter, mutation });
        counter
    }

    pub const fn next_counter(&self) -> u64 {
        self.next_counter
    }

    pub fn pending(&self) -> &[Queued<M>] {
        &self.pending
    }

    pub fn len(&self) -> usize {
        self.pending.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    /// The oldest `max` changes, to send in one push.
    pub fn next_batch(&self, max: usize) -> &[Queued<M>] {
        &self.pending[..self.pending.len().min(max)]
    }

    /// Takes out everything the server has dealt with, given this client's last applied counter
    /// and the rejections it reported, and says what became of each.
    pub fn settle(
        &mut self,
        last_applied: u64,
        rejections: &BTreeMap<u64, Rejection>,
    ) -> Vec<Settled<M>> {
        let split = self
            .pending
            .iter()
            .position(|q| q.counter > last_applied)
            .unwrap_or(self.pending.len());
        self.pending
            .drain(..split)
            .map(|queued| match rejections.get(&queued.counter) {
                Some(rejection) => Settled::Rejected(queued, rejection.clone()),
                None => Settled::Applied(queued),
            })
            .collect()
    }
}

/// What the person sees: the server's state with the still-queued changes replayed on top, in
/// order. A change that no longer applies (the server's state moved on) is left out here; the
/// server will reject it and the person will be told.
pub fn optimistic<S: Clone, M: Mutator<S>>(server_state: &S, pending: &[Queued<M>]) -> S {
    let mut state = server_state.clone();
    for queued in pending {
        let mut attempt = state.clone();
        if queued.mutation.apply(&mut attempt).is_ok() {
            state = attempt;
        }
    }
    state
}
