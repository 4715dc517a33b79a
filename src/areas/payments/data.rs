//! The household's payment queries as the carer should see them, the service's rates and the
//! finance team's notice, from the device. A change still waiting on this device is shown at
//! once by applying it with the server's own rules (`PaymentChange::apply`), so what the page
//! shows is what the server will do unless the finance team has acted meanwhile.

use portal_core::buddies::{Contact, PairingView, Side};
use portal_core::claims::{
    Claim, ClaimChange, ClaimSettings, ClaimState, ClaimStatus, ClaimTotals, RespiteYear,
    SETTINGS_ID, months_to_claim, respite_used,
};
use portal_core::date::CalendarDate;
use portal_core::mutation::{claim_change, payment_change};
use portal_core::payments::{
    NOTICE_ID, PaymentChange, PaymentNotice, PaymentState, Query, QueryStatus, RATES_ID, Rates,
};
use portal_core::sync::Mutator as _;
use portal_core::sync::wire::collection::{
    BUDDY_CONTACTS, BUDDY_PAIRINGS, CLAIM_SETTINGS, CLAIMS, PAYMENT_NOTICE, PAYMENT_QUERIES,
    PAYMENT_RATES,
};

use crate::storage::{StorageError, Store, UserStore};
use crate::sync_engine::waiting_changes;

/// A query as shown, and whether a change to it is still waiting on this device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryShown {
    pub query: Query,
    pub waiting_to_send: bool,
}

/// A claim as shown, and whether a change to it is still waiting on this device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimShown {
    pub claim: Claim,
    pub waiting_to_send: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaymentsData {
    /// Queries still open first, then resolved ones; newest first within each.
    pub queries: Vec<QueryShown>,
    pub rates: Rates,
    pub notice: Option<PaymentNotice>,
    /// Claims waiting for the carer or finance first, then the rest; newest first within each.
    pub claims: Vec<ClaimShown>,
    pub claim_settings: ClaimSettings,
    /// Whether the household buddies or mentors another, so may claim for its time.
    pub buddies_someone: bool,
    /// The contacts logged in pairings where the household is the buddy or mentor, as this
    /// device last received them: what a claim for their time is computed from.
    pub buddy_contacts: Vec<Contact>,
}

impl PaymentsData {
    pub fn query(&self, id: &str) -> Option<&QueryShown> {
        self.queries.iter().find(|q| q.query.id == id)
    }

    pub fn claim(&self, id: &str) -> Option<&ClaimShown> {
        self.claims.iter().find(|c| c.claim.id == id)
    }

    /// The household's respite in `year`: its allowance and the days asked for.
    pub fn respite(&self, year: u16) -> RespiteYear {
        RespiteYear {
            allowance: self.claim_settings.respite_days,
            used: respite_used(self.claims.iter().map(|c| &c.claim), year, ""),
        }
    }

    /// The months the household can claim its buddying or mentoring time for, newest first.
    pub fn months_to_claim(&self, today: CalendarDate) -> Vec<CalendarDate> {
        months_to_claim(
            &self.buddy_contacts,
            self.claims.iter().map(|c| &c.claim),
            today,
            &self.claim_settings,
        )
    }

    /// What the claims come to, by where they stand.
    pub fn claim_totals(&self) -> ClaimTotals {
        ClaimTotals::of(self.claims.iter().map(|c| &c.claim))
    }
}

