//! `scrutineer serve`, tried with an SSH client as members and clerks use it: who is
//! let in and as what, what is refused, one workspace for every session, and a server
//! that stays up whatever a client does.

mod common;
mod serve_support;

use scrutineer::serve::Limits;
use serve_support::*;
use std::sync::atomic::Ordering;
use std::time::Duration;

#[test]
fn a_members_key_opens_the_workbench_read_only() {
    let server = Server::start(Limits::default());
    let before = server.tracking();
    let member = server.session(MEMBER, 100, 30);
    member.wait_for("Reports");
    member.send(b"2");
    member.wait_for("Actions (72)");
    // Every key that changes something says why not: mark, status, note, revise,
    // respond.
    for key in [&b"m"[..], b"s", b"n", b"v"] {
        member.send(key);
        member.wait_for("read-only");
        member.send(b"\x1b");
    }
    let screen = member.text();
    assert!(
        screen.contains("Cllr Ahmed connects as a member"),
        "{screen}"
    );
    assert_eq!(
        server.tracking(),
        before,
        "a member changed nothing on disk"
    );
}

#[test]
fn a_clerks_change_is_recorded_under_the_keys_name() {
    let server = Server::start(Limits::default());
    let clerk = server.session(CLERK, 100, 30);
    clerk.wait_for("Reports");
    clerk.send(b"2");
    clerk.wait_for("Actions (72)");
    clerk.send(b"m");
    clerk.wait_for("marked ready for the next select committee");
    let tracking = server.tracking();
    assert!(tracking.contains("by = \"Jane Smith\""), "{tracking}");
    assert!(
        tracking.contains("at = 2003-10-15T"),
        "stamped by the server's clock: {tracking}"
    );
    clerk.send(b"q");
    clerk.wait_closed();
    assert_eq!(*clerk.exit.lock().expect("exit"), Some(0));
    let log = server.wait_for_log("session 0 ended");
    assert!(log.contains("Jane Smith (clerk) from 127.0.0.1"), "{log}");
    assert!(log.contains("; quit;"), "{log}");
    assert!(log.contains("1 change saved"), "{log}");
}

#[test]
fn an_unknown_key_and_a_password_are_refused_and_logged() {
    let server = Server::start(Limits::default());
    server.rt.block_on(async {
        let mut handle = connect(server.addr()).await.expect("connects");
        assert!(
            !authenticate(&mut handle, STRANGER).await,
            "an unknown key is refused"
        );
        let password = handle
            .authenticate_password("jane", "letmein")
            .await
            .map(|r| r.success())
            .unwrap_or(false);
        assert!(!password, "a password is refused");
        let none = handle
            .authenticate_none("jane")
            .await
            .map(|r| r.success())
            .unwrap_or(false);
        assert!(!none, "no authentication at all is refused");
    });
    let stranger = scrutineer::serve::keys::fingerprint(key(STRANGER).public_key());
    let log = server.wait_for_log("a password for `jane`");
    assert!(log.contains(&format!("an unknown key {stranger}")), "{log}");
}

#[test]
fn commands_subsystems_and_forwarding_are_refused() {
    let server = Server::start(Limits::default());
    server.rt.block_on(async {
        let mut handle = connect(server.addr()).await.expect("connects");
        assert!(authenticate(&mut handle, CLERK).await);
        let mut channel = handle.channel_open_session().await.expect("a channel");
        channel.exec(true, "cat /etc/passwd").await.expect("asked");
        let reply = channel.wait().await;
        assert!(
            matches!(reply, Some(russh::ChannelMsg::Failure)),
            "exec refused: {reply:?}"
        );
        channel
            .request_subsystem(true, "sftp")
            .await
            .expect("asked");
        let reply = channel.wait().await;
        assert!(
            matches!(reply, Some(russh::ChannelMsg::Failure)),
            "sftp refused: {reply:?}"
        );
        let tunnel = handle
            .channel_open_direct_tcpip("127.0.0.1", 22, "127.0.0.1", 5555)
            .await;
        assert!(tunnel.is_err(), "local port forwarding refused");
        let remote = handle.tcpip_forward("127.0.0.1", 8080).await;
        assert!(
            remote.is_err(),
            "remote port forwarding refused: {remote:?}"
        );
    });
    let log = server.wait_for_log("port forwarding to 127.0.0.1:22");
    assert!(log.contains("a command (`cat /etc/passwd`)"), "{log}");
    assert!(log.contains("the sftp subsystem"), "{log}");
    assert!(log.contains("remote port forwarding"), "{log}");
}

