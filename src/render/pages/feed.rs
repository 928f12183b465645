//! Atom feeds: the whole site's, and one per topic, each entry with the
//! whole interview as its content.

use serde::Serialize;

use super::super::context::PageContext;
use super::super::views::{Chip, Views};
use super::Fill;
use crate::content::Interview;
use crate::text::escape;

/// Which interviews a feed follows.
#[derive(Debug, Clone, Copy)]
pub(in crate::render) enum FeedOf {
    Site,
    Topic(usize),
    Collection(usize),
}

pub(in crate::render) fn feed(views: &Views, of: FeedOf, ctx: &mut PageContext) -> Fill {
    let site = views.site;
    let (title, indices): (&str, Vec<usize>) = match of {
        FeedOf::Site => (&site.config.title, site.listed.clone()),
        FeedOf::Topic(t) => (&site.topics[t].def.title, site.topics[t].entries.iter().map(|(i, _)| *i).collect()),
        FeedOf::Collection(c) => {
            // Newest first, as every feed, whatever the collection's own order.
            let mut entries = site.collections[c].entries.clone();
            entries.sort_by(|a, b| site.interviews[*b].meta.date.cmp(&site.interviews[*a].meta.date));
            (&site.collections[c].def.title, entries)
        }
    };
    let entries: Vec<FeedEntry> = indices.into_iter().take(site.config.feed_limit).map(|i| feed_entry(views, i)).collect();
    let updated = entries
        .first()
        .map_or_else(|| site.updated.map(|d| d.to_rfc3339()).unwrap_or_else(|| "1970-01-01T00:00:00+00:00".into()), |e| e.updated.clone());
    let page_url = match of {
        FeedOf::Site => String::new(),
        FeedOf::Topic(t) => site.topics[t].url.clone(),
        FeedOf::Collection(c) => site.collections[c].url.clone(),
    };
    ctx.insert("title", title);
    ctx.insert("feed", &FeedView { updated, alternate: format!("{}{page_url}", site.config.base_url), entries });
    "atom.xml"
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

fn feed_entry<'a>(views: &Views<'a>, i: usize) -> FeedEntry<'a> {
    let site = views.site;
    let interview = &site.interviews[i];
    let m = &interview.meta;
    FeedEntry {
        title: &m.title,
        url: format!("{}{}", site.config.base_url, interview.url),
        updated: m.date.to_rfc3339(),
        summary: &m.summary,
        content: feed_content(interview, views.question_label(&m.lang)),
        authors: m.interviewers.iter().map(|p| p.name.as_str()).collect(),
        topics: views.chips(&m.topics),
    }
}

/// The whole interview as one HTML fragment for feed readers.
fn feed_content(interview: &Interview, question_label: &str) -> String {
    let mut html = interview.intro.clone();
    for section in &interview.sections {
        if let Some(h) = &section.heading {
            html.push_str(&format!("<h2>{}</h2>\n", h.html));
        }
        html.push_str(&section.lead);
        for ex in &section.exchanges {
            if let Some(q) = &ex.question {
                html.push_str(&format!("<p><strong>{}</strong></p>\n{}", escape(question_label), q.html));
            }
            for a in &ex.answers {
                html.push_str(&format!("<p><strong>{}</strong></p>\n{}", escape(&a.speaker), a.html));
            }
        }
    }
    html.push_str(&interview.footnotes);
    html
}
