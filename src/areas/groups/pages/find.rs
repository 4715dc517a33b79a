//! Find a group: the service's upcoming sessions, soonest first, filtered by kind, area, in
//! person or online, and "for me" (the household's kind of fostering).

use leptos::prelude::*;
use portal_core::date::CalendarDate;
use portal_core::groups::{Group, GroupKind, SessionView};
use portal_core::household::CarerType;

use super::news::GroupNews;
use super::{places_words, when, where_words};
use crate::areas::groups::{GroupsPage, use_groups};
use crate::components::carers_only::CarersOnly;
use crate::components::needs_attention::NeedsAttention;
use crate::components::page_title::PageTitle;
use crate::components::select_field::{Choice, SelectField, choices_after};
use crate::device::today;
use crate::state::sync::use_sync;
use crate::words::showing;

/// The filters, as chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupFilter {
    pub kind: Option<GroupKind>,
    pub area: Option<String>,
    /// `in_person` or `online`; anything else is either.
    pub how: String,
    /// Only groups for this kind of fostering.
    pub for_me: Option<CarerType>,
}

impl GroupFilter {
    /// Whether an upcoming session (on or after `today`) of `group` passes the filters.
    pub fn matches(&self, view: &SessionView, group: &Group, today: CalendarDate) -> bool {
        let session = &view.session;
        session.date >= today
            && self.kind.is_none_or(|kind| group.kind == kind)
            && self
                .area
                .as_ref()
                .is_none_or(|area| group.area.as_ref() == Some(area))
            && match self.how.as_str() {
                "in_person" => session.place.is_some(),
                "online" => session.joining_link.is_some(),
                _ => true,
            }
            && self.for_me.is_none_or(|kind| group.is_for(kind))
    }
}

fn kind_choices() -> Vec<Choice> {
    choices_after(
        "Any kind",
        GroupKind::ALL
            .into_iter()
            .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
            .collect(),
    )
}

fn area_choices(groups: &[Group]) -> Vec<Choice> {
    let mut areas: Vec<String> = groups.iter().filter_map(|g| g.area.clone()).collect();
    areas.sort_unstable();
    areas.dedup();
    choices_after(
        "Any area",
        areas.into_iter().map(|a| (a.clone(), a)).collect(),
    )
}

#[component]
pub fn FindGroupPage() -> impl IntoView {
    view! {
        <PageTitle text=GroupsPage::Find.title() />
        <h1 class="govuk-heading-l">"Support groups"</h1>
        <p class="govuk-body">
            "Groups where foster carers meet, share and learn, in person and online. Book a place, "
            "or join the waiting list when a session is full, even with no signal: the fostering "
            "service decides when your request reaches it, first come, first served."
        </p>
        <CarersOnly to="find and book support groups">
            <NeedsAttention notices=false />
            <GroupNews />
            <Sessions />
        </CarersOnly>
    }
}

