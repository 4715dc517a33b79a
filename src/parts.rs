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
use crate::state::sync::use_sync;

/// A part of the carers' app whose code loads when it is first opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Area(Area),
    SignIn,
    MyDetails,
    ThisDevice,
    Invitation,
    /// The applicant's home, in place of the carers' home page while their household is being
    /// assessed.
    Application,
}

/// A part of an app whose code loads when it is first opened: the carers' `Part`s, or the
/// staff side's sections (`staff::StaffSection`).
pub trait LazyPart: Copy + Send + Sync + 'static {
    /// The part's name, as a person knows it.
    fn name(self) -> &'static str;
}

impl LazyPart for Part {
    fn name(self) -> &'static str {
        match self {
            Self::Area(area) => area.title(),
            Self::SignIn => Page::SignIn.title(),
            Self::MyDetails => Page::MyDetails.title(),
            Self::ThisDevice => Page::ThisDevice.title(),
            Self::Invitation => "Your invitation",
            Self::Application => "Your application",
        }
    }
}

/// What opening a part gives: its view, or the error of its chunk failing to load.
pub type Opened = Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>> + Send>>;

/// How an app opens its parts: the app's binary (`src/main.rs`, `src/bin/portal-staff.rs`)
/// supplies it. The split points must live in the binary, not in this library: each one is an
/// exported function, and an export in the library would keep every part's code in every app
/// built from it (the enquiry app included).
pub type Open<P> = fn(P) -> Opened;

/// How the carers' app opens its parts.
pub type OpenPart = Open<Part>;

/// Shows `part`, loading its code first if this is its first visit. A chunk that cannot be
/// fetched (no signal, and the service worker had not kept it yet) gets a plain message with
/// "Try again", never a blank page. The app provides an `Open<P>` in context.
#[component]
pub fn PartView<P: LazyPart>(part: P) -> impl IntoView {
    let open = expect_context::<Open<P>>();
    let attempt = RwSignal::new(0_u32);
    let name = part.name();
    view! {
        <Suspense fallback=move || view! { <Opening name=name /> }>
            {move || {
                attempt.track();
                Suspend::new(async move {
                    match open(part).await {
                        Ok(view) => view,
                        Err(_) => view! { <NotOpened name=name attempt=attempt /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// An area of the carers' app. An applicant (their household being assessed) is told that it
/// opens on approval, and its code is not fetched.
#[component]
pub fn AreaView(area: Area) -> impl IntoView {
    let sync = use_sync();
    let applicant = Memo::new(move |_| sync.is_applicant());
    view! {
        <Show
            when=move || area.open_to_applicants() || !applicant.get()
            fallback=move || view! {
                <PageTitle text="For approved foster carers" />
                <h1 class="govuk-heading-l">{area.title()} " is for approved foster carers"</h1>
                <p class="govuk-body">
                    "It opens to you when your application is approved. Until then, "
                    <a class="govuk-link" href=Page::Home.href()>"your home page"</a>
                    " shows your application."
                </p>
            }
        >
            <PartView part=Part::Area(area) />
        </Show>
    }
}

#[component]
fn Opening(name: &'static str) -> impl IntoView {
    view! { <p class="govuk-body" role="status">"Opening " {name} "…"</p> }
}

#[component]
fn NotOpened(name: &'static str, attempt: RwSignal<u32>) -> impl IntoView {
    view! {
        <PageTitle text="This part of the portal did not open" />
        <h1 class="govuk-heading-l">"This part of the portal did not open"</h1>
        <p class="govuk-body">
            {name}
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
