//! The protocol end to end on a model: a device queue, an unreliable network, and a server that
//! follows `plan_push`. Whatever the network does, every change takes effect exactly once.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::model::{self, Server};
use super::push::{Mutator, Rejection};
use super::queue::{Queue, Queued, Settled};

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

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (0_u8..4, -50_i32..50).prop_map(|(k, v)| Change::Set(k, v)),
        (0_u8..4, -5_i32..5).prop_map(|(k, d)| Change::Add(k, d)),
        (0_u8..4).prop_map(Change::Remove),
        (0_u8..4).prop_map(Change::Count),
    ]
}

proptest! {
    #[test]
    fn pushing_a_batch_twice_is_the_same_as_once(changes in prop::collection::vec(change(), 0..30)) {
        model::pushing_twice_is_the_same_as_once::<State, _>(&changes)?;
    }

    #[test]
    fn whatever_the_network_does_every_change_counts_once(
        changes in prop::collection::vec(change(), 1..40),
        fates in model::fates(),
    ) {
        model::every_change_counts_once::<State, _>(&changes, fates)?;
    }

    #[test]
    fn the_optimistic_view_becomes_the_server_state(
        applied in prop::collection::vec(change(), 0..10),
        queued in prop::collection::vec(change(), 0..10),
    ) {
        model::the_optimistic_view_becomes_the_server_state::<State, _>(&applied, &queued)?;
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
    let mut server = Server::<State>::default();
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
