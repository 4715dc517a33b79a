//! Foster carer households and the facts about them that the fostering service records.

use serde::{Deserialize, Serialize};

use crate::carers::HouseholdStatus;
use crate::date::CalendarDate;

/// The kind of fostering a household is approved for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CarerType {
    Mainstream,
    /// Family and friends (connected) carers, who have 18 months rather than 12 for the TSD
    /// standards.
    FamilyAndFriends,
    ShortBreaks,
    ParentAndChild,
    SupportedLodgings,
    MockingbirdHub,
}

impl CarerType {
    pub const ALL: [Self; 6] = [
        Self::Mainstream,
        Self::FamilyAndFriends,
        Self::ShortBreaks,
        Self::ParentAndChild,
        Self::SupportedLodgings,
        Self::MockingbirdHub,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Mainstream => "mainstream",
            Self::FamilyAndFriends => "family_and_friends",
            Self::ShortBreaks => "short_breaks",
            Self::ParentAndChild => "parent_and_child",
            Self::SupportedLodgings => "supported_lodgings",
            Self::MockingbirdHub => "mockingbird_hub",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == raw)
    }

    pub const fn label(self) -> &'static str {
        match self {
            Self::Mainstream => "Mainstream fostering",
            Self::FamilyAndFriends => "Family and friends (connected) care",
            Self::ShortBreaks => "Short breaks",
            Self::ParentAndChild => "Parent and child",
            Self::SupportedLodgings => "Supported lodgings",
            Self::MockingbirdHub => "Mockingbird hub home",
        }
    }
}

/// What the service records about a household, as its carers see it (read-only) on their own
/// devices: the synced `household` record, written whenever staff change it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdFacts {
    pub name: String,
    pub carer_type: CarerType,
    pub status: HouseholdStatus,
    pub approved_on: Option<CalendarDate>,
    /// The supervising social worker's name, once one is allocated.
    pub supervising_worker: Option<String>,
    /// Their email address, for the carer's support contacts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervising_worker_email: Option<String>,
    /// The area the household lives in, for surveys asked of one area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// When the household stopped fostering, if it has: the exit interview asks it for a
    /// while after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_on: Option<CalendarDate>,
}

impl HouseholdFacts {
    /// Where the household stands, for the surveys that ask it.
    pub fn standing(&self) -> crate::surveys::Standing {
        crate::surveys::Standing {
            carer_type: self.carer_type,
            area: self.area.clone(),
            status: self.status,
            ended_on: self.ended_on,
        }
    }

    /// The facts as a carer reads them, one labelled line each, in plain words even when
    /// something is not recorded yet.
    pub fn summary(&self) -> [(&'static str, String); 4] {
        [
            ("Type of fostering", self.carer_type.label().to_owned()),
            ("Status", self.status.label().to_owned()),
            (
                "Approved on",
                self.approved_on
                    .map_or_else(|| "Not approved yet".to_owned(), CalendarDate::long_form),
            ),
            (
                "Supervising social worker",
                self.supervising_worker
                    .clone()
                    .unwrap_or_else(|| "Not allocated yet".to_owned()),
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_says_plainly_what_is_not_recorded_yet() {
        let mut facts = HouseholdFacts {
            name: "The Taylor household".into(),
            carer_type: CarerType::FamilyAndFriends,
            status: HouseholdStatus::Assessment,
            approved_on: None,
            supervising_worker: None,
            supervising_worker_email: None,
            area: None,
            ended_on: None,
        };
        let lines = facts.summary();
        assert_eq!(lines[0].1, "Family and friends (connected) care");
        assert_eq!(lines[1].1, "Being assessed");
        assert_eq!(lines[2].1, "Not approved yet");
        assert_eq!(lines[3].1, "Not allocated yet");

        facts.status = HouseholdStatus::Approved;
        facts.approved_on = CalendarDate::parse("2021-03-09").ok();
        facts.supervising_worker = Some("Sam Okafor".into());
        let lines = facts.summary();
        assert_eq!(lines[1].1, "Approved");
        assert_eq!(lines[2].1, "9 March 2021");
        assert_eq!(lines[3].1, "Sam Okafor");
    }

    #[test]
    fn names_round_trip_and_match_serde() {
        for kind in CarerType::ALL {
            assert_eq!(CarerType::parse(kind.as_str()), Some(kind));
            assert_eq!(
                serde_json::to_string(&kind).expect("json"),
                format!("\"{}\"", kind.as_str())
            );
        }
    }
}
