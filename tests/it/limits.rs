//! Inputs at the worst the fuzz targets' size limits allow (FUZZING.md): each
//! once took time quadratic in its size. They are read in one pass now, and
//! their problems are still reported.

use std::time::{Duration, Instant};

use super::support::{site_with, wenda};

const FRONT: &str = "---\ntitle: A\ndate: 2024-11-13\ninterviewees:\n  - name: Ada Park\n---\n\n";

fn build(text: &str) -> (String, Duration) {
    let site = site_with(&[("content/interviews/a.md", text)]);
    let started = Instant::now();
    let out = wenda(&["build", "--root", site.path().to_str().unwrap()]);
    let took = started.elapsed();
    assert!(!out.status.success(), "the build should fail");
    (String::from_utf8_lossy(&out.stderr).into_owned(), took)
}

/// Every broken link to an anchor of its own page was compared with every
/// anchor for a hint: 64 KiB of headings and such links took 15 s. The first
/// twenty problems of a file get a hint, the rest are reported without.
#[test]
fn only_the_first_twenty_broken_anchors_get_a_hint() {
    let headings: String = (1..=30).map(|n| format!("## Part {n}\n\nText.\n\n")).collect();
    let links: String = (1..=30).map(|n| format!("See [part {n}](#prt-{n}).\n\n")).collect();
    let (stderr, _) = build(&format!("{FRONT}{headings}{links}"));
    let broken: Vec<&str> = stderr.lines().filter(|l| l.contains("which this page does not have")).collect();
    assert_eq!(broken.len(), 30, "{stderr}");
    let hinted = broken.iter().filter(|l| l.contains("did you mean")).count();
    assert_eq!(hinted, 20, "{stderr}");
    assert!(broken[..20].iter().all(|l| l.contains("did you mean")), "the first ones, in the order written: {stderr}");
}

/// A link to a file that is not there was compared with every content file.
#[test]
fn only_the_first_twenty_missing_files_get_a_hint() {
    let links: String = (1..=25).map(|n| format!("See [it](aa{n}.md).\n\n")).collect();
    let site = site_with(&[("content/interviews/a.md", &format!("{FRONT}{links}")), ("content/interviews/aa.md", FRONT)]);
    let out = wenda(&["build", "--root", site.path().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let missing: Vec<&str> = stderr.lines().filter(|l| l.contains("names no content file")).collect();
    assert_eq!(missing.len(), 25, "{stderr}");
    assert_eq!(missing.iter().filter(|l| l.contains("did you mean")).count(), 20, "{stderr}");
}

/// Front matter nested 16,000 deep (`extra: [[[[…`): libyaml's scanner took
/// time quadratic in the depth before serde_yaml refused it.
#[test]
fn yaml_nested_thousands_deep_is_refused_at_once() {
    let (stderr, took) = build(&format!("---\ntitle: A\nextra: {}\n---\n", "[".repeat(16 * 1024)));
    assert!(stderr.contains("nests more than 128 lists and mappings deep"), "{stderr}");
    assert!(took < Duration::from_secs(10), "took {took:?}");
}
