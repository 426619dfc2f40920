//! Native table tests of the presenter against the real checklist and the real UI strings
//! of both languages.

use crate::definition::Definition;
use crate::scoring::{Reason, Totals, Verdict};

use super::format::question_marks;
use super::{ui_keys, Present, Strings, Tone};

/// Loads the real checklist definition.
pub(crate) fn definition() -> Definition {
    crate::parse_definition(include_str!("../../../../content/checklist.toml"))
        .expect("the real checklist parses")
}

/// Loads the `[checklist]` UI strings of a language from `theme/i18n/<lang>.toml`.
pub(crate) fn strings(lang: &str) -> Strings {
    let text = match lang {
        "de" => include_str!("../../../../theme/i18n/de.toml"),
        _ => include_str!("../../../../theme/i18n/en.toml"),
    };
    let table: toml::Table = toml::from_str(text).expect("the UI strings parse");
    let checklist = table["checklist"].as_table().expect("a [checklist] table");
    Strings::from_pairs(
        checklist
            .iter()
            .map(|(key, value)| (key.clone(), value.as_str().expect("text").to_owned())),
    )
}

/// The real checklist with one language's real UI strings: what a presenter test presents.
pub(crate) struct Page {
    /// The real checklist definition.
    pub(crate) def: Definition,
    lang: String,
    strings: Strings,
}

impl Page {
    /// Loads the real checklist and the UI strings of `lang`.
    pub(crate) fn new(lang: &str) -> Self {
        Page {
            def: definition(),
            lang: lang.to_owned(),
            strings: strings(lang),
        }
    }

    /// Returns a presenter over the checklist in the page's language.
    pub(crate) fn present(&self) -> Present<'_> {
        Present {
            def: &self.def,
            lang: &self.lang,
            strings: &self.strings,
        }
    }
}

fn totals(score: f64, points: f64, max_points: f64) -> Totals {
    Totals {
        score,
        points,
        max_points,
        completeness: 1.0,
        confidence: 1.0,
    }
}

#[track_caller]
fn check_score(lang: &str, (score, points, max): (f64, f64, f64), expected: &str) {
    let page = Page::new(lang);
    let p = page.present();
    assert_eq!(p.score_text(&totals(score, points, max)), expected);
}

#[test]
fn scores_always_show_their_points_in_the_right_plural_form() {
    check_score("en", (72.0, 36.0, 50.0), "72\u{a0}% (36 of 50 points)");
    check_score("en", (100.0, 1.0, 1.0), "100\u{a0}% (1 of 1 point)");
    check_score("en", (0.0, 0.0, 1.0), "0\u{a0}% (0 of 1 point)");
    check_score("en", (33.3, 0.5, 1.5), "33\u{a0}% (0.5 of 1.5 points)");
    check_score("de", (72.0, 36.0, 50.0), "72\u{a0}% (36 von 50 Punkten)");
    check_score("de", (100.0, 1.0, 1.0), "100\u{a0}% (1 von 1 Punkt)");
    check_score("de", (33.3, 0.5, 1.5), "33\u{a0}% (0,5 von 1,5 Punkten)");
}

#[test]
fn one_point_is_singular_in_both_languages() {
    for (lang, singular, plural) in [
        ("en", "(1 point)", "points)"),
        ("de", "(1 Punkt)", "Punkte)"),
    ] {
        let page = Page::new(lang);
        let (def, p) = (&page.def, page.present());
        for question in &def.questions {
            let text = p.weight_text(question);
            let points = def.weights.points(def.effective_weight(question));
            if points == 1.0 {
                assert!(text.ends_with(singular), "{lang}: {text}");
            } else {
                assert!(text.ends_with(plural), "{lang}: {text}");
            }
        }
    }
}

#[track_caller]
fn check_verdict(verdict: Verdict, id: &str, en: &str, de: &str, tone: Tone, counts: bool) {
    for (lang, word) in [("en", en), ("de", de)] {
        let view = Page::new(lang).present().verdict(verdict);
        assert_eq!(
            (view.id, view.text.as_str(), view.tone, view.counts),
            (id, word, tone, counts)
        );
    }
}

