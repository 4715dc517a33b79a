//! The buddy scheme for carers (`/buddies`): asking for a buddy or offering to be one,
//! answering a suggested pairing, and an active buddy's contact details. Works offline: every
//! answer is kept on the device and sent when there is a connection.

use leptos::prelude::*;
use portal_core::buddies::{
    Availability, BuddyChange, ContactForm, ContactHow, Membership, MembershipField,
    MembershipForm, PairingKind, PairingStatus, Side, contact_log_csv,
};
use portal_core::mutation::QueuedBuddy;
use portal_core::text::capitalise;

use crate::areas::buddies::BuddiesPage;
use crate::areas::buddies::data::{BuddyData, ContactShown, PairingShown, buddy_data};
use crate::components::carers_only::CarersOnly;
use crate::components::checkboxes::Checkboxes;
use crate::components::error_summary::{ErrorSummary, problem_for};
use crate::components::fields::TextField;
use crate::components::needs_attention::NeedsAttention;
use crate::components::page_title::PageTitle;
use crate::components::select_field::SelectField;
use crate::details_form::{FieldProblem, field_problems};
use crate::device::{random_id, save_file, today};
use crate::state::account::{device, use_account};
use crate::state::sync::use_sync;

#[component]
pub fn BuddyPage() -> impl IntoView {
    let sync = use_sync();
    let applicant = Memo::new(move |_| sync.is_applicant());
    view! {
        <Show when=move || !applicant.get() fallback=|| view! { <MentorPage /> }>
            <SchemePage />
        </Show>
    }
}

/// An applicant's view of the scheme: the experienced carer suggested as their mentor, their
/// answer, and the contact log they share. Asking for a buddy or offering to be one opens on
/// approval.
#[component]
fn MentorPage() -> impl IntoView {
    view! {
        <PageTitle text="Your mentor" />
        <h1 class="govuk-heading-l">"Your mentor"</h1>
        <p class="govuk-body">
            "A mentor is an experienced foster carer who supports you while you are assessed: "
            "someone to ask what it is really like. The fostering service suggests one; you see "
            "why, and neither of you sees the other's name or contact details until both of you "
            "have said yes."
        </p>
        <CarersOnly to="see your mentor">
            <NeedsAttention notices=false />
            <Buddy applicant=true />
        </CarersOnly>
    }
}

#[component]
fn SchemePage() -> impl IntoView {
    view! {
        <PageTitle text=BuddiesPage::Scheme.title() />
        <h1 class="govuk-heading-l">"Buddy scheme"</h1>
        <p class="govuk-body">
            "A buddy is an experienced foster carer who keeps in touch with a newer one: a chat "
            "at least twice a month, someone who has been there. Ask for a buddy, offer to be "
            "one, or both. The fostering service suggests pairs; you see why, and nobody sees "
            "the other's name or contact details until both of you have said yes."
        </p>
        <CarersOnly to="take part in the buddy scheme">
            <NeedsAttention notices=false />
            <Buddy applicant=false />
        </CarersOnly>
    }
}

#[component]
fn Buddy(applicant: bool) -> impl IntoView {
    let sync = use_sync();
    let account = use_account();
    let data = Memo::new(move |_| {
        sync.revision();
        let Some(user) = account.user() else {
            return BuddyData::default();
        };
        let household = user.household_id.unwrap_or_default();
        device()
            .and_then(|d| buddy_data(&d.user(&user.id), &household, today()))
            .unwrap_or_default()
    });
    let membership = Memo::new(move |_| data.with(|d| d.membership.clone()));
    let waiting = Signal::derive(move || data.with(|d| d.membership_waiting));
    let pairings = Memo::new(move |_| data.with(|d| d.pairings.clone()));
    let none_yet = move || {
        applicant.then(|| view! {
            <p class="govuk-body">"The fostering service has not suggested a mentor for you yet. When it does, they appear here, whether or not you are online."</p>
        })
    };
    view! {
        // Each card is keyed by what it shows of its pairing, and its contacts follow the
        // device's data, so a sync that brings a contact never rebuilds the contact form
        // someone is typing in.
        <Show when=move || pairings.with(|p| !p.is_empty()) fallback=none_yet>
            <h2 class="govuk-heading-m">{if applicant { "Your mentor" } else { "Your pairings" }}</h2>
            <For each=move || pairings.get() key=card_key let:shown>
                {
                    let pairing = shown.view.id.clone();
                    let contacts = Signal::derive(move || data.with(|d| d.contacts_of(&pairing)));
                    view! { <PairingCard shown=shown contacts=contacts /> }
                }
            </For>
        </Show>
        // The form is built again only when the household's membership itself changes, never
        // when a pairing or a contact does, so a sync landing mid-typing keeps what was typed.
        {move || view! { <TakingPart membership=membership.get() waiting=waiting applicant=applicant /> }}
    }
}

