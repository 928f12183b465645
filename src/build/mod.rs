//! The whole build as one function of its options: load → parse → assemble →
//! render → write. [`prepare`] reads the site and every front matter;
//! [`generate`] parses each body once, assembles the site and renders every
//! page, the search index and the static files from it. Both are shared with
//! `serve` and `check`, which differ only in what they do with the files made.
//! [`memo`] holds what a build reuses of the last one.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Local;
use rayon::prelude::*;

use crate::config::Config;
use crate::content::assets::Copy;
use crate::content::person::{self, is_person_file, PersonRecord};
use crate::content::source::{self, Source};
pub use crate::content::Skipped;
use crate::content::{front_matters_known, parse_bodies, parse_bodies_known, Bodies, Catalog, FrontMatter, FrontMatters, Selection};
use crate::css::Styled;
use crate::error::{Diagnostic, Kind};
use crate::output::cache::{Cache, Entry};
use crate::output::check::LinkCheck;
use crate::output::lock::{self, Refused};
use crate::output::write::{self, Patch, Staging};
use crate::progress::{Progress, Silent};
use crate::render::i18n::Strings;
use crate::render::theme::Theme;
use crate::render::{pages, search, statics, Output, Page, PageKind, Renderer};
use crate::site::{assemble, check_anchors, check_links, Site};

mod memo;

use crate::render::Fresh;
use memo::{cacheable, front_context, keyed, neighbourhood, parse_context, Target};
pub(crate) use memo::{Keys, Memo};

/// What `wenda build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Overrides `output_dir` of site.toml; relative to the current folder.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Read and write the build cache (`.wenda-cache/`); `build` only.
    pub cache: bool,
}

/// What a successful build did.
#[derive(Debug)]
pub struct Summary {
    pub pages: usize,
    pub files: usize,
    pub interviews: usize,
    pub output: PathBuf,
    pub elapsed: Duration,
    /// Interviews left out of this build.
    pub skipped: Skipped,
    /// What the site builds with but should not (sorted).
    pub warnings: Vec<Diagnostic>,
}

/// Why a build failed.
#[derive(Debug)]
pub enum BuildError {
    /// Problems in the site's files; the output was not touched.
    Content(Vec<Diagnostic>),
    /// The output could not be written.
    Io { path: PathBuf, error: std::io::Error },
    /// Another build of the same output folder is running; it holds `lock`.
    Busy { lock: PathBuf },
}

/// Why making the pages failed: what [`BuildError`] says but the lock, which
/// only a build that writes a folder takes (a preview and `check` do not).
#[derive(Debug)]
pub enum GenerateError {
    /// Problems in the site's files.
    Content(Vec<Diagnostic>),
    /// An output could not be handed on, or an input file read.
    Io { path: PathBuf, error: std::io::Error },
}

impl From<GenerateError> for BuildError {
    fn from(e: GenerateError) -> Self {
        match e {
            GenerateError::Content(problems) => BuildError::Content(problems),
            GenerateError::Io { path, error } => BuildError::Io { path, error },
        }
    }
}

/// Where outputs go, as they are made (from many threads).
pub(crate) type Emit<'a> = dyn Fn(Output) -> std::io::Result<()> + Sync + 'a;

/// The site's files, read, and the problems found reading them.
struct Inputs {
    config: Config,
    theme: Option<Theme>,
    sources: Vec<Source>,
    /// The person files under `content/people/`.
    people: Vec<Source>,
    errors: Vec<Diagnostic>,
}

