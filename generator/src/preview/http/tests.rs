//! Tests of the preview server: request heads, path decoding, and real connections (an open
//! event stream, pipelined and kept-alive requests, a burst of connections).

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

use super::request::{
    parse_head, percent_decode, Parsed, RequestHead, MAX_HEADERS, MAX_HEAD_BYTES,
};
use super::{listen, Preview};

#[track_caller]
fn check_decode(path: &str, expected: &str) {
    assert_eq!(percent_decode(path), expected, "{path}");
}

#[test]
fn percent_escapes_decode_and_stray_percent_signs_stay() {
    check_decode("/de/gr%C3%B6%C3%9Fe/", "/de/größe/");
    check_decode("/en/a%20b", "/en/a b");
    check_decode("/50%", "/50%");
    check_decode("/50%2", "/50%2");
    check_decode("/%zz/", "/%zz/");
    check_decode("/%ff", "/\u{fffd}");
}

#[track_caller]
fn check_head(bytes: &str, expected: Parsed) {
    assert_eq!(parse_head(bytes.as_bytes()), expected, "{bytes:?}");
}

fn head(method: &str, target: &str, keep_alive: bool, has_body: bool) -> RequestHead {
    RequestHead {
        method: method.to_string(),
        target: target.to_string(),
        keep_alive,
        has_body,
    }
}

#[test]
fn request_heads_say_whether_the_connection_stays_and_a_body_follows() {
    let get = "GET /en/ HTTP/1.1\r\nHost: x\r\n\r\n";
    check_head(
        get,
        Parsed::Complete(head("GET", "/en/", true, false), get.len()),
    );
    check_head(
        "GET /en/ HTTP/1.1\r\nConnection: Keep-Alive, Close\r\n\r\n",
        Parsed::Complete(head("GET", "/en/", false, false), 52),
    );
    check_head(
        "GET / HTTP/1.0\r\n\r\n",
        Parsed::Complete(head("GET", "/", false, false), 18),
    );
    check_head(
        "HEAD / HTTP/1.0\r\nconnection: keep-alive\r\n\r\n",
        Parsed::Complete(head("HEAD", "/", true, false), 43),
    );
    check_head(
        "POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc",
        Parsed::Complete(head("POST", "/", true, true), 38),
    );
    check_head(
        "GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
        Parsed::Complete(head("GET", "/", true, false), 37),
    );
    check_head(
        "GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
        Parsed::Complete(head("GET", "/", true, true), 46),
    );
    // A second request sent right behind the first is left for the next read.
    check_head(
        "GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n",
        Parsed::Complete(head("GET", "/a", true, false), 19),
    );
    check_head("GET /en/ HTTP/1.1\r\nHost: x\r\n", Parsed::Partial);
    check_head("", Parsed::Partial);
    check_head(
        "GET /en/ HTTP/9.9\r\n\r\n",
        Parsed::Refused(400, "malformed request"),
    );
    let long = format!("GET / HTTP/1.1\r\nCookie: {}", "a".repeat(MAX_HEAD_BYTES));
    check_head(&long, Parsed::Refused(431, "request head too large"));
    let many = format!(
        "GET / HTTP/1.1\r\n{}\r\n",
        "A: b\r\n".repeat(MAX_HEADERS + 1)
    );
    check_head(&many, Parsed::Refused(431, "too many header lines"));
}

#[test]
fn an_open_event_stream_leaves_other_requests_and_pipelined_ones_answered() {
    let preview = Arc::new(Preview::new(
        BTreeMap::from([("index.html".to_string(), b"<body>home</body>".to_vec())]),
        "/guide/",
    ));
    let address = listen(
        "127.0.0.1:0".parse().expect("an address"),
        Arc::clone(&preview),
    )
    .expect("the server starts");
    let connect = || {
        let stream = TcpStream::connect(address).expect("the server accepts");
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .expect("a timeout");
        stream
    };
    let mut events = connect();
    write!(
        events,
        "GET /guide/__live-reload/events?build=0 HTTP/1.1\r\n\r\n"
    )
    .expect("the request is sent");
    let mut pages = connect();
    write!(
        pages,
        "GET /guide HTTP/1.1\r\n\r\nHEAD /guide/ HTTP/1.1\r\n\r\nGET /guide/ HTTP/1.1\r\n\r\n"
    )
    .expect("three requests are sent at once");
    let redirect = read_response(&mut pages).expect("the redirect");
    assert!(redirect.starts_with("HTTP/1.1 301"), "{redirect}");
    assert!(redirect.contains("Location: /guide/\r\n"), "{redirect}");
    let head_only = read_response_head(&mut pages).expect("the head");
    assert!(head_only.starts_with("HTTP/1.1 200"), "{head_only}");
    let page = read_response(&mut pages).expect("the page");
    assert!(page.ends_with("home<script type=\"module\" src=\"/guide/__live-reload.js?build=0\"></script>\n</body>"), "{page}");
    preview.publish(|snapshot| snapshot.needs_full_reload = false);
    let mut stream = String::new();
    let mut chunk = [0u8; 512];
    while !stream.contains("data: page") {
        let count = events.read(&mut chunk).expect("the event arrives");
        assert!(count > 0, "the stream ended: {stream}");
        stream.push_str(&String::from_utf8_lossy(&chunk[..count]));
    }
    assert!(
        stream.starts_with("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream"),
        "{stream}"
    );
}

