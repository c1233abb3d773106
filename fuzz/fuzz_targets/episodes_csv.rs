#![no_main]
//! `cargo +nightly fuzz run episodes_csv`: see ri_chase_fuzz::import::episodes_csv.

use libfuzzer_sys::fuzz_target;
use ri_chase_fuzz::bed::Bed;
use std::sync::Mutex;

/// One database for the process, put back whenever an input changes it.
static BED: Mutex<Option<Bed>> = Mutex::new(None);

fuzz_target!(|bytes: &[u8]| {
    let mut bed = BED.lock().unwrap_or_else(|e| e.into_inner());
    let bed = bed.get_or_insert_with(Bed::new);
    ri_chase_fuzz::import::episodes_csv(bed, bytes);
});
