//! The on-demand module: the checklist's features a buyer needs only now and then, built from
//! this crate with the feature `ondemand` into a bundle of its own (`ondemand.js`,
//! `ondemand_bg.wasm`) that the page loads on first use, so the first load carries only what
//! shows the workspace and scores it. It owns the wasm-bindgen surface of that bundle:
//! importing files (vendors' responses and exports of this page), share links (making one and
//! opening one, and the vendors' link with the buyer's own questions and the questionnaire
//! file with them), the CSV export, the comparison of all vendors (on screen and printed), the bodies of the tuning
//! and contract-condition panels, the review of a responding vendor's answers, reading
//! saved work of another version of the checklist (`upgrade`), and the storage panel's
//! backup actions (`backup`: restore, download, delete).
//!
//! The contract with the workspace module (`crate::lazy` on the other side) is plain text:
//! the workspace travels in the core's compact form (`checklist_core::saved`, the form saving
//! uses, so it always reads again), and results come back in it and as finished sentences in
//! the page language. Writing the export JSON (the file, a backup as a file) and the CSV, and
//! offering them as downloads, is this module's too, so the first load carries no JSON writer
//! and no file download.
//! This module never changes the buyer's data: it only reads what it is given and returns
//! what to offer, so the workspace module stays the one place that changes, saves and merges
//! the work (two tabs stay safe). The one record it writes is the backup of data that could not
//! be read, which it deletes when the buyer asks. Every decision is `checklist_core`'s.

use std::cell::RefCell;

use checklist_core::answers::Workspace;
use checklist_core::definition::Definition;
use checklist_core::exchange;
use checklist_core::present::Present;
use checklist_core::saved;
use checklist_core::share::{self, ShareError};
use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::model::Model;
use crate::strings::Strings;
use crate::view::Ctx;

mod backup;
mod comparison;
mod conditions;
mod imports;
mod questionnaire;
mod review;
mod tuning;

/// What the page told this module when it was opened.
struct Page {
    /// The guide's checklist definition.
    def: Definition,
    /// The definition in its compact form, read again for a fresh copy of the guide's
    /// checklist that a tuning is applied to (a `Clone` of the definition would cost more wasm).
    definition: String,
    /// The page language.
    lang: String,
    /// The page's UI strings.
    strings: Strings,
}

impl Page {
    /// Returns the presenter for this page, about the guide's checklist.
    fn present(&self) -> Present<'_> {
        self.present_for(&self.def)
    }

    /// Returns the presenter for this page, about `def` (a tuned checklist).
    fn present_for<'a>(&'a self, def: &'a Definition) -> Present<'a> {
        Present {
            def,
            lang: &self.lang,
            strings: &self.strings,
        }
    }

    /// Returns a fresh copy of the guide's checklist; `open` read it once, so it parses.
    fn guide(&self) -> Definition {
        crate::parse_again(&self.definition)
    }

    /// Returns the checklist as the buyer tuned it: what scores, reports and the CSV use.
    fn tuned(&self, workspace: &Workspace) -> Definition {
        let reason = crate::tune::must_have_reason(&self.lang, &self.strings);
        workspace.tuning.apply(self.guide(), &reason)
    }

    /// Reads the workspace the other module sent; it wrote it with the same core, so only
    /// a bug could make it unreadable, and then nothing is shown rather than wrong data.
    fn workspace(&self, compact: &str) -> Workspace {
        saved::read_own(&self.def, compact).unwrap_or_default()
    }
}

thread_local! {
    /// The page, once `open` has read it.
    static PAGE: RefCell<Option<Page>> = const { RefCell::new(None) };
}

/// Runs `f` with the opened page; before `open`, returns `T::default()`.
fn with_page<T: Default>(f: impl FnOnce(&Page) -> T) -> T {
    PAGE.with(|page| page.borrow().as_ref().map(f).unwrap_or_default())
}

/// Opens the module for the page: reads the language and UI strings from `root` (the page's
/// `#checklist-app`) and the checklist definition (the compact form the page fetched).
#[wasm_bindgen]
pub fn open(root: Element, definition: String) -> Result<(), JsValue> {
    let (def, _) = crate::read_definition(&definition)?;
    let data = |name: &str| root.get_attribute(name).unwrap_or_default();
    let lang = crate::page_language(&root)?;
    let strings = Strings::from_compact(&data("data-strings"));
    PAGE.with(|page| {
        *page.borrow_mut() = Some(Page {
            def,
            definition,
            lang,
            strings,
        })
    });
    Ok(())
}

