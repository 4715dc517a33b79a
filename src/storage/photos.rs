//! Photos on the device, as files (Blobs) in their own `IndexedDB` database, `portal-photos`:
//! a photo the carer chose, kept until it has been sent, and photos fetched when a query's thread
//! was opened, kept for reading with no signal while there is room.
//!
//! A photo waiting to be sent is never removed to make room: it is part of a change that is
//! not yet safe on the server. Photos kept for reading are removed least recently viewed first
//! when the portal nears the room the browser gives it, and fetched again when next opened with
//! a connection.
//!
//! A database of its own, rather than a second store in `portal`: adding a store means a new
//! database version, which waits until every open tab of an older version of the app has
//! closed, and those tabs were not written to step aside.

use std::cell::RefCell;

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{Blob, IdbDatabase, IdbKeyRange};

use super::browser::{
    AFTER_EVERY_KEY, completion, error_of, finished, open_database, read_all, writing,
};
use super::{LocalStore, StorageError, StorageUse, Store as _};

const DATABASE: &str = "portal-photos";
const DATABASE_VERSION: u32 = 1;
const PHOTOS: &str = "photos";

/// The share of the browser's room that photos may take; records, the queue and the app itself
/// have the rest.
const PHOTO_PERCENT: u64 = 50;

/// Where the number of photos removed to make room is kept, for "This device" to tell.
const REMOVED_KEY: &str = "portal:v1:photos-removed";

thread_local! {
    static OPENED: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// One user's photos on this device.
#[derive(Debug, Clone)]
pub struct PhotoShelf {
    /// Every key of the user's photos starts with it, so signing out clears them by range.
    prefix: String,
}

/// A photo as kept.
#[derive(Debug, Clone)]
struct Kept {
    key: String,
    image: Blob,
    waiting: bool,
    /// When it was last shown, by this device's clock: it only orders photos for removal.
    viewed: f64,
}

/// How many photos the portal keeps on the device, and their bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PhotoSummary {
    pub waiting: usize,
    pub waiting_bytes: u64,
    pub kept: usize,
    pub kept_bytes: u64,
    /// Photos kept for reading that were removed to make room on this device.
    pub removed: usize,
}

impl PhotoShelf {
    /// The photos of the user whose keys start with `user_prefix`.
    pub fn of(user_prefix: &str) -> Self {
        Self {
            prefix: format!("{user_prefix}photo:"),
        }
    }

    fn key(&self, id: &str) -> String {
        format!("{}{id}", self.prefix)
    }

    /// Keeps a photo the carer has just chosen, until it is sent, making room first (by removing
    /// photos kept only for reading) if the portal nears the browser's limit. Durable when it
    /// returns.
    ///
    /// # Errors
    /// `Full` when the device has no room even so, or the browser's.
    pub async fn keep_chosen(&self, id: &str, image: &Blob) -> Result<(), StorageError> {
        keep_with_room(&Kept {
            key: self.key(id),
            image: image.clone(),
            waiting: true,
            viewed: js_sys::Date::now(),
        })
        .await
    }

    /// A photo's picture, if it is on the device; marks it as just viewed.
    ///
    /// # Errors
    /// The browser's.
    pub async fn image(&self, id: &str) -> Result<Option<Blob>, StorageError> {
        let Some(mut kept) = get(&self.key(id)).await? else {
            return Ok(None);
        };
        kept.viewed = js_sys::Date::now();
        // Only the order of removal depends on it: a failure here changes nothing else.
        let _ = put(&kept).await;
        Ok(Some(kept.image))
    }

    /// A photo still to be sent, if it is on the device.
    ///
    /// # Errors
    /// The browser's.
    pub async fn to_send(&self, id: &str) -> Result<Option<Blob>, StorageError> {
        Ok(get(&self.key(id))
            .await?
            .filter(|k| k.waiting)
            .map(|k| k.image))
    }

    /// The ids of the photos waiting to be sent.
    ///
    /// # Errors
    /// The browser's.
    pub async fn waiting(&self) -> Result<Vec<String>, StorageError> {
        Ok(all(Some(&self.range()?))
            .await?
            .into_iter()
            .filter(|kept| kept.waiting)
            .filter_map(|kept| kept.key.strip_prefix(&self.prefix).map(str::to_owned))
            .collect())
    }

    /// The server has the photo: it is now kept for reading only, and may make way for room.
    ///
    /// # Errors
    /// The browser's.
    pub async fn sent(&self, id: &str) -> Result<(), StorageError> {
        if let Some(mut kept) = get(&self.key(id)).await? {
            kept.waiting = false;
            put(&kept).await?;
        }
        Ok(())
    }

