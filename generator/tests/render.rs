//! Rendered HTML of the valid fixture site: snapshots of whole pages, and the behaviours
//! readers rely on, each named in its test.

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use common::{build, fixture, read_text, scratch};

/// Builds the valid fixture once for all tests of this file.
fn site() -> &'static PathBuf {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = scratch("render").join("public");
        build(&fixture("valid"), &out, &[]);
        out
    })
}

#[test]
fn page_html_matches_the_snapshots() {
    insta::assert_snapshot!("en_overview", read_text(site(), "en/overview/index.html"));
    insta::assert_snapshot!(
        "de_ueberblick",
        read_text(site(), "de/ueberblick/index.html")
    );
    insta::assert_snapshot!("root_index", read_text(site(), "index.html"));
    insta::assert_snapshot!("sitemap", read_text(site(), "sitemap.xml"));
    insta::assert_snapshot!("not_found", read_text(site(), "404.html"));
}

#[test]
fn language_switcher_links_to_the_translated_page() {
    let english = read_text(site(), "en/overview/index.html");
    assert!(english.contains(
        r#"<a href="/de/ueberblick/" lang="de" hreflang="de" rel="alternate">Deutsch</a>"#
    ));
    let german = read_text(site(), "de/ueberblick/index.html");
    assert!(german.contains(
        r#"<a href="/en/overview/" lang="en" hreflang="en" rel="alternate">English</a>"#
    ));
}

