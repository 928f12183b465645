//! Parses the Markdown body of one interview into its intro, sections and
//! exchanges (question + answers), each rendered to HTML with a stable anchor
//! and topic tags. Input: a [`Source`], its validated [`Meta`] and the site's
//! link map; output: an [`Interview`] or every problem found in it.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

use super::interview::{AnchorLink, Answer, Exchange, Heading, Interview, Question, Section};
use super::keywords::KeywordIndex;
use super::links::LinkMap;
use super::markdown::{self, Converter};
use super::meta::Meta;
use super::reading::Reading;
use super::source::Source;
use super::turns::{self, Marker, Role, Speakers};
use super::Fronted;
use crate::config::Config;
use crate::error::{did_you_mean, line_col, Diagnostic, Kind};
use crate::slug;
use crate::text::shorten;

/// What every interview's parse shares: the site's settings, where each
/// content file is published, and the topic keywords.
pub(crate) struct Context<'a> {
    pub config: &'a Config,
    pub links: &'a LinkMap,
    pub keywords: &'a KeywordIndex,
}

type Spanned<'e> = (Event<'e>, Range<usize>);

/// A top-level block: its events (indices) and its source bytes in the body.
struct Block {
    events: Range<usize>,
    src: Range<usize>,
}

/// A turn being gathered: the opening paragraph (with what to cut from it) and
/// the blocks that continue it.
struct OpenTurn {
    role: Role,
    first: usize,
    cut: Range<usize>,
    explicit_topics: Option<Vec<String>>,
    rest: Vec<usize>,
}

const ANCHOR_MAX: usize = 40;
/// Characters of an answer shown on topic and person pages.
const EXCERPT_CHARS: usize = 140;

/// Parse an interview's body into its resolved value: every part's HTML
/// (code highlighted), the plain text of every question and answer, topics,
/// anchors and links. It is the only parse the interview gets: render, search
/// and feeds read what it holds.
pub(crate) fn parse(fronted: Fronted, ctx: &Context) -> Result<Interview, Vec<Diagnostic>> {
    let Fronted { source, meta, body_offset } = fronted;
    let body = &source.text[body_offset..];
    let events: Vec<Spanned> = Parser::new_ext(body, markdown::options()).into_offset_iter().collect();
    let blocks = top_level_blocks(&events);
    let mut p = BodyParser {
        source: &source,
        body,
        body_offset,
        events: &events,
        blocks: &blocks,
        ctx,
        meta: &meta,
        converter: Converter {
            source: &source,
            body_offset,
            links: ctx.links,
            base_path: &ctx.config.base_path,
            unsafe_html: ctx.config.unsafe_html,
            self_slug: &meta.slug,
            footnotes: Default::default(),
            anchor_links: Vec::new(),
            site_links: Vec::new(),
            errors: Vec::new(),
        },
        anchors: HashSet::new(),
        intro: String::new(),
        sections: Vec::new(),
        footnote_blocks: Vec::new(),
        reading: Reading::default(),
        errors: Vec::new(),
    };
    p.run();
    let footnotes = p.render_footnotes();
    let links = p.check_own_anchors();
    let mut errors = std::mem::take(&mut p.errors);
    errors.append(&mut p.converter.errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut anchors: Vec<String> = p.anchors.into_iter().collect();
    anchors.sort();
    let mut sections = p.sections;
    compact(&mut sections);
    Ok(Interview {
        path: source.path.clone(),
        url: format!("interviews/{}/", meta.slug),
        intro: p.intro,
        sections,
        footnotes,
        reading_minutes: p.reading.minutes(),
        links,
        site_links: p.converter.site_links,
        anchors,
        meta,
    })
}

/// Every interview's text is held until the build ends: give back what the
/// strings grew into and do not use (up to half of each).
fn compact(sections: &mut [Section]) {
    for section in sections {
        section.lead.shrink_to_fit();
        section.exchanges.shrink_to_fit();
        for ex in &mut section.exchanges {
            if let Some(q) = ex.question.as_mut() {
                q.html.shrink_to_fit();
            }
            for a in &mut ex.answers {
                a.html.shrink_to_fit();
                a.text.shrink_to_fit();
            }
        }
    }
}

fn top_level_blocks(events: &[Spanned]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Start(_) => {
                if depth == 0 {
                    start = i;
                }
                depth += 1;
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    blocks.push(Block { events: start..i + 1, src: events[start].1.start..range.end });
                }
            }
            _ if depth == 0 => blocks.push(Block { events: i..i + 1, src: range.clone() }),
            _ => {}
        }
    }
    blocks
}

