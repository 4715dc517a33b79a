//! Service news on the server. Each article is a service-wide record (`news`), published to
//! every device; a carer's contribution is a record of their household (`news_contributions`),
//! sent in a push and answered by the news team, who publish it as an article or say why it
//! was not used.

use portal_core::date::CalendarDate;
use portal_core::news::{
    Article, ArticleForm, Contribution, ContributionDecision, ContributionStatus, NewsChange,
    NewsList, StaffContribution, contribute, contribution_order, news_order, not_used_note,
};
use portal_core::sync::Rejection;
use portal_core::sync::wire::collection::{NEWS, NEWS_CONTRIBUTIONS};
use sqlx::{Any, Transaction};

use crate::api::{ApiError, form_problems};
use crate::auth::secrets::new_id;
use crate::db::Database;
use crate::sync::{
    Syncer, next_change, put_record, put_service_record, record, service_record, service_records,
};

/// A contribution's record with the household it belongs to.
#[derive(Debug, sqlx::FromRow)]
struct ContributionRow {
    household_id: String,
    household: String,
    body: String,
}

/// Every article, newest first, and every contribution, those waiting first.
pub async fn list(db: &Database, areas: Vec<String>, can_edit: bool) -> Result<NewsList, ApiError> {
    let mut articles: Vec<Article> = service_records(db.pool(), NEWS).await?;
    articles.sort_by(news_order);
    let rows: Vec<ContributionRow> = sqlx::query_as(
        "SELECT r.household_id, h.name AS household, r.body FROM records r \
         JOIN households h ON h.id = r.household_id \
         WHERE r.collection = $1 AND r.body IS NOT NULL",
    )
    .bind(NEWS_CONTRIBUTIONS)
    .fetch_all(db.pool())
    .await
    .map_err(ApiError::internal)?;
    let mut contributions = rows
        .into_iter()
        .map(|row| {
            Ok(StaffContribution {
                household_id: row.household_id,
                household: row.household,
                contribution: serde_json::from_str(&row.body).map_err(ApiError::internal)?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    contributions.sort_by(contribution_order);
    Ok(NewsList {
        articles,
        contributions,
        areas,
        can_edit,
    })
}

/// Writes an article in `tx` under change number `change`: a new one (`existing` false) dated
/// `today`, or a change to one, which keeps the day it was first published.
async fn write_article(
    tx: &mut Transaction<'_, Any>,
    (id, change): (&str, i64),
    form: &ArticleForm,
    existing: bool,
    today: CalendarDate,
) -> Result<Article, ApiError> {
    let previous: Option<Article> = service_record(&mut **tx, NEWS, id).await?;
    let published_on = match (existing, &previous) {
        (true, None) => return Err(ApiError::NoSuchArticle),
        (_, Some(previous)) => previous.published_on,
        (false, None) => today,
    };
    let article = Article::parse(id, form, published_on)
        .map_err(|p| form_problems(p.iter().map(|p| p.message.as_str())))?;
    check_picture(&article)?;
    let body = serde_json::to_string(&article).map_err(ApiError::internal)?;
    put_service_record(tx, NEWS, id, &body, change).await?;
    Ok(article)
}

/// Checks that a picture's bytes really are a picture, not only its label.
fn check_picture(article: &Article) -> Result<(), ApiError> {
    use base64::Engine as _;
    let Some(encoded) = article.picture.as_ref().and_then(|p| p.base64()) else {
        return Ok(());
    };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .ok()
        .filter(|bytes| portal_core::payments::picture_kind(bytes).is_some());
    match bytes {
        Some(_) => Ok(()),
        None => Err(form_problems([
            "The picture could not be read as a JPEG, PNG or WebP image. Choose it again.",
        ])),
    }
}

/// Publishes a new article, or changes article `id`, to every device.
pub async fn save(
    db: &Database,
    id: Option<&str>,
    form: &ArticleForm,
    today: CalendarDate,
) -> Result<Article, ApiError> {
    let mut tx = db.pool().begin().await.map_err(ApiError::internal)?;
    // Taking the change number first holds back any other writer until this one commits, so
    // the article read below is the latest.
    let change = next_change(&mut tx).await.map_err(ApiError::internal)?;
    let article = if let Some(id) = id {
        write_article(&mut tx, (id, change), form, true, today).await?
    } else {
        let id = new_id().map_err(ApiError::internal)?;
        write_article(&mut tx, (&id, change), form, false, today).await?
    };
    tx.commit().await.map_err(ApiError::internal)?;
    Ok(article)
}

/// Applies a carer's contribution, in the push's transaction. Its id is the device's; one
/// already used (by any household) is refused rather than overwritten.
pub(crate) async fn apply(
    tx: &mut Transaction<'_, Any>,
    who: &Syncer,
    change: &NewsChange,
    change_number: i64,
) -> Result<Result<(), Rejection>, ApiError> {
    let name: String = sqlx::query_scalar("SELECT display_name FROM users WHERE id = $1")
        .bind(&who.user_id)
        .fetch_one(&mut **tx)
        .await
        .map_err(ApiError::internal)?;
    let contribution = match contribute(change, (&name, who.today)) {
        Ok(contribution) => contribution,
        Err(refusal) => return Ok(Err(Rejection::new("news", refusal.to_string()))),
    };
    let taken: Option<String> =
        sqlx::query_scalar("SELECT id FROM records WHERE collection = $1 AND id = $2")
            .bind(NEWS_CONTRIBUTIONS)
            .bind(&contribution.id)
            .fetch_optional(&mut **tx)
            .await
            .map_err(ApiError::internal)?;
    if taken.is_some() {
        return Ok(Err(Rejection::new(
            "news",
            "This contribution was named in a way the portal does not use.",
        )));
    }
    write_contribution(tx, &who.household_id, &contribution, change_number).await?;
    Ok(Ok(()))
}

async fn write_contribution(
    tx: &mut Transaction<'_, Any>,
    household_id: &str,
    contribution: &Contribution,
    change: i64,
) -> Result<(), ApiError> {
    let body = serde_json::to_string(contribution).map_err(ApiError::internal)?;
    put_record(
        tx,
        NEWS_CONTRIBUTIONS,
        &contribution.id,
        household_id,
        &body,
        change,
    )
    .await
}

/// The news team's decision on contribution `id`: publish it as an article (the new article)
/// or not use it. Either way the carer's devices see what became of it; a contribution
/// already decided is not decided again.
pub async fn decide(
    db: &Database,
    id: &str,
    decision: &ContributionDecision,
    today: CalendarDate,
) -> Result<Option<Article>, ApiError> {
    let mut tx = db.pool().begin().await.map_err(ApiError::internal)?;
    // The change number first: it holds back a second decision on the same contribution until
    // this one commits, so that one reads "already decided" rather than publishing it twice.
    let change = next_change(&mut tx).await.map_err(ApiError::internal)?;
    let household_id: Option<String> =
        sqlx::query_scalar("SELECT household_id FROM records WHERE collection = $1 AND id = $2")
            .bind(NEWS_CONTRIBUTIONS)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(ApiError::internal)?;
    let household_id = household_id.ok_or(ApiError::NoSuchContribution)?;
    let mut contribution: Contribution = record(&mut *tx, NEWS_CONTRIBUTIONS, id)
        .await?
        .ok_or(ApiError::NoSuchContribution)?;
    if contribution.status != ContributionStatus::Waiting {
        return Err(ApiError::AlreadyDecided);
    }
    let article = match decision {
        ContributionDecision::Publish(form) => {
            let article_id = new_id().map_err(ApiError::internal)?;
            let article = write_article(&mut tx, (&article_id, change), form, false, today).await?;
            contribution.status = ContributionStatus::Published { article_id };
            Some(article)
        }
        ContributionDecision::NotUsed { note } => {
            let note = not_used_note(note).map_err(|m| form_problems([m.as_str()]))?;
            contribution.status = ContributionStatus::NotUsed { note };
            None
        }
    };
    write_contribution(&mut tx, &household_id, &contribution, change).await?;
    tx.commit().await.map_err(ApiError::internal)?;
    Ok(article)
}
