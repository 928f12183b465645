//! The template context of one page: the site-wide values (site, strings,
//! assets), made once per renderer, and the page's own. A worker renders page
//! after page in one context, taking each page's values out again when it is
//! written, so the site-wide values are never copied per page.
//!
//! A context can instead take a page's fingerprint: each value is hashed as it
//! is put in, not kept, and the build cache compares the hash with the one of
//! the page already written.

use serde::Serialize;

use crate::fingerprint::Fingerprint;

/// Keys a page family puts in the context; they are removed after the page.
pub(crate) struct PageContext {
    ctx: tera::Context,
    keys: Vec<&'static str>,
    /// The largest page written from each template so far: the next one
    /// starts with room for as much, rather than growing to it.
    sizes: std::collections::HashMap<&'static str, usize>,
    /// Taking a fingerprint: values are hashed, not kept.
    print: Option<Print>,
}

struct Print {
    hash: Fingerprint,

    /// The page set a non-empty description.
    described: bool,
}

impl PageContext {
    /// A context holding the site-wide values of `base`.
    pub fn new(base: &tera::Context) -> PageContext {
        PageContext { ctx: base.clone(), keys: Vec::new(), sizes: Default::default(), print: None }
    }

    /// A buffer for a page of `template`.
    pub fn buffer(&self, template: &'static str) -> Vec<u8> {
        Vec::with_capacity(self.sizes.get(template).copied().unwrap_or(16 * 1024))
    }

    /// Remember how large a page of `template` came out.
    pub fn wrote(&mut self, template: &'static str, len: usize) {
        let largest = self.sizes.entry(template).or_default();
        *largest = (*largest).max(len);
    }

    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        if let Some(print) = &mut self.print {
            print.hash.bytes(key.as_bytes());
            if key == "description" {
                print.described = serde_json::to_value(value).is_ok_and(|v| v.as_str() != Some(""));
            }
            // bincode writes strings as they are (JSON would escape them, at
            // twice the cost). A value it cannot write (a sequence of unknown
            // length) is written again as JSON after what bincode wrote of it:
            // the same value still gives the same bytes.
            if bincode::serialize_into(&mut print.hash, value).is_err() {
                let _ = serde_json::to_writer(&mut print.hash, value);
            }
            return;
        }
        self.ctx.insert(key, value);
        self.keys.push(key);
    }

    /// True when the page set `key` to a non-empty value.
    pub fn has(&self, key: &str) -> bool {
        if let Some(print) = &self.print {
            return key == "description" && print.described;
        }
        self.ctx.get(key).is_some_and(|v| !v.as_str().is_some_and(str::is_empty))
    }

    /// Hash the values put in from now on instead of keeping them.
    pub fn start_print(&mut self, seed: u64) {
        let mut hash = Fingerprint::default();
        hash.bytes(&seed.to_le_bytes());
        self.print = Some(Print { hash, described: false });
    }

    /// The hash of the values put in since [`Self::start_print`], and `extra`;
    /// back to keeping values.
    pub fn end_print(&mut self, extra: &[&[u8]]) -> u64 {
        let mut print = self.print.take().expect("start_print first");
        for bytes in extra {
            print.hash.bytes(bytes);
        }
        print.hash.finish()
    }

    pub fn get(&self) -> &tera::Context {
        &self.ctx
    }

    /// Take the page's values out, leaving the site-wide ones.
    pub fn clear(&mut self) {
        for key in self.keys.drain(..) {
            self.ctx.remove(key);
        }
    }
}
