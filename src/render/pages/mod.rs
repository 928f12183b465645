//! The pages of the site: [`pages`] lists every one, and each family has its
//! module, with one function that puts that page's view into the template
//! context and names its template. `Renderer::render` dispatches to them.

mod archive;
mod collection;
mod feed;
mod home;
mod interview;
mod people;
mod sitemap;
mod topic;

pub(super) use archive::archive;
pub(super) use collection::{collection, collections};
pub(super) use feed::{feed, FeedOf};
pub(super) use home::{home, topics};
pub(super) use interview::interview;
pub(super) use people::{people, person};
pub(super) use sitemap::{robots, sitemap};
pub(super) use topic::topic;

use super::paginate::{page_count, page_path};
use crate::content::Interview;
use crate::site::Site;

/// The template a family's function filled the context for.
pub(super) type Fill = &'static str;

/// A page to render: where it goes and what it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Page {
    /// Output path, e.g. `topics/agents/page/2/index.html`.
    pub path: String,
    pub kind: PageKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PageKind {
    Home,
    Interview(usize),
    Topics,
    Topic {
        topic: usize,
        page: usize,
    },
    People {
        page: usize,
    },
    Person {
        person: usize,
        page: usize,
    },
    Archive {
        page: usize,
    },
    Collections,
    Collection {
        collection: usize,
        page: usize,
    },
    /// The WebVTT captions of interview `i`'s recording, from its timed turns.
    Captions(usize),
    Search,
    NotFound,
    /// Atom feed of the whole site, or of one topic.
    Feed {
        topic: Option<usize>,
    },
    CollectionFeed {
        collection: usize,
    },
    Sitemap,
    Robots,
}

impl Page {
    fn new(dir: &str, kind: PageKind) -> Page {
        Page { path: format!("{dir}index.html"), kind }
    }

    /// The page of interview `i`.
    pub fn interview(i: usize, interview: &Interview) -> Page {
        Page::new(&interview.url, PageKind::Interview(i))
    }

    /// The page's URL path relative to the base URL.
    pub fn url_path(&self) -> &str {
        self.path.strip_suffix("index.html").unwrap_or(&self.path)
    }

    /// Made without a template.
    pub fn is_plain(&self) -> bool {
        matches!(self.kind, PageKind::Captions(_) | PageKind::Sitemap | PageKind::Robots)
    }

    /// An HTML page a reader can land on (and a crawler should list).
    pub fn is_public_html(&self) -> bool {
        self.path.ends_with(".html") && self.kind != PageKind::NotFound
    }
}

/// Every page of the site, in a fixed order.
pub(crate) fn pages(site: &Site) -> Vec<Page> {
    let per = site.config.paginate_by;
    let mut out = vec![Page::new("", PageKind::Home)];
    out.extend(site.interviews.iter().enumerate().map(|(i, iv)| Page::interview(i, iv)));
    for (i, iv) in site.interviews.iter().enumerate() {
        if iv.writes_captions() {
            out.push(Page { path: format!("{}captions.vtt", iv.url), kind: PageKind::Captions(i) });
        }
    }
    out.push(Page::new("topics/", PageKind::Topics));
    for (t, topic) in site.topics.iter().enumerate() {
        for n in 1..=page_count(topic.entries.len(), per) {
            out.push(Page::new(&page_path(&topic.url, n), PageKind::Topic { topic: t, page: n }));
        }
    }
    for n in 1..=page_count(site.people.len(), per) {
        out.push(Page::new(&page_path("people/", n), PageKind::People { page: n }));
    }
    for (p, person) in site.people.iter().enumerate() {
        for n in 1..=page_count(person.entries.len(), per) {
            out.push(Page::new(&page_path(&person.url, n), PageKind::Person { person: p, page: n }));
        }
    }
    for n in 1..=page_count(site.listed.len(), per) {
        out.push(Page::new(&page_path("archive/", n), PageKind::Archive { page: n }));
    }
    if !site.collections.is_empty() {
        out.push(Page::new("collections/", PageKind::Collections));
    }
    for (c, collection) in site.collections.iter().enumerate() {
        for n in 1..=page_count(collection.entries.len(), per) {
            out.push(Page::new(&page_path(&collection.url, n), PageKind::Collection { collection: c, page: n }));
        }
        out.push(Page { path: format!("{}atom.xml", collection.url), kind: PageKind::CollectionFeed { collection: c } });
    }
    if site.config.search {
        out.push(Page::new("search/", PageKind::Search));
    }
    out.push(Page { path: "404.html".into(), kind: PageKind::NotFound });
    out.push(Page { path: "atom.xml".into(), kind: PageKind::Feed { topic: None } });
    for (t, topic) in site.topics.iter().enumerate() {
        out.push(Page { path: format!("{}atom.xml", topic.url), kind: PageKind::Feed { topic: Some(t) } });
    }
    out.push(Page { path: "sitemap.xml".into(), kind: PageKind::Sitemap });
    out.push(Page { path: "robots.txt".into(), kind: PageKind::Robots });
    out
}
