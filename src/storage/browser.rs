//! The browser's side of device storage: a user's records, queue and sent log in `IndexedDB`, the
//! few small keys (who is signed in, the format version, form drafts, the public enquiry) in
//! local storage.
//!
//! `IndexedDB` is asynchronous and the rest of the app reads the device's data from plain,
//! synchronous functions (the sync engine, each area's `data.rs`), which are tested natively. So
//! each tab keeps a copy of the user's keys in memory, loaded once when the app starts, and
//! reads from it; writes change the copy at once and are kept as pending until `flush` writes
//! all of them in one `IndexedDB` transaction. A piece of work that belongs together (a pulled
//! page and its cursor, a queued change and its counter) is therefore one transaction: it is
//! stored whole or not at all, and "saved" is said only after `flush` has finished. When a
//! transaction fails, the copy in memory is put back as it was.
//!
//! Other tabs learn of a committed transaction through a `BroadcastChannel` message carrying
//! what it wrote, which they apply to their own copy; work that must see every tab's writes
//! (sending the queue, taking a counter for a new change) first re-reads the keys it depends on
//! from `IndexedDB` (`reload`).
//!
//! Chosen over a crate such as `idb` or `rexie`: the portal needs one object store and four
//! operations (load everything, load a range, write a batch, clear a range), which take less
//! code here than a general wrapper would add to every carers' phone, and web-sys is already
//! in the app.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect};
use portal_core::mutation::is_version_1;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{BroadcastChannel, IdbDatabase, IdbKeyRange, IdbRequest};

use super::{FORMAT, FORMAT_KEY, LocalStore, ROOT, StorageError, Store, insert_in_order};

const DATABASE: &str = "portal";
const DATABASE_VERSION: u32 = 1;
/// The object store of key-value pairs, with the same keys local storage used to hold.
const KEYS: &str = "keys";
/// The channel on which tabs tell each other what they wrote.
const CHANNEL: &str = "portal-storage";
/// The highest character a key can hold: a range from `prefix` to `prefix` followed by it
/// covers every key that starts with `prefix`.
pub(super) const AFTER_EVERY_KEY: char = '\u{10FFFF}';

/// Whether a key is kept in local storage rather than `IndexedDB`: everything except a user's
/// records, queue, sent log and marks. These are small and wanted at once when a page opens
/// (who is signed in decides what the first screen shows), or written on every keystroke (a
/// form's draft), or belong to the public enquiry app, which carries no `IndexedDB` code.
pub fn kept_in_local_storage(key: &str) -> bool {
    !key.starts_with(&format!("{ROOT}u:")) || key.contains(":draft:")
}

/// One write waiting for `flush`: the key, its new value (`None` removes it) and the value it
/// replaced in memory, to put back if the transaction fails.
#[derive(Debug, Clone)]
struct Pending {
    key: String,
    value: Option<String>,
    before: Option<String>,
}

struct Inner {
    /// `None` in the apps that keep nothing in `IndexedDB` (the staff side, the public enquiry):
    /// there only local storage's keys can be used.
    database: Option<IdbDatabase>,
    local: Option<LocalStore>,
    /// A removed key stays as `None` until the tab closes: removing from a tree map would
    /// bring its rebalancing code into every carer's first load, for a few bytes saved.
    entries: RefCell<BTreeMap<String, Option<String>>>,
    pending: RefCell<Vec<Pending>>,
    /// The keys of writes taken by `flush` whose transaction has not finished yet. A read that
    /// finishes meanwhile was ordered before them, so `reload` must not take its older values.
    writing: RefCell<Vec<String>>,
    /// Whether a flush of writes nobody waits for (a news item marked as seen) is due.
    flush_due: Cell<bool>,
    channel: Option<BroadcastChannel>,
    /// Called after another tab's writes have been applied here.
    on_other_tab: RefCell<Option<Rc<dyn Fn()>>>,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inner")
            .field("keys", &self.entries.borrow().len())
            .field("pending", &self.pending.borrow().len())
            .finish_non_exhaustive()
    }
}

