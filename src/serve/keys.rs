//! Who may connect to `scrutineer serve`, and as what: a keys file in OpenSSH's
//! `authorized_keys` syntax whose options give each key a role and a name.
//!
//! ```text
//! role="clerk",name="Jane Smith" ssh-ed25519 AAAAC3Nza... jane@council-laptop
//! role="member",name="Cllr Ahmed" ssh-rsa AAAAB3Nza...
//! ```
//!
//! A member reads (as `--read-only`); a clerk may change tracking, and each change is
//! recorded in the history under the key's name. The file is read again when it
//! changes; a file that no longer reads keeps the keys read before, and says why.

use russh::keys::PublicKey;
use russh::keys::ssh_key::HashAlg;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Reads only.
    Member,
    /// May change tracking.
    Clerk,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Clerk => "clerk",
        }
    }
}

/// One key the server lets in.
#[derive(Debug, Clone)]
pub struct Key {
    pub key: PublicKey,
    /// Who the key is: the history records a clerk's changes under it.
    pub name: String,
    pub role: Role,
    /// Where it is in the keys file (1-based).
    pub line: usize,
}

/// The keys file as read.
#[derive(Debug, Clone, Default)]
pub struct Keys {
    pub keys: Vec<Key>,
}

impl Keys {
    /// Reads a keys file's text; `file` names it in the messages.
    pub fn parse(text: &str, file: &Path) -> Result<Keys, String> {
        let mut keys = Keys::default();
        for (n, raw) in text.lines().enumerate() {
            let line = n + 1;
            let trimmed = raw.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let column = raw.len() - raw.trim_start().len() + 1;
            let key = parse_line(trimmed, line)
                .map_err(|(at, why)| format!("{}:{line}:{}: {why}", file.display(), column + at))?;
            if let Some(first) = keys.find(&key.key) {
                return Err(format!(
                    "{}:{line}: this key is already given on line {} (as {} `{}`); give each key once",
                    file.display(),
                    first.line,
                    first.role.label(),
                    first.name
                ));
            }
            keys.keys.push(key);
        }
        Ok(keys)
    }

    /// The entry for a key, if it may connect.
    pub fn find(&self, key: &PublicKey) -> Option<&Key> {
        self.keys
            .iter()
            .find(|k| k.key.key_data() == key.key_data())
    }
}

/// The fingerprint OpenSSH prints for a key (`SHA256:...`).
pub fn fingerprint(key: &PublicKey) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

/// Line `number`: options (optional), then the key. Errors give the column (0-based,
/// within the trimmed line) and what was expected.
fn parse_line(line: &str, number: usize) -> Result<Key, (usize, String)> {
    let (options, key_at) = if starts_with_key_type(line) {
        ("", 0)
    } else {
        let end = option_end(line);
        (&line[..end], (end + 1).min(line.len()))
    };
    let key_text = line[key_at..].trim_start();
    let key_col = line.len() - key_text.len();
    let key = PublicKey::from_openssh(key_text).map_err(|e| {
        (
            key_col,
            format!(
                "expected a public key such as `ssh-ed25519 AAAA... comment` (as in a .pub file): {e}"
            ),
        )
    })?;
    let mut role = None;
    let mut name = None;
    let mut col = 0;
    for option in split_options(options) {
        let (opt, value) = match option.split_once('=') {
            Some((o, v)) => (o, Some(unquote(v))),
            None => (option, None),
        };
        match (opt, value) {
            ("role", Some(v)) => {
                role = Some(match v.as_str() {
                    "member" => Role::Member,
                    "clerk" => Role::Clerk,
                    other => {
                        return Err((
                            col,
                            format!(
                                "unknown role `{other}`; expected role=\"member\" (reads only) or role=\"clerk\" (may change tracking)"
                            ),
                        ));
                    }
                })
            }
            ("name", Some(v)) if !v.trim().is_empty() => name = Some(v.trim().to_string()),
            ("name", _) => return Err((col, "name is empty; write name=\"Jane Smith\"".into())),
            _ => {
                return Err((
                    col,
                    format!(
                        "unknown option `{opt}`; scrutineer reads only role=\"member\"|\"clerk\" and name=\"...\" (OpenSSH options such as from= are not applied here)"
                    ),
                ));
            }
        }
        col += option.len() + 1;
    }
    let role = role.ok_or((
        0,
        "no role: begin the line with role=\"member\" (reads only) or role=\"clerk\" (may change tracking)"
            .to_string(),
    ))?;
    let name = match name {
        Some(n) => n,
        None if !key.comment().is_empty() => key.comment().to_string(),
        None => {
            return Err((
                0,
                "no name: add name=\"...\" (the history records changes under it)".to_string(),
            ));
        }
    };
    Ok(Key {
        key,
        name,
        role,
        line: number,
    })
}

fn starts_with_key_type(line: &str) -> bool {
    ["ssh-", "ecdsa-sha2-", "sk-", "rsa-sha2-"]
        .iter()
        .any(|p| line.starts_with(p))
}

/// Where the options end: the first space outside quotes.
fn option_end(line: &str) -> usize {
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ' ' | '\t' if !quoted => return i,
            _ => {}
        }
    }
    line.len()
}

