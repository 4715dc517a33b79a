//! Make a claim (`/payments/claims/new`): mileage (one or more journeys, each paid at the rate
//! of its date), a travel or other expense with a photo of the receipt, or a child's holiday,
//! birthday or celebration allowance (initials or reference only), respite days, or a month of
//! a buddy's or mentor's time from their contact log. Checked with the server's own rules, kept on the device as it is typed, and sent when there is a connection.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use portal_core::claims::{ClaimChange, ClaimField, ClaimForm, ClaimKind, JourneyForm, Purpose};
use portal_core::mutation::QueuedClaim;

use crate::areas::payments::{PaymentsPage, use_payments};
use crate::components::carers_only::CarersOnly;
use crate::components::error_summary::{ErrorSummary, problem_for};
use crate::components::fields::{TextArea, TextField};
use crate::components::page_title::PageTitle;
use crate::components::photo_picker::PhotoPicker;
use crate::components::select_field::{SelectField, choices_after};
use crate::details_form::{FieldProblem, field_problems};
use crate::device::{random_id, today};
use crate::state::account::use_account;
use crate::state::sync::use_sync;

#[component]
pub fn NewClaimPage() -> impl IntoView {
    view! {
        <PageTitle text=PaymentsPage::NewClaim.title() />
        <h1 class="govuk-heading-l">"Make a claim"</h1>
        <CarersOnly to="claim what you are owed">
            <ClaimFormView />
        </CarersOnly>
    }
}

/// Where the form is kept on the device while it is being filled in.
const DRAFT: &str = "claim";

/// One journey's fields. Each is its own signal, so typing in one redraws nothing else.
#[derive(Debug, Clone, Copy)]
struct JourneyRow {
    date: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
    purpose: RwSignal<String>,
    miles: RwSignal<String>,
}

impl JourneyRow {
    fn new(form: JourneyForm) -> Self {
        Self {
            date: RwSignal::new(form.date),
            from: RwSignal::new(form.from),
            to: RwSignal::new(form.to),
            purpose: RwSignal::new(form.purpose),
            miles: RwSignal::new(form.miles),
        }
    }

    fn form(self) -> JourneyForm {
        JourneyForm {
            date: self.date.get(),
            from: self.from.get(),
            to: self.to.get(),
            purpose: self.purpose.get(),
            miles: self.miles.get(),
        }
    }
}