/// `extra` is a file not yet on disk (an import's), read as if it were.
fn load_inputs(opts: &BuildOptions, extra: Option<Source>, progress: &dyn Progress) -> Result<Inputs, Vec<Diagnostic>> {
    let mut config = Config::load(&opts.root)?;
    if let Some(url) = &opts.base_url {
        config.set_base_url(url).map_err(|kind| vec![Diagnostic::new("--base-url", 1, 1, kind)])?;
    }
    let mut errors = Vec::new();
    let theme = Theme::load(&opts.root, &config.theme, config.theme_at).map_err(|e| errors.extend(e)).ok();
    config.code_classes = theme
        .as_ref()
        .and_then(|t| t.assets.get("syntax.css"))
        .map(|css| std::sync::Arc::new(Styled::from_css(&String::from_utf8_lossy(&css.bytes))));
    let (files, mut list_errors) = source::discover(&opts.root).map_err(|e| vec![e])?;
    errors.append(&mut list_errors);
    let (mut sources, mut read_errors) = source::load_all(&opts.root, &files, progress);
    errors.append(&mut read_errors);
    if let Some(extra) = extra {
        sources.retain(|s| s.path != extra.path);
        sources.push(extra);
    }
    let (people, sources): (Vec<Source>, Vec<Source>) = sources.into_iter().partition(|s| is_person_file(&s.content_path));
    config.person_slugs = people.iter().map(|s| person::slug_of(&s.content_path)).collect();
    Ok(Inputs { config, theme, sources, people, errors })
}

pub(crate) fn selection(opts: &BuildOptions) -> Selection {
    Selection { drafts: opts.drafts, now: Local::now().fixed_offset() }
}

/// A site ready to generate: its files read, its theme compiled and every
/// front matter valid.
pub(crate) struct Prepared {
    config: Config,
    theme: Theme,
    fronts: FrontMatters,
    people: Vec<PersonRecord>,
    selection: Selection,
}

impl Prepared {
    pub(crate) fn config(&self) -> &Config {
        &self.config
    }
}

/// Read the site, its theme and its front matter. When anything is wrong,
/// the bodies are checked too, so that every problem is reported at once.
pub(crate) fn prepare(opts: &BuildOptions, progress: &dyn Progress) -> Result<Prepared, Vec<Diagnostic>> {
    prepare_with(opts, progress, None, None)
}

/// `extra`: a file not yet on disk; `cache`: front matters read before.
fn prepare_with(
    opts: &BuildOptions,
    progress: &dyn Progress,
    extra: Option<Source>,
    cache: Option<&Cache>,
) -> Result<Prepared, Vec<Diagnostic>> {
    prepare_from(opts, progress, load_inputs(opts, extra, progress)?, cache)
}

/// [`prepare_with`] once the site's files are read.
fn prepare_from(opts: &BuildOptions, progress: &dyn Progress, inputs: Inputs, cache: Option<&Cache>) -> Result<Prepared, Vec<Diagnostic>> {
    let Inputs { config, theme, sources, people, mut errors } = inputs;
    let selection = selection(opts);
    let context = front_context(&config);
    let known = |s: &Source| {
        let (meta, body_offset) = cache?.front(&s.path, keyed(context, &s.text))?;
        Some(FrontMatter { meta: meta.clone(), body_offset, warnings: Vec::new() })
    };
    let (mut fronts, mut front_errors) = front_matters_known(&config, sources, selection, &known, progress);
    errors.append(&mut front_errors);
    let people: Vec<PersonRecord> = people
        .par_iter()
        .map(|s| person::read(s, &config, &fronts.catalog.links))
        .collect::<Vec<_>>()
        .into_iter()
        .filter_map(|r| r.map_err(|e| errors.extend(e)).ok())
        .collect();
    // A file that could not be read is there all the same: a link to it is
    // not a problem of its own.
    for unread in errors.iter().filter_map(|e| e.file.strip_prefix(source::CONTENT_DIR).ok()) {
        fronts.catalog.links.insert_unreadable(unread.to_path_buf());
    }
    match theme {
        Some(theme) if errors.is_empty() => Ok(Prepared { config, theme, fronts, people, selection }),
        _ => {
            let FrontMatters { files, catalog } = fronts;
            let mut bodies = parse_bodies(files, &catalog.context(&config), selection, progress);
            errors.append(&mut bodies.errors);
            errors.extend(all_anchor_problems(&bodies));
            errors.append(&mut bodies.warnings);
            errors.sort();
            Err(errors)
        }
    }
}

