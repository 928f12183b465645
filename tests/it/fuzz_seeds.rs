//! Every fuzz target's seeds and the inputs fuzzing found bugs with
//! (`fuzz/seeds/<target>/`, `fuzz/regressions/<target>/`), run through the
//! same target functions libFuzzer runs (FUZZING.md), on stable: no input
//! may panic or break a target's properties.

use super::support::repo;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let mut found = Vec::new();
    for folder in ["fuzz/seeds", "fuzz/regressions"] {
        let dir = repo().join(folder).join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let name = path.strip_prefix(repo()).unwrap_or(&path).display().to_string();
            found.push((name, std::fs::read(&path).unwrap()));
        }
    }
    found.sort();
    found
}

#[test]
fn every_seed_and_regression_passes_its_target() {
    let mut failures = Vec::new();
    let mut total = 0;
    for (target, run) in wenda::fuzzing::TARGETS {
        let inputs = inputs(target);
        assert!(!inputs.is_empty(), "{target} has no seeds under fuzz/seeds/{target}");
        for (name, bytes) in inputs {
            total += 1;
            if let Err(panic) = std::panic::catch_unwind(|| run(&bytes)) {
                let message = panic.downcast_ref::<String>().cloned().or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()));
                failures.push(format!("{target}: {name}: {}", message.unwrap_or_default()));
            }
        }
    }
    assert!(total > 500, "only {total} inputs");
    assert!(failures.is_empty(), "{} of {total} inputs failed:\n{}", failures.len(), failures.join("\n"));
}

/// A deterministic pseudo-random source (xorshift64*), so a failure found by
/// the smoke run is found again by the next one.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Pieces that mean something to one reader or another: fences, labels,
/// timecodes, anchors, brackets, raw HTML, full-width punctuation, control
/// characters, bytes that are not UTF-8 and numbers at the edges of integers.
const TOKENS: &[&[u8]] = &[
    b"18446744073709551615",
    b"9223372036854775808",
    b"4294967296",
    b"-1",
    b"1e309",
    b"\n---\n",
    b"---\n",
    b"\nQ: ",
    b"\nA: ",
    b"**Q:**",
    b"SMITH: ",
    b"[00:12:34] ",
    b"01:02:03.5",
    b"PT1H2M",
    b" {#x}",
    b"](#x)",
    b"[",
    b"{",
    b"]]",
    b"<div>",
    b"</p>",
    b"<a href=\"javascript:x\">",
    b"&amp;",
    "：".as_bytes(),
    "问：".as_bytes(),
    "\u{3000}".as_bytes(),
    "\u{200b}".as_bytes(),
    b"\r",
    b"\0",
    b"\t",
    b"\xff\xfe",
    b"\xe4\xb8",
    b"*a",
    b"&a ",
    b"!",
    b"title = \"",
    b"[[topics]]\n",
    b"../",
    b"%2e%2e/",
];

/// The longest input any target is given, as libFuzzer's `-max_len`.
const MAX_LEN: usize = 65536;

/// One random change to `input`, as libFuzzer's mutators make: a byte
/// changed, inserted or removed, a run removed or repeated, a number
/// replaced by a larger or smaller one, a meaningful piece put in, or a part
/// of another input spliced in.
fn mutate(input: &mut Vec<u8>, others: &[Vec<u8>], rng: &mut Rng) {
    let at = rng.below(input.len() + 1);
    match rng.below(8) {
        7 => {
            let Some(start) = input[at..].iter().position(u8::is_ascii_digit).map(|p| at + p) else { return };
            let end = input[start..].iter().position(|b| !b.is_ascii_digit()).map_or(input.len(), |p| start + p);
            let number = match rng.below(3) {
                0 => rng.next().to_string(),
                1 => (rng.next() >> rng.below(64)).to_string(),
                _ => "0".to_string(),
            };
            input.splice(start..end, number.into_bytes());
        }
        0 if !input.is_empty() => {
            let i = rng.below(input.len());
            input[i] ^= 1 << rng.below(8);
        }
        1 => input.insert(at, rng.next() as u8),
        2 if at < input.len() => {
            let end = (at + 1 + rng.below(16)).min(input.len());
            input.drain(at..end);
        }
        3 if at < input.len() => {
            let end = (at + 1 + rng.below(64)).min(input.len());
            let run = input[at..end].to_vec();
            for _ in 0..1 + rng.below(8) {
                input.splice(at..at, run.iter().copied());
            }
        }
        4 | 5 => {
            let token = TOKENS[rng.below(TOKENS.len())];
            input.splice(at..at, token.iter().copied());
        }
        _ => {
            let other = &others[rng.below(others.len())];
            let from = rng.below(other.len());
            let end = (from + 1 + rng.below(256)).min(other.len());
            input.splice(at..at, other[from..end].iter().copied());
        }
    }
    input.truncate(MAX_LEN);
}

/// The smoke run: every target, for a few seconds, on its seeds changed at
/// random (one to eight changes each, stacked as libFuzzer stacks them). No
/// input may panic, break a target's property or take longer than libFuzzer's
/// `-timeout`. A failing input is written under `target/fuzz-smoke/` to be
/// minimised and kept in `fuzz/regressions/`.
#[test]
fn every_target_survives_a_few_seconds_of_mutated_seeds() {
    use std::time::{Duration, Instant};
    const BUDGET: Duration = Duration::from_secs(2);
    const TIMEOUT: Duration = Duration::from_secs(10);
    let mut failures = Vec::new();
    let mut runs = Vec::new();
    for (n, (target, run)) in wenda::fuzzing::TARGETS.iter().enumerate() {
        let seeds: Vec<Vec<u8>> = inputs(target).into_iter().map(|(_, bytes)| bytes).collect();
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (n as u64 + 1));
        let started = Instant::now();
        let mut executions = 0;
        while started.elapsed() < BUDGET {
            let mut input = seeds[rng.below(seeds.len())].clone();
            for _ in 0..1 + rng.below(8) {
                mutate(&mut input, &seeds, &mut rng);
            }
            executions += 1;
            let one = Instant::now();
            let outcome = std::panic::catch_unwind(|| run(&input));
            let took = one.elapsed();
            if outcome.is_err() || took > TIMEOUT {
                let dir = repo().join("target/fuzz-smoke").join(target);
                std::fs::create_dir_all(&dir).unwrap();
                let file = dir.join(format!("input-{executions}"));
                std::fs::write(&file, &input).unwrap();
                let why = if outcome.is_err() { "panicked".to_string() } else { format!("took {took:?}") };
                failures.push(format!("{target}: {why} on {}", file.display()));
                break;
            }
        }
        runs.push(format!("{target}: {executions}"));
        assert!(executions > 0, "{target} ran no input");
    }
    eprintln!("fuzz smoke executions: {}", runs.join(", "));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
