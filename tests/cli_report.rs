//! `ri-chase report` against a hand-built year whose every figure is known.
//!
//! The fixture (tests/fixtures/report_year.csv, synthetic children, imported
//! through the real import) is the financial year 2023-24 (1 April 2023 to
//! 31 March 2024), reported as of Friday 5 April 2024 12:00 BST. Its episodes:
//!
//! | ref | child (cohort)        | started -> returned (UK time)       | length | where from          | status (cse) | interview                         | meeting            |
//! |-----|-----------------------|-------------------------------------|--------|---------------------|--------------|-----------------------------------|--------------------|
//! | RA1 | R01 Ava (local)       | 2023-10-05 19:00 -> 23:00           | 4h     | home                | CIN          | 10-06 10:00, in time              |                    |
//! | RA2 | R01 Ava (local)       | 2023-11-02 19:00 -> 11-03 01:00     | 6h     | la_home Willows     | CIC          | 11-07 10:00, due 11-06 01:00: late|                    |
//! | RA3 | R01 Ava (local)       | 2023-12-20 18:00 -> 12-21 02:00     | 8h     | la_home Willows     | CIC (CSE)    | not required                      |                    |
//! | RB1 | R02 Ben (local)       | 2024-03-31 22:00 BST -> 04-03 10:00 | 60h    | home                | CIN          | due 04-06 10:00: not yet due      |                    |
//! | RC0 | R03 Cara (local)      | 2022-09-15 10:00 -> 14:00 (2022-23) | 4h     | home                | not open     | never done: overdue               |                    |
//! | RC1 | R03 Cara (local)      | 2023-09-30 23:30 -> 10-01 02:00     | 2.5h   | home                | not open     | 10-02 09:00, in time              |                    |
//! | RD1 | R04 Dan (local)       | 2023-10-28 23:00 BST -> 10-29 22:30 GMT | 24.5h (clocks back) | foster Oak Lodge Foster | early help | 11-01 22:30 = exactly 72h: in time |            |
//! | RE1 | R05 Eve (local)       | 2024-03-30 20:00 GMT -> 03-31 20:00 BST | 23h (clocks forward) | la_home Willows | CIC       | 04-03 20:01 = 72h + 1 min: late   |                    |
//! | RF1 | R06 Finn (local)      | 2024-03-29 12:00 GMT, still missing | 59h to the year's end | home       | CP           | child not back: not counted       | due, none: not held|
//! | RG1 | R07 Gus (local)       | 2023-06-10 09:00 -> 06-13 09:00     | 72h    | independent The Gables | CIC       | 06-14 10:00, in time              | held at 72h: in time |
//! | RH1 | R08 Hana (local)      | 2023-07-01 08:00 -> 20:00 (absent)  | 12h    | home                | early help   | absent: not required              |                    |
//! | RK1 | R09 Kit (local)       | 2024-02-29 21:00 -> 03-01 03:00     | 6h     | other_family        | CIN          | 03-03 10:00, in time              |                    |
//! | RI1 | R10 Ivy (placed in)   | 2023-05-05 18:00 -> 05-06 05:59     | 11h59m | independent The Gables | CIC       | 05-08 12:00, in time              |                    |
//! | RI2 | R10 Ivy (placed in)   | 2023-11-10 20:00 -> 11-14 08:00     | 84h    | independent The Gables | CIC       | never done: overdue               | held 1h late       |
//! | RJ1 | R11 Jay (out of area) | 2023-08-01 10:00 -> 08-05 10:00     | 96h    | foster Eastham Foster | CIC        | 08-06 10:00, in time              | not needed: found before |
//! | RM1 | R12 Mo (local)        | 2021-05-10 10:00 -> 12:00 (2021-22) | 2h     | home                | CIN          | in time                           |                    |
//!
//! Interview reasons: RD1 return_to_family, RE1 housing, RG1 criminal_activity
//! and cse, RK1 friends and drugs, RI1 behaviour, RJ1 independence (out of
//! area, so not in the main reasons).

