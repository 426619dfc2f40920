//! Import, export and share effects of the binding: offering an imported or shared workspace,
//! asking for the JSON and CSV exports, and showing a share link. Writing the export JSON
//! and the CSV (and offering them as downloads, with [`download`]) and making or reading a
//! share link are the on-demand module's (see `lazy`), which returns text; the workspace travels between the modules in the compact form the
//! page saves in (`checklist_core::saved`); what a file or link contains is
//! `checklist-core`'s (`exchange`, `share`); the texts are the presenter's.

use checklist_core::answers::Workspace;
use checklist_core::present::Id;
use checklist_core::saved;
use checklist_core::share;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

use crate::dom::{by, focus, set_hidden, set_value, window};
use crate::model::Msg;
use crate::App;

impl App {
    /// Returns the workspace in the compact form the on-demand module reads (written against
    /// the guide's checklist; the tuning travels inside).
    pub(crate) fn export(&self) -> String {
        saved::write(&self.base, &self.model.workspace)
    }

    /// Returns the buyer's tuning with only `vendors` (none, or the one a panel shows) in the
    /// compact form, so the on-demand module gets no more than it needs.
    pub(crate) fn export_with(&self, vendors: Vec<checklist_core::Vendor>) -> String {
        let workspace = Workspace {
            vendors,
            tuning: self.model.workspace.tuning.clone(),
        };
        saved::write(&self.base, &workspace)
    }

    /// Reads a workspace that the on-demand module wrote in the compact form (against this
    /// checklist, after checking it); `None` when there is none.
    pub(crate) fn read_export(&self, text: &str) -> Option<Workspace> {
        saved::read_own(&self.base, text).ok()
    }

    /// Takes an imported workspace: directly into an empty page, else via the prompt; `notes`
    /// say what its import noticed.
    pub(crate) fn offer(&mut self, workspace: Workspace, notes: &str, source: &'static str) {
        self.offer_source = source;
        if self.model.workspace.vendors.is_empty() {
            self.model.update(&self.def, Msg::OfferImport(workspace));
            self.dispatch(Msg::AcceptImport { merge: false });
            let done = self.import_outcome_text();
            self.message(format!("{done} {notes}").trim_end(), false);
            return focus(&by(Id::Message));
        }
        self.dispatch(Msg::OfferImport(workspace));
        self.message(notes, false);
        focus(&by(Id::ImportReplace))
    }

    /// Says what the last accepted import took in and left out.
    pub(crate) fn import_outcome_text(&self) -> String {
        let outcome = self.model.last_import.clone().unwrap_or_default();
        self.present()
            .import_outcome(&outcome.imported, &outcome.dropped, &outcome.renamed)
    }
}

/// Downloads the workspace as the JSON file the page imports again, written and offered by
/// the on-demand module.
pub(crate) fn export_json(a: &mut App) {
    crate::lazy::run(a, |a, module| module.export_file(&a.export()))
}

/// Downloads the workspace as CSV in the page language, with scores and verdicts, written
/// and offered by the on-demand module.
pub(crate) fn export_csv(a: &mut App) {
    crate::lazy::run(a, |a, module| module.csv(&a.export()))
}

/// Shows a share link of the workspace, selected for copying, or says why the file must
/// be used instead when the link would be longer than the page accepts.
pub(crate) fn share_link(a: &mut App) {
    crate::lazy::run(a, |a, module| {
        let made = module.share_link(&a.export());
        let (link, refusal) = (&made[0], &made[1]);
        if link.is_empty() {
            // A link the page would refuse to open is never offered; the file always works.
            set_hidden(&by(Id::ShareField), true);
            a.message(refusal, true);
            return focus(&by(Id::ExportJson));
        }
        let location = window().location();
        let url = format!(
            "{}#{}{link}",
            location
                .href()
                .unwrap_or_default()
                .split('#')
                .next()
                .unwrap_or_default(),
            share::FRAGMENT_KEY
        );
        let input = by(Id::ShareUrl);
        set_value(&input, &url);
        set_hidden(&by(Id::ShareField), false);
        focus(&input);
        if let Some(input) = input.dyn_ref::<HtmlInputElement>() {
            input.select();
        }
    })
}

/// Offers the workspace of a `#share=` link, then removes the fragment from the address;
/// until the on-demand module has read it, the link stays in the address, so a failed load
/// loses nothing.
pub(crate) fn open_share_fragment(a: &mut App) {
    let hash = window().location().hash().unwrap_or_default();
    let Some(link) = hash
        .strip_prefix('#')
        .and_then(|h| h.strip_prefix(share::FRAGMENT_KEY))
        .map(str::to_owned)
    else {
        return;
    };
    crate::lazy::run(a, move |a, module| {
        let opened = module.open_share(&link);
        // The data is now in the page; keeping it in the address would offer it again on reload.
        let window = window();
        let location = window.location();
        let clean = format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&clean));
        }
        match a.read_export(&opened[0]) {
            Some(workspace) => {
                a.offer_source = "import_offer_share";
                a.dispatch(Msg::OfferImport(workspace));
                a.message(&opened[1], false);
                focus(&by(Id::ImportReplace))
            }
            None => a.message(&opened[1], true),
        }
    })
}

/// Offers text as a file download through a temporary `a[download]`. Only the on-demand
/// module and the vendors' bundle offer files; the workspace bundle asks the module.
#[cfg(any(feature = "ondemand", feature = "respond"))]
pub(crate) fn download(text: &str, name: &str, mime: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let link = crate::dom::el("a", &[("href", &url), ("download", name), ("hidden", "")]);
    let Some(body) = crate::dom::document().body() else {
        return;
    };
    crate::dom::append(&body, &[&link]);
    if let Some(link) = link.dyn_ref::<web_sys::HtmlElement>() {
        link.click();
    }
    link.remove();
    let _ = web_sys::Url::revoke_object_url(&url);
}
