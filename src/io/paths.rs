//! Where files live: the database, the demo database, the configuration.

use crate::domain::holidays::BankHolidays;
use directories::ProjectDirs;
use std::path::{Path, PathBuf};

/// The file a user drops into the configuration folder to add or correct bank holidays.
pub const HOLIDAYS_FILE: &str = "bank-holidays-england-and-wales.json";

/// The letter to placing authorities, as shipped in `assets/letters/`; a
/// file of this name in the configuration folder's `letters/` replaces it.
pub const LETTER_TEMPLATE_FILE: &str = "placing-authority.txt";
const BUNDLED_LETTER: &str = include_str!("../../assets/letters/placing-authority.txt");

#[derive(Debug, thiserror::Error)]
pub enum PathError {
    #[error("cannot find a home folder for ri-chase's data; give --db PATH or set RI_CHASE_DB")]
    NoHome,
    #[error("bank holidays in {path}: {problem}")]
    Holidays { path: PathBuf, problem: String },
    #[error("letter template {path}: {problem}")]
    Template { path: PathBuf, problem: String },
}

/// A letter template's text and where it came from (for messages naming it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateText {
    pub text: String,
    pub source: String,
}

/// The letter template: the user's copy in the configuration folder
/// (`~/.config/ri-chase/letters/placing-authority.txt` on Linux), else the bundled one.
pub fn letter_template() -> Result<TemplateText, PathError> {
    match config_dir() {
        Ok(dir) => letter_template_from(&dir.join("letters").join(LETTER_TEMPLATE_FILE)),
        Err(_) => Ok(bundled_letter()),
    }
}

fn bundled_letter() -> TemplateText {
    TemplateText { text: BUNDLED_LETTER.to_string(), source: format!("assets/letters/{LETTER_TEMPLATE_FILE}") }
}

/// The template at `path` if there is one, else the bundled one.
pub fn letter_template_from(path: &Path) -> Result<TemplateText, PathError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(TemplateText { text, source: path.display().to_string() }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(bundled_letter()),
        Err(e) => Err(PathError::Template { path: path.to_path_buf(), problem: e.to_string() }),
    }
}

fn project_dirs() -> Result<ProjectDirs, PathError> {
    ProjectDirs::from("uk", "ri-chase", "ri-chase").ok_or(PathError::NoHome)
}

/// `--db`, else `$RI_CHASE_DB`, else `ri-chase.sqlite` in the platform data folder.
pub fn database_path(given: Option<&Path>) -> Result<PathBuf, PathError> {
    if let Some(p) = given {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("RI_CHASE_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    Ok(project_dirs()?.data_dir().join("ri-chase.sqlite"))
}

/// The data folder, where `--demo` makes each run's database: beside, never
/// in place of, the user's own (see `io::demo::file`).
pub fn data_folder() -> Result<PathBuf, PathError> {
    Ok(project_dirs()?.data_dir().to_path_buf())
}

/// Where the app's `L` writes letters to placing authorities: `letters/`
/// in the data folder, beside the database (made for its owner alone).
pub fn letters_folder() -> Result<PathBuf, PathError> {
    Ok(data_folder()?.join("letters"))
}

/// Where the app's Reports tab writes a period's report (`o`): `reports/`
/// in the data folder (made for its owner alone).
pub fn reports_folder() -> Result<PathBuf, PathError> {
    Ok(data_folder()?.join("reports"))
}

/// The configuration folder (`~/.config/ri-chase` on Linux).
pub fn config_dir() -> Result<PathBuf, PathError> {
    Ok(project_dirs()?.config_dir().to_path_buf())
}

/// The bundled bank holidays, with a newer file from the configuration folder laid over them.
pub fn bank_holidays() -> Result<BankHolidays, PathError> {
    let bundled = BankHolidays::bundled();
    let Ok(dir) = config_dir() else { return Ok(bundled) };
    bank_holidays_from(&dir.join(HOLIDAYS_FILE), bundled)
}

/// `base` with the file at `path` laid over it, if there is one.
pub fn bank_holidays_from(path: &Path, base: BankHolidays) -> Result<BankHolidays, PathError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(base),
        Err(e) => {
            return Err(PathError::Holidays { path: path.to_path_buf(), problem: e.to_string() });
        }
    };
    let newer = BankHolidays::from_json(&text)
        .map_err(|e| PathError::Holidays { path: path.to_path_buf(), problem: e.to_string() })?;
    Ok(base.overlaid_with(newer))
}

/// Folders ri-chase makes are its owner's alone (one rule, kept with the
/// database's own files in the store).
pub use crate::store::private_files::create_private_dir;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn a_dropped_in_file_adds_later_years_and_a_bad_one_is_named() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join(HOLIDAYS_FILE);
        let base = BankHolidays::bundled();
        assert_eq!(bank_holidays_from(&path, base.clone()).expect("no file is fine"), base);
        std::fs::write(
            &path,
            r#"{"england-and-wales":{"division":"england-and-wales","events":[
               {"title":"Christmas Day","date":"2028-12-25","notes":"","bunting":true}]}}"#,
        )
        .expect("write");
        let merged = bank_holidays_from(&path, base.clone()).expect("valid file");
        assert!(merged.is_holiday(NaiveDate::from_ymd_opt(2028, 12, 25).expect("date")));
        std::fs::write(&path, "{").expect("write");
        let err = bank_holidays_from(&path, base).expect_err("broken file");
        assert!(err.to_string().contains(HOLIDAYS_FILE), "{err}");
    }
}
