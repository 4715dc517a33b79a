//! A year of the demo council's claims: each of three households claims once a month, in
//! turn mileage, an expense, and an allowance. Claims older than a month are paid (one was not
//! approved, with the reason), last month's are approved and waiting for the payment run, and
//! this month's wait for the finance team, one of them with a question for the carer.
//!
//! The Kowalskis buddy the Ahmeds, family and friends carers approved last year: their contact
//! log has calls and meetings in each of the last three months. The month before last is
//! claimed and paid; last month is left for the demo's buddy to claim.
//!
//! The Walshes, carers since 2008, offer to mentor two applicants: they mentor Hana Sato, the
//! demo applicant, and have spoken twice.

use portal_core::buddies::{
    Availability, Contact, ContactHow, Membership, Pairing, PairingKind, PairingStatus, Reason,
    Side,
};
use portal_core::claims::{
    Claim, ClaimChange, ClaimForm, ClaimSettings, ClaimState, ClaimStatus, Decision, JourneyForm,
};
use portal_core::date::CalendarDate;
use portal_core::sync::Mutator as _;
use portal_core::sync::wire::collection::BUDDY_MEMBERSHIP;

use super::DemoError;
use crate::db::Database;

/// The households that claim, by name.
const CLAIMING: [&str; 3] = [
    "The Taylor household",
    "The Begum household",
    "The Hughes household",
];

const FINANCE: &str = "Priya Shah";

/// The form a household fills in on `day`, the `month`-th month back.
fn form(month: u32, day: CalendarDate) -> ClaimForm {
    let date = day.to_string();
    match month % 3 {
        0 => ClaimForm {
            kind: "mileage".into(),
            journeys: vec![
                JourneyForm {
                    date: date.clone(),
                    from: "Home".into(),
                    to: "Northby family centre".into(),
                    purpose: "contact".into(),
                    miles: "14.2".into(),
                },
                JourneyForm {
                    date,
                    from: "Northby family centre".into(),
                    to: "Home".into(),
                    purpose: "contact".into(),
                    miles: "14.2".into(),
                },
            ],
            ..ClaimForm::default()
        },
        1 => ClaimForm {
            kind: "celebration".into(),
            date,
            amount: "£60".into(),
            child: "K L".into(),
            description: "Eid".into(),
            ..ClaimForm::default()
        },
        _ => ClaimForm {
            kind: "birthday".into(),
            date,
            amount: "£75".into(),
            child: "R T".into(),
            ..ClaimForm::default()
        },
    }
}

/// Where the claim made `month` months back stands today.
fn settle(claim: &mut Claim, month: u32, household: usize, today: CalendarDate) {
    let decided = claim.submitted_on.add_days(3).min(today);
    let approve = |claim: &mut Claim| {
        let _ = claim.decide(ClaimStatus::Submitted, &Decision::Approve, FINANCE, decided);
    };
    match (month, household) {
        (0, 1) => {
            let _ = claim.ask(
                format!("{}-question", claim.id),
                FINANCE,
                "Was the second journey on the same day as the first?",
                decided,
            );
        }
        (0, _) => {}
        (1, _) => approve(claim),
        (5, 0) => {
            let reason = Decision::Reject {
                reason: "This celebration was claimed already in the same month.".into(),
            };
            let _ = claim.decide(ClaimStatus::Submitted, &reason, FINANCE, decided);
        }
        _ => {
            approve(claim);
            let _ = claim.mark_paid(decided.add_days(7).min(today));
        }
    }
}

pub(super) async fn household_id(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    name: &str,
) -> Result<String, DemoError> {
    Ok(
        sqlx::query_scalar("SELECT id FROM households WHERE name = $1")
            .bind(name)
            .fetch_one(&mut **tx)
            .await?,
    )
}

pub async fn load(db: &Database, today: CalendarDate) -> Result<(), DemoError> {
    let settings = ClaimSettings::default();
    let mut tx = db.pool().begin().await?;
    for (index, name) in CLAIMING.into_iter().enumerate() {
        let household = household_id(&mut tx, name).await?;
        for month in 0..12 {
            // Claimed on the day, so each claim is inside the window of its own day.
            let day = today
                .add_months(-i32::try_from(month).unwrap_or(0))
                .add_days(-2);
            let mut state = ClaimState {
                household_id: household.clone(),
                today: Some(day),
                settings: settings.clone(),
                ..ClaimState::default()
            };
            let submit = ClaimChange::Submit {
                id: format!("demo-claim-{index}-{month}"),
                form: form(month, day),
            };
            submit
                .apply(&mut state)
                .map_err(|rejection| DemoError::Record(rejection.message))?;
            let Some(mut claim) = state.claim else {
                continue;
            };
            settle(&mut claim, month, index, today);
            // Each claim is a change of its own, as when it was made and decided.
            let change = crate::sync::next_change(&mut tx).await?;
            crate::claims::save(&mut tx, &claim, change).await?;
        }
    }
    load_buddying(&mut tx, today, &settings).await?;
    load_mentoring(&mut tx, today).await?;
    tx.commit().await?;
    Ok(())
}