#[test]
fn twenty_sessions_see_one_clerks_mark_at_once() {
    let server = Server::start(Limits {
        per_key: 20,
        ..Limits::default()
    });
    let members: Vec<Session> = (0..19)
        .map(|_| {
            let s = server.session(MEMBER, 100, 30);
            s.wait_for("Reports");
            s.send(b"2");
            s
        })
        .collect();
    for m in &members {
        m.wait_for_row("2.6d", "not-started");
        assert!(
            !row(&m.text(), "2.6d").is_some_and(|r| r.contains("2003-10-29")),
            "not marked yet"
        );
    }
    let clerk = server.session(CLERK, 100, 30);
    clerk.wait_for("Reports");
    clerk.send(b"2");
    clerk.wait_for("Actions (72)");
    clerk.send(b"m");
    clerk.wait_for("marked ready");
    for m in &members {
        // The item's committee's next meeting after 15 October 2003.
        m.wait_for_row("2.6d", "2003-10-29");
    }
    let running = server.running.as_ref().expect("running");
    assert_eq!(running.sessions(), 20);
    assert_eq!(
        running.shared().listeners(),
        20,
        "one workspace, every session listening to it"
    );
}

#[test]
fn a_session_killed_mid_save_loses_nothing() {
    let server = Server::start(Limits::default());
    let bystander = server.session(MEMBER, 100, 30);
    bystander.wait_for("Reports");
    let clerk = server.session(CLERK, 100, 30);
    clerk.wait_for("Reports");
    clerk.send(b"2");
    clerk.wait_for("Actions (72)");
    // Three marks in one packet, and the connection dropped straight after.
    clerk.send(b"mjmjm");
    clerk.kill();
    wait_until(
        || server.tracking().matches("by = \"Jane Smith\"").count() == 3,
        "all three marks on disk",
        || server.tracking(),
    );
    let tracking = server.tracking();
    let parsed: Result<toml::Table, _> = toml::from_str(&tracking);
    assert!(parsed.is_ok(), "tracking.toml is whole: {tracking}");
    server.wait_for_log("3 changes saved");
    // The lost connection ended that session only: another still answers, and sees
    // the marks.
    bystander.send(b"2");
    bystander.wait_for_row("2.6d", "2003-10-29");
    assert_eq!(server.running.as_ref().expect("running").sessions(), 1);
}

#[test]
fn a_resize_storm_on_one_session_does_not_disturb_another() {
    let server = Server::start(Limits::default());
    let calm = server.session(MEMBER, 100, 30);
    let stormy = server.session(MEMBER, 100, 30);
    calm.wait_for("72 of 72 items");
    stormy.wait_for("72 of 72 items");
    // Quiet first: the calm session has drawn everything it will.
    calm.quiet();
    let calm_bytes = calm.bytes.load(Ordering::SeqCst);
    let calm_screen = calm.text();
    for i in 0..200u16 {
        stormy.resize(60 + i % 80, 15 + i % 30);
    }
    stormy
        .screen
        .lock()
        .expect("screen")
        .screen_mut()
        .set_size(28, 90);
    stormy.resize(90, 28);
    stormy.send(b"2");
    stormy.wait_for("Actions (72)");
    let sent = stormy.bytes.load(Ordering::SeqCst);
    stormy.quiet();
    assert!(stormy.bytes.load(Ordering::SeqCst) >= sent);
    assert_eq!(
        calm.bytes.load(Ordering::SeqCst),
        calm_bytes,
        "nothing was sent to the calm session"
    );
    assert_eq!(calm.text(), calm_screen);
    // And the stormy one is drawn at its last size.
    let screen = stormy.text();
    assert!(screen.lines().all(|l| l.chars().count() <= 90), "{screen}");
}

