//! Importing saved and exported files (`checklist_core::exchange`): every file that imports
//! exports again within the import's size limit, and that export imports to exactly the same
//! workspace and writes the same bytes again (export → import is exact). The CSV export of
//! an imported workspace never holds a cell a spreadsheet would run as a formula.

use checklist_core::exchange::{
    export_csv, export_json, import_json, import_vendors, max_import_bytes, CsvLabels,
};

/// Characters that make a spreadsheet read a cell as a formula, as OWASP lists them.
const FORMULA_STARTS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\n'];

/// Splits RFC 4180 CSV (as our export writes it) into its cells, unquoted.
fn cells(csv: &str, separator: char) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut chars = csv.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        let cell = cells.last_mut().expect("there is always a cell");
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if cell.is_empty() => quoted = true,
            c if !quoted && (c == separator || c == '\n') => cells.push(String::new()),
            '\r' if !quoted => {}
            c => cell.push(c),
        }
    }
    assert!(!quoted, "the CSV ends inside a quoted cell");
    cells
}

/// Checks one input; panics when a property fails. Returns whether the parser accepted it.
pub fn check(data: &[u8]) -> bool {
    let def = crate::real_checklist();
    let Ok(text) = std::str::from_utf8(data) else {
        return false;
    };
    let imported = import_json(def, text);
    let vendors = import_vendors(def, text);
    match &imported {
        Ok(report) if report.workspace.vendors.is_empty() => assert!(vendors.is_err()),
        Ok(report) => assert_eq!(vendors.as_ref(), Ok(report)),
        Err(err) => assert_eq!(vendors.as_ref().err(), Some(err)),
    }
    let Ok(report) = imported else {
        return false;
    };
    let exported = export_json(def, &report.workspace);
    assert!(
        exported.len() <= max_import_bytes(def),
        "an export of {} bytes is over the import limit {}",
        exported.len(),
        max_import_bytes(def)
    );
    let again = import_json(def, &exported)
        .unwrap_or_else(|err| panic!("our own export does not import: {err}\n{exported}"));
    assert_eq!(
        again.workspace, report.workspace,
        "export → import changed the workspace"
    );
    assert!(again.orphaned_answers.is_empty() && again.dropped_rule_switches.is_empty());
    let compact = checklist_core::saved::write(def, &report.workspace);
    assert_eq!(
        checklist_core::saved::read_own(def, &compact).as_ref(),
        Ok(&report.workspace),
        "the workspace bundle reads its own save of an import differently"
    );
    assert_eq!(
        export_json(def, &again.workspace),
        exported,
        "the export is not stable"
    );
    for (lang, decimal_mark) in [("en", "."), ("de", ",")] {
        let labels = CsvLabels {
            decimal_mark: decimal_mark.to_owned(),
            ..CsvLabels::from_lookup(|key| format!("label {key}"))
        };
        let separator = checklist_core::exchange::csv_separator(decimal_mark);
        let csv = export_csv(def, &report.workspace, lang, &labels, None);
        let csv = csv
            .strip_prefix('\u{feff}')
            .expect("the CSV starts with a byte order mark");
        for cell in cells(csv, separator) {
            assert!(
                !cell.trim_start().starts_with(FORMULA_STARTS),
                "a CSV cell a spreadsheet would run: {cell:?}"
            );
        }
    }
    true
}
