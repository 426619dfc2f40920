//! Reading one HTTP/1.x request head of `generator serve` with `httparse`, within limits on
//! its size and header count, and decoding the path of its target. Nothing here touches a
//! connection, so the fuzz target `serve_request` can drive it with any bytes.

/// The largest request head accepted; a browser's is well below 2 KB.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;
/// The most header lines a request head may have.
pub const MAX_HEADERS: usize = 64;

/// What a request head says, as far as a preview server cares.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestHead {
    /// The method, as sent (`GET`, `HEAD`, …).
    pub method: String,
    /// The request target: the path with any query, still percent-encoded.
    pub target: String,
    /// Whether the browser may send another request on this connection afterwards.
    pub keep_alive: bool,
    /// Whether a body follows the head (a preview server reads none).
    pub has_body: bool,
}

/// The outcome of reading the bytes received so far.
#[derive(Debug, PartialEq)]
pub enum Parsed {
    /// A whole head of `length` bytes.
    Complete(RequestHead, usize),
    /// The head has not fully arrived yet.
    Partial,
    /// Not a request this server can read; answered with `status`, then the connection closes.
    Refused(u16, &'static str),
}

/// Reads the request head at the start of `bytes` with `httparse`.
pub fn parse_head(bytes: &[u8]) -> Parsed {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    let length = match request.parse(bytes) {
        // The limit holds for a whole head too, however many reads brought it.
        Ok(httparse::Status::Complete(length)) if length <= MAX_HEAD_BYTES => length,
        Ok(httparse::Status::Complete(_)) => return Parsed::Refused(431, "request head too large"),
        Ok(httparse::Status::Partial) if bytes.len() > MAX_HEAD_BYTES => {
            return Parsed::Refused(431, "request head too large")
        }
        Ok(httparse::Status::Partial) => return Parsed::Partial,
        Err(httparse::Error::TooManyHeaders) => {
            return Parsed::Refused(431, "too many header lines")
        }
        Err(_) => return Parsed::Refused(400, "malformed request"),
    };
    let header = |name: &'static str| {
        request
            .headers
            .iter()
            .filter(move |header| header.name.eq_ignore_ascii_case(name))
            .map(|header| String::from_utf8_lossy(header.value).to_ascii_lowercase())
    };
    let connection: Vec<String> = header("connection")
        .flat_map(|value| {
            value
                .split(',')
                .map(|token| token.trim().to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    let says = |token: &str| connection.iter().any(|given| given == token);
    // HTTP/1.1 keeps a connection unless told not to; HTTP/1.0 only when asked.
    let keep_alive = match request.version {
        Some(1) => !says("close"),
        _ => says("keep-alive"),
    };
    let has_body = header("transfer-encoding").next().is_some()
        || header("content-length").any(|value| value.trim() != "0");
    Parsed::Complete(
        RequestHead {
            method: request.method.unwrap_or_default().to_string(),
            target: request.path.unwrap_or_default().to_string(),
            keep_alive,
            has_body,
        },
        length,
    )
}

/// Decodes `%XX` escapes of a URL path; a `%` not followed by two hex digits stays as it is.
/// Works on bytes, so a `%` before a multi-byte character is just a `%`.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let hex = |byte: u8| char::from(byte).to_digit(16);
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if let [b'%', high, low, ..] = bytes[index..] {
            if let (Some(high), Some(low)) = (hex(high), hex(low)) {
                decoded.push((high * 16 + low) as u8);
                index += 3;
                continue;
            }
        }
        decoded.push(bytes[index]);
        index += 1;
    }
    String::from_utf8_lossy(&decoded).into_owned()
}
