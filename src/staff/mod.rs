//! The staff side: a separate app (its own WebAssembly, built from `src/staff/index.html`)
//! served under `/staff`, whose sections load when first opened (`StaffSection`), sharing this crate's components, API client and account state with
//! the carers' app. Staff work at office computers on the council's network, so these pages
//! read and write through the API directly rather than through the carers' offline sync.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{ParamSegment, StaticSegment, WildcardSegment};
use portal_core::account::Role;
use portal_core::carers::{HouseholdStatus, StaffFieldsForm, can_read_household_activity};
use portal_core::household::CarerType;
use portal_core::notices::can_read_outbox;

use crate::components::layout::{Frame, Main, NavItem};
use crate::components::select_field::{Choice, choices_after};
use crate::pages::staff::applicants::ApplicantsPage;
use crate::pages::staff::buddies::BuddiesPage;
use crate::pages::staff::carer::CarerPage;
use crate::pages::staff::carers::CarersPage;
use crate::pages::staff::claim::ClaimPage;
use crate::pages::staff::claims::ClaimsPage;
use crate::pages::staff::courses::{CoursePage, CoursesPage};
use crate::pages::staff::enquiries::EnquiriesPage;
use crate::pages::staff::enquiry::EnquiryPage;
use crate::pages::staff::enquiry_funnel::EnquiryFunnelPage;
use crate::pages::staff::exits::ExitsPage;
use crate::pages::staff::group_numbers::GroupNumbersPage;
use crate::pages::staff::group_session::GroupSessionPage;
use crate::pages::staff::groups::{GroupPage, GroupsPage, NewGroupPage};
use crate::pages::staff::library::{DocumentPage, LibraryPage};
use crate::pages::staff::new_carer::NewCarerPage;
use crate::pages::staff::news::{ArticlePage, ContributionPage, NewsPage};
use crate::pages::staff::not_found::StaffNotFoundPage;
use crate::pages::staff::outbox::OutboxPage;
use crate::pages::staff::payment_query::PaymentQueryPage;
use crate::pages::staff::payment_rates::{PaymentNumbersPage, PaymentRatesPage};
use crate::pages::staff::payments::PaymentQueriesPage;
use crate::pages::staff::reviews::{HouseholdReviewPage, ReviewsPage};
use crate::pages::staff::support::SupportContactsPage;
use crate::pages::staff::survey_builder::{EditSurveyPage, NewSurveyPage};
use crate::pages::staff::survey_results::SurveyResultsPage;
use crate::pages::staff::surveys::SurveysPage;
use crate::pages::staff::training::TrainingPage;
use crate::parts::{LazyPart, Open, PartView};
use crate::routes::{Page, STAFF_HOME};
use crate::state::account::{provide_account, use_account};

/// The staff side's pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffPage {
    Carers,
    NewCarer,
    Carer(String),
    Courses,
    NewCourse,
    Course(String),
    Training,
    /// Annual reviews overdue and due, and one household's.
    Reviews,
    Review(String),
    Groups,
    NewGroup,
    Group(String),
    GroupSession(String),
    GroupNumbers,
    SupportContacts,
    /// The handbook, the charter and the policies.
    Library,
    NewDocument,
    Document(String),
    /// Service news: articles and carers' contributions.
    News,
    NewArticle,
    Article(String),
    Contribution(String),
    /// The emails the portal sends, for administrators.
    Outbox,
    Buddies,
    PaymentQueries,
    PaymentQuery(String),
    PaymentRates,
    PaymentNumbers,
    Claims,
    Claim(String),
    Surveys,
    NewSurvey,
    Survey(String),
    EditSurvey(String),
    Enquiries,
    Enquiry(String),
    EnquiryFunnel,
    Applicants,
    Exits,
}

