use proptest::prelude::*;

use super::*;

fn date(raw: &str) -> CalendarDate {
    CalendarDate::parse(raw).expect(raw)
}

fn member(id: &str, role: MemberRole) -> Member {
    Member {
        id: id.into(),
        name: Text::parse(id, "a name", 80).expect("name"),
        role,
    }
}

fn household() -> Vec<Member> {
    vec![
        member("sam", MemberRole::MainCarer),
        member("alex", MemberRole::SecondCarer),
        member("kim", MemberRole::SonOrDaughter),
    ]
}

fn form() -> EntryForm {
    EntryForm {
        title: "Safeguarding refresher".into(),
        date: "2026-11-20".into(),
        hours: "1".into(),
        minutes: "30".into(),
        format: "webinar".into(),
        provider: "Northby Council".into(),
        course_id: String::new(),
        standards: vec![6, 2],
        members: vec!["sam".into()],
        certificate: String::new(),
        learned: "How to record a disclosure.".into(),
        will_use: String::new(),
    }
}

const TODAY: &str = "2026-11-22";

fn entry(id: &str, on: &str, minutes: u16, standards: &[u8], members: &[&str]) -> Entry {
    Entry {
        id: id.into(),
        title: Text::parse(id, "a title", 120).expect("title"),
        date: date(on),
        duration: Minutes::new(minutes).expect("minutes"),
        format: TrainingFormat::Webinar,
        provider: None,
        course_id: None,
        standards: standards
            .iter()
            .filter_map(|n| TsdStandard::new(*n))
            .collect(),
        members: members.iter().map(|m| (*m).to_owned()).collect(),
        certificate: None,
        learned: None,
        will_use: None,
        verified: None,
    }
}

fn problems(form: &EntryForm) -> Vec<(EntryField, String)> {
    Entry::parse("e1", form, date(TODAY), &household())
        .expect_err("refused")
        .into_iter()
        .map(|p| (p.field, p.message))
        .collect()
}

#[test]
fn a_complete_entry_is_accepted_and_tidied() {
    let entry = Entry::parse("e1", &form(), date(TODAY), &household()).expect("valid");
    assert_eq!(entry.duration.get(), 90);
    assert_eq!(entry.duration.words(), "1 hour 30 minutes");
    assert_eq!(
        entry
            .standards
            .iter()
            .map(|s| s.number())
            .collect::<Vec<_>>(),
        [2, 6]
    );
    assert_eq!(
        entry.provider.expect("provider").as_str(),
        "Northby Council"
    );
    assert_eq!(entry.will_use, None, "an empty optional field is left out");
}

#[test]
fn each_rule_has_a_plain_message_against_its_field() {
    let mut bad = form();
    bad.title = "  ".into();
    bad.date = "2026-11-23".into();
    bad.hours = String::new();
    bad.minutes = "3".into();
    bad.format = String::new();
    bad.members = Vec::new();
    assert_eq!(
        problems(&bad),
        [
            (EntryField::Title, "Enter the title of the training.".into()),
            (
                EntryField::Date,
                "The date must be today or in the past.".into()
            ),
            (
                EntryField::Duration,
                "Training must last at least 5 minutes.".into()
            ),
            (
                EntryField::Format,
                "Select how the training was delivered.".into()
            ),
            (
                EntryField::Members,
                "Select who attended the training.".into()
            ),
        ]
    );
}

#[test]
fn durations_are_read_as_people_write_them() {
    let parse = |hours: &str, minutes: &str| duration(hours, minutes).map(Minutes::get);
    assert_eq!(parse("", "45"), Ok(45));
    assert_eq!(parse("2", ""), Ok(120));
    assert_eq!(parse("", "90"), Ok(90), "all in minutes is fine");
    assert_eq!(parse("40", "0"), Ok(2400));
    assert_eq!(
        parse("40", "1"),
        Err("Training must last no longer than 40 hours.")
    );
    assert_eq!(parse("1", "75"), Err("Enter minutes from 0 to 59."));
    assert_eq!(parse("", ""), Err("Enter how long the training lasted."));
    assert_eq!(
        parse("one", ""),
        Err("Enter the hours and minutes as whole numbers, like 1 and 30.")
    );
    assert_eq!(
        parse("99999999999", ""),
        Err("Enter the hours and minutes as whole numbers, like 1 and 30.")
    );
    assert_eq!(Minutes::new(45).expect("ok").words(), "45 minutes");
    assert_eq!(Minutes::new(60).expect("ok").words(), "1 hour");
}

