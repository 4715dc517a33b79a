//! The carers' areas, each loaded the first time it is opened.
//!
//! Each area's pages, state and data are code that the portal's first load does not carry. The
//! `#[wasm_split]` functions in `src/main.rs` mark where the WebAssembly is cut: the build's split
//! step (`xtask/src/split.rs`) moves everything only an area uses into that area's chunk, and
//! calling the function fetches the chunk once, then runs it. The service worker keeps every
//! chunk, so an area opens with no signal even the first time.
//!
//! Leptos' own `#[lazy]` stops the app when a chunk cannot be fetched. The split functions are
//! `fallible` instead (they answer `Err` when the chunk cannot be fetched), so a failed fetch
//! shows a plain message with "Try again".

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

use crate::components::page_title::PageTitle;
use crate::routes::Area;

/// How the app opens an area: the carers' app's binary (`src/main.rs`) supplies it. The split
/// points must live in that binary, not in this library: each one is an exported function, and
/// an export in the library would keep every area's code in every app built from it (the
/// enquiry and staff apps included).
pub type OpenArea =
    fn(Area) -> Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>> + Send>>;

/// Shows `area`, loading its code first if this is its first visit. A chunk that cannot be
/// fetched (no signal, and the service worker had not kept it yet) gets a plain message with
/// "Try again", never a blank page.
#[component]
pub fn AreaView(area: Area) -> impl IntoView {
    let open = expect_context::<OpenArea>();
    let attempt = RwSignal::new(0_u32);
    view! {
        <Suspense fallback=move || view! { <Opening area=area /> }>
            {move || {
                attempt.track();
                Suspend::new(async move {
                    match open(area).await {
                        Ok(view) => view,
                        Err(_) => view! { <NotOpened area=area attempt=attempt /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Opening(area: Area) -> impl IntoView {
    view! { <p class="govuk-body" role="status">"Opening " {area.title()} "…"</p> }
}

#[component]
fn NotOpened(area: Area, attempt: RwSignal<u32>) -> impl IntoView {
    view! {
        <PageTitle text="This part of the portal did not open" />
        <h1 class="govuk-heading-l">"This part of the portal did not open"</h1>
        <p class="govuk-body">
            {area.title()}
            " needs to be fetched once, and this device could not reach the portal. What you have saved is safe."
        </p>
        <p class="govuk-body">"Check your connection, then try again."</p>
        <button
            type="button"
            class="govuk-button"
            data-module="govuk-button"
            on:click=move |_| attempt.update(|n| *n += 1)
        >
            "Try again"
        </button>
    }
}
