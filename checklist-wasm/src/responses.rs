//! The buyer's side of vendor responses: the link for vendors (response mode), and importing
//! files, picked or dropped, several at once: vendors' response files, or (as before) an
//! export of this page, which is offered to replace or join the buyer's vendors. Each good file becomes a vendor whose
//! answers are the vendor's statements; files whose digest does not match wait in the import
//! prompt until the buyer adds them anyway; a bad file is named with its reason and changes
//! nothing. Reading and mapping a file is `checklist_core::response`'s; adding vendors goes
//! through the model's import, so names and the vendor cap are handled as for any import.

use std::cell::RefCell;
use std::rc::Rc;

use checklist_core::answers::Workspace;
use checklist_core::exchange::ImportError;
use checklist_core::present::Id;
use checklist_core::response::{self, DigestCheck};
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
pub(crate) fn show_link() {
    let location = window().location();
    let url = format!(
        "{}{}?respond",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    );
    let input = by(Id::RespondUrl);
    set_value(&input, &url);
    set_hidden(&by(Id::RespondField), false);
    focus(&input);
    if let Some(input) = input.dyn_ref::<HtmlInputElement>() {
        input.select();
    }
}

/// Reads every file of a pick or a drop, then imports them together.
pub(crate) fn read_files(app: &Rc<RefCell<App>>, files: Option<FileList>) {
    let Some(files) = files else {
        return;
    };
    // Each reader applies its own limit; this one only keeps unreadably large files unread.
    let limit = checklist_core::exchange::max_import_bytes(&app.borrow().def);
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
        import(&app, &names, &texts);
    });
    let _ = js_sys::Promise::all(&texts).then(&on_texts);
    // The promise calls it later; one small closure per import is left to the page.
    on_texts.forget();
}

/// Imports read response files: good ones at once, mismatched digests via the prompt;
/// every problem is reported by file name.
fn import(app: &Rc<RefCell<App>>, names: &[String], texts: &[JsValue]) {
    {
        let mut a = app.borrow_mut();
        let today = a
            .grid
            .today
            .unwrap_or(checklist_core::Date::new(2000, 1, 1).unwrap());
        let mut good = Workspace::default();
        let mut doubtful = Workspace::default();
        let mut notes = Vec::new();
        let mut workspace = None;
        for (name, text) in names.iter().zip(texts) {
            let result = match text.as_string() {
                Some(text) => response::import_response(&a.def, &text).or_else(|error| {
                    // Not a response: an export of this page, offered as before.
                    match (error, &workspace) {
                        (ImportError::WrongFormat(_), None) => {
                            workspace =
                                Some(checklist_core::exchange::import_vendors(&a.def, &text)?);
                            Err(ImportError::NothingToImport)
                        }
                        (error, _) => Err(error),
                    }
                }),
                None => Err(ImportError::TooLarge {
                    size: text.as_f64().unwrap_or_default() as usize,
                    limit: checklist_core::exchange::max_import_bytes(&a.def),
                }),
            };
            let import = match result {
                Ok(import) => import,
                Err(ImportError::NothingToImport) if workspace.is_some() => continue,
                Err(error) => {
                    let detail = a.import_error_text(&error);
                    notes.push(a.strings.fill(
                        "response_file_error",
                        &[("file", name), ("detail", &detail)],
                    ));
                    continue;
                }
            };
            let note = a.present().mapping_note(name, &import);
            if !note.is_empty() {
                notes.push(note);
            }
            // Ids that neither the workspace nor this import uses yet.
            let id = (1..)
                .map(|n| format!("v{n}"))
                .find(|id| {
                    a.model.workspace.vendor(id).is_none()
                        && good.vendor(id).is_none()
                        && doubtful.vendor(id).is_none()
                })
                .unwrap_or_default();
            let vendor = response::to_vendor(&a.def, &import, id, name, today);
            if import.digest_check == DigestCheck::Matches {
                good.vendors.push(vendor);
            } else {
                doubtful.vendors.push(vendor);
            }
        }
        let nothing = good.vendors.is_empty() && doubtful.vendors.is_empty();
        let mut text = Vec::new();
        if !good.vendors.is_empty() {
            let App { model, def, .. } = &mut *a;
            model.update(def, Msg::OfferImport(good));
            a.dispatch(Msg::AcceptImport { merge: true });
            text.push(a.import_outcome_text());
        }
        text.extend(notes);
        let offered = !doubtful.vendors.is_empty();
        if offered {
            a.offer_source = DIGEST_OFFER;
            a.dispatch(Msg::OfferImport(doubtful));
        } else if let Some(report) = workspace {
            // Offering says what it found and where focus goes.
            a.offer(report, "import_offer_file");
            drop(a);
            return crate::events::drain(app);
        }
        // After the dispatches, which clear the message line.
        a.message(&text.join(" "), nothing);
        focus(&by(if offered {
            Id::ImportMerge
        } else {
            Id::Message
        }));
    }
    crate::events::drain(app);
}
