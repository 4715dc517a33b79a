//! Who is signed in on this device. Kept in local storage so that a carer who signed in here
//! keeps using the portal with no network; the session itself is an `HttpOnly` cookie that only
//! the server can read.

use leptos::prelude::*;

use crate::api::{self, ApiError, User};
use crate::storage::{DeviceStore, LocalStore, StorageError};

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

    pub fn is_expired(self) -> bool {
        self.expired.get()
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
    ) -> Result<User, String> {
        let user = api::sign_in(email, password, code)
            .await
            .map_err(|e| e.message())?;
        let device = device().map_err(|e| e.to_string())?;
        // Someone else signing in on a shared computer must not inherit the last person's data.
        if let Some(previous) = self.user.get_untracked().filter(|p| p.id != user.id) {
            device.sign_out(&previous.id).map_err(|e| e.to_string())?;
        }
        device.set_session(&user).map_err(|e| e.to_string())?;
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
            device()?.sign_out(&user.id)?;
        }
        self.user.set(None);
        self.expired.set(false);
        Ok(())
    }
}

pub fn device() -> Result<DeviceStore<LocalStore>, StorageError> {
    DeviceStore::open(LocalStore::open()?)
}

pub fn provide_account() -> Account {
    let stored = device()
        .ok()
        .and_then(|d| d.session::<User>().ok().flatten());
    let account = Account {
        user: RwSignal::new(stored),
        expired: RwSignal::new(false),
    };
    provide_context(account);
    account
}

/// The account state provided by `App`.
pub fn use_account() -> Account {
    expect_context::<Account>()
}
