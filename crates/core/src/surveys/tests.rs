use super::*;
use crate::carers::HouseholdStatus;
use crate::date::CalendarDate;
use crate::sync::Mutator as _;

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
            by: None,
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

fn date(raw: &str) -> CalendarDate {
    CalendarDate::parse(raw).expect("a date")
}

fn form() -> WaveForm {
    WaveForm {
        title: "Winter health check".into(),
        intro: "Tell us how we are doing.".into(),
        opens: "2026-12-01".into(),
        closes: "2027-01-14".into(),
        audience: "everyone".into(),
        anonymous: true,
        questions: vec![
            QuestionForm {
                id: Some("fair".into()),
                text: "I am treated fairly".into(),
                kind: "agreement".into(),
                options: String::new(),
            },
            QuestionForm {
                text: "Which of these have you used?".into(),
                kind: "multiple".into(),
                options: "Support groups\n\nBuddy scheme\n".into(),
                ..QuestionForm::default()
            },
            QuestionForm {
                text: "Anything else?".into(),
                kind: "free_text".into(),
                ..QuestionForm::default()
            },
        ],
        ..WaveForm::default()
    }
}

#[test]
fn a_wave_keeps_reused_question_ids_and_numbers_new_ones_under_its_own() {
    let wave = form().parse("w2", date("2026-11-22")).expect("valid");
    let ids: Vec<&str> = wave.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["fair", "w2-q2", "w2-q3"]);
    assert_eq!(
        wave.questions[1].kind,
        QuestionKind::Multiple {
            options: vec!["Support groups".into(), "Buddy scheme".into()]
        }
    );
    assert!(wave.anonymous);
    assert_eq!(
        WaveForm::of(&wave).parse("w2", date("2026-11-22")),
        Ok(wave)
    );
}

#[test]
fn a_wave_form_names_every_problem() {
    let mut bad = form();
    bad.title = " ".into();
    bad.closes = "2026-11-30".into();
    bad.audience = "area: ".into();
    bad.questions[1].options = "Only one".into();
    bad.questions.push(QuestionForm {
        id: Some("fair".into()),
        text: "Again".into(),
        kind: "agreement".into(),
        options: String::new(),
    });
    let problems = bad.parse("w", date("2026-11-22")).expect_err("invalid");
    let fields: Vec<WaveField> = problems.iter().map(|(f, _)| *f).collect();
    assert_eq!(
        fields,
        [
            WaveField::Title,
            WaveField::Closes,
            WaveField::Audience,
            WaveField::Questions,
            WaveField::Questions
        ]
    );
    assert!(problems[3].1.contains("Question 2"), "{problems:?}");
    assert!(problems[4].1.contains("twice"), "{problems:?}");
    let mut past = form();
    past.closes = "2026-11-21".into();
    past.opens = "2026-11-01".into();
    assert_eq!(
        past.parse("w", date("2026-11-22"))
            .expect_err("closed already")[0]
            .1,
        "The closing date must be today or later"
    );
}

fn state(wave: &Wave, today: &str) -> SurveyState {
    SurveyState {
        wave: Some(wave.clone()),
        today: date(today),
        answered: false,
        standing: Standing {
            carer_type: CarerType::Mainstream,
            area: Some("Northby".into()),
            status: HouseholdStatus::Approved,
            ended_on: None,
        },
        name: "Sam Taylor".into(),
        response: None,
    }
}

fn respond(answers: &[(&str, Answer)]) -> SurveyChange {
    SurveyChange::Respond {
        wave: "w".into(),
        answers: answers
            .iter()
            .map(|(id, a)| ((*id).to_owned(), a.clone()))
            .collect(),
        anonymous: None,
    }
}

/// `change` as a device sends it, with what the carer was told about their name.
fn promising(change: SurveyChange, promised: bool) -> SurveyChange {
    let SurveyChange::Respond { wave, answers, .. } = change;
    SurveyChange::Respond {
        wave,
        answers,
        anonymous: Some(promised),
    }
}

#[test]
fn a_response_given_under_one_promise_is_never_kept_under_the_other() {
    let wave = form().parse("w", date("2026-11-22")).expect("valid");
    assert!(wave.anonymous);
    let answer = respond(&[("fair", Answer::Agreement(Agreement::Agree))]);
    let mut named = wave.clone();
    named.anonymous = false;

    // Answered offline under "anonymous"; the survey was made named before it arrived.
    let mut state = state(&named, "2026-12-02");
    let refused = promising(answer.clone(), true)
        .apply(&mut state)
        .expect_err("refused");
    assert_eq!(refused.code, "anonymity_changed");
    assert!(
        refused.message.contains("is named now, not anonymous"),
        "{}",
        refused.message
    );
    assert_eq!(state.response, None, "nothing is kept");
    assert!(!state.answered, "they may answer again");

    let mut state = self::state(&wave, "2026-12-02");
    let refused = promising(answer.clone(), false).apply(&mut state);
    assert_eq!(refused.expect_err("refused").code, "anonymity_changed");

    let mut state = self::state(&wave, "2026-12-02");
    promising(answer, true).apply(&mut state).expect("kept");
    assert_eq!(state.response.expect("a response").by, None);
}

