//! The staff side of the portal, built as its own app so that carers' phones never download it.
//! Its sections are cut from it at the functions below and load when first opened (see
//! `portal_app::parts`).

// A `fallible` split point must return a `Result`: its error is the chunk failing to load, which
// the wrapper the macro writes returns before the body ever runs.
#![allow(clippy::unnecessary_wraps)]

use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use portal_app::parts::Opened;
use portal_app::staff::{self, StaffSection};

fn main() {
    mount_to_body(app);
}

fn app() -> impl IntoView {
    view! { <staff::StaffApp open_section=open_section /> }
}

fn open_section(section: StaffSection) -> Opened {
    Box::pin(async move {
        match section {
            StaffSection::Learning => learning().await,
            StaffSection::Groups => groups().await,
            StaffSection::Buddies => buddies().await,
            StaffSection::Payments => payments().await,
            StaffSection::Surveys => surveys().await,
            StaffSection::Enquiries => enquiries().await,
        }
    })
}

#[wasm_split(staff_learning, wasm_split_path = leptos::wasm_split, fallible)]
fn learning() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <staff::StaffLearning /> }.into_any())
}

#[wasm_split(staff_groups, wasm_split_path = leptos::wasm_split, fallible)]
fn groups() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <staff::StaffGroups /> }.into_any())
}

#[wasm_split(staff_buddies, wasm_split_path = leptos::wasm_split, fallible)]
fn buddies() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <staff::StaffBuddies /> }.into_any())
}

#[wasm_split(staff_payments, wasm_split_path = leptos::wasm_split, fallible)]
fn payments() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <staff::StaffPayments /> }.into_any())
}

#[wasm_split(staff_surveys, wasm_split_path = leptos::wasm_split, fallible)]
fn surveys() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <staff::StaffSurveys /> }.into_any())
}

#[wasm_split(staff_enquiries, wasm_split_path = leptos::wasm_split, fallible)]
fn enquiries() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <staff::StaffEnquiries /> }.into_any())
}
