//! The real binary in a pseudo-terminal: start it on a demo database, move
//! the selection, open help, quit, and check the terminal was restored; and
//! the same restoration after a panic.
#![cfg(unix)]

mod common;
use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const AT: &str = "2026-11-28 09:30";

/// The screen as the terminal shows it, fed by a reader thread.
struct Screen {
    parser: Arc<Mutex<vt100::Parser>>,
}

impl Screen {
    fn text(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    /// Waits until `check` holds for the screen, or fails with what was shown.
    fn wait_for(&self, what: &str, check: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if check(self.parser.lock().expect("parser").screen()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("timed out waiting for {what}; the screen shows:\n{}", self.text());
    }

    /// The row of the screen holding the selection pointer.
    fn selected_line(&self) -> Option<String> {
        self.text().lines().find(|l| l.starts_with('▶')).map(str::to_string)
    }
}

/// The real binary on a fresh demo database in an 80x24 pseudo-terminal.
struct Running {
    _dir: tempfile::TempDir,
    _master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    screen: Screen,
    keys: Box<dyn Write + Send>,
}

impl Running {
    fn start(extra_env: &[(&str, &str)]) -> Running {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("demo.sqlite");
        common::ri(&db).args(["demo", "--at", AT]).assert().success();

        let pty =
            native_pty_system().openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 }).expect("pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_ri-chase"));
        cmd.args(["--db", db.to_str().expect("utf8 path"), "--at", AT]);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn");
        drop(pty.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(nonzero(24), nonzero(80), 0)));
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let feed = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().expect("parser").process(&buf[..n]);
            }
        });
        let keys = pty.master.take_writer().expect("writer");
        Running { _dir: dir, _master: pty.master, child, screen: Screen { parser }, keys }
    }

    fn press(&mut self, keys: &str) {
        self.keys.write_all(keys.as_bytes()).expect("type");
        self.keys.flush().expect("flush");
    }

    fn wait_for_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(Instant::now() < deadline, "the app did not exit; the screen shows:\n{}", self.screen.text());
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

#[test]
fn the_app_starts_moves_shows_help_quits_and_restores_the_terminal() {
    let mut app = Running::start(&[]);
    app.screen.wait_for("the Chase tab", |s| s.alternate_screen() && s.contents().contains("Overdue"));
    let first = app.screen.selected_line().expect("a selected row");
    app.press("j");
    app.screen.wait_for("the selection to move", |s| {
        s.contents().lines().find(|l| l.starts_with('▶')).is_some_and(|l| l != first)
    });

    app.press("?");
    app.screen.wait_for("the help overlay", |s| s.contents().contains("Keys (? or Esc closes)"));
    app.press("\x1b");
    app.screen.wait_for("help to close", |s| !s.contents().contains("Keys (? or Esc closes)"));

    app.press("2");
    app.screen.wait_for("the Strategy tab", |s| s.contents().contains("Due soon"));
    app.press("q");

    let status = app.wait_for_exit();
    assert!(status.success(), "exit status {status:?}");
    app.screen.wait_for("the terminal to be restored", |s| !s.alternate_screen() && !s.hide_cursor());
}

#[test]
fn a_panic_restores_the_terminal_before_the_message() {
    let mut app = Running::start(&[("RI_CHASE_TEST_PANIC", "1")]);
    let status = app.wait_for_exit();
    assert!(!status.success(), "a panic is a failure: {status:?}");
    app.screen.wait_for("the terminal restored, with the panic message on it", |s| {
        !s.alternate_screen() && !s.hide_cursor() && s.contents().contains("panic asked for by RI_CHASE_TEST_PANIC")
    });
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("non-zero")
}
