//! A draft written as an interview file: YAML front matter (each guessed
//! field with a `# check:` comment beside it) and a body of turns with the
//! labels "Real transcripts" reads.

use std::fmt::Write;

use super::draft::{Block, Draft, Person, Speaker};
use crate::slug;

/// The file name `wenda new` would give an interview of this title and date.
pub fn file_name(draft: &Draft, today: &str) -> String {
    let day = draft.date.as_deref().and_then(|d| d.get(..10)).unwrap_or(today);
    let mut stem = slug::slugify_within(&draft.title, 60);
    if stem.is_empty() {
        stem = "interview".into();
    }
    format!("{day}-{stem}.md")
}

/// The interview file.
pub fn render(draft: &Draft) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("---\n");
    front_matter(draft, &mut out);
    out.push_str("---\n");
    let chinese = draft.lang.as_deref().is_some_and(|l| l.starts_with("zh"));
    for block in &draft.body {
        out.push('\n');
        match block {
            Block::Text(text) => writeln!(out, "{}", defuse(text)).unwrap(),
            Block::Heading(text) => writeln!(out, "## {text}").unwrap(),
            Block::Turn(turn) => {
                let label = match &turn.speaker {
                    Speaker::Asker(Some(name)) | Speaker::Answerer(name) => name.as_str(),
                    Speaker::Asker(None) if chinese => "问",
                    Speaker::Asker(None) => "Q",
                };
                if let Some(time) = &turn.time {
                    write!(out, "[{time}] ").unwrap();
                }
                // Chinese text has no space after the colon.
                let space = if chinese { "" } else { " " };
                let mut paragraphs = turn.paragraphs.iter();
                match paragraphs.next() {
                    Some(first) if !starts_a_block(first) => writeln!(out, "{label}:{space}{first}").unwrap(),
                    Some(first) => writeln!(out, "{label}:\n\n{first}").unwrap(),
                    None => writeln!(out, "{label}:").unwrap(),
                }
                for p in paragraphs {
                    writeln!(out, "\n{}", defuse(p)).unwrap();
                }
            }
        }
    }
    out
}

fn front_matter(draft: &Draft, out: &mut String) {
    let check = |field: &str| -> String {
        let whys: Vec<&str> = draft.checks.iter().filter(|c| c.field == field).map(|c| c.why.as_str()).collect();
        if whys.is_empty() {
            String::new()
        } else {
            format!("  # check: {}", whys.join("; "))
        }
    };
    writeln!(out, "title: {}{}", quote(&draft.title), check("title")).unwrap();
    if let Some(date) = &draft.date {
        writeln!(out, "date: {date}{}", check("date")).unwrap();
    }
    people(out, "interviewer", &draft.interviewers, &check("interviewer"));
    people(out, "interviewees", &draft.interviewees, &check("interviewees"));
    if let Some((name, url)) = &draft.source {
        writeln!(out, "source:{}\n  name: {}", check("source"), quote(name)).unwrap();
        if let Some(url) = url {
            writeln!(out, "  url: {}", quote(url)).unwrap();
        }
    }
    if !draft.topics.is_empty() {
        writeln!(out, "topics: [{}]{}", draft.topics.join(", "), check("topics")).unwrap();
    }
    if let Some(summary) = &draft.summary {
        writeln!(out, "summary: {}{}", quote(summary), check("summary")).unwrap();
    }
    if let Some(lang) = &draft.lang {
        writeln!(out, "lang: {lang}").unwrap();
    }
    if draft.draft {
        out.push_str("draft: true\n");
    }
    for (key, value) in &draft.fields {
        writeln!(out, "{key}: {}", quote(value)).unwrap();
    }
    if !draft.kept.is_empty() {
        out.push_str("# Kept from the input; wenda has no field for these:\n");
        for (key, value) in &draft.kept {
            for (i, line) in value.lines().enumerate() {
                if i == 0 {
                    writeln!(out, "# {key}: {line}").unwrap();
                } else {
                    writeln!(out, "#   {line}").unwrap();
                }
            }
        }
    }
}

