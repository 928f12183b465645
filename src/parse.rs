//! Turns the loaded sources into interviews. Front matter comes first, for all
//! files in parallel, so that every page's URL is known before any body (which
//! links to them) is parsed. The bodies are parsed by the build's one pass
//! (`build::stream`), or by [`parse_bodies`] when a build stops early and their
//! problems are still to be reported. Drafts and future interviews are checked
//! like the rest but left out unless asked for.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::frontmatter;
use crate::interview::{self, ParseContext, Pass};
use crate::keywords::KeywordIndex;
use crate::links::{LinkMap, Target};
use crate::meta::{self, Meta};
use crate::model::Interview;
use crate::progress::Progress;
use crate::source::Source;

/// Which interviews a build publishes.
#[derive(Debug, Clone, Copy)]
pub struct Selection {
    pub drafts: bool,
    pub now: DateTime<FixedOffset>,
}

impl Selection {
    pub fn publishes(&self, meta: &Meta) -> bool {
        self.drafts || (!meta.draft && meta.date <= self.now)
    }
}

/// The published interviews and what parsing them again needs.
pub struct Parsed {
    pub interviews: Vec<Interview>,
    pub links: LinkMap,
    pub keywords: KeywordIndex,
}

/// A file whose front matter is valid, its body not parsed yet.
pub struct Fronted {
    pub source: Source,
    pub meta: Meta,
    pub body_offset: usize,
}

/// Every file's front matter: what parsing the bodies needs.
pub struct FrontMatters {
    pub files: Vec<Fronted>,
    pub links: LinkMap,
    pub keywords: KeywordIndex,
}

/// The front matter of every file, in parallel, and the links between them.
pub fn front_matters(config: &Config, sources: Vec<Source>, selection: Selection) -> (FrontMatters, Vec<Diagnostic>) {
    let metas: Vec<Result<(Meta, usize), Vec<Diagnostic>>> = sources.par_iter().map(|s| front_matter(config, s)).collect();
    let mut errors: Vec<Diagnostic> = Vec::new();
    let mut links = LinkMap::default();
    let mut slugs: std::collections::HashMap<String, PathBuf> = Default::default();
    let mut files = Vec::with_capacity(sources.len());
    for (source, meta) in sources.into_iter().zip(metas) {
        match meta {
            Ok((meta, body_offset)) => {
                if let Some(other) = slugs.insert(meta.slug.clone(), source.path.clone()) {
                    // At the `slug:` line when there is one; the file name made it otherwise.
                    let written = frontmatter::split(&source).ok().filter(|sp| sp.yaml.lines().any(|l| l.starts_with("slug:")));
                    let (line, column) = written.map_or((1, 1), |sp| frontmatter::locate(sp.yaml, "slug", None));
                    errors.push(Diagnostic::new(
                        &source.path,
                        line,
                        column,
                        format!("the slug \"{}\" is already used by {}; give one of them another `slug:`", meta.slug, other.display()),
                    ));
                }
                let target = Target {
                    slug: meta.slug.clone(),
                    url: format!("interviews/{}/", meta.slug),
                    published: selection.publishes(&meta),
                };
                links.insert(source.content_path.clone(), target);
                files.push(Fronted { source, meta, body_offset });
            }
            Err(e) => {
                links.insert_unreadable(source.content_path.clone());
                errors.extend(e);
            }
        }
    }
    (FrontMatters { files, links, keywords: KeywordIndex::new(&config.topics) }, errors)
}

/// The structure of every body, in parallel. Unpublished interviews are
/// checked like the rest but left out. Each source moves into its interview,
/// so the texts are not held twice.
pub fn parse_bodies(config: &Config, fronts: FrontMatters, selection: Selection, progress: &dyn Progress) -> (Parsed, Vec<Diagnostic>) {
    let FrontMatters { files, links, keywords } = fronts;
    let ctx = ParseContext { config, links: &links, keywords: &keywords };
    progress.start("parse", files.len());
    let parsed: Vec<Result<Interview, Vec<Diagnostic>>> = files
        .into_par_iter()
        .filter_map(|Fronted { source, meta, body_offset }| {
            let publish = selection.publishes(&meta);
            let result = interview::parse(source, meta, body_offset, &ctx, Pass::Structure);
            progress.advance();
            // Unpublished interviews are still checked; only their errors are kept.
            (publish || result.is_err()).then_some(result)
        })
        .collect();
    progress.finish();
    let mut interviews = Vec::with_capacity(parsed.len());
    let mut errors = Vec::new();
    for p in parsed {
        match p {
            Ok(i) => interviews.push(i),
            Err(e) => errors.extend(e),
        }
    }
    (Parsed { interviews, links, keywords }, errors)
}

pub fn front_matter(config: &Config, source: &Source) -> Result<(Meta, usize), Vec<Diagnostic>> {
    let split = frontmatter::split(source).map_err(|e| vec![e])?;
    let raw = frontmatter::parse(source, split.yaml).map_err(|e| vec![e])?;
    let meta = meta::validate(raw, source, split.yaml, config)?;
    Ok((meta, split.body_offset))
}
