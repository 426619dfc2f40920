//! Renders the results: the live results of the vendor being edited (verdict badge, totals
//! with points, answers with expired evidence, reasons, section table), the sticky summary
//! bar with its link to them, and the comparison region of all vendors, which the on-demand
//! module fills (`ondemand::comparison`) once the workspace has two vendors; until then the
//! region says it is loading, and after a failed load it says so (the "Try again" of
//! `lazy`). The presenter decides every text and flag; this module only builds elements from
//! its view models; the table helpers here are shared with the on-demand module.

use checklist_core::decimal::format as format_f64;
use checklist_core::present::{Id, VerdictView};
use checklist_core::scoring::VendorScore;
use web_sys::Element;

use crate::dom::{
    append, append_text, by, clear, el, find, set_attr, set_attrs, set_hidden, text_el,
};
use checklist_core::present::expired::ExpiredView;

use crate::view::{present, Ctx};
use crate::App;

/// Builds a verdict badge: the verdict's word on a tone-coloured frame (never colour alone).
pub fn badge(tag: &str, verdict: &VerdictView, attrs: &[(&str, &str)]) -> Element {
    let class = format!("cl-badge cl-badge-{}", verdict.tone.as_str());
    let badge = text_el(
        tag,
        &[("class", &class), ("data-verdict", verdict.id)],
        &verdict.text,
    );
    set_attrs(&badge, attrs);
    badge
}

/// Wraps a wide table in a keyboard-scrollable region.
pub fn scrollable(table: &Element, label: &str) -> Element {
    let wrapper = el(
        "div",
        &[
            ("class", "cl-scroll"),
            ("role", "region"),
            ("tabindex", "0"),
            ("aria-label", label),
        ],
    );
    append(&wrapper, &[table]);
    wrapper
}

/// Builds a table with a caption and column heads; returns it and its body.
pub fn table(id: &str, caption: &str, heads: &[&str]) -> (Element, Element) {
    let table = el("table", &[("id", id), ("class", "cl-table")]);
    let head = el("tr", &[]);
    for text in heads {
        append(&head, &[&text_el("th", &[("scope", "col")], text)]);
    }
    let thead = el("thead", &[]);
    append(&thead, &[&head]);
    let tbody = el("tbody", &[]);
    append(&table, &[&text_el("caption", &[], caption), &thead, &tbody]);
    (table, tbody)
}

/// Builds the list of answers with expired evidence: a heading, what it means, and one item
/// per answer (words, not colour alone).
pub fn expired_list(view: &ExpiredView, heading: &str, id: Option<&str>) -> Element {
    let section = el("div", &[("class", "cl-expired")]);
    if let Some(id) = id {
        set_attrs(&section, &[("id", id)]);
    }
    append(
        &section,
        &[
            &text_el(heading, &[], &view.title),
            &text_el("p", &[("class", "cl-hint")], &view.hint),
        ],
    );
    let list = el("ul", &[]);
    for item in &view.items {
        append(&list, &[&text_el("li", &[], item)]);
    }
    append(&section, &[&list]);
    section
}

