//! The carers' buddy scheme, built as its own app so that the portal's first load stays small
//! (see `portal_app::routes::CarerApp`).

fn main() {
    leptos::mount::mount_to_body(portal_app::buddies::BuddiesApp);
}
