//! Pairing across languages: reports a page without a translation in every language, and two
//! pages (or a page and a former URL) that would be written to the same URL.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::diagnostics::Problem;

use super::{Content, Page, CONTENT_DIR};

impl Content {
    /// Reports pages whose translation is missing in some language.
    pub(super) fn check_translations(
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
    pub(super) fn check_unique_urls(&self) -> Vec<Problem> {
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
