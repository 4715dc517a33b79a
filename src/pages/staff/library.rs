//! The library for staff (`/staff/library`): the handbook, the charter and the policies, and
//! the form to write or change one. A document reaches every carer's and applicant's device
//! with its next sync; changing its words makes a new version, which their library marks
//! "updated since you last read it".

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map};
use portal_core::library::{Document, DocumentField, DocumentForm, DocumentKind, DocumentList};

use super::{Editing, Loaded, Notice, change, editing, fetched, load};
use crate::api;
use crate::components::data_table::DataTable;
use crate::components::error_summary::{ErrorSummary, problem_for};
use crate::components::fields::{TextArea, TextField};
use crate::components::page_title::PageTitle;
use crate::components::select_field::{SelectField, choices_after};
use crate::details_form::{FieldProblem, field_problems};
use crate::device::today;
use crate::staff::StaffPage;

fn load_library() -> Loaded<DocumentList> {
    load(api::library)
}

/// How staff write a document's body: the conventions `portal_core::library::Block` reads.
const BODY_HINT: &str = "Leave an empty line between paragraphs.
Start a line with ## for a heading, or ### for a smaller one.
Start a line with - for a bullet point.
Write a link as [the words](https://www.example.org), or [the charter](/library/charter) for another document.";

#[component]
pub fn LibraryPage() -> impl IntoView {
    let list = load_library();
    view! {
        <PageTitle text="Library" />
        <h1 class="govuk-heading-l">"Library"</h1>
        <p class="govuk-body">
            "The handbook, the charter and the policies. Carers and applicants read them in the portal, even with no signal. When you change a document's words, it gets a new version and their library marks it as updated."
        </p>
        {fetched(list, "Loading the library…", move |list| view! { <DocumentTable list=list /> }.into_any())}
    }
}

#[component]
fn DocumentTable(list: DocumentList) -> impl IntoView {
    let rows = list
        .documents
        .into_iter()
        .map(|document| {
            let title = if list.can_edit {
                view! {
                    <a class="govuk-link" href=StaffPage::Document(document.id.clone()).href()>
                        {document.title.clone()}
                    </a>
                }
                .into_any()
            } else {
                document.title.clone().into_any()
            };
            view! {
                <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header">{title}</th>
                    <td class="govuk-table__cell">{document.kind.label()}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric">{document.version}</td>
                    <td class="govuk-table__cell">{document.updated_on.long_form()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {list.can_edit.then(|| view! {
            <a href=StaffPage::NewDocument.href() role="button" class="govuk-button" data-module="govuk-button">"Add a document"</a>
        })}
        <DataTable label="Library" headings=&[("Document", false), ("Kind", false), ("Version", true), ("Updated", false)]>
            {rows}
        </DataTable>
    }
}

/// Adding a document (`/staff/library/new`) or changing one (`/staff/library/{id}`).
#[component]
pub fn DocumentPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let list = load_library();
    view! {
        <a href=StaffPage::Library.href() class="govuk-back-link">"Back to the library"</a>
        {fetched(list, "Loading…", move |list| {
            let documents = list.documents;
            match editing(list.can_edit, &id(), |id| documents.into_iter().find(|d| d.id == id)) {
                Editing::NotAllowed => view! {
                    <Notice title="Library" text="Only supervising social workers and administrators can change the library." />
                }
                .into_any(),
                Editing::New => view! { <DocumentEditor document=None /> }.into_any(),
                Editing::Existing(document) => view! { <DocumentEditor document=Some(document) /> }.into_any(),
                Editing::Missing => view! {
                    <Notice title="Document not found" text="That document is not in the library." />
                }
                .into_any(),
            }
        })}
    }
}

fn kind_choices() -> Vec<(String, String)> {
    choices_after(
        "Choose the kind of document",
        DocumentKind::ALL
            .into_iter()
            .map(|kind| (kind.as_str().to_owned(), kind.label().to_owned()))
            .collect(),
    )
}

#[component]
fn DocumentEditor(document: Option<Document>) -> impl IntoView {
    let heading = if document.is_some() {
        "Change a document"
    } else {
        "Add a document"
    };
    let id = document.as_ref().map(|d| d.id.clone());
    let start = document.as_ref().map(Document::form).unwrap_or_default();
    let kind = RwSignal::new(start.kind);
    let title = RwSignal::new(start.title);
    let summary = RwSignal::new(start.summary);
    let body = RwSignal::new(start.body);
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let navigate = use_navigate();
    let saving = {
        let id = id.clone();
        change(
            move |form: DocumentForm| {
                let id = id.clone();
                async move {
                    match &id {
                        Some(id) => api::update_document(id, &form).await,
                        None => api::add_document(&form).await,
                    }
                }
            },
            move |result| match result {
                Ok(_) => navigate(&StaffPage::Library.href(), NavigateOptions::default()),
                Err(error) => problems.set(vec![FieldProblem {
                    input_id: DocumentField::Title.input_id().into(),
                    message: error.message(),
                }]),
            },
        )
    };
    let busy = move || saving.pending().get();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = DocumentForm {
            kind: kind.get_untracked(),
            title: title.get_untracked(),
            summary: summary.get_untracked(),
            body: body.get_untracked(),
        };
        // The server decides the version; the device's date only stands in for the check.
        if let Err(found) = Document::parse("new", &form, None, today()) {
            problems.set(field_problems(found));
            return;
        }
        problems.set(Vec::new());
        if !saving.pending().get_untracked() {
            saving.dispatch(form);
        }
    };
    let error = move |field: DocumentField| {
        Signal::derive(move || problem_for(&problems.get(), field.input_id()))
    };
    view! {
        <PageTitle text=heading />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary problems=problems />
                <h1 class="govuk-heading-l">{heading}</h1>
                <form novalidate on:submit=submit>
                    <SelectField id=DocumentField::Kind.input_id() label="Kind of document" choices=kind_choices() value=kind error=error(DocumentField::Kind) />
                    <TextField id=DocumentField::Title.input_id() label="Title" kind="text" autocomplete="off" value=title error=error(DocumentField::Title) />
                    <TextArea id=DocumentField::Summary.input_id() label="Summary" value=summary error=error(DocumentField::Summary) rows=2 hint="One or two sentences: what the document is for. Carers see it in the library's list." />
                    <TextArea id=DocumentField::Body.input_id() label="The document" value=body error=error(DocumentField::Body) rows=20 hint=BODY_HINT />
                    <button type="submit" class="govuk-button" disabled=busy>
                        {move || if busy() { "Publishing…" } else { "Publish" }}
                    </button>
                </form>
            </div>
        </div>
    }
}
