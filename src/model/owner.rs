//! The people directory: owners (people, bodies and roles) and every spelling the
//! papers use for them, so a filter on one spelling finds them all.

use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OwnerId(pub usize);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum OwnerKind {
    #[default]
    Person,
    Body,
    Role,
}

impl OwnerKind {
    pub fn parse(text: &str) -> Option<OwnerKind> {
        match text {
            "person" => Some(OwnerKind::Person),
            "body" => Some(OwnerKind::Body),
            "role" => Some(OwnerKind::Role),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            OwnerKind::Person => "person",
            OwnerKind::Body => "body",
            OwnerKind::Role => "role",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Owner {
    pub id: String,
    pub name: String,
    pub role: String,
    pub kind: OwnerKind,
    pub aliases: Vec<String>,
    pub note: String,
    /// The login names this person changes the workspace under (a history entry's
    /// `by`), so notes are signed with a name rather than an account.
    pub logins: Vec<String>,
    /// Not in the directory: made up from a spelling no entry matched.
    pub unlisted: bool,
}

/// The key two spellings share when they name the same owner: case, spaces, dots,
/// hyphens and apostrophes do not count ("M.FitzG" = "m fitzg", "KB-D" = "KBD").
pub fn alias_key(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '.' | '-' | '–' | '—' | '‐' | '\'' | '’' | '_')
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every owner, and an index from each spelling to its owner.
#[derive(Debug, Clone, Default)]
pub struct People {
    pub owners: Vec<Owner>,
    by_alias: HashMap<String, OwnerId>,
}

impl People {
    /// Builds the directory. Returns the spellings that two owners both claim, which
    /// the caller reports; the first owner keeps such a spelling.
    pub fn new(owners: Vec<Owner>) -> (People, Vec<(String, String, String)>) {
        let mut people = People {
            owners: Vec::new(),
            by_alias: HashMap::new(),
        };
        let mut clashes = Vec::new();
        for owner in owners {
            let id = OwnerId(people.owners.len());
            for spelling in owner.spellings() {
                let key = alias_key(spelling);
                if key.is_empty() {
                    continue;
                }
                match people.by_alias.get(&key) {
                    Some(&other) if other != id => clashes.push((
                        spelling.to_string(),
                        people.owners[other.0].id.clone(),
                        owner.id.clone(),
                    )),
                    Some(_) => {}
                    None => {
                        people.by_alias.insert(key, id);
                    }
                }
            }
            people.owners.push(owner);
        }
        (people, clashes)
    }

    pub fn get(&self, id: OwnerId) -> &Owner {
        &self.owners[id.0]
    }

    /// The names of these owners, in order.
    pub fn names(&self, ids: &[OwnerId]) -> Vec<String> {
        ids.iter().map(|o| self.get(*o).name.clone()).collect()
    }

    /// The person who works under this login name, if the directory says.
    pub fn by_login(&self, login: &str) -> Option<&Owner> {
        let login = login.trim();
        self.owners
            .iter()
            .find(|o| !login.is_empty() && o.logins.iter().any(|l| l.trim() == login))
    }

    /// The owner a printed spelling names, if the directory knows it.
    pub fn resolve(&self, printed: &str) -> Option<OwnerId> {
        self.by_alias.get(&alias_key(printed)).copied()
    }

    /// The owner a printed spelling names, adding an unlisted owner when nobody
    /// matches, so that nothing printed is ever dropped.
    pub fn resolve_or_add(&mut self, printed: &str) -> (OwnerId, bool) {
        if let Some(id) = self.resolve(printed) {
            return (id, true);
        }
        let id = OwnerId(self.owners.len());
        self.owners.push(Owner {
            id: alias_key(printed),
            name: printed.trim().to_string(),
            aliases: vec![printed.trim().to_string()],
            unlisted: true,
            ..Owner::default()
        });
        self.by_alias.insert(alias_key(printed), id);
        (id, false)
    }

    /// Every owner a person's words could mean: an exact spelling of an alias, or a
    /// case-insensitive fragment of a name, id or alias.
    pub fn matching(&self, words: &str) -> Vec<OwnerId> {
        if let Some(id) = self.resolve(words) {
            return vec![id];
        }
        let fragment = words.trim().to_lowercase();
        let key = alias_key(words);
        if fragment.is_empty() {
            return Vec::new();
        }
        self.owners
            .iter()
            .enumerate()
            .filter(|(_, o)| {
                o.spellings().any(|s| {
                    s.to_lowercase().contains(&fragment)
                        || (!key.is_empty() && alias_key(s).contains(&key))
                })
            })
            .map(|(i, _)| OwnerId(i))
            .collect()
    }
}

impl Owner {
    /// The name, id and every alias.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        [self.name.as_str(), self.id.as_str()]
            .into_iter()
            .chain(self.aliases.iter().map(String::as_str))
    }

    /// The name with its role where one is known: "Mike Simm (Head of Commissioning)".
    pub fn display(&self) -> String {
        if self.role.is_empty() {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, self.role)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_owner_reads_back_from_its_word_and_nothing_else_is_one() {
        for kind in [OwnerKind::Person, OwnerKind::Body, OwnerKind::Role] {
            assert_eq!(OwnerKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(OwnerKind::parse("team"), None);
    }

    fn directory() -> People {
        let owners = vec![
            Owner {
                id: "m-fitzg".into(),
                name: "M FitzG".into(),
                aliases: vec!["M FitzG".into(), "M.FitzG".into(), "MfitsG".into()],
                ..Owner::default()
            },
            Owner {
                id: "kbd".into(),
                name: "KBD".into(),
                aliases: vec!["KBD".into(), "KB-D".into()],
                ..Owner::default()
            },
        ];
        People::new(owners).0
    }

    #[test]
    fn every_printed_spelling_resolves_to_one_owner() {
        let p = directory();
        let fitz = p.resolve("M FitzG");
        assert!(fitz.is_some());
        for s in ["M.FitzG", "MfitsG", "m fitzg", " M. FitzG "] {
            assert_eq!(p.resolve(s), fitz, "{s}");
        }
        assert_eq!(p.resolve("KB-D"), p.resolve("KBD"));
        assert_ne!(p.resolve("KBD"), fitz);
    }

    #[test]
    fn a_login_names_the_person_who_works_under_it_and_no_one_else() {
        let person = |id: &str, logins: &[&str]| Owner {
            id: id.into(),
            name: id.to_uppercase(),
            logins: logins.iter().map(|l| l.to_string()).collect(),
            ..Owner::default()
        };
        let p = People::new(vec![
            person("ann", &["aclerk", "ann.clerk"]),
            person("bob", &["bclerk"]),
        ])
        .0;
        let who = |login: &str| p.by_login(login).map(|o| o.id.as_str());
        assert_eq!(who("bclerk"), Some("bob"));
        assert_eq!(who(" ann.clerk "), Some("ann"));
        assert_eq!(who("aclerk"), Some("ann"));
        assert_eq!(who("someone"), None);
        assert_eq!(who(""), None);
    }

    #[test]
    fn a_fragment_of_a_name_matches() {
        let p = directory();
        assert_eq!(p.matching("fitz").len(), 1);
        assert_eq!(p.matching("FITZG"), p.matching("MfitsG"));
        assert!(p.matching("nobody").is_empty());
    }

    #[test]
    fn an_unknown_spelling_is_kept_as_an_unlisted_owner() {
        let mut p = directory();
        let (id, known) = p.resolve_or_add("ZM");
        assert!(!known);
        assert!(p.get(id).unlisted);
        assert_eq!(p.resolve_or_add("zm").0, id);
    }

    #[test]
    fn a_spelling_claimed_twice_is_reported() {
        let owners = vec![
            Owner {
                id: "a".into(),
                name: "A".into(),
                aliases: vec!["X".into()],
                ..Owner::default()
            },
            Owner {
                id: "b".into(),
                name: "B".into(),
                aliases: vec!["x".into()],
                ..Owner::default()
            },
        ];
        let (_, clashes) = People::new(owners);
        assert_eq!(clashes.len(), 1);
    }
}
