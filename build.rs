//! Embeds the default theme (include_dir) and stamps the commit the program is
//! built from into `wenda --version`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-env-changed=WENDA_COMMIT");
    let commit = std::env::var("WENDA_COMMIT").ok().filter(|c| !c.is_empty()).or_else(git_commit).or_else(packaged_commit);
    println!("cargo:rustc-env=WENDA_COMMIT={}", commit.as_deref().unwrap_or("unknown"));
}

/// The commit checked out, when built from a git checkout; reruns when it moves.
fn git_commit() -> Option<String> {
    let git = |args: &[&str]| -> Option<String> {
        let out = Command::new("git").args(args).output().ok()?;
        out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    let commit = git(&["rev-parse", "--short=12", "HEAD"])?;
    // HEAD names a branch; the branch's file (or packed-refs) moves on commit.
    for path in ["HEAD", "packed-refs"] {
        if let Some(p) = git(&["rev-parse", "--git-path", path]) {
            rerun_if_changed(Path::new(&p));
        }
    }
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        if let Some(p) = git(&["rev-parse", "--git-path", &branch]) {
            rerun_if_changed(Path::new(&p));
        }
    }
    Some(commit)
}

/// A crate downloaded from crates.io has no .git, but `cargo package` records
/// the commit it was packaged from in .cargo_vcs_info.json.
fn packaged_commit() -> Option<String> {
    let path = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR")?).join(".cargo_vcs_info.json");
    let text = std::fs::read_to_string(path).ok()?;
    let start = text.find("\"sha1\"")?;
    let rest = &text[start + 6..];
    let sha: String = rest.chars().skip_while(|c| !c.is_ascii_hexdigit()).take_while(char::is_ascii_hexdigit).collect();
    (sha.len() >= 12).then(|| sha[..12].to_string())
}

fn rerun_if_changed(path: &Path) {
    let path = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    if path.exists() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}
