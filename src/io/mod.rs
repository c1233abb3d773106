//! Files and formats: the episode CSV, list output (table, CSV, JSON), the
//! demo data, and where files live.

pub mod annex_a;
pub mod cells;
pub mod chase_email;
pub mod demo;
pub mod episodes_csv;
pub mod letters;
pub mod mpmg_cells;
pub mod output;
pub mod pack;
pub mod paths;
pub mod patterns;
pub mod report_csv;
pub mod report_doc;
pub mod safe_file;
pub mod ssd;
pub mod ssda903;
