//! Splits an interview file into its YAML front matter and Markdown body, and
//! reads the YAML into [`RawFrontMatter`], which mirrors it field for field and
//! rejects unknown keys. Checking the values is the job of `meta`.

use serde::Deserialize;

use super::source::Source;
use crate::error::key_problem;
use crate::error::{Diagnostic, Kind};

/// The front matter as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFrontMatter {
    pub title: String,
    pub date: serde_yaml::Value,
    pub slug: Option<String>,
    /// A name, a map with `name` (and `role`), or a list of those; checked by `meta`.
    #[serde(default)]
    pub interviewer: serde_yaml::Value,
    #[serde(default)]
    pub interviewees: Vec<RawPerson>,
    pub source: Option<RawSourceRef>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub summary: String,
    pub lang: Option<String>,
    #[serde(default)]
    pub draft: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPerson {
    pub name: String,
    #[serde(default)]
    pub role: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSourceRef {
    pub name: String,
    pub url: Option<String>,
}

/// The two parts of a file, with where the body starts.
#[derive(Debug)]
pub(crate) struct Split<'a> {
    pub yaml: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Find the `---` fences. The YAML starts on line 2 of the file.
pub(crate) fn split(source: &Source) -> Result<Split<'_>, Diagnostic> {
    let text: &str = &source.text;
    if text.trim().is_empty() {
        return Err(Diagnostic::file(&source.path, Kind::EmptyFile));
    }
    let Some(after_open) = text.strip_prefix("---\n") else {
        return Err(Diagnostic::file(&source.path, Kind::NoFrontMatter));
    };
    let mut offset = 4;
    for line in after_open.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            let body_offset = offset + line.len();
            return Ok(Split { yaml: &text[4..offset], body_offset });
        }
        offset += line.len();
    }
    Err(Diagnostic::file(&source.path, Kind::UnclosedFrontMatter))
}

/// Read the YAML between the fences.
pub(crate) fn parse(source: &Source, yaml: &str) -> Result<RawFrontMatter, Diagnostic> {
    serde_yaml::from_str(yaml).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line() + 1, l.column()));
        let message = yaml_message(&e.to_string());
        let blank = yaml.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
        let kind = if blank || message.contains("invalid type: unit value") {
            Kind::EmptyFrontMatter
        } else {
            key_problem(&message).or_else(|| wrong_type(&message)).unwrap_or(Kind::Yaml { message })
        };
        match kind {
            Kind::EmptyFrontMatter => Diagnostic::file(&source.path, kind),
            _ => Diagnostic::new(&source.path, line, column, kind),
        }
    })
}

/// `draft: invalid type: string "maybe", expected a boolean`: a value of the
/// wrong kind, which is valid YAML all the same.
fn wrong_type(message: &str) -> Option<Kind> {
    let (key, rest) = message.split_once(": invalid type: ")?;
    let (found, expected) = rest.rsplit_once(", expected ")?;
    Some(Kind::WrongType { key: key.to_string(), found: found.to_string(), expected: expected.to_string() })
}

/// serde_yaml's message without its first location (printed in front of the
/// message instead), and any further location counted in lines of the file.
fn yaml_message(raw: &str) -> String {
    let mut parts = raw.splitn(2, " at line ");
    let head = parts.next().unwrap_or(raw);
    let Some(rest) = parts.next() else { return head.to_string() };
    // rest: "L column C[, context at line L2 column C2]"
    let tail = rest.split_once(", ").map(|(_, t)| t).unwrap_or("");
    let tail = match tail.split_once(" at line ") {
        Some((what, loc)) => {
            let mut nums = loc.split(" column ");
            let line: usize = nums.next().and_then(|n| n.trim().parse().ok()).unwrap_or(0);
            let col = nums.next().unwrap_or("").trim();
            format!(", {what} that starts at line {} column {col}", line + 1)
        }
        None if tail.is_empty() => String::new(),
        None => format!(", {tail}"),
    };
    format!("{head}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn src(text: &str) -> Source {
        Source { path: PathBuf::from("content/x.md"), content_path: PathBuf::from("x.md"), text: text.into() }
    }

    #[test]
    fn splits_fences() {
        let s = src("---\ntitle: x\n---\nbody\n");
        let sp = split(&s).unwrap();
        assert_eq!(sp.yaml, "title: x\n");
        assert_eq!(&s.text[sp.body_offset..], "body\n");
    }

    #[test]
    fn unterminated_fence_is_an_error() {
        assert_eq!(split(&src("---\ntitle: x\n")).unwrap_err().kind, Kind::UnclosedFrontMatter);
    }

    #[test]
    fn unknown_key_located_with_suggestion() {
        let s = src("");
        let e = parse(&s, "title: x\ndate: 2024-01-01\ntopcs: [a]\n").unwrap_err();
        assert_eq!(e.line, 4, "{e}");
        assert!(e.message().contains("did you mean \"topics\""), "{e}");
    }
}
