//! The site as a plain value: the interviews, newest first, and the topics,
//! people and archive that gather from them, every cross reference resolved.
//! [`super::assemble`] builds it and rendering only reads it; the preview,
//! after an edit, puts the new interview in its place and assembles a new
//! `Site`.

use chrono::{DateTime, FixedOffset};

use crate::config::{CollectionDef, Config, TopicDef};
use crate::content::assets::Copy;
use crate::content::interview::{Exchange, Interview};
use crate::content::person::PersonRecord;
use crate::error::Diagnostic;

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
    /// Relative to the base URL, e.g. `people/wang-xiaohang/`.
    pub url: String,
    /// What their file says of them, when they have one.
    pub record: Option<PersonRecord>,
    /// Interviews they gave or conducted, newest first.
    pub entries: Vec<PersonEntry>,
    /// Roles over time, oldest first, each with the interview that names it.
    pub roles: Vec<(String, usize)>,
    pub answer_count: usize,
}

impl Person {
    /// The files their page names beside it (a photo).
    pub fn copies(&self) -> &[Copy] {
        self.record.as_ref().map_or(&[], |r| r.copies.as_slice())
    }
}

/// A collection and its interviews: those with an `order` first, by it,
/// then the rest, newest first.
#[derive(Debug, Clone)]
pub(crate) struct Collection {
    pub def: CollectionDef,
    pub url: String,
    pub entries: Vec<usize>,
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
    /// For each interview, the person each of its names means.
    pub cast: Vec<Vec<(String, usize)>>,
    pub collections: Vec<Collection>,
    /// For each interview, every version of it (the original first, then its
    /// translations); empty for an interview with no translation.
    pub versions: Vec<Vec<usize>>,
    /// The interviews listings show, newest first: originals, not their translations.
    pub listed: Vec<usize>,
    /// When the newest interview was published (feeds, sitemap).
    pub updated: Option<DateTime<FixedOffset>>,
    /// What assembling found to warn about (people's names).
    pub warnings: Vec<Diagnostic>,
}

impl Site {
    pub fn exchange(&self, r: ExchangeRef) -> &Exchange {
        &self.interviews[r.interview].sections[r.section].exchanges[r.exchange]
    }

    /// The collection interview `i` belongs to, and its place there (none
    /// for a translation, which collections do not list).
    pub fn collection_of(&self, i: usize) -> Option<(&Collection, Option<usize>)> {
        let slug = self.interviews[i].meta.collection.as_deref()?;
        let c = self.collections.iter().find(|c| c.def.slug == slug)?;
        Some((c, c.entries.iter().position(|&e| e == i)))
    }

    /// The person that `name` in interview `i` means.
    pub fn person_of(&self, i: usize, name: &str) -> Option<usize> {
        self.cast.get(i)?.iter().find(|(n, _)| n == name).map(|(_, p)| *p)
    }
}
