//! `scrutineer serve`: the workbench behind SSH keys. The program is itself the SSH
//! server, and a connection lands in the workbench, never in a shell. Each key in the
//! keys file has a role (a member reads; a clerk may change tracking, recorded under
//! the key's name). The workspace is loaded once and shared by every session
//! (`tui::shared`); each session runs the same event loop as the local workbench
//! (`tui::session`) on a thread of its own, with its keys read from the channel
//! (`input`) and its frames sent back down it (`remote`).
//!
//! This module holds only the SSH side: keys, roles, limits and channels.

pub mod input;
pub mod keys;
mod remote;

use crate::tui::SharedClock;
use crate::tui::session::Wake;
use crate::tui::shared::Shared;
use crate::workspace::watch;
use jiff::civil::Date;
use keys::{Key, KeysFile, Role, fingerprint};
use russh::keys::PrivateKey;
use russh::server::{Auth, ChannelOpenHandle, Config, Handler, Msg, Session};
use russh::{Channel, ChannelId, MethodKind, MethodSet, Pty};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

/// The bounds that keep the server up whatever its clients do.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Sessions at once, in all.
    pub sessions: usize,
    /// Sessions at once for one key.
    pub per_key: usize,
    /// A session with no key pressed for this long is ended.
    pub idle: Duration,
    /// The largest window drawn; a larger one is drawn at this size.
    pub max_width: u16,
    pub max_height: u16,
    /// Input taken per second (and in one burst); more is dropped.
    pub input_per_second: usize,
    pub input_burst: usize,
    /// Connections let in that have not yet signed in with a key, at once; one more
    /// is closed as soon as it is accepted (as OpenSSH's `MaxStartups`).
    pub signing_in: usize,
    /// A connection not signed in within this long is closed (as OpenSSH's
    /// `LoginGraceTime`).
    pub login_grace: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            sessions: 64,
            per_key: 4,
            idle: Duration::from_secs(30 * 60),
            max_width: 400,
            max_height: 150,
            input_per_second: 4096,
            input_burst: 16 * 1024,
            signing_in: 16,
            login_grace: Duration::from_secs(120),
        }
    }
}

/// What the server is started with.
pub struct Options {
    pub listen: SocketAddr,
    pub keys: PathBuf,
    pub host_key: PathBuf,
    pub limits: Limits,
    pub today: Date,
    pub clock: SharedClock,
    /// Why the workspace itself cannot be changed (a read-only folder), if so: then
    /// clerks read only too.
    pub read_only: Option<String>,
}

/// Where the log lines go: standard error, or a test's buffer.
pub type Log = Arc<dyn Fn(&str) + Send + Sync>;

/// The log on standard error, each line stamped with the time.
pub fn stderr_log() -> Log {
    Arc::new(|line: &str| {
        let now = jiff::Timestamp::now().round(jiff::Unit::Second);
        let now = now.unwrap_or_else(|_| jiff::Timestamp::now());
        eprintln!("{now} {}", crate::text::escape_controls(line, false));
    })
}

/// One session the server holds: who, and how to reach its loop.
struct Held {
    key: String,
    /// The key it came in with, and as what: a session whose key is taken out of the
    /// keys file, or given another role, is ended.
    public: russh::keys::PublicKey,
    role: Role,
    wake: mpsc::Sender<Wake>,
    /// When a key last came in (milliseconds since the server started).
    last_input: Arc<AtomicU64>,
}

/// What every connection shares.
pub(crate) struct Hub {
    shared: Arc<Shared>,
    keys: KeysFile,
    today: Date,
    clock: SharedClock,
    read_only: Option<String>,
    limits: Limits,
    log: Log,
    started: Instant,
    sessions: Mutex<HashMap<u64, Held>>,
    next_session: AtomicU64,
    stopping: AtomicBool,
    /// Connections accepted and not yet signed in (`Limits::signing_in`).
    signing_in: AtomicUsize,
}

