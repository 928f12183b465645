//! The site kept in memory for `wenda serve`, and brought up to date file by
//! file. A content edit parses that file again and re-renders only the pages
//! that show it: its own page first, then its neighbours, the listings whose
//! entries moved or changed (topics, people, archive, by comparing their order
//! before and after), home, feeds, sitemap and the search data. A template edit
//! re-renders the pages of that template (all pages for `base.html` and
//! partials); site.toml, the theme's static files or a new or deleted file
//! rebuild everything. A broken edit keeps the last good pages and records the
//! problems for the server to show.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use bytes::Bytes;
use chrono::Local;
use rayon::prelude::*;

use crate::build::{build_search, generate, prepare, BuildError, BuildOptions, Generated};
use crate::content::source::{self, CONTENT_DIR};
use crate::content::{body, front_matter, Catalog, Fronted, Selection};
use crate::error::{Diagnostic, Kind};
use crate::progress::Silent;
use crate::render::theme::Theme;
use crate::render::{pages, Output, Page, PageKind, Renderer};
use crate::site::{assemble, check_anchors_where, Site};

/// What the server serves: the files of the last good build and the problems
/// of the last attempt (empty when it succeeded).
#[derive(Default)]
pub struct Served {
    pub files: HashMap<String, Bytes>,
    pub problems: Vec<Diagnostic>,
}

pub type Shared = Arc<RwLock<Served>>;

/// What an update did.
#[derive(Debug, Default)]
pub struct Update {
    /// Files written into the served set.
    pub files: usize,
    /// Time until the first changed page was served.
    pub first: Option<Duration>,
    /// Time until every changed page (not the search data) was served.
    pub pages: Option<Duration>,
    /// How many of `files` are pages.
    pub page_files: usize,
    pub total: Duration,
    pub full: bool,
    pub problems: usize,
}

/// The preview's own copy of the site, and where it publishes.
pub struct Preview {
    opts: BuildOptions,
    shared: Shared,
    site: Option<Site>,
    theme: Option<Theme>,
    /// What the site's bodies were parsed with, to parse an edited one.
    catalog: Option<Catalog>,
    /// Modification time and size of each file when last seen, so that a
    /// watcher's report of a file merely being read changes nothing.
    seen: HashMap<PathBuf, Option<(std::time::SystemTime, u64)>>,
}

impl Preview {
    /// Build everything into `shared`.
    pub fn start(opts: BuildOptions, shared: Shared) -> (Preview, Update) {
        let mut preview = Preview { opts, shared, site: None, theme: None, catalog: None, seen: HashMap::new() };
        let update = preview.rebuild_all();
        (preview, update)
    }

    /// Bring the served site up to date after `changed` (paths relative to the root).
    pub fn changed(&mut self, changed: &[PathBuf]) -> Update {
        let started = Instant::now();
        let relevant: Vec<&PathBuf> = changed.iter().filter(|p| is_site_input(p) && self.differs(p)).collect();
        if relevant.is_empty() {
            return Update::default();
        }
        // After a failed full rebuild there is no site to update in place.
        let healthy = self.site.is_some();
        let content_only = relevant.iter().all(|p| p.starts_with(CONTENT_DIR));
        let templates_only = relevant.iter().all(|p| is_template(p));
        let result = if !healthy {
            None
        } else if content_only {
            self.content_changed(&relevant, started)
        } else if templates_only {
            self.templates_changed(&relevant, started)
        } else {
            None
        };
        let mut update = result.unwrap_or_else(|| self.rebuild_all());
        update.total = started.elapsed();
        update
    }

    /// True when `path` was written, created or removed since it was last seen.
    fn differs(&mut self, path: &Path) -> bool {
        let stamp = std::fs::metadata(self.opts.root.join(path)).ok().map(|m| (m.modified().unwrap_or(std::time::UNIX_EPOCH), m.len()));
        self.seen.insert(path.to_path_buf(), stamp) != Some(stamp)
    }

