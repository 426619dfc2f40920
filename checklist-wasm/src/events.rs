//! Event handling of the binding: listeners on the page, a queue for events that arrive
//! while the app is busy, and the translation of clicks, submits, keys and edits into
//! `model::Msg`s and focus moves. Rendering is `view`'s, `grid`'s and `results`'s; import,
//! export and share effects are `transfer`'s.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use checklist_core::answers::AnswerValue;
use checklist_core::definition::{QuestionKind, Verbal};
use checklist_core::present::Id;
use checklist_core::{parse_number, Date};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlInputElement};

use crate::dom::{self, by, find, focus, is_checked, set_attr, value_of, window};
use crate::model::{Edit, Msg};
use crate::{grid, report, results, transfer, App};

thread_local! {
    /// Events that arrived while the app was busy, in order. Moving focus from Rust fires
    /// focus and blur-time `change` events at once, inside the handler that moved it.
    static PENDING: RefCell<VecDeque<Event>> = const { RefCell::new(VecDeque::new()) };
}

/// Adds a listener that lives as long as the page.
pub(crate) fn listen(target: &web_sys::EventTarget, kind: &str, app: &Rc<RefCell<App>>) {
    let app = Rc::clone(app);
    // `Fn`, not `FnMut`: a listener may be re-entered (a `change` fired by a blur that a
    // `change` handler caused), which wasm-bindgen refuses for `FnMut` closures.
    let closure = Closure::<dyn Fn(Event)>::new(move |event: Event| handle(&app, &event));
    let _ = target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
    // The app lives until the page unloads, so its listeners may too.
    closure.forget();
}

/// Renders the comparison after the next paint if an answer made it stale; several answers
/// within one frame cost one render.
fn schedule_comparison(app: &Rc<RefCell<App>>) {
    {
        let mut a = app.borrow_mut();
        if !a.comparison_stale || a.comparison_scheduled {
            return;
        }
        a.comparison_scheduled = true;
    }
    let app = Rc::clone(app);
    dom::after_paint(move || {
        let mut a = app.borrow_mut();
        a.comparison_scheduled = false;
        if a.comparison_stale {
            a.comparison_stale = false;
            results::render_comparison(&mut a);
        }
    });
}

/// Turns one DOM event into messages and effects, then schedules the comparison if the
/// event left it stale.
fn handle(app: &Rc<RefCell<App>>, event: &Event) {
    // An event fired while the app is busy with another (focus moved from Rust) waits in
    // `PENDING` and is handled right after, so no edit is dropped and nothing re-enters.
    if app.try_borrow_mut().is_err() {
        PENDING.with(|queue| queue.borrow_mut().push_back(event.clone()));
        return;
    }
    // Events still waiting from work done outside a handler come first, in order.
    handle_pending(app);
    handle_event(app, event);
    drain(app);
}

/// Handles the events that arrived while the app was busy, in order; call it after work
/// that held the app outside `handle` (a file read, for one). The app must be free.
pub(crate) fn drain(app: &Rc<RefCell<App>>) {
    handle_pending(app);
    schedule_comparison(app);
}

/// Handles the waiting events in order, skipping focus that has moved on since.
fn handle_pending(app: &Rc<RefCell<App>>) {
    while let Some(next) = PENDING.with(|queue| queue.borrow_mut().pop_front()) {
        if next.type_() == "focusin" && !is_focused(next.target()) {
            // The app already knows where it put focus.
            continue;
        }
        handle_event(app, &next);
    }
}

/// Tells whether an event's target still has keyboard focus.
fn is_focused(target: Option<web_sys::EventTarget>) -> bool {
    let active = dom::document().active_element();
    match (target.and_then(|t| t.dyn_into::<Element>().ok()), active) {
        (Some(target), Some(active)) => target == active,
        _ => false,
    }
}

