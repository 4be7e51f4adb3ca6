//! A `scrutineer serve` in the test's own process, on a copy of the bundled workspace,
//! and the SSH client the tests drive it with (`client`).

#![allow(dead_code)]

pub mod client;
pub use client::*;

use scrutineer::serve::{self, Limits, Options, Running};
use scrutineer::tui::shared::Shared;
use scrutineer::workspace::Workspace;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

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
        open_session(&self.rt, self.addr(), seed, (width, height), env)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            running.stop("the test is over", Duration::from_secs(5));
        }
    }
}
