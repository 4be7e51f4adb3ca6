//! The one keymap table: which key does what, where, and how it is described. The
//! dispatcher, the `?` help popup and the hint line all read it, so they cannot
//! disagree. `config.toml`'s `[keys]` table may rebind any named action.

mod defaults;

use super::action::{Action, View};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;
use std::path::{Path, PathBuf};

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
        }
    }

    /// Contexts where printable keys are typed text: their keys are fixed, so a
    /// rebinding can never stop a letter from being typed.
    pub fn takes_text(self) -> bool {
        matches!(self, Context::Search | Context::Picker | Context::TextInput)
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

    /// Applies the `[keys]` table of a config file's text. Returns the problems found,
    /// each with file, line and column; bindings with problems keep their defaults.
    pub fn apply_config(&mut self, file: &Path, text: &str) -> Vec<String> {
        let mut problems = Vec::new();
        let place = |offset: Option<std::ops::Range<usize>>| {
            let (line, col) = offset.map_or((1, 1), |s| {
                crate::workspace::diagnostic::line_col(text, s.start)
            });
            format!("{}:{line}:{col}", file.display())
        };
        let doc = match toml_edit::Document::parse(text.to_string()) {
            Ok(doc) => doc,
            Err(e) => {
                problems.push(format!(
                    "{}: {}",
                    place(e.span()),
                    e.message().trim().replace('\n', " ")
                ));
                return problems;
            }
        };
        let Some(keys) = doc.get("keys") else {
            return problems;
        };
        let Some(table) = keys.as_table_like() else {
            problems.push(format!(
                "{}: `keys` must be a table, like [keys] followed by lines such as mark = \"space\"",
                place(keys.span())
            ));
            return problems;
        };
        for (name, item) in table.iter() {
            let at = place(item.span());
            let actions = self.actions_named(name);
            if actions.is_empty() {
                let key_at = place(table.get_key_value(name).and_then(|(k, _)| k.span()));
                problems.push(format!(
                    "{key_at}: unknown action `{name}`; expected one of {}",
                    self.names().join(", ")
                ));
                continue;
            }
            let specs: Vec<&str> = match item.as_value() {
                Some(toml_edit::Value::String(s)) => vec![s.value().as_str()],
                Some(toml_edit::Value::Array(a)) => {
                    let all: Option<Vec<&str>> = a.iter().map(|v| v.as_str()).collect();
                    match all {
                        Some(v) if !v.is_empty() => v,
                        _ => {
                            problems.push(format!("{at}: `{name}` expects a key like \"m\" or a list of keys like [\"q\", \"ctrl-c\"]"));
                            continue;
                        }
                    }
                }
                _ => {
                    problems.push(format!(
                        "{at}: `{name}` expects a key like \"m\" or a list of keys like [\"q\", \"ctrl-c\"]"
                    ));
                    continue;
                }
            };
            match specs
                .iter()
                .map(|s| Key::parse(s))
                .collect::<Result<Vec<_>, _>>()
            {
                Ok(keys) => {
                    for b in self.bindings.iter_mut() {
                        if !b.context.takes_text() && actions.contains(&b.action) {
                            b.keys = keys.clone();
                        }
                    }
                }
                Err(e) => problems.push(format!("{at}: {e}")),
            }
        }
        problems.extend(self.clashes());
        problems
    }

    fn actions_named(&self, name: &str) -> Vec<Action> {
        let mut found: Vec<Action> = self
            .bindings
            .iter()
            .map(|b| b.action)
            .filter(|a| a.name() == Some(name))
            .collect();
        found.dedup();
        found
    }

    fn names(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = Vec::new();
        for b in &self.bindings {
            if let Some(n) = b.action.name()
                && !names.contains(&n)
                && !b.context.takes_text()
            {
                names.push(n);
            }
        }
        names
    }

    /// Keys bound twice where both bindings are active together: only the first works.
    fn clashes(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (i, a) in self.bindings.iter().enumerate() {
            for b in &self.bindings[i + 1..] {
                if a.context != b.context || a.action == b.action {
                    continue;
                }
                for k in a.keys.iter().filter(|k| b.keys.contains(k)) {
                    out.push(format!(
                        "key `{k}` is bound to both {} and {} in {}; {} wins",
                        a.action.name().unwrap_or("?"),
                        b.action.name().unwrap_or("?"),
                        a.context.title(),
                        a.action.name().unwrap_or("?"),
                    ));
                }
            }
        }
        out
    }
}

/// Where the config file is: $SCRUTINEER_CONFIG, else `config.toml` in the config folder.
pub fn config_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SCRUTINEER_CONFIG") {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "scrutineer").map(|d| d.config_dir().join("config.toml"))
}

/// The keymap with the config file's changes, and what was wrong with the file (a missing
/// file is not wrong: the defaults apply).
pub fn load() -> (Keymap, Vec<String>) {
    let mut keymap = Keymap::default();
    let Some(path) = config_path() else {
        return (keymap, Vec::new());
    };
    let problems = match std::fs::read_to_string(&path) {
        Ok(text) => keymap.apply_config(&path, &text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => vec![format!("cannot read {}: {e}", path.display())],
    };
    (keymap, problems)
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

    #[test]
    fn the_default_map_has_no_clashes() {
        assert_eq!(Keymap::default().clashes(), Vec::<String>::new());
    }

    #[test]
    fn a_config_rebinds_an_action_everywhere_it_is_bound() {
        let mut map = Keymap::default();
        let problems = map.apply_config(
            Path::new("config.toml"),
            "[keys]\nmark = \"x\"\nquit = [\"Q\", \"ctrl-c\"]\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let ctx = [Context::Browse, Context::Changing, Context::Global];
        assert_eq!(map.action(&ctx, key("x")), Some(Action::Mark));
        assert_eq!(map.action(&ctx, key("m")), None);
        assert_eq!(map.action(&ctx, key("Q")), Some(Action::Quit));
        assert_eq!(map.action(&ctx, key("q")), None);
    }

    #[test]
    fn a_bad_config_says_where_and_what_was_expected() {
        let mut map = Keymap::default();
        let problems = map.apply_config(
            Path::new("config.toml"),
            "[keys]\nmark = \"ctlr-x\"\nfly = \"f\"\nquit = 3\n",
        );
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(
            problems[0].starts_with("config.toml:2:8: `ctlr-x` is not a key"),
            "{problems:?}"
        );
        assert!(
            problems[1].starts_with("config.toml:3:1: unknown action `fly`"),
            "{problems:?}"
        );
        assert!(
            problems[2].starts_with("config.toml:4:8: `quit` expects"),
            "{problems:?}"
        );
        assert_eq!(map, Keymap::default(), "bad lines keep the defaults");
        let broken = map.apply_config(Path::new("c.toml"), "[keys\n");
        assert!(broken[0].starts_with("c.toml:1:"), "{broken:?}");
    }

    #[test]
    fn a_rebinding_onto_a_used_key_is_reported() {
        let mut map = Keymap::default();
        let problems = map.apply_config(Path::new("c.toml"), "[keys]\nmark = \"n\"\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("key `n`"), "{problems:?}");
    }

    #[test]
    fn text_entry_keys_cannot_be_rebound() {
        let mut map = Keymap::default();
        map.apply_config(Path::new("c.toml"), "[keys]\nback = \"x\"\n");
        assert_eq!(
            map.action(&[Context::Search], key("esc")),
            Some(Action::Back)
        );
        assert_eq!(map.action(&[Context::Search], key("x")), None);
    }
}
