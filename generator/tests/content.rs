//! Checks on the guide's content in `content/en` and `content/de`.
//!
//! These tests read the Markdown sources directly (with pulldown-cmark) and do not use the
//! generator's own library, so they keep working while the generator changes.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag};

const CONTENT_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../content");
const LANGUAGES: [&str; 2] = ["en", "de"];

fn language_dir(lang: &str) -> PathBuf {
    Path::new(CONTENT_DIR).join(lang)
}

/// File names of all `.md` pages of one language, sorted.
fn page_names(lang: &str) -> BTreeSet<String> {
    let dir = language_dir(lang);
    let entries = fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("cannot read content directory {}: {err}", dir.display()));
    entries
        .map(|entry| entry.expect("cannot read directory entry").path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|ext| ext == "md"))
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}

fn read_page(lang: &str, name: &str) -> String {
    let path = language_dir(lang).join(name);
    fs::read_to_string(&path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
}

/// Splits a page into its TOML front matter (between the `+++` lines) and the Markdown body.
fn split_front_matter<'a>(lang: &str, name: &str, source: &'a str) -> (&'a str, &'a str) {
    let rest = source
        .strip_prefix("+++\n")
        .or_else(|| source.strip_prefix("+++\r\n"))
        .unwrap_or_else(|| panic!("{lang}/{name}: the page must start with a `+++` line"));
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return (&rest[..offset], &rest[offset + line.len()..]);
        }
        offset += line.len();
    }
    panic!("{lang}/{name}: the front matter is not closed by a `+++` line");
}

fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The headings of a page body in order, as (level, text).
fn headings(body: &str) -> Vec<(u8, String)> {
    let mut result = Vec::new();
    let mut current: Option<(u8, String)> = None;
    for event in Parser::new_ext(body, markdown_options()) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                current = Some((level_number(level), String::new()));
            }
            Event::End(pulldown_cmark::TagEnd::Heading(_)) => {
                if let Some(heading) = current.take() {
                    result.push(heading);
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, heading_text)) = current.as_mut() {
                    heading_text.push_str(&text);
                }
            }
            _ => {}
        }
    }
    result
}

fn body(lang: &str, name: &str) -> String {
    let source = read_page(lang, name);
    split_front_matter(lang, name, &source).1.to_owned()
}

#[test]
fn both_languages_have_the_same_pages() {
    let en = page_names("en");
    let de = page_names("de");
    assert!(!en.is_empty(), "content/en contains no pages");
    let only_en: Vec<_> = en.difference(&de).collect();
    let only_de: Vec<_> = de.difference(&en).collect();
    assert!(
        only_en.is_empty() && only_de.is_empty(),
        "the languages must have the same page files; only in en: {only_en:?}; only in de: {only_de:?}"
    );
}

#[test]
fn every_page_has_front_matter_and_no_h1() {
    for lang in LANGUAGES {
        for name in page_names(lang) {
            let source = read_page(lang, &name);
            let (front_matter, body) = split_front_matter(lang, &name, &source);
            for key in ["title", "description", "order"] {
                assert!(
                    front_matter
                        .lines()
                        .any(|line| line.trim_start().starts_with(&format!("{key} "))
                            || line.trim_start().starts_with(&format!("{key}="))),
                    "{lang}/{name}: front matter has no `{key}`"
                );
            }
            if let Some((level, text)) = headings(body).into_iter().find(|(level, _)| *level == 1) {
                panic!("{lang}/{name}: H{level} heading {text:?} found; pages start at `##`");
            }
        }
    }
}

#[test]
fn translated_pages_have_the_same_heading_structure() {
    let en = page_names("en");
    let de = page_names("de");
    for name in en.intersection(&de) {
        let en_headings = headings(&body("en", name));
        let de_headings = headings(&body("de", name));
        let count = en_headings.len().max(de_headings.len());
        for index in 0..count {
            match (en_headings.get(index), de_headings.get(index)) {
                (Some((en_level, en_text)), Some((de_level, de_text))) => assert_eq!(
                    en_level,
                    de_level,
                    "{name}: heading #{} differs in level: en H{en_level} {en_text:?}, de H{de_level} {de_text:?}",
                    index + 1
                ),
                (Some((level, text)), None) => panic!(
                    "{name}: en has an extra heading #{} (H{level} {text:?}) that de lacks",
                    index + 1
                ),
                (None, Some((level, text))) => panic!(
                    "{name}: de has an extra heading #{} (H{level} {text:?}) that en lacks",
                    index + 1
                ),
                (None, None) => unreachable!(),
            }
        }
    }
}