struct BodyParser<'a, 'e> {
    source: &'a Source,
    body: &'a str,
    body_offset: usize,
    events: &'a [Spanned<'e>],
    blocks: &'a [Block],
    ctx: &'a Context<'a>,
    meta: &'a Meta,
    converter: Converter<'a>,
    anchors: HashSet<String>,
    intro: String,
    sections: Vec<Section>,
    footnote_blocks: Vec<usize>,
    reading: Reading,
    errors: Vec<Diagnostic>,
}

impl<'a, 'e> BodyParser<'a, 'e> {
    fn run(&mut self) {
        let interviewees: Vec<String> = self.meta.interviewees.iter().map(|p| p.name.clone()).collect();
        let speakers = Speakers { interviewers: &self.meta.interviewers, interviewees: &interviewees };
        let mut turn: Option<OpenTurn> = None;
        for (b, block) in self.blocks.iter().enumerate() {
            match &self.events[block.events.start].0 {
                Event::Start(Tag::Heading { level, id, .. }) => {
                    self.finish(turn.take());
                    let heading = self.heading(b, *level as u8, id.as_deref());
                    self.sections.push(Section { heading: Some(heading), lead: String::new(), exchanges: Vec::new() });
                    continue;
                }
                Event::Start(Tag::FootnoteDefinition(_)) => {
                    self.footnote_blocks.push(b);
                    continue;
                }
                Event::Start(Tag::Paragraph) => {
                    let text = &self.body[block.src.clone()];
                    match turns::marker(text, &speakers) {
                        Ok(Some(marker)) => {
                            self.finish(turn.take());
                            turn = Some(self.open(b, marker));
                            continue;
                        }
                        Ok(None) => {}
                        Err(kind) => self.error_at(block.src.start, kind),
                    }
                }
                _ => {}
            }
            match turn.as_mut() {
                Some(t) => t.rest.push(b),
                None => self.lead_block(b),
            }
        }
        self.finish(turn.take());
        self.tag_exchanges();
    }

    fn open(&mut self, b: usize, marker: Marker) -> OpenTurn {
        let src = self.blocks[b].src.clone();
        let text = &self.body[src.clone()];
        let mut cut = src.start + marker.len..src.end;
        let mut explicit_topics = None;
        if let Role::Question { .. } = marker.role {
            if let Some((at, slugs)) = turns::topic_suffix(text) {
                cut.end = src.start + at;
                explicit_topics = Some(self.check_topics(src.start, &slugs));
            }
        }
        OpenTurn { role: marker.role, first: b, cut, explicit_topics, rest: Vec::new() }
    }

    fn check_topics(&mut self, para_start: usize, slugs: &[(usize, &str)]) -> Vec<String> {
        let config = self.ctx.config;
        let mut known = Vec::new();
        for (offset, name) in slugs {
            if config.topic(name).is_some() {
                known.push(name.to_string());
            } else {
                let suggestion = did_you_mean(name, config.topics.iter().map(|t| t.slug.as_str()));
                self.error_at(para_start + offset, Kind::UnknownTopic { topic: name.to_string(), suggestion });
            }
        }
        // Keep site.toml order so tags read the same everywhere.
        config.topics.iter().filter(|t| known.contains(&t.slug)).map(|t| t.slug.clone()).collect()
    }

