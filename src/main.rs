//! The carers' app. Its areas and seldom-needed pages are cut from it at the functions below and
//! load when first opened (see `portal_app::parts`).

// A `fallible` split point must return a `Result`: its error is the chunk failing to load, which
// the wrapper the macro writes returns before the body ever runs.
#![allow(clippy::unnecessary_wraps)]

use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use portal_app::parts::{Opened, Part};
use portal_app::routes::Area;

fn main() {
    portal_app::start_carer_app(app);
}

fn app() -> impl IntoView {
    view! { <portal_app::App open_part=open_part /> }
}

fn open_part(part: Part) -> Opened {
    Box::pin(async move {
        match part {
            Part::Area(Area::Learning) => learning().await,
            Part::Area(Area::Groups) => groups().await,
            Part::Area(Area::Buddies) => buddies().await,
            Part::Area(Area::Payments) => payments().await,
            Part::Area(Area::Surveys) => surveys().await,
            // The news and the library are one part: both are reading, with no signal, of
            // what staff wrote, and share the code that shows it.
            Part::Area(Area::News | Area::Library) => library().await,
            Part::SignIn => sign_in().await,
            Part::MyDetails => my_details().await,
            Part::ThisDevice => this_device().await,
            Part::Invitation => invitation().await,
            Part::Application => application().await,
        }
    })
}

#[wasm_split(learning, wasm_split_path = leptos::wasm_split, fallible)]
fn learning() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <portal_app::areas::learning::LearningArea /> }.into_any())
}

#[wasm_split(groups, wasm_split_path = leptos::wasm_split, fallible)]
fn groups() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <portal_app::areas::groups::GroupsArea /> }.into_any())
}

#[wasm_split(buddies, wasm_split_path = leptos::wasm_split, fallible)]
fn buddies() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <portal_app::areas::buddies::BuddiesArea /> }.into_any())
}

#[wasm_split(payments, wasm_split_path = leptos::wasm_split, fallible)]
fn payments() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <portal_app::areas::payments::PaymentsArea /> }.into_any())
}

#[wasm_split(surveys, wasm_split_path = leptos::wasm_split, fallible)]
fn surveys() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <portal_app::areas::surveys::SurveysArea /> }.into_any())
}

#[wasm_split(library, wasm_split_path = leptos::wasm_split, fallible)]
fn library() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <portal_app::areas::library::LibraryArea /> }.into_any())
}

#[wasm_split(sign_in, wasm_split_path = leptos::wasm_split, fallible)]
fn sign_in() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <portal_app::pages::sign_in::SignInPage /> }.into_any())
}

#[wasm_split(my_details, wasm_split_path = leptos::wasm_split, fallible)]
fn my_details() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <portal_app::pages::my_details::MyDetailsPart /> }.into_any())
}

#[wasm_split(this_device, wasm_split_path = leptos::wasm_split, fallible)]
fn this_device() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <portal_app::pages::this_device::ThisDevicePage /> }.into_any())
}

#[wasm_split(invitation, wasm_split_path = leptos::wasm_split, fallible)]
fn invitation() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <portal_app::pages::invitation::InvitationPage /> }.into_any())
}

#[wasm_split(application, wasm_split_path = leptos::wasm_split, fallible)]
fn application() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <portal_app::application::ApplicationPage /> }.into_any())
}
