//! Claims for staff: `GET /api/staff/claims?status=&page=` (a page of the queue, oldest first,
//! with the settings),
//! `GET .../payment-run.csv` (approved claims for the payment run), `POST .../approve` (approve
//! several at once), `POST .../paid` (mark approved claims paid), and for one claim
//! `GET .../{id}` (the claim with its household's name), `POST .../{id}/messages` (ask the
//! carer) and `POST .../{id}/decision` (approve or reject,
//! if still undecided); `GET` and `PUT .../settings` (rates per mile and how far back a claim
//! may go).

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use portal_core::claims::{
    BulkForm, BulkOutcome, Claim, ClaimSettings, ClaimStatus, Decision, DecisionForm, PaidForm,
    SettingsForm, StaffClaim, StaffClaims, can_decide_claims, can_view_claims, payment_run_csv,
};
use portal_core::date::CalendarDate;
use portal_core::notices::NoticeKind;
use portal_core::payments::ReplyForm;
use serde::Deserialize;

use super::{ApiError, ApiJson, allowed};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::auth::secrets::new_id;
use crate::claims;
use crate::sync::next_change;

/// The claims this person may see, each with its household's name.
async fn visible(state: &AppState, user: &CurrentUser) -> Result<Vec<StaffClaim>, ApiError> {
    // Supervising social workers see their own carers' claims; finance sees everyone's.
    let supervisor = (!can_decide_claims(user.role)).then_some(user.email.as_str());
    let mut tx = state.db.pool().begin().await.map_err(ApiError::internal)?;
    let found = claims::claims(&mut tx, supervisor).await?;
    tx.commit().await.map_err(ApiError::internal)?;
    let names = crate::carers::household_names(state.db.pool()).await?;
    Ok(found
        .into_iter()
        .map(|claim| StaffClaim {
            household_name: names.get(&claim.household).cloned().unwrap_or_default(),
            claim,
        })
        .collect())
}

/// Which page of the queue to show: `status` empty for any, `page` from 1.
#[derive(Debug, Deserialize)]
pub struct QueueQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    page: usize,
}

pub async fn queue(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<QueueQuery>,
) -> Result<Json<StaffClaims>, ApiError> {
    allowed(can_view_claims(user.role))?;
    Ok(Json(StaffClaims::paged(
        visible(&state, &user).await?,
        ClaimStatus::parse(&query.status),
        query.page,
        claims::settings(state.db.pool()).await?,
        can_decide_claims(user.role),
    )))
}

/// One claim, as the queue would list it, with the settings: for the claim's own page, which
/// so reads one claim rather than the whole queue. A supervising social worker sees only the
/// claims of households they supervise; any other claim is "no such claim" to them.
pub async fn one(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<StaffClaims>, ApiError> {
    allowed(can_view_claims(user.role))?;
    let mut tx = state.db.pool().begin().await.map_err(ApiError::internal)?;
    let claim = claims::claim(&mut tx, &id)
        .await?
        .ok_or(ApiError::NoSuchClaim)?;
    if !can_decide_claims(user.role)
        && !crate::payments::supervises(&mut *tx, &user.email, &claim.household).await?
    {
        return Err(ApiError::NoSuchClaim);
    }
    tx.commit().await.map_err(ApiError::internal)?;
    let names = crate::carers::household_names(state.db.pool()).await?;
    let found = StaffClaim {
        household_name: names.get(&claim.household).cloned().unwrap_or_default(),
        claim,
    };
    Ok(Json(StaffClaims::paged(
        vec![found],
        None,
        1,
        claims::settings(state.db.pool()).await?,
        can_decide_claims(user.role),
    )))
}

/// The approved claims not yet paid, as a spreadsheet for the payment run.
pub async fn payment_run(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Response, ApiError> {
    allowed(can_decide_claims(user.role))?;
    let today = crate::carers::today(state.clock.now());
    let name = format!("claims-payment-run-{today}.csv");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        payment_run_csv(&visible(&state, &user).await?),
    )
        .into_response())
}

