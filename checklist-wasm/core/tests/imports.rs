//! Imports of what the page itself exports: the largest workspace its caps allow imports
//! again exactly, and a file without vendors is reported, never offered as a replacement.

mod common;

use checklist_core::answers::{Answer, AnswerValue, Vendor, Workspace};
use checklist_core::definition::{Definition, QuestionKind, RuleKind, Verbal};
use checklist_core::exchange::MAX_CONDITION_CHARS;
use checklist_core::exchange::{
    export_json, import_json, import_vendors, max_import_bytes, ImportError, MAX_NAME_CHARS,
    MAX_NOTE_CHARS, MAX_VENDORS,
};
use checklist_core::response::{self, EvidenceDetails, Origin, Statement};
use checklist_core::tuning::{
    OwnOption, OwnQuestion, OwnSection, TunedWeight, Tuning, MAX_LABEL_CHARS, MAX_OPTIONS,
    MAX_OWN_QUESTIONS, MAX_OWN_SECTIONS, MAX_TEXT_CHARS, MAX_TOKEN_CHARS,
};
use checklist_core::{answers::ContractCondition, definition::WeightClass};
use checklist_core::{share, Date};
use common::{fixture, real_checklist};

/// A text of `chars` characters that each take the most bytes in JSON (`\u0001`), ending in
/// `tag` so texts differ.
fn worst_text(chars: usize, tag: usize) -> String {
    let mut text = "\u{1}".repeat(chars - 2);
    text.push(char::from((tag / 32) as u8 + 1));
    text.push(char::from((tag % 32) as u8 + 1));
    text
}

/// Returns the `i`th token of the longest length own ids and option ids may have.
fn longest_token(i: usize) -> String {
    format!("{i:0width$}", width = MAX_TOKEN_CHARS)
}

/// Builds a tuning at every cap: every item reweighted, every question a must-have, the most
/// own sections and questions with the longest texts and the most options.
fn largest_tuning(def: &Definition) -> Tuning {
    let mut tuning = Tuning::default();
    for q in &def.questions {
        let item = Tuning::item_of(def, &q.id);
        tuning
            .weights
            .insert(item, TunedWeight::Class(WeightClass::Standard));
    }
    tuning.sections = (0..MAX_OWN_SECTIONS)
        .map(|i| OwnSection {
            id: format!("own.{}", longest_token(i)),
            lang: "en".to_owned(),
            title: worst_text(MAX_LABEL_CHARS, i),
        })
        .collect();
    tuning.questions = (0..MAX_OWN_QUESTIONS)
        .map(|i| OwnQuestion {
            id: format!("own.{}", longest_token(i)),
            section: tuning.sections[i % MAX_OWN_SECTIONS].id.clone(),
            lang: "en".to_owned(),
            text: worst_text(MAX_TEXT_CHARS, i),
            weight: WeightClass::Critical,
            options: (0..MAX_OPTIONS)
                .map(|j| OwnOption {
                    id: longest_token(j),
                    label: worst_text(MAX_LABEL_CHARS, j),
                    credit: 1.0 / 3.0,
                })
                .collect(),
        })
        .collect();
    tuning.must_haves = def
        .questions
        .iter()
        .map(|q| q.id.clone())
        .chain(tuning.questions.iter().map(|q| q.id.clone()))
        .collect();
    tuning
}

/// Builds a vendor at every cap: longest id and name, every question answered with its
/// longest value, longest evidence id, a date, a note at the limit, all soft rules off.
fn largest_vendor(def: &Definition, index: usize) -> Vendor {
    let mut vendor = Vendor::new(
        worst_text(MAX_NAME_CHARS, index),
        worst_text(MAX_NAME_CHARS, index),
    );
    let longest_evidence = def
        .evidence_levels
        .iter()
        .max_by_key(|l| l.id.len())
        .expect("levels");
    for q in &def.questions {
        let value = match &q.kind {
            QuestionKind::YesNo => AnswerValue::Verbal(Verbal::Partial),
            QuestionKind::Choice { options } => AnswerValue::Choice(
                options
                    .iter()
                    .max_by_key(|o| o.id.len())
                    .expect("options")
                    .id
                    .clone(),
            ),
            QuestionKind::Multi { options, .. } => {
                AnswerValue::Choices(options.iter().map(|o| o.id.clone()).collect())
            }
            // A value whose shortest form has 17 significant digits.
            QuestionKind::Number { min, max, .. } => AnswerValue::Number(min + (max - min) / 3.0),
        };
        let mut answer = Answer::new(value);
        answer.note = worst_text(MAX_NOTE_CHARS, index);
        answer.evidence = Some(longest_evidence.id.clone());
        answer.valid_until = Some(Date::new(2027, 12, 31).expect("a day"));
        vendor.answers.insert(q.id.clone(), answer);
    }
    for rule in def.rules.iter().filter(|r| r.kind == RuleKind::Soft) {
        vendor.disabled_soft_rules.insert(rule.id.clone());
    }
    for q in def
        .questions
        .iter()
        .map(|q| q.id.clone())
        .chain((0..MAX_OWN_QUESTIONS).map(|i| format!("own.{}", longest_token(i))))
    {
        if q.starts_with("own.") {
            let mut answer = Answer::new(AnswerValue::Choice(longest_token(0)));
            answer.note = worst_text(MAX_NOTE_CHARS, index);
            answer.evidence = Some(longest_evidence.id.clone());
            answer.valid_until = Some(Date::new(2027, 12, 31).expect("a day"));
            vendor.answers.insert(q.clone(), answer);
        }
        let condition = ContractCondition {
            text: worst_text(MAX_CONDITION_CHARS, index),
            due: Some(Date::new(2027, 9, 30).expect("a day")),
        };
        vendor.conditions.insert(q, condition);
    }
    vendor.response = Some(Box::new(largest_origin(def, index)));
    vendor
}

