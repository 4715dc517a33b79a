//! The WebAssembly split step, run on each app right after Trunk builds it.
//!
//! The carers' app and the staff app load each area's code the first time it is needed
//! (`portal_app::areas`, the `#[wasm_split]` functions). Splitting needs the linker's
//! relocations, which only the raw output of `cargo build` carries (`--emit-relocs` in
//! `.cargo/config.toml`), so it cannot run on what Trunk leaves in the build folder. Instead this
//! step reads Cargo's output for the app, splits it with `wasm_split_cli_support` (the library
//! cargo-leptos uses), runs wasm-bindgen on the main part under the very names Trunk gave its
//! files, and optimises every part with wasm-opt. Trunk keeps doing the rest: the page, the
//! stylesheets, hashed names and the other files.
//!
//! The chunks go into a folder named after the app's hashed name (`split-<hash>/`), so a new
//! build never reuses an old chunk's address and the server may cache them for a year.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd::{self, Result, root, step};
use crate::tools::BuildEnv;

/// The import module the `#[wasm_split]` functions name until the split step replaces it: an
/// app whose WebAssembly does not mention it has no split points and is left as Trunk built it.
const PLACEHOLDER_IMPORT: &[u8] = b"__wasm_split_placeholder__";

/// The folder prefix of an app's chunks, followed by the app's content hash.
pub const CHUNK_FOLDER_PREFIX: &str = "split-";

/// Splits the app `bin` that Trunk has just built into `dist`.
pub fn split_app(env: &BuildEnv, bin: &str, dist: &Path) -> Result {
    let cargo_wasm = root()
        .join("target/wasm32-unknown-unknown/release")
        .join(format!("{bin}.wasm"));
    let input = std::fs::read(&cargo_wasm)
        .map_err(|e| format!("cannot read {}: {e}", cargo_wasm.display()))?;
    let hashed = trunk_name(dist, bin)?;
    let main_wasm = dist.join(format!("{hashed}_bg.wasm"));
    if !contains(&input, PLACEHOLDER_IMPORT) {
        // No split points: Trunk's output is the app, less the relocations that wasm-opt
        // cannot read (it warns that it "cannot handle this properly").
        return optimise(env, &main_wasm);
    }
    step(&format!(
        "Splitting {bin} into chunks that load when needed"
    ));

    let work = root().join("target/wasm-split").join(bin);
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    let chunk_folder = format!("{CHUNK_FOLDER_PREFIX}{}", hash_of(&hashed, bin));
    let chunks_dir = dist.join(&chunk_folder);
    let _ = std::fs::remove_dir_all(&chunks_dir);
    std::fs::create_dir_all(&chunks_dir)
        .map_err(|e| format!("cannot create {}: {e}", chunks_dir.display()))?;
    let main_split = work.join(format!("{bin}_split.wasm"));
    let link_name = format!("./{chunk_folder}/__wasm_split.js");
    let main_module = format!("../{hashed}.js");

    let split = wasm_split_cli_support::transform({
        let mut opts = wasm_split_cli_support::Options::new(&input);
        // The link module is written to `dist/<link_name>`; the chunks go beside the main part
        // and are moved next to the link module below, which fetches them relative to itself.
        opts.output_dir = dist;
        opts.main_out_path = &main_split;
        opts.link_name = &link_name;
        opts.main_module = &main_module;
        opts
    })
    .map_err(|e| format!("splitting {bin} failed: {e:?}"))?;

    let mut chunks = Vec::new();
    for chunk in split.split_modules {
        let name = chunk
            .file_name()
            .ok_or_else(|| format!("a chunk without a name: {}", chunk.display()))?;
        let to = chunks_dir.join(name);
        std::fs::rename(&chunk, &to)
            .map_err(|e| format!("cannot move {} to {}: {e}", chunk.display(), to.display()))?;
        chunks.push(to);
    }

    // wasm-bindgen on the main part, keeping the exports the chunks link against.
    let mut bindgen = Command::new("wasm-bindgen");
    bindgen
        .args([
            "--target=web",
            "--keep-lld-exports",
            "--no-demangle",
            "--no-typescript",
        ])
        .arg(format!("--out-dir={}", work.display()))
        .arg(format!("--out-name={hashed}"))
        .arg(&main_split);
    env.apply(&mut bindgen);
    cmd::run(&mut bindgen)?;
    copy(
        &work.join(format!("{hashed}.js")),
        &dist.join(format!("{hashed}.js")),
    )?;
    copy(&work.join(format!("{hashed}_bg.wasm")), &main_wasm)?;

    for wasm in std::iter::once(&main_wasm).chain(&chunks) {
        optimise(env, wasm)?;
    }
    Ok(())
}

