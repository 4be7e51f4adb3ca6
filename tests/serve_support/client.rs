//! An SSH client for the tests and benchmarks of `scrutineer serve`, built on russh's
//! client so no program outside cargo is needed: it connects with a key, asks for a
//! terminal and the workbench, sends keys and reads the screen through a vt100 parser.

#![allow(dead_code)]

use russh::client::{self, Handle};
use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::{PrivateKey, PrivateKeyWithHashAlg};
use russh::{ChannelMsg, ChannelWriteHalf};
use std::net::SocketAddr;
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

/// The address a server says it listens on, from its "listening on ADDR; ..." line
/// (on standard output, or in its log).
pub fn listening_address(text: &str) -> Option<SocketAddr> {
    text.split("listening on ")
        .nth(1)
        .and_then(|rest| rest.split(';').next())
        .and_then(|a| a.parse().ok())
}

/// Connects with the key made from `seed` and opens the workbench in a terminal of
/// `size` (columns, rows), with `env` sent first.
pub fn open_session(
    rt: &tokio::runtime::Runtime,
    addr: SocketAddr,
    seed: u8,
    (width, height): (u16, u16),
    env: &[(&str, &str)],
) -> Session {
    let env: Vec<(String, String)> = env
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    rt.block_on(async move {
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
            rt: rt.handle().clone(),
        }
    })
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

    /// Waits until nothing more arrives for a while, having first seen something
    /// arrive (so the quiet is the server's, not a client that stopped reading).
    pub fn quiet(&self) {
        wait_until(
            || self.bytes.load(Ordering::SeqCst) > 0,
            "a first frame",
            || self.text(),
        );
        let mut last = self.bytes.load(Ordering::SeqCst);
        loop {
            std::thread::sleep(Duration::from_millis(200));
            let now = self.bytes.load(Ordering::SeqCst);
            if now == last {
                return;
            }
            last = now;
        }
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
