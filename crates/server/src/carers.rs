//! Carer households as staff manage them: the list, the staff-owned facts, adding a household,
//! and the one-time invitations with which carers set their passwords.
//!
//! Whenever the facts change, the household's `household` record is written with a new change
//! number, so the carers' own devices pick the change up on their next sync.

use portal_core::account::{NewPassword, Role};
use portal_core::carers::{
    AccountState, CarerSummary, Exit, ExitReason, ExitReport, HouseholdStatus, Invitation,
    InvitationDetails, NewHousehold, StaffAction, StaffFields, StaffMember,
};
use portal_core::date::CalendarDate;
use portal_core::details::{Member, MemberRole, MyDetails, Text};
use portal_core::household::{CarerType, HouseholdFacts};
use portal_core::notices::Notice;
use portal_core::sync::wire::collection::{HOUSEHOLD, MY_DETAILS};
use sqlx::{Any, Transaction};

use crate::api::ApiError;
use crate::audit;
use crate::auth::HashGate;
use crate::auth::secrets::{hash_password, new_id, new_token, token_hash};
use crate::db::Database;
use crate::sync::{begin_writing, next_change, put_record};

/// How long an invitation link works. Long enough for a letter or a busy week; short enough
/// that a forgotten email is not a way in months later.
pub const INVITATION_LIFETIME_SECONDS: i64 = 7 * 24 * 60 * 60;

/// Where the app's page for accepting an invitation lives; the token follows the `#`.
pub const INVITATION_PAGE: &str = "/invitation";

/// The service's date today (in the UK), for rules such as "an approval is not in the future".
pub fn today(now: i64) -> CalendarDate {
    CalendarDate::uk_date_of(now)
}

/// A household as `SUMMARY_SELECT` reads it.
#[derive(Debug, sqlx::FromRow)]
struct SummaryRow {
    id: String,
    name: String,
    carer_type: String,
    area: String,
    approved_on: Option<String>,
    status: String,
    version: i64,
    worker_id: Option<String>,
    worker_name: Option<String>,
    lead_carer: Option<String>,
    email: Option<String>,
    /// 1 when the lead carer has chosen a password.
    active: i64,
    live_invitation: Option<i64>,
    invitations: i64,
    exit_reason: Option<String>,
    exit_words: Option<String>,
}

// The lead carer is the household's first carer account. The invitation columns say whether a
// live invitation is waiting and whether there ever was one.
const SUMMARY_SELECT: &str = "SELECT h.id, h.name, h.carer_type, h.area, h.approved_on, h.status, h.version, \
     h.supervising_worker_id AS worker_id, w.display_name AS worker_name, \
     u.display_name AS lead_carer, u.email, \
     CAST(CASE WHEN u.password_hash IS NULL THEN 0 ELSE 1 END AS BIGINT) AS active, \
     (SELECT MAX(i.expires_at) FROM invitations i \
        WHERE i.user_id = u.id AND i.used_at IS NULL AND i.cancelled_at IS NULL) AS live_invitation, \
     (SELECT COUNT(*) FROM invitations i WHERE i.user_id = u.id) AS invitations, \
     h.exit_reason, h.exit_words \
     FROM households h \
     LEFT JOIN users w ON w.id = h.supervising_worker_id \
     LEFT JOIN users u ON u.id = (SELECT c.id FROM users c \
        WHERE c.household_id = h.id AND c.role = 'carer' ORDER BY c.created_at, c.id LIMIT 1)";

