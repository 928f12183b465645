//! `site.toml`: read into [`RawConfig`] (which mirrors the file and rejects
//! unknown keys), then checked into the [`Config`] every later stage reads.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::error::{key_problem, line_col, BaseUrlProblem, Diagnostic, Kind};
use crate::slug;

pub(crate) const CONFIG_FILE: &str = "site.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    description: String,
    base_url: Spanned<String>,
    #[serde(default = "default_language")]
    language: Spanned<String>,
    #[serde(default = "default_theme")]
    theme: Spanned<String>,
    #[serde(default = "default_output_dir")]
    output_dir: Spanned<PathBuf>,
    #[serde(default = "default_paginate_by")]
    paginate_by: Spanned<usize>,
    #[serde(default = "default_feed_limit")]
    feed_limit: usize,
    /// Keep raw HTML in Markdown as written instead of sanitizing it.
    #[serde(default)]
    unsafe_html: bool,
    /// Build the search index and the /search/ page.
    #[serde(default = "default_true")]
    search: bool,
    /// Overrides of the interface's built-in strings, by key.
    #[serde(default)]
    strings: BTreeMap<String, String>,
    #[serde(default)]
    topics: Vec<RawTopic>,
    #[serde(default)]
    collections: Vec<RawCollection>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCollection {
    slug: Spanned<String>,
    title: String,
    #[serde(default)]
    description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    slug: Spanned<String>,
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    keywords: Vec<String>,
}

fn default_true() -> bool {
    true
}
/// A value site.toml does not write: its span is empty, at the top of the file.
fn unwritten<T>(value: T) -> Spanned<T> {
    Spanned::new(0..0, value)
}
fn default_language() -> Spanned<String> {
    unwritten("zh-CN".into())
}
fn default_theme() -> Spanned<String> {
    unwritten("default".into())
}
fn default_output_dir() -> Spanned<PathBuf> {
    unwritten("public".into())
}
fn default_paginate_by() -> Spanned<usize> {
    unwritten(50)
}
fn default_feed_limit() -> usize {
    20
}

/// The site's settings, validated.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub title: String,
    pub description: String,
    /// Absolute, ending in `/`, e.g. `https://example.org/archive/`.
    pub base_url: String,
    /// The path part of `base_url`, starting and ending in `/`, e.g. `/archive/`.
    pub base_path: String,
    pub language: String,
    pub theme: String,
    /// Line and column of `theme`'s value in site.toml (1:1 when unwritten).
    pub theme_at: (usize, usize),
    pub output_dir: PathBuf,
    /// Line and column of `output_dir`'s value in site.toml (1:1 when unwritten).
    pub output_dir_at: (usize, usize),
    pub paginate_by: usize,
    pub feed_limit: usize,
    pub unsafe_html: bool,
    pub search: bool,
    pub strings: BTreeMap<String, String>,
    pub topics: Vec<TopicDef>,
    pub collections: Vec<CollectionDef>,
    /// The site's folder (`.` when read from text alone).
    pub root: PathBuf,
    /// The slugs of the person files under `content/people/`, which
    /// interviews may `ref:`; set once the content is listed.
    pub person_slugs: std::collections::BTreeSet<String>,
    /// The selectors of the theme's `syntax.css`, which decide the classes
    /// highlighted code carries; set once the theme is read. `None` keeps all.
    pub code_classes: Option<std::sync::Arc<crate::css::Styled>>,
}

/// A collection (a series, a project, a donation) as `site.toml` defines it.
#[derive(Debug, Clone)]
pub(crate) struct CollectionDef {
    pub slug: String,
    pub title: String,
    pub description: String,
}

/// A topic as `site.toml` defines it.
#[derive(Debug, Clone)]
pub(crate) struct TopicDef {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub keywords: Vec<String>,
}

impl Config {
    /// Read `site.toml` from `root`.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| vec![Diagnostic::file(CONFIG_FILE, Kind::CannotReadConfig { reason: e.to_string() })])?;
        let mut config = Config::parse(&text)?;
        config.root = root.to_path_buf();
        Ok(config)
    }

    pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((1, 1), |s| line_col(text, s.start));
            let kind = key_problem(e.message()).unwrap_or_else(|| Kind::Toml { message: e.message().trim().to_string() });
            vec![Diagnostic::new(CONFIG_FILE, line, column, kind)]
        })?;
        validate(raw, text)
    }

    /// Replace the base URL (deploy previews, the local preview server).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), Kind> {
        let (base_url, base_path) = split_base_url(url)?;
        self.base_url = base_url;
        self.base_path = base_path;
        Ok(())
    }

    pub fn topic(&self, slug: &str) -> Option<&TopicDef> {
        self.topics.iter().find(|t| t.slug == slug)
    }

    pub fn collection(&self, slug: &str) -> Option<&CollectionDef> {
        self.collections.iter().find(|c| c.slug == slug)
    }
}