impl StaffPage {
    pub fn href(&self) -> String {
        match self {
            Self::Carers => STAFF_HOME.to_owned(),
            Self::NewCarer => format!("{STAFF_HOME}/carers/new"),
            Self::Carer(id) => format!("{STAFF_HOME}/carers/{id}"),
            Self::Courses => COURSES_HOME.to_owned(),
            Self::NewCourse => format!("{STAFF_HOME}/courses/new"),
            Self::Course(id) => format!("{STAFF_HOME}/courses/{id}"),
            Self::Training => TRAINING_HOME.to_owned(),
            Self::Reviews => REVIEWS_HOME.to_owned(),
            Self::Review(id) => format!("{REVIEWS_HOME}/{id}"),
            Self::Groups => GROUPS_HOME.to_owned(),
            Self::NewGroup => format!("{GROUPS_HOME}/new"),
            Self::Group(id) => format!("{GROUPS_HOME}/{id}"),
            Self::GroupSession(id) => format!("{GROUPS_HOME}/sessions/{id}"),
            Self::GroupNumbers => format!("{GROUPS_HOME}/numbers"),
            Self::SupportContacts => SUPPORT_HOME.to_owned(),
            Self::Library => LIBRARY_HOME.to_owned(),
            Self::NewDocument => format!("{LIBRARY_HOME}/new"),
            Self::Document(id) => format!("{LIBRARY_HOME}/{id}"),
            Self::News => NEWS_HOME.to_owned(),
            Self::NewArticle => format!("{NEWS_HOME}/new"),
            Self::Article(id) => format!("{NEWS_HOME}/{id}"),
            Self::Contribution(id) => format!("{NEWS_HOME}/contributions/{id}"),
            Self::Outbox => OUTBOX_HOME.to_owned(),
            Self::Buddies => BUDDIES_HOME.to_owned(),
            Self::PaymentQueries => PAYMENTS_HOME.to_owned(),
            Self::PaymentQuery(id) => format!("{PAYMENTS_HOME}/queries/{id}"),
            Self::PaymentRates => format!("{PAYMENTS_HOME}/rates"),
            Self::PaymentNumbers => format!("{PAYMENTS_HOME}/numbers"),
            Self::Claims => format!("{PAYMENTS_HOME}/claims"),
            Self::Claim(id) => format!("{PAYMENTS_HOME}/claims/{id}"),
            Self::Surveys => SURVEYS_HOME.to_owned(),
            Self::NewSurvey => format!("{SURVEYS_HOME}/new"),
            Self::Survey(id) => format!("{SURVEYS_HOME}/{id}"),
            Self::EditSurvey(id) => format!("{SURVEYS_HOME}/{id}/edit"),
            Self::Enquiries => ENQUIRIES_HOME.to_owned(),
            Self::Enquiry(id) => format!("{ENQUIRIES_HOME}/{id}"),
            Self::EnquiryFunnel => format!("{ENQUIRIES_HOME}/funnel"),
            Self::Applicants => format!("{ENQUIRIES_HOME}/applicants"),
            Self::Exits => format!("{STAFF_HOME}/exits"),
        }
    }

