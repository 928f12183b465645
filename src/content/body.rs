//! Parses the Markdown body of one interview into its intro, sections and
//! exchanges (question + answers), each rendered to HTML with a stable anchor
//! and topic tags. Input: a [`Source`], its validated [`Meta`] and the site's
//! link map; output: an [`Interview`] or every problem found in it.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

use super::assets::{self, Assets};
use super::interview::{AnchorLink, Answer, Exchange, Heading, Interview, Question, Section, NOTE_ITEM};
use super::keywords::KeywordIndex;
use super::links::LinkMap;
use super::markdown::{self, Converter};
use super::meta::Meta;
use super::reading::Reading;
use super::source::Source;
use super::timecode::Timecode;
use super::turns::{self, Marker, Reading as Label, Role, Speakers};
use super::Fronted;
use crate::config::Config;
use crate::error::{did_you_mean, Diagnostic, Kind};
use crate::slug;
use crate::suggest::{Budget, Suggester};

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

/// A turn being gathered: its blocks, each whole or with the part of it to
/// keep (an opening paragraph without its label; none of a label alone).
struct OpenTurn {
    role: Role,
    parts: Vec<(usize, Option<Range<usize>>)>,
    explicit_topics: Option<Vec<String>>,
    /// `{#my-id}` at the end of the question, and where it is in the body.
    pinned: Option<(String, usize)>,
    time: Option<Timecode>,
}

const ANCHOR_MAX: usize = 40;

/// Parse an interview's body into its resolved value: every part's HTML
/// (code highlighted), the plain text of every question and answer, topics,
/// anchors and links. It is the only parse the interview gets: render, search
/// and feeds read what it holds.
/// An interview with its warnings, or every error found in it.
pub(crate) type Parsed = Result<(Interview, Vec<Diagnostic>), Failure>;

/// A body that could not be parsed: its errors, and its links to other
/// pages' anchors, which are checked all the same so that every problem is
/// reported in one run.
#[derive(Debug)]
pub(crate) struct Failure {
    pub errors: Vec<Diagnostic>,
    pub path: std::path::PathBuf,
    pub links: Vec<AnchorLink>,
}

/// With the interview come the warnings its text deserves (a label that names
/// nobody declared, a marker wenda does not know).
pub(crate) fn parse(fronted: Fronted, ctx: &Context) -> Parsed {
    let Fronted { source, meta, body_offset, warnings } = fronted;
    let body = &source.text[body_offset..];
    let events: Vec<Spanned> = Parser::new_ext(body, markdown::options()).into_offset_iter().collect();
    let blocks = top_level_blocks(&events);
    let mut p = BodyParser {
        source: &source,
        body,
        events: &events,
        blocks: &blocks,
        ctx,
        meta: &meta,
        converter: Converter::new(
            &source,
            body_offset,
            ctx.links,
            ctx.config,
            &meta.slug,
            Assets::new(&ctx.config.root, &ctx.config.base_path, &source.path, format!("interviews/{}/", meta.slug)),
        ),
        anchors: HashSet::new(),
        next_suffix: HashMap::new(),
        intro: String::new(),
        sections: Vec::new(),
        said: Vec::new(),
        footnote_blocks: Vec::new(),
        reading: Reading::default(),
        pending_time: None,
        errors: Vec::new(),
        warnings,
    };
    p.run();
    let footnotes = p.render_footnotes();
    let links = p.check_own_anchors();
    let mut errors = std::mem::take(&mut p.errors);
    errors.append(&mut p.converter.errors);
    if !errors.is_empty() {
        return Err(Failure { errors, path: source.path.clone(), links });
    }
    let anchors = p.anchors;
    let sections = p.sections;
    let mut warnings = p.warnings;
    warnings.append(&mut p.converter.warnings);
    let mut copies = meta.copies.clone();
    copies.append(&mut p.converter.assets.copies);
    copies.extend(bundle_files(&ctx.config.root, &source.path, &meta.slug));
    let mut seen = HashSet::new();
    copies.retain(|c| seen.insert(c.to.clone()));
    let names_files = p.converter.assets.names_files;
    let mut interview = Interview {
        copies,
        names_files,
        path: source.path.clone(),
        url: format!("interviews/{}/", meta.slug),
        intro: p.intro,
        sections,
        footnotes,
        reading_minutes: p.reading.minutes(),
        links,
        site_links: p.converter.site_links,
        meta,
    };
    if cfg!(debug_assertions) {
        // Every id the parse gave is read from the interview again (a link to
        // it must not be reported missing).
        let read: HashSet<&str> = interview.anchors().collect();
        let lost: Vec<&String> = anchors.iter().filter(|a| !read.contains(a.as_str())).collect();
        assert!(lost.is_empty(), "ids the interview no longer tells: {lost:?}");
    }
    interview.compact();
    Ok((interview, warnings))
}