fn people(out: &mut String, key: &str, people: &[Person], check: &str) {
    match people {
        [] => {}
        [one] if one.role.is_none() && key == "interviewer" => writeln!(out, "{key}: {}{check}", quote(&one.name)).unwrap(),
        many => {
            writeln!(out, "{key}:{check}").unwrap();
            for p in many {
                writeln!(out, "  - name: {}", quote(&p.name)).unwrap();
                if let Some(role) = &p.role {
                    writeln!(out, "    role: {}", quote(role)).unwrap();
                }
            }
        }
    }
}

/// A paragraph that is no turn but opens like a label (`Priya Raman. Photo:
/// Larkspur Labs`) has its colon written as a character reference, which
/// reads the same and opens no turn.
fn defuse(paragraph: &str) -> std::borrow::Cow<'_, str> {
    match crate::content::turns::label(paragraph) {
        Some(l) => {
            let head = &paragraph[..l.text_at];
            match head.rfind([':', '\u{FF1A}']) {
                Some(at) => {
                    let colon = head[at..].chars().next().unwrap_or(':');
                    let reference = if colon == ':' { "&#58;" } else { "&#65306;" };
                    format!("{}{reference}{}", &paragraph[..at], &paragraph[at + colon.len_utf8()..]).into()
                }
                None => paragraph.into(),
            }
        }
        None => paragraph.into(),
    }
}

/// A YAML double-quoted string (JSON's escapes are YAML's).
fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// A paragraph that Markdown reads as a list, quote, heading, table or code
/// block: a label cannot share its line.
fn starts_a_block(paragraph: &str) -> bool {
    let p = paragraph.trim_start();
    p.starts_with(['-', '*', '+', '>', '#', '|', '`', '~']) && !p.starts_with("**") || list_number(p).is_some()
}

/// `12.` or `12)` at the start: the digits an ordered list item opens with.
fn list_number(line: &str) -> Option<usize> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    ((1..=9).contains(&digits) && line[digits..].starts_with(['.', ')'])).then_some(digits)
}

/// Plain text as Markdown that reads back as the same text: the characters
/// Markdown (and wenda's `{topics: …}` markers) give a meaning are escaped.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start();
        if trimmed.starts_with(['-', '+', '>', '#', '|', '~', '=']) {
            out.push('\\');
        }
        // `1.` and `1)` open an ordered list: the delimiter is escaped.
        let delimiter = list_number(trimmed);
        for (i, c) in trimmed.char_indices() {
            if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '{' | '}') || delimiter == Some(i) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::draft::Turn;

    #[test]
    fn a_draft_reads_back_as_turns() {
        let mut draft = Draft { title: "A \"quoted\" title".into(), lang: Some("en".into()), ..Draft::default() };
        draft.interviewees.push(Person::named("Ada Okafor"));
        draft.check("interviewees", "named by the title only");
        draft.body.push(Block::Turn(Turn {
            speaker: Speaker::Asker(None),
            time: Some("00:00:05".into()),
            paragraphs: vec!["Why?".into()],
        }));
        draft.body.push(Block::Turn(Turn {
            speaker: Speaker::Answerer("Ada Okafor".into()),
            time: None,
            paragraphs: vec!["- a list first".into(), "then text".into()],
        }));
        let text = render(&draft);
        assert!(text.contains("title: \"A \\\"quoted\\\" title\"\n"), "{text}");
        assert!(text.contains("interviewees:  # check: named by the title only\n  - name: \"Ada Okafor\"\n"), "{text}");
        assert!(text.contains("\n[00:00:05] Q: Why?\n\nAda Okafor:\n\n- a list first\n\nthen text\n"), "{text}");
    }

    #[test]
    fn plain_text_is_escaped() {
        assert_eq!(escape_markdown("1. not a list *really* [x] {topics: a}"), "1\\. not a list \\*really\\* \\[x\\] \\{topics: a\\}");
        assert_eq!(escape_markdown("# not a heading"), "\\# not a heading");
        assert_eq!(defuse("Priya Raman. Photo: Larkspur Labs"), "Priya Raman. Photo&#58; Larkspur Labs");
        assert_eq!(defuse("No label here, at all: none"), "No label here, at all: none");
    }
}
