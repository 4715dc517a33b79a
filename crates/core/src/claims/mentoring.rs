//! A buddy's or mentor's time with the carers they support, claimed a month at a time from the
//! contact log the pairing shares. Nothing is typed but the month: the claim is computed from
//! the calls and meetings already logged, each paid at the hourly rate of its own date, so the
//! carer and the finance team see the same figures and a contact cannot be claimed twice.

use serde::{Deserialize, Serialize};

use super::{Claim, ClaimKind, ClaimSettings, ClaimStatus};
use crate::buddies::{Contact, ContactHow};
use crate::date::CalendarDate;
use crate::payments::Pence;

/// One call or meeting in a claim for a buddy's or mentor's time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaidContact {
    pub date: CalendarDate,
    pub how: ContactHow,
    pub minutes: u16,
    /// The hourly rate in force on the contact's date.
    pub per_hour: Pence,
    pub amount: Pence,
}

/// `minutes` at `per_hour`, to the nearest penny (a half penny rounds up).
pub fn pay_for(minutes: u16, per_hour: Pence) -> Pence {
    let pence = (i64::from(minutes) * per_hour.pence() * 2 + 60) / 120;
    Pence::new(pence).unwrap_or(Pence::ZERO)
}

/// The contacts of the month that starts on `month` that are paid, oldest first: calls and
/// meetings with their length. Messages have no length, so they are not paid.
pub fn paid_contacts(
    contacts: &[Contact],
    month: CalendarDate,
    settings: &ClaimSettings,
) -> Vec<PaidContact> {
    let mut paid: Vec<PaidContact> = contacts
        .iter()
        .filter(|c| c.date.start_of_month() == month && c.minutes > 0)
        .map(|c| {
            let per_hour = settings.hourly_on(c.date);
            PaidContact {
                date: c.date,
                how: c.how,
                minutes: c.minutes,
                per_hour,
                amount: pay_for(c.minutes, per_hour),
            }
        })
        .collect();
    paid.sort_by_key(|c| (c.date, c.how.as_str(), c.minutes));
    paid
}

/// "2 hours 5 minutes", "45 minutes".
pub fn time_words(minutes: u32) -> String {
    let plural = |n: u32, one: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {one}s"),
    };
    match (minutes / 60, minutes % 60) {
        (0, m) => plural(m, "minute"),
        (h, 0) => plural(h, "hour"),
        (h, m) => format!("{} {}", plural(h, "hour"), plural(m, "minute")),
    }
}

/// Whether the household has a claim for the month starting `month` that still stands (one
/// not approved frees the month), other than the claim `except`.
pub fn month_claimed<'a>(
    claims: impl IntoIterator<Item = &'a Claim>,
    month: CalendarDate,
    except: &str,
) -> bool {
    claims.into_iter().any(|c| {
        c.id != except
            && c.about.kind == ClaimKind::Mentoring
            && c.about.date == month
            && c.status != ClaimStatus::Rejected
    })
}

/// The months a buddy or mentor can claim for on `today`, newest first: months that are over
/// and not too long ago for a claim, with a call or meeting logged, not claimed already.
pub fn months_to_claim<'a>(
    contacts: &[Contact],
    claims: impl IntoIterator<Item = &'a Claim>,
    today: CalendarDate,
    settings: &ClaimSettings,
) -> Vec<CalendarDate> {
    let claimed: std::collections::BTreeSet<CalendarDate> = claims
        .into_iter()
        .filter(|c| c.about.kind == ClaimKind::Mentoring && c.status != ClaimStatus::Rejected)
        .map(|c| c.about.date)
        .collect();
    let earliest = settings.earliest(today);
    let mut months: Vec<CalendarDate> = contacts
        .iter()
        .filter(|c| c.minutes > 0)
        .map(|c| c.date.start_of_month())
        .filter(|month| month.add_months(1) <= today && month.add_months(1) > earliest)
        .filter(|month| !claimed.contains(month))
        .collect();
    months.sort_unstable_by(|a, b| b.cmp(a));
    months.dedup();
    months
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::buddies::Side;

    fn date(raw: &str) -> CalendarDate {
        CalendarDate::parse(raw).expect("a date")
    }

    fn contact(id: &str, on: &str, how: ContactHow, minutes: u16) -> Contact {
        Contact {
            id: id.to_owned(),
            pairing: "pairing-1".to_owned(),
            date: date(on),
            how,
            minutes,
            by: Side::Seeker,
        }
    }

    #[test]
    fn pay_is_minutes_at_the_hourly_rate_to_the_nearest_penny() {
        let rate = Pence::parse("12.50").expect("a rate");
        assert_eq!(pay_for(60, rate).pence(), 1250);
        assert_eq!(pay_for(30, rate).pence(), 625);
        // 7 minutes at £12.50 is 145.83p.
        assert_eq!(pay_for(7, rate).pence(), 146);
        assert_eq!(pay_for(0, rate), Pence::ZERO);
    }

    #[test]
    fn months_start_on_their_first_day() {
        assert_eq!(date("2023-10-31").start_of_month(), date("2023-10-01"));
        assert_eq!(date("2024-02-29").start_of_month(), date("2024-02-01"));
        assert_eq!(date("2023-10-01").start_of_month(), date("2023-10-01"));
    }

    #[test]
    fn only_calls_and_meetings_of_the_month_are_paid_each_at_its_dates_rate() {
        let mut settings = ClaimSettings::default();
        settings.add_hourly(super::super::HourlyRate {
            from: date("2023-10-16"),
            per_hour: Pence::parse("15").expect("a rate"),
        });
        let contacts = [
            contact("a", "2023-10-02", ContactHow::Phone, 30),
            contact("b", "2023-10-20", ContactHow::InPerson, 90),
            contact("c", "2023-10-21", ContactHow::Message, 0),
            contact("d", "2023-11-01", ContactHow::Video, 60),
        ];
        let paid = paid_contacts(&contacts, date("2023-10-01"), &settings);
        let amounts: Vec<i64> = paid.iter().map(|c| c.amount.pence()).collect();
        assert_eq!(amounts, [625, 2250]);
    }

    #[test]
    fn a_month_is_offered_once_it_is_over_until_claimed_or_too_old() {
        let settings = ClaimSettings::default();
        let contacts = [
            contact("a", "2023-06-02", ContactHow::Phone, 30),
            contact("b", "2023-09-20", ContactHow::InPerson, 90),
            contact("c", "2023-10-21", ContactHow::Phone, 20),
            contact("d", "2023-10-22", ContactHow::Message, 0),
            contact("e", "2023-11-02", ContactHow::Video, 60),
        ];
        let today = date("2023-11-14");
        let months = months_to_claim(&contacts, &[], today, &settings);
        // June is too long ago; November is not over.
        assert_eq!(months, [date("2023-10-01"), date("2023-09-01")]);
        assert_eq!(time_words(150), "2 hours 30 minutes");
        assert_eq!(time_words(60), "1 hour");
        assert_eq!(time_words(45), "45 minutes");
    }
}
