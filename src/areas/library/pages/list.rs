//! The library (`/library`): every document by kind, or what a search finds, each with where
//! the reader stands with it.

use leptos::prelude::*;
use portal_core::library::{DocumentKind, ReadState};

use crate::areas::library::data::{LibraryData, Listed};
use crate::areas::library::{LibraryPage, use_library};
use crate::components::page_title::PageTitle;
use crate::words::count;

/// The words and GOV.UK tag colour for where the reader stands with a document, if it needs
/// saying.
pub const fn read_tag(state: ReadState) -> Option<(&'static str, &'static str)> {
    match state {
        ReadState::NotRead => Some(("Not read yet", "govuk-tag govuk-tag--blue")),
        ReadState::Updated => Some((
            "Updated since you last read it",
            "govuk-tag govuk-tag--yellow",
        )),
        ReadState::Read => None,
    }
}

/// What the search's status says: how many documents it found for the words.
pub fn found_words(found: usize, query: &str) -> String {
    format!(
        "{} found for \u{201c}{}\u{201d}",
        count(found, "document", "documents"),
        query.trim()
    )
}

/// "1 document has changed since you last read it."
pub fn updated_words(updated: usize) -> String {
    let (which, it) = if updated == 1 {
        ("document has", "it")
    } else {
        ("documents have", "them")
    };
    format!("{updated} {which} changed since you last read {it}.")
}

#[component]
pub fn LibraryListPage() -> impl IntoView {
    let library = use_library();
    let query = RwSignal::new(String::new());
    let empty = move || library.with(|data| data.documents.is_empty());
    view! {
        <PageTitle text="Library" />
        <h1 class="govuk-heading-l">"Library"</h1>
        <p class="govuk-body">
            "The foster carers' handbook, the charter and the service's policies. They are kept on "
            "this device, so you can read them with no signal."
        </p>
        <Show
            when=move || !empty()
            fallback=|| view! {
                <p class="govuk-body">
                    "The library has not reached this device yet. It arrives the next time this "
                    "device connects."
                </p>
            }
        >
            <Updated />
            <form class="portal-search" role="search" on:submit=|event| event.prevent_default()>
                <div class="govuk-form-group">
                    <label class="govuk-label govuk-label--s" for="library-search">"Search the library"</label>
                    <div class="govuk-hint" id="library-search-hint">"For example, allowance or allegation"</div>
                    <input class="govuk-input" id="library-search" name="library-search" type="search"
                        autocomplete="off" spellcheck="false" aria-describedby="library-search-hint"
                        bind:value=query />
                </div>
            </form>
            <Documents query=query />
        </Show>
    }
}

#[component]
fn Updated() -> impl IntoView {
    let library = use_library();
    move || {
        let updated = library.with(LibraryData::updated);
        (updated > 0).then(|| {
            view! {
                <div class="govuk-inset-text">
                    {updated_words(updated)}
                </div>
            }
        })
    }
}

/// The list, under the search box: every document by kind, or the search's results with a
/// status a screen reader announces.
#[component]
fn Documents(query: RwSignal<String>) -> impl IntoView {
    let library = use_library();
    let listed = Memo::new(move |_| {
        let query = query.get();
        library.with(|data| data.listed(&query))
    });
    let searching = move || !query.with(|q| q.trim().is_empty());
    let status = move || searching().then(|| found_words(listed.with(Vec::len), &query.get()));
    view! {
        <p class="govuk-body" role="status" aria-live="polite">{status}</p>
        {move || {
            let listed = listed.get();
            if searching() {
                return view! {
                    <ul class="govuk-list portal-library">
                        {listed.into_iter().map(|l| view! { <DocumentItem listed=l /> }).collect_view()}
                    </ul>
                }
                .into_any();
            }
            DocumentKind::ALL
                .into_iter()
                .filter_map(|kind| {
                    let of_kind: Vec<Listed> =
                        listed.iter().filter(|l| l.document.kind == kind).cloned().collect();
                    (!of_kind.is_empty()).then(|| view! {
                        <h2 class="govuk-heading-m">{kind.heading()}</h2>
                        <ul class="govuk-list portal-library">
                            {of_kind.into_iter().map(|l| view! { <DocumentItem listed=l /> }).collect_view()}
                        </ul>
                    })
                })
                .collect_view()
                .into_any()
        }}
    }
}

#[component]
fn DocumentItem(listed: Listed) -> impl IntoView {
    let document = listed.document;
    let href = LibraryPage::Document(document.id.clone()).href();
    let dated = format!(
        "{}, version {}, updated {}",
        document.kind.label(),
        document.version,
        document.updated_on.long_form()
    );
    view! {
        <li class="portal-library__item">
            <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
                <a class="govuk-link" href=href>{document.title.clone()}</a>
            </h3>
            {read_tag(listed.state).map(|(words, tag)| view! {
                <p class="govuk-body-s govuk-!-margin-bottom-1"><strong class=tag>{words}</strong></p>
            })}
            <p class="govuk-body govuk-!-margin-bottom-1">
                {listed.extract.unwrap_or(document.summary)}
            </p>
            <p class="govuk-body-s portal-secondary-text">{dated}</p>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_status_counts_what_was_found() {
        assert_eq!(
            found_words(1, " allowance "),
            "1 document found for \u{201c}allowance\u{201d}"
        );
        assert_eq!(
            found_words(0, "x"),
            "0 documents found for \u{201c}x\u{201d}"
        );
        assert_eq!(read_tag(ReadState::Read), None);
        assert_eq!(
            updated_words(1),
            "1 document has changed since you last read it."
        );
        assert_eq!(
            updated_words(2),
            "2 documents have changed since you last read them."
        );
    }
}
