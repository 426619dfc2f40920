//! The workspace around the questions: the view switch (all vendors in a grid, or one vendor
//! at a time), the question filters, the question × vendor grid with its sticky vendor
//! header, keyboard use after the ARIA grid pattern (one tab stop, arrow keys, Home/End,
//! Enter or Space edits, Escape stops editing), the in-cell answer editors and the detail
//! panel of the focused cell. The decisions (cell states, which rows show, where a key
//! moves focus) are `checklist_core::grid`'s; this module applies them to the DOM, and after
//! an edit touches only what it made stale: changed cells, the vendor's header, section
//! counts and row visibility. Keys, clicks and the in-cell editors are `grid/edit.rs`'s;
//! building the grid table is `grid/build.rs`'s; what cells and headers say is
//! `grid/cells.rs`'s; the detail panel is `grid/detail.rs`'s;
//! the one-vendor cards are built in `questions.rs`. The view the buyer picks is remembered
//! in `localStorage` (`store::VIEW_KEY`).

use checklist_core::answers::AnswerValue;
use checklist_core::grid::{self as core_grid, CellState, Filters, Position, Row};
use checklist_core::scoring::{ScoringIndex, VendorScore};
use checklist_core::Date;
use web_sys::Element;

use crate::dom::{append, by_id, clear, el, find, focus, set_attr, set_hidden, text_el, window};
use crate::store::VIEW_KEY;
use crate::App;

mod build;
mod cells;
mod detail;
mod edit;
mod review;

use build::build_grid;
use cells::{answer_text, fill_cell, header_text, show_header};
use detail::{render_detail, update_detail};

pub use edit::{click, focus_in, keydown, number_message};
pub use review::review;

/// The media query above which the grid is the default view (1024 px at the default size).
const WIDE: &str = "(min-width: 64rem)";

/// Which view shows the questions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// One vendor at a time, as cards (narrow screens).
    #[default]
    Cards,
    /// All vendors side by side (wide screens).
    Grid,
}

/// The cell being edited, and its value before, which Escape puts back.
#[derive(Clone, Debug)]
pub struct Editing {
    question: usize,
    vendor: usize,
    before: Option<AnswerValue>,
}

/// What the workspace shows that is not the buyer's data.
#[derive(Debug, Default)]
pub struct GridState {
    /// The view that shows the questions.
    pub mode: Mode,
    /// The buyer picked the view, so the window's width no longer decides it.
    pub chosen: bool,
    /// The question filters that are on.
    pub filters: Filters,
    /// Collapsed sections, by index.
    pub collapsed: Vec<bool>,
    /// Today's date from the browser's clock, against which evidence dates are checked.
    pub today: Option<Date>,
    /// The vendor the last edit changed, if it was not the selected one.
    pub touched: Option<String>,
    /// The question the last edit changed.
    pub edited: Option<String>,
    states: Vec<Vec<CellState>>,
    expired: Vec<Vec<bool>>,
    rows: Vec<Row>,
    focus: Position,
    tab_stop: String,
    editing: Option<Editing>,
    detail: Option<(usize, usize)>,
    headers: Vec<String>,
    progress: Vec<String>,
}

/// Returns the media query list that decides the default view.
pub fn media() -> Option<web_sys::MediaQueryList> {
    window().match_media(WIDE).ok().flatten()
}

