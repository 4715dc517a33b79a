//! The buddy scheme for staff: `GET /api/staff/buddies` (every pairing, and who is waiting),
//! `POST /api/staff/buddies/proposals` (run the matcher for everyone waiting; nothing is sent)
//! `POST /api/staff/buddies/pairings` (suggest the chosen pairs to both households), and
//! `GET` and `PUT /api/staff/buddies/weights` (how pairs are scored).

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use portal_core::buddies::{
    NamedPair, Pairing, PairingStatus, SendPairs, StaffBuddies, StaffPairing, StaffProposal,
    WeightsForm, allowed, going_quiet, propose, score,
};
use portal_core::carers::{can_manage_carers, can_view_carers};
use portal_core::date::CalendarDate;

use super::{ApiError, ApiJson, allowed as permitted};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::auth::secrets::new_id;
use crate::buddies;

/// Every household's name, by id.
async fn names(db: &crate::db::Database) -> Result<BTreeMap<String, String>, ApiError> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT id, name FROM households")
        .fetch_all(db.pool())
        .await
        .map_err(ApiError::internal)?;
    Ok(rows.into_iter().collect())
}

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<StaffBuddies>, ApiError> {
    permitted(can_view_carers(user.role))?;
    let names = names(&state.db).await?;
    let cohort = buddies::cohort(&state.db).await?;
    let rows: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT id, reason FROM buddy_pairings")
            .fetch_all(state.db.pool())
            .await
            .map_err(ApiError::internal)?;
    let reasons: BTreeMap<String, Option<String>> = rows.into_iter().collect();
    let logged: Vec<(String, i64, Option<String>)> =
        sqlx::query_as("SELECT pairing, COUNT(*), MAX(date) FROM buddy_contacts GROUP BY pairing")
            .fetch_all(state.db.pool())
            .await
            .map_err(ApiError::internal)?;
    let logged: BTreeMap<String, (usize, Option<CalendarDate>)> = logged
        .into_iter()
        .map(|(pairing, count, last)| {
            let last = last.and_then(|d| CalendarDate::parse(&d).ok());
            (pairing, (usize::try_from(count).unwrap_or(0), last))
        })
        .collect();
    let today = crate::carers::today(state.clock.now());
    let mut tx = state.db.pool().begin().await.map_err(ApiError::internal)?;
    let pairings = buddies::pairings(&mut tx).await?;
    tx.commit().await.map_err(ApiError::internal)?;
    let name = |id: &str| names.get(id).cloned().unwrap_or_default();
    Ok(Json(StaffBuddies {
        pairings: pairings
            .into_iter()
            .map(|pairing| {
                let (contacts, last_contact) = logged.get(&pairing.id).copied().unwrap_or_default();
                StaffPairing {
                    seeker_name: name(&pairing.seeker),
                    buddy_name: name(&pairing.buddy),
                    reason: reasons.get(&pairing.id).cloned().flatten(),
                    contacts,
                    going_quiet: going_quiet(pairing.status, last_contact, today),
                    last_contact,
                    pairing,
                }
            })
            .collect(),
        seekers_waiting: cohort.seekers.len(),
        volunteers_with_places: cohort.volunteers.len(),
        can_edit: can_manage_carers(user.role),
    }))
}

pub async fn proposals(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<StaffProposal>, ApiError> {
    permitted(can_manage_carers(user.role))?;
    let names = names(&state.db).await?;
    let name = |id: &str| names.get(id).cloned().unwrap_or_default();
    let cohort = buddies::cohort(&state.db).await?;
    let proposal = propose(&cohort, &buddies::weights(&state.db).await?);
    Ok(Json(StaffProposal {
        pairs: proposal
            .pairs
            .into_iter()
            .map(|pair| NamedPair {
                seeker_name: name(&pair.seeker),
                buddy_name: name(&pair.volunteer),
                seeker: pair.seeker,
                buddy: pair.volunteer,
                score: pair.score,
                reasons: pair.reasons,
            })
            .collect(),
        unmatched: proposal.unmatched.iter().map(|id| name(id)).collect(),
    }))
}

/// Suggests each chosen pair to both households, if the rules and the buddy's places allow
/// every one of them; otherwise nothing is sent and the answer says which pair cannot be.
pub async fn send(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(choice): ApiJson<SendPairs>,
) -> Result<(StatusCode, Json<Vec<Pairing>>), ApiError> {
    permitted(can_manage_carers(user.role))?;
    let names = names(&state.db).await?;
    let name = |id: &str| {
        names
            .get(id)
            .cloned()
            .unwrap_or_else(|| "someone".to_owned())
    };
    let mut cohort = buddies::cohort(&state.db).await?;
    let weights = buddies::weights(&state.db).await?;
    let mut made = Vec::new();
    for pair in &choice.pairs {
        let refused = |why: &str| {
            ApiError::BadRequest(format!(
                "{} and {} cannot be suggested: {why}",
                name(&pair.seeker),
                name(&pair.buddy)
            ))
        };
        let seeker = cohort
            .seekers
            .iter()
            .position(|s| s.person.id == pair.seeker)
            .ok_or_else(|| refused("the first is not waiting for a buddy."))?;
        let buddy = cohort
            .volunteers
            .iter()
            .position(|v| v.person.id == pair.buddy && v.places > 0)
            .ok_or_else(|| refused("the second has no places left as a buddy."))?;
        if !allowed(&cohort, &cohort.seekers[seeker], &cohort.volunteers[buddy]) {
            return Err(refused(
                "the rules rule them out (the same household, a barred pair, or a preference).",
            ));
        }
        let (points, reasons) = score(
            &weights,
            &cohort.seekers[seeker].person,
            &cohort.volunteers[buddy].person,
        );
        made.push(Pairing {
            id: new_id().map_err(ApiError::internal)?,
            seeker: pair.seeker.clone(),
            buddy: pair.buddy.clone(),
            score: points,
            reasons,
            status: PairingStatus::Proposed,
            seeker_accepted: false,
            buddy_accepted: false,
        });
        cohort.seekers.remove(seeker);
        cohort.volunteers[buddy].places -= 1;
    }
    let mut tx = state.db.pool().begin().await.map_err(ApiError::internal)?;
    let change = crate::sync::next_change(&mut tx)
        .await
        .map_err(ApiError::internal)?;
    for pairing in &made {
        buddies::save_pairing(&mut tx, pairing, None, change).await?;
    }
    tx.commit().await.map_err(ApiError::internal)?;
    Ok((StatusCode::CREATED, Json(made)))
}

pub async fn weights(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<WeightsForm>, ApiError> {
    permitted(can_view_carers(user.role))?;
    Ok(Json(WeightsForm::of(&buddies::weights(&state.db).await?)))
}

pub async fn save_weights(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(form): ApiJson<WeightsForm>,
) -> Result<Json<WeightsForm>, ApiError> {
    permitted(can_manage_carers(user.role))?;
    let weights = form.parse().map_err(|problems| {
        super::form_problems(problems.iter().map(|(_, message)| message.as_str()))
    })?;
    buddies::save_weights(&state.db, &weights).await?;
    Ok(Json(WeightsForm::of(&weights)))
}
