//! The compact saved form (`checklist_core::saved`) against its reference implementation, the
//! JSON export: every workspace reads back exactly from the compact form, and what it reads
//! back exports to JSON that imports (with every check) to the same workspace. Workspaces are
//! generated with every kind of answer, note, evidence, response, review, condition and
//! tuning, up to the page's limits (50 vendors, 10,000-character notes) and in any script;
//! hostile texts are refused without a panic.

mod common;

use checklist_core::answers::{Answer, AnswerValue, ContractCondition, Vendor, Workspace};
use checklist_core::definition::{Definition, QuestionKind, RuleKind, Verbal};
use checklist_core::exchange::{
    check_workspace, export_json, import_json, MAX_CONDITION_CHARS, MAX_NOTE_CHARS, MAX_VENDORS,
};
use checklist_core::response::{import_response, to_vendor, write_response, Response, Statement};
use checklist_core::saved::{self, SavedError, MAGIC};
use checklist_core::Date;
use common::{fixture, real_checklist, tuning_with_each_change};
use proptest::prelude::*;

/// Characters from many scripts and every kind that a format could trip on: the compact
/// form's own separators, quotes, escapes, control characters, combining marks, emoji and
/// right-to-left text.
const PALETTE: [char; 20] = [
    'a', 'Z', '7', 'Ä', 'ß', '€', '„', '😀', '\u{301}', '\u{202E}', 'ש', '中', '\n', '\t', '"',
    '\\', ':', ',', ';', '\u{0}',
];

/// Makes a text of `length` characters from the palette, picked by `seed`.
fn text(seed: u64, length: usize) -> String {
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
    (0..length)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            PALETTE[(state >> 33) as usize % PALETTE.len()]
        })
        .collect()
}

fn day(n: u64) -> Date {
    Date::new(
        2020 + (n % 15) as u16,
        1 + (n % 12) as u8,
        1 + (n % 28) as u8,
    )
    .expect("a day")
}

/// A value of the question's kind picked by `pick`, or none.
fn value(def: &Definition, question: usize, pick: u64) -> AnswerValue {
    let q = &def.questions[question];
    if pick.is_multiple_of(9) {
        return AnswerValue::Unanswered;
    }
    if pick.is_multiple_of(7) {
        return AnswerValue::Verbal(Verbal::Unknown);
    }
    match &q.kind {
        QuestionKind::YesNo => {
            AnswerValue::Verbal([Verbal::Yes, Verbal::Partial, Verbal::No][pick as usize % 3])
        }
        QuestionKind::Choice { options } => {
            AnswerValue::Choice(options[pick as usize % options.len()].id.clone())
        }
        QuestionKind::Multi { options, .. } => AnswerValue::Choices(
            options
                .iter()
                .enumerate()
                .filter(|(i, _)| pick >> i & 1 == 1)
                .map(|(_, o)| o.id.clone())
                .collect(),
        ),
        // Any float the range holds, with all its bits (0.1 + 0.2 and the like).
        QuestionKind::Number { min, max, .. } => {
            AnswerValue::Number(min + (max - min) * ((pick % 1000) as f64 / 999.0 + 1e-17))
        }
    }
}

/// A vendor with answers of every kind, notes of `note_chars` characters, evidence and dates,
/// soft rules switched off and contract conditions, picked by `seed`.
fn vendor(def: &Definition, index: usize, seed: u64, note_chars: usize) -> Vendor {
    let mut vendor = Vendor::new(
        format!("v{}", index + 1),
        format!("V{index} {}", text(seed, 12)),
    );
    for (i, question) in def.questions.iter().enumerate() {
        let pick = seed.wrapping_add(i as u64 * 31).wrapping_mul(2654435761) >> 7;
        if pick.is_multiple_of(5) {
            continue;
        }
        let mut answer = Answer::new(value(def, i, pick));
        if pick.is_multiple_of(3) {
            answer.note = text(pick, note_chars);
        }
        if !pick.is_multiple_of(4) {
            answer.evidence = Some(
                def.evidence_levels[pick as usize % def.evidence_levels.len()]
                    .id
                    .clone(),
            );
        }
        if pick.is_multiple_of(2) {
            answer.valid_until = Some(day(pick));
        }
        vendor.answers.insert(question.id.clone(), answer);
        if pick % 6 == 1 {
            let condition = ContractCondition {
                text: format!(
                    "C{}",
                    text(pick + 1, (MAX_CONDITION_CHARS - 1).min(note_chars))
                ),
                due: (pick % 4 == 1).then(|| day(pick + 3)),
            };
            vendor.conditions.insert(question.id.clone(), condition);
        }
    }
    for rule in def.rules.iter().filter(|r| r.kind == RuleKind::Soft) {
        if seed.is_multiple_of(2) {
            vendor.disabled_soft_rules.insert(rule.id.clone());
        }
    }
    vendor
}

