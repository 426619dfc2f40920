//! Browser binding of the checklist: mounts the interactive checklist into the page, turns
//! DOM events into `model::Msg`s, and re-renders the parts a message made stale. Scoring,
//! import, export and share links are `checklist-core`'s; state changes are `model`'s;
//! elements are built in `view`; saving is `saving`'s (behind `store::Store`). This file owns
//! the wasm-bindgen surface, the mounted `App` and how a message re-renders the page; events
//! are turned into messages in `events`, and import, export and share effects live in
//! `transfer`.
//!
//! One crate, three bundles: the buyer's workspace (default features), the vendors' response
//! mode (feature `respond`), and the workspace's on-demand module (feature `ondemand`: imports,
//! share links, CSV and the comparison report, loaded on first use through `lazy`).

// The vendors' bundle (`respond`) and the on-demand module (`ondemand`) leave the buyer's
// workspace unused, and the other way round.
#![cfg_attr(
    any(feature = "respond", feature = "ondemand"),
    allow(dead_code, unused_imports)
)]

mod conditions;
mod dom;
mod events;
mod grid;
mod idb;
mod lazy;
pub mod merge;
pub mod model;
#[cfg(feature = "ondemand")]
mod ondemand;
mod questions;
mod report;
#[cfg(feature = "respond")]
mod respond;
mod responses;
mod results;
mod saving;
pub mod store;
pub mod strings;
mod transfer;
mod tune;
mod view;

use std::cell::RefCell;
use std::rc::Rc;

use checklist_core::definition::Definition;
use wasm_bindgen::prelude::*;
use web_sys::Element;

use checklist_core::present::{Id, Present};

use crate::dom::{by, find, set_attr, set_hidden, window};
use crate::model::{Change, Model, Msg};
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
    /// The checklist as scored and shown: the guide's with the buyer's tuning applied.
    def: Definition,
    /// The guide's checklist, which imports, saving and the tuning's defaults use.
    base: Definition,
    /// The tuning `def` was made with.
    applied: checklist_core::tuning::Tuning,
    /// The definition in its compact form, read again for a fresh copy of the guide's
    /// checklist: a `Clone` of the whole definition would cost more wasm than reading does.
    definition: String,
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
    /// The on-demand module: imports, share links, CSV and the comparison report.
    on_demand: lazy::Loader,
}

impl App {
    fn cx(&self) -> Ctx<'_> {
        Ctx {
            def: &self.def,
            lang: &self.lang,
            s: &self.strings,
            model: &self.model,
            guide: &self.guide,
            today: self.grid.today,
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

    /// Returns a fresh copy of the guide's checklist.
    fn guide(&self) -> Definition {
        parse_again(&self.definition)
    }

    /// Returns the presenter for this page.
    fn present(&self) -> Present<'_> {
        Present {
            def: &self.def,
            lang: &self.lang,
            strings: &self.strings,
        }
    }

    fn refresh(&mut self, mut change: Change) {
        // A tuning that changed (from the panel, an import or another tab) changes the questions.
        if tune::retune(self) && change != Change::None {
            change = Change::Vendors;
        }
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
                tune::render(self);
            }
            Change::Answers => grid::refresh_vendor(self),
        }
        saving::save_soon(self);
        let score = self.model.vendor().map(|v| self.score(v));
        let announcement = results::render_results(&self.cx(), score.as_ref());
        conditions::render(self);
        if change == Change::Answers {
            // The comparison of all vendors is the heaviest part; after an answer it follows
            // one frame later (`schedule_comparison`), so the edited vendor's results do not wait.
            self.comparison_stale = true;
        } else {
            self.comparison_stale = false;
            results::render_comparison(self);
        }
        if change == Change::Answers && announcement != self.announced {
            by(Id::Live).set_text_content(Some(&announcement));
        }
        self.announced = announcement;
    }

    /// Scores a vendor on today's date, so expired evidence counts as it should.
    fn score(&self, vendor: &checklist_core::Vendor) -> checklist_core::VendorScore {
        view::score_today(&self.cx(), vendor)
    }

    /// Shows the selected vendor's bar, rule switches and results after focus picked it.
    fn show_selected(&mut self) {
        view::render_vendors(&self.cx());
        view::render_rule_switches(&self.cx());
        let score = self.model.vendor().map(|v| self.score(v));
        self.announced = results::render_results(&self.cx(), score.as_ref());
        conditions::render(self);
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
}

/// Mounts the interactive checklist into `root` (the page's `#checklist-app`) once the saved
/// work is read, hiding the printable form it replaces, and marks the root `data-state="ready"`.
/// `definition` is the checklist in the compact form the generator writes for the page's
/// language (`Definition::to_compact`); `load_on_demand` is the page's function that loads
/// the on-demand module (see `lazy`).
#[cfg(not(feature = "ondemand"))]
#[wasm_bindgen]
pub fn mount(root: Element, definition: String, load_on_demand: JsValue) -> Result<(), JsValue> {
    let (def, guide) = read_definition(&definition)?;
    let lang = page_language(&root)?;
    // The vendors' bundle: the buyer's workspace is never opened there (nor compiled in).
    // It has no on-demand module either.
    #[cfg(feature = "respond")]
    {
        drop((load_on_demand, guide));
        respond::mount(root, def, lang);
    }
    #[cfg(not(feature = "respond"))]
    saving::open(move |opened| {
        let restored = store::restore(&def, opened.record.as_ref());
        let own_journal = opened
            .journal
            .as_deref()
            .is_none_or(|text| checklist_core::saved::read_own(&def, text).is_ok());
        if matches!(restored, Restored::Unreadable(_)) || !own_journal {
            // Saved with another version of the checklist, as JSON by an earlier version of
            // the page, or damaged: only the on-demand module reads it, with every check of
            // an import, before the page starts.
            let load = load_on_demand.clone();
            return lazy::load_then(&load, move |module| {
                let (opened, restored) = upgrade(&def, opened, restored, module.as_ref());
                start(
                    root,
                    def,
                    lang,
                    (&definition, guide),
                    opened,
                    restored,
                    load_on_demand,
                    module,
                )
            });
        }
        start(
            root,
            def,
            lang,
            (&definition, guide),
            opened,
            restored,
            load_on_demand,
            None,
        )
    });
    Ok(())
}

