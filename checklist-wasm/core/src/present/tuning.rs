//! The tuning panel's view model and the buyer's "add your own question" form: per question
//! a weight choice with the guide's default, a reset when it differs, a must-have mark (fixed
//! where the guide already makes it one), the buyer's own questions, and the summary of what
//! differs from the guide's recommendation. It decides what the panel shows and turns the
//! form's plain texts into a checked tuning; the tuning itself (apply, differences, checks)
//! is `tuning`'s, building elements is the binding's.

use super::Present;
use crate::definition::{Definition, WeightClass};
use crate::number::parse_number;
use crate::tuning::{
    self, Difference, OwnOption, OwnQuestion, OwnSection, TunedWeight, Tuning, MAX_LABEL_CHARS,
    MAX_OPTIONS, MAX_OWN_QUESTIONS, MAX_OWN_SECTIONS, MAX_TEXT_CHARS, OWN_PREFIX,
};

/// The UI string keys this file looks up.
pub const TUNING_KEYS: &[&str] = &[
    "tune_title",
    "tune_hint",
    "tune_untuned",
    "tuned_one",
    "tuned_other",
    "tuned_weight",
    "tuned_must_have",
    "tuned_own",
    "tune_questions",
    "tune_weight_of",
    "tune_default",
    "tune_reset",
    "tune_must_have",
    "tune_must_have_guide",
    "tune_own_label",
    "tune_remove",
    "weight_off",
    "must_have_reason",
    "own_title",
    "own_text",
    "own_section",
    "own_new_section",
    "own_new_section_title",
    "own_options",
    "own_options_hint",
    "own_weight",
    "own_add",
    "own_added",
    "own_no_text",
    "own_no_section_title",
    "own_bad_options",
    "own_full",
];

/// The tuning panel: the summary, what differs, and one row per question.
#[derive(Clone, Debug, PartialEq)]
pub struct TuningView {
    /// "This checklist follows the guide's recommendation." or "Tuned for this tender: …".
    pub summary: String,
    /// Whether the checklist differs from the guide's recommendation.
    pub tuned: bool,
    /// One line per difference, in [`Tuning::differences`]'s order.
    pub differences: Vec<String>,
    /// One row per question, the guide's and the buyer's own, in display order.
    pub rows: Vec<TuneRow>,
    /// Sections an own question can go to (id, title), the guide's then the buyer's.
    pub sections: Vec<(String, String)>,
}

/// One question's controls in the tuning panel.
#[derive(Clone, Debug, PartialEq)]
pub struct TuneRow {
    /// The section's title when this row opens a section.
    pub section: Option<String>,
    /// The question id.
    pub question: String,
    /// The scored item the weight belongs to (the group's id for a group member).
    pub item: String,
    /// The question's text.
    pub text: String,
    /// The weight choices (id, label, chosen); "off" only where the guide allows it.
    pub weights: Vec<(&'static str, String, bool)>,
    /// "Guide: Standard", or for an own question "Your question".
    pub default: String,
    /// The weight differs from the guide's, so a reset is offered.
    pub reset: bool,
    /// The must-have mark: `None` when the guide makes it one (shown ticked, fixed).
    pub must_have: Option<bool>,
    /// The buyer's own question, which can be removed.
    pub own: bool,
}

/// What the "add your own question" form holds, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OwnForm {
    /// The question.
    pub text: String,
    /// The section's id, or empty for a new section.
    pub section: String,
    /// The new section's title (used when `section` is empty).
    pub new_section: String,
    /// One option per line, `label = credit`; empty for yes / partial / no.
    pub options: String,
    /// `minor`, `standard` or `critical`.
    pub weight: String,
}

