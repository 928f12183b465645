//! Writes outputs into a folder beside the output folder and swaps it in
//! only when everything was written, so a failed or stopped build leaves the
//! previous site exactly as it was. [`Staging`] starts from an empty folder;
//! when the build cache knows what the output folder holds, [`Patch`] starts
//! from the [`spare`](super::spare), the previous site brought level with
//! the output folder, and writes only the files that changed. Output paths
//! are checked: none can leave the folder.

use std::collections::{BTreeSet, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::paths::{safe_relative, sibling};
use super::spare;
use crate::render::Output;

/// A build in progress: outputs go to `staging`, which replaces `target` on commit.
pub(crate) struct Staging {
    target: PathBuf,
    staging: PathBuf,
    /// The output folder of the previous build, when there is one.
    previous: Option<PathBuf>,
    /// Folders made so far: each is made once, not looked up before every file.
    made: Mutex<HashSet<PathBuf>>,
    /// Keep the previous site as the spare (for a build cache's next build).
    keep_spare: bool,
    /// Every file put in, and whether it was written rather than linked to
    /// the previous build's.
    files: Mutex<Vec<(String, bool)>>,
    /// An older spare, of no use to a site made afresh, being removed.
    discarding: spare::Discarding,
}

impl Staging {
    pub fn begin(target: &Path, keep_spare: bool) -> io::Result<Staging> {
        let staging = sibling(target, "new");
        if staging.exists() {
            std::fs::remove_dir_all(&staging)?;
        }
        let discarding = spare::discard(target)?;
        std::fs::create_dir_all(&staging)?;
        let previous = target.is_dir().then(|| target.to_path_buf());
        let files = Default::default();
        Ok(Staging { target: target.to_path_buf(), staging, previous, made: Default::default(), keep_spare, files, discarding })
    }

    fn put(&self, path: &str, written: bool) {
        if self.keep_spare {
            self.files.lock().unwrap_or_else(|e| e.into_inner()).push((path.to_string(), written));
        }
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
                self.put(&output.path, false);
                return Ok(());
            }
        }
        self.put(&output.path, true);
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
        let kept = to.parent().is_none_or(|dir| self.make_dir(dir).is_ok()) && std::fs::hard_link(previous.join(&relative), to).is_ok();
        if kept {
            self.put(path, false);
        }
        kept
    }

    /// Replace the output folder with what was written, in one step; the
    /// previous site becomes the spare, or is removed.
    pub fn commit(self) -> io::Result<()> {
        let swapped = if self.keep_spare {
            super::swap::trade(&self.staging, &self.target, &sibling(&self.target, "old"))
        } else {
            super::swap::swap_in(&self.staging, &self.target, &sibling(&self.target, "old")).map(|()| false)
        };
        // The build is done; a spare that cannot be kept only costs the next
        // build the time to make one.
        if swapped? && self.keep_as_spare().is_err() {
            let _ = std::fs::remove_dir_all(&self.staging);
            let _ = spare::discard(&self.target).and_then(spare::Discarding::finish);
        }
        self.discarding.finish()
    }

    /// The previous site, now at the staging folder's path, becomes the
    /// spare; it differs from the new site in the files written rather than
    /// linked, and in those the new site no longer has.
    fn keep_as_spare(&self) -> io::Result<()> {
        let spare = spare::folder(&self.target);
        std::fs::rename(&self.staging, &spare)?;
        let files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        let new: HashSet<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
        let mut differ: BTreeSet<String> = files.iter().filter(|(_, written)| *written).map(|(path, _)| path.clone()).collect();
        differ.extend(spare::files(&spare)?.into_iter().filter(|path| !new.contains(path.as_str())));
        spare::note(&self.target, differ)
    }

    /// Drop what was written; the output folder is untouched.
    pub fn abort(self) {
        let _ = self.discarding.finish();
        let _ = std::fs::remove_dir_all(&self.staging);
    }
}

/// A build that writes only the files that changed: into the spare, brought
/// level with the output folder first, then swapped in whole. The files the
/// previous build wrote and this one did not are removed from it.
pub(crate) struct Patch {
    target: PathBuf,
    spare: PathBuf,
    /// The spare before, when it had to be made anew, being removed.
    discarding: spare::Discarding,
    /// The files written into the spare or removed from it.
    changed: Mutex<BTreeSet<String>>,
}

impl Patch {
    pub fn begin(target: &Path) -> io::Result<Patch> {
        let (spare, discarding) = spare::level(target)?;
        Ok(Patch { target: target.to_path_buf(), spare, discarding, changed: Default::default() })
    }

    pub fn write(&self, output: &Output) -> io::Result<()> {
        let relative = safe_relative(&output.path)?;
        if same_bytes(&self.target.join(&relative), &output.bytes) {
            return Ok(());
        }
        // Known before it is written: a write that fails half way (a full
        // disk) leaves a file the next build must bring level again.
        self.changed.lock().unwrap_or_else(|e| e.into_inner()).insert(output.path.clone());
        let path = self.spare.join(&relative);
        spare::make_room(&path)?;
        std::fs::write(&path, &output.bytes)
    }

    /// The file at `path` is there to keep.
    pub fn keep(&self, path: &str) -> bool {
        safe_relative(path).is_ok_and(|relative| self.target.join(relative).is_file())
    }

    /// Remove `stale`, the files no longer made (and the folders that leaves
    /// empty), and swap the spare in.
    pub fn commit<'a>(self, stale: impl Iterator<Item = &'a str>) -> io::Result<()> {
        let mut changed = self.changed.into_inner().unwrap_or_else(|e| e.into_inner());
        for path in stale {
            let Ok(relative) = safe_relative(path) else { continue };
            spare::remove_file(&self.spare, &relative)?;
            changed.insert(path.to_string());
        }
        super::swap::trade(&self.spare, &self.target, &sibling(&self.target, "old"))?;
        // The previous site is the spare now, different in what changed.
        let _ = spare::note(&self.target, changed);
        self.discarding.finish()
    }

    /// Drop what was written; the output folder is as it was, and the spare
    /// differs from it in what was written.
    pub fn abort(self) {
        let _ = spare::note(&self.target, self.changed.into_inner().unwrap_or_else(|e| e.into_inner()));
        let _ = self.discarding.finish();
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
