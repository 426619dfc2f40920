//! The buyer's own questions as response mode keeps them between visits, and how a set the
//! vendor is given (a link's fragment, a questionnaire file) joins those given before. The
//! decision: the vendor answers every own question given to them in this browser, joined by
//! question id, so no question with a draft answer ever leaves the form; where a new set
//! words a question differently, the new wording wins (the buyer sends new questions to
//! change them), and a vendor who had answered it is told to check the answer. A link counts
//! as new only when its questions differ from the link seen last, so reloading the same link
//! changes nothing. Only the limits of a tuning can leave an earlier question out (the
//! newest set's questions first, then those the vendor answered): the binding keeps the
//! draft's answers to them (`response::restore_draft` keeps statements on own questions it
//! does not show), and the message says so. Reading and writing the kept record (a
//! questionnaire file with the link's questions beside) and joining what another tab kept
//! meanwhile ([`Kept::merge`]) are here too; the binding stores it.
//!
//! Compiled only into the vendors' bundle (feature `respond`, as is `response::merge_drafts`):
//! code the buyer's bundles never run still changed how the compiler inlined code they share
//! with it (measured: 86 bytes of gzip in `checklist_bg.wasm`). The tunings are taken by value,
//! so joining copies nothing.

use super::{max_bytes, FORMAT, VERSION};
use crate::definition::Definition;
use crate::exchange::{tuning_max_bytes, ImportError};
use crate::json::Json;
use crate::tuning::{self, OwnQuestion, OwnSection, Tuning, MAX_OWN_QUESTIONS, MAX_OWN_SECTIONS};

/// The own questions response mode keeps for the next visit.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Kept {
    /// Every own section and question given to the vendor in this browser, joined.
    pub asked: Tuning,
    /// The own questions of the link seen last (their compact JSON), so a reload of the same
    /// link is no news.
    pub link: Option<String>,
}

/// What joining a newly given set of own questions to those given before did, for the
/// vendor's message.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Joined {
    /// Own questions the vendor had been given before.
    pub earlier: usize,
    /// Questions the vendor had not been given before.
    pub added: usize,
    /// Questions the vendor had answered whose wording or options the new set changes.
    pub changed: Vec<String>,
    /// Questions given before that the new set lacks; they stay in the form.
    pub kept: usize,
    /// Questions given before that the limits of a tuning leave out of the form.
    pub left_out: Vec<String>,
}

impl Joined {
    /// Tells whether the vendor needs to hear more than how many questions were added.
    pub fn is_news(&self) -> bool {
        !self.changed.is_empty() || self.kept > 0 || !self.left_out.is_empty()
    }
}

impl Kept {
    /// Joins the own questions of a questionnaire file the vendor opened; `answered` tells
    /// whether the draft has a statement on a question.
    pub fn open_file(&mut self, file: Tuning, answered: impl Fn(&str) -> bool) -> Joined {
        let (asked, joined) = join(std::mem::take(&mut self.asked), file, answered);
        self.asked = asked;
        joined
    }

    /// Joins the own questions of the link the page was opened with, unless they are those
    /// of the link seen last (a reload, or a bookmark of it): then nothing changes and the
    /// answer is `None`, as it is for a link without own questions (`link` is `None`).
    pub fn visit(
        &mut self,
        link: Option<Tuning>,
        answered: impl Fn(&str) -> bool,
    ) -> Option<Joined> {
        let link = link?;
        let seen = tuning::write(&link).to_compact();
        if self.link.as_ref() == Some(&seen) {
            return None;
        }
        let (asked, joined) = join(std::mem::take(&mut self.asked), link, answered);
        self.asked = asked;
        self.link = Some(seen);
        Some(joined)
    }

    /// Returns this tab's kept questions joined with those another tab of response mode kept
    /// meanwhile (`stored`), this tab's wording winning, so neither tab's questions are lost.
    pub fn merge(self, stored: Kept) -> Kept {
        let (asked, _) = join(stored.asked, self.asked, |_| true);
        Kept {
            asked,
            link: self.link.or(stored.link),
        }
    }
}

/// Tells whether two own questions read the same to a vendor: id, section, language, text
/// and options (a vendor's part has no weights or credits).
fn same_question(a: &OwnQuestion, b: &OwnQuestion) -> bool {
    a.id == b.id
        && a.section == b.section
        && a.lang == b.lang
        && a.text == b.text
        && a.options.len() == b.options.len()
        && a.options
            .iter()
            .zip(&b.options)
            .all(|(x, y)| x.id == y.id && x.label == y.label)
}

