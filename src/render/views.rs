//! What templates see: small serialisable views of the site model, with URLs
//! already joined to the base path and dates written in the site's language.

use serde::Serialize;

use crate::content::interview::Question;
use crate::content::interview::{Exchange, Interview};
use crate::render::i18n::Strings;
use crate::site::model::{ExchangeRef, Site};
use crate::text::gist;

/// Columns of a question shown where questions are listed (listings and an
/// interview's table of questions) before it is cut to its gist.
const LISTED_QUESTION_COLUMNS: usize = 80;

/// A question as listings and the table of questions show it: its gist.
pub(crate) fn listed(q: &Question) -> String {
    gist(&q.text(), LISTED_QUESTION_COLUMNS).into_owned()
}

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

/// Another version of an interview: its language and page.
#[derive(Serialize)]
pub(crate) struct Version<'a> {
    pub lang: &'a str,
    /// The language's name in itself (`English`, `中文`).
    pub name: &'a str,
    pub url: &'a str,
    pub current: bool,
}

/// An interview in a list.
#[derive(Serialize)]
pub(crate) struct Card<'a> {
    pub title: &'a str,
    pub url: &'a str,
    /// When it was published, or when it was recorded when that is all that is known.
    pub date: &'a str,
    pub date_iso: &'a str,
    /// The date is when it was recorded (the interview gives no publication date).
    pub recorded_only: bool,
    /// Every version of the interview, when it has translations.
    pub versions: Vec<Version<'a>>,
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
    /// Its gist, when it is long: listings repeat every question.
    pub question: String,
    pub url: String,
    pub speaker: &'a str,
    /// The start of the answer, for an exchange without a question (a
    /// listing shows the question when there is one).
    pub answer: String,
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
    /// The built-in strings of Chinese and English, for pages in the language the site is not.
    pub built_in: &'a [Strings; 2],
    pub urls: &'a Urls,
}

/// What many pages show of each interview, person and topic, made once per
/// build rather than for every card and link: URLs joined to the base path,
/// dates written in the site's language.
pub(crate) struct Urls {
    pub people: Vec<String>,
    pub topics: Vec<String>,
    pub interviews: Vec<String>,
    /// Each interview's date, as shown and as RFC 3339 (or, recorded only, as
    /// HTML's `<time>` reads a year or month).
    pub dates: Vec<(String, String)>,
}

/// An interview's date for listings: published, else recorded.
pub(crate) fn listing_date(meta: &crate::content::meta::Meta, strings: &Strings) -> (String, String) {
    match &meta.recorded {
        Some(r) if !meta.published => (strings.approx(r), r.html_datetime()),
        _ => (strings.date(&meta.date), meta.date.to_rfc3339()),
    }
}

impl Urls {
    pub fn new(site: &Site, strings: &Strings) -> Urls {
        let base = &site.config.base_path;
        Urls {
            people: site.people.iter().map(|p| format!("{base}{}", p.url)).collect(),
            topics: site.config.topics.iter().map(|t| format!("{base}topics/{}/", t.slug)).collect(),
            interviews: site.interviews.iter().map(|i| format!("{base}{}", i.url)).collect(),
            dates: site.interviews.iter().map(|i| listing_date(&i.meta, strings)).collect(),
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

    /// `name` as interview `i` names them, linked to their page.
    pub fn person_link<'b>(&self, i: usize, name: &'b str, role: &'b str) -> PersonLink<'b>
    where
        'a: 'b,
    {
        PersonLink { name, url: self.person_url(i, name), role }
    }

    /// The page of the person `name` means in interview `i`; empty when there is none.
    pub fn person_url(&self, i: usize, name: &str) -> &'a str {
        self.site.person_of(i, name).map_or("", |p| self.urls.people[p].as_str())
    }

    /// Person `p` linked to their page.
    pub fn person(&self, p: usize, role: &'a str) -> PersonLink<'a> {
        PersonLink { name: &self.site.people[p].name, url: &self.urls.people[p], role }
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
            recorded_only: !m.published,
            versions: self.versions(i),
            lang: &m.lang,
            summary: &m.summary,
            interviewees: m.interviewees.iter().map(|p| self.person_link(i, &p.name, &p.role)).collect(),
            interviewers: m.interviewers.iter().map(|p| self.person_link(i, &p.name, "")).collect(),
            topics: self.chips(&m.topics),
            question_count: interview.sections.iter().flat_map(|s| &s.exchanges).filter(|e| e.question.is_some()).count(),
        }
    }

    /// The versions of interview `i`, empty when it has no translation.
    pub fn versions(&self, i: usize) -> Vec<Version<'a>> {
        self.site.versions[i]
            .iter()
            .map(|&v| {
                let lang: &'a str = &self.site.interviews[v].meta.lang;
                Version { lang, name: crate::render::i18n::language_name(lang), url: &self.urls.interviews[v], current: v == i }
            })
            .collect()
    }

    /// The interface strings for a page written in `lang`: the site's own
    /// when the languages agree, else the built-in ones of `lang`.
    pub fn strings_for(&self, lang: &str) -> &'a Strings {
        if lang.split('-').next() == self.site.config.language.split('-').next() {
            self.strings
        } else if lang.starts_with("zh") {
            &self.built_in[0]
        } else {
            &self.built_in[1]
        }
    }

    pub fn excerpt(&self, r: ExchangeRef) -> Excerpt<'a> {
        let ex: &'a Exchange = self.site.exchange(r);
        let first = ex.answers.first();
        let anchor = ex.question.as_ref().map(|q| q.anchor.as_str()).or(first.map(|a| a.anchor.as_str())).unwrap_or("");
        Excerpt {
            question: ex.question.as_ref().map_or_else(String::new, listed),
            url: format!("{}#{anchor}", self.urls.interviews[r.interview]),
            speaker: first.map_or("", |a| a.speaker.as_str()),
            answer: first.filter(|_| ex.question.is_none()).map(|a| a.excerpt()).unwrap_or_default(),
        }
    }

    pub fn with_excerpts(&self, i: usize, refs: &[ExchangeRef]) -> CardWithExcerpts<'a> {
        CardWithExcerpts { card: self.card(i), excerpts: refs.iter().map(|&r| self.excerpt(r)).collect() }
    }
}