/// Turns one DOM event into messages and effects.
fn handle_event(app: &Rc<RefCell<App>>, event: &Event) {
    let kind = event.type_();
    if kind == "beforeprint" {
        // Printing from the browser's menu prints the one-vendor report, unless the
        // comparison report was asked for.
        let a = app.borrow();
        if !a.printing_comparison {
            report::render_report(&a.cx());
        }
        return;
    }
    let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        // The window grew or shrank past the grid's breakpoint.
        if let Some(wide) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::MediaQueryList>().ok())
        {
            grid::set_mode(&mut app.borrow_mut(), wide.matches(), false);
        }
        return;
    };
    if crate::tune::handle(app, &kind, &target, event)
        || crate::conditions::handle(&mut app.borrow_mut(), &kind, &target)
    {
        return;
    }
    let id = target.id();
    if kind == "dragover" || kind == "drop" {
        // Response files dropped anywhere on the checklist are imported, not opened.
        event.prevent_default();
        if kind == "drop" {
            let transfer = dom::prop(event, "dataTransfer");
            let files = dom::prop(&transfer, "files")
                .dyn_into::<web_sys::FileList>()
                .ok();
            crate::responses::read_files(app, files);
        }
        return;
    }
    match kind.as_str() {
        "keydown"
            if event
                .dyn_ref::<web_sys::KeyboardEvent>()
                .is_some_and(|key| grid::keydown(&mut app.borrow_mut(), key, &target)) => {}
        "focusin" => grid::focus_in(&mut app.borrow_mut(), &target),
        "click" if grid::click(&mut app.borrow_mut(), &target) => {}
        "submit" => {
            // Forms only group a field with its button; nothing is ever sent.
            event.prevent_default();
            let mut a = app.borrow_mut();
            match Id::parse(&id) {
                Some(Id::AddForm) => {
                    let input = by(Id::NewVendor);
                    let name = value_of(&input);
                    if let Some(refusal) = a.model.name_problem(&name, None) {
                        let text = a.present().name_refusal(refusal, &name);
                        a.message(&text, true);
                        return focus(&input);
                    }
                    a.dispatch(Msg::AddVendor(name));
                    a.message(a.strings.get("vendor_added"), false);
                    focus(&by(Id::VendorSelect))
                }
                Some(Id::RenameForm) => {
                    let name = value_of(&by(Id::VendorName));
                    let selected = a.model.selected.clone();
                    if let Some(refusal) = a.model.name_problem(&name, selected.as_deref()) {
                        let text = a.present().name_refusal(refusal, &name);
                        a.message(&text, true);
                        return focus(&by(Id::VendorName));
                    }
                    a.dispatch(Msg::RenameVendor(name));
                    focus(&by(Id::VendorName))
                }
                _ => {}
            }
        }
        "click" if Id::parse(&id) == Some(Id::SummaryLink) => {
            // Move focus with the view, and keep the heading clear of the sticky bar (CSS).
            event.prevent_default();
            let title = by(Id::ResultsTitle);
            title.scroll_into_view();
            focus(&title)
        }
        "click" => click(app, &id),
        "keydown" => {
            // Read through Reflect: one property does not need web-sys's KeyboardEvent.
            let key = js_sys::Reflect::get(event, &JsValue::from_str("key")).ok();
            if key.and_then(|k| k.as_string()).as_deref() != Some("Escape") {
                return;
            }
            let mut a = app.borrow_mut();
            if a.model.confirming_removal {
                a.dispatch(Msg::CancelRemove);
                focus(&by(Id::RemoveVendor))
            } else if a.model.offered.is_some() {
                a.dispatch(Msg::DismissImport);
                focus(&by(Id::ImportFile))
            }
        }
        "change" | "input" => edit(app, &target, &id, &kind),
        _ => {}
    }
}

/// Handles a click on one of the app's buttons.
fn click(app: &Rc<RefCell<App>>, id: &str) {
    let mut a = app.borrow_mut();
    match Id::parse(id) {
        Some(Id::RemoveVendor) => {
            a.dispatch(Msg::AskRemove);
            focus(&by(Id::ConfirmRemoveNo))
        }
        Some(Id::ConfirmRemoveNo) => {
            a.dispatch(Msg::CancelRemove);
            focus(&by(Id::RemoveVendor))
        }
        Some(Id::ConfirmRemoveYes) => {
            a.dispatch(Msg::ConfirmRemove);
            a.message(a.strings.get("vendor_removed"), false);
            let next = find(Id::VendorSelect.as_str()).unwrap_or_else(|| by(Id::NewVendor));
            focus(&next)
        }
        Some(Id::ImportReplace | Id::ImportMerge) => {
            a.dispatch(Msg::AcceptImport {
                merge: id == Id::ImportMerge.as_str(),
            });
            let text = a.import_outcome_text();
            a.message(&text, false);
            focus(&by(Id::Message))
        }
        Some(Id::ImportDismiss) => {
            a.dispatch(Msg::DismissImport);
            a.message("", false);
            focus(
                &by(Id::App)
                    .query_selector("h2")
                    .ok()
                    .flatten()
                    .unwrap_or_else(|| by(Id::Message)),
            )
        }
        Some(Id::RespondCreate) => crate::responses::show_link(&mut a),
        Some(Id::QuestionnaireDownload) => crate::responses::download_questionnaire(&mut a),
        Some(Id::TuneOpen) => crate::tune::open(&mut a),
        Some(Id::ConditionsOpen) => crate::conditions::open(&mut a),
        Some(id @ (Id::ReviewAccept | Id::ReviewRestore)) => {
            grid::review(&mut a, id == Id::ReviewAccept)
        }
        Some(Id::ExportJson) => transfer::export_json(&mut a),
        Some(Id::ExportCsv) => transfer::export_csv(&mut a),
        Some(Id::Share) => transfer::share_link(&mut a),
        Some(Id::OnDemandRetry) => crate::lazy::retry(&mut a),
        Some(Id::Print) => {
            report::render_report(&a.cx());
            drop(a);
            let _ = window().print();
        }
        Some(Id::PrintComparison) => crate::lazy::run(&mut a, |a, module| {
            module.comparison_report(&a.export());
            a.printing_comparison = true;
            // Printed once this handler let go of the app: `beforeprint` must find it free.
            crate::lazy::later(a, |app| {
                let _ = window().print();
                app.borrow_mut().printing_comparison = false;
            })
        }),
        _ => crate::saving::click(&mut a, id),
    }
}

