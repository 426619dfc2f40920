//! Builds the question × vendor grid from scratch: the caption with its keyboard hint, a
//! header row of vendors (name and live score), then per section a collapsible heading row
//! with its progress count and one row per question, one cell per vendor. What a cell says is
//! `cells.rs`'s; keeping it current after an edit is `grid.rs`'s.

use web_sys::Element;

use super::cells::{fill_cell, question_mark};
use crate::dom::{append, append_text, el, text_el};
use crate::App;

/// Builds the grid: a header row of vendors, then per section a heading row and its
/// questions, one cell per vendor.
pub(super) fn build_grid(a: &mut App) -> Element {
    let cx = a.cx();
    let s = cx.s;
    let vendors = &cx.model.workspace.vendors;
    let table = el(
        "table",
        &[
            ("id", "cl-grid"),
            ("class", "cl-grid"),
            ("role", "grid"),
            ("aria-labelledby", "cl-grid-caption"),
            ("aria-describedby", "cl-grid-hint"),
        ],
    );
    let caption = el("caption", &[("id", "cl-grid-caption")]);
    append_text(&caption, s.get("grid_caption"));
    append(
        &caption,
        &[&text_el(
            "span",
            &[("id", "cl-grid-hint"), ("class", "cl-hint")],
            s.get("grid_hint"),
        )],
    );
    append(&table, &[&caption]);
    let thead = el("thead", &[]);
    let head = el("tr", &[]);
    append(
        &head,
        &[&text_el(
            "th",
            &[("scope", "col"), ("class", "cl-grid-corner")],
            s.get("grid_question"),
        )],
    );
    for (k, vendor) in vendors.iter().enumerate() {
        let th = el(
            "th",
            &[
                ("scope", "col"),
                ("id", &format!("cl-gh-{k}")),
                ("data-vendor", &vendor.id),
            ],
        );
        append(
            &th,
            &[&text_el("span", &[("class", "cl-gh-name")], &vendor.name)],
        );
        append(
            &th,
            &[&el(
                "span",
                &[("class", "cl-gh-score"), ("id", &format!("cl-ghs-{k}"))],
            )],
        );
        append(&head, &[&th]);
    }
    append(&thead, &[&head]);
    append(&table, &[&thead]);
    let columns = (vendors.len() + 1).to_string();
    for (si, section) in cx.def.sections.iter().enumerate() {
        let body = el("tbody", &[]);
        let heading = el(
            "tr",
            &[
                ("id", &format!("cl-gsr-{si}")),
                ("class", "cl-grid-section"),
            ],
        );
        let th = el("th", &[("colspan", &columns), ("scope", "colgroup")]);
        let toggle = el(
            "button",
            &[
                ("type", "button"),
                ("id", &format!("cl-gs-{si}")),
                ("class", "cl-grid-toggle"),
                ("tabindex", "-1"),
                ("aria-expanded", "true"),
            ],
        );
        append(
            &toggle,
            &[&text_el("span", &[], section.title.text(cx.lang))],
        );
        append(
            &toggle,
            &[&el(
                "span",
                &[
                    ("id", &format!("cl-gp-{si}")),
                    ("class", "cl-grid-progress"),
                ],
            )],
        );
        append(&th, &[&toggle]);
        append(&heading, &[&th]);
        append(&body, &[&heading]);
        for (qi, q) in cx.def.questions.iter().enumerate() {
            if q.section != section.id {
                continue;
            }
            let row = el("tr", &[("id", &format!("cl-gr-{qi}"))]);
            let title = el(
                "th",
                &[
                    ("scope", "row"),
                    ("id", &format!("cl-gc-{qi}-0")),
                    ("tabindex", "-1"),
                ],
            );
            append_text(&title, q.text.text(cx.lang));
            if let Some(mark) = question_mark(&cx, q) {
                append(&title, &[&text_el("span", &[("class", "cl-mark")], mark)]);
            }
            append(&row, &[&title]);
            for k in 0..vendors.len() {
                let cell = el(
                    "td",
                    &[("id", &format!("cl-gc-{qi}-{}", k + 1)), ("tabindex", "-1")],
                );
                fill_cell(&cx, &cell, &a.grid, qi, k);
                append(&row, &[&cell]);
            }
            append(&body, &[&row]);
        }
        append(&table, &[&body]);
    }
    a.grid.tab_stop = String::new();
    table
}
