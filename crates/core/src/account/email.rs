use std::fmt;

use serde::{Deserialize, Serialize};

/// An e-mail address, trimmed and lower-cased so that one person has one account whatever
/// capitals they type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("Enter an email address.")]
    Empty,
    #[error("Enter an email address in the correct format, like name@example.com.")]
    Format,
    #[error("An email address must be 254 characters or fewer.")]
    TooLong,
}

impl Email {
    pub const MAX_LEN: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, EmailError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(EmailError::Empty);
        }
        if trimmed.chars().count() > Self::MAX_LEN {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = trimmed.rsplit_once('@').ok_or(EmailError::Format)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        let local_ok = !local.is_empty()
            && !local.contains('@')
            && !local.chars().any(|c| c.is_whitespace() || c.is_control());
        if !(domain_ok && local_ok) {
            return Err(EmailError::Format);
        }
        Ok(Self(trimmed.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = EmailError;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<Email> for String {
    fn from(email: Email) -> Self {
        email.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_and_spaces() {
        let email = Email::parse("  Sam.Carer@Demo.Test ").expect("valid");
        assert_eq!(email.as_str(), "sam.carer@demo.test");
    }

    #[test]
    fn explains_what_is_wrong() {
        assert_eq!(Email::parse("   "), Err(EmailError::Empty));
        for bad in [
            "sam",
            "sam@",
            "@demo.test",
            "sam@demo",
            "sam@.demo.test",
            "sam@demo..test",
            "sam smith@demo.test",
            "sam@demo_test.com",
        ] {
            assert_eq!(Email::parse(bad), Err(EmailError::Format), "{bad}");
        }
        let long = format!("{}@demo.test", "a".repeat(250));
        assert_eq!(Email::parse(&long), Err(EmailError::TooLong));
    }
}
