//! Local files a page refers to: images and links in the Markdown, recordings
//! and captions in the front matter, a person's photo. A relative path is a
//! file beside the page's source (a page bundle's images and audio) and is
//! copied beside the page; a path from the site root (`/images/x.png`) is a
//! file of `static/`. Both are written under the base URL's path, so the site
//! works under `/project/` as well as at a domain's root. A missing file is
//! an error at the place that names it.

use std::path::{Path, PathBuf};

/// A file to copy into the output.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Copy {
    /// Relative to the site root, e.g. `content/interviews/x/photo.png`.
    pub from: PathBuf,
    /// Relative to the output folder, e.g. `interviews/x/photo.png`.
    pub to: String,
}

/// Where a page's files are read from and written to.
pub(crate) struct Assets<'a> {
    pub root: &'a Path,
    pub base_path: &'a str,
    /// The folder of the page's source, relative to the root (`content/interviews/x`).
    pub source_dir: PathBuf,
    /// The page's folder in the output (`interviews/x/`).
    pub page_dir: String,
    pub copies: Vec<Copy>,
    /// Some path resolved to a file of the site (beside the page or in `static/`).
    pub names_files: bool,
}

/// A local path that names no file: what to say, and where wenda looked.
pub(crate) struct Missing {
    pub looked: PathBuf,
}

/// What a written path turned out to be.
pub(crate) enum Found {
    /// A URL of another site, a `mailto:`, a fragment: left as written.
    External,
    Local {
        url: String,
        file: PathBuf,
    },
}

impl<'a> Assets<'a> {
    pub fn new(root: &'a Path, base_path: &'a str, source: &Path, page_dir: String) -> Assets<'a> {
        let source_dir = source.parent().unwrap_or(Path::new("")).to_path_buf();
        Assets { root, base_path, source_dir, page_dir, copies: Vec::new(), names_files: false }
    }

    /// Resolve `written` (a link or image destination, a media `src`).
    pub fn resolve(&mut self, written: &str) -> Result<Found, Missing> {
        if is_external(written) {
            return Ok(Found::External);
        }
        let (path, tail) = match written.find(['#', '?']) {
            Some(i) => (&written[..i], &written[i..]),
            None => (written, ""),
        };
        let decoded = crate::text::percent_decode(path);
        if let Some(from_root) = decoded.strip_prefix('/') {
            // Written with the base path already (`/archive/images/x.png`), or from the root.
            let inside = self.base_path.strip_prefix('/').and_then(|b| from_root.strip_prefix(b)).filter(|_| self.base_path != "/");
            for (candidate, prefixed) in [(inside, true), (Some(from_root), false)] {
                let Some(rel) = candidate.and_then(|c| normalize(Path::new(c))) else { continue };
                let file = self.root.join("static").join(&rel);
                if file.is_file() {
                    self.names_files = true;
                    let url = if prefixed { written.to_string() } else { format!("{}{}{tail}", self.base_path, &path[1..]) };
                    return Ok(Found::Local { url, file });
                }
            }
            return Err(Missing { looked: Path::new("static").join(from_root) });
        }
        let Some(rel) = normalize(Path::new(&decoded)) else {
            return Err(Missing { looked: self.source_dir.join(&decoded) });
        };
        let from = self.source_dir.join(&rel);
        let file = self.root.join(&from);
        if !file.is_file() {
            return Err(Missing { looked: from });
        }
        self.names_files = true;
        let rel = rel.to_string_lossy().replace('\\', "/");
        let to = format!("{}{rel}", self.page_dir);
        if !self.copies.iter().any(|c| c.to == to) {
            self.copies.push(Copy { from, to: to.clone() });
        }
        Ok(Found::Local { url: format!("{}{to}{tail}", self.base_path), file })
    }
}

/// Not a file of this site: another site's URL, a scheme, a fragment.
pub(crate) fn is_external(dest: &str) -> bool {
    dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") || dest.split_once(':').is_some_and(|(scheme, _)| is_scheme(scheme))
}

fn is_scheme(s: &str) -> bool {
    s.len() > 1
        && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
}

/// `a/./b/../c` → `a/c`; `None` when it climbs out of its folder or names none.
fn normalize(path: &Path) -> Option<PathBuf> {
    super::links::normalize(path).filter(|p| !p.as_os_str().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_local_from_external() {
        for external in ["https://x.org/a.png", "mailto:a@b.c", "//cdn.x/a.png", "#q-1", "data:image/png;base64,AA"] {
            assert!(is_external(external), "{external}");
        }
        for local in ["a.png", "/images/a.png", "../a.png", "img/a b.png"] {
            assert!(!is_external(local), "{local}");
        }
    }

    #[test]
    fn resolves_bundle_files_and_static_files_under_the_base_path() {
        let root = tempfile::tempdir().unwrap();
        let bundle = root.path().join("content/interviews/x");
        std::fs::create_dir_all(&bundle).unwrap();
        std::fs::write(bundle.join("a.png"), b"png").unwrap();
        std::fs::create_dir_all(root.path().join("static/images")).unwrap();
        std::fs::write(root.path().join("static/images/m.png"), b"png").unwrap();
        let mut assets = Assets::new(root.path(), "/project/", Path::new("content/interviews/x/index.md"), "interviews/x/".into());
        let url = |f: Result<Found, Missing>| match f {
            Ok(Found::Local { url, .. }) => url,
            Ok(Found::External) => "external".into(),
            Err(m) => format!("missing {}", m.looked.display()),
        };
        assert_eq!(url(assets.resolve("a.png")), "/project/interviews/x/a.png");
        assert_eq!(url(assets.resolve("./a.png#t=3")), "/project/interviews/x/a.png#t=3");
        assert_eq!(url(assets.resolve("/images/m.png")), "/project/images/m.png");
        assert_eq!(url(assets.resolve("/project/images/m.png")), "/project/images/m.png");
        assert_eq!(url(assets.resolve("b.png")), "missing content/interviews/x/b.png");
        assert_eq!(url(assets.resolve("/images/n.png")), "missing static/images/n.png");
        assert_eq!(assets.copies, [Copy { from: "content/interviews/x/a.png".into(), to: "interviews/x/a.png".into() }]);
    }
}