fn summary(row: SummaryRow, now: i64) -> Result<CarerSummary, ApiError> {
    let id = row.id;
    let broken = |what: &str| ApiError::internal(format!("household {id} has {what}"));
    let carer_type = CarerType::parse(&row.carer_type).ok_or_else(|| broken("an unknown type"))?;
    let status = HouseholdStatus::parse(&row.status).ok_or_else(|| broken("an unknown status"))?;
    let approved_on = row
        .approved_on
        .map(|d| CalendarDate::parse(&d))
        .transpose()
        .map_err(|_| broken("a malformed approval date"))?;
    let account = match row.live_invitation {
        _ if row.active == 1 => AccountState::Active,
        Some(expires_at) if expires_at > now => AccountState::Invited { expires_at },
        _ if row.invitations > 0 => AccountState::InvitationExpired,
        _ => AccountState::NotInvited,
    };
    let exit = row
        .exit_reason
        .map(|reason| Exit::parse(&reason, row.exit_words.as_deref().unwrap_or_default()))
        .transpose()
        .map_err(|_| broken("an unreadable reason for leaving"))?;
    Ok(CarerSummary {
        id: id.clone(),
        name: row.name,
        lead_carer: row.lead_carer.unwrap_or_default(),
        email: row.email.unwrap_or_default(),
        area: row.area,
        carer_type,
        status,
        approved_on,
        supervising_worker: row.worker_id.map(|worker| StaffMember {
            id: worker,
            name: row.worker_name.unwrap_or_default(),
        }),
        account,
        exit,
        version: row.version,
    })
}

/// How many months the exits report covers.
pub const EXIT_MONTHS: u32 = 24;

/// Households that have left, by the month they left and why, over the last two years.
pub async fn exits(db: &Database, now: i64) -> Result<ExitReport, ApiError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT ended_on, exit_reason FROM households \
         WHERE status = 'ended' AND ended_on IS NOT NULL AND exit_reason IS NOT NULL",
    )
    .fetch_all(db.pool())
    .await
    .map_err(ApiError::internal)?;
    let exits: Vec<(String, ExitReason)> = rows
        .into_iter()
        .filter_map(|(ended_on, reason)| {
            Some((
                ended_on.chars().take(7).collect(),
                ExitReason::parse(&reason)?,
            ))
        })
        .collect();
    Ok(ExitReport::of(&exits, today(now), EXIT_MONTHS))
}

/// Every household, in name order.
pub async fn list(db: &Database, now: i64) -> Result<Vec<CarerSummary>, ApiError> {
    let rows: Vec<SummaryRow> = sqlx::query_as(&format!("{SUMMARY_SELECT} ORDER BY h.name, h.id"))
        .fetch_all(db.pool())
        .await
        .map_err(ApiError::internal)?;
    rows.into_iter().map(|row| summary(row, now)).collect()
}

pub async fn find(db: &Database, id: &str, now: i64) -> Result<CarerSummary, ApiError> {
    let row: Option<SummaryRow> = sqlx::query_as(&format!("{SUMMARY_SELECT} WHERE h.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await
        .map_err(ApiError::internal)?;
    row.map_or(Err(ApiError::NoSuchHousehold), |row| summary(row, now))
}

/// The id of a household's supervising social worker (`None` inside when it has none), or
/// `None` when there is no such household.
pub async fn supervisor_of(
    db: &Database,
    household: &str,
) -> Result<Option<Option<String>>, ApiError> {
    sqlx::query_scalar("SELECT supervising_worker_id FROM households WHERE id = $1")
        .bind(household)
        .fetch_optional(db.pool())
        .await
        .map_err(ApiError::internal)
}

/// The supervising social workers, who can be given households to supervise.
pub async fn workers(db: &Database) -> Result<Vec<StaffMember>, ApiError> {
    staff_in(db, &[Role::SupervisingSocialWorker]).await
}

/// The members of staff with any of `roles`, by name.
pub async fn staff_in(db: &Database, roles: &[Role]) -> Result<Vec<StaffMember>, ApiError> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT id, display_name, role FROM users WHERE role <> $1 ORDER BY display_name, id",
    )
    .bind(Role::Carer.as_str())
    .fetch_all(db.pool())
    .await
    .map_err(ApiError::internal)?;
    Ok(rows
        .into_iter()
        .filter(|(_, _, role)| Role::parse(role).is_some_and(|r| roles.contains(&r)))
        .map(|(id, name, _)| StaffMember { id, name })
        .collect())
}

