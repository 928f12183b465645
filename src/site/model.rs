//! The site as a plain value: the interviews, newest first, and the topics,
//! people and archive that gather from them, every cross reference resolved.
//! [`super::assemble`] builds it and rendering only reads it; the preview,
//! after an edit, puts the new interview in its place and assembles a new
//! `Site`.

use chrono::{DateTime, FixedOffset};

use crate::config::{Config, TopicDef};
use crate::content::interview::{Exchange, Interview};

/// Points at one exchange of one interview of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ExchangeRef {
    pub interview: usize,
    pub section: usize,
    pub exchange: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct Topic {
    pub def: TopicDef,
    pub url: String,
    /// Interviews tagged with the topic or holding a tagged exchange, newest first,
    /// each with its tagged exchanges in reading order.
    pub entries: Vec<(usize, Vec<ExchangeRef>)>,
    pub exchange_count: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub name: String,
    pub url: String,
    /// Interviews they gave or conducted, newest first.
    pub entries: Vec<PersonEntry>,
    /// Roles over time, oldest first, each with the interview that names it.
    pub roles: Vec<(String, usize)>,
    pub answer_count: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct PersonEntry {
    pub interview: usize,
    pub gave: bool,
    pub conducted: bool,
    /// Exchanges where they answered.
    pub answers: Vec<ExchangeRef>,
}

/// The whole archive, ready to render.
#[derive(Debug)]
pub(crate) struct Site {
    pub config: Config,
    /// Published interviews, newest first.
    pub interviews: Vec<Interview>,
    pub topics: Vec<Topic>,
    /// Sorted by name.
    pub people: Vec<Person>,
    /// Name → index in `people`.
    pub person_index: std::collections::HashMap<String, usize>,
    /// When the newest interview was published (feeds, sitemap).
    pub updated: Option<DateTime<FixedOffset>>,
}

impl Site {
    pub fn exchange(&self, r: ExchangeRef) -> &Exchange {
        &self.interviews[r.interview].sections[r.section].exchanges[r.exchange]
    }
}
