//! Files → interviews. [`source`] reads the files under `content/`;
//! [`frontmatter`] splits each into its YAML and its body and reads the YAML as
//! written; [`meta`] checks it against the site's settings. Front matter comes
//! first, for every file in parallel, so that every page's URL is known before
//! any body (which links to them) is parsed. Then [`body`] parses each body,
//! once, into a resolved [`Interview`]. Drafts and future interviews are
//! checked like the rest but left out unless asked for.

pub(crate) mod approx;
pub(crate) mod assets;
pub(crate) mod body;
pub(crate) mod frontmatter;
pub(crate) mod highlight;
pub(crate) mod interview;
pub(crate) mod keywords;
pub(crate) mod links;
pub(crate) mod markdown;
pub(crate) mod meta;
pub(crate) mod nesting;
pub(crate) mod participants;
pub(crate) mod person;
pub(crate) mod reading;
pub(crate) mod recording;
pub(crate) mod scheme;
pub(crate) mod source;
pub(crate) mod timecode;
pub(crate) mod turns;
pub(crate) mod yaml_guard;
pub(crate) mod yaml_spans;

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use crate::config::Config;
use crate::error::Diagnostic;
use crate::progress::Progress;
pub(crate) use body::Context;
pub(crate) use interview::Interview;
use keywords::KeywordIndex;
use links::{LinkMap, Target};
use meta::Meta;
use source::Source;

/// Which interviews a build publishes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Selection {
    pub drafts: bool,
    pub now: DateTime<FixedOffset>,
}

impl Selection {
    pub fn publishes(&self, meta: &Meta) -> bool {
        self.drafts || (!meta.draft && meta.date <= self.now)
    }
}

/// A file whose front matter is valid, its body not parsed yet.
pub(crate) struct Fronted {
    pub source: Source,
    pub meta: Meta,
    /// Where the Markdown body starts in `source.text`.
    pub body_offset: usize,
    /// What the front matter deserves a warning for.
    pub warnings: Vec<Diagnostic>,
}

/// What parsing a body needs besides its own file: where every content file
/// is published, and the topic keywords.
pub(crate) struct Catalog {
    pub links: LinkMap,
    pub keywords: KeywordIndex,
}

impl Catalog {
    pub fn context<'a>(&'a self, config: &'a Config) -> Context<'a> {
        Context { config, links: &self.links, keywords: &self.keywords }
    }
}

/// Every file's front matter, and the catalog their bodies are parsed with.
pub(crate) struct FrontMatters {
    pub files: Vec<Fronted>,
    pub catalog: Catalog,
}

/// The front matter of every file, in parallel, and the links between them.
/// `known` may give a file's front matter already read (the build cache's),
/// which is then not read again.
pub(crate) fn front_matters_known(
    config: &Config,
    sources: Vec<Source>,
    selection: Selection,
    known: &(dyn Fn(&Source) -> Option<FrontMatter> + Sync),
    progress: &dyn Progress,
) -> (FrontMatters, Vec<Diagnostic>) {
    let metas: Vec<Result<FrontMatter, Vec<Diagnostic>>> = crate::progress::stage(progress, "front", sources.len(), || {
        sources
            .par_iter()
            .map(|s| {
                let front = known(s).map_or_else(|| front_matter(config, s), Ok);
                progress.advance();
                front
            })
            .collect()
    });
    let mut errors: Vec<Diagnostic> = Vec::new();
    let mut links = LinkMap::default();
    let mut slugs: std::collections::HashMap<String, PathBuf> = Default::default();
    let mut files = Vec::with_capacity(sources.len());
    for (source, meta) in sources.into_iter().zip(metas) {
        match meta {
            Ok(FrontMatter { meta, body_offset, warnings }) => {
                if let Some(other) = slugs.insert(meta.slug.clone(), source.path.clone()) {
                    let (line, column) = meta::slug_location(&source);
                    errors.push(Diagnostic::new(
                        &source.path,
                        line,
                        column,
                        crate::error::Kind::DuplicateSlug { slug: meta.slug.clone(), other: other.clone() },
                    ));
                }
                let target =
                    Target { slug: meta.slug.clone(), url: format!("interviews/{}/", meta.slug), published: selection.publishes(&meta) };
                links.insert(source.content_path.clone(), target);
                files.push(Fronted { source, meta, body_offset, warnings });
            }
            Err(e) => {
                links.insert_unreadable(source.content_path.clone());
                errors.extend(e);
            }
        }
    }
    for file in &files {
        let Some(original) = file.meta.translation_of.as_deref() else { continue };
        if !slugs.contains_key(original) || original == file.meta.slug {
            let (line, column) = meta::key_location(&file.source, "translation_of");
            let suggestion = crate::error::did_you_mean(original, slugs.keys().map(String::as_str).filter(|s| *s != file.meta.slug));
            errors.push(Diagnostic::new(
                &file.source.path,
                line,
                column,
                crate::error::Kind::UnknownTranslation { slug: original.to_string(), suggestion },
            ));
        }
    }
    (FrontMatters { files, catalog: Catalog { links, keywords: KeywordIndex::new(&config.topics) } }, errors)
}

