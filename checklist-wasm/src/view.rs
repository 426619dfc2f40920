//! Renders the frame of the checklist into the page: the containers (`skeleton`), the vendor
//! bar, the soft-rule switches, the import prompt and the tools. The question cards live in
//! `questions.rs`, the results and the comparison in `results.rs`, the print reports in
//! `report.rs`. Each part has its own container and its own function, so a change
//! re-renders only what it made stale. What to show is the presenter's
//! (`checklist_core::present`); element ids come from its `Id` enum. User text is set as
//! text, never parsed as HTML.

use checklist_core::definition::{Definition, RuleKind};
use checklist_core::present::ids::rule_switch;
use checklist_core::present::{Id, Present};
use checklist_core::scoring::VendorScore;
use checklist_core::{Date, Vendor};
use web_sys::Element;

use crate::dom::{append, by, clear, el, set_attr, set_hidden, text_el};
use crate::model::Model;
use crate::strings::Strings;

/// What every render function reads: the definition, the language and its strings, the
/// state, and the guide links the generator wrote into the checklist data.
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
    /// Today's date, read from the browser's clock once at mount; evidence dates are
    /// checked against it (without a clock, they are not checked).
    pub today: Option<Date>,
}

/// Returns the presenter for this page.
pub fn present<'a>(cx: &Ctx<'a>) -> Present<'a> {
    Present {
        def: cx.def,
        lang: cx.lang,
        strings: cx.s,
    }
}

/// Scores one vendor on today's date, so evidence past its "valid until" date counts as the
/// vendor's statement and is flagged (without a clock, dates are not checked).
pub fn score_today(cx: &Ctx, vendor: &Vendor) -> VendorScore {
    match cx.today {
        Some(today) => checklist_core::score_vendor_at(cx.def, vendor, today),
        None => checklist_core::score_vendor(cx.def, vendor),
    }
}

/// Scores and ranks all vendors on today's date, like [`score_today`].
#[cfg(feature = "ondemand")]
pub fn compare_today(cx: &Ctx) -> Vec<checklist_core::scoring::RankedVendor> {
    match cx.today {
        Some(today) => checklist_core::compare_at(cx.def, &cx.model.workspace, today),
        None => checklist_core::compare(cx.def, &cx.model.workspace),
    }
}