#[test]
fn verdicts_have_an_id_a_word_a_tone_and_say_whether_the_score_counts() {
    check_verdict(
        Verdict::Strong,
        "strong",
        "Strong",
        "Stark",
        Tone::Good,
        true,
    );
    check_verdict(
        Verdict::Acceptable,
        "acceptable",
        "Acceptable",
        "Akzeptabel",
        Tone::Good,
        true,
    );
    check_verdict(
        Verdict::Conditional,
        "conditional",
        "Conditional",
        "Unter Vorbehalt",
        Tone::Caution,
        true,
    );
    check_verdict(
        Verdict::Provisional,
        "provisional",
        "Provisional",
        "Vorläufig",
        Tone::Caution,
        true,
    );
    check_verdict(
        Verdict::Insufficient,
        "insufficient",
        "Insufficient",
        "Unzureichend",
        Tone::Bad,
        true,
    );
    check_verdict(
        Verdict::Excluded,
        "excluded",
        "Excluded",
        "Ausgeschlossen",
        Tone::Bad,
        false,
    );
}

#[test]
fn reasons_name_the_rule_and_the_completeness_with_percentages() {
    let page = Page::new("en");
    let p = page.present();
    let failed = p.reason_text(&Reason::RuleFailed {
        rule: "ko.dpa".into(),
    });
    assert!(failed.starts_with("Fails a must-have rule: "), "{failed}");
    assert!(failed.contains("data processing agreement"), "{failed}");
    let incomplete = p.reason_text(&Reason::Incomplete {
        completeness: 0.5,
        required: 0.8,
    });
    assert!(
        incomplete.contains("50\u{a0}%") && incomplete.contains("80\u{a0}%"),
        "{incomplete}"
    );
}

#[test]
fn must_have_and_should_have_marks_follow_the_rules() {
    let def = definition();
    let marks = |id: &str| question_marks(&def, def.question(id).expect("question exists"));
    assert!(marks("gdpr.dpa").must_have);
    assert!(!marks("gdpr.dpa").should_have);
    let tested = def
        .rules
        .iter()
        .filter(|r| r.kind == crate::definition::RuleKind::Soft)
        .flat_map(|r| r.conditions.iter().map(|c| &c.question))
        .find(|id| !def.is_must_have(id))
        .expect("a soft rule tests a question that is not a must-have");
    assert!(marks(tested).should_have, "{tested}");
    for q in &def.questions {
        let m = question_marks(&def, q);
        assert!(!(m.must_have && m.should_have), "{}", q.id);
    }
}

#[test]
fn every_ui_key_the_binding_uses_exists_in_every_language() {
    for lang in ["en", "de"] {
        let strings = strings(lang);
        let missing: Vec<&str> = ui_keys()
            .into_iter()
            .filter(|key| !strings.has(key))
            .collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
    }
}

fn vendor_with(id: &str, name: &str, answers: &[(&str, crate::AnswerValue)]) -> crate::Vendor {
    let mut vendor = crate::Vendor::new(id, name);
    for (question, value) in answers {
        vendor
            .answers
            .insert((*question).to_owned(), crate::Answer::new(value.clone()));
    }
    vendor
}

fn two_vendors() -> crate::Workspace {
    use crate::definition::Verbal;
    use crate::AnswerValue::Verbal as V;
    crate::Workspace {
        vendors: vec![
            vendor_with(
                "v1",
                "Acme {score}",
                &[("gdpr.dpa", V(Verbal::Yes)), ("cert.scope", V(Verbal::Yes))],
            ),
            vendor_with(
                "v2",
                "Beta",
                &[("gdpr.dpa", V(Verbal::No)), ("cert.scope", V(Verbal::Yes))],
            ),
        ],
        ..Default::default()
    }
}

