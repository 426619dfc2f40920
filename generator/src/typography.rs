//! Locale-aware typography for Markdown text: straight quotes become the language's
//! quotation marks („…“ in German, “…” in English), `...` becomes an ellipsis, ` -- ` an en
//! dash, and the space between a number and `%` becomes non-breaking, as do the spaces that
//! must not break a line: after `§`, `Art.`, `Abs.`, `Nr.` and `lit.` before their number, and
//! inside abbreviations such as `z. B.`, `d. h.` and `i. d. R.`. Code is never touched;
//! the `markdown` stage decides which text passes through here. Quotation marks are keyed by
//! language code; a language of `site.toml` without them is reported, never given another
//! language's marks.

use crate::config::{Config, CONFIG_FILE};
use crate::diagnostics::Problem;

/// The quotation marks of one language.
#[derive(Debug, Clone, Copy)]
pub struct Quotes {
    double_open: char,
    double_close: char,
    single_open: char,
    single_close: char,
}

impl Quotes {
    /// Returns the quotation marks of a language, or `None` for a language this module has
    /// no rules for (`check_languages` reports such a language of the site).
    pub fn for_language(lang: &str) -> Option<Quotes> {
        match lang {
            "de" => Some(Quotes {
                double_open: '„',
                double_close: '“',
                single_open: '‚',
                single_close: '‘',
            }),
            "en" => Some(Quotes {
                double_open: '“',
                double_close: '”',
                single_open: '‘',
                single_close: '’',
            }),
            _ => None,
        }
    }

    /// Writes the double quotes around an ellipsis, as messages show them: `„…“`.
    pub fn example(self) -> String {
        format!("{}…{}", self.double_open, self.double_close)
    }
}

/// Reports every language of the site this module has no quotation marks for, at its line
/// in `site.toml`: its pages would keep straight quotes.
pub fn check_languages(config: &Config) -> Vec<Problem> {
    config
        .languages
        .iter()
        .filter(|language| Quotes::for_language(&language.code).is_none())
        .map(|language| {
            Problem::new(
                CONFIG_FILE,
                language.line,
                format!(
                    "language `{}` has no typography rules (quotation marks): add them to `Quotes::for_language` in `generator/src/typography.rs`",
                    language.code
                ),
            )
        })
        .collect()
}

/// Applies typography to the text of one block, remembering the last character across the
/// pieces pulldown-cmark splits a block's text into.
#[derive(Debug)]
pub struct Typographer {
    /// `None` for a language without rules: its quotes stay straight (and `check` fails).
    quotes: Option<Quotes>,
    previous: Option<char>,
}

impl Typographer {
    /// Starts a typographer for a language.
    pub fn new(lang: &str) -> Typographer {
        Typographer {
            quotes: Quotes::for_language(lang),
            previous: None,
        }
    }

    /// Forgets the previous character, at the start of a new block.
    pub fn start_block(&mut self) {
        self.previous = None;
    }

    /// Records text that passes untouched (inline code), so quotes after it close correctly.
    pub fn skip(&mut self, text: &str) {
        if let Some(last) = text.chars().last() {
            self.previous = Some(last);
        }
    }

    /// Returns the text with typographic quotes, ellipses, dashes and non-breaking spaces.
    pub fn apply(&mut self, text: &str) -> String {
        // Most text has nothing to change; it only moves the remembered last character.
        // (Each rule below needs one of these within this text.)
        if !(text.contains(['"', '\''])
            || text.contains("...")
            || text.contains("--")
            || text.contains(" %")
            || has_binding_space(text))
        {
            self.skip(text);
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len() + 8);
        let chars: Vec<char> = text.chars().collect();
        let mut index = 0;
        while index < chars.len() {
            let character = chars[index];
            let next = chars.get(index + 1).copied();
            let opens = || {
                self.previous
                    .is_none_or(|p| p.is_whitespace() || "([{–—-/\u{a0}".contains(p))
            };
            match (character, self.quotes) {
                ('"', Some(quotes)) => out.push(if opens() {
                    quotes.double_open
                } else {
                    quotes.double_close
                }),
                ('\'', Some(quotes)) => {
                    let after_letter = self.previous.is_some_and(char::is_alphanumeric);
                    let before_letter = next.is_some_and(char::is_alphanumeric);
                    if after_letter && before_letter {
                        out.push('’');
                    } else if opens() {
                        out.push(quotes.single_open);
                    } else if after_letter || self.previous.is_some_and(|p| ".,!?".contains(p)) {
                        out.push(if quotes.single_close == '’' {
                            '’'
                        } else {
                            quotes.single_close
                        });
                    } else {
                        out.push('’');
                    }
                }
                ('.', _) if next == Some('.') && chars.get(index + 2) == Some(&'.') => {
                    out.push('…');
                    index += 2;
                }
                ('-', _)
                    if next == Some('-')
                        && self.previous == Some(' ')
                        && chars.get(index + 2) == Some(&' ') =>
                {
                    out.push('–');
                    index += 1;
                }
                (' ', _)
                    if next == Some('%') && self.previous.is_some_and(|p| p.is_ascii_digit()) =>
                {
                    out.push('\u{a0}')
                }
                (' ', _) if binds_to_next(&out, &chars[index + 1..]) => out.push('\u{a0}'),
                _ => out.push(character),
            }
            self.previous = out.chars().next_back();
            index += 1;
        }
        out
    }
}

/// Words after which a space must not break the line when a number or letter follows.
const REFERENCE_WORDS: [&str; 6] = ["§", "§§", "Art.", "Abs.", "Nr.", "lit."];

