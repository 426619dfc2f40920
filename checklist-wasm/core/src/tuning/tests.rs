//! Table tests of the tuning: what each change does to scores and verdicts, what a vendor
//! sees, what differs from the guide, and which untrusted tunings are refused.

use super::*;
use crate::answers::{Answer, AnswerValue, Vendor};
use crate::definition::Verbal;
use crate::parse_definition;
use crate::scoring::{score_vendor, Verdict};

fn fixture() -> Definition {
    parse_definition(include_str!("../../tests/fixtures/scoring.toml")).expect("fixture")
}

fn real_checklist() -> Definition {
    parse_definition(include_str!("../../../../content/checklist.toml")).expect("checklist")
}

fn reason() -> Text {
    let mut map = SortedMap::new();
    map.insert(
        "en".to_owned(),
        "You marked “{question}” a must-have.".to_owned(),
    );
    Text(map)
}

/// Builds a tuning from space-separated parts: `item=weight`, `!question` (must-have),
/// `+section` (own section `own.<section>`), `?id@section` (own yes/no question) or
/// `?id@section:a=1,b=0.5` (own choice).
fn tuning(spec: &str) -> Tuning {
    let mut tuning = Tuning::default();
    for part in spec.split_whitespace() {
        if let Some(question) = part.strip_prefix('!') {
            tuning.must_haves.insert(question.to_owned());
        } else if let Some(section) = part.strip_prefix('+') {
            tuning.sections.push(OwnSection {
                id: format!("own.{section}"),
                lang: "en".to_owned(),
                title: format!("Section {section}"),
            });
        } else if let Some(question) = part.strip_prefix('?') {
            let (id, rest) = question.split_once('@').expect("?id@section");
            let (section, options) = rest.split_once(':').unwrap_or((rest, ""));
            tuning.questions.push(OwnQuestion {
                id: format!("own.{id}"),
                section: section.to_owned(),
                lang: "en".to_owned(),
                text: format!("Own question {id}?"),
                weight: WeightClass::Standard,
                options: options
                    .split(',')
                    .filter(|o| !o.is_empty())
                    .map(|o| {
                        let (id, credit) = o.split_once('=').expect("id=credit");
                        OwnOption {
                            id: id.to_owned(),
                            label: id.to_uppercase(),
                            credit: credit.parse().expect("credit"),
                        }
                    })
                    .collect(),
            });
        } else {
            let (item, weight) = part.split_once('=').expect("item=weight");
            let weight = TunedWeight::from_id(weight).expect("weight");
            tuning.weights.insert(item.to_owned(), weight);
        }
    }
    tuning
}

/// Builds a vendor from `question=answer` pairs (`yes`, `no`, `#99.9`, `[a,b]` or an
/// option id).
fn vendor(answers: &str) -> Vendor {
    let mut vendor = Vendor::new("v1", "Vendor");
    for pair in answers.split_whitespace() {
        let (question, answer) = pair.split_once('=').expect("question=answer");
        let value = match answer {
            "yes" => AnswerValue::Verbal(Verbal::Yes),
            "partial" => AnswerValue::Verbal(Verbal::Partial),
            "no" => AnswerValue::Verbal(Verbal::No),
            _ if answer.starts_with('#') => AnswerValue::Number(answer[1..].parse().expect("n")),
            _ if answer.starts_with('[') => AnswerValue::Choices(
                answer
                    .trim_matches(['[', ']'])
                    .split(',')
                    .map(str::to_owned)
                    .collect(),
            ),
            _ => AnswerValue::Choice(answer.to_owned()),
        };
        vendor
            .answers
            .insert(question.to_owned(), Answer::new(value));
    }
    vendor
}

/// A vendor that earns full credit everywhere but in `q.hours` (100 hours: no credit) and
/// has no answer to any own question: 15 of 17 points on the untuned fixture.
const FULL_BUT_HOURS: &str = "q.yn=yes q.choice=good q.follow=yes q.any=[o1] q.sum=[a,b,c] \
                              q.up=#99.99 q.hours=#100 g.x=x_full";

