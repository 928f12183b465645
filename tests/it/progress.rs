//! The progress a build reports: every long stage, in order, each counted
//! to its end, so that a bar at 100,000 interviews tells the truth.

use std::sync::Mutex;

use super::support::*;
use wenda::build::{build, BuildOptions};
use wenda::progress::Progress;

/// Each stage with its total and how many items were counted in it.
#[derive(Default)]
struct Recorded(Mutex<Vec<(String, usize, usize)>>);

impl Progress for Recorded {
    fn start(&self, stage: &str, total: usize) {
        self.0.lock().unwrap().push((stage.to_string(), total, 0));
    }
    fn advance(&self) {
        self.0.lock().unwrap().last_mut().expect("advance after start").2 += 1;
    }
}

fn stages(root: &std::path::Path, cache: bool) -> Vec<(String, usize, usize)> {
    let progress = Recorded::default();
    let opts = BuildOptions { root: root.to_path_buf(), output: None, base_url: None, drafts: false, cache };
    let summary = build(&opts, &progress).expect("the fixture builds");
    let stages = progress.0.into_inner().unwrap();
    let total = |name: &str| stages.iter().find(|s| s.0 == name).map(|s| s.1);
    assert_eq!(total("pages"), Some(summary.pages), "{stages:?}");
    stages
}

#[test]
fn every_long_stage_is_reported_and_counted_to_its_end() {
    let site = site_from(&fixtures().join("good"));
    let files = walkdir_count(&site.path().join("content"));
    for cache in [false, true, true] {
        let stages = stages(site.path(), cache);
        let names: Vec<&str> = stages.iter().map(|s| s.0.as_str()).collect();
        let wanted: &[&str] = if cache {
            &["read", "front", "parse", "pages", "search", "index", "cache"]
        } else {
            &["read", "front", "parse", "pages", "search", "index"]
        };
        assert_eq!(names, wanted, "cache {cache}");
        for (name, total, counted) in &stages {
            assert_eq!(total, counted, "{name} counted {counted} of {total} (cache {cache})");
        }
        assert_eq!(stages[0].1, files, "every content file is read");
        // The interviews parsed include drafts and future ones, which are checked too.
        assert_eq!(stages[1].1, files, "every interview's front matter is read");
        assert_eq!(stages[2].1, 4);
        assert_eq!(stages[4].1, 2, "one search document per published interview");
    }
}

fn walkdir_count(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| if p.is_dir() { walkdir_count(&p) } else { usize::from(p.extension().is_some_and(|x| x == "md")) })
        .sum()
}