/// Builds the empty containers of the app; the render functions fill them.
pub fn skeleton(s: &Strings) -> Element {
    let app = el(
        "div",
        &[("id", Id::App.as_str()), ("class", Id::App.as_str())],
    );
    let message = el(
        "p",
        &[
            ("id", Id::Message.as_str()),
            ("class", Id::Message.as_str()),
            ("role", "status"),
            ("tabindex", "-1"),
        ],
    );
    let prompt = el(
        "div",
        &[
            ("id", Id::Prompt.as_str()),
            ("class", Id::Prompt.as_str()),
            ("role", "group"),
            ("aria-labelledby", Id::PromptText.as_str()),
        ],
    );
    set_hidden(&prompt, true);
    let vendors = section(Id::Vendors.as_str(), s.get("vendors_title"));
    let vendor_body = el("div", &[("id", Id::VendorBar.as_str())]);
    append(&vendors, &[&vendor_body]);
    let tools = tools(s);
    // A one-line result that stays in view while the buyer answers (see `render_results`).
    let summary = el(
        "p",
        &[
            ("id", Id::Summary.as_str()),
            ("class", Id::Summary.as_str()),
        ],
    );
    set_hidden(&summary, true);
    let questions = el(
        "div",
        &[
            ("id", Id::Questions.as_str()),
            ("class", Id::Questions.as_str()),
        ],
    );
    let results = el(
        "section",
        &[
            ("id", Id::Results.as_str()),
            ("class", "cl-panel cl-results"),
            ("aria-labelledby", Id::ResultsTitle.as_str()),
        ],
    );
    let rules = el(
        "div",
        &[("id", Id::RuleSwitches.as_str()), ("class", "cl-panel")],
    );
    let comparison = el(
        "section",
        &[
            ("id", Id::Comparison.as_str()),
            ("class", "cl-panel"),
            ("aria-labelledby", Id::ComparisonTitle.as_str()),
        ],
    );
    let report = el(
        "section",
        &[
            ("id", Id::Report.as_str()),
            ("class", Id::Report.as_str()),
            ("aria-hidden", "true"),
        ],
    );
    let live = el(
        "p",
        &[
            ("id", Id::Live.as_str()),
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
    let tools = section(Id::Tools.as_str(), s.get("tools_title"));
    let privacy = text_el("p", &[("class", "cl-hint")], s.get("privacy_note"));
    let exports = el("p", &[("class", "cl-actions")]);
    append(
        &exports,
        &[
            &button(Id::ExportJson.as_str(), s.get("export_json")),
            &button(Id::ExportCsv.as_str(), s.get("export_csv")),
        ],
    );
    let import = el("p", &[("class", "cl-field")]);
    let import_label = text_el(
        "label",
        &[("for", Id::ImportFile.as_str())],
        s.get("import_json"),
    );
    let import_input = el(
        "input",
        &[
            ("type", "file"),
            ("id", Id::ImportFile.as_str()),
            ("accept", ".json,application/json"),
            ("multiple", ""),
        ],
    );
    append(&import, &[&import_label, &import_input]);
    let share = el("p", &[("class", "cl-actions")]);
    append(
        &share,
        &[&button(Id::Share.as_str(), s.get("share_create"))],
    );
    let share_field = el(
        "p",
        &[("class", "cl-field"), ("id", Id::ShareField.as_str())],
    );
    set_hidden(&share_field, true);
    let share_label = text_el(
        "label",
        &[("for", Id::ShareUrl.as_str())],
        s.get("share_link"),
    );
    let share_input = el(
        "input",
        &[
            ("type", "text"),
            ("id", Id::ShareUrl.as_str()),
            ("readonly", ""),
            ("aria-describedby", Id::ShareHint.as_str()),
        ],
    );
    let share_hint = text_el(
        "span",
        &[("id", Id::ShareHint.as_str()), ("class", "cl-hint")],
        s.get("share_hint"),
    );
    append(&share_field, &[&share_label, &share_input, &share_hint]);
    let print = el("p", &[("class", "cl-actions")]);
    append(
        &print,
        &[
            &button(Id::Print.as_str(), s.get("print_report")),
            &button(Id::PrintComparison.as_str(), s.get("print_comparison")),
        ],
    );
    append(
        &tools,
        &[&privacy, &exports, &import, &share, &share_field, &print],
    );
    for element in crate::responses::tools(s) {
        append(&tools, &[&element]);
    }
    tools
}

/// Renders the vendor bar: selector, rename, remove (with confirmation) and add.
pub fn render_vendors(cx: &Ctx) {
    let bar = by(Id::VendorBar);
    clear(&bar);
    let s = cx.s;
    if let Some(vendor) = cx.model.vendor() {
        let pick = el("p", &[("class", "cl-field")]);
        let select = el("select", &[("id", Id::VendorSelect.as_str())]);
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
                    &[("for", Id::VendorSelect.as_str())],
                    s.get("vendor_selected"),
                ),
                &select,
            ],
        );

        let rename = el(
            "form",
            &[("id", Id::RenameForm.as_str()), ("class", "cl-inline-form")],
        );
        let name = el(
            "input",
            &[
                ("type", "text"),
                ("id", Id::VendorName.as_str()),
                ("autocomplete", "off"),
                ("maxlength", "200"),
            ],
        );
        let draft = cx.model.name_draft(&vendor.id);
        crate::dom::set_value(&name, draft.unwrap_or(&vendor.name));
        let hint = draft.map(|_| {
            set_attr(&name, "aria-describedby", Id::RenameDraft.as_str());
            text_el(
                "p",
                &[("id", Id::RenameDraft.as_str()), ("class", "cl-hint")],
                s.get("rename_draft"),
            )
        });
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
                    &[("for", Id::VendorName.as_str())],
                    s.get("vendor_name_edit"),
                ),
                &name,
                &rename_button,
            ],
        );
        if let Some(hint) = &hint {
            append(&rename, &[hint]);
        }

        let remove = el("p", &[("class", "cl-actions")]);
        append(
            &remove,
            &[&button(Id::RemoveVendor.as_str(), s.get("remove_vendor"))],
        );
        append(&bar, &[&pick, &rename, &remove]);
        if cx.model.confirming_removal {
            let confirm = el(
                "div",
                &[
                    ("id", Id::ConfirmRemove.as_str()),
                    ("class", Id::Prompt.as_str()),
                    ("role", "group"),
                    ("aria-labelledby", Id::ConfirmText.as_str()),
                ],
            );
            let text = text_el(
                "p",
                &[("id", Id::ConfirmText.as_str())],
                &s.fill("remove_confirm", &[("name", &vendor.name)]),
            );
            let actions = el("p", &[("class", "cl-actions")]);
            append(
                &actions,
                &[
                    &button(Id::ConfirmRemoveYes.as_str(), s.get("remove_yes")),
                    &button(Id::ConfirmRemoveNo.as_str(), s.get("remove_no")),
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
                &[("id", Id::NoVendors.as_str())],
                s.get("no_vendors"),
            )],
        );
    }
    let add = el(
        "form",
        &[("id", Id::AddForm.as_str()), ("class", "cl-inline-form")],
    );
    let new_name = el(
        "input",
        &[
            ("type", "text"),
            ("id", Id::NewVendor.as_str()),
            ("autocomplete", "off"),
            ("maxlength", "200"),
        ],
    );
    let add_button = text_el(
        "button",
        &[
            ("type", "submit"),
            ("id", Id::AddVendor.as_str()),
            ("class", "cl-button"),
        ],
        s.get("add_vendor"),
    );
    append(
        &add,
        &[
            &text_el(
                "label",
                &[("for", Id::NewVendor.as_str())],
                s.get("new_vendor_name"),
            ),
            &new_name,
            &add_button,
        ],
    );
    append(&bar, &[&add])
}

