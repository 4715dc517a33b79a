use super::*;

fn date(raw: &str) -> CalendarDate {
    CalendarDate::parse(raw).expect("a date")
}

fn pence(raw: &str) -> Pence {
    Pence::parse(raw).expect("an amount")
}

fn form() -> QueryForm {
    QueryForm {
        category: "weekly_allowance".into(),
        from: "2/11/2026".into(),
        to: "8/11/2026".into(),
        expected: "£220.00".into(),
        received: "194".into(),
        child: "j.s.".into(),
        description: "Paid at the 5 to 10 rate; she turned 11 in October.".into(),
        photos: Vec::new(),
    }
}

const TODAY: &str = "2026-11-20";

#[test]
fn a_query_form_is_checked_field_by_field_in_plain_words() {
    let about = form().parse(date(TODAY)).expect("valid");
    assert_eq!(about.category, QueryCategory::WeeklyAllowance);
    assert_eq!(about.expected, Some(pence("220")));
    assert_eq!(about.child.as_ref().map(ChildRef::as_str), Some("J S"));
    assert_eq!(QueryForm::of(&about).parse(date(TODAY)), Ok(about));

    let bad = QueryForm {
        category: String::new(),
        from: "yesterday".into(),
        to: String::new(),
        expected: "12.345".into(),
        received: String::new(),
        child: "Jamie Smith".into(),
        description: " ".into(),
        photos: Vec::new(),
    };
    let problems = bad.parse(date(TODAY)).expect_err("refused");
    let fields: Vec<QueryField> = problems.iter().map(|p| p.field).collect();
    assert_eq!(
        fields,
        [
            QueryField::Category,
            QueryField::From,
            QueryField::Expected,
            QueryField::Child,
            QueryField::Description
        ]
    );
    assert_eq!(
        problems[3].message,
        "Enter the child's initials, like J S, or their reference number, not their name"
    );
    let mut backwards = form();
    backwards.to = "1/11/2026".into();
    assert_eq!(
        backwards.parse(date(TODAY)).expect_err("refused")[0].field,
        QueryField::To
    );
}

#[test]
fn a_child_is_initials_or_a_reference_never_a_name() {
    for ok in ["JS", "j s", "J.S.", "A-B", "C123456", "LAC/2024/17"] {
        assert!(ChildRef::parse(ok).is_ok(), "{ok}");
    }
    for name in ["Jamie", "Jamie Smith", "Smith", "JSMITH", "Jo Ann 7"] {
        assert!(ChildRef::parse(name).is_err(), "{name}");
    }
}

#[test]
fn initials_are_shown_back_as_the_hint_writes_them() {
    for typed in ["J S", "js", "J.S.", " j  s "] {
        assert_eq!(
            ChildRef::parse(typed).map(String::from),
            Ok("J S".to_owned()),
            "{typed}"
        );
    }
    assert_eq!(
        ChildRef::parse("lac/2024/17").map(String::from),
        Ok("LAC/2024/17".to_owned())
    );
}

#[test]
fn an_answer_is_due_in_five_working_days() {
    // Friday 20 November 2026: the next Friday.
    assert_eq!(respond_by(date("2026-11-20")), date("2026-11-27"));
    // Saturday: the weekend does not count.
    assert_eq!(respond_by(date("2026-11-21")), date("2026-11-27"));
    assert_eq!(respond_by(date("2026-11-23")), date("2026-11-30"));
}

fn raised(household: &str) -> PaymentState {
    let mut state = PaymentState {
        household_id: household.into(),
        today: Some(date(TODAY)),
        ..PaymentState::default()
    };
    PaymentChange::Raise {
        id: "q1".into(),
        form: form(),
    }
    .apply(&mut state)
    .expect("raised");
    state
}

#[test]
fn raising_and_messaging_again_changes_nothing_and_only_the_household_may() {
    let mut state = raised("h1");
    let query = state.query.clone().expect("a query");
    assert_eq!(query.status, QueryStatus::Sent);
    assert_eq!(query.respond_by, date("2026-11-27"));
    assert_eq!(
        query.details()[..4],
        [
            ("Dates", "2 November 2026 to 8 November 2026".to_owned()),
            ("Amount expected", "£220.00".to_owned()),
            ("Amount received", "£194.00".to_owned()),
            ("Child", "J S".to_owned()),
        ]
    );
    PaymentChange::Raise {
        id: "q1".into(),
        form: QueryForm::default(),
    }
    .apply(&mut state)
    .expect("a replay is no change");
    assert_eq!(state.query, Some(query));

    let message = PaymentChange::Message {
        id: "m1".into(),
        query: "q1".into(),
        text: "Any news?".into(),
        photos: Vec::new(),
    };
    message.apply(&mut state).expect("added");
    state.message_exists = true;
    message.apply(&mut state).expect("a replay");
    assert_eq!(state.query.as_ref().map(|q| q.messages.len()), Some(1));

    let mut other = state.clone();
    other.household_id = "h2".into();
    assert_eq!(
        message.apply(&mut other).map_err(|r| r.code),
        Err("not_yours".to_owned())
    );
}

