use super::*;

const AREA: &[&str] = &["NB1", "NB2", "NB12"];

fn filled() -> EnquiryForm {
    EnquiryForm {
        name: "  Alex Morgan ".into(),
        phone: "07700 900 982".into(),
        email: String::new(),
        best_time: "evening".into(),
        postcode: "nb12 4xy".into(),
        spare_room: "soon".into(),
        interests: vec!["teenagers".into(), "siblings".into(), "teenagers".into()],
        heard_from: "social_media".into(),
        referred_by: String::new(),
        consent: true,
        website: String::new(),
    }
}

#[test]
fn a_complete_enquiry_is_read_tidily() {
    let enquiry = filled().parse(AREA).expect("valid");
    assert_eq!(enquiry.name.as_str(), "Alex Morgan");
    assert_eq!(
        enquiry.postcode.as_str(),
        "NB12",
        "only the district is kept"
    );
    assert_eq!(enquiry.email, None);
    assert_eq!(enquiry.interests, [Interest::Teenagers, Interest::Siblings]);
    assert_eq!(enquiry.spare_room, SpareRoom::Soon);
    assert_eq!(filled().first_unanswered(AREA), None);
}

#[test]
fn each_page_says_what_is_wrong_with_its_own_answers_only() {
    let empty = EnquiryForm::default();
    let messages = |step| -> Vec<String> {
        empty
            .check(step, AREA)
            .into_iter()
            .map(|(_, message)| message)
            .collect()
    };
    assert_eq!(messages(Step::Name), ["Enter your name"]);
    assert_eq!(
        messages(Step::Contact),
        ["Enter a phone number or an email address, or both"]
    );
    assert_eq!(
        messages(Step::BestTime),
        ["Choose the best time to call you"]
    );
    assert_eq!(
        messages(Step::Interests),
        ["Choose at least one, or \"Not sure yet\""]
    );
    assert_eq!(
        messages(Step::Consent),
        ["Tick the box to say we can contact you, so that we can reply"]
    );
    assert_eq!(empty.first_unanswered(AREA), Some(Step::Name));
    let problems = empty.parse(AREA).expect_err("nothing answered");
    assert_eq!(problems.len(), Step::ALL.len());
}

#[test]
fn contact_needs_one_good_way_and_checks_each_given() {
    let mut form = filled();
    form.phone = "12345".into();
    form.email = "alex@".into();
    let problems = form.check(Step::Contact, AREA);
    assert_eq!(
        problems.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        [field::PHONE, field::EMAIL]
    );
    form.phone = String::new();
    form.email = "alex@example.com".into();
    assert!(form.check(Step::Contact, AREA).is_empty());
    assert!(form.parse(AREA).expect("valid").phone.is_none());
}

#[test]
fn a_postcode_outside_the_area_is_told_kindly_where_to_go() {
    let mut form = filled();
    form.postcode = "SW1A 1AA".into();
    let problems = form.check(Step::Postcode, AREA);
    assert!(
        problems[0]
            .1
            .starts_with("SW1A is outside the area we cover"),
        "{problems:?}"
    );
    form.postcode = "not a postcode".into();
    assert!(
        form.check(Step::Postcode, AREA)[0]
            .1
            .starts_with("Enter the first part of your postcode")
    );
    form.postcode = "SW1A".into();
    assert!(
        form.check(Step::Postcode, &[]).is_empty(),
        "no list: any district"
    );
}

#[test]
fn choices_from_outside_the_lists_are_refused() {
    let mut form = filled();
    form.best_time = "midnight".into();
    form.interests = vec!["ponies".into()];
    assert_eq!(
        form.check(Step::BestTime, AREA)[0].1,
        "Choose the best time to call you from the list"
    );
    assert_eq!(
        form.check(Step::Interests, AREA)[0].1,
        "Choose the kinds of fostering from the list"
    );
}