/// What [`generate`] made: the assembled site, what its bodies were parsed
/// with (the preview parses edits with it), and how many pages and files it
/// handed on.
pub(crate) struct Generated {
    pub(crate) site: Site,
    pub(crate) theme: Theme,
    pub(crate) catalog: Catalog,
    pub pages: usize,
    pub files: usize,
    /// Sorted.
    pub warnings: Vec<Diagnostic>,
    pub skipped: Skipped,
    /// What each file was read and parsed with; empty without a cache.
    pub parse_keys: std::collections::HashMap<PathBuf, Keys>,
    /// Each interview's search terms, in the site's order; empty without search.
    pub doc_terms: Vec<Vec<u32>>,
}

/// Every page, the search index and the static files of the site, each handed
/// to `emit` as soon as it is made (from many threads). Each body is parsed
/// once, into the interview every page, feed and search document reads.
/// `build` writes what it is handed, the preview keeps it in memory and
/// `check` reads its links.
pub(crate) fn generate(prepared: Prepared, progress: &dyn Progress, emit: &Emit<'_>) -> Result<Generated, GenerateError> {
    generate_with(prepared, progress, emit, None)
}

/// [`generate`], reusing what `memo` holds: an interview whose text and
/// context are the same is not parsed again, and a file whose inputs are the
/// same is not made again.
fn generate_with(prepared: Prepared, progress: &dyn Progress, emit: &Emit<'_>, memo: Option<Memo>) -> Result<Generated, GenerateError> {
    let key = memo.as_ref().map(|_| parse_context(&prepared));
    let Prepared { config, theme, fronts, people, selection } = prepared;
    let FrontMatters { files, catalog } = fronts;
    let mut parse_keys = std::collections::HashMap::new();
    let front = front_context(&config);
    let (fresh, cache, files) = match (memo, key) {
        (Some(Memo { cache, fresh }), Some(context)) => {
            let files = files
                .into_iter()
                .map(|f| {
                    let key = keyed(context, &f.source.text);
                    parse_keys.insert(
                        f.source.path.clone(),
                        Keys { front: keyed(front, &f.source.text), body_offset: f.body_offset, parse: key },
                    );
                    let known = cache.take(&f.source.path, key);
                    (f, known)
                })
                .collect();
            (Some(fresh), Some(cache), files)
        }
        _ => (None, None, files.into_iter().map(|f| (f, None)).collect()),
    };
    let mut bodies = parse_bodies_known(files, &catalog.context(&config), selection, progress);
    if !bodies.errors.is_empty() {
        let mut errors = std::mem::take(&mut bodies.errors);
        errors.extend(all_anchor_problems(&bodies));
        errors.append(&mut bodies.warnings);
        errors.sort();
        return Err(GenerateError::Content(errors));
    }
    let Bodies { interviews, mut warnings, skipped, .. } = bodies;
    warnings.extend(people.iter().flat_map(|p| p.warnings.iter().cloned()));
    let site = assemble(config, interviews, people).map_err(|mut errors| {
        errors.extend(warnings.iter().cloned());
        errors.sort();
        GenerateError::Content(errors)
    })?;
    warnings.extend(site.warnings.iter().cloned());
    warnings.sort();
    let all = pages(&site);
    // An interview page is known by its interview's key and what it reads of
    // the rest of the site (its neighbours, versions, people): see `neighbourhood`.
    let page_keys: Option<Vec<Option<u64>>> = fresh.map(|_| {
        site.interviews
            .iter()
            .enumerate()
            .map(|(i, iv)| {
                let key = parse_keys.get(&iv.path).filter(|_| cacheable(iv))?;
                let around = neighbourhood(&site, i);
                Some(crate::fingerprint::Fingerprint::default().bytes(&around.to_le_bytes()).bytes(&key.parse.to_le_bytes()).finish())
            })
            .collect()
    });
    render_pages(&site, &theme, &all, progress, emit, fresh, page_keys.as_deref())?;
    let mut files = all.len();
    let mut doc_terms = Vec::new();
    if site.config.search {
        let known = cache.as_ref().map(|cache| search::Known {
            keys: site.interviews.iter().map(|iv| parse_keys.get(&iv.path).map(|k| k.parse).filter(|_| cacheable(iv))).collect(),
            terms: &cache.terms,
        });
        let (n, terms) = search_with(&site, emit, fresh, known.as_ref(), progress)?;
        files += n;
        doc_terms = terms;
    }
    files += write_statics(&theme, emit)?;
    files += write_copies(&site, emit)?;
    Ok(Generated { site, theme, catalog, pages: all.len(), files, warnings, skipped, parse_keys, doc_terms })
}

