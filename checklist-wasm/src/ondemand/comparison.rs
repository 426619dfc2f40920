//! Renders the printed comparison report of all vendors into the print-only `#cl-report`
//! container: verdicts and reasons, the section scores, and the answers side by side. Texts
//! come from the presenter; print CSS shows the container. The report of the one vendor
//! being edited stays in the workspace module (`crate::report`), because printing from the
//! browser's menu must find it at once.

use checklist_core::present::{Id, RANKING_COLUMN_KEYS};

use crate::dom::{append, by, clear, el, text_el};
use crate::results::{fill_ranking_row, table};
use crate::view::{compare_today, present, Ctx};
/// Renders the comparison report of all vendors: one line per vendor with its verdict and
/// reasons, the section scores, and every answer side by side.
pub(super) fn render(cx: &Ctx) {
    let report = by(Id::Report);
    clear(&report);
    let s = cx.s;
    let ranked = compare_today(cx);
    let view = present(cx).comparison(&ranked);
    append(
        &report,
        &[&text_el("h2", &[], s.get("comparison_report_title"))],
    );

    let heads = RANKING_COLUMN_KEYS.map(|k| s.get(k));
    let (ranking, tbody) = table("cl-report-ranking", s.get("comparison_caption"), &heads);
    for v in &view.vendors {
        let row = el("tr", &[]);
        let reasons = (!v.reasons.is_empty()).then(|| {
            let reasons = el("ul", &[("class", "cl-report-reasons")]);
            for reason in &v.reasons {
                append(&reasons, &[&text_el("li", &[], &reason.text)]);
            }
            reasons
        });
        fill_ranking_row(&row, v, reasons.as_ref());
        append(&tbody, &[&row]);
    }
    append(&report, &[&ranking]);

    let mut heads = vec![s.get("section")];
    heads.extend(view.vendors.iter().map(|v| v.name.as_str()));
    let (sections, tbody) = table("cl-report-sections", s.get("comparison_sections"), &heads);
    for (index, (_, title)) in view.sections.iter().enumerate() {
        let row = el("tr", &[]);
        append(&row, &[&text_el("th", &[("scope", "row")], title)]);
        for v in &view.vendors {
            let text = v.sections.get(index).map_or("", |x| x.text.as_str());
            append(&row, &[&text_el("td", &[], text)]);
        }
        append(&tbody, &[&row]);
    }
    append(&report, &[&sections]);

    let mut heads = vec![s.get("question")];
    heads.extend(view.vendors.iter().map(|v| v.name.as_str()));
    let (answers, tbody) = table("cl-report-answers", s.get("answers_side_by_side"), &heads);
    let mut section = String::new();
    for row in present(cx).answers_side_by_side(&cx.model.workspace, &ranked) {
        if row.section != section {
            section = row.section.clone();
            let title = view
                .sections
                .iter()
                .find(|(id, _)| *id == section)
                .map_or("", |(_, t)| t.as_str());
            let head = el("tr", &[("class", "cl-report-section-row")]);
            let colspan = (view.vendors.len() + 1).to_string();
            append(
                &head,
                &[&text_el(
                    "th",
                    &[("scope", "colgroup"), ("colspan", &colspan)],
                    title,
                )],
            );
            append(&tbody, &[&head]);
        }
        let tr = el("tr", &[]);
        append(&tr, &[&text_el("th", &[("scope", "row")], &row.question)]);
        for cell in &row.cells {
            append(&tr, &[&text_el("td", &[], cell)]);
        }
        append(&tbody, &[&tr]);
    }
    append(&report, &[&answers]);
}
