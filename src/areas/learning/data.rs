//! The learning log as the carer should see it, read from the device's storage: what the server
//! has sent, with every change still waiting on this device applied on top, and the service's
//! course catalogue. Plain functions over the store, so they are tested natively.

use std::collections::BTreeSet;

use portal_core::date::CalendarDate;
use portal_core::details::Member;
use portal_core::mutation::{review_change, training_change};
use portal_core::review::{AnnualReview, ReviewChange, ReviewForm, current_review};
use portal_core::sync::Mutator;
use portal_core::sync::wire::collection::{ANNUAL_REVIEWS, COURSES, TRAINING_ENTRIES};
use portal_core::training::{Course, Entry, LearningLog};

use crate::storage::{StorageError, Store, UserStore};
use crate::sync_engine::waiting_changes;

/// What the learning pages show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LearningData {
    /// Every entry, in no particular order (the filter puts them newest first).
    pub entries: Vec<Entry>,
    /// Entries with a change still waiting to be sent from this device.
    pub waiting: BTreeSet<String>,
    /// The service's catalogue, by title.
    pub courses: Vec<Course>,
}

impl LearningData {
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    pub fn course(&self, id: &str) -> Option<&Course> {
        self.courses.iter().find(|c| c.id == id)
    }
}

/// Reads the learning log. `household` is who is in the household now and `today` the UK date,
/// which the device's own check of a waiting change needs, as the server's does.
pub fn learning_data<S: Store>(
    user: &UserStore<'_, S>,
    household: &[Member],
    today: CalendarDate,
) -> Result<LearningData, StorageError> {
    let (server, _) = user.records::<Entry>(TRAINING_ENTRIES)?;
    let mut log = LearningLog {
        entries: server.into_iter().map(|e| (e.id.clone(), e)).collect(),
        household: household.to_vec(),
        today: Some(today),
    };
    let mut waiting = BTreeSet::new();
    for queued in waiting_changes(user, training_change)? {
        let change = queued.mutation;
        waiting.insert(change.id().to_owned());
        // A change the device's own check refuses (someone it names has since left the
        // household, say) is still sent: the server decides, and says why under "Needs your
        // attention" if it refuses too. Until then the entry shows as it was.
        let _ = change.apply(&mut log);
    }
    let (mut courses, _) = user.records::<Course>(COURSES)?;
    courses.sort_by_cached_key(|c| c.title.to_lowercase());
    Ok(LearningData {
        entries: log.entries.into_values().collect(),
        waiting,
        courses,
    })
}

/// The household's annual review as the carer should see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewShown {
    /// The review due now, with the part the server has from this household, if any.
    pub current: AnnualReview,
    /// The carer's part for it, waiting on this device to be sent (the newest, if several).
    pub waiting: Option<ReviewForm>,
    /// The last review held, with its agreed plan.
    pub last_held: Option<AnnualReview>,
}

/// Reads the household's reviews: `None` until it is approved (`approved_on`).
pub fn review_shown<S: Store>(
    user: &UserStore<'_, S>,
    approved_on: Option<CalendarDate>,
) -> Result<Option<ReviewShown>, StorageError> {
    let Some(approved_on) = approved_on else {
        return Ok(None);
    };
    let (reviews, _) = user.records::<AnnualReview>(ANNUAL_REVIEWS)?;
    let current = current_review(approved_on, &reviews);
    let waiting = waiting_changes(user, review_change)?
        .into_iter()
        .map(|queued| queued.mutation)
        .filter(|change| change.due_on() == current.due_on)
        .map(|ReviewChange::Send { form, .. }| form)
        .next_back();
    let last_held = reviews
        .into_iter()
        .filter(|r| r.held.is_some())
        .max_by_key(|r| r.held.as_ref().map(|h| h.on));
    Ok(Some(ReviewShown {
        current,
        waiting,
        last_held,
    }))
}

#[cfg(test)]
mod tests {
    use portal_core::details::{MemberRole, Text};
    use portal_core::mutation::QueuedTraining;
    use portal_core::sync::ClientId;
    use portal_core::training::{EntryForm, TrainingChange};

    use super::*;
    use crate::storage::{DeviceStore, MemoryStore};

    fn today() -> CalendarDate {
        CalendarDate::parse("2026-11-22").expect("date")
    }

    fn household() -> Vec<Member> {
        vec![Member {
            id: "sam".into(),
            name: Text::parse("Sam", "a name", 80).expect("name"),
            role: MemberRole::MainCarer,
        }]
    }

    fn form(title: &str) -> EntryForm {
        EntryForm {
            title: title.into(),
            date: "2026-11-20".into(),
            hours: "1".into(),
            format: "webinar".into(),
            members: vec!["sam".into()],
            ..EntryForm::default()
        }
    }

    fn save(id: &str, title: &str) -> TrainingChange {
        TrainingChange::Save {
            id: id.into(),
            form: Box::new(form(title)),
        }
    }

