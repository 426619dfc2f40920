//! Raw DEFLATE (RFC 1951), small rather than fast: the compression of share links. The
//! encoder finds repeats with hash chains and writes one block with the fixed Huffman codes,
//! which keeps it a few hundred bytes of wasm; the decoder reads every valid stream (stored,
//! fixed and dynamic blocks), stops at an output limit so a crafted link cannot expand into a
//! zip bomb, and returns an error, never a panic, on corrupt input. Framing (base64url, the
//! `v1.` prefix) is left to `share`.

use std::fmt;

/// Base lengths of the length symbols 257..=285.
const LENGTH_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
/// Extra bits after the length symbols 257..=285.
const LENGTH_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
/// Base distances of the distance symbols 0..=29.
const DISTANCE_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
/// Extra bits after the distance symbols 0..=29.
const DISTANCE_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
/// Order in which a dynamic block lists the code lengths of the code-length alphabet.
const CODE_LENGTH_ORDER: [usize; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

/// How far back a match may reach.
const WINDOW: usize = 32 * 1024;
/// Shortest match DEFLATE can express.
const MIN_MATCH: usize = 3;
/// Longest match DEFLATE can express.
const MAX_MATCH: usize = 258;
/// Bits of the hash of three bytes that starts each chain of earlier positions.
const HASH_BITS: u32 = 14;
/// Candidates tried per position: enough for near-best matches on share-link sized input.
const MAX_CHAIN: usize = 256;

/// Why a stream could not be inflated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InflateError {
    /// The stream ends before its final block does.
    Truncated,
    /// The stream holds something DEFLATE does not allow (a bad block type, code or distance).
    Invalid,
    /// The output would be longer than the limit.
    TooLarge,
    /// Whole bytes follow the final block: the stream was altered or appended to.
    TrailingData,
}

impl fmt::Display for InflateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            InflateError::Truncated => "the deflate stream is cut off",
            InflateError::Invalid => "the deflate stream is corrupt",
            InflateError::TooLarge => "the deflate stream inflates beyond the limit",
            InflateError::TrailingData => "data follows the end of the deflate stream",
        })
    }
}

impl std::error::Error for InflateError {}

/// Compresses bytes into one raw DEFLATE block with the fixed Huffman codes.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut out = BitWriter::default();
    // BFINAL = 1, BTYPE = 01 (fixed Huffman codes).
    out.bits(0b011, 3);
    let mut matches = MatchFinder {
        data,
        head: vec![0; 1 << HASH_BITS],
        previous: vec![0; data.len()],
    };
    let mut i = 0;
    while i < data.len() {
        let (len, distance) = matches.longest(i);
        // Lazy matching: a literal here pays off when the next position repeats more.
        let step = if len >= MIN_MATCH && matches.longest(i + 1).0 <= len {
            let code = LENGTH_BASE
                .iter()
                .rposition(|&b| usize::from(b) <= len)
                .unwrap_or(0);
            out.fixed_symbol(257 + code as u32);
            out.bits(
                (len - usize::from(LENGTH_BASE[code])) as u32,
                LENGTH_EXTRA[code].into(),
            );
            let code = DISTANCE_BASE
                .iter()
                .rposition(|&b| usize::from(b) <= distance)
                .unwrap_or(0);
            out.huffman(code as u32, 5);
            out.bits(
                (distance - usize::from(DISTANCE_BASE[code])) as u32,
                DISTANCE_EXTRA[code].into(),
            );
            len
        } else {
            out.fixed_symbol(data[i].into());
            1
        };
        for k in i..i + step {
            matches.insert(k);
        }
        i += step;
    }
    out.fixed_symbol(256);
    out.bytes
}

/// Earlier positions of each three-byte sequence, newest first, for finding repeats.
struct MatchFinder<'a> {
    data: &'a [u8],
    /// Per hash, the newest position + 1 (0 ends a chain).
    head: Vec<usize>,
    /// Per position, the previous position + 1 with the same hash.
    previous: Vec<usize>,
}

impl MatchFinder<'_> {
    /// Hashes the three bytes at `i`.
    fn hash(&self, i: usize) -> usize {
        let three = u32::from(self.data[i]) << 16
            | u32::from(self.data[i + 1]) << 8
            | u32::from(self.data[i + 2]);
        (three.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize
    }

    /// Records position `i` as the newest of its chain.
    fn insert(&mut self, i: usize) {
        if i + MIN_MATCH <= self.data.len() {
            let h = self.hash(i);
            self.previous[i] = self.head[h];
            self.head[h] = i + 1;
        }
    }

    /// Returns the longest earlier repeat of the bytes at `i` as (length, distance); a length
    /// below [`MIN_MATCH`] means there is none worth coding.
    fn longest(&self, i: usize) -> (usize, usize) {
        let data = self.data;
        let mut best = (0, 0);
        if i + MIN_MATCH > data.len() {
            return best;
        }
        let longest = (data.len() - i).min(MAX_MATCH);
        let mut candidate = self.head[self.hash(i)];
        let mut tries = MAX_CHAIN;
        while candidate > 0 && i - (candidate - 1) <= WINDOW && tries > 0 {
            let from = candidate - 1;
            let len = (0..longest)
                .find(|&k| data[from + k] != data[i + k])
                .unwrap_or(longest);
            if len > best.0 {
                best = (len, i - from);
                if len == longest {
                    break;
                }
            }
            candidate = self.previous[from];
            tries -= 1;
        }
        best
    }
}

