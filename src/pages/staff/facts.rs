//! The fields of the staff-owned facts, shared by adding a household and changing one.

use leptos::prelude::*;
use portal_core::carers::{CarerField, StaffMember};

use crate::components::error_summary::problem_for;
use crate::components::fields::TextField;
use crate::components::select_field::{SelectField, choices_after};
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
    }
}
