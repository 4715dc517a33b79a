//! The built web app, loaded into memory once at start-up and served from there.
//!
//! The whole app is a few hundred kilobytes, so holding it in memory, already compressed with
//! gzip and brotli at their best settings, costs little and makes every load as small and fast as
//! it can be. Loading it up front also lets the server work out, once, three things that depend on
//! the exact build: the service worker's list of files to keep for offline use, a build id that
//! changes whenever any file does (which is how phones learn that a new version exists), and the
//! hashes of the inline scripts that the Content-Security-Policy allows.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

use axum::body::Bytes;
use axum::http::{HeaderValue, header};
use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::auth::secrets::hex;
use crate::error::StartupError;

/// The service worker's source marks where the server writes the build's details.
const BUILD_ID_MARKER: &str = "__PORTAL_BUILD_ID__";
const PRECACHE_MARKER: &str = "/*__PORTAL_PRECACHE__*/ []";

pub const INDEX_PATH: &str = "/index.html";

/// An app of the portal under its own path, besides the carers' app at the top: its page serves
/// every path under `prefix`.
#[derive(Debug, Clone, Copy)]
struct SubApp {
    prefix: &'static str,
    index: &'static str,
    /// Whether carers' devices keep it for use offline. The staff side is not kept: carers'
    /// phones have no use for it.
    offline: bool,
}

const SUB_APPS: [SubApp; 4] = [
    // The public enquiry: kept for offline use, so that an enquiry can be made with no signal.
    SubApp {
        prefix: "/enquire",
        index: "/enquire/index.html",
        offline: true,
    },
    // The accessibility statement and the privacy notice: static pages with no WebAssembly.
    SubApp {
        prefix: "/accessibility",
        index: "/accessibility/index.html",
        offline: true,
    },
    SubApp {
        prefix: "/privacy",
        index: "/privacy/index.html",
        offline: true,
    },
    SubApp {
        prefix: "/staff",
        index: "/staff/index.html",
        offline: false,
    },
];

/// The sub-app a path belongs to, if any.
fn sub_app(path: &str) -> Option<SubApp> {
    SUB_APPS.into_iter().find(|app| {
        path.strip_prefix(app.prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

fn is_app_page(path: &str) -> bool {
    path == INDEX_PATH || SUB_APPS.iter().any(|app| app.index == path)
}
pub const SERVICE_WORKER_PATH: &str = "/sw.js";
pub const MANIFEST_PATH: &str = "/manifest.webmanifest";

/// How long browsers and proxies may keep a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CachePolicy {
    /// The name contains a hash of the contents, so the file at that name never changes.
    Immutable,
    /// The entry points (the page, the service worker, the manifest): always asked for afresh,
    /// so that a new release reaches people as soon as it is deployed.
    Never,
    /// Everything else, such as icons: kept for a day.
    Day,
}

impl CachePolicy {
    fn for_path(path: &str) -> Self {
        if is_app_page(path) || matches!(path, SERVICE_WORKER_PATH | MANIFEST_PATH) {
            Self::Never
        } else if has_content_hash(path) {
            Self::Immutable
        } else {
            Self::Day
        }
    }

    pub fn header_value(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            Self::Immutable => "public, max-age=31536000, immutable",
            Self::Never => "no-store",
            Self::Day => "public, max-age=86400",
        })
    }
}

/// Trunk names built files `name-<16 hex digits>.ext` (and `name-<hash>_bg.wasm`).
fn has_content_hash(path: &str) -> bool {
    let is_hash =
        |hash: &str| (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit());
    let mut segments = path.rsplit('/');
    let file = segments.next().unwrap_or(path);
    let stem = file.split('.').next().unwrap_or(file);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    // An app's chunks sit in a folder named after the app's hash (see xtask/src/split.rs).
    let in_hashed_folder =
        segments.any(|folder| folder.strip_prefix("split-").is_some_and(is_hash));
    in_hashed_folder || stem.rsplit_once('-').is_some_and(|(_, hash)| is_hash(hash))
}

/// One file of the app, in each encoding it can be sent in.
#[derive(Debug)]
pub struct Asset {
    pub content_type: &'static str,
    pub cache: CachePolicy,
    pub etag: HeaderValue,
    pub identity: Bytes,
    pub gzip: Option<Bytes>,
    pub brotli: Option<Bytes>,
}

/// A content encoding the client accepts and the server can send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    /// The best encoding the request's `Accept-Encoding` allows, preferring brotli.
    pub fn negotiate(accept_encoding: Option<&str>) -> Self {
        let accepts = |name: &str| {
            accept_encoding.is_some_and(|value| {
                value.split(',').any(|item| {
                    let mut parts = item.split(';');
                    let coding = parts.next().unwrap_or("").trim();
                    let refused = parts.any(|p| {
                        let p = p.trim().replace(' ', "");
                        p == "q=0" || p == "q=0.0" || p == "q=0.00" || p == "q=0.000"
                    });
                    coding.eq_ignore_ascii_case(name) && !refused
                })
            })
        };
        if accepts("br") {
            Self::Brotli
        } else if accepts("gzip") {
            Self::Gzip
        } else {
            Self::Identity
        }
    }
}

