//! The staff Carers list: search and filter every household, and a way to add one.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use portal_core::carers::{
    CarerFilter, CarerList, StaffMember, areas, can_read_household_activity,
};

use super::{account_words, fetched, load_carers};
use crate::components::page_title::PageTitle;
use crate::components::select_field::{SelectField, choices_after};
use crate::staff::{StaffPage, status_choices, type_choices};
use crate::state::account::use_account;
use crate::words::showing;

/// "Showing 3 of 12 households".
pub fn count_sentence(shown: usize, total: usize) -> String {
    showing(shown, total, "household", "households")
}

#[component]
pub fn CarersPage() -> impl IntoView {
    let list = load_carers();
    let reads_exits = use_account()
        .user_untracked()
        .is_some_and(|user| can_read_household_activity(user.role));
    view! {
        <PageTitle text="Carers" />
        <h1 class="govuk-heading-l">"Carers"</h1>
        {reads_exits.then(|| view! {
            <p class="govuk-body"><a class="govuk-link" href=StaffPage::Exits.href()>"Why carers leave"</a></p>
        })}
        {fetched(list, "Loading the list of carers…", move |list| view! { <CarerTable list=list /> }.into_any())}
    }
}

/// The Carers filter, read from the page address, so that a shared or bookmarked search shows
/// the same households.
pub fn use_carer_filter() -> Memo<CarerFilter> {
    let query = use_query_map();
    Memo::new(move |_| {
        let pairs = query.get();
        CarerFilter::from_pairs(
            ["q", "status", "type", "area", "worker"]
                .into_iter()
                .filter_map(|key| pairs.get_str(key).map(|v| (key, v.to_owned())))
                .collect::<Vec<_>>()
                .iter()
                .map(|(k, v)| (*k, v.as_str())),
        )
    })
}

/// The search box and filters over households, shared by the staff pages that list them.
/// Searching changes the page address (`base`, the page's own, with the filter as its query).
#[component]
pub fn HouseholdFilters(
    base: String,
    filter: Memo<CarerFilter>,
    /// The areas to choose from (see `portal_core::carers::areas`).
    areas: Vec<String>,
    workers: Vec<StaffMember>,
) -> impl IntoView {
    let navigate = use_navigate();
    // The form's fields follow the address, so a shared or bookmarked search shows as set, and
    // "Clear", Back and Forward reset them too.
    let search = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let area = RwSignal::new(String::new());
    let worker = RwSignal::new(String::new());
    Effect::new(move |_| {
        let current = filter.get();
        search.set(current.query.clone());
        status.set(
            current
                .status
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
        );
        kind.set(
            current
                .carer_type
                .map(|t| t.as_str().to_owned())
                .unwrap_or_default(),
        );
        area.set(current.area.clone().unwrap_or_default());
        worker.set(current.worker_id.unwrap_or_default());
    });

    let status_choices = choices_after("Any status", status_choices());
    let type_choices = choices_after("Any type", type_choices());
    let area_choices = choices_after(
        "Any area",
        areas.into_iter().map(|a| (a.clone(), a)).collect(),
    );
    let worker_choices = choices_after(
        "Anyone",
        workers.into_iter().map(|w| (w.id, w.name)).collect(),
    );
    let clear = base.clone();
    let apply = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let wanted = CarerFilter::from_pairs([
            ("q", search.get_untracked().as_str()),
            ("status", status.get_untracked().as_str()),
            ("type", kind.get_untracked().as_str()),
            ("area", area.get_untracked().as_str()),
            ("worker", worker.get_untracked().as_str()),
        ]);
        let query: Vec<String> = wanted
            .to_pairs()
            .into_iter()
            .map(|(k, v)| format!("{k}={}", js_sys::encode_uri_component(&v)))
            .collect();
        let href = if query.is_empty() {
            base.clone()
        } else {
            format!("{base}?{}", query.join("&"))
        };
        navigate(&href, NavigateOptions::default());
    };
    view! {
        <form novalidate on:submit=apply class="portal-filters">
            <div class="govuk-form-group">
                <label class="govuk-label" for="search">"Search"</label>
                <div id="search-hint" class="govuk-hint">
                    "Household, carer's name, email address or area"
                </div>
                <input
                    class="govuk-input"
                    id="search"
                    name="q"
                    type="search"
                    aria-describedby="search-hint"
                    bind:value=search
                />
            </div>
            <SelectField id="filter-status" label="Status" choices=status_choices value=status />
            <SelectField id="filter-type" label="Type of fostering" choices=type_choices value=kind />
            <SelectField id="filter-area" label="Area" choices=area_choices value=area />
            <SelectField id="filter-worker" label="Supervising social worker" choices=worker_choices value=worker />
            <div class="govuk-button-group">
                <button type="submit" class="govuk-button govuk-button--secondary">"Search"</button>
                <Show when=move || !filter.get().is_empty()>
                    <a href=clear.clone() class="govuk-link">"Clear search and filters"</a>
                </Show>
            </div>
        </form>
    }
}

#[component]
fn CarerTable(list: CarerList) -> impl IntoView {
    let filter = use_carer_filter();
    let total = list.carers.len();
    let area_list = areas(&list.carers);
    let carers = StoredValue::new(list.carers);
    let shown = Memo::new(move |_| {
        carers.with_value(|all| {
            filter
                .get()
                .apply(all)
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let rows = move || {
        shown
            .get()
            .into_iter()
            .map(|carer| {
                let href = StaffPage::Carer(carer.id.clone()).href();
                view! {
                    <tr class="govuk-table__row">
                        <th scope="row" class="govuk-table__header">
                            <a href=href class="govuk-link">{carer.name}</a>
                        </th>
                        <td class="govuk-table__cell">{carer.lead_carer}</td>
                        <td class="govuk-table__cell">{carer.area}</td>
                        <td class="govuk-table__cell">{carer.carer_type.label()}</td>
                        <td class="govuk-table__cell">{carer.status.label()}</td>
                        <td class="govuk-table__cell">
                            {carer.supervising_worker.map_or_else(|| "Not allocated".to_owned(), |w| w.name)}
                        </td>
                        <td class="govuk-table__cell">{account_words(carer.account)}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <Show when=move || list.can_edit>
            <a href=StaffPage::NewCarer.href() class="govuk-button" role="button">
                "Add a household"
            </a>
        </Show>
        <HouseholdFilters base=StaffPage::Carers.href() filter=filter areas=area_list workers=list.workers />
        <p class="govuk-body" role="status" aria-live="polite">
            {move || count_sentence(shown.get().len(), total)}
        </p>
        <div class="portal-table-scroll" role="region" aria-label="Carer households" tabindex="0">
            <table class="govuk-table">
                <caption class="govuk-table__caption govuk-visually-hidden">"Carer households"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Household"</th>
                        <th scope="col" class="govuk-table__header">"Lead carer"</th>
                        <th scope="col" class="govuk-table__header">"Area"</th>
                        <th scope="col" class="govuk-table__header">"Type"</th>
                        <th scope="col" class="govuk-table__header">"Status"</th>
                        <th scope="col" class="govuk-table__header">"Supervising social worker"</th>
                        <th scope="col" class="govuk-table__header">"Portal account"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">{rows}</tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_says_whether_anything_is_hidden() {
        assert_eq!(count_sentence(12, 12), "Showing all 12 households.");
        assert_eq!(count_sentence(3, 12), "Showing 3 of 12 households.");
        assert_eq!(count_sentence(1, 1), "Showing all 1 household.");
    }
}
