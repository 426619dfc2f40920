//! Renders the checklist into the page: the vendor bar, the selected vendor's results and
//! rule switches, the comparison of all vendors, the import prompt and the print report
//! (the question cards live in `questions.rs`). Each part has its own container and its
//! own function, so a change re-renders only what it made stale. Scores come from `checklist_core`; this module only
//! turns them into elements. User text is set as text, never parsed as HTML.

use checklist_core::definition::{Definition, RuleKind};
use checklist_core::present::format::{reason_kind, verdict_id, verdict_key};
use checklist_core::present::Present;
use checklist_core::scoring::{Applicability, Reason, Totals, VendorScore};
use checklist_core::{compare, score_vendor};
use web_sys::Element;

use crate::dom::{
    append, append_text, by_id, clear, el, set_attr, set_attrs, set_hidden, svg_el, text_el,
};
use crate::model::Model;
use crate::strings::Strings;

/// What every render function reads: the definition, the language and its strings, the
/// state, and the guide links taken from the printable form.
pub struct Ctx<'a> {
    /// The checklist definition.
    pub def: &'a Definition,
    /// The page language.
    pub lang: &'a str,
    /// The page's UI strings.
    pub s: &'a Strings,
    /// The page state.
    pub model: &'a Model,
    /// Guide link per question id, already resolved by the generator.
    pub guide: &'a [(String, String)],
}

/// Builds the empty containers of the app; the render functions fill them.
pub fn skeleton(s: &Strings) -> Element {
    let app = el("div", &[("id", "cl-app"), ("class", "cl-app")]);
    let message = el(
        "p",
        &[
            ("id", "cl-message"),
            ("class", "cl-message"),
            ("role", "status"),
            ("tabindex", "-1"),
        ],
    );
    let prompt = el(
        "div",
        &[
            ("id", "cl-prompt"),
            ("class", "cl-prompt"),
            ("role", "group"),
            ("aria-labelledby", "cl-prompt-text"),
        ],
    );
    set_hidden(&prompt, true);
    let vendors = section("cl-vendors", s.get("vendors_title"));
    let vendor_body = el("div", &[("id", "cl-vendor-bar")]);
    append(&vendors, &[&vendor_body]);
    let tools = tools(s);
    // A one-line result that stays in view while the buyer answers (see `render_results`).
    let summary = el("p", &[("id", "cl-summary"), ("class", "cl-summary")]);
    set_hidden(&summary, true);
    let questions = el("div", &[("id", "cl-questions"), ("class", "cl-questions")]);
    let results = el(
        "section",
        &[
            ("id", "cl-results"),
            ("class", "cl-panel cl-results"),
            ("aria-labelledby", "cl-results-title"),
        ],
    );
    let rules = el("div", &[("id", "cl-rule-switches"), ("class", "cl-panel")]);
    let comparison = el(
        "section",
        &[
            ("id", "cl-comparison"),
            ("class", "cl-panel"),
            ("aria-labelledby", "cl-comparison-title"),
        ],
    );
    let report = el(
        "section",
        &[
            ("id", "cl-report"),
            ("class", "cl-report"),
            ("aria-hidden", "true"),
        ],
    );
    let live = el(
        "p",
        &[
            ("id", "cl-live"),
            ("class", "cl-visually-hidden"),
            ("aria-live", "polite"),
        ],
    );
    append(
        &app,
        &[
            &message,
            &prompt,
            &vendors,
            &summary,
            &questions,
            &results,
            &rules,
            &comparison,
            &tools,
            &report,
            &live,
        ],
    );
    app
}

/// Builds a section with a heading.
fn section(id: &str, title: &str) -> Element {
    let title_id = format!("{id}-title");
    let section = el(
        "section",
        &[
            ("id", id),
            ("class", "cl-panel"),
            ("aria-labelledby", &title_id),
        ],
    );
    append(&section, &[&text_el("h2", &[("id", &title_id)], title)]);
    section
}

/// Builds a button that dispatches `action` when clicked.
fn button(id: &str, label: &str) -> Element {
    text_el(
        "button",
        &[("type", "button"), ("id", id), ("class", "cl-button")],
        label,
    )
}