/// Builds the largest response origin a vendor can carry: every text at its cap, a
/// statement with every evidence field on every question, all reviewed.
fn largest_origin(def: &Definition, index: usize) -> Origin {
    let long = || worst_text(2 * MAX_NAME_CHARS, index);
    let mut origin = Origin {
        file: long(),
        digest: format!(
            "{}{}",
            response::DIGEST_PREFIX,
            worst_text(2 * MAX_NAME_CHARS - 7, index)
        ),
        digest_matched: false,
        imported: Date::new(2026, 12, 1).expect("a day"),
        created: Date::new(2026, 11, 30).expect("a day"),
        checklist: long(),
        contact: long(),
        language: long(),
        statements: Default::default(),
        reviewed: Default::default(),
    };
    for q in &def.questions {
        let statement = largest_statement(AnswerValue::Verbal(Verbal::Unknown), index);
        origin.statements.insert(q.id.clone(), statement);
        origin.reviewed.insert(q.id.clone());
    }
    // Statements on the buyer's own questions too, which a vendor answers like the guide's.
    for i in 0..MAX_OWN_QUESTIONS {
        let id = format!("own.{}", longest_token(i));
        let statement = largest_statement(AnswerValue::Choice(longest_token(0)), index);
        origin.statements.insert(id.clone(), statement);
        origin.reviewed.insert(id);
    }
    origin
}

/// Builds the largest statement on one question: `value`, with the comment and every evidence
/// field at their caps.
fn largest_statement(value: AnswerValue, index: usize) -> Statement {
    let mut statement = Statement::new(value);
    statement.comment = worst_text(MAX_NOTE_CHARS, index);
    let text = worst_text(response::MAX_EVIDENCE_CHARS, index);
    statement.evidence = EvidenceDetails {
        document: text.clone(),
        link: text.clone(),
        period: text.clone(),
        certificate: text,
        expires: Some(Date::new(2027, 12, 31).expect("a day")),
    };
    statement
}

#[test]
fn the_largest_workspace_the_caps_allow_exports_and_imports_again_exactly() {
    for def in [real_checklist(), fixture()] {
        let workspace = Workspace {
            vendors: (0..MAX_VENDORS).map(|i| largest_vendor(&def, i)).collect(),
            tuning: largest_tuning(&def),
        };
        let json = export_json(&def, &workspace);
        let limit = max_import_bytes(&def);
        assert!(
            json.len() <= limit,
            "{} bytes exported, limit {limit}",
            json.len()
        );
        // The bound is not loose beyond use: the worst case fills most of it.
        assert!(
            json.len() * 10 >= limit * 9,
            "{} bytes exported, limit {limit}",
            json.len()
        );
        let report = import_json(&def, &json).expect("the page's own export imports");
        assert!(report.workspace == workspace, "the import is exact");
        assert!(report.orphaned_answers.is_empty() && report.dropped_rule_switches.is_empty());
    }
}

#[test]
fn an_export_of_16_vendors_of_1_05_mb_was_refused_as_too_large() {
    let def = real_checklist();
    let mut workspace = Workspace::default();
    for i in 0..16 {
        let mut vendor = Vendor::new(format!("v{}", i + 1), format!("Vendor {}", i + 1));
        for q in def
            .questions
            .iter()
            .filter(|q| q.kind == QuestionKind::YesNo)
        {
            let mut answer = Answer::new(AnswerValue::Verbal(Verbal::Yes));
            answer.note = "Seen in the SOC 2 report, section 4. ".repeat(74);
            vendor.answers.insert(q.id.clone(), answer);
        }
        workspace.vendors.push(vendor);
    }
    let json = export_json(&def, &workspace);
    assert!(json.len() > 1_050_000, "{} bytes", json.len());
    assert_eq!(
        import_json(&def, &json).expect("imports").workspace,
        workspace
    );
}

#[test]
fn an_empty_import_offered_to_replace_all_vendors() {
    let def = fixture();
    let empty = export_json(&def, &Workspace::default());
    assert_eq!(
        import_vendors(&def, &empty),
        Err(ImportError::NothingToImport)
    );
    assert_eq!(
        ImportError::NothingToImport.to_string(),
        "the file contains no vendors, so there is nothing to import"
    );
    // Saved state may be empty, so the plain reader still accepts it.
    assert_eq!(
        import_json(&def, &empty).expect("valid").workspace,
        Workspace::default()
    );
    let link = share::encode(&def, &Workspace::default()).expect("short");
    assert_eq!(
        share::decode(&def, &link),
        Err(share::ShareError::Invalid(ImportError::NothingToImport))
    );
    let one = Workspace {
        vendors: vec![Vendor::new("v1", "Acme")],
        ..Default::default()
    };
    assert_eq!(
        import_vendors(&def, &export_json(&def, &one))
            .expect("one")
            .workspace,
        one
    );
}

#[test]
fn inputs_past_the_largest_export_are_refused_before_parsing() {
    let def = real_checklist();
    let limit = max_import_bytes(&def);
    let input = "[".repeat(limit + 1);
    assert_eq!(
        import_json(&def, &input),
        Err(ImportError::TooLarge {
            size: limit + 1,
            limit
        })
    );
    // Nesting stays limited below the size limit too.
    let err = import_json(&def, &"[".repeat(100)).expect_err("too deep");
    assert!(err.to_string().contains("nest"), "{err}");
}
