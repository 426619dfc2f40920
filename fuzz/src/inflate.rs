//! Raw DEFLATE (`checklist_core::deflate`) against `miniz_oxide`: our inflate returns exactly
//! what miniz_oxide returns for every stream it reads, refuses what it refuses, never writes
//! past its limit, and refuses bytes after the final block (which miniz_oxide leaves unread);
//! our deflate's output inflates back to the input in both decoders.

use checklist_core::deflate::{deflate, inflate, InflateError};
use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

/// The output limit of the comparison: large enough for every share link's payload.
const LIMIT: usize = 1 << 20;

/// What miniz_oxide makes of a raw stream: the output and how many input bytes it used, or
/// `None` when it refuses the stream or it needs more than `LIMIT` bytes of output.
fn reference(data: &[u8]) -> Option<(Vec<u8>, usize)> {
    let mut state = DecompressorOxide::new();
    let mut out = vec![0; LIMIT + 1];
    let (status, used, written) = decompress(
        &mut state,
        data,
        &mut out,
        0,
        inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
    );
    (status == TINFLStatus::Done && written <= LIMIT).then(|| {
        out.truncate(written);
        (out, used)
    })
}

/// Checks one input; panics when a property fails. Returns whether the parser accepted it.
pub fn check(data: &[u8]) -> bool {
    let ours = inflate(data, LIMIT);
    match (&ours, reference(data)) {
        (Ok(out), Some((expected, used))) => {
            assert_eq!(out, &expected, "inflate differs from miniz_oxide");
            assert_eq!(
                used,
                data.len(),
                "we accepted {} bytes after the final block",
                data.len() - used
            );
        }
        (Ok(out), None) => panic!("we inflate ({} bytes) what miniz_oxide refuses", out.len()),
        (Err(InflateError::TrailingData), Some((_, used))) => {
            assert!(
                used < data.len(),
                "trailing data reported, but miniz_oxide used every byte"
            );
        }
        (Err(InflateError::TooLarge), Some((expected, _))) => {
            panic!("too large reported for {} bytes", expected.len())
        }
        (Err(err), Some((expected, _))) => {
            panic!(
                "we refuse ({err}) what miniz_oxide inflates to {} bytes",
                expected.len()
            )
        }
        (Err(_), None) => {}
    }
    // The limit holds exactly: a smaller one refuses a longer output and changes nothing else.
    if let Ok(full) = &ours {
        let limit = usize::from(data.first().copied().unwrap_or(0)) * 4;
        match inflate(data, limit) {
            Ok(out) => {
                assert!(
                    full.len() <= limit,
                    "{} bytes written past the limit {limit}",
                    full.len()
                );
                assert_eq!(&out, full);
            }
            Err(err) => {
                assert_eq!(
                    err,
                    InflateError::TooLarge,
                    "a smaller limit changed the error"
                );
                assert!(
                    full.len() > limit,
                    "refused {} bytes under the limit {limit}",
                    full.len()
                );
            }
        }
    }
    // Our encoder: what it writes, both decoders read back exactly.
    let deflated = deflate(data);
    assert_eq!(
        inflate(&deflated, data.len()).as_deref(),
        Ok(data),
        "inflate(deflate(x)) != x"
    );
    assert_eq!(
        reference(&deflated).map(|(out, used)| (out, used == deflated.len())),
        Some((data.to_vec(), true)),
        "miniz_oxide does not read our deflate back"
    );
    ours.is_ok()
}