impl Hub {
    /// What the server shares, with no session held yet.
    fn new(shared: Arc<Shared>, keys: KeysFile, options: Options, log: Log) -> Hub {
        Hub {
            shared,
            keys,
            today: options.today,
            clock: options.clock,
            read_only: options.read_only,
            limits: options.limits,
            log,
            started: Instant::now(),
            sessions: Mutex::new(HashMap::new()),
            next_session: AtomicU64::new(0),
            stopping: AtomicBool::new(false),
            signing_in: AtomicUsize::new(0),
        }
    }

    fn log(&self, line: &str) {
        (self.log)(line);
    }

    fn held(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Held>> {
        self.sessions
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn millis(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// Room for one more session of `key`, or why not.
    fn admit(&self, key: &Key) -> Result<(), String> {
        if self.stopping.load(Ordering::SeqCst) {
            return Err("the server is stopping".to_string());
        }
        let held = self.held();
        if held.len() >= self.limits.sessions {
            return Err(format!(
                "the server holds {} sessions already, its most; try again later",
                held.len()
            ));
        }
        let mine = held.values().filter(|h| h.key == key.name).count();
        if mine >= self.limits.per_key {
            return Err(format!(
                "{} has {mine} sessions open already, the most for one key; close one first",
                key.name
            ));
        }
        Ok(())
    }

    /// Ends every session idle for longer than the limit.
    fn end_idle(&self) {
        let now = self.millis();
        let idle = u64::try_from(self.limits.idle.as_millis()).unwrap_or(u64::MAX);
        for held in self.held().values() {
            if now.saturating_sub(held.last_input.load(Ordering::Relaxed)) > idle {
                let minutes = self.limits.idle.as_secs().div_ceil(60);
                let _ = held.wake.send(Wake::End(format!(
                    "scrutineer: ended after {minutes} minutes with no key pressed"
                )));
            }
        }
    }

    /// Ends every session whose key is no longer in the keys file, or has another role
    /// there now: taking a key out takes its access away at once, not at the next
    /// connection.
    fn end_revoked(&self) {
        let (keys, problem) = self.keys.current();
        if let Some(p) = problem {
            self.log(&p);
        }
        for held in self.held().values() {
            let why = match keys.find(&held.public) {
                Some(k) if k.role == held.role => continue,
                Some(k) => format!(
                    "scrutineer: your key is now a {}'s; connect again",
                    k.role.label()
                ),
                None => "scrutineer: your key was taken out of the server's keys".to_string(),
            };
            let _ = held.wake.send(Wake::End(why));
        }
    }

    /// Asks every session to end, saying why.
    fn end_all(&self, why: &str) {
        self.stopping.store(true, Ordering::SeqCst);
        for held in self.held().values() {
            let _ = held.wake.send(Wake::End(why.to_string()));
        }
    }
}

/// A running server.
pub struct Running {
    pub addr: SocketAddr,
    /// The host key's fingerprint, as `ssh` shows it on first connection.
    pub fingerprint: String,
    hub: Arc<Hub>,
    runtime: Option<tokio::runtime::Runtime>,
    shutdown: Option<tokio::sync::broadcast::Sender<String>>,
    /// Sent when the server stops listening.
    done: Option<tokio::sync::oneshot::Receiver<()>>,
}

impl Running {
    /// How many sessions are open.
    pub fn sessions(&self) -> usize {
        self.hub.held().len()
    }

    /// The workspace every session shares.
    pub fn shared(&self) -> &Arc<Shared> {
        &self.hub.shared
    }

    /// Ends every session with `why` on its screen (waiting up to `grace` for them to
    /// save and close), then stops listening.
    pub fn stop(mut self, why: &str, grace: Duration) {
        self.stop_in_place(why, grace);
    }

    fn stop_in_place(&mut self, why: &str, grace: Duration) {
        self.hub.end_all(why);
        let until = Instant::now() + grace;
        while self.sessions() > 0 && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(20));
        }
        // Give the last frames a moment to leave.
        std::thread::sleep(Duration::from_millis(100));
        if let Some(handle) = self.shutdown.take() {
            let _ = handle.send(why.to_string());
        }
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_timeout(Duration::from_secs(2));
        }
    }