/// Reads picked or dropped files (`names` and their `texts`; a number instead of a text is
/// the size of a file too large to read) for import. Returns, in this order: the sentences
/// about files that could not be used; an export of this page found among them (in the compact
/// form, or empty) and what its import noticed; then one entry per vendor of a response file,
/// in the compact form with `g` (digest matches) or `d` (digest does not match) in front.
#[wasm_bindgen]
pub fn import_files(workspace: String, names: Vec<String>, texts: Vec<JsValue>) -> Vec<String> {
    with_page(|page| imports::import_files(page, &page.workspace(&workspace), &names, &texts))
}

/// Makes a share link's fragment value for the workspace. Returns the link (or empty) and,
/// when the link would be longer than the page accepts, the sentence that says so.
#[wasm_bindgen]
pub fn share_link(workspace: String) -> Vec<String> {
    with_page(
        |page| match share::encode(&page.def, &page.workspace(&workspace)) {
            Ok(link) => vec![link, String::new()],
            Err(error) => {
                let length = match error {
                    ShareError::TooLong(length) => length,
                    _ => 0,
                };
                let text = page.strings.fill(
                    "share_too_long",
                    &[
                        ("length", &length.to_string()),
                        ("max", &share::MAX_LINK_CHARS.to_string()),
                    ],
                );
                vec![String::new(), text]
            }
        },
    )
}

/// Reads a share link's fragment value. Returns its workspace (in the compact form) and what
/// the import noticed, or an empty workspace and the sentence that says why the link is refused.
#[wasm_bindgen]
pub fn open_share(link: String) -> Vec<String> {
    with_page(|page| match share::decode(&page.def, &link) {
        Ok(report) => vec![
            saved::write(&page.def, &report.workspace),
            page.present().import_notes(&report),
        ],
        Err(error) => {
            let detail = match &error {
                ShareError::Invalid(inner) => page.present().import_error(inner),
                other => other.to_string(),
            };
            let text = page.strings.fill("share_invalid", &[("detail", &detail)]);
            vec![String::new(), text]
        }
    })
}

/// Downloads the workspace as CSV in the page language, with scores and verdicts (the
/// download is offered here, so the first load carries no file download).
#[wasm_bindgen]
pub fn csv(workspace: String) {
    with_page(|page| {
        let labels = exchange::CsvLabels::from_lookup(|key| page.strings.get(key).to_owned());
        let workspace = page.workspace(&workspace);
        let csv = exchange::export_csv(
            &page.tuned(&workspace),
            &workspace,
            &page.lang,
            &labels,
            crate::today(),
        );
        crate::transfer::download(&csv, "vendor-checklist.csv", "text/csv;charset=utf-8")
    })
}

/// Runs `f` with the page's context for the workspace (the compact form), scored with the
/// buyer's tuning.
fn with_context(workspace: &str, f: impl FnOnce(&Page, &Ctx)) {
    with_page(|page| {
        let model = Model::new(page.workspace(workspace));
        let tuned = page.tuned(&model.workspace);
        let cx = Ctx {
            def: &tuned,
            lang: &page.lang,
            s: &page.strings,
            model: &model,
            guide: &[],
            today: crate::today(),
        };
        f(page, &cx)
    })
}

/// Renders the comparison report of all vendors into the print-only report container, with
/// how the checklist was tuned and each vendor's contract conditions.
#[wasm_bindgen]
pub fn comparison_report(workspace: String) {
    with_context(&workspace, |page, cx| {
        comparison::render(cx);
        crate::conditions::append_to_report(cx, &page.def, &cx.model.workspace.tuning);
    })
}

/// Fills the results' comparison region with the ranked comparison of all vendors, the
/// section chart and its table.
#[wasm_bindgen]
pub fn comparison_render(workspace: String) {
    with_context(&workspace, |_, cx| comparison::render_screen(cx))
}

/// Fills the tuning panel for the workspace's tuning (the compact form; its vendors do not
/// matter): summary and differences, and with `open` the questions' controls and the
/// own-question form. See `tuning::render`.
#[wasm_bindgen]
pub fn tune_render(workspace: String, open: bool) {
    with_page(|page| tuning::render(page, &page.workspace(&workspace), open))
}

