//! Writes the corpus to disk, once per generator, each in that generator's native layout:
//! ours (`site.toml`, `content/<lang>/*.md` with `+++` front matter), Hugo (a minimal
//! multilingual site with its own theme files) and mdBook (one book per language). The
//! page bodies are the same Markdown; only front matter, link syntax and the layout differ.
//! What each layout leaves out or adds, and why that is fair, is in `bench/README.md`.
//!
//! Rewriting a corpus overwrites its files in place and prunes only files of an earlier
//! corpus, rather than deleting the folders first: freshly deleted inodes slow down every
//! file a build creates in the next minutes on this machine's filesystem (see `Trash`).

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::corpus::{Block, Corpus, Inline, Language, Page, Target, LANGUAGES};

/// Sizes of a written corpus, to print as a summary.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    /// Pages written per language and generator.
    pub pages_per_language: usize,
    /// Mean words per page body.
    pub mean_words: usize,
    /// Mean bytes per Markdown page in our format.
    pub mean_bytes: usize,
}

/// Writes the corpus under `dir`: `dir/ours`, `dir/hugo`, `dir/mdbook/<lang>`.
pub fn write_all(corpus: &Corpus, dir: &Path) -> Result<Summary> {
    let mut folder = CorpusFolder::default();
    let mut write_file = |path: &Path, text: &str| folder.write(path, text);
    write_file(&dir.join("ours/site.toml"), &our_config())?;
    write_file(&dir.join("hugo/hugo.toml"), &hugo_config())?;
    for (name, text) in HUGO_LAYOUTS {
        write_file(&dir.join("hugo").join(name), text)?;
    }
    let mut words = 0;
    let mut bytes = 0;
    for language in &LANGUAGES {
        let mut summary = String::from("# Summary\n\n");
        for position in 0..corpus.pages {
            let page = corpus.page(position, language);
            words += page.word_count();
            let ours = our_page(&page);
            bytes += ours.len();
            write_file(
                &dir.join(format!("ours/content/{}/{}.md", language.code, page.key)),
                &ours,
            )?;
            let hugo_name = if page.is_home() {
                "_index".to_string()
            } else {
                page.key.clone()
            };
            write_file(
                &dir.join(format!("hugo/content/{}/{hugo_name}.md", language.code)),
                &hugo_page(&page),
            )?;
            write_file(
                &dir.join(format!("mdbook/{}/src/{}.md", language.code, page.key)),
                &mdbook_page(&page),
            )?;
            // The home page is a prefix chapter; every other page is a numbered chapter.
            let bullet = if page.is_home() { "" } else { "- " };
            let _ = writeln!(summary, "{bullet}[{}]({}.md)", page.title, page.key);
            if page.is_home() {
                summary.push('\n');
            }
        }
        write_file(
            &dir.join(format!("mdbook/{}/src/SUMMARY.md", language.code)),
            &summary,
        )?;
        write_file(
            &dir.join(format!("mdbook/{}/book.toml", language.code)),
            &mdbook_config(language),
        )?;
    }
    for name in ["ours", "hugo", "mdbook"] {
        folder.prune(&dir.join(name))?;
    }
    let total = corpus.pages * LANGUAGES.len();
    Ok(Summary {
        pages_per_language: corpus.pages,
        mean_words: words / total.max(1),
        mean_bytes: bytes / total.max(1),
    })
}

/// The files written into a corpus folder so far, so that files of an earlier corpus can be pruned.
#[derive(Debug, Default)]
struct CorpusFolder {
    written: HashSet<PathBuf>,
}

impl CorpusFolder {
    /// Writes a file, unless it already holds exactly this text.
    fn write(&mut self, path: &Path, text: &str) -> Result<()> {
        self.written.insert(path.to_path_buf());
        if std::fs::read(path).is_ok_and(|bytes| bytes == text.as_bytes()) {
            return Ok(());
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create `{}`", parent.display()))?;
        }
        std::fs::write(path, text).with_context(|| format!("cannot write `{}`", path.display()))
    }

