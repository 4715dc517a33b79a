//! Service news: articles staff publish (a title, a summary, a body written in the library's
//! conventions, and at most one picture), each for every carer or for one kind of fostering or
//! one area; contributions carers send for the news team to use; and the seasonal newsletter,
//! which gathers a season's articles into one page to print.
//!
//! Every device keeps every article, as it keeps the library, so news reads with no signal; an
//! article is not private, and a device shows only those meant for its household. A device
//! marks an article "new" until it has been opened there.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::date::CalendarDate;
use crate::details::Text;
use crate::household::HouseholdFacts;
use crate::library::{Block, blocks, check_links};
use crate::surveys::Audience;

const TITLE_MAX: usize = 120;
const SUMMARY_MAX: usize = 300;
const BODY_MAX: usize = 20_000;
const ALT_MAX: usize = 250;
const CREDIT_MAX: usize = 80;
const NOTE_MAX: usize = 1_000;

/// The largest picture an article may carry, in bytes of image data: every device keeps it.
pub const MOST_PICTURE_BYTES: usize = 250 * 1024;

/// The kinds of picture an article may carry, as the start of their data URL.
const PICTURE_KINDS: [&str; 3] = [
    "data:image/jpeg;base64,",
    "data:image/png;base64,",
    "data:image/webp;base64,",
];

/// An article's picture: the image itself (a data URL, so it travels with the article and
/// shows with no signal) and the words that describe it to someone who cannot see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picture {
    pub data: String,
    pub alt: String,
}

impl Picture {
    /// The image's base64 text, once it is known to be a kind of picture an article may carry.
    pub fn base64(&self) -> Option<&str> {
        PICTURE_KINDS
            .iter()
            .find_map(|kind| self.data.strip_prefix(kind))
    }

    /// The image's size in bytes, from the length of its base64 text.
    pub fn bytes(&self) -> usize {
        let encoded = self.base64().unwrap_or(&self.data);
        let padding = encoded.chars().rev().take_while(|c| *c == '=').count();
        (encoded.len() / 4 * 3).saturating_sub(padding)
    }
}

/// One article, as every device keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// The words, in the library's conventions (see `library::Block`).
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture: Option<Picture>,
    /// Who it is for: everyone, one kind of fostering, or one area.
    pub audience: Audience,
    pub published_on: CalendarDate,
    /// Who wrote it, for a carer's contribution: "Sam, a short breaks carer".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
}

/// An article as a member of staff types it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleForm {
    pub title: String,
    pub summary: String,
    pub body: String,
    /// The picture as a data URL, or empty for none.
    #[serde(default)]
    pub picture: String,
    #[serde(default)]
    pub picture_alt: String,
    /// The audience's code (see `Audience::code`).
    pub audience: String,
    #[serde(default)]
    pub credit: String,
}

/// The article form's inputs, by the id a problem is shown against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleField {
    Title,
    Summary,
    Body,
    Picture,
    PictureAlt,
    Audience,
    Credit,
}