#[test]
fn whether_a_survey_is_anonymous_is_frozen_once_it_opens() {
    let wave = form().parse("w", date("2026-11-22")).expect("valid");
    let mut named = wave.clone();
    named.anonymous = false;
    // Before it opens (1 December), staff may still change their minds.
    assert_eq!(
        check_anonymity_kept(&wave, &named, date("2026-11-30")),
        Ok(())
    );
    let frozen = check_anonymity_kept(&wave, &named, date("2026-12-01")).expect_err("frozen");
    assert!(frozen.contains("can no longer change"), "{frozen}");
    assert!(check_anonymity_kept(&wave, &named, date("2027-02-01")).is_err());
    // Other changes are not this rule's business.
    let mut retitled = wave.clone();
    retitled.title = "Renamed".into();
    assert_eq!(
        check_anonymity_kept(&wave, &retitled, date("2026-12-02")),
        Ok(())
    );
}

#[test]
fn an_anonymous_response_keeps_the_groups_but_not_the_name_and_counts_once() {
    let wave = form().parse("w", date("2026-11-22")).expect("valid");
    let mut state = state(&wave, "2026-12-02");
    let change = respond(&[("fair", Answer::Agreement(Agreement::Agree))]);
    change.apply(&mut state).expect("accepted");
    let response = state.response.clone().expect("a response");
    assert_eq!(response.by, None);
    assert_eq!(response.carer_type, Some(CarerType::Mainstream));
    assert!(state.answered);
    state.response = None;
    change
        .apply(&mut state)
        .expect("a second answer is accepted");
    assert_eq!(state.response, None, "but it adds nothing");

    let mut named = wave.clone();
    named.anonymous = false;
    let mut state = self::state(&named, "2026-12-02");
    change.apply(&mut state).expect("accepted");
    assert_eq!(
        state.response.expect("a response").by.as_deref(),
        Some("Sam Taylor")
    );
}

#[test]
fn responses_outside_the_dates_the_audience_or_the_questions_are_refused() {
    let wave = form().parse("w", date("2026-11-22")).expect("valid");
    let good = respond(&[("fair", Answer::Agreement(Agreement::Agree))]);
    let code = |change: &SurveyChange, mut state: SurveyState| {
        change.apply(&mut state).expect_err("refused").code
    };
    assert_eq!(code(&good, state(&wave, "2026-11-30")), "not_open");
    assert_eq!(code(&good, state(&wave, "2027-01-15")), "closed");
    let mut for_short_breaks = wave.clone();
    for_short_breaks.audience = Audience::CarerType(CarerType::ShortBreaks);
    assert_eq!(
        code(&good, state(&for_short_breaks, "2026-12-02")),
        "not_asked"
    );
    for bad in [
        respond(&[]),
        respond(&[("fair", Answer::Recommend(3))]),
        respond(&[("w-q2", Answer::Multiple(vec!["Bingo".into()]))]),
        respond(&[("gone", Answer::Agreement(Agreement::Agree))]),
        respond(&[("w-q3", Answer::Text("x".repeat(MOST_TEXT_ANSWER + 1)))]),
    ] {
        assert_eq!(code(&bad, state(&wave, "2026-12-02")), "invalid", "{bad:?}");
    }
    assert_eq!(
        code(
            &good,
            SurveyState {
                wave: None,
                ..state(&wave, "2026-12-02")
            }
        ),
        "no_such_survey"
    );
    assert_eq!(
        good.without_answers(),
        SurveyChange::Respond {
            wave: "w".into(),
            answers: BTreeMap::new(),
            anonymous: None,
        }
    );
}

#[test]
fn the_pool_is_in_the_same_order_whichever_order_carers_answered_in() {
    let responses = answering(
        &[Agreement::Agree, Agreement::Disagree, Agreement::DontKnow],
        CarerType::Mainstream,
    );
    let mut forwards = Vec::new();
    let mut backwards = Vec::new();
    for response in &responses {
        add_to_pool(&mut forwards, response.clone());
    }
    for response in responses.iter().rev() {
        add_to_pool(&mut backwards, response.clone());
    }
    assert_eq!(forwards, backwards);
    assert_eq!(forwards.len(), 3);
}

