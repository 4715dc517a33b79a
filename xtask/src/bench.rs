//! `cargo xtask bench`: the figures behind the speed and size targets. Times are printed, never
//! asserted: the tests assert only on sizes, which are deterministic.

use crate::build::{build_portal, trunk_build};
use crate::cmd::{Result, root, step};
use crate::size::{self, Transfer};
use crate::tools;

/// The first-load target from the foundation issue; the hard ceiling is in `test.rs`.
const FIRST_LOAD_TARGET: usize = 180 * 1024;

pub fn run() -> Result {
    let root = root();
    let env = tools::ensure_build_tools()?;
    let portal_dist = root.join("target/bench-dist");
    let baseline_dist = root.join("target/baseline-dist");
    build_portal(&env, &portal_dist)?;
    trunk_build(
        &env,
        &root.join("xtask/baseline/index.html"),
        &baseline_dist,
        "/",
    )?;

    let portal = size::first_load(&portal_dist)?;
    let baseline = size::first_load(&baseline_dist)?;
    let staff = size::first_load(&portal_dist.join("staff"))?;
    step("First load, gzipped (html, js, wasm, css, manifest)");
    print_table("Portal (carers' app)", &portal);
    print_table(
        "Staff side (its own app under /staff/, never on carers' phones)",
        &staff,
    );
    print_table("Minimal Leptos page, built the same way", &baseline);
    let (p, b) = (size::total(&portal), size::total(&baseline));
    println!("portal first load:          {:>8.1} KB", kb(p));
    println!("minimal Leptos first load:  {:>8.1} KB", kb(b));
    println!(
        "staff side first load:      {:>8.1} KB",
        kb(size::total(&staff))
    );
    println!("ratio portal / minimal:     {:>8.2}", ratio(p, b));
    println!(
        "target {:.0} KB: {} ({:.0}% of target)",
        kb(FIRST_LOAD_TARGET),
        if p <= FIRST_LOAD_TARGET {
            "met"
        } else {
            "NOT met"
        },
        ratio(p, FIRST_LOAD_TARGET) * 100.0
    );
    Ok(())
}

fn print_table(title: &str, transfers: &[Transfer]) {
    println!("\n{title}:");
    for t in transfers {
        println!("  {:<48} {:>8.1} KB", t.file, kb(t.gzipped));
    }
}

#[allow(clippy::cast_precision_loss)]
fn kb(bytes: usize) -> f64 {
    bytes as f64 / 1024.0
}

#[allow(clippy::cast_precision_loss)]
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}
