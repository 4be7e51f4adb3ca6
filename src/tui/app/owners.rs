//! The owner picker: typing narrows the owners to those any of whose spellings (name,
//! id, every alias) fuzzy-match, so "fitz" finds M FitzG however a paper spelled them.

use super::{App, Popup};
use crate::model::OwnerId;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use tui_input::Input;

pub struct OwnerPicker {
    pub input: Input,
    pub selected: usize,
}

/// A line of the owner picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnerChoice {
    /// None: "any owner" (clears the owner filter).
    pub owner: Option<OwnerId>,
    pub items: usize,
}

impl App {
    pub(super) fn open_owner_picker(&mut self) {
        self.popup = Some(Popup::Owners(OwnerPicker {
            input: Input::default(),
            selected: 0,
        }));
    }

    /// The owners the picker offers for what has been typed: every owner any of whose
    /// spellings (name, id, aliases) fuzzy-matches, best first.
    pub fn owner_choices(&self, typed: &str) -> Vec<OwnerChoice> {
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut counts = vec![0usize; self.ws.people.owners.len()];
        for item in &self.ws.items {
            for o in &item.owners {
                if let Some(c) = counts.get_mut(o.0) {
                    *c += 1;
                }
            }
        }
        let typed = typed.trim();
        let mut scored: Vec<(i64, String, OwnerChoice)> = self
            .ws
            .people
            .owners
            .iter()
            .enumerate()
            .filter_map(|(i, owner)| {
                let score = if typed.is_empty() {
                    0
                } else {
                    owner
                        .spellings()
                        .filter_map(|s| matcher.fuzzy_match(s, typed))
                        .max()?
                };
                let choice = OwnerChoice {
                    owner: Some(OwnerId(i)),
                    items: counts[i],
                };
                Some((score, owner.name.to_lowercase(), choice))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut choices: Vec<OwnerChoice> = Vec::new();
        if typed.is_empty() && !self.filter.owners.is_empty() {
            choices.push(OwnerChoice {
                owner: None,
                items: self.ws.items.len(),
            });
        }
        choices.extend(scored.into_iter().map(|(_, _, c)| c));
        choices
    }

    pub(super) fn confirm_owner(&mut self) {
        let Some(Popup::Owners(picker)) = &self.popup else {
            return;
        };
        let choices = self.owner_choices(picker.input.value());
        let Some(choice) = choices.get(picker.selected) else {
            return self.info("no owner matches; esc closes the picker");
        };
        self.popup = None;
        match choice.owner {
            Some(o) => {
                self.filter.owners = vec![self.owner_word(o)];
                self.refresh();
                let name = crate::text::sanitize(&self.ws.people.get(o).name, false);
                self.info(format!("owner {name}: {} item(s)", self.hits.len()));
            }
            None => {
                self.filter.owners.clear();
                self.refresh();
                self.info("owner filter cleared");
            }
        }
    }
}
