//! The buddy scheme on the server: households' memberships (their own records), pairings (a
//! table, published to both households as each should see it), buddy changes applied inside
//! the push's transaction, and the cohort the matcher works on.
//!
//! A buddy change is written as soon as it is applied, inside the push's transaction, so a
//! second change in the same push (or the next push, which waits for this one's counter) sees
//! the places it took.

use std::collections::{BTreeMap, BTreeSet};

use portal_core::buddies::{
    BuddyChange, BuddyContact, BuddyState, Cohort, Contact, ContactHow, Membership, Pairing,
    PairingStatus, Person, Seeker, Side, Volunteer, Weights,
};
use portal_core::date::CalendarDate;
use portal_core::details::MyDetails;
use portal_core::household::HouseholdFacts;
use portal_core::sync::wire::collection::{
    BUDDY_CONTACTS, BUDDY_MEMBERSHIP, BUDDY_PAIRINGS, HOUSEHOLD, MY_DETAILS,
};
use portal_core::sync::{Mutator as _, Rejection};
use sqlx::{Any, Transaction};

use crate::api::ApiError;
use crate::sync::{put_record, record};

/// A row of `buddy_pairings`.
#[derive(sqlx::FromRow)]
struct PairingRow {
    id: String,
    seeker: String,
    buddy: String,
    status: String,
    seeker_accepted: i64,
    buddy_accepted: i64,
    score: i64,
    reasons: String,
}

const PAIRING_COLUMNS: &str =
    "id, seeker, buddy, status, seeker_accepted, buddy_accepted, score, reasons";

impl TryFrom<PairingRow> for Pairing {
    type Error = ApiError;

    fn try_from(row: PairingRow) -> Result<Self, Self::Error> {
        Ok(Self {
            status: PairingStatus::parse(&row.status).ok_or_else(|| {
                ApiError::internal(format!("unknown pairing status {}", row.status))
            })?,
            seeker_accepted: row.seeker_accepted != 0,
            buddy_accepted: row.buddy_accepted != 0,
            score: u32::try_from(row.score).unwrap_or(0),
            reasons: serde_json::from_str(&row.reasons).map_err(ApiError::internal)?,
            id: row.id,
            seeker: row.seeker,
            buddy: row.buddy,
        })
    }
}

