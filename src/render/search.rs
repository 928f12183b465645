//! The search index: full text of every question and answer, searchable in
//! the browser with no server, in Chinese and English alike.
//!
//! Terms are Latin words (lowercased) and overlapping pairs of CJK characters,
//! so an unspaced Chinese query ("金融大模型") is cut into the same pairs as the
//! text and needs no word segmenter on either side. A term is stored as a
//! 32-bit FNV-1a hash; a rare collision only adds a candidate, which the
//! browser drops when it checks the real text.
//!
//! Output, under `search/`:
//! - `meta.json`: the number of shards and documents;
//! - `index/<n>.bin`: shard n, gzip'd: the terms whose hash % shards == n,
//!   sorted by hash, each `hash: u32 LE, count: varint, ids: varint deltas`;
//! - `docs/<g>.bin`: the documents `g * DOCS_PER_FILE ..` as one gzip'd JSON
//!   array; a document is one interview (id = its place in the site, newest
//!   first): title, URL, date and every exchange's anchor, question and text.
//!   Grouped and compressed, the full text of 10,000 interviews is some 600
//!   files and a fifth of its bytes; the extension is not `.gz`, so that no
//!   host serves it with a `Content-Encoding` the browser would undo itself.
//!
//! A query loads the meta, one shard per term and the document groups of the
//! results it shows.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;
use serde::Serialize;

use super::{Fresh, Output};
use crate::content::reading::is_cjk;
use crate::content::Interview;
use crate::error::{Diagnostic, Kind};
use crate::fingerprint::hash;
use crate::progress::Progress;
use crate::site::Site;

/// Average shard size aimed at, in bytes of postings.
const SHARD_TARGET_BYTES: usize = 16 * 1024;
const MAX_SHARDS: usize = 8192;
/// Documents per file under `docs/`: few enough that a page of ten results
/// from ten different groups stays a few hundred kilobytes.
pub(crate) const DOCS_PER_FILE: usize = 16;

#[derive(Serialize)]
struct Doc<'a> {
    title: &'a str,
    url: String,
    date: String,
    /// [anchor, question, text of the answers]
    records: Vec<(&'a str, String, String)>,
}

/// A term's postings: document ids as varint deltas.
#[derive(Default)]
pub(crate) struct Postings {
    last: Option<u32>,
    bytes: Vec<u8>,
}

impl Postings {
    fn push(&mut self, id: u32) {
        if self.last == Some(id) {
            return;
        }
        let delta = id - self.last.map_or(0, |l| l + 1);
        self.last = Some(id);
        write_varint(&mut self.bytes, delta);
    }
}

/// The key is a hash already; it only needs spreading over 64 bits, whose top
/// bits the map's probing relies on (a bare u32 would leave them all zero).
#[derive(Default)]
pub(crate) struct Spread(u64);

impl Hasher for Spread {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("only u32 keys")
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// The terms of a run of consecutive documents, each with its postings.
pub(crate) type TermMap = HashMap<u32, Postings, BuildHasherDefault<Spread>>;

/// A run of documents indexed together: its terms, and each document's.
type Chunk = (TermMap, Vec<Vec<u32>>);

/// What the last build knew of the documents: for each interview, the key
/// its document is made from (when it has one), and the terms of the keys
/// it indexed.
pub(crate) struct Known<'a> {
    pub keys: Vec<Option<u64>>,
    pub terms: &'a HashMap<u64, Vec<u32>>,
}