/// A WebAssembly module without the linker's custom sections (`linking`, `reloc.*`), which
/// only the split step reads, and without function names (`name`), which the shipped app does
/// not need and whose newer parts wasm-opt warns it cannot read.
fn without_relocations(wasm: &[u8]) -> Result<Vec<u8>> {
    let bad = || "not a WebAssembly module".to_owned();
    let header = wasm.get(..8).ok_or_else(bad)?;
    let mut out = header.to_vec();
    let mut at = 8;
    while at < wasm.len() {
        let start = at;
        let id = wasm[at];
        let (size, body) = leb128(wasm, at + 1).ok_or_else(bad)?;
        let end = body
            .checked_add(size)
            .filter(|&e| e <= wasm.len())
            .ok_or_else(bad)?;
        let keep = id != 0
            || leb128(wasm, body)
                .and_then(|(len, name)| wasm.get(name..name + len))
                .is_none_or(|name| {
                    name != b"linking" && name != b"name" && !name.starts_with(b"reloc.")
                });
        if keep {
            out.extend_from_slice(&wasm[start..end]);
        }
        at = end;
    }
    Ok(out)
}

/// An unsigned LEB128 number at `at`, and where what follows it starts.
fn leb128(bytes: &[u8], mut at: usize) -> Option<(usize, usize)> {
    let mut value = 0_usize;
    let mut shift = 0;
    loop {
        let byte = *bytes.get(at)?;
        at += 1;
        value |= usize::from(byte & 0x7f).checked_shl(shift)?;
        if byte < 0x80 {
            return Some((value, at));
        }
        shift += 7;
    }
}

/// Shrinks one WebAssembly file in place with wasm-opt, as Trunk does for an unsplit app, after
/// dropping the sections wasm-opt would drop anyway or cannot read.
fn optimise(env: &BuildEnv, wasm: &Path) -> Result {
    let bytes = std::fs::read(wasm).map_err(|e| format!("cannot read {}: {e}", wasm.display()))?;
    std::fs::write(wasm, without_relocations(&bytes)?)
        .map_err(|e| format!("cannot write {}: {e}", wasm.display()))?;
    let mut opt = Command::new("node");
    opt.arg(&env.wasm_opt)
        .args(["-Oz", "--quiet", "--output"])
        .arg(wasm)
        .arg(wasm);
    env.apply(&mut opt);
    cmd::run(&mut opt)
}

/// The hashed name Trunk gave the app's files (`portal-app-0123abcd`), from its WebAssembly.
fn trunk_name(dist: &Path, bin: &str) -> Result<String> {
    let entries =
        std::fs::read_dir(dist).map_err(|e| format!("cannot read {}: {e}", dist.display()))?;
    entries
        .flatten()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .find_map(|name| {
            name.strip_suffix("_bg.wasm")
                .filter(|stem| {
                    stem.strip_prefix(bin)
                        .and_then(|rest| rest.strip_prefix('-'))
                        .is_some_and(|hash| hash.chars().all(|c| c.is_ascii_hexdigit()))
                })
                .map(str::to_owned)
        })
        .ok_or_else(|| format!("Trunk left no {bin}-<hash>_bg.wasm in {}", dist.display()))
}

/// The content hash in a Trunk name (`portal-app-0123abcd` gives `0123abcd`).
fn hash_of<'a>(hashed: &'a str, bin: &str) -> &'a str {
    hashed
        .strip_prefix(bin)
        .map_or(hashed, |rest| rest.trim_start_matches('-'))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn copy(from: &Path, to: &Path) -> Result {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

/// Every chunk file of a build, for the size report.
pub fn chunk_files(dist: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dist) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(CHUNK_FOLDER_PREFIX)
        })
        .flat_map(|folder| {
            std::fs::read_dir(folder.path())
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
        })
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_what_follows_the_app_name() {
        assert_eq!(
            hash_of("portal-app-dda70820f5373175", "portal-app"),
            "dda70820f5373175"
        );
    }

    #[test]
    fn drops_only_the_linkers_sections() {
        let custom = |name: &[u8], body: &[u8]| {
            let len = |n: usize| u8::try_from(n).unwrap_or(u8::MAX);
            let mut section = vec![0, len(1 + name.len() + body.len())];
            section.push(len(name.len()));
            section.extend_from_slice(name);
            section.extend_from_slice(body);
            section
        };
        let header = b"\0asm\x01\0\0\0".to_vec();
        let types = vec![1, 1, 0];
        let producers = custom(b"producers", b"xyz");
        let module = [
            header.clone(),
            types.clone(),
            custom(b"linking", b"abc"),
            custom(b"reloc.CODE", b"de"),
            custom(b"name", b"f"),
            producers.clone(),
        ]
        .concat();
        assert_eq!(
            without_relocations(&module),
            Ok([header, types, producers].concat())
        );
        assert!(without_relocations(b"\0asm").is_err());
    }

    #[test]
    fn finds_the_placeholder_import() {
        assert!(contains(
            b"xx__wasm_split_placeholder__yy",
            PLACEHOLDER_IMPORT
        ));
        assert!(!contains(b"__wasm_split_placeholder", PLACEHOLDER_IMPORT));
    }
}