/// Changes claims with `change`, under the change counter so that a carer's push and this
/// change are applied one after the other, and publishes each to its household. A claim
/// `change` refuses is left as it was and listed with why.
async fn change_claims(
    state: &AppState,
    ids: &[String],
    change: impl Fn(&mut Claim, CalendarDate) -> Result<(), String>,
) -> Result<(BulkOutcome, Option<Claim>), ApiError> {
    let today = crate::carers::today(state.clock.now());
    let mut tx = state.db.pool().begin().await.map_err(ApiError::internal)?;
    let number = next_change(&mut tx).await.map_err(ApiError::internal)?;
    let mut outcome = BulkOutcome::default();
    let mut last = None;
    for id in ids {
        let Some(mut claim) = claims::claim(&mut tx, id).await? else {
            outcome
                .left
                .push(format!("{id}: {}", ApiError::NoSuchClaim));
            continue;
        };
        let before = claim.clone();
        match change(&mut claim, today) {
            Ok(()) if claim != before => {
                claims::save(&mut tx, &claim, number).await?;
                crate::outbox::send_to_household(
                    &mut tx,
                    &claim.household,
                    NoticeKind::ClaimReply,
                    state.clock.now(),
                )
                .await?;
                outcome.changed += 1;
            }
            Ok(()) => {}
            Err(why) => outcome.left.push(why),
        }
        last = Some(claim);
    }
    tx.commit().await.map_err(ApiError::internal)?;
    Ok((outcome, last))
}

/// One claim changed, or the reason it was not.
async fn change_one(
    state: &AppState,
    id: String,
    change: impl Fn(&mut Claim, CalendarDate) -> Result<(), String>,
    refused: fn(String) -> ApiError,
) -> Result<Json<Claim>, ApiError> {
    let (mut outcome, claim) = change_claims(state, &[id], change).await?;
    match (outcome.left.pop(), claim) {
        (None, Some(claim)) => Ok(Json(claim)),
        (Some(_) | None, None) => Err(ApiError::NoSuchClaim),
        (Some(why), Some(_)) => Err(refused(why)),
    }
}

pub async fn ask(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<ReplyForm>,
) -> Result<Json<Claim>, ApiError> {
    allowed(can_decide_claims(user.role))?;
    let message = new_id().map_err(ApiError::internal)?;
    change_one(
        &state,
        id,
        |claim, today| claim.ask(message.clone(), &user.display_name, &form.text, today),
        ApiError::BadRequest,
    )
    .await
}

pub async fn decide(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<DecisionForm>,
) -> Result<Json<Claim>, ApiError> {
    allowed(can_decide_claims(user.role))?;
    let refused = match form.decision {
        // A rejection with no reason is the form's problem; anything else has moved on.
        Decision::Reject { ref reason } if reason.trim().is_empty() => ApiError::BadRequest,
        _ => ApiError::StatusMovedOn,
    };
    change_one(
        &state,
        id,
        |claim, today| claim.decide(form.from, &form.decision, &user.display_name, today),
        refused,
    )
    .await
}

/// Approves every listed claim still waiting for a decision; the rest are left and said.
pub async fn approve_all(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(form): ApiJson<BulkForm>,
) -> Result<Json<BulkOutcome>, ApiError> {
    allowed(can_decide_claims(user.role))?;
    let (outcome, _) = change_claims(&state, &form.claims, |claim, today| {
        if claim.status == ClaimStatus::Approved {
            return Ok(());
        }
        claim.decide(claim.status, &Decision::Approve, &user.display_name, today)
    })
    .await?;
    Ok(Json(outcome))
}

/// Marks approved claims paid on the payment run's date.
pub async fn mark_paid(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(form): ApiJson<PaidForm>,
) -> Result<Json<BulkOutcome>, ApiError> {
    allowed(can_decide_claims(user.role))?;
    let paid_on = CalendarDate::parse(form.paid_on.trim()).map_err(|_| {
        ApiError::BadRequest("Enter the date of the payment run, like 27/11/2026.".to_owned())
    })?;
    let (outcome, _) =
        change_claims(&state, &form.claims, |claim, _| claim.mark_paid(paid_on)).await?;
    Ok(Json(outcome))
}

pub async fn settings(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<ClaimSettings>, ApiError> {
    allowed(can_view_claims(user.role))?;
    Ok(Json(claims::settings(state.db.pool()).await?))
}

/// A new rate per mile from a date, or how far back claims may go; published to every device.
pub async fn save_settings(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(form): ApiJson<SettingsForm>,
) -> Result<Json<ClaimSettings>, ApiError> {
    allowed(can_decide_claims(user.role))?;
    let mut tx = state.db.pool().begin().await.map_err(ApiError::internal)?;
    let change = next_change(&mut tx).await.map_err(ApiError::internal)?;
    let settings = form
        .apply_to(&claims::settings(&mut *tx).await?)
        .map_err(|problems| super::form_problems(problems.iter().map(String::as_str)))?;
    claims::save_settings(&mut tx, &settings, change).await?;
    tx.commit().await.map_err(ApiError::internal)?;
    Ok(Json(settings))
}
