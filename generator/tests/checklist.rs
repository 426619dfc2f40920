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
fn checklist_texts_had_a_plain_space_before_percent() {
    // The checklist's texts reached the page and the engine untypeset: `99,95 %` could break
    // between number and sign, and quotes stayed straight. Both outputs must now be typeset.
    let out = scratch("checklist-typography").join("public");
    build(&repo_root(), &out, &[]);
    let text = read_text(&out, "static/checklist/checklist.json");
    let definition = checklist_core::Definition::from_json(&text).expect("the engine reads it");
    let uptime = definition
        .rules
        .iter()
        .find(|rule| rule.id == "ko.uptime")
        .expect("the uptime rule");
    assert!(uptime.reason.text("de").contains("99,95\u{a0}%"));
    assert!(uptime.reason.text("en").contains("99.95\u{a0}%"));
    assert_eq!(definition.answer_set.unknown.label.text("en"), "Don’t know");
    for (path, output) in [
        ("checklist.json", text.clone()),
        ("en", read_text(&out, "en/checklist/index.html")),
        ("de", read_text(&out, "de/checkliste/index.html")),
    ] {
        assert!(
            !generator::typography::has_plain_space_before_percent(&output),
            "{path}: a plain space before `%`"
        );
    }
    let german = read_text(&out, "de/checkliste/index.html");
    assert!(german.contains("Wählen Sie „Teilweise“"), "German quotes");
}