mod common;
use common::{fixture, new_db, ri, stdout_of};
use predicates::str::contains;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

const AT: &str = "2024-04-05 12:00";

fn report_db() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = new_db();
    ri(&db).arg("import").arg(fixture("report_year.csv")).args(["--at", AT]).assert().success();
    (dir, db)
}

fn report_json(db: &Path, args: &[&str]) -> Value {
    let out = stdout_of(ri(db).arg("report").args(args).args(["--format", "json"]));
    serde_json::from_str(&out).expect("valid JSON")
}

fn loc(location: &str, individuals: u64, episodes: u64) -> Value {
    json!({"location": location, "individuals": individuals, "episodes": episodes})
}

fn month(month: &str, individuals: u64, episodes: u64, individuals_prior: u64, episodes_prior: u64) -> Value {
    json!({"month": month, "individuals": individuals, "episodes": episodes,
           "individuals_prior_year": individuals_prior, "episodes_prior_year": episodes_prior})
}

/// Individuals, then not open, early help, child in need, child protection, child in care, CSE;
/// the fixture flags no child at risk of CCE, so `cce` is 0 throughout.
fn status(quarter: &str, individuals: u64, [no, eh, cin, cp, cic]: [u64; 5], cse: u64) -> Value {
    json!({"quarter": quarter, "individuals": individuals, "not_open": no, "early_help": eh,
           "child_in_need": cin, "child_protection": cp, "child_in_care": cic, "cse": cse, "cce": 0})
}

fn bands([a, b, c, d, e]: [u64; 5]) -> Value {
    json!([{"band": "0-12h", "episodes": a}, {"band": "12-24h", "episodes": b}, {"band": "24-48h", "episodes": c},
           {"band": "48-72h", "episodes": d}, {"band": "72h+", "episodes": e}])
}

fn first_time([home, la, foster, independent, other]: [u64; 5]) -> Value {
    json!([{"location": "home", "individuals": home}, {"location": "la_home", "individuals": la},
           {"location": "foster", "individuals": foster}, {"location": "independent_home", "individuals": independent},
           {"location": "other", "individuals": other}])
}

fn ri_count(required: u64, in_time: u64, percent: Option<f64>) -> Value {
    json!({"required": required, "in_time": in_time, "percent": percent})
}

fn meetings(due: u64, held_in_time: u64, held_late: u64, found_before: u64, not_held: u64) -> Value {
    json!({"due": due, "held_in_time": held_in_time, "held_late": held_late, "found_before": found_before,
           "not_held": not_held})
}

/// criminal_activity, return_to_family, behaviour, friends, independence, drugs, miscommunication, cse, housing.
fn reasons(quarter: &str, [ca, rf, b, f, i, d, m, cse, h]: [u64; 9]) -> Value {
    json!({"quarter": quarter, "criminal_activity": ca, "return_to_family": rf, "behaviour": b, "friends": f,
           "independence": i, "drugs": d, "miscommunication": m, "cse": cse, "housing": h})
}

fn no_meetings() -> Value {
    meetings(0, 0, 0, 0, 0)
}

