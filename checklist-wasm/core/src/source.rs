//! Reading and validating the checklist's TOML source. It owns the raw, span-carrying
//! shapes of the file and every check a writer of `content/checklist.toml` needs: unknown
//! keys, duplicate ids, dangling references, band order, credit ranges and missing
//! translations. It collects all problems, each with a 1-based line and a fix, instead of
//! stopping at the first. The validated model itself lives in `definition`; checks that need
//! the rest of the site (does a `guide` page exist?) are left to the site generator.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::Spanned;

use crate::definition::{
    AnswerChoice, AnswerOption, AnswerSet, Band, BandDirection, Combine, Condition, Definition,
    EvidenceLevel, Group, Meta, MultiScoring, Question, QuestionKind, Rule, RuleKind, Section,
    Test, Text, Verbal, VerdictBands, WeightClass, WeightInfo, Weights,
};
use crate::sorted::SortedMap;

/// One problem in a checklist source, with the line to fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DefinitionError {
    /// 1-based line of the offending item, or 0 when no line applies.
    pub line: usize,
    /// What is wrong and how to fix it, in lowercase.
    pub message: String,
}

impl fmt::Display for DefinitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DefinitionError {}

/// Parses and validates a checklist definition, returning every problem found.
pub fn parse_definition(source: &str) -> Result<Definition, Vec<DefinitionError>> {
    let mut cx = Context::new(source);
    let doc = match DeTable::parse(source) {
        Ok(doc) => doc,
        Err(err) => {
            let line = err.span().map_or(0, |s| cx.line(s.start));
            return Err(vec![DefinitionError {
                line,
                message: format!("invalid toml: {}", err.message()),
            }]);
        }
    };
    cx.refuse_non_finite(doc.get_ref());
    let raw = cx.read_document(doc.get_ref());
    let def = cx.build(raw);
    if cx.errors.is_empty() {
        Ok(def.expect("a definition is built whenever there are no errors"))
    } else {
        cx.errors.sort_by_key(|e| e.line);
        Err(cx.errors)
    }
}

// ------------------------------------------------------------------------------------
// Raw shapes, as written in TOML. Fields that errors point at carry their span.