    /// Removes a photo the carer took off a form before sending it.
    ///
    /// # Errors
    /// The browser's.
    pub async fn forget(&self, id: &str) -> Result<(), StorageError> {
        let key = JsValue::from_str(&self.key(id));
        change(|store| store.delete(&key)).await
    }

    /// Keeps a photo fetched from the server for reading with no signal, making room first by
    /// removing those viewed least recently. Not keeping it is no failure: it is shown anyway.
    pub async fn keep_fetched(&self, id: &str, image: &Blob) {
        let _ = keep_with_room(&Kept {
            key: self.key(id),
            image: image.clone(),
            waiting: false,
            viewed: js_sys::Date::now(),
        })
        .await;
    }

    /// Removes every photo of the user (on signing out).
    ///
    /// # Errors
    /// The browser's.
    pub async fn clear(&self) -> Result<(), StorageError> {
        let range = self.range()?;
        change(|store| store.delete(&range)).await
    }

    fn range(&self) -> Result<IdbKeyRange, StorageError> {
        let upper = format!("{}{AFTER_EVERY_KEY}", self.prefix);
        IdbKeyRange::bound(&self.prefix.as_str().into(), &upper.into()).map_err(|e| error_of(&e))
    }

    /// What the user's photos take on the device.
    ///
    /// # Errors
    /// The browser's.
    pub async fn summary(&self) -> Result<PhotoSummary, StorageError> {
        let mut summary = PhotoSummary {
            removed: removed_so_far(),
            ..PhotoSummary::default()
        };
        for kept in all(Some(&self.range()?)).await? {
            let bytes = blob_size(&kept.image);
            if kept.waiting {
                summary.waiting += 1;
                summary.waiting_bytes += bytes;
            } else {
                summary.kept += 1;
                summary.kept_bytes += bytes;
            }
        }
        Ok(summary)
    }
}

/// Keeps a photo, first removing photos kept only for reading if photos would pass
/// [`PHOTO_PERCENT`] of the browser's room, and again if the browser says it is full.
async fn keep_with_room(kept: &Kept) -> Result<(), StorageError> {
    let needed = blob_size(&kept.image);
    if let Some(room) = StorageUse::measure().await
        && room.quota > 0
    {
        // Counted from the photos themselves: the browser's figure for what is used lags behind
        // (Chromium's does not go down for a while after photos are removed).
        let photos: u64 = all(None).await?.iter().map(|k| blob_size(&k.image)).sum();
        let over = bytes_over(room.quota, photos, needed);
        if over > 0 {
            let _ = make_room(over).await;
        }
    }
    match put(kept).await {
        Err(StorageError::Full) if make_room(u64::MAX).await.unwrap_or(0) > 0 => put(kept).await,
        other => other,
    }
}

/// Removes photos kept for reading (never those waiting to be sent), least recently viewed
/// first, until about `bytes` are freed; says how many it removed, and remembers the count.
///
/// # Errors
/// The browser's.
pub async fn make_room(bytes: u64) -> Result<usize, StorageError> {
    let readable: Vec<Kept> = all(None)
        .await?
        .into_iter()
        .filter(|k| !k.waiting)
        .collect();
    let sizes: Vec<(f64, u64)> = readable
        .iter()
        .map(|k| (k.viewed, blob_size(&k.image)))
        .collect();
    let mut removed = 0;
    for at in least_recently_viewed(&sizes, bytes) {
        let key = JsValue::from_str(&readable[at].key);
        change(|store| store.delete(&key)).await?;
        removed += 1;
    }
    if removed > 0
        && let Ok(local) = LocalStore::open()
    {
        let _ = local.set(REMOVED_KEY, &(removed_so_far() + removed).to_string());
    }
    Ok(removed)
}

