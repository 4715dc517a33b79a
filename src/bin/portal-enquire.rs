//! The public enquiry, built as its own small app: the first thing many people see of the
//! service, often on a phone late at night, so it carries nothing else.

fn main() {
    leptos::mount::mount_to_body(portal_app::enquire::EnquireApp);
}
