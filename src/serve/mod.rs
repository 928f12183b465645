//! The site kept in memory for `wenda serve`, and brought up to date file by
//! file. [`store`] holds the served files, [`invalidate`] works out which
//! pages an edit touches, [`http`] answers requests from the store.
//!
//! A content edit parses that file again and re-renders only the pages
//! that show it: its own page first, then its neighbours, the listings whose
//! entries moved or changed (topics, people, archive, by comparing their order
//! before and after), home, feeds, sitemap and the search data. A template edit
//! re-renders the pages of that template (all pages for `base.html` and
//! partials); site.toml, the theme's static files or a new or deleted file
//! rebuild everything. A broken edit keeps the last good pages and records the
//! problems for the server to show.

pub mod http;
mod invalidate;
mod store;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::{Duration, Instant};

use bytes::Bytes;
use chrono::Local;
use rayon::prelude::*;

use crate::build::{build_search, generate, prepare, BuildOptions, GenerateError, Generated};
use crate::content::source::{self, CONTENT_DIR};
use crate::content::{body, front_matter, Catalog, Fronted, Selection};
use crate::error::{Diagnostic, Kind};
use crate::progress::Silent;
use crate::render::theme::Theme;
use crate::render::{pages, Output, Page, PageKind, Renderer};
use crate::site::{assemble, check_anchors_where, Site};
use invalidate::{is_site_input, is_template, page_template, template_of_page, Changes, Snapshot};
pub use store::{Served, Shared};

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

impl Update {
    /// `files` pages, all served at once, `started` ago.
    fn all_at_once(files: usize, started: Instant, full: bool) -> Update {
        let elapsed = started.elapsed();
        Update { files, page_files: files, first: Some(elapsed), pages: Some(elapsed), total: elapsed, full, problems: 0 }
    }
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
            Err(GenerateError::Content(problems)) => return self.fail(problems, true),
            Err(GenerateError::Io { path, error }) => {
                return self.fail(vec![Diagnostic::file(path, Kind::CannotWrite { reason: error.to_string() })], true)
            }
        };
        let files = files.into_inner().unwrap_or_default();
        let count = files.len();
        self.shared.replace_all(files);
        self.site = Some(site);
        self.theme = Some(theme);
        self.catalog = Some(catalog);
        Update::all_at_once(count, started, true)
    }

    fn fail(&mut self, problems: Vec<Diagnostic>, full: bool) -> Update {
        let n = problems.len();
        self.shared.fail(problems);
        Update { full, problems: n, ..Update::default() }
    }

    /// Re-render the pages of the templates that changed.
    fn templates_changed(&mut self, changed: &[&PathBuf], started: Instant) -> Option<Update> {
        let site = self.site.as_ref()?;
        let theme = match Theme::load(&self.opts.root, &site.config.theme, site.config.theme_at) {
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
        self.shared.publish(outputs, &[], true);
        self.theme = Some(theme);
        Some(Update::all_at_once(count, started, false))
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
                let front = front_matter(&old.config, &source)?;
                Ok(Fronted { source, meta: front.meta, body_offset: front.body_offset, warnings: front.warnings })
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
            // Translations, collections and person files tie interviews together: start over.
            let refs = |m: &crate::content::meta::Meta| {
                m.interviewees.iter().chain(&m.interviewers).map(|p| p.person_ref.clone()).collect::<Vec<_>>()
            };
            if meta.translation_of != previous.translation_of
                || !old.versions[position].is_empty()
                || meta.collection != previous.collection
                || meta.order != previous.order
                || meta.recorded != previous.recorded
                || meta.published != previous.published
                || refs(meta) != refs(previous)
            {
                return None;
            }
            same_place &= meta.date == previous.date
                && meta.interviewers.iter().map(|p| &p.name).eq(previous.interviewers.iter().map(|p| &p.name))
                && meta.interviewees.iter().map(|p| &p.name).eq(previous.interviewees.iter().map(|p| &p.name));
            let catalog = self.catalog.as_ref()?;
            match body::parse(fronted, &catalog.context(&old.config)) {
                // The preview shows problems that stop a build; warnings wait for `build` and `check`.
                Ok((fresh, _warnings)) => {
                    edited_slugs.push(fresh.meta.slug.clone());
                    fresh_ones.push((position, fresh));
                }
                Err(mut failure) => problems.append(&mut failure.errors),
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
                self.shared.publish(outputs, &[], true);
                first_served = Some(started.elapsed());
            }
        }
        let Site { config, interviews, people, .. } = old;
        let records = people.into_iter().filter_map(|p| p.record).collect();
        self.theme = Some(theme);
        let site = match assemble(config, interviews, records) {
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
                    self.shared.publish(outputs, &[], true);
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
        self.shared.publish(outputs, &gone, false);
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
                self.shared.publish(outputs, &[], false);
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
}