impl Asset {
    /// The body to send for the encoding negotiated, and the encoding actually used.
    pub fn body(&self, wanted: Encoding) -> (&Bytes, Encoding) {
        match (wanted, &self.brotli, &self.gzip) {
            (Encoding::Brotli, Some(br), _) => (br, Encoding::Brotli),
            (Encoding::Brotli | Encoding::Gzip, _, Some(gz)) => (gz, Encoding::Gzip),
            _ => (&self.identity, Encoding::Identity),
        }
    }
}

/// The whole built app.
#[derive(Debug)]
pub struct AppShell {
    assets: HashMap<String, Asset>,
    build_id: String,
    inline_script_hashes: Vec<String>,
    stylesheets: String,
}

/// Where the enquiry app's page takes the plain first question, shown until the app starts
/// (and for good, in a browser that cannot run it).
const FIRST_QUESTION_MARKER: &str = "<!-- enquiry: first question -->";
const ENQUIRY_INDEX: &str = "/enquire/index.html";

/// The page's `<link rel="stylesheet">` tags, for the server's own pages to look the same.
fn stylesheet_links(page: &str) -> String {
    page.split("<link")
        .skip(1)
        .filter_map(|rest| rest.split_once('>').map(|(tag, _)| tag))
        .filter(|tag| tag.contains("rel=\"stylesheet\""))
        .map(|tag| format!("<link{}>", tag.trim_end_matches('/')))
        .collect::<Vec<_>>()
        .concat()
}

impl AppShell {
    /// Reads and prepares every file in `dist`.
    pub fn load(dist: &Path) -> Result<Self, StartupError> {
        let fail = |reason: String| StartupError::App {
            path: dist.to_path_buf(),
            reason,
        };
        let mut files = BTreeMap::new();
        collect_files(dist, dist, &mut files).map_err(|e| fail(e.to_string()))?;
        let index = files
            .get(INDEX_PATH)
            .ok_or_else(|| fail("there is no index.html".into()))?;
        let index =
            std::str::from_utf8(index).map_err(|_| fail("index.html is not UTF-8".into()))?;
        let mut inline_script_hashes = inline_script_hashes(index);
        let stylesheets = stylesheet_links(index);
        for app in SUB_APPS {
            if let Some(page) = files.get(app.index) {
                let page = std::str::from_utf8(page)
                    .map_err(|_| fail(format!("{} is not UTF-8", app.index)))?;
                inline_script_hashes.extend(self::inline_script_hashes(page));
            }
        }
        let worker_source = files
            .get(SERVICE_WORKER_PATH)
            .ok_or_else(|| fail("there is no sw.js (the service worker)".into()))?;
        let worker_source = std::str::from_utf8(worker_source)
            .map_err(|_| fail("sw.js is not UTF-8".into()))?
            .to_owned();
        if !worker_source.contains(BUILD_ID_MARKER) || !worker_source.contains(PRECACHE_MARKER) {
            return Err(fail(format!(
                "sw.js lacks the markers {BUILD_ID_MARKER} and {PRECACHE_MARKER}"
            )));
        }

        // The build id covers every file but the worker itself, which is about to embed it.
        let mut hasher = Sha256::new();
        for (path, bytes) in files.iter().filter(|(p, _)| *p != SERVICE_WORKER_PATH) {
            hasher.update(path.as_bytes());
            hasher.update([0]);
            hasher.update(Sha256::digest(bytes));
        }
        let build_id = hex(&hasher.finalize()[..8]);

        if let Some(page) = files.get_mut(ENQUIRY_INDEX) {
            let text = String::from_utf8_lossy(page).replace(
                FIRST_QUESTION_MARKER,
                &portal_core::enquiries::pages::first_page(),
            );
            *page = text.into_bytes();
        }

        // Each app's page is precached under its folder ("/", "/enquire/"), which is what
        // navigations within it fall back to (see sw.js). The staff side is left out.
        let offline_apps: Vec<SubApp> = SUB_APPS
            .into_iter()
            .filter(|app| app.offline && files.contains_key(app.index))
            .collect();
        let precache: Vec<String> = std::iter::once("/".to_owned())
            .chain(offline_apps.iter().map(|app| format!("{}/", app.prefix)))
            .chain(
                files
                    .keys()
                    .filter(|p| !is_app_page(p) && p.as_str() != SERVICE_WORKER_PATH)
                    .filter(|p| sub_app(p).is_none_or(|app| app.offline))
                    .cloned(),
            )
            .collect();
        let precache_json =
            serde_json::to_string(&precache).map_err(|e| fail(format!("precache list: {e}")))?;
        let worker = worker_source
            .replace(BUILD_ID_MARKER, &build_id)
            .replace(PRECACHE_MARKER, &precache_json);
        files.insert(SERVICE_WORKER_PATH.to_owned(), worker.into_bytes());

        let assets = files
            .into_iter()
            .map(|(path, bytes)| {
                let asset = prepare(&path, bytes);
                (path, asset)
            })
            .collect();
        Ok(Self {
            assets,
            build_id,
            inline_script_hashes,
            stylesheets,
        })
    }

