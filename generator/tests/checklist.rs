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