/// Joins the own questions `given` to those asked `before`, by id: the questions asked before
/// in their order (in the given wording where `given` has them), then the new ones in their
/// order; sections likewise. Within the limits of a tuning, the given set's questions and
/// sections come first, then the earlier ones the vendor `answered`, then the rest.
pub fn join(before: Tuning, given: Tuning, answered: impl Fn(&str) -> bool) -> (Tuning, Joined) {
    let mut joined = Joined {
        earlier: before.questions.len(),
        ..Joined::default()
    };
    let given_ids: Vec<String> = given.questions.iter().map(|q| q.id.clone()).collect();
    let in_given = |id: &str| given_ids.iter().any(|g| g == id);
    let mut newer: Vec<Option<OwnQuestion>> = given.questions.into_iter().map(Some).collect();
    let mut questions: Vec<OwnQuestion> = Vec::new();
    for earlier in before.questions {
        let found = newer
            .iter_mut()
            .find(|q| q.as_ref().is_some_and(|q| q.id == earlier.id))
            .and_then(Option::take);
        match found {
            Some(newer) => {
                if !same_question(&newer, &earlier) && answered(&earlier.id) {
                    joined.changed.push(earlier.id);
                }
                questions.push(newer);
            }
            None => {
                joined.kept += 1;
                questions.push(earlier);
            }
        }
    }
    for newer in newer.into_iter().flatten() {
        joined.added += 1;
        questions.push(newer);
    }
    // Over the limit, the least wanted earlier questions go first: unanswered before
    // answered, the last before the first.
    let mut keep: Vec<bool> = questions.iter().map(|_| true).collect();
    let mut shown = questions.len();
    for wanted in [false, true] {
        for (i, q) in questions.iter().enumerate().rev() {
            if shown > MAX_OWN_QUESTIONS && !in_given(&q.id) && answered(&q.id) == wanted {
                keep[i] = false;
                shown -= 1;
            }
        }
    }
    let sections = join_sections(before.sections, given.sections, &questions, &keep);
    // A question whose own section did not fit goes too.
    let mut asked: Vec<OwnQuestion> = Vec::new();
    for (q, kept) in questions.into_iter().zip(keep) {
        let fits = !q.section.starts_with(tuning::OWN_PREFIX)
            || sections.iter().any(|s| s.id == q.section);
        if kept && fits {
            asked.push(q);
        } else {
            joined.left_out.push(q.id);
        }
    }
    // Only questions given before are ever left out (the given set fits the limits).
    joined.kept -= joined.left_out.len();
    let asked = Tuning {
        sections,
        questions: asked,
        ..Tuning::default()
    };
    (asked, joined)
}

/// Joins the own sections given `before` and now (`given`) like their questions, keeping
/// those the given set has and those a kept question (`keep`) is in, within the limit (the
/// given set's first).
fn join_sections(
    before: Vec<OwnSection>,
    given: Vec<OwnSection>,
    questions: &[OwnQuestion],
    keep: &[bool],
) -> Vec<OwnSection> {
    let given_ids: Vec<String> = given.iter().map(|s| s.id.clone()).collect();
    let in_given = |id: &str| given_ids.iter().any(|g| g == id);
    let used = |id: &str| {
        questions
            .iter()
            .zip(keep)
            .any(|(q, kept)| *kept && q.section == id)
    };
    let mut newer: Vec<Option<OwnSection>> = given.into_iter().map(Some).collect();
    let mut sections: Vec<OwnSection> = Vec::new();
    for earlier in before {
        let found = newer
            .iter_mut()
            .find(|s| s.as_ref().is_some_and(|s| s.id == earlier.id))
            .and_then(Option::take);
        match found {
            Some(newer) => sections.push(newer),
            None if used(&earlier.id) => sections.push(earlier),
            None => {}
        }
    }
    sections.extend(newer.into_iter().flatten());
    // Over the limit, the last earlier sections go first.
    let mut over = sections.len().saturating_sub(MAX_OWN_SECTIONS);
    let mut kept: Vec<OwnSection> = Vec::new();
    for s in sections.into_iter().rev() {
        if over > 0 && !in_given(&s.id) {
            over -= 1;
        } else {
            kept.push(s);
        }
    }
    kept.reverse();
    kept
}

/// Writes the kept record: a questionnaire file of the questions asked, with the link's
/// questions seen last beside them (`link`).
pub fn write_kept(def: &Definition, kept: &Kept) -> String {
    let mut fields = vec![
        ("format", Json::str(FORMAT)),
        ("version", Json::Number(VERSION as f64)),
        ("checklist", Json::String(def.reference())),
        ("questions", tuning::write(&kept.asked)),
    ];
    if let Some(link) = &kept.link {
        fields.push(("link", Json::str(link)));
    }
    Json::object(fields).to_pretty()
}

/// Reads the kept record written by [`write_kept`], or a questionnaire file (what earlier
/// versions of the page kept): the link seen last is taken out, and the rest is read and
/// checked like a file the vendor opens.
pub fn read_kept(def: &Definition, input: &str) -> Result<Kept, ImportError> {
    let limit = max_bytes(def) + tuning_max_bytes(def, &crate::exchange::max_text_bytes);
    let value = crate::exchange::read_envelope(input, limit, FORMAT, VERSION)?;
    let Json::Object(fields) = value else {
        return Err(ImportError::Malformed("expected a json object".to_owned()));
    };
    let mut link = None;
    let mut file = Vec::new();
    for (key, field) in fields {
        match (key.as_str(), field) {
            ("link", Json::String(text)) => link = Some(text),
            ("link", _) => return Err(ImportError::Malformed("`link`: expected a string".into())),
            (_, field) => file.push((key, field)),
        }
    }
    let asked = super::read(def, &Json::Object(file).to_compact())?;
    Ok(Kept { asked, link })
}