/// Renders the soft-rule switches of the selected vendor.
pub fn render_rule_switches(cx: &Ctx) {
    let container = by(Id::RuleSwitches);
    clear(&container);
    let Some(vendor) = cx.model.vendor() else {
        return set_hidden(&container, true);
    };
    set_hidden(&container, false);
    let fieldset = el(
        "fieldset",
        &[
            ("class", "cl-rules"),
            ("aria-describedby", Id::RulesHint.as_str()),
        ],
    );
    append(
        &fieldset,
        &[
            &text_el("legend", &[], cx.s.get("soft_rules_title")),
            &text_el(
                "p",
                &[("id", Id::RulesHint.as_str()), ("class", "cl-hint")],
                cx.s.get("soft_rules_hint"),
            ),
        ],
    );
    for rule in cx.def.rules.iter().filter(|r| r.kind == RuleKind::Soft) {
        let id = rule_switch(&rule.id);
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

/// Renders the import prompt for an offered workspace, or hides it.
pub fn render_prompt(cx: &Ctx, source_key: &str) {
    let prompt = by(Id::Prompt);
    clear(&prompt);
    let Some(offered) = &cx.model.offered else {
        return set_hidden(&prompt, true);
    };
    let names: Vec<&str> = offered.vendors.iter().map(|v| v.name.as_str()).collect();
    let text = present(cx).offer_text(source_key, &names);
    let actions = el("p", &[("class", "cl-actions")]);
    // Response files are only ever added to the buyer's vendors.
    if source_key != crate::responses::DIGEST_OFFER {
        append(
            &actions,
            &[&button(
                Id::ImportReplace.as_str(),
                cx.s.get("import_replace"),
            )],
        );
    }
    append(
        &actions,
        &[
            &button(Id::ImportMerge.as_str(), cx.s.get("import_merge")),
            &button(Id::ImportDismiss.as_str(), cx.s.get("import_dismiss")),
        ],
    );
    append(
        &prompt,
        &[
            &text_el("p", &[("id", Id::PromptText.as_str())], &text),
            &actions,
        ],
    );
    set_hidden(&prompt, false)
}
