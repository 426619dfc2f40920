//! The JSON form of a checklist definition: what the site generator writes next to the
//! checklist page and what the browser reads back. It owns the field names and shapes of
//! that file, in both directions, so the two can never disagree; the model itself lives in
//! `definition`, and the generic JSON reading and writing in `json`.

use crate::definition::{
    AnswerChoice, AnswerOption, AnswerSet, Band, Condition, Definition, EvidenceLevel, Group, Meta,
    Question, QuestionKind, Rule, Section, Test, Text, VerdictBands, WeightInfo, Weights,
};
use crate::json::{self, At, DecodeError, Json};

impl Definition {
    /// Writes the definition as compact JSON for the browser.
    pub fn to_json(&self) -> String {
        let weight_info = |w: &WeightInfo| {
            Json::object([
                ("points", Json::Number(w.points)),
                ("label", text(&w.label)),
            ])
        };
        let choice = |c: &AnswerChoice| {
            Json::object([
                ("credit", Json::Number(c.credit)),
                ("label", text(&c.label)),
            ])
        };
        let doc = Json::object([
            (
                "meta",
                Json::object([
                    ("id", Json::str(&self.meta.id)),
                    ("version", Json::str(&self.meta.version)),
                    ("languages", Json::strings(&self.meta.languages)),
                    ("title", text(&self.meta.title)),
                ]),
            ),
            (
                "weights",
                Json::object([
                    ("minor", weight_info(&self.weights.minor)),
                    ("standard", weight_info(&self.weights.standard)),
                    ("critical", weight_info(&self.weights.critical)),
                ]),
            ),
            (
                "verdict",
                Json::object([
                    ("strong", Json::Number(self.verdict.strong)),
                    ("acceptable", Json::Number(self.verdict.acceptable)),
                    ("conditional", Json::Number(self.verdict.conditional)),
                    (
                        "min_completeness",
                        Json::Number(self.verdict.min_completeness),
                    ),
                ]),
            ),
            (
                "answer_set",
                Json::object([
                    ("yes", choice(&self.answer_set.yes)),
                    ("partial", choice(&self.answer_set.partial)),
                    ("no", choice(&self.answer_set.no)),
                    ("unknown", choice(&self.answer_set.unknown)),
                    ("not_applicable", text(&self.answer_set.not_applicable)),
                ]),
            ),
            (
                "evidence_levels",
                Json::Array(
                    self.evidence_levels
                        .iter()
                        .map(|e| {
                            Json::object([
                                ("id", Json::str(&e.id)),
                                ("factor", Json::Number(e.factor)),
                                ("label", text(&e.label)),
                            ])
                        })
                        .collect(),
                ),
            ),
            (
                "sections",
                Json::Array(
                    self.sections
                        .iter()
                        .map(|s| {
                            Json::object([("id", Json::str(&s.id)), ("title", text(&s.title))])
                        })
                        .collect(),
                ),
            ),
            (
                "questions",
                Json::Array(self.questions.iter().map(question).collect()),
            ),
            (
                "groups",
                Json::Array(
                    self.groups
                        .iter()
                        .map(|g| {
                            Json::object([
                                ("id", Json::str(&g.id)),
                                ("section", Json::str(&g.section)),
                                ("weight", Json::str(g.weight.id())),
                                ("members", Json::strings(&g.members)),
                            ])
                        })
                        .collect(),
                ),
            ),
            (
                "rules",
                Json::Array(
                    self.rules
                        .iter()
                        .map(|r| {
                            Json::object([
                                ("id", Json::str(&r.id)),
                                ("kind", Json::str(r.kind.id())),
                                ("combine", Json::str(r.combine.id())),
                                (
                                    "conditions",
                                    Json::Array(r.conditions.iter().map(condition).collect()),
                                ),
                                ("reason", text(&r.reason)),
                            ])
                        })
                        .collect(),
                ),
            ),
        ]);
        doc.to_compact()
    }

