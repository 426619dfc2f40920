//! Share links: the workspace, compacted, deflated and base64url-encoded into a URL
//! fragment (`#share=v1.<data>`), which browsers never send to a server. It owns the link
//! format, the small base64url codec and the size limits before and after inflating (so a
//! crafted link cannot expand into a zip bomb); compressing is `deflate`'s, checking the
//! decoded workspace is `exchange`'s import, and reading and writing `location.hash` is left
//! to the browser binding.

use std::fmt;

use crate::answers::Workspace;
use crate::definition::Definition;
use crate::deflate;
use crate::exchange::{self, ImportError, ImportReport};

/// The fragment key, as in `#share=v1.<data>`.
pub const FRAGMENT_KEY: &str = "share=";
/// Prefix of the current share-link version.
pub const PREFIX: &str = "v1.";
/// Longest link the page accepts, in characters: the fragment `#share=v1.<data>` (the page's
/// own address before `#` is not counted). [`encode`] refuses to make a longer one.
pub const MAX_LINK_CHARS: usize = 64 * 1024;
/// Largest inflated payload accepted, in bytes, so a crafted link cannot expand into a zip
/// bomb; [`encode`] refuses to make a link whose payload is larger.
pub const MAX_INFLATED_BYTES: usize = 4 * 1024 * 1024;

/// Why a share link could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum ShareError {
    /// The link is (or would be) longer than [`MAX_LINK_CHARS`]; offer a file instead.
    TooLong(usize),
    /// The link has no `v1.` data, e.g. because it was cut off.
    MissingData,
    /// The link was made by a newer version of the page.
    NewerVersion(String),
    /// The data is not valid base64url.
    BadEncoding,
    /// The data does not inflate, or inflates beyond [`MAX_INFLATED_BYTES`].
    Corrupt,
    /// The inflated data is not a valid workspace.
    Invalid(ImportError),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::TooLong(n) => write!(f, "the share link is too long ({n} characters, at most {MAX_LINK_CHARS}); export a file instead"),
            ShareError::MissingData => f.write_str("the share link has no data; copy the whole link, including everything after `#`"),
            ShareError::NewerVersion(v) => write!(f, "the share link was made by a newer version (`{v}`); reload the page to get the newest version"),
            ShareError::BadEncoding => f.write_str("the share link is damaged (invalid characters); copy the whole link again"),
            ShareError::Corrupt => f.write_str("the share link is damaged or too large to open; copy the whole link again or export a file instead"),
            ShareError::Invalid(err) => write!(f, "the share link holds invalid data: {err}"),
        }
    }
}

impl std::error::Error for ShareError {}

/// Encodes a workspace as `v1.<data>`, to be put after `#share=`, or returns
/// [`ShareError::TooLong`] with the fragment's length when the page could not open it again
/// (then offer the file export instead).
pub fn encode(def: &Definition, workspace: &Workspace) -> Result<String, ShareError> {
    // The export document keeps the checklist reference, so links survive checklist updates.
    let json = exchange::document(def, workspace).to_compact();
    let deflated = deflate::deflate(json.as_bytes());
    let link = format!("{PREFIX}{}", base64url::encode(&deflated));
    let fragment = 1 + FRAGMENT_KEY.len() + link.len();
    if fragment > MAX_LINK_CHARS || json.len() > MAX_INFLATED_BYTES {
        return Err(ShareError::TooLong(fragment));
    }
    Ok(link)
}

/// Decodes a share link (with or without `#share=`) and validates it like an imported file
/// (a link without vendors is [`ImportError::NothingToImport`]).
pub fn decode(def: &Definition, link: &str) -> Result<ImportReport, ShareError> {
    if link.len() > MAX_LINK_CHARS {
        return Err(ShareError::TooLong(link.len()));
    }
    let link = link.trim().trim_start_matches('#');
    let link = link.strip_prefix(FRAGMENT_KEY).unwrap_or(link);
    let data = match link.split_once('.') {
        Some(("v1", data)) if !data.is_empty() => data,
        Some((version, _)) if version.starts_with('v') && version != "v1" => {
            return Err(ShareError::NewerVersion(version.to_owned()))
        }
        _ => return Err(ShareError::MissingData),
    };
    let deflated = base64url::decode(data).ok_or(ShareError::BadEncoding)?;
    let json = deflate::inflate(&deflated, MAX_INFLATED_BYTES).map_err(|_| ShareError::Corrupt)?;
    let json = String::from_utf8(json).map_err(|_| ShareError::Corrupt)?;
    exchange::import_vendors(def, &json).map_err(ShareError::Invalid)
}

