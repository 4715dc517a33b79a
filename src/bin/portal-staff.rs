//! The staff side of the portal, built as its own app so that carers' phones never download it.

fn main() {
    leptos::mount::mount_to_body(portal_app::staff::StaffApp);
}
