//! Rendering: turns the loaded site into output files in memory, the Markdown of every page
//! first and then the files a selection asks for, handing each to the caller as soon as it
//! is ready. It also gathers what each language's search index is built from.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::diagnostics::{Problem, Problems};
use crate::markdown::{self, RenderedPage};

use super::generated::GeneratedPage;
use super::navigation::NavItem;
use super::{OutputFile, Selection, Site};

impl Site {
    /// Renders every output file in memory, sorted by path, collecting every problem.
    pub fn render(&self) -> Result<Vec<OutputFile>, Problems> {
        let pages_html = self.render_markdown()?;
        self.render_selection(&pages_html, &Selection::Everything)
    }

    /// Renders the output files a selection asks for in memory, from the pages' rendered
    /// Markdown (`render_markdown`), sorted by path: the one collector behind `render` and
    /// `serve`'s rebuilds.
    pub fn render_selection(
        &self,
        pages_html: &[RenderedPage],
        selection: &Selection,
    ) -> Result<Vec<OutputFile>, Problems> {
        let files = std::sync::Mutex::new(Vec::new());
        self.render_outputs(pages_html, selection, &|file| {
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

    /// Renders the Markdown of the page at a position in `content.pages`; a fallback page's
    /// is its original's, in the original's language.
    pub fn render_page_markdown(&self, position: usize) -> Result<RenderedPage, Vec<Problem>> {
        let position = self.content.original(position);
        let page = &self.content.pages[position];
        markdown::render(
            page,
            &self.outlines[position],
            self,
            &|kind| self.trans(&page.lang, &format!("callout.{kind}")),
            self.config.search.then_some(&self.text_store),
        )
    }

    /// Renders the Markdown of every page, in the order of `content.pages`, collecting the
    /// problems of all of them.
    pub fn render_markdown(&self) -> Result<Vec<RenderedPage>, Problems> {
        let mut problems = Problems::default();
        let rendered: Vec<Result<RenderedPage, Vec<Problem>>> = (0..self.content.pages.len())
            .into_par_iter()
            .map(|position| {
                // A fallback page is its original's copy, so its problems are not reported twice.
                if self.content.pages[position].is_fallback() {
                    Ok(RenderedPage::default())
                } else {
                    self.render_page_markdown(position)
                }
            })
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
        for position in 0..pages_html.len() {
            let original = self.content.original(position);
            if original != position {
                pages_html[position] = pages_html[original].clone();
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
                // A search index file's folder is named by the index's content (in every
                // build that writes the offline worker), so its path, which the version
                // hashes too, already stands for its bytes: hashing them again would cost
                // a pass over the whole index.
                let digest = if crate::search::is_content_named(&file.path) {
                    [0; 32]
                } else {
                    crate::offline::digest(&file.bytes)
                };
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
        let navigation: BTreeMap<&str, Vec<NavItem>> = self
            .config
            .languages
            .iter()
            .filter(|language| wanted_language(&language.code))
            .map(|language| (language.code.as_str(), self.navigation(&language.code)))
            .collect();
        // Pages are grouped by language, so a page's place in its language's navigation is its
        // index minus where its language starts: no search per page.
        let mut language_pages: BTreeMap<&str, std::ops::Range<usize>> = BTreeMap::new();
        for (index, page) in self.content.pages.iter().enumerate() {
            language_pages
                .entry(page.lang.as_str())
                .or_insert(index..index)
                .end = index + 1;
        }
        // A language's index comes before its pages: they name its folder, which (but for
        // `serve`'s) is a hash of its files. Languages run side by side, each index then its
        // pages, so one language's pages render while the other's index is in its
        // single-threaded last step. A page rebuild of `serve` leaves the index out: at
        // thousands of pages it takes seconds, and `serve` builds it after the edited page is
        // served, in the folder pages already name.
        let build_indexes = self.config.search && matches!(selection, Selection::Everything);
        // Per language: its index, then the pages, which name the index's folder: its pages
        // and, beside them, its search page and print view (one large page each, rendered
        // whole on one thread). Languages run side by side, so one language's pages render
        // while the other's index is in its single-threaded last step.
        let language_problems: Vec<Problem> = self
            .config
            .languages
            .par_iter()
            .filter(|language| wanted_language(&language.code))
            .flat_map_iter(|language| {
                let lang = language.code.as_str();
                let nav = &navigation[lang];
                let mut found = Vec::new();
                if build_indexes {
                    found.extend(self.emit_search_index(lang, pages_html, emit));
                }
                if self.config.search {
                    found.extend(self.render_search_field(lang).err());
                }
                let range = language_pages.get(lang).cloned().unwrap_or_default();
                let start = range.start;
                let (pages, generated) = rayon::join(
                    || {
                        self.content.pages[range.clone()]
                            .par_iter()
                            .zip(&pages_html[range.clone()])
                            .enumerate()
                            .filter(|(position, _)| wanted_page(start + position))
                            .filter_map(|(position, (page, rendered))| {
                                self.render_page(page, rendered, nav, position)
                                    .and_then(emit)
                                    .err()
                            })
                            .collect::<Vec<Problem>>()
                    },
                    || {
                        let mut kinds = vec![GeneratedPage::Search];
                        if self.has_print_view(lang) {
                            kinds.push(GeneratedPage::Print);
                        }
                        kinds
                            .into_par_iter()
                            .filter_map(|kind| {
                                self.render_generated(kind, lang, nav, pages_html)
                                    .and_then(emit)
                                    .err()
                            })
                            .collect::<Vec<Problem>>()
                    },
                );
                found.extend(pages);
                found.extend(generated);
                found
            })
            .collect();
        problems.extend(language_problems);
        let mut files = Vec::with_capacity(16);
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
        files.push(OutputFile::new(
            "robots.txt",
            self.robots_txt().into_bytes(),
        ));
        files.extend(crate::hosting::host_files(
            &self.config.base_path,
            &self.redirects(),
        ));
        files.extend(self.checklist_definition_files());
        files.extend(self.images.output_files());
        for (name, file) in self.theme.files_in("static") {
            files.push(OutputFile::new(
                format!("static/{name}"),
                file.bytes.to_vec(),
            ));
        }
        // In parallel: images and theme files may be many.
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
                let file = OutputFile::new(
                    crate::offline::list_path(lang),
                    serde_json::to_vec(&list).expect("a list of strings serializes"),
                );
                problems.extend(written(file).err());
            }
            match crate::offline::worker(&self.theme, &version) {
                Ok(file) => problems.extend(written(file).err()),
                Err(problem) => problems.push(problem),
            }
        }
        problems.into_result(())
    }

    /// Builds one language's search index, notes its folder for the pages that name it, and
    /// hands its files to `emit`.
    fn emit_search_index(
        &self,
        lang: &str,
        pages_html: &[RenderedPage],
        emit: &(dyn Fn(OutputFile) -> Result<(), Problem> + Sync),
    ) -> Vec<Problem> {
        let texts = self.page_texts();
        // Each file goes to the writer as soon as it is ready (a large site's index is
        // thousands of files, as many bytes as its pages' texts).
        let (dir, refused) = self
            .search_index_input(lang, pages_html, &texts)
            .write(emit);
        drop(texts);
        self.index_dirs
            .write()
            .expect("no render thread panics while holding the index folders")
            .insert(lang.to_string(), dir);
        refused
    }

    /// Collects what the search index of one language is built from: every section of its
    /// pages and, on its checklist page, every question (see `search`), with the pages'
    /// section texts from their rendered Markdown (`pages_html`, in the order of
    /// `content.pages`), whose words are in `texts` (`Site::page_texts`).
    pub fn search_index_input<'t>(
        &self,
        lang: &str,
        pages_html: &[RenderedPage],
        texts: &'t str,
    ) -> crate::search::IndexInput<'t> {
        let pages: Vec<crate::search::IndexedPage> = self
            .content
            .pages
            .iter()
            .zip(&self.outlines)
            .enumerate()
            // A fallback page's text is in its original's language, and indexed there.
            .filter(|(_, (page, _))| page.lang == lang && !page.is_fallback())
            .map(|(position, (page, headings))| crate::search::IndexedPage {
                page,
                section_texts: &pages_html[position].section_texts,
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
        crate::search::index_input(
            lang,
            &self.synonyms,
            pages,
            texts,
            checklist.as_ref(),
            folder,
        )
    }
}
