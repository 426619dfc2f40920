//! Renders the comparison of all vendors: on screen in the results (ranked table with
//! expired evidence counts, section chart as SVG, and the section table that is the chart's
//! text alternative), loaded once the workspace has two vendors; and the printed comparison
//! report into the print-only `#cl-report` container (verdicts and reasons, the section
//! scores, and the answers side by side). Texts and flags come from the presenter; print CSS
//! shows the report. SVG is built with DOM calls and styled by CSS classes only (the CSP
//! forbids inline styles). The report of the one vendor being edited stays in the workspace
//! module (`crate::report`), because printing from the browser's menu must find it at once.

use checklist_core::decimal::format as format_f64;
use checklist_core::present::chart::{chart, WIDTH};
use checklist_core::present::results::SectionView;
use checklist_core::present::{Id, RANKING_COLUMN_KEYS};
use web_sys::Element;

use checklist_core::present::results::ComparedVendor;

use crate::dom::{append, append_text, by, clear, el, set_attr, set_hidden, svg_el, text_el};
use crate::results::{badge, scrollable, table};
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

/// Renders the ranked comparison of all vendors, the section chart and its table.
pub(super) fn render_screen(cx: &Ctx) {
    let container = by(Id::Comparison);
    clear(&container);
    let s = cx.s;
    if cx.model.workspace.vendors.is_empty() {
        return set_hidden(&container, true);
    }
    set_hidden(&container, false);
    append(
        &container,
        &[&text_el(
            "h2",
            &[("id", Id::ComparisonTitle.as_str())],
            s.get("comparison_title"),
        )],
    );
    let view = present(cx).comparison(&compare_today(cx));

    let heads = RANKING_COLUMN_KEYS.map(|k| s.get(k));
    let (ranking, tbody) = table(Id::Compare.as_str(), s.get("comparison_caption"), &heads);
    for v in &view.vendors {
        let row = el(
            "tr",
            &[
                ("data-vendor", &v.id),
                ("data-rank", &v.rank.to_string()),
                ("data-score", &format_f64(v.raw_score)),
                ("data-verdict", v.verdict.id),
            ],
        );
        if !v.verdict.counts {
            set_attr(&row, "class", "cl-excluded");
        }
        fill_ranking_row(&row, v, None);
        append(&tbody, &[&row]);
    }
    append(
        &container,
        &[&scrollable(&ranking, s.get("comparison_caption"))],
    );
    append(&container, &[&chart_figure(cx, &view)]);

    let mut heads = vec![s.get("section")];
    heads.extend(view.vendors.iter().map(|v| v.name.as_str()));
    let (sections, tbody) = table(
        Id::CompareSections.as_str(),
        s.get("comparison_sections"),
        &heads,
    );
    for (index, (id, title)) in view.sections.iter().enumerate() {
        let row = el("tr", &[("data-section", id)]);
        append(&row, &[&text_el("th", &[("scope", "row")], title)]);
        for v in &view.vendors {
            let text = v
                .sections
                .get(index)
                .map_or("", |x: &SectionView| x.text.as_str());
            let cell = text_el("td", &[], text);
            if !v.verdict.counts {
                set_attr(&cell, "class", "cl-excluded");
            }
            append(&row, &[&cell]);
        }
        append(&tbody, &[&row]);
    }
    append(
        &container,
        &[&scrollable(&sections, s.get("comparison_sections"))],
    );
}

/// Builds the section chart: an SVG image named by its caption, described as pointing to
/// the table that follows, which gives the same values as text.
fn chart_figure(cx: &Ctx, view: &checklist_core::present::ComparisonView) -> Element {
    let s = cx.s;
    let figure = el("figure", &[("class", "cl-chart-figure")]);
    append(
        &figure,
        &[
            &text_el(
                "figcaption",
                &[("id", Id::ChartTitle.as_str())],
                s.get("chart_title"),
            ),
            &text_el(
                "p",
                &[("id", Id::ChartDescription.as_str()), ("class", "cl-hint")],
                s.get("chart_description"),
            ),
        ],
    );
    let layout = chart(view);
    let svg = svg_el(
        "svg",
        &[
            ("id", Id::Chart.as_str()),
            ("class", "cl-chart"),
            (
                "viewBox",
                &format!("0 0 {} {}", format_f64(WIDTH), format_f64(layout.height)),
            ),
            ("role", "img"),
            ("aria-labelledby", Id::ChartTitle.as_str()),
            ("aria-describedby", Id::ChartDescription.as_str()),
            ("focusable", "false"),
        ],
    );
    for bar in layout.tracks.iter().chain(&layout.bars) {
        append(
            &svg,
            &[&svg_el(
                "rect",
                &[
                    ("class", bar.class),
                    ("x", &format_f64(bar.x)),
                    ("y", &format_f64(bar.y)),
                    ("width", &format_f64(bar.width)),
                    ("height", &format_f64(bar.height)),
                ],
            )],
        );
    }
    for text in &layout.texts {
        let node = svg_el(
            "text",
            &[
                ("class", text.class),
                ("x", &format_f64(text.x)),
                ("y", &format_f64(text.y)),
            ],
        );
        node.set_text_content(Some(&text.text));
        append(&svg, &[&node]);
    }
    // On narrow screens the chart keeps a readable size and scrolls in its own region.
    let region = el(
        "div",
        &[
            ("class", "cl-scroll cl-chart-scroll"),
            ("role", "region"),
            ("tabindex", "0"),
            ("aria-label", s.get("chart_title")),
        ],
    );
    append(&region, &[&svg]);
    append(&figure, &[&region]);
    if view.vendors.iter().any(|v| !v.verdict.counts) {
        append(
            &figure,
            &[&text_el(
                "p",
                &[("class", "cl-hint")],
                s.get("chart_excluded_legend"),
            )],
        );
    }
    figure
}

/// Builds a vendor's confidence cell: the percentage, and how many answers carry expired
/// evidence when any do.
fn confidence_cell(v: &ComparedVendor) -> Element {
    let cell = text_el("td", &[], &v.confidence);
    if let Some(expired) = &v.expired {
        append_text(&cell, " – ");
        append(
            &cell,
            &[&text_el("span", &[("class", "cl-expired-note")], expired)],
        );
    }
    cell
}

/// Fills a row of the ranked comparison (screen and print): rank, name, verdict badge with
/// `below` under it, score, completeness and confidence.
fn fill_ranking_row(row: &Element, v: &ComparedVendor, below: Option<&Element>) {
    let verdict = el("td", &[]);
    append(&verdict, &[&badge("span", &v.verdict, &[])]);
    if let Some(below) = below {
        append(&verdict, &[below]);
    }
    append(
        row,
        &[
            &text_el("td", &[], &v.rank.to_string()),
            &text_el("th", &[("scope", "row")], &v.name),
            &verdict,
            &text_el("td", &[], &v.score),
            &text_el("td", &[], &v.completeness),
            &confidence_cell(v),
        ],
    );
}
