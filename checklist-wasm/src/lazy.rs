//! Loads the on-demand module (`ondemand`, a bundle of its own) the first time the buyer uses
//! a feature that lives there, and runs what waited for it. While it loads, the page's polite
//! live region says so, and the app carries `data-on-demand="loading"` (a progress cursor in
//! CSS; tests wait for it); the message line is left alone, so it still shows what the last
//! action said until the waiting work says something new. When loading fails
//! (offline, a server error), the page says so in plain words, keeps everything as it was,
//! and offers "Try again", which loads again and then runs what waited. The module is loaded
//! once per page; the page's loader (`checklist-loader.js`) fetches it by a same-origin
//! `import()` of its glue, never by evaluating code.
//!
//! The module never changes the buyer's data itself: this side sends it the workspace in the
//! compact form the page saves in (`checklist_core::saved`) and applies what comes back
//! through the model, so saving, merging with other
//! tabs and the vendor cap work as for any edit.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use checklist_core::present::Id;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::dom::{by, el, focus, set_attr, set_hidden, text_el};
use crate::strings::Strings;
use crate::App;

#[wasm_bindgen]
extern "C" {
    /// The on-demand module's exports (see `ondemand` for what each does).
    #[derive(Clone)]
    pub type OnDemand;

    /// Reads files for import: see `ondemand::import_files`.
    #[wasm_bindgen(method)]
    pub fn import_files(
        this: &OnDemand,
        workspace: &str,
        names: Vec<String>,
        texts: Vec<JsValue>,
    ) -> Vec<String>;

    /// Makes a share link: see `ondemand::share_link`.
    #[wasm_bindgen(method)]
    pub fn share_link(this: &OnDemand, workspace: &str) -> Vec<String>;

    /// Reads a share link: see `ondemand::open_share`.
    #[wasm_bindgen(method)]
    pub fn open_share(this: &OnDemand, link: &str) -> Vec<String>;

    /// Downloads the JSON export: see `ondemand::export_file`.
    #[wasm_bindgen(method)]
    pub fn export_file(this: &OnDemand, workspace: &str);

    /// Does a backup action of the storage panel and calls `done` back: see `ondemand::backup`.
    #[wasm_bindgen(method)]
    pub fn backup(this: &OnDemand, action: u8, done: &js_sys::Function);

    /// Downloads the CSV export: see `ondemand::csv`.
    #[wasm_bindgen(method)]
    pub fn csv(this: &OnDemand, workspace: &str);

    /// Fills the comparison of all vendors: see `ondemand::comparison_render`.
    #[wasm_bindgen(method)]
    pub fn comparison_render(this: &OnDemand, workspace: &str);

    /// Renders the comparison report: see `ondemand::comparison_report`.
    #[wasm_bindgen(method)]
    pub fn comparison_report(this: &OnDemand, workspace: &str);

    /// Fills the tuning panel: see `ondemand::tune_render`.
    #[wasm_bindgen(method)]
    pub fn tune_render(this: &OnDemand, workspace: &str, open: bool);

    /// Works out a tuning panel event: see `ondemand::tune_event`.
    #[wasm_bindgen(method)]
    pub fn tune_event(this: &OnDemand, workspace: &str, event: &web_sys::Event) -> Vec<String>;

    /// The own questions' part of the vendors' link: see `ondemand::respond_questions`.
    #[wasm_bindgen(method)]
    pub fn respond_questions(this: &OnDemand, workspace: &str) -> String;

    /// Reads saved work with every check of an import: see `ondemand::upgrade`.
    #[wasm_bindgen(method)]
    pub fn upgrade(this: &OnDemand, saved: &str) -> Vec<String>;

    /// Fills the review block of the grid's detail panel: see `ondemand::review_render`.
    #[wasm_bindgen(method)]
    pub fn review_render(this: &OnDemand, workspace: &str, question: &str);

    /// Downloads the questionnaire file: see `ondemand::questionnaire_file`.
    #[wasm_bindgen(method)]
    pub fn questionnaire_file(this: &OnDemand, workspace: &str) -> String;

    /// Fills the contract-condition panel: see `ondemand::conditions_render`.
    #[wasm_bindgen(method)]
    pub fn conditions_render(this: &OnDemand, workspace: &str);
}

