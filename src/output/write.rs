//! Writes outputs into a staging folder beside the output folder and swaps it
//! in only when everything was written, so a failed build leaves the previous
//! site exactly as it was ([`Staging`]). When the build cache knows what the
//! output folder holds, [`Patch`] writes only the files that changed, each
//! beside its place first, and renames them all in once every one was
//! written. Output paths are checked: none can leave the folder.

use std::io;
use std::path::{Component, Path, PathBuf};

use crate::render::Output;

/// A build in progress: outputs go to `staging`, which replaces `target` on commit.
pub(crate) struct Staging {
    target: PathBuf,
    staging: PathBuf,
    /// The output folder of the previous build, when there is one.
    previous: Option<PathBuf>,
    /// Folders made so far: each is made once, not looked up before every file.
    made: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
}

impl Staging {
    pub fn begin(target: &Path) -> io::Result<Staging> {
        let staging = sibling(target, "new");
        if staging.exists() {
            std::fs::remove_dir_all(&staging)?;
        }
        std::fs::create_dir_all(&staging)?;
        let previous = target.is_dir().then(|| target.to_path_buf());
        Ok(Staging { target: target.to_path_buf(), staging, previous, made: Default::default() })
    }

    /// Write one output; its path must stay inside the folder. A file the
    /// previous build wrote with the same bytes is linked instead of written:
    /// it keeps its modification time (deploy tools then skip it), and the file
    /// system allocates nothing for it.
    pub fn write(&self, output: &Output) -> io::Result<()> {
        let relative = safe_relative(&output.path)?;
        let path = self.staging.join(&relative);
        if let Some(dir) = path.parent() {
            self.make_dir(dir)?;
        }
        if let Some(previous) = &self.previous {
            let old = previous.join(&relative);
            if same_bytes(&old, &output.bytes) && std::fs::hard_link(&old, &path).is_ok() {
                return Ok(());
            }
        }
        std::fs::write(&path, &output.bytes)
    }

    fn make_dir(&self, dir: &Path) -> io::Result<()> {
        let made = |dir: &Path| self.made.lock().unwrap_or_else(|e| e.into_inner()).contains(dir);
        if !made(dir) {
            std::fs::create_dir_all(dir)?;
            self.made.lock().unwrap_or_else(|e| e.into_inner()).insert(dir.to_path_buf());
        }
        Ok(())
    }

    /// Keep the previous build's file at `path` (its inputs did not change):
    /// false when there is none to keep.
    pub fn keep(&self, path: &str) -> bool {
        let (Some(previous), Ok(relative)) = (&self.previous, safe_relative(path)) else { return false };
        let to = self.staging.join(&relative);
        to.parent().is_none_or(|dir| self.make_dir(dir).is_ok()) && std::fs::hard_link(previous.join(&relative), to).is_ok()
    }

    /// Replace the output folder with what was written, in one step.
    pub fn commit(self) -> io::Result<()> {
        super::swap::swap_in(&self.staging, &self.target, &sibling(&self.target, "old"))
    }

    /// Drop what was written; the output folder is untouched.
    pub fn abort(self) {
        let _ = std::fs::remove_dir_all(&self.staging);
    }
}

/// A build written into the output folder itself: only the files that
/// changed are written, beside their place, and renamed in on commit; the
/// files the previous build wrote and this one did not are removed.
pub(crate) struct Patch {
    target: PathBuf,
    /// (written beside, its place), renamed on commit.
    written: std::sync::Mutex<Vec<(PathBuf, PathBuf)>>,
}

impl Patch {
    pub fn begin(target: &Path) -> Patch {
        Patch { target: target.to_path_buf(), written: Default::default() }
    }

    pub fn write(&self, output: &Output) -> io::Result<()> {
        let path = self.target.join(safe_relative(&output.path)?);
        if same_bytes(&path, &output.bytes) {
            return Ok(());
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let beside = path.with_file_name(format!(".{name}.wenda-new"));
        // Known before it is written: a write that fails half way (a full
        // disk) leaves a file that abort must remove.
        self.written.lock().unwrap_or_else(|e| e.into_inner()).push((beside.clone(), path));
        std::fs::write(&beside, &output.bytes)
    }

    /// The file at `path` is there to keep.
    pub fn keep(&self, path: &str) -> bool {
        safe_relative(path).is_ok_and(|relative| self.target.join(relative).is_file())
    }

    /// Rename what was written into place and remove `stale`, the files no
    /// longer made (and the folders that leaves empty).
    pub fn commit<'a>(self, stale: impl Iterator<Item = &'a str>) -> io::Result<()> {
        for (beside, path) in self.written.into_inner().unwrap_or_else(|e| e.into_inner()) {
            std::fs::rename(beside, path)?;
        }
        for path in stale {
            let Ok(relative) = safe_relative(path) else { continue };
            let file = self.target.join(&relative);
            match std::fs::remove_file(&file) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
            // Empty folders go too, up to the output folder; a folder still holding files stays.
            let mut dir = file.parent();
            while let Some(d) = dir.filter(|d| *d != self.target) {
                if std::fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
        Ok(())
    }

    /// Drop what was written; the output folder is as it was.
    pub fn abort(self) {
        for (beside, _) in self.written.into_inner().unwrap_or_else(|e| e.into_inner()) {
            let _ = std::fs::remove_file(beside);
        }
    }
}

/// True when `path` is a file holding exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    let same_size = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
    same_size && std::fs::read(path).is_ok_and(|old| old == bytes)
}

/// An earlier build was stopped: put the previous site back where it was if
/// it was stopped while swapping its output in, and drop what it staged.
pub(crate) fn recover(target: &Path) -> io::Result<()> {
    super::swap::recover(target, &sibling(target, "old"))?;
    let staged = sibling(target, "new");
    if staged.exists() {
        std::fs::remove_dir_all(staged)?;
    }
    Ok(())
}

/// `public` → `.public.wenda-new` in the same parent folder (same file system).
pub(crate) fn sibling(target: &Path, what: &str) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    target.with_file_name(format!(".{name}.wenda-{what}"))
}

/// `a/b/index.html` as a relative path, refusing anything that could climb out.
pub(crate) fn safe_relative(path: &str) -> io::Result<PathBuf> {
    let bad = || io::Error::new(io::ErrorKind::InvalidInput, format!("refusing to write outside the output folder: {path:?}"));
    if path.is_empty() || path.contains(['\\', '\0']) {
        return Err(bad());
    }
    let p = Path::new(path);
    if !p.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(bad());
    }
    Ok(p.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_escaping_paths() {
        assert!(safe_relative("../x").is_err());
        assert!(safe_relative("/etc/passwd").is_err());
        assert!(safe_relative("a/../../x").is_err());
        assert!(safe_relative("a\\..\\x").is_err());
        assert!(safe_relative("interviews/a/index.html").is_ok());
    }
}
