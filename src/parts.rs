//! The parts of the carers' app that load the first time they are opened: each area, and the
//! pages a carer seldom needs (signing in, My details, This device, an invitation).
//!
//! Their pages, state and data are code that the portal's first load does not carry. The
//! `#[wasm_split]` functions in `src/main.rs` mark where the WebAssembly is cut: the build's split
//! step (`xtask/src/split.rs`) moves everything only a part uses into that part's chunk, and
//! calling the function fetches the chunk once, then runs it. The service worker keeps every
//! chunk, so a part opens with no signal even the first time.
//!
//! Leptos' own `#[lazy]` stops the app when a chunk cannot be fetched. The split functions are
//! `fallible` instead (they answer `Err` when the chunk cannot be fetched), so a failed fetch
//! shows a plain message with "Try again".

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

use crate::components::page_title::PageTitle;
use crate::routes::{Area, Page};

/// A part of the carers' app whose code loads when it is first opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Area(Area),
    SignIn,
    MyDetails,
    ThisDevice,
    Invitation,
}

impl Part {
    /// The part's name, as a person knows it.
    pub const fn title(self) -> &'static str {
        match self {
            Self::Area(area) => area.title(),
            Self::SignIn => Page::SignIn.title(),
            Self::MyDetails => Page::MyDetails.title(),
            Self::ThisDevice => Page::ThisDevice.title(),
            Self::Invitation => "Your invitation",
        }
    }
}

/// How the app opens a part: the carers' app's binary (`src/main.rs`) supplies it. The split
/// points must live in that binary, not in this library: each one is an exported function, and
/// an export in the library would keep every area's code in every app built from it (the
/// enquiry and staff apps included).
pub type OpenPart =
    fn(Part) -> Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>> + Send>>;

/// Shows `part`, loading its code first if this is its first visit. A chunk that cannot be
/// fetched (no signal, and the service worker had not kept it yet) gets a plain message with
/// "Try again", never a blank page.
#[component]
pub fn PartView(part: Part) -> impl IntoView {
    let open = expect_context::<OpenPart>();
    let attempt = RwSignal::new(0_u32);
    view! {
        <Suspense fallback=move || view! { <Opening part=part /> }>
            {move || {
                attempt.track();
                Suspend::new(async move {
                    match open(part).await {
                        Ok(view) => view,
                        Err(_) => view! { <NotOpened part=part attempt=attempt /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Opening(part: Part) -> impl IntoView {
    view! { <p class="govuk-body" role="status">"Opening " {part.title()} "…"</p> }
}

#[component]
fn NotOpened(part: Part, attempt: RwSignal<u32>) -> impl IntoView {
    view! {
        <PageTitle text="This part of the portal did not open" />
        <h1 class="govuk-heading-l">"This part of the portal did not open"</h1>
        <p class="govuk-body">
            {part.title()}
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