pub async fn pairing(tx: &mut Transaction<'_, Any>, id: &str) -> Result<Option<Pairing>, ApiError> {
    let row: Option<PairingRow> = sqlx::query_as(&format!(
        "SELECT {PAIRING_COLUMNS} FROM buddy_pairings WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await
    .map_err(ApiError::internal)?;
    row.map(Pairing::try_from).transpose()
}

/// Every pairing, for staff and for building the cohort.
pub async fn pairings(tx: &mut Transaction<'_, Any>) -> Result<Vec<Pairing>, ApiError> {
    let rows: Vec<PairingRow> = sqlx::query_as(&format!(
        "SELECT {PAIRING_COLUMNS} FROM buddy_pairings ORDER BY id"
    ))
    .fetch_all(&mut **tx)
    .await
    .map_err(ApiError::internal)?;
    rows.into_iter().map(Pairing::try_from).collect()
}

/// How many of a buddy's places pairings other than `except` hold.
async fn places_held(
    tx: &mut Transaction<'_, Any>,
    buddy: &str,
    except: &str,
) -> Result<usize, ApiError> {
    let held: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM buddy_pairings WHERE buddy = $1 AND id <> $2 \
         AND (status = 'active' OR (status = 'proposed' AND buddy_accepted = 1))",
    )
    .bind(buddy)
    .bind(except)
    .fetch_one(&mut **tx)
    .await
    .map_err(ApiError::internal)?;
    Ok(usize::try_from(held).unwrap_or(usize::MAX))
}

/// How the other household of a pairing can be reached: its lead carer's name and the phone
/// and email in its My details.
async fn contact(
    tx: &mut Transaction<'_, Any>,
    household_id: &str,
) -> Result<BuddyContact, ApiError> {
    let name = crate::carers::lead_carer_name(tx, household_id).await?;
    let details: MyDetails = record(&mut **tx, MY_DETAILS, household_id)
        .await?
        .unwrap_or_default();
    Ok(BuddyContact {
        name: name.unwrap_or_else(|| "Your buddy".to_owned()),
        phone: details.phone.map(|p| p.as_str().to_owned()),
        email: details.email.map(|e| e.as_str().to_owned()),
    })
}

/// Writes a pairing and publishes it to both households, each as it should see it.
pub async fn save_pairing(
    tx: &mut Transaction<'_, Any>,
    pairing: &Pairing,
    reason: Option<(&str, &str)>,
    change: i64,
) -> Result<(), ApiError> {
    let reasons = serde_json::to_string(&pairing.reasons).map_err(ApiError::internal)?;
    sqlx::query(
        "INSERT INTO buddy_pairings (id, seeker, buddy, status, seeker_accepted, buddy_accepted, score, reasons) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, \
         seeker_accepted = excluded.seeker_accepted, buddy_accepted = excluded.buddy_accepted",
    )
    .bind(&pairing.id)
    .bind(&pairing.seeker)
    .bind(&pairing.buddy)
    .bind(pairing.status.as_str())
    .bind(i64::from(pairing.seeker_accepted))
    .bind(i64::from(pairing.buddy_accepted))
    .bind(i64::from(pairing.score))
    .bind(&reasons)
    .execute(&mut **tx)
    .await
    .map_err(ApiError::internal)?;
    if let Some((reason, by)) = reason {
        sqlx::query("UPDATE buddy_pairings SET reason = $1, reason_by = $2 WHERE id = $3")
            .bind(reason)
            .bind(by)
            .bind(&pairing.id)
            .execute(&mut **tx)
            .await
            .map_err(ApiError::internal)?;
    }
    for (side, household, other) in [
        (Side::Seeker, &pairing.seeker, &pairing.buddy),
        (Side::Buddy, &pairing.buddy, &pairing.seeker),
    ] {
        let contact = if pairing.status == PairingStatus::Active {
            Some(contact(tx, other).await?)
        } else {
            None
        };
        let view = pairing.view(side, contact);
        let body = serde_json::to_string(&view).map_err(ApiError::internal)?;
        let id = format!(
            "{}-{}",
            pairing.id,
            if side == Side::Seeker {
                "seeker"
            } else {
                "buddy"
            }
        );
        put_record(tx, BUDDY_PAIRINGS, &id, household, &body, change).await?;
    }
    Ok(())
}

pub const fn side_name(side: Side) -> &'static str {
    match side {
        Side::Seeker => "seeker",
        Side::Buddy => "buddy",
    }
}

/// Writes a contact and publishes it to both households of its pairing.
pub async fn save_contact(
    tx: &mut Transaction<'_, Any>,
    contact: &Contact,
    pairing: &Pairing,
    change: i64,
) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO buddy_contacts (id, pairing, date, how, minutes, by_side) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&contact.id)
    .bind(&contact.pairing)
    .bind(contact.date.to_string())
    .bind(contact.how.as_str())
    .bind(i64::from(contact.minutes))
    .bind(side_name(contact.by))
    .execute(&mut **tx)
    .await
    .map_err(ApiError::internal)?;
    let body = serde_json::to_string(contact).map_err(ApiError::internal)?;
    for (side, household) in [
        (Side::Seeker, &pairing.seeker),
        (Side::Buddy, &pairing.buddy),
    ] {
        let id = format!("{}-{}", contact.id, side_name(side));
        put_record(tx, BUDDY_CONTACTS, &id, household, &body, change).await?;
    }
    Ok(())
}

