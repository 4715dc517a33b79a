//! Every change a device can queue and push, by feature.
//!
//! On the wire and in the device's queue a mutation names its feature, then the change:
//! `{"details": {"set_phone": {...}}}`. Version 1 of the app queued and pushed bare My details
//! changes (`{"set_phone": {...}}`); devices may hold such changes for weeks offline, so the
//! server reads both shapes ([`Mutation::parse`]) and the device store rewrites old queues when
//! the app is upgraded.

use serde::{Deserialize, Serialize};

use crate::buddies::BuddyChange;
use crate::claims::ClaimChange;
use crate::details::DetailsChange;
use crate::enquiries::application::ApplicationChange;
use crate::groups::BookingChange;
use crate::news::NewsChange;
use crate::payments::PaymentChange;
use crate::review::ReviewChange;
use crate::surveys::SurveyChange;
use crate::training::TrainingChange;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mutation {
    Details(DetailsChange),
    Training(TrainingChange),
    Bookings(BookingChange),
    Buddies(BuddyChange),
    Payments(PaymentChange),
    Surveys(SurveyChange),
    Claims(ClaimChange),
    /// An applicant's change to their own application.
    Application(ApplicationChange),
    /// A carer's part of their annual review.
    Review(ReviewChange),
    /// A carer's contribution to the news.
    News(NewsChange),
}

impl Mutation {
    /// Reads a pushed mutation in the current shape or in version 1's; `None` for anything
    /// else (a change from a newer app, or nonsense), which the server refuses with a reason.
    pub fn parse(json: &str) -> Option<Self> {
        serde_json::from_str(json).ok().or_else(|| {
            serde_json::from_str::<DetailsChange>(json)
                .ok()
                .map(Self::Details)
        })
    }
}

/// A My details change in the shape it is queued and pushed (`{"details": ...}`), written
/// without bringing every other kind of change into the app that writes it.
#[derive(Debug, Serialize)]
pub struct QueuedDetails<'a> {
    pub details: &'a DetailsChange,
}

/// The current shape of a My details change, read on its own.
#[derive(Deserialize)]
struct DetailsOnly {
    details: DetailsChange,
}

/// A queued change read as a My details change, in the current shape or version 1's; `None`
/// for any other kind of change. A page reads only its own kind this way, so adding a kind of
/// change adds nothing to the other pages' code.
pub fn details_change(json: &str) -> Option<DetailsChange> {
    serde_json::from_str::<DetailsOnly>(json)
        .map(|only| only.details)
        .or_else(|_| serde_json::from_str::<DetailsChange>(json))
        .ok()
}

/// A learning log change in the shape it is queued and pushed (`{"training": ...}`).
#[derive(Debug, Serialize)]
pub struct QueuedTraining<'a> {
    pub training: &'a TrainingChange,
}

#[derive(Deserialize)]
struct TrainingOnly {
    training: TrainingChange,
}

/// A queued change read as a learning log change; `None` for any other kind.
pub fn training_change(json: &str) -> Option<TrainingChange> {
    serde_json::from_str::<TrainingOnly>(json)
        .ok()
        .map(|only| only.training)
}

/// A booking change in the shape it is queued and pushed (`{"bookings": ...}`).
#[derive(Debug, Serialize)]
pub struct QueuedBooking<'a> {
    pub bookings: &'a BookingChange,
}

#[derive(Deserialize)]
struct BookingsOnly {
    bookings: BookingChange,
}

/// A queued change read as a booking change; `None` for any other kind.
pub fn booking_change(json: &str) -> Option<BookingChange> {
    serde_json::from_str::<BookingsOnly>(json)
        .ok()
        .map(|only| only.bookings)
}

/// A buddy scheme change in the shape it is queued and pushed (`{"buddies": ...}`).
#[derive(Debug, Serialize)]
pub struct QueuedBuddy<'a> {
    pub buddies: &'a BuddyChange,
}

#[derive(Deserialize)]
struct BuddiesOnly {
    buddies: BuddyChange,
}

/// A queued change read as a buddy scheme change; `None` for any other kind.
pub fn buddy_change(json: &str) -> Option<BuddyChange> {
    serde_json::from_str::<BuddiesOnly>(json)
        .ok()
        .map(|only| only.buddies)
}

/// A payment query change in the shape it is queued and pushed (`{"payments": ...}`).
#[derive(Debug, Serialize)]
pub struct QueuedPayment<'a> {
    pub payments: &'a PaymentChange,
}

#[derive(Deserialize)]
struct PaymentsOnly {
    payments: PaymentChange,
}

/// A queued change read as a payment query change; `None` for any other kind.
pub fn payment_change(json: &str) -> Option<PaymentChange> {
    serde_json::from_str::<PaymentsOnly>(json)
        .ok()
        .map(|only| only.payments)
}

/// A claim change in the shape it is queued and pushed (`{"claims": ...}`).
#[derive(Debug, Serialize)]
pub struct QueuedClaim<'a> {
    pub claims: &'a ClaimChange,
}

#[derive(Deserialize)]
struct ClaimsOnly {
    claims: ClaimChange,
}

