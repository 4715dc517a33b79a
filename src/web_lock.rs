//! One tab at a time: the browser's Web Locks, which every tab of the portal on this device
//! shares. A lock is let go when its work ends or its tab closes or crashes, so a tab that dies
//! part-way never blocks the others. Browsers that lack Web Locks run the work straight away,
//! which is still correct (the server applies each change once, whoever sends it), only less
//! tidy.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, future_to_promise};

#[wasm_bindgen]
extern "C" {
    /// `navigator.locks`, declared here because web-sys marks it unstable.
    type LockManager;

    #[wasm_bindgen(method)]
    fn request(this: &LockManager, name: &str, callback: &Function) -> Promise;
}

fn lock_manager() -> Option<LockManager> {
    let navigator = web_sys::window()?.navigator();
    let locks = Reflect::get(&navigator, &"locks".into()).ok()?;
    (!locks.is_undefined() && !locks.is_null()).then(|| locks.unchecked_into())
}

/// Runs `work` while holding the lock `name`, waiting for any other tab that holds it first.
/// `None` only if the work started but never finished (it cannot, short of a bug).
pub async fn exclusively<W, F, T>(name: &str, work: W) -> Option<T>
where
    W: FnOnce() -> F + 'static,
    F: Future<Output = T> + 'static,
    T: 'static,
{
    let Some(locks) = lock_manager() else {
        return Some(work().await);
    };
    let work = Rc::new(RefCell::new(Some(work)));
    let outcome = Rc::new(RefCell::new(None::<T>));
    let (pending, result) = (Rc::clone(&work), Rc::clone(&outcome));
    let granted = Closure::once(move |_lock: JsValue| -> Promise {
        let work = pending.borrow_mut().take();
        future_to_promise(async move {
            if let Some(work) = work {
                let value = work().await;
                *result.borrow_mut() = Some(value);
            }
            Ok(JsValue::UNDEFINED)
        })
    });
    // Settles once the work is done and the lock let go, or at once if the browser refused.
    let _ = JsFuture::from(locks.request(name, granted.as_ref().unchecked_ref())).await;
    let done = outcome.borrow_mut().take();
    if done.is_some() {
        return done;
    }
    // The browser refused the request (a sandboxed frame, say): do the work unlocked.
    let unstarted = work.borrow_mut().take();
    match unstarted {
        Some(work) => Some(work().await),
        None => None,
    }
}
