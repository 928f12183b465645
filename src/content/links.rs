//! Links between content files. A Markdown link to `other.md` (relative to the
//! linking file, or from `content/` when it starts with `/`) becomes the URL of
//! that interview's page; its `#fragment` is checked once every page is parsed.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// The page each content file becomes.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    pub slug: String,
    /// Relative to the base URL, e.g. `interviews/wang-xiaohang-2024/`.
    pub url: String,
    /// False for drafts and future interviews left out of this build.
    pub published: bool,
}

/// Content path (relative to `content/`) → page.
#[derive(Debug, Default, Clone)]
pub(crate) struct LinkMap {
    targets: HashMap<PathBuf, Target>,
    /// Files that could not be read, or whose front matter has errors: they
    /// exist, but have no page yet.
    unreadable: HashSet<PathBuf>,
}

/// What a link destination turned out to be.
pub(crate) enum Resolved<'a> {
    /// Not a link to a content file: leave it as written.
    External,
    /// A fragment of the page itself.
    SamePage {
        fragment: &'a str,
    },
    Content {
        target: &'a Target,
        fragment: Option<&'a str>,
    },
    /// A content file that could not be read or whose front matter has errors
    /// (reported at that file).
    Unreadable,
    Missing {
        path: String,
    },
}

impl LinkMap {
    pub fn insert(&mut self, content_path: PathBuf, target: Target) {
        self.targets.insert(content_path, target);
    }

    /// A content file that exists but could not be read, or whose front matter could not.
    pub fn insert_unreadable(&mut self, content_path: PathBuf) {
        self.unreadable.insert(content_path);
    }

    /// Resolve `dest` written in the file at `from` (relative to `content/`).
    pub fn resolve<'a>(&'a self, from: &Path, dest: &'a str) -> Resolved<'a> {
        if let Some(fragment) = dest.strip_prefix('#') {
            return Resolved::SamePage { fragment };
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        if dest.contains("://") || dest.starts_with("mailto:") || dest.starts_with("//") || !path.ends_with(".md") {
            return Resolved::External;
        }
        let decoded = crate::text::percent_decode(path);
        let candidate = match decoded.strip_prefix('/') {
            Some(from_root) => normalize(Path::new(from_root)),
            None => normalize(&from.parent().unwrap_or(Path::new("")).join(&decoded)),
        };
        // Also accept a path written from content/ without the leading '/'.
        let candidates = [candidate, normalize(Path::new(&decoded))];
        let mut candidates = candidates.iter().flatten();
        if let Some(target) = candidates.clone().find_map(|c| self.targets.get(c)) {
            return Resolved::Content { target, fragment };
        }
        if candidates.any(|c| self.unreadable.contains(c)) {
            return Resolved::Unreadable;
        }
        Resolved::Missing { path: path.to_string() }
    }

    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.targets.keys().map(PathBuf::as_path)
    }
}

/// Resolve `.` and `..`; `None` if the path climbs out of `content/`.
pub(crate) fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> LinkMap {
        let mut m = LinkMap::default();
        let t = Target { slug: "a".into(), url: "interviews/a/".into(), published: true };
        m.insert(PathBuf::from("interviews/2024-a.md"), t);
        m
    }

    #[test]
    fn resolves_relative_and_rooted() {
        let m = map();
        let from = Path::new("interviews/b.md");
        assert!(matches!(m.resolve(from, "2024-a.md#q-x"), Resolved::Content { fragment: Some("q-x"), .. }));
        assert!(matches!(m.resolve(from, "/interviews/2024-a.md"), Resolved::Content { .. }));
        assert!(matches!(m.resolve(from, "../../2024-a.md"), Resolved::Missing { .. }));
        assert!(matches!(m.resolve(from, "https://x.org/a.md"), Resolved::External));
        let mut m = m;
        m.insert_unreadable(PathBuf::from("interviews/broken.md"));
        assert!(matches!(m.resolve(from, "broken.md#q-x"), Resolved::Unreadable));
        assert!(matches!(m.resolve(from, "gone.md"), Resolved::Missing { .. }));
    }
}
