//! The JSON form of a checklist definition: what the site generator writes next to the
//! checklist page and what the browser reads back. It owns the field names and shapes of
//! that file, in both directions, so the two can never disagree; the model itself lives in
//! `definition`, and the generic JSON reading and writing in `json`.

use std::collections::BTreeMap;

use crate::definition::{
    AnswerChoice, AnswerOption, AnswerSet, Band, BandDirection, Combine, Condition, Definition,
    EvidenceLevel, Group, Meta, MultiScoring, Question, QuestionKind, Rule, RuleKind, Section,
    Test, Text, VerdictBands, WeightClass, WeightInfo, Weights,
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
                                ("weight", Json::str(weight_id(g.weight))),
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
                                (
                                    "kind",
                                    Json::str(if r.kind == RuleKind::Hard {
                                        "hard"
                                    } else {
                                        "soft"
                                    }),
                                ),
                                (
                                    "combine",
                                    Json::str(if r.combine == Combine::AnyOf {
                                        "any_of"
                                    } else {
                                        "all_of"
                                    }),
                                ),
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
        let doc = json::root(&value);
        let weight_info = |w: At| {
            Ok(WeightInfo {
                points: w.field("points", num)?,
                label: w.field("label", read_text)?,
            })
        };
        let choice = |c: At| {
            Ok(AnswerChoice {
                credit: c.field("credit", num)?,
                label: c.field("label", read_text)?,
            })
        };
        Ok(Definition {
            meta: doc.field("meta", |m| {
                Ok(Meta {
                    id: m.field("id", string)?,
                    version: m.field("version", string)?,
                    languages: m.field("languages", strings)?,
                    title: m.field("title", read_text)?,
                })
            })?,
            weights: doc.field("weights", |w| {
                Ok(Weights {
                    minor: w.field("minor", weight_info)?,
                    standard: w.field("standard", weight_info)?,
                    critical: w.field("critical", weight_info)?,
                })
            })?,
            verdict: doc.field("verdict", |v| {
                Ok(VerdictBands {
                    strong: v.field("strong", num)?,
                    acceptable: v.field("acceptable", num)?,
                    conditional: v.field("conditional", num)?,
                    min_completeness: v.field("min_completeness", num)?,
                })
            })?,
            answer_set: doc.field("answer_set", |a| {
                Ok(AnswerSet {
                    yes: a.field("yes", choice)?,
                    partial: a.field("partial", choice)?,
                    no: a.field("no", choice)?,
                    unknown: a.field("unknown", choice)?,
                    not_applicable: a.field("not_applicable", read_text)?,
                })
            })?,
            evidence_levels: doc.field("evidence_levels", |list| {
                list.list(|e| {
                    Ok(EvidenceLevel {
                        id: e.field("id", string)?,
                        factor: e.field("factor", num)?,
                        label: e.field("label", read_text)?,
                    })
                })
            })?,
            sections: doc.field("sections", |list| {
                list.list(|s| {
                    Ok(Section {
                        id: s.field("id", string)?,
                        title: s.field("title", read_text)?,
                        line: 0,
                    })
                })
            })?,
            questions: doc.field("questions", |list| list.list(read_question))?,
            groups: doc
                .optional("groups", |list| {
                    list.list(|g| {
                        Ok(Group {
                            id: g.field("id", string)?,
                            section: g.field("section", string)?,
                            weight: g.field("weight", read_weight)?,
                            members: g.field("members", strings)?,
                            line: 0,
                        })
                    })
                })?
                .unwrap_or_default(),
            rules: doc
                .optional("rules", |list| {
                    list.list(|r| {
                        Ok(Rule {
                            id: r.field("id", string)?,
                            kind: r.field("kind", |k| {
                                pick(k, &[("hard", RuleKind::Hard), ("soft", RuleKind::Soft)])
                            })?,
                            combine: r.field("combine", |c| {
                                pick(c, &[("any_of", Combine::AnyOf), ("all_of", Combine::AllOf)])
                            })?,
                            conditions: r.field("conditions", |list| list.list(read_condition))?,
                            reason: r.field("reason", read_text)?,
                            line: 0,
                        })
                    })
                })?
                .unwrap_or_default(),
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

fn weight_id(weight: WeightClass) -> &'static str {
    match weight {
        WeightClass::Minor => "minor",
        WeightClass::Standard => "standard",
        WeightClass::Critical => "critical",
    }
}

fn question(q: &Question) -> Json {
    let mut fields = vec![
        ("id", Json::str(&q.id)),
        ("section", Json::str(&q.section)),
        ("weight", Json::str(weight_id(q.weight))),
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
            (
                "scoring",
                Json::str(if *scoring == MultiScoring::Any {
                    "any"
                } else {
                    "sum"
                }),
            ),
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
            (
                "direction",
                Json::str(if *direction == BandDirection::AtLeast {
                    "at_least"
                } else {
                    "at_most"
                }),
            ),
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

fn string(at: At) -> Result<String, DecodeError> {
    at.string()
}

fn num(at: At) -> Result<f64, DecodeError> {
    at.number()
}

fn strings(at: At) -> Result<Vec<String>, DecodeError> {
    at.list(string)
}

fn read_text(at: At) -> Result<Text, DecodeError> {
    let entries = at.entries(None)?;
    let mut texts = BTreeMap::new();
    for (lang, value) in entries {
        texts.insert(lang.clone(), json::at(value, &at.path_of(lang)).string()?);
    }
    Ok(Text(texts))
}

/// Reads a string that must be one of the given ids.
fn pick<T: Copy>(at: At, choices: &[(&str, T)]) -> Result<T, DecodeError> {
    let id = at.str()?;
    choices
        .iter()
        .find(|(name, _)| *name == id)
        .map(|(_, v)| *v)
        .ok_or_else(|| {
            let names: Vec<String> = choices
                .iter()
                .map(|(name, _)| format!("`{name}`"))
                .collect();
            at.error(&format!("`{id}` is not one of {}", names.join(", ")))
        })
}

fn read_weight(at: At) -> Result<WeightClass, DecodeError> {
    pick(
        at,
        &[
            ("minor", WeightClass::Minor),
            ("standard", WeightClass::Standard),
            ("critical", WeightClass::Critical),
        ],
    )
}

fn read_condition(at: At) -> Result<Condition, DecodeError> {
    let test = at.field("test", |t| {
        let [(name, value)] = t.entries(None)? else {
            return Err(t.error("expected exactly one test"));
        };
        let path = t.path_of(name);
        let value = json::at(value, &path);
        Ok(match name.as_str() {
            "in" => Test::In(strings(value)?),
            "not_in" => Test::NotIn(strings(value)?),
            "at_least" => Test::AtLeast(num(value)?),
            "at_most" => Test::AtMost(num(value)?),
            _ => return Err(t.error(&format!("unknown test `{name}`"))),
        })
    })?;
    Ok(Condition {
        question: at.field("question", string)?,
        test,
    })
}

fn read_question(q: At) -> Result<Question, DecodeError> {
    let options = |k: At| {
        k.field("options", |list| {
            list.list(|o| {
                Ok(AnswerOption {
                    id: o.field("id", string)?,
                    credit: o.field("credit", num)?,
                    label: o.field("label", read_text)?,
                })
            })
        })
    };
    let kind = q.field("kind", |k| {
        Ok(match k.field("type", string)?.as_str() {
            "yes_no" => QuestionKind::YesNo,
            "choice" => QuestionKind::Choice {
                options: options(k)?,
            },
            "multi" => QuestionKind::Multi {
                options: options(k)?,
                scoring: k.field("scoring", |s| {
                    pick(s, &[("any", MultiScoring::Any), ("sum", MultiScoring::Sum)])
                })?,
            },
            "number" => QuestionKind::Number {
                unit: k.field("unit", read_text)?,
                min: k.field("min", num)?,
                max: k.field("max", num)?,
                direction: k.field("direction", |d| {
                    pick(
                        d,
                        &[
                            ("at_least", BandDirection::AtLeast),
                            ("at_most", BandDirection::AtMost),
                        ],
                    )
                })?,
                bands: k.field("bands", |list| {
                    list.list(|b| {
                        Ok(Band {
                            limit: b.field("limit", num)?,
                            credit: b.field("credit", num)?,
                        })
                    })
                })?,
            },
            other => return Err(k.error(&format!("unknown question type `{other}`"))),
        })
    })?;
    Ok(Question {
        id: q.field("id", string)?,
        section: q.field("section", string)?,
        weight: q.field("weight", read_weight)?,
        group: q.optional("group", string)?,
        visible_if: q.optional("visible_if", read_condition)?,
        guide: q.field("guide", string)?,
        text: q.field("text", read_text)?,
        help: q.optional("help", read_text)?,
        ask_for: q
            .optional("ask_for", |list| list.list(read_text))?
            .unwrap_or_default(),
        kind,
        line: 0,
    })
}
