//! The theme: tera templates and static files. The binary carries the default
//! theme; a site's `themes/<name>/` and then its `templates/` and `static/`
//! folders override it file by file. Templates are compiled once per build.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use walkdir::WalkDir;

use crate::error::{Diagnostic, Kind};

static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Compiled templates and the static files to copy.
pub(crate) struct Theme {
    pub tera: tera::Tera,
    /// Template name → the file it came from and its text (for messages).
    pub template_files: BTreeMap<String, (PathBuf, String)>,
    /// The theme's static files by name; CSS and JS get a content hash in
    /// their output name so browsers can cache them forever.
    pub assets: BTreeMap<String, Asset>,
    /// The site's own `static/` folder, copied as it is.
    pub site_static: BTreeMap<String, Vec<u8>>,
}

pub(crate) struct Asset {
    /// Relative to the output folder, e.g. `style.1f2e3d4c.css`.
    pub output_path: String,
    pub bytes: Vec<u8>,
}

impl Theme {
    /// Load the theme named in site.toml for the site at `root`.
    /// `at` is where site.toml names the theme.
    pub fn load(root: &Path, name: &str, at: (usize, usize)) -> Result<Theme, Vec<Diagnostic>> {
        let mut templates: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
        let mut statics: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        let mut errors = Vec::new();
        let theme_dir = root.join("themes").join(name);
        if name == "default" || !theme_dir.is_dir() {
            if name != "default" {
                return Err(vec![Diagnostic::new("site.toml", at.0, at.1, Kind::ThemeNotFound { name: name.to_string() })]);
            }
            embedded(&BUILT_IN, &mut templates, &mut statics);
        }
        let mut site_static = BTreeMap::new();
        for (rel, _, bytes) in read_dir(root, &root.join("static"), &mut errors) {
            site_static.insert(rel, bytes);
        }
        let layers = [(theme_dir.join("templates"), theme_dir.join("static")), (root.join("templates"), PathBuf::new())];
        for (template_dir, static_dir) in layers {
            for (rel, path, bytes) in read_dir(root, &template_dir, &mut errors) {
                match String::from_utf8(bytes) {
                    Ok(text) => {
                        templates.insert(rel, (path, text.trim_start_matches('\u{feff}').replace("\r\n", "\n")));
                    }
                    Err(_) => errors.push(Diagnostic::file(path, Kind::TemplateNotUtf8)),
                }
            }
            for (rel, _, bytes) in read_dir(root, &static_dir, &mut errors) {
                statics.insert(rel, bytes);
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let tera = compile(&templates)?;
        let template_files = templates;
        let assets =
            statics.into_iter().map(|(name, bytes)| (name.clone(), Asset { output_path: hashed_name(&name, &bytes), bytes })).collect();
        Ok(Theme { tera, template_files, assets, site_static })
    }
}

fn embedded(dir: &'static Dir<'static>, templates: &mut BTreeMap<String, (PathBuf, String)>, statics: &mut BTreeMap<String, Vec<u8>>) {
    let mut files = Vec::new();
    all_files(dir, &mut files);
    for file in files {
        let path = file.path();
        let shown = Path::new("themes/default").join(path);
        if let Ok(rel) = path.strip_prefix("templates") {
            let text = String::from_utf8_lossy(file.contents()).into_owned();
            templates.insert(slash_path(rel), (shown, text));
        } else if let Ok(rel) = path.strip_prefix("static") {
            statics.insert(slash_path(rel), file.contents().to_vec());
        }
    }
}

/// `style.css` → `style.<hash>.css` for CSS and JS; other files keep their name.
fn hashed_name(name: &str, bytes: &[u8]) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext @ ("css" | "js"))) => format!("{stem}.{:08x}.{ext}", fnv1a(bytes) as u32),
        _ => name.to_string(),
    }
}

/// FNV-1a: a stable hash (the same bytes give the same name on every machine
/// and Rust version), enough to tell versions of a file apart.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

/// Every file of the built-in default theme, by path inside the theme.
pub(crate) fn built_in_files() -> Vec<(PathBuf, &'static [u8])> {
    let mut files = Vec::new();
    all_files(&BUILT_IN, &mut files);
    files.into_iter().map(|f| (f.path().to_path_buf(), f.contents())).collect()
}

fn all_files(dir: &'static Dir<'static>, out: &mut Vec<&'static include_dir::File<'static>>) {
    for entry in dir.entries() {
        match entry {
            include_dir::DirEntry::Dir(d) => all_files(d, out),
            include_dir::DirEntry::File(f) => out.push(f),
        }
    }
}

/// Every file under `dir`, with its path relative to `dir` written with `/`.
fn read_dir(root: &Path, dir: &Path, errors: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    if !dir.is_dir() {
        return files;
    }
    for entry in WalkDir::new(dir).sort_by_file_name().into_iter().filter_map(Result::ok) {
        if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let shown = entry.path().strip_prefix(root).unwrap_or(entry.path()).to_path_buf();
        match std::fs::read(entry.path()) {
            Ok(bytes) => files.push((slash_path(entry.path().strip_prefix(dir).unwrap_or(entry.path())), shown, bytes)),
            Err(e) => errors.push(Diagnostic::file(shown, Kind::CannotRead { reason: e.to_string() })),
        }
    }
    files
}

