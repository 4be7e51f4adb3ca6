//! Keys from an SSH channel: the bytes a client's terminal sends, read as the events
//! crossterm gives the local workbench. What a terminal sends for a key is the same
//! whether the program reads it from its own terminal or from a channel; this reads
//! the forms xterm, VTE, tmux, screen and the Linux console send (CSI and SS3 keys with
//! modifiers, Alt as a leading ESC, control characters, UTF-8, bracketed paste).
//! Nothing it is given makes it fail: a sequence it does not know is dropped whole.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// Reads events from a stream of bytes, keeping an unfinished sequence (a UTF-8
/// character, a CSI key or a paste split between packets) for the next packet.
#[derive(Debug, Default)]
pub struct Input {
    pending: Vec<u8>,
    /// Inside a bracketed paste: the text so far.
    paste: Option<Vec<u8>>,
}

/// The longest escape sequence kept waiting for its end; longer is dropped.
const LONGEST_SEQUENCE: usize = 64;
/// The longest paste taken; the rest is dropped (the prompts take a line).
const LONGEST_PASTE: usize = 64 * 1024;

const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

impl Input {
    /// The events in `bytes`, with what was kept from before.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        let mut data = std::mem::take(&mut self.pending);
        data.extend_from_slice(bytes);
        let mut events = Vec::new();
        let mut at = 0;
        while at < data.len() {
            if let Some(paste) = &mut self.paste {
                match find(&data[at..], PASTE_END) {
                    Some(end) => {
                        take_paste(paste, &data[at..at + end]);
                        let text = String::from_utf8_lossy(paste).into_owned();
                        self.paste = None;
                        events.push(Event::Paste(text));
                        at += end + PASTE_END.len();
                    }
                    None => {
                        // Keep a tail that may be the start of the end marker.
                        let keep = partial_suffix(&data[at..], PASTE_END);
                        take_paste(paste, &data[at..data.len() - keep]);
                        self.pending = data[data.len() - keep..].to_vec();
                        return events;
                    }
                }
                continue;
            }
            match read_one(&data[at..]) {
                Read::Event(event, used) => {
                    if let Some(event) = event {
                        events.push(event);
                    }
                    at += used;
                }
                Read::PasteStart(used) => {
                    self.paste = Some(Vec::new());
                    at += used;
                }
                Read::Incomplete => {
                    let rest = &data[at..];
                    if rest.len() <= LONGEST_SEQUENCE {
                        self.pending = rest.to_vec();
                    }
                    return events;
                }
            }
        }
        events
    }
}