impl Present<'_> {
    /// Builds the tuning panel for the guide's definition `base` (this `Present`'s `def` is
    /// the tuned one, whose texts it shows).
    pub fn tuning(&self, base: &Definition, tuning: &Tuning) -> TuningView {
        let s = self.strings;
        let weight_label = |w: TunedWeight| match w {
            TunedWeight::Off => s.get("weight_off").to_owned(),
            TunedWeight::Class(c) => base.weights.get(c).label.text(self.lang).to_owned(),
        };
        let text_of = |id: &str| {
            self.def
                .question(id)
                .or_else(|| base.question(id))
                .map_or(id, |q| q.text.text(self.lang))
                .to_owned()
        };
        let differences: Vec<String> = tuning
            .differences(base)
            .into_iter()
            .map(|d| match d {
                Difference::Weight {
                    item,
                    default,
                    tuned,
                } => s.fill(
                    "tuned_weight",
                    &[
                        ("question", &text_of(&first_member(base, &item))),
                        ("tuned", &weight_label(tuned)),
                        ("default", &weight_label(TunedWeight::Class(default))),
                    ],
                ),
                Difference::MustHave { question } => {
                    s.fill("tuned_must_have", &[("question", &text_of(&question))])
                }
                Difference::OwnQuestion { question } => {
                    s.fill("tuned_own", &[("question", &text_of(&question))])
                }
            })
            .collect();
        let count = differences.len().to_string();
        let summary = if differences.is_empty() {
            s.get("tune_untuned").to_owned()
        } else {
            s.fill_count("tuned", differences.len() as f64, &[("count", &count)])
        };
        // The guide's questions (including those switched off) and the own ones, each after
        // the last question of its section; no copy of the definition is made (less wasm).
        let own = tuning.own_questions();
        let titles: Vec<(String, String)> = base
            .sections
            .iter()
            .map(|s| (s.id.clone(), s.title.text(self.lang).to_owned()))
            .chain(
                tuning
                    .sections
                    .iter()
                    .map(|s| (s.id.clone(), s.title.clone())),
            )
            .collect();
        let ordered = titles.iter().flat_map(|(section, _)| {
            base.questions_in(section)
                .chain(own.iter().filter(move |q| &q.section == section))
        });
        let mut rows = Vec::new();
        let mut section = "";
        for q in ordered {
            let opens = (q.section != section).then(|| {
                titles
                    .iter()
                    .find(|(id, _)| *id == q.section)
                    .map_or(String::new(), |(_, title)| title.clone())
            });
            section = &q.section;
            let own = base.question(&q.id).is_none();
            let item = Tuning::item_of(base, &q.id);
            let (current, default) = if own {
                (TunedWeight::Class(q.weight), None)
            } else {
                let default = base.effective_weight(q);
                let current = tuning
                    .weights
                    .get(&item)
                    .copied()
                    .unwrap_or(TunedWeight::Class(default));
                (current, Some(default))
            };
            let off = default.is_some() && Tuning::can_switch_off(base, &item);
            let choices = [
                TunedWeight::Off,
                TunedWeight::Class(WeightClass::Minor),
                TunedWeight::Class(WeightClass::Standard),
                TunedWeight::Class(WeightClass::Critical),
            ];
            let weights = choices
                .into_iter()
                .filter(|w| off || *w != TunedWeight::Off)
                .map(|w| (w.id(), weight_label(w), w == current))
                .collect();
            rows.push(TuneRow {
                section: opens,
                question: q.id.clone(),
                item,
                text: q.text.text(self.lang).to_owned(),
                weights,
                default: match default {
                    Some(d) => s.fill(
                        "tune_default",
                        &[("weight", &weight_label(TunedWeight::Class(d)))],
                    ),
                    None => s.get("tune_own_label").to_owned(),
                },
                reset: default.is_some_and(|d| current != TunedWeight::Class(d)),
                must_have: (!base.is_must_have(&q.id)).then(|| tuning.must_haves.contains(&q.id)),
                own,
            });
        }
        TuningView {
            summary,
            tuned: !tuning.is_empty(),
            differences,
            rows,
            sections: titles,
        }
    }
}

/// Returns the question whose text names a scored item: the item itself, or a group's first
/// member.
fn first_member(base: &Definition, item: &str) -> String {
    base.group(item)
        .and_then(|g| g.members.first().cloned())
        .unwrap_or_else(|| item.to_owned())
}

/// Digits of the random part of an own section's or question's id.
const ID_TOKEN_DIGITS: usize = 8;