#[test]
fn only_members_of_the_household_can_have_attended() {
    let mut bad = form();
    bad.members = vec!["sam".into(), "someone-removed".into(), "sam".into()];
    assert_eq!(
        problems(&bad),
        [(
            EntryField::Members,
            "Someone selected is no longer in your household. Select who attended again.".into()
        )]
    );
    let mut twice = form();
    twice.members = vec!["sam".into(), "sam".into()];
    let entry = Entry::parse("e1", &twice, date(TODAY), &household()).expect("valid");
    assert_eq!(entry.members, ["sam"]);
}

#[test]
fn an_entry_logged_today_counts_in_every_total() {
    // The peer's bug: a range ending "today" at midnight dropped today's entries.
    let entries = [
        entry("today", TODAY, 60, &[], &["sam"]),
        entry("january", "2026-01-01", 30, &[], &["sam"]),
        entry("last-year", "2025-11-23", 15, &[], &["sam"]),
        entry("too-old", "2025-11-22", 600, &[], &["sam"]),
    ];
    let totals = totals(&entries, date(TODAY), Some(date("2025-06-01")));
    assert_eq!(totals.this_year, 90);
    assert_eq!(totals.last_12_months, 105, "from 23 November 2025 to today");
    assert_eq!(totals.since_approval, Some(705));
    assert_eq!(
        super::totals(&entries, date(TODAY), None).since_approval,
        None
    );
}

#[test]
fn the_tsd_deadline_depends_on_the_kind_of_fostering() {
    assert_eq!(
        tsd_due(date("2025-09-12"), CarerType::Mainstream),
        date("2026-09-12")
    );
    assert_eq!(
        tsd_due(date("2025-09-12"), CarerType::FamilyAndFriends),
        date("2027-03-12")
    );
}

#[test]
fn the_tracker_shows_who_still_needs_which_standard_and_how_long_is_left() {
    let entries = [
        entry("a", "2026-01-10", 60, &[1, 2, 3, 4, 5, 6, 7], &["sam"]),
        entry("b", "2026-02-10", 60, &[1, 2], &["alex", "kim"]),
    ];
    let tracker = TsdTracker::new(
        &entries,
        &household(),
        Some(date("2026-01-01")),
        CarerType::Mainstream,
        date(TODAY),
    );
    assert_eq!(tracker.due, Some(date("2027-01-01")));
    assert_eq!(tracker.state, TsdState::DueSoon { days_left: 40 });
    assert_eq!(tracker.state.words(), "Due soon: 40 days left");
    assert_eq!(tracker.standards[0].missing, Vec::<String>::new());
    assert_eq!(tracker.standards[2].evidenced, ["sam"]);
    assert_eq!(
        tracker.standards[2].missing,
        ["alex"],
        "only carers need TSD evidence; a son or daughter is not listed"
    );

    let overdue = TsdTracker::new(
        &entries,
        &household(),
        Some(date("2025-01-01")),
        CarerType::Mainstream,
        date(TODAY),
    );
    assert_eq!(overdue.state, TsdState::Overdue { days_over: 325 });
    assert_eq!(overdue.state.words(), "Overdue by 325 days");

    let not_approved = TsdTracker::new(
        &entries,
        &household(),
        None,
        CarerType::Mainstream,
        date(TODAY),
    );
    assert_eq!(not_approved.state, TsdState::NoDeadlineYet);

    let everything = [entry(
        "c",
        "2026-03-01",
        60,
        &[1, 2, 3, 4, 5, 6, 7],
        &["sam", "alex"],
    )];
    let complete = TsdTracker::new(
        &everything,
        &household(),
        Some(date("2025-01-01")),
        CarerType::Mainstream,
        date(TODAY),
    );
    assert_eq!(complete.state, TsdState::Complete);
}

