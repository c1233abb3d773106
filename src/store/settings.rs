//! The authority's settings: who "we" are and the thresholds in force.

use super::{Result, Store, StoreError};
use crate::domain::mpmg::MpmgSettings;
use crate::domain::rules::Rules;
use rusqlite::OptionalExtension;
use std::str::FromStr;

const AUTHORITY: &str = "authority";

impl Store {
    /// The authority running the software, if recorded.
    pub fn authority(&self) -> Result<Option<String>> {
        self.setting(AUTHORITY)
    }

    /// The authority, or an error telling the user to run `init`.
    pub fn require_authority(&self) -> Result<String> {
        self.authority()?.ok_or_else(|| StoreError::NoAuthority(self.path.clone()))
    }

    /// Records which authority "we" are. Saying the same again is harmless;
    /// a database already belonging to another authority is refused.
    pub fn set_authority(&mut self, name: &str) -> Result<()> {
        match self.authority()? {
            Some(existing) if crate::domain::cohort::same_authority(&existing, name) => Ok(()),
            Some(existing) => {
                Err(StoreError::OtherAuthority { path: self.path.clone(), existing, requested: name.to_string() })
            }
            None => self.put_setting(AUTHORITY, name.trim()),
        }
    }

    /// The thresholds in force: the defaults, overridden by any stored setting.
    pub fn rules(&self) -> Result<Rules> {
        let mut rules = Rules::default();
        for (key, field) in [
            ("ri_due_hours", &mut rules.ri_due_hours),
            ("chase_soon_hours", &mut rules.chase_soon_hours),
            ("strategy_hours", &mut rules.strategy_hours),
            ("strategy_soon_hours", &mut rules.strategy_soon_hours),
        ] {
            if let Some(n) = self.number(key)? {
                *field = n;
            }
        }
        Ok(rules)
    }

    /// The MPMG thresholds in force: the defaults (3, 3 and a top 10),
    /// overridden by any stored setting.
    pub fn mpmg_settings(&self) -> Result<MpmgSettings> {
        let mut settings = MpmgSettings::default();
        for (key, field) in [
            ("mpmg_month_threshold", &mut settings.month_threshold),
            ("persistent_quarter_threshold", &mut settings.quarter_threshold),
        ] {
            if let Some(n) = self.number(key)? {
                *field = n;
            }
        }
        if let Some(n) = self.number("top_n")? {
            settings.top_n = n;
        }
        Ok(settings)
    }

    /// A stored whole number, if the setting is there.
    fn number<T: FromStr>(&self, key: &str) -> Result<Option<T>> {
        let Some(text) = self.setting(key)? else { return Ok(None) };
        let n = text
            .trim()
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("setting {key} = `{text}` is not a whole number")))?;
        Ok(Some(n))
    }

    fn setting(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))
    }

    pub(super) fn put_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value",
                [key, value],
            )
            .map(drop)
            .map_err(|e| self.err(e))
    }
}