/// Applies a household's buddy change on `today` (the UK date) and writes what it did, or
/// says why not.
pub async fn apply(
    tx: &mut Transaction<'_, Any>,
    household_id: &str,
    change: &BuddyChange,
    today: CalendarDate,
    change_number: i64,
) -> Result<Result<(), Rejection>, ApiError> {
    let mut state = BuddyState {
        household_id: household_id.to_owned(),
        today: Some(today),
        ..BuddyState::default()
    };
    if let BuddyChange::LogContact { id, .. } = change {
        let logged: Option<String> =
            sqlx::query_scalar("SELECT id FROM buddy_contacts WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut **tx)
                .await
                .map_err(ApiError::internal)?;
        state.contact_logged = logged.is_some();
    }
    if let Some(id) = change.pairing() {
        state.pairing = pairing(tx, id).await?;
        if let Some(pairing) = &state.pairing {
            let membership: Option<Membership> =
                record(&mut **tx, BUDDY_MEMBERSHIP, &pairing.buddy).await?;
            state.buddy_places = membership.map_or(0, |m| m.places);
            state.buddy_places_held = places_held(tx, &pairing.buddy, &pairing.id).await?;
        }
    }
    let before = state.pairing.clone();
    if let Err(rejection) = change.apply(&mut state) {
        return Ok(Err(rejection));
    }
    match change {
        BuddyChange::Join { .. } => {
            let body = serde_json::to_string(&state.membership).map_err(ApiError::internal)?;
            put_record(
                tx,
                BUDDY_MEMBERSHIP,
                household_id,
                household_id,
                &body,
                change_number,
            )
            .await?;
        }
        BuddyChange::LogContact { .. } => {
            if let (Some(contact), Some(pairing)) = (&state.contact, &state.pairing) {
                save_contact(tx, contact, pairing, change_number).await?;
            }
        }
        BuddyChange::Respond { .. } | BuddyChange::End { .. } => {
            if let Some(pairing) = &state.pairing
                && state.pairing != before
            {
                let side = pairing.side_of(household_id).unwrap_or(Side::Seeker);
                let reason = state.reason.as_deref().map(|r| (r, side_name(side)));
                save_pairing(tx, pairing, reason, change_number).await?;
            }
        }
    }
    Ok(Ok(()))
}

/// Every pairing of households staff have ruled out, in order, with why.
pub async fn barred(
    tx: &mut Transaction<'_, Any>,
) -> Result<Vec<(String, String, String)>, ApiError> {
    sqlx::query_as(
        "SELECT household_a, household_b, reason FROM buddy_barred ORDER BY household_a, household_b",
    )
    .fetch_all(&mut **tx)
    .await
    .map_err(ApiError::internal)
}

/// The two households of a barred pair in the order they are kept, so either way round is
/// one row.
fn in_order<'a>(a: &'a str, b: &'a str) -> (&'a str, &'a str) {
    if a <= b { (a, b) } else { (b, a) }
}

/// Rules out pairing `a` with `b`, either way round; ruling out again changes the reason.
pub async fn bar(
    tx: &mut Transaction<'_, Any>,
    a: &str,
    b: &str,
    reason: &str,
) -> Result<(), ApiError> {
    let (a, b) = in_order(a, b);
    sqlx::query(
        "INSERT INTO buddy_barred (household_a, household_b, reason) VALUES ($1, $2, $3) \
         ON CONFLICT (household_a, household_b) DO UPDATE SET reason = excluded.reason",
    )
    .bind(a)
    .bind(b)
    .bind(reason)
    .execute(&mut **tx)
    .await
    .map_err(ApiError::internal)?;
    Ok(())
}

/// Allows `a` and `b` to be paired again; whether they were barred or not.
pub async fn allow(tx: &mut Transaction<'_, Any>, a: &str, b: &str) -> Result<(), ApiError> {
    let (a, b) = in_order(a, b);
    sqlx::query("DELETE FROM buddy_barred WHERE household_a = $1 AND household_b = $2")
        .bind(a)
        .bind(b)
        .execute(&mut **tx)
        .await
        .map_err(ApiError::internal)?;
    Ok(())
}

