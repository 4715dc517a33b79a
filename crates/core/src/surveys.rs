//! Health-check surveys: questions (kept by id, so a question asked again in the next wave can
//! be compared), the answers a carer can give, and the results the service reads: for each
//! question the number of responses, the full distribution, the share who agree and who
//! disagree, and the change since the last wave; breakdowns by carer type or area only where
//! a group has at least [`MIN_GROUP`] responses.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::household::CarerType;
use crate::training::csv_cell;

/// The five points of an agree/disagree question, and "don't know".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    StronglyAgree,
    Agree,
    Neither,
    Disagree,
    StronglyDisagree,
    DontKnow,
}

impl Agreement {
    pub const ALL: [Self; 6] = [
        Self::StronglyAgree,
        Self::Agree,
        Self::Neither,
        Self::Disagree,
        Self::StronglyDisagree,
        Self::DontKnow,
    ];

    pub const fn label(self) -> &'static str {
        match self {
            Self::StronglyAgree => "Strongly agree",
            Self::Agree => "Agree",
            Self::Neither => "Neither agree nor disagree",
            Self::Disagree => "Disagree",
            Self::StronglyDisagree => "Strongly disagree",
            Self::DontKnow => "Don't know",
        }
    }

    const fn index(self) -> usize {
        match self {
            Self::StronglyAgree => 0,
            Self::Agree => 1,
            Self::Neither => 2,
            Self::Disagree => 3,
            Self::StronglyDisagree => 4,
            Self::DontKnow => 5,
        }
    }
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    Agreement,
    Single {
        options: Vec<String>,
    },
    Multiple {
        options: Vec<String>,
    },
    /// "How likely are you to recommend ...", from 0 to 10.
    Recommend,
    FreeText,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub kind: QuestionKind,
}

/// One answer to one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Agreement(Agreement),
    Single(String),
    Multiple(Vec<String>),
    Recommend(u8),
    Text(String),
}

/// A response to a wave: the answers by question id, and the groups it counts in for
/// breakdowns. It holds nothing that names the carer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    pub answers: BTreeMap<String, Answer>,
    pub carer_type: Option<CarerType>,
    pub area: Option<String>,
}

/// The fewest responses a group may have for its results to be shown.
pub const MIN_GROUP: usize = 5;

/// `count` of `total` as a whole percentage, a half rounding up; 0 of 0 is 0.
pub fn percent(count: usize, total: usize) -> u8 {
    if total == 0 {
        return 0;
    }
    u8::try_from((count * 200 + total) / (total * 2)).unwrap_or(100)
}

/// How the answers to one question fell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Distribution {
    /// Counts in the order of [`Agreement::ALL`].
    Agreement([usize; 6]),
    /// Each option with how many chose it.
    Choices(Vec<(String, usize)>),
    /// Counts for 0 to 10.
    Recommend([usize; 11]),
    /// The free-text answers, in no particular order.
    Text(Vec<String>),
}

/// The results of one question in one wave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionResult {
    pub question: String,
    /// How many answered it.
    pub responses: usize,
    pub distribution: Distribution,
    /// The share who agree (strongly or not), or who would recommend (9 or 10).
    pub agree: Option<u8>,
    /// The share who disagree (strongly or not), or who would not recommend (0 to 6).
    pub disagree: Option<u8>,
    /// The change in `agree` since the last wave, in percentage points.
    pub change: Option<i16>,
}

