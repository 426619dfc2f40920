//! Offline reading as a pipeline output: the service worker (`sw.js` at the site's root, from
//! the theme's `service-worker.js`) stamped with the build's content hash, and per language
//! the list of files that make the whole guide readable offline (`offline/<lang>.json`, which
//! the footer button asks the worker to save). The hash covers every other output file's path
//! and bytes, so a new build, and only a new build, gets a new worker that replaces the old
//! caches. What the worker does in the browser is `theme/service-worker.js`'s; registering it
//! and the button are `theme/static/offline.js`'s. `serve` builds without it
//! (`BuildOptions::preview`).

use sha2::{Digest, Sha256};

use crate::diagnostics::Problem;
use crate::output::OutputFile;
use crate::theme::Theme;

/// Where the worker goes, below the output folder; its scope is then the whole site.
pub const WORKER_PATH: &str = "sw.js";
/// The theme file the worker is written from.
pub const WORKER_SOURCE: &str = "service-worker.js";
/// The placeholder in the worker's source that the build's content hash replaces.
const VERSION_PLACEHOLDER: &str = "BUILD_VERSION";
/// How many hex digits of the content hash name a build.
const VERSION_DIGITS: usize = 16;

/// Files a host reads for itself, which a reader never fetches.
const HOST_FILES: &[&str] = &[
    "_headers",
    "_redirects",
    ".htaccess",
    "nginx-security-headers.conf",
    "robots.txt",
    "sitemap.xml",
];

/// Returns the path of a language's list of files.
pub fn list_path(lang: &str) -> String {
    format!("offline/{lang}.json")
}

/// Returns the build's content hash over every output file's path and SHA-256 digest.
pub fn build_version(digests: &mut [(String, [u8; 32])]) -> String {
    digests.sort();
    let mut hasher = Sha256::new();
    for (path, digest) in digests.iter() {
        hasher.update((path.len() as u64).to_le_bytes());
        hasher.update(path.as_bytes());
        hasher.update(digest);
    }
    hasher.finalize()[..VERSION_DIGITS / 2]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Returns the SHA-256 digest of a file's bytes, for `build_version`.
pub fn digest(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// Returns what a reader of one language needs to read the whole guide offline, as
/// addresses relative to the site's root: every file except the other languages' pages and
/// indexes and the hosts' own files; a page by its folder (`en/gdpr/`), as links name it.
pub fn language_files<'a>(
    lang: &str,
    languages: &[&str],
    paths: impl Iterator<Item = &'a str>,
) -> Vec<String> {
    let foreign = |path: &str| {
        languages.iter().any(|other| {
            *other != lang
                && (path.starts_with(&format!("{other}/"))
                    || path.starts_with(&format!("{}{other}/", crate::search::INDEX_ROOT)))
        })
    };
    let mut files: Vec<String> = paths
        .filter(|path| !HOST_FILES.contains(path) && !foreign(path))
        .map(|path| match path.strip_suffix("index.html") {
            Some(folder) if folder.is_empty() || folder.ends_with('/') => folder.to_string(),
            _ => path.to_string(),
        })
        .collect();
    files.sort();
    files
}

/// Writes the worker: the theme's source with the build's content hash in place.
pub fn worker(theme: &Theme, version: &str) -> Result<OutputFile, Problem> {
    let file = theme.file(WORKER_SOURCE).ok_or_else(|| {
        Problem::new(
            format!("theme/{WORKER_SOURCE}"),
            0,
            "the offline worker is missing from the theme",
        )
    })?;
    let source = file.text()?;
    if !source.contains(VERSION_PLACEHOLDER) {
        return Err(Problem::new(
            &file.origin,
            0,
            format!("the offline worker must name the build as `{VERSION_PLACEHOLDER}`"),
        ));
    }
    Ok(OutputFile::new(
        WORKER_PATH,
        source.replace(VERSION_PLACEHOLDER, version).into_bytes(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_list_leaves_out_the_other_language_and_the_host_files() {
        let paths = [
            "index.html",
            "404.html",
            "_headers",
            "sitemap.xml",
            "en/index.html",
            "en/gdpr/index.html",
            "de/dsgvo/index.html",
            "search-index/en/abc/manifest.bin",
            "search-index/de/def/manifest.bin",
            "static/style.css",
            "static/en-logo.svg",
        ];
        assert_eq!(
            language_files("en", &["en", "de"], paths.into_iter()),
            [
                "",
                "404.html",
                "en/",
                "en/gdpr/",
                "search-index/en/abc/manifest.bin",
                "static/en-logo.svg",
                "static/style.css",
            ]
        );
    }

    #[test]
    fn the_build_version_follows_every_file() {
        let version = |files: &[(&str, &[u8])]| {
            let mut digests: Vec<(String, [u8; 32])> = files
                .iter()
                .map(|(path, bytes)| (path.to_string(), digest(bytes)))
                .collect();
            build_version(&mut digests)
        };
        let first = version(&[("a.html", b"a"), ("b.css", b"b")]);
        assert_eq!(first, version(&[("b.css", b"b"), ("a.html", b"a")]));
        assert_ne!(first, version(&[("a.html", b"a"), ("b.css", b"c")]));
        assert_ne!(first, version(&[("a.html", b"a"), ("c.css", b"b")]));
        assert_eq!(first.len(), VERSION_DIGITS);
    }
}