/// Build the index, handing every file to `emit` as it is made; `fresh` is
/// asked of each group with its documents' keys (or its bytes' hash) and of
/// each shard with its bytes' hash, before they are compressed. Returns the
/// number of files and each document's terms (for the next build).
pub(crate) fn build(
    site: &Site,
    date: &(dyn Fn(usize) -> String + Sync),
    emit: &(dyn Fn(Output) -> Result<(), Diagnostic> + Sync),
    fresh: Option<&Fresh>,
    known: Option<&Known>,
    progress: &dyn Progress,
) -> Result<(usize, Vec<Vec<u32>>), Diagnostic> {
    let n = site.interviews.len();
    let ids: Vec<usize> = (0..n).collect();
    let chunks: Result<Vec<Chunk>, Diagnostic> = crate::progress::stage(progress, "search", n, || {
        ids.par_chunks(chunk_len(n))
            .map(|chunk_ids| {
                let mut terms = TermMap::default();
                let mut doc_terms = Vec::with_capacity(chunk_ids.len());
                for group in chunk_ids.chunks(DOCS_PER_FILE) {
                    let path = format!("search/docs/{}.bin", group[0] / DOCS_PER_FILE);
                    // A group of documents that all have keys is known by them.
                    let keyed = known.and_then(|k| {
                        let mut print = crate::fingerprint::Fingerprint::default();
                        print.bytes(&group[0].to_le_bytes());
                        group.iter().try_for_each(|&id| {
                            k.keys[id].map(|key| {
                                print.bytes(&key.to_le_bytes());
                            })
                        })?;
                        Some(print.finish())
                    });
                    if let (Some(fresh), Some(print)) = (fresh, keyed) {
                        if fresh(&path, print) {
                            for &id in group {
                                let listed = known.and_then(|k| k.keys[id].and_then(|key| k.terms.get(&key)));
                                let list = listed.cloned().unwrap_or_else(|| add(&site.interviews[id]).1);
                                list.iter().for_each(|&key| terms.entry(key).or_default().push(id as u32));
                                doc_terms.push(list);
                                progress.advance();
                            }
                            continue;
                        }
                    }
                    let mut json = b"[".to_vec();
                    for &id in group {
                        if id % DOCS_PER_FILE != 0 {
                            json.push(b',');
                        }
                        let interview = &site.interviews[id];
                        let (records, list) = add(interview);
                        let doc = Doc {
                            title: &interview.meta.title,
                            url: format!("{}{}", site.config.base_path, interview.url),
                            date: date(id),
                            records,
                        };
                        serde_json::to_writer(&mut json, &doc)
                            .map_err(|e| Diagnostic::file(&interview.path, Kind::CannotWrite { reason: e.to_string() }))?;
                        list.iter().for_each(|&key| terms.entry(key).or_default().push(id as u32));
                        doc_terms.push(list);
                        progress.advance();
                    }
                    json.push(b']');
                    let print = keyed.unwrap_or_else(|| hash(&json));
                    if !fresh.is_some_and(|fresh| fresh(&path, print)) {
                        emit(Output { path, bytes: gzip(&json) })?;
                    }
                }
                Ok((terms, doc_terms))
            })
            .collect::<Result<_, Diagnostic>>()
    });
    let (maps, doc_terms): (Vec<TermMap>, Vec<Vec<Vec<u32>>>) = chunks?.into_iter().unzip();
    let files = write_index(&maps, n, emit, fresh, progress)?;
    Ok((files, doc_terms.into_iter().flatten().collect()))
}

/// How many consecutive documents one [`TermMap`] gathers when `n` are
/// indexed in parallel: a whole number of document files.
fn chunk_len(n: usize) -> usize {
    n.div_ceil(rayon::current_num_threads() * 4).next_multiple_of(DOCS_PER_FILE).max(DOCS_PER_FILE)
}

/// Gzip, as a browser's `DecompressionStream` reads it.
pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 3), flate2::Compression::new(6));
    encoder.write_all(bytes).and_then(|()| encoder.finish()).expect("writing to memory cannot fail")
}

