//! Pieces several screens share.

pub mod list_table;
pub mod popup;