    /// Blocks before any turn: the intro, or the lead of the current section.
    fn lead_block(&mut self, b: usize) {
        let events = self.block_events(b);
        let rendered = self.converter.render(events);
        self.count_reading(&rendered.text);
        match self.sections.last_mut() {
            Some(section) if section.exchanges.is_empty() => section.lead.push_str(&rendered.html),
            Some(_) => {
                // Loose text between exchanges is kept with the last answer or question.
                let section = self.sections.last_mut().expect("checked above");
                let last = section.exchanges.last_mut().expect("not empty");
                match last.answers.last_mut() {
                    Some(a) => a.html.push_str(&rendered.html),
                    None => {
                        if let Some(q) = last.question.as_mut() {
                            q.html.push_str(&rendered.html)
                        }
                    }
                }
            }
            None => self.intro.push_str(&rendered.html),
        }
    }

    fn finish(&mut self, turn: Option<OpenTurn>) {
        let Some(turn) = turn else { return };
        let mut events = strip(self.body, &self.events[self.blocks[turn.first].events.clone()], turn.cut.clone());
        for &b in &turn.rest {
            events.extend(self.block_events(b));
        }
        let rendered = self.converter.render(events);
        self.count_reading(&rendered.text);
        let text = rendered.text.trim().to_string();
        if self.sections.is_empty() {
            self.sections.push(Section { heading: None, lead: String::new(), exchanges: Vec::new() });
        }
        match turn.role {
            Role::Question { asker } => {
                let anchor = self.unique_anchor("q", &text);
                let question = Question { anchor, asker, html: rendered.html, text };
                let tagged_by_writer = turn.explicit_topics.is_some();
                let topics = turn.explicit_topics.unwrap_or_default();
                let section = self.sections.last_mut().expect("pushed above");
                section.exchanges.push(Exchange { question: Some(question), answers: Vec::new(), topics, tagged_by_writer });
            }
            Role::Answer { speaker } => {
                let base = match self.sections.last().and_then(|s| s.exchanges.last()) {
                    Some(Exchange { question: Some(q), answers, .. }) => match answers.len() {
                        0 => format!("{}-a", q.anchor),
                        n => format!("{}-a{}", q.anchor, n + 1),
                    },
                    _ => String::new(),
                };
                let anchor = if base.is_empty() { self.unique_anchor("a", &text) } else { self.unique(base) };
                let answer = Answer { anchor, speaker, html: rendered.html, excerpt: shorten(&text, EXCERPT_CHARS), text };
                let section = self.sections.last_mut().expect("pushed above");
                match section.exchanges.last_mut() {
                    Some(ex) => ex.answers.push(answer),
                    None => section.exchanges.push(Exchange {
                        question: None,
                        answers: vec![answer],
                        topics: Vec::new(),
                        tagged_by_writer: false,
                    }),
                }
            }
        }
    }

    fn count_reading(&mut self, text: &str) {
        self.reading.add(text);
    }

    /// Exchanges without `{topics: ...}` are tagged by the keyword rule.
    fn tag_exchanges(&mut self) {
        for ex in self.sections.iter_mut().flat_map(|s| s.exchanges.iter_mut()) {
            if ex.tagged_by_writer {
                continue;
            }
            let question = ex.question.as_ref().map_or("", |q| q.text.as_str());
            ex.topics = self.ctx.keywords.tag(question, ex.answers.iter().map(|a| a.text.as_str()));
        }
    }

    fn heading(&mut self, b: usize, level: u8, id: Option<&str>) -> Heading {
        let events = self.block_events(b);
        let inner = events.len().saturating_sub(1);
        let rendered = self.converter.render(events.into_iter().take(inner).skip(1));
        self.count_reading(&rendered.text);
        let text = rendered.text.trim().to_string();
        let id = match id {
            Some(id) => self.unique(id.to_string()),
            None => {
                let base = slug::slugify_within(&text, ANCHOR_MAX);
                self.unique(if base.is_empty() { "section".into() } else { base })
            }
        };
        Heading { id, level, html: rendered.html.trim().to_string(), text }
    }