#[track_caller]
fn check(spec: &str, extra: &str, score: f64, verdict: Verdict) {
    let def = tuning(spec).apply(fixture(), &reason());
    let vendor = vendor(&format!("{FULL_BUT_HOURS} {extra}"));
    let scored = score_vendor(&def, &vendor);
    let rounded = (scored.overall.score * 10.0).round() / 10.0;
    assert_eq!(
        (rounded, scored.verdict),
        (score, verdict),
        "tuning {spec:?}, extra answers {extra:?}: {:?}",
        scored.reasons
    );
}

#[test]
fn each_change_of_the_tuning_counts_in_the_score_and_verdict() {
    // (tuning, extra answers, score, verdict)
    let cases = [
        ("", "", 88.2, Verdict::Strong),
        // Weights: the zero answer counts less, more, or not at all.
        ("q.hours=minor", "", 93.8, Verdict::Strong),
        ("q.hours=critical", "", 78.9, Verdict::Conditional),
        ("q.hours=off", "", 100.0, Verdict::Strong),
        ("q.hours=standard", "", 88.2, Verdict::Strong),
        // A group is reweighted as a whole.
        ("g=minor", "", 85.7, Verdict::Strong),
        // The guide's must-haves (`r.group`, `r.yn`) and the questions others depend on
        // (`q.choice`) stay on.
        ("g=off", "", 88.2, Verdict::Strong),
        ("q.yn=off", "", 88.2, Verdict::Strong),
        ("q.choice=off", "", 88.2, Verdict::Strong),
        // A member's id is not an item: only the group's weight counts.
        ("g.x=off", "", 88.2, Verdict::Strong),
        // Switching an item off drops the soft rule on it, which excluded the vendor.
        ("", "q.up=#99", 76.5, Verdict::Excluded),
        ("q.up=off", "q.up=#99", 86.7, Verdict::Strong),
        // Must-haves pass only with the best answer.
        ("!q.hours", "", 88.2, Verdict::Excluded),
        ("!q.hours", "q.hours=#24", 100.0, Verdict::Strong),
        ("!q.choice", "", 88.2, Verdict::Strong),
        ("!q.choice", "q.choice=meh", 82.4, Verdict::Excluded),
        ("!q.any", "q.any=[o2]", 85.3, Verdict::Excluded),
        ("!q.up", "q.up=#99.95", 85.9, Verdict::Excluded),
        // Own questions count like the guide's; unanswered they lower completeness.
        ("?a@s1", "", 78.9, Verdict::Acceptable),
        ("?a@s1", "own.a=yes", 89.5, Verdict::Strong),
        ("?a@s1", "own.a=partial", 84.2, Verdict::Acceptable),
        (
            "+x ?c@own.x:best=1,half=0.5,none=0",
            "own.c=half",
            84.2,
            Verdict::Acceptable,
        ),
        ("?a@s1 !own.a", "own.a=no", 78.9, Verdict::Excluded),
        ("?a@s1 !own.a", "own.a=yes", 89.5, Verdict::Strong),
        // Off and must-have on one item: the import cleans it, `apply` drops the item.
        ("q.hours=off !q.hours", "", 100.0, Verdict::Strong),
    ];
    for (spec, extra, score, verdict) in cases {
        check(spec, extra, score, verdict);
    }
}

#[test]
fn an_empty_tuning_yields_the_definition_unchanged() {
    for def in [fixture(), real_checklist()] {
        assert_eq!(Tuning::default().apply(def.clone(), &reason()), def);
        assert_eq!(Tuning::default().with_own_questions(def.clone()), def);
        assert!(Tuning::default().differences(&def).is_empty());
        assert!(Tuning::default().is_empty());
    }
}

