//! Page contexts: what a template sees when it renders a content page (the page, its
//! navigation, language switcher, alternates, assets, search and offline settings), and the
//! rendering of a content page with its template.

use serde::Serialize;
use serde_json::{json, Value};

use crate::content::Page;
use crate::diagnostics::Problem;
use crate::markdown::RenderedPage;
use crate::output::PageKind;
use crate::review::Date;

use super::generated::GeneratedPage;
use super::navigation::{navigation_window, NavItem};
use super::urls::InLanguage;
use super::{OutputFile, Site};

impl Site {
    /// Returns the context every page template shares. `position` is the page's place in
    /// `nav`, for pages that are in the navigation.
    pub(super) fn base_context(
        &self,
        lang: &str,
        site_path_in: &dyn Fn(&str) -> InLanguage,
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
            site_path_in(lang).site_path == self.generated_site_path(GeneratedPage::Search, lang);
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

    /// Returns what templates need for search: whether the page shows the header field (and
    /// the field, rendered for its language by `render_search_field`), and the URLs of the
    /// engine and the language's index.
    fn search_view(&self, lang: &str, header: bool) -> Value {
        let mut view = self.search_urls(lang);
        view["enabled"] = json!(self.config.search);
        view["header"] = json!(self.config.search && header);
        if self.config.search && header {
            // Missing only where rendering it failed, which `render_outputs` reported.
            view["field"] = json!(self
                .search_fields
                .read()
                .expect("no render thread panics while holding the search fields")
                .get(lang)
                .map_or("", String::as_str));
        }
        view
    }

    /// The URLs of the search engine and of a language's index.
    fn search_urls(&self, lang: &str) -> Value {
        json!({
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

    /// Renders a language's header search field (`search-field.html`) and keeps it for the
    /// language's pages: it is the same on every one of them, and rendering it once rather
    /// than on each page saves its seven translated strings per page (about 4 % of a build
    /// with search at 5,000 pages per language). Call it after the language's index folder is
    /// known.
    pub(super) fn render_search_field(&self, lang: &str) -> Result<(), Problem> {
        let mut context = tera::Context::new();
        context.insert("lang", lang);
        context.insert("search", &self.search_urls(lang));
        context.insert(
            "search_url",
            &self
                .config
                .url(&self.generated_site_path(GeneratedPage::Search, lang)),
        );
        let field = self.templates.render("search-field.html", &context)?;
        self.search_fields
            .write()
            .expect("no render thread panics while holding the search fields")
            .insert(lang.to_string(), field.trim().to_string());
        Ok(())
    }

    /// Renders one content page with its template; `position` is its place in `nav`.
    pub(super) fn render_page(
        &self,
        page: &Page,
        rendered: &RenderedPage,
        nav: &[NavItem],
        position: usize,
    ) -> Result<OutputFile, Problem> {
        let site_path_in = |lang: &str| self.page_in(page, lang);
        let mut context = self.base_context(&page.lang, &site_path_in, nav, Some(position));
        let url = self.config.url(&page.site_path);
        let previous = position.checked_sub(1).and_then(|index| nav.get(index));
        let next = nav.get(position + 1);
        // A fallback page names its original as canonical, and links to it from its notice.
        let original = page.fallback_of.as_deref().map(|lang| {
            let original = self.page_in(page, lang);
            OriginalView {
                lang,
                name: self
                    .config
                    .language(lang)
                    .map_or(lang, |language| language.name.as_str()),
                url: self.config.url(&original.site_path),
                absolute_url: self.config.absolute_url(&original.site_path),
            }
        });
        let canonical = match &original {
            Some(original) => original.absolute_url.clone(),
            None => self.config.absolute_url(&page.site_path),
        };
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
                original,
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
        let kind = if page.template() == "checklist" {
            PageKind::Checklist
        } else {
            PageKind::Guide
        };
        Ok(OutputFile::page(
            kind,
            format!("{}index.html", page.site_path),
            html.into_bytes(),
        ))
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
    original: Option<OriginalView<'a>>,
}

/// On a fallback page, its original as templates see it: the language of the text (for
/// `lang` attributes), that language's name, and the original's URLs.
#[derive(Serialize)]
struct OriginalView<'a> {
    lang: &'a str,
    name: &'a str,
    url: String,
    absolute_url: String,
}

/// A page's review date as templates see it: `YYYY-MM-DD` for `<time datetime>`, and the
/// date written in the page's language.
#[derive(Serialize)]
struct ReviewedView {
    date: String,
    text: String,
}