/// Replaces saved work that the workspace bundle does not read (record or journal) by what
/// the on-demand `module` reads in it (in the compact form), and reads the record again; a
/// record read so is written again at once (`Opened::rewrite`). What the module cannot read
/// either (or all of it, without the module) stays as it is: an unreadable record is backed
/// up before anything is saved, as always.
#[cfg(not(feature = "respond"))]
fn upgrade(
    def: &Definition,
    mut opened: saving::Opened,
    restored: Restored,
    module: Option<&lazy::OnDemand>,
) -> (saving::Opened, Restored) {
    let Some(module) = module else {
        return (opened, restored);
    };
    let read = |text: &str| Some(module.upgrade(text).swap_remove(0)).filter(|t| !t.is_empty());
    if let Some(journal) = opened.journal.as_mut() {
        if let Some(text) = read(journal) {
            *journal = text;
        }
    }
    if !matches!(restored, Restored::Unreadable(_)) {
        return (opened, restored);
    }
    if let Some(record) = opened.record.as_mut() {
        if let Some(text) = read(&record.text) {
            record.text = text;
            opened.rewrite = true;
        }
    }
    let restored = store::restore(def, opened.record.as_ref());
    (opened, restored)
}

/// Reads the page's language from `root`'s `data-lang`, which the generator writes from
/// `site.toml`: a page without it is refused, never shown in a guessed language.
pub(crate) fn page_language(root: &Element) -> Result<String, JsValue> {
    root.get_attribute("data-lang")
        .filter(|lang| !lang.is_empty())
        .ok_or_else(|| {
            JsValue::from_str("checklist: the page names no language (`data-lang` on its root)")
        })
}

/// Reads the definition the page fetched (the compact form) and its guide links; an error
/// names the problem for the console, and the page keeps its printable form.
pub(crate) fn read_definition(
    definition: &str,
) -> Result<(Definition, Vec<(String, String)>), JsValue> {
    Definition::from_compact(definition)
        .map_err(|_| JsValue::from_str("checklist: the definition is unreadable"))
}

/// Reads the definition `mount` already read once, so it cannot fail.
fn parse_again(definition: &str) -> Definition {
    use wasm_bindgen::UnwrapThrowExt;
    Definition::from_compact(definition)
        .ok()
        .expect_throw("checklist: the definition is unreadable")
        .0
}

/// Builds the checklist from the definition and what the store held (`restored`: its
/// record, read); `module` is the on-demand module when it was loaded to read it.
#[allow(clippy::too_many_arguments)]
fn start(
    root: Element,
    def: Definition,
    lang: String,
    (definition, guide): (&str, Vec<(String, String)>),
    mut opened: saving::Opened,
    restored: Restored,
    load_on_demand: JsValue,
    module: Option<lazy::OnDemand>,
) {
    let data = |name: &str| root.get_attribute(name).unwrap_or_default();
    let strings = Strings::from_compact(&data("data-strings"));

    let (workspace, unreadable) = match restored {
        Restored::Empty => (Default::default(), None),
        Restored::Loaded(workspace) => (workspace, None),
        Restored::Unreadable(_) => (Default::default(), opened.record.clone()),
    };
    let (saver, workspace) = saving::Saver::new(&mut opened, &def, workspace, unreadable.is_some());
    // No vendor is made up on a first visit: the vendor bar offers adding the first one.
    let model = Model::new(workspace);

    let skeleton = view::skeleton(&strings);
    dom::append(&root, &[&skeleton]);
    let message = dom::by_id("cl-message");
    let _ = message.after_with_node_1(&saving::panel(&strings));
    let _ = message.after_with_node_1(&lazy::retry_button(&strings));
    let _ = by(Id::Results).after_with_node_1(&conditions::panel(&strings));
    let _ = by(Id::RuleSwitches).after_with_node_1(&tune::panel(&strings));
    for id in ["checklist-noscript", "checklist-printable"] {
        if let Some(element) = find(id) {
            set_hidden(&element, true);
        }
    }
    let app = Rc::new(RefCell::new(App {
        base: def,
        def: parse_again(definition),
        applied: Default::default(),
        definition: definition.to_owned(),
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
        on_demand: lazy::Loader::new(load_on_demand, module),
    }));
    lazy::start(&app);
    saving::start(&app, unreadable);
    {
        let mut a = app.borrow_mut();
        tune::retune(&mut a);
        grid::mount(&mut a);
        tune::render(&mut a);
        a.refresh(Change::Vendors);
        a.message("", false);
    }
    for kind in [
        "click", "change", "input", "submit", "keydown", "focusin", "dragover", "drop",
    ] {
        events::listen(&skeleton, kind, &app);
    }
    if let Some(wide) = grid::media() {
        events::listen(&wide, "change", &app);
    }
    events::listen(&window(), "beforeprint", &app);
    transfer::open_share_fragment(&mut app.borrow_mut());
    events::drain(&app);
    set_attr(&root, "data-state", "ready");
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
