//! The site configuration (`site.toml` in the site root): origin and base path, the one list
//! of languages with their titles, and the publisher. It is read first and validated whole;
//! every later stage takes its languages from here.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{line_of_offset, toml_problem, Problem, Problems};

/// The configuration file's name, in the site root.
pub const CONFIG_FILE: &str = "site.toml";

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Origin the site is published at, without a trailing slash, e.g. `https://example.org`.
    pub base_url: String,
    /// Path the site lives under, always starting and ending with `/`.
    pub base_path: String,
    /// Code of the language used for `x-default`.
    pub default_language: String,
    /// Every language of the site, in the order the switcher lists them.
    pub languages: Vec<Language>,
    /// The organisation that publishes the guide.
    pub publisher: Publisher,
    /// Whether `build` writes a `.gz` beside every text asset, for nginx's `gzip_static`.
    pub precompress: bool,
    /// Whether the site has search: the header field, the engine and the index (`search = false`
    /// leaves the search page with its list of every page).
    pub search: bool,
    /// What happens to a page of the default language that another language lacks.
    pub translations: TranslationMode,
}

/// What the site does with a page of the default language that another language lacks
/// (`translations` in `site.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TranslationMode {
    /// Every page must exist in every language; a missing translation is an error.
    Strict,
    /// A page missing in a language is published there too, with the default language's
    /// text, a notice and a canonical link to the original.
    Fallback,
}

impl TranslationMode {
    /// Every mode with the word `site.toml` names it by.
    const ALL: [(TranslationMode, &'static str); 2] = [
        (TranslationMode::Strict, "strict"),
        (TranslationMode::Fallback, "fallback"),
    ];

    /// Returns the mode a `site.toml` word names.
    fn from_id(id: &str) -> Option<TranslationMode> {
        Self::ALL
            .iter()
            .find(|(_, known)| *known == id)
            .map(|(mode, _)| *mode)
    }
}

/// `site.toml` as written: the values a check can fail on keep their span, so a problem
/// names the line `toml` read them from.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    base_url: Spanned<String>,
    #[serde(default = "root_path")]
    base_path: Spanned<String>,
    default_language: Spanned<String>,
    languages: Vec<RawLanguage>,
    publisher: Publisher,
    #[serde(default = "yes")]
    precompress: bool,
    #[serde(default = "yes")]
    search: bool,
    #[serde(default = "strict")]
    translations: Spanned<String>,
}

fn strict() -> Spanned<String> {
    Spanned::new(0..0, "strict".to_string())
}

fn yes() -> bool {
    true
}

/// One `[[languages]]` table as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    code: Spanned<String>,
    name: String,
    title: String,
    description: String,
}

/// One language of the site.
#[derive(Debug, Clone)]
pub struct Language {
    /// BCP 47 code, also the URL prefix and the content folder: `en`, `de`.
    pub code: String,
    /// The language's own name, shown in the switcher: `English`, `Deutsch`.
    pub name: String,
    /// Site title in this language.
    pub title: String,
    /// Site description in this language.
    pub description: String,
    /// The line of its `code` in `site.toml`, for problems about the language.
    pub line: usize,
}

/// The publisher's name and contact details, available to pages as placeholders.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    /// The publisher's name.
    pub name: String,
    /// A contact e-mail address.
    pub email: String,
    /// A contact phone number.
    #[serde(default)]
    pub phone: String,
}

fn root_path() -> Spanned<String> {
    Spanned::new(0..0, "/".to_string())
}

impl Config {
    /// Reads and validates `site.toml` from the site root.
    pub fn load(root: &Path) -> Result<Config, Problems> {
        let path = root.join(CONFIG_FILE);
        let source = std::fs::read_to_string(&path).map_err(|error| {
            Problems(vec![Problem::new(
                CONFIG_FILE,
                0,
                format!("cannot read the site configuration: {error}; create `{CONFIG_FILE}` in the site root"),
            )])
        })?;
        Config::parse(&source)
    }