/// The figures of the financial year 2023-24, as of 5 April 2024.
fn year_2023_24() -> Value {
    let none = ri_count(0, 0, None);
    json!({
        // Local and placed-in children only: RA1-3, RB1, RC1, RD1, RE1, RF1, RG1, RH1, RK1 and
        // RI1-2 (13 episodes) of R01-R10 (10 children). RJ1 is out of area; RC0 and RM1 are
        // earlier years. RB1 began at 22:00 on 31 March and ended in April: it is this year's.
        "totals": {"individuals": 10, "episodes": 13},
        // A year earlier (2022-23): Cara's RC0 alone.
        "totals_prior_year": {"individuals": 1, "episodes": 1},
        // home: RA1, RB1, RC1, RF1, RH1 and RK1 (other family counts as home); la_home: RA2,
        // RA3 (both Ava) and RE1; foster: RD1; independent: RG1, RI1, RI2. Ava is under home
        // and la_home, so the individuals add up to 11, one more than the total.
        "by_location": [loc("home", 6, 6), loc("la_home", 2, 3), loc("foster", 1, 1),
                        loc("independent_home", 2, 3), loc("other", 0, 0)],
        // Each month against the same month of 2022-23, whose only episode was RC0 in
        // September 2022. RC1 (23:30 on 30 September) is September's; August has only RJ1
        // (out of area); February holds the leap day's RK1; March holds RF1, RE1 and RB1.
        "by_month": [
            month("2023-04", 0, 0, 0, 0), month("2023-05", 1, 1, 0, 0), month("2023-06", 1, 1, 0, 0),
            month("2023-07", 1, 1, 0, 0), month("2023-08", 0, 0, 0, 0), month("2023-09", 1, 1, 1, 1),
            month("2023-10", 2, 2, 0, 0), month("2023-11", 2, 2, 0, 0), month("2023-12", 1, 1, 0, 0),
            month("2024-01", 0, 0, 0, 0), month("2024-02", 1, 1, 0, 0), month("2024-03", 3, 3, 0, 0),
        ],
        // Named places: The Gables (RG1, RI1, RI2; Gus and Ivy) and Willows (RA2, RA3, RE1; Ava
        // and Eve) tie on 3 episodes and 2 children, so by name; Eastham Foster (RJ1) is out of
        // area and not listed.
        "by_placement": [
            {"name": "The Gables", "type": "independent_home", "individuals": 2, "episodes": 3},
            {"name": "Willows", "type": "la_home", "individuals": 2, "episodes": 3},
            {"name": "Oak Lodge Foster", "type": "foster", "individuals": 1, "episodes": 1},
        ],
        "case_status_by_quarter": [
            // Q1: Ivy (RI1) and Gus (RG1), both in care.
            status("2023-24 Q1", 2, [0, 0, 0, 0, 2], 0),
            // Q2: Cara (RC1, not open) and Hana (RH1, early help); Jay is out of area.
            status("2023-24 Q2", 2, [1, 1, 0, 0, 0], 0),
            // Q3: Ava went from child in need (RA1) to in care (RA2, RA3, with CSE on RA3): she
            // counts under both; Dan (early help) and Ivy (in care, RI2).
            status("2023-24 Q3", 3, [0, 1, 1, 0, 2], 1),
            // Q4: Kit and Ben in need, Finn on a plan, Eve in care.
            status("2023-24 Q4", 4, [0, 0, 2, 1, 1], 0),
        ],
        // 0-12h: RA1, RA2, RA3, RC1, RK1 and RI1 (11h 59m). 12-24h: RH1 (exactly 12h) and RE1
        // (23 real hours across the spring change, 24 on the clock). 24-48h: RD1 (24.5 real
        // hours across the autumn change, 23.5 on the clock). 48-72h: RB1 (60h, measured to its
        // return after the year's end) and RF1 (still missing: 59h to midnight on 1 April, not
        // to now). 72h+: RG1 (exactly 72h) and RI2 (84h).
        "length_bands": bands([6, 2, 1, 2, 2]),
        // Everyone's first episode ever is this year's but Cara's (RC0, 2022): by where the
        // first was from: home Ava (RA1), Ben, Finn, Hana, Kit; la_home Eve; foster Dan;
        // independent Gus and Ivy (RI1).
        "first_time_by_location": first_time([5, 1, 1, 2, 0]),
        // One episode: all but Ava (3) and Ivy (2): 8 of 10.
        "one_off_individuals": 8,
        "one_off_percent": 80.0,
        // 3 or more in one quarter: Ava (3 in Q3): 1 of 10.
        "persistent_individuals": 1,
        "persistent_percent": 10.0,
        "return_interviews": {
            // Required = done, or past the deadline. Local: RA1, RC1, RD1, RG1, RK1 in time;
            // RA2 and RE1 late (7). Not counted: RA3 and RH1 (not required), RB1 (not due until
            // 6 April), RF1 (not back). Out of area: RJ1 in time. Placed in: RI1 in time, RI2
            // overdue.
            "by_cohort": {
                "local": ri_count(7, 5, Some(71.4)),
                "out_of_area": ri_count(1, 1, Some(100.0)),
                "placed_in": ri_count(2, 1, Some(50.0)),
                "all": ri_count(10, 7, Some(70.0)),
            },
            "by_quarter": [
                // RG1 and RI1.
                {"quarter": "2023-24 Q1", "local": ri_count(1, 1, Some(100.0)), "out_of_area": none,
                 "placed_in": ri_count(1, 1, Some(100.0)), "all": ri_count(2, 2, Some(100.0))},
                // RC1 (started in September) and RJ1; RH1 not required.
                {"quarter": "2023-24 Q2", "local": ri_count(1, 1, Some(100.0)),
                 "out_of_area": ri_count(1, 1, Some(100.0)), "placed_in": none, "all": ri_count(2, 2, Some(100.0))},
                // RA1 and RD1 in time, RA2 late; RI2 overdue.
                {"quarter": "2023-24 Q3", "local": ri_count(3, 2, Some(66.7)), "out_of_area": none,
                 "placed_in": ri_count(1, 0, Some(0.0)), "all": ri_count(4, 2, Some(50.0))},
                // RK1 in time, RE1 late.
                {"quarter": "2023-24 Q4", "local": ri_count(2, 1, Some(50.0)), "out_of_area": none,
                 "placed_in": none, "all": ri_count(2, 1, Some(50.0))},
            ],
        },
        // Due = 72 hours or more: RG1 (held exactly at 72h: in time), RF1 (still missing, no
        // meeting: not held), RJ1 (not needed: found before), RI2 (held an hour late). RB1's
        // 60 hours needed none.
        "strategy_meetings": {"by_cohort": {
            "local": meetings(2, 1, 0, 0, 1),
            "out_of_area": meetings(1, 0, 0, 1, 0),
            "placed_in": meetings(1, 0, 1, 0, 0),
            "all": meetings(4, 1, 1, 1, 1),
        }},
        // From the completed interviews of children living here: Q1 RG1 (criminal activity,
        // CSE) and RI1 (behaviour); Q2 none (RJ1's independence is out of area); Q3 RD1
        // (return to family); Q4 RK1 (friends, drugs) and RE1 (housing, completed 3 April).
        "reasons_by_quarter": [
            reasons("2023-24 Q1", [1, 0, 1, 0, 0, 0, 0, 1, 0]),
            reasons("2023-24 Q2", [0; 9]),
            reasons("2023-24 Q3", [0, 1, 0, 0, 0, 0, 0, 0, 0]),
            reasons("2023-24 Q4", [0, 0, 0, 1, 0, 1, 0, 0, 1]),
        ],
        // Jay: RJ1.
        "out_of_area": {"individuals": 1, "episodes": 1, "return_interviews": ri_count(1, 1, Some(100.0)),
                        "strategy_meetings": meetings(1, 0, 0, 1, 0)},
        // Ivy, placed by Southby: RI1 in time, RI2 overdue.
        "placed_in": {"individuals": 1, "episodes": 2, "return_interviews": ri_count(2, 1, Some(50.0)),
                      "children": [{"person_ref": "R10", "name": "Ivy Placedin", "responsible_la": "Southby",
                                    "episodes": 2, "interviews": {"required": 2, "in_time": 1, "late": 0,
                                    "overdue": 1, "not_yet_due": 0, "not_required": 0}}]},
    })
}