fn take_paste(paste: &mut Vec<u8>, bytes: &[u8]) {
    let room = LONGEST_PASTE.saturating_sub(paste.len());
    paste.extend_from_slice(&bytes[..bytes.len().min(room)]);
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// How many bytes at the end of `data` begin `marker`.
fn partial_suffix(data: &[u8], marker: &[u8]) -> usize {
    (1..marker.len())
        .rev()
        .find(|&n| n <= data.len() && data[data.len() - n..] == marker[..n])
        .unwrap_or(0)
}

enum Read {
    /// An event (or nothing, for a sequence not understood) and the bytes it took.
    Event(Option<Event>, usize),
    PasteStart(usize),
    /// The bytes end in the middle of something.
    Incomplete,
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Option<Event> {
    Some(Event::Key(KeyEvent::new(code, modifiers)))
}

fn read_one(data: &[u8]) -> Read {
    let Some(&first) = data.first() else {
        return Read::Incomplete;
    };
    match first {
        0x1b => read_escape(data),
        _ => match read_plain(data) {
            Some((event, used)) => Read::Event(event, used),
            None => Read::Incomplete,
        },
    }
}

/// A byte or a character that is not an escape sequence.
fn read_plain(data: &[u8]) -> Option<(Option<Event>, usize)> {
    let first = *data.first()?;
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    let event = match first {
        b'\r' | b'\n' => key(KeyCode::Enter, none),
        b'\t' => key(KeyCode::Tab, none),
        0x7f | 0x08 => key(KeyCode::Backspace, none),
        0x00 => key(KeyCode::Char(' '), ctrl),
        0x01..=0x1a => key(KeyCode::Char((first - 1 + b'a') as char), ctrl),
        0x1c..=0x1f => key(KeyCode::Char((first - 0x1c + b'4') as char), ctrl),
        0x20..=0x7e => key(KeyCode::Char(first as char), none),
        _ => {
            let len = match first {
                0xc2..=0xdf => 2,
                0xe0..=0xef => 3,
                0xf0..=0xf4 => 4,
                // Not the first byte of a character: dropped.
                _ => return Some((None, 1)),
            };
            if data.len() < len {
                // The rest of the character is in the next packet, unless what is
                // here already cannot be part of one.
                if data[1..].iter().all(|b| b & 0xc0 == 0x80) {
                    return None;
                }
                return Some((None, 1));
            }
            return Some(match std::str::from_utf8(&data[..len]) {
                Ok(s) => match s.chars().next() {
                    Some(c) => (key(KeyCode::Char(c), none), len),
                    None => (None, len),
                },
                Err(_) => (None, 1),
            });
        }
    };
    Some((event, 1))
}

/// ESC and what follows it: a lone Esc, Alt with a key, a CSI or an SS3 sequence.
fn read_escape(data: &[u8]) -> Read {
    let Some(&second) = data.get(1) else {
        // ESC at the end of a packet is the Esc key: a terminal sends a sequence in
        // one write, so its rest would have come with it.
        return Read::Event(key(KeyCode::Esc, KeyModifiers::NONE), 1);
    };
    match second {
        b'[' => read_csi(data),
        b'O' => match data.get(2) {
            None => Read::Event(key(KeyCode::Char('O'), KeyModifiers::ALT), 2),
            Some(&c) => Read::Event(ss3(c, KeyModifiers::NONE), 3),
        },
        0x1b => Read::Event(key(KeyCode::Esc, KeyModifiers::NONE), 1),
        _ => match read_plain(&data[1..]) {
            Some((event, used)) => Read::Event(event.map(with_alt), used + 1),
            None => Read::Incomplete,
        },
    }
}

fn with_alt(event: Event) -> Event {
    match event {
        Event::Key(mut k) => {
            k.modifiers |= KeyModifiers::ALT;
            Event::Key(k)
        }
        other => other,
    }
}

/// The key an SS3 sequence (ESC O x) names.
fn ss3(c: u8, modifiers: KeyModifiers) -> Option<Event> {
    let code = match c {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        b'M' => KeyCode::Enter,
        _ => return None,
    };
    key(code, modifiers)
}

/// ESC [ parameters final: a cursor or editing key, a function key, the start of a
/// paste. Parameters are digits and semicolons; the last one, when there are two, is
/// the modifiers (1 + shift 1, alt 2, ctrl 4).
fn read_csi(data: &[u8]) -> Read {
    let body = &data[2..];
    let Some(end) = body.iter().position(|b| (0x40..=0x7e).contains(b)) else {
        if body
            .iter()
            .all(|b| b.is_ascii_digit() || matches!(b, b';' | b'<' | b'?' | b':'))
        {
            return Read::Incomplete;
        }
        // Not a sequence after all: drop the ESC [ and read on.
        return Read::Event(None, 2);
    };
    let used = 2 + end + 1;
    if data[..used] == *PASTE_START {
        return Read::PasteStart(used);
    }
    let params: Vec<u16> = std::str::from_utf8(&body[..end])
        .unwrap_or("")
        .split(';')
        .map(|p| p.parse().unwrap_or(0))
        .collect();
    let modifiers = params.get(1).map_or(KeyModifiers::NONE, |&m| modifiers(m));
    let code = match body[end] {
        b'A' | b'B' | b'C' | b'D' | b'H' | b'F' | b'P' | b'Q' | b'R' | b'S' => {
            return Read::Event(ss3(body[end], modifiers), used);
        }
        b'Z' => KeyCode::BackTab,
        b'~' => match params.first().copied().unwrap_or(0) {
            1 | 7 => KeyCode::Home,
            2 => KeyCode::Insert,
            3 => KeyCode::Delete,
            4 | 8 => KeyCode::End,
            5 => KeyCode::PageUp,
            6 => KeyCode::PageDown,
            11 => KeyCode::F(1),
            12 => KeyCode::F(2),
            13 => KeyCode::F(3),
            14 => KeyCode::F(4),
            15 => KeyCode::F(5),
            17 => KeyCode::F(6),
            18 => KeyCode::F(7),
            19 => KeyCode::F(8),
            20 => KeyCode::F(9),
            21 => KeyCode::F(10),
            23 => KeyCode::F(11),
            24 => KeyCode::F(12),
            _ => return Read::Event(None, used),
        },
        // The Linux console's F1 to F5: ESC [ [ A to E.
        b'[' => match data.get(used) {
            Some(&c @ b'A'..=b'E') => {
                return Read::Event(key(KeyCode::F(c - b'A' + 1), KeyModifiers::NONE), used + 1);
            }
            Some(_) => return Read::Event(None, used),
            None => return Read::Incomplete,
        },
        // Focus, mouse and anything else: not keys the workbench reads.
        _ => return Read::Event(None, used),
    };
    Read::Event(key(code, modifiers), used)
}

fn modifiers(param: u16) -> KeyModifiers {
    let bits = param.saturating_sub(1);
    let mut m = KeyModifiers::NONE;
    if bits & 1 != 0 {
        m |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        m |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        m |= KeyModifiers::CONTROL;
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn keys(bytes: &[u8]) -> Vec<(KeyCode, KeyModifiers)> {
        Input::default()
            .feed(bytes)
            .into_iter()
            .filter_map(|e| match e {
                Event::Key(k) => Some((k.code, k.modifiers)),
                _ => None,
            })
            .collect()
    }

    const NONE: KeyModifiers = KeyModifiers::NONE;

    #[test]
    fn what_terminals_send_for_the_workbench_keys() {
        assert_eq!(
            keys(b"jk/q"),
            vec![
                (KeyCode::Char('j'), NONE),
                (KeyCode::Char('k'), NONE),
                (KeyCode::Char('/'), NONE),
                (KeyCode::Char('q'), NONE)
            ]
        );
        assert_eq!(keys(b"\r"), vec![(KeyCode::Enter, NONE)]);
        assert_eq!(keys(b"\x7f"), vec![(KeyCode::Backspace, NONE)]);
        assert_eq!(keys(b"\x1b"), vec![(KeyCode::Esc, NONE)]);
        assert_eq!(
            keys(b"\x03"),
            vec![(KeyCode::Char('c'), KeyModifiers::CONTROL)]
        );
        assert_eq!(
            keys(b"\x1a"),
            vec![(KeyCode::Char('z'), KeyModifiers::CONTROL)]
        );
        for (bytes, code) in [
            (&b"\x1b[A"[..], KeyCode::Up),
            (b"\x1bOB", KeyCode::Down),
            (b"\x1b[5~", KeyCode::PageUp),
            (b"\x1b[6~", KeyCode::PageDown),
            (b"\x1b[H", KeyCode::Home),
            (b"\x1b[1~", KeyCode::Home),
            (b"\x1b[4~", KeyCode::End),
            (b"\x1b[3~", KeyCode::Delete),
            (b"\x1b[Z", KeyCode::BackTab),
            (b"\x1bOP", KeyCode::F(1)),
            (b"\x1b[[A", KeyCode::F(1)),
            (b"\x1b[24~", KeyCode::F(12)),
        ] {
            assert_eq!(keys(bytes), vec![(code, NONE)], "{bytes:?}");
        }
        assert_eq!(
            keys(b"\x1b[1;5C"),
            vec![(KeyCode::Right, KeyModifiers::CONTROL)]
        );
        assert_eq!(
            keys(b"\x1bj"),
            vec![(KeyCode::Char('j'), KeyModifiers::ALT)]
        );
        assert_eq!(
            keys("é£".as_bytes()),
            vec![(KeyCode::Char('é'), NONE), (KeyCode::Char('£'), NONE)]
        );
    }

    #[test]
    fn every_key_sent_as_a_numbered_sequence_reads_as_its_key() {
        // What xterm and the VT220 send for the function and editing keys.
        let numbered = [
            (1, KeyCode::Home),
            (2, KeyCode::Insert),
            (3, KeyCode::Delete),
            (4, KeyCode::End),
            (5, KeyCode::PageUp),
            (6, KeyCode::PageDown),
            (7, KeyCode::Home),
            (8, KeyCode::End),
            (11, KeyCode::F(1)),
            (12, KeyCode::F(2)),
            (13, KeyCode::F(3)),
            (14, KeyCode::F(4)),
            (15, KeyCode::F(5)),
            (17, KeyCode::F(6)),
            (18, KeyCode::F(7)),
            (19, KeyCode::F(8)),
            (20, KeyCode::F(9)),
            (21, KeyCode::F(10)),
            (23, KeyCode::F(11)),
            (24, KeyCode::F(12)),
        ];
        for (n, code) in numbered {
            let bytes = format!("\x1b[{n}~");
            assert_eq!(keys(bytes.as_bytes()), vec![(code, NONE)], "{bytes:?}");
        }
        // Numbers no key sends are no key.
        for n in [9, 10, 16, 22, 25] {
            let bytes = format!("\x1b[{n}~");
            assert_eq!(keys(bytes.as_bytes()), vec![], "{bytes:?}");
        }
    }

    #[test]
    fn a_sequence_split_between_packets_is_one_key() {
        let mut input = Input::default();
        assert!(input.feed(b"\x1b[").is_empty());
        assert!(input.feed(b"6").is_empty());
        let events = input.feed(b"~j");
        assert_eq!(
            events,
            vec![
                Event::Key(KeyEvent::new(KeyCode::PageDown, NONE)),
                Event::Key(KeyEvent::new(KeyCode::Char('j'), NONE))
            ]
        );
        let euro = "€".as_bytes();
        assert!(input.feed(&euro[..1]).is_empty());
        assert_eq!(
            input.feed(&euro[1..]),
            vec![Event::Key(KeyEvent::new(KeyCode::Char('€'), NONE))]
        );
    }

    #[test]
    fn a_paste_is_one_event_even_split() {
        let mut input = Input::default();
        assert!(input.feed(b"\x1b[200~late ").is_empty());
        assert!(input.feed(b"reply\x1b[20").is_empty());
        assert_eq!(
            input.feed(b"1~q"),
            vec![
                Event::Paste("late reply".to_string()),
                Event::Key(KeyEvent::new(KeyCode::Char('q'), NONE))
            ]
        );
    }

    proptest! {
        #[test]
        fn any_bytes_in_any_packets_read_without_failing(
            packets in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..40), 0..20)
        ) {
            let mut input = Input::default();
            for p in &packets {
                input.feed(p);
                prop_assert!(input.pending.len() <= LONGEST_SEQUENCE + PASTE_END.len());
            }
        }

        #[test]
        fn printable_text_reads_as_its_characters(text in "[ -~é€£]{0,40}") {
            let got: String = keys(text.as_bytes())
                .into_iter()
                .filter_map(|(c, _)| match c { KeyCode::Char(c) => Some(c), _ => None })
                .collect();
            prop_assert_eq!(got, text);
        }
    }
}
