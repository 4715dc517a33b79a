//! The Foster Carer Portal web app.
//!
//! `App` provides the app-wide state and declares the routes; pages live in `pages/`, shared
//! views in `components/`, state in `state/`, and all HTTP in `api`. Rules that do not need a
//! browser live in plain functions (or in `portal-core`) and are tested natively.

pub mod api;
pub mod application;
pub mod areas;
pub mod brand;
pub mod components;
pub mod details_form;
pub mod device;
pub mod enquire;
pub mod pages;
pub mod parts;
pub mod routes;
pub mod staff;
pub mod state;
pub mod storage;
pub mod sync_engine;
pub mod web_lock;
pub mod words;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{StaticSegment, WildcardSegment};

use crate::components::layout::Layout;
use crate::pages::home::HomePage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::sign_out::SignOutPage;
use crate::parts::{AreaView, OpenPart, Part, PartView};
use crate::routes::{Area, Page};
use crate::state::provide_carer_state;

/// Starts a carers' app: opens the device's storage (`IndexedDB`, moving in what an older version
/// kept in local storage), then mounts the app. A browser that will not open `IndexedDB` (some
/// private windows) still gets the app, which then says plainly that it cannot keep anything.
pub fn start_carer_app<V: IntoView + 'static>(app: fn() -> V) {
    // Leptos' own executor starts with the app, so the storage is opened on wasm-bindgen's.
    wasm_bindgen_futures::spawn_local(async move {
        let _ = storage::open_device_store().await;
        mount_to_body(app);
    });
}

/// The carers' app. `open_part` loads the code of a part that is not in its first load (see
/// `parts`).
#[component]
pub fn App(open_part: OpenPart) -> impl IntoView {
    provide_carer_state();
    provide_context(open_part);
    view! {
        <Router>
            <Layout>
                <Routes fallback=NotFoundPage>
                    <Route path=StaticSegment(Page::Home) view=HomePage />
                    <Route path=StaticSegment(Page::SignIn) view=|| view! { <PartView part=Part::SignIn /> } />
                    <Route path=StaticSegment(Page::SignOut) view=SignOutPage />
                    <Route path=StaticSegment(Page::MyDetails) view=|| view! { <PartView part=Part::MyDetails /> } />
                    <Route path=StaticSegment(Page::Invitation) view=|| view! { <PartView part=Part::Invitation /> } />
                    <Route path=StaticSegment(Page::ThisDevice) view=|| view! { <PartView part=Part::ThisDevice /> } />
                    <Route path=StaticSegment(Page::Notifications) view=|| view! { <PartView part=Part::MyDetails /> } />
                    <Route path=(StaticSegment(Area::Learning), WildcardSegment("rest")) view=|| view! { <AreaView area=Area::Learning /> } />
                    <Route path=(StaticSegment(Area::Groups), WildcardSegment("rest")) view=|| view! { <AreaView area=Area::Groups /> } />
                    <Route path=(StaticSegment(Area::Buddies), WildcardSegment("rest")) view=|| view! { <AreaView area=Area::Buddies /> } />
                    <Route path=(StaticSegment(Area::Payments), WildcardSegment("rest")) view=|| view! { <AreaView area=Area::Payments /> } />
                    <Route path=(StaticSegment(Area::Surveys), WildcardSegment("rest")) view=|| view! { <AreaView area=Area::Surveys /> } />
                    <Route path=(StaticSegment(Area::News), WildcardSegment("rest")) view=|| view! { <AreaView area=Area::News /> } />
                    <Route path=(StaticSegment(Area::Library), WildcardSegment("rest")) view=|| view! { <AreaView area=Area::Library /> } />
                </Routes>
            </Layout>
        </Router>
    }
}
