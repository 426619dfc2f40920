//! The kind of page travels with each rendered file, set by the stage that rendered it, so
//! later stages (the page-weight gate) never guess it from the theme's HTML.

mod common;

use generator::output::PageKind;
use generator::site::{BuildOptions, Site};

#[test]
fn every_html_file_carries_the_kind_of_page_it_was_rendered_as() {
    let files = Site::load(&common::repo_root(), &BuildOptions::default())
        .expect("site loads")
        .render()
        .expect("site renders");
    let kind = |path: &str| {
        files
            .iter()
            .find(|file| file.path == path)
            .unwrap_or_else(|| panic!("{path} is written"))
            .page
    };
    for (path, expected) in [
        ("en/soc-2/index.html", PageKind::Guide),
        ("de/index.html", PageKind::Guide),
        ("en/checklist/index.html", PageKind::Checklist),
        ("de/checkliste/index.html", PageKind::Checklist),
        ("en/search/index.html", PageKind::Search),
        ("de/druckansicht/index.html", PageKind::Print),
        ("de/warum-sicherheit-zaehlt/index.html", PageKind::Redirect),
        ("index.html", PageKind::Root),
        ("404.html", PageKind::NotFound),
    ] {
        assert_eq!(kind(path), Some(expected), "{path}");
    }
    for file in &files {
        assert_eq!(
            file.page.is_some(),
            file.path.ends_with(".html"),
            "{}: a page kind exactly on HTML pages",
            file.path
        );
    }
}
