//! Renders runs of pulldown-cmark events to HTML, doing what is ours on the
//! way: code is highlighted, links to content files become page URLs, footnotes
//! are numbered across the whole interview, raw HTML is sanitized, and the
//! plain text is kept for topic keywords, excerpts and reading time.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Options, Tag, TagEnd};

use crate::config::Config;
use crate::content::assets::{is_external, Assets, Found};
use crate::content::highlight;
use crate::content::interview::{AnchorLink, SiteLink};
use crate::content::links::{LinkMap, Resolved};
use crate::content::source::Source;
use crate::error::{did_you_mean, line_col, Diagnostic, Kind, HINTS_PER_FILE};

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Turns runs of events into HTML and text; everything it needs to know about the file it renders.
pub(crate) struct Converter<'a> {
    pub source: &'a Source,
    /// Byte offset of the Markdown body in the file, to locate events.
    pub body_offset: usize,
    pub links: &'a LinkMap,
    pub base_path: &'a str,
    pub unsafe_html: bool,
    pub code_classes: Option<&'a crate::css::Styled>,
    pub self_slug: &'a str,
    /// Footnote name → number, in order of first reference.
    pub footnotes: HashMap<String, usize>,
    pub anchor_links: Vec<AnchorLink>,
    pub site_links: Vec<SiteLink>,
    pub errors: Vec<Diagnostic>,
    /// The local files its images and links name.
    pub assets: Assets<'a>,
    /// Links to missing files reported so far (the first get a hint).
    missing_files: usize,
}

/// HTML and plain text of a chunk.
#[derive(Default)]
pub(crate) struct Rendered {
    pub html: String,
    pub text: String,
}

impl<'a> Converter<'a> {
    /// A converter for the body of `source`, which starts at `body_offset`.
    pub fn new(
        source: &'a Source,
        body_offset: usize,
        links: &'a LinkMap,
        config: &'a Config,
        self_slug: &'a str,
        assets: Assets<'a>,
    ) -> Self {
        Converter {
            source,
            body_offset,
            links,
            base_path: &config.base_path,
            unsafe_html: config.unsafe_html,
            code_classes: config.code_classes.as_deref(),
            self_slug,
            footnotes: Default::default(),
            anchor_links: Vec::new(),
            site_links: Vec::new(),
            errors: Vec::new(),
            assets,
            missing_files: 0,
        }
    }

