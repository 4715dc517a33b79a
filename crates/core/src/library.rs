//! The library: the foster carers' handbook, the charter and the service's policies. Staff write
//! each document in the portal; every device keeps them all, so a carer can read one with no
//! signal. A document has a version that goes up whenever its words change, so a device can say
//! "updated since you last read it".
//!
//! A document's body is written in a few plain-text conventions (see `Block`), never HTML: what
//! staff type is shown as text, so nothing they paste can run in a carer's browser.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::account::Role;
use crate::date::CalendarDate;
use crate::details::Text;

/// The longest title, summary and body staff may write.
const TITLE_MAX: usize = 120;
const SUMMARY_MAX: usize = 300;
const BODY_MAX: usize = 60_000;

/// How long a search result's extract may be, in characters.
const EXTRACT_MAX: usize = 180;

/// The kinds of document, in the order the library lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Handbook,
    Charter,
    Policy,
}

impl DocumentKind {
    pub const ALL: [Self; 3] = [Self::Handbook, Self::Charter, Self::Policy];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Handbook => "handbook",
            Self::Charter => "charter",
            Self::Policy => "policy",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == raw)
    }

    pub const fn label(self) -> &'static str {
        match self {
            Self::Handbook => "Handbook",
            Self::Charter => "Charter",
            Self::Policy => "Policy",
        }
    }

    /// The heading over the documents of this kind.
    pub const fn heading(self) -> &'static str {
        match self {
            Self::Handbook => "The foster carers' handbook",
            Self::Charter => "The foster carer charter",
            Self::Policy => "Policies",
        }
    }
}

/// One document of the library, as every device keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub kind: DocumentKind,
    pub title: String,
    /// One or two sentences saying what the document is for.
    pub summary: String,
    /// The words, in the conventions `blocks` reads.
    pub body: String,
    /// 1 when first published, one more each time its words change.
    pub version: u32,
    /// The day this version was published.
    pub updated_on: CalendarDate,
}

/// The library as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentList {
    pub documents: Vec<Document>,
    /// Whether this member of staff may add and change documents.
    pub can_edit: bool,
}

/// Who may write the library: the staff who manage carers' records.
pub const fn can_manage_library(role: Role) -> bool {
    crate::carers::can_manage_carers(role)
}

/// A document as a member of staff types it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentForm {
    /// The kind's `as_str` name.
    pub kind: String,
    pub title: String,
    pub summary: String,
    pub body: String,
}

/// The document form's inputs, by the id a problem is shown against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentField {
    Kind,
    Title,
    Summary,
    Body,
}