fn assert_contains(lang: &str, name: &str, needle: &str) {
    let source = read_page(lang, name);
    assert!(
        source.contains(needle),
        "{lang}/{name} must contain {needle:?}"
    );
}

fn assert_not_contains(lang: &str, name: &str, needle: &str) {
    let source = read_page(lang, name);
    assert!(
        !source.contains(needle),
        "{lang}/{name} must not contain {needle:?}"
    );
}

#[test]
fn corrected_facts_are_present_in_both_languages() {
    for lang in LANGUAGES {
        // ISO/IEC 27001: the current edition is 2022, not 2018 as the source claimed.
        assert_contains(lang, "iso-27001.md", "ISO/IEC 27001:2022");
        assert_contains(lang, "iso-27001.md", "2005");
        assert_contains(lang, "iso-27001.md", "2013");
        assert_contains(lang, "iso-27001.md", "2025");
        assert_not_contains(lang, "iso-27001.md", "2018");

        // SOC 2: an attestation report; ISAE 3000 is its international counterpart.
        assert_contains(lang, "soc-2.md", "ISAE 3000");
        assert_contains(lang, "soc-2.md", "ISAE 3402");
        assert_contains(lang, "soc-2.md", "SSAE 18");
        assert_contains(lang, "soc-2.md", "COSO");
        assert_contains(lang, "soc-2.md", "17");

        // Certifications: BSI C5 for German readers.
        assert_contains(lang, "certifications.md", "C5");

        // GDPR fines and deadlines.
        assert_contains(lang, "gdpr.md", "4 %");
        assert_contains(lang, "gdpr.md", "2 %");
        assert_contains(lang, "gdpr.md", "Art. 28");
        assert_contains(lang, "gdpr.md", "Art. 32");
        assert_contains(lang, "gdpr.md", "Art. 44–49");
    }

    assert_contains("en", "soc-2.md", "Type II");
    assert_contains("de", "soc-2.md", "Typ II");

    assert_contains("en", "gdpr.md", "72 hours");
    assert_contains("de", "gdpr.md", "72 Stunden");
    assert_contains("en", "gdpr.md", "20 million");
    assert_contains("de", "gdpr.md", "20 Millionen");
    assert_contains("en", "gdpr.md", "10 million");
    assert_contains("de", "gdpr.md", "10 Millionen");
    assert_contains("en", "gdpr.md", "3)(g)");
    assert_contains("de", "gdpr.md", "Abs. 3 lit. g");

    // Uptime: 99.95 % is a floor; the downtime figures must be right.
    assert_contains("en", "security-in-operation.md", "99.95 %");
    assert_contains("de", "security-in-operation.md", "99,95 %");
    assert_contains("en", "security-in-operation.md", "22 minutes");
    assert_contains("de", "security-in-operation.md", "22 Minuten");
    assert_contains("en", "security-in-operation.md", "4.4 minutes");
    assert_contains("de", "security-in-operation.md", "4,4 Minuten");
    assert_contains("en", "security-in-operation.md", "26 seconds");
    assert_contains("de", "security-in-operation.md", "26 Sekunden");
}

