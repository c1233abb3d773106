//! `ri-chase report --format md|html`: the board paper, for the hand-built
//! year of tests/cli_report.rs (its every figure known), for hostile names,
//! and written to a file through the safe writer.

mod common;
use common::{fixture, new_db, ri, stdout_of};
use std::path::{Path, PathBuf};

const AT: &str = "2024-04-05 12:00";

fn report_db() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = new_db();
    ri(&db).arg("import").arg(fixture("report_year.csv")).args(["--at", AT]).assert().success();
    (dir, db)
}

fn document(db: &Path, format: &str, period: &[&str]) -> String {
    stdout_of(ri(db).arg("report").args(period).args(["--at", AT, "--format", format]))
}

/// The hand-built year's paper, read line by line against the figures
/// tests/cli_report.rs checks in the JSON.
#[test]
fn the_markdown_for_the_hand_built_year() {
    let (_d, db) = report_db();
    let md = document(&db, "md", &["--year", "2023-24"]);
    insta::assert_snapshot!("report_year_md", md);
}

/// The sections come in DOMAIN.md's order, each with its sentence.
#[test]
fn the_sections_are_in_the_reports_order_and_each_says_what_changed() {
    let (_d, db) = report_db();
    let md = document(&db, "md", &["--quarter", "2023-24 Q4"]);
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## Totals",
            "## Each month against the year before",
            "## By type of location",
            "## By named placement",
            "## Case status each quarter, with CSE and CCE",
            "## How long children were missing",
            "## Missing for the first time",
            "## Missing once, and missing persistently",
            "## Return interviews within 72 hours",
            "## Strategy meetings",
            "## Reasons given at return interviews",
            "## Children we placed out of area",
            "## Children placed here by other authorities",
        ]
    );
    // Q4 (Ben, Eve, Finn, Kit: 4 episodes, 4 children) against Q3 (RA1,
    // RA2, RA3, RD1, RI2: 5 episodes of Ava, Dan and Ivy, 3 children).
    assert!(md.contains("## Totals\n\nEpisodes fell by 1 to 4; individuals rose by 1 to 4.\n"), "{md}");
}

