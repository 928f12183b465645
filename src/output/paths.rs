//! Where the output's files and its neighbours go: every output path is
//! checked to stay inside the folder, and the build's own files beside the
//! output folder are named after it.

use std::io;
use std::path::{Component, Path, PathBuf};

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
