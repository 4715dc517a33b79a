//! Installs what building and testing the portal need, when it is missing, so that a fresh
//! machine needs nothing but the repository and `cargo`.
//!
//! Every tool is pinned: Trunk 0.21.14 (0.22 needs a newer rustc than this project's), the
//! wasm-bindgen CLI at exactly the version in Cargo.lock (the two must match), and binaryen's
//! wasm-opt 124 from npm (`xtask/wasm-opt/`; Debian's binaryen 108 produces output that crashes
//! in Chromium). A fresh machine spends most of its first `cargo xtask run` here, so Trunk, which
//! only runs the build, is compiled without optimisation (minutes faster), and wasm-opt comes
//! ready-built from npm (seconds, where compiling binaryen took a quarter of an hour).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd::{self, Result, cargo, on_path, output, step};

pub const TRUNK_VERSION: &str = "0.21.14";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// The environment the WebAssembly build runs in: a `PATH` that finds the installed tools, and
/// any settings the chosen Rust toolchain needs.
#[derive(Debug, Clone)]
pub struct BuildEnv {
    pub path: OsString,
    pub vars: Vec<(String, String)>,
    /// binaryen's wasm-opt (a Node.js program from npm).
    pub wasm_opt: PathBuf,
}

impl BuildEnv {
    pub fn apply(&self, command: &mut Command) {
        command.env("PATH", &self.path);
        for (key, value) in &self.vars {
            command.env(key, value);
        }
    }
}

/// Makes sure the WebAssembly target, Trunk, wasm-bindgen and wasm-opt are installed.
pub fn ensure_build_tools() -> Result<BuildEnv> {
    let cargo_bin = cargo_home().join("bin");
    let path = prepend_path(&cargo_bin);
    let vars = ensure_wasm_target()?;
    ensure_cargo_tool(
        "trunk",
        &["--version"],
        &format!("trunk {TRUNK_VERSION}"),
        &[
            "install",
            "--locked",
            "--debug",
            &format!("trunk@{TRUNK_VERSION}"),
        ],
        &path,
    )?;
    let bindgen = wasm_bindgen_version()?;
    check_trunk_toml(&bindgen)?;
    // No --locked: the CLI's own lock file pins a webpki-roots version the registry no longer has.
    ensure_cargo_tool(
        "wasm-bindgen",
        &["--version"],
        &format!("wasm-bindgen {bindgen}"),
        &["install", &format!("wasm-bindgen-cli@{bindgen}")],
        &path,
    )?;
    let wasm_opt = ensure_wasm_opt()?;
    Ok(BuildEnv {
        path,
        vars,
        wasm_opt,
    })
}

fn cargo_home() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
}

fn prepend_path(dir: &Path) -> OsString {
    let rest = std::env::var_os("PATH").unwrap_or_default();
    let mut all = vec![dir.to_path_buf()];
    all.extend(std::env::split_paths(&rest));
    std::env::join_paths(all).unwrap_or(rest)
}

/// The WebAssembly standard library: from rustup if it can, otherwise from Debian's `rustc-web`
/// packages, which need `std` built from source (returned as extra environment variables).
fn ensure_wasm_target() -> Result<Vec<(String, String)>> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]));
    if installed
        .as_deref()
        .is_some_and(|t| t.lines().any(|l| l.trim() == WASM_TARGET))
    {
        return Ok(Vec::new());
    }
    if installed.is_some() {
        step(&format!("Installing the {WASM_TARGET} target with rustup"));
        let added = Command::new("timeout")
            .args(["300", "rustup", "target", "add", WASM_TARGET])
            .status()
            .is_ok_and(|s| s.success());
        if added {
            return Ok(Vec::new());
        }
        println!("rustup could not install the target; trying Debian's packages instead.");
    }
    step("Installing Debian's WebAssembly-capable Rust (rustc-web, cargo-web, rust-web-src)");
    apt_install(&["rustc-web", "cargo-web", "rust-web-src", "lld-22"])?;
    Ok(vec![
        ("CARGO".into(), "/usr/bin/cargo".into()),
        ("RUSTC".into(), "/usr/bin/rustc".into()),
        ("RUSTC_BOOTSTRAP".into(), "1".into()),
        ("CARGO_UNSTABLE_BUILD_STD".into(), "std,panic_abort".into()),
    ])
}