#[test]
fn sessions_are_bounded_in_all_and_per_key() {
    let server = Server::start(Limits {
        sessions: 3,
        per_key: 2,
        ..Limits::default()
    });
    let a = server.session(MEMBER, 80, 24);
    let b = server.session(MEMBER, 80, 24);
    a.wait_for("Reports");
    b.wait_for("Reports");
    let c = server.session(MEMBER, 80, 24);
    c.wait_for("the most for one key");
    c.wait_closed();
    let d = server.session(CLERK, 80, 24);
    d.wait_for("Reports");
    let e = server.session(CLERK, 80, 24);
    e.wait_for("its most; try again later");
    e.wait_closed();
}

#[test]
fn an_idle_session_is_ended_with_a_message() {
    let server = Server::start(Limits {
        idle: Duration::from_secs(1),
        ..Limits::default()
    });
    let s = server.session(MEMBER, 80, 24);
    s.wait_for("Reports");
    s.wait_closed();
    let log = server.wait_for_log("with no key pressed");
    assert!(log.contains("Cllr Ahmed (member)"), "{log}");
}

#[test]
fn stopping_the_server_ends_every_session_with_a_message() {
    let mut server = Server::start(Limits::default());
    let a = server.session(MEMBER, 80, 24);
    let b = server.session(CLERK, 80, 24);
    a.wait_for("Reports");
    b.wait_for("Reports");
    let running = server.running.take().expect("running");
    running.stop("scrutineer: the server is stopping", Duration::from_secs(5));
    for s in [&a, &b] {
        s.wait_closed();
        let screen = s.text();
        assert!(screen.contains("the server is stopping"), "{screen}");
    }
}

#[test]
fn a_key_added_to_the_keys_file_is_let_in_without_a_restart() {
    let server = Server::start(Limits::default());
    let addr = server.addr();
    server.rt.block_on(async {
        let mut handle = connect(addr).await.expect("connects");
        assert!(!authenticate(&mut handle, STRANGER).await, "not yet");
    });
    let mut keys = std::fs::read_to_string(&server.keys).expect("keys");
    keys.push_str(&format!(
        "role=\"member\",name=\"Cllr New\" {}\n",
        public_line(&key(STRANGER))
    ));
    std::fs::write(&server.keys, keys).expect("keys written");
    let s = server.session(STRANGER, 80, 24);
    s.wait_for("Reports");
    s.send(b"2m");
    s.wait_for("Cllr New connects as a member");
}

#[test]
fn no_color_from_the_client_draws_without_colour() {
    let server = Server::start(Limits::default());
    let plain = server.session_with(MEMBER, 80, 24, &[("NO_COLOR", "1")]);
    let coloured = server.session(MEMBER, 80, 24);
    plain.wait_for("Reports");
    coloured.wait_for("Reports");
    plain.quiet();
    coloured.quiet();
    let colours = |s: &Session| {
        let parser = s.screen.lock().expect("screen");
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        (0..rows)
            .flat_map(|r| (0..cols).map(move |c| (r, c)))
            .filter(|&(r, c)| {
                screen.cell(r, c).is_some_and(|cell| {
                    cell.fgcolor() != vt100::Color::Default
                        || cell.bgcolor() != vt100::Color::Default
                })
            })
            .count()
    };
    assert_eq!(colours(&plain), 0, "NO_COLOR: no colour at all");
    assert!(colours(&coloured) > 0, "colour otherwise");
}

#[test]
fn a_missing_or_mistaken_keys_file_stops_the_server_from_starting_and_says_why() {
    let ws = common::workspace();
    let dir = tempfile::tempdir().expect("a folder");
    let missing = dir.path().join("no-such-keys");
    let host = dir.path().join("host_key");
    let serve = |keys: &std::path::Path| {
        common::run(
            ws.path(),
            &[
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--keys",
                &keys.to_string_lossy(),
                "--host-key",
                &host.to_string_lossy(),
            ],
        )
    };
    let out = serve(&missing);
    assert_eq!(out.status.code(), Some(2), "{}", common::stderr(&out));
    let err = common::stderr(&out);
    assert!(err.contains("cannot read the keys file"), "{err}");
    assert!(
        err.contains("role=\"clerk\",name=\"Jane Smith\""),
        "says how to write one: {err}"
    );

    let keys = dir.path().join("authorized_keys");
    std::fs::write(
        &keys,
        format!(
            "# clerks\nrole=\"boss\",name=\"J\" {}\n",
            public_line(&key(CLERK))
        ),
    )
    .expect("keys written");
    let out = serve(&keys);
    assert_eq!(out.status.code(), Some(2));
    let err = common::stderr(&out);
    assert!(
        err.contains(&format!("{}:2:1: unknown role `boss`", keys.display())),
        "{err}"
    );
}

