//! The byte encoding of the index files: unsigned LEB128 varints, single bytes and
//! length-prefixed UTF-8 strings. `Writer` is used by the builder, `Reader` by the engine;
//! `format` decides what goes where.

/// Why an index file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError(pub &'static str);

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "search index file is damaged: {}", self.0)
    }
}

/// Appends values to a byte buffer.
#[derive(Debug, Default)]
pub struct Writer {
    /// The bytes written so far.
    pub bytes: Vec<u8>,
}

impl Writer {
    /// Writes an unsigned number in as few bytes as it needs (7 bits per byte).
    pub fn varint(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.bytes.push((value as u8) | 0x80);
            value >>= 7;
        }
        self.bytes.push(value as u8);
    }

    /// Writes one byte.
    pub fn byte(&mut self, value: u8) {
        self.bytes.push(value);
    }

    /// Writes a string as its byte length and its UTF-8 bytes.
    pub fn str(&mut self, value: &str) {
        self.varint(value.len() as u64);
        self.bytes.extend_from_slice(value.as_bytes());
    }
}

/// Reads values back from bytes, failing cleanly on truncated or malformed input.
#[derive(Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// Starts reading at the first byte.
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    /// Tells whether every byte was read.
    pub fn is_done(&self) -> bool {
        self.at == self.bytes.len()
    }

    /// Reads a varint written by `Writer::varint`.
    pub fn varint(&mut self) -> Result<u64, FormatError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(FormatError("number too long"))
    }

    /// Reads a varint that must fit a `usize` count no larger than the bytes left could hold.
    pub fn count(&mut self) -> Result<usize, FormatError> {
        let value = self.varint()?;
        if value > (self.bytes.len() - self.at) as u64 + 1 {
            return Err(FormatError("count larger than the file"));
        }
        Ok(value as usize)
    }

    /// Reads one byte.
    pub fn byte(&mut self) -> Result<u8, FormatError> {
        let byte = *self
            .bytes
            .get(self.at)
            .ok_or(FormatError("unexpected end"))?;
        self.at += 1;
        Ok(byte)
    }

    /// Reads a string written by `Writer::str`.
    pub fn str(&mut self) -> Result<&'a str, FormatError> {
        let len = self.count()?;
        let end = self.at.checked_add(len).ok_or(FormatError("bad length"))?;
        let bytes = self
            .bytes
            .get(self.at..end)
            .ok_or(FormatError("unexpected end"))?;
        self.at = end;
        std::str::from_utf8(bytes).map_err(|_| FormatError("text is not UTF-8"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_and_truncation_is_an_error_not_a_panic() {
        let mut writer = Writer::default();
        for value in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            writer.varint(value);
        }
        writer.str("Schlüssel");
        writer.byte(7);
        let bytes = writer.bytes;
        let mut reader = Reader::new(&bytes);
        for value in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(reader.varint(), Ok(value));
        }
        assert_eq!(reader.str(), Ok("Schlüssel"));
        assert_eq!(reader.byte(), Ok(7));
        assert!(reader.is_done());
        for cut in 0..bytes.len() {
            let mut reader = Reader::new(&bytes[..cut]);
            let mut failed = false;
            for _ in 0..7 {
                failed |= reader.varint().is_err();
            }
            failed |= reader.str().is_err() || reader.byte().is_err();
            assert!(failed, "cut at {cut} read as complete");
        }
    }
}