/// The results of `question` over `responses`.
pub fn result(question: &Question, responses: &[Response]) -> QuestionResult {
    let answers: Vec<&Answer> = responses
        .iter()
        .filter_map(|r| r.answers.get(&question.id))
        .collect();
    let total = answers.len();
    let (distribution, agree, disagree) = match &question.kind {
        QuestionKind::Agreement => {
            let mut counts = [0; 6];
            for answer in &answers {
                if let Answer::Agreement(a) = answer {
                    counts[a.index()] += 1;
                }
            }
            let agree = percent(counts[0] + counts[1], total);
            let disagree = percent(counts[3] + counts[4], total);
            (Distribution::Agreement(counts), Some(agree), Some(disagree))
        }
        QuestionKind::Recommend => {
            let mut counts = [0; 11];
            for answer in &answers {
                if let Answer::Recommend(score) = answer {
                    counts[usize::from((*score).min(10))] += 1;
                }
            }
            let promoters = counts[9] + counts[10];
            let detractors: usize = counts[..7].iter().sum();
            (
                Distribution::Recommend(counts),
                Some(percent(promoters, total)),
                Some(percent(detractors, total)),
            )
        }
        QuestionKind::Single { options } | QuestionKind::Multiple { options } => {
            let chose = |option: &String| {
                answers
                    .iter()
                    .filter(|a| match a {
                        Answer::Single(chosen) => chosen == option,
                        Answer::Multiple(chosen) => chosen.contains(option),
                        _ => false,
                    })
                    .count()
            };
            let counts = options.iter().map(|o| (o.clone(), chose(o))).collect();
            (Distribution::Choices(counts), None, None)
        }
        QuestionKind::FreeText => {
            let mut texts: Vec<String> = answers
                .iter()
                .filter_map(|a| match a {
                    Answer::Text(text) if !text.trim().is_empty() => Some(text.trim().to_owned()),
                    _ => None,
                })
                .collect();
            // Sorted, so the order they arrived in tells nothing.
            texts.sort();
            (Distribution::Text(texts), None, None)
        }
    };
    QuestionResult {
        question: question.id.clone(),
        responses: total,
        distribution,
        agree,
        disagree,
        change: None,
    }
}

/// Every question's results, with the change since `previous` (the last wave's responses)
/// for questions asked in both.
pub fn results(
    questions: &[Question],
    responses: &[Response],
    previous: &[Response],
) -> Vec<QuestionResult> {
    questions
        .iter()
        .map(|question| {
            let mut now = result(question, responses);
            let before = result(question, previous);
            if before.responses > 0
                && let (Some(was), Some(is)) = (before.agree, now.agree)
            {
                now.change = Some(i16::from(is) - i16::from(was));
            }
            now
        })
        .collect()
}

/// What a breakdown groups responses by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    CarerType,
    Area,
}

/// One group's results, or why they are hidden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupResult {
    Shown {
        group: String,
        result: QuestionResult,
    },
    Hidden {
        group: String,
        reason: String,
    },
}

/// The results of `question` for each group, hiding any group with fewer than
/// [`MIN_GROUP`] responses to it. Free-text answers are never broken down: words can name
/// their writer in a small group.
pub fn breakdown(question: &Question, responses: &[Response], by: GroupBy) -> Vec<GroupResult> {
    let mut groups: BTreeMap<String, Vec<Response>> = BTreeMap::new();
    for response in responses
        .iter()
        .filter(|r| r.answers.contains_key(&question.id))
    {
        let group = match by {
            GroupBy::CarerType => response.carer_type.map(|t| t.label().to_owned()),
            GroupBy::Area => response.area.clone(),
        };
        groups
            .entry(group.unwrap_or_else(|| "Not known".to_owned()))
            .or_default()
            .push(response.clone());
    }
    groups
        .into_iter()
        .map(|(group, members)| {
            if question.kind == QuestionKind::FreeText {
                GroupResult::Hidden {
                    group,
                    reason: "Written answers are not broken down, so that nobody can be recognised by their words.".to_owned(),
                }
            } else if members.len() < MIN_GROUP {
                GroupResult::Hidden {
                    group,
                    reason: format!(
                        "Hidden: fewer than {MIN_GROUP} responses, so answers could identify someone."
                    ),
                }
            } else {
                GroupResult::Shown {
                    group,
                    result: result(question, &members),
                }
            }
        })
        .collect()
}

/// The aggregates as a spreadsheet: one row per question and answer, never a free-text
/// answer. Question text is made safe against spreadsheet formulas.
pub fn results_csv(questions: &[Question], results: &[QuestionResult]) -> String {
    let mut out = String::from("Question,Answer,Count,Percent,Responses\r\n");
    for (question, result) in questions.iter().zip(results) {
        let rows: Vec<(String, usize)> = match &result.distribution {
            Distribution::Agreement(counts) => Agreement::ALL
                .iter()
                .map(|a| (a.label().to_owned(), counts[a.index()]))
                .collect(),
            Distribution::Recommend(counts) => counts
                .iter()
                .enumerate()
                .map(|(n, c)| (n.to_string(), *c))
                .collect(),
            Distribution::Choices(counts) => counts.clone(),
            Distribution::Text(texts) => vec![("Written answers".to_owned(), texts.len())],
        };
        for (answer, count) in rows {
            let _ = write!(
                out,
                "{},{},{count},{},{}\r\n",
                csv_cell(&question.text),
                csv_cell(&answer),
                percent(count, result.responses),
                result.responses
            );
        }
    }
    out
}

#[cfg(test)]
mod tests;
