//! Building the app and the server, and `cargo xtask run`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd::{self, Result, cargo, root, step};
use crate::split;
use crate::tools::{self, BuildEnv};

/// The folder Trunk writes the release build to, and the server serves from.
pub fn dist_dir() -> PathBuf {
    root().join("dist")
}

/// The apps under their own paths, besides the carers' app at the top: the public enquiry and
/// the staff side, each built from its own Trunk entry into the folder of the same name; and the
/// accessibility statement and privacy notice, static pages with no WebAssembly (`src/about/`).
pub const SUB_APPS: [(&str, &str); 4] = [
    ("enquire", "src/enquire/index.html"),
    ("accessibility", "src/about/accessibility.html"),
    ("privacy", "src/about/privacy.html"),
    ("staff", "src/staff/index.html"),
];

/// Builds the whole portal into `dist`: the carers' app at the top, the others in their
/// folders. The main app goes first because Trunk empties the folder it builds into.
pub fn build_portal(env: &BuildEnv, dist: &Path) -> Result {
    trunk_build(env, &root().join("index.html"), dist, "/")?;
    for (folder, html) in SUB_APPS {
        trunk_build(
            env,
            &root().join(html),
            &dist.join(folder),
            &format!("/{folder}/"),
        )?;
    }
    Ok(())
}

/// Builds a Trunk project (an `index.html` with its Rust crate) in release mode, optimised with
/// wasm-opt exactly as it ships, for serving at `public_url`.
pub fn trunk_build(env: &BuildEnv, index_html: &Path, dist: &Path, public_url: &str) -> Result {
    step(&format!(
        "Building {} in release mode into {}",
        index_html.display(),
        dist.display()
    ));
    let mut trunk = Command::new("trunk");
    trunk
        .arg("build")
        .arg("--release")
        .arg("--dist")
        .arg(dist)
        .arg("--public-url")
        .arg(public_url)
        .arg(index_html)
        .current_dir(root());
    env.apply(&mut trunk);
    cmd::run(&mut trunk)?;
    if let Some(bin) = rust_bin(index_html)? {
        split::split_app(env, &bin, dist)?;
    }
    Ok(())
}

/// The binary a Trunk page builds (its `data-bin`), if it builds one.
fn rust_bin(index_html: &Path) -> Result<Option<String>> {
    let page = std::fs::read_to_string(index_html)
        .map_err(|e| format!("cannot read {}: {e}", index_html.display()))?;
    Ok(page
        .split("data-bin=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(str::to_owned))
}

/// Builds the sync figures' server (the real server with seeded records; see
/// `crates/server/examples/sync_bench.rs`) and returns its path.
pub fn sync_bench_binary() -> Result<PathBuf> {
    step("Building the sync bench server");
    cmd::run(
        cargo()
            .args([
                "build",
                "--package",
                "portal-server",
                "--profile",
                "server",
                "--example",
                "sync_bench",
            ])
            .current_dir(root()),
    )?;
    Ok(root().join("target/server/examples/sync_bench"))
}

/// Builds the server binary and returns its path.
pub fn server_binary() -> Result<PathBuf> {
    step("Building the server");
    cmd::run(
        cargo()
            .args(["build", "--package", "portal-server", "--profile", "server"])
            .current_dir(root()),
    )?;
    Ok(root().join("target/server/portal-server"))
}

/// `cargo xtask build [folder]`: the release build the tests use, on its own.
pub fn build_only(folder: Option<&str>) -> Result {
    let env = tools::ensure_build_tools()?;
    build_portal(&env, &root().join(folder.unwrap_or("target/test-dist")))
}

/// `cargo xtask run`: everything from a fresh clone to a serving portal.
pub fn run(server_args: &[String]) -> Result {
    let env = tools::ensure_build_tools()?;
    build_portal(&env, &dist_dir())?;
    let server = server_binary()?;
    step("Starting the portal with demo data (Ctrl-C to stop)");
    let mut serve = Command::new(server);
    serve
        .arg("--dist-dir")
        .arg(dist_dir())
        .arg("--demo")
        .args(server_args)
        .current_dir(root());
    // With no mail server set, the portal's emails are written to a folder to read.
    if std::env::var_os("PORTAL_SMTP_URL").is_none()
        && std::env::var_os("PORTAL_MAIL_DIR").is_none()
    {
        let data = std::env::var_os("PORTAL_DATA_DIR").unwrap_or_else(|| "data".into());
        let mail = Path::new(&data).join("mail");
        println!(
            "Emails go to {} as .eml files (set PORTAL_SMTP_URL to send them).",
            mail.display()
        );
        serve.env("PORTAL_MAIL_DIR", mail);
    }
    cmd::run(&mut serve)
}

/// The stylesheet under `style/` that every app loads.
pub const STYLESHEETS: [&str; 1] = ["portal"];

/// `cargo xtask css`: rebuilds each `style/*.css` from its `.scss`.
pub fn css() -> Result {
    compile_css(&root().join("style"))
}

/// Compiles each stylesheet into `out_dir` with the Sass compiler from npm.
pub fn compile_css(out_dir: &Path) -> Result {
    tools::ensure_node()?;
    let style = root().join("style");
    tools::npm_ci(&style)?;
    for name in STYLESHEETS {
        cmd::run(
            Command::new("node")
                .arg("node_modules/sass/sass.js")
                .args([
                    "--no-source-map",
                    "--style=compressed",
                    "--load-path=node_modules",
                ])
                .arg(format!("{name}.scss"))
                .arg(out_dir.join(format!("{name}.css")))
                .current_dir(&style),
        )?;
    }
    Ok(())
}
