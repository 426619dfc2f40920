//! The whole site as one model. `Site::load` runs the stages in order (config → content →
//! theme and templates → page outlines) and collects every problem; `Site::render` turns the
//! loaded model into output files in memory (pages in parallel), without touching the disk.
//! Writing is left to `output`. This stage owns URLs between pages: it resolves links from
//! one page's file to another's URL, and builds the navigation, the language switcher,
//! hreflang alternates, the sitemap, the search index, the print view and the redirect pages
//! at the former URLs of moved pages.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};

use checklist_core::Definition;

use crate::ask;
use crate::checklist;
use crate::config::{normalize_base_path, Config};
use crate::content::{Content, Page, CONTENT_DIR};
use crate::diagnostics::{suggest, Problem, Problems};
use crate::hosting::Redirect;
use crate::images::Images;
use crate::markdown::{self, Heading, ImageRef, LinkResolver, RenderedPage};
/// A built file; the type lives with the one writer, `output`.
pub use crate::output::OutputFile;
use crate::review::Date;
use crate::sections;
use crate::templates::{Templates, Translations};
use crate::theme::Theme;

/// Settings of one run that override the configuration.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Replaces `base_path` from `site.toml`, e.g. `/guide/`.
    pub base_path: Option<String>,
    /// A preview for `serve`: no offline worker is written, no page registers one, and the
    /// search index folders are not named by their content.
    pub preview: bool,
}

/// Which output files `Site::render_outputs` renders.
#[derive(Debug, Clone)]
pub enum Selection {
    /// Every file of the site.
    Everything,
    /// The content pages at these positions in `content.pages`, the files each of their
    /// languages shares (search page, print view) and the redirect pages; not the search
    /// index (see `Site::search_index_input`) nor the other files of the whole site (root,
    /// 404, sitemap, static files), which depend on no page's text or title.
    Pages(BTreeSet<usize>),
}

/// The loaded site, ready to render.
pub struct Site {
    /// The site root, holding `site.toml`, `content/` and optionally `theme/`.
    pub root: PathBuf,
    /// The validated configuration.
    pub config: Config,
    /// Every page, in navigation order per language.
    pub content: Content,
    /// The theme with the site's overrides.
    pub theme: Theme,
    translations: Arc<Translations>,
    templates: Templates,
    /// Headings per page, in the order of `content.pages`.
    outlines: Vec<Vec<Heading>>,
    /// The vendor checklist definition, when the site has one.
    checklist: Option<Definition>,
    /// The search synonym groups per language.
    synonyms: crate::search::SynonymGroups,
    /// The image files in `content/`, measured and named by content.
    images: Images,
    /// Each language's search index folder (named by its content but in a preview), set by
    /// `render_outputs` before it renders the pages that link to it.
    index_dirs: std::sync::RwLock<BTreeMap<String, String>>,
    /// Whether pages register the offline worker (every build but `serve`'s).
    offline: bool,
    /// Whether this is `serve`'s preview, whose search index folders are not content-hashed.
    preview: bool,
}

/// A page the generator adds to every language: search and the print view.
#[derive(Debug, Clone, Copy)]
enum GeneratedPage {
    Search,
    Print,
}

impl GeneratedPage {
    const ALL: [GeneratedPage; 2] = [GeneratedPage::Search, GeneratedPage::Print];

    fn slug_key(self) -> &'static str {
        match self {
            GeneratedPage::Search => "slug.search",
            GeneratedPage::Print => "slug.print",
        }
    }

    fn title_key(self) -> &'static str {
        match self {
            GeneratedPage::Search => "search_title",
            GeneratedPage::Print => "print_title",
        }
    }

    fn template(self) -> &'static str {
        match self {
            GeneratedPage::Search => "search.html",
            GeneratedPage::Print => "print.html",
        }
    }
}

impl Site {
    /// Loads and checks the whole site, collecting the problems of every stage.
    pub fn load(root: &Path, options: &BuildOptions) -> Result<Site, Problems> {
        let mut config = Config::load(root)?;
        let mut problems = Problems::default();
        if let Some(base_path) = &options.base_path {
            match normalize_base_path(base_path) {
                Ok(path) => config.base_path = path,
                Err(message) => problems.push(Problem::new("--base-path", 0, message)),
            }
        }
        let content = Content::load(root, &config);
        let theme = Theme::load(root);
        let (content, theme) = match (content, theme) {
            (Ok(content), Ok(theme)) => (content, theme),
            (content, theme) => {
                problems.extend(content.err().into_iter().flatten());
                problems.extend(theme.err().into_iter().flatten());
                return Err(problems.into_result(()).unwrap_err());
            }
        };
        let translations = match Translations::load(&theme, &config) {
            Ok(translations) => Arc::new(translations),
            Err(found) => {
                problems.extend(found);
                return Err(problems.into_result(()).unwrap_err());
            }
        };
        let generator_ui_problems = check_generator_ui_strings(&translations, &config);
        // Generated pages' URLs come from UI strings: check them only when all exist.
        let generator_ui_complete = generator_ui_problems.is_empty();
        problems.extend(generator_ui_problems);
        let templates = match Templates::load(&theme, Arc::clone(&translations), &config) {
            Ok(templates) => Some(templates),
            Err(found) => {
                problems.extend(found);
                None
            }
        };
        let images = Images::load(root).unwrap_or_else(|found| {
            problems.extend(found);
            Images::default()
        });
        let outlines: Vec<Vec<Heading>> = content.pages.par_iter().map(markdown::outline).collect();
        let checklist = match checklist::load(root) {
            Ok(definition) => {
                if definition.is_some() {
                    problems.extend(checklist::check_ui_strings(&translations, &config));
                }
                definition
            }
            Err(found) => {
                problems.extend(found);
                None
            }
        };
        let synonyms = crate::search::load_synonyms(root, &config).unwrap_or_else(|found| {
            problems.extend(found.0);
            Default::default()
        });
        // Run before templates are known to load, so a broken template hides nothing.
        problems.extend(check_content(
            root,
            &config,
            &content,
            &theme,
            &outlines,
            checklist.as_ref(),
            &content,
        ));
        problems.extend(crate::terminology::check_ui_typography(&config, &theme));
        problems.extend(crate::typography::check_languages(&config));
        let Some(templates) = templates else {
            return Err(problems.into_result(()).unwrap_err());
        };
        let site = Site {
            root: root.to_path_buf(),
            config,
            content,
            theme,
            translations,
            templates,
            outlines,
            checklist,
            synonyms,
            images,
            index_dirs: Default::default(),
            offline: !options.preview,
            preview: options.preview,
        };
        if generator_ui_complete {
            problems.extend(site.check_generated_page_slugs());
        }
        problems.into_result(site)
    }

