//! The DfE's SSDA903 return, "Missing" table (DOMAIN.md, "National data
//! formats"): which episodes it holds and how each is written
//! ([`table`]), and the DfE's rules on the table alone ([`rules`]), checked
//! before a file is written. The DfE validator (`csc-validator-be-903`) is the
//! judge; `tests/validator_903.py` runs it on our exports, and these rules
//! follow its code, so the two agree on every file.

pub mod rules;
pub mod table;

pub use rules::{Breach, check};
pub use table::{HEADER, MissingLine, MissingRow, missing_rows};
