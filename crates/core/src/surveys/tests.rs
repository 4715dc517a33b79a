use super::*;

fn agreement() -> Question {
    Question {
        id: "fair".into(),
        text: "I am treated fairly by the fostering service".into(),
        kind: QuestionKind::Agreement,
    }
}

fn answering(answers: &[Agreement], carer_type: CarerType) -> Vec<Response> {
    answers
        .iter()
        .map(|a| Response {
            answers: [("fair".to_owned(), Answer::Agreement(*a))].into(),
            carer_type: Some(carer_type),
            area: Some("Northby".into()),
        })
        .collect()
}

#[test]
fn shares_are_of_everyone_who_answered_rounded_to_whole_percent() {
    use Agreement::{Agree, DontKnow, Neither, StronglyAgree, StronglyDisagree};
    let responses = answering(
        &[
            StronglyAgree,
            Agree,
            Agree,
            Neither,
            StronglyDisagree,
            DontKnow,
        ],
        CarerType::Mainstream,
    );
    let found = result(&agreement(), &responses);
    assert_eq!(found.responses, 6);
    assert_eq!(
        found.distribution,
        Distribution::Agreement([1, 2, 1, 0, 1, 1])
    );
    assert_eq!((found.agree, found.disagree), (Some(50), Some(17)));
    assert_eq!(percent(2, 3), 67);
    assert_eq!(percent(1, 8), 13, "12.5 rounds up");
    assert_eq!(percent(0, 0), 0);
}

#[test]
fn the_change_since_the_last_wave_is_in_percentage_points() {
    use Agreement::{Agree, Disagree};
    let before = answering(
        &[Agree, Disagree, Disagree, Disagree],
        CarerType::Mainstream,
    );
    let now = answering(&[Agree, Agree, Agree, Disagree], CarerType::Mainstream);
    let found = results(&[agreement()], &now, &before);
    assert_eq!(found[0].agree, Some(75));
    assert_eq!(found[0].change, Some(50));
    assert_eq!(
        results(&[agreement()], &now, &[])[0].change,
        None,
        "a first wave"
    );
}

#[test]
fn a_group_with_fewer_than_five_responses_is_hidden_with_the_reason() {
    let mut responses = answering(&[Agreement::Agree; 5], CarerType::Mainstream);
    responses.extend(answering(&[Agreement::Disagree; 4], CarerType::ShortBreaks));
    let groups = breakdown(&agreement(), &responses, GroupBy::CarerType);
    assert_eq!(groups.len(), 2);
    assert!(matches!(&groups[0], GroupResult::Shown { result, .. } if result.agree == Some(100)));
    match &groups[1] {
        GroupResult::Hidden { reason, .. } => {
            assert!(reason.contains("fewer than 5 responses"), "{reason}");
        }
        shown @ GroupResult::Shown { .. } => panic!("a group of 4 is shown: {shown:?}"),
    }
    let by_area = breakdown(&agreement(), &responses, GroupBy::Area);
    assert!(matches!(&by_area[0], GroupResult::Shown { result, .. } if result.responses == 9));
}

#[test]
fn recommend_choices_and_written_answers_are_counted_and_listed() {
    let recommend = Question {
        id: "recommend".into(),
        text: "Would you recommend fostering with us?".into(),
        kind: QuestionKind::Recommend,
    };
    let support = Question {
        id: "support".into(),
        text: "=What support have you used?".into(),
        kind: QuestionKind::Multiple {
            options: vec!["Buddy".into(), "Support group".into()],
        },
    };
    let words = Question {
        id: "words".into(),
        text: "Anything else?".into(),
        kind: QuestionKind::FreeText,
    };
    let response = |score: u8, used: &[&str], text: &str| Response {
        answers: [
            ("recommend".to_owned(), Answer::Recommend(score)),
            (
                "support".to_owned(),
                Answer::Multiple(used.iter().map(|s| (*s).to_owned()).collect()),
            ),
            ("words".to_owned(), Answer::Text(text.into())),
        ]
        .into(),
        ..Response::default()
    };
    let responses = [
        response(
            10,
            &["Buddy", "Support group"],
            "More groups in the evening.",
        ),
        response(9, &["Buddy"], " "),
        response(6, &[], "Answer the phone!"),
        response(8, &["Support group"], ""),
    ];
    let questions = [recommend, support, words];
    let found = results(&questions, &responses, &[]);
    assert_eq!((found[0].agree, found[0].disagree), (Some(50), Some(25)));
    assert_eq!(
        found[1].distribution,
        Distribution::Choices(vec![("Buddy".into(), 2), ("Support group".into(), 2)])
    );
    assert_eq!(
        found[2].distribution,
        Distribution::Text(vec![
            "Answer the phone!".into(),
            "More groups in the evening.".into()
        ])
    );
    assert!(matches!(
        &breakdown(&questions[2], &responses, GroupBy::Area)[0],
        GroupResult::Hidden { .. }
    ));
    let csv = results_csv(&questions, &found);
    assert!(
        csv.contains("'=What support have you used?,Buddy,2,50,4\r\n"),
        "{csv}"
    );
    assert!(
        !csv.contains("Answer the phone"),
        "no written answer in the spreadsheet"
    );
}
