use super::*;

fn set_phone(value: &str, replacing: &str) -> DetailsChange {
    DetailsChange::SetPhone {
        value: value.into(),
        replacing: replacing.into(),
    }
}

#[test]
fn valid_changes_apply_and_invalid_ones_say_why() {
    let mut details = MyDetails::default();
    set_phone("01632 960 001", "")
        .apply(&mut details)
        .expect("valid");
    assert_eq!(
        details.phone.as_ref().map(PhoneNumber::as_str),
        Some("01632 960 001")
    );
    let rejection = set_phone("call me", "01632 960 001")
        .apply(&mut details)
        .expect_err("invalid");
    assert_eq!(
        rejection.message,
        "Enter a phone number, like 01632 960 001 or +44 7700 900 982."
    );
    assert_eq!(
        details.phone.as_ref().map(PhoneNumber::as_str),
        Some("01632 960 001"),
        "unchanged"
    );
    set_phone("  ", "01632 960 001")
        .apply(&mut details)
        .expect("clearing is allowed");
    assert_eq!(details.phone, None);
}

#[test]
fn languages_are_tidied_and_limited() {
    let mut details = MyDetails::default();
    DetailsChange::SetLanguages {
        value: vec!["Polish".into(), " ".into(), "Polish".into(), "Urdu".into()],
        replacing: String::new(),
    }
    .apply(&mut details)
    .expect("valid");
    assert_eq!(details.shown(Field::Languages, None), "Polish, Urdu");
    let too_many = DetailsChange::SetLanguages {
        value: vec!["x".into(); 11],
        replacing: String::new(),
    };
    assert!(too_many.apply(&mut details).is_err());
}

#[test]
fn members_are_added_once_edited_and_removed() {
    let mut details = MyDetails::default();
    let add = DetailsChange::AddMember {
        id: "member-0001".into(),
        name: "Alex Taylor".into(),
        role: MemberRole::SecondCarer,
    };
    add.apply(&mut details).expect("valid");
    add.apply(&mut details).expect("a repeat is harmless");
    assert_eq!(details.members.len(), 1);
    DetailsChange::UpdateMember {
        id: "member-0001".into(),
        name: "Alex Taylor-Smith".into(),
        role: MemberRole::SecondCarer,
        replacing: "Alex Taylor (Second carer)".into(),
    }
    .apply(&mut details)
    .expect("valid");
    assert_eq!(details.members[0].name.as_str(), "Alex Taylor-Smith");
    DetailsChange::RemoveMember {
        id: "member-0001".into(),
    }
    .apply(&mut details)
    .expect("valid");
    DetailsChange::RemoveMember {
        id: "member-0001".into(),
    }
    .apply(&mut details)
    .expect("a repeat is harmless");
    assert!(details.members.is_empty());
    let missing = DetailsChange::UpdateMember {
        id: "member-0001".into(),
        name: "Alex".into(),
        role: MemberRole::SecondCarer,
        replacing: String::new(),
    };
    assert_eq!(
        missing.apply(&mut details).expect_err("gone").code,
        "missing"
    );
    let bad_id = DetailsChange::AddMember {
        id: "x".into(),
        name: "A".into(),
        role: MemberRole::OtherAdult,
    };
    assert!(bad_id.apply(&mut details).is_err());
}

#[test]
fn an_edit_made_without_seeing_the_latest_value_reports_what_it_replaced() {
    let mut details = MyDetails::default();
    // Phone A and phone B both saw no number. A's change arrives first.
    set_phone("01632 960 001", "")
        .apply(&mut details)
        .expect("valid");
    // B's change replaces A's number, which B never saw.
    let from_b = set_phone("07700 900 982", "");
    assert_eq!(
        from_b.overwrites(&details),
        Some(Overwritten {
            field: Field::Phone,
            lost_value: "01632 960 001".into(),
            new_value: "07700 900 982".into(),
        })
    );
    // So does an edit made from an older, different value.
    let stale = set_phone("07700 900 982", "01632 960 000");
    assert_eq!(
        stale.overwrites(&details).map(|o| o.lost_value),
        Some("01632 960 001".into())
    );
    // An edit made from the latest value loses nothing.
    assert_eq!(
        set_phone("07700 900 982", "01632 960 001").overwrites(&details),
        None
    );
    // Setting the same value again loses nothing either.
    assert_eq!(
        set_phone("01632 960 001", "something else").overwrites(&details),
        None
    );
}