    /// The navigation section the page belongs to, by the section's own address. Exits are
    /// reported from a household's ending, so they sit with the carers.
    pub const fn section(&self) -> &'static str {
        match self {
            Self::Carers | Self::NewCarer | Self::Carer(_) | Self::Exits => STAFF_HOME,
            Self::Training => TRAINING_HOME,
            Self::Reviews | Self::Review(_) => REVIEWS_HOME,
            Self::Courses | Self::NewCourse | Self::Course(_) => COURSES_HOME,
            Self::Groups
            | Self::NewGroup
            | Self::Group(_)
            | Self::GroupSession(_)
            | Self::GroupNumbers => GROUPS_HOME,
            Self::SupportContacts => SUPPORT_HOME,
            Self::Library | Self::NewDocument | Self::Document(_) => LIBRARY_HOME,
            Self::News | Self::NewArticle | Self::Article(_) | Self::Contribution(_) => NEWS_HOME,
            Self::Outbox => OUTBOX_HOME,
            Self::Buddies => BUDDIES_HOME,
            Self::PaymentQueries
            | Self::PaymentQuery(_)
            | Self::PaymentRates
            | Self::PaymentNumbers
            | Self::Claims
            | Self::Claim(_) => PAYMENTS_HOME,
            Self::Surveys | Self::NewSurvey | Self::Survey(_) | Self::EditSurvey(_) => SURVEYS_HOME,
            Self::Enquiries | Self::Enquiry(_) | Self::EnquiryFunnel | Self::Applicants => {
                ENQUIRIES_HOME
            }
        }
    }

    /// The page at a browser path, if there is one.
    pub fn from_path(path: &str) -> Option<Self> {
        let rest = path.trim_end_matches('/').strip_prefix(STAFF_HOME)?;
        match rest.trim_start_matches('/').split('/').collect::<Vec<_>>()[..] {
            [""] => Some(Self::Carers),
            ["carers", "new"] => Some(Self::NewCarer),
            ["carers", id] if !id.is_empty() => Some(Self::Carer(id.to_owned())),
            ["courses"] => Some(Self::Courses),
            ["training"] => Some(Self::Training),
            ["reviews"] => Some(Self::Reviews),
            ["reviews", id] if !id.is_empty() => Some(Self::Review(id.to_owned())),
            ["groups"] => Some(Self::Groups),
            ["groups", "new"] => Some(Self::NewGroup),
            ["groups", "numbers"] => Some(Self::GroupNumbers),
            ["groups", "sessions", id] if !id.is_empty() => Some(Self::GroupSession(id.to_owned())),
            ["groups", id] if !id.is_empty() => Some(Self::Group(id.to_owned())),
            ["support-contacts"] => Some(Self::SupportContacts),
            ["library"] => Some(Self::Library),
            ["library", "new"] => Some(Self::NewDocument),
            ["library", id] if !id.is_empty() => Some(Self::Document(id.to_owned())),
            ["news"] => Some(Self::News),
            ["news", "new"] => Some(Self::NewArticle),
            ["news", "contributions", id] if !id.is_empty() => {
                Some(Self::Contribution(id.to_owned()))
            }
            ["news", id] if !id.is_empty() => Some(Self::Article(id.to_owned())),
            ["outbox"] => Some(Self::Outbox),
            ["buddies"] => Some(Self::Buddies),
            ["payments"] => Some(Self::PaymentQueries),
            ["payments", "queries", id] if !id.is_empty() => {
                Some(Self::PaymentQuery(id.to_owned()))
            }
            ["payments", "rates"] => Some(Self::PaymentRates),
            ["payments", "numbers"] => Some(Self::PaymentNumbers),
            ["payments", "claims"] => Some(Self::Claims),
            ["payments", "claims", id] if !id.is_empty() => Some(Self::Claim(id.to_owned())),
            ["surveys"] => Some(Self::Surveys),
            ["surveys", "new"] => Some(Self::NewSurvey),
            ["surveys", id] if !id.is_empty() => Some(Self::Survey(id.to_owned())),
            ["surveys", id, "edit"] if !id.is_empty() => Some(Self::EditSurvey(id.to_owned())),
            ["enquiries"] => Some(Self::Enquiries),
            ["enquiries", "funnel"] => Some(Self::EnquiryFunnel),
            ["enquiries", "applicants"] => Some(Self::Applicants),
            ["enquiries", id] if !id.is_empty() => Some(Self::Enquiry(id.to_owned())),
            ["exits"] => Some(Self::Exits),
            ["courses", "new"] => Some(Self::NewCourse),
            ["courses", id] if !id.is_empty() => Some(Self::Course(id.to_owned())),
            _ => None,
        }
    }
}

/// Where the training overview and the course catalogue live (constants, because navigation
/// items hold `&'static str`).
const TRAINING_HOME: &str = "/staff/training";
const COURSES_HOME: &str = "/staff/courses";
const REVIEWS_HOME: &str = "/staff/reviews";
const GROUPS_HOME: &str = "/staff/groups";
const SUPPORT_HOME: &str = "/staff/support-contacts";
const LIBRARY_HOME: &str = "/staff/library";
const NEWS_HOME: &str = "/staff/news";
const OUTBOX_HOME: &str = "/staff/outbox";
const BUDDIES_HOME: &str = "/staff/buddies";
const PAYMENTS_HOME: &str = "/staff/payments";
const SURVEYS_HOME: &str = "/staff/surveys";
const ENQUIRIES_HOME: &str = "/staff/enquiries";

