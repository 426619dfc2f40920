//! Markdown rendering with pulldown-cmark. It owns the parser options (built in one place),
//! heading ids and the table of contents, callout blocks, link rewriting and checking, and
//! hands text to `typography`. It knows nothing of templates or files: it turns one page's
//! Markdown into HTML, and asks a `LinkResolver` (implemented by the `site` stage, which
//! knows every page) what a link to another page's file means. The outline (headings, ids,
//! section keys) is `outline`'s, callout markers are `callouts`', and link checks `links`'.
//!
//! Callouts are written as a line `::: ask` (or `note`, `warning`), the content, and a line
//! `:::`, each marker line standing alone between blank lines.
//!
//! Images (`![alt](diagram.svg)`) must have alt text or the title `"decorative"`, and be local
//! files, which the `LinkResolver` finds and measures; remote images are refused.
//!
//! Every heading is followed by a permalink to itself (`#`, named for screen readers in the
//! page's language), the two wrapped in `<div class="section-heading">`.
//!
//! A heading's attribute block may hold an id and a section key, `{#verfuegbarkeit key=uptime}`,
//! nothing else: the key is read here and left out of the HTML; `sections` checks keys.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{Alignment, CowStr, Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::content::Page;
use crate::diagnostics::Problem;
use crate::typography::Typographer;

mod callouts;
mod links;
mod outline;
mod plain_text;
mod section_texts;

use callouts::mark_callouts;
pub use callouts::{callout_marker, Marker, CALLOUT_KINDS};
use links::{external_link_start, is_external, resolve_internal_link};
use outline::{heading_level, unsupported_heading_attributes};
pub use outline::{outline, Heading, SECTION_KEY_ATTRIBUTE};
use plain_text::PlainText;
pub use section_texts::{SectionTexts, TextStore};

/// Builds the pulldown-cmark options every parse of the site uses.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

/// What the `site` stage tells the renderer about links to other pages and sections.
pub trait LinkResolver {
    /// Resolves a link to a page file (`soc-2.md#type-ii`) from a page, to its URL.
    fn resolve(&self, from: &Page, file: &str, fragment: Option<&str>) -> Result<String, String>;

    /// Returns the accessible name of a heading's permalink, in the page's language.
    fn section_link_label(&self, page: &Page, heading: &str) -> String;

    /// Resolves an image file name (`diagram.svg`) from a page to its URL and size.
    fn image(&self, from: &Page, file: &str) -> Result<ImageRef, String>;
}

/// An image as a page shows it: its URL and its intrinsic size.
#[derive(Debug, Clone)]
pub struct ImageRef {
    /// The image's URL, with the base path and the content-hashed file name.
    pub url: String,
    /// The width in CSS pixels, written to `width` so nothing shifts on load.
    pub width: u32,
    /// The height in CSS pixels.
    pub height: u32,
}

/// The image title that marks an image as decorative, with an empty alt text:
/// `![](divider.svg "decorative")`.
pub const DECORATIVE_IMAGE_TITLE: &str = "decorative";

/// An image whose alt text is being read: where it starts, its target and title, the text.
struct PendingImage<'a> {
    range: Range<usize>,
    dest: CowStr<'a>,
    title: CowStr<'a>,
    alt: String,
}

/// One entry of a page's table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    /// The heading level (2 or 3).
    pub level: u8,
    /// The heading id to link to.
    pub id: String,
    /// The heading text, with typography applied.
    pub text: String,
}

/// A page rendered to HTML, with what templates and search need from it.
#[derive(Debug, Clone, Default)]
pub struct RenderedPage {
    /// The page body as HTML.
    pub html: String,
    /// Level 2 and 3 headings for the table of contents.
    pub toc: Vec<TocEntry>,
    /// The plain text of each section, for the search index: first the text before the first
    /// heading, then the text under each heading of the outline (without the heading itself).
    pub section_texts: SectionTexts,
}

