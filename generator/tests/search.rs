//! Search relevance on the real site: each query of the tables must bring its expected section
//! (`page-url#heading-id`) or checklist question (`#q-<id>`) into the top 3 results. The index
//! is built in memory by the generator and queried by `search_core::Engine`, the code the
//! browser runs, through the same files.

use std::collections::BTreeMap;

use generator::site::{BuildOptions, Site};
use search_core::Engine;

mod common;

/// Loads the real site's index of a language into an engine with every chunk loaded.
fn engine(lang: &str) -> Engine {
    engine_of(&common::repo_root(), lang)
}

/// Renders a site, its files by path.
fn rendered_files(root: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    let site = Site::load(root, &BuildOptions::default()).expect("site loads");
    site.render()
        .expect("site renders")
        .into_iter()
        .map(|file| (file.path, file.bytes))
        .collect()
}

/// The folder of a language's index among a site's files, e.g. `search-index/en/<hash>/`.
fn index_dir(files: &BTreeMap<String, Vec<u8>>, lang: &str) -> String {
    files
        .keys()
        .find(|path| {
            path.starts_with(&format!("{}{lang}/", generator::search::INDEX_ROOT))
                && path.ends_with("/manifest.bin")
        })
        .expect("the language has an index")
        .trim_end_matches("manifest.bin")
        .to_string()
}

/// Loads a site's index of a language into an engine with every chunk loaded.
fn engine_of(root: &std::path::Path, lang: &str) -> Engine {
    let files = rendered_files(root);
    let dir = index_dir(&files, lang);
    let mut engine = Engine::new(&files[&format!("{dir}manifest.bin")]).expect("manifest reads");
    for number in 0..engine.manifest().term_chunks.len() {
        engine
            .add_term_chunk(number, &files[&format!("{dir}t/{number}.bin")])
            .expect("term chunk reads");
    }
    for number in 0..engine.manifest().fragment_chunks.len() {
        engine
            .add_fragment_chunk(number, &files[&format!("{dir}f/{number}.bin")])
            .expect("fragment chunk reads");
    }
    engine
}

/// Returns the URLs of the top results of a query, best first.
fn top(engine: &Engine, query: &str, count: usize) -> Vec<String> {
    let plan = engine.plan(query);
    engine
        .rank(&plan)
        .iter()
        .take(count)
        .filter_map(|hit| engine.fragment(hit.document))
        .map(|fragment| fragment.url.clone())
        .collect()
}

/// Checks every query of a table and reports all that miss their target at once.
#[track_caller]
fn check_relevance(lang: &str, table: &[(&str, &str)]) {
    let engine = engine(lang);
    let mut misses = Vec::new();
    for (query, expected) in table {
        let found = top(&engine, query, 3);
        if !found.iter().any(|url| url.ends_with(expected)) {
            misses.push(format!(
                "{query:?} → expected …{expected}, top 3: {found:?}"
            ));
        }
    }
    assert!(
        misses.is_empty(),
        "{} of {} queries missed:\n{}",
        misses.len(),
        table.len(),
        misses.join("\n")
    );
}

#[test]
fn english_queries_find_their_section_or_question_in_the_top_three() {
    check_relevance(
        "en",
        &[
            // Plain words and inflections.
            ("certified", "/en/certifications/"),
            (
                "certification process",
                "/en/iso-27001/#certification-process",
            ),
            (
                "statement of applicability",
                "/en/iso-27001/#statement-of-applicability",
            ),
            (
                "Annex A controls",
                "/en/iso-27001/#statement-of-applicability",
            ),
            ("breach notification", "/en/gdpr/#breach-notification"),
            ("72 hours", "/en/gdpr/#breach-notification"),
            ("fines", "/en/gdpr/#fines"),
            ("sub-processors", "/en/gdpr/#sub-processors"),
            ("subprocessor list", "#q-gdpr.subprocessors"),
            ("transfers outside the EEA", "/en/gdpr/#transfers"),
            ("controller processor", "/en/gdpr/#controller-and-processor"),
            ("Type II", "/en/soc-2/#type-i-and-type-ii"),
            (
                "trust services criteria",
                "/en/soc-2/#trust-services-criteria",
            ),
            ("COSO principles", "/en/soc-2/#coso-principles"),
            ("ISAE 3000", "/en/soc-2/#isae-3000"),
            ("reading a SOC 2 report", "/en/soc-2/#reading-the-report"),
            ("BSI C5", "/en/certifications/#bsi-c5"),
            (
                "uptime percentages",
                "/en/security-in-operation/#uptime-table",
            ),
            ("downtime", "/en/security-in-operation/#uptime"),
            ("internal audit", "/en/iso-27001/#external-vs-internal"),
            ("RFP", "/en/summary/#rfp"),
            (
                "weighing answers",
                "/en/evaluating-vendors/#weighing-answers",
            ),
            // Synonyms and abbreviations.
            ("DPA", "/en/gdpr/#dpa"),
            ("data processing agreement", "/en/gdpr/#dpa"),
            ("pen test", "#q-ir.pentest"),
            ("pentest", "#q-ir.pentest"),
            ("ISMS", "/en/iso-27001/#isms"),
            ("MFA", "#q-iam.sso_mfa"),
            ("2FA", "#q-iam.sso_mfa"),
            ("TOMs", "/en/gdpr/#security-of-processing"),
            ("single sign-on", "#q-iam.sso_mfa"),
            // Checklist questions.
            ("encrypted in transit", "#q-gdpr.encryption"),
            ("backups", "#q-avail.backup"),
            ("encryption at rest", "/en/encryption-and-keys/#encryption"),
            ("status page incident history", "#q-avail.history"),
            ("security awareness training", "#q-people.training"),
            ("retention periods recordings", "#q-gdpr.retention"),
            // Typing: the last word is a prefix.
            (
                "statement of applic",
                "/en/iso-27001/#statement-of-applicability",
            ),
            ("penetr", "#q-ir.pentest"),
            // Case and accents do not matter.
            ("BREACH NOTIFICATION", "/en/gdpr/#breach-notification"),
        ],
    );
}