fn slash_path(p: &Path) -> String {
    p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

fn compile(templates: &BTreeMap<String, (PathBuf, String)>) -> Result<tera::Tera, Vec<Diagnostic>> {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(crate::text::escape);
    let Err(e) = tera.add_raw_templates(templates.iter().map(|(name, (_, text))| (name.as_str(), text.as_str()))) else {
        return Ok(tera);
    };
    // tera stops at the first template that does not parse: parse each alone
    // so that every syntax error is reported with its file.
    let errors: Vec<Diagnostic> = templates
        .iter()
        .filter_map(|(name, (path, text))| tera::Template::new(name, None, text).err().map(|e| template_error(path, &e)))
        .collect();
    Err(if errors.is_empty() { vec![set_error(templates, &e)] } else { errors })
}

/// A problem between templates (one extends a missing or circular parent),
/// at the file of the template tera names.
fn set_error(templates: &BTreeMap<String, (PathBuf, String)>, e: &tera::Error) -> Diagnostic {
    let file = |name: &str| templates.get(name).map_or_else(|| PathBuf::from("templates"), |(path, _)| path.clone());
    match &e.kind {
        tera::ErrorKind::MissingParent { current, parent } => {
            Diagnostic::file(file(current), Kind::TemplateMissingParent { parent: parent.clone() })
        }
        tera::ErrorKind::CircularExtend { inheritance_chain, .. } => {
            // Told from the first template by name, whichever tera met first.
            let mut chain = inheritance_chain.clone();
            chain.dedup();
            let first = chain.iter().enumerate().min_by_key(|(_, name)| name.as_str()).map_or(0, |(i, _)| i);
            chain.rotate_left(first);
            let start = chain.first().cloned().unwrap_or_default();
            chain.push(start.clone());
            Diagnostic::file(file(&start), Kind::TemplateCircular { chain: chain.join(" → ") })
        }
        _ => Diagnostic::file("templates", Kind::TemplateSet { message: error_chain(e) }),
    }
}

/// A tera error as a diagnostic, with the line and column its parser gives.
pub(crate) fn template_error(path: &Path, e: &tera::Error) -> Diagnostic {
    let chain = error_chain(e);
    let (line, column) = chain
        .split("--> ")
        .nth(1)
        .and_then(|rest| {
            let loc = rest.split_whitespace().next()?;
            let (l, c) = loc.split_once(':')?;
            Some((l.parse().ok()?, c.parse().ok()?))
        })
        .unwrap_or((1, 1));
    let summary = chain
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("= "))
        .map(|l| l.trim_start_matches("= ").to_string())
        .unwrap_or_else(|| chain.lines().next().unwrap_or("").to_string());
    Diagnostic::new(path, line, column, Kind::TemplateSyntax { summary })
}

/// Where a render-time error of `template` is, as far as its message tells:
/// tera names the template it was rendering (an included one, say) and quotes
/// the variable, filter, function or template at fault but gives no position
/// (tera 1.x keeps none after parsing), so the first tag of that template
/// that writes the quoted name is taken.
pub(crate) fn runtime_error_at<'t>(theme: &'t Theme, template: &'t str, chain: &str) -> (&'t str, usize, usize) {
    let last = chain.lines().last().unwrap_or("");
    let inner = last
        .rsplit_once("while rendering '")
        .and_then(|(_, rest)| rest.split_once('\''))
        .map(|(name, _)| name)
        .and_then(|name| theme.template_files.get_key_value(name))
        .map_or(template, |(name, _)| name.as_str());
    // Variables are quoted `so`, filters, functions and templates 'so'.
    let quoted =
        [last.split('`').nth(1), last.split('\'').nth(1)].into_iter().flatten().map(|q| q.trim_matches(['[', ']'])).find(|q| !q.is_empty());
    let position = theme.template_files.get(inner).zip(quoted).and_then(|((_, text), quoted)| {
        let at = in_a_tag(text, quoted)?;
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        Some((line, column))
    });
    let (line, column) = position.unwrap_or((1, 1));
    (inner, line, column)
}

/// Where `name` is first written inside a `{{ … }}` or `{% … %}` of `text`:
/// not in a comment, not in the page's own text.
fn in_a_tag(text: &str, name: &str) -> Option<usize> {
    text.match_indices(name).map(|(at, _)| at).find(|&at| {
        let before = &text[..at];
        let opened = before.rfind("{{").max(before.rfind("{%"));
        let closed = before.rfind("}}").max(before.rfind("%}"));
        let commented = before.rfind("{#").is_some_and(|c| before.rfind("#}").is_none_or(|e| e < c));
        opened.is_some_and(|o| closed.is_none_or(|c| c < o)) && !commented
    })
}

/// The message of a tera error and all its causes, on one line each.
pub(crate) fn error_chain(e: &tera::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push('\n');
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::in_a_tag;

    #[test]
    fn a_runtime_error_is_placed_at_a_tag_not_in_a_comment_or_text() {
        let text = "{# card.titel was renamed #}\n<p>card.titel</p>\n<h2>{{ card.titel }}</h2>";
        let at = in_a_tag(text, "card.titel").unwrap();
        assert_eq!(&text[at - 3..at], "{{ ");
        assert_eq!(in_a_tag("{# only card.titel here #}", "card.titel"), None);
    }
}
