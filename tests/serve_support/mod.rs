//! An SSH client for the tests of `scrutineer serve`, built on russh's client so no
//! program outside cargo is needed: it connects with a key, asks for a terminal and
//! the workbench, sends keys and reads the screen through a vt100 parser.

#![allow(dead_code)]

use russh::client::{self, Handle};
use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::{PrivateKey, PrivateKeyWithHashAlg};
use russh::{ChannelMsg, ChannelWriteHalf};
use scrutineer::serve::{self, Limits, Options, Running};
use scrutineer::tui::shared::Shared;
use scrutineer::workspace::Workspace;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a test waits for something it expects to see.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// A key made from a seed, the same every run.
pub fn key(seed: u8) -> PrivateKey {
    let mut key = PrivateKey::from(Ed25519Keypair::from_seed(&[seed; 32]));
    key.set_comment(format!("key{seed}"));
    key
}

pub fn public_line(key: &PrivateKey) -> String {
    key.public_key().to_openssh().expect("a public key line")
}

/// A server on a copy of the bundled workspace, and what it logged.
pub struct Server {
    pub running: Option<Running>,
    pub dir: tempfile::TempDir,
    pub keys: PathBuf,
    pub log: Arc<Mutex<Vec<String>>>,
    pub rt: tokio::runtime::Runtime,
}

pub const CLERK: u8 = 1;
pub const MEMBER: u8 = 2;
pub const STRANGER: u8 = 9;

impl Server {
    pub fn start(limits: Limits) -> Server {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let ws = dir.path().join("ws");
        std::fs::create_dir_all(&ws).expect("a workspace folder");
        crate::common::copy_dir(&crate::common::bundled(), &ws);
        let keys = dir.path().join("authorized_keys");
        std::fs::write(
            &keys,
            format!(
                "# test keys\nrole=\"clerk\",name=\"Jane Smith\" {}\nrole=\"member\",name=\"Cllr Ahmed\" {}\n",
                public_line(&key(CLERK)),
                public_line(&key(MEMBER))
            ),
        )
        .expect("keys written");
        let log = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&log);
        let workspace = Workspace::load(&ws).expect("the bundled workspace loads");
        let today: jiff::civil::Date = "2003-10-15".parse().expect("a date");
        let clock = scrutineer::cli::Clock::from_flags(Some(today));
        let options = Options {
            listen: "127.0.0.1:0".parse().expect("an address"),
            keys: keys.clone(),
            host_key: dir.path().join("host_key"),
            limits,
            today,
            clock: Arc::new(clock),
            read_only: None,
        };
        let running = serve::start(
            Shared::new(workspace),
            options,
            Arc::new(move |line: &str| {
                sink.lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push(line.to_string())
            }),
        )
        .expect("the server starts");
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime for the clients");
        Server {
            running: Some(running),
            dir,
            keys,
            log,
            rt,
        }
    }

    pub fn addr(&self) -> SocketAddr {
        self.running.as_ref().expect("running").addr
    }

    pub fn workspace(&self) -> PathBuf {
        self.dir.path().join("ws")
    }

    pub fn tracking(&self) -> String {
        std::fs::read_to_string(self.workspace().join("tracking.toml")).unwrap_or_default()
    }

    pub fn logged(&self) -> String {
        self.log
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .join("\n")
    }

    /// Waits until the log has a line containing `text`.
    pub fn wait_for_log(&self, text: &str) -> String {
        wait_until(
            || self.logged().contains(text),
            &format!("the log to say {text:?}"),
            || self.logged(),
        );
        self.logged()
    }

    /// Connects with `key` and opens the workbench in a `width` x `height` terminal.
    pub fn session(&self, seed: u8, width: u16, height: u16) -> Session {
        self.session_with(seed, width, height, &[])
    }

    pub fn session_with(&self, seed: u8, width: u16, height: u16, env: &[(&str, &str)]) -> Session {
        let addr = self.addr();
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        self.rt.block_on(async move {
            let mut handle = connect(addr).await.expect("connects");
            let ok = authenticate(&mut handle, seed).await;
            assert!(ok, "key {seed} is let in");
            let channel = handle
                .channel_open_session()
                .await
                .expect("a session channel");
            for (name, value) in &env {
                channel
                    .set_env(false, name.clone(), value.clone())
                    .await
                    .expect("env sent");
            }
            channel
                .request_pty(
                    false,
                    "xterm-256color",
                    u32::from(width),
                    u32::from(height),
                    0,
                    0,
                    &[],
                )
                .await
                .expect("a terminal");
            channel.request_shell(true).await.expect("the workbench");
            let (mut read, write) = channel.split();
            let screen = Arc::new(Mutex::new(vt100::Parser::new(height, width, 0)));
            let bytes = Arc::new(AtomicU64::new(0));
            let packets = Arc::new(AtomicU64::new(0));
            let closed = Arc::new(AtomicBool::new(false));
            let exit = Arc::new(Mutex::new(None));
            let (s, b, p, c, e) = (
                Arc::clone(&screen),
                Arc::clone(&bytes),
                Arc::clone(&packets),
                Arc::clone(&closed),
                Arc::clone(&exit),
            );
            tokio::spawn(async move {
                while let Some(msg) = read.wait().await {
                    match msg {
                        ChannelMsg::Data { data } => {
                            b.fetch_add(data.len() as u64, Ordering::SeqCst);
                            p.fetch_add(1, Ordering::SeqCst);
                            s.lock()
                                .unwrap_or_else(std::sync::PoisonError::into_inner)
                                .process(&data);
                        }
                        ChannelMsg::ExitStatus { exit_status } => {
                            *e.lock().unwrap_or_else(std::sync::PoisonError::into_inner) =
                                Some(exit_status);
                        }
                        ChannelMsg::Close => break,
                        _ => {}
                    }
                }
                c.store(true, Ordering::SeqCst);
            });
            Session {
                handle: Some(handle),
                write,
                screen,
                bytes,
                packets,
                closed,
                exit,
                rt: self.rt.handle().clone(),
            }
        })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            running.stop("the test is over", Duration::from_secs(5));
        }
    }
}