#[test]
fn german_queries_find_their_section_or_question_in_the_top_three() {
    check_relevance(
        "de",
        &[
            // Inflections and compounds.
            (
                "Verschlüsselung",
                "/de/verschluesselung-und-schluessel/#verschluesselung",
            ),
            (
                "Verschlüsselungen",
                "/de/verschluesselung-und-schluessel/#verschluesselung",
            ),
            (
                "Zertifizierungsprozess",
                "/de/iso-27001/#zertifizierungsprozess",
            ),
            ("Zertifizierung", "/de/iso-27001/#zertifizierungsprozess"),
            (
                "Erklärung zur Anwendbarkeit",
                "/de/iso-27001/#erklaerung-zur-anwendbarkeit",
            ),
            ("Datenpannen melden", "/de/dsgvo/#meldepflicht"),
            ("72 Stunden", "/de/dsgvo/#meldepflicht"),
            ("Geldbußen", "/de/dsgvo/#bussgelder"),
            (
                "Unterauftragsverarbeiter",
                "/de/dsgvo/#unterauftragsverarbeiter",
            ),
            ("Standardvertragsklauseln", "/de/dsgvo/#drittlandtransfer"),
            (
                "Verantwortlicher Auftragsverarbeiter",
                "/de/dsgvo/#verantwortlicher-und-auftragsverarbeiter",
            ),
            ("Typ II", "/de/soc-2/#typ-i-und-typ-ii"),
            (
                "Trust Services Criteria",
                "/de/soc-2/#trust-services-criteria",
            ),
            (
                "Grundsätze interne Kontrolle",
                "/de/soc-2/#coso-grundsaetze",
            ),
            ("ISAE 3000", "/de/soc-2/#isae-3000"),
            ("SOC-2-Bericht lesen", "/de/soc-2/#bericht-lesen"),
            ("BSI C5", "/de/zertifizierungen/#bsi-c5"),
            (
                "Prozentwerte Verfügbarkeit",
                "/de/sicherheit-im-betrieb/#verfuegbarkeit-tabelle",
            ),
            (
                "Systemausfälle",
                "/de/sicherheit-im-betrieb/#verfuegbarkeit",
            ),
            ("internes Audit", "/de/iso-27001/#extern-und-intern"),
            ("Ausschreibung", "/de/zusammenfassung/#ausschreibung"),
            (
                "Antworten gewichten",
                "/de/anbieter-bewerten/#antworten-gewichten",
            ),
            // Umlaut spellings.
            (
                "Verschluesselung",
                "/de/verschluesselung-und-schluessel/#verschluesselung",
            ),
            ("Geldbussen", "/de/dsgvo/#bussgelder"),
            (
                "Uebermittlungen ausserhalb des EWR",
                "/de/dsgvo/#drittlandtransfer",
            ),
            ("Loeschung Rueckgabe", "/de/dsgvo/#vertragsende"),
            // Synonyms and abbreviations.
            ("AVV", "/de/dsgvo/#avv"),
            ("Auftragsverarbeitungsvertrag", "/de/dsgvo/#avv"),
            ("Pentest", "#q-ir.pentest"),
            ("ISMS", "/de/iso-27001/#isms"),
            ("MFA", "#q-iam.sso_mfa"),
            ("2FA", "#q-iam.sso_mfa"),
            ("TOMs", "/de/dsgvo/#sicherheit-der-verarbeitung"),
            // Checklist questions.
            ("Backups", "#q-avail.backup"),
            (
                "Mandantentrennung",
                "/de/verschluesselung-und-schluessel/#mandantentrennung",
            ),
            ("Aufbewahrungsfristen", "#q-gdpr.retention"),
            ("Statusseite", "#q-avail.history"),
            // Typing: the last word is a prefix.
            (
                "Erklärung zur Anwend",
                "/de/iso-27001/#erklaerung-zur-anwendbarkeit",
            ),
            ("Unterauftrags", "/de/dsgvo/#unterauftragsverarbeiter"),
        ],
    );
}

