//! ri-chase: return-interview chasing, strategy meetings and MPMG preparation
//! for the people in a local authority who keep missing children safe.
//!
//! Layers, each importing only those below it: [`domain`] (pure rules),
//! [`store`] (SQLite), [`io`] (files and formats), [`tui`] (the terminal app),
//! [`cli`] (argument parsing and dispatch, with the file commands in `commands`).

pub mod cli;
mod commands;
pub mod domain;
pub mod io;
pub mod store;
pub mod tui;
