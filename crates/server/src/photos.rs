//! Photos sent with payment queries and messages, kept as files (`photos`), not as records: a
//! pull carries only a photo's id and name, and the picture is fetched when a thread is opened.
//!
//! A photo belongs to the household whose device sent it first. The device sends a change's
//! photos before the change, so the change that names a photo finds it here; a photo named by
//! a change but never received makes the change refused with a reason (see
//! `PaymentState::missing_photos`).

use base64::Engine as _;
use portal_core::payments::{
    HOUSEHOLD_PHOTO_BYTES, MOST_PHOTO_BYTES, Photo, PhotoError, PhotoRef, check_photo_file,
};
use portal_core::sync::wire::collection::PAYMENT_PHOTOS;
use sqlx::{Any, AnyPool, Transaction};

use crate::api::ApiError;

/// Why a photo could not be kept or read.
#[derive(Debug, thiserror::Error)]
pub enum PhotosError {
    #[error("{0}")]
    Refused(#[from] PhotoError),
    /// Another household's photo has this id: it is neither replaced nor shown.
    #[error("That photo does not exist.")]
    NotYours,
    #[error(
        "Your household has used all its room for photos on the portal ({} MB). Send the query without photos, or ask the finance team to remove old ones.",
        HOUSEHOLD_PHOTO_BYTES / 1024 / 1024
    )]
    NoRoom,
    #[error("the photos table could not be used")]
    Database(#[from] sqlx::Error),
}

impl From<PhotosError> for ApiError {
    fn from(error: PhotosError) -> Self {
        match error {
            PhotosError::Refused(refused) => Self::BadRequest(refused.to_string()),
            PhotosError::NotYours => Self::NoSuchPhoto,
            PhotosError::NoRoom => Self::PhotoRoomUsed(error.to_string()),
            PhotosError::Database(cause) => Self::internal(cause),
        }
    }
}

/// A photo as kept.
#[derive(Debug, sqlx::FromRow)]
pub struct StoredPhoto {
    pub household_id: String,
    pub content_type: String,
    pub image: Vec<u8>,
}

/// Keeps a photo sent by the household's device. Sending the same photo again is no change;
/// a photo id another household has used is refused without saying whose it is.
///
/// # Errors
/// Not a picture, too large, the household's room used up, or someone else's id.
pub async fn put(
    pool: &AnyPool,
    household_id: &str,
    id: &str,
    image: &[u8],
) -> Result<(), PhotosError> {
    let content_type = check_photo_file("The photo", image)?;
    if let Some(owner) = owner(pool, id).await? {
        return if owner == household_id {
            Ok(())
        } else {
            Err(PhotosError::NotYours)
        };
    }
    if used(pool, household_id).await? + image.len() as u64 > HOUSEHOLD_PHOTO_BYTES {
        return Err(PhotosError::NoRoom);
    }
    let inserted = insert(pool, household_id, id, content_type, image).await?;
    // Two sends of one photo at once: the other insert won, and says whose it is.
    if !inserted && owner(pool, id).await?.as_deref() != Some(household_id) {
        return Err(PhotosError::NotYours);
    }
    Ok(())
}

/// The bytes of photos the household has sent.
async fn used<'e, E>(executor: E, household_id: &str) -> Result<u64, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let used: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM photos WHERE household_id = $1",
    )
    .bind(household_id)
    .fetch_one(executor)
    .await?;
    Ok(u64::try_from(used).unwrap_or(0))
}

/// A change's refusal as the household should read it: a photo that never arrived because the
/// household's room was used says so, rather than asking for it to be sent again.
///
/// # Errors
/// The database's.
pub async fn explained(
    tx: &mut Transaction<'_, Any>,
    household_id: &str,
    rejection: portal_core::sync::Rejection,
) -> Result<portal_core::sync::Rejection, PhotosError> {
    if rejection.code == "photo_missing" && room_used(tx, household_id).await? {
        return Ok(portal_core::sync::Rejection::new(
            "photo_missing",
            PhotosError::NoRoom.to_string(),
        ));
    }
    Ok(rejection)
}

/// Whether the household has too little room left for another photo.
///
/// # Errors
/// The database's.
pub async fn room_used(
    tx: &mut Transaction<'_, Any>,
    household_id: &str,
) -> Result<bool, PhotosError> {
    Ok(used(&mut **tx, household_id).await? + MOST_PHOTO_BYTES as u64 > HOUSEHOLD_PHOTO_BYTES)
}

