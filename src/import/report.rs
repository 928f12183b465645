//! What an import says about each input: what it found, what it dropped,
//! and what it guessed (also marked `# check:` in the file).

use super::draft::{Draft, Person};
use super::Format;

/// The report's lines for one input, each indented under its name.
pub fn lines(draft: &Draft, format: Format) -> Vec<String> {
    let mut out = vec![format!("read as {}", format.name())];
    out.push(format!("title: {}", draft.title));
    if let Some(date) = &draft.date {
        out.push(format!("date: {date}"));
    }
    let people: Vec<String> = draft
        .interviewers
        .iter()
        .map(|p| describe("interviewer", p))
        .chain(draft.interviewees.iter().map(|p| describe("interviewee", p)))
        .collect();
    if !people.is_empty() {
        out.push(format!("people: {}", people.join("; ")));
    }
    if let Some((name, url)) = &draft.source {
        out.push(format!("source: {name}{}", url.as_deref().map(|u| format!(" <{u}>")).unwrap_or_default()));
    }
    let mut found = format!(
        "found: {} {}, {} {}, {} {}",
        draft.sections(),
        plural(draft.sections(), "section", "sections"),
        draft.questions(),
        plural(draft.questions(), "question", "questions"),
        draft.answers(),
        plural(draft.answers(), "answer", "answers")
    );
    let times: Vec<&str> = draft.turns().filter_map(|t| t.time.as_deref()).collect();
    if let (Some(first), Some(last)) = (times.first(), times.last()) {
        found.push_str(&format!(", timed {first} to {last}"));
    }
    if !draft.topics.is_empty() {
        found.push_str(&format!(", topics {}", draft.topics.join(", ")));
    }
    out.push(found);
    for d in &draft.dropped {
        out.push(format!(
            "dropped {} {} of {} (\"{}\")",
            d.lines,
            plural(d.lines, "line", "lines"),
            d.kind,
            d.first_words.trim_end_matches('…')
        ));
    }
    for (key, value) in &draft.kept {
        out.push(format!("kept as a comment, no wenda field: {key}: {}", crate::text::shorten(&value.replace('\n', " "), 60)));
    }
    for note in &draft.notes {
        out.push(note.clone());
    }
    for c in &draft.checks {
        out.push(format!("check {}: {}", c.field, c.why));
    }
    out
}

fn describe(kind: &str, p: &Person) -> String {
    let mut s = format!("{kind} {}", p.name);
    if let Some(role) = &p.role {
        s.push_str(&format!(" ({role})"));
    }
    if let Some(label) = &p.label {
        s.push_str(&format!(", labelled {label}:"));
    }
    s
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}
