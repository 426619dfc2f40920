//! The pages no author writes: per language the search page and the print view, and for the
//! whole site the root page, the 404 page, the redirect pages at moved pages' former URLs,
//! `sitemap.xml` and `robots.txt`.

use serde_json::{json, Value};

use crate::diagnostics::Problem;
use crate::markdown::RenderedPage;
use crate::output::PageKind;

use super::navigation::NavItem;
use super::urls::InLanguage;
use super::{OutputFile, Site};

/// A page the generator adds to every language: search and the print view.
#[derive(Debug, Clone, Copy)]
pub(super) enum GeneratedPage {
    Search,
    Print,
}

impl GeneratedPage {
    pub(super) const ALL: [GeneratedPage; 2] = [GeneratedPage::Search, GeneratedPage::Print];

    pub(super) fn slug_key(self) -> &'static str {
        match self {
            GeneratedPage::Search => "slug.search",
            GeneratedPage::Print => "slug.print",
        }
    }

    pub(super) fn title_key(self) -> &'static str {
        match self {
            GeneratedPage::Search => "search_title",
            GeneratedPage::Print => "print_title",
        }
    }

    pub(super) fn template(self) -> &'static str {
        match self {
            GeneratedPage::Search => "search.html",
            GeneratedPage::Print => "print.html",
        }
    }
}

/// Up to this many pages per language, the print view holds the whole guide.
const PRINT_VIEW_PAGE_LIMIT: usize = 100;

impl Site {
    /// Renders the search page or the print view of one language.
    pub(super) fn render_generated(
        &self,
        generated: GeneratedPage,
        lang: &str,
        nav: &[NavItem],
        pages_html: &[RenderedPage],
    ) -> Result<OutputFile, Problem> {
        let site_path_in =
            |code: &str| InLanguage::translated(self.generated_site_path(generated, code));
        let site_path = site_path_in(lang).site_path;
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
                            "lang": page.fallback_of,
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
        let kind = match generated {
            GeneratedPage::Search => PageKind::Search,
            GeneratedPage::Print => PageKind::Print,
        };
        Ok(OutputFile::page(
            kind,
            format!("{site_path}index.html"),
            html.into_bytes(),
        ))
    }

    /// Tells whether a language gets the print view of the whole guide on one page. A site of
    /// thousands of pages would make it one huge document no browser prints well; there,
    /// every page's own print stylesheet is the print view. Every page asks (its header links
    /// the print view), so this counts nothing.
    pub(super) fn has_print_view(&self, lang: &str) -> bool {
        self.content.page_count(lang) <= PRINT_VIEW_PAGE_LIMIT
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
        context.insert(
            "alternates",
            &self.alternates(&|code| InLanguage::translated(format!("{code}/"))),
        );
        context
    }

    /// Renders the root page, where a reader without JavaScript chooses a language.
    pub(super) fn render_root(&self) -> Result<OutputFile, Problem> {
        let html = self.templates.render("root.html", &self.root_context())?;
        Ok(OutputFile::page(
            PageKind::Root,
            "index.html",
            html.into_bytes(),
        ))
    }

    /// Renders the one 404 page, in every language, since servers serve a single file.
    pub(super) fn render_not_found(&self) -> Result<OutputFile, Problem> {
        let html = self.templates.render("404.html", &self.root_context())?;
        Ok(OutputFile::page(
            PageKind::NotFound,
            "404.html",
            html.into_bytes(),
        ))
    }

    /// Renders a small page at each former URL that sends the reader on to the page's URL:
    /// a meta refresh (no script), a visible link, a canonical link to the new URL, and
    /// `noindex`. Redirect pages are left out of the sitemap, the search index and the
    /// navigation.
    pub(super) fn render_redirects(&self) -> Vec<Result<OutputFile, Problem>> {
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
                    Ok(OutputFile::page(
                        PageKind::Redirect,
                        format!("{alias}index.html"),
                        html.into_bytes(),
                    ))
                })
            })
            .collect()
    }

    /// Renders `sitemap.xml` with every page and its language alternates. Fallback pages are
    /// left out: their canonical URL is their original's, which is listed.
    pub(super) fn render_sitemap(&self) -> Result<OutputFile, Problem> {
        let entries: Vec<Value> = self
            .content
            .pages
            .iter()
            .filter(|page| !page.is_fallback())
            .map(|page| {
                let site_path_in = |lang: &str| self.page_in(page, lang);
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
        Ok(OutputFile::new("sitemap.xml", xml.into_bytes()))
    }

    pub(super) fn robots_txt(&self) -> String {
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            self.config.absolute_url("sitemap.xml")
        )
    }
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

    #[test]
    fn print_view_ids_and_fragment_links_get_the_page_prefix() {
        let html = r##"<h2 id="a">A</h2><p><a href="#a">x</a> <a href="/en/b/#c">y</a></p>"##;
        assert_eq!(
            prefix_ids(html, "soc-2--"),
            r##"<h2 id="soc-2--a">A</h2><p><a href="#soc-2--a">x</a> <a href="/en/b/#c">y</a></p>"##
        );
    }
}