#[test]
fn mandatory_courses_say_when_they_were_done_and_when_they_expire() {
    let course = |id: &str, renewal: Option<u16>, for_types: Vec<CarerType>| Course {
        id: id.into(),
        title: id.into(),
        category: "Safeguarding".into(),
        mandatory_for: for_types,
        renewal_months: renewal,
        standards: BTreeSet::new(),
    };
    let catalogue = [
        course("first-aid", Some(36), vec![CarerType::Mainstream]),
        course("safeguarding", Some(12), vec![CarerType::Mainstream]),
        course("induction", None, vec![CarerType::Mainstream]),
        course("fostering-changes", None, vec![CarerType::Mainstream]),
        course("kinship", None, vec![CarerType::FamilyAndFriends]),
        course("optional", None, vec![]),
    ];
    let done = |id: &str, on: &str, course: &str| {
        let mut done = entry(id, on, 120, &[6], &["sam"]);
        done.course_id = Some(course.into());
        done
    };
    let entries = [
        done("fa", "2024-01-05", "first-aid"),
        done("sg", "2025-11-01", "safeguarding"),
        done("sg-old", "2024-11-01", "safeguarding"),
        done("in", "2025-02-01", "induction"),
    ];
    let list = mandatory_training(&catalogue, CarerType::Mainstream, &entries, date(TODAY));
    let summary: Vec<(&str, Option<CalendarDate>, MandatoryState)> = list
        .iter()
        .map(|m| (m.course.id.as_str(), m.expires, m.state))
        .collect();
    assert_eq!(
        summary,
        [
            (
                "first-aid",
                Some(date("2027-01-05")),
                MandatoryState::ExpiresSoon
            ),
            (
                "safeguarding",
                Some(date("2026-11-01")),
                MandatoryState::Expired
            ),
            ("induction", None, MandatoryState::Current),
            ("fostering-changes", None, MandatoryState::NotDone),
        ]
    );
    assert_eq!(
        list[1].last_done,
        Some(date("2025-11-01")),
        "the latest counts"
    );
}

#[test]
fn my_learning_filters_by_words_year_format_standard_and_member_newest_first() {
    let mut reflective = entry("Attachment workshop", "2025-05-01", 90, &[5], &["alex"]);
    reflective.format = TrainingFormat::ReflectiveGroup;
    reflective.learned = Some(Text::parse("Secure BASE model", "x", 200).expect("text"));
    let entries = [
        entry("Safeguarding", "2026-03-01", 60, &[6], &["sam"]),
        reflective,
        entry("First aid", "2026-06-01", 360, &[3], &["sam", "alex"]),
    ];
    let titles = |filter: &LearningFilter| -> Vec<String> {
        filter
            .apply(&entries)
            .iter()
            .map(|e| e.title.to_string())
            .collect()
    };
    assert_eq!(
        titles(&LearningFilter::default()),
        ["First aid", "Safeguarding", "Attachment workshop"]
    );
    let words = LearningFilter {
        words: "secure base".into(),
        ..LearningFilter::default()
    };
    assert_eq!(titles(&words), ["Attachment workshop"]);
    let year = LearningFilter {
        year: Some(2026),
        member: Some("alex".into()),
        ..LearningFilter::default()
    };
    assert_eq!(titles(&year), ["First aid"]);
    let standard = LearningFilter {
        standard: TsdStandard::new(6),
        ..LearningFilter::default()
    };
    assert_eq!(titles(&standard), ["Safeguarding"]);
    let format = LearningFilter {
        format: Some(TrainingFormat::ReflectiveGroup),
        ..LearningFilter::default()
    };
    assert_eq!(titles(&format), ["Attachment workshop"]);
}