#[test]
fn the_pages_go_in_order_and_are_found_by_their_addresses() {
    assert_eq!(Step::Name.previous(), None);
    assert_eq!(Step::Name.next(), Some(Step::Contact));
    assert_eq!(Step::Consent.next(), None);
    for step in Step::ALL {
        assert_eq!(Step::from_slug(step.slug()), Some(step));
        if let Some(next) = step.next() {
            assert_eq!(next.previous(), Some(step));
        }
    }
    for interest in Interest::ALL {
        assert_eq!(Interest::parse(interest.as_str()), Some(*interest));
    }
}

#[test]
fn the_hidden_field_marks_a_program() {
    let mut form = filled();
    assert!(!form.is_from_a_program());
    form.website = "http://spam.example".into();
    assert!(form.is_from_a_program());
}

#[test]
fn the_self_check_advises_and_never_blocks() {
    assert!(SelfCheck::default().advice().is_empty());
    let young_no_room = SelfCheck {
        spare_room: Some(false),
        over_21: Some(false),
        settled_home: Some(true),
    };
    let advice = young_no_room.advice();
    assert_eq!(advice.len(), 2);
    assert!(advice[0].contains("21 or over"));
    assert!(advice[1].contains("short breaks"));
}

#[test]
fn an_enquiry_that_did_not_go_ahead_is_kept_three_years() {
    let closed = CalendarDate::parse("2024-02-29").expect("date");
    assert_eq!(erase_from(closed).to_string(), "2027-02-28");
    let closed = CalendarDate::parse("2023-11-14").expect("date");
    assert_eq!(erase_from(closed).to_string(), "2026-11-14");
}

mod recruitment_side {
    use std::collections::BTreeSet;

    use super::super::*;
    use super::{AREA, filled};
    use crate::carers::StaffMember;
    use crate::date::{CalendarDate, LocalTime, uk_instant};

    const HOUR: i64 = 3600;
    const DAY: i64 = 24 * HOUR;

    fn at(date: &str) -> i64 {
        uk_instant(
            CalendarDate::parse(date).expect("date"),
            LocalTime::parse("10:00").expect("time"),
        )
    }

    fn event(at: i64, happened: Happened) -> Event {
        Event {
            at,
            by: "Sam".into(),
            happened,
            note: String::new(),
        }
    }

    fn record(id: &str, received_at: i64, heard_from: HeardFrom) -> EnquiryRecord {
        let mut enquiry = filled().parse(AREA).expect("valid");
        enquiry.heard_from = heard_from;
        EnquiryRecord {
            id: id.into(),
            received_at,
            enquiry,
            self_check: None,
            stage: Stage::Enquiry,
            assigned_to: None,
            household_id: None,
            events: Vec::new(),
        }
    }

    fn moved(mut record: EnquiryRecord, to: Stage, when: i64) -> EnquiryRecord {
        let reason = (to == Stage::Closed).then_some(ClosedReason::NotNow);
        record
            .events
            .push(event(when, Happened::Stage { to, reason }));
        record.stage = to;
        record
    }

    fn contacted(mut record: EnquiryRecord, when: i64) -> EnquiryRecord {
        record.events.push(event(
            when,
            Happened::Contact {
                how: ContactKind::Call,
            },
        ));
        record
    }

    #[test]
    fn the_wait_is_told_against_the_24_hour_target() {
        let received = at("2026-11-20");
        let waiting = record("a", received, HeardFrom::Search);
        assert_eq!(
            waiting.wait(received + 5 * HOUR).words(),
            "Waiting 5 hours: 19 hours left to reply"
        );
        assert!(waiting.wait(received + 30 * HOUR).over_target());
        assert_eq!(
            waiting.wait(received + 30 * HOUR).words(),
            "Waiting 1 day 6 hours: over the 24-hour target"
        );
        let rung = contacted(waiting, received + 40 * 60);
        assert_eq!(
            rung.wait(received + 90 * DAY).words(),
            "Contacted after 40 minutes"
        );
        assert_eq!(duration_words(2 * DAY), "2 days");
        assert_eq!(duration_words(HOUR), "1 hour");
    }

