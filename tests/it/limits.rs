//! Inputs at the worst the fuzz targets' size limits allow (FUZZING.md): each
//! once took time quadratic in its size. They are read in one pass now, and
//! their problems are still reported.

use std::time::{Duration, Instant};

use super::support::{site_with, wenda};

fn build(text: &str) -> (String, Duration) {
    let site = site_with(&[("content/interviews/a.md", text)]);
    let started = Instant::now();
    let out = wenda(&["build", "--root", site.path().to_str().unwrap()]);
    let took = started.elapsed();
    assert!(!out.status.success(), "the build should fail");
    (String::from_utf8_lossy(&out.stderr).into_owned(), took)
}

/// Front matter nested 16,000 deep (`extra: [[[[…`): libyaml's scanner took
/// time quadratic in the depth before serde_yaml refused it.
#[test]
fn yaml_nested_thousands_deep_is_refused_at_once() {
    let (stderr, took) = build(&format!("---\ntitle: A\nextra: {}\n---\n", "[".repeat(16 * 1024)));
    assert!(stderr.contains("nests more than 128 lists and mappings deep"), "{stderr}");
    assert!(took < Duration::from_secs(10), "took {took:?}");
}
