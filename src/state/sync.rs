//! The sync engine in the browser: when to push and pull, and what the status area shows.
//!
//! It syncs at start, when the connection returns, about a second after a local change, every
//! minute while the page is visible, and on "Sync now", backing off with jitter after failures.
//! Other tabs learn of changes through the device store's messages (and the browser's `storage`
//! event for who is signed in) and refresh at once.
//!
//! Each user has one sync client on a device, whichever tab or page load makes the change: the
//! Web Lock `portal-queue` lets one tab at a time take the next counter, and `portal-sync` one tab
//! at a time send and receive.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::LinkState;
use portal_core::carers::HouseholdStatus;
use portal_core::details::{MyDetails, Overwritten};
use portal_core::household::HouseholdFacts;
use portal_core::sync::{ChangeNumber, ClientId};
use serde::Serialize;
use serde_json::value::RawValue;

use super::account::{Account, device};
use super::connection::Connection;
use crate::api::{self, ApiError};
use crate::device::{clock_time, random_id};
use crate::storage::{BrowserStore, StorageError};
use crate::sync_engine::{
    Attention, household_facts, my_details_view, next_push, overwritten_notices,
    photos_named_by_waiting_changes, placeholders_for_gap, storage_problem_while_syncing,
    take_pull,
};
use crate::web_lock;

const AFTER_A_CHANGE: Duration = Duration::from_secs(1);
const WHILE_VISIBLE: Duration = Duration::from_secs(60);
/// How long to gather other tabs' storage events before refreshing this tab.
const OTHER_TABS_SETTLE: Duration = Duration::from_millis(100);
/// The Web Lock every tab takes to sync.
const SYNC_LOCK: &str = "portal-sync";
/// The Web Lock every tab takes to add a change to the device's queue, so that two tabs never
/// take the same counter.
const QUEUE_LOCK: &str = "portal-queue";

/// What the person sees of sync, and the means to make changes.
#[derive(Debug, Clone, Copy)]
pub struct Sync {
    /// Changes being written to the device now: until they are stored, the status area must not
    /// say that everything is saved.
    saving: RwSignal<usize>,
    waiting: RwSignal<usize>,
    last_synced: RwSignal<Option<String>>,
    attention: RwSignal<Vec<(String, Attention)>>,
    details: RwSignal<MyDetails>,
    household: RwSignal<Option<HouseholdFacts>>,
    notices: RwSignal<Vec<Overwritten>>,
    /// Goes up whenever what the device holds may have changed (a sync, a change made here or in
    /// another tab), so that pages reading the device's storage know to read it again.
    revision: RwSignal<u64>,
    /// Why the last sync did not finish, when the reason is not simply "no connection".
    problem: RwSignal<Option<String>>,
    running: StoredValue<bool>,
    again: StoredValue<bool>,
    account: Account,
    connection: Connection,
}

impl Sync {
    pub fn waiting(self) -> usize {
        self.waiting.get()
    }

    pub fn problem(self) -> Option<String> {
        self.problem.get()
    }

    pub fn waiting_untracked(self) -> usize {
        self.waiting.get_untracked()
    }

    pub fn last_synced(self) -> Option<String> {
        self.last_synced.get()
    }

    pub fn attention(self) -> Vec<(String, Attention)> {
        self.attention.get()
    }

    pub fn details(self) -> MyDetails {
        self.details.get()
    }

    pub fn details_untracked(self) -> MyDetails {
        self.details.get_untracked()
    }

    /// What the service records about the household (staff keep it; carers read it).
    pub fn household(self) -> Option<HouseholdFacts> {
        self.household.get()
    }

    /// Whether the household is being assessed: its carer is an applicant, who has their
    /// application in place of the carers' areas until approval.
    pub fn is_applicant(self) -> bool {
        self.household.with(|h| {
            h.as_ref()
                .is_some_and(|h| h.status == HouseholdStatus::Assessment)
        })
    }

    /// Values of the household's details that a change from another device replaced.
    pub fn notices(self) -> Vec<Overwritten> {
        self.notices.get()
    }

