//! Checks the front matter of one interview against the site's settings and
//! turns it into [`Meta`]: dates parsed with their offset, topics known, slug
//! valid. Every problem is reported with its line in the file.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};

use super::approx::ApproxDate;
use super::assets::{self, Assets, Found};
use super::frontmatter::RawFrontMatter;
use super::participants::{self, Participant};
use super::recording::{self, Duration, MediaKind};
use super::source::Source;
use super::yaml_spans::Spans;
use crate::config::Config;
use crate::error::{did_you_mean, Diagnostic, Kind};
use crate::slug;

/// What the front matter says about an interview, validated.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
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
    /// `date` was written: the interview says when it was published.
    pub published: bool,
    pub recorded: Option<ApproxDate>,
    pub place: Option<String>,
    pub rights: Option<String>,
    pub license: Option<String>,
    pub identifier: Option<String>,
    pub collection: Option<String>,
    pub order: Option<i64>,
    pub duration: Option<Duration>,
    pub transcribers: Vec<String>,
    pub languages: Vec<String>,
    pub media: Vec<Media>,
    pub translation_of: Option<String>,
    /// `extra:` as written (a map, or null).
    #[serde(with = "yaml_text")]
    pub extra: serde_yaml::Value,
    /// The recordings and captions beside the file, to copy beside the page.
    pub copies: Vec<assets::Copy>,
}

/// A recording, its URLs written under the base path.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Media {
    pub url: String,
    pub kind: MediaKind,
    pub mime: Option<String>,
    pub duration: Option<Duration>,
    /// Captions the writer gave; without them wenda writes its own from the timed turns.
    pub captions: Option<String>,
    pub title: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct SourceRef {
    pub name: String,
    pub url: Option<String>,
}

/// `extra` kept as YAML text by the build cache, whose binary format cannot
/// read a value of any shape back.
mod yaml_text {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &serde_yaml::Value, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&serde_yaml::to_string(value).map_err(serde::ser::Error::custom)?)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<serde_yaml::Value, D::Error> {
        serde_yaml::from_str(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
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
    let recorded = match scalar(&raw.recorded) {
        None => None,
        Some(written) => {
            let parsed = ApproxDate::parse(&written);
            if parsed.is_none() {
                error("recorded", None, Kind::BadApproxDate { key: "recorded".into(), written });
            }
            parsed
        }
    };
    let published = !raw.date.is_null();
    let date = match (parse_date(&raw.date), &recorded) {
        (Some(d), _) => d,
        (None, Some(r)) if !published => midnight(r.start.first_day),
        (None, _) => {
            if published {
                error("date", None, Kind::BadDate { written: yaml_scalar(&raw.date) });
            } else if raw.recorded.is_null() {
                error("title", None, Kind::NoDate);
            }
            DateTime::UNIX_EPOCH.fixed_offset()
        }
    };
    let duration = scalar(&raw.duration).and_then(|written| {
        let parsed = Duration::parse(&written);
        if parsed.is_none() {
            error("duration", None, Kind::BadDuration { written });
        }
        parsed
    });
    if let Some(c) = raw.collection.as_deref() {
        if config.collection(c).is_none() {
            let suggestion = did_you_mean(c, config.collections.iter().map(|t| t.slug.as_str()));
            error("collection", Some(c), Kind::UnknownCollection { collection: c.to_string(), suggestion });
        }
    }
    let (raw_media, problems) = recording::read(&raw.media);
    for issue in problems {
        error("media", issue.value.as_deref(), Kind::BadMedia { problem: issue.problem });
    }
    if !(raw.extra.is_null() || raw.extra.is_mapping()) {
        error("extra", None, Kind::WrongType { key: "extra".into(), found: yaml_scalar(&raw.extra), expected: "a map".into() });
    }
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
    for r in interviewees.iter().chain(&interviewers).filter_map(|p| p.person_ref.as_deref()) {
        if !config.person_slugs.contains(r) {
            let suggestion = did_you_mean(r, config.person_slugs.iter().map(String::as_str));
            error("ref", Some(r), Kind::UnknownPersonRef { reference: r.to_string(), suggestion });
        }
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
    let page_dir = format!("interviews/{slug}/");
    let mut files = Assets::new(&config.root, &config.base_path, &source.path, page_dir);
    let mut local = |files: &mut Assets, written: &str, what: &'static str| match files.resolve(written) {
        Ok(Found::Local { url, .. }) => url,
        Ok(Found::External) => written.to_string(),
        Err(missing) => {
            error("media", Some(written), Kind::MissingFile { what, path: written.to_string(), looked: missing.looked });
            written.to_string()
        }
    };
    let mut media = Vec::new();
    for m in raw_media {
        let url = local(&mut files, &m.src, "recording");
        let captions = m.captions.as_deref().map(|c| local(&mut files, c, "captions file"));
        let duration = m.duration.as_deref().and_then(Duration::parse);
        media.push(Media { url, kind: m.kind, mime: m.mime, duration, captions, title: m.title });
    }
    let copies = files.copies;
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
        published,
        recorded,
        place: raw.place.filter(|p| !p.trim().is_empty()),
        rights: raw.rights.filter(|p| !p.trim().is_empty()),
        license: raw.license.filter(|p| !p.trim().is_empty()),
        identifier: scalar(&raw.identifier),
        collection: raw.collection,
        order: raw.order,
        duration,
        transcribers: names(&raw.transcriber),
        languages: names(&raw.language),
        media,
        translation_of: raw.translation_of,
        extra: raw.extra,
        copies,
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
    key_location(source, "slug")
}

/// Where the top-level `key` is written in `source` (its value when it has one).
pub(crate) fn key_location(source: &Source, key: &str) -> (usize, usize) {
    let Ok(split) = super::frontmatter::split(source) else { return (1, 1) };
    let spans = Spans::of(split.yaml);
    if !spans.has(key) {
        return (1, 1);
    }
    locate(&spans, key, None)
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

/// Midnight UTC of `day`.
pub(crate) fn midnight(day: NaiveDate) -> DateTime<FixedOffset> {
    let utc = FixedOffset::east_opt(0).expect("UTC is an offset");
    utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).expect("midnight exists"))
}

/// A string or number as text; `None` for null and empty.
pub(crate) fn scalar(value: &serde_yaml::Value) -> Option<String> {
    let text = match value {
        serde_yaml::Value::String(s) => s.trim().to_string(),
        serde_yaml::Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// A name or a list of names.
pub(crate) fn names(value: &serde_yaml::Value) -> Vec<String> {
    super::frontmatter::one_or_many(value).into_iter().filter_map(scalar).collect()
}

fn yaml_scalar(value: &serde_yaml::Value) -> String {
    serde_yaml::to_string(value).map(|s| s.trim().to_string()).unwrap_or_default()
}

/// The file name without `.md` and without a leading `YYYY-MM-DD-`.
fn default_slug(source: &Source) -> String {
    // A page bundle (`x/index.md`) is named by its folder.
    let named_by = match source.content_path.file_stem() {
        Some(stem) if stem == "index" => source.content_path.parent().and_then(|p| p.file_name()),
        stem => stem,
    };
    let stem = named_by.map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let undated = match stem.get(..11) {
        Some(prefix) if prefix.ends_with('-') && prefix.get(..10).is_some_and(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok()) => {
            &stem[11..]
        }
        _ => stem.as_str(),
    };
    slug::slugify(undated)
}