/// The name of a household's lead carer (its first carer account), as staff and the
/// household's buddy see it.
pub(crate) async fn lead_carer_name(
    tx: &mut Transaction<'_, Any>,
    household_id: &str,
) -> Result<Option<String>, ApiError> {
    sqlx::query_scalar(
        "SELECT display_name FROM users WHERE household_id = $1 AND role = 'carer' \
         ORDER BY created_at, id LIMIT 1",
    )
    .bind(household_id)
    .fetch_optional(&mut **tx)
    .await
    .map_err(ApiError::internal)
}

/// A supervising social worker's name and email address, as carers see them.
pub(crate) type Worker = (String, String);

async fn check_worker(
    tx: &mut Transaction<'_, Any>,
    fields: &StaffFields,
) -> Result<Option<Worker>, ApiError> {
    let Some(worker_id) = &fields.supervising_worker_id else {
        return Ok(None);
    };
    let name: Option<Worker> =
        sqlx::query_as("SELECT display_name, email FROM users WHERE id = $1 AND role = $2")
            .bind(worker_id)
            .bind(Role::SupervisingSocialWorker.as_str())
            .fetch_optional(&mut **tx)
            .await
            .map_err(ApiError::internal)?;
    name.map(Some).ok_or_else(|| {
        ApiError::BadRequest("Choose a supervising social worker from the list.".into())
    })
}

/// Writes the household's facts where its carers' devices will pull them.
pub(crate) async fn publish(
    tx: &mut Transaction<'_, Any>,
    today: CalendarDate,
    household_id: &str,
    name: &str,
    fields: &StaffFields,
    worker: Option<Worker>,
) -> Result<(), ApiError> {
    let (worker_name, worker_email) = worker.unzip();
    let (area, ended_on): (Option<String>, Option<String>) =
        sqlx::query_as("SELECT area, ended_on FROM households WHERE id = $1")
            .bind(household_id)
            .fetch_optional(&mut **tx)
            .await
            .map_err(ApiError::internal)?
            .unwrap_or_default();
    let facts = HouseholdFacts {
        name: name.to_owned(),
        carer_type: fields.carer_type,
        status: fields.status,
        approved_on: fields.approved_on,
        supervising_worker: worker_name,
        supervising_worker_email: worker_email,
        area: area.filter(|a| !a.is_empty()),
        // Only an ended household has stopped fostering, whatever an old row says.
        ended_on: ended_on
            .filter(|_| fields.status == HouseholdStatus::Ended)
            .and_then(|d| CalendarDate::parse(&d).ok()),
    };
    let body = serde_json::to_string(&facts).map_err(ApiError::internal)?;
    let change = next_change(tx).await.map_err(ApiError::internal)?;
    put_record(tx, HOUSEHOLD, household_id, household_id, &body, change).await?;
    // A household approved, put on hold or moved is asked by different surveys.
    let whose = crate::surveys::Whose::Household(household_id);
    crate::surveys::invite(tx, whose, today, change).await
}

/// A new household's My details start with its lead carer as the main carer, so that their
/// training can be logged straight away; the carer adds everyone else on My details.
pub(crate) async fn start_details(
    tx: &mut Transaction<'_, Any>,
    household_id: &str,
    lead_carer: &Text,
    user_id: &str,
) -> Result<(), ApiError> {
    let details = MyDetails {
        members: vec![Member {
            id: format!("member-{user_id}"),
            name: lead_carer.clone(),
            role: MemberRole::MainCarer,
        }],
        ..MyDetails::default()
    };
    let body = serde_json::to_string(&details).map_err(ApiError::internal)?;
    let change = next_change(tx).await.map_err(ApiError::internal)?;
    put_record(tx, MY_DETAILS, household_id, household_id, &body, change).await
}