/// The staff side's navigation for someone with `role` (all of it while the role is not
/// known): its own pages, then the carers' app's sign-out page. Pages the role may not open are
/// left out, so finance and recruitment are not led to households' learning and bookings.
pub fn staff_navigation(current: Option<&StaffPage>, role: Option<Role>) -> Vec<NavItem> {
    let reads_activity = role.is_none_or(can_read_household_activity);
    let section = current.map(StaffPage::section);
    let mut items: Vec<NavItem> = [
        (STAFF_HOME, "Carers"),
        (TRAINING_HOME, "Training"),
        (COURSES_HOME, "Training courses"),
        (REVIEWS_HOME, "Annual reviews"),
        (GROUPS_HOME, "Groups"),
        (BUDDIES_HOME, "Buddies"),
        (PAYMENTS_HOME, "Payments"),
        (SURVEYS_HOME, "Surveys"),
        (ENQUIRIES_HOME, "Enquiries"),
        (SUPPORT_HOME, "Support contacts"),
        (NEWS_HOME, "News"),
        (LIBRARY_HOME, "Library"),
        (OUTBOX_HOME, "Emails"),
    ]
    .into_iter()
    .map(|(href, title)| NavItem {
        href,
        title,
        current: section == Some(href),
        external: false,
    })
    .collect();
    items.push(NavItem {
        href: Page::SignOut.href(),
        title: Page::SignOut.title(),
        current: false,
        external: true,
    });
    if !role.is_none_or(can_read_outbox) {
        items.retain(|item| item.href != OUTBOX_HOME);
    }
    if !reads_activity {
        items.retain(|item| {
            item.href != TRAINING_HOME && item.href != GROUPS_HOME && item.href != REVIEWS_HOME
        });
    }
    items
}

/// The staff side's sections whose code loads when first opened (see `parts`): everything but
/// the carers' list and a household's pages, which staff open first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffSection {
    Learning,
    Groups,
    Buddies,
    Payments,
    Surveys,
    Enquiries,
}

impl LazyPart for StaffSection {
    fn name(self) -> &'static str {
        match self {
            Self::Learning => "Training",
            Self::Groups => "Support groups",
            Self::Buddies => "Buddy scheme",
            Self::Payments => "Payment queries",
            Self::Surveys => "Surveys",
            Self::Enquiries => "Enquiries",
        }
    }
}

/// The staff side. `open_section` loads a section's code (see `parts`); the binary supplies it.
#[component]
pub fn StaffApp(open_section: Open<StaffSection>) -> impl IntoView {
    provide_account();
    provide_context(open_section);
    let staff = || StaticSegment("staff");
    let section = |section: StaffSection| move || view! { <PartView part=section /> };
    view! {
        <Router>
            <StaffLayout>
                <Routes fallback=StaffNotFoundPage>
                    <Route path=staff() view=CarersPage />
                    <Route path=(staff(), StaticSegment("carers"), StaticSegment("new")) view=NewCarerPage />
                    <Route path=(staff(), StaticSegment("exits")) view=ExitsPage />
                    <Route path=(staff(), StaticSegment("carers"), ParamSegment("id")) view=CarerPage />
                    <Route path=(staff(), StaticSegment("training")) view=section(StaffSection::Learning) />
                    <Route path=(staff(), StaticSegment("reviews"), WildcardSegment("rest")) view=section(StaffSection::Learning) />
                    <Route path=(staff(), StaticSegment("courses"), WildcardSegment("rest")) view=section(StaffSection::Learning) />
                    <Route path=(staff(), StaticSegment("groups"), WildcardSegment("rest")) view=section(StaffSection::Groups) />
                    <Route path=(staff(), StaticSegment("support-contacts")) view=section(StaffSection::Groups) />
                    <Route path=(staff(), StaticSegment("outbox")) view=section(StaffSection::Groups) />
                    <Route path=(staff(), StaticSegment("library"), WildcardSegment("rest")) view=section(StaffSection::Groups) />
                    <Route path=(staff(), StaticSegment("news"), WildcardSegment("rest")) view=section(StaffSection::Groups) />
                    <Route path=(staff(), StaticSegment("buddies")) view=section(StaffSection::Buddies) />
                    <Route path=(staff(), StaticSegment("payments"), WildcardSegment("rest")) view=section(StaffSection::Payments) />
                    <Route path=(staff(), StaticSegment("surveys"), WildcardSegment("rest")) view=section(StaffSection::Surveys) />
                    <Route path=(staff(), StaticSegment("enquiries"), WildcardSegment("rest")) view=section(StaffSection::Enquiries) />
                </Routes>
            </StaffLayout>
        </Router>
    }
}

