//! Contract conditions in the page: the frame of the panel for the vendor being edited (title,
//! hint, a button that opens its fields) and recording a changed condition. The fields (a
//! condition and a due date for each answer that falls short) are the on-demand module's
//! (`ondemand/conditions.rs`, loaded through `lazy` when the buyer opens the panel); the
//! conditions and tuning summary the printed comparison report lists are its too
//! (`append_to_report`). Which answers fall short, how a condition is stored and the report
//! lines are `checklist_core::present::conditions`'s.

use checklist_core::present::conditions::set_condition;
use checklist_core::present::Id;
use checklist_core::Date;
use web_sys::Element;

use crate::dom::{by, by_id, focus, set_hidden, value_of};
use crate::strings::Strings;
use crate::App;

/// Builds the panel's frame; `render` fills it (the title names the vendor).
pub fn panel(s: &Strings) -> Element {
    crate::tune::panel_frame(
        [Id::Conditions, Id::ConditionsOpen, Id::ConditionsBody],
        ["cl-panel", "cl-conditions-title"],
        ["", s.get("conditions_hint"), s.get("conditions_open")],
        &[],
    )
}

/// Fills the panel for the selected vendor (its fields once the buyer opened them), or hides
/// it when there is none.
pub(crate) fn render(a: &mut App) {
    let panel = by(Id::Conditions);
    let Some(vendor) = a.model.vendor() else {
        return set_hidden(&panel, true);
    };
    set_hidden(&panel, false);
    by_id("cl-conditions-title").set_text_content(Some(
        &a.strings
            .fill("conditions_title", &[("vendor", &vendor.name)]),
    ));
    if !a.on_demand.conditions_open {
        return;
    }
    // Only once the fields are open is the vendor copied for the module (after every answer).
    let vendor = vendor.clone();
    set_hidden(&by(Id::ConditionsOpen), true);
    let one = a.export_with(vec![vendor]);
    crate::lazy::run(a, move |_, module| module.conditions_render(&one));
}

/// Opens the panel's fields and moves focus to the first of them once they are there.
pub(crate) fn open(a: &mut App) {
    a.on_demand.conditions_open = true;
    render(a);
    crate::lazy::run(a, |_, _| {
        let body = by(Id::ConditionsBody);
        let first = body.query_selector("input").ok().flatten();
        focus(&first.unwrap_or(body));
    });
}

/// Records a changed condition of the selected vendor and saves; `false` when the event is
/// not the panel's. The panel is not rendered again, so focus and typing stay where they are.
pub(crate) fn handle(a: &mut App, kind: &str, target: &Element) -> bool {
    if kind != "change" || target.get_attribute("data-role").as_deref() != Some("condition") {
        return false;
    }
    let question = target.get_attribute("data-q").unwrap_or_default();
    let text = value_of(&by_id_or(&format!("cl-ct-{question}"), target));
    let due = Date::parse(&value_of(&by_id_or(&format!("cl-cd-{question}"), target))).ok();
    let Some(id) = a.model.selected.clone() else {
        return true;
    };
    if let Some(vendor) = a.model.workspace.vendor_mut(&id) {
        set_condition(vendor, &question, &text, due);
    }
    crate::saving::save(a);
    true
}

/// Finds a control of the same row by id, or the event's own control.
fn by_id_or(id: &str, fallback: &Element) -> Element {
    crate::dom::find(id).unwrap_or_else(|| fallback.clone())
}
/// Appends what the printed comparison report adds: how the checklist was tuned, and each
/// vendor's contract conditions.
/// `cx` holds the tuned checklist; `base` is the guide's and `tuning` the buyer's changes.
/// The comparison report is the on-demand module's, which calls this.
#[cfg(feature = "ondemand")]
pub(crate) fn append_to_report(
    cx: &crate::view::Ctx,
    base: &checklist_core::definition::Definition,
    tuning: &checklist_core::tuning::Tuning,
) {
    use crate::dom::{append, el, text_el};
    let report = by(Id::Report);
    let s = cx.s;
    let tuning = crate::view::present(cx).tuning(base, tuning);
    append(&report, &[&text_el("p", &[], &tuning.summary)]);
    let list = |lines: &[String]| {
        let ul = el("ul", &[]);
        for line in lines {
            append(&ul, &[&text_el("li", &[], line)]);
        }
        ul
    };
    if !tuning.differences.is_empty() {
        append(&report, &[&list(&tuning.differences)]);
    }
    append(
        &report,
        &[&text_el("h3", &[], s.get("conditions_report_title"))],
    );
    for vendor in &cx.model.workspace.vendors {
        let lines = crate::view::present(cx).condition_lines(vendor);
        if lines.is_empty() {
            continue;
        }
        append(&report, &[&text_el("h4", &[], &vendor.name), &list(&lines)]);
    }
}
