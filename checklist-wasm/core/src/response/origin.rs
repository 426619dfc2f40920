//! A response inside the buyer's workspace: checking its digest, mapping its answers onto the
//! current checklist (a file for an older version maps what still fits and reports the
//! rest), turning it into a vendor whose answers carry their provenance, and the buyer's
//! review of each answer. The vendor's statements stay as they came; the buyer's answers in
//! `Vendor::answers` start as copies of them and are what scoring uses, so an override
//! changes the score while the statement stays visible beside it.

use super::{
    max_statement_bytes, read_date, read_statement, statement_json, Response, Statement,
    DIGEST_PREFIX,
};
use crate::answers::{Answer, Vendor};
use crate::date::Date;
use crate::definition::Definition;
use crate::exchange::{
    check_value, max_text_bytes, ImportError, LINE_BYTES, MAX_ANSWERS, MAX_NAME_CHARS,
};
use crate::json::{At, Json};
use crate::sorted::{SortedMap, SortedSet};

/// Id of the evidence level an imported answer starts with, when the checklist has it: the
/// vendor said so, and the buyer has not checked it yet.
pub const VENDOR_STATEMENT_LEVEL: &str = "vendor_statement";

/// Where a vendor's answers came from, and which of them the buyer reviewed.
#[derive(Clone, Debug, PartialEq)]
pub struct Origin {
    /// Name of the imported file.
    pub file: String,
    /// The digest of the file's content, as computed on import.
    pub digest: String,
    /// Whether the file claimed exactly that digest; `false` means the buyer imported it
    /// after a warning.
    pub digest_matched: bool,
    /// The day the buyer imported the file.
    pub imported: Date,
    /// The day the vendor wrote the file.
    pub created: Date,
    /// The checklist the vendor answered, as `id@version`.
    pub checklist: String,
    /// The vendor's contact, as written.
    pub contact: String,
    /// The language the vendor answered in.
    pub language: String,
    /// The vendor's statements that fit the checklist, keyed by question id.
    pub statements: SortedMap<Statement>,
    /// Questions whose statement the buyer accepted or replaced with their own answer.
    pub reviewed: SortedSet,
}

/// Whether a file's claimed digest matches its content.
#[derive(Clone, Debug, PartialEq)]
pub enum DigestCheck {
    /// The file claims the digest of its content.
    Matches,
    /// The file claims no digest.
    Missing,
    /// The file claims another digest: it was changed after it was written.
    Mismatch {
        /// The digest the file claims.
        claimed: String,
    },
}

/// Why an answer in a response was not taken over.
#[derive(Clone, Debug, PartialEq)]
pub enum UnmappedReason {
    /// The current checklist has no question with this id.
    NotInChecklist,
    /// The answer does not fit the question as it is now (e.g. an option was removed).
    DoesNotFit(String),
}

/// An answer of a response that was not taken over.
#[derive(Clone, Debug, PartialEq)]
pub struct Unmapped {
    /// The question id in the response.
    pub question: String,
    /// Why it was left out.
    pub reason: UnmappedReason,
}

/// What of a response maps onto the current checklist.
#[derive(Clone, Debug, PartialEq)]
pub struct Mapping {
    /// The response answers the checklist version this page has.
    pub same_version: bool,
    /// Question ids taken over.
    pub mapped: Vec<String>,
    /// Answers left out, with the reason.
    pub unmapped: Vec<Unmapped>,
}

/// A response file read, checked and mapped, ready to become a vendor.
#[derive(Clone, Debug, PartialEq)]
pub struct ResponseImport {
    /// The response with only the statements that fit the checklist.
    pub response: Response,
    /// The digest of the content, as computed here.
    pub digest: String,
    /// Whether the file's claimed digest matches; on a mismatch, warn before importing.
    pub digest_check: DigestCheck,
    /// What mapped and what did not.
    pub mapping: Mapping,
}

/// How far the buyer reviewed one answer of a vendor who responded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Review {
    /// The vendor made no statement on this question.
    NoStatement,
    /// The buyer has not looked at the statement yet.
    NotReviewed,
    /// The buyer accepted the statement as it is.
    Accepted,
    /// The buyer's answer differs from the vendor's statement.
    Changed,
}

