//! Browser binding of the checklist: mounts the interactive checklist into the page, turns
//! DOM events into `model::Msg`s, and re-renders the parts a message made stale. Scoring,
//! import, export and share links are `checklist-core`'s; state changes are `model`'s;
//! elements are built in `view`; saving is `saving`'s (behind `store::Store`). This file owns
//! only the wiring: the wasm-bindgen surface, event listeners, downloads and the file picker.

mod dom;
mod grid;
mod idb;
pub mod merge;
pub mod model;
mod questions;
mod saving;
pub mod store;
pub mod strings;
mod report;
mod results;
mod view;

use std::cell::RefCell;
use std::rc::Rc;

use checklist_core::answers::AnswerValue;
use checklist_core::definition::{Definition, QuestionKind, Verbal};
use checklist_core::exchange::{self, ImportError, ImportReport};
use checklist_core::{parse_number, score_vendor, score_vendor_at, share, Date, ShareError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlInputElement};

use checklist_core::present::{Id, Present};

use crate::dom::{
    by, find, focus, is_checked, set_attr, set_hidden, set_value, value_of, window,
};
use crate::model::{Change, Edit, Model, Msg};
use crate::store::Restored;
use crate::strings::Strings;
use crate::view::Ctx;

/// Returns the version of the checklist engine compiled into this bundle.
#[wasm_bindgen]
pub fn engine_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// The mounted checklist: definition, strings, state and storage.
struct App {
    def: Definition,
    lang: String,
    strings: Strings,
    model: Model,
    saver: saving::Saver,
    guide: Vec<(String, String)>,
    /// The last score announcement, so unchanged scores are not announced again.
    announced: String,
    /// Which prompt text the offered workspace uses (file or share link).
    offer_source: &'static str,
    /// The view, filters and focused cell of the workspace (see `grid`).
    grid: grid::GridState,
    /// The comparison report is being printed, so `beforeprint` leaves it in place.
    printing_comparison: bool,
    /// An answer changed since the comparison was last rendered.
    comparison_stale: bool,
    /// A deferred render of the comparison is scheduled.
    comparison_scheduled: bool,
}

