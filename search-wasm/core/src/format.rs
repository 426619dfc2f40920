//! The index's files and what each holds, with their encoding and decoding. The builder
//! writes them, the engine reads them; like Pagefind's index, the terms are sorted and cut
//! into chunks of about `TERM_CHUNK_BYTES`, and a small manifest names the first term of each
//! chunk, so a query downloads only the chunks its words sort into. The texts shown with
//! results (fragments) are separate chunks, loaded for the shown results only.
//!
//! - `manifest.bin`: language, document count, synonym groups, the first term of every term
//!   chunk and the first document of every fragment chunk.
//! - `t/<n>.bin`: sorted terms, front-coded, each with its document frequency and postings
//!   (document number as a delta, and the term's BM25 impact in that document as one byte).
//! - `f/<n>.bin`: consecutive documents' URL, page title, heading, context and text.

use crate::codec::{FormatError, Reader, Writer};

/// The first bytes of every manifest, naming the format and its version.
const MAGIC: &[u8; 4] = b"CCS1";

/// What the engine reads first: enough to know which chunk holds which term or document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Manifest {
    /// The language code of the indexed pages.
    pub language: String,
    /// How many documents (sections and questions) the index holds.
    pub documents: u32,
    /// The synonym groups, as written.
    pub synonyms: Vec<Vec<String>>,
    /// The first term of each term chunk, in order.
    pub term_chunks: Vec<String>,
    /// The first document of each fragment chunk, in order.
    pub fragment_chunks: Vec<u32>,
}

/// One document in one term's posting list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// The document's number.
    pub document: u32,
    /// The term's BM25 term-frequency part in this document, scaled to 1..=255.
    pub impact: u8,
}

/// One term with the documents it occurs in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermEntry {
    /// The index term.
    pub term: String,
    /// In how many documents the term occurs (the postings may keep fewer).
    pub frequency: u32,
    /// The documents, by ascending number.
    pub postings: Vec<Posting>,
}

/// What a result shows of a document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fragment {
    /// The URL of the section (with its heading anchor) or question.
    pub url: String,
    /// The title of the page the document belongs to.
    pub page_title: String,
    /// The URL of that page.
    pub page_url: String,
    /// The section heading or the question.
    pub heading: String,
    /// Where it stands: the parent heading of a subsection, a question's checklist section.
    pub context: String,
    /// The document's plain text, for the excerpt.
    pub text: String,
}

/// A document as the builder reads it: what a `Fragment` holds, borrowed, so that the
/// generator can hand in the sections of a page as slices of one buffer per page instead of
/// several strings per section. Its URL is `url` followed by `anchor` (a page's sections
/// share the page's URL and differ by their heading anchors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Document<'a> {
    /// The URL, or the part of it before `anchor`.
    pub url: &'a str,
    /// The rest of the URL: `#` and the heading's id, or nothing.
    pub anchor: &'a str,
    /// The title of the page the document belongs to.
    pub page_title: &'a str,
    /// The URL of that page.
    pub page_url: &'a str,
    /// The section heading or the question.
    pub heading: &'a str,
    /// Where it stands: the parent heading of a subsection, a question's checklist section.
    pub context: &'a str,
    /// The document's plain text.
    pub text: &'a str,
}

impl Fragment {
    /// The fragment as a document to build an index from.
    pub fn document(&self) -> Document<'_> {
        Document {
            url: &self.url,
            anchor: "",
            page_title: &self.page_title,
            page_url: &self.page_url,
            heading: &self.heading,
            context: &self.context,
            text: &self.text,
        }
    }
}

