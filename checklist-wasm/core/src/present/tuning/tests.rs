//! Tests of the tuning panel's decisions: the own-question form, own ids, and what the
//! panel shows.

use super::*;
use crate::present::tests::{definition, strings};
use crate::present::Strings;

fn form(text: &str, section: &str, new_section: &str, options: &str) -> OwnForm {
    OwnForm {
        text: text.to_owned(),
        section: section.to_owned(),
        new_section: new_section.to_owned(),
        options: options.to_owned(),
        weight: "critical".to_owned(),
    }
}

/// Adds with the nonce 7 and checks the new question's `id in section`.
#[track_caller]
fn add(tuning: &Tuning, form: OwnForm, expected: Result<&str, &str>) -> Tuning {
    let base = definition();
    let result = add_own_question(&base, tuning, "de", &form, 7);
    let shown = result.as_ref().map(|t| {
        let q = t.questions.last().expect("a question");
        format!("{} in {}", q.id, q.section)
    });
    assert_eq!(shown.as_deref().map_err(|e| **e), expected, "{form:?}");
    result.unwrap_or_else(|_| tuning.clone())
}

#[test]
fn the_own_question_form_adds_checked_questions_or_says_why_not() {
    let base = definition();
    let section = base.sections[0].id.clone();
    let empty = Tuning::default();
    add(&empty, form(" ", &section, "", ""), Err("own_no_text"));
    add(
        &empty,
        form(&"x".repeat(501), &section, "", ""),
        Err("own_no_text"),
    );
    add(&empty, form("Q?", "", " ", ""), Err("own_no_section_title"));
    add(
        &empty,
        form("Q?", &section, "", "Ja"),
        Err("own_bad_options"),
    );
    add(
        &empty,
        form("Q?", &section, "", "Ja = 1"),
        Err("own_bad_options"),
    );
    add(
        &empty,
        form("Q?", &section, "", "Ja = 1\nNein = 2"),
        Err("own_bad_options"),
    );
    add(
        &empty,
        form("Q?", &section, "", "= 1\nNein = 0"),
        Err("own_bad_options"),
    );
    add(
        &empty,
        form("Q?", "nowhere", "", ""),
        Err("own_bad_options"),
    );
    let one = add(
        &empty,
        form("Gibt es ein Notfallhandbuch?", &section, "", ""),
        Ok(&format!("own.q3t8xrqki in {section}")),
    );
    // A German decimal comma, blank lines, and `=` inside a label.
    let two = add(
        &one,
        form(
            "Vertragslaufzeit?",
            "",
            "Vertrag",
            "1 = 1 Jahr = 1\n\n2 Jahre = 0,5\n",
        ),
        Ok("own.qoxydwpxp in own.s3t8xrqki"),
    );
    let choice = &two.questions[1];
    assert_eq!(choice.lang, "de");
    assert_eq!(choice.weight, WeightClass::Critical);
    assert_eq!(
        choice
            .options
            .iter()
            .map(|o| (o.id.as_str(), o.label.as_str(), o.credit))
            .collect::<Vec<_>>(),
        [("o1", "1 = 1 Jahr", 1.0), ("o2", "2 Jahre", 0.5)]
    );
    // Removing frees the empty own section.
    let mut removed = two.clone();
    remove_own_question(&mut removed, &two.questions[0].id);
    assert_eq!(removed.sections.len(), 1);
    remove_own_question(&mut removed, &two.questions[1].id);
    assert!(removed.is_empty());
    let mut full = Tuning::default();
    for _ in 0..MAX_OWN_QUESTIONS {
        full =
            add_own_question(&base, &full, "en", &form("Q?", &section, "", ""), 7).expect("room");
    }
    add(&full, form("Q?", &section, "", ""), Err("own_full"));
}