/// The device's storage in the browser: `IndexedDB` with a copy in memory, and local storage for
/// small keys. Cloning it is cheap; every clone is the same store.
#[derive(Debug, Clone)]
pub struct BrowserStore(Rc<Inner>);

thread_local! {
    static OPENED: RefCell<Option<BrowserStore>> = const { RefCell::new(None) };
}

/// How much of the browser's storage the portal uses and may use, from
/// `navigator.storage.estimate()`, and whether the browser has agreed not to clear it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StorageUse {
    /// Bytes.
    pub used: u64,
    /// Bytes.
    pub quota: u64,
    pub persisted: bool,
}

impl StorageUse {
    /// What the browser says, or `None` where it says nothing.
    pub async fn measure() -> Option<Self> {
        let navigator = web_sys::window()?.navigator();
        let storage = Reflect::get(&navigator, &"storage".into()).ok()?;
        if storage.is_undefined() {
            return None;
        }
        let manager = navigator.storage();
        let estimate = JsFuture::from(manager.estimate().ok()?).await.ok()?;
        // Whole bytes, far inside u64; a browser that says something odd gets 0.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let number = |name: &str| {
            Reflect::get(&estimate, &name.into())
                .ok()
                .and_then(|v| v.as_f64())
                .map_or(0, |v| v.max(0.0) as u64)
        };
        let persisted = match manager.persisted() {
            Ok(promise) => JsFuture::from(promise)
                .await
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
            Err(_) => false,
        };
        Some(Self {
            used: number("usage"),
            quota: number("quota"),
            persisted,
        })
    }
}

/// Opens the device's storage for this tab: `IndexedDB`, with everything in it read into memory,
/// after moving in what an older version of the app kept in local storage. Called once before
/// a carers' app starts; `BrowserStore::opened` then hands out the same store.
pub async fn open_device_store() -> Result<BrowserStore, StorageError> {
    if let Some(store) = OPENED.with(|o| o.borrow().clone()) {
        return Ok(store);
    }
    let local = LocalStore::open().ok();
    let database = open_database(DATABASE, DATABASE_VERSION, KEYS).await?;
    let store = BrowserStore(Rc::new(Inner {
        database: Some(database),
        local,
        entries: RefCell::new(BTreeMap::new()),
        pending: RefCell::new(Vec::new()),
        writing: RefCell::new(Vec::new()),
        flush_due: Cell::new(false),
        channel: BroadcastChannel::new(CHANNEL).ok(),
        on_other_tab: RefCell::new(None),
    }));
    // Two tabs of the new version opening at once must not both move the old keys.
    let upgrading = store.clone();
    crate::web_lock::exclusively("portal-storage-upgrade", move || async move {
        upgrading.move_out_of_local_storage().await
    })
    .await
    .unwrap_or(Ok(()))?;
    store.load_all().await?;
    // Older formats' conversions (`DeviceStore::open`) are stored before the app starts, so no
    // sync can meet a change half converted.
    super::DeviceStore::open(store.clone())?;
    store.flush().await?;
    store.listen_to_other_tabs();
    OPENED.with(|o| *o.borrow_mut() = Some(store.clone()));
    Ok(store)
}

impl BrowserStore {
    /// The store `open_device_store` opened in this tab; before then, and in the apps that keep
    /// nothing in `IndexedDB` (the staff side, the public enquiry), one with local storage only.
    pub fn current() -> Self {
        OPENED.with(|o| o.borrow().clone()).unwrap_or_else(|| {
            Self(Rc::new(Inner {
                database: None,
                local: LocalStore::open().ok(),
                entries: RefCell::new(BTreeMap::new()),
                pending: RefCell::new(Vec::new()),
                writing: RefCell::new(Vec::new()),
                flush_due: Cell::new(false),
                channel: None,
                on_other_tab: RefCell::new(None),
            }))
        })
    }

