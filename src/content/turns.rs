//! Recognises the turns of an interview in its Markdown body, in the forms
//! interviews are published in.
//!
//! A turn opens at the start of a top-level paragraph with a label and a
//! colon (ASCII or full-width): a declared person's name or alias, the
//! all-caps surname of one declared person (`ACHESON:`), or a role word
//! (`问`, `记者`, `Q`, `Interviewer` … for the question; `答`, `A`, `Answer`
//! for the answer). The label may be bold, alone or with the text
//! (`**记者：**`, `**记者**：`, a whole bold question), may carry a time
//! (`Dana Cole (01:09:59):`, `[00:12:30] Q:`), and may stand on a line of its
//! own with the text in the next paragraph; a bare `(00:31:02):` continues the
//! previous speaker. `Q.` and `A.` need no colon. A question may end with
//! `{topics: a, b}` and `{#its-anchor}`.
//!
//! A paragraph that looks like a label but names nobody declared is reported
//! (see [`Reading::Suspect`]), so that no turn is merged into another unseen.
//! This module only reads labels; `body` groups the blocks and renders them.

use super::participants::Participant;
use super::timecode::{self, Timecode};
use crate::error::{did_you_mean, Kind};

/// Who speaks in a turn, as the paragraph's label says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Role {
    /// Asked by the interviewer, when one is named.
    Question {
        asker: Option<String>,
    },
    Answer {
        speaker: String,
    },
}

/// A turn marker found at the start of a paragraph.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Marker {
    /// `None` for a bare time, `(00:31:02):`: the previous speaker goes on.
    pub role: Option<Role>,
    /// Bytes of the paragraph taken by the label, its colon, bold marks,
    /// timecodes and the spaces after them.
    pub len: usize,
    pub time: Option<Timecode>,
    /// The label is the whole paragraph: the text is in the blocks after it.
    pub alone: bool,
}

/// What the start of a paragraph is.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Reading {
    Turn(Marker),
    /// It has the shape of a speaker's label, but the label names nobody
    /// declared: probably a turn, read as text of the turn before it.
    Suspect {
        label: String,
        suggestion: Option<String>,
    },
    Text,
}

/// The people a label may name.
pub(crate) struct Speakers<'a> {
    pub interviewers: &'a [Participant],
    pub interviewees: &'a [Participant],
}

const QUESTION_LABELS: &[&str] = &["问", "问题", "记者", "主持人", "Q", "Q.", "Question", "Interviewer"];
const ANSWER_LABELS: &[&str] = &["答", "A", "A.", "Answer"];
/// Longest label, in characters.
const MAX_LABEL_CHARS: usize = 40;
/// ASCII and full-width colons (Chinese text uses the latter).
pub(crate) const COLONS: [char; 2] = [':', '\u{FF1A}'];
/// Punctuation that ends a sentence or a clause: a label holds none.
const SENTENCE_MARKS: [char; 14] = ['。', '，', '；', '！', '？', ',', ';', '!', '?', '"', '“', '”', '「', '」'];
/// Between topic slugs: ASCII or full-width comma, or 、.
const LIST_SEPARATORS: [char; 3] = [',', '\u{FF0C}', '\u{3001}'];

/// The label at the start of a paragraph, as written.
#[derive(Debug)]
struct Written<'p> {
    label: &'p str,
    bold: bool,
    time: Option<Timecode>,
    /// Where the turn's text starts.
    len: usize,
    alone: bool,
}

