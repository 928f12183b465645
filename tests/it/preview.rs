//! The preview's incremental updates give exactly the files a full build of
//! the same content gives.

use std::collections::HashMap;
use std::path::PathBuf;

use bytes::Bytes;
use wenda::build::BuildOptions;
use wenda::serve::{Preview, Shared};

use super::support::*;

fn options(root: &std::path::Path) -> BuildOptions {
    BuildOptions { root: root.to_path_buf(), output: None, base_url: Some("http://127.0.0.1:1111/".into()), drafts: false, cache: false }
}

fn files(shared: &Shared) -> HashMap<String, Bytes> {
    shared.read().unwrap().files.clone()
}

fn assert_same_as_full_build(root: &std::path::Path, incremental: &Shared, what: &str) {
    let fresh = Shared::default();
    let (_preview, update) = Preview::start(options(root), fresh.clone());
    assert_eq!(update.problems, 0, "{what}: the content itself is broken");
    let (a, b) = (files(incremental), files(&fresh));
    let mut differing: Vec<&String> = b.keys().filter(|k| a.get(*k) != b.get(*k)).collect();
    differing.extend(a.keys().filter(|k| !b.contains_key(*k)));
    differing.sort();
    assert!(differing.is_empty(), "{what}: these files differ from a full build: {differing:?}");
}

/// `count` interviews of Ada Park on agents, one a month from January 2023,
/// with `body(i)` as the text of the i-th.
fn write_fillers(root: &std::path::Path, count: usize, body: impl Fn(usize) -> String) {
    for i in 0..count {
        let text = format!(
            "---\ntitle: \"Filler {i}\"\ndate: 2023-0{}-01\ninterviewees:\n  - name: Ada Park\ntopics: [agents]\n---\n\n{}",
            i + 1,
            body(i)
        );
        std::fs::write(root.join(format!("content/interviews/2023-0{}-01-filler-{i}.md", i + 1)), text).unwrap();
    }
}

#[test]
fn incremental_updates_match_a_full_build() {
    let site = site_from(&fixtures().join("good"));
    // More interviews and a small page size, so listings paginate and entries move.
    write_fillers(site.path(), 6, |i| format!("Q: Agent question {i}?\n\nAda Park: An agent answer {i}, about agents.\n"));
    configure(site.path(), "paginate_by = 2");

    let shared = Shared::default();
    let (mut preview, update) = Preview::start(options(site.path()), shared.clone());
    assert_eq!(update.problems, 0);
    let ada = PathBuf::from("content/interviews/2024-05-01-ada-park.md");
    let filler = PathBuf::from("content/interviews/2023-03-01-filler-2.md");
    let filler4 = PathBuf::from("content/interviews/2023-05-01-filler-4.md");
    let edits: [(&PathBuf, &str, &str, &str); 11] = [
        (&ada, "It is not magic.", "It is not magic, and it is an agent.", "an answer"),
        (&filler, "date: 2023-03-01", "date: 2025-09-09", "a date that moves it to the front"),
        (&filler, "topics: [agents]", "topics: [regulation]", "its topics"),
        (&filler, "title: \"Filler 2\"", "title: \"Filler two\"", "its title"),
        (&filler, "Q: Agent question 2?", "Q: A question on regulation?", "a question's words and anchor"),
        (&ada, "role: \"Chief Scientist, <b>Acme</b>\"", "role: \"Chief Executive\"", "a role"),
        (&ada, "date: 2024-05-01T10:00:00+02:00", "date: 2024-05-02T10:00:00+02:00", "the date beside a role"),
        (&filler, "  - name: Ada Park\n", "  - name: Ben Okafor\n", "a new person (the answer label still names the old one)"),
        (
            &ada,
            "Ada Park: Nothing else.",
            "Ada Park: Nothing else.\n\nQ: One more about agents?\n\nAda Park: One more answer.",
            "an added exchange",
        ),
        (&filler4, "topics: [agents]", "topics: []", "a topic dropped from the front matter"),
        (
            &filler4,
            "Q: Agent question 4?\n\nAda Park: An agent answer 4, about agents.",
            "Q: Question four?\n\nAda Park: An answer.",
            "the last tie to a topic gone",
        ),
    ];
    for (path, from, to, what) in edits {
        let file = site.path().join(path);
        let text = read(&file);
        assert!(text.contains(from), "{what}: fixture lacks {from:?}");
        std::fs::write(&file, text.replace(from, to)).unwrap();
        let update = preview.changed(std::slice::from_ref(path));
        assert_eq!(update.problems, 0, "{what}");
        assert!(!update.full, "{what}: should not need a full rebuild");
        assert_same_as_full_build(site.path(), &shared, what);
    }
}