    #[test]
    fn the_inbox_puts_those_waiting_longest_for_a_first_contact_first() {
        let day = at("2026-11-01");
        let old_contacted = contacted(record("old", day, HeardFrom::Search), day + HOUR);
        let mut newer = record("newer", day + 2 * DAY, HeardFrom::Search);
        newer.assigned_to = Some(StaffMember {
            id: "sam".into(),
            name: "Sam".into(),
        });
        let older = record("older", day + DAY, HeardFrom::Search);
        let closed = moved(
            record("closed", day - DAY, HeardFrom::Search),
            Stage::Closed,
            day,
        );
        let all = [old_contacted, newer, older, closed];
        let ids = |view, mine| -> Vec<String> {
            inbox(&all, view, mine, CalendarDate::uk_date_of(day + 3 * DAY))
                .iter()
                .map(|r| r.id.clone())
                .collect()
        };
        assert_eq!(ids(InboxView::Open, None), ["older", "newer", "old"]);
        assert_eq!(ids(InboxView::NotContacted, None), ["older", "newer"]);
        assert_eq!(ids(InboxView::Closed, None), ["closed"]);
        assert_eq!(ids(InboxView::Open, Some("sam")), ["newer"]);
        assert_eq!(ids(InboxView::All, None).len(), 4);
    }

    #[test]
    fn actions_are_checked_in_plain_words() {
        let form = |action: &str, from: &str, choice: &str, reason: &str, note: &str| {
            ActionForm {
                action: action.into(),
                from: from.into(),
                choice: choice.into(),
                reason: reason.into(),
                note: note.into(),
            }
            .parse()
        };
        assert_eq!(
            form("stage", "enquiry", "closed", "", ""),
            Err("Choose why the enquiry is closing".to_owned())
        );
        assert_eq!(
            form("stage", "enquiry", "closed", "other", " "),
            Err("Say in the note why the enquiry is closing".to_owned())
        );
        assert_eq!(
            form("stage", "panel", "panel", "", ""),
            Err("The enquiry is already at “Panel”".to_owned())
        );
        assert_eq!(
            form("stage", "enquiry", "initial_visit", "no_reply", " Booked "),
            Ok((
                Action::Stage {
                    from: Stage::Enquiry,
                    to: Stage::InitialVisit,
                    reason: None
                },
                "Booked".to_owned()
            ))
        );
        assert_eq!(
            form("contact", "", "text", "", ""),
            Ok((Action::Contact(ContactKind::Text), String::new()))
        );
        assert_eq!(
            form("note", "", "", "", "  "),
            Err("Enter a note".to_owned())
        );
        assert!(form("note", "", "", "", &"x".repeat(2001)).is_err());
    }

    #[test]
    fn a_record_knows_its_stages_and_why_it_closed() {
        let day = at("2026-01-05");
        let r = moved(
            moved(
                record("a", day, HeardFrom::Event),
                Stage::InitialVisit,
                day + 10 * DAY,
            ),
            Stage::Closed,
            day + 20 * DAY,
        );
        assert_eq!(r.furthest(), Stage::InitialVisit);
        assert_eq!(r.closed_reason(), Some(ClosedReason::NotNow));
        assert_eq!(r.closed_on(), CalendarDate::parse("2026-01-25").ok());
        assert_eq!(
            erase_from(r.closed_on().expect("closed")),
            CalendarDate::parse("2029-01-25").expect("date")
        );
        let reopened = moved(r, Stage::InitialVisit, day + 30 * DAY);
        assert_eq!(reopened.closed_on(), None, "reopened is not closed");
        assert_eq!(reopened.closed_reason(), None);
    }

