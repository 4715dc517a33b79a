//! The fields of the staff-owned facts, shared by adding a household and changing one.

use leptos::prelude::*;
use portal_core::carers::{CarerField, ExitReason, HouseholdStatus, StaffMember};

use crate::components::error_summary::problem_for;
use crate::components::fields::TextField;
use crate::components::select_field::{Choice, SelectField, choices_after};
use crate::details_form::FieldProblem;
use crate::staff::{FactsForm, carer_type_choices, status_choices};

#[component]
pub fn FactsFields(
    form: FactsForm,
    workers: Vec<StaffMember>,
    problems: RwSignal<Vec<FieldProblem>>,
) -> impl IntoView {
    let error = move |field: CarerField| {
        Signal::derive(move || problem_for(&problems.get(), field.input_id()))
    };
    let worker_choices = choices_after(
        "Not allocated yet",
        workers.into_iter().map(|w| (w.id, w.name)).collect(),
    );
    view! {
        <SelectField id=CarerField::CarerType.input_id() label="Type of fostering" choices=carer_type_choices() value=form.carer_type error=error(CarerField::CarerType) />
        <SelectField id=CarerField::Status.input_id() label="Status" choices=status_choices() value=form.status error=error(CarerField::Status) />
        <TextField
            id=CarerField::ApprovedOn.input_id()
            label="Date approved"
            kind="text"
            autocomplete="off"
            value=form.approved_on
            error=error(CarerField::ApprovedOn)
            hint="For example, 12/09/2025. Leave empty while the household is being assessed."
        />
        <SelectField id=CarerField::SupervisingWorker.input_id() label="Supervising social worker" choices=worker_choices value=form.worker error=error(CarerField::SupervisingWorker) />
        // Asked only when the household is leaving: the reports count why carers leave.
        <Show when=move || form.status.with(|s| s == HouseholdStatus::Ended.as_str())>
            <SelectField id=CarerField::ExitReason.input_id() label="Why is the household leaving the service?" choices=exit_choices() value=form.exit_reason error=error(CarerField::ExitReason) />
            <TextField
                id=CarerField::ExitWords.input_id()
                label="In a few words (needed for another reason)"
                kind="text"
                autocomplete="off"
                value=form.exit_words
                error=error(CarerField::ExitWords)
                hint="For example, “adopted the child they cared for”. Staff read this; it is not sent to the carer."
            />
        </Show>
    }
}

/// The reasons a household leaves, for the facts form.
fn exit_choices() -> Vec<Choice> {
    choices_after(
        "Choose a reason",
        ExitReason::ALL
            .into_iter()
            .map(|reason| (reason.as_str().to_owned(), reason.label().to_owned()))
            .collect(),
    )
}
