use super::*;
use crate::date::CalendarDate;

fn date(raw: &str) -> CalendarDate {
    CalendarDate::parse(raw).expect(raw)
}

fn fields(status: &str, approved_on: &str) -> StaffFieldsForm {
    StaffFieldsForm {
        carer_type: "mainstream".into(),
        status: status.into(),
        approved_on: approved_on.into(),
        supervising_worker_id: String::new(),
        exit_reason: "retired".into(),
        exit_words: String::new(),
    }
}

fn summary(name: &str, area: &str, status: HouseholdStatus, worker: Option<&str>) -> CarerSummary {
    CarerSummary {
        id: name.to_lowercase(),
        name: name.into(),
        lead_carer: format!("Lead of {name}"),
        email: format!("{}@example.test", name.to_lowercase()),
        area: area.into(),
        carer_type: CarerType::Mainstream,
        status,
        approved_on: None,
        supervising_worker: worker.map(|id| StaffMember {
            id: id.into(),
            name: "Jo".into(),
        }),
        account: AccountState::NotInvited,
        exit: None,
        version: 1,
    }
}

#[test]
fn approved_households_need_a_past_approval_date() {
    let today = date("2026-11-22");
    let problems = StaffFields::parse(&fields("approved", ""), today).expect_err("no date");
    assert_eq!(problems[0].field, CarerField::ApprovedOn);
    let future = StaffFields::parse(&fields("approved", "2026-11-23"), today).expect_err("future");
    assert_eq!(
        future[0].message,
        "The approval date must be today or in the past."
    );
    let ok = StaffFields::parse(&fields("approved", "22/11/2026"), today).expect("today is fine");
    assert_eq!(ok.approved_on, Some(today));
    // Households still being assessed have no approval date yet.
    assert!(StaffFields::parse(&fields("assessment", ""), today).is_ok());
}

#[test]
fn every_problem_of_a_new_household_is_reported_at_once() {
    let form = NewHouseholdForm {
        household_name: " ".into(),
        carer_name: "Sam Taylor".into(),
        email: "not an email".into(),
        area: String::new(),
        fields: StaffFieldsForm {
            carer_type: "wizardry".into(),
            status: "approved".into(),
            approved_on: "2026-02-30".into(),
            supervising_worker_id: String::new(),
            ..StaffFieldsForm::default()
        },
    };
    let problems = NewHousehold::parse(&form, date("2026-11-22")).expect_err("bad");
    let found: Vec<CarerField> = problems.iter().map(|p| p.field).collect();
    assert_eq!(
        found,
        [
            CarerField::HouseholdName,
            CarerField::Area,
            CarerField::Email,
            CarerField::CarerType,
            CarerField::ApprovedOn
        ]
    );
    let good = NewHouseholdForm {
        household_name: "The Lee household".into(),
        carer_name: "Ash Lee".into(),
        email: "Ash.Lee@Example.test".into(),
        area: "Northby".into(),
        fields: fields("approved", "2026-01-05"),
    };
    let household = NewHousehold::parse(&good, date("2026-11-22")).expect("good");
    assert_eq!(household.email.as_str(), "ash.lee@example.test");
}

#[test]
fn the_filter_finds_every_word_and_honours_each_choice() {
    let carers = vec![
        summary(
            "The Taylor household",
            "Northby",
            HouseholdStatus::Approved,
            Some("w1"),
        ),
        summary(
            "The Nowak household",
            "Eastfield",
            HouseholdStatus::OnHold,
            None,
        ),
        summary(
            "The Begum household",
            "northby",
            HouseholdStatus::Approved,
            Some("w2"),
        ),
    ];
    let names = |filter: &CarerFilter| -> Vec<String> {
        filter
            .apply(&carers)
            .iter()
            .map(|c| c.name.clone())
            .collect()
    };
    assert_eq!(names(&CarerFilter::default()).len(), 3);
    assert_eq!(
        names(&CarerFilter::from_pairs([("q", "TAYLOR  northby")])),
        ["The Taylor household"]
    );
    assert_eq!(
        names(&CarerFilter::from_pairs([("area", "Northby")])),
        ["The Begum household", "The Taylor household"]
    );
    assert_eq!(
        names(&CarerFilter::from_pairs([("status", "on_hold")])),
        ["The Nowak household"]
    );
    assert_eq!(
        names(&CarerFilter::from_pairs([("worker", "w2")])),
        ["The Begum household"]
    );
    assert!(names(&CarerFilter::from_pairs([("q", "nobody")])).is_empty());
    // Unknown values are ignored rather than hiding everything.
    assert!(CarerFilter::from_pairs([("status", "sideways"), ("colour", "red")]).is_empty());
    assert_eq!(areas(&carers), ["Eastfield", "Northby", "northby"]);
}

#[test]
fn a_filter_survives_the_page_address() {
    let filter = CarerFilter {
        query: "taylor".into(),
        status: Some(HouseholdStatus::Ended),
        carer_type: Some(CarerType::ShortBreaks),
        area: Some("Northby".into()),
        worker_id: Some("w1".into()),
    };
    let pairs = filter.to_pairs();
    let back = CarerFilter::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
    assert_eq!(back, filter);
}

#[test]
fn only_workers_and_administrators_manage_households() {
    assert!(!can_view_carers(Role::Carer));
    assert!(can_view_carers(Role::Finance));
    assert!(!can_manage_carers(Role::Finance));
    assert!(can_manage_carers(Role::SupervisingSocialWorker));
    assert!(can_manage_carers(Role::Administrator));
}

#[test]
fn names_round_trip() {
    for status in HouseholdStatus::ALL {
        assert_eq!(HouseholdStatus::parse(status.as_str()), Some(status));
        assert_eq!(
            serde_json::to_string(&status).expect("json"),
            format!("\"{}\"", status.as_str())
        );
    }
    let json = serde_json::to_string(&AccountState::Invited { expires_at: 5 }).expect("json");
    assert_eq!(json, r#"{"invited":{"expires_at":5}}"#);
}