/// Reads the household's queries with the changes waiting on this device applied, on
/// `today` (the UK date).
pub fn payments_data<S: Store>(
    user: &UserStore<'_, S>,
    household_id: &str,
    today: CalendarDate,
) -> Result<PaymentsData, StorageError> {
    let mut queries: Vec<QueryShown> = user
        .records::<Query>(PAYMENT_QUERIES)?
        .0
        .into_iter()
        .map(|query| QueryShown {
            query,
            waiting_to_send: false,
        })
        .collect();
    for queued in waiting_changes(user, payment_change)? {
        let change = queued.mutation;
        let at = queries.iter().position(|q| q.query.id == change.query());
        let found = at.map(|n| queries[n].query.clone());
        let message_exists = match (&change, &found) {
            (PaymentChange::Message { id, .. }, Some(query)) => {
                query.messages.iter().any(|m| m.id == *id)
            }
            _ => false,
        };
        let mut state = PaymentState {
            household_id: household_id.to_owned(),
            today: Some(today),
            query: found,
            message_exists,
            photos: Vec::new(),
            // Photos are sent before their change, so the server will have them.
            missing_photos: Vec::new(),
        };
        // A change the server will refuse shows nothing here; the refusal says why.
        if change.apply(&mut state).is_err() {
            continue;
        }
        if let Some(query) = state.query {
            let shown = QueryShown {
                query,
                waiting_to_send: true,
            };
            match at {
                Some(n) => queries[n] = shown,
                None => queries.push(shown),
            }
        }
    }
    queries.sort_by(|a, b| {
        let resolved = |q: &QueryShown| q.query.status == QueryStatus::Resolved;
        resolved(a)
            .cmp(&resolved(b))
            .then(b.query.raised_on.cmp(&a.query.raised_on))
            .then(a.query.id.cmp(&b.query.id))
    });
    let claim_settings: ClaimSettings = user
        .record(CLAIM_SETTINGS, SETTINGS_ID)?
        .unwrap_or_default();
    let buddying: Vec<String> = user
        .records::<PairingView>(BUDDY_PAIRINGS)?
        .0
        .into_iter()
        .filter(|view| view.side == Side::Buddy)
        .map(|view| view.id)
        .collect();
    let buddy_contacts: Vec<Contact> = user
        .records::<Contact>(BUDDY_CONTACTS)?
        .0
        .into_iter()
        .filter(|contact| buddying.contains(&contact.pairing))
        .collect();
    Ok(PaymentsData {
        queries,
        rates: user.record(PAYMENT_RATES, RATES_ID)?.unwrap_or_default(),
        notice: user
            .record::<Option<PaymentNotice>>(PAYMENT_NOTICE, NOTICE_ID)?
            .flatten(),
        claims: claims_shown(user, household_id, today, &claim_settings, &buddy_contacts)?,
        claim_settings,
        buddies_someone: !buddying.is_empty(),
        buddy_contacts,
    })
}

/// The household's claims with the changes waiting on this device applied by the server's
/// own rules, so a claim made offline shows at once, with its total.
fn claims_shown<S: Store>(
    user: &UserStore<'_, S>,
    household_id: &str,
    today: CalendarDate,
    settings: &ClaimSettings,
    contacts: &[Contact],
) -> Result<Vec<ClaimShown>, StorageError> {
    let mut claims: Vec<ClaimShown> = user
        .records::<Claim>(CLAIMS)?
        .0
        .into_iter()
        .map(|claim| ClaimShown {
            claim,
            waiting_to_send: false,
        })
        .collect();
    for queued in waiting_changes(user, claim_change)? {
        let change: ClaimChange = queued.mutation;
        let at = claims.iter().position(|c| c.claim.id == change.claim());
        let found = at.map(|n| claims[n].claim.clone());
        let message_exists = match (&change, &found) {
            (ClaimChange::Message { id, .. }, Some(claim)) => {
                claim.messages.iter().any(|m| m.id == *id)
            }
            _ => false,
        };
        let mut state = ClaimState {
            household_id: household_id.to_owned(),
            today: Some(today),
            settings: settings.clone(),
            claim: found,
            message_exists,
            missing_photos: Vec::new(),
            others: claims.iter().map(|c| c.claim.clone()).collect(),
            contacts: contacts.to_vec(),
        };
        // A change the server will refuse shows nothing here; the refusal says why.
        if change.apply(&mut state).is_err() {
            continue;
        }
        if let Some(claim) = state.claim {
            let shown = ClaimShown {
                claim,
                waiting_to_send: true,
            };
            match at {
                Some(n) => claims[n] = shown,
                None => claims.push(shown),
            }
        }
    }
    claims.sort_by(|a, b| {
        let settled = |c: &ClaimShown| {
            matches!(
                c.claim.status,
                ClaimStatus::Paid | ClaimStatus::Rejected | ClaimStatus::Approved
            )
        };
        settled(a)
            .cmp(&settled(b))
            .then(b.claim.submitted_on.cmp(&a.claim.submitted_on))
            .then(a.claim.id.cmp(&b.claim.id))
    });
    Ok(claims)
}