/// Works out the tuning an event in the tuning panel asks for: see `tuning::change`.
#[wasm_bindgen]
pub fn tune_event(workspace: String, event: web_sys::Event) -> Vec<String> {
    with_page(|page| tuning::change(page, &page.workspace(&workspace), &event))
}

/// Returns the fragment of the vendors' link that carries the buyer's own questions (with its
/// key), or nothing when the tuning has none or they are too long for a link; never weights or
/// must-haves. Puts the button for the questionnaire file (the same questions as a file)
/// beside the link. See `questionnaire::link_fragment`.
#[wasm_bindgen]
pub fn respond_questions(workspace: String) -> String {
    with_page(|page| {
        questionnaire::offer(page);
        questionnaire::link_fragment(page, &page.workspace(&workspace).tuning)
    })
}

/// Downloads the questionnaire file for the workspace's tuning (the compact form; its vendors do
/// not matter) and returns the sentence that says what it holds: see `questionnaire::download`.
#[wasm_bindgen]
pub fn questionnaire_file(workspace: String) -> String {
    with_page(|page| questionnaire::download(page, &page.workspace(&workspace)))
}

/// Fills the contract-condition panel for the one vendor of `workspace` (the compact form with the
/// buyer's tuning). See `conditions::render`.
#[wasm_bindgen]
pub fn conditions_render(workspace: String) {
    with_page(|page| conditions::render(page, &page.workspace(&workspace)))
}

/// Fills the grid detail panel's review block for `question` of the one vendor of
/// `workspace` (the compact form with the buyer's tuning). See `review::render`.
#[wasm_bindgen]
pub fn review_render(workspace: String, question: String) {
    with_page(|page| review::render(page, &page.workspace(&workspace), &question))
}

/// Reads saved work that the workspace bundle does not read itself (saved in the compact form
/// against another version of the checklist, saved as export JSON by an earlier version of
/// the page, a backup of data that could not be read) with every check of an import. Returns
/// its workspace in the compact form against this version of the checklist, and an empty
/// sentence; or nothing and the sentence that says why it cannot be read.
#[wasm_bindgen]
pub fn upgrade(saved: String) -> Vec<String> {
    with_page(|page| match read_saved(&page.def, &saved) {
        Ok(report) => vec![saved::write(&page.def, &report.workspace), String::new()],
        Err(error) => vec![String::new(), page.present().import_error(&error)],
    })
}

/// Reads saved work of any form with every check of an import: the compact form of any
/// version of the checklist, or export JSON.
fn read_saved(
    def: &Definition,
    text: &str,
) -> Result<exchange::ImportReport, exchange::ImportError> {
    if !saved::is_compact(text) {
        return exchange::import_json(def, text);
    }
    match saved::read_any(text) {
        Ok((checklist, workspace)) => exchange::check_workspace(def, checklist, workspace),
        Err(_) => Err(exchange::ImportError::Malformed(
            "the saved data is damaged".to_owned(),
        )),
    }
}

/// Downloads the workspace (in the compact form) as the JSON export file, which the page
/// imports again.
#[wasm_bindgen]
pub fn export_file(workspace: String) {
    with_page(|page| {
        let json = exchange::export_json(&page.def, &page.workspace(&workspace));
        crate::transfer::download(&json, "vendor-checklist.json", "application/json")
    })
}

/// Does a backup action of the storage panel (`action`: a `store::BackupAction`'s number)
/// with a store this module opens itself, and calls `done` with the outcome's text for the
/// page (`store::BackupOutcome`): see `backup::run`.
#[wasm_bindgen]
pub fn backup(action: u8, done: js_sys::Function) {
    if let Some(action) = crate::store::BackupAction::from_number(action) {
        backup::run(action, done);
    }
}

/// Returns a backup as a file the page imports again: a save in the compact form (of any
/// version of the checklist) as the export JSON of the checklist it names; anything else
/// (export JSON of an earlier version of the page, damaged data) as it is.
#[wasm_bindgen]
pub fn backup_file(saved: String) -> String {
    match saved::read_any(&saved) {
        Ok((checklist, workspace)) => exchange::document_for(&checklist, &workspace).to_pretty(),
        Err(_) => saved,
    }
}
