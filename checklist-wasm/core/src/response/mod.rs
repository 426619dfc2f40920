//! Response files: what a vendor sends back after answering the checklist in response mode.
//! It owns the versioned JSON format (`cc-vendor-response`), its writer, the canonical bytes
//! its SHA-256 digest covers, and its reader for untrusted input, with the same size, depth
//! and count limits as workspace imports and their error type ([`ImportError`]). Mapping a
//! response onto the current checklist, turning it into a vendor and the buyer's review are
//! `origin`'s; the digest is `sha256`'s; reading files and saving the vendor's draft are left
//! to the browser binding.
//!
//! The digest covers the compact JSON of the document without its `digest` field, written
//! again from the parsed content in the writer's fixed field order, so re-indenting a file
//! keeps it valid while any change to a value does not. It is not a signature.

use crate::answers::AnswerValue;
use crate::date::Date;
use crate::definition::Definition;
use crate::exchange::{
    max_text_bytes, max_value_bytes, read_value, value_json, ImportError, LINE_BYTES, MAX_ANSWERS,
    MAX_NAME_CHARS, MAX_NOTE_CHARS,
};
use crate::json::{self, At, Json};
use crate::sorted::SortedMap;

mod draft;
mod origin;
mod sha256;

#[cfg(feature = "respond")]
pub use draft::merge_drafts;
pub use draft::DraftEdit;
pub use origin::{
    initial_answer, max_origin_bytes, review_filter, set_review, to_vendor, DigestCheck, Mapping,
    Origin, ResponseImport, Review, Unmapped, UnmappedReason, VENDOR_STATEMENT_LEVEL,
};
pub(crate) use origin::{origin_json, read_origin};

/// Value of the `format` field of a response file.
pub const FORMAT: &str = "cc-vendor-response";
/// The newest response format version this code reads and writes.
pub const VERSION: u64 = 1;
/// Longest evidence text (document name, link, report period, certificate number), in
/// characters.
pub const MAX_EVIDENCE_CHARS: usize = 500;
/// Prefix of the `digest` field, naming the algorithm.
pub const DIGEST_PREFIX: &str = "sha256:";
/// Longest language code a response may name.
const MAX_LANGUAGE_CHARS: usize = 16;

/// What the vendor says backs an answer; every text is the vendor's own, empty when not given.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EvidenceDetails {
    /// Name of the document (e.g. "SOC 2 Type II report 2025").
    pub document: String,
    /// Where the buyer can get it; shown as text, never followed by the page.
    pub link: String,
    /// The period a report covers.
    pub period: String,
    /// A certificate's number.
    pub certificate: String,
    /// The last day the evidence is valid.
    pub expires: Option<Date>,
}

/// A vendor's own answer to one question, with its evidence and comment.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// The answer, in the language-neutral ids of the definition.
    pub value: AnswerValue,
    /// The vendor's comment, as written.
    pub comment: String,
    /// What backs the answer.
    pub evidence: EvidenceDetails,
}

/// A vendor's response to the checklist.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// The checklist answered, as `id@version`.
    pub checklist: String,
    /// The vendor's company name.
    pub company: String,
    /// Who to ask about the response (name, e-mail), as the vendor wrote it.
    pub contact: String,
    /// The day the file was written.
    pub created: Date,
    /// The language the vendor's page was in; free text is in it.
    pub language: String,
    /// Statements keyed by question id.
    pub answers: SortedMap<Statement>,
}

impl Response {
    /// Starts an empty response to `def`, written in `language` on `today`.
    pub fn new(def: &Definition, language: &str, today: Date) -> Response {
        Response {
            checklist: def.reference(),
            company: String::new(),
            contact: String::new(),
            created: today,
            language: language.to_owned(),
            answers: SortedMap::new(),
        }
    }
}

impl Statement {
    /// Builds a statement with a value and nothing else.
    pub fn new(value: AnswerValue) -> Statement {
        Statement {
            value,
            comment: String::new(),
            evidence: EvidenceDetails::default(),
        }
    }

    /// Tells whether the statement says nothing (no value, comment or evidence), so it is
    /// not worth keeping.
    pub fn is_empty(&self) -> bool {
        self.value == AnswerValue::Unanswered
            && self.comment.is_empty()
            && self.evidence == EvidenceDetails::default()
    }
}