/// Handles edits of form controls: answers, notes, evidence, rule switches, the vendor
/// selector and the file picker.
fn edit(app: &Rc<RefCell<App>>, target: &Element, id: &str, kind: &str) {
    if id == Id::ImportFile.as_str() && kind == "change" {
        let input = target.dyn_ref::<HtmlInputElement>();
        let files = input.and_then(HtmlInputElement::files);
        crate::responses::read_files(app, files);
        // Clearing the picker lets the buyer pick the same files again.
        return input.iter().for_each(|i| i.set_value(""));
    }
    if id == Id::VendorSelect.as_str() && kind == "change" {
        // Focus moves to the selector first, while the app is free: a field left with an
        // unsent value sends its blur-time `change` for the vendor it belongs to.
        focus(target);
        let mut a = app.borrow_mut();
        a.dispatch(Msg::SelectVendor(value_of(target)));
        return focus(&by(Id::VendorSelect));
    }
    let role = target.get_attribute("data-role").unwrap_or_default();
    let question = target.get_attribute("data-q").unwrap_or_default();
    let value = value_of(target);
    let mut a = app.borrow_mut();
    if id == Id::VendorName.as_str() {
        // Kept as a draft, so switching vendor before pressing Rename loses nothing.
        a.dispatch(Msg::DraftName(value));
        return;
    }
    let edit = match (role.as_str(), kind) {
        ("view", "change") => return grid::set_mode(&mut a, value == "grid", true),
        ("filter", "change") => return grid::set_filter(&mut a, &value, is_checked(target)),
        ("rule", "change") => {
            a.dispatch(Msg::SetRuleEnabled {
                rule: target.get_attribute("data-rule").unwrap_or_default(),
                enabled: is_checked(target),
            });
            return;
        }
        ("value", "change") => Edit::Value(parse_value(&value)),
        ("option", "change") => Edit::Toggle {
            option: value,
            on: is_checked(target),
        },
        ("none", "change") => {
            Edit::Value(is_checked(target).then(|| AnswerValue::Choices(Vec::new())))
        }
        ("note", "input") => Edit::Note(value),
        ("evidence", "change") => Edit::Evidence(Some(value)),
        // An incomplete date reads as empty, which clears it.
        ("valid_until", "change") => Edit::ValidUntil(Date::parse(&value).ok()),
        ("number", "input") => {
            let Some(q) = a.def.question(&question) else {
                return;
            };
            let QuestionKind::Number { min, max, .. } = q.kind else {
                return;
            };
            let parsed = parse_number(&value, min, max);
            let message = match parsed {
                Ok(_) => None,
                Err(error) => grid::number_message(&a.cx(), q, &value, error),
            };
            set_attr(
                target,
                "aria-invalid",
                if message.is_some() { "true" } else { "false" },
            );
            if let Some(error) = target.get_attribute("data-error").and_then(|id| find(&id)) {
                error.set_text_content(message.as_deref());
            }
            // A refused entry clears the scored value, so no stale number is ever scored.
            Edit::Value(parsed.ok().map(AnswerValue::Number))
        }
        _ => return,
    };
    let vendor = match target.get_attribute("data-v") {
        Some(vendor) => vendor,
        None => match a.model.selected.clone() {
            Some(vendor) => vendor,
            None => return,
        },
    };
    let multi = matches!(edit, Edit::Toggle { .. }) || role == "none";
    let in_card = target.get_attribute("data-v").is_none();
    a.grid.touched = Some(vendor.clone());
    a.grid.edited = Some(question.clone());
    a.dispatch(Msg::Edit {
        vendor,
        question: question.clone(),
        edit,
    });
    if multi {
        sync_multi(&a, &question, in_card);
    }
}

/// Parses a radio button's value: `v:<yes|partial|no|unknown>` or `o:<option id>`.
pub(crate) fn parse_value(value: &str) -> Option<AnswerValue> {
    match value.split_once(':') {
        Some(("v", id)) => Verbal::from_id(id).map(AnswerValue::Verbal),
        Some(("o", id)) => Some(AnswerValue::Choice(id.to_owned())),
        _ => None,
    }
}

/// Brings a multi-choice question's boxes in line with the stored answer ("none of these"
/// and the options exclude each other) without re-rendering, so focus stays.
fn sync_multi(a: &App, question: &str, in_card: bool) {
    let vendor = a.model.vendor();
    let chosen = vendor
        .and_then(|v| v.answers.get(question))
        .map(|x| &x.value);
    let name = match vendor {
        Some(v) if !in_card => format!("cl-a-{question}-{}", v.id),
        _ => format!("cl-a-{question}"),
    };
    let boxes = dom::document().get_elements_by_name(&name);
    for i in 0..boxes.length() {
        let Some(input) = boxes
            .item(i)
            .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
        else {
            continue;
        };
        let checked = match chosen {
            Some(AnswerValue::Choices(ids)) if input.value().is_empty() => ids.is_empty(),
            Some(AnswerValue::Choices(ids)) => ids.contains(&input.value()),
            _ => false,
        };
        input.set_checked(checked);
    }
}
