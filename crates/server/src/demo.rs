//! Demo data: a made-up council's staff and carer households, loaded only when asked for
//! (`--demo`, which `cargo xtask run` passes). Every user and household it writes is marked
//! `is_demo = 1`; its enquiries' ids begin `demo-enquiry-`.

use std::collections::{BTreeMap, BTreeSet};

mod claims;
mod enquiries;
mod library;
mod news;
mod reviews;
mod surveys;

use portal_core::account::{NewPassword, Role};
use portal_core::carers::{Exit, ExitReason, HouseholdStatus, StaffFields};
use portal_core::date::{CalendarDate, LocalTime};
use portal_core::details::{MemberRole, Text};
use portal_core::groups::{
    Attendance, Booking, BookingStatus, Group, GroupKind, Repeat, Session, series_dates,
};
use portal_core::household::CarerType;
use portal_core::payments::{RateForm, Rates};
use portal_core::support::{SupportContacts, Team};
use portal_core::training::{Course, CourseForm, TsdStandard};

use crate::auth::secrets::{hash_password, new_id};
use crate::db::Database;

pub const DEMO_PASSWORD: &str = "demo-password";
/// The demo staff's second-factor secret: add it to any authenticator app to get their codes.
pub const DEMO_TOTP_SECRET: &str = "JBSWY3DPEHPK3PXP";

/// The demo sign-ins, as `cargo xtask run` prints them and the README lists them.
pub const SIGN_INS: [(&str, &str); 6] = [
    ("carer@demo.test", "Foster carer"),
    (enquiries::APPLICANT, "Applicant, being assessed"),
    ("worker@demo.test", Role::SupervisingSocialWorker.label()),
    ("finance@demo.test", Role::Finance.label()),
    ("recruit@demo.test", Role::Recruitment.label()),
    ("admin@demo.test", Role::Administrator.label()),
];

const DEMO_WORKER_NAME: &str = "Jo Okafor";

/// A demo carer with no password yet, for trying out invitations.
pub const NOT_YET_INVITED: &str = "patel@demo.test";

const STAFF: [(&str, &str, Role); 4] = [
    (
        "worker@demo.test",
        DEMO_WORKER_NAME,
        Role::SupervisingSocialWorker,
    ),
    ("finance@demo.test", "Priya Shah", Role::Finance),
    ("recruit@demo.test", "Dev Mistry", Role::Recruitment),
    ("admin@demo.test", "Morgan Ellis", Role::Administrator),
];

/// (household, lead carer, email, carer type, area, approved on)
const HOUSEHOLDS: [(&str, &str, &str, CarerType, &str, &str); 13] = [
    (
        "The Taylor household",
        "Sam Taylor",
        "carer@demo.test",
        CarerType::Mainstream,
        "Northby",
        "2025-09-12",
    ),
    (
        "The Nowak household",
        "Ania Nowak",
        "nowak@demo.test",
        CarerType::Mainstream,
        "Eastfield",
        "2019-04-03",
    ),
    (
        "The Begum household",
        "Ruksana Begum",
        "begum@demo.test",
        CarerType::FamilyAndFriends,
        "Millbrook",
        "2026-02-20",
    ),
    (
        "The Hughes household",
        "Gareth Hughes",
        "hughes@demo.test",
        CarerType::ShortBreaks,
        "Kingsmoor",
        "2016-11-18",
    ),
    (
        "The Mensah household",
        "Akosua Mensah",
        "mensah@demo.test",
        CarerType::ParentAndChild,
        "Northby",
        "2021-06-30",
    ),
    (
        "The O'Brien household",
        "Niamh O'Brien",
        "obrien@demo.test",
        CarerType::MockingbirdHub,
        "Ashton Vale",
        "2012-01-09",
    ),
    (
        "The Clarke household",
        "Lee Clarke",
        "clarke@demo.test",
        CarerType::SupportedLodgings,
        "Eastfield",
        "2024-10-01",
    ),
    (
        "The Patel household",
        "Dev Patel",
        "patel@demo.test",
        CarerType::Mainstream,
        "Millbrook",
        "2026-07-15",
    ),
    (
        "The Walsh household",
        "Chris Walsh",
        "walsh@demo.test",
        CarerType::Mainstream,
        "Kingsmoor",
        "2008-05-22",
    ),
    (
        "The Ahmed household",
        "Yusuf Ahmed",
        "ahmed@demo.test",
        CarerType::FamilyAndFriends,
        "Ashton Vale",
        "2025-12-04",
    ),
    (
        "The Kowalski household",
        "Marta Kowalski",
        "kowalski@demo.test",
        CarerType::ShortBreaks,
        "Northby",
        "2022-08-19",
    ),
    (
        "The Green household",
        "Pat Green",
        "green@demo.test",
        CarerType::Mainstream,
        "Eastfield",
        "2014-03-27",
    ),
    (
        "The Lindqvist household",
        "Ana Lindqvist",
        "lindqvist@demo.test",
        CarerType::ParentAndChild,
        "Ashton Vale",
        "2019-03-11",
    ),
];

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the demo data could not be written: {0}")]
    Database(#[from] sqlx::Error),
    #[error("the demo data could not be prepared: {0}")]
    Secret(String),
    #[error("the demo households' records could not be written: {0}")]
    Record(String),
    #[error("the demo data could not be stored: {0}")]
    Store(#[from] crate::api::ApiError),
    #[error(
        "this database already has {0} real account(s), and the demo would add accounts with a published password to it. Start without --demo, or give the demo a database of its own"
    )]
    RealAccounts(i64),
}