/// Writes one statement's fields, leaving out what is empty.
pub(crate) fn statement_json(statement: &Statement) -> Json {
    let mut fields = Vec::new();
    if let Some(value) = value_json(&statement.value) {
        fields.push(("value", value));
    }
    if !statement.comment.is_empty() {
        fields.push(("comment", Json::str(&statement.comment)));
    }
    let e = &statement.evidence;
    let mut evidence = Vec::new();
    for (key, text) in [
        ("document", &e.document),
        ("link", &e.link),
        ("period", &e.period),
        ("certificate", &e.certificate),
    ] {
        if !text.is_empty() {
            evidence.push((key, Json::str(text)));
        }
    }
    if let Some(day) = e.expires {
        evidence.push(("expires", Json::String(day.to_string())));
    }
    if !evidence.is_empty() {
        fields.push(("evidence", Json::object(evidence)));
    }
    Json::object(fields)
}

/// Reads one statement written by [`statement_json`], checking its text limits.
pub(crate) fn read_statement(at: At) -> Statement {
    at.entries(Some(&["value", "comment", "evidence"]));
    let text = |at: Option<At>, max: usize| {
        at.map_or_else(String::new, |at| {
            let text = at.string();
            if text.chars().count() > max {
                at.fail(&format!("longer than {max} characters; shorten it"));
            }
            text
        })
    };
    let evidence = at
        .optional("evidence")
        .map_or_else(EvidenceDetails::default, |e| {
            e.entries(Some(&[
                "document",
                "link",
                "period",
                "certificate",
                "expires",
            ]));
            EvidenceDetails {
                document: text(e.optional("document"), MAX_EVIDENCE_CHARS),
                link: text(e.optional("link"), MAX_EVIDENCE_CHARS),
                period: text(e.optional("period"), MAX_EVIDENCE_CHARS),
                certificate: text(e.optional("certificate"), MAX_EVIDENCE_CHARS),
                expires: e.optional("expires").and_then(read_date),
            }
        });
    Statement {
        value: at
            .optional("value")
            .map_or(AnswerValue::Unanswered, |v| read_value(&v)),
        comment: text(at.optional("comment"), MAX_NOTE_CHARS),
        evidence,
    }
}

/// Reads a `YYYY-MM-DD` date, recording a problem when it is not one.
pub(crate) fn read_date(at: At) -> Option<Date> {
    Date::parse(at.str())
        .map_err(|e| at.fail(&e.to_string()))
        .ok()
}

/// Returns the most bytes one statement about `question` takes in a file.
pub(crate) fn max_statement_bytes(question: &crate::definition::Question) -> usize {
    let text = max_text_bytes;
    // Lines: the key, comment, evidence and its five fields, the closing braces.
    10 * LINE_BYTES
        + text(question.id.chars().count())
        + max_value_bytes(question)
        + text(MAX_NOTE_CHARS)
        + 4 * text(MAX_EVIDENCE_CHARS)
        + text("YYYY-MM-DD".len())
}

/// Returns the size limit of a response file for `def`: every answer to every question at
/// its longest, twice over, so a response to an older version with more or longer questions
/// still fits, while a crafted file is refused before parsing.
pub fn max_response_bytes(def: &Definition) -> usize {
    let statements: usize = def.questions.iter().map(max_statement_bytes).sum();
    16 * LINE_BYTES
        + 2 * max_text_bytes(MAX_NAME_CHARS)
        + max_text_bytes(def.reference().chars().count() + MAX_NAME_CHARS)
        + max_text_bytes(MAX_LANGUAGE_CHARS)
        + 2 * statements
}

/// Builds the response document without its digest, in the writer's fixed field order.
fn document(response: &Response) -> Vec<(String, Json)> {
    let answers = response
        .answers
        .iter()
        .map(|(question, statement)| (question.clone(), statement_json(statement)));
    let fields = [
        ("format", Json::str(FORMAT)),
        ("version", Json::Number(VERSION as f64)),
        ("checklist", Json::str(&response.checklist)),
        ("company", Json::str(&response.company)),
        ("contact", Json::str(&response.contact)),
        ("created", Json::String(response.created.to_string())),
        ("language", Json::str(&response.language)),
        ("answers", Json::Object(answers.collect())),
    ];
    fields.map(|(k, v)| (k.to_owned(), v)).into()
}

/// Returns the bytes the digest covers: the compact document without `digest`.
pub fn canonical_bytes(response: &Response) -> String {
    Json::Object(document(response)).to_compact()
}

/// Returns the digest of a response, as `sha256:<64 hex digits>`.
pub fn digest(response: &Response) -> String {
    format!(
        "{DIGEST_PREFIX}{}",
        sha256::hex_digest(canonical_bytes(response).as_bytes())
    )
}

/// Writes the response file: the document and its digest, pretty and byte-stable.
pub fn write_response(response: &Response) -> String {
    let mut fields = document(response);
    fields.push(("digest".to_owned(), Json::String(digest(response))));
    Json::Object(fields).to_pretty()
}