/// The figures of 2022-23: only Cara's RC0 (September 2022, 4 hours, her first
/// episode ever, its interview never done), with Mo's RM1 (May 2021) as the
/// year before's May.
fn year_2022_23() -> Value {
    let none = ri_count(0, 0, None);
    let quarter = |q: &str, local: Value, all: Value| json!({"quarter": q, "local": local, "out_of_area": none, "placed_in": none, "all": all});
    json!({
        "totals": {"individuals": 1, "episodes": 1},
        // 2021-22: Mo's RM1.
        "totals_prior_year": {"individuals": 1, "episodes": 1},
        "by_location": [loc("home", 1, 1), loc("la_home", 0, 0), loc("foster", 0, 0),
                        loc("independent_home", 0, 0), loc("other", 0, 0)],
        "by_month": [
            month("2022-04", 0, 0, 0, 0), month("2022-05", 0, 0, 1, 1), month("2022-06", 0, 0, 0, 0),
            month("2022-07", 0, 0, 0, 0), month("2022-08", 0, 0, 0, 0), month("2022-09", 1, 1, 0, 0),
            month("2022-10", 0, 0, 0, 0), month("2022-11", 0, 0, 0, 0), month("2022-12", 0, 0, 0, 0),
            month("2023-01", 0, 0, 0, 0), month("2023-02", 0, 0, 0, 0), month("2023-03", 0, 0, 0, 0),
        ],
        "by_placement": [],
        "case_status_by_quarter": [
            status("2022-23 Q1", 0, [0; 5], 0),
            status("2022-23 Q2", 1, [1, 0, 0, 0, 0], 0),
            status("2022-23 Q3", 0, [0; 5], 0),
            status("2022-23 Q4", 0, [0; 5], 0),
        ],
        "length_bands": bands([1, 0, 0, 0, 0]),
        "first_time_by_location": first_time([1, 0, 0, 0, 0]),
        "one_off_individuals": 1,
        "one_off_percent": 100.0,
        "persistent_individuals": 0,
        "persistent_percent": 0.0,
        "return_interviews": {
            "by_cohort": {"local": ri_count(1, 0, Some(0.0)), "out_of_area": none, "placed_in": none,
                          "all": ri_count(1, 0, Some(0.0))},
            "by_quarter": [
                quarter("2022-23 Q1", none.clone(), none.clone()),
                quarter("2022-23 Q2", ri_count(1, 0, Some(0.0)), ri_count(1, 0, Some(0.0))),
                quarter("2022-23 Q3", none.clone(), none.clone()),
                quarter("2022-23 Q4", none.clone(), none.clone()),
            ],
        },
        "strategy_meetings": {"by_cohort": {"local": no_meetings(), "out_of_area": no_meetings(),
                                            "placed_in": no_meetings(), "all": no_meetings()}},
        "reasons_by_quarter": [
            reasons("2022-23 Q1", [0; 9]), reasons("2022-23 Q2", [0; 9]),
            reasons("2022-23 Q3", [0; 9]), reasons("2022-23 Q4", [0; 9]),
        ],
        "out_of_area": {"individuals": 0, "episodes": 0, "return_interviews": none, "strategy_meetings": no_meetings()},
        "placed_in": {"individuals": 0, "episodes": 0, "return_interviews": none, "children": []},
    })
}