/// Collects bits least significant first, as DEFLATE packs them.
#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    used: u32,
}

impl BitWriter {
    /// Appends the `count` low bits of `value`, least significant first.
    fn bits(&mut self, value: u32, count: u32) {
        for k in 0..count {
            if self.used.is_multiple_of(8) {
                self.bytes.push(0);
            }
            if let Some(last) = self.bytes.last_mut() {
                *last |= ((value >> k & 1) as u8) << (self.used % 8);
            }
            self.used += 1;
        }
    }

    /// Appends a Huffman code, which DEFLATE packs most significant bit first.
    fn huffman(&mut self, code: u32, len: u32) {
        for k in (0..len).rev() {
            self.bits(code >> k, 1);
        }
    }

    /// Appends a literal/length symbol in the fixed Huffman code (RFC 1951 §3.2.6).
    fn fixed_symbol(&mut self, symbol: u32) {
        match symbol {
            0..=143 => self.huffman(0x30 + symbol, 8),
            144..=255 => self.huffman(0x190 + symbol - 144, 9),
            256..=279 => self.huffman(symbol - 256, 7),
            _ => self.huffman(0xC0 + symbol - 280, 8),
        }
    }
}

/// Decompresses a raw DEFLATE stream, refusing to produce more than `limit` bytes or to
/// ignore bytes after the final block (only the last byte's padding bits may follow it).
pub fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let mut input = BitReader { data, pos: 0 };
    let mut out = Vec::new();
    loop {
        let last = input.bits(1)? == 1;
        match input.bits(2)? {
            0 => {
                input.pos = input.pos.div_ceil(8) * 8;
                let len = input.bits(16)?;
                if input.bits(16)? != !len & 0xFFFF {
                    return Err(InflateError::Invalid);
                }
                let start = input.pos / 8;
                let stored = data
                    .get(start..start + len as usize)
                    .ok_or(InflateError::Truncated)?;
                if out.len() + stored.len() > limit {
                    return Err(InflateError::TooLarge);
                }
                out.extend_from_slice(stored);
                input.pos += len as usize * 8;
            }
            1 => {
                let mut lengths = [8; 288];
                lengths[144..256].fill(9);
                lengths[256..280].fill(7);
                let literals = Huffman::new(&lengths, Unused::Allowed)?;
                let distances = Huffman::new(&[5; 30], Unused::Allowed)?;
                input.block(&literals, &distances, &mut out, limit)?;
            }
            2 => {
                let (literals, distances) = input.dynamic_codes()?;
                input.block(&literals, &distances, &mut out, limit)?;
            }
            _ => return Err(InflateError::Invalid),
        }
        if last {
            if input.pos.div_ceil(8) < data.len() {
                return Err(InflateError::TrailingData);
            }
            return Ok(out);
        }
    }
}

/// Reads bits least significant first.
struct BitReader<'a> {
    data: &'a [u8],
    /// Position in bits.
    pos: usize,
}

