use super::*;

const YEAR: FinancialYear = FinancialYear(2016);

fn line(episode_ref: &str, child: &str, dob: &str, missing: &str, start: &str, end: &str) -> MissingLine {
    MissingLine {
        episode_ref: episode_ref.into(),
        child: child.into(),
        dob: dob.into(),
        missing: missing.into(),
        mis_start: start.into(),
        mis_end: end.into(),
    }
}

fn ok(episode_ref: &str, start: &str, end: &str) -> MissingLine {
    line(episode_ref, "C1", "04/05/2009", "M", start, end)
}

/// (episode_ref, rule) of each breach, in the order reported.
fn broken(lines: &[MissingLine]) -> Vec<(String, &'static str)> {
    check(lines, YEAR).into_iter().map(|b| (b.episode_ref, b.rule)).collect()
}

fn pairs(expected: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
    expected.iter().map(|(e, r)| (e.to_string(), *r)).collect()
}

#[test]
fn a_clean_table_has_no_breaches() {
    let lines = [
        ok("a", "01/04/2016", "01/04/2016"),
        // Back and gone again on one day, and still missing at the year's end.
        ok("b", "01/04/2016", ""),
        line("c", "C2", "29/02/2008", "A", "31/03/2017", "31/03/2017"),
    ];
    assert_eq!(broken(&lines), []);
}

#[test]
fn cells_must_be_dates_and_codes() {
    let lines = [
        ok("no-start", "", ""),
        ok("bad-start", "2016-05-01", ""),
        ok("bad-end", "01/05/2016", "32/05/2016"),
        line("bad-code", "C1", "04/05/2009", "X", "01/06/2016", "01/06/2016"),
        line("no-code", "C3", "04/05/2009", "", "01/06/2016", "02/06/2016"),
    ];
    assert_eq!(
        broken(&lines),
        pairs(&[
            ("no-start", "1004"),
            ("no-start", "564"),
            ("bad-start", "1004"),
            // A date the validator cannot read is blank to it: the episode
            // before is open, as far as the overlap rule can tell.
            ("bad-start", "574"),
            ("bad-end", "1005"),
            ("bad-code", "1006"),
            ("bad-code", "574"),
            ("no-code", "565"),
            ("no-code", "566"),
        ])
    );
}

#[test]
fn an_episode_ends_after_it_began_and_inside_the_year() {
    let lines = [
        ok("backwards", "10/05/2016", "09/05/2016"),
        ok("too-late", "01/04/2017", ""),
        line("ends-after", "C2", "04/05/2009", "M", "30/03/2017", "01/04/2017"),
        line("ends-before", "C3", "04/05/2009", "M", "30/03/2016", "31/03/2016"),
    ];
    assert_eq!(
        broken(&lines),
        pairs(&[("backwards", "567"), ("too-late", "570"), ("ends-after", "571"), ("ends-before", "571")])
    );
}

#[test]
fn a_childs_episodes_do_not_overlap_and_none_follows_an_open_one() {
    let lines = [
        ok("first", "01/05/2016", "05/05/2016"),
        ok("inside", "03/05/2016", "04/05/2016"),
        // Beginning on the day the last one ended is not an overlap.
        ok("same-day", "05/05/2016", "05/05/2016"),
        line("open", "C2", "04/05/2009", "M", "01/06/2016", ""),
        line("after-open", "C2", "04/05/2009", "M", "03/06/2016", "04/06/2016"),
    ];
    // Ordered by end: `inside` (04/05) before `first` (05/05), which began before it ended.
    assert_eq!(broken(&lines), pairs(&[("first", "574"), ("after-open", "574")]));
}

#[test]
fn the_child_is_compared_in_capitals_as_the_dfe_reads_it() {
    let lines = [
        line("lower", "ab1", "04/05/2009", "M", "01/05/2016", "10/05/2016"),
        line("upper", "AB1", "05/05/2009", "M", "02/05/2016", "03/05/2016"),
    ];
    assert_eq!(broken(&lines), pairs(&[("lower", "574"), ("upper", "INT13")]));
    let b = &check(&lines, YEAR)[1];
    assert_eq!(b.to_string().split(':').next(), Some("AB1 upper rule INT13"));
}

#[test]
fn no_episode_on_or_before_the_date_of_birth() {
    let lines = [
        line("on-birthday", "C1", "01/05/2016", "M", "01/05/2016", "01/05/2016"),
        line("day-after", "C2", "01/05/2016", "M", "02/05/2016", "02/05/2016"),
    ];
    assert_eq!(broken(&lines), pairs(&[("on-birthday", "586")]));
}
