//! The checklist data the generator writes for the wasm engine, built from the real site.

mod common;

use common::{build, read_text, repo_root, scratch};

#[test]
fn the_definition_json_carries_every_guide_link_per_language_under_the_base_path() {
    let out = scratch("checklist-json").join("public");
    build(&repo_root(), &out, &["--base-path", "/guide/"]);
    let text = read_text(&out, "static/checklist/checklist.json");
    let definition =
        checklist_core::Definition::from_json(&text).expect("the engine reads the definition");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    for lang in ["en", "de"] {
        let urls = json["guide_urls"][lang]
            .as_object()
            .unwrap_or_else(|| panic!("guide_urls.{lang}"));
        for question in &definition.questions {
            let url = urls
                .get(&question.id)
                .and_then(|u| u.as_str())
                .unwrap_or_else(|| panic!("{lang}: {}", question.id));
            assert!(url.starts_with(&format!("/guide/{lang}/")), "{lang}: {url}");
        }
    }
}

#[test]
fn ask_the_vendor_markers_never_reach_the_reader() {
    let out = scratch("ask-markers").join("public");
    build(&repo_root(), &out, &[]);
    for page in [
        "en/ai-features/index.html",
        "de/ki-funktionen/index.html",
        "en/gdpr/index.html",
        "de/druckansicht/index.html",
    ] {
        let html = read_text(&out, page);
        assert!(
            html.contains("callout-ask"),
            "{page}: no ask callout rendered"
        );
        assert!(
            !html.contains("{checklist:"),
            "{page}: a `{{checklist: …}}` marker reached the page"
        );
    }
    // The id with an underscore must not survive either: the parser may split it at `_`.
    let html = read_text(&out, "en/ai-features/index.html");
    assert!(
        !html.contains("ai_training"),
        "en/ai-features: a marker id reached the page"
    );
}