    pub fn get(&self, path: &str) -> Option<&Asset> {
        self.assets.get(path)
    }

    /// The page for a path no file has: the app's whose folder it is in (`/enquire`,
    /// `/staff`), else the carers' main app's.
    pub fn page_for(&self, path: &str) -> &Asset {
        if let Some(page) = sub_app(path).and_then(|app| self.assets.get(app.index)) {
            return page;
        }
        // `load` refuses a build without index.html, so it is always present.
        &self.assets[INDEX_PATH]
    }

    /// The apps' stylesheets as `<link>` tags, for the server's plain HTML pages.
    pub fn stylesheets(&self) -> &str {
        &self.stylesheets
    }

    pub fn build_id(&self) -> &str {
        &self.build_id
    }

    /// The Content-Security-Policy the app runs under: only this origin's own files, plus the
    /// exact inline scripts of this build (Trunk's loader), identified by their hashes.
    pub fn content_security_policy(&self) -> String {
        let hashes: String =
            self.inline_script_hashes
                .iter()
                .fold(String::new(), |mut out, hash| {
                    out.push_str(" '");
                    out.push_str(hash);
                    out.push('\'');
                    out
                });
        // Images may also be `blob:` addresses: a photo the person chooses for a payment query
        // is opened from their own device that way, to be made smaller before it is kept.
        format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; \
             style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; \
             manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; \
             form-action 'self'; frame-ancestors 'none'"
        )
    }
}

fn collect_files(
    root: &Path,
    dir: &Path,
    out: &mut BTreeMap<String, Vec<u8>>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path: PathBuf = entry.path();
        if entry.file_type()?.is_dir() {
            collect_files(root, &path, out)?;
        } else {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let url_path = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.insert(format!("/{url_path}"), std::fs::read(&path)?);
        }
    }
    Ok(())
}

