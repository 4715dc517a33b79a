//! `GET` and `POST /api/staff/news`, `PUT /api/staff/news/{id}`: service news; `POST
//! /api/staff/news/contributions/{id}`: the news team's decision on a carer's contribution.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use portal_core::carers::{areas, can_view_carers};
use portal_core::library::can_manage_library;
use portal_core::news::{Article, ArticleForm, ContributionDecision, NewsList};

use super::{ApiError, ApiJson, allowed};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::{carers, news};

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<NewsList>, ApiError> {
    allowed(can_view_carers(user.role))?;
    let households = carers::list(&state.db, state.clock.now()).await?;
    Ok(Json(
        news::list(&state.db, areas(&households), can_manage_library(user.role)).await?,
    ))
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(form): ApiJson<ArticleForm>,
) -> Result<(StatusCode, Json<Article>), ApiError> {
    allowed(can_manage_library(user.role))?;
    let today = carers::today(state.clock.now());
    let article = news::save(&state.db, None, &form, today).await?;
    Ok((StatusCode::CREATED, Json(article)))
}

pub async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<ArticleForm>,
) -> Result<Json<Article>, ApiError> {
    allowed(can_manage_library(user.role))?;
    let today = carers::today(state.clock.now());
    Ok(Json(news::save(&state.db, Some(&id), &form, today).await?))
}

/// Answers with the article made, when the contribution is published.
pub async fn decide(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(decision): ApiJson<ContributionDecision>,
) -> Result<Json<Option<Article>>, ApiError> {
    allowed(can_manage_library(user.role))?;
    let today = carers::today(state.clock.now());
    Ok(Json(news::decide(&state.db, &id, &decision, today).await?))
}