/// Every household that has joined the scheme, with its membership, by id.
pub async fn memberships(
    tx: &mut Transaction<'_, Any>,
) -> Result<Vec<(String, Membership)>, ApiError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, body FROM records WHERE collection = $1 AND body IS NOT NULL ORDER BY id",
    )
    .bind(BUDDY_MEMBERSHIP)
    .fetch_all(&mut **tx)
    .await
    .map_err(ApiError::internal)?;
    let mut members = Vec::new();
    for (household, body) in rows {
        if let Some(membership) =
            serde_json::from_str::<Option<Membership>>(&body).map_err(ApiError::internal)?
        {
            members.push((household, membership));
        }
    }
    Ok(members)
}

/// Households who already know each other, either way round: buddies before, and carers who
/// both came to the same support group session.
async fn acquaintances(
    tx: &mut Transaction<'_, Any>,
    pairings: &[Pairing],
) -> Result<BTreeMap<String, BTreeSet<String>>, ApiError> {
    let met: Vec<(String, String)> = sqlx::query_as(
        "SELECT DISTINCT a.household_id, b.household_id FROM bookings a \
         JOIN bookings b ON a.session_id = b.session_id AND a.household_id <> b.household_id \
         WHERE a.attendance = 'attended' AND b.attendance = 'attended'",
    )
    .fetch_all(&mut **tx)
    .await
    .map_err(ApiError::internal)?;
    let buddied = pairings
        .iter()
        .filter(|p| p.status == PairingStatus::Ended)
        .flat_map(|p| {
            [
                (p.seeker.clone(), p.buddy.clone()),
                (p.buddy.clone(), p.seeker.clone()),
            ]
        });
    let mut knows: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (a, b) in met.into_iter().chain(buddied) {
        knows.entry(a).or_default().insert(b);
    }
    Ok(knows)
}

/// Everyone the matcher should consider now: carers asking for a buddy with no pairing
/// suggested or active, and buddies with places not held or suggested. Pairs staff barred, and
/// pairs that were declined before, are ruled out either way round.
pub async fn cohort(tx: &mut Transaction<'_, Any>) -> Result<Cohort, ApiError> {
    let memberships = memberships(tx).await?;
    let pairings = pairings(tx).await?;
    let mut knows = acquaintances(tx, &pairings).await?;
    let mut ruled_out = BTreeSet::new();
    for (a, b, _) in barred(tx).await? {
        ruled_out.insert((b.clone(), a.clone()));
        ruled_out.insert((a, b));
    }
    let mut taken: BTreeMap<&str, usize> = BTreeMap::new();
    let mut paired: BTreeSet<&str> = BTreeSet::new();
    for p in &pairings {
        match p.status {
            PairingStatus::Proposed | PairingStatus::Active => {
                *taken.entry(p.buddy.as_str()).or_default() += 1;
                paired.insert(p.seeker.as_str());
            }
            PairingStatus::Declined => {
                ruled_out.insert((p.seeker.clone(), p.buddy.clone()));
                ruled_out.insert((p.buddy.clone(), p.seeker.clone()));
            }
            PairingStatus::Ended | PairingStatus::Withdrawn => {}
        }
    }
    let mut cohort = Cohort::default();
    for (household, membership) in memberships {
        let details: MyDetails = record(&mut **tx, MY_DETAILS, &household)
            .await?
            .unwrap_or_default();
        let facts: Option<HouseholdFacts> = record(&mut **tx, HOUSEHOLD, &household).await?;
        let person = Person {
            district: details.postcode_district.map(|d| d.as_str().to_owned()),
            carer_type: facts.map(|f| f.carer_type),
            experience: details.experience,
            languages: details
                .languages
                .iter()
                .map(|l| l.as_str().to_owned())
                .collect(),
            availability: membership.availability.clone(),
            gender: membership.gender,
            knows: knows.remove(&household).unwrap_or_default(),
            id: household.clone(),
        };
        if membership.wants_buddy && !paired.contains(household.as_str()) {
            cohort.seekers.push(Seeker {
                person: person.clone(),
                same_gender: membership.same_gender,
                not_known: membership.not_known,
            });
        }
        let left = usize::from(membership.places)
            .saturating_sub(taken.get(household.as_str()).copied().unwrap_or(0));
        if left > 0 {
            cohort.volunteers.push(Volunteer {
                person,
                places: u8::try_from(left).unwrap_or(0),
            });
        }
    }
    cohort.barred = ruled_out;
    Ok(cohort)
}

