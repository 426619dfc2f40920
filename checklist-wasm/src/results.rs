//! Renders the results: the live results of the vendor being edited (verdict badge, totals
//! with points, answers with expired evidence, reasons, section table), the sticky summary
//! bar with its link to them, and the comparison of all vendors (ranked table with expired
//! evidence counts, section chart as SVG, and the section table that is the chart's text
//! alternative). The presenter decides every text and flag; this
//! module only builds elements from its view models. SVG is built with DOM calls and styled
//! by CSS classes only (the CSP forbids inline styles).

use checklist_core::decimal::format as format_f64;
use checklist_core::present::chart::{chart, WIDTH};
use checklist_core::present::results::SectionView;
use checklist_core::present::{Id, VerdictView, RANKING_COLUMN_KEYS};
use checklist_core::scoring::VendorScore;
use web_sys::Element;

use crate::dom::{
    append, append_text, by, clear, el, set_attr, set_attrs, set_hidden, svg_el, text_el,
};
use checklist_core::present::expired::ExpiredView;
use checklist_core::present::results::ComparedVendor;

use crate::view::{compare_today, present, Ctx};

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
pub fn fill_ranking_row(row: &Element, v: &ComparedVendor, below: Option<&Element>) {
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

/// Renders the ranked comparison of all vendors, the section chart and its table.
pub fn render_comparison(cx: &Ctx) {
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