/// Training across households, the course catalogue and annual reviews.
#[component]
pub fn StaffLearning() -> impl IntoView {
    let staff = || StaticSegment("staff");
    view! {
        <Routes fallback=StaffNotFoundPage>
            <Route path=(staff(), StaticSegment("training")) view=TrainingPage />
            <Route path=(staff(), StaticSegment("reviews")) view=ReviewsPage />
            <Route path=(staff(), StaticSegment("reviews"), ParamSegment("id")) view=HouseholdReviewPage />
            <Route path=(staff(), StaticSegment("courses")) view=CoursesPage />
            <Route path=(staff(), StaticSegment("courses"), ParamSegment("id")) view=CoursePage />
        </Routes>
    }
}

/// Support groups, their sessions, the numbers for reports, the support contacts, the news, the
/// library and the outbox.
#[component]
pub fn StaffGroups() -> impl IntoView {
    let staff = || StaticSegment("staff");
    let groups = || StaticSegment("groups");
    view! {
        <Routes fallback=StaffNotFoundPage>
            <Route path=(staff(), groups()) view=GroupsPage />
            <Route path=(staff(), groups(), StaticSegment("new")) view=NewGroupPage />
            <Route path=(staff(), groups(), StaticSegment("numbers")) view=GroupNumbersPage />
            <Route path=(staff(), groups(), ParamSegment("id")) view=GroupPage />
            <Route path=(staff(), groups(), StaticSegment("sessions"), ParamSegment("id")) view=GroupSessionPage />
            <Route path=(staff(), StaticSegment("support-contacts")) view=SupportContactsPage />
            <Route path=(staff(), StaticSegment("outbox")) view=OutboxPage />
            <Route path=(staff(), StaticSegment("library")) view=LibraryPage />
            <Route path=(staff(), StaticSegment("library"), ParamSegment("id")) view=DocumentPage />
            <Route path=(staff(), StaticSegment("news")) view=NewsPage />
            <Route path=(staff(), StaticSegment("news"), ParamSegment("id")) view=ArticlePage />
            <Route path=(staff(), StaticSegment("news"), StaticSegment("contributions"), ParamSegment("id")) view=ContributionPage />
        </Routes>
    }
}

/// The buddy scheme: matching, suggestions, pairings.
#[component]
pub fn StaffBuddies() -> impl IntoView {
    view! {
        <Routes fallback=StaffNotFoundPage>
            <Route path=(StaticSegment("staff"), StaticSegment("buddies")) view=BuddiesPage />
        </Routes>
    }
}