const HOSTILE_CSV: &str = "person_ref,given_name,family_name,date_of_birth,sex,responsible_la,placement_la,\
case_status,cse_strategy,lead_professional,team,episode_ref,missing_from_type,missing_from_name,type,missing_at,\
returned_at,police_ref,risk,ri_required,ri_worker,ri_attempts,ri_completed_at,ri_outcome,ri_reasons,strategy_status,strategy_at
H01,<script>alert(1)</script>,=cmd|' /C calc'!A0,2009-05-01,F,Eastham \x1b[31mRED,Northshire,child_in_care,no,,,HX1,\
independent_home,<script>x</script> *Home* | \x1b[2J,missing,2023-10-05 19:00,2023-10-05 23:00,,,,,,2023-10-06 10:00,face_to_face,,,
H02,Zed,Plain,2009-05-01,F,Northshire,Northshire,child_in_care,no,,,HX2,foster,=HYPERLINK(\"x\"),missing,\
2023-11-05 19:00,2023-11-05 23:00,,,,,,2023-11-06 10:00,face_to_face,,,
";

fn hostile_db() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = new_db();
    let csv = dir.path().join("hostile.csv");
    std::fs::write(&csv, HOSTILE_CSV).expect("csv");
    ri(&db).arg("import").arg(&csv).args(["--at", AT]).assert().success();
    (dir, db)
}

#[test]
fn hostile_names_are_escaped_in_the_markdown() {
    let (_d, db) = hostile_db();
    let md = document(&db, "md", &["--year", "2023-24"]);
    assert!(!md.contains('\x1b'), "no escape character reaches the terminal or the file");
    assert!(!md.replace("\\<", "").contains('<'), "every < is escaped: {md}");
    // The placement, as typed, in its own cell: `|` cannot split the table.
    assert!(
        md.contains("| 1 | \\<script\\>x\\</script\\> \\*Home\\* \\| \\[2J | Independent children's home |"),
        "{md}"
    );
    assert!(md.contains("| 2 | =HYPERLINK(\"x\") | Foster home |"), "{md}");
    assert!(
        md.contains("| \\<script\\>alert(1)\\</script\\> =cmd\\|' /C calc'\\!A0 | H01 | Eastham \\[31mRED |"),
        "{md}"
    );
}

#[test]
fn hostile_names_are_escaped_in_the_html_and_never_reach_a_chart() {
    let (_d, db) = hostile_db();
    let html = document(&db, "html", &["--year", "2023-24"]);
    assert!(!html.contains('\x1b'));
    assert!(!html.contains("<script"), "no script element: {html}");
    assert!(html.contains("<td>&lt;script&gt;x&lt;/script&gt; *Home* | [2J</td>"), "{html}");
    assert!(html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt; =cmd|&#39; /C calc&#39;!A0</td>"), "{html}");
    for svg in svgs(&html) {
        assert!(!svg.contains("script") && !svg.contains("HYPERLINK"), "a chart holds no names: {svg}");
    }
}

/// Each chart's `<svg>…</svg>`, in order.
fn svgs(html: &str) -> Vec<&str> {
    html.split("<svg")
        .skip(1)
        .map(|rest| {
            let end = rest.find("</svg>").expect("closed");
            &rest[..end + "</svg>".len()]
        })
        .collect()
}

/// A small XML well-formedness check: tags nest and close, attributes are
/// quoted, text holds no bare `<` or stray `&`.
fn well_formed(xml: &str) -> Result<(), String> {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        check_text(&rest[..open])?;
        let close = rest[open..].find('>').ok_or("a tag never closes")? + open;
        let tag = &rest[open + 1..close];
        if !tag.matches('"').count().is_multiple_of(2) {
            return Err(format!("unbalanced quotes in <{tag}>"));
        }
        if let Some(name) = tag.strip_prefix('/') {
            match stack.pop() {
                Some(top) if top == name.trim() => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
        } else if !tag.ends_with('/') {
            let name = tag.split_whitespace().next().ok_or("an empty tag")?;
            stack.push(name.to_string());
        }
        rest = &rest[close + 1..];
        if stack.is_empty() {
            return if rest.trim().is_empty() { Ok(()) } else { Err(format!("text after the root: {rest}")) };
        }
    }
    Err(format!("unclosed: {stack:?}"))
}

fn check_text(text: &str) -> Result<(), String> {
    for (i, _) in text.match_indices('&') {
        let entity = &text[i..];
        if !["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].iter().any(|e| entity.starts_with(e)) {
            return Err(format!("a stray & in {text}"));
        }
    }
    Ok(())
}

#[test]
fn the_html_holds_six_well_formed_charts_each_named_for_screen_readers() {
    let (_d, db) = report_db();
    let html = document(&db, "html", &["--year", "2023-24"]);
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    assert!(!html.contains("<link") && !html.contains("src=") && !html.contains("url("), "nothing is fetched");
    let charts: Vec<String> = svgs(&html).iter().map(|s| format!("<svg{s}")).collect();
    assert_eq!(charts.len(), 6, "{html}");
    let titles = [
        "Episodes per month, against the same month a year before",
        "Individuals per month, against the same month a year before",
        "Episodes at the top 3 placements, by rank in the table",
        "Individuals under each case status per quarter, under a CSE strategy and at risk of CCE",
        "Episodes by how long they lasted, against the period before",
        "Return interviews held within 72 hours per quarter, against the target of 90%",
    ];
    for (svg, title) in charts.iter().zip(titles) {
        well_formed(svg).unwrap_or_else(|e| panic!("{e}:\n{svg}"));
        assert!(svg.contains(&format!(" role=\"img\" aria-label=\"{title}\"><title>{title}</title>")), "{svg}");
        assert!(svg.contains("<text"), "labelled in text: {svg}");
    }
    // Every chart is followed by the table of its numbers, before the next heading.
    for section in html.split("<h2>").filter(|s| s.contains("<figure")) {
        let after = &section[section.rfind("</figure>").expect("closed")..];
        assert!(after.contains("<table"), "a chart's section has its table: {section}");
    }
    // The target line is drawn, dashed, and named in words.
    assert!(charts[5].contains(">\nTarget 90%\n</text>"), "{}", charts[5]);
    // The Markdown says the same without pictures.
    let md = document(&db, "md", &["--year", "2023-24"]);
    assert!(!md.contains("<svg") && !md.contains("<figure"));
}

#[test]
fn the_well_formed_check_bites() {
    assert!(well_formed("<svg><text>a</text></svg>").is_ok());
    assert!(well_formed("<svg><text>a</svg>").is_err());
    assert!(well_formed("<svg><text>a & b</text></svg>").is_err());
    assert!(well_formed("<svg a=\"1></svg>").is_err());
    assert!(well_formed("<svg><rect/>").is_err());
}

#[cfg(unix)]
#[test]
fn the_paper_goes_to_a_file_through_the_safe_writer() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, db) = report_db();
    for format in ["md", "html"] {
        let file = dir.path().join(format!("report.{format}"));
        // A link planted where the file goes is replaced, never written through.
        let elsewhere = dir.path().join(format!("elsewhere.{format}"));
        std::fs::write(&elsewhere, "theirs").expect("write");
        std::os::unix::fs::symlink(&elsewhere, &file).expect("link");
        ri(&db)
            .args(["report", "--year", "2023-24", "--at", AT, "--format", format, "-o"])
            .arg(&file)
            .assert()
            .success()
            .stderr(predicates::str::contains("report for 2023-24"));
        assert_eq!(std::fs::read_to_string(&elsewhere).expect("read"), "theirs");
        let meta = std::fs::symlink_metadata(&file).expect("meta");
        assert!(meta.file_type().is_file());
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        assert_eq!(std::fs::read_to_string(&file).expect("read"), document(&db, format, &["--year", "2023-24"]));
    }
    // Into a folder that is not there: exit 2, nothing written.
    let missing = dir.path().join("no-such-folder").join("report.html");
    ri(&db).args(["report", "--year", "2023-24", "--at", AT, "--format", "html", "-o"]).arg(&missing).assert().code(2);
    assert!(!missing.exists());
}
