//! The request-head reader of `generator serve` (`parse_head`, built on `httparse`) and the
//! path decoding behind it. A complete head lies within the bytes, ends with its blank line,
//! reads the same from its own bytes as with more after it, and is no longer than the size
//! limit; every shorter prefix of it is still partial; a refusal says 400 or 431 and a head
//! too large only past the limit; what the head says about the connection agrees with a plain
//! reading of its text. Percent-decoding never panics, leaves text without `%` as it is, and
//! decodes every byte's `%XX` back to the byte.

use generator::preview::http::request::{parse_head, percent_decode, Parsed, MAX_HEAD_BYTES};

/// Checks one input; panics when a property fails. Returns whether a whole head was read.
pub fn check(data: &[u8]) -> bool {
    check_decoding(data);
    match parse_head(data) {
        Parsed::Complete(head, length) => {
            assert!(
                length > 0 && length <= data.len(),
                "head length {length} of {}",
                data.len()
            );
            assert!(
                length <= MAX_HEAD_BYTES,
                "a head of {length} bytes was read, past the limit of {MAX_HEAD_BYTES}"
            );
            let own = &data[..length];
            assert!(
                own.ends_with(b"\n\n") || own.ends_with(b"\n\r\n"),
                "{own:?}"
            );
            assert_eq!(
                parse_head(own),
                Parsed::Complete(head.clone(), length),
                "the head read differently without what follows it"
            );
            for cut in [length - 1, length / 2] {
                assert_eq!(
                    parse_head(&data[..cut]),
                    Parsed::Partial,
                    "a prefix of {cut} bytes of a complete head is not partial"
                );
            }
            assert!(!head.method.is_empty() && !head.target.is_empty());
            let text = String::from_utf8_lossy(own).to_ascii_lowercase();
            // httparse skips empty lines before the request line.
            let text = text.trim_start_matches(['\r', '\n']);
            let (request_line, headers) = text.split_once('\n').unwrap_or((text, ""));
            if !headers.contains("connection") {
                assert_eq!(
                    head.keep_alive,
                    request_line.trim_end().ends_with("http/1.1"),
                    "without a Connection header only HTTP/1.1 keeps the connection"
                );
            }
            if !headers.contains("content-length") && !headers.contains("transfer-encoding") {
                assert!(!head.has_body, "a body without a length or an encoding");
            }
            percent_decode(&head.target);
            true
        }
        Parsed::Partial => {
            assert!(data.len() <= MAX_HEAD_BYTES, "partial past the size limit");
            assert_eq!(
                parse_head(&data[..data.len() / 2]),
                Parsed::Partial,
                "a prefix of a partial head is not partial"
            );
            false
        }
        Parsed::Refused(status, message) => {
            assert!(matches!(status, 400 | 431), "status {status}: {message}");
            if message == "request head too large" {
                assert!(
                    data.len() > MAX_HEAD_BYTES,
                    "refused as too large within the limit"
                );
            }
            false
        }
    }
}

/// Percent-decoding: text without `%` stays as it is, and `%XX` of every byte decodes back.
fn check_decoding(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let decoded = percent_decode(text);
    if !text.contains('%') {
        assert_eq!(decoded, text);
    }
    let encoded: String = data.iter().map(|byte| format!("%{byte:02X}")).collect();
    assert_eq!(percent_decode(&encoded), text);
    let lower = encoded.to_ascii_lowercase();
    assert_eq!(percent_decode(&lower), text);
}
