//! Every URL decision of the site: where generated pages live, where a page's translation
//! is, hreflang alternates, the theme's asset URLs, the former URLs of moved pages, and the
//! resolution of links from one page's file (and heading) to another page's URL.

use serde_json::{json, Value};

use crate::content::{Page, CONTENT_DIR};
use crate::diagnostics::suggest;
use crate::hosting::Redirect;
use crate::markdown::{ImageRef, LinkResolver};
use crate::sections;

use super::generated::GeneratedPage;
use super::Site;

/// Where a page is in one language.
pub(super) struct InLanguage {
    /// The page's site path in that language.
    pub(super) site_path: String,
    /// Whether that is a translation: an authored page in both languages, not a fallback.
    pub(super) translated: bool,
}

impl InLanguage {
    /// Returns a page that every language has in its own words, such as the generated ones.
    pub(super) fn translated(site_path: String) -> InLanguage {
        InLanguage {
            site_path,
            translated: true,
        }
    }
}

/// The UI string that names a heading's permalink; `{heading}` is the heading's text.
pub(super) const SECTION_LINK_KEY: &str = "section_link";

impl Site {
    pub(super) fn generated_site_path(&self, generated: GeneratedPage, lang: &str) -> String {
        format!("{lang}/{}/", self.trans(lang, generated.slug_key()))
    }

    /// Returns where a content page is in a language, and whether that is a translation of
    /// it. Every page has a version in every language (the content stage checks that, and
    /// makes fallback pages in fallback mode); the language's home page stands in should
    /// that change. A fallback page, or a page whose version in a language is one, has no
    /// translation there: its text is the original's.
    pub(super) fn page_in(&self, page: &Page, lang: &str) -> InLanguage {
        match self.content.page(lang, &page.key) {
            Some(version) => InLanguage {
                site_path: version.site_path.clone(),
                translated: !page.is_fallback() && !version.is_fallback(),
            },
            None => InLanguage {
                site_path: format!("{lang}/"),
                translated: false,
            },
        }
    }

    /// Returns, for every language, the URL of a page in it, for the language switcher, with
    /// whether it is a translation (only a translation is linked as an alternate).
    pub(super) fn translation_links(
        &self,
        current_lang: &str,
        site_path_in: &dyn Fn(&str) -> InLanguage,
    ) -> Vec<Value> {
        self.config
            .languages
            .iter()
            .map(|language| {
                let version = site_path_in(&language.code);
                json!({
                    "code": language.code,
                    "name": language.name,
                    "url": self.config.url(&version.site_path),
                    "current": language.code == current_lang,
                    "alternate": version.translated,
                })
            })
            .collect()
    }

    /// Returns the hreflang alternates of a page: the languages it is translated into, with
    /// `x-default` for the default language's. None on a fallback page, whose canonical
    /// link names its original, and no language whose version is a fallback page, so no
    /// pair of alternates claims a translation that does not exist.
    pub(super) fn alternates(&self, site_path_in: &dyn Fn(&str) -> InLanguage) -> Vec<Value> {
        let mut alternates: Vec<Value> = self
            .config
            .languages
            .iter()
            .map(|language| (language, site_path_in(&language.code)))
            .filter(|(_, version)| version.translated)
            .map(|(language, version)| json!({ "hreflang": language.code, "href": self.config.absolute_url(&version.site_path) }))
            .collect();
        let default = site_path_in(&self.config.default_language);
        if default.translated {
            alternates.push(json!({
                "hreflang": "x-default",
                "href": self.config.absolute_url(&default.site_path),
            }));
        }
        alternates
    }

    pub(super) fn assets(&self) -> Value {
        json!({
            "css": self.config.url("static/style.css"),
            "icon": self.config.url("static/icon.svg"),
            "search_js": self.config.url("static/search.js"),
            "search_css": self.config.url("static/search.css"),
            "toc_js": self.config.url("static/toc.js"),
        })
    }

    /// Returns every former URL of a page and the URL it moved to, both with the base path.
    pub(super) fn redirects(&self) -> Vec<Redirect> {
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

    /// Resolves a question's `guide` link (`page.md#key`, a section key) to the URL of the
    /// section in a language, with that language's heading id as the fragment.
    pub(super) fn guide_url(&self, lang: &str, guide: &str) -> Option<String> {
        let (page, heading) = sections::resolve(&self.content, &self.outlines, lang, guide).ok()?;
        Some(format!(
            "{}#{}",
            self.config.url(&page.site_path),
            heading.id
        ))
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