    /// Runs the checks of the loaded content that look at more than one page, as `load`
    /// does, with the terminology of the pages at `edited` only (the others are unchanged
    /// since `load` checked them), so a live rebuild reports what `check` would.
    pub fn check_content(&self, edited: &[usize]) -> Vec<Problem> {
        let edited_pages = edited
            .iter()
            .map(|&position| self.content.pages[position].clone())
            .collect();
        check_content(
            &self.root,
            &self.config,
            &self.content,
            &self.theme,
            &self.outlines,
            self.checklist.as_ref(),
            &Content::from_pages(edited_pages, &self.config),
        )
    }

    /// Tells whether the site has a checklist definition, whose guide links name sections.
    pub fn has_checklist(&self) -> bool {
        self.checklist.is_some()
    }

    /// Returns the headings of the page at a position in `content.pages`.
    pub fn outline(&self, position: usize) -> &[Heading] {
        &self.outlines[position]
    }

    /// Puts a new version of the page at `position` (same language and key, same place in
    /// the navigation) and its headings into the model, and returns the old ones. The live
    /// preview uses it to rebuild one edited page, and to put the old one back on failure.
    pub fn replace_page(
        &mut self,
        position: usize,
        page: Page,
        outline: Vec<Heading>,
    ) -> (Page, Vec<Heading>) {
        (
            std::mem::replace(&mut self.content.pages[position], page),
            std::mem::replace(&mut self.outlines[position], outline),
        )
    }

    /// Reports content pages whose URL collides with a generated page (search, print).
    fn check_generated_page_slugs(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        for page in &self.content.pages {
            for generated in GeneratedPage::ALL {
                let taken = self.generated_site_path(generated, &page.lang);
                if page.alias_paths.contains(&taken) {
                    problems.push(Problem::new(
                        &page.source_path,
                        page.aliases_line,
                        format!(
                            "alias URL `{taken}` is taken by the generated {} page: remove the alias",
                            generated.template().trim_end_matches(".html")
                        ),
                    ));
                }
                if page.site_path == taken {
                    problems.push(Problem::new(
                        &page.source_path,
                        page.slug_line,
                        format!(
                            "URL `{}` is taken by the generated {} page: give this page another `slug`",
                            page.site_path,
                            generated.template().trim_end_matches(".html")
                        ),
                    ));
                }
            }
        }
        problems
    }

    /// Returns a UI string the generator looks up itself. Every such key is in
    /// `generator_ui_keys`, which `load` checks in every language, so a loaded site has it:
    /// a missing one is a bug here, never a raw key on the page.
    fn trans(&self, lang: &str, key: &str) -> String {
        match self.translations.get(lang, key) {
            Ok(text) => text.to_string(),
            Err(message) => panic!("{message} (`generator_ui_keys` must list every key)"),
        }
    }

    fn generated_site_path(&self, generated: GeneratedPage, lang: &str) -> String {
        format!("{lang}/{}/", self.trans(lang, generated.slug_key()))
    }