/// Builds the export, import, share and print tools (they never change).
fn tools(s: &Strings) -> Element {
    let tools = section("cl-tools", s.get("tools_title"));
    let privacy = text_el("p", &[("class", "cl-hint")], s.get("privacy_note"));
    let exports = el("p", &[("class", "cl-actions")]);
    append(
        &exports,
        &[
            &button("cl-export-json", s.get("export_json")),
            &button("cl-export-csv", s.get("export_csv")),
        ],
    );
    let import = el("p", &[("class", "cl-field")]);
    let import_label = text_el("label", &[("for", "cl-import-file")], s.get("import_json"));
    let import_input = el(
        "input",
        &[
            ("type", "file"),
            ("id", "cl-import-file"),
            ("accept", ".json,application/json"),
        ],
    );
    append(&import, &[&import_label, &import_input]);
    let share = el("p", &[("class", "cl-actions")]);
    append(&share, &[&button("cl-share", s.get("share_create"))]);
    let share_field = el("p", &[("class", "cl-field"), ("id", "cl-share-field")]);
    set_hidden(&share_field, true);
    let share_label = text_el("label", &[("for", "cl-share-url")], s.get("share_link"));
    let share_input = el(
        "input",
        &[
            ("type", "text"),
            ("id", "cl-share-url"),
            ("readonly", ""),
            ("aria-describedby", "cl-share-hint"),
        ],
    );
    let share_hint = text_el(
        "span",
        &[("id", "cl-share-hint"), ("class", "cl-hint")],
        s.get("share_hint"),
    );
    append(&share_field, &[&share_label, &share_input, &share_hint]);
    let print = el("p", &[("class", "cl-actions")]);
    append(&print, &[&button("cl-print", s.get("print_report"))]);
    append(
        &tools,
        &[&privacy, &exports, &import, &share, &share_field, &print],
    );
    tools
}

/// Renders the vendor bar: selector, rename, remove (with confirmation) and add.
pub fn render_vendors(cx: &Ctx) {
    let bar = by_id("cl-vendor-bar");
    clear(&bar);
    let s = cx.s;
    if let Some(vendor) = cx.model.vendor() {
        let pick = el("p", &[("class", "cl-field")]);
        let select = el("select", &[("id", "cl-vendor-select")]);
        for v in &cx.model.workspace.vendors {
            let option = text_el("option", &[("value", &v.id)], &v.name);
            if v.id == vendor.id {
                set_attr(&option, "selected", "");
            }
            append(&select, &[&option]);
        }
        append(
            &pick,
            &[
                &text_el(
                    "label",
                    &[("for", "cl-vendor-select")],
                    s.get("vendor_selected"),
                ),
                &select,
            ],
        );

        let rename = el(
            "form",
            &[("id", "cl-rename-form"), ("class", "cl-inline-form")],
        );
        let name = el(
            "input",
            &[
                ("type", "text"),
                ("id", "cl-vendor-name"),
                ("autocomplete", "off"),
                ("maxlength", "200"),
            ],
        );
        crate::dom::set_value(&name, &vendor.name);
        let rename_button = text_el(
            "button",
            &[("type", "submit"), ("class", "cl-button")],
            s.get("rename"),
        );
        append(
            &rename,
            &[
                &text_el(
                    "label",
                    &[("for", "cl-vendor-name")],
                    s.get("vendor_name_edit"),
                ),
                &name,
                &rename_button,
            ],
        );

        let remove = el("p", &[("class", "cl-actions")]);
        append(
            &remove,
            &[&button("cl-remove-vendor", s.get("remove_vendor"))],
        );
        append(&bar, &[&pick, &rename, &remove]);
        if cx.model.confirming_removal {
            let confirm = el(
                "div",
                &[
                    ("id", "cl-confirm-remove"),
                    ("class", "cl-prompt"),
                    ("role", "group"),
                    ("aria-labelledby", "cl-confirm-text"),
                ],
            );
            let text = text_el(
                "p",
                &[("id", "cl-confirm-text")],
                &s.fill("remove_confirm", &[("name", &vendor.name)]),
            );
            let actions = el("p", &[("class", "cl-actions")]);
            append(
                &actions,
                &[
                    &button("cl-confirm-remove-yes", s.get("remove_yes")),
                    &button("cl-confirm-remove-no", s.get("remove_no")),
                ],
            );
            append(&confirm, &[&text, &actions]);
            append(&bar, &[&confirm]);
        }
    } else {
        append(
            &bar,
            &[&text_el(
                "p",
                &[("id", "cl-no-vendors")],
                s.get("no_vendors"),
            )],
        );
    }
    let add = el(
        "form",
        &[("id", "cl-add-form"), ("class", "cl-inline-form")],
    );
    let new_name = el(
        "input",
        &[
            ("type", "text"),
            ("id", "cl-new-vendor"),
            ("autocomplete", "off"),
            ("maxlength", "200"),
        ],
    );
    let add_button = text_el(
        "button",
        &[
            ("type", "submit"),
            ("id", "cl-add-vendor"),
            ("class", "cl-button"),
        ],
        s.get("add_vendor"),
    );
    append(
        &add,
        &[
            &text_el(
                "label",
                &[("for", "cl-new-vendor")],
                s.get("new_vendor_name"),
            ),
            &new_name,
            &add_button,
        ],
    );
    append(&bar, &[&add])
}

