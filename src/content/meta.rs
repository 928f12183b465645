//! Checks the front matter of one interview against the site's settings and
//! turns it into [`Meta`]: dates parsed with their offset, topics known, slug
//! valid. Every problem is reported with its line in the file.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};

use super::frontmatter::RawFrontMatter;
use super::participants::{self, Participant};
use super::source::Source;
use super::yaml_spans::Spans;
use crate::config::Config;
use crate::error::{did_you_mean, Diagnostic, Kind};
use crate::slug;

/// What the front matter says about an interview, validated.
#[derive(Debug, Clone)]
pub(crate) struct Meta {
    pub title: String,
    pub date: DateTime<FixedOffset>,
    pub slug: String,
    pub interviewers: Vec<Participant>,
    pub interviewees: Vec<Participant>,
    pub source: Option<SourceRef>,
    pub topics: Vec<String>,
    pub summary: String,
    pub lang: String,
    pub draft: bool,
}

#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct SourceRef {
    pub name: String,
    pub url: Option<String>,
}

/// The placeholders `wenda new` writes for the writer to replace.
pub(crate) const PLACEHOLDER_NAMES: [&str; 2] = ["Interviewee", "受访者姓名"];

/// A front matter, checked: what it says, and the warnings it deserves.
pub(crate) struct Checked {
    pub meta: Meta,
    pub warnings: Vec<Diagnostic>,
}

/// Validate `raw`, read from `yaml` in `source`.
pub(crate) fn validate(raw: RawFrontMatter, source: &Source, yaml: &str, config: &Config) -> Result<Checked, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    // Read again with marks only when there is a problem to place.
    let spans = std::cell::OnceCell::new();
    let mut error = |key: &str, value: Option<&str>, kind: Kind| {
        let (line, column) = locate(spans.get_or_init(|| Spans::of(yaml)), key, value);
        errors.push(Diagnostic::new(&source.path, line, column, kind));
    };

    if raw.title.trim().is_empty() {
        error("title", None, Kind::EmptyTitle);
    }
    let date = match parse_date(&raw.date) {
        Some(d) => d,
        None => {
            error("date", None, Kind::BadDate { written: yaml_scalar(&raw.date) });
            DateTime::UNIX_EPOCH.fixed_offset()
        }
    };
    let slug = match raw.slug {
        Some(s) if slug::is_valid(&s) => s,
        Some(s) => {
            error("slug", None, Kind::BadSlug { try_slug: slug::slugify(&s), slug: s.clone() });
            s
        }
        None => default_slug(source),
    };
    if slug.is_empty() {
        error("title", None, Kind::NoSlug);
    }
    for topic in &raw.topics {
        if config.topic(topic).is_none() {
            let suggestion = did_you_mean(topic, config.topics.iter().map(|t| t.slug.as_str()));
            error("topics", Some(topic), Kind::UnknownTopic { topic: topic.clone(), suggestion });
        }
    }
    let (interviewees, problems) = participants::read("interviewees", &raw.interviewees);
    for p in problems {
        error(&p.key, p.value.as_deref(), p.kind);
    }
    let (mut interviewers, problems) = participants::read("interviewer", &raw.interviewer);
    for p in problems {
        error(&p.key, p.value.as_deref(), p.kind);
    }
    if interviewees.is_empty() {
        error("interviewees", None, Kind::NoInterviewee);
    }
    for p in &interviewees {
        if p.name.trim().is_empty() || p.name.contains(crate::content::turns::COLONS) {
            error("name", Some(&p.name), Kind::BadName { name: p.name.clone() });
        }
        if PLACEHOLDER_NAMES.contains(&p.name.as_str()) {
            let (line, column) = locate(spans.get_or_init(|| Spans::of(yaml)), "name", Some(&p.name));
            warnings.push(Diagnostic::new(
                &source.path,
                line,
                column,
                Kind::Placeholder { key: "the interviewee's name".into(), value: p.name.clone() },
            ));
        }
    }
    // `interviewer: ""`: nobody yet, which is what `wenda new` writes.
    if interviewers.iter().any(|p| p.name.trim().is_empty()) {
        interviewers.retain(|p| !p.name.trim().is_empty());
        let (line, column) = locate(spans.get_or_init(|| Spans::of(yaml)), "interviewer", None);
        warnings.push(Diagnostic::new(&source.path, line, column, Kind::Placeholder { key: "interviewer".into(), value: String::new() }));
    }
    for p in &interviewers {
        if p.name.contains(crate::content::turns::COLONS) {
            error("name", Some(&p.name), Kind::BadName { name: p.name.clone() });
        }
    }
    if let Some(url) = raw.source.as_ref().and_then(|s| s.url.as_deref()) {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            error("url", Some(url), Kind::BadSourceUrl { url: url.to_string() });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let meta = Meta {
        title: raw.title,
        date,
        slug,
        interviewers,
        interviewees,
        source: raw.source.map(|s| SourceRef { name: s.name, url: s.url }),
        topics: raw.topics,
        summary: raw.summary,
        lang: raw.lang.unwrap_or_else(|| config.language.clone()),
        draft: raw.draft,
    };
    Ok(Checked { meta, warnings })
}

/// Line and column in the file of `key` (or its value `value`) in the
/// front matter, which starts on line 2.
fn locate(spans: &Spans, key: &str, value: Option<&str>) -> (usize, usize) {
    let (line, column) = spans.locate(key, value);
    (line + 1, column)
}

/// Where `slug:` is written in `source`, or its first line when the file
/// name made the slug (a clash of slugs is reported there).
pub(crate) fn slug_location(source: &Source) -> (usize, usize) {
    let Ok(split) = super::frontmatter::split(source) else { return (1, 1) };
    let spans = Spans::of(split.yaml);
    if spans.has("slug") {
        locate(&spans, "slug", None)
    } else {
        (1, 1)
    }
}

/// RFC 3339 (offset kept) or YYYY-MM-DD (midnight UTC).
fn parse_date(value: &serde_yaml::Value) -> Option<DateTime<FixedOffset>> {
    let text = value.as_str()?.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(text) {
        return Some(d);
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    let utc = FixedOffset::east_opt(0)?;
    utc.from_local_datetime(&day.and_hms_opt(0, 0, 0)?).single()
}

fn yaml_scalar(value: &serde_yaml::Value) -> String {
    serde_yaml::to_string(value).map(|s| s.trim().to_string()).unwrap_or_default()
}

/// The file name without `.md` and without a leading `YYYY-MM-DD-`.
fn default_slug(source: &Source) -> String {
    let stem = source.content_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let undated = match stem.get(..11) {
        Some(prefix) if prefix.ends_with('-') && prefix.get(..10).is_some_and(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok()) => {
            &stem[11..]
        }
        _ => stem.as_str(),
    };
    slug::slugify(undated)
}