#[test]
fn a_status_change_is_refused_with_the_reason_once_the_query_has_moved_on() {
    let mut state = raised("h1");
    let query = state.query.as_mut().expect("a query");
    query.assign("Priya Shah", date(TODAY));
    assert_eq!(query.status, QueryStatus::BeingLookedAt);
    query
        .reply(
            "r1".into(),
            "Priya Shah",
            "We will pay the difference on Friday.",
            date("2026-11-23"),
        )
        .expect("answered");
    assert_eq!(query.status, QueryStatus::Answered);
    assert_eq!(query.first_answer_on, Some(date("2026-11-23")));

    // The carer, offline, marked it resolved while it was being looked at.
    let out_of_date = PaymentChange::Status {
        query: "q1".into(),
        from: QueryStatus::BeingLookedAt,
        to: QueryStatus::Resolved,
    };
    let refused = out_of_date.apply(&mut state).expect_err("moved on");
    assert_eq!(refused.code, "status_moved_on");
    assert!(
        refused.message.contains("This query is now “Answered”"),
        "{}",
        refused.message
    );

    let resolve = PaymentChange::Status {
        query: "q1".into(),
        from: QueryStatus::Answered,
        to: QueryStatus::Resolved,
    };
    resolve.apply(&mut state).expect("resolved");
    resolve
        .apply(&mut state)
        .expect("the same again is no change");
    let query = state.query.clone().expect("a query");
    assert_eq!(query.resolved_on, Some(date(TODAY)));
    // Carers cannot say their own query is answered.
    let answered = PaymentChange::Status {
        query: "q1".into(),
        from: QueryStatus::Resolved,
        to: QueryStatus::Answered,
    };
    assert!(answered.apply(&mut state).is_err());
}

#[test]
fn a_message_on_an_answered_query_asks_finance_again() {
    let mut state = raised("h1");
    let query = state.query.as_mut().expect("a query");
    query
        .reply("r1".into(), "Priya Shah", "Paid.", date(TODAY))
        .expect("answered");
    PaymentChange::Message {
        id: "m2".into(),
        query: "q1".into(),
        text: "It has not arrived.".into(),
        photos: Vec::new(),
    }
    .apply(&mut state)
    .expect("sent");
    let query = state.query.expect("a query");
    assert_eq!(query.status, QueryStatus::Sent);
    assert_eq!(
        query.first_answer_on,
        Some(date(TODAY)),
        "the first answer stays"
    );
}

fn table(from: &str, allowance_5_10: &str, level_2: &str) -> RateTable {
    RateTable {
        effective_from: date(from),
        allowance: [
            pence("170"),
            pence("176"),
            pence(allowance_5_10),
            pence("220"),
            pence("258"),
        ],
        skills: vec![SkillsLevel {
            name: "Level 2".into(),
            weekly: pence(level_2),
        }],
        extras: Vec::new(),
    }
}

