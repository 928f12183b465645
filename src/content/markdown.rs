//! Renders runs of pulldown-cmark events to HTML, doing what is ours on the
//! way: code is highlighted, links to content files become page URLs, footnotes
//! are numbered across the whole interview, raw HTML is sanitized, and the
//! plain text is made for topic keywords, reading time and anchors (listings
//! and search read theirs from the HTML, see [`crate::text::plain`]).

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Options, Tag, TagEnd};

use crate::config::Config;
use crate::content::assets::{is_external, Assets, Found};
use crate::content::interview::{AnchorLink, SiteLink};
use crate::content::links::{LinkMap, Resolved};
use crate::content::scheme::unsafe_scheme;
use crate::content::source::Source;
use crate::content::{highlight, nesting};
use crate::error::{Diagnostic, Kind};
use crate::lines::Lines;
use crate::suggest::{Budget, Suggester};

/// Elements inside each other that raw HTML, with the Markdown around it, may
/// open, and misplaced things it may hold: far more than a page needs, few
/// enough that the sanitizer's parser stays linear.
const HTML_DEPTH: usize = 128;

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
    pub warnings: Vec<Diagnostic>,
    /// The local files its images and links name.
    pub assets: Assets<'a>,
    /// Where each place of the file is.
    lines: Lines<'a>,
    /// The names of the content files, for links to none of them.
    file_names: Option<(Suggester, Budget)>,
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
            warnings: Vec::new(),
            assets,
            lines: Lines::new(&source.text),
            file_names: None,
        }
    }

    /// Line and column in the file of a byte offset in the body.
    pub fn locate(&self, body_offset: usize) -> (usize, usize) {
        self.lines.locate(self.body_offset + body_offset)
    }

    /// Render `events` (with their byte ranges in the body).
    pub fn render<'e>(&mut self, events: impl IntoIterator<Item = (Event<'e>, Range<usize>)>) -> Rendered {
        let mut out: Vec<Event<'e>> = Vec::new();
        let mut pending = String::new();
        let mut text = String::new();
        let mut raw_html = false;
        // Where the first raw HTML is, in the body.
        let mut raw_html_at = 0;
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
        // A link left out for its scheme: its text stays, its end goes too.
        let mut skip_link_end = false;
        for (index, (event, range)) in events.into_iter().enumerate() {
            if let Some((_, _, alt)) = image.as_mut() {
                match event {
                    Event::End(TagEnd::Image) => match image.take().unwrap_or_default() {
                        // Left out for its scheme: its alt text stands in.
                        (tag, _, alt) if tag.is_empty() => out.push(Event::Text(alt.into())),
                        (tag, caption, alt) => out.push(Event::Html(finish_image(&tag, &alt, caption.as_deref()).into())),
                    },
                    Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                    _ => {}
                }
                continue;
            }
            if skip_link_end && matches!(event, Event::End(TagEnd::Link)) {
                skip_link_end = false;
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
                Event::Start(Tag::Link { dest_url, .. }) if self.left_out(&dest_url, range.start) => {
                    skip_link_end = true;
                }
                Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                    let dest_url = self.rewrite_link(dest_url, range.start);
                    out.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
                }
                Event::Start(Tag::Paragraph) if figures.binary_search(&index).is_ok() => {
                    skip_paragraph_end = true;
                }
                Event::Start(Tag::Image { dest_url, .. }) if self.left_out(&dest_url, range.start) => {
                    image = Some((String::new(), None, String::new()));
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
                    if !raw_html {
                        raw_html_at = range.start;
                    }
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
                    // What is gathered ends in an open bracket, so the last
                    // bracket of this text says whether it closes now.
                    pending.push_str(&t);
                    let closes = match t.rfind('[') {
                        Some(open) => t[open..].contains(']'),
                        None => t.contains(']'),
                    };
                    if closes {
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
        if html.contains(ALIGNED) {
            html = align_by_class(&html);
        }
        if raw_html && !self.unsafe_html {
            if nesting::tangled(&html, HTML_DEPTH) {
                let (line, column) = self.locate(raw_html_at);
                self.errors.push(Diagnostic::new(&self.source.path, line, column, Kind::TangledHtml { limit: HTML_DEPTH }));
                html.clear();
            } else {
                html = sanitize(&html);
            }
        }
        Rendered { html, text }
    }

    /// True for a destination with a scheme that runs script or carries a
    /// document (`javascript:`, `data:`): the link or image is left out of the
    /// page, with a warning.
    fn left_out(&mut self, dest: &str, offset: usize) -> bool {
        let Some(scheme) = unsafe_scheme(dest) else { return false };
        let (line, column) = self.locate(offset);
        self.warnings.push(Diagnostic::new(&self.source.path, line, column, Kind::UnsafeLink { url: dest.to_string(), scheme }));
        true
    }

    /// `<img` with its source under the base path and its size read from
    /// the file, up to its alt text.
    fn image_tag(&mut self, dest: &str, title: &str, offset: usize) -> String {
        let mut tag = String::from("<img");
        let (url, file) = match self.assets.resolve(dest) {
            Ok(Found::Local { url, file }) => (url, Some(file)),
            Ok(Found::External) => (dest.to_string(), None),
            Err(missing) => {
                let (line, column) = self.locate(offset);
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
        let (line, column) = self.locate(offset);
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
                let links = self.links;
                let (files, budget) = self.file_names.get_or_insert_with(|| {
                    let names: Vec<String> =
                        links.paths().filter_map(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).collect();
                    (Suggester::new(names.iter().map(String::as_str)), Budget::default())
                });
                let file = path.rsplit('/').next().unwrap_or(&path);
                let suggestion = files.suggest(file, budget);
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
/// Each bracket is looked at once: `[[[[…]` costs its length, not its square.
fn stage_direction(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut open = memchr::memchr(b'[', bytes)?;
    loop {
        let inner_start = open + 1;
        // A `[` before the `]` opens the bracket that may close there.
        let next = inner_start + memchr::memchr2(b'[', b']', &bytes[inner_start..])?;
        if bytes[next] == b'[' {
            open = next;
            continue;
        }
        let inner = &text[inner_start..next];
        let allowed = |c: char| c.is_alphanumeric() || matches!(c, ' ' | ':' | '.' | '-' | '\'' | '’');
        if inner.chars().next().is_some_and(char::is_alphabetic) && inner.chars().count() <= 40 && inner.chars().all(allowed) {
            return Some((open, next + 1));
        }
        open = next + memchr::memchr(b'[', &bytes[next..])?;
    }
}

/// How pulldown-cmark aligns a table column: an inline style, which a
/// Content-Security-Policy without 'unsafe-inline' blocks.
const ALIGNED: &str = " style=\"text-align: ";

/// `<td style="text-align: center">` → `<td class="align-center">` (style.css).
fn align_by_class(html: &str) -> String {
    let mut html = html.to_string();
    for side in ["left", "center", "right"] {
        html = html.replace(&format!("{ALIGNED}{side}\""), &format!(" class=\"align-{side}\""));
    }
    html
}

/// Raw HTML is kept only in the tags and attributes ammonia deems safe, plus the
/// classes and ids our own markup uses.
fn sanitize(html: &str) -> String {
    ammonia::Builder::default().add_generic_attributes(["class", "id"]).add_tag_attributes("img", ["loading"]).clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::stage_direction;

    fn found(t: &str) -> Option<&str> {
        stage_direction(t).map(|(a, b)| &t[a..b])
    }

    #[test]
    fn finds_the_first_stage_direction() {
        assert_eq!(found("We left. [laughter] Then"), Some("[laughter]"));
        assert_eq!(found("[1] and [see 2?] [[inaudible 00:14:10]"), Some("[inaudible 00:14:10]"));
        assert_eq!(found("[12] [a[b] [x] y"), Some("[b]"));
        assert_eq!(found("[ no ] [42]"), None);
        assert_eq!(found(&"[".repeat(100_000)), None);
    }

    /// The first bracket, from each `[` in turn, as the rule reads.
    fn by_the_rule(text: &str) -> Option<&str> {
        let allowed = |c: char| c.is_alphanumeric() || matches!(c, ' ' | ':' | '.' | '-' | '\'' | '’');
        text.match_indices('[').find_map(|(open, _)| {
            let inner = &text[open + 1..open + 1 + text[open + 1..].find(']')?];
            let ok = inner.chars().next().is_some_and(char::is_alphabetic) && inner.chars().count() <= 40 && inner.chars().all(allowed);
            ok.then(|| &text[open..open + inner.len() + 2])
        })
    }

    #[test]
    fn agrees_with_the_rule_on_every_mix_of_brackets() {
        let parts = ["[", "]", "a", " ", "1", "?", "问"];
        for n in 0..parts.len().pow(6) {
            let text: String = (0..6).map(|k| parts[n / parts.len().pow(k) % parts.len()]).collect();
            assert_eq!(found(&text), by_the_rule(&text), "{text:?}");
        }
    }
}