#[test]
fn names_on_the_wire_round_trip() {
    for format in TrainingFormat::ALL {
        assert_eq!(TrainingFormat::parse(format.as_str()), Some(format));
        assert_eq!(
            serde_json::to_string(&format).expect("json"),
            format!("\"{}\"", format.as_str())
        );
    }
    assert!(serde_json::from_str::<TsdStandard>("8").is_err());
    assert!(serde_json::from_str::<Minutes>("2401").is_err());
    let entry = entry("e", "2026-01-01", 60, &[1], &["sam"]);
    let json = serde_json::to_string(&entry).expect("json");
    assert_eq!(serde_json::from_str::<Entry>(&json).expect("back"), entry);
}

fn any_entry() -> impl Strategy<Value = Entry> {
    (0_i64..1500, 5_u16..=2400, 0_u8..3).prop_map(|(day, minutes, who)| {
        let on = date("2023-01-01").add_days(day);
        let member = ["sam", "alex", "kim"][usize::from(who)];
        entry(
            &format!("e{day}-{minutes}"),
            &on.to_string(),
            minutes,
            &[1],
            &[member],
        )
    })
}

proptest! {
    #[test]
    fn totals_add_up_and_nest(entries in prop::collection::vec(any_entry(), 0..60), offset in 0_i64..1500) {
        let today = date("2023-01-01").add_days(offset);
        let totals = totals(&entries, today, Some(today.add_months(-24)));
        // This year and the last 12 months are both within the last 24 months since approval.
        let since = totals.since_approval.expect("approved");
        prop_assert!(totals.this_year <= since);
        prop_assert!(totals.last_12_months <= since);
        // Nothing in the future ever counts.
        let past: u32 = entries.iter().filter(|e| e.date <= today).map(|e| u32::from(e.duration.get())).sum();
        prop_assert!(since <= past);
    }

    #[test]
    fn the_tracker_state_agrees_with_the_days_left(offset in 0_i64..1500, approved_offset in 0_i64..1500) {
        let today = date("2023-01-01").add_days(offset);
        let approved = date("2022-01-01").add_days(approved_offset);
        let tracker = TsdTracker::new(&[], &household(), Some(approved), CarerType::Mainstream, today);
        let left = today.days_until(tsd_due(approved, CarerType::Mainstream));
        let expected = if left < 0 {
            TsdState::Overdue { days_over: -left }
        } else if left <= DUE_SOON_DAYS {
            TsdState::DueSoon { days_left: left }
        } else {
            TsdState::OnTrack { days_left: left }
        };
        prop_assert_eq!(tracker.state, expected);
    }
}

fn log() -> LearningLog {
    LearningLog {
        entries: BTreeMap::new(),
        household: household(),
        today: Some(date(TODAY)),
    }
}

#[test]
fn saving_adds_or_replaces_an_entry_and_deleting_twice_is_harmless() {
    let mut log = log();
    let save = TrainingChange::Save {
        id: "entry-1".into(),
        form: Box::new(form()),
    };
    save.apply(&mut log).expect("saved");
    let mut edited = form();
    edited.title = "Safeguarding refresher, part 2".into();
    TrainingChange::Save {
        id: "entry-1".into(),
        form: Box::new(edited),
    }
    .apply(&mut log)
    .expect("edited");
    assert_eq!(log.entries.len(), 1);
    assert_eq!(
        log.entries["entry-1"].title.as_str(),
        "Safeguarding refresher, part 2"
    );
    let delete = TrainingChange::Delete {
        id: "entry-1".into(),
    };
    delete.apply(&mut log).expect("deleted");
    delete.apply(&mut log).expect("already gone is fine");
    assert!(log.entries.is_empty());
}

