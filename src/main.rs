//! The carers' app. Its areas are cut from it at the functions below and load when first opened
//! (see `portal_app::areas`).

use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use portal_app::routes::Area;

fn main() {
    portal_app::start_carer_app(app);
}

fn app() -> impl IntoView {
    view! { <portal_app::App open_area=open_area /> }
}

fn open_area(
    area: Area,
) -> std::pin::Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>> + Send>> {
    Box::pin(async move {
        match area {
            Area::Learning => learning().await,
            Area::Groups => groups().await,
            Area::Buddies => buddies().await,
            Area::Payments => payments().await,
            Area::Surveys => surveys().await,
        }
    })
}

#[wasm_split(learning, wasm_split_path = leptos::wasm_split, fallible)]
fn learning() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <portal_app::learning::LearningArea /> }.into_any())
}

#[wasm_split(groups, wasm_split_path = leptos::wasm_split, fallible)]
fn groups() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <portal_app::groups::GroupsArea /> }.into_any())
}

#[wasm_split(buddies, wasm_split_path = leptos::wasm_split, fallible)]
fn buddies() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <portal_app::buddies::BuddiesArea /> }.into_any())
}

#[wasm_split(payments, wasm_split_path = leptos::wasm_split, fallible)]
fn payments() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <portal_app::payments::PaymentsArea /> }.into_any())
}

#[wasm_split(surveys, wasm_split_path = leptos::wasm_split, fallible)]
fn surveys() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <portal_app::surveys::SurveysArea /> }.into_any())
}