    /// Remember every input file as it is now, so that the watcher's reports
    /// of a full rebuild reading them all do not start another one.
    fn remember_inputs(&mut self) {
        let root = self.opts.root.clone();
        for dir in [CONTENT_DIR, "themes", "templates", "static", "site.toml"] {
            for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().filter_map(Result::ok) {
                if let Ok(rel) = entry.path().strip_prefix(&root) {
                    if entry.file_type().is_file() {
                        self.differs(rel);
                    }
                }
            }
        }
    }

    /// Everything from scratch; on failure the last good files stay served.
    pub fn rebuild_all(&mut self) -> Update {
        let started = Instant::now();
        self.remember_inputs();
        self.site = None;
        let prepared = match prepare(&self.opts, &Silent) {
            Ok(prepared) => prepared,
            Err(problems) => return self.fail(problems, true),
        };
        let files: RwLock<HashMap<String, Bytes>> = RwLock::default();
        let emit = |out: Output| {
            files.write().map_err(|_| std::io::Error::other("lock"))?.insert(out.path, Bytes::from(out.bytes));
            Ok(())
        };
        let Generated { site, theme, catalog, .. } = match generate(prepared, &Silent, &emit) {
            Ok(generated) => generated,
            Err(BuildError::Content(problems)) => return self.fail(problems, true),
            Err(BuildError::Io { path, error }) => {
                return self.fail(vec![Diagnostic::file(path, Kind::CannotWrite { reason: error.to_string() })], true)
            }
        };
        let files = files.into_inner().unwrap_or_default();
        let count = files.len();
        if let Ok(mut served) = self.shared.write() {
            served.files = files;
            served.problems.clear();
        }
        self.site = Some(site);
        self.theme = Some(theme);
        self.catalog = Some(catalog);
        Update {
            files: count,
            page_files: count,
            first: Some(started.elapsed()),
            pages: Some(started.elapsed()),
            total: started.elapsed(),
            full: true,
            problems: 0,
        }
    }

    fn fail(&mut self, problems: Vec<Diagnostic>, full: bool) -> Update {
        let n = problems.len();
        if let Ok(mut served) = self.shared.write() {
            served.problems = problems;
        }
        Update { full, problems: n, ..Update::default() }
    }

    /// Re-render the pages of the templates that changed.
    fn templates_changed(&mut self, changed: &[&PathBuf], started: Instant) -> Option<Update> {
        let site = self.site.as_ref()?;
        let theme = match Theme::load(&self.opts.root, &site.config.theme) {
            Ok(theme) => theme,
            Err(problems) => return Some(self.fail(problems, false)),
        };
        let kinds: Option<HashSet<&str>> = changed.iter().map(|p| template_of_page(p)).collect();
        let selected: Vec<Page> =
            pages(site).into_iter().filter(|page| kinds.as_ref().is_none_or(|k| k.contains(page_template(page)))).collect();
        let renderer = Renderer::new(site, &theme);
        let rendered: Result<Vec<Output>, Diagnostic> = selected.par_iter().map(|p| renderer.render(p)).collect();
        let outputs = match rendered {
            Ok(outputs) => outputs,
            Err(problem) => return Some(self.fail(vec![problem], false)),
        };
        let count = outputs.len();
        self.publish(outputs, &[], true);
        self.theme = Some(theme);
        Some(Update {
            files: count,
            page_files: count,
            first: Some(started.elapsed()),
            pages: Some(started.elapsed()),
            total: started.elapsed(),
            full: false,
            problems: 0,
        })
    }

