//! Templating with Tera: loads the theme's templates once, registers the `trans` function
//! that looks up per-language UI strings, and renders a named template with a context.
//! A UI string missing in any language is an error that names the key, the language and the
//! template line that asks for it; the build fails rather than showing a raw key.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostics::{toml_problem, Problem, Problems};
use crate::theme::Theme;

/// The UI strings of every language, from the theme's `i18n/<lang>.toml` files.
#[derive(Debug, Default)]
pub struct Translations {
    strings: BTreeMap<String, BTreeMap<String, String>>,
}

impl Translations {
    /// Loads the strings of every configured language and checks that all have the same keys.
    pub fn load(theme: &Theme, config: &Config) -> Result<Translations, Problems> {
        let mut problems = Problems::default();
        let mut strings = BTreeMap::new();
        for language in &config.languages {
            let name = format!("i18n/{}.toml", language.code);
            let Some(file) = theme.file(&name) else {
                problems.push(Problem::new(
                    format!("theme/{name}"),
                    0,
                    format!(
                        "missing UI strings for language `{}`: create this file",
                        language.code
                    ),
                ));
                continue;
            };
            let text = match file.text() {
                Ok(text) => text,
                Err(problem) => {
                    problems.push(problem);
                    continue;
                }
            };
            match toml::from_str::<toml::Table>(text) {
                Ok(table) => {
                    let mut flat = BTreeMap::new();
                    if let Err(key) = flatten_strings("", &table, &mut flat) {
                        problems.push(Problem::new(
                            &file.origin,
                            0,
                            format!("UI string `{key}` must be text or a table of texts"),
                        ));
                    }
                    strings.insert(language.code.clone(), flat);
                }
                Err(error) => problems.push(toml_problem(&file.origin, text, 0, &error)),
            }
        }
        let all_keys: std::collections::BTreeSet<&String> =
            strings.values().flat_map(BTreeMap::keys).collect();
        for (code, table) in &strings {
            for key in &all_keys {
                if !table.contains_key(*key) {
                    let origin = theme
                        .file(&format!("i18n/{code}.toml"))
                        .map(|file| file.origin.clone())
                        .unwrap_or_default();
                    problems.push(Problem::new(
                        origin,
                        0,
                        format!("UI string `{key}` is missing for language `{code}`: add it (other languages have it)"),
                    ));
                }
            }
        }
        problems.into_result(Translations { strings })
    }

    /// Returns the UI string for a key in a language.
    pub fn get(&self, lang: &str, key: &str) -> Result<&str, String> {
        self.strings
            .get(lang)
            .and_then(|table| table.get(key))
            .map(String::as_str)
            .ok_or_else(|| format!("unknown UI string `{key}` for language `{lang}`: add it to `theme/i18n/{lang}.toml`"))
    }

    /// Returns every UI string of a language whose key starts with `prefix`, without it.
    pub fn with_prefix(&self, lang: &str, prefix: &str) -> BTreeMap<String, String> {
        self.strings
            .get(lang)
            .map(|table| {
                table
                    .iter()
                    .filter_map(|(key, text)| {
                        key.strip_prefix(prefix)
                            .map(|rest| (rest.to_string(), text.clone()))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Tells whether a key exists in a language.
    fn has(&self, lang: &str, key: &str) -> bool {
        self.get(lang, key).is_ok()
    }
}

/// Flattens nested tables of UI strings into dotted keys: `[checklist] add = "…"` → `checklist.add`.
fn flatten_strings(
    prefix: &str,
    table: &toml::Table,
    flat: &mut BTreeMap<String, String>,
) -> Result<(), String> {
    for (key, value) in table {
        let key = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            toml::Value::String(text) => {
                flat.insert(key, text.clone());
            }
            toml::Value::Table(inner) => flatten_strings(&key, inner, flat)?,
            _ => return Err(key),
        }
    }
    Ok(())
}

/// The site's templates, parsed once.
pub struct Templates {
    tera: tera::Tera,
}

impl Templates {
    /// Parses every template of the theme and checks every `trans` key it asks for.
    pub fn load(
        theme: &Theme,
        translations: Arc<Translations>,
        config: &Config,
    ) -> Result<Templates, Problems> {
        let mut problems = Problems::default();
        let mut sources = Vec::new();
        for (name, file) in theme.files_in("templates") {
            match file.text() {
                Ok(text) => {
                    problems.extend(check_trans_keys(
                        file.origin.as_path(),
                        text,
                        &translations,
                        config,
                    ));
                    sources.push((name.to_string(), text.to_string()));
                }
                Err(problem) => problems.push(problem),
            }
        }
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        // Tera's default also escapes `/`, which only makes URLs unreadable in the output.
        tera.set_escape_fn(crate::markdown::escape_html);
        if let Err(error) = tera.add_raw_templates(sources) {
            problems.push(Problem::new("theme/templates", 0, error_chain(&error)));
        }
        tera.register_function(
            "trans",
            move |args: &std::collections::HashMap<String, tera::Value>| {
                let key = args
                    .get("key")
                    .and_then(tera::Value::as_str)
                    .ok_or("trans() needs a `key` string")?;
                let lang = args
                    .get("lang")
                    .and_then(tera::Value::as_str)
                    .ok_or("trans() needs a `lang` string")?;
                translations
                    .get(lang, key)
                    .map(|text| tera::Value::String(text.to_string()))
                    .map_err(tera::Error::msg)
            },
        );
        problems.into_result(Templates { tera })
    }

    /// Renders a template with a context.
    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String, Problem> {
        self.tera.render(name, context).map_err(|error| {
            Problem::new(format!("theme/templates/{name}"), 0, error_chain(&error))
        })
    }
}

/// Joins an error and its causes into one line.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = crate::diagnostics::first_lowercase(&error.to_string());
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

/// Finds every `trans(key="…")` in a template and reports keys missing in some language.
fn check_trans_keys(
    origin: &std::path::Path,
    text: &str,
    translations: &Translations,
    config: &Config,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(start) = rest.find("trans(") {
            rest = &rest[start + "trans(".len()..];
            let Some(key_start) = rest.find("key=") else {
                break;
            };
            let after = rest[key_start + 4..].trim_start();
            let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            let Some(length) = after[1..].find(quote) else {
                continue;
            };
            let key = &after[1..1 + length];
            for language in &config.languages {
                if !translations.has(&language.code, key) {
                    problems.push(Problem::new(
                        origin,
                        index + 1,
                        format!(
                            "unknown UI string `{key}` for language `{}`: add it to `theme/i18n/{}.toml`",
                            language.code, language.code
                        ),
                    ));
                }
            }
        }
    }
    problems
}
