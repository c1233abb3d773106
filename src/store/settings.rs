//! The authority's settings: who "we" are and the thresholds in force.

use super::{Result, Store, StoreError};
use crate::domain::mpmg::MpmgSettings;
use crate::domain::report::{DEFAULT_RI_TARGET_PERCENT, ReportSettings};
use crate::domain::rules::Rules;
use rusqlite::OptionalExtension;
use std::path::Path;
use std::str::FromStr;

const AUTHORITY: &str = "authority";

/// What the patterns count by (DOMAIN.md "Patterns").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PatternSettings {
    pub min_times: u32,
    pub quarters: u32,
}

impl Default for PatternSettings {
    fn default() -> Self {
        PatternSettings {
            min_times: crate::domain::patterns::together::DEFAULT_MIN_TIMES,
            quarters: crate::domain::patterns::prevention::DEFAULT_QUARTERS,
        }
    }
}
/// Present only in databases of synthetic children that ri-chase made: the
/// one mark that lets `--demo` replace or tidy a file away.
const DEMO: &str = "demo";

/// A threshold a user may set (DOMAIN.md: "each threshold is a setting"):
/// its key, what it means, and the largest value that makes sense. The
/// default is the domain's own, read from [`Rules`] and [`MpmgSettings`].
pub struct NumberSetting {
    pub key: &'static str,
    pub meaning: &'static str,
    pub max: i64,
    default: fn() -> i64,
}

impl NumberSetting {
    pub fn default_value(&self) -> i64 {
        (self.default)()
    }
}

/// Every threshold, in the order `ri-chase settings` lists them.
pub const NUMBER_SETTINGS: &[NumberSetting] = &[
    NumberSetting {
        key: "ri_due_hours",
        meaning: "hours after the return that a return interview is due",
        max: 720,
        default: || Rules::default().ri_due_hours,
    },
    NumberSetting {
        key: "chase_soon_hours",
        meaning: "hours left that put a return interview in the \"due within\" band",
        max: 720,
        default: || Rules::default().chase_soon_hours,
    },
    NumberSetting {
        key: "strategy_hours",
        meaning: "hours missing after which a strategy meeting is needed",
        max: 720,
        default: || Rules::default().strategy_hours,
    },
    NumberSetting {
        key: "strategy_soon_hours",
        meaning: "hours missing from which an open episode shows as \"due soon\" for a meeting",
        max: 720,
        default: || Rules::default().strategy_soon_hours,
    },
    NumberSetting {
        key: "mpmg_month_threshold",
        meaning: "episodes in a month that put a child in the MPMG cohort",
        max: 31,
        default: || MpmgSettings::default().month_threshold as i64,
    },
    NumberSetting {
        key: "persistent_quarter_threshold",
        meaning: "episodes in a quarter that make a child persistently missing",
        max: 92,
        default: || MpmgSettings::default().quarter_threshold as i64,
    },
    NumberSetting {
        key: "top_n",
        meaning: "children in the MPMG top list (the \"top 10\")",
        max: 100,
        default: || MpmgSettings::default().top_n as i64,
    },
    NumberSetting {
        key: "together_min_times",
        meaning: "occasions children must go missing together to be shown as a group",
        max: 50,
        default: || i64::from(crate::domain::patterns::together::DEFAULT_MIN_TIMES),
    },
    NumberSetting {
        key: "prevention_quarters",
        meaning: "whole quarters counted before and after prevention work",
        max: 8,
        default: || i64::from(crate::domain::patterns::prevention::DEFAULT_QUARTERS),
    },
    NumberSetting {
        key: "ri_target_percent",
        meaning: "the board report's target: percent of return interviews done in 72 hours",
        max: 100,
        default: || DEFAULT_RI_TARGET_PERCENT,
    },
];

/// A setting in words (said in documents ri-chase drafts), which may be empty.
pub struct TextSetting {
    pub key: &'static str,
    pub meaning: &'static str,
}

/// What we charge a placing authority to complete a return interview for
/// them, as the letters to placing authorities say it (the authority's
/// policy: e.g. `£150 per interview`); empty, the letters name no charge.
pub const RI_CHARGE_TEXT: &str = "ri_charge_text";

/// Every setting in words, listed after the thresholds.
pub const TEXT_SETTINGS: &[TextSetting] = &[TextSetting {
    key: RI_CHARGE_TEXT,
    meaning: "our charge to complete a placing authority's return interview, as the letters say it (empty: none named)",
}];

