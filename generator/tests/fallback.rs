//! `translations = "fallback"` on the `fallback` fixture: a page that only English has is
//! published in German too, with its English text marked as English, a notice in German
//! that links to the original, a marked navigation entry, a canonical link to the original
//! and no hreflang pair claiming a translation; `check` lists it and passes, and in strict
//! mode the same site fails.

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use common::{build, copy_site, fixture, generator, read_text, scratch};

/// Builds the fallback fixture once for all tests of this file.
fn site() -> &'static PathBuf {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = scratch("fallback").join("public");
        build(&fixture("fallback"), &out, &[]);
        out
    })
}

#[test]
fn an_untranslated_page_is_published_in_german_with_its_english_text_marked_and_a_notice() {
    let page = read_text(site(), "de/glossary/index.html");
    assert!(
        page.contains(r#"<html lang="de""#),
        "the page's frame is German"
    );
    assert!(page.contains(r#"<h1 lang="en">Glossary</h1>"#));
    assert!(page.contains(r#"<div class="prose" lang="en">"#));
    assert!(page.contains(
        r#"<p class="fallback-notice">Diese Seite gibt es noch nicht auf Deutsch. Hier lesen Sie sie in der Originalsprache. <a href="/en/glossary/" hreflang="en">Zur Originalseite (<span lang="en">English</span>)</a></p>"#
    ));
    // The English text keeps its English typography.
    assert!(
        page.contains("An “uptime” of 99.95"),
        "English quotes, not „…“"
    );
}

#[test]
fn an_untranslated_page_is_marked_in_the_navigation_for_eyes_and_screen_readers() {
    for path in ["de/index.html", "de/ueberblick/index.html"] {
        let page = read_text(site(), path);
        assert!(
            page.contains(r#"<a href="/de/glossary/"><span lang="en">Glossary</span> <span class="nav-fallback" aria-hidden="true">EN</span><span class="visually-hidden"> (noch nicht auf Deutsch)</span></a>"#),
            "{path}"
        );
    }
    let english = read_text(site(), "en/index.html");
    assert!(english.contains(r#"<a href="/en/glossary/">Glossary</a>"#));
    assert!(!english.contains("nav-fallback"));
}

#[test]
fn an_untranslated_page_names_its_original_as_canonical_and_claims_no_translation() {
    let fallback = read_text(site(), "de/glossary/index.html");
    assert!(fallback
        .contains(r#"<link rel="canonical" href="https://fixture.example.org/en/glossary/">"#));
    assert!(
        !fallback.contains(r#"<link rel="alternate""#),
        "no hreflang on a fallback page"
    );
    assert!(fallback.contains(r#"<li><a href="/en/glossary/" lang="en">English</a></li>"#));
    let original = read_text(site(), "en/glossary/index.html");
    assert!(original.contains(
        r#"<link rel="alternate" hreflang="en" href="https://fixture.example.org/en/glossary/">"#
    ));
    assert!(
        !original.contains(r#"hreflang="de""#),
        "no German alternate of the original"
    );
    assert!(original.contains(r#"<li><a href="/de/glossary/" lang="de">Deutsch</a></li>"#));
    // A translated page keeps its pair.
    let translated = read_text(site(), "de/ueberblick/index.html");
    assert!(translated.contains(
        r#"<link rel="alternate" hreflang="en" href="https://fixture.example.org/en/overview/">"#
    ));
    // The sitemap agrees: the original alone, without a German alternate.
    let sitemap = read_text(site(), "sitemap.xml");
    assert!(!sitemap.contains("/de/glossary/"), "{sitemap}");
    let entry = sitemap
        .split("<url>")
        .find(|entry| entry.contains("<loc>https://fixture.example.org/en/glossary/</loc>"))
        .expect("the original is listed");
    assert!(!entry.contains(r#"hreflang="de""#), "{entry}");
}

#[test]
fn german_pages_link_to_the_untranslated_page_at_its_german_url() {
    let overview = read_text(site(), "de/ueberblick/index.html");
    assert!(overview.contains(r#"href="/de/glossary/#terms""#));
}

#[test]
fn check_lists_untranslated_pages_and_fails_only_in_strict_mode() {
    let root = fixture("fallback");
    let output = generator(&["check", "--root", root.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].starts_with("ok: 5 pages (3 en, 2 de), 1 shown untranslated (1 de), "),
        "{stdout}"
    );
    assert_eq!(
        lines[1..],
        ["content/en/glossary.md: line 1: untranslated: no `content/de/glossary.md`, so `/de/glossary/` (Deutsch) shows this page's text with a notice (`translations = \"fallback\"`)"],
        "{stdout}"
    );
    let strict = scratch("fallback-strict");
    copy_site(&root, &strict);
    let config = std::fs::read_to_string(strict.join("site.toml")).unwrap();
    std::fs::write(
        strict.join("site.toml"),
        config.replace("translations = \"fallback\"", "translations = \"strict\""),
    )
    .unwrap();
    let output = generator(&["check", "--root", strict.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "content/en/glossary.md: line 1: no translation in `de` (Deutsch): add `content/de/glossary.md` (translations share the file name), or set `translations = \"fallback\"` in `site.toml` to publish this page there untranslated\n\
         error: 1 problem found\n"
    );
}

#[test]
fn build_summary_counted_untranslated_pages_as_pages_of_their_language() {
    // `build` said "6 pages (3 en, 3 de)" for a site whose German has two pages of its own and
    // shows one English page untranslated: the fallback page must be counted apart.
    let root = fixture("fallback");
    let out = scratch("fallback-summary").join("public");
    let output = generator(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with("built 5 pages (3 en, 2 de), 1 shown untranslated (1 de), "),
        "{stdout}"
    );
}
