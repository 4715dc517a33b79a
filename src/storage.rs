//! Everything the app keeps on the device: one key per record, never one big blob, so that a
//! write touches only what changed and a corrupt entry costs one record.
//!
//! Keys are `portal:v1:` (the portal's namespace; the format version is kept in `portal:format`,
//! so a format change rewrites only what changed) then `session` for who is signed in, or
//! `u:<user id>:` for everything of one user: `cursor`, `client` (this device's sync client
//! for the user), `rec:<collection>:<id>`, `q:<client>:<counter>` (a queued change),
//! `qnext:<client>`, `sent:<change number, 20 digits>:<client>:<counter>` (a change the server
//! confirmed, kept for a while in case the server is restored from a backup and loses it),
//! `attention:<client>:<counter>` (a change the server refused, to show the person), `seen:<id>`
//! and `draft:<name>`. Signing out removes every key under the user's prefix.
//!
//! Where a key lives is the browser store's business (`browser`): a user's records, queue and
//! sent log in `IndexedDB`, small keys in local storage. The logic here sees one key-value store,
//! so it is tested natively against `MemoryStore`.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use portal_core::mutation::is_version_1;
use portal_core::sync::queue::{Queue, Queued};
use portal_core::sync::{ChangeNumber, ClientId};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

mod browser;
mod photos;
pub use browser::{BrowserStore, StorageUse, kept_in_local_storage, open_device_store};
pub use photos::{PhotoShelf, PhotoSummary, make_room};

/// The storage format this version of the app writes. Older formats are migrated on start.
/// 1: queued changes were bare My details changes. 2: each names its feature (see
/// `portal_core::mutation`). 3: a user's records, queue and sent log moved from local storage
/// to `IndexedDB`, and each user has one sync client on the device rather than one per page load.
pub const FORMAT: u32 = 3;
const ROOT: &str = "portal:v1:";
const FORMAT_KEY: &str = "portal:format";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    #[error(
        "This browser is not letting the portal keep anything on this device, so it cannot work without a connection. Check that you are not in a private window, and that the browser allows this site to store data."
    )]
    Unavailable,
    #[error(
        "There is no more room on this device for the portal, so your last change was not saved. Nothing is waiting to be sent. Free some space on this device (for example, delete files, photos or apps you no longer need), then try again."
    )]
    Full,
    #[error(
        "There is no more room on this device for the portal, so your last change was not saved. {waiting} waiting to be sent {are} safe on this device. Free some space on this device (for example, delete files, photos or apps you no longer need), then try again.",
        waiting = crate::words::count(*.0, "change", "changes"),
        are = if *.0 == 1 { "is" } else { "are" }
    )]
    FullWhileWaiting(usize),
    #[error("The portal could not use this device's storage: {0}")]
    Other(String),
}

/// A key-value store: local storage in the browser, memory in tests.
pub trait Store {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    fn remove(&self, key: &str) -> Result<(), StorageError>;
    fn keys(&self) -> Result<Vec<String>, StorageError>;

    /// Every key starting with `prefix`, in order.
    fn under(&self, prefix: &str) -> Result<Vec<String>, StorageError> {
        let mut keys = Vec::new();
        for key in self.keys()?.into_iter().filter(|k| k.starts_with(prefix)) {
            insert_in_order(&mut keys, key);
        }
        Ok(keys)
    }
}

/// The browser's local storage.
#[derive(Debug, Clone)]
pub struct LocalStore(web_sys::Storage);

impl LocalStore {
    pub fn open() -> Result<Self, StorageError> {
        web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .map(Self)
            .ok_or(StorageError::Unavailable)
    }
}

fn js_error(error: &wasm_bindgen::JsValue) -> StorageError {
    // Browsers name the error QuotaExceededError (legacy code 22) when storage is full.
    let name = js_sys::Reflect::get(error, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        StorageError::Full
    } else {
        StorageError::Other(name)
    }
}