    /// Tracks what the device holds: a page that reads the device's storage itself (rather than
    /// through the signals above) reads this first, and so reads again after every change.
    pub fn revision(self) -> u64 {
        self.revision.get()
    }

    /// Keeps a change on the device, shows it at once, and sends it soon. The future settles
    /// only once the change is in the device's storage, so "saved" always means saved. `change`
    /// is in the shape it is queued and pushed (see `portal_core::mutation`); it is read before
    /// this returns, so the future borrows nothing.
    pub fn record<M: Serialize>(
        self,
        change: &M,
    ) -> impl Future<Output = Result<(), StorageError>> + 'static {
        let change = serde_json::value::to_raw_value(change);
        self.saving.update(|n| *n += 1);
        async move {
            let saved = self.keep(change).await;
            self.saving.update(|n| *n = n.saturating_sub(1));
            saved
        }
    }

    /// Whether a change is being written to the device at this moment.
    pub fn saving(self) -> bool {
        self.saving.get() > 0
    }

    /// The part of `record` that waits: the change is stored under the queue lock.
    async fn keep(
        self,
        change: Result<Box<RawValue>, serde_json::Error>,
    ) -> Result<(), StorageError> {
        let change = change.map_err(|e| StorageError::Other(e.to_string()))?;
        let Some(user) = self.account.user_untracked() else {
            return Err(StorageError::Other("nobody is signed in".into()));
        };
        let id = user.id.clone();
        let saved = web_lock::exclusively(QUEUE_LOCK, move || keep_on_device(id, change))
            .await
            .unwrap_or_else(|| Err(StorageError::Other("the change was not saved".into())));
        if let Err(error) = saved {
            self.refresh();
            return Err(match error {
                StorageError::Full => match self.waiting.get_untracked() {
                    0 => StorageError::Full,
                    waiting => StorageError::FullWhileWaiting(waiting),
                },
                other => other,
            });
        }
        self.refresh();
        set_timeout(move || self.sync_now(), AFTER_A_CHANGE);
        Ok(())
    }

    /// `record`, then `then` with the outcome, for an event handler that cannot wait itself.
    pub fn record_then<M: Serialize>(
        self,
        change: &M,
        then: impl FnOnce(Result<(), StorageError>) + 'static,
    ) {
        let saving = self.record(change);
        spawn_local(async move { then(saving.await) });
    }

    pub fn dismiss(self, key: &str) {
        if let Some(user) = self.account.user_untracked()
            && let Ok(device) = device()
        {
            let _ = device.user(&user.id).dismiss_attention(key);
        }
        self.refresh();
    }

    /// Re-reads what the status area and the pages show from the device's storage.
    pub fn refresh(self) {
        self.revision.update(|r| *r += 1);
        let Some(user) = self.account.user_untracked() else {
            self.waiting.set(0);
            self.attention.set(Vec::new());
            self.details.set(MyDetails::default());
            self.household.set(None);
            self.notices.set(Vec::new());
            return;
        };
        let Ok(device) = device() else { return };
        let store = device.user(&user.id);
        self.waiting.set(store.waiting().unwrap_or(0));
        self.attention.set(store.attention().unwrap_or_default());
        if let Some(household) = &user.household_id {
            self.details
                .set(my_details_view(&store, household).unwrap_or_default());
            self.household
                .set(household_facts(&store, household).ok().flatten());
        }
        self.notices
            .set(overwritten_notices(&store).unwrap_or_default());
    }

    /// Syncs now; if a sync is running, runs another straight after it.
    pub fn sync_now(self) {
        if self.running.get_value() {
            self.again.set_value(true);
            return;
        }
        self.running.set_value(true);
        spawn_local(async move {
            loop {
                self.again.set_value(false);
                // One tab at a time: another tab's sync finishes before this one starts, so
                // two tabs never send the same queue at once.
                let result = web_lock::exclusively(SYNC_LOCK, move || self.sync_once())
                    .await
                    .unwrap_or(Err(ApiError::Unexpected));
                self.after(&result);
                if !self.again.get_value() {
                    break;
                }
            }
            self.running.set_value(false);
        });
    }

    fn after(self, result: &Result<Attempt, ApiError>) {
        match result {
            // Nobody to sync for (not signed in, or waiting to sign in again): nothing was
            // asked of the server, so nothing is learnt about the connection either.
            Ok(Attempt::NothingToSync) => {}
            Ok(Attempt::Synced) => {
                self.connection.report(true);
                self.last_synced.set(Some(clock_time()));
                self.problem.set(None);
            }
            Err(ApiError::SignInRequired) => {
                self.connection.report(true);
                self.account.mark_expired();
            }
            Err(ApiError::Unreachable) => self.connection.report(false),
            Err(error) => {
                self.connection.report(true);
                self.problem.set(Some(error.message()));
            }
        }
        self.refresh();
    }

    /// Sends the photos that waiting changes name, before the changes: the server refuses a
    /// change naming a photo it has not received. A photo the server refuses (not a picture,
    /// or the household's room used up) is not sent again; its change is refused in turn.
    async fn send_photos(self, user_id: &str) -> Result<(), ApiError> {
        let Some(photos) = self.account.photos() else {
            return Ok(());
        };
        let Ok(waiting) = photos.waiting().await else {
            return Ok(());
        };
        let ids = device()
            .and_then(|d| photos_named_by_waiting_changes(&d.user(user_id), &waiting))
            .unwrap_or_default();
        for id in ids {
            let Ok(Some(image)) = photos.to_send(&id).await else {
                continue;
            };
            // Refused for good, the change that names it is refused in turn, and that says so.
            if let Err(error @ (ApiError::Unreachable | ApiError::SignInRequired)) =
                api::put_photo(&id, &image).await
            {
                return Err(error);
            }
            // Sent, or refused for good: either way it is no longer waiting, and may make way
            // for room like any photo kept for reading.
            let _ = photos.sent(&id).await;
        }
        Ok(())
    }

    async fn sync_once(self) -> Result<Attempt, ApiError> {
        let Some(user) = self.account.user_untracked() else {
            return Ok(Attempt::NothingToSync);
        };
        if user.household_id.is_none() || self.account.is_expired() {
            return Ok(Attempt::NothingToSync);
        }
        let storage = |e: StorageError| ApiError::Server {
            status: 0,
            code: "storage".into(),
            message: storage_problem_while_syncing(&e),
        };
        // Another tab may have queued, sent or pulled since this one last looked: read again
        // what this sync depends on, now that this tab holds the sync lock.
        let store = BrowserStore::current();
        let prefix = device()
            .map_err(storage)?
            .user(&user.id)
            .prefix()
            .to_owned();
        let depends_on = ["q:", "qnext:", "sent:", "cursor", "client", "attention:"]
            .map(|part| format!("{prefix}{part}"));
        store.reload(&depends_on).await.map_err(storage)?;
        self.send_photos(&user.id).await?;
        let clients = device()
            .and_then(|d| d.user(&user.id).clients_with_queues())
            .map_err(storage)?;
        // Every client's queue on this device, including those of closed tabs.
        for client in clients {
            let batch = device()
                .and_then(|d| next_push(&d.user(&user.id), &client))
                .map_err(storage)?;
            if let Some(batch) = batch {
                let answer = api::push(&batch).await?;
                // The server is waiting for a change this device can no longer read: send
                // placeholders so that the rest of the queue is not stuck behind it.
                let fill = match answer.expected {
                    Some(expected) => device()
                        .and_then(|d| placeholders_for_gap(&d.user(&user.id), &client, expected))
                        .map_err(storage)?,
                    None => None,
                };
                if let Some(fill) = fill {
                    api::push(&fill).await?;
                    api::push(&batch).await?;
                }
            }
        }
        loop {
            let (cursor, clients, epoch) = device()
                .and_then(|d| {
                    let user = d.user(&user.id);
                    Ok((user.cursor()?, user.sync_clients()?, user.epoch()?))
                })
                .map_err(storage)?;
            let page = match api::pull(cursor, &clients, &epoch).await {
                // The server was restored from a backup (its epoch is new, or it knows less than
                // this device): start again from the beginning. Changes still queued here are
                // sent as usual, and any it lost come back from the sent log (see `take_pull`).
                Err(error) if error.code() == Some("cursor_ahead") => {
                    device()
                        .and_then(|d| d.user(&user.id).set_cursor(ChangeNumber::ZERO))
                        .map_err(storage)?;
                    store.flush().await.map_err(storage)?;
                    continue;
                }
                other => other?,
            };
            // The page, the queue it settles and the cursor are one transaction: stored whole,
            // or not at all and pulled again.
            let outcome = device()
                .and_then(|d| take_pull(&d.user(&user.id), &page))
                .map_err(storage)?;
            store.flush().await.map_err(storage)?;
            if outcome.resent > 0 {
                // The server had lost changes it once confirmed: send them again now.
                self.again.set_value(true);
            }
            if !page.has_more {
                break;
            }
        }
        Ok(Attempt::Synced)
    }
}