    fn database(&self) -> Result<&IdbDatabase, StorageError> {
        self.0.database.as_ref().ok_or(StorageError::Unavailable)
    }

    /// Calls `then` whenever another tab's writes have been applied here.
    pub fn on_other_tab(&self, then: impl Fn() + 'static) {
        *self.0.on_other_tab.borrow_mut() = Some(Rc::new(then));
    }

    fn local(&self) -> Result<&LocalStore, StorageError> {
        self.0.local.as_ref().ok_or(StorageError::Unavailable)
    }

    /// Writes every change made since the last flush in one `IndexedDB` transaction, and returns
    /// once it is stored. If the transaction fails, the copy in memory is put back as it was
    /// and the error says why (`Full` when the browser has no room).
    pub async fn flush(&self) -> Result<(), StorageError> {
        let writes = std::mem::take(&mut *self.0.pending.borrow_mut());
        if writes.is_empty() {
            return Ok(());
        }
        self.0
            .writing
            .borrow_mut()
            .extend(writes.iter().map(|w| w.key.clone()));
        let mut written = self.write(&writes).await;
        // Photos kept only for reading make way for what is saved: they can be fetched again.
        if written == Err(StorageError::Full) && super::make_room(u64::MAX).await.unwrap_or(0) > 0 {
            written = self.write(&writes).await;
        }
        {
            let mut writing = self.0.writing.borrow_mut();
            for write in &writes {
                if let Some(at) = writing.iter().position(|k| *k == write.key) {
                    writing.swap_remove(at);
                }
            }
        }
        match written {
            Ok(()) => {
                self.tell_other_tabs(&writes);
                Ok(())
            }
            Err(error) => {
                let mut entries = self.0.entries.borrow_mut();
                for write in writes.iter().rev() {
                    entries.insert(write.key.clone(), write.before.clone());
                }
                Err(error)
            }
        }
    }

    /// Re-reads from `IndexedDB` every key under each prefix, replacing this tab's copy of them:
    /// for work that must see what other tabs wrote (the queue before a push, the counter
    /// before a new change). Writes still pending here are kept.
    pub async fn reload(&self, prefixes: &[String]) -> Result<(), StorageError> {
        for prefix in prefixes {
            let upper = format!("{prefix}{AFTER_EVERY_KEY}");
            let range =
                IdbKeyRange::bound(&prefix.into(), &upper.into()).map_err(|e| error_of(&e))?;
            let (keys, values) = self.read(Some(&range)).await?;
            // Keys this tab has written since, or is writing now, keep their newer values.
            let mut pending: Vec<String> = self
                .0
                .pending
                .borrow()
                .iter()
                .map(|p| p.key.clone())
                .collect();
            pending.extend(self.0.writing.borrow().iter().cloned());
            let mut entries = self.0.entries.borrow_mut();
            for key in live_keys(&entries, prefix) {
                if !pending.contains(&key) {
                    entries.insert(key, None);
                }
            }
            for (key, value) in keys.into_iter().zip(values) {
                if !pending.contains(&key) {
                    entries.insert(key, Some(value));
                }
            }
        }
        Ok(())
    }

    fn note(&self, key: &str, value: Option<&str>) {
        let before = self
            .0
            .entries
            .borrow_mut()
            .insert(key.to_owned(), value.map(str::to_owned))
            .flatten();
        self.0.pending.borrow_mut().push(Pending {
            key: key.to_owned(),
            value: value.map(str::to_owned),
            before,
        });
        // Writes that nobody awaits (a news item marked as seen) are still stored soon; work
        // that awaits `flush` itself has taken them by then, and this finds nothing to do.
        if !self.0.flush_due.replace(true) {
            let store = self.clone();
            // wasm-bindgen's executor, not Leptos': this also runs while the store is opened,
            // before the app (and with it Leptos' executor) has started.
            wasm_bindgen_futures::spawn_local(async move {
                store.0.flush_due.set(false);
                let _ = store.flush().await;
            });
        }
    }

