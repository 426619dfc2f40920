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
    /// Only questions where a vendor's statement waits for the buyer's review
    /// (`response::review_filter`).
    pub not_reviewed: bool,
    /// Only questions where the buyer changed a vendor's stated answer.
    pub changed: bool,
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
mod tests;
