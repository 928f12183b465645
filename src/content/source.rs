//! Finds the interview files under `content/` and reads them as text. A file
//! that is not UTF-8 is an error naming the first bad byte; a byte-order mark
//! is dropped and CRLF line ends become LF, so later stages see one form.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::error::{line_col, Diagnostic, Kind};

pub(crate) const CONTENT_DIR: &str = "content";

/// One content file, read and normalised.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    /// Relative to the site root, e.g. `content/interviews/x.md`.
    pub path: PathBuf,
    /// Relative to `content/`, e.g. `interviews/x.md`.
    pub content_path: PathBuf,
    /// Shared, so the model and each later parse hold one copy.
    pub text: std::sync::Arc<str>,
}

/// Every `.md` file under `root/content`, in sorted order, following
/// symbolic links, with what could not be listed: a folder that cannot be
/// read, a link that leads nowhere (a file gone since it was named) or back
/// to a folder around it. Hidden names (an editor's lock links) are passed over.
pub(crate) fn discover(root: &Path) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), Diagnostic> {
    let dir = root.join(CONTENT_DIR);
    if !dir.is_dir() {
        return Err(Diagnostic::file(CONTENT_DIR, Kind::NoContentFolder));
    }
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for entry in WalkDir::new(&dir).follow_links(true).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                problems.extend(walk_problem(root, &e));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file() && name.ends_with(".md") && !name.starts_with('.') {
            files.push(entry.path().strip_prefix(root).unwrap_or(entry.path()).to_path_buf());
        }
    }
    Ok((files, problems))
}

/// What a failure to list part of `content/` is, where; `None` for a hidden name.
fn walk_problem(root: &Path, e: &walkdir::Error) -> Option<Diagnostic> {
    let relative = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let path = e.path().map_or_else(|| PathBuf::from(CONTENT_DIR), relative);
    if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
        return None;
    }
    if let Some(ancestor) = e.loop_ancestor() {
        return Some(Diagnostic::file(path, Kind::SymlinkLoop { ancestor: relative(ancestor) }));
    }
    let reason = e.io_error().map_or_else(|| e.to_string(), ToString::to_string);
    if path.extension().is_some_and(|x| x == "md") {
        return Some(Diagnostic::file(path, Kind::CannotRead { reason }));
    }
    // A link to nothing that is not an interview is read by nobody (an
    // image it names is reported missing where it is named).
    let gone = e.io_error().is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound);
    (!gone).then(|| Diagnostic::file(path, Kind::CannotListContent { reason }))
}

/// Read every file in parallel; all unreadable files are reported together.
pub(crate) fn load_all(root: &Path, files: &[PathBuf], progress: &dyn crate::progress::Progress) -> (Vec<Source>, Vec<Diagnostic>) {
    let results: Vec<Result<Source, Diagnostic>> = crate::progress::stage(progress, "read", files.len(), || {
        files
            .par_iter()
            .map(|p| {
                let loaded = load(root, p);
                progress.advance();
                loaded
            })
            .collect()
    });
    let mut sources = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(s) => sources.push(s),
            Err(e) => errors.push(e),
        }
    }
    (sources, errors)
}

impl Source {
    /// A file's text as given, at `path` relative to the site root.
    pub(crate) fn new(path: &Path, text: &str) -> Source {
        let content_path = path.strip_prefix(CONTENT_DIR).unwrap_or(path).to_path_buf();
        Source { path: path.to_path_buf(), content_path, text: text.into() }
    }
}

/// Read one file (path relative to `root`).
pub(crate) fn load(root: &Path, path: &Path) -> Result<Source, Diagnostic> {
    let bytes = std::fs::read(root.join(path)).map_err(|e| Diagnostic::file(path, Kind::CannotRead { reason: e.to_string() }))?;
    let text = decode(path, bytes)?;
    Ok(Source::new(path, &text))
}

/// UTF-8 text with LF line ends and no byte-order mark.
pub(crate) fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]);
        let (line, column) = line_col(&prefix, prefix.len());
        Diagnostic::new(path, line, column, Kind::NotUtf8 { byte: e.as_bytes()[valid], offset: valid })
    })?;
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    Ok(if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_bom_and_crlf() {
        let t = decode(Path::new("x.md"), b"\xEF\xBB\xBF---\r\ntitle: x\r\n".to_vec()).unwrap();
        assert_eq!(t, "---\ntitle: x\n");
    }

    /// A file listed, then gone before it is read, is named with why.
    #[test]
    fn a_file_gone_since_listing_is_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/interviews")).unwrap();
        for name in ["a.md", "b.md"] {
            std::fs::write(dir.path().join("content/interviews").join(name), "---\ntitle: x\n---\n").unwrap();
        }
        let (files, problems) = discover(dir.path()).unwrap();
        assert!(problems.is_empty());
        std::fs::remove_file(dir.path().join("content/interviews/a.md")).unwrap();
        let (sources, errors) = load_all(dir.path(), &files, &crate::progress::Silent);
        assert_eq!(sources.len(), 1);
        assert_eq!(
            errors.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["content/interviews/a.md:1:1: cannot read the file: No such file or directory (os error 2)"]
        );
    }

    #[test]
    fn locates_bad_byte() {
        let e = decode(Path::new("x.md"), b"---\nab\xFFc".to_vec()).unwrap_err();
        assert_eq!((e.line, e.column), (2, 3));
    }
}