    fn render_footnotes(&mut self) -> String {
        if self.footnote_blocks.is_empty() {
            return String::new();
        }
        let mut notes: Vec<(usize, String)> = Vec::new();
        for b in std::mem::take(&mut self.footnote_blocks) {
            let events = self.block_events(b);
            let name = match &events[0].0 {
                Event::Start(Tag::FootnoteDefinition(name)) => name.to_string(),
                _ => continue,
            };
            let inner = events.len().saturating_sub(1);
            let rendered = self.converter.render(events.into_iter().take(inner).skip(1));
            let next = self.converter.footnotes.len() + 1;
            let n = *self.converter.footnotes.entry(name).or_insert(next);
            self.anchors.insert(format!("fn-{n}"));
            notes.push((n, rendered.html));
        }
        notes.sort_by_key(|(n, _)| *n);
        let mut html = String::from("<ol>\n");
        for (n, note) in notes {
            html.push_str(&format!(
                "<li id=\"fn-{n}\">{} <a href=\"#fnref-{n}\" class=\"footnote-back\" aria-label=\"↩ {n}\">↩</a></li>\n",
                note.trim()
            ));
        }
        html.push_str("</ol>\n");
        html
    }

    /// Check links to anchors of this page; return the links to other pages.
    fn check_own_anchors(&mut self) -> Vec<AnchorLink> {
        let links = std::mem::take(&mut self.converter.anchor_links);
        let (own, others): (Vec<_>, Vec<_>) = links.into_iter().partition(|l| l.target_slug == self.meta.slug);
        for link in own.into_iter().filter(|l| !self.anchors.contains(&l.fragment)) {
            self.errors.push(Diagnostic::new(
                &self.source.path,
                link.line,
                link.column,
                Kind::MissingOwnAnchor { fragment: link.fragment.clone() },
            ));
        }
        others
    }

    fn block_events(&self, b: usize) -> Vec<Spanned<'e>> {
        self.events[self.blocks[b].events.clone()].to_vec()
    }

    /// `q-` or `a-` and a slug of the text's first words, unique on the page.
    fn unique_anchor(&mut self, prefix: &str, text: &str) -> String {
        let base = slug::slugify_within(text, ANCHOR_MAX);
        let base = if base.is_empty() { prefix.to_string() } else { format!("{prefix}-{base}") };
        self.unique(base)
    }

    fn unique(&mut self, base: String) -> String {
        let mut id = base.clone();
        let mut n = 2;
        while self.anchors.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.anchors.insert(id.clone());
        id
    }

    fn error_at(&mut self, body_pos: usize, kind: Kind) {
        let (line, column) = line_col(&self.source.text, self.body_offset + body_pos);
        self.errors.push(Diagnostic::new(&self.source.path, line, column, kind));
    }
}

/// The events of an opening paragraph without the turn label before `cut` and
/// the `{topics: ...}` after it. Text that straddles a cut is trimmed to it.
fn strip<'e>(body: &str, events: &[Spanned<'e>], cut: Range<usize>) -> Vec<Spanned<'e>> {
    let last = events.len().saturating_sub(1);
    let mut out = Vec::with_capacity(events.len());
    for (i, (event, range)) in events.iter().enumerate() {
        if i == 0 || i == last {
            out.push((event.clone(), range.clone()));
            continue;
        }
        if range.end <= cut.start || range.start >= cut.end {
            continue;
        }
        let straddles = range.start < cut.start || range.end > cut.end;
        match event {
            Event::Text(t) if straddles && body.get(range.clone()) == Some(t.as_ref()) => {
                let from = cut.start.saturating_sub(range.start);
                let to = (cut.end - range.start).min(t.len());
                let kept = t.get(from..to).unwrap_or(t);
                // Only the end of the question before `{topics: ...}` loses its spaces.
                let trimmed = if range.end > cut.end { kept.trim_end() } else { kept };
                if !trimmed.is_empty() {
                    out.push((Event::Text(trimmed.to_string().into()), range.clone()));
                }
            }
            _ => out.push((event.clone(), range.clone())),
        }
    }
    out
}