/// A queued change read as a claim change; `None` for any other kind.
pub fn claim_change(json: &str) -> Option<ClaimChange> {
    serde_json::from_str::<ClaimsOnly>(json)
        .ok()
        .map(|only| only.claims)
}

/// A survey response in the shape it is queued and pushed (`{"surveys": ...}`).
#[derive(Debug, Serialize)]
pub struct QueuedSurvey<'a> {
    pub surveys: &'a SurveyChange,
}

#[derive(Deserialize)]
struct SurveysOnly {
    surveys: SurveyChange,
}

/// A queued change read as a survey response; `None` for any other kind.
pub fn survey_change(json: &str) -> Option<SurveyChange> {
    serde_json::from_str::<SurveysOnly>(json)
        .ok()
        .map(|only| only.surveys)
}

/// An applicant's change in the shape it is queued and pushed (`{"application": ...}`).
#[derive(Debug, Serialize)]
pub struct QueuedApplication<'a> {
    pub application: &'a ApplicationChange,
}

#[derive(Deserialize)]
struct ApplicationOnly {
    application: ApplicationChange,
}

/// A queued change read as an applicant's change; `None` for any other kind.
pub fn application_change(json: &str) -> Option<ApplicationChange> {
    serde_json::from_str::<ApplicationOnly>(json)
        .ok()
        .map(|only| only.application)
}

/// A carer's part of their annual review in the shape it is queued and pushed
/// (`{"review": ...}`).
#[derive(Debug, Serialize)]
pub struct QueuedReview<'a> {
    pub review: &'a ReviewChange,
}

#[derive(Deserialize)]
struct ReviewOnly {
    review: ReviewChange,
}

/// A queued change read as a carer's review part; `None` for any other kind.
pub fn review_change(json: &str) -> Option<ReviewChange> {
    serde_json::from_str::<ReviewOnly>(json)
        .ok()
        .map(|only| only.review)
}

/// A pushed change as it may be kept on record when it is refused: refusals are stored against
/// the person who sent them, so a survey response is kept without its answers, and one that
/// cannot even be read (from a newer or broken app) is kept as no more than "a survey change".
pub fn for_the_record(json: &str) -> std::borrow::Cow<'_, str> {
    if let Some(change) = survey_change(json) {
        return serde_json::to_string(&QueuedSurvey {
            surveys: &change.without_answers(),
        })
        .map_or(
            std::borrow::Cow::Borrowed(UNREADABLE_SURVEY),
            std::borrow::Cow::Owned,
        );
    }
    let is_survey = serde_json::from_str::<serde_json::Value>(json)
        .map_or(json.contains("surveys"), |value| {
            value.get("surveys").is_some()
        });
    if is_survey {
        std::borrow::Cow::Borrowed(UNREADABLE_SURVEY)
    } else {
        std::borrow::Cow::Borrowed(json)
    }
}

/// What is kept of a survey change that could not be read.
pub const UNREADABLE_SURVEY: &str = r#"{"surveys":"unreadable"}"#;

/// Whether a queued change is in version 1's shape (a bare My details change).
pub fn is_version_1(json: &str) -> bool {
    serde_json::from_str::<DetailsOnly>(json).is_err()
        && serde_json::from_str::<DetailsChange>(json).is_ok()
}

impl From<DetailsChange> for Mutation {
    fn from(change: DetailsChange) -> Self {
        Self::Details(change)
    }
}

/// A news change in the shape it is queued and pushed (`{"news": ...}`).
#[derive(Debug, Serialize)]
pub struct QueuedNews<'a> {
    pub news: &'a NewsChange,
}

#[derive(Deserialize)]
struct NewsOnly {
    news: NewsChange,
}

