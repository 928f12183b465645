//! Helpers: copy a fixture into a temporary folder and run the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixtures() -> PathBuf {
    repo().join("tests/fixtures")
}

/// Copy `from` into a new temporary folder; give it the shared fixture
/// site.toml when it has none.
pub fn site_from(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(from, dir.path());
    if !dir.path().join("site.toml").exists() {
        std::fs::copy(fixtures().join("site.toml"), dir.path().join("site.toml")).expect("copy site.toml");
    }
    dir
}

/// A site made of the shared site.toml and the given content files.
pub fn site_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = site_from(&fixtures().join("empty"));
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// Add `setting` (a line of TOML) to the site's site.toml.
pub fn configure(site: &Path, setting: &str) {
    let config = site.join("site.toml");
    std::fs::write(&config, read(&config).replace("language = \"en\"", &format!("language = \"en\"\n{setting}"))).unwrap();
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

pub fn wenda(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wenda")).args(args).output().expect("run wenda")
}

/// `wenda build --root DIR [extra]`, which must succeed.
pub fn build_ok(root: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", "--root", root.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = wenda(&args);
    assert!(out.status.success(), "build failed:\n{}", String::from_utf8_lossy(&out.stderr));
    out
}

pub fn read(path: impl AsRef<Path>) -> String {
    let path = path.as_ref();
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Every file under `dir`, relative path → bytes, sorted.
pub fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}