#[component]
fn Sessions() -> impl IntoView {
    let groups = use_groups();
    let sync = use_sync();
    let kind = RwSignal::new(String::new());
    let area = RwSignal::new(String::new());
    let how = RwSignal::new(String::new());
    let for_me = RwSignal::new(false);
    let filter = Memo::new(move |_| GroupFilter {
        kind: GroupKind::parse(&kind.get()),
        area: Some(area.get()).filter(|a| !a.is_empty()),
        how: how.get(),
        for_me: if for_me.get() {
            sync.household().map(|h| h.carer_type)
        } else {
            None
        },
    });
    let found = Memo::new(move |_| {
        let today = today();
        let filter = filter.get();
        groups.with(|data| {
            let upcoming: Vec<(SessionView, Group, Option<&'static str>)> = data
                .sessions
                .iter()
                .filter(|v| v.session.date >= today)
                .filter_map(|v| {
                    let group = data.group(&v.session.group_id)?;
                    let mine = data.live_booking(&v.session.id).map(|b| b.place.words());
                    Some((v.clone(), group.clone(), mine))
                })
                .collect();
            let total = upcoming.len();
            let shown: Vec<_> = upcoming
                .into_iter()
                .filter(|(v, g, _)| filter.matches(v, g, today))
                .collect();
            (total, shown)
        })
    });
    let areas = Signal::derive(move || groups.with(|d| area_choices(&d.groups)));
    let how_choices = vec![
        (String::new(), "In person or online".to_owned()),
        ("in_person".to_owned(), "In person".to_owned()),
        ("online".to_owned(), "Online".to_owned()),
    ];
    let items = move || {
        found
            .get()
            .1
            .into_iter()
            .map(|(view, group, mine)| {
                let href = GroupsPage::Session(view.session.id.clone()).href();
                view! {
                    <li class="portal-entry">
                        <h2 class="govuk-heading-s portal-entry__title">
                            <a href=href class="govuk-link">{group.title.clone()}</a>
                        </h2>
                        <p class="govuk-body-s portal-entry__line">{when(&view.session)}</p>
                        <p class="govuk-body-s portal-entry__line">
                            {where_words(&view.session)} ". " {places_words(&view)} "."
                        </p>
                        {view.session.cancelled.as_ref().map(|_| view! { <strong class="govuk-tag govuk-tag--red">"Cancelled"</strong> })}
                        {mine.map(|words| view! { <strong class="govuk-tag govuk-tag--green">{words}</strong> })}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <form class="portal-filters" role="search" aria-label="Support groups" on:submit=|e| e.prevent_default()>
            <div class="portal-filter-row">
                <SelectField id="filter-kind" label="Kind of group" choices=kind_choices() value=kind />
                <SelectField id="filter-area" label="Area" choices=areas value=area />
                <SelectField id="filter-how" label="In person or online" choices=how_choices value=how />
            </div>
            <div class="govuk-checkboxes govuk-checkboxes--small govuk-form-group">
                <div class="govuk-checkboxes__item">
                    <input class="govuk-checkboxes__input" id="for-me" type="checkbox" prop:checked=move || for_me.get() on:change=move |_| for_me.update(|v| *v = !*v) />
                    <label class="govuk-label govuk-checkboxes__label" for="for-me">"Only groups for my kind of fostering"</label>
                </div>
            </div>
        </form>
        <p class="govuk-body" role="status" aria-live="polite">
            {move || {
                let (total, shown) = found.get();
                if total == 0 {
                    "There are no sessions coming up yet. New ones show here when this device next connects.".to_owned()
                } else {
                    showing(shown.len(), total, "session", "sessions")
                }
            }}
        </p>
        <ul class="govuk-list portal-entries">{items}</ul>
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use portal_core::date::LocalTime;
    use portal_core::groups::Session;

    use super::*;

    fn date(raw: &str) -> CalendarDate {
        CalendarDate::parse(raw).expect(raw)
    }

    fn group(kind: GroupKind, area: Option<&str>, for_types: Vec<CarerType>) -> Group {
        Group {
            id: "g1".into(),
            title: "A group".into(),
            kind,
            description: String::new(),
            area: area.map(str::to_owned),
            for_carer_types: for_types,
            for_members: vec![],
            counts_as_training: false,
            standards: BTreeSet::new(),
        }
    }

    fn view(on: &str, place: Option<&str>, link: Option<&str>) -> SessionView {
        SessionView {
            session: Session {
                id: "s1".into(),
                group_id: "g1".into(),
                date: date(on),
                starts: LocalTime::parse("19:00").expect("time"),
                ends: LocalTime::parse("21:00").expect("time"),
                place: place.map(str::to_owned),
                joining_link: link.map(str::to_owned),
                capacity: None,
                booking_closes: None,
                facilitators: vec![],
                co_facilitator: None,
                accessibility: None,
                cancelled: None,
                version: 1,
            },
            places_left: None,
            waiting: 0,
        }
    }

    #[test]
    fn the_filters_pick_upcoming_sessions_by_kind_area_how_and_for_me() {
        let today = date("2026-11-22");
        let local = group(GroupKind::Local, Some("Eastfield"), vec![]);
        let kinship = group(
            GroupKind::FamilyAndFriends,
            None,
            vec![CarerType::FamilyAndFriends],
        );
        let in_person = view("2026-12-01", Some("Café"), None);
        let online = view("2026-12-01", None, Some("https://meet.example"));
        let any = GroupFilter::default();
        assert!(any.matches(&in_person, &local, today));
        assert!(
            !any.matches(&view("2026-11-21", Some("Café"), None), &local, today),
            "past"
        );
        let eastfield = GroupFilter {
            area: Some("Eastfield".into()),
            ..GroupFilter::default()
        };
        assert!(eastfield.matches(&in_person, &local, today));
        assert!(!eastfield.matches(&in_person, &kinship, today));
        let online_only = GroupFilter {
            how: "online".into(),
            ..GroupFilter::default()
        };
        assert!(online_only.matches(&online, &local, today));
        assert!(!online_only.matches(&in_person, &local, today));
        let mainstream = GroupFilter {
            for_me: Some(CarerType::Mainstream),
            ..GroupFilter::default()
        };
        assert!(
            mainstream.matches(&in_person, &local, today),
            "for everyone"
        );
        assert!(!mainstream.matches(&in_person, &kinship, today));
        let reflective = GroupFilter {
            kind: GroupKind::parse("reflective"),
            ..GroupFilter::default()
        };
        assert!(!reflective.matches(&in_person, &local, today));
        assert_eq!(kind_choices().len(), GroupKind::ALL.len() + 1);
    }
}
