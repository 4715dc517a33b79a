//! Adding a household: its name, the lead carer, where they live and the staff-owned facts. The
//! server makes an invitation link, shown here once, for staff to send.

use leptos::prelude::*;
use portal_core::carers::{
    CarerField, CarerList, Invited, NewHousehold, NewHouseholdForm, StaffFieldsForm,
};

use super::facts::FactsFields;
use super::{InvitationPanel, change, fetched, load_carers};
use crate::api;
use crate::components::error_summary::{ErrorSummary, problem_for};
use crate::components::fields::TextField;
use crate::components::page_title::PageTitle;
use crate::details_form::FieldProblem;
use crate::details_form::field_problems;
use crate::device::today;
use crate::staff::{FactsForm, StaffPage};

/// The field a server refusal belongs to, so its message shows in the right place.
pub fn refusal_field(code: Option<&str>) -> &'static str {
    match code {
        Some("email_taken") => CarerField::Email.input_id(),
        _ => CarerField::HouseholdName.input_id(),
    }
}

#[component]
pub fn NewCarerPage() -> impl IntoView {
    let list = load_carers();
    view! {
        <PageTitle text="Add a household" />
        <a href=StaffPage::Carers.href() class="govuk-back-link">"Back to carers"</a>
        {fetched(list, "Loading…", |list| if list.can_edit {
            view! { <NewCarerForm list=list /> }.into_any()
        } else {
            view! {
                <h1 class="govuk-heading-l">"Add a household"</h1>
                <p class="govuk-body">"Only supervising social workers and administrators can add households."</p>
            }
            .into_any()
        })}
    }
}

#[component]
fn NewCarerForm(list: CarerList) -> impl IntoView {
    let household_name = RwSignal::new(String::new());
    let carer_name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let area = RwSignal::new(String::new());
    let facts = FactsForm::new(StaffFieldsForm {
        status: "approved".into(),
        ..StaffFieldsForm::default()
    });
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let done = RwSignal::new(None::<Invited>);
    let adding = change(
        move |form: NewHouseholdForm| async move { api::add_household(&form).await },
        move |result| match result {
            Ok(invited) => done.set(Some(invited)),
            Err(error) => problems.set(vec![FieldProblem {
                input_id: refusal_field(error.code()).into(),
                message: error.message(),
            }]),
        },
    );
    let busy = move || adding.pending().get();

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = NewHouseholdForm {
            household_name: household_name.get_untracked(),
            carer_name: carer_name.get_untracked(),
            email: email.get_untracked(),
            area: area.get_untracked(),
            fields: facts.read(),
        };
        if let Err(found) = NewHousehold::parse(&form, today()) {
            problems.set(field_problems(found));
            return;
        }
        problems.set(Vec::new());
        if !adding.pending().get_untracked() {
            adding.dispatch(form);
        }
    };
    let error = move |field: CarerField| {
        Signal::derive(move || problem_for(&problems.get(), field.input_id()))
    };
    let workers = list.workers;
    view! {
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                {move || match done.get() {
                    Some(invited) => view! {
                        <h1 class="govuk-heading-l">"Household added"</h1>
                        <InvitationPanel invitation=invited.invitation carer_name=invited.carer.lead_carer />
                        <p class="govuk-body">
                            <a href=StaffPage::Carer(invited.carer.id).href() class="govuk-link">
                                "View " {invited.carer.name}
                            </a>
                        </p>
                        <p class="govuk-body">
                            <a href=StaffPage::Carers.href() class="govuk-link">"Back to carers"</a>
                        </p>
                    }
                    .into_any(),
                    None => view! {
                        <ErrorSummary problems=problems />
                        <h1 class="govuk-heading-l">"Add a household"</h1>
                        <p class="govuk-body">
                            "The lead carer gets a link to choose their own password. You can add other household members' details later, or they can."
                        </p>
                        <form novalidate on:submit=submit>
                            <TextField id=CarerField::HouseholdName.input_id() label="Household name" kind="text" autocomplete="off" value=household_name error=error(CarerField::HouseholdName) hint="For example, The Taylor household." />
                            <TextField id=CarerField::CarerName.input_id() label="Lead carer's full name" kind="text" autocomplete="off" value=carer_name error=error(CarerField::CarerName) />
                            <TextField id=CarerField::Email.input_id() label="Lead carer's email address" kind="email" autocomplete="off" value=email error=error(CarerField::Email) hint="They sign in with this address." />
                            <TextField id=CarerField::Area.input_id() label="Area" kind="text" autocomplete="off" value=area error=error(CarerField::Area) hint="The town or area they live in, for example Northby." />
                            <FactsFields form=facts workers=workers.clone() problems=problems />
                            <button type="submit" class="govuk-button" disabled=busy>
                                {move || if busy() { "Adding…" } else { "Add household and make sign-in link" }}
                            </button>
                        </form>
                    }
                    .into_any(),
                }}
            </div>
        </div>
    }
}