    /// Parse the changed files again and re-render what shows them. `None`
    /// asks for a full rebuild (a file added, removed or given a new slug).
    fn content_changed(&mut self, changed: &[&PathBuf], started: Instant) -> Option<Update> {
        let mut old = self.site.take()?;
        let selection = Selection { drafts: self.opts.drafts, now: Local::now().fixed_offset() };
        let mut edited_slugs = Vec::new();
        let mut problems = Vec::new();
        let mut same_place = true;
        let mut fresh_ones = Vec::new();
        for path in changed {
            let position = old.interviews.iter().position(|i| &i.path == *path);
            let (Some(position), true) = (position, self.opts.root.join(path).is_file()) else {
                // Added or removed: other pages may link to it; start over.
                return None;
            };
            let parsed = source::load(&self.opts.root, path).map_err(|e| vec![e]).and_then(|source| {
                let (meta, body_offset) = front_matter(&old.config, &source)?;
                Ok(Fronted { source, meta, body_offset })
            });
            let fronted = match parsed {
                Ok(p) => p,
                Err(mut e) => {
                    problems.append(&mut e);
                    continue;
                }
            };
            let (meta, previous) = (&fronted.meta, &old.interviews[position].meta);
            if meta.slug != previous.slug || !selection.publishes(meta) {
                return None;
            }
            same_place &= meta.date == previous.date
                && meta.interviewers == previous.interviewers
                && meta.interviewees.iter().map(|p| &p.name).eq(previous.interviewees.iter().map(|p| &p.name));
            let catalog = self.catalog.as_ref()?;
            match body::parse(fronted, &catalog.context(&old.config)) {
                Ok(fresh) => {
                    edited_slugs.push(fresh.meta.slug.clone());
                    fresh_ones.push((position, fresh));
                }
                Err(mut e) => problems.append(&mut e),
            }
        }
        // The listings as they were, then the new interviews in their places.
        let before = Snapshot::of(&old);
        for (position, fresh) in fresh_ones {
            old.interviews[position] = fresh;
        }
        // Only links written in, or pointing into, the edited interviews can have broken.
        problems.extend(check_anchors_where(&old.interviews, |i| {
            edited_slugs.contains(&i.meta.slug) || i.links.iter().any(|l| edited_slugs.contains(&l.target_slug))
        }));
        let theme = self.theme.take()?;
        let edited: HashSet<&str> = edited_slugs.iter().map(String::as_str).collect();
        let is_edited =
            |site: &Site, p: &Page| matches!(p.kind, PageKind::Interview(i) if edited.contains(site.interviews[i].meta.slug.as_str()));
        let mut first_served = None;
        if same_place && problems.is_empty() {
            // Same date and people: the page reads the same from the old site
            // with the new interview in place, so serve it before re-indexing.
            let renderer = Renderer::new(&old, &theme);
            let first: Vec<Page> = old
                .interviews
                .iter()
                .enumerate()
                .filter(|(_, i)| edited.contains(i.meta.slug.as_str()))
                .map(|(i, iv)| Page { path: format!("{}index.html", iv.url), kind: PageKind::Interview(i) })
                .collect();
            if let Ok(outputs) = first.par_iter().map(|p| renderer.render(p)).collect::<Result<Vec<_>, _>>() {
                self.publish(outputs, &[], true);
                first_served = Some(started.elapsed());
            }
        }
        let Site { config, interviews, .. } = old;
        self.theme = Some(theme);
        let site = match assemble(config, interviews) {
            Ok(site) if problems.is_empty() => site,
            Ok(site) => {
                self.site = Some(site);
                return Some(self.fail(problems, false));
            }
            Err(mut e) => {
                problems.append(&mut e);
                return Some(self.fail(problems, false));
            }
        };
        let after = Snapshot::of(&site);
        let theme = self.theme.as_ref()?;
        let renderer = Renderer::new(&site, theme);
        let all = pages(&site);
        let changes = Changes::between(&site, &before, &after, &edited);
        let (first, rest): (Vec<&Page>, Vec<&Page>) = all.iter().filter(|p| changes.affects(p, &site)).partition(|p| is_edited(&site, p));
        let render = |pages: &[&Page]| -> Result<Vec<Output>, Diagnostic> { pages.par_iter().map(|p| renderer.render(p)).collect() };
        let first_served = match first_served {
            Some(served) => served,
            None => match render(&first) {
                Ok(outputs) => {
                    self.publish(outputs, &[], true);
                    started.elapsed()
                }
                Err(problem) => {
                    self.site = Some(site);
                    return Some(self.fail(vec![problem], false));
                }
            },
        };
        let mut count = first.len();
        let page_files = rest.len() + count;
        let outputs = match render(&rest) {
            Ok(o) => o,
            Err(problem) => {
                self.site = Some(site);
                return Some(self.fail(vec![problem], false));
            }
        };
        count += outputs.len();
        let live: HashSet<&str> = all.iter().map(|p| p.path.as_str()).collect();
        let gone: Vec<String> = before.pages.iter().filter(|p| !live.contains(p.as_str())).cloned().collect();
        self.publish(outputs, &gone, false);
        let pages_served = started.elapsed();
        if site.config.search {
            let search: RwLock<Vec<Output>> = RwLock::default();
            let emit = |out: Output| {
                search.write().map_err(|_| std::io::Error::other("lock"))?.push(out);
                Ok(())
            };
            if build_search(&site, &emit).is_ok() {
                let outputs = search.into_inner().unwrap_or_default();
                count += outputs.len();
                self.publish(outputs, &[], false);
            }
        }
        self.site = Some(site);
        Some(Update {
            files: count,
            first: Some(first_served),
            pages: Some(pages_served),
            page_files,
            total: started.elapsed(),
            full: false,
            problems: 0,
        })
    }

