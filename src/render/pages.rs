//! The pages of the site and the template context of each.

use std::collections::BTreeMap;

use serde::Serialize;

use super::paginate::{page_count, page_path, pager, slice};
use super::views::{Card, Chip, Excerpt, Link, PersonLink, Views};
use super::Renderer;
use crate::diagnostic::Diagnostic;
use crate::interview::{self, Pass};
use crate::model::{Heading, Interview, Site};

/// A page to render: where it goes and what it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Output path, e.g. `topics/agents/page/2/index.html`.
    pub path: String,
    pub kind: PageKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Home,
    Interview(usize),
    Topics,
    Topic { topic: usize, page: usize },
    People { page: usize },
    Person { person: usize, page: usize },
    Archive { page: usize },
    Search,
    NotFound,
    /// Atom feed of the whole site, or of one topic.
    Feed { topic: Option<usize> },
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

    /// An HTML page a reader can land on (and a crawler should list).
    pub fn is_public_html(&self) -> bool {
        self.path.ends_with(".html") && self.kind != PageKind::NotFound
    }
}

const HOME_INTERVIEWS: usize = 10;
const HOME_PEOPLE: usize = 24;

/// Every page of the site, in a fixed order.
pub fn pages(site: &Site) -> Vec<Page> {
    let per = site.config.paginate_by;
    let mut out = vec![Page::new("", PageKind::Home)];
    out.extend(site.interviews.iter().enumerate().map(|(i, iv)| Page::interview(i, iv)));
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
    for n in 1..=page_count(site.interviews.len(), per) {
        out.push(Page::new(&page_path("archive/", n), PageKind::Archive { page: n }));
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

/// Put the page's data into `ctx`; returns the template to render.
pub fn fill(r: &Renderer, page: &Page, ctx: &mut tera::Context) -> Result<&'static str, Diagnostic> {
    let views = Views { site: r.site, strings: &r.strings, urls: &r.urls };
    let site = r.site;
    let per = site.config.paginate_by;
    match page.kind {
        PageKind::Home => {
            let newest: Vec<Card> = (0..site.interviews.len().min(HOME_INTERVIEWS)).map(|i| views.card(i)).collect();
            let mut people: Vec<_> = site.people.iter().collect();
            people.sort_by(|a, b| b.entries.len().cmp(&a.entries.len()).then_with(|| a.name.cmp(&b.name)));
            let people: Vec<PersonLink> =
                people.into_iter().take(HOME_PEOPLE).map(|p| views.person_link(&p.name, latest_role(p))).collect();
            ctx.insert("title", &site.config.title);
            ctx.insert("topics", &topic_summaries(site));
            ctx.insert("newest", &newest);
            ctx.insert("people", &people);
            Ok("index.html")
        }
        PageKind::Interview(_) => unreachable!("rendered by Renderer::render_interview"),
        PageKind::Topics => {
            ctx.insert("title", r.strings.get("topics"));
            ctx.insert("topics", &topic_summaries(site));
            let descriptions: BTreeMap<&str, &str> =
                site.topics.iter().map(|t| (t.def.slug.as_str(), t.def.description.as_str())).collect();
            ctx.insert("descriptions", &descriptions);
            Ok("topics.html")
        }
        PageKind::Topic { topic, page: n } => {
            let t = &site.topics[topic];
            let range = slice(t.entries.len(), per, n);
            let entries: Vec<_> = t.entries[range].iter().map(|(i, refs)| views.with_excerpts(*i, refs)).collect();
            ctx.insert("title", &t.def.title);
            ctx.insert("description", &t.def.description);
            ctx.insert("topic", &TopicView {
                slug: &t.def.slug,
                title: &t.def.title,
                description: &t.def.description,
                interviews: t.entries.len(),
                exchanges: t.exchange_count,
            });
            ctx.insert("entries", &entries);
            ctx.insert("pager", &pager(&site.config.base_path, &t.url, n, page_count(t.entries.len(), per)));
            Ok("topic.html")
        }
        PageKind::People { page: n } => {
            let range = slice(site.people.len(), per, n);
            let people: Vec<PersonRow> = site.people[range]
                .iter()
                .map(|p| PersonRow {
                    link: views.person_link(&p.name, latest_role(p)),
                    interviews: p.entries.len(),
                    answers: p.answer_count,
                })
                .collect();
            ctx.insert("title", r.strings.get("people"));
            ctx.insert("people", &people);
            ctx.insert("pager", &pager(&site.config.base_path, "people/", n, page_count(site.people.len(), per)));
            Ok("people.html")
        }
        PageKind::Person { person, page: n } => {
            let p = &site.people[person];
            let range = slice(p.entries.len(), per, n);
            let entries = &p.entries[range];
            let cards: Vec<PersonCard> = entries
                .iter()
                .map(|e| PersonCard { card: views.card(e.interview), gave: e.gave, conducted: e.conducted })
                .collect();
            let mut by_topic: Vec<TopicGroup> = site
                .topics
                .iter()
                .map(|t| TopicGroup { chip: Some(views.chips(std::slice::from_ref(&t.def.slug)).remove(0)), excerpts: Vec::new() })
                .collect();
            let mut other = TopicGroup { chip: None, excerpts: Vec::new() };
            for r in entries.iter().flat_map(|e| &e.answers) {
                let ex = site.exchange(*r);
                if ex.topics.is_empty() {
                    other.excerpts.push(views.excerpt(*r));
                }
                for (t, group) in site.topics.iter().zip(by_topic.iter_mut()) {
                    if ex.topics.contains(&t.def.slug) {
                        group.excerpts.push(views.excerpt(*r));
                    }
                }
            }
            by_topic.push(other);
            by_topic.retain(|g| !g.excerpts.is_empty());
            let roles: Vec<RoleView> = p
                .roles
                .iter()
                .map(|(role, i)| {
                    let date = &site.interviews[*i].meta.date;
                    RoleView { role, date: r.strings.date(date), date_iso: date.to_rfc3339(), interview: views.url(&site.interviews[*i].url) }
                })
                .collect();
            ctx.insert("title", &p.name);
            ctx.insert("person", &PersonView { name: &p.name, interviews: p.entries.len(), answers: p.answer_count, roles });
            ctx.insert("entries", &cards);
            ctx.insert("by_topic", &by_topic);
            ctx.insert("pager", &pager(&site.config.base_path, &p.url, n, page_count(p.entries.len(), per)));
            Ok("person.html")
        }
        PageKind::Archive { page: n } => {
            let range = slice(site.interviews.len(), per, n);
            let mut months: Vec<MonthView> = Vec::new();
            for i in range {
                let date = &site.interviews[i].meta.date;
                let label = r.strings.month(chrono::Datelike::year(date), chrono::Datelike::month(date));
                match months.last_mut() {
                    Some(m) if m.label == label => m.interviews.push(views.card(i)),
                    _ => months.push(MonthView { label, interviews: vec![views.card(i)] }),
                }
            }
            ctx.insert("title", r.strings.get("archive_title"));
            ctx.insert("months", &months);
            ctx.insert("pager", &pager(&site.config.base_path, "archive/", n, page_count(site.interviews.len(), per)));
            Ok("archive.html")
        }
        PageKind::Search => {
            ctx.insert("title", r.strings.get("search"));
            Ok("search.html")
        }
        PageKind::NotFound => {
            ctx.insert("title", r.strings.get("not_found"));
            Ok("404.html")
        }
        PageKind::Feed { topic } => {
            let (title, indices): (&str, Vec<usize>) = match topic {
                None => (&site.config.title, (0..site.interviews.len()).collect()),
                Some(t) => (&site.topics[t].def.title, site.topics[t].entries.iter().map(|(i, _)| *i).collect()),
            };
            let entries: Vec<FeedEntry> = indices
                .into_iter()
                .take(site.config.feed_limit)
                .map(|i| feed_entry(&views, i))
                .collect::<Result<_, _>>()?;
            let updated = entries.first().map_or_else(
                || site.updated.map(|d| d.to_rfc3339()).unwrap_or_else(|| "1970-01-01T00:00:00+00:00".into()),
                |e| e.updated.clone(),
            );
            let page_url = match topic {
                None => String::new(),
                Some(t) => site.topics[t].url.clone(),
            };
            ctx.insert("title", title);
            ctx.insert("feed", &FeedView { updated, alternate: format!("{}{page_url}", site.config.base_url), entries });
            Ok("atom.xml")
        }
        PageKind::Sitemap | PageKind::Robots => unreachable!("generated without a template"),
    }
}

/// The context of interview `i`'s page, from `full`, its parse with HTML.
pub(super) fn fill_interview(r: &Renderer, i: usize, full: &Interview, ctx: &mut tera::Context) {
    let views = Views { site: r.site, strings: &r.strings, urls: &r.urls };
    ctx.insert("interview", &interview_view(&views, i, full));
    ctx.insert("title", &full.meta.title);
    ctx.insert("description", &full.meta.summary);
}

#[derive(Serialize)]
struct TopicSummary<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
    interviews: usize,
    exchanges: usize,
}

