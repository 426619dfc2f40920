//! The questionnaire file for vendors who prefer a file to the respond link: it carries the
//! checklist version and the buyer's own questions and nothing else, reads back to exactly
//! what the link gives, and untrusted files are refused with the reason.

mod common;

use checklist_core::definition::WeightClass;
use checklist_core::exchange::ImportError;
use checklist_core::present::tuning::{add_own_question, OwnForm};
use checklist_core::questionnaire::{
    self, max_bytes, read, read_kept, write, write_kept, Joined, Kept,
};
use checklist_core::share;
use checklist_core::tuning::{
    OwnOption, OwnQuestion, OwnSection, Tuning, MAX_LABEL_CHARS, MAX_OPTIONS, MAX_OWN_QUESTIONS,
    MAX_OWN_SECTIONS, MAX_TEXT_CHARS,
};
use common::{fixture, tuning_with_each_change};

#[test]
fn a_questionnaire_file_gives_the_vendor_the_same_questions_as_the_link() {
    let def = fixture();
    let tuning = tuning_with_each_change();
    let file = write(&def, &tuning);
    let from_file = read(&def, &file).expect("reads");
    assert_eq!(from_file, tuning.vendor_part());
    let link = share::encode_questions(&tuning)
        .expect("fits a link")
        .expect("own questions");
    assert_eq!(
        from_file,
        share::decode_questions(&def, &link).expect("decodes")
    );
    assert_eq!(
        write(&def, &tuning),
        file,
        "the same tuning gives the same bytes"
    );
    assert!(file.contains(&format!("\"checklist\": \"{}\"", def.reference())));
}

#[test]
fn a_questionnaire_file_never_carries_weights_marks_or_credits() {
    let def = fixture();
    let file = write(&def, &tuning_with_each_change());
    for secret in [
        "weights",
        "must_haves",
        "q.hours",
        "critical",
        "0.75",
        "minor",
    ] {
        assert!(!file.contains(secret), "`{secret}` is in the file:\n{file}");
    }
    // A crafted file that adds them gets only the questions.
    let crafted = file.replacen(
        "\"questions\": {",
        "\"questions\": {\n    \"weights\": {\"q.hours\": \"off\"},\n    \"must_haves\": [\"q.choice\"],",
        1,
    );
    assert_ne!(crafted, file);
    assert_eq!(
        read(&def, &crafted).expect("reads"),
        tuning_with_each_change().vendor_part()
    );
}

#[test]
fn the_largest_questionnaire_the_page_writes_reads_again() {
    let def = fixture();
    let mut tuning = Tuning::default();
    // Control characters are escaped to six bytes each: the worst case of the size bound.
    let text = |n: usize| "\u{1}".repeat(n);
    for s in 0..MAX_OWN_SECTIONS {
        tuning.sections.push(OwnSection {
            id: format!("own.s{s:014}"),
            lang: "de".into(),
            title: text(MAX_LABEL_CHARS),
        });
    }
    for q in 0..MAX_OWN_QUESTIONS {
        tuning.questions.push(OwnQuestion {
            id: format!("own.q{q:014}"),
            section: format!("own.s{:014}", q % MAX_OWN_SECTIONS),
            lang: "de".into(),
            text: text(MAX_TEXT_CHARS),
            weight: WeightClass::Standard,
            options: (0..MAX_OPTIONS)
                .map(|o| OwnOption {
                    id: format!("o{o:015}"),
                    label: text(MAX_LABEL_CHARS),
                    credit: 0.0,
                })
                .collect(),
        });
    }
    let file = write(&def, &tuning);
    assert!(
        file.len() <= max_bytes(&def),
        "{} > {}",
        file.len(),
        max_bytes(&def)
    );
    assert_eq!(read(&def, &file).expect("reads"), tuning);
}