/// Returns the file name for a response: `response-<company>-<date>.json`, the company
/// reduced to letters, digits and dashes so it is a safe name on every system.
pub fn file_name(response: &Response) -> String {
    // ASCII letters and digits, and any letter beyond ASCII (ü, é, …), which every system
    // allows; everything else (spaces, dots, slashes, …) becomes one dash. Unicode's own
    // classes would bring their tables into the browser bundle.
    let mut company = String::new();
    for c in response.company.trim().chars() {
        if c.is_ascii_alphanumeric() || u32::from(c) >= 0xC0 {
            company.push(c.to_ascii_lowercase());
        } else if !company.ends_with('-') {
            company.push('-');
        }
    }
    let company: String = company.trim_matches('-').chars().take(60).collect();
    let company = if company.is_empty() {
        "vendor".to_owned()
    } else {
        company
    };
    format!("response-{company}-{}.json", response.created)
}

/// Reads a response file or a saved draft: its shape, limits and envelope, not yet whether
/// it fits the checklist (see [`import_response`]). Returns the response and the digest the
/// file claims, if any.
pub fn read_response(
    def: &Definition,
    input: &str,
) -> Result<(Response, Option<String>), ImportError> {
    let value = crate::exchange::read_envelope(input, max_response_bytes(def), FORMAT, VERSION)?;
    // Counted before reading, so the buyer is told the count rather than a reader's path.
    if let Some(Json::Object(answers)) = value.get("answers") {
        if answers.len() > MAX_ANSWERS {
            return Err(ImportError::TooManyAnswers(answers.len()));
        }
    }
    let read = json::read(&value, |doc| {
        doc.entries(Some(&[
            "format",
            "version",
            "checklist",
            "company",
            "contact",
            "created",
            "language",
            "answers",
            "digest",
        ]));
        let short = |key: &'static str, max: usize| {
            let at = doc.field(key);
            let text = at.string();
            if text.chars().count() > max {
                at.fail(&format!("longer than {max} characters; shorten it"));
            }
            text
        };
        let mut answers = SortedMap::new();
        doc.field("answers").each_entry(|question, statement| {
            answers.insert(question.to_owned(), read_statement(statement));
        });
        let response = Response {
            checklist: short("checklist", MAX_NAME_CHARS * 2),
            company: short("company", MAX_NAME_CHARS),
            contact: short("contact", MAX_NAME_CHARS),
            created: read_date(doc.field("created")).unwrap_or(Date::new(1, 1, 1).unwrap()),
            language: short("language", MAX_LANGUAGE_CHARS),
            answers,
        };
        (response, doc.optional("digest").map(|d| d.string()))
    });
    let (response, claimed) = read.map_err(|e| ImportError::Malformed(e.0))?;
    let checklist_id = response.checklist.split('@').next().unwrap_or_default();
    if checklist_id != def.meta.id {
        return Err(ImportError::OtherChecklist {
            found: response.checklist,
        });
    }
    Ok((response, claimed))
}

/// Reads a response file a buyer imports: [`read_response`], then a company name is
/// required, the digest is checked and the answers are mapped onto the checklist (see
/// [`origin`]). `Err` leaves nothing imported.
pub fn import_response(def: &Definition, input: &str) -> Result<ResponseImport, ImportError> {
    let (response, claimed) = read_response(def, input)?;
    origin::check_and_map(def, response, claimed)
}

/// Reads the vendor's saved draft back for the checklist as it is now: the draft is a
/// response file without the company check. A value that no longer fits its question (after
/// the checklist was updated, or the buyer changed an own question) is cleared, so the vendor
/// answers it again, while its comment and evidence stay. Statements on questions the
/// checklist lacks are dropped, except on the buyer's own questions: the vendor may be given
/// them again (see `questionnaire::Kept`), so they stay in the draft and the response file,
/// where the buyer's import maps or reports them.
pub fn restore_draft(def: &Definition, input: &str) -> Result<Response, ImportError> {
    let (mut response, _) = read_response(def, input)?;
    response.checklist = def.reference();
    let statements = std::mem::take(&mut response.answers);
    for (question_id, mut statement) in statements {
        let fits = def
            .question(&question_id)
            .map(|q| crate::exchange::check_value(&q.kind, &statement.value).is_ok());
        match fits {
            Some(false) => statement.value = AnswerValue::Unanswered,
            None if !question_id.starts_with(crate::tuning::OWN_PREFIX) => continue,
            _ => {}
        }
        if !statement.is_empty() {
            response.answers.insert(question_id, statement);
        }
    }
    Ok(response)
}
