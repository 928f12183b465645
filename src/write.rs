//! Writes outputs into a staging folder beside the output folder and swaps it
//! in only when everything was written, so a failed build leaves the previous
//! site exactly as it was. Output paths are checked: none can leave the folder.

use std::io;
use std::path::{Component, Path, PathBuf};

use crate::render::Output;

/// A build in progress: outputs go to `staging`, which replaces `target` on commit.
pub struct Staging {
    target: PathBuf,
    staging: PathBuf,
}

impl Staging {
    pub fn begin(target: &Path) -> io::Result<Staging> {
        let staging = sibling(target, "new");
        if staging.exists() {
            std::fs::remove_dir_all(&staging)?;
        }
        std::fs::create_dir_all(&staging)?;
        Ok(Staging { target: target.to_path_buf(), staging })
    }

    /// Write one output; its path must stay inside the folder.
    pub fn write(&self, output: &Output) -> io::Result<()> {
        let path = self.staging.join(safe_relative(&output.path)?);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, &output.bytes)
    }

    /// Replace the output folder with what was written.
    pub fn commit(self) -> io::Result<()> {
        let old = sibling(&self.target, "old");
        if old.exists() {
            std::fs::remove_dir_all(&old)?;
        }
        if self.target.exists() {
            std::fs::rename(&self.target, &old)?;
        }
        std::fs::rename(&self.staging, &self.target)?;
        if old.exists() {
            std::fs::remove_dir_all(&old)?;
        }
        Ok(())
    }

    /// Drop what was written; the output folder is untouched.
    pub fn abort(self) {
        let _ = std::fs::remove_dir_all(&self.staging);
    }
}

/// `public` → `.public.wenda-new` in the same parent folder (same file system).
fn sibling(target: &Path, what: &str) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    target.with_file_name(format!(".{name}.wenda-{what}"))
}

/// `a/b/index.html` as a relative path, refusing anything that could climb out.
pub fn safe_relative(path: &str) -> io::Result<PathBuf> {
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
