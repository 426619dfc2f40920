//! The questionnaire file for vendors who prefer a file to the respond link: it carries the
//! checklist version and the buyer's own questions and nothing else, reads back to exactly
//! what the link gives, and untrusted files are refused with the reason.

mod common;

use checklist_core::definition::WeightClass;
use checklist_core::exchange::ImportError;
use checklist_core::questionnaire::{self, max_bytes, read, write};
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
    let link = share::encode_questions(&tuning).expect("own questions");
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