/// A vendor made from a response file, as an import makes it: statements with comments and
/// evidence, the file's provenance, and some answers reviewed or changed by the buyer.
fn responded(def: &Definition, index: usize, seed: u64) -> Vendor {
    let mut response = Response::new(def, "de", day(seed));
    response.company = format!("R{index} {}", text(seed, 20));
    response.contact = text(seed + 1, 30);
    for (i, question) in def
        .questions
        .iter()
        .enumerate()
        .filter(|(i, _)| !(i + index).is_multiple_of(3))
    {
        let mut statement = Statement::new(value(def, i, seed.wrapping_add(i as u64) | 1));
        statement.comment = text(seed + i as u64, 40);
        statement.evidence.document = text(seed + 2, 10);
        statement.evidence.link = "https://trust.example/soc2?a=1&b=2".to_owned();
        statement.evidence.period = "2025-10-01 – 2026-09-30".to_owned();
        statement.evidence.certificate = text(seed + 3, 8);
        statement.evidence.expires = (i % 2 == 0).then(|| day(seed + i as u64));
        response.answers.insert(question.id.clone(), statement);
    }
    let import = import_response(def, &write_response(&response)).expect("the response imports");
    let mut vendor = to_vendor(
        def,
        &import,
        format!("v{}", index + 1),
        "antwort 😀.json",
        day(seed + 9),
    );
    let origin = vendor.response.as_mut().expect("an origin");
    let first = origin
        .statements
        .keys()
        .next()
        .cloned()
        .expect("a statement");
    origin.reviewed.insert(first);
    if let Some(answer) = vendor.answers.values_mut_first() {
        answer.note = text(seed + 5, 30);
    }
    vendor
}

/// Extends `Vendor`'s answers with a way to reach the first one, for the buyer's edit above.
trait FirstAnswer {
    fn values_mut_first(&mut self) -> Option<&mut Answer>;
}

impl FirstAnswer for checklist_core::sorted::SortedMap<Answer> {
    fn values_mut_first(&mut self) -> Option<&mut Answer> {
        let key = self.keys().next().cloned()?;
        self.get_mut(&key)
    }
}

/// A workspace of `vendors` vendors (every third from a response), picked by `seed`.
fn workspace(def: &Definition, vendors: usize, seed: u64, note_chars: usize) -> Workspace {
    Workspace {
        vendors: (0..vendors)
            .map(|i| {
                let seed = seed.wrapping_add(i as u64 * 7919);
                if i % 3 == 2 {
                    responded(def, i, seed)
                } else {
                    vendor(def, i, seed, note_chars)
                }
            })
            .collect(),
        tuning: Default::default(),
    }
}

/// The fixture tuned with one of each change, and answers to the buyer's own question.
fn tuned_fixture_workspace(seed: u64) -> (Definition, Workspace) {
    let def = fixture();
    let mut workspace = workspace(&def, 4, seed, 50);
    workspace.tuning = tuning_with_each_change();
    let mut own = Answer::new(AnswerValue::Choice("ja".into()));
    own.note = text(seed, 20);
    workspace.vendors[0].answers.insert("own.q1".into(), own);
    (def, workspace)
}

/// Checks the compact form against the reference: it reads back to exactly `workspace`
/// (naming `def`'s checklist), and what it reads back goes through the JSON export and its
/// checked import unchanged, as does the check of the on-demand module's upgrade.
#[track_caller]
fn round_trip(def: &Definition, workspace: &Workspace) {
    let compact = saved::write(def, workspace);
    assert!(saved::is_compact(&compact));
    let read = saved::read_own(def, &compact).expect("the compact form reads back");
    assert_eq!(&read, workspace, "the compact form changed the workspace");
    let (reference, any) = saved::read_any(&compact).expect("reads as any checklist's save");
    assert_eq!(reference, def.reference());
    assert_eq!(&any, workspace);
    let imported = import_json(def, &export_json(def, &read)).expect("the export imports");
    assert_eq!(
        &imported.workspace, workspace,
        "the reference reads it otherwise"
    );
    let checked = check_workspace(def, reference, any).expect("passes the import's checks");
    assert_eq!(checked, imported);
    // Written again, the same bytes: a save of an unchanged workspace is byte-stable.
    assert_eq!(saved::write(def, &read), compact);
}

#[test]
fn an_empty_workspace_round_trips() {
    round_trip(&real_checklist(), &Workspace::default());
}

#[test]
fn every_kind_of_answer_response_review_condition_and_tuning_round_trips() {
    for seed in 0..20 {
        let (def, workspace) = tuned_fixture_workspace(seed);
        round_trip(&def, &workspace);
    }
    let def = real_checklist();
    for seed in 0..10 {
        round_trip(&def, &workspace(&def, 6, seed, 200));
    }
}

#[test]
fn the_largest_workspace_the_page_allows_round_trips() {
    let def = real_checklist();
    // 50 vendors; a third of the answers carry notes of 10,000 characters, most of them
    // several bytes long in UTF-8.
    let workspace = workspace(&def, MAX_VENDORS, 42, MAX_NOTE_CHARS);
    assert!(workspace
        .vendors
        .iter()
        .flat_map(|v| v.answers.values())
        .any(|a| a.note.chars().count() == MAX_NOTE_CHARS));
    round_trip(&def, &workspace);
}

