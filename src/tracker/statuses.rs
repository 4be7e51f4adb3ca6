//! The status words councils use, mapped onto scrutineer's statuses: the common ones
//! shipped in `statuses.toml`, extended or overridden by a workspace's own file of the
//! same form.

use crate::model::Status;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabularyFile {
    #[serde(default)]
    words: BTreeMap<String, String>,
}

/// Status words and what they mean.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    words: HashMap<String, Status>,
}

/// A mistake in a vocabulary file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct VocabularyError {
    /// Line and column where known.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl Default for Vocabulary {
    fn default() -> Self {
        Vocabulary::shipped()
    }
}

/// A status word reduced to letters and digits, lower case.
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl Vocabulary {
    /// The words shipped with scrutineer.
    pub fn shipped() -> Vocabulary {
        let mut v = Vocabulary {
            words: HashMap::new(),
        };
        v.extend(include_str!("statuses.toml"))
            .expect("the shipped statuses.toml is valid");
        v
    }

    /// Adds (or overrides) the words of a vocabulary file's text.
    pub fn extend(&mut self, text: &str) -> Result<(), VocabularyError> {
        let file: VocabularyFile = toml::from_str(text).map_err(|e| VocabularyError {
            position: e.span().map(|s| crate::text::line_col(text, s.start)),
            message: e.message().trim().to_string(),
        })?;
        for (word, status) in file.words {
            let parsed = Status::parse(&status).ok_or_else(|| VocabularyError {
                position: find_line(text, &status),
                message: format!("`{word}` = `{status}`: expected one of {}", Status::names()),
            })?;
            self.words.insert(key(&word), parsed);
        }
        Ok(())
    }

    /// The status a tracker's cell means: the whole cell, else its part before a dash,
    /// colon, bracket or line break, else its first word. Our own status names always
    /// count.
    pub fn status(&self, cell: &str) -> Option<Status> {
        let cell = cell.trim();
        if cell.is_empty() {
            return None;
        }
        if let Some(s) = Status::parse(cell) {
            return Some(s);
        }
        let whole = key(cell);
        if let Some(s) = self.words.get(&whole) {
            return Some(*s);
        }
        let head = cell
            .split(['-', '–', ':', '(', '\n', ',', ';', '.'])
            .next()
            .unwrap_or_default();
        if let Some(s) = self.words.get(&key(head)) {
            return Some(*s);
        }
        let first = cell.split_whitespace().next().unwrap_or_default();
        self.words.get(&key(first)).copied()
    }
}

fn find_line(text: &str, value: &str) -> Option<(usize, usize)> {
    let quoted = format!("\"{value}\"");
    text.find(&quoted).map(|at| crate::text::line_col(text, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_councils_use_are_understood() {
        let v = Vocabulary::shipped();
        for (cell, status) in [
            ("Green", Status::OnTrack),
            ("AMBER", Status::AtRisk),
            ("Red", Status::OffTrack),
            ("Yellow", Status::AtRisk),
            ("COMPLETED", Status::Complete),
            ("Achieved", Status::Complete),
            ("Ongoing", Status::OnTrack),
            ("On track", Status::OnTrack),
            ("Slipped", Status::AtRisk),
            ("Not achieved", Status::OffTrack),
            ("Paused", Status::AtRisk),
            ("4", Status::OffTrack),
            ("1 - Fully achieved", Status::Complete),
            ("Amber - awaiting data", Status::AtRisk),
            ("Complete (March 2024)", Status::Complete),
            ("at-risk", Status::AtRisk),
            ("Blue", Status::Complete),
        ] {
            assert_eq!(v.status(cell), Some(status), "{cell}");
        }
        assert_eq!(v.status("Purple"), None);
        assert_eq!(v.status("Sort of"), None);
    }

    #[test]
    fn a_workspace_extends_and_overrides_the_words() {
        let mut v = Vocabulary::shipped();
        v.extend("[words]\nPurple = \"at-risk\"\n\"4\" = \"complete\"\n")
            .expect("valid");
        assert_eq!(v.status("purple"), Some(Status::AtRisk));
        assert_eq!(v.status("4"), Some(Status::Complete));
        let err = v
            .extend("[words]\nPink = \"rosy\"\n")
            .expect_err("unknown status");
        assert_eq!(err.position, Some((2, 8)));
        assert!(err.message.contains("on-track"), "{}", err.message);
        let err = v.extend("[words\n").expect_err("bad toml");
        assert_eq!(err.position.map(|p| p.0), Some(1));
    }
}