/// Tells whether a text may hold a space that `binds_to_next` keeps: after a reference word, or
/// after a one-letter abbreviation (`z. B.`).
fn has_binding_space(text: &str) -> bool {
    ["§ ", "Art. ", "Abs. ", "Nr. ", "lit. "]
        .iter()
        .any(|word| text.contains(word))
        || text.as_bytes().windows(4).any(|window| {
            !window[0].is_ascii_alphanumeric()
                && window[1].is_ascii_alphabetic()
                && window[2] == b'.'
                && window[3] == b' '
        })
}

/// Tells whether the space between the text typeset so far and `rest` must not break: after
/// `§ `, `Art. ` and the like before a number or letter, and between the parts of an
/// abbreviation such as `z. B.`.
fn binds_to_next(before: &str, rest: &[char]) -> bool {
    let Some(&next) = rest.first() else {
        return false;
    };
    let word = before
        .rsplit(|character: char| character.is_whitespace())
        .next()
        .unwrap_or_default()
        .trim_start_matches(['(', '[']);
    if REFERENCE_WORDS.contains(&word) && next.is_alphanumeric() {
        return true;
    }
    let mut letters = word.chars();
    let one_letter_abbreviation = matches!((letters.next(), letters.next(), letters.next()), (Some(letter), Some('.'), None) if letter.is_alphabetic());
    one_letter_abbreviation
        && next.is_alphabetic()
        && rest.get(1) == Some(&'.')
        && rest.get(2).is_none_or(|after| !after.is_alphanumeric())
}

/// Typesets one standalone text, such as a checklist label, as a block of its own.
pub fn typeset(lang: &str, text: &str) -> String {
    Typographer::new(lang).apply(text)
}

/// Tells whether a text has a plain space between a digit and `%`, where a line could break.
pub fn has_plain_space_before_percent(text: &str) -> bool {
    text.as_bytes()
        .windows(3)
        .any(|window| window[0].is_ascii_digit() && window[1] == b' ' && window[2] == b'%')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_without_rules_got_english_quotes() {
        // Every language other than German was typeset with English quotation marks.
        case("fr", r#"dit "oui" et l'a"#, r#"dit "oui" et l'a"#);
        case("fr", "et ainsi de suite...", "et ainsi de suite…");
        let source = include_str!("../../tests/fixtures/valid/site.toml")
            .replace("code = \"de\"", "code = \"fr\"");
        let config = Config::parse(&source).unwrap();
        let problems: Vec<String> = check_languages(&config)
            .iter()
            .map(Problem::to_string)
            .collect();
        let line = source
            .lines()
            .position(|line| line == "code = \"fr\"")
            .unwrap()
            + 1;
        assert_eq!(problems, [format!("site.toml: line {line}: language `fr` has no typography rules (quotation marks): add them to `Quotes::for_language` in `generator/src/typography.rs`")]);
        assert_eq!(
            Quotes::for_language("de").map(Quotes::example).as_deref(),
            Some("„…“")
        );
    }

    #[track_caller]
    fn case(lang: &str, input: &str, expected: &str) {
        assert_eq!(
            Typographer::new(lang).apply(input),
            expected,
            "{lang}: {input:?}"
        );
    }

    #[test]
    fn quotes_follow_the_language() {
        case(
            "en",
            r#"the "common criteria" apply"#,
            "the “common criteria” apply",
        );
        case(
            "de",
            r#"die "Common Criteria" gelten"#,
            "die „Common Criteria“ gelten",
        );
        case("de", r#""Sicherheit""#, "„Sicherheit“");
        case("en", "the vendor's report", "the vendor’s report");
        case("de", "geht's", "geht’s");
    }

    #[test]
    fn ellipses_dashes_and_percent() {
        case("en", "and so on...", "and so on…");
        case("en", "one -- two", "one – two");
        case("de", "99,95 % Verfügbarkeit", "99,95\u{a0}% Verfügbarkeit");
        case("en", "a --flag", "a --flag");
    }

    #[test]
    fn references_and_abbreviations_keep_their_space() {
        case(
            "de",
            "Art. 28 Abs. 3 lit. g DSGVO",
            "Art.\u{a0}28 Abs.\u{a0}3 lit.\u{a0}g DSGVO",
        );
        case("de", "nach § 393 SGB V", "nach §\u{a0}393 SGB V");
        case("de", "(Art. 44–49)", "(Art.\u{a0}44–49)");
        case(
            "de",
            "z. B. Aufzeichnungen, d. h. alle",
            "z.\u{a0}B. Aufzeichnungen, d.\u{a0}h. alle",
        );
        case("de", "i. d. R. jährlich", "i.\u{a0}d.\u{a0}R. jährlich");
        case("de", "CAIQ o. Ä.", "CAIQ o.\u{a0}Ä.");
        case(
            "en",
            "under Art. 28(3)(g) GDPR",
            "under Art.\u{a0}28(3)(g) GDPR",
        );
        case("de", "Typ I. Beide", "Typ I. Beide");
        case("de", "Sie. Aber", "Sie. Aber");
    }

    #[test]
    fn a_plain_space_before_percent_is_found() {
        assert!(has_plain_space_before_percent("99,95 % im Monat"));
        assert!(!has_plain_space_before_percent("99,95\u{a0}% im Monat"));
        assert!(!has_plain_space_before_percent("Anteil (%)"));
    }

    #[test]
    fn quotes_stay_balanced_across_pieces() {
        let mut typographer = Typographer::new("de");
        let first = typographer.apply("Er sagte \"Hallo");
        let second = typographer.apply(" Welt\".");
        assert_eq!(format!("{first}{second}"), "Er sagte „Hallo Welt“.");
    }
}
