//! The index builder analyses documents in batches, in parallel, each batch with its own
//! vocabulary; the files it writes must not depend on how the documents were batched, or a
//! build on another machine (another thread count) would not be reproducible.

use search_core::{Document, Fragment, IndexBuilder, IndexFiles};

fn fragment(number: usize, heading: &str, text: &str) -> Fragment {
    Fragment {
        url: format!("/de/seite-{}/#abschnitt", number / 3),
        page_title: format!("Seite {} über Schlüssel", number / 3),
        page_url: format!("/de/seite-{}/", number / 3),
        heading: heading.to_string(),
        context: if number.is_multiple_of(2) {
            "Sicherheit".to_string()
        } else {
            String::new()
        },
        text: text.to_string(),
    }
}

fn documents() -> Vec<Fragment> {
    let texts = [
        (
            "Verschlüsselung",
            "Die Ende-zu-Ende-Verschlüsselung schützt Gespräche. Ein AVV regelt das.",
        ),
        (
            "Schlüsselverwaltung",
            "Schlüssel und Schluessel werden getrennt verwahrt; Verschlüsselungsverfahren.",
        ),
        (
            "Auftragsverarbeitungsvertrag",
            "Der Auftragsverarbeitungsvertrag nach Art. 28 DSGVO.",
        ),
        (
            "Penetrationstest",
            "Ein Pen-Test, auch Penetrationstest: Prüfungen und Prüfung der Verträge.",
        ),
        (
            "Zertifikate",
            "ISO 27001 Zertifikate, Zertifikat, Zertifizierung; 2FA und MFA.",
        ),
    ];
    (0..40)
        .map(|number| {
            let (heading, text) = texts[number % texts.len()];
            fragment(number, heading, &format!("{text} Abschnitt {number}."))
        })
        .collect()
}

fn build(batch_sizes: &[usize]) -> IndexFiles {
    let synonyms = vec![
        vec![
            "AVV".to_string(),
            "Auftragsverarbeitungsvertrag".to_string(),
        ],
        vec!["Pen-Test".to_string(), "Penetrationstest".to_string()],
        vec!["MFA".to_string(), "2FA".to_string()],
    ];
    let mut builder = IndexBuilder::new("de", &synonyms);
    let fragments = documents();
    let documents: Vec<Document> = fragments.iter().map(Fragment::document).collect();
    let mut rest = &documents[..];
    for &size in batch_sizes.iter().cycle() {
        if rest.is_empty() {
            break;
        }
        let (batch, after) = rest.split_at(size.min(rest.len()));
        let analyzed = builder.analyze(batch);
        builder.push(analyzed);
        rest = after;
    }
    builder.finish(&documents)
}

#[test]
fn index_files_do_not_depend_on_how_documents_were_batched() {
    let whole = build(&[usize::MAX]);
    assert!(!whole.term_chunks.is_empty() && !whole.fragment_chunks.is_empty());
    for sizes in [&[1][..], &[7], &[3, 11, 2], &[39, 1]] {
        assert!(
            build(sizes) == whole,
            "batches of {sizes:?} built other files"
        );
    }
}
