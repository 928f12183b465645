//! The archive: every interview by month, newest first.

use serde::Serialize;

use super::super::context::PageContext;
use super::super::paginate::{page_count, pager, slice};
use super::super::views::{Card, Views};
use super::Fill;

pub(in crate::render) fn archive(views: &Views, n: usize, ctx: &mut PageContext) -> Fill {
    let site = views.site;
    let per = site.config.paginate_by;
    let range = slice(site.listed.len(), per, n);
    let mut months: Vec<MonthView> = Vec::new();
    for &i in &site.listed[range] {
        let meta = &site.interviews[i].meta;
        let date = &meta.date;
        // Known only to the year: under the year, not under its January.
        let label = match &meta.recorded {
            Some(r) if !meta.published && r.start.precision == crate::content::approx::Precision::Year => {
                views.strings.year(chrono::Datelike::year(date))
            }
            _ => views.strings.month(chrono::Datelike::year(date), chrono::Datelike::month(date)),
        };
        match months.last_mut() {
            Some(m) if m.label == label => m.interviews.push(views.card(i)),
            _ => months.push(MonthView { label, interviews: vec![views.card(i)] }),
        }
    }
    ctx.insert("title", views.strings.get("archive_title"));
    ctx.insert("months", &months);
    ctx.insert("pager", &pager(&site.config.base_path, "archive/", n, page_count(site.listed.len(), per)));
    "archive.html"
}

#[derive(Serialize)]
struct MonthView<'a> {
    label: String,
    interviews: Vec<Card<'a>>,
}
