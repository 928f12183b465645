//! Splits an interview file into its YAML front matter and Markdown body, and
//! reads the YAML into [`RawFrontMatter`], which mirrors it field for field.
//! Every unknown key is reported at once, each at its line, and so is every
//! key typed with a full-width colon. Checking the values is the job of `meta`.

use serde::Deserialize;

use super::source::Source;
use super::yaml_spans::{self, Spans};
use crate::error::{did_you_mean, foreign_key, key_problem, Diagnostic, Kind};

/// The front matter as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFrontMatter {
    pub title: String,
    /// When it was published; may be left out when `recorded` is given.
    #[serde(default)]
    pub date: serde_yaml::Value,
    pub slug: Option<String>,
    /// A name, a map with `name` (and `role`, `aliases`), or a list of
    /// those; read by `participants`.
    #[serde(default)]
    pub interviewer: serde_yaml::Value,
    /// The same forms as `interviewer`.
    #[serde(default)]
    pub interviewees: serde_yaml::Value,
    pub source: Option<RawSourceRef>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub summary: String,
    pub lang: Option<String>,
    #[serde(default)]
    pub draft: bool,
    // What archives keep about an interview.
    /// When it was recorded: a date that may be approximate (`ca. 1975`).
    #[serde(default)]
    pub recorded: serde_yaml::Value,
    pub place: Option<String>,
    pub rights: Option<String>,
    pub license: Option<String>,
    #[serde(default)]
    pub identifier: serde_yaml::Value,
    pub collection: Option<String>,
    /// Place in its collection (a series).
    pub order: Option<i64>,
    #[serde(default)]
    pub duration: serde_yaml::Value,
    /// A name or a list of names.
    #[serde(default)]
    pub transcriber: serde_yaml::Value,
    /// The languages spoken: a name or a list.
    #[serde(default)]
    pub language: serde_yaml::Value,
    /// Recordings; read by `recording`.
    #[serde(default)]
    pub media: serde_yaml::Value,
    /// The slug of the interview this one translates.
    pub translation_of: Option<String>,
    /// Anything else, handed to templates as it is.
    #[serde(default)]
    pub extra: serde_yaml::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSourceRef {
    pub name: String,
    pub url: Option<String>,
}