    /// Runs until SIGTERM or SIGINT (or the listener ends), then ends every session
    /// cleanly with a message.
    pub fn wait_for_signal(mut self) -> anyhow::Result<()> {
        let Some(rt) = &self.runtime else {
            return Ok(());
        };
        let done = self.done.take();
        let why = rt.block_on(async {
            let stop = async {
                #[cfg(unix)]
                {
                    use tokio::signal::unix::{SignalKind, signal};
                    let mut term = signal(SignalKind::terminate())?;
                    let mut int = signal(SignalKind::interrupt())?;
                    tokio::select! {
                        _ = term.recv() => Ok::<_, std::io::Error>("SIGTERM"),
                        _ = int.recv() => Ok("SIGINT"),
                    }
                }
                #[cfg(not(unix))]
                {
                    tokio::signal::ctrl_c().await?;
                    Ok::<_, std::io::Error>("Ctrl-C")
                }
            };
            tokio::select! {
                signal = stop => signal.map(|s| format!("stopping ({s})")),
                _ = async { match done { Some(d) => d.await, None => std::future::pending().await } } => {
                    Ok("the listener ended".to_string())
                }
            }
        });
        let why = why?;
        self.hub.log(&why);
        self.stop_in_place(
            "scrutineer: the server is stopping; your changes are saved",
            Duration::from_secs(10),
        );
        Ok(())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if self.runtime.is_some() {
            self.stop_in_place("scrutineer: the server is stopping", Duration::from_secs(2));
        }
    }
}

/// Reads the host key, or makes one (Ed25519, mode 0600) on first run.
pub fn host_key(path: &Path) -> anyhow::Result<(PrivateKey, bool)> {
    if path.exists() {
        let key = PrivateKey::read_openssh_file(path).map_err(|e| {
            anyhow::anyhow!(
                "cannot read the host key {}: {e}; move it aside and a new one is made (clients will then warn that the key changed)",
                path.display()
            )
        })?;
        return Ok((key, false));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed)
        .map_err(|e| anyhow::anyhow!("no random numbers for a host key: {e}"))?;
    let pair = russh::keys::ssh_key::private::Ed25519Keypair::from_seed(&seed);
    let mut key = PrivateKey::from(pair);
    key.set_comment("scrutineer serve host key");
    let text = key
        .to_openssh(russh::keys::ssh_key::LineEnding::LF)
        .map_err(|e| anyhow::anyhow!("cannot write the host key: {e}"))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .map_err(|e| anyhow::anyhow!("cannot create the host key {}: {e}", path.display()))?;
    std::io::Write::write_all(&mut file, text.as_bytes())?;
    file.sync_all()?;
    Ok((key, true))
}

