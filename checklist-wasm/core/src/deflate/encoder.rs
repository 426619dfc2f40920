//! The DEFLATE encoder: repeats found with hash chains, written as one block with the fixed
//! Huffman codes.

use super::{DISTANCE_BASE, DISTANCE_EXTRA, LENGTH_BASE, LENGTH_EXTRA};

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
pub(super) struct BitWriter {
    pub(super) bytes: Vec<u8>,
    used: u32,
}

impl BitWriter {
    /// Appends the `count` low bits of `value`, least significant first.
    pub(super) fn bits(&mut self, value: u32, count: u32) {
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
    pub(super) fn huffman(&mut self, code: u32, len: u32) {
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
