#![no_main]
//! `cargo +nightly fuzz run when`: see ri_chase_fuzz::when::when.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| ri_chase_fuzz::when::when(bytes));
