//! The weekly chase email (`chase --format md|html`) and the letters to
//! placing authorities (`letters`), issue 10 items 7 and 8: exact output on
//! a small fixture, hostile values neutralised in each, the template's
//! fields checked, the user's template used, and files written safely.

mod common;
use common::{AT, new_db, ri, stdout_of};
use std::path::{Path, PathBuf};

const HEADER: &str = "person_ref,given_name,family_name,date_of_birth,responsible_la,placement_la,case_status,team,episode_ref,missing_from_type,missing_from_name,missing_at,returned_at,ri_worker,ri_attempts";

/// One child's episode: ref, given name, placing (responsible) authority,
/// placement authority, team, episode, returned at, worker, attempts.
struct Row(
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    u32,
);

/// As of AT (Mon 30 Mar 2026 12:00): three placed-in children overdue (two
/// of Southby's, one of Westshire's), one of Southby's not yet due, and our
/// own children overdue, due today, tomorrow and later, one out of area.
const ROWS: [Row; 8] = [
    Row("P001", "Ann", "Southby", "Northshire", "North CiC", "E01", "2026-03-25 08:00", "Sam Worker", 2),
    Row("P002", "Bo", "Southby", "Northshire", "", "E02", "2026-03-26 10:00", "", 0),
    Row("P003", "Cy", "Westshire", "Northshire", "South CP", "E03", "2026-03-26 20:00", "Jo Worker", 1),
    Row("P004", "Di", "Southby", "Northshire", "North CiC", "E04", "2026-03-29 08:00", "Sam Worker", 0),
    Row("L001", "Eve", "Northshire", "Northshire", "North CiC", "E05", "2026-03-26 09:00", "Sam Worker", 1),
    Row("L002", "Fin", "Northshire", "Northshire", "North CiC", "E06", "2026-03-28 14:00", "Sam Worker", 0),
    Row("L003", "Gus", "Northshire", "Northshire", "South CP", "E07", "2026-03-30 06:00", "", 0),
    Row("O001", "Hal", "Northshire", "Southby", "North CiC", "E08", "2026-03-27 15:00", "Jo Worker", 1),
];

/// The fixture as an import file, with given names (and placing authorities) replaced as `rename` says.
fn csv(rename: &[(&str, &str, Option<&str>)]) -> String {
    let mut text = format!("{HEADER}\n");
    let mut w = csv::Writer::from_writer(Vec::new());
    for Row(person, given, responsible, placement, team, episode, returned, worker, attempts) in ROWS {
        let (given, responsible) = match rename.iter().find(|(p, _, _)| *p == person) {
            Some((_, name, la)) => (*name, la.unwrap_or(responsible)),
            None => (given, responsible),
        };
        w.write_record([
            person,
            given,
            "Testcase",
            "2010-04-01",
            responsible,
            placement,
            "child_in_care",
            team,
            episode,
            "foster",
            "Foster home 3",
            "2026-03-24 20:00",
            returned,
            worker,
            &attempts.to_string(),
        ])
        .expect("row");
    }
    text.push_str(&String::from_utf8(w.into_inner().expect("csv")).expect("utf8"));
    text
}

fn db_with(rename: &[(&str, &str, Option<&str>)]) -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = new_db();
    let file = dir.path().join("partners.csv");
    std::fs::write(&file, csv(rename)).expect("write");
    ri(&db).arg("import").arg(&file).assert().success();
    (dir, db)
}

/// `ri-chase` with a configuration folder of the test's own (no user's template).
fn ri_in(db: &Path, config: &Path) -> assert_cmd::Command {
    let mut cmd = ri(db);
    cmd.env("XDG_CONFIG_HOME", config).env("HOME", config);
    cmd
}

fn config_dir(dir: &tempfile::TempDir) -> PathBuf {
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).expect("config");
    config
}

#[test]
fn the_chase_email_in_markdown_is_exact() {
    let (dir, db) = db_with(&[]);
    let out = stdout_of(ri_in(&db, &config_dir(&dir)).args(["chase", "--at", AT, "--format", "md"]));
    insta::assert_snapshot!("chase_email_md", out);
}

#[test]
fn the_chase_email_in_html_is_exact_with_inline_styles_only() {
    let (dir, db) = db_with(&[]);
    let out = stdout_of(ri_in(&db, &config_dir(&dir)).args(["chase", "--at", AT, "--format", "html"]));
    assert!(!out.contains("<style") && !out.contains("class=") && !out.contains("<link") && !out.contains("<script"));
    insta::assert_snapshot!("chase_email_html", out);
}

#[test]
fn the_email_holds_exactly_the_chase_lists_rows() {
    let (dir, db) = db_with(&[]);
    let config = config_dir(&dir);
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(&stdout_of(ri_in(&db, &config).args(["chase", "--at", AT, "--format", "json"])))
            .expect("json");
    for format in ["md", "html"] {
        let out = stdout_of(ri_in(&db, &config).args(["chase", "--at", AT, "--format", format]));
        for row in &rows {
            let episode = row["episode_ref"].as_str().expect("ref");
            assert_eq!(
                out.matches(&format!("{episode} ")).count() + out.matches(&format!(">{episode}<")).count(),
                1,
                "{episode} in {format}:\n{out}"
            );
        }
    }
}