/// Every problem in the site, sorted, without writing anything: all that
/// [`build`] would reject, then every internal link of every page that does
/// not resolve. Empty when the site is ready to publish.
pub fn check(opts: &BuildOptions) -> Vec<Diagnostic> {
    let prepared = match prepare(opts, &Silent) {
        Ok(prepared) => prepared,
        Err(errors) => return errors,
    };
    // Where `build` would write, which it refuses when it is the site itself.
    let output = output_dir(opts, prepared.config()).err();
    let links = LinkCheck::default();
    match generate(prepared, &Silent, &|out| links.see(out)) {
        Ok(generated) => {
            let mut problems = links.problems(&generated.site);
            problems.extend(output);
            problems.extend(generated.warnings);
            problems.sort();
            problems
        }
        Err(GenerateError::Content(errors)) => errors,
        Err(GenerateError::Io { path, error }) => vec![Diagnostic::file(path, Kind::CannotWrite { reason: error.to_string() })],
    }
}

/// The problems of the file at `path` (relative to the root) if it held
/// `text`, read with the rest of the site (topics, slugs, links) but without
/// rendering any page: how an import knows that what it writes builds.
pub fn check_file(opts: &BuildOptions, path: &Path, text: &str) -> Vec<Diagnostic> {
    let Prepared { config, fronts, selection, .. } = match prepare_with(opts, &Silent, Some(Source::new(path, text)), None) {
        Ok(prepared) => prepared,
        Err(errors) => return errors,
    };
    let FrontMatters { files, catalog } = fronts;
    let mine: Vec<_> = files.into_iter().filter(|f| f.source.path == path).collect();
    let bodies = parse_bodies(mine, &catalog.context(&config), selection, &Silent);
    let mut problems = bodies.errors;
    problems.extend(bodies.warnings);
    problems.sort();
    problems
}

/// The links to anchors that do not exist, written in every body, those
/// that failed to parse too.
fn all_anchor_problems(bodies: &Bodies) -> Vec<Diagnostic> {
    let mut problems = check_anchors(&bodies.interviews);
    let failed: Vec<(&Path, &[_])> = bodies.failed_links.iter().map(|(path, links)| (path.as_path(), links.as_slice())).collect();
    problems.extend(check_links(&bodies.interviews, &failed));
    problems
}

