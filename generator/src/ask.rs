//! Ask-the-vendor questions: every list item of a `::: ask` callout ends with a marker that
//! names the checklist questions recording its answer, such as
//! `- Will you sign a DPA? {checklist: gdpr.dpa}`. This module finds those questions on a
//! page (reporting items without a marker and markers outside an ask callout), checks their
//! ids against the checklist definition, and strips the markers from the rendered text. It
//! leaves the callout markup to `markdown` and the definition to `checklist`.

use std::ops::Range;

use checklist_core::definition::Definition;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::content::{Content, Page};
use crate::diagnostics::{suggest, Problem};
use crate::markdown::{self, Marker};

/// What opens a marker; the marker runs to the closing `}` at the end of the item.
const MARKER_OPEN: &str = "{checklist:";

/// One question of an ask-the-vendor callout and the checklist questions it maps to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AskQuestion {
    /// The file line on which the list item starts.
    pub line: usize,
    /// The question's text, without its marker.
    pub text: String,
    /// The ids of the checklist questions named by the marker, in the order written.
    pub question_ids: Vec<String>,
}

/// Splits a trailing `{checklist: id id}` marker off a text; returns the text before it and
/// the ids, or `None` when the text does not end with a marker.
pub fn split_marker(text: &str) -> Option<(&str, Vec<&str>)> {
    let trimmed = text.trim_end();
    let body = trimmed.strip_suffix('}')?;
    let start = body.rfind(MARKER_OPEN)?;
    let ids = body[start + MARKER_OPEN.len()..]
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|id| !id.is_empty())
        .collect();
    Some((body[..start].trim_end(), ids))
}

/// Collects a page's ask-the-vendor questions, and a problem for every list item of an ask
/// callout without a marker, every empty marker and every marker outside such an item.
pub fn questions(page: &Page) -> (Vec<AskQuestion>, Vec<Problem>) {
    let events: Vec<(Event, Range<usize>)> =
        Parser::new_ext(&page.body, markdown::parser_options())
            .into_offset_iter()
            .collect();
    let mut questions = Vec::new();
    let mut problems = Vec::new();
    let mut in_ask = false;
    let mut depth = 0usize;
    // The open top-level item of an ask callout: where it starts and its text so far.
    let mut item: Option<(usize, String)> = None;
    let mut index = 0;
    while index < events.len() {
        if let Some((marker, length)) = markdown::callout_marker(&events[index..]) {
            match marker {
                Marker::Open(kind) => in_ask = kind == "ask",
                Marker::Close => in_ask = false,
                Marker::Malformed => {}
            }
            index += length;
            continue;
        }
        let (event, range) = &events[index];
        index += 1;
        match event {
            Event::Start(Tag::Item) => {
                depth += 1;
                if in_ask && depth == 1 {
                    item = Some((range.start, String::new()));
                }
            }
            Event::End(TagEnd::Item) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    if let Some((start, text)) = item.take() {
                        let line = page.line_of(start);
                        match split_marker(&text) {
                            Some((_, ids)) if ids.is_empty() => problems.push(Problem::new(
                                &page.source_path,
                                line,
                                "the `{checklist: …}` marker names no question: add the ids of the checklist questions that record the answer",
                            )),
                            Some((question, ids)) => questions.push(AskQuestion {
                                line,
                                text: question.to_string(),
                                question_ids: ids.into_iter().map(str::to_string).collect(),
                            }),
                            None => problems.push(Problem::new(
                                &page.source_path,
                                line,
                                "this ask-the-vendor question names no checklist question: end it with a marker such as `{checklist: gdpr.dpa}`",
                            )),
                        }
                    }
                }
            }
            Event::Text(text) | Event::Code(text) => match item.as_mut() {
                Some((_, item_text)) => item_text.push_str(text),
                None if text.contains(MARKER_OPEN) => problems.push(Problem::new(
                    &page.source_path,
                    page.line_of(range.start),
                    "a `{checklist: …}` marker belongs at the end of a list item in a `::: ask` callout",
                )),
                None => {}
            },
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, item_text)) = item.as_mut() {
                    item_text.push(' ');
                }
            }
            _ => {}
        }
    }
    (questions, problems)
}

/// Reports every ask-the-vendor question whose marker names an id the checklist lacks.
pub fn check_against_checklist(
    definition: &Definition,
    content: &Content,
    asked: &[Vec<AskQuestion>],
) -> Vec<Problem> {
    let known: Vec<&str> = definition.questions.iter().map(|q| q.id.as_str()).collect();
    let mut problems = Vec::new();
    for (page, questions) in content.pages.iter().zip(asked) {
        for question in questions {
            for id in &question.question_ids {
                if known.contains(&id.as_str()) {
                    continue;
                }
                let hint = match suggest(id, &known) {
                    Some(close) => format!(" (did you mean `{close}`?)"),
                    None => String::new(),
                };
                problems.push(Problem::new(
                    &page.source_path,
                    question.line,
                    format!("ask-the-vendor question names `{id}`, which is no question of the checklist{hint}"),
                ));
            }
        }
    }
    problems
}

/// Removes the `{checklist: …}` markers from a page's events, so readers never see them.
/// Consecutive text events are joined first, because the parser may split a marker's ids
/// at characters such as `_`; events without a marker pass through unchanged.
pub fn strip_markers<'a>(events: Vec<(Event<'a>, Range<usize>)>) -> Vec<(Event<'a>, Range<usize>)> {
    let mut output = Vec::with_capacity(events.len());
    let mut iter = events.into_iter().peekable();
    while let Some((event, range)) = iter.next() {
        let Event::Text(first) = event else {
            output.push((event, range));
            continue;
        };
        let mut run = vec![(first, range)];
        while let Some((Event::Text(_), _)) = iter.peek() {
            if let Some((Event::Text(next), next_range)) = iter.next() {
                run.push((next, next_range));
            }
        }
        let joined: String = run.iter().map(|(text, _)| text.as_ref()).collect();
        match split_marker(&joined) {
            Some((text, _)) => {
                output.push((Event::Text(text.to_string().into()), run[0].1.clone()));
            }
            _ => output.extend(
                run.into_iter()
                    .map(|(text, range)| (Event::Text(text), range)),
            ),
        }
    }
    output
}

#[cfg(test)]
mod tests {
    use super::split_marker;

    #[track_caller]
    fn check(text: &str, expected: Option<(&str, &[&str])>) {
        let found = split_marker(text);
        let found = found.as_ref().map(|(t, ids)| (*t, ids.as_slice()));
        assert_eq!(found, expected, "{text:?}");
    }

    #[test]
    fn markers_split_into_text_and_ids() {
        check(
            "Will you sign? {checklist: gdpr.dpa}",
            Some(("Will you sign?", &["gdpr.dpa"])),
        );
        check(
            "Scope? {checklist: cert.soc2 cert.iso27001}",
            Some(("Scope?", &["cert.soc2", "cert.iso27001"])),
        );
        check("A? {checklist: a.b, c.d}  ", Some(("A?", &["a.b", "c.d"])));
        check("Empty? {checklist: }", Some(("Empty?", &[])));
        check("No marker at all?", None);
        check("A {brace} only}", None);
        check("Marker first {checklist: a.b} then text", None);
    }
}
