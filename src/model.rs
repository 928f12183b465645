//! The site as a plain value: interviews split into sections and exchanges,
//! topics, people and the archive, every cross reference resolved. It is built
//! by `parse` and `assemble` and only read by rendering; the preview, after an
//! edit, puts the new interview in its place and assembles a new `Site`.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::config::{Config, TopicDef};
use crate::meta::Meta;

/// One interview, parsed. The `html` fields are empty unless it was parsed
/// with [`crate::interview::Pass::Html`], and answers' `text` unless with
/// `Pass::Text` or `Pass::Html`.
#[derive(Debug, Clone)]
pub struct Interview {
    pub meta: Meta,
    /// Relative to the site root (for messages).
    pub path: std::path::PathBuf,
    /// Relative to the base URL, e.g. `interviews/wang-xiaohang-2024/`.
    pub url: String,
    /// HTML of the text before the first heading or turn.
    pub intro: String,
    pub sections: Vec<Section>,
    /// HTML of the footnotes, empty when there are none.
    pub footnotes: String,
    pub reading_minutes: u32,
    /// Links to pages' anchors, checked when the site is assembled.
    pub links: Vec<AnchorLink>,
    /// Root-relative links written in the Markdown (`/archive/topics/x/`),
    /// checked by `wenda check` against the pages the site has.
    pub site_links: Vec<SiteLink>,
    /// Every `id` the page defines (sections, questions, answers, notes).
    pub anchors: Vec<String>,
    /// The file it was parsed from, kept to parse it again for its page.
    pub source: crate::source::Source,
    /// Where the Markdown body starts in `source.text`.
    pub body_offset: usize,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub heading: Option<Heading>,
    /// HTML of the blocks between the heading and the first turn.
    pub lead: String,
    pub exchanges: Vec<Exchange>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    pub id: String,
    pub level: u8,
    pub html: String,
    pub text: String,
}

/// A question and the answers that follow it (or answers with no question).
#[derive(Debug, Clone)]
pub struct Exchange {
    pub question: Option<Question>,
    pub answers: Vec<Answer>,
    /// Topic slugs, in site.toml order.
    pub topics: Vec<String>,
    /// The question named its topics (`{topics: ...}`) rather than the keyword rule.
    pub tagged_by_writer: bool,
}

#[derive(Debug, Clone)]
pub struct Question {
    pub anchor: String,
    /// Who asked: the interviewer, or the name the paragraph gave.
    pub asker: String,
    pub html: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Answer {
    pub anchor: String,
    pub speaker: String,
    pub html: String,
    /// The start of the answer as plain text, for listings.
    pub excerpt: String,
    /// The whole answer as plain text (not kept in the site model).
    pub text: String,
}

/// A link to `#fragment` on a content page, to check once all anchors are known.
#[derive(Debug, Clone)]
pub struct AnchorLink {
    pub target_slug: String,
    pub fragment: String,
    pub line: usize,
    pub column: usize,
}

/// A link to a path of the site, where the writer wrote it.
#[derive(Debug, Clone)]
pub struct SiteLink {
    pub href: String,
    pub line: usize,
    pub column: usize,
}

/// Points at one exchange of one interview of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExchangeRef {
    pub interview: usize,
    pub section: usize,
    pub exchange: usize,
}

#[derive(Debug, Clone)]
pub struct Topic {
    pub def: TopicDef,
    pub url: String,
    /// Interviews tagged with the topic or holding a tagged exchange, newest first,
    /// each with its tagged exchanges in reading order.
    pub entries: Vec<(usize, Vec<ExchangeRef>)>,
    pub exchange_count: usize,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub slug: String,
    pub url: String,
    /// Interviews they gave or conducted, newest first.
    pub entries: Vec<PersonEntry>,
    /// Roles over time, oldest first, each with the interview that names it.
    pub roles: Vec<(String, usize)>,
    pub answer_count: usize,
}

#[derive(Debug, Clone)]
pub struct PersonEntry {
    pub interview: usize,
    pub gave: bool,
    pub conducted: bool,
    /// Exchanges where they answered.
    pub answers: Vec<ExchangeRef>,
}

/// Interviews of one month, newest first.
#[derive(Debug, Clone)]
pub struct Month {
    pub year: i32,
    pub month: u32,
    pub interviews: Vec<usize>,
}

/// The whole archive, ready to render.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    /// Published interviews, newest first.
    pub interviews: Vec<Interview>,
    pub topics: Vec<Topic>,
    /// Sorted by name.
    pub people: Vec<Person>,
    /// Name → index in `people`.
    pub person_index: std::collections::HashMap<String, usize>,
    /// Newest month first.
    pub archive: Vec<Month>,
    /// When the newest interview was published (feeds, sitemap).
    pub updated: Option<DateTime<FixedOffset>>,
    /// What parsing an interview again needs.
    pub links: crate::links::LinkMap,
    pub keywords: crate::keywords::KeywordIndex,
}

impl Site {
    pub fn exchange(&self, r: ExchangeRef) -> &Exchange {
        &self.interviews[r.interview].sections[r.section].exchanges[r.exchange]
    }

    pub fn parse_context(&self) -> crate::interview::ParseContext<'_> {
        crate::interview::ParseContext { config: &self.config, links: &self.links, keywords: &self.keywords }
    }

    pub fn person(&self, name: &str) -> Option<&Person> {
        self.person_index.get(name).map(|&i| &self.people[i])
    }
}
