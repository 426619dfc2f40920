//! The buyer's side of vendor responses: the link for vendors (response mode) and the
//! questionnaire file beside it (written by the on-demand module), and importing
//! files, picked or dropped, several at once: vendors' response files, or (as before) an
//! export of this page, which is offered to replace or join the buyer's vendors. Each good file becomes a vendor whose
//! answers are the vendor's statements; files whose digest does not match wait in the import
//! prompt until the buyer adds them anyway; a bad file is named with its reason and changes
//! nothing. Reading and mapping the files is the on-demand module's (`ondemand/imports.rs`,
//! loaded through `lazy`); adding vendors goes through the model's import, so names and the
//! vendor cap are handled as for any import.

use std::cell::RefCell;
use std::rc::Rc;

use checklist_core::answers::Workspace;
use checklist_core::present::Id;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{FileList, HtmlInputElement};

use crate::dom::{by, el, focus, set_hidden, set_value, text_el, window};
use crate::model::Msg;
use crate::App;

/// Which prompt text offers response files whose digest does not match.
pub(crate) const DIGEST_OFFER: &str = "import_offer_digest";

/// Builds the link for vendors: its button and its field.
pub(crate) fn tools(s: &crate::strings::Strings) -> Vec<web_sys::Element> {
    let create = el("p", &[("class", "cl-actions")]);
    crate::dom::append(
        &create,
        &[&text_el(
            "button",
            &[
                ("type", "button"),
                ("id", Id::RespondCreate.as_str()),
                ("class", "cl-button"),
            ],
            s.get("respond_link_create"),
        )],
    );
    let field = el(
        "p",
        &[("class", "cl-field"), ("id", Id::RespondField.as_str())],
    );
    set_hidden(&field, true);
    crate::dom::append(
        &field,
        &[
            &text_el(
                "label",
                &[("for", Id::RespondUrl.as_str())],
                s.get("respond_link"),
            ),
            &el(
                "input",
                &[
                    ("type", "text"),
                    ("id", Id::RespondUrl.as_str()),
                    ("readonly", ""),
                    ("aria-describedby", Id::RespondHint.as_str()),
                ],
            ),
            &text_el(
                "span",
                &[("id", Id::RespondHint.as_str()), ("class", "cl-hint")],
                s.get("respond_link_hint"),
            ),
        ],
    );
    vec![create, field]
}

/// Shows the link for vendors, selected for copying. It is this page with `?respond` and
/// nothing of the buyer's: no answers, weights, rules or notes. A fragment (`#…`) is where
/// the buyer's own questions would travel, never sent to a server.
pub(crate) fn show_link(a: &mut App) {
    let tuning = a.export_with(Vec::new());
    crate::lazy::run(a, move |_, module| {
        let location = window().location();
        // The buyer's own questions travel in the fragment, which is never sent to a server.
        let url = format!(
            "{}{}?respond{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default(),
            module.respond_questions(&tuning)
        );
        let input = by(Id::RespondUrl);
        set_value(&input, &url);
        set_hidden(&by(Id::RespondField), false);
        focus(&input);
        if let Some(input) = input.dyn_ref::<HtmlInputElement>() {
            input.select();
        }
    })
}

/// Downloads the questionnaire file (the on-demand module writes it from the tuning as it is
/// now: the buyer's own questions, like the link) and says what it holds.
pub(crate) fn download_questionnaire(a: &mut App) {
    let tuning = a.export_with(Vec::new());
    crate::lazy::run(a, move |a, module| {
        a.message(&module.questionnaire_file(&tuning), false)
    })
}

/// Reads every file of a pick or a drop, then imports them together.
pub(crate) fn read_files(app: &Rc<RefCell<App>>, files: Option<FileList>) {
    let Some(files) = files else {
        return;
    };
    // Each reader applies its own limit; this one only keeps unreadably large files unread.
    let limit = checklist_core::exchange::max_import_bytes(&app.borrow().base);
    let texts = js_sys::Array::new();
    let mut names = Vec::new();
    for i in 0..files.length() {
        let Some(file) = files.get(i) else {
            continue;
        };
        names.push(file.name());
        // An oversized file is refused unread: its promise gives no text.
        if file.size() > limit as f64 {
            texts.push(&JsValue::from_f64(file.size()));
        } else {
            texts.push(&file.text());
        }
    }
    if names.is_empty() {
        return;
    }
    let app = Rc::clone(app);
    let on_texts = Closure::<dyn FnMut(JsValue)>::once(move |texts: JsValue| {
        let texts: Vec<JsValue> = js_sys::Array::from(&texts).iter().collect();
        crate::lazy::run(&mut app.borrow_mut(), move |a, module| {
            let read = module.import_files(&a.export(), names, texts);
            import(a, &read)
        });
        crate::events::drain(&app);
    });
    let _ = js_sys::Promise::all(&texts).then(&on_texts);
    // The promise calls it later; one small closure per import is left to the page.
    on_texts.forget();
}

/// Imports what the on-demand module read from the files (see `ondemand::import_files`):
/// response files whose digest matches at once, the others via the prompt, or an export of
/// this page via the prompt; every problem is reported by file name.
fn import(a: &mut App, read: &[String]) {
    let [notes, export, export_notes, vendors @ ..] = read else {
        return;
    };
    let mut good = Workspace::default();
    let mut doubtful = Workspace::default();
    for entry in vendors {
        let (tag, json) = entry.split_at(entry.len().min(1));
        let target = if tag == "g" { &mut good } else { &mut doubtful };
        target
            .vendors
            .extend(a.read_export(json).unwrap_or_default().vendors);
    }
    let nothing = good.vendors.is_empty() && doubtful.vendors.is_empty();
    let mut text = Vec::new();
    if !good.vendors.is_empty() {
        let App { model, def, .. } = &mut *a;
        model.update(def, Msg::OfferImport(good));
        a.dispatch(Msg::AcceptImport { merge: true });
        text.push(a.import_outcome_text());
    }
    if !notes.is_empty() {
        text.push(notes.clone());
    }
    let offered = !doubtful.vendors.is_empty();
    if offered {
        a.offer_source = DIGEST_OFFER;
        a.dispatch(Msg::OfferImport(doubtful));
    } else if let Some(workspace) = a.read_export(export) {
        // Offering says what it found and where focus goes.
        return a.offer(workspace, export_notes, "import_offer_file");
    }
    // After the dispatches, which clear the message line.
    a.message(&text.join(" "), nothing);
    focus(&by(if offered {
        Id::ImportMerge
    } else {
        Id::Message
    }));
}
