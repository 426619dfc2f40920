//! The contract between the page and the on-demand module for the kept backup: the action
//! the buyer chose in the storage panel ([`BackupAction`], sent as its number) and what the
//! module reports back ([`BackupOutcome`], one line of plain text with a tag). Split from
//! `store` so the page's saving rules and this wire format each stay in a file of their own.

/// What the buyer asked to do with the kept backup (the storage panel's buttons). The
/// on-demand module does it with a store it opens itself (`ondemand::backup`), so the first
/// load carries none of it; the action travels to the module as its number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackupAction {
    /// Add the backup's vendors to the workspace (the page deletes the backup with the write
    /// that saves them).
    Restore = 0,
    /// Download the backup as a file the page imports again.
    Download = 1,
    /// Delete the backup.
    Delete = 2,
}

impl BackupAction {
    /// Returns the action a number stands for, if any.
    pub fn from_number(number: u8) -> Option<BackupAction> {
        [
            BackupAction::Restore,
            BackupAction::Download,
            BackupAction::Delete,
        ]
        .into_iter()
        .find(|action| *action as u8 == number)
    }
}

/// What the on-demand module tells the page after a backup action, as one text (the
/// modules' contract is plain text): a tag character, then its fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupOutcome<'a> {
    /// The backup is gone: deleted now, or by another tab before (tag `g`).
    Gone,
    /// The backup was read with every check of an import (tag `r`).
    Read {
        /// The sentence the page shows instead when the vendors would not fit; it holds
        /// no line break, which ends it.
        too_many: &'a str,
        /// Its workspace in the compact form, against this page's checklist.
        workspace: &'a str,
    },
    /// The backup cannot be restored, and is kept; the sentence says why (tag `x`).
    Refused(&'a str),
}

impl<'a> BackupOutcome<'a> {
    /// Writes the outcome as the text the page reads with [`BackupOutcome::read`].
    pub fn write(&self) -> String {
        match self {
            BackupOutcome::Gone => "g".to_owned(),
            BackupOutcome::Read {
                too_many,
                workspace,
            } => format!("r{}\n{workspace}", too_many.replace('\n', " ")),
            BackupOutcome::Refused(sentence) => format!("x{sentence}"),
        }
    }

    /// Reads an outcome the module wrote; `None` for any other text.
    pub fn read(text: &'a str) -> Option<BackupOutcome<'a>> {
        let rest = text.get(1..)?;
        match text.as_bytes()[0] {
            b'g' if rest.is_empty() => Some(BackupOutcome::Gone),
            b'r' => {
                let (too_many, workspace) = rest.split_once('\n')?;
                Some(BackupOutcome::Read {
                    too_many,
                    workspace,
                })
            }
            b'x' => Some(BackupOutcome::Refused(rest)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks that `outcome` reaches the page as itself through the text between the modules.
    #[track_caller]
    fn check_outcome_travels(outcome: BackupOutcome) {
        assert_eq!(BackupOutcome::read(&outcome.write()), Some(outcome));
    }

    #[test]
    fn a_backup_outcome_reaches_the_page_as_the_module_wrote_it() {
        check_outcome_travels(BackupOutcome::Gone);
        check_outcome_travels(BackupOutcome::Refused(
            "This file is not a checklist export.",
        ));
        check_outcome_travels(BackupOutcome::Refused("two\nlines"));
        check_outcome_travels(BackupOutcome::Refused(""));
        check_outcome_travels(BackupOutcome::Read {
            too_many: "At most 50 vendors.",
            workspace: "ccw1;5:a@1.0;notes with\nline\nbreaks",
        });
        check_outcome_travels(BackupOutcome::Read {
            too_many: "",
            workspace: "",
        });
        // A line break in the sentence would end it early; it travels as a space.
        let outcome = BackupOutcome::Read {
            too_many: "At most\n50.",
            workspace: "ccw1;",
        };
        assert_eq!(
            BackupOutcome::read(&outcome.write()),
            Some(BackupOutcome::Read {
                too_many: "At most 50.",
                workspace: "ccw1;"
            })
        );
    }

    #[test]
    fn text_that_is_no_backup_outcome_reads_as_none() {
        for text in ["", "g?", "q", "rno line break", "ütf", "\n"] {
            assert_eq!(BackupOutcome::read(text), None, "{text:?}");
        }
    }

    #[test]
    fn each_backup_action_travels_as_its_number() {
        for action in [
            BackupAction::Restore,
            BackupAction::Download,
            BackupAction::Delete,
        ] {
            assert_eq!(BackupAction::from_number(action as u8), Some(action));
        }
        assert_eq!(BackupAction::from_number(3), None);
    }
}