#[test]
fn a_refused_save_names_the_record_and_says_why_in_the_same_words_as_the_form() {
    let mut log = log();
    let mut future = form();
    future.date = "2026-11-23".into();
    let refused = TrainingChange::Save {
        id: "entry-1".into(),
        form: Box::new(future),
    }
    .apply(&mut log)
    .expect_err("future");
    assert_eq!(
        refused.message,
        "“Safeguarding refresher”: The date must be today or in the past."
    );
    let odd_id = TrainingChange::Delete {
        id: "../../etc".into(),
    }
    .apply(&mut log)
    .expect_err("odd id");
    assert_eq!(odd_id.code, "invalid");
    assert!(log.entries.is_empty());
}

#[test]
fn changes_travel_as_their_name_holding_their_arguments() {
    let change = TrainingChange::Delete { id: "e1".into() };
    assert_eq!(
        serde_json::to_string(&crate::mutation::Mutation::Training(change)).expect("json"),
        r#"{"training":{"delete":{"id":"e1"}}}"#
    );
}

#[test]
fn a_course_needs_a_title_and_a_category_and_sensible_renewal() {
    let form = CourseForm {
        title: "First aid for foster carers".into(),
        category: "Health".into(),
        mandatory_for: vec![
            "mainstream".into(),
            "short_breaks".into(),
            "mainstream".into(),
        ],
        renewal_months: "36".into(),
        standards: vec![3],
    };
    let course = Course::parse("first-aid", &form).expect("valid");
    assert_eq!(
        course.mandatory_for,
        [CarerType::Mainstream, CarerType::ShortBreaks]
    );
    assert_eq!(course.renewal_months, Some(36));

    let never = CourseForm {
        renewal_months: " ".into(),
        ..form.clone()
    };
    assert_eq!(
        Course::parse("x", &never).expect("valid").renewal_months,
        None
    );

    let bad = CourseForm {
        title: String::new(),
        category: String::new(),
        mandatory_for: vec!["astronauts".into()],
        renewal_months: "0".into(),
        standards: vec![9],
    };
    let fields: Vec<CourseField> = Course::parse("x", &bad)
        .expect_err("refused")
        .into_iter()
        .map(|p| p.field)
        .collect();
    assert_eq!(
        fields,
        [
            CourseField::Title,
            CourseField::Category,
            CourseField::MandatoryFor,
            CourseField::Renewal,
            CourseField::Standards
        ]
    );
}

#[test]
fn hours_are_written_as_people_write_them() {
    assert_eq!(hours(0), "0");
    assert_eq!(hours(60), "1");
    assert_eq!(hours(90), "1.5");
    assert_eq!(hours(75), "1.25");
    assert_eq!(hours(65), "1.08");
}

#[test]
fn the_overview_csv_is_safe_to_open_in_a_spreadsheet() {
    use crate::carers::{AccountState, CarerSummary, HouseholdStatus};
    let row = TrainingRow {
        carer: CarerSummary {
            id: "h1".into(),
            name: "=HYPERLINK(\"evil\")".into(),
            lead_carer: "Sam".into(),
            email: "sam@example.test".into(),
            area: "Northby, east".into(),
            carer_type: CarerType::Mainstream,
            status: HouseholdStatus::Approved,
            approved_on: Some(date("2026-01-01")),
            supervising_worker: None,
            account: AccountState::NotInvited,
            exit: None,
            version: 1,
        },
        training: TrainingSummary::new(
            &[],
            &household(),
            Some(date("2026-01-01")),
            CarerType::Mainstream,
            &[],
            date(TODAY),
        ),
    };
    let csv = overview_csv(&[row]);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert!(lines[0].starts_with("Household,Area,"));
    assert_eq!(
        lines[1],
        "\"'=HYPERLINK(\"\"evil\"\")\",\"Northby, east\",Mainstream fostering,,2026-01-01,2027-01-01,Due soon: 40 days left,14,0,"
    );
}

