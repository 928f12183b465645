//! `wenda check`: everything `build` would reject, plus every internal link of
//! every page (question anchors included) resolved against the pages the site
//! would have, without writing anything.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::build::{load_site, BuildOptions};
use crate::diagnostic::Diagnostic;
use crate::render::{pages, Renderer};

/// What one rendered page defines and points to.
struct PageLinks {
    path: String,
    ids: HashSet<String>,
    /// (byte offset in the page, href as written)
    links: Vec<(usize, String)>,
    /// Byte offsets of the page's line ends, to locate a link.
    newlines: Vec<usize>,
}

/// Every problem in the site, sorted; empty when it is ready to publish.
pub fn check(opts: &BuildOptions) -> Vec<Diagnostic> {
    let (site, theme) = match load_site(opts, &crate::progress::Silent) {
        Ok(loaded) => loaded,
        Err(errors) => return errors,
    };
    let renderer = Renderer::new(&site, &theme);
    let pages = pages(&site);
    let mut errors = Vec::new();
    let rendered: Vec<PageLinks> = pages
        .par_iter()
        .filter_map(|page| match renderer.render(page) {
            Ok(out) if out.path.ends_with(".html") => {
                let html = String::from_utf8(out.bytes).unwrap_or_default();
                Some(Ok(scan(out.path, html)))
            }
            Ok(_) => None,
            Err(d) => Some(Err(d)),
        })
        .collect::<Vec<_>>()
        .into_iter()
        .filter_map(|r| r.map_err(|d| errors.push(d)).ok())
        .collect();
    let mut files: HashSet<String> = pages.iter().map(|p| p.path.clone()).collect();
    files.extend(renderer.statics().map(|o| o.path));
    let ids: HashMap<&str, &HashSet<String>> = rendered.iter().map(|p| (p.path.as_str(), &p.ids)).collect();
    let base = &site.config.base_path;
    // Links written in Markdown are reported where the writer wrote them.
    let mut from_markdown: HashSet<(String, &str)> = HashSet::new();
    for interview in &site.interviews {
        let page = format!("{}index.html", interview.url);
        for link in &interview.site_links {
            if let Some(problem) = resolve(base, &page, &link.href, &files, &ids) {
                errors.push(Diagnostic::new(&interview.path, link.line, link.column, format!("the link \"{}\" {problem}", link.href)));
            }
            from_markdown.insert((page.clone(), link.href.as_str()));
        }
    }
    for page in &rendered {
        for (offset, href) in &page.links {
            if from_markdown.contains(&(page.path.clone(), href.as_str())) {
                continue;
            }
            if let Some(problem) = resolve(base, &page.path, href, &files, &ids) {
                let line = page.newlines.partition_point(|&n| n < *offset);
                let column = offset - line.checked_sub(1).map_or(0, |l| page.newlines[l] + 1) + 1;
                let line = line + 1;
                errors.push(Diagnostic::new(
                    format!("{} (output)", page.path),
                    line,
                    column,
                    format!("the link \"{href}\" {problem}"),
                ));
            }
        }
    }
    errors.sort();
    errors.dedup();
    errors
}

/// Why `href` on the page at `from` does not resolve, if it does not.
fn resolve(base: &str, from: &str, href: &str, files: &HashSet<String>, ids: &HashMap<&str, &HashSet<String>>) -> Option<String> {
    let href = href.replace("&amp;", "&");
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
        if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel }
    };
    if !files.contains(&target) {
        return Some(format!("points to {target}, which the site does not have"));
    }
    match (fragment, ids.get(target.as_str())) {
        (Some(f), Some(page_ids)) if !f.is_empty() && !page_ids.contains(f) => {
            Some(format!("names the anchor #{f}, which {target} does not have"))
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
    let newlines = html.match_indices('\n').map(|(i, _)| i).collect();
    PageLinks { path, ids, links, newlines }
}