#[test]
fn a_key_taken_out_of_the_keys_file_ends_its_open_session() {
    let server = Server::start(Limits::default());
    let member = server.session(MEMBER, 80, 24);
    let clerk = server.session(CLERK, 80, 24);
    member.wait_for("Reports");
    clerk.wait_for("Reports");
    let keys = std::fs::read_to_string(&server.keys).expect("keys");
    let kept: String = keys
        .lines()
        .filter(|l| !l.contains("Cllr Ahmed"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&server.keys, kept).expect("keys written");
    member.wait_closed();
    assert!(
        member
            .text()
            .contains("your key was taken out of the server's keys"),
        "{}",
        member.text()
    );
    // The clerk's session carries on.
    clerk.send(b"2");
    clerk.wait_for("Actions (72)");
    // The sessions are numbered as they sign in, which two clients starting together
    // may do in either order.
    let log = server.wait_for_log("ended: Cllr Ahmed (member)");
    assert!(
        log.lines().any(|l| l.contains("ended: Cllr Ahmed (member)")
            && l.contains("your key was taken out of the server's keys")),
        "{log}"
    );
    assert!(!log.contains("ended: Jane Smith"), "{log}");
}

/// Reads from a raw connection until the server closes it (or `limit` passes, which
/// fails the test); returns what came.
fn read_until_closed(stream: &mut std::net::TcpStream, limit: Duration) -> Vec<u8> {
    use std::io::Read;
    stream
        .set_read_timeout(Some(limit))
        .expect("a read timeout");
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return got,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return got,
            Err(e) => panic!(
                "the server did not close the connection within {limit:?} ({e}); it sent {:?}",
                String::from_utf8_lossy(&got)
            ),
        }
    }
}

#[test]
fn connections_that_never_sign_in_are_bounded_and_closed_after_the_grace_time() {
    use std::io::Read;
    let server = Server::start(Limits {
        signing_in: 3,
        login_grace: Duration::from_secs(2),
        ..Limits::default()
    });
    // Signed in before the flood: it is not counted, and it carries on through it.
    let member = server.session(MEMBER, 80, 24);
    member.wait_for("Reports");

    // Three connections that say nothing are let in to sign in: each is greeted.
    let mut silent: Vec<std::net::TcpStream> = (0..3)
        .map(|_| std::net::TcpStream::connect(server.addr()).expect("a connection"))
        .collect();
    for stream in &mut silent {
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("a read timeout");
        let mut greeting = [0u8; 8];
        stream
            .read_exact(&mut greeting)
            .expect("the server's greeting");
        assert_eq!(&greeting, b"SSH-2.0-");
    }
    // A fourth is closed at once, before any greeting.
    let mut fourth = std::net::TcpStream::connect(server.addr()).expect("a connection");
    let sent = read_until_closed(&mut fourth, Duration::from_secs(10));
    assert!(sent.is_empty(), "{:?}", String::from_utf8_lossy(&sent));
    let log = server.wait_for_log("refused a connection from 127.0.0.1");
    assert!(
        log.contains("3 connections are signing in already"),
        "{log}"
    );

    // The member's session still answers a key.
    member.send(b"2");
    member.wait_for("Actions (72)");

    // After the grace time the three are closed, and the log says why.
    for stream in &mut silent {
        read_until_closed(stream, Duration::from_secs(15));
    }
    server.wait_for_log("did not sign in within 2 s");
    // Their places are free again: a key signs in.
    let clerk = server.session(CLERK, 80, 24);
    clerk.wait_for("Reports");
}

