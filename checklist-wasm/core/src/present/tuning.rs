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

/// Returns the first `own.<stem><n>` id not in `taken`.
fn free_id<'a>(stem: &str, taken: impl Iterator<Item = &'a String> + Clone) -> String {
    (1..)
        .map(|n| format!("{OWN_PREFIX}{stem}{n}"))
        .find(|id| !taken.clone().any(|t| t == id))
        .unwrap_or_default()
}

/// Adds the question of the form to `tuning`, in the page's language `lang`, and returns the
/// new tuning, or the UI string key of the reason it is refused: no text (or too long), no
/// title for a new section, options that do not read `label = credit` with 2 to 10 options
/// and credits from 0 to 1, or a tuning that is full.
pub fn add_own_question(
    base: &Definition,
    tuning: &Tuning,
    lang: &str,
    form: &OwnForm,
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
        let id = free_id("s", tuning.sections.iter().map(|s| &s.id));
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
        id: free_id("q", tuning.questions.iter().map(|q| &q.id)),
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
mod tests {
    use super::*;
    use crate::present::tests::{definition, strings};
    use crate::present::Strings;

    fn form(text: &str, section: &str, new_section: &str, options: &str) -> OwnForm {
        OwnForm {
            text: text.to_owned(),
            section: section.to_owned(),
            new_section: new_section.to_owned(),
            options: options.to_owned(),
            weight: "critical".to_owned(),
        }
    }

    #[track_caller]
    fn add(tuning: &Tuning, form: OwnForm, expected: Result<&str, &str>) -> Tuning {
        let base = definition();
        let result = add_own_question(&base, tuning, "de", &form);
        let shown = result.as_ref().map(|t| {
            let q = t.questions.last().expect("a question");
            format!("{} in {}", q.id, q.section)
        });
        assert_eq!(shown.as_deref().map_err(|e| **e), expected, "{form:?}");
        result.unwrap_or_else(|_| tuning.clone())
    }

    #[test]
    fn the_own_question_form_adds_checked_questions_or_says_why_not() {
        let base = definition();
        let section = base.sections[0].id.clone();
        let empty = Tuning::default();
        add(&empty, form(" ", &section, "", ""), Err("own_no_text"));
        add(
            &empty,
            form(&"x".repeat(501), &section, "", ""),
            Err("own_no_text"),
        );
        add(&empty, form("Q?", "", " ", ""), Err("own_no_section_title"));
        add(
            &empty,
            form("Q?", &section, "", "Ja"),
            Err("own_bad_options"),
        );
        add(
            &empty,
            form("Q?", &section, "", "Ja = 1"),
            Err("own_bad_options"),
        );
        add(
            &empty,
            form("Q?", &section, "", "Ja = 1\nNein = 2"),
            Err("own_bad_options"),
        );
        add(
            &empty,
            form("Q?", &section, "", "= 1\nNein = 0"),
            Err("own_bad_options"),
        );
        add(
            &empty,
            form("Q?", "nowhere", "", ""),
            Err("own_bad_options"),
        );
        let one = add(
            &empty,
            form("Gibt es ein Notfallhandbuch?", &section, "", ""),
            Ok(&format!("own.q1 in {section}")),
        );
        // A German decimal comma, blank lines, and `=` inside a label.
        let two = add(
            &one,
            form(
                "Vertragslaufzeit?",
                "",
                "Vertrag",
                "1 = 1 Jahr = 1\n\n2 Jahre = 0,5\n",
            ),
            Ok("own.q2 in own.s1"),
        );
        let choice = &two.questions[1];
        assert_eq!(choice.lang, "de");
        assert_eq!(choice.weight, WeightClass::Critical);
        assert_eq!(
            choice
                .options
                .iter()
                .map(|o| (o.id.as_str(), o.label.as_str(), o.credit))
                .collect::<Vec<_>>(),
            [("o1", "1 = 1 Jahr", 1.0), ("o2", "2 Jahre", 0.5)]
        );
        // Removing frees the empty own section and the id.
        let mut removed = two.clone();
        remove_own_question(&mut removed, "own.q1");
        assert_eq!(removed.sections.len(), 1);
        remove_own_question(&mut removed, "own.q2");
        assert!(removed.is_empty());
        let mut full = Tuning::default();
        for _ in 0..MAX_OWN_QUESTIONS {
            full =
                add_own_question(&base, &full, "en", &form("Q?", &section, "", "")).expect("room");
        }
        add(&full, form("Q?", &section, "", ""), Err("own_full"));
    }

    #[test]
    fn the_panel_shows_defaults_resets_fixed_must_haves_and_what_differs() {
        let base = definition();
        for lang in ["en", "de"] {
            let s: Strings = strings(lang);
            let mut tuning = Tuning::default();
            let view = |tuning: &Tuning| {
                let tuned = tuning.apply(base.clone(), &crate::definition::Text::default());
                Present {
                    def: &tuned,
                    lang,
                    strings: &s,
                }
                .tuning(&base, tuning)
            };
            let untuned = view(&tuning);
            assert!(!untuned.tuned && untuned.differences.is_empty());
            assert_eq!(untuned.summary, s.get("tune_untuned"));
            assert_eq!(untuned.rows.len(), base.questions.len());
            assert!(untuned.rows.iter().all(|r| !r.reset && !r.own));
            // The guide's must-haves are fixed; every other question can be marked.
            for row in &untuned.rows {
                assert_eq!(row.must_have.is_none(), base.is_must_have(&row.question));
                let off = row.weights.iter().any(|(id, ..)| *id == "off");
                assert_eq!(
                    off,
                    Tuning::can_switch_off(&base, &row.item),
                    "{}",
                    row.item
                );
                assert_eq!(row.weights.iter().filter(|w| w.2).count(), 1);
            }
            let free = untuned
                .rows
                .iter()
                .find(|r| r.must_have.is_some() && r.weights.len() == 4)
                .expect("a free question")
                .clone();
            set_weight(&base, &mut tuning, &free.item, TunedWeight::Off);
            let other = untuned
                .rows
                .iter()
                .find(|r| r.must_have.is_some() && r.item != free.item)
                .expect("another")
                .clone();
            set_must_have(&base, &mut tuning, &other.question, true);
            let section = base.sections[1].id.clone();
            tuning = add_own_question(&base, &tuning, lang, &form("Own?", &section, "", ""))
                .expect("added");
            let tuned = view(&tuning);
            assert!(tuned.tuned);
            assert_eq!(tuned.differences.len(), 3, "{:?}", tuned.differences);
            assert!(tuned.differences[0].contains(&free.text));
            assert!(tuned.differences[0].contains(s.get("weight_off")));
            assert!(tuned.differences[1].contains(&other.text));
            assert!(tuned.differences[2].contains("Own?"));
            assert_eq!(tuned.summary, s.fill_count("tuned", 3.0, &[("count", "3")]));
            let row = |q: &str| tuned.rows.iter().find(|r| r.question == q).expect("row");
            assert!(row(&free.question).reset);
            assert_eq!(row(&other.question).must_have, Some(true));
            assert!(row("own.q1").own && !row("own.q1").reset);
            assert_eq!(tuned.rows.len(), base.questions.len() + 1);
            // Marking the switched-off question switches it on again.
            set_must_have(&base, &mut tuning, &free.question, true);
            assert!(!tuning.weights.contains_key(&free.item));
            // Switching a marked question off drops the mark; the guide's items stay on.
            set_weight(&base, &mut tuning, &other.item, TunedWeight::Off);
            assert_eq!(
                tuning.must_haves.contains(&other.question),
                !Tuning::can_switch_off(&base, &other.item)
            );
            let fixed = untuned
                .rows
                .iter()
                .find(|r| r.must_have.is_none())
                .expect("fixed");
            set_weight(&base, &mut tuning, &fixed.item, TunedWeight::Off);
            assert!(!tuning.weights.contains_key(&fixed.item));
        }
    }
}