    /// Moves a user's keys written by format 2 or older out of local storage into `IndexedDB` (a
    /// key already there is overwritten: only the old version still writes it there):
    /// copied in one transaction first, and removed from local storage only once the copy is
    /// stored, so a tab closed half way loses nothing and simply does it again.
    async fn move_out_of_local_storage(&self) -> Result<(), StorageError> {
        let Ok(local) = self.local() else {
            return Ok(());
        };
        let found = local
            .get(FORMAT_KEY)?
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0);
        // Looked for on every start, not only on the first of format 3: a tab still running an
        // older version may have queued a change in local storage since.
        let moving: Vec<String> = local
            .keys()?
            .into_iter()
            .filter(|k| k.starts_with(ROOT) && !kept_in_local_storage(k))
            .collect();
        let mut writes = Vec::new();
        for key in &moving {
            if let Some(mut value) = local.get(key)? {
                // A change queued by format 1 is put in today's shape on the way, whatever the
                // format key says: a tab of another version may have moved it on meanwhile.
                if key.contains(":q:") && is_version_1(&value) {
                    value = format!(r#"{{"details":{value}}}"#);
                }
                writes.push(Pending {
                    key: key.clone(),
                    value: Some(value),
                    before: None,
                });
            }
        }
        self.write(&writes).await?;
        for key in &moving {
            local.remove(key)?;
        }
        // Format 1's queued changes are rewritten by `DeviceStore::open`, which writes the
        // format last; a device on format 2 has nothing more to do.
        if found == 2 {
            local.set(FORMAT_KEY, &FORMAT.to_string())?;
        }
        Ok(())
    }

    async fn load_all(&self) -> Result<(), StorageError> {
        let (keys, values) = self.read(None).await?;
        let mut entries = self.0.entries.borrow_mut();
        for (key, value) in keys.into_iter().zip(values) {
            entries.insert(key, Some(value));
        }
        Ok(())
    }

    /// Every key and value in the range (or the whole store), in key order.
    async fn read(
        &self,
        range: Option<&IdbKeyRange>,
    ) -> Result<(Vec<String>, Vec<String>), StorageError> {
        let (keys, values) = read_all(self.database()?, KEYS, range).await?;
        let strings = |array: Array| -> Vec<String> {
            array
                .iter()
                .map(|v| v.as_string().unwrap_or_default())
                .collect()
        };
        Ok((strings(keys), strings(values)))
    }

    /// Writes in one transaction, with strict durability: the browser says it is complete only
    /// once it is on disk, since "saved" is said on the strength of it.
    async fn write(&self, writes: &[Pending]) -> Result<(), StorageError> {
        if writes.is_empty() {
            return Ok(());
        }
        let transaction = writing(self.database()?, KEYS, true)?;
        let done = completion(&transaction);
        let store = transaction.object_store(KEYS).map_err(|e| error_of(&e))?;
        for write in writes {
            let key = JsValue::from_str(&write.key);
            let request = match &write.value {
                Some(value) => store.put_with_key(&JsValue::from_str(value), &key),
                None => store.delete(&key),
            };
            if let Err(error) = request {
                let _ = transaction.abort();
                let _ = done.await;
                return Err(error_of(&error));
            }
        }
        done.await
    }

    fn tell_other_tabs(&self, writes: &[Pending]) {
        let Some(channel) = &self.0.channel else {
            return;
        };
        let message = Array::new();
        for write in writes {
            let pair = Array::new();
            pair.push(&JsValue::from_str(&write.key));
            pair.push(
                &write
                    .value
                    .as_deref()
                    .map_or(JsValue::NULL, JsValue::from_str),
            );
            message.push(&pair);
        }
        let _ = channel.post_message(&message);
    }