impl DocumentField {
    pub const fn input_id(self) -> &'static str {
        match self {
            Self::Kind => "document-kind",
            Self::Title => "document-title",
            Self::Summary => "document-summary",
            Self::Body => "document-body",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentProblem {
    pub field: DocumentField,
    pub message: String,
}

impl Document {
    /// Checks a document as typed. `previous` is the version it replaces, if any: its version
    /// goes up only when the words change, so saving it unchanged does not tell every carer it
    /// was updated. `today` dates a new version.
    pub fn parse(
        id: &str,
        form: &DocumentForm,
        previous: Option<&Self>,
        today: CalendarDate,
    ) -> Result<Self, Vec<DocumentProblem>> {
        let mut problems = Vec::new();
        let mut problem =
            |field, message: String| problems.push(DocumentProblem { field, message });
        let kind = DocumentKind::parse(&form.kind);
        if kind.is_none() {
            problem(
                DocumentField::Kind,
                "Choose whether it is the handbook, the charter or a policy".to_owned(),
            );
        }
        let title = Text::parse(&form.title, "the title", TITLE_MAX)
            .map_err(|e| problem(DocumentField::Title, e.to_string()))
            .ok();
        let summary = Text::parse(&form.summary, "the summary", SUMMARY_MAX)
            .map_err(|e| problem(DocumentField::Summary, e.to_string()))
            .ok();
        let body = Text::parse(&form.body, "the document's words", BODY_MAX)
            .map_err(|e| problem(DocumentField::Body, e.to_string()))
            .ok();
        if let Some(body) = &body
            && let Err(message) = check_links(body.as_str())
        {
            problem(DocumentField::Body, message);
        }
        let (Some(kind), Some(title), Some(summary), Some(body), true) =
            (kind, title, summary, body, problems.is_empty())
        else {
            return Err(problems);
        };
        let mut document = Self {
            id: id.to_owned(),
            kind,
            title: title.into(),
            summary: summary.into(),
            body: body.into(),
            version: 1,
            updated_on: today,
        };
        if let Some(previous) = previous {
            if document.same_words(previous) {
                document.version = previous.version;
                document.updated_on = previous.updated_on;
            } else {
                document.version = previous.version.saturating_add(1);
            }
        }
        Ok(document)
    }

    fn same_words(&self, other: &Self) -> bool {
        (self.kind, &self.title, &self.summary, &self.body)
            == (other.kind, &other.title, &other.summary, &other.body)
    }

    /// The form, filled in from the document (to change it).
    pub fn form(&self) -> DocumentForm {
        DocumentForm {
            kind: self.kind.as_str().to_owned(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            body: self.body.clone(),
        }
    }

    /// The body as headings, paragraphs and lists.
    pub fn blocks(&self) -> Vec<Block> {
        blocks(&self.body)
    }

    /// The mark a device keeps once this version has been read.
    pub fn read_mark(&self) -> String {
        format!("{}{}:{}", READ_MARK_PREFIX, self.id, self.version)
    }

    /// Where the reader stands with this document, from the marks their device keeps.
    pub fn read_state(&self, marks: &BTreeSet<String>) -> ReadState {
        if marks.contains(&self.read_mark()) {
            return ReadState::Read;
        }
        let earlier = format!("{}{}:", READ_MARK_PREFIX, self.id);
        if marks.iter().any(|mark| mark.starts_with(&earlier)) {
            ReadState::Updated
        } else {
            ReadState::NotRead
        }
    }

    /// All the words a search looks through, in lower case.
    fn searchable(&self) -> String {
        let mut words = format!("{}\n{}\n", self.title, self.summary);
        for block in self.blocks() {
            words.push_str(&block.plain());
            words.push('\n');
        }
        words.to_lowercase()
    }
}

const READ_MARK_PREFIX: &str = "library:";

/// Where a reader stands with a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadState {
    /// Never opened on this device.
    NotRead,
    /// Opened before, and changed since.
    Updated,
    /// This version has been opened.
    Read,
}

/// A piece of a document's body. Staff write:
/// - `## A heading` (or `### A smaller heading`) on a line of its own;
/// - `- an item` lines, which make a list;
/// - anything else as paragraphs, separated by an empty line;
/// - `[the words](https://example.org)` for a link, to a web address, an email (`mailto:`), a
///   phone number (`tel:`) or a page of the portal (`/...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading { level: u8, text: String },
    Paragraph(Vec<Inline>),
    List(Vec<Vec<Inline>>),
}

impl Block {
    /// The block's words, without the links' addresses.
    pub fn plain(&self) -> String {
        match self {
            Self::Heading { text, .. } => text.clone(),
            Self::Paragraph(inlines) => plain(inlines),
            Self::List(items) => items
                .iter()
                .map(|i| plain(i))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// Words within a paragraph or a list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Link { text: String, href: String },
}

fn plain(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text(text) | Inline::Link { text, .. } => text.as_str(),
        })
        .collect()
}

/// Reads a body into blocks (see `Block`).
pub fn blocks(body: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut list: Vec<Vec<Inline>> = Vec::new();
    let flush = |out: &mut Vec<Block>, paragraph: &mut Vec<&str>, list: &mut Vec<Vec<Inline>>| {
        if !paragraph.is_empty() {
            out.push(Block::Paragraph(inlines(&paragraph.join(" "))));
            paragraph.clear();
        }
        if !list.is_empty() {
            out.push(Block::List(std::mem::take(list)));
        }
    };
    for line in body.lines().map(str::trim) {
        if let Some((level, text)) = heading(line) {
            flush(&mut out, &mut paragraph, &mut list);
            out.push(Block::Heading {
                level,
                text: text.to_owned(),
            });
        } else if let Some(item) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
            if !paragraph.is_empty() {
                flush(&mut out, &mut paragraph, &mut list);
            }
            list.push(inlines(item.trim()));
        } else if line.is_empty() {
            flush(&mut out, &mut paragraph, &mut list);
        } else {
            if !list.is_empty() {
                flush(&mut out, &mut paragraph, &mut list);
            }
            paragraph.push(line);
        }
    }
    flush(&mut out, &mut paragraph, &mut list);
    out
}

