//! The household's part in the buddy scheme as the carer should see it: its membership and
//! pairings from the device, with answers still waiting on this device shown at once (the
//! server decides them). Plain functions over the store, tested natively.

use portal_core::buddies::{BuddyChange, Contact, Membership, PairingStatus, PairingView};
use portal_core::date::CalendarDate;
use portal_core::mutation::buddy_change;
use portal_core::sync::wire::collection::{BUDDY_CONTACTS, BUDDY_MEMBERSHIP, BUDDY_PAIRINGS};

use crate::storage::{StorageError, Store, UserStore};
use crate::sync_engine::waiting_changes;

/// A pairing as shown, and whether an answer to it is still waiting on this device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairingShown {
    pub view: PairingView,
    pub waiting_to_send: bool,
}

/// A contact in a pairing's shared log, and whether it is still waiting on this device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactShown {
    pub contact: Contact,
    pub waiting_to_send: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuddyData {
    pub membership: Option<Membership>,
    /// A change to the membership is waiting on this device.
    pub membership_waiting: bool,
    /// Suggestions first, then active pairings, then the rest.
    pub pairings: Vec<PairingShown>,
    /// Every pairing's contacts, newest first.
    pub contacts: Vec<ContactShown>,
}

impl BuddyData {
    pub fn contacts_of(&self, pairing: &str) -> Vec<ContactShown> {
        self.contacts
            .iter()
            .filter(|c| c.contact.pairing == pairing)
            .cloned()
            .collect()
    }
}

const fn order(status: PairingStatus) -> u8 {
    match status {
        PairingStatus::Proposed => 0,
        PairingStatus::Active => 1,
        PairingStatus::Declined | PairingStatus::Ended | PairingStatus::Withdrawn => 2,
    }
}

/// Reads the household's part in the scheme; `today` (the UK date) checks contacts still
/// waiting on this device as the server will.
pub fn buddy_data<S: Store>(
    user: &UserStore<'_, S>,
    household_id: &str,
    today: CalendarDate,
) -> Result<BuddyData, StorageError> {
    let membership: Option<Option<Membership>> = user.record(BUDDY_MEMBERSHIP, household_id)?;
    let (views, _) = user.records::<PairingView>(BUDDY_PAIRINGS)?;
    let mut data = BuddyData {
        membership: membership.flatten(),
        membership_waiting: false,
        pairings: views
            .into_iter()
            .map(|view| PairingShown {
                view,
                waiting_to_send: false,
            })
            .collect(),
        contacts: user
            .records::<Contact>(BUDDY_CONTACTS)?
            .0
            .into_iter()
            .map(|contact| ContactShown {
                contact,
                waiting_to_send: false,
            })
            .collect(),
    };
    for queued in waiting_changes(user, buddy_change)? {
        match queued.mutation {
            BuddyChange::Join { form } => {
                // A form that will be refused shows as it was; the refusal says why.
                if let Ok(membership) = form.parse() {
                    data.membership = Some(membership);
                    data.membership_waiting = true;
                }
            }
            BuddyChange::Respond {
                pairing, accept, ..
            } => {
                if let Some(shown) = data.pairings.iter_mut().find(|p| p.view.id == pairing) {
                    shown.waiting_to_send = true;
                    if accept {
                        shown.view.you_accepted = true;
                    } else {
                        shown.view.status = PairingStatus::Declined;
                    }
                }
            }
            BuddyChange::LogContact { id, pairing, form } => {
                let side = data.pairings.iter().find(|p| p.view.id == pairing);
                let logged = data.contacts.iter().any(|c| c.contact.id == id);
                if let (Some(side), false, Ok((date, how, minutes))) =
                    (side, logged, form.parse(today))
                {
                    let by = side.view.side;
                    data.contacts.push(ContactShown {
                        contact: Contact {
                            id,
                            pairing,
                            date,
                            how,
                            minutes,
                            by,
                        },
                        waiting_to_send: true,
                    });
                }
            }
            BuddyChange::End { pairing, .. } => {
                if let Some(shown) = data.pairings.iter_mut().find(|p| p.view.id == pairing) {
                    shown.waiting_to_send = true;
                    shown.view.status = PairingStatus::Ended;
                }
            }
        }
    }
    data.pairings
        .sort_by_key(|p| (order(p.view.status), p.view.id.clone()));
    data.contacts.sort_by(|a, b| {
        b.contact
            .date
            .cmp(&a.contact.date)
            .then(a.contact.id.cmp(&b.contact.id))
    });
    Ok(data)
}

#[cfg(test)]
mod tests {
    use portal_core::buddies::{MembershipForm, Side};
    use portal_core::mutation::QueuedBuddy;
    use portal_core::sync::ClientId;

    use super::*;
    use crate::storage::{DeviceStore, MemoryStore};

    #[test]
    fn answers_and_joining_show_at_once_while_waiting_to_send() {
        let device = DeviceStore::open(MemoryStore::default()).expect("opens");
        let user = device.user("u1");
        let view = PairingView {
            id: "p1".into(),
            kind: portal_core::buddies::PairingKind::Buddy,
            side: Side::Seeker,
            status: PairingStatus::Proposed,
            reasons: vec![],
            you_accepted: false,
            they_accepted: true,
            other: None,
        };
        user.put_record(
            BUDDY_PAIRINGS,
            "p1-seeker",
            Some(&serde_json::to_string(&view).expect("json")),
        )
        .expect("stored");
        let tab = ClientId::parse("tab-00000001").expect("id");
        for change in [
            BuddyChange::Join {
                form: MembershipForm {
                    wants_buddy: true,
                    ..MembershipForm::default()
                },
            },
            BuddyChange::Respond {
                pairing: "p1".into(),
                accept: true,
                reason: String::new(),
            },
        ] {
            user.enqueue(&tab, &QueuedBuddy { buddies: &change })
                .expect("queued");
        }
        let today = CalendarDate::parse("2026-11-22").expect("date");
        let data = buddy_data(&user, "h1", today).expect("reads");
        assert!(data.membership.is_some_and(|m| m.wants_buddy));
        assert!(data.membership_waiting);
        assert!(data.pairings[0].view.you_accepted && data.pairings[0].waiting_to_send);
    }
}
