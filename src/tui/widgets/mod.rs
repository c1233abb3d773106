//! Pieces several screens share.

pub mod child_search;
pub mod columns;
pub mod list_table;
pub mod popup;
pub mod visible;
