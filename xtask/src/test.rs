//! `cargo xtask test`: everything CI runs, in the order that fails fastest.

use std::process::Command;

use crate::build::{build_portal, compile_css, server_binary, sync_bench_binary};
use crate::cmd::{self, Result, cargo, root, step};
use crate::size;
use crate::tools;

/// Above this, the first load is too heavy for carers on poor mobile signal, and the suite fails.
/// The target (180 KB) is reported by `cargo xtask bench`; this is the hard ceiling.
pub const FIRST_LOAD_CEILING: usize = 300 * 1024;

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

    step("Checking style/portal.css is built from style/portal.scss");
    let fresh_css = root.join("target/portal.css");
    std::fs::create_dir_all(root.join("target")).map_err(|e| e.to_string())?;
    compile_css(&fresh_css)?;
    let committed = std::fs::read(root.join("style/portal.css")).unwrap_or_default();
    if std::fs::read(&fresh_css).unwrap_or_default() != committed {
        return Err("style/portal.css is out of date: run `cargo xtask css` and commit it".into());
    }

    step(match std::env::var("PORTAL_TEST_POSTGRES_URL") {
        Ok(_) => "Rust tests (server tests on SQLite and PostgreSQL)",
        Err(_) => {
            "Rust tests (server tests on SQLite; set PORTAL_TEST_POSTGRES_URL for PostgreSQL too)"
        }
    });
    cmd::run(cargo().args(["test", "--workspace"]).current_dir(&root))?;

    let dist = root.join("target/test-dist");
    build_portal(&env, &dist)?;
    step("Checking the size of the first load");
    let transfers = size::first_load(&dist)?;
    let total = size::total(&transfers);
    println!("first load: {} KB gzipped", total / 1024);
    let staff = size::total(&size::first_load(&dist.join("staff"))?);
    println!("staff side's first load: {} KB gzipped", staff / 1024);
    if total > FIRST_LOAD_CEILING {
        return Err(format!(
            "the first load is {} KB gzipped, over the ceiling of {} KB",
            total / 1024,
            FIRST_LOAD_CEILING / 1024
        ));
    }

    let server = server_binary()?;
    let seeded = sync_bench_binary()?;
    let chromium = tools::ensure_chromium()?;
    tools::ensure_node()?;
    let browser_tests = root.join("tests/browser");
    tools::npm_ci(&browser_tests)?;
    step("Browser tests in headless Chromium, against the release build");
    cmd::run(
        Command::new("node")
            .args(["--test", "--test-concurrency=1"])
            .arg(browser_tests.join("specs"))
            .env("PORTAL_SERVER_BIN", &server)
            .env("PORTAL_SYNC_BENCH_BIN", &seeded)
            .env("PORTAL_DIST_DIR", &dist)
            .env("PORTAL_CHROMIUM", &chromium)
            .current_dir(&browser_tests),
    )?;
    println!("\nAll checks passed.");
    Ok(())
}
