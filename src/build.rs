//! The whole build as one function of its options: load → parse → assemble →
//! render → write. `check` and `serve` reuse [`load_site`] and the renderer.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Local;
use rayon::prelude::*;

use crate::assemble::assemble;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::parse::{parse_all, Selection};
use crate::progress::Progress;
use crate::render::{pages, Renderer};
use crate::source;
use crate::theme::Theme;
use crate::write::Staging;

/// What `wenda build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Overrides `output_dir` of site.toml; relative to the current folder.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
}

/// What a successful build did.
#[derive(Debug)]
pub struct Summary {
    pub pages: usize,
    pub files: usize,
    pub interviews: usize,
    pub output: PathBuf,
    pub elapsed: Duration,
}

/// Why a build failed.
#[derive(Debug)]
pub enum BuildError {
    /// Problems in the site's files; the output was not touched.
    Content(Vec<Diagnostic>),
    /// The output could not be written.
    Io { path: PathBuf, error: std::io::Error },
}

/// Load, parse and assemble the site and its theme, collecting every problem.
pub fn load_site(opts: &BuildOptions, progress: &dyn Progress) -> Result<(Site, Theme), Vec<Diagnostic>> {
    let mut config = Config::load(&opts.root)?;
    if let Some(url) = &opts.base_url {
        config.set_base_url(url).map_err(|m| vec![Diagnostic::new("--base-url", 1, 1, m)])?;
    }
    let mut errors = Vec::new();
    let theme = Theme::load(&opts.root, &config.theme).map_err(|e| errors.extend(e)).ok();
    let files = source::discover(&opts.root).map_err(|e| vec![e])?;
    let (sources, mut read_errors) = source::load_all(&opts.root, &files);
    errors.append(&mut read_errors);
    let selection = Selection { drafts: opts.drafts, now: Local::now().fixed_offset() };
    let (parsed, mut parse_errors) = parse_all(&config, sources, selection, progress);
    errors.append(&mut parse_errors);
    if !errors.is_empty() {
        errors.extend(crate::assemble::check_anchors(&parsed.interviews));
        errors.sort();
        return Err(errors);
    }
    let site = assemble(config, parsed)?;
    Ok((site, theme.expect("no theme errors")))
}

/// Build the site into its output folder, replacing it only on success.
pub fn build(opts: &BuildOptions, progress: &dyn Progress) -> Result<Summary, BuildError> {
    let started = Instant::now();
    let (site, theme) = load_site(opts, progress).map_err(BuildError::Content)?;
    let output = output_dir(opts, &site.config).map_err(|d| BuildError::Content(vec![d]))?;
    let io = |error| BuildError::Io { path: output.clone(), error };
    let renderer = Renderer::new(&site, &theme);
    let pages = pages(&site);
    let staging = Staging::begin(&output).map_err(io)?;
    progress.start("render", pages.len());
    let results: Vec<Result<(), BuildError>> = pages
        .par_iter()
        .map(|page| {
            let out = renderer.render(page).map_err(|d| BuildError::Content(vec![d]))?;
            progress.advance();
            staging.write(&out).map_err(io)
        })
        .collect();
    progress.finish();
    let mut search_files = 0;
    let search_result = if site.config.search {
        let strings = crate::i18n::Strings::new(&site.config.language, &site.config.strings);
        let date = |i: usize| strings.date(&site.interviews[i].meta.date);
        let emit = |out: crate::render::Output| staging.write(&out).map_err(|e| Diagnostic::file(out.path, e.to_string()));
        crate::search::build(&site, &date, &emit).map(|n| search_files = n)
    } else {
        Ok(())
    };
    let mut statics = 0;
    let static_result = renderer.statics().try_for_each(|out| {
        statics += 1;
        staging.write(&out)
    });
    if let Err(d) = search_result {
        staging.abort();
        return Err(BuildError::Content(vec![d]));
    }
    if let Some(err) = first_error(results) {
        staging.abort();
        return Err(err);
    }
    if let Err(e) = static_result {
        staging.abort();
        return Err(io(e));
    }
    staging.commit().map_err(io)?;
    Ok(Summary {
        pages: pages.len(),
        files: pages.len() + statics + search_files,
        interviews: site.interviews.len(),
        output,
        elapsed: started.elapsed(),
    })
}

/// All template errors together; otherwise the first I/O error.
fn first_error(results: Vec<Result<(), BuildError>>) -> Option<BuildError> {
    let mut diagnostics = Vec::new();
    let mut io = None;
    for r in results {
        match r {
            Ok(()) => {}
            Err(BuildError::Content(d)) => diagnostics.extend(d),
            Err(e) => io = io.or(Some(e)),
        }
    }
    if !diagnostics.is_empty() {
        diagnostics.sort();
        diagnostics.dedup_by(|a, b| a.file == b.file && a.message.split(" while rendering ").next() == b.message.split(" while rendering ").next());
        return Some(BuildError::Content(diagnostics));
    }
    io
}

/// The output folder, which must not be the site itself or hold its sources.
fn output_dir(opts: &BuildOptions, config: &Config) -> Result<PathBuf, Diagnostic> {
    let out = match &opts.output {
        Some(o) => o.clone(),
        None => opts.root.join(&config.output_dir),
    };
    let abs = absolute(&out);
    let root = absolute(&opts.root);
    let sources = ["content", "themes", "templates", "static", "site.toml"].map(|d| root.join(d));
    if root.starts_with(&abs) || sources.iter().any(|s| abs.starts_with(s)) {
        return Err(Diagnostic::file(
            "site.toml",
            format!("the output folder {} would replace the site's own files; choose another output_dir", out.display()),
        ));
    }
    Ok(out)
}

/// An absolute path with `.` and `..` resolved lexically.
fn absolute(p: &Path) -> PathBuf {
    let joined = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