    /// A seeded history: the table's counts are each stage's entries in its month.
    #[test]
    fn the_funnel_counts_each_stage_in_the_month_it_was_reached() {
        let jan = at("2026-01-10");
        let feb = at("2026-02-03");
        let mar = at("2026-03-16");
        let history = vec![
            // Received in January, visited in February, applied in March.
            moved(
                moved(
                    contacted(record("a", jan, HeardFrom::Event), jan + 2 * HOUR),
                    Stage::InitialVisit,
                    feb,
                ),
                Stage::Application,
                mar,
            ),
            // Received in January, contacted late, closed in February for want of a room.
            moved(
                contacted(record("b", jan, HeardFrom::Search), jan + 30 * HOUR),
                Stage::Closed,
                feb,
            ),
            // Received in February, never contacted.
            record("c", feb, HeardFrom::Search),
            // Received before the period: its March visit counts, it does not.
            moved(
                record("d", at("2025-03-01"), HeardFrom::Advert),
                Stage::InitialVisit,
                mar,
            ),
        ];
        let funnel = Funnel::of(
            &history,
            &BTreeSet::new(),
            CalendarDate::parse("2026-03-20").expect("date"),
            3,
        );
        let counts: Vec<(String, Vec<u32>, u32)> = funnel
            .months
            .iter()
            .map(|m| (m.month.month_words(), m.reached.clone(), m.closed))
            .collect();
        assert_eq!(
            counts,
            [
                ("January 2026".to_owned(), vec![2, 0, 0, 0, 0, 0], 0),
                ("February 2026".to_owned(), vec![1, 1, 0, 0, 0, 0], 1),
                ("March 2026".to_owned(), vec![0, 1, 1, 0, 0, 0], 0),
            ]
        );
        assert_eq!(funnel.totals().reached, [3, 2, 1, 0, 0, 0]);
        assert_eq!(funnel.received, 3);
        assert_eq!(funnel.conversions[0].stage, Stage::InitialVisit);
        assert_eq!(
            funnel.conversions[0].count, 1,
            "d was received before the period"
        );
        assert_eq!(funnel.conversions[1].count, 1);
        assert_eq!(funnel.conversions[1].median_days, Some(65));
        assert_eq!((funnel.contacted, funnel.contacted_in_time), (2, 1));
        assert_eq!(funnel.median_hours_to_contact, Some(2));
        assert_eq!(
            funnel
                .sources
                .iter()
                .map(|s| (s.heard_from, s.enquiries, s.applications))
                .collect::<Vec<_>>(),
            [(HeardFrom::Search, 2, 0), (HeardFrom::Event, 1, 1)]
        );
        assert_eq!(funnel.closed_reasons, [(ClosedReason::NotNow, 1)]);
        let csv = funnel.csv();
        assert!(csv.starts_with("Month,Enquiry,Initial visit,Application,Assessment,Panel,Approved,Closed\r\nJanuary 2026,2,0,0,0,0,0,0\r\n"));
        assert!(csv.contains("Total,3,2,1,0,0,0,1\r\n"));
        assert!(csv.contains("An internet search,2,0\r\n"));
        assert_eq!(share_words(1, 3), "1 of 3 (33%)");
        assert_eq!(share_words(0, 0), "0 of 0");
    }

    #[test]
    fn ids_and_reply_times() {
        assert!(is_enquiry_id("abcdefgh-12345678"));
        assert!(!is_enquiry_id("short"));
        assert!(!is_enquiry_id("has spaces in it, sadly"));
        assert_eq!(
            reply_by_words(at("2026-11-24") + 13 * HOUR + 30 * 60),
            "by 11:30pm on Tuesday 24 November 2026"
        );
    }