/// `extra` after `head`'s fields, in order.
fn joined(head: Value, extra: Value) -> Value {
    let mut map = head.as_object().cloned().expect("object");
    map.extend(extra.as_object().cloned().expect("object"));
    Value::Object(map)
}

#[test]
fn the_year_report_gives_every_figure_as_counted_by_hand() {
    let (_d, db) = report_db();
    let actual = report_json(&db, &["--year", "2023-24", "--at", AT]);
    let head = json!({"from": "2023-04-01", "to": "2024-03-31", "authority": "Northshire", "period": "2023-24",
                      "kind": "year", "at": "2024-04-05T12:00:00+01:00", "target_percent": 90});
    let prior = joined(json!({"from": "2022-04-01", "to": "2023-03-31", "period": "2022-23"}), year_2022_23());
    let expected = joined(joined(head, year_2023_24()), json!({"prior": prior}));
    // Compared as text, so the order of every key counts too.
    assert_eq!(
        serde_json::to_string_pretty(&actual).expect("json"),
        serde_json::to_string_pretty(&expected).expect("json")
    );
}

#[test]
fn an_open_episode_runs_to_now_when_now_is_before_the_periods_end() {
    let (_d, db) = report_db();
    // As of 30 March 12:00: RF1 has been missing exactly 24 hours (24-48h); RK1 is 6 hours;
    // RE1 and RB1 have not begun.
    let q4 = report_json(&db, &["--quarter", "2023-24 Q4", "--at", "2024-03-30 12:00"]);
    assert_eq!(q4["length_bands"], bands([1, 0, 1, 0, 0]));
    assert_eq!((&q4["from"], &q4["to"]), (&json!("2024-01-01"), &json!("2024-03-31")));
    // The quarter before: Q3's RA1, RA2, RA3, RD1 and RI2, of Ava, Dan and Ivy.
    assert_eq!(q4["prior"]["period"], "2023-24 Q3");
    assert_eq!(q4["prior"]["totals"], json!({"individuals": 3, "episodes": 5}));
}

