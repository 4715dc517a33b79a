//! A year of the demo council's claims: each of three households claims once a month, in
//! turn mileage, an expense, and an allowance. Claims older than a month are paid (one was not
//! approved, with the reason), last month's are approved and waiting for the payment run, and
//! this month's wait for the finance team, one of them with a question for the carer.

use portal_core::claims::{
    Claim, ClaimChange, ClaimForm, ClaimSettings, ClaimState, ClaimStatus, Decision, JourneyForm,
};
use portal_core::date::CalendarDate;
use portal_core::sync::Mutator as _;

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

pub async fn load(db: &Database, today: CalendarDate) -> Result<(), DemoError> {
    let settings = ClaimSettings::default();
    let mut tx = db.pool().begin().await?;
    for (index, name) in CLAIMING.into_iter().enumerate() {
        let household: String = sqlx::query_scalar("SELECT id FROM households WHERE name = $1")
            .bind(name)
            .fetch_one(&mut *tx)
            .await?;
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
            crate::claims::save(&mut tx, &claim, change)
                .await
                .map_err(|e| DemoError::Record(e.to_string()))?;
        }
    }
    tx.commit().await?;
    Ok(())
}