/// Every file beside a page bundle's `index.md` (its images, audio,
/// documents), copied beside its page as Zola and Hugo do.
fn bundle_files(root: &std::path::Path, path: &std::path::Path, slug: &str) -> Vec<assets::Copy> {
    if path.file_name().is_none_or(|n| n != "index.md") {
        return Vec::new();
    }
    let dir = path.parent().unwrap_or(std::path::Path::new(""));
    // A folder of interviews with an `index.md` among them is not a bundle.
    let md_files = std::fs::read_dir(root.join(dir))
        .map(|entries| entries.filter_map(Result::ok).filter(|e| e.file_name().to_string_lossy().ends_with(".md")).count())
        .unwrap_or(0);
    if md_files > 1 || dir.parent().is_none_or(|p| p.as_os_str().is_empty()) {
        return Vec::new();
    }
    walkdir::WalkDir::new(root.join(dir))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| !e.file_name().to_string_lossy().ends_with(".md") && !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|e| {
            let rel = e.path().strip_prefix(root.join(dir)).ok()?.to_string_lossy().replace('\\', "/");
            Some(assets::Copy { from: dir.join(&rel), to: format!("interviews/{slug}/{rel}") })
        })
        .collect()
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
    events: &'a [Spanned<'e>],
    blocks: &'a [Block],
    ctx: &'a Context<'a>,
    meta: &'a Meta,
    converter: Converter<'a>,
    anchors: HashSet<String>,
    /// For each anchor base taken, the suffix [`BodyParser::unique`] tries next.
    next_suffix: HashMap<String, usize>,
    intro: String,
    sections: Vec<Section>,
    /// What each turn said as plain text, in order, until the keyword rule
    /// has read it: the interview keeps only the HTML.
    said: Vec<String>,
    footnote_blocks: Vec<usize>,
    reading: Reading,
    /// A timecode on its own line, for the turn that follows it.
    pending_time: Option<Timecode>,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

