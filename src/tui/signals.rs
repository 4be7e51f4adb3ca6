//! Signals from outside. Those that end a program (SIGTERM; SIGINT; SIGHUP, which is
//! what a dropped SSH connection sends) become events of the event loop, so it can
//! finish or give up a save and put the terminal back before the program ends; SIGCONT
//! (after a stop) makes it take the screen back. Also stopping on Ctrl-Z, which in raw
//! mode is a key, not a signal. (Elsewhere than Unix there is none of this: the
//! signals act as they always do.)

#[cfg(unix)]
mod imp {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
    use signal_hook::iterator::{Handle, Signals};

    pub const CONTINUED: i32 = SIGCONT;

    /// Signals caught and not yet handed on.
    pub struct Listener(Signals);

    /// Signals being handed to the event loop, until closed.
    pub struct Forwarding(Handle);

    impl Forwarding {
        pub fn close(self) {
            self.0.close();
        }
    }

    /// Listens from now on: before the screen is taken, so a signal that comes while
    /// the workspace loads is kept for the event loop rather than ending the program
    /// with the terminal still raw. None if they cannot be caught (they then act as
    /// usual).
    pub fn listen() -> Option<Listener> {
        Signals::new([SIGTERM, SIGINT, SIGHUP, SIGCONT])
            .ok()
            .map(Listener)
    }

    /// Hands each signal to `send` on a thread of its own, until `send` says the event
    /// loop has gone or the forwarding is closed.
    pub fn forward(listener: Listener, send: impl Fn(i32) -> bool + Send + 'static) -> Forwarding {
        let mut signals = listener.0;
        let handle = signals.handle();
        std::thread::spawn(move || {
            for signal in signals.forever() {
                if !send(signal) {
                    return;
                }
            }
        });
        Forwarding(handle)
    }

    /// Stops the program as Ctrl-Z does in a shell, returning once it is continued
    /// (`fg`). SIGTSTP, not SIGSTOP: where nothing could continue the program (no job
    /// control), the system ignores it rather than leave the program stopped for ever.
    pub fn stop() {
        let _ = signal_hook::low_level::raise(SIGTSTP);
    }

    /// Ends the program by `signal`, as it would have ended had the signal not been
    /// caught, so whatever started it sees why. For after the terminal is put back.
    pub fn end_by(signal: i32) -> ! {
        let _ = signal_hook::low_level::emulate_default_handler(signal);
        // Only if the signal did not end it (it always should).
        std::process::exit(128 + signal)
    }
}

#[cfg(not(unix))]
mod imp {
    pub const CONTINUED: i32 = -1;

    pub struct Listener;

    pub struct Forwarding;

    impl Forwarding {
        pub fn close(self) {}
    }

    pub fn listen() -> Option<Listener> {
        None
    }

    pub fn forward(_: Listener, _: impl Fn(i32) -> bool + Send + 'static) -> Forwarding {
        Forwarding
    }

    pub fn stop() {}

    pub fn end_by(signal: i32) -> ! {
        std::process::exit(128 + signal)
    }
}

pub use imp::{CONTINUED, Listener, end_by, forward, listen, stop};