#[test]
fn rates_in_force_follow_their_dates_across_a_year_boundary() {
    let mut rates = Rates::default();
    rates
        .add(table("2026-04-06", "201.00", "150"))
        .expect("added");
    rates
        .add(table("2025-04-07", "194.00", "140"))
        .expect("added");
    assert!(
        rates.add(table("2026-04-06", "1", "1")).is_err(),
        "one table per date"
    );
    assert_eq!(rates.on(date("2025-04-06")), None);
    assert_eq!(
        rates.on(date("2026-04-05")).map(RateTable::name),
        Some("2025/26 rates".into())
    );
    assert_eq!(
        rates.on(date("2026-04-06")).map(RateTable::name),
        Some("2026/27 rates".into())
    );

    // A week within one year: whole weekly amounts.
    let week = rates
        .week(
            date("2026-03-02"),
            &[AgeBand::FiveToTen, AgeBand::FiveToTen],
            Some("Level 2"),
        )
        .expect("an estimate");
    assert_eq!(week.total, pence("528.00"));
    assert_eq!(week.lines[0].0, "Allowance for 2 children aged 5 to 10");

    // Thursday 2 April to Wednesday 8 April: 4 days at 2025/26 rates, 3 at 2026/27.
    let split = rates
        .week(date("2026-04-02"), &[AgeBand::FiveToTen], Some("Level 2"))
        .expect("an estimate");
    let amounts: Vec<i64> = split.lines.iter().map(|(_, a)| a.pence()).collect();
    assert_eq!(amounts, [11_086, 8_000, 8_614, 6_429]);
    assert_eq!(split.total.pence(), amounts.iter().sum::<i64>());
    assert_eq!(
        split.lines[2].0,
        "Allowance for a child aged 5 to 10, 3 days at 2026/27 rates"
    );
    assert!(
        rates
            .week(date("2025-04-01"), &[AgeBand::UpToTwo], None)
            .is_err()
    );
    assert!(
        rates
            .week(date("2026-05-04"), &[], Some("Level 9"))
            .is_err()
    );
}

#[test]
fn the_calculator_checks_what_is_typed_before_estimating() {
    let mut rates = Rates::default();
    rates
        .add(table("2026-04-06", "201.00", "150"))
        .expect("added");
    let mut form = EstimateForm {
        week_start: "2/11/2026".into(),
        children: ["", "", "1", "2", ""].map(String::from),
        skills: "Level 2".into(),
    };
    assert_eq!(
        form.estimate(&rates).expect("an estimate").total,
        pence("791.00")
    );
    form.children[0] = "lots".into();
    form.week_start = "soon".into();
    let ids: Vec<&str> = form
        .estimate(&rates)
        .expect_err("refused")
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(ids, ["estimate-week", "estimate-0_2"]);
    let nobody = EstimateForm {
        week_start: "2/11/2026".into(),
        ..EstimateForm::default()
    };
    assert!(nobody.estimate(&rates).is_err());
}

#[test]
fn a_rate_form_reads_amounts_levels_and_extras() {
    let typed = RateForm {
        effective_from: "6/4/2027".into(),
        allowance: ["175", "181", "200", "227", "266"].map(String::from),
        skills: "Level 1 £100\nLevel 2 £150.50\n".into(),
        extras: "Birthday: one week's allowance".into(),
    };
    let table = typed.parse().expect("valid");
    assert_eq!(table.skills[1].weekly, pence("150.50"));
    assert_eq!(RateForm::of(&table).parse(), Ok(table));
    let bad = RateForm {
        effective_from: "April".into(),
        allowance: ["175", "", "x", "227", "0"].map(String::from),
        skills: "Level 1".into(),
        extras: "Birthday".into(),
    };
    let ids: Vec<&str> = bad
        .parse()
        .expect_err("refused")
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(
        ids,
        [
            "rates-from",
            "rates-3_4",
            "rates-5_10",
            "rates-16_17",
            "rates-skills",
            "rates-extras"
        ]
    );
}

#[test]
fn numbers_count_by_month_and_category_with_median_days() {
    let mut queries = Vec::new();
    for (n, (raised, answered)) in [
        ("2026-10-01", Some("2026-10-03")),
        ("2026-10-10", Some("2026-10-20")),
        ("2026-10-12", None),
        ("2026-11-02", None),
    ]
    .into_iter()
    .enumerate()
    {
        let mut state = raised_on(raised, &format!("q{n}"));
        let query = state.query.as_mut().expect("a query");
        if let Some(on) = answered {
            query
                .reply(format!("r{n}"), "Priya Shah", "Done.", date(on))
                .expect("answered");
        }
        queries.push(state.query.expect("a query"));
    }
    let rows = numbers(&queries);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].month, "November 2026");
    assert_eq!(
        (rows[1].raised, rows[1].answered, rows[1].days_to_answer),
        (3, 2, Some(2))
    );
    let csv = numbers_csv(&rows);
    assert!(
        csv.contains("October 2026,Weekly fostering allowance,3,2,2,0,\r\n"),
        "{csv}"
    );
}

fn raised_on(on: &str, id: &str) -> PaymentState {
    let mut state = PaymentState {
        household_id: "h1".into(),
        today: Some(date(on)),
        ..PaymentState::default()
    };
    let mut typed = form();
    typed.from = on.into();
    typed.to = String::new();
    PaymentChange::Raise {
        id: id.into(),
        form: typed,
    }
    .apply(&mut state)
    .expect("raised");
    state
}