    /// Removes every file below `root` that this corpus did not write.
    fn prune(&self, root: &Path) -> Result<()> {
        for entry in walkdir::WalkDir::new(root) {
            let entry = entry.with_context(|| format!("cannot list `{}`", root.display()))?;
            if !entry.file_type().is_dir() && !self.written.contains(entry.path()) {
                std::fs::remove_file(entry.path())
                    .with_context(|| format!("cannot remove `{}`", entry.path().display()))?;
            }
        }
        Ok(())
    }
}

/// Quotes a string as a TOML basic string.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Renders a page body as Markdown, with links written by the layout's own rule.
fn body(page: &Page, link: &dyn Fn(&Target) -> String) -> String {
    let mut out = String::with_capacity(6000);
    for block in &page.blocks {
        match block {
            Block::Heading { level, text } => {
                let _ = writeln!(out, "{} {text}\n", "#".repeat(usize::from(*level)));
            }
            Block::Paragraph(inlines) => {
                for inline in inlines {
                    match inline {
                        Inline::Text(text) => out.push_str(text),
                        Inline::Link { text, target } => {
                            let _ = write!(out, "[{text}]({})", link(target));
                        }
                    }
                }
                out.push_str("\n\n");
            }
            Block::List(items) => {
                for item in items {
                    let _ = writeln!(out, "- {item}");
                }
                out.push('\n');
            }
            Block::Table { header, rows } => {
                let _ = writeln!(out, "| {} |", header.join(" | "));
                let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
                for row in rows {
                    let _ = writeln!(out, "| {} |", row.join(" | "));
                }
                out.push('\n');
            }
            Block::Code { lang, lines } => {
                let _ = writeln!(out, "```{lang}\n{}\n```\n", lines.join("\n"));
            }
        }
    }
    out
}

fn file_link(target: &Target) -> String {
    match &target.fragment {
        Some(fragment) => format!("{}.md#{fragment}", target.key),
        None => format!("{}.md", target.key),
    }
}

fn our_config() -> String {
    let mut out = String::from(
        "# Written by `bench corpus`: a synthetic site in the shape of the guide's own site.toml.\n\
         base_url = \"https://bench.example.com\"\nbase_path = \"/\"\ndefault_language = \"en\"\n\
         # The peers write no .gz copies, so ours does not either: the same work, the same bytes.\n\
         precompress = false\n",
    );
    for language in &LANGUAGES {
        let _ = write!(
            out,
            "\n[[languages]]\ncode = \"{}\"\nname = \"{}\"\ntitle = {}\ndescription = {}\n",
            language.code,
            language.name,
            toml_string(language.title),
            toml_string(language.description)
        );
    }
    out.push_str("\n[publisher]\nname = \"Bench Publisher\"\nemail = \"bench@example.com\"\nphone = \"+44 20 0000 0000\"\n");
    out
}

fn our_page(page: &Page) -> String {
    page_with_front_matter(page, "order", &file_link)
}

/// Writes a page with `+++` TOML front matter, which both we and Hugo read; they differ only
/// in the key of the position and in how a link to another page is written.
fn page_with_front_matter(
    page: &Page,
    order_key: &str,
    link: &dyn Fn(&Target) -> String,
) -> String {
    let mut out = format!(
        "+++\ntitle = {}\ndescription = {}\n{order_key} = {}\n",
        toml_string(&page.title),
        toml_string(&page.description),
        page.order
    );
    if let Some(slug) = &page.slug {
        let _ = writeln!(out, "slug = {}", toml_string(slug));
    }
    out.push_str("+++\n\n");
    out.push_str(&body(page, link));
    out
}

