//! Table tests of the grid decisions in `grid.rs`: cell states, filters, rows, section
//! progress and key moves, against the real checklist definition.

use super::*;
use crate::answers::{Answer, AnswerValue, Vendor};
use crate::definition::Verbal;
use crate::score_vendor;

fn definition() -> Definition {
    crate::parse_definition(include_str!("../../../../content/checklist.toml"))
        .expect("the real checklist parses")
}

fn vendor(answers: &[(&str, AnswerValue)]) -> Vendor {
    let mut v = Vendor::new("v1", "A");
    for (q, value) in answers {
        v.answers
            .insert((*q).to_owned(), Answer::new(value.clone()));
    }
    v
}

fn index(def: &Definition, question: &str) -> usize {
    def.questions
        .iter()
        .position(|q| q.id == question)
        .expect("question exists")
}

#[track_caller]
fn check_step(from: (usize, usize), key: Move, rows: &[usize], to: (usize, usize)) {
    let from = Position {
        row: from.0,
        col: from.1,
    };
    let got = step(from, key, rows);
    assert_eq!(
        (got.row, got.cell(rows[got.row])),
        to,
        "{key:?} from {from:?}"
    );
}

#[test]
fn navigation_keys_move_like_the_aria_grid_pattern_and_never_wrap() {
    // A section heading row (1 cell), then three question rows of 4 cells.
    let rows = [1, 4, 4, 4];
    for (from, key, to) in [
        ((1, 0), Move::Right, (1, 1)),
        ((1, 3), Move::Right, (1, 3)),
        ((1, 0), Move::Left, (1, 0)),
        ((1, 2), Move::Down, (2, 2)),
        ((3, 2), Move::Down, (3, 2)),
        ((1, 2), Move::Up, (0, 0)),
        ((0, 0), Move::Up, (0, 0)),
        ((2, 2), Move::RowStart, (2, 0)),
        ((2, 0), Move::RowEnd, (2, 3)),
        ((2, 2), Move::GridStart, (0, 0)),
        ((1, 1), Move::GridEnd, (3, 3)),
        ((3, 1), Move::PageUp, (0, 0)),
        ((0, 0), Move::PageDown, (3, 0)),
    ] {
        check_step(from, key, &rows, to);
    }
}

#[test]
fn the_chosen_column_survives_a_section_heading_row() {
    let rows = [4, 1, 4];
    let on_heading = step(Position { row: 0, col: 2 }, Move::Down, &rows);
    assert_eq!(on_heading.cell(rows[1]), 0);
    let below = step(on_heading, Move::Down, &rows);
    assert_eq!((below.row, below.cell(rows[2])), (2, 2));
    // Moving sideways on the heading starts from the cell actually focused.
    assert_eq!(step(on_heading, Move::Right, &rows).cell(1), 0);
    assert_eq!(
        step(Position::default(), Move::Down, &[]),
        Position::default()
    );
}

#[test]
fn keys_map_to_moves_with_control_for_the_grid_corners() {
    assert_eq!(Move::from_key("Home", false), Some(Move::RowStart));
    assert_eq!(Move::from_key("Home", true), Some(Move::GridStart));
    assert_eq!(Move::from_key("End", true), Some(Move::GridEnd));
    assert_eq!(Move::from_key("Enter", false), None);
}

#[track_caller]
fn check_cell(answers: &[(&str, AnswerValue)], question: &str, expected: CellState) {
    let def = definition();
    let states = cell_states(&def, &score_vendor(&def, &vendor(answers)));
    assert_eq!(states[index(&def, question)], expected, "{question}");
}

#[test]
fn cells_tell_unanswered_passing_failing_and_not_applicable_apart() {
    let yes = AnswerValue::Verbal(Verbal::Yes);
    let no = AnswerValue::Verbal(Verbal::No);
    check_cell(&[], "cert.scope", CellState::Unanswered);
    check_cell(
        &[("cert.scope", yes.clone())],
        "cert.scope",
        CellState::Passes,
    );
    check_cell(
        &[("cert.scope", no.clone())],
        "cert.scope",
        CellState::Fails,
    );
    // A "yes" that breaks no rule passes; a DPA "no" breaks the hard rule and fails.
    check_cell(&[("gdpr.dpa", no)], "gdpr.dpa", CellState::Fails);
    check_cell(&[("gdpr.dpa", yes)], "gdpr.dpa", CellState::Passes);
    // A number below every band earns nothing.
    check_cell(
        &[("avail.sla", AnswerValue::Number(0.0))],
        "avail.sla",
        CellState::Fails,
    );
    check_cell(
        &[("avail.sla", AnswerValue::Number(99.99))],
        "avail.sla",
        CellState::Passes,
    );
}

#[test]
fn a_question_whose_condition_fails_is_not_applicable() {
    let def = definition();
    let Some(dependent) = def.questions.iter().find(|q| q.visible_if.is_some()) else {
        return;
    };
    // Unanswered controller: the dependent question waits, which the grid shows as n/a.
    let states = cell_states(&def, &score_vendor(&def, &vendor(&[])));
    assert_eq!(states[index(&def, &dependent.id)], CellState::NotApplicable);
}

#[track_caller]
fn check_filter(filters: Filters, vendors: &[&[(&str, AnswerValue)]], question: &str, shown: bool) {
    let def = definition();
    let states: Vec<Vec<CellState>> = vendors
        .iter()
        .map(|answers| cell_states(&def, &score_vendor(&def, &vendor(answers))))
        .collect();
    let got = shown_questions(&def, filters, &states)[index(&def, question)];
    assert_eq!(got, shown, "{filters:?} on {question}");
}

