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
