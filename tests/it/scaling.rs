//! Every stage is linear in the size of its input. An interview of 4N turns
//! alike must build in well under 16 times the time of N turns, which is
//! what a step that is quadratic in the turns (each anchor, link or place
//! looked up against all before it) takes once it dominates. N is large
//! enough that such a step dominates, small enough that a debug build takes
//! a second; each size is timed three times and the fastest counts, so that
//! a busy machine does not fail the test.

use std::time::Duration;

use super::support::*;

/// How much longer 4N may take than N: linear is 4, quadratic 16.
const MAX_RATIO: f64 = 8.0;
const N: usize = 2000;

/// The fastest of three builds of a site whose one interview is `start`,
/// `unit` `n` times and a closing bracket.
fn fastest_build(start: &str, unit: &str, n: usize) -> Duration {
    let site = site_with(&[("content/interviews/long.md", &interview("Long", &format!("{start}{}]\n", unit.repeat(n))))]);
    let root = site.path().to_str().unwrap();
    (0..3)
        .map(|_| {
            let (_, took) = wenda_bounded(&["build", "--root", root, "--no-cache"], Duration::from_secs(120));
            took
        })
        .min()
        .unwrap()
}

fn assert_linear(start: &str, unit: &str, n: usize) {
    let small = fastest_build(start, unit, n);
    let large = fastest_build(start, unit, 4 * n);
    let ratio = large.as_secs_f64() / small.as_secs_f64();
    eprintln!("{n} units: {small:?}, {}: {large:?}, {ratio:.1} times as long", 4 * n);
    assert!(ratio < MAX_RATIO, "{n} units: {small:?}, {}: {large:?}, {ratio:.1} times as long: a step grows faster than its input", 4 * n);
}

/// The interviewer's "And then?" over and over, a link to the first of them,
/// an undeclared speaker's line (a warning each) and an open bracket.
#[test]
fn identical_turns_build_in_linear_time() {
    assert_linear("", "**Q:** and then?\n\nBen Okoro: Mm-hmm, see [above](#q-and-then) [and [then\n\nCarl Mbeki: Yes.\n\n", N);
}

/// Every turn links to an anchor and a file that are not there: each error
/// looks for a suggestion among all the anchors and files.
#[test]
fn identical_broken_links_are_reported_in_linear_time() {
    assert_linear("", "Q: and then?\n\nBen Okoro: See [this](#q-and-thne) and [that](missing.md).\n\n", N);
}

/// One answer of brackets: each `[` opens what the `]` at the end may close
/// as a stage direction, and is looked at once; text after an open bracket
/// is gathered until it closes, and not searched again for each piece.
#[test]
fn one_long_answer_of_brackets_builds_in_linear_time() {
    let start = "Q: and then?\n\nBen Okoro: ";
    assert_linear(start, "[", 50 * N);
    // An entity splits the text: each piece comes after the open bracket.
    assert_linear(&format!("{start}["), " &amp;", 20 * N);
}