fn ensure_cargo_tool(
    program: &str,
    version_args: &[&str],
    expected: &str,
    install_args: &[&str],
    path: &OsString,
) -> Result {
    let found = output(Command::new(program).args(version_args).env("PATH", path));
    if found.as_deref().is_some_and(|v| v.contains(expected)) {
        return Ok(());
    }
    step(&format!(
        "Installing {program} ({expected}); this takes a few minutes, once"
    ));
    cmd::run(cargo().args(install_args).env("PATH", path))
}

/// The wasm-bindgen version Cargo.lock pins.
pub fn wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(cmd::root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\""
            && let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'))
        {
            return Ok(version.to_owned());
        }
    }
    Err("Cargo.lock does not pin wasm-bindgen".into())
}

fn check_trunk_toml(bindgen: &str) -> Result {
    let toml = std::fs::read_to_string(cmd::root().join("Trunk.toml"))
        .map_err(|e| format!("cannot read Trunk.toml: {e}"))?;
    if toml.contains(&format!("wasm_bindgen = \"{bindgen}\"")) {
        Ok(())
    } else {
        Err(format!(
            "Trunk.toml must set wasm_bindgen = \"{bindgen}\", the version in Cargo.lock"
        ))
    }
}

/// Chromium for the browser tests, from Debian's packages when it is missing.
pub fn ensure_chromium() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os("PORTAL_CHROMIUM").map(PathBuf::from) {
        return Ok(path);
    }
    if let Some(found) = on_path("chromium").or_else(|| on_path("chromium-browser")) {
        return Ok(found);
    }
    step("Installing Chromium from Debian's packages for the browser tests");
    apt_install(&["chromium"])?;
    on_path("chromium").ok_or_else(|| "chromium is still not on the PATH after installing".into())
}

/// A Python with aiosmtpd, for the test mailbox (`tests/mailbox/mailbox.py`): the tests send
/// real email to it. From Debian's packages when no Python on the machine has it.
pub fn ensure_test_python() -> Result<String> {
    let has_aiosmtpd = |python: &str| {
        Command::new(python)
            .args(["-c", "import aiosmtpd"])
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
    };
    let candidates = || {
        std::env::var("PORTAL_TEST_PYTHON")
            .into_iter()
            .chain(["python3".to_owned(), "/usr/bin/python3".to_owned()])
    };
    if let Some(python) = candidates().find(|p| has_aiosmtpd(p)) {
        return Ok(python);
    }
    step("Installing aiosmtpd from Debian's packages for the test mailbox");
    apt_install(&["python3-aiosmtpd"])?;
    candidates()
        .find(|p| has_aiosmtpd(p))
        .ok_or_else(|| "no Python can import aiosmtpd, even after installing it".into())
}

/// binaryen's wasm-opt from npm, installed under `xtask/wasm-opt/` if it is not there yet.
fn ensure_wasm_opt() -> Result<PathBuf> {
    ensure_node()?;
    let dir = cmd::root().join("xtask/wasm-opt");
    npm_ci(&dir)?;
    Ok(dir.join("node_modules/binaryen/bin/wasm-opt"))
}

/// Node.js and npm, for the browser tests and the stylesheet build.
pub fn ensure_node() -> Result {
    if on_path("node").is_some() && on_path("npm").is_some() {
        return Ok(());
    }
    step("Installing Node.js and npm from Debian's packages");
    apt_install(&["nodejs", "npm"])
}

/// Installs the packages a `package.json` folder needs, exactly as its lock file says.
pub fn npm_ci(dir: &Path) -> Result {
    let lock = dir.join("package-lock.json");
    let installed = dir.join("node_modules/.package-lock.json");
    let fresh = match (std::fs::metadata(&lock), std::fs::metadata(&installed)) {
        (Ok(l), Ok(i)) => matches!((l.modified(), i.modified()), (Ok(l), Ok(i)) if i >= l),
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    step(&format!("Installing npm packages in {}", dir.display()));
    cmd::run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
            .current_dir(dir),
    )
}

fn apt_install(packages: &[&str]) -> Result {
    if on_path("apt-get").is_none() {
        return Err(format!(
            "{} must be installed, and this machine has no apt-get to install it with",
            packages.join(", ")
        ));
    }
    cmd::run(&mut apt(&["update"]))?;
    cmd::run(apt(&["install", "-y", "--no-install-recommends"]).args(packages))
}

fn apt(args: &[&str]) -> Command {
    let mut command = if is_root() {
        Command::new("apt-get")
    } else {
        let mut sudo = Command::new("sudo");
        sudo.arg("apt-get");
        sudo
    };
    command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
    command
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}