#[test]
fn an_excluded_vendor_shows_that_its_score_does_not_count() {
    for (lang, words) in [("en", "does not count"), ("de", "zählt nicht")] {
        let page = Page::new(lang);
        let (def, p) = (&page.def, page.present());
        let ranked = crate::compare(def, &two_vendors());
        let view = p.comparison(&ranked);
        let beta = view
            .vendors
            .iter()
            .find(|v| v.name == "Beta")
            .expect("Beta is compared");
        assert_eq!(beta.verdict.id, "excluded");
        assert!(!beta.verdict.counts);
        assert!(beta.score.contains(words), "{}", beta.score);
        let acme = view
            .vendors
            .iter()
            .find(|v| v.id == "v1")
            .expect("Acme is compared");
        assert!(!acme.score.contains(words), "{}", acme.score);
        let results = p.results("Beta", &crate::score_vendor(def, &two_vendors().vendors[1]));
        assert!(results.not_counting.is_some());
    }
}

#[test]
fn the_section_comparison_shows_percentages_with_points() {
    let page = Page::new("en");
    let (def, p) = (&page.def, page.present());
    let view = p.comparison(&crate::compare(def, &two_vendors()));
    let mut scored = 0;
    for vendor in &view.vendors {
        assert_eq!(vendor.sections.len(), def.sections.len());
        for section in &vendor.sections {
            if section.score.is_some() {
                scored += 1;
                assert!(
                    section.text.contains(" of ") && section.text.contains("point"),
                    "{}",
                    section.text
                );
                assert!(section.text.contains('%'), "{}", section.text);
            }
        }
    }
    assert!(scored > 0, "no vendor has a scored section to check");
}

#[test]
fn results_keep_a_vendor_name_with_braces_as_it_is() {
    let page = Page::new("en");
    let (def, p) = (&page.def, page.present());
    let workspace = two_vendors();
    let view = p.results(
        "Acme {score}",
        &crate::score_vendor(def, &workspace.vendors[0]),
    );
    assert!(
        view.summary.starts_with("Acme {score}: "),
        "{}",
        view.summary
    );
    assert!(
        view.announce.starts_with("Acme {score}: "),
        "{}",
        view.announce
    );
    assert_eq!(view.title, "Results for Acme {score}");
    let kinds: Vec<&str> = view.totals.iter().map(|t| t.key).collect();
    assert_eq!(kinds, ["score", "completeness", "confidence"]);
    assert!(view.totals[0].text.contains("points") || view.totals[0].text.contains("point"));
}

#[test]
fn the_chart_draws_one_labelled_bar_per_section_and_vendor_and_marks_the_excluded() {
    let page = Page::new("en");
    let (def, p) = (&page.def, page.present());
    let view = p.comparison(&crate::compare(def, &two_vendors()));
    let chart = super::chart::chart(&view);
    assert_eq!(chart.bars.len(), def.sections.len() * 2);
    assert_eq!(chart.tracks.len(), chart.bars.len());
    let excluded = chart
        .bars
        .iter()
        .filter(|b| b.class == "cl-chart-bar-excluded")
        .count();
    assert_eq!(
        excluded,
        def.sections.len(),
        "every bar of the excluded vendor is marked"
    );
    for bar in &chart.bars {
        assert!(bar.width >= 0.0 && bar.width <= super::chart::BAR_MAX);
        assert!(bar.y + bar.height <= chart.height);
    }
    let names = chart
        .texts
        .iter()
        .filter(|t| t.class == "cl-chart-name")
        .count();
    assert_eq!(names, chart.bars.len());
}

#[test]
fn answers_side_by_side_have_one_cell_per_vendor() {
    let page = Page::new("en");
    let (def, p) = (&page.def, page.present());
    let workspace = two_vendors();
    let ranked = crate::compare(def, &workspace);
    let rows = p.answers_side_by_side(&workspace, &ranked);
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.cells.len() == 2));
    let dpa = def.question("gdpr.dpa").expect("dpa").text.text("en");
    let row = rows
        .iter()
        .find(|r| r.question == dpa)
        .expect("the DPA row");
    let order: Vec<&str> = ranked.iter().map(|r| r.name.as_str()).collect();
    let yes = order
        .iter()
        .position(|n| *n == "Acme {score}")
        .expect("Acme ranked");
    assert_eq!(row.cells[yes], "Yes");
}
