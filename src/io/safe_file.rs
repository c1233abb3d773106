//! The one way a file leaves the program: written to a fresh temporary file
//! in the destination's folder (a random name, created exclusively, 0600),
//! made durable, then renamed over the destination. A link or a second run
//! can never occupy the temporary name (each run draws its own, and one that
//! is taken is never opened), a failure leaves the destination as it was,
//! and errors name the file the user asked for.

use std::io::Write;
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// Why a file could not be written; each names the file the user gave.
#[derive(Debug, thiserror::Error)]
pub enum SafeFileError<E> {
    /// Nothing could be made there (no such folder, no permission, the name
    /// of a folder): the user's to fix, and nothing was written.
    #[error("{}: {problem}", path.display())]
    Place { path: PathBuf, problem: String },
    /// The writer failed; the destination is as it was.
    #[error("{}: {problem}", path.display())]
    Write { path: PathBuf, problem: E },
    /// Flushing or renaming failed (a full disk); the destination is as it was.
    #[error("{}: {problem}", path.display())]
    Finish { path: PathBuf, problem: std::io::Error },
}

/// The folder a file named `target` goes in (`x.md` alone is in `.`).
fn folder_of(target: &Path) -> &Path {
    match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// A new temporary file beside `target`, readable by its owner only, named
/// `.TARGET.XXXXXX.partial` so a listing shows what it is for. For writers
/// that need a path rather than a stream (an SQLite backup): write to
/// `path()`, then `persist` (or `persist_noclobber`) it to `target`.
pub fn temp_beside(target: &Path) -> std::io::Result<NamedTempFile> {
    if target.is_dir() {
        return Err(std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a folder; give a file name"));
    }
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".partial");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    let dir = folder_of(target);
    builder
        .tempfile_in(dir)
        .map_err(|e| std::io::Error::new(e.kind(), format!("cannot write in {}: {e}", dir.display())))
}

/// Writes `target` through [`temp_beside`]: `write` fills the temporary
/// file, which replaces `target` only once complete and on disk.
pub fn write_file<T, E>(
    target: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<T, E>,
) -> Result<T, SafeFileError<E>> {
    let path = || target.to_path_buf();
    let temp = temp_beside(target).map_err(|e| SafeFileError::Place { path: path(), problem: e.to_string() })?;
    let mut out = std::io::BufWriter::new(temp);
    // On any return before `persist`, the temporary file is dropped, and so deleted.
    let value = write(&mut out).map_err(|problem| SafeFileError::Write { path: path(), problem })?;
    let temp = out.into_inner().map_err(|e| SafeFileError::Finish { path: path(), problem: e.into_error() })?;
    temp.as_file().sync_all().map_err(|problem| SafeFileError::Finish { path: path(), problem })?;
    temp.persist(target).map_err(|e| SafeFileError::Finish { path: path(), problem: e.error })?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_text(target: &Path, text: &str) -> Result<(), SafeFileError<std::io::Error>> {
        write_file(target, |out| out.write_all(text.as_bytes()))
    }

    #[test]
    fn the_file_is_replaced_whole_and_nothing_is_left_beside_it() {
        let dir = tempfile::tempdir().expect("dir");
        let target = dir.path().join("x.md");
        write_text(&target, "old").expect("write");
        write_text(&target, "new").expect("rewrite");
        assert_eq!(std::fs::read_to_string(&target).expect("read"), "new");
        let names: Vec<_> =
            std::fs::read_dir(dir.path()).expect("list").map(|e| e.expect("entry").file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("x.md")]);
    }

    #[test]
    fn a_failed_writer_leaves_the_old_file_and_no_temporary_one() {
        let dir = tempfile::tempdir().expect("dir");
        let target = dir.path().join("x.csv");
        write_text(&target, "good").expect("write");
        let failed = write_file(&target, |out| {
            out.write_all(b"half")?;
            Err::<(), _>(std::io::Error::other("the database went away"))
        });
        let err = failed.expect_err("fails");
        assert!(matches!(err, SafeFileError::Write { .. }));
        assert!(err.to_string().starts_with(&target.display().to_string()), "{err}");
        assert_eq!(std::fs::read_to_string(&target).expect("read"), "good");
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1);
    }

    #[test]
    fn a_folder_or_a_missing_folder_is_named_as_the_user_gave_it() {
        let dir = tempfile::tempdir().expect("dir");
        let err = write_text(dir.path(), "x").expect_err("a folder");
        assert!(matches!(err, SafeFileError::Place { .. }), "{err}");
        let missing = dir.path().join("no/such/x.md");
        let err = write_text(&missing, "x").expect_err("no folder");
        assert!(matches!(err, SafeFileError::Place { .. }), "{err}");
        assert!(err.to_string().starts_with(&missing.display().to_string()), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_the_owners_alone_and_a_link_at_the_target_is_replaced_not_followed() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("dir");
        let elsewhere = dir.path().join("elsewhere.txt");
        std::fs::write(&elsewhere, "theirs").expect("write");
        let target = dir.path().join("x.html");
        std::os::unix::fs::symlink(&elsewhere, &target).expect("link");
        write_text(&target, "ours").expect("write");
        assert_eq!(std::fs::read_to_string(&elsewhere).expect("read"), "theirs");
        let meta = std::fs::symlink_metadata(&target).expect("meta");
        assert!(meta.file_type().is_file());
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    }
}