    /// Renders every output file in memory, sorted by path, collecting every problem.
    pub fn render(&self) -> Result<Vec<OutputFile>, Problems> {
        let files = std::sync::Mutex::new(Vec::new());
        self.render_each(&|file| {
            files
                .lock()
                .expect("no render thread panics while holding the list")
                .push(file);
            Ok(())
        })?;
        let mut files = files
            .into_inner()
            .expect("no render thread panics while holding the list");
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// Renders every output file and hands each to `emit` as soon as it is ready, from any
    /// thread, so `build` can write pages while others render and need not hold the whole
    /// site. Problems in the content are all found before the first file is emitted; problems
    /// in templates, and any `emit` returns, make the result an error (the caller then drops
    /// what it was given).
    pub fn render_each(
        &self,
        emit: &(dyn Fn(OutputFile) -> Result<(), Problem> + Sync),
    ) -> Result<(), Problems> {
        let pages_html = self.render_markdown()?;
        self.render_outputs(&pages_html, &Selection::Everything, emit)
    }

    /// Renders the Markdown of the page at a position in `content.pages`.
    pub fn render_page_markdown(&self, position: usize) -> Result<RenderedPage, Vec<Problem>> {
        let page = &self.content.pages[position];
        markdown::render(page, &self.outlines[position], self, &|kind| {
            self.trans(&page.lang, &format!("callout.{kind}"))
        })
    }

    /// Renders the Markdown of every page, in the order of `content.pages`, collecting the
    /// problems of all of them.
    pub fn render_markdown(&self) -> Result<Vec<RenderedPage>, Problems> {
        let mut problems = Problems::default();
        let rendered: Vec<Result<RenderedPage, Vec<Problem>>> = (0..self.content.pages.len())
            .into_par_iter()
            .map(|position| self.render_page_markdown(position))
            .collect();
        let mut pages_html = Vec::with_capacity(rendered.len());
        for result in rendered {
            match result {
                Ok(page) => pages_html.push(page),
                Err(found) => {
                    problems.extend(found);
                    pages_html.push(RenderedPage::default());
                }
            }
        }
        problems.into_result(pages_html)
    }

    /// Renders the output files a selection asks for from the pages' rendered Markdown (in
    /// the order of `content.pages`), and hands each to `emit` as soon as it is ready.
    pub fn render_outputs(
        &self,
        pages_html: &[RenderedPage],
        selection: &Selection,
        emit: &(dyn Fn(OutputFile) -> Result<(), Problem> + Sync),
    ) -> Result<(), Problems> {
        let mut problems = Problems::default();
        // The offline worker's version is a hash of every other file, so each is noted.
        let digests = std::sync::Mutex::new(Vec::new());
        let written = emit;
        let emit = &|file: OutputFile| -> Result<(), Problem> {
            if self.offline {
                let digest = crate::offline::digest(&file.bytes);
                digests
                    .lock()
                    .expect("no render thread panics while holding the digests")
                    .push((file.path.clone(), digest));
            }
            written(file)
        };
        let wanted_page = |position: usize| match selection {
            Selection::Everything => true,
            Selection::Pages(positions) => positions.contains(&position),
        };
        let wanted_language = |lang: &str| match selection {
            Selection::Everything => true,
            Selection::Pages(positions) => positions
                .iter()
                .any(|&position| self.content.pages[position].lang == lang),
        };
        // The index comes first: pages name its folder, which (but for `serve`'s) is a hash
        // of its files. A page rebuild of `serve` leaves the index out: at thousands of pages
        // it takes seconds, and `serve` builds it after the edited page is served, in the
        // folder pages already name. Languages in parallel: each index ends in a
        // single-threaded step.
        let indexes: Vec<(String, crate::search::LanguageIndex)> =
            if self.config.search && matches!(selection, Selection::Everything) {
                self.config
                    .languages
                    .par_iter()
                    .map(|language| {
                        let index = self.search_index_input(&language.code, pages_html).build();
                        (language.code.clone(), index)
                    })
                    .collect()
            } else {
                Vec::new()
            };
        let mut index_files = Vec::new();
        for (lang, index) in indexes {
            self.index_dirs
                .write()
                .expect("no render thread panics while holding the index folders")
                .insert(lang, index.dir);
            index_files.extend(index.files);
        }
        let navigation: BTreeMap<&str, Vec<NavItem>> = self
            .config
            .languages
            .iter()
            .filter(|language| wanted_language(&language.code))
            .map(|language| (language.code.as_str(), self.navigation(&language.code)))
            .collect();
        // Pages are grouped by language, so a page's place in its language's navigation is its
        // index minus where its language starts: no search per page.
        let mut language_starts: BTreeMap<&str, usize> = BTreeMap::new();
        for (index, page) in self.content.pages.iter().enumerate() {
            language_starts.entry(page.lang.as_str()).or_insert(index);
        }
        let page_problems: Vec<Problem> = self
            .content
            .pages
            .par_iter()
            .zip(pages_html.par_iter())
            .enumerate()
            .filter(|(index, _)| wanted_page(*index))
            .filter_map(|(index, (page, rendered))| {
                let position = index - language_starts[page.lang.as_str()];
                self.render_page(page, rendered, &navigation[page.lang.as_str()], position)
                    .and_then(emit)
                    .err()
            })
            .collect();
        problems.extend(page_problems);
        let mut files = Vec::with_capacity(16);
        for language in &self.config.languages {
            if !wanted_language(&language.code) {
                continue;
            }
            let nav = &navigation[language.code.as_str()];
            let mut results =
                vec![self.render_generated(GeneratedPage::Search, &language.code, nav, pages_html)];
            if self.has_print_view(&language.code) {
                results.push(self.render_generated(
                    GeneratedPage::Print,
                    &language.code,
                    nav,
                    pages_html,
                ));
            }
            for result in results {
                match result {
                    Ok(file) => files.push(file),
                    Err(problem) => problems.push(problem),
                }
            }
        }
        if let Selection::Pages(_) = selection {
            // Of the files of the whole site, only the redirect pages (few) show a page's
            // title; the others depend on no page's text or title.
            for result in self.render_redirects() {
                match result {
                    Ok(file) => files.push(file),
                    Err(problem) => problems.push(problem),
                }
            }
            for file in files {
                if let Err(problem) = emit(file) {
                    problems.push(problem);
                }
            }
            return problems.into_result(());
        }
        for result in [
            self.render_root(),
            self.render_not_found(),
            self.render_sitemap(),
        ]
        .into_iter()
        .chain(self.render_redirects())
        {
            match result {
                Ok(file) => files.push(file),
                Err(problem) => problems.push(problem),
            }
        }
        files.push(OutputFile {
            path: "robots.txt".into(),
            bytes: self.robots_txt().into_bytes(),
        });
        files.extend(crate::hosting::host_files(
            &self.config.base_path,
            &self.redirects(),
        ));
        if let Some(definition) = &self.checklist {
            let json = checklist::definition_json(definition, &self.config, &|lang, guide| {
                self.guide_url(lang, guide)
            });
            for language in &self.config.languages {
                files.push(OutputFile {
                    path: checklist_definition_path(&language.code),
                    bytes: checklist::definition_json_in(&json, &self.config, &language.code)
                        .into_bytes(),
                });
            }
            files.push(OutputFile {
                path: CHECKLIST_DEFINITION_PATH.into(),
                bytes: json.into_bytes(),
            });
        }
        files.extend(index_files);
        files.extend(self.images.output_files());
        for (name, file) in self.theme.files_in("static") {
            files.push(OutputFile {
                path: format!("static/{name}"),
                bytes: file.bytes.to_vec(),
            });
        }
        // In parallel: a large site's search index is thousands of files to compress.
        let emitted: Vec<Problem> = files
            .into_par_iter()
            .filter_map(|file| emit(file).err())
            .collect();
        problems.extend(emitted);
        if self.offline && problems.is_empty() {
            let mut digests = digests
                .into_inner()
                .expect("no render thread panics while holding the digests");
            let version = crate::offline::build_version(&mut digests);
            let codes: Vec<&str> = self
                .config
                .languages
                .iter()
                .map(|language| language.code.as_str())
                .collect();
            for lang in &codes {
                let paths = digests.iter().map(|(path, _)| path.as_str());
                let list = crate::offline::language_files(lang, &codes, paths);
                let file = OutputFile {
                    path: crate::offline::list_path(lang),
                    bytes: serde_json::to_vec(&list).expect("a list of strings serializes"),
                };
                problems.extend(written(file).err());
            }
            match crate::offline::worker(&self.theme, &version) {
                Ok(file) => problems.extend(written(file).err()),
                Err(problem) => problems.push(problem),
            }
        }
        problems.into_result(())
    }

    /// Builds the navigation of one language, once for all its pages.
    fn navigation(&self, lang: &str) -> Vec<NavItem> {
        self.content
            .pages_in(lang)
            .map(|page| NavItem {
                title: page.front.title.clone(),
                description: page.front.description.clone(),
                url: self.config.url(&page.site_path),
            })
            .collect()
    }

    /// Returns the site path of a page's translation in a language. Every page has one (the
    /// content stage checks that); the language's home page stands in should that change.
    fn translation_site_path(&self, key: &str, lang: &str) -> String {
        self.content.page(lang, key).map_or_else(
            || format!("{lang}/"),
            |translation| translation.site_path.clone(),
        )
    }

    /// Returns, for every language, the URL of the translation of a page.
    fn translation_links(
        &self,
        current_lang: &str,
        site_path_in: &dyn Fn(&str) -> String,
    ) -> Vec<Value> {
        self.config
            .languages
            .iter()
            .map(|language| {
                json!({
                    "code": language.code,
                    "name": language.name,
                    "url": self.config.url(&site_path_in(&language.code)),
                    "current": language.code == current_lang,
                })
            })
            .collect()
    }

    /// Returns the hreflang alternates of a page, with `x-default` for the default language.
    fn alternates(&self, site_path_in: &dyn Fn(&str) -> String) -> Vec<Value> {
        let mut alternates: Vec<Value> = self
            .config
            .languages
            .iter()
            .map(|language| json!({ "hreflang": language.code, "href": self.config.absolute_url(&site_path_in(&language.code)) }))
            .collect();
        alternates.push(json!({
            "hreflang": "x-default",
            "href": self.config.absolute_url(&site_path_in(&self.config.default_language)),
        }));
        alternates
    }

    /// Returns the context every page template shares. `position` is the page's place in
    /// `nav`, for pages that are in the navigation.
    fn base_context(
        &self,
        lang: &str,
        site_path_in: &dyn Fn(&str) -> String,
        nav: &[NavItem],
        position: Option<usize>,
    ) -> tera::Context {
        let language = self
            .config
            .language(lang)
            .expect("pages only exist in configured languages");
        let mut context = tera::Context::new();
        context.insert("lang", lang);
        context.insert(
            "site",
            &json!({ "title": language.title, "description": language.description }),
        );
        context.insert("publisher", &self.config.publisher);
        context.insert("home_url", &self.config.url(&format!("{lang}/")));
        context.insert(
            "search_url",
            &self
                .config
                .url(&self.generated_site_path(GeneratedPage::Search, lang)),
        );
        let print_url = self.has_print_view(lang).then(|| {
            self.config
                .url(&self.generated_site_path(GeneratedPage::Print, lang))
        });
        context.insert("print_url", &print_url);
        context.insert(
            "about_url",
            &self
                .content
                .page(lang, "about")
                .map(|page| self.config.url(&page.site_path)),
        );
        context.insert("translations", &self.translation_links(lang, site_path_in));
        context.insert("alternates", &self.alternates(site_path_in));
        let (window, truncated) = navigation_window(nav, position);
        context.insert("nav", window);
        context.insert("nav_truncated", &truncated);
        context.insert("assets", &self.assets());
        // The search page has its own field; a second one would only confuse.
        let search_page =
            site_path_in(lang) == self.generated_site_path(GeneratedPage::Search, lang);
        context.insert("search", &self.search_view(lang, !search_page));
        let offline = self.offline.then(|| {
            json!({
                "worker_url": self.config.url(crate::offline::WORKER_PATH),
                "scope": self.config.url(""),
                "script_url": self.config.url("static/offline.js"),
            })
        });
        context.insert("offline", &offline);
        context
    }

    fn assets(&self) -> Value {
        json!({
            "css": self.config.url("static/style.css"),
            "icon": self.config.url("static/icon.svg"),
            "search_js": self.config.url("static/search.js"),
            "search_css": self.config.url("static/search.css"),
            "toc_js": self.config.url("static/toc.js"),
        })
    }

    /// Returns what templates need for search: whether the page shows the header field, and
    /// the URLs of the engine and the language's index.
    fn search_view(&self, lang: &str, header: bool) -> Value {
        json!({
            "enabled": self.config.search,
            "header": self.config.search && header,
            "index_url": self.config.url(
                self.index_dirs
                    .read()
                    .expect("no render thread panics while holding the index folders")
                    .get(lang)
                    .map_or(crate::search::INDEX_ROOT, String::as_str)
            ),
            "glue_url": self.config.url("static/search/search.js"),
            "wasm_url": self.config.url("static/search/search_bg.wasm"),
        })
    }

    /// Renders one content page with its template; `position` is its place in `nav`.
    fn render_page(
        &self,
        page: &Page,
        rendered: &RenderedPage,
        nav: &[NavItem],
        position: usize,
    ) -> Result<OutputFile, Problem> {
        let site_path_in = |lang: &str| self.translation_site_path(&page.key, lang);
        let mut context = self.base_context(&page.lang, &site_path_in, nav, Some(position));
        let url = self.config.url(&page.site_path);
        let previous = position.checked_sub(1).and_then(|index| nav.get(index));
        let next = nav.get(position + 1);
        let canonical = self.config.absolute_url(&page.site_path);
        let reviewed = match page.reviewed {
            Some(date) => Some(ReviewedView {
                date: date.to_string(),
                text: self.format_date(&page.lang, date)?,
            }),
            None => None,
        };
        context.insert(
            "page",
            &PageView {
                title: &page.front.title,
                description: &page.front.description,
                key: &page.key,
                url: &url,
                canonical: &canonical,
                html: &rendered.html,
                toc: &rendered.toc,
                previous,
                next,
                reviewed,
            },
        );
        if page.template() == "checklist" {
            if let Some(definition) = &self.checklist {
                self.insert_checklist_context(&mut context, definition, &page.lang);
            }
        }
        let html = self
            .templates
            .render(&format!("{}.html", page.template()), &context)?;
        Ok(OutputFile {
            path: format!("{}index.html", page.site_path),
            bytes: html.into_bytes(),
        })
    }

    /// Writes a date in a language, with the pattern `date_format` and the month names
    /// `month.1` … `month.12` of its UI strings.
    fn format_date(&self, lang: &str, date: Date) -> Result<String, Problem> {
        let string = |key: &str| {
            self.translations
                .get(lang, key)
                .map(str::to_string)
                .map_err(|message| Problem::new(format!("theme/i18n/{lang}.toml"), 0, message))
        };
        let mut months: [String; 12] = Default::default();
        for (index, month) in months.iter_mut().enumerate() {
            *month = string(&format!("month.{}", index + 1))?;
        }
        Ok(date.format(&string("date_format")?, &months))
    }

    /// Resolves a question's `guide` link (`page.md#key`, a section key) to the URL of the
    /// section in a language, with that language's heading id as the fragment.
    fn guide_url(&self, lang: &str, guide: &str) -> Option<String> {
        let (page, heading) = sections::resolve(&self.content, &self.outlines, lang, guide).ok()?;
        Some(format!(
            "{}#{}",
            self.config.url(&page.site_path),
            heading.id
        ))
    }

    /// Adds the printable form and the interactive checklist's settings to a page context.
    fn insert_checklist_context(
        &self,
        context: &mut tera::Context,
        definition: &Definition,
        lang: &str,
    ) {
        let guide_url = |guide: &str| self.guide_url(lang, guide);
        context.insert(
            "checklist",
            &checklist::form_view(definition, lang, &guide_url),
        );
        let strings = serde_json::to_string(&self.translations.with_prefix(lang, "checklist."))
            .expect("strings always serialize");
        context.insert(
            "checklist_app",
            &json!({
                "definition_url": self.config.url(&checklist_definition_path(lang)),
                "wasm_url": self.config.url("static/checklist/checklist_bg.wasm"),
                "loader_url": self.config.url("static/checklist-loader.js"),
                "css_url": self.config.url("static/checklist.css"),
                "strings": strings,
            }),
        );
    }

    /// Renders the search page or the print view of one language.
    fn render_generated(
        &self,
        generated: GeneratedPage,
        lang: &str,
        nav: &[NavItem],
        pages_html: &[RenderedPage],
    ) -> Result<OutputFile, Problem> {
        let site_path_in = |code: &str| self.generated_site_path(generated, code);
        let site_path = site_path_in(lang);
        let mut context = self.base_context(lang, &site_path_in, nav, None);
        context.insert("all_pages", nav);
        let title = self.trans(lang, generated.title_key());
        context.insert(
            "page",
            &json!({
                "title": title,
                "description": self.config.language(lang).map(|language| language.description.clone()),
                "url": self.config.url(&site_path),
                "canonical": self.config.absolute_url(&site_path),
                "toc": [],
            }),
        );
        match generated {
            GeneratedPage::Search => {}
            GeneratedPage::Print => {
                let sections: Vec<Value> = self
                    .content
                    .pages
                    .iter()
                    .zip(pages_html)
                    .filter(|(page, _)| page.lang == lang && page.template() == "page")
                    .map(|(page, rendered)| {
                        json!({
                            "anchor": format!("page-{}", page.key),
                            "title": page.front.title,
                            "html": prefix_ids(&rendered.html, &format!("{}--", page.key)),
                        })
                    })
                    .collect();
                context.insert("sections", &sections);
            }
        }
        let html = self.templates.render(generated.template(), &context)?;
        Ok(OutputFile {
            path: format!("{site_path}index.html"),
            bytes: html.into_bytes(),
        })
    }

    /// Tells whether a language gets the print view of the whole guide on one page. A site of
    /// thousands of pages would make it one huge document no browser prints well; there,
    /// every page's own print stylesheet is the print view.
    fn has_print_view(&self, lang: &str) -> bool {
        self.content
            .pages_in(lang)
            .take(PRINT_VIEW_PAGE_LIMIT + 1)
            .count()
            <= PRINT_VIEW_PAGE_LIMIT
    }

    /// Collects what the search index of one language is built from: every section of its
    /// pages and, on its checklist page, every question (see `search`).
    pub fn search_index_input(
        &self,
        lang: &str,
        pages_html: &[RenderedPage],
    ) -> crate::search::IndexInput {
        let pages: Vec<crate::search::IndexedPage> = self
            .content
            .pages
            .iter()
            .zip(pages_html)
            .zip(&self.outlines)
            .filter(|((page, _), _)| page.lang == lang)
            .map(|((page, rendered), headings)| crate::search::IndexedPage {
                page,
                rendered,
                headings,
                url: self.config.url(&page.site_path),
            })
            .collect();
        let checklist_page = pages
            .iter()
            .find(|indexed| indexed.page.template() == "checklist");
        let checklist = self
            .checklist
            .as_ref()
            .zip(checklist_page)
            .map(|(definition, indexed)| crate::search::IndexedChecklist {
                definition,
                title: indexed.page.front.title.clone(),
                url: indexed.url.clone(),
            });
        let folder = if self.preview {
            crate::search::IndexFolder::Fixed
        } else {
            crate::search::IndexFolder::ContentHash
        };
        crate::search::index_input(lang, &self.synonyms, &pages, checklist.as_ref(), folder)
    }

    /// Returns the languages with their home URLs, for the root and 404 pages.
    fn language_choices(&self) -> Vec<Value> {
        self.config
            .languages
            .iter()
            .map(|language| {
                json!({
                    "code": language.code,
                    "name": language.name,
                    "title": language.title,
                    "description": language.description,
                    "url": self.config.url(&format!("{}/", language.code)),
                })
            })
            .collect()
    }

    fn root_context(&self) -> tera::Context {
        let mut context = tera::Context::new();
        let languages = self.language_choices();
        let default_language = languages
            .iter()
            .find(|language| language["code"] == self.config.default_language.as_str())
            .cloned()
            .unwrap_or(Value::Null);
        context.insert("languages", &languages);
        context.insert("default_language", &default_language);
        context.insert("assets", &self.assets());
        context.insert("canonical", &self.config.absolute_url(""));
        context.insert("alternates", &self.alternates(&|code| format!("{code}/")));
        context
    }

    /// Renders the root page, where a reader without JavaScript chooses a language.
    fn render_root(&self) -> Result<OutputFile, Problem> {
        let html = self.templates.render("root.html", &self.root_context())?;
        Ok(OutputFile {
            path: "index.html".into(),
            bytes: html.into_bytes(),
        })
    }

    /// Renders the one 404 page, in every language, since servers serve a single file.
    fn render_not_found(&self) -> Result<OutputFile, Problem> {
        let html = self.templates.render("404.html", &self.root_context())?;
        Ok(OutputFile {
            path: "404.html".into(),
            bytes: html.into_bytes(),
        })
    }

    /// Returns every former URL of a page and the URL it moved to, both with the base path.
    fn redirects(&self) -> Vec<Redirect> {
        self.content
            .pages
            .iter()
            .flat_map(|page| {
                page.alias_paths.iter().map(|alias| Redirect {
                    from: self.config.url(alias),
                    to: self.config.url(&page.site_path),
                })
            })
            .collect()
    }

    /// Renders a small page at each former URL that sends the reader on to the page's URL:
    /// a meta refresh (no script), a visible link, a canonical link to the new URL, and
    /// `noindex`. Redirect pages are left out of the sitemap, the search index and the
    /// navigation.
    fn render_redirects(&self) -> Vec<Result<OutputFile, Problem>> {
        self.content
            .pages
            .iter()
            .flat_map(|page| {
                page.alias_paths.iter().map(move |alias| {
                    let mut context = tera::Context::new();
                    context.insert("lang", &page.lang);
                    context.insert("title", &page.front.title);
                    context.insert("target_url", &self.config.url(&page.site_path));
                    context.insert("canonical", &self.config.absolute_url(&page.site_path));
                    context.insert("assets", &self.assets());
                    let html = self.templates.render("redirect.html", &context)?;
                    Ok(OutputFile {
                        path: format!("{alias}index.html"),
                        bytes: html.into_bytes(),
                    })
                })
            })
            .collect()
    }

    /// Renders `sitemap.xml` with every page and its language alternates.
    fn render_sitemap(&self) -> Result<OutputFile, Problem> {
        let entries: Vec<Value> = self
            .content
            .pages
            .iter()
            .map(|page| {
                let site_path_in = |lang: &str| self.translation_site_path(&page.key, lang);
                json!({
                    "loc": self.config.absolute_url(&page.site_path),
                    "lastmod": page.reviewed.map(|date| date.to_string()),
                    "alternates": self.alternates(&site_path_in),
                })
            })
            .collect();
        let mut context = tera::Context::new();
        context.insert("entries", &entries);
        let xml = self.templates.render("sitemap.xml", &context)?;
        Ok(OutputFile {
            path: "sitemap.xml".into(),
            bytes: xml.into_bytes(),
        })
    }

    fn robots_txt(&self) -> String {
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            self.config.absolute_url("sitemap.xml")
        )
    }
}