/// Payment queries, rates and the numbers for reports.
#[component]
pub fn StaffPayments() -> impl IntoView {
    let staff = || StaticSegment("staff");
    let payments = || StaticSegment("payments");
    view! {
        <Routes fallback=StaffNotFoundPage>
            <Route path=(staff(), payments()) view=PaymentQueriesPage />
            <Route path=(staff(), payments(), StaticSegment("rates")) view=PaymentRatesPage />
            <Route path=(staff(), payments(), StaticSegment("numbers")) view=PaymentNumbersPage />
            <Route path=(staff(), payments(), StaticSegment("queries"), ParamSegment("id")) view=PaymentQueryPage />
            <Route path=(staff(), payments(), StaticSegment("claims")) view=ClaimsPage />
            <Route path=(staff(), payments(), StaticSegment("claims"), ParamSegment("id")) view=ClaimPage />
        </Routes>
    }
}

/// Health-check surveys: waves, the builder and results.
#[component]
pub fn StaffSurveys() -> impl IntoView {
    let staff = || StaticSegment("staff");
    let surveys = || StaticSegment("surveys");
    view! {
        <Routes fallback=StaffNotFoundPage>
            <Route path=(staff(), surveys()) view=SurveysPage />
            <Route path=(staff(), surveys(), StaticSegment("new")) view=NewSurveyPage />
            <Route path=(staff(), surveys(), ParamSegment("id")) view=SurveyResultsPage />
            <Route path=(staff(), surveys(), ParamSegment("id"), StaticSegment("edit")) view=EditSurveyPage />
        </Routes>
    }
}

/// Enquiries from people thinking about fostering, applications against 16 weeks, and the
/// recruitment funnel.
#[component]
pub fn StaffEnquiries() -> impl IntoView {
    let staff = || StaticSegment("staff");
    let enquiries = || StaticSegment("enquiries");
    view! {
        <Routes fallback=StaffNotFoundPage>
            <Route path=(staff(), enquiries()) view=EnquiriesPage />
            <Route path=(staff(), enquiries(), StaticSegment("funnel")) view=EnquiryFunnelPage />
            <Route path=(staff(), enquiries(), StaticSegment("applicants")) view=ApplicantsPage />
            <Route path=(staff(), enquiries(), ParamSegment("id")) view=EnquiryPage />
        </Routes>
    }
}

#[component]
fn StaffLayout(children: Children) -> impl IntoView {
    let location = use_location();
    let account = use_account();
    let items = Memo::new(move |_| {
        let role = account.user().map(|user| user.role);
        staff_navigation(
            StaffPage::from_path(&location.pathname.get()).as_ref(),
            role,
        )
    });
    view! {
        <Frame items=items external=true>
            <Main>{children()}</Main>
        </Frame>
    }
}

pub fn type_choices() -> Vec<Choice> {
    CarerType::ALL
        .into_iter()
        .map(|t| (t.as_str().to_owned(), t.label().to_owned()))
        .collect()
}

/// The form's choice starts empty, so nobody picks a type by accident.
pub fn carer_type_choices() -> Vec<Choice> {
    choices_after("Choose the type of fostering", type_choices())
}

pub fn status_choices() -> Vec<Choice> {
    HouseholdStatus::ALL
        .into_iter()
        .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
        .collect()
}

/// The staff-owned facts, as signals a form edits.
#[derive(Debug, Clone, Copy)]
pub struct FactsForm {
    pub carer_type: RwSignal<String>,
    pub status: RwSignal<String>,
    pub approved_on: RwSignal<String>,
    pub worker: RwSignal<String>,
    pub exit_reason: RwSignal<String>,
    pub exit_words: RwSignal<String>,
}

impl FactsForm {
    pub fn new(fields: StaffFieldsForm) -> Self {
        Self {
            carer_type: RwSignal::new(fields.carer_type),
            status: RwSignal::new(fields.status),
            approved_on: RwSignal::new(fields.approved_on),
            worker: RwSignal::new(fields.supervising_worker_id),
            exit_reason: RwSignal::new(fields.exit_reason),
            exit_words: RwSignal::new(fields.exit_words),
        }
    }

    pub fn set(self, fields: StaffFieldsForm) {
        self.carer_type.set(fields.carer_type);
        self.status.set(fields.status);
        self.approved_on.set(fields.approved_on);
        self.worker.set(fields.supervising_worker_id);
        self.exit_reason.set(fields.exit_reason);
        self.exit_words.set(fields.exit_words);
    }