/// An interview's records (anchor, question, text of the answers) and its
/// terms, each once (but for the rare repeat the small table lets through,
/// which [`Postings::push`] drops).
fn add(full: &Interview) -> (Vec<(&str, String, String)>, Vec<u32>) {
    let mut list = Vec::new();
    let mut recent = [u64::MAX; 4096];
    let mut add = |key: u32| {
        let slot = &mut recent[key as usize % 4096];
        if *slot != u64::from(key) {
            *slot = u64::from(key);
            list.push(key);
        }
    };
    let mut records = Vec::new();
    each_term(&full.meta.title, &mut add);
    for ex in full.sections.iter().flat_map(|s| &s.exchanges) {
        let anchor =
            ex.question.as_ref().map(|q| q.anchor.as_str()).or_else(|| ex.answers.first().map(|a| a.anchor.as_str())).unwrap_or("");
        let question = ex.question.as_ref().map(|q| q.text()).unwrap_or_default();
        let text = ex.answers.iter().map(|a| format!("{}: {}", a.speaker, a.text())).collect::<Vec<_>>().join("\n");
        each_term(&question, &mut add);
        each_term(&text, &mut add);
        records.push((anchor, question, text));
    }
    (records, list)
}

/// The index's shards and meta file for `n` documents, from the term maps of
/// consecutive runs of them, in order. Returns the number of files.
fn write_index(
    maps: &[TermMap],
    n: usize,
    emit: &(dyn Fn(Output) -> Result<(), Diagnostic> + Sync),
    fresh: Option<&Fresh>,
    progress: &dyn Progress,
) -> Result<usize, Diagnostic> {
    let total: usize = maps.iter().flat_map(|m| m.values()).map(|p| p.bytes.len() + 6).sum();
    let shards = (total / SHARD_TARGET_BYTES).clamp(1, MAX_SHARDS).next_power_of_two();
    let keys = keys_by_shard(maps, shards);
    crate::progress::stage(progress, "index", shards, || {
        keys.par_iter().enumerate().try_for_each(|(shard, keys)| {
            let path = format!("search/index/{shard}.bin");
            let bytes = shard_bytes(maps, keys);
            let kept = fresh.is_some_and(|fresh| fresh(&path, hash(&bytes)));
            let written = if kept { Ok(()) } else { emit(Output { path, bytes: gzip(&bytes) }) };
            progress.advance();
            written
        })
    })?;
    let meta = serde_json::json!({ "version": 2, "shards": shards, "docs": n, "docs_per_file": DOCS_PER_FILE });
    emit(Output { path: "search/meta.json".into(), bytes: meta.to_string().into_bytes() })?;
    Ok(n.div_ceil(DOCS_PER_FILE) + shards + 1)
}

/// Every term key, sorted, in the shard it belongs to.
fn keys_by_shard(maps: &[TermMap], shards: usize) -> Vec<Vec<u32>> {
    let mut out = vec![Vec::new(); shards];
    for key in maps.iter().flat_map(|m| m.keys()) {
        out[*key as usize % shards].push(*key);
    }
    out.par_iter_mut().for_each(|keys| {
        keys.sort_unstable();
        keys.dedup();
    });
    out
}

/// The shard holding `keys`, their postings merged across the chunk maps
/// (which hold consecutive ranges of ids, in order).
fn shard_bytes(maps: &[TermMap], keys: &[u32]) -> Vec<u8> {
    let mut out = Vec::new();
    for &key in keys {
        let lists: Vec<&Postings> = maps.iter().filter_map(|m| m.get(&key)).collect();
        let count: u32 = lists.iter().map(|p| varint_count(&p.bytes)).sum();
        out.extend_from_slice(&key.to_le_bytes());
        write_varint(&mut out, count);
        let mut last: Option<u32> = None;
        for p in lists {
            // Each list starts from id 0; re-base its first delta on the previous list.
            let (first, rest) = read_varint(&p.bytes);
            let absolute = first;
            write_varint(&mut out, absolute - last.map_or(0, |l| l + 1));
            out.extend_from_slice(rest);
            last = p.last;
        }
    }
    out
}

