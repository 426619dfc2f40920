//! The theme: Tera templates, static assets and per-language UI strings. The default theme
//! in the repository's `theme/` folder is compiled into the binary, so `build` works from any
//! directory; a site overrides or adds files one at a time by placing them at the same path
//! in its own `theme/` folder (e.g. `theme/templates/page.html`). This table is the one
//! place that lists the embedded files.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{relative_path, Problem, Problems};

/// The folder, under the site root, whose files override the embedded theme.
pub const THEME_DIR: &str = "theme";

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../theme/", $name)) as &[u8])),*]
    };
}

/// Every file of the default theme, by its path inside `theme/`.
const EMBEDDED: &[(&str, &[u8])] = embed![
    "templates/base.html",
    "templates/head-meta.html",
    "templates/page.html",
    "templates/checklist.html",
    "templates/search.html",
    "templates/search-field.html",
    "templates/print.html",
    "templates/root.html",
    "templates/404.html",
    "templates/redirect.html",
    "templates/sitemap.xml",
    "static/style.css",
    "static/search.js",
    "static/search.css",
    "static/icon.svg",
    "static/checklist-loader.js",
    "static/checklist.css",
    "static/toc.js",
    "static/offline.js",
    "service-worker.js",
    "i18n/en.toml",
    "i18n/de.toml",
];

/// The checklist engine's built bundle (see `scripts/build-checklist-wasm.sh`), committed
/// so that building the site never needs the wasm toolchain.
const CHECKLIST_BUNDLE: &[(&str, &[u8])] = &[
    (
        "static/checklist/checklist.js",
        include_bytes!("../../checklist-wasm/pkg/checklist.js"),
    ),
    (
        "static/checklist/checklist_bg.wasm",
        include_bytes!("../../checklist-wasm/pkg/checklist_bg.wasm"),
    ),
    // The vendors' response mode (`?respond`), loaded only there.
    (
        "static/checklist/respond.js",
        include_bytes!("../../checklist-wasm/pkg/respond.js"),
    ),
    (
        "static/checklist/respond_bg.wasm",
        include_bytes!("../../checklist-wasm/pkg/respond_bg.wasm"),
    ),
    // The workspace's on-demand module (imports, share links, CSV, comparison report),
    // loaded on first use of one of them.
    (
        "static/checklist/ondemand.js",
        include_bytes!("../../checklist-wasm/pkg/ondemand.js"),
    ),
    (
        "static/checklist/ondemand_bg.wasm",
        include_bytes!("../../checklist-wasm/pkg/ondemand_bg.wasm"),
    ),
];

/// The search engine's built bundle (see `scripts/build-search-wasm.sh`), committed for the
/// same reason; pages fetch it on the first keystroke in a search field.
const SEARCH_BUNDLE: &[(&str, &[u8])] = &[
    (
        "static/search/search.js",
        include_bytes!("../../search-wasm/pkg/search.js"),
    ),
    (
        "static/search/search_bg.wasm",
        include_bytes!("../../search-wasm/pkg/search_bg.wasm"),
    ),
];

/// One theme file and where it came from.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// The file's bytes.
    pub bytes: Cow<'static, [u8]>,
    /// Where the file came from, for messages: `theme/templates/page.html`.
    pub origin: PathBuf,
}

impl ThemeFile {
    /// Returns the file as text, or a problem naming it when it is not UTF-8.
    pub fn text(&self) -> Result<&str, Problem> {
        std::str::from_utf8(&self.bytes)
            .map_err(|_| Problem::new(&self.origin, 0, "file is not UTF-8 text: save it as UTF-8"))
    }
}

/// The theme of one site: the embedded files with the site's overrides applied.
#[derive(Debug, Clone)]
pub struct Theme {
    files: BTreeMap<String, ThemeFile>,
}

impl Theme {
    /// Loads the embedded theme and applies the overrides in the site's `theme/` folder.
    pub fn load(root: &Path) -> Result<Theme, Problems> {
        let mut files: BTreeMap<String, ThemeFile> = EMBEDDED
            .iter()
            .chain(CHECKLIST_BUNDLE)
            .chain(SEARCH_BUNDLE)
            .map(|(name, bytes)| {
                (
                    name.to_string(),
                    ThemeFile {
                        bytes: Cow::Borrowed(*bytes),
                        origin: Path::new(THEME_DIR).join(name),
                    },
                )
            })
            .collect();
        let mut problems = Problems::default();
        let override_dir = root.join(THEME_DIR);
        if override_dir.is_dir() {
            for entry in walkdir::WalkDir::new(&override_dir).sort_by_file_name() {
                let entry = match entry {
                    Ok(entry) => entry,
                    Err(error) => {
                        problems.push(Problem::new(THEME_DIR, 0, format!("cannot read: {error}")));
                        continue;
                    }
                };
                if !entry.file_type().is_file() {
                    continue;
                }
                let name = relative_path(&override_dir, entry.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                let origin = relative_path(root, entry.path());
                match std::fs::read(entry.path()) {
                    Ok(bytes) => {
                        files.insert(
                            name,
                            ThemeFile {
                                bytes: Cow::Owned(bytes),
                                origin,
                            },
                        );
                    }
                    Err(error) => {
                        problems.push(Problem::new(origin, 0, format!("cannot read: {error}")))
                    }
                }
            }
        }
        problems.into_result(Theme { files })
    }

    /// Returns a theme file by its path inside the theme, e.g. `templates/page.html`.
    pub fn file(&self, name: &str) -> Option<&ThemeFile> {
        self.files.get(name)
    }

    /// Returns the files below a folder of the theme, with names relative to that folder.
    pub fn files_in<'a>(
        &'a self,
        folder: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a ThemeFile)> + 'a {
        self.files.iter().filter_map(move |(name, file)| {
            name.strip_prefix(folder)
                .and_then(|rest| rest.strip_prefix('/'))
                .map(|rest| (rest, file))
        })
    }
}