#[component]
fn ClaimFormView() -> impl IntoView {
    let sync = use_sync();
    let navigate = use_navigate();
    let account = use_account();
    let payments = use_payments();
    // What the carer typed before leaving the page, on this device.
    let start: ClaimForm = account.draft(DRAFT).unwrap_or_default();
    let buddying = start.kind == ClaimKind::Mentoring.as_str();
    let kind = RwSignal::new(start.kind);
    let mut first_journeys: Vec<JourneyRow> =
        start.journeys.into_iter().map(JourneyRow::new).collect();
    if first_journeys.is_empty() {
        first_journeys.push(JourneyRow::new(JourneyForm::default()));
    }
    let journeys = RwSignal::new(first_journeys);
    // A buddy's month travels as the form's date, but has a field of its own, so a date typed
    // for another kind of claim is never sent as a month the carer did not choose.
    let month = RwSignal::new(if buddying {
        start.date.clone()
    } else {
        String::new()
    });
    let date = RwSignal::new(if buddying { String::new() } else { start.date });
    let until = RwSignal::new(start.until);
    let amount = RwSignal::new(start.amount);
    let child = RwSignal::new(start.child);
    let description = RwSignal::new(start.description);
    let photos = RwSignal::new(start.photos);
    let typed = move || ClaimForm {
        date: if kind.get() == ClaimKind::Mentoring.as_str() {
            month.get()
        } else {
            date.get()
        },
        kind: kind.get(),
        journeys: journeys.get().into_iter().map(JourneyRow::form).collect(),
        until: until.get(),
        amount: amount.get(),
        child: child.get(),
        description: description.get(),
        photos: photos.get(),
    };
    // Every change is kept on the device at once, so nothing typed is lost if the carer
    // leaves, the tab closes or the phone restarts. The first run only starts the tracking.
    Effect::new(move |started: Option<()>| {
        let form = typed();
        if started.is_some() {
            account.keep_draft(DRAFT, &form);
        }
    });
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let chosen = Memo::new(move |_| ClaimKind::parse(&kind.get()));
    // What the claim comes to, once it is complete, by the same rules the server uses.
    let total = Memo::new(move |_| {
        let form = typed();
        payments
            .with(|p| form.parse(today(), &p.claim_settings, &p.buddy_contacts))
            .ok()
            .map(|about| about.total)
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let mut form = untrack(typed);
        if form.kind != ClaimKind::Mileage.as_str() {
            form.journeys.clear();
        }
        let checked =
            payments.with_untracked(|p| form.parse(today(), &p.claim_settings, &p.buddy_contacts));
        if let Err(found) = checked {
            problems.set(field_problems(found));
            return;
        }
        let Some(id) = random_id("claim") else {
            return;
        };
        let change = ClaimChange::Submit {
            id: id.clone(),
            form,
        };
        let navigate = navigate.clone();
        sync.record_then(
            &QueuedClaim { claims: &change },
            move |outcome| match outcome {
                Ok(()) => {
                    account.drop_draft(DRAFT);
                    navigate(&PaymentsPage::Claim(id).href(), NavigateOptions::default());
                }
                Err(error) => problems.set(vec![FieldProblem {
                    input_id: ClaimField::Kind.input_id().into(),
                    message: format!("Your claim was not saved on this device. {error}"),
                }]),
            },
        );
    };
    // Only a household that buddies or mentors someone is offered a claim for its time.
    let kinds = Signal::derive(move || {
        let buddies_someone = payments.with(|p| p.buddies_someone);
        choices_after(
            "Choose what you are claiming for",
            ClaimKind::ALL
                .into_iter()
                .filter(|k| *k != ClaimKind::Mentoring || buddies_someone)
                .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
                .collect(),
        )
    });
    view! {
        <ErrorSummary problems=problems />
        <form novalidate on:submit=submit>
            <SelectField id=ClaimField::Kind.input_id() label="What are you claiming for?" choices=kinds
                value=kind error=Signal::derive(move || problem_for(&problems.get(), &ClaimField::Kind.input_id())) />
            {move || match chosen.get() {
                None => ().into_any(),
                Some(ClaimKind::Mileage) => view! { <JourneysFields journeys=journeys problems=problems /> }.into_any(),
                Some(ClaimKind::Respite) => view! {
                    <RespiteFields first=date last=until description=description problems=problems />
                }.into_any(),
                Some(ClaimKind::Mentoring) => view! {
                    <MentoringFields month=month description=description problems=problems />
                }.into_any(),
                Some(kind) => view! {
                    <AmountFields kind=kind date=date amount=amount child=child description=description photos=photos problems=problems />
                }.into_any(),
            }}
            <p class="govuk-body" aria-live="polite">
                {move || total.get().map(|total| format!("This claim comes to {total}."))}
            </p>
            <button type="submit" class="govuk-button">"Send my claim"</button>
        </form>
    }
}

/// A problem's message for one field, as the field shows it.
fn error_of(problems: RwSignal<Vec<FieldProblem>>, field: ClaimField) -> Signal<Option<String>> {
    let id = field.input_id();
    Signal::derive(move || problem_for(&problems.get(), &id))
}

/// The journeys of a mileage claim. Journeys are added and removed at the end, so each keeps
/// its place (and its fields' ids) while the carer types.
#[component]
fn JourneysFields(
    journeys: RwSignal<Vec<JourneyRow>>,
    problems: RwSignal<Vec<FieldProblem>>,
) -> impl IntoView {
    // Rows made by a button press belong to this form, like the first ones.
    let owner = Owner::current();
    let add = move |_| {
        let row = owner.as_ref().map_or_else(
            || JourneyRow::new(JourneyForm::default()),
            |o| o.with(|| JourneyRow::new(JourneyForm::default())),
        );
        journeys.update(|rows| rows.push(row));
    };
    let remove = move |_| {
        journeys.update(|rows| {
            if rows.len() > 1 {
                rows.pop();
            }
        });
    };
    let count = Memo::new(move |_| journeys.with(Vec::len));
    view! {
        <For each=move || journeys.get().into_iter().enumerate() key=|(n, _)| *n let((n, row))>
            <JourneyFields n=n row=row problems=problems />
        </For>
        <p class="govuk-body" aria-live="polite">
            {move || match count.get() {
                1 => "1 journey".to_owned(),
                n => format!("{n} journeys"),
            }}
        </p>
        <div class="govuk-button-group">
            <button type="button" id=ClaimField::AddJourney.input_id() class="govuk-button govuk-button--secondary" on:click=add>
                "Add another journey"
            </button>
            <Show when=move || { count.get() > 1 }>
                <button type="button" class="govuk-button govuk-button--warning" on:click=remove>
                    "Remove the last journey"
                </button>
            </Show>
        </div>
    }
}

#[component]
fn JourneyFields(
    n: usize,
    row: JourneyRow,
    problems: RwSignal<Vec<FieldProblem>>,
) -> impl IntoView {
    let purposes = choices_after(
        "Choose what it was for",
        Purpose::ALL
            .into_iter()
            .map(|p| (p.as_str().to_owned(), p.label().to_owned()))
            .collect(),
    );
    view! {
        <fieldset class="govuk-fieldset portal-journey">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{format!("Journey {}", n + 1)}</legend>
            <TextField id=ClaimField::JourneyDate(n).input_id() label="Date" kind="text" autocomplete="off"
                value=row.date error=error_of(problems, ClaimField::JourneyDate(n)) hint="For example, 2/11/2026" />
            <TextField id=ClaimField::JourneyFrom(n).input_id() label="From" kind="text" autocomplete="off"
                value=row.from error=error_of(problems, ClaimField::JourneyFrom(n)) hint="A town or a place, like Home or Northby school. No addresses needed." />
            <TextField id=ClaimField::JourneyTo(n).input_id() label="To" kind="text" autocomplete="off"
                value=row.to error=error_of(problems, ClaimField::JourneyTo(n)) />
            <SelectField id=ClaimField::JourneyPurpose(n).input_id() label="What was it for?" choices=purposes
                value=row.purpose error=error_of(problems, ClaimField::JourneyPurpose(n)) />
            <TextField id=ClaimField::JourneyMiles(n).input_id() label="Miles" kind="text" autocomplete="off"
                value=row.miles error=error_of(problems, ClaimField::JourneyMiles(n)) hint="For example, 12.5. A return trip is two journeys, or one with both ways' miles." />
        </fieldset>
    }
}

/// The days of respite asked for, from the household's allowance for the year.
#[component]
fn RespiteFields(
    first: RwSignal<String>,
    last: RwSignal<String>,
    description: RwSignal<String>,
    problems: RwSignal<Vec<FieldProblem>>,
) -> impl IntoView {
    let payments = use_payments();
    let left = move || {
        let year = today().year();
        let respite = payments.with(|p| p.respite(year));
        format!(
            "You have {} of your {} respite days left this year. Ask up to a year ahead.",
            respite.left(),
            respite.allowance
        )
    };
    view! {
        <p class="govuk-body">{left}</p>
        <TextField id=ClaimField::Date.input_id() label="First day" kind="text" autocomplete="off"
            value=first error=error_of(problems, ClaimField::Date) hint="For example, 14/12/2026" />
        <TextField id=ClaimField::Until.input_id() label="Last day" kind="text" autocomplete="off"
            value=last error=error_of(problems, ClaimField::Until) hint="For example, 16/12/2026. The same as the first day for one day." />
        <TextArea id="claim-description" label="Anything your social worker should know (optional)" value=description
            error=error_of(problems, ClaimField::Description) />
    }
}

/// A month of a buddy's or mentor's time: the months that can still be claimed, and what is
/// paid for.
#[component]
fn MentoringFields(
    month: RwSignal<String>,
    description: RwSignal<String>,
    problems: RwSignal<Vec<FieldProblem>>,
) -> impl IntoView {
    let payments = use_payments();
    let months = Memo::new(move |_| payments.with(|p| p.months_to_claim(today())));
    let choices = Signal::derive(move || {
        choices_after(
            "Choose a month",
            months
                .get()
                .into_iter()
                .map(|m| (m.to_string(), m.month_words()))
                .collect(),
        )
    });
    let rate = move || {
        let per_hour = payments.with(|p| p.claim_settings.hourly_on(today()));
        format!(
            "A claim is worked out from the calls and meetings in your buddy contact log, at {per_hour} an hour. Messages are not paid. Each month is claimed once, when it is over."
        )
    };
    view! {
        <p class="govuk-body">{rate}</p>
        <Show
            when=move || !months.with(Vec::is_empty)
            fallback=|| view! {
                <p class="govuk-body">
                    "There is no month to claim for yet: every month that is over is claimed, or has no calls or meetings in your contact log."
                </p>
            }
        >
            <SelectField id=ClaimField::Month.input_id() label="Which month are you claiming for?" choices=choices
                value=month error=error_of(problems, ClaimField::Month) />
        </Show>
        <TextArea id="claim-description" label="Anything the finance team should know (optional)" value=description
            error=error_of(problems, ClaimField::Description) />
    }
}

/// The fields of an expense or an allowance.
#[component]
fn AmountFields(
    kind: ClaimKind,
    date: RwSignal<String>,
    amount: RwSignal<String>,
    child: RwSignal<String>,
    description: RwSignal<String>,
    photos: RwSignal<Vec<portal_core::payments::Photo>>,
    problems: RwSignal<Vec<FieldProblem>>,
) -> impl IntoView {
    let (date_label, description_label) = if kind.is_allowance() {
        (
            "Date of the occasion",
            "Anything the finance team should know (optional)",
        )
    } else {
        ("Date of the expense", "What was the expense for?")
    };
    view! {
        <TextField id=ClaimField::Date.input_id() label=date_label kind="text" autocomplete="off"
            value=date error=error_of(problems, ClaimField::Date) hint="For example, 2/11/2026" />
        <TextField id=ClaimField::Amount.input_id() label="Amount" kind="text" autocomplete="off"
            value=amount error=error_of(problems, ClaimField::Amount) hint="For example, £25.00" />
        {kind.is_allowance().then(|| view! {
            <TextField id=ClaimField::Child.input_id() label="The child's initials or reference" kind="text" autocomplete="off"
                value=child error=error_of(problems, ClaimField::Child) hint="For example, J S. Never a child's full name." />
        })}
        <TextArea id="claim-description" label=description_label value=description
            error=error_of(problems, ClaimField::Description) />
        {kind.needs_receipt().then(|| view! {
            <PhotoPicker id="claim-photos" label="Photo of the receipt" photos=photos
                error=error_of(problems, ClaimField::Photos) />
        })}
    }
}
