//! Owners as a tracker prints them: one cell split into owners the way a clerk reads
//! it, a job title kept with its holder, and spellings that may be one person found
//! (to suggest, never to merge).

/// Words that make the part after a comma a job title, not another owner.
const TITLE_WORDS: [&str; 34] = [
    "head",
    "director",
    "manager",
    "officer",
    "lead",
    "chief",
    "service",
    "services",
    "assistant",
    "executive",
    "principal",
    "coordinator",
    "co-ordinator",
    "member",
    "councillor",
    "cabinet",
    "portfolio",
    "team",
    "senior",
    "deputy",
    "strategic",
    "corporate",
    "commissioner",
    "advisor",
    "adviser",
    "partnership",
    "board",
    "chair",
    "practitioner",
    "consultant",
    "specialist",
    "analyst",
    "designated",
    "safeguarding",
];

/// Whether `text` reads as a job title.
pub fn is_title(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|w| TITLE_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Splits an owners cell into owners: on `/`, `;`, `&`, ` and `, commas and line
/// breaks; but "Name, Job Title" is one owner, and so is a title with "and" inside it
/// ("Head of Learning and Skills") when it follows a name and a comma.
pub fn split(cell: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in cell.split(['/', ';', '&', '\n', '\u{2028}']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if let Some((name, title)) = part.split_once(',')
            && !name.trim().is_empty()
            && is_title(title)
            && !is_title(name)
        {
            out.push(format!("{}, {}", name.trim(), title.trim()));
            continue;
        }
        for piece in part.split(',').flat_map(split_and) {
            let piece = piece.trim().trim_end_matches('.').trim();
            if !piece.is_empty() {
                out.push(piece.to_string());
            }
        }
    }
    out
}

/// Splits on " and " (any case), keeping "Head of Learning and Skills" whole.
fn split_and(text: &str) -> Vec<String> {
    // Found in the text itself, ignoring ASCII case: a lower-cased copy is not always
    // as long as the text ("İ"), so its places would not be the text's.
    let find = |from: usize| {
        text.as_bytes()
            .get(from..)?
            .windows(5)
            .position(|w| w.eq_ignore_ascii_case(b" and "))
            .map(|i| from + i)
    };
    let mut parts = Vec::new();
    let mut start = 0;
    let mut from = 0;
    while let Some(at) = find(from) {
        let before = &text[start..at];
        let after_end = find(at + 5).unwrap_or(text.len());
        let after = &text[at + 5..after_end];
        // "Head of Learning and Skills": an "of" phrase continues across "and", unless
        // what follows is a title of its own ("Head of Service and Team Manager").
        let continues = before.to_lowercase().contains(" of ") && !is_title(after);
        if !continues {
            parts.push(text[start..at].to_string());
            start = at + 5;
        }
        from = at + 5;
    }
    parts.push(text[start..].to_string());
    parts
}

/// An owner as printed, and its job title where one follows a comma.
pub fn name_and_role(owner: &str) -> (String, String) {
    match owner.split_once(',') {
        Some((name, title)) if is_title(title) => {
            (name.trim().to_string(), title.trim().to_string())
        }
        _ => (owner.trim().to_string(), String::new()),
    }
}

/// Pairs of spellings that may be one person: the same surname, and first names
/// where one is the other's initial ("Tom Brown" and "T Brown", "T. Brown").
pub fn near_duplicates(spellings: &[String]) -> Vec<(String, String)> {
    let parsed: Vec<(String, Vec<String>, String)> = spellings
        .iter()
        .filter_map(|s| {
            let (name, _) = name_and_role(s);
            let words: Vec<String> = name
                .split(|c: char| c.is_whitespace() || c == '.')
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            let (last, first) = words.split_last()?;
            (!first.is_empty()).then(|| (s.clone(), first.to_vec(), last.clone()))
        })
        .collect();
    let mut out = Vec::new();
    for (i, (a, fa, la)) in parsed.iter().enumerate() {
        for (b, fb, lb) in &parsed[i + 1..] {
            if la != lb || crate::model::owner::alias_key(a) == crate::model::owner::alias_key(b) {
                continue;
            }
            let initials_agree = fa
                .iter()
                .zip(fb)
                .all(|(x, y)| x.starts_with(y.as_str()) || y.starts_with(x.as_str()));
            if initials_agree {
                out.push((a.clone(), b.clone()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_split_as_a_clerk_reads_them() {
        assert_eq!(split("KS/J.Randall"), ["KS", "J.Randall"]);
        assert_eq!(
            split("Head of Service and Team Manager; AJ"),
            ["Head of Service", "Team Manager", "AJ"]
        );
        assert_eq!(
            split("Jane Smith, Head of Safeguarding"),
            ["Jane Smith, Head of Safeguarding"]
        );
        assert_eq!(split("KS, PN, AJ"), ["KS", "PN", "AJ"]);
        assert_eq!(
            split("A Patel & B Jones\nC Wu"),
            ["A Patel", "B Jones", "C Wu"]
        );
        assert_eq!(
            split("Jo Bloggs, Head of Learning and Skills"),
            ["Jo Bloggs, Head of Learning and Skills"]
        );
        assert_eq!(split("Tom Brown AND Sue Green"), ["Tom Brown", "Sue Green"]);
        // Letters whose lower case is longer or shorter than they are.
        assert_eq!(split("İpek Yılmaz and Tom Lee"), ["İpek Yılmaz", "Tom Lee"]);
        assert_eq!(split("KELVİN Ö and ẞ Test"), ["KELVİN Ö", "ẞ Test"]);
    }

    #[test]
    fn spellings_differing_in_spaces_dashes_or_case_are_one_owner() {
        use crate::model::owner::alias_key;
        for (a, b) in [
            ("KB-D", "KB–D"),
            ("kb - d", "KBD"),
            ("M.FitzG", "m fitzg"),
            ("J—Smith", "J Smith"),
        ] {
            assert_eq!(alias_key(a), alias_key(b), "{a} / {b}");
        }
    }

    #[test]
    fn a_title_is_kept_as_the_role() {
        assert_eq!(
            name_and_role("Jane Smith, Head of Safeguarding"),
            ("Jane Smith".to_string(), "Head of Safeguarding".to_string())
        );
        assert_eq!(name_and_role("KS"), ("KS".to_string(), String::new()));
    }

    #[test]
    fn near_duplicates_are_found_not_merged() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            near_duplicates(&s(&["Tom Brown", "T Brown", "Sue Brown", "T. Green"])),
            [("Tom Brown".to_string(), "T Brown".to_string())]
        );
        assert!(near_duplicates(&s(&["Tom Brown", "Tim Brown"])).is_empty());
    }

    proptest::proptest! {
        /// Whatever the cell holds, each owner read from it is a piece of it as
        /// printed: nothing is cut inside a letter, dropped or made up.
        #[test]
        fn each_owner_is_a_piece_of_the_cell_as_printed(
            parts in proptest::collection::vec("[A-Za-zİıẞÖö .,]{0,12}", 1..5),
            joins in proptest::collection::vec(
                proptest::sample::select(vec![" and ", " AND ", " And ", "/", "; ", ", "]),
                4,
            ),
        ) {
            let mut cell = String::new();
            for (i, part) in parts.iter().enumerate() {
                if i > 0 {
                    cell.push_str(joins[i - 1]);
                }
                cell.push_str(part);
            }
            for owner in split(&cell) {
                proptest::prop_assert!(cell.contains(&owner), "{owner:?} not in {cell:?}");
            }
        }
    }
}
