//! The site → its files. [`pages`] lists every page the site has and
//! [`Renderer::render`] turns one into an [`Output`] from the site model and
//! the [`theme`], dispatching to one function per page family; [`search`]
//! writes the search index. Nothing here writes files or keeps state between
//! pages, so `build` can write outputs as they come and the preview can keep
//! them in memory.

mod captions;
mod context;
pub(crate) mod i18n;
mod pages;
mod paginate;
pub(crate) mod record;
pub(crate) mod search;
pub(crate) mod theme;
mod views;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::error::{Diagnostic, Kind};
use crate::fingerprint::Fingerprint;
use crate::site::Site;
use context::PageContext;
use i18n::Strings;
pub(crate) use pages::{pages, Page, PageKind};
use theme::{error_chain, runtime_error_at, Theme};
use views::Views;

/// Asked with a file's path and the hash of what makes it: true when the file
/// the last build made from the same is kept, so it need not be made again.
pub(crate) type Fresh<'a> = dyn Fn(&str, u64) -> bool + Sync + 'a;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Output {
    /// Relative to the output folder, with `/`, e.g. `interviews/x/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Renders the pages of one site with one theme.
pub(crate) struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    strings: Strings,
    built_in: [Strings; 2],
    urls: views::Urls,
    base: tera::Context,
    /// The hash of the theme's templates and the site-wide values: every
    /// page's fingerprint starts from it.
    seed: u64,
}