impl App {
    fn cx(&self) -> Ctx<'_> {
        Ctx {
            def: &self.def,
            lang: &self.lang,
            s: &self.strings,
            model: &self.model,
            guide: &self.guide,
        }
    }

    /// Applies a message, saves and re-renders what it made stale.
    fn dispatch(&mut self, msg: Msg) -> Change {
        let change = self.model.update(&self.def, msg);
        if change != Change::None {
            // A message describes the state before this change; the caller says what is new.
            self.message("", false);
        }
        self.refresh(change);
        change
    }

    /// Returns the presenter for this page.
    fn present(&self) -> Present<'_> {
        Present {
            def: &self.def,
            lang: &self.lang,
            strings: &self.strings,
        }
    }

    fn refresh(&mut self, change: Change) {
        match change {
            Change::None => return,
            Change::Prompt => {
                view::render_vendors(&self.cx());
                return view::render_prompt(&self.cx(), self.offer_source);
            }
            Change::Vendors => {
                view::render_vendors(&self.cx());
                view::render_prompt(&self.cx(), self.offer_source);
                grid::render(self);
                view::render_rule_switches(&self.cx());
            }
            Change::Answers => grid::refresh_vendor(self),
        }
        saving::save(self);
        let score = self.model.vendor().map(|v| self.score(v));
        let announcement = results::render_results(&self.cx(), score.as_ref());
        if change == Change::Answers {
            // The comparison of all vendors is the heaviest part; after an answer it follows
            // one frame later (`schedule_comparison`), so the edited vendor's results do not wait.
            self.comparison_stale = true;
        } else {
            self.comparison_stale = false;
            results::render_comparison(&self.cx());
        }
        if change == Change::Answers && announcement != self.announced {
            by(Id::Live).set_text_content(Some(&announcement));
        }
        self.announced = announcement;
    }

    /// Scores a vendor on today's date, so expired evidence counts as it should.
    fn score(&self, vendor: &checklist_core::Vendor) -> checklist_core::VendorScore {
        match self.grid.today {
            Some(today) => score_vendor_at(&self.def, vendor, today),
            None => score_vendor(&self.def, vendor),
        }
    }

    /// Shows the selected vendor's bar, rule switches and results after focus picked it.
    fn show_selected(&mut self) {
        view::render_vendors(&self.cx());
        view::render_rule_switches(&self.cx());
        let score = self.model.vendor().map(|v| self.score(v));
        self.announced = results::render_results(&self.cx(), score.as_ref());
    }

    /// Shows a message to the buyer; errors are announced assertively.
    fn message(&self, text: &str, error: bool) {
        let message = by(Id::Message);
        set_attr(&message, "role", if error { "alert" } else { "status" });
        set_attr(
            &message,
            "class",
            if error {
                "cl-message cl-error"
            } else {
                "cl-message"
            },
        );
        message.set_text_content(Some(text));
        set_hidden(&message, text.is_empty())
    }

    /// Explains a rejected import in the page language; the core adds the details.
    fn import_error_text(&self, error: &ImportError) -> String {
        self.present().import_error(error)
    }

    /// Reports orphaned answers and dropped rule switches of an import, if any.
    fn import_notes(&self, report: &ImportReport) -> String {
        self.present().import_notes(report)
    }

    /// Takes an imported workspace: directly into an empty page, else via the prompt.
    fn offer(&mut self, report: ImportReport, source: &'static str) {
        let notes = self.import_notes(&report);
        self.offer_source = source;
        if report.workspace.vendors.is_empty() {
            // Nothing to import: never offer "Replace my vendors" for it.
            self.message(self.strings.get("import_nothing"), true);
            return focus(&by(Id::Message));
        }
        if self.model.workspace.vendors.is_empty() {
            self.model
                .update(&self.def, Msg::OfferImport(report.workspace));
            self.dispatch(Msg::AcceptImport { merge: false });
            let done = self.import_outcome_text();
            self.message(format!("{done} {notes}").trim_end(), false);
            return focus(&by(Id::Message));
        }
        self.dispatch(Msg::OfferImport(report.workspace));
        self.message(&notes, false);
        focus(&by(Id::ImportReplace))
    }

    /// Says what the last accepted import took in and left out.
    fn import_outcome_text(&self) -> String {
        let outcome = self.model.last_import.clone().unwrap_or_default();
        self.present()
            .import_outcome(&outcome.imported, &outcome.dropped, &outcome.renamed)
    }
}

/// Mounts the interactive checklist into `root` (the page's `#checklist-app`) once the saved
/// work is read, hiding the printable form it replaces, and marks the root `data-state="ready"`.
#[wasm_bindgen]
pub fn mount(root: Element, definition_json: String) -> Result<(), JsValue> {
    let def = Definition::from_json(&definition_json)
        .map_err(|e| JsValue::from_str(&format!("checklist: the definition is unreadable: {e}")))?;
    saving::open(move |opened| start(root, def, &definition_json, opened));
    Ok(())
}

/// Builds the checklist from the definition and what the store held.
fn start(root: Element, def: Definition, definition_json: &str, mut opened: saving::Opened) {
    let data = |name: &str| root.get_attribute(name).unwrap_or_default();
    let lang = Some(data("data-lang"))
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| "en".to_owned());
    let strings = Strings::from_json(&data("data-strings"));
    let guide = checklist_core::present::guide::guide_urls(definition_json, &lang);

    let (workspace, unreadable) = match store::restore(&def, opened.record.as_ref()) {
        Restored::Empty => (Default::default(), None),
        Restored::Loaded(report) => (report.workspace, None),
        Restored::Unreadable(_) => (Default::default(), opened.record.clone()),
    };
    let (saver, workspace) =
        saving::Saver::new(&mut opened, &def, workspace, unreadable.is_some());
    // No vendor is made up on a first visit: the vendor bar offers adding the first one.
    let model = Model::new(workspace);

    let skeleton = view::skeleton(&strings);
    dom::append(&root, &[&skeleton]);
    let _ = dom::by_id("cl-message").after_with_node_1(&saving::panel(&strings));
    for id in ["checklist-noscript", "checklist-printable"] {
        if let Some(element) = find(id) {
            set_hidden(&element, true);
        }
    }
    let app = Rc::new(RefCell::new(App {
        def,
        lang,
        strings,
        model,
        saver,
        guide,
        announced: String::new(),
        offer_source: "import_offer_file",
        grid: grid::GridState::default(),
        printing_comparison: false,
        comparison_stale: false,
        comparison_scheduled: false,
    }));
    saving::start(&app, unreadable);
    {
        let mut a = app.borrow_mut();
        grid::mount(&mut a);
        a.refresh(Change::Vendors);
        a.message("", false);
    }
    for kind in ["click", "change", "input", "submit", "keydown", "focusin"] {
        listen(&skeleton, kind, &app);
    }
    if let Some(wide) = grid::media() {
        listen(&wide, "change", &app);
    }
    listen(&window(), "beforeprint", &app);
    open_share_fragment(&app);
    set_attr(&root, "data-state", "ready");
}