/// Calls `found` with the hash of every term of `text`. Hashes are computed
/// as the characters come, so no term is ever built as a string.
pub(crate) fn each_term(text: &str, mut found: impl FnMut(u32)) {
    let mut word: Option<u32> = None;
    // The hash of the CJK character just read, to start its pair with the next.
    let mut prev_cjk: Option<u32> = None;
    for c in text.chars() {
        if c.is_ascii() {
            prev_cjk = None;
            if c.is_ascii_alphanumeric() {
                word = Some(fnv1a32_extend(word.unwrap_or(FNV_OFFSET), &[c.to_ascii_lowercase() as u8]));
            } else if let Some(hash) = word.take() {
                found(hash);
            }
        } else if is_cjk(c) {
            if let Some(hash) = word.take() {
                found(hash);
            }
            // The pair's hash continues the hash of its first character.
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            if let Some(first) = prev_cjk {
                found(fnv1a32_extend(first, bytes));
            }
            prev_cjk = Some(fnv1a32(bytes));
        } else {
            prev_cjk = None;
            if c.is_alphanumeric() {
                let mut hash = word.unwrap_or(FNV_OFFSET);
                for lower in c.to_lowercase() {
                    hash = fnv1a32_extend(hash, lower.encode_utf8(&mut [0u8; 4]).as_bytes());
                }
                word = Some(hash);
            } else if let Some(hash) = word.take() {
                found(hash);
            }
        }
    }
    if let Some(hash) = word {
        found(hash);
    }
}

const FNV_OFFSET: u32 = 0x811c_9dc5;

/// The same hash the browser computes (search.js).
pub(crate) fn fnv1a32(bytes: &[u8]) -> u32 {
    fnv1a32_extend(FNV_OFFSET, bytes)
}

fn fnv1a32_extend(hash: u32, bytes: &[u8]) -> u32 {
    bytes.iter().fold(hash, |h: u32, &b| (h ^ b as u32).wrapping_mul(0x0100_0193))
}

fn write_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn read_varint(bytes: &[u8]) -> (u32, &[u8]) {
    let mut n = 0u32;
    for (i, &b) in bytes.iter().enumerate() {
        n |= ((b & 0x7f) as u32) << (7 * i);
        if b & 0x80 == 0 {
            return (n, &bytes[i + 1..]);
        }
    }
    (n, &[])
}

fn varint_count(bytes: &[u8]) -> u32 {
    bytes.iter().filter(|&&b| b & 0x80 == 0).count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<u32> {
        let mut v = Vec::new();
        each_term(text, |k| v.push(k));
        v
    }

    #[test]
    fn cjk_pairs_and_latin_words() {
        let pairs: Vec<u32> = ["金融", "融大", "大模", "模型"].iter().map(|t| fnv1a32(t.as_bytes())).collect();
        assert_eq!(terms("金融大模型"), pairs);
        assert_eq!(terms("Regulatory Sandbox!"), vec![fnv1a32(b"regulatory"), fnv1a32(b"sandbox")]);
        assert_eq!(terms("Ärger GPT4o，Straße"), vec![fnv1a32("ärger".as_bytes()), fnv1a32(b"gpt4o"), fnv1a32("straße".as_bytes())]);
        assert_eq!(terms("AI监管x"), vec![fnv1a32(b"ai"), fnv1a32("监管".as_bytes()), fnv1a32(b"x")]);
        // A run of one CJK character has no pair; punctuation ends a run.
        assert!(terms("的。").is_empty());
    }

    #[test]
    fn fnv_matches_reference() {
        assert_eq!(fnv1a32(b""), 0x811c9dc5);
        assert_eq!(fnv1a32(b"a"), 0xe40c292c);
    }

    #[test]
    fn postings_merge_across_chunks() {
        let mut a = TermMap::default();
        let mut b = TermMap::default();
        a.entry(7).or_default().push(1);
        a.entry(7).or_default().push(3);
        b.entry(7).or_default().push(10);
        let maps = [a, b];
        let keys = keys_by_shard(&maps, 2);
        let bytes = shard_bytes(&maps, &keys[1]);
        assert_eq!(&bytes[..4], &7u32.to_le_bytes());
        // count 3, then ids 1, 3, 10 as deltas from the previous id + 1.
        assert_eq!(&bytes[4..], &[3, 1, 1, 6]);
    }
}