/// Returns `length` letters and spaces that compress about as badly as text can (the same
/// every run, from `seed`): a question as long on the wire as the buyer's form lets it be.
fn incompressible(seed: u64, length: usize) -> String {
    let mut state = seed;
    (0..length)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            match (state >> 33) % 27 {
                26 => ' ',
                letter => char::from(b'a' + letter as u8),
            }
        })
        .collect()
}

/// The respond link carried own questions of any length, and the vendors' page refused a link
/// longer than it accepts as damaged ("ask the buyer to send the link again", which failed the
/// same way): own questions too long for that link make no link, and the questionnaire file
/// carries them.
#[test]
fn own_questions_too_long_for_the_link_were_sent_in_a_link_the_vendors_page_refused() {
    let def = fixture();
    let mut tuning = Tuning::default();
    for q in 0..MAX_OWN_QUESTIONS {
        let seed = q as u64 * 100;
        tuning.questions.push(OwnQuestion {
            options: (0..MAX_OPTIONS)
                .map(|o| OwnOption {
                    id: format!("o{}", o + 1),
                    label: incompressible(seed + o as u64 + 1, MAX_LABEL_CHARS),
                    credit: 0.0,
                })
                .collect(),
            ..own(
                &format!("own.q{}", q + 1),
                "s1",
                &incompressible(seed, MAX_TEXT_CHARS),
            )
        });
    }
    match share::encode_questions(&tuning) {
        Err(share::ShareError::TooLong(n)) => assert!(n > share::MAX_LINK_CHARS, "{n}"),
        other => panic!(
            "a link the vendors' page refuses: {:?} characters",
            other.map(|link| link.map(|link| link.len()))
        ),
    }
    assert_eq!(
        read(&def, &write(&def, &tuning)).expect("reads"),
        tuning.vendor_part()
    );
    // A few of them fit, and the link opens again.
    tuning.questions.truncate(3);
    let link = share::encode_questions(&tuning)
        .expect("fits a link")
        .expect("own questions");
    let fragment = format!("#{}{link}", share::QUESTIONS_KEY);
    assert!(fragment.len() <= share::MAX_LINK_CHARS);
    assert_eq!(
        share::decode_questions(&def, &fragment).expect("decodes"),
        tuning.vendor_part()
    );
}

/// Reads `input` and checks that it is refused as `expected` says.
#[track_caller]
fn refused(input: &str, expected: fn(&ImportError) -> bool) {
    let def = fixture();
    match read(&def, input) {
        Ok(tuning) => panic!("accepted: {tuning:?}"),
        Err(error) => assert!(expected(&error), "unexpected error: {error:?} ({error})"),
    }
}

#[test]
fn a_bad_questionnaire_file_is_refused_with_the_reason() {
    let def = fixture();
    let good = write(&def, &tuning_with_each_change());
    refused(&good[..good.len() / 2], |e| {
        matches!(e, ImportError::Malformed(_))
    });
    refused(
        &good.replace(questionnaire::FORMAT, "cc-vendor-response"),
        |e| matches!(e, ImportError::WrongFormat(f) if f == "cc-vendor-response"),
    );
    refused(&good.replace("\"version\": 1", "\"version\": 2"), |e| {
        matches!(e, ImportError::NewerVersion(2))
    });
    refused(
        &good.replace(&def.reference(), "another-list@1.0"),
        |e| matches!(e, ImportError::OtherChecklist { found } if found == "another-list@1.0"),
    );
    refused(
        &good.replace("\"section\": \"own.s1\"", "\"section\": \"nowhere\""),
        |e| matches!(e, ImportError::InvalidTuning(_)),
    );
    refused(
        &good.replace("\"checklist\"", "\"vendors\": [],\n  \"checklist\""),
        |e| matches!(e, ImportError::Malformed(m) if m.contains("vendors")),
    );
    let padded = format!("{good}{}", " ".repeat(max_bytes(&def)));
    refused(&padded, |e| matches!(e, ImportError::TooLarge { .. }));
}