/// Starts the server on the shared workspace; returns once it is listening.
pub fn start(shared: Arc<Shared>, options: Options, log: Log) -> anyhow::Result<Running> {
    let keys = KeysFile::open(&options.keys).map_err(anyhow::Error::msg)?;
    let (host, made) = host_key(&options.host_key)?;
    let fingerprint = fingerprint(host.public_key());
    if made {
        log(&format!(
            "made a new host key at {}",
            options.host_key.display()
        ));
    }
    let listen = options.listen;
    let hub = Arc::new(Hub::new(shared, keys, options, log));
    let config = Arc::new(Config {
        methods: keys_only(),
        auth_rejection_time: Duration::from_millis(300),
        auth_rejection_time_initial: Some(Duration::from_millis(0)),
        keys: vec![host],
        inactivity_timeout: Some(hub.limits.idle + Duration::from_secs(60)),
        keepalive_interval: Some(Duration::from_secs(30)),
        keepalive_max: 4,
        max_auth_attempts: 6,
        nodelay: true,
        ..Default::default()
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("scrutineer-serve")
        .enable_all()
        .build()?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(listen))
        .map_err(|e| anyhow::anyhow!("cannot listen on {listen}: {e}"))?;
    let addr = listener.local_addr()?;
    let (done_tx, done_rx) = tokio::sync::oneshot::channel();
    let (shutdown, _) = tokio::sync::broadcast::channel(1);
    runtime.spawn(accept(
        Arc::clone(&hub),
        config,
        listener,
        shutdown.clone(),
        done_tx,
    ));
    watch_workspace(&hub);
    let idle = Arc::downgrade(&hub);
    let every = (hub.limits.idle / 4).clamp(Duration::from_millis(100), Duration::from_secs(5));
    std::thread::Builder::new()
        .name("scrutineer-idle".into())
        .spawn(move || {
            while let Some(hub) = idle.upgrade() {
                hub.end_idle();
                hub.end_revoked();
                drop(hub);
                std::thread::sleep(every);
            }
        })?;
    hub.log(&format!(
        "listening on {addr}; host key {fingerprint}; keys from {}",
        hub.keys.path().display()
    ));
    Ok(Running {
        addr,
        fingerprint,
        hub,
        runtime: Some(runtime),
        shutdown: Some(shutdown),
        done: Some(done_rx),
    })
}

/// One watcher for the workspace, whatever the number of sessions: a change on disk
/// is read once and every session woken to show it.
fn watch_workspace(hub: &Arc<Hub>) {
    let (tx, rx) = mpsc::channel();
    let watcher = watch::watch(hub.shared.dir(), tx, ());
    let weak = Arc::downgrade(hub);
    match watcher {
        Ok(watcher) => {
            let _ = std::thread::Builder::new()
                .name("scrutineer-watch".into())
                .spawn(move || {
                    let _watcher = watcher;
                    while rx.recv().is_ok() {
                        while rx.try_recv().is_ok() {}
                        let Some(hub) = weak.upgrade() else { return };
                        hub.shared.refresh();
                    }
                });
        }
        Err(e) => hub.log(&format!(
            "not watching the workspace for changes ({e}): a change made outside the server shows at the next save"
        )),
    }
}

/// The one way in the server offers: a public key.
fn keys_only() -> MethodSet {
    MethodSet::from(&[MethodKind::PublicKey][..])
}

/// Takes connections until told to stop. Each runs on a task of its own; one that has
/// not signed in within the grace time is closed, and while `Limits::signing_in` are
/// signing in, another is closed as soon as it is accepted, so connections that never
/// sign in cannot pile up. A failure to accept (out of file descriptors, say) is
/// logged and waited out: the server never stops listening because of a client.
async fn accept(
    hub: Arc<Hub>,
    config: Arc<Config>,
    listener: tokio::net::TcpListener,
    shutdown: tokio::sync::broadcast::Sender<String>,
    done: tokio::sync::oneshot::Sender<()>,
) {
    let mut stop = shutdown.subscribe();
    let mut last_failure: Option<Instant> = None;
    loop {
        let accepted = tokio::select! {
            _ = stop.recv() => break,
            accepted = listener.accept() => accepted,
        };
        let (socket, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(e) => {
                if last_failure.is_none_or(|at| at.elapsed() > Duration::from_secs(10)) {
                    hub.log(&format!("cannot take a connection ({e}); trying again"));
                    last_failure = Some(Instant::now());
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let Some(slot) = Slot::take(&hub) else {
            hub.log(&format!(
                "refused a connection from {peer}: {} connections are signing in already, the most at once",
                hub.limits.signing_in
            ));
            drop(socket);
            continue;
        };
        let _ = socket.set_nodelay(true);
        let signed_in = Arc::new(AtomicBool::new(false));
        let connection = Connection {
            hub: Arc::clone(&hub),
            peer: Some(peer),
            key: None,
            signing_in: Some(slot),
            signed_in: Arc::clone(&signed_in),
            channel: None,
            pty: None,
            env: Vec::new(),
            session: None,
            bucket: Bucket::new(&hub.limits),
            dropped_input: false,
        };
        let config = Arc::clone(&config);
        let mut stop = shutdown.subscribe();
        let hub = Arc::clone(&hub);
        tokio::spawn(async move {
            let grace = hub.limits.login_grace;
            let too_late = tokio::time::sleep(grace);
            tokio::pin!(too_late);
            let say_late = || {
                hub.log(&format!(
                    "closed a connection from {peer}: it did not sign in within {} s",
                    grace.as_secs()
                ));
            };
            // The greeting is exchanged inside the grace time too.
            let started = tokio::select! {
                started = russh::server::run_stream(config, socket, connection) => started,
                () = &mut too_late => {
                    say_late();
                    return;
                }
            };
            let Ok(session) = started else { return };
            let handle = session.handle();
            tokio::pin!(session);
            tokio::select! {
                why = stop.recv() => {
                    let why = why.unwrap_or_default();
                    let _ = handle.disconnect(russh::Disconnect::ByApplication, why, String::new()).await;
                }
                () = &mut too_late, if !signed_in.load(Ordering::SeqCst) => {
                    say_late();
                    let _ = handle.disconnect(
                        russh::Disconnect::ByApplication,
                        format!("not signed in within {} s", grace.as_secs()),
                        String::new(),
                    ).await;
                }
                _ = &mut session => {}
            }
        });
    }
    let _ = done.send(());
}

/// A place among the connections signing in, given back when the connection signs in
/// or ends.
struct Slot(Arc<Hub>);

impl Slot {
    fn take(hub: &Arc<Hub>) -> Option<Slot> {
        let limit = hub.limits.signing_in;
        hub.signing_in
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                (n < limit).then_some(n + 1)
            })
            .ok()
            .map(|_| Slot(Arc::clone(hub)))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.signing_in.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The terminal a client asked for.
#[derive(Debug, Clone)]
struct PtyAsked {
    term: String,
    width: u16,
    height: u16,
}

/// A session under way on this connection.
struct Live {
    wake: mpsc::Sender<Wake>,
    input: input::Input,
    last_input: Arc<AtomicU64>,
}

/// One SSH connection.
pub(crate) struct Connection {
    hub: Arc<Hub>,
    peer: Option<SocketAddr>,
    /// The key it authenticated with.
    key: Option<Key>,
    /// Its place among the connections signing in, until it signs in.
    signing_in: Option<Slot>,
    /// Whether it has: a connection not signed in within the grace time is closed.
    signed_in: Arc<AtomicBool>,
    channel: Option<ChannelId>,
    pty: Option<PtyAsked>,
    env: Vec<(String, String)>,
    session: Option<Live>,
    bucket: Bucket,
    dropped_input: bool,
}

impl Connection {
    fn from(&self) -> String {
        self.peer
            .map_or("an unknown address".to_string(), |p| p.to_string())
    }

    fn clamp(&self, width: u32, height: u32) -> (u16, u16) {
        let l = &self.hub.limits;
        let w = u16::try_from(width)
            .unwrap_or(u16::MAX)
            .clamp(1, l.max_width);
        let h = u16::try_from(height)
            .unwrap_or(u16::MAX)
            .clamp(1, l.max_height);
        (w, h)
    }

    fn refuse(&self, what: &str) {
        let who = self
            .key
            .as_ref()
            .map_or("before authentication", |k| k.name.as_str());
        self.hub
            .log(&format!("refused {what} from {} ({who})", self.from()));
    }
}

/// Input allowed per second, with a burst (a paste).
struct Bucket {
    tokens: f64,
    rate: f64,
    burst: f64,
    at: Instant,
}

impl Bucket {
    fn new(limits: &Limits) -> Bucket {
        Bucket {
            tokens: limits.input_burst as f64,
            rate: limits.input_per_second as f64,
            burst: limits.input_burst as f64,
            at: Instant::now(),
        }
    }

    /// How many of `n` bytes may be taken now.
    fn take(&mut self, n: usize) -> usize {
        let now = Instant::now();
        self.tokens =
            (self.tokens + now.duration_since(self.at).as_secs_f64() * self.rate).min(self.burst);
        self.at = now;
        let allowed = (self.tokens.max(0.0) as usize).min(n);
        self.tokens -= allowed as f64;
        allowed
    }
}

impl Handler for Connection {
    type Error = anyhow::Error;

    async fn auth_none(&mut self, _user: &str) -> Result<Auth, Self::Error> {
        Ok(Auth::Reject {
            proceed_with_methods: Some(keys_only()),
            partial_success: false,
        })
    }

    async fn auth_password(&mut self, user: &str, _password: &str) -> Result<Auth, Self::Error> {
        self.refuse(&format!("a password for `{user}` (keys only)"));
        Ok(Auth::Reject {
            proceed_with_methods: Some(keys_only()),
            partial_success: false,
        })
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        _response: Option<russh::server::Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        self.refuse(&format!("keyboard-interactive for `{user}` (keys only)"));
        Ok(Auth::Reject {
            proceed_with_methods: Some(keys_only()),
            partial_success: false,
        })
    }

    async fn auth_publickey_offered(
        &mut self,
        user: &str,
        offer: russh::server::PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        let (keys, problem) = self.hub.keys.current();
        if let Some(p) = problem {
            self.hub.log(&p);
        }
        if keys.find(offer.public_key).is_some() {
            Ok(Auth::Accept)
        } else {
            // A client may offer several keys before the one it was given for us:
            // each one not in the keys file is named, so IT can tell who tried.
            self.refuse(&format!(
                "an unknown key {} for `{user}`",
                fingerprint(offer.public_key)
            ));
            Ok(Auth::reject())
        }
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        verified: russh::server::VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        let (keys, _) = self.hub.keys.current();
        match keys.find(verified.public_key) {
            Some(key) => {
                self.key = Some(key.clone());
                self.signed_in.store(true, Ordering::SeqCst);
                self.signing_in = None;
                Ok(Auth::Accept)
            }
            None => {
                self.refuse(&format!(
                    "an unknown key {} for `{user}`",
                    fingerprint(verified.public_key)
                ));
                Ok(Auth::reject())
            }
        }
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.key.is_none() || self.channel.is_some() {
            self.refuse("a second session channel on one connection");
            reply
                .reject(russh::ChannelOpenFailure::AdministrativelyProhibited)
                .await;
            return Ok(());
        }
        self.channel = Some(channel.id());
        reply.accept().await;
        Ok(())
    }

    async fn channel_open_direct_tcpip(
        &mut self,
        _channel: Channel<Msg>,
        host: &str,
        port: u32,
        _originator_address: &str,
        _originator_port: u32,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse(&format!("port forwarding to {host}:{port}"));
        reply
            .reject(russh::ChannelOpenFailure::AdministrativelyProhibited)
            .await;
        Ok(())
    }

    async fn channel_open_x11(
        &mut self,
        _channel: Channel<Msg>,
        _originator_address: &str,
        _originator_port: u32,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse("an X11 channel");
        reply
            .reject(russh::ChannelOpenFailure::AdministrativelyProhibited)
            .await;
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.channel != Some(channel) || self.session.is_some() {
            session.channel_failure(channel)?;
            return Ok(());
        }
        let (width, height) = self.clamp(col_width, row_height);
        self.pty = Some(PtyAsked {
            term: term.chars().take(64).collect(),
            width,
            height,
        });
        session.channel_success(channel)?;
        Ok(())
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if matches!(name, "TERM" | "LANG" | "NO_COLOR") && self.env.len() < 8 {
            self.env
                .push((name.to_string(), value.chars().take(256).collect()));
            session.channel_success(channel)?;
        } else {
            session.channel_failure(channel)?;
        }
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let Some(key) = self.key.clone() else {
            session.channel_failure(channel)?;
            return Ok(());
        };
        if self.channel != Some(channel) || self.session.is_some() {
            session.channel_failure(channel)?;
            return Ok(());
        }
        let handle = session.handle();
        let refuse_with = |why: String| async move {
            let _ = handle.data(channel, format!("scrutineer: {why}\r\n")).await;
            let _ = handle.exit_status_request(channel, 1).await;
            let _ = handle.eof(channel).await;
            let _ = handle.close(channel).await;
        };
        let Some(pty) = self.pty.clone() else {
            session.channel_success(channel)?;
            self.refuse("a session with no terminal");
            let why = "the workbench needs a terminal: connect with `ssh -t`".to_string();
            tokio::spawn(refuse_with(why));
            return Ok(());
        };
        if let Err(why) = self.hub.admit(&key) {
            session.channel_success(channel)?;
            self.refuse(&format!("a session ({why})"));
            tokio::spawn(refuse_with(why));
            return Ok(());
        }
        session.channel_success(channel)?;
        let (wake, rx) = mpsc::channel();
        let last_input = Arc::new(AtomicU64::new(self.hub.millis()));
        let id = self.hub.next_session.fetch_add(1, Ordering::Relaxed);
        self.hub.held().insert(
            id,
            Held {
                key: key.name.clone(),
                public: key.key.clone(),
                role: key.role,
                wake: wake.clone(),
                last_input: Arc::clone(&last_input),
            },
        );
        let start = remote::Start {
            id,
            key,
            from: self.from(),
            term: pty.term,
            env: self.env.clone(),
            width: pty.width,
            height: pty.height,
        };
        remote::spawn(
            Arc::clone(&self.hub),
            start,
            wake.clone(),
            rx,
            session.handle(),
            channel,
        );
        self.session = Some(Live {
            wake,
            input: input::Input::default(),
            last_input,
        });
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let command = String::from_utf8_lossy(&data[..data.len().min(80)]).into_owned();
        self.refuse(&format!("a command (`{command}`)"));
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse(&format!("the {name} subsystem"));
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single_connection: bool,
        _x11_auth_protocol: &str,
        _x11_auth_cookie: &str,
        _x11_screen_number: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse("X11 forwarding");
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn agent_request(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        self.refuse("agent forwarding");
        Ok(false)
    }

    async fn tcpip_forward(
        &mut self,
        address: &str,
        port: &mut u32,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        self.refuse(&format!("remote port forwarding ({address}:{port})"));
        Ok(false)
    }

    async fn streamlocal_forward(
        &mut self,
        socket_path: &str,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        self.refuse(&format!("socket forwarding ({socket_path})"));
        Ok(false)
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.channel != Some(channel) {
            return Ok(());
        }
        let allowed = self.bucket.take(data.len());
        if allowed < data.len() && !self.dropped_input {
            self.dropped_input = true;
            self.refuse(&format!(
                "input over {} bytes a second (the rest dropped)",
                self.hub.limits.input_per_second
            ));
        }
        let now = self.hub.millis();
        let Some(running) = &mut self.session else {
            return Ok(());
        };
        running.last_input.store(now, Ordering::Relaxed);
        for event in running.input.feed(&data[..allowed]) {
            if running.wake.send(Wake::Terminal(event)).is_err() {
                break;
            }
        }
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.channel != Some(channel) {
            return Ok(());
        }
        let (width, height) = self.clamp(col_width, row_height);
        if let Some(pty) = &mut self.pty {
            pty.width = width;
            pty.height = height;
        }
        if let Some(running) = &self.session {
            let event = crossterm::event::Event::Resize(width, height);
            let _ = running.wake.send(Wake::Terminal(event));
        }
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.gone(channel, "the client sent end of input");
        Ok(())
    }

    async fn channel_close(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.gone(channel, "the client closed the session");
        Ok(())
    }
}

impl Connection {
    fn gone(&mut self, channel: ChannelId, why: &str) {
        if self.channel == Some(channel)
            && let Some(running) = self.session.take()
        {
            let _ = running.wake.send(Wake::TerminalGone(why.to_string()));
        }
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        if let Some(running) = self.session.take() {
            let _ = running
                .wake
                .send(Wake::TerminalGone("the connection closed".to_string()));
        }
    }
}

/// Where the server keeps its host key and looks for the keys file by default: the
/// config folder (beside config.toml).
pub fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "scrutineer").map(|d| d.config_dir().to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_key_is_made_once_private_to_its_owner_and_kept() {
        let dir = tempfile::tempdir().expect("a folder");
        let path = dir.path().join("config").join("host_ed25519_key");
        let (first, made) = host_key(&path).expect("made");
        assert!(made);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path)
                .expect("there")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "only its owner reads the host key");
        }
        let (again, made) = host_key(&path).expect("read");
        assert!(!made, "the second start reads the same key");
        assert_eq!(
            fingerprint(first.public_key()),
            fingerprint(again.public_key()),
            "clients see the same fingerprint after a restart"
        );
        std::fs::write(&path, "not a key").expect("spoiled");
        let e = host_key(&path).expect_err("a spoiled key is not replaced silently");
        assert!(e.to_string().contains("cannot read the host key"), "{e}");
    }
}
