//! `scrutineer serve`: the workbench for members and clerks over SSH (see
//! `crate::serve`).

use super::{Args as Global, Failure, Outcome};
use crate::serve::{self, Limits, Options};
use crate::tui::shared::Shared;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The address and port to listen on (keep it inside the council's network)
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:2222")]
    pub listen: SocketAddr,

    /// Who may connect, as what: OpenSSH authorized_keys lines with role="member"|"clerk"
    /// and name="..." options [default: authorized_keys in the config folder]
    #[arg(long, value_name = "FILE")]
    pub keys: Option<PathBuf>,

    /// The server's own key, made on first run (mode 0600) [default: host_ed25519_key in
    /// the config folder]
    #[arg(long, value_name = "FILE")]
    pub host_key: Option<PathBuf>,

    /// Sessions at once, in all
    #[arg(long, value_name = "N", default_value_t = Limits::default().sessions)]
    pub max_sessions: usize,

    /// Sessions at once for one key
    #[arg(long, value_name = "N", default_value_t = Limits::default().per_key)]
    pub max_per_key: usize,

    /// Minutes with no key pressed before a session is ended
    #[arg(long, value_name = "MINUTES", default_value_t = 30)]
    pub idle_minutes: u64,
}

pub fn run(global: &Global, args: &Args) -> Outcome {
    let (ws, today, clock, read_only) = super::load(global)?;
    let config = serve::config_dir();
    // A file in the config folder unless its flag names one.
    let file = |given: &Option<PathBuf>, name: &str, flag: &str| match given {
        Some(path) => Ok(path.clone()),
        None => config.as_ref().map(|d| d.join(name)).ok_or_else(|| {
            Failure::usage(format!(
                "cannot tell where the config folder is (no home folder?); give --{flag} FILE"
            ))
        }),
    };
    let keys = file(&args.keys, "authorized_keys", "keys")?;
    let host_key = file(&args.host_key, "host_ed25519_key", "host-key")?;
    if args.max_sessions == 0 || args.max_per_key == 0 || args.idle_minutes == 0 {
        return Err(Failure::usage(
            "--max-sessions, --max-per-key and --idle-minutes must be at least 1",
        ));
    }
    let limits = Limits {
        sessions: args.max_sessions,
        per_key: args.max_per_key,
        idle: Duration::from_secs(args.idle_minutes.saturating_mul(60)),
        ..Limits::default()
    };
    for e in ws.errors() {
        eprintln!(
            "scrutineer: {}",
            crate::text::escape_controls(&e.to_string(), false)
        );
    }
    let options = Options {
        listen: args.listen,
        keys,
        host_key,
        limits,
        today,
        clock: Arc::new(clock),
        read_only,
    };
    let running = serve::start(Shared::new(ws), options, serve::stderr_log())
        .map_err(|e| Failure::usage(format!("{e:#}")))?;
    println!(
        "scrutineer serve: listening on {}; host key fingerprint {}",
        running.addr, running.fingerprint
    );
    running
        .wait_for_signal()
        .map_err(|e| Failure::failed(format!("{e:#}")))
}
