//! Which pages an edit touches. The order of every listing (topics, people,
//! archive), each interview's neighbours and what each listing's first page
//! shows are taken before and after the edit; a page is rendered again when
//! what it shows differs, or when it shows an edited interview.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use crate::content::source::CONTENT_DIR;
use crate::render::{pages, Page, PageKind};
use crate::site::Site;

/// What the first page of a person shows at its top.
#[derive(PartialEq, Eq)]
struct PersonHeader {
    answers: usize,
    roles: Vec<RoleLine>,
}

/// One line of a person's roles: the role, and the interview that names it.
#[derive(PartialEq, Eq)]
struct RoleLine {
    role: String,
    interview: String,
    date: String,
}

/// The order of every listing, by interview slug, to see which pages moved.
pub(super) struct Snapshot {
    topics: Vec<Vec<String>>,
    /// Question-and-answer count of each topic (its first page shows it).
    topic_counts: Vec<usize>,
    person_headers: HashMap<String, PersonHeader>,
    people: HashMap<String, Vec<String>>,
    people_index: Vec<String>,
    archive: Vec<String>,
    pub pages: Vec<String>,
    /// Slug → (older, newer) neighbour slugs.
    neighbours: HashMap<String, (Option<String>, Option<String>)>,
}

impl Snapshot {
    pub fn of(site: &Site) -> Snapshot {
        let slug = |i: usize| site.interviews[i].meta.slug.clone();
        let n = site.interviews.len();
        Snapshot {
            topics: site.topics.iter().map(|t| t.entries.iter().map(|(i, _)| slug(*i)).collect()).collect(),
            topic_counts: site.topics.iter().map(|t| t.exchange_count).collect(),
            person_headers: site
                .people
                .iter()
                .map(|p| {
                    let roles = p
                        .roles
                        .iter()
                        .map(|(r, i)| RoleLine { role: r.clone(), interview: slug(*i), date: site.interviews[*i].meta.date.to_rfc3339() })
                        .collect();
                    (p.url.clone(), PersonHeader { answers: p.answer_count, roles })
                })
                .collect(),
            people: site.people.iter().map(|p| (p.url.clone(), p.entries.iter().map(|e| slug(e.interview)).collect())).collect(),
            people_index: site.people.iter().map(|p| p.url.clone()).collect(),
            archive: site.listed.iter().map(|&i| slug(i)).collect(),
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
pub(super) struct Changes<'a> {
    edited: &'a HashSet<&'a str>,
    interviews: HashSet<String>,
    topics: Vec<BTreeSet<usize>>,
    topic_feeds: Vec<bool>,
    people: HashMap<&'a str, BTreeSet<usize>>,
    people_index: BTreeSet<usize>,
    archive: BTreeSet<usize>,
}

impl<'a> Changes<'a> {
    pub fn between(site: &'a Site, before: &Snapshot, after: &Snapshot, edited: &'a HashSet<&'a str>) -> Changes<'a> {
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
            names.extend(interview.meta.interviewers.iter().map(|p| p.name.as_str()));
        }
        let people = site
            .people
            .iter()
            .filter(|p| names.contains(p.name.as_str()) || before.people.get(&p.url) != after.people.get(&p.url))
            .map(|p| {
                let now = &after.people[&p.url];
                let old = before.people.get(&p.url).unwrap_or(&empty);
                let mut pages = changed_pages(old, now, edited, per);
                // The first page shows the counts and the roles.
                if before.person_headers.get(&p.url) != after.person_headers.get(&p.url) || old.len() != now.len() {
                    pages.insert(1);
                }
                (p.url.as_str(), pages)
            })
            .collect();
        let people_index = if before.people_index != after.people_index {
            every_page(after.people_index.len())
        } else {
            // The counts beside the names of an edited interview's people may change.
            site.people.iter().enumerate().filter(|(_, p)| names.contains(p.name.as_str())).map(|(k, _)| k / per + 1).collect()
        };
        let archive = changed_pages(&before.archive, &after.archive, edited, per);
        Changes { edited, interviews, topics, topic_feeds, people, people_index, archive }
    }

    /// Does `page` show something the edit changed?
    pub fn affects(&self, page: &Page, site: &Site) -> bool {
        match page.kind {
            PageKind::Interview(i) => self.interviews.contains(&site.interviews[i].meta.slug),
            PageKind::Topic { topic, page: n } => self.topics[topic].contains(&n),
            PageKind::Person { person, page: n } => self.people.get(site.people[person].url.as_str()).is_some_and(|p| p.contains(&n)),
            PageKind::People { page: n } => self.people_index.contains(&n),
            PageKind::Archive { page: n } => self.archive.contains(&n),
            PageKind::Feed { topic: Some(t) } => self.topic_feeds[t],
            PageKind::Home | PageKind::Topics | PageKind::Feed { topic: None } | PageKind::Sitemap => !self.edited.is_empty(),
            // Few pages, each showing cards of its interviews.
            PageKind::Collections | PageKind::Collection { .. } | PageKind::CollectionFeed { .. } => !self.edited.is_empty(),
            PageKind::Captions(i) => self.edited.contains(site.interviews[i].meta.slug.as_str()),
            PageKind::Search | PageKind::NotFound | PageKind::Robots => false,
        }
    }
}

/// Files whose change concerns the site (not its output, not editor litter).
pub(super) fn is_site_input(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp") {
        return false;
    }
    if path.starts_with(CONTENT_DIR) {
        // A page bundle's images and recordings too: they are copied into the site.
        return true;
    }
    path == Path::new("site.toml") || ["themes", "templates", "static"].iter().any(|d| path.starts_with(d))
}

pub(super) fn is_template(path: &Path) -> bool {
    path.starts_with("templates") || path.components().nth(2).is_some_and(|c| c.as_os_str() == "templates") && path.starts_with("themes")
}

/// The template a changed file is, if it renders one kind of page only.
pub(super) fn template_of_page(path: &Path) -> Option<&'static str> {
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
    "collections.html",
    "collection.html",
];

pub(super) fn page_template(page: &Page) -> &'static str {
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
        PageKind::Feed { .. } | PageKind::CollectionFeed { .. } => "atom.xml",
        PageKind::Collections => "collections.html",
        PageKind::Collection { .. } => "collection.html",
        PageKind::Sitemap | PageKind::Robots | PageKind::Captions(_) => "",
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