impl LinkResolver for Site {
    fn image(&self, from: &Page, file: &str) -> Result<ImageRef, String> {
        let image = self.images.find(&from.lang, file)?;
        Ok(ImageRef {
            url: self.config.url(&image.output_path),
            width: image.width,
            height: image.height,
        })
    }

    fn section_link_label(&self, page: &Page, heading: &str) -> String {
        self.trans(&page.lang, SECTION_LINK_KEY)
            .replace("{heading}", heading)
    }

    fn resolve(&self, from: &Page, file: &str, fragment: Option<&str>) -> Result<String, String> {
        let key = file.trim_end_matches(".md");
        let Some(position) = self.content.position(&from.lang, key) else {
            let keys: Vec<&str> = self
                .content
                .pages_in(&from.lang)
                .map(|page| page.key.as_str())
                .collect();
            let hint = suggest(key, &keys)
                .map(|known| format!(" (did you mean `{known}.md`?)"))
                .unwrap_or_default();
            return Err(format!(
                "link to `{file}` matches no page in `{CONTENT_DIR}/{}/`{hint}",
                from.lang
            ));
        };
        let target = &self.content.pages[position];
        let url = self.config.url(&target.site_path);
        match fragment {
            None => Ok(url),
            Some(fragment) => {
                let headings = &self.outlines[position];
                if headings.iter().any(|heading| heading.id == fragment) {
                    Ok(format!("{url}#{fragment}"))
                } else {
                    let ids: Vec<&str> =
                        headings.iter().map(|heading| heading.id.as_str()).collect();
                    let hint = suggest(fragment, &ids)
                        .map(|known| format!(" (did you mean `#{known}`?)"))
                        .unwrap_or_default();
                    Err(format!(
                        "link to `{file}#{fragment}` matches no heading of `{}`{hint}",
                        target.source_path.display()
                    ))
                }
            }
        }
    }
}