/// Work that needs the on-demand module.
type Action = Box<dyn FnOnce(&mut App, &OnDemand)>;

/// The on-demand module's state in the page.
pub(crate) struct Loader {
    /// The page's loader: a function that returns a promise of the module, opened.
    load: JsValue,
    /// The module, once loaded.
    module: Option<OnDemand>,
    /// A load is under way.
    loading: bool,
    /// The last load failed, and the message line says so.
    failed: bool,
    /// Work waiting for the module, in the order it was asked for.
    waiting: Vec<Action>,
    /// The buyer asked for a feature of the module (not only the page, for the comparison):
    /// a failed load then moves focus to "Try again".
    asked: bool,
    /// The comparison of all vendors waits for the module (once in `waiting`).
    comparison_waiting: bool,
    /// The app, for the load's outcome, which arrives later.
    me: Weak<RefCell<App>>,
    /// The buyer opened the tuning panel's controls.
    pub(crate) tune_open: bool,
    /// The buyer opened the contract-condition panel's fields.
    pub(crate) conditions_open: bool,
}

impl Loader {
    /// Keeps the page's loader function (`mount`'s third argument) and the module, when it
    /// was loaded before the app started (see [`load_then`]).
    pub(crate) fn new(load: JsValue, module: Option<OnDemand>) -> Loader {
        Loader {
            load,
            module,
            loading: false,
            failed: false,
            waiting: Vec::new(),
            asked: false,
            comparison_waiting: false,
            me: Weak::new(),
            tune_open: false,
            conditions_open: false,
        }
    }
}

/// Lets the loader reach the app when a load ends.
pub(crate) fn start(app: &Rc<RefCell<App>>) {
    app.borrow_mut().on_demand.me = Rc::downgrade(app);
}

/// Builds the "Try again" button shown after a failed load, placed below the message line.
pub(crate) fn retry_button(s: &Strings) -> Element {
    let line = el(
        "p",
        &[("class", "cl-actions"), ("id", Id::OnDemandLine.as_str())],
    );
    set_hidden(&line, true);
    crate::dom::append(
        &line,
        &[&text_el(
            "button",
            &[
                ("type", "button"),
                ("id", Id::OnDemandRetry.as_str()),
                ("class", "cl-button"),
            ],
            s.get("on_demand_retry"),
        )],
    );
    line
}

/// Runs `action` with the on-demand module: at once when it is loaded, else once it is.
pub(crate) fn run(a: &mut App, action: impl FnOnce(&mut App, &OnDemand) + 'static) {
    if let Some(module) = a.on_demand.module.clone() {
        return action(a, &module);
    }
    a.on_demand.asked = true;
    a.on_demand.waiting.push(Box::new(action));
    load(a);
}

/// Returns the on-demand module when it is loaded.
pub(crate) fn loaded(a: &App) -> Option<OnDemand> {
    a.on_demand.module.clone()
}

/// Runs the comparison's `render` with the module once it is loaded, starting the load
/// after the next paint (the workspace shows first); asked again while it waits, it waits
/// once. The page asked for it, not the buyer: a failed load says so and offers "Try
/// again", but leaves focus where it is.
pub(crate) fn run_after_paint(a: &mut App, render: impl FnOnce(&mut App, &OnDemand) + 'static) {
    if std::mem::replace(&mut a.on_demand.comparison_waiting, true) {
        return;
    }
    a.on_demand.waiting.push(Box::new(move |a, module| {
        a.on_demand.comparison_waiting = false;
        render(a, module)
    }));
    if a.on_demand.failed {
        return;
    }
    let me = a.on_demand.me.clone();
    crate::dom::after_paint(move || {
        if let Some(app) = me.upgrade() {
            load(&mut app.borrow_mut());
        }
    });
}

/// Loads the module again after a failed load, then runs what waited.
pub(crate) fn retry(a: &mut App) {
    set_hidden(&by(Id::OnDemandLine), true);
    load(a);
}