/// Builds an own yes/no question `id` in section `section` asking `text`.
fn own(id: &str, section: &str, text: &str) -> OwnQuestion {
    OwnQuestion {
        id: id.into(),
        section: section.into(),
        lang: "en".into(),
        text: text.into(),
        weight: WeightClass::Standard,
        options: Vec::new(),
    }
}

/// Builds the own questions a buyer sends: `questions` as `(id, text)` in the guide's section
/// `s1`, and own sections `own.<n>` for those whose id names one after a slash (`own.q/own.x`).
fn sent(questions: &[(&str, &str)]) -> Tuning {
    let mut tuning = Tuning::default();
    for (id, text) in questions {
        let (id, section) = id.split_once('/').unwrap_or((id, "s1"));
        if section != "s1" && !tuning.sections.iter().any(|s| s.id == section) {
            tuning.sections.push(OwnSection {
                id: section.into(),
                lang: "en".into(),
                title: format!("Section {section}"),
            });
        }
        tuning.questions.push(own(id, section, text));
    }
    tuning
}

/// Lists the ids of the own questions in `tuning`, in order.
fn ids(tuning: &Tuning) -> Vec<&str> {
    tuning.questions.iter().map(|q| q.id.as_str()).collect()
}

/// Joins `given` to `before` with the draft answering `answered`, and checks the questions
/// asked afterwards (ids in order) and what the vendor is told.
#[track_caller]
fn joins(before: &Tuning, given: &Tuning, answered: &[&str], asked: &[&str], told: Joined) {
    let (joined_asked, joined) =
        questionnaire::join(before.clone(), given.clone(), |id| answered.contains(&id));
    assert_eq!(ids(&joined_asked), asked);
    assert_eq!(joined, told);
    // What is kept always reads again, within the limits a questionnaire file has.
    let def = fixture();
    let kept = Kept {
        asked: joined_asked.clone(),
        link: Some("{}".to_owned()),
    };
    assert_eq!(
        read_kept(&def, &write_kept(&def, &kept)).expect("reads"),
        kept
    );
}

#[test]
fn a_draft_answer_to_a_question_only_the_file_has_was_dropped_on_reload_of_the_link() {
    // The bug: the vendor opened the link (own.q1), then a file (own.q1, own.q2) on its page,
    // answered own.q2 and reloaded: the link's questions won, and the answer was dropped.
    let link = sent(&[("own.q1", "Data residency in the EU?")]);
    let file = sent(&[
        ("own.q1", "Data residency in the EU?"),
        ("own.q2", "Support in German?"),
    ]);
    let mut kept = Kept::default();
    let first = kept
        .visit(Some(link.clone()), |_| false)
        .expect("a new link");
    assert_eq!(first.added, 1);
    let opened = kept.open_file(file, |_| false);
    assert_eq!(
        opened,
        Joined {
            earlier: 1,
            added: 1,
            ..Joined::default()
        }
    );
    assert_eq!(ids(&kept.asked), ["own.q1", "own.q2"]);
    // The reload: the same link again is no news, and the file's question stays.
    let def = fixture();
    let mut reloaded = read_kept(&def, &write_kept(&def, &kept)).expect("reads");
    assert_eq!(reloaded.visit(Some(link), |id| id == "own.q2"), None);
    assert_eq!(
        reloaded, kept,
        "the reload shows the same questions as before"
    );
}