    /// Reads a definition from the JSON that [`Definition::to_json`] writes.
    pub fn from_json(text: &str) -> Result<Definition, DecodeError> {
        let value = json::parse(text).map_err(|e| DecodeError(e.to_string()))?;
        json::read(&value, |doc| {
            let weight_info = |w: At| WeightInfo {
                points: w.field("points").number(),
                label: read_text(w.field("label")),
            };
            let choice = |c: At| AnswerChoice {
                credit: c.field("credit").number(),
                label: read_text(c.field("label")),
            };
            let (meta, weights, verdict, set) = (
                doc.field("meta"),
                doc.field("weights"),
                doc.field("verdict"),
                doc.field("answer_set"),
            );
            Definition {
                meta: Meta {
                    id: meta.field("id").string(),
                    version: meta.field("version").string(),
                    languages: meta.field("languages").strings(),
                    title: read_text(meta.field("title")),
                },
                weights: Weights {
                    minor: weight_info(weights.field("minor")),
                    standard: weight_info(weights.field("standard")),
                    critical: weight_info(weights.field("critical")),
                },
                verdict: VerdictBands {
                    strong: verdict.field("strong").number(),
                    acceptable: verdict.field("acceptable").number(),
                    conditional: verdict.field("conditional").number(),
                    min_completeness: verdict.field("min_completeness").number(),
                },
                answer_set: AnswerSet {
                    yes: choice(set.field("yes")),
                    partial: choice(set.field("partial")),
                    no: choice(set.field("no")),
                    unknown: choice(set.field("unknown")),
                    not_applicable: read_text(set.field("not_applicable")),
                },
                evidence_levels: doc.field("evidence_levels").list(|e| EvidenceLevel {
                    id: e.field("id").string(),
                    factor: e.field("factor").number(),
                    label: read_text(e.field("label")),
                }),
                sections: doc.field("sections").list(|s| Section {
                    id: s.field("id").string(),
                    title: read_text(s.field("title")),
                    line: 0,
                }),
                questions: doc.field("questions").list(read_question),
                groups: doc.optional("groups").map_or_else(Vec::new, |list| {
                    list.list(|g| Group {
                        id: g.field("id").string(),
                        section: g.field("section").string(),
                        weight: g.field("weight").id(),
                        members: g.field("members").strings(),
                        line: 0,
                    })
                }),
                rules: doc.optional("rules").map_or_else(Vec::new, |list| {
                    list.list(|r| Rule {
                        id: r.field("id").string(),
                        kind: r.field("kind").id(),
                        combine: r.field("combine").id(),
                        conditions: r.field("conditions").list(read_condition),
                        reason: read_text(r.field("reason")),
                        line: 0,
                    })
                }),
            }
        })
    }
}

fn text(text: &Text) -> Json {
    Json::Object(
        text.0
            .iter()
            .map(|(lang, s)| (lang.clone(), Json::str(s)))
            .collect(),
    )
}

fn question(q: &Question) -> Json {
    let mut fields = vec![
        ("id", Json::str(&q.id)),
        ("section", Json::str(&q.section)),
        ("weight", Json::str(q.weight.id())),
    ];
    if let Some(group) = &q.group {
        fields.push(("group", Json::str(group)));
    }
    if let Some(visible_if) = &q.visible_if {
        fields.push(("visible_if", condition(visible_if)));
    }
    fields.push(("guide", Json::str(&q.guide)));
    fields.push(("text", text(&q.text)));
    if let Some(help) = &q.help {
        fields.push(("help", text(help)));
    }
    if !q.ask_for.is_empty() {
        fields.push(("ask_for", Json::Array(q.ask_for.iter().map(text).collect())));
    }
    let options = |options: &[AnswerOption]| {
        Json::Array(
            options
                .iter()
                .map(|o| {
                    Json::object([
                        ("id", Json::str(&o.id)),
                        ("credit", Json::Number(o.credit)),
                        ("label", text(&o.label)),
                    ])
                })
                .collect(),
        )
    };
    let kind = match &q.kind {
        QuestionKind::YesNo => Json::object([("type", Json::str("yes_no"))]),
        QuestionKind::Choice { options: o } => {
            Json::object([("type", Json::str("choice")), ("options", options(o))])
        }
        QuestionKind::Multi {
            options: o,
            scoring,
        } => Json::object([
            ("type", Json::str("multi")),
            ("options", options(o)),
            ("scoring", Json::str(scoring.id())),
        ]),
        QuestionKind::Number {
            unit,
            min,
            max,
            direction,
            bands,
        } => Json::object([
            ("type", Json::str("number")),
            ("unit", text(unit)),
            ("min", Json::Number(*min)),
            ("max", Json::Number(*max)),
            ("direction", Json::str(direction.id())),
            (
                "bands",
                Json::Array(
                    bands
                        .iter()
                        .map(|b| {
                            Json::object([
                                ("limit", Json::Number(b.limit)),
                                ("credit", Json::Number(b.credit)),
                            ])
                        })
                        .collect(),
                ),
            ),
        ]),
    };
    fields.push(("kind", kind));
    Json::object(fields)
}