    /// Parses and validates the text of `site.toml`.
    pub fn parse(source: &str) -> Result<Config, Problems> {
        let raw: RawConfig = toml::from_str(source).map_err(|error| {
            Problems(vec![toml_problem(
                Path::new(CONFIG_FILE),
                source,
                0,
                &error,
            )])
        })?;
        let mut problems = Problems::default();
        // A default value has an empty span at 0: no line to point at.
        let line_of = |value: &Spanned<String>| {
            let span = value.span();
            if span.is_empty() {
                0
            } else {
                line_of_offset(source, span.start)
            }
        };
        if raw.languages.is_empty() {
            problems.push(Problem::new(
                CONFIG_FILE,
                0,
                "no languages: add a `[[languages]]` table per language",
            ));
        }
        let mut seen: Vec<&str> = Vec::new();
        for language in &raw.languages {
            let code = language.code.get_ref();
            if !code.bytes().all(|b| b.is_ascii_lowercase()) || code.len() != 2 {
                problems.push(Problem::new(
                    CONFIG_FILE,
                    line_of(&language.code),
                    format!("language code `{code}` must be two lowercase letters, e.g. `en`"),
                ));
            }
            if seen.contains(&code.as_str()) {
                problems.push(Problem::new(
                    CONFIG_FILE,
                    line_of(&language.code),
                    format!("language `{code}` is listed twice"),
                ));
            }
            seen.push(code);
        }
        let default_language = raw.default_language.get_ref();
        if !seen.contains(&default_language.as_str()) {
            problems.push(Problem::new(
                CONFIG_FILE,
                line_of(&raw.default_language),
                format!(
                    "default language `{default_language}` is not one of the languages ({})",
                    seen.join(", ")
                ),
            ));
        }
        let base_url = raw.base_url.get_ref();
        if !(base_url.starts_with("https://") || base_url.starts_with("http://")) {
            problems.push(Problem::new(
                CONFIG_FILE,
                line_of(&raw.base_url),
                "`base_url` must be an origin such as `https://example.org`",
            ));
        }
        let base_path = match normalize_base_path(raw.base_path.get_ref()) {
            Ok(path) => path,
            Err(message) => {
                problems.push(Problem::new(CONFIG_FILE, line_of(&raw.base_path), message));
                raw.base_path.get_ref().clone()
            }
        };
        let translations = raw.translations.get_ref();
        let translations = TranslationMode::from_id(translations).unwrap_or_else(|| {
            let allowed: Vec<String> = TranslationMode::ALL
                .iter()
                .map(|(_, id)| format!("`\"{id}\"`"))
                .collect();
            problems.push(Problem::new(
                CONFIG_FILE,
                line_of(&raw.translations),
                format!(
                    "`translations = \"{translations}\"` is not a mode: write {} (every page in every language, the default) or {} (a page the default language alone has is published in the others too, with its text and a notice)",
                    allowed[0], allowed[1]
                ),
            ));
            TranslationMode::Strict
        });
        let config = Config {
            base_url: base_url.trim_end_matches('/').to_string(),
            base_path,
            default_language: default_language.clone(),
            languages: raw
                .languages
                .into_iter()
                .map(|language| Language {
                    line: line_of(&language.code),
                    code: language.code.into_inner(),
                    name: language.name,
                    title: language.title,
                    description: language.description,
                })
                .collect(),
            publisher: raw.publisher,
            precompress: raw.precompress,
            search: raw.search,
            translations,
        };
        problems.into_result(config)
    }

    /// Returns the language with a code, if the site has it.
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|language| language.code == code)
    }

    /// Returns the root-relative URL of a site path, under the base path.
    pub fn url(&self, site_path: &str) -> String {
        format!("{}{}", self.base_path, site_path.trim_start_matches('/'))
    }

    /// Returns the absolute URL of a site path, for canonical links, hreflang and the sitemap.
    pub fn absolute_url(&self, site_path: &str) -> String {
        format!("{}{}", self.base_url, self.url(site_path))
    }
}

