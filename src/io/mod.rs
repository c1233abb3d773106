//! Files and formats: the episode CSV, list output (table, CSV, JSON), the
//! demo data, and where files live.

pub mod demo;