/// Options split at commas outside quotes.
fn split_options(options: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in options.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                out.push(&options[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < options.len() {
        out.push(&options[start..]);
    }
    out
}

fn unquote(v: &str) -> String {
    v.strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(v)
        .to_string()
}

/// When a file was last changed, and its length: read again when either differs.
type FileStamp = Option<(std::time::SystemTime, u64)>;

/// The keys file, read again when it changes (checked at each connection).
pub struct KeysFile {
    path: PathBuf,
    state: Mutex<(FileStamp, Arc<Keys>)>,
}

impl KeysFile {
    /// Reads the file; a file that cannot be read or has a mistake is refused here,
    /// so the server does not start with keys nobody meant.
    pub fn open(path: &Path) -> Result<KeysFile, String> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            format!(
                "cannot read the keys file {}: {e}; make it with one line per key, such as\n  role=\"clerk\",name=\"Jane Smith\" ssh-ed25519 AAAA... (the key from jane's id_ed25519.pub)",
                path.display()
            )
        })?;
        let keys = Keys::parse(&text, path)?;
        Ok(KeysFile {
            path: path.to_path_buf(),
            state: Mutex::new((stamp(path), Arc::new(keys))),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The keys now: read again if the file changed. A changed file with a mistake
    /// keeps the keys read before; the mistake is returned to be logged.
    pub fn current(&self) -> (Arc<Keys>, Option<String>) {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = stamp(&self.path);
        if now == state.0 {
            return (Arc::clone(&state.1), None);
        }
        state.0 = now;
        let read = std::fs::read_to_string(&self.path)
            .map_err(|e| format!("cannot read the keys file {}: {e}", self.path.display()))
            .and_then(|text| Keys::parse(&text, &self.path));
        match read {
            Ok(keys) => {
                state.1 = Arc::new(keys);
                (Arc::clone(&state.1), None)
            }
            Err(e) => (
                Arc::clone(&state.1),
                Some(format!("{e}; still using the keys read before")),
            ),
        }
    }
}

fn stamp(path: &Path) -> FileStamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ED: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBmVGxDi6Y9eFiVnU5iCT8X3rsT6dSPq8qkm6Xr4bn2A";
    const ED2: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHd0ibBw1qaE2qpbPTvEXGOhIRY9Dq7vCsuCLXuqvTTC";

    fn parse(text: &str) -> Result<Keys, String> {
        Keys::parse(text, Path::new("keys"))
    }

    #[test]
    fn each_key_has_a_role_and_a_name() {
        let keys = parse(&format!(
            "# members and clerks\nrole=\"clerk\",name=\"Jane Smith\" {ED} jane@laptop\n\nrole=member {ED2} cllr.ahmed\n"
        ))
        .expect("reads");
        assert_eq!(keys.keys.len(), 2);
        assert_eq!(keys.keys[0].name, "Jane Smith");
        assert_eq!(keys.keys[0].role, Role::Clerk);
        assert_eq!(keys.keys[0].line, 2);
        assert_eq!(
            keys.keys[1].name, "cllr.ahmed",
            "the comment names a key with no name"
        );
        assert_eq!(keys.keys[1].role, Role::Member);
    }

    #[test]
    fn mistakes_say_where_and_what_was_expected() {
        let e = parse(&format!("{ED} jane")).expect_err("no role");
        assert!(e.starts_with("keys:1:1: no role"), "{e}");
        let e = parse(&format!("role=\"admin\" {ED} jane")).expect_err("bad role");
        assert!(e.contains("unknown role `admin`"), "{e}");
        let e = parse("role=clerk,name=\"J\" ssh-ed25519 AAAAnotakey").expect_err("bad key");
        assert!(e.starts_with("keys:1:21: expected a public key"), "{e}");
        let e = parse(&format!("from=\"10.0.0.1\",role=clerk {ED} j")).expect_err("option");
        assert!(e.contains("unknown option `from`"), "{e}");
        let e = parse(&format!("role=clerk {ED}")).expect_err("no name");
        assert!(e.contains("no name"), "{e}");
        let e = parse(&format!("role=clerk {ED} a\nrole=member {ED} b")).expect_err("twice");
        assert!(
            e.contains("keys:2: this key is already given on line 1"),
            "{e}"
        );
    }

    #[test]
    fn a_changed_file_is_read_again_and_a_broken_one_keeps_the_last() {
        let dir = tempfile::tempdir().expect("a folder");
        let path = dir.path().join("authorized_keys");
        std::fs::write(&path, format!("role=member {ED} a\n")).expect("written");
        let file = KeysFile::open(&path).expect("opens");
        assert_eq!(file.current().0.keys.len(), 1);
        std::fs::write(&path, format!("role=member {ED} a\nrole=clerk {ED2} b\n")).expect("w");
        let (keys, problem) = file.current();
        assert_eq!(keys.keys.len(), 2);
        assert!(problem.is_none());
        std::fs::write(&path, "role=nobody").expect("w");
        let (keys, problem) = file.current();
        assert_eq!(keys.keys.len(), 2, "the last good keys stay");
        assert!(problem.is_some_and(|p| p.contains("still using")));
    }
}
