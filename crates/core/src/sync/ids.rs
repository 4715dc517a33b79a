//! Identifiers the protocol relies on, valid by construction.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A device (for one user) that makes changes: chosen at random by the device the first time
/// the user saves a change on it, and shared by its tabs. Older versions of the app chose one
/// per page load; the server treats them all alike.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ClientId(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClientIdError {
    #[error("A client id must be {min} to {max} characters long; this one is {len}.")]
    Length { len: usize, min: usize, max: usize },
    #[error("A client id may only contain letters, digits, '-' and '_'.")]
    Character,
}

impl ClientId {
    pub const MIN_LEN: usize = 8;
    pub const MAX_LEN: usize = 64;

    pub fn parse(raw: &str) -> Result<Self, ClientIdError> {
        let len = raw.chars().count();
        if !(Self::MIN_LEN..=Self::MAX_LEN).contains(&len) {
            return Err(ClientIdError::Length {
                len,
                min: Self::MIN_LEN,
                max: Self::MAX_LEN,
            });
        }
        if !raw
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(ClientIdError::Character);
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ClientId {
    type Error = ClientIdError;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<ClientId> for String {
    fn from(id: ClientId) -> Self {
        id.0
    }
}

impl fmt::Display for ClientId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A position in the server's history of changes, assigned by the server when a change is
/// written. Pulls ask for everything after one. Zero means "from the beginning".
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct ChangeNumber(u64);

impl ChangeNumber {
    pub const ZERO: Self = Self(0);

    pub const fn new(value: u64) -> Self {
        Self(value)
    }

    pub const fn get(self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_random_ids_of_sensible_length() {
        let id = ClientId::parse("tab-3f9c2a7e_01").expect("valid");
        assert_eq!(id.as_str(), "tab-3f9c2a7e_01");
        assert_eq!(id.to_string(), "tab-3f9c2a7e_01");
    }

    #[test]
    fn refuses_ids_that_are_too_short_too_long_or_odd() {
        assert_eq!(
            ClientId::parse("abc"),
            Err(ClientIdError::Length {
                len: 3,
                min: 8,
                max: 64
            })
        );
        assert!(matches!(
            ClientId::parse(&"a".repeat(65)),
            Err(ClientIdError::Length { len: 65, .. })
        ));
        assert_eq!(
            ClientId::parse("tab 1234 5678"),
            Err(ClientIdError::Character)
        );
        assert_eq!(
            ClientId::parse("tab/../../etc"),
            Err(ClientIdError::Character)
        );
    }

    #[test]
    fn parses_from_json_only_when_valid() {
        let ok: ClientId = serde_json::from_str("\"abcdefgh\"").expect("valid");
        assert_eq!(ok.as_str(), "abcdefgh");
        assert!(serde_json::from_str::<ClientId>("\"no\"").is_err());
        assert_eq!(serde_json::to_string(&ok).expect("json"), "\"abcdefgh\"");
    }

    #[test]
    fn change_numbers_order_and_serialise_as_plain_numbers() {
        assert!(ChangeNumber::ZERO < ChangeNumber::new(1));
        assert_eq!(
            serde_json::to_string(&ChangeNumber::new(42)).expect("json"),
            "42"
        );
    }
}