impl Manifest {
    /// Encodes the manifest.
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.bytes.extend_from_slice(MAGIC);
        w.str(&self.language);
        w.varint(u64::from(self.documents));
        w.varint(self.synonyms.len() as u64);
        for group in &self.synonyms {
            w.varint(group.len() as u64);
            for entry in group {
                w.str(entry);
            }
        }
        w.varint(self.term_chunks.len() as u64);
        let mut previous = "";
        for first in &self.term_chunks {
            front_code(&mut w, previous, first);
            previous = first;
        }
        w.varint(self.fragment_chunks.len() as u64);
        let mut previous = 0;
        for &first in &self.fragment_chunks {
            w.varint(u64::from(first - previous));
            previous = first;
        }
        w.bytes
    }

    /// Decodes a manifest written by `encode`.
    pub fn decode(bytes: &[u8]) -> Result<Manifest, FormatError> {
        if bytes.get(..4) != Some(MAGIC.as_slice()) {
            return Err(FormatError("not a search manifest of this version"));
        }
        let mut r = Reader::new(&bytes[4..]);
        let language = r.str()?.to_string();
        let documents =
            u32::try_from(r.varint()?).map_err(|_| FormatError("too many documents"))?;
        let mut synonyms = Vec::new();
        for _ in 0..r.count()? {
            let mut group = Vec::new();
            for _ in 0..r.count()? {
                group.push(r.str()?.to_string());
            }
            synonyms.push(group);
        }
        let mut term_chunks: Vec<String> = Vec::new();
        for _ in 0..r.count()? {
            let previous = term_chunks.last().map_or("", String::as_str);
            let first = front_decode(&mut r, previous)?;
            term_chunks.push(first);
        }
        let mut fragment_chunks = Vec::new();
        let mut previous = 0u32;
        for _ in 0..r.count()? {
            previous = previous
                .checked_add(r.varint()? as u32)
                .ok_or(FormatError("document number overflows"))?;
            fragment_chunks.push(previous);
        }
        if !r.is_done() {
            return Err(FormatError("bytes after the manifest"));
        }
        Ok(Manifest {
            language,
            documents,
            synonyms,
            term_chunks,
            fragment_chunks,
        })
    }
}

/// Encodes a term chunk: sorted entries.
pub fn encode_terms(entries: &[TermEntry]) -> Vec<u8> {
    let mut w = Writer::default();
    w.varint(entries.len() as u64);
    let mut previous = "";
    for entry in entries {
        front_code(&mut w, previous, &entry.term);
        previous = &entry.term;
        w.varint(u64::from(entry.frequency));
        w.varint(entry.postings.len() as u64);
        let mut last = 0;
        for posting in &entry.postings {
            w.varint(u64::from(posting.document - last));
            w.byte(posting.impact);
            last = posting.document;
        }
    }
    w.bytes
}

/// Decodes a term chunk written by `encode_terms`.
pub fn decode_terms(bytes: &[u8]) -> Result<Vec<TermEntry>, FormatError> {
    let mut r = Reader::new(bytes);
    let mut entries: Vec<TermEntry> = Vec::new();
    for _ in 0..r.count()? {
        let previous = entries.last().map_or("", |entry| entry.term.as_str());
        let term = front_decode(&mut r, previous)?;
        let frequency = r.varint()? as u32;
        let mut postings = Vec::new();
        let mut document = 0u32;
        for _ in 0..r.count()? {
            document = document
                .checked_add(r.varint()? as u32)
                .ok_or(FormatError("document number overflows"))?;
            postings.push(Posting {
                document,
                impact: r.byte()?,
            });
        }
        entries.push(TermEntry {
            term,
            frequency,
            postings,
        });
    }
    if !r.is_done() {
        return Err(FormatError("bytes after the last term"));
    }
    Ok(entries)
}

/// Encodes a fragment chunk: consecutive documents.
pub fn encode_fragments(documents: &[Document]) -> Vec<u8> {
    let bytes = documents
        .iter()
        .map(|document| {
            document.url.len()
                + document.anchor.len()
                + document.page_title.len()
                + document.page_url.len()
                + document.heading.len()
                + document.context.len()
                + document.text.len()
                + 6 * 2
        })
        .sum::<usize>();
    let mut w = Writer {
        bytes: Vec::with_capacity(bytes + 4),
    };
    w.varint(documents.len() as u64);
    for document in documents {
        w.varint((document.url.len() + document.anchor.len()) as u64);
        w.bytes.extend_from_slice(document.url.as_bytes());
        w.bytes.extend_from_slice(document.anchor.as_bytes());
        for text in [
            document.page_title,
            document.page_url,
            document.heading,
            document.context,
            document.text,
        ] {
            w.str(text);
        }
    }
    w.bytes
}

