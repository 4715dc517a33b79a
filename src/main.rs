fn main() {
    leptos::mount::mount_to_body(portal_app::App);
}
