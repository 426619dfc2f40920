//! Response mode (`…/checklist/?respond`): the page a vendor opens from the buyer's link to
//! answer for their own company. It shows the questions, their help and what the buyer will
//! ask for, with an answer, evidence details (document, link, report period, certificate
//! number, expiry) and a comment per question, and no scores, weights, verdicts or rules:
//! it never builds the buyer's workspace. The draft is saved as the vendor types under its
//! own record (`Key::ResponseDraft`), which the buyer's saving never reads or writes, and
//! the vendor downloads it as one response file. The buyer's own questions come from the
//! link's fragment and from questionnaire files the vendor opens (picked or dropped): each
//! set joins those given before (`questionnaire::Kept`: by question id, the newer wording
//! winning, nothing with an answer leaving the form), and the joined set is kept under its
//! own record (`Key::Questionnaire`) with the link seen last, so a reload shows the same
//! questions and a visit without the fragment keeps them and their answers; the vendor is
//! told in plain words what a new set changed. A bad file is refused in plain words and
//! changes nothing, least of all the draft. The formats and every edit are
//! `checklist_core::response`'s and `checklist_core::questionnaire`'s; this file only builds
//! the form and turns its events into `DraftEdit`s.

use std::cell::RefCell;
use std::rc::Rc;

use checklist_core::answers::AnswerValue;
use checklist_core::definition::{Definition, Question, QuestionKind};
use checklist_core::present::{Id, Present};
use checklist_core::questionnaire::Kept;
use checklist_core::response::{self, DraftEdit, Response};
use checklist_core::{parse_number, Date};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, FileList, HtmlInputElement};

use crate::dom::{
    append, by, el, find, focus, is_checked, set_attr, set_hidden, text_el, value_of,
};
use crate::idb::IdbStore;
use crate::model::Model;
use crate::store::{Key, Saved, Store};
use crate::strings::Strings;
use crate::view::Ctx;

mod draft;
mod form;
mod questionnaire;

use draft::save;
use form::{fill_questions, render};

/// The evidence texts a vendor describes, with the UI string of each field's label.
const EVIDENCE_FIELDS: [(&str, &str); 4] = [
    ("document", "respond_document"),
    ("link", "respond_evidence_link"),
    ("period", "respond_period"),
    ("certificate", "respond_certificate"),
];

/// The mounted response mode.
struct Respond {
    /// The guide's checklist, to which a questionnaire file's own questions are added.
    guide: Definition,
    /// The checklist the vendor answers: the guide's with the buyer's own questions.
    def: Definition,
    /// The buyer's own questions given to the vendor so far, joined, as kept for next time.
    kept: Kept,
    lang: String,
    strings: Strings,
    response: Response,
    store: Option<IdbStore>,
    /// The draft as this tab last read or wrote it, to tell another tab's save.
    base: Option<String>,
    /// A save is in flight; `dirty` says another must follow it.
    writing: bool,
    dirty: bool,
    root: Element,
    /// An empty buyer model, only so the shared answer controls get their context.
    model: Model,
}

impl Respond {
    fn present(&self) -> Present<'_> {
        Present {
            def: &self.def,
            lang: &self.lang,
            strings: &self.strings,
        }
    }

    fn cx(&self) -> Ctx<'_> {
        Ctx {
            def: &self.def,
            lang: &self.lang,
            s: &self.strings,
            model: &self.model,
            guide: &[],
            today: crate::today(),
        }
    }
}

/// What the store held for response mode: the vendor's draft and the own questions kept
/// from earlier visits.
#[derive(Default)]
struct Found {
    draft: Option<String>,
    questionnaire: Option<String>,
}

/// Opens the store, reads the vendor's draft and questionnaire and builds the response form
/// into `root`.
pub(crate) fn mount(root: Element, def: Definition, lang: String) {
    crate::idb::open(move |store| {
        let store = store.ok();
        let Some(reader) = store.clone() else {
            return start(root, def, lang, None, Found::default());
        };
        let second = reader.clone();
        reader.read(
            Key::ResponseDraft,
            Box::new(move |found| {
                let draft = found.ok().flatten().map(|saved| saved.text);
                second.read(
                    Key::Questionnaire,
                    Box::new(move |found| {
                        let questionnaire = found.ok().flatten().map(|saved| saved.text);
                        let found = Found {
                            draft,
                            questionnaire,
                        };
                        start(root, def, lang, store, found)
                    }),
                );
            }),
        );
    });
}

