use serde::{Deserialize, Serialize};

/// What someone does in the fostering service, which decides what they may see and change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A foster carer, acting for their household.
    Carer,
    SupervisingSocialWorker,
    Finance,
    /// The recruitment team, who answer enquiries from people thinking about fostering.
    Recruitment,
    Administrator,
}

impl Role {
    pub const ALL: [Self; 5] = [
        Self::Carer,
        Self::SupervisingSocialWorker,
        Self::Finance,
        Self::Recruitment,
        Self::Administrator,
    ];

    /// Staff must use a second factor to sign in.
    pub const fn is_staff(self) -> bool {
        !matches!(self, Self::Carer)
    }

    /// The name stored in the database and sent on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Carer => "carer",
            Self::SupervisingSocialWorker => "supervising_social_worker",
            Self::Finance => "finance",
            Self::Recruitment => "recruitment",
            Self::Administrator => "administrator",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.as_str() == raw)
    }

    /// How the role is named to people.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Carer => "Foster carer",
            Self::SupervisingSocialWorker => "Supervising social worker",
            Self::Finance => "Finance team",
            Self::Recruitment => "Recruitment team",
            Self::Administrator => "Administrator",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            let json = serde_json::to_string(&role).expect("json");
            assert_eq!(json, format!("\"{}\"", role.as_str()));
        }
        assert_eq!(Role::parse("superuser"), None);
    }

    #[test]
    fn only_carers_sign_in_without_a_second_factor() {
        assert!(!Role::Carer.is_staff());
        assert!(
            Role::ALL
                .into_iter()
                .filter(|r| *r != Role::Carer)
                .all(Role::is_staff)
        );
    }
}
