//! `ri-chase audit verify` and `ri-chase audit repair-triggers` (see
//! [`crate::store::Store::verify_audit`]).

use crate::cli::{Failure, Outcome};
use crate::domain::visible::visible;
use crate::store::{Store, Verification};
use std::io::Write;
use std::path::Path;

/// Checks the trail: a report on standard output; exit 0 when it holds,
/// 1 (with the first problem on stderr) when it shows tampering.
pub(crate) fn verify(path: &Path, head: Option<&str>) -> Outcome {
    let head = head.map(parse_head).transpose()?;
    let store = Store::open_to_read(path)?;
    let v = store.verify_audit(head.as_ref().map(|(id, hash)| (*id, hash.as_str())))?;
    let mut out = std::io::stdout().lock();
    if v.intact() {
        good(&v, &mut out)?;
        return Ok(());
    }
    for f in &v.findings {
        // A place or a value may quote the data: shown, never obeyed.
        writeln!(out, "{}: {}", visible(&f.place), visible(&f.problem))?;
    }
    if v.more > 0 {
        writeln!(out, "... and {} more problem(s) like those", v.more)?;
    }
    let first = v.findings.first().map(|f| format!("{}: {}", f.place, f.problem)).unwrap_or_default();
    Err(Failure::other(format!(
        "the audit trail of {} does not verify: {} problem(s), the first: {first}",
        path.display(),
        v.findings.len() + v.more
    )))
}

fn good(v: &Verification, out: &mut impl Write) -> std::io::Result<()> {
    match &v.head {
        None => writeln!(out, "the audit trail is empty")?,
        Some((id, hash)) => {
            writeln!(out, "the audit trail verifies: {} row(s), each following from the one before it", v.rows)?;
            writeln!(
                out,
                "head: row {id}, hash {hash}\n  (kept where those who can write the file cannot, `--head {id}:{hash}` later shows whether the trail up to it was rewritten)"
            )?;
        }
    }
    if let Some(c) = &v.chained_at {
        writeln!(
            out,
            "rows {} to {} were in the file before the chain was added; chained at {} (row {}), the chain vouches for them from then only",
            c.first_id,
            c.last_id,
            visible(&c.at),
            c.note_id
        )?;
    }
    writeln!(out, "triggers: {}, all as ri-chase makes them", v.triggers)?;
    let tables: Vec<String> = v.tables.iter().map(|(t, n)| format!("{t} {n}")).collect();
    writeln!(out, "every row is as its last entry in the trail left it: {}", tables.join(", "))
}

/// `--head ROW:HASH`, as a good `verify` printed it.
fn parse_head(text: &str) -> Result<(i64, String), Failure> {
    let bad =
        || Failure::input(format!("--head: `{}` is not ROW:HASH (as `audit verify` prints the head)", visible(text)));
    let (row, hash) = text.trim().split_once(':').ok_or_else(bad)?;
    let row: i64 = row.trim().parse().ok().filter(|r| *r >= 1).ok_or_else(bad)?;
    let hash = hash.trim().to_ascii_lowercase();
    if hash.len() != 64 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(bad());
    }
    Ok((row, hash))
}

/// Puts the triggers back, recorded in the trail.
pub(crate) fn repair_triggers(path: &Path) -> Outcome {
    let mut store = Store::open_existing(path)?;
    match store.repair_triggers()? {
        None => eprintln!("the audit trail's triggers are all in place; nothing to repair"),
        Some(state) => eprintln!(
            "put back the audit trail's triggers ({}) and recorded that in the trail; \
             `ri-chase audit verify` shows whether anything changed while they were not in place",
            visible(&state.describe())
        ),
    }
    Ok(())
}
