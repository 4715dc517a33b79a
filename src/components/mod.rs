//! Views shared by several pages.

pub mod bar_chart;
pub mod carers_only;
pub mod checkboxes;
pub mod connection_status;
pub mod data_table;
pub mod error_summary;
pub mod fields;
pub mod home_notices;
pub mod layout;
pub mod needs_attention;
pub mod page_title;
pub mod payment_thread;
pub mod photo_picker;
pub mod rate_table;
pub mod review_part;
pub mod section_nav;
pub mod select_field;
pub mod survey_question;
pub mod update_banner;
pub mod written;
