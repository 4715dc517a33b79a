//! Support contacts: the carer's supervising social worker, the service's teams and the
//! out-of-hours line, kept on the device so they can be read with no signal.

use leptos::prelude::*;
use portal_core::support::tel_link;

use crate::areas::groups::{GroupsPage, use_groups};
use crate::components::carers_only::CarersOnly;
use crate::components::page_title::PageTitle;
use crate::state::sync::use_sync;

#[component]
pub fn SupportPage() -> impl IntoView {
    view! {
        <PageTitle text=GroupsPage::Support.title() />
        <h1 class="govuk-heading-l">"Support contacts"</h1>
        <p class="govuk-body">
            "Who to contact, and when. This page works with no signal: the fostering service "
            "keeps it up to date on your device."
        </p>
        <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
            <strong class="govuk-warning-text__text">
                <span class="govuk-visually-hidden">"Warning"</span>
                "If a child is in immediate danger, call 999."
            </strong>
        </div>
        <CarersOnly to="see your support contacts">
            <div class="portal-contacts">
                <Contacts />
            </div>
        </CarersOnly>
    }
}

#[component]
fn Contacts() -> impl IntoView {
    let groups = use_groups();
    let sync = use_sync();
    let worker = move || {
        let household = sync.household()?;
        Some((
            household.supervising_worker?,
            household.supervising_worker_email,
        ))
    };
    let contacts = move || groups.with(|d| d.contacts.clone());
    view! {
        <h2 class="govuk-heading-m">"Your supervising social worker"</h2>
        {move || match worker() {
            Some((name, email)) => view! {
                <p class="govuk-body">
                    <strong>{name}</strong>
                    {email.map(|email| view! {
                        <br />
                        <a class="govuk-link" href=format!("mailto:{email}")>{email.clone()}</a>
                    })}
                </p>
            }
            .into_any(),
            None => view! {
                <p class="govuk-body">
                    "The fostering service has not recorded a supervising social worker for your "
                    "household yet. Contact the fostering duty team below."
                </p>
            }
            .into_any(),
        }}
        {move || match contacts() {
            None => view! {
                <p class="govuk-body">
                    "The service's contacts have not reached this device yet. They arrive the next "
                    "time it connects."
                </p>
            }
            .into_any(),
            Some(contacts) => {
                let phone = contacts.out_of_hours_phone.clone();
                view! {
                    <h2 class="govuk-heading-m">"Out-of-hours support line"</h2>
                    <p class="govuk-body">
                        <a class="govuk-link portal-phone" href=tel_link(&phone)>{phone.clone()}</a>
                        <br />
                        {contacts.out_of_hours_hours.clone()}
                    </p>
                    <h2 class="govuk-heading-m">"The fostering service's teams"</h2>
                    {contacts.teams.into_iter().map(|team| view! {
                        <div class="govuk-summary-card">
                            <div class="govuk-summary-card__title-wrapper">
                                <h3 class="govuk-summary-card__title">{team.name}</h3>
                            </div>
                            <div class="govuk-summary-card__content">
                                <p class="govuk-body">{team.for_what}</p>
                                <ul class="govuk-list">
                                    {(!team.phone.is_empty()).then(|| view! {
                                        <li>"Phone: " <a class="govuk-link" href=tel_link(&team.phone)>{team.phone.clone()}</a></li>
                                    })}
                                    {(!team.email.is_empty()).then(|| view! {
                                        <li>"Email: " <a class="govuk-link" href=format!("mailto:{}", team.email)>{team.email.clone()}</a></li>
                                    })}
                                    {(!team.hours.is_empty()).then(|| view! { <li>{team.hours}</li> })}
                                </ul>
                            </div>
                        </div>
                    }).collect_view()}
                }
                .into_any()
            }
        }}
    }
}