/// The label a paragraph starts with, if it has the shape of one.
fn written(paragraph: &str) -> Option<Written<'_>> {
    // Most paragraphs have no colon near their start: tell them at once.
    let head = &paragraph.as_bytes()[..paragraph.len().min(4 * MAX_LABEL_CHARS + 32)];
    let short_label = head.len() >= 2 && [b"Q.", b"A."].iter().any(|l| head.windows(2).take(16).any(|w| w == *l));
    if memchr::memchr(b':', head).is_none() && memchr::memmem::find(head, "\u{FF1A}".as_bytes()).is_none() && !short_label {
        return None;
    }
    let mut pos = 0;
    let mut time = None;
    if let Some((t, n)) = timecode::bracketed(paragraph) {
        time = Some(t);
        pos = n;
    }
    let bold = paragraph[pos..].starts_with("**");
    if bold {
        pos += 2;
    }
    let rest = &paragraph[pos..];
    // `Q. Why…` and `A. Because…`: the period stands for the colon.
    let short = ["Q.", "A."].into_iter().find(|l| rest.starts_with(l) && rest[2..].starts_with([' ', '*']));
    let (label, mut end) = match short {
        Some(l) => (l, pos + 2),
        None => {
            // A colon between digits is a time of day (`10:30`), not a label's.
            let time_of_day =
                |i: usize| rest[..i].ends_with(|c: char| c.is_ascii_digit()) && rest[i + 1..].starts_with(|c: char| c.is_ascii_digit());
            let (colon, c) = rest
                .char_indices()
                .take(MAX_LABEL_CHARS + 4)
                .take_while(|(_, c)| *c != '\n' && !SENTENCE_MARKS.contains(c))
                .find(|(i, c)| COLONS.contains(c) && !(*c == ':' && time_of_day(*i)))?;
            (rest[..colon].trim(), pos + colon + c.len_utf8())
        }
    };
    let mut label = label.trim_end_matches("**").trim_end();
    if let Some((t, at)) = timecode::parenthesized_suffix(label) {
        time = time.or(Some(t));
        label = label[..at].trim_end();
    }
    if bold && paragraph[end..].starts_with("**") {
        end += 2;
    }
    end += timecode::spaces(&paragraph[end..]);
    // `Henry: (00:07)`, `Nick Nisi: \[00:04:05.27\]`: the time after the colon.
    if let Some((t, n)) = timecode::bracketed(&paragraph[end..]).or_else(|| timecode::parenthesized(&paragraph[end..])) {
        time = time.or(Some(t));
        end += n;
    }
    // The text on the next line of the same paragraph, as Rev writes it.
    if paragraph[end..].starts_with('\n') {
        end += 1;
    }
    let alone = paragraph[end..].trim().is_empty();
    Some(Written { label, bold, time, len: end, alone })
}

/// The label text a paragraph opens with, for counting how often each opens
/// one: a label written twice or more is a speaker's, not a sentence's.
pub(crate) fn label_of(paragraph: &str) -> Option<&str> {
    written(paragraph).map(|w| w.label).filter(|l| has_label_shape(l))
}

/// What the start of `paragraph` is. `repeated` tells whether a label opens
/// two paragraphs or more of the interview.
pub(crate) fn read(paragraph: &str, speakers: &Speakers, repeated: impl Fn(&str) -> bool) -> Result<Reading, Kind> {
    let Some(w) = written(paragraph) else { return Ok(Reading::Text) };
    if w.label.is_empty() {
        // `(00:31:02):`, a time and nothing else, continues the previous speaker.
        return Ok(match w.time {
            Some(time) => Reading::Turn(Marker { role: None, len: w.len, time: Some(time), alone: w.alone }),
            None => Reading::Text,
        });
    }
    if let Some(role) = speakers.role(w.label)? {
        return Ok(Reading::Turn(Marker { role: Some(role), len: w.len, time: w.time, alone: w.alone }));
    }
    if !has_label_shape(w.label) {
        return Ok(Reading::Text);
    }
    if EDITORIAL_LABELS.iter().any(|l| same(l, w.label)) {
        return Ok(Reading::Text);
    }
    let suggestion = did_you_mean(w.label, speakers.labels());
    Ok(if suggestion.is_some() || w.time.is_some() || looks_like_a_speaker(&w, repeated(w.label)) {
        Reading::Suspect { label: w.label.to_string(), suggestion }
    } else {
        Reading::Text
    })
}

/// Words that open a paragraph with a colon in news pages and are not
/// speakers.
const EDITORIAL_LABELS: &[&str] = &[
    "编者按",
    "按",
    "注",
    "备注",
    "说明",
    "来源",
    "摘要",
    "导语",
    "记者手记",
    "图",
    "图片",
    "Note",
    "Notes",
    "Editor's note",
    "Editor’s note",
    "Update",
    "Correction",
    "Source",
    "Photo",
    "Caption",
    "Disclosure",
    "Transcript",
];

/// A label that names somebody rather than opens a sentence or a list: a
/// short Chinese name or role (bold, alone on its line, or opening several
/// paragraphs), capitalised Latin words (`Maria Alvarado`, `WHITFIELD`) that
/// the text follows, or one capitalised word used as a label more than once.
fn looks_like_a_speaker(w: &Written, repeated: bool) -> bool {
    let cjk = w.label.chars().all(super::reading::is_cjk);
    if cjk {
        return w.label.chars().count() <= 4 && (w.bold || w.alone || repeated);
    }
    let one_word = !w.label.contains(char::is_whitespace) && w.label.starts_with(char::is_uppercase);
    (looks_like_a_name(w.label) && !w.alone) || (one_word && (w.bold || repeated))
}

