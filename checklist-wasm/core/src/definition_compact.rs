//! The compact form of a checklist definition for one page language: what the site generator
//! writes for the page to fetch, and what the browser reads, with the guide links of that
//! language's questions. It is the layout of the definition in `saved`'s tokens (a whole number
//! or a string with its length), every field in a fixed order, so the page's first load reads
//! it without a JSON parser. The model is `definition`'s; the JSON form, which tools and tests
//! read, is `definition_json`'s, and the generator narrows it to one language first.

use crate::definition::{
    AnswerChoice, AnswerOption, AnswerSet, Band, BandDirection, Combine, Condition, Definition,
    EvidenceLevel, Group, Meta, MultiScoring, Question, QuestionKind, Rule, RuleKind, Section,
    Test, Text, VerdictBands, WeightClass, WeightInfo, Weights,
};
use crate::saved::text::{Damaged, Reader, Writer};

/// The start of a definition in the compact form: the format and its version.
pub const DEFINITION_MAGIC: &str = "ccd1;";

/// Most items of any list in a definition (languages, questions, options, rules ...): far
/// more than a checklist has, and a bound on what a damaged file can make the page allocate.
const MAX_ITEMS: usize = 10_000;

/// The weight classes' codes: their position in this list.
const CLASSES: [WeightClass; 3] = [
    WeightClass::Minor,
    WeightClass::Standard,
    WeightClass::Critical,
];

impl Definition {
    /// Writes the definition in the compact form for the page, with the guide links of its
    /// questions (`(question id, URL)` pairs in one language).
    pub fn to_compact(&self, guide_urls: &[(String, String)]) -> String {
        let mut w = Writer::new(DEFINITION_MAGIC);
        let m = &self.meta;
        w.str(&m.id);
        w.str(&m.version);
        w.count(m.languages.len());
        for language in &m.languages {
            w.str(language);
        }
        write_text(&mut w, &m.title);
        for info in [
            &self.weights.minor,
            &self.weights.standard,
            &self.weights.critical,
        ] {
            w.float(info.points);
            write_text(&mut w, &info.label);
        }
        let v = &self.verdict;
        for x in [v.strong, v.acceptable, v.conditional, v.min_completeness] {
            w.float(x);
        }
        let set = &self.answer_set;
        for choice in [&set.yes, &set.partial, &set.no, &set.unknown] {
            w.float(choice.credit);
            write_text(&mut w, &choice.label);
        }
        write_text(&mut w, &set.not_applicable);
        w.count(self.evidence_levels.len());
        for level in &self.evidence_levels {
            w.str(&level.id);
            w.float(level.factor);
            write_text(&mut w, &level.label);
        }
        w.count(self.sections.len());
        for section in &self.sections {
            w.str(&section.id);
            write_text(&mut w, &section.title);
        }
        w.count(self.questions.len());
        for question in &self.questions {
            write_question(&mut w, question);
        }
        w.count(self.groups.len());
        for group in &self.groups {
            w.str(&group.id);
            w.str(&group.section);
            write_class(&mut w, group.weight);
            write_strings(&mut w, &group.members);
        }
        w.count(self.rules.len());
        for rule in &self.rules {
            w.str(&rule.id);
            w.flag(rule.kind == RuleKind::Soft);
            w.flag(rule.combine == Combine::AllOf);
            w.count(rule.conditions.len());
            for condition in &rule.conditions {
                write_condition(&mut w, condition);
            }
            write_text(&mut w, &rule.reason);
        }
        w.count(guide_urls.len());
        for (question, url) in guide_urls {
            w.str(question);
            w.str(url);
        }
        w.finish()
    }