    /// Put `outputs` into the served set, drop `gone`; `clear` the problems.
    fn publish(&self, outputs: Vec<Output>, gone: &[String], clear: bool) {
        if let Ok(mut served) = self.shared.write() {
            for out in outputs {
                served.files.insert(out.path, Bytes::from(out.bytes));
            }
            for path in gone {
                served.files.remove(path);
            }
            if clear {
                served.problems.clear();
            }
        }
    }
}

/// A person's answer count and roles as (role, interview slug, date).
type PersonHeader = (usize, Vec<(String, String, String)>);

/// The order of every listing, by interview slug, to see which pages moved.
struct Snapshot {
    topics: Vec<Vec<String>>,
    /// Question-and-answer count of each topic (its first page shows it).
    topic_counts: Vec<usize>,
    /// What the first page of a person shows at its top: answer count and roles.
    person_headers: HashMap<String, PersonHeader>,
    people: HashMap<String, Vec<String>>,
    people_index: Vec<String>,
    archive: Vec<String>,
    pages: Vec<String>,
    /// Slug → (older, newer) neighbour slugs.
    neighbours: HashMap<String, (Option<String>, Option<String>)>,
}

impl Snapshot {
    fn of(site: &Site) -> Snapshot {
        let slug = |i: usize| site.interviews[i].meta.slug.clone();
        let n = site.interviews.len();
        Snapshot {
            topics: site.topics.iter().map(|t| t.entries.iter().map(|(i, _)| slug(*i)).collect()).collect(),
            topic_counts: site.topics.iter().map(|t| t.exchange_count).collect(),
            person_headers: site
                .people
                .iter()
                .map(|p| {
                    let roles = p.roles.iter().map(|(r, i)| (r.clone(), slug(*i), site.interviews[*i].meta.date.to_rfc3339())).collect();
                    (p.name.clone(), (p.answer_count, roles))
                })
                .collect(),
            people: site.people.iter().map(|p| (p.name.clone(), p.entries.iter().map(|e| slug(e.interview)).collect())).collect(),
            people_index: site.people.iter().map(|p| p.name.clone()).collect(),
            archive: (0..n).map(slug).collect(),
            pages: pages(site).into_iter().map(|p| p.path).collect(),
            neighbours: (0..n).map(|i| (slug(i), ((i + 1 < n).then(|| slug(i + 1)), i.checked_sub(1).map(slug)))).collect(),
        }
    }
}