/// Build the site into its output folder, replacing it only on success.
/// With the build cache of the last build, only the interviews that changed
/// are parsed and only the files whose inputs changed are made and written.
pub fn build(opts: &BuildOptions, progress: &dyn Progress) -> Result<Summary, BuildError> {
    let started = Instant::now();
    // Reading the cache is mostly decoding, reading the site mostly waiting
    // on the disk: the two overlap.
    let (mut cache, inputs) = rayon::join(|| opts.cache.then(|| Cache::open(&opts.root)), || load_inputs(opts, None, progress));
    let prepared = prepare_from(opts, progress, inputs.map_err(BuildError::Content)?, cache.as_ref()).map_err(BuildError::Content)?;
    let output = output_dir(opts, prepared.config()).map_err(|d| BuildError::Content(vec![d]))?;
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |error| BuildError::Io { path, error }
    };
    let _lock = match lock::acquire(&output) {
        Ok(lock) => lock,
        Err(Refused::Busy(lock)) => return Err(BuildError::Busy { lock }),
        Err(Refused::Io(path, error)) => return Err(BuildError::Io { path, error }),
    };
    write::recover(&output).map_err(io(&output))?;
    // The same folder however the command named it.
    let output_at = absolute(&output);
    // The cache knows what the output folder holds: write only what changed.
    let patching = cache.as_ref().filter(|c| !c.made.files.is_empty() && c.made.output == output_at && output.is_dir());
    let target = match patching {
        Some(cache) => {
            cache.forget_output().map_err(io(&opts.root.join(".wenda-cache")))?;
            Target::Patch(Patch::begin(&output).map_err(io(&output))?)
        }
        None => Target::Staging(Staging::begin(&output, opts.cache).map_err(io(&output))?),
    };
    let old = cache.as_mut().map(|c| std::mem::take(&mut c.made.files)).unwrap_or_default();
    let made = std::sync::Mutex::new(std::collections::HashMap::<String, u64>::new());
    let note = |path: &str, hash: u64| {
        made.lock().unwrap_or_else(|e| e.into_inner()).insert(path.to_string(), hash);
    };
    let fresh = |path: &str, hash: u64| {
        note(path, hash);
        old.get(path) == Some(&hash) && target.keep(path)
    };
    let emit = |out: Output| {
        if opts.cache {
            made.lock().unwrap_or_else(|e| e.into_inner()).entry(out.path.clone()).or_insert_with(|| crate::fingerprint::hash(&out.bytes));
        }
        target.write(&out)
    };
    let memo = cache.as_mut().map(|cache| Memo { cache, fresh: &fresh });
    let generated = generate_with(prepared, progress, &emit, memo);
    let generated = match generated {
        Ok(generated) => generated,
        Err(e) => {
            target.abort();
            return Err(e.into());
        }
    };
    let made = made.into_inner().unwrap_or_else(|e| e.into_inner());
    let stale = old.keys().filter(|path| !made.contains_key(*path)).map(String::as_str);
    target.commit(stale).map_err(io(&output))?;
    let Some(cache) = cache else { return Ok(summary(generated, output, started)) };
    let warned: std::collections::HashSet<&Path> = generated.warnings.iter().map(|w| w.file.as_path()).collect();
    let no_terms = Vec::new();
    let parsed: Vec<Entry> = generated
        .site
        .interviews
        .iter()
        .enumerate()
        .filter(|(_, iv)| cacheable(iv) && !warned.contains(iv.path.as_path()))
        .filter_map(|(i, iv)| {
            let terms = generated.doc_terms.get(i).unwrap_or(&no_terms);
            let keys = generated.parse_keys.get(&iv.path)?;
            Some(Entry { path: &iv.path, front: keys.front, body_offset: keys.body_offset, key: keys.parse, interview: iv, terms })
        })
        .collect();
    // A cache that cannot be written costs the next build time, not this one its result.
    let _ = cache.save(&parsed, &made, &output_at, progress);
    Ok(summary(generated, output, started))
}

fn summary(mut generated: Generated, output: PathBuf, started: Instant) -> Summary {
    let Generated { pages, files, skipped, .. } = generated;
    let interviews = generated.site.interviews.len();
    let warnings = std::mem::take(&mut generated.warnings);
    // Freeing a large site takes a tenth of a second at 10,000 interviews;
    // nothing needs to wait for it.
    std::thread::spawn(move || drop(generated));
    Summary { pages, files, interviews, output, elapsed: started.elapsed(), skipped, warnings }
}

/// Render `pages` in parallel, handing each to `emit`. Every page is tried:
/// what broke any of them is reported together.
/// With `fresh`, a page whose fingerprint is that of the file kept is not rendered.
pub(crate) fn render_pages(
    site: &Site,
    theme: &Theme,
    pages: &[Page],
    progress: &dyn Progress,
    emit: &Emit<'_>,
    fresh: Option<&Fresh<'_>>,
    interview_keys: Option<&[Option<u64>]>,
) -> Result<(), GenerateError> {
    let renderer = Renderer::new(site, theme);
    let results: Vec<Result<(), GenerateError>> = crate::progress::stage(progress, "pages", pages.len(), || {
        pages
            .par_iter()
            .map_init(
                || renderer.context(),
                |ctx, page| {
                    let keyed = match page.kind {
                        PageKind::Interview(i) => interview_keys.and_then(|keys| keys[i]).map(|key| renderer.keyed(key, page)),
                        _ => None,
                    };
                    let print = fresh.and_then(|_| keyed.or_else(|| renderer.fingerprint(ctx, page)));
                    let kept = fresh.zip(print).is_some_and(|(fresh, print)| fresh(&page.path, print));
                    if !kept {
                        let out = renderer.render_in(ctx, page).map_err(|d| GenerateError::Content(vec![d]))?;
                        // A page made without a template is compared by what it holds.
                        let plain_kept =
                            print.is_none() && fresh.is_some_and(|fresh| fresh(&out.path, crate::fingerprint::hash(&out.bytes)));
                        if !plain_kept {
                            emit_one(emit, out)?;
                        }
                    }
                    progress.advance();
                    Ok(())
                },
            )
            .collect()
    });
    first_error(results).map_or(Ok(()), Err)
}

