//! Callout blocks: a line `::: ask` (or `note`, `warning`), the content, and a line `:::`,
//! each marker standing alone between blank lines. It owns the known kinds, recognising a
//! marker paragraph and turning markers into the callout's HTML; the callout's title comes
//! from the caller (a UI string per kind).

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::escape_html;
use crate::diagnostics::Problem;

/// The callout kinds a page may use; each has a UI string `callout.<kind>` in the theme.
pub const CALLOUT_KINDS: &[&str] = &["ask", "note", "warning"];

/// Replaces callout marker paragraphs (`::: ask`, `:::`) with the callout's opening and
/// closing HTML, checking that every callout is closed and its kind is known.
pub(super) fn mark_callouts<'a>(
    events: Vec<(Event<'a>, Range<usize>)>,
    callout_title: &dyn Fn(&str) -> String,
    problems: &mut Vec<Problem>,
    problem: &dyn Fn(&Range<usize>, String) -> Problem,
) -> Vec<(Event<'a>, Range<usize>)> {
    let mut output = Vec::with_capacity(events.len());
    let mut open: Option<Range<usize>> = None;
    let mut index = 0;
    while index < events.len() {
        if let Some((marker, length)) = callout_marker(&events[index..]) {
            let range = events[index].1.clone();
            index += length;
            match marker {
                Marker::Open(kind) if !CALLOUT_KINDS.contains(&kind.as_str()) => problems.push(problem(
                    &range,
                    format!("callout kind `{kind}` is unknown (known: {})", CALLOUT_KINDS.join(", ")),
                )),
                Marker::Open(_) if open.is_some() => problems.push(problem(
                    &range,
                    "callout opened inside another callout: close the first one with a `:::` line".into(),
                )),
                Marker::Open(kind) => {
                    open = Some(range.clone());
                    let html = format!(
                        "<div class=\"callout callout-{kind}\" role=\"note\"><p class=\"callout-title\">{}</p>\n",
                        escape_html(&callout_title(&kind))
                    );
                    output.push((Event::Html(html.into()), range));
                }
                Marker::Close if open.is_none() => problems.push(problem(
                    &range,
                    "`:::` closes no callout: open one with a line such as `::: ask`".into(),
                )),
                Marker::Close => {
                    open = None;
                    output.push((Event::Html("</div>\n".into()), range));
                }
                Marker::Malformed => problems.push(problem(
                    &range,
                    "callout marker must stand alone on its line, with a blank line before and after it".into(),
                )),
            }
            continue;
        }
        output.push(events[index].clone());
        index += 1;
    }
    if let Some(range) = open {
        problems.push(problem(
            &range,
            "callout is never closed: add a `:::` line after its content".into(),
        ));
    }
    output
}

/// A callout marker line: `::: kind` opens a callout, `:::` closes it.
pub enum Marker {
    /// Opens a callout of this kind.
    Open(String),
    /// Closes the open callout.
    Close,
    /// Starts with `:::` but does not stand alone on its line.
    Malformed,
}

/// Recognises a paragraph that is a callout marker; returns it and its number of events.
pub fn callout_marker(events: &[(Event, Range<usize>)]) -> Option<(Marker, usize)> {
    if !matches!(events.first(), Some((Event::Start(Tag::Paragraph), _))) {
        return None;
    }
    let mut text = String::new();
    let mut length = 1;
    for (event, _) in &events[1..] {
        length += 1;
        match event {
            Event::Text(piece) => text.push_str(piece),
            Event::SoftBreak => text.push('\n'),
            Event::End(TagEnd::Paragraph) => break,
            _ => {
                text.push('\u{1}');
            }
        }
    }
    let first_line = text.lines().next().unwrap_or_default().trim();
    if !first_line.starts_with(":::") {
        return None;
    }
    if text.contains('\n') || text.contains('\u{1}') {
        return Some((Marker::Malformed, length));
    }
    let kind = first_line.trim_start_matches(':').trim();
    Some((
        if kind.is_empty() {
            Marker::Close
        } else {
            Marker::Open(kind.to_string())
        },
        length,
    ))
}
