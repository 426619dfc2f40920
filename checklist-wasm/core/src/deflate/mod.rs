//! Raw DEFLATE (RFC 1951), small rather than fast: the compression of share links. The
//! encoder finds repeats with hash chains and writes one block with the fixed Huffman codes,
//! which keeps it a few hundred bytes of wasm; the decoder reads every valid stream (stored,
//! fixed and dynamic blocks), stops at an output limit so a crafted link cannot expand into a
//! zip bomb, and returns an error, never a panic, on corrupt input. Framing (base64url, the
//! `v1.` prefix) is left to `share`.
//!
//! The encoder is `encoder`'s, the decoder `decoder`'s; the length and distance alphabets
//! both use are here.

mod decoder;
mod encoder;
#[cfg(test)]
mod tests;

pub use decoder::{inflate, InflateError};
pub use encoder::deflate;

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
