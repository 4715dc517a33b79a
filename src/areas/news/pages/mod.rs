pub mod article;
pub mod contribute;
pub mod list;
pub mod newsletter;
