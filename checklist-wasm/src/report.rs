//! Renders the print report of the vendor being edited into the print-only `#cl-report`
//! container: verdict, reasons, totals, expired evidence, every applicable answer with
//! evidence and note. Texts come from the presenter; print CSS shows the container. The
//! comparison report of all vendors is the on-demand module's (`ondemand/comparison.rs`).

use checklist_core::present::Id;

use crate::dom::{append, append_text, by, clear, el, text_el};
use crate::results::badge;
use crate::view::{present, score_today, Ctx};

/// Renders the print report of the selected vendor: results and every applicable answer.
pub fn render_report(cx: &Ctx) {
    let report = by(Id::Report);
    clear(&report);
    let Some(vendor) = cx.model.vendor() else {
        return;
    };
    let score = score_today(cx, vendor);
    let s = cx.s;
    let view = present(cx).results(&vendor.name, &score);
    append(
        &report,
        &[&text_el(
            "h2",
            &[],
            &s.fill("report_title", &[("name", &vendor.name)]),
        )],
    );
    let verdict = el("p", &[]);
    append_text(&verdict, &format!("{}: ", view.verdict_label));
    append(&verdict, &[&badge("strong", &view.verdict, &[])]);
    append(&report, &[&verdict]);
    for line in &view.totals {
        let mut text = format!("{}: {}", line.label, line.text);
        if let (Some(note), "score") = (&view.not_counting, line.key) {
            text = format!("{text} – {note}");
        }
        append(&report, &[&text_el("p", &[], &text)]);
    }
    let reasons = el("ul", &[]);
    for reason in &view.reasons {
        append(&reasons, &[&text_el("li", &[], &reason.text)]);
    }
    append(&report, &[&reasons]);
    if let Some(expired) = present(cx).expired_evidence(vendor, &score) {
        append(
            &report,
            &[&crate::results::expired_list(&expired, "h3", None)],
        );
    }
    for section in present(cx).vendor_report(vendor, &score) {
        append(&report, &[&text_el("h3", &[], &section.title)]);
        let list = el("dl", &[]);
        for item in &section.answers {
            let dd = text_el("dd", &[], &item.answer);
            if let Some(evidence) = &item.evidence {
                append_text(&dd, &format!(" · {evidence}"));
            }
            if let Some(expired) = &item.expired {
                append_text(&dd, " ");
                append(
                    &dd,
                    &[&text_el("strong", &[("class", "cl-expired-mark")], expired)],
                );
            }
            if let Some(note) = &item.note {
                append(
                    &dd,
                    &[&text_el("span", &[("class", "cl-report-note")], note)],
                );
            }
            append(&list, &[&text_el("dt", &[], &item.question), &dd]);
        }
        append(&report, &[&list]);
    }
}