/// A name or a role, not the start of a sentence: short, no sentence
/// punctuation, not a number or a time.
fn has_label_shape(label: &str) -> bool {
    let words = label.split_whitespace().count();
    !label.is_empty()
        && label.chars().count() <= MAX_LABEL_CHARS
        && words <= 5
        && label.chars().any(char::is_alphabetic)
        && !label.contains("http")
        && !label.contains(['(', ')', '[', ']', '*', '`', '#'])
}

/// `Maria Alvarado`, `WHITFIELD`, `Speaker 2`: words that start with a
/// capital or a digit, at least two of them, or one written in capitals.
fn looks_like_a_name(label: &str) -> bool {
    let words: Vec<&str> = label.split_whitespace().collect();
    let capitalised = |w: &&str| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let all_caps = |w: &&str| w.chars().filter(|c| c.is_uppercase()).count() >= 2 && !w.chars().any(char::is_lowercase);
    (words.len() >= 2 && words.iter().all(capitalised)) || (words.len() == 1 && all_caps(&words[0]))
}

impl Speakers<'_> {
    /// Every name and alias a label may be.
    fn labels(&self) -> impl Iterator<Item = &str> {
        self.interviewers
            .iter()
            .chain(self.interviewees)
            .flat_map(|p| std::iter::once(p.name.as_str()).chain(p.aliases.iter().map(String::as_str)))
    }

    /// The role `label` gives a turn, if it names one.
    fn role(&self, label: &str) -> Result<Option<Role>, Kind> {
        let named = |p: &&Participant| same(&p.name, label) || p.aliases.iter().any(|a| same(a, label));
        if let Some(p) = self.interviewees.iter().find(named) {
            return Ok(Some(Role::Answer { speaker: p.name.clone() }));
        }
        if let Some(p) = self.interviewers.iter().find(named) {
            return Ok(Some(Role::Question { asker: Some(p.name.clone()) }));
        }
        if QUESTION_LABELS.iter().any(|l| same(l, label)) {
            return Ok(Some(Role::Question { asker: self.interviewers.first().map(|p| p.name.clone()) }));
        }
        if ANSWER_LABELS.iter().any(|l| same(l, label)) {
            return match self.interviewees {
                [one] => Ok(Some(Role::Answer { speaker: one.name.clone() })),
                _ => Err(Kind::AnswerLabelAmbiguous { label: label.to_string(), interviewees: self.interviewees.len() }),
            };
        }
        Ok(self.by_surname(label))
    }

    /// `ACHESON` for the one declared person whose surname it is.
    fn by_surname(&self, label: &str) -> Option<Role> {
        if label.chars().any(char::is_lowercase) || !label.chars().any(char::is_alphabetic) {
            return None;
        }
        // `ACHESON`, `DR. BROOKS`, `MR. EARNEST`: the last word is the surname.
        let last = label.split_whitespace().last().unwrap_or(label);
        let surname = |p: &Participant| p.name.split_whitespace().last().is_some_and(|s| s.to_uppercase() == last);
        let mut found = self
            .interviewees
            .iter()
            .filter(|p| surname(p))
            .map(|p| Role::Answer { speaker: p.name.clone() })
            .chain(self.interviewers.iter().filter(|p| surname(p)).map(|p| Role::Question { asker: Some(p.name.clone()) }));
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }
}

/// Labels match as written; Latin letters in any case (`Interviewer`, `INTERVIEWER`).
fn same(a: &str, b: &str) -> bool {
    a == b || (a.is_ascii() && b.is_ascii() && a.eq_ignore_ascii_case(b))
}

