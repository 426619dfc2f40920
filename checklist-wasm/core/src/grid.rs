//! Pure decisions of the question × vendor grid and of the question filters: what state each
//! cell is in, which questions a filter shows, how far each section is answered, and where
//! a navigation key moves the focused cell. It reads a definition and the vendors' scores
//! and owns no web types; the binding (`checklist-wasm/src/grid.rs`, `questions.rs`) only
//! applies these decisions to the DOM. Scoring itself is `scoring`'s.

use crate::definition::{Definition, WeightClass};
use crate::scoring::{Applicability, RuleStatus, VendorScore};

/// The question filters the buyer switched on; each narrows the questions shown, and
/// together they combine (a question must pass every filter that is on).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// Only questions that a vendor shown has not answered yet (and that apply to it).
    pub unanswered: bool,
    /// Only critical questions (by the question's weight, or its group's).
    pub critical: bool,
    /// Only questions that a must-have rule (hard or soft) tests.
    pub must_have: bool,
    /// Only questions where a vendor shown has an answer that fails.
    pub failing: bool,
}

impl Filters {
    /// Tells whether no filter is on, so every question is shown.
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
}

/// The state of one vendor's answer to one question, as a grid cell shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellState {
    /// The question does not apply to this vendor (or waits for the answer it depends on).
    NotApplicable,
    /// The question applies and has no answer that counts yet.
    Unanswered,
    /// The answer earns credit and breaks no must-have rule.
    Passes,
    /// The answer earns no credit, or it breaks an active must-have rule.
    Fails,
}

/// How many of a section's applicable cells are answered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Applicable cells with an answer that counts.
    pub answered: usize,
    /// Applicable cells.
    pub applicable: usize,
}

/// The position of the focused cell: a visible row, and the column the buyer last chose
/// (kept while moving through rows with fewer cells, such as section headings).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    /// Index into the visible rows.
    pub row: usize,
    /// The chosen column; the focused cell is `min(col, cells in the row - 1)`.
    pub col: usize,
}

impl Position {
    /// Returns the column actually focused in a row with `cells` cells.
    pub fn cell(&self, cells: usize) -> usize {
        self.col.min(cells.saturating_sub(1))
    }
}

/// A navigation key of the ARIA grid pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// Arrow up: one row up, same column.
    Up,
    /// Arrow down: one row down, same column.
    Down,
    /// Arrow left: one cell left.
    Left,
    /// Arrow right: one cell right.
    Right,
    /// Home: first cell of the row.
    RowStart,
    /// End: last cell of the row.
    RowEnd,
    /// Control+Home: first cell of the first row.
    GridStart,
    /// Control+End: last cell of the last row.
    GridEnd,
    /// Page up: a page of rows up.
    PageUp,
    /// Page down: a page of rows down.
    PageDown,
}

/// Rows a page key moves.
pub const PAGE_ROWS: usize = 10;

impl Move {
    /// Reads a `KeyboardEvent.key` (with Control held or not); `None` for other keys.
    pub fn from_key(key: &str, control: bool) -> Option<Move> {
        Some(match (key, control) {
            ("ArrowUp", _) => Move::Up,
            ("ArrowDown", _) => Move::Down,
            ("ArrowLeft", _) => Move::Left,
            ("ArrowRight", _) => Move::Right,
            ("Home", false) => Move::RowStart,
            ("End", false) => Move::RowEnd,
            ("Home", true) => Move::GridStart,
            ("End", true) => Move::GridEnd,
            ("PageUp", _) => Move::PageUp,
            ("PageDown", _) => Move::PageDown,
            _ => return None,
        })
    }
}

/// Moves the focused cell; `rows` gives the number of cells of each visible row. Focus
/// never wraps: at an edge it stays where it is, as the ARIA grid pattern asks.
pub fn step(from: Position, key: Move, rows: &[usize]) -> Position {
    let Some(last_row) = rows.len().checked_sub(1) else {
        return Position::default();
    };
    let row = from.row.min(last_row);
    let here = Position { row, ..from }.cell(rows[row]);
    let last_cell = |r: usize| rows[r].saturating_sub(1);
    match key {
        Move::Up => Position {
            row: row.saturating_sub(1),
            col: from.col,
        },
        Move::Down => Position {
            row: (row + 1).min(last_row),
            col: from.col,
        },
        Move::PageUp => Position {
            row: row.saturating_sub(PAGE_ROWS),
            col: from.col,
        },
        Move::PageDown => Position {
            row: (row + PAGE_ROWS).min(last_row),
            col: from.col,
        },
        Move::Left => Position {
            row,
            col: here.saturating_sub(1),
        },
        Move::Right => Position {
            row,
            col: (here + 1).min(last_cell(row)),
        },
        Move::RowStart => Position { row, col: 0 },
        Move::RowEnd => Position {
            row,
            col: last_cell(row),
        },
        Move::GridStart => Position { row: 0, col: 0 },
        Move::GridEnd => Position {
            row: last_row,
            col: last_cell(last_row),
        },
    }
}

