//! The checklist page: its printable form and the interactive checklist's settings in the
//! page context, and the definition files the wasm engine loads.

use serde_json::json;

use checklist_core::present::Strings;
use checklist_core::Definition;

use crate::checklist;

use super::{OutputFile, Site};

/// Where the checklist definition is published as JSON for the wasm engine.
const CHECKLIST_DEFINITION_PATH: &str = "static/checklist/checklist.json";

/// Where one language's checklist page finds its definition: the full definition narrowed
/// to that language (`checklist::definition_json_in`). The full file stays beside it for
/// tools and tests that need every language.
fn checklist_definition_path(lang: &str) -> String {
    format!("static/checklist/{lang}/checklist.json")
}

impl Site {
    /// Adds the printable form and the interactive checklist's settings to a page context.
    pub(super) fn insert_checklist_context(
        &self,
        context: &mut tera::Context,
        definition: &Definition,
        lang: &str,
    ) {
        let guide_url = |guide: &str| self.guide_url(lang, guide);
        let ui_strings = self.translations.with_prefix(lang, "checklist.");
        context.insert(
            "checklist",
            &checklist::form_view(
                definition,
                lang,
                &Strings::from_pairs(ui_strings.clone()),
                &guide_url,
            ),
        );
        let strings = serde_json::to_string(&ui_strings).expect("strings always serialize");
        context.insert(
            "checklist_app",
            &json!({
                "definition_url": self.config.url(&checklist_definition_path(lang)),
                "wasm_url": self.config.url("static/checklist/checklist_bg.wasm"),
                "glue_url": self.config.url("static/checklist/checklist.js"),
                "loader_url": self.config.url("static/checklist-loader.js"),
                "css_url": self.config.url("static/checklist.css"),
                "strings": strings,
            }),
        );
    }

    /// Returns the checklist definition as JSON for the wasm engine: one file per language,
    /// narrowed to its texts, and the full definition; none on a site without a checklist.
    pub(super) fn checklist_definition_files(&self) -> Vec<OutputFile> {
        let mut files = Vec::new();
        if let Some(definition) = &self.checklist {
            let json = checklist::definition_json(definition, &self.config, &|lang, guide| {
                self.guide_url(lang, guide)
            });
            for language in &self.config.languages {
                files.push(OutputFile::new(
                    checklist_definition_path(&language.code),
                    checklist::definition_json_in(&json, &self.config, &language.code).into_bytes(),
                ));
            }
            files.push(OutputFile::new(
                CHECKLIST_DEFINITION_PATH,
                json.into_bytes(),
            ));
        }
        files
    }
}
