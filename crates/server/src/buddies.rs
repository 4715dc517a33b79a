//! The buddy scheme on the server: households' memberships (their own records), pairings (a
//! table, published to both households as each should see it), buddy changes applied inside
//! the push's transaction, and the cohort the matcher works on.
//!
//! A buddy change is written as soon as it is applied, inside the push's transaction, so a
//! second change in the same push (or the next push, which waits for this one's counter) sees
//! the places it took.

use std::collections::{BTreeMap, BTreeSet};

use portal_core::buddies::{
    BuddyChange, BuddyContact, BuddyState, Cohort, Contact, ContactHow, Entrant, Membership,
    Pairing, PairingKind, PairingStatus, Person, Side, Weights, cohort_of,
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
    kind: String,
    seeker: String,
    buddy: String,
    status: String,
    seeker_accepted: i64,
    buddy_accepted: i64,
    score: i64,
    reasons: String,
}

const PAIRING_COLUMNS: &str =
    "id, kind, seeker, buddy, status, seeker_accepted, buddy_accepted, score, reasons";

impl TryFrom<PairingRow> for Pairing {
    type Error = ApiError;

    fn try_from(row: PairingRow) -> Result<Self, Self::Error> {
        Ok(Self {
            kind: PairingKind::parse(&row.kind)
                .ok_or_else(|| ApiError::internal(format!("unknown pairing kind {}", row.kind)))?,
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

/// Closes an applicant's mentor pairings when their application closes: a suggestion is
/// withdrawn and an active pairing ended, for the record, so the mentor's place is free for
/// someone else. Both households see it at their next sync.
pub async fn close_mentoring(
    tx: &mut Transaction<'_, Any>,
    household: &str,
) -> Result<(), ApiError> {
    let rows: Vec<PairingRow> = sqlx::query_as(&format!(
        "SELECT {PAIRING_COLUMNS} FROM buddy_pairings WHERE seeker = $1 AND kind = $2 \
         AND status IN ($3, $4) ORDER BY id"
    ))
    .bind(household)
    .bind(PairingKind::Mentor.as_str())
    .bind(PairingStatus::Proposed.as_str())
    .bind(PairingStatus::Active.as_str())
    .fetch_all(&mut **tx)
    .await
    .map_err(ApiError::internal)?;
    if rows.is_empty() {
        return Ok(());
    }
    let change = crate::sync::next_change(tx)
        .await
        .map_err(ApiError::internal)?;
    for row in rows {
        let mut pairing = Pairing::try_from(row)?;
        let reason = pairing
            .close_by_staff("The application closed.")
            .map_err(ApiError::internal)?;
        save_pairing(tx, &pairing, Some((&reason, "staff")), change).await?;
    }
    Ok(())
}

/// How many of a buddy's (or mentor's) places in the scheme of `pairing` pairings other than
/// it hold.
async fn places_held(tx: &mut Transaction<'_, Any>, pairing: &Pairing) -> Result<usize, ApiError> {
    let held: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM buddy_pairings WHERE buddy = $1 AND id <> $2 AND kind = $3 \
         AND (status = 'active' OR (status = 'proposed' AND buddy_accepted = 1))",
    )
    .bind(&pairing.buddy)
    .bind(&pairing.id)
    .bind(pairing.kind.as_str())
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
        "INSERT INTO buddy_pairings (id, seeker, buddy, status, seeker_accepted, buddy_accepted, score, reasons, kind) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
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
    .bind(pairing.kind.as_str())
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
/// says why not. An applicant's change is held to what applicants may do (see the core).
pub async fn apply(
    tx: &mut Transaction<'_, Any>,
    household_id: &str,
    applicant: bool,
    change: &BuddyChange,
    today: CalendarDate,
    change_number: i64,
) -> Result<Result<(), Rejection>, ApiError> {
    let mut state = BuddyState {
        household_id: household_id.to_owned(),
        applicant,
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
            state.buddy_places = membership.map_or(0, |m| m.places_for(pairing.kind));
            state.buddy_places_held = places_held(tx, pairing).await?;
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

/// Households who came to the same support group session, either way round: they already
/// know each other. (Households paired before are known too; the core adds those.)
async fn met(
    tx: &mut Transaction<'_, Any>,
) -> Result<BTreeMap<String, BTreeSet<String>>, ApiError> {
    let met: Vec<(String, String)> = sqlx::query_as(
        "SELECT DISTINCT a.household_id, b.household_id FROM bookings a \
         JOIN bookings b ON a.session_id = b.session_id AND a.household_id <> b.household_id \
         WHERE a.attendance = 'attended' AND b.attendance = 'attended'",
    )
    .fetch_all(&mut **tx)
    .await
    .map_err(ApiError::internal)?;
    let mut knows: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (a, b) in met {
        knows.entry(a).or_default().insert(b);
    }
    Ok(knows)
}

/// Everyone the matcher should consider now in the scheme of `kind` (see `cohort_of`): every
/// member of the scheme, and every applicant whose application is still open.
pub async fn cohort(tx: &mut Transaction<'_, Any>, kind: PairingKind) -> Result<Cohort, ApiError> {
    Ok(entrants(tx).await?.cohort(kind))
}

/// What both schemes' cohorts are built from, read once: every household that could take
/// part, every pairing, and the pairs staff barred.
#[derive(Debug)]
pub struct Entrants {
    households: Vec<Entrant>,
    pub pairings: Vec<Pairing>,
    barred: Vec<(String, String)>,
}

impl Entrants {
    pub fn cohort(&self, kind: PairingKind) -> Cohort {
        cohort_of(kind, self.households.clone(), &self.pairings, &self.barred)
    }
}

/// Reads every member of the scheme and every open applicant, with their facts, and the
/// pairings and barred pairs between them.
pub async fn entrants(tx: &mut Transaction<'_, Any>) -> Result<Entrants, ApiError> {
    let mut memberships: BTreeMap<String, Membership> =
        memberships(tx).await?.into_iter().collect();
    let applicants = crate::applicants::open(tx).await?;
    let mut households: BTreeSet<String> = memberships.keys().cloned().collect();
    households.extend(applicants.iter().cloned());
    let mut knows = met(tx).await?;
    let mut entrants = Vec::new();
    for household in households {
        let details: MyDetails = record(&mut **tx, MY_DETAILS, &household)
            .await?
            .unwrap_or_default();
        let facts: Option<HouseholdFacts> = record(&mut **tx, HOUSEHOLD, &household).await?;
        entrants.push(Entrant {
            person: Person {
                district: details.postcode_district.map(|d| d.as_str().to_owned()),
                carer_type: facts.map(|f| f.carer_type),
                experience: details.experience,
                languages: details
                    .languages
                    .iter()
                    .map(|l| l.as_str().to_owned())
                    .collect(),
                knows: knows.remove(&household).unwrap_or_default(),
                id: household.clone(),
                ..Person::default()
            },
            membership: memberships.remove(&household),
            applicant: applicants.contains(&household),
        });
    }
    let pairings = pairings(tx).await?;
    let barred: Vec<(String, String)> = barred(tx)
        .await?
        .into_iter()
        .map(|(a, b, _)| (a, b))
        .collect();
    Ok(Entrants {
        households: entrants,
        pairings,
        barred,
    })
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
