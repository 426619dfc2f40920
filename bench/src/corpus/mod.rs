//! The synthetic corpus as one in-memory model: N pages per language, each a list of
//! blocks (headings, paragraphs with internal links, a list, a table, a code block). It is
//! a pure function of a seed and N, so the corpus is byte-identical run to run. Turning
//! the model into files, in our format or a peer's, is left to `layout`. The generator of
//! chance is `rng`'s, the running text `text`'s and the vocabulary `words`'.

/// The default seed; change it only together with the figures it produced.
pub const DEFAULT_SEED: u64 = 0x5EC0_C0DE_2024;

mod rng;
mod text;
mod words;

pub use rng::Rng;
use text::{capitalize, code, paragraph, plain_sentence, sentence, table};
use words::{DE_HEADING_WORDS, DE_WORDS, EN_HEADING_WORDS, EN_WORDS};

/// One language of the corpus, with the words its text is made of.
#[derive(Debug)]
pub struct Language {
    /// The language code: `en`, `de`.
    pub code: &'static str,
    /// The language's own name.
    pub name: &'static str,
    /// The site title in this language.
    pub title: &'static str,
    /// The site description in this language.
    pub description: &'static str,
    /// The prefix of page slugs, when the language sets its own (`seite-0042`).
    pub slug_prefix: Option<&'static str>,
    /// The words that lead a paragraph's closing links: `See also`.
    pub see_also: &'static str,
    /// Words for running text; German ones include umlauts and ß.
    words: &'static [&'static str],
    /// Words for headings: plain ASCII, so every generator derives the same heading id.
    heading_words: &'static [&'static str],
}

/// The two languages of the corpus, English first (the default language).
pub const LANGUAGES: [Language; 2] = [
    Language {
        code: "en",
        name: "English",
        title: "Benchmark Guide",
        description: "A synthetic guide for benchmarking static site generators.",
        slug_prefix: None,
        see_also: "See also",
        words: EN_WORDS,
        heading_words: EN_HEADING_WORDS,
    },
    Language {
        code: "de",
        name: "Deutsch",
        title: "Benchmark-Leitfaden",
        description:
            "Ein synthetischer Leitfaden, um Generatoren statischer Websites zu vergleichen.",
        slug_prefix: Some("seite"),
        see_also: "Siehe auch",
        words: DE_WORDS,
        heading_words: DE_HEADING_WORDS,
    },
];

/// A link target: another page's file key and optionally one of its heading ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The file name without `.md`: `page-0042`.
    pub key: String,
    /// A heading id on that page, e.g. `audit-scope-review`.
    pub fragment: Option<String>,
}

/// A run of text inside a paragraph or list item.
#[derive(Debug, Clone)]
pub enum Inline {
    /// Markdown text (may hold `**bold**` and `` `code` ``, never raw HTML).
    Text(String),
    /// A link to another page of the same language.
    Link { text: String, target: Target },
}

/// A block of a page body.
#[derive(Debug, Clone)]
pub enum Block {
    /// `##` or `###` heading; the text slugifies to a unique id on its page.
    Heading { level: u8, text: String },
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A bullet list.
    List(Vec<String>),
    /// A table with a header row.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// A fenced code block.
    Code {
        lang: &'static str,
        lines: Vec<String>,
    },
}

/// One page in one language.
#[derive(Debug, Clone)]
pub struct Page {
    /// The file name without `.md`, the same in every language: `index`, `page-0042`.
    pub key: String,
    /// The position in the navigation.
    pub order: i64,
    /// The URL segment, when the language sets one.
    pub slug: Option<String>,
    /// The page title.
    pub title: String,
    /// One sentence for search results.
    pub description: String,
    /// The body, without a title heading.
    pub blocks: Vec<Block>,
}

impl Page {
    /// Tells whether this is the language's home page.
    pub fn is_home(&self) -> bool {
        self.key == HOME_KEY
    }

    /// Counts the words of the body, as a reader would.
    pub fn word_count(&self) -> usize {
        let count = |text: &str| text.split_whitespace().count();
        self.blocks
            .iter()
            .map(|block| match block {
                Block::Heading { text, .. } => count(text),
                Block::Paragraph(inlines) => inlines
                    .iter()
                    .map(|inline| match inline {
                        Inline::Text(text) | Inline::Link { text, .. } => count(text),
                    })
                    .sum(),
                Block::List(items) => items.iter().map(|item| count(item)).sum(),
                Block::Table { header, rows } => header
                    .iter()
                    .chain(rows.iter().flatten())
                    .map(|cell| count(cell))
                    .sum(),
                Block::Code { lines, .. } => lines.iter().map(|line| count(line)).sum(),
            })
            .sum()
    }
}

/// The key of each language's home page.
pub const HOME_KEY: &str = "index";

/// The corpus: a seed and a number of pages per language.
#[derive(Debug, Clone, Copy)]
pub struct Corpus {
    /// The seed every random choice derives from.
    pub seed: u64,
    /// Pages per language, the home page included.
    pub pages: usize,
}

/// Streams of random numbers, one per independent decision.
const STREAM_SHAPE: u64 = 1;
const STREAM_HEADINGS: u64 = 2;
const STREAM_TEXT: u64 = 3;
const STREAM_LINKS: u64 = 4;

impl Corpus {
    /// Returns the file key of the page at a position: `index` first, then `page-0001`….
    pub fn key(&self, position: usize) -> String {
        if position == 0 {
            HOME_KEY.to_string()
        } else {
            format!("page-{position:0width$}", width = self.key_width())
        }
    }

