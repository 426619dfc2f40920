//! Content loading: finds every Markdown page under `content/<lang>/`, splits off and checks
//! its TOML front matter, expands the publisher placeholders, gives each page its URL, and
//! pairs pages across languages. Two pages are translations of each other when they have
//! the same file name in their language folders (`content/en/soc-2.md` and
//! `content/de/soc-2.md`); a page without a counterpart in every language is an error.
//! Markdown itself is left to the `markdown` stage.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::Spanned;

use crate::config::Config;
use crate::diagnostics::{line_of_offset, relative_path, suggest, toml_problem, Problem, Problems};
use crate::review::{self, Date};
use crate::slug::is_slug;

/// The folder, under the site root, that holds one folder of pages per language.
pub const CONTENT_DIR: &str = "content";

/// The file name of a language's home page.
const INDEX_KEY: &str = "index";

/// Keys a page's front matter may have.
const FRONT_MATTER_KEYS: &[&str] = &[
    "title",
    "description",
    "order",
    "slug",
    "aliases",
    "template",
    "reviewed",
];

/// Templates a page may choose with the `template` key.
pub const PAGE_TEMPLATES: &[&str] = &["page", "checklist"];

/// A page's front matter, between the `+++` lines at the top of the file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The page title, shown as its `<h1>` and in `<title>`.
    pub title: String,
    /// One or two sentences for search results and link previews.
    pub description: String,
    /// Position in the navigation; lower comes first.
    #[serde(default)]
    pub order: i64,
    /// The last URL segment; defaults to the file name, and German pages set German slugs.
    pub slug: Option<String>,
    /// Former slugs of the page; each old URL gets a small page that redirects to the new one.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The template that renders the page: `page` (the default) or `checklist`.
    pub template: Option<String>,
    /// The day the page was last reviewed; checked and read into `Page::reviewed`.
    pub reviewed: Option<toml::value::Datetime>,
}

/// One Markdown page in one language.
#[derive(Debug, Clone)]
pub struct Page {
    /// The language code: `en`, `de`.
    pub lang: String,
    /// The file name without `.md`; the same in every language for one translation set.
    pub key: String,
    /// The source file, relative to the site root: `content/de/soc-2.md`.
    pub source_path: PathBuf,
    /// The checked front matter.
    pub front: FrontMatter,
    /// The Markdown after the front matter, with placeholders expanded.
    pub body: String,
    /// The 1-based file line on which `body` starts, so Markdown problems name file lines.
    pub body_line: usize,
    /// The page's path below the base path: `de/soc-2/`, or `de/` for a home page.
    pub site_path: String,
    /// The file line of the `slug` key, or 1 when the slug comes from the file name.
    pub slug_line: usize,
    /// The site paths of the page's former URLs (`de/alter-name/`), from `aliases`.
    pub alias_paths: Vec<String>,
    /// The file line of the `aliases` key, or 1.
    pub aliases_line: usize,
    /// The day the page was last reviewed (`reviewed = 2026-11-15`), if it says.
    pub reviewed: Option<Date>,
    /// The file line of the `reviewed` key, or 1.
    pub reviewed_line: usize,
}

impl Page {
    /// Returns the template name, `page` unless the front matter chose another.
    pub fn template(&self) -> &str {
        self.front.template.as_deref().unwrap_or("page")
    }

    /// Returns the file line of a byte offset into `body`.
    pub fn line_of(&self, body_offset: usize) -> usize {
        self.body_line + line_of_offset(&self.body, body_offset) - 1
    }
}

/// Every page of the site, in navigation order per language.
#[derive(Debug, Default)]
pub struct Content {
    /// Pages sorted by language (in config order), then `order`, then key.
    pub pages: Vec<Page>,
    index: HashMap<String, HashMap<String, usize>>,
}

