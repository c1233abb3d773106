//! The lists every screen and command shows, from one function each: the
//! store narrows the candidates, the domain rules decide and order the rows.

use super::{Result, Store};
use crate::domain::chase::{ChaseRow, chase_rows};
use crate::domain::holidays::BankHolidays;
use crate::domain::missing::{MissingRow, missing_rows};
use crate::domain::strategy::{StrategyRow, strategy_rows};
use crate::domain::time::Instant;

impl Store {
    /// Outstanding return interviews at `now`, most overdue first.
    pub fn chase_list(&self, now: Instant, holidays: &BankHolidays) -> Result<Vec<ChaseRow>> {
        Ok(chase_rows(&self.chase_cases(now)?, now, &self.rules()?, holidays))
    }

    /// Strategy meetings due, coming up and recorded, at `now`.
    pub fn strategy_list(&self, now: Instant) -> Result<Vec<StrategyRow>> {
        let rules = self.rules()?;
        // Open episodes are candidates whatever their length; closed ones only
        // if they reached the meeting threshold.
        Ok(strategy_rows(&self.strategy_cases(now, rules.strategy_hours)?, now, &rules))
    }

    /// Whether any child is recorded at all (an empty file's screens say how to begin).
    pub fn has_people(&self) -> Result<bool> {
        self.conn.query_row("SELECT EXISTS (SELECT 1 FROM people)", [], |r| r.get(0)).map_err(|e| self.err(e))
    }

    /// Children missing at `now`, longest first.
    pub fn missing_list(&self, now: Instant) -> Result<Vec<MissingRow>> {
        Ok(missing_rows(&self.missing_cases(now)?, now))
    }
}