impl ArticleField {
    pub const fn input_id(self) -> &'static str {
        match self {
            Self::Title => "article-title",
            Self::Summary => "article-summary",
            Self::Body => "article-body",
            Self::Picture => "article-picture",
            Self::PictureAlt => "article-picture-alt",
            Self::Audience => "article-audience",
            Self::Credit => "article-credit",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormProblem<F> {
    pub field: F,
    pub message: String,
}

pub type ArticleProblem = FormProblem<ArticleField>;

/// Who an article may be for: not the exit interview's households, which no longer foster.
fn news_audience(code: &str) -> Option<Audience> {
    Audience::from_code(code).filter(|a| !matches!(a, Audience::LeftWithin(_)))
}

/// An optional line: empty is none, anything else is checked as text.
fn optional(raw: &str, what: &'static str, max: usize) -> Result<Option<String>, String> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    Text::parse(raw, what, max)
        .map(|t| Some(t.into()))
        .map_err(|e| e.to_string())
}

impl Article {
    /// Checks an article as typed; `published_on` dates it (kept when an article is changed).
    pub fn parse(
        id: &str,
        form: &ArticleForm,
        published_on: CalendarDate,
    ) -> Result<Self, Vec<ArticleProblem>> {
        let mut problems = Vec::new();
        let mut problem = |field, message: String| problems.push(FormProblem { field, message });
        let title = Text::parse(&form.title, "the title", TITLE_MAX)
            .map_err(|e| problem(ArticleField::Title, e.to_string()))
            .ok();
        let summary = Text::parse(&form.summary, "the summary", SUMMARY_MAX)
            .map_err(|e| problem(ArticleField::Summary, e.to_string()))
            .ok();
        let body = Text::parse(&form.body, "the article's words", BODY_MAX)
            .map_err(|e| problem(ArticleField::Body, e.to_string()))
            .ok();
        if let Some(body) = &body
            && let Err(message) = check_links(body.as_str())
        {
            problem(ArticleField::Body, message);
        }
        let audience = news_audience(&form.audience);
        if audience.is_none() {
            problem(
                ArticleField::Audience,
                "Choose who the article is for".to_owned(),
            );
        }
        let picture = match (form.picture.trim(), form.picture_alt.trim()) {
            ("", "") => None,
            ("", _) => {
                problem(
                    ArticleField::Picture,
                    "Choose a picture, or remove its description".to_owned(),
                );
                None
            }
            (data, alt) => {
                let picture = Picture {
                    data: data.to_owned(),
                    alt: alt.to_owned(),
                };
                if picture.base64().is_none() {
                    problem(
                        ArticleField::Picture,
                        "The picture must be a JPEG, PNG or WebP image".to_owned(),
                    );
                } else if picture.bytes() > MOST_PICTURE_BYTES {
                    problem(
                        ArticleField::Picture,
                        format!(
                            "The picture is {} KB, and can be at most {} KB. Choose a smaller one",
                            picture.bytes().div_ceil(1024),
                            MOST_PICTURE_BYTES / 1024
                        ),
                    );
                }
                match optional(alt, "the picture's description", ALT_MAX) {
                    Ok(Some(_)) => {}
                    Ok(None) => problem(
                        ArticleField::PictureAlt,
                        "Describe the picture for people who cannot see it".to_owned(),
                    ),
                    Err(message) => problem(ArticleField::PictureAlt, message),
                }
                Some(picture)
            }
        };
        let credit = optional(&form.credit, "who wrote it", CREDIT_MAX)
            .map_err(|message| problem(ArticleField::Credit, message))
            .ok()
            .flatten();
        let (Some(title), Some(summary), Some(body), Some(audience), true) =
            (title, summary, body, audience, problems.is_empty())
        else {
            return Err(problems);
        };
        Ok(Self {
            id: id.to_owned(),
            title: title.into(),
            summary: summary.into(),
            body: body.into(),
            picture,
            audience,
            published_on,
            credit,
        })
    }

    /// The form, filled in from the article (to change it).
    pub fn form(&self) -> ArticleForm {
        ArticleForm {
            title: self.title.clone(),
            summary: self.summary.clone(),
            body: self.body.clone(),
            picture: self
                .picture
                .as_ref()
                .map(|p| p.data.clone())
                .unwrap_or_default(),
            picture_alt: self
                .picture
                .as_ref()
                .map(|p| p.alt.clone())
                .unwrap_or_default(),
            audience: self.audience.code(),
            credit: self.credit.clone().unwrap_or_default(),
        }
    }

    /// The body as headings, paragraphs and lists.
    pub fn blocks(&self) -> Vec<Block> {
        blocks(&self.body)
    }

    /// Whether the article is for a household standing as `facts`: every article is for
    /// everyone with an account when it is for everyone; one for a kind of fostering or an area
    /// is for the households of that kind or in that area.
    pub fn is_for(&self, facts: Option<&HouseholdFacts>) -> bool {
        match &self.audience {
            Audience::Everyone => true,
            Audience::CarerType(wanted) => facts.is_some_and(|f| f.carer_type == *wanted),
            Audience::Area(wanted) => facts
                .and_then(|f| f.area.as_deref())
                .is_some_and(|area| area.eq_ignore_ascii_case(wanted)),
            Audience::LeftWithin(_) => false,
        }
    }

    /// Who the article is for, in words, when it is not for everyone.
    pub fn audience_words(&self) -> Option<String> {
        match &self.audience {
            Audience::Everyone | Audience::LeftWithin(_) => None,
            Audience::CarerType(carer_type) => Some(format!("For carers: {}", carer_type.label())),
            Audience::Area(area) => Some(format!("For carers in {area}")),
        }
    }

    /// The line under the title: when it was published, who wrote it and who it is for.
    pub fn byline(&self) -> String {
        let mut parts = vec![format!("Published {}", self.published_on.long_form())];
        parts.extend(self.credit.as_ref().map(|credit| format!("By {credit}")));
        parts.extend(self.audience_words());
        parts.join(". ")
    }

    /// The mark a device keeps once the article has been opened there.
    pub fn seen_mark(&self) -> String {
        format!("news:{}", self.id)
    }

    /// Whether the article has not been opened on a device keeping `marks`.
    pub fn is_new(&self, marks: &BTreeSet<String>) -> bool {
        !marks.contains(&self.seen_mark())
    }

    /// The season the article belongs to, for the newsletter.
    pub fn season(&self) -> Season {
        Season::of(self.published_on)
    }
}

/// News's order: newest first, then by title.
pub fn news_order(a: &Article, b: &Article) -> std::cmp::Ordering {
    b.published_on
        .cmp(&a.published_on)
        .then_with(|| a.title.to_lowercase().cmp(&b.title.to_lowercase()))
}

/// The four seasons of the newsletter. Winter runs from December to February, and takes the
/// year its December falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SeasonName {
    Spring,
    Summer,
    Autumn,
    Winter,
}

impl SeasonName {
    const ALL: [Self; 4] = [Self::Spring, Self::Summer, Self::Autumn, Self::Winter];

