//! Words staff write in the portal's plain-text conventions (a library document, a news
//! article), shown as headings, paragraphs, lists and links. What staff typed is only ever
//! text here, never HTML.

use leptos::prelude::*;
use portal_core::library::{Block, Inline};

/// `nested` when the words sit under a heading of the page's own (an article in a newsletter),
/// so their headings go one level down and the page's outline stays whole.
#[component]
pub fn Written(blocks: Vec<Block>, #[prop(optional)] nested: bool) -> impl IntoView {
    view! {
        <div class="portal-document">
            {blocks.into_iter().map(|block| block_view(block, nested)).collect_view()}
        </div>
    }
}

fn block_view(block: Block, nested: bool) -> AnyView {
    match (block, nested) {
        (Block::Heading { level: 2, text }, false) => {
            view! { <h2 class="govuk-heading-m">{text}</h2> }.into_any()
        }
        (Block::Heading { level: 2, text }, true) | (Block::Heading { text, .. }, false) => {
            view! { <h3 class="govuk-heading-s">{text}</h3> }.into_any()
        }
        (Block::Heading { text, .. }, true) => {
            view! { <h4 class="govuk-heading-s">{text}</h4> }.into_any()
        }
        (Block::Paragraph(inlines), _) => {
            view! { <p class="govuk-body">{inlines_view(inlines)}</p> }.into_any()
        }
        (Block::List(items), _) => view! {
            <ul class="govuk-list govuk-list--bullet">
                {items.into_iter().map(|item| view! { <li>{inlines_view(item)}</li> }).collect_view()}
            </ul>
        }
        .into_any(),
    }
}

fn inlines_view(inlines: Vec<Inline>) -> impl IntoView {
    inlines
        .into_iter()
        .map(|inline| match inline {
            Inline::Text(text) => text.into_any(),
            Inline::Link { text, href } => {
                view! { <a class="govuk-link" href=href>{text}</a> }.into_any()
            }
        })
        .collect_view()
}
