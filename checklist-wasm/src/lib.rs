//! Browser binding of the checklist: mounts the interactive checklist into the page, turns
//! DOM events into `model::Msg`s, and re-renders the parts a message made stale. Scoring,
//! import, export and share links are `checklist-core`'s; state changes are `model`'s;
//! elements are built in `view`; storage is behind `store::Store`. This file owns only the
//! wiring: the wasm-bindgen surface, event listeners, downloads and the file picker.

mod dom;
mod grid;
pub mod model;
mod questions;
pub mod store;
pub mod strings;
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

use crate::dom::{
    by_id, find, focus, is_checked, set_attr, set_hidden, set_value, value_of, window,
};
use crate::model::{Change, Edit, Model, Msg};
use crate::store::{LocalStore, Restored};
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
    store: LocalStore,
    guide: Vec<(String, String)>,
    /// The last score announcement, so unchanged scores are not announced again.
    announced: String,
    /// Which prompt text the offered workspace uses (file or share link).
    offer_source: &'static str,
    /// The view, filters and focused cell of the workspace (see `grid`).
    grid: grid::GridState,
    /// The comparison shows scores from before the last answer (see `after_frame`).
    comparison_stale: bool,
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
        self.refresh(change);
        change
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
        if !store::save(&self.store, &self.def, &self.model.workspace) {
            self.message(self.strings.get("storage_failed"), true);
        }
        let score = self.model.vendor().map(|v| self.score(v));
        let announcement = view::render_results(&self.cx(), score.as_ref());
        if change == Change::Answers {
            // Rebuilding the ranking of every vendor takes longer than a frame at 50 vendors,
            // so after an answer it follows right after the frame that shows the edit.
            self.comparison_stale = true;
        } else {
            view::render_comparison(&self.cx());
            self.comparison_stale = false;
        }
        if change == Change::Answers && announcement != self.announced {
            by_id("cl-live").set_text_content(Some(&announcement));
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
        self.announced = view::render_results(&self.cx(), score.as_ref());
    }

    /// Shows a message to the buyer; errors are announced assertively.
    fn message(&self, text: &str, error: bool) {
        let message = by_id("cl-message");
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
        let s = &self.strings;
        match error {
            ImportError::TooLarge { size, limit } => s.fill(
                "import_too_large",
                &[("size", &size.to_string()), ("max", &limit.to_string())],
            ),
            ImportError::Malformed(_) | ImportError::WrongFormat(_) => {
                s.get("import_malformed").to_owned()
            }
            ImportError::NewerVersion(v) => s.fill("import_newer", &[("version", &v.to_string())]),
            ImportError::OtherChecklist { found } => {
                s.fill("import_other_checklist", &[("found", found)])
            }
            other => s.fill("import_invalid", &[("detail", &other.to_string())]),
        }
    }

    /// Reports orphaned answers and dropped rule switches of an import, if any.
    fn import_notes(&self, report: &ImportReport) -> String {
        let mut notes = Vec::new();
        if !report.orphaned_answers.is_empty() {
            let list: Vec<String> = report
                .orphaned_answers
                .iter()
                .map(|o| format!("{}: {}", o.vendor, o.question))
                .collect();
            notes.push(self.strings.fill_count(
                "import_orphaned",
                list.len() as f64,
                &[
                    ("count", &list.len().to_string()),
                    ("list", &list.join(", ")),
                ],
            ));
        }
        if !report.dropped_rule_switches.is_empty() {
            notes.push(self.strings.fill_count(
                "import_dropped_rules",
                report.dropped_rule_switches.len() as f64,
                &[("count", &report.dropped_rule_switches.len().to_string())],
            ));
        }
        notes.join(" ")
    }

    /// Takes an imported workspace: directly into an empty page, else via the prompt.
    fn offer(&mut self, report: ImportReport, source: &'static str) {
        let notes = self.import_notes(&report);
        self.offer_source = source;
        if self.model.workspace.vendors.is_empty() {
            self.model
                .update(&self.def, Msg::OfferImport(report.workspace));
            self.dispatch(Msg::AcceptImport { merge: false });
            let done = self.strings.get("import_done");
            self.message(format!("{done} {notes}").trim_end(), false);
            return focus(&by_id("cl-message"));
        }
        self.dispatch(Msg::OfferImport(report.workspace));
        self.message(&notes, false);
        focus(&by_id("cl-import-replace"))
    }
}