/// Builds the form from the draft (or an empty response) and listens to it.
fn start(root: Element, guide: Definition, lang: String, store: Option<IdbStore>, found: Found) {
    // The buyer's own questions: those kept from earlier visits, joined with the link's (a
    // damaged fragment adds none).
    let hash = crate::dom::window().location().hash().unwrap_or_default();
    let carries_questions = hash.contains(checklist_core::share::QUESTIONS_KEY);
    let link =
        carries_questions.then(|| checklist_core::share::decode_questions(&guide, &hash).ok());
    let damaged = matches!(link, Some(None));
    let mut kept = found
        .questionnaire
        .and_then(|text| checklist_core::questionnaire::read_kept(&guide, &text).ok())
        .unwrap_or_default();
    let strings = Strings::from_compact(&root.get_attribute("data-strings").unwrap_or_default());
    let today = crate::today().unwrap_or(Date::new(2000, 1, 1).unwrap());
    // A draft that no longer reads (a newer format) is left in place until the vendor types.
    // Read first against the guide's questions, it keeps its statements on own questions,
    // which tell what the vendor answered; read again against the questions asked now, a
    // changed question's answer that no longer fits is cleared (the message says so).
    let base = found.draft;
    let saved = base
        .as_deref()
        .and_then(|text| response::restore_draft(&guide, text).ok());
    let answered = |id: &str| saved.as_ref().is_some_and(|r| r.answers.contains_key(id));
    let joined = kept.visit(link.flatten(), answered);
    let def = kept.asked.with_own_questions(guide.clone());
    let mut response = base
        .as_deref()
        .and_then(|text| response::restore_draft(&def, text).ok())
        .unwrap_or_else(|| Response::new(&def, &lang, today));
    response.language = lang.clone();
    let unsaved = store.is_none();
    let app = Respond {
        guide,
        def,
        kept,
        lang,
        strings,
        response,
        store,
        base,
        writing: false,
        dirty: false,
        root: root.clone(),
        model: Model::default(),
    };
    let form = render(&app);
    append(&root, &[&form]);
    if damaged {
        let key = if app.kept.asked.questions.is_empty() {
            "respond_questions_damaged"
        } else {
            "respond_questions_damaged_kept"
        };
        message(app.strings.get(key), true);
    }
    if let Some(joined) = joined {
        if let Some(text) = app.present().link_joined(&joined) {
            message(&text, false);
        }
        questionnaire::keep(&app);
    }
    for id in ["checklist-noscript", "checklist-printable"] {
        if let Some(element) = find(id) {
            set_hidden(&element, true);
        }
    }
    // The page's introduction is written for buyers (it explains scoring); vendors get their
    // own in the form.
    if let Ok(Some(intro)) = crate::dom::document().query_selector(".checklist-page > .prose") {
        set_hidden(&intro, true);
    }
    if unsaved {
        message(app.strings.get("respond_not_saved"), true);
    }
    progress(&app);
    let app = Rc::new(RefCell::new(app));
    for kind in ["input", "change", "click", "dragover", "drop"] {
        let app = Rc::clone(&app);
        let closure = Closure::<dyn Fn(Event)>::new(move |event: Event| handle(&app, &event));
        let _ = form.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
        // The form lives as long as the page.
        closure.forget();
    }
    set_attr(&root, "data-state", "ready");
    set_attr(&root, "data-mode", "respond");
}

/// Shows a message to the vendor; errors are announced assertively.
fn message(text: &str, error: bool) {
    let line = by(Id::Message);
    set_attr(&line, "role", if error { "alert" } else { "status" });
    set_attr(
        &line,
        "class",
        if error {
            "cl-message cl-error"
        } else {
            "cl-message"
        },
    );
    line.set_text_content(Some(text));
    set_hidden(&line, text.is_empty());
}

/// Updates the progress line.
fn progress(app: &Respond) {
    let text = app.strings.fill(
        "respond_progress",
        &[
            (
                "answered",
                &app.response.answered_shown(&app.def).to_string(),
            ),
            ("total", &app.def.questions.len().to_string()),
        ],
    );
    by(Id::RespondProgress).set_text_content(Some(&text));
}

