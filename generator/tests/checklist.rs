//! The checklist data the generator writes for the wasm engine, built from the real site.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{build, copy_site_with, read_text, repo_root, scratch};

const LANGUAGES: [&str; 2] = ["en", "de"];

/// Builds the real site under the base path `/guide/` once for every test of this file.
fn built_site() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = scratch("checklist-json").join("public");
        build(&repo_root(), &out, &["--base-path", "/guide/"]);
        out
    })
}

/// Reads the definition the engine loads, and its JSON for the fields the core ignores.
fn definition_and_json() -> (checklist_core::Definition, serde_json::Value) {
    let text = read_text(built_site(), "static/checklist/checklist.json");
    let definition =
        checklist_core::Definition::from_json(&text).expect("the engine reads the definition");
    (definition, serde_json::from_str(&text).unwrap())
}

/// Returns a question's resolved guide link in a language.
#[track_caller]
fn guide_url<'a>(json: &'a serde_json::Value, lang: &str, question: &str) -> &'a str {
    json["guide_urls"][lang][question]
        .as_str()
        .unwrap_or_else(|| panic!("{lang}: `{question}` has no guide link"))
}

#[test]
fn the_definition_json_carries_every_guide_link_per_language_under_the_base_path() {
    let (definition, json) = definition_and_json();
    for lang in LANGUAGES {
        for question in &definition.questions {
            let url = guide_url(&json, lang, &question.id);
            assert!(url.starts_with(&format!("/guide/{lang}/")), "{lang}: {url}");
        }
    }
}

#[test]
fn each_language_page_loads_the_compact_definition_in_its_language_with_its_guide_links() {
    let (definition, json) = definition_and_json();
    for lang in LANGUAGES {
        let html = read_text(
            built_site(),
            &format!("{lang}/{}/index.html", page_slug(lang)),
        );
        let url = format!("/guide/static/checklist/{lang}/checklist.txt");
        assert!(
            html.contains(&format!("data-definition=\"{url}\"")),
            "{lang}"
        );
        let text = read_text(
            built_site(),
            &format!("static/checklist/{lang}/checklist.txt"),
        );
        let (compact, links) = checklist_core::Definition::from_compact(&text)
            .unwrap_or_else(|_| panic!("{lang}: the engine cannot read its definition"));
        assert_eq!(compact.meta.languages, [lang]);
        assert_eq!(compact.questions.len(), definition.questions.len());
        for (question, full) in compact.questions.iter().zip(&definition.questions) {
            assert_eq!(question.id, full.id);
            assert_eq!(question.text.0.keys().collect::<Vec<_>>(), [lang]);
            assert_eq!(question.text.text(lang), full.text.text(lang));
        }
        let expected: Vec<(String, String)> = definition
            .questions
            .iter()
            .map(|q| (q.id.clone(), guide_url(&json, lang, &q.id).to_owned()))
            .collect();
        let mut links = links;
        links.sort();
        let mut expected = expected;
        expected.sort();
        assert_eq!(links, expected, "{lang}");
    }
}

/// Returns the slug of the checklist page in a language.
fn page_slug(lang: &str) -> &'static str {
    if lang == "de" {
        "checkliste"
    } else {
        "checklist"
    }
}

/// Returns the ids of a built page's section headings (`<h2>` to `<h6>`), in order.
fn heading_ids(html: &str) -> Vec<&str> {
    let mut ids = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<h") {
        rest = &rest[start + 2..];
        let Some(after_level) = rest.strip_prefix(|c: char| ('2'..='6').contains(&c)) else {
            continue;
        };
        if let Some(id_and_rest) = after_level.strip_prefix(" id=\"") {
            ids.push(&id_and_rest[..id_and_rest.find('"').unwrap()]);
        }
    }
    ids
}

#[test]
fn every_question_links_to_the_same_section_heading_in_every_language() {
    let (definition, json) = definition_and_json();
    for question in &definition.questions {
        let mut positions = Vec::new();
        for lang in LANGUAGES {
            let url = guide_url(&json, lang, &question.id);
            let (path, fragment) = url.split_once('#').unwrap_or_else(|| {
                panic!(
                    "{lang}: `{}` links to the whole page {url}, not to a section",
                    question.id
                )
            });
            let file = format!("{}index.html", path.trim_start_matches("/guide/"));
            let html = read_text(built_site(), &file);
            let ids = heading_ids(&html);
            let position = ids.iter().position(|id| *id == fragment).unwrap_or_else(|| {
                panic!("{lang}: `{}` links to {url}, but no heading of `{file}` has that id (headings: {ids:?})", question.id)
            });
            positions.push((lang, position));
        }
        assert!(
            positions.windows(2).all(|pair| pair[0].1 == pair[1].1),
            "`{}` leads to different sections in different languages (heading positions {positions:?})",
            question.id
        );
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

#[test]
fn ask_the_vendor_markers_never_reach_the_reader() {
    let out = built_site();
    for page in [
        "en/ai-features/index.html",
        "de/ki-funktionen/index.html",
        "en/gdpr/index.html",
        "de/druckansicht/index.html",
    ] {
        let html = read_text(out, page);
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
    let html = read_text(out, "en/ai-features/index.html");
    assert!(
        !html.contains("ai_training"),
        "en/ai-features: a marker id reached the page"
    );
}

#[test]
fn printable_form_wrote_an_english_decimal_point_on_german_pages() {
    // The printable form wrote a condition's threshold as `≥ 99.95` on the German page too.
    // It must use the language's decimal mark (UI string `checklist.decimal_mark`).
    let site = scratch("checklist-decimal-mark");
    copy_site_with(&repo_root(), &site, |path, bytes| {
        if path != Path::new("content/checklist.toml") {
            return bytes;
        }
        let text = String::from_utf8(bytes).unwrap();
        let history = "id = \"avail.history\"\nsection = \"avail\"\n";
        assert!(text.contains(history), "the avail.history question moved");
        text.replace(
            history,
            &format!("{history}visible_if = {{ question = \"avail.sla\", at_least = 99.95 }}\n"),
        )
        .into_bytes()
    });
    let out = site.join("public");
    build(&site, &out, &[]);
    for (page, threshold) in [
        ("en/checklist/index.html", "≥ 99.95"),
        ("de/checkliste/index.html", "≥ 99,95"),
    ] {
        let html = read_text(&out, page);
        assert!(html.contains(threshold), "{page}: no `{threshold}`");
    }
}