impl Store for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.0.get_item(key).map_err(|e| js_error(&e))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.0.set_item(key, value).map_err(|e| js_error(&e))
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.0.remove_item(key).map_err(|e| js_error(&e))
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let length = self.0.length().map_err(|e| js_error(&e))?;
        Ok((0..length)
            .filter_map(|i| self.0.key(i).ok().flatten())
            .collect())
    }
}

/// Storage in memory with an optional size limit counted as local storage counts it (UTF-16
/// units of keys and values), for tests.
#[derive(Debug, Default)]
pub struct MemoryStore {
    entries: RefCell<BTreeMap<String, String>>,
    limit: Option<usize>,
}

impl MemoryStore {
    pub fn with_limit(limit: usize) -> Self {
        Self {
            entries: RefCell::default(),
            limit: Some(limit),
        }
    }

    fn used(&self) -> usize {
        self.entries
            .borrow()
            .iter()
            .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
            .sum()
    }
}

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.entries.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        if let Some(limit) = self.limit {
            let replaced = self
                .entries
                .borrow()
                .get(key)
                .map_or(0, |v| key.encode_utf16().count() + v.encode_utf16().count());
            let adding = key.encode_utf16().count() + value.encode_utf16().count();
            if self.used() - replaced + adding > limit {
                return Err(StorageError::Full);
            }
        }
        self.entries
            .borrow_mut()
            .insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.entries.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        Ok(self.entries.borrow().keys().cloned().collect())
    }

    fn under(&self, prefix: &str) -> Result<Vec<String>, StorageError> {
        Ok(keys_in(&self.entries.borrow(), prefix))
    }
}

/// Puts `key` in its place in a sorted list (once). For the few keys local storage keeps, this
/// is less code on every phone than a sort routine or a set.
fn insert_in_order(keys: &mut Vec<String>, key: String) {
    if let Err(at) = keys.binary_search(&key) {
        keys.insert(at, key);
    }
}

/// The keys of a sorted map that start with `prefix`, in order, without looking at the others.
fn keys_in<V>(entries: &BTreeMap<String, V>, prefix: &str) -> Vec<String> {
    entries
        .range(prefix.to_owned()..)
        .map(|(k, _)| k)
        .take_while(|k| k.starts_with(prefix))
        .cloned()
        .collect()
}

/// What reading stored data found that it could not use. Such entries are skipped (and left in
/// place for support to look at); the app carries on with the rest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skipped(pub Vec<String>);

/// The device's data, in the current format.
#[derive(Debug)]
pub struct DeviceStore<S: Store> {
    store: S,
}

impl<S: Store> DeviceStore<S> {
    /// Opens the store, bringing data written by older versions of the app up to date.
    pub fn open(store: S) -> Result<Self, StorageError> {
        let device = Self { store };
        device.migrate()?;
        Ok(device)
    }