/// The files pages name beside them (a bundle's images and audio, a
/// person's photo); returns how many.
fn write_copies(site: &Site, emit: &Emit<'_>) -> Result<usize, GenerateError> {
    let copies: Vec<&Copy> = site.interviews.iter().flat_map(|i| &i.copies).chain(site.people.iter().flat_map(|p| p.copies())).collect();
    let results: Vec<Result<(), GenerateError>> = copies
        .par_iter()
        .map(|c| {
            let bytes = std::fs::read(site.config.root.join(&c.from)).map_err(|error| GenerateError::Io { path: c.from.clone(), error })?;
            emit_one(emit, Output { path: c.to.clone(), bytes })
        })
        .collect();
    first_error(results).map_or(Ok(copies.len()), Err)
}

/// The theme's assets and the site's static files; returns how many.
fn write_statics(theme: &Theme, emit: &Emit<'_>) -> Result<usize, GenerateError> {
    let mut files = 0;
    for out in statics(theme) {
        emit_one(emit, out)?;
        files += 1;
    }
    Ok(files)
}

fn emit_one(emit: &Emit<'_>, out: Output) -> Result<(), GenerateError> {
    let path = out.path.clone();
    emit(out).map_err(|error| GenerateError::Io { path: PathBuf::from(path), error })
}

/// `emit` for the search index, whose errors are diagnostics.
fn diagnosing<'a>(emit: &'a Emit<'a>) -> impl Fn(Output) -> Result<(), Diagnostic> + Sync + 'a {
    move |out: Output| {
        let path = out.path.clone();
        emit(out).map_err(|e| Diagnostic::file(path, Kind::CannotWrite { reason: e.to_string() }))
    }
}

/// The search index's files, handed to `emit`.
pub(crate) fn build_search(site: &Site, emit: &Emit<'_>) -> Result<usize, GenerateError> {
    search_with(site, emit, None, None, &Silent).map(|(files, _)| files)
}

fn search_with(
    site: &Site,
    emit: &Emit<'_>,
    fresh: Option<&Fresh<'_>>,
    known: Option<&search::Known>,
    progress: &dyn Progress,
) -> Result<(usize, Vec<Vec<u32>>), GenerateError> {
    let strings = Strings::new(&site.config.language, &site.config.strings);
    let date = |i: usize| strings.date(&site.interviews[i].meta.date);
    search::build(site, &date, &diagnosing(emit), fresh, known, progress).map_err(|d| GenerateError::Content(vec![d]))
}

/// All template errors together; otherwise the first I/O error.
fn first_error(results: Vec<Result<(), GenerateError>>) -> Option<GenerateError> {
    let mut diagnostics = Vec::new();
    let mut io = None;
    for r in results {
        match r {
            Ok(()) => {}
            Err(GenerateError::Content(d)) => diagnostics.extend(d),
            Err(e) => io = io.or(Some(e)),
        }
    }
    if !diagnostics.is_empty() {
        diagnostics.sort();
        // One mistake in a template breaks many pages: report each place once.
        diagnostics.dedup_by(|a, b| (&a.file, a.line, a.column) == (&b.file, b.line, b.column));
        return Some(GenerateError::Content(diagnostics));
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
        return Err(Diagnostic::new("site.toml", config.output_dir_at.0, config.output_dir_at.1, Kind::OutputIsSite { output: out }));
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
