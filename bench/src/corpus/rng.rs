//! The corpus's only source of chance: a seeded SplitMix64 generator with independent
//! streams, so the corpus is the same on every machine and run.

/// A small, seeded pseudo-random generator (SplitMix64): deterministic on every machine,
/// and no randomness from the operating system.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// Starts a stream from a seed and a path of stream numbers, so that independent parts
    /// of the corpus (one page's outline, another page's text) never shift each other.
    pub fn new(seed: u64, stream: &[u64]) -> Rng {
        let mut rng = Rng(seed);
        for part in stream {
            rng.0 ^= rng.next_u64() ^ part.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
        rng
    }

    /// Returns the next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Returns a number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + (self.next_u64() % (high - low + 1) as u64) as usize
    }

    /// Returns true with a probability of `percent` in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// Returns one item of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.between(0, items.len() - 1)]
    }
}