#[cfg(test)]
mod tests {
    use portal_core::mutation::QueuedPayment;
    use portal_core::payments::{Photo, QueryForm};
    use portal_core::sync::ClientId;

    use super::*;
    use crate::storage::{DeviceStore, MemoryStore};

    #[test]
    fn a_query_and_a_message_show_at_once_while_waiting_and_a_bad_one_not_at_all() {
        let device = DeviceStore::open(MemoryStore::default()).expect("opens");
        let user = device.user("u1");
        let tab = ClientId::parse("tab-00000001").expect("id");
        let form = QueryForm {
            category: "birthday".into(),
            from: "2026-11-01".into(),
            description: "The birthday allowance did not come.".into(),
            ..QueryForm::default()
        };
        for change in [
            PaymentChange::Raise {
                id: "q1".into(),
                form: form.clone(),
            },
            PaymentChange::Message {
                id: "m1".into(),
                query: "q1".into(),
                text: "It was her 10th.".into(),
                photos: vec![Photo::file("photo-1".into(), "card.jpg".into())],
            },
            PaymentChange::Raise {
                id: "q2".into(),
                form: QueryForm::default(),
            },
        ] {
            user.enqueue(&tab, &QueuedPayment { payments: &change })
                .expect("queued");
        }
        let today = CalendarDate::parse("2026-11-22").expect("date");
        let data = payments_data(&user, "h1", today).expect("reads");
        assert_eq!(data.queries.len(), 1, "the empty query will be refused");
        let shown = &data.queries[0];
        assert!(shown.waiting_to_send);
        assert_eq!(shown.query.status, QueryStatus::Sent);
        assert_eq!(shown.query.messages.len(), 1);
        assert_eq!(
            shown.query.messages[0].photos[0].id, "photo-1",
            "the photo is named before it is sent"
        );
        assert_eq!(
            data.query("q1").map(|q| q.query.household.as_str()),
            Some("h1")
        );
    }

    #[test]
    fn only_a_buddys_own_pairings_are_claimed_for_and_a_claimed_month_is_not_offered() {
        use portal_core::buddies::{ContactHow, PairingStatus};
        use portal_core::claims::ClaimForm;
        use portal_core::mutation::QueuedClaim;

        let device = DeviceStore::open(MemoryStore::default()).expect("opens");
        let user = device.user("u1");
        for (id, side) in [("p-buddy", Side::Buddy), ("p-seeker", Side::Seeker)] {
            let view = PairingView {
                id: id.into(),
                kind: portal_core::buddies::PairingKind::Mentor,
                side,
                status: PairingStatus::Active,
                reasons: Vec::new(),
                you_accepted: true,
                they_accepted: true,
                other: None,
            };
            let body = serde_json::to_string(&view).expect("json");
            user.put_record(BUDDY_PAIRINGS, id, Some(&body))
                .expect("stored");
        }
        for (id, pairing, date) in [
            ("c1", "p-buddy", "2026-10-05"),
            ("c2", "p-seeker", "2026-09-05"),
        ] {
            let contact = Contact {
                id: id.into(),
                pairing: pairing.into(),
                date: CalendarDate::parse(date).expect("date"),
                how: ContactHow::Phone,
                minutes: 60,
                by: Side::Seeker,
            };
            let body = serde_json::to_string(&contact).expect("json");
            user.put_record(BUDDY_CONTACTS, id, Some(&body))
                .expect("stored");
        }
        let today = CalendarDate::parse("2026-11-22").expect("date");
        let data = payments_data(&user, "h1", today).expect("reads");
        assert!(data.buddies_someone);
        let october = CalendarDate::parse("2026-10-01").expect("date");
        assert_eq!(data.months_to_claim(today), [october]);

        let tab = ClientId::parse("tab-00000001").expect("id");
        let claim = ClaimChange::Submit {
            id: "claim-1".into(),
            form: ClaimForm {
                kind: "mentoring".into(),
                date: october.to_string(),
                ..ClaimForm::default()
            },
        };
        user.enqueue(&tab, &QueuedClaim { claims: &claim })
            .expect("queued");
        let data = payments_data(&user, "h1", today).expect("reads");
        let shown = data.claim("claim-1").expect("shown at once");
        assert_eq!(shown.claim.about.total.to_string(), "£12.50");
        assert!(data.months_to_claim(today).is_empty(), "October is claimed");
    }
}