impl BitReader<'_> {
    /// Reads `count` (at most 16) bits as a number, first bit lowest.
    fn bits(&mut self, count: u32) -> Result<u32, InflateError> {
        let mut value = 0;
        for k in 0..count {
            let byte = self.data.get(self.pos / 8).ok_or(InflateError::Truncated)?;
            value |= u32::from(byte >> (self.pos % 8) & 1) << k;
            self.pos += 1;
        }
        Ok(value)
    }

    /// Reads one symbol of a Huffman code, walking it one bit at a time (as zlib's `puff`).
    fn symbol(&mut self, code: &Huffman) -> Result<usize, InflateError> {
        // `first` is the first code of the current length, `index` its first symbol.
        let (mut bits, mut first, mut index) = (0, 0, 0);
        for &count in &code.counts[1..] {
            bits |= self.bits(1)? as usize;
            let count = usize::from(count);
            if bits < first + count {
                return Ok(usize::from(code.symbols[index + bits - first]));
            }
            index += count;
            first = (first + count) << 1;
            bits <<= 1;
        }
        Err(InflateError::Invalid)
    }

    /// Reads the code lengths of a dynamic block and builds its two codes.
    fn dynamic_codes(&mut self) -> Result<(Huffman, Huffman), InflateError> {
        let literal_count = self.bits(5)? as usize + 257;
        let distance_count = self.bits(5)? as usize + 1;
        let length_count = self.bits(4)? as usize + 4;
        if literal_count > 286 || distance_count > 30 {
            return Err(InflateError::Invalid);
        }
        let mut length_lengths = [0; 19];
        for &symbol in &CODE_LENGTH_ORDER[..length_count] {
            length_lengths[symbol] = self.bits(3)? as u8;
        }
        let length_code = Huffman::new(&length_lengths, Unused::Never)?;
        let mut lengths = Vec::with_capacity(literal_count + distance_count);
        while lengths.len() < literal_count + distance_count {
            let (value, repeat) = match self.symbol(&length_code)? {
                symbol @ 0..=15 => (symbol as u8, 1),
                16 => (
                    *lengths.last().ok_or(InflateError::Invalid)?,
                    3 + self.bits(2)?,
                ),
                17 => (0, 3 + self.bits(3)?),
                _ => (0, 11 + self.bits(7)?),
            };
            for _ in 0..repeat {
                lengths.push(value);
            }
        }
        if lengths.len() > literal_count + distance_count {
            return Err(InflateError::Invalid);
        }
        let (literal_lengths, distance_lengths) = lengths.split_at(literal_count);
        Ok((
            Huffman::new(literal_lengths, Unused::OnlyOneBitCodes)?,
            Huffman::new(distance_lengths, Unused::OnlyOneBitCodes)?,
        ))
    }

    /// Inflates one Huffman-coded block, up to and including its end-of-block symbol.
    fn block(
        &mut self,
        literals: &Huffman,
        distances: &Huffman,
        out: &mut Vec<u8>,
        limit: usize,
    ) -> Result<(), InflateError> {
        loop {
            let symbol = self.symbol(literals)?;
            if symbol == 256 {
                return Ok(());
            }
            let len = match symbol.checked_sub(257) {
                None => 1,
                Some(code) if code < LENGTH_BASE.len() => {
                    usize::from(LENGTH_BASE[code]) + self.bits(LENGTH_EXTRA[code].into())? as usize
                }
                Some(_) => return Err(InflateError::Invalid),
            };
            if out.len() + len > limit {
                return Err(InflateError::TooLarge);
            }
            if symbol < 256 {
                out.push(symbol as u8);
                continue;
            }
            let code = self.symbol(distances)?;
            let distance = match (DISTANCE_BASE.get(code), DISTANCE_EXTRA.get(code)) {
                (Some(&base), Some(&extra)) => {
                    usize::from(base) + self.bits(extra.into())? as usize
                }
                _ => return Err(InflateError::Invalid),
            };
            if distance > out.len() {
                return Err(InflateError::Invalid);
            }
            // Byte by byte: a match may overlap the bytes it is producing.
            for _ in 0..len {
                out.push(out[out.len() - distance]);
            }
        }
    }
}

/// Which incomplete codes (codes that leave bit patterns unused) a table may be, as zlib and
/// miniz_oxide decide it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unused {
    /// None: the code-length code of a dynamic block.
    Never,
    /// Only when no code is longer than one bit (no code at all, or a single one-bit code, as
    /// RFC 1951 §3.2.7 allows): the literal/length and distance codes of a dynamic block.
    OnlyOneBitCodes,
    /// Any: the fixed codes, whose distance codes 30 and 31 never occur.
    Allowed,
}

/// A canonical Huffman code as its number of codes per length and its symbols in code order.
struct Huffman {
    counts: [u16; 16],
    symbols: [u16; 288],
}

impl Huffman {
    /// Builds a code from the code length of each symbol (0 = unused); refuses an
    /// over-subscribed code, and an incomplete one unless `unused` allows it (its unused codes
    /// then fail in `symbol`).
    fn new(lengths: &[u8], unused: Unused) -> Result<Huffman, InflateError> {
        let mut code = Huffman {
            counts: [0; 16],
            symbols: [0; 288],
        };
        for &len in lengths {
            code.counts[usize::from(len)] += 1;
        }
        let mut left = 1i32;
        let mut offsets = [0u16; 16];
        for len in 1..16 {
            left = (left << 1) - i32::from(code.counts[len]);
            if left < 0 {
                return Err(InflateError::Invalid);
            }
            offsets[len] = offsets[len - 1] + code.counts[len - 1] * u16::from(len > 1);
        }
        let longest = lengths.iter().copied().max().unwrap_or(0);
        let incomplete_allowed = match unused {
            Unused::Never => false,
            Unused::OnlyOneBitCodes => longest <= 1,
            Unused::Allowed => true,
        };
        if left > 0 && !incomplete_allowed {
            return Err(InflateError::Invalid);
        }
        for (symbol, &len) in lengths.iter().enumerate() {
            if len > 0 {
                let slot = &mut offsets[usize::from(len)];
                code.symbols[usize::from(*slot)] = symbol as u16;
                *slot += 1;
            }
        }
        Ok(code)
    }
}

#[cfg(test)]
mod tests {
    use super::{deflate, inflate, BitWriter, InflateError, CODE_LENGTH_ORDER};
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
            0x4D, 0xCB, 0x31, 0x0A, 0x80, 0x30, 0x10, 0x05, 0xD1, 0xBB, 0xFC, 0xDA, 0x84, 0xA4,
            0x4D, 0xE5, 0x3D, 0xC4, 0x42, 0xD6, 0x15, 0x83, 0x9A, 0xC0, 0x6E, 0x0C, 0x88, 0x78,
            0x77, 0xD1, 0x46, 0xDB, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x15, 0xA1, 0xEB,
            0xAF, 0x1B,
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
}
