//! Warnings: what a site builds with but should not. One fixture site per
//! case under `tests/fixtures/warn/<case>/`, with `expected.txt`: exactly
//! what `wenda build` prints on stderr (`WENDA_BLESS=1` rewrites it). The
//! build succeeds; `wenda check` fails on any warning unless
//! `--allow-warnings`.

use super::support::*;

#[test]
fn every_warning_fixture_builds_warns_and_fails_check() {
    let mut cases: Vec<_> = std::fs::read_dir(fixtures().join("warn")).unwrap().map(|c| c.unwrap().path()).collect();
    cases.sort();
    assert!(cases.len() >= 2, "fixtures missing");
    let mut failures = Vec::new();
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let site = site_from(&case);
        let root = site.path().to_str().unwrap();
        let built = wenda(&["build", "--root", root]);
        let got = stderr(&built).replace(root, "<site>");
        let expected_path = case.join("expected.txt");
        if std::env::var_os("WENDA_BLESS").is_some() {
            std::fs::write(&expected_path, &got).unwrap();
        }
        if !built.status.success() {
            failures.push(format!("{name}: the build failed:\n{got}"));
        }
        if got != std::fs::read_to_string(&expected_path).unwrap_or_default() {
            failures.push(format!("{name}: stderr differs from expected.txt:\n{got}"));
        }
        let n = got.lines().filter(|l| l.contains(": warning: ")).count();
        let checked = wenda(&["check", "--root", root]);
        let tail = format!("error: {n} warning{} found (run with --allow-warnings to accept them)\n", if n == 1 { "" } else { "s" });
        if checked.status.code() != Some(1) || !stderr(&checked).ends_with(&tail) {
            failures.push(format!("{name}: check did not fail on its warnings with \"{tail}\": {}", stderr(&checked)));
        }
        let allowed = wenda(&["check", "--root", root, "--allow-warnings"]);
        let tail = format!("warning: {n} warning{} (allowed)\n", if n == 1 { "" } else { "s" });
        if !allowed.status.success() || !stderr(&allowed).ends_with(&tail) {
            failures.push(format!("{name}: check --allow-warnings did not pass with \"{tail}\": {}", stderr(&allowed)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn what_wenda_new_writes_fails_check_until_filled() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    let r = root.to_str().unwrap();
    assert!(wenda(&["init", r]).status.success());
    let made = wenda(&["new", "Second thoughts", "--root", r]);
    let rel = String::from_utf8_lossy(&made.stdout).split_whitespace().nth(2).unwrap().to_string();
    let check = wenda(&["check", "--root", r]);
    let text = stderr(&check);
    assert_eq!(check.status.code(), Some(1), "{text}");
    assert!(
        text.contains(&format!("{rel}:5:1: warning: interviewer is still \"\", the placeholder `wenda new` wrote: fill it in")),
        "{text}"
    );
    assert!(text.contains(&format!("{rel}:7:11: warning: the interviewee's name is still \"Interviewee\"")), "{text}");
    // The draft builds with --drafts without a page for a person called "".
    assert!(wenda(&["build", "--root", r, "--drafts"]).status.success());
    assert!(!root.join("public/people/person/index.html").exists());
    assert!(!root.join("public/people/interviewee/index.html").exists(), "a placeholder has no page");
    assert!(root.join("public/interviews").is_dir());

    let file = root.join(&rel);
    let filled = read(&file).replace("interviewer: \"\"", "interviewer: Ann Lee").replace("Interviewee", "Ben Okoro");
    std::fs::write(&file, filled).unwrap();
    let again = wenda(&["check", "--root", r, "--drafts"]);
    assert!(again.status.success(), "{}", stderr(&again));
}
