//! Contract conditions in the page: the selected vendor's panel with a condition and due date
//! for each answer that falls short, and the conditions and tuning summary the printed
//! comparison report lists per vendor. Which answers fall short, how a condition is stored and
//! the report lines are `checklist_core::present::conditions`'s.

use checklist_core::present::conditions::set_condition;
use checklist_core::present::Id;
use checklist_core::{Date, VendorScore};
use web_sys::Element;

use crate::dom::{append, by, clear, el, set_hidden, text_el, value_of};
use crate::view::{present, Ctx};
use crate::App;

/// Builds the empty conditions panel; `render` fills it.
pub fn panel() -> Element {
    el(
        "section",
        &[
            ("id", Id::Conditions.as_str()),
            ("class", "cl-panel"),
            ("aria-labelledby", "cl-conditions-title"),
        ],
    )
}

/// Fills the panel for the selected vendor, or hides it when there is none.
pub(crate) fn render(cx: &Ctx, score: Option<&VendorScore>) {
    let panel = by(Id::Conditions);
    clear(&panel);
    let (Some(vendor), Some(score)) = (cx.model.vendor(), score) else {
        return set_hidden(&panel, true);
    };
    set_hidden(&panel, false);
    let s = cx.s;
    append(
        &panel,
        &[
            &text_el(
                "h2",
                &[("id", "cl-conditions-title")],
                &s.fill("conditions_title", &[("vendor", &vendor.name)]),
            ),
            &text_el("p", &[("class", "cl-hint")], s.get("conditions_hint")),
        ],
    );
    let rows = present(cx).condition_rows(vendor, score);
    if rows.is_empty() {
        append(&panel, &[&text_el("p", &[], s.get("conditions_none"))]);
    }
    for row in &rows {
        let q = &row.question;
        let text_id = format!("cl-ct-{q}");
        let due_id = format!("cl-cd-{q}");
        let line = el("p", &[("class", "cl-condition")]);
        let label = s.fill(
            "condition_text",
            &[("question", &row.text), ("answer", &row.answer)],
        );
        append(
            &line,
            &[
                &text_el("label", &[("for", &text_id)], &label),
                &el(
                    "input",
                    &[
                        ("type", "text"),
                        ("id", &text_id),
                        ("data-role", "condition"),
                        ("data-q", q),
                        ("maxlength", "1000"),
                        ("value", &row.condition),
                    ],
                ),
                &text_el("label", &[("for", &due_id)], s.get("condition_due")),
                &el(
                    "input",
                    &[
                        ("type", "date"),
                        ("id", &due_id),
                        ("data-role", "condition"),
                        ("data-q", q),
                        ("value", &row.due),
                    ],
                ),
            ],
        );
        append(&panel, &[&line]);
    }
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
    cx: &Ctx,
    base: &checklist_core::definition::Definition,
    tuning: &checklist_core::tuning::Tuning,
) {
    let report = by(Id::Report);
    let s = cx.s;
    let tuning = present(cx).tuning(base, tuning);
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
        let lines = present(cx).condition_lines(vendor);
        if lines.is_empty() {
            continue;
        }
        append(&report, &[&text_el("h4", &[], &vendor.name), &list(&lines)]);
    }
}