#[test]
fn a_save_of_another_checklist_version_is_not_read_as_this_ones() {
    let def = real_checklist();
    let workspace = workspace(&def, 2, 7, 10);
    let mut older = def.clone();
    older.meta.version = "0.9".into();
    let compact = saved::write(&older, &workspace);
    assert_eq!(
        saved::read_own(&def, &compact),
        Err(SavedError::OtherChecklist(older.reference()))
    );
    // The on-demand module still reads it, then checks it like an import.
    let (reference, read) = saved::read_any(&compact).expect("reads");
    assert_eq!(reference, older.reference());
    assert_eq!(
        check_workspace(&def, reference, read)
            .expect("fits")
            .workspace,
        workspace
    );
}

#[test]
fn json_saves_of_earlier_versions_of_the_page_are_not_the_compact_form() {
    let def = real_checklist();
    let json = export_json(&def, &workspace(&def, 2, 3, 10));
    assert!(!saved::is_compact(&json));
    assert_eq!(saved::read_own(&def, &json), Err(SavedError::NotCompact));
    assert_eq!(saved::read_own(&def, ""), Err(SavedError::NotCompact));
}

/// Expects `text` to be refused as damaged.
#[track_caller]
fn damaged(text: &str) {
    assert_eq!(saved::read_any(text), Err(SavedError::Damaged), "{text:?}");
}

#[test]
fn damaged_saves_are_refused_without_a_panic() {
    let def = fixture();
    let (_, workspace) = tuned_fixture_workspace(1);
    let compact = saved::write(&def, &workspace);
    // Cut off anywhere (on a character boundary: the stores keep strings).
    for (at, _) in compact.char_indices().skip(MAGIC.len()) {
        damaged(&compact[..at]);
    }
    // Trailing bytes.
    damaged(&format!("{compact}0,"));
    // Counts and lengths larger than anything left, or than any number.
    let huge = [
        format!("{MAGIC}18446744073709551615:"),
        format!("{MAGIC}99999999999999999999999:"),
        format!("{MAGIC}0:0,0,0,0,4294967296,"),
        format!("{MAGIC}0:0,0,0,0,51,"),
        format!("{MAGIC}0:0,0,0,0,1,1:v1:x1000000,"),
    ];
    for text in &huge {
        damaged(text);
    }
    // A string whose length ends inside a character.
    damaged(&format!("{MAGIC}1:€0,0,0,0,0,"));
    // A number that is not finite, a value kind, weight or day that does not exist.
    let vendor = |answer: &str| format!("{MAGIC}0:0,0,0,0,1,2:v12:V11,2:q1{answer}0:0,0,0,0,0,");
    assert!(
        saved::read_any(&vendor("1,0,")).is_ok(),
        "the frame itself is valid"
    );
    for answer in [
        "4,9218868437227405312,",
        "4,16,9218868437227405312,",
        "4,16,9221120237041090560,",
        "4,17,1,",
        "5,",
        "1,4,",
        "1,",
        "x,",
    ] {
        damaged(&vendor(answer));
    }
    damaged(&format!(
        "{MAGIC}0:0,0,0,0,1,2:v12:V11,2:q11,0,0:0,20250230,0,0,0,"
    ));
    damaged(&format!("{MAGIC}0:1,1:x4,0,0,0,0,"));
    damaged(&format!("{MAGIC}0:0,0,0,1,1:a1:b1:c1:d0,0,0,"));
}

proptest! {
    #[test]
    fn generated_workspaces_round_trip(seed in any::<u64>(), vendors in 0usize..8, note_chars in 0usize..300) {
        let def = real_checklist();
        round_trip(&def, &workspace(&def, vendors, seed, note_chars));
    }

    #[test]
    fn reading_any_text_never_panics(text in ".{0,400}", bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let def = fixture();
        let _ = saved::read_own(&def, &text);
        let _ = saved::read_any(&format!("{MAGIC}{text}"));
        let _ = saved::read_any(&format!("{MAGIC}{}", String::from_utf8_lossy(&bytes)));
    }

    #[test]
    fn a_changed_byte_never_panics(seed in 0u64..50, at in any::<prop::sample::Index>(), byte in 0u8..128) {
        let (def, workspace) = tuned_fixture_workspace(seed);
        let compact = saved::write(&def, &workspace);
        let mut bytes = compact.clone().into_bytes();
        let at = at.index(bytes.len());
        if bytes[at] < 128 {
            bytes[at] = byte;
        }
        let Ok(changed) = String::from_utf8(bytes) else { return Ok(()) };
        if let Ok((reference, read)) = saved::read_any(&changed) {
            // What reads is never larger written again, and reads back the same.
            let again = saved::write_as(&reference, &read);
            prop_assert!(again.len() <= changed.len());
            prop_assert_eq!(saved::read_any(&again), Ok((reference, read)));
        }
    }
}
