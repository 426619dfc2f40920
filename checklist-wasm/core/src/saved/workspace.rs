//! The layout of a workspace in the compact form, field by field in a fixed order (no names):
//! the checklist it was saved against, the tuning, then every vendor with its answers, rules
//! switched off, the response it came from and its contract conditions. Each field is one of
//! `text`'s tokens; lists are a count, then their items. Adding a field means a new format
//! version (`MAGIC`), never a change of this one.

use super::text::{Damaged, Reader, Writer};
use crate::answers::{Answer, AnswerValue, ContractCondition, Vendor, Workspace};
use crate::date::Date;
use crate::definition::{Verbal, WeightClass};
use crate::exchange::{MAX_ANSWERS, MAX_VENDORS};
use crate::response::{EvidenceDetails, Origin, Statement};
use crate::sorted::{SortedMap, SortedSet};
use crate::tuning::{
    OwnOption, OwnQuestion, OwnSection, TunedWeight, Tuning, MAX_OPTIONS, MAX_OWN_QUESTIONS,
    MAX_OWN_SECTIONS,
};

/// The start of a saved workspace: the format and its version (never the start of JSON).
pub const MAGIC: &str = "ccw1;";

/// The weight codes: their position in this list.
const WEIGHTS: [TunedWeight; 4] = [
    TunedWeight::Off,
    TunedWeight::Class(WeightClass::Minor),
    TunedWeight::Class(WeightClass::Standard),
    TunedWeight::Class(WeightClass::Critical),
];
/// The verbal answers' codes: their position in this list.
const VERBALS: [Verbal; 4] = [Verbal::Yes, Verbal::Partial, Verbal::No, Verbal::Unknown];

/// Writes the workspace saved against the checklist `reference` (`id@version`).
pub fn write(reference: &str, workspace: &Workspace) -> String {
    let mut w = Writer::new(MAGIC);
    w.str(reference);
    write_tuning(&mut w, &workspace.tuning);
    w.count(workspace.vendors.len());
    for vendor in &workspace.vendors {
        w.str(&vendor.id);
        w.str(&vendor.name);
        w.count(vendor.answers.len());
        for (question, answer) in vendor.answers.iter() {
            w.str(question);
            write_value(&mut w, &answer.value);
            w.str(&answer.note);
            w.flag(answer.evidence.is_some());
            if let Some(level) = &answer.evidence {
                w.str(level);
            }
            write_day(&mut w, answer.valid_until);
        }
        write_set(&mut w, &vendor.disabled_soft_rules);
        w.flag(vendor.response.is_some());
        if let Some(origin) = &vendor.response {
            write_origin(&mut w, origin);
        }
        w.count(vendor.conditions.len());
        for (question, condition) in vendor.conditions.iter() {
            w.str(question);
            w.str(&condition.text);
            write_day(&mut w, condition.due);
        }
    }
    w.finish()
}

/// Reads a workspace written by [`write`], and the checklist reference it names.
pub fn read(text: &str) -> Result<(String, Workspace), Damaged> {
    let mut r = Reader::new(text, MAGIC);
    let reference = r.string();
    let tuning = read_tuning(&mut r);
    let mut vendors = Vec::new();
    for _ in 0..r.count(MAX_VENDORS) {
        let mut vendor = Vendor::new(r.string(), r.string());
        for _ in 0..r.count(MAX_ANSWERS) {
            let question = r.string();
            let answer = Answer {
                value: read_value(&mut r),
                note: r.string(),
                evidence: r.flag().then(|| r.string()),
                valid_until: read_day(&mut r),
            };
            vendor.answers.insert(question, answer);
        }
        vendor.disabled_soft_rules = read_set(&mut r);
        if r.flag() {
            vendor.response = Some(Box::new(read_origin(&mut r)));
        }
        for _ in 0..r.count(MAX_ANSWERS) {
            let question = r.string();
            let condition = ContractCondition {
                text: r.string(),
                due: read_day(&mut r),
            };
            vendor.conditions.insert(question, condition);
        }
        vendors.push(vendor);
    }
    r.end()?;
    Ok((reference, Workspace { vendors, tuning }))
}

fn write_tuning(w: &mut Writer, tuning: &Tuning) {
    w.count(tuning.weights.len());
    for (item, weight) in tuning.weights.iter() {
        w.str(item);
        w.count(WEIGHTS.iter().position(|x| x == weight).unwrap_or(0));
    }
    write_set(w, &tuning.must_haves);
    w.count(tuning.sections.len());
    for section in &tuning.sections {
        w.str(&section.id);
        w.str(&section.lang);
        w.str(&section.title);
    }
    w.count(tuning.questions.len());
    for question in &tuning.questions {
        w.str(&question.id);
        w.str(&question.section);
        w.str(&question.lang);
        w.str(&question.text);
        write_class(w, question.weight);
        w.count(question.options.len());
        for option in &question.options {
            w.str(&option.id);
            w.str(&option.label);
            w.float(option.credit);
        }
    }
}