#[test]
fn every_weight_override_of_the_real_checklist_applies_without_breaking_it() {
    let def = real_checklist();
    let items: Vec<String> = def
        .questions
        .iter()
        .map(|q| Tuning::item_of(&def, &q.id))
        .collect();
    for item in &items {
        for weight in ["off", "minor", "standard", "critical"] {
            let mut tuning = Tuning::default();
            tuning.set_weight(&def, item, TunedWeight::from_id(weight).expect("weight"));
            let tuned = tuning.apply(def.clone(), &reason());
            // Every rule and condition still refers to a question of the tuned checklist.
            for rule in &tuned.rules {
                for c in &rule.conditions {
                    assert!(
                        tuned.question(&c.question).is_some(),
                        "{item}={weight}: {}",
                        rule.id
                    );
                }
            }
            for q in &tuned.questions {
                if let Some(c) = &q.visible_if {
                    assert!(tuned.question(&c.question).is_some(), "{item}={weight}");
                }
            }
            let off = weight == "off" && Tuning::can_switch_off(&def, item);
            assert_eq!(
                tuned.questions.len() < def.questions.len(),
                off,
                "{item}={weight}"
            );
        }
    }
}

#[test]
fn the_vendor_sees_own_questions_but_no_weights_marks_or_credits() {
    let def = fixture();
    let full = tuning("q.hours=critical !q.yn +x ?a@s1 ?c@own.x:best=1,none=0");
    let part = full.vendor_part();
    assert!(part.weights.is_empty() && part.must_haves.is_empty());
    assert_eq!(part.sections, full.sections);
    assert_eq!(part.questions.len(), 2);
    assert!(part.questions[1].options.iter().all(|o| o.credit == 0.0));
    assert!(part
        .questions
        .iter()
        .all(|q| q.weight == WeightClass::Standard));
    // The vendor answers the same questions the buyer scores.
    let asked: Vec<String> = part
        .with_own_questions(def.clone())
        .questions
        .into_iter()
        .map(|q| q.id)
        .collect();
    let scored: Vec<String> = full
        .with_own_questions(def.clone())
        .questions
        .into_iter()
        .map(|q| q.id)
        .collect();
    assert_eq!(asked, scored);
    assert!(asked.ends_with(&["own.c".to_owned()]));
    assert_eq!(
        asked.iter().position(|q| q == "own.a"),
        Some(5),
        "after the last s1 question"
    );
}

#[test]
fn differences_list_weights_in_question_order_then_marks_then_own_questions() {
    let def = fixture();
    let mut tuned = tuning("q.up=off g=minor !q.choice ?a@s1");
    // Setting the guide's weight removes the override instead of listing it.
    tuned.set_weight(&def, "q.hours", TunedWeight::Class(WeightClass::Standard));
    tuned.set_weight(&def, "q.yn", TunedWeight::Class(WeightClass::Minor));
    tuned.set_weight(&def, "q.yn", TunedWeight::Class(WeightClass::Critical));
    assert_eq!(
        tuned.differences(&def),
        [
            Difference::Weight {
                item: "q.up".into(),
                default: WeightClass::Standard,
                tuned: TunedWeight::Off
            },
            Difference::Weight {
                item: "g".into(),
                default: WeightClass::Critical,
                tuned: TunedWeight::Class(WeightClass::Minor)
            },
            Difference::MustHave {
                question: "q.choice".into()
            },
            Difference::OwnQuestion {
                question: "own.a".into()
            },
        ]
    );
}

#[test]
fn a_must_have_rule_names_its_question_in_every_language() {
    let def = tuning("?a@s1 !own.a !q.yn").apply(fixture(), &reason());
    let rule = def.rule("must.own.a").expect("rule");
    assert_eq!(rule.kind, RuleKind::Hard);
    assert_eq!(
        rule.reason.text("en"),
        "You marked “Own question a?” a must-have."
    );
    assert!(def.rule("must.q.yn").is_some());
}

#[track_caller]
fn refused(spec: &str, edit: impl FnOnce(&mut Tuning), expected: &str) {
    let mut tuned = tuning(spec);
    edit(&mut tuned);
    assert_eq!(
        super::check(&fixture(), tuned),
        Err(expected.to_owned()),
        "{spec:?}"
    );
}

