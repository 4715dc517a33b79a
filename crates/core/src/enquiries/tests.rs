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