type RawText = Spanned<BTreeMap<String, Spanned<String>>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    id: Spanned<String>,
    version: Spanned<String>,
    languages: Spanned<Vec<String>>,
    title: RawText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWeights {
    minor: RawWeightInfo,
    standard: RawWeightInfo,
    critical: RawWeightInfo,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWeightInfo {
    points: Spanned<f64>,
    label: RawText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVerdict {
    strong: Spanned<f64>,
    acceptable: Spanned<f64>,
    conditional: Spanned<f64>,
    min_completeness: Spanned<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswerSet {
    yes: RawAnswerChoice,
    partial: RawAnswerChoice,
    no: RawAnswerChoice,
    unknown: RawAnswerChoice,
    not_applicable: RawText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswerChoice {
    credit: Spanned<f64>,
    label: RawText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvidenceLevel {
    id: Spanned<String>,
    factor: Spanned<f64>,
    label: RawText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    id: Spanned<String>,
    title: RawText,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum RawKind {
    YesNo,
    Choice,
    Multi,
    Number,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    section: Spanned<String>,
    kind: Spanned<RawKind>,
    weight: Option<Spanned<WeightClass>>,
    visible_if: Option<Spanned<RawCondition>>,
    guide: Spanned<String>,
    text: RawText,
    help: Option<RawText>,
    #[serde(default)]
    ask_for: Vec<RawText>,
    options: Option<Spanned<Vec<Spanned<RawOption>>>>,
    scoring: Option<Spanned<MultiScoring>>,
    unit: Option<RawText>,
    min: Option<Spanned<f64>>,
    max: Option<Spanned<f64>>,
    bands: Option<Spanned<Vec<Spanned<RawBand>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    id: Spanned<String>,
    credit: Spanned<f64>,
    label: RawText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBand {
    at_least: Option<f64>,
    at_most: Option<f64>,
    credit: Spanned<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    question: Spanned<String>,
    #[serde(rename = "in")]
    is_in: Option<Vec<String>>,
    not_in: Option<Vec<String>>,
    at_least: Option<f64>,
    at_most: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    id: Spanned<String>,
    section: Spanned<String>,
    weight: Spanned<WeightClass>,
    members: Spanned<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    kind: Spanned<RuleKind>,
    any_of: Option<Spanned<Vec<Spanned<RawCondition>>>>,
    all_of: Option<Spanned<Vec<Spanned<RawCondition>>>>,
    reason: RawText,
}

/// An item of an array of tables, with the line of its `[[...]]` header.
struct Item<T> {
    line: usize,
    raw: T,
}

#[derive(Default)]
struct RawDocument {
    meta: Option<Item<RawMeta>>,
    weights: Option<Item<RawWeights>>,
    verdict: Option<Item<RawVerdict>>,
    answer_set: Option<Item<RawAnswerSet>>,
    evidence_levels: Vec<Item<RawEvidenceLevel>>,
    sections: Vec<Item<RawSection>>,
    questions: Vec<Item<RawQuestion>>,
    groups: Vec<Item<RawGroup>>,
    rules: Vec<Item<RawRule>>,
}

const TOP_LEVEL_KEYS: [&str; 9] = [
    "meta",
    "weights",
    "verdict",
    "answer_set",
    "evidence_levels",
    "sections",
    "questions",
    "groups",
    "rules",
];

// ------------------------------------------------------------------------------------
// Validation context.

struct Context<'s> {
    source: &'s str,
    line_starts: Vec<usize>,
    errors: Vec<DefinitionError>,
    languages: Vec<String>,
    /// Ids of items that failed to deserialize; references to them are not reported again.
    broken_ids: BTreeSet<String>,
    /// Ids of all questions, to tell "defined later" from "does not exist".
    question_ids: Vec<String>,
}

impl<'s> Context<'s> {
    fn new(source: &'s str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Context {
            source,
            line_starts,
            errors: Vec::new(),
            languages: Vec::new(),
            broken_ids: BTreeSet::new(),
            question_ids: Vec::new(),
        }
    }

    /// Returns the 1-based line of a byte offset.
    fn line(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&start| start <= offset.min(self.source.len()))
    }

    fn line_of(&self, span: Range<usize>) -> usize {
        self.line(span.start)
    }

    fn error(&mut self, line: usize, message: impl Into<String>) {
        self.errors.push(DefinitionError {
            line,
            message: message.into(),
        });
    }

    // ---------------------------------------------------------------- structure

    /// Refuses `inf` and `nan` anywhere in the file: TOML allows them, but no field of a
    /// checklist means anything with them, and the JSON the browser reads cannot hold them.
    fn refuse_non_finite(&mut self, table: &DeTable<'_>) {
        for (key, value) in table.iter() {
            self.refuse_non_finite_value(key.get_ref(), value);
        }
    }

    fn refuse_non_finite_value(&mut self, key: &str, value: &Spanned<DeValue<'_>>) {
        match value.get_ref() {
            DeValue::Float(float)
                if float.as_str().contains("inf") || float.as_str().contains("nan") =>
            {
                let line = self.line_of(value.span());
                let text = float.as_str();
                self.error(
                    line,
                    format!("`{key} = {text}` is not a finite number; write a number"),
                );
            }
            DeValue::Table(table) => self.refuse_non_finite(table),
            DeValue::Array(items) => {
                for item in items.iter() {
                    self.refuse_non_finite_value(key, item);
                }
            }
            _ => {}
        }
    }

    fn read_document(&mut self, doc: &DeTable<'_>) -> RawDocument {
        let mut raw = RawDocument::default();
        let mut seen = BTreeSet::new();
        for (key, value) in doc.iter() {
            let name: &str = key.get_ref();
            seen.insert(name.to_owned());
            match name {
                "meta" => raw.meta = self.read_table(value, "`[meta]`"),
                "weights" => raw.weights = self.read_table(value, "`[weights]`"),
                "verdict" => raw.verdict = self.read_table(value, "`[verdict]`"),
                "answer_set" => raw.answer_set = self.read_table(value, "`[answer_set]`"),
                "evidence_levels" => {
                    raw.evidence_levels =
                        self.read_array(value, "evidence_levels", "evidence level")
                }
                "sections" => raw.sections = self.read_array(value, "sections", "section"),
                "questions" => raw.questions = self.read_array(value, "questions", "question"),
                "groups" => raw.groups = self.read_array(value, "groups", "group"),
                "rules" => raw.rules = self.read_array(value, "rules", "rule"),
                other => {
                    let line = self.line_of(key.span());
                    let hint = suggestion(other, TOP_LEVEL_KEYS.iter().copied());
                    self.error(line, format!("unknown top-level key `{other}`{hint}"));
                }
            }
        }
        for required in [
            "meta",
            "weights",
            "verdict",
            "answer_set",
            "evidence_levels",
            "sections",
            "questions",
        ] {
            if !seen.contains(required) {
                let form = if matches!(required, "evidence_levels" | "sections" | "questions") {
                    format!("[[{required}]]")
                } else {
                    format!("[{required}]")
                };
                self.error(0, format!("missing `{form}`; every checklist needs it"));
            }
        }
        raw
    }

    fn read_table<T: DeserializeOwned>(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        what: &str,
    ) -> Option<Item<T>> {
        let line = self.line_of(value.span());
        if !value.get_ref().is_table() {
            self.error(line, format!("{what} must be a table"));
            return None;
        }
        match T::deserialize(ValueDeserializer::from(value.clone())) {
            Ok(raw) => Some(Item { line, raw }),
            Err(err) => {
                self.deserialize_error(&err, line, what);
                None
            }
        }
    }

    fn read_array<T: DeserializeOwned>(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        key: &str,
        noun: &str,
    ) -> Vec<Item<T>> {
        let Some(array) = value.get_ref().as_array() else {
            let line = self.line_of(value.span());
            self.error(
                line,
                format!("`{key}` must be an array of tables; write each entry as `[[{key}]]`"),
            );
            return Vec::new();
        };
        let mut items = Vec::new();
        for (index, entry) in array.iter().enumerate() {
            let line = self.line_of(entry.span());
            let id = entry
                .get_ref()
                .get("id")
                .and_then(|v| v.get_ref().as_str())
                .map(str::to_owned);
            let what = match &id {
                Some(id) => format!("{noun} `{id}`"),
                None => format!("{noun} #{}", index + 1),
            };
            if !entry.get_ref().is_table() {
                self.error(line, format!("{what} must be a table"));
                continue;
            }
            match T::deserialize(ValueDeserializer::from(entry.clone())) {
                Ok(raw) => items.push(Item { line, raw }),
                Err(err) => {
                    self.deserialize_error(&err, line, &what);
                    if let Some(id) = id {
                        self.broken_ids.insert(id);
                    }
                }
            }
        }
        items
    }

    /// Rewrites a serde error into a fix-it message with a "did you mean" where possible.
    fn deserialize_error(&mut self, err: &toml::de::Error, item_line: usize, what: &str) {
        let line = err.span().map_or(item_line, |s| self.line(s.start));
        let message = err.message();
        let (name, expected) = backticked(message);
        let text = if message.starts_with("unknown field") {
            let hint = suggestion(&name, expected.iter().map(String::as_str));
            if hint.is_empty() {
                format!(
                    "{what}: unknown key `{name}`; allowed keys are {}",
                    list(&expected)
                )
            } else {
                format!("{what}: unknown key `{name}`{hint}")
            }
        } else if message.starts_with("unknown variant") {
            let hint = suggestion(&name, expected.iter().map(String::as_str));
            if hint.is_empty() {
                format!(
                    "{what}: unknown value `{name}`; use one of {}",
                    list(&expected)
                )
            } else {
                format!("{what}: unknown value `{name}`{hint}")
            }
        } else if message.starts_with("missing field") {
            format!("{what}: missing key `{name}`; add it")
        } else {
            format!("{what}: {message}")
        };
        self.error(line, text);
    }

    // ---------------------------------------------------------------- semantics

    fn build(&mut self, raw: RawDocument) -> Option<Definition> {
        let meta = raw.meta.map(|m| self.build_meta(m));
        let weights = raw.weights.map(|w| self.build_weights(w));
        let verdict = raw.verdict.map(|v| self.build_verdict(v));
        let answer_set = raw.answer_set.map(|a| self.build_answer_set(a));
        let evidence_levels = self.build_evidence_levels(raw.evidence_levels);
        let sections = self.build_sections(raw.sections);
        let section_ids: Vec<String> = sections.iter().map(|s| s.id.clone()).collect();
        self.question_ids = raw
            .questions
            .iter()
            .map(|q| q.raw.id.get_ref().clone())
            .collect();
        let group_members = self.group_membership(&raw.groups);
        let mut questions = self.build_questions(raw.questions, &section_ids, &group_members);
        let groups = self.build_groups(raw.groups, &section_ids, &questions);
        for question in &mut questions {
            question.group = group_members.get(&question.id).cloned();
            if let Some(group) = groups
                .iter()
                .find(|g| Some(&g.id) == question.group.as_ref())
            {
                question.weight = group.weight;
            }
        }
        let rules = self.build_rules(raw.rules, &questions);
        Some(Definition {
            meta: meta?,
            weights: weights?,
            verdict: verdict?,
            answer_set: answer_set?,
            evidence_levels,
            sections,
            questions,
            groups,
            rules,
        })
    }

    fn text(&mut self, raw: &RawText, what: &str, field: &str) -> Text {
        let line = self.line_of(raw.span());
        let mut map = SortedMap::new();
        for (lang, value) in raw.get_ref() {
            if !self.languages.contains(lang) {
                let hint = suggestion(lang, self.languages.iter().map(String::as_str));
                let langs = list(&self.languages);
                self.error(line, format!("{what}: `{field}` has text in `{lang}`, which is not a language of this checklist{hint}; use {langs}"));
            } else if value.get_ref().trim().is_empty() {
                let l = self.line_of(value.span());
                self.error(
                    l,
                    format!("{what}: `{field}.{lang}` is empty; write the text"),
                );
            }
            map.insert(lang.clone(), value.get_ref().clone());
        }
        let missing: Vec<String> = self
            .languages
            .iter()
            .filter(|l| !raw.get_ref().contains_key(*l))
            .cloned()
            .collect();
        for lang in missing {
            self.error(
                line,
                format!("{what}: `{field}` has no `{lang}` translation; add `{field}.{lang}`"),
            );
        }
        Text(map)
    }

    fn unit_interval(&mut self, value: &Spanned<f64>, what: &str, field: &str) -> f64 {
        let v = *value.get_ref();
        if !(0.0..=1.0).contains(&v) {
            let line = self.line_of(value.span());
            self.error(
                line,
                format!("{what}: {field} {v} is outside [0, 1]; use a value from 0 to 1"),
            );
        }
        v
    }

    fn build_meta(&mut self, item: Item<RawMeta>) -> Meta {
        let m = item.raw;
        let mut languages = Vec::new();
        for lang in m.languages.get_ref() {
            if languages.contains(lang) {
                let line = self.line_of(m.languages.span());
                self.error(
                    line,
                    format!("`[meta]`: language `{lang}` is listed twice; list each language once"),
                );
            } else {
                languages.push(lang.clone());
            }
        }
        if languages.is_empty() {
            let line = self.line_of(m.languages.span());
            self.error(
                line,
                "`[meta]`: `languages` is empty; list at least one, e.g. `[\"en\", \"de\"]`",
            );
        }
        self.languages = languages.clone();
        for (field, value) in [("id", &m.id), ("version", &m.version)] {
            if !is_identifier(value.get_ref()) {
                let line = self.line_of(value.span());
                self.error(line, format!("`[meta]`: `{field}` `{}` must be non-empty and use only a-z, 0-9, `.`, `_` and `-`", value.get_ref()));
            }
        }
        let title = self.text(&m.title, "`[meta]`", "title");
        Meta {
            id: m.id.into_inner(),
            version: m.version.into_inner(),
            languages,
            title,
        }
    }

    fn build_weights(&mut self, item: Item<RawWeights>) -> Weights {
        let w = item.raw;
        let info = |cx: &mut Self, raw: RawWeightInfo, name: &str| {
            let points = *raw.points.get_ref();
            if !(points.is_finite() && points > 0.0) {
                let line = cx.line_of(raw.points.span());
                cx.error(
                    line,
                    format!("`[weights]`: `{name}.points` is {points}; use a positive number"),
                );
            }
            let label = cx.text(&raw.label, "`[weights]`", &format!("{name}.label"));
            WeightInfo { points, label }
        };
        let minor = info(self, w.minor, WeightClass::Minor.id());
        let standard = info(self, w.standard, WeightClass::Standard.id());
        let critical = info(self, w.critical, WeightClass::Critical.id());
        if !(minor.points <= standard.points && standard.points <= critical.points) {
            self.error(item.line, "`[weights]`: points must rise from minor to standard to critical (the method uses 1, 2, 4)");
        }
        Weights {
            minor,
            standard,
            critical,
        }
    }

    fn build_verdict(&mut self, item: Item<RawVerdict>) -> VerdictBands {
        let v = item.raw;
        let (s, a, c) = (
            *v.strong.get_ref(),
            *v.acceptable.get_ref(),
            *v.conditional.get_ref(),
        );
        for (name, value) in [
            ("strong", &v.strong),
            ("acceptable", &v.acceptable),
            ("conditional", &v.conditional),
        ] {
            if !(0.0..=100.0).contains(value.get_ref()) {
                let line = self.line_of(value.span());
                self.error(
                    line,
                    format!(
                        "`[verdict]`: `{name}` {} is outside [0, 100]; scores run from 0 to 100",
                        value.get_ref()
                    ),
                );
            }
        }
        if !(c < a && a < s) {
            self.error(item.line, format!("`[verdict]`: bands must fall from strong to acceptable to conditional, found {s}, {a}, {c}"));
        }
        let min_completeness =
            self.unit_interval(&v.min_completeness, "`[verdict]`", "`min_completeness`");
        VerdictBands {
            strong: s,
            acceptable: a,
            conditional: c,
            min_completeness,
        }
    }

    fn build_answer_set(&mut self, item: Item<RawAnswerSet>) -> AnswerSet {
        let a = item.raw;
        let choice = |cx: &mut Self, raw: RawAnswerChoice, name: &str| {
            let credit =
                cx.unit_interval(&raw.credit, "`[answer_set]`", &format!("`{name}.credit`"));
            let label = cx.text(&raw.label, "`[answer_set]`", &format!("{name}.label"));
            AnswerChoice { credit, label }
        };
        let unknown_line = self.line_of(a.unknown.credit.span());
        let set = AnswerSet {
            yes: choice(self, a.yes, Verbal::Yes.id()),
            partial: choice(self, a.partial, Verbal::Partial.id()),
            no: choice(self, a.no, Verbal::No.id()),
            unknown: choice(self, a.unknown, Verbal::Unknown.id()),
            not_applicable: self.text(&a.not_applicable, "`[answer_set]`", "not_applicable"),
        };
        if set.unknown.credit != 0.0 {
            self.error(unknown_line, "`[answer_set]`: `unknown.credit` must be 0; the method never gives credit for not knowing");
        }
        if !(set.yes.credit >= set.partial.credit && set.partial.credit >= set.no.credit) {
            self.error(
                item.line,
                "`[answer_set]`: credits must fall from yes to partial to no",
            );
        }
        set
    }

    fn build_evidence_levels(&mut self, items: Vec<Item<RawEvidenceLevel>>) -> Vec<EvidenceLevel> {
        let mut seen = BTreeMap::new();
        let mut out = Vec::new();
        for item in items {
            let r = item.raw;
            let id = r.id.get_ref().clone();
            let what = format!("evidence level `{id}`");
            self.unique(&mut seen, &id, item.line, "evidence level");
            let factor = self.unit_interval(&r.factor, &what, "`factor`");
            let label = self.text(&r.label, &what, "label");
            out.push(EvidenceLevel { id, factor, label });
        }
        out
    }

    fn build_sections(&mut self, items: Vec<Item<RawSection>>) -> Vec<Section> {
        let mut seen = BTreeMap::new();
        let mut out = Vec::new();
        for item in items {
            let id = item.raw.id.get_ref().clone();
            self.unique(&mut seen, &id, item.line, "section");
            let title = self.text(&item.raw.title, &format!("section `{id}`"), "title");
            out.push(Section {
                id,
                title,
                line: item.line,
            });
        }
        out
    }

    /// Reports a duplicate id, remembering the first line it was used on.
    fn unique(&mut self, seen: &mut BTreeMap<String, usize>, id: &str, line: usize, noun: &str) {
        if !is_identifier(id) {
            self.error(
                line,
                format!(
                    "{noun} id `{id}` must be non-empty and use only a-z, 0-9, `.`, `_` and `-`"
                ),
            );
        }
        if let Some(first) = seen.get(id) {
            self.error(line, format!("duplicate {noun} id `{id}` (first used on line {first}); give each {noun} its own id"));
        } else {
            seen.insert(id.to_owned(), line);
        }
    }

    fn reference(
        &mut self,
        span: Range<usize>,
        what: &str,
        noun: &str,
        id: &str,
        known: &[String],
    ) -> bool {
        if known.iter().any(|k| k == id) {
            return true;
        }
        if !self.broken_ids.contains(id) {
            let line = self.line_of(span);
            let hint = suggestion(id, known.iter().map(String::as_str));
            self.error(line, format!("{what}: {noun} `{id}` does not exist{hint}"));
        }
        false
    }

    fn group_membership(&mut self, groups: &[Item<RawGroup>]) -> BTreeMap<String, String> {
        let mut membership: BTreeMap<String, String> = BTreeMap::new();
        for group in groups {
            for member in group.raw.members.get_ref() {
                let id = member.get_ref();
                if let Some(other) = membership.get(id) {
                    if other != group.raw.id.get_ref() {
                        let line = self.line_of(member.span());
                        self.error(line, format!("group `{}`: question `{id}` is already a member of group `{other}`; a question can be in one group only", group.raw.id.get_ref()));
                    }
                } else {
                    membership.insert(id.clone(), group.raw.id.get_ref().clone());
                }
            }
        }
        membership
    }

    fn build_questions(
        &mut self,
        items: Vec<Item<RawQuestion>>,
        section_ids: &[String],
        group_members: &BTreeMap<String, String>,
    ) -> Vec<Question> {
        let mut seen = BTreeMap::new();
        let mut out: Vec<Question> = Vec::new();
        for item in items {
            let q = item.raw;
            let id = q.id.get_ref().clone();
            let what = format!("question `{id}`");
            self.unique(&mut seen, &id, item.line, "question");
            self.reference(
                q.section.span(),
                &what,
                "section",
                q.section.get_ref(),
                section_ids,
            );
            let in_group = group_members.get(&id);
            let weight = match (&q.weight, in_group) {
                (Some(w), None) => *w.get_ref(),
                (Some(w), Some(group)) => {
                    let line = self.line_of(w.span());
                    self.error(line, format!("{what}: a member of group `{group}` takes the group's weight; remove `weight`"));
                    *w.get_ref()
                }
                (None, Some(_)) => WeightClass::Standard, // replaced by the group's weight later
                (None, None) => {
                    self.error(item.line, format!("{what}: missing key `weight`; add `weight = \"minor\"`, `\"standard\"` or `\"critical\"`"));
                    WeightClass::Standard
                }
            };
            let visible_if = q.visible_if.as_ref().and_then(|c| {
                let cond = self.condition(c, &format!("{what}: `visible_if`"), &out)?;
                Some(cond)
            });
            if let Some(c) = &q.visible_if {
                if c.get_ref().question.get_ref() == &id {
                    let line = self.line_of(c.span());
                    self.error(line, format!("{what}: `visible_if` refers to the question itself; refer to an earlier question"));
                }
            }
            self.check_guide(&q.guide, &what);
            let text = self.text(&q.text, &what, "text");
            let help = q.help.as_ref().map(|h| self.text(h, &what, "help"));
            let ask_for = q
                .ask_for
                .iter()
                .map(|t| self.text(t, &what, "ask_for"))
                .collect();
            let kind = self.question_kind(&q, item.line, &what);
            out.push(Question {
                id,
                section: q.section.into_inner(),
                weight,
                group: None,
                visible_if,
                guide: q.guide.into_inner(),
                text,
                help,
                ask_for,
                kind,
                line: item.line,
            });
        }
        out
    }

    fn check_guide(&mut self, guide: &Spanned<String>, what: &str) {
        let link = guide.get_ref();
        let (page, fragment) = match link.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (link.as_str(), None),
        };
        let slug = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        };
        let page_ok = page.strip_suffix(".md").is_some_and(slug);
        let fragment_ok = fragment.is_none_or(slug);
        if !(page_ok && fragment_ok) {
            let line = self.line_of(guide.span());
            self.error(line, format!("{what}: `guide` `{link}` is not a guide link; write `<page>.md` or `<page>.md#<heading-id>`, e.g. `soc-2.md`"));
        }
    }

    fn question_kind(&mut self, q: &RawQuestion, line: usize, what: &str) -> QuestionKind {
        let kind = *q.kind.get_ref();
        let kind_name = match kind {
            RawKind::YesNo => "yes_no",
            RawKind::Choice => "choice",
            RawKind::Multi => "multi",
            RawKind::Number => "number",
        };
        let present = [
            (
                "options",
                q.options.is_some(),
                matches!(kind, RawKind::Choice | RawKind::Multi),
            ),
            ("scoring", q.scoring.is_some(), kind == RawKind::Multi),
            ("unit", q.unit.is_some(), kind == RawKind::Number),
            ("min", q.min.is_some(), kind == RawKind::Number),
            ("max", q.max.is_some(), kind == RawKind::Number),
            ("bands", q.bands.is_some(), kind == RawKind::Number),
        ];
        for (key, is_present, belongs) in present {
            if is_present && !belongs {
                self.error(
                    line,
                    format!(
                        "{what}: `{key}` does not apply to a `{kind_name}` question; remove it"
                    ),
                );
            } else if !is_present && belongs {
                self.error(
                    line,
                    format!("{what}: a `{kind_name}` question needs `{key}`; add it"),
                );
            }
        }
        match kind {
            RawKind::YesNo => QuestionKind::YesNo,
            RawKind::Choice => QuestionKind::Choice {
                options: self.options(q, what),
            },
            RawKind::Multi => QuestionKind::Multi {
                options: self.options(q, what),
                scoring: q
                    .scoring
                    .as_ref()
                    .map_or(MultiScoring::Any, |s| *s.get_ref()),
            },
            RawKind::Number => self.number(q, line, what),
        }
    }

    fn options(&mut self, q: &RawQuestion, what: &str) -> Vec<AnswerOption> {
        let Some(options) = &q.options else {
            return Vec::new();
        };
        if options.get_ref().len() < 2 {
            let line = self.line_of(options.span());
            self.error(line, format!("{what}: a choice needs at least two options"));
        }
        let mut seen = BTreeMap::new();
        let mut out = Vec::new();
        for option in options.get_ref() {
            let o = option.get_ref();
            let line = self.line_of(option.span());
            let id = o.id.get_ref().clone();
            let owhat = format!("{what}: option `{id}`");
            self.unique(&mut seen, &id, line, "option");
            if id == "unknown" {
                self.error(line, format!("{owhat}: `unknown` is reserved, because every question already offers \"don't know\"; remove the option"));
            }
            let credit = self.unit_interval(&o.credit, &owhat, "credit");
            let label = self.text(&o.label, &owhat, "label");
            out.push(AnswerOption { id, credit, label });
        }
        out
    }

    fn number(&mut self, q: &RawQuestion, line: usize, what: &str) -> QuestionKind {
        let min = q.min.as_ref().map_or(0.0, |m| *m.get_ref());
        let max = q.max.as_ref().map_or(0.0, |m| *m.get_ref());
        if q.min.is_some()
            && q.max.is_some()
            && min.partial_cmp(&max) != Some(std::cmp::Ordering::Less)
        {
            self.error(
                line,
                format!("{what}: `min` {min} must be below `max` {max}"),
            );
        }
        let unit = q
            .unit
            .as_ref()
            .map_or_else(Text::default, |u| self.text(u, what, "unit"));
        let mut direction = None;
        let mut bands: Vec<Band> = Vec::new();
        for band in q.bands.as_ref().map_or(&[][..], |b| b.get_ref().as_slice()) {
            let bline = self.line_of(band.span());
            let b = band.get_ref();
            let (dir, limit) = match (b.at_least, b.at_most) {
                (Some(l), None) => (BandDirection::AtLeast, l),
                (None, Some(l)) => (BandDirection::AtMost, l),
                _ => {
                    self.error(
                        bline,
                        format!("{what}: each band needs exactly one of `at_least` or `at_most`"),
                    );
                    continue;
                }
            };
            if *direction.get_or_insert(dir) != dir {
                self.error(bline, format!("{what}: bands mix `at_least` and `at_most`; use one kind for all bands of a question"));
                continue;
            }
            let credit = self.unit_interval(&b.credit, what, "band credit");
            if !(min..=max).contains(&limit) {
                self.error(
                    bline,
                    format!("{what}: band limit {limit} is outside `min`..`max` ({min}..{max})"),
                );
            }
            if let Some(prev) = bands.last() {
                let (in_order, order) = match dir {
                    BandDirection::AtLeast => (limit < prev.limit, "from the highest limit down"),
                    BandDirection::AtMost => (limit > prev.limit, "from the lowest limit up"),
                };
                if limit == prev.limit {
                    self.error(bline, format!("{what}: bands overlap: limit {limit} is used twice; give each band its own limit"));
                } else if !in_order {
                    self.error(bline, format!("{what}: bands are out of order: {limit} comes after {}; list `{}` bands {order}", prev.limit, BandDirection::id(dir)));
                } else if credit > prev.credit {
                    self.error(bline, format!("{what}: band {limit} gives more credit ({credit}) than the better band {} ({}); credits must not rise for worse values", prev.limit, prev.credit));
                }
            }
            bands.push(Band { limit, credit });
        }
        if q.bands.as_ref().is_some_and(|b| b.get_ref().is_empty()) {
            self.error(
                line,
                format!("{what}: `bands` is empty; add at least one band"),
            );
        }
        QuestionKind::Number {
            unit,
            min,
            max,
            direction: direction.unwrap_or(BandDirection::AtLeast),
            bands,
        }
    }

    /// Validates a condition against the questions defined so far.
    fn condition(
        &mut self,
        raw: &Spanned<RawCondition>,
        what: &str,
        earlier: &[Question],
    ) -> Option<Condition> {
        let line = self.line_of(raw.span());
        let c = raw.get_ref();
        let target_id = c.question.get_ref();
        let tests = [
            c.is_in.is_some(),
            c.not_in.is_some(),
            c.at_least.is_some(),
            c.at_most.is_some(),
        ];
        if tests.iter().filter(|t| **t).count() != 1 {
            self.error(line, format!("{what}: a condition needs exactly one of `in`, `not_in`, `at_least` or `at_most`"));
            return None;
        }
        let Some(target) = earlier.iter().find(|q| &q.id == target_id) else {
            if self.question_ids.contains(target_id) {
                self.error(line, format!("{what}: question `{target_id}` comes later in the file; `visible_if` may only refer to a question above it"));
            } else if !self.broken_ids.contains(target_id) {
                let hint = suggestion(target_id, self.question_ids.iter().map(String::as_str));
                self.error(
                    line,
                    format!("{what}: question `{target_id}` does not exist{hint}"),
                );
            }
            return None;
        };
        let test = if let Some(values) = c.is_in.clone().or_else(|| c.not_in.clone()) {
            let allowed: Vec<&str> = match &target.kind {
                // "unknown" always leaves a condition open, so a condition cannot name it.
                QuestionKind::YesNo => {
                    vec![Verbal::Yes.id(), Verbal::Partial.id(), Verbal::No.id()]
                }
                QuestionKind::Choice { options } | QuestionKind::Multi { options, .. } => {
                    options.iter().map(|o| o.id.as_str()).collect()
                }
                QuestionKind::Number { .. } => {
                    self.error(line, format!("{what}: question `{target_id}` is a number; test it with `at_least` or `at_most`"));
                    return None;
                }
            };
            if values.is_empty() {
                self.error(
                    line,
                    format!("{what}: the list of values is empty; name at least one answer"),
                );
            }
            for value in &values {
                if !allowed.contains(&value.as_str()) {
                    let hint = suggestion(value, allowed.iter().copied());
                    let extra = if value == Verbal::Unknown.id() {
                        " (an unknown answer always leaves a condition open)"
                    } else {
                        ""
                    };
                    self.error(line, format!("{what}: `{value}` is not an answer of question `{target_id}`{hint}{extra}; use {}", list(&allowed)));
                }
            }
            if c.is_in.is_some() {
                Test::In(values)
            } else {
                Test::NotIn(values)
            }
        } else {
            if !matches!(target.kind, QuestionKind::Number { .. }) {
                self.error(line, format!("{what}: `at_least`/`at_most` only apply to number questions; test `{target_id}` with `in` or `not_in`"));
                return None;
            }
            match (c.at_least, c.at_most) {
                (Some(v), _) => Test::AtLeast(v),
                (_, Some(v)) => Test::AtMost(v),
                _ => return None,
            }
        };
        Some(Condition {
            question: target_id.clone(),
            test,
        })
    }

    fn build_groups(
        &mut self,
        items: Vec<Item<RawGroup>>,
        section_ids: &[String],
        questions: &[Question],
    ) -> Vec<Group> {
        let mut seen = BTreeMap::new();
        let question_ids: Vec<String> = questions.iter().map(|q| q.id.clone()).collect();
        let mut out = Vec::new();
        for item in items {
            let g = item.raw;
            let id = g.id.get_ref().clone();
            let what = format!("group `{id}`");
            self.unique(&mut seen, &id, item.line, "group");
            if question_ids.contains(&id) {
                self.error(item.line, format!("{what}: the id is already used by a question; groups and questions share one namespace"));
            }
            let section_ok = self.reference(
                g.section.span(),
                &what,
                "section",
                g.section.get_ref(),
                section_ids,
            );
            if g.members.get_ref().len() < 2 {
                let line = self.line_of(g.members.span());
                self.error(line, format!("{what}: a group needs at least two members"));
            }
            let mut members: Vec<String> = Vec::new();
            for member in g.members.get_ref() {
                let mid = member.get_ref();
                if members.contains(mid) {
                    let line = self.line_of(member.span());
                    self.error(line, format!("{what}: member `{mid}` is listed twice"));
                    continue;
                }
                if self.reference(member.span(), &what, "member question", mid, &question_ids)
                    && section_ok
                {
                    let q = questions
                        .iter()
                        .find(|q| &q.id == mid)
                        .expect("reference was checked");
                    if &q.section != g.section.get_ref() {
                        let line = self.line_of(member.span());
                        self.error(line, format!("{what}: member `{mid}` is in section `{}`, not `{}`; put a group and all its members in one section", q.section, g.section.get_ref()));
                    }
                }
                members.push(mid.clone());
            }
            out.push(Group {
                id,
                section: g.section.into_inner(),
                weight: g.weight.into_inner(),
                members,
                line: item.line,
            });
        }
        out
    }

    fn build_rules(&mut self, items: Vec<Item<RawRule>>, questions: &[Question]) -> Vec<Rule> {
        let mut seen = BTreeMap::new();
        let mut out = Vec::new();
        for item in items {
            let r = item.raw;
            let id = r.id.get_ref().clone();
            let what = format!("rule `{id}`");
            self.unique(&mut seen, &id, item.line, "rule");
            let (combine, raw_conditions) = match (&r.any_of, &r.all_of) {
                (Some(c), None) => (Combine::AnyOf, c),
                (None, Some(c)) => (Combine::AllOf, c),
                _ => {
                    self.error(
                        item.line,
                        format!("{what}: a rule needs exactly one of `any_of` or `all_of`"),
                    );
                    continue;
                }
            };
            if raw_conditions.get_ref().is_empty() {
                let line = self.line_of(raw_conditions.span());
                self.error(
                    line,
                    format!("{what}: the condition list is empty; add at least one condition"),
                );
            }
            let conditions = raw_conditions
                .get_ref()
                .iter()
                .filter_map(|c| self.condition(c, &what, questions))
                .collect();
            let reason = self.text(&r.reason, &what, "reason");
            out.push(Rule {
                id,
                kind: r.kind.into_inner(),
                combine,
                conditions,
                reason,
                line: item.line,
            });
        }
        out
    }
}

fn is_identifier(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
}

/// Splits a serde message into its first backticked name and the rest of the backticked names.
fn backticked(message: &str) -> (String, Vec<String>) {
    let mut names = message.split('`').skip(1).step_by(2).map(str::to_owned);
    let first = names.next().unwrap_or_default();
    (first, names.collect())
}

fn list<S: AsRef<str>>(names: &[S]) -> String {
    names
        .iter()
        .map(|n| format!("`{}`", n.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Returns " (did you mean `x`?)" for the closest candidate, or "" when none is close.
pub(crate) fn suggestion<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    crate::suggest::closest(word, candidates)
        .map_or_else(String::new, |c| format!(" (did you mean `{c}`?)"))
}