impl<'a, 'e> BodyParser<'a, 'e> {
    fn run(&mut self) {
        let speakers = Speakers { interviewers: &self.meta.interviewers, interviewees: &self.meta.interviewees };
        let mut openings = self.openings();
        let mut labels = std::collections::HashMap::new();
        for label in openings.iter().flatten().filter_map(|o| o.label()) {
            *labels.entry(label).or_insert(0) += 1;
        }
        let opens = |label: &str| labels.get(label).copied().unwrap_or(0);
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
                    match turns::read(openings[b].take(), &speakers, opens) {
                        // A bare `(00:31:02):` goes on with the turn it follows.
                        Ok(Label::Turn(Marker { role: None, len, alone, .. })) if turn.is_some() => {
                            if let Some(t) = turn.as_mut().filter(|_| !alone) {
                                t.parts.push((b, Some(block.src.start + len..block.src.end)));
                            }
                            continue;
                        }
                        Ok(Label::Turn(marker)) => {
                            if let Some(open) = self.open(b, marker) {
                                self.finish(turn.take());
                                turn = Some(open);
                                continue;
                            }
                        }
                        Ok(Label::Suspect { label, suggestion }) => {
                            self.warn_at(block.src.start, Kind::UndeclaredSpeaker { label, suggestion })
                        }
                        // A timecode on its own line: the time of the next turn.
                        Ok(Label::Time(time)) => {
                            self.pending_time = Some(time);
                            continue;
                        }
                        Ok(Label::Text) => {}
                        Err(kind) => self.error_at(block.src.start, kind),
                    }
                }
                _ => {}
            }
            match turn.as_mut() {
                Some(t) => t.parts.push((b, None)),
                None => self.lead_block(b),
            }
        }
        self.finish(turn.take());
        self.tag_exchanges();
    }

    /// The opening of each top-level paragraph (`None` for other blocks).
    fn openings(&self) -> Vec<Option<turns::Opening<'a>>> {
        let paragraph = |b: &Block| matches!(self.events[b.events.start].0, Event::Start(Tag::Paragraph));
        self.blocks.iter().map(|b| paragraph(b).then(|| turns::opening(&self.body[b.src.clone()])).flatten()).collect()
    }

    /// The turn a marker opens; `None` for a bare time with no turn before it.
    fn open(&mut self, b: usize, marker: Marker) -> Option<OpenTurn> {
        let src = self.blocks[b].src.clone();
        let text = &self.body[src.clone()];
        let role = marker.role?;
        let mut keep = src.start + marker.len..src.end;
        let (mut explicit_topics, mut pinned) = (None, None);
        if let Role::Question { .. } = role {
            let suffix = turns::suffix(text);
            keep.end = src.start + suffix.at.max(marker.len);
            if let Some((at, name)) = suffix.unknown {
                self.warn_at(src.start + at, Kind::UnknownMarker { written: name.to_string() });
            }
            explicit_topics = suffix.topics.map(|slugs| self.check_topics(src.start, &slugs));
            pinned = suffix.anchor.map(|id| (id.to_string(), src.start + suffix.at));
        }
        let parts = if marker.alone { Vec::new() } else { vec![(b, Some(keep))] };
        let time = marker.time.or(self.pending_time.take());
        Some(OpenTurn { role, parts, explicit_topics, pinned, time })
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
        let mut events = Vec::new();
        // The words of its first block name a question: what follows may be
        // edited without moving its anchor.
        let mut first_words = String::new();
        for (i, (b, keep)) in turn.parts.iter().enumerate() {
            let block = match keep {
                Some(keep) => strip(self.body, &self.events[self.blocks[*b].events.clone()], keep.clone()),
                None => self.block_events(*b),
            };
            if i == 0 {
                for (event, _) in &block {
                    if let Event::Text(t) | Event::Code(t) = event {
                        first_words.push_str(t);
                    }
                }
            }
            events.extend(block);
        }
        let rendered = self.converter.render(events);
        self.count_reading(&rendered.text);
        let text = rendered.text.trim().to_string();
        if self.sections.is_empty() {
            self.sections.push(Section { heading: None, lead: String::new(), exchanges: Vec::new() });
        }
        match turn.role {
            Role::Question { asker } => {
                let anchor = match turn.pinned {
                    Some((id, at)) => {
                        if self.anchors.contains(&id) {
                            self.error_at(at, Kind::DuplicateAnchor { id: id.clone() });
                        }
                        self.unique(id)
                    }
                    None => self.unique_anchor("q", &first_words),
                };
                let question = Question { anchor, asker, html: rendered.html, time: turn.time };
                self.said.push(text);
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
                let answer = Answer { anchor, speaker, html: rendered.html, time: turn.time };
                self.said.push(text);
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
        // What each turn said, in the order the turns were made.
        let mut said = std::mem::take(&mut self.said).into_iter();
        for ex in self.sections.iter_mut().flat_map(|s| s.exchanges.iter_mut()) {
            let question = if ex.question.is_some() { said.next().unwrap_or_default() } else { String::new() };
            let answers: Vec<String> = said.by_ref().take(ex.answers.len()).collect();
            if !ex.tagged_by_writer {
                ex.topics = self.ctx.keywords.tag(&question, answers.iter().map(String::as_str));
            }
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
                "{NOTE_ITEM}{n}\">{} <a href=\"#fnref-{n}\" class=\"footnote-back\" aria-label=\"↩ {n}\">↩</a></li>\n",
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
        let mut missing = own.into_iter().filter(|l| !self.anchors.contains(&l.fragment)).peekable();
        if missing.peek().is_none() {
            return others;
        }
        let (mut suggester, mut budget) = (Suggester::new(self.anchors.iter().map(String::as_str)), Budget::default());
        for link in missing {
            let suggestion = suggester.suggest(&link.fragment, &mut budget);
            self.errors.push(Diagnostic::new(
                &self.source.path,
                link.line,
                link.column,
                Kind::MissingOwnAnchor { fragment: link.fragment, suggestion },
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

    /// `base`, or `base-2`, `base-3`, ... : the first not on the page yet.
    /// Anchors are never taken back, so the search for a base goes on from
    /// where the last one for it stopped: n questions alike cost n steps, not n².
    fn unique(&mut self, base: String) -> String {
        if self.anchors.insert(base.clone()) {
            return base;
        }
        let next = self.next_suffix.entry(base.clone()).or_insert(2);
        loop {
            let id = format!("{base}-{next}");
            *next += 1;
            if self.anchors.insert(id.clone()) {
                return id;
            }
        }
    }

    fn warn_at(&mut self, body_pos: usize, kind: Kind) {
        let (line, column) = self.converter.locate(body_pos);
        self.warnings.push(Diagnostic::new(&self.source.path, line, column, kind));
    }

    fn error_at(&mut self, body_pos: usize, kind: Kind) {
        let (line, column) = self.converter.locate(body_pos);
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

/// A file at `content/interviews/<name>.md` with `text`, read as a build
/// reads it: its front matter checked, then its body parsed.
#[cfg(test)]
fn parse_file(config: &Config, name: &str, text: String) -> Parsed {
    let catalog = super::Catalog { links: Default::default(), keywords: KeywordIndex::new(&config.topics) };
    let path = std::path::PathBuf::from(format!("content/interviews/{name}.md"));
    let content_path = path.strip_prefix("content").unwrap_or(&path).to_path_buf();
    let source = Source { path, content_path, text: text.into() };
    let front = super::front_matter(config, &source).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    let fronted = Fronted { source, meta: front.meta, body_offset: front.body_offset, warnings: front.warnings };
    parse(fronted, &catalog.context(config))
}

/// The published forms of `tests/fixtures/transcripts/`: each file is read as
/// its `.expect.json` says a person reads it, turn by turn, with the
/// warnings it lists and no other.
#[cfg(test)]
mod transcripts {
    use std::path::{Path, PathBuf};

    use super::*;

    fn fixtures() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/transcripts")
    }

    /// q or a, speaker, text, time.
    type Turn = (String, String, String, Option<String>);

    /// Every turn of the fixture, and its warnings.
    fn read(name: &str) -> (Vec<Turn>, Vec<Diagnostic>) {
        let config = Config::parse(&std::fs::read_to_string(fixtures().join("../site.toml")).unwrap()).unwrap();
        let text = std::fs::read_to_string(fixtures().join(format!("{name}.md"))).unwrap();
        let (interview, warnings) = parse_file(&config, name, text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let mut turns = Vec::new();
        for ex in interview.sections.iter().flat_map(|s| &s.exchanges) {
            if let Some(q) = &ex.question {
                assert!(!q.html.contains("**") && !q.html.contains("[00:"), "{name}: marks left in {}", q.html);
                turns.push(("q".into(), q.asker.clone().unwrap_or_default(), q.text(), q.time.as_ref().map(|t| t.written.clone())));
            }
            for a in &ex.answers {
                assert!(!a.html.contains("**"), "{name}: bold marks left in {}", a.html);
                turns.push(("a".into(), a.speaker.clone(), a.text(), a.time.as_ref().map(|t| t.written.clone())));
            }
        }
        (turns, warnings)
    }

    #[test]
    fn published_transcripts_read_turn_by_turn() {
        let mut names: Vec<String> = std::fs::read_dir(fixtures())
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".expect.json").map(str::to_string))
            .collect();
        names.sort();
        assert!(names.len() >= 7, "{names:?}");
        let mut failures = Vec::new();
        for name in names {
            let expect: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(fixtures().join(format!("{name}.expect.json"))).unwrap()).unwrap();
            let (turns, warnings) = read(&name);
            let wanted = expect["turns"].as_array().unwrap();
            if turns.len() != wanted.len() {
                failures.push(format!("{name}: {} turns, expected {}: {turns:#?}", turns.len(), wanted.len()));
                continue;
            }
            for (i, (got, want)) in turns.iter().zip(wanted).enumerate() {
                let (kind, speaker, start, time) =
                    (want[0].as_str().unwrap(), want[1].as_str().unwrap(), want[2].as_str().unwrap(), want[3].as_str());
                let ok = got.0 == kind && got.1 == speaker && got.2.starts_with(start) && got.3.as_deref() == time;
                if !ok {
                    failures.push(format!("{name}: turn {}: got {got:?}, expected [{kind}, {speaker}, {start}…, {time:?}]", i + 1));
                }
            }
            let expected_warnings: Vec<(u64, String)> = expect["warnings"]
                .as_array()
                .map(|w| w.iter().map(|w| (w[0].as_u64().unwrap(), w[1].as_str().unwrap().to_string())).collect())
                .unwrap_or_default();
            let got_warnings: Vec<(u64, String)> = warnings.iter().map(|w| (w.line as u64, w.message())).collect();
            let matched = expected_warnings.len() == got_warnings.len()
                && expected_warnings.iter().zip(&got_warnings).all(|((line, words), (got_line, message))| {
                    line == got_line && message.contains(words.trim_start_matches('{').split(':').next().unwrap())
                });
            if !matched {
                failures.push(format!("{name}: warnings {got_warnings:?}, expected {expected_warnings:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// A site holds every parsed interview at once: each keeps no room it
    /// grew into and does not use (an exchange's answers reserved four).
    #[test]
    fn a_parsed_interview_holds_no_spare_room() {
        let config = Config::parse(&std::fs::read_to_string(fixtures().join("../site.toml")).unwrap()).unwrap();
        for name in ["oral-history-surnames", "podcast-timecodes"] {
            let text = std::fs::read_to_string(fixtures().join(format!("{name}.md"))).unwrap();
            let (interview, _) = parse_file(&config, name, text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            let exchanges: Vec<_> = interview.sections.iter().flat_map(|s| &s.exchanges).collect();
            assert!(exchanges.len() > 3, "{name}");
            for ex in exchanges {
                assert_eq!(ex.answers.capacity(), ex.answers.len(), "{name}");
                for a in &ex.answers {
                    assert_eq!(a.html.capacity(), a.html.len(), "{name}");
                }
            }
            assert_eq!(interview.sections.capacity(), interview.sections.len(), "{name}");
        }
    }
}

#[cfg(test)]
mod anchors {
    use super::*;

    fn anchors(body: &str) -> Vec<String> {
        let config = Config::parse("title = \"t\"\nbase_url = \"https://e.org/\"\nlanguage = \"en\"\n").unwrap();
        let text = format!("---\ntitle: T\ndate: 2024-01-01\ninterviewer: Ann Lee\ninterviewees: [Ben Okoro]\n---\n{body}");
        let (interview, _) = parse_file(&config, "t", text).unwrap();
        interview.sections.iter().flat_map(|s| &s.exchanges).filter_map(|e| e.question.as_ref().map(|q| q.anchor.clone())).collect()
    }

    #[test]
    fn anchors_survive_retiming_punctuation_and_edits_elsewhere() {
        let first = anchors("\nQ: [00:12:30] Tell us what you've seen?\n\nA: Much.\n\nQ: And the mill?\n\nA: Closed.\n");
        let retimed = anchors("\n[00:13:05] Q: Tell us what you’ve seen…\n\nA: Much.\n\nQ: And the mil?\n\nA: Closed.\n");
        assert_eq!(first[0], "q-tell-us-what-you-ve-seen");
        assert_eq!(first[0], retimed[0]);
    }

    #[test]
    fn a_question_is_named_by_its_first_paragraph() {
        let short = anchors("\nQ: When?\n\nAnd where, and with whom?\n\nA: In 1941.\n");
        let edited = anchors("\nQ: When?\n\nAnd where exactly?\n\nA: In 1941.\n");
        assert_eq!(short, ["q-when"]);
        assert_eq!(short, edited);
    }

    #[test]
    fn authors_pin_anchors_and_anchors_stay_unique() {
        let pinned = anchors("\nQ: Why? {#why-we-left}\n\nA: Because.\n\nQ: Why?\n\nA: Again.\n\nQ: Why?\n\nA: Still.\n");
        assert_eq!(pinned, ["why-we-left", "q-why", "q-why-2"]);
    }
}
