//! One interview as the rest of the build sees it: resolved, complete and
//! read-only. [`super::body`] makes it, once per file, from the file's
//! [`Fronted`](super::Fronted) state; render, search and feeds only read it.

use serde::{Deserialize, Serialize};

use super::meta::Meta;
use super::timecode::Timecode;

/// How each of the footnotes' items starts, its id following `fn-`.
pub(crate) const NOTE_ITEM: &str = "<li id=\"fn-";

/// One interview, parsed: every part's HTML.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Interview {
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
    /// Local files to copy beside the page (a bundle's, and those it names).
    pub copies: Vec<super::assets::Copy>,
    /// The body names files of the site (images, `static/` files), so its
    /// parse depends on more than its own text.
    pub names_files: bool,
}

impl Interview {
    /// Every `id` the page defines: its sections', questions', answers' and
    /// notes'. Read from them when a link to the page is checked, not held.
    pub fn anchors(&self) -> impl Iterator<Item = &str> {
        // The notes, in number order: a number given twice is one id.
        let mut notes: Vec<&str> = self
            .footnotes
            .match_indices(NOTE_ITEM)
            .filter_map(|(at, _)| self.footnotes[at + "<li id=\"".len()..].split('"').next())
            .collect();
        notes.dedup();
        let turns = self.sections.iter().flat_map(|s| {
            let exchanges =
                s.exchanges.iter().flat_map(|ex| ex.question.iter().map(|q| &q.anchor).chain(ex.answers.iter().map(|a| &a.anchor)));
            s.heading.iter().map(|h| &h.id).chain(exchanges)
        });
        turns.map(String::as_str).chain(notes)
    }

    /// Some question or answer says when in the recording it was said.
    pub fn is_timed(&self) -> bool {
        self.sections
            .iter()
            .flat_map(|s| &s.exchanges)
            .any(|ex| ex.question.as_ref().is_some_and(|q| q.time.is_some()) || ex.answers.iter().any(|a| a.time.is_some()))
    }

    /// Some block of the page is highlighted code, which the theme's
    /// `syntax.css` colours; a page without any need not load it.
    pub fn has_highlighted_code(&self) -> bool {
        let highlighted = |html: &str| memchr::memmem::find(html.as_bytes(), crate::content::highlight::HIGHLIGHTED.as_bytes()).is_some();
        highlighted(&self.intro)
            || highlighted(&self.footnotes)
            || self.sections.iter().any(|s| {
                highlighted(&s.lead)
                    || s.exchanges.iter().any(|ex| {
                        ex.question.as_ref().is_some_and(|q| highlighted(&q.html)) || ex.answers.iter().any(|a| highlighted(&a.html))
                    })
            })
    }

    /// Give back what growing left spare. A site holds every interview
    /// until its pages are made; an exchange's answers alone, grown one by
    /// one, reserved room for four.
    pub fn compact(&mut self) {
        self.intro.shrink_to_fit();
        self.footnotes.shrink_to_fit();
        self.links.shrink_to_fit();
        self.sections.shrink_to_fit();
        for section in &mut self.sections {
            section.lead.shrink_to_fit();
            section.exchanges.shrink_to_fit();
            for ex in &mut section.exchanges {
                ex.topics.shrink_to_fit();
                ex.answers.shrink_to_fit();
                if let Some(q) = &mut ex.question {
                    q.html.shrink_to_fit();
                }
                for a in &mut ex.answers {
                    a.html.shrink_to_fit();
                }
            }
        }
    }

    /// wenda writes `captions.vtt` beside the page: the first recording has
    /// no captions of the writer's, and some turn is timed.
    pub fn writes_captions(&self) -> bool {
        self.meta.media.first().is_some_and(|m| m.captions.is_none()) && self.is_timed()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Section {
    pub heading: Option<Heading>,
    /// HTML of the blocks between the heading and the first turn.
    pub lead: String,
    pub exchanges: Vec<Exchange>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Heading {
    pub id: String,
    pub level: u8,
    pub html: String,
    pub text: String,
}

/// A question and the answers that follow it (or answers with no question).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Exchange {
    pub question: Option<Question>,
    pub answers: Vec<Answer>,
    /// Topic slugs, in site.toml order.
    pub topics: Vec<String>,
    /// The question named its topics (`{topics: ...}`) rather than the keyword rule.
    pub tagged_by_writer: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Question {
    pub anchor: String,
    /// Who asked: the interviewer, or the name the paragraph gave.
    pub asker: Option<String>,
    pub html: String,
    /// When in the recording it was asked, as the transcript says.
    pub time: Option<Timecode>,
}

impl Question {
    /// The question as plain text (listings, search, captions), read from
    /// its HTML when asked: held for every turn, the text took a quarter of
    /// the memory of a large site.
    pub fn text(&self) -> String {
        crate::text::plain(&self.html)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Answer {
    pub anchor: String,
    pub speaker: String,
    pub html: String,
    /// When in the recording the answer starts, as the transcript says.
    pub time: Option<Timecode>,
}

/// Characters of an answer shown on topic and person pages.
const EXCERPT_CHARS: usize = 70;

impl Answer {
    /// The whole answer as plain text (search, captions), as [`Question::text`].
    pub fn text(&self) -> String {
        crate::text::plain(&self.html)
    }

    /// The start of the answer as plain text, for listings.
    pub fn excerpt(&self) -> String {
        crate::text::shorten(&self.text(), EXCERPT_CHARS)
    }
}

/// A link to `#fragment` on a content page, to check once all anchors are known.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct AnchorLink {
    pub target_slug: String,
    pub fragment: String,
    pub line: usize,
    pub column: usize,
}

/// A link to a path of the site, where the writer wrote it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct SiteLink {
    pub href: String,
    pub line: usize,
    pub column: usize,
}