    fn key_width(&self) -> usize {
        self.pages.saturating_sub(1).to_string().len().max(4)
    }

    /// Returns the headings of a page in a language, as (level, text), in page order.
    pub fn outline(&self, position: usize, language: &Language) -> Vec<(u8, String)> {
        let mut shape = Rng::new(self.seed, &[position as u64, STREAM_SHAPE]);
        let count = shape.between(4, 6);
        let mut words = Rng::new(
            self.seed,
            &[position as u64, STREAM_HEADINGS, language_index(language)],
        );
        let mut headings: Vec<(u8, String)> = Vec::with_capacity(count);
        for index in 0..count {
            // The first heading is `##`; later ones are `###` a third of the time.
            let level = if index > 0 && shape.chance(33) { 3 } else { 2 };
            let text = loop {
                let length = words.between(2, 4);
                let picked: Vec<&str> = (0..length)
                    .map(|_| *words.pick(language.heading_words))
                    .collect();
                let text = capitalize(&picked.join(" "));
                // Heading ids must be unique on a page, or links with fragments would be ambiguous.
                if !headings
                    .iter()
                    .any(|(_, known)| heading_id(known) == heading_id(&text))
                {
                    break text;
                }
            };
            headings.push((level, text));
        }
        headings
    }

    /// Builds one page in one language.
    pub fn page(&self, position: usize, language: &Language) -> Page {
        let key = self.key(position);
        let mut text = Rng::new(
            self.seed,
            &[position as u64, STREAM_TEXT, language_index(language)],
        );
        let mut shape = Rng::new(self.seed, &[position as u64, STREAM_LINKS]);
        let outline = self.outline(position, language);
        let links = self.links(position, language, &mut shape);
        // The list, the table and the code block each go into a section of their own choosing.
        let sections = outline.len();
        let extras = [
            shape.between(0, sections - 1),
            shape.between(0, sections - 1),
            shape.between(0, sections - 1),
        ];
        let mut blocks = Vec::new();
        let paragraphs =
            |blocks: &mut Vec<Block>, count: usize, rng: &mut Rng| {
                blocks.extend((0..count).map(|_| {
                    Block::Paragraph(vec![Inline::Text(paragraph(rng, language, 34, 54))])
                }));
            };
        paragraphs(&mut blocks, 2, &mut text);
        for (index, (level, heading)) in outline.iter().enumerate() {
            blocks.push(Block::Heading {
                level: *level,
                text: heading.clone(),
            });
            let count = text.between(1, 2);
            paragraphs(&mut blocks, count, &mut text);
            if extras[0] == index {
                blocks.push(Block::List(
                    (0..text.between(4, 6))
                        .map(|_| sentence(&mut text, language, 5, 10))
                        .collect(),
                ));
            }
            if extras[1] == index {
                blocks.push(table(&mut text, language));
            }
            if extras[2] == index {
                blocks.push(code(&mut text, position));
            }
        }
        // Spread the links over the paragraphs: link i ends paragraph i (mod their count).
        let paragraph_positions: Vec<usize> = blocks
            .iter()
            .enumerate()
            .filter(|(_, block)| matches!(block, Block::Paragraph(_)))
            .map(|(at, _)| at)
            .collect();
        for (index, (anchor, target)) in links.into_iter().enumerate() {
            if let Block::Paragraph(inlines) =
                &mut blocks[paragraph_positions[index % paragraph_positions.len()]]
            {
                inlines.push(Inline::Text(format!(" {} ", language.see_also)));
                inlines.push(Inline::Link {
                    text: anchor,
                    target,
                });
                inlines.push(Inline::Text(".".into()));
            }
        }
        let title_words: Vec<&str> = (0..text.between(2, 4))
            .map(|_| *text.pick(language.heading_words))
            .collect();
        Page {
            slug: match (language.slug_prefix, position) {
                (Some(prefix), 1..) => Some(format!(
                    "{prefix}-{position:0width$}",
                    width = self.key_width()
                )),
                _ => None,
            },
            order: position as i64 * 10,
            title: if position == 0 {
                language.title.to_string()
            } else {
                capitalize(&title_words.join(" "))
            },
            description: plain_sentence(&mut text, language, 14, 24),
            blocks,
            key,
        }
    }

    /// Chooses the five links of a page: other pages, 40% of them to one of its headings.
    fn links(
        &self,
        position: usize,
        language: &Language,
        shape: &mut Rng,
    ) -> Vec<(String, Target)> {
        let mut text = Rng::new(
            self.seed,
            &[position as u64, STREAM_LINKS, language_index(language)],
        );
        (0..5)
            .map(|_| {
                let target = loop {
                    let target = shape.between(1, self.pages.max(3) - 1);
                    if target != position || self.pages < 3 {
                        break target;
                    }
                };
                let fragment = shape.chance(40).then(|| {
                    let outline = self.outline(target, language);
                    heading_id(&outline[shape.between(0, outline.len() - 1)].1)
                });
                let anchor: Vec<&str> = (0..text.between(2, 4))
                    .map(|_| *text.pick(language.words))
                    .collect();
                (
                    anchor.join(" "),
                    Target {
                        key: self.key(target),
                        fragment,
                    },
                )
            })
            .collect()
    }
}

fn language_index(language: &Language) -> u64 {
    LANGUAGES
        .iter()
        .position(|known| known.code == language.code)
        .unwrap_or(0) as u64
}

/// Returns the id every generator gives an ASCII heading: lowercase words joined by `-`.
pub fn heading_id(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}