/// Pages of a listing that show different entries now: those holding an
/// edited entry, and every page from the first place the order differs.
fn changed_pages(before: &[String], after: &[String], edited: &HashSet<&str>, per: usize) -> BTreeSet<usize> {
    let (pages_before, pages_after) = (before.len().div_ceil(per).max(1), after.len().div_ceil(per).max(1));
    if pages_before != pages_after {
        // Every page's pager links to the last page.
        return (1..=pages_before.max(pages_after)).collect();
    }
    let mut out = BTreeSet::new();
    let first_difference =
        before.iter().zip(after).position(|(a, b)| a != b).or((before.len() != after.len()).then(|| before.len().min(after.len())));
    if let Some(at) = first_difference {
        out.extend(at / per + 1..=before.len().max(after.len()).div_ceil(per).max(1));
    }
    for (i, slug) in after.iter().enumerate() {
        if edited.contains(slug.as_str()) {
            out.insert(i / per + 1);
        }
    }
    out
}

/// Which pages of each listing show something an edit changed, worked out
/// once per update from the order of every listing before and after.
struct Changes<'a> {
    edited: &'a HashSet<&'a str>,
    interviews: HashSet<String>,
    topics: Vec<BTreeSet<usize>>,
    topic_feeds: Vec<bool>,
    people: HashMap<&'a str, BTreeSet<usize>>,
    people_index: BTreeSet<usize>,
    archive: BTreeSet<usize>,
}

impl<'a> Changes<'a> {
    fn between(site: &'a Site, before: &Snapshot, after: &Snapshot, edited: &'a HashSet<&'a str>) -> Changes<'a> {
        let per = site.config.paginate_by;
        let empty = Vec::new();
        // The edited interviews and their neighbours, before and after.
        let mut interviews: HashSet<String> = HashSet::new();
        for snapshot in [before, after] {
            for slug in edited {
                interviews.insert(slug.to_string());
                if let Some((older, newer)) = snapshot.neighbours.get(*slug) {
                    interviews.extend(older.iter().chain(newer).cloned());
                }
            }
        }
        let every_page = |len: usize| (1..=len.div_ceil(per).max(1)).collect::<BTreeSet<usize>>();
        let topics: Vec<BTreeSet<usize>> = after
            .topics
            .iter()
            .enumerate()
            .map(|(t, now)| {
                let old = before.topics.get(t).unwrap_or(&empty);
                let mut pages = changed_pages(old, now, edited, per);
                // The first page shows the topic's counts.
                if before.topic_counts.get(t) != after.topic_counts.get(t) || old.len() != now.len() {
                    pages.insert(1);
                }
                pages
            })
            .collect();
        let topic_feeds = after
            .topics
            .iter()
            .enumerate()
            .map(|(t, now)| {
                now.iter().take(site.config.feed_limit).any(|s| edited.contains(s.as_str())) || before.topics.get(t) != Some(now)
            })
            .collect();
        let mut names: HashSet<&str> = HashSet::new();
        for interview in site.interviews.iter().filter(|i| edited.contains(i.meta.slug.as_str())) {
            names.extend(interview.meta.interviewees.iter().map(|p| p.name.as_str()));
            names.extend(interview.meta.interviewers.iter().map(String::as_str));
        }
        let people = site
            .people
            .iter()
            .filter(|p| names.contains(p.name.as_str()) || before.people.get(&p.name) != after.people.get(&p.name))
            .map(|p| {
                let now = &after.people[&p.name];
                let old = before.people.get(&p.name).unwrap_or(&empty);
                let mut pages = changed_pages(old, now, edited, per);
                // The first page shows the counts and the roles.
                if before.person_headers.get(&p.name) != after.person_headers.get(&p.name) || old.len() != now.len() {
                    pages.insert(1);
                }
                (p.name.as_str(), pages)
            })
            .collect();
        let people_index = if before.people_index != after.people_index {
            every_page(after.people_index.len())
        } else {
            // The counts beside the names of an edited interview's people may change.
            after.people_index.iter().enumerate().filter(|(_, n)| names.contains(n.as_str())).map(|(k, _)| k / per + 1).collect()
        };
        let archive = changed_pages(&before.archive, &after.archive, edited, per);
        Changes { edited, interviews, topics, topic_feeds, people, people_index, archive }
    }

    /// Does `page` show something the edit changed?
    fn affects(&self, page: &Page, site: &Site) -> bool {
        match page.kind {
            PageKind::Interview(i) => self.interviews.contains(&site.interviews[i].meta.slug),
            PageKind::Topic { topic, page: n } => self.topics[topic].contains(&n),
            PageKind::Person { person, page: n } => self.people.get(site.people[person].name.as_str()).is_some_and(|p| p.contains(&n)),
            PageKind::People { page: n } => self.people_index.contains(&n),
            PageKind::Archive { page: n } => self.archive.contains(&n),
            PageKind::Feed { topic: Some(t) } => self.topic_feeds[t],
            PageKind::Home | PageKind::Topics | PageKind::Feed { topic: None } | PageKind::Sitemap => !self.edited.is_empty(),
            PageKind::Search | PageKind::NotFound | PageKind::Robots => false,
        }
    }
}

/// Files whose change concerns the site (not its output, not editor litter).
fn is_site_input(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp") {
        return false;
    }
    if path.starts_with(CONTENT_DIR) {
        return name.ends_with(".md");
    }
    path == Path::new("site.toml") || ["themes", "templates", "static"].iter().any(|d| path.starts_with(d))
}

