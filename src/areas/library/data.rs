//! The library as this device keeps it: every document, in the library's order, and where the
//! reader stands with each (the read marks this device keeps, see `Document::read_mark`).

use std::collections::BTreeSet;

use portal_core::library::{Document, ReadState, library_order, search};
use portal_core::sync::wire::collection::LIBRARY;

use crate::storage::{StorageError, Store, UserStore};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LibraryData {
    /// Every document, the handbook first, then the charter, then policies by title.
    pub documents: Vec<Document>,
    /// The marks of the versions read on this device.
    pub marks: BTreeSet<String>,
}

/// A document as the library's list or a search shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub document: Document,
    pub state: ReadState,
    /// For a search: the line of the document where a word was found.
    pub extract: Option<String>,
}

impl LibraryData {
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// Every document, when `query` is empty, or those a search for it finds, best first.
    pub fn listed(&self, query: &str) -> Vec<Listed> {
        let listed = |document: &Document, extract| Listed {
            state: document.read_state(&self.marks),
            document: document.clone(),
            extract,
        };
        if query.trim().is_empty() {
            return self.documents.iter().map(|d| listed(d, None)).collect();
        }
        search(&self.documents, query)
            .into_iter()
            .map(|found| listed(found.document, found.extract))
            .collect()
    }

    /// How many documents have changed since they were last read here.
    pub fn updated(&self) -> usize {
        self.documents
            .iter()
            .filter(|d| d.read_state(&self.marks) == ReadState::Updated)
            .count()
    }
}

/// Reads the library from the device.
pub fn library_data<S: Store>(user: &UserStore<'_, S>) -> Result<LibraryData, StorageError> {
    let (mut documents, _) = user.records::<Document>(LIBRARY)?;
    documents.sort_by(library_order);
    Ok(LibraryData {
        documents,
        marks: user.seen()?,
    })
}

#[cfg(test)]
mod tests {
    use portal_core::date::CalendarDate;
    use portal_core::library::DocumentForm;

    use super::*;
    use crate::storage::{DeviceStore, MemoryStore};

    fn document(id: &str, kind: &str, title: &str, body: &str) -> Document {
        let form = DocumentForm {
            kind: kind.into(),
            title: title.into(),
            summary: "A summary.".into(),
            body: body.into(),
        };
        let today = CalendarDate::parse("2026-12-01").expect("date");
        Document::parse(id, &form, None, today).expect("valid")
    }

    #[test]
    fn the_library_is_read_in_its_order_with_what_was_read_here() {
        let device = DeviceStore::open(MemoryStore::default()).expect("opens");
        let user = device.user("u1");
        let policy = document("p", "policy", "Allegations", "What happens next.");
        let handbook = document("h", "handbook", "Handbook", "Who supports you.");
        for d in [&policy, &handbook] {
            let body = serde_json::to_string(d).expect("json");
            user.put_record(LIBRARY, &d.id, Some(&body)).expect("kept");
        }
        // Version 1 of the policy was read; version 2 is on the device now.
        user.mark_seen(&policy.read_mark()).expect("marked");
        let mut changed = policy.clone();
        changed.version = 2;
        let body = serde_json::to_string(&changed).expect("json");
        user.put_record(LIBRARY, "p", Some(&body)).expect("kept");

        let data = library_data(&user).expect("reads");
        let all = data.listed("");
        let listed: Vec<(&str, ReadState)> = all
            .iter()
            .map(|l| (l.document.id.as_str(), l.state))
            .collect();
        assert_eq!(
            listed,
            [("h", ReadState::NotRead), ("p", ReadState::Updated)]
        );
        assert_eq!(data.updated(), 1);
        let found = data.listed("next");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].extract.as_deref(), Some("What happens next."));
    }
}