fn prepare(path: &str, identity: Vec<u8>) -> Asset {
    let content_type = content_type(path);
    let compressible = !matches!(content_type, "image/png" | "image/x-icon" | "font/woff2");
    let etag = HeaderValue::from_str(&format!("\"{}\"", hex(&Sha256::digest(&identity)[..12])))
        .unwrap_or_else(|_| HeaderValue::from_static("\"0\""));
    let (gzip, brotli) = if compressible && identity.len() > 256 {
        (
            Some(Bytes::from(gzip(&identity))),
            Some(Bytes::from(brotli(&identity))),
        )
    } else {
        (None, None)
    };
    Asset {
        content_type,
        cache: CachePolicy::for_path(path),
        etag,
        identity: Bytes::from(identity),
        gzip,
        brotli,
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("webmanifest") => "application/manifest+json",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut input = bytes;
    // Compressing from a slice into a Vec cannot fail.
    let _ = brotli::BrotliCompress(&mut input, &mut out, &params);
    out
}

/// The CSP source expression (`sha256-...`) of each inline `<script>` in the page.
fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after_tag_name = &rest[start..];
        let Some(open_end) = after_tag_name.find('>') else {
            break;
        };
        let open_tag = &after_tag_name[..open_end];
        let body_and_rest = &after_tag_name[open_end + 1..];
        let Some(close) = body_and_rest.find("</script>") else {
            break;
        };
        if !open_tag.contains("src=") {
            let digest = Sha256::digest(&body_and_rest.as_bytes()[..close]);
            hashes.push(format!(
                "sha256-{}",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ));
        }
        rest = &body_and_rest[close..];
    }
    hashes
}

/// The `Content-Type`, cache and validator headers for an asset.
pub fn asset_headers(asset: &Asset) -> [(header::HeaderName, HeaderValue); 3] {
    [
        (
            header::CONTENT_TYPE,
            HeaderValue::from_static(asset.content_type),
        ),
        (header::CACHE_CONTROL, asset.cache.header_value()),
        (header::ETAG, asset.etag.clone()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_trunk_hashed_names() {
        assert!(has_content_hash("/portal-app-0123456789abcdef.js"));
        assert!(has_content_hash("/portal-app-0123456789abcdef_bg.wasm"));
        assert!(has_content_hash("/style-fedcba9876543210.css"));
        assert!(!has_content_hash("/icons/icon-192.png"));
        assert!(!has_content_hash("/sw.js"));
        assert!(!has_content_hash("/portal-app-xyz.js"));
        assert!(has_content_hash(
            "/split-a62389e97bea604/split_learning.wasm"
        ));
        assert!(has_content_hash(
            "/staff/split-0123456789abcdef/__wasm_split.js"
        ));
        assert!(!has_content_hash("/split-later/chunk_1.wasm"));
    }

    #[test]
    fn entry_points_are_never_cached() {
        assert_eq!(CachePolicy::for_path("/index.html"), CachePolicy::Never);
        assert_eq!(CachePolicy::for_path("/sw.js"), CachePolicy::Never);
        assert_eq!(
            CachePolicy::for_path("/manifest.webmanifest"),
            CachePolicy::Never
        );
        assert_eq!(
            CachePolicy::for_path("/app-0123456789abcdef.css"),
            CachePolicy::Immutable
        );
        assert_eq!(CachePolicy::for_path("/icons/a.png"), CachePolicy::Day);
    }

    #[test]
    fn negotiates_brotli_then_gzip_and_respects_refusals() {
        assert_eq!(
            Encoding::negotiate(Some("gzip, deflate, br, zstd")),
            Encoding::Brotli
        );
        assert_eq!(Encoding::negotiate(Some("gzip")), Encoding::Gzip);
        assert_eq!(Encoding::negotiate(Some("br;q=0, gzip")), Encoding::Gzip);
        assert_eq!(Encoding::negotiate(Some("identity")), Encoding::Identity);
        assert_eq!(Encoding::negotiate(None), Encoding::Identity);
    }

    #[test]
    fn hashes_only_inline_scripts() {
        let html =
            r#"<head><script src="/a.js"></script><script type="module">boot()</script></head>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 1);
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"boot()"));
        assert_eq!(hashes[0], format!("sha256-{expected}"));
    }

    #[test]
    fn compressed_bodies_round_trip() {
        let text = "A carer's learning log. ".repeat(100);
        let asset = prepare("/notes.txt", text.clone().into_bytes());
        let (gz, used) = asset.body(Encoding::Gzip);
        assert_eq!(used, Encoding::Gzip);
        let mut decoded = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut decoded)
            .expect("valid gzip");
        assert_eq!(decoded, text);
        let (br, used) = asset.body(Encoding::Brotli);
        assert_eq!(used, Encoding::Brotli);
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut decoded).expect("valid brotli");
        assert_eq!(decoded, text.as_bytes());
    }
}
