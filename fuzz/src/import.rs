//! The episode CSV and SSD importers on any bytes: a file is either taken
//! whole or refused with every problem named by file, line and column, and
//! a refused file leaves the database exactly as it was.

use super::bed::{AUTHORITY, Bed, assert_consistent, at};
use ri_chase::io::episodes_csv::{ImportError, read_episodes, write_episodes};
use ri_chase::io::ssd::{SsdImportError, read_ssd};
use ri_chase::store::ImportItem;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Inputs taken whole and refused, so a run can show it reached both.
pub static TAKEN: AtomicUsize = AtomicUsize::new(0);
pub static REFUSED: AtomicUsize = AtomicUsize::new(0);

/// Any bytes as an episode CSV.
pub fn episodes_csv(bed: &mut Bed, bytes: &[u8]) {
    bed.ready();
    let before = bed.fingerprint();
    let read = read_episodes(bytes, bed.store(), AUTHORITY, at());
    match read {
        Ok(items) => write_all(bed, &items, "the episode CSV"),
        Err(ImportError::Invalid(errors)) => {
            assert!(!errors.is_empty(), "refused with no problem named");
            for e in &errors {
                assert!(e.line >= 1, "a problem on line 0: {e}");
                assert!(
                    !e.column.trim().is_empty() && !e.problem.trim().is_empty(),
                    "a problem that says nothing: {e:?}"
                );
            }
            assert_eq!(bed.fingerprint(), before, "a refused file changed the database");
            REFUSED.fetch_add(1, Ordering::Relaxed);
        }
        Err(ImportError::Store(e)) => panic!("reading the file failed in the database: {e}"),
    }
}

/// Any bytes as an SSD extract: the `ssd_missing` table, then after the
/// first NUL byte the `ssd_person` table (no NUL otherwise: it is not text).
pub fn ssd(bed: &mut Bed, bytes: &[u8]) {
    let (missing, person) = match bytes.iter().position(|b| *b == 0) {
        Some(i) => (&bytes[..i], &bytes[i + 1..]),
        None => (bytes, &b""[..]),
    };
    bed.ready();
    let before = bed.fingerprint();
    let read = read_ssd(missing, "missing.csv", person, "person.csv", bed.store(), AUTHORITY, at());
    match read {
        Ok(read) => {
            assert!(read.new_children <= read.items.len(), "more new children than episodes");
            write_all(bed, &read.items, "the SSD extract");
        }
        Err(SsdImportError::Invalid(errors)) => {
            assert!(!errors.is_empty(), "refused with no problem named");
            for e in &errors {
                assert!(e.file == "missing.csv" || e.file == "person.csv", "a problem in no file given: {e}");
                assert!(e.line >= 1, "a problem on line 0: {e}");
                assert!(
                    !e.column.trim().is_empty() && !e.problem.trim().is_empty(),
                    "a problem that says nothing: {e:?}"
                );
            }
            assert_eq!(bed.fingerprint(), before, "refused files changed the database");
            REFUSED.fetch_add(1, Ordering::Relaxed);
        }
        Err(SsdImportError::Store(e)) => panic!("reading the files failed in the database: {e}"),
    }
}

/// Items the checks passed must all be written (a refusal by the database
/// is a check the reader missed, and reaches the user as SQL, not a line);
/// and what is then exported imports again changing nothing (README: "re-importing
/// changes nothing"). The bed is put back for the next input.
fn write_all(bed: &mut Bed, items: &[ImportItem], what: &str) {
    bed.dirty = true;
    if let Err(e) = bed.store().import(items) {
        panic!("{what} passed every check but the database refused it: {e}");
    }
    assert_consistent(&bed.path);
    let mut exported = Vec::new();
    write_episodes(bed.store(), None, &mut exported).expect("export");
    let again = read_episodes(exported.as_slice(), bed.store(), AUTHORITY, at())
        .unwrap_or_else(|e| panic!("the export of what {what} wrote does not import: {e:?}"));
    let before = bed.fingerprint();
    let counts = bed.store().import(&again).expect("re-import");
    assert_eq!(
        (counts.episodes_added, counts.episodes_updated, counts.people_added, counts.people_updated),
        (0, 0, 0, 0),
        "re-importing the export changed something"
    );
    assert_eq!(bed.fingerprint(), before, "re-importing the export wrote to the database");
    TAKEN.fetch_add(1, Ordering::Relaxed);
    bed.reset();
}
