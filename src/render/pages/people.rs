//! The people index and each person's pages: the interviews they gave or
//! conducted, their roles over time and their answers grouped by topic.

use serde::Serialize;

use super::super::context::PageContext;
use super::super::paginate::{page_count, pager, slice};
use super::super::views::{Card, Chip, Excerpt, Link, PersonLink, Views};
use super::home::latest_role;
use super::Fill;

pub(in crate::render) fn people(views: &Views, n: usize, ctx: &mut PageContext) -> Fill {
    let site = views.site;
    let per = site.config.paginate_by;
    let range = slice(site.people.len(), per, n);
    let people: Vec<PersonRow> = range
        .map(|k| (k, &site.people[k]))
        .map(|(k, p)| PersonRow {
            link: views.person(k, latest_role(p)),
            interviews: p.entries.len(),
            answers: p.answer_count,
            count_interviews: views.strings.count("count_interviews", p.entries.len()),
            count_answers: views.strings.count("count_answers", p.answer_count),
        })
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
        .map(|t| TopicGroup { chip: views.chips(std::slice::from_ref(&t.def.slug)).remove(0), excerpts: Vec::new() })
        .collect();
    // Answers tagged with no topic are on the interview pages the cards link to.
    for r in entries.iter().flat_map(|e| &e.answers) {
        let ex = site.exchange(*r);
        for (t, group) in site.topics.iter().zip(by_topic.iter_mut()) {
            if ex.topics.contains(&t.def.slug) {
                group.excerpts.push(views.excerpt(*r));
            }
        }
    }
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
    let strings = views.strings;
    let record = p.record.as_ref().map(|r| RecordView {
        aliases: strings.list(&r.aliases),
        born: r.born.as_ref().map(|d| strings.approx(d)).unwrap_or_default(),
        died: r.died.as_ref().map(|d| strings.approx(d)).unwrap_or_default(),
        affiliations: &r.affiliations,
        photo: r.photo.as_ref(),
        links: r.links.iter().map(|(title, url)| Link { title, url }).collect(),
        bio: &r.bio,
        extra: &r.extra,
    });
    if let Some(bio) = p.record.as_ref().map(|r| crate::text::shorten(&crate::text::plain(&r.bio), 160)).filter(|b| !b.is_empty()) {
        ctx.insert("description", &bio);
    }
    ctx.insert(
        "person",
        &PersonView {
            name: &p.name,
            interviews: p.entries.len(),
            answers: p.answer_count,
            count_interviews: strings.count("count_interviews", p.entries.len()),
            count_answers: strings.count("count_answers", p.answer_count),
            roles,
            record,
        },
    );
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
    count_interviews: String,
    count_answers: String,
}

#[derive(Serialize)]
struct PersonView<'a> {
    name: &'a str,
    interviews: usize,
    answers: usize,
    count_interviews: String,
    count_answers: String,
    roles: Vec<RoleView<'a>>,
    /// What their person file says; absent without one.
    record: Option<RecordView<'a>>,
}

#[derive(Serialize)]
struct RecordView<'a> {
    aliases: String,
    born: String,
    died: String,
    affiliations: &'a [crate::content::person::Affiliation],
    photo: Option<&'a crate::content::person::Image>,
    links: Vec<Link<'a>>,
    /// HTML of the biography.
    bio: &'a str,
    extra: &'a serde_yaml::Value,
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
    chip: Chip<'a>,
    excerpts: Vec<Excerpt<'a>>,
}
