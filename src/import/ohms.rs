//! An OHMS export (the Oral History Metadata Synchronizer's XML): the
//! record's metadata, its transcript's turns (surname labels, `HALE:`), its
//! index segments as sections that start at their time, and its keywords
//! matched to site topics. Accession, rights, duration and a playable media
//! URL become archival fields; what wenda has no field for (collection,
//! usage, synopses) is kept as comments in the front matter.

use roxmltree::{Document, Node};

use super::draft::{Block, Draft, Person};
use super::qa::{self, hms, Known, Para};
use super::write::escape_markdown;
use super::{take_tags, Failure, Site};

pub fn read(text: &str, draft: &mut Draft, interviewers: &[String], site: &Site) -> Result<(), Failure> {
    let doc = Document::parse(text).map_err(|e| Failure::Unreadable(format!("it is not well-formed XML: {e}")))?;
    let record = doc
        .descendants()
        .find(|n| n.is_element() && n.tag_name().name() == "record")
        .ok_or_else(|| Failure::Unreadable("it has no OHMS <record> element".into()))?;
    let one = |name: &str| child(record, name).map(text_of).filter(|t| !t.is_empty());
    let all = |name: &str| -> Vec<String> { children(record, name).map(text_of).filter(|t| !t.is_empty()).collect() };

    draft.lang = Some(match one("language").as_deref().map(str::to_lowercase).as_deref() {
        Some("chinese") | Some("zh") | Some("中文") => "zh-CN".into(),
        _ => "en".into(),
    });
    draft.title = one("title").unwrap_or_default();
    let date = child(record, "date").and_then(|d| d.attribute("value")).map(str::to_string).or_else(|| one("date_nonpreferred_format"));
    if let Some(d) = date.and_then(|d| super::header::parse_date(&d, "+00:00")) {
        super::header::set_date(draft, d);
    }
    for name in all("interviewer").iter().flat_map(|n| names(n)) {
        draft.interviewers.push(Person::named(name));
    }
    for name in all("interviewee").iter().flat_map(|n| names(n)) {
        draft.interviewees.push(Person::named(name));
    }
    if let Some(repository) = one("repository") {
        draft.source = Some((repository, one("repository_url")));
    }
    if let Some(description) = one("description") {
        draft.summary = Some(description);
    }
    for (key, element) in [
        ("media", "media_url"),
        ("file_name", "file_name"),
        ("duration", "duration"),
        ("identifier", "accession"),
        ("collection", "collection_name"),
        ("series", "series_name"),
        ("rights", "rights"),
        ("usage", "usage"),
        ("funding", "funding"),
        ("type", "type"),
    ] {
        if let Some(value) = one(element) {
            match archival_field(key, &value) {
                Some(field) => draft.fields.push((field, value)),
                None => draft.kept.push((key.into(), value)),
            }
        }
    }
    let subjects = all("subject");
    if !subjects.is_empty() {
        draft.kept.push(("subjects".into(), subjects.join("; ")));
    }

    // Keywords of the record and of every index segment.
    let points: Vec<Node> = child(record, "index").map(|i| children(i, "point").collect()).unwrap_or_default();
    let mut keywords = all("keyword");
    for p in &points {
        if let Some(k) = child(*p, "keywords").map(text_of) {
            keywords.extend(k.split(';').map(|k| k.trim().to_string()).filter(|k| !k.is_empty()));
        }
    }
    let mut seen = std::collections::HashSet::new();
    keywords.retain(|k| seen.insert(k.to_lowercase()));
    take_tags(draft, "keywords", &keywords, site);

    let transcript = one("transcript").unwrap_or_default();
    if transcript.is_empty() {
        return Err(Failure::NoInterview);
    }
    let paras = paragraphs(&transcript, draft);
    let known = Known { interviewers: interviewers.to_vec(), hint: None, speakers: Vec::new() };
    if !qa::read(paras, draft, &known) {
        return Err(Failure::NoInterview);
    }
    sections(&points, draft);
    Ok(())
}

fn child<'a>(node: Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    node.children().find(|c| c.is_element() && c.tag_name().name() == name)
}

