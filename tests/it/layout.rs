//! The stages of `src/` only reach down the pipeline: files → content →
//! site → render → output, run by build; the preview server above them all.
//! Read from the `crate::` paths each file names, so a newcomer who adds an
//! import that reaches back (and the import circle it makes) is told at once.

use std::collections::BTreeSet;
use std::path::Path;

use super::support::*;

/// Each stage and the stages it may use; every stage may use the shared
/// leaves (`error`, `text`, `slug`, `progress`, `lines`, `suggest`, ...).
const STAGES: &[(&str, &[&str])] = &[
    ("config", &[]),
    ("content", &["config"]),
    ("site", &["config", "content"]),
    ("render", &["config", "content", "site"]),
    ("output", &["content", "render", "site"]),
    ("build", &["config", "content", "site", "render", "output"]),
    ("scaffold", &["content", "render"]),
    ("import", &["config", "content"]),
    ("serve", &["config", "content", "site", "render", "build"]),
    // The fuzz targets' bodies: what a build does to one file, checked.
    ("fuzzing", &["config", "content", "site", "render", "output"]),
];
const SHARED: &[&str] = &["error", "text", "slug", "progress", "css", "fingerprint", "lines", "suggest"];

/// The stage a source file belongs to: its folder under `src/`, or its name.
fn stage_of(rel: &Path) -> String {
    let first = rel.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_string()
}

/// The top-level modules a file names as `crate::x`.
fn uses(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (at, _) in text.match_indices("crate::") {
        let name: String = text[at + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if !name.is_empty() {
            out.insert(name);
        }
    }
    out
}

#[test]
fn stages_only_reach_down_the_pipeline() {
    let src = repo().join("src");
    let mut files = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap().map(Result::unwrap) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let mut backwards = Vec::new();
    let mut seen_stages = BTreeSet::new();
    for path in &files {
        let rel = path.strip_prefix(&src).unwrap();
        let stage = stage_of(rel);
        if ["lib", "main", "cmd"].contains(&stage.as_str()) || SHARED.contains(&stage.as_str()) {
            // The binary and the crate root use everything; the leaves nothing of ours.
            if SHARED.contains(&stage.as_str()) {
                let reached: Vec<_> = uses(&read(path)).into_iter().filter(|u| !SHARED.contains(&u.as_str())).collect();
                assert!(reached.is_empty(), "{} is a shared leaf but uses {reached:?}", rel.display());
            }
            continue;
        }
        let allowed =
            STAGES.iter().find(|(s, _)| *s == stage).unwrap_or_else(|| panic!("{}: stage {stage} is not listed", rel.display())).1;
        seen_stages.insert(stage.clone());
        for used in uses(&read(path)) {
            if used != stage && !SHARED.contains(&used.as_str()) && !allowed.contains(&used.as_str()) {
                backwards.push(format!("{} ({stage}) uses crate::{used}", rel.display()));
            }
        }
    }
    assert_eq!(seen_stages.len(), STAGES.len(), "every listed stage has files: {seen_stages:?}");
    assert!(backwards.is_empty(), "imports that reach back up the pipeline:\n{}", backwards.join("\n"));
}
