//! What the first visit to the portal downloads, compressed as the size target counts it.

use std::io::Write as _;
use std::path::Path;

/// One file of a first load and its gzipped size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    pub file: String,
    pub gzipped: usize,
}

/// The files a first page load fetches from a Trunk build: the page, its scripts (including the
/// service worker), the WebAssembly, the stylesheets and the manifest. Icons are left out: the
/// browser fetches them lazily and they are not part of the target.
pub fn first_load(dist: &Path) -> Result<Vec<Transfer>, String> {
    let entries =
        std::fs::read_dir(dist).map_err(|e| format!("cannot read {}: {e}", dist.display()))?;
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if counts_towards_first_load(&name) {
            let bytes = std::fs::read(entry.path())
                .map_err(|e| format!("cannot read {}: {e}", entry.path().display()))?;
            out.push(Transfer {
                file: name,
                gzipped: gzipped_len(&bytes),
            });
        }
    }
    let has_wasm = out
        .iter()
        .any(|t| Path::new(&t.file).extension().is_some_and(|e| e == "wasm"));
    if !has_wasm {
        return Err(format!(
            "{} holds no WebAssembly: is it a build?",
            dist.display()
        ));
    }
    out.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(out)
}

pub fn total(transfers: &[Transfer]) -> usize {
    transfers.iter().map(|t| t.gzipped).sum()
}

fn counts_towards_first_load(name: &str) -> bool {
    Path::new(name).extension().is_some_and(|ext| {
        ["html", "js", "wasm", "css", "webmanifest"]
            .iter()
            .any(|wanted| ext.eq_ignore_ascii_case(wanted))
    })
}

/// The size with gzip at its highest level, as a server that compresses ahead of time sends it.
pub fn gzipped_len(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing into memory cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().map_or(bytes.len(), |v| v.len())
}

/// Each app's folder in the build, its name, and the ceiling its first load must stay under
/// (`None` for the staff side, which is reported only: it is never on carers' phones).
const APPS: [(&str, &str, Option<usize>); 3] = [
    ("", "the carers' app", Some(crate::test::FIRST_LOAD_CEILING)),
    (
        "enquire",
        "the public enquiry",
        Some(crate::test::ENQUIRY_CEILING),
    ),
    ("staff", "the staff side", None),
];

/// The chunks of the app in `dist` that load when first needed (`xtask/src/split.rs`), each
/// with its gzipped size.
pub fn chunks(dist: &Path) -> Result<Vec<Transfer>, String> {
    crate::split::chunk_files(dist)
        .into_iter()
        .map(|path| {
            let bytes =
                std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            Ok(Transfer {
                file: path
                    .strip_prefix(dist)
                    .unwrap_or(&path)
                    .display()
                    .to_string(),
                gzipped: gzipped_len(&bytes),
            })
        })
        .collect()
}

/// Everything a carer's phone downloads for the whole carers' portal: the first load and every
/// chunk, which the service worker fetches so that each area opens with no signal.
pub fn whole_carers_portal(dist: &Path) -> Result<usize, String> {
    Ok(total(&first_load(dist)?) + total(&chunks(dist)?))
}

/// Prints each app's first load in `dist`, and the whole carers' portal, and fails if one is
/// over its ceiling.
pub fn check(dist: &Path) -> Result<(), String> {
    let mut figures: Vec<(String, usize, Option<usize>)> = Vec::new();
    for (folder, name, ceiling) in APPS {
        let total = total(&first_load(&dist.join(folder))?);
        figures.push((format!("the first load of {name}"), total, ceiling));
    }
    let chunks = chunks(dist)?;
    if chunks.is_empty() {
        return Err(format!(
            "{} has no chunks: the carers' app was not split",
            dist.display()
        ));
    }
    figures.push((
        "everything a carer's phone downloads".to_owned(),
        whole_carers_portal(dist)?,
        Some(crate::test::WHOLE_PORTAL_CEILING),
    ));
    for (name, total, ceiling) in figures {
        let room = ceiling.map_or_else(String::new, |c| {
            format!(
                " ({} bytes under the ceiling of {} KB)",
                c.saturating_sub(total),
                c / 1024
            )
        });
        println!("{name}: {total} bytes gzipped{room}");
        if let Some(ceiling) = ceiling.filter(|c| total > *c) {
            return Err(format!(
                "{name} is {} KB gzipped, over the ceiling of {} KB",
                total / 1024,
                ceiling / 1024
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_only_first_load_files_of_a_build() {
        let dir = std::env::temp_dir().join(format!("xtask-size-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("icons")).expect("dir");
        std::fs::write(dir.join("index.html"), "<html></html>").expect("write");
        std::fs::write(dir.join("app-1_bg.wasm"), vec![0_u8; 10_000]).expect("write");
        std::fs::write(dir.join("app-1.js"), "x".repeat(500)).expect("write");
        std::fs::write(dir.join("icon.png"), [1, 2, 3]).expect("write");
        let files = first_load(&dir).expect("a build");
        let names: Vec<_> = files.iter().map(|t| t.file.as_str()).collect();
        assert_eq!(names, ["app-1.js", "app-1_bg.wasm", "index.html"]);
        // Ten thousand zero bytes compress to far less than they take raw.
        assert!(files[1].gzipped < 200, "{files:?}");
        assert_eq!(
            total(&files),
            files.iter().map(|t| t.gzipped).sum::<usize>()
        );
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn a_folder_without_webassembly_is_not_a_build() {
        let dir = std::env::temp_dir().join(format!("xtask-size-empty-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        assert!(first_load(&dir).is_err());
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
