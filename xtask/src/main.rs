//! The portal's automation. The README's two commands live here:
//!
//! - `cargo xtask run`: installs what is missing, builds the app, serves the portal.
//! - `cargo xtask test`: everything CI runs.
//!
//! and `cargo xtask bench` (sizes and speeds), `cargo xtask css` (rebuilds the stylesheet) and
//! `cargo xtask size` (checks a build's first loads against their ceilings).

mod bench;
mod build;
mod cmd;
mod size;
mod split;
mod test;
mod tools;

use std::process::ExitCode;

const USAGE: &str = "\
Usage: cargo xtask <command>

Commands:
  run     Install what is missing, build the app in release mode and serve the portal
          (PORTAL_ADDR, PORTAL_DATABASE_URL and PORTAL_DATA_DIR change the defaults)
  test    Everything CI runs: formatting, clippy, Rust tests, the release build,
          the size ceiling and the browser tests
  bench   Print sizes against a minimal Leptos app, and the sync engine's speeds
  build   Build the portal in release mode, as the tests use it, into a folder
          (default target/test-dist), without serving it
  css     Rebuild style/portal.css from style/portal.scss and GOV.UK Frontend
  size    Check each app's first load in a build (default target/test-dist) against
          its ceiling, without building it first";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => build::run(&args[1..]),
        Some("test") => test::run(),
        Some("bench") => bench::run(),
        Some("css") => build::css(),
        Some("build") => build::build_only(args.get(1).map(String::as_str)),
        Some("size") => {
            size::check(&cmd::root().join(args.get(1).map_or("target/test-dist", String::as_str)))
        }
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command '{other}'.\n\n{USAGE}")),
        None => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
