//! Properties: any text in any field survives a save and a load unchanged, and the
//! loader never panics, whatever it is given.

mod common;

use proptest::prelude::*;
use scrutineer::workspace::{self, Edit, ItemEdit, Workspace};
use toml_edit::{ArrayOfTables, DocumentMut, Table, value};

fn report_text(
    title: &str,
    authority: &str,
    rec: &str,
    action: &str,
    timescale: &str,
    owner: &str,
) -> String {
    let mut doc = DocumentMut::new();
    doc["id"] = value("prop");
    doc["title"] = value(title);
    doc["authority"] = value(authority);
    let mut recs = ArrayOfTables::new();
    let mut r = Table::new();
    r["id"] = value("1");
    r["ref"] = value("1");
    r["text"] = value(rec);
    recs.push(r);
    doc["recommendations"] = toml_edit::Item::ArrayOfTables(recs);
    let mut actions = ArrayOfTables::new();
    let mut a = Table::new();
    a["id"] = value("1a");
    a["answers"] = value(toml_edit::Array::from_iter(["1"]));
    a["text"] = value(action);
    a["timescale"] = value(timescale);
    a["owners"] = value(toml_edit::Array::from_iter([owner]));
    a["owners_printed"] = value(owner);
    actions.push(a);
    doc["actions"] = toml_edit::Item::ArrayOfTables(actions);
    doc.to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_text_in_a_report_loads_exactly_as_written(
        title in any::<String>(),
        authority in any::<String>(),
        rec in any::<String>(),
        action in any::<String>(),
        timescale in any::<String>(),
        owner in "\\PC{1,20}",
    ) {
        let dir = tempfile::tempdir().expect("temp");
        std::fs::create_dir(dir.path().join("reports")).expect("mkdir");
        std::fs::write(
            dir.path().join("reports/prop.toml"),
            report_text(&title, &authority, &rec, &action, &timescale, &owner),
        ).expect("write");
        let ws = Workspace::load(dir.path()).expect("loads");
        prop_assert_eq!(ws.errors().count(), 0, "{:?}", ws.diagnostics);
        let r = &ws.reports[0];
        prop_assert_eq!(&r.title, &title);
        prop_assert_eq!(&r.authority, &authority);
        prop_assert_eq!(&*r.recommendations[0].text, rec.as_str());
        prop_assert_eq!(&*r.actions[0].text, action.as_str());
        prop_assert_eq!(&*r.actions[0].timescale, timescale.as_str());
        prop_assert_eq!(&*ws.items[0].owners_as_printed, std::slice::from_ref(&owner));
        prop_assert_eq!(&r.actions[0].owners_printed, &owner);
    }

    #[test]
    fn any_note_and_name_survive_a_save_and_a_load(note in any::<String>(), who in any::<String>()) {
        let ws = common::workspace();
        let edit = ItemEdit { item: "leicester-2003/2.4a".into(), edit: Edit::Note, note: note.clone() };
        workspace::save(ws.path(), &[edit], &who, jiff::Timestamp::now()).expect("saves");
        let loaded = Workspace::load(ws.path()).expect("loads");
        prop_assert_eq!(loaded.errors().count(), 0, "{:?}", loaded.diagnostics);
        let i = loaded.find("leicester-2003/2.4a").expect("item");
        let last = loaded.items[i].tracking.history.last().expect("history");
        prop_assert_eq!(&last.note, &note);
        prop_assert_eq!(&last.by, &who);
    }

    #[test]
    fn checking_any_text_as_any_file_never_panics(
        text in any::<String>(),
        name in prop::sample::select(vec!["people.toml", "committees.toml", "tracking.toml", "reports/x.toml"]),
    ) {
        let _ = workspace::check_text(name, &text);
    }

    #[test]
    fn checking_toml_like_text_never_panics(
        lines in prop::collection::vec(
            prop::sample::select(vec![
                "id = \"x\"", "title = \"t\"", "[[recommendations]]", "[[actions]]", "answers = [\"1\"]",
                "id = \"1\"", "text = \"t\"", "date = 2003-09-17", "date = 2003-02-30", "timescale = \"Oct '03\"",
                "[items.\"x/1\"]", "status = \"done\"", "ready_for = 2026-01-01", "ready_for = 3",
                "[[items.\"x/1\".history]]", "at = 2026-01-01", "at = 2026-01-01T00:00:00Z", "by = \"a\"",
                "change = \"ready\"", "[[owner]]", "aliases = [\"A\", \"a\"]", "[[committee]]", "meetings = [2003-01-01]",
                "[[meetings]]", "committee = \"c\"", "\"", "= =", "[", "owners = [1]",
            ]),
            0..24,
        ),
        name in prop::sample::select(vec!["people.toml", "committees.toml", "tracking.toml", "reports/x.toml"]),
    ) {
        let _ = workspace::check_text(name, &lines.join("\n"));
    }

    #[test]
    fn loading_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let dir = tempfile::tempdir().expect("temp");
        std::fs::create_dir(dir.path().join("reports")).expect("mkdir");
        for name in ["reports/x.toml", "tracking.toml", "people.toml", "committees.toml"] {
            std::fs::write(dir.path().join(name), &bytes).expect("write");
        }
        let ws = Workspace::load(dir.path()).expect("the folder itself is fine");
        let _ = ws.items.len();
    }
}
