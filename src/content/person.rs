//! Person files: `content/people/<slug>.md`, whose front matter says who
//! someone is (name, aliases, birth and death, affiliations, photo, links)
//! and whose body is their biography. Interviews name a person, or refer to
//! one with `ref: <slug>` when two people share a name.

use serde::Deserialize;
use serde_yaml::Value;

use super::approx::ApproxDate;
use super::assets::{self, Assets, Found};
use super::links::LinkMap;
use super::markdown::Converter;
use super::scheme::unsafe_scheme;
use super::source::Source;
use super::yaml_spans::Spans;
use crate::config::Config;
use crate::error::{Diagnostic, Kind};

/// Where person files live, under `content/`.
pub(crate) const PEOPLE_DIR: &str = "people";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPerson {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    born: Value,
    #[serde(default)]
    died: Value,
    #[serde(default)]
    affiliations: Vec<RawAffiliation>,
    photo: Option<String>,
    #[serde(default)]
    links: Vec<RawLink>,
    #[serde(default)]
    extra: Value,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawAffiliation {
    Name(String),
    Full { name: String, role: Option<String>, from: Option<Value>, to: Option<Value> },
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawLink {
    Url(String),
    Titled { title: String, url: String },
}

/// A person as their file describes them.
#[derive(Debug, Clone)]
pub(crate) struct PersonRecord {
    pub slug: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub born: Option<ApproxDate>,
    pub died: Option<ApproxDate>,
    pub affiliations: Vec<Affiliation>,
    pub photo: Option<Image>,
    pub links: Vec<(String, String)>,
    /// HTML of the biography.
    pub bio: String,
    pub extra: Value,
    pub copies: Vec<assets::Copy>,
    /// Links left out of the page for their scheme, and the like.
    pub warnings: Vec<Diagnostic>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct Affiliation {
    pub name: String,
    pub role: String,
    pub from: String,
    pub to: String,
}

/// An image with its size read from the file.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct Image {
    pub url: String,
    pub width: Option<usize>,
    pub height: Option<usize>,
}

/// Is this content file a person file?
pub(crate) fn is_person_file(content_path: &std::path::Path) -> bool {
    content_path.starts_with(PEOPLE_DIR)
}

/// The slug a person file gives its person: its name without `.md`.
pub(crate) fn slug_of(content_path: &std::path::Path) -> String {
    content_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Read one person file: its front matter checked, its biography rendered.
pub(crate) fn read(source: &Source, config: &Config, map: &LinkMap) -> Result<PersonRecord, Vec<Diagnostic>> {
    let split = super::frontmatter::split(source).map_err(|e| vec![e])?;
    let raw: RawPerson = super::frontmatter::deserialize(source, split.yaml).map_err(|e| vec![e])?;
    let spans = std::cell::OnceCell::new();
    let mut errors = Vec::new();
    let mut error = |key: &str, value: Option<&str>, kind: Kind| {
        let (line, column) = spans.get_or_init(|| Spans::of(split.yaml)).locate(key, value);
        errors.push(Diagnostic::new(&source.path, line + 1, column, kind));
    };
    if raw.name.trim().is_empty() {
        error("name", None, Kind::MissingKey { key: "name".into() });
    }
    let mut date = |key: &str, value: &Value| {
        let written = super::meta::scalar(value)?;
        let parsed = ApproxDate::parse(&written);
        if parsed.is_none() {
            error(key, None, Kind::BadApproxDate { key: key.into(), written });
        }
        parsed
    };
    let born = date("born", &raw.born);
    let died = date("died", &raw.died);
    let slug = slug_of(&source.content_path);
    let mut files = Assets::new(&config.root, &config.base_path, &source.path, format!("people/{slug}/"));
    let photo = match raw.photo.as_deref().map(|p| (p, files.resolve(p))) {
        None => None,
        Some((p, Ok(Found::External))) => Some(Image { url: p.to_string(), width: None, height: None }),
        Some((_, Ok(Found::Local { url, file }))) => {
            let size = imagesize::size(&file).ok();
            Some(Image { url, width: size.map(|s| s.width), height: size.map(|s| s.height) })
        }
        Some((p, Err(missing))) => {
            error("photo", None, Kind::MissingFile { what: "photo", path: p.to_string(), looked: missing.looked });
            None
        }
    };
    let text = |v: &Option<Value>| v.as_ref().and_then(super::meta::scalar).unwrap_or_default();
    let affiliations = raw
        .affiliations
        .into_iter()
        .map(|a| match a {
            RawAffiliation::Name(name) => Affiliation { name, role: String::new(), from: String::new(), to: String::new() },
            RawAffiliation::Full { name, role, from, to } => {
                Affiliation { name, role: role.unwrap_or_default(), from: text(&from), to: text(&to) }
            }
        })
        .collect();
    let links: Vec<(String, String)> = raw
        .links
        .into_iter()
        .map(|l| match l {
            RawLink::Url(url) => (url.clone(), url),
            RawLink::Titled { title, url } => (title, url),
        })
        .collect();
    // The biography, rendered as an interview's text is.
    let body = &source.text[split.body_offset..];
    let mut converter = Converter::new(source, split.body_offset, map, config, "", files);
    let events = pulldown_cmark::Parser::new_ext(body, super::markdown::options()).into_offset_iter();
    let bio = converter.render(events).html;
    errors.append(&mut converter.errors);
    let mut warnings = std::mem::take(&mut converter.warnings);
    let locate = |url: &str| spans.get_or_init(|| Spans::of(split.yaml)).locate("links", Some(url));
    let links = links.into_iter().filter(|(_, url)| !left_out(source, url, locate, &mut warnings)).collect();
    if !errors.is_empty() {
        errors.sort();
        return Err(errors);
    }
    Ok(PersonRecord {
        slug,
        name: raw.name,
        aliases: raw.aliases,
        born,
        died,
        affiliations,
        photo,
        links,
        bio,
        extra: raw.extra,
        copies: converter.assets.copies,
        warnings,
    })
}

/// True for a link of the front matter with a scheme that runs script or
/// carries a document: it is left out, with a warning where it is written.
/// `locate` gives a URL's line in the front matter and its column.
fn left_out(source: &Source, url: &str, locate: impl Fn(&str) -> (usize, usize), warnings: &mut Vec<Diagnostic>) -> bool {
    let Some(scheme) = unsafe_scheme(url) else { return false };
    let (line, column) = locate(url);
    warnings.push(Diagnostic::new(&source.path, line + 1, column, Kind::UnsafeLink { url: url.to_string(), scheme }));
    true
}
