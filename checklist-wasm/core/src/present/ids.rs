//! The element ids of the interactive checklist, in one enum, so the view that builds an
//! element, the binding that finds it and the handler that reacts to it can never disagree
//! on a spelling. Ids that carry an item (a question, a rule, a section) are built by the
//! functions below the enum. The browser tests use the same strings.

macro_rules! ids {
    ($($(#[doc = $doc:literal])* $name:ident = $text:literal,)*) => {
        /// An element of the checklist app that the binding builds, finds or reacts to.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Id {
            $($(#[doc = $doc])* $name,)*
        }

        impl Id {
            /// Every id, in declaration order.
            pub const ALL: &'static [Id] = &[$(Id::$name,)*];

            /// Returns the id as the page spells it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Id::$name => $text,)*
                }
            }

            /// Finds the id an element carries, if it is one of the app's.
            pub fn parse(text: &str) -> Option<Id> {
                // A search through the table: a `match` on the strings compiled to 1.4 KB
                // of wasm, and one event costs at most a hundred short comparisons.
                Id::ALL.iter().copied().find(|id| id.as_str() == text)
            }
        }
    };
}

ids! {
    /// The app's root container.
    App = "cl-app",
    /// The status or error message line.
    Message = "cl-message",
    /// The line below the message with "Try again" after the on-demand module failed to load.
    OnDemandLine = "cl-on-demand",
    /// "Try again": loads the on-demand module again, then does what waited for it.
    OnDemandRetry = "cl-on-demand-retry",
    /// The polite live region that announces score changes.
    Live = "cl-live",
    /// The import prompt (replace, merge or dismiss an offered workspace).
    Prompt = "cl-prompt",
    /// The text of the import prompt.
    PromptText = "cl-prompt-text",
    /// "Replace my vendors" in the import prompt.
    ImportReplace = "cl-import-replace",
    /// "Add to my vendors" in the import prompt.
    ImportMerge = "cl-import-merge",
    /// "Dismiss" in the import prompt.
    ImportDismiss = "cl-import-dismiss",
    /// The vendors panel.
    Vendors = "cl-vendors",
    /// The vendors panel's heading.
    VendorsTitle = "cl-vendors-title",
    /// The vendor bar inside the vendors panel.
    VendorBar = "cl-vendor-bar",
    /// The selector of the vendor being edited.
    VendorSelect = "cl-vendor-select",
    /// The form that renames the selected vendor.
    RenameForm = "cl-rename-form",
    /// The name field of the selected vendor.
    VendorName = "cl-vendor-name",
    /// The hint that the name field holds a rename not yet confirmed.
    RenameDraft = "cl-rename-draft",
    /// The button that asks to remove the selected vendor.
    RemoveVendor = "cl-remove-vendor",
    /// The removal confirmation.
    ConfirmRemove = "cl-confirm-remove",
    /// The question of the removal confirmation.
    ConfirmText = "cl-confirm-text",
    /// "Remove" in the removal confirmation.
    ConfirmRemoveYes = "cl-confirm-remove-yes",
    /// "Keep" in the removal confirmation.
    ConfirmRemoveNo = "cl-confirm-remove-no",
    /// The first step shown when there are no vendors yet.
    NoVendors = "cl-no-vendors",
    /// The form that adds a vendor.
    AddForm = "cl-add-form",
    /// The new vendor's name field.
    NewVendor = "cl-new-vendor",
    /// The button that adds a vendor.
    AddVendor = "cl-add-vendor",
    /// The sticky summary bar with the live verdict.
    Summary = "cl-summary",
    /// The sticky bar's link to the results.
    SummaryLink = "cl-summary-link",
    /// The questions of the vendor being edited.
    Questions = "cl-questions",
    /// The hidden heading of the questions.
    QuestionsTitle = "cl-questions-title",
    /// The results panel of the vendor being edited.
    Results = "cl-results",
    /// The results panel's heading.
    ResultsTitle = "cl-results-title",
    /// The verdict badge of the vendor being edited.
    Verdict = "cl-verdict",
    /// The overall totals list.
    Overall = "cl-overall",
    /// The overall score.
    OverallScore = "cl-overall-score",
    /// The overall completeness.
    OverallCompleteness = "cl-overall-completeness",
    /// The overall confidence.
    OverallConfidence = "cl-overall-confidence",
    /// The list of reasons for the verdict.
    Reasons = "cl-reasons",
    /// The answers of the vendor being edited whose evidence has expired.
    Expired = "cl-expired",
    /// The table of section scores of the vendor being edited.
    SectionScores = "cl-section-scores",
    /// The soft-rule switches of the vendor being edited.
    RuleSwitches = "cl-rule-switches",
    /// The hint of the soft-rule switches.
    RulesHint = "cl-rules-hint",
    /// The tuning panel (weights, must-haves, own questions).
    Tune = "cl-tune",
    /// Opens the tuning panel's controls (loading the on-demand module).
    TuneOpen = "cl-tune-open",
    /// The tuning panel's controls, filled by the on-demand module.
    TuneBody = "cl-tune-body",
    /// The tuning panel's summary of what differs from the guide.
    TuneSummary = "cl-tune-summary",
    /// The list of what differs from the guide.
    TuneDifferences = "cl-tune-differences",
    /// The per-question weight and must-have controls.
    TuneRows = "cl-tune-rows",
    /// The form that adds an own question.
    OwnForm = "cl-own-form",
    /// The own question's text.
    OwnText = "cl-own-text",
    /// The own question's section.
    OwnSection = "cl-own-section",
    /// The title of a new own section.
    OwnNewSection = "cl-own-new-section",
    /// The own question's options.
    OwnOptions = "cl-own-options",
    /// The hint under the options.
    OwnOptionsHint = "cl-own-options-hint",
    /// The own question's weight.
    OwnWeight = "cl-own-weight",
    /// The contract-conditions panel of the selected vendor.
    Conditions = "cl-conditions",
    /// Opens the contract-condition panel's fields (loading the on-demand module).
    ConditionsOpen = "cl-conditions-open",
    /// The contract-condition panel's fields, filled by the on-demand module.
    ConditionsBody = "cl-conditions-body",
    /// The comparison panel of all vendors.
    Comparison = "cl-comparison",
    /// The comparison panel's heading.
    ComparisonTitle = "cl-comparison-title",
    /// What the comparison region says while the on-demand module that fills it loads, or
    /// after the load failed.
    ComparisonStatus = "cl-comparison-status",
    /// The ranked comparison table.
    Compare = "cl-compare",
    /// The table of section scores per vendor.
    CompareSections = "cl-compare-sections",
    /// The chart of section scores per vendor.
    Chart = "cl-chart",
    /// The chart's title (its accessible name).
    ChartTitle = "cl-chart-title",
    /// The chart's description, which points to the table.
    ChartDescription = "cl-chart-desc",
    /// The tools panel: export, import, share, print.
    Tools = "cl-tools",
    /// The tools panel's heading.
    ToolsTitle = "cl-tools-title",
    /// Exports the workspace as JSON.
    ExportJson = "cl-export-json",
    /// Exports the workspace as CSV.
    ExportCsv = "cl-export-csv",
    /// The file picker that imports an export or vendors' response files (several at once).
    ImportFile = "cl-import-file",
    /// Creates a share link.
    Share = "cl-share",
    /// The share link's field and hint.
    ShareField = "cl-share-field",
    /// The share link.
    ShareUrl = "cl-share-url",
    /// The hint under the share link.
    ShareHint = "cl-share-hint",
    /// Prints the report of the vendor being edited.
    Print = "cl-print",
    /// Prints the comparison report of all vendors.
    PrintComparison = "cl-print-comparison",
    /// The print-only report container.
    Report = "cl-report",
    /// Creates the link for vendors (response mode).
    RespondCreate = "cl-respond-create",
    /// The link for vendors' field and hint.
    RespondField = "cl-respond-field",
    /// The link for vendors.
    RespondUrl = "cl-respond-url",
    /// The hint under the link for vendors.
    RespondHint = "cl-respond-hint",
    /// Response mode: the vendor's company name.
    RespondCompany = "cl-r-company",
    /// Response mode: the vendor's contact.
    RespondContact = "cl-r-contact",
    /// Response mode: how many questions the vendor answered.
    RespondProgress = "cl-r-progress",
    /// Response mode: downloads the response file.
    RespondExport = "cl-r-export",
    /// Downloads the questionnaire file, beside the link for vendors.
    QuestionnaireDownload = "cl-questionnaire-download",
    /// Response mode: the file picker for a questionnaire file.
    QuestionnaireOpen = "cl-r-questionnaire",
    /// Response mode: the questions (rebuilt when a questionnaire file adds the buyer's own).
    RespondQuestions = "cl-r-questions",
    /// The review of a vendor's statement in the detail panel.
    Review = "cl-review",
    /// The review's state line.
    ReviewState = "cl-review-state",
    /// Accepts the vendor's statement.
    ReviewAccept = "cl-review-accept",
    /// Puts the vendor's statement back as the buyer's answer.
    ReviewRestore = "cl-review-restore",
}

/// Returns the id of a question's card in the one-vendor view.
pub fn question_card(question: &str) -> String {
    format!("cl-q-{question}")
}

/// Returns the id of a section's block in the one-vendor view.
pub fn section_block(section: &str) -> String {
    format!("cl-section-{section}")
}

/// Returns the id of a soft rule's switch.
pub fn rule_switch(rule: &str) -> String {
    format!("cl-rule-{rule}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_is_unique_and_parses_back() {
        for (i, id) in Id::ALL.iter().enumerate() {
            assert_eq!(Id::parse(id.as_str()), Some(*id));
            assert!(id.as_str().starts_with("cl-"), "{id:?}");
            assert!(
                !Id::ALL[..i]
                    .iter()
                    .any(|other| other.as_str() == id.as_str()),
                "{id:?} twice"
            );
        }
        assert_eq!(Id::parse("cl-nothing"), None);
    }
}