fn hugo_config() -> String {
    let mut out = String::from(
        "# Written by `bench corpus`: a minimal multilingual Hugo site.\n\
         baseURL = \"https://bench.example.com/\"\n\
         defaultContentLanguage = \"en\"\n\
         defaultContentLanguageInSubdir = true\n\
         # We have no taxonomies and no feeds, so Hugo is not asked to build them either.\n\
         disableKinds = [\"taxonomy\", \"term\", \"RSS\"]\n\
         \n[markup.highlight]\n\
         # Our generator does not highlight code, so Hugo does not either.\n\
         codeFences = false\n\
         \n[markup.tableOfContents]\nstartLevel = 2\nendLevel = 3\n",
    );
    for (weight, language) in LANGUAGES.iter().enumerate() {
        let _ = write!(
            out,
            "\n[languages.{code}]\ncontentDir = \"content/{code}\"\nlanguageName = \"{}\"\ntitle = {}\nweight = {}\n",
            language.name,
            toml_string(language.title),
            weight + 1,
            code = language.code,
        );
    }
    out
}

fn hugo_page(page: &Page) -> String {
    // `relref` is Hugo's checked link to another content file, as ours checks `page.md` links.
    page_with_front_matter(page, "weight", &|target| {
        format!("{{{{< relref \"{}\" >}}}}", file_link(target))
    })
}

/// Hugo's theme: the same page structure as ours (head with canonical and hreflang, a
/// language switcher, the full navigation of the language, table of contents, pager).
const HUGO_LAYOUTS: &[(&str, &str)] = &[
    (
        "layouts/_default/baseof.html",
        r#"<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
<meta name="description" content="{{ .Description }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header class="site-header">
  <a class="site-title" href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
  <nav class="language-switcher"><ul>
  {{- range .AllTranslations }}
    <li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>
  {{- end }}
  </ul></nav>
</header>
<div class="layout">
  <nav class="site-nav"><ul>
  {{- /* The same navigation as ours: every page up to 40 pages, else a window of the page's
         7 neighbours on each side and a link to the list of all pages. */}}
  {{- $current := .RelPermalink }}
  {{- $pages := .Site.RegularPages }}
  {{- $window := $pages }}
  {{- if gt (len $pages) 40 }}
    {{- $index := 0 }}
    {{- range $i, $p := $pages }}{{ if eq $p.RelPermalink $current }}{{ $index = $i }}{{ end }}{{ end }}
    {{- $start := sub $index 7 }}{{ if lt $start 0 }}{{ $start = 0 }}{{ end }}
    {{- if gt (add $start 15) (len $pages) }}{{ $start = sub (len $pages) 15 }}{{ end }}
    {{- $window = first 15 (after $start $pages) }}
  {{- end }}
  {{- range $window }}
    <li><a href="{{ .RelPermalink }}"{{ if eq .RelPermalink $current }} aria-current="page"{{ end }}>{{ .Title }}</a></li>
  {{- end }}
  </ul>
  {{- if gt (len $pages) 40 }}<p><a href="{{ .Site.Home.RelPermalink }}">All pages</a></p>{{ end }}
  </nav>
  <main id="main">
{{ block "main" . }}{{ end }}
  </main>
</div>
<footer class="site-footer"><p>Bench Publisher</p></footer>
</body>
</html>
"#,
    ),
    (
        "layouts/_default/single.html",
        r#"{{ define "main" }}<article class="page">
  <h1>{{ .Title }}</h1>
  <nav class="toc">{{ .TableOfContents }}</nav>
  <div class="prose">
{{ .Content }}
  </div>
  <nav class="pager">
  {{- with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
  {{- with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
  </nav>
</article>{{ end }}
"#,
    ),
    (
        "layouts/_default/list.html",
        r#"{{ define "main" }}<article class="page">
  <h1>{{ .Title }}</h1>
  <div class="prose">
{{ .Content }}
  </div>
</article>{{ end }}
"#,
    ),
    (
        "static/style.css",
        "body { font-family: sans-serif; max-width: 70rem; margin: auto; }\n",
    ),
];

fn mdbook_config(language: &Language) -> String {
    format!(
        "# Written by `bench corpus`: one book per language, mdBook's defaults (search index and print page on).\n\
         [book]\ntitle = {}\nlanguage = \"{}\"\nsrc = \"src\"\n",
        toml_string(language.title),
        language.code
    )
}

fn mdbook_page(page: &Page) -> String {
    // mdBook has no front matter: the title is the chapter's first heading.
    format!("# {}\n\n{}", page.title, body(page, &file_link))
}