#[test]
fn link_and_file_join_by_question_id_and_the_newer_wording_wins() {
    let before = sent(&[("own.q1", "Old wording?"), ("own.q2", "Kept?")]);
    let given = sent(&[("own.q1", "New wording?"), ("own.q3/own.extra", "New?")]);
    // An answered question that changed is named; one without an answer needs no word.
    joins(
        &before,
        &given,
        &["own.q1"],
        &["own.q1", "own.q2", "own.q3"],
        Joined {
            earlier: 2,
            added: 1,
            changed: vec!["own.q1".into()],
            kept: 1,
            left_out: Vec::new(),
        },
    );
    joins(
        &before,
        &given,
        &["own.q2"],
        &["own.q1", "own.q2", "own.q3"],
        Joined {
            earlier: 2,
            added: 1,
            kept: 1,
            ..Joined::default()
        },
    );
    let (asked, _) = questionnaire::join(before.clone(), given.clone(), |_| false);
    assert_eq!(asked.questions[0].text, "New wording?");
    assert_eq!(asked.sections.len(), 1, "the new own section comes along");
    // Nothing new: the set asked stays as it was.
    joins(
        &before,
        &before,
        &["own.q1"],
        &["own.q1", "own.q2"],
        Joined {
            earlier: 2,
            ..Joined::default()
        },
    );
}

#[test]
fn a_second_file_over_a_first_keeps_the_first_files_questions_and_answers() {
    let mut kept = Kept::default();
    kept.open_file(sent(&[("own.q1/own.a", "First file?")]), |_| false);
    let second = kept.open_file(sent(&[("own.q2", "Second file?")]), |id| id == "own.q1");
    assert_eq!(
        second,
        Joined {
            earlier: 1,
            added: 1,
            kept: 1,
            ..Joined::default()
        }
    );
    assert_eq!(ids(&kept.asked), ["own.q1", "own.q2"]);
    assert_eq!(
        kept.asked.sections.len(),
        1,
        "the first file's section stays for its question"
    );
    assert_eq!(kept.link, None, "files are not links");
}

#[test]
fn the_first_own_questions_of_two_buyers_stay_two_questions_for_their_vendor() {
    // Each buyer adds one question of their own in their own workspace; the page draws a
    // random nonce for each. Counted ids (`own.q1` for both) made the second buyer's question
    // a new wording of the first, and the vendor's answer to one the answer to the other.
    let def = fixture();
    let section = def.sections[0].id.clone();
    let buyer = |text: &str, nonce| {
        let form = OwnForm {
            text: text.to_owned(),
            section: section.clone(),
            ..OwnForm::default()
        };
        let tuning = add_own_question(&def, &Tuning::default(), "en", &form, nonce).expect("added");
        read(&def, &write(&def, &tuning)).expect("the questionnaire file reads")
    };
    let first = buyer("Do you record calls only with consent?", 0x5eed_0001);
    let second = buyer("Is support available in German?", 0x5eed_0002);
    let mut kept = Kept::default();
    kept.open_file(first.clone(), |_| false);
    let first_id = first.questions[0].id.clone();
    let joined = kept.open_file(second.clone(), |id| id == first_id);
    assert_eq!(
        joined,
        Joined {
            earlier: 1,
            added: 1,
            kept: 1,
            ..Joined::default()
        },
        "nothing the vendor answered was reworded"
    );
    let texts: Vec<&str> = kept
        .asked
        .questions
        .iter()
        .map(|q| q.text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "Do you record calls only with consent?",
            "Is support available in German?"
        ]
    );
}

#[test]
fn a_new_link_joins_while_the_same_link_again_changes_nothing() {
    let mut kept = Kept::default();
    kept.open_file(sent(&[("own.q1", "From the file?")]), |_| false);
    assert_eq!(
        kept.visit(None, |_| false),
        None,
        "a plain link keeps what was given"
    );
    let link = sent(&[("own.q1", "Reworded in the link?")]);
    let joined = kept.visit(Some(link.clone()), |_| true).expect("news");
    assert_eq!(joined.changed, ["own.q1"]);
    assert_eq!(kept.asked.questions[0].text, "Reworded in the link?");
    // A file rewords it again; reloading the link must not undo the file.
    kept.open_file(sent(&[("own.q1", "Reworded in the file?")]), |_| true);
    assert_eq!(kept.visit(Some(link), |_| true), None);
    assert_eq!(kept.asked.questions[0].text, "Reworded in the file?");
}

