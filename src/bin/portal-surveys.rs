//! The carers' surveys, built as their own app so that the portal's first load stays small
//! (see `portal_app::routes::CarerApp`).

fn main() {
    leptos::mount::mount_to_body(portal_app::surveys::SurveysApp);
}
