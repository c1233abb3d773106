//! Files written with `-o`: through a fresh, exclusively created 0600
//! temporary file in the target's folder, renamed over the target (issue 8.9),
//! so a planted link receives nothing and two runs never mix their outputs.

mod common;
use common::{fixture, new_db, ri};
use predicates::str::contains;
use std::path::{Path, PathBuf};

const AT: &str = "2026-11-10 12:00";

fn mpmg_db() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = new_db();
    ri(&db).arg("import").arg(fixture("mpmg.csv")).args(["--at", "2026-11-27 12:00"]).assert().success();
    (dir, db)
}

fn pack_to(db: &Path, file: &Path) -> assert_cmd::Command {
    let mut cmd = ri(db);
    cmd.args(["mpmg", "--month", "2026-10", "--at", AT, "--format", "html", "-o"]).arg(file);
    cmd
}

fn export_to(db: &Path, file: &Path) -> assert_cmd::Command {
    let mut cmd = ri(db);
    cmd.args(["export", "--format", "episodes-csv", "-o"]).arg(file);
    cmd
}

#[cfg(unix)]
#[test]
fn links_planted_at_the_old_twin_and_likely_temporary_names_receive_nothing() {
    let (dir, db) = mpmg_db();
    let out = tempfile::tempdir().expect("out");
    let bait = dir.path().join("bait.txt");
    std::fs::write(&bait, "").expect("bait");
    // The old fixed twin (`x.partial`), and names a temporary file might take.
    for name in ["x.partial", "x.md.partial", ".x.md.partial", "x.md.tmp", ".x.md.tmp", ".x.md..partial"] {
        std::os::unix::fs::symlink(&bait, out.path().join(name)).expect("plant a link");
    }
    let target = out.path().join("x.md");
    export_to(&db, &target).assert().success();
    assert_eq!(std::fs::read_to_string(&bait).expect("bait"), "", "the planted link received data");
    assert!(std::fs::read_to_string(&target).expect("written").starts_with("person_ref,"));
    // Nothing left behind but the file and the links.
    assert_eq!(std::fs::read_dir(out.path()).expect("list").count(), 7);
}

#[test]
fn two_outputs_with_the_same_stem_at_once_each_get_their_own_content() {
    let (dir, db) = mpmg_db();
    let (html, csv) = (dir.path().join("alone.html"), dir.path().join("alone.md"));
    pack_to(&db, &html).assert().success();
    export_to(&db, &csv).assert().success();
    let (want_html, want_csv) = (std::fs::read(&html).expect("html"), std::fs::read(&csv).expect("csv"));
    let out = tempfile::tempdir().expect("out");
    let (x_html, x_md) = (out.path().join("x.html"), out.path().join("x.md"));
    for round in 0..8 {
        let pack = std::thread::scope(|s| {
            let pack = s.spawn(|| pack_to(&db, &x_html).output().expect("runs"));
            let export = export_to(&db, &x_md).output().expect("runs");
            assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));
            pack.join().expect("thread")
        });
        assert!(pack.status.success(), "{}", String::from_utf8_lossy(&pack.stderr));
        assert!(std::fs::read(&x_html).expect("html") == want_html, "round {round}: the pack is not the pack");
        assert!(std::fs::read(&x_md).expect("md") == want_csv, "round {round}: the CSV is not the CSV");
    }
}

#[test]
fn a_folder_that_cannot_be_written_is_bad_input_naming_the_users_file() {
    let (_dir, db) = mpmg_db();
    let out = tempfile::tempdir().expect("out");
    let mut folder = out.path().to_path_buf();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o500)).expect("chmod");
        // root writes anywhere; /sys refuses even root.
        if std::fs::write(folder.join("probe"), "").is_ok() {
            std::fs::remove_file(folder.join("probe")).expect("remove probe");
            folder = PathBuf::from("/sys");
        }
    }
    #[cfg(not(unix))]
    {
        folder = folder.join("no-such-folder");
    }
    let target = folder.join("x.html");
    pack_to(&db, &target).assert().code(2).stdout("").stderr(contains(format!("{}:", target.display())));
    export_to(&db, &target).assert().code(2).stderr(contains(format!("{}:", target.display())));
    assert!(!target.exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(out.path(), std::fs::Permissions::from_mode(0o700)).expect("chmod back");
    }
}

#[cfg(unix)]
#[test]
fn outputs_are_the_owners_alone_even_under_umask_000() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, db) = mpmg_db();
    for (format, name) in [("html", "p.html"), ("md", "p.md"), ("csv", "p.csv"), ("json", "p.json"), ("table", "p.txt")]
    {
        let target = dir.path().join(name);
        let script =
            format!("umask 000; exec \"$0\" --db \"$1\" mpmg --month 2026-10 --at '{AT}' --format {format} -o \"$2\"");
        let status = std::process::Command::new("sh")
            .args(["-c", &script, env!("CARGO_BIN_EXE_ri-chase")])
            .arg(&db)
            .arg(&target)
            .status()
            .expect("runs");
        assert!(status.success());
        assert_eq!(std::fs::metadata(&target).expect("written").permissions().mode() & 0o777, 0o600, "{name}");
    }
    let target = dir.path().join("all.csv");
    let script = "umask 000; exec \"$0\" --db \"$1\" export --format episodes-csv -o \"$2\"";
    let status = std::process::Command::new("sh")
        .args(["-c", script, env!("CARGO_BIN_EXE_ri-chase")])
        .arg(&db)
        .arg(&target)
        .status()
        .expect("runs");
    assert!(status.success());
    assert_eq!(std::fs::metadata(&target).expect("written").permissions().mode() & 0o777, 0o600);
}