fn validate(raw: RawConfig, text: &str) -> Result<Config, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    // Where a value is written, from the TOML parser's span of it.
    let lines = crate::lines::Lines::new(text);
    let at = |span: std::ops::Range<usize>| if span.is_empty() && span.start == 0 { (1, 1) } else { lines.locate(span.start) };
    let mut error = |span: std::ops::Range<usize>, kind: Kind| {
        let (line, column) = at(span);
        errors.push(Diagnostic::new(CONFIG_FILE, line, column, kind));
    };
    let (base_url, base_path) = match split_base_url(raw.base_url.get_ref()) {
        Ok(parts) => parts,
        Err(kind) => {
            error(raw.base_url.span(), kind);
            (String::new(), "/".into())
        }
    };
    if *raw.paginate_by.get_ref() == 0 {
        error(raw.paginate_by.span(), Kind::ZeroPagination);
    }
    if !matches!(raw.language.get_ref().as_str(), "zh-CN" | "en") {
        error(raw.language.span(), Kind::UnknownLanguage { language: raw.language.get_ref().clone() });
    }
    let mut topics: Vec<TopicDef> = Vec::new();
    for t in raw.topics {
        let span = t.slug.span();
        let slug = t.slug.into_inner();
        if !slug::is_valid(&slug) {
            error(span, Kind::BadTopicSlug { what: "topic", slug: slug.clone() });
        } else if topics.iter().any(|o| o.slug == slug) {
            error(span, Kind::TopicTwice { what: "topic", slug: slug.clone() });
        }
        topics.push(TopicDef { slug, title: t.title, description: t.description, keywords: t.keywords });
    }
    let mut collections: Vec<CollectionDef> = Vec::new();
    for c in raw.collections {
        let span = c.slug.span();
        let slug = c.slug.into_inner();
        if !slug::is_valid(&slug) {
            error(span, Kind::BadTopicSlug { what: "collection", slug: slug.clone() });
        } else if collections.iter().any(|o| o.slug == slug) {
            error(span, Kind::TopicTwice { what: "collection", slug: slug.clone() });
        }
        collections.push(CollectionDef { slug, title: c.title, description: c.description });
    }
    if !errors.is_empty() {
        errors.sort();
        return Err(errors);
    }
    Ok(Config {
        title: raw.title,
        description: raw.description,
        base_url,
        base_path,
        language: raw.language.into_inner(),
        theme_at: at(raw.theme.span()),
        theme: raw.theme.into_inner(),
        output_dir_at: at(raw.output_dir.span()),
        output_dir: raw.output_dir.into_inner(),
        paginate_by: raw.paginate_by.into_inner(),
        feed_limit: raw.feed_limit,
        unsafe_html: raw.unsafe_html,
        search: raw.search,
        strings: raw.strings,
        topics,
        collections,
        root: PathBuf::from("."),
        person_slugs: Default::default(),
        code_classes: None,
    })
}

/// `https://example.org/archive` → (`https://example.org/archive/`, `/archive/`).
fn split_base_url(url: &str) -> Result<(String, String), Kind> {
    let problem = |problem| Kind::BadBaseUrl { url: url.to_string(), problem };
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")).ok_or_else(|| problem(BaseUrlProblem::NoScheme))?;
    let host_end = rest.find('/').unwrap_or(rest.len());
    if host_end == 0 {
        return Err(problem(BaseUrlProblem::NoHost));
    }
    let mut path = rest[host_end..].to_string();
    if path.contains(['?', '#', '"', '<', '>', ' ']) {
        return Err(problem(BaseUrlProblem::QueryOrFragment));
    }
    if !path.ends_with('/') {
        path.push('/');
    }
    let base_url = format!("{}{}", &url[..url.len() - rest.len() + host_end], path);
    Ok((base_url, path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_base_url_with_path() {
        assert_eq!(split_base_url("https://example.org/archive").unwrap(), ("https://example.org/archive/".into(), "/archive/".into()));
        assert_eq!(split_base_url("http://127.0.0.1:1111").unwrap().1, "/");
        assert!(split_base_url("example.org").is_err());
    }

    #[test]
    fn rejects_unknown_keys_with_suggestion() {
        let err = Config::parse("title = \"x\"\nbase_url = \"https://e.org/\"\ntheem = \"default\"\n").unwrap_err();
        assert_eq!(err[0].line, 3);
        assert!(err[0].message().contains("did you mean \"theme\""), "{}", err[0]);
    }
}
