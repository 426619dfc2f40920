//! The checks and building of questions (their kind, options, number bands and conditions),
//! groups and rules, each problem with its line and a fix.

use std::collections::BTreeMap;

use toml::Spanned;

use super::raw::*;
use super::{list, suggestion, Context};
use crate::definition::*;

impl Context<'_> {
    pub(super) fn group_membership(
        &mut self,
        groups: &[Item<RawGroup>],
    ) -> BTreeMap<String, String> {
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

    pub(super) fn build_questions(
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

    pub(super) fn check_guide(&mut self, guide: &Spanned<String>, what: &str) {
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

    pub(super) fn question_kind(
        &mut self,
        q: &RawQuestion,
        line: usize,
        what: &str,
    ) -> QuestionKind {
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

    pub(super) fn options(&mut self, q: &RawQuestion, what: &str) -> Vec<AnswerOption> {
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

    pub(super) fn number(&mut self, q: &RawQuestion, line: usize, what: &str) -> QuestionKind {
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
    pub(super) fn condition(
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

    pub(super) fn build_groups(
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

    pub(super) fn build_rules(
        &mut self,
        items: Vec<Item<RawRule>>,
        questions: &[Question],
    ) -> Vec<Rule> {
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