/// An applicant's household approved, on the day its enquiry moved to "Approved": its devices
/// receive the new status, which opens the carers' portal to the same sign-in. A household that
/// is not being assessed is left as it is.
pub(crate) async fn approve_applicant(
    tx: &mut Transaction<'_, Any>,
    household_id: &str,
    staff_id: &str,
    now: i64,
) -> Result<(), ApiError> {
    let approved_on = today(now);
    let row: Option<(String, String, Option<String>)> = sqlx::query_as(
        "UPDATE households SET status = $1, approved_on = $2, version = version + 1 \
         WHERE id = $3 AND status = $4 RETURNING name, carer_type, supervising_worker_id",
    )
    .bind(HouseholdStatus::Approved.as_str())
    .bind(approved_on.to_string())
    .bind(household_id)
    .bind(HouseholdStatus::Assessment.as_str())
    .fetch_optional(&mut **tx)
    .await
    .map_err(ApiError::internal)?;
    let Some((name, carer_type, worker_id)) = row else {
        return Ok(());
    };
    let fields = StaffFields {
        carer_type: CarerType::parse(&carer_type)
            .ok_or_else(|| ApiError::internal("unknown carer type"))?,
        status: HouseholdStatus::Approved,
        approved_on: Some(approved_on),
        supervising_worker_id: worker_id,
        exit: None,
    };
    let worker = check_worker(tx, &fields).await?;
    publish(tx, approved_on, household_id, &name, &fields, worker).await?;
    audit::record(
        &mut **tx,
        staff_id,
        household_id,
        StaffAction::ChangedFacts,
        now,
    )
    .await
}

/// Changes the staff-owned facts, unless someone else changed them since `version` was read.
pub async fn update(
    db: &Database,
    id: &str,
    version: i64,
    fields: &StaffFields,
    staff_id: &str,
    now: i64,
) -> Result<CarerSummary, ApiError> {
    let (mut tx, _) = begin_writing(db).await.map_err(ApiError::internal)?;
    let worker = check_worker(&mut tx, fields).await?;
    let name: Option<String> = sqlx::query_scalar(
        "UPDATE households SET carer_type = $1, status = $2, approved_on = $3, \
         supervising_worker_id = $4, version = version + 1, \
         exit_reason = $7, exit_words = $8, \
         ended_on = CASE WHEN $9 IS NULL THEN NULL ELSE COALESCE(ended_on, $9) END \
         WHERE id = $5 AND version = $6 RETURNING name",
    )
    .bind(fields.carer_type.as_str())
    .bind(fields.status.as_str())
    .bind(fields.approved_on.map(|d| d.to_string()))
    .bind(&fields.supervising_worker_id)
    .bind(id)
    .bind(version)
    .bind(fields.exit.as_ref().map(|e| e.reason.as_str()))
    .bind(
        fields
            .exit
            .as_ref()
            .and_then(|e| e.words.as_ref())
            .map(ToString::to_string),
    )
    // The day it left is the first day it was recorded as ended, whatever is corrected later.
    .bind(fields.exit.as_ref().map(|_| today(now).to_string()))
    .fetch_optional(&mut *tx)
    .await
    .map_err(ApiError::internal)?;
    let Some(name) = name else {
        drop(tx);
        // Either there is no such household, or someone else saved first.
        find(db, id, now).await?;
        return Err(ApiError::EditConflict);
    };
    publish(&mut tx, today(now), id, &name, fields, worker).await?;
    audit::record(&mut *tx, staff_id, id, StaffAction::ChangedFacts, now).await?;
    tx.commit().await.map_err(ApiError::internal)?;
    find(db, id, now).await
}