/// A scratch site with the valid fixture's `site.toml` and no content yet.
fn site_with_valid_config(name: &str) -> std::path::PathBuf {
    let root = common::scratch(name);
    std::fs::copy(
        common::repo_root().join("tests/fixtures/valid/site.toml"),
        root.join("site.toml"),
    )
    .unwrap();
    root
}

/// The old index kept only 1,000 bytes of each page's text above 100 pages per language, so
/// on a large site a word near a page's end was never found.
#[test]
fn large_site_indexes_every_page_s_whole_text() {
    let root = site_with_valid_config("search-large-site");
    let filler = "The vendor keeps records of every change to the service. ".repeat(40);
    for lang in ["en", "de"] {
        let dir = root.join("content").join(lang);
        std::fs::create_dir_all(&dir).unwrap();
        for number in 0..130 {
            let name = if number == 0 {
                "index".to_string()
            } else {
                format!("page-{number:03}")
            };
            let body = format!(
                "+++\ntitle = \"Page {number}\"\ndescription = \"Page {number}.\"\norder = {number}\n+++\n\n{filler}\n\n## Last section {{#last}}\n\n{filler} Closing word zq{number}x.\n"
            );
            std::fs::write(dir.join(format!("{name}.md")), body).unwrap();
        }
    }
    let engine = engine_of(&root, "en");
    assert_eq!(
        top(&engine, "zq129x", 1),
        vec!["/en/page-129/#last".to_string()]
    );
}

/// A page's documents: the text before its first heading, and each `##`/`###` section with
/// its heading, its parent heading as context (for `###`), and the text of any deeper heading
/// under it, that heading's words included.
#[test]
fn sections_become_documents_with_deeper_headings_folded_in() {
    let root = site_with_valid_config("search-sections");
    for lang in ["en", "de"] {
        let dir = root.join("content").join(lang);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("index.md"),
            "+++\ntitle = \"Home\"\ndescription = \"Home.\"\n+++\n\nWelcome.\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("guide.md"),
            "+++\ntitle = \"Guide zqtitle\"\ndescription = \"Guide.\"\norder = 1\n+++\n\n\
             Opening words zqintro.\n\n## Keys {#keys}\n\nKey text zqkeys.\n\n\
             #### Rotation {#rotation}\n\nRotated yearly zqdeep.\n\n\
             ### Storage {#storage}\n\nStored apart zqstorage.\n",
        )
        .unwrap();
    }
    let engine = engine_of(&root, "en");
    let found = |query: &str| {
        let plan = engine.plan(query);
        let hit = engine.rank(&plan).first().expect("a result").document;
        engine.fragment(hit).expect("its fragment").clone()
    };
    let intro = found("zqintro");
    assert_eq!(intro.url, "/en/guide/");
    assert_eq!(intro.heading, "Guide zqtitle");
    assert_eq!(intro.text, "Opening words zqintro.");
    let keys = found("zqdeep");
    assert_eq!(keys.url, "/en/guide/#keys");
    assert_eq!(keys.heading, "Keys");
    assert_eq!(keys.context, "");
    assert_eq!(
        keys.text,
        "Key text zqkeys. Rotation Rotated yearly zqdeep."
    );
    let storage = found("zqstorage");
    assert_eq!(storage.url, "/en/guide/#storage");
    assert_eq!(storage.context, "Keys");
    assert_eq!(storage.page_title, "Guide zqtitle");
    assert_eq!(storage.page_url, "/en/guide/");
    assert_eq!(storage.text, "Stored apart zqstorage.");
}