/// Adds the view switch, the filters and the empty workspace in front of the question cards,
/// and picks the view that fits the window.
pub fn mount(a: &mut App) {
    let s = &a.strings;
    let tools = el(
        "div",
        &[
            ("id", "cl-workspace-tools"),
            ("class", "cl-workspace-tools"),
        ],
    );
    let view = el("fieldset", &[("class", "cl-switch")]);
    append(&view, &[&text_el("legend", &[], s.get("view_title"))]);
    for (id, key) in [("grid", "view_grid"), ("cards", "view_cards")] {
        let label = el("label", &[("class", "cl-option")]);
        let input = el(
            "input",
            &[
                ("type", "radio"),
                ("name", "cl-view"),
                ("id", &format!("cl-view-{id}")),
                ("value", id),
                ("data-role", "view"),
            ],
        );
        append(&label, &[&input, &text_el("span", &[], s.get(key))]);
        append(&view, &[&label]);
    }
    let filters = el(
        "fieldset",
        &[
            ("class", "cl-switch"),
            ("aria-describedby", "cl-filter-count"),
        ],
    );
    append(&filters, &[&text_el("legend", &[], s.get("filters_title"))]);
    for id in [
        "unanswered",
        "critical",
        "must_have",
        "failing",
        "not_reviewed",
        "changed",
    ] {
        let label = el("label", &[("class", "cl-option")]);
        let input = el(
            "input",
            &[
                ("type", "checkbox"),
                ("id", &format!("cl-filter-{id}")),
                ("value", id),
                ("data-role", "filter"),
            ],
        );
        append(
            &label,
            &[
                &input,
                &text_el("span", &[], s.get(&format!("filter_{id}"))),
            ],
        );
        append(&filters, &[&label]);
    }
    let count = el(
        "p",
        &[
            ("id", "cl-filter-count"),
            ("class", "cl-hint"),
            ("role", "status"),
        ],
    );
    append(&filters, &[&count]);
    append(&tools, &[&view, &filters]);

    let workspace = el("div", &[("id", "cl-workspace"), ("class", "cl-workspace")]);
    let wrap = el("div", &[("id", "cl-grid-wrap"), ("class", "cl-grid-wrap")]);
    let detail = el(
        "aside",
        &[
            ("id", "cl-detail"),
            ("class", "cl-detail"),
            ("aria-labelledby", "cl-detail-title"),
        ],
    );
    append(&workspace, &[&wrap, &detail]);
    set_hidden(&workspace, true);
    let questions = by_id("cl-questions");
    let _ = questions.before_with_node_2(&tools, &workspace);

    a.grid.today = crate::today();
    a.grid.collapsed = vec![false; a.def.sections.len()];
    // The view the buyer chose on an earlier visit wins over the window's width.
    match local_storage().and_then(|l| l.get_item(VIEW_KEY).ok().flatten()) {
        Some(chosen) if chosen == "grid" || chosen == "cards" => {
            a.grid.mode = if chosen == "grid" {
                Mode::Grid
            } else {
                Mode::Cards
            };
            a.grid.chosen = true;
        }
        _ if media().is_some_and(|m| m.matches()) => a.grid.mode = Mode::Grid,
        _ => {}
    }
}

/// Returns this origin's `localStorage`, where the chosen view is kept.
fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Scores every vendor on today's date and keeps their cell states.
fn score_all(a: &mut App) {
    let mut index = ScoringIndex::new(&a.def);
    if let Some(today) = a.grid.today {
        index = index.with_today(today);
    }
    let scores: Vec<VendorScore> = a
        .model
        .workspace
        .vendors
        .iter()
        .map(|v| index.score(v))
        .collect();
    a.grid.states = scores
        .iter()
        .map(|s| core_grid::cell_states(&a.def, s))
        .collect();
    a.grid.expired = scores.iter().map(expired_flags).collect();
    a.grid.headers = vec![String::new(); scores.len()];
    for (k, score) in scores.iter().enumerate() {
        a.grid.headers[k] = header_text(&a.cx(), score);
    }
}

/// Marks, per question, whether the vendor's evidence for it has expired.
fn expired_flags(score: &VendorScore) -> Vec<bool> {
    score.questions.iter().map(|q| q.evidence_expired).collect()
}

/// Renders the view switch and the view in use from scratch (after vendors changed).
pub fn render(a: &mut App) {
    if let Some(input) = find(&format!(
        "cl-view-{}",
        if a.grid.mode == Mode::Grid {
            "grid"
        } else {
            "cards"
        }
    )) {
        crate::dom::set_checked(&input, true);
    }
    score_all(a);
    a.grid.editing = None;
    a.grid.detail = None;
    let workspace = by_id("cl-workspace");
    let questions = by_id("cl-questions");
    let wrap = by_id("cl-grid-wrap");
    clear(&wrap);
    if a.grid.mode == Mode::Cards || a.model.workspace.vendors.is_empty() {
        set_hidden(&workspace, true);
        set_hidden(&questions, false);
        crate::questions::render_questions(&a.cx());
    } else {
        clear(&questions);
        set_hidden(&questions, true);
        set_hidden(&workspace, false);
        append(&wrap, &[&build_grid(a)]);
        for k in 0..a.model.workspace.vendors.len() {
            show_header(&a.grid, k);
        }
    }
    a.grid.progress = vec![String::new(); a.def.sections.len()];
    apply(a);
    render_detail(a);
}