async fn owner<'e, E>(executor: E, id: &str) -> Result<Option<String>, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar("SELECT household_id FROM photos WHERE id = $1")
        .bind(id)
        .fetch_optional(executor)
        .await
}

/// Inserts a photo unless its id is taken; says whether it did.
async fn insert<'e, E>(
    executor: E,
    household_id: &str,
    id: &str,
    content_type: &str,
    image: &[u8],
) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let size = i64::try_from(image.len()).unwrap_or(i64::MAX);
    let done = sqlx::query(
        "INSERT INTO photos (id, household_id, content_type, size, image) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING",
    )
    .bind(id)
    .bind(household_id)
    .bind(content_type)
    .bind(size)
    .bind(image.to_vec())
    .execute(executor)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// A photo by id, whichever household it belongs to: the caller decides who may see it.
///
/// # Errors
/// The database's.
pub async fn get(pool: &AnyPool, id: &str) -> Result<Option<StoredPhoto>, PhotosError> {
    Ok(sqlx::query_as::<_, StoredPhoto>(
        "SELECT household_id, content_type, image FROM photos WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?)
}

/// Of the photo files `refs` names, those the household has not sent.
///
/// # Errors
/// The database's.
pub async fn missing(
    tx: &mut Transaction<'_, Any>,
    household_id: &str,
    photos: &[Photo],
    refs: &[PhotoRef],
) -> Result<Vec<String>, PhotosError> {
    let mut missing = Vec::new();
    for (photo, named) in photos.iter().zip(refs) {
        if photo.is_inline() {
            continue;
        }
        if owner(&mut **tx, &named.id).await?.as_deref() != Some(household_id) {
            missing.push(named.id.clone());
        }
    }
    Ok(missing)
}

/// Keeps, as a file, a photo that a change from an older version of the app carried inside it.
///
/// # Errors
/// Not a picture or too large (the change is refused), or the database's.
pub async fn keep_inline(
    tx: &mut Transaction<'_, Any>,
    household_id: &str,
    named: &PhotoRef,
    photo: &Photo,
) -> Result<(), PhotosError> {
    let image = decode_inline(photo)?;
    let content_type = check_photo_file(&photo.name, &image)?;
    insert(&mut **tx, household_id, &named.id, content_type, &image).await?;
    Ok(())
}

fn decode_inline(photo: &Photo) -> Result<Vec<u8>, PhotoError> {
    let not_a_picture = || PhotoError::NotAPicture {
        name: photo.display_name(),
    };
    let encoded = photo.inline_base64().ok_or_else(not_a_picture)?;
    base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .map_err(|_| not_a_picture())
}

/// Moves photos kept as records by earlier versions of the server (`payment_photos`, a data URL
/// in each) into files, and removes the records under a new change number, so that devices
/// drop their copies at their next pull. Run at every start; it finds nothing once done.
///
/// # Errors
/// The database's.
pub async fn move_records_to_files(pool: &AnyPool) -> Result<usize, PhotosError> {
    #[derive(sqlx::FromRow)]
    struct OldPhoto {
        id: String,
        household_id: String,
        body: String,
    }
    let old: Vec<OldPhoto> = sqlx::query_as(
        "SELECT id, household_id, body FROM records WHERE collection = $1 AND body IS NOT NULL",
    )
    .bind(PAYMENT_PHOTOS)
    .fetch_all(pool)
    .await?;
    if old.is_empty() {
        return Ok(0);
    }
    let mut tx = pool.begin().await?;
    let change = crate::sync::next_change(&mut tx).await?;
    for record in &old {
        // A record that cannot be read is removed with the rest: no thread could show it.
        if let Ok(photo) = serde_json::from_str::<Photo>(&record.body)
            && let Ok(image) = decode_inline(&photo)
            && let Ok(content_type) = check_photo_file(&photo.name, &image)
        {
            insert(
                &mut *tx,
                &record.household_id,
                &record.id,
                content_type,
                &image,
            )
            .await?;
        }
        sqlx::query(
            "UPDATE records SET body = NULL, change = $1 WHERE collection = $2 AND id = $3",
        )
        .bind(change)
        .bind(PAYMENT_PHOTOS)
        .bind(&record.id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(old.len())
}