#[test]
fn untrusted_tunings_are_checked_and_say_what_is_wrong() {
    let no_edit = |_: &mut Tuning| {};
    refused("?A@s1", no_edit, "own question `own.A`: the id must be unique and read `own.` and up to 16 lowercase letters or digits");
    refused("?a@s1 ?a@s2", no_edit, "own question `own.a`: the id must be unique and read `own.` and up to 16 lowercase letters or digits");
    refused(
        "?a@nowhere",
        no_edit,
        "own question `own.a`: the section `nowhere` does not exist",
    );
    refused(
        "?a@s1:only=1",
        no_edit,
        "own question `own.a`: a choice needs at least two options",
    );
    refused(
        "?a@s1:a=1,b=1.5",
        no_edit,
        "own question `own.a`: option `b`: the credit must be between 0 and 1",
    );
    refused("?a@s1:a=1,a=0", no_edit, "own question `own.a`: option `a`: the id must be unique and have up to 16 lowercase letters or digits");
    refused(
        "?a@s1",
        |t| t.questions[0].text = " ".into(),
        "own question `own.a`: the text must have 1 to 500 characters",
    );
    refused(
        "?a@s1",
        |t| t.questions[0].text = "x".repeat(501),
        "own question `own.a`: the text must have 1 to 500 characters",
    );
    refused(
        "?a@s1",
        |t| t.questions[0].lang = "EN <b>".into(),
        "own question `own.a`: the language `EN <b>` is not a language code such as `en` or `de`",
    );
    refused(
        "?a@s1:a=1,b=0",
        |t| t.questions[0].options[1].credit = f64::NAN,
        "own question `own.a`: option `b`: the credit must be between 0 and 1",
    );
    refused(
        "+x",
        |t| t.sections[0].title = "x".repeat(201),
        "own section `own.x`: the title must have 1 to 200 characters",
    );
    refused("+x +x", no_edit, "own section `own.x`: the id must be unique and read `own.` and up to 16 lowercase letters or digits");
    let many: String = (0..=MAX_OWN_QUESTIONS)
        .map(|i| format!("?q{i}@s1 "))
        .collect();
    refused(
        &many,
        no_edit,
        "a tuning has at most 10 own sections and 30 own questions",
    );
}

#[test]
fn an_english_buyers_own_question_was_refused_on_the_german_page_whose_definition_names_only_german(
) {
    // Each page loads the definition narrowed to its language (`meta.languages = ["de"]`),
    // and an English own question made the saved workspace "unreadable" there.
    let mut german_page = fixture();
    german_page.meta.languages = vec!["de".into()];
    // The builder writes own sections and questions in English.
    let english = tuning("+x ?a@own.x ?b@s1");
    assert_eq!(super::check(&german_page, english.clone()), Ok(english));
}

#[test]
fn checking_drops_overrides_this_checklist_version_cannot_apply() {
    let def = fixture();
    let cleaned = super::check(
        &def,
        tuning("gone=minor g.x=critical q.yn=off q.hours=off !q.hours !gone !q.up ?a@s1 !own.a"),
    )
    .expect("valid");
    assert_eq!(cleaned, tuning("q.hours=off !q.up ?a@s1 !own.a"));
}

#[track_caller]
fn merges(base: &str, mine: &str, theirs: &str, expected: &str) {
    let merged = merge(&tuning(base), &tuning(mine), &tuning(theirs));
    assert_eq!(
        merged,
        tuning(expected),
        "merge({base:?}, {mine:?}, {theirs:?})"
    );
    assert!(super::check(&fixture(), merged).is_ok());
}

#[test]
fn two_tabs_tuning_at_once_keep_both_tabs_edits() {
    // (base, mine, theirs, expected)
    let cases = [
        ("", "q.up=minor", "!q.yn", "q.up=minor !q.yn"),
        ("", "q.up=minor", "?b@s2", "q.up=minor ?b@s2"),
        ("q.up=minor", "q.up=critical", "q.up=off", "q.up=critical"),
        ("q.up=minor", "q.up=minor", "q.up=off", "q.up=off"),
        ("q.up=minor", "", "q.up=minor", ""),
        ("!q.yn", "", "!q.yn", ""),
        ("?a@s1", "", "?a@s1", ""),
        // Both changed the same part: mine is the newer edit.
        ("", "q.up=minor", "g=minor", "q.up=minor"),
        // They removed an empty section while I added a question to it: the section stays.
        ("+x", "+x ?a@own.x", "", "+x ?a@own.x"),
    ];
    for (base, mine, theirs, expected) in cases {
        merges(base, mine, theirs, expected);
    }
}
