//! The real binary in a pseudo-terminal: start it on a demo database, move
//! the selection, open help, quit, and check the terminal was restored.
#![cfg(unix)]

mod common;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
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

#[test]
fn the_app_starts_moves_shows_help_quits_and_restores_the_terminal() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("demo.sqlite");
    common::ri(&db).args(["demo", "--at", AT]).assert().success();

    let pty =
        native_pty_system().openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 }).expect("pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_ri-chase"));
    cmd.args(["--db", db.to_str().expect("utf8 path"), "--at", AT]);
    cmd.env("TERM", "xterm-256color");
    cmd.env("NO_COLOR", "1");
    let mut child = pty.slave.spawn_command(cmd).expect("spawn");
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
    let screen = Screen { parser };
    let mut keys = pty.master.take_writer().expect("writer");
    let mut press = |k: &str| {
        keys.write_all(k.as_bytes()).expect("type");
        keys.flush().expect("flush");
    };

    screen.wait_for("the Chase tab", |s| s.alternate_screen() && s.contents().contains("Overdue"));
    let first = screen.selected_line().expect("a selected row");
    press("j");
    screen.wait_for("the selection to move", |s| {
        s.contents().lines().find(|l| l.starts_with('▶')).is_some_and(|l| l != first)
    });

    press("?");
    screen.wait_for("the help overlay", |s| s.contents().contains("Keys (? or Esc closes)"));
    press("\x1b");
    screen.wait_for("help to close", |s| !s.contents().contains("Keys (? or Esc closes)"));

    press("2");
    screen.wait_for("the Strategy tab", |s| s.contents().contains("Due soon"));
    press("q");

    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "the app did not quit on q");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status {status:?}");
    screen.wait_for("the terminal to be restored", |s| !s.alternate_screen() && !s.hide_cursor());
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("non-zero")
}
