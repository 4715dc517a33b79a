//! Whether the portal can reach its server right now, shared with every part of the app.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::{Connectivity, LinkState};

use crate::api;

/// What the status area says about the connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusMessage {
    pub headline: &'static str,
    pub detail: &'static str,
    /// A modifier for the status area's style; the words carry the meaning on their own.
    pub tone: &'static str,
}

pub const fn describe(state: LinkState) -> StatusMessage {
    match state {
        LinkState::Checking => StatusMessage {
            headline: "Checking your connection",
            detail: "You can use the portal while it checks.",
            tone: "checking",
        },
        LinkState::Online => StatusMessage {
            headline: "Connected",
            detail: "The portal can reach the fostering service.",
            tone: "online",
        },
        LinkState::Offline => StatusMessage {
            headline: "No connection",
            detail: "You can keep using the portal. Anything you do is kept on this device \
                     until the connection comes back.",
            tone: "offline",
        },
    }
}

/// The connection state and the means to check it again.
#[derive(Debug, Clone, Copy)]
pub struct Connection {
    connectivity: RwSignal<Connectivity>,
    /// Each check schedules the next; a newer round makes older timers do nothing, so that an
    /// "online" event and a timer firing together never start two loops.
    round: StoredValue<u64>,
}

impl Connection {
    pub fn state(self) -> LinkState {
        self.connectivity.get().state()
    }

    /// Takes the result of a real request (a sync) as evidence about the connection. After a
    /// failure the back-off checks take over, so that a lost connection is noticed coming back.
    pub fn report(self, reached: bool) {
        let was = self.connectivity.get_untracked().state();
        self.record(reached);
        if !reached && was != LinkState::Offline {
            self.schedule_next(self.next_round());
        }
    }

    /// Checks now, whatever the back-off says, and carries on checking from there.
    pub fn check_now(self) {
        spawn_local(self.check(self.next_round()));
    }

    async fn check(self, round: u64) {
        let reached = api::health().await.is_ok();
        if self.round.get_value() != round {
            return;
        }
        self.record(reached);
        self.schedule_next(round);
    }

    fn record(self, reached: bool) {
        self.connectivity.update(|c| {
            *c = if reached { c.succeeded() } else { c.failed() };
        });
    }

    /// Starts a new round of checks; timers from earlier rounds then do nothing.
    fn next_round(self) -> u64 {
        let round = self.round.get_value().wrapping_add(1);
        self.round.set_value(round);
        round
    }

    /// Schedules the next check of `round` after the back-off the connection state calls for.
    fn schedule_next(self, round: u64) {
        let wait = self
            .connectivity
            .get_untracked()
            .next_attempt_in(js_sys::Math::random());
        self.schedule(round, wait);
    }

    fn schedule(self, round: u64, wait: Duration) {
        set_timeout(
            move || {
                if self.round.get_value() == round {
                    spawn_local(self.check(round));
                }
            },
            wait,
        );
    }
}

/// Starts watching the connection and makes it available to the whole app.
pub fn provide_connection() -> Connection {
    let connection = Connection {
        connectivity: RwSignal::new(Connectivity::new()),
        round: StoredValue::new(0),
    };
    provide_context(connection);
    // The browser's online and offline events are only hints: each one triggers a real check.
    let _ = window_event_listener(leptos::ev::online, move |_| connection.check_now());
    let _ = window_event_listener(leptos::ev::offline, move |_| connection.check_now());
    connection.check_now();
    connection
}

/// The connection state provided by `App`.
pub fn use_connection() -> Connection {
    expect_context::<Connection>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_has_words_of_its_own() {
        let all = [LinkState::Checking, LinkState::Online, LinkState::Offline];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(describe(*a).headline, describe(*b).headline);
                assert_ne!(describe(*a).tone, describe(*b).tone);
            }
        }
    }

    #[test]
    fn offline_reassures_that_nothing_is_lost() {
        assert!(
            describe(LinkState::Offline)
                .detail
                .contains("kept on this device")
        );
    }
}