    /// Render `events` (with their byte ranges in the body).
    pub fn render<'e>(&mut self, events: impl IntoIterator<Item = (Event<'e>, Range<usize>)>) -> Rendered {
        let mut out: Vec<Event<'e>> = Vec::new();
        let mut pending = String::new();
        let mut text = String::new();
        let mut raw_html = false;
        let mut code: Option<(String, String)> = None;
        let events: Vec<(Event<'e>, Range<usize>)> = events.into_iter().collect();
        // Paragraphs that are an image with a title alone: figures.
        let figures: Vec<usize> = if events.iter().any(|(e, _)| matches!(e, Event::Start(Tag::Image { .. }))) {
            (0..events.len()).filter(|&i| matches!(events[i].0, Event::Start(Tag::Paragraph)) && figure_at(&events, i + 1)).collect()
        } else {
            Vec::new()
        };
        // An image being read: its tag, its caption when it is a figure, its alt text.
        let mut image: Option<(String, Option<String>, String)> = None;
        let mut skip_paragraph_end = false;
        for (index, (event, range)) in events.into_iter().enumerate() {
            if let Some((_, _, alt)) = image.as_mut() {
                match event {
                    Event::End(TagEnd::Image) => {
                        let (tag, caption, alt) = image.take().unwrap_or_default();
                        out.push(Event::Html(finish_image(&tag, &alt, caption.as_deref()).into()));
                    }
                    Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                    _ => {}
                }
                continue;
            }
            if skip_paragraph_end && matches!(event, Event::End(TagEnd::Paragraph)) {
                skip_paragraph_end = false;
                continue;
            }
            if let Some((_, buf)) = code.as_mut() {
                match event {
                    Event::Text(t) => buf.push_str(&t),
                    Event::End(TagEnd::CodeBlock) => {
                        let (lang, buf) = code.take().unwrap_or_default();
                        out.push(Event::Html(highlight::code_block(&lang, &buf, self.code_classes).into()));
                    }
                    _ => {}
                }
                continue;
            }
            if !matches!(event, Event::Text(_)) {
                flush_text(&mut pending, &mut out);
            }
            match event {
                Event::Start(Tag::CodeBlock(kind)) => {
                    let lang = match kind {
                        pulldown_cmark::CodeBlockKind::Fenced(l) => l.to_string(),
                        pulldown_cmark::CodeBlockKind::Indented => String::new(),
                    };
                    code = Some((lang, String::new()));
                }
                Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                    let dest_url = self.rewrite_link(dest_url, range.start);
                    out.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
                }
                Event::Start(Tag::Paragraph) if figures.binary_search(&index).is_ok() => {
                    skip_paragraph_end = true;
                }
                Event::Start(Tag::Image { dest_url, title, .. }) => {
                    let caption = (skip_paragraph_end && !title.is_empty()).then(|| title.to_string());
                    let shown_title = if caption.is_some() { "" } else { title.as_ref() };
                    image = Some((self.image_tag(&dest_url, shown_title, range.start), caption, String::new()));
                }
                Event::FootnoteReference(name) => {
                    let next = self.footnotes.len() + 1;
                    let first = !self.footnotes.contains_key(name.as_ref());
                    let n = *self.footnotes.entry(name.to_string()).or_insert(next);
                    let id = if first { format!(" id=\"fnref-{n}\"") } else { String::new() };
                    out.push(Event::Html(format!("<sup class=\"footnote-ref\"><a href=\"#fn-{n}\"{id}>{n}</a></sup>").into()));
                }
                Event::Html(_) | Event::InlineHtml(_) => {
                    raw_html = true;
                    out.push(event);
                }
                Event::Text(t) => {
                    text.push_str(&t);
                    if pending.is_empty() && !t.contains('[') {
                        out.push(Event::Text(t));
                        continue;
                    }
                    // pulldown-cmark splits text at brackets: gathered again
                    // until the bracket closes, it shows its stage directions.
                    pending.push_str(&t);
                    if pending.rfind('[').is_none_or(|open| pending[open..].contains(']')) {
                        flush_text(&mut pending, &mut out);
                    }
                    continue;
                }
                Event::Code(ref t) => {
                    text.push_str(t);
                    out.push(event);
                }
                Event::SoftBreak | Event::HardBreak => {
                    text.push(' ');
                    out.push(event);
                }
                Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::Heading(_)) => {
                    text.push(' ');
                    out.push(event);
                }
                other => out.push(other),
            }
        }
        flush_text(&mut pending, &mut out);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, out.into_iter());
        if raw_html && !self.unsafe_html {
            html = sanitize(&html);
        }
        Rendered { html, text }
    }

    /// `<img` with its source under the base path and its size read from
    /// the file, up to its alt text.
    fn image_tag(&mut self, dest: &str, title: &str, offset: usize) -> String {
        let mut tag = String::from("<img");
        let (url, file) = match self.assets.resolve(dest) {
            Ok(Found::Local { url, file }) => (url, Some(file)),
            Ok(Found::External) => (dest.to_string(), None),
            Err(missing) => {
                let (line, column) = line_col(&self.source.text, self.body_offset + offset);
                let kind = Kind::MissingFile { what: "image", path: dest.to_string(), looked: missing.looked };
                self.errors.push(Diagnostic::new(&self.source.path, line, column, kind));
                (dest.to_string(), None)
            }
        };
        push_attr(&mut tag, "src", &url);
        if let Some(size) = file.and_then(|f| imagesize::size(f).ok()) {
            tag.push_str(&format!(" width=\"{}\" height=\"{}\"", size.width, size.height));
        }
        tag.push_str(" loading=\"lazy\"");
        if !title.is_empty() {
            push_attr(&mut tag, "title", title);
        }
        tag
    }

    fn rewrite_link<'e>(&mut self, dest: CowStr<'e>, offset: usize) -> CowStr<'e> {
        let (line, column) = line_col(&self.source.text, self.body_offset + offset);
        let located = |kind: Kind| Diagnostic::new(&self.source.path, line, column, kind);
        let (url, link) = match self.links.resolve(&self.source.content_path, &dest) {
            Resolved::External if names_a_file(&dest) => match self.assets.resolve(&dest) {
                Ok(Found::Local { url, .. }) => return url.into(),
                Ok(Found::External) => return dest,
                // A path from the root may be a page (`/archive/topics/x/`): `wenda check` sees to those.
                Err(_) if dest.starts_with('/') => {
                    self.site_links.push(SiteLink { href: dest.to_string(), line, column });
                    return dest;
                }
                Err(missing) => {
                    self.errors.push(located(Kind::MissingFile { what: "file", path: dest.to_string(), looked: missing.looked }));
                    return dest;
                }
            },
            Resolved::External => {
                if dest.starts_with('/') && !dest.starts_with("//") {
                    self.site_links.push(SiteLink { href: dest.to_string(), line, column });
                }
                return dest;
            }
            Resolved::SamePage { fragment } => (None, (self.self_slug.to_string(), fragment.to_string())),
            Resolved::Content { target, fragment } => {
                if !target.published {
                    self.errors.push(located(Kind::LinkToUnpublished { dest: dest.to_string() }));
                }
                let url = match fragment {
                    Some(f) => format!("{}{}#{f}", self.base_path, target.url),
                    None => format!("{}{}", self.base_path, target.url),
                };
                let link = fragment.map(|f| (target.slug.clone(), f.to_string()));
                (Some(url), link.unwrap_or_default())
            }
            // The target's own error says what is wrong; the link may well be right.
            Resolved::Unreadable => return dest,
            Resolved::Missing { path } => {
                let file = path.rsplit('/').next().unwrap_or(&path).to_string();
                let names = || self.links.paths().filter_map(|p| p.file_name()).map(|n| n.to_string_lossy());
                let hinted = self.missing_files < HINTS_PER_FILE;
                let suggestion = hinted.then(|| did_you_mean(&file, names().collect::<Vec<_>>().iter().map(|n| n.as_ref()))).flatten();
                self.missing_files += 1;
                self.errors.push(located(Kind::LinkToNoFile { path: path.to_string(), suggestion }));
                return dest;
            }
        };
        if !link.1.is_empty() {
            self.anchor_links.push(AnchorLink { target_slug: link.0, fragment: link.1, line, column });
        }
        url.map(CowStr::from).unwrap_or(dest)
    }
}

