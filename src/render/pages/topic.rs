//! A topic's pages: every interview tagged with it, each with its tagged
//! questions and the start of their answers.

use serde::Serialize;

use super::super::context::PageContext;
use super::super::paginate::{page_count, pager, slice};
use super::super::views::Views;
use super::Fill;

pub(in crate::render) fn topic(views: &Views, topic: usize, n: usize, ctx: &mut PageContext) -> Fill {
    let site = views.site;
    let per = site.config.paginate_by;
    let t = &site.topics[topic];
    let range = slice(t.entries.len(), per, n);
    let entries: Vec<_> = t.entries[range].iter().map(|(i, refs)| views.with_excerpts(*i, refs)).collect();
    ctx.insert("title", &t.def.title);
    ctx.insert("description", &t.def.description);
    ctx.insert(
        "topic",
        &TopicView {
            slug: &t.def.slug,
            title: &t.def.title,
            description: &t.def.description,
            interviews: t.entries.len(),
            exchanges: t.exchange_count,
            count_interviews: views.strings.count("count_interviews", t.entries.len()),
            count_qa: views.strings.count("count_qa", t.exchange_count),
        },
    );
    ctx.insert("entries", &entries);
    ctx.insert("pager", &pager(&site.config.base_path, &t.url, n, page_count(t.entries.len(), per)));
    "topic.html"
}

#[derive(Serialize)]
struct TopicView<'a> {
    slug: &'a str,
    title: &'a str,
    description: &'a str,
    interviews: usize,
    exchanges: usize,
    count_interviews: String,
    count_qa: String,
}
