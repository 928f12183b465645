//! What an import makes of its input before it is written: the interview's
//! fields, its body as blocks and turns, and the account of what was found,
//! guessed and dropped.

/// One person of the interview, with the label the input gave them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
    /// How the input labelled their turns, when not by their name (`答`, `HOST`).
    pub label: Option<String>,
}

impl Person {
    pub fn named(name: impl Into<String>) -> Person {
        Person { name: name.into(), role: None, label: None }
    }
}

/// Who speaks in a turn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Speaker {
    /// A question; by the named interviewer, or unnamed (`问:`/`Q:`).
    Asker(Option<String>),
    /// An answer, by one of the interviewees.
    Answerer(String),
}

/// One turn: its speaker, its start in the recording and its paragraphs
/// (Markdown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    pub speaker: Speaker,
    /// `hh:mm:ss` from the start of the recording.
    pub time: Option<String>,
    pub paragraphs: Vec<String>,
}

impl Turn {
    pub fn is_question(&self) -> bool {
        matches!(self.speaker, Speaker::Asker(_))
    }
}

/// A block of the body, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Text before the first turn, or between turns outside any.
    Text(String),
    Heading(String),
    Turn(Turn),
}

/// Something of the input left out of the interview, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// What it was: "link lists", "reader comments", "navigation" …
    pub kind: String,
    pub lines: usize,
    pub chars: usize,
    pub first_words: String,
}

/// A field of the front matter the import was not sure of; written next to
/// it as `# check: <why>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub field: &'static str,
    pub why: String,
}

/// An interview as imported.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub title: String,
    /// RFC 3339 with its offset, or `YYYY-MM-DD`.
    pub date: Option<String>,
    pub interviewers: Vec<Person>,
    pub interviewees: Vec<Person>,
    pub source: Option<(String, Option<String>)>,
    pub summary: Option<String>,
    pub topics: Vec<String>,
    pub lang: Option<String>,
    /// Not to be published yet, as the input said.
    pub draft: bool,
    pub body: Vec<Block>,
    /// Archival fields the input gives (`identifier`, `rights`, `duration`,
    /// `media`), written as fields of the front matter.
    pub fields: Vec<(&'static str, String)>,
    /// Metadata wenda has no field for, kept as comments in the front matter
    /// so that nothing the input said is lost: (key, value).
    pub kept: Vec<(String, String)>,
    pub checks: Vec<Check>,
    pub dropped: Vec<Dropped>,
    /// Other things the report should say (keys without a meaning, …).
    pub notes: Vec<String>,
}

impl Draft {
    pub fn check(&mut self, field: &'static str, why: impl Into<String>) {
        self.checks.push(Check { field, why: why.into() });
    }

    pub fn turns(&self) -> impl Iterator<Item = &Turn> {
        self.body.iter().filter_map(|b| match b {
            Block::Turn(t) => Some(t),
            _ => None,
        })
    }

    pub fn questions(&self) -> usize {
        self.turns().filter(|t| t.is_question()).count()
    }

    pub fn answers(&self) -> usize {
        self.turns().filter(|t| !t.is_question()).count()
    }

    pub fn sections(&self) -> usize {
        self.body.iter().filter(|b| matches!(b, Block::Heading(_))).count()
    }

    pub fn drop_block(&mut self, kind: &str, lines: &[&str]) {
        if lines.is_empty() {
            return;
        }
        let chars = lines.iter().map(|l| l.chars().count()).sum();
        let first = lines.iter().map(|l| l.trim()).find(|l| !l.is_empty()).unwrap_or("");
        let first_words = crate::text::shorten(first, 32);
        // Each kind is reported once, with the first words of its first block.
        if let Some(last) = self.dropped.iter_mut().find(|d| d.kind == kind) {
            last.lines += lines.len();
            last.chars += chars;
            return;
        }
        self.dropped.push(Dropped { kind: kind.to_string(), lines: lines.len(), chars, first_words });
    }

    /// The interviewee answering an `答:`/`A:` label: the only one.
    pub fn sole_interviewee(&self) -> Option<&str> {
        match self.interviewees.as_slice() {
            [one] => Some(one.name.as_str()),
            _ => None,
        }
    }
}
