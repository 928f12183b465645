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
    let newest: Vec<Card> = site.listed.iter().take(HOME_INTERVIEWS).map(|&i| views.card(i)).collect();
    let mut people: Vec<usize> = (0..site.people.len()).collect();
    let by = |k: &usize| &site.people[*k];
    people.sort_by(|a, b| by(b).entries.len().cmp(&by(a).entries.len()).then_with(|| by(a).name.cmp(&by(b).name)));
    let people: Vec<PersonLink> = people.into_iter().take(HOME_PEOPLE).map(|k| views.person(k, latest_role(by(&k)))).collect();
    ctx.insert("title", &site.config.title);
    ctx.insert("topics", &topic_summaries(site, views));
    ctx.insert("newest", &newest);
    ctx.insert("people", &people);
    "index.html"
}

pub(in crate::render) fn topics(views: &Views, ctx: &mut PageContext) -> Fill {
    let site = views.site;
    ctx.insert("title", views.strings.get("topics"));
    ctx.insert("topics", &topic_summaries(site, views));
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
    count_interviews: String,
    count_qa: String,
}

/// Every topic with what it gathers.
fn topic_summaries<'a>(site: &'a Site, views: &Views) -> Vec<TopicSummary<'a>> {
    site.topics
        .iter()
        .map(|t| TopicSummary {
            count_interviews: views.strings.count("count_interviews", t.entries.len()),
            count_qa: views.strings.count("count_qa", t.exchange_count),
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