impl Content {
    /// Loads and checks every page under `content/` of the site root.
    pub fn load(root: &Path, config: &Config) -> Result<Content, Problems> {
        let mut problems = Problems::default();
        let mut pages = Vec::new();
        let mut files: Vec<(&str, PathBuf)> = Vec::new();
        // Files that exist count for pairing even when they fail to parse, so one broken
        // page does not also report its translation as missing.
        let mut present: std::collections::BTreeSet<(String, String)> = Default::default();
        let content_dir = root.join(CONTENT_DIR);
        check_language_folders(root, &content_dir, config, &mut problems);
        for language in &config.languages {
            let dir = content_dir.join(&language.code);
            if !dir.is_dir() {
                problems.push(Problem::new(
                    relative_path(root, &dir),
                    0,
                    format!(
                        "missing folder for language `{}`: create it and add its pages",
                        language.code
                    ),
                ));
                continue;
            }
            for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
                let entry = match entry {
                    Ok(entry) => entry,
                    Err(error) => {
                        problems.push(Problem::new(
                            relative_path(root, &dir),
                            0,
                            format!("cannot read: {error}"),
                        ));
                        continue;
                    }
                };
                let path = entry.path();
                if entry.file_type().is_dir() {
                    if path != dir {
                        problems.push(Problem::new(
                            relative_path(root, path),
                            0,
                            format!(
                                "pages live directly in `content/{}/`; move these pages up a level",
                                language.code
                            ),
                        ));
                    }
                    continue;
                }
                if path.extension().and_then(|e| e.to_str()) != Some("md") {
                    continue;
                }
                let key = path
                    .file_stem()
                    .map(|stem| stem.to_string_lossy().to_string())
                    .unwrap_or_default();
                present.insert((language.code.clone(), key));
                files.push((language.code.as_str(), path.to_path_buf()));
            }
        }
        // Reading and parsing front matter is independent per file, so it runs in parallel.
        let parsed: Vec<Result<Page, Vec<Problem>>> = files
            .par_iter()
            .map(|(lang, path)| {
                let source_path = relative_path(root, path);
                match std::fs::read_to_string(path) {
                    Ok(text) => parse_page(lang, &source_path, &text, config),
                    Err(error) => Err(vec![Problem::new(
                        source_path,
                        0,
                        format!("cannot read: {error}"),
                    )]),
                }
            })
            .collect();
        for result in parsed {
            match result {
                Ok(page) => pages.push(page),
                Err(page_problems) => problems.extend(page_problems),
            }
        }
        let content = Content::from_pages(pages, config);
        problems.extend(content.check_translations(config, &present));
        problems.extend(content.check_unique_urls());
        problems.into_result(content)
    }

    /// Builds the model from already parsed pages, sorted into navigation order.
    pub fn from_pages(mut pages: Vec<Page>, config: &Config) -> Content {
        let language_rank = |code: &str| {
            config
                .languages
                .iter()
                .position(|language| language.code == code)
                .unwrap_or(usize::MAX)
        };
        pages.sort_by(|a, b| {
            (
                language_rank(&a.lang),
                a.key != INDEX_KEY,
                a.front.order,
                &a.key,
            )
                .cmp(&(
                    language_rank(&b.lang),
                    b.key != INDEX_KEY,
                    b.front.order,
                    &b.key,
                ))
        });
        let mut index: HashMap<String, HashMap<String, usize>> = HashMap::new();
        for (position, page) in pages.iter().enumerate() {
            index
                .entry(page.lang.clone())
                .or_default()
                .insert(page.key.clone(), position);
        }
        Content { pages, index }
    }

    /// Returns the page with a key in a language.
    pub fn page(&self, lang: &str, key: &str) -> Option<&Page> {
        self.position(lang, key)
            .map(|position| &self.pages[position])
    }

    /// Returns the position in `pages` of the page with a key in a language.
    pub fn position(&self, lang: &str, key: &str) -> Option<usize> {
        // Keyed by language, then page key, so a look-up allocates nothing.
        self.index.get(lang)?.get(key).copied()
    }

    /// Returns the pages of one language in navigation order.
    pub fn pages_in<'a>(&'a self, lang: &'a str) -> impl Iterator<Item = &'a Page> + 'a {
        self.pages.iter().filter(move |page| page.lang == lang)
    }

    /// Reports pages whose translation is missing in some language.
    fn check_translations(
        &self,
        config: &Config,
        present: &std::collections::BTreeSet<(String, String)>,
    ) -> Vec<Problem> {
        let mut problems = Vec::new();
        for page in &self.pages {
            for language in &config.languages {
                if !present.contains(&(language.code.clone(), page.key.clone())) {
                    problems.push(Problem::new(
                        &page.source_path,
                        1,
                        format!(
                            "no translation in `{}` ({}): add `{CONTENT_DIR}/{}/{}.md` (translations share the file name)",
                            language.code, language.name, language.code, page.key
                        ),
                    ));
                }
            }
        }
        problems
    }

    /// Reports two pages of one language that would be written to the same URL.
    fn check_unique_urls(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut owners: BTreeMap<&str, &Page> = BTreeMap::new();
        for page in &self.pages {
            owners.entry(&page.site_path).or_insert(page);
        }
        for page in &self.pages {
            for alias in &page.alias_paths {
                match owners.get(alias.as_str()) {
                    Some(owner) => problems.push(Problem::new(
                        &page.source_path,
                        page.aliases_line,
                        format!(
                            "alias URL `{alias}` is already used by `{}`: remove the alias or change that page's `slug`",
                            owner.source_path.display()
                        ),
                    )),
                    None => {
                        owners.insert(alias, page);
                    }
                }
            }
        }
        let mut owners: BTreeMap<&str, &Page> = BTreeMap::new();
        for page in &self.pages {
            if let Some(owner) = owners.get(page.site_path.as_str()) {
                problems.push(Problem::new(
                    &page.source_path,
                    page.slug_line,
                    format!(
                        "slug `{}` is already used by `{}`: give one of the two pages another `slug`",
                        page.site_path.trim_end_matches('/').rsplit('/').next().unwrap_or_default(),
                        owner.source_path.display()
                    ),
                ));
            } else {
                owners.insert(&page.site_path, page);
            }
        }
        problems
    }
}

