use leptos::prelude::*;
use leptos_router::StaticSegment;
use leptos_router::components::{Route, Routes};
use portal_core::details::{DetailsChange, Experience, MemberRole};
use portal_core::mutation::QueuedDetails;

use crate::components::carers_only::CarersOnly;
use crate::components::connection_status::waiting_sentence;
use crate::components::error_summary::{ErrorSummary, problem_for};
use crate::components::fields::TextField;
use crate::components::needs_attention::NeedsAttention;
use crate::components::page_title::PageTitle;
use crate::details_form::{DetailsForm, FieldProblem};
use crate::device::random_id;
use crate::pages::not_found::NotFoundPage;
use crate::pages::notifications::NotificationsPage;
use crate::routes::Page;
use crate::state::sync::{Sync, use_sync};

/// The person's own settings, one part whose code loads when first opened: My details, and
/// Notifications (which emails they get). One part, because the two share their form pieces,
/// and a part of its own for a page this small cost more than the page itself.
#[component]
pub fn MyDetailsPart() -> impl IntoView {
    view! {
        <Routes fallback=NotFoundPage>
            <Route path=StaticSegment(Page::MyDetails) view=MyDetailsPage />
            <Route path=StaticSegment(Page::Notifications) view=NotificationsPage />
        </Routes>
    }
}

#[component]
pub fn MyDetailsPage() -> impl IntoView {
    view! {
        <PageTitle text=Page::MyDetails.title() />
        <h1 class="govuk-heading-l">"My details"</h1>
        <CarersOnly to="see and change your household's details">
            <NeedsAttention notices=true />
            <DetailsFormSection />
            <Members />
            <ServiceRecord />
            <h2 class="govuk-heading-m">"Emails from the portal"</h2>
            <p class="govuk-body">
                <a class="govuk-link" href=Page::Notifications.href()>"Choose which emails you get"</a>
                ", such as when finance replies or a survey opens."
            </p>
        </CarersOnly>
    }
}

#[component]
fn DetailsFormSection() -> impl IntoView {
    let sync = use_sync();
    let initial = DetailsForm::from_details(&sync.details_untracked());
    let phone = RwSignal::new(initial.phone);
    let email = RwSignal::new(initial.email);
    let postcode = RwSignal::new(initial.postcode_district);
    let languages = RwSignal::new(initial.languages);
    let availability = RwSignal::new(initial.availability);
    let experience = RwSignal::new(initial.experience);
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let saved = RwSignal::new(None::<Result<String, String>>);
    // Until the person starts typing, the form follows the details as they arrive (the first
    // sync on a new device, or a change from another tab); after that it is theirs.
    let edited = RwSignal::new(false);
    Effect::new(move |_| {
        let form = DetailsForm::from_details(&sync.details());
        if !edited.get_untracked() {
            phone.set(form.phone);
            email.set(form.email);
            postcode.set(form.postcode_district);
            languages.set(form.languages);
            availability.set(form.availability);
            experience.set(form.experience);
        }
    });

    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = DetailsForm {
            phone: phone.get_untracked(),
            email: email.get_untracked(),
            postcode_district: postcode.get_untracked(),
            languages: languages.get_untracked(),
            experience: experience.get_untracked(),
            availability: availability.get_untracked(),
        };
        match form.changes(&sync.details_untracked()) {
            Err(found) => {
                saved.set(None);
                problems.set(found);
            }
            Ok(changes) => {
                problems.set(Vec::new());
                leptos::task::spawn_local(async move {
                    saved.set(Some(record_all(sync, &changes).await));
                    edited.set(false);
                });
            }
        }
    };
    let error = move |id: &'static str| Signal::derive(move || problem_for(&problems.get(), id));
    view! {
        <ErrorSummary problems=problems />
        {move || match saved.get() {
            None => None,
            Some(Ok(text)) => Some(view! {
                <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="saved-title">
                    <div class="govuk-notification-banner__header">
                        <h2 class="govuk-notification-banner__title" id="saved-title">"Saved"</h2>
                    </div>
                    <div class="govuk-notification-banner__content">
                        <p class="govuk-notification-banner__heading">{text}</p>
                    </div>
                </div>
            }.into_any()),
            Some(Err(text)) => Some(view! {
                <div class="govuk-error-summary" role="alert">
                    <h2 class="govuk-error-summary__title">"Your details were not saved"</h2>
                    <div class="govuk-error-summary__body">
                        <p class="govuk-body">{text}</p>
                    </div>
                </div>
            }.into_any()),
        }}
        <form novalidate on:submit=save on:input=move |_| edited.set(true)>
            <h2 class="govuk-heading-m">"How to contact you"</h2>
            <TextField id="phone" label="Phone number" kind="tel" autocomplete="tel" value=phone error=error("phone") />
            <TextField id="email" label="Email address" kind="email" autocomplete="email" value=email error=error("email") />
            <TextField
                id="postcode-district"
                label="First part of your postcode"
                kind="text"
                autocomplete="off"
                value=postcode
                error=error("postcode-district")
                hint="For example, NB1. It helps us suggest groups and buddies near you."
            />
            <h2 class="govuk-heading-m">"About your household"</h2>
            <TextField
                id="languages"
                label="Languages spoken at home"
                kind="text"
                autocomplete="off"
                value=languages
                error=error("languages")
                hint="Separate languages with commas, for example: English, Polish"
            />
            <ExperienceBoxes selected=experience />
            <div class="govuk-form-group" class:govuk-form-group--error=move || error("availability").get().is_some()>
                <label class="govuk-label" for="availability">"When you are usually available"</label>
                <div id="availability-hint" class="govuk-hint">"For example, weekday evenings after 6pm."</div>
                {move || error("availability").get().map(|m| view! { <p class="govuk-error-message">{m}</p> })}
                <textarea class="govuk-textarea" id="availability" name="availability" rows="3" aria-describedby="availability-hint" bind:value=availability></textarea>
            </div>
            <button type="submit" class="govuk-button">"Save my details"</button>
        </form>
    }
}

