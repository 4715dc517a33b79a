//! Who is signed in on this device. Kept in local storage so that a carer who signed in here
//! keeps using the portal with no network; the session itself is an `HttpOnly` cookie that only
//! the server can read.

use leptos::prelude::*;

use crate::api::{self, ApiError, SignInAnswer, User};
use crate::storage::{BrowserStore, DeviceStore, PhotoShelf, StorageError};

/// Why signing in did not work, by the part of the form it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInProblem {
    /// The address, the password, or anything else about the account.
    Account(String),
    /// The code from the authenticator app.
    Code(String),
}

#[derive(Debug, Clone, Copy)]
pub struct Account {
    user: RwSignal<Option<User>>,
    /// The server said the session has ended; changes wait until the person signs in again.
    expired: RwSignal<bool>,
}

impl Account {
    pub fn user(self) -> Option<User> {
        self.user.get()
    }

    pub fn user_untracked(self) -> Option<User> {
        self.user.get_untracked()
    }

    /// The signed-in person's photos on this device.
    pub fn photos(self) -> Option<PhotoShelf> {
        let user = self.user_untracked()?;
        Some(PhotoShelf::of(device().ok()?.user(&user.id).prefix()))
    }

    /// The form the person left unsent under `name` on this device, if any.
    pub fn draft<T: serde::de::DeserializeOwned>(self, name: &str) -> Option<T> {
        let user = self.user_untracked()?;
        device().ok()?.user(&user.id).draft(name).ok().flatten()
    }

    /// Keeps a form as typed on this device. A device too full to keep a draft is not worth
    /// interrupting the person for: saving the form itself says so if it cannot be kept.
    pub fn keep_draft<T: serde::Serialize>(self, name: &str, form: &T) {
        if let (Some(user), Ok(device)) = (self.user_untracked(), device()) {
            let _ = device.user(&user.id).set_draft(name, form);
        }
    }

    /// Text that is kept on this device as it is typed, under `name`, and starts from what was
    /// kept: a reply box whose words survive a reload or a closed tab. Emptying it (as sending
    /// does) forgets the draft.
    pub fn kept_text(self, name: String) -> RwSignal<String> {
        let text = RwSignal::new(self.draft::<String>(&name).unwrap_or_default());
        // The first run only starts the tracking.
        Effect::new(move |started: Option<()>| {
            let now = text.get();
            if started.is_some() {
                if now.is_empty() {
                    self.drop_draft(&name);
                } else {
                    self.keep_draft(&name, &now);
                }
            }
        });
        text
    }

    pub fn drop_draft(self, name: &str) {
        if let (Some(user), Ok(device)) = (self.user_untracked(), device()) {
            let _ = device.user(&user.id).remove_draft(name);
        }
    }

    pub fn is_expired(self) -> bool {
        self.expired.get()
    }

    /// Re-reads who is signed in from the device, after another tab signed in or out.
    pub fn reload(self) {
        let stored = device()
            .ok()
            .and_then(|d| d.session::<User>().ok().flatten());
        if stored != self.user.get_untracked() {
            self.user.set(stored);
        }
    }

    pub fn mark_expired(self) {
        self.expired.set(true);
    }

    /// Signs in with the server and remembers the person on this device.
    pub async fn sign_in(
        self,
        email: &str,
        password: &str,
        code: Option<&str>,
    ) -> Result<SignInAnswer, SignInProblem> {
        match api::sign_in(email, password, code).await {
            Ok(SignInAnswer::SignedIn(user)) => self
                .start(user)
                .map(SignInAnswer::SignedIn)
                .map_err(SignInProblem::Account),
            Ok(SignInAnswer::CodeNeeded) => Ok(SignInAnswer::CodeNeeded),
            Err(error) if error.code() == Some("wrong_second_factor") => {
                Err(SignInProblem::Code(error.message()))
            }
            Err(error) => Err(SignInProblem::Account(error.message())),
        }
    }

    /// Remembers on this device someone the server has just signed in.
    pub fn start(self, user: User) -> Result<User, String> {
        let device = device().map_err(|e| e.to_string())?;
        // Someone else signing in on a shared computer must not inherit the last person's data.
        if let Some(previous) = self.user.get_untracked().filter(|p| p.id != user.id) {
            if let Some(photos) = self.photos() {
                leptos::task::spawn_local(async move {
                    let _ = photos.clear().await;
                });
            }
            device.sign_out(&previous.id).map_err(|e| e.to_string())?;
        }
        device.set_session(&user).map_err(|e| e.to_string())?;
        ask_for_persistent_storage();
        self.user.set(Some(user.clone()));
        self.expired.set(false);
        Ok(user)
    }

    /// Signs out on the server (if it can be reached) and removes everything of the person
    /// from this device. The caller has already warned about waiting changes.
    pub async fn sign_out(self) -> Result<(), StorageError> {
        // An unreachable server must not keep someone signed in on a shared computer: the
        // device is cleared either way, and the session ends by itself on the server later.
        let _: Result<(), ApiError> = api::sign_out().await;
        if let Some(user) = self.user.get_untracked() {
            // Only carers keep photos (those of their payment queries).
            let photos = self.photos().filter(|_| user.household_id.is_some());
            device()?.sign_out(&user.id)?;
            BrowserStore::current().flush().await?;
            if let Some(photos) = photos {
                photos.clear().await?;
            }
        }
        self.user.set(None);
        self.expired.set(false);
        Ok(())
    }
}

// Called from many places; kept out of line so that the format check and migrations are in the
// app once, not copied into each caller.
#[inline(never)]
pub fn device() -> Result<DeviceStore<BrowserStore>, StorageError> {
    DeviceStore::open(BrowserStore::current())
}

pub fn provide_account() -> Account {
    let stored = device()
        .ok()
        .and_then(|d| d.session::<User>().ok().flatten());
    let account = Account {
        user: RwSignal::new(stored.clone()),
        expired: RwSignal::new(false),
    };
    provide_context(account);
    if stored.is_none() {
        // The browser may have cleared the site's storage (Safari does after a week without a
        // visit) while the session cookie lives on: ask the server who this is, and start again
        // from an empty store.
        leptos::task::spawn_local(async move {
            if let Ok(Some(user)) = api::current_user().await
                && let Ok(device) = device()
                && device.set_session(&user).is_ok()
            {
                account.user.set(Some(user));
            }
        });
    }
    account
}

/// Asks the browser not to clear the portal's storage when space runs low, since it may hold
/// changes not yet sent. Browsers may say no; the portal works either way.
pub fn ask_for_persistent_storage() {
    if let Some(window) = web_sys::window()
        && let Ok(storage) = js_sys::Reflect::get(&window.navigator(), &"storage".into())
        && !storage.is_undefined()
    {
        let _ = window.navigator().storage().persist();
    }
}

/// The account state provided by `App`.
pub fn use_account() -> Account {
    expect_context::<Account>()
}
