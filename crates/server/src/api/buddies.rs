//! The buddy scheme for staff: `GET /api/staff/buddies` (every pairing, and who is waiting),
//! `POST /api/staff/buddies/proposals` (run the matcher for everyone waiting; nothing is sent)
//! `POST /api/staff/buddies/pairings` (suggest the chosen pairs to both households),
//! `POST /api/staff/buddies/pairings/{id}/close` (withdraw a suggestion or end a pairing),
//! `POST /api/staff/buddies/barred` and `DELETE /api/staff/buddies/barred/{a}/{b}` (rule a
//! pair out, or in again), and
//! `GET` and `PUT /api/staff/buddies/weights` (how pairs are scored).

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use portal_core::buddies::{
    BarForm, BarredPair, CloseForm, KindQuery, Member, NamedPair, OTHER_CHOICES, Pair, Pairing,
    PairingKind, PairingStatus, RuledOut, SendPairs, StaffBuddies, StaffPairing, StaffProposal,
    Waiting, WeightsForm, allowed, candidates, going_quiet, propose, score,
};
use portal_core::carers::{can_manage_carers, can_view_carers};
use portal_core::notices::NoticeKind;

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
    let name = |id: &str| names.get(id).cloned().unwrap_or_default();
    let rows: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT id, reason FROM buddy_pairings")
            .fetch_all(state.db.pool())
            .await
            .map_err(ApiError::internal)?;
    let reasons: BTreeMap<String, Option<String>> = rows.into_iter().collect();
    let today = crate::carers::today(state.clock.now());
    let mut tx = state.db.pool().begin().await.map_err(ApiError::internal)?;
    // Both schemes' cohorts, and the pairings listed, come from one read.
    let found = buddies::entrants(&mut tx).await?;
    let (cohort, mentoring) = (
        found.cohort(PairingKind::Buddy),
        found.cohort(PairingKind::Mentor),
    );
    let pairings = found.pairings;
    let mut logs = buddies::contact_logs(&mut tx).await?;
    let barred = buddies::barred(&mut tx).await?;
    let members = buddies::memberships(&mut tx).await?;
    tx.commit().await.map_err(ApiError::internal)?;
    Ok(Json(StaffBuddies {
        pairings: pairings
            .into_iter()
            .map(|pairing| {
                let log = logs.remove(&pairing.id).unwrap_or_default();
                let last = log.iter().map(|c| c.date).max();
                StaffPairing {
                    seeker_name: name(&pairing.seeker),
                    buddy_name: name(&pairing.buddy),
                    reason: reasons.get(&pairing.id).cloned().flatten(),
                    going_quiet: going_quiet(pairing.status, last, today),
                    log,
                    pairing,
                }
            })
            .collect(),
        barred: barred
            .into_iter()
            .map(|(first, second, reason)| BarredPair {
                first_name: name(&first),
                second_name: name(&second),
                first,
                second,
                reason,
            })
            .collect(),
        members: members
            .into_iter()
            .map(|(id, _)| Member {
                name: name(&id),
                id,
            })
            .collect(),
        seekers_waiting: cohort.seekers.len(),
        volunteers_with_places: cohort.volunteers.len(),
        applicants_waiting: mentoring.seekers.len(),
        mentors_with_places: mentoring.volunteers.len(),
        can_edit: can_manage_carers(user.role),
    }))
}

pub async fn proposals(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(KindQuery { kind }): Query<KindQuery>,
) -> Result<Json<StaffProposal>, ApiError> {
    permitted(can_manage_carers(user.role))?;
    let names = names(&state.db).await?;
    let name = |id: &str| names.get(id).cloned().unwrap_or_default();
    let mut tx = state.db.pool().begin().await.map_err(ApiError::internal)?;
    let cohort = buddies::cohort(&mut tx, kind).await?;
    tx.commit().await.map_err(ApiError::internal)?;
    let weights = buddies::weights(&state.db).await?;
    let proposal = propose(&cohort, &weights);
    let with_names = |pair: Pair| NamedPair {
        seeker_name: name(&pair.seeker),
        buddy_name: name(&pair.volunteer),
        seeker: pair.seeker,
        buddy: pair.volunteer,
        score: pair.score,
        reasons: pair.reasons,
    };
    let mut chosen: BTreeMap<String, Pair> = proposal
        .pairs
        .into_iter()
        .map(|pair| (pair.seeker.clone(), pair))
        .collect();
    let waiting = cohort
        .seekers
        .iter()
        .zip(candidates(&cohort, &weights, OTHER_CHOICES + 1))
        .map(|(seeker, options)| {
            let id = &seeker.person.id;
            let chosen = chosen.remove(id);
            let picked = chosen.as_ref().map(|p| p.volunteer.clone());
            Waiting {
                seeker: id.clone(),
                seeker_name: name(id),
                others: options
                    .into_iter()
                    .filter(|o| Some(&o.volunteer) != picked.as_ref())
                    .take(OTHER_CHOICES)
                    .map(with_names)
                    .collect(),
                chosen: chosen.map(with_names),
            }
        })
        .collect();
    Ok(Json(StaffProposal { waiting }))
}

