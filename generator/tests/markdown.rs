//! Rendering single pages from Markdown text, for bugs the fuzzer found (each test is named
//! after its bug; the inputs are also in `fuzz/regressions/page/`).

use std::path::Path;

use generator::config::Config;
use generator::content::{parse_page, Page};
use generator::markdown::{outline, render, ImageRef, LinkResolver, TextStore};

/// Resolves every page link to `/en/<name>/`.
struct AnyPage;

impl LinkResolver for AnyPage {
    fn resolve(&self, _from: &Page, file: &str, _fragment: Option<&str>) -> Result<String, String> {
        Ok(format!("/en/{}/", file.trim_end_matches(".md")))
    }

    fn section_link_label(&self, _page: &Page, heading: &str) -> String {
        format!("Link to {heading}")
    }

    fn image(&self, _from: &Page, file: &str) -> Result<ImageRef, String> {
        Err(format!("image `{file}` does not exist"))
    }
}

/// Renders a page's text (front matter and Markdown) to its body HTML.
#[track_caller]
fn render_page(text: &str) -> String {
    let config = Config::parse(include_str!("../../tests/fixtures/valid/site.toml")).unwrap();
    let page = parse_page("en", Path::new("content/en/test.md"), text, &config).unwrap();
    let headings = outline(&page);
    let store = TextStore::default();
    render(
        &page,
        &headings,
        &AnyPage,
        &|kind| kind.to_owned(),
        Some(&store),
    )
    .unwrap()
    .html
}

#[test]
fn table_alignment_wrote_style_attributes_that_the_csp_blocks() {
    let html = render_page(include_str!(
        "../../fuzz/regressions/page/table-alignment-wrote-style-attributes.md"
    ));
    assert!(!html.contains("style="), "{html}");
    assert!(html.contains(
        "<thead><tr><th>Left</th><th class=\"align-center\">Centre</th><th class=\"align-right\">Right</th><th>None</th></tr></thead>"
    ), "{html}");
    assert!(html.contains(
        "<tr><td>a</td><td class=\"align-center\"><em>b</em></td><td class=\"align-right\">1</td><td>d</td></tr>"
    ), "{html}");
}