/// One household on hold and two that have stopped fostering; the rest approved.
fn demo_status(email: &str) -> HouseholdStatus {
    match email {
        "nowak@demo.test" => HouseholdStatus::OnHold,
        "walsh@demo.test" | "lindqvist@demo.test" => HouseholdStatus::Ended,
        _ => HouseholdStatus::Approved,
    }
}

/// Why the households that stopped fostering left, and how many months ago, for the exits
/// report and the exit interview: the Walshes retired, the Lindqvists moved to an agency.
fn demo_exit(email: &str) -> Option<(Exit, i32)> {
    let (reason, months_ago) = match email {
        "walsh@demo.test" => (ExitReason::Retired, 2),
        "lindqvist@demo.test" => (ExitReason::TransferredToAgency, 5),
        _ => return None,
    };
    Some((
        Exit {
            reason,
            words: None,
        },
        months_ago,
    ))
}

/// The demo's password is in the README: added to a real database, it would let anyone in.
async fn refuse_real_accounts(db: &Database) -> Result<(), DemoError> {
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(db.pool())
        .await?;
    if accounts > 0 {
        return Err(DemoError::RealAccounts(accounts));
    }
    Ok(())
}

/// Loads the demo data unless it is already there. Returns whether it wrote anything.
pub async fn load(db: &Database, now: i64) -> Result<bool, DemoError> {
    let present: Option<String> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind("admin@demo.test")
        .fetch_optional(db.pool())
        .await?;
    if present.is_some() {
        return Ok(false);
    }
    refuse_real_accounts(db).await?;
    let password =
        NewPassword::parse(DEMO_PASSWORD, "").map_err(|e| DemoError::Secret(e.to_string()))?;
    // One hash serves every demo account: hashing is slow on purpose.
    let hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| DemoError::Secret(e.to_string()))?
        .map_err(|e| DemoError::Secret(e.to_string()))?;
    let id = || new_id().map_err(|e| DemoError::Secret(e.to_string()));

    let today = CalendarDate::uk_date_of(now);
    let mut tx = db.pool().begin().await?;
    let mut worker_id = String::new();
    for (email, name, role) in STAFF {
        let user_id = id()?;
        if role == Role::SupervisingSocialWorker {
            worker_id.clone_from(&user_id);
        }
        sqlx::query(
            "INSERT INTO users (id, email, display_name, role, password_hash, totp_secret, created_at, is_demo) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 1)",
        )
        .bind(&user_id)
        .bind(email)
        .bind(name)
        .bind(role.as_str())
        .bind(&hash)
        .bind(DEMO_TOTP_SECRET)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    for (index, (household, carer, email, carer_type, area, approved_on)) in
        HOUSEHOLDS.into_iter().enumerate()
    {
        let household_id = id()?;
        // The demo worker supervises every other household; the rest have someone not in the demo.
        let worker = (index % 2 == 0).then_some(worker_id.as_str());
        let status = demo_status(email);
        let (exit, ended_on) = demo_exit(email).map_or((None, None), |(exit, months_ago)| {
            (Some(exit), Some(today.add_months(-months_ago).to_string()))
        });
        sqlx::query(
            "INSERT INTO households (id, name, carer_type, area, approved_on, supervising_worker_id, status, is_demo, exit_reason, ended_on) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9)",
        )
        .bind(&household_id)
        .bind(household)
        .bind(carer_type.as_str())
        .bind(area)
        .bind(approved_on)
        .bind(worker)
        .bind(status.as_str())
        .bind(exit.as_ref().map(|e| e.reason.as_str()))
        .bind(ended_on)
        .execute(&mut *tx)
        .await?;
        let fields = StaffFields {
            carer_type,
            status,
            approved_on: CalendarDate::parse(approved_on).ok(),
            supervising_worker_id: worker.map(str::to_owned),
            exit,
        };
        let worker = worker.map(|_| (DEMO_WORKER_NAME.to_owned(), "worker@demo.test".to_owned()));
        crate::carers::publish(&mut tx, today, &household_id, household, &fields, worker).await?;
        // The newest household has not been sent its invitation yet, to try that out.
        let password_hash = (email != NOT_YET_INVITED).then_some(hash.as_str());
        let carer_id = id()?;
        let lead = Text::parse(carer, "the carer's name", 80)
            .map_err(|e| DemoError::Record(e.to_string()))?;
        crate::carers::start_details(&mut tx, &household_id, &lead, &carer_id).await?;
        sqlx::query(
            "INSERT INTO users (id, email, display_name, role, household_id, password_hash, created_at, is_demo) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 1)",
        )
        .bind(&carer_id)
        .bind(email)
        .bind(carer)
        .bind(Role::Carer.as_str())
        .bind(&household_id)
        .bind(password_hash)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    load_activity(db, now, today, &hash).await?;
    Ok(true)
}

/// What the service and its households have done: enquiries, courses, groups, surveys and
/// claims.
async fn load_activity(
    db: &Database,
    now: i64,
    today: CalendarDate,
    password_hash: &str,
) -> Result<(), DemoError> {
    enquiries::load(db, now, password_hash).await?;
    load_courses(db).await?;
    load_groups(db, now).await?;
    surveys::load(db, today).await?;
    library::load(db, today).await?;
    news::load(db, today).await?;
    reviews::load(db, today, DEMO_WORKER_NAME).await?;
    claims::load(db, today).await
}

/// The demo council's course catalogue.
async fn load_courses(db: &Database) -> Result<(), DemoError> {
    for (title, category, mandatory_for, renewal, standards) in COURSES {
        let form = CourseForm {
            title: title.to_owned(),
            category: category.to_owned(),
            mandatory_for: mandatory_for
                .iter()
                .map(|t| t.as_str().to_owned())
                .collect(),
            renewal_months: renewal.to_owned(),
            standards: standards.to_vec(),
        };
        let id = new_id().map_err(|e| DemoError::Secret(e.to_string()))?;
        let course =
            Course::parse(&id, &form).map_err(|p| DemoError::Record(format!("{:?}", p.first())))?;
        crate::courses::save(db, &course, false).await?;
    }
    Ok(())
}

/// A demo course: title, category, mandatory for, renewal in months, TSD standards.
type DemoCourse = (
    &'static str,
    &'static str,
    &'static [CarerType],
    &'static str,
    &'static [u8],
);

const COURSES: [DemoCourse; 4] = [
    (
        "Skills to Foster",
        "Preparation",
        &[CarerType::Mainstream, CarerType::ShortBreaks],
        "",
        &[1, 2],
    ),
    (
        "Safeguarding children",
        "Safeguarding",
        &CarerType::ALL,
        "36",
        &[6],
    ),
    (
        "Paediatric first aid",
        "Health",
        &[
            CarerType::Mainstream,
            CarerType::ShortBreaks,
            CarerType::ParentAndChild,
        ],
        "36",
        &[3],
    ),
    ("Recording and writing reports", "Practice", &[], "", &[4]),
];

/// The lines `--demo` prints, so nobody has to look the sign-ins up.
pub fn sign_in_help() -> String {
    let accounts: String = SIGN_INS
        .iter()
        .map(|(email, who)| format!("  {email:<20} {who}\n"))
        .collect::<Vec<_>>()
        .concat();
    format!(
        "Demo data is loaded (clearly marked; never use --demo on a real deployment).\n\
         Demo sign-ins, all with the password \"{DEMO_PASSWORD}\":\n{accounts}\
         Staff also need a code from an authenticator app set up with the secret {DEMO_TOTP_SECRET}.\n"
    )
}

/// A demo group: title, kind, area, who may come (empty: the carers), places per session, where.
type DemoGroup = (
    &'static str,
    GroupKind,
    Option<&'static str>,
    &'static [MemberRole],
    Option<u16>,
    &'static str,
);

const GROUPS: [DemoGroup; 4] = [
    (
        "Northby reflective group",
        GroupKind::Reflective,
        Some("Northby"),
        &[],
        Some(12),
        "Northby Library, Market Street",
    ),
    (
        "Sons and daughters club",
        GroupKind::SonsAndDaughters,
        None,
        &[MemberRole::SonOrDaughter],
        Some(10),
        "Eastfield Youth Centre",
    ),
    (
        "Men who care",
        GroupKind::MenWhoCare,
        None,
        &[],
        Some(2),
        "The Crown, Kingsmoor (upstairs room)",
    ),
    (
        "Coffee and chat, Eastfield",
        GroupKind::Local,
        Some("Eastfield"),
        &[],
        None,
        "Eastfield Community Café",
    ),
];

/// The demo council's support groups, each meeting on the first Tuesday of the next three
/// months at 7pm (UK time, whatever the season).
async fn load_groups(db: &Database, now: i64) -> Result<(), DemoError> {
    let failed = |e: &dyn std::fmt::Display| DemoError::Record(e.to_string());
    let starts = LocalTime::parse("19:00").map_err(|e| failed(&e))?;
    let ends = LocalTime::parse("21:00").map_err(|e| failed(&e))?;
    let first = CalendarDate::uk_date_of(now).add_days(1);
    for (title, kind, area, for_members, capacity, place) in GROUPS {
        let group = Group {
            id: new_id().map_err(|e| failed(&e))?,
            title: title.to_owned(),
            kind,
            description: format!("{} for Northby's foster carers.", kind.label()),
            area: area.map(str::to_owned),
            for_carer_types: Vec::new(),
            for_members: for_members.to_vec(),
            counts_as_training: kind == GroupKind::Reflective,
            // Reflecting on practice with others is "develop yourself" (standard 7).
            standards: if kind == GroupKind::Reflective {
                TsdStandard::new(7).into_iter().collect()
            } else {
                BTreeSet::new()
            },
        };
        let mut dates = series_dates(first, Repeat::MonthlyWeekday { nth: 1, weekday: 1 }, 3);
        // The reflective group also met a fortnight ago, and the demo carer came.
        let past = (kind == GroupKind::Reflective).then(|| first.add_days(-15));
        dates.extend(past);
        let mut sessions = Vec::new();
        for date in dates {
            sessions.push(Session {
                id: new_id().map_err(|e| failed(&e))?,
                group_id: group.id.clone(),
                date,
                starts,
                ends,
                place: Some(place.to_owned()),
                joining_link: None,
                capacity,
                booking_closes: None,
                facilitators: vec![DEMO_WORKER_NAME.to_owned()],
                co_facilitator: None,
                accessibility: Some("Step-free access and an accessible toilet.".to_owned()),
                cancelled: None,
                version: 1,
            });
        }
        crate::groups::publish(db, &group, &sessions)
            .await
            .map_err(|e| failed(&e))?;
        if let Some(session) = sessions.iter().find(|s| Some(s.date) == past) {
            attended(db, &session.id, now).await?;
        }
    }
    crate::support::save(db, &support_contacts())
        .await
        .map_err(|e| failed(&e))?;
    let mut tx = db.pool().begin().await?;
    let change = crate::sync::next_change(&mut tx).await?;
    crate::payments::save_rates(&mut tx, &payment_rates()?, change)
        .await
        .map_err(|e| failed(&e))?;
    tx.commit().await?;
    Ok(())
}

/// Last year's rates (England's national minimum allowance for 2025/26) and this year's, made
/// up for the demo, with a skills fee in three levels and the usual extras.
fn payment_rates() -> Result<Rates, DemoError> {
    let table = |from: &str, allowance: [&str; 5], skills: [&str; 3]| {
        RateForm {
            effective_from: from.to_owned(),
            allowance: allowance.map(str::to_owned),
            skills: format!(
                "Level 1 £{}\nLevel 2 £{}\nLevel 3 £{}",
                skills[0], skills[1], skills[2]
            ),
            extras: "Birthday: one week's allowance\n\
                 Holiday: two weeks' allowance a year\n\
                 Festival or celebration: one week's allowance\n\
                 Mileage: 45p a mile, for journeys agreed with your supervising social worker\n\
                 Respite: up to 14 paid days a year\n\
                 Enhanced or complex needs: £100 or £200 a week per child, as agreed"
                .to_owned(),
        }
        .parse()
        .map_err(|problems| DemoError::Record(format!("{problems:?}")))
    };
    let mut rates = Rates::default();
    for t in [
        table(
            "2025-04-07",
            ["170", "176", "194", "220", "258"],
            ["75", "150", "250"],
        ),
        table(
            "2026-04-06",
            ["176", "182", "201", "228", "267"],
            ["80", "160", "260"],
        ),
    ] {
        rates.add(t?).map_err(DemoError::Record)?;
    }
    Ok(rates)
}

/// Gives the demo carer's household a place at a session that has happened, marked attended,
/// so "Add to my learning log" can be tried.
async fn attended(db: &Database, session_id: &str, now: i64) -> Result<(), DemoError> {
    let failed = |e: &dyn std::fmt::Display| DemoError::Record(e.to_string());
    let (user_id, household_id): (String, String) =
        sqlx::query_as("SELECT id, household_id FROM users WHERE email = $1")
            .bind("carer@demo.test")
            .fetch_one(db.pool())
            .await?;
    let mut tx = db.pool().begin().await?;
    let change = crate::sync::next_change(&mut tx)
        .await
        .map_err(|e| failed(&e))?;
    let mut state = crate::groups::session_bookings(&mut tx, session_id)
        .await
        .map_err(|e| failed(&e))?;
    state.bookings.push(Booking {
        id: new_id().map_err(|e| failed(&e))?,
        session_id: session_id.to_owned(),
        household_id,
        members: vec![format!("member-{user_id}")],
        status: BookingStatus::Confirmed,
        order: 1,
        attendance: Some(Attendance::Attended),
    });
    crate::groups::write_session(&mut tx, &state, &BTreeMap::new(), now, change)
        .await
        .map_err(|e| failed(&e))?;
    tx.commit().await?;
    Ok(())
}

/// The demo council's support contacts (telephone numbers from Ofcom's range for drama).
fn support_contacts() -> SupportContacts {
    let team = |name: &str, for_what: &str, phone: &str, email: &str, hours: &str| Team {
        name: name.to_owned(),
        for_what: for_what.to_owned(),
        phone: phone.to_owned(),
        email: email.to_owned(),
        hours: hours.to_owned(),
    };
    SupportContacts {
        teams: vec![
            team(
                "Fostering duty team",
                "Anything that cannot wait for your supervising social worker: a placement worry, an allegation, a child missing.",
                "01632 960 001",
                "fostering.duty@demo.test",
                "Monday to Friday, 9am to 5pm",
            ),
            team(
                "Fostering payments",
                "Questions about allowances, fees, mileage and other payments.",
                "01632 960 002",
                "fostering.payments@demo.test",
                "Monday to Thursday, 10am to 4pm",
            ),
            team(
                "Learning and development",
                "Booking training, certificates and the TSD standards.",
                "",
                "fostering.training@demo.test",
                "Replies within two working days",
            ),
        ],
        out_of_hours_phone: "01632 960 999".to_owned(),
        out_of_hours_hours: "5pm to 9am on weekdays, all day at weekends and on bank holidays"
            .to_owned(),
    }
}
