//! Saving the vendor's draft in response mode: one write at a time under its own record
//! (`Key::ResponseDraft`), with `data-save` on the root telling tests when it is written.
//! When another tab of response mode saved since this one last read or wrote the draft, the
//! two are merged statement by statement (`response::merge_drafts`, the decision is the
//! core's), the merged draft is written in the same transaction, and the form shows it with
//! the questions the other tab kept, so neither tab erases the other's answers.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use checklist_core::present::Id;
use checklist_core::questionnaire;
use checklist_core::response::{self, read_response};

use super::{fill_questions, message, progress, Respond};
use crate::dom::{by, clear, find, focus, set_attr};
use crate::store::{Key, Saved, Store};

/// Saves the draft, merged with another tab's save if there was one since.
pub(super) fn save(app: &Rc<RefCell<Respond>>) {
    let mut a = app.borrow_mut();
    let Some(store) = a.store.clone() else {
        return;
    };
    if a.writing {
        a.dirty = true;
        return;
    }
    a.writing = true;
    a.dirty = false;
    set_attr(&a.root, "data-save", "pending");
    let text = response::write_response(&a.response);
    drop(a);
    let merged = Rc::new(Cell::new(false));
    let decider = Rc::clone(app);
    let told = Rc::clone(&merged);
    let mine = text.clone();
    let app = Rc::clone(app);
    store.update(
        Key::ResponseDraft,
        vec![(Key::ResponseDraft, Some(Saved { revision: 0, text }))],
        Box::new(move |found| {
            let mut a = decider.borrow_mut();
            let theirs = found.map(|saved| saved.text);
            let merged = theirs.filter(|theirs| Some(theirs) != a.base.as_ref());
            let merged = merged.and_then(|theirs| merge(&mut a, &theirs));
            told.set(merged.is_some());
            a.base = Some(merged.clone().unwrap_or(mine));
            merged
                .map(|text| vec![(Key::ResponseDraft, Some(Saved { revision: 0, text }))])
                .unwrap_or_default()
        }),
        Box::new(move |result| {
            let again = {
                let mut a = app.borrow_mut();
                a.writing = false;
                if result.is_err() {
                    message(a.strings.get("respond_not_saved"), true);
                }
                set_attr(&a.root, "data-save", "saved");
                a.dirty
            };
            if merged.get() {
                refresh(&app);
            }
            if again {
                save(&app);
            }
        }),
    );
}

/// Merges the draft another tab saved (`theirs`) into this tab's, from the draft this tab
/// last read or wrote; returns the merged draft's text, or `None` when there is nothing to
/// merge (theirs unreadable, or nothing of theirs is missing here).
fn merge(a: &mut Respond, theirs: &str) -> Option<String> {
    let (theirs, _) = read_response(&a.guide, theirs).ok()?;
    let base = a
        .base
        .as_deref()
        .and_then(|base| read_response(&a.guide, base).ok());
    let merged = response::merge_drafts(base.as_ref().map(|(b, _)| b), a.response.clone(), theirs);
    if merged == a.response {
        return None;
    }
    a.response = merged;
    Some(response::write_response(&a.response))
}

/// Shows the draft merged with another tab's: the own questions that tab kept join this
/// tab's, and the form is rebuilt around the merged answers, focus staying where it was.
fn refresh(app: &Rc<RefCell<Respond>>) {
    let Some(store) = app.borrow().store.clone() else {
        return;
    };
    let app = Rc::clone(app);
    store.read(
        Key::Questionnaire,
        Box::new(move |found| {
            // The vendor may be typing in a field the rebuild removes: its `change` first.
            let focused = super::commit_focused();
            let mut a = app.borrow_mut();
            let stored = found.ok().flatten().map(|saved| saved.text);
            let stored = stored.and_then(|text| questionnaire::read_kept(&a.guide, &text).ok());
            if let Some(stored) = stored {
                a.kept = std::mem::take(&mut a.kept).merge(stored);
                a.def = a.kept.asked.with_own_questions(a.guide.clone());
            }
            crate::dom::set_value(&by(Id::RespondCompany), &a.response.company);
            crate::dom::set_value(&by(Id::RespondContact), &a.response.contact);
            let container = by(Id::RespondQuestions);
            clear(&container);
            fill_questions(&a, &container);
            progress(&a);
            message(a.strings.get("respond_merged"), false);
            if let Some(element) = focused.and_then(|id| find(&id)) {
                focus(&element);
            }
        }),
    );
}
