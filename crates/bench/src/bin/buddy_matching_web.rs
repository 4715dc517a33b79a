//! `cargo xtask bench`: the same matching in the browser (target: under two seconds), built by
//! Trunk from `crates/bench/index.html` and timed in headless Chromium by
//! `tests/browser/bench/buddy-matching.mjs`, which reads the figures from the page.

fn main() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let clock = js_sys::Date::now;
    let figures: Vec<String> = portal_bench::COHORTS
        .into_iter()
        .map(|(seekers, volunteers)| portal_bench::run(seekers, volunteers, clock))
        .collect();
    if let Some(output) = document.get_element_by_id("figures") {
        output.set_text_content(Some(&figures.join("\n")));
    }
}