/// Checks the company name and digest of a read response and maps its answers.
pub(super) fn check_and_map(
    def: &Definition,
    mut response: Response,
    claimed: Option<String>,
) -> Result<ResponseImport, ImportError> {
    if response.company.trim().is_empty() {
        return Err(ImportError::InvalidVendor {
            vendor: response.company,
            problem: format!("the company name must have 1 to {MAX_NAME_CHARS} characters"),
        });
    }
    let digest = super::digest(&response);
    let digest_check = match claimed {
        None => DigestCheck::Missing,
        Some(claimed) if claimed == digest => DigestCheck::Matches,
        Some(claimed) => DigestCheck::Mismatch { claimed },
    };
    let version = response.checklist.split_once('@').map(|(_, v)| v);
    let same_version = version == Some(def.meta.version.as_str());
    let mut mapping = Mapping {
        same_version,
        mapped: Vec::new(),
        unmapped: Vec::new(),
    };
    let statements = std::mem::take(&mut response.answers);
    for (question_id, statement) in statements {
        let Some(question) = def.question(&question_id) else {
            mapping.unmapped.push(Unmapped {
                question: question_id,
                reason: UnmappedReason::NotInChecklist,
            });
            continue;
        };
        if let Err(problem) = check_value(&question.kind, &statement.value) {
            // In the same version a misfit means a damaged file, except on the buyer's own
            // questions (they change without a version); else the rest is worth having.
            if same_version && !question_id.starts_with(crate::tuning::OWN_PREFIX) {
                return Err(ImportError::InvalidAnswer {
                    vendor: response.company,
                    question: question_id,
                    problem,
                });
            }
            mapping.unmapped.push(Unmapped {
                question: question_id,
                reason: UnmappedReason::DoesNotFit(problem),
            });
            continue;
        }
        mapping.mapped.push(question_id.clone());
        response.answers.insert(question_id, statement);
    }
    Ok(ResponseImport {
        response,
        digest,
        digest_check,
        mapping,
    })
}

/// Returns the buyer's answer an imported statement starts as: its value and expiry, with
/// the evidence level "vendor statement" when the checklist has it.
pub fn initial_answer(def: &Definition, statement: &Statement) -> Answer {
    Answer {
        value: statement.value.clone(),
        note: String::new(),
        evidence: def
            .evidence_level(VENDOR_STATEMENT_LEVEL)
            .map(|level| level.id.clone()),
        valid_until: statement.evidence.expires,
    }
}

/// Turns an imported response into a vendor with id `id`, named after the company, whose
/// answers start as the vendor's statements.
pub fn to_vendor(
    def: &Definition,
    import: &ResponseImport,
    id: String,
    file: &str,
    today: Date,
) -> Vendor {
    let response = &import.response;
    let mut vendor = Vendor::new(id, response.company.trim());
    for (question, statement) in response.answers.iter() {
        let answer = initial_answer(def, statement);
        if answer.is_known() || answer.valid_until.is_some() || !statement.is_empty() {
            vendor.answers.insert(question.clone(), answer);
        }
    }
    let file: String = file.chars().take(MAX_NAME_CHARS).collect();
    vendor.response = Some(Box::new(Origin {
        file,
        digest: import.digest.clone(),
        digest_matched: import.digest_check == DigestCheck::Matches,
        imported: today,
        created: response.created,
        checklist: response.checklist.clone(),
        contact: response.contact.clone(),
        language: response.language.clone(),
        statements: response.answers.clone(),
        reviewed: SortedSet::new(),
    }));
    vendor
}

impl Origin {
    /// Tells how far the buyer reviewed the answer to `question` of `vendor`.
    pub fn review(&self, def: &Definition, vendor: &Vendor, question: &str) -> Review {
        let Some(statement) = self.statements.get(question) else {
            return Review::NoStatement;
        };
        let initial = initial_answer(def, statement);
        let current = vendor.answers.get(question);
        let same = match current {
            Some(answer) => {
                answer.value == initial.value
                    && answer.evidence == initial.evidence
                    && answer.valid_until == initial.valid_until
            }
            None => !initial.is_known() && initial.valid_until.is_none(),
        };
        if !same {
            Review::Changed
        } else if self.reviewed.contains(question) {
            Review::Accepted
        } else {
            Review::NotReviewed
        }
    }
}

/// Writes an origin into a workspace export.
pub(crate) fn origin_json(origin: &Origin) -> Json {
    let statements = origin
        .statements
        .iter()
        .map(|(question, statement)| (question.clone(), statement_json(statement)));
    Json::object([
        ("file", Json::str(&origin.file)),
        ("digest", Json::str(&origin.digest)),
        ("digest_matched", Json::Bool(origin.digest_matched)),
        ("imported", Json::String(origin.imported.to_string())),
        ("created", Json::String(origin.created.to_string())),
        ("checklist", Json::str(&origin.checklist)),
        ("contact", Json::str(&origin.contact)),
        ("language", Json::str(&origin.language)),
        ("statements", Json::Object(statements.collect())),
        ("reviewed", Json::strings(origin.reviewed.iter())),
    ])
}

/// Reads an origin written by [`origin_json`]; statements to questions the checklist no
/// longer has are dropped, and the rest must fit (`validate`).
pub(crate) fn read_origin(at: At) -> Origin {
    at.entries(Some(&[
        "file",
        "digest",
        "digest_matched",
        "imported",
        "created",
        "checklist",
        "contact",
        "language",
        "statements",
        "reviewed",
    ]));
    let short = |key: &'static str| {
        let at = at.field(key);
        let text = at.string();
        if text.chars().count() > MAX_NAME_CHARS * 2 {
            at.fail("too long");
        }
        text
    };
    let mut statements = SortedMap::new();
    let list = at.field("statements");
    if list.entries(None).len() > MAX_ANSWERS {
        list.fail(&format!("a vendor has at most {MAX_ANSWERS} statements"));
    } else {
        list.each_entry(|question, statement| {
            statements.insert(question.to_owned(), read_statement(statement));
        });
    }
    let reviewed = at.field("reviewed");
    if reviewed.value.as_array().map_or(0, <[Json]>::len) > MAX_ANSWERS {
        reviewed.fail(&format!("a vendor has at most {MAX_ANSWERS} reviews"));
    }
    let matched = at.field("digest_matched");
    let day = |key: &'static str| read_date(at.field(key)).unwrap_or(Date::new(1, 1, 1).unwrap());
    Origin {
        file: short("file"),
        digest: short("digest"),
        digest_matched: matches!(matched.value, Json::Bool(true)),
        imported: day("imported"),
        created: day("created"),
        checklist: short("checklist"),
        contact: short("contact"),
        language: short("language"),
        statements,
        reviewed: reviewed.strings().into_iter().collect(),
    }
}