#[test]
fn refined_and_new_facts_are_present_in_both_languages() {
    for lang in LANGUAGES {
        // § 393 SGB V applies to processors too; Type 2 is required since 1 July 2025.
        assert_contains(lang, "certifications.md", "§ 393 SGB V");
        assert_contains(lang, "certifications.md", "ISO/IEC 27001:2022");
        // The AICPA has amended SSAE 18 (SSAE 21).
        assert_contains(lang, "soc-2.md", "SSAE 21");
        // The AI Act's ban on emotion recognition at work, and its fines.
        assert_contains(lang, "ai-features.md", "2024/1689");
        assert_contains(lang, "ai-features.md", "35");
        assert_contains(lang, "ai-features.md", "7 %");
        assert_contains(lang, "ai-features.md", "Art. 35");
        // PCI DSS: the Attestation of Compliance, and no security codes in recordings.
        assert_contains(
            lang,
            "recordings-and-payments.md",
            "Attestation of Compliance",
        );
        assert_contains(lang, "recordings-and-payments.md", "CVV2");
        assert_contains(lang, "recordings-and-payments.md", "§ 201 StGB");
        // Log retention benchmark from PCI DSS.
        assert_contains(lang, "operations-and-incidents.md", "10.5.1");
        assert_contains(lang, "operations-and-incidents.md", "SP 800-218");
        // DORA's contract terms, NIS2's supply chain, the CLOUD Act and Art. 48.
        assert_contains(lang, "contracts-and-regulation.md", "2022/2554");
        assert_contains(lang, "contracts-and-regulation.md", "2022/2555");
        assert_contains(lang, "contracts-and-regulation.md", "Art. 48");
        assert_contains(lang, "contracts-and-regulation.md", "CLOUD Act");
        // The Data Act's switching rules.
        assert_contains(lang, "leaving-a-vendor.md", "2023/2854");
        assert_contains(lang, "leaving-a-vendor.md", "Art. 29");
        // The About page names its sources.
        assert_contains(
            lang,
            "about.md",
            "eur-lex.europa.eu/eli/dec_impl/2023/1795/oj",
        );
        assert_contains(lang, "about.md", "gesetze-im-internet.de/sgb_5/__393.html");
    }
    assert_contains("en", "certifications.md", "30 June 2025");
    assert_contains("de", "certifications.md", "30. Juni 2025");
    assert_contains("en", "certifications.md", "no rule requires it");
    assert_contains("de", "certifications.md", "keine Regel das vorschreibt");
    assert_contains("en", "gdpr.md", "10 July 2023");
    assert_contains("de", "gdpr.md", "10. Juli 2023");
    assert_contains("en", "soc-2.md", "SSAE 18, as amended");
    assert_contains("de", "soc-2.md", "SSAE 18 in seiner geänderten Fassung");
    assert_contains("en", "ai-features.md", "Art. 5(1)(f)");
    assert_contains("de", "ai-features.md", "Art. 5 Abs. 1 lit. f");
    assert_contains("en", "ai-features.md", "2 February 2025");
    assert_contains("de", "ai-features.md", "2. Februar 2025");
    assert_contains("en", "ai-features.md", "2 August 2026");
    assert_contains("de", "ai-features.md", "2. August 2026");
    assert_contains("en", "operations-and-incidents.md", "12 months");
    assert_contains("de", "operations-and-incidents.md", "12 Monate");
    assert_contains("en", "contracts-and-regulation.md", "Art. 30");
    assert_contains("de", "contracts-and-regulation.md", "Art. 30");
    assert_contains("en", "contracts-and-regulation.md", "17 January 2025");
    assert_contains("de", "contracts-and-regulation.md", "17. Januar 2025");
    assert_contains("en", "leaving-a-vendor.md", "12 September 2025");
    assert_contains("de", "leaving-a-vendor.md", "12. September 2025");
    assert_contains("en", "leaving-a-vendor.md", "12 January 2027");
    assert_contains("de", "leaving-a-vendor.md", "12. Januar 2027");
    assert_contains("en", "leaving-a-vendor.md", "two months");
    assert_contains("de", "leaving-a-vendor.md", "zwei Monaten");
    assert_contains("en", "about.md", "## Sources");
    assert_contains("de", "about.md", "## Quellen");
}

/// One ask-the-vendor question: its page, its line and the checklist ids its marker names.
struct Asked {
    page: String,
    line: usize,
    ids: Vec<String>,
}

/// Reads the ask-the-vendor questions of a page straight from its source: every list item
/// between a `::: ask` line and the closing `:::` line. This is deliberately independent of
/// the generator's own extraction (`generator::ask`), so the two check each other.
fn asked_questions(lang: &str, name: &str) -> Vec<Asked> {
    let source = read_page(lang, name);
    let mut asked = Vec::new();
    let mut in_ask = false;
    for (index, line) in source.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed == "::: ask" {
            in_ask = true;
        } else if trimmed == ":::" {
            in_ask = false;
        } else if in_ask && line.starts_with("- ") {
            let ids = trimmed
                .strip_suffix('}')
                .and_then(|rest| rest.rsplit_once("{checklist:"))
                .map(|(_, ids)| ids.split_whitespace().map(str::to_string).collect())
                .unwrap_or_default();
            asked.push(Asked {
                page: format!("{lang}/{name}"),
                line: index + 1,
                ids,
            });
        }
    }
    asked
}

fn checklist_question_ids() -> BTreeSet<String> {
    let path = Path::new(CONTENT_DIR).join("checklist.toml");
    let source = fs::read_to_string(&path).expect("content/checklist.toml is readable");
    let definition =
        checklist_core::parse_definition(&source).expect("content/checklist.toml parses");
    definition.questions.into_iter().map(|q| q.id).collect()
}

