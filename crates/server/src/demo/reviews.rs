//! The demo council's annual reviews, relative to today: the Taylors' is due in three weeks
//! (so `carer@demo.test` can fill in the form), the Hughes household's is ten days overdue with
//! its carer's part sent, the Mensahs' is due in six weeks, and the O'Briens' was held two
//! months ago with a plan agreed. Every other approved household's reviews were held on the
//! anniversary of its approval, so its next is due on the next anniversary.

use portal_core::date::CalendarDate;
use portal_core::review::{AnnualReview, CarerPart, Goal, GoalCourse, Held, SentPart, review_id};
use portal_core::sync::wire::collection::ANNUAL_REVIEWS;

use super::DemoError;
use super::claims::household_id;
use crate::db::Database;
use crate::sync::{next_change, put_record};

/// (household, its lead carer, days from today to the review now due, whether its carer's
/// part is sent)
const REVIEWS: [(&str, &str, i64, bool); 4] = [
    ("The Taylor household", "Sam Taylor", 21, false),
    ("The Hughes household", "Gareth Hughes", -10, true),
    ("The Mensah household", "Akosua Mensah", 42, false),
    ("The O'Brien household", "Niamh O'Brien", 305, false),
];

fn part(goal: &str) -> CarerPart {
    CarerPart {
        went_well: "The children have settled well and school reports are good.".to_owned(),
        been_hard: "Contact arrangements changed at short notice several times.".to_owned(),
        support_wanted: "More notice of changes to contact.".to_owned(),
        goals: vec![Goal {
            text: goal.to_owned(),
            course: None,
        }],
    }
}

pub async fn load(db: &Database, today: CalendarDate, worker: &str) -> Result<(), DemoError> {
    let safeguarding = crate::courses::list(db)
        .await?
        .into_iter()
        .find(|c| c.title == "Safeguarding children")
        .map(|c| GoalCourse {
            id: c.id,
            title: c.title,
        });
    let mut tx = db.pool().begin().await?;
    let change = next_change(&mut tx).await?;
    for (name, lead, days, sent) in REVIEWS {
        let household = household_id(&mut tx, name).await?;
        let due_on = today.add_days(days);
        let held_on = due_on.add_months(-12);
        let earlier = AnnualReview {
            due_on: held_on,
            sent: Some(SentPart {
                part: part("Finish the therapeutic parenting course."),
                sent_by: lead.to_owned(),
                sent_on: held_on.add_days(-7),
            }),
            held: Some(Held {
                on: held_on,
                by: worker.to_owned(),
                comment: "A good year. Plan agreed as written.".to_owned(),
            }),
        };
        let mut reviews = vec![earlier];
        if sent {
            reviews.push(AnnualReview {
                due_on,
                sent: Some(SentPart {
                    part: CarerPart {
                        goals: vec![Goal {
                            text: "Refresh safeguarding training.".to_owned(),
                            course: safeguarding.clone(),
                        }],
                        ..part("")
                    },
                    sent_by: lead.to_owned(),
                    sent_on: today.add_days(-20),
                }),
                held: None,
            });
        }
        for review in reviews {
            put(&mut tx, &household, &review, change).await?;
        }
    }
    let approved: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT id, name, approved_on FROM households WHERE status = 'approved' AND approved_on IS NOT NULL",
    )
    .fetch_all(&mut *tx)
    .await?;
    for (household, name, approved_on) in approved {
        if REVIEWS.iter().any(|(n, ..)| *n == name) {
            continue;
        }
        let approved_on =
            CalendarDate::parse(&approved_on).map_err(|e| DemoError::Record(e.to_string()))?;
        let mut anniversary = approved_on;
        while anniversary.add_months(12) <= today {
            anniversary = anniversary.add_months(12);
        }
        if anniversary > approved_on {
            let review = AnnualReview {
                due_on: anniversary,
                sent: None,
                held: Some(Held {
                    on: anniversary,
                    by: worker.to_owned(),
                    comment: String::new(),
                }),
            };
            put(&mut tx, &household, &review, change).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

async fn put(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    household: &str,
    review: &AnnualReview,
    change: i64,
) -> Result<(), DemoError> {
    let body = serde_json::to_string(review).map_err(|e| DemoError::Record(e.to_string()))?;
    let id = review_id(household, review.due_on);
    put_record(tx, ANNUAL_REVIEWS, &id, household, &body, change).await?;
    Ok(())
}
