//! The key to initials: every owner of an item in the pack whose name is initials,
//! with what the people directory knows of it.

use super::{KeyEntry, PackInput};
use crate::agenda::Agenda;
use crate::model::Owner;

/// Whether an owner's name is initials ("KS", "M-AR", "MMcG", "M McC"): every word
/// short, with at most one small letter.
pub(super) fn is_initials(name: &str) -> bool {
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || matches!(c, '.' | '-' | '/'))
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words.iter().all(|w| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            let small = w.chars().filter(|c| c.is_lowercase()).count();
            letters > 0 && w.chars().count() <= 4 && small <= 1
        })
        && name.chars().any(|c| c.is_uppercase())
}

pub(super) fn key_meaning(owner: &Owner) -> String {
    let mut meaning = if !owner.role.trim().is_empty() {
        owner.role.trim().to_string()
    } else if owner.unlisted {
        "Not in the people directory: as printed in the action plan.".to_string()
    } else {
        "No name or role recorded.".to_string()
    };
    if !owner.note.trim().is_empty() {
        meaning.push(' ');
        meaning.push_str(owner.note.trim());
    }
    meaning
}

/// Every owner of an item in the pack whose name is initials, in order of first use.
pub(super) fn key(input: PackInput<'_>, agenda: &Agenda) -> Vec<KeyEntry> {
    let mut seen = Vec::new();
    let mut key = Vec::new();
    for i in agenda.items() {
        for &o in &input.items[i].owners {
            if seen.contains(&o) {
                continue;
            }
            seen.push(o);
            let owner = input.people.get(o);
            if is_initials(&owner.name) {
                key.push(KeyEntry {
                    initials: owner.name.clone(),
                    meaning: key_meaning(owner),
                });
            }
        }
    }
    key.sort_by_key(|k| k.initials.to_lowercase());
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_are_told_from_names() {
        for i in ["KS", "M-AR", "MMcG", "M McC", "KB-D", "JJ", "DO"] {
            assert!(is_initials(i), "{i}");
        }
        for n in [
            "M FitzG",
            "J.Randall",
            "C. Care SM",
            "The local partnership",
            "Select Committee",
            "Andrew Bunyan",
        ] {
            assert!(!is_initials(n), "{n}");
        }
    }
}
