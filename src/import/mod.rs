//! `wenda import`: a scraped page, a saved HTML page, a subtitle file, an
//! oral-history export or another generator's post becomes an interview
//! file. Each format module reads its input into a [`Draft`]; [`finish`]
//! fills what the input left open; [`write`] writes the file and [`report`]
//! says what was found, guessed and dropped.
//!
//! This stage stands beside the build: it reads the site's topics from
//! `config` and the turn labels of `content`, and makes text for `content/`.

mod charset;
mod cues;
pub mod draft;
pub mod fetch;
mod furniture;
mod header;
mod html;
mod ohms;
mod post;
mod qa;
pub mod report;
mod text;
pub mod write;

use crate::config::TopicDef;
use crate::content::keywords::KeywordIndex;
pub use draft::Draft;
use draft::{Block, Turn};

/// The formats import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Vtt,
    Srt,
    Ohms,
    Markdown,
}

impl Format {
    pub const ALL: [Format; 6] = [Format::Text, Format::Html, Format::Vtt, Format::Srt, Format::Ohms, Format::Markdown];

    pub fn named(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Vtt => "vtt",
            Format::Srt => "srt",
            Format::Ohms => "ohms",
            Format::Markdown => "markdown",
        }
    }
}

/// One input, read.
#[derive(Debug, Clone)]
pub struct Input {
    /// As given on the command line.
    pub name: String,
    pub bytes: Vec<u8>,
    /// The `Content-Type` an HTTP server sent with it.
    pub content_type: Option<String>,
}

/// The site an import writes into, as far as import needs it: its topics.
#[derive(Debug, Default)]
pub struct Site {
    topics: Vec<TopicDef>,
    /// Whether `site.toml` was read.
    pub found: bool,
}

impl Site {
    pub fn load(root: &std::path::Path) -> Site {
        match crate::config::Config::load(root) {
            Ok(config) => Site { topics: config.topics, found: true },
            Err(_) => Site::default(),
        }
    }
}

/// What import is told besides its input.
pub struct Options<'a> {
    pub format: Option<Format>,
    /// `--interviewer`: who asks, when the input does not say.
    pub interviewers: Vec<String>,
    /// Whose topics tags and keywords are matched against.
    pub site: &'a Site,
    /// `YYYY-MM-DD`, for an input with no date.
    pub today: String,
}

/// Why an input gave no interview.
#[derive(Debug, PartialEq, Eq)]
pub enum Failure {
    /// It was read, but holds no questions and answers.
    NoInterview,
    /// It could not be read as the format it is.
    Unreadable(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::NoInterview => write!(f, "found no questions and answers in it; nothing was written"),
            Failure::Unreadable(why) => write!(f, "{why}; nothing was written"),
        }
    }
}

/// Read one input into a draft.
pub fn import(input: &Input, opts: &Options) -> Result<(Format, Draft), Failure> {
    let format = opts.format.unwrap_or_else(|| detect(input));
    let mut draft = Draft::default();
    let text = charset::decode(input, format)?;
    match format {
        Format::Text => text::read(&text, &mut draft, &opts.interviewers)?,
        Format::Vtt => cues::read_vtt(&text, &mut draft, &opts.interviewers)?,
        Format::Srt => cues::read_srt(&text, &mut draft, &opts.interviewers)?,
        Format::Markdown => post::read(&text, &mut draft, &opts.interviewers, opts.site)?,
        Format::Ohms => ohms::read(&text, &mut draft, &opts.interviewers, opts.site)?,
        Format::Html => html::read(&text, &mut draft, &opts.interviewers, opts.site)?,
    }
    finish(&mut draft, opts);
    Ok((format, draft))
}

/// The format an input is, by its name, then by its first bytes.
pub fn detect(input: &Input) -> Format {
    let name = input.name.to_lowercase();
    let by_name = [
        (".vtt", Format::Vtt),
        (".srt", Format::Srt),
        (".xml", Format::Ohms),
        (".md", Format::Markdown),
        (".markdown", Format::Markdown),
        (".html", Format::Html),
        (".htm", Format::Html),
        (".txt", Format::Text),
    ];
    if let Some((_, f)) = by_name.iter().find(|(ext, _)| name.ends_with(ext)) {
        return *f;
    }
    if input.content_type.as_deref().is_some_and(|t| t.contains("html")) {
        return Format::Html;
    }
    let head = String::from_utf8_lossy(&input.bytes[..input.bytes.len().min(2048)]).to_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("webvtt") {
        Format::Vtt
    } else if head.starts_with("<?xml") && head.contains("<root") || head.starts_with("<root") {
        Format::Ohms
    } else if head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body") {
        Format::Html
    } else if head.starts_with("---") || head.starts_with("+++") {
        Format::Markdown
    } else if head.starts_with('1') && head.lines().nth(1).is_some_and(|l| l.contains("-->")) {
        Format::Srt
    } else {
        Format::Text
    }
}

