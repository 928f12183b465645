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
use crate::error::Kind;

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
    /// The paragraph is a timecode and nothing else: the time of the turn
    /// that follows.
    Time(Timecode),
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

/// The label at the start of a paragraph, as written. Read once per
/// paragraph: for counting labels, then for reading the turn.
#[derive(Debug)]
pub(crate) struct Opening<'p> {
    label: &'p str,
    /// Written with a colon (not `Q.`, `A.` or a bare timecode).
    colon: bool,
    bold: bool,
    time: Option<Timecode>,
    /// Where the turn's text starts.
    len: usize,
    alone: bool,
}

/// The label a paragraph starts with, if it has the shape of one.
pub(crate) fn opening(paragraph: &str) -> Option<Opening<'_>> {
    // Most paragraphs have no colon near their start: tell them at once.
    let head = &paragraph.as_bytes()[..paragraph.len().min(4 * MAX_LABEL_CHARS + 32)];
    let short_label = head.len() >= 2 && [b"Q.", b"A."].iter().any(|l| head.windows(2).take(16).any(|w| w == *l));
    if memchr::memchr(b':', head).is_none() && memchr::memmem::find(head, "\u{FF1A}".as_bytes()).is_none() && !short_label {
        return None;
    }
    let mut pos = 0;
    let mut time = None;
    if let Some((t, n)) = timecode::bracketed(paragraph) {
        if paragraph[n..].trim().is_empty() {
            return Some(Opening { label: "", colon: false, bold: false, time: Some(t), len: paragraph.len(), alone: true });
        }
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
    // `Dana Cole (01:09:59)`, `Dana Cole [00:31:00]`: the time is not the name.
    if let Some((t, at)) = timecode::parenthesized_suffix(label).or_else(|| timecode::bracketed_suffix(label)) {
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
    Some(Opening { label, colon: short.is_none(), bold, time, len: end, alone })
}

impl<'p> Opening<'p> {
    /// The label, for counting how often each opens a paragraph: a label
    /// written twice or more is a speaker's, not a sentence's.
    pub fn label(&self) -> Option<&'p str> {
        Some(self.label).filter(|l| has_label_shape(l))
    }
}

