//! Renders the site: [`pages`] lists every page the site has, [`Renderer::render`]
//! turns one into an [`Output`] from the site model and the theme. Nothing here
//! writes files or keeps state between pages, so `build` can write outputs as
//! they come and a preview server can keep them in memory.

mod pages;
mod paginate;
mod views;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::i18n::Strings;
use crate::model::{Interview, Site};
use crate::theme::{error_chain, runtime_error_at, Theme};

pub use pages::{pages, Page, PageKind};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Relative to the output folder, with `/`, e.g. `interviews/x/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Renders pages of one site with one theme.
pub struct Renderer<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    strings: Strings,
    urls: views::Urls,
    base: tera::Context,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    language: &'a str,
    search: bool,
    topics: Vec<views::Chip<'a>>,
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme) -> Renderer<'a> {
        let c = &site.config;
        let strings = Strings::new(&c.language, &c.strings);
        let urls = views::Urls::new(site);
        let view = SiteView {
            title: &c.title,
            description: &c.description,
            base_url: &c.base_url,
            base_path: &c.base_path,
            language: &c.language,
            search: c.search,
            // Known before any interview is parsed, like everything in `site`:
            // an interview's page is rendered as soon as it is parsed.
            topics: c
                .topics
                .iter()
                .zip(&urls.topics)
                .map(|(t, url)| views::Chip { slug: &t.slug, title: &t.title, url })
                .collect(),
        };
        let assets: BTreeMap<&str, String> =
            theme.assets.iter().map(|(name, a)| (name.as_str(), format!("{}{}", c.base_path, a.output_path))).collect();
        let mut base = tera::Context::new();
        base.insert("site", &view);
        base.insert("t", &strings.map);
        base.insert("assets", &assets);
        Renderer { site, theme, strings, urls, base }
    }

    /// Render one page through its template.
    pub fn render(&self, page: &Page) -> Result<Output, Diagnostic> {
        match page.kind {
            PageKind::Sitemap => {
                let xml = pages::sitemap(self.site, &pages::pages(self.site));
                return Ok(Output { path: page.path.clone(), bytes: xml.into_bytes() });
            }
            PageKind::Robots => return Ok(Output { path: page.path.clone(), bytes: pages::robots(self.site).into_bytes() }),
            PageKind::Interview(i) => return self.render_interview(page, i, &pages::with_html(self.site, i)?),
            _ => {}
        }
        let mut ctx = self.base.clone();
        let template = pages::fill(self, page, &mut ctx)?;
        self.finish(page, template, ctx)
    }

    /// The page of interview `i` from `full`, its parse with HTML. It needs
    /// only the front matter of the other interviews.
    pub fn render_interview(&self, page: &Page, i: usize, full: &Interview) -> Result<Output, Diagnostic> {
        let mut ctx = self.base.clone();
        pages::fill_interview(self, i, full, &mut ctx);
        self.finish(page, "interview.html", ctx)
    }

    fn finish(&self, page: &Page, template: &str, mut ctx: tera::Context) -> Result<Output, Diagnostic> {
        if ctx.get("description").is_none_or(|d| d.as_str().is_some_and(str::is_empty)) {
            ctx.insert("description", &self.site.config.description);
        }
        let page_url = format!("{}{}", self.site.config.base_url, page.url_path());
        ctx.insert("page_url", &page_url);
        ctx.insert("page_path", &format!("{}{}", self.site.config.base_path, page.url_path()));
        // Straight into bytes: `render` would check the whole page is UTF-8 once more.
        let mut bytes = Vec::with_capacity(16 * 1024);
        self.theme.tera.render_to(template, &ctx, &mut bytes).map_err(|e| {
            let chain = error_chain(&e);
            let (at, line, column) = runtime_error_at(self.theme, template, &chain);
            let file = self.theme.template_files.get(at).map_or_else(|| PathBuf::from(at), |(path, _)| path.clone());
            Diagnostic::new(file, line, column, format!("template error while rendering {}: {}", page.path, chain.replace('\n', ": ")))
        })?;
        Ok(Output { path: page.path.clone(), bytes })
    }
}

/// The theme's assets (under their hashed names) and the site's static files.
pub fn statics(theme: &Theme) -> impl Iterator<Item = Output> + '_ {
    let assets = theme.assets.values().map(|a| Output { path: a.output_path.clone(), bytes: a.bytes.clone() });
    let site = theme.site_static.iter().map(|(path, bytes)| Output { path: path.clone(), bytes: bytes.clone() });
    assets.chain(site)
}
