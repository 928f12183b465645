//! The previous site, kept beside the output folder (`.public.wenda-spare`)
//! after a build swaps its new one in. A build that writes only what changed
//! brings the spare level with the output folder, writes its changes there and
//! swaps the two: the output folder is never written file by file, so a build
//! stopped at any moment leaves the previous site or the new one whole.
//!
//! The two folders share every file that did not change (hard links), so the
//! spare costs the disk only the files the last build changed, and bringing it
//! level costs as little: `.public.wenda-spare.json` names the files in which
//! it differs from the output folder. A spare without that list, or one whose
//! list was written for other folders, is rebuilt from the output folder.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::paths::{safe_relative, sibling};

/// What the spare is, for the build after.
#[derive(Serialize, Deserialize)]
struct Record {
    /// The output folder and the spare as the list found them: a folder
    /// removed or replaced since makes the list wrong.
    output: Option<(u64, u64, i64, i64)>,
    spare: Option<(u64, u64, i64, i64)>,
    /// The files (paths inside the folders) that differ between the two.
    differ: BTreeSet<String>,
}

/// The spare folder of the output folder `target`.
pub(crate) fn folder(target: &Path) -> PathBuf {
    sibling(target, "spare")
}

fn record_path(target: &Path) -> PathBuf {
    sibling(target, "spare.json")
}

/// A spare being removed while the build goes on: removing ten thousand
/// folders takes a second or more on a disk.
pub(crate) struct Discarding(Option<std::thread::JoinHandle<io::Result<()>>>);

impl Discarding {
    /// Wait until it is gone.
    pub fn finish(self) -> io::Result<()> {
        match self.0.map(|handle| handle.join()) {
            Some(Ok(done)) => done,
            Some(Err(_)) => Err(io::Error::other("removing the spare folder failed")),
            None => Ok(()),
        }
    }
}

/// Remove the spare and its list: the list at once, the folder renamed
/// aside at once and removed in the background.
pub(crate) fn discard(target: &Path) -> io::Result<Discarding> {
    remove_if_there(&record_path(target))?;
    let (spare, trash) = (folder(target), sibling(target, "trash"));
    // Left by a build stopped while it removed a spare.
    if std::fs::symlink_metadata(&trash).is_ok() {
        std::fs::remove_dir_all(&trash)?;
    }
    if std::fs::symlink_metadata(&spare).is_err() {
        return Ok(Discarding(None));
    }
    std::fs::rename(&spare, &trash)?;
    Ok(Discarding(Some(std::thread::spawn(move || std::fs::remove_dir_all(trash)))))
}

/// Make the spare hold exactly what `target` holds, and return it, with
/// an older spare being removed when it had to be made anew. Its list is
/// removed first: a build stopped while it works leaves no list, and the
/// next one rebuilds the spare.
pub(crate) fn level(target: &Path) -> io::Result<(PathBuf, Discarding)> {
    let spare = folder(target);
    let record = read(target);
    remove_if_there(&record_path(target))?;
    let mut old = Discarding(None);
    match record {
        Some(record) if record.output == identity(target) && record.spare == identity(&spare) && record.output.is_some() => {
            for path in &record.differ {
                let Ok(relative) = safe_relative(path) else { continue };
                match std::fs::symlink_metadata(target.join(&relative)) {
                    Ok(m) if m.is_file() => link_over(&target.join(&relative), &spare.join(&relative))?,
                    _ => remove_file(&spare, &relative)?,
                }
            }
        }
        _ => {
            old = discard(target)?;
            copy_tree(target, &spare)?;
        }
    }
    Ok((spare, old))
}

/// Note that the spare now differs from the output folder in `differ`.
pub(crate) fn note(target: &Path, differ: BTreeSet<String>) -> io::Result<()> {
    let record = Record { output: identity(target), spare: identity(&folder(target)), differ };
    let bytes = serde_json::to_vec(&record).map_err(io::Error::other)?;
    let path = record_path(target);
    let fresh = path.with_extension("json.new");
    if let Err(e) = std::fs::write(&fresh, bytes) {
        // A full disk leaves part of it.
        let _ = std::fs::remove_file(&fresh);
        return Err(e);
    }
    std::fs::rename(fresh, path)
}

fn read(target: &Path) -> Option<Record> {
    serde_json::from_slice(&std::fs::read(record_path(target)).ok()?).ok()
}

/// Every file under `root`, as paths inside it with `/` between names.
pub(crate) fn files(root: &Path) -> io::Result<Vec<String>> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(root).min_depth(1) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(root).map_err(io::Error::other)?;
            let parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
            found.push(parts.join("/"));
        }
    }
    Ok(found)
}

