//! The board report as CSV: one table per section, each headed, with a
//! `section` column and a `period` column (the period's rows, then the
//! period before's), tables parted by a blank line. Cells are the JSON's
//! values, written by the one CSV writer every list uses.

use crate::domain::report::{Figures, Report};
use crate::io::output::write_csv_headed;
use serde_json::{Map, Value, json};
use std::io::Write;

/// Picks a section's rows from one period's figures.
type Rows = fn(&Value) -> Vec<Value>;

/// The sections, in the report's order, each picking its rows from one
/// period's figures (as JSON).
const SECTIONS: &[(&str, Rows)] = &[
    ("totals", |f| {
        let (t, y) = (&f["totals"], &f["totals_prior_year"]);
        vec![json!({"individuals": t["individuals"], "episodes": t["episodes"],
                    "individuals_prior_year": y["individuals"], "episodes_prior_year": y["episodes"]})]
    }),
    ("by_location", |f| list(&f["by_location"])),
    ("by_month", |f| list(&f["by_month"])),
    ("by_placement", |f| list(&f["by_placement"])),
    ("case_status_by_quarter", |f| list(&f["case_status_by_quarter"])),
    ("length_bands", |f| list(&f["length_bands"])),
    ("first_time_by_location", |f| list(&f["first_time_by_location"])),
    ("shares", |f| {
        vec![json!({
            "individuals": f["totals"]["individuals"],
            "one_off_individuals": f["one_off_individuals"],
            "one_off_percent": f["one_off_percent"],
            "persistent_individuals": f["persistent_individuals"],
            "persistent_percent": f["persistent_percent"],
        })]
    }),
    ("return_interviews_by_cohort", |f| by_cohort(&f["return_interviews"]["by_cohort"], None)),
    ("return_interviews_by_quarter", |f| {
        list(&f["return_interviews"]["by_quarter"])
            .iter()
            .flat_map(|q| by_cohort(q, Some(("quarter", q["quarter"].clone()))))
            .collect()
    }),
    ("strategy_meetings_by_cohort", |f| by_cohort(&f["strategy_meetings"]["by_cohort"], None)),
    ("reasons_by_quarter", |f| list(&f["reasons_by_quarter"])),
    ("out_of_area", |f| vec![f["out_of_area"].clone()]),
    ("placed_in", |f| {
        let p = &f["placed_in"];
        vec![
            json!({ "individuals": p["individuals"], "episodes": p["episodes"], "return_interviews": p["return_interviews"] }),
        ]
    }),
    ("placed_in_children", |f| list(&f["placed_in"]["children"])),
];

/// The headers of the sections that can have no rows.
fn empty_headers(section: &str) -> &'static [&'static str] {
    match section {
        "by_placement" => &["section", "period", "name", "type", "individuals", "episodes"],
        "placed_in_children" => &[
            "section",
            "period",
            "person_ref",
            "name",
            "responsible_la",
            "episodes",
            "interviews_required",
            "interviews_in_time",
            "interviews_late",
            "interviews_overdue",
            "interviews_not_yet_due",
            "interviews_not_required",
        ],
        "performance_outstanding" => &[
            "section",
            "period",
            "person_ref",
            "name",
            "episode_ref",
            "returned_at",
            "due_at",
            "minutes_left",
            "overdue",
            "band",
            "worker",
            "team",
            "attempts",
            "cohort",
            "flags",
            "placing_la",
        ],
        "performance_top10" => {
            &["section", "period", "rank", "person_ref", "name", "episodes", "hours_missing", "last_missing_at"]
        }
        _ => &["section", "period"],
    }
}

fn list(v: &Value) -> Vec<Value> {
    v.as_array().cloned().unwrap_or_default()
}

/// `{local: {...}, out_of_area: {...}, ...}` as one row per cohort.
fn by_cohort(v: &Value, first: Option<(&str, Value)>) -> Vec<Value> {
    ["local", "out_of_area", "placed_in", "all"]
        .iter()
        .map(|cohort| {
            let mut row = Map::new();
            if let Some((k, value)) = &first {
                row.insert((*k).to_string(), value.clone());
            }
            row.insert("cohort".into(), json!(cohort));
            if let Some(fields) = v[*cohort].as_object() {
                row.extend(fields.clone());
            }
            Value::Object(row)
        })
        .collect()
}

/// A row with `section` and `period` first and nested objects flattened
/// into `outer_inner` columns.
fn row(section: &str, period: &str, value: &Value) -> Value {
    let mut out = Map::new();
    out.insert("section".into(), json!(section));
    out.insert("period".into(), json!(period));
    flatten("", value, &mut out);
    Value::Object(out)
}

fn flatten(prefix: &str, value: &Value, out: &mut Map<String, Value>) {
    match value.as_object() {
        Some(fields) => {
            for (k, v) in fields {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}_{k}") };
                flatten(&key, v, out);
            }
        }
        None => {
            out.insert(prefix.to_string(), value.clone());
        }
    }
}

/// Writes every section's table for the period and the period before.
pub fn write_report_csv(report: &Report, mut out: impl Write) -> std::io::Result<()> {
    let periods: [(&str, &Figures); 2] =
        [(&report.period, &report.figures), (&report.prior.period, &report.prior.figures)];
    let values = periods
        .iter()
        .map(|(label, f)| serde_json::to_value(f).map(|v| (*label, v)))
        .collect::<Result<Vec<_>, _>>()
        .map_err(std::io::Error::other)?;
    for (i, (section, rows_of)) in SECTIONS.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let rows: Vec<Value> =
            values.iter().flat_map(|(label, f)| rows_of(f).into_iter().map(|r| row(section, label, &r))).collect();
        write_csv_headed(&rows, empty_headers(section), &mut out)?;
    }
    if let Some(performance) = &report.performance {
        let p = serde_json::to_value(performance).map_err(std::io::Error::other)?;
        for (section, rows_of) in PERFORMANCE {
            writeln!(out)?;
            let rows: Vec<Value> = rows_of(&p).iter().map(|r| row(section, &report.period, r)).collect();
            write_csv_headed(&rows, empty_headers(section), &mut out)?;
        }
    }
    Ok(())
}

/// The monthly performance list's tables (`report --month`), after the report's.
const PERFORMANCE: &[(&str, Rows)] = &[
    ("performance_activity", |p| by_cohort(&p["activity"], None)),
    ("performance_interviews", |p| by_cohort(&p["interviews"], None)),
    ("performance_outstanding_counts", |p| {
        let mut rows = by_cohort(&p["outstanding"]["month"], Some(("episodes_of", json!("month"))));
        rows.extend(by_cohort(&p["outstanding"]["other_months"], Some(("episodes_of", json!("other_months")))));
        rows
    }),
    ("performance_outstanding", |p| list(&p["outstanding"]["rows"])),
    ("performance_top10", |p| list(&p["top10"])),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::output::write_csv;

    #[test]
    fn nested_values_flatten_into_prefixed_columns() {
        let v = row("out_of_area", "2016-17", &json!({"episodes": 2, "return_interviews": {"required": 1}}));
        let mut out = Vec::new();
        write_csv(&[v], &mut out).expect("write");
        assert_eq!(
            String::from_utf8(out).expect("utf8"),
            "section,period,episodes,return_interviews_required\nout_of_area,2016-17,2,1\n"
        );
    }
}
