//! `export --format ssd-missing | ssd-person` and `import --format ssd`: the
//! Standard Safeguarding Dataset (see [`crate::io::ssd`]).

use super::to_output;
use crate::cli::{Failure, Outcome};
use crate::domain::period::FinancialYear;
use crate::domain::time::Instant;
use crate::domain::visible::visible;
use crate::io::ssd::{SsdImportError, read_ssd, write_ssd_missing, write_ssd_person};
use crate::store::Store;
use std::io::Write;
use std::path::Path;

/// Which SSD table to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SsdTable {
    Missing,
    Person,
}

pub(crate) fn export_ssd(path: &Path, table: SsdTable, year: Option<&str>, output: Option<&Path>) -> Outcome {
    let year = year.map(FinancialYear::parse).transpose().map_err(|e| Failure::input(format!("--year: {e}")))?;
    let store = Store::open_to_read(path)?;
    // The table's own error says what went wrong in a row; an I/O error carries it.
    let write = |out: &mut dyn Write| {
        match table {
            SsdTable::Missing => write_ssd_missing(&store, year, out),
            SsdTable::Person => write_ssd_person(&store, year, out),
        }
        .map_err(|e| std::io::Error::other(e.to_string()))
    };
    let what = match table {
        SsdTable::Missing => "episode(s), ssd_missing",
        SsdTable::Person => "child(ren), ssd_person",
    };
    to_output(output, write, |file, n| format!("{}: {n} {what}", file.display()))
}

pub(crate) fn import_ssd(path: &Path, missing: &Path, person: Option<&Path>, dry_run: bool, now: Instant) -> Outcome {
    let person = person.ok_or_else(|| {
        Failure::input("--format ssd needs --person PERSON.csv, the ssd_person table naming each child")
    })?;
    let open = |file: &Path| {
        std::fs::File::open(file)
            .map(std::io::BufReader::new)
            .map_err(|e| Failure::input(format!("{}: {e}", file.display())))
    };
    let (m, p) = (open(missing)?, open(person)?);
    let mut store = Store::open_existing(path)?;
    let authority = store.require_authority()?;
    let (m_name, p_name) = (missing.display().to_string(), person.display().to_string());
    let read = match read_ssd(m, &m_name, p, &p_name, &store, &authority, now) {
        Ok(read) => read,
        Err(SsdImportError::Invalid(errors)) => {
            let mut err = std::io::stderr().lock();
            for e in &errors {
                // Each line quotes the files' values: shown, never obeyed.
                let _ = writeln!(err, "{}", visible(&e.to_string()));
            }
            return Err(Failure::input(format!(
                "{m_name}, {p_name}: {} problem(s); nothing was imported",
                errors.len()
            )));
        }
        Err(SsdImportError::Store(e)) => return Err(e.into()),
    };
    let defaults = if read.new_children > 0 {
        format!(
            "; {} new child(ren) recorded as ours, living here, case status not_open, missing from `other`: correct them on the child's screen",
            read.new_children
        )
    } else {
        String::new()
    };
    if dry_run {
        eprintln!(
            "{m_name}: {} episode(s) checked, no problems; nothing written (dry run){defaults}",
            read.items.len()
        );
        return Ok(());
    }
    let c = store.import(&read.items)?;
    eprintln!(
        "{m_name}: {} episode(s) added, {} updated, {} unchanged; {} child(ren) added, {} updated{defaults}",
        c.episodes_added, c.episodes_updated, c.episodes_unchanged, c.people_added, c.people_updated
    );
    Ok(())
}
