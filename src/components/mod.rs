//! Views shared by several pages.

pub mod carers_only;
pub mod checkboxes;
pub mod connection_status;
pub mod error_summary;
pub mod fields;
pub mod layout;
pub mod needs_attention;
pub mod page_title;
pub mod payment_notice;
pub mod payment_thread;
pub mod photo_picker;
pub mod rate_table;
pub mod section_nav;
pub mod select_field;
pub mod update_banner;
