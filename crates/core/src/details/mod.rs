//! "My details": what a carer household tells the service about itself, and the changes that
//! can be made to it, offline, on any of its devices.
//!
//! Concurrent edits are settled per field: the change that reaches the server last wins that
//! field, and every change says what value it replaced as the person saw it. When that is not
//! what the server had (someone else changed the field meanwhile), the server keeps the value
//! that was overwritten and tells the household, so nobody's edit disappears unseen. See
//! `DetailsChange::overwrites`.

mod fields;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

pub use fields::{FieldError, PhoneNumber, PostcodeDistrict, Text};

use crate::account::Email;
use crate::sync::{Mutator, Rejection};

pub const MAX_MEMBERS: usize = 12;
pub const MAX_LANGUAGES: usize = 10;
const NAME_MAX: usize = 80;
const LANGUAGE_MAX: usize = 40;
const AVAILABILITY_MAX: usize = 500;

/// Experience that helps the service match carers with children, groups and buddies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Experience {
    Babies,
    Teenagers,
    SiblingGroups,
    Disabilities,
    ParentAndChild,
    UnaccompaniedAsylumSeekingChildren,
    StepDownFromResidentialCare,
}

impl Experience {
    pub const ALL: [Self; 7] = [
        Self::Babies,
        Self::Teenagers,
        Self::SiblingGroups,
        Self::Disabilities,
        Self::ParentAndChild,
        Self::UnaccompaniedAsylumSeekingChildren,
        Self::StepDownFromResidentialCare,
    ];

    pub const fn label(self) -> &'static str {
        match self {
            Self::Babies => "Babies and toddlers",
            Self::Teenagers => "Teenagers",
            Self::SiblingGroups => "Brothers and sisters (sibling groups)",
            Self::Disabilities => "Children with disabilities",
            Self::ParentAndChild => "Parent and child",
            Self::UnaccompaniedAsylumSeekingChildren => "Unaccompanied asylum-seeking children",
            Self::StepDownFromResidentialCare => "Children moving on from residential care",
        }
    }
}

/// Who someone is in the household. Fostered children are never recorded here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    MainCarer,
    SecondCarer,
    /// A birth child or other child of the carers (for example, for sons and daughters groups).
    SonOrDaughter,
    OtherAdult,
}

impl MemberRole {
    pub const ALL: [Self; 4] = [
        Self::MainCarer,
        Self::SecondCarer,
        Self::SonOrDaughter,
        Self::OtherAdult,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::MainCarer => "main_carer",
            Self::SecondCarer => "second_carer",
            Self::SonOrDaughter => "son_or_daughter",
            Self::OtherAdult => "other_adult",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == raw)
    }

    pub const fn label(self) -> &'static str {
        match self {
            Self::MainCarer => "Main carer",
            Self::SecondCarer => "Second carer",
            Self::SonOrDaughter => "Son or daughter (not a fostered child)",
            Self::OtherAdult => "Other adult in the household",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Chosen by the device that added the member, so it can be edited before it is synced.
    pub id: String,
    pub name: Text,
    pub role: MemberRole,
}

/// A household's details as the server holds them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyDetails {
    pub phone: Option<PhoneNumber>,
    pub email: Option<Email>,
    pub postcode_district: Option<PostcodeDistrict>,
    pub languages: Vec<Text>,
    pub experience: BTreeSet<Experience>,
    pub availability: Option<Text>,
    pub members: Vec<Member>,
}

/// One field of the details, for saying which one an edit touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Phone,
    Email,
    PostcodeDistrict,
    Languages,
    Experience,
    Availability,
    Member,
}

impl Field {
    pub const fn label(self) -> &'static str {
        match self {
            Self::Phone => "phone number",
            Self::Email => "email address",
            Self::PostcodeDistrict => "postcode area",
            Self::Languages => "languages",
            Self::Experience => "experience",
            Self::Availability => "availability",
            Self::Member => "household member",
        }
    }
}

/// A change to My details, as it travels from a device to the server. Values arrive as the
/// person typed them and are checked when applied, on the device first and on the server again.
/// `replacing` is the value the person saw before their edit ("" for none). On the wire a change
/// is an object with one key, its name, holding its arguments: `{"set_phone": {...}}` (this form
/// needs far less code in the app to read than a separate name field).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DetailsChange {
    SetPhone {
        value: String,
        replacing: String,
    },
    SetEmail {
        value: String,
        replacing: String,
    },
    SetPostcodeDistrict {
        value: String,
        replacing: String,
    },
    SetLanguages {
        value: Vec<String>,
        replacing: String,
    },
    SetExperience {
        value: Vec<Experience>,
        replacing: String,
    },
    SetAvailability {
        value: String,
        replacing: String,
    },
    AddMember {
        id: String,
        name: String,
        role: MemberRole,
    },
    UpdateMember {
        id: String,
        name: String,
        role: MemberRole,
        replacing: String,
    },
    RemoveMember {
        id: String,
    },
}

/// A value that a change replaced although the person making it never saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overwritten {
    pub field: Field,
    pub lost_value: String,
    pub new_value: String,
}

fn optional<T>(
    raw: &str,
    parse: impl Fn(&str) -> Result<T, FieldError>,
) -> Result<Option<T>, FieldError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        parse(raw).map(Some)
    }
}

fn reject(error: &FieldError) -> Rejection {
    Rejection::new("invalid", error.to_string())
}

