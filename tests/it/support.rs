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

/// Address space a hostile build may take: runaway memory fails the build
/// (and so the test), not the machine.
const MEMORY_LIMIT: u64 = 4 << 30;

/// `wenda ARGS` that must end within `limit`, under [`MEMORY_LIMIT`] where
/// `prlimit` is there to set it; its output and how long it took.
pub fn wenda_bounded(args: &[&str], limit: std::time::Duration) -> (Output, std::time::Duration) {
    use std::io::Read;
    use std::process::Stdio;
    let bin = env!("CARGO_BIN_EXE_wenda");
    let mut command = if Path::new("/usr/bin/prlimit").exists() {
        let mut c = Command::new("/usr/bin/prlimit");
        c.arg(format!("--as={MEMORY_LIMIT}")).arg("--").arg(bin);
        c
    } else {
        Command::new(bin)
    };
    let started = std::time::Instant::now();
    let mut child = command.args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("run wenda");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).ok();
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for wenda") {
            break status;
        }
        if started.elapsed() > limit {
            child.kill().ok();
            child.wait().ok();
            panic!("wenda {args:?} did not finish in {limit:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    let elapsed = started.elapsed();
    (Output { status, stdout: stdout.join().unwrap(), stderr: stderr.join().unwrap() }, elapsed)
}

/// An interview file with `title`, the interviewee Ben Okoro and `body`.
pub fn interview(title: &str, body: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: 2024-01-01\ninterviewer: Ann Lee\ninterviewees:\n  - name: Ben Okoro\n---\n\n{body}")
}

/// What a command wrote to standard error.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
