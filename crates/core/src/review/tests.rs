use std::collections::BTreeSet;

use super::*;

fn day(text: &str) -> CalendarDate {
    CalendarDate::parse(text).expect("a date")
}

fn course(id: &str, title: &str) -> Course {
    Course {
        id: id.to_owned(),
        title: title.to_owned(),
        category: "Practice".to_owned(),
        mandatory_for: Vec::new(),
        renewal_months: None,
        standards: BTreeSet::new(),
    }
}

fn goal(text: &str, course_id: &str) -> GoalForm {
    GoalForm {
        text: text.to_owned(),
        course_id: course_id.to_owned(),
    }
}

fn form(goals: Vec<GoalForm>) -> ReviewForm {
    ReviewForm {
        went_well: "Settling Jay into school.".to_owned(),
        been_hard: String::new(),
        support_wanted: "  ".to_owned(),
        goals,
    }
}

#[test]
fn a_review_is_due_a_year_after_approval_then_a_year_after_the_last_held() {
    let approved = day("2024-03-10");
    assert_eq!(next_review_due(approved, None), day("2025-03-10"));
    assert_eq!(
        next_review_due(approved, Some(day("2025-04-02"))),
        day("2026-04-02")
    );
    // A review recorded before the approval (a household approved again) does not count.
    assert_eq!(
        next_review_due(approved, Some(day("2023-01-01"))),
        day("2025-03-10")
    );
}

#[test]
fn the_form_opens_eight_weeks_before_and_is_overdue_the_day_after() {
    let due = day("2026-12-20");
    let timing = |today: &str| ReviewTiming::of(due, day(today));
    assert_eq!(timing("2026-10-24"), ReviewTiming::Later);
    assert_eq!(timing("2026-10-25"), ReviewTiming::Due);
    assert_eq!(timing("2026-12-20"), ReviewTiming::Due);
    assert_eq!(timing("2026-12-21"), ReviewTiming::Overdue);
    let words = |today: &str| ReviewTiming::of(due, day(today)).words(due, day(today));
    assert_eq!(words("2026-12-19"), "Due in 1 day");
    assert_eq!(words("2026-12-20"), "Due today");
    assert_eq!(words("2026-12-23"), "Overdue by 3 days");
    assert_eq!(words("2026-01-01"), "Due on 20 December 2026");
}

#[test]
fn the_carers_part_needs_what_went_well_and_a_goal_and_names_real_courses() {
    let catalogue = [course("c1", "Safer caring")];
    let part = form(vec![
        goal("Learn more about safer caring", "c1"),
        GoalForm::default(),
        goal("Join a support group", ""),
    ])
    .parse(&catalogue)
    .expect("valid");
    assert_eq!(part.support_wanted, "", "spaces alone are left empty");
    assert_eq!(
        part.goals,
        [
            Goal {
                text: "Learn more about safer caring".into(),
                course: Some(GoalCourse {
                    id: "c1".into(),
                    title: "Safer caring".into()
                }),
            },
            Goal {
                text: "Join a support group".into(),
                course: None
            },
        ]
    );

    let mut bad = form(vec![goal("", "c1"), goal("Read", "gone")]);
    bad.went_well = String::new();
    let problems = bad.parse(&catalogue).expect_err("refused");
    let fields: Vec<String> = problems.iter().map(|p| p.field.input_id()).collect();
    assert_eq!(fields, ["went-well", "goal-1", "goal-2-course"]);
    assert_eq!(problems[1].message, "Describe goal 1, or remove its course");

    let none = form(vec![GoalForm::default()])
        .parse(&catalogue)
        .expect_err("no goal");
    assert_eq!(
        none[0].message,
        "Add at least one goal to your development plan"
    );
    let many = form(vec![goal("A goal", ""); MAX_GOALS + 1])
        .parse(&catalogue)
        .expect_err("too many");
    assert_eq!(many[0].message, "A development plan has at most 5 goals");
}

#[test]
fn a_sent_part_lands_only_on_the_review_now_due() {
    let approved = Some(day("2025-12-20"));
    let catalogue = [course("c1", "Safer caring")];
    let send = |due: &str| ReviewChange::Send {
        due_on: day(due),
        form: form(vec![goal("Do the course", "c1")]),
    };
    let who = ("Sam Taylor", day("2026-12-01"));

    let review = apply(&send("2026-12-20"), approved, &[], &catalogue, who).expect("taken");
    let part = review.sent.as_ref().expect("sent");
    assert_eq!((part.sent_by.as_str(), part.sent_on), who);
    assert_eq!(review.due_on, day("2026-12-20"));

    // Sent again, it replaces the first; once held, an old form is refused.
    let again = apply(
        &send("2026-12-20"),
        approved,
        std::slice::from_ref(&review),
        &catalogue,
        who,
    );
    assert!(again.is_ok());
    let held = AnnualReview {
        held: Some(Held {
            on: day("2026-12-18"),
            by: "Jo Worker".into(),
            comment: String::new(),
        }),
        ..review
    };
    assert_eq!(
        apply(
            &send("2026-12-20"),
            approved,
            std::slice::from_ref(&held),
            &catalogue,
            who
        ),
        Err(ReviewRefusal::OtherReview)
    );
    assert_eq!(
        current_review(day("2025-12-20"), &[held]).due_on,
        day("2027-12-18")
    );
    assert_eq!(
        apply(&send("2026-12-20"), None, &[], &catalogue, who),
        Err(ReviewRefusal::NotApproved)
    );
    let refused = apply(
        &ReviewChange::Send {
            due_on: day("2026-12-20"),
            form: form(vec![goal("Do it", "gone")]),
        },
        approved,
        &[],
        &catalogue,
        who,
    )
    .expect_err("no such course");
    assert!(
        refused
            .message()
            .contains("Choose a course from the list for goal 1.")
    );
}

#[test]
fn a_held_comment_may_be_empty_but_not_too_long() {
    assert_eq!(HeldForm::default().parse(), Ok(String::new()));
    assert!(
        HeldForm {
            comment: "x".repeat(COMMENT_MAX + 1)
        }
        .parse()
        .is_err()
    );
}
