//! The presenter: plain Rust that turns the core's results into view models, the texts and
//! flags the page shows, so the browser binding only applies them to the DOM. It decides what
//! to show (which question is a must-have, the verdict's badge, whether a score counts, the
//! reason texts, percentages always with their points, plural forms) and owns the element
//! ids (`ids`) and the UI strings (`strings`). Scoring stays in `scoring`; building elements
//! stays in the binding.

pub mod chart;
pub mod conditions;
pub mod expired;
pub mod format;
pub mod guide;
pub mod ids;
pub mod questionnaire;
pub mod report;
pub mod responses;
pub mod results;
pub mod strings;
pub mod tuning;
pub mod vendors;

pub use format::{Present, QuestionMarks, Round, Tone, VerdictView, LIST_SHOWN};
pub use ids::Id;
pub use results::{ComparisonView, ResultsView, RANKING_COLUMN_KEYS};
pub use strings::Strings;

/// Returns every key of the `[checklist]` UI strings that the engine looks up: `UI_KEYS`
/// and the CSV export's labels.
pub fn ui_keys() -> Vec<&'static str> {
    let csv = crate::csv::CsvLabels::HEADING_KEYS
        .into_iter()
        .chain(crate::csv::CsvLabels::VERDICT_KEYS);
    UI_KEYS
        .iter()
        .chain(responses::RESPONSE_KEYS)
        .chain(tuning::TUNING_KEYS)
        .chain(conditions::CONDITION_KEYS)
        .chain(questionnaire::QUESTIONNAIRE_KEYS)
        .chain(&results::RANKING_COLUMN_KEYS)
        .copied()
        .chain(csv)
        .collect()
}

/// Every key of the `[checklist]` UI strings that the binding looks up by name, so the
/// generator's `check` can fail when one is missing in any language. Plural keys are listed
/// per form. A binding file that looks up a key not listed here fails the binding's tests.
pub const UI_KEYS: &[&str] = &[
    "decimal_mark",
    "date_numeric",
    "on_demand_loading",
    "on_demand_failed",
    "on_demand_retry",
    "tune_open",
    "conditions_open",
    "vendors_title",
    "vendor_selected",
    "vendor_name_edit",
    "rename",
    "rename_draft",
    "remove_vendor",
    "remove_confirm",
    "remove_yes",
    "remove_no",
    "no_vendors",
    "new_vendor_name",
    "add_vendor",
    "vendor_added",
    "vendor_removed",
    "too_many_vendors",
    "questions_for",
    "weight_points_one",
    "weight_points_other",
    "critical",
    "must_have",
    "should_have",
    "explained_in_guide",
    "ask_for",
    "none_apply",
    "value_in",
    "number_range",
    "evidence",
    "note",
    "results_for",
    // `verdict`, `score`, `completeness`, `confidence`, `rank` and `vendor_name` are
    // `results::RANKING_COLUMN_KEYS`, which `ui_keys` adds.
    "percent",
    "summary",
    "summary_details",
    "score_with_points_one",
    "score_with_points_other",
    // The six verdict words are `CsvLabels::VERDICT_KEYS`, which `ui_keys` adds.
    "reasons_title",
    "reason_failed",
    "reason_open",
    "reason_incomplete",
    "reason_critical_zero",
    "section_scores",
    "score_not_counting",
    "chart_title",
    "chart_description",
    "print_comparison",
    "comparison_report_title",
    "answers_side_by_side",
    "question",
    "section",
    "announce",
    "soft_rules_title",
    "soft_rules_hint",
    "comparison_title",
    "comparison_loading",
    "comparison_failed",
    "comparison_caption",
    "comparison_sections",
    "tools_title",
    "privacy_note",
    "export_json",
    "export_csv",
    "import_json",
    "share_create",
    "share_link",
    "share_hint",
    "print_report",
    "report_title",
    "unanswered",
    "import_offer_file_one",
    "import_offer_file_other",
    "import_offer_share_one",
    "import_offer_share_other",
    "import_replace",
    "import_merge",
    "import_dismiss",
    "import_done_one",
    "import_done_other",
    "import_left_out_one",
    "import_left_out_other",
    "import_nothing",
    "import_renamed_one",
    "import_renamed_other",
    "import_none_taken",
    "vendor_name_needed",
    "vendor_name_taken",
    "share_too_long",
    "chart_excluded_legend",
    "expired_title",
    "expired_hint",
    "expired_item",
    "expired_mark",
    "expired_count_one",
    "expired_count_other",
    "import_too_large",
    "import_malformed",
    "import_too_deep",
    "list_more",
    "import_newer",
    "import_other_checklist",
    "import_invalid",
    "import_orphaned_one",
    "import_orphaned_other",
    "import_dropped_rules_one",
    "import_dropped_rules_other",
    "share_invalid",
    "storage_unreadable",
    "storage_failed",
    // Saving in the browser (store): the storage panel of `checklist-wasm/src/saving.rs`.
    "storage_not_backed_up",
    "storage_backup_kept",
    "storage_backup_unreachable",
    "storage_unavailable",
    "storage_restore",
    "storage_download",
    "storage_delete",
    "storage_restored",
    "storage_deleted",
    // The workspace: view switch, filters, grid, detail panel, evidence dates, numbers (grid).
    "view_title",
    "view_grid",
    "view_cards",
    "filters_title",
    "filter_unanswered",
    "filter_critical",
    "filter_must_have",
    "filter_failing",
    "filter_count",
    "grid_caption",
    "grid_hint",
    "grid_question",
    "section_progress",
    "cell_not_applicable",
    "cell_fails",
    "cell_expired",
    "answer_for",
    "detail_title",
    "detail_vendor",
    "detail_answer",
    "detail_empty",
    "ask_for_missing",
    "valid_until",
    "valid_until_hint",
    "evidence_expired",
    "number_not_a_number",
    "number_out_of_range",
];

#[cfg(test)]
mod tests;
