//! Shared test fixtures: the scoring fixture definition, a one-line answer notation and a
//! tuning with one of each change.
#![allow(dead_code)]

pub mod responses;

use checklist_core::answers::{Answer, AnswerValue, Vendor};
use checklist_core::definition::{Verbal, WeightClass};
use checklist_core::tuning::{OwnOption, OwnQuestion, OwnSection, TunedWeight, Tuning};
use checklist_core::{parse_definition, Definition};

/// Loads `tests/fixtures/scoring.toml`.
pub fn fixture() -> Definition {
    let source = include_str!("../fixtures/scoring.toml");
    parse_definition(source).unwrap_or_else(|e| panic!("fixture does not parse: {e:?}"))
}

/// Loads the real `content/checklist.toml`.
pub fn real_checklist() -> Definition {
    let source = include_str!("../../../../content/checklist.toml");
    parse_definition(source).unwrap_or_else(|e| panic!("checklist does not parse: {e:?}"))
}

/// Parses one answer: `yes`, `partial`, `no`, `unknown`, `unanswered` (no value, e.g. only
/// evidence), `#99.9` (number), `[a,b]` (options) or an option id.
pub fn value(text: &str) -> AnswerValue {
    match text {
        "yes" => AnswerValue::Verbal(Verbal::Yes),
        "partial" => AnswerValue::Verbal(Verbal::Partial),
        "no" => AnswerValue::Verbal(Verbal::No),
        "unknown" => AnswerValue::Verbal(Verbal::Unknown),
        "unanswered" => AnswerValue::Unanswered,
        _ if text.starts_with('#') => AnswerValue::Number(text[1..].parse().expect("number")),
        _ if text.starts_with('[') => AnswerValue::Choices(
            text.trim_matches(['[', ']'])
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        ),
        _ => AnswerValue::Choice(text.to_owned()),
    }
}

/// Builds a vendor from `question=answer[@evidence][~YYYY-MM-DD]` pairs separated by spaces
/// (`~` gives the day the evidence is valid until); `-rule` switches a soft rule off.
pub fn vendor(answers: &str) -> Vendor {
    let mut vendor = Vendor::new("v1", "Vendor");
    for pair in answers.split_whitespace() {
        if let Some(rule) = pair.strip_prefix('-') {
            vendor.disabled_soft_rules.insert(rule.to_owned());
            continue;
        }
        let (pair, valid_until) = match pair.split_once('~') {
            Some((p, date)) => (p, Some(date.parse().expect("YYYY-MM-DD"))),
            None => (pair, None),
        };
        let (question, rest) = pair.split_once('=').expect("question=answer");
        let (answer, evidence) = match rest.split_once('@') {
            Some((a, e)) => (a, Some(e.to_owned())),
            None => (rest, None),
        };
        let mut answer = Answer::new(value(answer));
        answer.evidence = evidence;
        answer.valid_until = valid_until;
        vendor.answers.insert(question.to_owned(), answer);
    }
    vendor
}

/// Builds a tuning with one of each change: an item switched off, a group weighted down,
/// must-have marks on a guide question and an own one, an own section and an own choice
/// question whose options carry credits (0.75 and 0), in German.
pub fn tuning_with_each_change() -> Tuning {
    let mut tuning = Tuning::default();
    tuning.weights.insert("q.hours".into(), TunedWeight::Off);
    tuning
        .weights
        .insert("g".into(), TunedWeight::Class(WeightClass::Minor));
    tuning.must_haves.insert("q.choice".into());
    tuning.sections.push(OwnSection {
        id: "own.s1".into(),
        lang: "de".into(),
        title: "Eigene Fragen".into(),
    });
    tuning.questions.push(OwnQuestion {
        id: "own.q1".into(),
        section: "own.s1".into(),
        lang: "de".into(),
        text: "=Gibt es einen Notfallplan?".into(),
        weight: WeightClass::Critical,
        options: vec![
            OwnOption {
                id: "ja".into(),
                label: "Ja, getestet".into(),
                credit: 0.75,
            },
            OwnOption {
                id: "nein".into(),
                label: "Nein".into(),
                credit: 0.0,
            },
        ],
    });
    tuning.must_haves.insert("own.q1".into());
    tuning
}