#[test]
fn own_ids_are_drawn_from_the_nonce_and_never_repeat_within_a_tuning() {
    let base = definition();
    let section = base.sections[0].id.clone();
    let question = form("Gibt es ein Notfallhandbuch?", &section, "", "");
    let added = |tuning: &Tuning, nonce| {
        add_own_question(&base, tuning, "de", &question, nonce).expect("added")
    };
    let last_id = |tuning: &Tuning| tuning.questions.last().expect("one").id.clone();
    // Two buyers who each add their first question get two ids.
    let first = last_id(&added(&Tuning::default(), 1));
    let other = last_id(&added(&Tuning::default(), 2));
    assert_ne!(first, other);
    // Every id reads as a valid own id: a tuning with it loads again.
    for id in [&first, &other] {
        let token = id.strip_prefix("own.q").expect("prefix");
        assert_eq!(token.len(), ID_TOKEN_DIGITS, "{id}");
        assert!(token
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    }
    // The same nonce twice within one tuning (a broken random source) still gives a new
    // id. (After a removal, the binding's next random nonce is what keeps the removed
    // id from coming back.)
    let mut tuning = Tuning::default();
    let mut seen = Vec::new();
    for _ in 0..MAX_OWN_QUESTIONS {
        tuning = added(&tuning, 7);
        seen.push(last_id(&tuning));
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), MAX_OWN_QUESTIONS);
    // A new own section gets its id the same way.
    let with_section = add_own_question(
        &base,
        &Tuning::default(),
        "de",
        &form("Q?", "", "Vertrag", ""),
        3,
    )
    .expect("added");
    assert!(with_section.sections[0].id.starts_with("own.s"));
    assert_eq!(
        with_section.questions[0].section,
        with_section.sections[0].id
    );
}

#[test]
fn the_panel_shows_defaults_resets_fixed_must_haves_and_what_differs() {
    let base = definition();
    for lang in ["en", "de"] {
        let s: Strings = strings(lang);
        let mut tuning = Tuning::default();
        let view = |tuning: &Tuning| {
            let tuned = tuning.apply(base.clone(), &crate::definition::Text::default());
            Present {
                def: &tuned,
                lang,
                strings: &s,
            }
            .tuning(&base, tuning)
        };
        let untuned = view(&tuning);
        assert!(!untuned.tuned && untuned.differences.is_empty());
        assert_eq!(untuned.summary, s.get("tune_untuned"));
        assert_eq!(untuned.rows.len(), base.questions.len());
        assert!(untuned.rows.iter().all(|r| !r.reset && !r.own));
        // The guide's must-haves are fixed; every other question can be marked.
        for row in &untuned.rows {
            assert_eq!(row.must_have.is_none(), base.is_must_have(&row.question));
            let off = row.weights.iter().any(|(id, ..)| *id == "off");
            assert_eq!(
                off,
                Tuning::can_switch_off(&base, &row.item),
                "{}",
                row.item
            );
            assert_eq!(row.weights.iter().filter(|w| w.2).count(), 1);
        }
        let free = untuned
            .rows
            .iter()
            .find(|r| r.must_have.is_some() && r.weights.len() == 4)
            .expect("a free question")
            .clone();
        set_weight(&base, &mut tuning, &free.item, TunedWeight::Off);
        let other = untuned
            .rows
            .iter()
            .find(|r| r.must_have.is_some() && r.item != free.item)
            .expect("another")
            .clone();
        set_must_have(&base, &mut tuning, &other.question, true);
        let section = base.sections[1].id.clone();
        tuning = add_own_question(&base, &tuning, lang, &form("Own?", &section, "", ""), 1)
            .expect("added");
        let own = tuning.questions[0].id.clone();
        let tuned = view(&tuning);
        assert!(tuned.tuned);
        assert_eq!(tuned.differences.len(), 3, "{:?}", tuned.differences);
        assert!(tuned.differences[0].contains(&free.text));
        assert!(tuned.differences[0].contains(s.get("weight_off")));
        assert!(tuned.differences[1].contains(&other.text));
        assert!(tuned.differences[2].contains("Own?"));
        assert_eq!(tuned.summary, s.fill_count("tuned", 3.0, &[("count", "3")]));
        let row = |q: &str| tuned.rows.iter().find(|r| r.question == q).expect("row");
        assert!(row(&free.question).reset);
        assert_eq!(row(&other.question).must_have, Some(true));
        assert!(row(&own).own && !row(&own).reset);
        assert_eq!(tuned.rows.len(), base.questions.len() + 1);
        // Marking the switched-off question switches it on again.
        set_must_have(&base, &mut tuning, &free.question, true);
        assert!(!tuning.weights.contains_key(&free.item));
        // Switching a marked question off drops the mark; the guide's items stay on.
        set_weight(&base, &mut tuning, &other.item, TunedWeight::Off);
        assert_eq!(
            tuning.must_haves.contains(&other.question),
            !Tuning::can_switch_off(&base, &other.item)
        );
        let fixed = untuned
            .rows
            .iter()
            .find(|r| r.must_have.is_none())
            .expect("fixed");
        set_weight(&base, &mut tuning, &fixed.item, TunedWeight::Off);
        assert!(!tuning.weights.contains_key(&fixed.item));
    }
}
