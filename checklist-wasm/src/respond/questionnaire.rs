//! Response mode's questionnaire file (`checklist_core::questionnaire`): the picker, and
//! opening a picked or dropped file. A good file's own questions join those given before
//! (`Kept::open_file`), the vendor is told what that did, and the joined questions are kept
//! under their own record (`Key::Questionnaire`, which also keeps the link's) for the next
//! visit; a bad file is refused in plain words (the presenter's `questionnaire_error`) and
//! changes nothing: not the draft, not the questions on the page, not the kept record.

use std::cell::RefCell;
use std::rc::Rc;

use checklist_core::exchange::ImportError;
use checklist_core::present::Id;
use checklist_core::questionnaire::{self, Kept};
use checklist_core::response;
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
/// questions join those given before (the answers so far stay; the questions are rebuilt
/// around them) and are kept for the next visit; a bad file is refused with the reason, and
/// nothing is changed.
fn take(app: &Rc<RefCell<Respond>>, name: &str, text: &str) {
    // A file dropped while a field still has focus: its `change` first (see
    // `commit_focused`), and the field, rebuilt, has focus again.
    let focused = super::commit_focused();
    let mut a = app.borrow_mut();
    let refocus = |focused: Option<String>| {
        if let Some(field) = focused.and_then(|id| crate::dom::find(&id)) {
            crate::dom::focus(&field);
        }
    };
    let own = match questionnaire::read(&a.guide, text) {
        Ok(own) => own,
        Err(error) => {
            refocus(focused);
            return message(&a.present().questionnaire_error(name, &error), true);
        }
    };
    let Respond { kept, response, .. } = &mut *a;
    let joined = kept.open_file(own, |id| response.answers.contains_key(id));
    a.def = a.kept.asked.with_own_questions(a.guide.clone());
    // A changed question's answer that no longer fits is cleared (the message says to check
    // it), as a reload would: the draft is read back against the joined questions.
    let written = response::write_response(&a.response);
    let fitted = response::restore_draft(&a.def, &written).ok();
    let cleared = fitted.as_ref().is_some_and(|fitted| *fitted != a.response);
    if let Some(fitted) = fitted {
        a.response = fitted;
    }
    let container = by(Id::RespondQuestions);
    clear(&container);
    fill_questions(&a, &container);
    refocus(focused);
    progress(&a);
    message(&a.present().questionnaire_joined(name, &joined), false);
    keep(&a);
    drop(a);
    if cleared {
        super::save(app);
    }
}

/// Keeps the own questions given to the vendor so far (see [`Kept`]) under their own record,
/// so a later visit, with the link's fragment or without, shows the same questions, and the
/// draft's answers to them are not dropped. What another tab kept meanwhile is joined in.
pub(super) fn keep(a: &Respond) {
    let Some(store) = a.store.clone() else {
        return;
    };
    let guide = a.guide.clone();
    let mine = a.kept.clone();
    let text = questionnaire::write_kept(&guide, &mine);
    let not_saved = a.strings.get("respond_not_saved").to_owned();
    store.update(
        Key::Questionnaire,
        vec![(Key::Questionnaire, Some(Saved { revision: 0, text }))],
        Box::new(move |found| {
            let stored = found.and_then(|saved| questionnaire::read_kept(&guide, &saved.text).ok());
            let merged = stored
                .map(|stored| mine.clone().merge(stored))
                .filter(|m| *m != mine);
            merged
                .map(|m| {
                    let text = questionnaire::write_kept(&guide, &m);
                    vec![(Key::Questionnaire, Some(Saved { revision: 0, text }))]
                })
                .unwrap_or_default()
        }),
        Box::new(move |result| {
            if result.is_err() {
                message(&not_saved, true);
            }
        }),
    );
}