    pub fn read(self) -> StaffFieldsForm {
        StaffFieldsForm {
            carer_type: self.carer_type.get_untracked(),
            status: self.status.get_untracked(),
            approved_on: self.approved_on.get_untracked(),
            supervising_worker_id: self.worker.get_untracked(),
            exit_reason: self.exit_reason.get_untracked(),
            exit_words: self.exit_words.get_untracked(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_staff_page_is_found_at_its_own_address() {
        for page in [
            StaffPage::Carers,
            StaffPage::NewCarer,
            StaffPage::Carer("abc123".into()),
            StaffPage::Courses,
            StaffPage::NewCourse,
            StaffPage::Course("def456".into()),
            StaffPage::Training,
            StaffPage::Reviews,
            StaffPage::Review("h1".into()),
            StaffPage::Groups,
            StaffPage::NewGroup,
            StaffPage::Group("g1".into()),
            StaffPage::GroupSession("s1".into()),
            StaffPage::GroupNumbers,
            StaffPage::SupportContacts,
            StaffPage::Library,
            StaffPage::NewDocument,
            StaffPage::Document("handbook".into()),
            StaffPage::News,
            StaffPage::NewArticle,
            StaffPage::Article("a1".into()),
            StaffPage::Contribution("c1".into()),
            StaffPage::Outbox,
            StaffPage::Buddies,
            StaffPage::PaymentQueries,
            StaffPage::PaymentQuery("q1".into()),
            StaffPage::PaymentRates,
            StaffPage::PaymentNumbers,
            StaffPage::Claims,
            StaffPage::Claim("c-1".into()),
            StaffPage::Surveys,
            StaffPage::NewSurvey,
            StaffPage::Survey("w1".into()),
            StaffPage::EditSurvey("w1".into()),
            StaffPage::Enquiries,
            StaffPage::Enquiry("e1".into()),
            StaffPage::EnquiryFunnel,
            StaffPage::Applicants,
            StaffPage::Exits,
        ] {
            assert_eq!(StaffPage::from_path(&page.href()), Some(page));
        }
        assert_eq!(StaffPage::from_path("/staff/"), Some(StaffPage::Carers));
        assert_eq!(StaffPage::from_path("/staff/nowhere/at/all"), None);
        assert_eq!(StaffPage::from_path("/my-details"), None);
    }

    #[test]
    fn the_staff_navigation_leads_back_to_the_carers_app_to_sign_out() {
        let items = staff_navigation(Some(&StaffPage::Carer("x".into())), None);
        assert!(items[0].current && !items[1].current);
        assert_eq!(items[1].href, StaffPage::Training.href());
        assert_eq!(items[2].href, StaffPage::Courses.href());
        let on_a_course = staff_navigation(Some(&StaffPage::Course("x".into())), None);
        assert!(on_a_course[2].current && !on_a_course[0].current);
        let last = items.last().expect("sign out");
        assert_eq!(last.href, "/sign-out");
        assert!(last.external);
        let titles = |role| -> Vec<&str> {
            staff_navigation(None, Some(role))
                .into_iter()
                .map(|item| item.title)
                .collect()
        };
        assert!(titles(Role::Administrator).contains(&"Training"));
        assert!(titles(Role::Administrator).contains(&"Emails"));
        assert!(!titles(Role::SupervisingSocialWorker).contains(&"Emails"));
        for role in [Role::Finance, Role::Recruitment] {
            let shown = titles(role);
            assert!(
                !shown.contains(&"Training") && !shown.contains(&"Groups"),
                "{shown:?}"
            );
            assert!(shown.contains(&"Carers"));
        }
    }

    #[test]
    fn the_type_choice_starts_empty_so_nobody_picks_one_by_accident() {
        assert_eq!(carer_type_choices()[0].0, "");
        assert_eq!(carer_type_choices().len(), CarerType::ALL.len() + 1);
        assert_eq!(status_choices().len(), HouseholdStatus::ALL.len());
    }
}