/// Renders the live results of the selected vendor and the summary bar, and returns the
/// text to announce.
pub fn render_results(cx: &Ctx, score: Option<&VendorScore>) -> String {
    let results = by(Id::Results);
    let summary = by(Id::Summary);
    clear(&results);
    clear(&summary);
    let (Some(vendor), Some(score)) = (cx.model.vendor(), score) else {
        set_hidden(&results, true);
        set_hidden(&summary, true);
        return String::new();
    };
    set_hidden(&results, false);
    set_hidden(&summary, false);
    let view = present(cx).results(&vendor.name, score);

    append(&summary, &[&badge("span", &view.verdict, &[])]);
    append_text(&summary, " ");
    append(
        &summary,
        &[&text_el(
            "span",
            &[("class", "cl-summary-text")],
            &view.summary,
        )],
    );
    append_text(&summary, " ");
    append(
        &summary,
        &[&text_el(
            "a",
            &[
                ("id", Id::SummaryLink.as_str()),
                ("href", &format!("#{}", Id::ResultsTitle.as_str())),
            ],
            &view.summary_link,
        )],
    );

    append(
        &results,
        &[&text_el(
            "h2",
            &[("id", Id::ResultsTitle.as_str()), ("tabindex", "-1")],
            &view.title,
        )],
    );
    let verdict = el("p", &[("class", "cl-verdict-line")]);
    append(
        &verdict,
        &[&text_el(
            "span",
            &[("class", "cl-verdict-label")],
            &format!("{}:", view.verdict_label),
        )],
    );
    append_text(&verdict, " ");
    append(
        &verdict,
        &[&badge(
            "strong",
            &view.verdict,
            &[("id", Id::Verdict.as_str())],
        )],
    );
    append(&results, &[&verdict]);

    let list = el(
        "dl",
        &[("class", "cl-totals"), ("id", Id::Overall.as_str())],
    );
    for line in &view.totals {
        let id = format!("{}-{}", Id::Overall.as_str(), line.key);
        let attr = format!("data-{}", line.key);
        let dd = text_el(
            "dd",
            &[("id", &id), (&attr, &format_f64(line.raw))],
            &line.text,
        );
        if line.key == "score" {
            if let Some(note) = &view.not_counting {
                set_attr(&dd, "class", "cl-not-counting");
                append_text(&dd, " – ");
                append(
                    &dd,
                    &[&text_el("span", &[("class", "cl-not-counting-note")], note)],
                );
            }
        }
        append(&list, &[&text_el("dt", &[], &line.label), &dd]);
    }
    set_attrs(
        &list,
        &[
            ("data-points", &format_f64(view.points)),
            ("data-max-points", &format_f64(view.max_points)),
        ],
    );
    append(&results, &[&list]);

    if let Some(expired) = present(cx).expired_evidence(vendor, score) {
        append(
            &results,
            &[&expired_list(&expired, "h3", Some(Id::Expired.as_str()))],
        );
    }
    if !view.reasons.is_empty() {
        append(&results, &[&text_el("h3", &[], &view.reasons_title)]);
        let reasons = el(
            "ul",
            &[("id", Id::Reasons.as_str()), ("class", "cl-reasons")],
        );
        for reason in &view.reasons {
            append(
                &reasons,
                &[&text_el(
                    "li",
                    &[("data-reason", reason.kind)],
                    &reason.text,
                )],
            );
        }
        append(&results, &[&reasons]);
    }

    let heads: Vec<&str> = view.section_heads.iter().map(String::as_str).collect();
    let (table, tbody) = table(Id::SectionScores.as_str(), &view.sections_caption, &heads);
    for section in &view.sections {
        let row = el(
            "tr",
            &[
                ("data-section", &section.id),
                ("data-score", &format_f64(section.raw)),
            ],
        );
        append(
            &row,
            &[
                &text_el("th", &[("scope", "row")], &section.title),
                &text_el("td", &[], &section.text),
                &text_el("td", &[], &section.completeness),
            ],
        );
        append(&tbody, &[&row]);
    }
    append(&results, &[&scrollable(&table, &view.sections_caption)]);
    view.announce
}

/// Shows the comparison of all vendors: hidden below two vendors; else filled by the
/// on-demand module, at once when it is loaded. Otherwise the region keeps what it showed
/// (or says it is loading) and the module is loaded after the next paint, so the workspace
/// never waits for it; the module fills the region with the workspace of that moment.
pub(crate) fn render_comparison(a: &mut App) {
    let container = by(Id::Comparison);
    if a.model.workspace.vendors.len() < 2 {
        clear(&container);
        return set_hidden(&container, true);
    }
    set_hidden(&container, false);
    if let Some(module) = crate::lazy::loaded(a) {
        return module.comparison_render(&a.export());
    }
    if find(Id::Compare.as_str()).is_none() && find(Id::ComparisonStatus.as_str()).is_none() {
        append(
            &container,
            &[
                &text_el(
                    "h2",
                    &[("id", Id::ComparisonTitle.as_str())],
                    a.strings.get("comparison_title"),
                ),
                &text_el(
                    "p",
                    &[("id", Id::ComparisonStatus.as_str()), ("class", "cl-hint")],
                    a.strings.get("comparison_loading"),
                ),
            ],
        );
    }
    crate::lazy::run_after_paint(a, |a, module| {
        if a.model.workspace.vendors.len() >= 2 {
            module.comparison_render(&a.export());
        }
    });
}
