//! The rules for a new password, as the NCSC and NIST advise: a minimum length, no composition
//! rules, paste allowed, and a check against passwords that are known to be common.

use std::fmt;

/// A password someone has chosen, checked against the rules. It is never stored as it is: the
/// server hashes it, and `Debug` does not print it.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("Your password must be at least {min} characters long.")]
    TooShort { min: usize },
    #[error("Your password must be {max} characters or fewer.")]
    TooLong { max: usize },
    #[error(
        "That password is too common and easy to guess. Try three random words, like \"kettle garden purple\"."
    )]
    Common,
    #[error("Your password must not be your email address.")]
    SameAsEmail,
}

impl NewPassword {
    pub const MIN_LEN: usize = 10;
    pub const MAX_LEN: usize = 200;

    /// Checks a new password. `email` is the account's address, which the password must not be.
    pub fn parse(raw: &str, email: &str) -> Result<Self, PasswordError> {
        let len = raw.chars().count();
        if len < Self::MIN_LEN {
            return Err(PasswordError::TooShort { min: Self::MIN_LEN });
        }
        if len > Self::MAX_LEN {
            return Err(PasswordError::TooLong { max: Self::MAX_LEN });
        }
        let folded = raw.trim().to_lowercase();
        let email = email.trim().to_lowercase();
        let local_part = email.split('@').next().unwrap_or_default();
        if folded == email || (!local_part.is_empty() && folded == local_part) {
            return Err(PasswordError::SameAsEmail);
        }
        if is_common(&folded) {
            return Err(PasswordError::Common);
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(********)")
    }
}

/// Whether a (lower-cased) password is one of the most common, or one of those with only digits
/// or one repeated character, which guessing tools try first.
fn is_common(folded: &str) -> bool {
    let first = folded.chars().next();
    let one_character = folded.chars().all(|c| Some(c) == first);
    let digits_only = folded.chars().all(|c| c.is_ascii_digit());
    one_character || digits_only || COMMON.contains(&folded)
}

/// Common passwords of ten or more characters, from public breach-frequency lists, plus words
/// people in this service would reach for first.
const COMMON: &[&str] = &[
    "1234567890",
    "0987654321",
    "1q2w3e4r5t",
    "qwertyuiop",
    "asdfghjkl1",
    "password12",
    "password123",
    "password1234",
    "password!1",
    "passw0rd123",
    "p@ssw0rd123",
    "iloveyou12",
    "iloveyou123",
    "princess123",
    "football123",
    "sunshine123",
    "liverpool1",
    "liverpool123",
    "manchester",
    "manchesterunited",
    "chelsea123",
    "arsenal123",
    "baseball123",
    "basketball",
    "qwerty1234",
    "qwerty12345",
    "qwertyuiop1",
    "abcdefghij",
    "abc1234567",
    "letmein123",
    "welcome123",
    "welcome1234",
    "changeme123",
    "trustno1234",
    "superman123",
    "starwars123",
    "computer123",
    "monkey1234",
    "dragon1234",
    "michael123",
    "jennifer123",
    "charlie123",
    "thomas1234",
    "jessica123",
    "whatever123",
    "zaq12wsxcde",
    "zaq1xsw2cde3",
    "1qaz2wsx3edc",
    "fostering1",
    "fostering123",
    "fostercarer",
    "fostercarer1",
    "fostercare1",
    "fostercare123",
    "fosterparent",
    "northbycouncil",
];

#[cfg(test)]
mod tests {
    use super::*;

    const EMAIL: &str = "sam.carer@demo.test";

    #[test]
    fn any_long_enough_uncommon_password_is_fine_without_composition_rules() {
        for ok in [
            "kettle garden purple",
            "demo-password",
            "alllowercaseletters",
            "ÄÖÜ ünïcödé pässwörd",
        ] {
            assert!(NewPassword::parse(ok, EMAIL).is_ok(), "{ok}");
        }
    }

    #[test]
    fn length_limits_count_characters_not_bytes() {
        assert_eq!(
            NewPassword::parse("short", EMAIL),
            Err(PasswordError::TooShort { min: 10 })
        );
        assert!(NewPassword::parse("ééééé ééé1", EMAIL).is_ok());
        assert_eq!(
            NewPassword::parse(&"x".repeat(201), EMAIL).map(|_| ()),
            Err(PasswordError::TooLong { max: 200 })
        );
    }

    #[test]
    fn common_and_guessable_passwords_are_refused() {
        for bad in [
            "Password123",
            "1234567890",
            "aaaaaaaaaaaa",
            "FosterCarer1",
            "55555555555",
        ] {
            assert_eq!(
                NewPassword::parse(bad, EMAIL),
                Err(PasswordError::Common),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_email_address_is_not_a_password() {
        assert_eq!(
            NewPassword::parse("Sam.Carer@demo.test", EMAIL),
            Err(PasswordError::SameAsEmail)
        );
        assert_eq!(
            NewPassword::parse("sam.carer1", "sam.carer1@demo.test"),
            Err(PasswordError::SameAsEmail)
        );
    }

    #[test]
    fn debug_never_shows_the_password() {
        let password = NewPassword::parse("kettle garden purple", EMAIL).expect("valid");
        assert!(!format!("{password:?}").contains("kettle"));
    }

    #[test]
    fn the_list_only_holds_passwords_the_length_rule_would_let_through() {
        for word in COMMON {
            assert!(word.chars().count() >= NewPassword::MIN_LEN, "{word}");
            assert_eq!(*word, word.to_lowercase(), "{word}");
        }
    }
}