    const fn as_str(self) -> &'static str {
        match self {
            Self::Spring => "spring",
            Self::Summer => "summer",
            Self::Autumn => "autumn",
            Self::Winter => "winter",
        }
    }

    const fn label(self) -> &'static str {
        match self {
            Self::Spring => "Spring",
            Self::Summer => "Summer",
            Self::Autumn => "Autumn",
            Self::Winter => "Winter",
        }
    }
}

/// One season of one year: a newsletter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Season {
    year: u16,
    name: SeasonName,
}

impl Season {
    /// The season a day falls in.
    pub fn of(date: CalendarDate) -> Self {
        let (year, name) = match date.month() {
            3..=5 => (date.year(), SeasonName::Spring),
            6..=8 => (date.year(), SeasonName::Summer),
            9..=11 => (date.year(), SeasonName::Autumn),
            12 => (date.year(), SeasonName::Winter),
            _ => (date.year().saturating_sub(1), SeasonName::Winter),
        };
        Self { year, name }
    }

    /// The season in an address: `2026-winter`.
    pub fn code(self) -> String {
        format!("{}-{}", self.year, self.name.as_str())
    }

    pub fn parse(code: &str) -> Option<Self> {
        let (year, name) = code.split_once('-')?;
        let year = year.parse().ok().filter(|y| (2000..=9999).contains(y))?;
        let name = SeasonName::ALL.into_iter().find(|n| n.as_str() == name)?;
        Some(Self { year, name })
    }

    /// "Winter 2026 to 2027", "Spring 2027".
    pub fn words(self) -> String {
        match self.name {
            SeasonName::Winter => format!("Winter {} to {}", self.year, self.year + 1),
            name => format!("{} {}", name.label(), self.year),
        }
    }
}

/// The seasons with at least one of `articles`, newest first.
pub fn seasons(articles: &[Article]) -> Vec<Season> {
    let seasons: BTreeSet<Season> = articles.iter().map(Article::season).collect();
    seasons.into_iter().rev().collect()
}

/// A season's newsletter: its articles, oldest first, as a newsletter reads.
pub fn newsletter(articles: &[Article], season: Season) -> Vec<&Article> {
    let mut chosen: Vec<&Article> = articles.iter().filter(|a| a.season() == season).collect();
    chosen.sort_by(|a, b| news_order(b, a));
    chosen
}

/// What became of a carer's contribution.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContributionStatus {
    /// With the news team.
    Waiting,
    /// Published as the article named.
    Published { article_id: String },
    /// Not used, with the team's note to the carer.
    NotUsed { note: String },
}

/// A carer's contribution to the news, as their household's devices and the news team keep it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contribution {
    pub id: String,
    pub title: String,
    pub body: String,
    /// How the carer would like to be named if it is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    /// The name of the carer who sent it (for the news team, never published).
    pub sent_by: String,
    pub sent_on: CalendarDate,
    pub status: ContributionStatus,
}

impl Contribution {
    /// The status in words, for the carer.
    pub fn status_words(&self) -> &'static str {
        match self.status {
            ContributionStatus::Waiting => "With the news team",
            ContributionStatus::Published { .. } => "Published",
            ContributionStatus::NotUsed { .. } => "Not used this time",
        }
    }

    /// The article form a member of staff starts from to publish it.
    pub fn article_form(&self) -> ArticleForm {
        ArticleForm {
            title: self.title.clone(),
            summary: String::new(),
            body: self.body.clone(),
            audience: Audience::Everyone.code(),
            credit: self.credit.clone().unwrap_or_default(),
            ..ArticleForm::default()
        }
    }
}