/// Turns one event of the form into an edit of the draft, or the download.
fn handle(app: &Rc<RefCell<Respond>>, event: &Event) {
    let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let kind = event.type_();
    if kind == "dragover" || kind == "drop" {
        // A questionnaire file dropped anywhere on the form is opened, not shown by the browser.
        event.prevent_default();
        if kind == "drop" {
            let transfer = crate::dom::prop(event, "dataTransfer");
            let files = crate::dom::prop(&transfer, "files")
                .dyn_into::<FileList>()
                .ok();
            questionnaire::open(app, files);
        }
        return;
    }
    if kind == "change" && target.id() == Id::QuestionnaireOpen.as_str() {
        let input = target.dyn_ref::<HtmlInputElement>();
        questionnaire::open(app, input.and_then(HtmlInputElement::files));
        // Clearing the picker lets the vendor pick the same file again.
        return input.iter().for_each(|i| i.set_value(""));
    }
    if kind == "click" {
        if target.id() == Id::RespondExport.as_str() {
            export(&mut app.borrow_mut());
        }
        return;
    }
    let role = target.get_attribute("data-role").unwrap_or_default();
    let question = target.get_attribute("data-q").unwrap_or_default();
    let value = value_of(&target);
    // A field removed while the form is rebuilt fires its `change` at once; the rebuild lets
    // it pass before (`commit_focused`), so an event that still finds the app busy has
    // nothing left to tell, and must not trap on the borrow.
    let Ok(mut a) = app.try_borrow_mut() else {
        return;
    };
    let edit = match (role.as_str(), kind.as_str()) {
        ("r:company", "input") => DraftEdit::Company(value),
        ("r:contact", "input") => DraftEdit::Contact(value),
        ("r:comment", "input") => DraftEdit::Comment(value),
        ("r:expires", "change") => DraftEdit::Expires(Date::parse(&value).ok()),
        ("value", "change") => DraftEdit::Value(crate::events::parse_value(&value)),
        ("option", "change") => DraftEdit::Toggle {
            option: value,
            on: is_checked(&target),
        },
        ("none", "change") => {
            DraftEdit::Value(is_checked(&target).then(|| AnswerValue::Choices(Vec::new())))
        }
        ("number", "input") => {
            let Some(q) = a.def.question(&question) else {
                return;
            };
            let QuestionKind::Number { min, max, .. } = q.kind else {
                return;
            };
            let parsed = parse_number(&value, min, max);
            let refusal = parsed
                .err()
                .and_then(|error| crate::grid::number_message(&a.cx(), q, &value, error));
            set_attr(
                &target,
                "aria-invalid",
                if refusal.is_some() { "true" } else { "false" },
            );
            if let Some(line) = target.get_attribute("data-error").and_then(|id| find(&id)) {
                line.set_text_content(refusal.as_deref());
            }
            DraftEdit::Value(parsed.ok().map(AnswerValue::Number))
        }
        (field, "input") if field.starts_with("r:") => {
            let Some((name, _)) = EVIDENCE_FIELDS.iter().find(|(f, _)| field[2..] == **f) else {
                return;
            };
            DraftEdit::Evidence(name, value)
        }
        _ => return,
    };
    let multi = matches!(edit, DraftEdit::Toggle { .. }) || role == "none";
    let Respond { def, response, .. } = &mut *a;
    response.edit(def, &question, edit);
    if multi {
        sync_boxes(&a, &question);
    }
    progress(&a);
    drop(a);
    save(app);
}

/// Lets the focused field finish its edit before the form is rebuilt around the draft, and
/// returns the field's id so it can take focus again. Removing a focused text field whose
/// value changed fires its `change` event at once, in the middle of the rebuild, where it
/// found the app borrowed (a trap, `unreachable`); blurring it first lets that event pass
/// as usual. Call it before borrowing the app.
fn commit_focused() -> Option<String> {
    let focused = crate::dom::document().active_element()?;
    if let Some(field) = focused.dyn_ref::<web_sys::HtmlElement>() {
        let _ = field.blur();
    }
    Some(focused.id())
}

/// Ticks a multi-choice question's boxes as the draft says ("none of these" and the options
/// exclude each other) without rebuilding them, so focus stays.
fn sync_boxes(a: &Respond, question: &str) {
    let chosen = a.response.answers.get(question).map(|st| &st.value);
    let boxes = crate::dom::document().get_elements_by_name(&format!("cl-a-{question}"));
    for i in 0..boxes.length() {
        let Some(input) = boxes
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            continue;
        };
        input.set_checked(match chosen {
            Some(AnswerValue::Choices(ids)) if input.value().is_empty() => ids.is_empty(),
            Some(AnswerValue::Choices(ids)) => ids.contains(&input.value()),
            _ => false,
        });
    }
}

/// Downloads the response file, named after the company and today's date.
fn export(a: &mut Respond) {
    if a.response.company.trim().is_empty() {
        message(a.strings.get("respond_company_needed"), true);
        return focus(&by(Id::RespondCompany));
    }
    if let Some(today) = crate::today() {
        a.response.created = today;
    }
    let name = response::file_name(&a.response);
    crate::transfer::download(
        &response::write_response(&a.response),
        &name,
        "application/json",
    );
    message(
        &a.strings.fill("respond_exported", &[("file", &name)]),
        false,
    );
}