/// An anonymous wave of one agreement question, open for six weeks.
fn health_check() -> Wave {
    Wave {
        id: "w".into(),
        title: "Health check".into(),
        intro: String::new(),
        questions: vec![agreement()],
        opens: date("2026-12-01"),
        closes: date("2027-01-14"),
        audience: Audience::Everyone,
        anonymous: true,
        previous: None,
        reminded_on: None,
    }
}

#[test]
fn staff_see_no_results_until_enough_have_answered() {
    let wave = health_check();
    let staff = |answered| StaffWave {
        wave: wave.clone(),
        answered,
        asked: 10,
        waiting: 0,
    };
    let four = answering(&[Agreement::Agree; 4], CarerType::Mainstream);
    let seen = WaveResults::of(staff(4), &four, None, Some(GroupBy::Area));
    assert_eq!(seen.results, None);
    assert_eq!(seen.breakdown, None);
    let five = answering(&[Agreement::Agree; 5], CarerType::Mainstream);
    let seen = WaveResults::of(staff(5), &five, None, Some(GroupBy::Area));
    assert_eq!(seen.results.expect("shown")[0].agree, Some(100));
    assert_eq!(staff(5).rate_words(), "5 of 10 carers (50%)");
    let (by, groups) = seen.breakdown.expect("broken down");
    assert_eq!(by, GroupBy::Area);
    assert!(matches!(&groups[0][0], GroupResult::Shown { group, .. } if group == "Northby"));
}

#[test]
fn named_written_answers_say_who_wrote_them() {
    let words = Question {
        id: "words".into(),
        text: "Anything else?".into(),
        kind: QuestionKind::FreeText,
    };
    let response = Response {
        answers: [("words".to_owned(), Answer::Text(" More groups ".into()))].into(),
        by: Some("Sam Taylor".into()),
        ..Response::default()
    };
    assert_eq!(
        result(&words, &[response]).distribution,
        Distribution::Text(vec!["More groups (Sam Taylor)".into()])
    );
}

#[test]
fn headline_figures_and_changes_are_said_in_words() {
    let mut result = result(
        &agreement(),
        &answering(
            &[Agreement::Agree, Agreement::Disagree],
            CarerType::Mainstream,
        ),
    );
    assert_eq!(
        result.shares_words(&QuestionKind::Agreement).as_deref(),
        Some("Agree: 50%. Disagree: 50%.")
    );
    assert!(
        result
            .shares_words(&QuestionKind::Recommend)
            .expect("words")
            .starts_with("Would recommend")
    );
    assert_eq!(result.change_words("Summer health check"), None);
    for (change, words) in [
        (5, "Up 5 points since the summer health check"),
        (-1, "Down 1 point since the summer health check"),
        (0, "No change since the summer health check"),
    ] {
        result.change = Some(change);
        assert_eq!(
            result.change_words("Summer health check").as_deref(),
            Some(words)
        );
    }
    assert_eq!(
        result.distribution.rows().expect("rows")[1],
        ("Agree".to_owned(), 1)
    );
    assert_eq!(Distribution::Text(vec!["x".into()]).rows(), None);
}

#[test]
fn the_home_page_reads_an_invitation_from_one_line() {
    let mut wave = form().parse("w1", date("2026-11-22")).expect("valid");
    wave.title = "Winter | health check".into();
    let invite = Invite::parse(&Invite::line(&wave)).expect("reads");
    assert_eq!(invite.title, "Winter | health check");
    assert_eq!(invite.wave, "w1");
    assert_eq!(invite.closes_words, "14 January 2027");
    assert!(!invite.reminded);
    let mut later = wave.clone();
    later.id = "w2".into();
    later.closes = date("2027-02-28");
    later.reminded_on = Some(date("2026-12-10"));
    let record = [Invite::line(&later), Invite::line(&wave)].join("\n");
    assert_eq!(
        Invite::soonest(&record, "2026-11-30"),
        None,
        "neither is open yet"
    );
    assert_eq!(
        Invite::soonest(&record, "2026-12-01")
            .map(|i| i.wave)
            .as_deref(),
        Some("w1")
    );
    let after = Invite::soonest(&record, "2027-01-15").expect("w2 is still open");
    assert!(after.reminded && after.wave == "w2");
    assert_eq!(Invite::soonest(&record, "2027-03-01"), None);
    let rest = Invite::without(&record, "w1").expect("w2 is left");
    assert_eq!(
        Invite::soonest(&rest, "2026-12-01")
            .map(|i| i.wave)
            .as_deref(),
        Some("w2")
    );
    assert_eq!(Invite::without(&rest, "w2"), None);
    assert_eq!(Invite::parse("2026-12-01|2027-01-14"), None);
    for audience in [
        Audience::Everyone,
        Audience::CarerType(CarerType::ShortBreaks),
        Audience::Area("Ashton Vale".into()),
    ] {
        assert_eq!(Audience::from_code(&audience.code()), Some(audience));
    }
    assert_eq!(Audience::from_code("type:nobody"), None);
    let note = NoteForm {
        you_said: "A\u{1f}B".into(),
        we_did: "C".into(),
    }
    .parse(&wave, date("2026-12-01"))
    .expect("valid");
    assert_eq!(
        note.home_line().split(NOTE_SPLIT).collect::<Vec<_>>(),
        ["A B", "C"]
    );
}