/// Runs the checks of loaded content that look at more than one page: section keys across
/// translations, the checklist's guide links, the ask-the-vendor questions against the
/// checklist; and the terminology of the pages in `prose`
/// (with the checklist's and the theme's texts). One place, for `Site::load` and
/// `Site::check_content`.
fn check_content(
    root: &Path,
    config: &Config,
    content: &Content,
    theme: &Theme,
    outlines: &[Vec<Heading>],
    checklist: Option<&Definition>,
    prose: &Content,
) -> Vec<Problem> {
    let mut problems = sections::check(content, outlines);
    problems.extend(checklist::check_against_site(
        checklist, config, content, outlines,
    ));
    if let Some(definition) = checklist {
        problems.extend(ask_the_vendor(definition, content));
    }
    match crate::terminology::load(root, config) {
        Ok(lists) => problems.extend(crate::terminology::check_site(root, &lists, prose, theme)),
        Err(found) => problems.extend(found),
    }
    problems
}

/// The UI string that names a heading's permalink; `{heading}` is the heading's text.
const SECTION_LINK_KEY: &str = "section_link";

/// Returns every UI string key the generator looks up itself (not from a template): the
/// section link, dates, the generated pages' slugs and titles, and the callout titles.
fn generator_ui_keys() -> Vec<String> {
    let months = (1..=12).map(|month| format!("month.{month}"));
    let generated = GeneratedPage::ALL
        .into_iter()
        .flat_map(|page| [page.slug_key(), page.title_key()]);
    let callouts = markdown::CALLOUT_KINDS
        .iter()
        .map(|kind| format!("callout.{kind}"));
    [SECTION_LINK_KEY, "date_format"]
        .into_iter()
        .chain(generated)
        .map(String::from)
        .chain(months)
        .chain(callouts)
        .collect()
}