/// A queued change read as a news change; `None` for any other kind.
pub fn news_change(json: &str) -> Option<NewsChange> {
    serde_json::from_str::<NewsOnly>(json)
        .ok()
        .map(|only| only.news)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::details::MemberRole;

    fn every_details_change() -> Vec<DetailsChange> {
        let replacing = String::new();
        vec![
            DetailsChange::SetPhone {
                value: "01632 960 001".into(),
                replacing: replacing.clone(),
            },
            DetailsChange::SetEmail {
                value: "a@example.test".into(),
                replacing: replacing.clone(),
            },
            DetailsChange::SetPostcodeDistrict {
                value: "NB1".into(),
                replacing: replacing.clone(),
            },
            DetailsChange::SetLanguages {
                value: vec!["English".into()],
                replacing: replacing.clone(),
            },
            DetailsChange::SetExperience {
                value: vec![],
                replacing: replacing.clone(),
            },
            DetailsChange::SetAvailability {
                value: "Evenings".into(),
                replacing: replacing.clone(),
            },
            DetailsChange::AddMember {
                id: "m1".into(),
                name: "Alex".into(),
                role: MemberRole::SecondCarer,
            },
            DetailsChange::UpdateMember {
                id: "m1".into(),
                name: "Alex".into(),
                role: MemberRole::OtherAdult,
                replacing,
            },
            DetailsChange::RemoveMember { id: "m1".into() },
        ]
    }

    #[test]
    fn the_current_shape_names_the_feature() {
        let change = DetailsChange::RemoveMember { id: "m1".into() };
        let json = serde_json::to_string(&Mutation::from(change)).expect("json");
        assert_eq!(json, r#"{"details":{"remove_member":{"id":"m1"}}}"#);
    }

    #[test]
    fn version_1_changes_are_still_read_as_they_were_meant() {
        for change in every_details_change() {
            let version_1 = serde_json::to_string(&change).expect("json");
            let current = serde_json::to_string(&Mutation::from(change.clone())).expect("json");
            assert_eq!(
                Mutation::parse(&version_1),
                Some(Mutation::Details(change.clone()))
            );
            assert_eq!(Mutation::parse(&current), Some(Mutation::Details(change)));
        }
    }

    #[test]
    fn a_details_change_is_queued_in_the_same_shape_either_way() {
        for change in every_details_change() {
            assert_eq!(
                serde_json::to_string(&QueuedDetails { details: &change }).expect("json"),
                serde_json::to_string(&Mutation::from(change)).expect("json")
            );
        }
    }

    #[test]
    fn a_page_reads_only_its_own_kind_of_change() {
        let change = DetailsChange::RemoveMember { id: "m1".into() };
        let current = serde_json::to_string(&Mutation::from(change.clone())).expect("json");
        let version_1 = serde_json::to_string(&change).expect("json");
        assert_eq!(details_change(&current), Some(change.clone()));
        assert_eq!(details_change(&version_1), Some(change));
        assert_eq!(
            details_change(r#"{"training":{"delete":{"id":"e1"}}}"#),
            None
        );
        assert!(is_version_1(&version_1));
        assert!(!is_version_1(&current));
        assert!(!is_version_1("[]"));
    }

    #[test]
    fn a_training_change_is_queued_as_the_server_reads_it() {
        let save = TrainingChange::Save {
            id: "e1".into(),
            form: Box::new(crate::training::EntryForm {
                title: "Safer caring".into(),
                ..Default::default()
            }),
        };
        let delete = TrainingChange::Delete { id: "e1".into() };
        for change in [save, delete] {
            let queued =
                serde_json::to_string(&QueuedTraining { training: &change }).expect("json");
            assert_eq!(
                Mutation::parse(&queued),
                Some(Mutation::Training(change.clone()))
            );
            assert_eq!(training_change(&queued), Some(change.clone()));
            assert_eq!(details_change(&queued), None);
            assert!(queued.starts_with(r#"{"training""#), "{queued}");
        }
        assert_eq!(
            training_change(r#"{"details":{"remove_member":{"id":"m1"}}}"#),
            None
        );
    }

    #[test]
    fn a_booking_change_is_queued_as_the_server_reads_it() {
        let book = BookingChange::Book {
            id: "b1".into(),
            session_id: "s1".into(),
            members: vec!["m1".into()],
        };
        let queued = serde_json::to_string(&QueuedBooking { bookings: &book }).expect("json");
        assert_eq!(
            Mutation::parse(&queued),
            Some(Mutation::Bookings(book.clone()))
        );
        assert_eq!(booking_change(&queued), Some(book));
        assert_eq!(training_change(&queued), None);
        assert_eq!(
            booking_change(r#"{"training":{"delete":{"id":"e1"}}}"#),
            None
        );
    }

    #[test]
    fn anything_else_is_not_a_mutation() {
        for json in [
            r#"{"training":{"log":{}}}"#,
            r#"{"set_phone":{"value":"1"}}"#,
            r#"{"lost_on_device":{}}"#,
            "[]",
            "not json",
        ] {
            assert_eq!(Mutation::parse(json), None, "{json}");
        }
    }

    #[test]
    fn a_refused_survey_response_is_kept_on_record_without_its_answers() {
        use crate::surveys::{Agreement, Answer};
        let change = SurveyChange::Respond {
            wave: "w1".into(),
            answers: [("fair".to_owned(), Answer::Agreement(Agreement::Disagree))].into(),
            anonymous: Some(true),
        };
        let json = serde_json::to_string(&QueuedSurvey { surveys: &change }).expect("json");
        assert_eq!(
            Mutation::parse(&json),
            Some(Mutation::Surveys(change.clone()))
        );
        let kept = for_the_record(&json);
        assert!(!kept.contains("disagree"), "{kept}");
        assert_eq!(survey_change(&kept), Some(change.without_answers()));
        let other = r#"{"set_phone":{"value":"1"}}"#;
        assert_eq!(for_the_record(other), other);
    }

    #[test]
    fn a_survey_response_that_cannot_be_read_is_kept_as_no_more_than_that() {
        for unreadable in [
            r#"{"surveys":{"respond":{"wave":7,"answers":{"fair":"disagree"}}}}"#,
            r#"{"surveys":{"reply":{"answers":{"fair":"disagree"}}}}"#,
            r#"{"surveys":{"respond":{"wave":"w1","answers":{"fair":"disagree""#,
        ] {
            assert_eq!(
                for_the_record(unreadable),
                UNREADABLE_SURVEY,
                "{unreadable}"
            );
        }
    }
}
