//! One interview as the rest of the build sees it: resolved, complete and
//! read-only. [`super::body`] makes it, once per file, from the file's
//! [`Fronted`](super::Fronted) state; render, search and feeds only read it.

use serde::{Deserialize, Serialize};

use super::meta::Meta;
use super::timecode::Timecode;

/// One interview, parsed: every part's HTML and plain text.
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
    /// Every `id` the page defines (sections, questions, answers, notes).
    pub anchors: Vec<String>,
    /// Local files to copy beside the page (a bundle's, and those it names).
    pub copies: Vec<super::assets::Copy>,
    /// The body names files of the site (images, `static/` files), so its
    /// parse depends on more than its own text.
    pub names_files: bool,
}

impl Interview {
    /// Some question or answer says when in the recording it was said.
    pub fn is_timed(&self) -> bool {
        self.sections
            .iter()
            .flat_map(|s| &s.exchanges)
            .any(|ex| ex.question.as_ref().is_some_and(|q| q.time.is_some()) || ex.answers.iter().any(|a| a.time.is_some()))
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
    pub text: String,
    /// When in the recording it was asked, as the transcript says.
    pub time: Option<Timecode>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Answer {
    pub anchor: String,
    pub speaker: String,
    pub html: String,
    /// The start of the answer as plain text, for listings.
    pub excerpt: String,
    /// The whole answer as plain text (search, topic keywords).
    pub text: String,
    /// When in the recording the answer starts, as the transcript says.
    pub time: Option<Timecode>,
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