/// `to` becomes another name of `from`'s file (a copy where the file system
/// has no hard links), never written through: a name shared with the output
/// folder is removed first.
pub(crate) fn link_over(from: &Path, to: &Path) -> io::Result<()> {
    make_room(to)?;
    if std::fs::hard_link(from, to).is_err() {
        std::fs::copy(from, to)?;
    }
    Ok(())
}

/// Make way for a new file at `path`: its folder made, and what is there
/// removed. A file of the spare may be the output folder's too (a hard
/// link), so it is replaced, never written through.
pub(crate) fn make_room(path: &Path) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(_) => Ok(()),
    }
}

/// Remove `relative` under `root`, and the folders that leaves empty.
pub(crate) fn remove_file(root: &Path, relative: &Path) -> io::Result<()> {
    let file = root.join(relative);
    remove_if_there(&file)?;
    let mut dir = file.parent();
    while let Some(d) = dir.filter(|d| *d != root) {
        if std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}

fn remove_if_there(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// A copy of the folder `from` at `to` made of hard links.
fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in walkdir::WalkDir::new(from).min_depth(1) {
        let entry = entry.map_err(io::Error::other)?;
        let relative = entry.path().strip_prefix(from).map_err(io::Error::other)?;
        if entry.file_type().is_dir() {
            std::fs::create_dir(to.join(relative))?;
        } else if std::fs::hard_link(entry.path(), to.join(relative)).is_err() {
            std::fs::copy(entry.path(), to.join(relative))?;
        }
    }
    Ok(())
}

/// The device and inode of a folder, and when its entries last changed: the
/// same path with another folder behind it, even one given the inode of a
/// folder removed, is not the folder the list was written for.
#[cfg(unix)]
fn identity(path: &Path) -> Option<(u64, u64, i64, i64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::symlink_metadata(path).ok().filter(|m| m.is_dir()).map(|m| (m.dev(), m.ino(), m.ctime(), m.ctime_nsec()))
}

/// Without inodes to tell folders apart, no list is trusted: the spare is
/// rebuilt every time.
#[cfg(not(unix))]
fn identity(_: &Path) -> Option<(u64, u64, i64, i64)> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, path: &str, text: &str) {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }

    #[test]
    fn a_spare_is_made_then_brought_level_by_its_list() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        write(&target, "index.html", "one");
        write(&target, "a/index.html", "a");
        write(&target, "c/index.html", "c");
        let (spare, old) = level(&target).unwrap();
        old.finish().unwrap();
        assert_eq!(std::fs::read_to_string(spare.join("a/index.html")).unwrap(), "a");
        // The output folder changes; the list says where.
        write(&target, "index.html", "two");
        std::fs::remove_dir_all(target.join("a")).unwrap();
        write(&target, "b/index.html", "b");
        note(&target, ["index.html", "a/index.html", "b/index.html"].map(String::from).into()).unwrap();
        std::fs::write(spare.join("c/stray"), "not listed").unwrap();
        let (spare, old) = level(&target).unwrap();
        old.finish().unwrap();
        assert_eq!(std::fs::read_to_string(spare.join("index.html")).unwrap(), "two");
        assert!(!spare.join("a").exists(), "a removed file's folder goes too");
        assert_eq!(std::fs::read_to_string(spare.join("b/index.html")).unwrap(), "b");
        assert!(spare.join("c/stray").exists(), "only the listed files are looked at");
        assert!(!record_path(&target).exists(), "the list is used once");
        // Without a list the spare is rebuilt whole.
        let (spare, old) = level(&target).unwrap();
        old.finish().unwrap();
        assert!(!spare.join("c/stray").exists());
        let mut files = files(&spare).unwrap();
        files.sort();
        assert_eq!(files, ["b/index.html", "c/index.html", "index.html"]);
        assert!(!sibling(&target, "trash").exists(), "the spare it replaced was removed");
    }

    #[test]
    fn a_list_for_another_folder_is_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        write(&target, "index.html", "one");
        let (spare, old) = level(&target).unwrap();
        old.finish().unwrap();
        note(&target, BTreeSet::new()).unwrap();
        // The output folder removed and built again: same path, another folder.
        std::fs::remove_dir_all(&target).unwrap();
        write(&target, "index.html", "other");
        let spare = {
            assert_eq!(std::fs::read_to_string(spare.join("index.html")).unwrap(), "one");
            let (spare, old) = level(&target).unwrap();
            old.finish().unwrap();
            spare
        };
        assert_eq!(std::fs::read_to_string(spare.join("index.html")).unwrap(), "other");
    }

    #[test]
    fn linking_over_never_writes_through_a_shared_file() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, c) = (dir.path().join("a"), dir.path().join("b"), dir.path().join("c"));
        std::fs::write(&a, "live").unwrap();
        std::fs::hard_link(&a, &b).unwrap();
        std::fs::write(&c, "new").unwrap();
        link_over(&c, &b).unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "live");
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "new");
    }
}