fn children<'a>(node: Node<'a, 'a>, name: &'a str) -> impl Iterator<Item = Node<'a, 'a>> + 'a {
    node.children().filter(move |c| c.is_element() && c.tag_name().name() == name)
}

fn text_of(node: Node) -> String {
    node.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect::<String>().trim().to_string()
}

/// `Eleanor Voss`, `Voss, Eleanor` and `A; B`: names as they are said.
fn names(text: &str) -> Vec<String> {
    text.split(';')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| match n.split_once(", ") {
            Some((last, first))
                if last.split_whitespace().count() <= 2
                    && first.split_whitespace().count() <= 3
                    && !first.chars().any(|c| c.is_ascii_digit())
                    && first.starts_with(char::is_uppercase) =>
            {
                format!("{first} {last}")
            }
            _ => n.to_string(),
        })
        .collect()
}

/// The transcript's paragraphs (lines wrapped within a paragraph joined),
/// without the transcriber's end marks.
fn paragraphs(transcript: &str, draft: &mut Draft) -> Vec<Para> {
    let mut paras = Vec::new();
    for block in transcript.replace("\r\n", "\n").split("\n\n") {
        let joined = block.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
        if joined.is_empty() {
            continue;
        }
        let upper = joined.trim_matches(['[', ']']).to_uppercase();
        if joined.starts_with('[') && joined.ends_with(']') && (upper.starts_with("END OF") || upper.starts_with("BEGIN")) {
            draft.drop_block("transcript marks", &[&joined]);
            continue;
        }
        paras.push(Para::plain(escape_markdown(&joined)));
    }
    paras
}

/// Each index segment becomes a section that opens at the turn its partial
/// transcript starts with, and that turn gets the segment's time.
fn sections(points: &[Node], draft: &mut Draft) {
    let mut synopses = Vec::new();
    for p in points {
        let title = child(*p, "title").map(text_of).unwrap_or_default();
        let seconds: Option<u64> = child(*p, "time").map(text_of).and_then(|t| t.parse().ok());
        let partial = child(*p, "partial_transcript").map(text_of).unwrap_or_default();
        if let Some(synopsis) = child(*p, "synopsis").map(text_of).filter(|s| !s.is_empty()) {
            synopses.push(format!("{} {title}: {synopsis}", seconds.map(|s| hms(s * 1000)).unwrap_or_default()));
        }
        let first_line = partial.lines().next().unwrap_or_default();
        let spoken = first_line.split_once(": ").map_or(first_line, |(_, t)| t);
        let probe: String = escape_markdown(spoken).chars().take(40).collect();
        if title.is_empty() || probe.is_empty() {
            continue;
        }
        let at = draft.body.iter().position(|b| matches!(b, Block::Turn(t) if t.paragraphs.first().is_some_and(|f| f.starts_with(&probe))));
        if let Some(at) = at {
            if let (Block::Turn(turn), Some(s)) = (&mut draft.body[at], seconds) {
                turn.time.get_or_insert_with(|| hms(s * 1000));
            }
            draft.body.insert(at, Block::Heading(escape_markdown(&title)));
        } else {
            draft.notes.push(format!("index segment \"{title}\" matches no turn of the transcript; kept as a comment"));
        }
    }
    if !synopses.is_empty() {
        draft.kept.push(("index".into(), synopses.join("\n")));
    }
}

/// The front-matter field an OHMS element fills, when its value is one wenda reads.
fn archival_field(key: &str, value: &str) -> Option<&'static str> {
    match key {
        "identifier" => Some("identifier"),
        "rights" => Some("rights"),
        "duration" => crate::content::recording::Duration::parse(value).map(|_| "duration"),
        // A recording wenda can play: a URL of a file whose kind it can tell.
        "media" => {
            let (media, _) = crate::content::recording::read(&serde_yaml::Value::String(value.to_string()));
            (value.starts_with("https://") || value.starts_with("http://")).then_some(()).and(media.first()).map(|_| "media")
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_said() {
        assert_eq!(names("Voss, Eleanor"), vec!["Eleanor Voss"]);
        assert_eq!(names("Marcus Hale; Ana Duarte"), vec!["Marcus Hale", "Ana Duarte"]);
        assert_eq!(names("Walter Brandt, 1941-"), vec!["Walter Brandt, 1941-"]);
    }
}