/// Applies the filters, row visibility, section counts and expiry flags of the view in use.
fn apply(a: &mut App) {
    let grid_mode = a.grid.mode == Mode::Grid && !a.model.workspace.vendors.is_empty();
    let selected = a
        .model
        .selected
        .as_deref()
        .and_then(|id| a.model.workspace.vendors.iter().position(|v| v.id == id));
    let shown_over: Vec<Vec<CellState>> = if grid_mode {
        a.grid.states.clone()
    } else {
        selected
            .map(|k| vec![a.grid.states[k].clone()])
            .unwrap_or_default()
    };
    let mut shown = core_grid::shown_questions(&a.def, a.grid.filters, &shown_over);
    let f = a.grid.filters;
    if f.not_reviewed || f.changed {
        let vendors = &a.model.workspace.vendors;
        let over: Vec<&checklist_core::Vendor> = match selected {
            Some(k) if !grid_mode => vec![&vendors[k]],
            _ => vendors.iter().collect(),
        };
        let review =
            checklist_core::response::review_filter(&a.def, f.not_reviewed, f.changed, &over);
        for (shown, passes) in shown.iter_mut().zip(review) {
            *shown &= passes;
        }
    }
    let count = shown.iter().filter(|s| **s).count();
    let count_text = if a.grid.filters.is_empty() {
        String::new()
    } else {
        a.strings.fill(
            "filter_count",
            &[
                ("shown", &count.to_string()),
                ("total", &a.def.questions.len().to_string()),
            ],
        )
    };
    let count_el = by_id("cl-filter-count");
    if count_el.text_content().unwrap_or_default() != count_text {
        count_el.set_text_content(Some(&count_text));
    }
    if !grid_mode {
        for (i, q) in a.def.questions.iter().enumerate() {
            if let Some(card) = find(&format!("cl-q-{}", q.id)) {
                set_hidden(&card, !shown[i]);
            }
            if let Some(k) = selected {
                crate::questions::render_expiry(&a.cx(), q, a.grid.expired[k][i]);
            }
        }
        return;
    }
    a.grid.rows = core_grid::rows(&a.def, &shown, &a.grid.collapsed);
    for (s, section) in a.def.sections.iter().enumerate() {
        let any = a
            .def
            .questions
            .iter()
            .enumerate()
            .any(|(i, q)| q.section == section.id && shown[i]);
        set_hidden(&by_id(&format!("cl-gsr-{s}")), !any);
        let open = !a.grid.collapsed[s];
        set_attr(
            &by_id(&format!("cl-gs-{s}")),
            "aria-expanded",
            if open { "true" } else { "false" },
        );
        let progress = core_grid::section_progress(&a.def, &section.id, &a.grid.states);
        let text = a.strings.fill(
            "section_progress",
            &[
                ("answered", &progress.answered.to_string()),
                ("total", &progress.applicable.to_string()),
            ],
        );
        if a.grid.progress[s] != text {
            by_id(&format!("cl-gp-{s}")).set_text_content(Some(&text));
            a.grid.progress[s] = text;
        }
    }
    for (i, q) in a.def.questions.iter().enumerate() {
        let s = a
            .def
            .sections
            .iter()
            .position(|x| x.id == q.section)
            .unwrap_or(0);
        set_hidden(
            &by_id(&format!("cl-gr-{i}")),
            !shown[i] || a.grid.collapsed[s],
        );
    }
    keep_tab_stop(a);
}

/// Returns the id of the element that takes focus for a position.
fn focus_id(a: &App, pos: Position) -> Option<String> {
    match a.grid.rows.get(pos.row)? {
        Row::Section(s) => Some(format!("cl-gs-{s}")),
        Row::Question(q) => Some(format!(
            "cl-gc-{q}-{}",
            pos.cell(a.model.workspace.vendors.len() + 1)
        )),
    }
}

