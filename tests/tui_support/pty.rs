//! The real binary in a pseudo-terminal, its output fed to a terminal emulator (vt100),
//! so tests can type keys and read the screen as a person would see it.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long to wait for the screen to show something before failing. Generous: the
/// tests run on small shared machines, and only a failure ever waits this long.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// Records what the program asks of the terminal beyond drawing.
#[derive(Default)]
pub struct Recorder {
    pub titles: Vec<Vec<u8>>,
}

impl vt100::Callbacks for Recorder {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }

    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(name.to_vec());
    }
}

type Parser = vt100::Parser<Recorder>;

pub struct Tui {
    parser: Arc<Mutex<Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    /// Everything the program wrote, for tests that look at the raw bytes.
    pub output: Arc<Mutex<Vec<u8>>>,
    /// Set when the program's output has ended (it exited and the pty closed).
    ended: Arc<AtomicBool>,
}

impl Tui {
    /// Runs `scrutineer ARGS` on a `cols` x `rows` terminal with `env` added to a clean
    /// environment (TERM=xterm-256color, no user config).
    pub fn spawn(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16, home: &Path) -> Tui {
        Tui::spawn_program(
            env!("CARGO_BIN_EXE_scrutineer"),
            args,
            env,
            cols,
            rows,
            home,
        )
    }

    /// The same for another program (a shell that runs scrutineer, say).
    pub fn spawn_program(
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
        home: &Path,
    ) -> Tui {
        if let Some(at) = args.iter().position(|a| *a == "--workspace")
            && let Some(ws) = args.get(at + 1)
        {
            super::refuse_source(Path::new(ws));
        }
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env_clear();
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        cmd.env("HOME", home);
        cmd.env("USER", "clerk");
        cmd.env("TERM", "xterm-256color");
        cmd.env("SCRUTINEER_CONFIG", home.join("no-config.toml"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawns");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            rows,
            cols,
            0,
            Recorder::default(),
        )));
        let output = Arc::new(Mutex::new(Vec::new()));
        let ended = Arc::new(AtomicBool::new(false));
        let (feed, raw, end) = (Arc::clone(&parser), Arc::clone(&output), Arc::clone(&ended));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().expect("parser").process(&buf[..n]);
                raw.lock().expect("output").extend_from_slice(&buf[..n]);
            }
            end.store(true, Ordering::SeqCst);
        });
        Tui {
            parser,
            writer,
            child,
            master: pair.master,
            output,
            ended,
        }
    }

    /// Types keys: characters as themselves; `<esc>`, `<enter>`, `<tab>`, `<s-tab>`,
    /// `<up>`, `<down>`, `<space>`, `<bs>`, `<c-z>` as their terminal bytes.
    pub fn keys(&mut self, keys: &str) {
        let mut bytes = Vec::new();
        let mut rest = keys;
        while let Some(c) = rest.chars().next() {
            if c == '<'
                && let Some(end) = rest.find('>')
                && end > 1
            {
                let seq: &[u8] = match &rest[1..end] {
                    "esc" => b"\x1b",
                    "enter" => b"\r",
                    "tab" => b"\t",
                    "s-tab" => b"\x1b[Z",
                    "up" => b"\x1b[A",
                    "down" => b"\x1b[B",
                    "space" => b" ",
                    "bs" => b"\x7f",
                    "c-z" => b"\x1a",
                    other => panic!("unknown key <{other}>"),
                };
                bytes.extend_from_slice(seq);
                rest = &rest[end + 1..];
            } else {
                let mut utf8 = [0u8; 4];
                bytes.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
                rest = &rest[c.len_utf8()..];
            }
        }
        self.writer.write_all(&bytes).expect("types");
        self.writer.flush().expect("flushes");
    }

    /// The screen's text.
    pub fn contents(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen, &Recorder) -> T) -> T {
        let parser = self.parser.lock().expect("parser");
        f(parser.screen(), parser.callbacks())
    }

    /// Waits until `ready` holds for the screen, failing with the screen after PATIENCE.
    pub fn wait_for(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            if self.with_screen(|s, _| ready(s)) {
                return;
            }
            if start.elapsed() > PATIENCE {
                panic!(
                    "timed out waiting for {what}; the screen shows:\n{}",
                    self.contents()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the program has written nothing for a moment, so a frame that was
    /// still arriving when the awaited text appeared is whole (the parser draws a
    /// synchronized update as it comes, not at its end).
    pub fn settle(&self) {
        let quiet = Duration::from_millis(300);
        let start = Instant::now();
        let mut seen = self.output.lock().expect("output").len();
        let mut since = Instant::now();
        while since.elapsed() < quiet && start.elapsed() < PATIENCE {
            std::thread::sleep(Duration::from_millis(20));
            let now = self.output.lock().expect("output").len();
            if now != seen {
                seen = now;
                since = Instant::now();
            }
        }
    }

    /// Waits until the screen shows `text`.
    pub fn wait_text(&self, text: &str) {
        self.wait_for(&format!("`{text}`"), |s| s.contents().contains(text));
    }

    /// Waits until the screen no longer shows `text` (a popup closed, say). Needed
    /// after Esc: a key sent right behind it would be read as Alt+key.
    pub fn wait_gone(&self, text: &str) {
        self.wait_for(&format!("`{text}` to go"), |s| !s.contents().contains(text));
    }

    /// Waits for the program to exit and its last output to be read; returns whether
    /// it succeeded.
    pub fn wait_exit(&mut self) -> bool {
        self.wait_status().success()
    }

    /// The program's process id, to send it signals.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a process id")
    }

    /// Waits for the program to exit and its last output to be read; returns how it
    /// ended.
    pub fn wait_status(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            let status = self.child.try_wait().expect("polls the child");
            if let Some(status) = status
                && self.ended.load(Ordering::SeqCst)
            {
                return status;
            }
            if start.elapsed() > PATIENCE {
                let _ = self.child.kill();
                panic!(
                    "the program did not exit; the screen shows:\n{}",
                    self.contents()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Whether the terminal is in the shell's usual (cooked) mode, lines edited and
    /// echoed, as raw mode is not. None if it cannot be read.
    #[cfg(unix)]
    pub fn cooked(&self) -> Option<bool> {
        let fd = self.master.as_raw_fd()?;
        let mut termios = std::mem::MaybeUninit::<libc::termios>::uninit();
        // SAFETY: tcgetattr fills the termios it is given, or fails and we do not read it.
        if unsafe { libc::tcgetattr(fd, termios.as_mut_ptr()) } != 0 {
            return None;
        }
        // SAFETY: initialised by the successful call above.
        let termios = unsafe { termios.assume_init() };
        Some(termios.c_lflag & libc::ICANON != 0 && termios.c_lflag & libc::ECHO != 0)
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser
            .lock()
            .expect("parser")
            .screen_mut()
            .set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resizes");
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
