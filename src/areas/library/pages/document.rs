//! One document of the library (`/library/{id}`), from the device: readable with no signal.
//! Opening it marks this version as read here.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_core::library::{Document, ReadState};

use crate::areas::library::{LibraryPage, use_library};
use crate::components::page_title::{PageTitle, set_page_title};
use crate::components::written::Written;
use crate::device::print_page;

#[component]
pub fn DocumentPage() -> impl IntoView {
    let library = use_library();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let document = Memo::new(move |_| library.with(|data| data.document(&id.get()).cloned()));
    // The document whose new version the reader arrived at, so the page can say it changed
    // even after opening it has marked it read.
    let changed = RwSignal::new(None::<String>);
    let unread = Memo::new(move |_| {
        library.with(|data| {
            let document = data.document(&id.get())?;
            let state = document.read_state(&data.marks);
            (state != ReadState::Read).then(|| (document.read_mark(), state))
        })
    });
    Effect::new(move |_| {
        if let Some((mark, state)) = unread.get() {
            if state == ReadState::Updated {
                changed.set(Some(id.get_untracked()));
            }
            library.mark_read(&mark);
        }
    });
    view! {
        <a href=LibraryPage::List.href() class="govuk-back-link">"Back to the library"</a>
        {move || match document.get() {
            Some(document) => {
                let was_changed = changed.with(|c| c.as_deref() == Some(document.id.as_str()));
                view! { <Reading document=document was_changed=was_changed /> }.into_any()
            }
            None => view! { <LibraryNotFoundPage /> }.into_any(),
        }}
    }
}

#[component]
fn Reading(document: Document, was_changed: bool) -> impl IntoView {
    let dated = format!(
        "Version {}, updated {}",
        document.version,
        document.updated_on.long_form()
    );
    let blocks = document.blocks();
    let title = document.title.clone();
    Effect::new(move |_| set_page_title(&title));
    view! {
        <span class="govuk-caption-l">{document.kind.label()}</span>
        <h1 class="govuk-heading-l">{document.title.clone()}</h1>
        <p class="govuk-body-l">{document.summary.clone()}</p>
        <p class="govuk-body-s portal-secondary-text">{dated}</p>
        {was_changed.then(|| view! {
            <div class="govuk-inset-text">
                "This document has changed since you last read it."
            </div>
        })}
        <Written blocks=blocks />
        <button type="button" class="govuk-button govuk-button--secondary portal-no-print" on:click=move |_| print_page()>
            "Print this document"
        </button>
    }
}

/// A document that is not on this device: a wrong address, or one not synced yet.
#[component]
pub fn LibraryNotFoundPage() -> impl IntoView {
    view! {
        <PageTitle text="Document not found" />
        <h1 class="govuk-heading-l">"Document not found"</h1>
        <p class="govuk-body">
            "This document is not on this device. If you typed the web address, check it is "
            "correct. A new document arrives the next time this device connects."
        </p>
        <p class="govuk-body">
            <a href=LibraryPage::List.href() class="govuk-link">"Go to the library"</a>
        </p>
    }
}