/// Mounts the interactive checklist into `root` (the page's `#checklist-app`), hiding the
/// printable form it replaces, and marks the root `data-state="ready"`.
#[wasm_bindgen]
pub fn mount(root: Element, definition_json: String) -> Result<(), JsValue> {
    let def = Definition::from_json(&definition_json)
        .map_err(|e| JsValue::from_str(&format!("checklist: the definition is unreadable: {e}")))?;
    let data = |name: &str| root.get_attribute(name).unwrap_or_default();
    let lang = Some(data("data-lang"))
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| "en".to_owned());
    let strings = Strings::from_json(&data("data-strings"));
    let guide = guide_links(&def);

    let store = LocalStore::open();
    let (workspace, notice) = match store::restore(&store, &def) {
        Restored::Empty => (Default::default(), None),
        Restored::Loaded(report) => (report.workspace, None),
        Restored::Unreadable(_) => (
            Default::default(),
            Some(strings.get("storage_unreadable").to_owned()),
        ),
    };
    let first_visit = workspace.vendors.is_empty()
        && notice.is_none()
        && store::Store::get(&store, store::KEY).is_none();
    let mut model = Model::new(workspace, strings.get("default_vendor"));
    if first_visit {
        // A first visit starts with one vendor, so the questions are there to answer.
        model.update(&def, Msg::AddVendor(String::new()));
    }

    let skeleton = view::skeleton(&strings);
    dom::append(&root, &[&skeleton]);
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
        store,
        guide,
        announced: String::new(),
        offer_source: "import_offer_file",
        grid: grid::GridState::default(),
        comparison_stale: false,
    }));
    {
        let mut a = app.borrow_mut();
        grid::mount(&mut a);
        a.refresh(Change::Vendors);
        a.message(notice.as_deref().unwrap_or(""), notice.is_some());
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
    Ok(())
}

/// Reads each question's guide link from the printable form the generator rendered.
fn guide_links(def: &Definition) -> Vec<(String, String)> {
    def.questions
        .iter()
        .filter_map(|q| {
            let fieldset = find(&format!("q-{}", q.id))?;
            let link = fieldset.query_selector(".question-meta a").ok().flatten()?;
            Some((q.id.clone(), link.get_attribute("href")?))
        })
        .collect()
}

/// Adds a listener that lives as long as the page.
fn listen(target: &web_sys::EventTarget, kind: &str, app: &Rc<RefCell<App>>) {
    let app = Rc::clone(app);
    let closure = Closure::<dyn FnMut(Event)>::new(move |event: Event| handle(&app, &event));
    let _ = target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
    // The app lives until the page unloads, so its listeners may too.
    closure.forget();
}

/// Turns one DOM event into messages and effects, then brings the comparison up to date
/// after the next frame if the event left it stale.
fn handle(app: &Rc<RefCell<App>>, event: &Event) {
    handle_event(app, event);
    if app.try_borrow().is_ok_and(|a| a.comparison_stale) {
        after_frame(app);
    }
}

/// Renders the comparison once the browser has painted the next frame (a timeout started in
/// an animation frame runs after that frame); several edits in one frame render it once.
fn after_frame(app: &Rc<RefCell<App>>) {
    let app = Rc::clone(app);
    let render = Closure::once_into_js(move || {
        let app = Rc::clone(&app);
        let later = Closure::once_into_js(move || {
            if let Ok(mut a) = app.try_borrow_mut() {
                if a.comparison_stale {
                    a.comparison_stale = false;
                    view::render_comparison(&a.cx());
                }
            }
        });
        let _ = window().set_timeout_with_callback(later.unchecked_ref());
    });
    let _ = window().request_animation_frame(render.unchecked_ref());
}