#[test]
fn percent_before_a_multibyte_character_panicked_the_connection_thread() {
    // The hand-written parser sliced `&text[i + 1..i + 3]` inside `é` and panicked.
    check_decode("/%é", "/%é");
    check_decode("/%aé", "/%aé");
    check_decode("/ü%", "/ü%");
    let preview = Arc::new(Preview::new(
        BTreeMap::from([
            (
                "index.html".to_string(),
                b"<html><body>home</body></html>".to_vec(),
            ),
            (
                "404.html".to_string(),
                b"<html><body>missing</body></html>".to_vec(),
            ),
        ]),
        "/",
    ));
    let address =
        listen("127.0.0.1:0".parse().expect("an address"), preview).expect("the server starts");
    let get = |target: &str| {
        let mut stream = TcpStream::connect(address).expect("the server accepts");
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .expect("a timeout");
        write!(
            stream,
            "GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        .expect("the request is sent");
        let mut answer = String::new();
        stream
            .read_to_string(&mut answer)
            .expect("an answer, not a dropped connection");
        answer
    };
    // `httparse` takes a UTF-8 request line as it comes; a browser sends the character
    // escaped, which decodes to the same path with a `%` in it.
    let answer = get("/%é");
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
    assert!(answer.contains("missing"), "{answer}");
    // Bytes that are not UTF-8 are refused, and the server goes on.
    let mut stream = TcpStream::connect(address).expect("the server accepts");
    stream
        .write_all(b"GET /\xff HTTP/1.1\r\nHost: x\r\n\r\n")
        .expect("the request is sent");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("an answer");
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    let answer = get("/%%C3%A9");
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
    assert!(answer.contains("missing"), "{answer}");
    let answer = get("/");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("__live-reload.js?build=0"), "{answer}");
}
/// Reads the head of one response, byte by byte, so nothing after it is consumed.
fn read_response_head(stream: &mut TcpStream) -> std::io::Result<String> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte)?;
        head.push(byte[0]);
    }
    Ok(String::from_utf8_lossy(&head).into_owned())
}

/// Reads one response from a keep-alive connection: the head, then `Content-Length` bytes.
fn read_response(stream: &mut TcpStream) -> std::io::Result<String> {
    let head = read_response_head(stream)?;
    let length = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    let mut body = vec![0; length];
    stream.read_exact(&mut body)?;
    Ok(format!("{head}{}", String::from_utf8_lossy(&body)))
}

#[test]
fn a_burst_of_keep_alive_connections_left_one_unanswered() {
    // A page asks for its stylesheets and scripts at once, over six keep-alive connections.
    // tiny_http's pool queued a connection that came while an idle worker was already
    // woken, and woke no one for it: it waited until a kept-alive connection closed.
    const CONNECTIONS: usize = 8;
    let preview = Arc::new(Preview::new(
        BTreeMap::from([
            (
                "index.html".to_string(),
                b"<html><body>home</body></html>".to_vec(),
            ),
            ("style.css".to_string(), b"body {}".to_vec()),
        ]),
        "/",
    ));
    let address =
        listen("127.0.0.1:0".parse().expect("an address"), preview).expect("the server starts");
    for round in 0..20 {
        let start = Arc::new(std::sync::Barrier::new(CONNECTIONS));
        let clients: Vec<_> = (0..CONNECTIONS)
            .map(|client| {
                let start = Arc::clone(&start);
                std::thread::spawn(move || -> std::io::Result<(TcpStream, String)> {
                    start.wait();
                    let mut stream = TcpStream::connect(address)?;
                    stream.set_read_timeout(Some(Duration::from_secs(3)))?;
                    write!(
                        stream,
                        "GET /style.css?{client} HTTP/1.1\r\nHost: x\r\n\r\n"
                    )?;
                    let answer = read_response(&mut stream)?;
                    Ok((stream, answer))
                })
            })
            .collect();
        // Every connection stays open, as a browser keeps them, until all are answered.
        let mut open = Vec::new();
        for (client, handle) in clients.into_iter().enumerate() {
            let (stream, answer) = handle
                .join()
                .expect("the client thread ends")
                .unwrap_or_else(|error| {
                    panic!("round {round}: connection {client} got no answer: {error}")
                });
            assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
            assert!(answer.ends_with("body {}"), "{answer}");
            open.push(stream);
        }
        // A kept-alive connection answers its next request too.
        for stream in &mut open {
            write!(stream, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").expect("the request is sent");
            let answer = read_response(stream).expect("an answer on the same connection");
            assert!(answer.contains("home"), "{answer}");
        }
    }
}

#[test]
fn a_head_past_the_size_limit_was_read_when_it_arrived_whole() {
    // Found by the `serve_request` fuzz target: the limit was checked only while a head was
    // still partial, so a head longer than MAX_HEAD_BYTES that arrived in one read (or grew
    // past the limit in its last read) was accepted.
    let cookie = "a".repeat(MAX_HEAD_BYTES);
    let whole = format!("GET / HTTP/1.1\r\nCookie: {cookie}\r\n\r\n");
    check_head(&whole, Parsed::Refused(431, "request head too large"));
    // Exactly at the limit it is still read.
    let fits = format!(
        "GET / HTTP/1.1\r\nCookie: {}\r\n\r\n",
        "a".repeat(MAX_HEAD_BYTES - 28)
    );
    assert_eq!(fits.len(), MAX_HEAD_BYTES);
    check_head(
        &fits,
        Parsed::Complete(head("GET", "/", true, false), MAX_HEAD_BYTES),
    );
}