/// Adds a listener that lives as long as the page.
fn listen(target: &web_sys::EventTarget, kind: &str, app: &Rc<RefCell<App>>) {
    let app = Rc::clone(app);
    let closure = Closure::<dyn FnMut(Event)>::new(move |event: Event| handle(&app, &event));
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
    let render = Closure::once_into_js(move || {
        let mut a = app.borrow_mut();
        a.comparison_scheduled = false;
        if a.comparison_stale {
            a.comparison_stale = false;
            results::render_comparison(&a.cx());
        }
    });
    // A timeout queued from an animation frame runs right after that frame is painted.
    let after_paint = Closure::once_into_js(move || {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(
            render.unchecked_ref(),
            0,
        );
    });
    let _ = window().request_animation_frame(after_paint.unchecked_ref());
}

/// Turns one DOM event into messages and effects, then schedules the comparison if the
/// event left it stale.
fn handle(app: &Rc<RefCell<App>>, event: &Event) {
    // Moving focus from Rust fires focus (and change) events at once, while the app is still
    // busy with the event that moved it; the app handles those itself.
    if app.try_borrow_mut().is_err() {
        return;
    }
    handle_event(app, event);
    schedule_comparison(app);
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
    let id = target.id();
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
        Some(Id::ExportJson) => download(
            &exchange::export_json(&a.def, &a.model.workspace),
            "vendor-checklist.json",
            "application/json",
        ),
        Some(Id::ExportCsv) => {
            let labels = exchange::CsvLabels::from_lookup(|key| a.strings.get(key).to_owned());
            let csv = exchange::export_csv(
                &a.def,
                &a.model.workspace,
                &a.lang,
                &labels,
                today(),
            );
            download(&csv, "vendor-checklist.csv", "text/csv;charset=utf-8")
        }
        Some(Id::Share) => {
            let link = match share::encode(&a.def, &a.model.workspace) {
                Ok(link) => link,
                Err(error) => {
                    // A link the page would refuse to open is never offered; the file always works.
                    let length = match error {
                        share::ShareError::TooLong(length) => length,
                        _ => 0,
                    };
                    set_hidden(&by(Id::ShareField), true);
                    let text = a.strings.fill(
                        "share_too_long",
                        &[
                            ("length", &length.to_string()),
                            ("max", &share::MAX_LINK_CHARS.to_string()),
                        ],
                    );
                    a.message(&text, true);
                    return focus(&by(Id::ExportJson));
                }
            };
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
        }
        Some(Id::Print) => {
            report::render_report(&a.cx());
            drop(a);
            let _ = window().print();
        }
        Some(Id::PrintComparison) => {
            report::render_comparison_report(&a.cx());
            a.printing_comparison = true;
            drop(a);
            let _ = window().print();
            app.borrow_mut().printing_comparison = false;
        }
        _ => {}
    }
}