/// What a pairing's card is drawn from, apart from its contacts: the card is drawn again only
/// when one of these changes.
fn card_key(shown: &PairingShown) -> (String, PairingStatus, bool, bool, bool, bool) {
    (
        shown.view.id.clone(),
        shown.view.status,
        shown.view.you_accepted,
        shown.view.they_accepted,
        shown.waiting_to_send,
        shown.view.other.is_some(),
    )
}

fn status_words(shown: &PairingShown) -> &'static str {
    match (shown.view.status, shown.view.you_accepted) {
        (PairingStatus::Proposed, false) => "Suggested: waiting for your answer",
        (PairingStatus::Proposed, true) => "You said yes: waiting for their answer",
        (PairingStatus::Active, _) => "Paired",
        (PairingStatus::Declined, _) => "Declined",
        (PairingStatus::Ended, _) => "Ended",
        (PairingStatus::Withdrawn, _) => "Withdrawn by the fostering service",
    }
}

#[component]
fn PairingCard(shown: PairingShown, contacts: Signal<Vec<ContactShown>>) -> impl IntoView {
    let sync = use_sync();
    let declining = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let id = StoredValue::new(shown.view.id.clone());
    let send = move |change: BuddyChange| {
        sync.record_then(&QueuedBuddy { buddies: &change }, move |outcome| {
            if let Err(error) = outcome {
                problem.set(Some(format!("Your answer was not saved. {error}")));
            }
        });
    };
    let accept = move |_| {
        send(BuddyChange::Respond {
            pairing: id.get_value(),
            accept: true,
            reason: String::new(),
        });
    };
    let decline = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if reason.with_untracked(|r| r.trim().is_empty()) {
            problem.set(Some(
                "Say why, so the fostering service can suggest someone better. Only staff see it."
                    .to_owned(),
            ));
            return;
        }
        send(BuddyChange::Respond {
            pairing: id.get_value(),
            accept: false,
            reason: reason.get_untracked(),
        });
    };
    let end = move |_| {
        send(BuddyChange::End {
            pairing: id.get_value(),
            reason: String::new(),
        });
    };
    let role = match (shown.view.kind, shown.view.side) {
        (PairingKind::Buddy, Side::Seeker) => "A buddy for you",
        (PairingKind::Buddy, Side::Buddy) => "A carer for you to buddy",
        (PairingKind::Mentor, Side::Seeker) => "A mentor for you",
        (PairingKind::Mentor, Side::Buddy) => "An applicant for you to mentor",
    };
    let answerable = shown.view.status == PairingStatus::Proposed && !shown.view.you_accepted;
    let active = shown.view.status == PairingStatus::Active;
    let reason_id = format!("decline-{}", shown.view.id);
    view! {
        <div class="govuk-summary-card">
            <div class="govuk-summary-card__title-wrapper">
                <h3 class="govuk-summary-card__title">{role}</h3>
            </div>
            <div class="govuk-summary-card__content">
                <p class="govuk-body">
                    <strong class="govuk-tag">{status_words(&shown)}</strong>
                    {shown.waiting_to_send.then(|| view! { " " <strong class="govuk-tag govuk-tag--yellow">"Waiting to send"</strong> })}
                </p>
                {shown.view.other.clone().map(|other| view! {
                    <p class="govuk-body"><strong>{other.name}</strong></p>
                    <ul class="govuk-list portal-contacts">
                        {other.phone.map(|phone| view! { <li>"Phone: " <a class="govuk-link" href=portal_core::support::tel_link(&phone)>{phone.clone()}</a></li> })}
                        {other.email.map(|email| view! { <li>"Email: " <a class="govuk-link" href=format!("mailto:{email}")>{email.clone()}</a></li> })}
                    </ul>
                })}
                {(!shown.view.reasons.is_empty()).then(|| view! {
                    <p class="govuk-body">"Why the service suggested you:"</p>
                    <ul class="govuk-list govuk-list--bullet">
                        {shown.view.reasons.iter().map(|r| view! { <li>{r.words()}</li> }).collect_view()}
                    </ul>
                })}
                {move || problem.get().map(|p| view! { <p class="govuk-error-message" role="alert">{p}</p> })}
                {answerable.then(|| view! {
                    <Show when=move || declining.get() fallback=move || view! {
                        <div class="govuk-button-group">
                            <button type="button" class="govuk-button" on:click=accept>"Yes, pair us"</button>
                            <button type="button" class="govuk-button govuk-button--secondary" on:click=move |_| declining.set(true)>"No, thank you"</button>
                        </div>
                    }>
                        <form novalidate on:submit=decline>
                            <div class="govuk-form-group">
                                <label class="govuk-label" for=reason_id.clone()>"Why not? Only the fostering service sees this."</label>
                                <textarea class="govuk-textarea" id=reason_id.clone() rows="2"
                                    prop:value=move || reason.get() on:input=move |e| reason.set(event_target_value(&e))></textarea>
                            </div>
                            <button type="submit" class="govuk-button govuk-button--secondary">"Decline this suggestion"</button>
                        </form>
                    </Show>
                })}
                {active.then(|| view! {
                    <ContactLog pairing=id.get_value() contacts=contacts />
                    <button type="button" class="govuk-button govuk-button--warning" on:click=end>"End this pairing"</button>
                })}
            </div>
        </div>
    }
}