#[test]
fn the_letters_are_exact() {
    let (dir, db) = db_with(&[]);
    let out = stdout_of(ri_in(&db, &config_dir(&dir)).args(["letters", "--at", AT]));
    insta::assert_snapshot!("letters", out);
}

#[test]
fn the_charge_set_is_offered_in_the_letters_and_a_control_character_is_refused() {
    let (dir, db) = db_with(&[]);
    let config = config_dir(&dir);
    ri(&db).args(["settings", "ri_charge_text", "£150 per interview"]).assert().success();
    let out = stdout_of(ri_in(&db, &config).args(["letters", "--at", AT]));
    assert!(
        out.contains("we can complete the return interview for you, at our charge of £150 per interview."),
        "{out}"
    );
    let listed = stdout_of(ri(&db).arg("settings"));
    assert!(listed.lines().any(|l| l.starts_with("ri_charge_text") && l.contains("£150 per interview")), "{listed}");
    ri(&db).args(["settings", "ri_charge_text", "£1\u{1B}[2J"]).assert().code(2);
    ri(&db).args(["settings", "ri_charge_text", ""]).assert().success();
    let out = stdout_of(ri_in(&db, &config).args(["letters", "--at", AT]));
    assert!(out.contains("tell us and we will arrange it."), "{out}");
}

/// Names that attack whoever reads them: a terminal control, a formula, markup, a bidi override.
const HOSTILE: [(&str, &str, Option<&str>); 4] = [
    ("P001", "Evil\u{1B}]0;pwned\u{07}", None),
    ("P002", "=cmd|' /C calc'!A0", None),
    ("P003", "<script>alert(1)</script>", Some("../x/<b>West\u{202E}shire")),
    ("L001", "Rev\u{202E}olleh", None),
];

fn hidden(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| c != '\n')
        .filter(|&c| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

#[test]
fn hostile_values_are_neutralised_in_the_email_and_the_letters() {
    let (dir, db) = db_with(&HOSTILE);
    let config = config_dir(&dir);
    let md = stdout_of(ri_in(&db, &config).args(["chase", "--at", AT, "--format", "md"]));
    let html = stdout_of(ri_in(&db, &config).args(["chase", "--at", AT, "--format", "html"]));
    let letters = stdout_of(ri_in(&db, &config).args(["letters", "--at", AT]));
    for (what, out) in [("md", &md), ("html", &html), ("letters", &letters)] {
        assert_eq!(hidden(out), Vec::<char>::new(), "{what}:\n{out}");
        // No value starts a line, where a formula or markup could take effect.
        assert!(!out.lines().any(|l| l.starts_with("=cmd") || l.starts_with("<script")), "{what}:\n{out}");
    }
    assert!(md.contains("Evil\\]0;pwned Testcase") && md.contains("Revolleh Testcase"), "{md}");
    assert!(html.contains("Evil]0;pwned Testcase") && html.contains("Revolleh Testcase"), "{html}");
    assert!(md.contains("\\<script\\>alert(1)\\</script\\>") && !md.contains("<script>"), "{md}");
    assert!(md.contains("\\=cmd") || md.contains("| =cmd\\|"), "{md}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script>"), "{html}");
    assert!(html.contains("=cmd|&#39; /C calc&#39;!A0"), "{html}");
    assert!(letters.contains("- Evil]0;pwned Testcase (our reference P001)"), "{letters}");
    assert!(letters.contains("To: ../x/<b>Westshire Children's Services"), "plain text, shown as typed:\n{letters}");
    // The hostile authority's letter lands inside the folder, with a plain name.
    let out = dir.path().join("letters");
    ri_in(&db, &config).args(["letters", "--at", AT, "-o"]).arg(&out).assert().success();
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into())
        .collect();
    names.sort();
    assert_eq!(names, ["letter-southby.txt", "letter-x-b-westshire.txt"]);
    assert!(!dir.path().join("x").exists());
}

#[test]
fn a_template_naming_an_unknown_field_is_refused_naming_it_and_its_line() {
    let (dir, db) = db_with(&[]);
    let config = config_dir(&dir);
    let letters = config.join("ri-chase/letters");
    std::fs::create_dir_all(&letters).expect("dir");
    let template = letters.join("placing-authority.txt");
    std::fs::write(&template, "Dear {placing_authority},\n\n{children}\n\nYours, {sender}\n").expect("write");
    let out = ri_in(&db, &config).args(["letters", "--at", AT]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing drafted");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{} line 5: `{{sender}}` is not a field", template.display())), "{err}");
    assert!(err.contains("placing_authority, date, children"), "names the fields there are: {err}");
    // Nothing written to -o either.
    let dest = dir.path().join("out");
    ri_in(&db, &config).args(["letters", "--at", AT, "-o"]).arg(&dest).assert().code(2);
    assert!(!dest.exists());
}

