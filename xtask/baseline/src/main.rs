//! A minimal Leptos page: the floor that the portal's first-load size is compared with.

use leptos::prelude::*;

fn main() {
    mount_to_body(|| view! { <p>"Hello from Leptos"</p> });
}