#[test]
fn changes_travel_as_their_name_holding_their_arguments() {
    let change = set_phone("01632 960 001", "");
    let json = serde_json::to_value(&change).expect("json");
    assert_eq!(json["set_phone"]["value"], "01632 960 001");
    let unknown = serde_json::from_str::<DetailsChange>(r#"{"set_shoe_size":{}}"#);
    assert!(
        unknown.is_err(),
        "a change from a newer app is refused, not guessed at"
    );
}

/// The real My details changes, valid and invalid, on a small pool of members so that adds,
/// edits and removals collide.
mod properties {
    use proptest::prelude::*;

    use super::*;
    use crate::sync::model;

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("01632 960 001".to_owned()),
            Just("+44 7700 900 982".to_owned()),
            Just("call me".to_owned()),
            Just("someone@example.test".to_owned()),
            Just("NB1".to_owned()),
            Just("NB1 2AB".to_owned()),
            "[ a-zA-Z]{0,12}",
        ]
    }

    fn member_id() -> impl Strategy<Value = String> {
        (0_u8..3).prop_map(|n| format!("m{n}"))
    }

    fn role() -> impl Strategy<Value = MemberRole> {
        proptest::sample::select(MemberRole::ALL.to_vec())
    }

    fn change() -> impl Strategy<Value = DetailsChange> {
        prop_oneof![
            (text(), text())
                .prop_map(|(value, replacing)| DetailsChange::SetPhone { value, replacing }),
            (text(), text())
                .prop_map(|(value, replacing)| DetailsChange::SetEmail { value, replacing }),
            (text(), text()).prop_map(|(value, replacing)| {
                DetailsChange::SetPostcodeDistrict { value, replacing }
            }),
            (prop::collection::vec(text(), 0..12), text())
                .prop_map(|(value, replacing)| DetailsChange::SetLanguages { value, replacing }),
            (
                prop::collection::vec(proptest::sample::select(Experience::ALL.to_vec()), 0..4),
                text()
            )
                .prop_map(|(value, replacing)| DetailsChange::SetExperience { value, replacing }),
            (text(), text())
                .prop_map(|(value, replacing)| DetailsChange::SetAvailability { value, replacing }),
            (member_id(), text(), role()).prop_map(|(id, name, role)| DetailsChange::AddMember {
                id,
                name,
                role
            }),
            (member_id(), text(), role(), text()).prop_map(|(id, name, role, replacing)| {
                DetailsChange::UpdateMember {
                    id,
                    name,
                    role,
                    replacing,
                }
            }),
            member_id().prop_map(|id| DetailsChange::RemoveMember { id }),
        ]
    }

    proptest! {
        #[test]
        fn a_refused_change_leaves_the_details_exactly_as_they_were(
            before in prop::collection::vec(change(), 0..10),
            next in change(),
        ) {
            let mut details: MyDetails = model::reference(&before);
            let unchanged = details.clone();
            if next.apply(&mut details).is_err() {
                prop_assert_eq!(details, unchanged);
            }
        }

        #[test]
        fn pushing_a_batch_of_details_changes_twice_is_the_same_as_once(
            changes in prop::collection::vec(change(), 0..30),
        ) {
            model::pushing_twice_is_the_same_as_once::<MyDetails, _>(&changes)?;
        }

        #[test]
        fn whatever_the_network_does_each_details_change_counts_once(
            changes in prop::collection::vec(change(), 1..40),
            fates in model::fates(),
        ) {
            model::every_change_counts_once::<MyDetails, _>(&changes, fates)?;
        }

        #[test]
        fn the_details_a_device_shows_are_what_the_server_ends_with(
            applied in prop::collection::vec(change(), 0..10),
            queued in prop::collection::vec(change(), 0..10),
        ) {
            model::the_optimistic_view_becomes_the_server_state::<MyDetails, _>(&applied, &queued)?;
        }
    }
}