/// The entries of a key that takes one value or a list of them; none for null.
pub(crate) fn one_or_many(value: &serde_yaml::Value) -> Vec<&serde_yaml::Value> {
    match value {
        serde_yaml::Value::Null => Vec::new(),
        serde_yaml::Value::Sequence(items) => items.iter().collect(),
        one => vec![one],
    }
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

/// The keys a front matter may have.
const KEYS: [&str; 23] = [
    "title",
    "date",
    "slug",
    "interviewer",
    "interviewees",
    "source",
    "topics",
    "summary",
    "lang",
    "draft",
    "recorded",
    "place",
    "rights",
    "license",
    "identifier",
    "collection",
    "order",
    "duration",
    "transcriber",
    "language",
    "media",
    "translation_of",
    "extra",
];

/// Read the YAML between the fences.
/// What was read, as far as it could be, and every problem found reading it:
/// the values of a front matter with unknown keys or full-width colons are
/// still read, so that their problems are reported in the same run.
pub(crate) struct Read {
    pub raw: Option<RawFrontMatter>,
    pub errors: Vec<Diagnostic>,
}

pub(crate) fn parse(source: &Source, yaml: &str) -> Read {
    let (colons, fixed) = full_width_colons(source, yaml);
    let yaml = fixed.as_deref().unwrap_or(yaml);
    let mut errors = colons;
    let raw = match deserialize(source, yaml) {
        Ok(raw) => Some(raw),
        // serde stops at the first unknown key: name them all, and read the rest.
        Err(e) if matches!(e.kind, Kind::UnknownKey { .. }) => {
            let (unknown, rest) = unknown_keys(source, yaml);
            if unknown.is_empty() {
                errors.push(e);
            }
            errors.extend(unknown);
            rest
        }
        Err(e) => {
            errors.push(e);
            None
        }
    };
    Read { raw, errors }
}

/// `summary："…"`, `  - name：陈思远`, as typed with a Chinese input method:
/// YAML reads the line as text, not as a key, and says so a line later. Each
/// is named at its line; the YAML with those colons made ASCII is returned
/// too, to read the rest.
fn full_width_colons(source: &Source, yaml: &str) -> (Vec<Diagnostic>, Option<String>) {
    let mut found = Vec::new();
    // Most front matters have none: no copy for them.
    if !yaml.contains('：') {
        return (found, None);
    }
    let mut fixed = String::with_capacity(yaml.len());
    for (i, line) in yaml.split_inclusive('\n').enumerate() {
        let indent = line.len() - line.trim_start_matches([' ', '-']).len();
        let key_len = line[indent..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(line.len() - indent);
        let after = line[indent + key_len..].trim_start_matches([' ', '\u{3000}']);
        if key_len > 0 && after.starts_with('：') {
            let at = line.len() - after.len();
            let column = line[..at].chars().count() + 1;
            found.push(Diagnostic::new(
                &source.path,
                i + 2,
                column,
                Kind::FullWidthColon { key: line[indent..indent + key_len].to_string() },
            ));
            fixed.push_str(&line[..at]);
            fixed.push_str(": ");
            fixed.push_str(&line[at + '：'.len_utf8()..]);
        } else {
            fixed.push_str(line);
        }
    }
    let fixed = (!found.is_empty()).then_some(fixed);
    (found, fixed)
}

/// Every top-level key that is not one of [`KEYS`], at its line, and the
/// front matter without them when the rest reads.
fn unknown_keys(source: &Source, yaml: &str) -> (Vec<Diagnostic>, Option<RawFrontMatter>) {
    let Ok(serde_yaml::Value::Mapping(mut map)) = serde_yaml::from_str::<serde_yaml::Value>(yaml) else { return (Vec::new(), None) };
    let unknown: Vec<String> = map.keys().filter_map(|k| k.as_str()).filter(|k| !KEYS.contains(k)).map(str::to_string).collect();
    if unknown.is_empty() {
        return (Vec::new(), None);
    }
    for key in &unknown {
        map.remove(key.as_str());
    }
    let rest = serde_yaml::from_value(serde_yaml::Value::Mapping(map)).ok();
    let spans = Spans::of(yaml);
    let found = unknown
        .into_iter()
        .map(|key| {
            let (line, column) = spans.locate(&key, None);
            let kind = match foreign_key(&key) {
                Some(instead) => Kind::ForeignKey { key, instead },
                None => {
                    let suggestion = did_you_mean(&key, KEYS);
                    Kind::UnknownKey { key, suggestion, known: KEYS.iter().map(|k| k.to_string()).collect() }
                }
            };
            Diagnostic::new(&source.path, line + 1, column, kind)
        })
        .collect();
    (found, rest)
}

/// Read `yaml` into `T`, each problem said as the writer needs it.
pub(crate) fn deserialize<T: serde::de::DeserializeOwned>(source: &Source, yaml: &str) -> Result<T, Diagnostic> {
    if let Some((line, column)) = yaml_spans::too_deep(yaml) {
        let message = format!("it nests more than {} lists and mappings deep", yaml_spans::MAX_DEPTH);
        return Err(Diagnostic::new(&source.path, line + 1, column, Kind::Yaml { message }));
    }
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
    fn every_unknown_key_located_with_suggestion_or_hint() {
        let s = src("");
        let e = parse(&s, "title: x\ndate: 2024-01-01\ntopcs: [a]\ntags: [b]\n").errors;
        let lines: Vec<String> = e.iter().map(|d| format!("{}:{} {}", d.line, d.column, d.message())).collect();
        assert_eq!(lines, ["4:1 unknown key \"topcs\" (did you mean \"topics\"?)", "5:1 unknown key \"tags\": wenda calls it \"topics\""]);
    }

    #[test]
    fn yaml_nested_too_deep_is_refused_at_once() {
        // Found by probing the fuzz targets with their worst inputs: libyaml
        // took time quadratic in the depth of `[[[[…` (a minute for 64 KiB).
        let message = "the front matter is not valid YAML: it nests more than 128 lists and mappings deep".to_string();
        let placed = |yaml: &str| parse(&src(""), yaml).errors.iter().map(|e| (e.line, e.column, e.message())).collect::<Vec<_>>();
        let started = std::time::Instant::now();
        let deepest = placed(&format!("title: x\nextra: {}\n", "[".repeat(16 * 1024)));
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "took {:?}", started.elapsed());
        assert!(matches!(&deepest[..], [(3, _, m)] if *m == message), "{deepest:?}");
        // Up to 255 levels, at the bracket that opens the 129th (the front
        // matter's mapping is the first).
        assert_eq!(placed(&format!("title: x\nextra: {}\n", "[".repeat(200))), [(3, 8 + 127, message)]);
        // As deep as serde_yaml reads is read, with brackets in text or not.
        let deep = format!("title: x\nsummary: '{}'\nextra: {}{}\n", "[".repeat(300), "[".repeat(127), "]".repeat(127));
        let read = parse(&src(""), &deep);
        assert!(read.errors.is_empty(), "{:?}", read.errors);
        assert!(read.raw.is_some_and(|r| r.extra.is_sequence()));
    }

    #[test]
    fn full_width_colons_are_named_at_their_line() {
        let read = parse(&src(""), "title: x\nsummary：\"好\"\ndate: 2024-01-01\ninterviewees:\n  - name：陈思远\n");
        let e = read.errors;
        assert_eq!(e.iter().map(|d| (d.line, d.column)).collect::<Vec<_>>(), [(3, 8), (6, 9)]);
        assert!(e[0].message().contains("full-width colon"));
        // The rest is read all the same, so its problems show in the same run.
        assert_eq!(read.raw.map(|r| r.summary), Some("好".to_string()));
    }
}