#[test]
fn a_template_in_the_configuration_folder_replaces_the_bundled_one() {
    let (dir, db) = db_with(&[]);
    let config = config_dir(&dir);
    let letters = config.join("ri-chase/letters");
    std::fs::create_dir_all(&letters).expect("dir");
    std::fs::write(
        letters.join("placing-authority.txt"),
        "From {our_authority} to {placing_authority} on {date}: {child_count} {{overdue}}.{charge}\n",
    )
    .expect("write");
    let out = stdout_of(ri_in(&db, &config).args(["letters", "--at", AT]));
    assert_eq!(
        out,
        "===== Letter 1 of 2: to Southby, about 2 children =====\n\n\
         From Northshire to Southby on 30 March 2026: 2 {overdue}.\n\n\
         ===== Letter 2 of 2: to Westshire, about 1 child =====\n\n\
         From Northshire to Westshire on 30 March 2026: 1 {overdue}.\n\n"
    );
}

#[cfg(unix)]
#[test]
fn letters_into_a_folder_replace_a_planted_link_and_never_write_through_it() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, db) = db_with(&[]);
    let config = config_dir(&dir);
    let out = dir.path().join("letters");
    std::fs::create_dir(&out).expect("dir");
    let elsewhere = dir.path().join("elsewhere.txt");
    std::fs::write(&elsewhere, "theirs").expect("write");
    std::os::unix::fs::symlink(&elsewhere, out.join("letter-southby.txt")).expect("link");
    ri_in(&db, &config).args(["letters", "--at", AT, "-o"]).arg(&out).assert().success();
    assert_eq!(std::fs::read_to_string(&elsewhere).expect("read"), "theirs");
    let letter = out.join("letter-southby.txt");
    let meta = std::fs::symlink_metadata(&letter).expect("meta");
    assert!(meta.file_type().is_file(), "the link was replaced by the letter");
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    let text = std::fs::read_to_string(&letter).expect("read");
    assert!(text.starts_with("Northshire Children's Services\n30 March 2026\n"), "{text}");
    let stdout = stdout_of(ri_in(&db, &config).args(["letters", "--at", AT]));
    assert!(stdout.contains(text.trim_end()), "the file holds the letter stdout shows");
}

#[cfg(unix)]
#[test]
fn a_missing_letters_folder_is_made_private_and_a_file_in_its_place_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, db) = db_with(&[]);
    let config = config_dir(&dir);
    let out = dir.path().join("new/letters");
    ri_in(&db, &config).args(["letters", "--at", AT, "-o"]).arg(&out).assert().success();
    let mode = std::fs::metadata(&out).expect("made").permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
    assert!(out.join("letter-westshire.txt").is_file());
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").expect("write");
    let failed = ri_in(&db, &config).args(["letters", "--at", AT, "-o"]).arg(&file).output().expect("runs");
    assert_eq!(failed.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&failed.stderr).contains("not a folder"));
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "x");
}

#[test]
fn the_email_goes_to_a_file_with_o_as_it_goes_to_standard_output() {
    let (dir, db) = db_with(&[]);
    let config = config_dir(&dir);
    let file = dir.path().join("chase.html");
    ri_in(&db, &config).args(["chase", "--at", AT, "--format", "html", "-o"]).arg(&file).assert().success();
    let stdout = stdout_of(ri_in(&db, &config).args(["chase", "--at", AT, "--format", "html"]));
    assert_eq!(std::fs::read_to_string(&file).expect("read"), stdout);
}

#[test]
fn no_overdue_placed_in_child_means_no_letters() {
    let (dir, db) = db_with(&[]);
    let out = ri_in(&db, &config_dir(&dir)).args(["letters", "--at", "2026-03-25 09:00"]).output().expect("runs");
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no letters"));
}

#[test]
fn hostile_teams_and_workers_are_neutralised_in_the_email_headings() {
    let (dir, db) = new_db();
    let file = dir.path().join("partners.csv");
    let text = csv(&[]).replace("North CiC", "<b>North\u{1B}[2J</b> #1").replace("Sam Worker", "=Sam\u{202E} *Worker*");
    std::fs::write(&file, text).expect("write");
    ri(&db).arg("import").arg(&file).assert().success();
    let config = config_dir(&dir);
    let md = stdout_of(ri_in(&db, &config).args(["chase", "--at", AT, "--format", "md"]));
    let html = stdout_of(ri_in(&db, &config).args(["chase", "--at", AT, "--format", "html"]));
    assert_eq!(hidden(&md), Vec::<char>::new(), "{md}");
    assert_eq!(hidden(&html), Vec::<char>::new(), "{html}");
    assert!(md.contains("## Team: \\<b\\>North\\[2J\\</b\\> \\#1\n"), "{md}");
    assert!(md.contains("### =Sam \\*Worker\\* — 1 overdue, 1 due tomorrow\n"), "{md}");
    assert!(html.contains(">Team: &lt;b&gt;North[2J&lt;/b&gt; #1</h2>"), "{html}");
    assert!(html.contains(">=Sam *Worker* — 1 overdue, 1 due tomorrow</h3>"), "{html}");
}