    /// Reads a definition written by [`Definition::to_compact`], with its guide links.
    pub fn from_compact(text: &str) -> Result<(Definition, Vec<(String, String)>), Damaged> {
        let mut r = Reader::new(text, DEFINITION_MAGIC);
        let meta = Meta {
            id: r.string(),
            version: r.string(),
            languages: read_strings(&mut r),
            title: read_text(&mut r),
        };
        let mut info = || WeightInfo {
            points: r.float(),
            label: read_text(&mut r),
        };
        let weights = Weights {
            minor: info(),
            standard: info(),
            critical: info(),
        };
        let verdict = VerdictBands {
            strong: r.float(),
            acceptable: r.float(),
            conditional: r.float(),
            min_completeness: r.float(),
        };
        let mut choice = || AnswerChoice {
            credit: r.float(),
            label: read_text(&mut r),
        };
        let (yes, partial, no, unknown) = (choice(), choice(), choice(), choice());
        let answer_set = AnswerSet {
            yes,
            partial,
            no,
            unknown,
            not_applicable: read_text(&mut r),
        };
        let mut def = Definition {
            meta,
            weights,
            verdict,
            answer_set,
            evidence_levels: Vec::new(),
            sections: Vec::new(),
            questions: Vec::new(),
            groups: Vec::new(),
            rules: Vec::new(),
        };
        for _ in 0..r.count(MAX_ITEMS) {
            def.evidence_levels.push(EvidenceLevel {
                id: r.string(),
                factor: r.float(),
                label: read_text(&mut r),
            });
        }
        for _ in 0..r.count(MAX_ITEMS) {
            def.sections.push(Section {
                id: r.string(),
                title: read_text(&mut r),
                line: 0,
            });
        }
        for _ in 0..r.count(MAX_ITEMS) {
            def.questions.push(read_question(&mut r));
        }
        for _ in 0..r.count(MAX_ITEMS) {
            def.groups.push(Group {
                id: r.string(),
                section: r.string(),
                weight: read_class(&mut r),
                members: read_strings(&mut r),
                line: 0,
            });
        }
        for _ in 0..r.count(MAX_ITEMS) {
            let mut rule = Rule {
                id: r.string(),
                kind: if r.flag() {
                    RuleKind::Soft
                } else {
                    RuleKind::Hard
                },
                combine: if r.flag() {
                    Combine::AllOf
                } else {
                    Combine::AnyOf
                },
                conditions: Vec::new(),
                reason: Text::default(),
                line: 0,
            };
            for _ in 0..r.count(MAX_ITEMS) {
                rule.conditions.push(read_condition(&mut r));
            }
            rule.reason = read_text(&mut r);
            def.rules.push(rule);
        }
        let mut urls = Vec::new();
        for _ in 0..r.count(MAX_ITEMS) {
            urls.push((r.string(), r.string()));
        }
        r.end()?;
        Ok((def, urls))
    }
}

fn write_text(w: &mut Writer, text: &Text) {
    w.count(text.0.len());
    for (lang, s) in text.0.iter() {
        w.str(lang);
        w.str(s);
    }
}

fn read_text(r: &mut Reader) -> Text {
    let mut text = Text::default();
    for _ in 0..r.count(MAX_ITEMS) {
        let lang = r.string();
        text.0.insert(lang, r.string());
    }
    text
}

fn write_strings(w: &mut Writer, items: &[String]) {
    w.count(items.len());
    for item in items {
        w.str(item);
    }
}

fn read_strings(r: &mut Reader) -> Vec<String> {
    let mut items = Vec::new();
    for _ in 0..r.count(MAX_ITEMS) {
        items.push(r.string());
    }
    items
}

fn write_class(w: &mut Writer, class: WeightClass) {
    w.count(CLASSES.iter().position(|c| *c == class).unwrap_or(1));
}

fn read_class(r: &mut Reader) -> WeightClass {
    CLASSES[r.small(2) as usize]
}

/// Writes an optional field: a flag, then the value when there is one.
fn write_option<T>(w: &mut Writer, value: Option<&T>, write: impl FnOnce(&mut Writer, &T)) {
    w.flag(value.is_some());
    if let Some(value) = value {
        write(w, value);
    }
}