/// What the start of a paragraph is, from its [`opening`]. `opens` tells how
/// many paragraphs of the interview a label opens.
pub(crate) fn read(opening: Option<Opening>, speakers: &Speakers, opens: impl Fn(&str) -> usize) -> Result<Reading, Kind> {
    let Some(w) = opening else { return Ok(Reading::Text) };
    if w.label.is_empty() {
        return Ok(match (w.time, w.colon) {
            // `(00:31:02):`, a time and a colon, continues the previous speaker.
            (Some(time), true) => Reading::Turn(Marker { role: None, len: w.len, time: Some(time), alone: w.alone }),
            (Some(time), false) => Reading::Time(time),
            (None, _) => Reading::Text,
        });
    }
    // `Q.` and `A.` without a colon are labels only where the interview uses
    // them as such, not in a list of lettered options.
    let in_use = match (w.colon, w.label) {
        (false, "A.") => opens("Q.") >= 1,
        (false, "Q.") => opens("A.") >= 1 || opens("Q.") >= 2,
        _ => true,
    };
    if !in_use {
        return Ok(Reading::Text);
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
    let suggestion = close_label(w.label, speakers.labels());
    Ok(if suggestion.is_some() || w.time.is_some() || looks_like_a_speaker(w.label, w.bold, w.alone, opens(w.label) >= 2) {
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

/// A label that names somebody rather than opens a sentence, a list or a
/// section: a Chinese name (a common surname and a given name) or a word for
/// a speaker; capitalised Latin words that read as a name (`Maria Alvarado`,
/// `WHITFIELD`, `Speaker 2`) and that the text follows; a word for a speaker
/// (`Host`, `嘉宾`) used in bold or more than once.
pub(crate) fn looks_like_a_speaker(label: &str, bold: bool, alone: bool, repeated: bool) -> bool {
    if label.chars().all(super::reading::is_cjk) {
        let chars: Vec<char> = label.chars().collect();
        let chinese_name = (2..=3).contains(&chars.len()) && COMMON_SURNAMES.contains(chars[0]);
        return chinese_name || (SPEAKER_WORDS.contains(&label) && (bold || alone || repeated));
    }
    let speaker_word = SPEAKER_WORDS.iter().any(|word| same(word, label));
    (looks_like_a_name(label) && !alone) || (speaker_word && (bold || repeated))
}

/// A paragraph's label as an importer reads it.
#[derive(Debug)]
pub(crate) struct Label<'p> {
    pub name: &'p str,
    pub time: Option<Timecode>,
    /// Where the text after the label starts.
    pub text_at: usize,
    pub bold: bool,
    pub alone: bool,
}

/// The label a paragraph opens with, if it has a label's shape.
pub(crate) fn label(paragraph: &str) -> Option<Label<'_>> {
    let o = opening(paragraph)?;
    let name = o.label()?;
    if EDITORIAL_LABELS.iter().any(|l| same(l, name)) {
        return None;
    }
    Some(Label { name, time: o.time, text_at: o.len, bold: o.bold, alone: o.alone })
}

/// Whether a label is a word for the question (`Some(true)`: `问`, `Q`) or the
/// answer (`Some(false)`: `答`, `A`) rather than a name.
pub(crate) fn role_word(label: &str) -> Option<bool> {
    if QUESTION_LABELS.iter().any(|l| same(l, label)) {
        Some(true)
    } else if ANSWER_LABELS.iter().any(|l| same(l, label)) {
        Some(false)
    } else {
        None
    }
}

/// The hundred most common Chinese surnames.
const COMMON_SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

/// Words transcripts use for a speaker who has no name.
const SPEAKER_WORDS: &[&str] = &[
    "嘉宾",
    "观众",
    "网友",
    "受访者",
    "主持",
    "Host",
    "Guest",
    "Moderator",
    "Narrator",
    "Caller",
    "Audience",
    "Participant",
    "Respondent",
    "Speaker",
];

/// Words that start the title of a section or a point, not a name.
const TITLE_WORDS: &[&str] = &[
    "the", "a", "an", "in", "on", "of", "and", "or", "for", "to", "with", "part", "step", "chapter", "section", "key", "how", "why",
    "what", "my", "our",
];

/// `Maria Alvarado`, `WHITFIELD`, `Speaker 2`: two or three capitalised
/// words, none of them a word that starts a title, or one word in capitals.
fn looks_like_a_name(label: &str) -> bool {
    let words: Vec<&str> = label.split_whitespace().collect();
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let all_caps = |w: &&str| w.chars().filter(|c| c.is_uppercase()).count() >= 2 && !w.chars().any(char::is_lowercase);
    let numbered_speaker = words.len() == 2 && same(words[0], "Speaker") && words[1].chars().all(|c| c.is_ascii_digit());
    let name = (2..=3).contains(&words.len())
        && words.iter().all(capitalised)
        && !words.iter().any(|w| TITLE_WORDS.iter().any(|t| same(t, w)) || w.chars().any(|c| c.is_ascii_digit()));
    numbered_speaker || name || (words.len() == 1 && all_caps(&words[0]))
}

/// The declared name or alias `label` is a slip of: at most one character
/// off in ten (`Luis Alvardo` for `Luis Alvarado`), and never for a label
/// that only begins with one (`本刊获悉` is not `本刊`).
fn close_label<'a>(label: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let len = label.chars().count();
    let mut close: Vec<(usize, &str)> = candidates
        .filter(|c| c.chars().count().abs_diff(len) <= 1)
        .map(|c| (strsim::levenshtein(&label.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(d, c)| *d > 0 && *d <= (c.chars().count() / 10).max(1) && c.chars().count() >= 3)
        .collect();
    close.sort();
    close.first().map(|(_, c)| c.to_string())
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
        // `A.` is `A`, for an alias too.
        let bare = label.trim_end_matches('.');
        let named =
            |p: &&Participant| same(&p.name, label) || p.aliases.iter().any(|a| same(a, label) || (!bare.is_empty() && same(a, bare)));
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
        self.by_surname(label)
    }

    /// `ACHESON`, `Hess`, `DR. BROOKS` for the one declared person whose
    /// surname it is; two people of that surname make it an error.
    fn by_surname(&self, label: &str) -> Result<Option<Role>, Kind> {
        let words: Vec<&str> = label.split_whitespace().collect();
        let Some(last) = words.last().filter(|w| w.chars().any(char::is_alphabetic) && w.is_ascii()) else { return Ok(None) };
        // One word, or a title and the surname (`DR. BROOKS`, `Mr. Earnest`).
        if words.len() > 2 || (words.len() == 2 && !words[0].ends_with('.')) {
            return Ok(None);
        }
        let surname =
            |p: &&Participant| p.name.split_whitespace().count() > 1 && p.name.split_whitespace().last().is_some_and(|s| same(s, last));
        let found: Vec<Role> = self
            .interviewees
            .iter()
            .filter(surname)
            .map(|p| Role::Answer { speaker: p.name.clone() })
            .chain(self.interviewers.iter().filter(surname).map(|p| Role::Question { asker: Some(p.name.clone()) }))
            .collect();
        match found.len() {
            0 => Ok(None),
            1 => Ok(found.into_iter().next()),
            _ => {
                let names = self.interviewees.iter().chain(self.interviewers).filter(surname).map(|p| p.name.clone()).collect();
                Err(Kind::AmbiguousLabel { label: label.to_string(), names })
            }
        }
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
        Participant { name: name.into(), role: String::new(), aliases: aliases.iter().map(|a| a.to_string()).collect(), person_ref: None }
    }

    fn read_with(p: &str, interviewers: &[Participant], interviewees: &[Participant]) -> Result<Reading, Kind> {
        read(opening(p), &Speakers { interviewers, interviewees }, |_| 0)
    }

    fn m(p: &str) -> Marker {
        // As in an interview whose questions and answers are all labelled.
        let opens = |l: &str| if l == "Q." || l == "A." { 2 } else { 0 };
        match read(opening(p), &Speakers { interviewers: &[person("李宜坤", &[])], interviewees: &[person("王晓航", &[])] }, opens).unwrap()
        {
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
    fn surnames_in_any_case_and_titles() {
        let interviewers = [person("Jerry N. Hess", &[])];
        let interviewees = [person("Tom Acheson", &[]), person("Ann Brooks", &[])];
        let role = |p: &str| match read_with(p, &interviewers, &interviewees).unwrap() {
            Reading::Turn(m) => m.role.unwrap(),
            other => panic!("{p}: {other:?}"),
        };
        assert_eq!(role("Hess: And then?"), Role::Question { asker: Some("Jerry N. Hess".into()) });
        assert_eq!(role("DR. BROOKS: Yes."), Role::Answer { speaker: "Ann Brooks".into() });
        assert_eq!(role("Mr. Acheson: No."), Role::Answer { speaker: "Tom Acheson".into() });
        let two = [person("Dean Acheson", &[]), person("Ruth Acheson", &[])];
        let err = read_with("ACHESON: 1941.", &[], &two).unwrap_err();
        assert_eq!(err.to_string(), "\"ACHESON\" could be Dean Acheson or Ruth Acheson: give each an alias under interviewees (or interviewer) and label their turns with it");
    }

    #[test]
    fn lettered_options_are_not_answers() {
        let one = [person("Ann Lee", &[])];
        assert_eq!(read_with("A. Automate the line", &[], &one).unwrap(), Reading::Text);
        let two = [person("甲", &[]), person("乙", &["A"])];
        let used = read(opening("A. Because."), &Speakers { interviewers: &[], interviewees: &two }, |l| usize::from(l == "Q.")).unwrap();
        assert!(
            matches!(used, Reading::Turn(Marker { role: Some(Role::Answer { speaker }), .. }) if speaker == "乙"),
            "the alias A covers A."
        );
    }

    #[test]
    fn times_in_links_and_after_names() {
        let one = [person("Dana Cole", &[])];
        let Reading::Turn(link) = read_with("Dana Cole: [12:30](https://example.org/v?t=750) 这段", &[], &one).unwrap() else { panic!() };
        assert_eq!((link.time, link.len), (None, "Dana Cole: ".len()), "a link's text stays");
        let Reading::Turn(bracketed) = read_with("Dana Cole [00:31:00]: text", &[], &one).unwrap() else { panic!() };
        assert_eq!(bracketed.time.map(|t| t.millis), Some(1_860_000));
        assert!(matches!(read_with("[00:22:00]", &[], &one).unwrap(), Reading::Time(t) if t.millis == 1_320_000));
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
        let interviewers = [person("Ann Lee", &[])];
        let read_in = |p: &str, opens: fn(&str) -> usize| {
            super::read(opening(p), &Speakers { interviewers: &interviewers, interviewees: &interviewees }, opens).unwrap()
        };
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
        // A Chinese name is a speaker's label even once; ordinary openings are not.
        assert!(matches!(read("张华：我补充一句。"), Reading::Suspect { .. }));
        for prose in [
            "比如：",
            "原因有三：",
            "**延伸阅读**：见下文",
            "**注意**：数据截至九月",
            "Part 2: The Factory Floor.",
            "Step 1: install.",
            "The Problem: cost",
            "In Short: yes.",
        ] {
            assert_eq!(read(prose), Reading::Text, "{prose}");
        }
        let repeated = read_in("Example: one", |_| 2);
        assert_eq!(repeated, Reading::Text);
        let twice = read_in("他说：“难在数据。”", |_| 2);
        assert_eq!(twice, Reading::Text);
        let outlet = read_with("本刊获悉：该公司", &[person("王明远", &["本刊"])], &interviewees).unwrap();
        assert_eq!(outlet, Reading::Text, "a sentence that starts with an alias is not a slip of it");
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
