//! The demo council's library: the foster carers' handbook, the charter and three policies.
//! The allegations policy was published a year ago and changed last month, so it is at version
//! 2, as a real library's documents would be.

use portal_core::date::CalendarDate;
use portal_core::library::DocumentForm;

use super::DemoError;
use crate::db::Database;

/// A demo document: id, kind, title, summary, body.
type DemoDocument = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

pub async fn load(db: &Database, today: CalendarDate) -> Result<(), DemoError> {
    let published = today.add_months(-12);
    for (id, kind, title, summary, body) in DOCUMENTS {
        save(db, id, (kind, title, summary, body), published, false).await?;
    }
    let (id, kind, title, summary, _) = ALLEGATIONS;
    let first = (kind, title, summary, ALLEGATIONS_FIRST);
    save(db, id, first, published, false).await?;
    let second = (kind, title, summary, ALLEGATIONS.4);
    save(db, id, second, today.add_days(-20), true).await
}

async fn save(
    db: &Database,
    id: &str,
    (kind, title, summary, body): (&str, &str, &str, &str),
    on: CalendarDate,
    existing: bool,
) -> Result<(), DemoError> {
    let form = DocumentForm {
        kind: kind.to_owned(),
        title: title.to_owned(),
        summary: summary.to_owned(),
        body: body.to_owned(),
    };
    crate::library::save(db, id, &form, existing, on).await?;
    Ok(())
}

const DOCUMENTS: [DemoDocument; 4] = [
    (
        "handbook",
        "handbook",
        "Foster carers' handbook",
        "Everything about fostering for Northby Council in one place: who supports you, what you are paid, training, and what to do when something goes wrong.",
        "## Welcome
This handbook is for every foster carer approved by Northby Council. Keep it to hand: the portal keeps a copy on your phone, so you can read it with no signal.

## Who supports you
- Your supervising social worker visits at least every six weeks and is your first contact.
- The fostering duty team answers Monday to Friday, 9am to 5pm, on 01632 960 001.
- The out-of-hours line is for emergencies in the evening, at night and at weekends.
- Your buddy or mentor is an experienced carer who has been where you are.

## Your allowance
Your fostering allowance is paid every two weeks into your bank account. It covers the child's food, clothes, pocket money and the other costs of caring. Mileage, some expenses and the holiday, birthday and celebration allowances are claimed in the portal under Payments.

If a payment looks wrong, raise a payment query in the portal. The finance team answers within five working days.

## Training and development
Within a year of approval you complete the Training, Support and Development (TSD) standards. After that, every carer keeps learning: record what you do in your learning log, and it is summarised for your annual review.

## Your annual review
Once a year your supervising social worker reviews your approval with you. You fill in your part of the review form beforehand, and you agree a personal development plan together.

## When something goes wrong
If a child is in immediate danger, call 999. Tell your supervising social worker or the duty team about any accident, illness or incident the same day. Read the [allegations policy](/library/allegations) so you know what happens if a concern is raised about your care.",
    ),
    (
        "charter",
        "charter",
        "Foster carer charter",
        "What foster carers can expect from Northby Council, and what the council expects of its foster carers. Agreed with carers and the Corporate Parenting Committee.",
        "## Why we have a charter
Foster carers and social workers wrote this charter together. It says how foster carers are treated, trained and supported, so that carers and the service work as one team around each child.

## What you can expect from us
- To be treated as a professional member of the team around the child, and invited to meetings about the children you care for.
- To be given all the information we hold that you need to care for a child safely, before they arrive where we can.
- To be paid the right amount, on time, and to have a query answered within five working days.
- Training that fits your needs, at times you can attend.
- Support when things are hard, including out of hours, and to be treated fairly and kept informed if a concern is raised about your care.

## What we expect from you
- To care for children as part of your family, and to keep them safe.
- To work openly with the child's social worker and your supervising social worker.
- To keep your learning up to date and record it in your learning log.
- To respect the child's family, culture and identity, and help them keep in touch with the people who matter to them.
- To keep information about children private and secure.",
    ),
    (
        "delegated-authority",
        "policy",
        "Delegated authority",
        "The everyday decisions you can make for a child without asking, and the ones that need the child's social worker.",
        "## What delegated authority means
Delegated authority lets you make everyday decisions for a child, as any parent would, without waiting for permission. What you may decide is agreed for each child in their placement plan.

## Decisions you can usually make
- Haircuts, unless the child's plan says otherwise.
- Sleepovers with friends whose families you know.
- School trips within the United Kingdom, and after-school clubs.
- Routine visits to the dentist, optician and doctor.

## Decisions that need the child's social worker
- Holidays abroad, and applying for a passport.
- Medical treatment other than routine care, except in an emergency.
- Any change of school.
- Changes to contact with the child's family.

If you are not sure, ask your supervising social worker. Record what you decided and why.",
    ),
    (
        "allowances-policy",
        "policy",
        "Allowances and expenses",
        "How the fostering allowance is set, what it covers, and which costs can be claimed on top of it.",
        "## The fostering allowance
The allowance is set each April for each age group of child. It is paid for every night a child is in your care, every two weeks. The current rates are in the portal under Payments.

## What the allowance covers
Food, clothing, pocket money and savings, travel to school within three miles, leisure, and a share of household bills.

## What you can claim on top
- Mileage for journeys the child's plan asks of you, such as contact and appointments, at the rate per mile on the day of the journey.
- Holiday, birthday and religious or cultural celebration allowances, once a year each.
- Expenses agreed beforehand with your supervising social worker, with a receipt.

Claims are made in the portal within three months of the cost. Payments are made in the next payment run after approval.",
    ),
];

const ALLEGATIONS: DemoDocument = (
    "allegations",
    "policy",
    "Allegations against foster carers",
    "What happens if a concern or an allegation is raised about your care, and the independent support you are entitled to.",
    "## Why this policy matters
Allegations are made against good foster carers. Knowing what happens helps you stay calm and protects you and the children in your care.

## What happens
- The Local Authority Designated Officer (LADO) is told within one working day.
- A strategy meeting decides what happens next. You are told about the allegation as soon as it is safe to do so.
- Your fostering allowance continues to be paid while the allegation is looked into, even if children are moved.

## Your support
You are offered independent support from someone who is not involved in the investigation, paid for by the council. Your supervising social worker keeps in touch with you throughout.

## Keeping records
Write down what happens each day in your daily log. A clear record is the best protection for you and for the child.",
);

/// The allegations policy as first published: the support section changed since.
const ALLEGATIONS_FIRST: &str = "## Why this policy matters
Allegations are made against good foster carers. Knowing what happens helps you stay calm and protects you and the children in your care.

## What happens
- The Local Authority Designated Officer (LADO) is told within one working day.
- A strategy meeting decides what happens next.

## Keeping records
Write down what happens each day in your daily log.";