/// Handles edits of form controls: answers, notes, evidence, rule switches, the vendor
/// selector and the file picker.
fn edit(app: &Rc<RefCell<App>>, target: &Element, id: &str, kind: &str) {
    if id == Id::ImportFile.as_str() && kind == "change" {
        return pick_file(app, target);
    }
    if id == Id::VendorSelect.as_str() && kind == "change" {
        let mut a = app.borrow_mut();
        a.dispatch(Msg::SelectVendor(value_of(target)));
        return focus(&by(Id::VendorSelect));
    }
    let role = target.get_attribute("data-role").unwrap_or_default();
    let question = target.get_attribute("data-q").unwrap_or_default();
    let value = value_of(target);
    let mut a = app.borrow_mut();
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
fn parse_value(value: &str) -> Option<AnswerValue> {
    let verbal = |id: &str| match id {
        "yes" => Some(Verbal::Yes),
        "partial" => Some(Verbal::Partial),
        "no" => Some(Verbal::No),
        "unknown" => Some(Verbal::Unknown),
        _ => None,
    };
    match value.split_once(':') {
        Some(("v", id)) => verbal(id).map(AnswerValue::Verbal),
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

/// Reads a picked file and offers its workspace; oversized files are rejected unread.
fn pick_file(app: &Rc<RefCell<App>>, target: &Element) {
    let Some(input) = target.dyn_ref::<HtmlInputElement>() else {
        return;
    };
    let Some(file) = input.files().and_then(|files| files.get(0)) else {
        return;
    };
    // Clearing the picker lets the buyer pick the same file again after fixing it.
    input.set_value("");
    let size = file.size();
    let limit = exchange::max_import_bytes(&app.borrow().def);
    if size > limit as f64 {
        let a = app.borrow();
        let text = a.import_error_text(&ImportError::TooLarge {
            size: size as usize,
            limit,
        });
        a.message(&text, true);
        return focus(&by(Id::Message));
    }
    let app = Rc::clone(app);
    let on_text = Closure::<dyn FnMut(JsValue)>::once(move |text: JsValue| {
        import_text(&app, &text.as_string().unwrap_or_default());
    });
    let _ = file.text().then(&on_text);
    // The promise calls it later; one small closure per picked file is left to the page.
    on_text.forget();
}

/// Validates an imported file with the core and offers it; a rejected file changes nothing.
fn import_text(app: &Rc<RefCell<App>>, text: &str) {
    let mut a = app.borrow_mut();
    match exchange::import_vendors(&a.def, text) {
        Ok(report) => a.offer(report, "import_offer_file"),
        Err(error) => {
            let text = a.import_error_text(&error);
            a.message(&text, true);
            focus(&by(Id::Message))
        }
    }
}

/// Offers the workspace of a `#share=` link, then removes the fragment from the address.
fn open_share_fragment(app: &Rc<RefCell<App>>) {
    let window = window();
    let hash = window.location().hash().unwrap_or_default();
    let Some(link) = hash
        .strip_prefix('#')
        .and_then(|h| h.strip_prefix(share::FRAGMENT_KEY))
    else {
        return;
    };
    let mut a = app.borrow_mut();
    let result = share::decode(&a.def, link);
    // The data is now in the page; keeping it in the address would offer it again on reload.
    let location = window.location();
    let clean = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&clean));
    }
    match result {
        Ok(report) => {
            let notes = a.import_notes(&report);
            a.offer_source = "import_offer_share";
            a.dispatch(Msg::OfferImport(report.workspace));
            a.message(&notes, false);
            focus(&by(Id::ImportReplace))
        }
        Err(error) => {
            let detail = match &error {
                ShareError::Invalid(inner) => a.import_error_text(inner),
                other => other.to_string(),
            };
            let text = a.strings.fill("share_invalid", &[("detail", &detail)]);
            a.message(&text, true)
        }
    }
}

/// Offers text as a file download through a temporary `a[download]`.
fn download(text: &str, name: &str, mime: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let link = dom::el("a", &[("href", &url), ("download", name), ("hidden", "")]);
    let Some(body) = dom::document().body() else {
        return;
    };
    dom::append(&body, &[&link]);
    if let Some(link) = link.dyn_ref::<web_sys::HtmlElement>() {
        link.click();
    }
    link.remove();
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Reads today's date from the browser's clock, in the buyer's time zone; pass it to
/// `ScoringIndex::with_today` (or `score_vendor_at`, `compare_at`) so expired evidence shows.
pub(crate) fn today() -> Option<checklist_core::Date> {
    let now = js_sys::Date::new_0();
    checklist_core::Date::new(
        u16::try_from(now.get_full_year()).ok()?,
        u8::try_from(now.get_month() + 1).ok()?,
        u8::try_from(now.get_date()).ok()?,
    )
    .ok()
}
