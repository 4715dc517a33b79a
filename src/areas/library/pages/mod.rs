pub mod document;
pub mod list;
