//! The checks and building of the checklist's settings: meta, weights, verdict bands, the
//! answer set, evidence levels and sections, and the id and reference checks every part uses.
//! Questions, groups and rules are `questions`'.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;

use super::raw::*;
use super::{is_identifier, list, suggestion, Context};
use crate::definition::*;
use crate::sorted::SortedMap;

impl Context<'_> {
    pub(super) fn build(&mut self, raw: RawDocument) -> Option<Definition> {
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

    pub(super) fn text(&mut self, raw: &RawText, what: &str, field: &str) -> Text {
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

    pub(super) fn unit_interval(&mut self, value: &Spanned<f64>, what: &str, field: &str) -> f64 {
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

    pub(super) fn build_meta(&mut self, item: Item<RawMeta>) -> Meta {
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

    pub(super) fn build_weights(&mut self, item: Item<RawWeights>) -> Weights {
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

    pub(super) fn build_verdict(&mut self, item: Item<RawVerdict>) -> VerdictBands {
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

    pub(super) fn build_answer_set(&mut self, item: Item<RawAnswerSet>) -> AnswerSet {
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

    pub(super) fn build_evidence_levels(
        &mut self,
        items: Vec<Item<RawEvidenceLevel>>,
    ) -> Vec<EvidenceLevel> {
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

    pub(super) fn build_sections(&mut self, items: Vec<Item<RawSection>>) -> Vec<Section> {
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
    pub(super) fn unique(
        &mut self,
        seen: &mut BTreeMap<String, usize>,
        id: &str,
        line: usize,
        noun: &str,
    ) {
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

    pub(super) fn reference(
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
}
