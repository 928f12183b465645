//! Parses the Markdown body of one interview into its intro, sections and
//! exchanges (question + answers), each rendered to HTML with a stable anchor
//! and topic tags. Input: a [`Source`], its validated [`Meta`] and the site's
//! link map; output: an [`Interview`] or every problem found in it.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

use crate::config::Config;
use crate::diagnostic::{line_col, suggestion, Diagnostic};
use crate::keywords::KeywordIndex;
use crate::links::LinkMap;
use crate::markdown::{self, Renderer};
use crate::meta::Meta;
use crate::model::{AnchorLink, Answer, Exchange, Heading, Interview, Question, Section};
use crate::slug;
use crate::source::Source;
use crate::text::shorten;
use crate::turns::{self, Marker, Role, Speakers};

/// What every interview's parse shares.
pub struct ParseContext<'a> {
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

/// How much a parse makes besides the structure (sections, exchanges, anchors,
/// links).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// Structure only: what the site model keeps for every interview, with
    /// the exchanges' topics and the reading time.
    Structure,
    /// Also the full text of every answer (search); topics and reading time
    /// come from the structure (see [`reparse`]).
    Text,
    /// Also the HTML of every part, code highlighted (the interview's page).
    Html,
    /// Everything at once: the structure with its topics, the text and the
    /// HTML (a build, which parses each interview once).
    Full,
}

impl Pass {
    /// Topics and reading time are worked out, not copied from a structure.
    fn structure(self) -> bool {
        matches!(self, Pass::Structure | Pass::Full)
    }

    fn html(self) -> bool {
        matches!(self, Pass::Html | Pass::Full)
    }

    fn text(self) -> bool {
        self != Pass::Structure
    }
}

