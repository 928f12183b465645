//! What a build reuses of the last one through the build cache: the keys an
//! interview's front matter, body and page are known by, and where the
//! build writes (a fresh folder, or the output folder file by file).

use std::path::{Path, PathBuf};

use super::Prepared;
use crate::config::Config;
use crate::output::cache::Cache;
use crate::output::write::{Patch, Staging};
use crate::render::{Fresh, Output};
use crate::site::Site;

/// What a cached build reuses: the interviews parsed before, and the files
/// written before whose inputs are the same.
pub(crate) struct Memo<'a> {
    pub(super) cache: &'a mut Cache,
    pub(super) fresh: &'a Fresh<'a>,
}

/// What interview `i`'s page reads of the rest of the site, as one hash: the
/// titles and URLs of its older and newer neighbours, the languages and
/// URLs of its versions, its place in its collection, and the person each of
/// its names links to. The rest comes from the interview itself and the
/// settings, which its key covers, and from the theme, which every page's
/// fingerprint covers. An edit of one interview's title so remakes its
/// neighbours' pages, not every interview's.
pub(super) fn neighbourhood(site: &Site, i: usize) -> u64 {
    let mut print = crate::fingerprint::Fingerprint::default();
    print.bytes(site.interviews[i].url.as_bytes());
    for j in [i.checked_sub(1), i.checked_add(1)] {
        match j.and_then(|j| site.interviews.get(j)) {
            Some(n) => print.bytes(n.meta.title.as_bytes()).bytes(n.url.as_bytes()),
            None => print.bytes(&[]),
        };
    }
    for &v in site.versions.get(i).map_or(&[][..], Vec::as_slice) {
        let version = &site.interviews[v];
        print.bytes(version.meta.lang.as_bytes()).bytes(version.url.as_bytes()).bytes(&[u8::from(v == i)]);
    }
    if let Some((c, at)) = site.collection_of(i) {
        let at = at.map_or(u64::MAX, |at| at as u64);
        print.bytes(c.url.as_bytes()).bytes(&at.to_le_bytes()).bytes(&(c.entries.len() as u64).to_le_bytes());
    }
    for (name, p) in site.cast.get(i).map_or(&[][..], Vec::as_slice) {
        let person = &site.people[*p];
        print.bytes(name.as_bytes()).bytes(person.name.as_bytes()).bytes(person.url.as_bytes());
    }
    print.finish()
}

/// What a file was read and parsed with, besides its text.
#[derive(Clone, Copy)]
pub(crate) struct Keys {
    /// Its text and [`front_context`].
    pub(super) front: u64,
    pub(super) body_offset: usize,
    /// Its text and [`parse_context`].
    pub(super) parse: u64,
}

/// The hash of `text` read with `context`.
pub(super) fn keyed(context: u64, text: &str) -> u64 {
    crate::fingerprint::Fingerprint::default().bytes(&context.to_le_bytes()).bytes(text.as_bytes()).finish()
}

/// Everything reading a front matter depends on besides the file's text:
/// wenda itself and the settings (the person files' names among them).
pub(super) fn front_context(config: &Config) -> u64 {
    let mut print = crate::fingerprint::Fingerprint::default();
    print.bytes(&program_hash().to_le_bytes());
    // The settings as read; where the site is does not matter (only a file
    // naming other files looks there, and those files are not cached).
    let config = Config { root: PathBuf::new(), ..config.clone() };
    print.bytes(format!("{config:?}").as_bytes());
    print.finish()
}

/// Everything a body's parse reads besides its own text, as one hash: what
/// its front matter was read with, the command's options, the theme's code
/// styles, and where every file is published.
pub(super) fn parse_context(prepared: &Prepared) -> u64 {
    let mut print = crate::fingerprint::Fingerprint::default();
    print.bytes(&front_context(&prepared.config).to_le_bytes());
    print.bytes(prepared.theme.assets.get("syntax.css").map_or(&[][..], |a| &a.bytes));
    let mut published: Vec<(&Path, &str, bool)> = prepared
        .fronts
        .files
        .iter()
        .map(|f| (f.source.content_path.as_path(), f.meta.slug.as_str(), prepared.selection.publishes(&f.meta)))
        .collect();
    published.sort();
    for (path, slug, publishes) in published {
        print.bytes(path.as_os_str().as_encoded_bytes()).bytes(slug.as_bytes()).bytes(&[publishes as u8]);
    }
    print.finish()
}

/// The running program, by its version, size and modification time: a
/// rebuilt wenda (another version, or the same version changed) reuses
/// nothing cached by another.
pub(super) fn program_hash() -> u64 {
    let stamp = std::env::current_exe().and_then(std::fs::metadata).map(|m| (m.len(), m.modified().ok()));
    let stamp = format!("{} {stamp:?}", env!("CARGO_PKG_VERSION"));
    crate::fingerprint::hash(stamp.as_bytes())
}

/// An interview whose parse depends on its text alone (and on what
/// [`parse_context`] covers): not one that names files of the site or is a
/// page bundle, whose files may change without its text.
pub(super) fn cacheable(interview: &crate::content::Interview) -> bool {
    !interview.names_files && interview.copies.is_empty() && interview.path.file_name().is_none_or(|n| n != "index.md")
}

/// Where a build writes: a fresh folder swapped in whole, or the output
/// folder itself, file by file.
pub(super) enum Target {
    Staging(Staging),
    Patch(Patch),
}

impl Target {
    pub(super) fn write(&self, out: &Output) -> std::io::Result<()> {
        match self {
            Target::Staging(s) => s.write(out),
            Target::Patch(p) => p.write(out),
        }
    }

    pub(super) fn keep(&self, path: &str) -> bool {
        match self {
            Target::Staging(s) => s.keep(path),
            Target::Patch(p) => p.keep(path),
        }
    }

    pub(super) fn commit<'a>(self, stale: impl Iterator<Item = &'a str>) -> std::io::Result<()> {
        match self {
            Target::Staging(s) => s.commit(),
            Target::Patch(p) => p.commit(stale),
        }
    }

    pub(super) fn abort(self) {
        match self {
            Target::Staging(s) => s.abort(),
            Target::Patch(p) => p.abort(),
        }
    }
}
