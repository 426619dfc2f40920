//! The vendor's side of a response while it is being written: one edit at a time changes
//! one statement (its value, a ticked option, the comment or an evidence field) or the
//! company and contact, within the format's limits, and a statement that says nothing any
//! more is dropped. Two tabs of response mode that saved at once are merged statement by
//! statement ([`merge_drafts`]), so neither erases the other's answers. Plain Rust, so
//! response mode's behaviour is tested natively; the browser binding only turns form events
//! into [`DraftEdit`]s.

use super::{Response, Statement, MAX_EVIDENCE_CHARS};
use crate::answers::AnswerValue;
use crate::date::Date;
use crate::definition::{Definition, QuestionKind};
use crate::exchange::{MAX_NAME_CHARS, MAX_NOTE_CHARS};

/// One change the vendor makes to their response.
#[derive(Clone, Debug, PartialEq)]
pub enum DraftEdit {
    /// Sets the company name.
    Company(String),
    /// Sets the contact.
    Contact(String),
    /// Sets (or, with `None`, clears) the value of a question.
    Value(Option<AnswerValue>),
    /// Ticks or unticks one option of a multi-choice question.
    Toggle {
        /// The option id.
        option: String,
        /// Ticked.
        on: bool,
    },
    /// Sets the comment.
    Comment(String),
    /// Sets one evidence text: `document`, `link`, `period` or `certificate`.
    Evidence(&'static str, String),
    /// Sets (or clears) the day the evidence expires.
    Expires(Option<Date>),
}

/// Cuts a text to `max` characters.
fn cap(text: String, max: usize) -> String {
    if text.chars().count() > max {
        text.chars().take(max).collect()
    } else {
        text
    }
}

impl Response {
    /// Applies an edit to the statement on `question` (ignored for company and contact);
    /// edits of questions the checklist lacks are ignored.
    pub fn edit(&mut self, def: &Definition, question: &str, edit: DraftEdit) {
        match edit {
            DraftEdit::Company(name) => return self.company = cap(name, MAX_NAME_CHARS),
            DraftEdit::Contact(text) => return self.contact = cap(text, MAX_NAME_CHARS),
            _ => {}
        }
        let Some(q) = def.question(question) else {
            return;
        };
        if !self.answers.contains_key(&q.id) {
            self.answers
                .insert(q.id.clone(), Statement::new(AnswerValue::Unanswered));
        }
        let Some(st) = self.answers.get_mut(&q.id) else {
            return;
        };
        match edit {
            DraftEdit::Value(value) => st.value = value.unwrap_or(AnswerValue::Unanswered),
            DraftEdit::Toggle { option, on } => {
                let QuestionKind::Multi { options, .. } = &q.kind else {
                    return;
                };
                let before = match &st.value {
                    AnswerValue::Choices(ids) => ids.clone(),
                    _ => Vec::new(),
                };
                // Definition order keeps files stable whatever order boxes were ticked in.
                let chosen: Vec<String> = options
                    .iter()
                    .filter(|o| {
                        if o.id == option {
                            on
                        } else {
                            before.contains(&o.id)
                        }
                    })
                    .map(|o| o.id.clone())
                    .collect();
                st.value = if chosen.is_empty() {
                    AnswerValue::Unanswered
                } else {
                    AnswerValue::Choices(chosen)
                };
            }
            DraftEdit::Comment(text) => st.comment = cap(text, MAX_NOTE_CHARS),
            DraftEdit::Evidence(field, text) => {
                let text = cap(text, MAX_EVIDENCE_CHARS);
                let e = &mut st.evidence;
                match field {
                    "document" => e.document = text,
                    "link" => e.link = text,
                    "period" => e.period = text,
                    _ => e.certificate = text,
                }
            }
            DraftEdit::Expires(day) => st.evidence.expires = day,
            DraftEdit::Company(_) | DraftEdit::Contact(_) => {}
        }
        if st.is_empty() {
            self.answers.remove(question);
        }
    }

    /// Counts the questions with an answer value, for the vendor's progress line.
    pub fn answered(&self) -> usize {
        self.answers
            .values()
            .filter(|s| s.value != AnswerValue::Unanswered)
            .count()
    }

    /// Counts the questions of `def` with an answer value, for the vendor's progress line:
    /// statements on own questions the form does not show (kept for when it shows them
    /// again, see [`restore_draft`](super::restore_draft)) are not counted.
    #[cfg(feature = "respond")]
    pub fn answered_shown(&self, def: &Definition) -> usize {
        self.answers
            .iter()
            .filter(|(id, s)| s.value != AnswerValue::Unanswered && def.question(id).is_some())
            .count()
    }
}

/// Merges the draft another tab saved (`theirs`) with this tab's (`mine`), both started from
/// `base` (the draft this tab last read or wrote; `None` when there was none): for each
/// statement, and for the company and the contact, the side that changed it since `base`
/// wins, this tab where both did. So two tabs of response mode never erase each other's
/// answers, whichever saves last. It takes both drafts by value and walks their statements
/// in key order, so no statement is copied (see `questionnaire::kept` on why that matters).
#[cfg(feature = "respond")]
pub fn merge_drafts(base: Option<&Response>, mine: Response, theirs: Response) -> Response {
    let no_text = String::new();
    let (base_company, base_contact) =
        base.map_or((&no_text, &no_text), |b| (&b.company, &b.contact));
    let before = |id: &str| base.and_then(|b| b.answers.get(id));
    let mut answers = crate::sorted::SortedMap::new();
    let mut theirs_left = theirs.answers.into_iter().peekable();
    for (id, statement) in mine.answers {
        // Their statements on questions mine lacks, in key order before this one: kept when
        // new there; one this tab removed stays removed.
        while let Some((their_id, _)) = theirs_left.peek() {
            if *their_id >= id {
                break;
            }
            if let Some((their_id, their)) = theirs_left.next() {
                if before(&their_id).is_none() {
                    answers.insert(their_id, their);
                }
            }
        }
        let their = match theirs_left.peek() {
            Some((their_id, _)) if *their_id == id => theirs_left.next().map(|(_, st)| st),
            _ => None,
        };
        let changed_here = before(&id) != Some(&statement);
        match (changed_here, their) {
            (false, Some(their)) => answers.insert(id, their),
            // Unchanged here and removed there: it stays removed.
            (false, None) => None,
            (true, _) => answers.insert(id, statement),
        };
    }
    // Theirs alone: kept when new there; one this tab removed stays removed.
    for (their_id, their) in theirs_left {
        if before(&their_id).is_none() {
            answers.insert(their_id, their);
        }
    }
    Response {
        company: if mine.company != *base_company {
            mine.company
        } else {
            theirs.company
        },
        contact: if mine.contact != *base_contact {
            mine.contact
        } else {
            theirs.contact
        },
        answers,
        ..mine
    }
}