/// Returns an id `own.<stem><token>` not in `taken`, its token eight base-36 digits drawn
/// from `nonce` (a random number from the binding). Ids are random rather than counted so
/// that the questions two buyers add each in their own workspace do not share an id (a
/// vendor who answers both would otherwise see the second as a new wording of the first),
/// and a removed question's id is never given to the next one (whose answers, already
/// imported, would otherwise be taken for answers to the new question).
fn fresh_id<'a>(stem: &str, taken: impl Iterator<Item = &'a String> + Clone, nonce: u64) -> String {
    let mut state = nonce;
    loop {
        // SplitMix64's step: every nonce, counted or random, spreads over all 64 bits.
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut bits = state;
        bits = (bits ^ (bits >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        bits = (bits ^ (bits >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        bits ^= bits >> 31;
        let mut id = format!("{OWN_PREFIX}{stem}");
        for _ in 0..ID_TOKEN_DIGITS {
            id.extend(char::from_digit((bits % 36) as u32, 36));
            bits /= 36;
        }
        if !taken.clone().any(|t| *t == id) {
            return id;
        }
    }
}

/// Adds the question of the form to `tuning`, in the page's language `lang`, and returns the
/// new tuning, or the UI string key of the reason it is refused: no text (or too long), no
/// title for a new section, options that do not read `label = credit` with 2 to 10 options
/// and credits from 0 to 1, or a tuning that is full. `nonce`, a random number, makes the
/// ids of the question and of a new section (see [`fresh_id`]).
pub fn add_own_question(
    base: &Definition,
    tuning: &Tuning,
    lang: &str,
    form: &OwnForm,
    nonce: u64,
) -> Result<Tuning, &'static str> {
    let text = form.text.trim();
    if text.is_empty() || text.chars().count() > MAX_TEXT_CHARS {
        return Err("own_no_text");
    }
    let new_section = form.section.is_empty();
    if tuning.questions.len() >= MAX_OWN_QUESTIONS
        || (new_section && tuning.sections.len() >= MAX_OWN_SECTIONS)
    {
        return Err("own_full");
    }
    let mut tuned = tuning.clone();
    let section = if new_section {
        let title = form.new_section.trim();
        if title.is_empty() || title.chars().count() > MAX_LABEL_CHARS {
            return Err("own_no_section_title");
        }
        let id = fresh_id("s", tuning.sections.iter().map(|s| &s.id), nonce);
        tuned.sections.push(OwnSection {
            id: id.clone(),
            lang: lang.to_owned(),
            title: title.to_owned(),
        });
        id
    } else {
        form.section.clone()
    };
    let mut options = Vec::new();
    for line in form.options.lines().filter(|l| !l.trim().is_empty()) {
        let (label, credit) = line.rsplit_once('=').ok_or("own_bad_options")?;
        let label = label.trim();
        let credit = parse_number(credit, 0.0, 1.0).map_err(|_| "own_bad_options")?;
        if label.is_empty() || label.chars().count() > MAX_LABEL_CHARS {
            return Err("own_bad_options");
        }
        options.push(OwnOption {
            id: format!("o{}", options.len() + 1),
            label: label.to_owned(),
            credit,
        });
    }
    if options.len() == 1 || options.len() > MAX_OPTIONS {
        return Err("own_bad_options");
    }
    let weight = match TunedWeight::from_id(&form.weight) {
        Some(TunedWeight::Class(class)) => class,
        _ => WeightClass::Standard,
    };
    tuned.questions.push(OwnQuestion {
        id: fresh_id("q", tuning.questions.iter().map(|q| &q.id), nonce),
        section,
        lang: lang.to_owned(),
        text: text.to_owned(),
        weight,
        options,
    });
    // The same checks as an imported tuning, so what the page saves always loads again.
    tuning::check(base, tuned).map_err(|_| "own_bad_options")
}

/// Removes an own question, its must-have mark and its own section once that is empty.
pub fn remove_own_question(tuning: &mut Tuning, question: &str) {
    tuning.questions.retain(|q| q.id != question);
    tuning.must_haves.remove(question);
    let questions = &tuning.questions;
    tuning
        .sections
        .retain(|s| questions.iter().any(|q| q.section == s.id));
}

/// Sets the weight of a scored item of the guide, or of an own question (which cannot be
/// off); an item the guide does not let the buyer switch off stays on.
pub fn set_weight(base: &Definition, tuning: &mut Tuning, item: &str, weight: TunedWeight) {
    if let Some(own) = tuning.questions.iter_mut().find(|q| q.id == item) {
        if let TunedWeight::Class(class) = weight {
            own.weight = class;
        }
    } else if weight != TunedWeight::Off || Tuning::can_switch_off(base, item) {
        tuning.set_weight(base, item, weight);
        // An item that is off cannot be a must-have.
        if weight == TunedWeight::Off {
            let marked: Vec<String> = tuning
                .must_haves
                .iter()
                .filter(|q| Tuning::item_of(base, q) == item)
                .cloned()
                .collect();
            for question in marked {
                tuning.must_haves.remove(&question);
            }
        }
    }
}

/// Marks or unmarks a question as a must-have; a question switched off is switched on again
/// (at the guide's weight) when marked.
pub fn set_must_have(base: &Definition, tuning: &mut Tuning, question: &str, on: bool) {
    if on {
        let item = Tuning::item_of(base, question);
        if tuning.weights.get(&item) == Some(&TunedWeight::Off) {
            tuning.weights.remove(&item);
        }
        tuning.must_haves.insert(question.to_owned());
    } else {
        tuning.must_haves.remove(question);
    }
}

#[cfg(test)]
mod tests;
