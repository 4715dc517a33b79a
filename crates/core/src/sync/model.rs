//! A model of the protocol for property tests: a device queue, an unreliable network and a
//! server that follows `plan_push`, generic over the state and its mutators so that every
//! feature's real mutators are checked against the same properties.

use std::collections::BTreeMap;
use std::fmt::Debug;

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use super::push::{Mutator, Rejection, plan_push};
use super::queue::{Queue, Queued, Settled, optimistic};

/// The server: its state, the client's last applied counter, and the rejections it recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Server<S> {
    pub state: S,
    pub last_applied: u64,
    pub rejected: BTreeMap<u64, Rejection>,
}

impl<S: Clone> Server<S> {
    pub fn push<M: Mutator<S>>(&mut self, batch: &[Queued<M>]) {
        let counters: Vec<u64> = batch.iter().map(|q| q.counter).collect();
        for index in plan_push(self.last_applied, &counters).apply {
            let queued = &batch[index];
            let mut attempt = self.state.clone();
            match queued.mutation.apply(&mut attempt) {
                Ok(()) => self.state = attempt,
                Err(rejection) => {
                    self.rejected.insert(queued.counter, rejection);
                }
            }
            self.last_applied = queued.counter;
        }
    }
}

/// What the network does to one push: deliver it, lose the request, or deliver it and lose
/// the response.
#[derive(Debug, Clone, Copy)]
pub enum Fate {
    Delivered,
    RequestLost,
    ResponseLost,
    DeliveredTwice,
}

/// A push's fate and how many changes the client sends in it.
pub fn fates() -> impl Strategy<Value = Vec<(Fate, usize)>> {
    let fate = prop_oneof![
        Just(Fate::Delivered),
        Just(Fate::RequestLost),
        Just(Fate::ResponseLost),
        Just(Fate::DeliveredTwice),
    ];
    prop::collection::vec((fate, 1_usize..8), 1..60)
}

/// Applying every change once, in order, with rejections leaving the state alone.
pub fn reference<S: Clone + Default, M: Mutator<S>>(changes: &[M]) -> S {
    changes.iter().fold(S::default(), |mut state, change| {
        let mut attempt = state.clone();
        if change.apply(&mut attempt).is_ok() {
            state = attempt;
        }
        state
    })
}

fn queue_of<M: Clone>(changes: &[M]) -> Queue<M> {
    let mut queue = Queue::new();
    for change in changes {
        queue.enqueue(change.clone());
    }
    queue
}

/// Pushing the same batch a second time changes nothing on the server.
pub fn pushing_twice_is_the_same_as_once<S, M>(changes: &[M]) -> Result<(), TestCaseError>
where
    S: Clone + Default + PartialEq + Debug,
    M: Mutator<S> + Clone,
{
    let queue = queue_of(changes);
    let mut once = Server::<S>::default();
    once.push(queue.pending());
    let mut twice = once.clone();
    twice.push(queue.pending());
    prop_assert_eq!(&once, &twice);
    prop_assert_eq!(once.state, reference(changes));
    Ok(())
}

/// Whatever the network does (then behaving until the queue drains), every change settles
/// exactly once and the server ends as if each had been applied once, in order.
pub fn every_change_counts_once<S, M>(
    changes: &[M],
    fates: Vec<(Fate, usize)>,
) -> Result<(), TestCaseError>
where
    S: Clone + Default + PartialEq + Debug,
    M: Mutator<S> + Clone,
{
    let mut queue = queue_of(changes);
    let mut server = Server::<S>::default();
    let mut settled = Vec::new();
    let reliable = std::iter::repeat((Fate::Delivered, 5));
    for (fate, batch_size) in fates.into_iter().chain(reliable).take(400) {
        if queue.is_empty() {
            break;
        }
        let batch = queue.next_batch(batch_size).to_vec();
        match fate {
            Fate::RequestLost => continue,
            Fate::Delivered | Fate::ResponseLost => server.push(&batch),
            Fate::DeliveredTwice => {
                server.push(&batch);
                server.push(&batch);
            }
        }
        if !matches!(fate, Fate::ResponseLost) {
            // The next pull tells the client how far the server has got.
            settled.extend(queue.settle(server.last_applied, &server.rejected));
        }
    }
    prop_assert!(queue.is_empty());
    prop_assert_eq!(
        settled.len(),
        changes.len(),
        "every change settled exactly once"
    );
    prop_assert_eq!(&server.state, &reference(changes));
    let rejected = settled
        .iter()
        .filter(|s| matches!(s, Settled::Rejected(..)))
        .count();
    prop_assert_eq!(rejected, server.rejected.len());
    Ok(())
}

/// What the device shows (the server's state with its queue on top) is what the server will
/// have once the queue arrives.
pub fn the_optimistic_view_becomes_the_server_state<S, M>(
    applied: &[M],
    queued: &[M],
) -> Result<(), TestCaseError>
where
    S: Clone + Default + PartialEq + Debug,
    M: Mutator<S> + Clone,
{
    let all: Vec<M> = applied.iter().chain(queued).cloned().collect();
    let mut queue = queue_of(&all);
    let mut server = Server::<S>::default();
    server.push(queue.next_batch(applied.len()));
    queue.settle(server.last_applied, &server.rejected);
    let shown = optimistic(&server.state, queue.pending());
    server.push(queue.pending());
    prop_assert_eq!(shown, server.state);
    Ok(())
}
