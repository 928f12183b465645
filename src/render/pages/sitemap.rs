//! `sitemap.xml` and `robots.txt`, written without a template.

use super::{Page, PageKind};
use crate::site::Site;
use crate::text::escape;

/// `sitemap.xml`: every public page with the date it last changed.
pub(in crate::render) fn sitemap(site: &Site, pages: &[Page]) -> String {
    let mut xml =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for page in pages.iter().filter(|p| p.is_public_html()) {
        let lastmod = match page.kind {
            PageKind::Interview(i) => Some(site.interviews[i].meta.date),
            PageKind::Topic { topic, .. } => site.topics[topic].entries.first().map(|(i, _)| site.interviews[*i].meta.date),
            PageKind::Person { person, .. } => site.people[person].entries.first().map(|e| site.interviews[e.interview].meta.date),
            _ => site.updated,
        };
        xml.push_str(&format!("<url><loc>{}</loc>", escape(&format!("{}{}", site.config.base_url, page.url_path()))));
        if let Some(d) = lastmod {
            xml.push_str(&format!("<lastmod>{}</lastmod>", d.to_rfc3339()));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// `robots.txt`: everything may be crawled; here is the sitemap.
pub(in crate::render) fn robots(site: &Site) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n", site.config.base_url)
}