/// What a question may end with: its topics and its own anchor.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Suffix<'p> {
    /// Where the markers start in the paragraph.
    pub at: usize,
    /// Topic slugs with their byte offsets in the paragraph.
    pub topics: Option<Vec<(usize, &'p str)>>,
    /// `{#my-id}`, without the braces and hash.
    pub anchor: Option<&'p str>,
    /// A marker of another name (`{topic: x}`, `{tags: x}`) and its offset.
    pub unknown: Option<(usize, &'p str)>,
}

/// The markers at the end of a question: `{topics: a, b}`, `{#my-id}`, in
/// either order.
pub(crate) fn suffix(paragraph: &str) -> Suffix<'_> {
    let mut found = Suffix { at: paragraph.len(), ..Suffix::default() };
    let mut end = paragraph.trim_end().len();
    while paragraph[..end].ends_with('}') {
        let Some(open) = paragraph[..end].rfind('{') else { break };
        let inner = &paragraph[open + 1..end - 1];
        if let Some(id) = inner.strip_prefix('#').filter(|id| is_anchor(id)) {
            found.anchor = Some(id);
        } else if let Some((name, list)) = inner.split_once(COLONS) {
            let name = name.trim();
            if !name.chars().all(|c| c.is_alphabetic()) || name.is_empty() {
                break;
            }
            if name == "topics" {
                found.topics = Some(slugs(list, open + 1 + inner.len() - list.len()));
            } else {
                // `{topic: x}`, `{tags: x}`: meant as topics, said wrongly.
                found.unknown = Some((open, name));
                found.topics = Some(slugs(list, open + 1 + inner.len() - list.len()));
            }
        } else {
            break;
        }
        found.at = open;
        end = paragraph[..open].trim_end().len();
    }
    found
}

fn slugs(list: &str, list_offset: usize) -> Vec<(usize, &str)> {
    let mut slugs = Vec::new();
    let mut pos = 0;
    for part in list.split(LIST_SEPARATORS) {
        let lead = part.len() - part.trim_start().len();
        let name = part.trim();
        if !name.is_empty() {
            slugs.push((list_offset + pos + lead, name));
        }
        pos += part.len() + list[pos + part.len()..].chars().next().map_or(0, char::len_utf8);
    }
    slugs
}

