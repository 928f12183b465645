//! Recognises the turns of an interview in its Markdown body.
//!
//! A top-level paragraph that begins with `问:`, `Q:` (colon full-width or
//! ASCII, label optionally bold) opens a question; one that begins with the
//! name of a person from the front matter and a colon opens that person's turn
//! (`答:`/`A:` stand for the sole interviewee). A question may end with
//! `{topics: a, b}`. This module only finds those markers in the source text;
//! `body` groups the blocks and renders them.

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
    pub role: Role,
    /// Bytes of the paragraph taken by the label, its colon and following spaces.
    pub len: usize,
}

/// The people a label may name.
pub(crate) struct Speakers<'a> {
    pub interviewers: &'a [String],
    pub interviewees: &'a [String],
}

const QUESTION_LABELS: &[&str] = &["问", "Q", "q", "问题", "Question"];
const ANSWER_LABELS: &[&str] = &["答", "A", "a", "Answer"];
const MAX_LABEL_BYTES: usize = 64;
/// ASCII and full-width colons (Chinese text uses the latter).
pub(crate) const COLONS: [char; 2] = [':', '\u{FF1A}'];
/// Between topic slugs: ASCII or full-width comma, or 、.
const LIST_SEPARATORS: [char; 3] = [',', '\u{FF0C}', '\u{3001}'];

/// The turn marker at the start of `paragraph`, if it has one.
pub(crate) fn marker(paragraph: &str, speakers: &Speakers) -> Result<Option<Marker>, Kind> {
    let bold = paragraph.starts_with("**");
    let start = if bold { 2 } else { 0 };
    let rest = &paragraph[start..];
    let Some((colon, colon_len)) = rest
        .char_indices()
        .take_while(|(i, c)| *i <= MAX_LABEL_BYTES && *c != '\n')
        .find(|(_, c)| COLONS.contains(c))
        .map(|(i, c)| (i, c.len_utf8()))
    else {
        return Ok(None);
    };
    let label = rest[..colon].trim().trim_end_matches("**").trim();
    let mut end = start + colon + colon_len;
    if bold && paragraph[end..].starts_with("**") {
        end += 2;
    }
    end += paragraph[end..].len() - paragraph[end..].trim_start().len();
    let role = if QUESTION_LABELS.contains(&label) {
        Role::Question { asker: speakers.interviewers.first().cloned() }
    } else if ANSWER_LABELS.contains(&label) {
        match speakers.interviewees {
            [one] => Role::Answer { speaker: one.clone() },
            _ => return Err(Kind::AnswerLabelAmbiguous { label: label.to_string(), interviewees: speakers.interviewees.len() }),
        }
    } else if speakers.interviewees.iter().any(|n| n == label) {
        Role::Answer { speaker: label.to_string() }
    } else if speakers.interviewers.iter().any(|n| n == label) {
        Role::Question { asker: Some(label.to_string()) }
    } else {
        return Ok(None);
    };
    Ok(Some(Marker { role, len: end }))
}

/// A trailing `{topics: a, b}`: its byte offset in `paragraph` and the slugs
/// with their byte offsets.
pub(crate) fn topic_suffix(paragraph: &str) -> Option<(usize, Vec<(usize, &str)>)> {
    let trimmed = paragraph.trim_end();
    if !trimmed.ends_with('}') {
        return None;
    }
    let open = trimmed.rfind('{')?;
    let inner = &trimmed[open + 1..trimmed.len() - 1];
    let list = inner.trim_start().strip_prefix("topics")?.trim_start();
    let list = list.strip_prefix(COLONS)?;
    let list_offset = trimmed.len() - 1 - list.len();
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
    Some((open, slugs))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speakers() -> (Vec<String>, Vec<String>) {
        (vec!["李宜坤".into()], vec!["王晓航".into()])
    }

    fn m(p: &str) -> Option<Marker> {
        let (a, b) = speakers();
        marker(p, &Speakers { interviewers: &a, interviewees: &b }).unwrap()
    }

    #[test]
    fn finds_question_labels() {
        assert_eq!(m("问:如何看待?").unwrap().len, "问:".len());
        assert_eq!(m("问\u{FF1A}如何看待?").unwrap().len, "问\u{FF1A}".len());
        assert!(matches!(m("王晓航\u{FF1A}从模型能力来讲").unwrap().role, Role::Answer { .. }));
        assert_eq!(m("**Q:** Why?").unwrap().len, "**Q:** ".len());
        assert_eq!(m("**Q: Why?**").unwrap().len, "**Q: ".len());
        assert!(matches!(m("Q: Why?").unwrap().role, Role::Question { asker: Some(asker) } if asker == "李宜坤"));
    }

    #[test]
    fn finds_named_speakers() {
        assert!(matches!(m("王晓航:从模型能力来讲").unwrap().role, Role::Answer { speaker } if speaker == "王晓航"));
        assert!(matches!(m("答:是的").unwrap().role, Role::Answer { .. }));
        assert!(m("注意:这不是回答").is_none());
        assert!(m("no colon here").is_none());
    }

    #[test]
    fn answer_label_needs_one_interviewee() {
        let (a, _) = speakers();
        let two = vec!["甲".to_string(), "乙".to_string()];
        assert!(marker("A: yes", &Speakers { interviewers: &a, interviewees: &two }).is_err());
    }

    #[test]
    fn parses_topic_suffix() {
        let p = "问:下一步? {topics: agents, multimodality}";
        let (at, slugs) = topic_suffix(p).unwrap();
        assert_eq!(&p[..at], "问:下一步? ");
        assert_eq!(slugs.iter().map(|s| s.1).collect::<Vec<_>>(), ["agents", "multimodality"]);
        assert_eq!(&p[slugs[1].0..slugs[1].0 + 13], "multimodality");
        assert!(topic_suffix("问:没有 {x}").is_none());
        let wide = "问\u{FF1A}下一步? {topics\u{FF1A} agents\u{FF0C}regulation}";
        let names: Vec<&str> = topic_suffix(wide).unwrap().1.iter().map(|s| s.1).collect();
        assert_eq!(names, ["agents", "regulation"]);
    }
}
