//! What to say after "no report has the id `leicester`": the ids (and owners) a person
//! probably meant. First those that contain what was typed (`leicester` ->
//! `leicester-2003`), else those a slip of a key or two away (`leicester-2030`).

use crate::model::owner::alias_key;
use crate::workspace::Workspace;

/// At most this many are named; the rest are counted.
const SHOWN: usize = 6;

/// The candidates that contain `typed` (ignoring case), else those within a couple of
/// edits of it, in their order, without repeats.
pub fn closest<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let want = typed.trim().to_lowercase();
    if want.is_empty() {
        return Vec::new();
    }
    let all: Vec<&str> = candidates.into_iter().collect();
    let mut found: Vec<&str> = all
        .iter()
        .copied()
        .filter(|c| c.to_lowercase().contains(&want))
        .collect();
    if found.is_empty() {
        let most = (want.chars().count() / 4).clamp(1, 3);
        found = all
            .iter()
            .copied()
            .filter(|c| strsim::osa_distance(&c.to_lowercase(), &want) <= most)
            .collect();
    }
    let mut seen = std::collections::HashSet::new();
    found.retain(|c| seen.insert(*c));
    found
}

/// "; did you mean `a`?" or "; did you mean one of `a`, `b`, `c` (and 4 more)?", or
/// nothing when there is nothing close.
pub fn did_you_mean(found: &[&str]) -> String {
    match found {
        [] => String::new(),
        [one] => format!("; did you mean `{one}`?"),
        many => {
            let named: Vec<String> = many.iter().take(SHOWN).map(|s| format!("`{s}`")).collect();
            let more = match many.len().saturating_sub(SHOWN) {
                0 => String::new(),
                n => format!(" (and {n} more)"),
            };
            format!("; did you mean one of {}{more}?", named.join(", "))
        }
    }
}

/// The message for a report id no report has, with the ids that contain it.
pub fn unknown_report(ws: &Workspace, id: &str) -> String {
    let found = closest(id, ws.reports.iter().map(|r| r.id.as_str()));
    let hint = if found.is_empty() {
        "; `scrutineer reports` lists them".to_string()
    } else {
        did_you_mean(&found)
    };
    format!("no report has the id `{id}`{hint}")
}

/// `message` (the loader's "no item has the id ..."), with the item ids that contain
/// what was typed: `2.4` -> `leicester-2003/2.4a`, ...; and, for `history`, the
/// recommendations too.
pub fn unknown_item(ws: &Workspace, id: &str, message: &str, recommendations: bool) -> String {
    let mut ids: Vec<String> = ws.items.iter().map(|i| i.id.clone()).collect();
    if recommendations {
        for r in &ws.reports {
            for rec in &r.recommendations {
                ids.push(format!("{}/{}", r.id, rec.id));
            }
        }
    }
    // `leicester/2.4a`: the report's part is what is wrong; look for its own id.
    let mut found = closest(id, ids.iter().map(String::as_str));
    if found.is_empty()
        && let Some((_, tail)) = id.rsplit_once('/')
    {
        found = ids
            .iter()
            .map(String::as_str)
            .filter(|c| c.rsplit_once('/').is_some_and(|(_, t)| t == tail))
            .collect();
    }
    format!("{message}{}", did_you_mean(&found))
}

/// `message` (the loader's "no recommendation has ..."), with the recommendations the
/// person probably meant: the report's part is matched as a report id is
/// (`leicester/2.6` -> `leicester-2003/2.6`), and the recommendation's own id among
/// that report's (`leicester-2003/2.66` -> `leicester-2003/2.6`), or every report's
/// when none is given (`imm-3`).
pub fn unknown_recommendation(ws: &Workspace, id: &str, message: &str) -> String {
    let (report, rec) = match id.split_once('/') {
        Some((r, x)) => (Some(r.trim()), x.trim()),
        None => (None, id.trim()),
    };
    let all: Vec<&str> = ws.reports.iter().map(|r| r.id.as_str()).collect();
    let reports = match report {
        Some(r) if all.contains(&r) => vec![r],
        Some(r) => match closest(r, all.iter().copied()) {
            near if near.is_empty() => all.clone(),
            near => near,
        },
        None => all.clone(),
    };
    let found: Vec<String> = ws
        .reports
        .iter()
        .filter(|r| reports.contains(&r.id.as_str()))
        .flat_map(|r| {
            closest(rec, r.recommendations.iter().map(|x| x.id.as_str()))
                .into_iter()
                .map(move |x| format!("{}/{x}", r.id))
        })
        .collect();
    let found: Vec<&str> = found.iter().map(String::as_str).collect();
    format!("{message}{}", did_you_mean(&found))
}

/// The message for owner words no owner matches, with the owners it is close to: a
/// spelling it contains (`M FitzGerald` -> `M FitzG`), a word of it they share, or a
/// slip of a key.
pub fn unknown_owner(ws: &Workspace, typed: &str) -> String {
    let key = alias_key(typed);
    let words: Vec<String> = typed
        .split_whitespace()
        .map(alias_key)
        .filter(|w| w.chars().count() >= 3)
        .collect();
    // Each owner's best spelling, scored by how much of what was typed it accounts for.
    let mut scored: Vec<(usize, &str)> = Vec::new();
    for owner in &ws.people.owners {
        let best = owner
            .spellings()
            .map(|s| {
                let s = alias_key(s);
                let n = s.chars().count();
                let contained = if n >= 2 && key.contains(&s) { 2 * n } else { 0 };
                let shared = words
                    .iter()
                    .filter(|w| s.contains(w.as_str()))
                    .map(|w| w.chars().count())
                    .max()
                    .unwrap_or(0);
                let distance = strsim::osa_distance(&s, &key);
                let slip = if distance <= (key.chars().count() / 4).clamp(1, 2) {
                    2 * n.saturating_sub(distance)
                } else {
                    0
                };
                contained.max(shared).max(slip)
            })
            .max()
            .unwrap_or(0);
        if best > 0 && !scored.iter().any(|(_, n)| *n == owner.name) {
            scored.push((best, &owner.name));
        }
    }
    scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    let names: Vec<&str> = scored.into_iter().map(|(_, n)| n).collect();
    let hint = if names.is_empty() {
        " (try part of a name, or initials as printed; `scrutineer triage` lists the owners)"
            .to_string()
    } else {
        did_you_mean(&names)
    };
    format!("no owner matches `{typed}`{hint}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_contains_the_word_comes_first_then_near_misses() {
        let ids = ["leicester-2003", "oxfordshire-2005", "oxfordshire-jar-2008"];
        assert_eq!(closest("leicester", ids), vec!["leicester-2003"]);
        assert_eq!(
            closest("OXFORDSHIRE", ids),
            vec!["oxfordshire-2005", "oxfordshire-jar-2008"]
        );
        assert_eq!(closest("leicester-2030", ids), vec!["leicester-2003"]);
        assert!(closest("dudley", ids).is_empty());
        // Two letters swapped are one slip, even in a short word.
        assert_eq!(closest("dudely", ["dudley"]), vec!["dudley"]);
        assert!(closest("  ", ids).is_empty());
    }

    #[test]
    fn many_are_counted_not_all_named() {
        let found = ["a", "b", "c", "d", "e", "f", "g", "h"];
        let said = did_you_mean(&found);
        assert!(said.ends_with("`f` (and 2 more)?"), "{said}");
        assert_eq!(did_you_mean(&[]), "");
    }
}