/// Keeps exactly one cell in the tab order, on a visible row; moves focus if its row hid.
fn keep_tab_stop(a: &mut App) {
    if a.grid.rows.is_empty() {
        return;
    }
    a.grid.focus.row = a.grid.focus.row.min(a.grid.rows.len() - 1);
    let Some(id) = focus_id(a, a.grid.focus) else {
        return;
    };
    if id == a.grid.tab_stop {
        return;
    }
    let had_focus = find(&a.grid.tab_stop).is_some_and(|old| {
        set_attr(&old, "tabindex", "-1");
        dom_active().is_some_and(|active| active == old)
    });
    let new = by_id(&id);
    set_attr(&new, "tabindex", "0");
    a.grid.tab_stop = id;
    if had_focus {
        focus(&new);
    }
}

/// Returns the element that has focus.
fn dom_active() -> Option<Element> {
    crate::dom::document().active_element()
}

/// Updates the workspace after an answer of one vendor changed: its cells whose state or
/// answer changed, its header, section counts, rows and the detail panel.
pub fn refresh_vendor(a: &mut App) {
    let question = a.grid.edited.take();
    let vendor_id = a.grid.touched.take().or_else(|| a.model.selected.clone());
    let Some(k) = vendor_id
        .as_deref()
        .and_then(|id| a.model.workspace.vendors.iter().position(|v| v.id == id))
    else {
        return;
    };
    if a.grid.states.len() != a.model.workspace.vendors.len() {
        return render(a);
    }
    let mut index = ScoringIndex::new(&a.def);
    if let Some(today) = a.grid.today {
        index = index.with_today(today);
    }
    let score = index.score(&a.model.workspace.vendors[k]);
    let states = core_grid::cell_states(&a.def, &score);
    let expired = expired_flags(&score);
    let edited = question.and_then(|id| a.def.questions.iter().position(|q| q.id == id));
    let old_states = std::mem::replace(&mut a.grid.states[k], states);
    let old_expired = std::mem::replace(&mut a.grid.expired[k], expired);
    let header = header_text(&a.cx(), &score);
    let grid_mode = a.grid.mode == Mode::Grid && find("cl-grid").is_some();
    if grid_mode {
        let editing = a.grid.editing.as_ref().map(|e| (e.question, e.vendor));
        for qi in 0..a.def.questions.len() {
            let changed = old_states[qi] != a.grid.states[k][qi]
                || old_expired[qi] != a.grid.expired[k][qi]
                || edited == Some(qi);
            if !changed {
                continue;
            }
            let cell = by_id(&format!("cl-gc-{qi}-{}", k + 1));
            if editing == Some((qi, k)) {
                // Keep the editor; only the state colours follow.
                let class = &["na", "open", "pass", "fail"][a.grid.states[k][qi] as usize];
                set_attr(&cell, "data-state", class);
                continue;
            }
            fill_cell(&a.cx(), &cell, &a.grid, qi, k);
        }
        if a.grid.headers[k] != header {
            a.grid.headers[k] = header;
            show_header(&a.grid, k);
        }
        if a.grid.detail.is_some_and(|(_, v)| v == k + 1) {
            update_detail(a);
        }
    } else {
        a.grid.headers[k] = header;
    }
    apply(a);
}

/// Switches the view, remembering that the buyer chose it.
pub fn set_mode(a: &mut App, grid: bool, chosen: bool) {
    if chosen {
        a.grid.chosen = true;
    } else if a.grid.chosen {
        return;
    }
    let mode = if grid { Mode::Grid } else { Mode::Cards };
    if chosen {
        // Remembered for the next visit; a browser that refuses storage just forgets it.
        if let Some(local) = local_storage() {
            let _ = local.set_item(VIEW_KEY, if grid { "grid" } else { "cards" });
        }
    }
    if a.grid.mode != mode {
        a.grid.mode = mode;
        render(a);
    }
}

/// Switches one filter on or off and shows the questions that pass.
pub fn set_filter(a: &mut App, filter: &str, on: bool) {
    let f = &mut a.grid.filters;
    match filter {
        "unanswered" => f.unanswered = on,
        "critical" => f.critical = on,
        "must_have" => f.must_have = on,
        "failing" => f.failing = on,
        "not_reviewed" => f.not_reviewed = on,
        "changed" => f.changed = on,
        _ => return,
    }
    apply(a);
}
