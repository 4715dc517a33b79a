pub mod answer;
pub mod list;
pub mod not_found;