/// Reports UI strings the generator looks up itself (not from a template) that a language
/// lacks, so a theme override cannot leave a raw key on the page.
fn check_generator_ui_strings(translations: &Translations, config: &Config) -> Vec<Problem> {
    let keys = generator_ui_keys();
    let mut problems = Vec::new();
    for language in &config.languages {
        for key in &keys {
            if let Err(message) = translations.get(&language.code, key) {
                problems.push(Problem::new(
                    format!("theme/i18n/{}.toml", language.code),
                    0,
                    message,
                ));
            }
        }
    }
    problems
}

/// Up to this many pages per language, the print view holds the whole guide.
const PRINT_VIEW_PAGE_LIMIT: usize = 100;
/// Checks every ask-the-vendor question of every page: it carries a marker, and each id the
/// marker names is a question of the checklist.
fn ask_the_vendor(
    definition: &checklist_core::definition::Definition,
    content: &Content,
) -> Vec<Problem> {
    let (asked, found): (Vec<_>, Vec<_>) = content.pages.iter().map(ask::questions).unzip();
    let mut problems: Vec<Problem> = found.into_iter().flatten().collect();
    problems.extend(ask::check_against_checklist(definition, content, &asked));
    problems
}

/// Where the checklist definition is published as JSON for the wasm engine.
const CHECKLIST_DEFINITION_PATH: &str = "static/checklist/checklist.json";

