fn main() {
    portal_app::start_carer_app(portal_app::App);
}
