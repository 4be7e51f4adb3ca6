//! The one keymap table: which key does what, where, and how it is described. The
//! dispatcher, the `?` help popup and the hint line all read it, so they cannot
//! disagree. `config.toml`'s `[keys]` table may rebind any named action.

mod config;
mod defaults;

pub use config::{config_path, load};

use super::action::{Action, View};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;

/// Where a binding applies. Several are active at once; the first that binds a key wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    Navigate,
    Finding,
    Changing,
    Browse,
    Actions,
    Agenda,
    Triage,
    /// Typing a search in the filter bar.
    Search,
    /// The owner picker: typing narrows the list.
    Picker,
    /// A menu of choices (status, deadline, report).
    Menu,
    /// A line of text: a note, a date.
    TextInput,
    Detail,
    Help,
    /// Active in every mode, after all the others: the way out that always works.
    Always,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Navigate => "Moving",
            Context::Finding => "Finding",
            Context::Changing => "Changing",
            Context::Browse => "Browse",
            Context::Actions => "Actions",
            Context::Agenda => "Agenda",
            Context::Triage => "Triage",
            Context::Search => "Search",
            Context::Picker => "Owner picker",
            Context::Menu => "Menu",
            Context::TextInput => "Text entry",
            Context::Detail => "Detail",
            Context::Help => "Help",
            Context::Always => "Always",
        }
    }

    /// Contexts where printable keys are typed text (their keys are fixed, so a
    /// rebinding can never stop a letter from being typed).
    pub fn takes_text(self) -> bool {
        matches!(self, Context::Search | Context::Picker | Context::TextInput)
    }

    /// Contexts whose keys `config.toml` cannot change: where typing happens, and the
    /// way out that must always work.
    pub fn fixed(self) -> bool {
        self.takes_text() || self == Context::Always
    }

    pub fn of_view(view: View) -> Context {
        match view {
            View::Browse => Context::Browse,
            View::Actions => Context::Actions,
            View::Agenda => Context::Agenda,
            View::Triage => Context::Triage,
        }
    }
}

/// One key with its modifiers, as written in the config file ("ctrl-c", "space", "G").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const NAMED: [(&str, KeyCode); 16] = [
    ("space", KeyCode::Char(' ')),
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pgup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("insert", KeyCode::Insert),
];

impl Key {
    /// Reads "j", "G", "ctrl-c", "alt-x", "shift-tab", "space", "pgdn", "f1".
    pub fn parse(spec: &str) -> Result<Key, String> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = spec;
        while rest.chars().count() > 1 {
            let Some((prefix, tail)) = rest.split_once('-') else {
                break;
            };
            let m = match prefix.to_ascii_lowercase().as_str() {
                "ctrl" | "c" => KeyModifiers::CONTROL,
                "alt" | "a" | "m" | "meta" => KeyModifiers::ALT,
                "shift" | "s" => KeyModifiers::SHIFT,
                _ => break,
            };
            if tail.is_empty() {
                break;
            }
            modifiers |= m;
            rest = tail;
        }
        let lower = rest.to_ascii_lowercase();
        let code = if rest.chars().count() == 1 {
            rest.chars().next().map(KeyCode::Char)
        } else if let Some((_, code)) = NAMED.iter().find(|(n, _)| *n == lower) {
            Some(*code)
        } else if let Some(alias) = match lower.as_str() {
            "pageup" => Some(KeyCode::PageUp),
            "pagedown" | "pgdown" => Some(KeyCode::PageDown),
            "escape" => Some(KeyCode::Esc),
            "return" => Some(KeyCode::Enter),
            _ => None,
        } {
            Some(alias)
        } else {
            lower
                .strip_prefix('f')
                .and_then(|n| n.parse::<u8>().ok())
                .filter(|n| (1..=24).contains(n))
                .map(KeyCode::F)
        };
        let code = code.ok_or_else(|| {
            format!(
                "`{spec}` is not a key; expected a character (\"m\", \"G\", \"?\"), a name (space, enter, esc, tab, up, down, pgup, pgdn, home, end, f1...) with optional ctrl-, alt- or shift- before it"
            )
        })?;
        Ok(Key::new(code, modifiers))
    }

    /// A key as the terminal reports it, normalised so that "G" matches Shift+g and
    /// Shift+Tab matches "shift-tab".
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Key {
        let mut modifiers =
            modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            other => other,
        };
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        Key { code, modifiers }
    }

    pub fn of(event: &KeyEvent) -> Key {
        Key::new(event.code, event.modifiers)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::F(n) => write!(f, "f{n}"),
            code => match NAMED.iter().find(|(_, c)| *c == code) {
                Some((name, _)) => f.write_str(name),
                None => write!(f, "{code:?}"),
            },
        }
    }
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub keys: Vec<Key>,
    pub action: Action,
    pub description: &'static str,
    /// The word shown in the hint line, where the binding is worth a hint.
    pub hint: Option<&'static str>,
}

impl Binding {
    /// The keys as shown in help: "j, down".
    pub fn keys_label(&self) -> String {
        let keys: Vec<String> = self.keys.iter().map(Key::to_string).collect();
        keys.join(", ")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        let bindings = defaults::DEFAULTS
            .iter()
            .map(|(context, keys, action, description, hint)| Binding {
                context: *context,
                keys: keys.iter().filter_map(|k| Key::parse(k).ok()).collect(),
                action: *action,
                description,
                hint: *hint,
            })
            .collect();
        Keymap { bindings }
    }
}

impl Keymap {
    /// The action `key` means in the first of `contexts` that binds it.
    pub fn action(&self, contexts: &[Context], key: Key) -> Option<Action> {
        contexts.iter().find_map(|c| {
            self.bindings
                .iter()
                .find(|b| b.context == *c && b.keys.contains(&key))
                .map(|b| b.action)
        })
    }

    /// Every binding of `context`, in table order.
    pub fn in_context(&self, context: Context) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.context == context)
    }

    /// The first key bound to `action` in any of `contexts`, for messages ("press c").
    pub fn key_for(&self, contexts: &[Context], action: Action) -> Option<Key> {
        contexts.iter().find_map(|c| {
            self.in_context(*c)
                .find(|b| b.action == action)
                .and_then(|b| b.keys.first().copied())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(spec: &str) -> Key {
        Key::parse(spec).expect("a key")
    }

    #[test]
    fn every_default_key_parses() {
        for (_, keys, ..) in defaults::DEFAULTS {
            for k in *keys {
                assert!(Key::parse(k).is_ok(), "{k}");
            }
        }
    }

    #[test]
    fn keys_read_and_print_the_same_way() {
        for spec in [
            "j",
            "G",
            "ctrl-c",
            "space",
            "shift-tab",
            "pgdn",
            "f5",
            "?",
            "-",
            "alt-x",
        ] {
            assert_eq!(key(spec).to_string(), spec);
        }
        assert_eq!(key("G"), Key::new(KeyCode::Char('G'), KeyModifiers::SHIFT));
        assert_eq!(
            key("shift-tab"),
            Key::new(KeyCode::Tab, KeyModifiers::SHIFT)
        );
        assert!(Key::parse("ctlr-x").is_err());
        assert!(Key::parse("").is_err());
    }
}