#[test]
fn over_the_limits_the_newest_questions_come_first_then_the_answered_ones() {
    let many = |prefix: &str, n: usize| {
        let questions: Vec<(String, String)> = (0..n)
            .map(|i| (format!("own.{prefix}{i}"), format!("Question {i}?")))
            .collect();
        let refs: Vec<(&str, &str)> = questions
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        sent(&refs)
    };
    let before = many("a", 3);
    let given = many("b", MAX_OWN_QUESTIONS - 1);
    let (asked, joined) = questionnaire::join(before, given, |id| id == "own.a2");
    assert_eq!(asked.questions.len(), MAX_OWN_QUESTIONS);
    assert!(
        ids(&asked).contains(&"own.a2"),
        "the answered question stays"
    );
    assert_eq!(joined.left_out, ["own.a0", "own.a1"]);
    assert_eq!(joined.kept, 1);
    // Own sections: the given set's first, then those earlier questions need.
    let sectioned = |prefix: &str, n: usize| {
        let questions: Vec<(String, String)> = (0..n)
            .map(|i| {
                (
                    format!("own.{prefix}{i}/own.{prefix}{i}"),
                    format!("Question {i}?"),
                )
            })
            .collect();
        let refs: Vec<(&str, &str)> = questions
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        sent(&refs)
    };
    let (asked, joined) = questionnaire::join(
        sectioned("a", 2),
        sectioned("b", MAX_OWN_SECTIONS - 1),
        |_| true,
    );
    assert_eq!(asked.sections.len(), MAX_OWN_SECTIONS);
    assert_eq!(joined.left_out, ["own.a1"]);
    joins(
        &sectioned("a", 2),
        &sectioned("b", MAX_OWN_SECTIONS - 1),
        &[],
        &ids(&asked),
        Joined {
            earlier: 2,
            added: MAX_OWN_SECTIONS - 1,
            kept: 1,
            left_out: vec!["own.a1".into()],
            ..Joined::default()
        },
    );
}

#[test]
fn the_kept_record_reads_a_questionnaire_file_and_refuses_a_crafted_link() {
    let def = fixture();
    let file = write(&def, &tuning_with_each_change());
    let kept = read_kept(&def, &file).expect("an earlier version kept the file itself");
    assert_eq!(kept.asked, tuning_with_each_change().vendor_part());
    assert_eq!(kept.link, None);
    let crafted = file.replacen(
        "\"checklist\"",
        "\"link\": {\"questions\": [{\"id\": \"bad\"}]},\n  \"checklist\"",
        1,
    );
    assert!(read_kept(&def, &crafted).is_err());
    // A file the vendor opens may not carry a link.
    let kept = write_kept(
        &def,
        &Kept {
            asked: sent(&[("own.q1", "Q?")]),
            link: Some("{}".to_owned()),
        },
    );
    assert!(matches!(read(&def, &kept), Err(ImportError::Malformed(m)) if m.contains("link")));
}

#[test]
fn two_tabs_that_kept_different_questions_keep_both() {
    let mut mine = Kept::default();
    mine.open_file(
        sent(&[("own.q1", "Mine, reworded?"), ("own.q2", "Mine?")]),
        |_| false,
    );
    let mut theirs = Kept::default();
    theirs.visit(
        Some(sent(&[("own.q1", "Theirs?"), ("own.q3", "Theirs?")])),
        |_| false,
    );
    let merged = mine.clone().merge(theirs.clone());
    assert_eq!(ids(&merged.asked), ["own.q1", "own.q3", "own.q2"]);
    assert_eq!(merged.asked.questions[0].text, "Mine, reworded?");
    assert_eq!(
        merged.link, theirs.link,
        "the other tab's link is remembered"
    );
    assert_eq!(mine.clone().merge(Kept::default()), mine);
}
