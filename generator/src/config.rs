//! The site configuration (`site.toml` in the site root): origin and base path, the one list
//! of languages with their titles, and the publisher. It is read first and validated whole;
//! every later stage takes its languages from here.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{toml_problem, Problem, Problems};

/// The configuration file's name, in the site root.
pub const CONFIG_FILE: &str = "site.toml";

/// The validated site configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Origin the site is published at, without a trailing slash, e.g. `https://example.org`.
    pub base_url: String,
    /// Path the site lives under, always starting and ending with `/`.
    #[serde(default = "root_path")]
    pub base_path: String,
    /// Code of the language used for `x-default`.
    pub default_language: String,
    /// Every language of the site, in the order the switcher lists them.
    pub languages: Vec<Language>,
    /// The organisation that publishes the guide.
    pub publisher: Publisher,
    /// Whether `build` writes a `.gz` beside every text asset, for nginx's `gzip_static`.
    #[serde(default = "yes")]
    pub precompress: bool,
    /// Whether the site has search: the header field, the engine and the index (`search = false`
    /// leaves the search page with its list of every page).
    #[serde(default = "yes")]
    pub search: bool,
}

fn yes() -> bool {
    true
}

/// One language of the site.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// BCP 47 code, also the URL prefix and the content folder: `en`, `de`.
    pub code: String,
    /// The language's own name, shown in the switcher: `English`, `Deutsch`.
    pub name: String,
    /// Site title in this language.
    pub title: String,
    /// Site description in this language.
    pub description: String,
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

fn root_path() -> String {
    "/".to_string()
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
        let mut config: Config = toml::from_str(source).map_err(|error| {
            Problems(vec![toml_problem(
                Path::new(CONFIG_FILE),
                source,
                0,
                &error,
            )])
        })?;
        let mut problems = Problems::default();
        let line_of = |needle: &str| {
            source
                .lines()
                .position(|line| line.trim_start().starts_with(needle))
                .map_or(0, |index| index + 1)
        };
        if config.languages.is_empty() {
            problems.push(Problem::new(
                CONFIG_FILE,
                0,
                "no languages: add a `[[languages]]` table per language",
            ));
        }
        let mut seen = Vec::new();
        for language in &config.languages {
            if !language.code.bytes().all(|b| b.is_ascii_lowercase()) || language.code.len() != 2 {
                problems.push(Problem::new(
                    CONFIG_FILE,
                    line_of(&format!("code = \"{}\"", language.code)),
                    format!(
                        "language code `{}` must be two lowercase letters, e.g. `en`",
                        language.code
                    ),
                ));
            }
            if seen.contains(&language.code) {
                problems.push(Problem::new(
                    CONFIG_FILE,
                    line_of(&format!("code = \"{}\"", language.code)),
                    format!("language `{}` is listed twice", language.code),
                ));
            }
            seen.push(language.code.clone());
        }
        if !seen.contains(&config.default_language) {
            problems.push(Problem::new(
                CONFIG_FILE,
                line_of("default_language"),
                format!(
                    "default language `{}` is not one of the languages ({})",
                    config.default_language,
                    seen.join(", ")
                ),
            ));
        }
        if !(config.base_url.starts_with("https://") || config.base_url.starts_with("http://")) {
            problems.push(Problem::new(
                CONFIG_FILE,
                line_of("base_url"),
                "`base_url` must be an origin such as `https://example.org`",
            ));
        }
        config.base_url = config.base_url.trim_end_matches('/').to_string();
        match normalize_base_path(&config.base_path) {
            Ok(path) => config.base_path = path,
            Err(message) => problems.push(Problem::new(CONFIG_FILE, line_of("base_path"), message)),
        }
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