/// A contribution as a carer types it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContributionForm {
    pub title: String,
    pub body: String,
    #[serde(default)]
    pub credit: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContributionField {
    Title,
    Body,
    Credit,
}

impl ContributionField {
    pub const fn input_id(self) -> &'static str {
        match self {
            Self::Title => "contribution-title",
            Self::Body => "contribution-body",
            Self::Credit => "contribution-credit",
        }
    }
}

pub type ContributionProblem = FormProblem<ContributionField>;

/// A contribution's words, once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributionWords {
    pub title: String,
    pub body: String,
    pub credit: Option<String>,
}

impl ContributionForm {
    pub fn parse(&self) -> Result<ContributionWords, Vec<ContributionProblem>> {
        let mut problems = Vec::new();
        let mut problem = |field, message: String| problems.push(FormProblem { field, message });
        let title = Text::parse(&self.title, "a title", TITLE_MAX)
            .map_err(|e| problem(ContributionField::Title, e.to_string()))
            .ok();
        let body = Text::parse(&self.body, "what you would like to share", BODY_MAX)
            .map_err(|e| problem(ContributionField::Body, e.to_string()))
            .ok();
        let credit = optional(&self.credit, "how to name you", CREDIT_MAX)
            .map_err(|message| problem(ContributionField::Credit, message))
            .ok()
            .flatten();
        match (title, body, problems.is_empty()) {
            (Some(title), Some(body), true) => Ok(ContributionWords {
                title: title.into(),
                body: body.into(),
                credit,
            }),
            _ => Err(problems),
        }
    }
}

/// A carer's change to the news, as queued on their device and pushed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NewsChange {
    /// Sends a contribution, named by an id the device chose.
    Contribute { id: String, form: ContributionForm },
}

/// Why a contribution was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContributionRefusal {
    #[error("The contribution was named in a way the portal does not use.")]
    BadId,
    #[error("{0}")]
    Problems(String),
}

/// Whether `id` can name a contribution: short, and only letters, digits and hyphens.
fn is_contribution_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 100 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// The contribution a change makes, sent by `sent_by` on `today`.
pub fn contribute(
    change: &NewsChange,
    (sent_by, today): (&str, CalendarDate),
) -> Result<Contribution, ContributionRefusal> {
    let NewsChange::Contribute { id, form } = change;
    if !is_contribution_id(id) {
        return Err(ContributionRefusal::BadId);
    }
    let words = form.parse().map_err(|problems| {
        ContributionRefusal::Problems(
            problems
                .into_iter()
                .map(|p| p.message)
                .collect::<Vec<_>>()
                .join(". "),
        )
    })?;
    Ok(Contribution {
        id: id.clone(),
        title: words.title,
        body: words.body,
        credit: words.credit,
        sent_by: sent_by.to_owned(),
        sent_on: today,
        status: ContributionStatus::Waiting,
    })
}

/// A note saying why a contribution was not used, checked.
pub fn not_used_note(raw: &str) -> Result<String, String> {
    Text::parse(raw, "a note to the carer", NOTE_MAX)
        .map(Into::into)
        .map_err(|e| e.to_string())
}

/// A contribution with its household's name, as the news team sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffContribution {
    pub household_id: String,
    pub household: String,
    pub contribution: Contribution,
}

/// The news as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsList {
    /// Every article, newest first.
    pub articles: Vec<Article>,
    /// Every contribution, those waiting first, then newest first.
    pub contributions: Vec<StaffContribution>,
    /// The areas households live in, for an article's audience.
    pub areas: Vec<String>,
    pub can_edit: bool,
}

/// The news team's order of contributions: waiting first, then newest first.
pub fn contribution_order(a: &StaffContribution, b: &StaffContribution) -> std::cmp::Ordering {
    let waiting = |c: &StaffContribution| c.contribution.status != ContributionStatus::Waiting;
    waiting(a)
        .cmp(&waiting(b))
        .then_with(|| b.contribution.sent_on.cmp(&a.contribution.sent_on))
        .then_with(|| a.contribution.id.cmp(&b.contribution.id))
}

/// A member of staff's decision on a contribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContributionDecision {
    /// Publish it as this article.
    Publish(ArticleForm),
    /// Do not use it, and tell the carer why.
    NotUsed { note: String },
}

#[cfg(test)]
mod tests;
