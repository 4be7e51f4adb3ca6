//! Reading `config.toml`'s `[keys]` table into the keymap, with every problem placed
//! at its file, line and column; a line with a problem keeps its default keys.

use super::{Key, Keymap};
use crate::tui::action::Action;
use std::path::{Path, PathBuf};

impl Keymap {
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
                        if !b.context.fixed() && actions.contains(&b.action) {
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
                && !b.context.fixed()
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
    use super::super::Context;
    use super::*;

    fn key(spec: &str) -> Key {
        Key::parse(spec).expect("a key")
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
    fn the_documented_example_is_clean() {
        let mut map = Keymap::default();
        let text = "[keys]\nmark = \"space\"\nquit = [\"q\", \"ctrl-c\"]\n";
        assert_eq!(
            map.apply_config(Path::new("c.toml"), text),
            Vec::<String>::new()
        );
        let ctx = [Context::Changing];
        assert_eq!(map.action(&ctx, key("space")), Some(Action::Mark));
        assert_eq!(map.action(&ctx, key("m")), None);
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