/// Marks, per question in definition order, whether an active must-have rule that fails
/// for this vendor tests it.
pub fn failing_rule_inputs(def: &Definition, score: &VendorScore) -> Vec<bool> {
    let mut inputs = vec![false; def.questions.len()];
    for outcome in score
        .rules
        .iter()
        .filter(|r| r.active && r.status == RuleStatus::Fail)
    {
        let Some(rule) = def.rule(&outcome.rule) else {
            continue;
        };
        for condition in &rule.conditions {
            if let Some(i) = def
                .questions
                .iter()
                .position(|q| q.id == condition.question)
            {
                inputs[i] = true;
            }
        }
    }
    inputs
}

/// Returns the state of each question's cell for one vendor, in definition order.
pub fn cell_states(def: &Definition, score: &VendorScore) -> Vec<CellState> {
    let rule_failures = failing_rule_inputs(def, score);
    score
        .questions
        .iter()
        .zip(rule_failures)
        .map(|(q, breaks_rule)| {
            if q.applicability != Applicability::Applicable {
                CellState::NotApplicable
            } else if !q.answered {
                CellState::Unanswered
            } else if q.credit == 0.0 || breaks_rule {
                CellState::Fails
            } else {
                CellState::Passes
            }
        })
        .collect()
}

/// Decides, per question in definition order, whether it is shown, given the cell states
/// of every vendor shown (one list per vendor, as [`cell_states`] returns): it must apply
/// to at least one of them, and pass every filter that is on.
pub fn shown_questions(
    def: &Definition,
    filters: Filters,
    vendors: &[Vec<CellState>],
) -> Vec<bool> {
    def.questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let any = |state: CellState| vendors.iter().any(|cells| cells.get(i) == Some(&state));
            let applies = vendors
                .iter()
                .any(|cells| cells.get(i).is_some_and(|s| *s != CellState::NotApplicable));
            applies
                && (!filters.unanswered || any(CellState::Unanswered))
                && (!filters.critical || def.effective_weight(q) == WeightClass::Critical)
                && (!filters.must_have
                    || def
                        .rules
                        .iter()
                        .any(|r| r.conditions.iter().any(|c| c.question == q.id)))
                && (!filters.failing || any(CellState::Fails))
        })
        .collect()
}

/// One row of the grid: a section's heading, or a question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    /// The heading of the section at this index, which collapses and expands it.
    Section(usize),
    /// The question at this index of the definition.
    Question(usize),
}

/// Lays out the grid's rows: each section with a shown question gets its heading, followed
/// by its shown questions unless the buyer collapsed it (`collapsed` is per section).
pub fn rows(def: &Definition, shown: &[bool], collapsed: &[bool]) -> Vec<Row> {
    let mut rows = Vec::new();
    for (s, section) in def.sections.iter().enumerate() {
        let questions: Vec<usize> = (0..def.questions.len())
            .filter(|&i| def.questions[i].section == section.id && shown.get(i) == Some(&true))
            .collect();
        if questions.is_empty() {
            continue;
        }
        rows.push(Row::Section(s));
        if !collapsed.get(s).copied().unwrap_or(false) {
            rows.extend(questions.into_iter().map(Row::Question));
        }
    }
    rows
}

/// Counts the answered and applicable cells of one section over every vendor shown.
pub fn section_progress(def: &Definition, section: &str, vendors: &[Vec<CellState>]) -> Progress {
    let mut progress = Progress::default();
    for (i, q) in def.questions.iter().enumerate() {
        if q.section != section {
            continue;
        }
        for cells in vendors {
            match cells.get(i) {
                Some(CellState::Passes | CellState::Fails) => {
                    progress.answered += 1;
                    progress.applicable += 1;
                }
                Some(CellState::Unanswered) => progress.applicable += 1,
                _ => {}
            }
        }
    }
    progress
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{Answer, AnswerValue, Vendor};
    use crate::definition::Verbal;
    use crate::score_vendor;

    fn definition() -> Definition {
        crate::parse_definition(include_str!("../../../content/checklist.toml"))
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
    fn check_filter(
        filters: Filters,
        vendors: &[&[(&str, AnswerValue)]],
        question: &str,
        shown: bool,
    ) {
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
        assert!(shown_questions(&def, Filters::default(), &[])
            .iter()
            .all(|s| !s));
    }

    #[test]
    fn section_progress_counts_applicable_cells_over_all_vendors() {
        let def = definition();
        let section = def
            .question("cert.scope")
            .expect("question")
            .section
            .clone();
        let applicable = |answers: &[(&str, AnswerValue)]| {
            cell_states(&def, &score_vendor(&def, &vendor(answers)))
        };
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
}