/// Keeps each change on the device; says what happened in words the person can act on. A
/// failure part-way keeps the changes already saved (each is complete on its own) and says so.
async fn record_all(sync: Sync, changes: &[DetailsChange]) -> Result<String, String> {
    if changes.is_empty() {
        return Ok("Nothing had changed, so there was nothing to save.".into());
    }
    for change in changes {
        sync.record(&QueuedDetails { details: change })
            .await
            .map_err(|error| error.to_string())?;
    }
    Ok(format!(
        "Your details are saved on this device. {}",
        waiting_sentence(sync.waiting_untracked())
    ))
}

#[component]
fn ExperienceBoxes(selected: RwSignal<Vec<Experience>>) -> impl IntoView {
    let boxes = Experience::ALL
        .into_iter()
        .enumerate()
        .map(|(index, kind)| {
            let id = format!("experience-{index}");
            let checked = move || selected.get().contains(&kind);
            let toggle = move |_| {
                selected.update(|list| {
                    if let Some(at) = list.iter().position(|k| *k == kind) {
                        list.remove(at);
                    } else {
                        list.push(kind);
                    }
                });
            };
            view! {
                <div class="govuk-checkboxes__item">
                    <input class="govuk-checkboxes__input" id=id.clone() type="checkbox" prop:checked=checked on:change=toggle />
                    <label class="govuk-label govuk-checkboxes__label" for=id>{kind.label()}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="govuk-form-group">
            <fieldset class="govuk-fieldset" aria-describedby="experience-hint" id="experience">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Experience"</legend>
                <div id="experience-hint" class="govuk-hint">"Select all that apply."</div>
                <div class="govuk-checkboxes govuk-checkboxes--small">{boxes}</div>
            </fieldset>
        </div>
    }
}

#[component]
fn Members() -> impl IntoView {
    let sync = use_sync();
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(MemberRole::SecondCarer);
    let problem = RwSignal::new(None::<String>);
    let add = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(id) = random_id("member") else {
            return;
        };
        let change = DetailsChange::AddMember {
            id,
            name: name.get_untracked(),
            role: role.get_untracked(),
        };
        let mut trial = sync.details_untracked();
        if let Err(rejection) = portal_core::sync::Mutator::apply(&change, &mut trial) {
            problem.set(Some(rejection.message));
            return;
        }
        sync.record_then(
            &QueuedDetails { details: &change },
            move |outcome| match outcome {
                Ok(()) => {
                    problem.set(None);
                    name.set(String::new());
                }
                Err(error) => problem.set(Some(error.to_string())),
            },
        );
    };
    let members = move || sync.details().members;
    let name_error = Signal::derive(move || problem.get());
    view! {
        <h2 class="govuk-heading-m">"People in your household"</h2>
        <p class="govuk-body">"List the adults and your own children. Do not list children you foster."</p>
        <Show when=move || !members().is_empty() fallback=|| view! { <p class="govuk-body">"Nobody is listed yet."</p> }>
            <dl class="govuk-summary-list">
                {move || {
                    members()
                        .into_iter()
                        .map(|member| {
                            let id = member.id.clone();
                            let name_text = member.name.to_string();
                            let who = name_text.clone();
                            let remove = move |_| {
                                let change = DetailsChange::RemoveMember { id: id.clone() };
                                let who = who.clone();
                                sync.record_then(&QueuedDetails { details: &change }, move |outcome| {
                                    if let Err(error) = outcome {
                                        problem.set(Some(format!("{who} was not removed. {error}")));
                                    }
                                });
                            };
                            view! {
                                <div class="govuk-summary-list__row">
                                    <dt class="govuk-summary-list__key">{name_text.clone()}</dt>
                                    <dd class="govuk-summary-list__value">{member.role.label()}</dd>
                                    <dd class="govuk-summary-list__actions">
                                        <button type="button" class="govuk-button govuk-button--secondary portal-inline-button" on:click=remove>
                                            "Remove" <span class="govuk-visually-hidden">" " {name_text}</span>
                                        </button>
                                    </dd>
                                </div>
                            }
                        })
                        .collect_view()
                }}
            </dl>
        </Show>
        <form novalidate on:submit=add>
            <h3 class="govuk-heading-s">"Add someone"</h3>
            <TextField id="member-name" label="Their name" kind="text" autocomplete="name" value=name error=name_error />
            <div class="govuk-form-group">
                <label class="govuk-label" for="member-role">"Who they are"</label>
                <select
                    class="govuk-select"
                    id="member-role"
                    on:change=move |ev| {
                        let index = event_target_value(&ev).parse::<usize>().unwrap_or(0);
                        role.set(MemberRole::ALL.get(index).copied().unwrap_or(MemberRole::OtherAdult));
                    }
                >
                    {MemberRole::ALL
                        .into_iter()
                        .enumerate()
                        .map(|(i, r)| view! { <option value=i.to_string() selected=r == MemberRole::SecondCarer>{r.label()}</option> })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary">"Add to household"</button>
        </form>
    }
}

/// The facts staff keep about the household: read-only here, because the service decides them.
#[component]
fn ServiceRecord() -> impl IntoView {
    let sync = use_sync();
    view! {
        <h2 class="govuk-heading-m">"What the fostering service records"</h2>
        {move || match sync.household() {
            None => view! {
                <p class="govuk-body">"This will show after your device next connects to the portal."</p>
            }
            .into_any(),
            Some(facts) => view! {
                <p class="govuk-body">"Your supervising social worker keeps these up to date. If something is wrong, tell them."</p>
                <dl class="govuk-summary-list">
                    {facts
                        .summary()
                        .into_iter()
                        .map(|(label, value)| view! {
                            <div class="govuk-summary-list__row">
                                <dt class="govuk-summary-list__key">{label}</dt>
                                <dd class="govuk-summary-list__value">{value}</dd>
                            </div>
                        })
                        .collect_view()}
                </dl>
            }
            .into_any(),
        }}
    }
}