/// Renders a page's Markdown to HTML, reporting every broken link, raw HTML and callout
/// mistake with its file line. The section texts are collected only where
/// `text_store` is given (a site with search), into it; otherwise they stay empty.
pub fn render(
    page: &Page,
    headings: &[Heading],
    links: &dyn LinkResolver,
    callout_title: &dyn Fn(&str) -> String,
    text_store: Option<&TextStore>,
) -> Result<RenderedPage, Vec<Problem>> {
    let mut problems = Vec::new();
    let problem = |range: &Range<usize>, message: String| {
        Problem::new(&page.source_path, page.line_of(range.start), message)
    };
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(&page.body, parser_options())
        .into_offset_iter()
        .collect();
    for (event, range) in &events {
        if let Event::Html(_) | Event::InlineHtml(_) = event {
            problems.push(problem(
                range,
                "raw HTML is not allowed in pages (it could carry scripts or styles): use Markdown instead".into(),
            ));
        }
    }
    // From here on, `Event::Html` is only the generator's own callout markup.
    let events = mark_callouts(events, callout_title, &mut problems, &problem);
    let events = crate::ask::strip_markers(events);

    let own_ids: HashSet<&str> = headings.iter().map(|heading| heading.id.as_str()).collect();
    let mut typographer = Typographer::new(&page.lang);
    let mut output: Vec<Event> = Vec::with_capacity(events.len());
    let mut heading_index = 0;
    let mut in_code_block = false;
    let mut external_links: Vec<bool> = Vec::new();
    let mut plain_text = PlainText::new(text_store.is_some(), headings.len());
    let mut image: Option<PendingImage> = None;
    let mut table = TableCells::default();
    for (event, range) in events {
        if let Event::Start(Tag::Heading { .. }) = event {
            plain_text.heading_start();
        } else if let Event::End(TagEnd::Heading(_)) = event {
            plain_text.heading_end();
        }
        if let Some(pending) = image.as_mut() {
            match event {
                Event::End(TagEnd::Image) => {
                    let pending = image.take().expect("an image is being read");
                    match image_html(page, &pending, links) {
                        Ok(html) => output.push(Event::InlineHtml(html.into())),
                        Err(message) => problems.push(problem(&pending.range, message)),
                    }
                }
                Event::Text(text) | Event::Code(text) => pending.alt.push_str(&text),
                Event::SoftBreak | Event::HardBreak => pending.alt.push(' '),
                // Emphasis and other inline markup in alt text keep only their text.
                _ => {}
            }
            continue;
        }
        match event {
            // pulldown-cmark writes a column's alignment as a `style` attribute, which the
            // CSP blocks; the cells get a class instead (`align-center`, `align-right`).
            Event::Start(Tag::Table(alignments)) => {
                output.push(Event::Start(Tag::Table(vec![
                    Alignment::None;
                    alignments.len()
                ])));
                table.alignments = alignments;
            }
            Event::Start(tag @ (Tag::TableHead | Tag::TableRow)) => {
                table.head = tag == Tag::TableHead;
                table.cell = 0;
                output.push(Event::Start(tag));
            }
            Event::Start(Tag::TableCell) if table.class().is_some() => {
                typographer.start_block();
                let class = table.class().unwrap_or_default();
                output.push(Event::Html(
                    format!("<{} class=\"{class}\">", table.tag()).into(),
                ));
            }
            Event::End(TagEnd::TableCell) => {
                plain_text.space();
                if table.class().is_some() {
                    output.push(Event::Html(format!("</{}>", table.tag()).into()));
                } else {
                    output.push(Event::End(TagEnd::TableCell));
                }
                table.cell += 1;
            }
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                typographer.start_block();
                for message in unsupported_heading_attributes(&classes, &attrs) {
                    problems.push(problem(&range, message));
                }
                let id = headings
                    .get(heading_index)
                    .map(|heading| CowStr::from(heading.id.clone()));
                heading_index += 1;
                // The heading and its permalink share a wrapper, so hovering either shows
                // the link, and the heading's own name stays just its text.
                output.push(Event::Html(
                    format!(
                        "<div class=\"section-heading section-heading-{}\">",
                        heading_level(level)
                    )
                    .into(),
                ));
                // The section key names the section for links from the checklist; it is
                // not an HTML attribute, and no other attribute or class reaches the page.
                output.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }));
            }
            Event::Start(
                tag @ (Tag::Paragraph | Tag::Item | Tag::TableCell | Tag::BlockQuote(_)),
            ) => {
                typographer.start_block();
                output.push(Event::Start(tag));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code_block = true;
                output.push(Event::Start(Tag::CodeBlock(kind)));
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                output.push(Event::End(TagEnd::CodeBlock));
            }
            Event::Text(text) if !in_code_block => {
                let text = typographer.apply(&text);
                plain_text.push(&text);
                output.push(Event::Text(text.into()));
            }
            Event::Code(code) => {
                typographer.skip(&code);
                plain_text.push(&code);
                output.push(Event::Code(code));
            }
            Event::SoftBreak | Event::HardBreak => {
                plain_text.space();
                output.push(event);
            }
            Event::End(TagEnd::Heading(level)) => {
                plain_text.space();
                output.push(Event::End(TagEnd::Heading(level)));
                let permalink = heading_index
                    .checked_sub(1)
                    .and_then(|index| headings.get(index))
                    .map(|heading| section_link(page, heading, links))
                    .unwrap_or_default();
                output.push(Event::Html(format!("{permalink}</div>\n").into()));
            }
            Event::End(tag @ (TagEnd::Paragraph | TagEnd::Item)) => {
                plain_text.space();
                output.push(Event::End(tag));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let external = is_external(&dest_url);
                external_links.push(external);
                if external {
                    output.push(Event::InlineHtml(
                        external_link_start(&dest_url, &title).into(),
                    ));
                    continue;
                }
                let dest_url =
                    match resolve_internal_link(page, &dest_url, link_type, &own_ids, links) {
                        Ok(url) => CowStr::from(url),
                        Err(message) => {
                            problems.push(problem(&range, message));
                            dest_url
                        }
                    };
                output.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Link) => {
                if external_links.pop() == Some(true) {
                    output.push(Event::InlineHtml("</a>".into()));
                } else {
                    output.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                image = Some(PendingImage {
                    range,
                    dest: dest_url,
                    title,
                    alt: String::new(),
                });
            }
            other => output.push(other),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut html = String::with_capacity(page.body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, output.into_iter());
    let toc = headings
        .iter()
        .filter(|heading| heading.level == 2 || heading.level == 3)
        .map(|heading| TocEntry {
            level: heading.level,
            id: heading.id.clone(),
            text: Typographer::new(&page.lang).apply(&heading.text),
        })
        .collect();
    Ok(RenderedPage {
        html,
        toc,
        section_texts: match text_store {
            Some(store) => plain_text.into_sections(store),
            None => SectionTexts::default(),
        },
    })
}