/// Parse an interview's body. The model keeps the [`Pass::Structure`] result
/// and the source; pages and search parse again, one interview at a time, so
/// the whole site's HTML is never held at once.
pub fn parse(source: Source, meta: Meta, body_offset: usize, ctx: &ParseContext, pass: Pass) -> Result<Interview, Vec<Diagnostic>> {
    let body = &source.text[body_offset..];
    let events: Vec<Spanned> = Parser::new_ext(body, markdown::options()).into_offset_iter().collect();
    let blocks = top_level_blocks(&events);
    let mut p = BodyParser {
        source: &source,
        body,
        pass,
        body_offset,
        events: &events,
        blocks: &blocks,
        ctx,
        meta: &meta,
        renderer: Renderer {
            source: &source,
            body_offset,
            html: pass.html(),
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
        answer_texts: Vec::new(),
        reading: Reading::default(),
        errors: Vec::new(),
    };
    p.run();
    let footnotes = p.render_footnotes();
    let links = p.check_own_anchors();
    let mut errors = std::mem::take(&mut p.errors);
    errors.append(&mut p.renderer.errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut anchors: Vec<String> = p.anchors.into_iter().collect();
    anchors.sort();
    let (intro, sections, reading_minutes, site_links) = (p.intro, p.sections, p.reading.minutes(), p.renderer.site_links);
    Ok(Interview { intro, sections, footnotes, reading_minutes, links, site_links, anchors, ..unparsed(source, meta, body_offset) })
}

/// The interview parsed again for `pass` (its page, or its search records),
/// with the exchanges' topics and the reading time of the structure pass: the
/// same text parses into the same exchanges, so the keyword rule need not run
/// twice.
pub fn reparse(interview: &Interview, ctx: &ParseContext, pass: Pass) -> Result<Interview, Vec<Diagnostic>> {
    let mut full = parse(interview.source.clone(), interview.meta.clone(), interview.body_offset, ctx, pass)?;
    let known = interview.sections.iter().flat_map(|s| &s.exchanges);
    for (ex, known) in full.sections.iter_mut().flat_map(|s| s.exchanges.iter_mut()).zip(known) {
        ex.topics.clone_from(&known.topics);
    }
    full.reading_minutes = interview.reading_minutes;
    Ok(full)
}

/// An interview whose body is not parsed yet: its front matter is all that
/// the pages of other interviews need of it.
pub fn unparsed(source: Source, meta: Meta, body_offset: usize) -> Interview {
    Interview {
        path: source.path.clone(),
        url: format!("interviews/{}/", meta.slug),
        intro: String::new(),
        sections: Vec::new(),
        footnotes: String::new(),
        reading_minutes: 0,
        links: Vec::new(),
        site_links: Vec::new(),
        anchors: Vec::new(),
        meta,
        source,
        body_offset,
    }
}

/// What a [`Pass::Structure`] parse gives, from a [`Pass::Full`] one: the HTML
/// and the answers' full text dropped.
pub fn structure_of(mut full: Interview) -> Interview {
    full.intro = String::new();
    full.footnotes = String::new();
    for section in &mut full.sections {
        section.lead = String::new();
        if let Some(h) = section.heading.as_mut() {
            h.html = String::new();
        }
        for ex in &mut section.exchanges {
            if let Some(q) = ex.question.as_mut() {
                q.html = String::new();
            }
            for a in &mut ex.answers {
                a.html = String::new();
                a.text = String::new();
            }
        }
    }
    full
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
    pass: Pass,
    body_offset: usize,
    events: &'a [Spanned<'e>],
    blocks: &'a [Block],
    ctx: &'a ParseContext<'a>,
    meta: &'a Meta,
    renderer: Renderer<'a>,
    anchors: HashSet<String>,
    intro: String,
    sections: Vec<Section>,
    footnote_blocks: Vec<usize>,
    /// Full text of every answer, in order, for the keyword rule.
    answer_texts: Vec<String>,
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
                        Err(e) => self.error_at(block.src.start, e.0),
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
        // The other passes take the topics from the structure (see `reparse`).
        if self.pass.structure() {
            self.tag_exchanges();
        }
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
                let hint = suggestion(name, config.topics.iter().map(|t| t.slug.as_str()));
                self.error_at(para_start + offset, format!("unknown topic \"{name}\"{hint}; topics are defined in site.toml"));
            }
        }
        // Keep site.toml order so tags read the same everywhere.
        config.topics.iter().filter(|t| known.contains(&t.slug)).map(|t| t.slug.clone()).collect()
    }

    /// Blocks before any turn: the intro, or the lead of the current section.
    fn lead_block(&mut self, b: usize) {
        let events = self.block_events(b);
        let rendered = self.renderer.render(events);
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
        let rendered = self.renderer.render(events);
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
                let full_text = if self.pass.text() { text.clone() } else { String::new() };
                let answer = Answer { anchor, speaker, html: rendered.html, excerpt: shorten(&text, EXCERPT_CHARS), text: full_text };
                self.answer_texts.push(text);
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

    /// Reading time is part of the structure; the other passes need not count.
    fn count_reading(&mut self, text: &str) {
        if self.pass.structure() {
            self.reading.add(text);
        }
    }

    /// Exchanges without `{topics: ...}` are tagged by the keyword rule.
    fn tag_exchanges(&mut self) {
        let mut ex_index = 0;
        for ex in self.sections.iter_mut().flat_map(|s| s.exchanges.iter_mut()) {
            let first = ex_index;
            ex_index += ex.answers.len();
            if ex.tagged_by_writer {
                continue;
            }
            let question = ex.question.as_ref().map_or("", |q| q.text.as_str());
            let answers = self.answer_texts[first..ex_index].iter().map(String::as_str);
            ex.topics = self.ctx.keywords.tag(question, answers);
        }
    }

    fn heading(&mut self, b: usize, level: u8, id: Option<&str>) -> Heading {
        let events = self.block_events(b);
        let inner = events.len().saturating_sub(1);
        let rendered = self.renderer.render(events.into_iter().take(inner).skip(1));
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
            let rendered = self.renderer.render(events.into_iter().take(inner).skip(1));
            let next = self.renderer.footnotes.len() + 1;
            let n = *self.renderer.footnotes.entry(name).or_insert(next);
            self.anchors.insert(format!("fn-{n}"));
            notes.push((n, rendered.html));
        }
        if !self.pass.html() {
            return String::new();
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
        let links = std::mem::take(&mut self.renderer.anchor_links);
        let (own, others): (Vec<_>, Vec<_>) = links.into_iter().partition(|l| l.target_slug == self.meta.slug);
        for link in own.into_iter().filter(|l| !self.anchors.contains(&l.fragment)) {
            self.errors.push(Diagnostic::new(
                &self.source.path,
                link.line,
                link.column,
                format!("the link names the anchor \"#{}\", which this page does not have", link.fragment),
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

    fn error_at(&mut self, body_pos: usize, message: String) {
        let (line, column) = line_col(&self.source.text, self.body_offset + body_pos);
        self.errors.push(Diagnostic::new(&self.source.path, line, column, message));
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

/// Characters of CJK text and words of other text, for a reading time.
#[derive(Default)]
struct Reading {
    cjk: usize,
    words: usize,
}

impl Reading {
    const CJK_PER_MINUTE: usize = 400;
    const WORDS_PER_MINUTE: usize = 230;

    fn add(&mut self, text: &str) {
        let mut in_word = false;
        for c in text.chars() {
            if c.is_ascii() {
                // Most characters of English text: no Unicode tables needed.
                if c.is_ascii_alphanumeric() {
                    self.words += usize::from(!in_word);
                    in_word = true;
                } else {
                    in_word = false;
                }
            } else if is_cjk(c) {
                self.cjk += 1;
                in_word = false;
            } else if c.is_alphanumeric() {
                if !in_word {
                    self.words += 1;
                }
                in_word = true;
            } else {
                in_word = false;
            }
        }
    }

    fn minutes(&self) -> u32 {
        let minutes = self.cjk as f64 / Self::CJK_PER_MINUTE as f64 + self.words as f64 / Self::WORDS_PER_MINUTE as f64;
        minutes.ceil().max(1.0) as u32
    }
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x3040..=0x30FF | 0xAC00..=0xD7AF | 0x20000..=0x2FA1F)
}