/// Turns one DOM event into messages and effects.
fn handle_event(app: &Rc<RefCell<App>>, event: &Event) {
    // Moving focus from Rust fires focus (and change) events at once, while the app is still
    // busy with the event that moved it; the app handles those itself.
    if app.try_borrow_mut().is_err() {
        return;
    }
    let kind = event.type_();
    if kind == "beforeprint" {
        return view::render_report(&app.borrow().cx());
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
        "keydown" => {
            if let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() {
                grid::keydown(&mut app.borrow_mut(), key, &target);
            }
        }
        "focusin" => grid::focus_in(&mut app.borrow_mut(), &target),
        "click" if grid::click(&mut app.borrow_mut(), &target) => {}
        "submit" => {
            // Forms only group a field with its button; nothing is ever sent.
            event.prevent_default();
            let mut a = app.borrow_mut();
            match id.as_str() {
                "cl-add-form" => {
                    let input = by_id("cl-new-vendor");
                    let full = a.model.workspace.vendors.len() >= exchange::MAX_VENDORS;
                    a.dispatch(Msg::AddVendor(value_of(&input)));
                    if full {
                        let text = a.strings.fill(
                            "too_many_vendors",
                            &[("max", &exchange::MAX_VENDORS.to_string())],
                        );
                        a.message(&text, true);
                    } else {
                        a.message(a.strings.get("vendor_added"), false);
                    }
                    focus(&by_id("cl-vendor-select"))
                }
                "cl-rename-form" => {
                    a.dispatch(Msg::RenameVendor(value_of(&by_id("cl-vendor-name"))));
                    focus(&by_id("cl-vendor-name"))
                }
                _ => {}
            }
        }
        "click" => click(app, &id),
        "change" | "input" => edit(app, &target, &id, &kind),
        _ => {}
    }
}

/// Handles a click on one of the app's buttons.
fn click(app: &Rc<RefCell<App>>, id: &str) {
    let mut a = app.borrow_mut();
    match id {
        "cl-remove-vendor" => {
            a.dispatch(Msg::AskRemove);
            focus(&by_id("cl-confirm-remove-no"))
        }
        "cl-confirm-remove-no" => {
            a.dispatch(Msg::CancelRemove);
            focus(&by_id("cl-remove-vendor"))
        }
        "cl-confirm-remove-yes" => {
            a.dispatch(Msg::ConfirmRemove);
            a.message(a.strings.get("vendor_removed"), false);
            let next = find("cl-vendor-select").unwrap_or_else(|| by_id("cl-new-vendor"));
            focus(&next)
        }
        "cl-import-replace" | "cl-import-merge" => {
            a.dispatch(Msg::AcceptImport {
                merge: id == "cl-import-merge",
            });
            a.message(a.strings.get("import_done"), false);
            focus(&by_id("cl-message"))
        }
        "cl-import-dismiss" => {
            a.dispatch(Msg::DismissImport);
            a.message("", false);
            focus(
                &by_id("cl-app")
                    .query_selector("h2")
                    .ok()
                    .flatten()
                    .unwrap_or_else(|| by_id("cl-message")),
            )
        }
        "cl-export-json" => download(
            &exchange::export_json(&a.def, &a.model.workspace),
            "vendor-checklist.json",
            "application/json",
        ),
        "cl-export-csv" => {
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
        "cl-share" => {
            let Ok(link) = share::encode(&a.def, &a.model.workspace) else {
                // Too long for the page to open again: the file export carries any size.
                a.message(a.strings.get("share_too_long"), true);
                return;
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
            let input = by_id("cl-share-url");
            set_value(&input, &url);
            set_hidden(&by_id("cl-share-field"), false);
            focus(&input);
            if let Some(input) = input.dyn_ref::<HtmlInputElement>() {
                input.select();
            }
        }
        "cl-print" => {
            view::render_report(&a.cx());
            drop(a);
            let _ = window().print();
        }
        _ => {}
    }
}

/// Handles edits of form controls: answers, notes, evidence, rule switches, the vendor
/// selector and the file picker.
fn edit(app: &Rc<RefCell<App>>, target: &Element, id: &str, kind: &str) {
    if id == "cl-import-file" && kind == "change" {
        return pick_file(app, target);
    }
    if id == "cl-vendor-select" && kind == "change" {
        let mut a = app.borrow_mut();
        a.dispatch(Msg::SelectVendor(value_of(target)));
        return focus(&by_id("cl-vendor-select"));
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
        return focus(&by_id("cl-message"));
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
            focus(&by_id("cl-message"))
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
            focus(&by_id("cl-import-replace"))
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
