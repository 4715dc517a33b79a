//! The demo council's enquiries: a year of them, at every stage from a new one nobody has
//! called yet to an approved household, so the inbox and the funnel have something to show.
//! Some were referred by the demo's carers; those closed as "not the right time" asked to be
//! called back in six months, and one of them is due.

use portal_core::account::Email;
use portal_core::carers::{HouseholdStatus, NewHousehold, StaffFields, StaffMember};
use portal_core::details::Text;
use portal_core::enquiries::application::Task;
use portal_core::enquiries::{
    ClosedReason, ContactKind, EnquiryForm, EnquiryRecord, Event, Happened, HeardFrom, Stage,
};
use portal_core::household::CarerType;

use portal_core::date::CalendarDate;

use super::DemoError;
use crate::db::Database;

const NAMES: [&str; 12] = [
    "Alex Morgan",
    "Bea Kowalski",
    "Chris Adeyemi",
    "Dana Price",
    "Eli Hussain",
    "Fran Doyle",
    "Gus Mensah",
    "Hana Sato",
    "Ira Collins",
    "Jude Farrell",
    "Kit Ahmed",
    "Lou Brennan",
];

const HOUR: i64 = 60 * 60;
const DAY: i64 = 24 * HOUR;

/// How long after the enquiry each stage is reached, when it is. Most applications reach panel
/// in 19 weeks, missing the 16-week target; one in two of them in 15.
fn stage_days(at: usize) -> [(Stage, i64); 5] {
    let panel = if at % 16 == 7 { 140 } else { 170 };
    [
        (Stage::InitialVisit, 12),
        (Stage::Application, 35),
        (Stage::Assessment, 50),
        (Stage::Panel, panel),
        (Stage::Approved, panel + 10),
    ]
}

fn form(at: usize) -> EnquiryForm {
    let interests = [
        "teenagers",
        "siblings",
        "short_breaks",
        "not_sure",
        "parent_and_child",
    ];
    EnquiryForm {
        name: NAMES[at % NAMES.len()].to_owned(),
        phone: format!("07700 900 {:03}", 100 + at),
        email: if at.is_multiple_of(3) {
            String::new()
        } else {
            format!("enquirer{at}@example.com")
        },
        best_time: ["morning", "afternoon", "evening", "any"][at % 4].to_owned(),
        postcode: format!("NB{} {}AB", 1 + at % 12, at % 10),
        spare_room: ["yes", "yes", "soon", "no"][at % 4].to_owned(),
        interests: vec![interests[at % interests.len()].to_owned()],
        heard_from: HeardFrom::ALL[at % HeardFrom::ALL.len()]
            .as_str()
            .to_owned(),
        // Those who heard from a foster carer name one of the demo's carers (kept only then).
        referred_by: ["Sam Taylor", "Chris Walsh", "Lee Clarke"][at % 3].to_owned(),
        consent: true,
        website: String::new(),
    }
}

/// One demo enquiry, received `days_ago` days before `now`, going as far as `furthest` and then
/// closing for `closed` if given; nothing in its history is later than `now`.
fn record(
    at: usize,
    received_at: i64,
    furthest: Stage,
    closed: Option<ClosedReason>,
    by: &StaffMember,
    now: i64,
) -> Result<EnquiryRecord, DemoError> {
    let enquiry = form(at)
        .parse(portal_core::brand::DISTRICTS)
        .map_err(|p| DemoError::Record(format!("{p:?}")))?;
    let mut events = Vec::new();
    let mut push = |at: i64, happened: Happened, note: &str| {
        if at <= now {
            events.push(Event {
                at,
                by: by.name.clone(),
                happened,
                note: note.to_owned(),
            });
        }
    };
    let contact_hours = [2, 5, 20, 30, 3][at % 5];
    push(
        received_at + HOUR,
        Happened::Assigned {
            to: Some(by.clone()),
        },
        "",
    );
    push(
        received_at + contact_hours * HOUR,
        Happened::Contact {
            how: [
                ContactKind::Call,
                ContactKind::Voicemail,
                ContactKind::Email,
            ][at % 3],
        },
        "",
    );
    let mut stage = Stage::Enquiry;
    for (next, days) in stage_days(at) {
        if Stage::FUNNEL.iter().position(|s| *s == next)
            > Stage::FUNNEL.iter().position(|s| *s == furthest)
        {
            break;
        }
        if received_at + days * DAY > now {
            break;
        }
        push(
            received_at + days * DAY,
            Happened::Stage {
                to: next,
                reason: None,
            },
            "",
        );
        stage = next;
    }
    if let Some(reason) = closed {
        let when = received_at + 20 * DAY;
        if when <= now && stage != Stage::Approved {
            push(
                when,
                Happened::Stage {
                    to: Stage::Closed,
                    reason: Some(reason),
                },
                "Happy for us to get in touch again next year.",
            );
            if reason == ClosedReason::NotNow {
                let on = CalendarDate::uk_date_of(when).add_months(6);
                push(
                    when + HOUR,
                    Happened::Recontact { on },
                    "They asked us to call back in six months.",
                );
            }
            stage = Stage::Closed;
        }
    }
    Ok(EnquiryRecord {
        id: format!("demo-enquiry-{at:04}-000000"),
        received_at,
        enquiry,
        self_check: None,
        stage,
        assigned_to: Some(by.clone()),
        household_id: None,
        events,
    })
}