/// The interviews a build publishes, and what was found in all of them.
pub(crate) struct Bodies {
    pub interviews: Vec<Interview>,
    pub errors: Vec<Diagnostic>,
    /// The links to other pages' anchors of the bodies that failed.
    pub failed_links: Vec<(PathBuf, Vec<interview::AnchorLink>)>,
    /// Sorted; from unpublished interviews too.
    pub warnings: Vec<Diagnostic>,
    pub skipped: Skipped,
}

/// How many interviews a build left out, and why.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Skipped {
    pub drafts: usize,
    /// Dated after the build (and not drafts).
    pub future: usize,
}

/// Every body, parsed in parallel into its interview. Unpublished interviews
/// are checked like the rest but left out. Each source is dropped once parsed,
/// so the texts are not held beside what they became.
pub(crate) fn parse_bodies(files: Vec<Fronted>, ctx: &Context, selection: Selection, progress: &dyn Progress) -> Bodies {
    parse_bodies_known(files.into_iter().map(|f| (f, None)).collect(), ctx, selection, progress)
}

/// [`parse_bodies`], where a file may come with the interview its body is
/// already known to make (the build cache's), which is then not parsed again.
pub(crate) fn parse_bodies_known(
    files: Vec<(Fronted, Option<Interview>)>,
    ctx: &Context,
    selection: Selection,
    progress: &dyn Progress,
) -> Bodies {
    let parsed: Vec<(bool, body::Parsed)> = crate::progress::stage(progress, "parse", files.len(), || {
        files
            .into_par_iter()
            .map(|(fronted, known)| {
                let publish = selection.publishes(&fronted.meta);
                let result = match known {
                    Some(interview) => Ok((interview, fronted.warnings)),
                    None => body::parse(fronted, ctx),
                };
                progress.advance();
                (publish, result)
            })
            .collect()
    });
    let mut bodies = Bodies {
        interviews: Vec::with_capacity(parsed.len()),
        errors: Vec::new(),
        failed_links: Vec::new(),
        warnings: Vec::new(),
        skipped: Skipped::default(),
    };
    for (publish, result) in parsed {
        match result {
            Ok((interview, warnings)) => {
                bodies.warnings.extend(warnings);
                // Unpublished interviews are still checked; only what was found is kept.
                if publish {
                    bodies.interviews.push(interview);
                } else if interview.meta.draft {
                    bodies.skipped.drafts += 1;
                } else {
                    bodies.skipped.future += 1;
                }
            }
            Err(failure) => {
                bodies.errors.extend(failure.errors);
                bodies.failed_links.push((failure.path, failure.links));
            }
        }
    }
    bodies.warnings.sort();
    bodies
}

/// One file's front matter, checked, with where its body starts.
pub(crate) struct FrontMatter {
    pub meta: Meta,
    pub body_offset: usize,
    pub warnings: Vec<Diagnostic>,
}

/// One file's front matter, checked.
pub(crate) fn front_matter(config: &Config, source: &Source) -> Result<FrontMatter, Vec<Diagnostic>> {
    let split = frontmatter::split(source).map_err(|e| vec![e])?;
    let read = frontmatter::parse(source, split.yaml);
    let mut errors = read.errors;
    let Some(raw) = read.raw else { return Err(errors) };
    match meta::validate(raw, source, split.yaml, config) {
        Ok(checked) if errors.is_empty() => {
            Ok(FrontMatter { meta: checked.meta, body_offset: split.body_offset, warnings: checked.warnings })
        }
        Ok(_) => Err(errors),
        Err(more) => {
            errors.extend(more);
            errors.sort();
            Err(errors)
        }
    }
}
