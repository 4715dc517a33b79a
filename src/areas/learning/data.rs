//! The learning log as the carer should see it, read from the device's storage: what the server
//! has sent, with every change still waiting on this device applied on top, and the service's
//! course catalogue. Plain functions over the store, so they are tested natively.

use std::collections::BTreeSet;

use portal_core::date::CalendarDate;
use portal_core::details::Member;
use portal_core::mutation::training_change;
use portal_core::sync::Mutator;
use portal_core::sync::wire::collection::{COURSES, TRAINING_ENTRIES};
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
}