    fn listen_to_other_tabs(&self) {
        let Some(channel) = &self.0.channel else {
            return;
        };
        // The store lives as long as the tab, so the listener does too.
        let weak = Rc::downgrade(&self.0);
        let listener =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let Some(inner) = weak.upgrade() else { return };
                {
                    let mut entries = inner.entries.borrow_mut();
                    for pair in Array::from(&event.data()).iter() {
                        let pair = Array::from(&pair);
                        let Some(key) = pair.get(0).as_string() else {
                            continue;
                        };
                        entries.insert(key, pair.get(1).as_string());
                    }
                }
                let then = inner.on_other_tab.borrow().clone();
                if let Some(then) = then {
                    then();
                }
            });
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        listener.forget();
    }
}

impl Store for BrowserStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        if kept_in_local_storage(key) {
            return self.local()?.get(key);
        }
        Ok(self.0.entries.borrow().get(key).cloned().flatten())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        if kept_in_local_storage(key) {
            return self.local()?.set(key, value);
        }
        self.database()?;
        self.note(key, Some(value));
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        if kept_in_local_storage(key) {
            return self.local()?.remove(key);
        }
        if self
            .0
            .entries
            .borrow()
            .get(key)
            .is_some_and(Option::is_some)
        {
            self.note(key, None);
        }
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        self.under("")
    }

    fn under(&self, prefix: &str) -> Result<Vec<String>, StorageError> {
        let mut keys = live_keys(&self.0.entries.borrow(), prefix);
        if let Ok(local) = self.local() {
            for key in local.keys()?.into_iter().filter(|k| k.starts_with(prefix)) {
                insert_in_order(&mut keys, key);
            }
        }
        Ok(keys)
    }
}

/// The keys under `prefix` that have a value, in order.
fn live_keys(entries: &BTreeMap<String, Option<String>>, prefix: &str) -> Vec<String> {
    entries
        .range(prefix.to_owned()..)
        .take_while(|(k, _)| k.starts_with(prefix))
        .filter(|(_, v)| v.is_some())
        .map(|(k, _)| k.clone())
        .collect()
}

/// Opens (making it if need be) the database `name` at `version`, with its one object store.
pub(super) async fn open_database(
    name: &str,
    version: u32,
    store: &str,
) -> Result<IdbDatabase, StorageError> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or(StorageError::Unavailable)?;
    let request = factory
        .open_with_u32(name, version)
        .map_err(|_| StorageError::Unavailable)?;
    let store = store.to_owned();
    let upgrade = Closure::once_into_js(move |event: web_sys::Event| {
        let Some(request) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::IdbOpenDbRequest>().ok())
        else {
            return;
        };
        if let Ok(result) = request.result() {
            let database: IdbDatabase = result.unchecked_into();
            // Version 1 is the first: there is nothing older to convert, only the store to
            // make. A later version adds its step here, keeping everything already stored.
            if !database.object_store_names().contains(&store) {
                let _ = database.create_object_store(&store);
            }
        }
    });
    request.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let database = finished(&request).await?;
    Ok(database.unchecked_into())
}

/// A read-write transaction on `store`. With `strict`, the browser says it is complete only once
/// it is on disk: for writes that "saved" is said on the strength of.
pub(super) fn writing(
    database: &IdbDatabase,
    store: &str,
    strict: bool,
) -> Result<web_sys::IdbTransaction, StorageError> {
    let options = Object::new();
    let durability = if strict { "strict" } else { "default" };
    let _ = Reflect::set(&options, &"durability".into(), &durability.into());
    // web-sys has no binding for the options argument, so the method is called by name.
    let open: Function = Reflect::get(database, &"transaction".into())
        .map_err(|e| error_of(&e))?
        .unchecked_into();
    Ok(open
        .call3(database, &store.into(), &"readwrite".into(), &options)
        .map_err(|e| error_of(&e))?
        .unchecked_into())
}