/// Where one language's checklist page finds its definition: the full definition narrowed
/// to that language (`checklist::definition_json_in`). The full file stays beside it for
/// tools and tests that need every language.
fn checklist_definition_path(lang: &str) -> String {
    format!("static/checklist/{lang}/checklist.json")
}

/// Up to this many pages per language, every page lists them all in its navigation.
const FULL_NAVIGATION_LIMIT: usize = 40;
/// On larger sites, a page lists this many neighbours on each side, and links to all pages.
const NAVIGATION_NEIGHBOURS: usize = 7;

/// Returns the part of a language's navigation a page shows, and whether it is cut short.
/// Small sites show every page; large ones show the home page and the page's neighbours, so
/// each page's size and render time stay the same however many pages the site has.
fn navigation_window(nav: &[NavItem], position: Option<usize>) -> (&[NavItem], bool) {
    let (range, truncated) = navigation_range(nav.len(), position);
    (&nav[range], truncated)
}

/// Returns the positions, in a navigation of `len` pages, that the page at `position` lists,
/// and whether that is fewer than all: the one rule behind `navigation_window`.
fn navigation_range(len: usize, position: Option<usize>) -> (std::ops::Range<usize>, bool) {
    if len <= FULL_NAVIGATION_LIMIT {
        return (0..len, false);
    }
    let center = position.unwrap_or(0);
    let start = center
        .saturating_sub(NAVIGATION_NEIGHBOURS)
        .min(len - (2 * NAVIGATION_NEIGHBOURS + 1));
    (start..start + 2 * NAVIGATION_NEIGHBOURS + 1, true)
}

