//! Payment queries and rates for staff: `GET /api/staff/payments/queries` (the queue, oldest
//! first), and for one query `POST .../{id}/messages` (reply), `POST .../{id}/status` (move
//! its status on, if it has not moved already) and `PUT .../{id}/handler` (give it to someone
//! in the finance team); `GET` and `POST /api/staff/payments/rates` (every table, and a new
//! one), and `GET` and `PUT /api/staff/payments/notice` (the notice to every carer).

use axum::Json;
use axum::extract::{Path, State};
use portal_core::account::Role;
use portal_core::notices::NoticeKind;
use portal_core::payments::{
    Handler, HandlerForm, NoticeForm, PaymentNotice, Query, RateForm, Rates, ReplyForm,
    StaffQueries, StaffQuery, StatusForm, can_answer_payments, can_view_payments,
};

use super::{ApiError, ApiJson, allowed as permitted};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::auth::secrets::new_id;
use crate::payments;

pub async fn queue(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<StaffQueries>, ApiError> {
    permitted(can_view_payments(user.role))?;
    let today = crate::carers::today(state.clock.now());
    // Supervising social workers see their own carers' queries; finance sees everyone's.
    let supervisor = (!can_answer_payments(user.role)).then_some(user.email.as_str());
    let mut tx = state.db.pool().begin().await.map_err(ApiError::internal)?;
    let queries = payments::queries(&mut tx, supervisor).await?;
    tx.commit().await.map_err(ApiError::internal)?;
    let names = crate::carers::household_names(state.db.pool()).await?;
    let handlers: Vec<(String, String)> =
        sqlx::query_as("SELECT id, display_name FROM users WHERE role = $1 ORDER BY display_name")
            .bind(Role::Finance.as_str())
            .fetch_all(state.db.pool())
            .await
            .map_err(ApiError::internal)?;
    Ok(Json(StaffQueries {
        queries: queries
            .into_iter()
            .map(|query| StaffQuery {
                household_name: names.get(&query.household).cloned().unwrap_or_default(),
                overdue: query.overdue(today),
                query,
            })
            .collect(),
        handlers: handlers
            .into_iter()
            .map(|(id, name)| Handler { id, name })
            .collect(),
        can_answer: can_answer_payments(user.role),
    }))
}

/// Changes one query with `change`, under the change counter so that a carer's push and this
/// change are applied one after the other, and publishes it to its household.
async fn change_query(
    state: &AppState,
    id: &str,
    notice: Option<NoticeKind>,
    change: impl FnOnce(&mut Query, portal_core::date::CalendarDate) -> Result<(), ApiError>,
) -> Result<Json<Query>, ApiError> {
    let today = crate::carers::today(state.clock.now());
    let mut tx = state.db.pool().begin().await.map_err(ApiError::internal)?;
    let number = crate::sync::next_change(&mut tx)
        .await
        .map_err(ApiError::internal)?;
    let mut query = payments::query(&mut tx, id)
        .await?
        .ok_or(ApiError::NoSuchQuery)?;
    change(&mut query, today)?;
    payments::save(&mut tx, &query, number).await?;
    if let Some(kind) = notice {
        crate::outbox::send_to_household(&mut tx, &query.household, kind, state.clock.now())
            .await?;
    }
    tx.commit().await.map_err(ApiError::internal)?;
    Ok(Json(query))
}

pub async fn reply(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<ReplyForm>,
) -> Result<Json<Query>, ApiError> {
    permitted(can_answer_payments(user.role))?;
    let message = new_id().map_err(ApiError::internal)?;
    change_query(
        &state,
        &id,
        Some(NoticeKind::PaymentReply),
        |query, today| {
            query
                .reply(message, &user.display_name, &form.text, today)
                .map_err(ApiError::BadRequest)
        },
    )
    .await
}

pub async fn status(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<StatusForm>,
) -> Result<Json<Query>, ApiError> {
    permitted(can_answer_payments(user.role))?;
    change_query(&state, &id, None, |query, today| {
        query
            .move_status(form.from, form.to, today)
            .map_err(ApiError::StatusMovedOn)
    })
    .await
}

pub async fn handler(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<HandlerForm>,
) -> Result<Json<Query>, ApiError> {
    permitted(can_answer_payments(user.role))?;
    let name: Option<String> =
        sqlx::query_scalar("SELECT display_name FROM users WHERE id = $1 AND role = $2")
            .bind(&form.handler)
            .bind(Role::Finance.as_str())
            .fetch_optional(state.db.pool())
            .await
            .map_err(ApiError::internal)?;
    let name = name.ok_or_else(|| {
        ApiError::BadRequest("Choose someone in the finance team to handle it.".to_owned())
    })?;
    change_query(&state, &id, None, |query, today| {
        query.assign(&name, today);
        Ok(())
    })
    .await
}

pub async fn rates(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Rates>, ApiError> {
    permitted(can_view_payments(user.role))?;
    Ok(Json(payments::rates(&state.db).await?))
}

/// Adds a rate table; the ones before stay for history.
pub async fn add_rates(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(form): ApiJson<RateForm>,
) -> Result<Json<Rates>, ApiError> {
    permitted(can_answer_payments(user.role))?;
    let table = form.parse().map_err(|problems| {
        super::form_problems(problems.iter().map(|(_, message)| message.as_str()))
    })?;
    let mut tx = state.db.pool().begin().await.map_err(ApiError::internal)?;
    let change = crate::sync::next_change(&mut tx)
        .await
        .map_err(ApiError::internal)?;
    let mut rates: Rates = crate::sync::service_record(
        &mut *tx,
        portal_core::sync::wire::collection::PAYMENT_RATES,
        portal_core::payments::RATES_ID,
    )
    .await?
    .unwrap_or_default();
    rates.add(table).map_err(ApiError::BadRequest)?;
    payments::save_rates(&mut tx, &rates, change).await?;
    tx.commit().await.map_err(ApiError::internal)?;
    Ok(Json(rates))
}

pub async fn notice(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Option<PaymentNotice>>, ApiError> {
    permitted(can_view_payments(user.role))?;
    Ok(Json(payments::notice(&state.db).await?))
}

/// Publishes the notice to every carer's home page, or takes it down when empty.
pub async fn save_notice(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(form): ApiJson<NoticeForm>,
) -> Result<Json<Option<PaymentNotice>>, ApiError> {
    permitted(can_answer_payments(user.role))?;
    let notice = form.parse().map_err(ApiError::BadRequest)?;
    let mut tx = state.db.pool().begin().await.map_err(ApiError::internal)?;
    let change = crate::sync::next_change(&mut tx)
        .await
        .map_err(ApiError::internal)?;
    payments::save_notice(&mut tx, notice.as_ref(), change).await?;
    tx.commit().await.map_err(ApiError::internal)?;
    Ok(Json(notice))
}