/// A row of `buddy_contacts`.
#[derive(sqlx::FromRow)]
struct ContactRow {
    id: String,
    pairing: String,
    date: String,
    how: String,
    minutes: i64,
    by_side: String,
}

impl TryFrom<ContactRow> for Contact {
    type Error = ApiError;

    fn try_from(row: ContactRow) -> Result<Self, Self::Error> {
        Ok(Self {
            date: CalendarDate::parse(&row.date).map_err(ApiError::internal)?,
            how: ContactHow::parse(&row.how)
                .ok_or_else(|| ApiError::internal(format!("unknown contact kind {}", row.how)))?,
            minutes: u16::try_from(row.minutes).unwrap_or(u16::MAX),
            by: if row.by_side == "buddy" {
                Side::Buddy
            } else {
                Side::Seeker
            },
            id: row.id,
            pairing: row.pairing,
        })
    }
}

const CONTACT_COLUMNS: &str = "c.id, c.pairing, c.date, c.how, c.minutes, c.by_side";

/// Every contact logged, by pairing, oldest first.
pub async fn contact_logs(
    tx: &mut Transaction<'_, Any>,
) -> Result<BTreeMap<String, Vec<Contact>>, ApiError> {
    let rows: Vec<ContactRow> = sqlx::query_as(&format!(
        "SELECT {CONTACT_COLUMNS} FROM buddy_contacts c ORDER BY c.date, c.id"
    ))
    .fetch_all(&mut **tx)
    .await
    .map_err(ApiError::internal)?;
    let mut logs: BTreeMap<String, Vec<Contact>> = BTreeMap::new();
    for row in rows {
        let contact = Contact::try_from(row)?;
        logs.entry(contact.pairing.clone())
            .or_default()
            .push(contact);
    }
    Ok(logs)
}

/// The contacts logged in every pairing where `household` is the buddy or mentor, oldest
/// first: what a claim for their time is computed from, whichever side logged each.
pub async fn paid_side_contacts(
    tx: &mut Transaction<'_, Any>,
    household: &str,
) -> Result<Vec<Contact>, ApiError> {
    let rows: Vec<ContactRow> = sqlx::query_as(&format!(
        "SELECT {CONTACT_COLUMNS} FROM buddy_contacts c \
         JOIN buddy_pairings p ON p.id = c.pairing \
         WHERE p.buddy = $1 ORDER BY c.date, c.id"
    ))
    .bind(household)
    .fetch_all(&mut **tx)
    .await
    .map_err(ApiError::internal)?;
    rows.into_iter().map(Contact::try_from).collect()
}

/// The weights staff set for matching, or the defaults until they do.
pub async fn weights(db: &crate::db::Database) -> Result<Weights, ApiError> {
    let body: Option<String> =
        sqlx::query_scalar("SELECT body FROM buddy_settings WHERE id = 'weights'")
            .fetch_optional(db.pool())
            .await
            .map_err(ApiError::internal)?;
    body.map(|b| serde_json::from_str(&b))
        .transpose()
        .map_err(ApiError::internal)
        .map(Option::unwrap_or_default)
}

pub async fn save_weights(db: &crate::db::Database, weights: &Weights) -> Result<(), ApiError> {
    let body = serde_json::to_string(weights).map_err(ApiError::internal)?;
    sqlx::query(
        "INSERT INTO buddy_settings (id, body) VALUES ('weights', $1) \
         ON CONFLICT (id) DO UPDATE SET body = excluded.body",
    )
    .bind(&body)
    .execute(db.pool())
    .await
    .map_err(ApiError::internal)?;
    Ok(())
}