    fn migrate(&self) -> Result<(), StorageError> {
        let found = self
            .store
            .get(FORMAT_KEY)?
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0);
        // Format 0 is "nothing stored yet": there is nothing to convert. Each later format
        // adds a step that rewrites what the one before wrote. Every step can be run twice (a
        // tab closed half way through runs it again next time), and the format key is written
        // last.
        if found == 1 {
            self.queued_changes_name_their_feature()?;
        }
        if found < FORMAT {
            self.store.set(FORMAT_KEY, &FORMAT.to_string())?;
        }
        Ok(())
    }

    /// Format 1 to 2: every queued change, of every user and every tab, in the current shape.
    fn queued_changes_name_their_feature(&self) -> Result<(), StorageError> {
        let queued = self
            .store
            .under(&format!("{ROOT}u:"))?
            .into_iter()
            .filter(|k| k.contains(":q:"));
        for key in queued {
            let Some(text) = self.store.get(&key)? else {
                continue;
            };
            if is_version_1(&text) {
                self.store.set(&key, &format!(r#"{{"details":{text}}}"#))?;
            }
        }
        Ok(())
    }

    fn read<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StorageError> {
        Ok(self
            .store
            .get(key)?
            .and_then(|text| serde_json::from_str(&text).ok()))
    }

    fn write<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StorageError> {
        let text = serde_json::to_string(value).map_err(|e| StorageError::Other(e.to_string()))?;
        self.store.set(key, &text)
    }

    /// Who is signed in on this device, as the server last described them.
    pub fn session<T: DeserializeOwned>(&self) -> Result<Option<T>, StorageError> {
        self.read(&format!("{ROOT}session"))
    }

    pub fn set_session<T: Serialize>(&self, user: &T) -> Result<(), StorageError> {
        self.write(&format!("{ROOT}session"), user)
    }

    /// The enquiry being typed on this device by someone thinking about fostering (nobody is
    /// signed in for it), with the page they were on.
    pub fn enquiry_draft<T: DeserializeOwned>(&self) -> Result<Option<T>, StorageError> {
        self.read(&format!("{ROOT}enquiry:draft"))
    }

    pub fn set_enquiry_draft<T: Serialize>(&self, draft: &T) -> Result<(), StorageError> {
        self.write(&format!("{ROOT}enquiry:draft"), draft)
    }

    /// Queues an enquiry to send, under its own key, and removes the draft it was made from:
    /// one write each, the queue first, so nothing is lost if the second fails.
    pub fn queue_enquiry<T: Serialize>(&self, id: &str, enquiry: &T) -> Result<(), StorageError> {
        self.write(&format!("{ROOT}enquiry:out:{id}"), enquiry)?;
        self.store.remove(&format!("{ROOT}enquiry:draft"))
    }

    /// The enquiries waiting to be sent, oldest key first.
    pub fn queued_enquiries<T: DeserializeOwned>(&self) -> Result<Vec<T>, StorageError> {
        let prefix = format!("{ROOT}enquiry:out:");
        let mut out = Vec::new();
        for key in self.store.under(&prefix)? {
            out.extend(self.read(&key)?);
        }
        Ok(out)
    }

    /// The enquiry `id` reached the server: it leaves the device, and only the time a reply
    /// is due is kept (nothing about the person), for the confirmation.
    pub fn enquiry_sent<T: Serialize>(&self, id: &str, answer: &T) -> Result<(), StorageError> {
        self.write(&format!("{ROOT}enquiry:sent"), answer)?;
        self.store.remove(&format!("{ROOT}enquiry:out:{id}"))
    }

    /// Takes an enquiry out of the queue without sending it (the server refused it).
    pub fn unqueue_enquiry(&self, id: &str) -> Result<(), StorageError> {
        self.store.remove(&format!("{ROOT}enquiry:out:{id}"))
    }

    pub fn last_enquiry_sent<T: DeserializeOwned>(&self) -> Result<Option<T>, StorageError> {
        self.read(&format!("{ROOT}enquiry:sent"))
    }

    /// The store underneath, for the browser's work that goes beyond one key at a time (writing
    /// what was changed in one transaction, re-reading what another tab wrote).
    pub fn store(&self) -> &S {
        &self.store
    }

    pub fn user(&self, user_id: &str) -> UserStore<'_, S> {
        UserStore {
            device: self,
            prefix: format!("{ROOT}u:{user_id}:"),
        }
    }

    /// Removes the signed-in user and everything kept for them.
    pub fn sign_out(&self, user_id: &str) -> Result<(), StorageError> {
        let prefix = format!("{ROOT}u:{user_id}:");
        for key in self.store.under(&prefix)? {
            self.store.remove(&key)?;
        }
        self.store.remove(&format!("{ROOT}session"))
    }
}

/// A change in the sent log: which client's, which counter, and the change number of the pull
/// that showed the server had it (which orders the log without trusting the device's clock).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentEntry {
    pub settled_at: ChangeNumber,
    pub client: ClientId,
    pub counter: u64,
}

impl SentEntry {
    fn key_for(settled_at: ChangeNumber, client: &ClientId, counter: u64) -> String {
        format!("sent:{:020}:{client}:{counter}", settled_at.get())
    }

    fn key(&self) -> String {
        Self::key_for(self.settled_at, &self.client, self.counter)
    }

