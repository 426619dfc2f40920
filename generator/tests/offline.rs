//! Offline reading in the built site: the worker is stamped with the build's content hash,
//! each language's list names its pages and index but not the other language's, pages
//! register the worker from a same-origin script, and a preview (`serve`) has none of it.

use generator::site::{BuildOptions, OutputFile, Site};

mod common;

fn render(preview: bool) -> Vec<OutputFile> {
    let options = BuildOptions {
        preview,
        ..BuildOptions::default()
    };
    Site::load(&common::repo_root(), &options)
        .expect("site loads")
        .render()
        .expect("site renders")
}

fn text<'a>(files: &'a [OutputFile], path: &str) -> &'a str {
    let file = files.iter().find(|file| file.path == path);
    std::str::from_utf8(&file.unwrap_or_else(|| panic!("{path} is written")).bytes).expect("text")
}

#[test]
fn the_worker_names_the_build_and_each_language_lists_its_own_pages() {
    let files = render(false);
    let worker = text(&files, "sw.js");
    let version = worker
        .split("const CACHE = `${CACHE_PREFIX}")
        .nth(1)
        .and_then(|rest| rest.get(..16))
        .expect("the worker names its cache");
    assert!(version.chars().all(|c| c.is_ascii_hexdigit()), "{version}");
    let english: Vec<String> =
        serde_json::from_str(text(&files, "offline/en.json")).expect("the list is JSON");
    assert!(english.contains(&"en/gdpr/".to_string()));
    assert!(english.contains(&"static/style.css".to_string()));
    assert!(english
        .iter()
        .any(|path| path.starts_with("search-index/en/")));
    assert!(!english.iter().any(|path| path.starts_with("de/")
        || path.starts_with("search-index/de/")
        || path == "sw.js"
        || path == "_headers"));
    let page = text(&files, "en/gdpr/index.html");
    assert!(page.contains(r#"<script type="module" src="/static/offline.js"></script>"#));
    assert!(page.contains(r#"data-worker="/sw.js" data-scope="/""#));
}

#[test]
fn a_preview_for_serve_has_no_offline_worker_and_no_page_registers_one() {
    let files = render(true);
    assert!(!files
        .iter()
        .any(|file| file.path == "sw.js" || file.path.starts_with("offline/")));
    assert!(!text(&files, "en/gdpr/index.html").contains("offline"));
}