impl Origin {
    /// Drops statements and reviews of questions the checklist no longer has, and checks
    /// that the rest fit their questions (returning the question and problem otherwise).
    /// The buyer's own questions (`own`) count like the guide's: a vendor answers them too.
    pub(crate) fn validate(
        &mut self,
        def: &Definition,
        own: &[crate::definition::Question],
    ) -> Result<(), (String, String)> {
        if !self.digest.starts_with(DIGEST_PREFIX) {
            return Err((
                String::new(),
                "the response digest is not a sha256 digest".into(),
            ));
        }
        let statements = std::mem::take(&mut self.statements);
        for (question_id, statement) in statements {
            let question = def
                .question(&question_id)
                .or_else(|| own.iter().find(|q| q.id == question_id));
            let Some(question) = question else {
                continue;
            };
            check_value(&question.kind, &statement.value).map_err(|p| (question_id.clone(), p))?;
            self.statements.insert(question_id, statement);
        }
        let reviewed = std::mem::take(&mut self.reviewed);
        for question in reviewed.iter() {
            if self.statements.contains_key(question) {
                self.reviewed.insert(question.clone());
            }
        }
        Ok(())
    }
}

/// Returns the most bytes one vendor's origin takes in a workspace export.
pub fn max_origin_bytes(def: &Definition) -> usize {
    let text = max_text_bytes;
    let per_question: usize = def
        .questions
        .iter()
        .map(|q| max_statement_bytes(q) + LINE_BYTES + text(q.id.chars().count()))
        .sum();
    // The buyer's own questions, each as large as the tuning allows: a choice of the most
    // options with the longest ids.
    let token = "x".repeat(crate::tuning::MAX_TOKEN_CHARS);
    let largest_own = crate::tuning::Tuning {
        questions: vec![crate::tuning::OwnQuestion {
            id: format!("{}{token}", crate::tuning::OWN_PREFIX),
            section: String::new(),
            lang: String::new(),
            text: String::new(),
            weight: crate::definition::WeightClass::Standard,
            options: (0..crate::tuning::MAX_OPTIONS)
                .map(|_| crate::tuning::OwnOption {
                    id: token.clone(),
                    label: String::new(),
                    credit: 0.0,
                })
                .collect(),
        }],
        ..Default::default()
    }
    .own_questions();
    let own: usize = largest_own
        .iter()
        .map(|q| max_statement_bytes(q) + LINE_BYTES + text(q.id.chars().count()))
        .sum();
    16 * LINE_BYTES
        + 8 * text(MAX_NAME_CHARS * 2)
        + per_question
        + crate::tuning::MAX_OWN_QUESTIONS * own
}

/// Decides per question whether it passes the review filters that are on: with
/// `not_reviewed`, one of `vendors` has a statement on it that the buyer has not reviewed;
/// with `changed`, the buyer changed one of their answers. With both off, all pass.
pub fn review_filter(
    def: &Definition,
    not_reviewed: bool,
    changed: bool,
    vendors: &[&Vendor],
) -> Vec<bool> {
    def.questions
        .iter()
        .map(|q| {
            let any = |wanted: Review| {
                vendors.iter().any(|v| {
                    v.response
                        .as_ref()
                        .is_some_and(|o| o.review(def, v, &q.id) == wanted)
                })
            };
            (!not_reviewed || any(Review::NotReviewed)) && (!changed || any(Review::Changed))
        })
        .collect()
}

/// Records the buyer's review of a vendor's answer: `accept` marks the statement reviewed as
/// it is; otherwise the buyer's answer goes back to the vendor's statement (keeping the
/// buyer's note) and is no longer marked reviewed. Tells whether anything changed.
pub fn set_review(def: &Definition, vendor: &mut Vendor, question: &str, accept: bool) -> bool {
    let Some(origin) = vendor.response.as_mut() else {
        return false;
    };
    let Some(statement) = origin.statements.get(question) else {
        return false;
    };
    if accept {
        return origin.reviewed.insert(question.to_owned());
    }
    let mut initial = initial_answer(def, statement);
    origin.reviewed.remove(question);
    if let Some(old) = vendor.answers.get(question) {
        initial.note = old.note.clone();
    }
    vendor.answers.insert(question.to_owned(), initial);
    true
}
