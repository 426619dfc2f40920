//! Tests of the encoder and decoder: round trips, agreement with miniz_oxide, limits and
//! corrupt streams.

use super::decoder::CODE_LENGTH_ORDER;
use super::encoder::BitWriter;
use super::{deflate, inflate, InflateError};
use proptest::prelude::*;

const LIMIT: usize = 1 << 20;

/// Text shaped like a share link's export: many repeats at many distances.
fn export_like() -> Vec<u8> {
    let mut text = String::from(r#"{"format":"vendor-checklist","version":1,"vendors":["#);
    for v in 0..12 {
        text.push_str(&format!(
            r#"{{"id":"v{v}","name":"Vendor {v}","answers":{{"#
        ));
        for q in 0..40 {
            let value = ["yes", "no", "partial"][(v * 7 + q) % 3];
            text.push_str(&format!(
                r#""q.{q}":{{"value":{{"answer":"{value}"}},"note":"n{}"}},"#,
                v * q
            ));
        }
        text.push_str("}},");
    }
    text.push_str("]}");
    text.into_bytes()
}

#[track_caller]
fn round_trips(data: &[u8]) {
    assert_eq!(inflate(&deflate(data), LIMIT).as_deref(), Ok(data));
}

#[test]
fn round_trips_edge_cases() {
    round_trips(b"");
    round_trips(b"a");
    round_trips(b"ab");
    round_trips(b"abc");
    round_trips(b"abcabcabcabc");
    round_trips(&[0; 1000]);
    round_trips(&[255; 70_000]);
    round_trips(&(0..=255).cycle().take(100_000).collect::<Vec<u8>>());
    round_trips(&export_like());
}

#[test]
fn repeats_compress_well() {
    let data = export_like();
    let deflated = deflate(&data);
    assert!(
        deflated.len() * 5 < data.len(),
        "{} -> {}",
        data.len(),
        deflated.len()
    );
    assert!(deflate(&[b' '; 100_000]).len() < 1000);
}

#[test]
fn miniz_reads_our_output() {
    for data in [
        export_like(),
        b"hello hello hello".to_vec(),
        Vec::new(),
        vec![7; 40_000],
    ] {
        let ours = deflate(&data);
        assert_eq!(
            miniz_oxide::inflate::decompress_to_vec(&ours).ok(),
            Some(data)
        );
    }
}

#[test]
fn we_read_miniz_output_at_every_level() {
    let mut mixed = export_like();
    // Bytes that do not compress make miniz choose stored blocks at higher levels too.
    mixed.extend((0u32..70_000).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    for data in [export_like(), mixed, Vec::new(), b"x".to_vec()] {
        for level in 0..=10 {
            let theirs = miniz_oxide::deflate::compress_to_vec(&data, level);
            assert_eq!(
                inflate(&theirs, LIMIT).as_deref(),
                Ok(&data[..]),
                "level {level}"
            );
        }
    }
}

#[test]
fn reads_hand_made_stored_and_fixed_blocks() {
    // Stored: final, type 0, then LEN 3, NLEN !3 and the bytes.
    assert_eq!(
        inflate(&[1, 3, 0, 0xFC, 0xFF, b'a', b'b', b'c'], LIMIT).as_deref(),
        Ok(&b"abc"[..])
    );
    // zlib's output for "abc" at best compression, a fixed block, read as written.
    assert_eq!(
        inflate(&[0x4B, 0x4C, 0x4A, 0x06, 0x00], LIMIT).as_deref(),
        Ok(&b"abc"[..])
    );
}

#[test]
fn refuses_output_beyond_the_limit() {
    let deflated = deflate(&[b' '; 10_000]);
    assert_eq!(inflate(&deflated, 10_000).map(|v| v.len()), Ok(10_000));
    assert_eq!(inflate(&deflated, 9_999), Err(InflateError::TooLarge));
    let stored = miniz_oxide::deflate::compress_to_vec(&[1; 100], 0);
    assert_eq!(inflate(&stored, 99), Err(InflateError::TooLarge));
}

#[test]
fn reports_truncated_and_invalid_streams() {
    let deflated = deflate(&export_like());
    for cut in [0, 1, deflated.len() / 2, deflated.len() - 1] {
        assert_eq!(
            inflate(&deflated[..cut], LIMIT),
            Err(InflateError::Truncated),
            "cut at {cut}"
        );
    }
    // Block type 3 does not exist.
    assert_eq!(inflate(&[0b111], LIMIT), Err(InflateError::Invalid));
    // A stored block whose NLEN is not the complement of LEN.
    assert_eq!(
        inflate(&[1, 3, 0, 0, 0, 1, 2, 3], LIMIT),
        Err(InflateError::Invalid)
    );
    // A fixed block starting with a match: its distance reaches before the output.
    assert_eq!(inflate(&[0x03, 0x02], LIMIT), Err(InflateError::Invalid));
}

/// A final dynamic block writing "aaaa" ('a', then a match of 3 at distance 1) with the
/// given distance code lengths; distance symbol 0 carries the match.
fn dynamic_block_with_distance_lengths(distance_lengths: &[u8]) -> Vec<u8> {
    let mut out = BitWriter::default();
    // BFINAL = 1, BTYPE = 10 (dynamic), 258 literal/length codes, the distance codes, 19
    // code-length codes.
    out.bits(0b101, 3);
    out.bits(1, 5);
    out.bits(distance_lengths.len() as u32 - 1, 5);
    out.bits(15, 4);
    // The code-length code: 0, 1 and 2 in two bits, 17 and 18 in three (complete).
    let mut length_lengths = [0; 19];
    length_lengths[..3].fill(2);
    length_lengths[17..].fill(3);
    for symbol in CODE_LENGTH_ORDER {
        out.bits(length_lengths[symbol], 3);
    }
    // Its canonical codes: 0 = 00, 1 = 01, 2 = 10, 17 = 110, 18 = 111.
    let zeros = |out: &mut BitWriter, mut count: u32| {
        while count >= 11 {
            let run = count.min(138);
            out.huffman(0b111, 3);
            out.bits(run - 11, 7);
            count -= run;
        }
        if count >= 3 {
            out.huffman(0b110, 3);
            out.bits(count - 3, 3);
            count = 0;
        }
        for _ in 0..count {
            out.huffman(0b00, 2);
        }
    };
    // Literal/length code: 'a' in one bit (0), end of block (10) and length 3 (11) in two.
    zeros(&mut out, u32::from(b'a'));
    out.huffman(0b01, 2);
    zeros(&mut out, 256 - u32::from(b'a') - 1);
    out.huffman(0b10, 2);
    out.huffman(0b10, 2);
    for &len in distance_lengths {
        out.huffman(u32::from(len), 2);
    }
    // The data: 'a', length 3 at distance symbol 0 (code 0 in each code used here), end.
    out.huffman(0b0, 1);
    out.huffman(0b11, 2);
    out.huffman(0b0, 1);
    out.huffman(0b10, 2);
    out.bytes
}

#[test]
fn inflate_accepted_an_incomplete_distance_code() {
    // Complete, and the single one-bit code RFC 1951 allows: read, as by miniz_oxide.
    for lengths in [&[1, 1][..], &[1], &[1, 0, 0]] {
        let stream = dynamic_block_with_distance_lengths(lengths);
        assert_eq!(
            miniz_oxide::inflate::decompress_to_vec(&stream)
                .ok()
                .as_deref(),
            Some(&b"aaaa"[..]),
            "miniz_oxide, distance lengths {lengths:?}"
        );
        assert_eq!(
            inflate(&stream, LIMIT).as_deref(),
            Ok(&b"aaaa"[..]),
            "distance lengths {lengths:?}"
        );
    }
    // Incomplete with a code longer than one bit: refused, as by zlib and miniz_oxide.
    for lengths in [&[1, 2][..], &[2], &[2, 2, 2]] {
        let stream = dynamic_block_with_distance_lengths(lengths);
        assert!(
            miniz_oxide::inflate::decompress_to_vec(&stream).is_err(),
            "miniz_oxide, distance lengths {lengths:?}"
        );
        assert_eq!(
            inflate(&stream, LIMIT),
            Err(InflateError::Invalid),
            "distance lengths {lengths:?}"
        );
    }
    // The stream the fuzzer found (fuzz/regressions/inflate/, of the same name).
    let found: &[u8] = &[
        0x4D, 0xCB, 0x31, 0x0A, 0x80, 0x30, 0x10, 0x05, 0xD1, 0xBB, 0xFC, 0xDA, 0x84, 0xA4, 0x4D,
        0xE5, 0x3D, 0xC4, 0x42, 0xD6, 0x15, 0x83, 0x9A, 0xC0, 0x6E, 0x0C, 0x88, 0x78, 0x77, 0xD1,
        0x46, 0xDB, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x15, 0xA1, 0xEB, 0xAF, 0x1B,
    ];
    assert!(miniz_oxide::inflate::decompress_to_vec(found).is_err());
    assert_eq!(inflate(found, LIMIT), Err(InflateError::Invalid));
}

proptest! {
    #[test]
    fn random_bytes_round_trip(data in proptest::collection::vec(any::<u8>(), 0..3000)) {
        prop_assert_eq!(inflate(&deflate(&data), LIMIT), Ok(data.clone()));
        prop_assert_eq!(miniz_oxide::inflate::decompress_to_vec(&deflate(&data)).ok(), Some(data));
    }

    #[test]
    fn repetitive_bytes_round_trip(data in proptest::collection::vec(0u8..4, 0..3000)) {
        prop_assert_eq!(inflate(&deflate(&data), LIMIT), Ok(data));
    }

    #[test]
    fn random_garbage_never_panics(garbage in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = inflate(&garbage, 4096);
    }

    #[test]
    fn damaged_streams_never_panic(data in proptest::collection::vec(0u8..8, 1..600), at in any::<usize>(), bit in 0u8..8) {
        for level in [1, 9] {
            let mut theirs = miniz_oxide::deflate::compress_to_vec(&data, level);
            let at = at % theirs.len();
            theirs[at] ^= 1 << bit;
            let _ = inflate(&theirs, 4096);
        }
    }
}