/// Every topic with what it gathers.
fn topic_summaries(site: &Site) -> Vec<TopicSummary<'_>> {
    site.topics
        .iter()
        .map(|t| TopicSummary {
            slug: &t.def.slug,
            title: &t.def.title,
            url: format!("{}{}", site.config.base_path, t.url),
            interviews: t.entries.len(),
            exchanges: t.exchange_count,
        })
        .collect()
}

#[derive(Serialize)]
struct FeedView<'a> {
    updated: String,
    alternate: String,
    entries: Vec<FeedEntry<'a>>,
}

#[derive(Serialize)]
struct FeedEntry<'a> {
    title: &'a str,
    url: String,
    updated: String,
    summary: &'a str,
    content: String,
    authors: Vec<&'a str>,
    topics: Vec<Chip<'a>>,
}

fn feed_entry<'a>(views: &Views<'a>, i: usize) -> Result<FeedEntry<'a>, Diagnostic> {
    let site = views.site;
    let interview = &site.interviews[i];
    let m = &interview.meta;
    let full = with_html(site, i)?;
    Ok(FeedEntry {
        title: &m.title,
        url: format!("{}{}", site.config.base_url, interview.url),
        updated: m.date.to_rfc3339(),
        summary: &m.summary,
        content: feed_content(&full, views.question_label(&m.lang)),
        authors: m.interviewers.iter().map(String::as_str).collect(),
        topics: views.chips(&m.topics),
    })
}