/// Fragment key of the respond link's own questions: `…?respond#questions=v1.<data>`.
pub const QUESTIONS_KEY: &str = "questions=";

/// Encodes what a vendor may see of the buyer's tuning (its own sections and questions, see
/// [`crate::tuning::Tuning::vendor_part`]) for the respond link's fragment, as `v1.<data>`;
/// `None` when the tuning has no own questions. Returns [`ShareError::TooLong`] with the
/// fragment's length when [`decode_questions`] would refuse the link (the longest own
/// questions the buyer may write do not fit): then the questionnaire file carries them.
pub fn encode_questions(tuning: &crate::tuning::Tuning) -> Result<Option<String>, ShareError> {
    if tuning.questions.is_empty() {
        return Ok(None);
    }
    let json = crate::tuning::write(&tuning.vendor_part()).to_compact();
    let deflated = deflate::deflate(json.as_bytes());
    let link = format!("{PREFIX}{}", base64url::encode(&deflated));
    let fragment = 1 + QUESTIONS_KEY.len() + link.len();
    if fragment > MAX_LINK_CHARS {
        return Err(ShareError::TooLong(fragment));
    }
    Ok(Some(link))
}

/// Decodes the own questions of a respond link (with or without `#questions=`), checked like
/// an imported tuning; anything but own sections and questions (weights, marks, credits) is
/// dropped, so a crafted link cannot show a vendor more.
pub fn decode_questions(def: &Definition, link: &str) -> Result<crate::tuning::Tuning, ShareError> {
    if link.len() > MAX_LINK_CHARS {
        return Err(ShareError::TooLong(link.len()));
    }
    let link = link.trim().trim_start_matches('#');
    let link = link.strip_prefix(QUESTIONS_KEY).unwrap_or(link);
    let data = link.strip_prefix(PREFIX).ok_or(ShareError::MissingData)?;
    let deflated = base64url::decode(data).ok_or(ShareError::BadEncoding)?;
    let json = deflate::inflate(&deflated, MAX_INFLATED_BYTES).map_err(|_| ShareError::Corrupt)?;
    let json = String::from_utf8(json).map_err(|_| ShareError::Corrupt)?;
    let value = crate::json::parse(&json).map_err(|_| ShareError::Corrupt)?;
    let invalid = |problem: String| ShareError::Invalid(ImportError::InvalidTuning(problem));
    let tuning = crate::json::read(&value, crate::tuning::read).map_err(|e| invalid(e.0))?;
    let tuning = crate::tuning::check(def, tuning.vendor_part()).map_err(invalid)?;
    Ok(tuning.vendor_part())
}

/// A minimal base64url codec (RFC 4648 §5, no padding).
pub mod base64url {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// Encodes bytes without padding.
    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |acc, (i, b)| acc | u32::from(*b) << (16 - 8 * i));
            for i in 0..=chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            }
        }
        out
    }

    /// Decodes unpadded base64url, or returns `None` for invalid input (including a last
    /// character whose unused bits are set, which only an altered link has).
    pub fn decode(text: &str) -> Option<Vec<u8>> {
        if text.len() % 4 == 1 {
            return None;
        }
        let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
        for chunk in text.as_bytes().chunks(4) {
            let mut n = 0u32;
            for (i, c) in chunk.iter().enumerate() {
                let v = ALPHABET.iter().position(|a| a == c)? as u32;
                n |= v << (18 - 6 * i);
            }
            let used = 8 * (chunk.len() - 1);
            if n & (0xFF_FFFF >> used) != 0 {
                return None;
            }
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            out.extend_from_slice(&bytes[..chunk.len() - 1]);
        }
        Some(out)
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn round_trips_every_length() {
            let data: Vec<u8> = (0..=255).collect();
            for len in 0..data.len() {
                let encoded = super::encode(&data[..len]);
                assert!(!encoded.contains('='));
                assert_eq!(super::decode(&encoded).as_deref(), Some(&data[..len]));
            }
            assert_eq!(super::encode(b"hello"), "aGVsbG8");
        }
    }
}