    #[test]
    fn waiting_changes_show_on_top_of_what_the_server_sent() {
        let device = DeviceStore::open(MemoryStore::default()).expect("opens");
        let user = device.user("u1");
        let synced =
            Entry::parse("e1", &form("From the server"), today(), &household()).expect("valid");
        let body = serde_json::to_string(&synced).expect("json");
        user.put_record(TRAINING_ENTRIES, "e1", Some(&body))
            .expect("stored");
        user.put_record(
            COURSES,
            "c2",
            Some(r#"{"id":"c2","title":"Safeguarding","category":"Core","mandatory_for":[],"renewal_months":null,"standards":[2]}"#),
        )
        .expect("stored");
        let tab = ClientId::parse("tab-00000001").expect("id");
        let other_tab = ClientId::parse("tab-00000002").expect("id");
        user.enqueue(
            &tab,
            &QueuedTraining {
                training: &save("e2", "Made offline"),
            },
        )
        .expect("queued");
        user.enqueue(
            &other_tab,
            &QueuedTraining {
                training: &save("e1", "Changed offline"),
            },
        )
        .expect("queued");
        user.enqueue(
            &other_tab,
            &portal_core::mutation::QueuedDetails {
                details: &portal_core::details::DetailsChange::RemoveMember { id: "x".into() },
            },
        )
        .expect("queued");

        let data = learning_data(&user, &household(), today()).expect("reads");
        let titles: BTreeSet<&str> = data.entries.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, BTreeSet::from(["Changed offline", "Made offline"]));
        assert_eq!(
            data.waiting,
            BTreeSet::from(["e1".to_owned(), "e2".to_owned()])
        );
        assert_eq!(
            data.course("c2").map(|c| c.title.as_str()),
            Some("Safeguarding")
        );

        // After the other tab's change to it, in that tab: the order within a tab is kept.
        user.enqueue(
            &other_tab,
            &QueuedTraining {
                training: &TrainingChange::Delete { id: "e1".into() },
            },
        )
        .expect("queued");
        let data = learning_data(&user, &household(), today()).expect("reads");
        assert!(data.entry("e1").is_none(), "deleted on the device");
        assert!(data.entry("e2").is_some());
    }

    #[test]
    fn a_change_the_device_would_refuse_leaves_the_entry_as_it_was() {
        let device = DeviceStore::open(MemoryStore::default()).expect("opens");
        let user = device.user("u1");
        let tab = ClientId::parse("tab-00000001").expect("id");
        let mut nobody = form("Nobody attended");
        nobody.members.clear();
        let change = TrainingChange::Save {
            id: "e9".into(),
            form: Box::new(nobody),
        };
        user.enqueue(&tab, &QueuedTraining { training: &change })
            .expect("queued");
        let data = learning_data(&user, &household(), today()).expect("reads");
        assert!(data.entries.is_empty());
        assert!(
            data.waiting.contains("e9"),
            "still shown as waiting to send"
        );
    }

    #[test]
    fn the_review_due_shows_with_the_part_waiting_on_this_device() {
        use portal_core::mutation::QueuedReview;
        use portal_core::review::{GoalForm, Held};

        let device = DeviceStore::open(MemoryStore::default()).expect("opens");
        let user = device.user("u1");
        assert_eq!(review_shown(&user, None).expect("reads"), None);
        let approved = CalendarDate::parse("2024-12-20").expect("date");
        let held_on = CalendarDate::parse("2025-12-18").expect("date");
        let held = AnnualReview {
            due_on: CalendarDate::parse("2025-12-20").expect("date"),
            sent: None,
            held: Some(Held {
                on: held_on,
                by: "Jo".into(),
                comment: String::new(),
            }),
        };
        let body = serde_json::to_string(&held).expect("json");
        user.put_record(ANNUAL_REVIEWS, "h:2025-12-20", Some(&body))
            .expect("kept");
        let form = ReviewForm {
            went_well: "Well".into(),
            goals: vec![GoalForm {
                text: "A goal".into(),
                course_id: String::new(),
            }],
            ..ReviewForm::default()
        };
        let tab = ClientId::parse("tab-00000001").expect("id");
        let stale = ReviewForm {
            went_well: "For the review already held".into(),
            ..form.clone()
        };
        for (due_on, form) in [("2026-12-18", form.clone()), ("2025-12-20", stale)] {
            let change = ReviewChange::Send {
                due_on: CalendarDate::parse(due_on).expect("date"),
                form,
            };
            user.enqueue(&tab, &QueuedReview { review: &change })
                .expect("queued");
        }
        let shown = review_shown(&user, Some(approved))
            .expect("reads")
            .expect("approved");
        assert_eq!(shown.current.due_on, held_on.add_months(12));
        assert_eq!(
            shown.waiting,
            Some(form),
            "only the part for the review due"
        );
        assert_eq!(shown.last_held, Some(held));
    }
}