#[test]
fn only_approved_households_answers_count() {
    let wave = form().parse("w", date("2026-11-22")).expect("valid");
    let answer = respond(&[("fair", Answer::Agreement(Agreement::Agree))]);
    let mut on_hold = state(&wave, "2026-12-02");
    on_hold.standing.status = HouseholdStatus::OnHold;
    let refused = answer.apply(&mut on_hold).expect_err("not asked");
    assert_eq!(refused.code, "not_asked");
    assert_eq!(on_hold.response, None);
    assert!(!on_hold.answered);
}

#[test]
fn the_exit_interview_asks_households_that_left_inside_its_window_only() {
    let mut wave = form().parse("w", date("2026-11-22")).expect("valid");
    wave.audience = Audience::from_code("left:6").expect("an exit window");
    assert_eq!(
        Audience::from_code("left:7"),
        None,
        "only the windows offered"
    );
    assert_eq!(
        wave.audience.words(),
        "Households that stopped fostering in the last 6 months"
    );
    let answer = respond(&[("fair", Answer::Agreement(Agreement::Agree))]);
    let mut approved = state(&wave, "2026-12-02");
    assert_eq!(
        answer.apply(&mut approved).map_err(|r| r.code),
        Err("not_asked".to_owned()),
        "an approved household has not left"
    );
    let mut left = state(&wave, "2026-12-02");
    left.standing.status = HouseholdStatus::Ended;
    left.standing.ended_on = Some(date("2026-06-02"));
    answer
        .apply(&mut left)
        .expect("asked: six months to the day");
    assert!(left.answered);
    let mut long_gone = state(&wave, "2026-12-02");
    long_gone.standing.status = HouseholdStatus::Ended;
    long_gone.standing.ended_on = Some(date("2026-06-01"));
    let refused = answer.apply(&mut long_gone).expect_err("left too long ago");
    assert!(
        refused
            .message
            .contains("stopped fostering in the last 6 months")
    );
    // Other waves never ask a household that has left.
    let everyone = form().parse("w", date("2026-11-22")).expect("valid");
    assert!(!everyone.audience.asks(&left.standing, date("2026-12-02")));
}

#[test]
fn a_household_that_left_chooses_to_be_named_or_anonymous_in_its_exit_interview() {
    let mut wave = form().parse("w", date("2026-11-22")).expect("valid");
    wave.audience = Audience::from_code("left:12").expect("an exit window");
    assert!(wave.anonymous && wave.respondent_chooses());
    let answer = respond(&[("fair", Answer::Agreement(Agreement::Agree))]);
    let left = |wave: &Wave| {
        let mut state = state(wave, "2026-12-02");
        state.standing.status = HouseholdStatus::Ended;
        state.standing.ended_on = Some(date("2026-10-02"));
        state
    };
    let mut named = left(&wave);
    promising(answer.clone(), false)
        .apply(&mut named)
        .expect("named by choice, though the survey starts anonymous");
    assert_eq!(
        named.response.expect("a response").by.as_deref(),
        Some("Sam Taylor")
    );
    let mut anonymous = left(&wave);
    promising(answer.clone(), true)
        .apply(&mut anonymous)
        .expect("anonymous by choice");
    assert_eq!(anonymous.response.expect("a response").by, None);
    // An answer from a version that did not ask takes the survey's own setting.
    let mut unasked = left(&wave);
    answer.apply(&mut unasked).expect("kept");
    assert_eq!(unasked.response.expect("a response").by, None);
    // No other survey lets the carer choose.
    let everyone = form().parse("w", date("2026-11-22")).expect("valid");
    assert!(!everyone.respondent_chooses());
}

#[test]
fn staff_are_told_how_many_answers_wait_and_why() {
    let wave = |waiting| StaffWave {
        wave: health_check(),
        answered: 3,
        asked: 10,
        waiting,
    };
    assert_eq!(wave(0).waiting_words(), None);
    let one = wave(1).waiting_words().expect("said");
    assert!(one.starts_with("1 answer is waiting"), "{one}");
    let three = wave(3).waiting_words().expect("said");
    assert!(three.starts_with("3 answers are waiting"), "{three}");
    assert!(three.contains("5 at a time"), "{three}");
}
