//! The people index and each person's pages: the interviews they gave or
//! conducted, their roles over time and their answers grouped by topic.

use serde::Serialize;

use super::super::context::PageContext;
use super::super::paginate::{page_count, pager, slice};
use super::super::views::{Card, Chip, Excerpt, PersonLink, Views};
use super::home::latest_role;
use super::Fill;

pub(in crate::render) fn people(views: &Views, n: usize, ctx: &mut PageContext) -> Fill {
    let site = views.site;
    let per = site.config.paginate_by;
    let range = slice(site.people.len(), per, n);
    let people: Vec<PersonRow> = site.people[range]
        .iter()
        .map(|p| PersonRow { link: views.person_link(&p.name, latest_role(p)), interviews: p.entries.len(), answers: p.answer_count })
        .collect();
    ctx.insert("title", views.strings.get("people"));
    ctx.insert("people", &people);
    ctx.insert("pager", &pager(&site.config.base_path, "people/", n, page_count(site.people.len(), per)));
    "people.html"
}

pub(in crate::render) fn person(views: &Views, person: usize, n: usize, ctx: &mut PageContext) -> Fill {
    let site = views.site;
    let per = site.config.paginate_by;
    let p = &site.people[person];
    let range = slice(p.entries.len(), per, n);
    let entries = &p.entries[range];
    let cards: Vec<PersonCard> =
        entries.iter().map(|e| PersonCard { card: views.card(e.interview), gave: e.gave, conducted: e.conducted }).collect();
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
            RoleView { role, date: views.strings.date(date), date_iso: date.to_rfc3339(), interview: views.url(&site.interviews[*i].url) }
        })
        .collect();
    ctx.insert("title", &p.name);
    ctx.insert("person", &PersonView { name: &p.name, interviews: p.entries.len(), answers: p.answer_count, roles });
    ctx.insert("entries", &cards);
    ctx.insert("by_topic", &by_topic);
    ctx.insert("pager", &pager(&site.config.base_path, &p.url, n, page_count(p.entries.len(), per)));
    "person.html"
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
