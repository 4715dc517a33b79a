//! The values that make up a household's details, each valid by construction, with the same
//! plain-English messages on the device and on the server.

use crate::text::capitalise;
use std::fmt;

use serde::{Deserialize, Serialize};

/// A UK phone number as the person typed it (tidied), holding 10 or 11 digits after the 0 or
/// +44 that starts it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let tidy = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let allowed = tidy
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '(' | ')' | '-'));
        let digits: String = tidy.chars().filter(char::is_ascii_digit).collect();
        let national = if tidy.starts_with('+') {
            digits.strip_prefix("44").map(|rest| format!("0{rest}"))
        } else {
            Some(digits)
        };
        let valid = allowed
            && national
                .as_deref()
                .is_some_and(|n| n.starts_with('0') && (10..=11).contains(&n.len()));
        if valid {
            Ok(Self(tidy))
        } else {
            Err(FieldError::Phone)
        }
    }
}

/// The first half of a postcode (the "outward code", such as NB1 or SW1A), which says roughly
/// where someone lives without saying which house. A full postcode is accepted and cut down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PostcodeDistrict(String);

impl PostcodeDistrict {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let upper = raw.trim().to_uppercase();
        let compact: String = upper.chars().filter(|c| !c.is_whitespace()).collect();
        // A full postcode ends in a digit and two letters (the "inward code").
        let outward = if compact.len() >= 5
            && compact[compact.len() - 3..]
                .chars()
                .enumerate()
                .all(|(i, c)| {
                    if i == 0 {
                        c.is_ascii_digit()
                    } else {
                        c.is_ascii_alphabetic()
                    }
                }) {
            &compact[..compact.len() - 3]
        } else {
            compact.as_str()
        };
        let bytes = outward.as_bytes();
        let letters = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        let rest = &bytes[letters..];
        let valid = (1..=2).contains(&letters)
            && !rest.is_empty()
            && rest.len() <= 2
            && rest[0].is_ascii_digit()
            && rest.iter().all(u8::is_ascii_alphanumeric);
        if valid {
            Ok(Self(outward.to_owned()))
        } else {
            Err(FieldError::Postcode)
        }
    }
}

/// Free text with a length limit, trimmed, never empty.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(String);

impl Text {
    pub fn parse(raw: &str, what: &'static str, max: usize) -> Result<Self, FieldError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(FieldError::Empty { what });
        }
        if trimmed.chars().count() > max {
            return Err(FieldError::TooLong { what, max });
        }
        if trimmed.chars().any(|c| c.is_control() && c != '\n') {
            return Err(FieldError::Characters { what });
        }
        Ok(Self(trimmed.to_owned()))
    }
}

macro_rules! as_str_and_display {
    ($($t:ty),*) => {$(
        impl $t {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<$t> for String {
            fn from(value: $t) -> Self {
                value.0
            }
        }
    )*};
}
as_str_and_display!(PhoneNumber, PostcodeDistrict, Text);

impl TryFrom<String> for PhoneNumber {
    type Error = FieldError;
    fn try_from(raw: String) -> Result<Self, FieldError> {
        Self::parse(&raw)
    }
}

impl TryFrom<String> for PostcodeDistrict {
    type Error = FieldError;
    fn try_from(raw: String) -> Result<Self, FieldError> {
        Self::parse(&raw)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    #[error("Enter a phone number, like 01632 960 001 or +44 7700 900 982.")]
    Phone,
    #[error("Enter the first part of your postcode, like NB1 or NB12.")]
    Postcode,
    #[error("Enter {what}.")]
    Empty { what: &'static str },
    #[error("{what} must be {max} characters or fewer.", what = capitalise(what))]
    TooLong { what: &'static str, max: usize },
    #[error("{what} must not contain special characters.", what = capitalise(what))]
    Characters { what: &'static str },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_in_the_usual_uk_forms() {
        for ok in [
            "01632 960 001",
            "07700900982",
            "+44 7700 900 982",
            "(01632) 960-001",
        ] {
            assert!(PhoneNumber::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            PhoneNumber::parse("  01632   960 001 ")
                .expect("ok")
                .as_str(),
            "01632 960 001"
        );
        for bad in [
            "",
            "12345",
            "7700900982",
            "+1 555 123 4567",
            "01632 960 001 ext 4",
            "0163296000112",
        ] {
            assert_eq!(PhoneNumber::parse(bad), Err(FieldError::Phone), "{bad}");
        }
    }

    #[test]
    fn postcode_districts_and_full_postcodes_cut_down() {
        for (raw, district) in [
            ("nb1", "NB1"),
            ("NB12", "NB12"),
            ("sw1a 1aa", "SW1A"),
            ("M1 1AE", "M1"),
            ("NB1 2AB", "NB1"),
        ] {
            assert_eq!(PostcodeDistrict::parse(raw).expect(raw).as_str(), district);
        }
        for bad in ["", "1AB", "ABC1", "NB", "N B 1 2 3 4"] {
            assert_eq!(
                PostcodeDistrict::parse(bad),
                Err(FieldError::Postcode),
                "{bad}"
            );
        }
    }

    #[test]
    fn text_is_trimmed_limited_and_explained() {
        assert_eq!(
            Text::parse("  Polish ", "a language", 40)
                .expect("ok")
                .as_str(),
            "Polish"
        );
        assert_eq!(
            Text::parse(" ", "a language", 40),
            Err(FieldError::Empty { what: "a language" })
        );
        let long = Text::parse(&"x".repeat(41), "a language", 40).expect_err("too long");
        assert_eq!(
            long.to_string(),
            "A language must be 40 characters or fewer."
        );
        assert!(Text::parse("a\u{0}b", "a name", 40).is_err());
    }
}
