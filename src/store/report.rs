//! The board report from the database, in one read transaction: the
//! episodes of the period and the period before in full (without the
//! per-episode look-ups the lists need), who started when for the years
//! before them, and which of the children had an episode before all that;
//! each by an index range on the start time. The domain counts.

use super::cases::{STARTED_BETWEEN, code, instant, lean_case_sql};
use super::{Result, Store};
use crate::domain::codes::Cohort;
use crate::domain::report::{Report, ReportInput, ReportPeriod, ReportSettings, read_spans, report};
use crate::domain::time::{Instant, db_text};
use rusqlite::{ToSql, named_params};

/// Who started an episode when in `[:from, :to)` and by `:now`, in which cohort.
const STARTS_SQL: &str = "SELECT p.person_ref, e.cohort, e.missing_at
      FROM episodes e JOIN people p ON p.id = e.person_id WHERE ";

/// The children with an episode in `[:from, :to)` by `:now` who had one
/// before `:from`: one look at each child's own index, not each episode's.
const HAD_EARLIER_SQL: &str = "SELECT p.person_ref FROM people p
     WHERE p.id IN (SELECT e.person_id FROM episodes e
                     WHERE e.missing_at >= :from AND e.missing_at < :to AND e.missing_at <= :now)
       AND EXISTS (SELECT 1 FROM episodes o WHERE o.person_id = p.id AND o.missing_at < :from)";

impl Store {
    /// The report for `period` as of `now`, with the settings in force.
    pub fn report(&self, period: ReportPeriod, now: Instant) -> Result<Report> {
        self.read_consistently(|store| {
            let authority = store.require_authority()?;
            let settings = store.report_settings()?;
            let input = store.report_input(period, now, &settings)?;
            Ok(report(&input, period, &authority, &settings))
        })
    }

    /// What [`read_spans`] asks for, read in the caller's transaction; each
    /// episode is handed to the domain as it is read, not kept whole.
    fn report_input(&self, period: ReportPeriod, now: Instant, settings: &ReportSettings) -> Result<ReportInput> {
        let spans = read_spans(period);
        let mut input = ReportInput::new(now, settings.rules);
        let (from, to) = (db_text(spans.cases.0), db_text(spans.cases.1));
        let span: &[(&str, &dyn ToSql)] = &[(":from", &from), (":to", &to)];
        self.each_case_sql(&lean_case_sql(STARTED_BETWEEN), Some(now), span, |_, c| input.add_case(&c))?;
        if let Some(starts) = spans.starts {
            self.report_starts(starts, now, &mut input)?;
        }
        self.had_earlier(spans.cases, now, &mut input)?;
        Ok(input)
    }

    fn report_starts(&self, (from, to): (Instant, Instant), now: Instant, input: &mut ReportInput) -> Result<()> {
        let sql = format!("{STARTS_SQL}{STARTED_BETWEEN}");
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let params = named_params! { ":from": db_text(from), ":to": db_text(to), ":now": db_text(now) };
        let mut rows = stmt.query(params).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let read =
                (|| Ok::<_, rusqlite::Error>((r.get::<_, String>(0)?, code(r, 1, Cohort::parse)?, instant(r, 2)?)))();
            let (person_ref, cohort, missing_at) = read.map_err(|e| self.read_err(e))?;
            input.add_start(&person_ref, cohort, missing_at);
        }
        Ok(())
    }

    fn had_earlier(&self, (from, to): (Instant, Instant), now: Instant, input: &mut ReportInput) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(HAD_EARLIER_SQL).map_err(|e| self.err(e))?;
        let params = named_params! { ":from": db_text(from), ":to": db_text(to), ":now": db_text(now) };
        let mut rows = stmt.query(params).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            input.mark_had_earlier(&r.get::<_, String>(0).map_err(|e| self.err(e))?);
        }
        Ok(())
    }
}
