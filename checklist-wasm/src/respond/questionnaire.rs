//! Response mode's questionnaire file (`checklist_core::questionnaire`): the picker, and
//! opening a picked or dropped file. A good file's own questions join the form and the file
//! is kept under its own record (`Key::Questionnaire`, which also keeps the own questions of
//! a link) for the next visit; a bad file is
//! refused in plain words (the presenter's `questionnaire_error`) and changes nothing: not
//! the draft, not the questions on the page, not the kept file.

use std::cell::RefCell;
use std::rc::Rc;

use checklist_core::exchange::ImportError;
use checklist_core::present::Id;
use checklist_core::questionnaire;
use wasm_bindgen::prelude::*;
use web_sys::{Element, FileList};

use super::{fill_questions, message, progress, Respond};
use crate::dom::{append, by, clear, el, text_el};
use crate::store::{Key, Saved, Store};
use crate::strings::Strings;

/// Builds the file picker for a questionnaire file, with its hint (which also says that a
/// file may be dropped on the page).
pub(super) fn field(s: &Strings) -> Element {
    let field = el("p", &[("class", "cl-field")]);
    let id = Id::QuestionnaireOpen.as_str();
    append(
        &field,
        &[
            &text_el("label", &[("for", id)], s.get("questionnaire_open")),
            &el(
                "input",
                &[
                    ("type", "file"),
                    ("id", id),
                    ("accept", ".json,application/json"),
                    ("aria-describedby", "cl-r-questionnaire-hint"),
                ],
            ),
            &text_el(
                "span",
                &[("id", "cl-r-questionnaire-hint"), ("class", "cl-hint")],
                s.get("questionnaire_open_hint"),
            ),
        ],
    );
    field
}

/// Opens the first file of a pick or a drop as a questionnaire file. A file larger than any
/// questionnaire is refused unread; the text of the others goes to [`take`].
pub(super) fn open(app: &Rc<RefCell<Respond>>, files: Option<FileList>) {
    let Some(file) = files.and_then(|files| files.get(0)) else {
        return;
    };
    let name = file.name();
    let limit = questionnaire::max_bytes(&app.borrow().guide);
    if file.size() > limit as f64 {
        let a = app.borrow();
        let error = ImportError::TooLarge {
            size: file.size() as usize,
            limit,
        };
        return message(&a.present().questionnaire_error(&name, &error), true);
    }
    let app = Rc::clone(app);
    let on_text = Closure::<dyn FnMut(JsValue)>::once(move |text: JsValue| {
        take(&app, &name, &text.as_string().unwrap_or_default());
    });
    let _ = file.text().then(&on_text);
    // The promise calls it later; one small closure per file opened is left to the page.
    on_text.forget();
}

/// Reads a questionnaire file's text against the guide's checklist. A good file's own
/// questions join the form (the answers so far stay; the questions are rebuilt around them)
/// and the file is kept for the next visit; a bad file is refused with the reason, and
/// nothing is changed.
fn take(app: &Rc<RefCell<Respond>>, name: &str, text: &str) {
    let mut a = app.borrow_mut();
    let own = match questionnaire::read(&a.guide, text) {
        Ok(own) => own,
        Err(error) => return message(&a.present().questionnaire_error(name, &error), true),
    };
    a.def = own.with_own_questions(a.guide.clone());
    let container = by(Id::RespondQuestions);
    clear(&container);
    fill_questions(&a, &container);
    progress(&a);
    message(
        &a.present().questionnaire_opened(name, own.questions.len()),
        false,
    );
    keep(&a, text.to_owned());
}

/// Keeps the questionnaire the vendor was given last (a file's text, or the link's own
/// questions written as a file) under its own record, so a later visit without the link's
/// fragment still shows the questions, and the draft's answers to them are not dropped.
pub(super) fn keep(a: &Respond, text: String) {
    let Some(store) = a.store.clone() else {
        return;
    };
    let not_saved = a.strings.get("respond_not_saved").to_owned();
    store.update(
        Key::Questionnaire,
        vec![(Key::Questionnaire, Some(Saved { revision: 0, text }))],
        Box::new(|_| Vec::new()),
        Box::new(move |result| {
            if result.is_err() {
                message(&not_saved, true);
            }
        }),
    );
}
