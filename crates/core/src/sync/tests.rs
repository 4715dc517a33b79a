//! The protocol end to end on a model: a device queue, an unreliable network, and a server that
//! follows `plan_push`. Whatever the network does, every change takes effect exactly once.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::push::{Mutator, Rejection, plan_push};
use super::queue::{Queue, Queued, Settled, optimistic};

type State = BTreeMap<u8, i32>;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Change {
    Set(u8, i32),
    Add(u8, i32),
    Remove(u8),
    /// Counts up from nothing: the kind of change (like appending a message) that a replay
    /// would visibly repeat.
    Count(u8),
}

impl Mutator<State> for Change {
    fn apply(&self, state: &mut State) -> Result<(), Rejection> {
        let missing = || Rejection::new("missing", "That item no longer exists.");
        match *self {
            Self::Set(k, v) => {
                state.insert(k, v);
            }
            Self::Add(k, d) => {
                let value = state.get_mut(&k).ok_or_else(missing)?;
                *value = value.saturating_add(d);
            }
            Self::Remove(k) => {
                state.remove(&k).ok_or_else(missing)?;
            }
            Self::Count(k) => {
                *state.entry(k).or_insert(0) += 1;
            }
        }
        Ok(())
    }
}

/// The server: its state, the client's last applied counter, and the rejections it recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Server {
    state: State,
    last_applied: u64,
    rejected: BTreeMap<u64, Rejection>,
}

impl Server {
    fn push(&mut self, batch: &[Queued<Change>]) {
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

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (0_u8..4, -50_i32..50).prop_map(|(k, v)| Change::Set(k, v)),
        (0_u8..4, -5_i32..5).prop_map(|(k, d)| Change::Add(k, d)),
        (0_u8..4).prop_map(Change::Remove),
        (0_u8..4).prop_map(Change::Count),
    ]
}

/// What the network does to one push: deliver it, lose the request, or deliver it and lose
/// the response; and how many changes the client sends at once.
#[derive(Debug, Clone, Copy)]
enum Fate {
    Delivered,
    RequestLost,
    ResponseLost,
    DeliveredTwice,
}

fn fate() -> impl Strategy<Value = Fate> {
    prop_oneof![
        Just(Fate::Delivered),
        Just(Fate::RequestLost),
        Just(Fate::ResponseLost),
        Just(Fate::DeliveredTwice),
    ]
}

/// Applying every change once, in order, with rejections leaving the state alone.
fn reference(changes: &[Change]) -> State {
    changes.iter().fold(State::new(), |mut state, change| {
        let mut attempt = state.clone();
        if change.apply(&mut attempt).is_ok() {
            state = attempt;
        }
        state
    })
}

proptest! {
    #[test]
    fn pushing_a_batch_twice_is_the_same_as_once(changes in prop::collection::vec(change(), 0..30)) {
        let mut queue = Queue::new();
        for change in &changes {
            queue.enqueue(change.clone());
        }
        let mut once = Server::default();
        once.push(queue.pending());
        let mut twice = once.clone();
        twice.push(queue.pending());
        prop_assert_eq!(&once, &twice);
        prop_assert_eq!(once.state, reference(&changes));
    }

    #[test]
    fn whatever_the_network_does_every_change_counts_once(
        changes in prop::collection::vec(change(), 1..40),
        fates in prop::collection::vec((fate(), 1_usize..8), 1..60),
    ) {
        let mut queue = Queue::new();
        for change in &changes {
            queue.enqueue(change.clone());
        }
        let mut server = Server::default();
        let mut settled = Vec::new();
        // The network misbehaves as the strategy says, then behaves until the queue drains.
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
        prop_assert_eq!(settled.len(), changes.len(), "every change settled exactly once");
        prop_assert_eq!(&server.state, &reference(&changes));
        let rejected = settled.iter().filter(|s| matches!(s, Settled::Rejected(..))).count();
        prop_assert_eq!(rejected, server.rejected.len());
    }

    #[test]
    fn the_optimistic_view_becomes_the_server_state(
        applied in prop::collection::vec(change(), 0..10),
        queued in prop::collection::vec(change(), 0..10),
    ) {
        let mut queue = Queue::new();
        for change in applied.iter().chain(&queued) {
            queue.enqueue(change.clone());
        }
        let mut server = Server::default();
        server.push(queue.next_batch(applied.len()));
        queue.settle(server.last_applied, &server.rejected);
        let shown = optimistic(&server.state, queue.pending());
        server.push(queue.pending());
        prop_assert_eq!(shown, server.state);
    }
}

#[test]
fn a_restored_queue_never_reuses_a_counter() {
    let entries = vec![
        Queued {
            counter: 7,
            mutation: Change::Remove(1),
        },
        Queued {
            counter: 5,
            mutation: Change::Set(1, 2),
        },
        Queued {
            counter: 5,
            mutation: Change::Set(1, 2),
        },
    ];
    // The stored next counter (3) was not written before the tab was closed.
    let mut queue = Queue::restore(3, entries);
    assert_eq!(
        queue
            .pending()
            .iter()
            .map(|q| q.counter)
            .collect::<Vec<_>>(),
        [5, 7]
    );
    assert_eq!(queue.enqueue(Change::Set(2, 0)), 8);
}

#[test]
fn settling_reports_rejections_with_their_reasons() {
    let mut queue = Queue::new();
    queue.enqueue(Change::Set(1, 1));
    queue.enqueue(Change::Add(9, 1));
    queue.enqueue(Change::Set(2, 2));
    let mut server = Server::default();
    server.push(queue.next_batch(2));
    let settled = queue.settle(server.last_applied, &server.rejected);
    assert!(matches!(settled[0], Settled::Applied(_)));
    match &settled[1] {
        Settled::Rejected(queued, rejection) => {
            assert_eq!(queued.mutation, Change::Add(9, 1));
            assert_eq!(rejection.message, "That item no longer exists.");
        }
        Settled::Applied(_) => panic!("the change to a missing item must be rejected"),
    }
    assert_eq!(queue.len(), 1, "the third change is still waiting");
}