/// Out of file descriptors (more connections at once than the process may hold), the
/// server says so and waits for some to close: it never stops listening because of
/// what its clients do.
#[cfg(target_os = "linux")]
#[test]
fn a_server_out_of_file_descriptors_says_so_and_keeps_listening() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let ws = common::workspace();
    let dir = tempfile::tempdir().expect("a folder");
    let keys = dir.path().join("authorized_keys");
    std::fs::write(
        &keys,
        format!(
            "role=\"clerk\",name=\"Jane Smith\" {}\n",
            public_line(&key(CLERK))
        ),
    )
    .expect("keys written");
    let mut child = Command::new(env!("CARGO_BIN_EXE_scrutineer"))
        .args(["serve", "--listen", "127.0.0.1:0", "--keys"])
        .arg(&keys)
        .arg("--host-key")
        .arg(dir.path().join("host_key"))
        .arg("--workspace")
        .arg(ws.path())
        .env("SCRUTINEER_TODAY", "2003-10-15")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server starts");
    let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let sink = std::sync::Arc::clone(&log);
    let stderr = child.stderr.take().expect("its standard error");
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let mut log = sink
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            log.push_str(&line);
            log.push('\n');
        }
    });
    let logged = || {
        log.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    };
    wait_until(
        || logged().contains("listening on "),
        "the server to listen",
        logged,
    );
    let text = logged();
    let addr = listening_address(&text).unwrap_or_else(|| panic!("an address in {text}"));

    // Room for four more files, no more: fewer than the connections about to come.
    let pid = i32::try_from(child.id()).expect("a pid");
    let open = std::fs::read_dir(format!("/proc/{pid}/fd"))
        .expect("the server's open files")
        .count();
    let mut old = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: prlimit only reads and writes the two structs given.
    let got = unsafe { libc::prlimit(pid, libc::RLIMIT_NOFILE, std::ptr::null(), &mut old) };
    assert_eq!(got, 0, "reads the server's limit");
    let low = libc::rlimit {
        rlim_cur: (open + 4) as libc::rlim_t,
        rlim_max: old.rlim_max,
    };
    // SAFETY: as above.
    let set = unsafe { libc::prlimit(pid, libc::RLIMIT_NOFILE, &low, std::ptr::null_mut()) };
    assert_eq!(set, 0, "lowers the server's limit");

    let flood: Vec<std::net::TcpStream> = (0..16)
        .map(|_| std::net::TcpStream::connect(addr).expect("a connection"))
        .collect();
    wait_until(
        || logged().contains("cannot take a connection"),
        "the server to say it cannot take a connection",
        logged,
    );
    drop(flood);

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime");
    let clerk = open_session(&rt, addr, CLERK, (80, 24), &[]);
    clerk.wait_for("Reports");
    assert_eq!(
        child.try_wait().expect("the server's state"),
        None,
        "the server is still running: {}",
        logged()
    );
    // SAFETY: a signal to our own child.
    unsafe { libc::kill(pid, libc::SIGTERM) };
    let status = child.wait().expect("the server stops");
    assert!(status.success(), "{status}: {}", logged());
    assert_eq!(
        logged().matches("cannot take a connection").count(),
        1,
        "said once, not once per try: {}",
        logged()
    );
}

#[test]
fn stopping_the_server_waits_for_a_save_held_up_by_another_clerks_lock() {
    let mut server = Server::start(Limits::default());
    let clerk = server.session(CLERK, 100, 30);
    clerk.wait_for("Reports");
    clerk.send(b"2");
    clerk.wait_for("Actions (72)");
    // Another clerk's save holds the workspace's lock: the mark waits for it.
    let held = scrutineer::workspace::store::lock(&server.workspace(), Duration::from_secs(5))
        .expect("the workspace's lock");
    clerk.send(b"m");
    clerk.wait_for("waiting for the workspace lock");
    let releaser = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(1500));
        drop(held);
    });
    let running = server.running.take().expect("running");
    running.stop(
        "scrutineer: the server is stopping",
        Duration::from_secs(10),
    );
    // The server stopped only once the session had saved its mark and ended.
    assert!(
        server.tracking().contains("ready_for"),
        "{}",
        server.tracking()
    );
    let log = server.logged();
    assert!(log.contains("1 change saved"), "{log}");
    releaser.join().expect("the lock let go");
}