fn read_tuning(r: &mut Reader) -> Tuning {
    let mut tuning = Tuning::default();
    for _ in 0..r.count(MAX_ANSWERS) {
        let item = r.string();
        let weight = WEIGHTS[r.small(3) as usize];
        tuning.weights.insert(item, weight);
    }
    tuning.must_haves = read_set(r);
    for _ in 0..r.count(MAX_OWN_SECTIONS) {
        tuning.sections.push(OwnSection {
            id: r.string(),
            lang: r.string(),
            title: r.string(),
        });
    }
    for _ in 0..r.count(MAX_OWN_QUESTIONS) {
        let mut question = OwnQuestion {
            id: r.string(),
            section: r.string(),
            lang: r.string(),
            text: r.string(),
            weight: read_class(r),
            options: Vec::new(),
        };
        for _ in 0..r.count(MAX_OPTIONS) {
            question.options.push(OwnOption {
                id: r.string(),
                label: r.string(),
                credit: r.float(),
            });
        }
        tuning.questions.push(question);
    }
    tuning
}

fn write_class(w: &mut Writer, class: WeightClass) {
    w.count(
        WEIGHTS
            .iter()
            .position(|x| *x == TunedWeight::Class(class))
            .unwrap_or(2),
    );
}

/// Reads a weight class: the codes of [`WEIGHTS`] but "off" (1 to 3).
fn read_class(r: &mut Reader) -> WeightClass {
    match WEIGHTS[r.small(3) as usize] {
        TunedWeight::Class(class) => class,
        TunedWeight::Off => r.fail(WeightClass::Standard),
    }
}

/// Writes a value: its kind (0 none, 1 verbal, 2 option, 3 options, 4 number), then what it holds.
fn write_value(w: &mut Writer, value: &AnswerValue) {
    match value {
        AnswerValue::Unanswered => w.number(0),
        AnswerValue::Verbal(verbal) => {
            w.number(1);
            w.count(VERBALS.iter().position(|v| v == verbal).unwrap_or(3));
        }
        AnswerValue::Choice(id) => {
            w.number(2);
            w.str(id);
        }
        AnswerValue::Choices(ids) => {
            w.number(3);
            w.count(ids.len());
            for id in ids {
                w.str(id);
            }
        }
        AnswerValue::Number(n) => {
            w.number(4);
            w.float(*n);
        }
    }
}

fn read_value(r: &mut Reader) -> AnswerValue {
    match r.small(4) {
        0 => AnswerValue::Unanswered,
        1 => AnswerValue::Verbal(VERBALS[r.small(3) as usize]),
        2 => AnswerValue::Choice(r.string()),
        3 => {
            let mut ids = Vec::new();
            for _ in 0..r.count(MAX_ANSWERS) {
                ids.push(r.string());
            }
            AnswerValue::Choices(ids)
        }
        _ => AnswerValue::Number(r.float()),
    }
}

/// Writes a day as one number, `yyyymmdd`, or 0 for none.
fn write_day(w: &mut Writer, day: Option<Date>) {
    w.number(day.map_or(0, |d| {
        u64::from(d.year()) * 10_000 + u64::from(d.month()) * 100 + u64::from(d.day())
    }));
}

fn read_day(r: &mut Reader) -> Option<Date> {
    match r.small(99_991_231) {
        0 => None,
        n => match Date::new((n / 10_000) as u16, (n / 100 % 100) as u8, (n % 100) as u8) {
            Ok(day) => Some(day),
            Err(_) => r.fail(None),
        },
    }
}

/// Writes a day that is always there (the dates of a response).
fn write_date(w: &mut Writer, day: Date) {
    write_day(w, Some(day));
}

/// Reads a day that is always there; none marks the text damaged.
fn read_date(r: &mut Reader) -> Date {
    let fallback = Date::new(1, 1, 1).unwrap_or_else(|_| unreachable!());
    match read_day(r) {
        Some(day) => day,
        None => r.fail(fallback),
    }
}

fn write_set(w: &mut Writer, set: &SortedSet) {
    w.count(set.len());
    for item in set.iter() {
        w.str(item);
    }
}

fn read_set(r: &mut Reader) -> SortedSet {
    let mut set = SortedSet::new();
    for _ in 0..r.count(MAX_ANSWERS) {
        set.insert(r.string());
    }
    set
}

fn write_origin(w: &mut Writer, origin: &Origin) {
    w.str(&origin.file);
    w.str(&origin.digest);
    w.flag(origin.digest_matched);
    write_date(w, origin.imported);
    write_date(w, origin.created);
    w.str(&origin.checklist);
    w.str(&origin.contact);
    w.str(&origin.language);
    w.count(origin.statements.len());
    for (question, statement) in origin.statements.iter() {
        w.str(question);
        write_value(w, &statement.value);
        w.str(&statement.comment);
        let evidence = &statement.evidence;
        for text in [
            &evidence.document,
            &evidence.link,
            &evidence.period,
            &evidence.certificate,
        ] {
            w.str(text);
        }
        write_day(w, evidence.expires);
    }
    write_set(w, &origin.reviewed);
}

fn read_origin(r: &mut Reader) -> Origin {
    let mut origin = Origin {
        file: r.string(),
        digest: r.string(),
        digest_matched: r.flag(),
        imported: read_date(r),
        created: read_date(r),
        checklist: r.string(),
        contact: r.string(),
        language: r.string(),
        statements: SortedMap::new(),
        reviewed: SortedSet::new(),
    };
    for _ in 0..r.count(MAX_ANSWERS) {
        let question = r.string();
        let statement = Statement {
            value: read_value(r),
            comment: r.string(),
            evidence: EvidenceDetails {
                document: r.string(),
                link: r.string(),
                period: r.string(),
                certificate: r.string(),
                expires: read_day(r),
            },
        };
        origin.statements.insert(question, statement);
    }
    origin.reviewed = read_set(r);
    origin
}