fn condition(c: &Condition) -> Json {
    let test = match &c.test {
        Test::In(ids) => ("in", Json::strings(ids)),
        Test::NotIn(ids) => ("not_in", Json::strings(ids)),
        Test::AtLeast(n) => ("at_least", Json::Number(*n)),
        Test::AtMost(n) => ("at_most", Json::Number(*n)),
    };
    Json::object([
        ("question", Json::str(&c.question)),
        ("test", Json::object([test])),
    ])
}

fn read_text(at: At) -> Text {
    let mut texts = Text::default();
    at.each_entry(|lang, value| {
        texts.0.insert(lang.to_owned(), value.string());
    });
    texts
}

fn read_condition(at: At) -> Condition {
    let test = at.field("test");
    let entries = test.entries(None);
    let test = match entries {
        [(name, _)] => {
            let value = test.field(name);
            match name.as_str() {
                "in" => Test::In(value.strings()),
                "not_in" => Test::NotIn(value.strings()),
                "at_least" => Test::AtLeast(value.number()),
                "at_most" => Test::AtMost(value.number()),
                _ => {
                    test.fail(&format!("unknown test `{name}`"));
                    Test::In(Vec::new())
                }
            }
        }
        _ => {
            test.fail("expected exactly one test");
            Test::In(Vec::new())
        }
    };
    Condition {
        question: at.field("question").string(),
        test,
    }
}

fn read_question(q: At) -> Question {
    let options = |k: At| {
        k.field("options").list(|o| AnswerOption {
            id: o.field("id").string(),
            credit: o.field("credit").number(),
            label: read_text(o.field("label")),
        })
    };
    let k = q.field("kind");
    let kind = match k.field("type").str() {
        "choice" => QuestionKind::Choice {
            options: options(k),
        },
        "multi" => QuestionKind::Multi {
            options: options(k),
            scoring: k.field("scoring").id(),
        },
        "number" => QuestionKind::Number {
            unit: read_text(k.field("unit")),
            min: k.field("min").number(),
            max: k.field("max").number(),
            direction: k.field("direction").id(),
            bands: k.field("bands").list(|b| Band {
                limit: b.field("limit").number(),
                credit: b.field("credit").number(),
            }),
        },
        other => {
            if other != "yes_no" {
                k.fail(&format!("unknown question type `{other}`"));
            }
            QuestionKind::YesNo
        }
    };
    Question {
        id: q.field("id").string(),
        section: q.field("section").string(),
        weight: q.field("weight").id(),
        group: q.optional("group").map(|g| g.string()),
        visible_if: q.optional("visible_if").map(read_condition),
        guide: q.field("guide").string(),
        text: read_text(q.field("text")),
        help: q.optional("help").map(read_text),
        ask_for: q
            .optional("ask_for")
            .map_or_else(Vec::new, |list| list.list(read_text)),
        kind,
        line: 0,
    }
}
