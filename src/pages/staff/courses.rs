//! The course catalogue: every course the service offers or requires, and the form to add or
//! change one. Courses reach every carer's device with its next sync.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map};
use portal_core::household::CarerType;
use portal_core::training::{Course, CourseField, CourseForm, CourseList};

use super::{Editing, Loaded, Notice, change, editing, fetched, load};
use crate::api;
use crate::areas::learning::form::standard_choices;
use crate::components::checkboxes::Checkboxes;
use crate::components::data_table::DataTable;
use crate::components::error_summary::{ErrorSummary, problem_for};
use crate::components::fields::TextField;
use crate::components::page_title::PageTitle;
use crate::details_form::{FieldProblem, field_problems};
use crate::staff::StaffPage;

fn load_courses() -> Loaded<CourseList> {
    load(api::courses)
}

/// "Mainstream fostering, Short breaks", or "Nobody: optional".
pub fn mandatory_words(course: &Course) -> String {
    if course.mandatory_for.is_empty() {
        return "Optional for everyone".to_owned();
    }
    course
        .mandatory_for
        .iter()
        .map(|kind| kind.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Every 36 months", or "Once".
pub fn renewal_words(course: &Course) -> String {
    course.renewal_months.map_or_else(
        || "Once".to_owned(),
        |months| format!("Every {months} months"),
    )
}

/// "3, 6", or "None".
pub fn standards_words(course: &Course) -> String {
    if course.standards.is_empty() {
        return "None".to_owned();
    }
    course
        .standards
        .iter()
        .map(|s| s.number().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The form, filled in from a course (to change it).
pub fn form_of(course: &Course) -> CourseForm {
    CourseForm {
        title: course.title.clone(),
        category: course.category.clone(),
        mandatory_for: course
            .mandatory_for
            .iter()
            .map(|kind| kind.as_str().to_owned())
            .collect(),
        renewal_months: course
            .renewal_months
            .map(|m| m.to_string())
            .unwrap_or_default(),
        standards: course.standards.iter().map(|s| s.number()).collect(),
    }
}

#[component]
pub fn CoursesPage() -> impl IntoView {
    let list = load_courses();
    view! {
        <PageTitle text="Training courses" />
        <h1 class="govuk-heading-l">"Training courses"</h1>
        <p class="govuk-body">
            "The courses the service offers or requires. Carers see them, and which are mandatory for them, on their own devices."
        </p>
        {fetched(list, "Loading the courses…", move |list| view! { <CourseTable list=list /> }.into_any())}
    }
}

#[component]
fn CourseTable(list: CourseList) -> impl IntoView {
    let rows = list
        .courses
        .into_iter()
        .map(|course| {
            view! {
                <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header">
                        {if list.can_edit {
                            view! {
                                <a class="govuk-link" href=StaffPage::Course(course.id.clone()).href()>
                                    {course.title.clone()}
                                </a>
                            }
                            .into_any()
                        } else {
                            course.title.clone().into_any()
                        }}
                    </th>
                    <td class="govuk-table__cell">{course.category.clone()}</td>
                    <td class="govuk-table__cell">{mandatory_words(&course)}</td>
                    <td class="govuk-table__cell">{renewal_words(&course)}</td>
                    <td class="govuk-table__cell">{standards_words(&course)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {list.can_edit.then(|| view! {
            <a href=StaffPage::NewCourse.href() role="button" class="govuk-button" data-module="govuk-button">"Add a course"</a>
        })}
        <DataTable label="Training courses" headings=&[("Course", false), ("Category", false), ("Mandatory for", false), ("Done", false), ("TSD standards", false)]>
            {rows}
        </DataTable>
    }
}

/// Adding a course (`/staff/courses/new`) or changing one (`/staff/courses/{id}`).
#[component]
pub fn CoursePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let list = load_courses();
    view! {
        <a href=StaffPage::Courses.href() class="govuk-back-link">"Back to training courses"</a>
        {fetched(list, "Loading…", move |list| {
            let courses = list.courses;
            match editing(list.can_edit, &id(), |id| courses.into_iter().find(|c| c.id == id)) {
                Editing::NotAllowed => view! {
                    <Notice title="Training courses" text="Only supervising social workers and administrators can change the course list." />
                }
                .into_any(),
                Editing::New => view! { <CourseEditor course=None /> }.into_any(),
                Editing::Existing(course) => view! { <CourseEditor course=Some(course) /> }.into_any(),
                Editing::Missing => view! {
                    <Notice title="Course not found" text="That course is not in the catalogue." />
                }
                .into_any(),
            }
        })}
    }
}

#[component]
fn CourseEditor(course: Option<Course>) -> impl IntoView {
    let heading = if course.is_some() {
        "Change a course"
    } else {
        "Add a course"
    };
    let id = course.as_ref().map(|c| c.id.clone());
    let start = course.as_ref().map(form_of).unwrap_or_default();
    let title = RwSignal::new(start.title);
    let category = RwSignal::new(start.category);
    let mandatory_for = RwSignal::new(start.mandatory_for);
    let renewal = RwSignal::new(start.renewal_months);
    let standards = RwSignal::new(
        start
            .standards
            .iter()
            .map(u8::to_string)
            .collect::<Vec<_>>(),
    );
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let navigate = use_navigate();
    let saving = {
        let id = id.clone();
        change(
            move |form: CourseForm| {
                let id = id.clone();
                async move {
                    match &id {
                        Some(id) => api::update_course(id, &form).await,
                        None => api::add_course(&form).await,
                    }
                }
            },
            move |result| match result {
                Ok(_) => navigate(&StaffPage::Courses.href(), NavigateOptions::default()),
                Err(error) => problems.set(vec![FieldProblem {
                    input_id: CourseField::Title.input_id().into(),
                    message: error.message(),
                }]),
            },
        )
    };
    let busy = move || saving.pending().get();

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = CourseForm {
            title: title.get_untracked(),
            category: category.get_untracked(),
            mandatory_for: mandatory_for.get_untracked(),
            renewal_months: renewal.get_untracked(),
            standards: standards
                .get_untracked()
                .iter()
                .filter_map(|n| n.parse().ok())
                .collect(),
        };
        if let Err(found) = Course::parse(id.as_deref().unwrap_or("new"), &form) {
            problems.set(field_problems(found));
            return;
        }
        problems.set(Vec::new());
        if !saving.pending().get_untracked() {
            saving.dispatch(form);
        }
    };
    let error = move |field: CourseField| {
        Signal::derive(move || problem_for(&problems.get(), field.input_id()))
    };
    let kinds = CarerType::ALL
        .into_iter()
        .map(|kind| (kind.as_str().to_owned(), kind.label().to_owned()))
        .collect();
    view! {
        <PageTitle text=heading />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary problems=problems />
                <h1 class="govuk-heading-l">{heading}</h1>
                <form novalidate on:submit=submit>
                    <TextField id=CourseField::Title.input_id() label="Course title" kind="text" autocomplete="off" value=title error=error(CourseField::Title) />
                    <TextField id=CourseField::Category.input_id() label="Category" kind="text" autocomplete="off" value=category error=error(CourseField::Category) hint="For example, Safeguarding or Health." />
                    <Checkboxes id=CourseField::MandatoryFor.input_id() legend="Mandatory for" hint="Leave all empty if the course is optional." choices=kinds selected=mandatory_for error=error(CourseField::MandatoryFor) />
                    <TextField id=CourseField::Renewal.input_id() label="Done again every (months)" kind="text" autocomplete="off" value=renewal error=error(CourseField::Renewal) hint="For example, 36. Leave empty if it is done once." />
                    <Checkboxes id=CourseField::Standards.input_id() legend="TSD standards it covers" choices=standard_choices() selected=standards error=error(CourseField::Standards) />
                    <button type="submit" class="govuk-button" disabled=busy>
                        {move || if busy() { "Saving…" } else { "Save course" }}
                    </button>
                </form>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn course(form: &CourseForm) -> Course {
        Course::parse("c1", form).expect("valid")
    }

    #[test]
    fn a_course_is_described_in_words_and_its_form_fills_back_in() {
        let form = CourseForm {
            title: "First aid".into(),
            category: "Health".into(),
            mandatory_for: vec!["mainstream".into(), "short_breaks".into()],
            renewal_months: "36".into(),
            standards: vec![3, 6],
        };
        let first_aid = course(&form);
        assert_eq!(
            mandatory_words(&first_aid),
            "Mainstream fostering, Short breaks"
        );
        assert_eq!(renewal_words(&first_aid), "Every 36 months");
        assert_eq!(standards_words(&first_aid), "3, 6");
        assert_eq!(form_of(&first_aid), form);

        let optional = course(&CourseForm {
            mandatory_for: vec![],
            renewal_months: String::new(),
            standards: vec![],
            ..form
        });
        assert_eq!(mandatory_words(&optional), "Optional for everyone");
        assert_eq!(renewal_words(&optional), "Once");
        assert_eq!(standards_words(&optional), "None");
    }
}