fn is_template(path: &Path) -> bool {
    path.starts_with("templates") || path.components().nth(2).is_some_and(|c| c.as_os_str() == "templates") && path.starts_with("themes")
}

/// The template a changed file is, if it renders one kind of page only.
fn template_of_page(path: &Path) -> Option<&'static str> {
    let name = path.file_name()?.to_str()?;
    PAGE_TEMPLATES.iter().copied().find(|t| *t == name)
}

const PAGE_TEMPLATES: &[&str] = &[
    "index.html",
    "interview.html",
    "topics.html",
    "topic.html",
    "people.html",
    "person.html",
    "archive.html",
    "search.html",
    "404.html",
    "atom.xml",
];

fn page_template(page: &Page) -> &'static str {
    match page.kind {
        PageKind::Home => "index.html",
        PageKind::Interview(_) => "interview.html",
        PageKind::Topics => "topics.html",
        PageKind::Topic { .. } => "topic.html",
        PageKind::People { .. } => "people.html",
        PageKind::Person { .. } => "person.html",
        PageKind::Archive { .. } => "archive.html",
        PageKind::Search => "search.html",
        PageKind::NotFound => "404.html",
        PageKind::Feed { .. } => "atom.xml",
        PageKind::Sitemap | PageKind::Robots => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn listing_pages_that_changed() {
        let edited: HashSet<&str> = ["c"].into_iter().collect();
        // Same order: only the page holding the edited entry.
        assert_eq!(changed_pages(&s(&["a", "b", "c", "d"]), &s(&["a", "b", "c", "d"]), &edited, 2), BTreeSet::from([2]));
        // c moved to the front: every page from the first.
        assert_eq!(changed_pages(&s(&["a", "b", "c", "d"]), &s(&["c", "a", "b", "d"]), &edited, 2), BTreeSet::from([1, 2]));
        // A page fewer: every page, whose pagers all change.
        assert_eq!(changed_pages(&s(&["a", "b", "c"]), &s(&["a", "b"]), &HashSet::new(), 2), BTreeSet::from([1, 2]));
        // An entry fewer on the last page: from its page on.
        assert_eq!(changed_pages(&s(&["a", "b", "c", "d"]), &s(&["a", "b", "c"]), &HashSet::new(), 2), BTreeSet::from([2]));
    }

    #[test]
    fn editor_litter_is_ignored() {
        assert!(is_site_input(Path::new("content/interviews/a.md")));
        assert!(!is_site_input(Path::new("content/interviews/.a.md.swp")));
        assert!(!is_site_input(Path::new("content/interviews/a.md~")));
        assert!(!is_site_input(Path::new("public/index.html")));
        assert!(is_site_input(Path::new("site.toml")));
        assert!(is_template(Path::new("templates/topic.html")));
        assert!(is_template(Path::new("themes/default/templates/base.html")));
        assert!(!is_template(Path::new("themes/default/static/style.css")));
    }
}
