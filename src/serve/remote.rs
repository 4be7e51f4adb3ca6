//! A session over SSH: the workbench's event loop on a thread of its own, drawing into
//! a buffer that goes down the channel as one packet per frame (inside the same
//! synchronized update as at a local terminal, and only what changed), with its own
//! view, filters, size and theme.

use super::Hub;
use super::keys::{Key, Role};
use crate::tui::session::{self, Ending, Host, Wake};
use crate::tui::{App, Theme};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, queue};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use russh::ChannelId;
use russh::server::Handle;
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

/// How long a session whose connection is gone may take to save what it was saving.
const LAST_WRITE: Duration = Duration::from_secs(10);

/// What the loop sends down the channel.
enum Out {
    Frame(Vec<u8>),
    /// The session is over: exit status, then close.
    Close(u32),
}

/// Bytes for the channel, gathered until the frame is done: the backend writes into
/// `Gathered`, and the session sends what it gathered as one packet per frame.
#[derive(Clone, Default)]
pub struct Gathered(Rc<RefCell<Vec<u8>>>);

impl Write for Gathered {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    /// Nothing leaves until the frame is done (see `Channel::send`): the backend
    /// flushes after each command, and a frame is one packet.
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The channel's end in the session: what was gathered goes down it.
struct ChannelOut {
    gathered: Gathered,
    tx: tokio::sync::mpsc::Sender<Out>,
    /// Bytes sent in all (for the log and the measurements).
    sent: u64,
}

impl ChannelOut {
    fn send(&mut self) -> std::io::Result<()> {
        let frame = std::mem::take(&mut *self.gathered.0.borrow_mut());
        if frame.is_empty() {
            return Ok(());
        }
        self.sent += frame.len() as u64;
        self.tx
            .blocking_send(Out::Frame(frame))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the channel closed"))
    }
}

/// The crossterm backend with the client's window size, and the cursor where it was
/// last put (a remote terminal is never asked: that would be a round trip).
pub struct RemoteBackend {
    inner: CrosstermBackend<Gathered>,
    size: Size,
    cursor: Position,
}

impl Write for RemoteBackend {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        Write::write(&mut self.inner, bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Backend for RemoteBackend {
    type Error = std::io::Error;

    fn draw<'a, I>(&mut self, content: I) -> std::io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }

    fn hide_cursor(&mut self) -> std::io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> std::io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> std::io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> std::io::Result<()> {
        let position = position.into();
        self.cursor = position;
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> std::io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> std::io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> std::io::Result<Size> {
        Ok(self.size)
    }

    fn window_size(&mut self) -> std::io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size,
            pixels: Size::default(),
        })
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A session's host: the SSH channel. No editor (notes are typed in the prompt) and
/// no Ctrl-Z (there is no shell behind it).
struct Remote {
    terminal: Terminal<RemoteBackend>,
    out: ChannelOut,
}

impl Host for Remote {
    type Backend = RemoteBackend;

    fn terminal(&mut self) -> &mut Terminal<RemoteBackend> {
        &mut self.terminal
    }

    fn frame_done(&mut self) -> std::io::Result<()> {
        self.out.send()
    }

    fn resized(&mut self, width: u16, height: u16) -> std::io::Result<()> {
        self.terminal.backend_mut().size = Size::new(width, height);
        Ok(())
    }
}

/// What a session starts with.
pub struct Start {
    pub id: u64,
    pub key: Key,
    pub from: String,
    pub term: String,
    pub env: Vec<(String, String)>,
    pub width: u16,
    pub height: u16,
}

/// The theme a client asked for: NO_COLOR (set and not empty, as no-color.org says)
/// or a terminal that has no colours gives the one without colour.
fn theme(start: &Start) -> Theme {
    let env = |name: &str| {
        start
            .env
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let term = env("TERM").unwrap_or(&start.term);
    if env("NO_COLOR").is_some_and(|v| !v.is_empty()) || term == "dumb" {
        Theme::monochrome()
    } else {
        Theme::colour()
    }
}

/// Starts a session's thread, and the task that sends its frames down the channel.
pub fn spawn(
    hub: Arc<Hub>,
    start: Start,
    wake: mpsc::Sender<Wake>,
    rx: mpsc::Receiver<Wake>,
    handle: Handle,
    channel: ChannelId,
) {
    let (tx, mut frames) = tokio::sync::mpsc::channel::<Out>(32);
    tokio::spawn(async move {
        while let Some(out) = frames.recv().await {
            match out {
                Out::Frame(bytes) => {
                    if handle.data(channel, bytes).await.is_err() {
                        break;
                    }
                }
                Out::Close(status) => {
                    let _ = handle.exit_status_request(channel, status).await;
                    let _ = handle.eof(channel).await;
                    let _ = handle.close(channel).await;
                    break;
                }
            }
        }
    });
    let name = format!("scrutineer-session-{}", start.id);
    let id = start.id;
    let failed_hub = Arc::clone(&hub);
    let spawned = std::thread::Builder::new().name(name).spawn(move || {
        let body = || run(&hub, &start, wake, &rx, tx.clone());
        supervise(&hub, &start, &tx, body);
    });
    if let Err(e) = spawned {
        failed_hub.held().remove(&id);
        failed_hub.log(&format!("cannot start session {id}: {e}"));
    }
}

/// Runs a session's body on its thread, with a log line when it begins and when it
/// ends. A panic or an error in it ends that session only: the client is told, the
/// server lets go of the session and carries on.
fn supervise(
    hub: &Hub,
    start: &Start,
    tx: &tokio::sync::mpsc::Sender<Out>,
    body: impl FnOnce() -> anyhow::Result<(String, u64, u64)>,
) {
    let began = jiff::Timestamp::now();
    let id = start.id;
    let who = format!(
        "{} ({}) from {}",
        start.key.name,
        start.key.role.label(),
        start.from
    );
    hub.log(&format!("session {id} began: {who}"));
    let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(body));
    let (how, changes, sent) = match ran {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => (format!("ended by an error: {e:#}"), 0, 0),
        Err(_) => (
            "ended by a fault in the workbench (the server carries on)".into(),
            0,
            0,
        ),
    };
    let _ = tx.blocking_send(Out::Close(0));
    hub.held().remove(&id);
    let ended = jiff::Timestamp::now();
    let began = began.round(jiff::Unit::Second).unwrap_or(began);
    let ended = ended.round(jiff::Unit::Second).unwrap_or(ended);
    hub.log(&format!(
        "session {id} ended: {who}; {how}; began {began}, ended {ended}; {changes} change{} saved; {sent} bytes sent",
        if changes == 1 { "" } else { "s" }
    ));
}

/// The session itself: returns how it ended, how many changes it saved and how many
/// bytes it sent.
fn run(
    hub: &Arc<Hub>,
    start: &Start,
    wake: mpsc::Sender<Wake>,
    rx: &mpsc::Receiver<Wake>,
    tx: tokio::sync::mpsc::Sender<Out>,
) -> anyhow::Result<(String, u64, u64)> {
    let read_only = match (&hub.read_only, start.key.role) {
        (Some(why), _) => Some(why.clone()),
        (None, Role::Member) => Some(format!(
            "{} connects as a member, who reads; a clerk's key may change tracking",
            start.key.name
        )),
        (None, Role::Clerk) => None,
    };
    let mut app = App::on(Arc::clone(&hub.shared), hub.today, read_only, theme(start));
    app.set_clock(Arc::clone(&hub.clock));
    app.who = start.key.name.clone();
    app.editor_command = None;
    let (keymap, problems) = crate::tui::keymap::load();
    app.set_keymap(keymap, &problems);
    let worker = wake.clone();
    app.set_waker(Arc::new(move || {
        let _ = worker.send(Wake::Work);
    }));
    let changed = wake.clone();
    let _listening = hub.shared.listen(Arc::new(move || {
        let _ = changed.send(Wake::NewReading);
    }));
    // A reading made between the snapshot and listening is picked up now.
    let _ = wake.send(Wake::NewReading);

    let mut gathered = Gathered::default();
    queue!(gathered, EnterAlternateScreen, cursor::Hide)?;
    let out = ChannelOut {
        gathered: gathered.clone(),
        tx,
        sent: 0,
    };
    let backend = RemoteBackend {
        inner: CrosstermBackend::new(gathered),
        size: Size::new(start.width, start.height),
        cursor: Position::ORIGIN,
    };
    let terminal = Terminal::new(backend)?;
    let mut host = Remote { terminal, out };
    let ending = session::event_loop(&mut host, &mut app, rx);
    let unsaved = app.finish_saves(LAST_WRITE);
    let mut how = match &ending {
        Ok(Ending::Quit) => "quit".to_string(),
        Ok(Ending::Ended(why)) => why.trim_start_matches("scrutineer: ").to_string(),
        Ok(Ending::Signal(s)) => format!("signal {s}"),
        // Over SSH the terminal is the connection: say that.
        Err(e) => format!("{e:#}").replace("lost the terminal: ", ""),
    };
    if unsaved > 0 {
        how.push_str(&format!(
            "; {unsaved} change{} not saved (another clerk held the lock)",
            if unsaved == 1 { " was" } else { "s were" }
        ));
    }
    let farewell = match &ending {
        Ok(Ending::Ended(why)) => format!("{why}\r\n"),
        _ => String::new(),
    };
    let mut gathered = host.out.gathered.clone();
    let _ = queue!(gathered, LeaveAlternateScreen, cursor::Show);
    let _ = gathered.write_all(farewell.as_bytes());
    let _ = host.out.send();
    Ok((how, app.changes, host.out.sent))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::keys::KeysFile;
    use crate::serve::{Held, Limits, Options};
    use crate::tui::shared::Shared;
    use std::sync::Mutex;
    use std::sync::atomic::AtomicU64;

    fn key() -> Key {
        Key {
            key: russh::keys::PublicKey::from_openssh(
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBmVGxDi6Y9eFiVnU5iCT8X3rsT6dSPq8qkm6Xr4bn2A",
            )
            .expect("a key"),
            name: "Cllr Ahmed".into(),
            role: Role::Member,
            line: 1,
        }
    }

    fn start(id: u64) -> Start {
        Start {
            id,
            key: key(),
            from: "192.0.2.7:50000".into(),
            term: "xterm".into(),
            env: Vec::new(),
            width: 80,
            height: 24,
        }
    }

    /// A hub on an empty workspace, logging into `log`.
    fn hub(dir: &std::path::Path, log: &Arc<Mutex<Vec<String>>>) -> Arc<Hub> {
        std::fs::create_dir_all(dir.join("reports")).expect("a reports folder");
        let keys = dir.join("authorized_keys");
        std::fs::write(&keys, "# no keys\n").expect("a keys file");
        let today = jiff::civil::date(2024, 1, 10);
        let sink = Arc::clone(log);
        let options = Options {
            listen: "127.0.0.1:0".parse().expect("an address"),
            keys: keys.clone(),
            host_key: dir.join("host_key"),
            limits: Limits::default(),
            today,
            clock: Arc::new(crate::cli::Clock::from_flags(Some(today))),
            read_only: None,
        };
        Arc::new(Hub::new(
            Shared::new(crate::workspace::Workspace::load(dir).expect("a workspace")),
            KeysFile::open(&keys).expect("the keys file"),
            options,
            Arc::new(move |line: &str| {
                sink.lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push(line.to_string());
            }),
        ))
    }

    #[test]
    fn a_fault_or_an_error_in_a_session_ends_that_session_only_and_the_server_carries_on() {
        let dir = tempfile::tempdir().expect("a folder");
        let log = Arc::new(Mutex::new(Vec::new()));
        let hub = hub(dir.path(), &log);
        let logged = || {
            log.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .join("\n")
        };
        let (wake, _rx) = mpsc::channel();
        let held = |wake: &mpsc::Sender<Wake>| Held {
            key: "Cllr Ahmed".into(),
            public: key().key,
            role: Role::Member,
            wake: wake.clone(),
            last_input: Arc::new(AtomicU64::new(0)),
        };
        hub.held().insert(7, held(&wake));
        hub.held().insert(8, held(&wake));
        let (tx, mut out) = tokio::sync::mpsc::channel(8);

        // A panic, while the list of sessions is locked (so the lock is poisoned).
        supervise(&hub, &start(7), &tx, || {
            let _sessions = hub.held();
            panic!("a fault in the workbench");
        });
        assert!(
            matches!(out.try_recv(), Ok(Out::Close(0))),
            "the client is told"
        );
        let sessions: Vec<u64> = hub.held().keys().copied().collect();
        assert_eq!(sessions, [8], "only the faulty session is let go of");
        let text = logged();
        assert!(
            text.contains("session 7 ended: Cllr Ahmed (member) from 192.0.2.7:50000; ended by a fault in the workbench (the server carries on)"),
            "{text}"
        );

        // The server carries on: another session ends as it would.
        supervise(&hub, &start(8), &tx, || Ok(("quit".to_string(), 2, 1234)));
        assert!(matches!(out.try_recv(), Ok(Out::Close(0))));
        assert!(hub.held().is_empty());
        let text = logged();
        assert!(
            text.contains("session 8 ended: Cllr Ahmed (member) from 192.0.2.7:50000; quit;")
                && text.contains("2 changes saved; 1234 bytes sent"),
            "{text}"
        );
        assert_eq!(hub.admit(&key()), Ok(()), "and takes new sessions");

        // An error ends its session with the error in the log.
        supervise(&hub, &start(9), &tx, || {
            Err(anyhow::anyhow!("the channel is gone"))
        });
        assert!(matches!(out.try_recv(), Ok(Out::Close(0))));
        assert!(logged().contains("session 9 ended: Cllr Ahmed (member) from 192.0.2.7:50000; ended by an error: the channel is gone"));
    }

    #[test]
    fn no_color_and_dumb_terminals_get_the_theme_without_colour() {
        let key = Key {
            key: russh::keys::PublicKey::from_openssh(
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBmVGxDi6Y9eFiVnU5iCT8X3rsT6dSPq8qkm6Xr4bn2A",
            )
            .expect("a key"),
            name: "a".into(),
            role: Role::Member,
            line: 1,
        };
        let mut start = Start {
            id: 0,
            key,
            from: String::new(),
            term: "xterm-256color".into(),
            env: Vec::new(),
            width: 80,
            height: 24,
        };
        assert_eq!(theme(&start), Theme::colour());
        start.env.push(("NO_COLOR".into(), "1".into()));
        assert_eq!(theme(&start), Theme::monochrome());
        start.env.clear();
        start.term = "dumb".into();
        assert_eq!(theme(&start), Theme::monochrome());
    }
}