/// Reports folders under `content/` that are not a configured language.
fn check_language_folders(
    root: &Path,
    content_dir: &Path,
    config: &Config,
    problems: &mut Problems,
) {
    let Ok(entries) = std::fs::read_dir(content_dir) else {
        problems.push(Problem::new(
            CONTENT_DIR,
            0,
            "missing content folder: create `content/<lang>/` per language",
        ));
        return;
    };
    let mut names: Vec<_> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .collect();
    names.sort_by_key(|entry| entry.file_name());
    for entry in names {
        let name = entry.file_name().to_string_lossy().to_string();
        if config.language(&name).is_none() {
            let known: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
            problems.push(Problem::new(
                relative_path(root, &entry.path()),
                0,
                format!(
                    "folder `{name}` is not a language of the site ({}): add it to `site.toml` or rename it",
                    known.join(", ")
                ),
            ));
        }
    }
}

/// Parses one page file: front matter, placeholders and URL.
pub fn parse_page(
    lang: &str,
    source_path: &Path,
    text: &str,
    config: &Config,
) -> Result<Page, Vec<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let problem = |line: usize, message: String| Problem::new(source_path, line, message);
    let mut lines = text.split_inclusive('\n');
    if lines.next().map(str::trim_end) != Some("+++") {
        return Err(vec![problem(
            1,
            "expected front matter: start the file with a `+++` line, then `title`, `description` and `order`, then `+++`"
                .into(),
        )]);
    }
    let front_start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = front_start;
    let mut front_end = None;
    for line in lines {
        if line.trim_end() == "+++" {
            front_end = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((front_end, body_start)) = front_end else {
        return Err(vec![problem(
            1,
            "front matter opened with `+++` is never closed: add a `+++` line after its keys"
                .into(),
        )]);
    };
    let front_source = &text[front_start..front_end];
    let not_toml = |error: toml::de::Error| {
        vec![toml_problem(source_path, front_source, 1, &error)
            .with_prefix("front matter is not valid TOML: ")]
    };
    // Parsed once, keeping spans: every problem takes its line from where `toml` read the key.
    let table = DeTable::parse(front_source).map_err(not_toml)?;
    let key_lines: BTreeMap<String, usize> = table
        .get_ref()
        .iter()
        .map(|(key, _)| {
            let line = line_of_offset(front_source, key.span().start) + 1;
            (key.get_ref().to_string(), line)
        })
        .collect();
    let key_line = |key: &str| key_lines.get(key).copied().unwrap_or(1);
    let mut problems = Vec::new();
    for key in key_lines.keys() {
        if !FRONT_MATTER_KEYS.contains(&key.as_str()) {
            let hint = match suggest(key, FRONT_MATTER_KEYS) {
                Some(known) => format!("did you mean `{known}`?"),
                None => format!("known keys: {}", FRONT_MATTER_KEYS.join(", ")),
            };
            problems.push(problem(
                key_line(key),
                format!("front matter key `{key}` is unknown ({hint})"),
            ));
        }
    }
    let reviewed = match table.get_ref().get(review::REVIEWED_KEY) {
        None => None,
        Some(value) => {
            let value = toml::Value::deserialize(ValueDeserializer::from(value.clone()))
                .map_err(not_toml)?;
            match review::from_front_matter(&value) {
                Ok(date) => Some(date),
                Err(message) => {
                    problems.push(problem(key_line(review::REVIEWED_KEY), message));
                    None
                }
            }
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let span = table.span();
    let whole = Spanned::new(span, DeValue::Table(table.into_inner()));
    let front = FrontMatter::deserialize(ValueDeserializer::from(whole)).map_err(not_toml)?;
    if front.title.trim().is_empty() {
        problems.push(problem(
            key_line("title"),
            "front matter `title` is empty: give the page a title".into(),
        ));
    }
    if front.description.trim().is_empty() {
        problems.push(problem(
            key_line("description"),
            "front matter `description` is empty: describe the page in a sentence".into(),
        ));
    }
    if let Some(template) = &front.template {
        if !PAGE_TEMPLATES.contains(&template.as_str()) {
            problems.push(problem(
                key_line("template"),
                format!(
                    "template `{template}` is unknown (known: {})",
                    PAGE_TEMPLATES.join(", ")
                ),
            ));
        }
    }
    let key = source_path
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or_default()
        .to_string();
    let site_path = match (&front.slug, key.as_str()) {
        (Some(_), INDEX_KEY) => {
            problems.push(problem(
                key_line("slug"),
                "the home page `index.md` cannot have a `slug`: remove it".into(),
            ));
            format!("{lang}/")
        }
        (None, INDEX_KEY) => format!("{lang}/"),
        (Some(slug), _) if !is_slug(slug) => {
            problems.push(problem(
                key_line("slug"),
                format!(
                    "slug `{slug}` must be lowercase ASCII words joined by `-`, e.g. `{}`",
                    crate::slug::slugify(slug)
                ),
            ));
            format!("{lang}/{key}/")
        }
        (Some(slug), _) => format!("{lang}/{slug}/"),
        (None, _) if !is_slug(&key) => {
            problems.push(problem(
                1,
                format!(
                    "file name `{key}.md` is not a valid slug: rename it, e.g. `{}.md`",
                    crate::slug::slugify(&key)
                ),
            ));
            format!("{lang}/{key}/")
        }
        (None, _) => format!("{lang}/{key}/"),
    };
    let mut alias_paths = Vec::new();
    for alias in &front.aliases {
        if !is_slug(alias) {
            problems.push(problem(
                key_line("aliases"),
                format!(
                    "alias `{alias}` must be a former slug: lowercase ASCII words joined by `-`, e.g. `{}`",
                    crate::slug::slugify(alias)
                ),
            ));
        } else if format!("{lang}/{alias}/") == site_path {
            problems.push(problem(
                key_line("aliases"),
                format!("alias `{alias}` is the page's own slug: remove it"),
            ));
        } else {
            alias_paths.push(format!("{lang}/{alias}/"));
        }
    }
    let body_line = line_of_offset(text, body_start);
    let raw_body = &text[body_start..];
    let body = match expand_placeholders(raw_body, config) {
        Ok(body) => body,
        Err(unknown) => {
            for (offset, name) in unknown {
                problems.push(problem(
                    body_line + line_of_offset(raw_body, offset) - 1,
                    format!(
                        "unknown placeholder `{{{{ {name} }}}}` (known: {})",
                        PLACEHOLDERS.join(", ")
                    ),
                ));
            }
            String::new()
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Page {
        lang: lang.to_string(),
        key,
        source_path: source_path.to_path_buf(),
        body,
        body_line,
        site_path,
        slug_line: key_line("slug"),
        alias_paths,
        aliases_line: key_line("aliases"),
        reviewed,
        reviewed_line: key_line(review::REVIEWED_KEY),
        front,
    })
}

/// Placeholders a page may use; they are filled from `[publisher]` in `site.toml`.
const PLACEHOLDERS: &[&str] = &["publisher.name", "publisher.email", "publisher.phone"];

/// Replaces `{{ publisher.name }}` and its siblings; returns the unknown ones with their offsets.
fn expand_placeholders(body: &str, config: &Config) -> Result<String, Vec<(usize, String)>> {
    let mut expanded = String::with_capacity(body.len());
    let mut unknown = Vec::new();
    let mut rest = body;
    let mut consumed = 0;
    while let Some(start) = rest.find("{{") {
        let Some(length) = rest[start..].find("}}") else {
            break;
        };
        let name = rest[start + 2..start + length].trim();
        let value = match name {
            "publisher.name" => Some(config.publisher.name.as_str()),
            "publisher.email" => Some(config.publisher.email.as_str()),
            "publisher.phone" => Some(config.publisher.phone.as_str()),
            _ => None,
        };
        expanded.push_str(&rest[..start]);
        match value {
            Some(value) => expanded.push_str(value),
            None => unknown.push((consumed + start, name.to_string())),
        }
        consumed += start + length + 2;
        rest = &rest[start + length + 2..];
    }
    expanded.push_str(rest);
    if unknown.is_empty() {
        Ok(expanded)
    } else {
        Err(unknown)
    }
}

impl Problem {
    /// Puts a short context word in front of the message.
    pub fn with_prefix(mut self, prefix: &str) -> Problem {
        self.message = format!("{prefix}{}", self.message);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_problems(front_matter: &str, expected: &[&str]) {
        let config = Config::parse(include_str!("../../tests/fixtures/valid/site.toml")).unwrap();
        let text = format!("+++\n{front_matter}+++\nBody.\n");
        let problems = parse_page("en", Path::new("content/en/x.md"), &text, &config)
            .expect_err("the front matter has problems");
        let problems: Vec<String> = problems.iter().map(Problem::to_string).collect();
        assert_eq!(problems, expected);
    }

    #[test]
    fn front_matter_key_in_quotes_was_reported_on_line_1() {
        // Lines were found by searching the text for `key =`, which a quoted key never matches.
        check_problems(
            "title = \"T\"\ndescription = \"D\"\n\"titel\" = \"x\"\n",
            &["content/en/x.md: line 4: front matter key `titel` is unknown (did you mean `title`?)"],
        );
        check_problems(
            "title = \"T\"\ndescription = \"D\"\n\"template\"=\"wide\"\n",
            &["content/en/x.md: line 4: template `wide` is unknown (known: page, checklist)"],
        );
    }

    #[test]
    fn front_matter_problems_name_the_line_of_their_key() {
        check_problems(
            "title = \"T\"\ndescription = \"\"\nreviewed = \"2026-01-02\"\n",
            &["content/en/x.md: line 4: `reviewed = \"2026-01-02\"` is text, not a date: remove the quotes"],
        );
        check_problems(
            "title = \"T\"\ndescription = \"\"\n",
            &["content/en/x.md: line 3: front matter `description` is empty: describe the page in a sentence"],
        );
        check_problems(
            "title = \"T\"\ndescription = \"D\"\norder = \"first\"\n",
            &["content/en/x.md: line 4: front matter is not valid TOML: invalid type: string \"first\", expected i64"],
        );
    }
}