/// Checks an image of a page and writes its `<img>`: a local file with alt text (or marked
/// decorative), its size, and its hashed URL.
fn image_html(
    page: &Page,
    image: &PendingImage,
    links: &dyn LinkResolver,
) -> Result<String, String> {
    let file = image.dest.as_ref();
    if is_external(file) {
        return Err(format!(
            "remote image `{file}` is refused: the site's CSP loads images only from its own origin, and a remote image would tell another site who reads the guide; save it in `content/` and write `![…](file-name.svg)`"
        ));
    }
    if file.starts_with("data:") {
        return Err("image data in the page is refused: save the image as a file in `content/` and link it by name".into());
    }
    let alt = image.alt.trim();
    let alt = match image.title.as_ref() {
        DECORATIVE_IMAGE_TITLE if alt.is_empty() => String::new(),
        DECORATIVE_IMAGE_TITLE => {
            return Err(format!("image `{file}` is marked decorative but has alt text: remove the alt text, or the `\"{DECORATIVE_IMAGE_TITLE}\"` marker if the image carries meaning"));
        }
        "" if alt.is_empty() => {
            return Err(format!("image `{file}` has no alt text: say what it shows, `![Diagram of …]({file})`, or mark an image that adds nothing with `![]({file} \"{DECORATIVE_IMAGE_TITLE}\")`"));
        }
        "" => Typographer::new(&page.lang).apply(alt),
        title => {
            return Err(format!("image title `{title}` is not supported (a tooltip is hidden from keyboard and touch users): put what the image shows in its alt text"));
        }
    };
    let found = links.image(page, file)?;
    Ok(format!(
        "<img src=\"{}\" alt=\"{}\" width=\"{}\" height=\"{}\" loading=\"lazy\" decoding=\"async\">",
        escape_html(&found.url),
        escape_html(&alt),
        found.width,
        found.height
    ))
}

/// Writes a heading's permalink: a link to its own fragment that shows `#` and tells screen
/// readers which section it links to, in the page's language.
fn section_link(page: &Page, heading: &Heading, links: &dyn LinkResolver) -> String {
    let text = Typographer::new(&page.lang).apply(&heading.text);
    format!(
        "<a class=\"heading-link\" href=\"#{}\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">{}</span></a>",
        escape_html(&heading.id),
        escape_html(&links.section_link_label(page, &text)),
    )
}

/// Where the renderer is in a table, to give aligned cells a class instead of a style.
#[derive(Default)]
struct TableCells {
    /// The alignment of each column of the current table.
    alignments: Vec<Alignment>,
    /// Whether the current row is the header row.
    head: bool,
    /// The index of the current cell in its row.
    cell: usize,
}

impl TableCells {
    /// The current cell's tag name.
    fn tag(&self) -> &'static str {
        if self.head {
            "th"
        } else {
            "td"
        }
    }

    /// The class of the current cell's alignment, if its column has one other than left
    /// (the stylesheet's default).
    fn class(&self) -> Option<&'static str> {
        match self.alignments.get(self.cell) {
            Some(Alignment::Center) => Some("align-center"),
            Some(Alignment::Right) => Some("align-right"),
            _ => None,
        }
    }
}

/// Escapes text for HTML content and double-quoted attributes.
pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(character),
        }
    }
    escaped
}