/// Interview `i` parsed again with the HTML of every part.
pub(super) fn with_html(site: &Site, i: usize) -> Result<Interview, Diagnostic> {
    interview::reparse(&site.interviews[i], &site.parse_context(), Pass::Html).map_err(|mut errors| errors.remove(0))
}

/// The whole interview as one HTML fragment for feed readers.
fn feed_content(interview: &crate::model::Interview, question_label: &str) -> String {
    let mut html = interview.intro.clone();
    for section in &interview.sections {
        if let Some(h) = &section.heading {
            html.push_str(&format!("<h2>{}</h2>\n", h.html));
        }
        html.push_str(&section.lead);
        for ex in &section.exchanges {
            if let Some(q) = &ex.question {
                html.push_str(&format!("<p><strong>{}</strong></p>\n{}", crate::text::escape(question_label), q.html));
            }
            for a in &ex.answers {
                html.push_str(&format!("<p><strong>{}</strong></p>\n{}", crate::text::escape(&a.speaker), a.html));
            }
        }
    }
    html.push_str(&interview.footnotes);
    html
}

/// `sitemap.xml`: every public page with the date it last changed.
pub fn sitemap(site: &Site, pages: &[Page]) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for page in pages.iter().filter(|p| p.is_public_html()) {
        let lastmod = match page.kind {
            PageKind::Interview(i) => Some(site.interviews[i].meta.date),
            PageKind::Topic { topic, .. } => site.topics[topic].entries.first().map(|(i, _)| site.interviews[*i].meta.date),
            PageKind::Person { person, .. } => site.people[person].entries.first().map(|e| site.interviews[e.interview].meta.date),
            _ => site.updated,
        };
        xml.push_str(&format!("<url><loc>{}</loc>", crate::text::escape(&format!("{}{}", site.config.base_url, page.url_path()))));
        if let Some(d) = lastmod {
            xml.push_str(&format!("<lastmod>{}</lastmod>", d.to_rfc3339()));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// `robots.txt`: everything may be crawled; here is the sitemap.
pub fn robots(site: &Site) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n", site.config.base_url)
}

fn latest_role(p: &crate::model::Person) -> &str {
    p.roles.last().map_or("", |(r, _)| r.as_str())
}

#[derive(Serialize)]
struct TopicView<'a> {
    slug: &'a str,
    title: &'a str,
    description: &'a str,
    interviews: usize,
    exchanges: usize,
}

