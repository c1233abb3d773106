//! A crafted name printed by the real binary into a real pseudo-terminal,
//! read back through a terminal emulator (issue 8.10): the window's title
//! stays as it was, the screen is not cleared, the name shows as escapes.
#![cfg(unix)]

mod common;
use common::{AT, fixture, new_db, ri};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::Read;
use std::path::Path;

/// What the terminal was asked to do besides showing text.
#[derive(Default)]
struct Asked {
    titles: Vec<Vec<u8>>,
    bells: usize,
}

impl vt100::Callbacks for Asked {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(name.to_vec());
    }
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
}

/// Runs `sh -c script` (with the binary as `$0`) in a 40x160 terminal to the
/// end, and returns the terminal as it was left.
fn run_in_terminal(script: &str, args: &[&str]) -> vt100::Parser<Asked> {
    let pty =
        native_pty_system().openpty(PtySize { rows: 40, cols: 160, pixel_width: 0, pixel_height: 0 }).expect("pty");
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", script, env!("CARGO_BIN_EXE_ri-chase")]);
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    cmd.env("NO_COLOR", "1");
    cmd.env_remove("RI_CHASE_DB");
    let mut child = pty.slave.spawn_command(cmd).expect("spawn");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let mut bytes = Vec::new();
    let mut buf = [0u8; 4096];
    // The reader ends (EOF, or EIO on Linux) once the child has gone.
    while let Ok(n) = reader.read(&mut buf) {
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&buf[..n]);
    }
    child.wait().expect("wait");
    let size = |n| std::num::NonZeroU16::new(n).expect("size");
    let mut parser = vt100::Parser::new_with_callbacks(size(40), size(160), 0, Asked::default());
    parser.process(&bytes);
    parser
}

fn hostile_db(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("t.sqlite");
    ri(&db).args(["init", "--authority", "Northshire"]).assert().success();
    let text = std::fs::read_to_string(fixture("episodes.csv")).expect("fixture");
    let text = text
        .replace(",Alex,", ",\"Evil\u{1B}]0;pwned\u{07}\u{1B}]2;owned\u{07}\",")
        .replace(",Billie,", ",\u{1B}[2J\u{1B}[HClear,");
    let file = dir.join("hostile.csv");
    std::fs::write(&file, text).expect("write");
    ri(&db).arg("import").arg(&file).assert().success();
    db
}

#[test]
fn a_crafted_name_neither_retitles_nor_clears_the_terminal() {
    let (dir, _) = new_db();
    let db = hostile_db(dir.path());
    let db = db.to_str().expect("utf8");
    for command in ["chase", "strategy", "missing"] {
        let script =
            format!("printf 'BEFORE THE LIST\\n'; exec \"$0\" --db \"$1\" {command} --at '{AT}' --format table");
        let term = run_in_terminal(&script, &[db]);
        let screen = term.screen().contents();
        assert!(term.callbacks().titles.is_empty(), "{command} retitled the window: {:?}", term.callbacks().titles);
        assert_eq!(term.callbacks().bells, 0, "{command} rang the bell");
        assert!(screen.contains("BEFORE THE LIST"), "{command} cleared the screen:\n{screen}");
        if command == "chase" {
            assert!(screen.contains("Evil\\e]0;pwned\\x07\\e]2;owned\\x07 Testcase"), "{screen}");
            assert!(screen.contains("\\e[2J\\e[HClear Sample"), "{screen}");
        }
    }
}

#[test]
fn a_crafted_value_in_an_import_error_neither_retitles_nor_hides_the_lines_before_it() {
    let (dir, db) = new_db();
    let text = std::fs::read_to_string(fixture("episodes.csv")).expect("fixture");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[1] = lines[1].replace(",medium,", ",nonsense,");
    // Cursor up, erase the line (hiding line 2's error), and retitle.
    lines[2] = lines[2].replace(",low,", ",\u{1B}[1A\u{1B}[2K\u{1B}]0;pwned\u{07},");
    let file = dir.path().join("bad.csv");
    std::fs::write(&file, lines.join("\n") + "\n").expect("write");
    let script = "exec \"$0\" --db \"$1\" import \"$2\"";
    let term = run_in_terminal(script, &[db.to_str().expect("utf8"), file.to_str().expect("utf8")]);
    let screen = term.screen().contents();
    assert!(term.callbacks().titles.is_empty(), "{:?}", term.callbacks().titles);
    assert!(screen.contains("line 2") && screen.contains("nonsense"), "line 2's error was hidden:\n{screen}");
    assert!(screen.contains("line 3") && screen.contains("\\e[1A\\e[2K\\e]0;pwned\\x07"), "{screen}");
}
