//! Puts a finished build in the output folder's place in one step, so that
//! whenever the process stops (SIGKILL, power loss) the folder holds the
//! previous site or the new one, never a mix and never nothing.
//!
//! On Linux, `renameat2(RENAME_EXCHANGE)` swaps the two folders atomically.
//! Elsewhere, or on a file system without it, the output folder is renamed
//! aside and the new one into its place; a build that finds the folder
//! missing and the aside copy there puts the aside copy back first
//! ([`recover`]).

use std::io;
use std::path::Path;

/// Make `staging` the output folder `target`; `aside` is where the previous
/// site goes when the swap cannot be one step. Both are removed afterwards.
pub(crate) fn swap_in(staging: &Path, target: &Path, aside: &Path) -> io::Result<()> {
    if trade(staging, target, aside)? {
        std::fs::remove_dir_all(staging)?;
    }
    Ok(())
}

/// Make `staging` the output folder `target`, and the previous site, if
/// there was one (then true), `staging`.
pub(crate) fn trade(staging: &Path, target: &Path, aside: &Path) -> io::Result<bool> {
    if !target.exists() {
        std::fs::rename(staging, target)?;
        return Ok(false);
    }
    if exchange(staging, target)? {
        return Ok(true);
    }
    if aside.exists() {
        std::fs::remove_dir_all(aside)?;
    }
    std::fs::rename(target, aside)?;
    std::fs::rename(staging, target)?;
    std::fs::rename(aside, staging)?;
    Ok(true)
}

/// An earlier build stopped between the two renames of the fallback: the
/// output folder is missing and the previous site is aside. Put it back.
pub(crate) fn recover(target: &Path, aside: &Path) -> io::Result<()> {
    if !target.exists() && aside.is_dir() {
        std::fs::rename(aside, target)?;
    } else if aside.exists() {
        std::fs::remove_dir_all(aside)?;
    }
    Ok(())
}

/// Swap two folders in one step; false when the system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e));
    let (a, b) = (c(a)?, c(b)?);
    // The system call itself: older C libraries (musl before 1.2.4) have no
    // wrapper for it.
    // SAFETY: both are NUL-terminated paths that live across the call.
    let r = unsafe { libc::syscall(libc::SYS_renameat2, libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE) };
    if r == 0 {
        return Ok(true);
    }
    let error = io::Error::last_os_error();
    match error.raw_os_error() {
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP) => Ok(false),
        _ => Err(error),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_new_site_takes_the_place_of_the_old_in_one_step() {
        let dir = tempfile::tempdir().unwrap();
        let (target, staging, aside) =
            (dir.path().join("public"), dir.path().join(".public.wenda-new"), dir.path().join(".public.wenda-old"));
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("index.html"), "old").unwrap();
        std::fs::create_dir_all(&staging).unwrap();
        std::fs::write(staging.join("index.html"), "new").unwrap();
        swap_in(&staging, &target, &aside).unwrap();
        assert_eq!(std::fs::read_to_string(target.join("index.html")).unwrap(), "new");
        assert!(!staging.exists() && !aside.exists());
    }

    #[test]
    fn a_swap_cut_short_is_put_back() {
        let dir = tempfile::tempdir().unwrap();
        let (target, aside) = (dir.path().join("public"), dir.path().join(".public.wenda-old"));
        std::fs::create_dir_all(&aside).unwrap();
        std::fs::write(aside.join("index.html"), "old").unwrap();
        recover(&target, &aside).unwrap();
        assert_eq!(std::fs::read_to_string(target.join("index.html")).unwrap(), "old");
        assert!(!aside.exists());
    }
}
