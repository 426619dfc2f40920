//! The page's UI strings, handed over by the generator as JSON in `data-strings` (the
//! `[checklist]` table of `theme/i18n/<lang>.toml`). Look-up, plural forms and one-pass
//! placeholder filling are the presenter's (`checklist_core::present::strings`), so they are
//! tested natively; this module only names them for the binding.

pub use checklist_core::present::Strings;