#[test]
fn pages_declare_language_canonical_and_hreflang_alternates() {
    let german = read_text(site(), "de/ueberblick/index.html");
    assert!(german.contains(r#"<html lang="de""#));
    assert!(german
        .contains(r#"<link rel="canonical" href="https://fixture.example.org/de/ueberblick/">"#));
    assert!(german.contains(
        r#"<link rel="alternate" hreflang="en" href="https://fixture.example.org/en/overview/">"#
    ));
    assert!(german.contains(r#"<link rel="alternate" hreflang="x-default" href="https://fixture.example.org/en/overview/">"#));
}

#[test]
fn typography_follows_the_page_language() {
    let german = read_text(site(), "de/ueberblick/index.html");
    assert!(
        german.contains("die „Common Criteria“;"),
        "German quotation marks"
    );
    assert!(
        german.contains("99,95\u{a0}%"),
        "non-breaking space before %"
    );
    assert!(
        german.contains(r#"<code>code "bleibt"</code>"#),
        "code is untouched"
    );
    let english = read_text(site(), "en/overview/index.html");
    assert!(
        english.contains("The “common criteria” apply; the vendor’s uptime"),
        "English quotation marks"
    );
}

#[test]
fn headings_get_umlaut_safe_ids_and_a_table_of_contents() {
    let german = read_text(site(), "de/ueberblick/index.html");
    assert!(german.contains(r#"<h3 id="ueber-alles">Über alles</h3>"#));
    assert!(
        german.contains(r##"<a href="#ueber-alles">Über alles</a>"##),
        "table of contents entry"
    );
}

#[test]
fn every_heading_gets_a_permalink_named_in_the_page_language() {
    let german = read_text(site(), "de/ueberblick/index.html");
    assert!(german.contains(concat!(
        r#"<div class="section-heading section-heading-3">"#,
        "\n",
        r#"<h3 id="ueber-alles">Über alles</h3>"#,
        "\n",
        r##"<a class="heading-link" href="#ueber-alles">"##,
        r##"<span aria-hidden="true">#</span><span class="visually-hidden">Link zum Abschnitt: Über alles</span></a></div>"##
    )));
    let english = read_text(site(), "en/overview/index.html");
    assert_eq!(
        english.matches("<h2 ").count() - 1, // the table of contents' own title
        english
            .matches(r#"<div class="section-heading section-heading-2">"#)
            .count()
    );
    assert!(english.contains(r#"<span class="visually-hidden">Link to the section: "#));
}

#[test]
fn images_get_their_size_a_hashed_url_and_the_language_variant() {
    let english = read_text(site(), "en/overview/index.html");
    assert!(english.contains(r#"<img src="/static/images/flow.645cb53274e8.svg" alt="The buyer asks, the vendor answers" width="320" height="80" loading="lazy" decoding="async">"#));
    assert!(
        english.contains(r#"alt="" width="320""#),
        "a decorative image has an empty alt"
    );
    let german = read_text(site(), "de/ueberblick/index.html");
    assert!(german.contains(r#"<img src="/static/images/flow.de.cd3afc7f1d46.svg" alt="Der Käufer fragt, der Anbieter antwortet" width="320" height="80""#));
    let served = read_text(site(), "static/images/flow.de.cd3afc7f1d46.svg");
    assert!(
        served.contains("Käufer"),
        "the German variant is copied as it is"
    );
}

#[test]
fn table_of_contents_loads_its_same_origin_script_only_where_there_is_one() {
    let english = read_text(site(), "en/overview/index.html");
    assert!(english.contains(r#"<script type="module" src="/static/toc.js"></script>"#));
    let home = read_text(site(), "en/index.html");
    assert!(!home.contains("toc.js"), "no table of contents, no script");
    assert!(read_text(site(), "static/toc.js").contains("aria-current"));
}

#[test]
fn external_links_get_noopener_and_callouts_get_their_title() {
    let english = read_text(site(), "en/overview/index.html");
    assert!(english
        .contains(r#"<a href="https://www.iso.org/standard/27001" rel="noopener noreferrer">"#));
    assert!(english.contains(r#"<div class="callout callout-ask" role="note"><p class="callout-title">Ask the vendor</p>"#));
    let german = read_text(site(), "de/ueberblick/index.html");
    assert!(german.contains(r#"<p class="callout-title">Fragen Sie den Anbieter</p>"#));
}

#[test]
fn review_date_is_written_under_the_title_in_the_readers_language() {
    let english = read_text(site(), "en/overview/index.html");
    assert!(english.contains(r#"<p class="page-reviewed">Reviewed <time datetime="2026-11-05">5 November 2026</time></p>"#));
    let german = read_text(site(), "de/ueberblick/index.html");
    assert!(german.contains(r#"<p class="page-reviewed">Geprüft am <time datetime="2026-11-05">5. November 2026</time></p>"#));
    let home = read_text(site(), "en/index.html");
    assert!(
        !home.contains("page-reviewed"),
        "a page without a date shows none"
    );
}

#[test]
fn sitemap_gives_reviewed_pages_their_review_date_as_lastmod() {
    let sitemap = read_text(site(), "sitemap.xml");
    assert_eq!(sitemap.matches("<lastmod>2026-11-05</lastmod>").count(), 2);
    assert_eq!(
        sitemap.matches("<lastmod>").count(),
        2,
        "only reviewed pages"
    );
}

#[test]
fn placeholders_come_from_the_site_config() {
    assert!(read_text(site(), "en/overview/index.html").contains("Published by Example Publisher."));
}

#[test]
fn no_inline_scripts_styles_or_event_handlers_anywhere() {
    for (path, bytes) in common::read_tree(site()) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for (index, _) in html.match_indices("<script") {
            let tag = &html[index..index + html[index..].find('>').unwrap()];
            assert!(
                tag.contains(" src=\""),
                "`{path}` has an inline script: {tag}"
            );
        }
        assert!(!html.contains("<style"), "`{path}` has a <style> element");
        assert!(
            !html.contains(" style=\""),
            "`{path}` has a style attribute"
        );
        assert!(
            !html.contains(" onclick=")
                && !html.contains(" onload=")
                && !html.contains(" onerror="),
            "`{path}` has an event handler"
        );
        assert!(
            !html.contains("http://")
                && !html.contains("src=\"https://")
                && !html.contains("href=\"//"),
            "`{path}` loads from another origin"
        );
    }
}

#[test]
fn sitemap_lists_every_page_with_alternates_and_robots_points_to_it() {
    let sitemap = read_text(site(), "sitemap.xml");
    assert_eq!(sitemap.matches("<url>").count(), 4);
    assert!(sitemap.contains(r#"<xhtml:link rel="alternate" hreflang="de" href="https://fixture.example.org/de/ueberblick/"/>"#));
    assert!(read_text(site(), "robots.txt")
        .contains("Sitemap: https://fixture.example.org/sitemap.xml"));
}

#[test]
fn root_page_offers_every_language_without_javascript() {
    let root = read_text(site(), "index.html");
    assert!(
        root.contains(r#"<a href="/en/" hreflang="en">"#)
            && root.contains(r#"<a href="/de/" hreflang="de">"#)
    );
    assert!(!root.contains("<script"));
}

#[test]
fn print_view_holds_every_page_with_unique_ids() {
    let print = read_text(site(), "en/print/index.html");
    assert!(print.contains(r#"id="overview--details""#));
    assert!(print.contains(r##"href="#overview--details""##));
    let ids: Vec<&str> = print
        .match_indices(" id=\"")
        .map(|(i, _)| &print[i + 5..i + 5 + print[i + 5..].find('"').unwrap()])
        .collect();
    let unique: std::collections::BTreeSet<_> = ids.iter().collect();
    assert_eq!(ids.len(), unique.len(), "duplicate ids in the print view");
}

#[test]
fn a_moved_page_keeps_its_former_url_as_a_redirect_page() {
    let moved = read_text(site(), "de/alter-ueberblick/index.html");
    for expected in [
        r#"<html lang="de""#,
        r#"<meta http-equiv="refresh" content="0; url=/de/ueberblick/">"#,
        r#"<link rel="canonical" href="https://fixture.example.org/de/ueberblick/">"#,
        r#"<meta name="robots" content="noindex">"#,
        r#"<a href="/de/ueberblick/">Überblick</a>"#,
    ] {
        assert!(moved.contains(expected), "lacks {expected}:\n{moved}");
    }
    assert!(!moved.contains("<script"), "no script on a redirect page");
    assert!(!moved.contains("style="), "no inline style");
    assert!(
        !read_text(site(), "sitemap.xml").contains("alter-ueberblick"),
        "a former URL is not in the sitemap"
    );
    let index = common::read_tree(site());
    let former = b"alter-ueberblick";
    assert!(
        !index
            .iter()
            .filter(|(path, _)| path.starts_with("search-index/de/"))
            .any(|(_, bytes)| bytes.windows(former.len()).any(|window| window == former)),
        "nor in the search index"
    );
    assert!(read_text(site(), "_redirects").contains("/de/alter-ueberblick/ /de/ueberblick/ 301\n"));
    assert!(read_text(site(), ".htaccess")
        .contains("  Redirect permanent /de/alter-ueberblick/ /de/ueberblick/\n"));
}

/// A language of more than 100 pages gets no print view (one document of thousands of pages
/// prints badly) and its footer does not link one; at 100 pages it keeps it.
#[test]
fn only_languages_of_at_most_a_hundred_pages_get_a_print_view() {
    // The index and the overview, and German fallbacks of the extra English pages.
    let built_with_pages = |pages: usize| {
        let root = scratch(&format!("print-view-limit-{pages}"));
        common::copy_site_with(&fixture("valid"), &root, |path, bytes| {
            if path == std::path::Path::new("site.toml") {
                [b"translations = \"fallback\"\n".as_slice(), &bytes].concat()
            } else {
                bytes
            }
        });
        for number in 2..pages {
            std::fs::write(
                root.join(format!("content/en/extra-{number}.md")),
                format!("+++\ntitle = \"Extra {number}\"\ndescription = \"Extra page {number}.\"\norder = {}\n+++\n\nText {number}.\n", 100 + number),
            )
            .unwrap();
        }
        let out = root.join("public");
        build(&root, &out, &[]);
        out
    };
    let at_limit = built_with_pages(100);
    let over_limit = built_with_pages(101);
    for (lang, page, print) in [
        ("en", "overview", "print"),
        ("de", "ueberblick", "druckansicht"),
    ] {
        let link = format!("/{lang}/{print}/");
        let print = format!("{lang}/{print}/index.html");
        let page = format!("{lang}/{page}/index.html");
        assert!(at_limit.join(&print).exists(), "{print}");
        assert!(read_text(&at_limit, &page).contains(&link), "{page}");
        assert!(!over_limit.join(&print).exists(), "{print}");
        assert!(!read_text(&over_limit, &page).contains(&link), "{page}");
    }
}