/// Adds a household and its lead carer (with no password yet), and invites the carer. Made
/// `from_enquiry`, the approved enquiry is linked to it in the same transaction.
pub async fn create(
    db: &Database,
    household: &NewHousehold,
    staff_id: &str,
    now: i64,
    from_enquiry: Option<&str>,
) -> Result<(CarerSummary, Invitation), ApiError> {
    let household_id = new_id().map_err(ApiError::internal)?;
    let user_id = new_id().map_err(ApiError::internal)?;
    let (mut tx, _) = begin_writing(db).await.map_err(ApiError::internal)?;
    let taken: Option<String> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(household.email.as_str())
        .fetch_optional(&mut *tx)
        .await
        .map_err(ApiError::internal)?;
    if taken.is_some() {
        return Err(ApiError::EmailTaken);
    }
    let worker = check_worker(&mut tx, &household.fields).await?;
    let fields = &household.fields;
    sqlx::query(
        "INSERT INTO households (id, name, carer_type, area, approved_on, supervising_worker_id, status) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&household_id)
    .bind(household.household_name.as_str())
    .bind(fields.carer_type.as_str())
    .bind(household.area.as_str())
    .bind(fields.approved_on.map(|d| d.to_string()))
    .bind(&fields.supervising_worker_id)
    .bind(fields.status.as_str())
    .execute(&mut *tx)
    .await
    .map_err(ApiError::internal)?;
    sqlx::query(
        "INSERT INTO users (id, email, display_name, role, household_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&user_id)
    .bind(household.email.as_str())
    .bind(household.carer_name.as_str())
    .bind(Role::Carer.as_str())
    .bind(&household_id)
    .bind(now)
    .execute(&mut *tx)
    .await
    .map_err(ApiError::internal)?;
    publish(
        &mut tx,
        today(now),
        &household_id,
        household.household_name.as_str(),
        fields,
        worker,
    )
    .await?;
    start_details(&mut tx, &household_id, &household.carer_name, &user_id).await?;
    if let Some(enquiry) = from_enquiry {
        crate::enquiries::became_household(
            &mut tx,
            enquiry,
            &household_id,
            fields.status,
            staff_id,
            now,
        )
        .await?;
        crate::applicants::republish(&mut tx, &household_id).await?;
    }
    let invitation = new_invitation(&mut tx, &user_id, staff_id, now).await?;
    audit::record(
        &mut *tx,
        staff_id,
        &household_id,
        StaffAction::AddedHousehold,
        now,
    )
    .await?;
    tx.commit().await.map_err(ApiError::internal)?;
    Ok((find(db, &household_id, now).await?, invitation))
}

/// A new invitation for the household's lead carer. Any earlier link stops working. For a carer
/// who already has a password this is how a forgotten one is replaced.
pub async fn invite(
    db: &Database,
    household_id: &str,
    staff_id: &str,
    now: i64,
) -> Result<(CarerSummary, Invitation), ApiError> {
    let (mut tx, _) = begin_writing(db).await.map_err(ApiError::internal)?;
    let user_id: Option<String> = sqlx::query_scalar(
        "SELECT id FROM users WHERE household_id = $1 AND role = $2 ORDER BY created_at, id LIMIT 1",
    )
    .bind(household_id)
    .bind(Role::Carer.as_str())
    .fetch_optional(&mut *tx)
    .await
    .map_err(ApiError::internal)?;
    let user_id = user_id.ok_or(ApiError::NoSuchHousehold)?;
    let invitation = new_invitation(&mut tx, &user_id, staff_id, now).await?;
    audit::record(
        &mut *tx,
        staff_id,
        household_id,
        StaffAction::SentSignInLink,
        now,
    )
    .await?;
    tx.commit().await.map_err(ApiError::internal)?;
    Ok((find(db, household_id, now).await?, invitation))
}

async fn new_invitation(
    tx: &mut Transaction<'_, Any>,
    user_id: &str,
    staff_id: &str,
    now: i64,
) -> Result<Invitation, ApiError> {
    sqlx::query(
        "UPDATE invitations SET cancelled_at = $1 \
         WHERE user_id = $2 AND used_at IS NULL AND cancelled_at IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .execute(&mut **tx)
    .await
    .map_err(ApiError::internal)?;
    let token = new_token().map_err(ApiError::internal)?;
    let expires_at = now + INVITATION_LIFETIME_SECONDS;
    sqlx::query(
        "INSERT INTO invitations (token_hash, user_id, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash(&token))
    .bind(user_id)
    .bind(staff_id)
    .bind(now)
    .bind(expires_at)
    .execute(&mut **tx)
    .await
    .map_err(ApiError::internal)?;
    crate::outbox::send_to_user(tx, user_id, &Notice::invitation(&token), now).await?;
    Ok(Invitation {
        path: format!("{INVITATION_PAGE}#{token}"),
        expires_at,
    })
}

type InvitationRow = (String, String, String, i64, Option<i64>, Option<i64>);

/// The invitation a token belongs to, if it can still be used.
async fn usable_invitation(
    db: &Database,
    token: &str,
    now: i64,
) -> Result<(String, InvitationDetails), ApiError> {
    let row: Option<InvitationRow> = sqlx::query_as(
        "SELECT u.id, u.display_name, u.email, i.expires_at, i.used_at, i.cancelled_at \
         FROM invitations i JOIN users u ON u.id = i.user_id WHERE i.token_hash = $1",
    )
    .bind(token_hash(token.trim()))
    .fetch_optional(db.pool())
    .await
    .map_err(ApiError::internal)?;
    match row {
        Some((user_id, name, email, expires_at, None, None)) if expires_at > now => Ok((
            user_id,
            InvitationDetails {
                name,
                email,
                expires_at,
            },
        )),
        Some((_, _, _, _, None, None)) => Err(ApiError::InvitationExpired),
        _ => Err(ApiError::InvitationUnusable),
    }
}

pub async fn preview(db: &Database, token: &str, now: i64) -> Result<InvitationDetails, ApiError> {
    Ok(usable_invitation(db, token, now).await?.1)
}

/// Sets the carer's password with an invitation, once. Every session they had ends, since a
/// new link is also how a lost password (or a lost phone) is dealt with. Returns their user id.
pub async fn accept(
    db: &Database,
    hashing: &HashGate,
    token: &str,
    password: &str,
    now: i64,
) -> Result<String, ApiError> {
    let (user_id, details) = usable_invitation(db, token, now).await?;
    let password = NewPassword::parse(password, &details.email)
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let hash = hashing
        .run(move || hash_password(&password))
        .await?
        .map_err(|e| ApiError::internal(e.to_string()))?;
    let mut tx = db.pool().begin().await.map_err(ApiError::internal)?;
    // Claimed only if still unused, so two tabs racing with one link cannot both use it.
    let claimed = sqlx::query(
        "UPDATE invitations SET used_at = $1 \
         WHERE token_hash = $2 AND used_at IS NULL AND cancelled_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(token_hash(token.trim()))
    .execute(&mut *tx)
    .await
    .map_err(ApiError::internal)?
    .rows_affected();
    if claimed != 1 {
        return Err(ApiError::InvitationUnusable);
    }
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(&hash)
        .bind(&user_id)
        .execute(&mut *tx)
        .await
        .map_err(ApiError::internal)?;
    sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL")
        .bind(now)
        .bind(&user_id)
        .execute(&mut *tx)
        .await
        .map_err(ApiError::internal)?;
    tx.commit().await.map_err(ApiError::internal)?;
    Ok(user_id)
}

/// Every household's name, by id, for lists that name the household of each item.
pub async fn household_names(
    pool: &sqlx::AnyPool,
) -> Result<std::collections::BTreeMap<String, String>, ApiError> {
    Ok(sqlx::query_as("SELECT id, name FROM households")
        .fetch_all(pool)
        .await
        .map_err(ApiError::internal)?
        .into_iter()
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_follows_the_clock_in_utc() {
        let date = |raw| CalendarDate::parse(raw).expect("date");
        assert_eq!(today(0), date("1970-01-01"));
        // 2026-11-22 00:00:00 UTC, and one second before it.
        assert_eq!(today(1_795_305_600), date("2026-11-22"));
        assert_eq!(today(1_795_305_599), date("2026-11-21"));
    }
}
