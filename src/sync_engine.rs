//! The device side of sync, as plain functions over the device store so that it is tested
//! natively: what to push, how to take in a pull, and what the person should see.
//!
//! A user has one client on a device, shared by its tabs (which take counters one at a time),
//! and older versions of the app left a client per page load. Any tab may push any client's
//! queue (including those of tabs since closed): the server applies each client's changes once
//! and in order whoever sends them, so this is safe, and it means a change made in a tab that
//! was then closed is still sent.

use std::collections::BTreeMap;

use portal_core::details::{MyDetails, Overwritten};
use portal_core::household::HouseholdFacts;
use portal_core::mutation::details_change;
use portal_core::sync::queue::{Queued, Settled, optimistic};
use portal_core::sync::wire::collection::{HOUSEHOLD, MY_DETAILS, NOTICES};
use portal_core::sync::wire::{
    ClientProgress, MAX_PUSH, PullResponse, PushRequest, PushedMutation,
};
use portal_core::sync::{ClientId, Rejection};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::storage::{StorageError, Store, UserStore};

/// A change the server refused, kept until the person dismisses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attention {
    pub what: String,
    pub message: String,
}

/// The most bytes of changes in one push: half the server's limit on a request.
pub const MOST_PUSH_BYTES: usize = 1024 * 1024;

/// The next batch to send for a client, or `None` if its queue is empty.
pub fn next_push<S: Store>(
    user: &UserStore<'_, S>,
    client: &ClientId,
) -> Result<Option<PushRequest>, StorageError> {
    let (queue, _) = user.queue(client)?;
    if queue.is_empty() {
        return Ok(None);
    }
    // A batch stays well under the server's limit on a request's size even when changes carry
    // photos: it stops before the change that would take it over, but always holds one.
    let mut bytes = 0;
    let mutations = queue
        .next_batch(MAX_PUSH)
        .iter()
        .take_while(|q| {
            let first = bytes == 0;
            bytes += q.mutation.get().len();
            first || bytes <= MOST_PUSH_BYTES
        })
        .map(|q| PushedMutation {
            counter: q.counter,
            mutation: q.mutation.clone(),
        })
        .collect();
    Ok(Some(PushRequest {
        client_id: client.clone(),
        mutations,
    }))
}

/// When the server needs counter `expected` next and this device no longer has it (its entry
/// was unreadable and skipped), the placeholders that let the queue move on: one for each
/// missing counter before the next one the device has. Each is refused by the server with a
/// reason, which the person then sees under "Needs attention".
pub fn placeholders_for_gap<S: Store>(
    user: &UserStore<'_, S>,
    client: &ClientId,
    expected: u64,
) -> Result<Option<PushRequest>, StorageError> {
    let (queue, _) = user.queue(client)?;
    let next_present = queue
        .pending()
        .iter()
        .map(|q| q.counter)
        .find(|&c| c >= expected)
        .unwrap_or_else(|| queue.next_counter());
    if next_present <= expected {
        return Ok(None);
    }
    let marker = RawValue::from_string(r#"{"lost_on_device":{}}"#.to_owned())
        .map_err(|e| StorageError::Other(e.to_string()))?;
    Ok(Some(PushRequest {
        client_id: client.clone(),
        mutations: (expected..next_present)
            .map(|counter| PushedMutation {
                counter,
                mutation: marker.clone(),
            })
            .collect(),
    }))
}

/// What taking in a pull did, for the status area.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PullOutcome {
    pub applied: usize,
    pub rejected: usize,
    /// Changes put back in the queue because the server had lost them (see
    /// `resend_what_the_server_lost`): another push is needed straight away.
    pub resent: usize,
}

/// Stores a pulled page: records first, then (on the last page) settles the queues, then the
/// cursor. If the tab dies part-way, the same page is pulled again and storing it twice does no
/// harm; the cursor never gets ahead of what is stored.
pub fn take_pull<S: Store>(
    user: &UserStore<'_, S>,
    pulled: &PullResponse,
) -> Result<PullOutcome, StorageError> {
    for record in &pulled.records {
        user.put_record(
            &record.collection,
            &record.id,
            record.body.as_deref().map(RawValue::get),
        )?;
    }
    let mut outcome = PullOutcome::default();
    if !pulled.has_more {
        outcome.resent = resend_what_the_server_lost(user, &pulled.clients)?;
        for progress in &pulled.clients {
            // Built by inserting rather than collecting: collecting into a map sorts first,
            // which brings a whole sort routine into the app for nothing.
            let mut rejections: BTreeMap<u64, Rejection> = BTreeMap::new();
            for r in pulled
                .rejections
                .iter()
                .filter(|r| r.client_id == progress.client_id)
            {
                rejections.insert(r.counter, Rejection::new(r.code.clone(), r.message.clone()));
            }
            let (mut queue, _) = user.queue(&progress.client_id)?;
            for settled in queue.settle(progress.last_applied, &rejections) {
                match settled {
                    Settled::Applied(queued) => {
                        user.dequeue(&progress.client_id, queued.counter, pulled.cursor)?;
                        outcome.applied += 1;
                    }
                    Settled::Rejected(queued, rejection) => {
                        let item = Attention {
                            what: describe(&queued.mutation),
                            message: rejection.message,
                        };
                        user.add_attention(&progress.client_id, queued.counter, &item)?;
                        user.dequeue(&progress.client_id, queued.counter, pulled.cursor)?;
                        outcome.rejected += 1;
                    }
                }
            }
        }
        user.prune_sent(SENT_KEPT)?;
    }
    if !pulled.epoch.is_empty() {
        user.set_epoch(&pulled.epoch)?;
    }
    user.set_cursor(pulled.cursor)?;
    Ok(outcome)
}

