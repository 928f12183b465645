//! A build parses each interview once. As soon as its body is parsed, its
//! page is rendered and handed on, its search document made and its terms
//! gathered; only its structure is kept, for the pages that gather from the
//! whole archive (topics, people, archive, feeds). This holds because an
//! interview's page needs of the other interviews only their front matter,
//! which is read first.

use rayon::prelude::*;

use super::{BuildError, Emit};
use crate::assemble::{assemble, check_anchors};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::i18n::Strings;
use crate::interview::{self, Pass};
use crate::model::{Interview, Site};
use crate::parse::{Fronted, FrontMatters, Parsed, Selection};
use crate::progress::Progress;
use crate::render::{Page, Renderer};
use crate::search::{self, TermMap};
use crate::theme::Theme;

/// The assembled site, the search terms of its interviews when the site has a
/// search (one map per run of consecutive interviews, in order), and the pages
/// that could not be rendered or written.
pub struct Streamed {
    pub site: Site,
    pub terms: Option<Vec<TermMap>>,
    pub failures: Vec<BuildError>,
}

/// What one run of consecutive interviews gave.
#[derive(Default)]
struct Run {
    interviews: Vec<Interview>,
    terms: TermMap,
    /// Problems in the content.
    errors: Vec<Diagnostic>,
    /// Template and write errors.
    failures: Vec<BuildError>,
}

/// Parse every interview's body, write its page (and search document), and
/// assemble the site from their structures. Content errors end the build once
/// every interview is parsed, with every one found; template and write errors
/// are handed back, so that the other pages' can be reported with them.
pub fn interviews(
    config: Config,
    fronts: FrontMatters,
    selection: Selection,
    theme: &Theme,
    progress: &dyn Progress,
    emit: &Emit<'_>,
) -> Result<Streamed, BuildError> {
    let FrontMatters { files, links, keywords } = fronts;
    let (published, unpublished): (Vec<Fronted>, Vec<Fronted>) = files.into_iter().partition(|f| selection.publishes(&f.meta));
    let unparsed = published.into_iter().map(|f| interview::unparsed(f.source, f.meta, f.body_offset)).collect();
    // Sorted, with every person's and neighbour's URL: all an interview's page needs.
    let skeleton = assemble(config, Parsed { interviews: unparsed, links, keywords }).map_err(BuildError::Content)?;
    let search = skeleton.config.search;
    let runs: Vec<Run> = {
        let ctx = skeleton.parse_context();
        let renderer = Renderer::new(&skeleton, theme);
        let strings = Strings::new(&skeleton.config.language, &skeleton.config.strings);
        let n = skeleton.interviews.len();
        progress.start("interviews", n);
        let ids: Vec<usize> = (0..n).collect();
        let mut runs: Vec<Run> = ids
            .par_chunks(search::chunk_len(n))
            .map(|ids| {
                let mut run = Run::default();
                for &i in ids {
                    let stub = &skeleton.interviews[i];
                    match interview::parse(stub.source.clone(), stub.meta.clone(), stub.body_offset, &ctx, Pass::Full) {
                        Ok(full) => {
                            if let Err(e) = write(&renderer, &strings, i, &full, search.then_some(&mut run.terms), emit) {
                                run.failures.push(e);
                            }
                            run.interviews.push(interview::structure_of(full));
                        }
                        Err(e) => run.errors.extend(e),
                    }
                    progress.advance();
                }
                run
            })
            .collect();
        progress.finish();
        // Unpublished interviews are checked like the rest; only their errors count.
        let checked = unpublished
            .into_par_iter()
            .filter_map(|f| interview::parse(f.source, f.meta, f.body_offset, &ctx, Pass::Structure).err())
            .flatten()
            .collect();
        runs.push(Run { errors: checked, ..Run::default() });
        runs
    };
    let mut interviews = Vec::with_capacity(skeleton.interviews.len());
    let (mut errors, mut failures, mut terms) = (Vec::new(), Vec::new(), Vec::new());
    for run in runs {
        interviews.extend(run.interviews);
        errors.extend(run.errors);
        failures.extend(run.failures);
        terms.push(run.terms);
    }
    if !errors.is_empty() {
        errors.extend(check_anchors(&interviews));
        errors.sort();
        return Err(BuildError::Content(errors));
    }
    let Site { config, links, keywords, .. } = skeleton;
    let site = assemble(config, Parsed { interviews, links, keywords }).map_err(BuildError::Content)?;
    Ok(Streamed { site, terms: search.then_some(terms), failures })
}

/// Hand on interview `i`'s page and, with `terms`, its search document.
fn write(renderer: &Renderer, strings: &Strings, i: usize, full: &Interview, terms: Option<&mut TermMap>, emit: &Emit<'_>) -> Result<(), BuildError> {
    let page = renderer.render_interview(&Page::interview(i, full), i, full).map_err(|d| BuildError::Content(vec![d]))?;
    super::emit_one(emit, page)?;
    if let Some(terms) = terms {
        let base_path = &renderer.site.config.base_path;
        let doc = search::add(i, full, base_path, &strings.date(&full.meta.date), terms).map_err(|d| BuildError::Content(vec![d]))?;
        super::emit_one(emit, doc)?;
    }
    Ok(())
}