/// An anchor an author may pin: letters, digits, `-` and `_`.
fn is_anchor(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, aliases: &[&str]) -> Participant {
        Participant { name: name.into(), role: String::new(), aliases: aliases.iter().map(|a| a.to_string()).collect() }
    }

    fn read_with(p: &str, interviewers: &[Participant], interviewees: &[Participant]) -> Result<Reading, Kind> {
        read(p, &Speakers { interviewers, interviewees }, |_| false)
    }

    fn m(p: &str) -> Marker {
        match read_with(p, &[person("李宜坤", &[])], &[person("王晓航", &[])]).unwrap() {
            Reading::Turn(marker) => marker,
            other => panic!("{p}: {other:?}"),
        }
    }

    fn asked(p: &str) -> Option<String> {
        match m(p).role.unwrap() {
            Role::Question { asker } => asker,
            other => panic!("{p}: {other:?}"),
        }
    }

    #[test]
    fn finds_role_labels_in_every_written_form() {
        assert_eq!(m("问:如何看待?").len, "问:".len());
        assert_eq!(m("问\u{FF1A}如何看待?").len, "问\u{FF1A}".len());
        assert_eq!(m("**Q:** Why?").len, "**Q:** ".len());
        assert_eq!(m("**Q: Why?**").len, "**Q: ".len());
        assert_eq!(m("**记者：**你们").len, "**记者：**".len());
        assert_eq!(m("**记者**：你们").len, "**记者**：".len());
        assert_eq!(m("**记者：** 你们").len, "**记者：** ".len());
        assert_eq!(m("Q. Why did you leave?").len, "Q. ".len());
        assert_eq!(asked("Interviewer: So"), Some("李宜坤".into()));
        assert_eq!(asked("主持人：欢迎"), Some("李宜坤".into()));
        assert!(matches!(m("A. Because.").role, Some(Role::Answer { speaker }) if speaker == "王晓航"));
    }

    #[test]
    fn finds_names_aliases_and_surnames() {
        let interviewers = [person("王明远", &["王", "本刊"])];
        let interviewees = [person("Tom Acheson", &[]), person("一位老师", &["答"])];
        let role = |p: &str| match read_with(p, &interviewers, &interviewees).unwrap() {
            Reading::Turn(m) => m.role.unwrap(),
            other => panic!("{p}: {other:?}"),
        };
        assert_eq!(role("本刊：为什么"), Role::Question { asker: Some("王明远".into()) });
        assert_eq!(role("王：那么"), Role::Question { asker: Some("王明远".into()) });
        assert_eq!(role("**本刊：****为什么……**"), Role::Question { asker: Some("王明远".into()) });
        assert_eq!(role("ACHESON: Well,"), Role::Answer { speaker: "Tom Acheson".into() });
        assert_eq!(role("**答**：是的"), Role::Answer { speaker: "一位老师".into() });
    }

    #[test]
    fn answer_label_needs_one_interviewee_or_an_alias() {
        let err = read_with("A: yes", &[], &[person("甲", &[]), person("乙", &[])]).unwrap_err();
        assert!(err.to_string().contains("give the one who answers `aliases: [A]` under interviewees"), "{err}");
    }

    #[test]
    fn labels_alone_with_times_and_timecodes() {
        let ortiz = [person("Sam Ortiz", &[])];
        let Reading::Turn(alone) = read_with("Sam Ortiz (00:00:21):", &[], &ortiz).unwrap() else { panic!() };
        assert!(alone.alone);
        assert_eq!(alone.time.map(|t| t.millis), Some(21_000));
        let Reading::Turn(bare) = read_with("(00:31:02):", &[], &ortiz).unwrap() else { panic!() };
        assert_eq!(bare.role, None);
        let before = m("[00:12:30] Q: Tell us");
        assert_eq!((before.len, before.time.map(|t| t.written)), ("[00:12:30] Q: ".len(), Some("00:12:30".into())));
        let after = m("Q: [12:30] Tell us");
        assert_eq!((after.len, after.time.map(|t| t.millis)), ("Q: [12:30] ".len(), Some(750_000)));
        assert_eq!(m("Q: \\[03:59\\] Tell us").len, "Q: \\[03:59\\] ".len());
    }

    #[test]
    fn undeclared_labels_are_suspect_but_sentences_are_not() {
        let interviewees = [person("Luis Alvarado", &[])];
        let read = |p: &str| read_with(p, &[person("Ann Lee", &[])], &interviewees).unwrap();
        assert_eq!(read("Luis Alvardo: We"), Reading::Suspect { label: "Luis Alvardo".into(), suggestion: Some("Luis Alvarado".into()) });
        assert_eq!(read("Maria Alvarado: I"), Reading::Suspect { label: "Maria Alvarado".into(), suggestion: None });
        assert!(matches!(read("WHITFIELD: Tell me"), Reading::Suspect { .. }));
        assert_eq!(read("他说：这件事"), Reading::Text);
        assert_eq!(read("Note: the recording"), Reading::Text);
        assert_eq!(read("At 10:30 we met"), Reading::Text);
        assert_eq!(read("The plan was simple, he said: wait."), Reading::Text);
        assert_eq!(read("no colon here"), Reading::Text);
        // A line that introduces a list, an editor's note: not speakers.
        assert_eq!(read("以下是对话要点："), Reading::Text);
        assert_eq!(read("解决路径主要有几条:"), Reading::Text);
        assert_eq!(read("Key Points:"), Reading::Text);
        assert_eq!(read("**编者按：**本文根据录音整理"), Reading::Text);
        assert_eq!(read("There are a few routes:"), Reading::Text);
        // A short Chinese label in bold or alone is a speaker's.
        assert!(matches!(read("**嘉宾：**我认为"), Reading::Suspect { .. }));
        assert!(matches!(read("Host (00:01:02):"), Reading::Suspect { .. }));
    }

    #[test]
    fn reads_question_markers() {
        let p = "问:下一步? {topics: agents, multimodality}";
        let s = suffix(p);
        assert_eq!(&p[..s.at], "问:下一步? ");
        let topics = s.topics.unwrap();
        assert_eq!(topics.iter().map(|s| s.1).collect::<Vec<_>>(), ["agents", "multimodality"]);
        assert_eq!(&p[topics[1].0..topics[1].0 + 13], "multimodality");
        assert_eq!(suffix("问:没有 {x}"), Suffix { at: "问:没有 {x}".len(), ..Suffix::default() });
        let wide = "问\u{FF1A}下一步? {topics\u{FF1A} agents\u{FF0C}regulation}";
        assert_eq!(suffix(wide).topics.unwrap().iter().map(|s| s.1).collect::<Vec<_>>(), ["agents", "regulation"]);
        let both = suffix("Q: Why? {topics: agents} {#why}");
        assert_eq!((both.anchor, both.topics.map(|t| t.len())), (Some("why"), Some(1)));
        let singular = suffix("Q: Mills? {topic: agents}");
        assert_eq!(singular.unknown.map(|u| u.1), Some("topic"));
    }
}