/// Fill what the input left open: the title, the date, a summary and the site topics the interview is about.
fn finish(draft: &mut Draft, opts: &Options) {
    if draft.title.trim().is_empty() {
        draft.title = "Untitled interview".into();
        draft.check("title", "the input has no title");
    }
    if draft.date.is_none() {
        draft.date = Some(opts.today.clone());
        draft.check("date", "the input gives no date; today's date written");
    }
    if draft.summary.is_none() {
        if let Some(Block::Text(first)) =
            draft.body.iter().take_while(|b| !matches!(b, Block::Turn(_))).find(|b| matches!(b, Block::Text(t) if t.chars().count() >= 20))
        {
            draft.summary = Some(first_sentences(first, 160));
            draft.check("summary", "the introduction's first sentences");
        }
    }
    let found = topics_of(draft, &opts.site.topics);
    let new: Vec<String> = found.into_iter().filter(|t| !draft.topics.contains(t)).collect();
    if !new.is_empty() {
        draft.check("topics", format!("{} by the site's topic keywords", new.join(", ")));
        draft.topics.extend(new);
    }
}

/// Site topics whose keywords tag at least two of the interview's exchanges.
fn topics_of(draft: &Draft, topics: &[TopicDef]) -> Vec<String> {
    if topics.is_empty() {
        return Vec::new();
    }
    let index = KeywordIndex::new(topics);
    let turns: Vec<&Turn> = draft.turns().collect();
    let mut counts = vec![0usize; topics.len()];
    for (i, t) in turns.iter().enumerate().filter(|(_, t)| t.is_question()) {
        let answers: Vec<&str> =
            turns[i + 1..].iter().take_while(|a| !a.is_question()).flat_map(|a| a.paragraphs.iter().map(String::as_str)).collect();
        let question = t.paragraphs.join("\n");
        for slug in index.tag(&question, answers) {
            if let Some(n) = topics.iter().position(|d| d.slug == slug) {
                counts[n] += 1;
            }
        }
    }
    topics.iter().zip(counts).filter(|(_, n)| *n >= 2).map(|(t, _)| t.slug.clone()).collect()
}

/// Whole sentences from the start of `text`, up to about `max` characters.
fn first_sentences(text: &str, max: usize) -> String {
    let plain: String = text.replace('\\', "");
    let mut out = String::new();
    for (i, c) in plain.char_indices() {
        if matches!(c, '。' | '！' | '？' | '.' | '!' | '?') {
            let candidate = &plain[..i + c.len_utf8()];
            if candidate.chars().count() > max && !out.is_empty() {
                break;
            }
            out = candidate.to_string();
            if out.chars().count() >= max / 2 {
                break;
            }
        }
    }
    if out.is_empty() {
        crate::text::shorten(&plain, max)
    } else {
        out
    }
}

/// The turns of `paras`, the interviewee the title names taken as a hint.
fn read_turns(paras: Vec<qa::Para>, draft: &mut Draft, interviewers: &[String]) -> Result<(), Failure> {
    let hint = header::interviewee_in_title(&draft.title);
    let known = qa::Known { interviewers: interviewers.to_vec(), hint, speakers: Vec::new() };
    if qa::read(paras, draft, &known) {
        Ok(())
    } else {
        Err(Failure::NoInterview)
    }
}

/// The input's tags (under `key`) that name a site topic become the
/// interview's topics; the rest are reported and kept as a comment.
fn take_tags(draft: &mut Draft, key: &str, tags: &[String], site: &Site) {
    let (matched, unmatched) = match_topics(tags, &site.topics);
    for topic in matched {
        if !draft.topics.contains(&topic) {
            draft.topics.push(topic);
        }
    }
    if !unmatched.is_empty() {
        draft.notes.push(format!("{key}: no site topic for {}", unmatched.join(", ")));
        draft.kept.push((key.to_string(), unmatched.join("; ")));
    }
}

/// Site topics a list of tags names: by slug, title or keyword, in any case.
fn match_topics(tags: &[String], topics: &[TopicDef]) -> (Vec<String>, Vec<String>) {
    let mut matched = Vec::new();
    let mut unmatched = Vec::new();
    for tag in tags {
        let t = tag.trim();
        let found = topics.iter().find(|d| {
            d.slug.eq_ignore_ascii_case(t)
                || d.title.to_lowercase().split_whitespace().any(|w| w.eq_ignore_ascii_case(t))
                || d.title.eq_ignore_ascii_case(t)
                || d.keywords.iter().any(|k| k.eq_ignore_ascii_case(t))
        });
        match found {
            Some(d) if !matched.contains(&d.slug) => matched.push(d.slug.clone()),
            Some(_) => {}
            None => unmatched.push(t.to_string()),
        }
    }
    (matched, unmatched)
}