/// A threshold and the value in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingValue {
    pub key: &'static str,
    pub value: i64,
    pub default: i64,
    pub meaning: &'static str,
}

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

    /// Marks this database as one of synthetic children made by ri-chase.
    pub fn mark_as_demo(&mut self) -> Result<()> {
        self.put_setting(DEMO, "synthetic children made by ri-chase")
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

    /// What the board report counts by: the clocks, the persistently-missing
    /// threshold and the return-interview target in force.
    pub fn report_settings(&self) -> Result<ReportSettings> {
        Ok(ReportSettings {
            rules: self.rules()?,
            persistent_threshold: self.mpmg_settings()?.quarter_threshold,
            target_percent: self.number("ri_target_percent")?.unwrap_or(DEFAULT_RI_TARGET_PERCENT),
        })
    }

    /// The patterns' settings in force: occasions that make a group, and
    /// quarters each side of prevention work.
    pub fn pattern_settings(&self) -> Result<PatternSettings> {
        let mut settings = PatternSettings::default();
        if let Some(n) = self.number::<u32>("together_min_times")? {
            settings.min_times = n;
        }
        if let Some(n) = self.number::<u32>("prevention_quarters")? {
            settings.quarters = n;
        }
        Ok(settings)
    }

    /// Every threshold with the value in force.
    pub fn number_settings(&self) -> Result<Vec<SettingValue>> {
        NUMBER_SETTINGS
            .iter()
            .map(|s| {
                let default = s.default_value();
                let value = self.number(s.key)?.unwrap_or(default);
                Ok(SettingValue { key: s.key, value, default, meaning: s.meaning })
            })
            .collect()
    }

    /// Sets a threshold from what a user typed; the change is audited like
    /// any other. A key that is not a threshold, or a value that is not a
    /// whole number in its range, is refused with a sentence saying why.
    pub fn set_number_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let bad = |why: String| StoreError::BadSetting(why);
        let Some(spec) = NUMBER_SETTINGS.iter().find(|s| s.key == key.trim()) else {
            let known: Vec<&str> =
                NUMBER_SETTINGS.iter().map(|s| s.key).chain(TEXT_SETTINGS.iter().map(|s| s.key)).collect();
            return Err(bad(format!("`{key}` is not a setting; the settings are: {}", known.join(", "))));
        };
        let n: i64 = value.trim().parse().map_err(|_| bad(format!("{}: `{value}` is not a whole number", spec.key)))?;
        if !(1..=spec.max).contains(&n) {
            return Err(bad(format!("{}: {n} is out of range; give 1 to {}", spec.key, spec.max)));
        }
        // A meeting cannot be "due soon" after it is due.
        let mut rules = self.rules()?;
        match spec.key {
            "strategy_soon_hours" => rules.strategy_soon_hours = n,
            "strategy_hours" => rules.strategy_hours = n,
            _ => {}
        }
        if rules.strategy_soon_hours >= rules.strategy_hours {
            return Err(bad(format!(
                "strategy_soon_hours ({}) must be less than strategy_hours ({})",
                rules.strategy_soon_hours, rules.strategy_hours
            )));
        }
        self.put_setting(spec.key, &n.to_string())
    }

    /// A setting in words, empty when not set.
    pub fn text_setting(&self, key: &str) -> Result<String> {
        Ok(self.setting(key)?.unwrap_or_default())
    }

    /// Sets a threshold ([`Store::set_number_setting`]) or a setting in
    /// words: any one line of text, or empty to clear it.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let Some(spec) = TEXT_SETTINGS.iter().find(|s| s.key == key.trim()) else {
            return self.set_number_setting(key, value);
        };
        if value.chars().any(crate::domain::visible::is_hidden) {
            return Err(StoreError::BadSetting(format!(
                "{}: give one line of text, without control characters",
                spec.key
            )));
        }
        self.put_setting(spec.key, value.trim())
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

    /// Writes one setting, refused (like every write) while the trail's triggers are not in place.
    pub(super) fn put_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let path = self.path.clone();
        let sql = |source| StoreError::Sqlite { path: path.clone(), source };
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(sql)?;
        super::audit::guard(&tx)?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value",
            [key, value],
        )
        .map_err(sql)?;
        tx.commit().map_err(sql)
    }
}

/// Whether the file at `path` is a demo database that ri-chase made (see
/// [`Store::mark_as_demo`]); anything else, or anything unreadable, is not.
/// Only reads: a file that is not SQLite is not opened as a database, and
/// the connection neither creates nor changes the file (unlike a read-only
/// one, it also leaves no `-wal` or `-shm` behind when it closes).
pub fn is_demo_database(path: &Path) -> bool {
    let mut header = [0u8; 16];
    let is_sqlite = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut header))
        .is_ok_and(|()| &header == b"SQLite format 3\0");
    if !is_sqlite {
        return false;
    }
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
    rusqlite::Connection::open_with_flags(path, flags)
        .and_then(|conn| {
            conn.busy_timeout(std::time::Duration::from_secs(2))?;
            conn.query_row("SELECT 1 FROM settings WHERE key = ?1", [DEMO], |_| Ok(())).optional()
        })
        .is_ok_and(|found| found.is_some())
}
