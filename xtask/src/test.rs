//! `cargo xtask test`: everything CI runs, in the order that fails fastest.

use std::process::Command;

use crate::build::{STYLESHEETS, build_portal, compile_css, server_binary, sync_bench_binary};
use crate::cmd::{self, Result, cargo, root, step};
use crate::size;
use crate::tools;

/// Above this, the first load is too heavy for carers on poor mobile signal, and the suite fails.
/// The target (180 KB) is reported by `cargo xtask bench`; this is the hard ceiling. It was 300
/// KB until the device store moved to the browser's database (with the "This device" page,
/// about 19 KB more), 320 KB until photos became files (about 12 KB more), and 340 KB while
/// each area was an app of its own. One app with its areas cut into chunks keeps, in its first
/// part, every function that an area reaches through a table of functions (Leptos' views are
/// called that way), and the areas' shared styles: about 20 KB more again.
pub const FIRST_LOAD_CEILING: usize = 375 * 1024;

/// The public enquiry is a separate small app for people who are not carers yet.
pub const ENQUIRY_CEILING: usize = 200 * 1024;

/// Everything a carer's phone downloads for the whole carers' portal (the first load and every
/// area's chunks); the target is 550 KB. Six separate apps took about 1.9 MB. Claims (mileage,
/// expenses and allowances, offline) added about 45 KB to the payments area's chunk, which
/// took the portal past the old ceiling of 800 KB. The applicant's home (their application,
/// offline, a part of its own that carers' phones also keep for use with no signal) added
/// about 14 KB and its check on the home page and the areas 3 KB, past the next ceiling of 880
/// KB (888 KB in all). Email notices' Notifications page (14.5 KB, in My details' part: the
/// carers' app's first page to fetch from the server rather than the device, so the first to
/// carry a `LocalResource` and an `Action`) and the buddy area's keyed cards, whose contact
/// form a sync no longer rebuilds mid-typing (10 KB), took it past the old ceiling of 900 KB
/// (915 KB in all). The library, a carers' area of its own (42.6 KB), and the annual review's
/// form and plan in the learning area (34.2 KB) took it past that ceiling (990 KB in all). The
/// news (its list, articles, newsletters and contributions, 46.7 KB, in the library's chunk)
/// took it past 1000 KB (1037 KB in all); this ceiling still stops anything larger creeping in
/// unseen.
pub const WHOLE_PORTAL_CEILING: usize = 1060 * 1024;

pub fn run() -> Result {
    let root = root();
    let env = tools::ensure_build_tools()?;

    step("Checking formatting");
    cmd::run(
        cargo()
            .args(["fmt", "--all", "--", "--check"])
            .current_dir(&root),
    )?;

    step("Clippy (native, every crate and test)");
    cmd::run(
        cargo()
            .args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ])
            .current_dir(&root),
    )?;
    step("Clippy (the app, as WebAssembly)");
    let mut wasm_clippy = cargo();
    wasm_clippy
        .args([
            "clippy",
            "--package",
            "portal-app",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(&root);
    env.apply(&mut wasm_clippy);
    cmd::run(&mut wasm_clippy)?;

    step("Checking each style/*.css is built from its .scss");
    let fresh_css = root.join("target/css");
    std::fs::create_dir_all(&fresh_css).map_err(|e| e.to_string())?;
    compile_css(&fresh_css)?;
    for name in STYLESHEETS {
        let file = format!("{name}.css");
        let committed = std::fs::read(root.join("style").join(&file)).unwrap_or_default();
        if std::fs::read(fresh_css.join(&file)).unwrap_or_default() != committed {
            return Err(format!(
                "style/{file} is out of date: run `cargo xtask css` and commit it"
            ));
        }
    }

    step(match std::env::var("PORTAL_TEST_POSTGRES_URL") {
        Ok(_) => "Rust tests (server tests on SQLite and PostgreSQL)",
        Err(_) => {
            "Rust tests (server tests on SQLite; set PORTAL_TEST_POSTGRES_URL for PostgreSQL too)"
        }
    });
    let python = tools::ensure_test_python()?;
    cmd::run(
        cargo()
            .args(["test", "--workspace"])
            .env("PORTAL_TEST_PYTHON", &python)
            .current_dir(&root),
    )?;

    let dist = root.join("target/test-dist");
    build_portal(&env, &dist)?;
    step("Checking the size of each app's first load");
    size::check(&dist)?;

    let server = server_binary()?;
    let seeded = sync_bench_binary()?;
    let chromium = tools::ensure_chromium()?;
    tools::ensure_node()?;
    let browser_tests = root.join("tests/browser");
    tools::npm_ci(&browser_tests)?;
    step("Browser tests in headless Chromium, against the release build");
    cmd::run(
        Command::new("node")
            // A test stuck on something that never comes fails after ten minutes, rather than
            // holding CI until its limit; the slowest journey takes about a minute.
            .args(["--test", "--test-concurrency=1", "--test-timeout=600000"])
            .arg(browser_tests.join("specs"))
            .env("PORTAL_SERVER_BIN", &server)
            .env("PORTAL_SYNC_BENCH_BIN", &seeded)
            .env("PORTAL_DIST_DIR", &dist)
            .env("PORTAL_CHROMIUM", &chromium)
            .env("PORTAL_TEST_PYTHON", &python)
            .current_dir(&browser_tests),
    )?;
    println!("\nAll checks passed.");
    Ok(())
}
