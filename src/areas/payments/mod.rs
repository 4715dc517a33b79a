//! Payments for carers, under `/payments`: the household's payment queries, the service's
//! rates and the finance team's notice, read from the device. Its code loads the first time a
//! carer opens it (see `parts`).

pub mod data;
pub mod pages;

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::{ParamSegment, StaticSegment};

use crate::areas::payments::data::{PaymentsData, payments_data};
use crate::areas::payments::pages::claim::ClaimPage;
use crate::areas::payments::pages::claims::ClaimsPage;
use crate::areas::payments::pages::new_claim::NewClaimPage;
use crate::areas::payments::pages::new_query::NewQueryPage;
use crate::areas::payments::pages::not_found::PaymentsNotFoundPage;
use crate::areas::payments::pages::queries::QueriesPage;
use crate::areas::payments::pages::query::QueryPage;
use crate::areas::payments::pages::rates::RatesPage;
use crate::components::section_nav::{SectionNav, section_links, section_page};
use crate::device::today;
use crate::routes::PAYMENTS_HOME;
use crate::state::account::{device, use_account};
use crate::state::sync::use_sync;

/// The payment pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentsPage {
    Queries,
    NewQuery,
    Query(String),
    Claims,
    NewClaim,
    Claim(String),
    Rates,
}

impl PaymentsPage {
    /// The pages in the section's own navigation, in order.
    pub const SECTION: [Self; 5] = [
        Self::Queries,
        Self::NewQuery,
        Self::Claims,
        Self::NewClaim,
        Self::Rates,
    ];

    pub fn href(&self) -> String {
        match self {
            Self::Queries => PAYMENTS_HOME.to_owned(),
            Self::NewQuery => format!("{PAYMENTS_HOME}/new"),
            Self::Query(id) => format!("{PAYMENTS_HOME}/queries/{id}"),
            Self::Claims => format!("{PAYMENTS_HOME}/claims"),
            Self::NewClaim => format!("{PAYMENTS_HOME}/claims/new"),
            Self::Claim(id) => format!("{PAYMENTS_HOME}/claims/{id}"),
            Self::Rates => format!("{PAYMENTS_HOME}/rates"),
        }
    }

    pub const fn title(&self) -> &'static str {
        match self {
            Self::Queries => "My payment queries",
            Self::NewQuery => "Ask about a payment",
            Self::Query(_) => "Payment query",
            Self::Claims => "My claims",
            Self::NewClaim => "Make a claim",
            Self::Claim(_) => "Claim",
            Self::Rates => "What I should be paid",
        }
    }

    /// The page at a browser path, if there is one.
    pub fn from_path(path: &str) -> Option<Self> {
        let rest = path.trim_end_matches('/').strip_prefix(PAYMENTS_HOME)?;
        match rest.trim_start_matches('/').split('/').collect::<Vec<_>>()[..] {
            [""] => Some(Self::Queries),
            ["new"] => Some(Self::NewQuery),
            ["queries", id] if !id.is_empty() => Some(Self::Query(id.to_owned())),
            ["claims"] => Some(Self::Claims),
            ["claims", "new"] => Some(Self::NewClaim),
            ["claims", id] if !id.is_empty() => Some(Self::Claim(id.to_owned())),
            ["rates"] => Some(Self::Rates),
            _ => None,
        }
    }

    /// A query's page belongs to "My payment queries" in the section's navigation, and a
    /// claim's to "My claims".
    pub fn is_within(&self, section: &Self) -> bool {
        self == section
            || (*section == Self::Queries && matches!(self, Self::Query(_)))
            || (*section == Self::Claims && matches!(self, Self::Claim(_)))
    }
}

section_page!(PaymentsPage);

/// The household's queries, the rates and the notice, read again whenever the device's
/// storage changes.
pub fn use_payments() -> Memo<PaymentsData> {
    expect_context::<Memo<PaymentsData>>()
}

fn provide_payments() {
    let sync = use_sync();
    let account = use_account();
    let data = Memo::new(move |_| {
        sync.revision();
        let Some(user) = account.user() else {
            return PaymentsData::default();
        };
        let household = user.household_id.unwrap_or_default();
        device()
            .and_then(|d| payments_data(&d.user(&user.id), &household, today()))
            .unwrap_or_default()
    });
    provide_context(data);
}

#[component]
pub fn PaymentsArea() -> impl IntoView {
    provide_payments();
    let payments = || StaticSegment("payments");
    view! {
        <SectionNav label="Payments" links={section_links::<PaymentsPage>} />
        <Routes fallback=PaymentsNotFoundPage>
            <Route path=payments() view=QueriesPage />
            <Route path=(payments(), StaticSegment("new")) view=NewQueryPage />
            <Route path=(payments(), StaticSegment("queries"), ParamSegment("id")) view=QueryPage />
            <Route path=(payments(), StaticSegment("claims")) view=ClaimsPage />
            <Route path=(payments(), StaticSegment("claims"), StaticSegment("new")) view=NewClaimPage />
            <Route path=(payments(), StaticSegment("claims"), ParamSegment("id")) view=ClaimPage />
            <Route path=(payments(), StaticSegment("rates")) view=RatesPage />
        </Routes>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_payments_page_is_found_at_its_own_address() {
        for page in [
            PaymentsPage::Queries,
            PaymentsPage::NewQuery,
            PaymentsPage::Query("q-1".into()),
            PaymentsPage::Claims,
            PaymentsPage::NewClaim,
            PaymentsPage::Claim("c-1".into()),
            PaymentsPage::Rates,
        ] {
            assert_eq!(PaymentsPage::from_path(&page.href()), Some(page));
        }
        assert_eq!(PaymentsPage::from_path("/payments/queries"), None);
        assert!(PaymentsPage::Query("q".into()).is_within(&PaymentsPage::Queries));
    }
}
