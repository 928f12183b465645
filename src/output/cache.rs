//! The build cache, `.wenda-cache/` beside site.toml: what the last build
//! parsed and what each of its files was made from, so that the next build
//! parses only the interviews that changed and renders and writes only the
//! files whose inputs did. It only ever saves time: an entry is used when
//! everything it was made from is the same, and a cache that is missing, from
//! another version of wenda or unreadable counts as empty.
//!
//! - `parsed/<n>.bin`: the parsed interviews and the search terms of each,
//!   spread over [`SHARDS`] files by path, so that an edit rewrites one;
//! - `files.bin`: the output folder and, for every file the build wrote, the
//!   hash of what made it. It is removed before the output is touched and
//!   written again once the output is whole, so a build that stopped halfway
//!   leaves no cache claiming files it did not finish.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::content::Interview;

const SHARDS: usize = 64;
/// Entries of another version are not read.
const VERSION: &str = concat!("wenda ", env!("CARGO_PKG_VERSION"), " cache 5");

/// An interview as parsed, and what it was parsed from.
#[derive(Serialize, Deserialize)]
struct Parsed<I, T> {
    /// The hash of its text and of what its front matter was read with.
    front: u64,
    /// Where its body starts in its text.
    body_offset: usize,
    /// The hash of its text and of what it was parsed with.
    key: u64,
    interview: I,
    /// Its search document's terms.
    terms: T,
}

#[derive(Serialize, Deserialize)]
struct ParsedShard<I, T> {
    version: String,
    entries: Entries<I, T>,
}

type Entries<I, T> = Vec<(PathBuf, Parsed<I, T>)>;

/// One interview to keep, and what it was read and parsed with.
pub(crate) struct Entry<'a> {
    pub path: &'a Path,
    pub front: u64,
    pub body_offset: usize,
    pub key: u64,
    pub interview: &'a Interview,
    pub terms: &'a [u32],
}

/// What made each file of the output.
#[derive(Serialize, Deserialize, Default, Clone)]
pub(crate) struct Made {
    version: String,
    /// The output folder, as the build named it.
    pub output: PathBuf,
    /// Output path → the hash of what made it.
    pub files: HashMap<String, u64>,
}

pub(crate) struct Cache {
    dir: PathBuf,
    /// The keys each shard held when read.
    keys: Vec<HashMap<PathBuf, u64>>,
    /// The interviews read (with their front key, body offset and key),
    /// until a build takes them.
    interviews: HashMap<PathBuf, (u64, usize, u64, Interview)>,
    /// The search terms of each interview's document, by its key.
    pub terms: HashMap<u64, Vec<u32>>,
    pub made: Made,
}

impl Cache {
    /// The cache of the site at `root`, empty when there is none to read.
    pub fn open(root: &Path) -> Cache {
        let dir = root.join(".wenda-cache");
        let shards: Vec<Entries<Interview, Vec<u32>>> = (0..SHARDS)
            .into_par_iter()
            .map(|n| {
                read::<ParsedShard<Interview, Vec<u32>>>(&dir.join(format!("parsed/{n}.bin")))
                    .filter(|s| s.version == VERSION)
                    .map_or_else(Vec::new, |s| s.entries)
            })
            .collect();
        let keys = shards.iter().map(|entries| entries.iter().map(|(path, p)| (path.clone(), p.key)).collect()).collect();
        let mut terms = HashMap::new();
        let mut interviews = HashMap::new();
        for (path, p) in shards.into_iter().flatten() {
            terms.insert(p.key, p.terms);
            interviews.insert(path, (p.front, p.body_offset, p.key, p.interview));
        }
        let made = read::<Made>(&dir.join("files.bin")).filter(|m| m.version == VERSION).unwrap_or_default();
        Cache { dir, keys, interviews, terms, made }
    }

    /// The front matter read from `path` with `front`, and where its body
    /// starts, if the cache has them.
    pub fn front(&self, path: &Path, front: u64) -> Option<(&crate::content::meta::Meta, usize)> {
        self.interviews.get(path).filter(|e| e.0 == front).map(|e| (&e.3.meta, e.1))
    }

    /// The interview parsed from `path` with `key`, if the cache has it.
    pub fn take(&mut self, path: &Path, key: u64) -> Option<Interview> {
        match self.interviews.remove(path) {
            Some((_, _, cached, interview)) if cached == key => Some(interview),
            _ => None,
        }
    }

    /// Drop the record of the output before the output is changed.
    pub fn forget_output(&self) -> io::Result<()> {
        match std::fs::remove_file(self.dir.join("files.bin")) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Keep `parsed` for the next build, rewriting only the shards whose
    /// entries changed, and `made` for the output now written.
    pub fn save(
        &self,
        parsed: &[Entry],
        made: &HashMap<String, u64>,
        output: &Path,
        progress: &dyn crate::progress::Progress,
    ) -> io::Result<()> {
        std::fs::create_dir_all(self.dir.join("parsed"))?;
        let mut by_shard: Vec<Entries<&Interview, &[u32]>> = (0..SHARDS).map(|_| Vec::new()).collect();
        for e in parsed {
            let p = Parsed { front: e.front, body_offset: e.body_offset, key: e.key, interview: e.interview, terms: e.terms };
            by_shard[shard_of(e.path)].push((e.path.to_path_buf(), p));
        }
        crate::progress::stage(progress, "cache", SHARDS, || {
            by_shard.into_par_iter().enumerate().try_for_each(|(n, entries)| {
                let same = entries.len() == self.keys[n].len() && entries.iter().all(|(path, p)| self.keys[n].get(path) == Some(&p.key));
                let saved = if same {
                    Ok(())
                } else {
                    write(&self.dir.join(format!("parsed/{n}.bin")), &ParsedShard { version: VERSION.into(), entries })
                };
                progress.advance();
                saved
            })
        })?;
        write(&self.dir.join("files.bin"), &Made { version: VERSION.into(), output: output.to_path_buf(), files: made.clone() })
    }
}

fn shard_of(path: &Path) -> usize {
    (crate::fingerprint::hash(path.as_os_str().as_encoded_bytes()) % SHARDS as u64) as usize
}

fn read<T: for<'de> Deserialize<'de>>(path: &Path) -> Option<T> {
    let bytes = std::fs::read(path).ok()?;
    bincode::deserialize(&bytes).ok()
}

/// Written beside and renamed into place: a reader sees the old file or the new.
fn write<T: Serialize>(path: &Path, value: &T) -> io::Result<()> {
    let bytes = bincode::serialize(value).map_err(io::Error::other)?;
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}