#[test]
fn a_month_and_a_run_of_days_count_what_started_in_them() {
    let (_d, db) = report_db();
    let feb = report_json(&db, &["--month", "2024-02", "--at", AT]);
    assert_eq!(feb["totals"], json!({"individuals": 1, "episodes": 1}), "the leap day's RK1");
    assert_eq!(feb["by_month"], json!([month("2024-02", 1, 1, 0, 0)]));
    assert_eq!((&feb["kind"], &feb["prior"]["period"]), (&json!("month"), &json!("2024-01")));
    // Two days across the quarter's end: RC1 started at 23:30 on the first.
    let days = report_json(&db, &["--from", "2023-09-30", "--to", "2023-10-01", "--at", AT]);
    assert_eq!(days["totals"], json!({"individuals": 1, "episodes": 1}));
    assert_eq!(days["by_month"], json!([month("2023-09", 1, 1, 0, 0), month("2023-10", 0, 0, 0, 0)]));
    let quarters: Vec<&Value> =
        days["case_status_by_quarter"].as_array().expect("rows").iter().map(|r| &r["quarter"]).collect();
    assert_eq!(quarters, [&json!("2023-24 Q2"), &json!("2023-24 Q3")]);
    assert_eq!((&days["prior"]["from"], &days["prior"]["to"]), (&json!("2023-09-28"), &json!("2023-09-29")));
}

#[test]
fn the_target_is_a_setting() {
    let (_d, db) = report_db();
    ri(&db).args(["settings", "ri_target_percent", "95"]).assert().success();
    assert_eq!(report_json(&db, &["--year", "2023-24", "--at", AT])["target_percent"], 95);
    ri(&db).args(["settings", "ri_target_percent", "101"]).assert().code(2).stderr(contains("out of range"));
}

