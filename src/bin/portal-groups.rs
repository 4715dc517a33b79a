//! The carers' support group pages, built as their own app so that the portal's first load
//! stays small (see `portal_app::routes::CarerApp`).

fn main() {
    portal_app::start_carer_app(portal_app::groups::GroupsApp);
}