/// Returns the positions, in a language's navigation of `len` pages, of the pages whose
/// output shows the title of the page at `position`: those whose navigation lists it, and
/// its neighbours, whose pager links to it.
pub fn pages_showing_title_of(len: usize, position: usize) -> Vec<usize> {
    (0..len)
        .filter(|&other| {
            navigation_range(len, Some(other)).0.contains(&position)
                || other.abs_diff(position) == 1
        })
        .collect()
}

/// What a page template sees as `page`, borrowed so the page's HTML is copied only once,
/// into the template context.
#[derive(Serialize)]
struct PageView<'a> {
    title: &'a str,
    description: &'a str,
    key: &'a str,
    url: &'a str,
    canonical: &'a str,
    html: &'a str,
    toc: &'a [crate::markdown::TocEntry],
    previous: Option<&'a NavItem>,
    next: Option<&'a NavItem>,
    reviewed: Option<ReviewedView>,
}

/// A page's review date as templates see it: `YYYY-MM-DD` for `<time datetime>`, and the
/// date written in the page's language.
#[derive(Serialize)]
struct ReviewedView {
    date: String,
    text: String,
}

/// A navigation entry.
#[derive(Debug, Clone, Serialize)]
struct NavItem {
    title: String,
    description: String,
    url: String,
}

/// Prefixes every `id` and in-page `#` link of rendered page HTML, so pages can share one
/// document (the print view) without clashing ids. Page HTML has no author HTML, so these
/// attribute patterns only occur as attributes.
fn prefix_ids(html: &str, prefix: &str) -> String {
    const PATTERNS: [&str; 2] = [" id=\"", " href=\"#"];
    let find_from = |pattern: &str, from: usize| html[from..].find(pattern).map(|at| from + at);
    let mut next = PATTERNS.map(|pattern| find_from(pattern, 0));
    let mut out = String::with_capacity(html.len() + 256);
    let mut copied = 0;
    // Each pattern's next match is looked up again only after it was used: one pass.
    while let Some((which, at)) = next
        .iter()
        .enumerate()
        .filter_map(|(which, at)| at.map(|at| (which, at)))
        .min_by_key(|(_, at)| *at)
    {
        let end = at + PATTERNS[which].len();
        out.push_str(&html[copied..end]);
        out.push_str(prefix);
        copied = end;
        next[which] = find_from(PATTERNS[which], end);
    }
    out.push_str(&html[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nav(count: usize) -> Vec<NavItem> {
        (0..count)
            .map(|index| NavItem {
                title: format!("Page {index}"),
                description: String::new(),
                url: format!("/en/{index}/"),
            })
            .collect()
    }

    #[test]
    fn print_view_ids_and_fragment_links_get_the_page_prefix() {
        let html = r##"<h2 id="a">A</h2><p><a href="#a">x</a> <a href="/en/b/#c">y</a></p>"##;
        assert_eq!(
            prefix_ids(html, "soc-2--"),
            r##"<h2 id="soc-2--a">A</h2><p><a href="#soc-2--a">x</a> <a href="/en/b/#c">y</a></p>"##
        );
    }

    #[test]
    fn small_sites_list_every_page() {
        let pages = nav(FULL_NAVIGATION_LIMIT);
        let (window, truncated) = navigation_window(&pages, Some(3));
        assert_eq!(window.len(), FULL_NAVIGATION_LIMIT);
        assert!(!truncated);
    }

    #[test]
    fn a_title_shows_on_exactly_the_pages_that_list_it_or_page_to_it() {
        for len in [
            1,
            2,
            11,
            FULL_NAVIGATION_LIMIT,
            FULL_NAVIGATION_LIMIT + 1,
            300,
        ] {
            let pages = nav(len);
            for position in 0..len {
                let expected: Vec<usize> = (0..len)
                    .filter(|&other| {
                        let (window, _) = navigation_window(&pages, Some(other));
                        window.iter().any(|item| item.url == pages[position].url)
                            || other + 1 == position
                            || position + 1 == other
                    })
                    .collect();
                assert_eq!(
                    pages_showing_title_of(len, position),
                    expected,
                    "{len} pages, position {position}"
                );
            }
        }
        assert_eq!(pages_showing_title_of(5000, 2500).len(), 15);
    }

    #[test]
    fn large_sites_list_the_neighbours_of_the_page() {
        let pages = nav(5000);
        let size = 2 * NAVIGATION_NEIGHBOURS + 1;
        for (position, first) in [
            (0, 0),
            (3, 0),
            (2500, 2500 - NAVIGATION_NEIGHBOURS),
            (4999, 5000 - size),
        ] {
            let (window, truncated) = navigation_window(&pages, Some(position));
            assert!(truncated);
            assert_eq!(window.len(), size, "position {position}");
            assert_eq!(window[0].url, pages[first].url, "position {position}");
            assert!(
                window.iter().any(|item| item.url == pages[position].url),
                "the page itself is listed"
            );
        }
    }
}