/// Returns the presenter for this page.
pub fn present<'a>(cx: &Ctx<'a>) -> Present<'a> {
    Present {
        def: cx.def,
        lang: cx.lang,
        strings: cx.s,
    }
}

/// Formats a score of 0-100 as a whole percentage.
pub fn percent(cx: &Ctx, value: f64) -> String {
    present(cx).percent(value)
}

/// Formats a score with its points: "72 % (36 of 50 points)".
pub fn score_text(cx: &Ctx, totals: &Totals) -> String {
    present(cx).score_text(totals)
}

/// Returns the localized text of a verdict reason.
fn reason_text(cx: &Ctx, reason: &Reason) -> String {
    present(cx).reason_text(reason)
}

/// Renders the live results of the selected vendor and returns the text to announce.
pub fn render_results(cx: &Ctx, score: Option<&VendorScore>) -> String {
    let results = by_id("cl-results");
    let summary = by_id("cl-summary");
    clear(&results);
    clear(&summary);
    let (Some(vendor), Some(score)) = (cx.model.vendor(), score) else {
        set_hidden(&results, true);
        set_hidden(&summary, true);
        return String::new();
    };
    set_hidden(&results, false);
    set_hidden(&summary, false);
    let s = cx.s;
    // The vendor's name is filled in last, so text in it is never taken for a placeholder.
    append_text(
        &summary,
        &s.fill(
            "summary",
            &[
                ("verdict", s.get(verdict_key(score.verdict))),
                ("score", &score_text(cx, &score.overall)),
                (
                    "completeness",
                    &percent(cx, score.overall.completeness * 100.0),
                ),
                ("name", &vendor.name),
            ],
        ),
    );
    append_text(&summary, " ");
    append(
        &summary,
        &[&text_el(
            "a",
            &[("href", "#cl-results-title")],
            s.get("summary_details"),
        )],
    );
    append(
        &results,
        &[&text_el(
            "h2",
            &[("id", "cl-results-title")],
            &s.fill("results_for", &[("name", &vendor.name)]),
        )],
    );
    let verdict = s.get(verdict_key(score.verdict));
    let verdict_line = el(
        "p",
        &[
            ("id", "cl-verdict"),
            (
                "class",
                &format!("cl-verdict cl-verdict-{}", verdict_id(score.verdict)),
            ),
            ("data-verdict", verdict_id(score.verdict)),
        ],
    );
    append(
        &verdict_line,
        &[&text_el("strong", &[], &format!("{}:", s.get("verdict")))],
    );
    append_text(&verdict_line, &format!(" {verdict}"));
    append(&results, &[&verdict_line]);

    let totals = &score.overall;
    let list = el("dl", &[("class", "cl-totals"), ("id", "cl-overall")]);
    let score_value = score_text(cx, totals);
    let number = |v: f64| format!("{v}");
    let rows: [(&str, String, &str, String); 3] = [
        (
            "score",
            score_value.clone(),
            "data-score",
            number(totals.score),
        ),
        (
            "completeness",
            percent(cx, totals.completeness * 100.0),
            "data-completeness",
            number(totals.completeness),
        ),
        (
            "confidence",
            percent(cx, totals.confidence * 100.0),
            "data-confidence",
            number(totals.confidence),
        ),
    ];
    for (key, text, attr, raw) in rows {
        let dd = text_el(
            "dd",
            &[("id", &format!("cl-overall-{key}")), (attr, &raw)],
            &text,
        );
        append(&list, &[&text_el("dt", &[], s.get(key)), &dd]);
    }
    set_attrs(
        &list,
        &[
            ("data-points", &number(totals.points)),
            ("data-max-points", &number(totals.max_points)),
        ],
    );
    append(&results, &[&list]);

    if !score.reasons.is_empty() {
        append(&results, &[&text_el("h3", &[], s.get("reasons_title"))]);
        let reasons = el("ul", &[("id", "cl-reasons"), ("class", "cl-reasons")]);
        for reason in &score.reasons {
            append(
                &reasons,
                &[&text_el(
                    "li",
                    &[("data-reason", reason_kind(reason))],
                    &reason_text(cx, reason),
                )],
            );
        }
        append(&results, &[&reasons]);
    }

    let table = el(
        "table",
        &[("id", "cl-section-scores"), ("class", "cl-table")],
    );
    append(&table, &[&text_el("caption", &[], s.get("section_scores"))]);
    let head = el("tr", &[]);
    append(
        &head,
        &[
            &text_el("th", &[("scope", "col")], s.get("section")),
            &text_el("th", &[("scope", "col")], s.get("score")),
            &text_el("th", &[("scope", "col")], s.get("completeness")),
        ],
    );
    let thead = el("thead", &[]);
    append(&thead, &[&head]);
    let tbody = el("tbody", &[]);
    for sec in &score.sections {
        let title = cx
            .def
            .section(&sec.section)
            .map_or(sec.section.as_str(), |x| x.title.text(cx.lang));
        let row = el(
            "tr",
            &[
                ("data-section", &sec.section),
                ("data-score", &number(sec.totals.score)),
            ],
        );
        let cell = el("td", &[]);
        if sec.totals.max_points > 0.0 {
            append(&cell, &[&bar(sec.totals.score)]);
            append_text(&cell, &score_text(cx, &sec.totals));
        } else {
            // Every question of the section is hidden by a condition: nothing to score.
            append_text(&cell, cx.def.answer_set.not_applicable.text(cx.lang));
        }
        append(
            &row,
            &[
                &text_el("th", &[("scope", "row")], title),
                &cell,
                &text_el("td", &[], &percent(cx, sec.totals.completeness * 100.0)),
            ],
        );
        append(&tbody, &[&row]);
    }
    append(&table, &[&thead, &tbody]);
    append(&results, &[&scrollable(&table, s.get("section_scores"))]);

    s.fill(
        "announce",
        &[
            ("name", &vendor.name),
            ("score", &score_value),
            ("completeness", &percent(cx, totals.completeness * 100.0)),
            ("verdict", verdict),
        ],
    )
}