/// The pair's shared log of contacts: how often they talk this month, each contact, logging
/// a new one (offline too), and a spreadsheet of it for buddies paid for their time.
#[component]
fn ContactLog(pairing: String, contacts: Signal<Vec<ContactShown>>) -> impl IntoView {
    let sync = use_sync();
    let this_month = move || {
        let now = today();
        contacts.with(|contacts| {
            contacts
                .iter()
                .filter(|c| {
                    (c.contact.date.year(), c.contact.date.month()) == (now.year(), now.month())
                })
                .count()
        })
    };
    let date = RwSignal::new(today().to_string());
    let how = RwSignal::new(ContactHow::Phone.as_str().to_owned());
    let minutes = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let id = StoredValue::new(pairing);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = ContactForm {
            date: date.get_untracked(),
            how: how.get_untracked(),
            minutes: minutes.get_untracked(),
        };
        if let Err(message) = form.parse(today()) {
            problem.set(Some(message));
            return;
        }
        let Some(contact) = random_id("contact") else {
            return;
        };
        let change = BuddyChange::LogContact {
            id: contact,
            pairing: id.get_value(),
            form,
        };
        sync.record_then(
            &QueuedBuddy { buddies: &change },
            move |outcome| match outcome {
                Ok(()) => {
                    problem.set(None);
                    minutes.set(String::new());
                }
                Err(error) => problem.set(Some(format!("The contact was not saved. {error}"))),
            },
        );
    };
    let download = move |_| {
        let log: Vec<_> =
            contacts.with_untracked(|c| c.iter().map(|c| c.contact.clone()).collect());
        let csv = contact_log_csv(&log);
        problem.set(save_file("buddy-contacts.csv", "text/csv;charset=utf-8", &csv).err());
    };
    let hows: Vec<(String, String)> = ContactHow::ALL
        .into_iter()
        .map(|h| (h.as_str().to_owned(), h.words().to_owned()))
        .collect();
    let field = format!("contact-{}", id.get_value());
    view! {
        <h4 class="govuk-heading-s">"Contacts"</h4>
        <p class="govuk-body">
            {move || crate::words::count(this_month(), "contact", "contacts")} " this month. Buddies usually talk at least twice a month."
        </p>
        <ul class="govuk-list">
            <For each=move || contacts.get() key=|c| (c.contact.id.clone(), c.waiting_to_send) let:c>
                <li>
                    {c.contact.date.long_form()} ": " {c.contact.how.words()}
                    {(c.contact.minutes > 0).then(|| format!(", {} minutes", c.contact.minutes))}
                    {c.waiting_to_send.then(|| view! { " " <strong class="govuk-tag govuk-tag--yellow">"Waiting to send"</strong> })}
                </li>
            </For>
        </ul>
        {move || problem.get().map(|p| view! { <p class="govuk-error-message" role="alert">{p}</p> })}
        <form novalidate on:submit=submit>
            <div class="govuk-form-group">
                <label class="govuk-label" for=format!("{field}-date")>"Date of the contact"</label>
                <div class="govuk-hint" id=format!("{field}-date-hint")>"For example, 2026-11-20 or 20/11/2026"</div>
                <input class="govuk-input govuk-input--width-10" id=format!("{field}-date") type="text" aria-describedby=format!("{field}-date-hint") bind:value=date />
            </div>
            <div class="govuk-form-group">
                <label class="govuk-label" for=format!("{field}-how")>"How you were in touch"</label>
                <select class="govuk-select" id=format!("{field}-how") on:change=move |e| how.set(event_target_value(&e))>
                    {hows.into_iter().map(|(value, words)| {
                        let selected = value == how.get_untracked();
                        view! { <option value=value selected=selected>{words}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="govuk-form-group">
                <label class="govuk-label" for=format!("{field}-minutes")>"How long, in minutes"</label>
                <div class="govuk-hint" id=format!("{field}-minutes-hint")>"Not needed for messages."</div>
                <input class="govuk-input govuk-input--width-4" id=format!("{field}-minutes") type="text" inputmode="numeric" aria-describedby=format!("{field}-minutes-hint") bind:value=minutes />
            </div>
            <div class="govuk-button-group">
                <button type="submit" class="govuk-button govuk-button--secondary">"Log this contact"</button>
                <button type="button" class="govuk-button govuk-button--secondary" on:click=download>"Download the contact log (CSV)"</button>
            </div>
        </form>
    }
}

fn availability_choices() -> Vec<(String, String)> {
    Availability::ALL
        .into_iter()
        .map(|a| (a.words().to_owned(), capitalise(a.words())))
        .collect()
}

#[component]
fn TakingPart(
    membership: Option<Membership>,
    waiting: Signal<bool>,
    /// An applicant says only when they are free: asking for a buddy and offering to be one
    /// open on approval.
    applicant: bool,
) -> impl IntoView {
    let sync = use_sync();
    let start = membership
        .as_ref()
        .map(MembershipForm::of)
        .unwrap_or_default();
    let wants = RwSignal::new(start.wants_buddy);
    let places = RwSignal::new(start.places.clone());
    let mentor_places = RwSignal::new(start.mentor_places.clone());
    let offer = RwSignal::new(start.offer.clone());
    let when = RwSignal::new(
        start
            .availability
            .iter()
            .map(|a| a.words().to_owned())
            .collect::<Vec<_>>(),
    );
    let gender = RwSignal::new(start.gender.clone());
    let same_gender = RwSignal::new(start.same_gender);
    let not_known = RwSignal::new(start.not_known);
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let saved = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = MembershipForm {
            wants_buddy: wants.get_untracked(),
            places: places.get_untracked(),
            mentor_places: mentor_places.get_untracked(),
            offer: offer.get_untracked(),
            availability: Availability::ALL
                .into_iter()
                .filter(|a| when.with_untracked(|w| w.iter().any(|x| x == a.words())))
                .collect(),
            gender: gender.get_untracked(),
            same_gender: same_gender.get_untracked(),
            not_known: not_known.get_untracked(),
        };
        if let Err(found) = form.parse() {
            problems.set(field_problems(found));
            return;
        }
        problems.set(Vec::new());
        sync.record_then(
            &QueuedBuddy {
                buddies: &BuddyChange::Join { form },
            },
            move |outcome| match outcome {
                Ok(()) => saved.set(true),
                Err(error) => problems.set(vec![FieldProblem {
                    input_id: MembershipField::Places.input_id().into(),
                    message: format!("Your answers were not saved. {error}"),
                }]),
            },
        );
    };
    let error = move |field: MembershipField| {
        Signal::derive(move || problem_for(&problems.get(), field.input_id()))
    };
    let check = |id: &'static str, label: &'static str, value: RwSignal<bool>| {
        view! {
            <div class="govuk-checkboxes__item">
                <input class="govuk-checkboxes__input" id=id type="checkbox" prop:checked=move || value.get() on:change=move |_| value.update(|v| *v = !*v) />
                <label class="govuk-label govuk-checkboxes__label" for=id>{label}</label>
            </div>
        }
    };
    let genders = vec![
        (String::new(), "Prefer not to say".to_owned()),
        ("woman".to_owned(), "Woman".to_owned()),
        ("man".to_owned(), "Man".to_owned()),
        ("other_gender".to_owned(), "In another way".to_owned()),
    ];
    let when_free = view! {
        <Checkboxes id="buddy-when" legend="When you are free to talk" choices=availability_choices() selected=when />
    };
    if applicant {
        return view! {
            <h2 class="govuk-heading-m">"When you are free"</h2>
            <p class="govuk-body">"The fostering service uses this to suggest a mentor who is free when you are."</p>
            {move || (waiting.get() || saved.get()).then(|| view! {
                <p class="govuk-body"><strong class="govuk-tag govuk-tag--yellow">"Waiting to send"</strong> " Your answers are saved on this device."</p>
            })}
            <ErrorSummary problems=problems />
            <form novalidate on:submit=submit>
                {when_free}
                <button type="submit" class="govuk-button">"Save my answers"</button>
            </form>
        }
        .into_any();
    }
    view! {
        <h2 class="govuk-heading-m">"Taking part"</h2>
        {move || (waiting.get() || saved.get()).then(|| view! {
            <p class="govuk-body"><strong class="govuk-tag govuk-tag--yellow">"Waiting to send"</strong> " Your answers are saved on this device."</p>
        })}
        <ErrorSummary problems=problems />
        <form novalidate on:submit=submit>
            <div class="govuk-form-group">
                <div class="govuk-checkboxes govuk-checkboxes--small">
                    {check("buddy-wants", "I would like a buddy", wants)}
                </div>
            </div>
            <TextField id=MembershipField::Places.input_id() label="How many carers could you buddy at once?" kind="text" autocomplete="off" value=places error=error(MembershipField::Places) hint="Leave empty if you are not offering to be a buddy. Up to 5." />
            <TextField id=MembershipField::MentorPlaces.input_id() label="How many applicants could you mentor at once?" kind="text" autocomplete="off" value=mentor_places error=error(MembershipField::MentorPlaces) hint="A mentor supports someone going through their assessment to become a foster carer, and is paid for their time. Leave empty if you are not offering. Up to 5." />
            <TextField id=MembershipField::Offer.input_id() label="What you could offer (optional)" kind="text" autocomplete="off" value=offer error=error(MembershipField::Offer) hint="For example, experience with teenagers, a chat on the phone in the evenings." />
            {when_free}
            <SelectField id=MembershipField::Gender.input_id() label="Your gender (optional)" choices=genders value=gender error=error(MembershipField::Gender) />
            <div class="govuk-form-group">
                <div class="govuk-checkboxes govuk-checkboxes--small">
                    {check("buddy-same-gender", "I would like a buddy of the same gender", same_gender)}
                    {check("buddy-not-known", "Not someone I already know", not_known)}
                </div>
            </div>
            <button type="submit" class="govuk-button">"Save my answers"</button>
        </form>
    }
    .into_any()
}
