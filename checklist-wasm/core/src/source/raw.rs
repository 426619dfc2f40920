//! The raw, span-carrying shapes of the checklist's TOML source, as serde reads them: one
//! struct per table, with the spans the problems point at. Checking and building the model
//! from them is the parent module's.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::definition::{MultiScoring, RuleKind, WeightClass};

pub(super) type RawText = Spanned<BTreeMap<String, Spanned<String>>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMeta {
    pub(super) id: Spanned<String>,
    pub(super) version: Spanned<String>,
    pub(super) languages: Spanned<Vec<String>>,
    pub(super) title: RawText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawWeights {
    pub(super) minor: RawWeightInfo,
    pub(super) standard: RawWeightInfo,
    pub(super) critical: RawWeightInfo,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawWeightInfo {
    pub(super) points: Spanned<f64>,
    pub(super) label: RawText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawVerdict {
    pub(super) strong: Spanned<f64>,
    pub(super) acceptable: Spanned<f64>,
    pub(super) conditional: Spanned<f64>,
    pub(super) min_completeness: Spanned<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAnswerSet {
    pub(super) yes: RawAnswerChoice,
    pub(super) partial: RawAnswerChoice,
    pub(super) no: RawAnswerChoice,
    pub(super) unknown: RawAnswerChoice,
    pub(super) not_applicable: RawText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAnswerChoice {
    pub(super) credit: Spanned<f64>,
    pub(super) label: RawText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEvidenceLevel {
    pub(super) id: Spanned<String>,
    pub(super) factor: Spanned<f64>,
    pub(super) label: RawText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSection {
    pub(super) id: Spanned<String>,
    pub(super) title: RawText,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub(super) enum RawKind {
    YesNo,
    Choice,
    Multi,
    Number,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuestion {
    pub(super) id: Spanned<String>,
    pub(super) section: Spanned<String>,
    pub(super) kind: Spanned<RawKind>,
    pub(super) weight: Option<Spanned<WeightClass>>,
    pub(super) visible_if: Option<Spanned<RawCondition>>,
    pub(super) guide: Spanned<String>,
    pub(super) text: RawText,
    pub(super) help: Option<RawText>,
    #[serde(default)]
    pub(super) ask_for: Vec<RawText>,
    pub(super) options: Option<Spanned<Vec<Spanned<RawOption>>>>,
    pub(super) scoring: Option<Spanned<MultiScoring>>,
    pub(super) unit: Option<RawText>,
    pub(super) min: Option<Spanned<f64>>,
    pub(super) max: Option<Spanned<f64>>,
    pub(super) bands: Option<Spanned<Vec<Spanned<RawBand>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOption {
    pub(super) id: Spanned<String>,
    pub(super) credit: Spanned<f64>,
    pub(super) label: RawText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBand {
    pub(super) at_least: Option<f64>,
    pub(super) at_most: Option<f64>,
    pub(super) credit: Spanned<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCondition {
    pub(super) question: Spanned<String>,
    #[serde(rename = "in")]
    pub(super) is_in: Option<Vec<String>>,
    pub(super) not_in: Option<Vec<String>>,
    pub(super) at_least: Option<f64>,
    pub(super) at_most: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGroup {
    pub(super) id: Spanned<String>,
    pub(super) section: Spanned<String>,
    pub(super) weight: Spanned<WeightClass>,
    pub(super) members: Spanned<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRule {
    pub(super) id: Spanned<String>,
    pub(super) kind: Spanned<RuleKind>,
    pub(super) any_of: Option<Spanned<Vec<Spanned<RawCondition>>>>,
    pub(super) all_of: Option<Spanned<Vec<Spanned<RawCondition>>>>,
    pub(super) reason: RawText,
}

/// An item of an array of tables, with the line of its `[[...]]` header.
pub(super) struct Item<T> {
    pub(super) line: usize,
    pub(super) raw: T,
}

#[derive(Default)]
pub(super) struct RawDocument {
    pub(super) meta: Option<Item<RawMeta>>,
    pub(super) weights: Option<Item<RawWeights>>,
    pub(super) verdict: Option<Item<RawVerdict>>,
    pub(super) answer_set: Option<Item<RawAnswerSet>>,
    pub(super) evidence_levels: Vec<Item<RawEvidenceLevel>>,
    pub(super) sections: Vec<Item<RawSection>>,
    pub(super) questions: Vec<Item<RawQuestion>>,
    pub(super) groups: Vec<Item<RawGroup>>,
    pub(super) rules: Vec<Item<RawRule>>,
}

/// One top-level key of a checklist source.
pub(super) struct TopLevelKey {
    /// The key as written in the file.
    pub(super) name: &'static str,
    /// Whether every checklist needs it.
    pub(super) required: bool,
    /// Whether it is an array of tables (`[[name]]`) rather than one table (`[name]`).
    pub(super) array: bool,
}

impl TopLevelKey {
    /// The key's header as written in the file: `[name]` or `[[name]]`.
    pub(super) fn header(&self) -> String {
        if self.array {
            format!("[[{}]]", self.name)
        } else {
            format!("[{}]", self.name)
        }
    }
}

/// The definition's top-level keys (the one list of them), in the order of `RawDocument`.
pub(super) const TOP_LEVEL_KEYS: [TopLevelKey; 9] = [
    top("meta", true, false),
    top("weights", true, false),
    top("verdict", true, false),
    top("answer_set", true, false),
    top("evidence_levels", true, true),
    top("sections", true, true),
    top("questions", true, true),
    top("groups", false, true),
    top("rules", false, true),
];

const fn top(name: &'static str, required: bool, array: bool) -> TopLevelKey {
    TopLevelKey {
        name,
        required,
        array,
    }
}