/// Wraps a wide table in a keyboard-scrollable region.
fn scrollable(table: &Element, label: &str) -> Element {
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

/// Draws a 0-100 bar as inline SVG (the CSP forbids inline styles); the number is given as
/// text next to it, so the drawing is hidden from screen readers.
fn bar(score: f64) -> Element {
    let svg = svg_el(
        "svg",
        &[
            ("class", "cl-bar"),
            ("viewBox", "0 0 100 10"),
            ("width", "100"),
            ("height", "10"),
            ("aria-hidden", "true"),
            ("focusable", "false"),
        ],
    );
    let width = format!("{}", score.clamp(0.0, 100.0).round());
    append(
        &svg,
        &[
            &svg_el(
                "rect",
                &[
                    ("class", "cl-bar-track"),
                    ("width", "100"),
                    ("height", "10"),
                ],
            ),
            &svg_el(
                "rect",
                &[
                    ("class", "cl-bar-fill"),
                    ("width", &width),
                    ("height", "10"),
                ],
            ),
        ],
    );
    svg
}

/// Renders the soft-rule switches of the selected vendor.
pub fn render_rule_switches(cx: &Ctx) {
    let container = by_id("cl-rule-switches");
    clear(&container);
    let Some(vendor) = cx.model.vendor() else {
        return set_hidden(&container, true);
    };
    set_hidden(&container, false);
    let fieldset = el(
        "fieldset",
        &[("class", "cl-rules"), ("aria-describedby", "cl-rules-hint")],
    );
    append(
        &fieldset,
        &[
            &text_el("legend", &[], cx.s.get("soft_rules_title")),
            &text_el(
                "p",
                &[("id", "cl-rules-hint"), ("class", "cl-hint")],
                cx.s.get("soft_rules_hint"),
            ),
        ],
    );
    for rule in cx.def.rules.iter().filter(|r| r.kind == RuleKind::Soft) {
        let id = format!("cl-rule-{}", rule.id);
        let field = el("p", &[("class", "cl-option-line")]);
        let input = el(
            "input",
            &[
                ("type", "checkbox"),
                ("id", &id),
                ("data-rule", &rule.id),
                ("data-role", "rule"),
            ],
        );
        if !vendor.disabled_soft_rules.contains(&rule.id) {
            set_attr(&input, "checked", "");
        }
        append(
            &field,
            &[
                &input,
                &text_el("label", &[("for", &id)], rule.reason.text(cx.lang)),
            ],
        );
        append(&fieldset, &[&field]);
    }
    append(&container, &[&fieldset])
}

/// Renders the ranked comparison of all vendors with per-section bars.
pub fn render_comparison(cx: &Ctx) {
    let container = by_id("cl-comparison");
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
            &[("id", "cl-comparison-title")],
            s.get("comparison_title"),
        )],
    );
    let ranked = compare(cx.def, &cx.model.workspace);

    let table = el("table", &[("id", "cl-compare"), ("class", "cl-table")]);
    append(
        &table,
        &[&text_el("caption", &[], s.get("comparison_caption"))],
    );
    let thead = el("thead", &[]);
    let head = el("tr", &[]);
    for key in [
        "rank",
        "vendor_name",
        "verdict",
        "score",
        "completeness",
        "confidence",
    ] {
        append(&head, &[&text_el("th", &[("scope", "col")], s.get(key))]);
    }
    append(&thead, &[&head]);
    let tbody = el("tbody", &[]);
    for r in &ranked {
        let o = &r.score.overall;
        let row = el(
            "tr",
            &[
                ("data-vendor", &r.score.vendor),
                ("data-rank", &r.rank.to_string()),
                ("data-score", &format!("{}", o.score)),
                ("data-verdict", verdict_id(r.score.verdict)),
            ],
        );
        let cells = [
            text_el("td", &[], &r.rank.to_string()),
            text_el("th", &[("scope", "row")], &r.name),
            text_el("td", &[], s.get(verdict_key(r.score.verdict))),
            text_el("td", &[], &score_text(cx, o)),
            text_el("td", &[], &percent(cx, o.completeness * 100.0)),
            text_el("td", &[], &percent(cx, o.confidence * 100.0)),
        ];
        append(&row, &cells.iter().collect::<Vec<_>>());
        append(&tbody, &[&row]);
    }
    append(&table, &[&thead, &tbody]);
    append(
        &container,
        &[&scrollable(&table, s.get("comparison_caption"))],
    );

    let bars = el(
        "table",
        &[("id", "cl-compare-sections"), ("class", "cl-table")],
    );
    append(
        &bars,
        &[&text_el("caption", &[], s.get("comparison_sections"))],
    );
    let thead = el("thead", &[]);
    let head = el("tr", &[]);
    append(
        &head,
        &[&text_el("th", &[("scope", "col")], s.get("section"))],
    );
    for r in &ranked {
        append(&head, &[&text_el("th", &[("scope", "col")], &r.name)]);
    }
    append(&thead, &[&head]);
    let tbody = el("tbody", &[]);
    for sec in &cx.def.sections {
        let row = el("tr", &[("data-section", &sec.id)]);
        append(
            &row,
            &[&text_el("th", &[("scope", "row")], sec.title.text(cx.lang))],
        );
        for r in &ranked {
            let cell = el("td", &[]);
            match r.score.sections.iter().find(|x| x.section == sec.id) {
                Some(x) if x.totals.max_points > 0.0 => {
                    append(&cell, &[&bar(x.totals.score)]);
                    append_text(&cell, &percent(cx, x.totals.score));
                }
                Some(_) => append_text(&cell, cx.def.answer_set.not_applicable.text(cx.lang)),
                None => {}
            }
            append(&row, &[&cell]);
        }
        append(&tbody, &[&row]);
    }
    append(&bars, &[&thead, &tbody]);
    append(
        &container,
        &[&scrollable(&bars, s.get("comparison_sections"))],
    )
}

