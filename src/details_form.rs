//! Turning the My details form into changes: only fields that differ become changes, each
//! carries the value the person saw, and every value is checked with the same rules the server
//! uses before anything is kept.

use portal_core::details::{DetailsChange, Experience, Field, MyDetails};
use portal_core::sync::Mutator as _;

/// What the person typed, as strings, exactly as the form holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DetailsForm {
    pub phone: String,
    pub email: String,
    pub postcode_district: String,
    pub languages: String,
    pub experience: Vec<Experience>,
    pub availability: String,
}

/// A problem with one field: the id of its input (for the error summary's link) and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub input_id: std::borrow::Cow<'static, str>,
    pub message: String,
}

/// A problem the core found with a form, said against one of its fields. Each form's checks
/// (in `portal-core`) have their own problem type; this turns any of them into what the error
/// summary and the fields show.
pub trait FormProblem {
    fn into_field_problem(self) -> FieldProblem;
}

/// The core's problems with a form, for the error summary and the fields.
pub fn field_problems<P: FormProblem>(found: Vec<P>) -> Vec<FieldProblem> {
    found
        .into_iter()
        .map(FormProblem::into_field_problem)
        .collect()
}

/// A problem the core says as the input id of its field and the message.
impl FormProblem for (&'static str, String) {
    fn into_field_problem(self) -> FieldProblem {
        FieldProblem {
            input_id: self.0.into(),
            message: self.1,
        }
    }
}

macro_rules! form_problem {
    ($($problem:ty),*) => {
        $(impl FormProblem for $problem {
            fn into_field_problem(self) -> FieldProblem {
                FieldProblem {
                    input_id: self.field.input_id().into(),
                    message: self.message,
                }
            }
        })*
    };
}

form_problem!(
    portal_core::carers::CarerFormProblem,
    portal_core::training::EntryProblem,
    portal_core::training::CourseProblem,
    portal_core::library::DocumentProblem,
    portal_core::news::ArticleProblem,
    portal_core::news::ContributionProblem,
    portal_core::review::ReviewProblem,
    portal_core::groups::GroupProblem,
    portal_core::support::ContactProblem,
    portal_core::buddies::MembershipProblem,
    portal_core::payments::QueryProblem,
    portal_core::claims::ClaimProblem
);

impl DetailsForm {
    /// The form filled in from the details as they stand.
    pub fn from_details(details: &MyDetails) -> Self {
        Self {
            phone: details.shown(Field::Phone, None),
            email: details.shown(Field::Email, None),
            postcode_district: details.shown(Field::PostcodeDistrict, None),
            languages: details.shown(Field::Languages, None),
            experience: details.experience.iter().copied().collect(),
            availability: details.shown(Field::Availability, None),
        }
    }

    /// The changes the form asks for, or every problem with it.
    pub fn changes(&self, current: &MyDetails) -> Result<Vec<DetailsChange>, Vec<FieldProblem>> {
        let seen = |field| current.shown(field, None);
        let mut candidates = Vec::new();
        let mut push = |input_id, field, text: &str, change: DetailsChange| {
            if text.trim() != seen(field) {
                candidates.push((input_id, change));
            }
        };
        push(
            "phone",
            Field::Phone,
            &self.phone,
            DetailsChange::SetPhone {
                value: self.phone.clone(),
                replacing: seen(Field::Phone),
            },
        );
        push(
            "email",
            Field::Email,
            &self.email,
            DetailsChange::SetEmail {
                value: self.email.clone(),
                replacing: seen(Field::Email),
            },
        );
        push(
            "postcode-district",
            Field::PostcodeDistrict,
            &self.postcode_district,
            DetailsChange::SetPostcodeDistrict {
                value: self.postcode_district.clone(),
                replacing: seen(Field::PostcodeDistrict),
            },
        );
        let languages: Vec<String> = self
            .languages
            .split(',')
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect();
        push(
            "languages",
            Field::Languages,
            &languages.join(", "),
            DetailsChange::SetLanguages {
                value: languages.clone(),
                replacing: seen(Field::Languages),
            },
        );
        push(
            "availability",
            Field::Availability,
            &self.availability,
            DetailsChange::SetAvailability {
                value: self.availability.clone(),
                replacing: seen(Field::Availability),
            },
        );
        // In the order of the list, once each (as the server stores them).
        let experience: Vec<Experience> = Experience::ALL
            .into_iter()
            .filter(|kind| self.experience.contains(kind))
            .collect();
        if experience != current.experience.iter().copied().collect::<Vec<_>>() {
            candidates.push((
                "experience",
                DetailsChange::SetExperience {
                    value: experience,
                    replacing: seen(Field::Experience),
                },
            ));
        }

        let mut problems = Vec::new();
        let mut trial = current.clone();
        for (input_id, change) in &candidates {
            if let Err(rejection) = change.apply(&mut trial) {
                problems.push(FieldProblem {
                    input_id: (*input_id).into(),
                    message: rejection.message,
                });
            }
        }
        if problems.is_empty() {
            Ok(candidates.into_iter().map(|(_, change)| change).collect())
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unchanged_form_asks_for_nothing() {
        let mut details = MyDetails::default();
        DetailsChange::SetPhone {
            value: "01632 960 001".into(),
            replacing: String::new(),
        }
        .apply(&mut details)
        .expect("valid");
        let form = DetailsForm::from_details(&details);
        assert_eq!(form.changes(&details), Ok(vec![]));
    }

    #[test]
    fn each_edited_field_becomes_one_change_carrying_what_was_seen() {
        let mut details = MyDetails::default();
        DetailsChange::SetPhone {
            value: "01632 960 001".into(),
            replacing: String::new(),
        }
        .apply(&mut details)
        .expect("valid");
        let mut form = DetailsForm::from_details(&details);
        form.phone = "07700 900 982".into();
        form.languages = "Polish,  Urdu ,".into();
        form.experience = vec![Experience::Teenagers];
        let changes = form.changes(&details).expect("valid");
        assert_eq!(changes.len(), 3);
        assert_eq!(
            changes[0],
            DetailsChange::SetPhone {
                value: "07700 900 982".into(),
                replacing: "01632 960 001".into()
            }
        );
        assert_eq!(
            changes[1],
            DetailsChange::SetLanguages {
                value: vec!["Polish".into(), "Urdu".into()],
                replacing: String::new()
            }
        );
    }

    #[test]
    fn every_problem_is_reported_against_its_field() {
        let details = MyDetails::default();
        let form = DetailsForm {
            phone: "call me".into(),
            postcode_district: "nowhere".into(),
            ..DetailsForm::default()
        };
        let problems = form.changes(&details).expect_err("invalid");
        let ids: Vec<_> = problems.iter().map(|p| p.input_id.as_ref()).collect();
        assert_eq!(ids, ["phone", "postcode-district"]);
        assert!(
            problems[1]
                .message
                .starts_with("Enter the first part of your postcode")
        );
    }
}