    #[test]
    fn not_the_right_time_comes_back_to_the_inbox_after_twelve_months_until_someone_calls() {
        let day = at("2026-01-10");
        let not_now = moved(record("later", day, HeardFrom::Search), Stage::Closed, day);
        assert_eq!(
            not_now.recontact_on(),
            Some(CalendarDate::parse("2027-01-10").expect("date"))
        );
        let on = |raw: &str| CalendarDate::parse(raw).expect("date");
        assert!(!not_now.follow_up_due(on("2027-01-09")));
        assert!(not_now.follow_up_due(on("2027-01-10")));
        let all = [not_now.clone()];
        let ids = |view, today| -> Vec<String> {
            inbox(&all, view, None, today)
                .iter()
                .map(|r| r.id.clone())
                .collect()
        };
        assert_eq!(ids(InboxView::FollowUp, on("2027-02-01")), ["later"]);
        assert_eq!(ids(InboxView::Open, on("2027-02-01")), ["later"]);
        assert!(ids(InboxView::Open, on("2026-12-01")).is_empty());
        // The team sets another day instead.
        let mut sooner = not_now.clone();
        sooner.events.push(event(
            day + DAY,
            Happened::Recontact {
                on: on("2026-07-01"),
            },
        ));
        assert_eq!(sooner.recontact_on(), Some(on("2026-07-01")));
        // A call on or after the day clears it.
        let called = contacted(sooner, at("2026-07-02"));
        assert!(!called.follow_up_due(on("2026-08-01")));
        // Only "not the right time" has a day to get back in touch.
        let mut withdrew = moved(record("gone", day, HeardFrom::Search), Stage::Closed, day);
        withdrew.events[0].happened = Happened::Stage {
            to: Stage::Closed,
            reason: Some(ClosedReason::Withdrew),
        };
        assert_eq!(withdrew.recontact_on(), None);
        assert!(
            withdrew
                .allows(&Action::Recontact(on("2026-07-01")))
                .is_err()
        );
        assert!(not_now.allows(&Action::Recontact(on("2026-07-01"))).is_ok());
        let form = ActionForm {
            action: "recontact".into(),
            choice: "soon".into(),
            ..ActionForm::default()
        };
        assert_eq!(
            form.parse(),
            Err("Enter the day to get back in touch, like 1/3/2027".to_owned())
        );
    }

    #[test]
    fn a_carer_who_referred_a_friend_is_counted_with_how_far_the_friends_went() {
        let referred = |name: &str| {
            let mut form = filled();
            form.heard_from = "foster_carer".into();
            form.referred_by = name.into();
            form
        };
        let enquiry = referred("  Sam  Taylor ").parse(AREA).expect("valid");
        assert_eq!(
            enquiry.referred_by.as_ref().map(Text::as_str),
            Some("Sam Taylor")
        );
        assert!(
            enquiry
                .answers()
                .contains(&("Referred by", "Sam Taylor".to_owned()))
        );
        // A name typed before choosing another answer is not kept.
        let mut elsewhere = referred("Sam Taylor");
        elsewhere.heard_from = "advert".into();
        assert_eq!(elsewhere.parse(AREA).expect("valid").referred_by, None);
        let too_long = referred(&"x".repeat(101));
        assert_eq!(
            too_long.check(Step::HeardFrom, AREA)[0].0,
            field::REFERRED_BY
        );

        let day = at("2026-10-05");
        let mut records = Vec::new();
        for (n, name) in ["Sam Taylor", "sam taylor", "Pat Green"].iter().enumerate() {
            let mut r = record(&format!("r{n}"), day, HeardFrom::FosterCarer);
            r.enquiry = referred(name).parse(AREA).expect("valid");
            records.push(r);
        }
        records[0] = moved(records[0].clone(), Stage::Application, day + DAY);
        let funnel = Funnel::of(&records, &BTreeSet::new(), CalendarDate::uk_date_of(day), 3);
        let counted: Vec<(String, u32, u32)> = funnel
            .referrals
            .iter()
            .map(|r| (r.by.clone(), r.enquiries, r.applications))
            .collect();
        assert_eq!(
            counted,
            [
                ("Sam Taylor".to_owned(), 2, 1),
                ("Pat Green".to_owned(), 1, 0)
            ]
        );
    }