fn heading(line: &str) -> Option<(u8, &str)> {
    let (level, text) = if let Some(text) = line.strip_prefix("### ") {
        (3, text)
    } else {
        (2, line.strip_prefix("## ")?)
    };
    let text = text.trim();
    (!text.is_empty()).then_some((level, text))
}

/// Splits a line into text and `[words](address)` links. A bracket that does not make a whole
/// link stays as it was typed.
fn inlines(line: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let found = after.find("](").and_then(|middle| {
            let words = &after[..middle];
            let tail = &after[middle + 2..];
            let close = tail.find(')')?;
            (!words.is_empty() && !words.contains('[')).then(|| {
                (
                    words.to_owned(),
                    tail[..close].trim().to_owned(),
                    &tail[close + 1..],
                )
            })
        });
        if let Some((words, href, remaining)) = found {
            text.push_str(&rest[..open]);
            if !text.is_empty() {
                out.push(Inline::Text(std::mem::take(&mut text)));
            }
            out.push(Inline::Link { text: words, href });
            rest = remaining;
        } else {
            text.push_str(&rest[..=open]);
            rest = after;
        }
    }
    text.push_str(rest);
    if !text.is_empty() {
        out.push(Inline::Text(text));
    }
    out
}

/// Whether a link's address is one a document may lead to.
fn allowed_href(href: &str) -> bool {
    let lower = href.to_ascii_lowercase();
    (lower.starts_with("https://") && href.len() > "https://".len())
        || (lower.starts_with("mailto:") && href.contains('@'))
        || (lower.starts_with("tel:") && href.len() > "tel:".len())
        || (href.starts_with('/') && !href.starts_with("//"))
}

/// Refuses a link whose address is not a web page, an email, a phone number or a page of the
/// portal, naming it so staff can find it.
pub fn check_links(body: &str) -> Result<(), String> {
    for block in blocks(body) {
        let items = match block {
            Block::Heading { .. } => continue,
            Block::Paragraph(inlines) => vec![inlines],
            Block::List(items) => items,
        };
        for inline in items.into_iter().flatten() {
            if let Inline::Link { text, href } = inline
                && !allowed_href(&href)
            {
                return Err(format!(
                    "The link \"{text}\" must lead to an address starting with https://, mailto:, tel: or /"
                ));
            }
        }
    }
    Ok(())
}

/// A document a search found, with the words around the first match in its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<'a> {
    pub document: &'a Document,
    pub extract: Option<String>,
}

/// The documents with every word of `query` in them (title, summary or body, any case), those
/// with more of the words in their title first, then in the library's order. An empty query
/// finds nothing: the library shows everything instead.
pub fn search<'a>(documents: &'a [Document], query: &str) -> Vec<Found<'a>> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(usize, Found<'a>)> = documents
        .iter()
        .filter(|document| {
            let text = document.searchable();
            words.iter().all(|word| text.contains(word.as_str()))
        })
        .map(|document| {
            let title = document.title.to_lowercase();
            let in_title = words.iter().filter(|w| title.contains(w.as_str())).count();
            let extract = document
                .blocks()
                .iter()
                .map(Block::plain)
                .flat_map(|plain| plain.lines().map(str::to_owned).collect::<Vec<_>>())
                .find(|line| {
                    let lower = line.to_lowercase();
                    words.iter().any(|w| lower.contains(w.as_str()))
                })
                .map(|line| shorten(&line));
            (in_title, Found { document, extract })
        })
        .collect();
    found.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| library_order(a.1.document, b.1.document))
    });
    found.into_iter().map(|(_, found)| found).collect()
}

/// The library's order: the handbook, the charter, then policies, each by title.
pub fn library_order(a: &Document, b: &Document) -> std::cmp::Ordering {
    (a.kind, a.title.to_lowercase()).cmp(&(b.kind, b.title.to_lowercase()))
}

fn shorten(line: &str) -> String {
    if line.chars().count() <= EXTRACT_MAX {
        return line.to_owned();
    }
    let cut: String = line.chars().take(EXTRACT_MAX).collect();
    let cut = cut
        .rsplit_once(' ')
        .map_or(cut.as_str(), |(words, _)| words);
    format!("{cut}…")
}

#[cfg(test)]
mod tests;