/// Every key and value in `store` within the range (or the whole store), in key order, read in
/// one transaction.
pub(super) async fn read_all(
    database: &IdbDatabase,
    store: &str,
    range: Option<&IdbKeyRange>,
) -> Result<(Array, Array), StorageError> {
    let transaction = database
        .transaction_with_str(store)
        .map_err(|e| error_of(&e))?;
    let store = transaction.object_store(store).map_err(|e| error_of(&e))?;
    let (keys, values) = match range {
        Some(range) => (
            store.get_all_keys_with_key(range),
            store.get_all_with_key(range),
        ),
        None => (store.get_all_keys(), store.get_all()),
    };
    let keys = finished(&keys.map_err(|e| error_of(&e))?);
    let values = finished(&values.map_err(|e| error_of(&e))?);
    let (keys, values) = (keys.await?, values.await?);
    Ok((Array::from(&keys), Array::from(&values)))
}

/// Settles when a request succeeds (with its result) or fails.
///
/// The handlers are attached at once, not when the future is first awaited: a request whose
/// success came before its handler would never be heard of, so requests sent together (keys
/// and values) must each have theirs before the first is awaited.
pub(super) fn finished(
    request: &IdbRequest,
) -> impl Future<Output = Result<JsValue, StorageError>> + use<> {
    let promise = Promise::new(&mut |resolve, reject| {
        let done = request.clone();
        let success = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &done.result().unwrap_or(JsValue::NULL));
        });
        let failed = request.clone();
        let failure = Closure::once_into_js(move |_: web_sys::Event| {
            let error = failed
                .error()
                .ok()
                .flatten()
                .map_or(JsValue::NULL, Into::into);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        request.set_onsuccess(Some(success.unchecked_ref()));
        request.set_onerror(Some(failure.unchecked_ref()));
    });
    async move { JsFuture::from(promise).await.map_err(|e| error_of(&e)) }
}

/// Settles when a transaction is complete, or with its error when it fails or is aborted.
pub(super) fn completion(
    transaction: &web_sys::IdbTransaction,
) -> impl Future<Output = Result<(), StorageError>> {
    let promise = Promise::new(&mut |resolve, reject| {
        let complete = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let failed = transaction.clone();
        let failure = Closure::<dyn Fn(web_sys::Event)>::new(move |_: web_sys::Event| {
            let error = failed.error().map_or(JsValue::NULL, Into::into);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        transaction.set_oncomplete(Some(complete.unchecked_ref()));
        transaction.set_onerror(Some(failure.as_ref().unchecked_ref()));
        transaction.set_onabort(Some(failure.as_ref().unchecked_ref()));
        // Both may fire for one failure; the promise takes the first.
        failure.forget();
    });
    async move {
        JsFuture::from(promise)
            .await
            .map(|_| ())
            .map_err(|e| error_of(&e))
    }
}

pub(super) fn error_of(error: &JsValue) -> StorageError {
    // Browsers name the error QuotaExceededError when storage is full.
    let name = Reflect::get(error, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    if name == "QuotaExceededError" {
        StorageError::Full
    } else if name.is_empty() {
        StorageError::Other("the browser's database did not answer".to_owned())
    } else {
        StorageError::Other(name)
    }
}

#[cfg(test)]
mod tests {
    use super::kept_in_local_storage;

    #[test]
    fn only_a_users_records_queue_and_log_go_to_the_database() {
        assert!(kept_in_local_storage("portal:format"));
        assert!(kept_in_local_storage("portal:v1:session"));
        assert!(kept_in_local_storage("portal:v1:enquiry:draft"));
        assert!(kept_in_local_storage("portal:v1:u:u1:draft:learning-log"));
        assert!(!kept_in_local_storage("portal:v1:u:u1:rec:courses:c1"));
        assert!(!kept_in_local_storage("portal:v1:u:u1:q:dev-12345678:1"));
        assert!(!kept_in_local_storage(
            "portal:v1:u:u1:sent:00000000000000000001:dev-12345678:1"
        ));
        assert!(!kept_in_local_storage("portal:v1:u:u1:cursor"));
        assert!(!kept_in_local_storage("portal:v1:u:u1:client"));
    }
}