#[test]
fn every_ask_the_vendor_question_is_in_the_checklist() {
    // The home page promises that each question of an "Ask the vendor" box also appears in
    // the checklist; every such question names the checklist questions that record it.
    let known = checklist_question_ids();
    let mut count = 0;
    for lang in LANGUAGES {
        for name in page_names(lang) {
            for asked in asked_questions(lang, &name) {
                count += 1;
                assert!(
                    !asked.ids.is_empty(),
                    "{} line {}: an ask-the-vendor question without a `{{checklist: …}}` marker",
                    asked.page,
                    asked.line
                );
                for id in &asked.ids {
                    assert!(
                        known.contains(id),
                        "{} line {}: `{id}` is no question of the checklist",
                        asked.page,
                        asked.line
                    );
                }
            }
        }
    }
    assert!(count >= 60, "only {count} ask-the-vendor questions found");
}

#[test]
fn translated_pages_ask_the_same_questions() {
    for name in page_names("en") {
        let en: Vec<Vec<String>> = asked_questions("en", &name)
            .into_iter()
            .map(|a| a.ids)
            .collect();
        let de: Vec<Vec<String>> = asked_questions("de", &name)
            .into_iter()
            .map(|a| a.ids)
            .collect();
        assert_eq!(
            en, de,
            "{name}: the ask-the-vendor questions differ between en and de (checklist ids per question)"
        );
    }
}

#[test]
fn checklist_page_uses_the_checklist_template() {
    for lang in LANGUAGES {
        let source = read_page(lang, "checklist.md");
        let (front_matter, _) = split_front_matter(lang, "checklist.md", &source);
        assert!(
            front_matter.contains("template = \"checklist\""),
            "{lang}/checklist.md must set template = \"checklist\""
        );
    }
}

#[test]
fn pages_do_not_hard_code_the_publisher() {
    for lang in LANGUAGES {
        for name in page_names(lang) {
            let source = read_page(lang, &name);
            let lowercase = source.to_lowercase();
            for forbidden in ["leaddesk", "sales@", "8080 414"] {
                assert!(
                    !lowercase.contains(forbidden),
                    "{lang}/{name} hard-codes the publisher ({forbidden:?}); use the {{{{ publisher.* }}}} placeholders"
                );
            }
        }
    }
}

#[test]
fn german_pages_use_german_number_formatting() {
    for name in page_names("de") {
        let text = body("de", &name);
        for wrong in ["99.9", "4.4 Minuten", "99.95"] {
            assert!(
                !text.contains(wrong),
                "de/{name} contains {wrong:?}; German uses a decimal comma"
            );
        }
    }
}

#[test]
fn sections_the_checklist_links_to_name_their_sources_in_both_languages() {
    // The sections written for questions no page explained (issue 15 §4): retention, staff
    // screening, other certifications, and backups, continuity and recovery.
    for lang in LANGUAGES {
        for needle in [
            "CSA STAR",
            "ISO/IEC 27017",
            "ISO/IEC 27018",
            "ISO/IEC 27701",
            "2019",
            "2025",
            "PCI DSS",
            "Attestation of Compliance",
        ] {
            assert_contains(lang, "certifications.md", needle);
        }
        for needle in ["A.6.1", "A.6.6"] {
            assert_contains(lang, "iso-27001.md", needle);
        }
        for needle in ["8.13", "8.14", "5.30", "RTO", "RPO"] {
            assert_contains(lang, "security-in-operation.md", needle);
        }
    }
    for needle in [
        "Art. 5(1)(e)",
        "Art. 17(1)",
        "Art. 12(3)",
        "Art. 28(3)(e)",
        "two further months",
    ] {
        assert_contains("en", "gdpr.md", needle);
    }
    for needle in [
        "Art. 5 Abs. 1 lit. e",
        "Art. 17 Abs. 1",
        "Art. 12 Abs. 3",
        "Art. 28 Abs. 3 lit. e",
        "zwei weitere Monate",
    ] {
        assert_contains("de", "gdpr.md", needle);
    }
    assert_contains("en", "iso-27001.md", "Art. 28(3)(b)");
    assert_contains("de", "iso-27001.md", "Art. 28 Abs. 3 lit. b");
    assert_contains("en", "security-in-operation.md", "Art. 32(1)(c)");
    assert_contains("de", "security-in-operation.md", "Art. 32 Abs. 1 lit. c");
}
