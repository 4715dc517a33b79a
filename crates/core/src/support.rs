//! Support contacts: the service's teams and what each is for, and the out-of-hours line, kept
//! by staff and published to every device so a carer can find them with no signal. The carer's
//! own supervising social worker comes from the household's facts.

use serde::{Deserialize, Serialize};

/// The one record id the contacts are published under.
pub const CONTACTS_ID: &str = "service";

/// One of the service's teams.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub name: String,
    /// What to contact them about.
    pub for_what: String,
    pub phone: String,
    pub email: String,
    /// When they answer, in words: "Monday to Friday, 9am to 5pm".
    pub hours: String,
}

impl Team {
    /// Whether nothing was typed for it (spaces aside): such a team is dropped when saved.
    pub fn is_blank(&self) -> bool {
        [
            &self.name,
            &self.for_what,
            &self.phone,
            &self.email,
            &self.hours,
        ]
        .iter()
        .all(|field| field.trim().is_empty())
    }
}

/// The service's support contacts. Staff type them in this shape too: every field a string,
/// so nothing typed is lost while a mistake is put right.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportContacts {
    pub teams: Vec<Team>,
    pub out_of_hours_phone: String,
    /// When the out-of-hours line answers, in words.
    pub out_of_hours_hours: String,
}

/// `GET /api/staff/support-contacts`: the contacts, and whether this member of staff may
/// change them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffContacts {
    pub contacts: SupportContacts,
    pub can_edit: bool,
}

/// Which field a problem is about: a team's (by its place in the list) or the out-of-hours
/// line's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactField {
    TeamName(usize),
    TeamFor(usize),
    TeamPhone(usize),
    TeamEmail(usize),
    OutOfHoursPhone,
    OutOfHoursHours,
}

impl ContactField {
    pub fn input_id(self) -> String {
        match self {
            Self::TeamName(n) => format!("team-{n}-name"),
            Self::TeamFor(n) => format!("team-{n}-for"),
            Self::TeamPhone(n) => format!("team-{n}-phone"),
            Self::TeamEmail(n) => format!("team-{n}-email"),
            Self::OutOfHoursPhone => "out-of-hours-phone".to_owned(),
            Self::OutOfHoursHours => "out-of-hours-hours".to_owned(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactProblem {
    pub field: ContactField,
    pub message: String,
}

/// The most teams the page lists.
pub const MOST_TEAMS: usize = 20;

/// A UK phone number as people write it: digits, spaces and brackets, perhaps a leading +.
fn is_phone(raw: &str) -> bool {
    let digits = raw.chars().filter(char::is_ascii_digit).count();
    (6..=15).contains(&digits)
        && raw.chars().enumerate().all(|(i, c)| {
            c.is_ascii_digit() || matches!(c, ' ' | '(' | ')' | '-') || (i == 0 && c == '+')
        })
}

fn is_email(raw: &str) -> bool {
    raw.split_once('@').is_some_and(|(name, domain)| {
        !name.is_empty() && domain.contains('.') && !raw.contains(char::is_whitespace)
    })
}

impl SupportContacts {
    /// The contacts tidied (spaces trimmed, empty teams dropped), or every problem at once.
    pub fn parse(&self) -> Result<Self, Vec<ContactProblem>> {
        let mut problems = Vec::new();
        let mut note = |field, message: &str| {
            problems.push(ContactProblem {
                field,
                message: message.to_owned(),
            });
        };
        let teams: Vec<Team> = self
            .teams
            .iter()
            .filter(|t| !t.is_blank())
            .map(|t| Team {
                name: t.name.trim().to_owned(),
                for_what: t.for_what.trim().to_owned(),
                phone: t.phone.trim().to_owned(),
                email: t.email.trim().to_owned(),
                hours: t.hours.trim().to_owned(),
            })
            .collect();
        if teams.len() > MOST_TEAMS {
            note(
                ContactField::TeamName(MOST_TEAMS),
                "List 20 teams or fewer.",
            );
        }
        for (n, team) in teams.iter().enumerate() {
            let long = |text: &str| text.chars().count() > 300;
            if team.name.is_empty() || long(&team.name) {
                note(ContactField::TeamName(n), "Enter the team's name.");
            }
            if team.for_what.is_empty() || long(&team.for_what) {
                note(
                    ContactField::TeamFor(n),
                    "Say what carers contact this team about, in 300 characters or fewer.",
                );
            }
            if team.phone.is_empty() && team.email.is_empty() {
                note(
                    ContactField::TeamPhone(n),
                    "Enter a phone number or an email address for the team.",
                );
            }
            if !team.phone.is_empty() && !is_phone(&team.phone) {
                note(
                    ContactField::TeamPhone(n),
                    "Enter a phone number, like 01632 960 001.",
                );
            }
            if !team.email.is_empty() && !is_email(&team.email) {
                note(
                    ContactField::TeamEmail(n),
                    "Enter an email address, like fostering@example.gov.uk.",
                );
            }
        }
        let phone = self.out_of_hours_phone.trim();
        if !is_phone(phone) {
            note(
                ContactField::OutOfHoursPhone,
                "Enter the out-of-hours phone number, like 01632 960 999.",
            );
        }
        let hours = self.out_of_hours_hours.trim();
        if hours.is_empty() || hours.chars().count() > 300 {
            note(
                ContactField::OutOfHoursHours,
                "Say when the out-of-hours line answers, in 300 characters or fewer.",
            );
        }
        if problems.is_empty() {
            Ok(Self {
                teams,
                out_of_hours_phone: phone.to_owned(),
                out_of_hours_hours: hours.to_owned(),
            })
        } else {
            Err(problems)
        }
    }
}

/// A phone number as a `tel:` link: digits and a leading plus only.
pub fn tel_link(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .enumerate()
        .filter(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '+'))
        .map(|(_, c)| c)
        .collect();
    format!("tel:{digits}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contacts() -> SupportContacts {
        SupportContacts {
            teams: vec![Team {
                name: " Fostering duty team ".into(),
                for_what: "Anything urgent in office hours".into(),
                phone: "01632 960 001".into(),
                email: String::new(),
                hours: "Monday to Friday, 9am to 5pm".into(),
            }],
            out_of_hours_phone: "+44 (0)1632 960 999".into(),
            out_of_hours_hours: "5pm to 9am, and all weekend".into(),
        }
    }

    #[test]
    fn contacts_are_tidied_and_empty_rows_dropped() {
        let mut typed = contacts();
        typed.teams.push(Team::default());
        let parsed = typed.parse().expect("valid");
        assert_eq!(parsed.teams.len(), 1);
        assert_eq!(parsed.teams[0].name, "Fostering duty team");
        assert_eq!(tel_link(&parsed.out_of_hours_phone), "tel:+4401632960999");
    }

    #[test]
    fn every_problem_is_named_against_its_field() {
        let mut typed = contacts();
        typed.teams[0].phone = "call us".into();
        typed.teams.push(Team {
            name: "Finance".into(),
            ..Team::default()
        });
        typed.teams[1].email = "finance at council".into();
        typed.out_of_hours_phone = String::new();
        let fields: Vec<ContactField> = typed
            .parse()
            .expect_err("problems")
            .iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(
            fields,
            vec![
                ContactField::TeamPhone(0),
                ContactField::TeamFor(1),
                ContactField::TeamEmail(1),
                ContactField::OutOfHoursPhone,
            ]
        );
    }
}
