//! The real tools the publishing tests run: found, or the test fails with
//! what to do (`scripts/test` installs them all).

use std::path::PathBuf;
use std::process::Command;

use super::support::repo;

fn missing(what: &str) -> ! {
    panic!("{what} is not installed: run scripts/test, which installs every tool the tests need");
}

/// A command on PATH, e.g. `xmllint`.
pub fn command(name: &str) -> Command {
    let found = std::env::var_os("PATH").map(|paths| std::env::split_paths(&paths).any(|p| p.join(name).is_file())).unwrap_or(false);
    if !found {
        missing(name);
    }
    Command::new(name)
}

/// A file installed by `npm ci` in tests/web.
pub fn node_module(path: &str) -> PathBuf {
    let full = repo().join("tests/web/node_modules").join(path);
    if !full.exists() {
        missing(&format!("tests/web/node_modules/{path}"));
    }
    full
}

pub fn python_with_feedparser() -> Command {
    let ok = Command::new("python3").args(["-c", "import feedparser"]).status().is_ok_and(|s| s.success());
    if !ok {
        missing("python3 with feedparser");
    }
    Command::new("python3")
}