/// A page's context filled for its template, or a page made without one.
enum Filled {
    Template(&'static str),
    Plain(String),
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
    /// The site has collections: the navigation links to them.
    collections: bool,
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme) -> Renderer<'a> {
        let c = &site.config;
        let strings = Strings::new(&c.language, &c.strings);
        let urls = views::Urls::new(site, &strings);
        let view = SiteView {
            title: &c.title,
            description: &c.description,
            base_url: &c.base_url,
            base_path: &c.base_path,
            language: &c.language,
            search: c.search,
            topics: c.topics.iter().zip(&urls.topics).map(|(t, url)| views::Chip { slug: &t.slug, title: &t.title, url }).collect(),
            collections: !c.collections.is_empty(),
        };
        let assets: BTreeMap<&str, String> =
            theme.assets.iter().map(|(name, a)| (name.as_str(), format!("{}{}", c.base_path, a.output_path))).collect();
        let mut base = tera::Context::new();
        base.insert("site", &view);
        base.insert("t", &strings.map);
        base.insert("assets", &assets);
        let none = BTreeMap::new();
        let built_in = [Strings::new("zh-CN", &none), Strings::new("en", &none)];
        let mut seed = Fingerprint::default();
        for (name, (_, text)) in &theme.template_files {
            seed.bytes(name.as_bytes()).bytes(text.as_bytes());
        }
        let _ = serde_json::to_writer(&mut seed, &base.clone().into_json());
        let seed = seed.finish();
        Renderer { site, theme, strings, built_in, urls, base, seed }
    }

    /// Render one page.
    pub fn render(&self, page: &Page) -> Result<Output, Diagnostic> {
        self.render_in(&mut self.context(), page)
    }

    /// A context to render pages in, one after another (see [`Self::render_in`]).
    pub fn context(&self) -> PageContext {
        PageContext::new(&self.base)
    }

    /// Render one page in `ctx`, which holds the site-wide values and is left
    /// holding only them.
    pub fn render_in(&self, ctx: &mut PageContext, page: &Page) -> Result<Output, Diagnostic> {
        match self.fill(ctx, page) {
            Filled::Template(template) => {
                let out = self.finish(page, template, ctx);
                ctx.clear();
                out
            }
            Filled::Plain(text) => Ok(self.plain(page, text)),
        }
    }

    /// What `page` is made from, as a hash that differs whenever its file
    /// would: the theme and site-wide values, and every value the page puts
    /// in its context. `None` for a page made without a template (captions,
    /// sitemap, robots.txt), which is made and compared instead.
    pub fn fingerprint(&self, ctx: &mut PageContext, page: &Page) -> Option<u64> {
        if page.is_plain() {
            return None;
        }
        ctx.start_print(self.seed);
        let Filled::Template(template) = self.fill(ctx, page) else { unreachable!("plain pages are told apart above") };
        // `page_url` and `page_path` come from the page's path, hashed below.
        if !ctx.has("description") {
            ctx.insert("description", &self.site.config.description);
        }
        Some(ctx.end_print(&[template.as_bytes(), page.path.as_bytes()]))
    }

    /// The fingerprint of `page` when `key` already stands for every value
    /// it puts in its context.
    pub fn keyed(&self, key: u64, page: &Page) -> u64 {
        Fingerprint::default().bytes(&self.seed.to_le_bytes()).bytes(&key.to_le_bytes()).bytes(page.path.as_bytes()).finish()
    }

    /// Put the page's values in `ctx` and name its template. This is the one
    /// place that knows which family makes which page.
    fn fill(&self, ctx: &mut PageContext, page: &Page) -> Filled {
        let views = Views { site: self.site, strings: &self.strings, built_in: &self.built_in, urls: &self.urls };
        Filled::Template(match page.kind {
            PageKind::Home => pages::home(&views, ctx),
            PageKind::Interview(i) => pages::interview(&views, i, ctx),
            PageKind::Topics => pages::topics(&views, ctx),
            PageKind::Topic { topic, page: n } => pages::topic(&views, topic, n, ctx),
            PageKind::People { page: n } => pages::people(&views, n, ctx),
            PageKind::Person { person, page: n } => pages::person(&views, person, n, ctx),
            PageKind::Archive { page: n } => pages::archive(&views, n, ctx),
            PageKind::Search => self.titled(ctx, "search", "search.html"),
            PageKind::NotFound => self.titled(ctx, "not_found", "404.html"),
            PageKind::Feed { topic } => pages::feed(&views, topic.map_or(pages::FeedOf::Site, pages::FeedOf::Topic), ctx),
            PageKind::CollectionFeed { collection } => pages::feed(&views, pages::FeedOf::Collection(collection), ctx),
            PageKind::Collections => pages::collections(&views, ctx),
            PageKind::Collection { collection, page: n } => pages::collection(&views, collection, n, ctx),
            PageKind::Captions(i) => return Filled::Plain(captions::webvtt(&self.site.interviews[i]).unwrap_or_else(|| "WEBVTT\n".into())),
            PageKind::Sitemap => return Filled::Plain(pages::sitemap(self.site, &pages::pages(self.site))),
            PageKind::Robots => return Filled::Plain(pages::robots(self.site)),
        })
    }

    /// A page whose template needs only its title.
    fn titled(&self, ctx: &mut PageContext, title: &str, template: &'static str) -> &'static str {
        ctx.insert("title", self.strings.get(title));
        template
    }

    fn plain(&self, page: &Page, text: String) -> Output {
        Output { path: page.path.clone(), bytes: text.into_bytes() }
    }

    fn finish(&self, page: &Page, template: &'static str, ctx: &mut PageContext) -> Result<Output, Diagnostic> {
        if !ctx.has("description") {
            ctx.insert("description", &self.site.config.description);
        }
        ctx.insert("page_url", &format!("{}{}", self.site.config.base_url, page.url_path()));
        ctx.insert("page_path", &format!("{}{}", self.site.config.base_path, page.url_path()));
        // Straight into bytes: `render` would check the whole page is UTF-8 once more.
        let mut bytes = ctx.buffer(template);
        self.theme.tera.render_to(template, ctx.get(), &mut bytes).map_err(|e| {
            let chain = error_chain(&e);
            let (at, line, column) = runtime_error_at(self.theme, template, &chain);
            let file = self.theme.template_files.get(at).map_or_else(|| PathBuf::from(at), |(path, _)| path.clone());
            Diagnostic::new(file, line, column, Kind::TemplateRender { page: page.path.clone(), message: chain.replace('\n', ": ") })
        })?;
        ctx.wrote(template, bytes.len());
        Ok(Output { path: page.path.clone(), bytes })
    }
}

/// The theme's assets (under their hashed names) and the site's static files.
pub(crate) fn statics(theme: &Theme) -> impl Iterator<Item = Output> + '_ {
    let assets = theme.assets.values().map(|a| Output { path: a.output_path.clone(), bytes: a.bytes.clone() });
    let site = theme.site_static.iter().map(|(path, bytes)| Output { path: path.clone(), bytes: bytes.clone() });
    assets.chain(site)
}