/// A local path whose last part has an extension: a file, not a page.
fn names_a_file(dest: &str) -> bool {
    let path = dest.split(['#', '?']).next().unwrap_or(dest);
    !is_external(dest) && !path.ends_with('/') && path.rsplit('/').next().is_some_and(|last| last.contains('.'))
}

/// Is the paragraph that starts before `at` an image alone, with a title (a figure)?
fn figure_at(events: &[(Event, Range<usize>)], at: usize) -> bool {
    let Some((Event::Start(Tag::Image { title, .. }), _)) = events.get(at) else { return false };
    if title.is_empty() {
        return false;
    }
    let Some(end) = events[at..].iter().position(|(e, _)| matches!(e, Event::End(TagEnd::Image))) else { return false };
    matches!(events.get(at + end + 1), Some((Event::End(TagEnd::Paragraph), _)))
}

fn push_attr(tag: &mut String, name: &str, value: &str) {
    tag.push_str(&format!(" {name}=\"{}\"", escape_attr(value)));
}

fn escape_attr(value: &str) -> String {
    value.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The image's tag closed with its alt text; a figure with the title as its caption.
fn finish_image(tag: &str, alt: &str, caption: Option<&str>) -> String {
    let img = format!("{tag} alt=\"{}\">", escape_attr(alt));
    match caption {
        None => img,
        Some(caption) => format!("<figure>{img}<figcaption>{}</figcaption></figure>\n", escape_attr(caption)),
    }
}

/// Hand on gathered text, with each stage direction of a transcript
/// (`[laughter]`, `[inaudible 00:14:10]`) in a `<span class="stage">`.
fn flush_text<'e>(pending: &mut String, out: &mut Vec<Event<'e>>) {
    if pending.is_empty() {
        return;
    }
    let text = std::mem::take(pending);
    let mut rest = text.as_str();
    while let Some((start, end)) = stage_direction(rest) {
        if start > 0 {
            out.push(Event::Text(rest[..start].to_string().into()));
        }
        out.push(Event::Html("<span class=\"stage\">".into()));
        out.push(Event::Text(rest[start..end].to_string().into()));
        out.push(Event::Html("</span>".into()));
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        out.push(Event::Text(rest.to_string().into()));
    }
}

/// The first `[words]` of `text` that reads as a stage direction: it starts
/// with a letter and holds words, not a number, a time or a footnote.
fn stage_direction(text: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(open) = text[from..].find('[').map(|i| from + i) {
        let inner_start = open + 1;
        let close = text[inner_start..].find(']').map(|i| inner_start + i)?;
        let inner = &text[inner_start..close];
        let allowed = |c: char| c.is_alphanumeric() || matches!(c, ' ' | ':' | '.' | '-' | '\'' | '’');
        if inner.chars().next().is_some_and(char::is_alphabetic) && inner.chars().count() <= 40 && inner.chars().all(allowed) {
            return Some((open, close + 1));
        }
        from = inner_start;
    }
    None
}

/// Raw HTML is kept only in the tags and attributes ammonia deems safe, plus the
/// classes and ids our own markup uses.
fn sanitize(html: &str) -> String {
    ammonia::Builder::default().add_generic_attributes(["class", "id"]).add_tag_attributes("img", ["loading"]).clean(html).to_string()
}