#[test]
fn a_notice_is_published_taken_down_or_refused_when_too_long() {
    let notice = NoticeForm {
        text: " This week's payment run is a day late. ".into(),
    };
    assert_eq!(
        notice.parse().expect("valid").map(|n| n.text),
        Some("This week's payment run is a day late.".into())
    );
    assert_eq!(NoticeForm::default().parse(), Ok(None));
    assert!(
        NoticeForm {
            text: "x".repeat(501)
        }
        .parse()
        .is_err()
    );
}

#[test]
fn the_queue_filters_by_category_status_and_lateness() {
    let query = raised("h1").query.expect("a query");
    let item = StaffQuery {
        overdue: query.overdue(date("2026-11-30")),
        query,
        household_name: "The Taylor household".into(),
    };
    assert!(item.overdue, "due on 27 November");
    assert!(QueueFilter::of("", "", false).admits(&item));
    assert!(QueueFilter::of("weekly_allowance", "sent", true).admits(&item));
    assert!(!QueueFilter::of("mileage", "", false).admits(&item));
    assert!(!QueueFilter::of("", "answered", false).admits(&item));
    let mut answered = item.clone();
    answered
        .query
        .reply("r".into(), "Priya Shah", "Paid.", date("2026-11-30"))
        .expect("answered");
    assert!(
        !answered.query.overdue(date("2026-12-30")),
        "an answered query is not late"
    );
}

fn a_photo(bytes: usize) -> Photo {
    Photo {
        id: String::new(),
        name: "remittance.jpg".into(),
        data: format!("data:image/jpeg;base64,{}", "AAAA".repeat(bytes / 3)),
    }
}

#[test]
fn photos_are_kept_as_their_own_records_and_one_too_large_is_refused() {
    let mut typed = form();
    typed.photos = vec![a_photo(30_000)];
    let mut state = PaymentState {
        household_id: "h1".into(),
        today: Some(date(TODAY)),
        ..PaymentState::default()
    };
    PaymentChange::Raise {
        id: "q1".into(),
        form: typed.clone(),
    }
    .apply(&mut state)
    .expect("raised");
    let query = state.query.clone().expect("a query");
    assert_eq!(query.about.photos[0].id, "q1-photo-1");
    assert_eq!(state.photos.len(), 1, "the image, to keep as a record");

    typed.photos = vec![a_photo(MOST_PHOTO_BYTES + 3)];
    let problems = typed.parse(date(TODAY)).expect_err("too large");
    assert_eq!(problems.len(), 1, "only the photo is wrong");
    assert_eq!(problems[0].field, QueryField::Photos);

    // A photo may be sent with no words; a message with neither is refused.
    state.photos.clear();
    let photo_only = PaymentChange::Message {
        id: "m1".into(),
        query: "q1".into(),
        text: String::new(),
        photos: vec![a_photo(3_000)],
    };
    photo_only.apply(&mut state).expect("sent");
    assert_eq!(state.photos[0].0.id, "m1-photo-1");
    let empty = PaymentChange::Message {
        id: "m2".into(),
        query: "q1".into(),
        text: " ".into(),
        photos: Vec::new(),
    };
    assert!(empty.apply(&mut state).is_err());
}

#[test]
fn a_change_naming_a_photo_file_the_server_lacks_is_refused_and_one_it_holds_is_not() {
    let mut typed = form();
    typed.photos = vec![Photo::file("photo-a1".into(), "receipt.jpg".into())];
    let raise = PaymentChange::Raise {
        id: "q1".into(),
        form: typed,
    };
    assert_eq!(raise.photos().len(), 1);
    let mut state = PaymentState {
        household_id: "h1".into(),
        today: Some(date(TODAY)),
        missing_photos: vec!["photo-a1".into()],
        ..PaymentState::default()
    };
    let refused = raise.apply(&mut state).expect_err("no file");
    assert_eq!(refused.code, "photo_missing");
    assert_eq!(state.query, None);

    state.missing_photos.clear();
    raise.apply(&mut state).expect("raised");
    let query = state.query.expect("a query");
    assert_eq!(query.about.photos[0].id, "photo-a1", "a file keeps its id");
    assert!(state.photos.is_empty(), "nothing inline to keep");
}

#[test]
fn a_notice_is_its_text_alone_on_the_wire() {
    let notice = PaymentNotice {
        text: "A day late.".into(),
    };
    assert_eq!(
        serde_json::to_string(&Some(notice)).expect("json"),
        r#""A day late.""#
    );
}