/// Starts loading the module unless a load is under way.
fn load(a: &mut App) {
    if a.on_demand.loading {
        return;
    }
    a.on_demand.loading = true;
    set_attr(&by(Id::App), "data-on-demand", "loading");
    by(Id::Live).set_text_content(Some(a.strings.get("on_demand_loading")));
    if let Some(status) = crate::dom::find(Id::ComparisonStatus.as_str()) {
        status.set_text_content(Some(a.strings.get("comparison_loading")));
    }
    let promise = call_loader(&a.on_demand.load);
    let me = a.on_demand.me.clone();
    let loaded = Closure::<dyn FnMut(JsValue)>::once(move |module: JsValue| {
        let Some(app) = me.upgrade() else {
            return;
        };
        {
            let mut a = app.borrow_mut();
            let module: OnDemand = module.unchecked_into();
            a.on_demand.module = Some(module.clone());
            a.on_demand.loading = false;
            a.on_demand.asked = false;
            set_attr(&by(Id::App), "data-on-demand", "ready");
            by(Id::Live).set_text_content(None);
            if std::mem::take(&mut a.on_demand.failed) {
                a.message("", false);
            }
            for action in std::mem::take(&mut a.on_demand.waiting) {
                action(&mut a, &module);
            }
        }
        crate::events::drain(&app);
    });
    let me = a.on_demand.me.clone();
    let failed = Closure::<dyn FnMut(JsValue)>::once(move |_error: JsValue| {
        let Some(app) = me.upgrade() else {
            return;
        };
        let mut a = app.borrow_mut();
        // Nothing was changed: the waiting work runs only after a load that succeeded.
        a.on_demand.loading = false;
        a.on_demand.failed = true;
        set_attr(&by(Id::App), "data-on-demand", "failed");
        by(Id::Live).set_text_content(None);
        let failed = a.strings.get("on_demand_failed");
        a.message(failed, true);
        if let Some(status) = crate::dom::find(Id::ComparisonStatus.as_str()) {
            status.set_text_content(Some(a.strings.get("comparison_failed")));
        }
        set_hidden(&by(Id::OnDemandLine), false);
        if std::mem::take(&mut a.on_demand.asked) {
            focus(&by(Id::OnDemandRetry));
        }
    });
    let _ = promise.then2(&loaded, &failed);
    // The promise calls one of them later; two small closures per load are left to the page.
    loaded.forget();
    failed.forget();
}

/// Calls the page's loader: a promise of the module, rejected when there is no loader.
fn call_loader(load: &JsValue) -> js_sys::Promise {
    load.dyn_ref::<js_sys::Function>()
        .and_then(|load| load.call0(&JsValue::NULL).ok())
        .and_then(|started| started.dyn_into::<js_sys::Promise>().ok())
        .unwrap_or_else(|| js_sys::Promise::reject(&JsValue::NULL))
}

/// Loads the module before the app exists (saved work that only the module reads, see
/// `ondemand::upgrade`), then calls `done` with it, or with `None` when it cannot be loaded.
pub(crate) fn load_then(load: &JsValue, done: impl FnOnce(Option<OnDemand>) + 'static) {
    let done = Rc::new(RefCell::new(Some(done)));
    let other = Rc::clone(&done);
    let loaded = Closure::<dyn FnMut(JsValue)>::once(move |module: JsValue| {
        if let Some(done) = done.borrow_mut().take() {
            done(Some(module.unchecked_into()));
        }
    });
    let failed = Closure::<dyn FnMut(JsValue)>::once(move |_error: JsValue| {
        if let Some(done) = other.borrow_mut().take() {
            done(None);
        }
    });
    let _ = call_loader(load).then2(&loaded, &failed);
    // The promise calls one of them later; as in `load`, they are left to the page.
    loaded.forget();
    failed.forget();
}

/// Runs `f` with the app in a task of its own, once the code that holds the app now has
/// let go of it.
pub(crate) fn later(a: &App, f: impl FnOnce(&Rc<RefCell<App>>) + 'static) {
    let me = a.on_demand.me.clone();
    let task = Closure::once_into_js(move || {
        if let Some(app) = me.upgrade() {
            f(&app)
        }
    });
    let _ = crate::dom::window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(task.unchecked_ref(), 0);
}
