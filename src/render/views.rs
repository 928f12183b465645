//! What templates see: small serialisable views of the site model, with URLs
//! already joined to the base path and dates written in the site's language.

use serde::Serialize;

use crate::content::interview::{Exchange, Interview};
use crate::render::i18n::Strings;
use crate::site::model::{ExchangeRef, Site};

#[derive(Serialize)]
pub(crate) struct Link<'a> {
    pub title: &'a str,
    pub url: &'a str,
}

#[derive(Serialize)]
pub(crate) struct PersonLink<'a> {
    pub name: &'a str,
    /// Empty for a name that has no page.
    pub url: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub role: &'a str,
}

#[derive(Serialize)]
pub(crate) struct Chip<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: &'a str,
}

/// An interview in a list.
#[derive(Serialize)]
pub(crate) struct Card<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub date: &'a str,
    pub date_iso: &'a str,
    pub lang: &'a str,
    pub summary: &'a str,
    pub interviewees: Vec<PersonLink<'a>>,
    pub interviewers: Vec<PersonLink<'a>>,
    pub topics: Vec<Chip<'a>>,
    pub question_count: usize,
}

/// A question and the start of its answer, linking to its anchor.
#[derive(Serialize)]
pub(crate) struct Excerpt<'a> {
    pub question: &'a str,
    pub url: String,
    pub speaker: &'a str,
    pub answer: &'a str,
}

/// An interview with some of its exchanges (topic and person pages).
#[derive(Serialize)]
pub(crate) struct CardWithExcerpts<'a> {
    pub card: Card<'a>,
    pub excerpts: Vec<Excerpt<'a>>,
}

pub(crate) struct Views<'a> {
    pub site: &'a Site,
    pub strings: &'a Strings,
    pub urls: &'a Urls,
}

/// What many pages show of each interview, person and topic, made once per
/// build rather than for every card and link: URLs joined to the base path,
/// dates written in the site's language.
pub(crate) struct Urls {
    pub people: Vec<String>,
    pub topics: Vec<String>,
    pub interviews: Vec<String>,
    /// Each interview's date, as shown and as RFC 3339.
    pub dates: Vec<(String, String)>,
}

impl Urls {
    pub fn new(site: &Site, strings: &Strings) -> Urls {
        let base = &site.config.base_path;
        Urls {
            people: site.people.iter().map(|p| format!("{base}{}", p.url)).collect(),
            topics: site.config.topics.iter().map(|t| format!("{base}topics/{}/", t.slug)).collect(),
            interviews: site.interviews.iter().map(|i| format!("{base}{}", i.url)).collect(),
            dates: site.interviews.iter().map(|i| (strings.date(&i.meta.date), i.meta.date.to_rfc3339())).collect(),
        }
    }
}

impl<'a> Views<'a> {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.site.config.base_path, path)
    }

    /// The label of a question in an interview written in `lang`: the site's
    /// own string when the languages agree, else the built-in one.
    pub fn question_label(&self, lang: &str) -> &'a str {
        let same_family = lang.split('-').next() == self.site.config.language.split('-').next();
        if same_family {
            self.strings.get("question_label")
        } else {
            crate::render::i18n::built_in(lang, "question_label")
        }
    }

    pub fn person_link<'b>(&self, name: &'b str, role: &'b str) -> PersonLink<'b>
    where
        'a: 'b,
    {
        PersonLink { name, url: self.person_url(name), role }
    }

    /// The page of the person of this name; empty when there is none.
    pub fn person_url(&self, name: &str) -> &'a str {
        self.site.person_index.get(name).map_or("", |&i| self.urls.people[i].as_str())
    }

    pub fn chips(&self, slugs: &[String]) -> Vec<Chip<'a>> {
        let topics = &self.site.config.topics;
        slugs
            .iter()
            .filter_map(|s| topics.iter().position(|t| &t.slug == s))
            .map(|i| Chip { slug: &topics[i].slug, title: &topics[i].title, url: &self.urls.topics[i] })
            .collect()
    }

    /// The card of interview `i`.
    pub fn card(&self, i: usize) -> Card<'a> {
        let interview: &'a Interview = &self.site.interviews[i];
        let m = &interview.meta;
        let (date, date_iso) = &self.urls.dates[i];
        Card {
            title: &m.title,
            url: &self.urls.interviews[i],
            date,
            date_iso,
            lang: &m.lang,
            summary: &m.summary,
            interviewees: m.interviewees.iter().map(|p| self.person_link(&p.name, &p.role)).collect(),
            interviewers: m.interviewers.iter().map(|p| self.person_link(&p.name, "")).collect(),
            topics: self.chips(&m.topics),
            question_count: interview.sections.iter().flat_map(|s| &s.exchanges).filter(|e| e.question.is_some()).count(),
        }
    }

    pub fn excerpt(&self, r: ExchangeRef) -> Excerpt<'a> {
        let ex: &'a Exchange = self.site.exchange(r);
        let first = ex.answers.first();
        let anchor = ex.question.as_ref().map(|q| q.anchor.as_str()).or(first.map(|a| a.anchor.as_str())).unwrap_or("");
        Excerpt {
            question: ex.question.as_ref().map_or("", |q| q.text.as_str()),
            url: format!("{}#{anchor}", self.urls.interviews[r.interview]),
            speaker: first.map_or("", |a| a.speaker.as_str()),
            answer: first.map_or("", |a| a.excerpt.as_str()),
        }
    }

    pub fn with_excerpts(&self, i: usize, refs: &[ExchangeRef]) -> CardWithExcerpts<'a> {
        CardWithExcerpts { card: self.card(i), excerpts: refs.iter().map(|&r| self.excerpt(r)).collect() }
    }
}
