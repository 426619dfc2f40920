//! The running text of the corpus: sentences, paragraphs, front-matter sentences, tables and
//! code blocks, made of a language's words. Which block goes where is the parent's.

use super::{Block, Language, Rng};

/// Returns a text with its first letter in upper case.
pub(super) fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Returns a sentence of `low..=high` words, capitalised and ending with a full stop.
pub(super) fn sentence(rng: &mut Rng, language: &Language, low: usize, high: usize) -> String {
    let length = rng.between(low, high);
    let mut words: Vec<String> = Vec::with_capacity(length);
    for index in 0..length {
        let word = *rng.pick(language.words);
        let word = match rng.between(0, 40) {
            0 => format!("**{word}**"),
            1 => format!("`{word}`"),
            2 => format!("\"{word}\""),
            3 if index + 1 < length => format!("{word},"),
            _ => word.to_string(),
        };
        words.push(word);
    }
    let mut sentence = capitalize(&words.join(" "));
    sentence.push('.');
    sentence
}

/// Returns a sentence without any Markdown, for front matter.
pub(super) fn plain_sentence(
    rng: &mut Rng,
    language: &Language,
    low: usize,
    high: usize,
) -> String {
    let words: Vec<&str> = (0..rng.between(low, high))
        .map(|_| *rng.pick(language.words))
        .collect();
    format!("{}.", capitalize(&words.join(" ")))
}

/// Returns sentences until the paragraph has at least `low` words (and at most about `high`).
pub(super) fn paragraph(rng: &mut Rng, language: &Language, low: usize, high: usize) -> String {
    let target = rng.between(low, high);
    let mut sentences = Vec::new();
    let mut words = 0;
    while words < target {
        let next = sentence(rng, language, 6, 14);
        words += next.split_whitespace().count();
        sentences.push(next);
    }
    sentences.join(" ")
}

/// Returns a table of three columns with a capitalised header and three to five rows.
pub(super) fn table(rng: &mut Rng, language: &Language) -> Block {
    let cell = |rng: &mut Rng| {
        let count = rng.between(1, 3);
        (0..count)
            .map(|_| *rng.pick(language.words))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let header = (0..3)
        .map(|_| capitalize(rng.pick::<&str>(language.heading_words)))
        .collect();
    let rows = (0..rng.between(3, 5))
        .map(|_| (0..3).map(|_| cell(rng)).collect())
        .collect();
    Block::Table { header, rows }
}

/// Returns a Rust code block of settings, as a vendor's configuration might read.
pub(super) fn code(rng: &mut Rng, position: usize) -> Block {
    let names = [
        "retention_days",
        "audit_window",
        "max_sessions",
        "uptime_target",
        "region",
        "key_rotation",
    ];
    let mut lines = vec![format!("// settings of vendor {position}")];
    lines.extend(
        (0..rng.between(5, 8))
            .map(|_| format!("let {} = {};", rng.pick(&names), rng.between(1, 9999))),
    );
    Block::Code {
        lang: "rust",
        lines,
    }
}