#[test]
fn csv_is_one_table_per_section_with_the_period_before_beneath() {
    let (_d, db) = report_db();
    let out = stdout_of(ri(&db).args(["report", "--year", "2023-24", "--at", AT, "--format", "csv"]));
    let tables: Vec<&str> = out.split("\n\n").collect();
    let sections: Vec<&str> =
        tables.iter().filter_map(|t| t.lines().nth(1)).filter_map(|l| l.split(',').next()).collect();
    assert_eq!(
        sections,
        [
            "totals",
            "by_location",
            "by_month",
            "by_placement",
            "case_status_by_quarter",
            "length_bands",
            "first_time_by_location",
            "shares",
            "return_interviews_by_cohort",
            "return_interviews_by_quarter",
            "strategy_meetings_by_cohort",
            "reasons_by_quarter",
            "out_of_area",
            "placed_in",
            "placed_in_children",
        ]
    );
    assert!(tables.iter().all(|t| t.starts_with("section,period")), "{out}");
    assert!(tables[0].contains("totals,2023-24,10,13,1,1\ntotals,2022-23,1,1,1,1"), "{}", tables[0]);
    assert!(tables[8].starts_with("section,period,cohort,required,in_time,percent\n"), "{}", tables[8]);
    assert!(tables[8].contains("return_interviews_by_cohort,2023-24,local,7,5,71.4\n"), "{}", tables[8]);
    assert!(tables[8].contains("return_interviews_by_cohort,2022-23,out_of_area,0,0,\n"), "{}", tables[8]);
    assert!(tables[12].contains("out_of_area,2023-24,1,1,1,1,100.0,1,0,0,1,0"), "{}", tables[12]);
    assert!(tables[14].contains("placed_in_children,2023-24,R10,Ivy Placedin,Southby,2,2,1,0,1,0,0"), "{}", tables[14]);
}

#[test]
fn output_goes_to_a_file() {
    let (dir, db) = report_db();
    let file = dir.path().join("report.json");
    ri(&db).args(["report", "--year", "2023-24", "--at", AT, "-o"]).arg(&file).assert().success();
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&file).expect("file")).expect("json");
    assert_eq!(written, report_json(&db, &["--year", "2023-24", "--at", AT]));
}

#[test]
fn a_bad_period_is_refused_with_exit_2() {
    let (_d, db) = report_db();
    for (args, says) in [
        (vec!["--year", "2023-25"], "--year: `2023-25` is not a financial year"),
        (vec!["--quarter", "2023-24 Q5"], "--quarter: `2023-24 Q5` is not a quarter"),
        (vec!["--month", "2024-13"], "--month: `2024-13` is not a month"),
        (vec!["--from", "2024-02-30", "--to", "2024-03-01"], "--from: `2024-02-30` is not a date"),
        (vec!["--from", "2024-03-02", "--to", "2024-03-01"], "--to 2024-03-01 is before --from 2024-03-02"),
        (vec!["--from", "2024-03-02"], "--to"),
        (vec![], "--year"),
        (vec!["--year", "2023-24", "--month", "2024-01"], "cannot be used with"),
    ] {
        ri(&db).arg("report").args(&args).assert().code(2).stderr(contains(says));
    }
}

#[test]
fn first_time_missing_looks_back_before_the_periods_read() {
    let (_d, db) = report_db();
    // A Q4 report reads Q3 and Q4 in full. Ivy's RI2 (Q3) is not her first: RI1 was in May.
    let q4 = report_json(&db, &["--quarter", "2023-24 Q4", "--at", AT]);
    // Q3: Ava (RA1, home) and Dan (foster) only.
    assert_eq!(q4["prior"]["first_time_by_location"], first_time([1, 0, 1, 0, 0]));
    // Q4: Kit, Ben and Finn from home, Eve from Willows.
    assert_eq!(q4["first_time_by_location"], first_time([3, 1, 0, 0, 0]));
}

