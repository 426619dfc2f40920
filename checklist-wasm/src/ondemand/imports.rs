//! Reading picked or dropped files for import: vendors' response files, each of which becomes
//! a vendor whose answers are the vendor's statements, or (as before responses existed) an
//! export of this page, which the workspace offers to replace or join the buyer's vendors. A
//! bad file is named with its reason and adds nothing. Reading and mapping a file is
//! `checklist_core::response`'s and `exchange`'s; adding the vendors (names, the vendor cap,
//! saving) is the workspace module's, which receives them in the compact form (`checklist_core::saved`).

use checklist_core::answers::Workspace;
use checklist_core::exchange::{self, ImportError};
use checklist_core::response::{self, DigestCheck};
use wasm_bindgen::JsValue;

use super::Page;

/// Reads the files against the buyer's `workspace` (its vendor ids stay free); see
/// [`super::import_files`] for what it returns.
pub(super) fn import_files(
    page: &Page,
    workspace: &Workspace,
    names: &[String],
    texts: &[JsValue],
) -> Vec<String> {
    let today = crate::today().unwrap_or(checklist_core::Date::new(2000, 1, 1).unwrap());
    let limit = exchange::max_import_bytes(&page.def);
    // The questions a vendor was asked: the guide's and the buyer's own, none switched off.
    let asked = workspace.tuning.with_own_questions(page.guide());
    let mut notes = Vec::new();
    let mut export = None;
    let mut export_name = None;
    let mut vendors: Vec<(bool, checklist_core::Vendor)> = Vec::new();
    for (name, text) in names.iter().zip(texts) {
        // Whether this file is an export of this page after the one already taken.
        let mut another_export = false;
        let result = match text.as_string() {
            Some(text) => response::import_response(&asked, &text).map_err(|error| match error {
                // Not a response, or larger than one may be: an export of this page (which
                // may be larger), offered as before. A file that is no export either keeps
                // the response reader's reason; a damaged export gets the export's.
                ImportError::WrongFormat(_) | ImportError::TooLarge { .. } => {
                    match exchange::import_vendors(&page.def, &text) {
                        Ok(report) if export.is_none() => {
                            export = Some(report);
                            export_name = Some(name);
                            ImportError::NothingToImport
                        }
                        Ok(_) => {
                            another_export = true;
                            ImportError::NothingToImport
                        }
                        Err(ImportError::WrongFormat(_)) => error,
                        Err(other) => other,
                    }
                }
                error => error,
            }),
            None => Err(ImportError::TooLarge {
                size: text.as_f64().unwrap_or_default() as usize,
                limit,
            }),
        };
        let import = match result {
            Ok(import) => import,
            // One import offers one export: a second one is left out, and the buyer told so.
            Err(_) if another_export => {
                notes.push(page.strings.fill(
                    "response_file_error",
                    &[
                        ("file", name),
                        ("detail", page.strings.get("import_another_export")),
                    ],
                ));
                continue;
            }
            Err(ImportError::NothingToImport) if export.is_some() => continue,
            Err(error) => {
                let detail = page.present_for(&asked).response_file_error(&error);
                notes.push(page.strings.fill(
                    "response_file_error",
                    &[("file", name), ("detail", &detail)],
                ));
                continue;
            }
        };
        let note = page.present_for(&asked).mapping_note(name, &import);
        if !note.is_empty() {
            notes.push(note);
        }
        // An id that neither the workspace nor this import uses yet.
        let id = (1..)
            .map(|n| format!("v{n}"))
            .find(|id| workspace.vendor(id).is_none() && !vendors.iter().any(|(_, v)| v.id == *id))
            .unwrap_or_default();
        let vendor = response::to_vendor(&asked, &import, id, name, today);
        vendors.push((import.digest_check == DigestCheck::Matches, vendor));
    }
    // Response files whose digest does not match are offered in the prompt, which holds one
    // offer: an export chosen with them waits for another import, and the buyer is told so.
    if let Some(name) = export_name.filter(|_| vendors.iter().any(|(matches, _)| !matches)) {
        export = None;
        notes.push(page.strings.fill(
            "response_file_error",
            &[
                ("file", name),
                ("detail", page.strings.get("import_export_after_digest")),
            ],
        ));
    }
    let notes = notes.join(" ");
    // The page shows an export's notes where it offers the export, instead of the message
    // line that holds the other files' notes: they go along, so none is lost.
    let (export_compact, export_notes) = match &export {
        Some(report) => (
            checklist_core::saved::write(&page.def, &report.workspace),
            [notes.as_str(), &page.present().import_notes(report)]
                .iter()
                .filter(|note| !note.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" "),
        ),
        None => Default::default(),
    };
    let mut out = vec![notes, export_compact, export_notes];
    // One vendor per export, so no cap on one file's vendors can drop any on the way; the
    // workspace's import says which it took in and which not. The buyer's tuning goes along,
    // so answers to the buyer's own questions read back.
    for (matches, vendor) in vendors {
        let one = Workspace {
            vendors: vec![vendor],
            tuning: workspace.tuning.clone(),
        };
        let tag = if matches { "g" } else { "d" };
        out.push(format!(
            "{tag}{}",
            checklist_core::saved::write(&page.def, &one)
        ));
    }
    out
}
