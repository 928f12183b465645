//! One fixture site per kind of bad input, under `tests/fixtures/bad/<case>/`.
//! Each holds `expected.txt`: exactly what `wenda build` must print on stderr.
//! (Run with `WENDA_BLESS=1` to rewrite them after a deliberate change, then
//! read the diff.) Every case must also leave the previous output untouched.

use super::support::*;

#[test]
fn every_bad_fixture_fails_with_its_messages_and_keeps_old_output() {
    let cases = std::fs::read_dir(fixtures().join("bad")).unwrap();
    let mut names: Vec<_> = cases.map(|c| c.unwrap().path()).collect();
    names.sort();
    assert!(names.len() >= 15, "fixtures missing");
    let mut failures = Vec::new();
    for case in names {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let site = site_from(&case);
        if case.join(".no-site-toml").exists() {
            std::fs::remove_file(site.path().join("site.toml")).unwrap();
        }
        let public = site.path().join("public");
        std::fs::create_dir_all(public.join("interviews/old")).unwrap();
        std::fs::write(public.join("interviews/old/index.html"), "previous build").unwrap();
        let before = tree(&public);

        let out = wenda(&["build", "--root", site.path().to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr).replace(site.path().to_str().unwrap(), "<site>");
        let expected_path = case.join("expected.txt");
        if std::env::var_os("WENDA_BLESS").is_some() {
            std::fs::write(&expected_path, &stderr).unwrap();
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if out.status.success() {
            failures.push(format!("{name}: build succeeded"));
        }
        if stderr != expected {
            failures.push(format!("{name}: stderr differs\n--- expected\n{expected}--- got\n{stderr}"));
        }
        if tree(&public) != before {
            failures.push(format!("{name}: the previous output changed"));
        }
        let leftovers: Vec<_> = std::fs::read_dir(site.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains("wenda-") && !e.file_name().to_string_lossy().ends_with("wenda-lock"))
            .collect();
        if !leftovers.is_empty() {
            failures.push(format!("{name}: staging folder left behind"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn failed_build_after_good_build_keeps_the_good_site() {
    let site = site_from(&fixtures().join("good"));
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    let before = tree(&public);
    assert!(before.iter().any(|(p, _)| p.ends_with("index.html")));

    let file = site.path().join("content/interviews/2024-05-01-ada-park.md");
    let text = read(&file).replace("topics: [agents]", "topics: [agentz]");
    std::fs::write(&file, text).unwrap();
    let out = wenda(&["build", "--root", site.path().to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown topic \"agentz\" (did you mean \"agents\"?)"));
    assert_eq!(tree(&public), before, "the good site changed");
}

#[test]
fn windows_line_ends_and_byte_order_mark_simply_work() {
    let text = "\u{feff}---\r\ntitle: \"CRLF\"\r\ndate: 2024-01-02\r\ninterviewees:\r\n  - name: Ada Park\r\n---\r\n\r\nQ: Does this work?\r\n\r\nAda Park: It does.\r\n";
    let site = site_with(&[("content/interviews/crlf.md", text)]);
    build_ok(site.path(), &[]);
    let page = read(site.path().join("public/interviews/crlf/index.html"));
    assert!(page.contains("<h1>CRLF</h1>"), "{page}");
    assert!(page.contains("id=\"q-does-this-work\""));
    assert!(page.contains("It does."));
}