/// How many confirmed changes the device keeps to send again after a restore: about a day of
/// busy use, for a backup restored the morning after, in well under a megabyte.
pub const SENT_KEPT: usize = 500;

/// A server restored from a backup has forgotten changes it once confirmed: its counter for a
/// client is lower than changes this device saw confirmed (or it no longer knows the client).
/// Those changes go back in the queue with their own counters, which are exactly the ones the
/// server now expects next, so each takes effect once more and only once.
fn resend_what_the_server_lost<S: Store>(
    user: &UserStore<'_, S>,
    clients: &[ClientProgress],
) -> Result<usize, StorageError> {
    let mut known: BTreeMap<&ClientId, u64> = BTreeMap::new();
    for c in clients {
        known.insert(&c.client_id, c.last_applied);
    }
    let mut resent = 0;
    for entry in user.sent()? {
        if entry.counter > known.get(&entry.client).copied().unwrap_or(0) {
            user.resend(&entry)?;
            resent += 1;
        }
    }
    Ok(resent)
}

/// What the person is told when the device's storage stops a sync. A full device during a sync
/// is not a lost change (what is waiting is already stored, and the cursor only moves once a
/// page is stored), so the words differ from those for a change that could not be saved.
pub fn storage_problem_while_syncing(error: &StorageError) -> String {
    match error {
        StorageError::Full => "This device has run out of room for the portal, so not everything from the fostering service could be kept on it. Your waiting changes are safe. Free some space (for example, clear other websites' data in your browser's settings), then choose Sync now.".to_owned(),
        other => other.to_string(),
    }
}

/// A short description of a change, for "Needs attention".
pub fn describe(mutation: &RawValue) -> String {
    if let Some(change) = details_change(mutation.get()) {
        let (field, _) = change.field();
        return format!("Your change to your {}", field.label());
    }
    // Read by its first bytes, so that this app carries no learning log code: the server's
    // reason names the record (see `TrainingChange::apply`).
    let json = mutation.get();
    if json.starts_with(r#"{"training""#) {
        "A change to your learning log".to_owned()
    } else if json.starts_with(r#"{"bookings""#) {
        "Your request about a support group".to_owned()
    } else if json.starts_with(r#"{"buddies""#) {
        "Your answer in the buddy scheme".to_owned()
    } else if json.starts_with(r#"{"surveys""#) {
        "Your survey answers".to_owned()
    } else {
        "A change you made".to_owned()
    }
}

/// The household's details as the person should see them: what the server has, with every
/// change still waiting on this device applied on top, oldest first.
pub fn my_details_view<S: Store>(
    user: &UserStore<'_, S>,
    household_id: &str,
) -> Result<MyDetails, StorageError> {
    let server: MyDetails = user.record(MY_DETAILS, household_id)?.unwrap_or_default();
    Ok(optimistic(&server, &waiting_changes(user, details_change)?))
}

/// Every change of one kind still waiting on this device, each tab's in the order it was made
/// (the order between tabs cannot be known, as device clocks decide nothing; the server
/// settles it when they arrive). `read` picks out the kind: `None` for any other, so a page
/// reads only its own feature's changes.
pub fn waiting_changes<S: Store, T>(
    user: &UserStore<'_, S>,
    read: impl Fn(&str) -> Option<T>,
) -> Result<Vec<Queued<T>>, StorageError> {
    let mut waiting = Vec::new();
    for client in user.clients_with_queues()? {
        let (queue, _) = user.queue(&client)?;
        waiting.extend(queue.pending().iter().filter_map(|q| {
            Some(Queued {
                counter: q.counter,
                mutation: read(q.mutation.get())?,
            })
        }));
    }
    Ok(waiting)
}

/// Of the photos on the device waiting to be sent (`waiting`, by id), those that a change
/// waiting to be sent names: they must reach the server before the change does. A photo on a
/// form not yet sent is named by no change and stays on the device.
///
/// A change is searched as text rather than read, so that every carers' app can send photos
/// without carrying the code that reads payment changes: a photo's id is random and quoted in
/// the change, so finding it quoted there means the change names it.
pub fn photos_named_by_waiting_changes<S: Store>(
    user: &UserStore<'_, S>,
    waiting: &[String],
) -> Result<Vec<String>, StorageError> {
    let mut named = Vec::new();
    for client in user.clients_with_queues()? {
        let (queue, _) = user.queue(&client)?;
        for queued in queue.pending() {
            let text = queued.mutation.get();
            for id in waiting {
                if !named.contains(id) && text.contains(&format!("\"{id}\"")) {
                    named.push(id.clone());
                }
            }
        }
    }
    Ok(named)
}

/// What the fostering service records about the household, once the device has pulled it.
pub fn household_facts<S: Store>(
    user: &UserStore<'_, S>,
    household_id: &str,
) -> Result<Option<HouseholdFacts>, StorageError> {
    user.record(HOUSEHOLD, household_id)
}

/// A notice the server keeps when a change replaced a value its author never saw.
#[derive(Debug, Clone, Deserialize)]
struct Notice {
    detail: Overwritten,
}

/// The household's "replaced by another device" notices, newest last.
pub fn overwritten_notices<S: Store>(
    user: &UserStore<'_, S>,
) -> Result<Vec<Overwritten>, StorageError> {
    let (notices, _) = user.records::<Notice>(NOTICES)?;
    Ok(notices.into_iter().map(|n| n.detail).collect())
}

#[cfg(test)]
mod tests;
