//! The size bounds of the export format: the most bytes any export this page can write
//! takes, computed from the definition and the caps, so that every file the page exports
//! imports again while anything larger is refused before it is parsed. Response files and
//! drafts (`response`) build their bounds from the same pieces.

use crate::definition::{Definition, QuestionKind};
use crate::tuning;

use super::{MAX_CONDITION_CHARS, MAX_NAME_CHARS, MAX_NOTE_CHARS, MAX_VENDORS};

/// Most bytes one character of a text takes in an export: a control character is written
/// `\u00XX`; any other takes at most 4 bytes of UTF-8.
const ESCAPED_CHAR_BYTES: usize = 6;
/// Bytes a line of the pretty export takes beyond the texts it holds: the line break, the
/// indentation (at most 6 levels), a key of the format (at most 24 characters) with its
/// quotes, `: `, brackets and a comma. Generous on purpose: it only has to be an upper bound.
pub(crate) const LINE_BYTES: usize = 64;
/// Most characters a number in an export takes: `f64`'s shortest round-trip form, written
/// without exponent, is at most 309 digits before the point or 340 after it.
const NUMBER_BYTES: usize = 400;

/// Returns the most bytes a text of `chars` characters takes in an export, quotes included.
pub(crate) fn max_text_bytes(chars: usize) -> usize {
    2 + chars * ESCAPED_CHAR_BYTES
}

/// Returns the most bytes the `value` object of an answer to `question` takes, its lines
/// included.
pub(crate) fn max_value_bytes(question: &crate::definition::Question) -> usize {
    let text = max_text_bytes;
    let longest =
        |ids: &mut dyn Iterator<Item = &String>| ids.map(|id| text(id.chars().count())).max();
    // "unknown" is the longest yes/no word and fits every kind of question.
    let value = match &question.kind {
        QuestionKind::YesNo => text(7),
        QuestionKind::Choice { options } => longest(&mut options.iter().map(|o| &o.id))
            .unwrap_or(0)
            .max(text(7)),
        QuestionKind::Multi { options, .. } => options
            .iter()
            .map(|o| LINE_BYTES + text(o.id.chars().count()))
            .sum::<usize>()
            .max(text(7)),
        QuestionKind::Number { .. } => NUMBER_BYTES,
    };
    3 * LINE_BYTES + value
}

/// Returns the largest export this page can write for `def` within its caps (vendors, names,
/// notes, answers and switched-off rules per vendor, every character escaped at worst), which
/// is the size limit of [`import_json`]: every file the page exports imports again, while an
/// input past it is refused before parsing.
pub fn max_import_bytes(def: &Definition) -> usize {
    let text = max_text_bytes;
    let longest = |ids: &mut dyn Iterator<Item = &String>| {
        ids.map(|id| text(id.chars().count())).max().unwrap_or(0)
    };
    let evidence = longest(&mut def.evidence_levels.iter().map(|l| &l.id));
    // The buyer's own questions: a choice of the most options with the longest ids.
    let own_question = 2 * LINE_BYTES
        + text(tuning::OWN_PREFIX.len() + tuning::MAX_TOKEN_CHARS)
        + tuning::MAX_OPTIONS * (LINE_BYTES + text(tuning::MAX_TOKEN_CHARS));
    let own_answers = tuning::MAX_OWN_QUESTIONS
        * (8 * LINE_BYTES + own_question + text(MAX_NOTE_CHARS) + evidence + text(10));
    let condition = 6 * LINE_BYTES
        + text(tuning::OWN_PREFIX.len() + tuning::MAX_TOKEN_CHARS)
            .max(longest(&mut def.questions.iter().map(|q| &q.id)))
        + text(MAX_CONDITION_CHARS)
        + text("YYYY-MM-DD".len());
    let conditions = (def.questions.len() + tuning::MAX_OWN_QUESTIONS) * condition;
    let tuning_bytes = tuning_max_bytes(def, &text);
    let answers: usize = def
        .questions
        .iter()
        .map(|q| {
            // Lines: the question's key, note, evidence, valid_until, and the closing brace.
            5 * LINE_BYTES
                + text(q.id.chars().count())
                + max_value_bytes(q)
                + text(MAX_NOTE_CHARS)
                + evidence
                + text("YYYY-MM-DD".len())
        })
        .sum();
    let rule_switches: usize = def
        .rules
        .iter()
        .filter(|r| r.kind == crate::definition::RuleKind::Soft)
        .map(|r| LINE_BYTES + text(r.id.chars().count()))
        .sum();
    let vendor = 8 * LINE_BYTES
        + 2 * text(MAX_NAME_CHARS)
        + answers
        + own_answers
        + conditions
        + rule_switches
        + crate::response::max_origin_bytes(def);
    8 * LINE_BYTES + text(def.reference().chars().count()) + tuning_bytes + MAX_VENDORS * vendor
}

/// Returns the largest `tuning` field an export can hold for `def`.
pub(crate) fn tuning_max_bytes(def: &Definition, text: &dyn Fn(usize) -> usize) -> usize {
    let own_id = text(tuning::OWN_PREFIX.len() + tuning::MAX_TOKEN_CHARS);
    let longest_question = def
        .questions
        .iter()
        .map(|q| text(q.id.chars().count()))
        .chain(def.groups.iter().map(|g| text(g.id.chars().count())))
        .chain([own_id])
        .max()
        .unwrap_or(0);
    let lang = text(tuning::MAX_LANGUAGE_CHARS);
    let section_ref = def
        .sections
        .iter()
        .map(|s| text(s.id.chars().count()))
        .chain([own_id])
        .max()
        .unwrap_or(0);
    let weights =
        (def.questions.len() + def.groups.len()) * (LINE_BYTES + longest_question + text(8));
    let marks = (def.questions.len() + tuning::MAX_OWN_QUESTIONS) * (LINE_BYTES + longest_question);
    let sections =
        tuning::MAX_OWN_SECTIONS * (5 * LINE_BYTES + own_id + lang + text(tuning::MAX_LABEL_CHARS));
    let option = 5 * LINE_BYTES
        + text(tuning::MAX_TOKEN_CHARS)
        + text(tuning::MAX_LABEL_CHARS)
        + NUMBER_BYTES;
    let questions = tuning::MAX_OWN_QUESTIONS
        * (9 * LINE_BYTES
            + own_id
            + section_ref
            + lang
            + text(tuning::MAX_TEXT_CHARS)
            + text(8)
            + tuning::MAX_OPTIONS * option);
    8 * LINE_BYTES + weights + marks + sections + questions
}