/// A year of enquiries, and three new ones waiting for a first call (one of them for longer
/// than the 24 hours promised).
pub async fn load(db: &Database, now: i64, password_hash: &str) -> Result<(), DemoError> {
    let (id, name): (String, String) =
        sqlx::query_as("SELECT id, display_name FROM users WHERE email = 'recruit@demo.test'")
            .fetch_one(db.pool())
            .await?;
    let team_member = &StaffMember { id, name };
    let mut records = Vec::new();
    for at in 0..48_usize {
        let days = i64::try_from(at).unwrap_or(0);
        let received_at = now - (4 + 7 * days) * DAY - (days % 9) * HOUR;
        let furthest = match at % 8 {
            0..=2 => Stage::Enquiry,
            3 | 4 => Stage::InitialVisit,
            5 => Stage::Application,
            6 => Stage::Assessment,
            _ => Stage::Approved,
        };
        let closed = match at % 8 {
            0 => Some(ClosedReason::NoSpareRoom),
            1 if at % 3 == 0 => Some(ClosedReason::NotNow),
            4 => Some(ClosedReason::Withdrew),
            _ => None,
        };
        records.push(record(at, received_at, furthest, closed, team_member, now)?);
    }
    for (at, hours) in [(100, 3), (101, 20), (102, 30)] {
        let mut fresh = record(
            at,
            now - hours * HOUR,
            Stage::Enquiry,
            None,
            team_member,
            now,
        )?;
        fresh.events.clear();
        fresh.assigned_to = None;
        records.push(fresh);
    }
    let mut tx = db.pool().begin().await?;
    for record in &records {
        crate::enquiries::insert_history(&mut tx, record, &team_member.id).await?;
    }
    tx.commit().await?;
    applicant(db, now, team_member, password_hash).await
}

/// The demo applicant's sign-in (Hana Sato, being assessed).
pub const APPLICANT: &str = "applicant@demo.test";

/// Hana Sato, who enquired ten weeks ago and is now being assessed, signs in as an applicant:
/// her referees are confirmed by the team and her DBS forms ticked as done.
async fn applicant(
    db: &Database,
    now: i64,
    team_member: &StaffMember,
    password_hash: &str,
) -> Result<(), DemoError> {
    let bad = |e: String| DemoError::Record(e);
    let mut record = record(
        103,
        now - 70 * DAY,
        Stage::Assessment,
        None,
        team_member,
        now,
    )?;
    record.enquiry.email = Some(Email::parse(APPLICANT).map_err(|e| bad(e.to_string()))?);
    let mut tx = db.pool().begin().await?;
    crate::enquiries::insert_history(&mut tx, &record, &team_member.id).await?;
    tx.commit().await?;
    let worker: String =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'worker@demo.test'")
            .fetch_one(db.pool())
            .await?;
    let text = |raw: &str| Text::parse(raw, "a name", 80).map_err(|e| bad(e.to_string()));
    let household = NewHousehold {
        household_name: text("The Sato household")?,
        carer_name: text(record.enquiry.name.as_str())?,
        email: Email::parse(APPLICANT).map_err(|e| bad(e.to_string()))?,
        area: text("Northby")?,
        fields: StaffFields {
            carer_type: CarerType::Mainstream,
            status: HouseholdStatus::Assessment,
            approved_on: None,
            supervising_worker_id: Some(worker),
            exit: None,
        },
    };
    let (made, _) = crate::carers::create(db, &household, &team_member.id, now, Some(&record.id))
        .await
        .map_err(|e| bad(format!("{e:?}")))?;
    let mut tx = db.pool().begin().await?;
    sqlx::query("UPDATE users SET password_hash = $1, is_demo = 1 WHERE email = $2")
        .bind(password_hash)
        .bind(APPLICANT)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE households SET is_demo = 1 WHERE id = $1")
        .bind(&made.id)
        .execute(&mut *tx)
        .await?;
    let day = |days: i64| CalendarDate::uk_date_of(now - days * DAY).to_string();
    for (task, ticked, confirmed) in [
        (Task::Referees, day(30), Some(day(25))),
        (Task::Dbs, day(12), None),
    ] {
        sqlx::query(
            "UPDATE application_tasks SET ticked_on = $1, confirmed_on = $2 \
             WHERE household_id = $3 AND task = $4",
        )
        .bind(ticked)
        .bind(confirmed)
        .bind(&made.id)
        .bind(task.as_str())
        .execute(&mut *tx)
        .await?;
    }
    crate::applicants::republish(&mut tx, &made.id)
        .await
        .map_err(|e| bad(format!("{e:?}")))?;
    tx.commit().await?;
    Ok(())
}
