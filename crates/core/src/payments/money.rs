//! Money as whole pence: never floating point, so sums and splits are exact and a total is
//! always the sum of its lines.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An amount of money in pence, never negative.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(try_from = "i64", into = "i64")]
pub struct Pence(i64);

/// The most any one amount in the portal can be: far above any payment, below any overflow.
const MOST: i64 = 1_000_000_000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("Enter an amount in pounds and pence, like £194.00")]
    NotAnAmount,
    #[error("Enter an amount with no more than 2 numbers after the point, like £194.50")]
    TooPrecise,
    #[error("Enter an amount below £10,000,000")]
    TooLarge,
}

impl Pence {
    pub const ZERO: Self = Self(0);

    /// `None` for a negative amount or one too large.
    pub const fn new(pence: i64) -> Option<Self> {
        if pence >= 0 && pence <= MOST {
            Some(Self(pence))
        } else {
            None
        }
    }

    pub const fn pence(self) -> i64 {
        self.0
    }

    /// Reads an amount as people type it: "194", "£194.50", "1,234.5", " 12.05 ".
    ///
    /// # Errors
    /// Why the text is not an amount, in plain words.
    pub fn parse(raw: &str) -> Result<Self, MoneyError> {
        let text: String = raw
            .trim()
            .trim_start_matches('£')
            .chars()
            .filter(|c| *c != ',')
            .collect();
        let (pounds, pennies) = text.split_once('.').unwrap_or((&text, ""));
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if pounds.is_empty() && pennies.is_empty() || !digits(pounds) || !digits(pennies) {
            return Err(MoneyError::NotAnAmount);
        }
        if pennies.len() > 2 {
            return Err(MoneyError::TooPrecise);
        }
        if pounds.len() > 8 {
            return Err(MoneyError::TooLarge);
        }
        let pounds: i64 = if pounds.is_empty() {
            0
        } else {
            pounds.parse().map_err(|_| MoneyError::NotAnAmount)?
        };
        let pennies: i64 = match pennies.len() {
            0 => 0,
            1 => {
                pennies
                    .parse::<i64>()
                    .map_err(|_| MoneyError::NotAnAmount)?
                    * 10
            }
            _ => pennies.parse().map_err(|_| MoneyError::NotAnAmount)?,
        };
        Self::new(pounds * 100 + pennies).ok_or(MoneyError::TooLarge)
    }

    #[must_use]
    /// `days` sevenths of a weekly amount, to the nearest penny (a half penny rounds up).
    pub fn for_days(self, days: u8) -> Self {
        Self((self.0 * i64::from(days) * 2 + 7) / 14)
    }

    #[must_use]
    /// `n` times the amount.
    pub fn times(self, n: u32) -> Self {
        Self((self.0 * i64::from(n)).min(MOST))
    }

    /// The amount as typed in a form: "194.50".
    pub fn as_typed(self) -> String {
        format!("{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

impl std::ops::Add for Pence {
    type Output = Self;

    fn add(self, other: Self) -> Self {
        Self((self.0 + other.0).min(MOST))
    }
}

impl std::iter::Sum for Pence {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::ZERO, |a, b| a + b)
    }
}

impl TryFrom<i64> for Pence {
    type Error = MoneyError;

    fn try_from(pence: i64) -> Result<Self, Self::Error> {
        Self::new(pence).ok_or(MoneyError::TooLarge)
    }
}

impl From<Pence> for i64 {
    fn from(amount: Pence) -> Self {
        amount.0
    }
}

/// "£1,234.50", as the UK writes money.
impl fmt::Display for Pence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pounds = (self.0 / 100).to_string();
        let mut grouped = String::new();
        for (n, digit) in pounds.chars().enumerate() {
            if n > 0 && (pounds.len() - n).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        write!(f, "£{grouped}.{:02}", self.0 % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_as_people_type_them_and_written_the_uk_way() {
        let read = |raw: &str| Pence::parse(raw).map(Pence::pence);
        assert_eq!(read("194"), Ok(19_400));
        assert_eq!(read(" £194.5 "), Ok(19_450));
        assert_eq!(read("1,234.05"), Ok(123_405));
        assert_eq!(read(".99"), Ok(99));
        assert_eq!(read("12.345"), Err(MoneyError::TooPrecise));
        assert_eq!(read("-5"), Err(MoneyError::NotAnAmount));
        assert_eq!(read("ten pounds"), Err(MoneyError::NotAnAmount));
        assert_eq!(read(""), Err(MoneyError::NotAnAmount));
        assert_eq!(read("£"), Err(MoneyError::NotAnAmount));
        assert_eq!(read("123456789"), Err(MoneyError::TooLarge));
        let shown = |pence| Pence::new(pence).expect("an amount").to_string();
        assert_eq!(shown(123_405), "£1,234.05");
        assert_eq!(shown(5), "£0.05");
        assert_eq!(shown(100_000_000), "£1,000,000.00");
        assert_eq!(Pence::new(-1), None);
    }

    #[test]
    fn part_of_a_week_is_to_the_nearest_penny() {
        let weekly = Pence::new(19_400).expect("an amount");
        assert_eq!(weekly.for_days(7), weekly);
        assert_eq!(weekly.for_days(3).pence(), 8_314); // 8,314.28...
        assert_eq!(weekly.for_days(4).pence(), 11_086); // 11,085.71...
        assert_eq!(Pence::new(1).expect("a penny").for_days(4).pence(), 1); // 0.57 rounds up
    }
}
