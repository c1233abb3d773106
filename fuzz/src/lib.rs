//! The properties the fuzz targets check, as plain functions: the targets
//! in `fuzz_targets/` feed them libFuzzer's inputs (`cargo +nightly fuzz
//! run NAME`), and `tests/fuzz_properties.rs` in the main crate includes
//! this file and feeds them proptest's, in the normal stable test run. Each
//! function panics when a property fails, and returns quietly otherwise.
//!
//! The properties: no input panics; every refusal is a clear message (for
//! the importers: at least one problem, each naming its file, line and
//! column); and nothing is half-written (a rejected import leaves the
//! database as it was; a form whose save is refused has written nothing).

#[path = "bed.rs"]
pub mod bed;
#[path = "forms.rs"]
pub mod forms;
#[path = "import.rs"]
pub mod import;
#[path = "when.rs"]
pub mod when;