/// `--month` adds the monthly performance list: November 2023 holds RA2
/// (ours, held late) and RI2 (placed here, never held); October holds RA1
/// and RD1 (RC1 began at 23:30 on 30 September); nothing began in November
/// 2022. As of 5 April 2024, RI2 is outstanding for the month, and RC0
/// (overdue) and RB1 (not yet due) from other months.
#[test]
fn a_month_adds_the_performance_list_with_the_mpmg_top_10() {
    let (_dir, db) = report_db();
    let r = report_json(&db, &["--month", "2023-11", "--at", AT]);
    let p = &r["performance"];
    assert_eq!(p["month"], "2023-11");
    assert_eq!(p["target_percent"], 90);
    let activity = |episodes: u64, individuals: u64, before: [u64; 2], year: [u64; 2]| {
        json!({"episodes": episodes, "individuals": individuals,
               "month_before": {"episodes": before[0], "individuals": before[1]},
               "year_before": {"episodes": year[0], "individuals": year[1]}})
    };
    assert_eq!(p["activity"]["local"], activity(1, 1, [2, 2], [0, 0]));
    assert_eq!(p["activity"]["placed_in"], activity(1, 1, [0, 0], [0, 0]));
    assert_eq!(p["activity"]["out_of_area"], activity(0, 0, [0, 0], [0, 0]));
    assert_eq!(p["activity"]["all"], activity(2, 2, [2, 2], [0, 0]));
    let timely = |required: u64, in_time: u64, late: u64, overdue: u64, percent: Value| {
        json!({"required": required, "in_time": in_time, "late": late, "overdue": overdue,
               "not_yet_due": 0, "not_required": 0, "percent": percent})
    };
    assert_eq!(p["interviews"]["local"], timely(1, 0, 1, 0, json!(0.0)));
    assert_eq!(p["interviews"]["placed_in"], timely(1, 0, 0, 1, json!(0.0)));
    assert_eq!(p["interviews"]["out_of_area"], timely(0, 0, 0, 0, Value::Null));
    assert_eq!(p["interviews"]["all"], timely(2, 0, 1, 1, json!(0.0)));
    let o = &p["outstanding"];
    assert_eq!(o["month"]["all"], json!({"outstanding": 1, "overdue": 1}));
    assert_eq!(o["month"]["placed_in"], json!({"outstanding": 1, "overdue": 1}));
    assert_eq!(o["other_months"]["local"], json!({"outstanding": 2, "overdue": 1}));
    assert_eq!(o["other_months"]["all"], json!({"outstanding": 2, "overdue": 1}));
    let rows = o["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (&rows[0]["episode_ref"], &rows[0]["cohort"], &rows[0]["overdue"]),
        (&json!("RI2"), &json!("placed_in"), &json!(true))
    );
    // The top 10 is the MPMG's own, field for field.
    let mpmg: Value =
        serde_json::from_str(&stdout_of(ri(&db).args(["mpmg", "--month", "2023-11", "--at", AT, "--format", "json"])))
            .expect("json");
    assert_eq!(p["top10"], mpmg["top10"]);
    assert_eq!(p["top10"].as_array().map(Vec::len), Some(2));
    // The board report's own figures are still there, and a quarter has no list.
    assert_eq!(r["totals"], json!({"individuals": 2, "episodes": 2}));
    assert!(report_json(&db, &["--quarter", "2023-24 Q3", "--at", AT]).get("performance").is_none());
}

#[test]
fn a_months_csv_ends_with_the_performance_tables() {
    let (_dir, db) = report_db();
    let csv = stdout_of(ri(&db).args(["report", "--month", "2023-11", "--at", AT, "--format", "csv"]));
    let tables: Vec<&str> = csv.split("\n\n").collect();
    let names: Vec<&str> =
        tables.iter().rev().take(5).map(|t| t.lines().nth(1).and_then(|l| l.split(',').next()).unwrap_or("")).collect();
    assert_eq!(
        names,
        [
            "performance_top10",
            "performance_outstanding",
            "performance_outstanding_counts",
            "performance_interviews",
            "performance_activity"
        ]
    );
    let outstanding = tables[tables.len() - 2];
    assert!(outstanding.starts_with("section,period,person_ref,name,episode_ref,"), "{outstanding}");
    assert!(outstanding.contains("performance_outstanding,2023-11,R10,"), "{outstanding}");
    let quarter = stdout_of(ri(&db).args(["report", "--quarter", "2023-24 Q3", "--at", AT, "--format", "csv"]));
    assert!(!quarter.contains("performance_"), "only a month has the list");
}