    #[test]
    fn the_funnel_sets_mentored_applications_against_the_others() {
        let day = at("2026-09-01");
        let applied = |id: &str| {
            moved(
                record(id, day, HeardFrom::Search),
                Stage::Application,
                day + DAY,
            )
        };
        let records = vec![
            moved(applied("m1"), Stage::Approved, day + 100 * DAY),
            applied("m2"),
            moved(applied("o1"), Stage::Closed, day + 30 * DAY),
            moved(applied("o2"), Stage::Approved, day + 110 * DAY),
            applied("o3"),
            // Never applied: not in either group.
            record("e1", day, HeardFrom::Search),
        ];
        let mentored: BTreeSet<String> = ["m1", "m2", "e1"].map(String::from).into();
        let funnel = Funnel::of(
            &records,
            &mentored,
            CalendarDate::uk_date_of(day + 120 * DAY),
            6,
        );
        let outcomes = |o: funnel::Outcomes| (o.applications, o.approved, o.closed);
        assert_eq!(outcomes(funnel.mentoring.mentored), (2, 1, 0));
        assert_eq!(outcomes(funnel.mentoring.others), (3, 1, 1));
    }
}

mod plain_pages {
    use super::super::pages::{Posted, answer, check_page, form_pairs};
    use super::AREA;

    #[test]
    fn a_form_body_is_read_as_a_browser_sends_it() {
        assert_eq!(
            form_pairs("name=Ann+O%27Neil&x=%E2%9C%93&bad=%zz&empty="),
            [
                ("name".to_owned(), "Ann O'Neil".to_owned()),
                ("x".to_owned(), "✓".to_owned()),
                ("bad".to_owned(), "%zz".to_owned()),
                ("empty".to_owned(), String::new()),
            ]
        );
        assert_eq!(
            form_pairs("a=%E2"),
            [("a".to_owned(), "\u{fffd}".to_owned())]
        );
        let posted =
            Posted::read("interests=teenagers&interests=siblings&consent=yes&at=interests&go=back");
        assert_eq!(posted.form.interests, ["teenagers", "siblings"]);
        assert!(posted.form.consent);
        assert_eq!(
            (posted.at.as_str(), posted.go.as_str()),
            ("interests", "back")
        );
    }

    #[test]
    fn answers_are_carried_escaped_and_each_page_leads_on() {
        let posted = Posted::read("at=name&name=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        let (title, html) = answer(&posted, AREA, "id");
        assert_eq!(title, "How can we contact you?");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&quot;&gt;&lt;script&gt;"));
        let back = Posted::read("at=contact&go=back&name=Kai");
        assert_eq!(answer(&back, AREA, "id").0, "What is your name?");
        let change = Posted::read("at=check&go=postcode&name=Kai");
        assert_eq!(answer(&change, AREA, "id").0, "What is your postcode?");
        let (_, check) = check_page(
            &Posted::read("name=Kai&interests=siblings").form,
            "abc",
            &[],
        );
        assert!(check.contains("Brothers and sisters together"));
        assert!(check.contains(r#"name="id" value="abc""#));
        // The referring carer's name is asked with how they heard, and carried after it.
        let heard = Posted::read("at=interests&interests=siblings&name=Kai");
        let (title, html) = answer(&heard, AREA, "id");
        assert_eq!(title, "How did you hear about fostering with us?");
        assert!(html.contains(r#"name="referred_by""#), "{html}");
        let on =
            Posted::read("at=heard_from&heard_from=foster_carer&referred_by=Sam+Taylor&name=Kai");
        let (_, next) = answer(&on, AREA, "id");
        assert!(
            next.contains(r#"name="referred_by" value="Sam Taylor""#),
            "{next}"
        );
    }
}
