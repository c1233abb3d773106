//! The real binary in a pseudo-terminal, read back through a terminal emulator.
#![cfg(unix)]
#![allow(dead_code)] // each test file uses some of these

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The screen as the terminal shows it, fed by a reader thread.
pub struct Screen {
    parser: Arc<Mutex<vt100::Parser>>,
}

impl Screen {
    pub fn text(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    /// Waits until `check` holds for the screen, or fails with what was shown.
    pub fn wait_for(&self, what: &str, check: impl Fn(&vt100::Screen) -> bool) {
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
    pub fn selected_line(&self) -> Option<String> {
        self.text().lines().find(|l| l.starts_with('▶')).map(str::to_string)
    }
}

/// The real binary on a database in an 80x24 pseudo-terminal.
pub struct Running {
    _dir: tempfile::TempDir,
    _master: Box<dyn MasterPty + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub screen: Screen,
    keys: Box<dyn Write + Send>,
}

impl Running {
    /// Starts on `db` (kept alive with its folder) with "now" fixed at `at`.
    pub fn start(dir: tempfile::TempDir, db: &Path, at: &str, extra_env: &[(&str, &str)]) -> Running {
        Running::start_with(dir, db, Some(at), extra_env)
    }

    /// Starts on `db` on the live clock.
    pub fn start_live(dir: tempfile::TempDir, db: &Path) -> Running {
        Running::start_with(dir, db, None, &[])
    }

    fn start_with(dir: tempfile::TempDir, db: &Path, at: Option<&str>, extra_env: &[(&str, &str)]) -> Running {
        let mut args = vec!["--db", db.to_str().expect("utf8 path")];
        if let Some(at) = at {
            args.extend(["--at", at]);
        }
        Self::start_args(dir, &args, extra_env)
    }

    /// Starts `ri-chase ARGS`, keeping `dir` alive as long as it runs.
    pub fn start_args(dir: tempfile::TempDir, args: &[&str], extra_env: &[(&str, &str)]) -> Running {
        let pty =
            native_pty_system().openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 }).expect("pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_ri-chase"));
        cmd.args(args);
        cmd.env_remove("RI_CHASE_DB");
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

    /// Resizes the terminal (the app sees it as a real window would) and the emulator with it.
    pub fn resize(&mut self, rows: u16, cols: u16) {
        self.screen.parser.lock().expect("parser").set_size(nonzero(rows), nonzero(cols));
        self._master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("resize");
    }

    pub fn press(&mut self, keys: &str) {
        self.keys.write_all(keys.as_bytes()).expect("type");
        self.keys.flush().expect("flush");
    }

    pub fn wait_for_exit(&mut self) -> ExitStatus {
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

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("non-zero")
}
