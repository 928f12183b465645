//! The template context of one page: the site-wide values (site, strings,
//! assets), made once per renderer, and the page's own. A worker renders page
//! after page in one context, taking each page's values out again when it is
//! written, so the site-wide values are never copied per page.

use serde::Serialize;

/// Keys a page family puts in the context; they are removed after the page.
pub(crate) struct PageContext {
    ctx: tera::Context,
    keys: Vec<&'static str>,
    /// The largest page written from each template so far: the next one
    /// starts with room for as much, rather than growing to it.
    sizes: std::collections::HashMap<&'static str, usize>,
}

impl PageContext {
    /// A context holding the site-wide values of `base`.
    pub fn new(base: &tera::Context) -> PageContext {
        PageContext { ctx: base.clone(), keys: Vec::new(), sizes: Default::default() }
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
        self.ctx.insert(key, value);
        self.keys.push(key);
    }

    /// True when the page set `key` to a non-empty value.
    pub fn has(&self, key: &str) -> bool {
        self.ctx.get(key).is_some_and(|v| !v.as_str().is_some_and(str::is_empty))
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
