//! What the server does with each pushed mutation: the rules that make every change count
//! exactly once, in order, whatever the network does to the requests that carry them.

use serde::{Deserialize, Serialize};

/// Why a mutation was not applied: a stable code for programs and a sentence for the person
/// whose change it was, shown under "Needs attention".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    pub code: String,
    pub message: String,
}

impl Rejection {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
        }
    }
}

/// A change to a state `S`. The same code runs on the device (to show the change at once) and on
/// the server (to decide it); rules only the server can judge, such as who may do what or how
/// many places are left, run on the server alone, outside this trait.
pub trait Mutator<S> {
    /// Applies the change, or says why it cannot be applied and leaves `state` as it was.
    fn apply(&self, state: &mut S) -> Result<(), Rejection>;
}

/// What to do with a mutation given the client's last applied counter on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposition {
    /// The next one in order: apply it (or reject it) and record its counter.
    Apply,
    /// Already applied or rejected: a retry. Do nothing; it must not take effect twice.
    AlreadyDone,
    /// Something before it has not arrived. Refuse it; the client will send from `expected`.
    Gap { expected: u64 },
}

/// Counters start at 1; `last_applied` is 0 for a client the server has never heard from.
pub const fn disposition(last_applied: u64, counter: u64) -> Disposition {
    if counter <= last_applied {
        Disposition::AlreadyDone
    } else if counter == last_applied + 1 {
        Disposition::Apply
    } else {
        Disposition::Gap {
            expected: last_applied + 1,
        }
    }
}

/// How a pushed batch divides: the positions (indexes into the batch) to apply in order, how many
/// were repeats, and, if the batch skips ahead, the counter the server needs next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushPlan {
    pub apply: Vec<usize>,
    pub already_done: usize,
    pub gap: Option<u64>,
}

/// Plans a batch of counters against the client's last applied counter. Counters that repeat
/// within the batch are treated like any other retry; processing stops at the first gap.
pub fn plan_push(last_applied: u64, counters: &[u64]) -> PushPlan {
    let mut plan = PushPlan {
        apply: Vec::new(),
        already_done: 0,
        gap: None,
    };
    let mut last = last_applied;
    for (index, &counter) in counters.iter().enumerate() {
        match disposition(last, counter) {
            Disposition::Apply => {
                plan.apply.push(index);
                last = counter;
            }
            Disposition::AlreadyDone => plan.already_done += 1,
            Disposition::Gap { expected } => {
                plan.gap = Some(expected);
                break;
            }
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_counter_applies_repeats_are_done_and_gaps_refused() {
        assert_eq!(disposition(0, 1), Disposition::Apply);
        assert_eq!(disposition(4, 5), Disposition::Apply);
        assert_eq!(disposition(5, 5), Disposition::AlreadyDone);
        assert_eq!(disposition(5, 1), Disposition::AlreadyDone);
        assert_eq!(disposition(5, 7), Disposition::Gap { expected: 6 });
        assert_eq!(disposition(0, 2), Disposition::Gap { expected: 1 });
    }

    #[test]
    fn a_retried_batch_after_a_lost_response_applies_only_what_is_new() {
        // The server applied 1..=3, the response was lost, and the client sends 1..=5.
        let plan = plan_push(3, &[1, 2, 3, 4, 5]);
        assert_eq!(plan.apply, [3, 4]);
        assert_eq!(plan.already_done, 3);
        assert_eq!(plan.gap, None);
    }

    #[test]
    fn a_batch_stops_at_a_gap_but_keeps_what_came_before() {
        let plan = plan_push(0, &[1, 2, 4, 5]);
        assert_eq!(plan.apply, [0, 1]);
        assert_eq!(plan.gap, Some(3));
    }

    #[test]
    fn duplicates_inside_one_batch_count_once() {
        let plan = plan_push(0, &[1, 1, 2, 2, 3]);
        assert_eq!(plan.apply, [0, 2, 4]);
        assert_eq!(plan.already_done, 2);
    }
}