/// Decodes a fragment chunk written by `encode_fragments`.
pub fn decode_fragments(bytes: &[u8]) -> Result<Vec<Fragment>, FormatError> {
    let mut r = Reader::new(bytes);
    let mut fragments = Vec::new();
    for _ in 0..r.count()? {
        fragments.push(Fragment {
            url: r.str()?.to_string(),
            page_title: r.str()?.to_string(),
            page_url: r.str()?.to_string(),
            heading: r.str()?.to_string(),
            context: r.str()?.to_string(),
            text: r.str()?.to_string(),
        });
    }
    if !r.is_done() {
        return Err(FormatError("bytes after the last fragment"));
    }
    Ok(fragments)
}

/// Writes a term as the length it shares with the previous term and the rest.
fn front_code(w: &mut Writer, previous: &str, term: &str) {
    let shared = previous
        .char_indices()
        .zip(term.chars())
        .take_while(|((_, a), b)| a == b)
        .last()
        .map_or(0, |((at, a), _)| at + a.len_utf8());
    w.varint(shared as u64);
    w.str(&term[shared..]);
}

/// Reads a term written by `front_code`.
fn front_decode(r: &mut Reader, previous: &str) -> Result<String, FormatError> {
    let shared = usize::try_from(r.varint()?).map_err(|_| FormatError("bad shared prefix"))?;
    let prefix = previous
        .get(..shared)
        .ok_or(FormatError("bad shared prefix"))?;
    let mut term = String::with_capacity(shared + 8);
    term.push_str(prefix);
    term.push_str(r.str()?);
    Ok(term)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_round_trips() {
        let manifest = Manifest {
            language: "de".into(),
            documents: 3,
            synonyms: vec![vec!["AVV".into(), "Auftragsverarbeitungsvertrag".into()]],
            term_chunks: vec!["".into(), "schlussel".into(), "schluss".into()],
            fragment_chunks: vec![0, 2],
        };
        assert_eq!(Manifest::decode(&manifest.encode()), Ok(manifest));
        let terms = vec![
            TermEntry {
                term: "uber".into(),
                frequency: 9,
                postings: vec![
                    Posting {
                        document: 1,
                        impact: 200,
                    },
                    Posting {
                        document: 300,
                        impact: 1,
                    },
                ],
            },
            TermEntry {
                term: "ubers".into(),
                frequency: 1,
                postings: vec![Posting {
                    document: 0,
                    impact: 9,
                }],
            },
        ];
        assert_eq!(decode_terms(&encode_terms(&terms)), Ok(terms));
        let fragments = vec![Fragment {
            url: "/de/a/#b".into(),
            page_title: "Ä".into(),
            page_url: "/de/a/".into(),
            heading: "B".into(),
            context: String::new(),
            text: "„Text“".into(),
        }];
        let documents: Vec<Document> = fragments.iter().map(Fragment::document).collect();
        assert_eq!(
            decode_fragments(&encode_fragments(&documents)),
            Ok(fragments.clone())
        );
        // A URL handed in as page URL and anchor reads back whole.
        let split = Document {
            url: "/de/a/",
            anchor: "#b",
            ..documents[0]
        };
        assert_eq!(decode_fragments(&encode_fragments(&[split])), Ok(fragments));
    }

    #[test]
    fn a_damaged_manifest_is_an_error() {
        assert!(Manifest::decode(b"CCS0").is_err());
        let bytes = Manifest::default().encode();
        assert!(Manifest::decode(&bytes[..bytes.len() - 1]).is_err());
    }
}