fn removed_so_far() -> usize {
    LocalStore::open()
        .ok()
        .and_then(|l| l.get(REMOVED_KEY).ok().flatten())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// How many bytes of photos must be removed before keeping `needed` more, for photos to stay
/// within [`PHOTO_PERCENT`] of the browser's room (`quota`); `photos` is what they take now.
fn bytes_over(quota: u64, photos: u64, needed: u64) -> u64 {
    (photos + needed).saturating_sub(quota / 100 * PHOTO_PERCENT)
}

/// Of photos kept for reading (when each was last viewed, and its bytes), which to remove to
/// free `bytes`: the least recently viewed first. Found by looking through them each time
/// rather than by sorting: a device holds a few hundred photos at most, and a sort would add
/// its code to every carer's first load.
fn least_recently_viewed(photos: &[(f64, u64)], bytes: u64) -> Vec<usize> {
    let mut left: Vec<usize> = (0..photos.len()).collect();
    let (mut chosen, mut freed) = (Vec::new(), 0);
    while freed < bytes && !left.is_empty() {
        let mut oldest = 0;
        for (at, &index) in left.iter().enumerate() {
            if photos[index].0 < photos[left[oldest]].0 {
                oldest = at;
            }
        }
        let index = left.swap_remove(oldest);
        freed += photos[index].1;
        chosen.push(index);
    }
    chosen
}

// Sizes of photos are far inside u64 and never negative.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn blob_size(image: &Blob) -> u64 {
    image.size().max(0.0) as u64
}

async fn database() -> Result<IdbDatabase, StorageError> {
    if let Some(database) = OPENED.with(|o| o.borrow().clone()) {
        return Ok(database);
    }
    let database = open_database(DATABASE, DATABASE_VERSION, PHOTOS).await?;
    OPENED.with(|o| *o.borrow_mut() = Some(database.clone()));
    Ok(database)
}

/// One write in its own transaction, finished (and on disk) when it returns.
async fn change(
    request: impl FnOnce(&web_sys::IdbObjectStore) -> Result<web_sys::IdbRequest, JsValue>,
) -> Result<(), StorageError> {
    let transaction = writing(&database().await?, PHOTOS, true)?;
    let done = completion(&transaction);
    let store = transaction.object_store(PHOTOS).map_err(|e| error_of(&e))?;
    if let Err(error) = request(&store) {
        let _ = transaction.abort();
        let _ = done.await;
        return Err(error_of(&error));
    }
    done.await
}

async fn put(kept: &Kept) -> Result<(), StorageError> {
    let value = Object::new();
    let set = |name: &str, field: &JsValue| Reflect::set(&value, &name.into(), field);
    set("image", &kept.image)
        .and_then(|_| set("waiting", &kept.waiting.into()))
        .and_then(|_| set("viewed", &kept.viewed.into()))
        .map_err(|e| error_of(&e))?;
    let key = JsValue::from_str(&kept.key);
    change(|store| store.put_with_key(&value, &key)).await
}

fn kept_of(key: String, value: &JsValue) -> Option<Kept> {
    let field = |name: &str| Reflect::get(value, &name.into()).ok();
    Some(Kept {
        key,
        image: field("image")?.dyn_into().ok()?,
        waiting: field("waiting")?.as_bool()?,
        viewed: field("viewed")?.as_f64()?,
    })
}

async fn get(key: &str) -> Result<Option<Kept>, StorageError> {
    let transaction = database()
        .await?
        .transaction_with_str(PHOTOS)
        .map_err(|e| error_of(&e))?;
    let store = transaction.object_store(PHOTOS).map_err(|e| error_of(&e))?;
    let request = store
        .get(&JsValue::from_str(key))
        .map_err(|e| error_of(&e))?;
    let value = finished(&request).await?;
    Ok(kept_of(key.to_owned(), &value))
}

/// Every photo in the range (or all of them), with its key.
async fn all(range: Option<&IdbKeyRange>) -> Result<Vec<Kept>, StorageError> {
    let (keys, values) = read_all(&database().await?, PHOTOS, range).await?;
    Ok(keys
        .iter()
        .zip(values.iter())
        .filter_map(|(key, value)| kept_of(key.as_string()?, &value))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photos_kept_for_reading_make_way_least_recently_viewed_first() {
        let photos = [(30.0, 100), (10.0, 100), (20.0, 100), (40.0, 100)];
        assert_eq!(least_recently_viewed(&photos, 150), [1, 2]);
        assert_eq!(least_recently_viewed(&photos, 0), Vec::<usize>::new());
        assert_eq!(least_recently_viewed(&photos, u64::MAX), [1, 2, 0, 3]);
    }

    #[test]
    fn room_is_made_only_past_the_share_photos_may_take() {
        // Photos may take 50 of 100: 40 kept and 10 more fits; 20 more is 10 over.
        assert_eq!(bytes_over(100, 40, 10), 0);
        assert_eq!(bytes_over(100, 40, 20), 10);
        assert_eq!(bytes_over(100, 0, 10), 0);
    }
}