/// Writes a condition: its question, then its test (0 in, 1 not in, 2 at least, 3 at most).
fn write_condition(w: &mut Writer, condition: &Condition) {
    w.str(&condition.question);
    match &condition.test {
        Test::In(ids) => {
            w.number(0);
            write_strings(w, ids);
        }
        Test::NotIn(ids) => {
            w.number(1);
            write_strings(w, ids);
        }
        Test::AtLeast(n) => {
            w.number(2);
            w.float(*n);
        }
        Test::AtMost(n) => {
            w.number(3);
            w.float(*n);
        }
    }
}

fn read_condition(r: &mut Reader) -> Condition {
    let question = r.string();
    let test = match r.small(3) {
        0 => Test::In(read_strings(r)),
        1 => Test::NotIn(read_strings(r)),
        2 => Test::AtLeast(r.float()),
        _ => Test::AtMost(r.float()),
    };
    Condition { question, test }
}

fn write_options(w: &mut Writer, options: &[AnswerOption]) {
    w.count(options.len());
    for option in options {
        w.str(&option.id);
        w.float(option.credit);
        write_text(w, &option.label);
    }
}

fn read_options(r: &mut Reader) -> Vec<AnswerOption> {
    let mut options = Vec::new();
    for _ in 0..r.count(MAX_ITEMS) {
        options.push(AnswerOption {
            id: r.string(),
            credit: r.float(),
            label: read_text(r),
        });
    }
    options
}

/// Writes a question; its kind is 0 yes/no, 1 choice, 2 multi (then 0 any, 1 sum), 3 number.
fn write_question(w: &mut Writer, q: &Question) {
    w.str(&q.id);
    w.str(&q.section);
    write_class(w, q.weight);
    write_option(w, q.group.as_ref(), |w, group| w.str(group));
    write_option(w, q.visible_if.as_ref(), write_condition);
    w.str(&q.guide);
    write_text(w, &q.text);
    write_option(w, q.help.as_ref(), write_text);
    w.count(q.ask_for.len());
    for item in &q.ask_for {
        write_text(w, item);
    }
    match &q.kind {
        QuestionKind::YesNo => w.number(0),
        QuestionKind::Choice { options } => {
            w.number(1);
            write_options(w, options);
        }
        QuestionKind::Multi { options, scoring } => {
            w.number(2);
            write_options(w, options);
            w.flag(*scoring == MultiScoring::Sum);
        }
        QuestionKind::Number {
            unit,
            min,
            max,
            direction,
            bands,
        } => {
            w.number(3);
            write_text(w, unit);
            w.float(*min);
            w.float(*max);
            w.flag(*direction == BandDirection::AtMost);
            w.count(bands.len());
            for band in bands {
                w.float(band.limit);
                w.float(band.credit);
            }
        }
    }
}

fn read_question(r: &mut Reader) -> Question {
    let mut q = Question {
        id: r.string(),
        section: r.string(),
        weight: read_class(r),
        group: r.flag().then(|| r.string()),
        visible_if: r.flag().then(|| read_condition(r)),
        guide: r.string(),
        text: read_text(r),
        help: r.flag().then(|| read_text(r)),
        ask_for: Vec::new(),
        kind: QuestionKind::YesNo,
        line: 0,
    };
    for _ in 0..r.count(MAX_ITEMS) {
        q.ask_for.push(read_text(r));
    }
    q.kind = match r.small(3) {
        0 => QuestionKind::YesNo,
        1 => QuestionKind::Choice {
            options: read_options(r),
        },
        2 => QuestionKind::Multi {
            options: read_options(r),
            scoring: if r.flag() {
                MultiScoring::Sum
            } else {
                MultiScoring::Any
            },
        },
        _ => {
            let unit = read_text(r);
            let (min, max) = (r.float(), r.float());
            let direction = if r.flag() {
                BandDirection::AtMost
            } else {
                BandDirection::AtLeast
            };
            let mut bands = Vec::new();
            for _ in 0..r.count(MAX_ITEMS) {
                bands.push(Band {
                    limit: r.float(),
                    credit: r.float(),
                });
            }
            QuestionKind::Number {
                unit,
                min,
                max,
                direction,
                bands,
            }
        }
    };
    q
}
