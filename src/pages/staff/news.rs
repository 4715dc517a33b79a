//! Service news for staff (`/staff/news`): the articles, the contributions carers send, the
//! form to write or change an article (with one picture, for everyone or for one kind of
//! fostering or one area), and a contribution's page, where the news team publishes it as an
//! article or tells the carer why it was not used. An article reaches every device with its
//! next sync, and each household's devices show those meant for it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map};
use portal_core::news::{
    Article, ArticleField, ArticleForm, ContributionDecision, ContributionStatus, NewsList,
    StaffContribution, not_used_note,
};
use portal_core::surveys::Audience;
use wasm_bindgen::JsCast as _;

use super::{Editing, Loaded, Notice, change, editing, fetched, load};
use crate::api::{self, ApiError};
use crate::components::data_table::DataTable;
use crate::components::error_summary::{ErrorSummary, problem_for};
use crate::components::fields::{FieldError, TextArea, TextField};
use crate::components::page_title::PageTitle;
use crate::components::select_field::{Choice, SelectField};
use crate::details_form::{FieldProblem, field_problems};
use crate::device::{picture_data_url, today};
use crate::staff::StaffPage;

fn load_news() -> Loaded<NewsList> {
    load(api::news)
}

/// How staff write an article's body: the library's conventions.
const BODY_HINT: &str = "Leave an empty line between paragraphs.
Start a line with ## for a heading, or ### for a smaller one.
Start a line with - for a bullet point.
Write a link as [the words](https://www.example.org), or [the groups](/groups) for a page of the portal.";

#[component]
pub fn NewsPage() -> impl IntoView {
    let list = load_news();
    view! {
        <PageTitle text="News" />
        <h1 class="govuk-heading-l">"News"</h1>
        <p class="govuk-body">
            "Articles reach carers' devices with their next sync, and carers can read them with no signal. Each season's articles make that season's newsletter."
        </p>
        {fetched(list, "Loading the news…", move |list| view! { <NewsTables list=list /> }.into_any())}
    }
}

#[component]
fn NewsTables(list: NewsList) -> impl IntoView {
    let can_edit = list.can_edit;
    let contributions = list
        .contributions
        .into_iter()
        .map(|c| {
            view! {
                <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header">
                        <a class="govuk-link" href=StaffPage::Contribution(c.contribution.id.clone()).href()>
                            {c.contribution.title.clone()}
                        </a>
                    </th>
                    <td class="govuk-table__cell">{c.household}</td>
                    <td class="govuk-table__cell">{c.contribution.sent_on.long_form()}</td>
                    <td class="govuk-table__cell">{c.contribution.status_words()}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let no_contributions = contributions.is_empty();
    let articles = list
        .articles
        .into_iter()
        .map(|article| {
            let title = if can_edit {
                view! {
                    <a class="govuk-link" href=StaffPage::Article(article.id.clone()).href()>{article.title.clone()}</a>
                }
                .into_any()
            } else {
                article.title.clone().into_any()
            };
            view! {
                <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header">{title}</th>
                    <td class="govuk-table__cell">{article.audience.words()}</td>
                    <td class="govuk-table__cell">{article.published_on.long_form()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {can_edit.then(|| view! {
            <a href=StaffPage::NewArticle.href() role="button" class="govuk-button" data-module="govuk-button">"Write an article"</a>
        })}
        <h2 class="govuk-heading-m">"Contributions from carers"</h2>
        {if no_contributions {
            view! { <p class="govuk-body">"No carer has sent a contribution yet."</p> }.into_any()
        } else {
            view! {
                <DataTable label="Contributions from carers" headings=&[("Contribution", false), ("From", false), ("Sent", false), ("Status", false)]>
                    {contributions}
                </DataTable>
            }
            .into_any()
        }}
        <h2 class="govuk-heading-m">"Articles"</h2>
        <DataTable label="Articles" headings=&[("Article", false), ("For", false), ("Published", false)]>
            {articles}
        </DataTable>
    }
}

/// Writing an article (`/staff/news/new`) or changing one (`/staff/news/{id}`).
#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let list = load_news();
    view! {
        <a href=StaffPage::News.href() class="govuk-back-link">"Back to the news"</a>
        {fetched(list, "Loading…", move |list| {
            let articles = list.articles;
            match editing(list.can_edit, &id(), |id| articles.into_iter().find(|a| a.id == id)) {
                Editing::NotAllowed => view! { <Notice title="News" text="Only supervising social workers and administrators can write the news." /> }.into_any(),
                Editing::New => view! {
                    <ArticleEditor target=Target::New start=ArticleForm { audience: Audience::Everyone.code(), ..ArticleForm::default() } areas=list.areas />
                }
                .into_any(),
                Editing::Existing(article) => view! {
                    <ArticleEditor target=Target::Existing(article.id.clone()) start=article.form() areas=list.areas />
                }
                .into_any(),
                Editing::Missing => view! {
                    <Notice title="Article not found" text="That article is not in the news." />
                }
                .into_any(),
            }
        })}
    }
}

/// What saving the article form does.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    New,
    Existing(String),
    /// Publishes the contribution with this id as the article.
    Contribution(String),
}

impl Target {
    const fn heading(&self) -> &'static str {
        match self {
            Self::New => "Write an article",
            Self::Existing(_) => "Change an article",
            Self::Contribution(_) => "Publish it as an article",
        }
    }

    async fn save(self, form: ArticleForm) -> Result<(), ApiError> {
        match self {
            Self::New => api::add_article(&form).await.map(drop),
            Self::Existing(id) => api::update_article(&id, &form).await.map(drop),
            Self::Contribution(id) => {
                api::decide_contribution(&id, &ContributionDecision::Publish(form))
                    .await
                    .map(drop)
            }
        }
    }
}

fn audience_choices(areas: &[String]) -> Vec<Choice> {
    Audience::fostering(areas)
        .into_iter()
        .map(|audience| (audience.code(), audience.words()))
        .collect()
}

#[component]
fn ArticleEditor(target: Target, start: ArticleForm, areas: Vec<String>) -> impl IntoView {
    let heading = target.heading();
    // On a contribution's page the form sits under the contribution's own title.
    let own_page = !matches!(target, Target::Contribution(_));
    let title = RwSignal::new(start.title);
    let summary = RwSignal::new(start.summary);
    let body = RwSignal::new(start.body);
    let picture = RwSignal::new(start.picture);
    let picture_alt = RwSignal::new(start.picture_alt);
    let audience = RwSignal::new(start.audience);
    let credit = RwSignal::new(start.credit);
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let navigate = use_navigate();
    let saving = change(
        move |(target, form): (Target, ArticleForm)| target.save(form),
        move |result| match result {
            Ok(()) => navigate(&StaffPage::News.href(), NavigateOptions::default()),
            Err(error) => problems.set(vec![FieldProblem {
                input_id: ArticleField::Title.input_id().into(),
                message: error.message(),
            }]),
        },
    );
    let busy = move || saving.pending().get();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = ArticleForm {
            title: title.get_untracked(),
            summary: summary.get_untracked(),
            body: body.get_untracked(),
            picture: picture.get_untracked(),
            picture_alt: picture_alt.get_untracked(),
            audience: audience.get_untracked(),
            credit: credit.get_untracked(),
        };
        // The server dates the article; the device's date only stands in for the check.
        if let Err(found) = Article::parse("new", &form, today()) {
            problems.set(field_problems(found));
            return;
        }
        problems.set(Vec::new());
        if !saving.pending().get_untracked() {
            saving.dispatch((target.clone(), form));
        }
    };
    let error = move |field: ArticleField| {
        Signal::derive(move || problem_for(&problems.get(), field.input_id()))
    };
    view! {
        {own_page.then(|| view! { <PageTitle text=heading /> })}
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary problems=problems />
                {if own_page {
                    view! { <h1 class="govuk-heading-l">{heading}</h1> }.into_any()
                } else {
                    view! { <h2 class="govuk-heading-m">{heading}</h2> }.into_any()
                }}
                <form novalidate on:submit=submit>
                    <TextField id=ArticleField::Title.input_id() label="Title" kind="text" autocomplete="off" value=title error=error(ArticleField::Title) />
                    <TextArea id=ArticleField::Summary.input_id() label="Summary" value=summary error=error(ArticleField::Summary) rows=2 hint="One or two sentences. Carers see it in the list of news." />
                    <TextArea id=ArticleField::Body.input_id() label="The article" value=body error=error(ArticleField::Body) rows=16 hint=BODY_HINT />
                    <PictureField picture=picture error=error(ArticleField::Picture) />
                    <TextField id=ArticleField::PictureAlt.input_id() label="Describe the picture (needed with a picture)" kind="text" autocomplete="off" value=picture_alt error=error(ArticleField::PictureAlt)
                        hint="For people who cannot see it, for example: Carers and children at the summer fun day." />
                    <SelectField id=ArticleField::Audience.input_id() label="Who it is for" choices=audience_choices(&areas) value=audience error=error(ArticleField::Audience) />
                    <TextField id=ArticleField::Credit.input_id() label="Written by (optional)" kind="text" autocomplete="off" value=credit error=error(ArticleField::Credit)
                        hint="For a carer's contribution, as they asked to be named. Leave it empty for the fostering team." />
                    <button type="submit" class="govuk-button" disabled=busy>
                        {move || if busy() { "Publishing…" } else { "Publish" }}
                    </button>
                </form>
            </div>
        </div>
    }
}

/// The article's one picture: chosen from a file, made smaller here, shown, and removable.
#[component]
fn PictureField(picture: RwSignal<String>, error: Signal<Option<String>>) -> impl IntoView {
    let id = ArticleField::Picture.input_id();
    let problem = RwSignal::new(None::<String>);
    let shown = Signal::derive(move || problem.get().or_else(|| error.get()));
    let described = move || {
        if shown.get().is_some() {
            format!("{id}-hint {id}-error")
        } else {
            format!("{id}-hint")
        }
    };
    let chosen = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let file = input.files().and_then(|files| files.get(0));
        // The same file can be chosen again after a refusal.
        input.set_value("");
        problem.set(None);
        if let Some(file) = file {
            spawn_local(async move {
                match picture_data_url(file).await {
                    Ok(data) => picture.set(data),
                    Err(message) => problem.set(Some(message)),
                }
            });
        }
    };
    view! {
        <div class="govuk-form-group" class:govuk-form-group--error=move || shown.get().is_some()>
            <label class="govuk-label" for=id>"Picture (optional)"</label>
            <div class="govuk-hint" id=format!("{id}-hint")>
                "One picture. It is made smaller on this computer, and must then be at most 250 KB."
            </div>
            <FieldError id=format!("{id}-error") error=shown />
            <input class="govuk-file-upload" id=id type="file" accept="image/*"
                aria-describedby=described on:change=chosen />
            {move || (!picture.with(String::is_empty)).then(|| view! {
                <img class="portal-news__picture govuk-!-margin-top-4" src=picture.get() alt="The picture chosen" />
                <button type="button" class="govuk-button govuk-button--secondary" on:click=move |_| picture.set(String::new())>
                    "Remove the picture"
                </button>
            })}
        </div>
    }
}

/// A carer's contribution (`/staff/news/contributions/{id}`): what they sent, and, while it
/// waits, publishing it as an article or saying why it was not used.
#[component]
pub fn ContributionPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let list = load_news();
    view! {
        <a href=StaffPage::News.href() class="govuk-back-link">"Back to the news"</a>
        {fetched(list, "Loading…", move |list| {
            let id = id();
            let found = list.contributions.iter().find(|c| c.contribution.id == id).cloned();
            match found {
                Some(found) => view! { <ContributionView found=found areas=list.areas can_edit=list.can_edit /> }.into_any(),
                None => view! {
                    <Notice title="Contribution not found" text="That contribution does not exist." />
                }
                .into_any(),
            }
        })}
    }
}

#[component]
fn ContributionView(found: StaffContribution, areas: Vec<String>, can_edit: bool) -> impl IntoView {
    let contribution = found.contribution;
    let sent = format!(
        "Sent by {} of {} on {}",
        contribution.sent_by,
        found.household,
        contribution.sent_on.long_form()
    );
    let credit = contribution.credit.clone().map_or_else(
        || "They did not ask to be named.".to_owned(),
        |credit| format!("If published, they asked to be named: {credit}"),
    );
    let status = match &contribution.status {
        ContributionStatus::Waiting => None,
        ContributionStatus::Published { .. } => Some("Published as an article.".to_owned()),
        ContributionStatus::NotUsed { note } => {
            Some(format!("Not used. The note to the carer: {note}"))
        }
    };
    let waiting = status.is_none() && can_edit;
    let start = contribution.article_form();
    let id = contribution.id.clone();
    view! {
        <PageTitle text="A carer's contribution" />
        <span class="govuk-caption-l">"A carer's contribution"</span>
        <h1 class="govuk-heading-l">{contribution.title.clone()}</h1>
        <p class="govuk-body-s portal-secondary-text">{sent}</p>
        <p class="govuk-body portal-keep-lines">{contribution.body.clone()}</p>
        <p class="govuk-body">{credit}</p>
        {status.map(|status| view! { <div class="govuk-inset-text">{status}</div> })}
        {waiting.then(|| view! {
            <ArticleEditor target=Target::Contribution(id.clone()) start=start areas=areas />
            <NotUsedForm id=id />
        })}
    }
}

#[component]
fn NotUsedForm(id: String) -> impl IntoView {
    let note = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let navigate = use_navigate();
    let deciding = change(
        move |(id, note): (String, String)| async move {
            api::decide_contribution(&id, &ContributionDecision::NotUsed { note })
                .await
                .map(drop)
        },
        move |result| match result {
            Ok(()) => navigate(&StaffPage::News.href(), NavigateOptions::default()),
            Err(error) => problems.set(vec![FieldProblem {
                input_id: "not-used-note".into(),
                message: error.message(),
            }]),
        },
    );
    let busy = move || deciding.pending().get();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match not_used_note(&note.get_untracked()) {
            Ok(note) => {
                problems.set(Vec::new());
                if !deciding.pending().get_untracked() {
                    deciding.dispatch((id.clone(), note));
                }
            }
            Err(message) => problems.set(vec![FieldProblem {
                input_id: "not-used-note".into(),
                message,
            }]),
        }
    };
    view! {
        <h2 class="govuk-heading-m">"Or do not use it"</h2>
        <ErrorSummary problems=problems />
        <form novalidate on:submit=submit>
            <TextArea id="not-used-note" label="A note to the carer saying why" value=note
                error=Signal::derive(move || problem_for(&problems.get(), "not-used-note")) rows=3 />
            <button type="submit" class="govuk-button govuk-button--warning" disabled=busy>"Do not use it"</button>
        </form>
    }
}