pub struct Client;

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _key: &russh::keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

pub async fn connect(addr: SocketAddr) -> Result<Handle<Client>, russh::Error> {
    let config = Arc::new(client::Config {
        inactivity_timeout: Some(Duration::from_secs(120)),
        ..Default::default()
    });
    client::connect(config, addr, Client).await
}

pub async fn authenticate(handle: &mut Handle<Client>, seed: u8) -> bool {
    let key = PrivateKeyWithHashAlg::new(Arc::new(key(seed)), None);
    handle
        .authenticate_publickey("anyone", key)
        .await
        .map(|r| r.success())
        .unwrap_or(false)
}

/// One client's session: its screen as a terminal would show it.
pub struct Session {
    pub handle: Option<Handle<Client>>,
    pub write: ChannelWriteHalf<client::Msg>,
    pub screen: Arc<Mutex<vt100::Parser>>,
    pub bytes: Arc<AtomicU64>,
    pub packets: Arc<AtomicU64>,
    pub closed: Arc<AtomicBool>,
    pub exit: Arc<Mutex<Option<u32>>>,
    pub rt: tokio::runtime::Handle,
}

impl Session {
    pub fn text(&self) -> String {
        self.screen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .screen()
            .contents()
    }

    pub fn send(&self, keys: &[u8]) {
        let keys = keys.to_vec();
        self.rt
            .block_on(self.write.data_bytes(keys))
            .expect("keys sent");
    }

    pub fn resize(&self, width: u16, height: u16) {
        self.rt
            .block_on(
                self.write
                    .window_change(u32::from(width), u32::from(height), 0, 0),
            )
            .expect("window change sent");
    }

    /// Waits until the screen shows `text`.
    pub fn wait_for(&self, text: &str) -> String {
        wait_until(
            || self.text().contains(text),
            &format!("the screen to show {text:?}"),
            || self.text(),
        );
        self.text()
    }

    /// Waits until the screen's line holding `anchor` also holds `text`.
    pub fn wait_for_row(&self, anchor: &str, text: &str) {
        wait_until(
            || row(&self.text(), anchor).is_some_and(|r| r.contains(text)),
            &format!("the row of {anchor:?} to show {text:?}"),
            || self.text(),
        );
    }

    pub fn wait_closed(&self) {
        wait_until(
            || self.closed.load(Ordering::SeqCst),
            "the channel to close",
            || self.text(),
        );
    }

    /// Drops the connection without a word, as a lost network does.
    pub fn kill(mut self) {
        if let Some(handle) = self.handle.take() {
            drop(handle);
        }
    }
}

/// The screen's line holding `anchor`.
pub fn row(screen: &str, anchor: &str) -> Option<String> {
    screen
        .lines()
        .find(|l| l.contains(anchor))
        .map(str::to_string)
}

/// Polls `ok` until it holds, failing with `what` and `shown()` after PATIENCE.
pub fn wait_until(ok: impl Fn() -> bool, what: &str, shown: impl Fn() -> String) {
    let until = Instant::now() + PATIENCE;
    while Instant::now() < until {
        if ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("waited {PATIENCE:?} for {what}; have:\n{}", shown());
}

pub fn workspace_file(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_default()
}
