//! Checks the front matter of one interview against the site's settings and
//! turns it into [`Meta`]: dates parsed with their offset, topics known, slug
//! valid. Every problem is reported with its line in the file.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};

use crate::config::Config;
use crate::diagnostic::{suggestion, Diagnostic};
use crate::frontmatter::{locate, RawFrontMatter};
use crate::slug;
use crate::source::Source;

/// What the front matter says about an interview, validated.
#[derive(Debug, Clone)]
pub struct Meta {
    pub title: String,
    pub date: DateTime<FixedOffset>,
    /// The date was written without a time (YYYY-MM-DD).
    pub date_only: bool,
    pub slug: String,
    pub interviewers: Vec<String>,
    pub interviewees: Vec<Interviewee>,
    pub source: Option<SourceRef>,
    pub topics: Vec<String>,
    pub summary: String,
    pub lang: String,
    pub draft: bool,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Interviewee {
    pub name: String,
    pub role: String,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct SourceRef {
    pub name: String,
    pub url: Option<String>,
}

/// Validate `raw`, read from `yaml` in `source`.
pub fn validate(raw: RawFrontMatter, source: &Source, yaml: &str, config: &Config) -> Result<Meta, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut error = |key: &str, value: Option<&str>, message: String| {
        let (line, column) = locate(yaml, key, value);
        errors.push(Diagnostic::new(&source.path, line, column, message));
    };

    if raw.title.trim().is_empty() {
        error("title", None, "the title is empty".into());
    }
    let (date, date_only) = match parse_date(&raw.date) {
        Some(d) => d,
        None => {
            error("date", None, format!(
                "the date {} is not a date: write 2024-11-13 or 2024-11-13T23:15:00+08:00",
                yaml_scalar(&raw.date)
            ));
            (FixedOffset::east_opt(0).unwrap().timestamp_opt(0, 0).unwrap(), true)
        }
    };
    let slug = match raw.slug {
        Some(s) if slug::is_valid(&s) => s,
        Some(s) => {
            error("slug", None, format!(
                "slug \"{s}\" may hold only lowercase letters, digits and '-' (try \"{}\")",
                slug::slugify(&s)
            ));
            s
        }
        None => default_slug(source),
    };
    if slug.is_empty() {
        error("title", None, "no slug can be made from the file name: add `slug:` with lowercase letters, digits and '-'".into());
    }
    for topic in &raw.topics {
        if config.topic(topic).is_none() {
            let hint = suggestion(topic, config.topics.iter().map(|t| t.slug.as_str()));
            error("topics", Some(topic), format!("unknown topic \"{topic}\"{hint}; topics are defined in site.toml"));
        }
    }
    if raw.interviewees.is_empty() {
        error("interviewees", None, "no interviewee: list at least one person under `interviewees:` with a name".into());
    }
    for p in &raw.interviewees {
        if p.name.trim().is_empty() || p.name.contains(crate::turns::COLONS) {
            error("name", Some(&p.name), format!("the name \"{}\" is empty or holds a colon", p.name));
        }
    }
    if let Some(url) = raw.source.as_ref().and_then(|s| s.url.as_deref()) {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            error("url", Some(url), format!("the source url \"{url}\" must start with http:// or https://"));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Meta {
        title: raw.title,
        date,
        date_only,
        slug,
        interviewers: raw.interviewer.into_vec(),
        interviewees: raw.interviewees.into_iter().map(|p| Interviewee { name: p.name, role: p.role }).collect(),
        source: raw.source.map(|s| SourceRef { name: s.name, url: s.url }),
        topics: raw.topics,
        summary: raw.summary,
        lang: raw.lang.unwrap_or_else(|| config.language.clone()),
        draft: raw.draft,
    })
}

/// RFC 3339 (offset kept) or YYYY-MM-DD (midnight UTC, shown without a time).
fn parse_date(value: &serde_yaml::Value) -> Option<(DateTime<FixedOffset>, bool)> {
    let text = value.as_str()?.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(text) {
        return Some((d, false));
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    let utc = FixedOffset::east_opt(0)?;
    Some((utc.from_local_datetime(&day.and_hms_opt(0, 0, 0)?).single()?, true))
}

fn yaml_scalar(value: &serde_yaml::Value) -> String {
    serde_yaml::to_string(value).map(|s| format!("\"{}\"", s.trim())).unwrap_or_default()
}

/// The file name without `.md` and without a leading `YYYY-MM-DD-`.
fn default_slug(source: &Source) -> String {
    let stem = source.content_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let undated = match stem.get(..11) {
        Some(prefix)
            if prefix.ends_with('-')
                && prefix.get(..10).is_some_and(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok()) =>
        {
            &stem[11..]
        }
        _ => stem.as_str(),
    };
    slug::slugify(undated)
}