#[test]
fn filters_show_only_the_questions_that_match_every_filter_switched_on() {
    let yes = || AnswerValue::Verbal(Verbal::Yes);
    let no = || AnswerValue::Verbal(Verbal::No);
    let none = Filters::default();
    let unanswered = Filters {
        unanswered: true,
        ..none
    };
    let critical = Filters {
        critical: true,
        ..none
    };
    let must_have = Filters {
        must_have: true,
        ..none
    };
    let failing = Filters {
        failing: true,
        ..none
    };
    let def = definition();
    let critical_q = def
        .questions
        .iter()
        .find(|q| def.effective_weight(q) == WeightClass::Critical && q.visible_if.is_none())
        .expect("a critical question")
        .id
        .clone();
    let minor_q = def
        .questions
        .iter()
        .find(|q| def.effective_weight(q) != WeightClass::Critical && q.visible_if.is_none())
        .expect("a question that is not critical")
        .id
        .clone();
    // A yes/no question that no rule tests.
    let free_q = def
        .questions
        .iter()
        .find(|q| {
            q.kind == crate::definition::QuestionKind::YesNo
                && q.visible_if.is_none()
                && !def
                    .rules
                    .iter()
                    .any(|r| r.conditions.iter().any(|c| c.question == q.id))
        })
        .expect("a yes/no question without rules")
        .id
        .clone();
    let free = free_q.as_str();
    for (filters, vendors, question, shown) in [
        (none, vec![&[][..]], "cert.scope", true),
        (unanswered, vec![&[][..]], "cert.scope", true),
        (
            unanswered,
            vec![&[("cert.scope", yes())][..]],
            "cert.scope",
            false,
        ),
        // One vendor of two still has to answer it.
        (
            unanswered,
            vec![&[("cert.scope", yes())][..], &[][..]],
            "cert.scope",
            true,
        ),
        (critical, vec![&[][..]], critical_q.as_str(), true),
        (critical, vec![&[][..]], minor_q.as_str(), false),
        (must_have, vec![&[][..]], "gdpr.dpa", true),
        (must_have, vec![&[][..]], free, false),
        (failing, vec![&[][..]], "gdpr.dpa", false),
        (failing, vec![&[("gdpr.dpa", no())][..]], "gdpr.dpa", true),
        (failing, vec![&[("gdpr.dpa", yes())][..]], "gdpr.dpa", false),
        (
            Filters {
                must_have: true,
                failing: true,
                ..none
            },
            vec![&[(free, no())][..]],
            free,
            false,
        ),
        (
            Filters {
                must_have: true,
                failing: true,
                ..none
            },
            vec![&[("gdpr.dpa", no())][..]],
            "gdpr.dpa",
            true,
        ),
    ] {
        check_filter(filters, &vendors, question, shown);
    }
}

#[test]
fn rows_skip_empty_sections_and_hide_the_questions_of_collapsed_ones() {
    let def = definition();
    let all = vec![true; def.questions.len()];
    let none = vec![false; def.sections.len()];
    let rows_all = rows(&def, &all, &none);
    assert_eq!(rows_all.len(), def.sections.len() + def.questions.len());
    assert_eq!(rows_all[0], Row::Section(0));
    assert_eq!(rows_all[1], Row::Question(0));
    let mut first_collapsed = none.clone();
    first_collapsed[0] = true;
    let in_first = def.questions_in(&def.sections[0].id).count();
    assert_eq!(
        rows(&def, &all, &first_collapsed).len(),
        rows_all.len() - in_first
    );
    // Only the first question shown: one heading and that question.
    let mut only_first = vec![false; def.questions.len()];
    only_first[0] = true;
    assert_eq!(
        rows(&def, &only_first, &none),
        [Row::Section(0), Row::Question(0)]
    );
    assert!(rows(&def, &vec![false; def.questions.len()], &none).is_empty());
}

#[test]
fn questions_that_apply_to_no_vendor_shown_are_hidden() {
    let def = definition();
    let dependent = def
        .questions
        .iter()
        .position(|q| q.visible_if.is_some())
        .expect("a question with a condition");
    let states = vec![cell_states(&def, &score_vendor(&def, &vendor(&[])))];
    assert!(!shown_questions(&def, Filters::default(), &states)[dependent]);
    let without_vendors = shown_questions(&def, Filters::default(), &[]);
    assert_eq!(
        without_vendors.len(),
        def.questions.len(),
        "one entry per question"
    );
    assert!(without_vendors.iter().all(|s| !s));
}

#[test]
fn section_progress_counts_applicable_cells_over_all_vendors() {
    let def = definition();
    let section = def
        .question("cert.scope")
        .expect("question")
        .section
        .clone();
    let applicable =
        |answers: &[(&str, AnswerValue)]| cell_states(&def, &score_vendor(&def, &vendor(answers)));
    let empty = applicable(&[]);
    let one = applicable(&[("cert.scope", AnswerValue::Verbal(Verbal::Yes))]);
    let single = section_progress(&def, &section, std::slice::from_ref(&empty));
    assert_eq!(single.answered, 0);
    assert!(single.applicable > 0);
    let both = section_progress(&def, &section, &[empty, one]);
    assert_eq!(both.answered, 1);
    assert_eq!(both.applicable, 2 * single.applicable);
    assert!(!Filters {
        critical: true,
        ..Filters::default()
    }
    .is_empty());
}