/// What one run of the sync did, when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attempt {
    Synced,
    NothingToSync,
}

fn new_client_id() -> Option<ClientId> {
    ClientId::parse(&random_id("device")?).ok()
}

/// Adds a change to the user's queue on this device, under the device's own client, and
/// returns once the change and its counter are stored (one transaction). Run under the queue
/// lock, after reading again the counter other tabs may have moved on.
async fn keep_on_device(user_id: String, change: Box<RawValue>) -> Result<(), StorageError> {
    let store = BrowserStore::current();
    let device = device()?;
    let prefix = device.user(&user_id).prefix().to_owned();
    store
        .reload(&[format!("{prefix}client"), format!("{prefix}qnext:")])
        .await?;
    let user = device.user(&user_id);
    let client = user.client(new_client_id)?;
    user.enqueue(&client, &change)?;
    store.flush().await
}

pub fn provide_sync(account: Account, connection: Connection) -> Sync {
    let sync = Sync {
        saving: RwSignal::new(0),
        waiting: RwSignal::new(0),
        last_synced: RwSignal::new(None),
        attention: RwSignal::new(Vec::new()),
        details: RwSignal::new(MyDetails::default()),
        household: RwSignal::new(None),
        notices: RwSignal::new(Vec::new()),
        revision: RwSignal::new(0),
        problem: RwSignal::new(None),
        running: StoredValue::new(false),
        again: StoredValue::new(false),
        account,
        connection,
    };
    provide_context(sync);
    sync.refresh();
    // Another tab changed the device's storage: show it here too, without a reload. A first
    // sync in another tab writes a page of records at a time, so the messages of a moment are
    // taken together and the page refreshed once.
    let refresh_due = StoredValue::new(false);
    let other_tab_wrote = move || {
        if refresh_due.get_value() {
            return;
        }
        refresh_due.set_value(true);
        set_timeout(
            move || {
                refresh_due.set_value(false);
                account.reload();
                sync.refresh();
            },
            OTHER_TABS_SETTLE,
        );
    };
    BrowserStore::current().on_other_tab(other_tab_wrote);
    // Who is signed in is kept in local storage, whose changes other tabs hear of this way.
    let _ = window_event_listener(leptos::ev::storage, move |_| other_tab_wrote());
    // Whenever someone signs in (here, in another tab, or recognised by the server after the
    // browser cleared storage), show their data and sync it.
    Effect::new(move |_| {
        if account.user().is_some() {
            sync.refresh();
            sync.sync_now();
        }
    });
    let _ = window_event_listener(leptos::ev::online, move |_| sync.sync_now());
    set_interval(
        move || {
            let visible = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
            // While offline the connection's back-off decides when to try again.
            if visible && connection.state() != LinkState::Offline {
                sync.sync_now();
            }
        },
        WHILE_VISIBLE,
    );
    // When the connection comes back (found by the back-off checks), send what is waiting.
    Effect::new(move |was: Option<LinkState>| {
        let now = connection.state();
        if now == LinkState::Online && was.is_some_and(|w| w != LinkState::Online) {
            sync.sync_now();
        }
        now
    });
    sync
}

/// The sync state provided by `App`.
pub fn use_sync() -> Sync {
    expect_context::<Sync>()
}
