//! Collections: the list of them, and each one's pages with its interviews
//! in the collection's order.

use serde::Serialize;

use super::super::context::PageContext;
use super::super::paginate::{page_count, pager, slice};
use super::super::views::{Card, Views};
use super::Fill;

pub(in crate::render) fn collections(views: &Views, ctx: &mut PageContext) -> Fill {
    let site = views.site;
    let list: Vec<CollectionSummary> = site
        .collections
        .iter()
        .map(|c| CollectionSummary {
            slug: &c.def.slug,
            title: &c.def.title,
            description: &c.def.description,
            url: views.url(&c.url),
            count: views.strings.count("count_interviews", c.entries.len()),
        })
        .collect();
    ctx.insert("title", views.strings.get("collections"));
    ctx.insert("collections", &list);
    "collections.html"
}

pub(in crate::render) fn collection(views: &Views, collection: usize, n: usize, ctx: &mut PageContext) -> Fill {
    let site = views.site;
    let per = site.config.paginate_by;
    let c = &site.collections[collection];
    let range = slice(c.entries.len(), per, n);
    let entries: Vec<Card> = c.entries[range].iter().map(|&i| views.card(i)).collect();
    ctx.insert("title", &c.def.title);
    ctx.insert("description", &c.def.description);
    ctx.insert(
        "collection",
        &CollectionSummary {
            slug: &c.def.slug,
            title: &c.def.title,
            description: &c.def.description,
            url: views.url(&c.url),
            count: views.strings.count("count_interviews", c.entries.len()),
        },
    );
    // A series is read in its order: number the entries.
    ctx.insert("ordered", &c.entries.iter().any(|&i| site.interviews[i].meta.order.is_some()));
    ctx.insert("first_number", &((n - 1) * per + 1));
    ctx.insert("entries", &entries);
    ctx.insert("pager", &pager(&site.config.base_path, &c.url, n, page_count(c.entries.len(), per)));
    "collection.html"
}

#[derive(Serialize)]
struct CollectionSummary<'a> {
    slug: &'a str,
    title: &'a str,
    description: &'a str,
    url: String,
    /// `3 interviews`.
    count: String,
}
