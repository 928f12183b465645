//! The home page (newest interviews, topics, most interviewed people) and the
//! topics overview.

use std::collections::BTreeMap;

use serde::Serialize;

use super::super::context::PageContext;
use super::super::views::{Card, PersonLink, Views};
use super::Fill;
use crate::site::model::Person;
use crate::site::Site;

const HOME_INTERVIEWS: usize = 10;
const HOME_PEOPLE: usize = 24;

pub(in crate::render) fn home(views: &Views, ctx: &mut PageContext) -> Fill {
    let site = views.site;
    let newest: Vec<Card> = (0..site.interviews.len().min(HOME_INTERVIEWS)).map(|i| views.card(i)).collect();
    let mut people: Vec<_> = site.people.iter().collect();
    people.sort_by(|a, b| b.entries.len().cmp(&a.entries.len()).then_with(|| a.name.cmp(&b.name)));
    let people: Vec<PersonLink> = people.into_iter().take(HOME_PEOPLE).map(|p| views.person_link(&p.name, latest_role(p))).collect();
    ctx.insert("title", &site.config.title);
    ctx.insert("topics", &topic_summaries(site));
    ctx.insert("newest", &newest);
    ctx.insert("people", &people);
    "index.html"
}

pub(in crate::render) fn topics(views: &Views, ctx: &mut PageContext) -> Fill {
    let site = views.site;
    ctx.insert("title", views.strings.get("topics"));
    ctx.insert("topics", &topic_summaries(site));
    let descriptions: BTreeMap<&str, &str> = site.topics.iter().map(|t| (t.def.slug.as_str(), t.def.description.as_str())).collect();
    ctx.insert("descriptions", &descriptions);
    "topics.html"
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

/// The role a person held in their latest interview.
pub(super) fn latest_role(p: &Person) -> &str {
    p.roles.last().map_or("", |(r, _)| r.as_str())
}