/// Checks a base path and gives it a leading and a trailing slash: `guide` → `/guide/`.
pub fn normalize_base_path(path: &str) -> Result<String, String> {
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        return Ok("/".to_string());
    }
    let valid = trimmed.split('/').all(|segment| {
        !segment.is_empty()
            && segment != "."
            && segment != ".."
            && segment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.~".contains(&b))
    });
    if valid {
        Ok(format!("/{trimmed}/"))
    } else {
        Err(format!(
            "base path `{path}` must be URL path segments such as `/guide/`"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths_get_slashes_on_both_ends() {
        assert_eq!(normalize_base_path("").unwrap(), "/");
        assert_eq!(normalize_base_path("/").unwrap(), "/");
        assert_eq!(normalize_base_path("guide").unwrap(), "/guide/");
        assert_eq!(normalize_base_path("/a/b/").unwrap(), "/a/b/");
        assert!(normalize_base_path("/a/../b").is_err());
        assert!(normalize_base_path("/a b/").is_err());
    }

    #[track_caller]
    fn check_problem(source: &str, expected: &str) {
        let problems = Config::parse(source).unwrap_err().to_string();
        assert!(problems.contains(expected), "{problems}");
    }

    const LANGUAGES: &str = "[publisher]\nname = \"P\"\nemail = \"p@x.org\"\n\n[[languages]]\ncode = \"en\"\nname = \"English\"\ntitle = \"T\"\ndescription = \"D\"\n\n[[languages]]\ncode=\"EN\"\nname = \"E\"\ntitle = \"T\"\ndescription = \"D\"\n";

    #[test]
    fn config_line_of_a_code_written_without_spaces_was_0() {
        // `code="EN"` (no spaces) was found by searching the text for `code = "EN"`: line 0.
        let source =
            format!("base_url = \"https://x.org\"\ndefault_language = \"en\"\n{LANGUAGES}");
        check_problem(
            &source,
            "site.toml: line 14: language code `EN` must be two lowercase letters",
        );
    }

    #[test]
    fn config_problems_name_the_line_of_their_value() {
        let source = format!(
            "# base_url is where the site is published\nbase_url =    \"ftp://x.org\"\ndefault_language = \"fr\"\nbase_path = \"/a b/\"\n{LANGUAGES}"
        );
        check_problem(&source, "site.toml: line 2: `base_url` must be an origin");
        check_problem(
            &source,
            "site.toml: line 3: default language `fr` is not one of",
        );
        check_problem(
            &source,
            "site.toml: line 4: base path `/a b/` must be URL path segments",
        );
    }

    #[test]
    fn translations_mode_defaults_to_strict_and_an_unknown_one_names_its_line() {
        let source =
            format!("base_url = \"https://x.org\"\ndefault_language = \"en\"\n{LANGUAGES}")
                .replace("code=\"EN\"", "code = \"de\"");
        assert_eq!(
            Config::parse(&source).unwrap().translations,
            TranslationMode::Strict
        );
        let fallback = format!("translations = \"fallback\"\n{source}");
        assert_eq!(
            Config::parse(&fallback).unwrap().translations,
            TranslationMode::Fallback
        );
        check_problem(
            &format!("\ntranslations = \"lenient\"\n{source}"),
            "site.toml: line 2: `translations = \"lenient\"` is not a mode: write `\"strict\"`",
        );
    }

    #[test]
    fn unknown_config_key_names_the_line() {
        let source = "base_url = \"https://x.org\"\ndefault_language = \"en\"\ntitle = \"x\"\n";
        let problems = Config::parse(source).unwrap_err();
        assert!(
            problems
                .to_string()
                .starts_with("site.toml: line 3: unknown field `title`"),
            "{problems}"
        );
    }
}