#[derive(Serialize)]
struct PersonRow<'a> {
    link: PersonLink<'a>,
    interviews: usize,
    answers: usize,
}

#[derive(Serialize)]
struct PersonView<'a> {
    name: &'a str,
    interviews: usize,
    answers: usize,
    roles: Vec<RoleView<'a>>,
}

#[derive(Serialize)]
struct RoleView<'a> {
    role: &'a str,
    date: String,
    date_iso: String,
    interview: String,
}

#[derive(Serialize)]
struct PersonCard<'a> {
    card: Card<'a>,
    gave: bool,
    conducted: bool,
}

#[derive(Serialize)]
struct TopicGroup<'a> {
    chip: Option<Chip<'a>>,
    excerpts: Vec<Excerpt<'a>>,
}

#[derive(Serialize)]
struct MonthView<'a> {
    label: String,
    interviews: Vec<Card<'a>>,
}

#[derive(Serialize)]
struct InterviewView<'a> {
    /// "问" or "Q", in the interview's own language.
    question_label: &'a str,
    card: Card<'a>,
    source: Option<&'a crate::meta::SourceRef>,
    reading_time: String,
    intro: &'a str,
    sections: Vec<SectionView<'a>>,
    footnotes: &'a str,
    older: Option<Link<'a>>,
    newer: Option<Link<'a>>,
}

#[derive(Serialize)]
struct SectionView<'a> {
    heading: Option<&'a Heading>,
    lead: &'a str,
    exchanges: Vec<ExchangeView<'a>>,
}

#[derive(Serialize)]
struct ExchangeView<'a> {
    topics: Vec<Chip<'a>>,
    question: Option<TurnView<'a>>,
    answers: Vec<TurnView<'a>>,
}

#[derive(Serialize)]
struct TurnView<'a> {
    anchor: &'a str,
    speaker: PersonLink<'a>,
    html: &'a str,
    text: &'a str,
}

fn interview_view<'s: 'f, 'f>(views: &Views<'s>, i: usize, interview: &'f Interview) -> InterviewView<'f> {
    let site = views.site;
    let link = |j: usize| Link { title: &site.interviews[j].meta.title, url: views.url(&site.interviews[j].url) };
    let sections = interview
        .sections
        .iter()
        .map(|s| SectionView {
            heading: s.heading.as_ref(),
            lead: &s.lead,
            exchanges: s
                .exchanges
                .iter()
                .map(|ex| ExchangeView {
                    topics: views.chips(&ex.topics),
                    question: ex.question.as_ref().map(|q| TurnView {
                        anchor: &q.anchor,
                        speaker: views.person_link(&q.asker, ""),
                        html: &q.html,
                        text: &q.text,
                    }),
                    answers: ex
                        .answers
                        .iter()
                        .map(|a| TurnView { anchor: &a.anchor, speaker: views.person_link(&a.speaker, ""), html: &a.html, text: "" })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    InterviewView {
        question_label: views.question_label(&interview.meta.lang),
        card: views.card_of(interview),
        source: interview.meta.source.as_ref(),
        reading_time: views.strings.count("reading_time", interview.reading_minutes as usize),
        intro: &interview.intro,
        sections,
        footnotes: &interview.footnotes,
        older: (i + 1 < site.interviews.len()).then(|| link(i + 1)),
        newer: (i > 0).then(|| link(i - 1)),
    }
}
