//! The board report from the database, in one read transaction: the
//! episodes of the period and the period before in full (without the
//! per-episode look-ups the lists need), who started when for the years
//! before them, and which of the children had an episode before all that;
//! each by an index range on the start time. The domain counts.

use super::cases::{STARTED_BETWEEN, code, instant, lean_case_sql};
use super::{Result, Store};
use crate::domain::codes::Cohort;
use crate::domain::holidays::BankHolidays;
use crate::domain::report::monthly::performance;
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

/// [`STARTED_BETWEEN`] with the start-time index turned off (SQLite's unary
/// `+`): for a span holding much of the file, reading the episodes in the
/// file's order (and their interviews, stored in the same order) is several
/// times faster than visiting them at random in start-time order.
const SCANNED_BETWEEN: &str = "+e.missing_at >= :from AND +e.missing_at < :to AND +e.missing_at <= :now";

/// Episodes started in `[:from, :to)`, counted on the start-time index alone.
const COUNT_BETWEEN_SQL: &str = "SELECT count(*) FROM episodes WHERE missing_at >= :from AND missing_at < :to";

impl Store {
    /// The report for `period` as of `now`, with the settings in force;
    /// for a calendar month, with the monthly performance list, whose
    /// outstanding interviews are the chase list's (so `holidays` mark its
    /// deadlines on non-working days as the chase list does).
    pub fn report(&self, period: ReportPeriod, now: Instant, holidays: &BankHolidays) -> Result<Report> {
        self.read_consistently(|store| {
            let authority = store.require_authority()?;
            let settings = store.report_settings()?;
            let input = store.report_input(period, now, &settings)?;
            let mut report = report(&input, period, &authority, &settings);
            if let ReportPeriod::Month(month) = period {
                let chase = store.chase_list(now, holidays)?;
                let top10 = store.mpmg_month(month, now)?.top10;
                report.performance = Some(performance(&input, month, settings.target_percent, &chase, top10));
            }
            Ok(report)
        })
    }

    /// What [`read_spans`] asks for, read in the caller's transaction; each
    /// episode is handed to the domain as it is read, not kept whole.
    fn report_input(&self, period: ReportPeriod, now: Instant, settings: &ReportSettings) -> Result<ReportInput> {
        let spans = read_spans(period);
        let mut input = ReportInput::new(now, settings.rules);
        let (from, to) = (db_text(spans.cases.0), db_text(spans.cases.1));
        let span: &[(&str, &dyn ToSql)] = &[(":from", &from), (":to", &to)];
        let condition = self.span_condition(spans.cases)?;
        self.each_case_sql(&lean_case_sql(condition), Some(now), span, |_, c| input.add_case(&c))?;
        if let Some(starts) = spans.starts {
            self.report_starts(starts, now, &mut input)?;
        }
        self.had_earlier(spans.cases, now, &mut input)?;
        Ok(input)
    }

    fn report_starts(&self, (from, to): (Instant, Instant), now: Instant, input: &mut ReportInput) -> Result<()> {
        let sql = format!("{STARTS_SQL}{}", self.span_condition((from, to))?);
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

    /// How to find the episodes started in a span: by the start-time index,
    /// or, when the span holds more than a quarter of them, by a scan.
    fn span_condition(&self, (from, to): (Instant, Instant)) -> Result<&'static str> {
        let count = |sql: &str, params: &[(&str, &dyn ToSql)]| -> Result<i64> {
            self.conn.prepare_cached(sql).and_then(|mut s| s.query_row(params, |r| r.get(0))).map_err(|e| self.err(e))
        };
        let (from, to) = (db_text(from), db_text(to));
        let within = count(COUNT_BETWEEN_SQL, named_params! { ":from": from, ":to": to })?;
        let all = count("SELECT count(*) FROM episodes", &[])?;
        Ok(if within * 4 > all { SCANNED_BETWEEN } else { STARTED_BETWEEN })
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
