//! The links of the built pages: every internal link of every page (question
//! anchors included) resolved against the pages the site has. `wenda check`
//! runs the build with this in place of the writer.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use crate::error::{Diagnostic, Kind};
use crate::render::Output;
use crate::site::Site;

/// What one rendered page defines and points to.
struct PageLinks {
    path: String,
    ids: HashSet<String>,
    /// (line, column, href as written)
    links: Vec<(usize, usize, String)>,
}

/// The pages of a build as they are made, read for their ids and links and
/// then dropped; once all are seen, [`Self::problems`] resolves every link.
#[derive(Default)]
pub(crate) struct LinkCheck {
    rendered: Mutex<Vec<PageLinks>>,
    files: Mutex<HashSet<String>>,
}

impl LinkCheck {
    /// Take note of one file of the site.
    pub fn see(&self, out: Output) -> std::io::Result<()> {
        self.files.lock().map_err(|_| std::io::Error::other("lock"))?.insert(out.path.clone());
        if out.path.ends_with(".html") {
            let page = scan(out.path, String::from_utf8(out.bytes).unwrap_or_default());
            self.rendered.lock().map_err(|_| std::io::Error::other("lock"))?.push(page);
        }
        Ok(())
    }

    /// Every link of the pages seen that does not resolve, sorted: where the
    /// writer wrote it for links in Markdown, in the page for the others.
    pub fn problems(self, site: &Site) -> Vec<Diagnostic> {
        let rendered = self.rendered.into_inner().unwrap_or_default();
        let files = self.files.into_inner().unwrap_or_default();
        let mut errors = Vec::new();
        let ids: HashMap<&str, &HashSet<String>> = rendered.iter().map(|p| (p.path.as_str(), &p.ids)).collect();
        let base = &site.config.base_path;
        // Links written in Markdown are reported where the writer wrote them.
        let mut from_markdown: HashSet<(String, &str)> = HashSet::new();
        for interview in &site.interviews {
            let page = format!("{}index.html", interview.url);
            for link in &interview.site_links {
                if let Some(problem) = resolve(base, &page, &link.href, &files, &ids) {
                    errors.push(Diagnostic::new(&interview.path, link.line, link.column, problem));
                }
                from_markdown.insert((page.clone(), link.href.as_str()));
            }
        }
        for page in &rendered {
            for (line, column, href) in &page.links {
                if from_markdown.contains(&(page.path.clone(), href.as_str())) {
                    continue;
                }
                if let Some(problem) = resolve(base, &page.path, href, &files, &ids) {
                    errors.push(Diagnostic::new(format!("{} (output)", page.path), *line, *column, problem));
                }
            }
        }
        errors.sort();
        errors.dedup();
        errors
    }
}

/// Why `href` on the page at `from` does not resolve, if it does not.
fn resolve(base: &str, from: &str, written: &str, files: &HashSet<String>, ids: &HashMap<&str, &HashSet<String>>) -> Option<Kind> {
    let href = written.replace("&amp;", "&");
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (href.as_str(), None),
    };
    let path = path.split('?').next().unwrap_or("");
    let target = if path.is_empty() {
        from.to_string()
    } else {
        let rel = path.strip_prefix(base)?;
        let rel = crate::text::percent_decode(rel);
        if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel
        }
    };
    if !files.contains(&target) {
        return Some(Kind::BrokenLink { href: written.to_string(), target });
    }
    match (fragment, ids.get(target.as_str())) {
        (Some(f), Some(page_ids)) if !f.is_empty() && !page_ids.contains(f) => {
            Some(Kind::BrokenLinkAnchor { href: written.to_string(), fragment: f.to_string(), target })
        }
        _ => None,
    }
}

/// The ids and the internal links (`href`/`src` starting with `/` or `#`) of a page.
fn scan(path: String, html: String) -> PageLinks {
    let mut ids = HashSet::new();
    let mut links = Vec::new();
    for (attr, is_link) in [(" id=\"", false), (" href=\"", true), (" src=\"", true)] {
        let mut from = 0;
        while let Some(found) = html[from..].find(attr) {
            let start = from + found + attr.len();
            let Some(len) = html[start..].find('"') else { break };
            let value = &html[start..start + len];
            if !is_link {
                ids.insert(value.to_string());
            } else if (value.starts_with('/') && !value.starts_with("//")) || value.starts_with('#') {
                links.push((start, value.to_string()));
            }
            from = start + len;
        }
    }
    // Links come out in no particular order: sort them to locate them in one walk.
    links.sort_unstable_by_key(|(offset, _)| *offset);
    let (mut line, mut line_start, mut scanned) = (1, 0, 0);
    let links = links
        .into_iter()
        .map(|(offset, href)| {
            for (i, _) in html[scanned..offset].match_indices('\n') {
                line += 1;
                line_start = scanned + i + 1;
            }
            scanned = offset;
            (line, offset - line_start + 1, href)
        })
        .collect();
    PageLinks { path, ids, links }
}