impl MyDetails {
    /// How a field reads, for comparing what someone saw with what is there and for telling
    /// people what was replaced.
    pub fn shown(&self, field: Field, member_id: Option<&str>) -> String {
        let join = |items: Vec<String>| items.join(", ");
        match field {
            Field::Phone => self
                .phone
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            Field::Email => self
                .email
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            Field::PostcodeDistrict => self
                .postcode_district
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            Field::Languages => join(self.languages.iter().map(ToString::to_string).collect()),
            Field::Experience => join(
                self.experience
                    .iter()
                    .map(|e| e.label().to_owned())
                    .collect(),
            ),
            Field::Availability => self
                .availability
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            Field::Member => self
                .members
                .iter()
                .find(|m| Some(m.id.as_str()) == member_id)
                .map(|m| format!("{} ({})", m.name, m.role.label()))
                .unwrap_or_default(),
        }
    }
}

impl DetailsChange {
    /// The field this change edits, and which member if it is about one.
    pub fn field(&self) -> (Field, Option<&str>) {
        match self {
            Self::SetPhone { .. } => (Field::Phone, None),
            Self::SetEmail { .. } => (Field::Email, None),
            Self::SetPostcodeDistrict { .. } => (Field::PostcodeDistrict, None),
            Self::SetLanguages { .. } => (Field::Languages, None),
            Self::SetExperience { .. } => (Field::Experience, None),
            Self::SetAvailability { .. } => (Field::Availability, None),
            Self::AddMember { id, .. }
            | Self::UpdateMember { id, .. }
            | Self::RemoveMember { id } => (Field::Member, Some(id)),
        }
    }

    fn replacing(&self) -> Option<&str> {
        match self {
            Self::SetPhone { replacing, .. }
            | Self::SetEmail { replacing, .. }
            | Self::SetPostcodeDistrict { replacing, .. }
            | Self::SetLanguages { replacing, .. }
            | Self::SetExperience { replacing, .. }
            | Self::SetAvailability { replacing, .. }
            | Self::UpdateMember { replacing, .. } => Some(replacing),
            Self::AddMember { .. } | Self::RemoveMember { .. } => None,
        }
    }

    /// If applying this change to `state` replaces a value its author never saw, what that value
    /// was. Call it before `apply`; `None` when nothing unseen is lost.
    pub fn overwrites(&self, state: &MyDetails) -> Option<Overwritten> {
        let replacing = self.replacing()?;
        let (field, member) = self.field();
        let current = state.shown(field, member);
        if current == replacing.trim() || current.is_empty() {
            return None;
        }
        let mut after = state.clone();
        self.apply(&mut after).ok()?;
        let new_value = after.shown(field, member);
        if new_value == current {
            return None;
        }
        Some(Overwritten {
            field,
            lost_value: current,
            new_value,
        })
    }
}

impl Mutator<MyDetails> for DetailsChange {
    fn apply(&self, state: &mut MyDetails) -> Result<(), Rejection> {
        match self {
            Self::SetPhone { value, .. } => {
                state.phone = optional(value, PhoneNumber::parse).map_err(|e| reject(&e))?;
            }
            Self::SetEmail { value, .. } => {
                state.email = optional(value, |v| {
                    Email::parse(v).map_err(|_| FieldError::Empty {
                        what: "an email address in the correct format, like name@example.com",
                    })
                })
                .map_err(|e| reject(&e))?;
            }
            Self::SetPostcodeDistrict { value, .. } => {
                state.postcode_district =
                    optional(value, PostcodeDistrict::parse).map_err(|e| reject(&e))?;
            }
            Self::SetLanguages { value, .. } => {
                if value.len() > MAX_LANGUAGES {
                    return Err(Rejection::new(
                        "invalid",
                        format!("List up to {MAX_LANGUAGES} languages."),
                    ));
                }
                let mut languages = Vec::new();
                for raw in value.iter().filter(|v| !v.trim().is_empty()) {
                    let language =
                        Text::parse(raw, "a language", LANGUAGE_MAX).map_err(|e| reject(&e))?;
                    if !languages.contains(&language) {
                        languages.push(language);
                    }
                }
                state.languages = languages;
            }
            Self::SetExperience { value, .. } => {
                state.experience = value.iter().copied().collect();
            }
            Self::SetAvailability { value, .. } => {
                state.availability = optional(value, |v| {
                    Text::parse(v, "your availability", AVAILABILITY_MAX)
                })
                .map_err(|e| reject(&e))?;
            }
            Self::AddMember { id, name, role } => {
                if state.members.iter().any(|m| &m.id == id) {
                    // A repeat of an addition already made: nothing more to do.
                    return Ok(());
                }
                if state.members.len() >= MAX_MEMBERS {
                    return Err(Rejection::new(
                        "too_many",
                        format!("A household can list up to {MAX_MEMBERS} people."),
                    ));
                }
                check_member_id(id)?;
                let name = Text::parse(name, "their name", NAME_MAX).map_err(|e| reject(&e))?;
                state.members.push(Member {
                    id: id.clone(),
                    name,
                    role: *role,
                });
            }
            Self::UpdateMember { id, name, role, .. } => {
                let name = Text::parse(name, "their name", NAME_MAX).map_err(|e| reject(&e))?;
                let member = state
                    .members
                    .iter_mut()
                    .find(|m| &m.id == id)
                    .ok_or_else(|| {
                        Rejection::new(
                            "missing",
                            "That person has been removed from your household details.",
                        )
                    })?;
                member.name = name;
                member.role = *role;
            }
            Self::RemoveMember { id } => {
                // Removing someone already removed leaves the same result: not an error.
                state.members.retain(|m| &m.id != id);
            }
        }
        Ok(())
    }
}

fn check_member_id(id: &str) -> Result<(), Rejection> {
    let ok = (8..=64).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(Rejection::new(
            "invalid",
            "The app sent a member id it should not have.",
        ))
    }
}

#[cfg(test)]
mod tests;