    fn from_key(key: &str) -> Option<Self> {
        let mut parts = key.strip_prefix("sent:")?.split(':');
        let settled_at = ChangeNumber::new(parts.next()?.parse().ok()?);
        let client = ClientId::parse(parts.next()?).ok()?;
        let counter = parts.next()?.parse().ok()?;
        parts.next().is_none().then_some(Self {
            settled_at,
            client,
            counter,
        })
    }
}

/// How much one user keeps on the device.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Kept {
    pub records: usize,
    pub waiting: usize,
    pub sent: usize,
}

/// One user's data on the device.
#[derive(Debug)]
pub struct UserStore<'a, S: Store> {
    device: &'a DeviceStore<S>,
    prefix: String,
}

impl<S: Store> UserStore<'_, S> {
    fn key(&self, rest: &str) -> String {
        format!("{}{rest}", self.prefix)
    }

    fn keys_under(&self, rest: &str) -> Result<Vec<String>, StorageError> {
        self.device.store.under(&self.key(rest))
    }

    /// The key prefix of everything kept for this user.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// This device's sync client for the user, made the first time the user saves a change on
    /// it and kept until they sign out: every tab and every page load uses it, so the server
    /// keeps one counter per device rather than one per page load. `new_id` makes an id when
    /// there is none yet (the device's randomness stays outside this module).
    pub fn client(
        &self,
        new_id: impl FnOnce() -> Option<ClientId>,
    ) -> Result<ClientId, StorageError> {
        let key = self.key("client");
        if let Some(id) = self
            .device
            .store
            .get(&key)?
            .and_then(|text| ClientId::parse(&text).ok())
        {
            return Ok(id);
        }
        let id = new_id().ok_or_else(|| {
            StorageError::Other("this browser cannot make a random id".to_owned())
        })?;
        self.device.store.set(&key, id.as_str())?;
        Ok(id)
    }

    /// The clients a pull should report on: this device's own, and any older one (from the
    /// days of one client per page load) that still has changes waiting or in the sent log.
    /// Nobody else's: a pull's size must not grow with every page load there ever was.
    pub fn sync_clients(&self) -> Result<Vec<ClientId>, StorageError> {
        let mut clients: BTreeSet<ClientId> = BTreeSet::new();
        if let Some(own) = self
            .device
            .store
            .get(&self.key("client"))?
            .and_then(|text| ClientId::parse(&text).ok())
        {
            clients.insert(own);
        }
        for client in self.clients_with_queues()? {
            clients.insert(client);
        }
        for entry in self.sent()? {
            clients.insert(entry.client);
        }
        Ok(clients.into_iter().collect())
    }

    /// How much this user keeps on the device, for the "This device" page.
    pub fn kept(&self) -> Result<Kept, StorageError> {
        Ok(Kept {
            records: self.keys_under("rec:")?.len(),
            waiting: self.waiting()?,
            sent: self.keys_under("sent:")?.len(),
        })
    }

    pub fn cursor(&self) -> Result<ChangeNumber, StorageError> {
        Ok(self.device.read(&self.key("cursor"))?.unwrap_or_default())
    }

    pub fn set_cursor(&self, cursor: ChangeNumber) -> Result<(), StorageError> {
        self.device.write(&self.key("cursor"), &cursor)
    }

    /// The database epoch of the last pull ("" before the first): see `PullResponse::epoch`.
    pub fn epoch(&self) -> Result<String, StorageError> {
        Ok(self.device.read(&self.key("epoch"))?.unwrap_or_default())
    }

    pub fn set_epoch(&self, epoch: &str) -> Result<(), StorageError> {
        self.device.write(&self.key("epoch"), &epoch)
    }

    pub fn record<T: DeserializeOwned>(
        &self,
        collection: &str,
        id: &str,
    ) -> Result<Option<T>, StorageError> {
        self.device
            .read(&self.key(&format!("rec:{collection}:{id}")))
    }

    /// Stores a record's JSON exactly as the server sent it (`None` removes it).
    pub fn put_record(
        &self,
        collection: &str,
        id: &str,
        body: Option<&str>,
    ) -> Result<(), StorageError> {
        let key = self.key(&format!("rec:{collection}:{id}"));
        match body {
            Some(body) => self.device.store.set(&key, body),
            None => self.device.store.remove(&key),
        }
    }

    /// Every record of a collection, skipping any that cannot be read.
    pub fn records<T: DeserializeOwned>(
        &self,
        collection: &str,
    ) -> Result<(Vec<T>, Skipped), StorageError> {
        let mut out = Vec::new();
        let mut skipped = Skipped::default();
        for key in self.keys_under(&format!("rec:{collection}:"))? {
            match self.device.read(&key)? {
                Some(record) => out.push(record),
                None => skipped.0.push(key),
            }
        }
        Ok((out, skipped))
    }

    /// Adds a change to a client's queue: the entry first, then the next counter, so that a tab
    /// closed between the two writes loses nothing (`Queue::restore` moves past the entry).
    pub fn enqueue<M: Serialize>(
        &self,
        client: &ClientId,
        mutation: &M,
    ) -> Result<u64, StorageError> {
        let json = serde_json::value::to_raw_value(mutation)
            .map_err(|e| StorageError::Other(e.to_string()))?;
        let (mut queue, _) = self.queue(client)?;
        let counter = queue.enqueue(json);
        let entry = self.key(&format!("q:{client}:{counter}"));
        let queued = &queue.pending()[queue.len() - 1];
        self.device.store.set(&entry, queued.mutation.get())?;
        if let Err(error) = self
            .device
            .write(&self.key(&format!("qnext:{client}")), &queue.next_counter())
        {
            // Told "not saved", the person must be able to trust it: take the entry back out.
            self.device.store.remove(&entry)?;
            return Err(error);
        }
        Ok(counter)
    }

    /// A client's queue as stored: each change as the JSON it was saved as, which is also what
    /// is pushed, so the queue never needs to know every kind of change. Entries that are not
    /// JSON at all are skipped and reported.
    pub fn queue(
        &self,
        client: &ClientId,
    ) -> Result<(Queue<Box<RawValue>>, Skipped), StorageError> {
        let next: u64 = self
            .device
            .read(&self.key(&format!("qnext:{client}")))?
            .unwrap_or(1);
        let prefix = format!("q:{client}:");
        let mut entries = Vec::new();
        let mut skipped = Skipped::default();
        for key in self.keys_under(&prefix)? {
            let counter = key.rsplit(':').next().and_then(|c| c.parse::<u64>().ok());
            let mutation = self
                .device
                .store
                .get(&key)?
                .and_then(|text| RawValue::from_string(text).ok());
            match (counter, mutation) {
                (Some(counter), Some(mutation)) => entries.push(Queued { counter, mutation }),
                _ => skipped.0.push(key),
            }
        }
        Ok((Queue::restore(next, entries), skipped))
    }

    /// Takes a change out of the queue once a pull (at change number `settled_at`) shows the
    /// server has dealt with it, keeping a copy in the sent log: if the server is later
    /// restored from a backup taken before it, the copy is sent again. The log is a safety net,
    /// so a device too full to keep the copy still moves the queue on.
    pub fn dequeue(
        &self,
        client: &ClientId,
        counter: u64,
        settled_at: ChangeNumber,
    ) -> Result<(), StorageError> {
        let entry = self.key(&format!("q:{client}:{counter}"));
        if let Some(text) = self.device.store.get(&entry)? {
            let copy = SentEntry::key_for(settled_at, client, counter);
            match self.device.store.set(&self.key(&copy), &text) {
                Ok(()) | Err(StorageError::Full) => {}
                Err(other) => return Err(other),
            }
        }
        self.device.store.remove(&entry)
    }

    /// The sent log: changes the server has confirmed, newest kept, oldest settled first.
    pub fn sent(&self) -> Result<Vec<SentEntry>, StorageError> {
        let start = self.key("").len();
        let entries: Vec<SentEntry> = self
            .keys_under("sent:")?
            .iter()
            .filter_map(|key| SentEntry::from_key(&key[start..]))
            .collect();
        // The change number is written with leading zeros, so key order is settling order.
        Ok(entries)
    }

    /// Puts a sent change back in its client's queue, because the server no longer has it.
    pub fn resend(&self, entry: &SentEntry) -> Result<(), StorageError> {
        let sent = self.key(&entry.key());
        if let Some(text) = self.device.store.get(&sent)? {
            self.device.store.set(
                &self.key(&format!("q:{}:{}", entry.client, entry.counter)),
                &text,
            )?;
        }
        self.device.store.remove(&sent)
    }

    /// Keeps only the `keep` most recently settled entries of the sent log.
    pub fn prune_sent(&self, keep: usize) -> Result<(), StorageError> {
        let entries = self.sent()?;
        let excess = entries.len().saturating_sub(keep);
        for entry in &entries[..excess] {
            self.device.store.remove(&self.key(&entry.key()))?;
        }
        Ok(())
    }

    /// The clients with changes waiting on this device (older versions' per-page clients
    /// included), in the order to send them: the device's own client last, since what an older
    /// version of the app queued was made before this version was installed.
    pub fn clients_with_queues(&self) -> Result<Vec<ClientId>, StorageError> {
        let mut clients: Vec<ClientId> = self
            .keys_under("q:")?
            .iter()
            .filter_map(|k| k.strip_prefix(&self.key("q:")))
            .filter_map(|rest| rest.split(':').next())
            .filter_map(|id| ClientId::parse(id).ok())
            .collect();
        // The keys come sorted, so each client's entries are together.
        clients.dedup();
        let own = self
            .device
            .store
            .get(&self.key("client"))?
            .and_then(|text| ClientId::parse(&text).ok());
        if let Some(at) = clients.iter().position(|c| Some(c) == own.as_ref()) {
            let own = clients.remove(at);
            clients.push(own);
        }
        Ok(clients)
    }

    /// How many changes are waiting on this device, across its clients.
    pub fn waiting(&self) -> Result<usize, StorageError> {
        Ok(self.keys_under("q:")?.len())
    }

    /// A form someone started and has not sent yet, kept so that nothing typed is lost when
    /// they leave the page, the tab closes or the phone restarts.
    pub fn draft<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, StorageError> {
        self.device.read(&self.key(&format!("draft:{name}")))
    }

    pub fn set_draft<T: Serialize>(&self, name: &str, form: &T) -> Result<(), StorageError> {
        self.device.write(&self.key(&format!("draft:{name}")), form)
    }

    pub fn remove_draft(&self, name: &str) -> Result<(), StorageError> {
        self.device
            .store
            .remove(&self.key(&format!("draft:{name}")))
    }

    /// News the person has marked as seen on this device (by the news record's id).
    pub fn seen(&self) -> Result<BTreeSet<String>, StorageError> {
        let prefix = self.key("seen:");
        Ok(self
            .keys_under("seen:")?
            .into_iter()
            .filter_map(|key| key.strip_prefix(&prefix).map(str::to_owned))
            .collect())
    }

    pub fn mark_seen(&self, id: &str) -> Result<(), StorageError> {
        self.device.store.set(&self.key(&format!("seen:{id}")), "1")
    }

    /// Keeps a refused change to show the person, with the reason.
    pub fn add_attention<T: Serialize>(
        &self,
        client: &ClientId,
        counter: u64,
        item: &T,
    ) -> Result<(), StorageError> {
        self.device
            .write(&self.key(&format!("attention:{client}:{counter}")), item)
    }

    pub fn attention<T: DeserializeOwned>(&self) -> Result<Vec<(String, T)>, StorageError> {
        let mut out = Vec::new();
        for key in self.keys_under("attention:")? {
            if let Some(item) = self.device.read(&key)? {
                out.push((key, item));
            }
        }
        Ok(out)
    }

    /// The person has seen a refused change and dismissed it.
    pub fn dismiss_attention(&self, key: &str) -> Result<(), StorageError> {
        if key.starts_with(&self.key("attention:")) {
            self.device.store.remove(key)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