/// The Walshes mentor the demo applicant: their offer of two places, the pairing both said
/// yes to, and two contacts in the last fortnight.
async fn load_mentoring(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    today: CalendarDate,
) -> Result<(), DemoError> {
    let mentor = household_id(tx, "The Walsh household").await?;
    let membership = Membership {
        mentor_places: 2,
        offer: "Sixteen years of fostering, and I remember my own assessment well.".into(),
        availability: [Availability::WeekdayEvenings, Availability::Weekends].into(),
        ..Membership::default()
    };
    let body =
        serde_json::to_string(&Some(membership)).map_err(|e| DemoError::Record(e.to_string()))?;
    let change = crate::sync::next_change(tx).await?;
    crate::sync::put_record(tx, BUDDY_MEMBERSHIP, &mentor, &mentor, &body, change).await?;
    let pairing = Pairing {
        kind: PairingKind::Mentor,
        id: "demo-pairing-walsh-sato".into(),
        seeker: household_id(tx, "The Sato household").await?,
        buddy: mentor,
        score: 25,
        reasons: vec![Reason::SameCarerType(
            portal_core::household::CarerType::Mainstream,
        )],
        status: PairingStatus::Active,
        seeker_accepted: true,
        buddy_accepted: true,
    };
    let change = crate::sync::next_change(tx).await?;
    crate::buddies::save_pairing(tx, &pairing, None, change).await?;
    for (back, how, minutes, by) in [
        (9, ContactHow::InPerson, 60, Side::Buddy),
        (2, ContactHow::Phone, 25, Side::Seeker),
    ] {
        let contact = Contact {
            id: format!("demo-contact-mentor-{back}"),
            pairing: pairing.id.clone(),
            date: today.add_days(-back),
            how,
            minutes,
            by,
        };
        let change = crate::sync::next_change(tx).await?;
        crate::buddies::save_contact(tx, &contact, &pairing, change).await?;
    }
    Ok(())
}

/// The Kowalskis' pairing with the Ahmeds, its contact log, and the Kowalskis' claim for the
/// month before last.
async fn load_buddying(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    today: CalendarDate,
    settings: &ClaimSettings,
) -> Result<(), DemoError> {
    let pairing = Pairing {
        kind: PairingKind::Buddy,
        id: "demo-pairing-kowalski-ahmed".into(),
        seeker: household_id(tx, "The Ahmed household").await?,
        buddy: household_id(tx, "The Kowalski household").await?,
        score: 0,
        reasons: Vec::new(),
        status: PairingStatus::Active,
        seeker_accepted: true,
        buddy_accepted: true,
    };
    let change = crate::sync::next_change(tx).await?;
    crate::buddies::save_pairing(tx, &pairing, None, change).await?;
    let this_month = today.start_of_month();
    let mut contacts = Vec::new();
    for back in 0..3 {
        let month = this_month.add_months(-back);
        let logged = [
            (3, ContactHow::Phone, 30, Side::Buddy),
            (12, ContactHow::InPerson, 90, Side::Seeker),
            (20, ContactHow::Message, 0, Side::Buddy),
        ];
        for (day, how, minutes, by) in logged {
            let date = month.add_days(day);
            if date >= today {
                continue;
            }
            let contact = Contact {
                id: format!("demo-contact-{back}-{day}"),
                pairing: pairing.id.clone(),
                date,
                how,
                minutes,
                by,
            };
            let change = crate::sync::next_change(tx).await?;
            crate::buddies::save_contact(tx, &contact, &pairing, change).await?;
            contacts.push(contact);
        }
    }
    // Claimed on the next month's tenth day, inside the window the service allows.
    let month = this_month.add_months(-2);
    let claimed_on = this_month.add_months(-1).add_days(9);
    let mut state = ClaimState {
        household_id: pairing.buddy.clone(),
        today: Some(claimed_on),
        settings: settings.clone(),
        contacts,
        ..ClaimState::default()
    };
    let submit = ClaimChange::Submit {
        id: "demo-claim-buddying".into(),
        form: ClaimForm {
            kind: "mentoring".into(),
            date: month.to_string(),
            ..ClaimForm::default()
        },
    };
    submit
        .apply(&mut state)
        .map_err(|rejection| DemoError::Record(rejection.message))?;
    if let Some(mut claim) = state.claim {
        let decided = claimed_on.add_days(2).min(today);
        let _ = claim.decide(ClaimStatus::Submitted, &Decision::Approve, FINANCE, decided);
        let _ = claim.mark_paid(decided.add_days(7).min(today));
        let change = crate::sync::next_change(tx).await?;
        crate::claims::save(tx, &claim, change).await?;
    }
    Ok(())
}
