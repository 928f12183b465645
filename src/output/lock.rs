//! One build at a time per output folder: a second `wenda build` of the same
//! site waits for nothing and overwrites nothing, it stops with a message.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

/// Held while a build writes; the lock goes with the process, however it ends.
pub(crate) struct Lock {
    _file: File,
}

pub(crate) enum Refused {
    /// Another build holds the lock file.
    Busy(PathBuf),
    Io(PathBuf, io::Error),
}

/// Lock `.public.wenda-lock` beside the output folder `target`.
pub(crate) fn acquire(target: &Path) -> Result<Lock, Refused> {
    let path = super::paths::sibling(target, "lock");
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Refused::Io(dir.to_path_buf(), e))?;
    }
    let file = OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(|e| Refused::Io(path.clone(), e))?;
    match file.try_lock() {
        Ok(()) => Ok(Lock { _file: file }),
        Err(TryLockError::WouldBlock) => Err(Refused::Busy(path)),
        Err(TryLockError::Error(e)) => Err(Refused::Io(path, e)),
    }
}
