//! The checklist page: its printable form and the interactive checklist's settings in the
//! page context, and the definition files: the compact one per language that the wasm engine
//! loads, and the full JSON for tools and tests.

use serde_json::json;

use checklist_core::present::Strings;
use checklist_core::Definition;

use crate::checklist;

use super::{OutputFile, Site};

/// Where the full checklist definition is published as JSON, in every language, for tools
/// and tests.
const CHECKLIST_DEFINITION_PATH: &str = "static/checklist/checklist.json";

/// Where one language's checklist page finds its definition: the full definition narrowed
/// to that language (`checklist::definition_json_in`), with that language's guide links, in
/// the compact form the engine reads without a JSON parser (`Definition::to_compact`).
fn checklist_definition_path(lang: &str) -> String {
    format!("static/checklist/{lang}/checklist.txt")
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
        let pairs: Vec<(&String, &String)> = ui_strings.iter().collect();
        let strings = Strings::write_compact(&pairs);
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

    /// Returns the checklist definition for the wasm engine, one compact file per language,
    /// narrowed to its texts, and the full definition as JSON; none on a site without a
    /// checklist.
    pub(super) fn checklist_definition_files(&self) -> Vec<OutputFile> {
        let mut files = Vec::new();
        if let Some(definition) = &self.checklist {
            let json = checklist::definition_json(definition, &self.config, &|lang, guide| {
                self.guide_url(lang, guide)
            });
            for language in &self.config.languages {
                files.push(OutputFile::new(
                    checklist_definition_path(&language.code),
                    checklist::definition_compact_in(&json, &self.config, &language.code)
                        .into_bytes(),
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