/// Renders the import prompt for an offered workspace, or hides it.
pub fn render_prompt(cx: &Ctx, source_key: &str) {
    let prompt = by_id("cl-prompt");
    clear(&prompt);
    let Some(offered) = &cx.model.offered else {
        return set_hidden(&prompt, true);
    };
    let names: Vec<&str> = offered.vendors.iter().map(|v| v.name.as_str()).collect();
    let text = cx.s.fill_count(
        source_key,
        names.len() as f64,
        &[
            ("count", &names.len().to_string()),
            ("names", &names.join(", ")),
        ],
    );
    let actions = el("p", &[("class", "cl-actions")]);
    append(
        &actions,
        &[
            &button("cl-import-replace", cx.s.get("import_replace")),
            &button("cl-import-merge", cx.s.get("import_merge")),
            &button("cl-import-dismiss", cx.s.get("import_dismiss")),
        ],
    );
    append(
        &prompt,
        &[&text_el("p", &[("id", "cl-prompt-text")], &text), &actions],
    );
    set_hidden(&prompt, false)
}

/// Renders the print report of the selected vendor: results and every applicable answer.
pub fn render_report(cx: &Ctx) {
    let report = by_id("cl-report");
    clear(&report);
    let Some(vendor) = cx.model.vendor() else {
        return;
    };
    let score = score_vendor(cx.def, vendor);
    let s = cx.s;
    append(
        &report,
        &[&text_el(
            "h2",
            &[],
            &s.fill("report_title", &[("name", &vendor.name)]),
        )],
    );
    let summary = [
        format!(
            "{}: {}",
            s.get("verdict"),
            s.get(verdict_key(score.verdict))
        ),
        format!("{}: {}", s.get("score"), score_text(cx, &score.overall)),
        format!(
            "{}: {}",
            s.get("completeness"),
            percent(cx, score.overall.completeness * 100.0)
        ),
        format!(
            "{}: {}",
            s.get("confidence"),
            percent(cx, score.overall.confidence * 100.0)
        ),
    ];
    for line in summary {
        append(&report, &[&text_el("p", &[], &line)]);
    }
    let reasons = el("ul", &[]);
    for reason in &score.reasons {
        append(&reasons, &[&text_el("li", &[], &reason_text(cx, reason))]);
    }
    append(&report, &[&reasons]);
    for sec in &cx.def.sections {
        append(&report, &[&text_el("h3", &[], sec.title.text(cx.lang))]);
        let list = el("dl", &[]);
        for q in cx.def.questions_in(&sec.id) {
            let applicable = score
                .questions
                .iter()
                .any(|x| x.question == q.id && x.applicability == Applicability::Applicable);
            if !applicable {
                continue;
            }
            let answer = vendor.answers.get(&q.id);
            let label = answer
                .and_then(|a| cx.def.answer_label(q, &a.value, cx.lang))
                .unwrap_or_else(|| s.get("unanswered").to_owned());
            let dd = text_el("dd", &[], &label);
            if let Some(a) = answer {
                if let Some(level) = a.evidence.as_deref().and_then(|e| cx.def.evidence_level(e)) {
                    append_text(
                        &dd,
                        &format!(" · {}: {}", s.get("evidence"), level.label.text(cx.lang)),
                    );
                }
                if !a.note.is_empty() {
                    append(
                        &dd,
                        &[&text_el(
                            "span",
                            &[("class", "cl-report-note")],
                            &format!("{}: {}", s.get("note"), a.note),
                        )],
                    );
                }
            }
            append(&list, &[&text_el("dt", &[], q.text.text(cx.lang)), &dd]);
        }
        append(&report, &[&list]);
    }
}