/// Suggests each chosen pair to both households, if the rules and the buddy's places allow
/// every one of them; otherwise nothing is sent and the answer says which pair cannot be.
/// The cohort is read after the change counter is taken, so no push or other send can change
/// it before these are written.
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
    let weights = buddies::weights(&state.db).await?;
    let mut tx = state.db.pool().begin().await.map_err(ApiError::internal)?;
    let change = crate::sync::next_change(&mut tx)
        .await
        .map_err(ApiError::internal)?;
    let mut cohort = buddies::cohort(&mut tx, choice.kind).await?;
    let (not_waiting, no_places) = match choice.kind {
        PairingKind::Buddy => (
            "the first is not waiting for a buddy.",
            "the second has no places left as a buddy.",
        ),
        PairingKind::Mentor => (
            "the first is not an applicant waiting for a mentor.",
            "the second has no places left as a mentor.",
        ),
    };
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
            .ok_or_else(|| refused(not_waiting))?;
        let buddy = cohort
            .volunteers
            .iter()
            .position(|v| v.person.id == pair.buddy && v.places > 0)
            .ok_or_else(|| refused(no_places))?;
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
            kind: choice.kind,
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
    let notice = match choice.kind {
        PairingKind::Buddy => NoticeKind::BuddySuggested,
        PairingKind::Mentor => NoticeKind::MentorSuggested,
    };
    for pairing in &made {
        buddies::save_pairing(&mut tx, pairing, None, change).await?;
        for household in [&pairing.seeker, &pairing.buddy] {
            crate::outbox::send_to_household(&mut tx, household, notice, state.clock.now()).await?;
        }
    }
    tx.commit().await.map_err(ApiError::internal)?;
    Ok((StatusCode::CREATED, Json(made)))
}

/// Withdraws a suggestion or ends a pairing, with staff's reason; both households see it at
/// their next sync and the carer waits for a buddy again.
pub async fn close(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<CloseForm>,
) -> Result<Json<Pairing>, ApiError> {
    permitted(can_manage_carers(user.role))?;
    let mut tx = state.db.pool().begin().await.map_err(ApiError::internal)?;
    let change = crate::sync::next_change(&mut tx)
        .await
        .map_err(ApiError::internal)?;
    let mut pairing = buddies::pairing(&mut tx, &id)
        .await?
        .ok_or(ApiError::NoSuchPairing)?;
    let reason = pairing
        .close_by_staff(&form.reason)
        .map_err(ApiError::BadRequest)?;
    buddies::save_pairing(&mut tx, &pairing, Some((&reason, "staff")), change).await?;
    tx.commit().await.map_err(ApiError::internal)?;
    Ok(Json(pairing))
}

/// Rules out a pair, either way round, with why; a pairing of theirs still suggested is
/// withdrawn.
pub async fn bar(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(form): ApiJson<BarForm>,
) -> Result<StatusCode, ApiError> {
    permitted(can_manage_carers(user.role))?;
    let names = names(&state.db).await?;
    let RuledOut {
        first,
        second,
        reason,
    } = form
        .parse(|id| names.contains_key(id))
        .map_err(|problems| super::form_problems(problems.iter().map(|(_, m)| m.as_str())))?;
    let mut tx = state.db.pool().begin().await.map_err(ApiError::internal)?;
    let change = crate::sync::next_change(&mut tx)
        .await
        .map_err(ApiError::internal)?;
    buddies::bar(&mut tx, &first, &second, &reason).await?;
    for mut pairing in buddies::pairings(&mut tx).await? {
        let theirs = pairing.side_of(&first).is_some() && pairing.side_of(&second).is_some();
        if theirs && pairing.status == PairingStatus::Proposed {
            let why = pairing
                .close_by_staff("Ruled out by staff.")
                .map_err(ApiError::BadRequest)?;
            buddies::save_pairing(&mut tx, &pairing, Some((&why, "staff")), change).await?;
        }
    }
    tx.commit().await.map_err(ApiError::internal)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Lets a pair staff ruled out be suggested again.
pub async fn allow(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((first, second)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    permitted(can_manage_carers(user.role))?;
    let mut tx = state.db.pool().begin().await.map_err(ApiError::internal)?;
    buddies::allow(&mut tx, &first, &second).await?;
    tx.commit().await.map_err(ApiError::internal)?;
    Ok(StatusCode::NO_CONTENT)
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