#[test]
fn the_summary_counts_what_is_missing_and_what_is_due() {
    let entries = [entry(
        "a",
        "2026-01-10",
        90,
        &[1, 2, 3, 4, 5, 6, 7],
        &["sam"],
    )];
    let catalogue = [Course {
        id: "sg".into(),
        title: "Safeguarding children".into(),
        category: "Safeguarding".into(),
        mandatory_for: vec![CarerType::Mainstream],
        renewal_months: Some(36),
        standards: BTreeSet::new(),
    }];
    let summary = TrainingSummary::new(
        &entries,
        &household(),
        Some(date("2026-01-01")),
        CarerType::Mainstream,
        &catalogue,
        date(TODAY),
    );
    assert_eq!(summary.evidence_missing, 7, "the second carer has none yet");
    assert_eq!(summary.minutes_this_year, 90);
    assert_eq!(summary.mandatory_to_do, ["Safeguarding children"]);
    assert_eq!(summary.tsd_due, Some(date("2027-01-01")));
}

fn course(id: &str, title: &str, standards: &[u8]) -> Course {
    Course {
        id: id.into(),
        title: title.into(),
        category: "Safeguarding".into(),
        mandatory_for: vec![],
        renewal_months: None,
        standards: standards
            .iter()
            .filter_map(|n| TsdStandard::new(*n))
            .collect(),
    }
}

#[test]
fn an_entry_opened_for_changing_saves_back_as_the_same_entry() {
    let original = Entry::parse("e1", &form(), date(TODAY), &household()).expect("valid");
    let again = Entry::parse(
        "e1",
        &EntryForm::from_entry(&original),
        date(TODAY),
        &household(),
    )
    .expect("still valid");
    assert_eq!(again, original);
}

#[test]
fn choosing_a_course_fills_the_title_and_ticks_its_standards_without_undoing_anything() {
    let catalogue = [
        course("sg", "Safeguarding children", &[2, 6]),
        course("fa", "Paediatric first aid", &[1]),
    ];
    let mut typed = EntryForm {
        standards: vec![3],
        ..EntryForm::default()
    };
    typed.choose_course(Some(&catalogue[0]), &catalogue);
    assert_eq!(typed.title, "Safeguarding children");
    assert_eq!(typed.standards, [2, 3, 6]);
    assert_eq!(typed.course_id, "sg");
    // Changing to another course replaces the title the first course gave, not the ticks.
    typed.choose_course(Some(&catalogue[1]), &catalogue);
    assert_eq!(typed.title, "Paediatric first aid");
    assert_eq!(typed.standards, [1, 2, 3, 6]);
    // A title the person typed is theirs.
    typed.title = "First aid with St John".into();
    typed.choose_course(Some(&catalogue[0]), &catalogue);
    assert_eq!(typed.title, "First aid with St John");
    typed.choose_course(None, &catalogue);
    assert_eq!(typed.title, "First aid with St John");
    assert_eq!(typed.course_id, "");
}

#[test]
fn the_review_csv_names_who_attended_and_is_safe_in_a_spreadsheet() {
    let mut first = entry("=SUM(A1)", "2026-03-01", 90, &[2, 6], &["sam", "gone"]);
    first.verified = Some(Verification {
        by: "Priya Shah".into(),
        on: date("2026-03-05"),
    });
    let second = entry("b", "2026-02-01", 30, &[], &["alex"]);
    let csv = learning_log_csv(&[&first, &second], &household());
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert!(lines[0].starts_with("Date,Title,Hours,"));
    assert_eq!(
        lines[1],
        "2026-03-01,'=SUM(A1),1.5,Webinar,,2 6,sam; Someone no longer in your household,,,,Priya Shah on 2026-03-05"
    );
    assert_eq!(lines[2], "2026-02-01,b,0.5,Webinar,,,alex,,,,");
    assert_eq!(lines.len(), 4, "two rows and the final line break");
}

#[test]
fn the_year_filter_offers_the_years_with_entries_newest_first() {
    let entries = [
        entry("a", "2024-05-01", 60, &[], &["sam"]),
        entry("b", "2026-01-01", 60, &[], &["sam"]),
        entry("c", "2024-12-31", 60, &[], &["sam"]),
    ];
    assert_eq!(entry_years(&entries), [2026, 2024]);
    assert!(entry_years(&[]).is_empty());
}
