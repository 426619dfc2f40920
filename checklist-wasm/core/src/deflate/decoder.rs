//! The DEFLATE decoder: stored, fixed and dynamic blocks, within an output limit, with an
//! error (never a panic) on corrupt input.

use std::fmt;

use super::{DISTANCE_BASE, DISTANCE_EXTRA, LENGTH_BASE, LENGTH_EXTRA};

/// Order in which a dynamic block lists the code lengths of the code-length alphabet.
pub(super) const CODE_LENGTH_ORDER: [usize; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

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