#[test]
fn index_folder_is_named_by_the_index_content() {
    let groups = |words: &[&str]| -> generator::search::SynonymGroups {
        [(
            "en".to_string(),
            vec![words.iter().map(|word| word.to_string()).collect()],
        )]
        .into()
    };
    let dir = |synonyms| generator::search::index_files("en", &synonyms, Vec::new(), "", None).dir;
    let first = dir(groups(&["DPA", "data processing agreement"]));
    assert_eq!(first, dir(groups(&["DPA", "data processing agreement"])));
    assert_ne!(first, dir(groups(&["MFA", "2FA"])));
    assert!(first.starts_with("search-index/en/") && first.len() == "search-index/en/".len() + 17);
    let site = Site::load(&common::repo_root(), &BuildOptions::default()).expect("site loads");
    let files = site.render().expect("site renders");
    let page = files
        .iter()
        .find(|file| file.path == "en/gdpr/index.html")
        .expect("the page exists");
    let html = String::from_utf8_lossy(&page.bytes);
    let at = html
        .find("data-index=\"/search-index/en/")
        .expect("the page names its index")
        + 12;
    let url = &html[at..at + html[at..].find('"').expect("attribute ends")];
    let manifest = format!("{}manifest.bin", url.trim_start_matches('/'));
    assert!(
        files.iter().any(|file| file.path == manifest),
        "{manifest} is written"
    );
}

/// Pages of a language render beside the other language's index, and a language's search
/// page and print view beside its pages: a print view once rendered before its language's
/// index was built, and named the folder of all indexes instead of its own.
#[test]
fn every_page_names_its_own_languages_index_print_view_and_search_page_included() {
    let site = Site::load(&common::repo_root(), &BuildOptions::default()).expect("site loads");
    let files = site.render().expect("site renders");
    let mut checked = 0;
    for file in files.iter().filter(|file| file.path.ends_with(".html")) {
        let html = String::from_utf8_lossy(&file.bytes);
        for (at, _) in html.match_indices("data-index=\"") {
            let start = at + "data-index=\"".len();
            let url = &html[start..start + html[start..].find('"').expect("attribute ends")];
            let lang = file
                .path
                .split('/')
                .next()
                .expect("a path has a first part");
            assert!(
                url.starts_with(&format!("/search-index/{lang}/")),
                "{} names the index `{url}`",
                file.path
            );
            let manifest = format!("{}manifest.bin", url.trim_start_matches('/'));
            assert!(
                files.iter().any(|file| file.path == manifest),
                "{} names `{url}`, which has no manifest",
                file.path
            );
            checked += 1;
        }
    }
    for page in [
        "en/print/index.html",
        "de/druckansicht/index.html",
        "en/search/index.html",
    ] {
        assert!(
            files.iter().any(|file| file.path == page),
            "{page} is built"
        );
    }
    assert!(checked > 20, "only {checked} index links found");
}

/// The header's search field is a theme template of its own, rendered once per language
/// (not per page): a site that overrides it sees its version on every page but the search
/// page, in each page's language, naming that language's index folder.
#[test]
fn the_header_search_field_is_rendered_once_per_language_from_its_template() {
    let root = site_with_valid_config("search-field-override");
    for (lang, title) in [("en", "Home"), ("de", "Start")] {
        let dir = root.join("content").join(lang);
        std::fs::create_dir_all(&dir).unwrap();
        for (name, order) in [("index", 0), ("second", 1)] {
            std::fs::write(
                dir.join(format!("{name}.md")),
                format!("+++\ntitle = \"{title} {order}\"\ndescription = \"D.\"\norder = {order}\n+++\n\nText.\n"),
            )
            .unwrap();
        }
    }
    let templates = root.join("theme/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("search-field.html"),
        "<p class=\"zq-field\" data-index=\"{{ search.index_url }}\">{{ trans(key=\"search_label\", lang=lang) }}</p>\n",
    )
    .unwrap();
    let files = rendered_files(&root);
    let pages: Vec<(&String, String)> = files
        .iter()
        .filter(|(path, _)| path.ends_with("index.html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes.clone()).unwrap()))
        .collect();
    for lang in ["en", "de"] {
        let index_dir = index_dir(&files, lang);
        let label = if lang == "en" {
            "Search the guide"
        } else {
            "Leitfaden durchsuchen"
        };
        let expected = format!("<p class=\"zq-field\" data-index=\"/{index_dir}\">{label}</p>");
        let in_language: Vec<_> = pages
            .iter()
            .filter(|(path, _)| path.starts_with(&format!("{lang}/")))
            .collect();
        assert!(
            in_language.len() >= 3,
            "{lang}: two pages and the search page"
        );
        for (path, html) in in_language {
            let shown = html.matches("zq-field").count();
            if path.contains("/such") || path.contains("/search/") {
                assert_eq!(shown, 0, "{path}: the search page has its own field");
            } else {
                assert_eq!(shown, 1, "{path}");
                assert!(html.contains(&expected), "{path}: {expected} in\n{html}");
            }
        }
    }
}
